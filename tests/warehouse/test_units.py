"""The units dimension in the warehouse: loaded from the gazetteer's files,
following them when they change, resolving every fact on its edition's
map, and the views that compare ranks within one edition and one group."""

from __future__ import annotations

import json
import shutil
import unicodedata

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import gazetteer
from extractors.model import Document
from flows.work import extract_documents
from tests.conftest import FIXTURES
from warehouse import Warehouse, WarehouseError, utcnow
from warehouse.query import run_query
from warehouse.store import Batch, migrate
from warehouse.units import unit_key_macro

PCI_2024_DA_NANG = "PCI 2024 của Đà Nẵng\n\nTheo báo cáo PCI 2024, TP Đà Nẵng xếp thứ 16 với 67,20 điểm."
PCI_2025_DA_NANG = "PCI 2025 của Đà Nẵng\n\nTheo báo cáo PCI 2025, TP Đà Nẵng xếp thứ 2 với 72,48 điểm."
PCI_2024_QUANG_NAM = "PCI 2024 của Quảng Nam\n\nTheo báo cáo PCI 2024, tỉnh Quảng Nam xếp thứ 28."


@pytest.fixture()
def store(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "w.duckdb", lock_timeout=2)


def doc(source: str, text: str) -> Document:
    return Document(source=source, raw=text.encode(), kind="file", fetched_at=utcnow())


def load(store: Warehouse, documents: list[Document], version: str = "v1") -> None:
    outcome = extract_documents(documents, extractor_version=version)
    with store.session() as session:
        run_id = session.start_run("ingest", version, None, [d.source for d in documents])
        session.load(run_id, outcome.batch)
        session.finish_run(run_id, "completed")


def load_stated(store: Warehouse, source: str, facts: list[tuple], version: str = "v1") -> None:
    """Load facts as an extractor would state them: (entity, index, year,
    metric, value[, group_size]); the evidence is the fact itself."""
    text = "\n\n".join(f"{f[0]} {f[1]} {f[2]} {f[3]} {f[4]}" for f in facts)
    outcome = extract_documents([doc(source, "Tin\n\nKhông có số.")], extractor_version=version)
    batch = Batch(documents=outcome.batch.documents, extractions=outcome.batch.rows("extractions"))
    batch.article_versions = outcome.batch.rows("article_versions")
    batch.extractions[0]["n_facts"] = len(facts)
    doc_id = batch.extractions[0]["doc_id"]
    batch.fact_versions = [
        {
            "doc_id": doc_id,
            "extractor_version": version,
            "fact_no": n,
            "entity": f[0],
            "index_code": f[1],
            "component": None,
            "year": f[2],
            "metric": f[3],
            "value": float(f[4]),
            "evidence": f"{f[0]} {f[1]} {f[2]} {f[3]} {f[4]}",
            "span_start": 0,
            "span_end": len(text),
            "value_start": 0,
            "value_end": 1,
            "rule": "test",
            "group_size": f[5] if len(f) > 5 else None,
        }
        for n, f in enumerate(facts)
    ]
    with store.session() as session:
        run_id = session.start_run("ingest", version, None, [source])
        session.load(run_id, batch)
        session.finish_run(run_id, "completed")


def rows(store: Warehouse, sql: str) -> list[tuple]:
    return run_query(store, sql)[1]


def dicts(store: Warehouse, sql: str) -> list[dict]:
    columns, found = run_query(store, sql)
    return [dict(zip(columns, row)) for row in found]


# --- the dimension ------------------------------------------------------------------


def test_a_new_warehouse_holds_every_unit_alias_and_change_of_the_gazetteer(store):
    with store.session():
        pass
    g = gazetteer.load()
    assert rows(store, "SELECT count(*), count(DISTINCT unit_id) FROM units") == [(len(g.units),) * 2]
    assert rows(store, "SELECT count(*) FROM unit_lineage")[0][0] == sum(
        len(c.formed_from) for c in g.changes
    )
    assert rows(
        store,
        "SELECT formed_from_name, changed_on::VARCHAR, change FROM unit_lineage"
        " WHERE unit_id = 'vn-da-nang-2025' ORDER BY formed_from_name",
    ) == [("Quảng Nam", "2025-07-01", "merger"), ("Đà Nẵng", "2025-07-01", "merger")]
    assert rows(store, "SELECT count(*) FROM units WHERE 'provinces-63' = ANY(maps)") == [(63,)]
    assert rows(store, "SELECT count(*) FROM units WHERE 'provinces-34' = ANY(maps)") == [(34,)]
    assert rows(store, "SELECT editions FROM units WHERE unit_id IN ('vn-da-nang', 'vn-hue') ORDER BY 1") == [
        ("editions from 2025, and DTI 2024",),
        ("editions to 2024, not DTI 2024",),
    ]
    assert rows(store, "SELECT map FROM edition_maps WHERE index_code = 'DTI' AND rule = 'exception'") == [
        ("provinces-34",)
    ]


@pytest.fixture(scope="module")
def keys():
    con = duckdb.connect()
    con.execute(unit_key_macro()).fetchall()

    def sql_keys(texts: list[str]) -> list[str]:
        return [k for (k,) in con.execute("SELECT unit_key(t) FROM unnest(?) AS x(t)", [texts]).fetchall()]

    yield sql_keys
    con.close()


def test_the_sql_key_is_name_key_on_every_alias_and_every_name_of_the_gold_files(shared, keys):
    texts = [a for u in gazetteer.load().units for a in (u.name, *u.aliases)]
    for gold in (shared / "corpus" / "dev" / "gold.jsonl", FIXTURES / "gold.jsonl"):
        texts += [json.loads(line)["entity"] for line in gold.read_text(encoding="utf-8").splitlines()]
    texts += ["  TP.  Hồ Chí Minh ", "Khánh Hoà", "KHÁNH HOÀ", unicodedata.normalize("NFD", "Thủy Sĩ")]
    texts += [
        "Quảng Nam (cũ)",
        "Lâm Đồng (mới)",
        "Bà Rịa – Vũng Tàu",
        "tp.",
        "Thừa Thiên\u00a0Huế",
        "hoà hoà",
    ]
    assert keys(texts) == [gazetteer.name_key(t) for t in texts]


_LETTERS = "aăâeêioôơuưyqđhtpnàáảãạòóỏõọèéẻẽẹỳýỷỹỵùúủũụìOUÀÝ"
_NAMES = st.lists(
    st.one_of(
        st.text(_LETTERS, min_size=1, max_size=5),
        st.sampled_from([" ", "  ", ".", "-", "–", "&", "(", ")", "(cũ)", "và", "tỉnh ", "TP.", "\u00a0"]),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=50, deadline=None)
@given(st.lists(_NAMES, min_size=1, max_size=100))
def test_the_sql_key_is_name_key_on_any_text(keys, texts):
    assert keys(texts) == [gazetteer.name_key(t) for t in texts]


# --- facts get their unit ---------------------------------------------------------------


def test_a_2024_and_a_2025_article_about_da_nang_resolve_to_two_units(store):
    load(store, [doc("/2024.txt", PCI_2024_DA_NANG), doc("/2025.txt", PCI_2025_DA_NANG)])
    assert rows(store, "SELECT DISTINCT source, entity, unit_id FROM facts ORDER BY source") == [
        ("/2024.txt", "Đà Nẵng", "vn-da-nang"),
        ("/2025.txt", "Đà Nẵng", "vn-da-nang-2025"),
    ]


def test_a_name_that_fits_no_unit_of_its_edition_is_kept_and_counted_with_why(store):
    load_stated(
        store,
        "/odd.txt",
        [
            ("Đà Nẳng", "PCI", 2023, "rank", 1),  # a typo
            ("Quảng Nam", "PCI", 2025, "rank", 9),  # merged away before the edition
            ("Việt Nam", "PCI", 2023, "rank", 1),  # a country in a provincial index
            ("Quảng Nam", "PCI", 2024, "rank", 28),
        ],
    )
    assert rows(store, "SELECT count(*), count(unit_id) FROM facts") == [(4, 1)]
    found = {(r["entity"], r["year"]): r for r in dicts(store, "SELECT * FROM unresolved_entities")}
    assert set(found) == {("Đà Nẳng", 2023), ("Quảng Nam", 2025), ("Việt Nam", 2023)}
    assert found["Đà Nẳng", 2023]["reason"] == "not in the gazetteer"
    assert found["Quảng Nam", 2025]["reason"] == "not ranked in this edition"
    assert found["Quảng Nam", 2025]["known_as"] == [
        "Quảng Nam (vn-quang-nam, editions to 2024, not DTI 2024)"
    ]
    assert found["Việt Nam", 2023]["reason"] == "not ranked by this index"
    assert found["Đà Nẳng", 2023]["n_facts"] == 1 and found["Đà Nẳng", 2023]["example_source"] == "/odd.txt"


def test_a_warehouse_of_the_previous_version_gets_its_units_and_keeps_every_fact(store, shared):
    paths = sorted((shared / "corpus" / "dev" / "articles").glob("*.txt"))
    paths += sorted((FIXTURES / "articles").glob("*.txt"))
    outcome = extract_documents(
        [doc(str(p), p.read_text(encoding="utf-8")) for p in paths], extractor_version="v0"
    )
    con = duckdb.connect(str(store.path))
    migrate(con, str(store.path), target=5)  # the schema before units, as the current chiso makes it
    con.register("b_rows", pa.Table.from_pylist(outcome.batch.documents))
    con.execute("INSERT INTO documents BY NAME SELECT *, 1 AS run_id FROM b_rows")
    for table in ("extractions", "article_versions", "fact_versions"):
        arrow = getattr(outcome.batch, table)
        if table == "fact_versions":
            arrow = arrow.drop_columns(["group_size"])
        con.register("b_rows", arrow)
        run_id = ", 1 AS run_id" if table == "extractions" else ""
        con.execute(f"INSERT INTO {table} BY NAME SELECT *{run_id} FROM b_rows")
    before = con.execute("SELECT entity, index_code, year, metric, value FROM facts ORDER BY ALL").fetchall()
    con.close()
    assert len(before) == outcome.facts > 500
    with store.session():  # a write session migrates
        pass
    assert store.schema_version() == 6
    after = rows(store, "SELECT entity, index_code, year, metric, value, unit_id FROM facts ORDER BY ALL")
    assert [r[:5] for r in after] == before
    for entity, index_code, year, _, _, unit_id in after:
        unit = gazetteer.resolve(entity, index_code, year)
        assert unit_id == (unit.id if unit else None), (entity, index_code, year)
    unresolved = sum(1 for r in after if r[5] is None)
    assert rows(store, "SELECT sum(n_facts) FROM unresolved_entities") == [(unresolved,)]


def test_the_dimension_follows_its_data_file_and_no_fact_is_lost(store, tmp_path, monkeypatch):
    load_stated(store, "/sg.txt", [("Sài Gòn", "PCI", 2025, "rank", 8), ("Đà Nẵng", "PCI", 2025, "rank", 2)])
    assert rows(store, "SELECT entity, unit_id FROM facts ORDER BY entity") == [
        ("Sài Gòn", None),
        ("Đà Nẵng", "vn-da-nang-2025"),
    ]
    edited = tmp_path / "units.toml"
    shutil.copy(gazetteer.UNITS_FILE, edited)
    text = edited.read_text(encoding="utf-8")
    unit = 'id = "vn-ho-chi-minh-2025"\nname = "Hồ Chí Minh"\nkind = "city"\nmaps = ["provinces-34"]\n'
    text = text.replace(unit + "aliases = [", unit + 'aliases = ["Sài Gòn", ')
    edited.write_text(text, encoding="utf-8")
    monkeypatch.setattr(gazetteer, "UNITS_FILE", edited)
    with store.session():  # the next write session reloads the dimension
        pass
    assert rows(store, "SELECT entity, unit_id FROM facts ORDER BY entity") == [
        ("Sài Gòn", "vn-ho-chi-minh-2025"),
        ("Đà Nẵng", "vn-da-nang-2025"),
    ]
    assert rows(store, "SELECT count(*) FROM unresolved_entities") == [(0,)]
    assert rows(store, "SELECT count(*) FROM unit_aliases WHERE alias = 'Sài Gòn'") == [(1,)]


def test_a_write_session_held_open_follows_the_data_file_at_its_next_load(store, tmp_path, monkeypatch):
    with store.session() as session:
        edited = tmp_path / "editions.toml"
        edited.write_text(
            gazetteer.EDITIONS_FILE.read_text(encoding="utf-8").replace(
                'PCI = ["provinces"]', 'PCI = ["countries"]'
            ),
            encoding="utf-8",
        )
        monkeypatch.setattr(gazetteer, "EDITIONS_FILE", edited)
        run_id = session.start_run("ingest", "v1", None, [])
        session.load(
            run_id, extract_documents([doc("/a.txt", PCI_2025_DA_NANG)], extractor_version="v1").batch
        )
    assert rows(store, "SELECT DISTINCT unit_id FROM facts") == [(None,)]


# --- group sizes, groups and ties -------------------------------------------------------------


def test_a_stated_group_size_is_stored_shown_and_checked_against_the_map(store):
    load_stated(
        store,
        "/dti.txt",
        [("Quảng Ngãi", "DTI", 2025, "rank", 20, 34), ("Quảng Ngãi", "DTI", 2024, "rank", 41, 63)],
    )
    assert rows(store, "SELECT year, group_size FROM facts ORDER BY year") == [(2024, 63), (2025, 34)]
    found = dicts(
        store,
        "SELECT year, rank, group_size, units_total, size_mismatch FROM rankings"
        " WHERE unit_id = 'vn-quang-ngai-2025' ORDER BY year",
    )
    assert found == [
        {"year": 2024, "rank": 41.0, "group_size": 63, "units_total": 34, "size_mismatch": True},
        {"year": 2025, "rank": 20.0, "group_size": 34, "units_total": 34, "size_mismatch": False},
    ]
    # DTI 2024 is on the 34 units, but a 41/63 cannot be: no change derived
    assert rows(store, "SELECT derived_rank_change FROM entity_history WHERE year = 2025") == [(None,)]


def test_a_province_and_a_ministry_both_first_are_no_clash(store):
    load(
        store,
        [
            doc(
                "/par.txt",
                "Chỉ số cải cách hành chính năm 2023\n\nỞ khối bộ, Bộ Tư pháp dẫn đầu PAR Index 2023."
                " Ở khối tỉnh, Quảng Ninh dẫn đầu PAR Index 2023.",
            )
        ],
    )
    assert rows(store, "SELECT unit_group, entity, rank_clash FROM leaders ORDER BY unit_group") == [
        ("ministries", "Bộ Tư pháp", False),
        ("provinces", "Quảng Ninh", False),
    ]
    assert rows(store, "SELECT count(*) FROM conflicts") == [(0,)]


def test_dti_ranks_ministries_without_public_services_in_a_table_of_their_own(store):
    load_stated(
        store,
        "/dti-bo.txt",
        [("Bộ Tài chính", "DTI", 2021, "rank", 1), ("Viện Hàn lâm KH&CN Việt Nam", "DTI", 2021, "rank", 1)],
    )
    assert rows(store, "SELECT unit_group, rank_clash FROM rankings WHERE rank = 1 ORDER BY 1") == [
        ("ministries", False),
        ("ministries-without-public-services", False),
    ]


def test_two_units_at_one_rank_are_flagged_unless_an_article_states_the_tie(store):
    load(
        store,
        [
            doc("/long-an.txt", "PCI 2023\n\nTheo báo cáo PCI 2023, tỉnh Long An xếp thứ 3."),
            doc("/ben-tre.txt", "PCI 2023\n\nTheo báo cáo PCI 2023, tỉnh Bến Tre xếp thứ 3."),
        ],
    )
    clash = "SELECT entity, tied_with, tie_stated, rank_clash FROM rankings WHERE rank = 3 ORDER BY entity"
    assert rows(store, clash) == [
        ("Bến Tre", ["Long An"], False, True),
        ("Long An", ["Bến Tre"], False, True),
    ]
    assert rows(store, "SELECT conflict, entity, entity_b FROM conflicts") == [
        ("shared_rank", "Bến Tre", "Long An")
    ]
    load(store, [doc("/tie.txt", "PCI 2023\n\nTheo báo cáo PCI 2023, Long An và Bến Tre cùng xếp thứ 3.")])
    assert rows(store, clash) == [
        ("Bến Tre", ["Long An"], True, False),
        ("Long An", ["Bến Tre"], True, False),
    ]
    assert rows(store, "SELECT count(*) FROM conflicts") == [(0,)]


# --- across the reform ----------------------------------------------------------------------


def test_entity_history_shows_a_2025_unit_with_its_predecessors_labelled(store):
    load(
        store,
        [
            doc("/dn-2024.txt", PCI_2024_DA_NANG),
            doc("/qn-2024.txt", PCI_2024_QUANG_NAM),
            doc("/dn-2025.txt", PCI_2025_DA_NANG),
        ],
    )
    history = rows(
        store,
        "SELECT year, ranked_as, ranked_unit_id, relation, rank, derived_rank_change FROM entity_history"
        " WHERE unit_id = 'vn-da-nang-2025' ORDER BY year, ranked_as",
    )
    assert history == [
        (2024, "Quảng Nam", "vn-quang-nam", "predecessor", 28.0, None),
        (2024, "Đà Nẵng", "vn-da-nang", "predecessor", 16.0, None),
        (2025, "Đà Nẵng", "vn-da-nang-2025", "itself", 2.0, None),
    ]


def test_no_rank_change_is_derived_across_editions_on_different_maps(store):
    # Hà Nội is one unit before and after the reform, but DTI 2023 ranked 63
    # units and DTI 2024 the 34
    load(
        store,
        [
            doc("/dti-2023.txt", "DTI 2023\n\nTheo kết quả DTI 2023, Hà Nội xếp thứ 3."),
            doc("/dti-2024.txt", "DTI 2024\n\nTheo kết quả DTI 2024, Hà Nội xếp thứ 1."),
            doc("/dti-2022.txt", "DTI 2022\n\nTheo kết quả DTI 2022, Hà Nội xếp thứ 5."),
        ],
    )
    assert rows(
        store,
        "SELECT year, rank, derived_rank_change, ranked_on FROM entity_history WHERE entity = 'Hà Nội'"
        " ORDER BY year",
    ) == [
        (2022, 5.0, None, "provinces-63"),
        (2023, 3.0, 2.0, "provinces-63"),
        (2024, 1.0, None, "provinces-34"),
    ]


def test_rankings_have_a_row_for_every_unit_of_the_edition_and_its_coverage(store):
    article = FIXTURES / "articles" / "pci-2025-34-tinh-sau-sap-xep.txt"
    load(store, [doc(str(article), article.read_text(encoding="utf-8"))])
    editions = rows(
        store,
        "SELECT year, count(*), count(rank), any_value(coverage) FROM rankings"
        " WHERE index_code = 'PCI' AND component IS NULL GROUP BY year ORDER BY year",
    )
    assert editions == [(2024, 63, 2, "2 of 63 units stated"), (2025, 34, 7, "7 of 34 units stated")]
    assert rows(
        store, "SELECT count(DISTINCT unit_id) FROM rankings WHERE year = 2025 AND component IS NULL"
    ) == [(34,)]


# --- names as analysts type them ---------------------------------------------------------------


def test_unit_resolves_any_spelling_and_a_year_or_an_edition_picks_the_unit(store):
    with store.session():
        pass
    assert rows(store, "SELECT unit_id FROM unit('TP.HCM')") == [
        ("vn-ho-chi-minh",),
        ("vn-ho-chi-minh-2025",),
    ]
    assert rows(store, "SELECT unit_id FROM unit('Huế', 2023)") == [("vn-thua-thien-hue",)]
    assert rows(store, "SELECT unit_id FROM unit('thừa thiên - huế', 2025)") == [("vn-hue",)]
    assert rows(store, "SELECT unit_id FROM unit('Huế', 2024, 'DTI')") == [("vn-hue",)]
    assert rows(store, "SELECT unit_id FROM unit('Bộ TT&TT', 2024)") == [
        ("gov-bo-thong-tin-va-truyen-thong",)
    ]


def test_unit_says_what_a_wrong_name_or_year_does_name_instead_of_returning_nothing(store):
    with store.session():
        pass
    with pytest.raises(
        WarehouseError, match="no unit is called 'Đà Nẳng'; the nearest names chiso knows: Đà Nẵng"
    ):
        rows(store, "SELECT * FROM unit('Đà Nẳng')")
    with pytest.raises(WarehouseError, match=r"'Quảng Nam' names Quảng Nam \(vn-quang-nam, editions to 2024"):
        rows(store, "SELECT * FROM unit('Quảng Nam', 2025)")


# names whose unit turns on the edition, and a sample of the rest
_ASKED = ["Huế", "Thừa Thiên Huế", "TP.HCM", "Đà Nẵng", "Quảng Nam", "Bộ TT&TT", "Bộ Khoa học và Công nghệ"]
_ASKED += ["Ủy ban Quản lý vốn nhà nước", "Việt Nam", "Hoa Kỳ", "Bộ Y tế", "Hà Nội", "Lâm Đồng (mới)"]
_ASKED += sorted({a for u in gazetteer.load().units for a in u.aliases})[::15]


@pytest.mark.parametrize("index_code, year", [("PCI", 2024), ("PCI", 2025), ("DTI", 2024), ("GII", 2023)])
def test_unit_of_an_edition_is_the_unit_the_gazetteer_resolves(store, index_code, year):
    with store.session():
        pass
    with store.reader() as con:
        for name in _ASKED:
            expected = gazetteer.resolve(name, index_code, year)
            try:
                found = con.execute("SELECT unit_id FROM unit(?, ?, ?)", [name, year, index_code]).fetchall()
            except duckdb.InvalidInputException:
                found = []
            assert found == ([(expected.id,)] if expected else []), name
