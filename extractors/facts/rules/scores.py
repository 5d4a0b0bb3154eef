"""Rules that read scores."""

from __future__ import annotations

import re

from extractors.facts import vocab as V
from extractors.facts.records import MetricMention
from extractors.facts.rules import Rule, register
from extractors.facts.rules.common import YEAR, I, value
from extractors.facts.units import Sentence
from extractors.text.numbers import NUMBER, has_fraction

_SCORE_UNIT_RE = re.compile(
    rf"(?P<num>{NUMBER})(?:\s*/\s*(?P<max>{NUMBER}))?\s*(?!điểm\s+phần trăm)(?P<unit>{V.alt('score.units')})",
    I,
)
_SCORE_MORE_RE = re.compile(
    rf"\s*(?:,|và|;)\s*(?P<num>{NUMBER})(?:\s*/\s*{NUMBER})?\s*(?P<unit>điểm|%)?(?![\w/])", I
)
_DIFFERENCE_RE = re.compile(rf"(?<![\w]){V.alt('score.difference')}(?![\w])", I)
_BINDING_WORD_RE = re.compile(rf"(?<![\w]){V.alt('score.binding')}(?![\w])", I)
# What closes a difference before a binding word: its own amount, a comma,
# "lên", or its comparison ("tăng so với trước - đạt 83,45%").
_CLOSED_RE = re.compile(r"\d|,|\blên\b|\bso\s+với\b", I)
_BOUND_BEFORE_RE = re.compile(rf"(?<![\w]){V.alt('score.bounds')}\s*$", I)
_MAXIMUM_NEAR_RE = re.compile(V.alt("score.maximum"), I)
_AVERAGE_NEAR_RE = re.compile(V.alt("score.average"), I)
# A number of the whole country or of all units, not of one: "ở cấp quốc
# gia, chỉ số DTI năm 2024 đạt 0,7955", "Chỉ số CCHC của 17 bộ ... là 84,05%".
_AGGREGATE_RE = re.compile(
    rf"cấp\s+{V.alt('score.national')}|(?:DTI|PCI|PAPI|PGI|chỉ số)\s+{V.alt('score.national')}|"
    r"(?<![\w/])(?:của|trong)\s+\d{1,2}\s+(?:bộ|tỉnh|địa phương|cơ quan)|"
    # "Chỉ số hài lòng ... của cả nước đạt 80,08%": the country's own figure.
    # Not "hai đầu tàu kinh tế của cả nước là Hà Nội và TP.HCM ... 43,96".
    r"(?<![\w])(?:của|trên)\s+(?:cả nước|toàn quốc)\s+(?:đạt|là|ở mức)\s*$",
    I,
)
# Money, counts and sizes are no index scores: "12,5 tỷ đồng", "2,5 tỷ USD",
# "40,87 nghìn người", "1,2 triệu lượt".
_MAGNITUDE_AFTER_RE = re.compile(
    r"\s*(?:tỷ|tỉ|triệu|nghìn|ngàn|trăm)?\s*(?:đồng|USD|usd|VNĐ|VND|\$|người|lượt|ha|km|tấn|"
    r"doanh nghiệp|dự án|lao động)(?![\w])|\s*(?:tỷ|tỉ|triệu|nghìn|ngàn)(?![\w])",
    I,
)
_RANGE_AFTER_RE = re.compile(rf"\s*(?:%|điểm)?\s*(?:-|đến|tới)\s*{NUMBER}", I)
_RANGE_BEFORE_RE = re.compile(rf"{NUMBER}\s*(?:%|điểm)?\s*(?:-|đến|tới)\s*$", I)
_SCORE_CUE_RE = re.compile(
    rf"(?<![\w]){V.alt('score.cues')}"
    r"(?:\s+(?:là|đạt|cao nhất|tương ứng|lần lượt|của\s+\S+|[A-Z]{2,}(?:\s+(?:19|20)\d\d)?))*\s*$",
    I,
)


# "Tổng điểm của Thành phố Huế là 0,6120": the cue, whose it is, then the value.
_OWNED_CUE_RE = re.compile(
    r"(?:điểm số|số điểm|tổng điểm|mức điểm|giá trị)\s+(?:chỉ số\s+\S+\s+)?của\s+[^,;.\d]{1,40}?"
    r"\s+(?:là|đạt)\s*$",
    I,
)


# "xếp cuối (cùng) trong 63 tỉnh, thành với 19,85 điểm": the count is the rank's size.
_RANKED_IN_RE = re.compile(r"(?:xếp|đứng|cuối|cuối cùng|nhất|hạng|thứ\s+\S+|hạng\s+\S+)\s*$", I)


_SIGNED_BEFORE_RE = re.compile(r"(?:^|[\s(])[+−]\s?$|(?:^|[(])-\s?$")


def _aggregate_before(text: str, start: int, end: int) -> bool:
    """A figure of all units or of the country right before the number, with
    no unit named in between: "Chỉ số CCHC của 17 bộ, ngành là 84,05%"; not
    "trong 17 bộ, cơ quan ngang bộ được đánh giá, Bộ Tư pháp đạt 90,86%",
    nor "Kon Tum xếp cuối trong 63 địa phương với 76,12%" (a rank's size)."""
    found = list(_AGGREGATE_RE.finditer(text, start, end))
    if not found:
        return False
    last = found[-1]
    if any(word[0].isupper() and not word.isupper() for word in text[last.end() : end].split()):
        return False  # a unit's name ("Bộ Tư pháp"); an acronym ("chỉ số DTI") is the index's
    return not _RANKED_IN_RE.search(text, max(0, last.start() - 16), last.start())


def score_blocked(text: str, sentence: Sentence, start: int, end: int) -> str | None:
    """Why the number at ``start:end`` is not a score, or None."""
    clause_start = sentence.clause_of(start)[0]
    paren = sentence.paren_of(start)
    left_limit = max(clause_start, paren[0] if paren else clause_start, start - 80)
    window = text[left_limit:start]
    differences = list(_DIFFERENCE_RE.finditer(window))
    difference = differences[-1] if differences else None
    if difference:
        binding = _BINDING_WORD_RE.search(window, difference.end())
        # The difference is closed when its own amount or a comma comes
        # before the binding word: "tăng 2 bậc với 70 điểm".
        if binding is None or not _CLOSED_RE.search(window, difference.end(), binding.start()):
            return "difference"
    if _BOUND_BEFORE_RE.search(window):
        return "bound"
    if _MAXIMUM_NEAR_RE.search(text, max(sentence.start, start - 60), start):
        return "maximum"
    segment_start = sentence.segment_of(start)[0]
    if _AVERAGE_NEAR_RE.search(text, max(segment_start, start - 120), start):
        return "average"
    if _aggregate_before(text, max(segment_start, start - 120), start):
        return "aggregate"
    if _MAGNITUDE_AFTER_RE.match(text, end):
        return "money or count"
    if _SIGNED_BEFORE_RE.search(text, max(sentence.start, start - 2), start):
        return "signed: a change"  # "tăng cao nhất là Bình Thuận (+6,39%)"
    if _RANGE_AFTER_RE.match(text, end) or _RANGE_BEFORE_RE.search(
        text, max(sentence.start, start - 20), start
    ):
        return "range"
    return None


def _covered(ctx) -> list[tuple[int, int]]:
    return [(v[1], v[2]) for m in ctx.metrics for v in m.values]


@register
class ScoreMoveRule(Rule):
    """A score's move between editions: "từ 40,14 lên 40,87 điểm", "tăng từ
    65,53 điểm lên 71,30 điểm": the first is the previous edition's."""

    name = "score.move"
    stage = "metric"
    order = 65
    # "tăng từ 36,2 năm 2024 lên 37,1 năm 2025": each value may carry its year.
    pattern = re.compile(
        rf"(?<![\w])từ\s+(?P<a>{NUMBER})\s*(?P<ua>điểm|%)?(?:\s+(?:vào\s+|của\s+)?năm\s+(?P<ya>{YEAR}))?"
        rf"\s+(?:lên|xuống)\s+(?:mức\s+)?(?P<b>{NUMBER})\s*(?P<ub>điểm|%)?",
        I,
    )

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            a, b = match.group("a"), match.group("b")
            if not (has_fraction(a) and has_fraction(b)) or _MAGNITUDE_AFTER_RE.match(
                ctx.text, match.end("b")
            ):
                continue
            unit = (match.group("ub") or match.group("ua") or "điểm").lower()
            flag = "percent" if unit == "%" else "points"
            first = MetricMention(
                "score", [(value(a), *match.span("a"))], match.start(), match.end("a"), self.name, role="from"
            )
            if match.group("ya"):
                first.explicit_years = (int(match.group("ya")),)
            second = MetricMention(
                "score", [(value(b), *match.span("b"))], match.start("b"), match.end(), self.name
            )
            first.flags.add(flag)
            second.flags.add(flag)
            found += [first, second]
        for match in self._FROM_PREVIOUS_RE.finditer(ctx.text, ctx.s.start, ctx.s.end):
            if not has_fraction(match.group("a")):
                continue
            earlier = MetricMention(
                "score", [(value(match.group("a")), *match.span("a"))], match.start(), match.end(), self.name
            )
            earlier.role = "from"
            earlier.flags.add("percent" if (match.group("ua") or "").lower() == "%" else "points")
            found.append(earlier)
        return found

    # "đạt 44,02 điểm, tăng từ 42,9 điểm của năm trước": the earlier one alone.
    _FROM_PREVIOUS_RE = re.compile(
        rf"(?<![\w])(?:tăng|giảm|tụt|nâng)\s+từ\s+(?P<a>{NUMBER})\s*(?P<ua>điểm|%)?\s+"
        rf"(?:của\s+|so với\s+|vào\s+)?(?:{V.alt('change.previous')})(?![\w])",
        I,
    )


@register
class ScoreUnitRule(Rule):
    """Scores with a unit: "0,4820 điểm", "70,82 điểm", "0,8654/1 điểm",
    "89,89/100 điểm", "91,47%"; lists "0,593 và 0,279 điểm".

    Traps: "tăng 0,69 điểm", "kém Bộ Tư pháp 0,06 điểm" (differences), "đạt
    trên 80%" (a bound), "tổng điểm tối đa ... là 40 điểm", "thang điểm 1.000"
    (maximums), "mức điểm bình quân (0,4014 điểm)" (an average), "75,03% -
    90,61%" (a range).
    """

    name = "score.unit"
    stage = "metric"
    order = 70
    vocabulary = ("score.difference", "score.binding", "score.bounds", "score.maximum", "score.average")

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        covered = _covered(ctx)
        found = []
        for match in _SCORE_UNIT_RE.finditer(text, s.start, s.end):
            start, end = match.span("num")
            if any(a <= start < b for a, b in covered) or score_blocked(text, s, start, end):
                continue
            unit = match.group("unit").lower()
            mention = MetricMention(
                "score", [(value(match.group("num")), start, end)], start, match.end(), self.name
            )
            mention.flags.add("points" if unit == "điểm" else "percent")
            found.append(mention)
        return found


@register
class ScoreCueRule(Rule):
    """Unit-less decimal scores after a cue: "tổng điểm là 72,80", "điểm số
    0,9238", "chỉ số ICT index 0,9263", "với giá trị là 0,4950", "có giá trị
    0,4794", "với số điểm lần lượt là 0,810 và 0,825", "0,565" after "với".
    Integers are never read this way ("với 98 chỉ số thành phần")."""

    name = "score.cued"
    stage = "metric"
    order = 71
    vocabulary = ("score.cues",)
    pattern = re.compile(rf"(?P<num>{NUMBER})(?!\s*(?:/|điểm|%|bậc|hạng))", I)

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        found = []
        covered = _covered(ctx)
        for match in self.pattern.finditer(text, s.start, s.end):
            start, end = match.span("num")
            if any(a <= start < b for a, b in covered) or not has_fraction(match.group("num")):
                continue
            cue = _SCORE_CUE_RE.search(text, max(s.start, start - 40), start) or _OWNED_CUE_RE.search(
                text, max(s.start, start - 70), start
            )
            lists = re.search(r"lần lượt(?:\s+là)?\s*$", text[max(s.start, start - 20) : start], I)
            if not cue and not lists:
                continue
            if score_blocked(text, s, start, end):
                continue
            mention = MetricMention("score", [(value(match.group("num")), start, end)], start, end, self.name)
            mention.flags.add("points")
            # "lần lượt là 0,810 và 0,825": the values after the cued one.
            while True:
                more = _SCORE_MORE_RE.match(text, mention.end)
                if not more or more.end() > s.end or not has_fraction(more.group("num")):
                    break
                if any(a <= more.start("num") < b for a, b in covered):
                    break
                mention.values.append((value(more.group("num")), more.start("num"), more.end("num")))
                mention.end = more.end()
                covered.append((more.start("num"), more.end("num")))
            found.append(mention)
        return found


@register
class ScoreParenRule(Rule):
    """A decimal in brackets after a named item or a rank: "thủ tục hành
    chính công (7,65)", "Thừa Thiên Huế (0,7951)", "đứng thứ 21 (0,5512)";
    "Hải Phòng (92,59%)" is read by ScoreUnitRule."""

    name = "score.paren"
    stage = "metric"
    order = 72
    pattern = re.compile(r"\(\s*(?P<num>\d+[.,]\d+)\s*[),;]")

    def find(self, ctx) -> list[MetricMention]:
        anchors = list(ctx.components) + list(ctx.entities)
        covered = _covered(ctx)
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            start, end = match.span("num")
            if any(a <= start < b for a, b in covered):
                continue
            # "đứng thứ 21 (0,5512)": the score of what was just ranked.
            after_rank = any(
                r.metric == "rank" and 0 <= match.start() - r.values[-1][2] <= 1 for r in ctx.metrics
            )
            if not after_rank and not any(0 <= match.start() - a.end <= 1 for a in anchors):
                continue
            mention = MetricMention("score", [(value(match.group("num")), start, end)], start, end, self.name)
            mention.flags.add("points")
            found.append(mention)
        return found


def merge_lists(text: str, mentions: list[MetricMention]) -> list[MetricMention]:
    """Join "0,5064 điểm và 0,4880 điểm" / "0,810 và 0,825" into one mention."""
    merged: list[MetricMention] = []
    for mention in mentions:
        if merged and mention.rule != ScoreMoveRule.name and merged[-1].rule != ScoreMoveRule.name:
            last = merged[-1]
            between = text[last.end : mention.start]
            between_values = text[last.values[-1][2] : mention.start]
            if last.flags == mention.flags and (
                re.fullmatch(r"\s*(?:,|và|;)\s*", between) or re.fullmatch(r"\s*(?:,|và)\s*", between_values)
            ):
                last.values.extend(mention.values)
                last.end = mention.end
                continue
        merged.append(mention)
    return merged
