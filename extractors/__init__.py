"""chiso's extractors: pure Python over bytes, text and HTML.

No Prefect and no DuckDB here.  ``EXTRACTOR_VERSION`` names the rules that
produced a fact: the release number plus a digest of this package's source,
(code and the vocabulary and gazetteer data files beside it),
so any change to a rule or a word list gives facts a new version and ``chiso reextract``
knows what to do again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

__version__ = "0.1.0"
_DIGESTED = frozenset({".py", ".toml", ".json", ".tsv"})


def _source_digest() -> str:
    digest = hashlib.sha256()
    root = Path(__file__).parent
    paths = [p for p in root.rglob("*") if p.suffix in _DIGESTED and p.is_file()]
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


EXTRACTOR_VERSION = f"{__version__}+{_source_digest()}"
