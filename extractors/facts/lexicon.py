"""Gazetteers: ranked units, indices and components, as FACTS.md names them.

Each entry pairs a canonical name with the ways articles write it.  Patterns
are compiled once here; :mod:`extractors.facts.mentions` runs them.
"""

from __future__ import annotations

import re

from extractors import gazetteer

# The separator between the parts of a compound name: "Bà Rịa - Vũng Tàu",
# "Bà Rịa-Vũng Tàu", "Bà Rịa Vũng Tàu", "KH&CN", "Giáo dục - Đào tạo".
_AND = r"(?:\s*(?:-|&|và|,)\s*|\s+)"
_ICT = r"(?:CNTT|công nghệ thông tin)"

# --- provinces and centrally-run cities: spellings beyond the gazetteer's ---
# Every spelling in extractors/gazetteer/units.toml is read (see _table below);
# these are the regex variants no plain alias covers.

_PROVINCE_VARIANTS: dict[str, list[str]] = {
    "Hà Nội": ["Hà Nội"],
    "Hồ Chí Minh": [
        r"TP\.?\s*HCM",
        r"Tp\.?\s*HCM",
        "HCMC",
        r"TP\s*\.?\s*Hồ Chí Minh",
        r"Tp\.?\s*Hồ Chí Minh",
        "Thành phố Hồ Chí Minh",
        "thành phố Hồ Chí Minh",
    ],
    "Hải Phòng": ["Hải Phòng"],
    "Đà Nẵng": ["Đà Nẵng"],
    "Cần Thơ": ["Cần Thơ"],
    "An Giang": ["An Giang"],
    "Bà Rịa - Vũng Tàu": [rf"Bà Rịa{_AND}Vũng Tàu", r"BR\s*-?\s*VT"],
    "Bắc Giang": ["Bắc Giang"],
    "Bắc Kạn": ["Bắc Kạn", "Bắc Cạn"],
    "Bạc Liêu": ["Bạc Liêu"],
    "Bắc Ninh": ["Bắc Ninh"],
    "Bến Tre": ["Bến Tre"],
    "Bình Định": ["Bình Định"],
    "Bình Dương": ["Bình Dương"],
    "Bình Phước": ["Bình Phước"],
    "Bình Thuận": ["Bình Thuận"],
    "Cà Mau": ["Cà Mau"],
    "Cao Bằng": ["Cao Bằng"],
    "Đắk Lắk": [r"Đ[ắăa]k\s*L[ắăa][kc]", r"Đ[ắă]c\s*L[ắă][kc]", r"Dak\s*Lak"],
    "Đắk Nông": [r"Đ[ắăa]k\s*Nông", r"Đ[ắă]c\s*Nông", r"Dak\s*Nong"],
    "Điện Biên": ["Điện Biên"],
    "Đồng Nai": ["Đồng Nai"],
    "Đồng Tháp": ["Đồng Tháp"],
    "Gia Lai": ["Gia Lai"],
    "Hà Giang": ["Hà Giang"],
    "Hà Nam": [r"Hà Nam(?!\s+Ninh)"],
    "Hà Tĩnh": ["Hà Tĩnh"],
    "Hải Dương": ["Hải Dương"],
    "Hậu Giang": ["Hậu Giang"],
    "Hòa Bình": ["Hòa Bình"],
    "Hưng Yên": ["Hưng Yên"],
    "Khánh Hòa": ["Khánh Hòa"],
    "Kiên Giang": ["Kiên Giang"],
    "Kon Tum": [r"Kon\s*Tum"],
    "Lai Châu": ["Lai Châu"],
    "Lâm Đồng": ["Lâm Đồng"],
    "Lạng Sơn": ["Lạng Sơn"],
    "Lào Cai": ["Lào Cai"],
    "Long An": ["Long An"],
    "Nam Định": ["Nam Định"],
    "Nghệ An": ["Nghệ An"],
    "Ninh Bình": ["Ninh Bình"],
    "Ninh Thuận": ["Ninh Thuận"],
    "Phú Thọ": ["Phú Thọ"],
    "Phú Yên": ["Phú Yên"],
    "Quảng Bình": ["Quảng Bình"],
    "Quảng Nam": [r"Quảng\s?Nam"],
    "Quảng Ngãi": ["Quảng Ngãi"],
    "Quảng Ninh": ["Quảng Ninh"],
    "Quảng Trị": ["Quảng Trị"],
    "Sóc Trăng": ["Sóc Trăng"],
    "Sơn La": ["Sơn La"],
    "Tây Ninh": ["Tây Ninh"],
    "Thái Bình": ["Thái Bình"],
    "Thái Nguyên": ["Thái Nguyên"],
    "Thanh Hóa": ["Thanh Hóa"],
    "Thừa Thiên Huế": [rf"Thừa Thiên{_AND}Huế", r"TT\s*-\s*Huế"],
    "Tiền Giang": ["Tiền Giang"],
    "Trà Vinh": ["Trà Vinh"],
    "Tuyên Quang": ["Tuyên Quang"],
    "Vĩnh Long": ["Vĩnh Long"],
    "Vĩnh Phúc": ["Vĩnh Phúc"],
    "Yên Bái": ["Yên Bái"],
    # Named by the edition's map (extractors/gazetteer): Thừa Thiên Huế up
    # to 2024, Huế from 2025 and in DTI 2024.
    "Huế": [r"(?:TP\.?\s*|Thành phố\s+|thành phố\s+)?Huế"],
}

# What may open a province's name: "tỉnh", "thành phố", "TP.".
PROVINCE_PREFIX = r"(?:(?:tỉnh|Tỉnh|TỈNH|thành phố|Thành phố|THÀNH PHỐ|TP|Tp)\.?\s*)"

# --- ministries, ministry-level agencies and other central bodies ---------

_MINISTRY_VARIANTS: dict[str, list[str]] = {
    "Bộ Tài chính": [r"Tài chính"],
    "Bộ Tư pháp": [r"Tư pháp"],
    "Bộ Công Thương": [r"Công\s*Thương"],
    "Bộ Nội vụ": [r"Nội vụ"],
    "Bộ Ngoại giao": [r"Ngoại giao"],
    "Bộ Quốc phòng": [r"Quốc phòng"],
    "Bộ Công an": [r"Công an"],
    "Bộ Y tế": [r"Y tế"],
    "Bộ Xây dựng": [r"Xây dựng"],
    "Bộ Giao thông vận tải": [rf"Giao thông{_AND}Vận tải", r"GT\s*[-&]?\s*VT"],
    "Bộ Kế hoạch và Đầu tư": [rf"Kế hoạch{_AND}Đầu tư", r"KH\s*[-&]?\s*ĐT"],
    "Bộ Khoa học và Công nghệ": [rf"Khoa học{_AND}Công nghệ", r"KH\s*[-&]?\s*CN"],
    "Bộ Giáo dục và Đào tạo": [rf"Giáo dục{_AND}Đào tạo", r"GD\s*[-&]?\s*ĐT"],
    "Bộ Tài nguyên và Môi trường": [
        rf"Tài nguyên{_AND}Môi trường",
        r"TN\s*[-&]?\s*MT",
    ],
    "Bộ Nông nghiệp và Phát triển nông thôn": [
        rf"Nông nghiệp{_AND}Phát triển nông thôn",
        r"NN\s*[-&]?\s*PTNT",
    ],
    "Bộ Nông nghiệp và Môi trường": [
        rf"Nông nghiệp{_AND}Môi trường",
        r"NN\s*[-&]\s*MT",
    ],
    "Bộ Lao động - Thương binh và Xã hội": [
        rf"Lao động{_AND}Thương binh{_AND}Xã hội",
        r"LĐ\s*-?\s*TB\s*[-&]?\s*XH",
    ],
    "Bộ Văn hóa, Thể thao và Du lịch": [
        rf"Văn hóa{_AND}Thể thao{_AND}Du lịch",
        r"VH\s*[-,]?\s*TT(?:\s*[-&]?\s*DL)?",
    ],
    "Bộ Thông tin và Truyền thông": [rf"Thông tin{_AND}Truyền thông", r"TT\s*[-&]?\s*TT"],
    "Bộ Dân tộc và Tôn giáo": [rf"Dân tộc{_AND}Tôn giáo"],
}

_AGENCY_VARIANTS: dict[str, list[str]] = {
    "Ngân hàng Nhà nước Việt Nam": [
        r"Ngân hàng Nhà nước(?:\s+Việt Nam)?",
        r"NHNN(?:\s+Việt Nam)?",
    ],
    "Bảo hiểm xã hội Việt Nam": [r"Bảo hiểm xã hội Việt Nam", r"BHXH\s+(?:Việt Nam|VN)"],
    "Thanh tra Chính phủ": [r"Thanh tra Chính phủ"],
    "Văn phòng Chính phủ": [r"Văn phòng Chính phủ"],
    "Ủy ban Dân tộc": [r"Ủy ban Dân tộc"],
    "Đài Truyền hình Việt Nam": [r"Đài Truyền hình Việt Nam"],
    "Đài Tiếng nói Việt Nam": [r"Đài Tiếng nói Việt Nam"],
    "Thông tấn xã Việt Nam": [r"Thông tấn xã Việt Nam"],
    "Viện Hàn lâm Khoa học và Công nghệ Việt Nam": [
        rf"Viện Hàn lâm Khoa học{_AND}Công nghệ Việt Nam",
        r"Viện Hàn lâm KH\s*[-&]?\s*CN(?:\s+Việt Nam|\s+VN)?",
    ],
    "Viện Hàn lâm Khoa học xã hội Việt Nam": [r"Viện Hàn lâm Khoa học xã hội Việt Nam"],
    "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp": [r"Ủy ban Quản lý vốn nhà nước tại doanh nghiệp"],
    "Học viện Chính trị quốc gia Hồ Chí Minh": [r"Học viện Chính trị quốc gia Hồ Chí Minh"],
    "Đại học Quốc gia Hà Nội": [r"Đại học Quốc gia Hà Nội", r"ĐHQG\s*Hà Nội"],
    "Đại học Quốc gia Thành phố Hồ Chí Minh": [
        r"Đại học Quốc gia (?:TP\.?\s*|Thành phố\s+)(?:HCM|Hồ Chí Minh)",
        r"ĐHQG\s*(?:TP\.?\s*)?HCM",
    ],
    "Kiểm toán Nhà nước": [r"Kiểm toán Nhà nước"],
}

# --- the tables the finders run: the gazetteer's spellings, and the variants above ---

_SEPARATOR_RE = re.compile(r"\s*(?:-|&|,|(?<![\w])và(?![\w]))\s*|\.\s*|\s+")


def alias_pattern(alias: str) -> str:
    """A spelling from the gazetteer as a pattern that forgives how it is
    spaced and joined: "Bà Rịa - Vũng Tàu" also reads "Bà Rịa-Vũng Tàu",
    "KH&CN" also "KH-CN", "TP.HCM" also "TP. HCM"."""
    parts, pos = [], 0
    for match in _SEPARATOR_RE.finditer(alias):
        parts.append(re.escape(alias[pos : match.start()]))
        joint = match.group(0).strip()
        parts.append(r"\.?\s*" if joint == "." else _AND if joint else r"\s*")
        pos = match.end()
    parts.append(re.escape(alias[pos:]))
    return "".join(parts)


def _table(kinds: tuple[str, ...], variants: dict[str, list[str]], strip: str = "") -> dict[str, list[str]]:
    """Canonical name -> patterns: every gazetteer spelling of the units of
    ``kinds`` (less ``strip``, the "Bộ " the finder reads itself), then the
    regex variants written here for spellings no plain alias covers."""
    table: dict[str, list[str]] = {name: list(patterns) for name, patterns in variants.items()}
    for unit in gazetteer.load().units:
        if unit.kind not in kinds:
            continue
        patterns = table.setdefault(unit.name, [])
        for alias in unit.aliases:
            core = alias[len(strip) :] if strip and alias.startswith(strip) else alias
            if strip and core == alias:
                continue
            pattern = alias_pattern(core) + _NOT_FOLLOWED.get(unit.name, "")
            if pattern not in patterns:
                patterns.append(pattern)
    return table


# Spellings that name a unit only when another word does not follow.
_NOT_FOLLOWED = {"Hà Nam": r"(?!\s+Ninh)"}

PROVINCES = _table(("province", "city"), _PROVINCE_VARIANTS)
MINISTRIES = _table(("ministry",), _MINISTRY_VARIANTS, strip="Bộ ")
AGENCIES = _table(("agency",), _AGENCY_VARIANTS)
# Countries, ranked only by the indices that rank countries (GII, EGDI).
COUNTRIES = _table(("country",), {})
# Spellings that name a unit only after "tỉnh"/"thành phố"/"TP.": "Hồ Chí
# Minh" alone is as often the President as the city.
PREFIXED_ONLY: dict[str, re.Pattern[str]] = {
    unit.name: re.compile("|".join(alias_pattern(a) for a in unit.prefixed_only), re.IGNORECASE)
    for unit in gazetteer.load().units
    if unit.prefixed_only
}

# Other ranked bodies keep the name the article gives them: a head noun, then
# capitalised words and the lower-case syllables that complete them.
# The departments and districts a DDCI ranks are such bodies too: "Sở Tư
# pháp", "Ban Quản lý Khu kinh tế", "huyện Đức Hòa", "thị xã Kiến Tường".
# They are ranked only by an index that ranks the "local" group (editions.toml).
ORG_HEADS = (
    r"(?:Ngân hàng TMCP|Ngân hàng|Tập đoàn|Tổng công ty|Tổng Công ty|Công ty|Trường Đại học|Đại học|Học viện)"
)
LOCAL_HEADS = r"(?:Sở|Ban Quản lý|Ban quản lý|Cục|Chi cục|[Hh]uyện|[Tt]hị xã|[Qq]uận|[Tt]hành phố)"
# Departments whose names hold a comma or a dash, which a name's run stops at.
LOCAL_LISTED_NAMES = (
    r"Sở Văn hóa,\s+Thể thao và Du lịch|Sở Lao động\s*[-–]\s*Thương binh và Xã hội"
    r"|Sở Văn hóa,\s+Thể thao|Sở Văn hóa và Thể thao"
)
# A province's branches of central agencies, named by the province's word
# alone ("Công an tỉnh", "Bảo hiểm xã hội tỉnh"): a DDCI ranks them beside
# the departments.
LOCAL_WHOLE_NAMES = (
    r"(?:Công an|Bảo hiểm [Xx]ã hội|Kho bạc Nhà nước|Thanh tra|Cục Thuế|Cục Hải quan|Cục Thống kê"
    r"|Văn phòng UBND|Văn phòng Ủy ban nhân dân)\s+(?:tỉnh|thành phố)(?!\s+[A-ZĐ])"
)
# Bodies known by a brand, not a head noun and a name: the banks and
# groups the ICT Index ranks in tables of their own.
ORG_NAMES = (
    "Vietcombank", "VietinBank", "Vietinbank", "BIDV", "Agribank", "Techcombank", "Sacombank",
    "VPBank", "HDBank", "TPBank", "SeABank", "LienVietPostBank", "ACB", "SHB", "VIB", "MSB", "OCB",
    "Viettel", "VNPT", "MobiFone", "Vietnam Airlines", "Petrolimex", "EVN", "PVN",
)  # fmt: skip
# Words a body's name does not run past: "Sở Tư pháp tỉnh Long An" is the
# department "Sở Tư pháp" of the province.
ORG_NAME_STOPS = frozenset({"tỉnh", "Tỉnh", "TP", "Tp", "TP.", "thành", "huyện", "quận", "xã", "UBND"})
# Lower-case syllables that continue a name however they read alone:
# "Tổng công ty Hàng không Việt Nam".
ORG_COMPOUNDS = frozenset({("hàng", "không")})

# --- indices ------------------------------------------------------------

INDEX_PATTERNS: dict[str, list[str]] = {
    "DDCI": [
        r"\bDDCI\b",
        r"năng lực cạnh tranh cấp (?:sở|huyện|địa phương)"
        r"(?:(?:,\s*|\s+và\s+)(?:ban|ngành|sở|huyện|thị xã|thành phố|địa phương))*",
    ],
    "ICT_INDEX": [
        r"(?:Vietnam\s+)?ICT\s*-?\s*In?d?ex\b",
        r"ICT\s*-\s*INDEX",
        rf"(?:chỉ số|mức độ)\s+(?:xếp hạng\s+)?sẵn sàng\s+(?:cho\s+)?(?:phát triển\s+và\s+)?"
        rf"ứng dụng\s+(?:và\s+phát\s+triển\s+)?{_ICT}(?:\s*(?:-|và)\s*(?:TT|truyền thông))?"
        rf"(?:\s+Việt Nam)?(?:\s+ICT\b)?",
        rf"chỉ số xếp hạng ứng dụng {_ICT}",
    ],
    "IT_INDUSTRY_INDEX": [
        rf"chỉ số công nghiệp {_ICT}",
        r"IT Industry Index",
    ],
    "PCI": [
        r"\bPCI\b",
        r"năng lực cạnh tranh cấp tỉnh",
        r"năng lực cạnh tranh (?:của\s+)?63 (?:tỉnh|địa phương)",
        r"(?<!chỉ số )năng lực cạnh tranh",
    ],
    "PAR_INDEX": [
        r"\bPAR\s*-?\s*INDEX\b",
        r"chỉ số (?:c|)ải cách hành chính",
        r"chỉ số CCHC",
    ],
    "SIPAS": [
        r"\bSIPAS\b",
        r"(?-i:\bSipas\b)",
        r"(?:chỉ số|mức độ) hài lòng(?:\s+của người dân[^.;:()]{0,40}?)?\s+(?:đối với|về)\s+"
        r"(?:sự\s+)?phục vụ(?:\s+của)?(?:\s+(?:các\s+)?cơ quan)?\s+hành chính(?:\s+nhà nước)?",
    ],
    "PAPI": [r"\bPAPI\b", r"(?-i:\bPapi\b)", r"hiệu quả quản trị và hành chính công(?: cấp tỉnh)?"],
    "DTI": [
        r"\bDTI\b",
        r"chỉ số (?:đánh giá\s+)?chuyển đổi số",
        r"xếp hạng (?:mức độ\s+)?chuyển đổi số",
        r"chuyển đổi số cấp tỉnh",
    ],
    "PGI": [r"\bPGI\b", r"chỉ số xanh cấp tỉnh"],
    "EGOV": [
        rf"xếp hạng mức độ ứng dụng {_ICT}",
        rf"ứng dụng {_ICT} trong (?:việc\s+)?phát triển Chính phủ điện tử",
        r"phát triển Chính phủ điện tử",
        r"xếp hạng Chính phủ điện tử",
    ],
    "EGDI": [
        r"\bEGDI\b",
        r"E-?\s*Government Development Index",
        r"(?:chỉ số\s+)?(?:xếp hạng\s+|phát triển\s+|khảo sát\s+)?Chính phủ điện tử\s+(?:của|do)\s+"
        r"(?:Liên\s+[Hh]ợp\s+[Qq]uốc|LHQ|UN\b)",
    ],
    "PII": [r"(?:chỉ số\s+)?đổi mới sáng tạo cấp (?:địa phương|tỉnh)", r"\bPII\b"],
    "GII": [
        r"(?:chỉ số\s+|bảng xếp hạng\s+)?đổi mới sáng tạo toàn cầu",
        r"\bGII\b",
        r"Global Innovation Index",
    ],
}

# Generic phrases that name an index only where the article names no other:
# "mức độ ứng dụng công nghệ thông tin của Quảng Nam" in an ICT Index article
# paraphrases the ICT Index, not the ministry's e-government ranking.
WEAK_INDEX_PATTERNS: dict[str, list[str]] = {
    "EGOV": [rf"mức độ ứng dụng {_ICT}"],
    "DTI": [r"(?<=về )chuyển đổi số(?! (?:quốc gia|ngành))"],
}

# "chỉ số công nghiệp CNTT" is the IT Industry Index only outside an ICT
# Index article; inside one it is the ICT Index component it_industry.
IT_INDUSTRY_AS_COMPONENT = re.compile(rf"chỉ số công nghiệp {_ICT}", re.IGNORECASE)

# "xây dựng, phát triển Chính phủ điện tử" in a PAR INDEX article is its
# component e_government, not the ministry's e-government ranking.
E_GOVERNMENT_AS_PAR_COMPONENT = re.compile(r"xây dựng(?:,| và)?\s+$", re.IGNORECASE)

# Words that make a Chính phủ điện tử ranking the UN's (EGDI), not the ministry's.
UN_NEAR = re.compile(r"Liên\s+[Hh]ợp\s+[Qq]uốc|\bLHQ\b|\bUN\b|\bEGDI\b|193 quốc gia")

# How editions follow each other, for "so với năm X" (FACTS.md: a change is
# only against the previous edition): EGDI is biennial; the ICT Index had
# no 2021 edition (the 2022 report compares with 2020).
EDITION_STEP: dict[str, int] = {"EGDI": 2}
MISSING_EDITIONS: dict[str, frozenset[int]] = {"ICT_INDEX": frozenset({2021})}


def previous_edition(code: str | None, year: int) -> int:
    step = EDITION_STEP.get(code or "", 1)
    previous = year - step
    while previous in MISSING_EDITIONS.get(code or "", frozenset()):
        previous -= step
    return previous


# Which indices express scores as percentages; others score in points.
PERCENT_INDICES = frozenset({"PAR_INDEX", "SIPAS"})

# Plausible score ranges: a number outside is a count or a maximum.
SCORE_RANGES: dict[str, tuple[float, float]] = {
    "ICT_INDEX": (0.0, 1.0),
    "DTI": (0.0, 1.0),
    "EGOV": (0.0, 1.0),
    "IT_INDUSTRY_INDEX": (0.0, 1.0),
    "PCI": (0.0, 100.0),
    "PAR_INDEX": (0.0, 100.0),
    "SIPAS": (0.0, 100.0),
    "PAPI": (0.0, 80.0),
    "PGI": (0.0, 40.0),
    "DDCI": (0.0, 100.0),
    "PII": (0.0, 100.0),
    "GII": (0.0, 100.0),
    "EGDI": (0.0, 1.0),
}

# --- components -----------------------------------------------------------

_ICT_COMPONENTS = [
    ("online_public_services", r"(?:ứng dụng\s+)?dịch vụ công trực tuyến"),
    ("technical_infrastructure", rf"hạ tầng kỹ thuật(?:\s+{_ICT})?"),
    ("human_infrastructure", rf"hạ tầng nhân lực(?:\s+{_ICT})?"),
    ("it_industry", rf"sản xuất\s*-?\s*kinh doanh\s+{_ICT}|công nghiệp\s+{_ICT}"),
    ("policy_environment", r"môi trường tổ chức\s*-?\s*chính sách"),
    # "ứng dụng nội bộ trong cơ quan nhà nước" is the narrowed one (FACTS.md).
    (
        "it_application.internal",
        rf"ứng dụng\s+(?:{_ICT}\s+)?nội bộ(?:\s+(?:trong|của)\s+(?:các\s+)?cơ quan nhà nước)?",
    ),
    # Not "mức độ ứng dụng CNTT", which paraphrases a whole index.
    ("it_application", rf"(?<!mức độ )ứng dụng\s+{_ICT}"),
]

_DMST = r"(?:đổi mới sáng tạo|ĐMST)"
_INNOVATION_COMPONENTS = [
    ("dau_vao_doi_moi_sang_tao", rf"(?:chỉ số\s+)?(?:phụ\s+)?đầu vào(?:\s+(?:của\s+)?{_DMST})?"),
    ("dau_ra_doi_moi_sang_tao", rf"(?:chỉ số\s+)?(?:phụ\s+)?đầu ra(?:\s+(?:của\s+)?{_DMST})?"),
    ("the_che", r"thể chế"),
    ("co_so_ha_tang", r"cơ sở hạ tầng"),
    # "Trình độ thị trường", "trình độ kinh doanh": the pillars as some translate them.
    ("trinh_do_phat_trien_cua_thi_truong", r"trình độ (?:phát triển\s+)?(?:của\s+)?thị trường"),
    (
        "trinh_do_phat_trien_cua_doanh_nghiep",
        r"trình độ (?:phát triển\s+)?(?:của\s+)?(?:doanh nghiệp|kinh doanh)",
    ),
    ("san_pham_tri_thuc_va_cong_nghe", r"sản phẩm tri thức,?\s+(?:và\s+)?công nghệ"),
    ("san_pham_sang_tao", r"sản phẩm sáng tạo"),
]

COMPONENT_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "GII": [
        ("nguon_nhan_luc_va_nghien_cuu", r"nguồn nhân lực và nghiên cứu"),
        *_INNOVATION_COMPONENTS,
    ],
    "PII": [
        ("von_con_nguoi_va_nghien_cuu_phat_trien", r"vốn con người và nghiên cứu(?:,|\s+và)?\s+phát triển"),
        *_INNOVATION_COMPONENTS,
    ],
    "ICT_INDEX": _ICT_COMPONENTS,
    "EGOV": [
        ("web_portal", r"(?:trang|cổng) thông tin điện tử"),
        ("policy_environment", r"cơ chế,? chính sách"),
        *_ICT_COMPONENTS,
    ],
    "DTI": [
        ("digital_government", r"chính quyền số"),
        ("digital_economy", r"kinh tế số"),
        ("digital_society", r"xã hội số"),
        ("digital_awareness", r"nhận thức số"),
        ("digital_institutions", r"thể chế số"),
        ("digital_infrastructure", r"hạ tầng số"),
        ("digital_human_resources", r"nhân lực số"),
        ("information_security", r"an toàn thông tin(?: mạng)?"),
    ],
    "PCI": [
        ("time_costs", r"chi phí thời gian"),
        ("informal_charges", r"chi phí không chính thức"),
        ("market_entry", r"(?:chi phí\s+)?gia nhập thị trường"),
        ("land_access", r"tiếp cận đất đai"),
        ("transparency", r"(?:tính\s+)?minh bạch(?:\s+và\s+tiếp cận thông tin)?"),
        ("equal_competition", r"(?:tính\s+)?cạnh tranh bình đẳng"),
        ("proactivity", r"tính năng động(?:\s+(?:và\s+)?tiên phong)?"),
        ("business_support", r"(?:dịch vụ\s+)?hỗ trợ doanh nghiệp"),
        ("labor_training", r"đào tạo lao động"),
        ("legal_institutions", r"thiết chế pháp lý(?:\s+và\s+an ninh trật tự)?"),
    ],
    "PAPI": [
        ("participation", r"tham gia của người dân(?:\s+ở cấp cơ sở)?"),
        ("transparency", r"công khai,?\s+minh bạch"),
        ("vertical_accountability", r"trách nhiệm giải trình(?:\s+với người dân)?"),
        ("corruption_control", r"kiểm soát (?:tham nhũng\s+)?(?:trong khu vự[cx]? công|tham nhũng)"),
        ("public_procedures", r"thủ tục hành chính công"),
        ("public_services", r"cung ứng dịch vụ công"),
        ("environmental_governance", r"quản trị môi trường"),
        ("e_governance", r"quản trị điện tử"),
    ],
    "PAR_INDEX": [
        ("direction", r"(?:công tác\s+)?chỉ đạo,?\s+điều hành"),
        (
            "legal_documents",
            r"(?:xây dựng và tổ chức thực hiện\s+)?văn bản (?:quy phạm pháp luật|QPPL)",
        ),
        ("administrative_procedures", r"cải cách thủ tục hành chính"),
        ("organization", r"cải cách tổ chức bộ máy(?: hành chính)?"),
        (
            "civil_service",
            r"cải cách chế độ công vụ|xây dựng và nâng cao chất lượng đội ngũ cán bộ",
        ),
        ("public_finance", r"cải cách tài chính công"),
        (
            "e_government",
            r"hiện đại hóa (?:nền\s+)?hành chính|xây dựng(?:,| và)? phát triển chính phủ điện tử",
        ),
        ("impact", r"tác động của (?:cải cách hành chính|CCHC)"),
    ],
}

# The DDCI is modelled on the PCI and names its components by the PCI's
# words; FACTS.md lists no codes for it, so each takes the slug of its name
# as written ("Về chi phí không chính thức, thành phố Quy Nhơn đứng thứ
# nhất" -> chi_phi_khong_chinh_thuc).  An empty code asks for that slug.
SLUGGED_COMPONENT_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "DDCI": [("", pattern) for _, pattern in COMPONENT_PATTERNS["PCI"]],
}

# Narrowing of ICT/EGOV components, read from the words after the name.
# Each must start right where the component's name ends.
NARROWINGS = [
    (".internal", re.compile(r"\s*(?:trong hoạt động\s+(?:nội bộ\b|của\b)|nội bộ\b)", re.I)),
    (".society", re.compile(r"\s*(?:của|trong) xã hội\b", re.I)),
    (".state", re.compile(r"\s*(?:của|trong|tại) (?:các\s+)?(?:cơ quan nhà nước|CQNN)\b", re.I)),
]
NARROWED_COMPONENTS = frozenset({"technical_infrastructure", "human_infrastructure", "it_application"})

# A component no code fits: "chỉ số thành phần 3 về <name>" -> slug(name).
GENERIC_COMPONENT_RE = re.compile(
    r"chỉ số thành phần(?:\s+số)?(?:\s+\d+)?\s+(?:về|liên quan đến)\s+"
    r"(?P<name>[^,;.()\n\"]{6,120}?)(?=\s*(?:[,;.()\n\"]|$))",
    re.IGNORECASE,
)
# In an index FACTS.md lists no components for, "chỉ số <name>" names one
# too: "chỉ số dịch vụ trực tuyến (OSI)" (EGDI), "dẫn đầu chỉ số dịch vụ
# CNTT" (IT Industry Index).
BARE_COMPONENT_RE = re.compile(
    r"(?<![\w])(?:phân\s+)?chỉ số\s+(?!(?:thành phần|này|đó|nào|chung|tổng hợp|của|là|về|trên|cao|thấp|"
    r"trung bình|bình quân|năm|đạt|xếp|đứng|tăng|giảm|hài lòng|xanh)(?![\w]))"
    # two words at least: "chỉ số CNTT" is the index's field, not a part of it
    r"(?P<name>[^\W\d]\w*\s+[^;.()\n\"\d,]{2,60}?)"
    r"(?=\s*(?:\(|[;.,\n]|\s(?:(?:chỉ|mới|vẫn|cũng|tiếp tục)\s+)?"
    r"(?:của|với|đạt|xếp|đứng|tăng|giảm|là|cao nhất|thấp nhất)(?![\w])|$))",
    re.IGNORECASE,
)
# In the GII, and the PII that follows its model, an indicator takes the
# slug of its name (FACTS.md): "chỉ số chi cho giáo dục chỉ đứng thứ 96";
# and so does each item of a list of them, "ở một số chỉ số như nhập khẩu
# công nghệ cao (hạng 2), xuất khẩu công nghệ cao (hạng 3)".
INDICATOR_INDICES = frozenset({"GII", "PII"})
# ... "chỉ số về Tín dụng tăng từ hạng 17 lên hạng 15": an indicator named after "về".
INDICATOR_ABOUT_RE = re.compile(
    r"(?<![\w])chỉ số\s+về\s+(?P<name>[^\W\d][^;.()\n\"\d,]{2,60}?)"
    r"(?=\s*(?:\(|[;.,\n]|\s(?:(?:chỉ|mới|vẫn|cũng|tiếp tục|đã)\s+)?"
    r"(?:của|với|đạt|xếp|đứng|tăng|giảm|là|được|có|cao nhất|thấp nhất)(?![\w])|$))",
    re.IGNORECASE,
)
# "chỉ số như", "3 chỉ số thuộc nhóm 10 quốc gia dẫn đầu thế giới là:"
INDICATOR_LIST_HEAD_RE = re.compile(
    r"(?<![\w])(?:các|một số|những)?\s*chỉ số(?:\s+(?:(?!xếp|đứng)[^.;:()\n]){0,60}?)?"
    r"\s+(?:như|gồm|là)\s*:?\s*",
    re.I,
)
INDICATOR_ITEM_RE = re.compile(
    r"(?P<name>[^\W\d][^;.()\n\d,]{3,60}?)\s*\((?:hạng|thứ|xếp thứ|xếp hạng|đứng thứ)?\s*\d{1,3}\s*[),]"
    r"[^()]{0,30}?\)?\s*(?P<glue>[,;]\s*(?:và\s+)?|và\s+)?",
    re.I,
)
# ... and "chỉ số thành phần <name>" itself, up to a bracket, a full stop or
# the next statement: "dẫn đầu chỉ số thành phần chính sách, dịch vụ hỗ trợ
# doanh nghiệp bảo vệ môi trường." (PGI), "chỉ số thành phần vai trò lãnh đạo
# ... (7,60/10 điểm)".
NAMED_COMPONENT_RE = re.compile(
    r"chỉ số thành phần\s+(?!(?:về|liên quan đến|này|đó|nào|số|\d|của|là|gồm|trong|cao|thấp|thứ)\b)"
    r"(?P<name>[^;.()\n\"\d]{6,120}?)"
    # "Ở chỉ số thành phần X, Sở Tư pháp đạt ...": a name after a comma opens the main clause
    r"(?=\s*(?:[;.()\n\"]|,\s*(?:trong khi|còn|nhưng|và|đồng thời)\b"
    r"|,\s*(?:(?-i:[A-ZĐ])|thành phố|tỉnh|huyện|thị xã)|(?<!người)\s(?:với|đạt|xếp|đứng|tăng|giảm)\b|$))",
    re.IGNORECASE,
)
