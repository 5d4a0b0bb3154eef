"""A bound value as claims: named by the edition's map, checked as a value of
its metric and index."""

from __future__ import annotations

import re

from extractors import gazetteer
from extractors.facts import lexicon as lx
from extractors.facts.binding.patterns import _FORMER_AFTER_RE
from extractors.facts.context import SentenceContext
from extractors.facts.mentions import EntityMention
from extractors.facts.records import Claim, MetricMention, Value
from extractors.text.numbers import parse_number

# --- claims ---------------------------------------------------------------------


def make(
    ctx: SentenceContext,
    m: MetricMention,
    entity: EntityMention,
    code: str,
    component,
    year: int,
    value: Value,
) -> list[Claim]:
    """The claims of one value, or none when the value cannot be a fact of
    this unit in this edition."""
    v, start, end = value
    name = unit_name(ctx, entity, code, year)
    if name is None:
        return []
    if "last" in m.flags:
        v = float(m.group_size) if m.group_size else ranked_count(ctx, entity, code, year)
        if v is None:
            return []  # last place of a ranking whose size the article does not state
    if (
        m.metric == "rank_change"
        and m.compare_year is not None
        and m.compare_year != lx.previous_edition(code, year)
    ):
        return []  # "tăng 25 bậc so năm 2016" in 2019: not the previous edition
    if m.metric == "score" and not score_plausible(m, code, v):
        return []
    if m.metric == "rank" and (not float(v).is_integer() or v < 1):
        return []
    if m.metric == "rank" and _bracket_misfits(ctx, entity, code):
        return []  # "đứng đầu là Bắc Ninh (56,83%)" in DTI: the rank of some other measure
    out = [Claim(name, code, component, year, m.metric, v, (start, end), m.rule, m.group_size)]
    if m.pair_score is not None:
        sv, ss, se = m.pair_score
        if score_plausible(None, code, sv):
            out.append(Claim(name, code, component, year, "score", sv, (ss, se), m.rule))
    return out


_BRACKET_VALUE_RE = re.compile(r"\s*\(\s*(?P<num>\d+[.,]\d+)\s*(?P<unit>%|điểm)?\s*[),;]")


def _bracket_misfits(ctx: SentenceContext, entity: EntityMention, code: str) -> bool:
    """Whether the value bracketed right after the unit cannot be a score of
    the index: then the rank beside it is of whatever that value measures."""
    match = _BRACKET_VALUE_RE.match(ctx.text, entity.end)
    if match is None:
        return False
    number = parse_number(match.group("num"))
    if match.group("unit") == "%" and code not in lx.PERCENT_INDICES:
        return True
    low, high = lx.SCORE_RANGES.get(code, (0.0, 100.0))
    return not low < number <= high


def unit_name(ctx: SentenceContext, entity: EntityMention, code: str, year: int) -> str | None:
    """The entity's name in the map its edition was ranked on (FACTS.md):
    "TP Huế" is Thừa Thiên Huế in PCI 2023 and Huế in DTI 2024; Quảng Nam
    ranks in no edition from 2025, nor does a country in a provincial index."""
    if entity.kind in ("org", "local"):
        group = "other" if entity.kind == "org" else "local"
        return entity.name if group in gazetteer.groups_ranked(code) else None
    if _FORMER_AFTER_RE.match(ctx.text, entity.end) and year >= 2025:
        return None  # "Quảng Nam (cũ)": a unit merged away
    unit = gazetteer.resolve(entity.name, code, year)
    return unit.name if unit is not None else None


def ranked_count(ctx: SentenceContext, entity: EntityMention, code: str, year: int) -> float | None:
    """How many units of the entity's group the article says were ranked."""
    unit = gazetteer.resolve(entity.name, code, year)
    if unit is None:
        return None
    count = ctx.doc.group_counts.get(unit.group)
    return float(count) if count else None


def score_plausible(m: MetricMention | None, code: str, value: float) -> bool:
    if m is not None and "percent" in m.flags and code not in lx.PERCENT_INDICES:
        return False
    low, high = lx.SCORE_RANGES.get(code, (0.0, 100.0))
    return low < value <= high
