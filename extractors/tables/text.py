"""Tables flattened into text: finding the run of lines that was a table.

A table copied from a page reads one of three ways, and each is told by a
shape that repeats line after line:

- ``|`` cells: "Bình Dương | 22.44 | 14.11", the same number of cells a line;
- one row a line: "1 TP. Đà Nẵng 1.0000 0.9000 ..." or "Quảng Ninh 7.98 ...
  73.02 1 Rất tốt", numbers around a unit's name, the same count each line;
- one cell a line: a unit's name, then its numbers and words, one a line,
  the next name always the same number of lines further.

:func:`find_tables` takes the lines as the article's blocks hold them and
gives each table's :class:`Table`, its spans counted from its first line in
the lines joined by :data:`JOIN` (how ``Article.text`` joins blocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.gazetteer import candidates
from extractors.tables.grid import Cell, Table, header_row_count, is_number
from extractors.tables.header import labels_in

JOIN = "\n\n"
MIN_ROWS = 3
MAX_HEADER_LINES = 24
MAX_HEADER_LINE = 300
_NUM = r"[+\-−–↑↓▲▼]?\d+(?:[.,]\d+)?%?"
_TOKEN_RE = re.compile(r"[^\s|]+")
_NUM_RE = re.compile(_NUM)
_PIPE_CELL_RE = re.compile(r"[^|]+")
_EMPTY_VALUES = frozenset({"-", "–", "—", "x", "n/a"})


@dataclass(frozen=True, slots=True)
class Found:
    """A table over ``lines[first:end]``."""

    first: int
    end: int
    table: Table


def _offsets(lines: list[str], first: int, end: int) -> list[int]:
    starts, pos = [], 0
    for line in lines[first:end]:
        starts.append(pos)
        pos += len(line) + len(JOIN)
    return starts


MAX_UNIT = 60  # characters: no unit's name, however written, is longer
MAX_ROW = 250
MAX_NAME_WORDS = 8
MAX_TAIL = 30  # characters of the word closing a row ("Rất tốt")
_DIGIT_RE = re.compile(r"\d")


def _is_unit(text: str) -> bool:
    return 0 < len(text) <= MAX_UNIT and not _DIGIT_RE.search(text) and bool(candidates(text))


def _pipe_cells(line: str) -> list[tuple[int, int]]:
    spans = []
    for m in _PIPE_CELL_RE.finditer(line):
        raw = m.group()
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            spans.append((m.start() + lead, m.start() + len(raw.rstrip())))
        elif spans or m.end() < len(line.rstrip("| ")):
            spans.append((m.start(), m.start()))
    return spans


def _pipe_tables(lines: list[str], free: list[bool]) -> list[Found]:
    found, i = [], 0
    while i < len(lines):
        width = len(_pipe_cells(lines[i])) if free[i] and "|" in lines[i] else 0
        j = i + 1
        while width >= 2 and j < len(lines) and free[j] and len(_pipe_cells(lines[j])) == width:
            j += 1
        if width >= 2 and j - i >= 2:
            starts = _offsets(lines, i, j)
            rows = [
                tuple(
                    Cell(lines[k][a:b], starts[k - i] + a, starts[k - i] + b)
                    for a, b in _pipe_cells(lines[k])
                )
                for k in range(i, j)
            ]
            header = header_row_count([[c.text for c in row] for row in rows])
            found.append(Found(i, j, Table(tuple(rows), header, 0, rows[-1][-1].end)))
            i = j
        else:
            i += 1
    return found


def _row_shape(line: str) -> tuple[int, int, bool, list[tuple[int, int]]] | None:
    """(numbers before the unit's name, numbers after it, a closing word or
    not, the cells' spans) of a line that is one row, or None."""
    digit = _DIGIT_RE.search(line) if len(line) <= MAX_ROW else None
    if digit is None or digit.start() > MAX_UNIT + 2:  # a row's first number opens it or follows the name
        return None
    if not _DIGIT_RE.search(line, max(0, len(line) - MAX_TAIL - 1)):  # nor a number closes it, or a word
        return None
    tokens = [m.span() for m in _TOKEN_RE.finditer(line)]
    numeric = [bool(_NUM_RE.fullmatch(line[a:b])) for a, b in tokens]
    pre = 0
    while pre < min(2, len(tokens)) and numeric[pre]:
        pre += 1
    end = len(tokens)
    while end > pre and not numeric[end - 1]:
        end -= 1
    post_start = end
    while post_start > pre and numeric[post_start - 1]:
        post_start -= 1
    if end == pre:  # no number after the name: "1 TP. Đà Nẵng"
        post_start = end = len(tokens)
    if post_start == pre:  # no name between the numbers
        return None
    name = (tokens[pre][0], tokens[post_start - 1][1])
    tail = (tokens[end][0], tokens[-1][1]) if end < len(tokens) else None
    if post_start - pre > MAX_NAME_WORDS or not line[name[0]].isupper():  # a unit's name, as tables print it
        return None
    if not _is_unit(line[name[0] : name[1]]) or pre + (end - post_start) == 0:
        return None
    if tail is not None and (tail[1] - tail[0] > MAX_TAIL or _DIGIT_RE.search(line[tail[0] : tail[1]])):
        return None
    cells = [*tokens[:pre], name, *tokens[post_start:end], *([tail] if tail else [])]
    return pre, end - post_start, tail is not None, cells


def _row_cells(spans: list[tuple[int, int]], line: str, offset: int) -> list[Cell]:
    return [Cell(line[a:b], offset + a, offset + b) for a, b in spans]


def _header_cells(text: str, pre: int, post: int, tail: bool) -> list[Cell] | None:
    """The header's labels, one per column of rows shaped (pre numbers, the
    unit, post numbers, a tail word), or None when they do not line up."""
    labels = labels_in(text)
    units = [k for k, (_, _, lb) in enumerate(labels) if lb.role == "unit"]
    if len(units) != 1:  # without the unit column named, which number is which is a guess
        return None
    cells = [Cell(text[s:e], s, e) for s, e, _ in labels]
    u = units[0]
    before, after = cells[:u], cells[u + 1 :]
    after_roles = [lb.role for _, _, lb in labels[u + 1 :]]
    if tail:
        if not after_roles or after_roles[-1] != "group":
            return None
    elif after_roles and after_roles[-1] == "group":
        after, after_roles = after[:-1], after_roles[:-1]
    numeric_after = after[:-1] if tail else after
    if len(before) != pre or (post and len(numeric_after) != post):
        return None
    if not post:  # labels past the unit with no cells under them: tabs of the page
        after = after[-1:] if tail else []
    return [*before, cells[u], *after]


def _one_row_tables(lines: list[str], free: list[bool]) -> list[Found]:
    shapes = [_row_shape(line) if ok else None for line, ok in zip(lines, free)]
    found, i = [], 0
    while i < len(lines):
        shape = shapes[i]
        j = i + 1
        while shape and j < len(lines) and (s := shapes[j]) and s[:3] == shape[:3]:
            j += 1
        if shape is None or j - i < MIN_ROWS:
            i += 1
            continue
        pre, post, tail = shape[:3]
        header, first = None, i
        for k in range(1, MAX_HEADER_LINES + 1):
            h = i - k
            if h < 0 or not free[h] or len(lines[h]) > MAX_HEADER_LINE or shapes[h]:
                break
            cells = _header_cells(JOIN.join(lines[h:i]), pre, post, tail)
            if cells is not None:  # the longest header that lines up: "XẾP HẠNG" above "DTI"
                header, first = cells, h
            elif header is not None:
                break
        starts = _offsets(lines, first, j)
        rows = [tuple(header)] if header else []
        for k in range(i, j):
            cells = _row_cells(shapes[k][3], lines[k], starts[k - first])
            rows.append(tuple(cells[: len(header)] if header else cells))
        found.append(
            Found(first, j, Table(tuple(rows), 1 if header else 0, 0, starts[-1] + len(lines[j - 1])))
        )
        i = j
    return found


def _kind(line: str) -> str:
    if is_number(line) or line.lower() in _EMPTY_VALUES:
        return "N"
    if any(ch.isdigit() for ch in line) or len(line) > 40:
        return "X"
    return "T"


def _cell_tables(lines: list[str], free: list[bool]) -> list[Found]:
    units = [k for k, line in enumerate(lines) if free[k] and _is_unit(line)]
    found, a = [], 0
    while a + MIN_ROWS <= len(units):
        stride = units[a + 1] - units[a]
        b = a + 1
        while b + 1 < len(units) and units[b + 1] - units[b] == stride:
            b += 1
        run = units[a : b + 1]
        table = _cell_table(lines, free, run, stride) if 2 <= stride <= 16 and len(run) >= MIN_ROWS else None
        if table is not None:
            found.append(table)
            a = b + 1
        else:
            a += 1
    return found


def _cell_table(lines: list[str], free: list[bool], run: list[int], stride: int) -> Found | None:
    for lead in range(stride):  # how many cells of a row come before the unit's name
        starts = [u - lead for u in run if u - lead + stride <= len(lines)]
        rows = [lines[s : s + stride] for s in starts]
        shapes = {tuple(_kind(c) if k != lead else "U" for k, c in enumerate(r)) for r in rows}
        if len(rows) < MIN_ROWS or len(shapes) != 1 or "X" in next(iter(shapes)):
            continue
        if not all(free[k] for s in starts for k in range(s, s + stride)):
            continue
        head = starts[0] - stride
        header_ok = head >= 0 and all(
            free[k] and _kind(lines[k]) == "T" and not _is_unit(lines[k]) for k in range(head, starts[0])
        )
        first = head if header_ok else starts[0]
        end = starts[-1] + stride
        offsets = _offsets(lines, first, end)
        cells = [
            Cell(lines[k], offsets[k - first], offsets[k - first] + len(lines[k])) for k in range(first, end)
        ]
        grid = tuple(tuple(cells[r : r + stride]) for r in range(0, len(cells), stride))
        return Found(first, end, Table(grid, 1 if header_ok else 0, 0, cells[-1].end))
    return None


def find_tables(lines: list[str]) -> list[Found]:
    """The tables in ``lines``, in order, none overlapping."""
    if sum(1 for line in lines if len(line) <= MAX_ROW) < MIN_ROWS:
        return []  # most articles: paragraphs, too long to be a table's lines
    free = [True] * len(lines)
    found: list[Found] = []
    for detector in (_pipe_tables, _one_row_tables, _cell_tables):
        for f in detector(lines, free):
            found.append(f)
            for k in range(f.first, f.end):
                free[k] = False
    return sorted(found, key=lambda f: f.first)
