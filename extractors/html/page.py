"""HTML page -> article, the shared reading every site profile relies on.

lxml parses the page once (fast, C) to read the head's metadata and find the
article region; BeautifulSoup then reads only that region's blocks
(paragraphs, headings, captions).  Each field tries an ordered list of
sources and is None when none has it; a missing field is normal.

Precedence follows what readers see: where metadata and the visible page
disagree or the metadata is empty (an empty JSON-LD author, a date only in
the visible text), the visible page wins.
"""

from __future__ import annotations

import copy
import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
from bs4 import BeautifulSoup, CData, NavigableString, Tag
from lxml.cssselect import CSSSelector

from extractors.html.floods import AttributeFlood, tame_attribute_floods
from extractors.html.profile import GENERIC, SiteProfile
from extractors.model import Article, Block
from extractors.tables.html import (
    MIN_LAID_OUT,
    laid_out_cells,
    laid_out_lines,
    mark_laid_out_tables,
    table_of,
)
from extractors.text.dates import find_datetime, parse_datetime
from extractors.text.normalize import normalize_line, strip_controls

VIETNAM = timezone(timedelta(hours=7))


class HtmlError(ValueError):
    """The page can not be read as HTML; the message says why."""


_BARE_ATTRIBUTE_RE = re.compile(r'\[([A-Za-z][\w:-]*)="([^"\']*)"\]')
_BARE_CLASS_RE = re.compile(r"\.([A-Za-z_][\w-]*)")


@lru_cache(maxsize=512)
def css(selector: str) -> CSSSelector | lxml.etree.XPath:
    """A compiled CSS selector.

    A selector with no tag name (``[data-role="sapo"]``, ``.sapo``) becomes
    an XPath over the attribute axis, which libxml2 evaluates three times
    faster than cssselect's ``descendant-or-self::*[...]`` (that one tests a
    predicate on every element); the elements found, and their order, are
    the same."""
    attribute = _BARE_ATTRIBUTE_RE.fullmatch(selector)
    if attribute:
        name, value = attribute.groups()
        return _AttributeSelector(f"descendant-or-self::*/@{name}[. = $value]/..", value)
    klass = _BARE_CLASS_RE.fullmatch(selector)
    if klass:
        return _AttributeSelector(
            "descendant-or-self::*/@class[contains(., $name)"
            " and contains(concat(' ', normalize-space(.), ' '), $value)]/..",
            f" {klass.group(1)} ",
            klass.group(1),
        )
    return CSSSelector(selector)


class _AttributeSelector:
    """A compiled XPath with its variables bound, called like a CSSSelector."""

    __slots__ = ("xpath", "value", "name")

    def __init__(self, xpath: str, value: str, name: str = "") -> None:
        self.xpath = lxml.etree.XPath(xpath)
        self.value = value
        self.name = name

    def __call__(self, element) -> list:
        return self.xpath(element, value=self.value, name=self.name)


# Containers that are never the article itself.
_JUNK_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "form",
    "button",
    "svg",
    "nav",
    "aside",
    "footer",
    "header",
    "template",
    "select",
    "input",
    "textarea",
    "object",
)
_JUNK_ATTR_RE = re.compile(
    r"relate|lien-?quan|tinlienquan|comment|binh-?luan|share|social|advert|\bads?\b|banner|"
    r"quang-?cao|\bqc\b|sidebar|most-?view|mostview|doc-?nhieu|moi-?nhat|tin-?moi|breadcrumb|"
    r"\bmenu\b|toolbar|rating|subscribe|newsletter|recommend|suggest|popular|trending|"
    r"box-?tag|list-?tag|\btags?\b|author-?info|print|zalo|facebook",
    re.IGNORECASE,
)
_ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "BlogPosting",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "WebPage",
}
_TITLE_SUFFIX_RE = re.compile(r"\s+[-|–]\s+[^-|–]{2,40}$")
_AUTHOR_PREFIX_RE = re.compile(r"^(?:Theo|Bài(?: và ảnh)?|Tác giả|Nhóm PV|PV|Ảnh)\s*[:.]?\s+", re.IGNORECASE)
_AUTHOR_NOISE_RE = re.compile(
    r"\s*(?:\((?:tổng hợp|thực hiện|lược dịch|theo [^)]*)\)|\bvà \d+ tác giả khác\b)\s*", re.I
)
_NAME_LIKE_RE = re.compile(r"^[A-ZÀ-ỸĐ][\w.'’-]*(?:\s+[A-ZÀ-ỸĐ][\w.'’-]*){0,4}$")


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    url: str | None = None
    canonical: str | None = None
    description: str | None = None
    published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    site_name: str | None = None
    html_title: str | None = None


# libxml2 stops building the tree at this depth and drops the rest of the
# page; real pages nest a few dozen levels.
MAX_DEPTH = 256


# C0 control characters but tab and line ends: lxml keeps them in the tree
# and then refuses to set text holding them.  One byte each in UTF-8.
_CONTROLS = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
_CONTROLS_TO_SPACES = bytes.maketrans(_CONTROLS, b" " * len(_CONTROLS))


def parse_tree(text: str | bytes) -> lxml.html.HtmlElement:
    """Parse a page (decoded, or valid UTF-8 bytes) into an lxml tree.

    The text goes to libxml2 as UTF-8 bytes (faster than a str, and an XML
    declaration naming another encoding is then harmless), with control
    characters as spaces.  A page nested deeper than the parser's limit is
    refused rather than read in part: libxml2 silently drops everything
    after the point it gave up.
    """
    data = text if isinstance(text, bytes) else text.encode("utf-8", "replace")
    try:
        data = tame_attribute_floods(data.translate(_CONTROLS_TO_SPACES))
    except AttributeFlood as exc:
        raise HtmlError(str(exc)) from exc
    # one parser per call: parsers hold state and are not thread-safe
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        tree = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise HtmlError(f"not an HTML page: {exc}") from exc
    for error in parser.error_log:
        if error.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT or "Excessive depth" in error.message:
            raise HtmlError(
                f"the page nests its elements more than {MAX_DEPTH} levels deep (line {error.line}), "
                "past what the HTML parser reads; the rest of the page would be lost"
            )
    return tree


def read_metadata(tree: lxml.html.HtmlElement) -> Metadata:
    meta = Metadata()
    values: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = (
            (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        )
        content = element.get("content")
        if key and content:
            values.setdefault(key, []).append(content.strip())
    first = lambda *keys: next((values[k][0] for k in keys if values.get(k)), None)  # noqa: E731
    meta.title = first("og:title", "twitter:title")
    meta.url = first("og:url")
    meta.description = first("og:description", "description", "twitter:description")
    meta.site_name = first("og:site_name")
    meta.published += [
        v for k in ("article:published_time", "datepublished", "pubdate", "date") for v in values.get(k, [])
    ]
    meta.modified += [
        v for k in ("article:modified_time", "datemodified", "lastmod") for v in values.get(k, [])
    ]
    author = first("author", "article:author")
    if author and not author.startswith("http"):
        meta.authors.append(author)
    meta.tags += values.get("article:tag", [])
    keywords = first("news_keywords", "keywords")
    if keywords and not meta.tags:
        meta.tags += [k.strip() for k in keywords.split(",") if k.strip()]
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            meta.canonical = link.get("href").strip()
            break
    title = tree.find(".//title")
    if title is not None and title.text:
        meta.html_title = title.text.strip()
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        for item in _json_ld_items(script.text):
            kind = item.get("@type")
            kinds = set(kind) if isinstance(kind, list) else {kind}
            if not kinds & _ARTICLE_TYPES:
                continue
            # Only plain strings: a field may hold anything, nested any depth.
            if isinstance(item.get("headline"), str) and not meta.title:
                meta.title = item["headline"].strip()
            if isinstance(item.get("datePublished"), str):
                meta.published.insert(0, item["datePublished"])
            if isinstance(item.get("dateModified"), str):
                meta.modified.insert(0, item["dateModified"])
            names = [n for n in _ld_names(item.get("author")) if n]
            if names:
                meta.authors = names + meta.authors
            keywords = item.get("keywords")
            if keywords and not meta.tags:
                if isinstance(keywords, str):
                    keywords = keywords.split(",")
                meta.tags += [k.strip() for k in keywords if isinstance(k, str) and k.strip()]
    return meta


def _json_ld_items(raw: str) -> list[dict]:
    try:
        data = json.loads(raw)
    except RecursionError:
        return []  # nested past Python's limit: no metadata worth the page
    except ValueError:
        try:  # pages often leave raw newlines or trailing commas in JSON-LD
            data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ").replace("\t", " ")))
        except (ValueError, RecursionError):
            return []
    items = data if isinstance(data, list) else [data]
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                out += [g for g in graph if isinstance(g, dict)]
    return out


def _ld_names(author, depth: int = 0) -> list[str]:
    if author is None or depth > 3:
        return []
    if isinstance(author, list):
        return [n for a in author for n in _ld_names(a, depth + 1)]
    if isinstance(author, dict):
        if author.get("@type") == "Organization":
            return []
        name = author.get("name")
        return [normalize_line(html.unescape(name))] if isinstance(name, str) and name.strip() else []
    return [normalize_line(html.unescape(author))] if isinstance(author, str) and author.strip() else []


# --- the article region --------------------------------------------------------


def _first(tree, selectors: tuple[str, ...]):
    for selector in selectors:
        found = css(selector)(tree)
        if found:
            return found[0]
    return None


def _all(tree, selectors: tuple[str, ...]) -> list:
    for selector in selectors:
        found = css(selector)(tree)
        if found:
            return found
    return []


_BLOCKISH = frozenset({"br", "p", "div", "li", "tr", "td", "h1", "h2", "h3", "h4", "figcaption"})


def _element_text(element) -> str:
    """An element's text as read: inline tags joined as written ("<b>T</b>rước"
    is "Trước"), line breaks and blocks as spaces."""
    parts: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str):
            return
        if node.tag in _BLOCKISH:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if node.tag in _BLOCKISH:
            parts.append(" ")

    walk(element)
    return normalize_line("".join(parts))


def find_region(tree, profile: SiteProfile):
    """The element holding the article body: the profile's selector, then
    schema.org markup, then the <article> with most text, then the block
    whose paragraphs carry the most text."""
    region = _first(tree, profile.body)
    if region is not None:
        return region
    region = _first(tree, ('[itemprop="articleBody"]',))
    if region is not None:
        return region
    articles = [a for a in tree.iter("article") if _paragraph_text_length(a) > 200]
    if articles:
        return max(articles, key=_paragraph_text_length)
    scores: dict = {}
    for p in tree.iter("p"):
        length = len(" ".join(p.itertext()).strip())
        if length < 25:
            continue
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + length
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + length / 2
    if not scores:
        return tree.find(".//body") if tree.find(".//body") is not None else tree
    return max(scores, key=scores.get)


def _paragraph_text_length(element) -> int:
    return sum(len(" ".join(p.itertext())) for p in element.iter("p"))


def _clean_region(region, profile: SiteProfile) -> tuple[str, list[str]]:
    """The region's HTML without what is not the article, and its captions
    (taken out, so no paragraph repeats them)."""
    region = copy.deepcopy(region)
    _drop_all(list(region.iter(*_JUNK_TAGS)))
    _drop_all([element for selector in profile.drop for element in css(selector)(region)])
    junk = []
    for element in region.iter():
        if not isinstance(element.tag, str) or element is region:
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        if marks.strip() and _JUNK_ATTR_RE.search(marks) and element.tag not in ("p", "figure", "figcaption"):
            junk.append(element)
    _drop_all(junk)
    captions: list[str] = []
    taken: set = set()
    for selector in profile.captions:
        for element in css(selector)(region):
            if element is region or any(a in taken for a in element.iterancestors()):
                continue  # inside a caption already read
            text = _element_text(element)
            if text and text not in captions:
                captions.append(text)
            taken.add(element)
    _drop_all(list(taken))
    inline = sum(1 for _ in region.iter(*_INLINE_TAGS))
    # read_blocks needs the block tags and the text only: unwrap inline tags
    # (their text stays where it was) and drop attributes, so BeautifulSoup
    # builds a fraction of the nodes.
    _bold_cells_as_headers(region)
    lxml.etree.strip_tags(region, *_INLINE_TAGS)
    if inline > _MANY_INLINE:
        region = _text_joined(region)
    for element in region.iter():
        spans = (
            {k: element.get(k) for k in _SPAN_ATTRIBUTES if element.get(k)} if element.tag in _CELLS else {}
        )
        element.attrib.clear()
        element.attrib.update(spans)
        if element.tag in _LAYOUT_TAGS:  # the indentation between blocks is no text
            if element.tail is not None and not element.tail.strip():
                element.tail = None
            if element.text is not None and len(element) and not element.text.strip():
                element.text = None
    return lxml.html.tostring(region, encoding="unicode", with_tail=False), captions


_CELLS = ("td", "th")
_SPAN_ATTRIBUTES = ("colspan", "rowspan")


def _bold_cells_as_headers(region) -> None:
    """A table cell all in bold is a header cell, as a ``th`` is: many
    pages mark a table's header row only by making it bold."""
    for cell in region.iter("td"):
        text = "".join(cell.itertext()).strip()
        if not text:
            continue
        bold = "".join(t for b in cell.iter("b", "strong") for t in b.itertext()).strip()
        if bold == text:
            cell.tag = "th"


def _drop(element) -> None:
    """Remove an element, keeping the text after it (lxml's drop_tree, but
    the joined text may hold control characters, which lxml refuses to set:
    they become spaces)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = strip_controls((parent.text or "") + tail)
        else:
            previous.tail = strip_controls((previous.tail or "") + tail)
    parent.remove(element)


# Unwrapping more inline tags than this leaves text nodes enough that lxml's
# joining them anew on each read of .text or .tail would show (quadratic).
_MANY_INLINE = 2_000


def _text_joined(region):
    """The region parsed again from its HTML, each run of adjacent text one
    node: strip_tags leaves the text of every tag it unwrapped a node of its
    own, and lxml joins a run again on every read (400,000 unwrapped links
    took six seconds to read one tail).  A <body> is parsed as the page it
    is: as a fragment, lxml gives its children, several elements."""
    html_text = lxml.html.tostring(region, encoding="unicode", with_tail=False)
    parser = lxml.html.HTMLParser(encoding="utf-8")
    if region.tag == "body":
        body = lxml.html.document_fromstring(html_text, parser=parser).body
        return region if body is None else body
    try:
        joined = lxml.html.fragment_fromstring(html_text, parser=parser)
    except lxml.etree.ParserError:  # the parser would split it in several: read as it is
        return region
    return joined if joined.tag == region.tag else region


def _drop_all(elements: list) -> None:
    """:func:`_drop` each element, in one pass over each parent's children:
    dropping thousands of siblings one by one joins their tails one at a
    time onto an ever longer text (100,000 "share" links took 22 s, 400,000
    six minutes)."""
    dropped: dict = {}
    for element in elements:
        parent = element.getparent()
        if parent is not None:
            dropped.setdefault(parent, set()).add(element)
    for parent, children in dropped.items():
        keeper, pieces = None, [parent.text or ""]  # keeper None: the parent's own text
        for child in list(parent):
            if child in children:
                if child.tail:
                    pieces.append(child.tail)
                child.tail = None
                parent.remove(child)
            else:
                _join_text(parent, keeper, pieces)
                keeper, pieces = child, [child.tail or ""]
        _join_text(parent, keeper, pieces)


def _join_text(parent, keeper, pieces: list[str]) -> None:
    """Set the text gathered after ``keeper`` (None: the parent's own text)."""
    if len(pieces) > 1:
        text = strip_controls("".join(pieces))
        if keeper is None:
            parent.text = text
        else:
            keeper.tail = text


_LAYOUT_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 table thead tbody tr td th figure section article blockquote".split()
)
_INLINE_TAGS = (
    "a",
    "span",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "font",
    "small",
    "sup",
    "sub",
    "mark",
    "abbr",
    "time",
)
_BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "blockquote", "li", "figcaption", "table"})
_READ_TAGS = _BLOCK_TAGS | {"div"}
_HEADINGS = frozenset({"h2", "h3", "h4", "h5"})


def read_blocks(fragment: str) -> list[Block]:
    """Paragraphs and headings of the article region, in reading order.

    BeautifulSoup reads the cleaned region in one walk: the innermost
    block-level elements are the blocks (a wrapper's children are read
    instead of it), short list items in menus are skipped, a repeated text
    is kept once.
    """
    soup = BeautifulSoup(fragment, "lxml")
    nodes = [node for node in soup.descendants if type(node) is Tag and node.name in _READ_TAGS]
    wrappers: set[int] = set()
    for node in nodes:
        parent = node.parent
        while parent is not None:
            if parent.name in _BLOCK_TAGS:
                wrappers.add(id(parent))
                break
            parent = parent.parent
    tables = {
        id(node): found for node in nodes if node.name == "table" and (found := table_of(node, _soup_text))
    }
    in_tables = {id(d) for node in nodes if id(node) in tables for d in node.descendants}
    entries: list[Block] = []
    for node in nodes:
        if id(node) in tables:
            text, table = tables[id(node)]
            caption = node.find("caption")
            if caption is not None and (said := _soup_text(caption)):
                entries.append(Block("paragraph", said))  # what the table is of: its index, its year
            entries.append(Block("table", text, table))
            continue
        if id(node) in wrappers or id(node) in in_tables:
            continue
        if node.name == "div":  # read only as a table laid out one cell a div
            entries += [Block("paragraph", t) for t in laid_out_cells(node, _soup_text)]
            continue
        text, breaks = _soup_text_breaks(node)
        lines = laid_out_lines(node, _soup_lines) if breaks >= MIN_LAID_OUT // 2 else []
        if lines:
            entries += [Block("paragraph", line) for line in lines]
            continue
        if not text:
            continue
        if node.name == "li" and len(text) < 40 and _inside(node, ("nav", "ul")):
            continue
        entries.append(Block("heading" if node.name in _HEADINGS else "paragraph", text))
    blocks: list[Block] = []
    seen: set[str] = set()
    for block in mark_laid_out_tables(entries):
        if block.kind != "table":
            if block.text in seen:
                continue
            seen.add(block.text)
        blocks.append(block)
    return blocks


def _inside(node, names: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.name in names:
            return True
        parent = parent.parent
    return False


_TEXT_TYPES = (NavigableString, CData)  # what get_text() reads: not comments or doctypes


def _soup_text(node) -> str:
    """The node's text, a line break read as a space."""
    return _soup_text_breaks(node)[0]


def _soup_text_breaks(node) -> tuple[str, int]:
    """The node's text, a line break read as a space, and how many line
    breaks it holds.  Walked once, without editing the tree: replacing each
    <br> costs a search of its parent's children, which a page of ten
    thousand <br> turned quadratic."""
    parts: list[str] = []
    breaks = 0
    for item in node.descendants:
        if type(item) in _TEXT_TYPES:
            parts.append(item)
        elif type(item) is Tag and item.name == "br":
            parts.append(" ")
            breaks += 1
    return normalize_line("".join(parts)), breaks


def _soup_lines(node) -> list[str]:
    """The node's text, a line a ``<br>``: how a table laid out with line
    breaks reads."""
    lines: list[str] = []
    parts: list[str] = []
    for item in node.descendants:
        if type(item) in _TEXT_TYPES:
            parts.append(item)
        elif type(item) is Tag and item.name == "br":
            lines.append(normalize_line("".join(parts)))
            parts = []
    lines.append(normalize_line("".join(parts)))
    return [line for line in lines if line]


# --- fields -------------------------------------------------------------------------


def _clean_title(meta: Metadata, visible: str | None) -> str | None:
    if visible:
        return visible
    for candidate in (meta.title, meta.html_title):
        if candidate:
            title = normalize_line(candidate)
            if meta.html_title and candidate == meta.html_title:
                title = _TITLE_SUFFIX_RE.sub("", title)
            return title
    return None


def clean_author(text: str) -> str | None:
    text = normalize_line(text)
    text = _AUTHOR_NOISE_RE.sub(" ", text).strip(" -–,.:;|")
    text = _AUTHOR_PREFIX_RE.sub("", text).strip(" -–,.:;|")
    return text or None


def _parse_machine_date(value: str) -> datetime | None:
    value = value.strip()
    # "2026-03-07T08:52:11.000 +07:00": a stray space before the offset.
    value = re.sub(r"(\d)\s+([+-]\d\d:?\d\d)$", r"\1\2", value)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = parse_datetime(value)
        if parsed is None:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=VIETNAM)  # Vietnamese sites publish in Vietnam time
    return parsed


# Where pages without a profile show their date.
_GENERIC_DATE_SELECTORS = (
    "time[datetime]",
    '[itemprop="datePublished"]',
    '[class*="date"]',
    '[class*="time"]',
    '[class*="ngay"]',
    '[class*="publish"]',
)


def _visible_date(tree, profile: SiteProfile) -> datetime | None:
    for selector in profile.published or _GENERIC_DATE_SELECTORS:
        for element in css(selector)(tree):
            for attribute in ("datetime", "content", "data-time"):
                value = element.get(attribute)
                if value:
                    parsed = _parse_machine_date(value)
                    if parsed:
                        return parsed
            found = find_datetime(_element_text(element))
            if found:
                return found[0]
    return None


def choose_date(visible: datetime | None, machine: list[str]) -> datetime | None:
    """Machine dates carry seconds and zones; the visible one is what the
    page says.  Use the machine date when it agrees with the visible one to
    the minute (or there is no visible one), else the visible date."""
    parsed = [d for d in (_parse_machine_date(m) for m in machine) if d is not None]
    if visible is None:
        return parsed[0] if parsed else None
    for candidate in parsed:
        if abs((candidate - visible).total_seconds()) < 60:
            return candidate
        if (
            visible.hour == 0
            and visible.minute == 0
            and candidate.astimezone(VIETNAM).date() == visible.date()
        ):
            return candidate  # the page shows only the day
    return visible


def _authors(
    tree, meta: Metadata, profile: SiteProfile, blocks: list[Block]
) -> tuple[list[str], list[Block]]:
    visible = []
    for element in _all(tree, profile.authors):
        name = clean_author(_element_text(element))
        if name and name not in visible and len(name) <= 80:
            visible.append(name)
    if (profile.byline_last_paragraph or profile is GENERIC) and blocks and blocks[-1].kind != "table":
        last = blocks[-1].text
        name = clean_author(last)
        if name and len(name) <= 60 and _NAME_LIKE_RE.match(name):
            blocks = blocks[:-1]
            if not visible:
                visible.append(name)
    if visible:
        return visible, blocks
    site = (meta.site_name or "").lower()
    names = [a for a in (clean_author(x) for x in meta.authors) if a and a.lower() != site]
    return list(dict.fromkeys(names)), blocks


def _tags(raw: list[str]) -> tuple[str, ...]:
    """Tags as a list: sites put several in one comma-separated value."""
    seen: dict[str, str] = {}
    for value in raw:
        for tag in html.unescape(value).split(","):
            tag = normalize_line(tag)
            if tag and tag.lower() not in seen:
                seen[tag.lower()] = tag
    return tuple(seen.values())


def site_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host or None


def parse_page(text: str | bytes, source: str, url: str | None, profile: SiteProfile | None) -> Article:
    """Read one article page into an :class:`Article`: decoded text, or
    bytes already known to be valid UTF-8 (which saves encoding it again)."""
    from extractors.html.sites import profile_for

    tree = parse_tree(text)
    meta = read_metadata(tree)
    page_url = url or meta.canonical or meta.url
    profile = profile or profile_for(page_url) or GENERIC

    region = find_region(tree, profile)
    fragment, captions = _clean_region(region, profile)
    blocks = read_blocks(fragment)

    title_element = _first(tree, profile.title) if profile.title else None
    if title_element is None and not profile.title:
        h1s = [h for h in tree.iter("h1") if _element_text(h)]
        title_element = h1s[0] if len(h1s) == 1 else None
    title = _clean_title(meta, _element_text(title_element) if title_element is not None else None)

    lead_element = _first(
        tree,
        profile.lead
        + (
            '[itemprop="description"]',
            ".sapo",
            ".detail-sapo",
            ".article__sapo",
            '[data-role="sapo"]',
            "h2.sapo",
        ),
    )
    lead = _element_text(lead_element) if lead_element is not None else None
    if lead and profile.lead_prefix and lead.startswith(profile.lead_prefix):
        lead = lead[len(profile.lead_prefix) :].strip()
    if lead:
        blocks = [b for b in blocks if b.kind == "table" or (b.text != lead and not lead.endswith(b.text))]
    if not lead and meta.description and not blocks:
        lead = normalize_line(meta.description)

    authors, blocks = _authors(tree, meta, profile, blocks)
    if title:
        blocks = [b for b in blocks if b.kind == "table" or b.text != title]
    published = choose_date(_visible_date(tree, profile), meta.published)
    modified = choose_date(None, meta.modified)
    tags = [_element_text(t) for t in _all(tree, profile.tags)] or meta.tags

    ordered: list[Block] = []
    if title:
        ordered.append(Block("title", title))
    if lead:
        ordered.append(Block("lead", lead))
    ordered += blocks
    ordered += [Block("caption", c) for c in captions if c not in (title, lead)]
    canonical = meta.canonical or meta.url
    if canonical and page_url:
        canonical = urljoin(page_url, canonical)
    return Article(
        source=source,
        blocks=tuple(ordered),
        title=title,
        authors=tuple(authors),
        published_at=published,
        modified_at=modified,
        url=url or canonical,
        canonical_url=canonical,
        site=site_of(page_url),
        tags=_tags(tags),
    )
