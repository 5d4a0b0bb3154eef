"""Fetching pages over HTTP, politely and defensively.

One :class:`Fetcher` holds one ``requests.Session`` (connections reused) and
applies, per URL: only ``http``/``https``, each URL read once by the HTTP
client's own parser and refused where another parser reads it otherwise
(:mod:`flows.urls`); addresses on loopback, private and link-local ranges
refused unless allowed, the connection made to the address that was checked
(:mod:`flows.transport`); robots.txt (Protego: wildcards, longest match),
for every redirect target too; a delay and a concurrency limit per host;
connect and read timeouts and an overall deadline per URL that a trickling
server cannot stretch; retries with backoff on connection errors, 429 and
5xx, honouring ``Retry-After``; redirects followed by hand with a cap and
loop detection; the body capped in bytes, counted after decompression (so
a gzip bomb stops at the cap); the content type checked, and the bytes
sniffed (a PDF served as ``text/html`` is refused); no header sent with a
control character in it.

Nothing here raises for a bad URL: every outcome is a :class:`FetchResult`,
with ``error`` saying what went wrong in words.
"""

from __future__ import annotations

import re
import threading
import time
import zlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from protego import Protego

from extractors.text.decode import binary_kind
from flows import urls
from flows.transport import BadHeader, Clock, PinnedAdapter, check_header_value
from flows.urls import Refused as _Refused


def _chiso_version() -> str:
    try:
        return version("chiso")
    except PackageNotFoundError:
        return "dev"


DEFAULT_USER_AGENT = f"chiso/{_chiso_version()} (Vietnamese ranking-news research; respects robots.txt)"

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# What feeds are served as: the registered types, the x- forms older
# servers still send (application/x-rss+xml is common), and plain XML.
FEED_TYPES = (
    "application/rss+xml",
    "application/x-rss+xml",
    "application/atom+xml",
    "application/x-atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
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
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How the fetcher behaves; :class:`BadHeader` (a ValueError) for a user
    agent that cannot be sent as a header."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # one URL, every attempt, redirect and robots.txt included
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
    # Per-host overrides of per_host_delay / per_host_concurrency / user_agent, by host name.
    hosts: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_header_value("User-Agent", self.user_agent)
        for host, own in self.hosts.items():
            if own.get("user_agent"):
                check_header_value(f"User-Agent (for {host})", own["user_agent"])


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
    address: str | None = None  # "ip:port" the last answer came from

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


def _host_of(url: str) -> str:
    try:
        return urls.target(url).host
    except _Refused:
        return ""  # refused when fetched, with the reason


class Fetcher:
    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.session = requests.Session()
        # A proxy would resolve names itself, past the address check.
        self.session.trust_env = False
        pool = max(self.settings.concurrency, 4)
        adapter = PinnedAdapter(self._address, pool_connections=pool, pool_maxsize=pool, max_retries=0)
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
        self._robots: dict[str, Protego | str] = {}
        self._addresses: dict[str, str | _Refused] = {}
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
        with Clock(self.settings.total_timeout) as clock:
            try:
                self._fetch(url, _conditional(etag, last_modified), accept, clock, result)
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
            queues.setdefault(_host_of(url), deque()).append(i)
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

    def _check(self, url: str, clock: Clock, robots: bool) -> urls.Target:
        """Where ``url`` goes, if chiso may fetch it: read by the HTTP
        client's parser, its address checked, and robots.txt asked."""
        where = urls.target(url)
        self._address(where)
        if robots and self.settings.respect_robots:
            self._check_robots(url, where, clock)
        return where

    def _address(self, where: urls.Target) -> str:
        """The one address requests to this host go to: resolved once per
        fetcher, and checked unless private addresses are allowed."""
        with self._lock:
            known = self._addresses.get(where.host)
        if known is None:
            known = self._resolve(where)
            with self._lock:
                known = self._addresses.setdefault(where.host, known)
        if isinstance(known, _Refused):
            raise known
        return known

    def _resolve(self, where: urls.Target) -> str | _Refused:
        try:
            addresses = urls.resolve(where.host, where.port)
        except (OSError, UnicodeError) as exc:
            return _Refused(f"cannot resolve {where.host}: {exc}")
        if not addresses:
            return _Refused(f"cannot resolve {where.host}: no address")
        if not self.settings.allow_private:
            for address in addresses:
                kind = urls.non_public(address)
                if kind:
                    article = "an" if kind[0] in "aeiou" else "a"
                    return _Refused(
                        f"{where.host} resolves to {address}, {article} {kind} address; chiso does not "
                        "fetch those unless --allow-private-addresses is given"
                    )
        # IPv4 first: an IPv6 address may be listed where this machine has no route to it.
        return str(min(addresses, key=lambda a: a.version))

    def _own(self, host: str) -> dict:
        hosts = self.settings.hosts
        return hosts.get(host) or hosts.get(host.removeprefix("www.")) or {}

    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                own = self._own(host)
                gate = self._gates[host] = _HostGate(
                    own.get("per_host_concurrency", self.settings.per_host_concurrency),
                    own.get("per_host_delay", self.settings.per_host_delay),
                )
            return gate

    def _user_agent(self, host: str) -> str:
        return self._own(host).get("user_agent") or self.settings.user_agent

    def _check_robots(self, url: str, where: urls.Target, clock: Clock) -> None:
        with self._lock:
            rules = self._robots.get(where.origin)
        if rules is None:
            rules = self._load_robots(where.origin, clock)
            with self._lock:
                self._robots[where.origin] = rules
        if isinstance(rules, str):
            raise _Refused(rules)
        if not rules.can_fetch(url, self._user_agent(where.host)):
            parts = urlsplit(url)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            raise _Refused(f"robots.txt of {where.origin} disallows {path} for our user agent")

    def _load_robots(self, origin: str, clock: Clock) -> Protego | str:
        """robots.txt as RFC 9309 reads it: a 4xx means no rules; an
        unreachable file or a 5xx means everything is disallowed for now."""
        probe = FetchResult(url=f"{origin}/robots.txt")
        try:
            self._fetch(probe.url, {}, ("text/plain", "text/html", ""), clock, probe, 512 * 1024, False)
        except _Refused as exc:
            probe.error = str(exc)
        if probe.status is not None and 400 <= probe.status < 500:
            return Protego.parse("")
        if probe.error or probe.body is None:
            return f"robots.txt of {origin} could not be read ({probe.error}), so the site is not crawled now"
        return Protego.parse(probe.body.decode("utf-8", errors="replace"))

    # --- the request --------------------------------------------------------------

    def _fetch(
        self,
        url: str,
        headers: dict[str, str],
        accept: tuple[str, ...],
        clock: Clock,
        result: FetchResult,
        limit: int | None = None,
        robots: bool = True,
    ) -> None:
        """Fetch ``url`` into ``result``, following redirects; every URL on
        the way is checked as the first one was."""
        limit = limit or self.settings.max_bytes
        visited = [url]
        current = url
        for _ in range(self.settings.max_redirects + 1):
            where = self._check(current, clock, robots)
            response = self._request(current, where, headers, clock, result)
            if response.status_code in _REDIRECTS:
                location = response.headers.get("Location")
                response.close()
                if not location:
                    raise _Refused(f"HTTP {response.status_code} without a Location header")
                target = urljoin(current, location.strip())
                if target in visited:
                    raise _Refused(f"redirect loop: {' -> '.join(visited + [target])}")
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
                body = _read_body(response, limit, clock)
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
        self, url: str, where: urls.Target, headers: dict[str, str], clock: Clock, result: FetchResult
    ) -> requests.Response:
        """One GET with retries on connection errors, 429 and 5xx."""
        settings = self.settings
        headers = {**headers, "User-Agent": self._user_agent(where.host)}
        for attempt in range(settings.retries + 1):
            result.attempts += 1
            remaining = clock.remaining
            if remaining <= 0:
                raise _Refused(_out_of_time(clock, "before an answer came"))
            timeout = (min(settings.connect_timeout, remaining), min(settings.read_timeout, remaining))
            try:
                with self._gate(where.host):
                    response = self.session.get(
                        url, headers=headers, timeout=timeout, allow_redirects=False, stream=True
                    )
            except requests.Timeout as exc:
                if clock.expired:
                    raise _Refused(_out_of_time(clock, "the server had not answered")) from exc
                problem = f"timed out ({exc.__class__.__name__}, {settings.read_timeout:.0f}s read timeout)"
                wait = settings.backoff * 2**attempt
            except requests.ConnectionError as exc:
                if clock.expired:
                    raise _Refused(_out_of_time(clock, "the server was still sending its headers")) from exc
                problem = f"could not connect: {_short(_root_cause(exc))}"
                wait = settings.backoff * 2**attempt
            else:
                if clock.expired:  # the cut can look like the end of the headers
                    response.close()
                    raise _Refused(_out_of_time(clock, "the server was still sending its headers"))
                result.address = _peer(response)
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
            if wait >= clock.remaining:
                raise _Refused(f"{problem}; no time left to retry within {settings.total_timeout:g}s")
            time.sleep(wait)
        raise AssertionError("unreachable")


def _conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The conditional-GET headers from the last answer; a value that cannot
    be sent back (a server's ETag with a control character) is left out, so
    the page is fetched in full."""
    headers = {}
    for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified)):
        if value:
            try:
                headers[name] = check_header_value(name, value)
            except BadHeader:
                pass
    return headers


def _out_of_time(clock: Clock, what: str) -> str:
    return f"gave up after {clock.seconds:g}s, the time limit per URL: {what}"


def _peer(response: requests.Response) -> str | None:
    try:
        host, port = response.raw.connection.sock.getpeername()[:2]
    except (AttributeError, OSError):
        return None
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _root_cause(exc: requests.ConnectionError) -> str:
    """What went wrong underneath requests' and urllib3's wrappers, without
    the pool or connection (the checked address, not the name) they put first."""
    reason = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    reason = getattr(reason, "reason", None) or reason
    while reason.args and isinstance(reason.args[0], BaseException):
        reason = reason.args[0]
    return _POOL_PREFIX_RE.sub("", str(reason))


_POOL_PREFIX_RE = re.compile(r"^\w+\(host='[^']*', port=\d+\): ")


def _short(exc: Exception | str) -> str:
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


def _read_body(response: requests.Response, limit: int, clock: Clock) -> bytes:
    """The body, decompressed by us in bounded steps so that no chunk can
    inflate past ``limit`` (a gzip bomb is stopped, not unpacked), within
    the URL's time: the clock cuts a trickle short."""
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
    try:
        for chunk in response.raw.stream(16384, decode_content=False):
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
    except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
        if clock.expired:
            raise _Refused(_out_of_time(clock, f"the body was still arriving ({size:,} bytes read)")) from exc
        raise _Refused(f"the connection broke while reading the body: {_short(exc)}") from exc
    if clock.expired:  # the cut can look like the end of a body sent without a length
        raise _Refused(_out_of_time(clock, f"the body was still arriving ({size:,} bytes read)"))
    return b"".join(parts)
