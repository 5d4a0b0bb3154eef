"""An HTML ``<table>`` -> the rows of cell texts a :class:`Table` is made of.

``colspan`` and ``rowspan`` are spread over the cells they cover, so that a
column's header cells read top to bottom ("PCI 2023" over "Điểm"); the
header is the leading rows of ``th`` cells (the page cleaner turns a cell
all in bold into a ``th``), or, without any, the leading rows holding no
number.  A table that lays a page out (one nesting another, or with cells
of running text) is not a data table and is read as paragraphs.
"""

from __future__ import annotations

from bs4 import Tag

from extractors.model import Block
from extractors.tables.grid import Table, header_row_count, render
from extractors.tables.text import find_tables

MAX_CELL = 200  # characters: a longer cell is running text, not a table's
MAX_SPAN = 50


def _span(cell: Tag, name: str) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(cell.get(name, "1")).strip() or 1)))
    except ValueError:
        return 1


def _rows(table: Tag) -> list[Tag]:
    """The table's own rows, not those of a table inside it."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def read_grid(table: Tag, cell_text) -> tuple[list[list[str]], int] | None:
    """The cell texts, spans spread, and how many rows are the header; None
    when ``table`` is no data table.  ``cell_text`` reads a cell's text."""
    if table.find("table") is not None:
        return None
    trs = _rows(table)
    if len(trs) < 2:
        return None
    grid: list[list[str | None]] = []
    heads: list[bool] = []
    carry: dict[tuple[int, int], str] = {}  # (row, column) -> text a rowspan brings down
    for r, tr in enumerate(trs):
        row: list[str | None] = []
        all_th = True
        for cell in tr.find_all(["td", "th"]):
            if cell.find_parent("tr") is not tr:
                continue
            text = cell_text(cell)
            if len(text) > MAX_CELL:
                return None
            while (r, len(row)) in carry:
                row.append(carry.pop((r, len(row))))
            all_th = all_th and (cell.name == "th" or not text)
            width, height = _span(cell, "colspan"), _span(cell, "rowspan")
            for _ in range(width):
                for below in range(1, height):
                    carry[(r + below, len(row))] = text
                row.append(text)
        while (r, len(row)) in carry:
            row.append(carry.pop((r, len(row))))
        if row:
            grid.append(row)
            heads.append(all_th and any(row))
    width = max((len(row) for row in grid), default=0)
    if width < 2:
        return None
    rows = [[t or "" for t in row] + [""] * (width - len(row)) for row in grid]
    th_rows = next((i for i, h in enumerate(heads) if not h), len(heads))
    return rows, th_rows or header_row_count(rows)


def table_of(table: Tag, cell_text) -> tuple[str, Table] | None:
    """The text a data table reads as in the article, and its table."""
    read = read_grid(table, cell_text)
    if read is None:
        return None
    rows, header_rows = read
    return render(rows, header_rows)


MIN_LAID_OUT = 6  # cells or lines: a table of a header and two rows of two


def _leaf_divs(node: Tag) -> list[Tag] | None:
    kids = [c for c in node.children if type(c) is Tag]
    return kids if kids and all(k.name == "div" and k.find(True) is None for k in kids) else None


def laid_out_cells(node: Tag, cell_text) -> list[str]:
    """The lines of a ``div`` that lays a table out in ``div``s, one a cell
    (a header cell, then each row's cells) or one a row of cell ``div``s
    (read as "a | b | c"), or []."""
    if len(node.contents) < MIN_LAID_OUT // 2:  # most divs: a wrapper of one or two
        return []
    kids = [c for c in node.children if type(c) is Tag]
    if len(kids) >= MIN_LAID_OUT and _leaf_divs(node) is not None:
        texts = [cell_text(k) for k in kids]
    elif len(kids) >= MIN_LAID_OUT // 2 and all(k.name == "div" and (_leaf_divs(k) or ()) for k in kids):
        texts = [" | ".join(cell_text(c) for c in _leaf_divs(k)) for k in kids]
    else:
        return []
    return texts if find_tables(texts) else []


def laid_out_lines(node: Tag, read_lines) -> list[str]:
    """The lines of a block holding a table one row a ``<br>``, or []."""
    lines = read_lines(node)
    return lines if find_tables(lines) else []


def mark_laid_out_tables(entries: list[Block]) -> list[Block]:
    """The blocks, with a table laid out in ``div``s or paragraphs (one cell
    or one row a block) marked as a table's blocks."""
    out: list[Block] = []
    run: list[Block] = []
    for block in [*entries, None]:
        if block is not None and block.kind != "table":
            run.append(block)
            continue
        lines = [b.text for b in run]
        starts = {f.first: f for f in find_tables(lines)}
        k = 0
        while k < len(run):
            if k in starts:
                found = starts[k]
                out.append(Block("table", lines[k], found.table))
                out += [Block("table", line) for line in lines[k + 1 : found.end]]
                k = found.end
            else:
                out.append(run[k])
                k += 1
        run = []
        if block is not None:
            out.append(block)
    return out
