"""Bytes -> text, for Vietnamese pages and files of any age.

Order of evidence: a byte-order mark, the charset the server or the page
declares, strict UTF-8, then the legacy Vietnamese encodings (windows-1258,
TCVN3/ABC, VNI) judged by how Vietnamese the result reads.  TCVN3 and VNI
are font encodings: their bytes name Latin-1 glyphs that the Vietnamese
fonts draw as other letters (VNI with a base letter and a mark byte), so they
are converted through tables.  Binary files (images, PDFs, archives) are
refused by their signature.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass


class DecodeError(ValueError):
    """The bytes are not text chiso can read; the message says why."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None  # a repair that was made, e.g. replaced bytes


_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)

# TCVN3 (ABC): Vietnamese lower-case letters and seven capitals in bytes
# 0xA1-0xFE, read here as the Latin-1 characters those bytes name.
_TCVN3 = dict(
    zip(
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦",
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
    )
)
_TCVN3_TABLE = str.maketrans(_TCVN3)
# VNI (VNI-Windows fonts) writes "Việt Nam" as "Vieät Nam", "Hà Nội" as
# "Haø Noäi", "đứng" as "ñöùng": ơ, ư, đ and the toned i and ỵ are one byte,
# every other toned or hatted vowel is the base letter and a mark byte.
_VNI_RE = re.compile(r"[aeiouyAEIOUY][øùûõïäåâêöëèéóòÿ]|[aAoOuU][ùøûõï]|\bñ|ñ[aeiouoâ]", re.UNICODE)
_VNI_LETTERS = str.maketrans(
    {"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ",
     "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ"}
)  # fmt: skip
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_VNI_MARKS = {  # mark byte (lower, upper) -> combining marks it adds, and the bases it may follow
    ("ø", "Ø"): (_GRAVE, "aeouyơư"),
    ("ù", "Ù"): (_ACUTE, "aeouyơư"),
    ("û", "Û"): (_HOOK, "aeouyơư"),
    ("õ", "Õ"): (_TILDE, "aeouyơư"),
    ("ï", "Ï"): (_DOT, "aeouơư"),
    ("â", "Â"): (_CIRCUMFLEX, "aeo"),
    ("à", "À"): (_CIRCUMFLEX + _GRAVE, "aeo"),
    ("á", "Á"): (_CIRCUMFLEX + _ACUTE, "aeo"),
    ("å", "Å"): (_CIRCUMFLEX + _HOOK, "aeo"),
    ("ã", "Ã"): (_CIRCUMFLEX + _TILDE, "aeo"),
    ("ä", "Ä"): (_CIRCUMFLEX + _DOT, "aeo"),
    ("ê", "Ê"): (_BREVE, "a"),
    ("è", "È"): (_BREVE + _GRAVE, "a"),
    ("é", "É"): (_BREVE + _ACUTE, "a"),
    ("ú", "Ú"): (_BREVE + _HOOK, "a"),
    ("ü", "Ü"): (_BREVE + _TILDE, "a"),
    ("ë", "Ë"): (_BREVE + _DOT, "a"),
}
_VNI_PAIRS = {}
for (_lower, _upper), (_marks, _bases) in _VNI_MARKS.items():
    for _base in _bases:
        _VNI_PAIRS[_base + _lower] = unicodedata.normalize("NFC", _base + _marks)
        _VNI_PAIRS[_base.upper() + _upper] = unicodedata.normalize("NFC", _base.upper() + _marks)
_VNI_PAIR_RE = re.compile("|".join(sorted(_VNI_PAIRS, key=len, reverse=True)))


def vni_to_unicode(latin: str) -> str:
    """VNI-Windows text, read as Latin-1, in Unicode."""
    return _VNI_PAIR_RE.sub(lambda m: _VNI_PAIRS[m.group()], latin.translate(_VNI_LETTERS))


def sniff_declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first bytes (<meta charset>)."""
    match = _META_CHARSET_RE.search(raw[:4096])
    if not match:
        return None
    return _normalise_encoding(match.group(1).decode("ascii", "ignore"))


def _normalise_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None


def binary_kind(raw: bytes) -> str | None:
    head = raw[:16]
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            return what
    return None


def vietnamese_score(text: str) -> float:
    """Share of non-ASCII characters that are Vietnamese letters (1.0 =
    clean), leaving out quotes, dashes and the like (U+2000-U+206F) and
    control characters, which every encoding carries."""
    non_ascii = [
        c
        for c in text
        if ord(c) > 127 and not c.isspace() and not "\u2000" <= c <= "\u206f" and not "\x80" <= c <= "\x9f"
    ]
    if not non_ascii:
        return 0.0
    return sum(c in VIETNAMESE_LETTERS for c in non_ascii) / len(non_ascii)


def decode(raw: bytes, declared: str | None = None) -> Decoded:
    """Decode ``raw``, trusting a BOM, then ``declared`` (a Content-Type or
    meta charset), then strict UTF-8, then legacy Vietnamese encodings."""
    if not raw.strip():
        raise DecodeError("the file is empty")
    what = binary_kind(raw)
    if what:
        raise DecodeError(f"not text: it is {what}")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but is not {encoding}: {exc}"
                ) from exc
    declared = _normalise_encoding(declared)
    if declared and declared not in ("utf-8", "ascii") and _multibyte_utf8(raw, declared):
        declared = None  # valid UTF-8 beyond ASCII: no legacy text reads so by chance
    if declared and declared not in ("utf-8", "ascii"):
        try:
            text = raw.decode(declared)
        except UnicodeDecodeError:
            pass  # a wrong declaration: fall through to what the bytes say
        else:
            if declared in ("cp1258", "windows-1258") or vietnamese_score(text) >= 0.9 or text.isascii():
                return Decoded(unicodedata.normalize("NFC", text), declared)
    if b"\x00" in raw[:4096]:
        utf16 = _utf16_without_bom(raw)
        if utf16 is not None:
            return utf16
        raise DecodeError("not text: it contains NUL bytes (a binary file?)")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc

    # windows-1258 first: its combining marks read back as clean Vietnamese.
    try:
        cp1258 = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        cp1258 = ""
    if vietnamese_score(cp1258) >= 0.9:
        return Decoded(cp1258, "cp1258")
    latin = raw.decode("latin-1")
    if len(_VNI_RE.findall(latin)) >= max(3, len(latin.split()) // 20):
        vni = vni_to_unicode(_windows_1252(raw))
        if vietnamese_score(vni) >= 0.9:
            return Decoded(vni, "vni")
        raise DecodeError(
            "the text looks like the legacy VNI font encoding but does not convert cleanly; "
            "convert it to Unicode first (for example with UniKey's converter)"
        )
    tcvn = latin.translate(_TCVN3_TABLE)
    if vietnamese_score(tcvn) >= 0.9 and vietnamese_score(latin) < 0.5:
        return Decoded(tcvn, "tcvn3")
    # Mostly UTF-8 with a few damaged bytes: keep the text, say what was replaced.
    damaged = raw.decode("utf-8", errors="replace")
    bad = damaged.count("\ufffd")
    if bad <= max(3, len(raw) // 1000):
        return Decoded(damaged, "utf-8", note=f"{bad} invalid UTF-8 byte sequence(s) replaced")
    raise DecodeError(
        f"not valid UTF-8 (first bad byte at offset {utf8_error.start}) and it does not read as "
        "windows-1258, TCVN3 or VNI Vietnamese either"
    )


def _multibyte_utf8(raw: bytes, declared: str) -> bool:
    """Whether bytes declared in a one-byte charset are valid UTF-8 holding
    characters beyond ASCII: Vietnamese in windows-1258, TCVN3 or VNI puts a
    lone byte over 0x7F after a letter, which is never valid UTF-8, so such
    bytes are UTF-8 whatever the page says (a UTF-8 page declaring
    windows-1258 would otherwise read as mojibake and give no facts)."""
    if declared.startswith(("utf-16", "utf-32")) or raw.isascii():
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _windows_1252(raw: bytes) -> str:
    """Bytes as Windows-1252 (VNI documents' quotes and dashes live in
    0x80-0x9F), with Latin-1 for the five bytes it leaves undefined."""
    return "".join(
        chunk.decode("cp1252") if i % 2 == 0 else chunk.decode("latin-1")
        for i, chunk in enumerate(re.split(rb"([\x81\x8d\x8f\x90\x9d]+)", raw))
    )


def _utf16_without_bom(raw: bytes) -> Decoded | None:
    """UTF-16 with no byte-order mark: ASCII letters leave NUL bytes on every
    other position, the odd ones (little-endian) or the even ones."""
    head = raw[:4096]
    if len(head) < 8 or len(head) % 2:
        return None
    even = head[0::2].count(0) / (len(head) // 2)
    odd = head[1::2].count(0) / (len(head) // 2)
    for encoding, share, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if share > 0.3 and other < 0.05:
            try:
                return Decoded(raw.decode(encoding), encoding)
            except UnicodeDecodeError:
                return None
    return None


def looks_like_html(text: str) -> bool:
    """Whether decoded text is an HTML page rather than plain prose."""
    head = text[:4096].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<head" in head[:1024] or "<body" in head:
        return True
    return len(re.findall(r"<(?:p|div|span|a|br|article|h1|h2|section|script|meta)\b", head)) >= 3
