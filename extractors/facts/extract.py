"""Article -> facts.

The steps (``../shared/DESIGN.md``): the article text is already normalised;
units, indices, components and years are found once over the whole text and
the edition the article reports is settled; then the reader
(:mod:`extractors.facts.reader`) runs the rule registry over each sentence
in order.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from extractors.facts.context import Doc
from extractors.facts.mentions import (
    EntityMention,
    IndexMention,
    YearMention,
    find_components,
    find_entities,
    find_indices,
    find_years,
)
from extractors.facts.reader import Reader
from extractors.facts.units import split_blocks
from extractors.model import Article, Fact

# Between an index and its year: "PCI năm 2022", "Chỉ số (PAPI) 2023", "DDCI tỉnh Đồng Tháp năm 2019".
_INDEX_YEAR_GAP_RE = re.compile(
    r"[\s():,\-]*(?:(?:năm|cấp tỉnh|cấp bộ|\(?[A-Z]{2,}\)?|(?:tỉnh|thành phố)(?:\s+[A-ZĐ]\w*){1,3})"
    r"[\s():,\-]*)*"
)
_NEAR_COMPARE_RE = re.compile(r"\bso\s+(?:với\s+)?[^,;.]{0,50}$", re.IGNORECASE)


def extract_facts(article: Article, skip: Sequence[tuple[int, int]] = ()) -> list[Fact]:
    """Every fact the article's prose states, each once, in reading order.

    ``skip`` holds character ranges of ``article.text`` that are not prose
    (tables, read by :mod:`extractors.tables`): no sentence overlapping one
    is read.
    """
    doc = analyse(article)
    if doc is None:
        return []
    return Reader(doc, skip).run()


def analyse(article: Article) -> Doc | None:
    """The text's mentions, or None when it can state no fact: every fact
    binds an index named in the text and an edition year, so an article
    naming no index (most news) costs one pass of the index patterns."""
    text = article.text
    lowered = text.lower()
    indices = find_indices(text, lowered)
    if not indices:
        return None
    years = find_years(text)
    blocks = split_blocks(text)
    titled = bool(article.blocks) and article.blocks[0].kind == "title" and bool(blocks)
    edition, tied, own = _edition(text, indices, years, blocks[0][1] if titled else 0)
    if edition is None:
        return None
    dominant = _title_index(article, blocks, indices) or _dominant_index(indices)
    entities = find_entities(text)
    title_entity = _title_entity(article, blocks, entities)
    return Doc(
        text=text,
        blocks=blocks,
        entities=entities,
        indices=indices,
        components=find_components(text, indices, lowered),
        years=years,
        edition=edition,
        dominant_index=dominant,
        edition_indices=frozenset({*tied, dominant, *_named_near(indices, years, edition)}),
        index_editions={code: year for code, year in own.items() if code not in tied},
        title_entity=title_entity,
        group_counts=_group_counts(text),
    )


def _title_index(article: Article, blocks: list[tuple[int, int]], indices: list[IndexMention]) -> str | None:
    """The one index the title names, or None: "PAR INDEX 2025: Hải Phòng dẫn
    đầu ..." is about PAR INDEX however often the text names SIPAS."""
    if not article.blocks or article.blocks[0].kind != "title" or not blocks:
        return None
    codes = {i.code for i in indices if i.end <= blocks[0][1]}
    return codes.pop() if len(codes) == 1 else None


def _title_entity(
    article: Article, blocks: list[tuple[int, int]], entities: list[EntityMention]
) -> EntityMention | None:
    """The one unit the title names, or None."""
    if not article.blocks or article.blocks[0].kind != "title" or not blocks:
        return None
    in_title = [e for e in entities if e.end <= blocks[0][1]]
    if len({e.name for e in in_title}) == 1:
        return in_title[0]
    # "Gia Lai: Bức tranh các chỉ số năm 2025 sau hợp nhất với Bình Định": the
    # unit a headline opens with, before its colon, is its subject.
    if in_title and _TITLE_SUBJECT_RE.fullmatch(article.text, blocks[0][0], in_title[0].start):
        if _TITLE_COLON_RE.match(article.text, in_title[0].end):
            return in_title[0]
    return None


_TITLE_SUBJECT_RE = re.compile(r"\s*(?:(?:tỉnh|thành phố|TP\.?)\s*)?", re.IGNORECASE)
_TITLE_COLON_RE = re.compile(r"\s*(?:\((?:mới|cũ)\)\s*)?:")
# A year tied to an index in the headline ("Xếp hạng PGI (2025)") outweighs
# one the body names in passing ("TP.HCM (quán quân PGI 2024) xếp thứ 6").
_TITLE_VOTES = 4


def _edition(
    text: str, indices: list[IndexMention], years: list[YearMention], title_end: int = 0
) -> tuple[int | None, set[str], dict[str, int]]:
    """The edition an article reports: the year most often tied to an index
    name ("PCI 2022", "ICT Index năm 2018"), the headline's first, then the
    most common plain year; the indices named with that year; and each index
    tied to one year only, with it."""
    votes: Counter[int] = Counter()
    tied: dict[int, set[str]] = {}
    year_starts = [y.start for y in years]
    for index in indices:
        if _NEAR_COMPARE_RE.search(text, max(0, index.start - 60), index.start):
            continue  # "So với ... ICT index năm 2017" is the previous edition
        i = bisect.bisect_left(year_starts, index.end)
        if i < len(years):
            year = years[i]
            gap = text[index.end : year.start]
            if year.role in ("plain", "paren") and len(gap) <= 30 and _INDEX_YEAR_GAP_RE.fullmatch(gap):
                votes[year.years[0]] += 3 + (_TITLE_VOTES if year.end <= title_end else 0)
                tied.setdefault(year.years[0], set()).add(index.code)
    for year in years:
        if year.role == "plain":
            votes[year.years[0]] += 1
    if not votes:
        return None, set(), {}
    best = max(votes.values())
    # A tie goes to the latest year: an article reports the newest edition and
    # names older ones to compare ("năm 2021 xếp thứ 3 còn năm 2022 ... thứ 2").
    edition = max(y for y, n in votes.items() if n == best)
    years_of: dict[str, list[int]] = {}
    for year, codes in tied.items():
        for code in codes:
            years_of.setdefault(code, []).append(year)
    own = {code: ys[0] for code, ys in years_of.items() if len(ys) == 1}
    return edition, tied.get(edition, set()), own


def _named_near(indices: list[IndexMention], years: list[YearMention], edition: int) -> set[str]:
    """Indices named within a sentence's reach of the edition year: "chỉ số
    CCHC năm 2019 ...; chỉ số SIPAS cũng tăng" reports SIPAS 2019 too."""
    spots = [y.start for y in years if y.role == "plain" and y.years[0] == edition]
    near = set()
    for i in indices:
        k = bisect.bisect_left(spots, i.start - 250)
        if k < len(spots) and spots[k] <= i.start + 250:
            near.add(i.code)
    return near


_COUNT_RE = re.compile(
    r"(?<![\d.,/])(?P<n>\d{1,3})\s+"
    r"(?P<noun>tỉnh|thành phố|địa phương|bộ|cơ quan|quốc gia|nền kinh tế)(?![\w])",
    re.IGNORECASE,
)
_GROUP_OF_NOUN = {
    "tỉnh": "provinces",
    "thành phố": "provinces",
    "địa phương": "provinces",
    "bộ": "ministries",
    "cơ quan": "ministries",
    "quốc gia": "countries",
    "nền kinh tế": "countries",
}
# The sizes a ranking of each group can have: a count outside is of
# something else ("3 tỉnh dẫn đầu").
_PLAUSIBLE = {"provinces": (34, 63), "ministries": (8, 30), "countries": (100, 200)}


def _group_counts(text: str) -> dict[str, int]:
    counts: dict[str, Counter[int]] = {}
    for match in _COUNT_RE.finditer(text):
        group = _GROUP_OF_NOUN[match.group("noun").lower()]
        n = int(match.group("n"))
        low, high = _PLAUSIBLE[group]
        if low <= n <= high:
            counts.setdefault(group, Counter())[n] += 1
    return {group: c.most_common(1)[0][0] for group, c in counts.items()}


def _dominant_index(indices: list[IndexMention]) -> str | None:
    counts = Counter(i.code for i in indices)
    if not counts:
        return None
    best = max(counts.values())
    return next(i.code for i in indices if counts[i.code] == best)
