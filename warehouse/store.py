"""The DuckDB warehouse: connections, migrations, loading, reading back.

Every SQL statement chiso runs lives in this package.  Values always travel
as parameters or as registered Arrow tables, never spliced into SQL text.

DuckDB lets one process hold a file for writing.  A run keeps its write
connection across batches (:class:`HeldSession`: opening and checkpointing
per batch cost more than the load) but gives it up every ``hold`` seconds,
and at once when a chiso reader is waiting: a reader that finds the file
locked leaves a marker in ``<warehouse>.readers/`` and the writer, seeing
it at its next batch, closes and waits until the reader is done.  Any
other process waits with backoff up to ``lock_timeout`` seconds, then fails
with :class:`WarehouseLocked`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.errors import NotAWarehouse, SchemaTooNew, WarehouseError, WarehouseLocked, disk_full
from warehouse.migrations import BOOKKEEPING, LATEST, MIGRATIONS, UNITS_VERSION
from warehouse.pages import PageMissing, PageStore
from warehouse.units import current, resolve_new, sync_units

_TS = pa.timestamp("us", tz="UTC")
DISPLAY_TIMEZONE = "Asia/Ho_Chi_Minh"  # a constant, never user text
_STRINGS = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", pa.string()),
            ("source", pa.string()),
            ("content_hash", pa.string()),
            ("kind", pa.string()),
            ("media_type", pa.string()),
            ("encoding", pa.string()),
            ("final_url", pa.string()),
            ("http_status", pa.int32()),
            ("headers", pa.string()),
            ("fetched_at", _TS),
            ("size", pa.int64()),
            ("pack", pa.string()),
            ("pack_offset", pa.int64()),
        ]
    ),
    "extractions": pa.schema(
        [
            ("doc_id", pa.string()),
            ("extractor_version", pa.string()),
            ("extracted_at", _TS),
            ("status", pa.string()),
            ("error", pa.string()),
            ("n_facts", pa.int32()),
        ]
    ),
    "article_versions": pa.schema(
        [
            ("doc_id", pa.string()),
            ("extractor_version", pa.string()),
            ("title", pa.string()),
            ("authors", _STRINGS),
            ("published_at", _TS),
            ("modified_at", _TS),
            ("lead", pa.string()),
            ("body", pa.string()),
            ("captions", _STRINGS),
            ("tags", _STRINGS),
            ("url", pa.string()),
            ("canonical_url", pa.string()),
            ("site", pa.string()),
            ("text", pa.string()),
        ]
    ),
    "fact_versions": pa.schema(
        [
            ("doc_id", pa.string()),
            ("extractor_version", pa.string()),
            ("fact_no", pa.int32()),
            ("entity", pa.string()),
            ("index_code", pa.string()),
            ("component", pa.string()),
            ("year", pa.int32()),
            ("metric", pa.string()),
            ("value", pa.float64()),
            ("evidence", pa.string()),
            ("span_start", pa.int32()),
            ("span_end", pa.int32()),
            ("value_start", pa.int32()),
            ("value_end", pa.int32()),
            ("rule", pa.string()),
            ("group_size", pa.int32()),
        ]
    ),
    "failures": pa.schema(
        [("source", pa.string()), ("stage", pa.string()), ("reason", pa.string()), ("failed_at", _TS)]
    ),
    "fetch_log": pa.schema(
        [
            ("url", pa.string()),
            ("final_url", pa.string()),
            ("status", pa.int32()),
            ("etag", pa.string()),
            ("last_modified", pa.string()),
            ("fetched_at", _TS),
            ("doc_id", pa.string()),
            ("error", pa.string()),
        ]
    ),
}


def document_id(source: str, content_hash: str) -> str:
    """A document's identity: where it came from and what it said."""
    return hashlib.sha256(f"{source}\n{content_hash}".encode()).hexdigest()[:32]


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def utcnow() -> datetime:
    return datetime.now(UTC)


Rows = list[dict[str, Any]] | pa.Table


@dataclass(slots=True)
class Batch:
    """Rows to load together, per table: a list of column dicts, or an Arrow
    table in the warehouse's schema (:meth:`to_arrow`)."""

    documents: Rows = field(default_factory=list)
    extractions: Rows = field(default_factory=list)
    article_versions: Rows = field(default_factory=list)
    fact_versions: Rows = field(default_factory=list)
    failures: Rows = field(default_factory=list)
    fetch_log: Rows = field(default_factory=list)
    files_read: int = 0

    # what extraction produces; documents, failures and the fetch log are
    # still added to by the flow after extraction, so they stay lists
    EXTRACTED = ("extractions", "article_versions", "fact_versions")

    def to_arrow(self) -> Batch:
        """Turn the extracted tables into Arrow tables, in place.

        Done where extraction runs (a task thread, a Dask worker), so the one
        process that writes the warehouse only appends: building the columns,
        UTF-8 encoding every article's text, was a sixth of a load."""
        for name in self.EXTRACTED:
            setattr(self, name, _table(name, getattr(self, name)))
        return self

    def rows(self, name: str, limit: int | None = None) -> list[dict[str, Any]]:
        """A table's rows as dicts, the first ``limit`` of them."""
        rows = getattr(self, name)
        if isinstance(rows, pa.Table):
            return (rows if limit is None else rows.slice(0, limit)).to_pylist()
        return list(rows if limit is None else rows[:limit])


@dataclass(slots=True)
class LoadResult:
    documents_new: int = 0
    articles: int = 0
    facts_new: int = 0
    failures: int = 0

    def add(self, other: LoadResult) -> None:
        self.documents_new += other.documents_new
        self.articles += other.articles
        self.facts_new += other.facts_new
        self.failures += other.failures


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


_HOLDER_RE = re.compile(r"held in (?P<prog>\S+) \(PID (?P<pid>\d+)\)")


def _lock_holder(message: str) -> str | None:
    match = _HOLDER_RE.search(message)
    if not match:
        return None
    return f"PID {match.group('pid')}, {Path(match.group('prog')).name}"


class Warehouse:
    """A chiso warehouse file."""

    def __init__(self, path: str | Path, lock_timeout: float = 60.0) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout

    @property
    def pages(self) -> PageStore:
        """Where the page bytes are kept (no connection needed to write them)."""
        return PageStore(self.path)

    @property
    def readers_waiting_dir(self) -> Path:
        return Path(f"{self.path}.readers")

    def readers_waiting(self) -> bool:
        """Whether a live chiso reader is waiting for the file."""
        try:
            markers = list(os.scandir(self.readers_waiting_dir))
        except OSError:
            return False
        for marker in markers:
            if _alive(marker.name):
                return True
            with suppress(OSError):
                os.unlink(marker.path)  # left by a reader that died
        return False

    def _connect(self, read_only: bool, config: dict[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting with backoff while another process holds it.

        A reader that has to wait says so with a marker; a writer lets any
        waiting reader go first."""
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.05
        holder = None
        marker = None
        try:
            while True:
                if read_only or not self.readers_waiting():
                    try:
                        return duckdb.connect(str(self.path), read_only=read_only, config=config or {})
                    except duckdb.IOException as exc:
                        message = str(exc)
                        if "lock" not in message.lower():
                            raise WarehouseError(f"cannot open the warehouse {self.path}: {message}") from exc
                        holder = _lock_holder(message)
                        if read_only and marker is None:
                            marker = self._mark_waiting()
                    except duckdb.Error as exc:
                        raise WarehouseError(f"cannot open the warehouse {self.path}: {exc}") from exc
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise WarehouseLocked(str(self.path), holder, self.lock_timeout)
                time.sleep(min(delay, remaining))
                delay = min(delay * 2, 0.25 if marker else 2.0)
        finally:
            if marker is not None:
                with suppress(OSError):
                    os.unlink(marker)

    def _mark_waiting(self) -> Path | None:
        try:
            self.readers_waiting_dir.mkdir(exist_ok=True)
            marker = self.readers_waiting_dir / str(os.getpid())
            marker.touch()
            return marker
        except OSError:
            return None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write connection, migrated to the latest schema, closed on exit.

        A DuckDB file holding tables of its own but no chiso schema is
        refused, never taken over; a full disk is said as such."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self._connect(read_only=False)
        try:
            if schema_version(con) is None and _user_tables(con):
                raise NotAWarehouse(
                    f"{self.path} is a DuckDB file but not a chiso warehouse (it holds other tables: "
                    f"{', '.join(_user_tables(con)[:5])}); chiso leaves it alone: name another --warehouse"
                )
            _tune_write_connection(con)
            migrate(con, str(self.path))
            yield Session(con, PageStore(self.path))
        except (duckdb.Error, OSError) as exc:
            full = disk_full(str(self.path), exc)
            if full is None:
                raise
            raise full from exc
        finally:
            try:
                con.close()
            except duckdb.Error as exc:  # closing checkpoints: the disk may be full
                if disk_full(str(self.path), exc) is None:
                    raise

    @contextmanager
    def reader(self, safe: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection; ``safe`` also disables file access (COPY,
        ATTACH, read_csv), so a query can read the warehouse and nothing else."""
        if not self.path.exists():
            raise NotAWarehouse(f"there is no warehouse at {self.path}; `chiso run` creates one")
        config = {"enable_external_access": False} if safe else {}
        con = self._connect(read_only=True, config=config)
        try:
            # Show times as Vietnamese readers see them (ICU is built in).
            run(con, "LOAD icu")
            run(con, f"SET TimeZone = '{DISPLAY_TIMEZONE}'")
            found = schema_version(con)
            if found is None:
                raise NotAWarehouse(f"{self.path} is a DuckDB file but not a chiso warehouse")
            if found > LATEST:
                raise SchemaTooNew(str(self.path), found, LATEST)
            yield con
        finally:
            con.close()

    def schema_version(self) -> int | None:
        with self.reader() as con:
            return schema_version(con)


# DuckDB's memory budget for a write session (CHISO_WRITE_MEMORY overrides).
# A run's loads are small inserts; left to DuckDB's defaults (80% of the
# RAM, a thread per core) a run's memory grew with the warehouse it wrote,
# 1.5x from 1,000 to 10,000 pages, where the rest of the run stays flat
# (bench/run.py).  At 128MB the checkpoints of a long run still filled the
# budget (peak 382 MB at 10,000 pages against 281 MB at 1,000, loads as
# plain calls); at 64MB the peak is 297 MB.
WRITE_MEMORY = "64MB"
# WAL size at which DuckDB checkpoints on its own.  Each checkpoint
# compresses again the unfinished last segment of every column, so at the
# default (16 MiB, two or three batches of articles) a 10,000-page run spent
# a third of its loading time in checkpoints, more with the memory bound.
CHECKPOINT_THRESHOLD = "32MB"


def _tune_write_connection(con: duckdb.DuckDBPyConnection) -> None:
    """Store text columns with ZSTD; bound the session's memory and threads;
    checkpoint less often than DuckDB's default.

    DuckDB's own compression choice tries several schemes on each segment
    of article text at every checkpoint; on a thousand news pages ZSTD made
    the checkpoint five times cheaper and the file half the size
    (bench/run.py).  Columns of other types keep DuckDB's choice.
    ``force_compression`` is marked a debug setting: a DuckDB that refuses
    it simply keeps its default."""
    with suppress(duckdb.Error):
        run(con, "SET force_compression = 'zstd'")
    # one thread: the inserts of a batch are small, and each DuckDB worker
    # thread keeps memory of its own (a seventh of that growth, measured)
    run(con, "SET threads = 1")
    run(con, "SET checkpoint_threshold = ?", [CHECKPOINT_THRESHOLD])
    limit = os.environ.get("CHISO_WRITE_MEMORY") or WRITE_MEMORY
    try:
        run(con, "SET memory_limit = ?", [limit])
    except duckdb.Error as exc:
        raise WarehouseError(
            f"CHISO_WRITE_MEMORY={limit!r} is not a memory size DuckDB reads: {exc}"
        ) from exc


class HeldSession:
    """A write session kept open across a run's batches.

    ``with held.session() as session:`` reuses the open connection; it is
    closed (and DuckDB checkpoints) after ``hold`` seconds, when a chiso
    reader is waiting for the file, after an error, and by :meth:`release`.
    """

    def __init__(self, warehouse: Warehouse, hold: float = 30.0) -> None:
        self.warehouse = warehouse
        self.hold = hold
        self._context = None
        self._session: Session | None = None
        self._opened = 0.0

    @contextmanager
    def session(self) -> Iterator[Session]:
        if self._session is not None and (
            time.monotonic() - self._opened > self.hold or self.warehouse.readers_waiting()
        ):
            self.release()
        if self._session is None:
            self._context = self.warehouse.session()
            self._session = self._context.__enter__()
            self._opened = time.monotonic()
        try:
            yield self._session
        except BaseException as exc:
            self.release()
            full = (
                disk_full(str(self.warehouse.path), exc) if isinstance(exc, duckdb.Error | OSError) else None
            )
            if full is None:
                raise
            raise full from exc

    def release(self) -> None:
        if self._context is not None:
            context, self._context, self._session = self._context, None, None
            context.__exit__(None, None, None)

    def __enter__(self) -> HeldSession:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _user_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
        " ORDER BY table_name"
    ).fetchall()
    return [row[0] for row in rows]


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return None
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection, path: str, target: int | None = None) -> list[int]:
    """Apply pending migrations up to ``target`` (the latest by default),
    reload the units dimension if the gazetteer's files changed; refuse a
    schema newer than this chiso knows."""
    target = LATEST if target is None else target
    from importlib.metadata import PackageNotFoundError, version

    run(con, BOOKKEEPING)
    current = schema_version(con) or 0
    if current > LATEST:
        raise SchemaTooNew(path, current, LATEST)
    try:
        chiso_version = version("chiso")
    except PackageNotFoundError:
        chiso_version = None
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= current or migration.version > target:
            continue
        run(con, "BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                run(con, statement)
            if migration.load is not None:
                migration.load(con)
            run(
                con,
                "INSERT INTO schema_migrations (version, name, chiso_version) VALUES (?, ?, ?)",
                [migration.version, migration.name, chiso_version],
            )
            run(con, "COMMIT")
        except Exception as exc:
            run(con, "ROLLBACK")
            raise WarehouseError(
                f"migration {migration.version} ({migration.name}) failed on {path}: {exc}"
            ) from exc
        applied.append(migration.version)
    if run(con, "SELECT coalesce(max(version), 0) FROM schema_migrations")[0][0] >= UNITS_VERSION:
        sync_units(con)
    return applied


def run(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None) -> list[tuple]:
    """Execute one statement and consume its result (DuckDB 2 wants every
    result fetched before the connection does anything else)."""
    cursor = con.execute(sql, params or [])
    return cursor.fetchall() if cursor.description else []


def _table(name: str, rows: Rows) -> pa.Table:
    """Rows as an Arrow table in the table's schema, built column by column
    (a table already in that schema is used as it is)."""
    schema = SCHEMAS[name]
    if isinstance(rows, pa.Table):
        return rows if rows.schema.equals(schema) else rows.select(schema.names).cast(schema)
    return pa.Table.from_arrays([_column(rows, f) for f in schema], schema=schema)


def _column(rows: Sequence[dict[str, Any]], field: pa.Field) -> pa.Array:
    return pa.array([row.get(field.name) for row in rows], type=field.type)


class Session:
    """One open write connection.  Every method commits on its own."""

    def __init__(self, con: duckdb.DuckDBPyConnection, pages: PageStore) -> None:
        self.con = con
        self.pages = pages

    # --- runs -------------------------------------------------------------

    def start_run(
        self,
        flow: str,
        extractor_version: str,
        chiso_version: str | None,
        sources: Sequence[str],
        flow_run_id: str | None = None,
    ) -> int:
        run_id = self.con.execute("SELECT nextval('run_ids')").fetchone()[0]
        run(
            self.con,
            "INSERT INTO runs (run_id, flow, started_at, status, extractor_version, chiso_version,"
            " flow_run_id, sources) VALUES (?, ?, ?, 'running', ?, ?, ?, ?)",
            [
                run_id,
                flow,
                utcnow(),
                extractor_version,
                chiso_version,
                flow_run_id,
                json.dumps(list(sources)),
            ],
        )
        return run_id

    def finish_run(self, run_id: int, status: str) -> dict[str, Any]:
        run(
            self.con,
            "UPDATE runs SET finished_at = ?, status = ? WHERE run_id = ?",
            [utcnow(), status, run_id],
        )
        row = self.con.execute(
            "SELECT files_read, documents_new, articles, facts_new, failures FROM runs WHERE run_id = ?",
            [run_id],
        ).fetchone()
        return dict(zip(("files_read", "documents_new", "articles", "facts_new", "failures"), row))

    # --- what is there already ------------------------------------------------

    def existing_documents(self, doc_ids: Sequence[str]) -> set[str]:
        if not doc_ids:
            return set()
        found = self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
        ).fetchall()
        return {row[0] for row in found}

    def extracted(self, doc_ids: Sequence[str], extractor_version: str) -> set[str]:
        if not doc_ids:
            return set()
        found = self.con.execute(
            "SELECT doc_id FROM extractions WHERE extractor_version = ? AND doc_id IN (SELECT unnest(?))",
            [extractor_version, list(doc_ids)],
        ).fetchall()
        return {row[0] for row in found}

    def fetch_state(self, urls: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The last good answer for each URL (ETag, Last-Modified, document)."""
        if not urls:
            return {}
        rows = self.con.execute(
            "SELECT url, etag, last_modified, doc_id FROM fetch_state WHERE url IN (SELECT unnest(?))",
            [list(urls)],
        ).fetchall()
        return {r[0]: {"etag": r[1], "last_modified": r[2], "doc_id": r[3]} for r in rows}

    # --- loading ---------------------------------------------------------------

    def load(self, run_id: int, batch: Batch, replace: bool = False) -> LoadResult:
        """Load a batch and its run counters in one transaction.

        Documents already stored are skipped; an extraction already stored for
        the same version is skipped too, unless ``replace``.
        """
        con = self.con
        result = LoadResult(failures=len(batch.failures))
        documents = self._store_pages(batch.documents)
        sync_units(con)  # the gazetteer's files may have changed since the session opened
        run(con, "BEGIN TRANSACTION")
        try:
            if documents:
                con.register("batch_documents", _table("documents", documents))
                result.documents_new = run(
                    con,
                    "INSERT INTO documents BY NAME SELECT DISTINCT ON (doc_id) b.*, ? AS run_id "
                    "FROM batch_documents b ANTI JOIN documents d USING (doc_id)",
                    [run_id],
                )[0][0]
                con.unregister("batch_documents")
            if batch.extractions:
                con.register("batch_extractions", _table("extractions", batch.extractions))
                if replace:
                    for table in ("fact_versions", "article_versions", "extractions"):
                        run(
                            con,
                            f"DELETE FROM {table} WHERE (doc_id, extractor_version) IN "
                            "(SELECT (doc_id, extractor_version) FROM batch_extractions)",
                        )
                run(
                    con,
                    "CREATE TEMP TABLE new_extractions AS SELECT DISTINCT ON (doc_id, extractor_version) b.* "
                    "FROM batch_extractions b ANTI JOIN extractions e USING (doc_id, extractor_version)",
                )
                run(
                    con,
                    "INSERT INTO extractions SELECT doc_id, extractor_version, ?, extracted_at, status,"
                    " error, n_facts FROM new_extractions",
                    [run_id],
                )
                if batch.article_versions:
                    con.register("batch_articles", _table("article_versions", batch.article_versions))
                    result.articles = run(
                        con,
                        "INSERT INTO article_versions SELECT a.* FROM batch_articles a "
                        "SEMI JOIN new_extractions n USING (doc_id, extractor_version)",
                    )[0][0]
                    con.unregister("batch_articles")
                if batch.fact_versions:
                    con.register("batch_facts", _table("fact_versions", batch.fact_versions))
                    result.facts_new = run(
                        con,
                        "INSERT INTO fact_versions BY NAME SELECT f.* FROM batch_facts f "
                        "SEMI JOIN new_extractions n USING (doc_id, extractor_version)",
                    )[0][0]
                    resolve_new(con, current()[1], "batch_facts")
                    con.unregister("batch_facts")
                run(con, "DROP TABLE new_extractions")
                con.unregister("batch_extractions")
            if batch.failures:
                con.register("batch_failures", _table("failures", batch.failures))
                run(
                    con,
                    "INSERT INTO failures SELECT ? AS run_id, source, stage, reason, failed_at "
                    "FROM batch_failures",
                    [run_id],
                )
                con.unregister("batch_failures")
            if batch.fetch_log:
                con.register("batch_fetches", _table("fetch_log", batch.fetch_log))
                run(
                    con,
                    "INSERT INTO fetch_log SELECT url, final_url, status, etag, last_modified, fetched_at,"
                    " ? AS run_id, doc_id, error FROM batch_fetches",
                    [run_id],
                )
                con.unregister("batch_fetches")
            run(
                con,
                "UPDATE runs SET files_read = files_read + ?, documents_new = documents_new + ?,"
                " articles = articles + ?, facts_new = facts_new + ?, failures = failures + ?"
                " WHERE run_id = ?",
                [
                    batch.files_read,
                    result.documents_new,
                    result.articles,
                    result.facts_new,
                    result.failures,
                    run_id,
                ],
            )
            run(con, "COMMIT")
        except BaseException:
            # a COMMIT that failed (a full disk) has ended the transaction
            # already; its error is the one to tell, not ROLLBACK's
            with suppress(duckdb.TransactionException):
                run(con, "ROLLBACK")
            raise
        return result

    def _store_pages(self, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The new documents of a batch, their bytes written to a pack; the
        rows then carry the pack and offset instead of the bytes.  Rows that
        already name their pack (a flow wrote it while the batch was being
        extracted) are kept as they are."""
        stored = self.existing_documents([d["doc_id"] for d in documents])
        new: dict[str, dict[str, Any]] = {}
        for document in documents:
            if document["doc_id"] not in stored:
                new.setdefault(document["doc_id"], document)
        unpacked = [row for row in new.values() if row.get("pack") is None]
        if unpacked:
            pack, offsets = self.pages.write([row["raw"] for row in unpacked])
            for row, offset in zip(unpacked, offsets):
                row["pack"], row["pack_offset"] = pack, offset
        return [{k: v for k, v in row.items() if k != "raw"} for row in new.values()]

    # --- reading documents back for re-extraction --------------------------------

    def documents_to_extract(
        self, extractor_version: str, source_glob: str | None, everything: bool, force: bool
    ) -> list[str]:
        """Document ids to (re-)extract: the newest version of each source
        (every version with ``everything``), minus those this extractor
        version already read (unless ``force``)."""
        query = "SELECT doc_id FROM document_versions WHERE (? OR is_latest)"
        params: list[Any] = [everything]
        if source_glob:
            query += " AND source GLOB ?"
            params.append(source_glob)
        if not force:
            query += " AND doc_id NOT IN (SELECT doc_id FROM extractions WHERE extractor_version = ?)"
            params.append(extractor_version)
        query += " ORDER BY source, version_no"
        return [row[0] for row in self.con.execute(query, params).fetchall()]

    def documents(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The documents with their bytes (from their packs, checked against
        their hashes), in pack order so each pack is read front to back; a
        document whose bytes are gone has ``raw`` None and says why in ``error``."""
        columns = (
            "doc_id",
            "source",
            "kind",
            "media_type",
            "encoding",
            "final_url",
            "http_status",
            "headers",
            "fetched_at",
            "raw",
            "pack",
            "pack_offset",
            "size",
            "content_hash",
        )
        rows = self.con.execute(
            f"SELECT {', '.join(columns)} FROM documents WHERE doc_id IN (SELECT unnest(?))"
            " ORDER BY pack, pack_offset",
            [list(doc_ids)],
        ).fetchall()
        found = []
        for row in rows:
            document = dict(zip(columns, row))
            document["error"] = None
            if document["raw"] is None:
                try:
                    document["raw"] = self.pages.read(
                        document["pack"], document["pack_offset"], document["size"], document["content_hash"]
                    )
                except PageMissing as exc:
                    document["error"] = str(exc)
            found.append(document)
        return found

    def extractor_versions(self) -> list[str]:
        rows = self.con.execute(
            "SELECT extractor_version FROM extractor_versions ORDER BY first_run"
        ).fetchall()
        return [row[0] for row in rows]
