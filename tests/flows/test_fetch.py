"""The fetcher against a real HTTP server on 127.0.0.1, one fault at a time."""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import replace

import pytest

from extractors.model import Document
from extractors.pipeline import process
from flows.fetch import FEED_TYPES, Fetcher, FetchSettings
from tests.http_server import UTF8_PAGE, Server, Site

FAST = FetchSettings(
    connect_timeout=2,
    read_timeout=2,
    total_timeout=20,
    retries=2,
    backoff=0.1,
    per_host_delay=0,
    per_host_concurrency=4,
    max_bytes=100_000,
    allow_private=True,
    user_agent="chiso-test/1.0 (+tests)",
)


@pytest.fixture(scope="module")
def server():
    with Server(Site(big_bytes=300_000, slow_seconds=3.0)) as running:
        yield running


@pytest.fixture()
def fetcher():
    with Fetcher(FAST) as f:
        yield f


def test_a_page_is_fetched_with_its_headers(server, fetcher):
    result = fetcher.fetch(server.url("/etag.html"))
    assert result.ok and result.status == 200 and result.body == UTF8_PAGE
    assert result.final_url == server.url("/etag.html")
    assert result.headers["etag"] == '"v1"' and "last-modified" in result.headers
    assert "chiso-test/1.0 (+tests)" in server.site.user_agents


def test_an_unchanged_page_answers_304_to_a_conditional_get(server, fetcher):
    result = fetcher.fetch(server.url("/etag.html"), etag='"v1"')
    assert result.not_modified and result.status == 304 and result.body is None and result.error is None


def test_404_is_an_error_and_is_not_retried(server, fetcher):
    before = server.site.hits["/missing.html"]
    result = fetcher.fetch(server.url("/missing.html"))
    assert result.error == "HTTP 404 Not Found"
    assert server.site.hits["/missing.html"] - before == 1


def test_500_then_200_is_retried(server, fetcher):
    result = fetcher.fetch(server.url("/flaky.html"))
    assert result.ok and result.attempts == 2


def test_429_waits_for_retry_after(server, fetcher):
    started = time.monotonic()
    result = fetcher.fetch(server.url("/busy.html"))
    assert result.ok and result.attempts == 2
    assert time.monotonic() - started >= 0.9  # Retry-After: 1


def test_a_retry_after_longer_than_we_wait_gives_up_at_once(server, fetcher):
    started = time.monotonic()
    result = fetcher.fetch(server.url("/very-busy.html"))
    assert "retry after 3600s" in result.error and time.monotonic() - started < 2


def test_a_response_slower_than_the_read_timeout(server):
    with Fetcher(replace(FAST, read_timeout=0.5, retries=1)) as fetcher:
        started = time.monotonic()
        result = fetcher.fetch(server.url("/slow.html"))
    assert result.error.startswith("timed out") and "(after 2 attempts)" in result.error
    assert time.monotonic() - started < 5


def test_a_redirect_is_followed_and_a_loop_is_named(server, fetcher):
    followed = fetcher.fetch(server.url("/redirect.html"))
    assert followed.ok and followed.final_url == server.url("/etag.html")
    looped = fetcher.fetch(server.url("/loop-a.html"))
    assert looped.error.startswith("redirect loop: ")
    assert "/loop-a.html -> " in looped.error and "/loop-b.html" in looped.error


def test_too_many_redirects(server):
    with Fetcher(replace(FAST, max_redirects=0)) as fetcher:
        assert fetcher.fetch(server.url("/redirect.html")).error.startswith("too many redirects")


def test_a_body_over_the_cap_is_refused(server, fetcher):
    assert "over the 100,000-byte limit" in fetcher.fetch(server.url("/big.html")).error


def test_a_gzip_bomb_is_stopped_at_the_cap_without_unpacking_it(server):
    # about 200 KB on the wire, 200 MB unpacked; the cap is 1 MB
    with Fetcher(replace(FAST, max_bytes=1_000_000)) as fetcher:
        tracemalloc.start()
        result = fetcher.fetch(server.url("/bomb.html"))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert result.error == "the body is over the 1,000,000-byte limit after decompression"
    assert peak < 20 * 1024 * 1024  # 200 MB of spaces never reached memory


def test_a_gzipped_page_is_decompressed(server, fetcher):
    assert fetcher.fetch(server.url("/gzip.html")).body == UTF8_PAGE


def test_a_wrong_charset_header_loses_to_the_bytes(server, fetcher):
    result = fetcher.fetch(server.url("/wrong-charset.html"))
    assert result.ok and result.charset == "iso-8859-1"
    document = Document(
        source=result.url, raw=result.body, kind="http", headers=result.headers, final_url=result.final_url
    )
    extraction = process(document)
    assert extraction.article.title == "Long An xếp thứ 3 PCI 2023"
    assert [(f.entity, f.metric, f.value) for f in extraction.facts] == [
        ("Long An", "rank", 3.0),
        ("Long An", "score", 70.37),
    ]


def test_a_pdf_served_as_html_is_refused(server, fetcher):
    assert (
        fetcher.fetch(server.url("/pdf.html")).error == "served as text/html but the body is a PDF document"
    )


def test_a_content_type_that_is_not_a_page_is_refused(server, fetcher):
    assert fetcher.fetch(server.url("/image.png")).error == "content type image/png is not a web page or feed"
    assert fetcher.fetch(server.url("/feed.xml")).error.startswith("content type application/rss+xml")
    assert fetcher.fetch(server.url("/feed.xml"), accept=FEED_TYPES).ok


def test_robots_txt_is_respected(server, fetcher):
    result = fetcher.fetch(server.url("/private/secret.html"))
    assert result.error.endswith(
        f"robots.txt of http://127.0.0.1:{server.port} disallows it for our user agent"
    )


@pytest.mark.parametrize(
    "url, reason",
    [
        ("file:///etc/passwd", "only http and https URLs are fetched, not file"),
        ("ftp://example.com/a.html", "only http and https URLs are fetched, not ftp"),
        ("/relative.html", "only http and https URLs are fetched, not a relative URL"),
    ],
)
def test_only_http_and_https(fetcher, url, reason):
    assert fetcher.fetch(url).error == reason


def test_private_addresses_are_refused_by_default(server):
    with Fetcher(replace(FAST, allow_private=False)) as fetcher:
        result = fetcher.fetch(server.url("/etag.html"))
    assert result.error.startswith("127.0.0.1 resolves to 127.0.0.1, a loopback address")
    assert "--allow-private-addresses" in result.error


def test_a_redirect_to_a_private_address_is_refused(server, monkeypatch):
    with Fetcher(replace(FAST, allow_private=False)) as fetcher:
        real = fetcher._private_reason
        # 127.0.0.1 plays a public site here; "localhost" is the private target
        monkeypatch.setattr(
            fetcher, "_private_reason", lambda host, port: None if host == "127.0.0.1" else real(host, port)
        )
        result = fetcher.fetch(server.url("/redirect-to-localhost.html"))
        assert "localhost resolves to" in result.error and "loopback" in result.error
        assert fetcher.fetch(server.url("/redirect-to-ftp.html")).error.startswith("only http and https")


def test_per_host_concurrency_is_limited(server):
    server.site.most_in_flight = 0
    with Fetcher(replace(FAST, per_host_concurrency=2, concurrency=8)) as fetcher:
        results = fetcher.fetch_many([(server.url(f"/wait/{i}.html"), None, None) for i in range(8)])
    assert all(r.ok for r in results)
    assert server.site.most_in_flight == 2


def test_per_host_delay_spaces_requests(server):
    server.site.started.clear()
    with Fetcher(replace(FAST, per_host_delay=0.4, per_host_concurrency=4)) as fetcher:
        fetcher.fetch_many([(server.url(f"/wait/d{i}.html"), None, None) for i in range(3)])
    starts = sorted(server.site.started)
    assert len(starts) == 3
    assert all(b - a >= 0.35 for a, b in zip(starts, starts[1:]))
