"""Each rule with the phrasings it must read and the near misses it must not.

Rule-level cases call one rule on one sentence; the fact-level cases at the
end run the whole extractor on FACTS.md's own examples.
"""

from __future__ import annotations

import pytest

from extractors.facts.extract import extract_facts
from extractors.facts.rules.brackets import ParenFractionRule
from extractors.facts.rules.changes import RankChangeRule, UnchangedRule
from extractors.facts.rules.leaders import LeaderRule
from extractors.facts.rules.ranks import NumberOneRule, RankPositionRule, TakeOverRule
from extractors.facts.rules.scores import ScoreCueRule, ScoreUnitRule
from extractors.text.txt import parse_txt
from tests.extractors.rulectx import sentence_context


def _find(rule, text: str):
    return rule().find(sentence_context(text))


def _values(mentions, metric=None):
    return [v[0] for m in mentions if metric in (None, m.metric) for v in m.values]


def case(text, expected, **marks):
    return pytest.param(text, expected, id=text[:60], **marks)


# --- ranks by position -------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        case("Quảng Nam xếp hạng 41", [41]),
        case("năm 2018 lên hạng 18 với 0,4820 điểm", [18]),
        case("Quảng Nam đứng thứ 6 cả nước", [6]),
        case("Quảng Nam đứng vị trí thứ 31", [31]),
        case("được xếp vị trí 28 về chỉ số ứng dụng CNTT nội bộ", [28]),
        case("đứng vị trí thứ nhất là Bộ Tài chính", [1]),
        case("giữ nguyên vị trí số một bảng xếp hạng", [1]),
        case("An Giang xếp hạng 11/63 tỉnh, thành phố", [11]),
        case("Thành phố Hà Nội xếp thứ 3/63 tỉnh", [3]),
        case("đứng ở vị trí 30/63 với 25,05 điểm", [30]),
        case("nằm vị trí số 44", [44]),
        case("tăng 26 bậc lên hạng thứ 12", [12]),
        case("xếp hạng lần lượt là thứ 6 và 12", [6, 12]),
        case("tụt hạng từ vị trí thứ 2, thứ 3 của năm 2018 xuống vị trí thứ 7 và 8", [2, 3, 7, 8]),
        case("Bộ KH&ĐT đứng thứ hai với 0,8525 điểm", [2]),
        case("rơi xuống vị trí thứ 9 so với vị trí thứ 5 năm 2023", [9, 5]),
        # near misses
        case("vươn lên vị trí thứ 6 trong bảng xếp hạng 63 tỉnh, thành phố", [6]),
        case("TP.Đà Nẵng lần thứ 11 tiếp tục ở vị trí dẫn đầu", []),
        case("Đây là năm thứ 10 liên tiếp tỉnh được đánh giá", []),
        case("Kết quả dựa trên xếp hạng của 3 năm: 2017, 2018, 2019", []),
        case("Thứ sáu, 14/06/2024", []),
        case("Tỉnh thăng hạng 2 bậc so với năm trước", []),
        case("dịch vụ công trực tuyến mức độ 3, 4", []),
        case("Trong các hạng mục thành phần, tỉnh có 2 mục tăng", []),
    ],
)
def test_rank_position_rule(text, expected):
    assert _values(_find(RankPositionRule, text)) == expected


@pytest.mark.parametrize(
    "text, regional",
    [
        case("An Giang xếp hạng 3/13 tỉnh, thành phố khu vực ĐBSCL", True),
        case("Bến Tre đứng thứ 3 khu vực ĐBSCL", True),
        case("Gia Lai xếp thứ 2 khu vực Tây Nguyên, chỉ sau Đắk Nông", True),
        case("So với các tỉnh thuộc khu vực Nam Trung bộ, Khánh Hòa xếp thứ 2", True),
        case("An Giang xếp hạng 11/63 tỉnh, thành phố trong cả nước", False),
        case("Tây Ninh nằm vị trí số 44 thuộc các tỉnh, thành phố nhóm B", False),
    ],
)
def test_rank_position_rule_marks_regional_ranks(text, regional):
    mentions = _find(RankPositionRule, text)
    assert mentions and mentions[0].regional is regional


@pytest.mark.parametrize(
    "text, expected",
    [
        case("Đà Nẵng tiếp tục dẫn đầu với 0,8654 điểm", [1]),
        case("Quảng Ninh đứng đầu trên cả 2 bảng xếp hạng", [1]),
        case("Quảng Ninh quán quân 5 năm liên tiếp", [1]),
        case("Á quân năm nay ghi nhận cái tên mới là Hải Phòng", [2]),
        case("Quảng Ninh tiếp tục giữ vị trí cao nhất trong bảng xếp hạng PCI", [1]),
        case("Quảng Ninh trở lại ngôi đầu bảng PAPI 2022", [1]),
        case("Khối các cơ quan thuộc Chính phủ, BHXH Việt Nam tiếp tục đứng đầu", [1]),
        # near misses
        case("17 năm liền nằm trong nhóm dẫn đầu cả nước", []),
        case("Top 10 tỉnh, thành phố đứng đầu về DTI 2023 gồm", []),
        case("Trong đó, tỉnh có 4 trục nội dung dẫn đầu toàn quốc", []),
        case("Phó Chủ tịch tỉnh dẫn đầu đoàn công tác", []),
        case("Tỉnh đạt vị trí cao nhất từ trước đến nay", []),
    ],
)
def test_leader_rule(text, expected):
    found = [m for m in _find(LeaderRule, text) if not m.component_list]
    assert _values(found) == expected


def test_leader_rule_reads_component_lists_as_such():
    (mention,) = _find(
        LeaderRule, "Bắc Giang có hai chỉ số thành phần dẫn đầu cả nước là Chi phí không chính thức"
    )
    assert mention.component_list


@pytest.mark.parametrize(
    "text, expected",
    [
        case("PCI 2021: Hải Phòng vươn lên số 2", [2]),
        case("Quảng Ninh lập cú đúp, sau số 1 PCI 2022, nhận số 1 PAPI 2022", [1, 1]),
        case("Theo Quyết định số 1 của UBND tỉnh", []),
        case("Sau số liệu năm trước", []),
    ],
)
def test_number_one_rule(text, expected):
    assert _values(_find(NumberOneRule, text)) == expected


def test_take_over_rule_gives_the_rank_to_its_former_holder_and_its_taker():
    before, now = _find(
        TakeOverRule, "NHNN đã vượt lên, chiếm vị trí đứng đầu PAR INDEX của Bộ Giao thông Vận tải năm 2014"
    )
    assert before.explicit_entity.name == "Bộ Giao thông vận tải"
    assert before.explicit_years == (2014,)
    # the taker's rank is bound to the sentence's subject, in the edition reported
    assert now.explicit_entity is None and "current_edition" in now.flags


@pytest.mark.parametrize(
    "text, expected",
    [
        case("chỉ sau Đắk Nông (29/63 với 25,24 điểm)", [29]),
        case("Lào Cai (10/13 tỉnh vùng trung du)", []),
    ],
)
def test_paren_fraction_rule(text, expected):
    assert _values(_find(ParenFractionRule, text)) == expected


# --- scores -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        case("năm 2018 lên hạng 18 với 0,4820 điểm", [0.482]),
        case("Khánh Hòa đạt 67,74 điểm", [67.74]),
        case("Đà Nẵng tiếp tục dẫn đầu với 0,8654/1 điểm", [0.8654]),
        case("Ngân hàng Nhà nước Việt Nam đạt 89,89/100 điểm", [89.89]),
        case("thành phố này có chỉ số đạt 93,31%", [93.31]),
        case("Đồng Tháp đạt 70,35 điểm - tăng 0,69 điểm", [70.35]),
        case("chỉ đạt 40,62/80 điểm", [40.62]),
        # near misses
        case("song tụt 2.07 điểm so với năm 2020", []),
        case("đứng thứ 2 (kém Bộ Tư pháp 0,06 điểm)", []),
        case("Có 4/7 chỉ số đạt trên 90%", []),
        case("Tổng điểm tối đa của PGI là 40 điểm", []),
        case("Thang điểm đánh giá là 1.000 điểm", []),
        case("cao hơn mức điểm bình quân của cả nước (0,4014 điểm)", []),
        case("nằm trong khoảng 75,03% - 90,61%", []),
        case("ở mức 82,66%, tăng 2,58% so với năm 2022", [82.66]),
        case("tăng 29 bậc và 8,06 điểm so với năm 2021", []),
    ],
)
def test_score_unit_rule(text, expected):
    assert _values(_find(ScoreUnitRule, text)) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        case("Bắc Giang có tổng điểm là 72,80, tăng 29 bậc", [72.8]),
        case("Đà Nẵng đứng đầu cả nước với điểm số 0,9238", [0.9238]),
        case("đứng ở vị trí số 1 với chỉ số ICT index 0,9263", [0.9263]),
        case("đứng vị trí thứ 10/63 với giá trị là 0,4950", [0.495]),
        case("chỉ số Kinh tế số xếp thứ 13/63 có giá trị 0,4794", [0.4794]),
        case("xếp thứ nhất với số điểm lần lượt là 0,810 và 0,825", [0.81, 0.825]),
        case("với các điểm số tương ứng là 71,04; 70,45 và 70,37", [71.04, 70.45, 70.37]),
        # near misses
        case("gồm 9 chỉ số chính với 98 chỉ số thành phần", []),
        case("cao hơn 0,105 so với mức điểm bình quân", []),
    ],
)
def test_score_cue_rule(text, expected):
    assert _values(_find(ScoreCueRule, text)) == pytest.approx(expected)


# --- rank changes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        case("năm 2018 lên hạng 18, tăng 23 bậc", [23]),
        case("giảm 1 hạng so với năm trước", [-1]),
        case("Đà Nẵng tụt 14 bậc", [-14]),
        case("Bình Phước nhảy vọt 17 bậc", [17]),
        case("TP.HCM đứng thứ 2, tăng một hạng", [1]),
        case("Tỉnh đã cải thiện được 5 bậc xếp hạng", [5]),
        case("Quảng Nam đã vượt 23 bậc", [23]),
        case("tăng tới 34 bậc so với năm 2020", [34]),
        # near misses
        case("đạt 83,32% (tăng 2,55% so năm 2018)", []),
        case("Đồng Tháp đạt 70,35 điểm - tăng 0,69 điểm", []),
        case("Thanh Hóa tụt hạng đáng kể", []),
    ],
)
def test_rank_change_rule(text, expected):
    assert _values(_find(RankChangeRule, text)) == expected


def test_rank_change_rule_keeps_the_edition_it_compares_with():
    first, second = _find(RankChangeRule, "giảm 3 bậc so năm 2018, nhưng tăng 25 bậc so năm 2016")
    assert (first.compare_year, second.compare_year) == (2018, 2016)


@pytest.mark.parametrize(
    "text, expected",
    [
        case("Ngân hàng Nhà nước xếp thứ 4, không thay đổi xếp hạng so với năm trước", [0]),
        case("Quảng Ninh giữ nguyên vị trí so với năm 2022", [0]),
        case("Quảng Ninh giữ nguyên vị trí số một", []),
    ],
)
def test_unchanged_rule(text, expected):
    assert _values(_find(UnchangedRule, text)) == expected


# --- the whole extractor on FACTS.md's examples -------------------------------------

HEADERS = {
    "ICT_INDEX": "Công bố Vietnam ICT Index năm 2018",
    "PCI": "Công bố Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2023",
    "PAPI": "Công bố Chỉ số PAPI năm 2022",
    "ICT2019": "Kết quả Vietnam ICT Index năm 2019",
}


def facts(header: str, body: str) -> set[tuple]:
    article = parse_txt(f"{HEADERS[header]}\n\n{body}", "case.txt")
    return {
        (f.entity, f.index_code, f.component, f.year, f.metric, round(f.value, 6))
        for f in extract_facts(article)
    }


@pytest.mark.parametrize(
    "header, body, expected",
    [
        pytest.param(
            "ICT_INDEX",
            "Năm 2016, 2017, Quảng Nam xếp hạng 41; năm 2018 lên hạng 18 với 0,4820 điểm, tăng 23 bậc.",
            {
                ("Quảng Nam", "ICT_INDEX", None, 2016, "rank", 41),
                ("Quảng Nam", "ICT_INDEX", None, 2017, "rank", 41),
                ("Quảng Nam", "ICT_INDEX", None, 2018, "rank", 18),
                ("Quảng Nam", "ICT_INDEX", None, 2018, "score", 0.482),
                ("Quảng Nam", "ICT_INDEX", None, 2018, "rank_change", 23),
            },
            id="years-listed-before-a-rank",
        ),
        pytest.param(
            "ICT_INDEX",
            "Quảng Nam có chỉ số thành phần về hạ tầng kỹ thuật tăng 21 bậc lên vị trí thứ 18.",
            {
                ("Quảng Nam", "ICT_INDEX", "technical_infrastructure", 2018, "rank_change", 21),
                ("Quảng Nam", "ICT_INDEX", "technical_infrastructure", 2018, "rank", 18),
            },
            id="component-change-and-rank",
        ),
        pytest.param(
            "ICT_INDEX",
            "TP.Đà Nẵng lần thứ 11 tiếp tục ở vị trí dẫn đầu.",
            {("Đà Nẵng", "ICT_INDEX", None, 2018, "rank", 1)},
            id="lan-thu-11-counts-times",
        ),
        pytest.param(
            "ICT_INDEX",
            "Với các chỉ số thành phần của Quảng Nam, chỉ số hạ tầng kỹ thuật CNTT là 18 (0.40).",
            {
                ("Quảng Nam", "ICT_INDEX", "technical_infrastructure", 2018, "rank", 18),
                ("Quảng Nam", "ICT_INDEX", "technical_infrastructure", 2018, "score", 0.4),
            },
            id="rank-then-score-in-brackets",
        ),
        pytest.param(
            "PCI",
            "Ba vị trí dẫn đầu lần lượt thuộc về Quảng Ninh, Hải Phòng và Long An.",
            {
                ("Quảng Ninh", "PCI", None, 2023, "rank", 1),
                ("Hải Phòng", "PCI", None, 2023, "rank", 2),
                ("Long An", "PCI", None, 2023, "rank", 3),
            },
            id="ordered-list",
        ),
        pytest.param(
            "ICT_INDEX",
            "Đà Nẵng dẫn đầu, theo sau là Huế (0,80 điểm) và Cần Thơ (0,73 điểm).",
            {
                ("Đà Nẵng", "ICT_INDEX", None, 2018, "rank", 1),
                ("Thừa Thiên Huế", "ICT_INDEX", None, 2018, "rank", 2),
                ("Thừa Thiên Huế", "ICT_INDEX", None, 2018, "score", 0.8),
                ("Cần Thơ", "ICT_INDEX", None, 2018, "rank", 3),
                ("Cần Thơ", "ICT_INDEX", None, 2018, "score", 0.73),
            },
            id="theo-sau-la-continues-the-ranking",
        ),
        pytest.param(
            "ICT_INDEX",
            "Ba tỉnh có điểm thấp nhất là Lạng Sơn, Bạc Liêu và Điện Biên, với các điểm số "
            "tương ứng là 0,2144; 0,1914 và 0,1738.",
            {
                ("Lạng Sơn", "ICT_INDEX", None, 2018, "score", 0.2144),
                ("Bạc Liêu", "ICT_INDEX", None, 2018, "score", 0.1914),
                ("Điện Biên", "ICT_INDEX", None, 2018, "score", 0.1738),
            },
            id="tuong-ung-pairs-scores-without-ranks",
        ),
        pytest.param(
            "ICT_INDEX",
            "Ba vị trí cuối cùng thuộc về Lạng Sơn, Bạc Liêu và Điện Biên.",
            set(),
            id="last-three-without-a-table-size",
        ),
        pytest.param(
            "ICT2019",
            "Tây Ninh xếp thứ 25, tăng 15 bậc so với năm 2015.",
            {("Tây Ninh", "ICT_INDEX", None, 2019, "rank", 25)},
            id="change-against-an-older-edition-is-not-a-fact",
        ),
        pytest.param(
            "ICT2019",
            "Tây Ninh xếp thứ 25, tăng 8 bậc so với năm 2018.",
            {
                ("Tây Ninh", "ICT_INDEX", None, 2019, "rank", 25),
                ("Tây Ninh", "ICT_INDEX", None, 2019, "rank_change", 8),
            },
            id="change-against-the-previous-edition",
        ),
        pytest.param(
            "PCI",
            "Bến Tre xếp thứ 4/63 và đứng thứ 3 khu vực ĐBSCL; Trà Vinh đạt hạng 3/13 tỉnh vùng ĐBSCL.",
            {("Bến Tre", "PCI", None, 2023, "rank", 4)},
            id="regional-ranks-are-not-facts",
        ),
        pytest.param(
            "PAPI",
            "Cao Bằng chỉ đạt 40,62/80 điểm, trong khi tổng điểm tối đa là 80 điểm.",
            {("Cao Bằng", "PAPI", None, 2022, "score", 40.62)},
            id="a-maximum-is-not-a-score",
        ),
        pytest.param(
            "PCI",
            "Theo Quyết định số 499/QĐ-UBND, 63 tỉnh, thành triển khai gần 500 dịch vụ công mức độ 3, 4 "
            "với hơn 100 tiêu chí; đây là năm thứ 10 liên tiếp, từ năm 2005, hội thảo lần thứ 23.",
            set(),
            id="traps-yield-nothing",
        ),
        pytest.param(
            "PCI",
            "Đồng Tháp dẫn đầu 3 năm liên tiếp (2018-2020).",
            set(),
            id="streak-that-ends-before-the-edition",
        ),
        pytest.param(
            "PCI",
            "Quảng Ninh dẫn đầu 7 năm liên tiếp (2017-2023).",
            {("Quảng Ninh", "PCI", None, 2023, "rank", 1)},
            id="streak-gives-only-the-reported-edition",
        ),
        pytest.param(
            "PCI",
            "Tỉnh Bến Tre không thay đổi xếp hạng so với năm trước.",
            {("Bến Tre", "PCI", None, 2023, "rank_change", 0)},
            id="unchanged-is-zero",
        ),
    ],
)
def test_facts_md_examples(header, body, expected):
    assert facts(header, body) == {(e, i, c, y, m, round(v, 6)) for e, i, c, y, m, v in expected}
