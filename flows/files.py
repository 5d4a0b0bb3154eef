"""Reading articles from disk: walking directories, reading with limits."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extractors.model import Document
from warehouse import utcnow

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class Failure:
    """Something that could not be read, with where and why."""

    source: str
    stage: str
    reason: str


def iter_files(sources: list[str]) -> Iterator[str | Failure]:
    """Every article file the sources name, in a stable order.

    Directories are walked (following links, but never into a directory
    already visited, so a symlink loop ends); files named directly are read
    whatever their suffix; inside directories only .txt, .html and .htm.
    """
    for source in sources:
        path = Path(source).expanduser()
        if not path.exists():
            yield Failure(
                str(path),
                "read",
                "no such file or directory" if not path.is_symlink() else "a broken symbolic link",
            )
            continue
        if path.is_dir():
            yield from _walk(path)
        else:
            yield str(path.resolve())


def _walk(root: Path) -> Iterator[str | Failure]:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            stat = directory.stat()
        except OSError as exc:
            yield Failure(str(directory), "read", exc.strerror or str(exc))
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            continue  # a symbolic link loop, or a second way into the same directory
        seen.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield Failure(str(directory), "read", exc.strerror or str(exc))
            continue
        subdirectories = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=True):
                    subdirectories.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=True):
                    if entry.name.lower().endswith(ARTICLE_SUFFIXES):
                        yield str(Path(entry.path).resolve())
                elif entry.is_symlink():
                    yield Failure(entry.path, "read", "a broken symbolic link")
            except OSError as exc:
                yield Failure(entry.path, "read", exc.strerror or str(exc))
        stack.extend(reversed(subdirectories))


def read_file(path: str, max_bytes: int) -> Document | Failure:
    """Read one file as it is, refusing files over ``max_bytes`` without
    reading them whole."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return Failure(
                path, "read", f"the file is {_human(size)}, over the {_human(max_bytes)} limit (--max-bytes)"
            )
        with open(path, "rb") as handle:
            # The size it had a moment ago, and a byte more to see it grow:
            # read(n) allocates n bytes first, so read(max_bytes) would
            # take 50 MB for every page, and fragment the heap.
            raw = handle.read(size + 1)
            if len(raw) > size and len(raw) <= max_bytes:
                raw += handle.read(max_bytes + 1 - len(raw))
    except OSError as exc:
        return Failure(path, "read", exc.strerror or str(exc))
    if len(raw) > max_bytes:
        return Failure(path, "read", f"the file grew past the {_human(max_bytes)} limit while being read")
    return Document(source=path, raw=raw, kind="file", fetched_at=utcnow())


def _human(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"
