"""Which component of its index a number is about."""

from __future__ import annotations

import re

from extractors import gazetteer
from extractors.facts.binding.indices import indicator_after
from extractors.facts.binding.patterns import (
    _ALSO_RE,
    _ANAPHOR_START_RE,
    _COMPONENT_AFTER_RANK_RE,
    _COMPONENT_CUE_AFTER_RE,
    _COMPONENT_CUE_BEFORE_RE,
    _INTRO_WITH_RE,
    _THIS_COMPONENT_RE,
)
from extractors.facts.context import SentenceContext
from extractors.facts.records import MetricMention
from extractors.text.txt import LIST_MARK

# --- component ----------------------------------------------------------------

_LEADER_RULES = frozenset({"rank.leader", "rank.number_one"})


def component_cued(ctx: SentenceContext, c) -> bool:
    """A component name counts only where it names a component: after
    "chỉ số", "về", "ở", at a clause start, or right before its number."""
    if c.index_code == "*":
        return True
    text = ctx.text
    clause = ctx.s.clause_of(c.start)
    before = text[max(clause[0], c.start - 30) : c.start]
    if not before.strip(" -–•+*") or _COMPONENT_CUE_BEFORE_RE.search(before):
        # A clause or a list item ("- Gia nhập thị trường: 7,85 điểm") it opens.
        return True
    return bool(_COMPONENT_CUE_AFTER_RE.match(text, c.end))


_COMPARED_BEFORE_RE = re.compile(r"(?<![\w])(?:hơn|kém|so với|so|bằng)\s+(?:cả\s+)?$", re.I)
_FRAME_RE = re.compile(
    rf"\s*(?:{LIST_MARK}\s*)?(?P<prep>với|về|ở|đối với|tại|riêng)\s+"
    r"(?:(?:chỉ số|trụ cột|phân chỉ số)(?:\s+(?:phụ|thành phần))?\s+)?",
    re.I,
)


def _framing_component(ctx: SentenceContext, usable, segment) -> str | None:
    """ "Với chỉ số phụ đầu ra đổi mới sáng tạo, Bắc Ninh ... thứ nhất; Hà Nội
    đứng thứ hai": a component opening the sentence frames each ";" part."""
    s, text = ctx.s, ctx.text
    if segment[0] == s.start:
        return None
    frame = _FRAME_RE.match(text, s.start)
    if frame is None:
        return None
    first = next((c for c in usable if frame.end("prep") <= c.start <= frame.end()), None)
    if first is None or text[first.end : first.end + 1] != ",":
        return None
    return first.code


def bind_component(ctx: SentenceContext, m: MetricMention, index: str) -> str | None:
    s, text = ctx.s, ctx.text
    usable = [c for c in ctx.components if c.index_code in (index, "*") and component_cued(ctx, c)]
    paren = s.paren_of(m.start)
    if paren:
        inside = [c for c in usable if paren[0] <= c.start < m.start]
        if inside:
            return inside[-1].code
    clause_end = s.clause_of(m.end)[1]
    if m.rule in _LEADER_RULES:
        # "Hà Nội đứng đầu chính quyền số (0,8310), TP.HCM đứng đầu kinh tế số":
        # the leader word's object is what it leads.
        ahead = next((c for c in usable if m.end <= c.start <= m.end + 1), None)
        if ahead is not None and not text[m.end : ahead.start].strip():
            return ahead.code
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
    # "Đầu ra ... tốt hơn đầu vào nhưng giảm 1 bậc": what it is compared with is no subject.
    left = [c for c in left if not _COMPARED_BEFORE_RE.search(text, max(s.start, c.start - 12), c.start)]
    if left and not ctx.doc.within(ctx.doc.indices, left[-1].end, anchor):
        return left[-1].code
    framed = _framing_component(ctx, usable, segment)
    if framed is not None:
        return framed
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
