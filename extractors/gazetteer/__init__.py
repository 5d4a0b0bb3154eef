"""The gazetteer: every ranked unit, the maps editions were ranked on, and
how the 2025 reforms formed new units from old (``units.toml``,
``editions.toml``; data, not code).

The fact extractor, the table reader and the warehouse's ``units``
dimension all read these two files, so a unit or a spelling added once is
known everywhere.  Names are matched by :func:`name_key`, which forgives
case, tone-mark placement, the "tỉnh"/"thành phố"/"TP." prefix, spaces,
dots, dashes, "và"/"&" and a trailing "(cũ)"/"(mới)".  The warehouse
computes the same key in SQL from the ``KEY_*`` constants below.
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
    maps: dict[str, tuple[str, ...]]  # group -> maps

    def holds(self, year: int) -> bool:
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)


@dataclass(frozen=True, slots=True)
class Subgroup:
    """Units of ``group`` that ``index`` ranks in a table of their own."""

    index: str
    group: str
    name: str
    units: frozenset[str]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    units: tuple[Unit, ...]
    changes: tuple[Change, ...]
    periods: tuple[Period, ...]
    exceptions: dict[tuple[str, int], dict[str, tuple[str, ...]]]  # (index, year) -> group -> maps
    always: dict[str, tuple[str, ...]]  # group -> maps ranked in every edition
    index_groups: dict[str, tuple[str, ...]]  # index -> groups it ranks
    default_groups: tuple[str, ...]  # what an index not in index_groups ranks
    complete_maps: frozenset[str]  # maps holding every unit their editions rank
    subgroups: tuple[Subgroup, ...]
    by_key: dict[str, tuple[Unit, ...]]
    by_id: dict[str, Unit]


# What name_key forgives, as data the warehouse's SQL key is built from too.
KEY_PREFIXES = ("tỉnh", "thành phố", "tp.", "tp")  # "tp." before "tp": the longer first
KEY_SUFFIXES = ("cũ", "mới")  # "Quảng Nam (cũ)", "Lâm Đồng (mới)"
KEY_SEPARATORS = ".-&,'()/\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # and any space
KEY_DROPPED_WORDS = ("và",)

_PREFIX_RE = re.compile(r"^(?:" + "|".join(map(re.escape, KEY_PREFIXES)) + r")\s*(?=\S)")
_SUFFIX_RE = re.compile(r"\s*\((?:" + "|".join(KEY_SUFFIXES) + r")\)\s*$")
_SEPARATORS_RE = re.compile("[\\s" + re.escape(KEY_SEPARATORS) + "]+")


def name_key(text: str) -> str:
    """The form two spellings of one name share: "TP. Hồ Chí Minh" and
    "thành phố Hồ  Chí Minh", "Thừa Thiên - Huế" and "Thừa Thiên Huế",
    "Bộ TT&TT" and "Bộ TT-TT"."""
    text = fix_tone_marks(unicodedata.normalize("NFC", text).lower()).strip()
    text = _SUFFIX_RE.sub("", _PREFIX_RE.sub("", text))
    return "".join(w for w in _SEPARATORS_RE.split(text) if w and w not in KEY_DROPPED_WORDS)


def tone_pairs() -> tuple[tuple[str, str], ...]:
    """The lower-case vowel pairs whose tone mark name_key moves ("oà" ->
    "òa" at a syllable's end), as (written, keyed)."""
    pairs = []
    for first in "ou":
        for second in "àáảãạèéẻẽẹỳýỷỹỵ":
            fixed = fix_tone_marks(first + second)
            if fixed != first + second:
                pairs.append((first + second, fixed))
    return tuple(pairs)


def _period(entry: dict) -> Period:
    maps = {k: tuple(v) for k, v in entry.items() if k not in ("from", "until")}
    return Period(entry.get("from"), entry.get("until"), maps)


@cache
def load() -> Gazetteer:
    """The gazetteer of the data files beside this module, read once."""
    return parse(UNITS_FILE.read_text(encoding="utf-8"), EDITIONS_FILE.read_text(encoding="utf-8"))


def parse(units_text: str, editions_text: str) -> Gazetteer:
    """A gazetteer from the text of a units file and an editions file."""
    units_data = tomllib.loads(units_text)
    editions = tomllib.loads(editions_text)
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
        (e["index"], e["year"]): {k: tuple(v) for k, v in e.items() if k not in ("index", "year")}
        for e in editions.get("exceptions", [])
    }
    indices = dict(editions["indices"])
    return Gazetteer(
        units=units,
        changes=changes,
        periods=tuple(_period(p) for p in editions["periods"]),
        exceptions=exceptions,
        always={k: tuple(v) for k, v in editions.get("always", {}).items()},
        index_groups={k: tuple(v) for k, v in indices.items() if k != "default"},
        default_groups=tuple(indices["default"]),
        complete_maps=frozenset(editions.get("complete", {}).get("maps", ())),
        subgroups=tuple(
            Subgroup(s["index"], s["group"], s["name"], frozenset(s["units"]))
            for s in editions.get("subgroups", [])
        ),
        by_key={k: tuple(dict.fromkeys(v)) for k, v in by_key.items()},
        by_id={u.id: u for u in units},
    )


def groups_ranked(index_code: str, g: Gazetteer | None = None) -> tuple[str, ...]:
    """The groups of units an index ranks (GII and EGDI rank countries).
    ``g``, here and below: another gazetteer than the files' (:func:`parse`)."""
    g = g or load()
    return g.index_groups.get(index_code, g.default_groups)


def maps_for(index_code: str, year: int, g: Gazetteer | None = None) -> frozenset[str]:
    """Every map the edition ``index_code`` ``year`` was ranked on."""
    g = g or load()
    by_group: dict[str, set[str]] = {}
    for period in g.periods:
        if period.holds(year):
            for group, maps in period.maps.items():
                by_group.setdefault(group, set()).update(maps)
    by_group.update({group: set(maps) for group, maps in g.exceptions.get((index_code, year), {}).items()})
    for group, maps in g.always.items():
        by_group.setdefault(group, set()).update(maps)
    return frozenset(m for maps in by_group.values() for m in maps)


def candidates(text: str, g: Gazetteer | None = None) -> tuple[Unit, ...]:
    """Every unit, of any period, that ``text`` may name."""
    return (g or load()).by_key.get(name_key(text), ())


def resolve(text: str, index_code: str, year: int, g: Gazetteer | None = None) -> Unit | None:
    """The unit ``text`` names in edition ``index_code`` ``year``: the one
    on the map that edition was ranked on and in a group the index ranks.
    None for a unit merged away before the edition ("Quảng Nam" in 2025),
    for a country in a provincial index, or for a name not in the gazetteer."""
    maps = maps_for(index_code, year, g)
    groups = groups_ranked(index_code, g)
    for unit in candidates(text, g):
        if unit.group in groups and maps.intersection(unit.maps):
            return unit
    return None


def edition_units(index_code: str, year: int, g: Gazetteer | None = None) -> tuple[Unit, ...]:
    """Every unit the edition ``index_code`` ``year`` ranks (on its maps,
    in the groups the index ranks)."""
    maps = maps_for(index_code, year, g)
    groups = groups_ranked(index_code, g)
    return tuple(u for u in (g or load()).units if u.group in groups and maps.intersection(u.maps))


def ranking_group(unit: Unit, index_code: str, g: Gazetteer | None = None) -> str:
    """The table ``index_code`` ranks ``unit`` in: its group, or a subgroup
    the index ranks apart (DTI's ministries without public services)."""
    for subgroup in (g or load()).subgroups:
        if subgroup.index == index_code and unit.id in subgroup.units:
            return subgroup.name
    return unit.group


def predecessors(unit_id: str, g: Gazetteer | None = None) -> tuple[Unit, ...]:
    """The units ``unit_id`` was formed from (itself excluded), or ()."""
    g = g or load()
    for change in g.changes:
        if change.unit == unit_id:
            return tuple(g.by_id[u] for u in change.formed_from)
    return ()
