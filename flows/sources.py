"""The sources file: which sites the scheduled ingest reads, and how politely."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_SOURCES = Path(__file__).with_name("sources.toml")
_POLITENESS_KEYS = ("per_host_delay", "per_host_concurrency", "user_agent")


class SourcesError(ValueError):
    """A sources file chiso can not use; the message names the file and why."""


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    feeds: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    politeness: dict = field(default_factory=dict)

    @property
    def hosts(self) -> set[str]:
        return {urlsplit(u).hostname for u in self.feeds + self.sections + self.urls if urlsplit(u).hostname}


@dataclass(frozen=True, slots=True)
class Sources:
    path: str
    sites: tuple[Site, ...]
    politeness: dict

    @property
    def feeds(self) -> list[str]:
        return [u for s in self.sites for u in s.feeds]

    @property
    def sections(self) -> list[str]:
        return [u for s in self.sites for u in s.sections]

    @property
    def urls(self) -> list[str]:
        return [u for s in self.sites for u in s.urls]

    def fetch_settings(self) -> dict:
        """FetchSettings fields: the defaults, and each site's overrides per host."""
        settings = {k: v for k, v in self.politeness.items() if v not in ("", None)}
        hosts = {}
        for site in self.sites:
            if site.politeness:
                for host in site.hosts:
                    hosts[host] = dict(site.politeness)
        if hosts:
            settings["hosts"] = hosts
        return settings


def sources_path(path: str | None) -> Path:
    return Path(path or os.environ.get("CHISO_SOURCES") or DEFAULT_SOURCES).expanduser().resolve()


def load_sources(path: str | Path) -> Sources:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(f"cannot read the sources file {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"the sources file {path} is not valid TOML: {exc}") from exc
    politeness = _politeness(data.get("politeness", {}), f"{path} [politeness]")
    sites = []
    for number, entry in enumerate(data.get("sites", []), 1):
        where = f"{path} [[sites]] #{number}"
        if not isinstance(entry, dict) or not entry.get("name"):
            raise SourcesError(f"{where}: every site needs a name")
        lists = {}
        for key in ("feeds", "sections", "urls"):
            values = entry.get(key, [])
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise SourcesError(f"{where} ({entry['name']}): {key} must be a list of URLs")
            for url in values:
                if urlsplit(url).scheme not in ("http", "https"):
                    raise SourcesError(f"{where} ({entry['name']}): {url!r} is not an http(s) URL")
            lists[key] = tuple(values)
        unknown = set(entry) - {"name", "feeds", "sections", "urls", *_POLITENESS_KEYS}
        if unknown:
            raise SourcesError(f"{where} ({entry['name']}): unknown keys {', '.join(sorted(unknown))}")
        sites.append(Site(entry["name"], politeness=_politeness(entry, where), **lists))
    if not sites:
        raise SourcesError(f"the sources file {path} lists no [[sites]]")
    return Sources(str(path), tuple(sites), politeness)


def _politeness(table: dict, where: str) -> dict:
    chosen = {k: table[k] for k in _POLITENESS_KEYS if k in table}
    if "per_host_delay" in chosen and not isinstance(chosen["per_host_delay"], (int, float)):
        raise SourcesError(f"{where}: per_host_delay must be a number of seconds")
    if "per_host_concurrency" in chosen and (
        not isinstance(chosen["per_host_concurrency"], int) or chosen["per_host_concurrency"] < 1
    ):
        raise SourcesError(f"{where}: per_host_concurrency must be a whole number of at least 1")
    return chosen
