"""Rules that read rank changes."""

from __future__ import annotations

import re

from extractors.facts import vocab as V
from extractors.facts.records import MetricMention
from extractors.facts.rules import Rule, register
from extractors.facts.rules.common import INT, ORD, YEAR, I, regional, value

_UP = V.alt("change.up")
_DOWN_WORDS = frozenset(" ".join(w.split()) for w in V.words("change.down"))
_CHANGE_RE = re.compile(
    rf"(?<![\w])(?P<verb>{V.alt('change.up', 'change.down')})(?:\s+{V.alt('change.between')})*\s+"
    rf"(?P<val>{INT}|{ORD}|một)\s+(?P<step>{V.alt('change.steps')})(?![\w])(?!\s*(?:thứ|số)\b)",
    I,
)
_PREVIOUS = V.alt("change.previous")
_COMPARE = V.alt("change.compare")
_COMPARE_AFTER_RE = re.compile(
    rf"[^;()]{{0,40}}?(?<![\w]){_COMPARE}\s+(?:(?P<prev>{_PREVIOUS})|"
    rf"(?:(?:xếp hạng|thứ hạng|kết quả|vị trí)\s+(?:của\s+)?)?(?:năm\s+)?(?P<y>{YEAR}))",
    I,
)
# "So với năm 2016, Hà Nội đã tăng 15 bậc": the comparison written first.
# "So với PCI 2014, ...", "So với bảng xếp hạng năm 2013, ...": an index or
# a ranking may stand between the words and the year.
_COMPARE_BEFORE_RE = re.compile(
    rf"(?<![\w]){_COMPARE}\s+(?:(?P<prev>{_PREVIOUS})|(?:[^\s\d,;.]+\s+){{0,4}}?(?:năm\s+)?(?P<y>{YEAR}))"
    r"[^;.]*$",
    I,
)
_UNCHANGED_RE = re.compile(
    rf"(?<![\w]){V.alt('change.unchanged')}\s+(?:được\s+)?(?:thứ hạng|xếp hạng|vị trí|hạng|thứ bậc)"
    rf"(?:\s+\S+){{0,3}}?\s+(?:so\s+(?:với\s+)?|như\s+)(?:(?P<prev>{_PREVIOUS})|(?:năm\s+)?(?P<y>{YEAR}))"
    rf"|(?<![\w])không (?:thay )?đổi\s+(?:so\s+(?:với\s+)?)"
    rf"(?:(?P<prev2>{_PREVIOUS})|(?:năm\s+)?(?P<y2>{YEAR}))"
    # "duy trì thứ hạng năm 2024": kept the rank that edition had
    rf"|(?<![\w]){V.alt('change.unchanged')}\s+(?:thứ hạng|vị trí|hạng)\s+(?:của\s+)?năm\s+(?P<y3>{YEAR})",
    I,
)


def _compare(mention: MetricMention, match) -> None:
    if match is None:
        return
    # "so với năm 2017" names the edition compared with; "so với năm trước"
    # is the previous one, which is what a change is (FACTS.md).
    year = match.groupdict().get("y") or match.groupdict().get("y2") or match.groupdict().get("y3")
    if year:
        mention.compare_year = int(year)


@register
class RankChangeRule(Rule):
    """Moves up or down the table: "tăng 23 bậc", "giảm 1 hạng", "tụt 14
    bậc", "nhảy vọt 17 bậc", "tăng một hạng", "cải thiện được 5 bậc",
    "thăng 7 bậc", "thụt sâu nhất là 34 bậc".

    Only against the previous edition: "tăng 25 bậc so năm 2016" in a 2019
    edition is dropped once the year is known.  Traps: "tăng 0,69 điểm" (a
    score's change), "tụt hạng đáng kể" (no number).
    """

    name = "rank_change.moved"
    stage = "metric"
    order = 80
    vocabulary = ("change.up", "change.down", "change.between", "change.steps", "change.previous")

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        found = []
        for match in _CHANGE_RE.finditer(text, s.start, s.end):
            verb = " ".join(match.group("verb").lower().split())
            number = value(match.group("val"))
            if not 0 < number <= 100:
                continue
            sign = -1.0 if verb in _DOWN_WORDS else 1.0
            mention = MetricMention(
                "rank_change",
                [(sign * number, match.start("val"), match.end("val"))],
                match.start(),
                match.end(),
                self.name,
            )
            _compare(
                mention,
                _COMPARE_AFTER_RE.match(text, match.end(), s.end)
                or _COMPARE_BEFORE_RE.search(text, s.segment_of(match.start())[0], match.start()),
            )
            mention.regional = regional(text, s, match.start(), match.end())
            found.append(mention)
        return found


@register
class UnchangedRule(Rule):
    """ "không thay đổi xếp hạng so với năm trước", "giữ nguyên vị trí so với
    năm 2022", "giữ vị trí so với năm 2022", "không đổi so với năm trước": a
    change of 0.  Without the comparison ("giữ vững vị trí quán quân") there is
    no change."""

    name = "rank_change.unchanged"
    stage = "metric"
    order = 81
    vocabulary = ("change.unchanged", "change.previous")

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in _UNCHANGED_RE.finditer(ctx.text, ctx.s.start, ctx.s.end):
            mention = MetricMention(
                "rank_change", [(0.0, match.start(), match.end())], match.start(), match.end(), self.name
            )
            _compare(mention, match)
            # "Trong khu vực Đông Nam Á, Việt Nam giữ nguyên vị trí như năm 2018": the region's
            mention.regional = regional(ctx.text, ctx.s, match.start(), match.end())
            found.append(mention)
        return found
