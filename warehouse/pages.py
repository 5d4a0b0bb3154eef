"""The raw pages, byte for byte, in pack files beside the warehouse.

A document is what was read before any parsing; re-extraction needs its
bytes and never the network.  Keeping them in DuckDB cost more than all the
rest of a load together (a batch of 200 news pages is 50 MB, written to
the WAL, then compressed again at every checkpoint), so the bytes live in
``<warehouse>.pages/``: one pack file per loaded batch, the pages one after
another, and each ``documents`` row names its pack, offset and size.

A pack is written under a temporary name, flushed to disk and renamed
before the transaction that refers to it commits; a load that dies leaves
at most an unreferenced pack, never a row without its bytes.  Reading
checks the bytes against the document's SHA-256.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

from warehouse.errors import WarehouseError


class PageMissing(WarehouseError):
    """A document's stored bytes are gone or damaged."""


class PageStore:
    def __init__(self, warehouse: Path) -> None:
        self.directory = Path(f"{warehouse}.pages")

    def write(self, pages: Sequence[bytes]) -> tuple[str, list[int]]:
        """Store the pages in a new pack; its name and each page's offset."""
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{uuid.uuid4().hex}.pack"
        temporary = self.directory / f".{name}.tmp"
        offsets = []
        position = 0
        with open(temporary, "wb") as handle:
            for page in pages:
                offsets.append(position)
                handle.write(page)
                position += len(page)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.directory / name)
        _fsync_directory(self.directory)
        return name, offsets

    def read(self, pack: str, offset: int, size: int, content_hash: str) -> bytes:
        path = self.directory / pack
        try:
            with open(path, "rb") as handle:
                handle.seek(offset)
                data = handle.read(size)
        except OSError as exc:
            raise PageMissing(f"the stored page in {path} cannot be read: {exc.strerror or exc}") from exc
        if len(data) != size or hashlib.sha256(data).hexdigest() != content_hash:
            raise PageMissing(f"the stored page in {path} at {offset} is damaged (its bytes changed)")
        return data


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every file system lets a directory be synced
    finally:
        os.close(fd)
