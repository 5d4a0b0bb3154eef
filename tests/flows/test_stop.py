"""Ctrl-C and SIGTERM stop a run at a batch boundary, within seconds even
while a page stalls its extraction; the batches loaded stay, and the run is
recorded as interrupted in `runs` and in Prefect."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
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


# The same, but the page stalls holding the GIL, as a regular expression over
# a large page's whole text does: steps of a C call of about three seconds each
# (sum over a range checks for nothing until it is done).  Before the
# extraction was aborted, every step of the run's ending waited for one:
# a 37 MB file took ten seconds to stop, this page minutes.
GIL_HOLDING_CHISO = STALLING_CHISO.replace(
    "time.sleep(600)",
    "deadline = time.monotonic() + 600\n        while time.monotonic() < deadline: sum(range(250_000_000))",
)


@pytest.mark.parametrize(
    ("signum", "status", "script"),
    [
        (signal.SIGINT, 130, STALLING_CHISO),
        (signal.SIGTERM, 143, STALLING_CHISO),
        (signal.SIGTERM, 143, GIL_HOLDING_CHISO),
    ],
    ids=["SIGINT", "SIGTERM", "SIGTERM-holding-the-GIL"],
)
def test_a_signal_stops_a_stalled_run_keeping_the_loaded_batches(
    tmp_path, cli_env, prefect_server, signum, status, script
):
    sources = tmp_path / "in"
    sources.mkdir()
    for name in ("a1.txt", "a2.txt", "a3.txt", "zz-stalls-here.txt"):
        shutil.copy(ARTICLE, sources / name)
    warehouse, marker = tmp_path / "w.duckdb", tmp_path / "stalled"
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(marker), "run", str(sources), "--batch-size", "1"]
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


def test_an_aborted_extraction_ends_its_thread_and_leaves_nothing_pending(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from extractors.model import Document
    from flows import work

    started, release = threading.Event(), threading.Event()
    real = work.process

    def process(document):
        if document.source == "stalls.txt":
            started.set()
            while not release.is_set():
                sum(range(2_000_000))  # a C call holding the GIL, then a Python step
        return real(document)

    monkeypatch.setattr(work, "process", process)
    article = Document(source=str(ARTICLE), raw=ARTICLE.read_bytes())
    with ThreadPoolExecutor(max_workers=1) as pool:  # one thread, reused after the abort
        stalled = pool.submit(work.extract_documents, [Document(source="stalls.txt", raw=b"x")])
        assert started.wait(30)
        assert work.abort_extractions() == 1
        with pytest.raises(work.ExtractionAborted):
            stalled.result(timeout=30)
        release.set()
        assert work.abort_extractions() == 0  # nothing extracting now
        outcome = pool.submit(work.extract_documents, [article]).result(timeout=30)
    assert outcome.articles == 1 and outcome.facts > 0
    assert not work._extracting and not work._aborted
