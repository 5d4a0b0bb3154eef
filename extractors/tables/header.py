"""What a table's header says a column holds.

A header cell ("Điểm số PCI", "Xếp hạng", "Nhóm xếp hạng", "STT", "Chỉ số
Nhận thức số", "2023") becomes a :class:`Label`: the column's role, and the
index, component and year it names.  A header flattened into running text
("Tỉnh Gia nhập thị trường Tiếp cận đất đai ... Điểm số PCI Bảng xếp hạng")
is cut into its labels in order by :func:`labels_in`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from extractors.facts import vocab as V
from extractors.facts.lexicon import COMPONENT_PATTERNS
from extractors.facts.mentions import IndexMention, find_components, find_indices
from extractors.tables.grid import is_year
from extractors.text.normalize import slugify

Role = Literal[
    "unit",
    "row_number",
    "rank",
    "score",
    "rank_change",
    "group",
    "maximum",
    "year",
    "period",
    "label",
    "blank",
]

# The cues, tried in this order; each span is taken once ("Nhóm xếp hạng"
# is a group, not a rank).
CUES: tuple[tuple[Role, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern, re.IGNORECASE))
    for role, pattern in (
        # "Nhóm chỉ số đầu vào" is a sub-index, no group
        ("group", r"nhóm(?!\s+chỉ\s+số)(?:\s+xếp\s+hạng)?|xếp\s+loại|phân\s+loại|\btier\b|\bgroup\b"),
        # "Điểm tối đa", "Thang điểm": a maximum, no unit's score (FACTS.md)
        ("maximum", r"(?:điểm\s+)?tối\s+đa|thang\s+điểm|\bmax(?:imum)?\b"),
        (
            "rank_change",
            r"tăng\s*[/,]?\s*giảm(?:\s+(?:bậc|hạng))?|thay\s+đổi(?:\s+(?:thứ\s+)?hạng)?|"
            r"biến\s+động|\(?\+\s*/\s*[-−]\)?|so\s+với\s+năm\s+trước|\bchange\b",
        ),
        ("rank", r"(?:bảng\s+)?xếp\s+hạng|thứ\s+hạng|\bhạng\b|thứ\s+tự\s+xếp|\brankings?\b|\brank\b"),
        ("row_number", r"\bstt\b|\btt\b|số\s+thứ\s+tự|\bno\.?(?=\s|$)"),
        ("score", r"(?:tổng\s+)?điểm(?:\s+số)?|\bscores?\b|giá\s+trị"),
        (
            "unit",
            r"(?:các\s+)?tỉnh(?:\s*[,/]\s*thành(?:\s+phố)?)?(?:\s+trực\s+thuộc\s+(?:tw|trung\s+ương))?|"
            r"địa\s+phương|(?:tên\s+)?đơn\s+vị|tên\s+cơ\s+quan|\bprovinces?\b|thành\s+phố|"
            r"(?:các\s+)?bộ\s*[,/]\s*(?:ngành|cơ\s+quan\s+ngang\s+bộ)(?:\s*,\s*cơ\s+quan\s+thuộc\s+chính\s+phủ)?|"
            # a province's districts and departments, the units a DDCI ranks
            r"(?:các\s+)?(?:huyện|quận)\s*[,/]\s*(?:thị\s+xã|huyện|quận)(?:\s*[,/]\s*thành\s+phố)?|"
            r"(?:các\s+)?sở\s*,\s*(?:ban\s*,\s*)?ngành",
        ),
        ("period", r"\bnăm\b|\byears?\b"),  # the column of the years ("Năm | Rankings")
    )
)
# Between a metric cue and the index or component it names: "Điểm số PCI",
# "Xếp hạng chỉ số thành phần Tính minh bạch".
_JOIN_RE = re.compile(r"[\s():,\-–]*(?:(?:chỉ\s+số|thành\s+phần|của|về|index)[\s():,\-–]*)*", re.IGNORECASE)
_YEAR_IN_RE = re.compile(r"(?<![\d/.,])(?:19[89]\d|20\d\d)(?![\d/])")
_LETTERS_RE = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class Label:
    role: Role
    index_code: str | None = None
    component: str | None = None
    year: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class _Atom:
    start: int
    end: int
    role: Role | None  # None: an index or component name
    index_code: str | None = None
    component: str | None = None
    year: int | None = None


def _atoms(text: str, index_hint: str | None) -> list[_Atom]:
    indices = [i for i in find_indices(text) if not i.weak]
    context = indices or ([IndexMention(0, 0, index_hint)] if index_hint else [])
    atoms = [_Atom(i.start, i.end, None, index_code=i.code) for i in indices]
    for c in find_components(text, context):
        if c.index_code in (index_hint, "*") or (
            index_hint is None and c.index_code in {i.code for i in indices}
        ):
            atoms.append(_Atom(c.start, c.end, None, component=c.code))
    taken = [(a.start, a.end) for a in atoms]
    for role, pattern in CUES:
        for m in pattern.finditer(text):
            if m.end() > m.start() and not any(m.start() < e and s < m.end() for s, e in taken):
                taken.append(m.span())
                atoms.append(_Atom(m.start(), m.end(), role))
    for m in _YEAR_IN_RE.finditer(text):
        if not any(m.start() < e and s < m.end() for s, e in taken):
            atoms.append(_Atom(m.start(), m.end(), None, year=int(m.group())))
    atoms.sort(key=lambda a: (a.start, -a.end))
    kept: list[_Atom] = []
    for a in atoms:  # a component inside another kept atom is part of it
        if not kept or a.start >= kept[-1].end:
            kept.append(a)
    return kept


_METRIC_ROLES = ("rank", "score", "rank_change")
_PERCENT_RE = re.compile(r"\(\s*%\s*\)|%$")
_INDEX_WORD_RE = re.compile(r"(?<![\w])(?:chỉ số|index)(?![\w])", re.IGNORECASE)
_REGION_RE = re.compile(rf"(?<![\w]){V.alt('context.regions')}(?![\w])", re.IGNORECASE)
_WORLD_RE = re.compile(r"(?<![\w])(?:toàn cầu|thế giới|cả nước|toàn quốc)(?![\w])", re.IGNORECASE)
_COMPARED_YEAR_RE = re.compile(r"(?<![\w])so\s+(?:với\s+)?(?:năm\s+)?(?:19[89]\d|20\d\d)", re.IGNORECASE)


def states_metric(text: str) -> bool:
    """Whether ``text`` says which metric its numbers are ("Xếp hạng Thể
    chế"), not only what they are of ("1. Thể chế")."""
    return any(role in _METRIC_ROLES and pattern.search(text) for role, pattern in CUES)


def _joins(text: str, left: _Atom, right: _Atom, label: Label) -> bool:
    if not _JOIN_RE.fullmatch(text, left.end, right.start):
        return False
    if right.role is not None:
        return False
    if right.year is not None:  # "Xếp hạng 2015", "Điểm ICT Index 2016"
        return label.year is None and label.role in ("rank", "score", "rank_change")
    if label.role in ("rank", "score", "rank_change"):
        return (right.component is not None and label.component is None) or (
            right.index_code is not None and label.index_code is None and label.component is None
        )
    return label.role == "group" and right.index_code is not None


def labels_in(
    text: str, index_hint: str | None = None, one_cell: bool = False
) -> list[tuple[int, int, Label]]:
    """The labels a header's running text holds, in order, with their spans.
    In ``one_cell`` (a cell holds one label) a metric may follow the name
    it is of ("PCI 2023 Điểm"); in running text it opens the next label
    ("... Thiết chế pháp lý Điểm số PCI")."""
    found: list[tuple[int, int, Label]] = []
    implicit = False  # the last label is a bare index or component name so far
    previous: _Atom | None = None
    for atom in _atoms(text, index_hint):
        joined = found and previous is not None and _JOIN_RE.fullmatch(text, previous.end, atom.start)
        if joined and one_cell and implicit and atom.role in _METRIC_ROLES:
            # "PCI 2023 Điểm", "Chỉ số Nhận thức số Xếp hạng": the cue after the name
            start, _, label = found[-1]
            found[-1] = (start, atom.end, replace(label, role=atom.role))
            implicit = False
        elif joined and _joins(text, previous, atom, found[-1][2]):
            start, _, label = found[-1]
            label = replace(
                label,
                index_code=label.index_code or atom.index_code,
                component=label.component or atom.component,
                year=label.year or atom.year,
            )
            found[-1] = (start, atom.end, label)
        else:
            role = atom.role or ("year" if atom.year else "score")
            found.append((atom.start, atom.end, Label(role, atom.index_code, atom.component, atom.year)))
            implicit = atom.role is None and atom.year is None
        previous = atom
    return [(s, e, replace(label, text=text[s:e])) for s, e, label in found]


def _names_only_units(text: str, found: tuple[int, int, Label]) -> bool:
    """ "Tỉnh", "Các tỉnh, thành phố" name the unit column; "Vai trò lãnh đạo
    của chính quyền tỉnh ..." is a row label that holds the word."""
    return len(text.split()) <= len(text[found[0] : found[1]].split()) + 2


def label_of(text: str, index_hint: str | None = None) -> Label:
    """The label of one header cell (or of a column's header cells joined)."""
    text = text.strip()
    if not text:
        return Label("blank")
    if is_year(text):
        return Label("year", year=int(text), text=text)
    years = {int(y) for y in _YEAR_IN_RE.findall(text)}
    bare = _YEAR_IN_RE.sub(" ", text)
    found = labels_in(bare, index_hint, one_cell=True)
    year = years.pop() if len(years) == 1 else None
    if not found and not _LETTERS_RE.search(bare):
        return Label("year", year=year, text=text) if year else Label("blank", text=text)
    found = [f for f in found if f[2].role != "unit" or _names_only_units(bare, f)]
    if len(found) > 1:  # "Điểm PCI năm 2023": the year is the column's, not a label
        found = [f for f in found if f[2].role != "period"]
    if len(found) == 1:
        label = found[0][2]
        if label.role in _METRIC_ROLES and _REGION_RE.search(text) and not _WORLD_RE.search(text):
            # "Hạng khu vực", "Xếp hạng ASEAN": a sub-group's ranks (FACTS.md), no fact
            return Label("group", text=text)
        if year is not None and _COMPARED_YEAR_RE.search(text):
            # "Thay đổi so với 2023": the change of the table's edition against 2023
            year = None
        return replace(label, year=year, text=text)
    if not found and index_hint and index_hint not in COMPONENT_PATTERNS:
        # An index with no components of record names its components by
        # their own words (FACTS.md: a component none of the codes fits).
        return Label("score", index_hint, slugify(bare), year, text)
    if _PERCENT_RE.search(text) and not found and (_INDEX_WORD_RE.search(text) or find_indices(text)):
        # "Chỉ số PAR 2024 (%)": a column of percentages is the index's score
        return Label("score", index_hint, None, year, text)
    return Label("label", year=year, text=text)
