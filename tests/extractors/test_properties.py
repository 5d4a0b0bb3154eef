"""Properties of the extractors on text nobody wrote by hand."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.facts.extract import extract_facts
from extractors.html.page import HtmlError, parse_page
from extractors.model import Article, Block, Document
from extractors.pipeline import ExtractionError, process
from extractors.text.normalize import normalize_line, normalize_text
from extractors.text.numbers import parse_number
from extractors.text.txt import parse_txt

ENTITIES = ["Quảng Nam", "TP.HCM", "Thừa Thiên - Huế", "Bộ Tài chính", "Bộ TT&TT", "NHNN", "Đắk Lắk", "Huế"]
INDICES = ["PCI", "ICT Index", "chỉ số cải cách hành chính", "PAPI", "DTI", "SIPAS", "PGI", "Par Index"]
TRIGGERS = [
    "xếp hạng {n}",
    "đứng thứ {n}",
    "lên hạng {n}",
    "vị trí thứ {n}",
    "xếp thứ {n}/63",
    "dẫn đầu",
    "đứng đầu",
    "tăng {n} bậc",
    "giảm {n} hạng",
    "đạt {s} điểm",
    "với {s}%",
    "lần lượt là {s} và {s}",
    "(năm {y} là {n})",
    "lần thứ {n} liên tiếp",
    "Quyết định số {n}/QĐ-UBND",
]
GLUE = [
    ", ",
    "; ",
    " và ",
    ". ",
    " (",
    ") ",
    " năm {y} ",
    " so với năm {y}, ",
    " theo sau là ",
    " lần lượt thuộc về ",
]


def _fill(template: str, draw) -> str:
    return template.format(
        n=draw(st.integers(min_value=0, max_value=400)),
        s=draw(st.sampled_from(["0,4820", "70,82", "91,47", "1.000", "0.40", "12", "2,5"])),
        y=draw(st.integers(min_value=1985, max_value=2105)),
    )


@st.composite
def ranking_prose(draw) -> str:
    """Sentences built from the pieces ranking news is made of."""
    parts = []
    for _ in range(draw(st.integers(min_value=1, max_value=25))):
        kind = draw(st.sampled_from(["entity", "index", "trigger", "glue", "glue"]))
        if kind == "entity":
            parts.append(draw(st.sampled_from(ENTITIES)))
        elif kind == "index":
            parts.append(
                draw(st.sampled_from(INDICES)) + f" {draw(st.integers(min_value=1985, max_value=2105))}"
            )
        elif kind == "trigger":
            parts.append(_fill(draw(st.sampled_from(TRIGGERS)), draw))
        else:
            parts.append(_fill(draw(st.sampled_from(GLUE)), draw))
    return "".join(parts)


def _check(article: Article) -> None:
    text = article.text
    for fact in extract_facts(article):
        assert 1990 <= fact.year <= 2100
        if fact.metric == "rank":
            assert fact.value >= 1 and fact.value == int(fact.value)
        start, end = fact.span
        value_start, value_end = fact.value_span
        assert 0 <= start <= value_start < value_end <= end <= len(text)
        assert fact.evidence == text[start:end]
        stated = text[value_start:value_end]
        if fact.rule in ("rank.list", "rank.list_continued", "rank.behind_second"):
            continue  # the position comes from the list's order, not a written number
        digits = re.fullmatch(r"\d+(?:[.,]\d+)*", stated)
        if digits:
            assert abs(parse_number(stated)) == abs(fact.value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    article = parse_txt(text, "random.txt")
    _check(article)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ranking_prose(), min_size=1, max_size=4))
def test_facts_from_ranking_like_prose_keep_their_invariants(paragraphs):
    blocks = tuple(Block("paragraph", normalize_line(p)) for p in paragraphs if normalize_line(p))
    if blocks:
        _check(Article(source="generated.txt", blocks=blocks))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_normalisation_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


TAGS = ["div", "p", "span", "article", "section", "h1", "h2", "figure", "figcaption", "table", "tr", "td",
        "ul", "li", "a", "b", "i", "br", "script", "style", "nav", "footer", "aside", "header", "main",
        "time", "meta", "title", "head", "body", "html", "!--", "![CDATA[", "?xml", "svg",
        "template"]  # fmt: skip
ATTRS = ['class="content"', 'class="detail__content"', 'id="main"', 'itemprop="articleBody"',
         'property="article:published_time" content="2024-04-10T08:15:00+07:00"', 'href="/x"',
         'class="related"', 'class="author"', 'datetime="2024-04-10"', 'charset="utf-8"',
         'content="', '"', "=", "'"]  # fmt: skip


@st.composite
def markup(draw) -> str:
    """Tag soup: random open, close and self-closing tags, attributes, entities,
    ranking prose and arbitrary text, in any order and any balance."""
    parts = []
    for _ in range(draw(st.integers(min_value=0, max_value=60))):
        kind = draw(st.sampled_from(["open", "open", "close", "prose", "text", "entity", "junk"]))
        tag = draw(st.sampled_from(TAGS))
        if kind == "open":
            attrs = " ".join(draw(st.lists(st.sampled_from(ATTRS), max_size=3)))
            parts.append(f"<{tag} {attrs}>" if attrs else f"<{tag}>")
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "prose":
            parts.append(draw(ranking_prose()))
        elif kind == "text":
            parts.append(draw(st.text(max_size=40)))
        elif kind == "entity":
            parts.append(
                draw(
                    st.sampled_from(["&amp;", "&nbsp;", "&#7879;", "&#x1EC7;", "&bogus;", "&#0;", "&#xD800;"])
                )
            )
        else:
            parts.append(
                draw(
                    st.sampled_from(["<", ">", "</", "<!", "<!DOCTYPE html>", "]]>", "-->", "\x00", "\ufeff"])
                )
            )
    return "".join(parts)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup())
def test_arbitrary_markup_never_raises_and_facts_keep_their_invariants(page):
    check_markup(page)


def check_markup(page: str) -> None:
    """A page is parsed or refused with HtmlError; what is parsed keeps the
    fact invariants.  (tests/fuzz.py runs the same check.)"""
    try:
        article = parse_page(page, "random.html", None, None)
    except HtmlError:
        return  # refused with a reason, which the pipeline reports
    _check(article)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(markup().map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=600)))
def test_arbitrary_bytes_are_read_or_refused_with_a_stage(raw):
    check_bytes(raw)


def check_bytes(raw: bytes) -> None:
    """Bytes are read, or refused naming the stage and the reason; what is
    read keeps the fact invariants.  (tests/fuzz.py runs the same check.)"""
    try:
        result = process(Document(source="random.html", raw=raw))
    except ExtractionError as exc:
        assert exc.stage in ("decode", "parse", "extract") and exc.reason
        return
    _check(result.article)
