"""The reader: runs the rule registry over each sentence, in reading order.

For each sentence it builds a :class:`SentenceContext`, runs the metric
rules (each sees what the ones before it found), then the binding
strategies, and turns their claims into facts with the sentence as
evidence.  It carries the context the next sentence needs (the unit being
talked about, the paragraph's index and edition) and owns no phrasing.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence

from extractors.facts import binding as B
from extractors.facts import vocab as V
from extractors.facts.context import Doc, SentenceContext, State
from extractors.facts.records import Claim, MetricMention
from extractors.facts.rules import registered
from extractors.facts.rules.scores import merge_lists
from extractors.facts.units import Sentence, add_dash_appositions, split_sentences
from extractors.model import Fact
from extractors.text.txt import LIST_MARK

# A sentence can hold a fact only if it has a digit or one of the words a
# rule reads without a digit (first and last place, continued and ordered
# lists, an unchanged position, ordinal words after "thứ").
PREFILTER_RE = re.compile(
    r"\d|thứ|bậc|hạng|số một|cao nhất|(?<![\w])sau(?![\w])|"
    + V.alt(
        "rank.first", "rank.second", "rank.last", "continuation.words", "lists.ordered", "change.unchanged"
    ),
    re.IGNORECASE,
)
# A list item: "- Quảng Ninh dẫn đầu với 88,46%." under "SIPAS 2025:".
_LIST_ITEM_RE = re.compile(rf"\s*{LIST_MARK}\s")
# Claims from a list do not make their units the topic of what follows.
_LIST_RULES = frozenset({"rank.list", "rank.list_continued", "bind.neighbours", "rank.ordinal_list"})
# The longest sentence read whole; a longer one (a table flattened into one
# line, a run-on list) is read in pieces, so no sentence costs more than a
# bounded amount of work and extraction stays linear in the text.
MAX_SENTENCE = 1200
# The most numbers one sentence may hold: past it, the sentence is a table
# or a list the prose rules must not guess at.
MAX_METRICS = 40


class Reader:
    def __init__(self, doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.state = State()
        self.facts: list[Fact] = []
        self.seen: dict[tuple, int] = {}  # fact key -> its place in self.facts
        self.skip = _merged(skip)
        self.skip_starts = [a for a, _ in self.skip]
        self.metric_rules = registered("metric")
        self.bind_rules = registered("bind")

    def run(self) -> list[Fact]:
        text, state = self.doc.text, self.state
        lead = None  # what a lead-in ("SIPAS 2025:") tells the list items under it
        for block_no, (start, end) in enumerate(self.doc.blocks):
            state.new_paragraph()
            item = _LIST_ITEM_RE.match(text, start, end) is not None
            if item and lead is not None:
                state.paragraph_index, state.paragraph_year, state.paragraph_year_index = lead
            elif not item:
                lead = None
            for sentence in split_sentences(text, start, end, block_no, MAX_SENTENCE):
                if not self._skipped(sentence):
                    self.read(sentence)
            if not item and text[start:end].rstrip().endswith(":") and state.paragraph_index is not None:
                lead = (state.paragraph_index, state.paragraph_year, state.paragraph_year_index)
        return self.facts

    def _skipped(self, s: Sentence) -> bool:
        # The ranges are merged and sorted: only the last one starting
        # before the sentence ends can overlap it.
        i = bisect.bisect_left(self.skip_starts, s.end)
        return i > 0 and self.skip[i - 1][1] > s.start

    def read(self, s: Sentence) -> None:
        doc = self.doc
        entities = doc.within(doc.entities, s.start, s.end)
        indices = doc.within(doc.indices, s.start, s.end)
        components = doc.within(doc.components, s.start, s.end)
        if " - " in doc.text[s.start : s.end]:
            names = [(x.start, x.end) for x in (*entities, *indices, *components)]
            add_dash_appositions(doc.text, s, names)
        ctx = SentenceContext(
            doc=doc,
            state=self.state,
            s=s,
            entities=entities,
            indices=indices,
            components=components,
            years=doc.within(doc.years, s.start, s.end),
        )
        self._note_paragraph_context(ctx)
        if ctx.indices:
            self.state.other_ranking = False
        elif B.names_other_ranking(ctx):
            self.state.other_ranking = True  # "Về thu hút FDI, ..." needs no digit to frame what follows
        if not PREFILTER_RE.search(doc.text, s.start, s.end):
            self._update_topic(ctx, [])
            return
        ctx.eligible = [e for e in ctx.entities if B.eligible(ctx, e)]
        self._find_metrics(ctx)
        if len(ctx.metrics) > MAX_METRICS:
            return
        ctx.groups = B.entity_groups(ctx, ctx.eligible)
        ctx.moves = B.move_parts(ctx)
        for i, m in enumerate(ctx.metrics):
            year = B.adjacent_year(ctx, m)
            if year is not None:
                ctx.owned[i] = year
        for rule in self.bind_rules:
            ctx.claims += rule.find(ctx)
        for claim in ctx.claims:
            self._emit(s, claim)
        if ctx.claims:
            self.state.previous = ctx.claims
            self.state.claims += ctx.claims
            ranked = [c.component for c in ctx.claims if c.component is not None]
            if ranked:
                self.state.paragraph_component = ranked[-1]
        self._update_topic(ctx, ctx.claims)

    def _find_metrics(self, ctx: SentenceContext) -> None:
        for rule in self.metric_rules:
            # A rule's mentions give way to earlier rules', never to each other.
            earlier = list(ctx.metrics)
            for mention in rule.find(ctx):
                if not _overlaps(mention, earlier):
                    ctx.metrics.append(mention)
            if len(ctx.metrics) > MAX_METRICS:
                return
        scores = sorted((m for m in ctx.metrics if m.metric == "score"), key=lambda m: m.start)
        others = [m for m in ctx.metrics if m.metric != "score"]
        ctx.metrics = sorted(others + merge_lists(ctx.text, scores), key=lambda m: m.start)

    def _note_paragraph_context(self, ctx: SentenceContext) -> None:
        state = self.state
        if ctx.indices:
            state.paragraph_index = ctx.indices[-1].code
        for year in ctx.years:
            if year.role == "list" and len(year.years) >= 2:
                state.year_group = year.years
                state.year_group_component = None
        for index in ctx.indices:
            after = [
                y
                for y in ctx.years
                if y.start >= index.end
                and y.start - index.end <= 12
                and y.role == "plain"
                and not B.in_compare_clause(ctx, y)
            ]
            if after and ctx.s.paren_of(after[0].start) is None and not _in_apposition(ctx, index.start):
                # not an aside: "TP.HCM (quán quân PGI 2024) xếp thứ 6", "Đà Nẵng,
                # quán quân PGI 2023, lần này đứng thứ 6" in a later edition's article
                state.paragraph_year = after[0].years[0]
                state.paragraph_year_index = index.code

    def _emit(self, s: Sentence, c: Claim) -> None:
        if not 1990 <= c.year <= 2100 or not math.isfinite(c.value):
            return
        if c.metric == "rank" and (c.value < 1 or not float(c.value).is_integer()):
            return  # a rank is a whole number from 1, whichever rule read it
        fact = Fact(
            entity=c.entity,
            index_code=c.index_code,
            component=c.component,
            year=c.year,
            metric=c.metric,  # type: ignore[arg-type]
            value=float(c.value),
            evidence=self.doc.text[s.start : s.end],
            span=(s.start, s.end),
            value_span=c.value_span,
            rule=c.rule,
            group_size=c.group_size,
        )
        if fact.key not in self.seen:
            self.seen[fact.key] = len(self.facts)
            self.facts.append(fact)
        elif fact.group_size is not None and self.facts[self.seen[fact.key]].group_size is None:
            # The same fact stated again with the ranking's size ("44/133"): keep the size.
            self.facts[self.seen[fact.key]] = fact

    def _update_topic(self, ctx: SentenceContext, claims: list[Claim]) -> None:
        singles = [c for c in claims if c.rule not in _LIST_RULES]
        if singles:
            last = singles[-1]
            match = next(
                (
                    e
                    for e in reversed(ctx.entities)
                    if B.unit_name(ctx, e, last.index_code, last.year) == last.entity
                ),
                None,
            )
            if match is None and self.doc.title_entity is not None:
                title = self.doc.title_entity
                if B.unit_name(ctx, title, last.index_code, last.year) == last.entity:
                    match = title  # "chúng tôi đứng thứ 2": still the headline's unit
            if match is not None:
                self.state.topic = match
                return
        eligible = [e for e in ctx.entities if B.eligible(ctx, e) and ctx.s.paren_of(e.start) is None]
        if not eligible:
            return
        if any(len(g) > 1 for g in B.entity_groups(ctx, eligible)):
            self.state.topic = None
        else:
            self.state.topic = eligible[0]


def _in_apposition(ctx: SentenceContext, pos: int) -> bool:
    """ "Đà Nẵng, quán quân PGI 2023, lần này ...": a clause between commas
    right after a unit's name."""
    clause = B.apposition_at(ctx, pos)
    return clause is not None and ctx.text[clause[0] - 1 : clause[0]] == ","


def _overlaps(m: MetricMention, kept: list[MetricMention]) -> bool:
    spans = [(v[1], v[2]) for v in m.values]
    return any(
        k.metric == m.metric
        and any(ks < e and s < ke for ks, ke in ((v[1], v[2]) for v in k.values) for s, e in spans)
        for k in kept
    )


def _merged(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
