"""Tables flattened into text: finding the run of lines that was a table.

A table copied from a page reads one of three ways, and each is told by a
shape that repeats line after line:

- ``|`` cells: "Bình Dương | 22.44 | 14.11", the same number of cells a line;
- one row a line: "1 TP. Đà Nẵng 1.0000 0.9000 ..." or "Quảng Ninh 7.98 ...
  73.02 1 Rất tốt", numbers around a unit's name, the same count each line;
- one cell a line: a unit's name, then its numbers and words, one a line,
  the next name always the same number of lines further; a cell may hold a
  rank with its score ("01 (0,727)"), a header cell may run over two lines
  ("Tỉnh, thành phố trực thuộc" / "Trung ương"), the header may be a
  lead-in sentence listing the columns ("(đơn vị, điểm, xếp hạng 2024):"),
  and a last row cut short keeps the cells it has;
- one unit's profile one cell a line: the years, one a line, then a row
  label ("1. Thể chế") and one number a year, row after row.

Blank lines between cells are gone before this module sees the lines.

:func:`find_tables` takes the lines as the article's blocks hold them and
gives each table's :class:`Table`, its spans counted from its first line in
the lines joined by :data:`JOIN` (how ``Article.text`` joins blocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.gazetteer import candidates
from extractors.tables.grid import Cell, Table, header_row_count, is_number, is_rank_and_score, is_year
from extractors.tables.header import label_of, labels_in
from extractors.tables.local import local_unit

JOIN = "\n\n"
MIN_ROWS = 3
MAX_HEADER_LINES = 24
MAX_HEADER_LINE = 300
MAX_HEADER_CELL = 80  # characters of a header cell's line in a table one cell a line
MAX_CELL_BREAKS = 3  # header cells of a table one cell a line broken over two lines
MAX_YEARS = 16  # year columns of a profile
MIN_PROFILE_ROWS = 2
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
    """A ranked unit's name: in the gazetteer, or a district or department
    (which only a DDCI ranks; the reader refuses it for other indices)."""
    return (
        0 < len(text) <= MAX_UNIT
        and not _DIGIT_RE.search(text)
        and bool(candidates(text) or local_unit(text))
    )


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
    if is_rank_and_score(line):
        return "P"
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
            while a < len(units) and units[a] < table.end:
                a += 1
        else:
            a += 1
    return found


def _shape(lines: list[str], start: int, stride: int, lead: int) -> tuple[str, ...]:
    return tuple("U" if k == lead else _kind(lines[start + k]) for k in range(stride))


def _fits(line: str, kind: str) -> bool:
    return _is_unit(line) if kind == "U" else _kind(line) == kind


def _cell_table(lines: list[str], free: list[bool], run: list[int], stride: int) -> Found | None:
    """The table whose rows have the units of ``run``: where the cells of
    a row may be read two ways ("1 / Huế / 01 (0,727)", or "Huế / 01
    (0,727) / 2"), the way a header lines up with."""
    found = [f for lead in range(stride) if (f := _cell_rows(lines, free, run, stride, lead))]
    return next((f for f in found if f.table.header_rows), found[0] if found else None)


def _cell_rows(lines: list[str], free: list[bool], run: list[int], stride: int, lead: int) -> Found | None:
    """The table of ``run``'s rows with ``lead`` cells before the unit's name."""
    starts = [u - lead for u in run if u - lead >= 0 and u - lead + stride <= len(lines)]
    if len(starts) < MIN_ROWS:
        return None
    shape = _shape(lines, starts[0], stride, lead)
    if "X" in shape:
        return None
    n = 0  # the rows shaped as the first is, all lines free
    while (
        n < len(starts)
        and all(free[k] for k in range(starts[n], starts[n] + stride))
        and (n == 0 or _shape(lines, starts[n], stride, lead) == shape)
    ):
        n += 1
    if n < MIN_ROWS:
        return None
    end = starts[n - 1] + stride
    cut = 0  # a last row cut short: the unit and the cells after it that fit
    while (
        cut < stride - 1
        and end + cut < len(lines)
        and free[end + cut]
        and _fits(lines[end + cut], shape[cut])
    ):
        cut += 1
    if cut > lead:
        end += cut
    return _cell_grid(lines, starts[0], end, stride, _cell_header(lines, free, starts[0], stride, lead))


def _lines_cell(lines: list[str], offsets: list[int], first: int, a: int, b: int) -> Cell:
    """lines[a:b] as one cell, ``offsets`` counted from line ``first``."""
    return Cell(JOIN.join(lines[a:b]), offsets[a - first], offsets[b - 1 - first] + len(lines[b - 1]))


def _cell_grid(lines: list[str], start: int, end: int, stride: int, header) -> Found:
    first = header[0] if header else start
    offsets = _offsets(lines, first, end)
    rows = []
    if header and header[1] is not None:
        rows.append(tuple(_lines_cell(lines, offsets, first, a, b) for a, b in header[1]))
    elif header:  # a lead-in sentence naming the columns
        line, base = lines[first], offsets[0]
        rows.append(tuple(Cell(line[a:b], base + a, base + b) for a, b in header[2]))
    for row in range(start, end, stride):
        rows.append(
            tuple(_lines_cell(lines, offsets, first, k, k + 1) for k in range(row, min(row + stride, end)))
        )
    return Found(first, end, Table(tuple(rows), 1 if header else 0, 0, rows[-1][-1].end))


def _header_line(line: str, free: bool) -> bool:
    """A line that may be a header cell of a table one cell a line: short, no
    number, no unit ("Năm 2017" and "Xếp hạng 2023" hold a year)."""
    if not free or len(line) > MAX_HEADER_CELL or _is_unit(line):
        return False
    kind = _kind(line)
    return kind == "T" or (kind == "X" and label_of(line).year is not None)


_NAMELESS = ("label", "blank")


def _header_groups(lines: list[str], first: int, end: int) -> list[tuple[int, int]]:
    """lines[first:end] cut into header cells: a line naming nothing
    ("Trung ương") continues the cell above it when together they name one."""
    groups: list[tuple[int, int]] = []
    for k in range(first, end):
        if (
            groups
            and label_of(lines[k]).role in _NAMELESS
            and label_of(JOIN.join(lines[groups[-1][0] : k + 1])).role not in _NAMELESS
        ):
            groups[-1] = (groups[-1][0], k + 1)
        else:
            groups.append((k, k + 1))
    return groups


# The columns a lead-in sentence lists: "... (mỗi ô một dòng: đơn vị, điểm, xếp hạng 2024):".
_LISTED_RE = re.compile(r":\s*(?P<list>[^:()]+?)\s*\)?\s*:?\s*$")


def _cell_header(
    lines: list[str], free: list[bool], start: int, stride: int, lead: int
) -> tuple[int, list[tuple[int, int]] | None, list[tuple[int, int]]] | None:
    """Where the header of rows from ``start`` begins, and its cells: line
    groups, or (for a lead-in sentence) character spans in its line."""
    head = start - stride
    if head >= 0 and all(
        free[k] and _kind(lines[k]) == "T" and not _is_unit(lines[k]) for k in range(head, start)
    ):
        return head, [(k, k + 1) for k in range(head, start)], []
    for first in range(start - stride, start - stride - MAX_CELL_BREAKS - 1, -1):
        if first < 0 or not _header_line(lines[first], free[first]):
            break
        if not all(_header_line(lines[k], free[k]) for k in range(first + 1, start)):
            continue
        groups = _header_groups(lines, first, start)
        roles = [label_of(JOIN.join(lines[a:b])).role for a, b in groups]
        if len(groups) == stride and roles[lead] == "unit" and not any(r in _NAMELESS for r in roles):
            return first, groups, []
    if start > 0 and free[start - 1] and len(lines[start - 1]) <= MAX_HEADER_LINE:
        listed = _listed_header(lines[start - 1], stride, lead)
        if listed is not None:
            return start - 1, None, listed
    return None


def _listed_header(line: str, stride: int, lead: int) -> list[tuple[int, int]] | None:
    m = _LISTED_RE.search(line)
    if m is None:
        return None
    spans, pos = [], m.start("list")
    for item in m.group("list").split(","):
        a = pos + len(item) - len(item.lstrip())
        spans.append((a, a + len(item.strip())))
        pos += len(item) + 1
    roles = [label_of(line[a:b]).role for a, b in spans]
    if len(spans) != stride or roles[lead] != "unit" or any(r in _NAMELESS for r in roles):
        return None
    return spans


def _profile_label(line: str, free: bool) -> bool:
    """A row's label in a profile ("Nhóm chỉ số đầu vào ĐMST", "1. Thể chế"), not a sentence."""
    return (
        free
        and len(line) <= MAX_HEADER_CELL
        and _kind(line) in ("T", "X")
        and not line.endswith((".", ":"))
        and bool(_LETTERS_RE.search(line))
    )


_LETTERS_RE = re.compile(r"[^\W\d_]{2,}")


def _year_tables(lines: list[str], free: list[bool]) -> list[Found]:
    found, i = [], 0
    while i < len(lines):
        if not (free[i] and is_year(lines[i])):
            i += 1
            continue
        j = i
        while j < len(lines) and free[j] and is_year(lines[j]):
            j += 1
        table = _year_table(lines, free, i, j) if 2 <= j - i <= MAX_YEARS else None
        found += [table] if table else []
        i = table.end if table else j
    return found


def _year_table(lines: list[str], free: list[bool], i: int, j: int) -> Found | None:
    """The years lines[i:j] as the columns of rows: a label, then a number a year."""
    years = [int(lines[k]) for k in range(i, j)]
    if len(set(years)) != len(years) or len({b > a for a, b in zip(years, years[1:])}) != 1:
        return None  # the years of a table's columns run one way
    width = j - i
    rows: list[tuple[int, int]] = []  # (first line, cells)
    r = j
    while r < len(lines) and _profile_label(lines[r], free[r]):
        m = 0
        while m < width and r + 1 + m < len(lines) and free[r + 1 + m] and _kind(lines[r + 1 + m]) == "N":
            m += 1
        if m == 0:
            break
        rows.append((r, m + 1))
        r += 1 + m
        if m < width:  # a row cut short closes the table
            break
    if sum(1 for _, n in rows if n == width + 1) < MIN_PROFILE_ROWS:
        return None
    corner = (
        i - 1 >= 0 and free[i - 1] and _kind(lines[i - 1]) == "T" and not lines[i - 1].endswith((".", ":"))
    )
    corner = corner and len(lines[i - 1]) <= 40 and not _is_unit(lines[i - 1])
    first = i - 1 if corner else i
    offsets = _offsets(lines, first, r)
    head = _lines_cell(lines, offsets, first, i - 1, i) if corner else Cell("", offsets[0], offsets[0])
    grid = [(head, *(_lines_cell(lines, offsets, first, k, k + 1) for k in range(i, j)))]
    grid += [tuple(_lines_cell(lines, offsets, first, k, k + 1) for k in range(s, s + n)) for s, n in rows]
    return Found(first, r, Table(tuple(grid), 1, 0, grid[-1][-1].end))


def find_tables(lines: list[str]) -> list[Found]:
    """The tables in ``lines``, in order, none overlapping."""
    if sum(1 for line in lines if len(line) <= MAX_ROW) < MIN_ROWS:
        return []  # most articles: paragraphs, too long to be a table's lines
    free = [True] * len(lines)
    found: list[Found] = []
    for detector in (_pipe_tables, _one_row_tables, _cell_tables, _year_tables):
        for f in detector(lines, free):
            found.append(f)
            for k in range(f.first, f.end):
                free[k] = False
    return sorted(found, key=lambda f: f.first)
