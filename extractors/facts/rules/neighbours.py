"""Strategies for units named beside a stated rank: the one ahead ("xếp thứ 2,
sau Quảng Ninh") and the one behind ("... và trên Phú Thọ")."""

from __future__ import annotations

import re

from extractors.facts import binding as B
from extractors.facts.records import Claim
from extractors.facts.rules import Rule, register

I = re.IGNORECASE
_BEHIND_RE = re.compile(r"[^;]{0,120}?\b(?:chỉ\s+)?(?:xếp\s+|đứng\s+)?(?:sau|kém)\s+$", I)


@register
class BehindLeaderStrategy(Rule):
    """ "xếp thứ 2/63 tỉnh, sau Quảng Ninh": the one ahead of second is first."""

    name = "bind.behind_second"
    stage = "bind"
    order = 60

    def find(self, ctx) -> list[Claim]:
        result = []
        for c in ctx.claims:
            if c.metric != "rank" or c.value != 2 or c.component is not None:
                continue
            following = [e for e in ctx.entities if e.start >= c.value_span[1]]
            if not following:
                continue
            e = following[0]
            name = B.unit_name(ctx, e, c.index_code, c.year)
            if name and name != c.entity and _BEHIND_RE.fullmatch(ctx.text, c.value_span[1], e.start):
                result.append(
                    Claim(name, c.index_code, None, c.year, "rank", 1.0, (e.start, e.end), self.name)
                )
        return result
