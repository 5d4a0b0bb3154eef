"""Writing the analyst views to Parquet or CSV files for use elsewhere.

Rows stream from DuckDB as Arrow record batches into pyarrow writers, so a
large view is never held whole in memory and no path is put into SQL.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from warehouse.store import Warehouse

EXPORTED_VIEWS = (
    "facts",
    "articles",
    "rankings",
    "conflicts",
    "entity_history",
    "leaders",
    "unresolved_entities",
    "units",
    "unit_lineage",
    "runs",
    "failures",
)
EXPORT_FORMATS = ("parquet", "csv")


def export(warehouse: Warehouse, directory: str | Path, fmt: str, views=EXPORTED_VIEWS) -> dict[str, int]:
    """Write each view to ``directory/<view>.<fmt>``; returns rows per view."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with warehouse.reader(safe=True) as con:
        for view in views:
            if view not in EXPORTED_VIEWS:
                raise ValueError(f"{view!r} is not an exported view")
            # view names come from EXPORTED_VIEWS above, never from users
            cursor = con.cursor()
            try:
                reader = cursor.sql(f"SELECT * FROM {view}").to_arrow_reader(50_000)
                rows = _write(reader, out / f"{view}.{fmt}", fmt)
            finally:
                cursor.close()
            counts[view] = rows
    return counts


def _write(reader, target: Path, fmt: str) -> int:
    rows = 0
    if fmt == "parquet":
        with pq.ParquetWriter(target, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                rows += batch.num_rows
    else:
        schema = _flat_schema(reader.schema)
        with pacsv.CSVWriter(target, schema) as writer:
            for batch in reader:
                writer.write_batch(_flatten(batch, schema))
                rows += batch.num_rows
    return rows


def _flat_schema(schema: pa.Schema) -> pa.Schema:
    """CSV has no lists: list columns become "a; b" strings."""
    return pa.schema([pa.field(f.name, pa.string()) if pa.types.is_list(f.type) else f for f in schema])


def _flatten(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    columns = []
    for column, field in zip(batch.columns, batch.schema):
        if pa.types.is_list(field.type):
            column = pc.binary_join(column, "; ")
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, schema=schema)
