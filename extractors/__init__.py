"""chiso's extractors: pure Python over bytes, text and HTML.

No Prefect and no DuckDB here.  ``EXTRACTOR_VERSION`` names the rules that
produced a fact: the release number plus a digest of this package's source,
so any change to a rule gives facts a new version and ``chiso reextract``
knows what to do again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

__version__ = "0.1.0"


def _source_digest() -> str:
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


EXTRACTOR_VERSION = f"{__version__}+{_source_digest()}"
