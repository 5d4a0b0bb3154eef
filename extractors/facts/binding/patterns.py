"""The named patterns attachment reads: what comes before and after a unit,
a component, a year; what blocks a number."""

from __future__ import annotations

import re

from extractors.facts import vocab as V

I = re.IGNORECASE

_DATELINE_AFTER_RE = re.compile(r"\s*\((?:TTXVN|[A-ZĐ]{2,}\w*\b|[^()]*\d{1,2}/\d{1,2})[^()]*\)")
_LOCATION_BEFORE_RE = re.compile(r"(?:\btại|\bở|diễn ra ở|tổ chức ở|đến|thăm)\s+$", I)
_PRESS_BEFORE_RE = re.compile(r"(?:\bBáo|\bbáo|Đài PT-?TH|Cổng TTĐT|Tạp chí|Trang)\s+$")
# A club, a team or a hotel named after the unit is not the unit: "Đội bóng
# Nam Định", "Câu lạc bộ Hải Phòng", "Khách sạn Mường Thanh Quảng Ninh".
_NAMESAKE_BEFORE_RE = re.compile(
    r"(?:đội bóng|đội tuyển|đội|câu lạc bộ|CLB|khách sạn|sân vận động)(?:\s+[A-ZĐ][\w]*){0,3}\s+$", re.I
)
_NAMESAKE_AFTER_RE = re.compile(r"\s*(?:FC|F\.C\.|United)\b")
_OBJECT_BEFORE_RE = re.compile(
    r"(?:\bsau|\btrên|\bkém|\bhơn|so với|vượt qua|\bvượt|bỏ xa|theo sau|nhường[^,;]{0,30}?cho"
    # "Bắc Ninh soán ngôi Hà Nội": the one dethroned is an object
    r"|soán ngôi|truất ngôi|qua mặt|vượt mặt|đánh bại)\s*$",
    I,
)
_ANAPHOR_START_RE = re.compile(r"\s*\"?(?:Số liệu|Con số|Điểm số|Kết quả) (?:này|đó|trên)\b", I)
_INTRO_WITH_RE = re.compile(r"\s*(?:với|đạt)\b", I)
_LATER_COPULA_RE = re.compile(r"\blà\s+")
_EACH_RE = re.compile(rf"\s*(?:\([^()]*\)\s*)?{V.alt('lists.each')}\b", I)
_LIST_GLUE_RE = re.compile(r"\s*(?:,|và|,\s*và|;)\s*")
# What a list item may carry after its name: "Hà Nội với 84,64 điểm, ...".
_ITEM_TAIL_RE = re.compile(r"\s+(?:với|đạt)\s+(?:số điểm\s+|điểm số\s+)?\d+(?:[.,]\d+)?\s*(?:điểm|%)?", I)
_BARE_MINISTRY_LIST_RE = re.compile(r"các\s+Bộ\s*:\s*", I)

_COMPONENT_CUE_BEFORE_RE = re.compile(
    r"(?:chỉ số|thành phần|trục|lĩnh vực|hạng mục|trụ cột|tiêu chí|yếu tố|khía cạnh|mảng|trong đó|riêng"
    r"|về|ở|là|và|với|đối với"
    r"|:|,|;)"
    r"\s*(?:\"\s*)?"
    r"(?:\S+\s+){0,1}?$"
    # "Hà Nội dẫn đầu chính quyền số": what a leader word leads.
    r"|(?<![\w])(?:dẫn đầu|đứng đầu|đứng số 1|số 1)\s+(?:phân\s+)?$",
    I,
)
_COMPONENT_CUE_AFTER_RE = re.compile(
    r"\s*(?:\"\s*)?(?:\(|xếp|đứng|đạt|là|với|giữ|tăng|giảm|\d|của\s+\S+\s+(?:đứng|dẫn)|"
    r"(?:\S+\s+){0,4}?(?:xếp|đứng|đạt|giữ|tăng|giảm))",
    I,
)
# "xếp thứ 20 về hạ tầng nhân lực ...", "xếp vị trí 4/63 ở chỉ số thành phần 3 về ...",
# "xếp hạng 2 chỉ số hạ tầng kỹ thuật", "dẫn đầu chỉ số ứng dụng CNTT".
_COMPONENT_AFTER_RANK_RE = re.compile(
    r"(?:\s*/\s*\d+)?(?:(?:(?!xếp|đứng|vị trí|hạng)[^\d,;()]){0,30}?(?:về|ở)\s+|\s+(?=phân\s|chỉ số|trụ cột))"
    r"(?:các\s+)?(?:phân\s+)?(?:trụ cột\s+|lĩnh vực\s+|chỉ số phụ\s+|chỉ tiêu\s+)?"
    r"(?:chỉ số\s+)?(?:thành phần\s+)?(?:số\s+)?(?:\d+\s+)?(?:(?:về|liên quan đến)\s+)?(?:\"\s*)?",
    I,
)
_LAST_YEAR_RE = re.compile(r"(?<![\w])(?:năm ngoái|năm trước|năm liền trước|kỳ trước)(?![\w])", I)
_THIS_COMPONENT_RE = re.compile(
    r"(?:chỉ số|chỉ tiêu|lĩnh vực|trụ cột|hạng mục|tiêu chí)(?:\s+thành phần)?\s+(?:này|đó|trên)(?![\w])", I
)
_ALSO_RE = re.compile(r"(?<![\w])cũng(?![\w])", I)
_YEAR_AFTER_GAP_RE = re.compile(r"\s*[,(]?\s*(?:của\s+|trong\s+|vào\s+)?(?:năm\s+)?", I)
_YEAR_BEFORE_GAP_RE = re.compile(r"\s*(?:là|đạt|với)\s*", I)
# "(năm 2017 là 41)": that year heads a value of its own.
_YEAR_HEADS_VALUE_RE = re.compile(r"\s*(?:là|đạt|xếp|đứng)\s+(?:thứ\s+)?\d", I)
# "so với năm 2022", "so sánh với"; not "Để so sánh: năm 2024, ..." (a frame, no baseline).
_COMPARE_CLAUSE_RE = re.compile(r"\bso\s+(?!sánh(?!\s+với))(?:với\s+)?", I)
_OTHER_METRIC_RE = re.compile(r"\d[\d.,]*\s*(?:điểm|%)|xếp|đứng|vị trí|bậc", I)
# "đứng thứ 5 cả nước về thu hút FDI": a ranking that is not an index's.
_OFF_TOPIC_RE = re.compile(rf"(?<![\w]){V.alt('context.off_topic')}(?![\w])", I)
_ABOUT_RE = re.compile(
    r"(?:(?!xếp|đứng|vị trí|hạng|điểm|\bvà\b|[\d(])[^,;])*?(?<![\w])(?<!thuộc )"
    r"(?:về|ở|trong lĩnh vực|ở lĩnh vực|ở mảng|về mặt)\s+",
    I,
)
# "về đích", "ở vị trí", "ở mức": no topic at all.
_NOT_A_TOPIC_RE = re.compile(
    r"(?:đích|nhì|nhất|ba|cuối|sau|trước|số\s+(?:1|một)|thứ|vị trí|mức|tốp|top|cả nước|toàn quốc|trên|"
    r"năm|giai đoạn|kỳ|lần)(?![\w])",
    I,
)
# A sentence that opens on another ranking: "Về thu hút FDI, ...", "Ở bảng
# xếp hạng ... về giải ngân vốn đầu tư công, ...", "Bảng xếp hạng tốc độ tăng
# trưởng xuất khẩu: ...".
_OFF_TOPIC_FRAME_RE = re.compile(
    r"\s*(?:Về|Ở|Trong|Theo)?\s*(?:(?:bảng\s+)?xếp hạng\s+)?[^,:;.]{0,40}?"
    rf"(?<![\w]){V.alt('context.off_topic')}"
    r"(?![\w])[^,:;.]{0,40}[,:]",
    I,
)
_RANK_WORD_RE = re.compile(
    rf"(?<![\w])(?:xếp|đứng|hạng|vị trí|{V.alt('rank.first', 'rank.last')})(?![\w])", I
)
_INDICATOR_RE = re.compile(
    r"\s*(?:thế giới|toàn cầu|cả nước)?\s*về\s+(?P<name>[^,.;()\d]{4,60}?)"
    r"(?=\s*(?:[,.;()]|$|với\b|và\b|so với\b|so\s|trong\s|năm\s|kể từ\b))",
    I,
)
_HYPOTHETICAL_RE = re.compile(rf"(?<![\w]){V.alt('context.hypothetical')}(?![\w])", I)
# A condition and its consequence: "nếu cộng gộp kết quả, PCI 2024 của tỉnh
# mới sẽ tương đương vị trí thứ 8", "nếu loại trừ ..., Hải Phòng sẽ dẫn đầu".
# Not "Nếu như năm 2018 ... thì năm 2022 tỉnh vươn lên thứ 35" (a contrast).
_CONDITIONAL_RE = re.compile(r"(?<![\w])nếu(?![\w])[^;.]*?(?<![\w])sẽ(?![\w])", I)
_FORMER_AFTER_RE = re.compile(rf"\s*(?:\(\s*)?{V.alt('context.former')}(?![\w])", I)
# What may follow "về" and still be about the index: a component or index
# name (checked against the mentions), or these framing words.
_ABOUT_FRAME_RE = re.compile(
    r"(?:(?:các|những|\d+|hai|ba|bốn|năm|sáu|bảy|tám|cả)\s+)?(?:chỉ số|chỉ tiêu|trụ cột|lĩnh vực|trục|"
    r"hạng mục|nội dung|tiêu chí|thành phần|điểm số|tổng điểm|kết quả|mức độ|xếp hạng|bảng xếp hạng|"
    r"thứ hạng|năng lực|chuyển đổi số|cải cách hành chính|hiệu quả|sự hài lòng|mức độ hài lòng)",
    I,
)
