"""Fuzz the HTML parser, the decoder and the fact rules, by hand (not in CI).

    .venv/bin/python -m tests.fuzz                  # every target, 2 minutes each
    .venv/bin/python -m tests.fuzz --minutes 30 --target mutate

Built on hypothesis, the same generators as tests/extractors/test_properties.py
plus one that mutates real sentences from ../shared/corpus/dev (delete, repeat
and swap words, splice digits, commas, brackets and years).  Each target runs
rounds of fresh random examples until its time is up.  A failing example is
shrunk and printed with the exception; hypothesis keeps it in .hypothesis/,
so the next run tries it first.  Make it a test (a case in test_rules.py or
test_properties.py) before fixing it.

Checked on every example: nothing raises but ExtractionError/HtmlError, each
fact's span and value span point into the article's text with the evidence
sentence and the number it states, and no single input takes more than
--slow seconds (a sign of super-linear work).
"""

from __future__ import annotations

import argparse
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.model import Article, Block
from extractors.text.normalize import normalize_line
from tests.conftest import SHARED
from tests.extractors.test_properties import _check, check_bytes, check_markup, markup, ranking_prose


def _sentences() -> list[str]:
    found = []
    for path in sorted((SHARED / "corpus" / "dev" / "articles").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if any(ch.isdigit() for ch in line) and len(line) > 40:
                found.append(line)
    return found or ["Quảng Nam xếp hạng 18 ICT Index 2018 với 0,4820 điểm, tăng 23 bậc."]


@st.composite
def mutated_corpus(draw, sentences: list[str]) -> str:
    words = draw(st.sampled_from(sentences)).split()
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        if not words:
            break
        i = draw(st.integers(min_value=0, max_value=len(words) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "swap", "digits", "punct", "year", "join"]))
        if action == "delete":
            del words[i]
        elif action == "repeat":
            words[i:i] = words[i : i + draw(st.integers(min_value=1, max_value=6))] * draw(
                st.integers(min_value=1, max_value=50)
            )
        elif action == "swap":
            j = draw(st.integers(min_value=0, max_value=len(words) - 1))
            words[i], words[j] = words[j], words[i]
        elif action == "digits":
            words.insert(i, draw(st.from_regex(r"[0-9]{1,9}([.,][0-9]{1,4}){0,3}", fullmatch=True)))
        elif action == "punct":
            words.insert(
                i, draw(st.sampled_from(["(", ")", ",", ";", ".", "/", "-", "–", ":", "%", "“", "”"]))
            )
        elif action == "year":
            words.insert(i, f"năm {draw(st.integers(min_value=1900, max_value=2200))}")
        else:
            words[i] = words[i] + (words.pop(i + 1) if i + 1 < len(words) else "")
    return " ".join(words)


def _timed(check, slow: float):
    def run(example):
        started = time.perf_counter()
        check(example)
        took = time.perf_counter() - started
        assert took < slow, f"one input took {took:.1f} s (over --slow {slow} s): super-linear work?"

    return run


def _paragraphs(paragraphs: list[str]) -> None:
    blocks = tuple(Block("paragraph", normalize_line(p)) for p in paragraphs if normalize_line(p))
    if blocks:
        _check(Article(source="fuzz.txt", blocks=blocks))


def targets() -> dict:
    sentences = _sentences()
    return {
        "html": (markup(), check_markup),
        "bytes": (
            st.one_of(markup().map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=4000)),
            check_bytes,
        ),
        "rules": (st.lists(ranking_prose(), min_size=1, max_size=6), _paragraphs),
        "mutate": (st.lists(mutated_corpus(sentences), min_size=1, max_size=5), _paragraphs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=["all", "html", "bytes", "rules", "mutate"], default="all")
    parser.add_argument("--minutes", type=float, default=2.0, help="time per target (default 2)")
    parser.add_argument("--round", type=int, default=2000, help="examples per round (default 2000)")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds one input may take (default 5)")
    args = parser.parse_args(argv)
    chosen = targets()
    names = list(chosen) if args.target == "all" else [args.target]
    failed = False
    for name in names:
        strategy, check = chosen[name]
        test = settings(
            max_examples=args.round,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=settings.default.database,
        )(given(strategy)(_timed(check, args.slow)))
        deadline = time.monotonic() + args.minutes * 60
        rounds = 0
        while time.monotonic() < deadline:
            rounds += 1
            try:
                test()
            except Exception as exc:  # shrunk by hypothesis; the example is in the notes
                print(f"{name}: FAILED in round {rounds}: {type(exc).__name__}: {exc}", file=sys.stderr)
                for note in getattr(exc, "__notes__", []):
                    print(f"  {note}", file=sys.stderr)
                failed = True
                break
        else:
            print(f"{name}: {rounds} rounds of {args.round} examples, nothing found")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
