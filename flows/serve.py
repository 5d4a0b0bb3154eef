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

HOURLY = "0 * * * *"


def build_deployments(
    sources_file: str,
    warehouse: str,
    every: float | None = None,
    fetch: dict | None = None,
    lock_timeout: float = 60.0,
):
    from flows.ingest import ingest, ingest_sources, reextract

    schedule = {"interval": every} if every else {"cron": HOURLY, "timezone": "Asia/Ho_Chi_Minh"}
    common = {"warehouse": warehouse, "lock_timeout": lock_timeout}
    scheduled = ingest_sources.to_deployment(
        name="scheduled",
        parameters={**common, "sources_file": sources_file, "fetch": fetch or {}},
        description="Fetch the feeds, section pages and URLs of the sources file; load what is new.",
        tags=["chiso"],
        **schedule,
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

    prefect_serve(*build_deployments(sources_file, warehouse, every, fetch, lock_timeout), limit=1)
