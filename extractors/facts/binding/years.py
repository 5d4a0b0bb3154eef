"""Which edition a number belongs to."""

from __future__ import annotations

import re

from extractors.facts import lexicon as lx
from extractors.facts.binding.patterns import (
    _COMPARE_CLAUSE_RE,
    _LAST_YEAR_RE,
    _OTHER_METRIC_RE,
    _YEAR_AFTER_GAP_RE,
    _YEAR_BEFORE_GAP_RE,
    _YEAR_HEADS_VALUE_RE,
    I,
)
from extractors.facts.context import SentenceContext
from extractors.facts.mentions import YearMention
from extractors.facts.records import MetricMention

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
        if (
            0 <= first_value_start - y.end <= 8
            # "giữ vững vị trí số 1 so với năm 2024 với 0,8124 điểm" is this edition's;
            # "cao hơn năm 2017 với 0,565 điểm" is 2017's
            and not (y.role == "compare" and _SO_VOI_BEFORE_RE.search(text, max(0, y.start - 16), y.start))
            and _YEAR_BEFORE_GAP_RE.fullmatch(text, y.end, first_value_start)
        ):
            return y
    return None


# "(năm 2017 là năm đầu tiên tham gia)", "(năm 2017 có 41 dịch vụ)": the
# year is the subject of its own statement.
_YEAR_OPENS_STATEMENT_RE = re.compile(r"\s+(?:là|có|được|đã|chỉ|mới|bắt đầu)(?![\w])", re.I)


_SO_VOI_BEFORE_RE = re.compile(r"(?<![\w])so\s+(?:với\s+)?(?:năm\s+)?$", re.I)


def _heads_value(ctx: SentenceContext, y: YearMention) -> bool:
    """ "..., năm 2019 và 2020 xếp hạng 59", "(năm 2017 là 41)": the year
    opens a value of its own, so it is not the year of the one before."""
    if _YEAR_HEADS_VALUE_RE.match(ctx.text, y.end) or _YEAR_OPENS_STATEMENT_RE.match(ctx.text, y.end):
        return True
    for m in ctx.metrics:
        between = ctx.text[y.end : max(m.start + 6, min(m.end, m.start + 16))]  # "vươn lên thứ hạng 44"
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
    if "current_edition" in m.flags:
        return _context_edition(ctx, code)
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
    when = _compared_when(ctx, m)
    if when is not None:
        return when
    paren = ctx.s.paren_of(m.start)
    if paren is not None and not any(m is p[3] for p in ctx.moves):
        # "tụt 4 bậc so với năm 2021 (đứng thứ 44)": the compared edition's;
        # not the end of a move ("so với năm 2022 (từ vị trí 41 lên 40)").
        compared = [y for y in ctx.years if y.role == "compare" and 0 <= paren[0] - y.end <= 2]
        if compared:
            return compared[-1].years
    return bind_years_plain(ctx, m, usable, code)


_WHEN_RE = re.compile(r"\s*(?:khi|lúc|thời điểm)(?![\w])", I)


def _compared_when(ctx: SentenceContext, m: MetricMention) -> tuple[int, ...] | None:
    """ "So với PCI 2014, khi thành phố chỉ đứng thứ 26, ...": the "khi"
    clause after a comparison states the compared edition."""
    clause = ctx.s.clause_of(m.start)
    if m.metric == "rank_change" or not _WHEN_RE.match(ctx.text, clause[0], clause[1]):
        return None
    for y in ctx.years:
        if 0 <= clause[0] - y.end <= 2 and len(y.years) == 1 and in_compare_clause(ctx, y):
            return y.years
    return None


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
            and not _private_to_apposition(ctx, y, m)
        )

    if paren:
        inside = [y for y in usable if paren[0] <= y.start < m.start and ok(y)]
        if inside:
            return inside[-1].years
        in_move = any(paren[0] <= p[0] < paren[1] for p in ctx.moves)  # "(từ vị trí 41 lên 40)"
        # "vào năm 2004 (thành phố Đà Nẵng cũng xếp vị thứ nhất)"; "so với vị
        # trí năm 2019 (thứ 10/17 Bộ)": the bracket holds that edition's rank.
        before = [
            y
            for y in usable
            if (y.role == "plain" or y.role == "compare" and m.metric == "rank" and not in_move)
            and 0 <= paren[0] - y.end <= 2
        ]
        if before:
            return before[-1].years
    left = [y for y in usable if segment[0] <= y.start and y.end <= m.start and ok(y)]
    if left:
        return left[-1].years
    # "Ở vị trí thứ ba là tỉnh Quảng Ninh, địa phương ... TOP 10 trong năm 2023 và 2024": a later
    # clause's years are its own.
    right_end = min(segment[1], s.clause_of(max(m.start, m.end - 1))[1])
    right = [y for y in usable if m.end <= y.start < right_end and ok(y)]
    if right and not _OTHER_METRIC_RE.search(ctx.text, m.end, right[0].start):
        return right[0].years
    opener = _sentence_opener_year(ctx, usable, segment)
    if opener is not None and ok(opener):
        return opener.years
    current = _context_edition(ctx, code)
    relative = _LAST_YEAR_RE.search(ctx.text, s.clause_of(m.start)[0], m.start)
    if relative and s.paren_of(relative.start()) not in (None, paren):
        relative = None  # "Bộ Tư pháp - quán quân hai năm trước đó - xuống thứ hai": the aside's
    if (
        current
        and relative
        and not _COMPARE_CLAUSE_RE.search(ctx.text, max(s.start, relative.start() - 8), relative.start())
    ):
        # "Thừa Thiên - Huế năm ngoái xếp thứ 9": the previous edition.
        return (lx.previous_edition(code, current[0]),)
    return current


# "Năm 2020, ...", "- Để so sánh: năm 2024, ...": a bullet and a short lead-in may come first.
_OPENER_RE = re.compile(
    r"\s*(?:[-–•+*]\s*)?(?:[^\W\d][^,;:.\d]{0,30}:\s*)?"
    r"(?:trong\s+|vào\s+)?(?:năm|kỳ|phiên bản|báo cáo)\s+(?P<y>\d{4})\s*,",
    I,
)


def _sentence_opener_year(ctx: SentenceContext, usable, segment) -> YearMention | None:
    """ "Năm 2020, ba quốc gia dẫn đầu lần lượt là ...; Singapore hạng 11":
    a year opening the sentence frames every ";" part of it."""
    if segment[0] == ctx.s.start:
        return None
    opener = _OPENER_RE.match(ctx.text, ctx.s.start, segment[0])
    if opener is None:
        return None
    return next((y for y in usable if y.start == opener.start("y")), None)


def apposition_at(ctx: SentenceContext, pos: int) -> tuple[int, int] | None:
    """The clause holding ``pos`` when it is an apposition: it follows a
    unit's name and its comma (or ";"), and a comma closes it ("Đà Nẵng,
    quán quân PGI 2023, lần này ...")."""
    s, text = ctx.s, ctx.text
    clause = s.clause_of(pos)
    if clause[0] == s.start or text[clause[1] : clause[1] + 1] != ",":
        return None
    if not any(0 <= clause[0] - 1 - e.end <= 1 for e in ctx.entities):
        return None
    return clause


def _private_to_apposition(ctx: SentenceContext, y: YearMention, m: MetricMention) -> bool:
    """ "Bộ Tư pháp, quán quân của hai năm 2023-2024, lùi xuống vị trí thứ
    ba": the years of an apposition that states its own rank are its own."""
    clause = apposition_at(ctx, y.start)
    if clause is None or clause[0] <= m.start < clause[1]:
        return False
    return any(clause[0] <= x.start < clause[1] for x in ctx.metrics)


def _context_edition(ctx: SentenceContext, code: str | None) -> tuple[int, ...] | None:
    """The edition the surrounding text is about, for ``code``."""
    state = ctx.state
    if state.paragraph_year is not None and code is not None and code == state.paragraph_year_index:
        return (state.paragraph_year,)
    if code in ctx.doc.index_editions:
        return (ctx.doc.index_editions[code],)
    if state.paragraph_year is not None and code in (None, state.paragraph_year_index):
        return (state.paragraph_year,)
    if ctx.doc.edition is not None and (code is None or code in ctx.doc.edition_indices):
        return (ctx.doc.edition,)
    return None


def streak_excludes(ctx: SentenceContext, m: MetricMention, year: int) -> bool:
    """ "17 năm liền (2008 - 2024)": only an edition inside the streak, when
    the streak is the value's (in its clause, or before it); a streak told in
    a later clause ("..., chấm dứt chuỗi 7 năm liên tiếp (2017-2023) Quảng
    Ninh giữ ngôi quán quân") is another unit's past."""
    segment = ctx.s.segment_of(m.start)
    clause = ctx.s.clause_of(m.start)
    return any(
        y.role == "streak" and segment[0] <= y.start < max(m.end, clause[1]) and year not in y.years
        for y in ctx.years
    )
