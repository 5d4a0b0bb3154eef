"""The fetcher against a real HTTP server on 127.0.0.1, one fault at a time."""

from __future__ import annotations

import socket
import ssl
import time
import tracemalloc
from dataclasses import replace
from urllib.parse import quote

import pytest
import trustme

from extractors.feeds import parse_feed
from extractors.model import Document
from extractors.pipeline import process
from flows import urls
from flows.fetch import FEED_TYPES, Fetcher, FetchSettings
from flows.transport import BadHeader
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


@pytest.mark.parametrize("path", ["/utf8-declares-1258.html", "/utf8-meta-1258.html"])
def test_a_utf8_page_declaring_windows_1258_reads_as_utf8(server, fetcher, path):
    # its bytes are valid windows-1258 too (mojibake): before, that won and gave no facts
    result = fetcher.fetch(server.url(path))
    assert result.ok
    document = Document(
        source=result.url, raw=result.body, kind="http", headers=result.headers, final_url=result.final_url
    )
    extraction = process(document)
    assert extraction.encoding == "utf-8"
    assert extraction.article.title == "Long An xếp thứ 3 PCI 2023"
    assert [(f.entity, f.metric, f.value) for f in extraction.facts] == [
        ("Long An", "rank", 3.0),
        ("Long An", "score", 70.37),
    ]


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


def test_a_feed_served_as_application_x_rss_xml_is_read(server, fetcher):
    result = fetcher.fetch(server.url("/feed-x.xml"), accept=FEED_TYPES)
    assert result.error is None and result.content_type == "application/x-rss+xml"
    assert len(parse_feed(result.body, result.final_url)) == 3


def test_robots_txt_is_respected(server, fetcher):
    result = fetcher.fetch(server.url("/private/secret.html"))
    assert result.error == (
        f"robots.txt of http://127.0.0.1:{server.port} disallows /private/secret.html for our user agent"
    )


@pytest.mark.parametrize(
    "path, allowed",
    [
        ("/members/open-1.html", True),  # Allow: /members/open- is longer than Disallow: /members/
        ("/members/closed-1.html", False),
        ("/files/report.pdf", False),  # Disallow: /*.pdf$
        ("/files/report.pdf?download=1", True),  # $ anchors the end
        ("/files/report.html", True),
    ],
)
def test_robots_txt_wildcards_and_the_longest_rule_win(server, fetcher, path, allowed):
    result = fetcher.fetch(server.url(path))
    assert result.ok if allowed else result.error.endswith(f"disallows {path} for our user agent")


def test_robots_txt_is_asked_for_a_redirect_target_too(server, fetcher):
    before = server.site.hits["/private/secret.html"]
    result = fetcher.fetch(server.url("/redirect-to-private.html"))
    assert result.error == (
        f"robots.txt of http://127.0.0.1:{server.port} disallows /private/secret.html for our user agent"
    )
    assert server.site.hits["/private/secret.html"] == before


# --- headers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "agent, what",
    [
        ("chiso/1.0\r\nX-Injected: 1", "a carriage return (CR) at position 9"),
        ("chiso/1.0\n", "a line feed (LF) at position 9"),
        ("chiso/1.0\r", "a carriage return (CR) at position 9"),
        ("chi\x00so", "the control character U+0000 at position 3"),
        ("chiso\x1b[31m", "the control character U+001B at position 5"),
        ("chiso\x7f", "the control character U+007F at position 5"),
        ("chiso (nghiên cứu)", "the non-ASCII letter 'ê' at position 11"),
    ],
)
def test_a_user_agent_that_cannot_be_a_header_is_refused(agent, what):
    with pytest.raises(BadHeader) as caught:
        FetchSettings(user_agent=agent)
    assert str(caught.value) == (
        f"the User-Agent header {agent!r} holds {what}; "
        "header values may only hold printable ASCII characters, spaces and tabs"
    )
    with pytest.raises(BadHeader, match=r"User-Agent \(for a\.vn\)"):
        FetchSettings(hosts={"a.vn": {"user_agent": agent}})


def test_a_site_s_own_user_agent_is_sent_to_it(server):
    with Fetcher(replace(FAST, hosts={"127.0.0.1": {"user_agent": "own-agent/2.0"}})) as fetcher:
        assert fetcher.fetch(server.url("/etag.html")).ok
    assert server.site.user_agents[-1] == "own-agent/2.0"


def test_no_header_leaves_with_a_control_character(server, fetcher):
    fetcher.session.headers["X-Trace"] = "a\x01b"
    before = sum(server.site.hits.values())
    result = fetcher.fetch(server.url("/members/open-2.html"))
    assert "the X-Trace header 'a\\x01b' holds the control character U+0001 at position 1" in result.error
    assert sum(server.site.hits.values()) == before


def test_a_stored_etag_that_cannot_be_sent_back_means_a_full_get(server, fetcher):
    result = fetcher.fetch(server.url("/etag.html"), etag='"v1"\x00')
    assert result.ok and result.status == 200  # not 304: the bad validator was left out


# --- the time limit per URL --------------------------------------------------------


@pytest.mark.parametrize(
    "path, what",
    [
        ("/trickle-body.html", "the body was still arriving"),
        ("/trickle-headers.html", "the server was still sending its headers"),
    ],
)
def test_a_server_trickling_a_byte_at_a_time_is_cut_at_the_time_limit(server, path, what):
    # 200 bytes, one every 50 ms: 10 s in all, each byte well within the read timeout
    server.site.trickle_cut.clear()
    with Fetcher(replace(FAST, total_timeout=1.0)) as fetcher:
        result = fetcher.fetch(server.url(path))
    assert result.error.startswith(f"gave up after 1s, the time limit per URL: {what}")
    assert result.attempts == 1  # a cut at the limit is not retried
    assert server.site.trickle_cut.wait(timeout=30)  # the server saw the connection go


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


def test_a_redirect_to_another_scheme_is_refused(server, fetcher):
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


# --- where a request connects ---------------------------------------------------------
#
# Two servers on one port: 127.0.0.2 plays a public site, 127.0.0.1 the
# internal service an attacker wants.  The address check is patched to take
# 127.0.0.2 for public and the resolver knows a few names; every connection
# stays on loopback.


@pytest.fixture(scope="module")
def hosts():
    for _ in range(20):
        public = Server(Site(), address="127.0.0.2")
        try:
            internal = Server(Site(), address="127.0.0.1", port=public.port)
        except OSError:  # that port is taken on 127.0.0.1: another pair
            public.httpd.server_close()
            continue
        with public, internal:
            yield public, internal
        return
    pytest.fail("no port free on both 127.0.0.1 and 127.0.0.2")


@pytest.fixture()
def resolver(monkeypatch):
    """Names the resolver knows: name -> the answers it gives, one per call,
    the last one repeated.  127.0.0.2 counts as a public address."""
    real_getaddrinfo, real_non_public = socket.getaddrinfo, urls.non_public
    names = {"public.test": ["127.0.0.2"], "internal.test": ["127.0.0.1"]}

    def getaddrinfo(host, port, *args, **kwargs):
        answers = names.get(host.rstrip(".") if isinstance(host, str) else host)
        if answers is None:
            return real_getaddrinfo(host, port, *args, **kwargs)
        address = answers.pop(0) if len(answers) > 1 else answers[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(urls, "non_public", lambda a: None if str(a) == "127.0.0.2" else real_non_public(a))
    return names


def _refused_cases():
    reads_differently = "to the HTTP client but as"
    return [
        (
            "backslash",
            "http://127.0.0.1:{P}\\@127.0.0.2:{P}/secret",
            f"127.0.0.1 port {{P}} {reads_differently} 127.0.0.2",
        ),
        ("backslash, public first", "http://127.0.0.2:{P}\\@127.0.0.1:{P}/secret", reads_differently),
        ("userinfo", "http://127.0.0.2:{P}@127.0.0.1:{P}/secret", "carries a user name or password"),
        (
            "userinfo with a name",
            "http://public.test:x@internal.test:{P}/secret",
            "carries a user name or password",
        ),
        ("percent-encoded dots", "http://127%2E0%2E0%2E1:{P}/secret", reads_differently),
        ("percent-encoded digits", "http://%31%32%37.0.0.1:{P}/secret", reads_differently),
        ("decimal IPv4", "http://2130706433:{P}/secret", "an IPv4 address in a legacy form"),
        ("octal IPv4", "http://0177.0.0.1:{P}/secret", "an IPv4 address in a legacy form"),
        ("hex IPv4", "http://0x7f.0.0.1:{P}/secret", "an IPv4 address in a legacy form"),
        ("shortened IPv4", "http://127.1:{P}/secret", "an IPv4 address in a legacy form"),
        ("IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]:{P}/secret", "a loopback address"),
        (
            "NAT64 IPv6",
            "http://[64:ff9b::7f00:1]:{P}/secret",
            "resolves to 64:ff9b::7f00:1, a loopback address",
        ),
        ("unspecified", "http://0.0.0.0:{P}/secret", "resolves to 0.0.0.0, an unspecified address"),
        (
            "trailing dot",
            "http://127.0.0.1.:{P}/secret",
            "127.0.0.1 resolves to 127.0.0.1, a loopback address",
        ),
        (
            "name with a trailing dot",
            "http://localhost.:{P}/secret",
            "localhost resolves to 127.0.0.1, a loopback address",
        ),
        (
            "name of an internal host",
            "http://internal.test:{P}/secret",
            "internal.test resolves to 127.0.0.1, a loopback",
        ),
    ]


REFUSED = _refused_cases()
ALLOWED = [
    ("public address", "http://127.0.0.2:{P}/secret", "127.0.0.2:{P}"),
    ("public name", "http://public.test:{P}/secret", "public.test:{P}"),
    ("name with a trailing dot", "http://public.test.:{P}/secret", "public.test:{P}"),
]
ROUTES = ["direct", "redirect", "feed link"]


def _fetch_by(route: str, fetcher: Fetcher, public: Server, url: str):
    """``url`` fetched as given, as the target of a public page's redirect,
    or as a link in a public feed, as the flows do."""
    if route == "direct":
        return fetcher.fetch(url)
    if route == "redirect":
        return fetcher.fetch(public.url("/go?to=" + quote(url, safe="")))
    feed = fetcher.fetch(public.url("/feed-to.xml?link=" + quote(url, safe="")), accept=FEED_TYPES)
    (link,) = [item.url for item in parse_feed(feed.body, feed.final_url)]
    assert link == url
    (result,) = fetcher.fetch_many([(link, None, None)])
    return result


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name, url, reason", REFUSED, ids=[c[0] for c in REFUSED])
def test_a_url_that_reaches_an_internal_address_is_refused(hosts, resolver, route, name, url, reason):
    public, internal = hosts
    port = public.port
    with Fetcher(replace(FAST, allow_private=False)) as fetcher:
        result = _fetch_by(route, fetcher, public, url.format(P=port))
    assert reason.format(P=port) in result.error
    assert not internal.site.hits and not public.site.hits["/secret"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name, url, host", ALLOWED, ids=[c[0] for c in ALLOWED])
def test_a_public_url_connects_to_the_address_checked(hosts, resolver, route, name, url, host):
    public, internal = hosts
    port = public.port
    with Fetcher(replace(FAST, allow_private=False)) as fetcher:
        result = _fetch_by(route, fetcher, public, url.format(P=port))
    assert result.ok, result.error
    assert result.address == f"127.0.0.2:{port}"
    assert public.site.host_headers[-1] == host.format(P=port)
    assert not internal.site.hits


@pytest.mark.parametrize("route", ROUTES)
def test_a_name_that_changes_its_answer_after_the_check_is_not_followed(hosts, resolver, route):
    """DNS rebinding: public at the check, internal at the connection."""
    public, internal = hosts
    resolver["rebind.test"] = ["127.0.0.2", "127.0.0.1"]
    with Fetcher(replace(FAST, allow_private=False)) as fetcher:
        result = _fetch_by(route, fetcher, public, f"http://rebind.test:{public.port}/secret")
    assert result.ok and result.address == f"127.0.0.2:{public.port}"
    assert public.site.host_headers[-1] == f"rebind.test:{public.port}"
    assert not internal.site.hits


@pytest.fixture(scope="module")
def tls_authority():
    return trustme.CA()


def _tls_server(authority, name: str) -> Server:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(name).configure_cert(context)
    return Server(Site(), address="127.0.0.2", tls=context)


@pytest.mark.parametrize("certificate, trusted", [("public.test", True), ("other.test", False)])
def test_https_to_the_checked_address_keeps_the_name_for_sni_and_the_certificate(
    tls_authority, resolver, tmp_path, certificate, trusted
):
    bundle = tmp_path / "ca.pem"
    tls_authority.cert_pem.write_to_path(str(bundle))
    with _tls_server(tls_authority, certificate) as server, Fetcher(replace(FAST, retries=0)) as fetcher:
        fetcher.session.verify = str(bundle)
        result = fetcher.fetch(f"https://public.test:{server.port}/members/open-1.html")
    if trusted:
        assert result.ok and result.address == f"127.0.0.2:{server.port}"
        assert server.site.host_headers == [f"public.test:{server.port}"] * 2  # robots.txt, the page
    else:
        assert "hostname 'public.test' doesn't match" in result.error and not server.site.hits
