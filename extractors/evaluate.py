"""Scoring extracted facts against a gold file, as FACTS.md defines it.

Facts are compared on (source, entity, index_code, component, year, metric,
value); scores compare equal when they differ by less than 1e-6; a fact
stated twice counts once.  ``source`` is compared by file name, so a gold
line for ``vn-006.txt`` matches a fact loaded from
``/any/where/vn-006.txt``.  The loose score ignores ``component``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

TOLERANCE = 1e-6


@dataclass(frozen=True, slots=True)
class Item:
    source: str
    entity: str
    index_code: str
    component: str | None
    year: int
    metric: str
    value: float
    evidence: str = ""


@dataclass(slots=True)
class Score:
    true_positives: int = 0
    extracted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    strict: Score
    loose: Score
    by_metric: dict[str, Score] = field(default_factory=dict)
    by_index: dict[str, Score] = field(default_factory=dict)
    false_positives: list[Item] = field(default_factory=list)
    misses: list[Item] = field(default_factory=list)


def source_name(source: str) -> str:
    """The file name of a path or the last segment of a URL."""
    return PurePosixPath(source.replace("\\", "/").rstrip("/")).name or source


def read_gold(lines: Iterable[str]) -> list[Item]:
    items = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            row = json.loads(line)
            items.append(_item(row))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"gold line {number}: {exc}") from exc
    return items


def _item(row: Mapping) -> Item:
    return Item(
        source=source_name(str(row["source"])),
        entity=str(row["entity"]),
        index_code=str(row["index_code"]),
        component=row.get("component"),
        year=int(row["year"]),
        metric=str(row["metric"]),
        value=float(row["value"]),
        evidence=str(row.get("evidence") or ""),
    )


def items_from_rows(rows: Iterable[Mapping]) -> list[Item]:
    return [_item(row) for row in rows]


def _key(item: Item, strict: bool) -> tuple:
    return (
        item.source,
        item.entity,
        item.index_code,
        item.component if strict else None,
        item.year,
        item.metric,
    )


def _match(extracted: list[Item], gold: list[Item], strict: bool):
    """Greedy one-to-one matching within equal keys, values within tolerance."""
    gold_by_key: dict[tuple, list[Item]] = defaultdict(list)
    for g in _unique(gold, strict):
        gold_by_key[_key(g, strict)].append(g)
    matched_gold: set[int] = set()
    tp: list[Item] = []
    fp: list[Item] = []
    for e in _unique(extracted, strict):
        candidates = gold_by_key.get(_key(e, strict), [])
        hit = next(
            (g for g in candidates if id(g) not in matched_gold and abs(g.value - e.value) < TOLERANCE),
            None,
        )
        if hit is None:
            fp.append(e)
        else:
            matched_gold.add(id(hit))
            tp.append(e)
    misses = [g for g in _unique(gold, strict) if id(g) not in matched_gold]
    return tp, fp, misses


def _unique(items: list[Item], strict: bool) -> list[Item]:
    seen: list[Item] = []
    keys: dict[tuple, list[float]] = defaultdict(list)
    for item in items:
        values = keys[_key(item, strict)]
        if any(abs(v - item.value) < TOLERANCE for v in values):
            continue
        values.append(item.value)
        seen.append(item)
    return seen


def evaluate(extracted: list[Item], gold: list[Item], sources: set[str] | None = None) -> Report:
    """Score ``extracted`` against ``gold``.  When ``sources`` is given, only
    facts from those files count (gold for a file not read is a miss)."""
    if sources is not None:
        extracted = [e for e in extracted if e.source in sources]
    tp, fp, misses = _match(extracted, gold, strict=True)
    loose_tp, loose_fp, loose_misses = _match(extracted, gold, strict=False)
    report = Report(
        strict=Score(len(tp), len(tp) + len(fp), len(tp) + len(misses)),
        loose=Score(len(loose_tp), len(loose_tp) + len(loose_fp), len(loose_tp) + len(loose_misses)),
        false_positives=fp,
        misses=misses,
    )
    for name, attr in (("by_metric", "metric"), ("by_index", "index_code")):
        table: dict[str, Score] = defaultdict(Score)
        for item in tp:
            score = table[getattr(item, attr)]
            score.true_positives += 1
            score.extracted += 1
            score.expected += 1
        for item in fp:
            table[getattr(item, attr)].extracted += 1
        for item in misses:
            table[getattr(item, attr)].expected += 1
        setattr(report, name, dict(sorted(table.items())))
    return report


def format_report(report: Report) -> str:
    lines = []

    def row(label: str, score: Score) -> str:
        return (
            f"{label:<22} precision {score.precision:6.3f}  recall {score.recall:6.3f}  "
            f"F1 {score.f1:6.3f}   ({score.true_positives} right, {score.extracted} extracted, "
            f"{score.expected} expected)"
        )

    lines.append(row("strict", report.strict))
    lines.append(row("ignoring component", report.loose))
    lines.append("")
    lines.append("by metric (strict):")
    for name, score in report.by_metric.items():
        lines.append("  " + row(name, score))
    lines.append("by index (strict):")
    for name, score in report.by_index.items():
        lines.append("  " + row(name, score))

    def describe(item: Item) -> str:
        component = item.component or "-"
        text = (
            f"  {item.source}: {item.entity} | {item.index_code} {component} {item.year} "
            f"{item.metric}={item.value:g}"
        )
        if item.evidence:
            text += f'\n      "{item.evidence}"'
        return text

    lines.append("")
    lines.append(f"false positives ({len(report.false_positives)}):")
    lines.extend(describe(i) for i in sorted(report.false_positives, key=_order))
    lines.append("")
    lines.append(f"misses ({len(report.misses)}):")
    lines.extend(describe(i) for i in sorted(report.misses, key=_order))
    return "\n".join(lines)


def _order(item: Item):
    return (item.source, item.entity, item.index_code, item.component or "", item.year, item.metric)
