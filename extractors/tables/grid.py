"""The table model every layout is read into: rows of cells, each cell with
its character span in the article's text, and how many leading rows are
the header.

An HTML ``<table>`` and a table flattened into text (one cell a line, one
row a line, ``|`` cells) become the same :class:`Table`, so one reader
(:mod:`extractors.tables.read`) gives both their facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CELL_SEPARATOR = " | "
ROW_SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Table:
    """``rows`` in reading order; the first ``header_rows`` of them name the
    columns.  ``start``/``end`` cover the whole table in the article text,
    header included: the prose reader skips that range."""

    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int
    start: int
    end: int

    @property
    def header(self) -> tuple[tuple[Cell, ...], ...]:
        return self.rows[: self.header_rows]

    @property
    def body(self) -> tuple[tuple[Cell, ...], ...]:
        return self.rows[self.header_rows :]

    def shifted(self, offset: int) -> Table:
        rows = tuple(tuple(Cell(c.text, c.start + offset, c.end + offset) for c in row) for row in self.rows)
        return Table(rows, self.header_rows, self.start + offset, self.end + offset)


def render(rows: list[list[str]], header_rows: int) -> tuple[str, Table]:
    """The text a grid of cell texts reads as (cells joined by " | ", rows
    by line breaks) and its :class:`Table`, spans counted from 0."""
    lines: list[str] = []
    cells: list[tuple[Cell, ...]] = []
    pos = 0
    for row in rows:
        line_cells = []
        for i, text in enumerate(row):
            if i:
                pos += len(CELL_SEPARATOR)
            line_cells.append(Cell(text, pos, pos + len(text)))
            pos += len(text)
        lines.append(CELL_SEPARATOR.join(row))
        cells.append(tuple(line_cells))
        pos += len(ROW_SEPARATOR)
    text = ROW_SEPARATOR.join(lines)
    return text, Table(tuple(cells), header_rows, 0, len(text))


# A number as a table prints it: "73.40", "0,4820", "1.000", "15", "+3", "-2",
# "↑3", "▼2" (a move), "88,12%".
SIGN = r"[+\-−–↑↓▲▼]?\s?"
NUMBER_RE = re.compile(rf"{SIGN}(?:\d{{1,4}}(?:[.,]\d+)?|\d{{1,3}}(?:[.,]\d{{3}})+(?:[.,]\d+)?)%?")
YEAR_RE = re.compile(r"(?:19[89]\d|20\d\d)")


# A rank with its score in brackets, one cell: "01 (0,727)", "18 (0.40)" (FACTS.md).
RANK_SCORE_RE = re.compile(r"(?P<rank>\d{1,3})\s*\(\s*(?P<score>\d{1,4}[.,]\d+)\s*\)")


def rank_and_score(cell: Cell) -> tuple[Cell, Cell] | None:
    """The rank and the score a "rank (score)" cell holds, each with its span."""
    m = RANK_SCORE_RE.fullmatch(cell.text.strip())
    if m is None:
        return None
    lead = len(cell.text) - len(cell.text.lstrip())
    parts = [
        Cell(m.group(g), cell.start + lead + m.start(g), cell.start + lead + m.end(g))
        for g in ("rank", "score")
    ]
    return parts[0], parts[1]


def is_rank_and_score(text: str) -> bool:
    return bool(RANK_SCORE_RE.fullmatch(text.strip()))


def is_number(text: str) -> bool:
    return bool(NUMBER_RE.fullmatch(text.strip()))


def is_year(text: str) -> bool:
    return bool(YEAR_RE.fullmatch(text.strip()))


def header_row_count(rows: list[list[str]]) -> int:
    """How many leading rows are the header: those holding no number but
    years ("Năm | 2022 | 2023").  A row with a number is the first body row."""
    for i, row in enumerate(rows):
        if any(is_number(t) and not is_year(t) for t in row):
            return i
    return len(rows)
