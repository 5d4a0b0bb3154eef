"""What changed between two extractor versions, for review before trust."""

from __future__ import annotations

from typing import Any

from warehouse.errors import WarehouseError
from warehouse.store import Warehouse


def diff_versions(
    warehouse: Warehouse, version_from: str | None, version_to: str | None
) -> tuple[str, str, list[str], list[tuple[Any, ...]]]:
    """Facts ``version_to`` added, removed or changed against ``version_from``
    on the documents both read.  Defaults: the two newest versions."""
    with warehouse.reader() as con:
        versions = [
            r[0]
            for r in con.execute(
                "SELECT extractor_version FROM extractor_versions ORDER BY first_run"
            ).fetchall()
        ]
        if not versions:
            raise WarehouseError("the warehouse has no extractions yet")
        version_to = version_to or versions[-1]
        if version_from is None:
            earlier = versions[: versions.index(version_to)] if version_to in versions else versions[:-1]
            if not earlier:
                raise WarehouseError(
                    f"only one extractor version ({version_to}) has run; re-extract with a changed "
                    "extractor (chiso reextract) to have something to compare"
                )
            version_from = earlier[-1]
        for v in (version_from, version_to):
            if v not in versions:
                raise WarehouseError(f"no extraction with version {v!r}; known: {', '.join(versions)}")
        cursor = con.execute(
            "SELECT change, source, entity, index_code, component, year, metric,"
            " old_value, new_value, evidence"
            " FROM fact_diff(?, ?) ORDER BY source, change, entity, index_code, year, metric",
            [version_from, version_to],
        )
        columns = [d[0] for d in cursor.description]
        return version_from, version_to, columns, cursor.fetchall()
