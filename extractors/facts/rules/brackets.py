"""Rules that read ranks written in brackets: "Đắk Nông (29/63 ...)", "Iran
(thứ 53)", "(năm 2017 là 41)"."""

from __future__ import annotations

import re

from extractors.facts import vocab as V
from extractors.facts.records import MetricMention
from extractors.facts.rules import Rule, register
from extractors.facts.rules.common import (
    INT,
    ORD,
    YEAR,
    I,
    regional,
    regional_after,
    value,
)

# "(25/30 chỉ tiêu)", "(5/8 chỉ số)": a count of things done, not a rank.
_COUNTED_AFTER_RE = re.compile(
    r"\s*(?:chỉ tiêu|tiêu chí|chỉ số|nhiệm vụ|dịch vụ|thủ tục|hồ sơ|xã|huyện|sở|lần|năm|tháng|ngày)(?![\w])",
    I,
)


@register
class ParenFractionRule(Rule):
    """A rank written as a fraction or with its rank word in brackets right
    after its entity or component: "Đắk Nông (29/63 với 25,24 điểm)",
    "Chỉ số quản trị môi trường (17/63)", "(xếp thứ 3/63)", "(hạng 32/63)".
    Trap: a region-sized denominator ("Lào Cai (10/13 tỉnh vùng trung du)")."""

    name = "rank.paren_fraction"
    stage = "metric"
    order = 20
    pattern = re.compile(
        rf"\(\s*(?:(?:xếp\s+)?(?:thứ\s+|hạng\s+(?:thứ\s+)?|vị trí\s+(?:thứ\s+)?))?"
        rf"(?P<val>{INT})\s*/\s*(?P<den>\d{{2,3}})(?![\d.,]\d)",
        I,
    )

    @staticmethod
    def _owner(ctx, anchors, pos: int):
        """What the bracket is about: the name right before it, or the first
        component of its list item ("Cơ chế, chính sách và quy định cho ứng
        dụng CNTT (xếp thứ 9/63)" ranks the first)."""
        text, s = ctx.text, ctx.s
        adjacent = next((a for a in anchors if 0 <= pos - a.end <= 1), None)
        item_start = max(s.start, text.rfind(";", s.start, pos) + 1, text.rfind(":", s.start, pos) + 1)
        item = [a for a in anchors if item_start <= a.start and a.end <= pos]
        if item and not re.search(r"[\d()]", text[item[-1].end : pos]):
            components = [a for a in item if a in ctx.components]
            first = components[0] if components else item[-1]
            if adjacent is None or (adjacent in ctx.components and first is not adjacent):
                return first
        return adjacent

    @staticmethod
    def _after_a_year(ctx, pos: int) -> bool:
        """ "xếp thứ 5/17, ... so với vị trí năm 2019 (thứ 10/17 Bộ)": the
        bracket after a year holds that edition's rank of the unit ranked before."""
        return any(0 <= pos - y.end <= 1 for y in ctx.years) and bool(
            _RANKING_WORD_RE.search(ctx.text, ctx.s.start, pos)
        )

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        anchors = sorted([*ctx.entities, *ctx.components], key=lambda a: a.start)
        found = []
        for match in self.pattern.finditer(text, s.start, s.end):
            number, den = value(match.group("val")), int(match.group("den"))
            if not 1 <= number <= den or den < 17 or _COUNTED_AFTER_RE.match(text, match.end()):
                continue
            owner = self._owner(ctx, anchors, match.start())
            if owner is None and not self._after_a_year(ctx, match.start()):
                continue
            mention = MetricMention(
                "rank",
                [(number, match.start("val"), match.end("val"))],
                match.start(),
                match.end(),
                self.name,
            )
            if owner in ctx.entities:
                mention.explicit_entity = owner
            mention.group_size = den
            mention.regional = regional_after(text, s, match.end())
            found.append(mention)
        return found


@register
class ParenEarlierYearRule(Rule):
    """The same rank in an earlier edition, in brackets after the rank:
    "đứng vị trí thứ 18 (năm 2017 là 41)", "vị trí thứ 7 cả nước (năm 2023 là 18)"."""

    name = "rank.paren_year"
    stage = "metric"
    order = 61
    pattern = re.compile(
        rf"\(\s*năm\s+(?P<y>{YEAR})\s+(?:là|đạt|xếp|đứng)\s+(?:thứ\s+|hạng\s+|vị trí\s+)?"
        rf"(?P<val>{INT})\s*\)",
        I,
    )

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            previous = [m for m in ctx.metrics if m.metric == "rank" and 0 <= match.start() - m.end <= 20]
            if not previous:
                continue
            mention = MetricMention(
                "rank",
                [(value(match.group("val")), match.start("val"), match.end("val"))],
                match.start(),
                match.end(),
                self.name,
            )
            mention.explicit_years = (int(match.group("y")),)
            mention.flags.add("inherits_binding")
            found.append(mention)
        return found


# The most countries a regional ranking names ("Đông Nam Á, Đông Á và châu Đại Dương": 17).
_LARGEST_COUNTRY_GROUP = 17
_PAREN_RANK_RE = re.compile(
    rf"\(\s*(?:(?P<kw>(?:xếp\s+)?(?:thứ|hạng(?:\s+thứ)?|vị trí(?:\s+thứ)?))\s+)?(?P<val>{INT})\s*\)",
    I,
)


@register
class ParenRankRule(Rule):
    """A rank in brackets right after a unit: "sau Singapore (thứ 7) và Thái
    Lan (thứ 43)", "Iran (thứ 53)"; bare numbers only in a list of two or
    more in a ranking sentence: "Philippines (59), Indonesia (75), Campuchia
    (97) và Lào (112)", "Hải Phòng (3), Bà Rịa – Vũng Tàu (4)".  Trap: one
    bare "(3)" (an item number, a count)."""

    name = "rank.paren"
    stage = "metric"
    order = 25

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        found, bare = [], []
        for match in _PAREN_RANK_RE.finditer(text, s.start, s.end):
            owner = next((e for e in ctx.entities if 0 <= match.start() - e.end <= 1), None)
            number = value(match.group("val"))
            if owner is None or not 1 <= number <= 200:
                continue
            mention = MetricMention(
                "rank", [(number, *match.span("val"))], match.start(), match.end(), self.name
            )
            mention.explicit_entity = owner
            beside = self._beside_regional(ctx, owner)
            if beside is not None:
                # "thứ 3 khu vực ..., sau A (thứ 1)": the region's ranks, unless
                # A's cannot be ("sau Singapore (thứ 7)": the world's).
                mention.regional = number <= beside
            else:
                # "trong nhóm thu nhập trung bình cao, ... Malaysia (hạng 34)": no
                # region or income group of the GII or EGDI counts so many
                # countries, so a bracket past that is the world's rank.
                mention.regional = regional(text, s, match.start(), match.end()) and not (
                    owner.kind == "country" and number > _LARGEST_COUNTRY_GROUP
                )
            (found if match.group("kw") else bare).append(mention)
        if len(bare) >= 2 and self._ranking_sentence(ctx):
            found += bare
        return sorted(found, key=lambda m: m.start)

    _STATED_RE = re.compile(rf"(?<![\w])(?:thứ|hạng|vị trí)\s+(?:thứ\s+)?(?P<val>{INT}|{ORD})(?![\w/])", I)
    _AHEAD_RE = re.compile(r"(?<![\w])sau(?![\w])", I)  # "sau A": A is ahead

    @classmethod
    def _beside_regional(cls, ctx, owner) -> float | None:
        """The regional rank a unit is named ahead of ("giữ vị trí thứ 3
        trong khu vực Đông Nam Á, sau Singapore"), or None."""
        text, s = ctx.text, ctx.s
        # The rank rules come after this one: find the regional rank by its words.
        stated = [
            m for m in cls._STATED_RE.finditer(text, s.start, owner.start) if s.paren_of(m.start()) is None
        ]
        if not stated or not regional(text, s, stated[-1].start(), stated[-1].end()):
            return None
        if not cls._AHEAD_RE.search(text, stated[-1].end(), owner.start):
            return None
        return value(stated[-1].group("val"))

    @staticmethod
    def _ranking_sentence(ctx) -> bool:
        """Bare bracketed numbers are ranks in a sentence about a ranking:
        a rank word, or units of an index that ranks countries."""
        if _RANKING_WORD_RE.search(ctx.text, ctx.s.start, ctx.s.end):
            return True
        return any(e.kind == "country" for e in ctx.entities)


_RANKING_WORD_RE = re.compile(rf"(?<![\w])(?:xếp|đứng|hạng|vị trí|{V.alt('continuation.words')})(?![\w])", I)
