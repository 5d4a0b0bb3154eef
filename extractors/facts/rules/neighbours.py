"""Strategies for units named beside a stated rank: the ones ahead ("xếp thứ
2, sau Quảng Ninh", "xếp thứ 4 sau A, B và C") and the one behind ("... và
trên Phú Thọ")."""

from __future__ import annotations

import re

from extractors.facts import binding as B
from extractors.facts.records import Claim
from extractors.facts.rules import Rule, register

I = re.IGNORECASE
# From the rank to the units ahead of it: "xếp thứ 2 (0,9538/1 điểm), sau ".
_AHEAD_RE = re.compile(r"[^;]{0,120}?(?<![\w])(?:chỉ\s+)?(?:xếp\s+|đứng\s+)?(?:sau|kém)\s+$", I)
# From the rank to the unit behind it: "... và (xếp) trên " (FACTS.md: "X xếp
# thứ 2 ... trên B" gives B rank 3, only the unit right after "trên").
_BEHIND_RE = re.compile(r"[^;]{0,160}?(?<![\w])(?:xếp\s+|đứng\s+)?trên\s+$", I)
_NOT_AHEAD_RE = re.compile(r"\b(?:tăng|giảm|tụt|lên|xuống)\b", I)


@register
class NeighbourStrategy(Rule):
    """Units named ahead of or behind a stated rank, in its index, component
    and edition: "Đà Nẵng xếp thứ 2, sau Thừa Thiên Huế" (1); "xếp thứ 4 sau
    A, B và C" (1-3, only when exactly the missing places are named);
    "xếp vị trí thứ hai sau Thanh Hóa và trên Phú Thọ" (1 and 3; only the
    unit right after "trên").  Trap: "tăng 3 bậc sau ..." is no position."""

    name = "bind.neighbours"
    stage = "bind"
    order = 60

    def find(self, ctx) -> list[Claim]:
        result: list[Claim] = []
        for c in list(ctx.claims):
            if c.metric != "rank" or c.rule in ("rank.list", "rank.list_continued"):
                continue
            result += self._ahead(ctx, c) + self._behind(ctx, c)
        return result

    def _ahead(self, ctx, c: Claim) -> list[Claim]:
        text = ctx.text
        first = next((e for e in ctx.entities if e.start >= c.value_span[1]), None)
        if first is None or not _AHEAD_RE.fullmatch(text, c.value_span[1], first.start):
            return []
        if _NOT_AHEAD_RE.search(text, c.value_span[1], first.start):
            return []
        # The units named ahead are objects ("sau A, B"), not subjects: group
        # them from all the names, not only the eligible ones.
        after = [e for e in ctx.entities if e.start >= first.start]
        group = next((g for g in B.entity_groups(ctx, after) if g[0] is first), [first])
        if len(group) != c.value - 1:
            return []
        return self._claims(ctx, c, group, 1)

    def _behind(self, ctx, c: Claim) -> list[Claim]:
        for e in ctx.entities:
            if e.start < c.value_span[1]:
                continue
            if _BEHIND_RE.fullmatch(ctx.text, c.value_span[1], e.start):
                if ctx.s.paren_of(c.value_span[0]) != ctx.s.paren_of(e.start):
                    return []  # "(..., Thái Lan xếp hạng 41), còn lại ... xếp trên Việt Nam": not its
                after = self._ranked_after(ctx, c)
                if any(o is not c and o.entity != c.entity and o.value_span[0] < e.start for o in after):
                    return []  # another unit's rank stands between: "Malaysia (thứ 33) và trên"
                if any(o.value_span[0] >= e.end and ctx.s.paren_of(o.value_span[0]) for o in after):
                    return []  # "trên Thái Lan (thứ 41)": its own rank is stated
                return self._claims(ctx, c, [e], int(c.value) + 1)
        return []

    @staticmethod
    def _ranked_after(ctx, c: Claim) -> list[Claim]:
        return [o for o in ctx.claims if o.metric == "rank" and o.value_span[0] >= c.value_span[1]]

    def _claims(self, ctx, c: Claim, group, first_rank: int) -> list[Claim]:
        result = []
        for offset, e in enumerate(group):
            name = B.unit_name(ctx, e, c.index_code, c.year)
            if name and name != c.entity:
                rank = float(first_rank + offset)
                result.append(
                    Claim(name, c.index_code, c.component, c.year, "rank", rank, (e.start, e.end), self.name)
                )
        return result
