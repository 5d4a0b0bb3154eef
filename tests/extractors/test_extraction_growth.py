"""Fact extraction is linear in its input, for texts built to make it
otherwise (issue 16): one family of generated text per way a reader can go
quadratic — a number phrase repeated with no sentence break, clauses joined
by ";" on one line, thousands of names in one list, of years, brackets,
components, neighbours, fractions, moves, paragraphs, leaders.

Each family is read at three sizes (n, 4n, 16n) and the growth exponent
(log t(16n)/t(4n) over log 4, where a quadratic term shows) is asserted, not a time: a linear reader is
near 1, a quadratic one near 2.  Times are the process's CPU time (best
of three), so other work on the machine does not count; the bound leaves
room for the rest of the noise.
"""

from __future__ import annotations

import math

import pytest

from extractors.facts.extract import extract_facts
from extractors.model import Article, Block
from extractors.text.normalize import normalize_text
from tests.extractors.timing import cpu_seconds

SIZES = (4_000, 16_000, 64_000)
MAX_EXPONENT = 1.35
NOISE_FLOOR = 0.004  # seconds: a smaller timing is read as this


def _provinces() -> list[str]:
    from extractors.gazetteer import load

    return sorted({u.name for u in load().units if u.kind in ("province", "city") and "-2025" not in u.id})


PROVINCES = _provinces()


def _ranked(n: int, width: int) -> list[tuple[str, int]]:
    """(province, rank) pairs, as many as ``n`` characters hold at ``width`` each."""
    return [(PROVINCES[i % len(PROVINCES)], i % 63 + 1) for i in range(max(1, n // width))]


def _names(n: int, width: int) -> list[str]:
    units = ["Hà Nội", "Đà Nẵng", "Quảng Ninh", "Long An", "TP.HCM", "Bắc Ninh", "Thừa Thiên Huế"]
    return [units[i % len(units)] for i in range(max(1, n // width))]


FAMILIES = {
    "number phrase repeated, no break": lambda n: "PCI 2023 hạng 5 " * (n // 16),
    "clauses joined by ';'": lambda n: "Chỉ số PCI 2023: " + "Hà Nội xếp thứ 5, đạt 70,5 điểm; " * (n // 34),
    "one list of names": lambda n: (
        "PCI 2023: ba vị trí dẫn đầu lần lượt thuộc về " + ", ".join(_names(n, 10))
    ),
    "a run of years": lambda n: (
        "PCI: Hà Nội xếp thứ 5 năm " + ", ".join(str(2000 + i % 25) for i in range(n // 6))
    ),
    "nested brackets": lambda n: (
        "PCI 2023 Hà Nội xếp thứ 5 " + "(Đà Nẵng (thứ 3) " * (n // 18) + ")" * (n // 18)
    ),
    "many sentences": lambda n: (
        "Chỉ số PCI 2023. " + "Hà Nội xếp thứ 5 với 70,5 điểm, tăng 2 bậc so với năm 2022. " * (n // 62)
    ),
    "components and indices": lambda n: (
        "PCI 2023 " + "chỉ số tính minh bạch PCI xếp thứ 3, chi phí thời gian DTI " * (n // 60)
    ),
    "units named ahead": lambda n: (
        "PCI 2023: Hà Nội xếp thứ 2 sau " + ", ".join(f"{u} (70 điểm)" for u in _names(n, 20))
    ),
    "fractions": lambda n: "PCI 2023 Hà Nội " + " ".join(f"{i % 60 + 1}/63" for i in range(n // 6)),
    "moves": lambda n: "PCI 2023 Hà Nội " + "từ vị trí 5 lên 3, " * (n // 20),
    "paragraphs naming nobody": lambda n: "Chỉ số PCI 2023\n\n" + "Tỉnh xếp thứ 5.\n\n" * (n // 17),
    "leaders and followers": lambda n: "PCI 2023 " + "Hà Nội dẫn đầu, theo sau là Đà Nẵng, " * (n // 38),
    # Families that state facts, so the rules bind, not only look: each
    # sentence a different unit and rank.
    "rank sentences, each a fact": lambda n: (
        "Năm 2023, chỉ số PCI. "
        + " ".join(f"{u} xếp thứ {r} PCI 2023 với {50 + r / 10:.2f} điểm." for u, r in _ranked(n, 45))
    ),
    "rank clauses joined by ';', each a fact": lambda n: (
        "Năm 2023, Hà Nội xếp thứ 5 PCI; "
        + "; ".join(f"{u} xếp thứ {r} với {50 + r / 10:.2f} điểm" for u, r in _ranked(n, 40))
    ),
    "'lần lượt': units then ranks": lambda n: (
        "Trong PCI 2023, "
        + ", ".join(u for u, _ in _ranked(n, 14))
        + " lần lượt xếp thứ "
        + ", ".join(str(r) for _, r in _ranked(n, 14))
        + "."
    ),
    "many numbers in one sentence": lambda n: (
        "Trong PCI 2023, Hà Nội xếp thứ 5 với "
        + ", ".join(f"{i % 90},{i % 7} điểm" for i in range(n // 10))
        + "."
    ),
    "one long sentence without punctuation": lambda n: (
        "Trong PCI 2023 " + " ".join(f"{u} xếp thứ {r}" for u, r in _ranked(n, 22))
    ),
    "many unit names": lambda n: "PCI 2023: Hà Nội xếp thứ 5 " + " ".join(u for u, _ in _ranked(n, 10)),
    "paragraphs, each a fact": lambda n: (
        "Chỉ số PCI 2023\n\n" + "\n\n".join(f"{u} xếp thứ {r} PCI 2023." for u, r in _ranked(n, 35))
    ),
}
# These must state facts at the smallest size (else they test only the
# look-up, not the binding).
STATING = {
    "rank sentences, each a fact",
    "rank clauses joined by ';', each a fact",
    "one long sentence without punctuation",
    "paragraphs, each a fact",
}


def _seconds(text: str) -> float:
    article = Article(source="growth.txt", blocks=(Block("paragraph", normalize_text(text)),))
    best = float("inf")
    for _ in range(3):
        best = min(best, cpu_seconds(lambda: extract_facts(article)))
    return max(best, NOISE_FLOOR)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_extraction_grows_linearly(family):
    make = FAMILIES[family]
    _seconds(make(SIZES[0]))  # warm the pattern caches
    times = [_seconds(make(n)) for n in SIZES]
    # The last step shows a quadratic term best (at small sizes the linear
    # part hides it).
    exponent = math.log(times[-1] / times[1]) / math.log(SIZES[-1] / SIZES[1])
    shown = ", ".join(f"{n}: {t * 1000:.0f} ms" for n, t in zip(SIZES, times))
    assert exponent < MAX_EXPONENT, f"{family}: exponent {exponent:.2f} ({shown})"


@pytest.mark.parametrize("family", sorted(STATING))
def test_the_binding_families_state_facts(family):
    text = FAMILIES[family](SIZES[0])
    article = Article(source="growth.txt", blocks=(Block("paragraph", normalize_text(text)),))
    assert len(extract_facts(article)) >= 3
