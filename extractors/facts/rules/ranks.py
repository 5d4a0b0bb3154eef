"""Rules that read ranks."""

from __future__ import annotations

import re

from extractors.facts import vocab as V
from extractors.facts.records import MetricMention
from extractors.facts.rules import Rule, register
from extractors.facts.rules.common import (
    COUNT_AFTER_RE,
    INT,
    ORD,
    POSITION,
    YEAR,
    I,
    group_size_after,
    regional,
    regional_after,
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
COPULA_RE = re.compile(
    r"(?:\s*/\s*\d{1,3})?(?:\s+(?:cả nước|trên cả nước|toàn quốc))?(?:\s+trong bảng xếp hạng)?\s*,?\s*"
    r"(?:vẫn\s+|chính\s+|đều\s+)?(?:là|thuộc về)\s+",
    I,
)
_PRECEDED_BY_COMPARE_RE = re.compile(r"so\s+(?:với\s+)?$", I)
# "thăng hạng 2 bậc", "tụt hạng": the word "hạng" of a change, not a position.
_CHANGE_BEFORE_RE = re.compile(r"(?:bảng|thăng|tụt|tăng|giảm|sụt)\s*$", I)


# Verbs after which a fraction counts units: "có 10/17 bộ", "đạt 5/8 chỉ số".
_COUNTING_VERBS = frozenset({"có", "đạt", "vào", "về", "lọt vào"})


def _is_word(written: str) -> bool:
    return not written[0].isdigit()


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
            if not self._reads_as_rank(match, kw, written, den, noun):
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
        if _is_word(written):
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
            return (kw or "").lower() == "thứ" or (den is not None and verb not in _COUNTING_VERBS)
        return True


@register
class OrdinalContinuationRule(Rule):
    """The rest of a ranking sentence: "..., đứng thứ hai là Bình Dương,
    thứ ba là Thanh Hóa" (a bare "thứ ba là" after a rank was stated)."""

    name = "rank.ordinal_list"
    stage = "metric"
    order = 60
    pattern = re.compile(
        rf"(?:^|(?<=[,;])|(?<=\svà))\s*(?:và\s+)?(?:ở\s+)?(?:vị trí\s+)?thứ\s+(?P<val>{INT}|{ORD})\s+"
        r"(?:là|thuộc về)\s+",
        I,
    )

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            if not any(m.metric == "rank" and m.end <= match.start() for m in ctx.metrics):
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


_LEADER_RE = re.compile(
    rf"(?<![\w])(?P<trig>{V.alt('rank.first', 'rank.second')})(?![\w])",
    I,
)
_SECOND = frozenset(w.lower() for w in V.words("rank.second"))
# A group in front of the leader word: "Top 10 tỉnh ... đứng đầu", "nhóm
# dẫn đầu", "4 trục nội dung dẫn đầu", "5 vị trí dẫn đầu".
# A comma inside a list of unit nouns: "Top 3 địa phương, bộ, ngành", "tỉnh, thành".
_UNIT_COMMA = r",\s*(?=(?:thành|bộ|ngành|địa phương|tỉnh|cơ quan|đơn vị)\b)"
_GROUP_BEFORE_RE = re.compile(
    rf"(?:(?P<top>(?<![\w]){V.alt('rank.groups')}(?![\w]))(?:[^,;]|{_UNIT_COMMA}){{0,40}}$)|"
    r"(?:(?P<count>(?<![\w])(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|các)\s+"
    r"(?:tỉnh|thành|địa phương|bộ|ngành|đơn vị|chỉ số|trục|lĩnh vực|"
    r"vị trí|ngân hàng|doanh nghiệp|trường|cơ quan|tập đoàn)\b)"
    rf"(?:[^;,]|{_UNIT_COMMA})*$)",
    I,
)
# "hai chỉ số thành phần của PCI là A và B của Quảng Ninh đứng đầu".
_COMPONENTS_NAMED_BEFORE_RE = re.compile(
    r"(?:hai|ba|bốn|năm|\d+|các)\s+chỉ số thành phần\b[^;]{0,40}?\blà\b[^;]*$", I
)
# "đạt vị trí cao nhất từ trước đến nay" is a personal best, not first place.
_PERSONAL_BEST_RE = re.compile(
    r"\s*(?:từ trước (?:đến|tới) nay|trong lịch sử|của (?:mình|tỉnh|địa phương)|kể từ)", I
)
_COMPONENT_LIST_AFTER_RE = re.compile(
    r"\s*(?:cả nước|toàn quốc)?\s*(?:(?:ở|về|là)\s+|(?:về\s+)?[\w ]{0,30}?(?:ở|với)\s+)"
    r"(?:(?:hai|ba|bốn|năm|\d+|các|những|cả)\s+)?(?:chỉ số|lĩnh vực|trục|hạng mục|tiêu chí|trụ cột)"
    r"(?!\s+(?:PAPI|PCI|DTI|PGI|SIPAS|PAR|ICT|tổng hợp|chung)\b)",
    I,
)
_NOT_A_RANK_AFTER_RE = re.compile(r"\s*(?:đoàn|xu hướng|phong trào)", I)


@register
class LeaderRule(Rule):
    """First place in words: "dẫn đầu", "đứng đầu", "quán quân", "ngôi đầu",
    "vị trí cao nhất", "hạng nhất", "đứng nhất" (= 1); "á quân" (= 2).

    Traps: "Top 10 tỉnh ... đứng đầu", "nằm trong nhóm dẫn đầu", "4 trục nội
    dung dẫn đầu" (groups, not a rank); "dẫn đầu đoàn" (led a delegation);
    "dẫn đầu khu vực phía Bắc" (regional).  "dẫn đầu ở hai chỉ số thành phần
    là ..." ranks the components, not the whole index.
    """

    name = "rank.leader"
    stage = "metric"
    order = 40
    vocabulary = ("rank.first", "rank.second", "rank.groups")

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        found = []
        for match in _LEADER_RE.finditer(text, s.start, s.end):
            trig = " ".join(match.group("trig").lower().split())
            segment_start = s.segment_of(match.start())[0]
            head_start = max(segment_start, match.start() - 60)
            group = _GROUP_BEFORE_RE.search(text, head_start, match.start())
            # "Khối các cơ quan ..., BHXH Việt Nam tiếp tục đứng đầu": a named
            # subject after the group phrase makes it a frame, not the subject.
            phrase_end = (
                group.end("top") if group and group.group("top") else group.end("count") if group else 0
            )
            if group and any(phrase_end <= e.start and e.end <= match.start() for e in ctx.entities):
                group = None
            if group:
                head = text[head_start : match.start()]
                # "2 chỉ số thành phần dẫn đầu cả nước là ..." still names components
                if _COMPONENT_LIST_AFTER_RE.match(text, match.end()) or re.search(
                    r"chỉ số thành phần|trục|lĩnh vực", head, I
                ):
                    mention = MetricMention(
                        "rank", [(1.0, match.start(), match.end())], match.start(), match.end(), self.name
                    )
                    mention.component_list = True
                    found.append(mention)
                continue
            if _NOT_A_RANK_AFTER_RE.match(text, match.end()):
                continue
            if trig == "vị trí cao nhất" and _PERSONAL_BEST_RE.match(text, match.end()):
                continue
            number = 2.0 if trig in _SECOND else 1.0
            mention = MetricMention(
                "rank", [(number, match.start(), match.end())], match.start(), match.end(), self.name
            )
            if _COMPONENT_LIST_AFTER_RE.match(text, match.end()):
                mention.component_list = True
            copula = COPULA_RE.match(text, match.end())
            if copula and copula.end() < s.end:
                mention.copula_at = copula.end()
            if _COMPONENTS_NAMED_BEFORE_RE.search(text, segment_start, match.start()):
                mention.component_list = True
            mention.regional = regional(text, s, match.start(), match.end())
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
        rf"(?P<verb>vươn lên|giữ|nhận|đạt|trở thành|sau|lên|là)\s+số\s+(?P<val>{INT}|một)(?![\w.,/])",
        I,
    )

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            number = value(match.group("val"))
            if not 1 <= number <= 200:
                continue
            if match.group("verb").lower() in ("sau", "là"):
                # "sau số 1 PCI 2022", "là số 1 DTI": only when an index follows.
                if not any(0 <= i.start - match.end() <= 2 for i in ctx.indices):
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
    """ "chiếm vị trí đứng đầu PAR INDEX của Bộ GTVT năm 2014": the position
    belonged to the entity after "của" in the year that follows."""

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
            mention = MetricMention(
                "rank",
                [(number, match.start(), match.end())],
                match.start(),
                owner.end,
                self.name,
                role="from",
            )
            mention.explicit_entity = owner
            if year_match:
                mention.explicit_years = (int(year_match.group("y")),)
            found.append(mention)
        return found


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

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        anchors = sorted([*ctx.entities, *ctx.components], key=lambda a: a.start)
        found = []
        for match in self.pattern.finditer(text, s.start, s.end):
            number, den = value(match.group("val")), int(match.group("den"))
            if not 1 <= number <= den or den < 17:
                continue
            owner = self._owner(ctx, anchors, match.start())
            if owner is None:
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


@register
class RankScorePairRule(Rule):
    """ "chỉ số hạ tầng kỹ thuật CNTT là 18 (0.40)": a rank, then its score."""

    name = "rank.with_score"
    stage = "metric"
    order = 55
    pattern = re.compile(rf"(?<![\w])là\s+(?P<rank>{INT})\s*\(\s*(?P<score>\d+[.,]\d+)\s*\)", I)

    def find(self, ctx) -> list[MetricMention]:
        anchors = list(ctx.components) + list(ctx.indices)
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


@register
class MoveTargetRule(Rule):
    """The end of a move whose start was read: "từ vị trí 51 lên 33", "từ
    hạng 9 xuống 14", "nhảy từ bậc 20 (năm 2015) lên bậc 5", "từ vị trí thứ
    8 lên thứ 3"."""

    name = "rank.move_target"
    stage = "metric"
    order = 62
    pattern = re.compile(
        rf"\s*(?:\([^()]{{0,40}}\)\s*)?(?:năm\s+{YEAR}\s*)?,?\s*(?P<verb>lên|xuống|tới|đến)\s+"
        rf"(?:(?:vị trí|hạng|bậc|thứ hạng)\s+)?(?:thứ\s+)?(?P<val>{INT}|{ORD})(?![\w])"
        r"(?:\s*/\s*(?P<den>\d{1,3})(?![\d.,]\d))?",
        I,
    )
    _FROM_RE = re.compile(
        rf"(?<![\w])từ\s+(?:(?:vị trí|hạng|bậc|thứ hạng)\s+)?(?:thứ\s+)?(?P<val>{INT})(?![\w])", I
    )

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        found = []
        taken = {v[1] for m in ctx.metrics for v in m.values}
        starts = [m for m in ctx.metrics if m.metric == "rank" and m.role == "from"]
        for start in self._bare_starts(ctx, taken):
            starts.append(start)
            found.append(start)
        for start in starts:
            match = self.pattern.match(text, start.end, s.end)
            if not match or match.start("val") in taken:
                continue
            written = match.group("val")
            if _is_word(written) and "thứ" not in match.group(0).lower():
                continue
            number = value(written)
            if not 1 <= number <= 200:
                continue
            mention = MetricMention(
                "rank",
                [(number, match.start("val"), match.end("val"))],
                match.start("verb"),
                match.end(),
                self.name,
            )
            den = match.group("den")
            mention.group_size = int(den) if den else start.group_size
            mention.regional = start.regional
            found.append(mention)
            taken.add(match.start("val"))
        return found

    def _bare_starts(self, ctx, taken):
        """ "từ bậc 21": a move's start written with "bậc", which no other rule reads."""
        for match in self._FROM_RE.finditer(ctx.text, ctx.s.start, ctx.s.end):
            if match.start("val") in taken:
                continue
            if not self.pattern.match(ctx.text, match.end(), ctx.s.end):
                continue
            mention = MetricMention(
                "rank",
                [(value(match.group("val")), match.start("val"), match.end("val"))],
                match.start(),
                match.end(),
                self.name,
                role="from",
            )
            mention.regional = regional(ctx.text, ctx.s, match.start(), match.end())
            taken.add(match.start("val"))
            yield mention


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
            mention.regional = regional(text, s, match.start(), match.end())
            (found if match.group("kw") else bare).append(mention)
        if len(bare) >= 2 and self._ranking_sentence(ctx):
            found += bare
        return sorted(found, key=lambda m: m.start)

    @staticmethod
    def _ranking_sentence(ctx) -> bool:
        """Bare bracketed numbers are ranks in a sentence about a ranking:
        a rank word, or units of an index that ranks countries."""
        if _RANKING_WORD_RE.search(ctx.text, ctx.s.start, ctx.s.end):
            return True
        return any(e.kind == "country" for e in ctx.entities)


_RANKING_WORD_RE = re.compile(rf"(?<![\w])(?:xếp|đứng|hạng|vị trí|{V.alt('continuation.words')})(?![\w])", I)


@register
class LastPlaceRule(Rule):
    """Last place, a rank only where the article says how many units were
    ranked (FACTS.md): "Đứng cuối bảng xếp hạng ... là tỉnh Kiên Giang" in an
    article about 63 provinces is 63; "Vị trí cuối cùng, Ủy ban Dân tộc" of
    19 ministries is 19.  "Ba vị trí cuối cùng" gives no rank."""

    name = "rank.last"
    stage = "metric"
    order = 45
    vocabulary = ("rank.last",)
    pattern = re.compile(rf"(?<![\w]){V.alt('rank.last')}(?![\w])", I)
    _COUNTED_BEFORE_RE = re.compile(r"(?:\d+|hai|ba|bốn|năm|các|những|nhóm|top|tốp)\s+(?:\S+\s+)?$", I)

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            if self._COUNTED_BEFORE_RE.search(ctx.text, max(ctx.s.start, match.start() - 20), match.start()):
                continue  # "Ba vị trí cuối cùng", "nhóm cuối bảng"
            mention = MetricMention("rank", [(0.0, *match.span())], match.start(), match.end(), self.name)
            mention.flags.add("last")
            copula = COPULA_RE.match(ctx.text, match.end())
            if copula and copula.end() < ctx.s.end:
                mention.copula_at = copula.end()
            mention.regional = regional(ctx.text, ctx.s, match.start(), match.end())
            found.append(mention)
        return found


@register
class HighestScoreRule(Rule):
    """The highest score in the country is first place (FACTS.md): "có số
    điểm ở hạng mục cung ứng dịch vụ công cao nhất trên cả nước", "đạt điểm
    cao nhất cả nước", "đạt 7,21 điểm, cao nhất cả nước".  Not within a
    region ("cao nhất khu vực"), not a group ("nhóm cao nhất")."""

    name = "rank.highest_score"
    stage = "metric"
    order = 46
    pattern = re.compile(
        r"(?<![\w])(?:số điểm|điểm số|tổng điểm|điểm)(?P<what>[^,.;()]{0,60}?|\s*,)\s+(?P<top>cao nhất)\s+"
        r"(?:trên\s+|trong\s+)?(?:cả nước|toàn quốc)",
        I,
    )
    _GROUP_RE = re.compile(rf"(?<![\w]){V.alt('rank.groups')}\s*$", I)

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            if self._GROUP_RE.search(ctx.text, match.start("what"), match.start("top")):
                continue  # "nằm trong nhóm cao nhất toàn quốc": a group
            top = match.span("top")
            found.append(MetricMention("rank", [(1.0, *top)], top[0], match.end(), self.name))
        return found


@register
class EllipticalRankRule(Rule):
    """A rank after a unit with its verb left out, in a sentence that states
    ranks already: "Thừa Thiên Huế đứng thứ 2, Hà Nội thứ 3", "Bộ Tài chính
    xếp thứ nhất, ... NHNN thứ ba".  Trap: "lần thứ 3" (no unit before it)."""

    name = "rank.elliptical"
    stage = "metric"
    order = 63
    pattern = re.compile(rf"\s+thứ\s+(?P<val>{INT}|{ORD})(?![\w])(?!\s*/)", I)

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for e in ctx.entities:
            match = self.pattern.match(ctx.text, e.end, ctx.s.end)
            if match is None:
                continue
            if not any(m.metric == "rank" and m.end <= e.start for m in ctx.metrics):
                continue
            written = match.group("val")
            if _is_word(written) and written.lower() == "một":
                continue
            mention = MetricMention(
                "rank", [(value(written), *match.span("val"))], match.start(), match.end(), self.name
            )
            mention.explicit_entity = e
            mention.regional = regional(ctx.text, ctx.s, match.start(), match.end())
            found.append(mention)
        return found
