"""The real dev articles and the written fixtures as regression tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.evaluate import Item, evaluate, format_report, read_gold
from extractors.model import Document
from extractors.pipeline import process
from tests.conftest import FIXTURES

# The floor on ../shared/corpus/dev (79 articles), held here and by the
# `chiso eval` test: a ratchet, set to what the extractor reaches minus a
# small margin and raised with each improvement (issue 17).
MIN_PRECISION = 0.985
MIN_RECALL = 0.965
MIN_F1 = 2 * MIN_PRECISION * MIN_RECALL / (MIN_PRECISION + MIN_RECALL)


def _extract(paths: list[Path]) -> list[Item]:
    items = []
    for path in paths:
        result = process(Document(source=str(path), raw=path.read_bytes()))
        items += [
            Item(path.name, f.entity, f.index_code, f.component, f.year, f.metric, f.value, f.evidence)
            for f in result.facts
        ]
    return items


def corpus_report(corpus: Path):
    """The extractor on a corpus directory (gold.jsonl and articles/*.txt), scored."""
    gold = read_gold((corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines())
    paths = sorted((corpus / "articles").glob("*.txt"))
    return evaluate(_extract(paths), gold, sources={p.name for p in paths})


def test_dev_corpus_meets_the_precision_and_recall_floor(shared):
    report = corpus_report(shared / "corpus" / "dev")
    assert report.strict.precision >= MIN_PRECISION, format_report(report)
    assert report.strict.recall >= MIN_RECALL, format_report(report)


# The blind set (tests/corpus/blind): 30 articles a helper wrote from
# FACTS.md alone, never having seen the code.  Its first-sight figures are in
# the README; it has been read and tuned on since, so this floor only keeps
# what was gained from slipping back.
BLIND = Path(__file__).resolve().parents[1] / "corpus" / "blind"
# The second blind set (tests/corpus/blind2), written the same way later,
# weighted to GII, PII, EGDI, DTI and the 2025 units; its first sight is in
# the README too.
BLIND2 = BLIND.with_name("blind2")
FLOORS = {BLIND: (0.98, 0.955), BLIND2: (0.98, 0.90)}


@pytest.mark.parametrize("corpus", FLOORS, ids=lambda p: p.name)
def test_blind_sets_meet_their_floor(corpus):
    min_precision, min_recall = FLOORS[corpus]
    report = corpus_report(corpus)
    assert report.strict.precision >= min_precision, format_report(report)
    assert report.strict.recall >= min_recall, format_report(report)


def test_written_fixtures_yield_exactly_their_expected_facts():
    gold = read_gold((FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines())
    paths = sorted((FIXTURES / "articles").glob("*.txt")) + sorted((FIXTURES / "pages").glob("*.html"))
    report = evaluate(_extract(paths), gold, sources={p.name for p in paths})
    assert not report.false_positives and not report.misses, format_report(report)
    assert {g.source for g in gold} <= {p.name for p in paths}


def test_an_article_with_only_traps_yields_nothing():
    assert _extract([FIXTURES / "articles" / "hoi-nghi-khong-co-xep-hang.txt"]) == []


@pytest.mark.parametrize("name", ["vn-065.txt"])
def test_dev_articles_with_no_gold_yield_no_facts(shared, name):
    assert _extract([shared / "corpus" / "dev" / "articles" / name]) == []
