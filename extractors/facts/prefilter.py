"""Cheap necessary conditions for regular expressions.

Python's ``re`` can not skip ahead for a pattern that starts with a
lookbehind or a case-insensitive letter, which is how most of chiso's
gazetteer patterns start, so each one costs a step at every position of the
text.  :func:`required_literals` reads a pattern's parse tree and returns
lower-case strings one of which every match must contain ("minh bạch" for
"(?:tính\\s+)?minh bạch(?:\\s+và ...)?"); a C-speed substring test on the
lower-cased text then skips the patterns that cannot match at all, which on
a news page is nearly all of them.

The result is only ever a necessary condition: a pattern whose literals
cannot be worked out gets ``None`` and always runs.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812
import re._parser as sre_parse

_MIN_USEFUL = 2  # a one-letter literal filters nothing


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-case strings, one of which is in every match of ``pattern``;
    None when there is no such set worth testing."""
    found = _sequence(list(sre_parse.parse(pattern, flags).data))
    if not found or min(len(s) for s in found) < _MIN_USEFUL:
        return None
    return tuple(sorted(found, key=len, reverse=True))


def _sequence(items: list) -> frozenset[str] | None:
    """The best requirement of a sequence of parse items: the longest run of
    consecutive literals, or a mandatory part's own requirement."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        close_run()
        if op is C.SUBPATTERN:
            inner = _sequence(list(av[-1].data))
            if inner:
                candidates.append(inner)
        elif op is C.BRANCH:
            branches = [_sequence(list(b.data)) for b in av[1]]
            if all(branches):
                candidates.append(frozenset().union(*branches))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _sequence(list(av[2].data))
            if inner:
                candidates.append(inner)
        # anything else (classes, optional parts, assertions) requires nothing
    close_run()
    if not candidates:
        return None
    # The candidate whose shortest alternative is longest filters best.
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


class Prefiltered:
    """A compiled pattern with its required literals: ``finditer`` over a
    text whose lower-case form lacks all of them yields nothing at once."""

    __slots__ = ("pattern", "literals")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)
        self.literals = required_literals(pattern, flags)

    def may_match(self, lowered: str) -> bool:
        return self.literals is None or any(lit in lowered for lit in self.literals)
