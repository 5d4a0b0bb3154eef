"""Every article page against the golden file a person wrote by reading it.

Golden files live in tests/golden/html; tests/golden/make_golden.py drafts
them and a person reviews the diff against the page.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from extractors.html.sites import REGISTRY
from extractors.model import Document
from extractors.pipeline import process
from tests.conftest import FIXTURES, SHARED

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "html"
GOLDEN_FILES = sorted(GOLDEN.glob("*.json"))


def _page(name: str) -> Path:
    for folder in (SHARED / "corpus" / "html", FIXTURES / "pages"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(name)


@pytest.mark.parametrize("golden_file", GOLDEN_FILES, ids=[g.stem for g in GOLDEN_FILES])
def test_page_matches_its_golden_file(golden_file, shared):
    expected = json.loads(golden_file.read_text(encoding="utf-8"))
    path = _page(expected["page"])
    article = process(Document(source=str(path), raw=path.read_bytes())).article
    paragraphs = article.paragraphs
    assert article.title == expected["title"]
    assert list(article.authors) == expected["authors"]
    published = datetime.fromisoformat(expected["published_at"]) if expected["published_at"] else None
    assert article.published_at == published
    if published is not None:
        assert article.published_at.utcoffset() is not None  # timezone-aware
    assert article.lead == expected["lead"]
    assert len(paragraphs) == expected["paragraphs"]
    assert (paragraphs[0] if paragraphs else None) == expected["first_paragraph"]
    assert (paragraphs[-1] if paragraphs else None) == expected["last_paragraph"]
    assert list(article.captions) == expected["captions"]
    assert article.canonical_url == expected["url"]
    assert article.site == expected["site"]


def test_every_real_article_page_has_a_golden_file(shared):
    pages = {p.name for p in (shared / "corpus" / "html").glob("*.html") if "_LIST_" not in p.name}
    covered = {json.loads(g.read_text(encoding="utf-8"))["page"] for g in GOLDEN_FILES}
    assert pages <= covered, sorted(pages - covered)
    assert len(pages) == 10


@pytest.mark.parametrize("profile", REGISTRY, ids=[p.name for p in REGISTRY])
def test_every_site_profile_has_a_golden_page(profile):
    sites = {json.loads(g.read_text(encoding="utf-8"))["site"] for g in GOLDEN_FILES}
    assert any(site == d or site.endswith("." + d) for site in sites if site for d in profile.domains)
