"""Attachment: which unit, index, component and edition a number belongs to.

Every strategy binds through these functions, so the evidence a fact needs
is decided in one place: the sentence first, then the clause, then the
paragraph and the article, and never across words that name another
ranking.  A mention that cannot be tied to a unit, an index and an edition
gives nothing: a missing fact costs less than a wrong one.
"""

from __future__ import annotations

import re

from extractors import gazetteer
from extractors.facts import lexicon as lx
from extractors.facts import vocab as V
from extractors.facts.context import SentenceContext
from extractors.facts.mentions import EntityMention, IndexMention, YearMention
from extractors.facts.records import Claim, MetricMention, Value
from extractors.text.normalize import slugify

I = re.IGNORECASE

_DATELINE_AFTER_RE = re.compile(r"\s*\((?:TTXVN|[A-ZĐ]{2,}\w*\b|[^()]*\d{1,2}/\d{1,2})[^()]*\)")
_LOCATION_BEFORE_RE = re.compile(r"(?:\btại|\bở|diễn ra ở|tổ chức ở|đến|thăm)\s+$", I)
_PRESS_BEFORE_RE = re.compile(r"(?:\bBáo|\bbáo|Đài PT-?TH|Cổng TTĐT|Tạp chí|Trang)\s+$")
_OBJECT_BEFORE_RE = re.compile(
    r"(?:\bsau|\btrên|\bkém|\bhơn|so với|vượt qua|\bvượt|bỏ xa|theo sau|nhường[^,;]{0,30}?cho)\s*$", I
)
_ANAPHOR_START_RE = re.compile(r"\s*\"?(?:Số liệu|Con số|Điểm số|Kết quả) (?:này|đó|trên)\b", I)
_INTRO_WITH_RE = re.compile(r"\s*(?:với|đạt)\b", I)
_LATER_COPULA_RE = re.compile(r"\blà\s+")
_EACH_RE = re.compile(rf"\s*(?:\([^()]*\)\s*)?{V.alt('lists.each')}\b", I)
_LIST_GLUE_RE = re.compile(r"\s*(?:,|và|,\s*và|;)\s*")
# What a list item may carry after its name: "Hà Nội với 84,64 điểm, ...".
_ITEM_TAIL_RE = re.compile(r"\s+(?:với|đạt)\s+(?:số điểm\s+|điểm số\s+)?\d+(?:[.,]\d+)?\s*(?:điểm|%)?", I)
_BARE_MINISTRY_LIST_RE = re.compile(r"các\s+Bộ\s*:\s*", I)

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
# "xếp thứ 20 về hạ tầng nhân lực ...", "xếp vị trí 4/63 ở chỉ số thành phần 3 về ...",
# "xếp hạng 2 chỉ số hạ tầng kỹ thuật", "dẫn đầu chỉ số ứng dụng CNTT".
_COMPONENT_AFTER_RANK_RE = re.compile(
    r"(?:\s*/\s*\d+)?(?:(?:(?!xếp|đứng|vị trí|hạng)[^\d,;()]){0,30}?(?:về|ở)\s+|\s+(?=chỉ số|trụ cột))"
    r"(?:các\s+)?"
    r"(?:chỉ số\s+)?(?:thành phần\s+)?(?:số\s+)?(?:\d+\s+)?(?:(?:về|liên quan đến)\s+)?(?:\"\s*)?",
    I,
)
_LAST_YEAR_RE = re.compile(r"(?<![\w])(?:năm ngoái|năm trước|năm liền trước|kỳ trước)(?![\w])", I)
_THIS_COMPONENT_RE = re.compile(
    r"(?:chỉ số|chỉ tiêu|lĩnh vực|trụ cột|hạng mục|tiêu chí)(?:\s+thành phần)?\s+(?:này|đó|trên)(?![\w])", I
)
_ALSO_RE = re.compile(r"(?<![\w])cũng(?![\w])", I)
_YEAR_AFTER_GAP_RE = re.compile(r"\s*[,(]?\s*(?:của\s+|trong\s+|vào\s+)?(?:năm\s+)?", I)
_YEAR_BEFORE_GAP_RE = re.compile(r"\s*(?:là|đạt|với)\s*", I)
# "(năm 2017 là 41)": that year heads a value of its own.
_YEAR_HEADS_VALUE_RE = re.compile(r"\s*(?:là|đạt|xếp|đứng)\s+(?:thứ\s+)?\d", I)
_COMPARE_CLAUSE_RE = re.compile(r"\bso\s+(?:với\s+)?", I)
_OTHER_METRIC_RE = re.compile(r"\d[\d.,]*\s*(?:điểm|%)|xếp|đứng|vị trí|bậc", I)
# "đứng thứ 5 cả nước về thu hút FDI": a ranking that is not an index's.
_OFF_TOPIC_RE = re.compile(rf"(?<![\w]){V.alt('context.off_topic')}(?![\w])", I)
_ABOUT_RE = re.compile(
    r"(?:(?!xếp|đứng|vị trí|hạng|điểm|\bvà\b|[\d(])[^,;])*?(?<![\w])(?<!thuộc )"
    r"(?:về|ở|trong lĩnh vực|ở lĩnh vực|ở mảng|về mặt)\s+",
    I,
)
# "về đích", "ở vị trí", "ở mức": no topic at all.
_NOT_A_TOPIC_RE = re.compile(
    r"(?:đích|nhì|nhất|ba|cuối|sau|trước|số|thứ|vị trí|mức|tốp|top|cả nước|toàn quốc|trên|"
    r"năm|giai đoạn|kỳ|lần)(?![\w])",
    I,
)
_RANK_WORD_RE = re.compile(
    rf"(?<![\w])(?:xếp|đứng|hạng|vị trí|{V.alt('rank.first', 'rank.last')})(?![\w])", I
)
_INDICATOR_RE = re.compile(
    r"\s*(?:thế giới|toàn cầu|cả nước)?\s*về\s+(?P<name>[^,.;()\d]{4,60}?)(?=\s*(?:[,.;()]|$|với\b|và\b))", I
)
_HYPOTHETICAL_RE = re.compile(rf"(?<![\w]){V.alt('context.hypothetical')}(?![\w])", I)
_FORMER_AFTER_RE = re.compile(r"\s*\(\s*cũ\s*\)|\s+cũ(?![\w])", I)
# What may follow "về" and still be about the index: a component or index
# name (checked against the mentions), or these framing words.
_ABOUT_FRAME_RE = re.compile(
    r"(?:(?:các|những|\d+|hai|ba|bốn|năm|sáu|bảy|tám|cả)\s+)?(?:chỉ số|chỉ tiêu|trụ cột|lĩnh vực|trục|"
    r"hạng mục|nội dung|tiêu chí|thành phần|điểm số|tổng điểm|kết quả|mức độ|xếp hạng|bảng xếp hạng|"
    r"thứ hạng|năng lực|chuyển đổi số|cải cách hành chính|hiệu quả|sự hài lòng|mức độ hài lòng)",
    I,
)


# --- entities ---------------------------------------------------------------


def eligible(ctx: SentenceContext, e: EntityMention) -> bool:
    """Whether an entity can be the subject of a number in its sentence."""
    text, s = ctx.text, ctx.s
    before = text[max(s.start, e.start - 30) : e.start]
    if _LOCATION_BEFORE_RE.search(before) or _PRESS_BEFORE_RE.search(before):
        return False
    if _OBJECT_BEFORE_RE.search(before):
        return False
    block_start = ctx.doc.blocks[s.block][0]
    if e.start - block_start <= 2 and _DATELINE_AFTER_RE.match(text, e.end):
        return False
    return True


def entity_groups(ctx: SentenceContext, entities: list[EntityMention]) -> list[list[EntityMention]]:
    """Runs of entities joined by commas and "và": "A, B (0,8 điểm) và C"."""
    from extractors.facts.mentions import find_bare_ministries

    text, s = ctx.text, ctx.s
    groups: list[list[EntityMention]] = []
    current: list[EntityMention] = []
    for e in entities:
        if current:
            prev = current[-1]
            gap_start = prev.end
            paren = next((p for p in s.parens if p[0] - prev.end in (0, 1)), None)
            if paren:
                gap_start = paren[1]
            tail = _ITEM_TAIL_RE.match(text, gap_start, e.start)
            if tail:
                gap_start = tail.end()
            if _LIST_GLUE_RE.fullmatch(text, gap_start, e.start):
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


def group_of(ctx: SentenceContext, e: EntityMention) -> list[EntityMention] | None:
    return next((g for g in ctx.groups if any(x.start == e.start for x in g)), None)


def bind_entity(ctx: SentenceContext, m: MetricMention) -> list[EntityMention] | None:
    """The entity a mention is about; [] when nobody can be named, None when
    the wording names somebody chiso does not know (drop it)."""
    s, text = ctx.s, ctx.text
    if m.explicit_entity is not None:
        return [m.explicit_entity]
    apposed = apposed_entity(ctx, m)
    if apposed is not None:
        return [apposed]
    anchor = m.start
    paren = s.paren_of(m.start)
    if paren:
        inside = ctx.doc.within(ctx.doc.entities, paren[0], m.start)
        if inside:
            return [inside[-1]]
        owner = [e for e in ctx.doc.within(ctx.doc.entities, s.start, paren[0]) if 0 <= paren[0] - e.end <= 1]
        if owner:
            return [owner[-1]]
        anchor = paren[0]
    if m.copula_at is not None:
        at = next(iter(ctx.doc.within(ctx.doc.entities, m.copula_at, m.copula_at + 2)), None)
        if at is not None:
            return _copula_subject(ctx, m, at)
        if text[m.copula_at : m.copula_at + 1].isupper():
            return None
    clause = s.clause_of(anchor)
    if _INTRO_WITH_RE.match(text, clause[0], clause[1]):
        # "Với 73,40 điểm, Quảng Ninh ...": an opening clause's subject follows it.
        if not [e for e in ctx.eligible if e.start < clause[1]]:
            after = [e for e in ctx.eligible if e.start >= clause[1] and s.paren_of(e.start) is None]
            if after:
                return single_or_each(ctx, after[0], m)
    left = [
        e
        for e in ctx.eligible
        if e.end <= anchor and (s.paren_of(e.start) is None or s.paren_of(e.start) == s.paren_of(anchor))
    ]
    if left:
        return single_or_each(ctx, left[-1], m)
    later = _LATER_COPULA_RE.search(text, m.end, clause[1])
    if later:
        at = next((e for e in ctx.eligible if e.start == later.end()), None)
        if at is not None:
            return _copula_subject(ctx, m, at)
    if any(e.start < anchor for e in ctx.entities):
        return []  # somebody is named before, but not as the subject
    if len(text[s.start : s.end].split()) <= 6:
        return []  # a heading ("Đầu bảng cải cách hành chính") states nobody's rank
    if _unknown_subject(ctx, anchor):
        return []  # "Trong khối ngân hàng, Vietcombank đứng đầu": somebody chiso does not know
    if ctx.state.topic is not None:
        return [ctx.state.topic]
    if ctx.doc.title_entity is not None:
        return [ctx.doc.title_entity]
    return []


_OWNER_AFTER_RE = re.compile(r"\s+(?:của|thuộc về)\s+")
_CEDED_BEFORE_RE = re.compile(r"nhường[^,;]{0,15}$", I)
_CEDED_AFTER_RE = re.compile(r"\s+cho\s+")


# Words that head a list without stating its order.
_UNORDERED_LIST_HEADS = frozenset({"rank.leader", "rank.last"})


def _copula_subject(ctx: SentenceContext, m: MetricMention, at: EntityMention) -> list[EntityMention] | None:
    """The unit after "là": itself, unless it opens a list that a word of
    no order heads ("đứng cuối bảng là A, B, C", "dẫn đầu là A, B")."""
    listed = next((g for g in entity_groups(ctx, ctx.entities) if g[0] is at), [at])
    if len(listed) > 1 and m.rule in _UNORDERED_LIST_HEADS:
        return None
    return [at]


def apposed_entity(ctx: SentenceContext, m: MetricMention) -> EntityMention | None:
    """A unit the wording puts right beside the number: "á quân Đồng Tháp",
    "xếp thứ 2 Ngân hàng Nhà nước", "vị trí thứ hai của Hà Nội", "thụt 34 bậc
    (Lâm Đồng)", "nhường vị trí thứ 3 cho Thái Nguyên"."""
    text, s = ctx.text, ctx.s
    if m.metric == "score":
        return None
    nxt = next((e for e in ctx.entities if e.start >= m.end), None)
    if nxt is None or nxt.start > m.end + 40:
        return None
    gap = text[m.end : nxt.start]
    if _CEDED_BEFORE_RE.search(text, max(s.start, m.start - 20), m.start):
        return nxt if _CEDED_AFTER_RE.fullmatch(gap) else None
    if m.metric == "rank" and _OWNER_AFTER_RE.fullmatch(gap):
        return nxt
    if gap.strip() == "(":
        return nxt if text[nxt.end : nxt.end + 2].lstrip().startswith(")") else None
    if m.metric == "rank" and gap in ("", " "):
        clause = s.clause_of(m.start)
        if not [e for e in ctx.eligible if clause[0] <= e.start < m.start]:
            return nxt
    if m.metric == "rank" and gap == ", " and not [e for e in ctx.eligible if e.start < m.start]:
        return nxt  # "Vị trí cuối cùng, Ủy ban Dân tộc, với 66,71%"
    return None


# A name right before the number's verb, as its subject: "Vietcombank đứng
# đầu", "VNPT tiếp tục dẫn đầu".
_SUBJECT_NAME_RE = re.compile(
    r"(?<![\w])(?P<name>[A-ZĐ][\w&.-]*(?:\s+[A-ZĐ][\w&.-]*)*)\s+"
    r"(?:(?:tiếp tục|cũng|vẫn|đã|lại|tiếp tục|lần đầu tiên|lần đầu)\s+)*$"
)


def _unknown_subject(ctx: SentenceContext, anchor: int) -> bool:
    """Whether the number's subject, written right before it, is a name the
    gazetteer does not know (then the topic is not its subject)."""
    match = _SUBJECT_NAME_RE.search(ctx.text, max(ctx.s.start, anchor - 60), anchor)
    if match is None:
        return False
    known = [*ctx.entities, *ctx.indices, *ctx.components]
    if any(k.start <= match.start("name") < k.end for k in known):
        return False
    at_sentence_start = not ctx.text[ctx.s.start : match.start("name")].strip(' "“(-–')
    one_plain_word = " " not in match.group("name") and not any(c.isupper() for c in match.group("name")[1:])
    # "Tỉnh xếp thứ 5", "Dù tụt 4 bậc": one word capitalised only because it
    # opens the sentence is no name.
    return not (at_sentence_start and one_plain_word)


def single_or_each(ctx: SentenceContext, e: EntityMention, m: MetricMention) -> list[EntityMention] | None:
    group = group_of(ctx, e)
    if group is None or len(group) == 1:
        return [e]
    following = next((x for x in group if x.start > e.start), None)
    if e.end <= m.start and (following is None or m.end <= following.start) and e is not group[-1]:
        return [e]  # the number is in this unit's own item: "A với 84,64 điểm, B ..."
    if _EACH_RE.match(ctx.text, group[-1].end):
        return list(group)
    return None  # "A và B xếp thứ 3": whose rank?  Drop rather than guess.


# --- index ---------------------------------------------------------------------


def names_other_ranking(ctx: SentenceContext) -> bool:
    """A sentence about some other ranking (a rank word and an off-topic
    ranking, no index): "Bắc Ninh dẫn đầu cả nước về tỉ trọng kinh tế số
    trên GRDP".  Until an index is named again, what follows is about it."""
    text, s = ctx.text, ctx.s
    if ctx.doc.dominant_index and gazetteer.groups_ranked(ctx.doc.dominant_index) == ("countries",):
        return False  # a country index ranks trade, growth ... as indicators
    return bool(_OFF_TOPIC_RE.search(text, s.start, s.end) and _RANK_WORD_RE.search(text, s.start, s.end))


def indicator_after(ctx: SentenceContext, m: MetricMention) -> str | None:
    """An indicator of a country ranking named after "về": "Việt Nam dẫn đầu
    thế giới về nhập khẩu công nghệ cao" (GII, FACTS.md: its slug)."""
    match = _INDICATOR_RE.match(ctx.text, m.end, ctx.s.clause_of(m.start)[1])
    if match is None or _about_index(ctx, match.start("name")):
        return None
    return slugify(match.group("name"))


def off_topic(ctx: SentenceContext, m: MetricMention, code: str | None = None) -> bool:
    """A number about a ranking that is not an index's: "đứng thứ 5 cả nước
    về thu hút FDI", "về tỉ trọng kinh tế số trên GRDP", "tăng trưởng GRDP
    đứng thứ 3"; or a hypothetical ("nếu xét trước khi sáp nhập").  In an
    index of countries, "về X" names an indicator instead."""
    text, s = ctx.text, ctx.s
    clause = s.clause_of(m.start)
    segment = s.segment_of(m.start)
    if _HYPOTHETICAL_RE.search(text, segment[0], m.start):
        return True
    if code is not None and gazetteer.groups_ranked(code) == ("countries",):
        return False
    about = _ABOUT_RE.match(text, m.end, min(clause[1], m.end + 40))
    if about and not _about_index(ctx, about.end()):
        return True
    head = text[max(clause[0], m.start - 50) : m.start]
    if _OFF_TOPIC_RE.search(head) and not ctx.doc.within(
        ctx.doc.indices, max(clause[0], m.start - 50), m.start
    ):
        return True
    return False


def _about_index(ctx: SentenceContext, pos: int) -> bool:
    """Whether the words at ``pos`` (after "về") name an index, a component
    or a framing word, not some other ranking."""
    text = ctx.text
    named = [*ctx.components, *ctx.indices, *ctx.entities]
    if any(0 <= n.start - pos <= 2 for n in named):
        return True
    if _ABOUT_FRAME_RE.match(text, pos):
        return not _OFF_TOPIC_RE.match(text, _ABOUT_FRAME_RE.match(text, pos).end() + 1)
    # "về đích", "về nhì": not a topic at all.
    return bool(_NOT_A_TOPIC_RE.match(text, pos))


def bind_index(ctx: SentenceContext, m: MetricMention) -> list[str]:
    codes = _index_candidates(ctx, m)
    return [code for code in codes if not off_topic(ctx, m, code)]


def _index_candidates(ctx: SentenceContext, m: MetricMention) -> list[str]:
    s, indices = ctx.s, ctx.indices
    if indices:
        segment = s.segment_of(m.start)
        pool = [i for i in indices if segment[0] <= i.start < segment[1]] or indices
        # "đứng đầu trên cả 2 bảng xếp hạng PAR INDEX và SIPAS": each index.
        after = [i for i in pool if i.start >= m.end and i.start - m.end <= 80]
        if len(after) >= 2 and re.search(r"cả (?:hai|2|ba|3)\b", ctx.text[m.end : after[0].start], I):
            return list(dict.fromkeys(i.code for i in after))

        def distance(i: IndexMention) -> tuple[int, int]:
            if i.end <= m.start:
                return (m.start - i.end, 0)
            return (max(0, i.start - m.end), 1)

        return [min(pool, key=distance).code]
    if ctx.state.other_ranking:
        return []  # the text turned to another ranking since it last named an index
    if ctx.state.paragraph_index:
        return [ctx.state.paragraph_index]
    if ctx.doc.dominant_index:
        return [ctx.doc.dominant_index]
    return []


# --- component ----------------------------------------------------------------


def component_cued(ctx: SentenceContext, c) -> bool:
    """A component name counts only where it names a component: after
    "chỉ số", "về", "ở", at a clause start, or right before its number."""
    if c.index_code == "*":
        return True
    text = ctx.text
    clause = ctx.s.clause_of(c.start)
    before = text[max(clause[0], c.start - 30) : c.start]
    if not before.strip() or _COMPONENT_CUE_BEFORE_RE.search(before):
        return True
    return bool(_COMPONENT_CUE_AFTER_RE.match(text, c.end))


def bind_component(ctx: SentenceContext, m: MetricMention, index: str) -> str | None:
    s, text = ctx.s, ctx.text
    usable = [c for c in ctx.components if c.index_code in (index, "*") and component_cued(ctx, c)]
    paren = s.paren_of(m.start)
    if paren:
        inside = [c for c in usable if paren[0] <= c.start < m.start]
        if inside:
            return inside[-1].code
    clause_end = s.clause_of(m.end)[1]
    for c in usable:
        if m.end <= c.start <= clause_end + 1 and _COMPONENT_AFTER_RANK_RE.fullmatch(text, m.end, c.start):
            if m.metric == "rank" or not re.match(r"\s+(?:chỉ số|trụ cột)", text[m.end : c.start]):
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
    if left and not ctx.doc.within(ctx.doc.indices, left[-1].end, anchor):
        return left[-1].code
    opening = s.clause_of(anchor)
    if opening[0] == s.start and _INTRO_WITH_RE.match(text, opening[0], opening[1]):
        # "Với số điểm 0,89, Đà Nẵng đứng đầu chỉ số ứng dụng CNTT": the
        # opening clause's score is of what the main clause ranks.
        ahead = [c for c in usable if opening[1] <= c.start < segment[1]]
        if ahead:
            return ahead[0].code
    if gazetteer.groups_ranked(index) == ("countries",):
        indicator = indicator_after(ctx, m)
        if indicator is not None:
            return indicator
    if _ANAPHOR_START_RE.match(text, s.start) and ctx.state.previous:
        return ctx.state.previous[-1].component
    if not ctx.components and not ctx.indices:
        # "Tiền Giang ... ở chỉ số này"; "Trong khi đó, Bắc Giang cũng ...":
        # the component the paragraph is about.
        if _THIS_COMPONENT_RE.search(text, s.start, s.end) or _ALSO_RE.search(text, s.start, m.start):
            return ctx.state.paragraph_component
    return None


# --- years ---------------------------------------------------------------------


def adjacent_year(ctx: SentenceContext, m: MetricMention) -> YearMention | None:
    """A year written right after or before a value: "vị trí thứ 5 năm 2023",
    "năm 2018 là 81,24%", "bậc 20 (năm 2015)"."""
    text = ctx.text
    if m.metric != "rank_change":
        last_value_end = m.values[-1][2]
        for y in ctx.years:
            if 0 <= y.start - last_value_end <= 22 and y.role in ("plain", "paren", "list"):
                gap = text[last_value_end : y.start]
                if (
                    _YEAR_AFTER_GAP_RE.fullmatch(gap)
                    and (m.metric != "rank" or y.role == "paren" or re.search(r"năm|\(|của|trong", gap))
                    and not _heads_value(ctx, y)
                ):
                    return y
    first_value_start = m.values[0][1]
    for y in ctx.years:
        if 0 <= first_value_start - y.end <= 8 and _YEAR_BEFORE_GAP_RE.fullmatch(
            text, y.end, first_value_start
        ):
            return y
    return None


def _heads_value(ctx: SentenceContext, y: YearMention) -> bool:
    """ "..., năm 2019 và 2020 xếp hạng 59", "(năm 2017 là 41)": the year
    opens a value of its own, so it is not the year of the one before."""
    if _YEAR_HEADS_VALUE_RE.match(ctx.text, y.end):
        return True
    for m in ctx.metrics:
        between = ctx.text[y.end : m.start + 6]
        if y.end <= m.start <= y.end + 25 and not re.search(r"[,;()]|\b(?:lên|xuống|tới|đến)\b", between, I):
            return True
    return False


def in_compare_clause(ctx: SentenceContext, y: YearMention) -> bool:
    s = ctx.s
    clause_start = s.clause_of(y.start)[0]
    paren = s.paren_of(y.start)
    if paren:
        clause_start = max(clause_start, paren[0])
    return bool(_COMPARE_CLAUSE_RE.search(ctx.text, clause_start, y.start))


_TARGET_BEFORE_RE = re.compile(r"(?<![\w])(?:lên|xuống|tới|đến)(?![\w])", I)


def move_parts(ctx: SentenceContext) -> list[tuple[int, int, MetricMention, MetricMention | None]]:
    """Each move: its start, from "từ" to the words that state where it
    ended ("từ vị trí thứ 8 (với 65,53 điểm) năm 2018 | lên vị trí thứ 3"),
    with the start and end mentions.  What is written inside the start
    belongs to the earlier edition."""
    parts = []
    for f in ctx.metrics:
        if f.role != "from":
            continue
        end, target = f.end, None
        for m in ctx.metrics:
            if m.start >= f.end and m.role != "from" and m.metric == f.metric:
                if _TARGET_BEFORE_RE.search(ctx.text, f.end, m.values[0][1]):
                    end, target = m.start, m
                break
        parts.append((f.start, end, f, target))
    return parts


def _move_span_years(ctx: SentenceContext, m: MetricMention, code: str | None) -> tuple[int, ...] | None:
    """A move over a span of years: "trong giai đoạn 2014 - 2020 từ vị trí 99
    lên vị trí 86" (99 is 2014's, 86 is 2020's); and a change stated with its
    move, "tụt 1 bậc từ vị trí thứ 4 năm 2013 xuống vị trí thứ 5 năm 2014",
    which is the end's edition."""
    for start, _end, f, target in ctx.moves:
        if target is None:
            continue
        if m.metric == "rank_change":
            if 0 <= start - m.end <= 12 and m.start >= ctx.s.clause_of(start)[0]:
                return bind_years(ctx, target, _index_of(ctx, target), code)
            continue
        if m is not f and m is not target:
            continue
        segment = ctx.s.segment_of(start)
        spans = [y for y in ctx.years if y.role in ("range", "streak") and segment[0] <= y.start < start]
        if spans:
            return (spans[-1].years[0],) if m is f else (spans[-1].years[-1],)
    return None


def _move_part_of(ctx: SentenceContext, pos: int):
    return next((p for p in ctx.moves if p[0] <= pos < p[1]), None)


def bind_years(
    ctx: SentenceContext, m: MetricMention, i: int | None, code: str | None = None
) -> tuple[int, ...] | None:
    if m.explicit_years:
        return m.explicit_years
    if i is not None and i in ctx.owned:
        return ctx.owned[i].years
    spanned = _move_span_years(ctx, m, code)
    if spanned is not None:
        return spanned
    part = _move_part_of(ctx, m.start)
    if part is not None and part[2] is not m:
        # "(với 65,53 điểm)" inside "từ vị trí thứ 8 ... lên": the earlier edition.
        return bind_years(ctx, part[2], _index_of(ctx, part[2]), code)
    mine = {id(y) for y in ctx.owned.values()}
    usable = [y for y in ctx.years if id(y) not in mine]
    if part is None:
        usable = [y for y in usable if _move_part_of(ctx, y.start) is None]
    if m.role in ("from", "compare"):
        # "từ vị trí 47 lên vị trí 13": the earlier edition.
        compare = [y for y in usable if y.role == "compare" and len(y.years) == 1]
        if compare:
            return compare[0].years
        base = bind_years_plain(ctx, m, usable, code)
        return (lx.previous_edition(code, base[0]),) if base else None
    paren = ctx.s.paren_of(m.start)
    if paren is not None and not any(m is p[3] for p in ctx.moves):
        # "tụt 4 bậc so với năm 2021 (đứng thứ 44)": the compared edition's;
        # not the end of a move ("so với năm 2022 (từ vị trí 41 lên 40)").
        compared = [y for y in ctx.years if y.role == "compare" and 0 <= paren[0] - y.end <= 2]
        if compared:
            return compared[-1].years
    return bind_years_plain(ctx, m, usable, code)


def _index_of(ctx: SentenceContext, m: MetricMention) -> int | None:
    return next((i for i, x in enumerate(ctx.metrics) if x is m), None)


def unowned_years(ctx: SentenceContext) -> list[YearMention]:
    mine = {id(y) for y in ctx.owned.values()}
    return [y for y in ctx.years if id(y) not in mine]


def bind_years_plain(
    ctx: SentenceContext, m: MetricMention, usable, code: str | None = None
) -> tuple[int, ...] | None:
    """The edition of ``m``: a year in its bracket, left of it in its
    segment, or right of it before another value; else the paragraph's or
    the article's edition, but only for the index that edition belongs to
    ("sau 4 năm liên tiếp chiếm ngôi đầu PCI" in an ICT Index 2016 article
    has no year)."""
    s = ctx.s
    paren = s.paren_of(m.start)
    segment = s.segment_of(m.start)

    def ok(y: YearMention) -> bool:
        return (
            y.role in ("plain", "list", "paren")
            and not in_compare_clause(ctx, y)
            and (s.paren_of(y.start) is None or s.paren_of(y.start) == paren)
        )

    if paren:
        inside = [y for y in usable if paren[0] <= y.start < m.start and ok(y)]
        if inside:
            return inside[-1].years
        # "vào năm 2004 (thành phố Đà Nẵng cũng xếp vị thứ nhất)".
        before = [y for y in usable if y.role == "plain" and 0 <= paren[0] - y.end <= 2]
        if before:
            return before[-1].years
    left = [y for y in usable if segment[0] <= y.start and y.end <= m.start and ok(y)]
    if left:
        return left[-1].years
    right = [y for y in usable if m.end <= y.start < segment[1] and ok(y)]
    if right and not _OTHER_METRIC_RE.search(ctx.text, m.end, right[0].start):
        return right[0].years
    current = _context_edition(ctx, code)
    relative = _LAST_YEAR_RE.search(ctx.text, s.clause_of(m.start)[0], m.start)
    if (
        current
        and relative
        and not _COMPARE_CLAUSE_RE.search(ctx.text, max(s.start, relative.start() - 8), relative.start())
    ):
        # "Thừa Thiên - Huế năm ngoái xếp thứ 9": the previous edition.
        return (lx.previous_edition(code, current[0]),)
    return current


def _context_edition(ctx: SentenceContext, code: str | None) -> tuple[int, ...] | None:
    """The edition the surrounding text is about, for ``code``."""
    state = ctx.state
    if state.paragraph_year is not None and code in (None, state.paragraph_year_index):
        return (state.paragraph_year,)
    if ctx.doc.edition is not None and (code is None or code in ctx.doc.edition_indices):
        return (ctx.doc.edition,)
    return None


def streak_excludes(ctx: SentenceContext, m: MetricMention, year: int) -> bool:
    """ "17 năm liền (2008 - 2024)": only an edition inside the streak."""
    segment = ctx.s.segment_of(m.start)
    return any(
        y.role == "streak" and segment[0] <= y.start < segment[1] and year not in y.years for y in ctx.years
    )


# --- claims ---------------------------------------------------------------------


def make(
    ctx: SentenceContext,
    m: MetricMention,
    entity: EntityMention,
    code: str,
    component,
    year: int,
    value: Value,
) -> list[Claim]:
    """The claims of one value, or none when the value cannot be a fact of
    this unit in this edition."""
    v, start, end = value
    name = unit_name(ctx, entity, code, year)
    if name is None:
        return []
    if "last" in m.flags:
        v = ranked_count(ctx, entity, code, year)
        if v is None:
            return []  # last place of a ranking whose size the article does not state
    if (
        m.metric == "rank_change"
        and m.compare_year is not None
        and m.compare_year != lx.previous_edition(code, year)
    ):
        return []  # "tăng 25 bậc so năm 2016" in 2019: not the previous edition
    if m.metric == "score" and not score_plausible(m, code, v):
        return []
    if m.metric == "rank" and (not float(v).is_integer() or v < 1):
        return []
    out = [Claim(name, code, component, year, m.metric, v, (start, end), m.rule, m.group_size)]
    if m.pair_score is not None:
        sv, ss, se = m.pair_score
        if score_plausible(None, code, sv):
            out.append(Claim(name, code, component, year, "score", sv, (ss, se), m.rule))
    return out


def unit_name(ctx: SentenceContext, entity: EntityMention, code: str, year: int) -> str | None:
    """The entity's name in the map its edition was ranked on (FACTS.md):
    "TP Huế" is Thừa Thiên Huế in PCI 2023 and Huế in DTI 2024; Quảng Nam
    ranks in no edition from 2025, nor does a country in a provincial index."""
    if entity.kind == "org":
        groups = gazetteer.groups_ranked(code)
        return entity.name if "other" in groups else None
    if _FORMER_AFTER_RE.match(ctx.text, entity.end) and year >= 2025:
        return None  # "Quảng Nam (cũ)": a unit merged away
    unit = gazetteer.resolve(entity.name, code, year)
    return unit.name if unit is not None else None


def ranked_count(ctx: SentenceContext, entity: EntityMention, code: str, year: int) -> float | None:
    """How many units of the entity's group the article says were ranked."""
    unit = gazetteer.resolve(entity.name, code, year)
    if unit is None:
        return None
    count = ctx.doc.group_counts.get(unit.group)
    return float(count) if count else None


def score_plausible(m: MetricMention | None, code: str, value: float) -> bool:
    if m is not None and "percent" in m.flags and code not in lx.PERCENT_INDICES:
        return False
    low, high = lx.SCORE_RANGES.get(code, (0.0, 100.0))
    return low < value <= high
