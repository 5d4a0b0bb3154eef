"""Attachment: which unit, index, component and edition a number belongs to.

Every strategy binds through these functions, so the evidence a fact needs
is decided in one place: the sentence first, then the clause, then the
paragraph and the article, and never across words that name another
ranking.  A mention that cannot be tied to a unit, an index and an edition
gives nothing: a missing fact costs less than a wrong one.
"""

from __future__ import annotations

from extractors.facts.binding.claims import make, ranked_count, score_plausible, unit_name
from extractors.facts.binding.components import bind_component, component_cued
from extractors.facts.binding.entities import (
    apposed_entity,
    bind_entity,
    eligible,
    entity_groups,
    group_of,
    single_or_each,
)
from extractors.facts.binding.indices import bind_index, indicator_after, names_other_ranking, off_topic
from extractors.facts.binding.years import (
    adjacent_year,
    apposition_at,
    bind_years,
    bind_years_plain,
    in_compare_clause,
    move_parts,
    streak_excludes,
    unowned_years,
)

__all__ = [
    "adjacent_year",
    "apposition_at",
    "apposed_entity",
    "bind_component",
    "bind_entity",
    "bind_index",
    "bind_years",
    "bind_years_plain",
    "component_cued",
    "eligible",
    "entity_groups",
    "group_of",
    "in_compare_clause",
    "indicator_after",
    "make",
    "move_parts",
    "names_other_ranking",
    "off_topic",
    "ranked_count",
    "score_plausible",
    "single_or_each",
    "streak_excludes",
    "unit_name",
    "unowned_years",
]
