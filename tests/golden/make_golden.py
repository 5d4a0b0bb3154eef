"""Write the golden file of every article page, from what the parser reads now.

    .venv/bin/python tests/golden/make_golden.py            # all pages
    .venv/bin/python tests/golden/make_golden.py vnexpress  # names containing "vnexpress"

Review the result as a diff (`git diff tests/golden`) against the page itself
before committing: a golden file records what a reader sees on the page, and
where the page's metadata disagrees with what it shows, the visible page
wins.  `tests/extractors/test_html_golden.py` checks every file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractors.model import Document  # noqa: E402
from extractors.pipeline import process  # noqa: E402
from tests.conftest import FIXTURES, SHARED  # noqa: E402

GOLDEN = Path(__file__).parent / "html"


def article_pages() -> list[Path]:
    pages = sorted(p for p in (SHARED / "corpus" / "html").glob("*.html") if "_LIST_" not in p.name)
    return pages + sorted((FIXTURES / "pages").glob("*.html"))


def golden(path: Path) -> dict:
    article = process(Document(source=str(path), raw=path.read_bytes())).article
    paragraphs = article.paragraphs
    return {
        "page": path.name,
        "url": article.canonical_url,
        "site": article.site,
        "title": article.title,
        "authors": list(article.authors),
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "lead": article.lead,
        "first_paragraph": paragraphs[0] if paragraphs else None,
        "last_paragraph": paragraphs[-1] if paragraphs else None,
        "paragraphs": len(paragraphs),
        "captions": list(article.captions),
    }


def main(filters: list[str]) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for path in article_pages():
        if filters and not any(f in path.name for f in filters):
            continue
        target = GOLDEN / (path.stem + ".json")
        target.write_text(json.dumps(golden(path), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
