"""Rules that read first and last place in words: "dẫn đầu", "á quân", "đứng cuối
bảng", "điểm cao nhất cả nước"."""

from __future__ import annotations

import re

from extractors.facts import vocab as V
from extractors.facts.records import MetricMention
from extractors.facts.rules import Rule, register
from extractors.facts.rules.common import (
    COPULA_RE,
    REGION_START_RE,
    I,
    group_size_after,
    regional,
)

_LEADER_RE = re.compile(
    rf"(?<![\w])(?P<trig>{V.alt('rank.first', 'rank.second')})(?![\w])",
    I,
)
_SECOND = frozenset(w.lower() for w in V.words("rank.second"))
# A group in front of the leader word: "Top 10 tỉnh ... đứng đầu", "nhóm
# dẫn đầu", "4 trục nội dung dẫn đầu", "5 vị trí dẫn đầu".
# A comma inside a list of unit nouns: "Top 3 địa phương, bộ, ngành", "tỉnh, thành".
_UNIT_COMMA = r",\s*(?=(?:thành|bộ|ngành|địa phương|tỉnh|cơ quan|đơn vị)\b)"
_GROUP_BEFORE_RE = re.compile(
    rf"(?:(?P<top>(?<![\w]){V.alt('rank.groups')}(?![\w]))(?:[^,;]|{_UNIT_COMMA}){{0,40}}$)|"
    r"(?:(?P<count>(?<![\w])(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|các)\s+"
    r"(?:tỉnh|thành|địa phương|bộ|ngành|đơn vị|chỉ số|trục|lĩnh vực|"
    r"vị trí|ngân hàng|doanh nghiệp|trường|cơ quan|tập đoàn)\b)"
    rf"(?:[^;,]|{_UNIT_COMMA})*$)",
    I,
)
# "hai chỉ số thành phần của PCI là A và B của Quảng Ninh đứng đầu".
_COMPONENTS_NAMED_BEFORE_RE = re.compile(
    r"(?:hai|ba|bốn|năm|\d+|các)\s+chỉ số thành phần\b[^;]{0,40}?\blà\b[^;]*$", I
)
# "đạt vị trí cao nhất từ trước đến nay" is a personal best, not first place.
_PERSONAL_BEST_RE = re.compile(
    r"\s*(?:từ trước (?:đến|tới) nay|trong lịch sử|của (?:mình|tỉnh|địa phương)|kể từ)", I
)
# "dẫn đầu ở hai chỉ số", "đứng đầu cả ba chỉ số A, B và C", "dẫn đầu cả
# hai phân chỉ số đầu vào và đầu ra", "xếp thứ nhất ở 4/8 chỉ số thành phần".
_COMPONENT_LIST_AFTER_RE = re.compile(
    r"\s*(?:cả nước|toàn quốc)?\s*(?:(?:ở|về|là)\s+|(?:về\s+)?[\w ]{0,30}?ở\s+|"
    r"\s(?=(?:cả\s+)?(?:hai|ba|bốn|năm|sáu|bảy|tám|\d+|các|những)\s+(?:phân\s+)?(?:chỉ số|trụ cột)))"
    r"(?:(?:cả\s+)?(?:hai|ba|bốn|năm|sáu|bảy|tám|\d+(?:\s*/\s*\d+)?|các|những|cả)\s+)?"
    r"(?:phân\s+)?(?:chỉ số|lĩnh vực|trục|hạng mục|tiêu chí|trụ cột)"
    r"(?!\s+(?:PAPI|PCI|DTI|PGI|SIPAS|PAR|ICT|tổng hợp|chung)\b)",
    I,
)
# "dẫn đầu đoàn" leads a delegation; "đơn vị đã 7 lần dẫn đầu trước đó" tells
# the unit's past, not this edition's rank.
# "quán quân hai năm trước đó": first some editions ago, which the text does not say.
_NOT_A_RANK_AFTER_RE = re.compile(
    r"\s*(?:đoàn|xu hướng|phong trào|trước đó|trước đây|trước kia"
    r"|(?:của\s+)?(?:hai|ba|bốn|năm|\d+)\s+(?:năm|kỳ|lần)\s+trước)(?![\w])",
    I,
)
_GROUP_AFTER_RE = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?(?:trong\s+)?nhóm(?![\w])", I)
# "vị thế dẫn đầu của ...": the leader is whoever follows "của".
_OWNED_BY_RE = re.compile(r"\s+của\s+(?:những|các|nhiều|một số|mọi)\s+", I)
# "..., chấm dứt chuỗi 7 năm liên tiếp Quảng Ninh giữ ngôi quán quân": an
# ended streak in the leader word's clause is someone's past.
_ENDED_STREAK_RE = re.compile(rf"(?<![\w]){V.alt('context.ended')}(?![\w])", I)
# "kém địa phương dẫn đầu 6,39 điểm", "giải hạng nhất": the leader word
# describes someone else, or names a league.
_NOT_A_RANK_BEFORE_RE = re.compile(
    r"(?:(?:kém|thua|so với|sau|cách|bám sát|bằng)\s+(?:\S+\s+){0,2}?"
    r"(?:địa phương|tỉnh|đơn vị|bộ|nước|thành phố)"
    r"|(?<![\w])giải"
    # "vai trò người đứng đầu", "cán bộ đứng đầu": the head of an office, not first place
    r"|(?<![\w])(?:người|cán bộ))\s+$",
    I,
)


def _components_listed_after(ctx, pos: int) -> bool:
    """ "dẫn đầu ở hai chỉ số ...": components follow; not "đứng đầu cả nước
    về chỉ số cải cách hành chính", the index itself by its name."""
    listed = _COMPONENT_LIST_AFTER_RE.match(ctx.text, pos)
    if listed is None:
        return False
    end = listed.end()
    return not any(end - 12 <= i.start <= end + 2 for i in ctx.doc.within(ctx.doc.indices, pos, end + 3))


_GROUP_WORD_RE = re.compile(rf"(?<![\w]){V.alt('rank.groups')}(?![\w])", I)


@register
class LeaderRule(Rule):
    """First place in words: "dẫn đầu", "đứng đầu", "quán quân", "ngôi đầu",
    "vị trí cao nhất", "hạng nhất", "đứng nhất" (= 1); "á quân" (= 2).

    Traps: "Top 10 tỉnh ... đứng đầu", "nằm trong nhóm dẫn đầu", "4 trục nội
    dung dẫn đầu" (groups, not a rank); "dẫn đầu đoàn" (led a delegation);
    "dẫn đầu khu vực phía Bắc" (regional).  "dẫn đầu ở hai chỉ số thành phần
    là ..." ranks the components, not the whole index.
    """

    name = "rank.leader"
    stage = "metric"
    order = 40
    vocabulary = ("rank.first", "rank.second", "rank.groups")

    def find(self, ctx) -> list[MetricMention]:
        text, s = ctx.text, ctx.s
        found = []
        for match in _LEADER_RE.finditer(text, s.start, s.end):
            trig = " ".join(match.group("trig").lower().split())
            segment_start = s.segment_of(match.start())[0]
            head_start = max(segment_start, match.start() - 60)
            group = _GROUP_BEFORE_RE.search(text, head_start, match.start())
            # "Khối các cơ quan ..., BHXH Việt Nam tiếp tục đứng đầu": a named
            # subject after the group phrase makes it a frame, not the subject.
            phrase_end = (
                group.end("top") if group and group.group("top") else group.end("count") if group else 0
            )
            if group and any(phrase_end <= e.start and e.end <= match.start() for e in ctx.entities):
                group = None
            copula = COPULA_RE.match(text, match.end())
            if (
                group
                and (group.group("count") or "").lower().startswith("các")
                and copula
                and any(e.start == copula.end() for e in ctx.entities)
                and not _GROUP_WORD_RE.search(text, group.end("count"), match.start())
            ):
                group = None  # "xếp hạng các tỉnh, thành phố thì đứng đầu vẫn là Quảng Ninh": a frame
            if group:
                head = text[head_start : match.start()]
                # "2 chỉ số thành phần dẫn đầu cả nước là ..." still names components
                # not "vào top 5 địa phương dẫn đầu về chỉ số ...": a top group of units
                if (_components_listed_after(ctx, match.end()) and not group.group("top")) or re.search(
                    r"chỉ số thành phần|trục|lĩnh vực", head, I
                ):
                    mention = MetricMention(
                        "rank", [(1.0, match.start(), match.end())], match.start(), match.end(), self.name
                    )
                    mention.component_list = True
                    found.append(mention)
                continue
            if _NOT_A_RANK_AFTER_RE.match(text, match.end()):
                continue
            if _GROUP_AFTER_RE.match(text, match.end()):
                continue  # "Đứng đầu (trên tổng số 26 nước) nhóm các quốc gia ...": a group's first
            if _OWNED_BY_RE.match(text, match.end()):
                continue  # "thách thức vị thế dẫn đầu của những cường quốc": someone else's
            if _ENDED_STREAK_RE.search(text, s.clause_of(match.start())[0], match.start()):
                continue
            if _NOT_A_RANK_BEFORE_RE.search(text, max(s.start, match.start() - 40), match.start()):
                continue
            if trig == "vị trí cao nhất" and _PERSONAL_BEST_RE.match(text, match.end()):
                continue
            number = 2.0 if trig in _SECOND else 1.0
            mention = MetricMention(
                "rank", [(number, match.start(), match.end())], match.start(), match.end(), self.name
            )
            if _components_listed_after(ctx, match.end()):
                mention.component_list = True
            copula = COPULA_RE.match(text, match.end())
            if copula and copula.end() < s.end:
                mention.copula_at = copula.end()
            if _COMPONENTS_NAMED_BEFORE_RE.search(text, segment_start, match.start()):
                mention.component_list = True
            mention.regional = regional(text, s, match.start(), match.end()) or bool(
                REGION_START_RE.match(text, s.start, match.start())
            )
            found.append(mention)
        return found


@register
class LastPlaceRule(Rule):
    """Last place, a rank only where the article says how many units were
    ranked (FACTS.md): "Đứng cuối bảng xếp hạng ... là tỉnh Kiên Giang" in an
    article about 63 provinces is 63; "Vị trí cuối cùng, Ủy ban Dân tộc" of
    19 ministries is 19.  "Ba vị trí cuối cùng" gives no rank."""

    name = "rank.last"
    stage = "metric"
    order = 45
    vocabulary = ("rank.last",)
    pattern = re.compile(rf"(?<![\w]){V.alt('rank.last')}(?:\s+cùng)?(?![\w])", I)
    _OF_A_GROUP_RE = re.compile(r"\s*(?:của\s+|trong\s+)?(?:nhóm|khối|tốp|top)(?![\w])", I)
    _COUNTED_BEFORE_RE = re.compile(
        r"(?<![\w])(?:\d+|hai|ba|bốn|năm|các|những|nhóm|top|tốp)\s+(?:(?P<noun>\S+)\s+)?$", I
    )

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            if self._OF_A_GROUP_RE.match(ctx.text, match.end()):
                continue  # "Đứng cuối nhóm này là Bộ Xây dựng, ở vị trí thứ 20": last of a group
            counted = self._COUNTED_BEFORE_RE.search(
                ctx.text, max(ctx.s.start, match.start() - 20), match.start()
            )
            if counted and not (counted.group("noun") or "x")[0].isupper():
                continue  # "Ba vị trí cuối cùng", "nhóm cuối bảng"; not "huyện Ba Chẽ xếp cuối"
            mention = MetricMention("rank", [(0.0, *match.span())], match.start(), match.end(), self.name)
            mention.flags.add("last")
            # "xếp cuối trong 22 sở, ngành": the size of the ranking it closes.
            mention.group_size = group_size_after(ctx.text, match.end(), ctx.s.end)
            copula = COPULA_RE.match(ctx.text, match.end())
            if copula and copula.end() < ctx.s.end:
                mention.copula_at = copula.end()
            mention.regional = regional(ctx.text, ctx.s, match.start(), match.end())
            found.append(mention)
        return found


@register
class HighestScoreRule(Rule):
    """The highest score in the country is first place (FACTS.md): "có số
    điểm ở hạng mục cung ứng dịch vụ công cao nhất trên cả nước", "đạt điểm
    cao nhất cả nước", "đạt 7,21 điểm, cao nhất cả nước", "có chỉ số hài lòng
    cao nhất cả nước"; the lowest of a stated number is last ("chỉ số hài
    lòng thấp nhất trong 34 địa phương" is 34).  Not within a region ("cao
    nhất khu vực"), not a group ("nhóm cao nhất")."""

    name = "rank.highest_score"
    stage = "metric"
    order = 46
    pattern = re.compile(
        r"(?<![\w])(?:số điểm|điểm số|tổng điểm|điểm|chỉ số|mức độ hài lòng)(?P<what>[^.;()]{0,60}?|\s*,)\s+"
        r"(?P<top>cao nhất|thấp nhất)(?:\s+(?:trên\s+|trong\s+)?(?:cả nước|toàn quốc)(?![\w])|"
        r"(?=\s+(?:trong|trên|của)\s+(?:tổng\s+số\s+)?\d{1,3}\s))",
        I,
    )
    # "có điểm cao nhất ở chỉ số trách nhiệm giải trình", "đạt điểm cao nhất
    # ở chỉ số thành phần chi phí thời gian", "có điểm cao nhất về cơ chế,
    # chính sách": first in the component named right after.
    _IN_COMPONENT_RE = re.compile(
        r"(?<![\w])(?:có|đạt|giành(?:\s+được)?)\s+(?:số\s+)?điểm(?:\s+số)?\s+"
        r"(?P<top>cao nhất)\s+(?:ở|về|tại)\s+"
        r"(?:(?:chỉ số|phân chỉ số|tiêu chí|trụ cột|lĩnh vực|nội dung)(?:\s+thành phần)?\s+(?:về\s+)?)?",
        I,
    )
    # "Ở chỉ số thành phần X, Sở Tư pháp đạt điểm cao nhất (8,65 điểm)": first in
    # the component the clause names before; not "cao nhất khu vực", "từ trước đến nay".
    _FRAMED_RE = re.compile(
        r"(?<![\w])(?:có|đạt|giành(?:\s+được)?)\s+(?:số\s+)?điểm(?:\s+số)?\s+(?P<top>cao nhất)"
        r"(?=\s*(?:\(|[,.;]|$|(?:cả nước|toàn quốc|với)(?![\w])))",
        I,
    )
    _GROUP_RE = re.compile(rf"(?<![\w]){V.alt('rank.groups')}\s*$", I)
    _IN_GROUP_RE = re.compile(rf"(?<![\w]){V.alt('rank.groups')}\s+(?:có|đạt|với)?\s*$", I)

    def find(self, ctx) -> list[MetricMention]:
        found = []
        for match in self.pattern.finditer(ctx.text, ctx.s.start, ctx.s.end):
            if self._GROUP_RE.search(
                ctx.text, match.start("what"), match.start("top")
            ) or self._IN_GROUP_RE.search(ctx.text, max(ctx.s.start, match.start() - 30), match.start()):
                continue  # "nằm trong nhóm (có điểm) cao nhất toàn quốc": a group
            top = match.span("top")
            mention = MetricMention("rank", [(1.0, *top)], top[0], match.end(), self.name)
            mention.group_size = group_size_after(ctx.text, match.end(), ctx.s.end)
            if match.group("top").lower() == "thấp nhất":
                # "có chỉ số hài lòng thấp nhất trong 34 địa phương": last of those ranked.
                mention.flags.add("last")
            found.append(mention)
        for match in self._IN_COMPONENT_RE.finditer(ctx.text, ctx.s.start, ctx.s.end):
            if any(match.end() - 1 <= c.start <= match.end() + 1 for c in ctx.components):
                top = match.span("top")
                mention = MetricMention("rank", [(1.0, *top)], top[0], top[1], self.name)
                mention.flags.add("needs_component")  # of the index it binds to, or no fact
                found.append(mention)
        for match in self._FRAMED_RE.finditer(ctx.text, ctx.s.start, ctx.s.end):
            clause = ctx.s.clause_of(match.start())
            if _GROUP_WORD_RE.search(ctx.text, clause[0], match.start()):
                continue  # "được đánh giá ở nhóm địa phương có điểm số cao nhất": a group
            if any(c.end <= clause[0] and ctx.s.paren_of(c.start) is None for c in ctx.components):
                top = match.span("top")
                mention = MetricMention("rank", [(1.0, *top)], top[0], top[1], self.name)
                mention.flags.add("needs_component")
                found.append(mention)
        return found
