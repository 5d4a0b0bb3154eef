"""Rankings that are not the article's index block the fact (FACTS.md,
"Index codes"; issue 17, "Precision from positive evidence").

Every article here names an index and its edition in the headline and
states one fact of it (the control), so that a case can only pass by
blocking the off-topic number, not because the article yields nothing:
the facts expected are exactly the control's.
"""

from __future__ import annotations

from tests.extractors.families import (
    COUNTRIES,
    DTI_2023,
    GII_2023,
    HCM,
    HUE,
    PAPI_2023,
    PAR_2023,
    PCI_2022,
    PCI_2023,
    PLAIN,
    Family,
    Word,
    expand,
    explain,
    extracted,
    nums,
    rank,
)

UNITS = PLAIN + HCM[:2] + HUE[:2]
# The control: one rank of the article's own index, its own paragraph.
CONTROL = "Theo bảng xếp hạng năm nay, {u} xếp thứ {r} cả nước."


def off_topic(
    name: str,
    rule: str,
    phenomenon: str,
    sentences: tuple[str, ...],
    editions=(PCI_2022, PAPI_2023, DTI_2023),
    **slots,
) -> Family:
    """The off-topic sentences after the control, and before it."""
    templates = tuple(f"{CONTROL}\n{s}" for s in sentences) + tuple(f"{s}\n{CONTROL}" for s in sentences)
    return Family(
        name,
        rule,
        phenomenon,
        editions,
        templates,
        lambda v: [rank(v.u, v.r)],
        {"u": UNITS, "r": nums(12, 30, 7), **slots},
        near_miss=True,
    )


def check(family: Family) -> None:
    failures = []
    for case in expand(family):
        got = extracted(case)
        if got != case.expected:
            failures.append(explain(case, got))
    assert not failures, "\n\n".join(failures)


FDI = off_topic(
    "off_topic_fdi",
    "rank.position",
    '"đứng thứ 5 cả nước về thu hút FDI"',
    (
        "{u} đứng thứ 5 cả nước về thu hút FDI.",
        "Về thu hút vốn đầu tư nước ngoài, {u} xếp thứ 3.",
        "{u} dẫn đầu cả nước về thu hút FDI trong năm.",
        "Trong 9 tháng, {u} đứng thứ 2 về vốn FDI đăng ký mới.",
    ),
)
FOOTBALL = off_topic(
    "off_topic_football",
    "rank.position",
    "a football league table",
    (
        "Câu lạc bộ {t} đứng thứ 3 trên bảng xếp hạng V-League với 25 điểm.",
        "Đội bóng {t} xếp thứ 2 tại giải hạng Nhất quốc gia.",
        "{t} dẫn đầu bảng xếp hạng V-League với 45 điểm sau 20 vòng đấu.",
        "Ở vòng 12, đội {t} vươn lên thứ 4 trên bảng xếp hạng.",
    ),
    t=(Word("Hải Phòng"), Word("Nam Định"), Word("Thanh Hóa"), Word("Hà Nội FC")),
)
HOTEL = off_topic(
    "off_topic_hotel",
    "rank.position",
    "a hotel's stars",
    (
        "Khách sạn Mường Thanh {u} đạt hạng 5 sao.",
        "Tại {u} có 12 khách sạn được xếp hạng 4 sao.",
        "Khu nghỉ dưỡng ở {u} vừa được công nhận hạng 5 sao.",
    ),
)
CREDIT = off_topic(
    "off_topic_credit_rating",
    "rank_change.moved",
    "a credit rating",
    (
        "{u} được Moody's xếp hạng tín nhiệm Ba3, tăng 1 bậc.",
        "Fitch nâng xếp hạng tín nhiệm của {u} lên BB+, tăng một bậc so với năm trước.",
        "Ngân hàng TMCP Sài Gòn Thương Tín được xếp hạng tín nhiệm ở mức B1, đứng thứ 5 trong ngành.",
    ),
)
GROWTH = off_topic(
    "off_topic_growth",
    "rank.position",
    "GDP/GRDP growth ranks",
    (
        "Tăng trưởng GRDP của {u} đứng thứ 1 cả nước với 13,45%.",
        "{u} xếp thứ 5 về tốc độ tăng trưởng GRDP.",
        "Về tăng trưởng kinh tế, {u} đứng thứ 2 cả nước, đạt 10,28%.",
        "Quy mô GRDP của {u} xếp thứ 8 cả nước.",
    ),
)
NOT_A_COMPONENT = off_topic(
    "off_topic_not_a_component",
    "rank.leader",
    '"về <something that is not a component>"',
    (
        "{u} dẫn đầu cả nước về số doanh nghiệp thành lập mới.",
        "{u} đứng thứ 2 về thu ngân sách.",
        "{u} xếp thứ 3 cả nước về số học sinh giỏi quốc gia.",
        "{u} đứng đầu cả nước về tỷ lệ che phủ rừng.",
        "Về số lượng khách du lịch quốc tế, {u} xếp thứ 4.",
    ),
)
NATIONAL_AVERAGE = off_topic(
    "off_topic_national_average",
    "score.cued",
    'a national average: "DTI quốc gia đạt 0,7955"',
    (
        "DTI quốc gia đạt 0,7955.",
        "Điểm trung bình cả nước là 0,4882 điểm, {u} cao hơn mức này.",
        "Ở cấp quốc gia, chỉ số đạt 0,6512, tăng 0,08 điểm.",
        "Điểm trung vị của cả nước là 65,5 điểm.",
    ),
    editions=(DTI_2023, PCI_2023),
)
ANOTHER_RANKING_IN_BETWEEN = off_topic(
    "off_topic_frame",
    "bind.single",
    "a sentence or paragraph about another ranking: nothing in between names the index",
    (
        "Ở bảng xếp hạng các địa phương về giải ngân vốn đầu tư công, {u} đứng thứ 5.",
        "Về thu hút FDI, {u} có một năm thành công. Tỉnh đứng thứ 3 cả nước với 2,5 tỷ USD.",
        "Bảng xếp hạng tốc độ tăng trưởng xuất khẩu năm nay: {u} xếp thứ 9.",
    ),
)
COUNTRY_IN_PROVINCIAL = off_topic(
    "off_topic_country",
    "rank.position",
    "a country in a provincial index",
    ("{c} xếp thứ 5 trong khu vực về chuyển đổi số.", "{c} đứng thứ 46 thế giới."),
    c=COUNTRIES,
)
NO_INDEX = Family(
    "off_topic_no_index",
    "bind.single",
    "an article that never names an index states no fact of one",
    (PAR_2023,),
    (
        "{u} xếp thứ {r} cả nước.\nĐà Nẵng dẫn đầu với 0,8654 điểm.",
        "Năm 2023, {u} đứng thứ {r}, tăng 3 bậc so với năm trước.",
    ),
    lambda v: [],
    {"u": UNITS, "r": nums(12, 30, 7)},
    near_miss=True,
    title="Bản tin kinh tế - xã hội cuối tuần",
)
PROVINCE_IN_COUNTRY_INDEX = Family(
    "off_topic_province_in_gii",
    "rank.position",
    "the country's rank in GII is a fact; a province's rank in a national report is not",
    (GII_2023,),
    ("Việt Nam xếp thứ {r}.\n{u} đứng thứ 5 cả nước về đổi mới sáng tạo.",),
    lambda v: [rank(COUNTRIES[0], v.r)],
    {"u": UNITS, "r": nums(46, 44)},
    near_miss=True,
)


def test_fdi_rank_is_no_fact():
    check(FDI)


def test_football_table_is_no_fact():
    check(FOOTBALL)


def test_hotel_stars_are_no_fact():
    check(HOTEL)


def test_credit_rating_is_no_fact():
    check(CREDIT)


def test_growth_rank_is_no_fact():
    check(GROWTH)


def test_rank_about_something_not_a_component_is_no_fact():
    check(NOT_A_COMPONENT)


def test_national_average_is_no_fact():
    check(NATIONAL_AVERAGE)


def test_another_ranking_named_in_between_blocks():
    check(ANOTHER_RANKING_IN_BETWEEN)


def test_country_in_provincial_index_is_no_fact():
    check(COUNTRY_IN_PROVINCIAL)


def test_province_in_country_index_report_is_no_fact():
    check(PROVINCE_IN_COUNTRY_INDEX)


def test_no_index_named_no_facts():
    check(NO_INDEX)


OFF_TOPIC = [
    FDI,
    FOOTBALL,
    HOTEL,
    CREDIT,
    GROWTH,
    NOT_A_COMPONENT,
    NATIONAL_AVERAGE,
    ANOTHER_RANKING_IN_BETWEEN,
    COUNTRY_IN_PROVINCIAL,
    PROVINCE_IN_COUNTRY_INDEX,
    NO_INDEX,
]
CASES = [case for family in OFF_TOPIC for case in expand(family)]
