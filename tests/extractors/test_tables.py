"""Ranking tables (issue 13): each layout the fixtures hold, what is refused
and why, the real table pages of ../shared/corpus/tables, and a table
generated from random units, ranks and scores read back from each layout."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.evaluate import format_report
from extractors.gazetteer import edition_units
from extractors.model import Document
from extractors.pipeline import Extraction, process
from extractors.tables.header import label_of
from tests.conftest import FIXTURES
from tests.extractors.test_corpus import corpus_report

TABLES_MIN_PRECISION = 0.98
TABLES_MIN_RECALL = 0.95


def _process(path: Path) -> Extraction:
    return process(Document(source=str(path), raw=path.read_bytes()))


def _facts(path: Path) -> set[tuple]:
    return {(f.entity, f.index_code, f.component, f.year, f.metric, f.value) for f in _process(path).facts}


# --- layouts -------------------------------------------------------------------------


def test_an_html_table_with_th_cells_keeps_ties_as_printed_and_reads_no_row_number_as_rank():
    facts = _facts(FIXTURES / "pages" / "bang-pci-2021-th.html")
    ranks = {e: v for e, i, c, y, m, v in facts if m == "rank"}
    assert ranks["Bắc Giang"] == ranks["Đồng Tháp"] == 4
    assert 5 not in ranks.values()  # STT 5 is Đồng Tháp's row number, not a rank
    assert ("Đồng Tháp", "PCI", None, 2021, "rank_change", -2) in facts
    assert ("Đà Nẵng", "PCI", None, 2021, "rank_change", 1) in facts  # "+1"


def test_a_value_both_prose_and_table_state_is_one_fact():
    extraction = _process(FIXTURES / "pages" / "bang-pci-2021-th.html")
    keys = [f.key for f in extraction.facts]
    assert len(keys) == len(set(keys))
    leader = [f for f in extraction.facts if f.entity == "Quảng Ninh" and f.metric == "rank"]
    assert len(leader) == 1


def test_bold_header_rows_with_colspan_and_rowspan_give_each_column_its_year_and_metric():
    facts = _facts(FIXTURES / "pages" / "bang-ict-hai-nam-dam.html")
    assert ("Quảng Ngãi", "ICT_INDEX", None, 2021, "rank", 21) in facts
    assert ("Quảng Ngãi", "ICT_INDEX", None, 2022, "rank", 17) in facts
    assert ("Khánh Hòa", "ICT_INDEX", None, 2022, "score", 0.5101) in facts
    assert not {f for f in facts if f[0] == "Bình Định" and f[3] == 2022}  # "-" cells state nothing


def test_year_columns_of_units_read_as_the_scores_the_caption_names():
    facts = _facts(FIXTURES / "pages" / "diem-dti-theo-nam-cot.html")
    assert ("Kon Tum", "DTI", None, 2022, "score", 0.3307) in facts
    assert ("Kon Tum", "DTI", None, 2023, "score", 0.341) in facts
    assert len(facts) == 8


def test_a_table_one_cell_a_line_reads_like_a_table():
    facts = _facts(FIXTURES / "articles" / "bang-par-2022-mot-o.txt")
    assert ("Thừa Thiên Huế", "PAR_INDEX", None, 2022, "rank", 5) in facts
    assert ("Khánh Hòa", "PAR_INDEX", None, 2022, "score", 91.12) in facts
    assert len(facts) == 10


def test_a_table_one_row_a_line_reads_its_header_from_the_line_above():
    facts = _facts(FIXTURES / "articles" / "bang-papi-2022-mot-hang.txt")
    assert ("Bình Định", "PAPI", None, 2022, "rank", 3) in facts
    assert ("Bà Rịa - Vũng Tàu", "PAPI", None, 2022, "rank", 3) in facts
    assert ("Thanh Hóa", "PAPI", None, 2022, "score", 44.8) in facts
    assert not any(f[4] == "rank" and f[5] == 4 for f in facts)


def test_pipe_cells_with_a_tie():
    facts = _facts(FIXTURES / "articles" / "bang-pgi-2023-o-gach-dung.txt")
    assert ("Hưng Yên", "PGI", None, 2023, "rank", 11) in facts
    assert ("Hà Nam", "PGI", None, 2023, "rank", 11) in facts


# --- refusals ---------------------------------------------------------------------


def test_a_table_with_no_edition_year_gives_no_facts_and_says_so():
    extraction = _process(FIXTURES / "articles" / "bang-pci-khong-ghi-nam.txt")
    assert extraction.facts == []
    assert any("no edition year" in note for note in extraction.notes)
    assert "no edition year" in extraction.note


def test_a_table_of_districts_inside_one_province_gives_no_facts_but_for_the_ddci():
    # a DDCI ranks exactly a province's districts and departments (FACTS.md)
    assert _facts(FIXTURES / "articles" / "bang-ddci-cac-huyen.txt")
    assert not _facts(FIXTURES / "articles" / "bang-papi-2023-cac-huyen-mot-o.txt")


def test_a_caption_naming_another_index_than_the_page_refuses_the_table(shared):
    extraction = _process(shared / "corpus" / "tables" / "articles" / "tbl-026.txt")
    assert any("caption names PCI, the page is about PGI" in note for note in extraction.notes)
    assert all(f.index_code == "PGI" for f in extraction.facts)


def test_header_labels_name_role_index_component_and_year():
    assert label_of("Điểm số PCI").role == "score"
    assert label_of("Nhóm xếp hạng").role == "group"
    assert label_of("STT").role == "row_number"
    assert label_of("Xếp hạng 2015").year == 2015
    label = label_of("Chỉ số Nhận thức số", "DTI")
    assert (label.role, label.component) == ("score", "digital_awareness")
    label = label_of("PCI 2023 Hạng")
    assert (label.role, label.index_code, label.year) == ("rank", "PCI", 2023)


# --- the real table pages -----------------------------------------------------------


def test_the_table_corpus_meets_its_floor(shared):
    report = corpus_report(shared / "corpus" / "tables")
    assert report.strict.precision >= TABLES_MIN_PRECISION, format_report(report)
    assert report.strict.recall >= TABLES_MIN_RECALL, format_report(report)


def test_table_facts_carry_their_row_and_no_prose_rule_reads_a_table(shared):
    for path in sorted((shared / "corpus" / "tables" / "articles").glob("*.txt")):
        extraction = _process(path)
        text = extraction.article.text
        spans = [(t.start, t.end) for _, t in extraction.article.tables]
        assert spans, path.name
        for fact in extraction.facts:
            inside = any(a <= fact.span[0] and fact.span[1] <= b for a, b in spans)
            assert fact.rule.startswith("table.") == inside, (path.name, fact)
            assert text[fact.span[0] : fact.span[1]] == fact.evidence
            if inside:
                written = text[fact.value_span[0] : fact.value_span[1]]
                assert float(written.replace(",", ".")) == fact.value


# --- a generated table, in every layout -----------------------------------------------

UNITS = [u.name for u in edition_units("PCI", 2022) if u.group == "provinces"]


@st.composite
def rankings(draw):
    names = draw(st.lists(st.sampled_from(UNITS), min_size=3, max_size=12, unique=True))
    cents = draw(st.lists(st.integers(3000, 8000), min_size=len(names), max_size=len(names)))
    cents.sort(reverse=True)
    if draw(st.booleans()):  # a tie
        k = draw(st.integers(1, len(cents) - 1))
        cents[k] = cents[k - 1]
    ranks = []
    for i, c in enumerate(cents):
        ranks.append(ranks[-1] if i and c == cents[i - 1] else i + 1)
    return [(n, r, c / 100) for n, r, c in zip(names, ranks, cents)]


def _score(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


INTRO = "Chỉ số năng lực cạnh tranh cấp tỉnh PCI 2022 đã được công bố. Bảng xếp hạng như sau."


def _html(rows) -> bytes:
    body = "".join(f"<tr><td>{r}</td><td>{n}</td><td>{_score(s)}</td></tr>" for n, r, s in rows)
    return (
        "<html><head><meta charset='utf-8'><title>Bảng xếp hạng PCI 2022</title></head><body><article>"
        f"<h1>Bảng xếp hạng PCI 2022</h1><p>{INTRO}</p><table>"
        f"<tr><th>Xếp hạng</th><th>Tỉnh, thành phố</th><th>Điểm PCI</th></tr>{body}</table>"
        "</article></body></html>"
    ).encode()


def _pipes(rows) -> list[str]:
    return ["Xếp hạng | Tỉnh, thành phố | Điểm PCI"] + [f"{r} | {n} | {_score(s)}" for n, r, s in rows]


def _one_row_a_line(rows) -> list[str]:
    return ["Xếp hạng Tỉnh, thành phố Điểm PCI"] + [f"{r} {n} {_score(s)}" for n, r, s in rows]


def _one_cell_a_line(rows) -> list[str]:
    lines = ["Tỉnh, thành phố", "Điểm PCI", "Xếp hạng"]
    for n, r, s in rows:
        lines += [n, _score(s), str(r)]
    return lines


def _text(lines: list[str]) -> bytes:
    return "\n\n".join(["Bảng xếp hạng PCI 2022 của các tỉnh", INTRO, *lines]).encode()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rankings())
def test_a_generated_table_reads_back_exactly_in_every_layout(rows):
    expected = {(n, "rank", float(r)) for n, r, _ in rows} | {(n, "score", s) for n, _, s in rows}
    documents = {"html": _html(rows)}
    for layout in (_pipes, _one_row_a_line, _one_cell_a_line):
        documents[layout.__name__] = _text(layout(rows))
    for layout, raw in documents.items():
        extraction = process(Document(source=f"generated.{layout}", raw=raw))
        got = {(f.entity, f.metric, round(f.value, 6)) for f in extraction.facts}
        assert got == expected, (layout, extraction.notes)
        assert {(f.index_code, f.year) for f in extraction.facts} == {("PCI", 2022)}


def _read(name: str, text: str) -> set[tuple]:
    extraction = process(Document(source=name, raw=text.encode()))
    return {(f.entity, f.index_code, f.year, f.metric, f.value) for f in extraction.facts}


def test_percent_scores_arrow_moves_and_a_maximum_column():
    facts = _read(
        "sipas.txt",
        "SIPAS 2023: mức hài lòng của người dân\n\nBộ Nội vụ công bố chỉ số hài lòng SIPAS 2023.\n\n"
        "Tỉnh | Chỉ số SIPAS (%) | Điểm tối đa | Xếp hạng | Tăng/giảm bậc\n"
        "Quảng Ninh | 88,12% | 100,00 | 1 | ↑2\nHải Phòng | 87,50% | 100,00 | 2 | ↓1\n"
        "Lạng Sơn | 86,91% | 100,00 | 3 | 0\n",
    )
    assert ("Quảng Ninh", "SIPAS", 2023, "score", 88.12) in facts
    assert ("Hải Phòng", "SIPAS", 2023, "rank_change", -1) in facts
    assert ("Quảng Ninh", "SIPAS", 2023, "rank_change", 2) in facts
    assert not any(f[4] == 100 for f in facts)  # the maximum is no score of its own
    assert len(facts) == 9


def test_an_html_caption_gives_the_table_its_index_and_year():
    page = (
        "<html><head><meta charset='utf-8'><title>Kết quả cải cách hành chính</title></head><body><article>"
        "<h1>Kết quả cải cách hành chính</h1><p>Bộ Nội vụ vừa công bố kết quả.</p>"
        "<table><caption>PAR INDEX 2023 của các tỉnh</caption><tr><th>Tỉnh</th><th>Điểm</th>"
        "<th>Thứ hạng</th></tr><tr><td>Hải Phòng</td><td>91,14</td><td>1</td></tr>"
        "<tr><td>Quảng Ninh</td><td>90,21</td><td>2</td></tr></table></article></body></html>"
    )
    facts = _read("par.html", page)
    assert facts == {
        ("Hải Phòng", "PAR_INDEX", 2023, "score", 91.14),
        ("Hải Phòng", "PAR_INDEX", 2023, "rank", 1),
        ("Quảng Ninh", "PAR_INDEX", 2023, "score", 90.21),
        ("Quảng Ninh", "PAR_INDEX", 2023, "rank", 2),
    }


def test_a_layout_table_around_the_article_is_read_as_its_paragraphs():
    extraction = _process(FIXTURES / "pages" / "old-template-dti-2023-bo-nganh.html")
    assert not extraction.article.tables
    assert extraction.facts


def test_a_rank_list_of_ministries_under_a_header_over_two_lines():
    facts = _read(
        "dti-bo.txt",
        "Xếp hạng DTI 2022 khối bộ, ngành\n\nBộ Thông tin và Truyền thông công bố chỉ số DTI 2022.\n\n"
        "XẾP HẠNG DTI\nCÁC BỘ, CƠ QUAN NGANG BỘ, CƠ QUAN THUỘC CHÍNH PHỦ\n"
        "1 Bộ Tài chính\n2 NHNN\n3 Bộ KH&ĐT\n",
    )
    assert facts == {
        ("Bộ Tài chính", "DTI", 2022, "rank", 1),
        ("Ngân hàng Nhà nước Việt Nam", "DTI", 2022, "rank", 2),
        ("Bộ Kế hoạch và Đầu tư", "DTI", 2022, "rank", 3),
    }


def test_a_title_row_across_an_html_table_names_its_index_and_year_not_a_column():
    page = (
        "<html><head><meta charset='utf-8'><title>Kết quả PCI</title></head><body><article>"
        "<h1>Kết quả PCI</h1><p>VCCI công bố chỉ số năng lực cạnh tranh cấp tỉnh.</p><table>"
        "<tr><td colspan='4'><b>Bảng xếp hạng PCI 2022</b></td></tr>"
        "<tr><td><b>STT</b></td><td><b>Tỉnh</b></td><td><b>Điểm</b></td><td><b>Hạng</b></td></tr>"
        "<tr><td>1</td><td>Quảng Ninh</td><td>72,95</td><td>1</td></tr>"
        "<tr><td>2</td><td>Long An</td><td>70,00</td><td>2</td></tr></table></article></body></html>"
    )
    assert _read("pci.html", page) == {
        ("Quảng Ninh", "PCI", 2022, "score", 72.95),
        ("Quảng Ninh", "PCI", 2022, "rank", 1),
        ("Long An", "PCI", 2022, "score", 70.0),
        ("Long An", "PCI", 2022, "rank", 2),
    }


def test_tables_laid_out_with_line_breaks_or_divs():
    page = (
        "<html><head><meta charset='utf-8'><title>Bảng xếp hạng PAPI 2022</title></head><body><article>"
        "<h1>Bảng xếp hạng PAPI 2022</h1><p>Chỉ số PAPI 2022 của các tỉnh.</p>"
        "<p>Xếp hạng | Tỉnh | Điểm PAPI<br>1 | Quảng Ninh | 45,12<br>2 | Thanh Hóa | 44,80<br>"
        "3 | Bình Định | 44,31</p><p>Tiếp theo là các tỉnh đồng bằng.</p>"
        "<div><div>Tỉnh</div><div>Điểm</div><div>Hạng</div><div>Long An</div><div>43,10</div><div>7</div>"
        "<div>Bến Tre</div><div>42,90</div><div>8</div><div>Cà Mau</div><div>42,10</div><div>9</div></div>"
        "<p>Và các tỉnh miền núi.</p><div><div><div>Tỉnh</div><div>Điểm</div><div>Hạng</div></div>"
        "<div><div>Lào Cai</div><div>41,10</div><div>12</div></div>"
        "<div><div>Yên Bái</div><div>40,90</div><div>13</div></div></div></article></body></html>"
    )
    facts = _read("papi.html", page)
    ranks = {e: v for e, i, y, m, v in facts if m == "rank"}
    assert ranks == {
        **{"Quảng Ninh": 1, "Thanh Hóa": 2, "Bình Định": 3},  # a row a line break
        **{"Long An": 7, "Bến Tre": 8, "Cà Mau": 9},  # a cell a div
        **{"Lào Cai": 12, "Yên Bái": 13},  # a row a div of cell divs
    }
    assert ("Yên Bái", "PAPI", 2022, "score", 40.9) in facts


def test_a_regional_rank_column_gives_no_facts_and_the_world_rank_column_does():
    facts = _read(
        "gii.txt",
        "GII 2025: Việt Nam trong khu vực\n\nBảng xếp hạng GII 2025 của các nước ASEAN.\n\n"
        "Quốc gia | Hạng khu vực | Hạng toàn cầu | Điểm\n"
        "Singapore | 1 | 5 | 61,2\nMalaysia | 2 | 34 | 40,1\nThái Lan | 3 | 40 | 37,8\n",
    )
    assert ("Malaysia", "GII", 2025, "rank", 34) in facts
    assert ("Malaysia", "GII", 2025, "score", 40.1) in facts
    assert not any(f[3] == "rank" and f[4] in (1, 2, 3) for f in facts)  # the region's ranks
    assert len(facts) == 6
    assert label_of("Xếp hạng ASEAN").role == "group"
    assert label_of("Hạng thế giới").role == "rank"


def test_a_change_column_against_a_year_is_the_tables_edition():
    facts = _read(
        "par.txt",
        "PAR INDEX 2024 của các bộ\n\nKết quả PAR INDEX 2024 khối bộ, cơ quan ngang bộ.\n\n"
        "Hạng | Bộ, cơ quan | Chỉ số PAR 2024 (%) | Thay đổi so với 2023\n"
        "1 | NHNN | 91,27 | +2\n2 | Bộ Tư pháp | 90,64 | -1\n3 | Bộ Tài chính | 89,88 | 0\n",
    )
    assert ("Ngân hàng Nhà nước Việt Nam", "PAR_INDEX", 2024, "rank_change", 2) in facts
    assert ("Bộ Tư pháp", "PAR_INDEX", 2024, "rank_change", -1) in facts
    assert not any(f[2] == 2023 for f in facts)
    assert label_of("Thay đổi so với 2023").year is None


def test_a_percent_column_named_by_its_index_is_the_score_and_another_percent_is_not():
    assert label_of("Chỉ số PAR 2024 (%)", "PAR_INDEX").role == "score"
    assert label_of("SIPAS (%)", "SIPAS").role == "score"
    assert label_of("Tỷ lệ hồ sơ trực tuyến (%)", "PAR_INDEX").role != "score"
