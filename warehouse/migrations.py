"""The warehouse schema, as named, numbered migrations.

Each migration runs in one transaction together with the row that records
it in ``schema_migrations``, so a failure leaves nothing half done.  A
warehouse made by an older chiso is upgraded when it is opened for writing;
one made by a newer chiso is refused.  Never edit a migration that has
shipped: add a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from warehouse import schema_units
from warehouse.units import load_units


@dataclass(frozen=True, slots=True)
class Migration:
    """Named statements; ``load`` then fills tables from data files, in the
    same transaction."""

    version: int
    name: str
    statements: tuple[str, ...]
    load: Callable[[duckdb.DuckDBPyConnection], None] | None = None


_TABLES = (
    """
    CREATE TABLE runs (
        run_id            BIGINT PRIMARY KEY,
        flow              VARCHAR NOT NULL,
        started_at        TIMESTAMPTZ NOT NULL,
        finished_at       TIMESTAMPTZ,
        status            VARCHAR NOT NULL,
        extractor_version VARCHAR NOT NULL,
        chiso_version     VARCHAR,
        flow_run_id       VARCHAR,
        sources           JSON,
        files_read        INTEGER NOT NULL DEFAULT 0,
        documents_new     INTEGER NOT NULL DEFAULT 0,
        articles          INTEGER NOT NULL DEFAULT 0,
        facts_new         INTEGER NOT NULL DEFAULT 0,
        failures          INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE SEQUENCE run_ids START 1",
    # A document is what was read, byte for byte, before any parsing: the
    # warehouse alone is enough to extract again.  Identity: source + hash.
    """
    CREATE TABLE documents (
        doc_id        VARCHAR PRIMARY KEY,
        source        VARCHAR NOT NULL,
        content_hash  VARCHAR NOT NULL,
        kind          VARCHAR NOT NULL,
        media_type    VARCHAR,
        encoding      VARCHAR,
        final_url     VARCHAR,
        http_status   INTEGER,
        headers       JSON,
        fetched_at    TIMESTAMPTZ NOT NULL,
        size          BIGINT NOT NULL,
        raw           BLOB NOT NULL,
        run_id        BIGINT NOT NULL
    )
    """,
    # One row per document and extractor version that read it, failed or not.
    """
    CREATE TABLE extractions (
        doc_id            VARCHAR NOT NULL,
        extractor_version VARCHAR NOT NULL,
        run_id            BIGINT NOT NULL,
        extracted_at      TIMESTAMPTZ NOT NULL,
        status            VARCHAR NOT NULL,
        error             VARCHAR,
        n_facts           INTEGER NOT NULL,
        PRIMARY KEY (doc_id, extractor_version)
    )
    """,
    """
    CREATE TABLE article_versions (
        doc_id            VARCHAR NOT NULL,
        extractor_version VARCHAR NOT NULL,
        title             VARCHAR,
        authors           VARCHAR[],
        published_at      TIMESTAMPTZ,
        modified_at       TIMESTAMPTZ,
        lead              VARCHAR,
        body              VARCHAR,
        captions          VARCHAR[],
        tags              VARCHAR[],
        url               VARCHAR,
        canonical_url     VARCHAR,
        site              VARCHAR,
        text              VARCHAR,
        PRIMARY KEY (doc_id, extractor_version)
    )
    """,
    """
    CREATE TABLE fact_versions (
        doc_id            VARCHAR NOT NULL,
        extractor_version VARCHAR NOT NULL,
        fact_no           INTEGER NOT NULL,
        entity            VARCHAR NOT NULL,
        index_code        VARCHAR NOT NULL,
        component         VARCHAR,
        year              INTEGER NOT NULL,
        metric            VARCHAR NOT NULL,
        value             DOUBLE NOT NULL,
        evidence          VARCHAR NOT NULL,
        span_start        INTEGER NOT NULL,
        span_end          INTEGER NOT NULL,
        value_start       INTEGER NOT NULL,
        value_end         INTEGER NOT NULL,
        rule              VARCHAR NOT NULL,
        PRIMARY KEY (doc_id, extractor_version, fact_no)
    )
    """,
    """
    CREATE TABLE failures (
        run_id     BIGINT NOT NULL,
        source     VARCHAR NOT NULL,
        stage      VARCHAR NOT NULL,
        reason     VARCHAR NOT NULL,
        failed_at  TIMESTAMPTZ NOT NULL
    )
    """,
)

_CORE_VIEWS = (
    # Each source's documents in the order they were read; the newest wins.
    """
    CREATE VIEW document_versions AS
    SELECT d.* EXCLUDE (raw),
           row_number() OVER (PARTITION BY source ORDER BY fetched_at, run_id, doc_id) AS version_no,
           row_number() OVER (PARTITION BY source ORDER BY fetched_at DESC, run_id DESC, doc_id DESC) = 1
               AS is_latest
    FROM documents d
    """,
    # The newest successful extraction of every document.
    """
    CREATE VIEW latest_extractions AS
    SELECT * FROM (
        SELECT e.*,
               row_number() OVER (PARTITION BY doc_id ORDER BY extracted_at DESC, run_id DESC) AS rn
        FROM extractions e
        WHERE status = 'ok'
    ) WHERE rn = 1
    """,
    """
    CREATE VIEW articles AS
    SELECT d.source,
           coalesce(a.canonical_url, d.final_url, a.url,
                    CASE WHEN d.kind = 'http' THEN d.source END) AS url,
           a.title, a.authors, a.published_at, a.modified_at, a.lead, a.body,
           a.captions, a.tags, a.site,
           d.doc_id, d.version_no, d.fetched_at, d.kind, e.extractor_version, e.n_facts
    FROM document_versions d
    JOIN latest_extractions e USING (doc_id)
    JOIN article_versions a ON a.doc_id = e.doc_id AND a.extractor_version = e.extractor_version
    WHERE d.is_latest
    """,
    """
    CREATE VIEW facts AS
    SELECT d.source, f.entity, f.index_code, f.component, f.year, f.metric, f.value,
           f.evidence, f.span_start, f.span_end, f.value_start, f.value_end, f.rule,
           f.extractor_version, f.doc_id, a.published_at, d.fetched_at
    FROM document_versions d
    JOIN latest_extractions e USING (doc_id)
    JOIN fact_versions f ON f.doc_id = e.doc_id AND f.extractor_version = e.extractor_version
    LEFT JOIN article_versions a ON a.doc_id = e.doc_id AND a.extractor_version = e.extractor_version
    WHERE d.is_latest
    """,
)

_ANALYST_VIEWS = (
    # One row per entity, index, component and edition: what the articles say.
    """
    CREATE VIEW rankings AS
    WITH seen AS (
        SELECT *, coalesce(published_at, fetched_at) AS seen_at FROM facts
    ),
    per_value AS (
        SELECT entity, index_code, component, year, metric, value,
               count(DISTINCT source) AS n_sources, max(seen_at) AS last_seen
        FROM seen GROUP BY ALL
    ),
    -- When articles disagree: the value most of them state, a tie going to
    -- the one seen last; ``disputed`` says there was a disagreement.
    best AS (
        SELECT * FROM (
            SELECT entity, index_code, component, year, metric, value,
                   count(*) OVER w AS n_values,
                   row_number() OVER (w ORDER BY n_sources DESC, last_seen DESC, value) AS pick
            FROM per_value
            WINDOW w AS (PARTITION BY entity, index_code, component, year, metric)
        ) WHERE pick = 1
    )
    SELECT s.entity, s.index_code, s.component, s.year,
           max(b.value) FILTER (WHERE b.metric = 'rank') AS rank,
           max(b.value) FILTER (WHERE b.metric = 'score') AS score,
           max(b.value) FILTER (WHERE b.metric = 'rank_change') AS rank_change,
           count(DISTINCT s.source) AS n_articles,
           bool_or(b.n_values > 1) AS disputed,
           min(s.seen_at) AS first_seen,
           max(s.seen_at) AS last_seen
    FROM seen s
    JOIN best b
      ON s.entity = b.entity AND s.index_code = b.index_code
     AND s.component IS NOT DISTINCT FROM b.component
     AND s.year = b.year AND s.metric = b.metric
    GROUP BY s.entity, s.index_code, s.component, s.year
    """,
    # Articles that disagree on one value, with both evidences.
    """
    CREATE VIEW conflicts AS
    SELECT a.entity, a.index_code, a.component, a.year, a.metric,
           a.value AS value_a, a.source AS source_a, a.evidence AS evidence_a,
           b.value AS value_b, b.source AS source_b, b.evidence AS evidence_b
    FROM facts a
    JOIN facts b
      ON a.entity = b.entity AND a.index_code = b.index_code
     AND a.component IS NOT DISTINCT FROM b.component
     AND a.year = b.year AND a.metric = b.metric
     AND a.source < b.source
     AND abs(a.value - b.value) >= 1e-6
    """,
    # An entity's ranks and scores across editions of one index, with the
    # change a view may derive from two consecutive ranks.
    """
    CREATE VIEW entity_history AS
    SELECT entity, index_code, year, rank, score, rank_change AS stated_rank_change,
           CASE WHEN lag(year) OVER w = year - 1 THEN lag(rank) OVER w - rank END
               AS derived_rank_change,
           n_articles
    FROM rankings
    WHERE component IS NULL
    WINDOW w AS (PARTITION BY entity, index_code ORDER BY year)
    """,
    # What one extractor version says that another does not, per document.
    """
    CREATE MACRO fact_diff(v_from, v_to) AS TABLE
    WITH a AS (
        SELECT doc_id, entity, index_code, component, year, metric, value, evidence
        FROM fact_versions WHERE extractor_version = v_from
    ),
    b AS (
        SELECT doc_id, entity, index_code, component, year, metric, value, evidence
        FROM fact_versions WHERE extractor_version = v_to
    ),
    both_read AS (
        SELECT doc_id FROM extractions WHERE extractor_version = v_from AND status = 'ok'
        INTERSECT
        SELECT doc_id FROM extractions WHERE extractor_version = v_to AND status = 'ok'
    ),
    joined AS (
        SELECT coalesce(a.doc_id, b.doc_id) AS doc_id,
               coalesce(a.entity, b.entity) AS entity,
               coalesce(a.index_code, b.index_code) AS index_code,
               coalesce(a.component, b.component) AS component,
               coalesce(a.year, b.year) AS year,
               coalesce(a.metric, b.metric) AS metric,
               a.value AS old_value, b.value AS new_value,
               coalesce(b.evidence, a.evidence) AS evidence
        FROM a FULL OUTER JOIN b
          ON a.doc_id = b.doc_id AND a.entity = b.entity AND a.index_code = b.index_code
         AND a.component IS NOT DISTINCT FROM b.component
         AND a.year = b.year AND a.metric = b.metric
    )
    SELECT CASE WHEN old_value IS NULL THEN 'added'
                WHEN new_value IS NULL THEN 'removed'
                ELSE 'changed' END AS change,
           d.source, j.entity, j.index_code, j.component, j.year, j.metric,
           j.old_value, j.new_value, j.evidence, j.doc_id
    FROM joined j
    JOIN both_read USING (doc_id)
    JOIN documents d USING (doc_id)
    WHERE old_value IS NULL OR new_value IS NULL OR abs(old_value - new_value) >= 1e-6
    """,
    # Extractor versions in the order they first ran.
    """
    CREATE VIEW extractor_versions AS
    SELECT extractor_version, min(extracted_at) AS first_run, max(extracted_at) AS last_run,
           count(*) AS documents
    FROM extractions GROUP BY extractor_version
    """,
    # The change the newest extractor version made against the one before it.
    """
    CREATE VIEW fact_changes AS
    WITH v AS (
        SELECT extractor_version, row_number() OVER (ORDER BY first_run DESC) AS n
        FROM extractor_versions
    )
    SELECT * FROM fact_diff(
        (SELECT extractor_version FROM v WHERE n = 2),
        (SELECT extractor_version FROM v WHERE n = 1)
    )
    """,
)

_FETCH_STATE = (
    # What each URL answered last, for conditional GETs and politeness.
    """
    CREATE TABLE fetch_log (
        url           VARCHAR NOT NULL,
        final_url     VARCHAR,
        status        INTEGER,
        etag          VARCHAR,
        last_modified VARCHAR,
        fetched_at    TIMESTAMPTZ NOT NULL,
        run_id        BIGINT NOT NULL,
        doc_id        VARCHAR,
        error         VARCHAR
    )
    """,
    """
    CREATE VIEW fetch_state AS
    SELECT * EXCLUDE (rn) FROM (
        SELECT *, row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) AS rn
        FROM fetch_log WHERE status IN (200, 304)
    ) WHERE rn = 1
    """,
)

# The page bytes move to pack files beside the warehouse (warehouse/pages.py):
# a new document names its pack and offset and leaves ``raw`` empty; the
# documents of older warehouses keep theirs where they are.
_PAGE_PACKS = (
    "ALTER TABLE documents ALTER COLUMN raw DROP NOT NULL",
    "ALTER TABLE documents ADD COLUMN pack VARCHAR",
    "ALTER TABLE documents ADD COLUMN pack_offset BIGINT",
    """
    CREATE OR REPLACE VIEW document_versions AS
    SELECT d.* EXCLUDE (raw, pack, pack_offset),
           row_number() OVER (PARTITION BY source ORDER BY fetched_at, run_id, doc_id) AS version_no,
           row_number() OVER (PARTITION BY source ORDER BY fetched_at DESC, run_id DESC, doc_id DESC) = 1
               AS is_latest
    FROM documents d
    """,
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create_tables", _TABLES),
    Migration(2, "core_views", _CORE_VIEWS),
    Migration(3, "analyst_views", _ANALYST_VIEWS),
    Migration(4, "fetch_state", _FETCH_STATE),
    Migration(5, "page_packs", _PAGE_PACKS),
    Migration(6, "units", schema_units.STATEMENTS, load=load_units),
)

# From this version on a warehouse has the units dimension, which follows
# the gazetteer's data files (warehouse/units.py).
UNITS_VERSION = 6

LATEST = MIGRATIONS[-1].version

BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version       INTEGER PRIMARY KEY,
    name          VARCHAR NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    chiso_version VARCHAR
)
"""
