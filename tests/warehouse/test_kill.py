"""A load killed with SIGKILL leaves a consistent warehouse a re-run completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import duckdb

from tests.conftest import FIXTURES, ROOT, query, run_chiso

CONSISTENCY = {
    "facts without their extraction": """
        SELECT count(*) FROM fact_versions f ANTI JOIN extractions e USING (doc_id, extractor_version)""",
    "articles without their extraction": """
        SELECT count(*) FROM article_versions a ANTI JOIN extractions e USING (doc_id, extractor_version)""",
    "extractions without their document": """
        SELECT count(*) FROM extractions e ANTI JOIN documents d USING (doc_id)""",
    "documents without any extraction": """
        SELECT count(*) FROM documents d ANTI JOIN extractions e USING (doc_id)""",
    "ok extractions missing facts": """
        SELECT count(*) FROM extractions e
        WHERE status = 'ok' AND n_facts <> (
            SELECT count(*) FROM fact_versions f
            WHERE f.doc_id = e.doc_id AND f.extractor_version = e.extractor_version)""",
    "run counters that disagree with the facts": """
        SELECT count(*) FROM runs r
        WHERE facts_new <> (
            SELECT count(*) FROM fact_versions f JOIN extractions e USING (doc_id, extractor_version)
            WHERE e.run_id = r.run_id)""",
}


def problems(path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        found = {name: con.execute(sql).fetchone()[0] for name, sql in CONSISTENCY.items()}
    finally:
        con.close()
    return {name: n for name, n in found.items() if n}


CHILD = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {root!r})
    from extractors.model import Document
    from flows.work import extract_documents
    from warehouse import Warehouse, store

    real_run = store.run

    def run(con, sql, params=None):
        # every insert of the batch is done: stop right before COMMIT
        if sql.startswith("UPDATE runs SET files_read"):
            print("inside the transaction", flush=True)
            time.sleep(60)
        return real_run(con, sql, params)

    store.run = run
    documents = [Document(source=p, raw=open(p, "rb").read()) for p in {paths!r}]
    outcome = extract_documents(documents, extractor_version="v1")
    with Warehouse({warehouse!r}).session() as session:
        run_id = session.start_run("ingest", "v1", None, ["killed"])
        session.load(run_id, outcome.batch)
    """
)


def test_a_load_killed_inside_its_transaction_leaves_nothing_half_done(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    paths = sorted(str(p) for p in (FIXTURES / "articles").glob("*.txt"))
    script = CHILD.format(root=str(ROOT), paths=paths, warehouse=str(warehouse))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "inside the transaction"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    con = duckdb.connect(str(warehouse))  # opening replays the WAL: the half batch is gone
    counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "fact_versions")]
    running = con.execute("SELECT status FROM runs").fetchall()
    con.close()
    assert counts == [0, 0]
    assert running == [("running",)]  # the run record committed before the load began
    assert problems(warehouse) == {}

    # and a re-run completes the work
    from extractors.model import Document
    from flows.work import extract_documents
    from warehouse import Warehouse

    documents = [Document(source=p, raw=open(p, "rb").read()) for p in paths]
    outcome = extract_documents(documents, extractor_version="v1")
    with Warehouse(warehouse).session() as session:
        run_id = session.start_run("ingest", "v1", None, ["again"])
        loaded = session.load(run_id, outcome.batch)
    assert loaded.documents_new == len(paths) and loaded.facts_new == len(outcome.batch.fact_versions)
    assert problems(warehouse) == {}


def test_a_run_killed_part_way_is_completed_by_running_it_again(tmp_path, cli_env):
    sources = tmp_path / "many"
    sources.mkdir()
    articles = sorted((FIXTURES / "articles").glob("*.txt"))
    everything = 60 * len(articles)
    for i in range(60):  # 60 copies of the fixtures' articles, batches of 5
        for path in articles:
            (sources / f"{i:02d}-{path.name}").write_bytes(path.read_bytes() + f"\n\nBản {i}.".encode())
    warehouse = tmp_path / "w.duckdb"
    args = ["run", str(sources), "--warehouse", str(warehouse), "--batch-size", "5"]
    child = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", *args],
        env={**cli_env, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            time.sleep(0.2)
            if warehouse.exists() and _loaded(warehouse) >= 10:
                break
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    killed_at = _loaded(warehouse)
    assert 0 < killed_at < everything, "the run was not killed part way"
    assert problems(warehouse) == {}

    again = run_chiso(args, cli_env)
    assert again.returncode == 0, again.stderr
    assert _loaded(warehouse) == everything
    assert problems(warehouse) == {}
    facts = query(warehouse, "SELECT count(*) AS n FROM facts", cli_env)[0]["n"]
    clean = tmp_path / "clean.duckdb"
    assert run_chiso(["run", str(sources), "--warehouse", str(clean)], cli_env).returncode == 0
    assert query(clean, "SELECT count(*) AS n FROM facts", cli_env)[0]["n"] == facts


def _loaded(path) -> int:
    """Documents committed so far, read the way chiso's readers do: a reader
    that finds the file held says so, and the run lets it in at its next batch."""
    from warehouse import Warehouse, WarehouseError

    try:
        with Warehouse(path, lock_timeout=20).reader() as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except WarehouseError:
        return -1
