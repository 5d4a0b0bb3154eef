"""The fast path for tag-less selectors finds exactly what cssselect finds."""

from __future__ import annotations

from lxml.cssselect import CSSSelector

from extractors.html.page import _GENERIC_DATE_SELECTORS, css, parse_tree
from extractors.html.sites import REGISTRY
from tests.conftest import FIXTURES


def _selectors() -> set[str]:
    found = set(_GENERIC_DATE_SELECTORS) | {'[itemprop="description"]', ".sapo", ".detail-sapo", ".date"}
    for profile in REGISTRY:
        for field in ("title", "lead", "body", "authors", "published", "tags", "drop", "captions"):
            found.update(getattr(profile, field) or ())
    return found


def test_every_profile_selector_finds_what_cssselect_finds(shared):
    pages = sorted((shared / "corpus" / "html").glob("*.html")) + sorted((FIXTURES / "pages").glob("*.html"))
    selectors = sorted(_selectors())
    fast = [s for s in selectors if not isinstance(css(s), CSSSelector)]
    assert len(fast) >= 10  # the fast path is taken
    for page in pages:
        tree = parse_tree(page.read_bytes())
        for selector in selectors:
            assert css(selector)(tree) == CSSSelector(selector)(tree), (page.name, selector)
