"""chiso's DuckDB warehouse: schema, migrations, loading, views, queries."""

from warehouse.errors import NotAWarehouse, SchemaTooNew, WarehouseError, WarehouseLocked
from warehouse.migrations import LATEST as SCHEMA_VERSION
from warehouse.store import (
    Batch,
    HeldSession,
    LoadResult,
    Session,
    Warehouse,
    content_hash,
    document_id,
    utcnow,
)

__all__ = [
    "Batch",
    "HeldSession",
    "LoadResult",
    "NotAWarehouse",
    "SCHEMA_VERSION",
    "SchemaTooNew",
    "Session",
    "Warehouse",
    "WarehouseError",
    "WarehouseLocked",
    "content_hash",
    "document_id",
    "utcnow",
]
