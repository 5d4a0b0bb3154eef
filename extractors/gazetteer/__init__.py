"""The gazetteer: every ranked unit, the maps editions were ranked on, and
how the 2025 reforms formed new units from old (``units.toml``,
``editions.toml``; data, not code).

The fact extractor, the table reader and the warehouse's ``units``
dimension all read these two files, so a unit or a spelling added once is
known everywhere.  Names are matched by :func:`name_key`, which forgives
case, tone-mark placement, the "tỉnh"/"thành phố"/"TP." prefix, spaces,
dots, dashes and "và"/"&".
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from extractors.text.normalize import fix_tone_marks

HERE = Path(__file__).parent
UNITS_FILE = HERE / "units.toml"
EDITIONS_FILE = HERE / "editions.toml"


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    name: str
    kind: str  # city | province | ministry | agency | country | other
    group: str  # the table it is ranked in: provinces | ministries | countries | other
    maps: tuple[str, ...]
    aliases: tuple[str, ...]
    prefixed_only: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """``unit`` was formed from ``formed_from`` on ``date`` by a ``kind``
    (merger, rename, reorganisation)."""

    unit: str
    formed_from: tuple[str, ...]
    date: date
    kind: str


@dataclass(frozen=True, slots=True)
class Period:
    first: int | None
    last: int | None
    maps: dict[str, str]  # group -> map

    def holds(self, year: int) -> bool:
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    units: tuple[Unit, ...]
    changes: tuple[Change, ...]
    periods: tuple[Period, ...]
    exceptions: dict[tuple[str, int], dict[str, str]]  # (index, year) -> group -> map
    always: dict[str, tuple[str, ...]]  # group -> maps ranked in every edition
    index_groups: dict[str, tuple[str, ...]]  # index -> groups it ranks
    by_key: dict[str, tuple[Unit, ...]]
    by_id: dict[str, Unit]


_PREFIX_RE = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s*(?=\S)")
_SEPARATORS_RE = re.compile(r"[\s.\-&,'()/]+")


def name_key(text: str) -> str:
    """The form two spellings of one name share: "TP. Hồ Chí Minh" and
    "thành phố Hồ  Chí Minh", "Thừa Thiên - Huế" and "Thừa Thiên Huế",
    "Bộ TT&TT" and "Bộ TT-TT"."""
    text = fix_tone_marks(unicodedata.normalize("NFC", text)).lower().strip()
    text = _PREFIX_RE.sub("", text)
    return "".join(w for w in _SEPARATORS_RE.split(text) if w and w != "và")


def _period(entry: dict) -> Period:
    maps = {k: v for k, v in entry.items() if k not in ("from", "until")}
    return Period(entry.get("from"), entry.get("until"), maps)


@cache
def load() -> Gazetteer:
    units_data = tomllib.loads(UNITS_FILE.read_text(encoding="utf-8"))
    editions = tomllib.loads(EDITIONS_FILE.read_text(encoding="utf-8"))
    kinds = units_data["kinds"]
    units = tuple(
        Unit(
            id=u["id"],
            name=u["name"],
            kind=u["kind"],
            group=kinds[u["kind"]],
            maps=tuple(u["maps"]),
            aliases=tuple(u["aliases"]),
            prefixed_only=tuple(u.get("prefixed_only", ())),
        )
        for u in units_data["units"]
    )
    changes = tuple(
        Change(c["unit"], tuple(c["formed_from"]), c["date"], c["kind"]) for c in units_data["changes"]
    )
    by_key: dict[str, list[Unit]] = {}
    for unit in units:
        for alias in dict.fromkeys((unit.name, *unit.aliases)):
            by_key.setdefault(name_key(alias), []).append(unit)
    exceptions = {
        (e["index"], e["year"]): {k: v for k, v in e.items() if k not in ("index", "year")}
        for e in editions.get("exceptions", [])
    }
    return Gazetteer(
        units=units,
        changes=changes,
        periods=tuple(_period(p) for p in editions["periods"]),
        exceptions=exceptions,
        always={k: tuple(v) for k, v in editions.get("always", {}).items()},
        index_groups={k: tuple(v) for k, v in editions.get("indices", {}).items()},
        by_key={k: tuple(dict.fromkeys(v)) for k, v in by_key.items()},
        by_id={u.id: u for u in units},
    )


DEFAULT_GROUPS = ("provinces", "ministries", "other")


def groups_ranked(index_code: str) -> tuple[str, ...]:
    """The groups of units an index ranks (GII and EGDI rank countries)."""
    return load().index_groups.get(index_code, DEFAULT_GROUPS)


def maps_for(index_code: str, year: int) -> frozenset[str]:
    """Every map the edition ``index_code`` ``year`` was ranked on."""
    g = load()
    maps: set[str] = set()
    for period in g.periods:
        if period.holds(year):
            maps.update(period.maps.values())
    exception = g.exceptions.get((index_code, year), {})
    for group, map_name in exception.items():
        maps.difference_update(p.maps[group] for p in g.periods if group in p.maps)
        maps.add(map_name)
    for extra in g.always.values():
        maps.update(extra)
    return frozenset(maps)


def candidates(text: str) -> tuple[Unit, ...]:
    """Every unit, of any period, that ``text`` may name."""
    return load().by_key.get(name_key(text), ())


def resolve(text: str, index_code: str, year: int) -> Unit | None:
    """The unit ``text`` names in edition ``index_code`` ``year``: the one
    on the map that edition was ranked on and in a group the index ranks.
    None for a unit merged away before the edition ("Quảng Nam" in 2025),
    for a country in a provincial index, or for a name not in the gazetteer."""
    maps = maps_for(index_code, year)
    groups = groups_ranked(index_code)
    for unit in candidates(text):
        if unit.group in groups and maps.intersection(unit.maps):
            return unit
    return None


def predecessors(unit_id: str) -> tuple[Unit, ...]:
    """The units ``unit_id`` was formed from (itself excluded), or ()."""
    g = load()
    for change in g.changes:
        if change.unit == unit_id:
            return tuple(g.by_id[u] for u in change.formed_from)
    return ()
