"""Bytes in any encoding Vietnamese pages and files have used."""

from __future__ import annotations

import codecs

import pytest

from extractors.text.decode import Decoded, DecodeError, decode, looks_like_html, sniff_declared_charset
from tests.encodings import to_cp1258, to_tcvn3, to_vni

TEXT = "Quảng Nam xếp hạng 41, Hà Nội đứng đầu; Thừa Thiên Huế đạt 0,4820 điểm. Việt Nam, thủy lợi, Nguyễn."


def test_utf8():
    assert decode(TEXT.encode()).text == TEXT


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(encoding):
    decoded = decode(TEXT.encode(encoding))
    assert decoded.text == TEXT


def test_big_endian_utf16_with_a_byte_order_mark():
    assert decode(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")).text == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(encoding):
    decoded = decode(TEXT.encode(encoding))
    assert (decoded.text, decoded.encoding) == (TEXT, encoding)


def test_windows_1258_without_a_declaration():
    decoded = decode(to_cp1258(TEXT))
    assert (decoded.text, decoded.encoding) == (TEXT, "cp1258")


def test_windows_1258_with_a_declaration():
    assert decode(to_cp1258(TEXT), "windows-1258").text == TEXT


def test_tcvn3_is_converted():
    lower = TEXT.lower()
    decoded = decode(to_tcvn3(lower))
    assert (decoded.text, decoded.encoding) == (lower, "tcvn3")


def test_vni_is_converted():
    decoded = decode(to_vni(TEXT))
    assert (decoded.text, decoded.encoding) == (TEXT, "vni")


def test_vni_capitals_and_windows_punctuation():
    text = "“ĐÀ NẴNG” – Ủy ban nhân dân; Ở đây ưu tiên kỹ thuật, thị xã Quảng Ngãi"
    assert decode(to_vni(text)).text == text


def test_tcvn3_with_capitals_is_converted():
    decoded = decode(to_tcvn3(TEXT))
    assert decoded.encoding == "tcvn3"
    assert "Quảng Nam xếp hạng 41, Hà Nội đứng đầu" in decoded.text


def test_latin1_that_only_resembles_vni_is_not_converted():
    with pytest.raises(DecodeError, match="VNI"):
        decode("Vieät Nam, Haø Noäi ñöùng ñaàu baûng xeáp haïng ¤¤¤ ¦¦¦ ×××××× ÷÷÷÷÷÷ ¿¿¿¿".encode("cp1252"))


def test_a_wrong_charset_declaration_loses_to_the_bytes():
    assert decode(TEXT.encode(), "iso-8859-1").text == TEXT


@pytest.mark.parametrize("declared", ["windows-1258", "cp1258", "windows-1252", "iso-8859-1", "tcvn3"])
def test_valid_utf8_wins_over_a_declared_one_byte_charset(declared):
    # "Long An xếp thứ 3 với 70,37 điểm" in UTF-8 is also valid windows-1258
    text = "Long An xếp thứ 3 với 70,37 điểm. Tỉnh Quảng Ninh dẫn đầu."
    assert decode(text.encode(), declared) == Decoded(text, "utf-8")


def test_windows_1258_declared_is_still_read_when_it_is_not_utf8():
    assert decode(to_cp1258(TEXT), "windows-1258") == Decoded(TEXT, "cp1258")


def test_a_few_damaged_bytes_are_replaced_and_reported():
    decoded = decode(TEXT.encode() + b"\xff" + TEXT.encode())
    assert decoded.note == "1 invalid UTF-8 byte sequence(s) replaced"
    assert decoded.text.count("Quảng Nam") == 2


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n...", "PDF document"),
        (b"\x1f\x8b\x08\x00" + bytes(40), "gzip"),
        (b"abc\x00def" * 10, "NUL bytes"),
        (bytes(range(128, 256)) * 40, "not valid UTF-8"),
    ],
    ids=["empty", "blank", "png", "pdf", "gzip", "nul-bytes", "garbage"],
)
def test_what_is_not_text_is_refused_with_the_reason(raw, reason):
    with pytest.raises(DecodeError, match=reason):
        decode(raw)


def test_meta_charset_is_sniffed_from_the_first_bytes():
    assert sniff_declared_charset(b'<html><head><meta charset="windows-1258">') == "cp1258"
    assert (
        sniff_declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">')
        == "utf-8"
    )
    assert sniff_declared_charset(b"<html>no declaration") is None


def test_html_is_told_apart_from_prose():
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html("\n\n  <div class='a'><p>Đoạn</p><p>Đoạn</p></div>")
    assert not looks_like_html("Quảng Nam xếp hạng 41 <3 năm liền>")
