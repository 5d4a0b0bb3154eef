"""The phrase vocabularies (``vocab.toml``) as word lists and regex parts.

Every rule and the prefilter take their words from here, so a word added to
``vocab.toml`` is seen everywhere at once.  :func:`alt` turns a list into a
non-capturing alternation, longest entry first (so "tăng hạng" wins over
"tăng"), with any run of whitespace between the words of an entry.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from extractors.text.numbers import NUMBER_WORDS, ORDINAL_WORDS

VOCAB_FILE = Path(__file__).with_name("vocab.toml")


@cache
def _table() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(VOCAB_FILE.read_text(encoding="utf-8"))


def words(key: str) -> tuple[str, ...]:
    """The list ``section.name`` of vocab.toml ("rank.first")."""
    section, _, name = key.partition(".")
    return tuple(_table()[section][name])


def _pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(part) for part in phrase.split())


def alt_of(phrases) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(_pattern(p) for p in ordered) + ")"


@cache
def alt(*keys: str) -> str:
    """One alternation of every phrase in the lists ``keys``."""
    return alt_of(p for key in keys for p in words(key))


# Number words as ranks use them: "thứ hai", "thứ nhì", "thứ tư", "hạng ba".
ORDINAL = alt_of(ORDINAL_WORDS)
NUMBER_WORD = alt_of(NUMBER_WORDS)
