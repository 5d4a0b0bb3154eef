"""Plain-text articles, as a reader copies them from a news site.

The model is ``../shared/corpus/dev/articles/quang-nam-ict-2018.txt``: the
title on the first line, a byline with a date ("BÍCH LIÊN (thực hiện)
03/10/2019 10:46"), paragraphs one per line, photo captions (often twice),
then page furniture ("(0) Bình luận", "Mới nhất", "POWERED BY ...").  Real
copies also carry menus above the title and teaser lists below the body;
those are dropped here so that facts are only read from the article.
"""

from __future__ import annotations

import re
from datetime import datetime

from extractors.model import Article, Block
from extractors.tables.text import find_tables
from extractors.text.dates import find_datetime
from extractors.text.normalize import normalize_text

# A line that ends the article: what follows is comments, teasers, footer.
END_OF_ARTICLE_RE = re.compile(
    r"^(?:\(\d+\)\s*Bình luận|Bình luận(?:\s*\(\d+\))?$|Tin cùng chuyên mục|"
    r"Cùng chuyên mục|(?:Tin|Bài) liên quan\s*:?$|(?:Các )?[Tt]in khác\s*:?$|"
    r"(?:Đọc|Xem) nhiều(?: nhất)?\s*:?$|Mới nhất$|Tin mới nhất|Nổi bật$|(?:Đọc|Xem) thêm\s*:?$|"
    r"POWERED BY|Gửi bình luận|Ý kiến bạn đọc|Từ khóa:|Tags?:|Chia sẻ bài viết|"
    r"-$|- [^\s].{0,60}$)",
    re.IGNORECASE,
)

# Lines that are never article text wherever they stand.
FURNITURE_RE = re.compile(
    r"^(?:Đọc báo in|Tải ứng dụng|Powered by\b|Hotline\b|Chat (?:Facebook|Zalo)|"
    r"Gọi ngay|Tìm kiếm\b|Theo dõi .{0,40} trên|google news$|Lượt xem|"
    r"A A$|#\S+$|!\[.*\]\(.*\)|\|?\s*$|.*\s-$|.*\.(?:jpe?g|png|gif|webp)$|"
    r"(?:Xem thêm|Đọc thêm|Tin liên quan|Bài liên quan|>>)\s*:?\s+\S.{0,200}$)",
    re.IGNORECASE,
)
_NO_LETTERS_RE = re.compile(r"^[^A-Za-zÀ-ỹĐđ]*$")
_CAPTION_RE = re.compile(
    r"(?:\(?\s*Ảnh(?: minh họa)?\s*:\s*[^)]{1,60}\)?\s*$|Ảnh minh họa\.?$|"
    r"ảnh \d+\s*\(Nhấp chuột vào ảnh.*\)$|Nguồn: [^.]{1,80}$)",
    re.IGNORECASE,
)
_BYLINE_NOISE_RE = re.compile(
    r"\((?:thực hiện|tổng hợp|lược dịch|theo [^)]*)\)|\bGMT\s*\+\s*7\b|"
    r"Cập nhật:?|Xuất bản:?|Chủ nhật|Thứ (?:hai|ba|tư|năm|sáu|bảy)",
    re.IGNORECASE,
)
_NAME_RE = re.compile(r"^[\w.]+(?:\s+[\w.]+){0,3}$")


def _is_name(text: str) -> bool:
    """One to four words, each capitalised: "HẠNH CHÂU", "Bích Liên".  (A
    character class like [A-ZÀ-Ỹ] holds lower-case Vietnamese letters too,
    and took "Bình Dương đứng đầu." for a name.)"""
    return bool(_NAME_RE.match(text)) and all(word[0].isupper() for word in text.split())


# The marks that open a list item ("- Quảng Ninh dẫn đầu ..."); the fact
# reader knows list items by the same marks.
LIST_MARK = r"[-–•+*]"
_LIST_ITEM_RE = re.compile(rf"^{LIST_MARK}\s+\S")


def _opens_list(previous: str) -> bool:
    """A line a list of the article's own follows: its lead-in ending with
    ":" (not a teaser heading, which ends the article first), or an item."""
    return bool(_LIST_ITEM_RE.match(previous)) or (
        previous.endswith(":") and not END_OF_ARTICLE_RE.match(previous)
    )


_PIPES_RE = re.compile(r"^\|\s*|\s*\|$")


def _is_furniture(line: str) -> bool:
    return bool(FURNITURE_RE.match(line) or _NO_LETTERS_RE.match(line))


_WORD_RE = re.compile(r"[A-Za-zÀ-ỹĐđ]\w*")


def _looks_like_headline(line: str, min_words: int = 4, sentence_ok: bool = True) -> bool:
    """A title: a short line that is not furniture.  Next to a byline a
    title may end with a full stop; elsewhere a line that does is prose."""
    words = _WORD_RE.findall(line)
    ends_sentence = line.endswith(".") and not line.endswith("..")
    return (
        min_words <= len(words) <= 40
        and len(line) <= 250
        and not _is_furniture(line)
        and not (ends_sentence and (len(words) > 25 or not sentence_ok))
    )


def _author_from(text: str) -> str | None:
    text = _BYLINE_NOISE_RE.sub(" ", text)
    text = re.sub(r"[\s\-–:,|]+", " ", text).strip()
    if text and _is_name(text) and len(text) <= 60:
        return text
    return None


_COPY_HEADER_RE = re.compile(r"^(?P<key>url|title):\s*(?P<value>\S.*)$", re.IGNORECASE)


def _copy_header(lines: list[str]) -> dict[str, str]:
    """A copy that opens with where it came from ("url: https://...",
    "title: ..."): those lines are the page's address and title, not text."""
    meta: dict[str, str] = {}
    for line in lines[:2]:
        m = _COPY_HEADER_RE.match(line)
        if m is None or m.group("key").lower() in meta:
            break
        meta[m.group("key").lower()] = m.group("value").strip()
    return meta


def parse_txt(text: str, source: str) -> Article:
    """Parse a copied-text article into an :class:`Article`."""
    lines = [_PIPES_RE.sub("", line).strip() for line in normalize_text(text).split("\n")]
    lines = [line for line in lines if line]
    meta = _copy_header(lines)
    lines = lines[len(meta) :]
    if "title" in meta:
        lines.insert(0, meta["title"])

    title_at: int | None = None
    published_at: datetime | None = None
    authors: list[str] = []
    byline_at: set[int] = set()

    # The byline is a date line near the top; the title sits next to it.
    for i, line in enumerate(lines[:12]):
        found = find_datetime(line)
        if found is None or len(line) > 120:
            continue
        published_at, match = found
        byline_at.add(i)
        author = _author_from(line[: match.start()] + " " + line[match.end() :])
        if author is None and i + 1 < len(lines) and _author_from(lines[i + 1]):
            if len(lines[i + 1].split()) <= 4 and not _looks_like_headline(lines[i + 1]):
                author = _author_from(lines[i + 1])
                byline_at.add(i + 1)
        if author:
            authors.append(author)
        if i > 0 and _looks_like_headline(lines[i - 1]):
            title_at = i - 1
        elif i + 1 < len(lines) and _looks_like_headline(lines[i + 1]):
            title_at = i + 1
        break
    if "title" in meta:
        title_at = 0
    if title_at is None:
        title_at = next(
            (
                i
                for i, line in enumerate(lines[:12])
                # the first line is the title as a reader copies it; further
                # down, a short line is more likely a section label
                if _looks_like_headline(line, min_words=3 if i == 0 else 6, sentence_ok=False)
            ),
            None,
        )
        if (
            title_at is not None
            and title_at > 0
            and not all(_is_furniture(line) or len(_WORD_RE.findall(line)) < 6 for line in lines[:title_at])
        ):
            title_at = None  # text precedes it: it is not a title

    start = 0 if title_at is None else title_at
    blocks: list[Block] = []
    seen_body_words = 0
    previous = None
    # A table's lines are kept as they are (its numbers alone on a line
    # would read as furniture), as blocks of their own kind.
    tables = {f.first: f for f in find_tables(lines) if f.first >= start}
    table_end = -1
    for i in range(start, len(lines)):
        line = lines[i]
        if i < table_end:
            continue
        if i in tables:
            found = tables[i]
            blocks.append(Block("table", line, found.table))
            blocks += [Block("table", lines[k]) for k in range(i + 1, found.end)]
            table_end, previous = found.end, None
            continue
        if i in byline_at:
            continue
        if i == title_at:
            blocks.append(Block("title", line))
            previous = line
            continue
        if _LIST_ITEM_RE.match(line) and previous is not None and _opens_list(previous):
            # "Kết quả cụ thể ...:" then "- Gia nhập thị trường: 7,85 điểm, hạng 4":
            # the article's own list, not a teaser list closing the page.
            blocks.append(Block("paragraph", line))
            previous = line
            seen_body_words += len(line.split())
            continue
        if seen_body_words >= 20 and END_OF_ARTICLE_RE.match(line):
            break
        if line == previous or _is_furniture(line):
            continue
        previous = line
        if _CAPTION_RE.search(line):
            blocks.append(Block("caption", line))
            continue
        blocks.append(Block("paragraph", line))
        seen_body_words += len(line.split())

    # A short all-name line closing the article is its author ("HẠNH CHÂU").
    if blocks and blocks[-1].kind == "paragraph":
        tail = blocks[-1].text.strip("()")
        if len(tail.split()) <= 4 and _is_name(tail) and not tail.isdigit():
            if not authors:
                authors.append(tail)
            blocks.pop()

    # The first paragraph is the lead (sapo) when the copy has a title.
    for j, block in enumerate(blocks):
        if block.kind == "paragraph":
            if title_at is not None:
                blocks[j] = Block("lead", block.text)
            break

    title = next((b.text for b in blocks if b.kind == "title"), None)
    return Article(
        url=meta.get("url"),
        source=source,
        blocks=tuple(blocks),
        title=title,
        authors=tuple(authors),
        published_at=published_at,
    )
