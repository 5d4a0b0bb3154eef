"""Feeds and section pages: the article links they list; a page's canonical link."""

from __future__ import annotations

import pytest

from extractors.feeds import FeedError, parse_feed
from extractors.html.canonical import canonical_url
from extractors.html.page import parse_page
from extractors.html.sections import article_links
from extractors.text.decode import decode, sniff_declared_charset
from tests.conftest import FIXTURES

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kinh doanh</title>
<item><title>PCI 2023</title><link>https://vnexpress.net/pci-2023-4731200.html</link>
<pubDate>Wed, 10 Apr 2024 09:30:00 +0700</pubDate></item>
<item><title>trùng</title><link>https://vnexpress.net/pci-2023-4731200.html</link></item>
<item><title>tương đối</title><link>/ict-index-4731201.html</link></item>
</channel></rss>""".encode()

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title>
<entry><title>DTI 2023</title><link rel="alternate" href="https://baodanang.vn/dti-2023-3971234.html"/>
<link rel="enclosure" href="https://baodanang.vn/a.jpg"/><updated>2024-08-30T07:45:00+07:00</updated></entry>
</feed>"""


def test_rss_items_in_order_once_each_with_absolute_links():
    items = parse_feed(RSS, "https://vnexpress.net/rss/kinh-doanh.rss")
    assert [i.url for i in items] == [
        "https://vnexpress.net/pci-2023-4731200.html",
        "https://vnexpress.net/ict-index-4731201.html",
    ]
    assert items[0].title == "PCI 2023" and items[0].published_at.isoformat() == "2024-04-10T09:30:00+07:00"


def test_atom_entries_take_their_alternate_link():
    (item,) = parse_feed(ATOM, "https://baodanang.vn/rss")
    assert item.url == "https://baodanang.vn/dti-2023-3971234.html"
    assert item.published_at.isoformat() == "2024-08-30T07:45:00+07:00"


def test_a_feed_never_resolves_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><item><title>&x;</title><link>https://a.vn/b-1234567.html</link></item></channel></rss>"
    ).encode()
    items = parse_feed(xxe, "https://a.vn/rss")
    assert all("TOP-SECRET" not in (i.title or "") for i in items)


@pytest.mark.parametrize("raw", [b"<html><body>not a feed</body></html>", b"\x00\x01garbage"])
def test_what_is_not_a_feed_is_refused(raw):
    with pytest.raises(FeedError):
        parse_feed(raw, "https://a.vn/rss")


SECTIONS = [
    ("vnexpress_LIST_kinh-doanh.html", "https://vnexpress.net/kinh-doanh", 50),
    ("dantri_LIST_kinh-doanh.html", "https://dantri.com.vn/kinh-doanh.htm", 44),
    ("tuoitre_LIST_kinh-doanh.html", "https://tuoitre.vn/kinh-doanh.htm", 14),
    ("vietnamnet_LIST_kinh-doanh.html", "https://vietnamnet.vn/kinh-doanh", 31),
    ("nld_LIST_kinh-te.html", "https://nld.com.vn/kinh-te.htm", 37),
    ("cafef_LIST_thi-truong-chung-khoan.html", "https://cafef.vn/thi-truong-chung-khoan.chn", 34),
    (
        "baochinhphu_LIST_chinh-sach-moi.html",
        "https://baochinhphu.vn/chinh-sach-va-cuoc-song/chinh-sach-moi.htm",
        30,
    ),
    ("baodautu_LIST_tai-chinh-chung-khoan.html", "http://baodautu.vn/tai-chinh-chung-khoan-d6/", 32),
]


@pytest.mark.parametrize("name, url, count", SECTIONS, ids=[s[0].split("_")[0] for s in SECTIONS])
def test_section_pages_yield_their_article_links(shared, name, url, count):
    raw = (shared / "corpus" / "html" / name).read_bytes()
    links = article_links(decode(raw, sniff_declared_charset(raw)).text, url)
    assert len(links) == count
    assert len(set(links)) == len(links) and not any("#" in link for link in links)
    host = url.split("/")[2].removeprefix("www.")
    assert all(link.split("/")[2].removeprefix("www.").endswith(host) for link in links)


def test_the_section_page_of_an_article_we_have_lists_it(shared):
    raw = (shared / "corpus" / "html" / "vietnamnet_LIST_kinh-doanh.html").read_bytes()
    links = article_links(decode(raw).text, "https://vietnamnet.vn/kinh-doanh")
    assert "https://vietnamnet.vn/co-phieu-flc-duoc-giao-dich-tro-lai-2495349.html" in links


def _pages(shared):
    pages = sorted((shared / "corpus" / "html").glob("*.htm*")) + sorted((FIXTURES / "pages").glob("*.htm*"))
    assert len(pages) > 20
    return pages


def test_the_canonical_url_read_from_the_head_is_the_one_the_article_states(shared):
    stated = 0
    for path in _pages(shared):
        raw = path.read_bytes()
        url = f"https://www.example.vn/{path.name}"
        article = parse_page(decode(raw, sniff_declared_charset(raw)).text, url, url, None)
        assert canonical_url(raw, url) == article.canonical_url, path.name
        stated += article.canonical_url is not None
    assert stated > 20


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b'<html><head><link rel="canonical" href="/a-1.html"></head><body></body></html>', "https://b.vn/a-1.html"),
        (b'<html><head><meta property="og:url" content="https://b.vn/og-2.html"></head><body>', "https://b.vn/og-2.html"),
        (b"<html><head><title>none</title></head><body><link rel=canonical href=/late.html>", None),
        (b"plain text that names <link rel=canonical href=/x.html> in prose", None),
        (b"", None),
    ],
)  # fmt: skip
def test_the_canonical_url_comes_from_the_head_of_an_html_page(raw, expected):
    assert canonical_url(raw, "https://b.vn/page?x=1") == expected
