"""A :class:`Table` -> facts: the columns' roles, then each row's numbers.

Three layouts are read (``../shared/spec/FACTS.md``, "Tables"):

- a ranking: a unit a row, its rank, score, rank change and component
  scores in the columns the header names (rule ``table.row``);
- one unit's profile: the years as columns ("Năm | 2022 | 2023") and a
  metric or component a row, or the years as rows ("Năm | Rankings");
  the unit is the one the caption or the title names (rule ``table.profile``);
- a ranking with the years as columns ("Năm | 2023 | 2022", a unit a row).

A cell may hold a rank with its score ("01 (0,727)" under "Năm 2017"): a
column of such cells gives both.  A DDCI ranks a province's districts and
departments (:mod:`extractors.tables.local`); for any other index a table
of them is none of its tables.

What the table does not say (which index, which edition, which number is
which, whose numbers) is never guessed: such a table gives no facts and a
note saying why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from extractors.gazetteer import Unit, candidates, edition_units, load, resolve
from extractors.model import Fact, Metric
from extractors.tables.grid import Cell, Table, is_number, is_year, rank_and_score
from extractors.tables.header import Label, label_of, labels_in, states_metric
from extractors.tables.local import LOCAL_RE, local_unit, ranks_local_units
from extractors.text.numbers import has_fraction, parse_number

UNIT_SHARE = 0.6  # of the body rows whose cell names a unit, for a unit column
_METRICS: dict[str, Metric] = {"rank": "rank", "score": "score", "rank_change": "rank_change"}
_SIGNS = str.maketrans({"−": "-", "–": "-", "↓": "-", "▼": "-", "+": "", "↑": "", "▲": "", "%": "", " ": ""})


@dataclass(frozen=True, slots=True)
class Setting:
    """What the text around a table says: the index, the edition year and
    the unit it is about (None where it says nothing, or too much)."""

    index_code: str | None
    year: int | None
    unit_text: str | None
    local: bool = False  # the text speaks of districts or departments


@dataclass(frozen=True, slots=True)
class Reading:
    facts: list[Fact]
    note: str | None = None


def _column_texts(table: Table) -> list[str]:
    width = max(len(row) for row in table.rows)
    texts = []
    # A header row of one text across the table is its title, no column's label.
    rows = [
        row for row in table.header if len({c.text.strip() for c in row if c.text.strip()}) > 1 or width == 1
    ]
    for j in range(width):
        parts: list[str] = []
        for row in rows:
            t = row[j].text.strip() if j < len(row) else ""
            if t and t not in parts:
                parts.append(t)
        texts.append(" ".join(parts))
    return texts


def _value(cell: Cell, metric: Metric, limit: int) -> float | None:
    written = cell.text.strip().translate(_SIGNS)
    if not written or not is_number(written):
        return None
    if metric == "score":
        # A table prints one decimal style: "73.40" and "0,4820" are decimals.
        return float(written.replace(",", ".")) if written.count(",") + written.count(".") == 1 else None
    value = parse_number(written.lstrip("-")) * (-1 if written.startswith("-") else 1)
    if not value.is_integer():
        return None
    if metric == "rank" and not 1 <= value <= limit:
        return None
    return value


def _names_unit(text: str, local: bool) -> bool:
    return bool(text and (candidates(text) or (local and local_unit(text))))


def _unit_column(table: Table, width: int, local: bool) -> int | None:
    body = table.body
    best, best_count = None, 0
    for j in range(width):
        count = sum(1 for row in body if j < len(row) and _names_unit(row[j].text, local))
        if count > best_count:
            best, best_count = j, count
    return best if body and best_count >= UNIT_SHARE * len(body) else None


def _fact(
    unit: str, label: Label, index: str, year: int, metric: Metric, value: float, row, cell, rule
) -> Fact:
    return Fact(
        entity=unit,
        index_code=label.index_code or index,
        component=label.component,
        year=label.year or year,
        metric=metric,
        value=value,
        evidence=row.text,
        span=row.span,
        value_span=(cell.start, cell.end),
        rule=rule,
    )


@dataclass(frozen=True, slots=True)
class _Row:
    text: str
    span: tuple[int, int]


def _row(cells: tuple[Cell, ...], text: str) -> _Row:
    span = (cells[0].start, cells[-1].end)
    return _Row(text[span[0] : span[1]], span)


def _metric_of_years(setting_text: str, cells: list[Cell], default: Metric | None = None) -> Metric | None:
    """The metric of a table whose columns are years: the one its caption
    names, else a score when every number has a fraction (a rank never does)."""
    named = {lb.role for _, _, lb in labels_in(setting_text) if states_metric(lb.text)} & _METRICS.keys()
    if len(named) == 1:
        return _METRICS[named.pop()]
    values = [c.text for c in cells if is_number(c.text)]
    return "score" if values and all(has_fraction(v) for v in values) else default


def read_table(table: Table, text: str, setting: Setting, caption: str = "") -> Reading:
    """The facts of one table; ``text`` is the article text its spans point into."""
    if not table.header_rows:
        return Reading([], "no header saying which number is which")
    columns = _column_texts(table)
    index = setting.index_code
    if index is None:
        return Reading([], "no index named")
    year = setting.year
    labels = [label_of(t, index) for t in columns]
    local = ranks_local_units(index)
    if not local and (setting.local or LOCAL_RE.search(columns[0])):
        return Reading([], "a table of districts or departments, not of the index's units")
    if labels[1:] and all(lb.role == "year" for lb in labels[1:]):
        return _read_year_columns(table, text, setting, labels, caption)
    unit_at = _unit_column(table, len(columns), local)
    if unit_at is None:
        if table.body and all(is_year(r[0].text) for r in table.body):
            return _read_year_rows(table, text, setting, labels)
        return Reading([], "no column of units")
    if not local and LOCAL_RE.search(columns[unit_at]):
        return Reading([], "a table of districts or departments, not of the index's units")
    if year is None and not any(lb.year for lb in labels):
        return Reading([], "no edition year")
    has_rank = any(lb.role == "rank" for lb in labels)
    pairs = _rank_and_score_columns(table, len(columns))
    facts = []
    for cells in table.body:
        if unit_at >= len(cells):
            continue
        row = _row(cells, text)
        for j, label in enumerate(labels):
            if j == unit_at or j >= len(cells) or (label.role == "row_number" and has_rank):
                continue
            y = label.year or year
            if y is None:  # a column of no year, in a table only some of whose columns say it
                continue
            found = _unit_of(cells[unit_at].text, label.index_code or index, y, local)
            if found is None:
                continue
            unit, limit = found
            for metric, cell in _metric_cells(cells[j], label, j in pairs):
                value = _value(cell, metric, limit)
                if value is not None:
                    facts.append(_fact(unit, label, index, y, metric, value, row, cell, "table.row"))
    return Reading(facts, None if facts else "no numbers under the columns it names")


OPEN_RANK_LIMIT = 250  # units of a table chiso does not know all of: ~190 countries, a province's bodies


def rank_limit(unit: Unit, index: str, year: int) -> int:
    """The highest rank the table ``unit`` is ranked in has: the count of
    its group in the edition when chiso knows them all (the 63 provinces)."""
    if not load().complete_maps.issuperset(unit.maps):
        return OPEN_RANK_LIMIT
    return sum(1 for u in edition_units(index, year) if u.group == unit.group)


def _unit_of(text: str, index: str, year: int, local: bool) -> tuple[str, int] | None:
    """The unit a row's cell names and the highest rank it may have."""
    if local and (name := local_unit(text)):
        return name, OPEN_RANK_LIMIT
    unit = resolve(text, index, year)
    return (unit.name, rank_limit(unit, index, year)) if unit else None


# Labels a column of "rank (score)" cells may have: "Năm 2017", "2017", "Xếp hạng".
_PAIR_ROLES = ("year", "period", "rank", "score")


def _rank_and_score_columns(table: Table, width: int) -> set[int]:
    """The columns most of whose cells are "rank (score)"."""
    found = set()
    for j in range(width):
        texts = [row[j].text for row in table.body if j < len(row) and row[j].text.strip()]
        pairs = sum(1 for t in texts if rank_and_score(Cell(t, 0, len(t))))
        if texts and pairs >= UNIT_SHARE * len(texts):
            found.add(j)
    return found


def _metric_cells(cell: Cell, label: Label, pair: bool) -> list[tuple[Metric, Cell]]:
    """The numbers one cell gives, each with its metric."""
    if pair:
        named = label.role in _PAIR_ROLES or states_metric(label.text)  # "Xếp hạng (điểm)"
        parts = rank_and_score(cell) if named else None
        return [("rank", parts[0]), ("score", parts[1])] if parts else []
    metric = _METRICS.get(label.role)
    return [(metric, cell)] if metric else []


def _read_year_columns(
    table: Table, text: str, setting: Setting, labels: list[Label], caption: str
) -> Reading:
    index = setting.index_code
    facts = []
    for cells in table.body:
        row = _row(cells, text)
        head = cells[0].text
        if not head:
            continue
        if candidates(head):
            # a unit a row: the metric is the one the corner cell ("Điểm DTI") or the caption names
            label = labels[0] if labels[0].role in _METRICS else Label("score")
            metric = (
                _METRICS[label.role] if label is labels[0] else _metric_of_years(caption, list(cells[1:]))
            )
            unit_text, rule = head, "table.row"
        else:
            label = label_of(head, index)
            metric = _METRICS.get(label.role)
            if metric is not None and not states_metric(head):
                # "1. Thể chế": what its numbers are is said by the corner cell or the caption
                metric = _METRICS.get(labels[0].role) or _metric_of_years(caption, [], default=metric)
            unit_text, rule = setting.unit_text, "table.profile"
        if metric is None or unit_text is None:
            continue
        for j in range(1, min(len(cells), len(labels))):
            y = labels[j].year
            unit = resolve(unit_text, index, y)
            if unit is None:
                continue
            pair = rank_and_score(cells[j])
            for m, cell in [("rank", pair[0]), ("score", pair[1])] if pair else [(metric, cells[j])]:
                value = _value(cell, m, rank_limit(unit, index, y))
                if value is not None:
                    facts.append(
                        _fact(unit.name, replace(label, role=m), index, y, m, value, row, cell, rule)
                    )
    if not facts:
        return Reading([], "years as columns, but no unit and metric for the rows")
    return Reading(facts)


def _read_year_rows(table: Table, text: str, setting: Setting, labels: list[Label]) -> Reading:
    index = setting.index_code
    if setting.unit_text is None:
        return Reading([], "years as rows, but no unit named for the table")
    facts = []
    for cells in table.body:
        row, y = _row(cells, text), int(cells[0].text)
        unit = resolve(setting.unit_text, index, y)
        for j in range(1, min(len(cells), len(labels))):
            metric = _METRICS.get(labels[j].role)
            if metric is None or unit is None:
                continue
            value = _value(cells[j], metric, rank_limit(unit, index, y))
            if value is not None:
                facts.append(
                    _fact(unit.name, labels[j], index, y, metric, value, row, cells[j], "table.profile")
                )
    return Reading(facts, None if facts else "years as rows, but no metric named for the columns")
