"""What rules read: the article's mentions (found once), the state carried
from sentence to sentence, and the sentence being read.

A rule gets one :class:`SentenceContext` and reads typed fields from it; it
never looks at a flag another part of the reader set elsewhere.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from extractors.facts.mentions import ComponentMention, EntityMention, IndexMention, YearMention
from extractors.facts.records import Claim, MetricMention
from extractors.facts.units import Sentence


@dataclass(slots=True)
class Doc:
    """The article's text and everything named in it, with offsets."""

    text: str
    blocks: list[tuple[int, int]]
    entities: list[EntityMention]
    indices: list[IndexMention]
    components: list[ComponentMention]
    years: list[YearMention]
    edition: int | None
    dominant_index: str | None
    # The unit the title names when it names exactly one: the subject of
    # sentences that name nobody ("Ninh Bình tăng 8 bậc" as a headline).
    # The indices the edition belongs to: those named with its year, and the
    # article's main index.  Another index's number needs a year of its own.
    edition_indices: frozenset[str] = frozenset()
    # An index tied to one year only, when that is not the article's edition:
    # "DDCI tỉnh Đồng Tháp năm 2019" beside "PAR-index năm 2020".
    index_editions: dict[str, int] = field(default_factory=dict)
    # How many units of each group the article says were ranked ("63 tỉnh,
    # thành phố", "19 bộ, ngành"): the rank of last place.
    group_counts: dict[str, int] = field(default_factory=dict)
    title_entity: EntityMention | None = None
    # Each mention list's start offsets, built once: ``within`` runs for every
    # sentence, and rebuilding them there made long texts quadratic.
    _starts: dict[int, list[int]] = field(default_factory=dict)

    def within(self, items, start: int, end: int):
        starts = self._starts.get(id(items))
        if starts is None:
            starts = self._starts[id(items)] = [item.start for item in items]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return items[lo:hi]


@dataclass(slots=True)
class State:
    """What the reader carries from one sentence to the next."""

    topic: EntityMention | None = None  # the unit being talked about
    paragraph_index: str | None = None  # the index the paragraph last named
    paragraph_year: int | None = None  # the edition the paragraph last tied to an index
    paragraph_year_index: str | None = None  # ... and that index
    year_group: tuple[int, ...] | None = None  # "trong hai năm 2017-2018"
    # The component of the sentence that introduced the year group: "chỉ số
    # hạ tầng kỹ thuật ... trong hai năm 2017-2018, A xếp thứ nhất ... B xếp
    # chót với 0,593 và 0,279 điểm" reads one table over the same years.
    year_group_component: str | None = None
    paragraph_component: str | None = None  # the component the paragraph last ranked
    # Whether the text turned to some other ranking since it last named an
    # index ("... về tỉ trọng kinh tế số trên GRDP"): no fallback index then.
    other_ranking: bool = False
    previous: list[Claim] = field(default_factory=list)  # the last sentence's claims
    claims: list[Claim] = field(default_factory=list)  # every claim so far, in reading order

    def new_paragraph(self) -> None:
        # The topic outlives the paragraph: a paragraph that names nobody
        # ("Chỉ số quản trị môi trường (17/63)") goes on about the same unit.
        self.paragraph_index = None
        self.paragraph_year = None
        self.paragraph_year_index = None
        self.year_group = None
        self.year_group_component = None
        self.paragraph_component = None
        # Another ranking's paragraph does not carry into the next one.
        self.other_ranking = False


@dataclass(slots=True)
class SentenceContext:
    """One sentence as the rules see it."""

    doc: Doc
    state: State
    s: Sentence
    entities: list[EntityMention]
    indices: list[IndexMention]
    components: list[ComponentMention]
    years: list[YearMention]
    # Entities that may be the subject of a number: not a place ("tại Hà
    # Nội"), a newspaper ("Báo Quảng Nam"), a compared object ("sau Quảng
    # Ninh") or a dateline.
    eligible: list[EntityMention] = field(default_factory=list)
    # Runs of entities joined by commas and "và": "A, B (0,8 điểm) và C".
    groups: list[list[EntityMention]] = field(default_factory=list)
    metrics: list[MetricMention] = field(default_factory=list)
    # A value with its own year ("vị trí thứ 5 năm 2023") owns it: index into
    # ``metrics`` -> the year.
    owned: dict[int, YearMention] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)  # metrics a strategy has bound
    claims: list[Claim] = field(default_factory=list)  # what the strategies bound so far
    # The starts of moves, "từ vị trí 8 (năm 2018)" up to "lên": (start, end, the "from" mention).
    moves: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.text

    def unconsumed(self):
        return [(i, m) for i, m in enumerate(self.metrics) if i not in self.consumed]
