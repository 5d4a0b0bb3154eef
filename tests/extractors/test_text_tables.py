"""Tables flattened into text one cell a line, as news sites' text copies
give them: "rank (score)" cells, row numbers, header cells over two lines,
a header in a lead-in sentence, a last row cut short; one unit's profile
with the years as columns; a DDCI's districts and departments; and the
lists of numbers that are no table."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.model import Document
from extractors.pipeline import Extraction, process
from extractors.tables.header import label_of
from extractors.tables.local import local_unit
from tests.conftest import FIXTURES
from tests.extractors.test_tables import rankings

ARTICLES = FIXTURES / "articles"


def _process(path: Path) -> Extraction:
    return process(Document(source=str(path), raw=path.read_bytes()))


def _facts(name: str) -> set[tuple]:
    return {(f.entity, f.component, f.year, f.metric, f.value) for f in _process(ARTICLES / name).facts}


# --- "rank (score)" cells ------------------------------------------------------------


def test_rank_and_score_cells_under_a_year_with_row_numbers_ties_and_a_header_cell_over_two_lines():
    extraction = _process(ARTICLES / "bang-egov-2019-hang-va-diem.txt")
    facts = {(f.entity, f.index_code, f.year, f.metric, f.value) for f in extraction.facts}
    assert ("Đà Nẵng", "EGOV", 2019, "rank", 1) in facts  # "01 (0,802)"
    assert ("Đà Nẵng", "EGOV", 2019, "score", 0.802) in facts
    ranks = {e: v for e, _, _, m, v in facts if m == "rank"}
    assert ranks["Quảng Ninh"] == ranks["Thừa Thiên Huế"] == 4  # a tie, as printed
    assert 5 not in ranks.values()  # TT 5 is Huế's row number, not a rank
    assert "Vĩnh Long" not in ranks  # the last row, cut before its numbers
    assert len(facts) == 14
    assert all(f.rule == "table.row" for f in extraction.facts)


def test_rank_and_score_cells_without_blank_lines_or_row_numbers_with_decimal_points():
    facts = _facts("bang-par-2021-hang-diem-lien-dong.txt")
    assert ("Hải Phòng", None, 2021, "rank", 1) in facts
    assert ("Hải Phòng", None, 2021, "score", 91.27) in facts
    assert ("Hà Nội", None, 2021, "rank", 3) in facts and ("Bắc Giang", None, 2021, "rank", 3) in facts
    assert len(facts) == 10


def _rank_score_lines(rows, blank: bool) -> str:
    lines = ["STT", "Tỉnh, thành phố", "Năm 2022"]
    for k, (n, r, s) in enumerate(rows, 1):
        lines += [str(k), n, f"{r:02d} ({s:.2f})".replace(".", ",")]
    intro = (
        "Bảng xếp hạng PCI 2022 của các tỉnh\n\nChỉ số năng lực cạnh tranh cấp tỉnh PCI 2022 đã được công bố."
    )
    return intro + "\n\n" + ("\n\n" if blank else "\n").join(lines)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rankings(), blank=st.booleans())
def test_a_generated_rank_and_score_table_reads_back_exactly(rows, blank):
    extraction = process(Document(source="generated.txt", raw=_rank_score_lines(rows, blank).encode()))
    got = {(f.entity, f.metric, round(f.value, 6)) for f in extraction.facts}
    assert got == {(n, "rank", float(r)) for n, r, _ in rows} | {(n, "score", s) for n, _, s in rows}


# --- one unit's profile, the years as columns -----------------------------------------


def test_years_as_columns_one_cell_a_line_give_the_captions_unit_each_components_rank():
    extraction = _process(ARTICLES / "ho-so-gii-viet-nam-theo-nam.txt")
    facts = {(f.entity, f.index_code, f.component, f.year, f.metric, f.value) for f in extraction.facts}
    assert ("Việt Nam", "GII", "dau_vao_doi_moi_sang_tao", 2020, "rank", 62) in facts  # "Nhóm chỉ số đầu vào"
    assert ("Việt Nam", "GII", "dau_ra_doi_moi_sang_tao", 2023, "rank", 40) in facts
    assert ("Việt Nam", "GII", "the_che", 2022, "rank", 51) in facts  # "1. Thể chế"
    assert ("Việt Nam", "GII", "co_so_ha_tang", 2021, "rank", 79) in facts
    # the last row, cut short, keeps the years its numbers stand under
    assert {f[3] for f in facts if f[2] == "trinh_do_phat_trien_cua_doanh_nghiep"} == {2020, 2021}
    assert len(facts) == 18
    assert all(f.rule == "table.profile" for f in extraction.facts)


def test_a_profile_with_a_corner_cell_years_running_down_and_rows_naming_their_metric():
    facts = _facts("ho-so-pii-bac-ninh-hai-nam.txt")
    assert facts == {
        ("Bắc Ninh", None, 2024, "score", 52.18),
        ("Bắc Ninh", None, 2023, "score", 50.04),
        ("Bắc Ninh", None, 2024, "rank", 7),
        ("Bắc Ninh", None, 2023, "rank", 9),
    }


def test_a_profile_whose_caption_names_no_unit_gives_nothing_and_says_so():
    extraction = _process(ARTICLES / "ho-so-gii-khong-ghi-don-vi.txt")
    assert extraction.facts == []
    assert any("no unit" in note for note in extraction.notes)


def test_lists_of_numbers_that_are_no_ranking_give_nothing():
    assert _process(ARTICLES / "danh-sach-so-khong-phai-bang.txt").facts == []


def test_a_sub_index_named_as_a_group_of_indicators_is_no_group_column():
    label = label_of("Nhóm chỉ số đầu vào ĐMST", "GII")
    assert (label.role, label.component) == ("score", "dau_vao_doi_moi_sang_tao")
    assert label_of("Nhóm xếp hạng").role == "group"


# --- a DDCI's districts and departments -----------------------------------------------


def test_a_ddci_table_of_departments_with_row_numbers_zero_padded_ranks_and_a_tie():
    facts = _facts("bang-ddci-2023-so-nganh-mot-o.txt")
    ranks = {e: v for e, _, _, m, v in facts if m == "rank"}
    assert ranks == {
        "Sở Tư pháp": 1,
        "Sở Công Thương": 2,
        "Cục Thuế tỉnh": 2,
        "Sở Xây dựng": 4,
        "Ban Quản lý Khu kinh tế": 5,
    }
    assert ("Cục Thuế tỉnh", None, 2023, "score", 82.75) in facts


def test_a_ddci_table_of_districts_under_a_lead_in_sentence_naming_its_columns():
    facts = _facts("bang-ddci-2023-huyen-cau-dan.txt")
    assert ("thành phố Tân An", None, 2023, "rank", 2) in facts  # "TP. Tân An", as the prose writes it
    assert ("thị xã Kiến Tường", None, 2023, "score", 79.12) in facts
    assert ("huyện Tân Hưng", None, 2023, "score", 77.9) in facts  # a last row cut after its score
    assert len(facts) == 9


def test_a_ddci_table_of_districts_in_a_pipe_table_is_read():
    facts = _facts("bang-ddci-cac-huyen.txt")
    assert ("thành phố Thanh Hóa", None, 2023, "rank", 1) in facts  # the city, not the province
    assert ("huyện Thọ Xuân", None, 2023, "score", 77.63) in facts
    assert len(facts) == 12


def test_districts_in_a_provincial_index_table_are_still_refused():
    extraction = _process(ARTICLES / "bang-papi-2023-cac-huyen-mot-o.txt")
    assert extraction.facts == []
    assert any("districts or departments" in note for note in extraction.notes)


def test_local_unit_names():
    assert local_unit("TP. Sầm Sơn") == "thành phố Sầm Sơn"
    assert local_unit("Huyện Đông Sơn") == "huyện Đông Sơn"
    assert local_unit("Sở Tư pháp") == "Sở Tư pháp"
    assert local_unit("Cục Thuế tỉnh") == "Cục Thuế tỉnh"
    assert local_unit("Trung ương") is None
    assert local_unit("Điểm DDCI") is None
