"""Text normalisation, applied once when an article enters the pipeline.

Every later rule sees NFC text with one tone-mark convention, single spaces,
ASCII dashes and quotes, and ``\\n`` line ends, so no rule has to care how the
site typed it.  Numbers keep their written form (evidence stays verbatim);
:mod:`extractors.text.numbers` reads them.
"""

from __future__ import annotations

import re
import unicodedata

# Syllables ending in the open diphthongs oa, oe, uy carry the tone mark on
# the first vowel in the convention FACTS.md uses (Hòa, Thủy, Khỏe); the
# other convention puts it on the second (Hoà, Thuỷ, Khoẻ).
_TONED = {
    "a": "àáảãạ",
    "e": "èéẻẽẹ",
    "y": "ỳýỷỹỵ",
    "o": "òóỏõọ",
    "u": "ùúủũụ",
}


def _tone_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone, marked_second in enumerate(_TONED[second]):
            marked_first = _TONED[first][tone]
            for f, s, mf in (
                (first, marked_second, marked_first),
                (first.upper(), marked_second, marked_first.upper()),
                (first.upper(), marked_second.upper(), marked_first.upper()),
            ):
                plain_second = second.upper() if s.isupper() else second
                table[f + s] = mf + plain_second
    return table


_TONE_FIX = _tone_table()
# Not after q/Q ("quý" is qu + ý) and only at a syllable end ("hoàng" keeps
# its mark on the a in both conventions).
# Not after q/Q ("quý" is qu + ý) and only at a syllable end ("hoàng" keeps
# its mark on the a in both conventions).  The pattern starts with a class
# so the regex engine can skip ahead; pairs not in the table stay as written.
_TONE_RE = re.compile("[oOuU][" + "".join(sorted({pair[1] for pair in _TONE_FIX})) + r"](?![^\W\d_])")

_SPACE_CHARS = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES_RE = re.compile(f"[{_SPACE_CHARS}]+")
# A line needs _SPACES_RE only with a space other than " ", or two in a row.
_ODD_SPACING_RE = re.compile(f"[{_SPACE_CHARS[1:]}]|  ")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_CONTROLS = "".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127]))
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DQUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"
_SQUOTES = "\u2018\u2019\u201a\u201b\u2032"
# One table for every one-character rewrite; applied only to lines that
# hold one of them (found by one scan).
_REWRITE = str.maketrans(
    {
        **dict.fromkeys(_INVISIBLE, None),
        **dict.fromkeys(_CONTROLS, " "),
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_DQUOTES, '"'),
        **dict.fromkeys(_SQUOTES, "'"),
        "\u2026": "...",
    }
)
_REWRITE_RE = re.compile("[" + re.escape(_INVISIBLE + _CONTROLS + _DASHES + _DQUOTES + _SQUOTES) + "\u2026]")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")
# What XML (and so lxml) refuses in text: C0 controls but tab and newlines,
# lone surrogates, the two non-characters U+FFFE and U+FFFF.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """Replace characters lxml refuses to set in a tree with spaces."""
    return _NOT_XML_RE.sub(" ", text)


def fix_tone_marks(text: str) -> str:
    """Move tone marks of open oa/oe/uy syllables to the first vowel."""

    def fix(match: re.Match[str]) -> str:
        pair = match.group()
        if match.start() and text[match.start() - 1] in "qQ":
            return pair
        return _TONE_FIX.get(pair, pair)

    return _TONE_RE.sub(fix, text)


def normalize_line(text: str) -> str:
    """Normalise one line of text (no newlines expected in the result)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _REWRITE_RE.search(text):
        text = text.translate(_REWRITE)
    text = fix_tone_marks(text)
    if _ODD_SPACING_RE.search(text):
        text = _SPACES_RE.sub(" ", text)
    return text.strip()


def normalize_text(text: str) -> str:
    """Normalise a multi-line text; blank lines separate paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [normalize_line(line) for line in text.split("\n")]
    return _MANY_NEWLINES_RE.sub("\n\n", "\n".join(lines)).strip()


def fold(text: str) -> str:
    """Lower-case ASCII folding ("Đắk Lắk" -> "dak lak"), for slugs and lookups."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII snake_case slug of a Vietnamese phrase (FACTS.md component codes)."""
    return _SLUG_RE.sub("_", fold(text)).strip("_")
