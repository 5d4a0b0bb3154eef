"""The records rules pass along: a number found in a sentence (a metric
mention) and a number tied to everything a fact needs (a claim)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Value = tuple[float, int, int]  # (value, start, end): absolute offsets in the article text


@dataclass(slots=True)
class MetricMention:
    """A rank, score or rank change a metric rule read, before it is bound.

    The fields after ``rule`` are what the wording says about binding: a rank
    that starts a move ("từ vị trí 47" is the previous edition), an entity the
    wording names ("... là <entity>", "(29/63)" right after a name), a year the
    wording fixes, the edition a change compares with.
    """

    metric: str  # "rank" | "score" | "rank_change"
    values: list[Value]
    start: int  # start of the whole expression
    end: int  # end of the whole expression
    rule: str
    role: str = "plain"  # ranks and scores: "from" (start of a move), "compare" ("so với vị trí 5")
    copula_at: int | None = None  # "... là <entity>": where the entity must start
    regional: bool = False
    component_list: bool = False
    explicit_entity: Any = None  # an EntityMention the wording fixes
    explicit_years: tuple[int, ...] | None = None
    compare_year: int | None = None  # rank changes: "so với năm 2017"
    pair_score: Value | None = None  # "là 18 (0.40)"
    group_size: int | None = None  # "4/63", "thứ 2 trong 17 bộ"
    flags: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Claim:
    """A value bound to entity, index, component and edition: a fact but for
    its evidence, which the reader adds."""

    entity: str
    index_code: str
    component: str | None
    year: int
    metric: str
    value: float
    value_span: tuple[int, int]
    rule: str
    group_size: int | None = None
