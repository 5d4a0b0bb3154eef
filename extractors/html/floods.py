"""Attribute floods: tags that make libxml2 quadratic, found before it parses.

libxml2 checks each new attribute of a tag against the ones before it, so a
tag with 100,000 attributes takes minutes, and a page of many tags with a
thousand each adds up the same way.  :func:`tame_attribute_floods` reads the
page once, left to right, the way an HTML5 tokenizer (libxml2's, since 2.14)
splits it into tags: a quoted attribute value runs to its closing quote
whatever it holds (``>`` included), comments, ``<!...>`` and ``<?...>`` are
skipped whole, and the text of ``script``, ``style``, ``textarea``,
``title``, ``xmp``, ``iframe``, ``noembed`` and ``noframes`` runs to its end
tag (``script`` with its ``<!--`` escapes).  Each step is one regular
expression match or substring search from where the last one stopped,
without nested repetition that can backtrack, so the scan is linear.

A tag with over :data:`MAX_ATTRIBUTES_PER_TAG` attributes loses all of them
(its name stays, so the page's structure does); a page whose tags still cost
more than :data:`MAX_ATTRIBUTE_WORK` (the sum over tags of the square of
their attribute count, which is what libxml2 spends) is refused with
:class:`AttributeFlood`.
"""

from __future__ import annotations

import re

MAX_ATTRIBUTES_PER_TAG = 1_000
# The sum of n*n over tags with n attributes: 250 tags of 1,000 each, about a
# second of libxml2's time.  A real page's tags have a few attributes each.
MAX_ATTRIBUTE_WORK = 250 * MAX_ATTRIBUTES_PER_TAG**2
# A tag holding this many attributes is this long at least: shorter tags are
# not counted one by one, their bound (half their length) is used instead.
_COUNTED_FROM = 64

_WS = rb"\t\n\r\f "
# A start or end tag: its name, then attributes as HTML5 reads them (a name
# is anything up to whitespace, "/", ">" or "=", quotes included; a value is
# quoted to its closing quote, or runs to whitespace or ">"); the tag ends at
# ">" or at the end of the page.  Every repetition is possessive, and no two
# alternatives can start alike, so nothing backtracks.
_ATTRIBUTE = (
    rb"[^" + _WS + rb"/>][^" + _WS + rb"/>=]*+"
    rb"(?:[" + _WS + rb"]*+=[" + _WS + rb"]*+(?:\"[^\"]*+\"?|'[^']*+'?|[^" + _WS + rb">]*+))?"
)
_TAG_RE = re.compile(
    rb"</?[A-Za-z][^" + _WS + rb"/>]*+(?P<attributes>(?:[" + _WS + rb"/]++|" + _ATTRIBUTE + rb")*+)(?:>|\Z)"
)
_ATTRIBUTE_RE = re.compile(_ATTRIBUTE)
_COMMENT_RE = re.compile(rb"<!--(?:>|->|.*?(?:--!?>|\Z))", re.S)
_BOGUS_RE = re.compile(rb"<(?:[!?]|/(?![A-Za-z]))[^>]*+>?")
_TAG_NAME_RE = re.compile(rb"<([A-Za-z][^" + _WS + rb"/>]*+)")
_RAW_TEXT = frozenset({b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes"})


def _end_tag_re(name: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"</" + re.escape(name) + rb"(?=[" + _WS + rb"/>])", re.IGNORECASE)


# Text and short tags without quotes, read in one match: such a tag ends at
# its first ">" whatever it holds, and has too few attributes to count.
_PLAIN_RE = re.compile(
    rb"(?:[^<]++"
    rb"|<(?!(?:script|style|textarea|title|xmp|iframe|noembed|noframes|plaintext)[" + _WS + rb"/>])"
    rb"[A-Za-z][^>\"']{0,62}+>"
    rb"|</[A-Za-z][^>\"']{0,62}+>"
    rb"|<(?![A-Za-z!?/]))*+",
    re.IGNORECASE,
)
_RAW_END_RE = {name: _end_tag_re(name) for name in _RAW_TEXT}
# Script text: in plain script data "<!--" starts an escape; in an escape
# "-->" ends it and "<script" starts a double escape, where "</script" does
# not end the script but only the double escape.
_SCRIPT_DATA_RE = re.compile(rb"</script(?=[" + _WS + rb"/>])|<!--", re.IGNORECASE)
_SCRIPT_ESCAPED_RE = re.compile(rb"-->|</script(?=[" + _WS + rb"/>])|<script(?=[" + _WS + rb"/>])", re.I)
_SCRIPT_DOUBLE_RE = re.compile(rb"-->|</script(?=[" + _WS + rb"/>])", re.IGNORECASE)


class AttributeFlood(ValueError):
    """The page's tags carry more attributes than the parser reads in time."""


def _script_end(data: bytes, pos: int) -> int:
    """Where the script whose text starts at ``pos`` ends (its end tag's "<")."""
    state = "data"
    while True:
        pattern = {"data": _SCRIPT_DATA_RE, "escaped": _SCRIPT_ESCAPED_RE, "double": _SCRIPT_DOUBLE_RE}[state]
        found = pattern.search(data, pos)
        if found is None:
            return len(data)
        token = found.group().lower()
        if state == "data":
            if token.startswith(b"</"):
                return found.start()
            state, pos = "escaped", found.start() + 2  # the "--" may close it: "<!-->"
        elif token == b"-->":
            state, pos = "data", found.end()
        elif state == "escaped":
            if token.startswith(b"</"):
                return found.start()
            state, pos = "double", found.end()
        else:
            state, pos = "escaped", found.end()


def tame_attribute_floods(data: bytes) -> bytes:
    """The page with the attributes of flooded tags dropped.

    Raises :class:`AttributeFlood` when what is left would still take the
    parser more than about a second.
    """
    pieces: list[bytes] = []
    kept = 0  # data[:kept] is settled, up to the last tag changed
    work = 0
    pos = 0
    plain = _PLAIN_RE.match
    while True:
        lt = plain(data, pos).end()
        if lt == len(data):
            break
        tag = _TAG_RE.match(data, lt)
        if tag is None:
            skipped = _COMMENT_RE.match(data, lt) or _BOGUS_RE.match(data, lt)
            pos = skipped.end() if skipped else lt + 1
            continue
        pos = tag.end()
        start, end = tag.span("attributes")
        if end - start > _COUNTED_FROM:
            count = len(_ATTRIBUTE_RE.findall(data, start, end))
            if count > MAX_ATTRIBUTES_PER_TAG:
                pieces.append(data[kept:start])
                kept = end
                count = 0
            work += count * count
            if work > MAX_ATTRIBUTE_WORK:
                raise AttributeFlood(
                    f"the page's tags carry too many attributes for the HTML parser to read in time "
                    f"(tags of up to {MAX_ATTRIBUTES_PER_TAG:,} attributes each, adding up past "
                    f"{MAX_ATTRIBUTE_WORK // MAX_ATTRIBUTES_PER_TAG**2} such tags, by byte {pos:,})"
                )
        else:
            work += ((end - start) // 2) ** 2
        if data[lt + 1 : lt + 2] == b"/":
            continue
        name = _TAG_NAME_RE.match(data, lt).group(1).lower()
        if name == b"script":
            pos = _script_end(data, pos)
        elif name in _RAW_TEXT:
            found = _RAW_END_RE[name].search(data, pos)
            pos = found.start() if found else len(data)
        elif name == b"plaintext":
            break
    if not pieces:
        return data
    pieces.append(data[kept:])
    return b"".join(pieces)
