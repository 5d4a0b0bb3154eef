"""Normalisation, numbers, dates and the .txt article parser."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone

import pytest

from extractors.text.dates import find_datetime
from extractors.text.normalize import fix_tone_marks, normalize_line, normalize_text, slugify
from extractors.text.numbers import has_fraction, parse_number
from extractors.text.txt import parse_txt

VN = timezone(timedelta(hours=7))


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Khánh Hoà", "Khánh Hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("thuỷ lợi", "thủy lợi"),
        ("Uỷ ban", "Ủy ban"),
        ("sức khoẻ", "sức khỏe"),
        ("quý", "quý"),  # qu + ý, not u + y
        ("Hoàng", "Hoàng"),  # a closed syllable keeps its mark
        ("toán", "toán"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_tone_marks_move_to_the_first_vowel_of_open_syllables(written, expected):
    assert fix_tone_marks(written) == expected


def test_normalize_line_composes_decomposed_unicode_and_flattens_punctuation():
    decomposed = unicodedata.normalize("NFD", "Thừa Thiên – Huế “đứng đầu”\u00a0 bảng")
    assert normalize_line(decomposed) == 'Thừa Thiên - Huế "đứng đầu" bảng'


def test_normalize_text_keeps_paragraphs_and_drops_invisible_characters():
    text = "Dòng một\u200b \r\n\r\n\r\n\r\nDòng\u00adhai  \n"
    assert normalize_text(text) == "Dòng một\n\nDònghai"


def test_slugify_makes_ascii_component_codes():
    assert slugify("vai trò lãnh đạo của chính quyền tỉnh") == "vai_tro_lanh_dao_cua_chinh_quyen_tinh"
    assert slugify("Đắk Lắk") == "dak_lak"


@pytest.mark.parametrize(
    "written, value, fraction",
    [
        ("0,4820", 0.482, True),
        ("70,82", 70.82, True),
        ("91,47", 91.47, True),
        ("1,0000", 1.0, True),
        ("0.40", 0.4, True),  # decimal point copied from English tables
        ("2.07", 2.07, True),
        ("1.000", 1000.0, False),  # thousands dot
        ("12.295", 12295.0, False),
        ("1.234.567", 1234567.0, False),
        ("1.234,5", 1234.5, True),
        ("41", 41.0, False),
        ("hai mươi mốt", 21.0, False),
        ("nhất", 1.0, False),
    ],
)
def test_parse_number_reads_vietnamese_and_english_separators(written, value, fraction):
    assert parse_number(written) == pytest.approx(value)
    if written[0].isdigit():
        assert has_fraction(written) is fraction


@pytest.mark.parametrize(
    "line, expected",
    [
        ("BÍCH LIÊN (thực hiện) 03/10/2019 10:46", datetime(2019, 10, 3, 10, 46, tzinfo=VN)),
        ("Yến Thanh - 27/04/2022 09:22 (GMT+7)", datetime(2022, 4, 27, 9, 22, tzinfo=VN)),
        ("Chủ nhật: 18:53 ngày 25/08/2019", datetime(2019, 8, 25, 18, 53, tzinfo=VN)),
        ("07-03-2026 - 09:40 AM", datetime(2026, 3, 7, 9, 40, tzinfo=VN)),
        ("Thứ sáu, 14/06/2024", datetime(2024, 6, 14, tzinfo=VN)),
    ],
)
def test_find_datetime_reads_day_first_in_vietnam_time(line, expected):
    found = find_datetime(line)
    assert found is not None
    assert found[0] == expected


def test_txt_article_model_file(shared):
    path = shared / "corpus/dev/articles/quang-nam-ict-2018.txt"
    article = parse_txt(path.read_text(encoding="utf-8"), str(path))
    assert article.title == "QuảngNam cải thiện tích cực"
    assert article.authors == ("BÍCH LIÊN",)
    assert article.published_at == datetime(2019, 10, 3, 10, 46, tzinfo=VN)
    assert article.lead.startswith("Trước kết quả chỉ số ICT Index của tỉnh tăng 23 bậc")
    assert article.captions == (
        "Quảng Nam nỗ lực cải cách hành chính, xây dựng chính quyền điện tử. Ảnh: HOÀNG LIÊN",
    )
    assert article.paragraphs[-1].startswith("So với những kết quả đạt được")
    assert "Bình luận" not in article.text and "POWERED BY" not in article.text


def test_txt_drops_furniture_above_the_title_and_teasers_below_the_body(shared):
    path = shared / "corpus/dev/articles/vn-006.txt"
    article = parse_txt(path.read_text(encoding="utf-8"), str(path))
    assert article.title == "Đà Nẵng lần thứ 12 liên tiếp đứng đầu xếp hạng Vietnam ICT Index"
    assert "Khánh Hòa" not in article.text  # the "Tin cùng chuyên mục" teaser
    path = shared / "corpus/dev/articles/vn-043.txt"
    article = parse_txt(path.read_text(encoding="utf-8"), str(path))
    assert article.title == "Tây Ninh tăng 8 bậc trong bảng xếp hạng ICT Index 2019"
    assert "Đọc báo in" not in article.text
    assert article.published_at == datetime(2019, 8, 25, 18, 53, tzinfo=VN)


@pytest.mark.parametrize("bullet", ["-", "–", "•", "+"])
def test_txt_keeps_a_list_its_lead_in_opens_and_drops_the_teasers_after_the_body(bullet):
    text = "\n".join(
        [
            "Long An lần đầu vào nhóm 3 tỉnh dẫn đầu PCI",
            "Hoài Thanh 22/05/2024 07:45",
            "Theo kết quả PCI năm 2023 vừa được công bố, Long An đạt 70,37 điểm, xếp thứ 3/63 tỉnh.",
            "Kết quả cụ thể các chỉ số thành phần PCI 2023 của Long An:",
            f"{bullet} Gia nhập thị trường: 7,85 điểm, hạng 4 (tăng 6 bậc)",
            f"{bullet} Tiếp cận đất đai: 7,02 điểm, hạng 2",
            "Năm 2023, tỉnh tiếp tục tổ chức đánh giá DDCI lần thứ 5.",
            "Các tin khác:" if bullet != "+" else "Xem thêm:",
            f"{bullet} Long An: Đối thoại doanh nghiệp quý II/2024",
        ]
    )
    article = parse_txt(text, "x.txt")
    items = [p for p in article.paragraphs if p.endswith(("(tăng 6 bậc)", "hạng 2"))]
    assert len(items) == 2 and items[0].endswith("Gia nhập thị trường: 7,85 điểm, hạng 4 (tăng 6 bậc)")
    assert "Đối thoại doanh nghiệp" not in article.text


@pytest.mark.parametrize("cue", ["Xem thêm:", "Đọc thêm:", "Tin liên quan:", ">>"])
def test_txt_drops_a_link_to_another_article_inside_the_body(cue):
    text = "\n".join(
        [
            "Huế dẫn đầu PGI năm 2025 với nhiều cải thiện",
            "Một đoạn văn đủ dài về kết quả PGI năm 2025 của thành phố, với hơn hai mươi chữ để"
            " qua ngưỡng thân bài của bài viết này.",
            f"{cue} PCI 2025: Quảng Ninh trở lại ngôi đầu",
            "Đoạn tiếp theo của bài viết vẫn được giữ lại.",
        ]
    )
    article = parse_txt(text, "x.txt")
    assert "Quảng Ninh" not in article.text and "Đoạn tiếp theo" in article.text


@pytest.mark.parametrize("heading", ["Nổi bật ở các trụ cột", "Tin khác biệt của năm nay: chuyển đổi số"])
def test_txt_a_section_heading_that_starts_like_page_furniture_does_not_end_the_article(heading):
    text = "\n".join(
        [
            "DTI 2024: Hà Nội dẫn đầu 34 tỉnh, thành về chuyển đổi số",
            "Một đoạn văn đủ dài về kết quả DTI năm 2024 của các địa phương, với hơn hai mươi chữ để"
            " qua ngưỡng thân bài của bài viết này.",
            heading,
            "Ở trụ cột chính quyền số, Huế đứng đầu với 0,8810.",
            "Nổi bật",
            "Một tin khác ở cuối trang.",
        ]
    )
    article = parse_txt(text, "x.txt")
    assert "Huế đứng đầu" in article.text and "tin khác ở cuối" not in article.text


def test_txt_a_dash_line_with_no_lead_in_still_ends_the_article():
    text = "\n".join(
        [
            "Đà Nẵng dẫn đầu PCI năm 2023 với nhiều cải thiện",
            "Một đoạn văn đủ dài về kết quả PCI năm 2023 của thành phố, với hơn hai mươi chữ để"
            " qua ngưỡng thân bài của bài viết này.",
            "- Khánh Hòa: khai mạc lễ hội biển",
            "Đoạn sau danh sách tin.",
        ]
    )
    article = parse_txt(text, "x.txt")
    assert "Khánh Hòa" not in article.text and "Đoạn sau" not in article.text


def test_txt_without_byline_or_title_keeps_every_paragraph():
    article = parse_txt(
        "Một đoạn văn dài có dấu chấm ở cuối câu, nói về chỉ số PCI năm 2023.\nĐoạn hai.", "x.txt"
    )
    assert article.title is None
    assert [b.text for b in article.blocks] == [
        "Một đoạn văn dài có dấu chấm ở cuối câu, nói về chỉ số PCI năm 2023.",
        "Đoạn hai.",
    ]


@pytest.mark.parametrize(
    "dmy", ["07/03/2026", "7-3-2026", "31.12.1999", "29/02/2024", "29/02/2023", "31/04/2024"]
)
@pytest.mark.parametrize(
    "hm",
    ["", "00:01", "08:01", "23:59", "00:01 AM", "12:00 AM", "12:30 PM", "09:40 PM", "00:30 PM", "7:05 pm"],
)
def test_numeric_dates_read_directly_agree_with_dateparser(dmy, hm):
    from extractors.text.dates import _numeric, parse_datetime

    direct = _numeric(dmy, hm)
    assert direct is None or direct == parse_datetime(f"{dmy.replace('.', '/')} {hm}".strip())
    if dmy not in ("29/02/2023", "31/04/2024"):
        assert direct is not None  # the fast path takes every real date
