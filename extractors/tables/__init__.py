"""Ranking tables: found where the article is parsed, read here.

The parsers mark a table's text as blocks of kind ``table`` (an HTML
``<table>`` by :mod:`extractors.tables.html`, a table flattened into lines
by :mod:`extractors.tables.text`); :func:`read_tables` gives their facts,
each with its row as evidence and a rule of its own (``table.row``,
``table.profile``), and a note for each table it could not read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from extractors.facts.mentions import find_entities, find_indices, find_years
from extractors.model import Article, Fact
from extractors.tables.grid import Table
from extractors.tables.local import LOCAL_RE
from extractors.tables.read import Reading, Setting, read_table

__all__ = ["TableReading", "read_tables"]

CONTEXT_BLOCKS = 3  # how far above a table its caption or heading may stand


@dataclass(frozen=True, slots=True)
class TableReading:
    facts: list[Fact]
    notes: list[str]
    spans: list[tuple[int, int]]  # the tables' text, which the prose reader skips


def _years(text: str) -> set[int]:
    return {y.years[0] for y in find_years(text) if y.role in ("plain", "paren")}


def _codes(text: str) -> set[str]:
    return {i.code for i in find_indices(text) if not i.weak}


class _Article:
    """What the whole article says, worked out once and only when a table asks."""

    def __init__(self, article: Article) -> None:
        self.article = article
        title = article.title or ""
        codes = _codes(title)
        self.title_index = codes.pop() if len(codes) == 1 else None
        years = _years(title)
        self.title_year = years.pop() if len(years) == 1 else None
        names = {e.name for e in find_entities(title) if e.kind in ("province", "ministry", "agency")}
        self.title_unit = names.pop() if len(names) == 1 else None
        self._dominant: tuple[str | None, int | None] | None = None

    def dominant(self) -> tuple[str | None, int | None]:
        """The article's index and edition, as the prose reader settles them."""
        if self._dominant is None:
            from extractors.facts.extract import analyse

            doc = analyse(self.article)
            self._dominant = (doc.dominant_index, doc.edition) if doc else (None, None)
        return self._dominant


def _above(article: Article, first: int) -> list[str]:
    """The blocks above a table, nearest first, up to the table before it."""
    found = []
    for block in reversed(article.blocks[max(0, first - CONTEXT_BLOCKS) : first]):
        if block.kind == "table" or block.kind == "title":
            break
        found.append(block.text)
    return found


def _setting(table: Table, above: list[str], whole: _Article) -> tuple[Setting, str | None]:
    header = " ".join(c.text for row in table.header for c in row)
    codes = _codes(header)
    index, note = (codes.pop() if len(codes) == 1 else None), None
    if len(codes) > 1:
        note = "its header names several indices"
    caption_codes = next((c for c in map(_codes, above) if c), set())
    if index is None and not note and caption_codes:
        index = caption_codes.pop() if len(caption_codes) == 1 else None
        if index is not None and whole.title_index not in (None, index):
            note = f"its caption names {index}, the page is about {whole.title_index}"
            index = None
    if index is None and not note:
        index = whole.title_index or whole.dominant()[0]
    years = _years(header) or next((y for y in map(_years, above) if y), set())
    year = years.pop() if len(years) == 1 else None
    if year is None:
        # several years in the header ("Điểm | Hạng 2024 | Hạng 2023"): a column
        # naming none is the article's edition, when that is one of them
        edition = whole.title_year or whole.dominant()[1]
        year = edition if not years or edition in years else None
    units = next(
        ({e.name for e in find_entities(t) if e.kind != "org"} for t in [header, *above] if find_entities(t)),
        set(),
    )
    unit = units.pop() if len(units) == 1 else (None if units else whole.title_unit)
    local = bool(LOCAL_RE.search(" ".join([header, *above[:1]])))
    return Setting(None if note else index, year, unit, local), note


def read_tables(article: Article) -> TableReading:
    facts: list[Fact] = []
    notes: list[str] = []
    spans: list[tuple[int, int]] = []
    tables = article.tables
    whole = _Article(article) if tables else None
    for first, table in tables:
        spans.append((table.start, table.end))
        above = _above(article, first)
        setting, note = _setting(table, above, whole)
        reading = (
            Reading([], note) if note else read_table(table, article.text, setting, above[0] if above else "")
        )
        facts += reading.facts
        if reading.note:
            notes.append(
                f"table at {table.start}-{table.end} ({len(table.body)} rows) not read: {reading.note}"
            )
    return TableReading(facts, notes, spans)


def merge(prose: list[Fact], tables: list[Fact]) -> list[Fact]:
    """Prose facts, then the table facts no prose fact states already: a
    value both give is one fact (FACTS.md, "Each fact once")."""
    seen = Counter(f.key for f in prose)
    merged = list(prose)
    for fact in tables:
        if fact.key not in seen:
            seen[fact.key] += 1
            merged.append(fact)
    return merged
