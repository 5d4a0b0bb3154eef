"""Prefect flows: ingest sources into the warehouse, re-extract stored ones.

Big inputs (a batch of pages, of rows) go to tasks inside a :class:`Bundle`,
so Prefect does not walk every element looking for futures: that walk cost
a third of a run.  Tasks are sized for the work: one fetch (pages only), one extract and one
load per batch of documents (hundreds, not one), so orchestration stays small
next to the work.  Extraction is submitted to the flow's task runner, so the
same flow runs on threads by default or on a Dask cluster with
``--task-runner dask``; fetching stays in the flow's process (its per-host
limits need one place to live) and one writer, this flow, loads the
warehouse, one transaction per batch.
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import SyncClientContext
from prefect.runtime import flow_run
from prefect.states import Cancelled, Completed, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

try:  # Prefect imports FastAPI's JSON encoder inside the first flow run, to
    # serialize its parameters: 0.2 s of one core spent in the run.  Load it
    # here, at startup, with the rest of Prefect.
    import fastapi.encoders  # noqa: F401
except ImportError:  # a prefect-client install has no FastAPI; Prefect copes
    pass

from extractors import EXTRACTOR_VERSION
from extractors.feeds import FeedError, parse_feed
from extractors.html.canonical import canonical_url
from extractors.html.page import HtmlError
from extractors.html.sections import article_links
from extractors.model import Document
from extractors.text.decode import DecodeError, decode, sniff_declared_charset
from flows.fetch import FEED_TYPES, PAGE_TYPES, Fetcher, FetchResult, FetchSettings
from flows.files import Failure, iter_files, printable
from flows.transport import BadHeader
from flows.urls import document_identity, one_per_page
from flows.work import (
    BatchOutcome,
    abort_extractions,
    document_row,
    extract_documents,
    failure_rows,
    read_documents,
    stored_document,
)
from warehouse import Batch, HeldSession, LoadResult, Warehouse, WarehouseError, content_hash, document_id
from warehouse.errors import disk_full

DEFAULT_BATCH_SIZE = 200
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def available_cores() -> int:
    """The cores this process may run on (its affinity), else all of them."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def task_runner(kind: str = "threads", address: str | None = None, workers: int | None = None):
    """The task runner extraction is submitted to.

    ``threads``: Prefect's thread pool in this process (the default), with
    ``workers`` threads, by default one per core this process may use.
    Extraction is Python holding the GIL save for lxml's parse: on one
    core a second extraction thread only contends with the first (5% slower,
    bench/run.py), on two it gains about as much.  ``dask``: a Dask
    cluster through prefect-dask, the scheduler at ``address``, or else a
    local cluster of ``workers`` processes (default: one per core it may
    use).  Either way this process alone writes the warehouse.
    """
    if kind == "threads":
        return _Threads(max_workers=workers or available_cores())
    if kind != "dask":
        raise ValueError(f"unknown task runner {kind!r}: use threads or dask")
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:  # the [dask] extra is not installed
        raise ValueError("--task-runner dask needs prefect-dask: pip install 'chiso[dask]'") from exc
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={
            "n_workers": workers or available_cores(),
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        },
    )


class _Threads(ThreadPoolTaskRunner):
    """Prefect's thread pool, except that the end of a run does not wait for
    extractions still running: after a stop (Ctrl-C, SIGTERM) the run is
    recorded and over, and a stalled page must not hold it for minutes.
    A run that was not stopped has waited for all of them already."""

    def cancel_all(self) -> None:
        executor, self._executor = self._executor, None
        super().cancel_all()  # sets the cancel events; no executor left to join
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)


class Interrupted(Exception):
    """The run was asked to stop (Ctrl-C, SIGTERM); loaded batches stay."""


class Stop:
    """A request to stop a run at the next batch boundary.

    The first SIGINT or SIGTERM asks; the run stops loading, records itself
    as interrupted and ends, without waiting for extractions in flight.  A
    second Ctrl-C stops at once."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.signal: str | None = None

    @property
    def requested(self) -> bool:
        return self.event.is_set()

    def request(self, signum: int, frame=None) -> None:
        if self.event.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.signal = signal.Signals(signum).name
        self.event.set()
        abort_extractions()  # a large page would hold the GIL through the run's ending

    def check(self) -> None:
        if self.event.is_set():
            raise Interrupted(self.signal)


@contextmanager
def _stop_on_signals() -> Iterator[Stop]:
    """SIGINT and SIGTERM ask the run to stop, for as long as it runs (signals
    can only be caught on the main thread; elsewhere the run is not stoppable)."""
    stop = Stop()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, stop.request)
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _chiso_version() -> str | None:
    try:
        return version("chiso")
    except PackageNotFoundError:
        return None


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass(slots=True)
class RunSummary:
    flow: str
    warehouse: str
    run_id: int
    extractor_version: str
    files_read: int = 0
    pages_fetched: int = 0
    pages_unchanged: int = 0
    documents_new: int = 0
    documents_unchanged: int = 0
    articles: int = 0
    facts_new: int = 0
    failures: list[dict] = field(default_factory=list)
    new_facts: list[dict] = field(default_factory=list)
    flow_run_id: str | None = None
    workers: list[str] = field(default_factory=list)  # host:pid of each process that extracted
    status: str = "running"  # as in `runs`: completed, completed with failures, failed, interrupted
    stopped_by: str | None = None  # the signal that interrupted the run

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# --- tasks ---------------------------------------------------------------------


class Bundle:
    """A task input Prefect passes on as it is: not a collection, so it is
    not walked element by element (Prefect's ``quote`` does the same on
    threads, but a Dask worker received it still wrapped)."""

    __slots__ = ("value",)

    def __init__(self, value) -> None:
        self.value = value


@task(name="fetch pages", cache_policy=NO_CACHE)
def fetch_pages(fetcher: Fetcher, requests_: list[tuple[str, str | None, str | None]]) -> list[FetchResult]:
    return fetcher.fetch_many(requests_, PAGE_TYPES)


@task(name="find article links", cache_policy=NO_CACHE)
def discover(
    fetcher: Fetcher, feeds: list[str], sections: list[str], state: dict[str, dict]
) -> tuple[list[str], list[Failure], list[FetchResult]]:
    """The article URLs that feeds and section pages list now."""
    links: list[str] = []
    failures: list[Failure] = []
    results: list[FetchResult] = []
    jobs = [(url, "feed") for url in feeds] + [(url, "section") for url in sections]
    answers = fetcher.fetch_many(
        [(url, state.get(url, {}).get("etag"), state.get(url, {}).get("last_modified")) for url, _ in jobs],
        FEED_TYPES + PAGE_TYPES,
    )
    for (url, kind), result in zip(jobs, answers):
        results.append(result)
        if result.not_modified:
            continue  # nothing new since the last run
        if result.error:
            failures.append(Failure(url, "fetch", result.error))
            continue
        try:
            if kind == "feed":
                links += [item.url for item in parse_feed(result.body, result.final_url or url)]
            else:
                text = decode(result.body, result.charset or sniff_declared_charset(result.body)).text
                links += article_links(text, result.final_url or url)
        except (FeedError, DecodeError, HtmlError) as exc:
            failures.append(Failure(url, "parse", str(exc)))
    return links, failures, results


@task(name="extract", cache_policy=NO_CACHE)
def extract(bundle: Bundle, store_documents=True, extractor_version=EXTRACTOR_VERSION) -> BatchOutcome:
    documents, doc_ids = bundle.value
    return extract_documents(documents, doc_ids, store_documents, extractor_version)


@task(name="load", cache_policy=NO_CACHE)
def load(db: HeldSession, run_id: int, bundle: Bundle, replace: bool = False) -> LoadResult:
    with db.session() as session:
        return session.load(run_id, bundle.value, replace=replace)


# --- run bookkeeping ------------------------------------------------------------------


def _start_run(db: HeldSession, flow_name: str, sources: list[str]) -> int:
    with db.session() as session:
        return session.start_run(flow_name, EXTRACTOR_VERSION, _chiso_version(), sources, _flow_run_id())


def _finish_run(db: HeldSession, run_id: int, status: str) -> None:
    with db.session() as session:
        session.finish_run(run_id, status)


def _outcome(summary: RunSummary) -> str:
    """How a finished run went, as ``runs.status`` says it."""
    if not summary.failures:
        return "completed"
    read = summary.articles + summary.documents_unchanged + summary.pages_unchanged
    return "completed with failures" if read else "failed"


@contextmanager
def _recorded_run(
    db: HeldSession,
    flow_name: str,
    warehouse: str,
    sources: list[str],
    window: int,
    stop: Stop,
    replace: bool = False,
) -> Iterator[_Loader]:
    """The frame of a flow's batches: its row in ``runs`` (closed as
    completed, with failures, failed, or interrupted when a stop was asked
    for), one Prefect client for every task, the loader drained at the end,
    the warehouse released whatever happens.  The run's counters are
    ``loader.summary``; an interruption is not raised further."""
    try:
        run_id = _start_run(db, flow_name, sources)
        summary = RunSummary(flow_name, warehouse, run_id, EXTRACTOR_VERSION, flow_run_id=_flow_run_id())
        loader = _Loader(db, run_id, summary, window, stop, replace=replace)
        # A sync task called from an async flow otherwise opens its own
        # Prefect client (an SSL context and an HTTP pool per task run, tens
        # of milliseconds each on one core); tasks in the thread pool see
        # this one through the copied context.
        with SyncClientContext.get_or_create():
            try:
                yield loader
                loader.finish()
                summary.status = _outcome(summary)
            except Interrupted:
                loader.abandon()
                summary.status, summary.stopped_by = "interrupted", stop.signal
            except BaseException:
                loader.abandon()
                summary.status = "failed"
                # the first error is the one to tell; the warehouse may be
                # unusable now (a full disk), so closing the run may fail too
                with suppress(WarehouseError):
                    _finish_run(db, run_id, "failed")
                raise
            _finish_run(db, run_id, summary.status)
    except BaseException:
        with suppress(WarehouseError):
            db.release()
        raise
    db.release()


def _flow_run_id() -> str | None:
    try:
        return str(flow_run.id) if flow_run.id else None
    except Exception:  # outside a flow run
        return None


def _known(db: HeldSession, doc_ids: list[str]) -> tuple[set[str], set[str]]:
    """Documents the warehouse holds, and those this extractor version has read."""
    with db.session() as session:
        return session.existing_documents(doc_ids), session.extracted(doc_ids, EXTRACTOR_VERSION)


def _fetch_state(db: HeldSession, urls: list[str]) -> dict[str, dict]:
    with db.session() as session:
        return session.fetch_state(urls)


def _fetch_row(result: FetchResult, doc_id: str | None) -> dict:
    return {
        "url": result.url,
        "final_url": result.final_url,
        "status": result.status,
        "etag": result.headers.get("etag"),
        "last_modified": result.headers.get("last-modified"),
        "fetched_at": result.fetched_at,
        "doc_id": doc_id,
        "error": result.error,
    }


def _document(result: FetchResult) -> Document:
    """A fetched page as a document, named by its URL identity (its canonical
    link on its own site, else the URL it was read from; flows/urls.py)."""
    page_url = result.final_url or result.url
    return Document(
        source=document_identity(page_url, canonical_url(result.body, page_url)),
        raw=result.body,
        kind="http",
        media_type=result.content_type or None,
        encoding=result.charset,
        final_url=result.final_url,
        status=result.status,
        headers=result.headers,
        fetched_at=result.fetched_at,
    )


@dataclass(slots=True)
class _Pending:
    """A batch on its way: its extraction (maybe still running) and what else
    it must load with it."""

    future: object | None
    failures: list[Failure]
    files_read: int = 0
    # doc_id -> source of the documents being extracted, for the new-facts table
    sources: dict[str, str] = field(default_factory=dict)
    fetch_log: list[dict] = field(default_factory=list)
    # the new documents' rows, and the write of their bytes to a pack, done
    # in the background while the batch extracts
    documents: list[dict] = field(default_factory=list)
    pack: Future | None = None


class _Loader:
    """Keeps at most ``window`` batches extracting; loads them in order."""

    def __init__(
        self,
        db: HeldSession,
        run_id: int,
        summary: RunSummary,
        window: int,
        stop: Stop,
        replace: bool = False,
    ) -> None:
        self.db, self.run_id, self.stop = db, run_id, stop
        self.summary, self.window, self.replace = summary, max(1, window), replace
        self.queue: deque[_Pending] = deque()
        # One thread writes page packs (disk time, off the critical path).
        self.io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chiso-pages")

    def add(self, pending: _Pending) -> None:
        self.stop.check()
        self.queue.append(pending)
        while len(self.queue) >= self.window:
            self._drain(self.queue.popleft())

    def store_pages(self, documents: list[Document], ids: list[str], digests: list[str]) -> tuple:
        """Start writing the bytes of documents the warehouse lacks; their rows."""
        rows = [document_row(d, i, h) for d, i, h in zip(documents, ids, digests)]
        pack = self.io.submit(self.db.warehouse.pages.write, [d.raw for d in documents]) if rows else None
        for row in rows:
            row.pop("raw")
        return rows, pack

    def finish(self) -> None:
        try:
            while self.queue:
                self._drain(self.queue.popleft())
        finally:
            self.io.shutdown(wait=True)

    def abandon(self) -> None:
        """Drop the batches not loaded yet (their extractions may run on; a
        pack already written stays unreferenced, as after a kill)."""
        self.queue.clear()
        self.io.shutdown(wait=True, cancel_futures=True)

    def _result(self, future) -> BatchOutcome:
        """The batch's extraction, waited for in short steps so that a stop
        request is seen while a slow page is still being extracted."""
        wrapped = getattr(future, "wrapped_future", None)
        while wrapped is not None and not wrapped.done():
            self.stop.check()
            future.wait(0.2)
        self.stop.check()
        return future.result()

    def _pack(self, written: Future) -> tuple[str, list[int]]:
        try:
            return written.result()
        except OSError as exc:  # the page bytes could not be written
            full = disk_full(str(self.db.warehouse.path), exc)
            if full is None:
                raise WarehouseError(f"cannot store the pages of {self.db.warehouse.path}: {exc}") from exc
            raise full from exc

    def _drain(self, pending: _Pending) -> None:
        outcome = self._result(pending.future) if pending.future is not None else BatchOutcome(Batch())
        if pending.future is not None and outcome.worker not in self.summary.workers:
            self.summary.workers.append(outcome.worker)
        outcome.batch.failures += failure_rows(pending.failures)
        outcome.batch.files_read = pending.files_read
        outcome.batch.fetch_log += pending.fetch_log
        if pending.pack is not None:
            pack, offsets = self._pack(pending.pack)
            for row, offset in zip(pending.documents, offsets):
                media_type, encoding = outcome.kinds.get(row["doc_id"], (None, None))
                row["media_type"] = row["media_type"] or media_type
                row["encoding"] = row["encoding"] or encoding
                row["pack"], row["pack_offset"] = pack, offset
            outcome.batch.documents = pending.documents + outcome.batch.documents
        loaded = load(self.db, self.run_id, Bundle(outcome.batch), self.replace)
        summary = self.summary
        summary.documents_new += loaded.documents_new
        summary.articles += loaded.articles
        summary.facts_new += loaded.facts_new
        summary.failures += [
            {"source": f.source, "stage": f.stage, "reason": f.reason}
            for f in pending.failures + outcome.failures
        ]
        if len(summary.new_facts) < NEW_FACTS_SHOWN and loaded.facts_new:
            summary.new_facts += [
                {"source": printable(pending.sources.get(row["doc_id"], "")), **_fact_cells(row)}
                for row in outcome.batch.rows("fact_versions", NEW_FACTS_SHOWN - len(summary.new_facts))
            ]


NEW_FACTS_SHOWN = 500


def _fact_cells(row: dict) -> dict:
    cells = {k: row[k] for k in ("entity", "index_code", "component", "year", "metric", "value")}
    cells["evidence"] = printable(row["evidence"] or "")
    return cells


# --- flows ------------------------------------------------------------------------


@flow(name="chiso-ingest", log_prints=False, task_runner=task_runner())
async def ingest(
    warehouse: str,
    sources: list[str] | None = None,
    feeds: list[str] | None = None,
    sections: list[str] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lock_timeout: float = 60.0,
    window: int = 2,
    fetch: dict | None = None,
) -> State:
    """Read article files (directories are walked) and fetch article URLs,
    feeds and section pages; extract; load.  ``fetch`` holds FetchSettings
    fields (user agent, politeness, limits).  The final state says how it
    went (see :func:`final_state`); its data is the run's summary."""
    named = list(sources or []) + list(feeds or []) + list(sections or [])
    try:
        summary = await _ingest(
            warehouse,
            list(sources or []),
            list(feeds or []),
            list(sections or []),
            batch_size,
            max_bytes,
            lock_timeout,
            window,
            fetch,
        )
    except WarehouseError as exc:
        return warehouse_failed(exc)
    await publish(summary, named)
    return final_state(summary)


@flow(name="chiso-ingest-sources", log_prints=False, task_runner=task_runner())
async def ingest_sources(
    sources_file: str,
    warehouse: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    lock_timeout: float = 60.0,
    fetch: dict | None = None,
) -> State:
    """Fetch what the sources file lists (read now, so edits apply at the
    next run); ``fetch`` overrides its politeness settings."""
    from flows.sources import SourcesError, load_sources

    try:
        config = load_sources(sources_file)
    except SourcesError as exc:
        return Failed(message=str(exc), data={"error": "sources", "message": str(exc)})
    settings = {**config.fetch_settings(), **(fetch or {})}
    try:
        summary = await _ingest(
            warehouse,
            config.urls,
            config.feeds,
            config.sections,
            batch_size,
            DEFAULT_MAX_BYTES,
            lock_timeout,
            2,
            settings,
        )
    except WarehouseError as exc:
        return warehouse_failed(exc)
    await publish(summary, config.urls + config.feeds + config.sections)
    return final_state(summary)


def final_state(summary: RunSummary) -> State:
    """The flow run's state, as the run went: Completed; "Completed with
    failures" when some sources could not be read; Failed when none could;
    "Interrupted" (a cancellation) when it was stopped.  The UI shows the name."""
    data, message = summary.as_dict(), describe(summary)
    if summary.status == "interrupted":
        return Cancelled(name="Interrupted", message=message, data=data)
    if summary.status == "failed":
        return Failed(message=message, data=data)
    if summary.status == "completed with failures":
        return Completed(name="Completed with failures", message=message, data=data)
    return Completed(message=message, data=data)


def warehouse_failed(exc: WarehouseError) -> State:
    """The state of a run the warehouse stopped (locked, newer, not chiso's,
    disk full): the reason is the message, said once, without a traceback."""
    get_run_logger().error(str(exc))
    return Failed(message=str(exc), data={"error": "warehouse", "message": str(exc)})


async def _ingest(
    warehouse: str,
    sources: list[str],
    feeds: list[str],
    sections: list[str],
    batch_size: int,
    max_bytes: int,
    lock_timeout: float,
    window: int,
    fetch: dict | None,
) -> RunSummary:
    logger = get_run_logger()
    files = [s for s in sources if not is_url(s)]
    urls = [s for s in sources if is_url(s)]
    db = HeldSession(Warehouse(warehouse, lock_timeout))
    with (
        _stop_on_signals() as stop,
        _recorded_run(db, "ingest", warehouse, sources + feeds + sections, window, stop) as loader,
    ):
        summary = loader.summary
        for chunk in _batched(iter_files(files), batch_size):
            paths = [p for p in chunk if isinstance(p, str)]
            # local reads are quick and never retried: a plain call, not a task
            documents, read_failures = read_documents(paths, max_bytes)
            summary.files_read += len(documents)
            walk_failures = [p for p in chunk if isinstance(p, Failure)]
            _queue_documents(
                loader,
                documents,
                walk_failures + read_failures,
                db,
                summary,
                files_read=len(documents),
            )
        if urls or feeds or sections:
            try:
                settings = _fetch_settings(fetch)
            except BadHeader as exc:  # nothing is sent; each URL says why, the files above stay loaded
                loader.add(_Pending(None, [Failure(u, "fetch", str(exc)) for u in urls + feeds + sections]))
            else:
                with Fetcher(settings) as fetcher:
                    _ingest_web(fetcher, loader, urls, feeds, sections, db, batch_size, summary)
    logger.info(describe(summary))
    # INFO, not WARNING: chiso's command prints each failure itself, once;
    # the flow's log (the UI) and the summary artifact list them too.
    for failure in summary.failures[:20]:
        source, reason = printable(failure["source"]), printable(failure["reason"])
        logger.info(f"Could not read {source} ({failure['stage']}): {reason}")
    return summary


def _fetch_settings(fetch: dict | None) -> FetchSettings:
    fields = {**asdict(FetchSettings()), **(fetch or {})}
    return FetchSettings(**fields)


async def publish(summary: RunSummary, sources: list[str]) -> None:
    """Prefect artifacts for the run: a summary in words and a table of the new facts."""
    from prefect.artifacts import acreate_markdown_artifact, acreate_table_artifact

    await acreate_markdown_artifact(
        key=f"chiso-{summary.flow}-summary",
        markdown=summary_markdown(summary, sources),
        description=describe(summary),
    )
    await acreate_table_artifact(
        key="chiso-new-facts",
        table=summary.new_facts or [{"note": "no new facts in this run"}],
        description=f"{plural(summary.facts_new, 'new fact')} (at most {NEW_FACTS_SHOWN} shown)",
    )


def _cell(text: object) -> str:
    """Text for a markdown table cell: escaped, one line, no column breaks."""
    return printable(str(text)).replace("|", "\\|")


def summary_markdown(summary: RunSummary, sources: list[str]) -> str:
    lines = [
        f"# chiso {summary.flow}: run {summary.run_id}",
        "",
        f"**{summary.status}**: {describe(summary)}",
        "",
        f"- sources named: {len(sources)}",
        f"- files read: {summary.files_read}; pages fetched: {summary.pages_fetched} "
        f"({summary.pages_unchanged} not modified)",
        f"- new documents: {summary.documents_new} ({summary.documents_unchanged} unchanged)",
        f"- new facts: {summary.facts_new}",
        f"- failures: {len(summary.failures)}",
        f"- extractor: `{summary.extractor_version}`; warehouse: `{printable(summary.warehouse)}`",
        "",
    ]
    if summary.stopped_by:
        lines += [f"Stopped by {summary.stopped_by}: the batches loaded before it are kept.", ""]
    if sources:
        lines += ["## Sources", ""] + [f"- {printable(s)}" for s in sources[:100]] + [""]
    if summary.failures:
        lines += ["## Failures", "", "| source | stage | reason |", "|---|---|---|"]
        for failure in summary.failures[:200]:
            lines.append(f"| {_cell(failure['source'])} | {failure['stage']} | {_cell(failure['reason'])} |")
        if len(summary.failures) > 200:
            lines.append(f"| ... and {len(summary.failures) - 200} more (the `failures` view) | | |")
    return "\n".join(lines)


def _queue_documents(
    loader: _Loader,
    documents: list[Document],
    failures: list[Failure],
    db: HeldSession,
    summary: RunSummary,
    files_read: int = 0,
    fetch_log: list[dict] | None = None,
) -> None:
    digests = [content_hash(d.raw) for d in documents]
    ids = [document_id(d.source, h) for d, h in zip(documents, digests)]
    # the same document twice in a batch (one file named twice, one URL
    # listed by two feeds) is read and loaded once
    first = {i: n for n, i in reversed(list(enumerate(ids)))}
    keep = sorted(first.values())
    documents, digests, ids = [documents[n] for n in keep], [digests[n] for n in keep], [ids[n] for n in keep]
    stored, extracted = _known(db, ids) if ids else (set(), set())
    todo = [(d, i) for d, i in zip(documents, ids) if i not in extracted]
    summary.documents_unchanged += len(documents) - len(todo)
    new = [(d, i, h) for d, i, h in zip(documents, ids, digests) if i not in stored]
    rows, pack = loader.store_pages([d for d, _, _ in new], [i for _, i, _ in new], [h for _, _, h in new])
    bundle = Bundle(([d for d, _ in todo], [i for _, i in todo]))
    future = extract.submit(bundle, False) if todo else None
    sources = {i: d.source for d, i in todo}
    loader.add(_Pending(future, failures, files_read, sources, fetch_log or [], rows, pack))


def _ingest_web(
    fetcher: Fetcher,
    loader: _Loader,
    urls: list[str],
    feeds: list[str],
    sections: list[str],
    db: HeldSession,
    batch_size: int,
    summary: RunSummary,
) -> None:
    if feeds or sections:
        state = _fetch_state(db, feeds + sections)
        links, failures, answers = discover(fetcher, feeds, sections, state)
        urls = urls + links
        loader.add(_Pending(None, failures, fetch_log=[_fetch_row(a, None) for a in answers]))
    for chunk in _batched(one_per_page(urls), batch_size):
        state = _fetch_state(db, chunk)
        results = fetch_pages(
            fetcher, [(u, state.get(u, {}).get("etag"), state.get(u, {}).get("last_modified")) for u in chunk]
        )
        documents, failures, log, ids = [], [], [], set()
        for result in results:
            if result.ok:
                document = _document(result)
                doc_id = document_id(document.source, content_hash(document.raw))
                if doc_id not in ids:  # two URLs of one page, same bytes: one document
                    ids.add(doc_id)
                    documents.append(document)
                log.append(_fetch_row(result, doc_id))
                continue
            log.append(
                _fetch_row(result, state.get(result.url, {}).get("doc_id") if result.not_modified else None)
            )
            if result.not_modified:
                summary.pages_unchanged += 1
            else:
                failures.append(Failure(result.url, "fetch", result.error or "no body"))
        summary.pages_fetched += sum(result.ok for result in results)
        _queue_documents(loader, documents, failures, db, summary, fetch_log=log)


@flow(name="chiso-reextract", log_prints=False, task_runner=task_runner())
async def reextract(
    warehouse: str,
    source_glob: str | None = None,
    force: bool = False,
    every_version: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    lock_timeout: float = 60.0,
    window: int = 2,
) -> State:
    """Run the current extractors over documents already in the warehouse:
    no network, no original files."""
    try:
        summary = _reextract(warehouse, source_glob, force, every_version, batch_size, lock_timeout, window)
    except WarehouseError as exc:
        return warehouse_failed(exc)
    await publish(summary, [source_glob or "*"])
    return final_state(summary)


def _reextract(
    warehouse: str,
    source_glob: str | None,
    force: bool,
    every_version: bool,
    batch_size: int,
    lock_timeout: float,
    window: int,
) -> RunSummary:
    db = HeldSession(Warehouse(warehouse, lock_timeout))
    with db.session() as session:
        todo = session.documents_to_extract(EXTRACTOR_VERSION, source_glob, every_version, force)
    named = [source_glob or "*"]
    with (
        _stop_on_signals() as stop,
        _recorded_run(db, "reextract", warehouse, named, window, stop, replace=force) as loader,
    ):
        summary = loader.summary
        for ids in _batched(todo, batch_size):
            with db.session() as session:
                rows = session.documents(ids)
            missing = [Failure(r["source"], "read", r["error"]) for r in rows if r["raw"] is None]
            rows = [r for r in rows if r["raw"] is not None]
            documents = [stored_document(r) for r in rows]
            summary.files_read += len(documents)
            future = extract.submit(Bundle((documents, [r["doc_id"] for r in rows])), False) if rows else None
            sources = {r["doc_id"]: r["source"] for r in rows}
            loader.add(_Pending(future, missing, len(documents), sources))
    get_run_logger().info(describe(summary))
    return summary


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 article", "2 articles" (``nouns`` where adding an s is wrong)."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def describe(summary: RunSummary | dict) -> str:
    """What a run did, in a person's words."""
    s = summary if isinstance(summary, dict) else summary.as_dict()
    failures = len(s["failures"])
    failed = f"; {plural(failures, 'source')} could not be read" if failures else ""
    stopped = ""
    if s.get("stopped_by"):
        stopped = f" Stopped by {s['stopped_by']}; the batches loaded before it are kept."
    if s["documents_new"] == 0 and s["facts_new"] == 0 and s["articles"] == 0:
        seen = s["files_read"] + s.get("pages_fetched", 0) + s.get("pages_unchanged", 0)
        if not seen:
            return f"Nothing to read{failed}.{stopped}"
        if seen == 1:
            return f"Nothing new: the one document read is already in the warehouse{failed}.{stopped}"
        return f"Nothing new: all {seen} documents read are already in the warehouse{failed}.{stopped}"
    parts = []
    if s["files_read"]:
        noun = ("stored document", "stored documents") if s["flow"] == "reextract" else ("file", "files")
        parts.append(f"read {plural(s['files_read'], *noun)}")
    if s.get("pages_fetched") or s.get("pages_unchanged"):
        unchanged = s.get("pages_unchanged", 0)
        parts.append(f"fetched {plural(s['pages_fetched'], 'page')} ({unchanged} unchanged)")
    head = " and ".join(parts) or "read nothing"
    return (
        f"{head[0].upper()}{head[1:]}: {plural(s['documents_new'], 'new document')}, "
        f"{plural(s['articles'], 'article')} extracted, {plural(s['facts_new'], 'new fact')}; "
        f"{plural(failures, 'source')} could not be read.{stopped}"
    )
