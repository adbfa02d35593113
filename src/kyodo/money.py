"""Money: whole yen, exact rates, and rounding as a named policy.

Money is an ``int`` of yen; a rate is a :class:`~fractions.Fraction` (2/3 is
exactly two thirds). A figure is rounded only by a :class:`Rounding` policy,
named and applied where a rule says:

============================ =============== ===========================
policy                       Japanese        what it does
============================ =============== ===========================
``Rounding.DOWN``            1円未満切り捨て   down to the yen
``Rounding.DOWN_1000``       1,000円未満切り捨て down to a multiple of 1,000
``Rounding.HALF_UP``         1円未満四捨五入   to the nearest yen, halves up
============================ =============== ===========================

>>> from fractions import Fraction
>>> round_yen(Fraction(2, 3) * 200_000, Rounding.DOWN), round_yen(Fraction(2, 3) * 350_000, Rounding.DOWN_1000)
(133333, 233000)
>>> parse_rate("2/3"), parse_rate("100%"), parse_rate("3/4")
(Fraction(2, 3), Fraction(1, 1), Fraction(3, 4))
>>> format_yen(233333), format_yen(9_973_000, "千円")
('233,333円', '9,973千円')
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal

from kyodo._labels import LabelledEnum
from kyodo._limits import MAX_INT_DIGITS, label_problem, number_problem, quotable
from kyodo.errors import Coded, ParseError

__all__ = ["PrintedRate", "Rounding", "format_yen", "parse_rate", "parse_yen", "round_yen"]


class Rounding(LabelledEnum):
    """How a yen figure is rounded; see the module's table."""

    DOWN = "down", "1円未満切り捨て", "down to the yen"
    DOWN_1000 = "down_1000", "1,000円未満切り捨て", "down to 1,000 yen"
    HALF_UP = "half_up", "1円未満四捨五入", "to the nearest yen, halves up"

    @property
    def unit(self) -> int:
        """The yen the result is a multiple of."""
        return 1000 if self is Rounding.DOWN_1000 else 1


def round_yen(value: Fraction | int, policy: Rounding = Rounding.DOWN) -> int:
    """``value`` (exact yen, never negative here) rounded to whole yen by ``policy``."""
    exact = Fraction(value)
    if policy is Rounding.HALF_UP:
        return int(exact + Fraction(1, 2)) if exact >= 0 else -int(-exact + Fraction(1, 2))
    unit = policy.unit
    return (exact.numerator // (exact.denominator * unit)) * unit


_A_RATE: Final = ("a rate", "率")
_A_YEN: Final = ("an amount of yen", "金額")
_ZERO_DENOMINATOR: Final = Coded("its denominator is 0", "分母が 0 である", "not_a_number")
_EXPECTED_RATE: Final = ("2/3, 3分の2, 100%, 0.5 or 5割", "2/3、3分の2、100%、0.5、5割 など")
_EXPECTED_YEN: Final = ("200,000円, 9,973千円 or 20万円", "200,000円、9,973千円、20万円 など")
# Every repeat is possessive (*+, ++): none is followed by anything it could give back to, and
# runs of spaces on both sides of an optional unit backtracked quadratically when they could.
_RATE: Final = re.compile(r"\s*+(?:(\d++(?:\.\d++)?+)\s*+(%|割)?|(\d++)\s*+/\s*+(\d++)|(\d++)\s*+分の\s*+(\d++))\s*+")


def _not_a_number(value: object) -> str:
    """The code of a value that is no exact number: a float or a bool is inexact, anything else none at all."""
    return "inexact_number" if isinstance(value, float | bool) else "not_a_number"


def _check_number(
    text: object, what: tuple[str, str], number: Decimal | int | Fraction, expected: tuple[str, str]
) -> None:
    problem = number_problem(number)
    if problem is not None:
        raise ParseError(quotable(text), what, problem, expected=expected)


def _whole(text: object, what: tuple[str, str], digits: str, expected: tuple[str, str]) -> int:
    """The int of a run of digits, refused before it is built when it has more digits than kyodo reads.

    Python refuses to read ints of more than 4,300 digits with a bare
    ValueError; counting first keeps every reader's refusal a ParseError.
    """
    significant = len(digits.lstrip("0"))
    if significant > MAX_INT_DIGITS:
        raise ParseError(
            quotable(text),
            what,
            (
                f"a whole number of {significant} digits is too large: kyodo reads at most {MAX_INT_DIGITS}",
                f"{significant}桁の整数は大きすぎる。読めるのは{MAX_INT_DIGITS}桁まで",
            ),
            expected=expected,
            code="too_large",
        )
    return int(digits)


class PrintedRate(Fraction):
    """A rate that keeps the words its rule printed it in (2分の1, 10分の10, 50%), to explain an award in them.

    It is the Fraction it stands for: equal to it, hashed and computed with
    as it, and shown as it; only ``text`` remembers the wording. kyodo's
    subsidy rules hold their rates so when read from text, and files still
    write every rate in one canonical form.

    >>> rate = PrintedRate(Fraction(1, 2), "2分の1")
    >>> rate == Fraction(1, 2), rate, rate.text, rate * 1_000
    (True, Fraction(1, 2), '2分の1', Fraction(500, 1))
    """

    text: str

    def __new__(cls, rate: Fraction, text: str) -> PrintedRate:
        made = super().__new__(cls, rate.numerator, rate.denominator)
        made.text = text
        return made

    def __repr__(self) -> str:
        return f"Fraction({self.numerator}, {self.denominator})"

    def __reduce__(self) -> tuple[object, ...]:
        return (PrintedRate, (Fraction(self.numerator, self.denominator), self.text))

    def __copy__(self) -> PrintedRate:
        return self

    def __deepcopy__(self, memo: object) -> PrintedRate:
        return self


def rate_text(rate: Fraction, whole: str = "10/10") -> str:
    """A subsidy rate as an explanation prints it: as its rule printed it, else 0, ``whole`` for 1, or 2/3.

    >>> rate_text(PrintedRate(Fraction(1, 2), "2分の1")), rate_text(Fraction(0)), rate_text(Fraction(2, 3))
    ('2分の1', '0', '2/3')
    """
    if isinstance(rate, PrintedRate):
        return rate.text
    if rate == 0:
        return "0"
    return whole if rate == 1 else f"{rate.numerator}/{rate.denominator}"


def as_printed(rate: Fraction, text: object) -> Fraction:
    """``rate`` keeping the words of ``text`` it was read from, less an "up to" (1/3以内 is 1/3); else as it is."""
    if not isinstance(text, str) or isinstance(rate, PrintedRate):
        return rate
    words = text.strip()
    for suffix in ("以内", "以下", "を上限", "まで"):
        words = words.removesuffix(suffix).strip()
    return PrintedRate(rate, words)


def parse_rate(text: str | Fraction | int | Decimal) -> Fraction:
    """A rate from text: 2/3, 3分の2, 100%, 0.5, 5割; exact, from 0 to 1 or more.

    Text longer than MAX_LABEL_CHARS, and numbers outside the limits of
    :mod:`kyodo._limits` (more than 30 digits, NaN, infinities) are refused
    with a :class:`~kyodo.ParseError`. A number too large to print is quoted
    in the error by its size.

    >>> parse_rate("3分の2"), parse_rate("66.5%"), parse_rate("5割")
    (Fraction(2, 3), Fraction(133, 200), Fraction(1, 2))
    >>> parse_rate(Decimal("NaN"))
    Traceback (most recent call last):
    kyodo.errors.ParseError: cannot read Decimal('NaN') as a rate: NaN is not a finite number; expected 2/3, 3分の2, 100%, 0.5 or 5割
    """
    if isinstance(text, Fraction | int | Decimal) and not isinstance(text, bool):
        # Checked before Fraction() sees it: Fraction(Decimal("1e100000000")) builds a huge int.
        _check_number(text, _A_RATE, text, _EXPECTED_RATE)
        value = Fraction(text)
    elif isinstance(text, str):
        problem = label_problem(text)
        if problem is not None:
            raise ParseError(text, _A_RATE, problem, expected=_EXPECTED_RATE)
        match = _RATE.fullmatch(unicodedata.normalize("NFKC", text))
        if match is None:
            raise ParseError(
                text,
                _A_RATE,
                ("it is not a rate kyodo reads", "kyodo が読める率ではない"),
                expected=_EXPECTED_RATE,
                code="not_a_number",
            )
        for group in (3, 4, 5, 6):
            if match[group] is not None:
                _check_number(text, _A_RATE, _whole(text, _A_RATE, match[group], _EXPECTED_RATE), _EXPECTED_RATE)
        if match[1] is not None:
            number = Decimal(match[1])
            _check_number(text, _A_RATE, number, _EXPECTED_RATE)
            value = Fraction(number) / (100 if match[2] == "%" else 10 if match[2] == "割" else 1)
        elif match[3] is not None:
            if int(match[4]) == 0:
                raise ParseError(
                    text, _A_RATE, _ZERO_DENOMINATOR, expected=("a fraction such as 2/3", "2/3 のような分数")
                )
            value = Fraction(int(match[3]), int(match[4]))
        else:
            if int(match[5]) == 0:
                raise ParseError(
                    text, _A_RATE, _ZERO_DENOMINATOR, expected=("a fraction such as 3分の2", "3分の2 のような分数")
                )
            value = Fraction(int(match[6]), int(match[5]))
    else:
        kind = type(text).__name__
        raise ParseError(
            quotable(text),
            _A_RATE,
            (f"expected a str or an exact number, not {kind}", f"文字列か正確な数が必要（{kind}）"),
            code=_not_a_number(text),
        )
    if value < 0:
        raise ParseError(
            text,
            _A_RATE,
            ("a rate cannot be negative", "率は負にならない"),
            expected=("a rate from 0 up", "0 以上の率"),
            code="out_of_range",
        )
    return value


# Possessive, as _RATE is: spaces on both sides of an optional unit backtracked quadratically.
_YEN: Final = re.compile(r"\s*+([0-9][0-9,]*+)\s*+(千円|万円|円)?\s*+")
_GROUPED_DIGITS: Final = re.compile(r"\d{1,3}(?:,\d{3})*+|\d++")
_UNITS: Final = {None: 1, "円": 1, "千円": 1000, "万円": 10_000}


def parse_yen(text: str | int) -> int:
    """Whole yen from text as documents print it: 200,000円, 9,973千円, 20万円, or an int.

    Text longer than MAX_LABEL_CHARS and amounts of more than 30 digits are
    refused with a :class:`~kyodo.ParseError`.

    >>> parse_yen("200,000円"), parse_yen("9,973千円"), parse_yen("20万円")
    (200000, 9973000, 200000)
    """
    if isinstance(text, int) and not isinstance(text, bool):
        _check_number(text, _A_YEN, text, _EXPECTED_YEN)
        if text < 0:
            raise ParseError(
                text,
                _A_YEN,
                ("it is negative", "負の額である"),
                expected=("0 or more yen", "0円以上"),
                code="out_of_range",
            )
        return text
    if not isinstance(text, str):
        kind = type(text).__name__
        raise ParseError(
            quotable(text),
            _A_YEN,
            (f"expected a str or an int, not {kind}", f"文字列か整数が必要（{kind}）"),
            code=_not_a_number(text),
        )
    problem = label_problem(text)
    if problem is not None:
        raise ParseError(text, _A_YEN, problem, expected=_EXPECTED_YEN)
    match = _YEN.fullmatch(unicodedata.normalize("NFKC", text))
    if match is None or not _GROUPED_DIGITS.fullmatch(match[1]):
        raise ParseError(
            text,
            _A_YEN,
            ("it is not an amount kyodo reads", "kyodo が読める金額ではない"),
            expected=_EXPECTED_YEN,
            code="not_a_number",
        )
    amount = _whole(text, _A_YEN, match[1].replace(",", ""), _EXPECTED_YEN) * _UNITS[match[2]]
    _check_number(text, _A_YEN, amount, _EXPECTED_YEN)
    return amount


def format_yen(amount: int, unit: Literal["円", "千円"] = "円") -> str:
    """Write whole yen with thousands separators: 233,333円, or in thousands (which must divide it)."""
    if unit == "千円":
        if amount % 1000:
            raise ValueError(f"{amount} yen is not a whole number of thousands")
        return f"{amount // 1000:,}千円"
    return f"{amount:,}円"
