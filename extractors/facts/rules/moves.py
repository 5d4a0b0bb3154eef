"""The end of a move up or down the table: "từ vị trí 51 lên 33"."""

from __future__ import annotations

import re

from extractors.facts.records import MetricMention
from extractors.facts.rules import Rule, register
from extractors.facts.rules.common import (
    COUNT_AFTER_RE,
    INT,
    ORD,
    YEAR,
    I,
    is_word,
    regional,
    value,
)

# "Thứ hạng của Hòa Bình tăng từ 30 lên 18": the subject says what moves.
_RANK_SUBJECT_RE = re.compile(r"(?<![\w])(?:thứ hạng|xếp hạng|vị trí|hạng)(?![\w])", I)


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
        rf"(?<![\w])từ\s+(?P<noun>(?:vị trí|hạng|bậc|thứ hạng)\s+)?(?P<kw>thứ\s+)?(?P<val>{INT})(?![\w])", I
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
            if is_word(written) and "thứ" not in match.group(0).lower():
                continue
            number = value(written)
            if not 1 <= number <= 200 or COUNT_AFTER_RE.match(text, match.end()):
                continue  # "tăng từ 33 lên 51 dịch vụ" counts services
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
        """ "từ bậc 21", "từ thứ 6 năm 2015 xuống 22 năm 2016": a move's start no
        other rule reads."""
        for match in self._FROM_RE.finditer(ctx.text, ctx.s.start, ctx.s.end):
            if match.start("val") in taken:
                continue
            if (
                not match.group("noun")
                and not match.group("kw")
                and not _RANK_SUBJECT_RE.search(
                    ctx.text, max(ctx.s.clause_of(match.start())[0], match.start() - 40), match.start()
                )
            ):
                continue  # "tăng từ 33 lên 51" is a move of ranks only when ranks are its subject
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
