"""Which unit a number is about."""

from __future__ import annotations

import re

from extractors.facts import vocab as V
from extractors.facts.binding.patterns import (
    _BARE_MINISTRY_LIST_RE,
    _DATELINE_AFTER_RE,
    _EACH_RE,
    _INTRO_WITH_RE,
    _ITEM_TAIL_RE,
    _LATER_COPULA_RE,
    _LIST_GLUE_RE,
    _LOCATION_BEFORE_RE,
    _NAMESAKE_AFTER_RE,
    _NAMESAKE_BEFORE_RE,
    _OBJECT_BEFORE_RE,
    _PRESS_BEFORE_RE,
    I,
)
from extractors.facts.binding.years import apposition_at
from extractors.facts.context import SentenceContext
from extractors.facts.mentions import EntityMention
from extractors.facts.records import MetricMention

# --- entities ---------------------------------------------------------------


_DIGIT_RE = re.compile(r"\d")
_SOURCE_CLAUSE_RE = re.compile(r"[\s\"“(]*(?:\([^()]{1,20}\)\s*[-–]\s*)?Theo\s+", I)  # "(BBR) - Theo ..."
# A "Theo ..." clause that states something itself ("Theo kết quả ... thì Hải
# Phòng lên ngôi quán quân") is no bare source.
_STATES_RE = re.compile(
    rf"(?<![\w])(?:thì|xếp|đứng|đạt|tăng|giảm|tụt|{V.alt('rank.first', 'rank.second', 'rank.last')})(?![\w])",
    I,
)
_NON_YEAR_NUMBER_RE = re.compile(r"(?<![\d])(?!(?:19|20)\d\d(?!\d))\d")


# The parts a merged unit was formed from, named after it: objects, however
# many ("hợp nhất với A và B", "gồm A và B cũ", "hình thành từ A, B và C").
_MERGED_FROM_RE = re.compile(
    r"(?<![\w])(?:hợp nhất với|sáp nhập với|sáp nhập|hợp nhất|gồm|bao gồm|hình thành từ|hợp nhất từ"
    r"|sáp nhập từ)"
    r"\s+(?:[^,;()]{0,50}?(?:,|\svà)\s+)*?$",
    re.I,
)
_PERSON_BEFORE_RE = re.compile(r"(?<![\w.])(?-i:[A-ZĐ][a-zà-ỹđ]+)\s$")


def eligible(ctx: SentenceContext, e: EntityMention) -> bool:
    """Whether an entity can be the subject of a number in its sentence."""
    text, s = ctx.text, ctx.s
    before = text[max(s.start, e.start - 30) : e.start]
    if _LOCATION_BEFORE_RE.search(before) or _PRESS_BEFORE_RE.search(before):
        return False
    if _OBJECT_BEFORE_RE.search(before):
        return False
    if _NAMESAKE_BEFORE_RE.search(before) or _NAMESAKE_AFTER_RE.match(text, e.end):
        return False
    clause_start = s.clause_of(e.start)[0]
    if _MERGED_FROM_RE.search(text, max(s.start, e.start - 90), e.start) and not _MERGED_FROM_RE.search(
        text, clause_start, clause_start + 1
    ):
        return False  # "TP.HCM, sau khi hợp nhất với Bình Dương và Bà Rịa - Vũng Tàu, ...": its parts
    if " " not in text[e.start : e.end] and _PERSON_BEFORE_RE.search(before) and s.start < e.start - 1:
        return False  # "ông Nguyễn Tuấn Anh", "bà Trần Minh Đức": a person's name, not a country
    clause = s.clause_of(e.start)
    if (
        clause[0] == s.start
        and _SOURCE_CLAUSE_RE.match(text, s.start, clause[1])
        and not _NON_YEAR_NUMBER_RE.search(text, s.start, clause[1])
        and not _STATES_RE.search(text, s.start, clause[1])
    ):
        # "Theo Sở Tư pháp tỉnh Long An, ...", "Theo kết quả PAR INDEX 2022 của
        # Bộ Nội vụ, ...": who says it, not whom it ranks.
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
            if _LIST_GLUE_RE.fullmatch(text, gap_start, e.start) and not _opens_statement(ctx, e, gap_start):
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


def _opens_statement(ctx: SentenceContext, e: EntityMention, gap_start: int) -> bool:
    """ "Á quân thuộc về Quảng Ninh (47,60 điểm), Hải Phòng đứng thứ ba": after
    a comma, a unit with a rank of its own right after it is a new subject."""
    gap = ctx.text[gap_start : e.start]
    if ";" in gap:
        return True  # "... lần lượt là A, B và C; D hạng 11": a new part of the sentence
    if "," not in gap or "và" in gap.split():
        return False
    return any(m.metric == "rank" and len(m.values) == 1 and 0 <= m.start - e.end <= 2 for m in ctx.metrics)


def group_of(ctx: SentenceContext, e: EntityMention) -> list[EntityMention] | None:
    return next((g for g in ctx.groups if any(x.start == e.start for x in g)), None)


def bind_entity(ctx: SentenceContext, m: MetricMention) -> list[EntityMention] | None:
    """The entity a mention is about; [] when nobody can be named, None when
    the wording names somebody chiso does not know (drop it)."""
    s, text = ctx.s, ctx.text
    if m.explicit_entity is not None:
        return [m.explicit_entity]
    if _held_within(ctx, m):
        return None  # "Du lịch chiếm vị trí số một của Hà Nội": something of the unit holds it
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
    inverted = _inverted_subject(ctx, m, clause)
    if inverted is not None:
        return [inverted]
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
        if _unknown_subject(ctx, anchor, since=left[-1].end):
            return None  # "Thổ Nhĩ Kỳ xếp hạng 37, Bulgaria xếp hạng 38": a name chiso does not know
        return single_or_each(ctx, _outside_apposition(ctx, left, m), m)
    later = _LATER_COPULA_RE.search(text, m.end, clause[1])
    if later:
        at = next((e for e in ctx.eligible if e.start == later.end()), None)
        if at is not None:
            return _copula_subject(ctx, m, at)
    owner = _owner_after(ctx, m)
    if owner is not None:
        return [owner]
    if any(e.start < anchor for e in ctx.entities):
        return []  # somebody is named before, but not as the subject
    if len(text[s.start : s.end].split()) <= 6 and not _DIGIT_RE.search(text, s.start, s.end):
        return []  # a heading ("Đầu bảng cải cách hành chính") states nobody's rank
    if _unknown_subject(ctx, anchor):
        return []  # "Trong khối ngân hàng, Vietcombank đứng đầu": somebody chiso does not know
    if ctx.doc.title_entity is not None and _SELF_REFERENCE_RE.search(text, s.start, anchor):
        # "Chỉ số phụ đầu ra của tỉnh xếp hạng 4", "chúng tôi đứng thứ 2" in an
        # interview about the headline's province: the article's own unit,
        # whoever the last sentence ranked.
        return [ctx.doc.title_entity]
    if ctx.state.topic is not None:
        return [ctx.state.topic]
    if ctx.doc.title_entity is not None:
        return [ctx.doc.title_entity]
    return []


# How an article about one unit names it without its name: "của tỉnh", "tỉnh
# ta", "chúng tôi"; not "tỉnh Bắc Ninh" (a name follows), nor "63 tỉnh, thành" (a count).
_SELF_REFERENCE_RE = re.compile(
    r"(?<![\w])(?<!\d\s)(?<!các )(?<!những )(?<!nhiều )(?<!mỗi )"
    r"(?:(?:[Cc]ủa\s+)?(?:[Tt]ỉnh|[Tt]hành phố|[Đđ]ịa phương)(?!\s*(?:[A-ZĐ]|,?\s*thành\b|này|khác|nào))"
    r"|(?:[Cc]ủa\s+)?(?:[Tt]ỉnh|[Tt]hành phố)\s+(?:ta|nhà|mình)(?![\w])|(?i:chúng tôi|chúng ta))",
)


COPULA_WORD_RE = re.compile(r"(?<![\w])là(?![\w])", re.I)
_OWNER_AFTER_RE = re.compile(r"\s+(?:của|thuộc về)\s+")
_HOLDING_RE = re.compile(r"(?:chiếm|nắm giữ|giữ|nắm)(?![\w])", re.I)
_CEDED_BEFORE_RE = re.compile(r"nhường[^,;]{0,15}$", I)
_CEDED_AFTER_RE = re.compile(r"\s+cho\s+")


# Words that head a list without stating its order.
_UNORDERED_LIST_HEADS = frozenset({"rank.leader", "rank.last"})


_CLAUSE_LEAD_RE = re.compile(r"[\s,;]*(?:và\s+|còn\s+)?$", re.I)


def _inverted_subject(ctx: SentenceContext, m: MetricMention, clause) -> EntityMention | None:
    """ "đứng đầu là NHNN (91,77%), xếp thứ nhì Bộ Tư pháp (90,63%)": a rank
    opening its clause with the unit right after it, in a sentence that
    ranks units so (an earlier "là" names one)."""
    if m.metric != "rank" or not _CLAUSE_LEAD_RE.fullmatch(ctx.text, clause[0], m.start):
        return None
    if clause[0] == ctx.s.start:
        return None
    opens_part = ctx.s.segment_of(m.start)[0] == clause[0] and any(x.end <= clause[0] for x in ctx.metrics)
    if not opens_part and not COPULA_WORD_RE.search(ctx.text, ctx.s.start, clause[0]):
        return None  # "...; đứng thứ 2 tỉnh Thái Nguyên đạt 90,29%" opens a part after a stated rank
    after = next((e for e in ctx.eligible if m.end <= e.start <= m.end + 1), None)
    return after if after is not None and ctx.s.paren_of(after.start) is None else None


def _outside_apposition(ctx: SentenceContext, left: list[EntityMention], m: MetricMention) -> EntityMention:
    """The last unit before ``m``, passing over one named inside an aside
    about the unit before it: "Bộ Dân tộc và Tôn giáo, bộ mới được thành lập
    trên cơ sở Ủy ban Dân tộc, xếp cuối cùng" ranks the ministry."""
    last = left[-1]
    aside = apposition_at(ctx, last.start)
    if aside is None or aside[0] <= m.start < aside[1] or last.start <= aside[0] + 1:
        return last
    before = [e for e in left if e.end <= aside[0]]
    return before[-1] if before else last


def _copula_subject(ctx: SentenceContext, m: MetricMention, at: EntityMention) -> list[EntityMention] | None:
    """The unit after "là": itself, unless it opens a list that a word of
    no order heads ("đứng cuối bảng là A, B, C", "dẫn đầu là A, B")."""
    listed = next((g for g in entity_groups(ctx, ctx.entities) if g[0] is at), [at])
    if len(listed) > 1 and m.rule in _UNORDERED_LIST_HEADS:
        return None
    return [at]


def _held_within(ctx: SentenceContext, m: MetricMention) -> bool:
    """ "<something> chiếm/giữ vị trí số một của <unit>": a position inside
    the unit (an industry, a product), not the unit's rank."""
    if m.metric != "rank" or not _HOLDING_RE.match(ctx.text, m.start):
        return False
    nxt = next((e for e in ctx.entities if e.start >= m.end), None)
    return nxt is not None and bool(_OWNER_AFTER_RE.fullmatch(ctx.text, m.end, nxt.start))


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
    if m.metric == "rank" and gap in (", ", ": ") and not [e for e in ctx.eligible if e.start < m.start]:
        return nxt  # "Vị trí cuối cùng, Ủy ban Dân tộc, với 66,71%"
    return None


# A name right before the number's verb, as its subject: "Vietcombank đứng
# đầu", "VNPT tiếp tục dẫn đầu".
_SUBJECT_NAME_RE = re.compile(
    r"(?<![\w])(?P<name>[A-ZĐ][\w&.-]*(?:\s+[A-ZĐ][\w&.-]*)*)\s+"
    r"(?:(?:tiếp tục|cũng|vẫn|đã|lại|tiếp tục|lần đầu tiên|lần đầu)\s+)*$"
)


def _unknown_subject(ctx: SentenceContext, anchor: int, since: int | None = None) -> bool:
    """Whether the number's subject, written right before it (after
    ``since``), is a name the gazetteer does not know (then neither the
    topic nor a unit named earlier is its subject)."""
    match = _SUBJECT_NAME_RE.search(ctx.text, max(ctx.s.start, since or 0, anchor - 60), anchor)
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


# Between a listed value and the unit that owns the list: other items only
# ("(7,65) và Thủ tục hành chính công (7,43) của Hải Phòng").
_ITEMS_ONLY_RE = re.compile(r"(?:(?!xếp|đứng|đạt|tăng|giảm|tụt|là\b)[^;.])*?\s+của\s+$", re.I)


def _owner_after(ctx: SentenceContext, m: MetricMention) -> EntityMention | None:
    """The unit a list of components and values closes with: "Chỉ số Công
    khai, minh bạch (7,65) và Thủ tục hành chính công (7,43) của Hải Phòng"."""
    segment_end = ctx.s.segment_of(m.start)[1]
    for e in ctx.eligible:
        if m.end <= e.start < segment_end:
            if _ITEMS_ONLY_RE.fullmatch(ctx.text, m.end, e.start):
                return e
            return None
    return None


def _items_have_values(ctx: SentenceContext, group: list[EntityMention], m: MetricMention) -> bool:
    """Whether every unit before the last of a list carries its own value of
    ``m``'s kind between it and the next: then the list is of items."""
    return all(
        any(x.metric == m.metric and a.end <= x.start < b.start for x in ctx.metrics)
        for a, b in zip(group, group[1:])
    )


def single_or_each(ctx: SentenceContext, e: EntityMention, m: MetricMention) -> list[EntityMention] | None:
    group = group_of(ctx, e)
    if group is None or len(group) == 1:
        return [e]
    following = next((x for x in group if x.start > e.start), None)
    if e.end <= m.start and (following is None or m.end <= following.start) and e is not group[-1]:
        return [e]  # the number is in this unit's own item: "A với 84,64 điểm, B ..."
    if (
        e is group[-1]
        and e.end <= m.start
        and ctx.s.clause_of(e.start) == ctx.s.clause_of(m.start)
        and _items_have_values(ctx, group, m)
    ):
        return [e]  # "A đạt 83,96%, B đạt 81,77%": the last item's own value
    if _EACH_RE.match(ctx.text, group[-1].end):
        return list(group)
    return None  # "A và B xếp thứ 3": whose rank?  Drop rather than guess.
