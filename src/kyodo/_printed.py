"""Rates, amounts and rounding as 補助金交付要綱 print them: 1/3以内, 三分の二, 半額, 27万5千円, 千円未満切捨て.

Each reader is a small hand-written scanner over NFKC-normalised text, so it
runs in linear time; anything it does not read is a ParseError that points at
the column.
"""

from __future__ import annotations

import unicodedata
from fractions import Fraction
from typing import Final, Literal

from kyodo._limits import MAX_INT_DIGITS, label_problem
from kyodo._numerals import KANJI_NUMERAL_CHARS, kanji_to_int
from kyodo.errors import Message, ParseError
from kyodo.money import parse_rate, parse_yen

RoundingMode = Literal["down", "half_up", "up"]

_A_RATE: Final = ("a rate as 要綱 print it", "要綱に書かれる率")
_AN_AMOUNT: Final = ("an amount of yen as 要綱 print it", "要綱に書かれる金額")
_A_ROUNDING: Final = ("a rounding rule as 要綱 print it", "要綱に書かれる端数処理")


def _normal(text: str, what: Message) -> str:
    if not isinstance(text, str):
        raise ParseError(text, what, (f"expected text, not {type(text).__name__}", "文字列が必要"), code="not_text")
    problem = label_problem(text)
    if problem is not None:
        raise ParseError(text, what, problem)
    return unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace(",", "")


def read_rate(text: str) -> Fraction:
    """A rate as printed: 2/3, 1/3以内, 2分の1, 三分の二, 半額, 10/10, 4/5以内, 50%, 5割.

    >>> read_rate("1/3以内"), read_rate("三分の二"), read_rate("半額"), read_rate("10/10")
    (Fraction(1, 3), Fraction(2, 3), Fraction(1, 2), Fraction(1, 1))
    """
    normal = _normal(text, _A_RATE)
    for suffix in ("以内", "以下", "を上限", "まで"):
        normal = normal.removesuffix(suffix)
    if normal in ("半額", "2分の1額"):
        return Fraction(1, 2)
    if normal in ("全額", "定額"):
        return Fraction(1)
    if "分の" in normal:
        denominator, _, numerator = normal.partition("分の")
        if denominator and numerator and all(char in KANJI_NUMERAL_CHARS for char in denominator + numerator):
            low, high = kanji_to_int(numerator), kanji_to_int(denominator)
            if low is not None and high:
                return Fraction(low, high)
    try:
        return parse_rate(normal)
    except ParseError:
        raise ParseError(
            text,
            _A_RATE,
            ("it is not a rate kyodo reads", "kyodo が読める率ではない"),
            expected=(
                "2/3, 1/3以内, 2分の1, 三分の二, 半額, 10/10 or 50%",
                "2/3、1/3以内、2分の1、三分の二、半額、10/10、50% など",
            ),
            code="not_a_number",
        ) from None


def read_yen(text: str | int) -> int:
    """Whole yen as printed: 200,000円, ¥200,000, 200千円, 20万円, 27万5千円, 1億円; or an int.

    >>> read_yen("27万5千円"), read_yen("¥200,000"), read_yen("200千円"), read_yen("3万円")
    (275000, 200000, 200000, 30000)
    """
    if isinstance(text, int) and not isinstance(text, bool):
        return parse_yen(text)
    normal = _normal(text, _AN_AMOUNT)  # type: ignore[arg-type]
    normal = normal.removeprefix("¥").removeprefix("\\").removeprefix("金")
    for suffix in ("以内", "まで", "を上限"):
        normal = normal.removesuffix(suffix)
    try:
        return parse_yen(normal)
    except ParseError:
        pass
    # Composite amounts, read place by place: 27万5千円, 1億2千万円 (千 and 百 within a group of 万 or 億).
    total, group, digits, column = 0, 0, "", 0
    for column, char in enumerate(normal, start=1):
        if char.isdigit() and len(digits) < MAX_INT_DIGITS:
            digits += char
        elif char in _MINOR and digits:
            group += int(digits) * _MINOR[char]
            digits = ""
        elif char in _MAJOR and (digits or group):
            total += (group + int(digits or "0")) * _MAJOR[char]
            group, digits = 0, ""
        elif char == "円" and column == len(normal) and (digits or group or total):
            return total + group + int(digits or "0")
        else:
            break
    raise ParseError(
        text,
        _AN_AMOUNT,
        ("it is not an amount kyodo reads", "kyodo が読める金額ではない"),
        column=column or None,
        expected=(
            "200,000円, ¥200,000, 200千円, 20万円 or 27万5千円",
            "200,000円、¥200,000、200千円、20万円、27万5千円 など",
        ),
        code="not_a_number",
    )


_MAJOR: Final = {"億": 100_000_000, "万": 10_000}
_MINOR: Final = {"千": 1000, "百": 100}
_UNITS: Final = {
    "円": 1,
    "1円": 1,
    "10円": 10,
    "十円": 10,
    "100円": 100,
    "百円": 100,
    "1000円": 1000,
    "千円": 1000,
    "1千円": 1000,
    "10000円": 10_000,
    "1万円": 10_000,
    "万円": 10_000,
}
_MODES: Final[dict[str, RoundingMode]] = {
    "切捨て": "down",
    "切り捨て": "down",
    "切捨": "down",
    "切り捨": "down",
    "切りすて": "down",
    "四捨五入": "half_up",
    "切上げ": "up",
    "切り上げ": "up",
    "切上": "up",
}


def read_rounding(text: str) -> tuple[RoundingMode, int]:
    """A rounding rule as printed, as (mode, unit in yen): 千円未満切捨て is ("down", 1000).

    >>> read_rounding("千円未満切捨て"), read_rounding("1,000円未満の端数切捨て"), read_rounding("円未満四捨五入")
    (('down', 1000), ('down', 1000), ('half_up', 1))
    >>> read_rounding("100円未満切り捨て")
    ('down', 100)
    """
    normal = _normal(text, _A_ROUNDING)
    for filler in ("の端数は", "の端数を", "の端数", "端数は", "端数を", "端数", "とする", "する", "。"):
        normal = normal.replace(filler, "")
    unit_text, found, mode_text = normal.partition("未満")
    if not found:
        raise ParseError(
            text,
            _A_ROUNDING,
            ("it names no unit (…未満)", "単位（…未満）がない"),
            expected=(
                "千円未満切捨て, 100円未満切り捨て or 円未満四捨五入",
                "千円未満切捨て、100円未満切り捨て、円未満四捨五入 など",
            ),
            code="unknown_label",
        )
    unit = _UNITS.get(unit_text)
    if unit is None:
        raise ParseError(
            text,
            _A_ROUNDING,
            (f"{unit_text!r} is not a unit kyodo rounds to", f"{unit_text!r} は端数処理の単位として読めない"),
            column=1,
            expected=("円, 10円, 100円, 千円 or 1万円", "円、10円、100円、千円、1万円"),
            code="unknown_label",
        )
    mode = _MODES.get(mode_text)
    if mode is None:
        raise ParseError(
            text,
            _A_ROUNDING,
            (f"{mode_text!r} is not a way of rounding kyodo reads", f"{mode_text!r} は端数処理の方法として読めない"),
            column=len(unit_text) + 3,
            expected=("切捨て, 四捨五入 or 切り上げ", "切捨て、四捨五入、切り上げ"),
            code="unknown_label",
        )
    return mode, unit


def round_to(value: Fraction, mode: RoundingMode, unit: int) -> int:
    """``value`` yen (0 or more) rounded to a multiple of ``unit`` by ``mode``.

    >>> round_to(Fraction(1_240_500, 2), "down", 1000), round_to(Fraction(5, 2), "half_up", 1)
    (620000, 3)
    """
    units = value / unit
    if mode == "down":
        whole = units.numerator // units.denominator
    elif mode == "up":
        whole = -(-units.numerator // units.denominator)
    else:
        whole = (units + Fraction(1, 2)).numerator // (units + Fraction(1, 2)).denominator
    return whole * unit


def describe_rounding(mode: RoundingMode, unit: int) -> tuple[str, str]:
    """A rounding rule as a Japanese and an English phrase."""
    unit_ja = {1: "円", 1000: "千円", 10_000: "1万円"}.get(unit, f"{unit:,}円")
    mode_ja = {"down": "切捨て", "half_up": "四捨五入", "up": "切り上げ"}[mode]
    mode_en = {"down": "down", "half_up": "to the nearest, halves up,", "up": "up"}[mode]
    return (f"{unit_ja}未満{mode_ja}", f"rounded {mode_en} to {unit:,} yen")
