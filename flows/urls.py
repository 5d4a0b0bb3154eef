"""URLs as the fetcher reads them.

**Reading a URL to fetch it.**  A URL is parsed once, by urllib3, the parser
the HTTP client itself uses, so the host chiso checks is the host it
connects to.  A URL that ``urllib.parse`` (the rest of Python, and chiso's
link finders) reads as another host or port is refused rather than guessed
at: ``http://127.0.0.1:8080\\@example.com/`` is 127.0.0.1 to urllib3 and
example.com to urllib.parse.  So are URLs with a user name or password, with
control characters, and with an IPv4 address in a legacy form (``2130706433``,
``0177.0.0.1``, ``0x7f.1``) that parsers and resolvers read differently.

**Checking where it goes.**  :func:`resolve` asks DNS once and
:func:`non_public` says what an address is if it is not a public one
(IPv4 inside IPv6, mapped or NAT64, is judged as the IPv4 it carries); the
fetcher then connects to the address it checked, never resolving again.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url


class Refused(Exception):
    """A URL chiso will not fetch; the message says why.  Not a ValueError:
    requests would wrap that into InvalidURL on its way out."""


DEFAULT_PORTS = {"http": 80, "https": 443}

# C0 controls and DEL: no URL chiso fetches holds them raw (a feed's link
# with a tab or newline in it is broken, and parsers disagree on it:
# urllib.parse drops tabs and newlines, urllib3 keeps them).
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
# WHATWG reads a host whose last label is a number as an IPv4 address, in
# decimal, octal or hex, shortened or not; resolvers mostly agree, urllib3
# and ipaddress do not.  Only the plain dotted quad is accepted.
_NUMERIC_LAST_LABEL_RE = re.compile(r"(?:^|\.)(?:0x[0-9a-f]*|[0-9]+)\.?$")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class Target:
    """Where a URL sends a request: its scheme, host (lower case, IDNA, no
    brackets, no trailing dot) and port."""

    scheme: str
    host: str
    port: int

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host_header}"

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @property
    def ip_literal(self) -> bool:
        try:
            ipaddress.ip_address(self.host)
        except ValueError:
            return False
        return True


def target(url: str) -> Target:
    """Where ``url`` would connect, as urllib3 reads it; :class:`Refused`
    if it is not an http(s) URL chiso fetches, or if urllib.parse reads it
    another way."""
    bad = _CONTROL_RE.search(url)
    if bad:
        raise Refused(f"the URL holds {_describe(bad.group())} at position {bad.start()}")
    try:
        parts = parse_url(url)
    except LocationParseError as exc:
        raise Refused(f"not a valid URL: {exc}") from exc
    scheme = (parts.scheme or "").lower()
    if scheme not in DEFAULT_PORTS:
        raise Refused(f"only http and https URLs are fetched, not {scheme or 'a relative URL'}")
    if not parts.host:
        raise Refused("the URL has no host")
    if parts.auth is not None:
        raise Refused("the URL carries a user name or password (user@host); chiso does not send those")
    host = parts.host.lower().strip("[]")
    port = parts.port or DEFAULT_PORTS[scheme]
    other = _as_urllib_parse_reads_it(url)
    if other != (host, port):
        raise Refused(
            f"the URL reads as host {host} port {port} to the HTTP client but as "
            f"{other[0]} port {other[1]} to urllib.parse; such URLs are refused"
        )
    host = host.removesuffix(".")
    if ":" not in host and _NUMERIC_LAST_LABEL_RE.search(host) and not _dotted_quad(host):
        raise Refused(
            f"the host {parts.host} is an IPv4 address in a legacy form (decimal, octal, hex or "
            "shortened), which parsers read differently; write it as four decimal numbers"
        )
    return Target(scheme, host, port)


def _as_urllib_parse_reads_it(url: str) -> tuple[str | None, int | None]:
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:  # a bad port, an IPv4 address in brackets
        return None, None
    host = parts.hostname
    if host and not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    return host, port


def _dotted_quad(host: str) -> bool:
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True


def _describe(char: str) -> str:
    names = {"\r": "a carriage return (CR)", "\n": "a line feed (LF)", "\t": "a tab"}
    return names.get(char, f"the control character U+{ord(char):04X}")


# --- where it connects ---------------------------------------------------------


def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses ``host`` has now, in the resolver's order of preference
    (IPv6 only where this machine has an IPv6 address); OSError if none."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_ADDRCONFIG)
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def non_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What kind of address this is ("loopback", "private", ...) if it is
    not a public one; None for a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return non_public(address.ipv4_mapped)
        if address in _NAT64:
            return non_public(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if address.is_global:
        return None
    for kind in ("loopback", "unspecified", "link_local", "multicast", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    return "non-public"
