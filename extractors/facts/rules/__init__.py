"""The rule registry.

A rule is a small class with a ``name``, the ``stage`` it runs in, its place
in that stage (``order``), the vocabulary lists it reads (``vocabulary``, keys
of ``vocab.toml``) and one method, ``find(ctx)``:

- ``metric`` rules read numbers: ``find(ctx) -> list[MetricMention]``;
  each sees the mentions the rules before it found (``ctx.metrics``);
- ``bind`` rules (strategies) tie numbers to units, indices, components and
  editions — single mentions, "lần lượt" pairings, ordered and continued
  lists, neighbours ("sau X", "trên Y"): ``find(ctx) -> list[Claim]``; a
  strategy that binds a mention adds its index to ``ctx.consumed`` so later
  ones leave it alone.

The reader runs both stages in order and owns no phrasing of its own; the
tests are parametrised over the registry, so a rule without its family of
phrasings fails the suite.
"""

from __future__ import annotations

from typing import ClassVar

STAGES = ("metric", "bind")


class Rule:
    name: ClassVar[str]
    stage: ClassVar[str]
    order: ClassVar[int]
    vocabulary: ClassVar[tuple[str, ...]] = ()

    def find(self, ctx) -> list:  # pragma: no cover - every rule overrides it
        raise NotImplementedError


_REGISTRY: list[Rule] = []


def register(cls: type[Rule]) -> type[Rule]:
    if cls.stage not in STAGES:
        raise ValueError(f"rule {cls.__name__}: unknown stage {cls.stage!r}")
    if any(r.name == cls.name for r in _REGISTRY):
        raise ValueError(f"rule {cls.__name__}: the name {cls.name!r} is taken")
    _REGISTRY.append(cls())
    return cls


def registered(stage: str | None = None) -> list[Rule]:
    """The rules of ``stage`` (all stages when None), in running order."""
    _load()
    chosen = [r for r in _REGISTRY if stage in (None, r.stage)]
    return sorted(chosen, key=lambda r: (STAGES.index(r.stage), r.order))


def _load() -> None:
    # Importing the modules registers their rules.
    from extractors.facts.rules import (  # noqa: F401
        brackets,
        changes,
        leaders,
        lists,
        moves,
        neighbours,
        ranks,
        scores,
        single,
    )
