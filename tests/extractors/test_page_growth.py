"""Reading a page is linear in it, for pages built to make it otherwise
(issue 16: "a page of any construction costs at most a few seconds"):
hundreds of thousands of inline tags unwrapped into one paragraph, or into
the text after one, left as many text nodes, which lxml joined anew on every
read of ``.text`` or ``.tail``; and the same when no element narrower than
``<body>`` holds the article, so the body itself is the region.

Each family is read at three sizes (n, 2n, 4n), best of three rounds in
process CPU time, and the growth exponent of the last step is asserted, not
a time.
"""

from __future__ import annotations

import math

import pytest

from extractors.facts.extract import extract_facts
from extractors.html.page import find_region, parse_page, parse_tree
from extractors.html.profile import GENERIC
from tests.extractors.timing import cpu_seconds

SIZES = (50_000, 100_000, 200_000)
MAX_EXPONENT = 1.3
ROUNDS = 3
ARTICLE = "<p>Năm 2023, Hà Nội xếp thứ 5 PCI với 70,5 điểm.</p>"

FAMILIES = {
    "links unwrapped into a paragraph": lambda n: f"{ARTICLE}<p>x" + "<a href=x>y</a> " * n + "</p>",
    "bold and italics after a paragraph": lambda n: (
        f"{ARTICLE}<div><p>a</p>" + "<b>y</b><i>z</i> " * n + "</div>"
    ),
}
# Pages whose article region is the <body>: nothing narrower holds the text.
BODY_WIDE = {
    # words in the links: the longer the run's text, the more re-joining it cost
    "links unwrapped into a paragraph of the body": lambda n: (
        f"{ARTICLE}<p>x" + "<a href=x>liên kết</a> và " * n + "</p>"
    ),
    "bold and spans after a paragraph of the body": lambda n: (
        f"{ARTICLE}<p>a</p>" + "<b>y</b><span>z</span> " * n
    ),
    "emphasis between text in the body": lambda n: ARTICLE + "w <em>y</em> " * n,
    "links over many paragraphs, text between": lambda n: (
        ARTICLE
        + ("<p>Đoạn có <a href=x>liên kết</a> và <b>chữ đậm</b>.</p>" + "t <a href=x>y</a> " * 8) * (n // 10)
    ),
}


def _seconds(page: bytes) -> float:
    return max(cpu_seconds(lambda: parse_page(page, "growth.html", None, None)), 0.004)


def _exponent(pages: list[bytes]) -> tuple[float, str]:
    """The growth exponent of the last step, and the times read.  The pages
    are read in turn, round after round, so a slow spell of a busy machine
    falls on every size alike rather than on one."""
    times = [float("inf")] * len(pages)
    for _ in range(ROUNDS):
        times = [min(best, _seconds(page)) for best, page in zip(times, pages)]
    exponent = math.log(times[-1] / times[1]) / math.log(SIZES[-1] / SIZES[1])
    return exponent, ", ".join(f"{n}: {t * 1000:.0f} ms" for n, t in zip(SIZES, times))


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_reading_a_page_grows_linearly(family):
    pages = [f"<html><body><article>{FAMILIES[family](n)}</article></body></html>".encode() for n in SIZES]
    exponent, shown = _exponent(pages)
    assert exponent < MAX_EXPONENT, f"{family}: exponent {exponent:.2f} ({shown})"
    assert "Hà Nội xếp thứ 5" in parse_page(pages[0], "growth.html", None, None).text


@pytest.mark.parametrize("family", sorted(BODY_WIDE))
def test_reading_a_page_whose_region_is_the_body_grows_linearly(family):
    pages = [f"<html><body>{BODY_WIDE[family](n)}</body></html>".encode() for n in SIZES]
    assert find_region(parse_tree(pages[0]), GENERIC).tag == "body"
    exponent, shown = _exponent(pages)
    assert exponent < MAX_EXPONENT, f"{family}: exponent {exponent:.2f} ({shown})"
    assert "Hà Nội xếp thứ 5" in parse_page(pages[0], "growth.html", None, None).text


@pytest.mark.parametrize(
    "page",
    [
        f"<html><body>{ARTICLE}<p>x" + "<a href=x>y</a> " * 3_000 + "</p></body></html>",
        f"{ARTICLE}<p>x" + "<b>y</b> " * 3_000,
        f"<html><body><div>{ARTICLE}<p>x" + "<a href=x>y</a> " * 3_000 + "</p></div></body></html>",
    ],
    ids=["the body is the region", "no body", "a div is the region"],
)
def test_a_region_of_many_inline_tags_reads_whatever_its_element(page):
    # the body as the region once made the text-joining parse fail (several elements)
    article = parse_page(page.encode(), "many.html", None, None)
    assert article.text.startswith("Năm 2023, Hà Nội xếp thứ 5 PCI")
    assert article.text.count("y") >= 3_000


STATED = ARTICLE + "<p>Đà Nẵng đứng thứ 2 PCI 2023 với 72,1 điểm.</p>"
LINKS = "<a href=x>y</a> " * 3_000  # past the count whose text is joined anew


@pytest.mark.parametrize(
    "body",
    [
        f"{STATED}<p>x{LINKS}</p>",
        f"<b>Tin</b> mới {LINKS}{ARTICLE}{LINKS}<p>Đà Nẵng đứng thứ 2 PCI 2023 với 72,1 điểm.</p>",
        f"{ARTICLE}" + "<p>Đoạn có <a href=x>liên kết</a>.</p>t <em>y</em> " * 1_500 + STATED,
    ],
    ids=["links in a paragraph", "links between paragraphs", "links over many paragraphs"],
)
def test_a_page_whose_region_is_the_body_states_its_facts_among_many_links(body):
    page = f"<html><body>{body}</body></html>".encode()
    assert find_region(parse_tree(page), GENERIC).tag == "body"
    plain = parse_page(f"<html><body>{STATED}</body></html>".encode(), "plain.html", None, None)
    article = parse_page(page, "links.html", None, None)
    assert article.text.startswith("Năm 2023, Hà Nội xếp thứ 5 PCI với 70,5 điểm.")
    keys = {fact.key for fact in extract_facts(article)}
    assert keys == {fact.key for fact in extract_facts(plain)}
    assert len(keys) == 4  # Hà Nội's and Đà Nẵng's rank and score
