"""What hostile pages and texts cost (issue 16): one line per construction.

    .venv/bin/python bench/hostile.py

Run by hand, never in CI: the tests assert growth exponents
(tests/extractors/test_attribute_floods.py, test_page_growth.py,
test_extraction_growth.py), this prints the seconds behind them on this
machine.  Each figure is the best of two runs of the whole pipeline
(decode, parse, extract) over one document, in process CPU time.
"""

from __future__ import annotations

import time

from extractors.model import Document
from extractors.pipeline import ExtractionError, process

ARTICLE = "<p>Năm 2023, Hà Nội xếp thứ 5 PCI với 70,5 điểm; Đà Nẵng xếp thứ 3 với 71 điểm.</p>"


def _page(body: str) -> bytes:
    return (
        f"<html><head><title>t</title></head><body><article>{ARTICLE}{body}</article></body></html>".encode()
    )


def _flooded(n: int) -> bytes:
    attributes = " ".join(f'a{i}="{">" if i % 200 == 0 else "v"}"' for i in range(n))
    return _page(f"<div {attributes}>x</div>")


def _many_flooded_tags(tags: int) -> bytes:
    return _page(("<i " + " ".join(f'a{i}=">"' for i in range(1_000)) + ">x</i>") * tags)


CASES = [
    *(
        (f"one tag of {n:,} attributes, '>' in quoted values", lambda n=n: _flooded(n))
        for n in (20_000, 80_000)
    ),
    ("one tag of 1,000,000 attributes (the 14 MB page)", lambda: _flooded(1_000_000)),
    ("200 tags of 1,000 attributes", lambda: _many_flooded_tags(200)),
    ("300 tags of 1,000 attributes (refused)", lambda: _many_flooded_tags(300)),
    *(
        (f"{n:,} links in one paragraph", lambda n=n: _page("<p>x" + "<a href=x>y</a> " * n + "</p>"))
        for n in (100_000, 400_000)
    ),
    *(
        (f"{n:,} 'share' links", lambda n=n: _page("<p>x" + '<a class="share">y</a> ' * n + "</p>"))
        for n in (100_000, 400_000)
    ),
    *(
        (f"'PCI 2023 hạng 5 ' repeated to {kb} KB", lambda kb=kb: ("PCI 2023 hạng 5 " * (kb * 64)).encode())
        for kb in (4, 16, 64)
    ),
    *(
        (
            f"ranking clauses joined by ';' to {kb} KB",
            lambda kb=kb: ("Năm 2023, PCI: " + "Hà Nội xếp thứ 5 với 70,5 điểm; " * (kb * 32)).encode(),
        )
        for kb in (40, 160)
    ),
]


def main() -> None:
    for name, make in CASES:
        raw = make()
        source = "hostile.txt" if not raw.startswith(b"<") else "hostile.html"
        best, outcome = float("inf"), ""
        for _ in range(2):
            started = time.process_time()
            try:
                outcome = f"{len(process(Document(source=source, raw=raw)).facts)} facts"
            except ExtractionError as exc:
                outcome = f"{exc.stage}: {exc.reason[:40]}..."
            best = min(best, time.process_time() - started)
        print(f"{name:58} {len(raw) / 1e6:7.2f} MB {best:7.2f} s  {outcome}", flush=True)


if __name__ == "__main__":
    main()
