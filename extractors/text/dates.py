"""Publication dates in Vietnamese page text, read with dateparser."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

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
        parsed = _numeric(match.group("dmy"), hm)
        if parsed is None:
            parsed = parse_datetime(f"{match.group('dmy').replace('.', '/')} {hm}".strip())
        if parsed is not None:
            return parsed, match
    return None


_VIETNAM = ZoneInfo(TIMEZONE)


def _numeric(dmy: str, hm: str) -> datetime | None:
    """ "07/03/2026" and "08:01" (or "09:40 AM") as the pattern already split
    them: day first, Vietnam time.  Building the datetime directly gives what
    dateparser gives for these (tests/extractors/test_text.py holds the two
    together), a thousand times faster: dateparser takes a millisecond a
    call.  Anything else goes to dateparser."""
    hm = hm.strip()
    meridiem = hm[-2:].upper() if hm[-2:].upper() in ("AM", "PM") else ""
    clock = hm[:-2].strip() if meridiem else hm
    try:
        day, month, year = (int(part) for part in re.split(r"[/.-]", dmy))
        hour, minute, second = ([int(x) for x in clock.split(":")] + [0, 0])[:3] if clock else (0, 0, 0)
        if meridiem and hour > 12:
            return None  # "13:00 PM": let dateparser judge
        if meridiem and hour:  # "00:30 PM" stays 00:30, as dateparser reads it
            hour = hour % 12 + (12 if meridiem == "PM" else 0)
        return datetime(year, month, day, hour, minute, second, tzinfo=_VIETNAM)
    except ValueError:
        return None
