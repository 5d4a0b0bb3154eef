"""Rules that read ranks stated with a position word, a number or an ordinal:
"xếp thứ 4", "hạng 18", "số 1", "thứ ba là", "Hà Nội thứ 3"."""

from __future__ import annotations

import re

from extractors.facts import vocab as V
from extractors.facts.records import MetricMention
from extractors.facts.rules import Rule, register
from extractors.facts.rules.common import (
    COPULA_RE,
    COUNT_AFTER_RE,
    INT,
    ORD,
    POSITION,
    YEAR,
    I,
    group_size_after,
    is_word,
    regional,
    value,
)

_VERB = V.alt("rank.verbs")
_RANK_RE = re.compile(
    rf"(?<![\w])(?P<trig>(?:(?P<verb>{_VERB}|từ)\s+(?:ở\s+|vào\s+)?)?(?P<noun>{POSITION})|(?P<bare>{_VERB}))"
    rf"(?:\s+lần lượt(?:\s+là)?)?\s+(?:(?P<kw>thứ|số)\s+)?(?P<val>{INT}|{ORD})(?![\w])"
    r"(?:\s*/\s*(?P<den>\d{1,3})(?![\d.,]\d))?",
    I,
)
_RANK_MORE_RE = re.compile(
    rf"\s*(?:,|và|,\s*và)\s*(?:(?:(?:vị trí\s+)?thứ\s+)?(?P<val>{INT})|(?:vị trí\s+)?thứ\s+(?P<word>{ORD}))"
    r"(?![\w])(?!\s*(?:/|bậc|hạng|điểm|%))",
    I,
)
_COPULA_AHEAD_RE = re.compile(r"\s+(?:là|thuộc về)(?![\w])", I)
_PRECEDED_BY_COMPARE_RE = re.compile(r"so\s+(?:với\s+)?$", I)
# "thăng hạng 2 bậc", "tụt hạng": the word "hạng" of a change, not a position.
_CHANGE_BEFORE_RE = re.compile(r"(?:bảng|thăng|tụt|tăng|giảm|sụt)\s*$", I)


_NOBODY_RE = re.compile(r"(?<![\w])không\s+có\s+(?:\S+\s+){1,3}?nào(?![\w])", I)
_BARE_RANK_END_RE = re.compile(
    r"\s*(?:[,.;:)]|$|(?:và|trên|trong|cả nước|toàn quốc|thế giới|toàn cầu|với|,)(?![\w]))", I
)
# Verbs after which a fraction counts units: "có 10/17 bộ", "đạt 5/8 chỉ số".
_COUNTING_VERBS = frozenset({"có", "đạt", "vào", "về", "lọt vào"})


def _inside_name(ctx, pos: int) -> bool:
    return any(e.start <= pos < e.end for e in ctx.entities)


@register
class RankPositionRule(Rule):
    """Ranks stated with a position word: "xếp hạng 41", "lên hạng 18",
    "đứng thứ 6", "vị trí thứ 31", "xếp vị trí 28", "vị trí số một",
    "xếp thứ 4/63", "xếp 6/63", "lên thứ 18", "từ vị trí 47 lên vị trí 13",
    "thứ 7 và 8".

    Traps: "bảng xếp hạng 63 tỉnh" (a count), "hạng 3/13 ... khu vực ĐBSCL"
    (regional), "lần thứ 11" (no position word), "thăng hạng 2 bậc" (a change).
    """

    name = "rank.position"
    stage = "metric"
    order = 30
    vocabulary = ("rank.verbs", "rank.position", "rank.count_nouns", "context.regions")

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        found = []
        for match in _RANK_RE.finditer(text, s.start, s.end):
            kw, written, den = match.group("kw"), match.group("val"), match.group("den")
            noun = match.group("noun")
            if _inside_name(ctx, match.start()):
                continue  # "Lâm Đồng thứ 12": "Đồng" of a name is not the verb "đồng"
            if not self._reads_as_rank(match, kw, written, den, noun) and not (
                # "hạng ba là Ninh Bình": an ordinal word the copula makes a position
                (noun or "").lower() == "hạng"
                and is_word(written)
                and written.lower() != "một"
                and _COPULA_AHEAD_RE.match(text, match.end())
            ):
                continue
            before = text[max(s.start, match.start() - 8) : match.start()]
            if (
                _CHANGE_BEFORE_RE.search(before)
                and (noun or "").lower() == "hạng"
                and not match.group("verb")
            ):
                continue
            if before.rstrip().lower().endswith("bảng") and match.group("trig").lower().startswith("xếp"):
                continue  # "bảng xếp hạng 63 tỉnh" counts the table
            if _NOBODY_RE.search(text, s.clause_of(match.start())[0], match.start()):
                continue  # "không có tỉnh nào ở vị trí thứ 5": nobody holds it
            if not den and COUNT_AFTER_RE.match(text, match.end()):
                continue
            number = value(written)
            if not 1 <= number <= 200 or (den and number > int(den)):
                continue
            values = [(number, match.start("val"), match.end("val"))]
            end = match.end()
            while True:
                more = _RANK_MORE_RE.match(text, end)
                if not more or more.end() > s.end:
                    break
                if more.group(0).lstrip().startswith(",") and _COPULA_AHEAD_RE.match(text, more.end()):
                    break  # "đứng thứ nhất, thứ hai là B": the next ordinal opens its own clause
                group = "val" if more.group("val") else "word"
                values.append((value(more.group(group)), more.start(group), more.end(group)))
                end = more.end()
            mention = MetricMention("rank", values, match.start(), end, self.name)
            if (match.group("verb") or "").lower() == "từ":
                mention.role = "from"
            elif _PRECEDED_BY_COMPARE_RE.search(text, max(s.start, match.start() - 10), match.start()):
                mention.role = "compare"
            copula = COPULA_RE.match(text, end)
            if copula and copula.end() < s.end:
                mention.copula_at = copula.end()
            mention.regional = regional(text, s, match.start(), match.end("val"))
            mention.group_size = int(den) if den else group_size_after(text, end, s.end)
            if mention.group_size is not None and mention.group_size <= 14:
                mention.regional = True  # "3/13 tỉnh": a sub-group's table
            found.append(mention)
        return found

    @staticmethod
    def _reads_as_rank(match, kw, written, den, noun) -> bool:
        if is_word(written):
            if kw is None:
                # "xếp hạng hai", "đứng vị trí thứ nhất" need a verb before the noun.
                return (
                    bool(match.group("verb")) and (noun or "").lower() == "hạng" and written.lower() != "một"
                )
            if kw.lower() == "số" and written.lower() not in ("một", "nhất"):
                return False
            if kw.lower() == "thứ" and written.lower() == "một":
                return False
        if match.group("bare"):
            # A verb alone states a position only with "thứ" or a fraction:
            # "xếp thứ 4", "xếp 6/63"; not "đạt 5", "có 3", "có 10/17 bộ".
            verb = " ".join(match.group("bare").lower().split())
            if verb == "xếp" and kw is None and den is None and not is_word(written):
                # "Philippines xếp 56", "lần lượt xếp 33 và 32"; not "xếp 12 dự án"
                return bool(_BARE_RANK_END_RE.match(match.string, match.end()))
            return (kw or "").lower() == "thứ" or (den is not None and verb not in _COUNTING_VERBS)
        return True


# A move's verb before "từ": "tăng từ hạng 20 lên 10" moves, it spans no positions.
_MOVE_BEFORE_RE = re.compile(r"(?:tăng|giảm|tụt|sụt|lùi|rơi|nhảy|vươn|cải thiện|thăng|xuống|lên)\s*$", I)
_LONGEST_RANGE = 40


@register
class RankRangeRule(Rule):
    """A span of positions, one value for each: "các vị trí từ thứ 4 đến thứ
    10", "năm vị trí tiếp theo, từ hạng 6 đến hạng 10", "từ vị trí 11 tới
    15".  The values go to units only where a list pairs them in order
    ("lần lượt thuộc về A, B, ..."); a range alone ranks no one.

    Traps: "tăng từ hạng 20 đến hạng 10" (a move), "từ 2016 đến 2020" (years),
    "từ thứ 10 đến thứ 4" (not a span read upwards)."""

    name = "rank.range"
    stage = "metric"
    order = 28
    vocabulary = ("rank.position",)
    pattern = re.compile(
        rf"(?<![\w])(?P<head>(?:{POSITION}|{_VERB})(?:\s+tiếp theo)?\s*,?\s*)?"
        rf"từ\s+(?P<noun>(?:{POSITION})\s+)?"
        rf"(?:thứ\s+)?(?P<lo>{INT}|{ORD})\s*(?:đến|tới|-|–)\s*(?:(?:{POSITION})\s+)?(?:thứ\s+)?"
        rf"(?P<hi>{INT}|{ORD})(?![\w])",
        I,
    )

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        found = []
        for match in self.pattern.finditer(text, s.start, s.end):
            if not (match.group("head") or match.group("noun")):
                continue
            if _MOVE_BEFORE_RE.search(text, max(s.start, match.start() - 15), match.start()):
                continue
            lo, hi = value(match.group("lo")), value(match.group("hi"))
            if not 1 <= lo < hi <= 200 or hi - lo >= _LONGEST_RANGE:
                continue
            whole = (match.start("lo"), match.end("hi"))
            values = [(lo, match.start("lo"), match.end("lo"))]
            values += [(float(k), *whole) for k in range(int(lo) + 1, int(hi))]
            values.append((hi, match.start("hi"), match.end("hi")))
            mention = MetricMention("rank", values, match.start(), match.end(), self.name)
            mention.flags.add("range")
            copula = COPULA_RE.match(text, match.end())
            if copula and copula.end() < s.end:
                mention.copula_at = copula.end()
            mention.regional = regional(text, s, match.start(), match.end())
            found.append(mention)
        return found


@register
class OrdinalContinuationRule(Rule):
    """The rest of a ranking sentence: "..., đứng thứ hai là Bình Dương,
    thứ ba là Thanh Hóa" (a bare "thứ ba là" after a rank was stated), or of
    a ranking paragraph: "Đứng thứ ba là tỉnh Long An ... Thứ tư là tỉnh Bắc
    Giang" (after a sentence that stated ranks, with a unit right after "là";
    not "Thứ hai, ..." nor "Thứ tư, 01/10")."""

    name = "rank.ordinal_list"
    stage = "metric"
    order = 60
    _PLACE_IS = rf"(?:vị trí\s+)?thứ\s+(?P<val>{INT}|{ORD})\s+(?:là|thuộc về)\s+"
    pattern = re.compile(rf"(?:^|(?<=[,;])|(?<=\svà))\s*(?:và\s+)?(?:ở\s+)?{_PLACE_IS}", I)
    _OPENING_RE = re.compile(_PLACE_IS, I)

    @staticmethod
    def _continues_paragraph(ctx, match) -> bool:
        return (
            not ctx.text[ctx.s.start : match.start()].strip()
            and any(c.metric == "rank" for c in ctx.state.previous)
            and any(e.start == match.end() for e in ctx.entities)
        )

    def find(self, ctx) -> list[MetricMention]:
        found = []
        opening = self._OPENING_RE.match(ctx.text, ctx.s.start, ctx.s.end)
        matches = list(self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end))
        if opening is not None and not any(m.start() == opening.start() for m in matches):
            matches.insert(0, opening)
        for match in matches:
            if not any(m.metric == "rank" and m.end <= match.start() for m in ctx.metrics) and not (
                self._continues_paragraph(ctx, match)
            ):
                continue
            mention = MetricMention(
                "rank",
                [(value(match.group("val")), match.start("val"), match.end("val"))],
                match.start(),
                match.end(),
                self.name,
                copula_at=match.end(),
            )
            found.append(mention)
        return found


@register
class NumberOneRule(Rule):
    """ "số 1" as a rank: "vươn lên số 2", "giữ vị trí số 1", "nhận số 1 PAPI
    2022".  Trap: "Quyết định số 1" (a document number)."""

    name = "rank.number_one"
    stage = "metric"
    order = 50
    pattern = re.compile(
        rf"(?P<verb>vươn lên|giữ|nhận|đạt|trở thành|sau|lên|là|đứng|xếp)\s+số\s+"
        rf"(?P<val>{INT}|một)(?![\w/]|[.,]\d)",
        I,
    )

    _ABOUT_RE = re.compile(r"\s+(?:về|ở)\s+(?:(?:chỉ số|trụ cột)(?:\s+thành phần)?\s+)?", I)

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            number = value(match.group("val"))
            if not 1 <= number <= 200:
                continue
            if match.group("verb").lower() in ("sau", "là"):
                # "sau số 1 PCI 2022", "là số 1 DTI", "là số 1 về cơ sở hạ tầng":
                # only when an index or a component follows.
                if not any(0 <= i.start - match.end() <= 2 for i in ctx.indices) and not any(
                    self._ABOUT_RE.fullmatch(ctx.text, match.end(), c.start) for c in ctx.components
                ):
                    continue
            found.append(
                MetricMention(
                    "rank",
                    [(number, match.start("val"), match.end("val"))],
                    match.start(),
                    match.end(),
                    self.name,
                )
            )
        return found


@register
class TakeOverRule(Rule):
    """ "X chiếm vị trí đứng đầu PAR INDEX của Bộ GTVT năm 2014": the position
    belonged to the unit after "của" in the year that follows, and is X's
    now.  Without that year it is no ranking ("Du lịch chiếm vị trí số một
    của Hà Nội")."""

    name = "rank.takeover"
    stage = "metric"
    order = 10
    pattern = re.compile(
        rf"chiếm(?:\s+lấy)?\s+(?:vị trí|ngôi)\s+(?:(?P<lead>đứng đầu|dẫn đầu|quán quân)|"
        rf"số\s+(?P<one>1|một)|thứ\s+(?P<n>{INT}|{ORD}))(?P<mid>[^,;.()]{{0,40}}?)\s+của\s+",
        I,
    )

    def find(self, ctx) -> list[MetricMention]:
        text = ctx.text
        found = []
        for match in self.pattern.finditer(text, ctx.s.start, ctx.s.end):
            owner = next((e for e in ctx.entities if e.start == match.end()), None)
            if owner is None:
                continue
            number = 1.0 if (match.group("lead") or match.group("one")) else value(match.group("n"))
            year_match = re.match(rf"\s+(?:năm\s+)?(?P<y>{YEAR})", text[owner.end : owner.end + 12])
            if year_match is None:
                continue
            before = MetricMention(
                "rank",
                [(number, match.start(), match.end())],
                match.start(),
                owner.end,
                self.name,
                role="from",
            )
            before.explicit_entity = owner
            before.explicit_years = (int(year_match.group("y")),)
            # The taker holds it now: its subject's rank in the edition reported.
            now = MetricMention(  # the edition reported, not the year after the former holder
                "rank",
                [(number, match.start(), match.start() + len("chiếm"))],
                match.start(),
                match.start() + 6,
                self.name,
            )
            now.flags.add("current_edition")
            found += [before, now]
        return found


@register
class RankScorePairRule(Rule):
    """ "chỉ số hạ tầng kỹ thuật CNTT là 18 (0.40)": a rank, then its score."""

    name = "rank.with_score"
    stage = "metric"
    order = 55
    pattern = re.compile(rf"(?<![\w])là\s+(?P<rank>{INT})\s*\(\s*(?P<score>\d+[.,]\d+)\s*\)", I)

    def find(self, ctx) -> list[MetricMention]:
        # "chỉ số hạ tầng nhân lực CNTT của Lâm Đồng là 18 (0,5120)".
        anchors = list(ctx.components) + list(ctx.indices) + list(ctx.entities)
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            if not any(0 <= match.start() - a.end <= 12 for a in anchors):
                continue
            mention = MetricMention(
                "rank",
                [(value(match.group("rank")), match.start("rank"), match.end("rank"))],
                match.start(),
                match.end(),
                self.name,
            )
            mention.pair_score = (value(match.group("score")), match.start("score"), match.end("score"))
            found.append(mention)
        return found


# "Quảng Bình (cũ)", "Bắc Ninh (mới)": which map a name is of (the claim reads it).
_ERA_AFTER_NAME_RE = re.compile(rf"\s*\(\s*(?:{V.alt('context.former')}|mới)\s*\)", I)


@register
class EllipticalRankRule(Rule):
    """A rank with its verb left out, in a sentence that states ranks
    already: after a unit ("Thừa Thiên Huế đứng thứ 2, Hà Nội thứ 3", "Bộ Tài
    chính xếp thứ nhất, ... NHNN thứ ba"), or the same unit's rank in the
    whole country after a regional one ("xếp thứ 2 khu vực miền Trung, thứ 10
    cả nước").  Trap: "lần thứ 3" (no unit before it, no frame after it)."""

    name = "rank.elliptical"
    stage = "metric"
    order = 63
    vocabulary = ("context.nationwide",)
    pattern = re.compile(rf"\s+(?:thứ|hạng)\s+(?P<val>{INT}|{ORD})(?![\w])(?!\s*/)", I)

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for e in ctx.entities:
            mention = self._after(ctx, e)
            if mention is not None:
                mention.explicit_entity = e
                found.append(mention)
        for c in ctx.components:
            # "chính quyền số xếp thứ 9, kinh tế số thứ 15 và xã hội số thứ 18":
            # a component listed after a rank, with its own.
            if self._listed(ctx, c.start):
                mention = self._after(ctx, c)
                if mention is not None:
                    found.append(mention)
        for match in (
            match
            for pattern in (self.about, self.nationwide)
            for match in pattern.finditer(ctx.text, ctx.s.start, ctx.s.end)
        ):
            if any(m.metric == "rank" and m.end <= match.start() for m in ctx.metrics):
                found.append(
                    MetricMention(
                        "rank",
                        [(value(match.group("val")), *match.span("val"))],
                        match.start("val"),
                        match.end(),
                        self.name,
                    )
                )
        return found

    def _after(self, ctx, named) -> MetricMention | None:
        """ "thứ 3" right after ``named``, once a rank was stated before it;
        a "(cũ)" or "(mới)" may come between ("và Quảng Bình (cũ) thứ 4")."""
        pos = named.end
        era = _ERA_AFTER_NAME_RE.match(ctx.text, pos, ctx.s.end)
        if era is not None:
            pos = era.end()
        match = self.pattern.match(ctx.text, pos, ctx.s.end)
        if match is None or not any(m.metric == "rank" and m.end <= named.start for m in ctx.metrics):
            return None
        written = match.group("val")
        if is_word(written) and written.lower() == "một":
            return None
        mention = MetricMention(
            "rank", [(value(written), *match.span("val"))], match.start(), match.end(), self.name
        )
        mention.regional = regional(ctx.text, ctx.s, match.start(), match.end())
        return mention

    _LISTED_RE = re.compile(r"(?:[,;]|(?<![\w])(?:và|còn|trong đó|riêng))\s*(?:chỉ số\s+|trụ cột\s+)?$", I)

    @classmethod
    def _listed(cls, ctx, pos: int) -> bool:
        return bool(cls._LISTED_RE.search(ctx.text, max(ctx.s.start, pos - 20), pos))

    # "xếp thứ 6/17, thứ 4/17 về hạ tầng nhân lực": the same unit's rank in a component.
    about = re.compile(
        rf"(?:(?<=[,;])|(?<=\svà))\s*thứ\s+(?P<val>{INT}|{ORD})(?:\s*/\s*\d{{1,3}})?(?=\s+(?:về|ở)\s)", I
    )
    nationwide = re.compile(
        rf"(?:(?<=[,;])|(?<=\svà))\s*thứ\s+(?P<val>{INT}|{ORD})\s+{V.alt('context.nationwide')}(?![\w])", I
    )


@register
class RankOfIsRule(Rule):
    """A rank told as what something's rank is: "thứ hạng Chỉ số ĐMST toàn
    cầu của Việt Nam là 44", "thứ hạng nhóm các chỉ số 'đầu vào' của Việt Nam
    là 60", "thứ hạng ... vẫn giữ nguyên ở mức 38": the unit named after
    "của" in between.  Traps: "thứ hạng của Việt Nam là rất đáng khích lệ" (no
    number), "... là 0,78 điểm" (a score), "là 5 bậc" (a change)."""

    name = "rank.of_is"
    stage = "metric"
    order = 32
    pattern = re.compile(
        r"(?<![\w])(?:thứ hạng|xếp hạng|vị trí)(?P<of>[^.;:()]{0,80}?)\s+"
        r"(?:vẫn\s+)?(?:là|giữ nguyên\s+ở\s+mức|ở\s+mức|đạt)\s+(?:thứ\s+|hạng\s+)?"
        rf"(?P<val>{INT})(?![\w.,/]\d|\s*(?:/|điểm|%|bậc|hạng\b))",
        I,
    )

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            owners = ctx.doc.within(ctx.entities, match.start("of"), match.end("of"))
            if not owners or "của" not in ctx.text[match.start("of") : owners[-1].start].split():
                continue  # whose rank it is must be said
            number = value(match.group("val"))
            if not 1 <= number <= 200 or COUNT_AFTER_RE.match(ctx.text, match.end()):
                continue
            # From the value on: the component named in between is left of it.
            mention = MetricMention(
                "rank", [(number, *match.span("val"))], match.start("val"), match.end(), self.name
            )
            mention.explicit_entity = owners[-1]
            mention.regional = regional(ctx.text, ctx.s, match.start(), match.end())
            found.append(mention)
        return found
