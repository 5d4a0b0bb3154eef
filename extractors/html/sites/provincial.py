"""Provincial papers users follow for their own province's rankings.

Their pages were not available to us when these profiles were written:
they rely on the generic reading (JSON-LD, OpenGraph, <article>, density)
and only name the selectors common to their CMS.  Add a golden file and a
new profile version when a real page disagrees.
"""

from extractors.html.profile import SiteProfile

BAOQUANGNAM = SiteProfile(
    name="baoquangnam",
    domains=("baoquangnam.vn",),
    title=("h1.article__title", "h1.detail-title", "h1"),
    lead=(".article__sapo", ".detail-sapo", ".sapo"),
    body=(".article__body", ".detail-content", '[itemprop="articleBody"]'),
    authors=(".article__author", ".detail-author"),
    published=(".article__meta time", ".detail-time", "time[datetime]"),
)

BAODANANG = SiteProfile(
    name="baodanang",
    domains=("baodanang.vn",),
    title=("h1.article__title", "h1.title", "h1"),
    lead=(".article__sapo", ".sapo"),
    body=(".article__body", ".content", '[itemprop="articleBody"]'),
    authors=(".article__author", ".author"),
    published=(".article__meta time", ".date", "time[datetime]"),
)
