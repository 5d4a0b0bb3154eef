"""What a site profile is: named selectors, nothing else.

A profile only says where a site keeps each field; the shared code in
:mod:`extractors.html.page` does the reading.  When a site changes its
markup, add a new profile version (``replace(OLD, ...)``) and keep the old
one with its golden file, as fundus does with parser versions.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SiteProfile:
    name: str
    domains: tuple[str, ...]
    # CSS selectors, tried in order; the first that matches wins.
    title: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    # Inside the body: blocks that are not the article (related boxes, ads).
    drop: tuple[str, ...] = ()
    captions: tuple[str, ...] = ("figcaption", ".media-caption", ".image-caption", "td.caption")
    # The last body paragraph is the byline ("Hà Thu (tổng hợp)").
    byline_last_paragraph: bool = False
    # A prefix the lead starts with ("(Dân trí) - ").
    lead_prefix: str | None = None
    # Section pages: what an article's URL path looks like on this site.
    article_url_pattern: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


GENERIC = SiteProfile(name="generic", domains=())
