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
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import SyncClientContext
from prefect.runtime import flow_run

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
from flows.files import Failure, iter_files
from flows.transport import BadHeader
from flows.urls import document_identity, one_per_page
from flows.work import (
    BatchOutcome,
    document_row,
    extract_documents,
    failure_rows,
    read_documents,
    stored_document,
)
from warehouse import Batch, HeldSession, LoadResult, Warehouse, content_hash, document_id

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
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=workers or available_cores())
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


@contextmanager
def _recorded_run(
    db: HeldSession, flow_name: str, warehouse: str, sources: list[str], window: int, replace: bool = False
) -> Iterator[_Loader]:
    """The frame of a flow's batches: its row in ``runs`` (closed as
    completed, or failed if anything raised), one Prefect client for every
    task, the loader drained at the end, the warehouse released whatever
    happens.  The run's counters are ``loader.summary``."""
    try:
        run_id = _start_run(db, flow_name, sources)
        summary = RunSummary(flow_name, warehouse, run_id, EXTRACTOR_VERSION, flow_run_id=_flow_run_id())
        loader = _Loader(db, run_id, summary, window, replace=replace)
        status = "failed"
        # A sync task called from an async flow otherwise opens its own
        # Prefect client (an SSL context and an HTTP pool per task run, tens
        # of milliseconds each on one core); tasks in the thread pool see
        # this one through the copied context.
        with SyncClientContext.get_or_create():
            try:
                yield loader
                loader.finish()
                status = "completed"
            finally:
                _finish_run(db, run_id, status)
    finally:
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
        replace: bool = False,
    ) -> None:
        self.db, self.run_id = db, run_id
        self.summary, self.window, self.replace = summary, max(1, window), replace
        self.queue: deque[_Pending] = deque()
        # One thread writes page packs (disk time, off the critical path).
        self.io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chiso-pages")

    def add(self, pending: _Pending) -> None:
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

    def _drain(self, pending: _Pending) -> None:
        outcome = pending.future.result() if pending.future is not None else BatchOutcome(Batch())
        if pending.future is not None and outcome.worker not in self.summary.workers:
            self.summary.workers.append(outcome.worker)
        outcome.batch.failures += failure_rows(pending.failures)
        outcome.batch.files_read = pending.files_read
        outcome.batch.fetch_log += pending.fetch_log
        if pending.pack is not None:
            pack, offsets = pending.pack.result()
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
        if len(summary.new_facts) < 500 and loaded.facts_new:
            summary.new_facts += [
                {k: row[k] for k in ("entity", "index_code", "component", "year", "metric", "value")}
                for row in outcome.batch.rows("fact_versions", 500 - len(summary.new_facts))
            ]


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
) -> dict:
    """Read article files (directories are walked) and fetch article URLs,
    feeds and section pages; extract; load.  ``fetch`` holds FetchSettings
    fields (user agent, politeness, limits)."""
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
    await publish(summary, list(sources or []) + list(feeds or []) + list(sections or []))
    return summary.as_dict()


@flow(name="chiso-ingest-sources", log_prints=False, task_runner=task_runner())
async def ingest_sources(
    sources_file: str,
    warehouse: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    lock_timeout: float = 60.0,
    fetch: dict | None = None,
) -> dict:
    """Fetch what the sources file lists (read now, so edits apply at the
    next run); ``fetch`` overrides its politeness settings."""
    from flows.sources import load_sources

    config = load_sources(sources_file)
    settings = {**config.fetch_settings(), **(fetch or {})}
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
    await publish(summary, config.urls + config.feeds + config.sections)
    return summary.as_dict()


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
    with _recorded_run(db, "ingest", warehouse, sources + feeds + sections, window) as loader:
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
    for failure in summary.failures[:20]:
        logger.warning(f"Could not read {failure['source']} ({failure['stage']}): {failure['reason']}")
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
        description=f"{summary.facts_new} new facts (at most 500 shown)",
    )


def summary_markdown(summary: RunSummary, sources: list[str]) -> str:
    lines = [
        f"# chiso {summary.flow}: run {summary.run_id}",
        "",
        describe(summary),
        "",
        f"- sources read: {len(sources)}",
        f"- files read: {summary.files_read}; pages fetched: {summary.pages_fetched} "
        f"({summary.pages_unchanged} not modified)",
        f"- new documents: {summary.documents_new} ({summary.documents_unchanged} unchanged)",
        f"- new facts: {summary.facts_new}",
        f"- failures: {len(summary.failures)}",
        f"- extractor: `{summary.extractor_version}`; warehouse: `{summary.warehouse}`",
        "",
    ]
    if sources:
        lines += ["## Sources", ""] + [f"- {s}" for s in sources[:100]] + [""]
    if summary.failures:
        lines += ["## Failures", "", "| source | stage | reason |", "|---|---|---|"]
        for failure in summary.failures[:200]:
            reason = failure["reason"].replace("|", "\\|")
            lines.append(f"| {failure['source']} | {failure['stage']} | {reason} |")
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
    stored, extracted = _known(db, ids) if ids else (set(), set())
    todo = [(d, i) for d, i in zip(documents, ids) if i not in extracted]
    summary.documents_unchanged += len(documents) - len(todo)
    new = [(d, i, h) for d, i, h in zip(documents, ids, digests) if i not in stored]
    rows, pack = loader.store_pages([d for d, _, _ in new], [i for _, i, _ in new], [h for _, _, h in new])
    bundle = Bundle(([d for d, _ in todo], [i for _, i in todo]))
    future = extract.submit(bundle, False) if todo else None
    loader.add(_Pending(future, failures, files_read, fetch_log or [], rows, pack))


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
) -> dict:
    """Run the current extractors over documents already in the warehouse:
    no network, no original files."""
    logger = get_run_logger()
    db = HeldSession(Warehouse(warehouse, lock_timeout))
    with db.session() as session:
        todo = session.documents_to_extract(EXTRACTOR_VERSION, source_glob, every_version, force)
    with _recorded_run(db, "reextract", warehouse, [source_glob or "*"], window, replace=force) as loader:
        summary = loader.summary
        for ids in _batched(todo, batch_size):
            with db.session() as session:
                rows = session.documents(ids)
            missing = [Failure(r["source"], "read", r["error"]) for r in rows if r["raw"] is None]
            rows = [r for r in rows if r["raw"] is not None]
            documents = [stored_document(r) for r in rows]
            summary.files_read += len(documents)
            future = extract.submit(Bundle((documents, [r["doc_id"] for r in rows])), False) if rows else None
            loader.add(_Pending(future, missing, len(documents)))
    logger.info(describe(summary))
    await publish(summary, [source_glob or "*"])
    return summary.as_dict()


def describe(summary: RunSummary | dict) -> str:
    """What a run did, in a person's words."""
    s = summary if isinstance(summary, dict) else summary.as_dict()
    failed = f"; {len(s['failures'])} could not be read" if s["failures"] else ""
    if s["documents_new"] == 0 and s["facts_new"] == 0 and s["articles"] == 0:
        seen = s["files_read"] + s.get("pages_fetched", 0) + s.get("pages_unchanged", 0)
        if not seen:
            return f"Nothing to read{failed}."
        return f"Nothing new: all {seen} documents read are already in the warehouse{failed}."
    parts = []
    if s["files_read"]:
        noun = "stored documents" if s["flow"] == "reextract" else "files"
        parts.append(f"read {s['files_read']} {noun}")
    if s.get("pages_fetched") or s.get("pages_unchanged"):
        parts.append(f"fetched {s['pages_fetched']} pages ({s.get('pages_unchanged', 0)} unchanged)")
    head = " and ".join(parts) or "read nothing"
    return (
        f"{head[0].upper()}{head[1:]}: {s['documents_new']} new documents, "
        f"{s['articles']} articles extracted, {s['facts_new']} new facts; "
        f"{len(s['failures'])} could not be read."
    )
