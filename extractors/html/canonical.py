"""A page's canonical URL, read from its head before the page is parsed.

The fetching flow names a document before extracting it, so it cannot wait
for :attr:`Article.canonical_url`; this reads the same thing (the same
parser, the same rule: ``<link rel=canonical>``, else ``og:url``, made
absolute against the page's URL) from the part of the page before
``<body>``, a small share of it on news sites.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from extractors.html.page import HtmlError, parse_tree, read_metadata
from extractors.text.decode import looks_like_html

_BODY_RE = re.compile(rb"<body[\s>/]", re.IGNORECASE)
# Without a <body> tag, where to stop looking: heads of real news pages
# run to 350 KB (inline styles and scripts).
MAX_HEAD_BYTES = 1024 * 1024


def canonical_url(raw: bytes, page_url: str) -> str | None:
    """The canonical URL ``raw`` states for itself, as parse_page reads it;
    None for a page that states none, or that is not HTML."""
    body = _BODY_RE.search(raw, 0, MAX_HEAD_BYTES)
    # The URLs sought are ASCII in every encoding a page may have.
    head = raw[: body.start() if body else MAX_HEAD_BYTES].decode("utf-8", errors="replace")
    if not looks_like_html(head):
        return None
    try:
        meta = read_metadata(parse_tree(head))
    except (HtmlError, RecursionError):
        return None  # extraction reports the page
    link = meta.canonical or meta.url
    return urljoin(page_url, link) if link else None
