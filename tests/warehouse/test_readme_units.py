"""The README's "Units across the 2025 reform" examples are real output on
the fixtures and the dev corpus: each query is run and its output compared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.work import extract_documents, read_documents
from tests.conftest import FIXTURES, ROOT
from warehouse import Warehouse, WarehouseError
from warehouse.query import format_result, run_query

SECTION = re.compile(r"### Units across the 2025 reform\n(.+?)\n`chiso export", re.S)


def examples() -> list[tuple[str, list[str]]]:
    """(query, lines it prints) for each `$ chiso query "..."` of the section."""
    section = SECTION.search((ROOT / "README.md").read_text(encoding="utf-8")).group(1)
    found = []
    for block in re.findall(r"((?:^    .*\n?)+)", section, re.M):
        lines = [line[4:] for line in block.rstrip("\n").split("\n")]
        while lines:
            assert lines[0].startswith('$ chiso query "'), lines[0]
            end = next(i for i, line in enumerate(lines) if line.endswith('"') and not line.endswith('\\"'))
            query = "\n".join(lines[: end + 1])[len('$ chiso query "') : -1].replace('\\"', '"')
            rest = lines[end + 1 :]
            stop = next((i for i, line in enumerate(rest) if line.startswith("$ ")), len(rest))
            found.append((query, rest[:stop]))
            lines = rest[stop:]
    return found


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, shared) -> Warehouse:
    paths = [p for p in sorted(FIXTURES.rglob("*")) if p.suffix in (".txt", ".html")]
    paths += sorted((shared / "corpus" / "dev" / "articles").glob("*.txt"))
    documents, failures = read_documents([str(p) for p in paths], 50_000_000)
    assert not failures
    store = Warehouse(tmp_path_factory.mktemp("readme") / "w.duckdb")
    with store.session() as session:
        run_id = session.start_run("ingest", "readme", None, [])
        session.load(run_id, extract_documents(documents, extractor_version="readme").batch)
    return store


def test_the_section_has_its_examples():
    assert len(examples()) >= 8


@pytest.mark.parametrize("query, shown", examples(), ids=lambda v: v[:40] if isinstance(v, str) else "")
def test_a_units_example_prints_what_the_readme_shows(warehouse, query, shown):
    if shown and shown[0].startswith("chiso: "):
        with pytest.raises(WarehouseError) as caught:
            run_query(warehouse, query)
        assert [f"chiso: {caught.value}"] == shown
        return
    columns, found = run_query(warehouse, query)
    printed = format_result(columns, found, "table").replace(str(Path(ROOT)) + "/", ".../")
    assert printed.split("\n") == shown, "the README's example output is stale: update it"
