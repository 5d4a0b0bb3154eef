"""Paragraphs, sentences and clauses, with offsets into the article text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# A sentence ends at . ! ? followed by a space and a capital, digit, quote or
# bracket, except after abbreviations ("TP. Hồ Chí Minh", "TS. Đặng ...").
_SENTENCE_END_RE = re.compile(r"(?:[.!?]+|\.\.\.)(?=\s+[\"'(\[A-ZÀ-ỸĐ\d])")
_ABBREVIATIONS = frozenset("""TP Tp tp TS ThS PGS GS BS KS CN TT Q P Th St Mr Ms Dr ông bà Ths NXB""".split())
_LAST_WORD_RE = re.compile(r"([\w]+)$")


@dataclass(slots=True)
class Sentence:
    """A sentence: ``text[start:end]`` of the article, inside block ``block``."""

    start: int
    end: int
    block: int
    # Parenthesised ranges (absolute offsets), outermost first.
    parens: list[tuple[int, int]] = field(default_factory=list)
    # Offsets of ";" boundaries and of clause commas.
    semicolons: list[int] = field(default_factory=list)
    commas: list[int] = field(default_factory=list)

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end

    def paren_of(self, pos: int) -> tuple[int, int] | None:
        """The innermost parenthesised range holding ``pos``."""
        best = None
        for start, end in self.parens:
            if start <= pos < end and (best is None or start > best[0]):
                best = (start, end)
        return best

    def segment_of(self, pos: int) -> tuple[int, int]:
        """The ";"-delimited segment holding ``pos``."""
        i = bisect.bisect_right(self.semicolons, pos)
        start = self.semicolons[i - 1] + 1 if i else self.start
        end = self.semicolons[i] if i < len(self.semicolons) else self.end
        return start, end

    def clause_of(self, pos: int) -> tuple[int, int]:
        """The comma- or ";"-delimited clause holding ``pos``."""
        bounds = sorted(self.semicolons + self.commas)
        i = bisect.bisect_right(bounds, pos)
        start = bounds[i - 1] + 1 if i else self.start
        end = bounds[i] if i < len(bounds) else self.end
        return start, end


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Block (paragraph) ranges: the article text joins blocks with blank lines."""
    ranges = []
    pos = 0
    for part in text.split("\n\n"):
        ranges.append((pos, pos + len(part)))
        pos += len(part) + 2
    return ranges


def split_sentences(
    text: str, start: int, end: int, block: int, max_len: int | None = None
) -> list[Sentence]:
    """The sentences of ``text[start:end]``; with ``max_len``, a longer one is
    cut at its last ";", "," or space before the limit, so no sentence is
    longer (a table flattened into one line, a run-on list)."""
    spans = []
    begin = start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        word = _LAST_WORD_RE.search(text, max(begin, match.start() - 12), match.start())
        if word and (
            word.group(1) in _ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isalpha())
        ):
            continue
        spans.append((begin, match.end()))
        begin = match.end()
        while begin < end and text[begin].isspace():
            begin += 1
    for line_start, line_end in _lines(text, begin, end):
        if line_end > line_start:
            spans.append((line_start, line_end))
    sentences = []
    for a, b in spans:
        for piece_start, piece_end in _bounded(text, a, b, max_len):
            sentences.append(_make_sentence(text, piece_start, piece_end, block))
    return sentences


def _bounded(text: str, start: int, end: int, max_len: int | None):
    while max_len is not None and end - start > max_len:
        limit = start + max_len
        cut = max(text.rfind(";", start, limit), text.rfind(",", start, limit))
        if cut <= start + max_len // 2:
            cut = text.rfind(" ", start, limit)
        if cut <= start:
            cut = limit - 1
        yield start, cut + 1
        start = cut + 1
    yield start, end


def _lines(text: str, start: int, end: int):
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        stop = end if newline < 0 else newline
        yield pos, stop
        pos = stop + 1


_DASH_RE = re.compile(r"\s[-–—]\s")
# An apposition between dashes opens with a common noun ("đơn vị", "tỉnh
# mới", "nơi có"), never a name: "Hà Nội - Đà Nẵng - TP.HCM" is a list.
_APPOSITION_START_RE = re.compile(r"[a-zà-ỹđ]")
MAX_APPOSITION = 160


def add_dash_appositions(text: str, sentence: Sentence, names: list[tuple[int, int]]) -> None:
    """ "Bộ Khoa học và Công nghệ - đơn vị tiếp nhận chức năng của Bộ Thông
    tin và Truyền thông - xếp thứ 5": a remark set off by two spaced dashes
    right after a name reads as a bracket.  Dashes inside a name ("Bà Rịa -
    Vũng Tàu", ``names``) or between digits ("2017 - 2023") are not."""
    dashes = [
        m
        for m in _DASH_RE.finditer(text, sentence.start, sentence.end)
        if not any(a <= m.start() < b for a, b in names)
        and not (text[m.start() - 1 : m.start()].isdigit() and text[m.end() : m.end() + 1].isdigit())
    ]
    i = 0
    while i + 1 < len(dashes):
        opening, closing = dashes[i], dashes[i + 1]
        inner = text[opening.end() : closing.start()]
        after_name = any(0 <= opening.start() - b <= 1 for _, b in names)
        if (
            after_name
            and _APPOSITION_START_RE.match(inner)
            and len(inner) <= MAX_APPOSITION
            and ";" not in inner
            and inner.count("(") == inner.count(")")
        ):
            sentence.parens.append((opening.start() + 1, closing.end() - 1))
            i += 2
        else:
            i += 1
    sentence.parens.sort()


def _make_sentence(text: str, start: int, end: int, block: int) -> Sentence:
    sentence = Sentence(start, end, block)
    stack: list[int] = []
    for i in range(start, end):
        char = text[i]
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            sentence.parens.append((stack.pop(), i + 1))
        elif char == ";":
            sentence.semicolons.append(i)
        elif char == ",":
            # A comma between digits is a decimal comma, not a clause break.
            if 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            sentence.commas.append(i)
    sentence.parens.sort()
    return sentence
