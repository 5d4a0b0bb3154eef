"""Extraction time grows linearly with input size: no regular expression that
backtracks catastrophically, no loop that reads the text again for each
match.  Each adversarial input (tests/hostile.py) is read at n and 8n: a
linear reader takes about 8x as long, a quadratic one 64x.  The bounds are
generous so a busy machine does not fail the test, but a quadratic step does.
"""

from __future__ import annotations

import time

import pytest

from extractors.model import Document
from extractors.pipeline import ExtractionError, process
from tests.hostile import ADVERSARIAL, adversarial_document

SMALL, FACTOR = 1_500, 8
NOISE_FLOOR = 0.01  # seconds: below this a timing says little


def _seconds(raw: bytes, source: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        try:
            process(Document(source=source, raw=raw))
        except ExtractionError:
            pass
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_time_grows_linearly(name):
    source = "adversarial.html"
    small = _seconds(adversarial_document(name, SMALL), source)
    large = _seconds(adversarial_document(name, SMALL * FACTOR), source)
    ratio = large / max(small, NOISE_FLOOR)
    assert large < 20, f"{name}: {large:.1f} s at n={SMALL * FACTOR}"
    assert ratio < 3 * FACTOR, (
        f"{name}: {small * 1000:.0f} ms -> {large * 1000:.0f} ms ({ratio:.0f}x for {FACTOR}x)"
    )


def test_prose_past_the_limit_is_left_unread_and_said_so():
    from extractors.model import Document
    from extractors.pipeline import MAX_PROSE, process

    sentence = "Năm 2023, Hà Nội xếp thứ 5 về PCI, đạt 70,5 điểm. "
    text = (
        "PCI 2023\n\n"
        + sentence
        + "Lorem ipsum dolor sit amet. " * (MAX_PROSE // 28 + 10)
        + sentence.replace("Hà Nội", "Đà Nẵng")
    )
    extraction = process(Document(source="long.txt", raw=text.encode()))
    entities = {f.entity for f in extraction.facts}
    assert "Hà Nội" in entities and "Đà Nẵng" not in entities
    assert any("were read for facts" in note for note in extraction.notes)
