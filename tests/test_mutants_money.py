"""Facts about money that the mutation run (make mutation) showed untested.

The rounding policies at their exact edges (切り捨て to 1 and to 1,000 yen, 四捨五入 at halves),
every written form of a rate and an amount of yen, and what each refusal says.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from kyodo.errors import ParseError
from kyodo.money import Rounding, format_yen, parse_rate, parse_yen, round_yen

EXPECTED_RATE = ("2/3, 3分の2, 100%, 0.5 or 5割", "2/3、3分の2、100%、0.5、5割 など")
EXPECTED_YEN = ("200,000円, 9,973千円 or 20万円", "200,000円、9,973千円、20万円 など")


def rate_refusal(value: object) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_rate(value)  # type: ignore[arg-type]
    assert caught.value.what == "a rate"
    assert caught.value.what_ja == "率"
    return caught.value


def yen_refusal(value: object) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_yen(value)  # type: ignore[arg-type]
    assert caught.value.what == "an amount of yen"
    assert caught.value.what_ja == "金額"
    return caught.value


# --- rounding -----------------------------------------------------------------------------


def test_each_policy_rounds_to_its_unit() -> None:
    assert [policy.unit for policy in Rounding] == [1, 1000, 1]


@pytest.mark.parametrize(
    ("value", "down", "down_1000", "half_up"),
    [
        (Fraction(0), 0, 0, 0),
        (Fraction(1, 2), 0, 0, 1),  # a half goes up (四捨五入)
        (Fraction(3, 2), 1, 0, 2),
        (Fraction(5, 2), 2, 0, 3),
        (Fraction(249, 100), 2, 0, 2),  # just under a half goes down
        (Fraction(251, 100), 2, 0, 3),
        (Fraction(1999, 2), 999, 0, 1000),  # 999.5 rounds half up to 1,000
        (Fraction(999), 999, 0, 999),  # 999 is still under 1,000: 0 to the 1,000 yen
        (Fraction(1000), 1000, 1000, 1000),  # exactly 1,000 stays
        (Fraction(1999), 1999, 1000, 1999),
        (Fraction(2, 3) * 200_000, 133_333, 133_000, 133_333),
        (Fraction(2, 3) * 350_000, 233_333, 233_000, 233_333),
        (Fraction(700_001, 3), 233_333, 233_000, 233_334),  # 233,333.67
        (Fraction(233_000), 233_000, 233_000, 233_000),
    ],
)
def test_rounding_policies_at_their_edges(value: Fraction, down: int, down_1000: int, half_up: int) -> None:
    assert round_yen(value, Rounding.DOWN) == down
    assert round_yen(value, Rounding.DOWN_1000) == down_1000
    assert round_yen(value, Rounding.HALF_UP) == half_up


def test_rounding_is_down_to_the_yen_unless_told_and_takes_ints() -> None:
    assert round_yen(Fraction(2, 3) * 200_000) == 133_333
    assert round_yen(1999, Rounding.DOWN_1000) == 1000


def test_half_up_rounds_negative_halves_away_from_zero() -> None:
    assert round_yen(Fraction(-5, 2), Rounding.HALF_UP) == -3
    assert round_yen(Fraction(-249, 100), Rounding.HALF_UP) == -2


# --- rates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("2/3", Fraction(2, 3)),
        (" 2 / 3 ", Fraction(2, 3)),
        ("２／３", Fraction(2, 3)),
        ("3分の2", Fraction(2, 3)),  # denominator first: 3分の2 is two thirds
        ("4分の1", Fraction(1, 4)),
        ("100%", Fraction(1)),
        ("66.5%", Fraction(133, 200)),
        ("0.5", Fraction(1, 2)),
        ("3", Fraction(3)),
        ("5割", Fraction(1, 2)),
        ("7.5割", Fraction(3, 4)),
        ("0", Fraction(0)),
        (Fraction(2, 3), Fraction(2, 3)),
        (Decimal("0.25"), Fraction(1, 4)),
        (0, Fraction(0)),
        (1, Fraction(1)),
    ],
)
def test_every_written_form_of_a_rate(text: object, rate: Fraction) -> None:
    assert parse_rate(text) == rate  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "form"), [("1/0", "2/3"), ("0分の1", "3分の2")])
def test_a_zero_denominator_is_refused_in_the_form_given(text: str, form: str) -> None:
    error = rate_refusal(text)
    assert (error.text, error.column) == (text, None)
    assert (error.reason, error.reason_ja) == ("its denominator is 0", "分母が 0 である")
    assert (error.expected, error.expected_ja) == (f"a fraction such as {form}", f"{form} のような分数")


def test_text_that_is_no_rate_is_refused() -> None:
    error = rate_refusal("abc")
    assert error.text == "abc"
    assert (error.reason, error.reason_ja) == ("it is not a rate kyodo reads", "kyodo が読める率ではない")
    assert (error.expected, error.expected_ja) == EXPECTED_RATE


def test_a_negative_rate_is_refused() -> None:
    error = rate_refusal(Fraction(-1, 2))
    assert error.text == Fraction(-1, 2)
    assert (error.reason, error.reason_ja) == ("a rate cannot be negative", "率は負にならない")
    assert (error.expected, error.expected_ja) == ("a rate from 0 up", "0 以上の率")


@pytest.mark.parametrize(("value", "kind"), [(True, "bool"), (0.5, "float"), (None, "NoneType")])
def test_a_rate_of_another_type_is_refused_naming_it(value: object, kind: str) -> None:
    error = rate_refusal(value)
    assert error.text is value
    assert error.reason == f"expected a str or an exact number, not {kind}"
    assert error.reason_ja == f"文字列か正確な数が必要（{kind}）"


@pytest.mark.parametrize(
    "text",
    [
        "1" * 31,
        "0." + "1" * 31 + "%",
        "1" * 31 + "/2",
        "2/" + "1" * 31,
        "1" * 31 + "分の2",
        "2分の" + "1" * 31,
        "x" * 201,
        Decimal("NaN"),
        10**30,
        Fraction(1, 10**30),
    ],
)
def test_rates_outside_the_limits_are_refused(text: object) -> None:
    error = rate_refusal(text)
    assert error.text == text or error.text is text
    assert (error.expected, error.expected_ja) == EXPECTED_RATE


def test_the_largest_rates_within_the_limits_are_read() -> None:
    assert parse_rate("9" * 30) == 10**30 - 1
    assert parse_rate("1/" + "9" * 30) == Fraction(1, 10**30 - 1)
    longest = " " * 197 + "1/2"
    assert len(longest) == 200
    assert parse_rate(longest) == Fraction(1, 2)


def test_a_number_too_large_to_print_is_quoted_by_its_size() -> None:
    assert rate_refusal(2**10000).text == "<int of 10001 bits>"
    assert rate_refusal(2**9999).text == 2**9999  # 10,000 bits still prints
    assert rate_refusal(Fraction(1, 2**10000)).text == "<Fraction of 10001 bits>"
    assert rate_refusal(Fraction(2**10000, 3)).text == "<Fraction of 10001 bits>"


# --- yen ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("200,000円", 200_000),
        ("200000", 200_000),
        ("9,973千円", 9_973_000),
        ("20万円", 200_000),
        ("  ２０万円 ", 200_000),
        ("0円", 0),
        (0, 0),
        (233_333, 233_333),
        ("9" * 30, 10**30 - 1),
        (10**30 - 1, 10**30 - 1),
    ],
)
def test_every_written_form_of_an_amount(text: object, amount: int) -> None:
    assert parse_yen(text) == amount  # type: ignore[arg-type]


def test_a_negative_amount_is_refused() -> None:
    error = yen_refusal(-1)
    assert error.text == -1
    assert (error.reason, error.reason_ja) == ("it is negative", "負の額である")
    assert (error.expected, error.expected_ja) == ("0 or more yen", "0円以上")


@pytest.mark.parametrize(("value", "kind"), [(True, "bool"), (2.0, "float")])
def test_an_amount_of_another_type_is_refused_naming_it(value: object, kind: str) -> None:
    error = yen_refusal(value)
    assert error.text is value
    assert (error.reason, error.reason_ja) == (f"expected a str or an int, not {kind}", f"文字列か整数が必要（{kind}）")


@pytest.mark.parametrize("text", ["1,00,000", "abc", "200,000ドル", ",000"])
def test_text_that_is_no_amount_is_refused(text: str) -> None:
    error = yen_refusal(text)
    assert error.text == text
    assert (error.reason, error.reason_ja) == ("it is not an amount kyodo reads", "kyodo が読める金額ではない")
    assert (error.expected, error.expected_ja) == EXPECTED_YEN


@pytest.mark.parametrize("text", ["1" * 31, "1" + "0" * 26 + "万円", 10**30, "x" * 201])
def test_amounts_outside_the_limits_are_refused(text: object) -> None:
    error = yen_refusal(text)
    assert error.text == text
    assert (error.expected, error.expected_ja) == EXPECTED_YEN


def test_yen_are_written_with_separators_and_in_thousands_only_when_whole() -> None:
    assert format_yen(233_333) == "233,333円"
    assert format_yen(0) == "0円"
    assert format_yen(9_973_000, "千円") == "9,973千円"
    assert format_yen(1000, "千円") == "1千円"
    with pytest.raises(ValueError, match="1500 yen is not a whole number of thousands"):
        format_yen(1500, "千円")


def test_a_label_of_more_than_200_characters_is_refused_before_it_is_read() -> None:
    rate = " " * 198 + "1/2"
    assert len(rate) == 201
    assert parse_rate(rate[1:]) == Fraction(1, 2)
    error = rate_refusal(rate)
    assert (error.text, error.expected) == (rate, EXPECTED_RATE[0])
    assert error.reason == "it is too long: 201 characters, and kyodo reads labels of at most 200"
    assert error.reason_ja == "長すぎる（201文字）。読める表記は200文字まで"
    yen = " " * 197 + "100円"
    assert len(yen) == 201
    assert parse_yen(yen[1:]) == 100
    error = yen_refusal(yen)
    assert (error.text, error.expected) == (yen, EXPECTED_YEN[0])
    assert error.reason == "it is too long: 201 characters, and kyodo reads labels of at most 200"
