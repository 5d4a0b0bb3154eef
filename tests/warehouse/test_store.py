"""The warehouse: migrations, idempotent and atomic loads, views, locks."""

from __future__ import annotations

import csv
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractors.model import Document
from flows.work import extract_documents
from warehouse import SCHEMA_VERSION, SchemaTooNew, Warehouse, WarehouseError, WarehouseLocked, utcnow
from warehouse.diff import diff_versions
from warehouse.export import EXPORTED_VIEWS, export
from warehouse.migrations import MIGRATIONS
from warehouse.query import format_result, run_query
from warehouse.store import migrate

ARTICLE_A = "Công bố PCI 2023\n\nTỉnh Long An xếp thứ 3 với 70,37 điểm, tăng 4 bậc so với năm 2022."
ARTICLE_B = "PCI 2023 của Long An\n\nTheo báo cáo PCI 2023, tỉnh Long An đứng thứ 5 với 70,37 điểm."
ARTICLE_A2 = "Công bố PCI 2023\n\nTỉnh Long An xếp thứ 3 với 70,37 điểm; Hậu Giang xếp thứ 9."


def doc(source: str, text: str, when=None) -> Document:
    return Document(source=source, raw=text.encode(), kind="file", fetched_at=when or utcnow())


def load(store: Warehouse, documents: list[Document], version: str = "v1", flow: str = "ingest"):
    outcome = extract_documents(documents, extractor_version=version)
    outcome.batch.files_read = len(documents)
    with store.session() as session:
        run_id = session.start_run(flow, version, None, [d.source for d in documents])
        result = session.load(run_id, outcome.batch)
        session.finish_run(run_id, "completed")
    return result


def counts(store: Warehouse) -> dict[str, int]:
    with store.reader() as con:
        return {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "extractions", "article_versions", "fact_versions", "failures")
        }


def rows(store: Warehouse, sql: str) -> list[tuple]:
    return run_query(store, sql)[1]


@pytest.fixture()
def store(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "w.duckdb", lock_timeout=2)


# --- migrations -------------------------------------------------------------


def test_a_new_warehouse_gets_every_migration_recorded(store):
    with store.session():
        pass
    assert rows(store, "SELECT version, name FROM schema_migrations ORDER BY version") == [
        (m.version, m.name) for m in MIGRATIONS
    ]
    assert store.schema_version() == SCHEMA_VERSION


def test_an_older_warehouse_is_upgraded_on_open_and_keeps_its_rows(store):
    con = duckdb.connect(str(store.path))
    migrate(con, str(store.path), target=1)
    con.execute(
        "INSERT INTO runs (run_id, flow, started_at, status, extractor_version) "
        "VALUES (7, 'ingest', now(), 'completed', 'old')"
    )
    con.close()
    assert Warehouse(store.path).schema_version() == 1
    with store.session():
        pass
    assert store.schema_version() == SCHEMA_VERSION
    assert rows(store, "SELECT run_id, extractor_version FROM runs") == [(7, "old")]
    assert rows(store, "SELECT count(*) FROM facts") == [(0,)]  # views of later migrations exist


def test_a_warehouse_from_a_newer_chiso_is_refused(store):
    with store.session():
        pass
    con = duckdb.connect(str(store.path))
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')")
    con.close()
    with pytest.raises(SchemaTooNew, match="schema version 999, made by a newer chiso"):
        with store.session():
            pass
    with pytest.raises(SchemaTooNew):
        store.schema_version()


def test_a_failing_migration_rolls_back(store, monkeypatch):
    from warehouse import migrations
    from warehouse import store as store_module

    broken = (
        *MIGRATIONS,
        migrations.Migration(SCHEMA_VERSION + 1, "broken", ("CREATE TABLE x (a INT)", "NOT SQL")),
    )
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    monkeypatch.setattr(store_module, "LATEST", SCHEMA_VERSION + 1)
    with pytest.raises(WarehouseError, match="migration .* failed"):
        with store.session():
            pass
    con = duckdb.connect(str(store.path), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION
    assert (
        con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'x'").fetchone()[0]
        == 0
    )
    con.close()


# --- loading -------------------------------------------------------------------


def test_loading_the_same_documents_twice_adds_no_rows(store):
    documents = [doc("/a.txt", ARTICLE_A), doc("/b.txt", ARTICLE_B)]
    first = load(store, documents)
    before = counts(store)
    second = load(store, documents)
    assert (first.documents_new, first.facts_new) == (2, 5)
    assert (second.documents_new, second.articles, second.facts_new) == (0, 0, 0)
    assert counts(store) == before


def test_page_bytes_live_in_a_pack_and_come_back_checked(store):
    documents = [doc("/a.txt", ARTICLE_A), doc("/b.txt", ARTICLE_B)]
    load(store, documents)
    packs = sorted(Path(f"{store.path}.pages").glob("*.pack"))
    assert len(packs) == 1
    assert packs[0].read_bytes() == ARTICLE_A.encode() + ARTICLE_B.encode()
    assert rows(store, "SELECT count(*) FROM documents WHERE raw IS NULL AND pack IS NOT NULL")[0][0] == 2
    load(store, documents)  # nothing new: no second pack
    assert len(list(Path(f"{store.path}.pages").glob("*.pack"))) == 1
    with store.session() as session:
        ids = session.documents_to_extract("v2", None, False, False)
        back = {d["source"]: d["raw"] for d in session.documents(ids)}
    assert back == {"/a.txt": ARTICLE_A.encode(), "/b.txt": ARTICLE_B.encode()}


def test_a_damaged_pack_is_reported_per_document(store):
    load(store, [doc("/a.txt", ARTICLE_A), doc("/b.txt", ARTICLE_B)])
    pack = next(Path(f"{store.path}.pages").glob("*.pack"))
    data = bytearray(pack.read_bytes())
    data[3] ^= 0xFF  # a byte of the first page changes
    pack.write_bytes(bytes(data))
    with store.session() as session:
        found = {
            d["source"]: d for d in session.documents(session.documents_to_extract("v2", None, False, False))
        }
    assert found["/a.txt"]["raw"] is None and "is damaged" in found["/a.txt"]["error"]
    assert found["/b.txt"]["raw"] == ARTICLE_B.encode()


def test_a_batch_loads_the_same_as_arrow_tables_or_as_rows(tmp_path):
    dumps = []
    for columnar in (True, False):
        store = Warehouse(tmp_path / f"{columnar}.duckdb")
        outcome = extract_documents(
            [doc("/a.txt", ARTICLE_A), doc("/b.txt", ARTICLE_B)], extractor_version="v1"
        )
        assert isinstance(outcome.batch.fact_versions, pa.Table)  # built where extraction runs
        if not columnar:
            for name in outcome.batch.EXTRACTED:
                setattr(outcome.batch, name, outcome.batch.rows(name))
        else:  # columns in another order are put back in the table's
            table = outcome.batch.article_versions
            outcome.batch.article_versions = table.select(list(reversed(table.column_names)))
        with store.session() as session:
            run_id = session.start_run("ingest", "v1", None, ["/a.txt", "/b.txt"])
            loaded = session.load(run_id, outcome.batch)
        assert (loaded.articles, loaded.facts_new) == (2, 5)
        dumps.append(
            [
                rows(store, f"SELECT * EXCLUDE (extracted_at) FROM {table} ORDER BY ALL")
                if table == "extractions"
                else rows(store, f"SELECT * FROM {table} ORDER BY ALL")
                for table in ("extractions", "article_versions", "fact_versions")
            ]
        )
    assert dumps[0] == dumps[1] and all(dumps[0])


def test_a_batch_that_fails_leaves_nothing_behind(store, monkeypatch):
    load(store, [doc("/a.txt", ARTICLE_A)])
    before = counts(store)
    outcome = extract_documents([doc("/b.txt", ARTICLE_B)], extractor_version="v1")
    outcome.batch.fact_versions = outcome.batch.rows("fact_versions")
    outcome.batch.fact_versions[0]["entity"] = None  # violates NOT NULL, after documents went in
    with store.session() as session:
        run_id = session.start_run("ingest", "v1", None, ["/b.txt"])
        with pytest.raises(duckdb.ConstraintException):
            session.load(run_id, outcome.batch)
    assert counts(store) == before
    assert rows(store, "SELECT documents_new, facts_new FROM runs ORDER BY run_id DESC LIMIT 1") == [(0, 0)]


def test_a_changed_page_is_a_new_version_and_the_newest_wins(store):
    start = utcnow()
    load(store, [doc("/a.txt", ARTICLE_A, start)])
    load(store, [doc("/a.txt", ARTICLE_A2, start + timedelta(hours=1))])
    assert rows(store, "SELECT version_no, is_latest FROM document_versions ORDER BY version_no") == [
        (1, False),
        (2, True),
    ]
    assert rows(store, "SELECT entity, value FROM facts WHERE metric = 'rank' ORDER BY entity") == [
        ("Hậu Giang", 9.0),
        ("Long An", 3.0),
    ]
    assert rows(store, "SELECT count(*) FROM fact_versions")[0][0] == 6  # the old version's 3 facts stay


def test_failures_are_stored_with_the_run(store):
    load(store, [doc("/a.txt", ARTICLE_A), Document(source="/x.html", raw=b"\x89PNG\r\n\x1a\n....")])
    assert rows(store, "SELECT source, stage, reason FROM failures") == [
        ("/x.html", "decode", "not text: it is a PNG image")
    ]
    assert rows(store, "SELECT status, error FROM extractions WHERE status = 'failed'") == [
        ("failed", "decode: not text: it is a PNG image")
    ]


# --- re-extraction and the diff ------------------------------------------------------


def test_facts_show_the_newest_extraction_and_the_diff_shows_what_changed(store):
    documents = [doc("/a.txt", ARTICLE_A), doc("/b.txt", ARTICLE_B)]
    load(store, documents, version="v1")
    # v2 reads the same documents but sees a different rank for /b.txt
    outcome = extract_documents(documents, extractor_version="v2")
    outcome.batch.fact_versions = outcome.batch.rows("fact_versions")
    for row in outcome.batch.fact_versions:
        if row["metric"] == "rank" and row["value"] == 5:
            row["value"] = 6.0
    outcome.batch.fact_versions = [r for r in outcome.batch.fact_versions if r["metric"] != "rank_change"]
    with store.session() as session:
        run_id = session.start_run("reextract", "v2", None, ["*"])
        session.load(run_id, outcome.batch)
    assert rows(store, "SELECT DISTINCT extractor_version FROM facts") == [("v2",)]
    version_from, version_to, columns, changes = diff_versions(store, None, None)
    assert (version_from, version_to) == ("v1", "v2")
    found = {(r[0], r[1], r[6], r[7], r[8]) for r in changes}
    assert found == {
        ("changed", "/b.txt", "rank", 5.0, 6.0),
        ("removed", "/a.txt", "rank_change", 4.0, None),
    }
    assert sorted(r[0] for r in rows(store, "SELECT change FROM fact_changes")) == ["changed", "removed"]


def test_documents_to_extract_skips_what_this_version_read(store):
    load(store, [doc("/a.txt", ARTICLE_A), doc("/b.txt", ARTICLE_B)], version="v1")
    with store.session() as session:
        assert session.documents_to_extract("v1", None, False, False) == []
        assert len(session.documents_to_extract("v2", None, False, False)) == 2
        assert len(session.documents_to_extract("v2", "/a*", False, False)) == 1
        assert len(session.documents_to_extract("v1", None, False, True)) == 2


# --- analyst views ----------------------------------------------------------------------


def test_conflicts_finds_articles_that_disagree(store):
    load(store, [doc("/a.txt", ARTICLE_A), doc("/b.txt", ARTICLE_B)])
    assert rows(
        store, "SELECT entity, year, metric, value_a, source_a, value_b, source_b FROM conflicts"
    ) == [("Long An", 2023, "rank", 3.0, "/a.txt", 5.0, "/b.txt")]


def test_rankings_joins_the_articles_and_flags_disputes(store):
    load(store, [doc("/a.txt", ARTICLE_A), doc("/b.txt", ARTICLE_B)])
    ((entity, year, score, change, n_articles, disputed),) = rows(
        store,
        "SELECT entity, year, score, rank_change, n_articles, disputed FROM rankings WHERE n_articles > 0",
    )
    assert (entity, year, score, change, n_articles, disputed) == ("Long An", 2023, 70.37, 4.0, 2, True)


def test_entity_history_derives_the_change_between_editions(store):
    text = (
        "PCI của Long An\n\nNăm 2022, Long An xếp thứ 7. Năm 2023, Long An xếp thứ 3 trong bảng xếp hạng PCI."
    )
    load(store, [doc("/c.txt", text)])
    assert rows(
        store,
        "SELECT year, rank, derived_rank_change FROM entity_history WHERE entity = 'Long An' ORDER BY year",
    ) == [(2022, 7.0, None), (2023, 3.0, 4.0)]


# --- one writer, read-only queries ---------------------------------------------------------


def test_a_second_writer_waits_then_fails_with_the_fix(store):
    with store.session():
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import duckdb, sys, time
                con = duckdb.connect({str(store.path)!r})
                print("locked", flush=True)
                time.sleep(30)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(WarehouseLocked) as caught:
            with Warehouse(store.path, lock_timeout=1.5).session():
                pass
        waited = time.monotonic() - started
        assert 1.4 <= waited < 10
        message = str(caught.value)
        assert (
            f"PID {holder.pid}" in message
            and "--lock-timeout" in message
            and "close the other session" in message
        )
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    with store.session():  # and once the holder is gone, it works
        pass


def test_a_writer_gets_the_file_once_the_holder_lets_go(store):
    with store.session():
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(store.path)!r}); "
            "print(1, flush=True); time.sleep(1.0)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    holder.stdout.readline()
    with Warehouse(store.path, lock_timeout=20).session() as session:
        assert session.existing_documents(["nothing"]) == set()
    holder.wait()
    holder.stdout.close()


def test_a_run_holding_the_file_lets_a_waiting_reader_in(store):
    load(store, [doc("/a.txt", ARTICLE_A)])
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
                from warehouse import HeldSession, Warehouse
                held = HeldSession(Warehouse({str(store.path)!r}), hold=300)
                with held.session():
                    print("holding", flush=True)
                for _ in range(100):  # a run's batches: the session is reused, never closed
                    time.sleep(0.1)
                    with held.session() as session:
                        session.existing_documents(["x"])
                held.release()
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "holding"
        started = time.monotonic()
        with Warehouse(store.path, lock_timeout=5).reader() as con:
            assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert time.monotonic() - started < 5
        assert not list(Path(f"{store.path}.readers").iterdir())  # the marker is gone
    finally:
        writer.wait(timeout=60)
        writer.stdout.close()
    assert writer.returncode == 0


@pytest.mark.parametrize(
    "sql, reason",
    [
        ("DELETE FROM documents", "read-only"),
        ("DROP VIEW facts", "read-only"),
        ("COPY documents TO '/tmp/chiso-stolen.csv'", "disabled"),
        ("ATTACH '/tmp/chiso-other.duckdb' AS o", "disabled"),
        ("SELECT * FROM read_csv('/etc/passwd')", "disabled"),
        ("SELECT 1; DELETE FROM documents", "exactly one SQL statement"),
    ],
)
def test_query_cannot_change_the_warehouse_or_touch_files(store, sql, reason):
    load(store, [doc("/a.txt", ARTICLE_A)])
    with pytest.raises(WarehouseError, match=reason):
        run_query(store, sql)
    assert counts(store)["documents"] == 1


def test_query_output_formats():
    columns, data = ["entity", "value", "authors"], [("Quảng Nam", 18.0, ["A", "B"]), ("Hà Nội", None, [])]
    assert format_result(columns, data, "table").splitlines() == [
        "entity    | value | authors",
        "----------+-------+--------",
        "Quảng Nam | 18    | A, B",
        "Hà Nội    | NULL  |",
        "(2 rows)",
    ]
    assert format_result(columns, data, "csv").splitlines() == [
        "entity,value,authors",
        'Quảng Nam,18,"A, B"',
        "Hà Nội,,",
    ]
    assert '"value": 18' in format_result(columns, data, "json")


def test_a_missing_warehouse_is_reported(tmp_path):
    with pytest.raises(WarehouseError, match="there is no warehouse at"):
        run_query(Warehouse(tmp_path / "nope.duckdb"), "SELECT 1")


# --- export ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_every_view(store, tmp_path, fmt):
    load(store, [doc("/a.txt", ARTICLE_A), doc("/b.txt", ARTICLE_B)])
    written = export(store, tmp_path / "out", fmt)
    assert set(written) == set(EXPORTED_VIEWS)
    assert written["facts"] == 5
    for view in EXPORTED_VIEWS:
        assert (tmp_path / "out" / f"{view}.{fmt}").is_file()
    if fmt == "parquet":
        assert pq.read_table(tmp_path / "out" / "facts.parquet").num_rows == 5
    else:
        with open(tmp_path / "out" / "articles.csv", encoding="utf-8", newline="") as handle:
            table = list(csv.DictReader(handle))
        assert len(table) == 2 and table[0]["lead"].startswith("Tỉnh Long An")


def test_a_write_session_has_a_bounded_memory_budget(store, monkeypatch):
    # left at DuckDB's default (80% of the RAM) the buffer pool of a long run
    # keeps every block it wrote
    with store.session() as session:
        limit = session.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert session.con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
        # fewer automatic checkpoints than DuckDB's 16 MiB of WAL
        threshold = session.con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0]
    assert limit.endswith("MiB") and float(limit.split()[0]) <= 64
    assert threshold.endswith("MiB") and float(threshold.split()[0]) > 16
    monkeypatch.setenv("CHISO_WRITE_MEMORY", "256MB")
    with store.session() as session:
        assert session.con.execute("SELECT current_setting('memory_limit')").fetchone()[0].startswith("244")
    monkeypatch.setenv("CHISO_WRITE_MEMORY", "lots")
    with pytest.raises(WarehouseError, match="CHISO_WRITE_MEMORY='lots'"):
        with store.session():
            pass
