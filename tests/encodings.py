"""Encoders for the legacy Vietnamese encodings, written independently of
chiso's decoders so tests can round-trip text through them."""

from __future__ import annotations

import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

_TCVN3 = dict(
    zip(
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦",
    )
)


def to_cp1258(text: str) -> bytes:
    """windows-1258 spells toned letters as a base letter plus a combining mark."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


def to_tcvn3(text: str) -> bytes:
    """TCVN3 (ABC) has no toned capitals in its one-byte table (they live in
    a second font), so a toned capital is written in lower case, as a
    .VnTime document shows it."""
    out = []
    for char in text:
        if char in _TCVN3:
            out.append(_TCVN3[char])
        elif ord(char) > 127 and char.lower() in _TCVN3:
            out.append(_TCVN3[char.lower()])
        else:
            out.append(char)
    return "".join(out).encode("latin-1")


# VNI-Windows: ơ ư đ, the toned i and ỵ are one byte; every other letter is
# its base and a mark byte chosen by the hat (circumflex, breve) and the tone.
_VNI_SINGLE = {
    "ơ": "ô", "ư": "ö", "đ": "ñ", "ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î",
    "Ơ": "Ô", "Ư": "Ö", "Đ": "Ñ", "Ì": "Ì", "Í": "Í", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò", "Ỵ": "Î",
}  # fmt: skip
_VNI_MARK = {  # (hat, tone) -> lower-case mark byte
    ("", "\u0300"): "ø", ("", "\u0301"): "ù", ("", "\u0309"): "û", ("", "\u0303"): "õ", ("", "\u0323"): "ï",
    ("\u0302", ""): "â", ("\u0302", "\u0300"): "à", ("\u0302", "\u0301"): "á", ("\u0302", "\u0309"): "å",
    ("\u0302", "\u0303"): "ã", ("\u0302", "\u0323"): "ä",
    ("\u0306", ""): "ê", ("\u0306", "\u0300"): "è", ("\u0306", "\u0301"): "é", ("\u0306", "\u0309"): "ú",
    ("\u0306", "\u0303"): "ü", ("\u0306", "\u0323"): "ë",
}  # fmt: skip


def to_vni(text: str) -> bytes:
    out = []
    for char in text:
        if char in _VNI_SINGLE:
            out.append(_VNI_SINGLE[char])
            continue
        parts = unicodedata.normalize("NFD", char)
        if len(parts) == 1 or not parts[0].isascii():
            out.append(char)
            continue
        base, marks = parts[0], parts[1:]
        if "\u031b" in marks:  # the horn: ơ, ư are one byte, then the tone mark
            base = _VNI_SINGLE[unicodedata.normalize("NFC", base + "\u031b")]
            marks = marks.replace("\u031b", "")
        hat = "".join(m for m in marks if m in "\u0302\u0306")
        tone = "".join(m for m in marks if m in _TONES)
        mark = _VNI_MARK[(hat, tone)]
        out.append(base + (mark.upper() if base.isupper() else mark))
    return "".join(out).encode("cp1252")
