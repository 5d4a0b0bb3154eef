"""Scale-out: the ingest flow on a 2-worker local Dask cluster loads exactly
the facts of the default (threads) run."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES, query, run_chiso

FACT_COLUMNS = (
    "source, entity, index_code, component, year, metric, value, evidence, span_start, value_start, rule"
)


def _facts(warehouse, env) -> list[tuple]:
    rows = query(warehouse, f"select {FACT_COLUMNS} from facts order by all", env)
    return [tuple(r.values()) for r in rows]


def test_a_two_worker_dask_cluster_gives_exactly_the_sequential_facts(tmp_path, cli_env, shared):
    sources = [str(FIXTURES), str(shared / "corpus" / "dev" / "articles")]
    sequential, parallel = tmp_path / "threads.duckdb", tmp_path / "dask.duckdb"
    first = run_chiso(["run", *sources, "--warehouse", str(sequential), "--batch-size", "7"], cli_env)
    assert first.returncode == 0, first.stderr
    second = run_chiso(
        [
            "run",
            *sources,
            "--warehouse",
            str(parallel),
            "--batch-size",
            "7",
            "--task-runner",
            "dask",
            "--workers",
            "2",
            "--json",
        ],
        cli_env,
        timeout=600,
    )
    assert second.returncode == 0, second.stderr
    # the batches were extracted by the cluster's two worker processes
    assert len(json.loads(second.stdout)["workers"]) == 2
    facts = _facts(sequential, cli_env)
    assert len(facts) > 300
    assert _facts(parallel, cli_env) == facts
    counts = "select count(*) as n from documents"
    assert query(parallel, counts, cli_env) == query(sequential, counts, cli_env)

    # re-extraction on the cluster changes nothing either
    again = run_chiso(
        ["reextract", "--force", "--warehouse", str(parallel), "--task-runner", "dask", "--workers", "2"],
        cli_env,
        timeout=600,
    )
    assert again.returncode == 0, again.stderr
    assert _facts(parallel, cli_env) == facts
