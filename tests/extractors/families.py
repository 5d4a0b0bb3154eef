"""Phrasing families: one phrasing, the ways a Vietnamese writer varies it.

A :class:`Family` is a few templates with slots ("{u} xếp {r} cả nước")
and, for each slot, the fillers a writer would use: a unit spelled several
ways (:class:`Unit`: "TP.HCM", "Thành phố Hồ Chí Minh"), a number as digits
or as words (:class:`Num`: "thứ 2", "thứ hai", "thứ nhì"), the edition and
the way the headline names it (:class:`Edition`).  :func:`expand` turns a
family into :class:`Case` s, each with the exact facts ``FACTS.md`` says the
text states; :func:`extracted` runs the whole extractor on the case as a
short article (the headline, then the text) and returns what it read.

Cases are drawn, not multiplied out: each dimension (template, edition, each
slot) is shuffled by a generator seeded with the family's name and read
round-robin, so every filler of every slot appears at least once, the
combinations vary, and the same cases come out on every run.  A family has
as many cases as its largest dimension, unless it asks for more.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace

from extractors.facts.extract import extract_facts
from extractors.text.txt import parse_txt

# --- units and the maps they are ranked on (FACTS.md, "Entities") -----------

# The 34 units of 1 July 2025: a unit merged into another is ranked in no
# edition ranked on this map; Thừa Thiên Huế goes on as Huế.
UNITS_2025 = frozenset(
    {
        "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
        "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
        "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
        "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
        "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
    }
)  # fmt: skip
# Indices whose entities are countries; a country is an entity in no other.
COUNTRY_INDICES = frozenset({"GII", "EGDI"})
# Indices that rank provinces and nothing else (editions.toml).
PROVINCES_ONLY = frozenset({"PCI", "PAPI", "PGI", "PII"})
# How far back the previous edition is: the UN survey (EGDI) is biennial.
EDITION_STEP = {"EGDI": 2}


def on_merged_map(index: str, year: int) -> bool:
    """Whether the edition was ranked on the 34 units: from 2025, and DTI 2024."""
    return year >= 2025 or (index == "DTI" and year == 2024)


@dataclass(frozen=True)
class Unit:
    """A ranked unit as an article writes it, and its canonical name."""

    written: str
    name: str
    kind: str = "province"  # "province", "ministry", "country", "org" (a bank, a group) or "local"

    def __str__(self) -> str:
        return self.written

    def name_in(self, index: str, year: int) -> str | None:
        """Its name in that edition, or None when the edition ranks no such unit."""
        if (self.kind == "country") != (index in COUNTRY_INDICES):
            return None
        if index == "DDCI" and self.kind not in ("local", "org"):
            return None  # a DDCI ranks a province's own bodies
        if self.kind == "local":
            # A department or district: ranked by its province's DDCI only.
            return self.name if index == "DDCI" else None
        if self.kind == "org":
            return None if index in PROVINCES_ONLY else self.name
        if self.kind == "province" and on_merged_map(index, year):
            if self.name == "Thừa Thiên Huế":
                return "Huế"
            return self.name if self.name in UNITS_2025 else None
        if self.kind == "ministry" and year >= 2025:
            # FACTS.md says ministries "follow the edition year" after the
            # March 2025 mergers but not whether a merged ministry's number
            # goes to its successor or is no fact; no family asks.
            raise ValueError(f"no family may rank {self.written} in a 2025 edition")
        return self.name


def province(written: str, name: str | None = None) -> Unit:
    return Unit(written, name or written)


def ministry(written: str, name: str | None = None) -> Unit:
    return Unit(written, name or written, "ministry")


def country(written: str, name: str | None = None) -> Unit:
    return Unit(written, name or written, "country")


def body(written: str, name: str | None = None) -> Unit:
    """A bank, a group, a university: it keeps the name the article gives it."""
    return Unit(written, name or written, "org")


def local(written: str, name: str | None = None) -> Unit:
    """A province's department or district, as a DDCI ranks them."""
    return Unit(written, name or written, "local")


def decomposed(written: str) -> str:
    """The same name in decomposed Unicode, as some sites send it."""
    return unicodedata.normalize("NFD", written)


# --- numbers and other fillers ------------------------------------------------


@dataclass(frozen=True)
class Num:
    """A number as written ("thứ hai", "6/63", "0,4820") and its value."""

    text: str
    value: float

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Word:
    """A filler whose meaning the family's facts read (a component, a verb's sign)."""

    text: str
    meaning: object = None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Pair:
    """Two numbers written together: a move "từ {p.a} lên {p.b}"."""

    a: Num
    b: Num


def written_value(text: str) -> float:
    """The value FACTS.md gives a written number: a decimal comma ("0,4820"),
    a thousands dot ("1.000"), or a decimal point from an English table ("0.40")."""
    if "," in text:
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return float(text.replace(".", ""))
    return float(text)


def nums(*values: float | str) -> tuple[Num, ...]:
    """Numbers as written: nums(4, "0,4820", "0.40")."""
    return tuple(Num(v, written_value(v)) if isinstance(v, str) else Num(str(v), float(v)) for v in values)


# --- editions and headlines -----------------------------------------------------


@dataclass(frozen=True)
class Edition:
    """An edition of an index and the ways a headline names the index."""

    index: str
    year: int
    names: tuple[str, ...]

    def titles(self) -> tuple[str, ...]:
        """Headlines naming the index and the edition, the year written as
        "năm 2023", "2023" and "(2023)"."""
        y = self.year
        forms = []
        for i, name in enumerate(self.names):
            forms += [
                f"Công bố {name} năm {y}",
                f"Kết quả {name} {y}",
                f"{name} ({y}): công bố bảng xếp hạng" if i % 2 else f"Xếp hạng {name} ({y})",
            ]
        return tuple(forms)


INDEX_NAMES: dict[str, tuple[str, ...]] = {
    "ICT_INDEX": ("Vietnam ICT Index", "Chỉ số sẵn sàng cho phát triển và ứng dụng CNTT-TT"),
    "PCI": ("PCI", "Chỉ số năng lực cạnh tranh cấp tỉnh"),
    "PAR_INDEX": ("PAR Index", "Chỉ số cải cách hành chính"),
    "SIPAS": (
        "SIPAS",
        "Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước",
    ),
    "PAPI": ("PAPI", "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh"),
    "DTI": ("DTI", "Chỉ số chuyển đổi số"),
    "PGI": ("PGI", "Chỉ số xanh cấp tỉnh"),
    "PII": ("PII", "Chỉ số đổi mới sáng tạo cấp địa phương"),
    "GII": ("GII", "Chỉ số đổi mới sáng tạo toàn cầu"),
    "EGDI": ("EGDI", "Chỉ số phát triển Chính phủ điện tử của Liên Hợp Quốc"),
    "DDCI": ("DDCI", "Chỉ số năng lực cạnh tranh cấp sở, ban, ngành và địa phương"),
    "IT_INDUSTRY_INDEX": ("Vietnam IT Industry Index", "IT Industry Index"),
}  # fmt: skip


def edition(index: str, year: int) -> Edition:
    return Edition(index, year, INDEX_NAMES[index])


# --- expected facts ----------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """A fact a case states.  ``entity`` is a :class:`Unit` (named by the
    edition's map) or a canonical name; ``year`` None is the edition's;
    ``ago`` counts editions back from it ("từ vị trí 51": the previous one)."""

    entity: Unit | str
    metric: str
    value: float | Num
    component: str | None = None
    year: int | None = None
    ago: int = 0
    index: str | None = None

    def key(self, ed: Edition) -> tuple | None:
        index = self.index or ed.index
        year = self.year if self.year is not None else ed.year - self.ago * EDITION_STEP.get(index, 1)
        if isinstance(self.entity, Unit):
            name = self.entity.name_in(index, year)
            if name is None:
                return None
        else:
            name = self.entity
        value = self.value.value if isinstance(self.value, Num) else float(self.value)
        return (name, index, self.component, year, self.metric, round(value, 6))


def rank(entity, value, **kw) -> Expect:
    return Expect(entity, "rank", value, **kw)


def score(entity, value, **kw) -> Expect:
    return Expect(entity, "score", value, **kw)


def change(entity, value, **kw) -> Expect:
    return Expect(entity, "rank_change", value, **kw)


# --- families and their cases --------------------------------------------------------

Facts = Callable[[SimpleNamespace], Sequence[Expect]]


def nothing(_: SimpleNamespace) -> Sequence[Expect]:
    return ()


@dataclass(frozen=True)
class Family:
    """One phrasing of one rule and its variants.

    ``facts`` gets the chosen fillers by slot name (with ``ed``, the
    edition, ``prev``, the previous edition's year, and ``template``) and
    returns the facts the text states; a slot named "a,b,c" draws its three
    fillers together (a list of three different units).  Templates may use
    ``{ed.year}`` and ``{prev}``; a near miss states none, or a
    reading other than the one the words first suggest.  ``title`` replaces
    the headline (a template over the same slots, with ``{title}`` for the
    edition's own headline)."""

    name: str
    rule: str
    phenomenon: str
    editions: tuple[Edition, ...]
    templates: tuple[str, ...]
    facts: Facts
    slots: Mapping[str, Sequence[object]] = field(default_factory=dict)
    near_miss: bool = False
    title: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class Case:
    id: str
    family: Family
    title: str
    body: str
    edition: Edition
    expected: frozenset[tuple]

    @property
    def article(self) -> str:
        return f"{self.title}\n{self.body}"


def expand(family: Family) -> list[Case]:
    """The family's cases, the same on every run."""
    rng = random.Random(family.name)
    dims: dict[str, list] = {
        "template": list(family.templates),
        "edition": list(family.editions),
        **{name: list(fillers) for name, fillers in family.slots.items()},
    }
    for values in dims.values():
        if not values:
            raise ValueError(f"family {family.name}: an empty dimension")
        rng.shuffle(values)
    size = family.size or max(len(v) for v in dims.values())
    titles = [t for ed in family.editions for t in ed.titles()]
    rng.shuffle(titles)
    cases: list[Case] = []
    seen: set[tuple[str, str]] = set()
    for i in range(size):
        drawn = {name: values[i % len(values)] for name, values in dims.items()}
        ed = drawn.pop("edition")
        template = drawn.pop("template")
        pick = {"ed": ed, "prev": ed.year - EDITION_STEP.get(ed.index, 1)}
        for name, filler in drawn.items():
            # "a,b,c": one filler of several units drawn together, never twice the same.
            pick.update(zip(name.split(","), filler) if "," in name else [(name, filler)])
        own_titles = [t for t in titles if t in ed.titles()]
        headline = own_titles[i % len(own_titles)]
        v = SimpleNamespace(template=template, **pick)
        body = template.format(**pick)
        title = family.title.format(**pick, title=headline) if family.title else headline
        if (title, body) in seen:
            continue
        seen.add((title, body))
        keys = (e.key(ed) for e in family.facts(v))
        expected = frozenset(k for k in keys if k is not None)
        cases.append(Case(f"{family.name}-{len(cases):02d}", family, title, body, ed, expected))
    return cases


def extracted(case: Case) -> frozenset[tuple]:
    """The fact keys the whole extractor reads from the case's article."""
    article = parse_txt(case.article, f"{case.family.name}.txt")
    return frozenset(f.key for f in extract_facts(article))


def explain(case: Case, got: frozenset[tuple]) -> str:
    """What a failing case shows: its text, what was expected, what came out."""
    lines = [f"{case.id} ({case.family.rule}; {case.family.phenomenon})", case.article.replace("\n", " ⏎ ")]
    lines += [f"  missing:    {k}" for k in sorted(case.expected - got, key=str)]
    lines += [f"  unexpected: {k}" for k in sorted(got - case.expected, key=str)]
    return "\n".join(lines)


# --- fillers shared by the families ------------------------------------------------

# Hồ Chí Minh City the ways articles write it.
HCM = (
    province("TP.HCM", "Hồ Chí Minh"),
    province("TP Hồ Chí Minh", "Hồ Chí Minh"),
    province("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    province("TP. Hồ Chí Minh", "Hồ Chí Minh"),
    province("TPHCM", "Hồ Chí Minh"),
)
# Thừa Thiên Huế: its name up to 2024, Huế on the 2025 map.
HUE = (
    province("Thừa Thiên - Huế", "Thừa Thiên Huế"),
    province("TT-Huế", "Thừa Thiên Huế"),
    province("Thừa Thiên Huế"),
    province("TP Huế", "Thừa Thiên Huế"),
    province("Thành phố Huế", "Thừa Thiên Huế"),
)
BRVT = (
    province("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    province("BR-VT", "Bà Rịa - Vũng Tàu"),
    province("Bà Rịa - Vũng Tàu"),
)
# Old tone marks and decomposed Unicode name the same unit.
TONES = (
    province("Khánh Hoà", "Khánh Hòa"),
    province(decomposed("Khánh Hòa"), "Khánh Hòa"),
    province("Thanh Hoá", "Thanh Hóa"),
    province("Hoà Bình", "Hòa Bình"),
)
PLAIN = tuple(
    province(n)
    for n in (
        "Hà Nội",
        "Đà Nẵng",
        "Quảng Ninh",
        "Hải Phòng",
        "Bắc Ninh",
        "Quảng Nam",
        "Bình Dương",
        "Lâm Đồng",
    )
)
# Every spelling: the slot most families draw their units from.
PROVINCES = HCM + HUE + BRVT + TONES + PLAIN
# Units that keep going on the 2025 map, and units merged away in it.
KEPT_2025 = tuple(
    province(n) for n in ("Lâm Đồng", "Tây Ninh", "Đồng Nai", "Gia Lai", "Ninh Bình", "An Giang")
)
MERGED_AWAY = tuple(province(n) for n in ("Quảng Nam", "Bình Dương", "Long An", "Hà Giang", "Bình Định"))

# Banks and groups the ICT Index ranks in tables of their own.
BODIES = (
    body("Vietcombank"),
    body("BIDV"),
    body("VietinBank"),
    body("Agribank"),
    body("Tổng công ty Hàng không Việt Nam"),
    body("Tập đoàn Điện lực Việt Nam"),
    body("Ngân hàng TMCP Quân đội"),
)
# Departments and districts a province's DDCI ranks, as articles write them.
LOCALS = (
    local("Sở Tư pháp"),
    local("Sở Kế hoạch và Đầu tư"),
    local("Ban Quản lý Khu kinh tế"),
    local("huyện Đức Hòa"),
    local("thị xã Kiến Tường"),
    local("thành phố Tân An"),
    local("huyện Ba Chẽ"),
    local("Huyện Vân Đồn", "huyện Vân Đồn"),
    local("Sở Giao thông vận tải"),
)

MINISTRIES = (
    ministry("Bộ TT&TT", "Bộ Thông tin và Truyền thông"),
    ministry("Bộ Thông tin và Truyền thông"),
    ministry("Bộ TT-TT", "Bộ Thông tin và Truyền thông"),
    ministry("NHNN", "Ngân hàng Nhà nước Việt Nam"),
    ministry("Ngân hàng Nhà nước", "Ngân hàng Nhà nước Việt Nam"),
    ministry("Bộ KH&CN", "Bộ Khoa học và Công nghệ"),
    ministry("Bộ GD&ĐT", "Bộ Giáo dục và Đào tạo"),
    ministry("Bộ KH&ĐT", "Bộ Kế hoạch và Đầu tư"),
    ministry("Bộ TN&MT", "Bộ Tài nguyên và Môi trường"),
    ministry("Bộ GTVT", "Bộ Giao thông vận tải"),
    ministry("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
    ministry("BHXH Việt Nam", "Bảo hiểm xã hội Việt Nam"),
    ministry("Bộ Tư pháp"),
    ministry("Bộ Tài chính"),
)

COUNTRIES = (
    country("Việt Nam"),
    country("Hoa Kỳ", "Mỹ"),
    country("Mỹ"),
    country("Thụy Sỹ", "Thụy Sĩ"),
    country("Thụy Sĩ"),
    country("Singapore"),
    country("Thái Lan"),
    country("Trung Quốc"),
    country("Hàn Quốc"),
)

# Positions as written after a verb: digits and words, with and without
# "thứ", "vị trí", "hạng" (FACTS.md, "Metrics").
RANKS = (
    Num("thứ 4", 4),
    Num("thứ tư", 4),
    Num("thứ 2", 2),
    Num("thứ hai", 2),
    Num("thứ nhì", 2),
    Num("thứ ba", 3),
    Num("thứ nhất", 1),
    Num("thứ 12", 12),
    Num("thứ mười hai", 12),
    Num("vị trí thứ 7", 7),
    Num("vị trí 28", 28),
    Num("vị trí số 9", 9),
    Num("hạng 18", 18),
    Num("thứ hạng 31", 31),
    Num("hạng nhất", 1),
    Num("hạng nhì", 2),
    Num("hạng 41", 41),
    Num("vị trí thứ hai", 2),
)
# Ordinal words alone: "thứ năm" is 5, "thứ mười lăm" 15.
ORDINALS = (
    Num("thứ nhất", 1),
    Num("thứ nhì", 2),
    Num("thứ hai", 2),
    Num("thứ ba", 3),
    Num("thứ tư", 4),
    Num("thứ năm", 5),
    Num("thứ sáu", 6),
    Num("thứ bảy", 7),
    Num("thứ tám", 8),
    Num("thứ chín", 9),
    Num("thứ mười", 10),
    Num("thứ mười một", 11),
    Num("thứ mười lăm", 15),
    Num("thứ hai mươi mốt", 21),
)

PCI_2019 = edition("PCI", 2019)
PCI_2022 = edition("PCI", 2022)
PCI_2023 = edition("PCI", 2023)
PAPI_2023 = edition("PAPI", 2023)
DTI_2023 = edition("DTI", 2023)
DTI_2024 = edition("DTI", 2024)  # ranked on the 34 units
DTI_2025 = edition("DTI", 2025)
PCI_2025 = edition("PCI", 2025)
ICT_2018 = edition("ICT_INDEX", 2018)
ICT_2020 = edition("ICT_INDEX", 2020)
PAR_2023 = edition("PAR_INDEX", 2023)
SIPAS_2023 = edition("SIPAS", 2023)
PGI_2023 = edition("PGI", 2023)
PII_2024 = edition("PII", 2024)
GII_2023 = edition("GII", 2023)
DDCI_2023 = edition("DDCI", 2023)
DDCI_2024 = edition("DDCI", 2024)
GII_2024 = edition("GII", 2024)
EGDI_2024 = edition("EGDI", 2024)
IT_INDUSTRY_2019 = edition("IT_INDUSTRY_INDEX", 2019)
# Provincial editions on both maps, for families of any phrasing.
PROVINCIAL = (PCI_2022, PAPI_2023, DTI_2023, ICT_2018, PGI_2023, DTI_2025)


# --- the list of failing cases ------------------------------------------------------


def fact_text(key: tuple) -> str:
    entity, index, component, year, metric, value = key
    where = f"{index}.{component}" if component else index
    return f"{entity} {where} {year} {metric}={value:g}"


def facts_text(keys) -> str:
    return "; ".join(fact_text(k) for k in sorted(keys, key=str)) or "—"


def failure_table(rows: list[tuple[str, str, str, frozenset, frozenset]]) -> str:
    """Markdown for failing cases, grouped by phenomenon: (phenomenon, id,
    text, expected, got) each."""
    out = []
    for phenomenon in dict.fromkeys(r[0] for r in rows):
        group = [r for r in rows if r[0] == phenomenon]
        out += [
            f"### {phenomenon} ({len(group)})",
            "",
            "| case | text | expected | got |",
            "|---|---|---|---|",
        ]
        for _, case_id, text, expected, got in group:
            cells = [case_id, text.replace("\n", " ⏎ "), facts_text(expected), facts_text(got)]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out)


def failing(cases: Sequence[Case], read: Callable[[Case], frozenset] = extracted) -> list[tuple]:
    rows = []
    for case in cases:
        got = read(case)
        if got != case.expected:
            label = f"{case.family.phenomenon} — `{case.family.rule}`"
            rows.append((label, case.id, case.article, case.expected, got))
    return rows


def _report() -> str:
    """The failing cases of the family, off-topic and vocabulary tests."""
    import subprocess

    from tests.extractors import test_families, test_off_topic, test_vocab

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout
    sections = [
        ("Phrasing families (test_families.py)", failing(test_families.CASES)),
        ("Off-topic rankings (test_off_topic.py)", failing(test_off_topic.CASES)),
    ]
    vocab_rows = []
    for case, only in test_vocab.WORD_CASES:
        got = frozenset(k for k in extracted(case) if only in (None, k[4]))
        if got != case.expected:
            vocab_rows.append(
                (f"{case.family.phenomenon} — `{case.family.rule}`", case.id, case.body, case.expected, got)
            )
    for case in test_vocab.DIGIT_FREE:
        if not reader_prefilter(case.body):
            vocab_rows.append(
                (
                    "the reader's prefilter skips a fact stated without a digit",
                    case.id,
                    case.body,
                    case.expected,
                    frozenset(),
                )
            )
    patched = test_vocab.run_patched()
    for key in sorted(patched):
        case = test_vocab.added_case(key)
        got, prefiltered = patched[key]
        if got != case.expected or extracted(case) == case.expected:
            word = test_vocab.ADDED[key].word
            vocab_rows.append(
                (
                    f"a word added to a list is seen — `{key}` += “{word}”",
                    case.id,
                    case.body,
                    case.expected,
                    got,
                )
            )
    sections.append(("Vocabularies (test_vocab.py)", vocab_rows))
    total = sum(len(rows) for _, rows in sections)
    out = [
        "# Failing cases of the family tests",
        "",
        f"Generated by `python -m tests.extractors.families` at commit {commit.strip()};",
        "each row is a case whose extracted facts differ from what FACTS.md says the text states.",
        f"{total} failing cases.",
        "",
    ]
    for title, rows in sections:
        out += [f"## {title}: {len(rows)} failing", "", failure_table(rows)]
    return "\n".join(out)


def reader_prefilter(text: str) -> bool:
    from extractors.facts import reader

    return bool(reader.PREFILTER_RE.search(text))


if __name__ == "__main__":
    print(_report())
