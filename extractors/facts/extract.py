"""Article -> facts: the reader that ties mentions and rules together.

The steps (``../shared/DESIGN.md``): the article text is already normalised;
it is split into paragraphs and sentences with offsets; entities, indices,
components and years are found once over the whole text; then each sentence
is read in order, with context carried from the sentences before it (the
entity being talked about, the index of the paragraph, the edition year of
the article, the last rank stated).  Rules find number mentions; each is
attached to entity, index, component and year from the sentence first, then
the clause, then the context.  Lists and "lần lượt"/"tương ứng" pairings are
expanded, duplicates dropped, and each fact keeps its sentence and rule.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractors.facts import lexicon as lx
from extractors.facts import rules as R
from extractors.facts.mentions import (
    ComponentMention,
    EntityMention,
    IndexMention,
    YearMention,
    find_bare_ministries,
    find_components,
    find_entities,
    find_indices,
    find_years,
)
from extractors.facts.rules import MetricMention
from extractors.facts.units import Sentence, split_blocks, split_sentences
from extractors.model import Article, Fact

I = re.IGNORECASE

# A sentence can only hold a fact if it has a digit or a rank word.
_PREFILTER_RE = re.compile(
    r"\d|đầu|quân|thứ|bậc|hạng|số một|tiếp theo|theo sau|liền sau|kế tiếp|lần lượt|tương ứng", I
)

# Patterns used with pattern.match(text, pos) must not start with "^": it
# only anchors at the start of the whole string.

# --- entity roles ---------------------------------------------------------

_DATELINE_AFTER_RE = re.compile(r"\s*\((?:TTXVN|[A-ZĐ]{2,}\w*\b|[^()]*\d{1,2}/\d{1,2})[^()]*\)")
_LOCATION_BEFORE_RE = re.compile(r"(?:\btại|\bở|diễn ra ở|tổ chức ở)\s+$", I)
_PRESS_BEFORE_RE = re.compile(r"(?:\bBáo|\bbáo|Đài PT-?TH|Cổng TTĐT|Tạp chí)\s+$")
_OBJECT_BEFORE_RE = re.compile(r"(?:\bsau|\btrên|\bkém|\bhơn|so với|vượt qua|\bvượt|bỏ xa|theo sau)\s*$", I)
_ANAPHOR_START_RE = re.compile(r"\s*\"?(?:Số liệu|Con số|Điểm số|Kết quả) (?:này|đó|trên)\b", I)
_INTRO_WITH_RE = re.compile(r"\s*(?:với|đạt)\b", I)
_LATER_COPULA_RE = re.compile(r"\blà\s+")
_BEHIND_RE = re.compile(r"[^;]{0,120}?\b(?:chỉ\s+)?(?:xếp\s+)?(?:sau|kém)\s+$", I)
_EACH_RE = re.compile(r"\s*(?:đều|cùng)\b", I)

# --- lists ------------------------------------------------------------------

_LIST_ORDERED_BEFORE_RE = re.compile(
    r"(?:lần lượt|theo thứ tự)(?:\s+(?:thuộc về|là|gồm))?\s*:?\s*$|"
    r"lần lượt\b[^.;]{0,80}?\b(?:là|thuộc về)\s*:?\s*$",
    I,
)
_LIST_CONTINUE_BEFORE_RE = re.compile(
    r"(?:tiếp theo|theo sau|liền sau|kế tiếp|kế đến)(?:\s+\S+){0,8}?\s*(?:là|thuộc về|gồm)\s*"
    r"(?:các\s+Bộ\s*)?:?\s*$",
    I,
)
_LIST_HEAD_WINDOW = 300  # characters before a list its lead-in words are looked for in
_CONTINUE_WORDS_RE = re.compile(r"tiếp theo|theo sau|liền sau|kế tiếp|kế đến", I)
_LEADING_WORDS_RE = re.compile(r"dẫn đầu|đứng đầu|cao nhất|tốt nhất|vị trí|xếp hạng", I)
_LIST_AFTER_RE = re.compile(
    r"\s*(?:đều\s+)?lần lượt\s+(?:là|giữ|chiếm|đứng|xếp|nằm|thuộc)\b[^.;]{0,120}?"
    r"(?P<lead>cao nhất|dẫn đầu|đứng đầu|tốt nhất|đầu bảng|vị trí đầu)",
    I,
)
_TOP_GROUP_RE = re.compile(r"(?:nhóm|top|tốp)\s+(?P<n>\d{1,2}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\b", I)
_PAIRING_RE = re.compile(r"lần lượt|tương ứng", I)
_BARE_MINISTRY_LIST_RE = re.compile(r"các\s+Bộ\s*:\s*", I)
_WORD_NUMBERS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}

# --- components and years ------------------------------------------------------

_COMPONENT_CUE_BEFORE_RE = re.compile(
    r"(?:chỉ số|thành phần|trục|lĩnh vực|hạng mục|trụ cột|về|ở|là|và|:|,|;)\s*(?:\"\s*)?"
    r"(?:\S+\s+){0,1}?$",
    I,
)
_COMPONENT_CUE_AFTER_RE = re.compile(
    r"\s*(?:\"\s*)?(?:\(|xếp|đứng|đạt|là|với|giữ|tăng|giảm|\d|của\s+\S+\s+(?:đứng|dẫn)|"
    r"(?:\S+\s+){0,4}?(?:xếp|đứng|đạt|giữ|tăng|giảm))",
    I,
)
# "xếp thứ 20 về hạ tầng nhân lực ...", "xếp vị trí 4/63 ở chỉ số thành phần 3 về ..."
_COMPONENT_AFTER_RANK_RE = re.compile(
    r"(?:\s*/\s*\d+)?(?:(?!xếp|đứng|vị trí|hạng)[^\d,;()]){0,30}?(?:về|ở)\s+(?:các\s+)?"
    r"(?:chỉ số\s+)?(?:thành phần\s+)?(?:số\s+)?(?:\d+\s+)?(?:(?:về|liên quan đến)\s+)?(?:\"\s*)?",
    I,
)
# From a rank word to the first component it ranks: "dẫn đầu cả nước về",
# "đứng đầu ở hai chỉ số thành phần của PCI 2021 là", "dẫn đầu ở các lĩnh vực sau:".
_COMPONENT_LIST_HEAD_RE = re.compile(
    r"\s*(?:cả nước|toàn quốc)?\s*(?:ở|về|là|tại)?\s*(?:(?:hai|ba|bốn|năm|\d+|các|những|cả)\s+)?"
    r"(?:chỉ số|lĩnh vực|trục|hạng mục|tiêu chí|trụ cột)?(?:\s+thành phần)?(?:\s+nội dung)?"
    r"(?:\s+của\s+\S+(?:\s+\d{4})?)?(?:\s+sau)?\s*(?:là|:)?\s*(?:chỉ số\s+)?(?:thành phần\s+)?\"?\s*",
    I,
)
# Between two listed components: a bracketed score or "với số điểm 0,90", then
# a comma, "và" or ";".
_COMPONENT_LIST_GLUE_RE = re.compile(
    r"\"?(?:\s+[^\s\d(),;:\"]+){0,8}?\s*(?:\([^()]*\))?\s*"
    r"(?:(?:với|đạt|là)?\s*(?:số điểm|điểm số)?\s*(?:cao nhất\s*)?"
    r"\d+(?:[.,]\d+)?\s*(?:điểm|%)?)?\s*(?:,|;|và|,\s*và)\s*(?:chỉ số\s+)?(?:\"\s*)?",
    I,
)
_YEAR_AFTER_GAP_RE = re.compile(r"\s*[,(]?\s*(?:của\s+|trong\s+|vào\s+)?(?:năm\s+)?", I)
_YEAR_BEFORE_GAP_RE = re.compile(r"\s*(?:là|đạt|với)\s*", I)
# "(năm 2017 là 41)": that year heads a value of its own.
_YEAR_HEADS_VALUE_RE = re.compile(r"\s*(?:là|đạt|xếp|đứng)\s+(?:thứ\s+)?\d", I)
_COMPARE_CLAUSE_RE = re.compile(r"\bso\s+(?:với\s+)?", I)
_NEAR_COMPARE_RE = re.compile(r"\bso\s+(?:với\s+)?[^,;.]{0,50}$", I)


@dataclass(slots=True)
class _Doc:
    text: str
    blocks: list[tuple[int, int]]
    entities: list[EntityMention]
    indices: list[IndexMention]
    components: list[ComponentMention]
    years: list[YearMention]
    edition: int | None
    dominant_index: str | None
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
class _Bound:
    """A metric value attached to everything a fact needs."""

    entity: str
    index_code: str
    component: str | None
    year: int
    metric: str
    value: float
    value_span: tuple[int, int]
    rule: str


@dataclass(slots=True)
class _Context:
    topic: EntityMention | None = None
    paragraph_index: str | None = None
    paragraph_year: int | None = None
    paragraph_year_group: tuple[int, ...] | None = None
    # The component of the sentence that introduced the year group: "chỉ số
    # hạ tầng kỹ thuật ... trong hai năm 2017-2018, A xếp thứ nhất ... B xếp
    # chót với 0,593 và 0,279 điểm" reads one table over the same years.
    paragraph_year_group_component: str | None = None
    previous_bound: list[_Bound] = field(default_factory=list)


def extract_facts(article: Article, skip: Sequence[tuple[int, int]] = ()) -> list[Fact]:
    """Every fact the article's prose states, each once, in reading order.

    ``skip`` holds character ranges of ``article.text`` that are not prose
    (tables, read by :mod:`extractors.tables`): no sentence overlapping one
    is read, and they give the reader no context.
    """
    doc = _analyse(article.text)
    if doc is None:
        return []
    return _Reader(doc, skip).run()


def _analyse(text: str) -> _Doc | None:
    """The text's mentions, or None when it can state no fact: every fact
    binds an index named in the text and an edition year, so an article
    naming no index (most news) costs one pass of the index patterns."""
    lowered = text.lower()
    indices = find_indices(text, lowered)
    if not indices:
        return None
    years = find_years(text)
    edition = _edition(text, indices, years)
    if edition is None:
        return None
    return _Doc(
        text=text,
        blocks=split_blocks(text),
        entities=find_entities(text),
        indices=indices,
        components=find_components(text, indices, lowered),
        years=years,
        edition=edition,
        dominant_index=_dominant_index(indices),
    )


_INDEX_YEAR_GAP_RE = re.compile(r"[\s():,\-]*(?:(?:năm|cấp tỉnh|cấp bộ|\(?[A-Z]{2,}\)?)[\s():,\-]*)*")


def _edition(text: str, indices: list[IndexMention], years: list[YearMention]) -> int | None:
    """The edition an article reports: the year most often tied to an index
    name ("PCI 2022", "ICT Index năm 2018"), then the most common plain year."""
    votes: Counter[int] = Counter()
    year_starts = [y.start for y in years]
    for index in indices:
        if _NEAR_COMPARE_RE.search(text, max(0, index.start - 60), index.start):
            continue  # "So với ... ICT index năm 2017" is the previous edition
        i = bisect.bisect_left(year_starts, index.end)
        if i < len(years):
            year = years[i]
            gap = text[index.end : year.start]
            if year.role in ("plain", "paren") and len(gap) <= 30 and _INDEX_YEAR_GAP_RE.fullmatch(gap):
                votes[year.years[0]] += 3
    for year in years:
        if year.role == "plain":
            votes[year.years[0]] += 1
    if not votes:
        return None
    best = max(votes.values())
    return next(y.years[0] for y in years if votes.get(y.years[0]) == best)


def _dominant_index(indices: list[IndexMention]) -> str | None:
    counts = Counter(i.code for i in indices)
    if not counts:
        return None
    best = max(counts.values())
    return next(i.code for i in indices if counts[i.code] == best)


class _Reader:
    def __init__(self, doc: _Doc, skip: Sequence[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.skip = _merged(skip)
        self.skip_starts = [a for a, _ in self.skip]
        self.text = doc.text
        self.ctx = _Context()
        self.facts: list[Fact] = []
        self.seen: set[tuple] = set()
        # Everything bound so far, in reading order; lists continue from it.
        self.pending: list[_Bound] = []

    # --- driving ---------------------------------------------------------

    def run(self) -> list[Fact]:
        for block_no, (start, end) in enumerate(self.doc.blocks):
            self.ctx.topic = None
            self.ctx.paragraph_index = None
            self.ctx.paragraph_year = None
            self.ctx.paragraph_year_group = None
            self.ctx.paragraph_year_group_component = None
            for sentence in split_sentences(self.text, start, end, block_no):
                if not self._skipped(sentence):
                    self._read(sentence)
        return self.facts

    def _skipped(self, s: Sentence) -> bool:
        # The ranges are merged and sorted: only the last one starting
        # before the sentence ends can overlap it.
        i = bisect.bisect_left(self.skip_starts, s.end)
        return i > 0 and self.skip[i - 1][1] > s.start

    def _read(self, s: Sentence) -> None:
        text = self.text
        entities = self.doc.within(self.doc.entities, s.start, s.end)
        indices = self.doc.within(self.doc.indices, s.start, s.end)
        components = self.doc.within(self.doc.components, s.start, s.end)
        years = self.doc.within(self.doc.years, s.start, s.end)
        self._note_paragraph_context(s, indices, years)
        if not _PREFILTER_RE.search(text, s.start, s.end):
            self._update_topic(s, entities, [])
            return

        eligible = [e for e in entities if self._eligible(s, e)]
        groups = self._entity_groups(s, eligible)
        metrics = self._find_metrics(s, entities, indices, components)
        consumed: set[int] = set()

        # A value with its own year ("vị trí thứ 5 năm 2023", "năm 2018 là
        # 81,24%") owns it; other mentions in the sentence may not use it.
        owned: dict[int, YearMention] = {}
        for i, m in enumerate(metrics):
            year = self._adjacent_year(m, years)
            if year is not None:
                owned[i] = year

        env = _Env(s, metrics, entities, eligible, groups, indices, components, years, owned, consumed)
        bound: list[_Bound] = []
        bound += self._component_lists(env)
        bound += self._paired_lists(env)
        for i, m in enumerate(metrics):
            if i not in consumed:
                bound += self._bind_single(env, m, i)
        bound += self._ordered_lists(env)
        bound += self._behind_leaders(s, bound, entities)

        for b in bound:
            self._emit(s, b)
        if bound:
            self.ctx.previous_bound = bound
        self._update_topic(s, entities, bound)

    def _note_paragraph_context(self, s: Sentence, indices, years) -> None:
        if indices:
            self.ctx.paragraph_index = indices[-1].code
        for year in years:
            if year.role == "list" and len(year.years) >= 2:
                self.ctx.paragraph_year_group = year.years
                self.ctx.paragraph_year_group_component = None
        for index in indices:
            after = [
                y
                for y in years
                if y.start >= index.end
                and y.start - index.end <= 12
                and y.role == "plain"
                and not self._in_compare_clause(s, y)
            ]
            if after:
                self.ctx.paragraph_year = after[0].years[0]

    # --- finding metric mentions ---------------------------------------------

    def _find_metrics(self, s: Sentence, entities, indices, components) -> list[MetricMention]:
        text = self.text
        found: list[MetricMention] = []
        found += R.TAKE_OVER.find(text, s, entities)
        found += R.PAREN_FRACTION.find(text, s, entities)
        found += R.RANK_POSITION.find(text, s)
        found += R.LEADER.find(text, s, entities)
        found += R.NUMBER_ONE.find(text, s, indices)
        found += R.RANK_SCORE_PAIR.find(text, s, list(components) + list(indices))
        found = _drop_overlaps(found)
        found += R.ORDINAL_CONTINUATION.find(text, s, found)
        found += R.PAREN_EARLIER_YEAR.find(text, s, found)
        found = _drop_overlaps(found)
        scores = R.SCORE_UNIT.find(text, s)
        scores += R.SCORE_CUE.find(text, s, found + scores)
        scores += R.SCORE_PAREN.find(text, s, list(components) + list(entities), found + scores)
        scores.sort(key=lambda m: m.start)
        found += R.merge_lists(text, scores)
        found += R.RANK_CHANGE.find(text, s)
        found += R.UNCHANGED.find(text, s)
        found = _drop_overlaps(found)
        found.sort(key=lambda m: m.start)
        return found

    # --- entities ---------------------------------------------------------------

    def _eligible(self, s: Sentence, e: EntityMention) -> bool:
        """Whether an entity can be the subject of a metric in its sentence:
        not a place ("tại Hà Nội"), a newspaper ("Báo Quảng Nam"), the
        object of a comparison ("sau Quảng Ninh") or a dateline."""
        text = self.text
        before = text[max(s.start, e.start - 20) : e.start]
        if _LOCATION_BEFORE_RE.search(before) or _PRESS_BEFORE_RE.search(before):
            return False
        if _OBJECT_BEFORE_RE.search(before):
            return False
        block_start = self.doc.blocks[s.block][0]
        if e.start - block_start <= 2 and _DATELINE_AFTER_RE.match(text, e.end):
            return False
        return True

    def _entity_groups(self, s: Sentence, entities: list[EntityMention]) -> list[list[EntityMention]]:
        """Runs of entities joined by commas and "và": "A, B (0,8 điểm) và C"."""
        text = self.text
        groups: list[list[EntityMention]] = []
        current: list[EntityMention] = []
        for e in entities:
            if current:
                prev = current[-1]
                gap_start = prev.end
                paren = next((p for p in s.parens if p[0] - prev.end in (0, 1)), None)
                if paren:
                    gap_start = paren[1]
                if re.fullmatch(r"\s*(?:,|và|,\s*và|;)\s*", text[gap_start : e.start]):
                    current.append(e)
                    continue
                groups.append(current)
            current = [e]
        if current:
            groups.append(current)
        bare = _BARE_MINISTRY_LIST_RE.search(text, s.start, s.end)
        if bare:
            items = find_bare_ministries(text, bare.end(), s.end)
            if items:
                groups.append(items)
        return groups

    @staticmethod
    def _group_of(groups, e: EntityMention) -> list[EntityMention] | None:
        return next((g for g in groups if any(x.start == e.start for x in g)), None)

    def _bind_entity(self, env: _Env, m: MetricMention) -> list[EntityMention] | None:
        """The entity a mention is about; [] when nobody can be named, None
        when the wording names somebody chiso does not know (drop it)."""
        s, text = env.s, self.text
        if m.explicit_entity is not None:
            return [m.explicit_entity]
        anchor = m.start
        paren = s.paren_of(m.start)
        if paren:
            inside = self.doc.within(self.doc.entities, paren[0], m.start)
            if inside:
                return [inside[-1]]
            owner = [
                e for e in self.doc.within(self.doc.entities, s.start, paren[0]) if 0 <= paren[0] - e.end <= 1
            ]
            if owner:
                return [owner[-1]]
            anchor = paren[0]
        if m.copula_at is not None:
            at = next(iter(self.doc.within(self.doc.entities, m.copula_at, m.copula_at + 2)), None)
            if at is not None:
                return [at]
            if text[m.copula_at : m.copula_at + 1].isupper():
                return None
        clause = s.clause_of(anchor)
        if _INTRO_WITH_RE.match(text, clause[0], clause[1]):
            if not [e for e in env.eligible if clause[0] <= e.start < clause[1]]:
                after = [e for e in env.eligible if e.start >= clause[1] and s.paren_of(e.start) is None]
                if after:
                    return self._single_or_each(env, after[0])
        left = [
            e
            for e in env.eligible
            if e.end <= anchor and (s.paren_of(e.start) is None or s.paren_of(e.start) == s.paren_of(anchor))
        ]
        if left:
            return self._single_or_each(env, left[-1])
        later = _LATER_COPULA_RE.search(text, m.end, clause[1])
        if later:
            at = next((e for e in env.eligible if e.start == later.end()), None)
            if at is not None:
                return [at]
        if any(e.start < anchor for e in env.entities):
            return []  # somebody is named before, but not as the subject
        if self.ctx.topic is not None:
            return [self.ctx.topic]
        return []

    def _single_or_each(self, env: _Env, e: EntityMention) -> list[EntityMention] | None:
        group = self._group_of(env.groups, e)
        if group is None or len(group) == 1:
            return [e]
        if _EACH_RE.match(self.text, group[-1].end):
            return list(group)
        return None  # "A và B xếp thứ 3": whose rank?  Drop rather than guess.

    # --- index, component, year ----------------------------------------------------

    def _bind_index(self, env: _Env, m: MetricMention) -> list[str]:
        s, indices = env.s, env.indices
        if indices:
            segment = s.segment_of(m.start)
            pool = [i for i in indices if segment[0] <= i.start < segment[1]] or indices
            # "đứng đầu trên cả 2 bảng xếp hạng PAR INDEX và SIPAS": each index.
            after = [i for i in pool if i.start >= m.end and i.start - m.end <= 80]
            if len(after) >= 2 and re.search(r"cả (?:hai|2|ba|3)\b", self.text[m.end : after[0].start], I):
                return list(dict.fromkeys(i.code for i in after))

            def distance(i: IndexMention) -> tuple[int, int]:
                if i.end <= m.start:
                    return (m.start - i.end, 0)
                return (max(0, i.start - m.end), 1)

            return [min(pool, key=distance).code]
        if self.ctx.paragraph_index:
            return [self.ctx.paragraph_index]
        if self.doc.dominant_index:
            return [self.doc.dominant_index]
        return []

    def _component_cued(self, s: Sentence, c: ComponentMention) -> bool:
        """A component name counts only where it names a component: after
        "chỉ số", "về", "ở", at a clause start, or right before its number."""
        if c.index_code == "*":
            return True
        text = self.text
        clause = s.clause_of(c.start)
        before = text[max(clause[0], c.start - 30) : c.start]
        if not before.strip() or _COMPONENT_CUE_BEFORE_RE.search(before):
            return True
        return bool(_COMPONENT_CUE_AFTER_RE.match(text, c.end))

    def _bind_component(self, env: _Env, m: MetricMention, index: str) -> str | None:
        s, text = env.s, self.text
        usable = [c for c in env.components if c.index_code in (index, "*") and self._component_cued(s, c)]
        paren = s.paren_of(m.start)
        if paren:
            inside = [c for c in usable if paren[0] <= c.start < m.start]
            if inside:
                return inside[-1].code
        clause_end = s.clause_of(m.end)[1]
        for c in usable:
            if m.end <= c.start <= clause_end + 1 and _COMPONENT_AFTER_RANK_RE.fullmatch(
                text, m.end, c.start
            ):
                return c.code
        anchor = paren[0] if paren else m.start
        segment = s.segment_of(anchor)
        left = [
            c
            for c in usable
            if segment[0] <= c.start
            and c.end <= anchor
            and (s.paren_of(c.start) is None or s.paren_of(c.start) == paren)
        ]
        if left and not self.doc.within(self.doc.indices, left[-1].end, anchor):
            return left[-1].code
        if _ANAPHOR_START_RE.match(text, s.start) and self.ctx.previous_bound:
            return self.ctx.previous_bound[-1].component
        return None

    def _adjacent_year(self, m: MetricMention, years) -> YearMention | None:
        text = self.text
        if m.metric != "rank_change":
            last_value_end = m.values[-1][2]
            for y in years:
                if 0 <= y.start - last_value_end <= 22 and y.role in ("plain", "paren", "list"):
                    gap = text[last_value_end : y.start]
                    if (
                        _YEAR_AFTER_GAP_RE.fullmatch(gap)
                        and (m.metric != "rank" or y.role == "paren" or re.search(r"năm|\(|của|trong", gap))
                        and not _YEAR_HEADS_VALUE_RE.match(text, y.end)
                    ):
                        return y
        first_value_start = m.values[0][1]
        for y in years:
            if 0 <= first_value_start - y.end <= 8 and _YEAR_BEFORE_GAP_RE.fullmatch(
                text, y.end, first_value_start
            ):
                return y
        return None

    def _bind_years(self, env: _Env, m: MetricMention, i: int) -> tuple[int, ...] | None:
        if m.explicit_years:
            return m.explicit_years
        if i in env.owned:
            return env.owned[i].years
        mine = {id(y) for y in env.owned.values()}
        usable = [y for y in env.years if id(y) not in mine]
        if m.role in ("from", "compare"):
            # "từ vị trí 47 lên vị trí 13": the earlier edition.
            compare = [y for y in usable if y.role == "compare" and len(y.years) == 1]
            if compare:
                return compare[0].years
            base = self._bind_years_plain(env.s, m, usable) or (self.doc.edition,)
            return (base[0] - 1,) if base[0] else None
        return self._bind_years_plain(env.s, m, usable)

    def _in_compare_clause(self, s: Sentence, y: YearMention) -> bool:
        clause_start = s.clause_of(y.start)[0]
        paren = s.paren_of(y.start)
        if paren:
            clause_start = max(clause_start, paren[0])
        return bool(_COMPARE_CLAUSE_RE.search(self.text, clause_start, y.start))

    def _bind_years_plain(self, s: Sentence, m: MetricMention, usable) -> tuple[int, ...] | None:
        paren = s.paren_of(m.start)
        segment = s.segment_of(m.start)

        def ok(y: YearMention) -> bool:
            return (
                y.role in ("plain", "list", "paren")
                and not self._in_compare_clause(s, y)
                and (s.paren_of(y.start) is None or s.paren_of(y.start) == paren)
            )

        if paren:
            inside = [y for y in usable if paren[0] <= y.start < m.start and ok(y)]
            if inside:
                return inside[-1].years
        left = [y for y in usable if segment[0] <= y.start and y.end <= m.start and ok(y)]
        if left:
            return left[-1].years
        right = [y for y in usable if m.end <= y.start < segment[1] and ok(y)]
        if right and not self._other_metric_between(m, right[0]):
            return right[0].years
        if self.ctx.paragraph_year is not None:
            return (self.ctx.paragraph_year,)
        if self.doc.edition is not None:
            return (self.doc.edition,)
        return None

    def _other_metric_between(self, m: MetricMention, y: YearMention) -> bool:
        return bool(re.search(r"\d[\d.,]*\s*(?:điểm|%)|xếp|đứng|vị trí|bậc", self.text[m.end : y.start], I))

    @staticmethod
    def _streak_excludes(s: Sentence, m: MetricMention, year: int, years) -> bool:
        """ "17 năm liền (2008 - 2024)": only an edition inside the streak."""
        segment = s.segment_of(m.start)
        return any(
            y.role == "streak" and segment[0] <= y.start < segment[1] and year not in y.years for y in years
        )

    # --- binding one mention --------------------------------------------------

    def _bind_single(self, env: _Env, m: MetricMention, i: int) -> list[_Bound]:
        if m.regional or m.component_list:
            return []
        if m.metric == "rank_change" and self._after_regional_rank(env, m):
            return []
        if "inherits_binding" in m.flags:
            return self._inherit(m)
        if len(m.values) > 1:
            return self._pair_with_years(env, m, i)
        entities = self._bind_entity(env, m)
        codes = self._bind_index(env, m)
        found_years = self._bind_years(env, m, i)
        if not entities or not codes or not found_years:
            return []
        if m.metric != "rank" and len(found_years) > 1:
            return []  # one score can not belong to two editions
        result = []
        for entity in entities:
            for code in codes:
                components = [self._bind_component(env, m, code)]
                if m.metric == "rank" and components[0] is not None:
                    # "dẫn đầu về A (7,12 điểm) và B (7,95 điểm)": first in each.
                    listed = self._listed_components(env, m.end, code)
                    if len(listed) > 1 and listed[0].code == components[0]:
                        components = list(dict.fromkeys(c.code for c in listed))
                for component in components:
                    for year in found_years:
                        if not self._streak_excludes(env.s, m, year, env.years):
                            result += self._make(m, entity, code, component, year, m.values[0])
        return result

    def _after_regional_rank(self, env: _Env, m: MetricMention) -> bool:
        """ "hạng 3/13 ... khu vực ĐBSCL (tăng 1 bậc)": the change is regional too."""
        previous = [r for r in env.metrics if r.metric == "rank" and r.end <= m.start]
        if not previous:
            return False
        last = previous[-1]
        return last.regional and env.s.segment_of(last.start) == env.s.segment_of(m.start)

    def _inherit(self, m: MetricMention) -> list[_Bound]:
        """ "(năm 2017 là 41)": the rank mention before it, in another year."""
        previous = [b for b in self.pending if b.metric == "rank" and b.value_span[1] <= m.start]
        if not previous:
            return []
        p = previous[-1]
        return [
            self._remember(
                _Bound(
                    p.entity,
                    p.index_code,
                    p.component,
                    year,
                    "rank",
                    m.values[0][0],
                    (m.values[0][1], m.values[0][2]),
                    m.rule,
                )
            )
            for year in m.explicit_years or ()
        ]

    def _make(
        self, m: MetricMention, entity: EntityMention, code: str, component, year: int, value
    ) -> list[_Bound]:
        v, start, end = value
        name = _resolve_name(entity.name, year)
        if m.metric == "rank_change" and m.compare_year is not None and m.compare_year != year - 1:
            return []  # "tăng 25 bậc so năm 2016" in 2019: not the previous edition
        if m.metric == "score" and not _score_plausible(m, code, v):
            return []
        if m.metric == "rank" and (not float(v).is_integer() or v < 1):
            return []
        out = [self._remember(_Bound(name, code, component, year, m.metric, v, (start, end), m.rule))]
        if m.pair_score is not None:
            sv, ss, se = m.pair_score
            if _score_plausible(None, code, sv):
                out.append(self._remember(_Bound(name, code, component, year, "score", sv, (ss, se), m.rule)))
        return out

    def _remember(self, b: _Bound) -> _Bound:
        self.pending.append(b)
        return b

    # --- lists and pairings --------------------------------------------------------

    def _pair_with_years(self, env: _Env, m: MetricMention, i: int) -> list[_Bound]:
        """One entity, several values, several years: "trong hai năm
        2017-2018, ... với số điểm lần lượt là 0,810 và 0,825"."""
        component = None
        group_years = next(
            (y.years for y in env.years if y.role == "list" and len(y.years) == len(m.values)), None
        )
        inherited = False
        if group_years is None:
            paragraph = self.ctx.paragraph_year_group
            if (
                paragraph
                and len(paragraph) == len(m.values)
                and not [y for y in env.years if y.role == "plain"]
            ):
                group_years = paragraph
                inherited = True
        if group_years is None:
            return []
        entities = self._bind_entity(env, m)
        if not entities or len(entities) != 1:
            return []
        result = []
        for code in self._bind_index(env, m):
            component = self._bind_component(env, m, code)
            if component is None and inherited:
                component = self.ctx.paragraph_year_group_component
            for value, year in zip(m.values, group_years):
                result += self._make(m, entities[0], code, component, year, value)
        if not inherited and result:
            self.ctx.paragraph_year_group_component = component
        return result

    def _paired_lists(self, env: _Env) -> list[_Bound]:
        """Entities and values paired in order: "Ninh Bình và Thanh Hóa đã lần
        lượt đứng ở thứ hạng 6 và 12"; and "Đứng thứ hai là A và B" (2, 3)."""
        s, text = env.s, self.text
        result: list[_Bound] = []
        pairing = _PAIRING_RE.search(text, s.start, s.end)
        for group in env.groups:
            if len(group) < 2:
                continue
            if pairing:
                for i, m in enumerate(env.metrics):
                    if i in env.consumed or len(m.values) != len(group) or m.regional:
                        continue
                    codes = self._bind_index(env, m)
                    found_years = self._bind_years(env, m, i)
                    if not codes or not found_years:
                        continue
                    for e, value in zip(group, m.values):
                        for code in codes:
                            component = self._bind_component(env, m, code)
                            result += self._make(m, e, code, component, found_years[0], value)
                    env.consumed.add(i)
            g_start = group[0].start
            for i, m in enumerate(env.metrics):
                if i in env.consumed or m.metric != "rank" or m.copula_at is None:
                    continue
                if abs(m.copula_at - g_start) > 1:
                    continue
                env.consumed.add(i)
                result += self._list_ranks(env, group, m.values[0][0], "rank.list", m)
        return result

    def _ordered_lists(self, env: _Env) -> list[_Bound]:
        """Positions stated by a list: "ba vị trí dẫn đầu lần lượt thuộc về
        A, B và C", "A, B và C lần lượt là các địa phương ... cao nhất",
        "tiếp theo là A, B" (after a rank), "nhóm 5 ... đứng đầu"."""
        s, text = env.s, self.text
        result: list[_Bound] = []
        # Searched once per sentence, not once per list: a sentence of
        # thousands of names would otherwise be read again for each.
        first_continue = next(_CONTINUE_WORDS_RE.finditer(text, s.start, s.end), None)
        first_leading = next(_LEADING_WORDS_RE.finditer(text, s.start, s.end), None)
        for group in env.groups:
            g_start, g_end = group[0].start, group[-1].end
            if any(b.value_span[0] == g_start for b in result) or any(
                m.copula_at is not None and abs(m.copula_at - g_start) <= 1 for m in env.metrics
            ):
                continue
            # The words right before the list ("... lần lượt thuộc về"), which
            # the patterns anchor at its end ($ holds at endpos).
            near = max(s.start, g_start - _LIST_HEAD_WINDOW)
            start_rank = None
            rule = "rank.list"
            if _LIST_CONTINUE_BEFORE_RE.search(text, near, g_start):
                previous = self._previous_rank(g_start)
                if previous is not None:
                    start_rank, rule = previous + 1, "rank.list_continued"
            elif len(group) >= 2 and _LIST_ORDERED_BEFORE_RE.search(text, near, g_start):
                if first_continue is not None and first_continue.end() <= g_start:
                    previous = self._previous_rank(g_start)
                    if previous is not None:
                        start_rank, rule = previous + 1, "rank.list_continued"
                elif first_leading is not None and first_leading.end() <= g_start:
                    start_rank = 1.0
            elif len(group) >= 2 and _LIST_AFTER_RE.match(text, g_end, s.end):
                top = _TOP_GROUP_RE.search(text, g_end, s.end)
                size = None
                if top:
                    n = top.group("n").lower()
                    size = int(n) if n.isdigit() else _WORD_NUMBERS.get(n)
                if size is None or size == len(group):
                    start_rank = 1.0
                elif size == len(group) + 1:
                    probe = MetricMention("rank", [(2.0, g_start, g_end)], g_start, g_end, rule)
                    codes = self._bind_index(env, probe)
                    year = self._bind_years_plain(s, probe, env.years)
                    if (
                        codes
                        and year
                        and any(
                            b.metric == "rank"
                            and b.value == 1
                            and b.component is None
                            and b.index_code == codes[0]
                            and b.year == year[0]
                            for b in self.pending
                        )
                    ):
                        start_rank = 2.0
            if start_rank is not None:
                result += self._list_ranks(env, group, start_rank, rule, None)
        return result

    def _list_ranks(
        self, env: _Env, group, start_rank: float, rule: str, anchor: MetricMention | None
    ) -> list[_Bound]:
        g_start, g_end = group[0].start, group[-1].end
        probe = anchor or MetricMention("rank", [(start_rank, g_start, g_end)], g_start, g_end, rule)
        codes = self._bind_index(env, probe)
        mine = {id(y) for y in env.owned.values()}
        years = self._bind_years_plain(env.s, probe, [y for y in env.years if id(y) not in mine])
        if not codes or not years:
            return []
        result = []
        for offset, e in enumerate(group):
            value = start_rank + offset
            mention = MetricMention("rank", [(value, e.start, e.end)], e.start, e.end, rule)
            result += self._make(mention, e, codes[0], None, years[0], (value, e.start, e.end))
        return result

    def _previous_rank(self, pos: int) -> float | None:
        """The last whole-index rank stated before ``pos``."""
        for b in reversed(self.pending):
            if b.metric == "rank" and b.component is None and b.value_span[1] <= pos:
                return b.value
        return None

    def _component_lists(self, env: _Env) -> list[_Bound]:
        """ "dẫn đầu ở hai chỉ số thành phần là A (7,98 điểm) và B (8,52 điểm)",
        "hai chỉ số thành phần ... là A và B của Quảng Ninh đứng đầu"."""
        s, text = env.s, self.text
        result: list[_Bound] = []
        for i, m in enumerate(env.metrics):
            if m.metric != "rank" or not m.component_list:
                continue
            env.consumed.add(i)
            entities = self._bind_entity(env, m)
            codes = self._bind_index(env, m)
            found_years = self._bind_years(env, m, i)
            if not entities or len(entities) != 1 or not codes or not found_years:
                continue
            code = codes[0]
            listed = self._listed_components(env, m.end, code)
            if not listed:
                listed = [
                    c
                    for c in env.components
                    if c.index_code in (code, "*")
                    and c.end <= m.start
                    and re.search(r"chỉ số thành phần|\blà\b", text[s.start : c.start], I)
                ]
            for c in {c.code: c for c in reversed(listed)}.values():
                result += self._make(
                    m, entities[0], code, c.code, found_years[0], (m.values[0][0], c.start, c.end)
                )
        return result

    def _listed_components(self, env: _Env, pos: int, index: str) -> list[ComponentMention]:
        """The components listed from ``pos`` on: the first right after the
        rank words, then each joined to the one before by list glue."""
        text = self.text
        usable = [c for c in env.components if c.index_code in (index, "*") and c.start >= pos]
        listed: list[ComponentMention] = []
        cursor = pos
        for c in usable:
            pattern = _COMPONENT_LIST_GLUE_RE if listed else _COMPONENT_LIST_HEAD_RE
            if not pattern.fullmatch(text, cursor, c.start):
                break
            listed.append(c)
            cursor = c.end
        return listed

    def _behind_leaders(self, s: Sentence, bound: list[_Bound], entities) -> list[_Bound]:
        """ "xếp thứ 2/63 tỉnh, sau Quảng Ninh": the one ahead of second is first."""
        result = []
        for b in bound:
            if b.metric != "rank" or b.value != 2 or b.component is not None:
                continue
            following = [e for e in entities if e.start >= b.value_span[1]]
            if not following:
                continue
            e = following[0]
            name = _resolve_name(e.name, b.year)
            if name != b.entity and _BEHIND_RE.fullmatch(self.text, b.value_span[1], e.start):
                result.append(
                    self._remember(
                        _Bound(
                            name,
                            b.index_code,
                            None,
                            b.year,
                            "rank",
                            1.0,
                            (e.start, e.end),
                            "rank.behind_second",
                        )
                    )
                )
        return result

    # --- output and context -------------------------------------------------------

    def _emit(self, s: Sentence, b: _Bound) -> None:
        if not 1990 <= b.year <= 2100 or not math.isfinite(b.value):
            return
        if b.metric == "rank" and (b.value < 1 or not float(b.value).is_integer()):
            return  # a rank is a whole number from 1, whichever rule read it
        fact = Fact(
            entity=b.entity,
            index_code=b.index_code,
            component=b.component,
            year=b.year,
            metric=b.metric,  # type: ignore[arg-type]
            value=float(b.value),
            evidence=self.text[s.start : s.end],
            span=(s.start, s.end),
            value_span=b.value_span,
            rule=b.rule,
        )
        if fact.key not in self.seen:
            self.seen.add(fact.key)
            self.facts.append(fact)

    def _update_topic(self, s: Sentence, entities, bound: list[_Bound]) -> None:
        singles = [
            b for b in bound if b.rule not in ("rank.list", "rank.list_continued", "rank.behind_second")
        ]
        if singles:
            name = singles[-1].entity
            match = next(
                (e for e in reversed(entities) if _resolve_name(e.name, singles[-1].year) == name), None
            )
            if match is not None:
                self.ctx.topic = match
                return
        eligible = [e for e in entities if self._eligible(s, e) and s.paren_of(e.start) is None]
        if not eligible:
            return
        if any(len(g) > 1 for g in self._entity_groups(s, eligible)):
            self.ctx.topic = None
        else:
            self.ctx.topic = eligible[0]


@dataclass(slots=True)
class _Env:
    """What one sentence holds, shared by the binding steps."""

    s: Sentence
    metrics: list[MetricMention]
    entities: list[EntityMention]
    eligible: list[EntityMention]
    groups: list[list[EntityMention]]
    indices: list[IndexMention]
    components: list[ComponentMention]
    years: list[YearMention]
    owned: dict[int, YearMention]
    consumed: set[int]


def _merged(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _drop_overlaps(mentions: list[MetricMention]) -> list[MetricMention]:
    kept: list[MetricMention] = []
    for m in mentions:
        spans = [(v[1], v[2]) for v in m.values]
        if any(
            k.metric == m.metric
            and any(ks < e and s < ke for ks, ke in ((v[1], v[2]) for v in k.values) for s, e in spans)
            for k in kept
        ):
            continue
        kept.append(m)
    return kept


def _score_plausible(m: MetricMention | None, code: str, value: float) -> bool:
    if m is not None and "percent" in m.flags and code not in lx.PERCENT_INDICES:
        return False
    low, high = lx.SCORE_RANGES.get(code, (0.0, 100.0))
    return low < value <= high


def _resolve_name(name: str, year: int) -> str:
    if name == lx.HUE:
        return "Huế" if year >= 2025 else "Thừa Thiên Huế"
    return name
