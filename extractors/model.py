"""The records that flow through chiso: documents in, articles and facts out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from extractors.tables.grid import Table

Metric = Literal["rank", "score", "rank_change"]
BlockKind = Literal["title", "lead", "paragraph", "heading", "caption", "table"]


@dataclass(frozen=True, slots=True)
class Document:
    """Raw bytes as read from a file or fetched from a URL, before parsing."""

    source: str
    raw: bytes
    kind: Literal["file", "http"] = "file"
    media_type: str | None = None
    encoding: str | None = None
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of reading order: the title, the lead, a paragraph, a caption,
    or a table's text.  ``table``, on the first block of a table, is the
    table read from it and the blocks after it (spans counted from this
    block's start; a table flattened one cell a line spans many blocks)."""

    kind: BlockKind
    text: str
    table: Table | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article.  ``text`` (blocks joined by blank lines) is what fact
    spans point into; it is normalised once, when the article is built."""

    source: str
    blocks: tuple[Block, ...]
    title: str | None = None
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    modified_at: datetime | None = None
    url: str | None = None
    canonical_url: str | None = None
    site: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)

    @property
    def tables(self) -> tuple[tuple[int, Table], ...]:
        """Each table with the index of its first block, spans in ``text``."""
        found = []
        offset = 0
        for i, block in enumerate(self.blocks):
            if block.table is not None:
                found.append((i, block.table.shifted(offset)))
            offset += len(block.text) + 2
        return tuple(found)

    @property
    def lead(self) -> str | None:
        return next((b.text for b in self.blocks if b.kind == "lead"), None)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind in ("paragraph", "heading"))

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def captions(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "caption")


@dataclass(frozen=True, slots=True)
class Fact:
    """One number an article states about one ranked unit in one edition of
    one index (``../shared/spec/FACTS.md``).

    ``span`` is the evidence sentence's character range in ``Article.text``;
    ``value_span`` the range of the words that state the number.
    ``group_size`` is how many units the ranking had, where the text says
    so ("4/63", "thứ 2 trong 17 bộ"); None when it does not.
    """

    entity: str
    index_code: str
    component: str | None
    year: int
    metric: Metric
    value: float
    evidence: str
    span: tuple[int, int]
    value_span: tuple[int, int]
    rule: str
    group_size: int | None = None

    @property
    def key(self) -> tuple[str, str, str | None, int, str, float]:
        return (
            self.entity,
            self.index_code,
            self.component,
            self.year,
            self.metric,
            round(self.value, 6),
        )
