"""Inputs the fuzzer (tests/fuzz.py), the property tests and the adversarial
timings found, each kept as a test once fixed."""

from __future__ import annotations

from extractors.facts.extract import extract_facts
from extractors.html.page import parse_page
from extractors.model import Article, Block, Document
from extractors.pipeline import process
from extractors.text.numbers import has_fraction, parse_number


def test_control_characters_in_markup_are_read_as_spaces():
    # lxml refuses control characters in text ("All strings must be XML compatible")
    parse_page("<div><script></script>\x1f", "fuzz.html", None, None)
    page = "<div><p>Quảng Nam\x00 xếp\x0b hạng<script>x</script>\x1f 18 \ud800</p></div>"
    assert parse_page(page, "f.html", None, None).blocks[0].text == "Quảng Nam xếp hạng 18 ?"


def test_character_references_to_control_characters_survive_dropped_elements():
    # libxml2 decodes "&#1;" to U+0001 after the byte-level cleaning; removing
    # the <script> joins that text into its neighbour's, which lxml refuses
    # unless it is cleaned again
    page = "<div><p>Quảng Nam xếp hạng 18</p><script>x</script>&#1;&#2; PCI&#xFFFE;</div>"
    blocks = parse_page(page, "f.html", None, None).blocks
    assert "Quảng Nam xếp hạng 18" in blocks[0].text


def test_a_number_with_two_decimal_separators_still_reads():
    assert parse_number("0,0.00.0") == 0
    assert parse_number("1,2.3.4") == 1234


def test_a_number_too_long_for_a_float_is_no_fraction_and_no_crash():
    chain = ",".join(["1"] * 400)  # table cells joined: "1,1,1,...", past float range
    assert parse_number(chain) == float("inf")
    assert not has_fraction(chain)
    page = "<html><body><article><p>PCI 2023: Quảng Nam xếp hạng 3.</p><table><tr>"
    process(Document(source="fuzz.html", raw=(page + "<td>1" * 400).encode()))


def test_rank_zero_in_an_earlier_year_is_not_a_rank():
    text = "Quảng NamQuảng NamQuảng NamQuảng Nam, Quảng Nam, PCI 1985Quảng Namxếp hạng 1(năm 1990 là 0)"
    facts = extract_facts(Article(source="fuzz.txt", blocks=(Block("paragraph", text),)))
    assert all(f.value >= 1 for f in facts if f.metric == "rank")


def test_json_ld_nested_past_the_recursion_limit_leaves_the_page_readable():
    deep = "[" * 100_000 + "]" * 100_000
    page = (
        f'<html><head><script type="application/ld+json">{deep}</script>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": {"x": [1]},'
        ' "author": [[[[[[{"name": "A"}]]]]]]}</script></head>'
        "<body><article><p>Quảng Nam xếp hạng 18 về ICT Index năm 2018.</p></article></body></html>"
    )
    result = process(Document(source="fuzz.html", raw=page.encode()))
    assert [(f.entity, f.value) for f in result.facts] == [("Quảng Nam", 18.0)]
