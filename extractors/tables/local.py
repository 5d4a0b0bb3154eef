"""Units below a province: the districts and departments a DDCI ranks.

A provincial index (PCI, PAPI, ...) ranks provinces, so a table of one
province's districts or departments is none of its tables.  An index whose
gazetteer groups hold ``local`` units (DDCI, ``editions.toml``) ranks
exactly those, under the names the article gives them (FACTS.md): the
table reader then takes a cell naming one as the row's unit.
"""

from __future__ import annotations

import re

from extractors.facts.mentions import find_entities
from extractors.gazetteer import groups_ranked

# Units below a province, or its departments: "cấp huyện", "quận, huyện", "sở, ban, ngành".
LOCAL_RE = re.compile(
    r"\b(?:huyện|quận|thị xã|cấp xã|xã, phường|phường, xã|sở, ban, ngành|sở, ngành|cấp sở)\b", re.IGNORECASE
)
MAX_NAME = 70  # characters: "Ban Quản lý các khu công nghiệp tỉnh", no longer

# A district as tables abbreviate it ("TP. Sầm Sơn", "TX Nghi Sơn"), written
# out as the prose reader writes it ("thành phố Sầm Sơn"), so that a unit
# the table and the prose both name is one entity.
_ABBREVIATED_RE = re.compile(r"^(?:(?P<city>TP|Tp)|(?P<town>TX|Tx))\.?\s*(?P<name>[A-ZÀ-ỸĐ][^\d()]*)$")
# Departments the shared vocabulary has no head noun for; their name is kept as printed.
_DEPARTMENT_RE = re.compile(
    r"^(?:Cục|Chi cục|Công an|Bảo hiểm [Xx]ã hội|Kho bạc|Văn phòng|Thanh tra|Ngân hàng Nhà nước|"
    r"Bộ Chỉ huy|Ủy ban|UBND|Liên minh|Đài|Báo)\s+\S[^\d]*$"
)


def ranks_local_units(index_code: str | None) -> bool:
    return index_code is not None and "local" in groups_ranked(index_code)


def local_unit(text: str) -> str | None:
    """The name of the district or department ``text`` is, all of it, or None."""
    text = " ".join(text.split())
    if not text or len(text) > MAX_NAME:
        return None
    m = _ABBREVIATED_RE.match(text)
    if m:
        return ("thành phố " if m.group("city") else "thị xã ") + m.group("name").strip()
    found = find_entities(text)
    if len(found) == 1 and found[0].kind == "local" and found[0].start == 0 and found[0].end == len(text):
        return found[0].name
    if _DEPARTMENT_RE.match(text):
        return text
    return None
