"""Pattern parts and traps that several rules share."""

from __future__ import annotations

import re

from extractors.facts import vocab as V
from extractors.facts.units import Sentence
from extractors.text.numbers import parse_number

I = re.IGNORECASE
INT = r"\d{1,3}(?![\d.,]\d)(?!\d)"
YEAR = r"(?:19[89]\d|20\d\d)"
# "xếp hạng năm 2016", "thứ hạng năm nay": "năm" is the year there, not five.
ORD = (
    rf"(?:(?!năm\s+(?:{YEAR}|nay|ngoái|trước|qua|sau|liền|liên tiếp|thứ|này|đó)(?![\w]))"
    rf"{V.alt_of([*V.ORDINAL_WORDS, 'một'])})"
)
# Position words: "vị trí", "thứ hạng", "hạng".
POSITION = V.alt("rank.position")


def value(written: str) -> float:
    return parse_number(written)


# --- regions: a rank inside a region or sub-group is not a fact (FACTS.md) ---

REGION_RE = re.compile(
    rf"(?<![\w])(?!{V.alt('context.not_regions')}(?![\w])){V.alt('context.regions')}(?![\w])", I
)
_REGION_FRAME_RE = re.compile(
    r"(?<![\w])(?:so với|trong|ở|tại|đối với|giữa)\s+(?:các\s+|những\s+)?"
    r"(?:(?:tỉnh|nước|quốc gia|địa phương|nhóm|khối)[\w ,]{0,30}?\s+)?(?:thuộc\s+|trong\s+|có\s+)?"
    rf"(?!{V.alt('context.not_regions')}(?![\w])){V.alt('context.regions')}(?![\w])",
    I,
)
# A sentence about a region: "Vùng Trung du và miền núi phía Bắc có Thái
# Nguyên dẫn đầu" (its leader words are the region's; its numbered ranks,
# "Thái Nguyên (xếp hạng 10)", may still be the country's).
REGION_START_RE = re.compile(
    rf"\s*(?:vùng|khu vực|miền)\s+(?!{V.alt('context.not_regions')}(?![\w]))"
    rf"(?=[^.;]{{0,40}}?{V.alt('context.regions')}(?![\w]))",
    I,
)
# Where a window after a rank stops: the next statement.
_NEXT_METRIC_RE = re.compile(
    rf"\b(?:xếp|đứng|đạt|vị trí|tăng|giảm|tụt|và|cao nhất|thấp nhất)\b|{V.alt('rank.first', 'rank.second')}"
    r"|\(|\d+[.,]\d+",
    I,
)


def regional_after(text: str, sentence: Sentence, pos: int) -> bool:
    """A region named right after a rank, before anything else is stated:
    "hạng 3/13 tỉnh, thành phố khu vực ĐBSCL", "xếp thứ 2 khu vực Tây Nguyên"."""
    # The segment of the last character read: ``pos`` itself may be the ";".
    end = min(sentence.segment_of(max(sentence.start, pos - 1))[1], pos + 60)
    paren = sentence.paren_of(pos)
    if paren:
        end = min(end, paren[1])
    window = text[pos:end]
    stop = _NEXT_METRIC_RE.search(window)
    if stop:
        window = window[: stop.start()]
    return bool(REGION_RE.search(window))


def regional_frame(text: str, sentence: Sentence, pos: int) -> bool:
    """A rank read inside a regional frame: "So với các tỉnh khu vực X, ..."."""
    return bool(_REGION_FRAME_RE.search(text, max(sentence.start, pos - 200), pos))


_NATIONWIDE_AFTER_RE = re.compile(rf"\s*(?:/\s*\d{{1,3}}\s*)?{V.alt('context.nationwide')}(?![\w])", I)
_ENDS_WITH_NAME_RE = re.compile(r"(?:[A-ZĐ][\w.]*\s*){1,4}$")


def regional(text: str, sentence: Sentence, start: int, end: int) -> bool:
    """A rank or change read inside a region: right after it, in a frame
    before it, or in brackets after a regional phrase ("thăng 1 bậc trong
    vùng TD&MNPB (từ vị trí 11 lên 10)").  A rank that says it is the
    country's is not: "trong vùng ĐBSCL, Cần Thơ đứng đầu vùng và xếp thứ
    17 cả nước"."""
    if _NATIONWIDE_AFTER_RE.match(text, end):
        return False
    if regional_after(text, sentence, end) or regional_frame(text, sentence, start):
        return True
    paren = sentence.paren_of(start)
    if paren:
        # Between the bracket and the phrase it follows; a unit named there
        # owns it: "dẫn đầu vùng là Thái Nguyên (47.75 điểm, xếp hạng 10)".
        # The region must frame ("trong vùng X", "khu vực X"), not describe:
        # "5 quốc gia có thu nhập trung bình cao xếp trên Việt Nam là (Trung
        # Quốc xếp hạng 11, ...)" gives world ranks.
        window = text[max(sentence.clause_of(paren[0])[0], paren[0] - 60) : paren[0]]
        return bool(_REGION_FRAME_RE.search(window) or REGION_START_RE.match(window)) and not (
            _ENDS_WITH_NAME_RE.search(window)
        )
    return False


# After a number these make it a count: "xếp hạng 63 tỉnh", "3 năm".
# A capital starts a name, not a count: "xếp thứ nhì Bộ Tư pháp".
COUNT_AFTER_RE = re.compile(
    rf"\s*(?!(?-i:[A-ZĐ]))(?:{V.alt('rank.count_nouns')}|năm(?!\s+(?:19|20)\d\d)|%)(?![\w])"
    # "đứng thứ 2 tỉnh Thái Nguyên": a province's title before its name, no count
    r"(?!\s+(?-i:[A-ZĐ])\w*\s+(?-i:[A-ZĐ]))",
    I,
)

# "/63 tỉnh", "trong 17 bộ", "trên tổng số 63 tỉnh": the size of the ranking.
_GROUP_SIZE_AFTER_RE = re.compile(
    rf"\s*(?:/\s*(?P<den>\d{{1,3}})(?![\d.,]\d)|(?:trong|trên|của)\s+(?:tổng\s+số\s+|số\s+)?(?P<n>\d{{1,3}})"
    rf"\s+(?:{V.alt('rank.unit_nouns')})(?![\w]))",
    I,
)


def group_size_after(text: str, pos: int, limit: int) -> int | None:
    match = _GROUP_SIZE_AFTER_RE.match(text, pos, limit)
    if not match:
        return None
    return int(match.group("den") or match.group("n"))


# "... là <unit>", "... thuộc về <unit>": where the unit a rank belongs to starts.
COPULA_RE = re.compile(
    rf"(?:\s*/\s*\d{{1,3}})?(?:\s+{V.alt('context.nationwide')})?"
    rf"(?:\s+(?:(?:trong|của)\s+)?(?:bảng xếp hạng|\d{{1,3}}\s+(?:{V.alt('rank.unit_nouns')})(?![\w]))"
    r"(?:(?!lần lượt)(?:[^,.;()]|,\s*(?=thành\b|ngành\b|cơ quan\b|thị xã\b|ban\b))){0,45}?)?"
    r"\s*[,:]?\s*(?:vẫn\s+|chính\s+|đều\s+)?(?:là|thuộc về|:)\s+",
    I,
)


def is_word(written: str) -> bool:
    """Whether a written number is a word ("hai", "nhất"), not digits."""
    return not written[0].isdigit()
