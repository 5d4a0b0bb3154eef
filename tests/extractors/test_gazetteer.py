"""The gazetteer's data files checked against FACTS.md ("Entities"): the 63
units, the 34, Huế, the ministries before and after 1 March 2025, and how
names resolve on the map each edition was ranked on."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date

import pytest

from extractors import gazetteer
from extractors.gazetteer import candidates, load, maps_for, name_key, predecessors, resolve

# FACTS.md: "from the 2025 edition, after the mergers of 1 March 2025, Bộ Kế
# hoạch và Đầu tư is part of Bộ Tài chính, Bộ Giao thông vận tải of Bộ Xây
# dựng, ..."
MINISTRY_MERGERS = {
    "Bộ Tài chính": {"Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"},
    "Bộ Xây dựng": {"Bộ Xây dựng", "Bộ Giao thông vận tải"},
    "Bộ Khoa học và Công nghệ": {"Bộ Khoa học và Công nghệ", "Bộ Thông tin và Truyền thông"},
    "Bộ Nội vụ": {"Bộ Nội vụ", "Bộ Lao động - Thương binh và Xã hội"},
    "Bộ Nông nghiệp và Môi trường": {"Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Phát triển nông thôn"},
    "Bộ Dân tộc và Tôn giáo": {"Ủy ban Dân tộc"},
}


@pytest.fixture(scope="module")
def facts_md(shared) -> str:
    return (shared / "spec" / "FACTS.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def units_63(facts_md) -> list[str]:
    listed = re.search(r"the 63 units of 2008-2024:\s*(.+?)\.\n", facts_md, re.S).group(1)
    return [" ".join(name.split()) for name in listed.split(",")]


@pytest.fixture(scope="module")
def unchanged(facts_md) -> list[str]:
    listed = re.search(r"Eleven are unchanged:\s*(.+?)\.\s", facts_md, re.S).group(1)
    listed = re.sub(r"\([^)]*\)", "", listed)
    return [" ".join(name.split()) for name in listed.split(",")]


@pytest.fixture(scope="module")
def merged(facts_md) -> dict[str, list[str]]:
    table = re.search(r"\| unit from 2025 \| formed from \|\n(.+?)\n\n", facts_md, re.S).group(1)
    rows = re.findall(r"^\s*\| ([^|]+?) \| ([^|]+?) \|$", table, re.M)
    return {unit: [p.strip() for p in parts.split(",")] for unit, parts in rows if not unit.startswith("---")}


def on_map(map_name: str) -> list[gazetteer.Unit]:
    return [u for u in load().units if map_name in u.maps]


def by_name(units: list[gazetteer.Unit]) -> dict[str, gazetteer.Unit]:
    found = {u.name: u for u in units}
    assert len(found) == len(units), "two units of one map share a name"
    return found


# --- the lists -------------------------------------------------------------------


def test_facts_md_lists_63_units_11_unchanged_and_23_merged(units_63, unchanged, merged):
    assert len(units_63) == len(set(units_63)) == 63
    assert len(unchanged) == 11 and len(merged) == 23


def test_the_63_units_are_the_ones_facts_md_lists(units_63):
    assert sorted(u.name for u in on_map("provinces-63")) == sorted(units_63)


def test_the_34_units_are_the_11_unchanged_and_the_23_merged(unchanged, merged):
    assert sorted(u.name for u in on_map("provinces-34")) == sorted(unchanged + list(merged))


def test_each_merged_unit_is_formed_from_the_parts_facts_md_names(merged):
    new = by_name(on_map("provinces-34"))
    for name, parts in merged.items():
        assert [p.name for p in predecessors(new[name].id)] == parts, name
        assert new[name].id not in {p.id for p in predecessors(new[name].id)}


def test_every_one_of_the_63_goes_into_exactly_one_of_the_34():
    old = {u.id for u in on_map("provinces-63")}
    new = on_map("provinces-34")
    went = Counter()
    for unit in new:
        parts = predecessors(unit.id)
        went.update(p.id for p in parts) if parts else went.update([unit.id])
    assert set(went) == old and set(went.values()) == {1}


def test_an_unchanged_unit_keeps_its_id_and_a_merged_one_gets_a_new_one(unchanged, merged):
    old, new = by_name(on_map("provinces-63")), by_name(on_map("provinces-34"))
    for name in unchanged:
        if name != "Huế":
            assert old[name].id == new[name].id, name
    for name in merged:
        assert old[name].id != new[name].id, name


def test_thua_thien_hue_became_the_city_of_hue_on_1_january_2025():
    hue = by_name(on_map("provinces-34"))["Huế"]
    (change,) = [c for c in load().changes if c.unit == hue.id]
    assert change.formed_from == ("vn-thua-thien-hue",)
    assert (change.date, change.kind) == (date(2025, 1, 1), "rename")
    assert hue.kind == "city" and load().by_id["vn-thua-thien-hue"].kind == "province"


def test_the_centrally_run_cities_are_cities():
    assert {u.name for u in on_map("provinces-63") if u.kind == "city"} == {
        "Hà Nội",
        "Hồ Chí Minh",
        "Hải Phòng",
        "Đà Nẵng",
        "Cần Thơ",
    }
    assert {u.name for u in on_map("provinces-34") if u.kind == "city"} == {
        "Hà Nội",
        "Hồ Chí Minh",
        "Hải Phòng",
        "Đà Nẵng",
        "Cần Thơ",
        "Huế",
    }


def test_22_ministries_before_march_2025_and_17_after():
    before, after = on_map("ministries-22"), on_map("ministries-17")
    assert len(before) == 22 and len(after) == 17
    assert Counter(u.kind for u in before) == {"ministry": 18, "agency": 4}
    assert Counter(u.kind for u in after) == {"ministry": 14, "agency": 3}


def test_the_ministries_merged_as_facts_md_says():
    after = by_name(on_map("ministries-17"))
    for name, parts in MINISTRY_MERGERS.items():
        assert {p.name for p in predecessors(after[name].id)} == parts, name
        assert after[name].id not in {u.id for u in on_map("ministries-22")}


def test_every_ministry_before_march_2025_continues_or_goes_into_exactly_one_after():
    before = {u.id for u in on_map("ministries-22")}
    went = Counter()
    for unit in on_map("ministries-17"):
        parts = predecessors(unit.id)
        went.update(p.id for p in parts) if parts else went.update([unit.id])
    assert set(went) == before and set(went.values()) == {1}


def test_every_change_names_known_units_and_each_unit_is_formed_once():
    g = load()
    assert Counter(c.unit for c in g.changes).most_common(1)[0][1] == 1
    for change in g.changes:
        assert change.unit in g.by_id and all(p in g.by_id for p in change.formed_from)
        assert change.kind in ("merger", "rename", "reorganisation")


def test_ids_are_unique_and_every_unit_is_named_by_its_own_aliases():
    g = load()
    assert len(g.by_id) == len(g.units)
    for unit in g.units:
        assert re.fullmatch(r"[a-z0-9-]+", unit.id), unit.id
        assert unit.name in unit.aliases
        assert unit in candidates(unit.name)


def test_each_map_holds_units_of_the_group_the_editions_file_ranks_it_in():
    g = load()
    declared = {}
    for period in g.periods:
        for group, maps in period.maps.items():
            declared.update(dict.fromkeys(maps, group))
    for group, maps in g.always.items():
        declared.update(dict.fromkeys(maps, group))
    for unit in g.units:
        for map_name in unit.maps:
            assert declared[map_name] == unit.group, (unit.id, map_name)


# --- resolving names on the edition's map ------------------------------------------------


@pytest.mark.parametrize(
    "index_code, year",
    [("PCI", 2024), ("PCI", 2025), ("DTI", 2024), ("DTI", 2023), ("PAR_INDEX", 2024), ("GII", 2023)],
)
def test_no_spelling_names_two_units_of_one_edition(index_code, year):
    maps = maps_for(index_code, year)
    groups = gazetteer.groups_ranked(index_code)
    for key, units in load().by_key.items():
        ranked = [u for u in units if u.group in groups and maps.intersection(u.maps)]
        assert len(ranked) <= 1, (key, [u.id for u in ranked])


def test_the_edition_decides_the_map_not_the_spelling():
    assert resolve("Đà Nẵng", "PCI", 2024).id == "vn-da-nang"
    assert resolve("Đà Nẵng", "PCI", 2025).id == "vn-da-nang-2025"
    assert resolve("TP Huế", "ICT_INDEX", 2023).id == "vn-thua-thien-hue"
    assert resolve("Thừa Thiên Huế", "PCI", 2025).id == "vn-hue"
    # DTI 2024 was ranked "sau sáp nhập", on the 34 units
    assert resolve("Đà Nẵng", "DTI", 2024).id == "vn-da-nang-2025"
    assert resolve("Quảng Nam", "DTI", 2024) is None
    assert resolve("Quảng Nam", "PCI", 2025) is None
    assert resolve("Quảng Nam (cũ)", "PCI", 2024).id == "vn-quang-nam"
    assert resolve("Lâm Đồng (mới)", "DTI", 2025).id == "vn-lam-dong-2025"


def test_ministries_follow_the_edition_year():
    assert resolve("Bộ TT&TT", "DTI", 2024).id == "gov-bo-thong-tin-va-truyen-thong"
    assert resolve("Bộ TT&TT", "DTI", 2025) is None
    assert resolve("Bộ Khoa học và Công nghệ", "DTI", 2025).id == "gov-bo-khoa-hoc-va-cong-nghe-2025"
    assert resolve("Bộ Y tế", "DTI", 2025).id == resolve("Bộ Y tế", "DTI", 2023).id == "gov-bo-y-te"
    assert resolve("Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", "DTI", 2023) is not None
    assert resolve("Ủy ban Quản lý vốn nhà nước tại doanh nghiệp", "DTI", 2025) is None


def test_countries_are_entities_only_of_indices_that_rank_countries():
    assert resolve("Hoa Kỳ", "GII", 2023).name == "Mỹ"
    assert resolve("Thụy Sỹ", "EGDI", 2024).name == "Thụy Sĩ"
    assert resolve("Việt Nam", "PCI", 2023) is None
    assert resolve("Đà Nẵng", "GII", 2023) is None


@pytest.mark.parametrize(
    "written, index_code, year, canonical",
    [
        ("TP.HCM", "PCI", 2023, "Hồ Chí Minh"),
        ("TP Hồ Chí Minh", "PCI", 2023, "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "PCI", 2025, "Hồ Chí Minh"),
        ("Thừa Thiên - Huế", "PCI", 2023, "Thừa Thiên Huế"),
        ("TT-Huế", "PCI", 2023, "Thừa Thiên Huế"),
        ("Bà Rịa-Vũng Tàu", "PCI", 2023, "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa – Vũng Tàu", "PCI", 2023, "Bà Rịa - Vũng Tàu"),
        ("BR-VT", "PCI", 2023, "Bà Rịa - Vũng Tàu"),
        ("Khánh Hoà", "PCI", 2023, "Khánh Hòa"),
        (unicodedata.normalize("NFD", "Khánh Hòa"), "PCI", 2023, "Khánh Hòa"),
        ("tỉnh  Đắk   Lắk", "PCI", 2023, "Đắk Lắk"),
        ("Uỷ ban Dân tộc", "PAR_INDEX", 2023, "Ủy ban Dân tộc"),
    ],
)
def test_the_spellings_facts_md_names_resolve(written, index_code, year, canonical):
    assert resolve(written, index_code, year).name == canonical


def test_every_ministry_abbreviation_facts_md_gives_resolves_to_its_full_name(facts_md):
    pairs = re.findall(r'((?:"[^"]+",?\s*(?:and\s*)?)+)->\s*"([^"]+)"', facts_md)
    assert len(pairs) >= 9
    for written, canonical in pairs:
        for alias in re.findall(r'"([^"]+)"', written):
            assert resolve(alias, "PAR_INDEX", 2023).name == canonical, alias


def test_name_key_forgives_prefixes_case_spaces_and_separators():
    assert name_key("TP. Hồ Chí Minh") == name_key("thành phố Hồ  Chí Minh") == name_key("Hồ Chí Minh")
    assert name_key("Bộ TT&TT") == name_key("Bộ TT-TT")
    assert name_key("Bộ Tài nguyên và Môi trường") == name_key("Bộ Tài nguyên - Môi trường")
    assert name_key("Tiền Giang") == "tiềngiang"  # "ti..." is no "tỉnh" prefix
    assert name_key("Quảng Nam (cũ)") == name_key("Quảng Nam")


def test_editions_ranked_on_the_34_units():
    assert "provinces-34" in maps_for("DTI", 2024) and "provinces-63" not in maps_for("DTI", 2024)
    assert "provinces-63" in maps_for("PCI", 2024) and "provinces-34" in maps_for("PCI", 2025)
    assert "ministries-22" in maps_for("DTI", 2024)  # the exception is the provinces' only


def test_a_subgroup_names_units_of_its_group():
    g = load()
    assert g.subgroups
    for subgroup in g.subgroups:
        assert {g.by_id[u].group for u in subgroup.units} == {subgroup.group}


def test_dti_ranks_ministries_without_public_services_in_a_table_of_their_own():
    vien = resolve("Viện Hàn lâm KH&CN Việt Nam", "DTI", 2021)
    finance = resolve("Bộ Tài chính", "DTI", 2021)
    assert gazetteer.ranking_group(vien, "DTI") == "ministries-without-public-services"
    assert gazetteer.ranking_group(finance, "DTI") == "ministries"
    assert gazetteer.ranking_group(vien, "ICT_INDEX") == "ministries"


def test_an_edition_ranks_the_units_of_its_maps():
    assert len([u for u in gazetteer.edition_units("PCI", 2024) if u.group == "provinces"]) == 63
    assert len([u for u in gazetteer.edition_units("DTI", 2024) if u.group == "provinces"]) == 34
    ministries = [u for u in gazetteer.edition_units("PAR_INDEX", 2025) if u.group == "ministries"]
    assert len(ministries) >= 17
    assert not [u for u in gazetteer.edition_units("PCI", 2025) if u.group != "provinces"]
