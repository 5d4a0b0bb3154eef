"""Ctrl-C and SIGTERM stop a run at a batch boundary, within seconds even
while a page stalls its extraction; the batches loaded stay, and the run is
recorded as interrupted in `runs` and in Prefect."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest
import requests

from tests.conftest import FIXTURES, ROOT, query

ARTICLE = FIXTURES / "articles" / "par-sipas-2024.txt"

# chiso, with the extraction of any page named zz-stalls-here.txt stalled for ten
# minutes (a page that costs that long, without depending on one existing)
STALLING_CHISO = """
import pathlib, sys, time
import flows.work as work
real = work.process
def process(document):
    if document.source.endswith("/zz-stalls-here.txt"):
        pathlib.Path(sys.argv[1]).write_text("stalled")
        time.sleep(600)
    return real(document)
work.process = process
from flows.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_a_stalled_run_keeping_the_loaded_batches(
    tmp_path, cli_env, prefect_server, signum, status
):
    sources = tmp_path / "in"
    sources.mkdir()
    for name in ("a1.txt", "a2.txt", "a3.txt", "zz-stalls-here.txt"):
        shutil.copy(ARTICLE, sources / name)
    warehouse, marker = tmp_path / "w.duckdb", tmp_path / "stalled"
    process = subprocess.Popen(
        [sys.executable, "-c", STALLING_CHISO, str(marker), "run", str(sources), "--batch-size", "1"]
        + ["--warehouse", str(warehouse)],
        env={**cli_env, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 240
        while not marker.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the stalled page was never reached"
            time.sleep(0.2)
        process.send_signal(signum)
        # a bound for the wait, not a measurement: without the fix it is 600 s
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == status, stderr
    assert "Traceback" not in stderr, stderr
    assert f"stopped by {signal.Signals(signum).name}; batches already loaded are kept" in stderr
    assert "status        interrupted" in stdout
    run = query(warehouse, "select status, flow_run_id from runs", cli_env)[0]
    assert run["status"] == "interrupted"
    loaded = {r["source"] for r in query(warehouse, "select distinct source from facts", cli_env)}
    assert {str(sources / "a1.txt"), str(sources / "a2.txt")} <= loaded
    assert str(sources / "zz-stalls-here.txt") not in loaded
    response = requests.get(f"{prefect_server.api_url}/flow_runs/{run['flow_run_id']}", timeout=10)
    state = response.json()["state"]
    assert (state["type"], state["name"]) == ("CANCELLED", "Interrupted")
