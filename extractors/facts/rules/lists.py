"""Strategies for lists: components listed after one rank, units paired with
values in order ("lần lượt", "tương ứng"), and positions stated by an
ordered or continued list."""

from __future__ import annotations

import re

from extractors.facts import binding as B
from extractors.facts import vocab as V
from extractors.facts.records import Claim, MetricMention
from extractors.facts.rules import Rule, register
from extractors.facts.rules.single import listed_components
from extractors.text.numbers import NUMBER_WORDS

I = re.IGNORECASE

# From a rank word to the first component it ranks: "dẫn đầu cả nước về",
# "đứng đầu ở hai chỉ số thành phần của PCI 2021 là", "dẫn đầu ở các lĩnh vực sau:".
COMPONENT_LIST_HEAD_RE = re.compile(
    r"\s*(?:cả nước|toàn quốc)?\s*(?:(?:về|ở)\s+[\w ]{0,30}?\s*)?(?:ở|về|là|tại)?\s*"
    r"(?:(?:cả\s+)?(?:hai|ba|bốn|năm|sáu|bảy|tám|\d+(?:\s*/\s*\d+)?|các|những|cả)\s+)?"
    r"(?:phân\s+)?(?:chỉ số|lĩnh vực|trục|hạng mục|tiêu chí|trụ cột)?(?:\s+thành phần)?(?:\s+chính)?"
    r"(?:\s+nội dung)?"
    r"(?:\s+của\s+\S+(?:\s+\d{4})?)?(?:\s+sau)?\s*,?\s*(?:là|gồm|:)?\s*:?\s*"
    r"(?:chỉ số\s+)?(?:thành phần\s+)?\"?\s*",
    I,
)
# Between two listed components: a bracketed score or "với số điểm 0,90", then
# a comma, "và" or ";".
COMPONENT_LIST_GLUE_RE = re.compile(
    r"\"?(?:\s+[^\s\d(),;:\"]+){0,8}?\s*(?:\([^()]*\))?\s*"
    r"(?:(?:với|đạt|là)?\s*(?:số điểm|điểm số)?\s*(?:cao nhất\s*)?"
    r"\d+(?:[.,]\d+)?\s*(?:điểm|%)?)?\s*(?:[,;]\s*và|,|;|và)\s*"
    r"(?:phân\s+)?(?:(?:chỉ số|trụ cột)(?:\s+(?:phụ|thành phần))?\s+)?"
    r"(?:hoạt động\s+)?(?:\"\s*)?",
    I,
)
_PAIRING_RE = re.compile(V.alt("lists.ordered"), I)
_CONTINUE = V.alt("continuation.words")
_LINKING = V.alt("lists.linking")
_ORDERED = V.alt("lists.ordered")
_LIST_ORDERED_BEFORE_RE = re.compile(
    rf"{_ORDERED}(?:\s+{_LINKING})?\s*(?:[^.;:]{{0,30}}:)?\s*$|"
    rf"{_ORDERED}\b[^.;]{{0,80}}?(?<![\w]){_LINKING}\s*(?:[^.;:]{{0,30}}:)?\s*$",
    I,
)
_LIST_CONTINUE_BEFORE_RE = re.compile(
    rf"{_CONTINUE}(?:\s+\S+){{0,8}}?\s*{_LINKING}\s*(?:[^.;:]{{0,30}}:)?\s*$",
    I,
)
_LIST_HEAD_WINDOW = 300  # characters before a list its lead-in words are looked for in
_CONTINUE_WORDS_RE = re.compile(_CONTINUE, I)
_LEADING_WORDS_RE = re.compile(r"dẫn đầu|đứng đầu|cao nhất|tốt nhất|vị trí|xếp hạng", I)
_LIST_AFTER_RE = re.compile(
    r"\s*(?:đều\s+)?lần lượt\s+(?:là|giữ|chiếm|đứng|xếp|nằm|thuộc)\b[^.;]{0,120}?"
    r"(?P<lead>cao nhất|dẫn đầu|đứng đầu|tốt nhất|đầu bảng|vị trí đầu)",
    I,
)
_LIST_AFTER_CONTINUE_RE = re.compile(
    r"\s*(?:đều\s+)?lần lượt\s+(?:là|giữ|chiếm|đứng|xếp|nằm|thuộc)\b"
    rf"[^.;]{{0,40}}?(?:vị trí|hạng)\s+{_CONTINUE}",
    I,
)
_TOP_GROUP_RE = re.compile(r"(?:nhóm|top|tốp)\s+(?P<n>\d{1,2}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\b", I)


def _count(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


@register
class ComponentListStrategy(Rule):
    """One rank for several components: "dẫn đầu ở hai chỉ số thành phần là
    A (7,98 điểm) và B (8,52 điểm)", "đứng đầu về 4 chỉ số chính gồm A, B, C
    và D", "hai chỉ số thành phần ... là A và B của Quảng Ninh đứng đầu"."""

    name = "bind.component_list"
    stage = "bind"
    order = 10

    def find(self, ctx) -> list[Claim]:
        text, s = ctx.text, ctx.s
        result: list[Claim] = []
        for i, m in ctx.unconsumed():
            if m.metric != "rank" or not m.component_list:
                continue
            ctx.consumed.add(i)
            entities = B.bind_entity(ctx, m)
            codes = B.bind_index(ctx, m)
            found_years = B.bind_years(ctx, m, i, codes[0]) if codes else None
            if not entities or len(entities) != 1 or not codes or not found_years:
                continue
            code = codes[0]
            listed = listed_components(ctx, m.end, code)
            if not listed:
                listed = [
                    c
                    for c in ctx.components
                    if c.index_code in (code, "*")
                    and c.end <= m.start
                    and re.search(r"chỉ số thành phần|\blà\b", text[s.start : c.start], I)
                ]
            for c in {c.code: c for c in reversed(listed)}.values():
                result += B.make(
                    ctx, m, entities[0], code, c.code, found_years[0], (m.values[0][0], c.start, c.end)
                )
            if listed and any(m.end <= x.start < listed[0].start and x.code == code for x in ctx.indices):
                # "dẫn đầu cả nước về chuyển đổi số ở 3 trụ cột, gồm: ...": the index too.
                result += B.make(ctx, m, entities[0], code, None, found_years[0], m.values[0])
        return result


_EACH_BEFORE_RE = re.compile(rf"[^;]{{0,40}}?(?<![\w]){V.alt('lists.each')}(?![\w])[^;]{{0,20}}$", I)


@register
class ComponentGroupStrategy(Rule):
    """Several components named before one value with "đều"/"cùng": "cả 3
    trụ cột, gồm: Chính quyền số, kinh tế số và xã hội số đều xếp vị trí
    thứ 2/63", "“Chính quyền số” và “Kinh tế số” của TPHCM đều ở vị trí thứ
    3/63": the value is each component's.  Without "đều"/"cùng" the value
    is the nearest component's only.  N components and N values paired by
    "lần lượt"/"tương ứng": one each, in order."""

    name = "bind.component_group"
    stage = "bind"
    order = 15
    vocabulary = ("lists.each",)

    def find(self, ctx) -> list[Claim]:
        result: list[Claim] = []
        pairing = _PAIRING_RE.search(ctx.text, ctx.s.start, ctx.s.end)
        for i, m in ctx.unconsumed():
            if m.regional:
                continue
            codes = B.bind_index(ctx, m)
            if not codes:
                continue
            run = self._run_before(ctx, m, codes[0])
            if len(run) < 2:
                continue
            if (
                len(m.values) == 1
                and m.metric == "rank"
                and _EACH_BEFORE_RE.fullmatch(ctx.text, run[-1].end, m.start)
            ):
                values = [(m.values[0][0], c.start, c.end) for c in run]
            elif pairing and len(m.values) == len(run):
                # "tính minh bạch, chi phí thời gian và tính năng động lần lượt xếp thứ 4, 6, 6".
                values = m.values
            else:
                continue
            entities = B.bind_entity(ctx, m)
            years = B.bind_years(ctx, m, i, codes[0])
            if not entities or len(entities) != 1 or not years:
                continue
            ctx.consumed.add(i)
            for c, value in zip(run, values):
                result += B.make(ctx, m, entities[0], codes[0], c.code, years[0], value)
        return result

    @staticmethod
    def _run_before(ctx, m, code):
        segment_start = ctx.s.segment_of(m.start)[0]
        usable = [
            c
            for c in ctx.components
            if c.index_code in (code, "*") and segment_start <= c.start and c.end <= m.start
        ]
        run = []
        for c in reversed(usable):
            if run and not _COMPONENT_JOIN_RE.fullmatch(ctx.text, c.end, run[0].start):
                break
            run.insert(0, c)
        return run


_COMPONENT_JOIN_RE = re.compile(r"\"?\s*(?:,|và|,\s*và)\s*\"?\s*(?:chỉ số\s+)?", I)


@register
class PairedListStrategy(Rule):
    """Units and values paired in order: "Ninh Bình và Thanh Hóa đã lần lượt
    đứng ở thứ hạng 6 và 12", "A, B và C, với các điểm số tương ứng là ...";
    and "Đứng thứ hai là A và B", which only says A is second."""

    name = "bind.paired_list"
    stage = "bind"
    order = 20
    vocabulary = ("lists.ordered",)

    def find(self, ctx) -> list[Claim]:
        text, s = ctx.text, ctx.s
        result: list[Claim] = []
        pairing = _PAIRING_RE.search(text, s.start, s.end)
        for group in ctx.groups:
            if len(group) < 2:
                continue
            for i, m in ctx.unconsumed():
                if len(m.values) != len(group) or m.regional:
                    continue
                # "lần lượt"/"tương ứng" pair any values; N ordinals after N
                # units pair without them: "A và B vươn lên xếp thứ 2 và thứ 3".
                if pairing or (m.metric == "rank" and m.start >= group[-1].end and "range" not in m.flags):
                    result += self._pair(ctx, group, m, i)
            g_start = group[0].start
            for i, m in ctx.unconsumed():
                if m.metric != "rank" or m.copula_at is None or abs(m.copula_at - g_start) > 1:
                    continue
                ctx.consumed.add(i)
                if m.rule in ("rank.leader", "rank.last"):
                    continue  # "dẫn đầu là A, B", "đứng cuối là A, B": no order stated, no rank
                if len(m.values) == len(group):
                    # "Hai vị trí thứ tư và thứ năm là A và B".
                    result += self._pair(ctx, group, m, i)
                elif "range" not in m.flags:
                    # Only the first is certain: "hai thành phố xếp hạng hai là A và B".
                    result += list_ranks(ctx, group[:1], m.values[0][0], "rank.list", m)
        return result

    @staticmethod
    def _pair(ctx, group, m, i) -> list[Claim]:
        ctx.consumed.add(i)
        codes = B.bind_index(ctx, m)
        found_years = B.bind_years(ctx, m, i, codes[0]) if codes else None
        if not codes or not found_years:
            return []
        result = []
        for e, value in zip(group, m.values):
            for code in codes:
                component = B.bind_component(ctx, m, code)
                result += B.make(ctx, m, e, code, component, found_years[0], value)
        return result


@register
class OrderedListStrategy(Rule):
    """Positions stated by a list: "ba vị trí dẫn đầu lần lượt thuộc về
    A, B và C", "A, B và C lần lượt là các địa phương ... cao nhất",
    "tiếp theo là A, B" (after a rank), "nhóm 5 ... đứng đầu".
    Never guessed: "dẫn đầu là A, B" and "tốp 3 gồm A, B, C" give no ranks."""

    name = "bind.ordered_list"
    stage = "bind"
    order = 50
    vocabulary = ("continuation.words", "lists.ordered")

    def find(self, ctx) -> list[Claim]:
        text, s = ctx.text, ctx.s
        result: list[Claim] = []
        # Searched once per sentence, not once per list: a sentence of
        # thousands of names would otherwise be read again for each.
        first_continue = next(_CONTINUE_WORDS_RE.finditer(text, s.start, s.end), None)
        first_leading = next(_LEADING_WORDS_RE.finditer(text, s.start, s.end), None)
        for group in ctx.groups:
            g_start, g_end = group[0].start, group[-1].end
            if (
                any(c.value_span[0] == g_start for c in result)
                or any(m.copula_at is not None and abs(m.copula_at - g_start) <= 1 for m in ctx.metrics)
                or _ranked_already(ctx, group)
            ):
                continue
            near = max(s.start, g_start - _LIST_HEAD_WINDOW)
            if _LIST_CONTINUE_BEFORE_RE.search(text, near, g_start) or (
                len(group) >= 2
                and _LIST_ORDERED_BEFORE_RE.search(text, near, g_start)
                and first_continue is not None
                and first_continue.end() <= g_start
            ):
                result += continue_ranks(ctx, group, previous_rank(ctx, g_start), "rank.list_continued")
            elif (named := _named_before(ctx, near, g_start)) is not None:
                result += continue_ranks(ctx, group, named, "rank.list_continued")
            elif len(group) >= 2 and _LIST_ORDERED_BEFORE_RE.search(text, near, g_start):
                lead_in = max(near, s.segment_of(g_start)[0])
                stated = any(
                    m.metric == "rank" and lead_in <= m.start < g_start and m.values[0][0] != 1
                    for m in ctx.metrics
                )
                if not stated and first_leading is not None and first_leading.end() <= g_start:
                    # "ba vị trí dẫn đầu lần lượt thuộc về": from the first, unless the
                    # lead-in states where the list starts ("vị trí thứ 4 và 5 ...").
                    result += list_ranks(ctx, group, 1.0, "rank.list", None)
            elif len(group) >= 2 and _LIST_AFTER_CONTINUE_RE.match(text, g_end, s.end):
                # "A và B lần lượt chiếm hai vị trí tiếp theo".
                result += continue_ranks(ctx, group, previous_rank(ctx, g_start), "rank.list_continued")
            elif len(group) >= 2 and _LIST_AFTER_RE.match(text, g_end, s.end):
                start_rank = self._after_list_start(ctx, group, g_start, g_end, "rank.list")
                if start_rank is not None:
                    result += list_ranks(ctx, group, start_rank, "rank.list", None)
        return result

    @staticmethod
    def _after_list_start(ctx, group, g_start, g_end, rule) -> float | None:
        top = _TOP_GROUP_RE.search(ctx.text, g_end, ctx.s.end)
        size = _count(top.group("n")) if top else None
        if size is None or size == len(group):
            return 1.0
        if size == len(group) + 1:
            probe = MetricMention("rank", [(2.0, g_start, g_end)], g_start, g_end, rule)
            codes = B.bind_index(ctx, probe)
            year = B.bind_years_plain(ctx, probe, ctx.years, codes[0]) if codes else None
            if (
                codes
                and year
                and any(
                    c.metric == "rank"
                    and c.value == 1
                    and c.component is None
                    and c.index_code == codes[0]
                    and c.year == year[0]
                    for c in ctx.state.claims
                )
            ):
                return 2.0
        return None


def _ranked_already(ctx, group) -> bool:
    """ "Vị trí thứ hai và thứ ba lần lượt thuộc về A và B": the list was
    paired with its ranks by an earlier strategy; its order says no more."""
    names = {e.name for e in group}
    return any(c.metric == "rank" and c.entity in names for c in ctx.claims)


def list_ranks(ctx, group, start_rank: float, rule: str, anchor: MetricMention | None) -> list[Claim]:
    g_start, g_end = group[0].start, group[-1].end
    probe = anchor or MetricMention("rank", [(start_rank, g_start, g_end)], g_start, g_end, rule)
    codes = B.bind_index(ctx, probe)
    years = B.bind_years_plain(ctx, probe, B.unowned_years(ctx), codes[0]) if codes else None
    if not codes or not years:
        return []
    result = []
    for offset, e in enumerate(group):
        rank = start_rank + offset
        mention = MetricMention("rank", [(rank, e.start, e.end)], e.start, e.end, rule)
        result += B.make(ctx, mention, e, codes[0], None, years[0], (rank, e.start, e.end))
    return result


def previous_rank(ctx, pos: int) -> Claim | None:
    """The last rank stated before ``pos``, in this sentence or the ones
    before: where a continued list ("tiếp theo là A, B") goes on from."""
    for c in [*reversed(ctx.claims), *reversed(ctx.state.claims[-50:])]:
        if c.metric == "rank" and c.value_span[1] <= pos:
            # No list goes on past last place: "Hai vị trí tiếp theo" after
            # "Đứng cuối ... là Bình Thuận" continues some other ranking.
            return None if c.rule == "rank.last" or c.value == c.group_size else c
    return None


def continue_ranks(ctx, group, previous: Claim | None, rule: str) -> list[Claim]:
    """The units of ``group`` ranked right after ``previous``, in the same
    index, component and edition: "Đà Nẵng xếp hạng 1 ở chỉ số hạ tầng kỹ
    thuật, đơn vị xếp sau là Bà Rịa - Vũng Tàu" is the component's 2.
    Not when the units carry ranks of their own ("Kế đến là Nghệ An, xếp
    20/63")."""
    if previous is None:
        return []
    g_start, g_end = group[0].start, group[-1].end
    if any(m.metric == "rank" and g_start <= m.start <= g_end + 30 for m in ctx.metrics):
        return []
    result = []
    for offset, e in enumerate(group, start=1):
        rank = previous.value + offset
        mention = MetricMention("rank", [(rank, e.start, e.end)], e.start, e.end, rule)
        result += B.make(
            ctx, mention, e, previous.index_code, previous.component, previous.year, (rank, e.start, e.end)
        )
    return result


_AFTER_NAMED_RE = re.compile(r"(?:xếp|đứng)?\s*(?<![\w])sau\s+$", I)
_NAMED_TO_LIST_RE = re.compile(r"[^.;]{0,80}?(?<![\w])(?:là|thuộc về)\s*:?\s*$", I)


def _named_before(ctx, near: int, g_start: int) -> Claim | None:
    """ "Sau Quảng Ninh là Hà Nội, ...", "Xếp sau Đà Nẵng ... là TP HCM và Hà
    Nội": the list goes on from the rank of the unit named after "sau"."""
    text = ctx.text
    for e in ctx.entities:
        if not (near <= e.start and e.end <= g_start):
            continue
        if not _AFTER_NAMED_RE.search(text, max(ctx.s.start, e.start - 12), e.start):
            continue
        if not _NAMED_TO_LIST_RE.fullmatch(text, e.end, g_start):
            continue
        for c in [*reversed(ctx.claims), *reversed(ctx.state.claims[-50:])]:
            if c.metric == "rank" and B.unit_name(ctx, e, c.index_code, c.year) == c.entity:
                return c
    return None
