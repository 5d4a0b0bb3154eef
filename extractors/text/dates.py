"""Publication dates in Vietnamese page text, read with dateparser."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

TIMEZONE = "Asia/Ho_Chi_Minh"

# "03/10/2019 10:46", "27/04/2022 09:22 (GMT+7)", "19/05/2020 - 16:12",
# "Chủ nhật: 18:53 ngày 25/08/2019", "07-03-2026 - 09:40 AM", "Thứ sáu, 14/06/2024"
_DMY = r"\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}"
_HM = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?"
DATETIME_RE = re.compile(
    rf"(?:(?P<hm1>{_HM})\s*(?:,|-)?\s*(?:ngày\s+)?)?(?P<dmy>{_DMY})"
    rf"(?:\s*(?:-|,|lúc)?\s*(?P<hm2>{_HM}))?(?P<tz>\s*\(?GMT\s*\+\s*7\)?)?",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _parser():
    # Building the DateDataParser loads dateparser's language data once.
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["vi", "en"],
        settings={
            "DATE_ORDER": "DMY",
            "TIMEZONE": TIMEZONE,
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


def parse_datetime(text: str) -> datetime | None:
    """Parse a date/time string (day first, Vietnam time when no zone is given)."""
    text = text.strip()
    if not text:
        return None
    try:
        data = _parser().get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    return data.date_obj if data and data.date_obj else None


def find_datetime(line: str) -> tuple[datetime, re.Match[str]] | None:
    """The first day-first date (with its time, if written) in a line of text."""
    for match in DATETIME_RE.finditer(line):
        hm = match.group("hm1") or match.group("hm2") or ""
        hm = hm.replace("h", ":").replace("H", ":")
        parsed = parse_datetime(f"{match.group('dmy').replace('.', '/')} {hm}".strip())
        if parsed is not None:
            return parsed, match
    return None
