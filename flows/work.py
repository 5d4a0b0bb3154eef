"""The work of one batch, as plain functions the flows wrap in tasks.

Read -> extract -> rows: documents go through :func:`extractors.pipeline.process`
and come out as the warehouse's rows.  No Prefect here, so the same code runs
in a task, on a Dask worker, in a benchmark or in a test.
"""

from __future__ import annotations

import ctypes
import json
import os
import socket
import threading
from dataclasses import dataclass, field

from extractors import EXTRACTOR_VERSION
from extractors.model import Document
from extractors.pipeline import ExtractionError, process
from flows.files import Failure, read_file
from warehouse import Batch, content_hash, document_id, utcnow


@dataclass(slots=True)
class BatchOutcome:
    """What one batch produced, ready to load, plus counts for the summary."""

    batch: Batch
    failures: list[Failure] = field(default_factory=list)
    articles: int = 0
    facts: int = 0
    # host:pid of the process that extracted it (a Dask worker, or this one)
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    # what each document turned out to be: doc_id -> (media type, encoding)
    kinds: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


class ExtractionAborted(BaseException):
    """Raised into a thread extracting a page when the run is stopped (see
    :func:`abort_extractions`); a BaseException, so no handler of errors
    takes it for a page that failed."""


# Threads inside process() now, by thread id.
_extracting: set[int] = set()
_aborted: set[int] = set()  # those an exception was sent to
_extracting_lock = threading.Lock()


def abort_extractions() -> int:
    """Stop the pages being extracted in this process's threads, at their
    next Python step; how many were.

    A stopped run must end within seconds, but a thread extracting a large
    page holds the GIL for most of each step (a regular expression over the
    whole text is one C call), and every step of the run's ending has to
    wait for it to let go: the stop of a 37 MB file took ten seconds.  An
    asynchronous exception ends the extraction instead (its batch is not
    loaded, as with any batch in flight when the run stops)."""
    with _extracting_lock:
        for ident in _extracting - _aborted:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(ident), ctypes.py_object(ExtractionAborted)
            )
            _aborted.add(ident)
        return len(_extracting)


def _process(doc: Document):
    """:func:`process`, abortable by :func:`abort_extractions`."""
    ident = threading.get_ident()
    with _extracting_lock:
        _extracting.add(ident)
    aborted = False
    try:
        return process(doc)
    finally:
        while True:  # the abort may land here too: leave no exception pending behind
            try:
                with _extracting_lock:
                    _extracting.discard(ident)
                    if ident in _aborted:
                        _aborted.discard(ident)
                        aborted = True
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
                break
            except ExtractionAborted:
                aborted = True
        if aborted:
            raise ExtractionAborted


def read_documents(paths: list[str], max_bytes: int) -> tuple[list[Document], list[Failure]]:
    documents, failures = [], []
    for path in paths:
        result = read_file(path, max_bytes)
        (failures if isinstance(result, Failure) else documents).append(result)
    return documents, failures


def document_row(doc: Document, doc_id: str, digest: str) -> dict:
    return {
        "doc_id": doc_id,
        "source": doc.source,
        "content_hash": digest,
        "kind": doc.kind,
        "media_type": doc.media_type,
        "encoding": doc.encoding,
        "final_url": doc.final_url,
        "http_status": doc.status,
        "headers": json.dumps(doc.headers, ensure_ascii=False) if doc.headers else None,
        "fetched_at": doc.fetched_at or utcnow(),
        "size": len(doc.raw),
        "raw": doc.raw,
    }


def extract_documents(
    documents: list[Document],
    doc_ids: list[str] | None = None,
    store_documents: bool = True,
    extractor_version: str = EXTRACTOR_VERSION,
) -> BatchOutcome:
    """Parse and extract every document; failures are recorded, not raised.
    The extracted tables come back as Arrow tables (:meth:`Batch.to_arrow`)."""
    outcome = BatchOutcome(Batch())
    batch = outcome.batch
    now = utcnow()
    for i, doc in enumerate(documents):
        if store_documents or not doc_ids:
            digest = content_hash(doc.raw)
            doc_id = doc_ids[i] if doc_ids else document_id(doc.source, digest)
        else:
            doc_id = doc_ids[i]
        if store_documents:
            batch.documents.append(document_row(doc, doc_id, digest))
        try:
            result = _process(doc)
        except ExtractionError as exc:
            failure = Failure(doc.source, exc.stage, exc.reason)
            outcome.failures.append(failure)
            batch.failures.append(_failure_row(failure))
            batch.extractions.append(
                {
                    "doc_id": doc_id,
                    "extractor_version": extractor_version,
                    "extracted_at": now,
                    "status": "failed",
                    "error": f"{exc.stage}: {exc.reason}",
                    "n_facts": 0,
                }
            )
            continue
        outcome.kinds[doc_id] = (doc.media_type or result.media_type, doc.encoding or result.encoding)
        if store_documents:
            batch.documents[-1]["media_type"], batch.documents[-1]["encoding"] = outcome.kinds[doc_id]
        article = result.article
        batch.extractions.append(
            {
                "doc_id": doc_id,
                "extractor_version": extractor_version,
                "extracted_at": now,
                "status": "ok",
                "error": result.note,
                "n_facts": len(result.facts),
            }
        )
        batch.article_versions.append(
            {
                "doc_id": doc_id,
                "extractor_version": extractor_version,
                "title": article.title,
                "authors": list(article.authors),
                "published_at": article.published_at,
                "modified_at": article.modified_at,
                "lead": article.lead,
                "body": article.body,
                "captions": list(article.captions),
                "tags": list(article.tags),
                "url": article.url,
                "canonical_url": article.canonical_url,
                "site": article.site,
                "text": article.text,
            }
        )
        for number, fact in enumerate(result.facts):
            batch.fact_versions.append(
                {
                    "doc_id": doc_id,
                    "extractor_version": extractor_version,
                    "fact_no": number,
                    "entity": fact.entity,
                    "index_code": fact.index_code,
                    "component": fact.component,
                    "year": fact.year,
                    "metric": fact.metric,
                    "value": fact.value,
                    "evidence": fact.evidence,
                    "span_start": fact.span[0],
                    "span_end": fact.span[1],
                    "value_start": fact.value_span[0],
                    "value_end": fact.value_span[1],
                    "rule": fact.rule,
                    "group_size": fact.group_size,
                }
            )
        outcome.articles += 1
        outcome.facts += len(result.facts)
    batch.to_arrow()
    return outcome


def _failure_row(failure: Failure) -> dict:
    return {"source": failure.source, "stage": failure.stage, "reason": failure.reason, "failed_at": utcnow()}


def failure_rows(failures: list[Failure]) -> list[dict]:
    return [_failure_row(f) for f in failures]


def stored_document(row: dict) -> Document:
    """A document as the warehouse keeps it, ready to extract again."""
    headers = json.loads(row["headers"]) if row.get("headers") else {}
    return Document(
        source=row["source"],
        raw=row["raw"],
        kind=row["kind"],
        media_type=row.get("media_type"),
        encoding=None,
        final_url=row.get("final_url"),
        status=row.get("http_status"),
        headers=headers,
        fetched_at=row.get("fetched_at"),
    )
