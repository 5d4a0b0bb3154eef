"""Prefect flows: ingest sources into the warehouse, re-extract stored ones.

Tasks are sized for the work: one read, one extract and one load per batch
of documents (hundreds, not one), so orchestration stays small next to the
work.  Extraction is submitted to the flow's task runner, so the same flow
runs threads by default or a Dask cluster with ``--task-runner dask``; one
writer (this flow) loads the warehouse, a batch per transaction.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from extractors import EXTRACTOR_VERSION
from flows.files import Failure, iter_files
from flows.work import BatchOutcome, extract_documents, failure_rows, read_documents, stored_document
from warehouse import Batch, LoadResult, Warehouse, content_hash, document_id

DEFAULT_BATCH_SIZE = 200
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _chiso_version() -> str | None:
    try:
        return version("chiso")
    except PackageNotFoundError:
        return None


@dataclass(slots=True)
class RunSummary:
    flow: str
    warehouse: str
    run_id: int
    extractor_version: str
    files_read: int = 0
    documents_new: int = 0
    documents_unchanged: int = 0
    articles: int = 0
    facts_new: int = 0
    failures: list[dict] = field(default_factory=list)
    flow_run_id: str | None = None

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# --- tasks ---------------------------------------------------------------------


@task(name="read files", cache_policy=NO_CACHE)
def read_files(paths: list[str], max_bytes: int):
    return read_documents(paths, max_bytes)


@task(name="extract", cache_policy=NO_CACHE)
def extract(
    documents, doc_ids=None, store_documents=True, extractor_version=EXTRACTOR_VERSION
) -> BatchOutcome:
    return extract_documents(documents, doc_ids, store_documents, extractor_version)


@task(name="load", cache_policy=NO_CACHE)
def load(warehouse: str, lock_timeout: float, run_id: int, batch: Batch, replace: bool = False) -> LoadResult:
    with Warehouse(warehouse, lock_timeout).session() as session:
        return session.load(run_id, batch, replace=replace)


def _start_run(
    warehouse: str, lock_timeout: float, flow_name: str, sources: list[str], extractor_version: str
) -> int:
    with Warehouse(warehouse, lock_timeout).session() as session:
        return session.start_run(flow_name, extractor_version, _chiso_version(), sources, _flow_run_id())


def _finish_run(warehouse: str, lock_timeout: float, run_id: int, status: str) -> None:
    with Warehouse(warehouse, lock_timeout).session() as session:
        session.finish_run(run_id, status)


def _flow_run_id() -> str | None:
    try:
        return str(flow_run.id) if flow_run.id else None
    except Exception:  # outside a flow run
        return None


def _known(
    warehouse: str, lock_timeout: float, doc_ids: list[str], extractor_version: str
) -> tuple[set[str], set[str]]:
    with Warehouse(warehouse, lock_timeout).session() as session:
        return session.existing_documents(doc_ids), session.extracted(doc_ids, extractor_version)


def _record(summary: RunSummary, outcome: BatchOutcome, loaded: LoadResult) -> None:
    summary.documents_new += loaded.documents_new
    summary.articles += loaded.articles
    summary.facts_new += loaded.facts_new
    summary.failures += [{"source": f.source, "stage": f.stage, "reason": f.reason} for f in outcome.failures]


# --- flows ------------------------------------------------------------------------


@flow(name="chiso-ingest", log_prints=False)
async def ingest_files(
    sources: list[str],
    warehouse: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lock_timeout: float = 60.0,
    window: int = 2,
) -> dict:
    """Read article files (directories are walked), extract, load."""
    logger = get_run_logger()
    run_id = _start_run(warehouse, lock_timeout, "ingest", sources, EXTRACTOR_VERSION)
    summary = RunSummary("ingest", warehouse, run_id, EXTRACTOR_VERSION, flow_run_id=_flow_run_id())
    status = "failed"
    try:
        pending: deque = deque()
        for chunk in _batched(iter_files(sources), batch_size):
            paths = [p for p in chunk if isinstance(p, str)]
            walk_failures = [p for p in chunk if isinstance(p, Failure)]
            documents, read_failures = read_files(paths, max_bytes)
            failures = walk_failures + read_failures
            summary.files_read += len(documents)
            ids = [document_id(d.source, content_hash(d.raw)) for d in documents]
            stored, extracted = _known(warehouse, lock_timeout, ids, EXTRACTOR_VERSION)
            todo = [(d, i) for d, i in zip(documents, ids) if i not in extracted]
            summary.documents_unchanged += len(documents) - len(todo)
            future = extract.submit([d for d, _ in todo], [i for _, i in todo]) if todo else None
            pending.append((future, failures, len(documents)))
            while len(pending) >= window:
                _drain(pending.popleft(), warehouse, lock_timeout, run_id, summary)
        while pending:
            _drain(pending.popleft(), warehouse, lock_timeout, run_id, summary)
        status = "completed"
    finally:
        _finish_run(warehouse, lock_timeout, run_id, status)
    logger.info(_describe(summary))
    return summary.as_dict()


def _drain(
    item, warehouse: str, lock_timeout: float, run_id: int, summary: RunSummary, replace: bool = False
) -> None:
    future, failures, files_read = item
    outcome = future.result() if future is not None else BatchOutcome(Batch())
    outcome.batch.failures += failure_rows(failures)
    outcome.batch.files_read = files_read
    outcome.failures = failures + outcome.failures
    loaded = load(warehouse, lock_timeout, run_id, outcome.batch, replace)
    _record(summary, outcome, loaded)


@flow(name="chiso-reextract", log_prints=False)
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
    with Warehouse(warehouse, lock_timeout).session() as session:
        todo = session.documents_to_extract(EXTRACTOR_VERSION, source_glob, every_version, force)
    run_id = _start_run(warehouse, lock_timeout, "reextract", [source_glob or "*"], EXTRACTOR_VERSION)
    summary = RunSummary("reextract", warehouse, run_id, EXTRACTOR_VERSION, flow_run_id=_flow_run_id())
    status = "failed"
    try:
        pending: deque = deque()
        for ids in _batched(todo, batch_size):
            with Warehouse(warehouse, lock_timeout).session() as session:
                rows = session.documents(ids)
            documents = [stored_document(r) for r in rows]
            future = extract.submit(documents, [r["doc_id"] for r in rows], False)
            pending.append((future, [], len(documents)))
            summary.files_read += len(documents)
            while len(pending) >= window:
                _drain(pending.popleft(), warehouse, lock_timeout, run_id, summary, replace=force)
        while pending:
            _drain(pending.popleft(), warehouse, lock_timeout, run_id, summary, replace=force)
        status = "completed"
    finally:
        _finish_run(warehouse, lock_timeout, run_id, status)
    logger.info(_describe(summary))
    return summary.as_dict()


def _describe(summary: RunSummary) -> str:
    if summary.files_read == 0 and not summary.failures:
        return "Nothing to read: no article files or documents matched."
    unchanged = f", {summary.documents_unchanged} unchanged" if summary.documents_unchanged else ""
    return (
        f"Read {summary.files_read} documents ({summary.documents_new} new{unchanged}); "
        f"{summary.articles} articles extracted with {summary.facts_new} new facts; "
        f"{len(summary.failures)} could not be read."
    )
