"""Fetching pages over HTTP, politely and defensively.

One :class:`Fetcher` holds one ``requests.Session`` (connections reused) and
applies, per URL: only ``http``/``https``; addresses on loopback, private and
link-local ranges refused unless allowed (also when a redirect points
there); robots.txt; a delay and a concurrency limit per host; connect and
read timeouts and an overall deadline; retries with backoff on connection
errors, 429 and 5xx, honouring ``Retry-After``; redirects followed by hand
with a cap and loop detection; the body capped in bytes, counted after
decompression (so a gzip bomb stops at the cap); the content type checked,
and the bytes sniffed (a PDF served as ``text/html`` is refused).

Nothing here raises for a bad URL: every outcome is a :class:`FetchResult`,
with ``error`` saying what went wrong in words.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
import zlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter

from extractors.text.decode import binary_kind


def _chiso_version() -> str:
    try:
        return version("chiso")
    except PackageNotFoundError:
        return "dev"


DEFAULT_USER_AGENT = f"chiso/{_chiso_version()} (Vietnamese ranking-news research; respects robots.txt)"

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)
_KEPT_HEADERS = (
    "content-type",
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "date",
    "cache-control",
    "retry-after",
)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # one URL, every attempt and redirect included
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 1.0  # first retry waits this long, then twice as long ...
    max_retry_after: float = 120.0  # a longer Retry-After means: give up for now
    per_host_delay: float = 1.0  # between two requests to one host
    per_host_concurrency: int = 2
    concurrency: int = 8
    respect_robots: bool = True
    allow_private: bool = False  # loopback, private and link-local addresses
    # Per-host overrides of per_host_delay / per_host_concurrency, by host name.
    hosts: dict[str, dict] = field(default_factory=dict)


@dataclass(slots=True)
class FetchResult:
    url: str
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    error: str | None = None
    not_modified: bool = False
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.not_modified and self.body is not None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


class _Refused(Exception):
    """A URL chiso will not fetch; the message says why."""


class _HostGate:
    """At most ``concurrency`` requests at a time to one host, started at
    least ``delay`` seconds apart."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self.concurrency = max(1, concurrency)
        self.slots = threading.Semaphore(self.concurrency)
        self.lock = threading.Lock()
        self.delay = delay
        self.next_start = 0.0

    def __enter__(self) -> None:
        self.slots.acquire()
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.delay
        if start > now:
            time.sleep(start - now)

    def __exit__(self, *exc) -> None:
        self.slots.release()


class Fetcher:
    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.session = requests.Session()
        pool = max(self.settings.concurrency, 4)
        adapter = HTTPAdapter(pool_connections=pool, pool_maxsize=pool, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {
                "User-Agent": self.settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                "Accept-Language": "vi,en;q=0.5",
                "Accept-Encoding": "gzip, deflate",
            }
        )
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._addresses: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- public ----------------------------------------------------------------

    def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: tuple[str, ...] = PAGE_TYPES,
    ) -> FetchResult:
        """Fetch one URL; the result says what happened, it never raises."""
        result = FetchResult(url=url)
        deadline = time.monotonic() + self.settings.total_timeout
        try:
            self._check(url)
            if self.settings.respect_robots:
                self._check_robots(url, deadline)
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            self._fetch(url, headers, accept, deadline, result)
        except _Refused as exc:
            result.error = str(exc)
        except requests.RequestException as exc:  # anything requests raises that we did not expect
            result.error = f"request failed: {type(exc).__name__}: {exc}"
        result.fetched_at = datetime.now(UTC)
        return result

    def fetch_many(
        self,
        requests_: list[tuple[str, str | None, str | None]],
        accept: tuple[str, ...] = PAGE_TYPES,
    ) -> list[FetchResult]:
        """Fetch several URLs concurrently within the per-host limits; results
        come back in the order asked.

        Each host gets as many lanes as its concurrency allows, each lane
        fetching that host's URLs one after another; the lanes are handed to
        ``concurrency`` threads host by host in turn, so no thread waits on a
        busy site while another site is idle.
        """
        if not requests_:
            return []
        queues: dict[str, deque[int]] = {}
        for i, (url, _, _) in enumerate(requests_):
            queues.setdefault((urlsplit(url).hostname or "").lower(), deque()).append(i)
        results: list[FetchResult | None] = [None] * len(requests_)
        lock = threading.Lock()

        def lane(host: str) -> None:
            queue = queues[host]
            while True:
                with lock:
                    if not queue:
                        return
                    i = queue.popleft()
                url, etag, modified = requests_[i]
                results[i] = self.fetch(url, etag, modified, accept)

        per_host = {host: min(len(q), self._gate(host).concurrency) for host, q in queues.items()}
        lanes = [host for rank in range(max(per_host.values())) for host in queues if per_host[host] > rank]
        with ThreadPoolExecutor(
            max_workers=min(self.settings.concurrency, len(lanes)), thread_name_prefix="chiso-fetch"
        ) as pool:
            for future in [pool.submit(lane, host) for host in lanes]:
                future.result()
        return results  # type: ignore[return-value]

    # --- checks ------------------------------------------------------------------

    def _check(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise _Refused(f"only http and https URLs are fetched, not {parts.scheme or 'a relative URL'}")
        if not parts.hostname:
            raise _Refused("the URL has no host")
        if not self.settings.allow_private:
            reason = self._private_reason(
                parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
            )
            if reason:
                raise _Refused(reason)

    def _private_reason(self, host: str, port: int) -> str | None:
        key = f"{host}:{port}"
        with self._lock:
            if key in self._addresses:
                return self._addresses[key]
        try:
            infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError) as exc:
            reason = f"cannot resolve {host}: {exc}"
        else:
            reason = None
            for info in infos:
                address = ipaddress.ip_address(info[4][0].split("%")[0])
                if not address.is_global:
                    kind = (
                        "loopback"
                        if address.is_loopback
                        else "link-local"
                        if address.is_link_local
                        else "private"
                        if address.is_private
                        else "non-public"
                    )
                    reason = (
                        f"{host} resolves to {address}, a {kind} address; chiso does not fetch those "
                        "unless --allow-private-addresses is given"
                    )
                    break
        with self._lock:
            self._addresses[key] = reason
        return reason

    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                own = (
                    self.settings.hosts.get(host) or self.settings.hosts.get(host.removeprefix("www.")) or {}
                )
                gate = self._gates[host] = _HostGate(
                    own.get("per_host_concurrency", self.settings.per_host_concurrency),
                    own.get("per_host_delay", self.settings.per_host_delay),
                )
            return gate

    def _check_robots(self, url: str, deadline: float) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            rules = self._robots.get(origin)
        if rules is None:
            rules = self._load_robots(origin, deadline)
            with self._lock:
                self._robots[origin] = rules
        if isinstance(rules, str):
            raise _Refused(rules)
        if not rules.can_fetch(self.settings.user_agent, url):
            raise _Refused(f"robots.txt of {origin} disallows it for our user agent")

    def _load_robots(self, origin: str, deadline: float):
        """robots.txt as RFC 9309 reads it: a 4xx means no rules; an
        unreachable file or a 5xx means everything is disallowed for now."""
        probe = FetchResult(url=f"{origin}/robots.txt")
        try:
            self._fetch(probe.url, {}, ("text/plain", "text/html", ""), deadline, probe, limit=512 * 1024)
        except _Refused as exc:
            probe.error = str(exc)
        parser = urllib.robotparser.RobotFileParser()
        if probe.status is not None and 400 <= probe.status < 500:
            parser.parse([])
            return parser
        if probe.error or probe.body is None:
            return f"robots.txt of {origin} could not be read ({probe.error}), so the site is not crawled now"
        parser.parse(probe.body.decode("utf-8", errors="replace").splitlines())
        return parser

    # --- the request --------------------------------------------------------------

    def _fetch(
        self,
        url: str,
        headers: dict[str, str],
        accept: tuple[str, ...],
        deadline: float,
        result: FetchResult,
        limit: int | None = None,
    ) -> None:
        limit = limit or self.settings.max_bytes
        visited = [url]
        current = url
        for _ in range(self.settings.max_redirects + 1):
            response = self._request(current, headers, deadline, result)
            if response.status_code in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                response.close()
                if not location:
                    raise _Refused(f"HTTP {response.status_code} without a Location header")
                target = urljoin(current, location.strip())
                if target in visited:
                    raise _Refused(f"redirect loop: {' -> '.join(visited + [target])}")
                self._check(target)
                visited.append(target)
                current = target
                continue
            result.final_url = current
            result.status = response.status_code
            result.headers = {k: v for k, v in ((h, response.headers.get(h)) for h in _KEPT_HEADERS) if v}
            try:
                if response.status_code == 304:
                    result.not_modified = True
                    return
                if response.status_code != 200:
                    raise _Refused(f"HTTP {response.status_code} {response.reason or ''}".strip())
                kind = result.content_type
                if accept and kind and kind not in accept:
                    raise _Refused(f"content type {kind} is not a web page or feed")
                announced = response.headers.get("Content-Length")
                if announced and announced.isdigit() and int(announced) > limit:
                    raise _Refused(
                        f"the server announces {int(announced):,} bytes, over the {limit:,}-byte limit"
                    )
                body = _read_body(response, limit, deadline)
                what = binary_kind(body)
                if what:
                    raise _Refused(f"served as {kind or 'no content type'} but the body is {what}")
                result.body = body
                return
            finally:
                response.close()
        raise _Refused(
            f"too many redirects (more than {self.settings.max_redirects}): {' -> '.join(visited)}"
        )

    def _request(
        self, url: str, headers: dict[str, str], deadline: float, result: FetchResult
    ) -> requests.Response:
        """One GET with retries on connection errors, 429 and 5xx."""
        settings = self.settings
        host = urlsplit(url).hostname or ""
        for attempt in range(settings.retries + 1):
            result.attempts += 1
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Refused(f"gave up after {settings.total_timeout:.0f}s")
            timeout = (min(settings.connect_timeout, remaining), min(settings.read_timeout, remaining))
            try:
                with self._gate(host):
                    response = self.session.get(
                        url, headers=headers, timeout=timeout, allow_redirects=False, stream=True
                    )
            except requests.Timeout as exc:
                problem = f"timed out ({exc.__class__.__name__}, {settings.read_timeout:.0f}s read timeout)"
                wait = settings.backoff * 2**attempt
            except requests.ConnectionError as exc:
                problem = f"could not connect: {_short(exc)}"
                wait = settings.backoff * 2**attempt
            else:
                status = response.status_code
                if status != 429 and status < 500:
                    return response
                problem = f"HTTP {status} {response.reason or ''}".strip()
                asked = _retry_after(response.headers.get("Retry-After"))
                response.close()
                wait = asked if asked is not None else settings.backoff * 2**attempt
                if asked is not None and asked > settings.max_retry_after:
                    raise _Refused(
                        f"{problem}; the server asks to retry after {asked:.0f}s, longer than we wait"
                    )
            if attempt == settings.retries:
                raise _Refused(f"{problem} (after {attempt + 1} attempts)")
            if time.monotonic() + wait > deadline:
                raise _Refused(f"{problem}; no time left to retry within {settings.total_timeout:.0f}s")
            time.sleep(wait)
        raise AssertionError("unreachable")


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 160 else text[:157] + "..."


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _read_body(response: requests.Response, limit: int, deadline: float) -> bytes:
    """The body, decompressed by us in bounded steps so that no chunk can
    inflate past ``limit`` (a gzip bomb is stopped, not unpacked)."""
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()  # zlib-wrapped; raw deflate is retried below
    elif encoding in ("", "identity"):
        inflater = None
    else:
        raise _Refused(f"unsupported content encoding {encoding}")
    parts: list[bytes] = []
    size = 0
    raw_deflate_tried = False
    for chunk in response.raw.stream(16384, decode_content=False):
        if time.monotonic() > deadline:
            raise _Refused("the body took too long to arrive")
        pending = chunk
        while pending:
            if inflater is None:
                piece, pending = pending, b""
            else:
                try:
                    piece = inflater.decompress(pending, limit + 1 - size)
                except zlib.error as exc:
                    if encoding == "deflate" and not raw_deflate_tried and size == 0:
                        raw_deflate_tried = True
                        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                        continue
                    raise _Refused(f"the {encoding} body is corrupt: {exc}") from exc
                pending = inflater.unconsumed_tail
            size += len(piece)
            if size > limit:
                after = " after decompression" if inflater is not None else ""
                raise _Refused(f"the body is over the {limit:,}-byte limit{after}")
            parts.append(piece)
            if inflater is not None and not piece and pending:
                break
    return b"".join(parts)
