"""Reading numbers the way Vietnamese news writes them.

Vietnamese uses a decimal comma and a thousands dot ("0,4820", "12.295"), but
articles copied from English tables use a decimal point ("0.40", "2.07").
:func:`parse_number` settles each written form once; rules never look at the
separators themselves.
"""

from __future__ import annotations

import math
import re

# A written number: digits with optional dot/comma groups.  Not preceded or
# followed by a letter or digit, so "499/QĐ" and "T5" stay out of it.
NUMBER = r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])"
NUMBER_RE = re.compile(NUMBER)

_DIGITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "nhất": 1,
    "hai": 2,
    "nhì": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}

# Words for 1..99 as they appear in "tăng một hạng", "xếp thứ hai",
# "mười hai bậc", "hai mươi mốt".
NUMBER_WORDS: dict[str, int] = {}
for _word, _value in _DIGITS.items():
    if _word not in ("không", "mốt", "lăm"):
        NUMBER_WORDS[_word] = _value
NUMBER_WORDS["mười"] = 10
for _word, _value in _DIGITS.items():
    if _value and _word not in ("nhất", "nhì", "tư", "mốt"):
        NUMBER_WORDS[f"mười {_word}"] = 10 + _value
for _tens_word, _tens in _DIGITS.items():
    if _tens >= 2 and _tens_word not in ("nhì", "tư", "lăm", "mốt"):
        NUMBER_WORDS[f"{_tens_word} mươi"] = 10 * _tens
        for _word, _value in _DIGITS.items():
            if _value and _word not in ("nhất", "nhì", "một"):
                NUMBER_WORDS[f"{_tens_word} mươi {_word}"] = 10 * _tens + _value

# Ordinals after "thứ": "thứ nhất", "thứ nhì", "thứ tư" ...
ORDINAL_WORDS = {w: v for w, v in NUMBER_WORDS.items() if w not in ("một",)}

_WORD_ALTERNATION = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
NUMBER_WORD = rf"(?:{_WORD_ALTERNATION})(?![\w])"


def parse_number(written: str) -> float:
    """The value of a written number ("0,4820" -> 0.482, "12.295" -> 12295)."""
    text = written.strip()
    if not text:
        raise ValueError("empty number")
    lowered = text.lower()
    if lowered in NUMBER_WORDS:
        return float(NUMBER_WORDS[lowered])
    if "." in text and "," in text:
        # The later separator is the decimal one: "1.234,5" and "1,234.5".
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if text.count(decimal) > 1:  # "0,0.00.0": no decimal reading; take the digits
            return float(text.replace(",", "").replace(".", ""))
        return float(text.replace(thousands, "").replace(decimal, "."))
    if "," in text:
        if text.count(",") > 1:
            return float(text.replace(",", ""))
        return float(text.replace(",", "."))
    if "." in text:
        groups = text.split(".")
        if len(groups) > 2:
            return float(text.replace(".", ""))
        whole, frac = groups
        # "12.295" is twelve thousand; "0.40", "2.07", "0.725" are decimals.
        if len(frac) == 3 and whole != "0" and whole.lstrip("0"):
            return float(whole + frac)
        return float(text)
    return float(text)


def has_fraction(written: str) -> bool:
    """Whether a written number has a fractional part ("72,80" yes, "1.000" no)."""
    value = parse_number(written)
    if not value.is_integer():  # also false for a number too long for a float ("1,1,1,...")
        return math.isfinite(value)
    text = written.strip()
    if "," in text and text.count(",") == 1 and "." not in text:
        return True  # "1,0000" or "72,80" is written as a decimal
    if "." in text and text.count(".") == 1 and "," not in text:
        whole, frac = text.split(".")
        return not (len(frac) == 3 and whole.lstrip("0"))
    return False
