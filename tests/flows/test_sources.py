"""The sources file: the shipped one loads, and every mistake names the file and the reason."""

from __future__ import annotations

import os

import pytest

from flows.sources import DEFAULT_SOURCES, SourcesError, load_sources


def test_the_shipped_sources_file_lists_the_eight_sites():
    sources = load_sources(DEFAULT_SOURCES)
    assert len(sources.sites) == 8
    assert all(u.startswith("https://") for u in sources.feeds + sources.sections)
    settings = sources.fetch_settings()
    assert settings["per_host_delay"] == 2.0
    # the empty user agent means "chiso's own", so it is not passed on
    assert "user_agent" not in settings
    assert settings["hosts"]["baochinhphu.vn"]["per_host_delay"] == 3.0


def _write(tmp_path, text):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[[sites]\nname = 'x'", "not valid TOML"),
        ("[politeness]\nper_host_delay = 1\n", "lists no [[sites]]"),
        ("[[sites]]\nfeeds = ['https://a.vn/rss']\n", "every site needs a name"),
        ("[[sites]]\nname = 'a'\nfeeds = 'https://a.vn/rss'\n", "a list of http(s) URLs"),
        ("[[sites]]\nname = 'a'\nsections = ['ftp://a.vn/x']\n", "'ftp://a.vn/x' is not allowed"),
        ("[[sites]]\nname = 'a'\nfeed = ['https://a.vn/rss']\n", "unknown key feed"),
        ("[politeness]\nper_host_delay = 'slow'\n[[sites]]\nname = 'a'\n", "per_host_delay = 'slow'"),
        ("[[sites]]\nname = 'a'\nper_host_concurrency = 0\n", "at least 1"),
        # issue 16: unknown keys, URLs without a host, delays that are no delay
        ("[politeness]\nper_host_dealy = 1\n[[sites]]\nname = 'a'\n", "unknown key per_host_dealy"),
        ("[politness]\nper_host_delay = 1\n[[sites]]\nname = 'a'\n", "unknown key politness"),
        ("[[sites]]\nname = 'a'\nurls = ['http://']\n", "'http://' is not allowed"),
        ("[[sites]]\nname = 'a'\nfeeds = ['https:///rss']\n", "'https:///rss' is not allowed"),
        ("[politeness]\nper_host_delay = -1\n[[sites]]\nname = 'a'\n", "per_host_delay = -1"),
        ("[politeness]\nper_host_delay = inf\n[[sites]]\nname = 'a'\n", "per_host_delay = inf"),
        ("[politeness]\nper_host_delay = nan\n[[sites]]\nname = 'a'\n", "per_host_delay = nan"),
        ("[[sites]]\nname = 'a'\nper_host_delay = true\n", "per_host_delay = True"),
        ("[[sites]]\nname = 'a'\nper_host_concurrency = true\n", "per_host_concurrency = True"),
        ("[[sites]]\nname = 'a'\nuser_agent = \"x\\r\\nX-Evil: 1\"\n", "control characters"),
    ],
)
def test_a_bad_sources_file_names_the_file_and_the_reason(tmp_path, text, reason):
    path = _write(tmp_path, text)
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    assert str(path) in str(caught.value)
    assert reason in str(caught.value)


def test_a_missing_sources_file_is_a_sources_error(tmp_path):
    with pytest.raises(SourcesError, match="cannot read the sources file"):
        load_sources(tmp_path / "nope.toml")


def test_site_politeness_applies_to_every_host_the_site_lists(tmp_path):
    path = _write(
        tmp_path,
        "[[sites]]\nname = 'a'\nfeeds = ['https://rss.a.vn/x']\nsections = ['https://a.vn/s']\n"
        "per_host_concurrency = 1\n[[sites]]\nname = 'b'\nurls = ['https://b.vn/1.html']\n",
    )
    settings = load_sources(path).fetch_settings()
    assert settings["hosts"] == {
        "rss.a.vn": {"per_host_concurrency": 1},
        "a.vn": {"per_host_concurrency": 1},
    }


def test_a_fifo_as_the_sources_file_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "sources.toml"
    os.mkfifo(fifo)
    with pytest.raises(SourcesError, match="not a regular file"):
        load_sources(fifo)
