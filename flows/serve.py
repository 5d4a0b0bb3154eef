"""chiso's deployments, served by a Prefect runner in this process.

``chiso serve`` registers three deployments with the Prefect server and runs
their flow runs as they come due:

- ``chiso-ingest-sources/scheduled``: fetch what the sources file lists,
  every hour on the hour (cron ``0 * * * *``, Vietnam time), or every
  ``--every`` seconds;
- ``chiso-ingest/ad-hoc``: ingest the paths or URLs given as the run's
  ``sources`` parameter (run it from the UI or ``prefect deployment run``);
- ``chiso-reextract/reextract``: run the current extractors over stored
  documents.

``prefect.yaml`` at the project root defines the same deployments for a work
pool, for teams whose workers run elsewhere.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import suppress

HOURLY = "0 * * * *"
TIMEZONE = "Asia/Ho_Chi_Minh"


def schedule(every: float | None = None):
    """The scheduled ingest's schedule: hourly on the hour, Vietnam time
    (Prefect 3 takes the time zone on the schedule, not on the deployment),
    or every ``every`` seconds."""
    from prefect.schedules import Cron, Interval

    return Interval(every, timezone=TIMEZONE) if every else Cron(HOURLY, timezone=TIMEZONE)


def build_deployments(
    sources_file: str,
    warehouse: str,
    every: float | None = None,
    fetch: dict | None = None,
    lock_timeout: float = 60.0,
):
    from flows.ingest import ingest, ingest_sources, reextract

    common = {"warehouse": warehouse, "lock_timeout": lock_timeout}
    scheduled = ingest_sources.to_deployment(
        name="scheduled",
        parameters={**common, "sources_file": sources_file, "fetch": fetch or {}},
        description="Fetch the feeds, section pages and URLs of the sources file; load what is new.",
        tags=["chiso"],
        schedules=[schedule(every)],
    )
    adhoc = ingest.to_deployment(
        name="ad-hoc",
        parameters={**common, "sources": [], "fetch": fetch or {}},
        description="Ingest the files, directories or article URLs given as `sources`.",
        tags=["chiso"],
    )
    again = reextract.to_deployment(
        name="reextract",
        parameters=common,
        description="Run the current extractors over the documents the warehouse holds.",
        tags=["chiso"],
    )
    return [scheduled, adhoc, again]


def serve(
    sources_file: str,
    warehouse: str,
    every: float | None = None,
    fetch: dict | None = None,
    lock_timeout: float = 60.0,
) -> None:
    """Serve chiso's deployments until interrupted; one flow run at a time,
    since one process writes the warehouse."""
    from prefect import serve as prefect_serve

    _quiet_shutdown()
    _stop_when_orphaned()
    prefect_serve(*build_deployments(sources_file, warehouse, every, fetch, lock_timeout), limit=1)


# Set in the environment of the process that runs the deployments, to the
# pid of the `chiso serve` that started it.
_SUPERVISOR = "CHISO_SERVE_SUPERVISOR"


def supervised() -> bool:
    """Whether this process is the one `chiso serve` started to run the deployments."""
    return os.environ.get(_SUPERVISOR) == str(os.getppid())


def supervise(argv: list[str]) -> int:
    """Run ``chiso serve ARGV`` in a process of its own session and wait for it.

    Ctrl-C reaches every process of the terminal's group: Prefect's runner
    and each flow run it started, which then died printing tracebacks
    wherever they were (loading the flow, a CancelledError in asyncio).  In
    a session of its own the runner hears of Ctrl-C or SIGTERM only from
    here, as SIGTERM, Prefect's graceful shutdown: it cancels the flow run in
    progress (which ends at its next batch boundary, recorded as
    interrupted), pauses the schedules and stops."""
    env = {**os.environ, _SUPERVISOR: str(os.getpid())}
    child = subprocess.Popen([sys.executable, "-m", "flows.cli", *argv], env=env, start_new_session=True)

    def forward(signum, frame) -> None:
        with suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGTERM)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, forward)
    return child.wait()


def _quiet_shutdown() -> None:
    """Drop the log records of tasks cancelled while the runner shuts down
    (asyncio's "Exception in callback ... CancelledError"): noise, not news."""

    def keep(record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, asyncio.CancelledError | KeyboardInterrupt)

    logging.getLogger("asyncio").addFilter(keep)


def _stop_when_orphaned() -> None:
    """Shut down as after Ctrl-C if the `chiso serve` that started this process
    dies (killed without a chance to forward anything)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="chiso-serve-parent", daemon=True).start()
