"""Hostile and broken input (tests/hostile.py): each file is either loaded
with exactly the facts of the clean article it was made from, or refused
with its path, a stage and a reason; the others load; nothing is lost."""

from __future__ import annotations

import builtins
import re
from pathlib import Path

import pytest

from extractors.model import Document
from extractors.pipeline import ExtractionError, process
from flows import files
from flows.files import Failure, iter_files, read_file
from tests import hostile
from tests.conftest import FIXTURES, query, run_chiso

CAP = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("hostile") / "tin bài"
    hostile.build(directory)
    return directory


@pytest.fixture(scope="module")
def base_facts() -> set:
    raw = hostile.BASE.read_bytes()
    facts = {f.key for f in process(Document(source="base.txt", raw=raw)).facts}
    assert len(facts) >= 10
    return facts


@pytest.mark.parametrize("case", hostile.CASES, ids=[c.name for c in hostile.CASES])
def test_each_hostile_file_loads_right_or_is_refused_with_the_reason(case, corpus, base_facts):
    path = str((corpus / case.name).resolve())
    document = read_file(path, CAP)
    if isinstance(document, Failure):
        assert (document.stage, case.stage) == ("read", "read"), document.reason
        assert case.reason in document.reason
        return
    try:
        result = process(document)
    except ExtractionError as exc:
        assert case.stage == exc.stage, f"{case.what}: {exc.stage}: {exc.reason}"
        assert case.reason in exc.reason
        return
    assert case.loads, f"{case.what} should have been refused ({case.stage}: {case.reason})"
    assert {f.key for f in result.facts} == base_facts
    if case.encoding:
        assert result.encoding == case.encoding
    if case.media_type:
        assert result.media_type == case.media_type
    for fact in result.facts:  # every evidence sentence is clean NFC text
        assert "\ufffd" not in fact.evidence
        assert fact.evidence == result.article.text[fact.span[0] : fact.span[1]]


def test_a_file_over_the_cap_is_refused_without_being_opened(corpus, monkeypatch):
    huge = corpus / "qua-lon.txt"
    assert huge.stat().st_size == hostile.HUGE_BYTES

    def no_open(*args, **kwargs):
        raise AssertionError(f"opened {args[0]}")

    monkeypatch.setattr(builtins, "open", no_open)
    failure = files.read_file(str(huge), CAP)
    assert isinstance(failure, Failure)
    assert failure.reason == "the file is 200.0 MB, over the 50.0 MB limit (--max-bytes)"


def test_the_symlink_loop_is_walked_once(corpus):
    found = list(iter_files([str(corpus)]))
    assert not [f for f in found if isinstance(f, Failure)]
    assert len(found) == len(set(found)) == len(hostile.CASES)
    assert str((corpus / "vong-lap" / "ban-sao.txt").resolve()) in found


def test_a_damaged_utf8_file_keeps_its_text_and_says_what_was_replaced(corpus):
    result = process(read_file(str(corpus / "utf8-vai-byte-hong.txt"), CAP))
    assert result.note == "2 invalid UTF-8 byte sequence(s) replaced"


def test_chiso_run_over_the_hostile_corpus(corpus, tmp_path, cli_env, base_facts):
    warehouse = tmp_path / "hostile.duckdb"
    first = run_chiso(["run", str(FIXTURES), "--warehouse", str(warehouse)], cli_env)
    assert first.returncode == 0, first.stderr
    before = query(warehouse, "select count(*) as n from facts", cli_env)[0]["n"]

    result = run_chiso(["run", str(corpus), "--warehouse", str(warehouse)], cli_env, timeout=600)
    assert result.returncode == 1, result.stderr  # finished, some sources unreadable
    assert "Traceback" not in result.stderr

    refused = [c for c in hostile.CASES if not c.loads]
    for case in refused:
        path = (corpus / case.name).resolve()
        assert re.search(rf"{re.escape(str(path))}: {case.stage}: .*{re.escape(case.reason)}", result.stderr)
    assert re.search(rf"failures\s+{len(refused)}\b", result.stdout)
    stored = query(
        warehouse, "select source, stage from failures where run_id = (select max(run_id) from runs)", cli_env
    )
    assert sorted((r["source"], r["stage"]) for r in stored) == sorted(
        (str((corpus / c.name).resolve()), c.stage) for c in refused
    )

    rows = query(
        warehouse,
        f"select source, entity, index_code, component, year, metric, value from facts "
        f"where starts_with(source, '{corpus.resolve()}')",
        cli_env,
    )
    by_source: dict[str, set] = {}
    for r in rows:
        key = (r["entity"], r["index_code"], r["component"], r["year"], r["metric"], round(r["value"], 6))
        by_source.setdefault(r["source"], set()).add(key)
    loaded = {str((corpus / c.name).resolve()) for c in hostile.CASES if c.loads}
    assert set(by_source) == loaded
    for source, facts in by_source.items():
        assert facts == base_facts, source

    encodings = {
        r["source"]: r["encoding"]
        for r in query(warehouse, "select source, encoding from document_versions where is_latest", cli_env)
    }
    for case in hostile.CASES:
        if case.encoding:
            assert encodings[str((corpus / case.name).resolve())] == case.encoding, case.name

    # what the first run loaded is all still there
    after = query(
        warehouse,
        f"select count(*) as n from facts where not starts_with(source, '{corpus.resolve()}')",
        cli_env,
    )[0]["n"]
    assert after == before
