"""Running an analyst's statement read-only and printing the result."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import duckdb

from warehouse.errors import WarehouseError
from warehouse.store import Warehouse

FORMATS = ("table", "csv", "json")


def run_query(warehouse: Warehouse, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run exactly one statement on a read-only connection with file access
    disabled, and return its column names and rows."""
    with warehouse.reader(safe=True) as con:
        try:
            statements = con.extract_statements(sql)
        except duckdb.Error as exc:
            raise WarehouseError(f"the query does not parse: {exc}") from exc
        if len(statements) != 1:
            raise WarehouseError(f"give exactly one SQL statement (got {len(statements)})")
        try:
            cursor = con.execute(sql)
        except duckdb.Error as exc:
            raise WarehouseError(f"the query failed: {exc}") from exc
        if cursor.description is None:
            return [], []
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return "NULL"
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return str(value).replace("\n", " ")


def _width(text: str) -> int:
    return sum(
        2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text
    )


def shorten(text: str, max_width: int) -> str:
    """``text`` in at most ``max_width`` columns: a path (no spaces, a slash)
    keeps its tail, so its file name shows; other text keeps its start and
    its end, cut in the middle."""
    if _width(text) <= max_width:
        return text
    if max_width <= 1:
        return "…"[:max_width]
    room = max_width - 1
    if "/" in text and " " not in text:
        return "…" + _tail(text, room)
    head = _head(text, room // 2)
    return head + "…" + _tail(text, room - _width(head))


def _head(text: str, width: int) -> str:
    used, end = 0, 0
    for end, char in enumerate(text):
        used += _width(char)
        if used > width:
            return text[:end]
    return text


def _tail(text: str, width: int) -> str:
    return _head(text[::-1], width)[::-1]


def format_result(
    columns: list[str], rows: list[tuple[Any, ...]], fmt: str, max_width: int | None = 60
) -> str:
    """Rows as ``fmt``; in a table, cells wider than ``max_width`` columns
    are shortened (:func:`shorten`), none with ``max_width`` None."""
    if fmt == "json":
        return json.dumps(
            [dict(zip(columns, (_plain(v) for v in row))) for row in rows], ensure_ascii=False, indent=2
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else _cell(v) for v in row])
        return out.getvalue().rstrip("\n")
    cells = [[_cell(v) for v in row] for row in rows]
    if max_width is not None:
        cells = [[shorten(c, max_width) for c in row] for row in cells]
    widths = [_width(c) for c in columns]
    for row in cells:
        widths = [max(w, _width(c)) for w, c in zip(widths, row)]

    def line(values: list[str]) -> str:
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    parts = [line(columns), "-+-".join("-" * w for w in widths)]
    parts += [line(row) for row in cells]
    parts.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(parts)
