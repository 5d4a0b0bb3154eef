"""Expected errors end in one clean line with the README's exit status; runs
that failed say so in `runs`, in Prefect and in their artifacts; names that
could forge output are escaped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import duckdb
import requests

from tests.conftest import FIXTURES, ROOT, query, run_chiso

ARTICLE = FIXTURES / "articles" / "par-sipas-2024.txt"


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "ERROR" not in stderr
    return lines[0]


def sales_file(path):
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (region VARCHAR, amount INTEGER)")
    con.execute("INSERT INTO sales VALUES ('north', 7)")
    con.close()
    return path


def tables(path) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        )
    finally:
        con.close()


def test_run_and_migrate_refuse_a_duckdb_file_that_is_not_a_warehouse(tmp_path, cli_env):
    sales = sales_file(tmp_path / "sales.duckdb")
    for args in (["run", str(ARTICLE)], ["migrate"]):
        result = run_chiso([*args, "--warehouse", str(sales)], cli_env)
        assert result.returncode == 3, result.stderr
        assert "not a chiso warehouse" in one_line(result.stderr)
        assert tables(sales) == ["sales"]


def test_migrate_does_not_create_a_missing_warehouse(tmp_path, cli_env):
    missing = tmp_path / "nowhere.duckdb"
    result = run_chiso(["migrate", "--warehouse", str(missing)], cli_env)
    assert result.returncode == 3
    assert f"there is no warehouse at {missing}" in one_line(result.stderr)
    assert not missing.exists()


def test_a_newer_warehouse_is_one_line_and_exit_3(tmp_path, cli_env):
    warehouse = tmp_path / "w.duckdb"
    assert run_chiso(["run", str(ARTICLE), "--warehouse", str(warehouse)], cli_env).returncode == 0
    con = duckdb.connect(str(warehouse))
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')")
    con.close()
    result = run_chiso(["run", str(ARTICLE), "--warehouse", str(warehouse)], cli_env)
    assert result.returncode == 3
    assert "made by a newer chiso" in one_line(result.stderr)


def test_a_locked_warehouse_is_one_line_and_exit_3(tmp_path, cli_env):
    warehouse = tmp_path / "w.duckdb"
    assert run_chiso(["run", str(ARTICLE), "--warehouse", str(warehouse)], cli_env).returncode == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(120)",
            str(warehouse),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run_chiso(
            ["run", str(FIXTURES), "--warehouse", str(warehouse), "--lock-timeout", "1"], cli_env
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 3
    line = one_line(result.stderr)
    assert "is locked by another process" in line and "--lock-timeout" in line


def test_query_into_a_closed_pipe_ends_quietly(tmp_path, cli_env):
    warehouse = tmp_path / "w.duckdb"
    assert run_chiso(["run", str(FIXTURES), "--warehouse", str(warehouse)], cli_env).returncode == 0
    env = {**cli_env, "PYTHONPATH": str(ROOT)}
    chiso = f"{sys.executable} -m flows.cli"
    for command in (
        f"{chiso} query 'select * from range(200000)' --warehouse {warehouse} | head -1",
        f"{chiso} query 'select * from facts' --format csv --warehouse {warehouse} | head -1",
    ):
        result = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr


def test_export_onto_a_file_or_an_unwritable_path_is_one_line(tmp_path, cli_env):
    warehouse = tmp_path / "w.duckdb"
    assert run_chiso(["run", str(ARTICLE), "--warehouse", str(warehouse)], cli_env).returncode == 0
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for target in (a_file, a_file / "below", "/proc/chiso-export"):
        result = run_chiso(["export", str(target), "--warehouse", str(warehouse)], cli_env)
        assert result.returncode == 2, result.stderr
        assert "cannot write the export to" in one_line(result.stderr)


def _flow_run(api: str, flow_run_id: str) -> dict:
    response = requests.get(f"{api}/flow_runs/{flow_run_id}", timeout=10)
    response.raise_for_status()
    return response.json()


def _artifacts(api: str, flow_run_id: str) -> dict[str, dict]:
    response = requests.post(
        f"{api}/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}}, timeout=10
    )
    response.raise_for_status()
    return {a["key"]: a for a in response.json()}


def test_a_run_where_every_source_failed_is_failed_everywhere(tmp_path, cli_env, prefect_server):
    warehouse = tmp_path / "w.duckdb"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_chiso(
        ["run", str(empty), str(tmp_path / "gone.txt"), "--warehouse", str(warehouse)], cli_env
    )
    assert result.returncode == 1
    run = query(warehouse, "select status, flow_run_id from runs", cli_env)[0]
    assert run["status"] == "failed"
    state = _flow_run(prefect_server.api_url, run["flow_run_id"])["state"]
    assert state["type"] == "FAILED"
    summary = _artifacts(prefect_server.api_url, run["flow_run_id"])["chiso-ingest-summary"]["data"]
    assert f"| {empty} | decode | the file is empty |" in summary
    assert f"| {tmp_path / 'gone.txt'} | read | no such file or directory |" in summary


def test_a_run_where_some_sources_failed_says_so(tmp_path, cli_env, prefect_server):
    warehouse = tmp_path / "w.duckdb"
    result = run_chiso(
        ["run", str(ARTICLE), str(tmp_path / "gone.txt"), "--warehouse", str(warehouse)], cli_env
    )
    assert result.returncode == 1
    # printed once: by chiso, not again by Prefect's logger
    assert result.stderr.count("gone.txt") == 1, result.stderr
    run = query(warehouse, "select status, flow_run_id from runs", cli_env)[0]
    assert run["status"] == "completed with failures"
    state = _flow_run(prefect_server.api_url, run["flow_run_id"])["state"]
    assert state["name"] == "Completed with failures"
    artifacts = _artifacts(prefect_server.api_url, run["flow_run_id"])
    assert "gone.txt | read | no such file or directory" in artifacts["chiso-ingest-summary"]["data"]
    facts = artifacts["chiso-new-facts"]["data"]
    facts = facts if isinstance(facts, list) else __import__("json").loads(facts)
    assert facts and all(f["source"] == str(ARTICLE) and f["evidence"] for f in facts)
    assert all(f["evidence"] in ARTICLE.read_text(encoding="utf-8") for f in facts)


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path, cli_env, prefect_server):
    sources = tmp_path / "in"
    sources.mkdir()
    forged = sources / "a\n  ! other.txt: decode: forged.txt"
    forged.write_bytes(b"")
    warehouse = tmp_path / "w.duckdb"
    result = run_chiso(["run", str(sources), "--warehouse", str(warehouse)], cli_env)
    assert result.returncode == 1
    assert not any(line.startswith("  ! other.txt") for line in result.stderr.splitlines()), result.stderr
    assert f"{sources}/a\\n  ! other.txt: decode: forged.txt: decode: the file is empty" in result.stderr
    run = query(warehouse, "select flow_run_id from runs", cli_env)[0]
    summary = _artifacts(prefect_server.api_url, run["flow_run_id"])["chiso-ingest-summary"]["data"]
    assert "a\\n  ! other.txt" in summary and "a\n" not in summary


def test_odd_names_load_once_and_with_their_bytes_escaped(tmp_path, cli_env):
    sources = tmp_path / "in"
    sources.mkdir()
    odd = os.path.join(os.fsencode(sources), b"caf\xe9-par.txt")
    shutil.copy(ARTICLE, odd)
    warehouse = tmp_path / "w.duckdb"
    result = run_chiso(
        ["run", str(ARTICLE), str(ARTICLE), str(sources), "--warehouse", str(warehouse)], cli_env
    )
    assert result.returncode == 0, result.stderr
    loaded = query(
        warehouse, "select source, count(*) as n from documents group by source order by 1", cli_env
    )
    assert {r["source"] for r in loaded} == {str(ARTICLE), f"{sources}/caf\\xe9-par.txt"}
    assert all(r["n"] == 1 for r in loaded)


def test_a_fifo_or_an_empty_directory_is_a_failure_not_a_hang_or_a_success(tmp_path, cli_env):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    empty = tmp_path / "empty-dir"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.md").write_text("not an article")
    warehouse = tmp_path / "w.duckdb"
    result = run_chiso(
        [str(x) for x in ("run", fifo, empty, ARTICLE)] + ["--warehouse", str(warehouse)],
        cli_env,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"{fifo}: read: not a regular file: it is a FIFO (named pipe)" in result.stderr
    assert f"{empty}: read: the directory holds no .txt, .html or .htm file" in result.stderr
    assert query(warehouse, "select count(*) as n from documents", cli_env)[0]["n"] == 1
