"""chiso run against news sites: a local HTTP server plays them."""

from __future__ import annotations

import re

import pytest

from flows.urls import url_identity
from tests.conftest import query, run_chiso
from tests.http_server import ALIASES, ARTICLES, CANONICAL_PATH, Server

WEB = ["--allow-private-addresses", "--per-host-delay", "0"]


@pytest.fixture(scope="module")
def site():
    with Server() as server:
        yield server


def test_run_section_loads_the_articles_the_page_links_to(tmp_path, cli_env, site):
    warehouse = tmp_path / "web.duckdb"
    result = run_chiso(
        ["run", "--section", site.url("/section.html"), "--warehouse", str(warehouse), *WEB], cli_env
    )
    assert result.returncode == 1, result.stderr  # the section also links to a missing page
    assert f"{site.url('/tin/missing-9999999.html')}: fetch: HTTP 404 Not Found" in result.stderr
    assert re.search(r"pages fetched 3\b", result.stdout)
    loaded = {r["source"] for r in query(warehouse, "select distinct source from articles", cli_env)}
    assert loaded == {url_identity(site.url(path)) for path in ARTICLES}  # https://127.0.0.1:PORT/tin/...
    assert "example.invalid" not in result.stdout + result.stderr  # another site's link is not followed
    facts = query(
        warehouse, "select entity, index_code, metric, value from facts where metric = 'rank'", cli_env
    )
    assert {"entity": "Hải Phòng", "index_code": "PCI", "metric": "rank", "value": 2} in facts
    stored = query(warehouse, "select source, kind, http_status, final_url from documents", cli_env)
    assert all(
        d["kind"] == "http" and d["http_status"] == 200 and url_identity(d["final_url"]) == d["source"]
        for d in stored
    )


def test_run_feed_and_a_second_run_uses_conditional_get(tmp_path, cli_env, site):
    warehouse = tmp_path / "feed.duckdb"
    args = [
        "run",
        "--feed",
        site.url("/feed.xml"),
        site.url("/etag.html"),
        "--warehouse",
        str(warehouse),
        *WEB,
    ]
    first = run_chiso(args, cli_env)
    assert first.returncode == 0, first.stderr
    assert re.search(r"pages fetched 4\b", first.stdout)
    second = run_chiso(args, cli_env)
    assert second.returncode == 0, second.stderr
    assert re.search(r"\(1 not modified\)", second.stdout)  # /etag.html answered 304
    assert re.search(r"facts\s+0 new", second.stdout)
    answers = query(
        warehouse, "select status from fetch_log where url like '%etag.html' order by fetched_at", cli_env
    )
    assert [a["status"] for a in answers] == [200, 304]


def test_private_addresses_are_refused_unless_allowed(tmp_path, cli_env, site):
    warehouse = tmp_path / "private.duckdb"
    result = run_chiso(["run", site.url("/etag.html"), "--warehouse", str(warehouse)], cli_env)
    assert result.returncode == 1
    assert (
        "a loopback address; chiso does not fetch those unless --allow-private-addresses is given"
        in result.stderr
    )


def test_one_article_under_several_urls_is_one_document(tmp_path, cli_env, site):
    """The page itself, its AMP copy naming it as canonical, and the page
    with tracking parameters: one document, its facts once."""
    warehouse = tmp_path / "aliases.duckdb"
    urls = [site.url(path) for path in ALIASES]
    result = run_chiso(["run", *urls, "--warehouse", str(warehouse), *WEB], cli_env)
    assert result.returncode == 0, result.stderr
    assert re.search(r"pages fetched 2\b", result.stdout)  # the tracking spelling is not fetched again
    documents = query(warehouse, "select source, final_url from documents order by final_url", cli_env)
    assert {d["source"] for d in documents} == {url_identity(site.url(CANONICAL_PATH))}
    assert len(documents) == 1  # the same bytes under one name: stored once
    facts = query(warehouse, "select entity, metric, value from facts", cli_env)
    assert facts.count({"entity": "Long An", "metric": "rank", "value": 3}) == 1


def test_a_user_agent_with_a_line_break_is_refused_before_anything_is_sent(tmp_path, cli_env, site):
    warehouse = tmp_path / "agent.duckdb"
    before = len(site.site.user_agents)
    args = ["run", "fixtures/articles", site.url("/etag.html"), "--warehouse", str(warehouse), *WEB]
    result = run_chiso([*args, "--user-agent", "chiso/1.0\r\nX-Injected: 1"], cli_env)
    assert result.returncode == 2, result.stderr
    assert "--user-agent: 'chiso/1.0\\r\\nX-Injected: 1' is not allowed" in result.stderr
    assert "without control characters" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(site.site.user_agents) == before  # not one request
    assert not warehouse.exists()  # refused before the run began
