"""The default strategy: one mention, bound on its own."""

from __future__ import annotations

from extractors.facts import binding as B
from extractors.facts.records import Claim
from extractors.facts.rules import Rule, register


@register
class SingleMentionStrategy(Rule):
    """A mention the list strategies left: its unit, index, component and
    edition are found around it ("Quảng Nam xếp hạng 41", "Đà Nẵng dẫn đầu
    về ứng dụng CNTT với 0,89 điểm").  Several values of one mention belong
    to a list of years ("trong hai năm 2017-2018, ... lần lượt là 0,810 và
    0,825")."""

    name = "bind.single"
    stage = "bind"
    order = 40

    def find(self, ctx) -> list[Claim]:
        result: list[Claim] = []
        for i, m in ctx.unconsumed():
            if m.regional or m.component_list or "range" in m.flags:
                continue  # a span of positions ranks units only paired with a list
            if m.metric == "rank_change" and self._after_regional_rank(ctx, m):
                continue
            ctx.consumed.add(i)
            if "inherits_binding" in m.flags:
                result += self._inherit(ctx, m, result)
            elif len(m.values) > 1:
                result += self._pair_with_years(ctx, m, i)
            else:
                result += self._bind(ctx, m, i)
        return result

    def _bind(self, ctx, m, i) -> list[Claim]:
        entities = B.bind_entity(ctx, m)
        codes = B.bind_index(ctx, m)
        if not entities or not codes:
            return []
        result = []
        for code in codes:
            found_years = B.bind_years(ctx, m, i, code)
            if not found_years or (m.metric != "rank" and len(found_years) > 1):
                continue  # no edition, or one score given to two editions
            for entity in entities:
                components = [B.bind_component(ctx, m, code)]
                if components[0] is None and "needs_component" in m.flags:
                    continue
                if m.metric == "rank" and components[0] is not None:
                    # "dẫn đầu về A (7,12 điểm) và B (7,95 điểm)": first in each.
                    listed = listed_components(ctx, m.end, code)
                    if len(listed) > 1 and listed[0].code == components[0]:
                        components = list(dict.fromkeys(c.code for c in listed))
                for component in components:
                    for year in found_years:
                        if not B.streak_excludes(ctx, m, year):
                            result += B.make(ctx, m, entity, code, component, year, m.values[0])
        return result

    @staticmethod
    def _after_regional_rank(ctx, m) -> bool:
        """ "hạng 3/13 ... khu vực ĐBSCL (tăng 1 bậc)": the change is regional too."""
        previous = [r for r in ctx.metrics if r.metric == "rank" and r.end <= m.start]
        if not previous:
            return False
        last = previous[-1]
        return last.regional and ctx.s.segment_of(last.start) == ctx.s.segment_of(m.start)

    @staticmethod
    def _inherit(ctx, m, bound: list[Claim]) -> list[Claim]:
        """ "(năm 2017 là 41)": the rank claim before it, in another year."""
        for p in [*reversed(bound), *reversed(ctx.claims)]:
            if p.metric == "rank" and p.value_span[1] <= m.start:
                return [
                    Claim(
                        p.entity,
                        p.index_code,
                        p.component,
                        year,
                        "rank",
                        m.values[0][0],
                        m.values[0][1:],
                        m.rule,
                    )
                    for year in m.explicit_years or ()
                ]
        return []

    @staticmethod
    def _pair_with_years(ctx, m, i) -> list[Claim]:
        """One entity, several values, several years: "trong hai năm
        2017-2018, ... với số điểm lần lượt là 0,810 và 0,825"."""
        group_years = next(
            (y.years for y in ctx.years if y.role == "list" and len(y.years) == len(m.values)), None
        )
        inherited = False
        if group_years is None:
            paragraph = ctx.state.year_group
            if (
                paragraph
                and len(paragraph) == len(m.values)
                and not [y for y in ctx.years if y.role == "plain"]
            ):
                group_years = paragraph
                inherited = True
        if group_years is None:
            return []
        entities = B.bind_entity(ctx, m)
        if not entities or len(entities) != 1:
            return []
        result = []
        component = None
        for code in B.bind_index(ctx, m):
            component = B.bind_component(ctx, m, code)
            if component is None and inherited:
                component = ctx.state.year_group_component
            for value, year in zip(m.values, group_years):
                result += B.make(ctx, m, entities[0], code, component, year, value)
        if not inherited and result:
            ctx.state.year_group_component = component
        return result


def listed_components(ctx, pos: int, index: str):
    """The components listed from ``pos`` on: the first right after the
    rank words, then each joined to the one before by list glue."""
    from extractors.facts.rules.lists import COMPONENT_LIST_GLUE_RE, COMPONENT_LIST_HEAD_RE

    text = ctx.text
    usable = [c for c in ctx.components if c.index_code in (index, "*") and c.start >= pos]
    listed = []
    cursor = pos
    for c in usable:
        pattern = COMPONENT_LIST_GLUE_RE if listed else COMPONENT_LIST_HEAD_RE
        if not pattern.fullmatch(text, cursor, c.start):
            break
        listed.append(c)
        cursor = c.end
    return listed
