"""Attribute floods (issue 16): libxml2 is quadratic in the attributes of
one tag, so a page whose tags carry a million of them, with ">" inside the
quoted values so that no split at ">" finds the tag, stalled its batch for
hours.  :mod:`extractors.html.floods` reads the tags as an HTML5 tokenizer
does, before libxml2, and drops or refuses what would take it long.
"""

from __future__ import annotations

import math

import lxml.html
import pytest

from extractors.html import floods
from extractors.html.floods import MAX_ATTRIBUTES_PER_TAG, tame_attribute_floods
from extractors.model import Document
from extractors.pipeline import ExtractionError, process
from tests.extractors.timing import cpu_seconds

ARTICLE = "<p>Năm 2023, Hà Nội xếp thứ 5 PCI với 70,5 điểm; Đà Nẵng xếp thứ 3 với 71 điểm.</p>"


def _flooded_tag(n: int, every: int = 200) -> str:
    """One tag with ``n`` attributes, every ``every``-th value holding ">"."""
    return "<div " + " ".join(f'a{i}="{">" if i % every == 0 else "v"}"' for i in range(n)) + ">"


def _page(n: int) -> bytes:
    return f"<html><head><title>t</title></head><body>{_flooded_tag(n)}{ARTICLE}</div></body></html>".encode()


def _facts(raw: bytes) -> set:
    return {f.key for f in process(Document(source="p.html", raw=raw)).facts}


def _seconds(raw: bytes) -> float:
    best = float("inf")
    for _ in range(3):
        best = min(best, cpu_seconds(lambda: process(Document(source="flood.html", raw=raw))))
    return max(best, 0.004)


def test_a_page_of_a_million_attributes_with_quoted_gt_reads_as_its_article():
    raw = _page(1_000_000)
    assert len(raw) > 10_000_000
    assert _facts(raw) == _facts(f"<html><body><div>{ARTICLE}</div></body></html>".encode())
    assert len(_facts(raw)) == 4


def test_parse_time_grows_linearly_in_attributes_with_quoted_gt():
    # Before the scan: 5k/10k/20k attributes took 0.05/0.2/0.8 s (exponent 2).
    sizes = (5_000, 10_000, 20_000)
    _seconds(_page(sizes[0]))
    times = [_seconds(_page(n)) for n in sizes]
    exponent = math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])
    assert exponent < 1.3, f"exponent {exponent:.2f} ({times})"


def test_a_flooded_tag_loses_its_attributes_and_keeps_its_place():
    raw = f"<body><p id=x>a</p>{_flooded_tag(MAX_ATTRIBUTES_PER_TAG + 1)}b</div><p id=y>c</p></body>".encode()
    out = tame_attribute_floods(raw)
    assert out == b"<body><p id=x>a</p><div>b</div><p id=y>c</p></body>"
    kept = f"<body>{_flooded_tag(MAX_ATTRIBUTES_PER_TAG)}b</div></body>".encode()
    assert tame_attribute_floods(kept) is kept


def test_many_tags_of_a_thousand_attributes_refuse_the_page_at_parse():
    tag = "<i " + " ".join(f'a{i}=">"' for i in range(MAX_ATTRIBUTES_PER_TAG)) + ">x</i>"
    raw = f"<html><body>{ARTICLE}{tag * 300}</body></html>".encode()
    with pytest.raises(ExtractionError) as error:
        process(Document(source="many.html", raw=raw))
    assert error.value.stage == "parse"
    assert "too many attributes" in error.value.reason
    # a few such tags are read
    assert len(_facts(f"<html><body>{ARTICLE}{tag * 5}</body></html>".encode())) == 4


FLOOD = _flooded_tag(1_500, every=7)
# Where a flooded tag stands, and whether libxml2 reads it as a tag there: the
# scan must find each tag libxml2 will parse (and may leave the rest alone).
CONTEXTS = {
    "in the body": f"<p>x</p>{FLOOD}",
    "after a comment holding '>' and a tag": f"<!-- > <p a='--> {FLOOD}",
    "after an abrupt comment": f"<!--> <b>{FLOOD}",
    "after a doctype and a processing instruction": f"<!DOCTYPE html><?xml a='>'?>{FLOOD}",
    "after an end tag with a quoted '>'": f"</p a='>'>{FLOOD}",
    "after an attribute quoting '<div'": f"<p title='<div a b c'>x</p>{FLOOD}",
    "after a script": f"<script>if (a<b) {{ s = '</p>'; }}</script>{FLOOD}",
    "after an unclosed quote in a script": f'<script>x = "<y a="</script>{FLOOD}',
    "inside a script": f"<script>var s = '{FLOOD}';</script>",
    "inside a script's escape": f"<script><!-- {FLOOD} --></script>",
    "inside a double-escaped script": f"<script><!--<script></script>{FLOOD}</script>-->x</script>",
    "after a double-escaped script": f"<script><!--<script></script>--></script>{FLOOD}",
    "inside a style": f"<style>{FLOOD}</style>",
    "inside a title": f"<title>{FLOOD}</title>",
    "inside a textarea": f"<textarea>{FLOOD}</textarea>",
    "after a textarea": f"<textarea><b></textarea>{FLOOD}",
    "after a style named in capitals": f"<STYLE>a</Style >{FLOOD}",
    "inside a comment": f"<!-- {FLOOD} -->",
    "after a '<' that opens no tag": f"a < b <3 <{FLOOD}",
    "after a bare attribute run": "<p a b c=d e='f'g=\"h\">" + FLOOD,
}


def _libxml2_reads_a_flooded_tag(page: bytes) -> bool:
    tree = lxml.html.document_fromstring(page, parser=lxml.html.HTMLParser(encoding="utf-8"))
    return any(len(element.attrib) > MAX_ATTRIBUTES_PER_TAG for element in tree.iter())


@pytest.mark.parametrize("context", sorted(CONTEXTS))
def test_the_scan_finds_the_tags_libxml2_reads(context):
    page = f"<html><head></head><body>{CONTEXTS[context]}</body></html>".encode()
    tamed = tame_attribute_floods(page)
    if _libxml2_reads_a_flooded_tag(page):
        assert tamed != page, "a flooded tag libxml2 reads was not found"
        assert not _libxml2_reads_a_flooded_tag(tamed)
    else:
        assert tamed is page, "a flood libxml2 reads as text was dropped"


def test_the_scan_of_a_long_page_is_one_pass():
    # many short tags: the scan reads them in one match, not one by one
    page = b"<p>" + b"<a href=x>y</a> " * 200_000 + b"</p>"
    assert tame_attribute_floods(page) is page
    assert floods._PLAIN_RE.match(page).end() == len(page)
