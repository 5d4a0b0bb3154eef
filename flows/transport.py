"""The fetcher's connections: to the address that was checked, within the
URL's time, with clean headers.

:class:`PinnedAdapter` is a requests transport adapter that asks the
fetcher for the address of each request's host (resolved and checked once)
and connects to that address, keeping the name for the ``Host`` header, TLS
SNI and certificate checks: a name that answers one address to the check
and another to the connection (DNS rebinding) cannot move the request.

A :class:`Clock` bounds one URL in wall time.  Socket timeouts bound each
read, not the sum: a server sending one byte a second never trips them.  At
the deadline the clock shuts the socket of the connection in use, so a
read blocked on a trickle returns at once and the fetch fails with a reason.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from flows import urls


class BadHeader(ValueError):
    """A header value chiso will not send."""


# Field values are visible ASCII, spaces and tabs (RFC 9110 5.5).  CR and
# LF would start a new header; other controls and non-ASCII text are
# refused too, not sent for servers to read as they please.
_BAD_HEADER_CHAR_RE = re.compile(r"[^\t\x20-\x7e]")


def check_header_value(name: str, value: str) -> str:
    """``value`` if it can be sent as the ``name`` header, else :class:`BadHeader`."""
    bad = _BAD_HEADER_CHAR_RE.search(value)
    if bad:
        char = bad.group()
        what = {"\r": "a carriage return (CR)", "\n": "a line feed (LF)"}.get(char) or (
            f"the control character U+{ord(char):04X}" if char.isascii() else f"the non-ASCII letter {char!r}"
        )
        raise BadHeader(
            f"the {name} header {value!r} holds {what} at position {bad.start()}; "
            "header values may only hold printable ASCII characters, spaces and tabs"
        )
    return value


class Clock:
    """One URL's time limit, across its attempts, redirects and robots.txt.

    ``with Clock(60) as clock:`` makes it the clock of connections used in
    this thread; when the time is up, it shuts the socket of the one in use.
    """

    _current = threading.local()

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._connection: HTTPConnection | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Clock:
        Clock._current.clock = self
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        with self._lock:
            self._connection = None  # back in the pool: not ours to cut any more
        Clock._current.clock = None

    @property
    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    @classmethod
    def watch(cls, connection: HTTPConnection) -> None:
        """The connection this thread's URL is using now."""
        clock = getattr(cls._current, "clock", None)
        if clock is None:
            return
        with clock._lock:
            clock._connection = connection
            expired = clock.expired
        if expired:
            _cut(connection)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            connection = self._connection
        if connection is not None:
            _cut(connection)


def _cut(connection: HTTPConnection) -> None:
    sock = getattr(connection, "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed


class _WatchedHTTPConnection(HTTPConnection):
    def connect(self) -> None:
        Clock.watch(self)
        super().connect()

    def request(self, *args, **kwargs) -> None:
        Clock.watch(self)  # a kept-alive connection is reused without connect()
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        Clock.watch(self)
        super().connect()

    def request(self, *args, **kwargs) -> None:
        Clock.watch(self)
        super().request(*args, **kwargs)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class PinnedAdapter(HTTPAdapter):
    """Connects each request to ``pin(target)``, the address the fetcher
    resolved and checked for the request's host; ``pin`` raises to refuse.

    The URL is read by :func:`flows.urls.target`, the HTTP client's own
    parser, from the request as it is sent."""

    def __init__(self, pin: Callable[[urls.Target], str], **kwargs) -> None:
        self._pin = pin
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        _, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        where = urls.target(request.url)
        host_params = {"scheme": where.scheme, "host": self._pin(where), "port": where.port}
        if where.scheme == "https" and not where.ip_literal:
            # The certificate is checked against the name, and the name is
            # sent in SNI, though the socket goes to an address.
            pool_kwargs = {**pool_kwargs, "server_hostname": where.host, "assert_hostname": where.host}
        return host_params, pool_kwargs

    def add_headers(self, request, **kwargs) -> None:
        request.headers["Host"] = urls.target(request.url).host_header
        for name, value in request.headers.items():
            try:
                check_header_value(name, value if isinstance(value, str) else value.decode("latin-1"))
            except BadHeader as exc:
                raise urls.Refused(str(exc)) from exc
