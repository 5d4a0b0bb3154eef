"""Section pages: the article links a site's category page lists."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

from extractors.html.page import parse_tree
from extractors.html.profile import GENERIC, SiteProfile

# Article URLs on Vietnamese news sites end in a long id ("-4731200.html",
# "-20260307080054340.htm", "-188260307071033787.chn", "-d538952.html") or
# carry a date path ("/2024/09/12/").
GENERIC_ARTICLE_URL = (
    r"(?:[-/](?:[a-z])?\d{5,}\.(?:html?|chn|vnp|vna|gd|ldo|tpo)|/\d{4}/\d{2}/\d{2}/[^/]+)/?$"
)


def _same_site(host: str, page_host: str) -> bool:
    strip = lambda h: h[4:] if h.startswith("www.") else h  # noqa: E731
    host, page_host = strip(host), strip(page_host)
    return host == page_host or host.endswith("." + page_host) or page_host.endswith("." + host)


def article_links(text: str, page_url: str, profile: SiteProfile | None = None) -> list[str]:
    """Absolute article URLs on a section page, in page order, once each."""
    from extractors.html.sites import profile_for

    tree = parse_tree(text)
    base = page_url
    for element in tree.iter("base"):
        if element.get("href"):
            base = urljoin(page_url, element.get("href").strip())
            break
    profile = profile or profile_for(page_url) or GENERIC
    pattern = re.compile(profile.article_url_pattern or GENERIC_ARTICLE_URL, re.IGNORECASE)
    page_host = urlsplit(page_url).hostname or ""
    page = urldefrag(page_url)[0]
    found: dict[str, None] = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        url = urldefrag(urljoin(base, href))[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            continue
        if not _same_site(parts.hostname, page_host) or url == page:
            continue
        if pattern.search(parts.path):
            found.setdefault(url)
    return list(found)
