"""The chiso command end to end, against a real Prefect server."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, query, run_chiso
from tests.extractors.test_corpus import MIN_F1, MIN_PRECISION, MIN_RECALL

DATA_TABLES = ("documents", "extractions", "article_versions", "fact_versions")


def table_counts(warehouse: Path, env) -> dict[str, int]:
    sql = " UNION ALL ".join(f"SELECT '{t}' AS t, count(*) AS n FROM {t}" for t in DATA_TABLES)
    return {row["t"]: row["n"] for row in query(warehouse, sql, env)}


@pytest.fixture()
def fixtures_warehouse(tmp_path, cli_env) -> Path:
    warehouse = tmp_path / "fixtures.duckdb"
    result = run_chiso(["run", str(FIXTURES), "--warehouse", str(warehouse)], cli_env)
    assert result.returncode == 0, result.stderr
    return warehouse


def test_run_loads_the_fixtures_and_prints_a_summary(tmp_path, cli_env):
    warehouse = tmp_path / "w.duckdb"
    result = run_chiso(["run", str(FIXTURES), "--warehouse", str(warehouse)], cli_env)
    assert result.returncode == 0, result.stderr
    assert re.search(r"files read\s+\d+", result.stdout)
    assert re.search(r"facts\s+\d+ new", result.stdout)
    assert re.search(r"failures\s+0", result.stdout)
    assert f"warehouse     {warehouse}" in result.stdout
    assert "Traceback" not in result.stderr and "ERROR" not in result.stderr


def test_running_twice_adds_no_rows(fixtures_warehouse, cli_env):
    before = table_counts(fixtures_warehouse, cli_env)
    result = run_chiso(["run", str(FIXTURES), "--warehouse", str(fixtures_warehouse)], cli_env)
    assert result.returncode == 0, result.stderr
    assert re.search(r"facts\s+0 new", result.stdout)
    assert table_counts(fixtures_warehouse, cli_env) == before


def test_the_default_warehouse_and_sources_come_from_the_environment(tmp_path, cli_env):
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    env = {**cli_env, "CHISO_WAREHOUSE": str(tmp_path / "from-env.duckdb")}
    result = run_chiso(["run"], env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "from-env.duckdb").is_file()


def test_quang_nam_interview_facts_are_queryable(tmp_path, cli_env, shared):
    warehouse = tmp_path / "qn.duckdb"
    article = shared / "corpus/dev/articles/quang-nam-ict-2018.txt"
    assert run_chiso(["run", str(article), "--warehouse", str(warehouse)], cli_env).returncode == 0
    result = run_chiso(["query", "select * from facts", "--warehouse", str(warehouse)], cli_env)
    assert result.returncode == 0, result.stderr
    rows = query(
        warehouse, "select entity, index_code, component, year, metric, value, evidence from facts", cli_env
    )
    facts = {(r["entity"], r["index_code"], r["component"], r["year"], r["metric"], r["value"]) for r in rows}
    assert ("Quảng Nam", "ICT_INDEX", None, 2018, "rank", 18) in facts
    assert ("Quảng Nam", "ICT_INDEX", None, 2018, "score", 0.482) in facts
    assert ("Quảng Nam", "ICT_INDEX", None, 2018, "rank_change", 23) in facts
    values = {(r["metric"], r["value"]) for r in rows}
    for trap in (
        ("rank", 11),
        ("rank", 23),
        ("rank", 499),
        ("rank", 3),
        ("rank", 4),
        ("score", 3),
        ("score", 4),
    ):
        assert trap not in values
    assert all(r["evidence"] for r in rows)


def test_a_bad_file_is_reported_and_the_others_load(tmp_path, cli_env):
    sources = tmp_path / "mixed"
    shutil.copytree(FIXTURES / "articles", sources)
    (sources / "picture.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (sources / "empty.txt").write_bytes(b"")
    warehouse = tmp_path / "w.duckdb"
    result = run_chiso(
        ["run", str(sources), str(tmp_path / "missing.txt"), "--warehouse", str(warehouse)], cli_env
    )
    assert result.returncode == 1, result.stderr
    assert f"{sources / 'picture.html'}: decode: not text: it is a PNG image" in result.stderr
    assert f"{sources / 'empty.txt'}: decode: the file is empty" in result.stderr
    assert f"{tmp_path / 'missing.txt'}: read: no such file or directory" in result.stderr
    assert re.search(r"failures\s+3", result.stdout)
    loaded = query(warehouse, "select count(distinct source) as n from facts", cli_env)[0]["n"]
    # every fixture article the gold gives facts to, and no other (some state none on purpose)
    with_facts = {
        Path(json.loads(line)["source"]).name
        for line in (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert loaded == len([p for p in (FIXTURES / "articles").glob("*.txt") if p.name in with_facts])
    stored = {
        r["source"]: r["stage"] for r in query(warehouse, "select source, stage from failures", cli_env)
    }
    assert stored == {
        str(sources / "picture.html"): "decode",
        str(sources / "empty.txt"): "decode",
        str(tmp_path / "missing.txt"): "read",
    }


def test_query_formats_and_read_only(fixtures_warehouse, cli_env):
    for fmt in ("table", "csv", "json"):
        result = run_chiso(
            [
                "query",
                "select entity from facts limit 1",
                "--warehouse",
                str(fixtures_warehouse),
                "--format",
                fmt,
            ],
            cli_env,
        )
        assert result.returncode == 0 and "entity" in result.stdout
    result = run_chiso(["query", "delete from documents", "--warehouse", str(fixtures_warehouse)], cli_env)
    assert result.returncode == 3 and "read-only" in result.stderr


def test_eval_prints_the_figures_and_holds_the_floor(cli_env, shared):
    corpus = shared / "corpus/dev"
    result = run_chiso(
        ["eval", str(corpus / "gold.jsonl"), str(corpus / "articles"), "--min-f1", f"{MIN_F1:.3f}"],
        cli_env,
    )
    assert result.returncode == 0, result.stderr
    strict = re.search(
        r"^strict\s+precision\s+([\d.]+)\s+recall\s+([\d.]+)\s+F1\s+([\d.]+)", result.stdout, re.M
    )
    precision, recall, _ = map(float, strict.groups())
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL
    assert "by metric" in result.stdout and "by index" in result.stdout
    assert "misses (" in result.stdout and "false positives (" in result.stdout


def test_eval_of_a_corpus_directory_reads_its_articles_and_scores_its_gold(cli_env, shared):
    result = run_chiso(["eval", str(shared / "corpus/tables"), "--min-f1", "0.965"], cli_env)
    assert result.returncode == 0, result.stdout + result.stderr
    strict = re.search(r"^strict\s+precision\s+([\d.]+)\s+recall\s+([\d.]+)", result.stdout, re.M)
    precision, recall = map(float, strict.groups())
    assert precision >= 0.98 and recall >= 0.95, result.stdout


def test_eval_exits_5_below_min_f1(fixtures_warehouse, cli_env):
    gold = FIXTURES / "gold.jsonl"
    ok = run_chiso(["eval", str(gold), "--warehouse", str(fixtures_warehouse), "--min-f1", "0.99"], cli_env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    impossible = run_chiso(
        ["eval", str(gold), "--warehouse", str(fixtures_warehouse), "--min-f1", "1.01"], cli_env
    )
    assert impossible.returncode == 5


def test_reextract_without_a_change_adds_nothing(fixtures_warehouse, cli_env):
    before = query(fixtures_warehouse, "select * exclude (fetched_at) from facts order by all", cli_env)
    result = run_chiso(["reextract", "--warehouse", str(fixtures_warehouse)], cli_env)
    assert result.returncode == 0, result.stderr
    assert re.search(r"documents read\s+0", result.stdout)
    forced = run_chiso(["reextract", "--force", "--warehouse", str(fixtures_warehouse)], cli_env)
    assert forced.returncode == 0, forced.stderr
    assert (
        query(fixtures_warehouse, "select * exclude (fetched_at) from facts order by all", cli_env) == before
    )


def test_reextract_with_a_changed_rule_and_the_diff_shows_exactly_that(tmp_path, fixtures_warehouse, cli_env):
    # Another checkout of chiso whose vocabulary of first place forgot "đứng đầu".
    changed = tmp_path / "changed"
    for package in ("extractors", "flows", "warehouse"):
        shutil.copytree(ROOT / package, changed / package, ignore=shutil.ignore_patterns("__pycache__"))
    vocab = changed / "extractors/facts/vocab.toml"
    source = vocab.read_text(encoding="utf-8")
    assert '"dẫn đầu", "đứng đầu", ' in source
    vocab.write_text(source.replace('"dẫn đầu", "đứng đầu", ', '"dẫn đầu", ', 1), encoding="utf-8")
    env = {**cli_env, "PYTHONPATH": str(changed)}
    before = query(
        fixtures_warehouse, "select entity, index_code, component, year, metric, value from facts", cli_env
    )

    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", "reextract", "--warehouse", str(fixtures_warehouse)],
        env=env,
        cwd=changed,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    after = query(
        fixtures_warehouse, "select entity, index_code, component, year, metric, value from facts", cli_env
    )
    removed = {tuple(r.values()) for r in before} - {tuple(r.values()) for r in after}
    # first places read from "đứng đầu", and the ranks listed after them, are gone
    assert removed and all(metric == "rank" for *_, metric, value in removed)
    assert any(value == 1 for *_, value in removed)
    assert {tuple(r.values()) for r in after} <= {tuple(r.values()) for r in before}

    diff = run_chiso(["diff", "--warehouse", str(fixtures_warehouse), "--format", "json"], cli_env)
    assert diff.returncode == 0, diff.stderr
    changes = json.loads(diff.stdout)
    assert {c["change"] for c in changes} == {"removed"}
    assert {
        (c["entity"], c["index_code"], c["component"], c["year"], c["metric"], c["old_value"])
        for c in changes
    } == removed


def test_make_run_loads_the_fixtures_into_a_demo_warehouse_of_its_own(tmp_path, cli_env):
    planned = subprocess.run(["make", "-n", "-s", "run"], cwd=ROOT, capture_output=True, text=True)
    command = next(line for line in planned.stdout.splitlines() if "chiso run" in line)
    assert command.split("chiso ", 1)[1] == "run fixtures --warehouse demo.duckdb"
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    env = {**cli_env, "CHISO_WAREHOUSE": str(tmp_path / "warehouse.duckdb")}
    result = run_chiso(command.split("chiso ", 1)[1].split(), env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "demo.duckdb").is_file() and not (tmp_path / "warehouse.duckdb").exists()


def test_eval_of_a_warehouse_scores_only_the_gold_files_sources(
    tmp_path, fixtures_warehouse, cli_env, shared
):
    gold = FIXTURES / "gold.jsonl"
    alone = run_chiso(["eval", str(gold), "--warehouse", str(fixtures_warehouse)], cli_env)
    assert alone.returncode == 0, alone.stderr
    # the same warehouse, with real articles the fixtures' gold says nothing about
    articles = shared / "corpus/dev/articles"
    more = run_chiso(["run", str(articles), "--warehouse", str(fixtures_warehouse)], cli_env)
    assert more.returncode in (0, 1), more.stderr
    both = run_chiso(["eval", str(gold), "--warehouse", str(fixtures_warehouse)], cli_env)
    assert both.returncode == 0, both.stderr
    strict = re.compile(r"^strict\s.*$", re.M)
    assert strict.search(both.stdout).group() == strict.search(alone.stdout).group()


def test_table_cells_keep_a_paths_file_name_and_max_width_0_cuts_nothing(fixtures_warehouse, cli_env):
    sql = "select source, evidence from facts order by length(evidence) desc, source limit 1"
    full = query(fixtures_warehouse, sql, cli_env)[0]
    table = run_chiso(["query", sql, "--warehouse", str(fixtures_warehouse), "--max-width", "40"], cli_env)
    assert table.returncode == 0, table.stderr
    row = table.stdout.splitlines()[2]
    source, evidence = (cell.strip() for cell in row.split(" | "))
    shown = full["evidence"].replace("\n", " ")  # a table row's evidence spans lines; a cell holds one
    assert source == "…" + full["source"][-39:]
    assert evidence.startswith(shown[:10]) and evidence.endswith(shown[-10:])
    assert "…" in evidence
    wide = run_chiso(["query", sql, "--warehouse", str(fixtures_warehouse), "--max-width", "0"], cli_env)
    assert full["source"] in wide.stdout and shown in wide.stdout


def test_summaries_count_in_words_a_person_reads(tmp_path, cli_env):
    from flows.ingest import describe

    warehouse = tmp_path / "w.duckdb"
    article = FIXTURES / "articles" / "par-sipas-2024.txt"
    first = run_chiso(["run", str(article), "--warehouse", str(warehouse), "--json"], cli_env)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert describe(summary).startswith("Read 1 file: 1 new document, 1 article extracted, 11 new facts")
    again = run_chiso(["run", str(article), "--warehouse", str(warehouse), "--json"], cli_env)
    text = describe(json.loads(again.stdout))
    assert text == "Nothing new: the one document read is already in the warehouse."
    reextracted = run_chiso(["reextract", "--force", "--warehouse", str(warehouse)], cli_env)
    assert re.search(r"documents read\s+1$", reextracted.stdout, re.M), reextracted.stdout
    assert "files read" not in reextracted.stdout
