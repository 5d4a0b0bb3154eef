"""Document -> article -> facts: the pure step the flows run in batches.

Everything here is a plain function over bytes and text: no I/O, no Prefect,
no DuckDB.  A document that can not be read raises :class:`ExtractionError`
with the reason; the flow records it and goes on with the others.
"""

from __future__ import annotations

from codecs import BOM_UTF8 as BOM
from dataclasses import dataclass

from extractors import EXTRACTOR_VERSION
from extractors.facts.extract import extract_facts
from extractors.html.page import HtmlError, parse_page
from extractors.model import Article, Document, Fact
from extractors.tables import merge, read_tables
from extractors.text.decode import DecodeError, decode, looks_like_html, sniff_declared_charset
from extractors.text.txt import parse_txt

__all__ = ["EXTRACTOR_VERSION", "Extraction", "ExtractionError", "process"]


class ExtractionError(ValueError):
    """A document chiso could not read; ``stage`` says where it failed."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Extraction:
    article: Article
    facts: list[Fact]
    encoding: str
    media_type: str
    note: str | None = None  # what went wrong reading it, in one line: ``notes`` joined
    notes: tuple[str, ...] = ()  # the decoder's repair, each table that could not be read


def _charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


# The most prose the fact rules read of one document (characters).  A news
# article is far shorter (the longest dev article is under 20,000); past
# this, dense ranking text would cost the rules seconds per megabyte, so
# the rest is left unread and said so: no page costs a batch more than a
# few seconds.
MAX_PROSE = 400_000


def _prose_limit(text: str) -> tuple[list[tuple[int, int]], str | None]:
    if len(text) <= MAX_PROSE:
        return [], None
    note = f"extract: only the first {MAX_PROSE:,} of {len(text):,} characters were read for facts"
    return [(MAX_PROSE, len(text))], note


def process(document: Document) -> Extraction:
    """Decode, parse and extract one document."""
    declared = document.encoding or _charset_from_content_type(document.headers.get("content-type"))
    if declared is None:
        declared = sniff_declared_charset(document.raw)
    try:
        decoded = decode(document.raw, declared)
    except DecodeError as exc:
        raise ExtractionError("decode", str(exc)) from exc
    is_html = looks_like_html(decoded.text)
    try:
        if is_html:
            url = document.final_url or (document.source if document.kind == "http" else None)
            # Valid UTF-8 as it came: hand lxml the bytes, not the text re-encoded.
            plain_utf8 = (
                decoded.encoding == "utf-8" and decoded.note is None and not document.raw.startswith(BOM)
            )
            article = parse_page(document.raw if plain_utf8 else decoded.text, document.source, url, None)
        else:
            article = parse_txt(decoded.text, document.source)
    except HtmlError as exc:
        raise ExtractionError("parse", str(exc)) from exc
    except RecursionError as exc:
        raise ExtractionError("parse", "the page is nested too deeply to read") from exc
    if not article.blocks:
        raise ExtractionError("parse", "no article text found")
    skip, cut = _prose_limit(article.text)
    try:
        tables = read_tables(article)
        facts = merge(extract_facts(article, skip=[*tables.spans, *skip]), tables.facts)
    except RecursionError as exc:
        raise ExtractionError("extract", "the text is nested too deeply to read") from exc
    notes = tuple(n for n in (decoded.note, cut, *tables.notes) if n)
    return Extraction(
        article=article,
        facts=facts,
        encoding=decoded.encoding,
        media_type="text/html" if is_html else "text/plain",
        note="; ".join(notes) or None,
        notes=notes,
    )
