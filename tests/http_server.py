"""A real HTTP server on 127.0.0.1 for the fetcher's tests.

Each route plays one situation a news site can put the fetcher in: a good
page, a page that has not changed (ETag), 404, 500 then 200, 429 with
Retry-After, a slow answer, a redirect loop, a body over the size cap, a
gzip bomb, a wrong charset header, a PDF served as text/html, a section page
and an RSS feed that link to articles, robots.txt rules with wildcards, a
body or headers trickled a byte at a time, one article under several URLs,
and a redirect or a feed link to any URL a test names (``/go?to=URL``,
``/feed-to.xml?link=URL``).

A server listens on 127.0.0.1 by default, or on another loopback address
(``Server(address="127.0.0.2")``), which the address-check tests treat as
a public one: nothing here ever leaves the machine.
"""

from __future__ import annotations

import functools
import gzip
import ssl
import sys
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from tests.conftest import FIXTURES

ARTICLES = {
    "/tin/pci-2023-4731200.html": FIXTURES / "pages" / "vnexpress-pci-2023-hai-phong.html",
    "/tin/ict-index-2023-3971234.html": FIXTURES / "pages" / "baodanang-ict-index-2023.html",
    "/tin/dti-2023-bo-nganh-5550001.html": FIXTURES / "pages" / "old-template-dti-2023-bo-nganh.html",
}
UTF8_PAGE = (
    "<html><head><title>Long An xếp thứ 3 PCI 2023</title></head><body><article>"
    "<h1>Long An xếp thứ 3 PCI 2023</h1><p>Theo báo cáo PCI 2023, tỉnh Long An xếp thứ 3 với 70,37 điểm.</p>"
    "</article></body></html>"
).encode()


ROBOTS = b"""User-agent: *
Disallow: /private/
Disallow: /*.pdf$
Disallow: /members/
Allow: /members/open-
"""

# One article, three URLs: the page names the first as its canonical link.
CANONICAL_PATH = "/tin/long-an-pci-7000001.html"
ALIASES = (CANONICAL_PATH, "/amp/long-an-pci-7000001.html", CANONICAL_PATH + "?utm_source=zalo&zarsrc=30")


def canonical_page(port: int) -> bytes:
    link = f'<link rel="canonical" href="http://127.0.0.1:{port}{CANONICAL_PATH}">'
    return UTF8_PAGE.replace(b"<head>", b"<head>" + link.encode())


class Site:
    """The state one test server keeps: request counts, what requests said,
    and the size of the big page and the pace of the trickles."""

    def __init__(self, big_bytes: int = 300_000, slow_seconds: float = 3.0) -> None:
        self.hits: Counter[str] = Counter()
        self.big_bytes = big_bytes
        self.slow_seconds = slow_seconds
        self.trickle_bytes = 200  # one byte every trickle_pause seconds
        self.trickle_pause = 0.05
        self.trickle_cut = threading.Event()  # the client hung up on a trickle
        self.user_agents: list[str] = []
        self.host_headers: list[str] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0
        self.started: list[float] = []


@functools.lru_cache(maxsize=1)
def gzip_bomb(megabytes: int = 200) -> bytes:
    """200 MB of spaces as about 200 KB of gzip, built without holding 200 MB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def _section(port: int) -> bytes:
    links = "".join(f'<li><a href="{path}">{path}</a></li>' for path in ARTICLES)
    return (
        f"<html><body><nav><a href='/'>Trang chủ</a><a href='/gioi-thieu.html'>Giới thiệu</a></nav>"
        f"<ul class='list-news'>{links}<li><a href='/tin/missing-9999999.html'>mất</a></li></ul>"
        f"<a href='http://example.invalid/tin/other-1234567.html'>ngoài</a></body></html>"
    ).encode()


def _feed(port: int) -> bytes:
    items = "".join(
        f"<item><title>{p}</title><link>http://127.0.0.1:{port}{p}</link>"
        f"<pubDate>Wed, 10 Apr 2024 09:30:00 +0700</pubDate></item>"
        for p in ARTICLES
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin</title>'
    return f"{head}{items}</channel></rss>".encode()


def _feed_to(link: str) -> bytes:
    item = f"<item><title>tin</title><link>{escape(link)}</link></item>"
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
    return f"{head}<channel>{item}</channel></rss>".encode()


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def _send(
            self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers
        ):
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                self.send_header(key.replace("_", "-"), value)
            self.end_headers()
            if self.command != "HEAD":
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading: that is what some tests check

        def _trickle(self, head: bytes, slow: bytes) -> None:
            """``head`` at once, then ``slow`` a byte at a time, until done or cut."""
            try:
                self.wfile.write(head)
                for byte in slow:
                    self.wfile.write(bytes([byte]))
                    time.sleep(site.trickle_pause)
            except (BrokenPipeError, ConnectionResetError):
                site.trickle_cut.set()
            self.close_connection = True

        def do_GET(self) -> None:  # noqa: C901 - one branch per situation
            path, _, query = self.path.partition("?")
            asked = {k: v[0] for k, v in parse_qs(query).items()}
            with site.lock:
                site.hits[path] += 1
                hits = site.hits[path]
                site.user_agents.append(self.headers.get("User-Agent", ""))
                site.host_headers.append(self.headers.get("Host", ""))
            port = self.server.server_address[1]
            if path == "/robots.txt":
                return self._send(200, ROBOTS, "text/plain")
            if path in ALIASES:
                return self._send(200, canonical_page(port))
            if path == "/go":
                return self._send(302, b"", None, Location=asked["to"])
            if path == "/feed-to.xml":
                return self._send(200, _feed_to(asked["link"]), "application/rss+xml")
            if path == "/feed-x.xml":
                return self._send(200, _feed(port), "application/x-rss+xml; charset=utf-8")
            if path == "/trickle-body.html":
                n = site.trickle_bytes
                head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {n}\r\n\r\n"
                return self._trickle(head.encode(), b"x" * n)
            if path == "/trickle-headers.html":
                return self._trickle(b"HTTP/1.1 200 OK\r\nX-Slow: ", b"x" * site.trickle_bytes + b"\r\n\r\n")
            if path == "/redirect-to-private.html":
                return self._send(302, b"", None, Location="/private/secret.html")
            if path.startswith(("/members/", "/files/", "/secret")):
                return self._send(200, UTF8_PAGE)
            if path in ARTICLES:
                return self._send(200, ARTICLES[path].read_bytes())
            if path == "/section.html":
                return self._send(200, _section(port))
            if path == "/feed.xml":
                return self._send(200, _feed(port), "application/rss+xml")
            if path == "/etag.html":
                if self.headers.get("If-None-Match") == '"v1"':
                    return self._send(304, b"", None, ETag='"v1"')
                return self._send(200, UTF8_PAGE, ETag='"v1"', Last_Modified="Wed, 10 Apr 2024 09:30:00 GMT")
            if path == "/missing.html":
                return self._send(404, b"<h1>Not found</h1>")
            if path == "/flaky.html":
                return self._send(500, b"oops") if hits == 1 else self._send(200, UTF8_PAGE)
            if path == "/busy.html":
                return (
                    self._send(429, b"slow down", Retry_After="1")
                    if hits == 1
                    else self._send(200, UTF8_PAGE)
                )
            if path == "/very-busy.html":
                return self._send(503, b"later", Retry_After="3600")
            if path.startswith("/wait/"):
                with site.lock:
                    site.in_flight += 1
                    site.most_in_flight = max(site.most_in_flight, site.in_flight)
                    site.started.append(time.monotonic())
                time.sleep(0.3)
                with site.lock:
                    site.in_flight -= 1
                return self._send(200, UTF8_PAGE)
            if path == "/slow.html":
                time.sleep(site.slow_seconds)
                return self._send(200, UTF8_PAGE)
            if path == "/loop-a.html":
                return self._send(302, b"", None, Location="/loop-b.html")
            if path == "/loop-b.html":
                return self._send(302, b"", None, Location="/loop-a.html")
            if path == "/redirect.html":
                return self._send(301, b"", None, Location="/etag.html")
            if path == "/redirect-to-localhost.html":
                return self._send(302, b"", None, Location=f"http://localhost:{port}/etag.html")
            if path == "/redirect-to-ftp.html":
                return self._send(302, b"", None, Location="ftp://127.0.0.1/file.html")
            if path == "/big.html":
                return self._send(200, b"<html><body><p>" + b"x" * site.big_bytes + b"</p></body></html>")
            if path == "/bomb.html":
                return self._send(200, gzip_bomb(), Content_Encoding="gzip")
            if path == "/gzip.html":
                return self._send(200, gzip.compress(UTF8_PAGE), Content_Encoding="gzip")
            if path == "/wrong-charset.html":
                return self._send(200, UTF8_PAGE, "text/html; charset=iso-8859-1")
            if path == "/utf8-declares-1258.html":
                return self._send(200, UTF8_PAGE, "text/html; charset=windows-1258")
            if path == "/utf8-meta-1258.html":
                meta = b'<head><meta charset="windows-1258">'
                return self._send(200, UTF8_PAGE.replace(b"<head>", meta), "text/html")
            if path == "/pdf.html":
                return self._send(200, b"%PDF-1.7\n1 0 obj << >> endobj\n" + b"0" * 500)
            if path == "/image.png":
                return self._send(200, b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")
            if path == "/private/secret.html":
                return self._send(200, UTF8_PAGE)
            return self._send(404, b"<h1>Not found</h1>")

    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # The fetcher hangs up on purpose (a body over the cap, a timeout, a
        # certificate it does not trust): not worth a traceback in the test output.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError, ssl.SSLError)):
            super().handle_error(request, client_address)


class Server:
    """``with Server() as server: server.url("/ok.html")``"""

    def __init__(
        self,
        site: Site | None = None,
        address: str = "127.0.0.1",
        port: int = 0,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.site = site or Site()
        self.address = address
        self.scheme = "https" if tls else "http"
        self.httpd = _QuietServer((address, port), make_handler(self.site))
        if tls:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.address}:{self.port}{path}"

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve_forever() -> None:  # python -m tests.http_server: try it by hand
    with Server() as server:
        print(f"serving on {server.url('/')}; Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    serve_forever()


__all__ = ["ALIASES", "ARTICLES", "CANONICAL_PATH", "Server", "Site", "Path"]
