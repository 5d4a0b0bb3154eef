"""The sources file: which sites the scheduled ingest reads, and how politely.

The file's shape is a pydantic model that forbids unknown keys, so a typo
(``feed`` for ``feeds``, ``[politness]``) is refused with the file, the entry
and the reason instead of being ignored.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from flows.settings import Count, HeaderText, Seconds, model_errors

DEFAULT_SOURCES = Path(__file__).with_name("sources.toml")
_POLITENESS_KEYS = ("per_host_delay", "per_host_concurrency", "user_agent")


class SourcesError(ValueError):
    """A sources file chiso can not use; the message names the file and why."""


def _http_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an http(s) URL with a host")
    return url


HttpUrl = Annotated[str, AfterValidator(_http_url)]

_ALLOWED = {
    "per_host_delay": "a number of seconds, 0 or more (not a boolean, infinity or NaN)",
    "per_host_concurrency": "a whole number of at least 1",
    "user_agent": "text without control characters (no CR, LF or tab)",
    "name": "every site needs a name",
    "feeds": "a list of http(s) URLs with a host",
    "sections": "a list of http(s) URLs with a host",
    "urls": "a list of http(s) URLs with a host",
}


class _Politeness(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    per_host_delay: Seconds | None = None
    per_host_concurrency: Count | None = None
    user_agent: HeaderText | None = None

    def chosen(self) -> dict:
        return self.model_dump(exclude_none=True)


class _Site(_Politeness):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    feeds: list[HttpUrl] = []
    sections: list[HttpUrl] = []
    urls: list[HttpUrl] = []


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    politeness: _Politeness = _Politeness()
    sites: list[dict] = Field(default_factory=list)


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
    data = _read(path)
    try:
        top = _File.model_validate(data)
    except ValidationError as exc:
        where = f"{path} [politeness]" if exc.errors()[0]["loc"][:1] == ("politeness",) else str(path)
        raise SourcesError(f"{where}: {_errors(exc, top_level=where == str(path))}") from None
    sites = []
    for number, entry in enumerate(top.sites, 1):
        where = f"{path} [[sites]] #{number}"
        if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry["name"].strip():
            where += f" ({entry['name']})"
        try:
            site = _Site.model_validate(entry)
        except ValidationError as exc:
            raise SourcesError(f"{where}: {_errors(exc)}") from None
        lists = {key: tuple(getattr(site, key)) for key in ("feeds", "sections", "urls")}
        politeness = {k: v for k, v in site.chosen().items() if k in _POLITENESS_KEYS}
        sites.append(Site(site.name, politeness=politeness, **lists))
    if not sites:
        raise SourcesError(f"the sources file {path} lists no [[sites]]")
    return Sources(str(path), tuple(sites), top.politeness.chosen())


def _read(path: Path) -> dict:
    try:
        # A FIFO or a device would block or never end: only a regular file is read.
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise SourcesError(f"cannot read the sources file {path}: it is not a regular file")
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(f"cannot read the sources file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise SourcesError(f"the sources file {path} is not UTF-8 text: {exc.reason}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"the sources file {path} is not valid TOML: {exc}") from exc


def _errors(exc: ValidationError, top_level: bool = False) -> str:
    if top_level:
        return model_errors(exc, {"politeness": "a table", "sites": "an array of tables"})
    return model_errors(exc, _ALLOWED)
