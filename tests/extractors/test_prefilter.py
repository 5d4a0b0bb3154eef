"""The pattern prefilter is only ever a necessary condition: whenever a
pattern matches, one of its required literals is in the lower-cased text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.facts import mentions
from extractors.facts.prefilter import Prefiltered, required_literals

PATTERNS = [p for _, p, _ in mentions._INDEX_RES] + [
    p for items in mentions._COMPONENT_RES.values() for _, p in items
]


def test_literals_are_read_from_the_parse_tree():
    assert required_literals(r"(?<![\w])(?:(?:tính\s+)?minh bạch(?:\s+và\s+x)?)(?![\w])", re.I) == (
        "minh bạch",
    )
    assert required_literals(r"\bPCI\b|năng lực cạnh tranh") == ("năng lực cạnh tranh", "pci")
    assert required_literals(r"(?:chi phí\s+)?gia nhập thị trường", re.I) == ("gia nhập thị trường",)
    assert required_literals(r"[A-Z]+\d") is None  # nothing literal to require
    assert required_literals(r"a|bc") is None  # one letter filters nothing


def test_most_gazetteer_patterns_get_a_prefilter():
    assert sum(p.literals is not None for p in PATTERNS) >= 0.9 * len(PATTERNS)


@pytest.mark.parametrize("prefiltered", PATTERNS, ids=[p.pattern.pattern[:40] for p in PATTERNS])
def test_every_match_holds_a_required_literal(prefiltered: Prefiltered):
    pattern = prefiltered.pattern

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern, fullmatch=False))
    def check(text):
        if pattern.search(text):
            assert prefiltered.may_match(text.lower()), (pattern.pattern, text)

    check()


def test_on_the_dev_corpus_no_match_is_skipped(shared):
    for path in sorted((shared / "corpus" / "dev" / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lowered = text.lower()
        for prefiltered in PATTERNS:
            if prefiltered.pattern.search(text):
                assert prefiltered.may_match(lowered), (path.name, prefiltered.pattern.pattern)
