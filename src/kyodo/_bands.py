"""Reading and writing the bands of a grading scheme as text: ">= 110%", "80%以上110%未満", "otherwise".

A band is an interval of rates. Legends print them 「X%以上Y%未満」 (closed
below, open above); kyodo reads that form, the same in symbols
(``80% <= rate < 110%``, ``≥ 110%``, ``< 50%``), and ``otherwise`` (その他)
for the rest. A number with % is a percentage; without, a ratio (1.1, 11/10).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Final

from kyodo._limits import label_problem, number_problem, quotable
from kyodo.errors import ParseError

#: (lower, lower inclusive, upper, upper inclusive); None means unbounded.
BandBounds = tuple[Fraction | None, bool, Fraction | None, bool]

_A_BAND: Final = ("a grade band", "評価の区分")
_EXPECTED: Final = (
    "a band such as '>= 110%', '80% <= rate < 110%', '80%以上110%未満', '50%未満' or 'otherwise'",
    "'80%以上110%未満'、'50%未満'、'>= 110%'、'その他' のような区分",
)
# Every unbounded repeat is possessive (*+, ++): none is followed by anything it could give
# back to, and runs of spaces on both sides of an optional % backtracked quadratically.
_NUMBER: Final = r"(-?\d++(?:\.\d++)?+(?:/\d++)?+)\s*+(%?)"
_OTHERWISE: Final = {"otherwise", "その他", "それ以外", "else"}
_SYMBOL_ONE: Final = re.compile(rf"\s*+(>=|<=|>|<)\s*+{_NUMBER}\s*+")
_SYMBOL_RANGE: Final = re.compile(rf"\s*+{_NUMBER}\s*+(<=|<)\s*+[A-Za-z_]\w*+\s*+(<=|<)\s*+{_NUMBER}\s*+")
_JAPANESE: Final = re.compile(rf"\s*+(?:{_NUMBER}\s*+(以上|超)\s*+)?(?:{_NUMBER}\s*+(未満|以下)\s*+)?")


def _number(raw: str, text: str, digits: str, percent: str, start: int) -> Fraction:
    if not percent and "." not in digits and "/" not in digits:
        raise ParseError(
            raw,
            _A_BAND,
            (f"{digits!r} has no %", f"{digits!r} に % がない"),
            column=start + 1,
            expected=(
                f"{digits}% for a percentage, or a ratio with a point or a slash (1.1, 11/10)",
                f"百分率なら {digits}%、比なら小数点か斜線つき（1.1、11/10）",
            ),
        )
    numerator, _slash, denominator = digits.partition("/")
    problem = number_problem(Decimal(numerator)) or (number_problem(int(denominator)) if denominator else None)
    if problem is not None:
        raise ParseError(raw, _A_BAND, problem, column=start + 1, expected=_EXPECTED)
    try:
        value = Fraction(digits)
    except (ValueError, ZeroDivisionError):
        raise ParseError(
            raw,
            _A_BAND,
            (f"{digits!r} is not a number", f"{digits!r} は数ではない"),
            column=start + 1,
            expected=_EXPECTED,
        ) from None
    return value / 100 if percent else value


def parse_band(text: str) -> BandBounds:
    """Read a band's text into its bounds.

    >>> parse_band("80%以上110%未満")
    (Fraction(4, 5), True, Fraction(11, 10), False)
    >>> parse_band(">= 110%"), parse_band("otherwise")
    ((Fraction(11, 10), True, None, False), (None, False, None, False))
    """
    if not isinstance(text, str):
        kind = type(text).__name__
        raise ParseError(
            quotable(text),
            _A_BAND,
            (f"expected a str, got {kind}", f"文字列ではなく {kind} が渡された"),
            expected=_EXPECTED,
        )
    problem = label_problem(text)
    if problem is not None:
        raise ParseError(text, _A_BAND, problem, expected=_EXPECTED)
    normalised = unicodedata.normalize("NFKC", text).replace("≥", ">=").replace("≤", "<=").replace("＝", "=")
    if normalised.strip().casefold() in _OTHERWISE:
        return (None, False, None, False)
    match = _SYMBOL_ONE.fullmatch(normalised)
    if match is not None:
        value = _number(text, normalised, match[2], match[3], match.start(2))
        operator = match[1]
        if operator in (">=", ">"):
            return (value, operator == ">=", None, False)
        return (None, False, value, operator == "<=")
    match = _SYMBOL_RANGE.fullmatch(normalised)
    if match is not None:
        low = _number(text, normalised, match[1], match[2], match.start(1))
        high = _number(text, normalised, match[5], match[6], match.start(5))
        return (low, match[3] == "<=", high, match[4] == "<=")
    match = _JAPANESE.fullmatch(normalised)
    if match is not None and (match[1] is not None or match[4] is not None):
        lower = None if match[1] is None else _number(text, normalised, match[1], match[2], match.start(1))
        upper = None if match[4] is None else _number(text, normalised, match[4], match[5], match.start(4))
        return (lower, match[3] == "以上", upper, match[6] == "以下")
    column = next((index + 1 for index, char in enumerate(normalised) if not char.isspace()), None)
    return _fail(text, column)


def _fail(text: str, column: int | None) -> BandBounds:
    raise ParseError(
        text,
        _A_BAND,
        ("it is not a band kyodo reads", "kyodo が読める区分ではない")
        if text.strip()
        else ("the text is empty", "空である"),
        column=column,
        expected=_EXPECTED,
    )


def format_rate(value: Fraction) -> str:
    """A rate as a percentage if it has a finite decimal form, else as a ratio: 110%, 66.5%, 2/3.

    >>> format_rate(Fraction(11, 10)), format_rate(Fraction(133, 200)), format_rate(Fraction(2, 3))
    ('110%', '66.5%', '2/3')
    """
    percent = value * 100
    denominator = percent.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    places = 0
    scaled = percent
    while scaled.denominator != 1:
        scaled *= 10
        places += 1
    sign = "-" if scaled < 0 else ""
    whole, fraction = divmod(abs(scaled.numerator), 10**places)
    return f"{sign}{whole}.{fraction:0{places}d}%"


def format_band(bounds: BandBounds) -> str:
    """The canonical text of a band: '>= 110%', '80% <= rate < 110%', '< 50%', 'otherwise'.

    >>> format_band(parse_band("80%以上110%未満"))
    '80% <= rate < 110%'
    """
    low, low_inclusive, high, high_inclusive = bounds
    if low is None and high is None:
        return "otherwise"
    if high is None:
        assert low is not None
        return f"{'>=' if low_inclusive else '>'} {format_rate(low)}"
    if low is None:
        return f"{'<=' if high_inclusive else '<'} {format_rate(high)}"
    return f"{format_rate(low)} {'<=' if low_inclusive else '<'} rate {'<=' if high_inclusive else '<'} {format_rate(high)}"
