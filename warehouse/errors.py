"""What can go wrong with the warehouse, each with how to fix it."""

from __future__ import annotations


class WarehouseError(Exception):
    """The warehouse could not be used."""


class WarehouseLocked(WarehouseError):
    """Another process holds the DuckDB file."""

    def __init__(self, path: str, holder: str | None, waited: float) -> None:
        self.path = path
        self.holder = holder
        self.waited = waited
        who = f" ({holder})" if holder else ""
        super().__init__(
            f"the warehouse {path} is locked by another process{who}; waited {waited:.0f}s. "
            "DuckDB lets one process write a file at a time: close the other session "
            "(an open DuckDB shell, a notebook, a running chiso), or wait for it and raise "
            "--lock-timeout / CHISO_LOCK_TIMEOUT."
        )


class SchemaTooNew(WarehouseError):
    def __init__(self, path: str, found: int, known: int) -> None:
        self.found = found
        self.known = known
        super().__init__(
            f"the warehouse {path} has schema version {found}, made by a newer chiso; "
            f"this chiso knows versions up to {known}. Upgrade chiso, or use another --warehouse."
        )


class NotAWarehouse(WarehouseError):
    pass


class DiskFull(WarehouseError):
    """The disk holding the warehouse (or its page packs) ran out of space."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        super().__init__(
            f"the disk holding the warehouse {path} is full ({detail}): the batch being loaded was "
            "not stored, the batches before it are kept. Free some space, or move the warehouse "
            "(and its .pages directory) to a bigger disk, and run again: what is missing will load."
        )


_NO_SPACE = ("no space left on device", "disk quota exceeded", "file too large")


def disk_full(path: str, exc: BaseException) -> DiskFull | None:
    """``exc`` as a :class:`DiskFull` when it says the disk is full (an OSError's
    errno, or the words DuckDB passes on from the system), else None."""
    import errno

    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFull(path, exc.strerror or str(exc))
    message = str(exc).lower()
    for words in _NO_SPACE:
        if words in message:
            return DiskFull(path, words)
    return None
