"""Which index a number belongs to, and what blocks it: another ranking, a
hypothetical, a topic that is not a component."""

from __future__ import annotations

import re

from extractors import gazetteer
from extractors.facts.binding.patterns import (
    _ABOUT_FRAME_RE,
    _ABOUT_RE,
    _CONDITIONAL_RE,
    _HYPOTHETICAL_RE,
    _INDICATOR_RE,
    _NOT_A_TOPIC_RE,
    _OFF_TOPIC_FRAME_RE,
    _OFF_TOPIC_RE,
    _RANK_WORD_RE,
    I,
)
from extractors.facts.context import SentenceContext
from extractors.facts.mentions import IndexMention
from extractors.facts.records import MetricMention
from extractors.text.normalize import slugify

# --- index ---------------------------------------------------------------------


def names_other_ranking(ctx: SentenceContext) -> bool:
    """A sentence about some other ranking (a rank word and an off-topic
    ranking, no index): "Bắc Ninh dẫn đầu cả nước về tỉ trọng kinh tế số
    trên GRDP".  Until an index is named again, what follows is about it."""
    text, s = ctx.text, ctx.s
    if ctx.doc.dominant_index and gazetteer.groups_ranked(ctx.doc.dominant_index) == ("countries",):
        return False  # a country index ranks trade, growth ... as indicators
    if _OFF_TOPIC_FRAME_RE.match(text, s.start, s.end):
        return True  # "Về thu hút FDI, ..." frames what follows
    return bool(_OFF_TOPIC_RE.search(text, s.start, s.end) and _RANK_WORD_RE.search(text, s.start, s.end))


def indicator_after(ctx: SentenceContext, m: MetricMention) -> str | None:
    """An indicator of a country ranking named after "về": "Việt Nam dẫn đầu
    thế giới về nhập khẩu công nghệ cao" (GII, FACTS.md: its slug)."""
    match = _INDICATOR_RE.match(ctx.text, m.end, ctx.s.clause_of(m.start)[1])
    if match is None or _about_index(ctx, match.start("name")):
        return None
    slug = slugify(match.group("name"))
    # "nhảy vọt 15 bậc về Chính phủ điện tử" (EGDI), "về đổi mới sáng tạo" (GII):
    # what the index itself measures, not one of its indicators
    return None if slug in _INDEX_TOPICS else slug


_INDEX_TOPICS = frozenset(
    {"chinh_phu_dien_tu", "chinh_phu_so", "doi_moi_sang_tao", "phat_trien_chinh_phu_dien_tu"}
)


def off_topic(ctx: SentenceContext, m: MetricMention, code: str | None = None) -> bool:
    """A number about a ranking that is not an index's: "đứng thứ 5 cả nước
    về thu hút FDI", "về tỉ trọng kinh tế số trên GRDP", "tăng trưởng GRDP
    đứng thứ 3"; or a hypothetical ("nếu xét trước khi sáp nhập").  In an
    index of countries, "về X" names an indicator instead."""
    text, s = ctx.text, ctx.s
    clause = s.clause_of(m.start)
    segment = s.segment_of(m.start)
    if any(p.search(text, segment[0], m.start) for p in (_HYPOTHETICAL_RE, _CONDITIONAL_RE)):
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
