"""The units dimension: the gazetteer's data files as warehouse tables, and
each fact's entity resolved to its unit.

``extractors/gazetteer/units.toml`` and ``editions.toml`` are loaded into
``units``, ``unit_aliases``, ``unit_maps``, ``unit_lineage``,
``edition_maps``, ``index_groups`` and ``ranking_groups``.  Two more tables
say what the facts' names and editions are in terms of units, computed
from the same data: ``entity_units`` (each entity, index and edition the
facts name: its unit, or why none) and ``edition_units`` (each edition the
facts name: the units it ranks, in which table).  A load adds the rows of
its new names and editions in its own transaction; when the data files
change (a new alias, a unit fixed), the next write session reloads every
table from them (:func:`sync_units`, keyed on a digest of the files).  Fact
rows are never touched: the views join them to these tables.

``unit_key(name)`` is :func:`extractors.gazetteer.name_key` in SQL, built
from the same constants, for the analyst's ``unit('TP.HCM')``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

import duckdb
import pyarrow as pa

from extractors import gazetteer
from extractors.gazetteer import Gazetteer

# --- the SQL name key -----------------------------------------------------------

# Python's \s, in RE2 (whose \s is ASCII only)
_SPACE = r"\s\pZ\x{0b}\x{1c}-\x{1f}\x{85}"
# put between the vowels of a pair whose tone mark moves; never in a name
_MARK = "\u00b6"


def _literal(text: str) -> str:
    """``text`` as RE2 pattern characters (each one by its code point)."""
    return "".join(c if c.isalnum() else f"\\x{{{ord(c):x}}}" for c in text)


def unit_key_sql() -> str:
    """The body of the ``unit_key(name)`` macro: name_key in SQL.

    RE2 has no look-around: the tone-mark rule ("at a syllable's end, not
    after q") marks the pairs it applies to, capturing the characters around
    them, and plain replaces then move the marks; a pair right after another
    one's end is marked by the second pass.  Regexes are few because each
    costs a compilation per query."""
    pairs = gazetteer.tone_pairs()
    firsts = "".join(sorted({w[0] for w, _ in pairs}))
    seconds = "".join(sorted({w[1] for w, _ in pairs}))
    pair_at_end = f"(^|[^q])([{firsts}])([{seconds}])([^\\pL]|$)"
    key = "lower(nfc_normalize(name))"
    for _ in range(2):
        key = f"regexp_replace({key}, '{pair_at_end}', '\\1\\2{_MARK}\\3\\4', 'g')"
    for written, keyed in pairs:
        key = f"replace({key}, '{written[0]}{_MARK}{written[1]}', '{keyed}')"
    key = f"replace({key}, '{_MARK}', '')"
    key = f"regexp_replace({key}, '^[{_SPACE}]+|[{_SPACE}]+$', '', 'g')"
    prefixes = "|".join(_literal(p) for p in gazetteer.KEY_PREFIXES)
    key = f"regexp_replace({key}, '^({prefixes})[{_SPACE}]*([^{_SPACE}])', '\\2')"
    suffixes = "|".join(_literal(s) for s in gazetteer.KEY_SUFFIXES)
    key = f"regexp_replace({key}, '[{_SPACE}]*\\(({suffixes})\\)[{_SPACE}]*$', '')"
    separators = f"[{_SPACE}{_literal(gazetteer.KEY_SEPARATORS)}]+"
    dropped = ", ".join(f"'{w}'" for w in gazetteer.KEY_DROPPED_WORDS)
    return (
        f"array_to_string(list_filter(string_split_regex({key}, '{separators}'),"
        f" lambda w: w <> '' AND w NOT IN ({dropped})), '')"
    )


def unit_key_macro() -> str:
    return f"CREATE OR REPLACE MACRO unit_key(name) AS {unit_key_sql()}"


# --- the tables' rows -------------------------------------------------------------

_STRINGS = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "units": pa.schema(
        [
            ("unit_id", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("unit_group", pa.string()),
            ("editions", pa.string()),
            ("first_edition", pa.int32()),
            ("last_edition", pa.int32()),
            ("also_in", _STRINGS),
            ("not_in", _STRINGS),
            ("maps", _STRINGS),
            ("aliases", _STRINGS),
            ("ordinal", pa.int32()),
        ]
    ),
    "unit_aliases": pa.schema([("unit_id", pa.string()), ("alias", pa.string()), ("alias_key", pa.string())]),
    "unit_maps": pa.schema([("unit_id", pa.string()), ("map", pa.string())]),
    "unit_lineage": pa.schema(
        [
            ("unit_id", pa.string()),
            ("unit_name", pa.string()),
            ("formed_from", pa.string()),
            ("formed_from_name", pa.string()),
            ("changed_on", pa.date32()),
            ("change", pa.string()),
        ]
    ),
    "edition_maps": pa.schema(
        [
            ("index_code", pa.string()),
            ("first_edition", pa.int32()),
            ("last_edition", pa.int32()),
            ("unit_group", pa.string()),
            ("map", pa.string()),
            ("rule", pa.string()),
            ("complete", pa.bool_()),
        ]
    ),
    "index_groups": pa.schema([("index_code", pa.string()), ("unit_group", pa.string())]),
    "ranking_groups": pa.schema(
        [("index_code", pa.string()), ("unit_id", pa.string()), ("group_key", pa.string())]
    ),
    "entity_units": pa.schema(
        [
            ("entity", pa.string()),
            ("index_code", pa.string()),
            ("year", pa.int32()),
            ("entity_key", pa.string()),
            ("unit_id", pa.string()),
            ("unit_name", pa.string()),
            ("unit_kind", pa.string()),
            ("unit_group", pa.string()),
            ("reason", pa.string()),
            ("known_as", _STRINGS),
        ]
    ),
    "edition_units": pa.schema(
        [
            ("index_code", pa.string()),
            ("year", pa.int32()),
            ("unit_id", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("unit_group", pa.string()),
            ("ranked_on", pa.string()),
            ("complete", pa.bool_()),
            ("units_on_map", pa.int32()),
        ]
    ),
}
DIMENSION = (
    "units",
    "unit_aliases",
    "unit_maps",
    "unit_lineage",
    "edition_maps",
    "index_groups",
    "ranking_groups",
)


def _edition_maps(g: Gazetteer) -> list[dict]:
    rules = [(None, p.first, p.last, p.maps, "period") for p in g.periods]
    rules += [(index, year, year, groups, "exception") for (index, year), groups in g.exceptions.items()]
    rules += [(None, None, None, g.always, "always")]
    return [
        {
            "index_code": index,
            "first_edition": first,
            "last_edition": last,
            "unit_group": group,
            "map": map_name,
            "rule": rule,
            "complete": map_name in g.complete_maps,
        }
        for index, first, last, groups, rule in rules
        for group, maps in groups.items()
        for map_name in maps
    ]


def _editions(unit: gazetteer.Unit, g: Gazetteer) -> dict:
    """Which editions rank ``unit``, by period (a range of years), the
    editions an exception adds or takes away, and all that in words."""
    always = any(set(maps) & set(unit.maps) for maps in g.always.values())
    spans = [(p.first, p.last) for p in g.periods if set(unit.maps) & set(p.maps.get(unit.group, ()))]
    first = None if always or any(f is None for f, _ in spans) else min(f for f, _ in spans)
    last = None if always or any(t is None for _, t in spans) else max(t for _, t in spans)
    also_in, not_in = [], []
    for (index, year), groups in g.exceptions.items():
        if always or unit.group not in groups:
            continue
        by_period = any((f is None or year >= f) and (t is None or year <= t) for f, t in spans)
        by_exception = bool(set(groups[unit.group]) & set(unit.maps))
        if by_exception != by_period:
            (also_in if by_exception else not_in).append(f"{index} {year}")
    if first is None and last is None:
        words = "every edition"
    elif first is None:
        words = f"editions to {last}"
    elif last is None:
        words = f"editions from {first}"
    else:
        words = f"editions {first}-{last}"
    words += "".join(f", and {e}" for e in also_in) + "".join(f", not {e}" for e in not_in)
    return {
        "editions": words,
        "first_edition": first,
        "last_edition": last,
        "also_in": also_in,
        "not_in": not_in,
    }


def dimension_rows(g: Gazetteer) -> dict[str, list[dict]]:
    """The dimension tables' rows."""
    units, aliases, maps = [], [], []
    for ordinal, unit in enumerate(g.units):
        names = list(dict.fromkeys((unit.name, *unit.aliases)))
        units.append(
            {
                "unit_id": unit.id,
                "name": unit.name,
                "kind": unit.kind,
                "unit_group": unit.group,
                **_editions(unit, g),
                "maps": list(unit.maps),
                "aliases": names,
                "ordinal": ordinal,
            }
        )
        aliases += [{"unit_id": unit.id, "alias": a, "alias_key": gazetteer.name_key(a)} for a in names]
        maps += [{"unit_id": unit.id, "map": m} for m in unit.maps]
    lineage = [
        {
            "unit_id": change.unit,
            "unit_name": g.by_id[change.unit].name,
            "formed_from": part,
            "formed_from_name": g.by_id[part].name,
            "changed_on": change.date,
            "change": change.kind,
        }
        for change in g.changes
        for part in change.formed_from
    ]
    index_groups = [{"index_code": None, "unit_group": group} for group in g.default_groups]
    index_groups += [
        {"index_code": i, "unit_group": group} for i, gs in g.index_groups.items() for group in gs
    ]
    return {
        "units": units,
        "unit_aliases": aliases,
        "unit_maps": maps,
        "unit_lineage": lineage,
        "edition_maps": _edition_maps(g),
        "index_groups": index_groups,
        "ranking_groups": [
            {"index_code": s.index, "unit_id": u, "group_key": s.name}
            for s in g.subgroups
            for u in sorted(s.units)
        ],
    }


def _described(unit: gazetteer.Unit, g: Gazetteer) -> str:
    return f"{unit.name} ({unit.id}, {_editions(unit, g)['editions']})"


def entity_rows(g: Gazetteer, names: Iterable[tuple[str, str, int]]) -> list[dict]:
    """Each (entity, index, edition): its unit, or the reason it has none
    and the units of other editions or indices the name may mean."""
    found = []
    for entity, index_code, year in names:
        unit = gazetteer.resolve(entity, index_code, year, g)
        row = {
            "entity": entity,
            "index_code": index_code,
            "year": year,
            "entity_key": gazetteer.name_key(entity),
        }
        if unit is not None:
            group = gazetteer.ranking_group(unit, index_code, g)
            row |= {"unit_id": unit.id, "unit_name": unit.name, "unit_kind": unit.kind, "unit_group": group}
        else:
            others = gazetteer.candidates(entity, g)
            maps = gazetteer.maps_for(index_code, year, g)
            if not others:
                reason = "not in the gazetteer"
            elif any(maps.intersection(u.maps) for u in others):
                reason = "not ranked by this index"
            else:
                reason = "not ranked in this edition"
            row |= {"reason": reason, "known_as": [_described(u, g) for u in others] or None}
        found.append(row)
    return found


def edition_rows(g: Gazetteer, editions: Iterable[tuple[str, int]]) -> list[dict]:
    """Each edition's units, in the tables (groups) its index ranks them in."""
    found = []
    for index_code, year in editions:
        maps = gazetteer.maps_for(index_code, year, g)
        tables: dict[str, list[gazetteer.Unit]] = {}
        for unit in gazetteer.edition_units(index_code, year, g):
            tables.setdefault(gazetteer.ranking_group(unit, index_code, g), []).append(unit)
        for group_key, units in tables.items():
            on = sorted(maps.intersection(m for u in units for m in u.maps))
            complete = all(m in g.complete_maps for m in on)
            found += [
                {
                    "index_code": index_code,
                    "year": year,
                    "unit_id": u.id,
                    "name": u.name,
                    "kind": u.kind,
                    "unit_group": group_key,
                    "ranked_on": ", ".join(on),
                    "complete": complete,
                    "units_on_map": len(units),
                }
                for u in units
            ]
    return found


# --- loading, and following the files -----------------------------------------------------


def _files() -> tuple[bytes, bytes]:
    return gazetteer.UNITS_FILE.read_bytes(), gazetteer.EDITIONS_FILE.read_bytes()


def digest(files: Sequence[bytes]) -> str:
    """What the tables were loaded from: the data files and the key macro."""
    h = hashlib.sha256()
    for part in (*files, unit_key_sql().encode()):
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


@lru_cache(maxsize=4)
def _parsed(units_text: str, editions_text: str) -> Gazetteer:
    return gazetteer.parse(units_text, editions_text)


def current() -> tuple[str, Gazetteer]:
    """The data files' digest and gazetteer, as they are now."""
    files = _files()
    return digest(files), _parsed(*(f.decode("utf-8") for f in files))


def _insert(con: duckdb.DuckDBPyConnection, table: str, table_rows: list[dict]) -> None:
    if not table_rows:
        return
    con.register("unit_rows", pa.Table.from_pylist(table_rows, schema=SCHEMAS[table]))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM unit_rows").fetchall()  # names from SCHEMAS
    finally:
        con.unregister("unit_rows")


def resolve_new(con: duckdb.DuckDBPyConnection, g: Gazetteer, facts: str = "fact_versions") -> None:
    """Resolve the names and editions of ``facts`` (a table or a registered
    batch) that ``entity_units`` and ``edition_units`` do not hold yet."""
    names = con.execute(
        f"SELECT DISTINCT entity, index_code, year FROM {facts} f"  # chiso's own table names
        " WHERE NOT EXISTS (SELECT 1 FROM entity_units e WHERE e.entity = f.entity"
        " AND e.index_code = f.index_code AND e.year = f.year)"
    ).fetchall()
    _insert(con, "entity_units", entity_rows(g, names))
    editions = con.execute(
        f"SELECT DISTINCT index_code, year FROM {facts} f"
        " WHERE NOT EXISTS (SELECT 1 FROM edition_units e WHERE e.index_code = f.index_code"
        " AND e.year = f.year)"
    ).fetchall()
    _insert(con, "edition_units", edition_rows(g, editions))


def load_units(con: duckdb.DuckDBPyConnection) -> None:
    """Replace every table of the dimension with the data files' rows and
    resolve every fact's name again (in the caller's transaction)."""
    stamp, g = current()
    con.execute(unit_key_macro()).fetchall()
    for table in (*DIMENSION, "entity_units", "edition_units", "gazetteer_state"):
        con.execute(f"DELETE FROM {table}").fetchall()  # names from this module, never user text
    for table, table_rows in dimension_rows(g).items():
        _insert(con, table, table_rows)
    resolve_new(con, g)
    con.execute(
        "INSERT INTO gazetteer_state VALUES (?, current_timestamp, ?, ?)",
        [stamp, len(g.units), sum(len(u.aliases) for u in g.units)],
    ).fetchall()


def units_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the data files changed since the tables were loaded."""
    stored = con.execute("SELECT max(digest) FROM gazetteer_state").fetchall()[0][0]
    return stored != current()[0]


def sync_units(con: duckdb.DuckDBPyConnection) -> bool:
    """Reload the tables if the data files changed; True if they did."""
    if not units_stale(con):
        return False
    con.execute("BEGIN TRANSACTION").fetchall()
    try:
        load_units(con)
        con.execute("COMMIT").fetchall()
    except BaseException:
        con.execute("ROLLBACK").fetchall()
        raise
    return True
