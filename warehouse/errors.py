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
