"""Rules that find ranks, scores and rank changes in a sentence.

Each rule is a small named object: its patterns are compiled once, its
``find`` returns :class:`MetricMention` records (values with offsets, plus
what the wording says about binding), and its traps are written next to the
patterns they guard.  Which entity, index, component and year a mention
belongs to is decided later, by :mod:`extractors.facts.extract`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.facts.units import Sentence
from extractors.text.numbers import NUMBER, ORDINAL_WORDS, has_fraction, parse_number

_ORD_WORD = "|".join(sorted((re.escape(w) for w in [*ORDINAL_WORDS, "một"]), key=len, reverse=True))
_INT = r"\d{1,3}(?![\d.,]\d)"
_YEAR = r"(?:19[89]\d|20\d\d)"
I = re.IGNORECASE


@dataclass(slots=True)
class MetricMention:
    metric: str  # "rank" | "score" | "rank_change"
    values: list[tuple[float, int, int]]  # (value, start, end), absolute offsets
    start: int  # start of the whole expression
    end: int  # end of the whole expression
    rule: str
    role: str = "plain"  # ranks: "from" ("từ vị trí 47"), "compare" ("so với vị trí 5")
    copula_at: int | None = None  # "... là <entity>": where the entity must start
    regional: bool = False
    component_list: bool = False
    explicit_entity: object | None = None  # an EntityMention the wording fixes
    explicit_years: tuple[int, ...] | None = None
    compare_year: int | None = None  # rank changes: "so với năm 2017"
    compare_previous: bool = False  # rank changes: "so với năm trước"
    pair_score: tuple[float, int, int] | None = None  # "là 18 (0.40)"
    flags: set[str] = field(default_factory=set)


def _value(written: str) -> float:
    return parse_number(written)


# --- shared traps ---------------------------------------------------------

# A rank inside a region or sub-group is not a fact (FACTS.md).
REGION_RE = re.compile(
    # "khu vực công" is the public sector, not a region.
    r"khu vực(?!\s+(?:công|tư\b|tư nhân|nhà nước|doanh nghiệp|kinh tế|FDI|sản xuất|dịch vụ))|"
    r"\bvùng\b|ĐBSCL|Đồng bằng sông Cửu Long|Tây Nguyên|miền (?:Bắc|Trung|Nam|núi|Tây)|"
    r"Nam Trung [Bb]ộ|Bắc Trung [Bb]ộ|Đông Nam [Bb]ộ|duyên hải|trung du|phía (?:Bắc|Nam)|"
    r"đồng bằng sông Hồng|Tây Bắc|Đông Bắc|Nam Bộ",
)
_REGION_FRAME_RE = re.compile(
    r"(?:so với|trong|ở|tại|đối với|giữa)\s+(?:các\s+|những\s+)?(?:tỉnh[\w ,]{0,20}?\s+)?"
    r"(?:thuộc\s+|trong\s+)?(?:khu vực|vùng)\b",
    I,
)
# Units a bare count is followed by: "xếp hạng 63 tỉnh", "3 năm".
_COUNT_NOUN_RE = re.compile(
    r"\s*(?:tỉnh|thành|địa phương|bộ|ngành|đơn vị|cơ quan|năm(?!\s+(?:19|20)\d\d)|lần|chỉ số|"
    r"tiêu chí|bậc|điểm|%|ngân hàng|doanh nghiệp|trường|tháng|ngày)\b",
    I,
)


_NEXT_METRIC_RE = re.compile(r"\b(?:xếp|đứng|đạt|vị trí|tăng|giảm|tụt)\b|\(|\d+[.,]\d+", I)


def regional_after(text: str, sentence: Sentence, pos: int) -> bool:
    """A region named right after a rank, before anything else is stated:
    "hạng 3/13 tỉnh, thành phố khu vực ĐBSCL", "xếp thứ 2 khu vực Tây Nguyên"."""
    end = min(sentence.segment_of(pos)[1], pos + 60)
    paren = sentence.paren_of(pos)
    if paren:
        end = min(end, paren[1])
    window = text[pos:end]
    stop = _NEXT_METRIC_RE.search(window)
    if stop:
        window = window[: stop.start()]
    return bool(REGION_RE.search(window))


def regional_frame(text: str, sentence: Sentence, pos: int) -> bool:
    """A rank read inside a regional frame: "So với các tỉnh khu vực X, ..."."""
    return bool(_REGION_FRAME_RE.search(text, sentence.start, pos))


# --- ranks ---------------------------------------------------------------------

_RANK_TRIGGER = (
    r"(?P<trig>"
    r"(?:được\s+)?xếp(?:\s+hạng)?(?:\s+(?:ở|vào))?(?:\s+(?:vị\s+trí|thứ\s+hạng))?"
    r"|đứng(?:\s+ở)?(?:\s+(?:vị\s+trí|thứ\s+hạng|hạng))?"
    r"|(?:(?:ở|nằm|giữ|chiếm|lên|xuống|từ|đạt|đoạt|vươn\s+lên|rơi\s+xuống|tụt\s+xuống|"
    r"trở\s+lại|vào)\s+(?:ở\s+)?)?(?:vị\s+trí|thứ\s+hạng)"
    r"|(?:lên|xuống|đạt|giữ|ở)\s+hạng"
    r"|(?<![\w])hạng"
    r")"
)
_RANK_VALUE = (
    rf"(?:\s+lần lượt(?:\s+là)?)?\s+(?:(?P<kw>thứ|số)\s+)?(?P<val>{_INT}|{_ORD_WORD})(?![\w])"
    r"(?:\s*/\s*(?P<den>\d{1,3})(?![\d.,]\d))?"
)
_RANK_MORE_RE = re.compile(
    rf"\s*(?:,|và|,\s*và)\s*(?:(?:vị trí\s+)?thứ\s+)?(?P<val>{_INT})(?![\w])(?!\s*(?:/|bậc|hạng|điểm|%))",
    I,
)
_COPULA_RE = re.compile(
    r"(?:\s*/\s*\d{1,3})?(?:\s+(?:cả nước|trên cả nước|toàn quốc))?\s*,?\s*"
    r"(?:vẫn\s+|chính\s+|đều\s+)?(?:là|thuộc về)\s+",
    I,
)
_PRECEDED_BY_COMPARE_RE = re.compile(r"so\s+(?:với\s+)?$", I)


class RankPositionRule:
    """Ranks stated with a position word: "xếp hạng 41", "lên hạng 18",
    "đứng thứ 6", "vị trí thứ 31", "xếp vị trí 28", "vị trí số một",
    "xếp thứ 4/63", "từ vị trí 47 lên vị trí 13", "thứ 7 và 8".

    Traps: "bảng xếp hạng 63 tỉnh" (a count), "hạng 3/13 ... khu vực ĐBSCL"
    (regional), "lần thứ 11" (no position word), "thăng hạng 2 bậc" (a change).
    """

    name = "rank.position"
    pattern = re.compile(_RANK_TRIGGER + _RANK_VALUE, I)

    def find(self, text: str, sentence: Sentence) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(text, sentence.start, sentence.end):
            trig = match.group("trig").lower()
            kw = match.group("kw")
            written = match.group("val")
            is_word = not written[0].isdigit()
            if is_word and kw is None:
                continue
            if is_word and kw == "số" and written.lower() not in ("một", "nhất"):
                continue
            if trig.startswith(("đứng", "xếp")) and "hạng" not in trig and "vị" not in trig and not kw:
                continue
            if is_word and kw == "thứ" and written.lower() == "một":
                continue
            before = text[max(sentence.start, match.start() - 8) : match.start()].lower()
            if trig.strip() == "hạng" and before.rstrip().endswith(("xếp", "bảng", "thăng", "tụt")):
                continue
            if before.rstrip().endswith("bảng") and trig.startswith("xếp"):
                continue  # "bảng xếp hạng 63 tỉnh" counts the table
            after = text[match.end() : match.end() + 20]
            if not match.group("den") and _COUNT_NOUN_RE.match(after):
                continue
            value = _value(written)
            den = match.group("den")
            if not 1 <= value <= 200 or (den and value > int(den)):
                continue
            values = [(value, match.start("val"), match.end("val"))]
            end = match.end()
            while True:
                more = _RANK_MORE_RE.match(text, end)
                if not more or more.end() > sentence.end:
                    break
                values.append((_value(more.group("val")), more.start("val"), more.end("val")))
                end = more.end()
            mention = MetricMention("rank", values, match.start(), end, self.name)
            if trig.startswith("từ"):
                mention.role = "from"
            elif _PRECEDED_BY_COMPARE_RE.search(text, max(sentence.start, match.start() - 10), match.start()):
                mention.role = "compare"
            copula = _COPULA_RE.match(text, end)
            if copula and copula.end() < sentence.end:
                mention.copula_at = copula.end()
            mention.regional = regional_after(text, sentence, match.end("val")) or regional_frame(
                text, sentence, match.start()
            )
            if den and int(den) <= 14:
                mention.regional = True  # "3/13 tỉnh": a sub-group's table
            found.append(mention)
        return found


class OrdinalContinuationRule:
    """The rest of a ranking sentence: "..., đứng thứ hai là Bình Dương,
    thứ ba là Thanh Hóa" (a bare "thứ ba là" after a rank was stated)."""

    name = "rank.ordinal_list"
    pattern = re.compile(
        rf"(?:^|(?<=[,;]))\s*(?:và\s+)?thứ\s+(?P<val>{_INT}|{_ORD_WORD})\s+(?:là|thuộc về)\s+", I
    )

    def find(self, text: str, sentence: Sentence, earlier: list[MetricMention]) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(text, sentence.start, sentence.end):
            if not any(m.metric == "rank" and m.end <= match.start() for m in earlier):
                continue
            value = _value(match.group("val"))
            mention = MetricMention(
                "rank",
                [(value, match.start("val"), match.end("val"))],
                match.start(),
                match.end(),
                self.name,
                copula_at=match.end(),
            )
            found.append(mention)
        return found


_LEADER_RE = re.compile(
    r"(?<![\w])(?P<trig>dẫn đầu|đứng đầu|đầu bảng|ngôi đầu|quán quân|ngôi vương|"
    r"vị trí cao nhất|á quân)(?![\w])",
    I,
)
# A group in front of the leader word: "Top 10 tỉnh ... đứng đầu", "nhóm
# dẫn đầu", "4 trục nội dung dẫn đầu", "5 vị trí dẫn đầu".
_GROUP_BEFORE_RE = re.compile(
    r"(?:(?P<top>\b(?:top|tốp|nhóm|những|trong số)\b)[^,;]{0,40}$)|"
    r"(?:(?P<count>(?<![\w])(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|các)\s+"
    r"(?:tỉnh|thành|địa phương|bộ|ngành|đơn vị|chỉ số|trục|lĩnh vực|"
    r"vị trí|ngân hàng|doanh nghiệp|trường|cơ quan|tập đoàn)\b)[^;]{0,50}$)",
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
    r"\s*(?:cả nước|toàn quốc)?\s*(?:ở|về|là)\s+(?:(?:hai|ba|bốn|năm|\d+|các|những)\s+)?"
    r"(?:chỉ số|lĩnh vực|trục|hạng mục|tiêu chí)",
    I,
)


class LeaderRule:
    """First place in words: "dẫn đầu", "đứng đầu", "quán quân", "ngôi đầu",
    "vị trí cao nhất" (= 1); "á quân" (= 2).

    Traps: "Top 10 tỉnh ... đứng đầu", "nằm trong nhóm dẫn đầu", "4 trục nội
    dung dẫn đầu" (groups, not a rank); "dẫn đầu đoàn" (led a delegation);
    "dẫn đầu khu vực phía Bắc" (regional).  "dẫn đầu ở hai chỉ số thành phần
    là ..." ranks the components, not the whole index.
    """

    name = "rank.leader"

    def find(self, text: str, sentence: Sentence, entities=()) -> list[MetricMention]:
        found = []
        for match in _LEADER_RE.finditer(text, sentence.start, sentence.end):
            trig = match.group("trig").lower()
            segment_start = sentence.segment_of(match.start())[0]
            head_start = max(segment_start, match.start() - 60)
            group = _GROUP_BEFORE_RE.search(text, head_start, match.start())
            # "Khối các cơ quan ..., BHXH Việt Nam tiếp tục đứng đầu": a named
            # subject after the group phrase makes it a frame, not the subject.
            phrase_end = (
                group.end("top") if group and group.group("top") else group.end("count") if group else 0
            )
            if group and any(phrase_end <= e.start and e.end <= match.start() for e in entities):
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
            after = text[match.end() : match.end() + 12].lower()
            if after.lstrip().startswith(("đoàn", "xu hướng")):
                continue
            if trig == "vị trí cao nhất" and _PERSONAL_BEST_RE.match(text, match.end()):
                continue
            value = 2.0 if trig == "á quân" else 1.0
            mention = MetricMention(
                "rank", [(value, match.start(), match.end())], match.start(), match.end(), self.name
            )
            if _COMPONENT_LIST_AFTER_RE.match(text, match.end()):
                mention.component_list = True
            copula = _COPULA_RE.match(text, match.end())
            if copula and copula.end() < sentence.end:
                mention.copula_at = copula.end()
            if _COMPONENTS_NAMED_BEFORE_RE.search(text, segment_start, match.start()):
                mention.component_list = True
            mention.regional = regional_after(text, sentence, match.end()) or regional_frame(
                text, sentence, match.start()
            )
            found.append(mention)
        return found


_NUMBER_ONE_RE = re.compile(
    r"(?:(?P<verb>vươn lên|giữ|nhận|đạt|là|lên|trở thành|đứng|ở|sau)\s+)?"
    r"(?<![\w])số\s+(?P<val>1|một)(?![\w.,/])",
    I,
)


class NumberOneRule:
    """ "số 1" as a rank: "vươn lên số 2", "giữ vị trí số 1", "nhận số 1 PAPI
    2022".  Trap: "Quyết định số 1" (a document number)."""

    name = "rank.number_one"
    pattern = re.compile(
        rf"(?P<verb>vươn lên|giữ|nhận|đạt|trở thành|sau|lên)\s+số\s+(?P<val>{_INT}|một)(?![\w.,/])",
        I,
    )

    def find(self, text: str, sentence: Sentence, indices) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(text, sentence.start, sentence.end):
            value = _value(match.group("val"))
            if not 1 <= value <= 200:
                continue
            if match.group("verb").lower() == "sau":
                # "sau số 1 PCI 2022": only when an index follows.
                if not any(0 <= i.start - match.end() <= 2 for i in indices):
                    continue
            found.append(
                MetricMention(
                    "rank",
                    [(value, match.start("val"), match.end("val"))],
                    match.start(),
                    match.end(),
                    self.name,
                )
            )
        return found


class TakeOverRule:
    """ "chiếm vị trí đứng đầu PAR INDEX của Bộ GTVT năm 2014": the position
    belonged to the entity after "của" in the year that follows."""

    name = "rank.takeover"
    pattern = re.compile(
        rf"chiếm(?:\s+lấy)?\s+(?:vị trí|ngôi)\s+(?:(?P<lead>đứng đầu|dẫn đầu|quán quân)|"
        rf"số\s+(?P<one>1|một)|thứ\s+(?P<n>{_INT}|{_ORD_WORD}))(?P<mid>[^,;.()]{{0,40}}?)\s+của\s+",
        I,
    )

    def find(self, text: str, sentence: Sentence, entities) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(text, sentence.start, sentence.end):
            owner = next((e for e in entities if e.start == match.end()), None)
            if owner is None:
                continue
            value = 1.0 if (match.group("lead") or match.group("one")) else _value(match.group("n"))
            year_match = re.match(rf"\s+(?:năm\s+)?(?P<y>{_YEAR})", text[owner.end : owner.end + 12])
            mention = MetricMention(
                "rank",
                [(value, match.start(), match.end())],
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


class ParenFractionRule:
    """A rank written as a fraction right after its entity:
    "Đắk Nông (29/63 với 25,24 điểm)".  Trap: a region-sized denominator."""

    name = "rank.paren_fraction"
    pattern = re.compile(rf"\(\s*(?P<val>{_INT})\s*/\s*(?P<den>\d{{2,3}})(?![\d.,]\d)", I)

    def find(self, text: str, sentence: Sentence, entities) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(text, sentence.start, sentence.end):
            owner = next((e for e in entities if 0 <= match.start() - e.end <= 1), None)
            value, den = _value(match.group("val")), int(match.group("den"))
            if owner is None or not 1 <= value <= den or den < 17:
                continue
            mention = MetricMention(
                "rank", [(value, match.start("val"), match.end("val"))], match.start(), match.end(), self.name
            )
            mention.explicit_entity = owner
            mention.regional = regional_after(text, sentence, match.end())
            found.append(mention)
        return found


class ParenEarlierYearRule:
    """The same rank in an earlier edition, in parentheses after the rank:
    "đứng vị trí thứ 18 (năm 2017 là 41)", "vị trí thứ 7 cả nước (năm 2023 là 18)"."""

    name = "rank.paren_year"
    pattern = re.compile(
        rf"\(\s*năm\s+(?P<y>{_YEAR})\s+(?:là|đạt|xếp|đứng)\s+(?:thứ\s+|hạng\s+|vị trí\s+)?"
        rf"(?P<val>{_INT})\s*\)",
        I,
    )

    def find(self, text: str, sentence: Sentence, earlier: list[MetricMention]) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(text, sentence.start, sentence.end):
            previous = [m for m in earlier if m.metric == "rank" and 0 <= match.start() - m.end <= 20]
            if not previous:
                continue
            mention = MetricMention(
                "rank",
                [(_value(match.group("val")), match.start("val"), match.end("val"))],
                match.start(),
                match.end(),
                self.name,
            )
            mention.explicit_years = (int(match.group("y")),)
            mention.flags.add("inherits_binding")
            found.append(mention)
        return found


class RankScorePairRule:
    """ "chỉ số hạ tầng kỹ thuật CNTT là 18 (0.40)": a rank, then its score."""

    name = "rank.with_score"
    pattern = re.compile(rf"(?<![\w])là\s+(?P<rank>{_INT})\s*\(\s*(?P<score>\d+[.,]\d+)\s*\)", I)

    def find(self, text: str, sentence: Sentence, anchors) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(text, sentence.start, sentence.end):
            if not any(0 <= match.start() - a.end <= 12 for a in anchors):
                continue
            mention = MetricMention(
                "rank",
                [(_value(match.group("rank")), match.start("rank"), match.end("rank"))],
                match.start(),
                match.end(),
                self.name,
            )
            mention.pair_score = (_value(match.group("score")), match.start("score"), match.end("score"))
            found.append(mention)
        return found


# --- scores -------------------------------------------------------------------

_SCORE_UNIT_RE = re.compile(
    rf"(?P<num>{NUMBER})(?:\s*/\s*(?P<max>{NUMBER}))?\s*(?P<unit>điểm(?!\s+phần trăm)|%)", I
)
_SCORE_MORE_RE = re.compile(
    rf"\s*(?:,|và|;)\s*(?P<num>{NUMBER})(?:\s*/\s*{NUMBER})?\s*(?P<unit>điểm|%)?(?![\w/])", I
)
_DIFFERENCE_RE = re.compile(
    r"(?:tăng|giảm|tụt|sụt|cao hơn|thấp hơn|hơn|kém|chênh(?:\s+lệch)?|nhiều hơn|ít hơn|"
    r"thêm|cộng|trừ|vượt|cải thiện|mất)(?![\w])",
    I,
)
_BINDING_WORD_RE = re.compile(r"(?<![\w])(?:với|là|đạt|ở mức)(?![\w])", I)
_BOUND_BEFORE_RE = re.compile(
    r"(?:trên|dưới|gần|khoảng|hơn|tới|đến|từ|tối đa|tối thiểu|thang điểm|thang|trọng số|chiếm|"
    r"mức sàn|ngưỡng)\s*$",
    I,
)
_MAXIMUM_NEAR_RE = re.compile(r"tối đa|thang điểm|điểm chuẩn|điểm sàn", I)
_AVERAGE_NEAR_RE = re.compile(r"trung bình|bình quân", I)
_RANGE_AFTER_RE = re.compile(rf"\s*(?:%|điểm)?\s*(?:-|đến|tới)\s*{NUMBER}", I)
_RANGE_BEFORE_RE = re.compile(rf"{NUMBER}\s*(?:%|điểm)?\s*(?:-|đến|tới)\s*$", I)
_SCORE_CUE_RE = re.compile(
    r"(?:điểm số|số điểm|tổng điểm|giá trị|index|với|đạt)"
    r"(?:\s+(?:là|đạt|cao nhất|tương ứng|lần lượt|của\s+\S+))*\s*$",
    I,
)


def score_blocked(text: str, sentence: Sentence, start: int, end: int) -> str | None:
    """Why the number at ``start:end`` is not a score, or None."""
    clause_start = sentence.clause_of(start)[0]
    paren = sentence.paren_of(start)
    left_limit = max(clause_start, paren[0] if paren else clause_start, start - 45)
    window = text[left_limit:start]
    differences = list(_DIFFERENCE_RE.finditer(window))
    difference = differences[-1] if differences else None
    if difference and not _BINDING_WORD_RE.search(window, difference.end()):
        return "difference"
    if _BOUND_BEFORE_RE.search(window):
        return "bound"
    if _MAXIMUM_NEAR_RE.search(text, max(sentence.start, start - 60), start):
        return "maximum"
    if _AVERAGE_NEAR_RE.search(text, max(sentence.start, start - 60), start):
        return "average"
    if _RANGE_AFTER_RE.match(text, end) or _RANGE_BEFORE_RE.search(
        text, max(sentence.start, start - 20), start
    ):
        return "range"
    return None


class ScoreUnitRule:
    """Scores with a unit: "0,4820 điểm", "70,82 điểm", "0,8654/1 điểm",
    "89,89/100 điểm", "91,47%"; lists "0,593 và 0,279 điểm".

    Traps: "tăng 0,69 điểm", "kém Bộ Tư pháp 0,06 điểm" (differences), "đạt
    trên 80%" (a bound), "tổng điểm tối đa ... là 40 điểm", "thang điểm 1.000"
    (maximums), "mức điểm bình quân (0,4014 điểm)" (an average), "75,03% -
    90,61%" (a range).
    """

    name = "score.unit"

    def find(self, text: str, sentence: Sentence) -> list[MetricMention]:
        found = []
        for match in _SCORE_UNIT_RE.finditer(text, sentence.start, sentence.end):
            start, end = match.span("num")
            if score_blocked(text, sentence, start, end):
                continue
            unit = match.group("unit").lower()
            values = [(_value(match.group("num")), start, end)]
            mention = MetricMention("score", values, start, match.end(), self.name)
            mention.flags.add("percent" if unit == "%" else "points")
            found.append(mention)
        return merge_lists(text, found)


class ScoreCueRule:
    """Unit-less decimal scores after a cue: "tổng điểm là 72,80", "điểm số
    0,9238", "chỉ số ICT index 0,9263", "với giá trị là 0,4950", "có giá trị
    0,4794", "với số điểm lần lượt là 0,810 và 0,825", "0,565" after "với".
    Integers are never read this way ("với 98 chỉ số thành phần")."""

    name = "score.cued"
    pattern = re.compile(rf"(?P<num>{NUMBER})(?!\s*(?:/|điểm|%|bậc|hạng))", I)

    def find(self, text: str, sentence: Sentence, taken: list[MetricMention]) -> list[MetricMention]:
        found = []
        covered = [(v[1], v[2]) for m in taken for v in m.values]
        for match in self.pattern.finditer(text, sentence.start, sentence.end):
            start, end = match.span("num")
            if any(s <= start < e for s, e in covered):
                continue
            if not has_fraction(match.group("num")):
                continue
            cue = _SCORE_CUE_RE.search(text, max(sentence.start, start - 40), start)
            lists = re.search(r"lần lượt(?:\s+là)?\s*$", text[max(sentence.start, start - 20) : start], I)
            if not cue and not lists:
                continue
            if score_blocked(text, sentence, start, end):
                continue
            mention = MetricMention(
                "score", [(_value(match.group("num")), start, end)], start, end, self.name
            )
            mention.flags.add("points")
            # "lần lượt là 0,810 và 0,825": the values after the cued one.
            while True:
                more = _SCORE_MORE_RE.match(text, mention.end)
                if not more or more.end() > sentence.end or not has_fraction(more.group("num")):
                    break
                mention.values.append((_value(more.group("num")), more.start("num"), more.end("num")))
                mention.end = more.end()
                covered.append((more.start("num"), more.end("num")))
            found.append(mention)
        return merge_lists(text, found)


class ScoreParenRule:
    """A decimal in brackets after a named item: "thủ tục hành chính công
    (7,65)", "Hải Phòng (92,59%)" is read by ScoreUnitRule."""

    name = "score.paren"
    pattern = re.compile(r"\(\s*(?P<num>\d+[.,]\d+)\s*\)")

    def find(self, text: str, sentence: Sentence, anchors, taken) -> list[MetricMention]:
        found = []
        covered = [(v[1], v[2]) for m in taken for v in m.values]
        for match in self.pattern.finditer(text, sentence.start, sentence.end):
            start, end = match.span("num")
            if any(s <= start < e for s, e in covered):
                continue
            if not any(0 <= match.start() - a.end <= 1 for a in anchors):
                continue
            mention = MetricMention(
                "score", [(_value(match.group("num")), start, end)], start, end, self.name
            )
            mention.flags.add("points")
            found.append(mention)
        return found


def merge_lists(text: str, mentions: list[MetricMention]) -> list[MetricMention]:
    """Join "0,5064 điểm và 0,4880 điểm" / "0,810 và 0,825" into one mention."""
    merged: list[MetricMention] = []
    for mention in mentions:
        if merged:
            last = merged[-1]
            between = text[last.end : mention.start]
            if re.fullmatch(r"\s*(?:,|và|;)\s*", between) and last.flags == mention.flags:
                last.values.extend(mention.values)
                last.end = mention.end
                continue
            between_values = text[last.values[-1][2] : mention.start]
            if re.fullmatch(r"\s*(?:,|và)\s*", between_values) and last.flags == mention.flags:
                last.values.extend(mention.values)
                last.end = mention.end
                continue
        merged.append(mention)
    return merged


# --- rank changes -----------------------------------------------------------------

_UP = r"tăng|nhảy vọt|nhảy|vượt|cải thiện|thăng|lên|leo|vươn lên"
_DOWN = r"giảm|tụt|sụt|xuống|rơi|lùi|tuột"
_CHANGE_RE = re.compile(
    rf"(?<![\w])(?P<verb>{_UP}|{_DOWN})(?:\s+(?:tới|thêm|được|lên|xuống|liền|mạnh|hạng|đến))*\s+"
    rf"(?P<val>{_INT}|{_ORD_WORD}|một)\s+(?:bậc|hạng)(?:\s+xếp hạng)?(?![\w])",
    I,
)
_COMPARE_AFTER_RE = re.compile(
    rf"^[^;()]{{0,40}}?\bso\s+(?:với\s+)?(?:(?P<prev>năm trước|năm ngoái|kỳ trước|lần trước|"
    rf"cùng kỳ|năm liền trước)|(?:năm\s+)?(?P<y>{_YEAR}))",
    I,
)
_UNCHANGED_RE = re.compile(
    rf"(?:không thay đổi|giữ nguyên|giữ vững)\s+(?:thứ hạng|xếp hạng|vị trí|hạng)(?:\s+\S+){{0,3}}?\s+"
    rf"so với\s+(?:(?P<prev>năm trước|năm ngoái|kỳ trước)|(?:năm\s+)?(?P<y>{_YEAR}))",
    I,
)


class RankChangeRule:
    """Moves up or down the table: "tăng 23 bậc", "giảm 1 hạng", "tụt 14
    bậc", "nhảy vọt 17 bậc", "tăng một hạng", "cải thiện được 5 bậc".

    Only against the previous edition: "tăng 25 bậc so năm 2016" in a 2019
    edition is dropped later, by the reader, once the year is known.
    """

    name = "rank_change.moved"

    def find(self, text: str, sentence: Sentence) -> list[MetricMention]:
        found = []
        for match in _CHANGE_RE.finditer(text, sentence.start, sentence.end):
            verb = match.group("verb").lower()
            value = _value(match.group("val"))
            if not 0 < value <= 100:
                continue
            sign = -1.0 if re.fullmatch(_DOWN, verb, I) else 1.0
            mention = MetricMention(
                "rank_change",
                [(sign * value, match.start("val"), match.end("val"))],
                match.start(),
                match.end(),
                self.name,
            )
            compare = _COMPARE_AFTER_RE.match(text[match.end() : sentence.end])
            if compare:
                if compare.group("y"):
                    mention.compare_year = int(compare.group("y"))
                else:
                    mention.compare_previous = True
            found.append(mention)
        return found


class UnchangedRule:
    """ "không thay đổi xếp hạng so với năm trước" is a change of 0."""

    name = "rank_change.unchanged"

    def find(self, text: str, sentence: Sentence) -> list[MetricMention]:
        found = []
        for match in _UNCHANGED_RE.finditer(text, sentence.start, sentence.end):
            mention = MetricMention(
                "rank_change", [(0.0, match.start(), match.end())], match.start(), match.end(), self.name
            )
            if match.group("y"):
                mention.compare_year = int(match.group("y"))
            else:
                mention.compare_previous = True
            found.append(mention)
        return found


RANK_POSITION = RankPositionRule()
ORDINAL_CONTINUATION = OrdinalContinuationRule()
LEADER = LeaderRule()
NUMBER_ONE = NumberOneRule()
TAKE_OVER = TakeOverRule()
PAREN_FRACTION = ParenFractionRule()
PAREN_EARLIER_YEAR = ParenEarlierYearRule()
RANK_SCORE_PAIR = RankScorePairRule()
SCORE_UNIT = ScoreUnitRule()
SCORE_CUE = ScoreCueRule()
SCORE_PAREN = ScoreParenRule()
RANK_CHANGE = RankChangeRule()
UNCHANGED = UnchangedRule()
