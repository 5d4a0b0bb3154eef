"""Reading articles from disk: walking directories, reading with limits."""

from __future__ import annotations

import os
import re
import stat
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


# Characters that would let a name forge or hide output: C0 and C1 controls
# (newline, carriage return, escape), line and paragraph separators, and the
# bidirectional overrides that reorder what a terminal shows.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print on one line: control characters escaped as
    Python writes them (``\\n``, ``\\x1b``, ``\\u202e``), bytes of no
    encoding as ``\\xNN``."""
    text = source_name(text)
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def source_name(path: str) -> str:
    """A path as chiso stores and prints it: the path itself, except that
    bytes that are not UTF-8 (a name from another system's encoding) are
    kept as ``\\xNN`` escapes, which UTF-8 text can hold."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:  # the bytes the system gave, undecodable ones as \\xNN
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def iter_files(sources: list[str]) -> Iterator[str | Failure]:
    """Every article file the sources name, in a stable order, each once.

    Directories are walked (following links, but never into a directory
    already visited, so a symlink loop ends); files named directly are read
    whatever their suffix; inside directories only .txt, .html and .htm.  A
    directory with none of those is a failure, not a silent success.  Paths
    are yielded as the system names them (for opening); failures carry
    :func:`source_name`.
    """
    seen: set[str] = set()
    for source in sources:
        path = Path(source).expanduser()
        if not path.exists():
            reason = "no such file or directory" if not path.is_symlink() else "a broken symbolic link"
            yield Failure(source_name(str(path)), "read", reason)
            continue
        found = _walk(path) if path.is_dir() else iter([str(path.resolve())])
        empty = True
        for item in found:
            empty = False
            if isinstance(item, Failure):
                yield item
            elif item not in seen:
                seen.add(item)
                yield item
        if empty and path.is_dir():
            yield Failure(source_name(str(path)), "read", f"the directory holds no {_SUFFIXES} file")


_SUFFIXES = ", ".join(ARTICLE_SUFFIXES[:-1]) + " or " + ARTICLE_SUFFIXES[-1]


def _walk(root: Path) -> Iterator[str | Failure]:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            stat = directory.stat()
        except OSError as exc:
            yield Failure(source_name(str(directory)), "read", exc.strerror or str(exc))
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            continue  # a symbolic link loop, or a second way into the same directory
        seen.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            yield Failure(source_name(str(directory)), "read", exc.strerror or str(exc))
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
                    yield Failure(source_name(entry.path), "read", "a broken symbolic link")
            except OSError as exc:
                yield Failure(source_name(entry.path), "read", exc.strerror or str(exc))
        stack.extend(reversed(subdirectories))


def read_file(path: str, max_bytes: int) -> Document | Failure:
    """Read one file as it is, refusing files over ``max_bytes`` without
    reading them whole, and anything but a regular file (a FIFO would block
    the run, a device would never end)."""
    name = source_name(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return Failure(name, "read", f"not a regular file: it is {_file_kind(info.st_mode)}")
        size = info.st_size
        if size > max_bytes:
            return Failure(
                name, "read", f"the file is {_human(size)}, over the {_human(max_bytes)} limit (--max-bytes)"
            )
        with open(path, "rb") as handle:
            # The size it had a moment ago, and a byte more to see it grow:
            # read(n) allocates n bytes first, so read(max_bytes) would
            # take 50 MB for every page, and fragment the heap.
            raw = handle.read(size + 1)
            if len(raw) > size and len(raw) <= max_bytes:
                raw += handle.read(max_bytes + 1 - len(raw))
    except OSError as exc:
        return Failure(name, "read", exc.strerror or str(exc))
    if len(raw) > max_bytes:
        return Failure(name, "read", f"the file grew past the {_human(max_bytes)} limit while being read")
    return Document(source=name, raw=raw, kind="file", fetched_at=utcnow())


def _file_kind(mode: int) -> str:
    kinds = [
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ]
    return next((name for test, name in kinds if test(mode)), "not a file")


def _human(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"
