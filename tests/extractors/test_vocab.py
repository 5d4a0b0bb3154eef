"""The phrase vocabularies (extractors/facts/vocab.toml) are shared data.

- every vocabulary key a rule declares is a list of vocab.toml;
- every word of every list a rule declares does what the list says, read by
  the whole extractor in a plain sentence (``WORD_CASES``), and a sentence
  with no digit that states a fact gets past the reader's prefilter;
- a word added to a list is seen everywhere: the rules and the prefilter
  compile their patterns from the table when they are imported, so the
  table is patched in a fresh interpreter before the extractor is imported
  (``ADDED``); patching it in this process would change nothing, since every
  pattern was compiled already and the registry refuses a rule twice.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from extractors.facts import reader
from extractors.facts import vocab as V
from extractors.facts.rules import registered
from tests.extractors.families import (
    DTI_2023,
    DTI_2025,
    GII_2023,
    PAR_2023,
    PCI_2019,
    PCI_2022,
    Case,
    Edition,
    Expect,
    Family,
    Word,
    change,
    expand,
    explain,
    extracted,
    ministry,
    province,
    rank,
    score,
)

ROOT = Path(__file__).resolve().parents[2]
QN, DN, HN, HP = (province(n) for n in ("Quảng Nam", "Đà Nẵng", "Hà Nội", "Hải Phòng"))
ALL_KEYS = [f"{section}.{name}" for section, lists in V._table().items() for name in lists]
DECLARED = [(rule.name, key) for rule in registered() for key in rule.vocabulary]


def test_the_registry_declares_vocabularies():
    assert DECLARED, "no rule declares a vocabulary"


@pytest.mark.parametrize("rule, key", DECLARED, ids=[f"{r}-{k}" for r, k in DECLARED])
def test_declared_vocabulary_is_a_list_of_the_table(rule, key):
    assert key in ALL_KEYS, f"rule {rule} declares {key}, which vocab.toml lacks"
    assert V.words(key), f"{key} is empty"


# --- every word of a declared list, in a plain sentence ---------------------------


@dataclass(frozen=True)
class Usage:
    """How a list's words are used: a sentence with ``{w}`` and the facts it
    then states; ``control`` is the sentence without the word's effect and
    its facts, so that a list whose words block a fact is seen to block it."""

    edition: Edition
    template: str
    facts: tuple[Expect, ...] = ()
    control: tuple[str, tuple[Expect, ...]] | None = None
    # Only facts of this metric are compared: "xếp hạng 20 điểm" states no
    # rank, and what else it may state is not this list's business.
    only: str | None = None


# Proper names and acronyms among the region words, written as articles do.
_DISPLAY = {"đbscl": "ĐBSCL", "asean": "ASEAN"}
USAGES: dict[str, tuple[Usage, ...]] = {
    "rank.verbs": (Usage(PCI_2022, "Quảng Nam {w} thứ 14 cả nước.", (rank(QN, 14),)),),
    "rank.position": (Usage(PCI_2022, "Quảng Nam giữ {w} 14 cả nước.", (rank(QN, 14),)),),
    "rank.count_nouns": (
        Usage(
            PCI_2022,
            "Năm nay Quảng Nam xếp hạng 20 {w} trên địa bàn.",
            control=("Năm nay Quảng Nam xếp hạng 20 trên địa bàn.", (rank(QN, 20),)),
            only="rank",
        ),
    ),
    "context.regions": (
        Usage(PCI_2022, "Quảng Nam xếp thứ 3 {w}.", control=("Quảng Nam xếp thứ 3 cả nước.", (rank(QN, 3),))),
    ),
    "rank.first": (
        Usage(DTI_2023, "Quảng Nam tiếp tục {w}.", (rank(QN, 1),)),
        Usage(DTI_2023, "Năm nay, {w} là Quảng Nam.", (rank(QN, 1),)),
    ),
    "rank.last": (
        Usage(PCI_2022, "Trong 63 tỉnh, thành phố được xếp hạng, {w} là Quảng Nam.", (rank(QN, 63),)),
    ),
    "rank.second": (Usage(DTI_2023, "Quảng Nam giành {w}.", (rank(QN, 2),)),),
    "rank.groups": (
        Usage(
            DTI_2023,
            "Quảng Nam nằm trong {w} địa phương dẫn đầu.",
            control=("Quảng Nam là địa phương dẫn đầu.", (rank(QN, 1),)),
        ),
    ),
    "score.difference": (
        Usage(
            DTI_2023,
            "Năm nay, Quảng Nam {w} 0,69 điểm.",
            control=("Năm nay, Quảng Nam đạt 0,69 điểm.", (score(QN, 0.69),)),
        ),
    ),
    "score.binding": (
        Usage(DTI_2023, "Quảng Nam tăng 2 bậc {w} 0,69 điểm.", (change(QN, 2), score(QN, 0.69))),
    ),
    "score.bounds": (
        Usage(
            DTI_2023, "Quảng Nam đạt {w} 0,69 điểm.", control=("Quảng Nam đạt 0,69 điểm.", (score(QN, 0.69),))
        ),
    ),
    "score.maximum": (Usage(PCI_2022, "Quảng Nam đạt 70,5 điểm, {w} 100 điểm.", (score(QN, 70.5),)),),
    "score.average": (Usage(DTI_2023, "Quảng Nam đạt 0,69 điểm; mức {w} là 0,61 điểm.", (score(QN, 0.69),)),),
    "score.cues": (Usage(DTI_2023, "Năm nay Quảng Nam {w} 0,6912.", (score(QN, 0.6912),)),),
    "context.nationwide": (
        Usage(PCI_2022, "Quảng Nam xếp thứ 2 khu vực miền Trung, thứ 10 {w}.", (rank(QN, 10),)),
    ),
    "change.up": (Usage(PCI_2022, "Quảng Nam {w} 5 bậc so với năm trước.", (change(QN, 5),)),),
    "change.down": (Usage(PCI_2022, "Quảng Nam {w} 5 bậc so với năm trước.", (change(QN, -5),)),),
    "change.between": (Usage(PCI_2022, "Quảng Nam tăng {w} 5 bậc so với năm trước.", (change(QN, 5),)),),
    "change.steps": (Usage(PCI_2022, "Quảng Nam tăng 5 {w} so với năm trước.", (change(QN, 5),)),),
    "rank_change.moved change.previous": (
        Usage(PCI_2022, "Quảng Nam tăng 5 bậc so với {w}.", (change(QN, 5),)),
    ),
    "rank_change.unchanged change.previous": (
        Usage(PCI_2022, "Quảng Nam không thay đổi thứ hạng so với {w}.", (change(QN, 0),)),
    ),
    "change.unchanged": (
        Usage(PCI_2022, "Quảng Nam {w} thứ hạng so với năm trước.", (change(QN, 0),)),
        Usage(PCI_2022, "Quảng Nam {w} vị trí so với năm trước.", (change(QN, 0),)),
    ),
    "lists.each": (
        Usage(
            DTI_2023,
            "Chính quyền số và kinh tế số của Quảng Nam {w} xếp thứ 14.",
            (rank(QN, 14, component="digital_government"), rank(QN, 14, component="digital_economy")),
        ),
    ),
    "bind.paired_list lists.ordered": (
        Usage(
            DTI_2023,
            "Hà Nội, Đà Nẵng và Hải Phòng {w} đạt 0,81 điểm, 0,79 điểm và 0,77 điểm.",
            (score(HN, 0.81), score(DN, 0.79), score(HP, 0.77)),
        ),
    ),
    "bind.ordered_list lists.ordered": (
        Usage(
            DTI_2023,
            "Ba vị trí dẫn đầu {w} thuộc về Hà Nội, Đà Nẵng và Hải Phòng.",
            (rank(HN, 1), rank(DN, 2), rank(HP, 3)),
        ),
    ),
    "continuation.words": (
        Usage(
            DTI_2023, "Đà Nẵng dẫn đầu, {w} là Hà Nội và Hải Phòng.", (rank(DN, 1), rank(HN, 2), rank(HP, 3))
        ),
    ),
}


def usages(rule: str, key: str) -> tuple[Usage, ...]:
    return USAGES.get(f"{rule} {key}") or USAGES.get(key) or ()


def word_family(rule: str, key: str, n: int, usage: Usage) -> Family:
    words = tuple(Word(_DISPLAY.get(w, w)) for w in V.words(key))
    facts = usage.facts
    return Family(
        f"vocab_{key}_{n}",
        rule,
        f"every word of {key}",
        (usage.edition,),
        (usage.template,),
        lambda v: facts,
        {"w": words},
        near_miss=not facts,
    )


def _word_cases() -> list[tuple[Case, str | None]]:
    cases = []
    for rule, key in DECLARED:
        for n, usage in enumerate(usages(rule, key)):
            cases += [
                (Case(f"{rule}-{c.id}", c.family, c.title, c.body, c.edition, c.expected), usage.only)
                for c in expand(word_family(rule, key, n, usage))
            ]
    return cases


WORD_CASES = _word_cases()
CASES = [case for case, _ in WORD_CASES]
CONTROLS = [
    (rule, key, usage) for rule, key in DECLARED for usage in usages(rule, key) if usage.control is not None
]


@pytest.mark.parametrize("rule, key", DECLARED, ids=[f"{r}-{k}" for r, k in DECLARED])
def test_every_declared_list_has_a_usage(rule, key):
    assert usages(rule, key), f"no sentence shows how {rule} uses {key}: add one to USAGES"


@pytest.mark.parametrize("case, only", WORD_CASES, ids=[c.id for c, _ in WORD_CASES])
def test_every_word_of_a_declared_list_is_read(case, only):
    got = frozenset(k for k in extracted(case) if only in (None, k[4]))
    assert got == case.expected, explain(case, got)


@pytest.mark.parametrize("rule, key, usage", CONTROLS, ids=[f"{r}-{k}" for r, k, _ in CONTROLS])
def test_a_blocking_list_has_something_to_block(rule, key, usage):
    """Without the word the sentence states its fact: the list's words, not
    the sentence, are what makes the cases above state none."""
    text, facts = usage.control
    family = Family(f"control_{key}", rule, "control", (usage.edition,), (text,), lambda v: facts)
    (case,) = expand(family)
    assert case.expected, "a control states a fact"
    got = extracted(case)
    assert got == case.expected, explain(case, got)


DIGIT_FREE = [c for c in CASES if c.expected and not re.search(r"\d", c.body)]


def test_some_cases_state_a_fact_without_a_digit():
    assert len(DIGIT_FREE) >= 20


@pytest.mark.parametrize("case", DIGIT_FREE, ids=lambda c: c.id)
def test_prefilter_passes_a_fact_without_a_digit(case):
    """The reader skips a sentence its prefilter rejects: every word that
    states a fact with no digit must get past it."""
    assert reader.PREFILTER_RE.search(case.body), f"the prefilter skips {case.body!r}"


# --- a word added to a list is seen everywhere -------------------------------------


@dataclass(frozen=True)
class Added:
    """A word the list lacks, and a sentence it then reads as ``facts``."""

    word: str
    edition: Edition
    text: str
    facts: tuple[Expect, ...] = ()


ADDED: dict[str, Added] = {
    "rank.position": Added("thứ bậc", PCI_2022, "Quảng Nam giữ thứ bậc 14 cả nước.", (rank(QN, 14),)),
    "rank.verbs": Added("về đích", PCI_2022, "Quảng Nam về đích thứ 14 cả nước.", (rank(QN, 14),)),
    "rank.first": Added("về nhất", DTI_2023, "Quảng Nam về nhất.", (rank(QN, 1),)),
    "rank.second": Added("về nhì", DTI_2023, "Quảng Nam về nhì.", (rank(QN, 2),)),
    "rank.last": Added(
        "xếp chót", PCI_2022, "Trong 63 tỉnh, thành phố được xếp hạng, Quảng Nam xếp chót.", (rank(QN, 63),)
    ),
    "rank.groups": Added("danh sách", DTI_2023, "Quảng Nam nằm trong danh sách dẫn đầu."),
    "rank.unit_nouns": Added("thị trường", GII_2023, "Việt Nam xếp thứ 3 trong 10 thị trường mới nổi."),
    "rank.count_nouns": Added("dự án", PCI_2022, "Quảng Nam xếp hạng 20 dự án trên địa bàn."),
    "continuation.words": Added(
        "liền kề",
        DTI_2023,
        "Đà Nẵng dẫn đầu, liền kề là Hà Nội và Hải Phòng.",
        (rank(DN, 1), rank(HN, 2), rank(HP, 3)),
    ),
    "lists.ordered": Added(
        "theo trình tự",
        DTI_2023,
        "Hà Nội, Đà Nẵng và Hải Phòng theo trình tự đạt 0,81 điểm, 0,79 điểm và 0,77 điểm.",
        (score(HN, 0.81), score(DN, 0.79), score(HP, 0.77)),
    ),
    "lists.linking": Added(
        "rơi vào",
        DTI_2023,
        "Ba vị trí dẫn đầu lần lượt rơi vào Hà Nội, Đà Nẵng và Hải Phòng.",
        (rank(HN, 1), rank(DN, 2), rank(HP, 3)),
    ),
    "lists.each": Added(
        "ngang nhau",
        DTI_2023,
        "Chính quyền số và kinh tế số của Quảng Nam ngang nhau ở vị trí thứ 14.",
        (rank(QN, 14, component="digital_government"), rank(QN, 14, component="digital_economy")),
    ),
    "change.up": Added("nhích", PCI_2022, "Quảng Nam nhích 3 bậc so với năm trước.", (change(QN, 3),)),
    "change.down": Added("trượt", PCI_2022, "Quảng Nam trượt 3 bậc so với năm trước.", (change(QN, -3),)),
    "change.between": Added("vọt", PCI_2022, "Quảng Nam tăng vọt 5 bậc so với năm trước.", (change(QN, 5),)),
    "change.steps": Added("nấc", PCI_2022, "Quảng Nam tăng 5 nấc so với năm trước.", (change(QN, 5),)),
    "change.unchanged": Added(
        "bảo toàn", PCI_2022, "Quảng Nam bảo toàn thứ hạng so với năm trước.", (change(QN, 0),)
    ),
    "change.previous": Added(
        "kỳ thống kê trước",
        PCI_2022,
        "Quảng Nam không thay đổi thứ hạng so với kỳ thống kê trước.",
        (change(QN, 0),),
    ),
    "change.compare": Added("đối chiếu với", PCI_2019, "Quảng Nam tăng 15 bậc đối chiếu với năm 2015."),
    "score.units": Added(
        "phần trăm",
        PAR_2023,
        "Điểm của Bộ Tư pháp là 91,47 phần trăm.",
        (score(ministry("Bộ Tư pháp"), 91.47),),
    ),
    "score.cues": Added(
        "điểm đánh giá", DTI_2023, "Quảng Nam có điểm đánh giá 0,6912.", (score(QN, 0.6912),)
    ),
    "score.difference": Added("nhích", DTI_2023, "Năm nay, Quảng Nam nhích 0,05 điểm."),
    "score.binding": Added(
        "ghi được", DTI_2023, "Quảng Nam tăng 2 bậc ghi được 0,69 điểm.", (change(QN, 2), score(QN, 0.69))
    ),
    "score.bounds": Added("chừng", DTI_2023, "Quảng Nam đạt chừng 0,69 điểm."),
    "score.maximum": Added(
        "mức trần", PCI_2022, "Quảng Nam đạt 70,5 điểm, mức trần 100 điểm.", (score(QN, 70.5),)
    ),
    "score.average": Added(
        "mức chung", DTI_2023, "Quảng Nam đạt 0,69 điểm; mức chung là 0,61 điểm.", (score(QN, 0.69),)
    ),
    "score.national": Added(
        "toàn ngành",
        PAR_2023,
        "Bộ Tư pháp đạt 91,47%, trong khi chỉ số toàn ngành đạt 84,05%.",
        (score(ministry("Bộ Tư pháp"), 91.47),),
    ),
    "context.nationwide": Added(
        "toàn lãnh thổ",
        PCI_2022,
        "Quảng Nam xếp thứ 2 khu vực miền Trung, thứ 10 toàn lãnh thổ.",
        (rank(QN, 10),),
    ),
    "context.regions": Added("cụm thi đua", PCI_2022, "Quảng Nam xếp thứ 3 cụm thi đua số 4."),
    "context.not_regions": Added(
        "khu vực nông thôn",
        PCI_2022,
        "Quảng Nam xếp thứ 3 nhờ khu vực nông thôn phát triển mạnh.",
        (rank(QN, 3),),
    ),
    "context.off_topic": Added(
        # "về <...>" blocks any topic that is no component; here only the word does.
        "học sinh giỏi",
        PCI_2022,
        "Số học sinh giỏi quốc gia của Quảng Nam xếp thứ 3 cả nước.",
    ),
    "context.hypothetical": Added("nếu căn cứ", DTI_2025, "Nếu căn cứ địa giới cũ, Đồng Nai đứng thứ 3."),
    "context.former": Added("(chưa sáp nhập)", DTI_2025, "Đồng Nai (chưa sáp nhập) xếp thứ 3."),
    "context.ended": Added(
        "đánh bật",
        PCI_2022,
        "Quảng Nam đứng đầu với 70,5 điểm, đánh bật 5 năm liền Hà Nội giữ ngôi quán quân.",
        (rank(QN, 1), score(QN, 70.5)),
    ),
}


def added_case(key: str) -> Case:
    a = ADDED[key]
    family = Family(
        f"added_{key}", "vocab", f"a word added to {key}", (a.edition,), (a.text,), lambda v: a.facts
    )
    (case,) = expand(family)
    return case


_PATCHED_RUN = """
import json, sys
from extractors.facts import vocab as V
table = V._table()
for key, word in json.loads(sys.argv[1]).items():
    section, _, name = key.partition(".")
    table[section][name].append(word)
from extractors.facts import reader
from extractors.facts.extract import extract_facts
from extractors.text.txt import parse_txt
result = {}
for key, article in json.loads(sys.argv[2]).items():
    facts = extract_facts(parse_txt(article, "added.txt"))
    body = article.split("\\n", 1)[1]
    result[key] = {"facts": [list(f.key) for f in facts], "prefilter": bool(reader.PREFILTER_RE.search(body))}
print(json.dumps(result, ensure_ascii=False))
"""


def run_patched() -> dict[str, tuple[frozenset[tuple], bool]]:
    """What the extractor reads from each ADDED sentence with every word of
    ADDED in the table (and whether the prefilter passes it), run in a fresh
    interpreter that patches the loaded table before any rule is imported."""
    words = {key: a.word for key, a in ADDED.items()}
    articles = {key: added_case(key).article for key in ADDED if key in ALL_KEYS}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", _PATCHED_RUN, json.dumps(words), json.dumps(articles)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    return {
        key: (frozenset(tuple(k) for k in r["facts"]), r["prefilter"])
        for key, r in json.loads(run.stdout).items()
    }


@pytest.fixture(scope="module")
def patched() -> dict[str, tuple[frozenset[tuple], bool]]:
    return run_patched()


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_list_has_an_added_word(key):
    assert key in ADDED, f"no case shows a word added to {key} being read: add one to ADDED"
    assert ADDED[key].word not in V.words(key), f"{key} already holds {ADDED[key].word!r}"


@pytest.mark.parametrize("key", sorted(set(ADDED) & set(ALL_KEYS)))
def test_a_word_added_to_a_list_is_seen(key, patched):
    case = added_case(key)
    before = extracted(case)
    assert before != case.expected, (
        f"the sentence reads as expected without {ADDED[key].word!r}: it tests nothing"
    )
    got, prefiltered = patched[key]
    assert got == case.expected, explain(case, got)
    if case.expected:
        assert prefiltered, f"the prefilter skips {case.body!r}"
