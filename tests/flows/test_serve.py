"""chiso serve end to end: a scheduled (not triggered) run loads facts and
publishes its artifacts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import requests

from flows.urls import url_identity
from tests.conftest import ROOT, query
from tests.http_server import ARTICLES, Server


def _api(api_url: str, path: str, body: dict) -> list[dict]:
    # A busy Prefect server answers 503 (its database locked for a moment);
    # Prefect's own client retries those, and so does this one.
    for attempt in range(6):
        response = requests.post(f"{api_url}{path}", json=body, timeout=10)
        if response.status_code not in (429, 502, 503) or attempt == 5:
            break
        time.sleep(1 + attempt)
    response.raise_for_status()
    return response.json()


def test_a_scheduled_run_loads_facts_and_publishes_artifacts(tmp_path, cli_env, prefect_server):
    api = prefect_server.api_url
    warehouse = tmp_path / "served.duckdb"
    with Server() as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            "[politeness]\nper_host_delay = 0\n\n"
            f'[[sites]]\nname = "local"\nfeeds = ["{site.url("/feed.xml")}"]\n'
            f'sections = ["{site.url("/section.html")}"]\n',
            encoding="utf-8",
        )
        served = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "flows.cli",
                "serve",
                "--sources",
                str(sources),
                "--every",
                "5",
                "--warehouse",
                str(warehouse),
                "--allow-private-addresses",
            ],
            env={**cli_env, "PYTHONPATH": str(ROOT), "PREFECT_RUNNER_POLL_FREQUENCY": "1"},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            run = None
            deadline = time.monotonic() + 180
            while run is None and time.monotonic() < deadline:
                assert served.poll() is None, served.stderr.read()
                time.sleep(1)
                deployments = _api(
                    api, "/deployments/filter", {"deployments": {"name": {"any_": ["scheduled"]}}}
                )
                ours = [d["id"] for d in deployments if d["parameters"].get("warehouse") == str(warehouse)]
                if not ours:
                    continue
                runs = _api(
                    api,
                    "/flow_runs/filter",
                    {
                        "flow_runs": {
                            "deployment_id": {"any_": ours},
                            "state": {"type": {"any_": ["COMPLETED"]}},
                        }
                    },
                )
                run = next((r for r in runs if r["auto_scheduled"]), None)
            assert run is not None, "no scheduled run completed within three minutes"
            artifacts = _api(api, "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run["id"]]}}})
        finally:
            os.killpg(served.pid, signal.SIGINT)
            try:
                served.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(served.pid, signal.SIGKILL)
                served.wait()
            served.stderr.close()

    kinds = {a["key"]: a["type"] for a in artifacts}
    assert kinds == {"chiso-ingest-summary": "markdown", "chiso-new-facts": "table"}
    summary = next(a for a in artifacts if a["type"] == "markdown")["data"]
    assert "## Sources" in summary and "missing-9999999.html | fetch | HTTP 404 Not Found" in summary

    loaded = {r["source"] for r in query(warehouse, "select distinct source from facts", cli_env)}
    assert loaded == {url_identity(site.url(path)) for path in ARTICLES}  # pages are named by URL identity
    runs = query(warehouse, "select flow_run_id from runs where flow_run_id is not null", cli_env)
    assert run["id"] in {r["flow_run_id"] for r in runs}


def _start_serve(args: list[str], cli_env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", *args, "--allow-private-addresses"],
        env={**cli_env, "PYTHONPATH": str(ROOT), "PREFECT_RUNNER_POLL_FREQUENCY": "1"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _wait_for(api: str, what, served: subprocess.Popen, seconds: float = 180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert served.poll() is None, served.stderr.read()
        found = what()
        if found:
            return found
        time.sleep(1)
    raise AssertionError(f"not within {seconds:.0f} s")


def test_serve_as_it_ships_registers_the_hourly_vietnam_schedule_and_runs_through_it(
    tmp_path, cli_env, prefect_server
):
    api = prefect_server.api_url
    warehouse = tmp_path / "hourly.duckdb"
    with Server() as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(
            "[politeness]\nper_host_delay = 0\n\n"
            f'[[sites]]\nname = "local"\nfeeds = ["{site.url("/feed.xml")}"]\n',
            encoding="utf-8",
        )
        served = _start_serve(["--sources", str(sources), "--warehouse", str(warehouse)], cli_env)
        try:

            def deployment():
                found = _api(api, "/deployments/filter", {"deployments": {"name": {"any_": ["scheduled"]}}})
                return next((d for d in found if d["parameters"].get("warehouse") == str(warehouse)), None)

            scheduled = _wait_for(api, deployment, served)
            [schedule] = scheduled["schedules"]
            assert schedule["active"]
            assert schedule["schedule"]["cron"] == "0 * * * *"
            assert schedule["schedule"]["timezone"] == "Asia/Ho_Chi_Minh"
            run = _api(api, f"/deployments/{scheduled['id']}/create_flow_run", {})

            def finished():
                response = requests.get(f"{api}/flow_runs/{run['id']}", timeout=10)
                if response.status_code != 200:
                    return None  # a busy server (503): ask again
                state = response.json()["state"]
                return state if state and state["type"] in ("COMPLETED", "FAILED", "CRASHED") else None

            state = _wait_for(api, finished, served)
            assert state["type"] == "COMPLETED", state
        finally:
            os.killpg(served.pid, signal.SIGINT)
            try:
                served.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(served.pid, signal.SIGKILL)
                served.wait()
            stderr = served.stderr.read()
            served.stderr.close()
    # Ctrl-C stops serving quietly: no KeyboardInterrupt or CancelledError tracebacks
    assert "Traceback" not in stderr and "CancelledError" not in stderr, stderr
    assert served.returncode == 0, stderr
    loaded = {r["source"] for r in query(warehouse, "select distinct source from facts", cli_env)}
    assert loaded == {url_identity(site.url(path)) for path in ARTICLES}
