"""Finding what a text names: ranked units, indices, components and years.

Each finder runs precompiled patterns over the whole article text once and
returns mentions with character offsets; the reader in
:mod:`extractors.facts.extract` decides what they mean in their sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractors.facts import lexicon as lx
from extractors.facts.prefilter import Prefiltered
from extractors.text.normalize import slugify

# --- mention records --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityMention:
    start: int
    end: int
    name: str
    kind: str  # "province" | "ministry" | "agency" | "country" | "org" | "local" (a department, a district)


@dataclass(frozen=True, slots=True)
class IndexMention:
    start: int
    end: int
    code: str
    weak: bool = False  # a generic phrase (lexicon.WEAK_INDEX_PATTERNS)


@dataclass(frozen=True, slots=True)
class ComponentMention:
    start: int
    end: int
    index_code: str
    code: str


@dataclass(frozen=True, slots=True)
class YearMention:
    """A year, or years, and how the sentence uses them.

    ``role``: ``plain`` ("năm 2018"), ``compare`` ("so với năm 2017"),
    ``since`` ("từ năm 2013", "kể từ năm 2009"), ``streak`` ("(2008 - 2024)"
    after "liên tiếp"/"liền"), ``list`` ("Năm 2016, 2017", "hai năm
    2017-2018"), ``paren`` ("0,782 (2018)").
    """

    start: int
    end: int
    years: tuple[int, ...]
    role: str


# --- entities ---------------------------------------------------------------


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


_WORD_END = r"(?![\w])"
_WORD_START = r"(?<![\w])"

_PROVINCE_RES = {
    name: re.compile(rf"(?:{_alternation(variants)})", re.IGNORECASE)
    for name, variants in lx.PROVINCES.items()
}
_PROVINCE_ALL_RE = re.compile(
    rf"{_WORD_START}(?P<prefix>{lx.PROVINCE_PREFIX})?"
    rf"(?P<core>{_alternation([v for vs in lx.PROVINCES.values() for v in vs])}){_WORD_END}",
    re.IGNORECASE,
)
_MINISTRY_RES = {
    name: re.compile(rf"(?:{_alternation(variants)})", re.IGNORECASE)
    for name, variants in lx.MINISTRIES.items()
}
_MINISTRY_VARIANTS = [v for vs in lx.MINISTRIES.values() for v in vs]
_MINISTRY_ALL_RE = re.compile(
    rf"{_WORD_START}Bộ\s+(?P<core>{_alternation(_MINISTRY_VARIANTS)}){_WORD_END}",
    re.IGNORECASE,
)
# "các Bộ: Công thương, Thông tin và Truyền thông" names ministries without "Bộ".
BARE_MINISTRY_RE = re.compile(
    rf"{_WORD_START}(?P<core>{_alternation(_MINISTRY_VARIANTS)}){_WORD_END}",
    re.IGNORECASE,
)
_AGENCY_RES = {
    name: re.compile(rf"(?:{_alternation(variants)})", re.IGNORECASE)
    for name, variants in lx.AGENCIES.items()
}
_AGENCY_ALL_RE = re.compile(
    rf"{_WORD_START}(?P<core>{_alternation([v for vs in lx.AGENCIES.values() for v in vs])}){_WORD_END}",
    re.IGNORECASE,
)
_COUNTRY_RES = {
    name: re.compile(rf"(?:{_alternation(variants)})", re.IGNORECASE)
    for name, variants in lx.COUNTRIES.items()
}
# Case-blind, then held to a capital first letter: "Trung quốc", "Hàn quốc" are
# how many writers spell them; "anh" (a pronoun) is no country.
_COUNTRY_ALL_RE = re.compile(
    rf"{_WORD_START}(?P<core>{_alternation([v for vs in lx.COUNTRIES.values() for v in vs])}){_WORD_END}",
    re.IGNORECASE,
)
_ORG_HEAD_RE = re.compile(rf"{_WORD_START}(?:(?P<org>{lx.ORG_HEADS})|{lx.LOCAL_HEADS})(?=\s)")
_LOCAL_WHOLE_RE = re.compile(rf"{_WORD_START}{lx.LOCAL_WHOLE_NAMES}")
_LOCAL_LISTED_RE = re.compile(rf"{_WORD_START}(?:{lx.LOCAL_LISTED_NAMES}){_WORD_END}")
# Heads of places, lower-cased in a name ("Thành phố Móng Cái" opening a sentence).
_PLACE_HEADS = frozenset({"huyện", "thị xã", "quận", "thành phố"})
_ORG_NAME_RE = re.compile(rf"{_WORD_START}(?:{_alternation(list(lx.ORG_NAMES))}){_WORD_END}")
_TOKEN_RE = re.compile(r"\s*([\w&.'-]+)")
_ORG_STOP = frozenset(
    """dẫn đứng xếp đạt có là với được tiếp vươn giữ trong ở tại của cho về theo
    nằm lọt tăng giảm tụt chỉ cũng đã đang sẽ vẫn thì nhưng khi sau trên dưới năm
    thuộc gồm đều luôn liên lần bị đoạt chiếm nhận trở không chưa này đó cùng như
    và hay hoặc mà do vì nên thứ vị hạng top nhóm lùi xuống lên rơi nhảy leo vượt
    giành bứt""".split()
)
# Words that make a following capitalised name a person, not a province:
# "Trương Hòa Bình", "Tư tưởng Hồ Chí Minh".
_PERSON_BEFORE = frozenset(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý
    Trương Đinh Mai Tô Tạ Đoàn Lương Trịnh Đào Cao Lâm Hà Vương Thái Châu La Văn
    Thị Hữu Đức Công Quang Minh Ngọc Thanh Xuân Hồng Kim ông bà anh chị Ông Bà""".split()
)


def _title_like(text: str) -> bool:
    """True for "Hòa Bình", "HÒA BÌNH", "TP.HCM"; false for "hòa bình"."""
    words = [w for w in re.split(r"[\s.\-&]+", text) if w and w[0].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words)


def _canonical(core: str, table: dict[str, re.Pattern[str]]) -> str | None:
    for name, pattern in table.items():
        if pattern.fullmatch(core):
            return name
    return None


def _person_name_before(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start]
    match = re.search(r"([\w]+)\s$", before)
    return bool(match and match.group(1) in _PERSON_BEFORE)


def find_entities(text: str) -> list[EntityMention]:
    """Every ranked unit named in ``text``, longest match first, no overlaps."""
    found: list[tuple[int, int, str, str, int]] = []  # start, end, name, kind, priority
    for match in _AGENCY_ALL_RE.finditer(text):
        core = match.group("core")
        if not core[0].isupper():
            continue
        name = _canonical(core, _AGENCY_RES)
        if name:
            found.append((match.start(), match.end(), name, "agency", 3))
    for match in _MINISTRY_ALL_RE.finditer(text):
        if not match.group(0).startswith("Bộ"):
            continue
        name = _canonical(match.group("core"), _MINISTRY_RES)
        if name:
            found.append((match.start(), match.end(), name, "ministry", 3))
    for match in _PROVINCE_ALL_RE.finditer(text):
        core = match.group("core")
        if not _title_like(core):
            continue
        name = _canonical(core, _PROVINCE_RES)
        if name is None:
            continue
        bare_only = lx.PREFIXED_ONLY.get(name)
        if bare_only is not None and not match.group("prefix") and bare_only.fullmatch(core):
            continue
        if not match.group("prefix") and _person_name_before(text, match.start()):
            continue
        found.append((match.start(), match.end(), name, "province", 2))
    for match in _COUNTRY_ALL_RE.finditer(text):
        if not match.group("core")[0].isupper():
            continue
        name = _canonical(match.group("core"), _COUNTRY_RES)
        if name and not _person_name_before(text, match.start()):
            found.append((match.start(), match.end(), name, "country", 1))
    for match in _ORG_HEAD_RE.finditer(text):
        end = _org_name_end(text, match.end())
        if end > match.end():
            name = " ".join(text[match.start() : end].split())
            if match.group("org"):
                found.append((match.start(), end, name, "org", 1))
            else:
                # "Thành phố Móng Cái" opening a sentence is "thành phố Móng Cái".
                head = match.group(0)
                head = head.lower() if head.lower() in _PLACE_HEADS else head
                found.append((match.start(), end, head + name[len(match.group(0)) :], "local", 1))
    for match in _ORG_NAME_RE.finditer(text):
        found.append((match.start(), match.end(), match.group(0), "org", 1))
    for match in _LOCAL_WHOLE_RE.finditer(text):
        found.append((match.start(), match.end(), " ".join(match.group(0).split()), "local", 1))
    for match in _LOCAL_LISTED_RE.finditer(text):
        name = re.sub(r"\s*[-–]\s*", " - ", " ".join(match.group(0).split()))
        found.append((match.start(), match.end(), name, "local", 2))

    # Keep the longest, then the most specific, of overlapping matches.
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), -f[4]))
    result: list[EntityMention] = []
    last_end = -1
    known_starts = {f[0] for f in found if f[3] not in ("org", "local")}
    for start, end, name, kind, _ in found:
        if start < last_end:
            continue
        if kind in ("org", "local") and start in known_starts:
            continue  # "Ngân hàng Nhà nước Việt Nam và Bộ Tư pháp" is two units
        result.append(EntityMention(start, end, name, kind))
        last_end = end
    return result


def _org_name_end(text: str, pos: int) -> int:
    """End of an organisation's name that starts before ``pos``."""
    end = pos
    capitals = 0
    lower_run = 0
    tokens = 0
    while tokens < 12:
        match = _TOKEN_RE.match(text, end)
        if not match or "\n" in text[end : match.start(1)]:
            break
        word = match.group(1).rstrip(".")
        if tokens == 0 and not (word and word[0].isupper()):
            return pos  # a name starts with a capital right after its head: not "thành phố - Thái Nguyên"
        following = _TOKEN_RE.match(text, match.end())
        if not word or (word in lx.ORG_NAME_STOPS and following and following.group(1)[0].isupper()):
            break  # "Sở Tư pháp tỉnh Long An"; but "Ban Quản lý Khu kinh tế tỉnh" is its name
        if following and (word.lower(), following.group(1).lower()) in lx.ORG_COMPOUNDS:
            capitals += word[0].isupper()
            lower_run = 0
            end = following.end()
            tokens += 2
            continue
        if word[0].isupper() or word.isupper():
            capitals += 1
            lower_run = 0
        elif word == "và":
            if not (following and following.group(1)[0].isupper()):
                break
            if _ORG_HEAD_RE.match(text, following.start(1)):
                break  # "Sở Tư pháp và Ban Quản lý Khu kinh tế" are two bodies
        elif word.lower() in _ORG_STOP or word[0].isdigit() or lower_run >= 3:
            break
        else:
            lower_run += 1
        end = match.start(1) + len(word)
        tokens += 1
    if capitals == 0:
        return pos
    # Trailing lower-case syllables only belong to a name after a capital.
    return end


def find_bare_ministries(text: str, start: int, end: int) -> list[EntityMention]:
    """Ministries named without "Bộ" in ``text[start:end]`` (a "các Bộ:" list)."""
    result = []
    for match in BARE_MINISTRY_RE.finditer(text, start, end):
        name = _canonical(match.group("core"), _MINISTRY_RES)
        if name and match.group("core")[0].isupper():
            result.append(EntityMention(match.start(), match.end(), name, "ministry"))
    return result


# --- indices and components ---------------------------------------------


def _compile_index_patterns() -> list[tuple[str, Prefiltered, bool]]:
    compiled = []
    for table, weak in ((lx.INDEX_PATTERNS, False), (lx.WEAK_INDEX_PATTERNS, True)):
        for code, patterns in table.items():
            for pattern in patterns:
                # Acronyms must be written in capitals ("PCI", not "pci" in a URL).
                acronym = re.fullmatch(r"\\b[A-Z]+\\b", pattern) is not None
                flags = 0 if acronym else re.IGNORECASE
                compiled.append((code, Prefiltered(pattern, flags), weak))
    return compiled


_INDEX_RES = _compile_index_patterns()


def find_indices(text: str, lowered: str | None = None) -> list[IndexMention]:
    lowered = text.lower() if lowered is None else lowered
    found = []
    for code, prefiltered, weak in _INDEX_RES:
        if not prefiltered.may_match(lowered):
            continue
        for match in prefiltered.pattern.finditer(text):
            found.append((match.start(), match.end(), code, weak))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[3]))
    result: list[IndexMention] = []
    last_end = -1
    for start, end, code, weak in found:
        if start < last_end:
            continue
        result.append(IndexMention(start, end, code, weak))
        last_end = end
    return _settle_indices(text, result)


def _settle_indices(text: str, mentions: list[IndexMention]) -> list[IndexMention]:
    """Read each index name in the light of the others (FACTS.md):
    "chỉ số công nghiệp CNTT" in an ICT Index article is a component, not
    the IT Industry Index, and so is "xây dựng, phát triển Chính phủ điện tử"
    in a PAR INDEX article, not the e-government ranking; a Chính phủ điện tử ranking of the United Nations
    is EGDI; a generic phrase names an index only where no other is named."""
    codes = {m.code for m in mentions if not m.weak}
    if "ICT_INDEX" in codes:
        plain = [m for m in mentions if m.code == "IT_INDUSTRY_INDEX"]
        if all(lx.IT_INDUSTRY_AS_COMPONENT.fullmatch(text, m.start, m.end) for m in plain):
            mentions = [m for m in mentions if m.code != "IT_INDUSTRY_INDEX"]
    if "PAR_INDEX" in codes:
        mentions = [
            m
            for m in mentions
            if not (
                m.code == "EGOV"
                and lx.E_GOVERNMENT_AS_PAR_COMPONENT.search(text, max(0, m.start - 12), m.start)
            )
        ]
    settled = []
    for m in mentions:
        if m.code == "EGOV" and lx.UN_NEAR.search(text, max(0, m.start - 200), m.end + 200):
            m = IndexMention(m.start, m.end, "EGDI", m.weak)
        settled.append(m)
    strong = {m.code for m in settled if not m.weak}
    return [m for m in settled if not m.weak or m.code in strong or not strong]


_COMPONENT_RES = {
    index: [(code, Prefiltered(rf"{_WORD_START}(?:{p}){_WORD_END}", re.IGNORECASE)) for code, p in items]
    for index, items in (lx.COMPONENT_PATTERNS | lx.SLUGGED_COMPONENT_PATTERNS).items()
}


class _Spans:
    """Non-overlapping spans kept sorted, for overlap tests in O(log n): the
    finders test every match against everything taken so far, which made
    texts with thousands of names quadratic."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans=()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            self.starts.append(start)
            self.ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return True
        return i < len(self.starts) and self.starts[i] < end

    def holds(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos)
        return bool(i) and self.ends[i - 1] > pos

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


_OWNER_RE = re.compile(r"\s+của\s+(?:(?:tỉnh|thành phố|TP\.?)\s+)?(?P<name>\w)")


def _before_owner(text: str, start: int, end: int) -> int:
    """Where a component's name ends before the unit that owns it: "tính minh
    bạch | của Đà Nẵng"; not in "vai trò lãnh đạo của chính quyền tỉnh"."""
    for match in _OWNER_RE.finditer(text, start, end):
        if match.group("name").isupper():
            return match.start()
    return end


def find_components(
    text: str, indices: list[IndexMention], lowered: str | None = None
) -> list[ComponentMention]:
    """Component names for every index, minus those inside an index's name."""
    lowered = text.lower() if lowered is None else lowered
    inside_index = _Spans((m.start, m.end) for m in indices)
    found: list[ComponentMention] = []
    for index_code, patterns in _COMPONENT_RES.items():
        taken = _Spans()
        for code, prefiltered in patterns:
            if not prefiltered.may_match(lowered):
                continue
            for match in prefiltered.pattern.finditer(text):
                start, end = match.span()
                if inside_index.overlaps(start, end) or taken.overlaps(start, end):
                    continue
                taken.add(start, end)
                full_code = code or slugify(text[start:end])
                if code in lx.NARROWED_COMPONENTS:
                    for suffix, narrow in lx.NARROWINGS:
                        if narrow.match(text, end):
                            full_code = code + suffix
                            break
                found.append(ComponentMention(start, end, index_code, full_code))
    # A known component opening the name is the component; one further in
    # is part of a longer name: "chính sách, dịch vụ hỗ trợ doanh nghiệp bảo
    # vệ môi trường" (PGI) holds PCI's "hỗ trợ doanh nghiệp".
    # And only a component of an index the article names: "chỉ số thành phần
    # tính minh bạch" in a PGI article is no PCI component.
    codes = {i.code for i in indices}
    named = _Spans((c.start, c.start + 1) for c in found if c.index_code in codes)
    patterns = [lx.GENERIC_COMPONENT_RE, lx.NAMED_COMPONENT_RE]
    if codes and (not codes & lx.COMPONENT_PATTERNS.keys() or codes & lx.INDICATOR_INDICES):
        patterns.append(lx.BARE_COMPONENT_RE)
    if codes & lx.INDICATOR_INDICES:
        patterns.append(lx.INDICATOR_ABOUT_RE)
        for start, end in _indicator_list_items(text):
            if not named.overlaps(start, start + 6) and not inside_index.overlaps(start, end):
                named.add(start, start + 1)
                found.append(ComponentMention(start, end, "*", slugify(text[start:end].strip())))
    for pattern in patterns:
        for match in pattern.finditer(text):
            start, end = match.span("name")
            if named.overlaps(match.start(), start + 6) or inside_index.overlaps(match.start(), end):
                continue
            end = _before_owner(text, start, end)
            named.add(start, start + 1)
            found.append(ComponentMention(start, end, "*", slugify(text[start:end].strip())))
    found += _acronyms_of(text, found)
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return found


# "chính quyền số (CQS), kinh tế số (KTS) ... KTS xếp thứ 18/63": an acronym
# the article gives a component names it from then on.
_MAX_ACRONYMS = 20  # each costs a pass over the text
_ACRONYM_AFTER_RE = re.compile(r"\s*\(\s*(?P<acr>[A-ZĐ][A-ZĐ&-]{1,7})\s*\)")


def _acronyms_of(text: str, found: list[ComponentMention]) -> list[ComponentMention]:
    given: dict[str, list[ComponentMention]] = {}
    for c in found:
        match = _ACRONYM_AFTER_RE.match(text, c.end)
        if match is not None and c.index_code != "*":
            given.setdefault(match.group("acr"), []).append(c)
    taken = _Spans((c.start, c.end) for c in found)
    extra: list[ComponentMention] = []
    for acronym, named in list(given.items())[:_MAX_ACRONYMS]:
        for match in re.finditer(rf"(?<![\w&-]){re.escape(acronym)}(?![\w&-])", text):
            if match.start() < named[0].end or taken.overlaps(match.start(), match.end()):
                continue
            if text[match.start() - 1 : match.start()] == "(":
                continue  # the acronym's own definition
            for c in named:
                extra.append(ComponentMention(match.start(), match.end(), c.index_code, c.code))
    return extra


def _indicator_list_items(text: str):
    """The names of "chỉ số như A (hạng 2), B (hạng 3) và C (hạng 4)"."""
    for head in lx.INDICATOR_LIST_HEAD_RE.finditer(text):
        pos = head.end()
        for _ in range(12):
            item = lx.INDICATOR_ITEM_RE.match(text, pos)
            if item is None:
                break
            yield item.span("name")
            if not item.group("glue"):
                break
            pos = item.end()


# --- years -------------------------------------------------------------------

_YEAR = r"(?:19[89]\d|20\d\d)"
_YEAR_RANGE_RE = re.compile(
    rf"(?<![\d/.,])(?P<a>{_YEAR})\s*(?:-|đến|tới)\s*(?:năm\s+)?(?P<b>{_YEAR})(?![\d/])"
)
_YEAR_LIST_RE = re.compile(
    rf"(?<![\d/.,])(?P<first>{_YEAR})(?P<rest>(?:\s*(?:,|và)\s*{_YEAR}(?![\d/.,]\d))+)"
)
# Not part of a date: "08/3/2023", "tháng 5-2025", "2025-06".
# A year may end a headline's lead ("PCI 2024: Hải Phòng ..."), not a clock
# or a ratio ("2024:1").
_YEAR_RE = re.compile(rf"(?<![\d/.,:-])(?<!\d[-/.])(?P<y>{_YEAR})(?![\d/]|:\d|[.,]\d|-\d{{1,2}}(?!\d))")
_COMPARE_BEFORE_RE = re.compile(
    # "so với năm 2017", "so với xếp hạng năm 2016", "so với kết quả năm 2022"
    r"(?:so\s+(?:với\s+)?(?:cùng kỳ\s+)?|hơn\s+|kém\s+)"
    r"(?:(?:xếp hạng|thứ hạng|kết quả|vị trí|điểm số|chỉ số)\s+(?:của\s+)?)?(?:năm\s+|kỳ\s+)?$"
    # "duy trì thứ hạng năm 2024": the edition the rank is kept from
    r"|(?:duy trì|giữ nguyên|giữ vững)\s+(?:thứ hạng|vị trí|hạng)\s+(?:của\s+)?năm\s+$",
    re.IGNORECASE,
)
_SINCE_BEFORE_RE = re.compile(r"(?:(?:kể\s+)?từ|bắt đầu từ)\s+(?:năm\s+)?$", re.IGNORECASE)
_STREAK_NEAR_RE = re.compile(r"liên tiếp|liên tục|\bliền\b|đến nay", re.IGNORECASE)
_ENUM_BEFORE_RE = re.compile(r"(?:hai|ba|2|3|các)\s+năm\s*(?:qua\s*)?\(?$", re.IGNORECASE)
_DATE_BEFORE_RE = re.compile(
    r"(?:tháng\s*\d{1,2}\s*[/-]\s*|ngày\s+\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*)$", re.IGNORECASE
)


def find_years(text: str) -> list[YearMention]:
    found: list[YearMention] = []
    taken = _Spans()

    def before(pos: int, width: int = 40) -> str:
        return text[max(0, pos - width) : pos]

    for match in _YEAR_RANGE_RE.finditer(text):
        a, b = int(match.group("a")), int(match.group("b"))
        if not a < b <= a + 30:
            continue
        near = text[max(0, match.start() - 40) : match.end() + 5]
        if _ENUM_BEFORE_RE.search(before(match.start(), 20)) and b - a <= 3:
            years, role = tuple(range(a, b + 1)), "list"
        elif _STREAK_NEAR_RE.search(near) or _SINCE_BEFORE_RE.search(before(match.start())):
            years, role = tuple(range(a, b + 1)), "streak"
        else:
            years, role = tuple(range(a, b + 1)), "range"
        found.append(YearMention(match.start(), match.end(), years, role))
        taken.add(*match.span())
    for match in _YEAR_LIST_RE.finditer(text):
        if taken.holds(match.start()):
            continue
        years = tuple(int(y) for y in re.findall(_YEAR, match.group(0)))
        if len(set(years)) != len(years) or list(years) != sorted(years):
            continue
        found.append(YearMention(match.start(), match.end(), years, "list"))
        taken.add(*match.span())
    for match in _YEAR_RE.finditer(text):
        start, end = match.span()
        if taken.holds(start):
            continue
        prefix = before(start)
        if _DATE_BEFORE_RE.search(prefix):
            continue
        year = int(match.group("y"))
        if _COMPARE_BEFORE_RE.search(prefix):
            role = "compare"
        elif _SINCE_BEFORE_RE.search(prefix):
            role = "since"
        elif prefix.endswith("(") and text[end : end + 1] == ")":
            role = "paren"
        else:
            role = "plain"
        found.append(YearMention(start, end, (year,), role))
    found.sort(key=lambda y: y.start)
    return found
