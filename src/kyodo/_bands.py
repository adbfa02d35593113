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
from kyodo.errors import ParseError, code_of

#: (lower, lower inclusive, upper, upper inclusive); None means unbounded.
BandBounds = tuple[Fraction | None, bool, Fraction | None, bool]

#: The units a band's numbers are in (the values of :class:`kyodo.bases.Unit`).
UNITS: Final = ("percent", "points", "score", "value")
#: How each unit's numbers are marked in a band's text.
_SUFFIXES: Final = {"%": "percent", "ポイント": "points", "pt": "points", "点": "score"}
_WRITTEN: Final = {"percent": "%", "points": "pt", "score": "点", "value": ""}

_A_BAND: Final = ("a grade band", "評価の区分")
_EXPECTED: Final = (
    "a band such as '>= 110%', '80% <= rate < 110%', '80%以上110%未満', '50%未満', '±3ポイント未満' or 'otherwise'",
    "'80%以上110%未満'、'50%未満'、'>= 110%'、'±3ポイント未満'、'その他' のような区分",
)
# Every unbounded repeat is possessive (*+, ++): none is followed by anything it could give
# back to, and runs of spaces on both sides of an optional % backtracked quadratically.
_NUMBER: Final = r"([-+]?+\d++(?:\.\d++)?+(?:/\d++)?+)\s*+((?:%|ポイント|pt|点)?+)"
_OTHERWISE: Final = {"otherwise", "その他", "それ以外", "else"}
_SYMBOL_ONE: Final = re.compile(rf"\s*+(>=|<=|>|<)\s*+{_NUMBER}\s*+")
_SYMBOL_RANGE: Final = re.compile(rf"\s*+{_NUMBER}\s*+(<=|<)\s*+[A-Za-z_]\w*+\s*+(<=|<)\s*+{_NUMBER}\s*+")
_JAPANESE: Final = re.compile(rf"\s*+(?:{_NUMBER}\s*+(以上|超)\s*+)?(?:{_NUMBER}\s*+(未満|以下)\s*+)?")
# A tolerance band around 0, as legends print it: ±3ポイント未満 (both excluded), ±10%以内 (both included).
_TOLERANCE: Final = re.compile(rf"\s*+±\s*+{_NUMBER}\s*+(未満|以内|以下)\s*+")
# Minus signs as Japanese tables print them: − (U+2212), △ and ▲ (会計の負数).
_MINUS: Final = str.maketrans({"−": "-", "△": "-", "▲": "-"})


def _unit_problem(digits: str, suffix: str, unit: str) -> tuple[str, str] | None:
    """Why a number written with ``suffix`` cannot be in ``unit``, or None."""
    if suffix:
        written = _SUFFIXES[suffix]
        if written != unit:
            return (
                f"{digits}{suffix} is in {written}, but the band is in {unit}",
                f"{digits}{suffix} の単位は {written} だが、区分の単位は {unit}",
            )
        return None
    if unit == "percent" and "." not in digits and "/" not in digits:
        return (f"{digits!r} has no %", f"{digits!r} に % がない")
    return None


def _number(raw: str, digits: str, suffix: str, unit: str, start: int) -> Fraction:
    wrong_unit = _unit_problem(digits, suffix, unit)
    if wrong_unit is not None:
        expected = (
            (
                f"{digits}% for a percentage, or a ratio with a point or a slash (1.1, 11/10)",
                f"百分率なら {digits}%、比なら小数点か斜線つき（1.1、11/10）",
            )
            if unit == "percent" and not suffix
            else (
                f"a number in {unit}: {digits}{_WRITTEN[unit]}",
                f"{unit} の数（{digits}{_WRITTEN[unit]}）",
            )
        )
        raise ParseError(raw, _A_BAND, wrong_unit, column=start + 1, expected=expected, code="bad_band")
    numerator, _slash, denominator = digits.partition("/")
    problem = number_problem(Decimal(numerator)) or (number_problem(int(denominator)) if denominator else None)
    if problem is not None:
        raise ParseError(raw, _A_BAND, problem, column=start + 1, expected=_EXPECTED, code=code_of(problem, "bad_band"))
    try:
        value = Fraction(digits)
    except (ValueError, ZeroDivisionError):
        raise ParseError(
            raw,
            _A_BAND,
            (f"{digits!r} is not a number", f"{digits!r} は数ではない"),
            column=start + 1,
            expected=_EXPECTED,
            code="bad_band",
        ) from None
    return value / 100 if suffix == "%" else value


def _unit_of(raw: str, match: re.Match[str], groups: tuple[int, ...], unit: str | None) -> str:
    """The unit of a band: ``unit`` where given, else the one its numbers' marks agree on (percent unmarked)."""
    if unit is not None:
        if unit not in UNITS:
            raise ParseError(
                raw,
                _A_BAND,
                (f"{unit!r} is not a unit", f"{unit!r} は単位ではない"),
                expected=(", ".join(UNITS),) * 2,
                code="bad_band",
            )
        return unit
    marked = {_SUFFIXES[match[group]] for group in groups if match[group]}
    if len(marked) > 1:
        raise ParseError(
            raw,
            _A_BAND,
            (f"the numbers are in different units: {' and '.join(sorted(marked))}", "数の単位がそろっていない"),
            expected=_EXPECTED,
            code="bad_band",
        )
    return marked.pop() if marked else "percent"


def parse_band(text: str, unit: str | None = None) -> BandBounds:
    """Read a band's text into its bounds.

    >>> parse_band("80%以上110%未満")
    (Fraction(4, 5), True, Fraction(11, 10), False)
    >>> parse_band(">= 110%"), parse_band("otherwise")
    ((Fraction(11, 10), True, None, False), (None, False, None, False))
    >>> parse_band("±3ポイント未満"), parse_band("16以上", "score")
    ((Fraction(-3, 1), False, Fraction(3, 1), False), (Fraction(16, 1), True, None, False))
    """
    return parse_band_unit(text, unit)[0]


def parse_band_unit(text: str, unit: str | None = None) -> tuple[BandBounds, str]:
    """A band's bounds and unit: ``unit`` where given (its numbers may then go unmarked), else as marked.

    >>> parse_band_unit("△10%以上0%以下")
    ((Fraction(-1, 10), True, Fraction(0, 1), True), 'percent')
    >>> parse_band_unit("-3pt < change < 3pt")[1], parse_band_unit("0以下", "value")[1]
    ('points', 'value')
    """
    if not isinstance(text, str):
        kind = type(text).__name__
        raise ParseError(
            quotable(text),
            _A_BAND,
            (f"expected a str, got {kind}", f"文字列ではなく {kind} が渡された"),
            expected=_EXPECTED,
            code="not_text",
        )
    problem = label_problem(text)
    if problem is not None:
        raise ParseError(text, _A_BAND, problem, expected=_EXPECTED)
    normalised = (
        unicodedata.normalize("NFKC", text).translate(_MINUS).replace("≥", ">=").replace("≤", "<=").replace("＝", "=")
    )
    if normalised.strip().casefold() in _OTHERWISE:
        return (None, False, None, False), unit or "percent"
    match = _SYMBOL_ONE.fullmatch(normalised)
    if match is not None:
        found = _unit_of(text, match, (3,), unit)
        value = _number(text, match[2], match[3], found, match.start(2))
        operator = match[1]
        if operator in (">=", ">"):
            return (value, operator == ">=", None, False), found
        return (None, False, value, operator == "<="), found
    match = _SYMBOL_RANGE.fullmatch(normalised)
    if match is not None:
        found = _unit_of(text, match, (2, 6), unit)
        low = _number(text, match[1], match[2], found, match.start(1))
        high = _number(text, match[5], match[6], found, match.start(5))
        return (low, match[3] == "<=", high, match[4] == "<="), found
    match = _TOLERANCE.fullmatch(normalised)
    if match is not None:
        found = _unit_of(text, match, (2,), unit)
        width = _number(text, match[1], match[2], found, match.start(1))
        inclusive = match[3] != "未満"
        return (-abs(width), inclusive, abs(width), inclusive), found
    match = _JAPANESE.fullmatch(normalised)
    if match is not None and (match[1] is not None or match[4] is not None):
        found = _unit_of(text, match, (2, 5), unit)
        lower = None if match[1] is None else _number(text, match[1], match[2], found, match.start(1))
        upper = None if match[4] is None else _number(text, match[4], match[5], found, match.start(4))
        return (lower, match[3] == "以上", upper, match[6] == "以下"), found
    column = next((index + 1 for index, char in enumerate(normalised) if not char.isspace()), None)
    return _fail(text, column)


def _fail(text: str, column: int | None) -> tuple[BandBounds, str]:
    raise ParseError(
        text,
        _A_BAND,
        ("it is not a band kyodo reads", "kyodo が読める区分ではない")
        if text.strip()
        else ("the text is empty", "空である"),
        column=column,
        expected=_EXPECTED,
        code="bad_band",
    )


def format_number(value: Fraction, unit: str) -> str:
    """A bound in its unit as a band's text writes it: 110%, 2/3, 3pt, 16点, 0.5.

    >>> format_number(Fraction(-3), "points"), format_number(Fraction(33, 2), "score"), format_number(Fraction(1, 3), "value")
    ('-3pt', '16.5点', '1/3')
    """
    if unit == "percent":
        return format_rate(value)
    return _decimal_text(value) + _WRITTEN[unit]


def _decimal_text(value: Fraction) -> str:
    """``value`` in decimals where it has a finite decimal form, else as a ratio."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    places, scaled = 0, value
    while scaled.denominator != 1:
        scaled *= 10
        places += 1
    if not places:
        return str(scaled.numerator)
    sign = "-" if scaled < 0 else ""
    whole, fraction = divmod(abs(scaled.numerator), 10**places)
    return f"{sign}{whole}.{fraction:0{places}d}"


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


def format_band(bounds: BandBounds, unit: str = "percent") -> str:
    """The canonical text of a band: '>= 110%', '80% <= rate < 110%', '< 50%', '-3pt < x < 3pt', 'otherwise'.

    >>> format_band(parse_band("80%以上110%未満")), format_band(parse_band("±3ポイント未満"), "points")
    ('80% <= rate < 110%', '-3pt < x < 3pt')
    """
    low, low_inclusive, high, high_inclusive = bounds
    if low is None and high is None:
        return "otherwise"
    if high is None:
        assert low is not None
        return f"{'>=' if low_inclusive else '>'} {format_number(low, unit)}"
    if low is None:
        return f"{'<=' if high_inclusive else '<'} {format_number(high, unit)}"
    name = "rate" if unit == "percent" else "x"
    return (
        f"{format_number(low, unit)} {'<=' if low_inclusive else '<'} {name}"
        f" {'<=' if high_inclusive else '<'} {format_number(high, unit)}"
    )
