"""URLs as the fetcher reads them, and as the warehouse names documents.

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

**Naming a document.**  :func:`url_identity` maps the spellings of one
article's URL to one string: w3lib's ``canonicalize_url`` (percent-encoding
and IDNA normalised, query sorted, fragment dropped), tracking parameters
removed, the host without ``www.``/``m.``, ``https`` for ``http``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url
from w3lib.url import canonicalize_url


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


# --- identity ----------------------------------------------------------------------

# Parameters that say how a reader arrived, never which article: analytics
# campaigns (utm_*), ad and social click ids, Mailchimp's, Google
# Analytics' cross-domain ones, and Zalo's share markers (Vietnamese links
# shared on Zalo carry zarsrc and gidzl).  An exact list, not a pattern:
# dropping a parameter that does name the article would merge two articles.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "zarsrc",
        "gidzl",
    }
)
_FOLDED_LABELS = ("www.", "m.")


def url_identity(url: str) -> str:
    """One name for every spelling of a page's URL: ``http`` and ``https``,
    ``www.``/``m.`` or neither, tracking parameters, the order of the query,
    percent-encoding and the fragment make no difference.  Not a URL to
    fetch (the folded host may not exist): a key."""
    parts = urlsplit(canonicalize_url(url.strip()))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").removesuffix(".")
    for label in _FOLDED_LABELS:
        if host.startswith(label) and "." in host[len(label) :]:
            host = host[len(label) :]
            break
    if ":" in host:
        host = f"[{host}]"
    if parts.port is not None and parts.port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = "&".join(pair for pair in parts.query.split("&") if pair and not _tracking(pair))
    if scheme == "http":
        scheme = "https"
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def _tracking(pair: str) -> bool:
    key = unquote_plus(pair.partition("=")[0]).lower()
    return key in TRACKING_PARAMETERS or key.startswith(TRACKING_PREFIXES)


def one_per_page(links: list[str]) -> list[str]:
    """``links`` in order, the first spelling of each page's URL kept (a URL
    that cannot be read stays, for the fetcher to refuse with its reason)."""
    kept: dict[str, str] = {}
    for link in links:
        try:
            key = url_identity(link)
        except ValueError:
            key = link
        kept.setdefault(key, link)
    return list(kept.values())


def document_identity(url: str, canonical: str | None = None) -> str:
    """The source a fetched page is stored under: its canonical link where
    it names a page on the same site, else the URL it was read from; either
    through :func:`url_identity`.

    A canonical link on another site, or pointing at the site's front page
    (some sites put their home page there on every article), is not
    trusted: another site's article, or all of one site's articles, would
    otherwise become versions of one document, and only the newest shows."""
    own = url_identity(url)
    if not canonical:
        return own
    try:
        claimed = urlsplit(url_identity(canonical))
    except ValueError:
        return own
    same_site = claimed.scheme == "https" and claimed.netloc == urlsplit(own).netloc
    front_page = claimed.path == "/" and not claimed.query
    return claimed.geturl() if same_site and not front_page else own
