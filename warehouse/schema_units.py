"""Migration 6's statements: the units dimension and the views that use it.

Facts are joined to their units through ``entity_units`` (each entity,
index and edition the facts name, resolved from the gazetteer's data by
warehouse/units.py).  Ranks are compared within one edition and one table
(``unit_group``: provinces, ministries, countries, or a table an index
ranks apart, such as DTI's ministries without public services), and never
across editions ranked on different maps (``ranked_on``).
"""

from __future__ import annotations

from warehouse.units import unit_key_macro

# Words by which an article states that two units share a rank.
TIE_WORDS = r"đồng hạng|cùng (xếp|đứng|giữ|chia sẻ|ở) (thứ|hạng|vị trí)|ngang (hạng|bằng|nhau)|bằng điểm"

_TABLES = (
    "ALTER TABLE fact_versions ADD COLUMN group_size INTEGER",
    # Loaded from extractors/gazetteer/*.toml (warehouse/units.py) and
    # replaced whole when the files change: no keys to trip over a reload.
    """
    CREATE TABLE units (
        unit_id       VARCHAR NOT NULL,
        name          VARCHAR NOT NULL,
        kind          VARCHAR NOT NULL,
        unit_group    VARCHAR NOT NULL,
        editions      VARCHAR NOT NULL,
        first_edition INTEGER,
        last_edition  INTEGER,
        also_in       VARCHAR[] NOT NULL,
        not_in        VARCHAR[] NOT NULL,
        maps          VARCHAR[] NOT NULL,
        aliases       VARCHAR[] NOT NULL,
        ordinal       INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE unit_aliases (
        unit_id VARCHAR NOT NULL, alias VARCHAR NOT NULL, alias_key VARCHAR NOT NULL
    )
    """,
    "CREATE TABLE unit_maps (unit_id VARCHAR NOT NULL, map VARCHAR NOT NULL)",
    """
    CREATE TABLE unit_lineage (
        unit_id          VARCHAR NOT NULL,
        unit_name        VARCHAR NOT NULL,
        formed_from      VARCHAR NOT NULL,
        formed_from_name VARCHAR NOT NULL,
        changed_on       DATE NOT NULL,
        change           VARCHAR NOT NULL
    )
    """,
    # Which maps an edition was ranked on, per group: a period's maps, which
    # an exception for one index and year replaces, and maps always ranked.
    """
    CREATE TABLE edition_maps (
        index_code    VARCHAR,
        first_edition INTEGER,
        last_edition  INTEGER,
        unit_group    VARCHAR NOT NULL,
        map           VARCHAR NOT NULL,
        rule          VARCHAR NOT NULL,
        complete      BOOLEAN NOT NULL
    )
    """,
    # index_code NULL: the groups of an index not listed
    "CREATE TABLE index_groups (index_code VARCHAR, unit_group VARCHAR NOT NULL)",
    """
    CREATE TABLE ranking_groups (
        index_code VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, group_key VARCHAR NOT NULL
    )
    """,
    """
    CREATE TABLE gazetteer_state (
        digest VARCHAR NOT NULL, loaded_at TIMESTAMPTZ NOT NULL, units INTEGER NOT NULL,
        aliases INTEGER NOT NULL
    )
    """,
    # Each (entity, index, edition) the facts name: its unit, or why none.
    """
    CREATE TABLE entity_units (
        entity     VARCHAR NOT NULL,
        index_code VARCHAR NOT NULL,
        year       INTEGER NOT NULL,
        entity_key VARCHAR NOT NULL,
        unit_id    VARCHAR,
        unit_name  VARCHAR,
        unit_kind  VARCHAR,
        unit_group VARCHAR,
        reason     VARCHAR,
        known_as   VARCHAR[]
    )
    """,
    # Each edition the facts name: every unit it ranks, the table (group)
    # its index ranks it in, that table's maps and size.
    """
    CREATE TABLE edition_units (
        index_code   VARCHAR NOT NULL,
        year         INTEGER NOT NULL,
        unit_id      VARCHAR NOT NULL,
        name         VARCHAR NOT NULL,
        kind         VARCHAR NOT NULL,
        unit_group   VARCHAR NOT NULL,
        ranked_on    VARCHAR NOT NULL,
        complete     BOOLEAN NOT NULL,
        units_on_map INTEGER NOT NULL
    )
    """,
)

_UNIT_COLUMNS = "u.unit_id, u.name, u.kind, u.unit_group, u.editions, u.first_edition, u.last_edition"
_BY_PERIOD = (
    "(u.first_edition IS NULL OR yr >= u.first_edition) AND (u.last_edition IS NULL OR yr <= u.last_edition)"
)
_IN_EDITION = (
    f"(({_BY_PERIOD}) AND NOT list_contains(u.not_in, idx || ' ' || yr)"
    " OR list_contains(u.also_in, idx || ' ' || yr))"
    " AND u.unit_group IN (SELECT unit_group FROM index_groups g WHERE g.index_code = idx"
    " OR (g.index_code IS NULL AND NOT EXISTS (SELECT 1 FROM index_groups x WHERE x.index_code = idx)))"
)
_NO_SUCH_NAME = """CASE WHEN named.names IS NULL
    THEN 'no unit is called ''' || name || '''; the nearest names chiso knows: ' || nearest.names
    ELSE '''' || name || ''' names ' || named.names || '; none of them in the editions asked for' END"""


def _unit_macro_body(where: str) -> str:
    """unit(...)'s query: the units an alias names (and ``where`` holds
    for), or an error that says what the name does name, if anything."""
    return f"""(
        WITH typed AS (SELECT unit_key(name) AS key),
        found AS (
            SELECT {_UNIT_COLUMNS}, list(a.alias ORDER BY a.alias) AS matched, u.ordinal
            FROM typed, unit_aliases a JOIN units u USING (unit_id)
            WHERE a.alias_key = typed.key AND {where}
            GROUP BY ALL
        ),
        nearest AS (
            SELECT string_agg(alias, ', ' ORDER BY d, alias) AS names FROM (
                SELECT alias, min(levenshtein(alias_key, typed.key)) AS d
                FROM typed, unit_aliases GROUP BY alias ORDER BY d, alias LIMIT 3)
        ),
        named AS (
            SELECT string_agg(DISTINCT u.name || ' (' || u.unit_id || ', ' || u.editions || ')', '; ')
                   AS names
            FROM typed, unit_aliases a JOIN units u USING (unit_id) WHERE a.alias_key = typed.key
        )
        SELECT * EXCLUDE (ordinal) FROM (
            SELECT * FROM found
            UNION ALL
            SELECT error({_NO_SUCH_NAME})::VARCHAR, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM nearest, named WHERE NOT EXISTS (SELECT 1 FROM found)
        ) ORDER BY ordinal
    )"""


_MACROS = (
    # unit('TP.HCM'): every unit the name may mean; unit('Huế', 2023): the one
    # the editions of 2023 rank; unit('Huế', 2024, 'DTI'): the one DTI 2024 ranks.
    f"""
    CREATE MACRO unit(name) AS TABLE {_unit_macro_body("true")},
    (name, yr) AS TABLE {_unit_macro_body(_BY_PERIOD)},
    (name, yr, idx) AS TABLE {_unit_macro_body(_IN_EDITION)}
    """,
)

_FACT_VIEWS = (
    """
    CREATE OR REPLACE VIEW facts AS
    SELECT d.source, f.entity, f.index_code, f.component, f.year, f.metric, f.value,
           f.evidence, f.span_start, f.span_end, f.value_start, f.value_end, f.rule,
           f.extractor_version, f.doc_id, a.published_at, d.fetched_at,
           u.unit_id, u.unit_name, u.unit_kind, u.unit_group, f.group_size
    FROM document_versions d
    JOIN latest_extractions e USING (doc_id)
    JOIN fact_versions f ON f.doc_id = e.doc_id AND f.extractor_version = e.extractor_version
    LEFT JOIN article_versions a ON a.doc_id = e.doc_id AND a.extractor_version = e.extractor_version
    LEFT JOIN entity_units u ON u.entity = f.entity AND u.index_code = f.index_code AND u.year = f.year
    WHERE d.is_latest
    """,
    # Names the facts give that fit no unit of their edition, and why.
    """
    CREATE VIEW unresolved_entities AS
    SELECT f.entity, f.index_code, f.year, any_value(u.reason) AS reason,
           any_value(u.known_as) AS known_as,
           count(*) AS n_facts, count(DISTINCT f.source) AS n_articles,
           min(f.source) AS example_source, arg_min(f.evidence, f.source) AS example_evidence
    FROM facts f
    LEFT JOIN entity_units u ON u.entity = f.entity AND u.index_code = f.index_code AND u.year = f.year
    WHERE f.unit_id IS NULL
    GROUP BY f.entity, f.index_code, f.year
    """,
)

_RANK_VIEWS = (
    # (edition, group, rank) that an article states for two or more units,
    # or in words that say they share it: a tie, not a clash.
    f"""
    CREATE VIEW stated_ties AS
    SELECT DISTINCT index_code, component, year, unit_group, value AS rank
    FROM facts
    WHERE metric = 'rank' AND unit_id IS NOT NULL
    GROUP BY index_code, component, year, unit_group, value, source
    HAVING count(DISTINCT unit_id) > 1 OR bool_or(regexp_matches(lower(evidence), '{TIE_WORDS}'))
    """,
    # One row per unit (an unresolved name: per name), index, component and
    # edition; for the complete maps (the provinces) every unit of the
    # edition's table, stated or not, so coverage shows what is missing.
    """
    CREATE OR REPLACE VIEW rankings AS
    WITH seen AS (
        SELECT *, coalesce(published_at, fetched_at) AS seen_at, coalesce(unit_name, entity) AS name
        FROM facts
    ),
    per_value AS (
        SELECT unit_id, name, unit_group, index_code, component, year, metric, value,
               count(DISTINCT source) AS n_sources, max(seen_at) AS last_seen
        FROM seen GROUP BY ALL
    ),
    -- When articles disagree: the value most of them state, a tie going to
    -- the one seen last; ``disputed`` says there was a disagreement.
    best AS (
        SELECT * FROM (
            SELECT *, count(*) OVER w AS n_values,
                   row_number() OVER (w ORDER BY n_sources DESC, last_seen DESC, value) AS pick
            FROM per_value
            WINDOW w AS (PARTITION BY unit_id, name, index_code, component, year, metric)
        ) WHERE pick = 1
    ),
    stated AS (
        SELECT s.unit_id, s.name AS entity, any_value(s.unit_kind) AS unit_kind, s.unit_group,
               s.index_code, s.component, s.year,
               max(b.value) FILTER (WHERE b.metric = 'rank') AS rank,
               max(b.value) FILTER (WHERE b.metric = 'score') AS score,
               max(b.value) FILTER (WHERE b.metric = 'rank_change') AS rank_change,
               mode(s.group_size) FILTER (WHERE s.metric = 'rank') AS group_size,
               count(DISTINCT s.source) AS n_articles,
               bool_or(b.n_values > 1) AS disputed,
               min(s.seen_at) AS first_seen,
               max(s.seen_at) AS last_seen
        FROM seen s
        JOIN best b
          ON s.unit_id IS NOT DISTINCT FROM b.unit_id AND s.name = b.name
         AND s.index_code = b.index_code AND s.component IS NOT DISTINCT FROM b.component
         AND s.year = b.year AND s.metric = b.metric
        GROUP BY s.unit_id, s.name, s.unit_group, s.index_code, s.component, s.year
    ),
    tables AS (  -- each edition, component and group the articles state units of
        SELECT s.index_code, s.component, s.year, s.unit_group,
               count(DISTINCT s.unit_id) FILTER (WHERE s.rank IS NOT NULL OR s.score IS NOT NULL)
                   AS units_stated,
               max(s.group_size) AS stated_size,
               any_value(eu.ranked_on) AS ranked_on, any_value(eu.complete) AS complete,
               any_value(eu.units_on_map) AS units_on_map
        FROM stated s
        JOIN edition_units eu
          ON eu.index_code = s.index_code AND eu.year = s.year AND eu.unit_id = s.unit_id
        GROUP BY ALL
    ),
    unstated AS (  -- the units of a complete table that no article states
        SELECT eu.unit_id, eu.name AS entity, eu.kind AS unit_kind, eu.unit_group AS unit_group,
               t.index_code, t.component, t.year, 0 AS n_articles, false AS disputed
        FROM tables t
        JOIN edition_units eu
          ON eu.index_code = t.index_code AND eu.year = t.year AND eu.unit_group = t.unit_group
        WHERE t.complete AND NOT EXISTS (
            SELECT 1 FROM stated s
            WHERE s.unit_id = eu.unit_id AND s.index_code = t.index_code
              AND s.component IS NOT DISTINCT FROM t.component AND s.year = t.year)
    ),
    rows AS (SELECT * FROM stated UNION ALL BY NAME SELECT * FROM unstated),
    same_rank AS (
        SELECT index_code, component, year, unit_group, rank, list(entity ORDER BY entity) AS names
        FROM stated WHERE unit_id IS NOT NULL AND rank IS NOT NULL
        GROUP BY ALL HAVING count(*) > 1
    )
    SELECT r.entity, r.index_code, r.component, r.year, r.rank, r.score, r.rank_change,
           r.n_articles, r.disputed, r.first_seen, r.last_seen,
           r.unit_id, r.unit_kind, r.unit_group, r.group_size,
           t.units_stated,
           CASE WHEN t.complete THEN t.units_on_map ELSE t.stated_size END AS units_total,
           CASE WHEN r.unit_id IS NULL THEN NULL
                WHEN t.complete THEN format('{} of {} units stated', t.units_stated, t.units_on_map)
                WHEN t.stated_size IS NOT NULL
                    THEN format('{} of {} units stated', t.units_stated, t.stated_size)
                ELSE format('{} units stated', t.units_stated) END AS coverage,
           t.ranked_on,
           coalesce(list_filter(sr.names, lambda n: n <> r.entity), []) AS tied_with,
           st.rank IS NOT NULL AS tie_stated,
           sr.names IS NOT NULL AND st.rank IS NULL AS rank_clash,
           coalesce(t.complete AND (r.group_size <> t.units_on_map OR r.rank > t.units_on_map), false)
               AS size_mismatch
    FROM rows r
    LEFT JOIN tables t
      ON t.index_code = r.index_code AND t.component IS NOT DISTINCT FROM r.component
     AND t.year = r.year AND t.unit_group = r.unit_group
    LEFT JOIN same_rank sr
      ON sr.index_code = r.index_code AND sr.component IS NOT DISTINCT FROM r.component
     AND sr.year = r.year AND sr.unit_group = r.unit_group AND sr.rank = r.rank AND r.unit_id IS NOT NULL
    LEFT JOIN stated_ties st
      ON st.index_code = r.index_code AND st.component IS NOT DISTINCT FROM r.component
     AND st.year = r.year AND st.unit_group = r.unit_group AND st.rank = r.rank AND sr.names IS NOT NULL
    """,
    # Articles that disagree: on one value of one unit, or by giving two
    # units of one edition and group the same rank where no article states a tie.
    """
    CREATE OR REPLACE VIEW conflicts AS
    WITH f AS (SELECT *, coalesce(unit_name, entity) AS name FROM facts)
    SELECT a.name AS entity, a.index_code, a.component, a.year, a.metric,
           a.value AS value_a, a.source AS source_a, a.evidence AS evidence_a,
           b.value AS value_b, b.source AS source_b, b.evidence AS evidence_b,
           'value' AS conflict, b.name AS entity_b, a.unit_id, b.unit_id AS unit_id_b, a.unit_group
    FROM f a
    JOIN f b
      ON a.unit_id IS NOT DISTINCT FROM b.unit_id AND a.name = b.name
     AND a.index_code = b.index_code AND a.component IS NOT DISTINCT FROM b.component
     AND a.year = b.year AND a.metric = b.metric
     AND a.source < b.source
     AND abs(a.value - b.value) >= 1e-6
    UNION ALL
    SELECT a.name, a.index_code, a.component, a.year, a.metric,
           a.value, a.source, a.evidence, b.value, b.source, b.evidence,
           'shared_rank', b.name, a.unit_id, b.unit_id, a.unit_group
    FROM f a
    JOIN f b
      ON a.unit_group = b.unit_group AND a.index_code = b.index_code
     AND a.component IS NOT DISTINCT FROM b.component AND a.year = b.year
     AND a.metric = 'rank' AND b.metric = 'rank' AND a.value = b.value
     AND a.unit_id < b.unit_id AND a.source <> b.source
    WHERE NOT EXISTS (
        SELECT 1 FROM stated_ties t
        WHERE t.index_code = a.index_code AND t.component IS NOT DISTINCT FROM a.component
          AND t.year = a.year AND t.unit_group = a.unit_group AND t.rank = a.value)
    """,
    # A unit across the editions of one index, and for a unit formed from
    # others (Đà Nẵng from 2025, Huế) its predecessors' editions, each row
    # labelled with the unit ranked.  A change is derived only between
    # consecutive editions ranking the same unit on the same maps.
    """
    CREATE OR REPLACE VIEW entity_history AS
    WITH RECURSIVE lineage(unit_id, ranked_unit_id, relation) AS (
        SELECT unit_id, unit_id, 'itself' FROM units
        UNION
        SELECT l.unit_id, ul.formed_from, 'predecessor'
        FROM lineage l JOIN unit_lineage ul ON ul.unit_id = l.ranked_unit_id
    ),
    editions AS (
        SELECT *,
               CASE WHEN lag(year) OVER w = year - 1 AND lag(ranked_on) OVER w = ranked_on
                         AND NOT lag(size_mismatch) OVER w AND NOT size_mismatch
                    THEN lag(rank) OVER w - rank END AS derived_rank_change
        FROM rankings
        WHERE component IS NULL AND (rank IS NOT NULL OR score IS NOT NULL OR rank_change IS NOT NULL)
        WINDOW w AS (PARTITION BY unit_id, entity, index_code ORDER BY year)
    )
    SELECT coalesce(u.name, e.entity) AS entity, e.index_code, e.year, e.rank, e.score,
           e.rank_change AS stated_rank_change, e.derived_rank_change, e.n_articles,
           l.unit_id, e.entity AS ranked_as, e.unit_id AS ranked_unit_id,
           coalesce(l.relation, 'itself') AS relation, e.unit_group, e.group_size, e.units_total,
           e.ranked_on
    FROM editions e
    LEFT JOIN lineage l ON l.ranked_unit_id = e.unit_id
    LEFT JOIN units u ON u.unit_id = l.unit_id
    """,
    # Who led each edition, in each of its tables.
    """
    CREATE VIEW leaders AS
    SELECT index_code, component, year, unit_group, entity, unit_id, score, n_articles, disputed,
           tied_with, tie_stated, rank_clash
    FROM rankings WHERE rank = 1
    """,
)

STATEMENTS = (*_TABLES, unit_key_macro(), *_MACROS, *_FACT_VIEWS, *_RANK_VIEWS)
