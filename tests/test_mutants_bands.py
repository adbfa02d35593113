"""Facts about reading and writing grade bands that the mutation run (make mutation) showed untested.

Each test pins one rule of kyodo._bands exactly: which operator or word makes a bound inclusive,
when a number is a percentage and when a ratio, and what a refusal says and where it points.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from kyodo._bands import format_band, format_rate, parse_band
from kyodo.errors import ParseError

EXPECTED = (
    "a band such as '>= 110%', '80% <= rate < 110%', '80%以上110%未満', '50%未満', '±3ポイント未満' or 'otherwise'"
)
EXPECTED_JA = "'80%以上110%未満'、'50%未満'、'>= 110%'、'±3ポイント未満'、'その他' のような区分"


def refusal(text: object) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_band(text)  # type: ignore[arg-type]
    return caught.value


# --- reading ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        # One symbol: >= and <= include the bound, > and < exclude it.
        (">= 110%", (Fraction(11, 10), True, None, False)),
        ("> 110%", (Fraction(11, 10), False, None, False)),
        ("<= 50%", (None, False, Fraction(1, 2), True)),
        ("< 50%", (None, False, Fraction(1, 2), False)),
        # ≥ and ≤ read as >= and <=.
        ("≥ 110%", (Fraction(11, 10), True, None, False)),
        ("≤ 50%", (None, False, Fraction(1, 2), True)),
        # Without %, a number with a point or a slash is a ratio, not a percentage.
        (">= 1.1", (Fraction(11, 10), True, None, False)),
        (">= 11/10", (Fraction(11, 10), True, None, False)),
        # A range: each operator decides its own bound.
        ("80% <= rate < 110%", (Fraction(4, 5), True, Fraction(11, 10), False)),
        ("80% < rate <= 110%", (Fraction(4, 5), False, Fraction(11, 10), True)),
        ("0.8 < rate <= 1.1", (Fraction(4, 5), False, Fraction(11, 10), True)),
        # 以上 and 以下 include the bound, 超 and 未満 exclude it.
        ("80%以上110%未満", (Fraction(4, 5), True, Fraction(11, 10), False)),
        ("80%超110%以下", (Fraction(4, 5), False, Fraction(11, 10), True)),
        ("0.5以上1.1未満", (Fraction(1, 2), True, Fraction(11, 10), False)),
        ("50%以上", (Fraction(1, 2), True, None, False)),
        ("50%未満", (None, False, Fraction(1, 2), False)),
        ("その他", (None, False, None, False)),
        (" Otherwise ", (None, False, None, False)),
    ],
)
def test_each_form_reads_its_bounds_and_inclusiveness(text: str, bounds: tuple[object, ...]) -> None:
    assert parse_band(text) == bounds


def test_a_whole_number_without_percent_is_refused_at_its_column() -> None:
    error = refusal("> 110")
    assert (error.text, error.column) == ("> 110", 3)
    assert error.what == "a grade band"
    assert error.reason == "'110' has no %"
    assert error.reason_ja == "'110' に % がない"
    assert error.expected == "110% for a percentage, or a ratio with a point or a slash (1.1, 11/10)"
    assert error.expected_ja == "百分率なら 110%、比なら小数点か斜線つき（1.1、11/10）"


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("80 <= rate < 110%", 1),
        ("80% <= rate < 110", 15),
        ("80以上110%未満", 1),
        ("80%以上110未満", 6),
        ("  50未満", 3),
    ],
)
def test_the_column_points_at_the_number_without_percent(text: str, column: int) -> None:
    error = refusal(text)
    assert (error.text, error.column) == (text, column)
    assert error.reason.endswith("has no %")


def test_a_zero_denominator_is_not_a_number() -> None:
    error = refusal(">= 1/0")
    assert (error.text, error.column, error.what) == (">= 1/0", 4, "a grade band")
    assert (error.reason, error.reason_ja) == ("'1/0' is not a number", "'1/0' は数ではない")
    assert (error.expected, error.expected_ja) == (EXPECTED, EXPECTED_JA)


def test_text_that_is_no_band_is_refused_at_its_first_character() -> None:
    error = refusal("  abc")
    assert (error.text, error.column, error.what) == ("  abc", 3, "a grade band")
    assert (error.reason, error.reason_ja) == ("it is not a band kyodo reads", "kyodo が読める区分ではない")
    assert (error.expected, error.expected_ja) == (EXPECTED, EXPECTED_JA)
    assert refusal("abc").column == 1


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_refused_as_empty_with_no_column(text: str) -> None:
    error = refusal(text)
    assert (error.text, error.column) == (text, None)
    assert (error.reason, error.reason_ja) == ("the text is empty", "空である")
    assert (error.expected, error.expected_ja) == (EXPECTED, EXPECTED_JA)


def test_a_value_that_is_not_text_is_refused_naming_its_type() -> None:
    error = refusal(3)
    assert (error.text, error.column, error.what) == (3, None, "a grade band")
    assert (error.reason, error.reason_ja) == ("expected a str, got int", "文字列ではなく int が渡された")
    assert (error.expected, error.expected_ja) == (EXPECTED, EXPECTED_JA)


# --- writing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(11, 10), "110%"),
        (Fraction(133, 200), "66.5%"),
        # A denominator of 2s and 5s has a finite decimal form, however small the rate.
        (Fraction(1, 1000), "0.1%"),
        (Fraction(1, 10**30), "0.0000000000000000000000000001%"),
        (Fraction(-1, 1000), "-0.1%"),
        (Fraction(2, 3), "2/3"),
        (Fraction(1, 7), "1/7"),
    ],
)
def test_a_rate_is_a_percentage_exactly_when_its_decimal_form_ends(value: Fraction, text: str) -> None:
    assert format_rate(value) == text


@pytest.mark.parametrize(
    "text",
    [
        "otherwise",
        ">= 110%",
        "> 110%",
        "<= 50%",
        "< 50%",
        "80% <= rate < 110%",
        "80% < rate <= 110%",
        "80% <= rate <= 110%",
        "80% < rate < 110%",
    ],
)
def test_the_canonical_text_of_a_band_reads_back_to_itself(text: str) -> None:
    assert format_band(parse_band(text)) == text


# --- limits -------------------------------------------------------------------------------


def test_a_number_past_the_limits_is_refused_at_its_column() -> None:
    digits = "1" * 40
    error = refusal(f">= {digits}%")
    assert (error.text, error.column, error.what) == (f">= {digits}%", 4, "a grade band")
    assert error.reason == f"{digits} is too large: kyodo reads numbers from 1E-30 to 1E+30 in size"
    assert error.reason_ja == f"{digits} は大きすぎる。読める数の大きさは 1E-30 から 1E+30 まで"
    assert (error.expected, error.expected_ja) == (EXPECTED, EXPECTED_JA)


def test_a_denominator_past_the_limits_is_refused_too() -> None:
    error = refusal(f"< 1/{'1' * 40}")
    assert (error.column, error.what) == (3, "a grade band")
    assert error.reason == "a whole number of 130 bits is too large: kyodo reads at most 30 digits"
    assert (error.expected, error.expected_ja) == (EXPECTED, EXPECTED_JA)
    assert parse_band(f"< 1/{'9' * 30}") == (None, False, Fraction(1, 10**30 - 1), False)


def test_a_band_of_more_than_200_characters_is_refused_unread() -> None:
    longest = " " * 194 + ">= 1.1"
    assert len(longest) == 200
    assert parse_band(longest) == (Fraction(11, 10), True, None, False)
    too_long = longest + " "
    error = refusal(too_long)
    assert (error.text, error.column, error.what) == (too_long, None, "a grade band")
    assert error.reason == "it is too long: 201 characters, and kyodo reads labels of at most 200"
    assert error.reason_ja == "長すぎる（201文字）。読める表記は200文字まで"
    assert (error.expected, error.expected_ja) == (EXPECTED, EXPECTED_JA)
