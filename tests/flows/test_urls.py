"""URLs: how the fetcher reads them, and one name per page for the warehouse."""

from __future__ import annotations

import pytest

from flows.urls import Refused, Target, document_identity, one_per_page, target, url_identity

ARTICLE = "https://vnexpress.net/pci-2023-hai-phong-4731200.html"


@pytest.mark.parametrize(
    "spelling",
    [
        ARTICLE,
        "http://vnexpress.net/pci-2023-hai-phong-4731200.html",
        "https://www.vnexpress.net/pci-2023-hai-phong-4731200.html",
        "https://m.vnexpress.net/pci-2023-hai-phong-4731200.html",
        "HTTPS://VnExpress.NET:443/pci-2023-hai-phong-4731200.html",
        "http://vnexpress.net:80/pci-2023-hai-phong-4731200.html#box-comment",
        "https://vnexpress.net/pci-2023-hai-phong-4731200.html?utm_source=zalo&utm_medium=zalo&zarsrc=30",
        "https://vnexpress.net/pci-2023-hai-phong-4731200.html?fbclid=IwAR0abc&gidzl=xyz",
        "https://vnexpress.net/pci-2023-hai-phong-4731200.html?UTM_Campaign=x&gclid=1",
        "https://vnexpress.net/pci-2023-hai-phong-4731200.html?",
        "https://vnexpress.net./pci-2023-hai-phong-4731200.html",
    ],
)
def test_the_spellings_of_one_article_s_url_have_one_identity(spelling):
    assert url_identity(spelling) == ARTICLE


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://a.vn/tin?id=1", "https://a.vn/tin?id=2"),  # the parameter names the article
        ("https://a.vn/x?gallery=1", "https://a.vn/x"),  # not a tracking parameter, whatever it looks like
        ("https://news.google.com/x?gl=VN", "https://news.google.com/x?gl=US"),
        ("https://a.vn/Tin-1.html", "https://a.vn/tin-1.html"),  # paths are case-sensitive
        ("https://a.vn:8443/x", "https://a.vn/x"),
        ("https://kinhdoanh.a.vn/x", "https://a.vn/x"),  # only www. and m. are folded
    ],
)
def test_different_pages_keep_different_identities(a, b):
    assert url_identity(a) != url_identity(b)


def test_the_query_is_sorted_and_percent_encoding_normalised():
    assert url_identity("https://a.vn/bài-viết?b=2&a=1") == url_identity(
        "https://a.vn/b%C3%A0i-vi%E1%BA%BFt?a=1&b=2"
    )


@pytest.mark.parametrize(
    "canonical, source",
    [
        ("https://www.vnexpress.net/pci-4731200.html", "https://vnexpress.net/pci-4731200.html"),
        (None, "https://vnexpress.net/amp/pci-4731200.html"),
        ("https://evil.example/pci-4731200.html", "https://vnexpress.net/amp/pci-4731200.html"),  # other site
        ("https://vnexpress.net/", "https://vnexpress.net/amp/pci-4731200.html"),  # the front page
        ("javascript:void(0)", "https://vnexpress.net/amp/pci-4731200.html"),
        ("ftp://vnexpress.net/pci-4731200.html", "https://vnexpress.net/amp/pci-4731200.html"),
    ],
)
def test_a_page_is_named_by_its_canonical_link_only_on_its_own_site(canonical, source):
    assert (
        document_identity("http://m.vnexpress.net/amp/pci-4731200.html?utm_source=rss", canonical) == source
    )


def test_one_per_page_keeps_the_first_spelling_in_order():
    links = [
        "http://a.vn/x?utm_source=1",
        "https://www.a.vn/x",
        "http://[bad",
        "https://a.vn/y",
        "http://[bad",
    ]
    assert one_per_page(links) == ["http://a.vn/x?utm_source=1", "http://[bad", "https://a.vn/y"]


@pytest.mark.parametrize(
    "url, where",
    [
        ("https://VNExpress.net/a", Target("https", "vnexpress.net", 443)),
        ("http://a.vn.:8080/a", Target("http", "a.vn", 8080)),
        ("http://[::1]/a", Target("http", "::1", 80)),
        ("https://bücher.de/", Target("https", "xn--bcher-kva.de", 443)),
    ],
)
def test_target_is_where_the_request_connects(url, where):
    assert target(url) == where


def test_the_host_header_brackets_ipv6_and_omits_the_default_port():
    assert Target("http", "::1", 80).host_header == "[::1]"
    assert Target("https", "a.vn", 8443).host_header == "a.vn:8443"


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://a.vn/x\ny", "the URL holds a line feed (LF) at position 13"),
        ("http://a.vn\t/x", "the URL holds a tab at position 11"),
        ("http://a.vn/\x00", "the URL holds the control character U+0000 at position 12"),
        ("http://exa mple.vn/", "not a valid URL"),
        ("http://[127.0.0.1]/", "not a valid URL"),
        ("http:///x", "the URL has no host"),
        ("mailto:a@b.vn", "only http and https URLs are fetched, not mailto"),
        ("http://a.vn:99999/", "not a valid URL"),
    ],
)
def test_urls_chiso_does_not_fetch_say_why(url, reason):
    with pytest.raises(Refused) as caught:
        target(url)
    assert str(caught.value).startswith(reason)
