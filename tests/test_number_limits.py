"""Rates, yen and bands refuse numbers past kyodo's limits with a kyodo error, and never build a huge int."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyodo import (
    Era,
    FiscalYear,
    FiscalYearRange,
    FiscalYearStyle,
    KyodoError,
    OutOfRangeError,
    ParseError,
    YearMonth,
    parse_rate,
    parse_wareki,
    parse_wareki_month,
    parse_yen,
    read_wareki,
)
from kyodo._bands import parse_band
from kyodo._limits import MAX_INT_DIGITS
from kyodo.fiscal import FiscalHalf
from kyodo.money import Rounding

HUGE = 10**5000  # past Python's 4,300-digit limit for int <-> str

# --- reproductions ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["9" * 5000, "9" * 5000 + "円", "1" * (MAX_INT_DIGITS + 1), "1" + "0" * 28 + "万円"])
def test_yen_with_too_many_digits_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_yen(text)
    assert caught.value.text == text


@pytest.mark.parametrize("amount", [HUGE, -HUGE, 10**MAX_INT_DIGITS], ids=["huge", "-huge", "limit"])
def test_an_int_of_yen_past_the_limit_is_a_parse_error(amount: int) -> None:
    with pytest.raises(ParseError, match="too large"):
        parse_yen(amount)


def test_yen_at_the_limit_are_read() -> None:
    assert parse_yen("9" * MAX_INT_DIGITS) == int("9" * MAX_INT_DIGITS)
    assert parse_yen(10**MAX_INT_DIGITS - 1) == 10**MAX_INT_DIGITS - 1
    # Leading zeros are not digits of the amount.
    assert parse_yen("0" * 40 + "1円") == 1


@pytest.mark.parametrize(
    "text",
    [
        "9" * 5000,
        "9" * 5000 + "%",
        "1" * (MAX_INT_DIGITS + 1) + "/2",
        "2/" + "1" * (MAX_INT_DIGITS + 1),
        "1" * (MAX_INT_DIGITS + 1) + "分の1",
        "0." + "1" * (MAX_INT_DIGITS + 1),
        "1e100000000%",
        "1e100000000",
        "NaN",
        "nan%",
        "Infinity",
        "inf",
        "∞",
    ],
)
def test_rate_text_past_the_limits_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_rate(text)
    assert caught.value.text == text


@pytest.mark.parametrize(
    "value",
    [
        Decimal("NaN"),
        Decimal("-NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal("1e100000000"),
        Decimal("1e-100000000"),
        Decimal("1." + "1" * 40),
    ],
)
def test_a_decimal_rate_past_the_limits_is_a_parse_error_quoting_it(value: Decimal) -> None:
    with pytest.raises(ParseError) as caught:
        parse_rate(value)
    assert caught.value.text is value
    assert "kyodo reads" in caught.value.reason or "not a finite number" in caught.value.reason


@pytest.mark.parametrize(
    "value",
    [HUGE, Fraction(HUGE, 3), Fraction(1, HUGE), Fraction(10**MAX_INT_DIGITS, 7)],
    ids=["huge", "huge/3", "1/huge", "limit/7"],
)
def test_an_int_or_fraction_rate_past_the_limits_is_a_parse_error(value: int | Fraction) -> None:
    with pytest.raises(ParseError, match="too large") as caught:
        parse_rate(value)
    # A number too large to print is quoted by its size; others as they are.
    if isinstance(caught.value.text, str):
        assert "bits" in caught.value.text
    else:
        assert caught.value.text is value


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 0.5])
def test_a_float_rate_is_a_parse_error(value: float) -> None:
    with pytest.raises(ParseError):
        parse_rate(value)  # type: ignore[arg-type]


def test_rates_at_the_limits_are_read() -> None:
    assert parse_rate(Decimal("1E-30")) == Fraction(1, 10**30)
    assert parse_rate("9" * MAX_INT_DIGITS + "/" + "9" * MAX_INT_DIGITS) == 1
    assert parse_rate(Fraction(10**MAX_INT_DIGITS - 1, 10**MAX_INT_DIGITS - 2)) > 1


@pytest.mark.parametrize(
    "text",
    [
        "1" * (MAX_INT_DIGITS + 1) + "%以上",
        ">= 0." + "1" * (MAX_INT_DIGITS + 1) + "%",
        "1/" + "1" * (MAX_INT_DIGITS + 1) + " <= rate < 2/1",
        "9" * 5000 + "%未満",
    ],
)
def test_band_numbers_past_the_limits_are_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_band(text)
    assert caught.value.text == text


def test_band_numbers_at_the_limits_are_read() -> None:
    assert parse_band("9" * MAX_INT_DIGITS + "%以上")[0] == Fraction(int("9" * MAX_INT_DIGITS), 100)


@pytest.mark.parametrize(
    "reader",
    [
        parse_yen,
        parse_band,
        FiscalYear.parse,
        FiscalYear.read,
        FiscalYearRange.parse,
        parse_wareki,
        read_wareki,
        parse_wareki_month,
        YearMonth.parse,
        Era.named,
        Rounding.read,
    ],
)
def test_a_huge_number_where_text_belongs_is_refused_by_its_size(reader: Callable[[object], object]) -> None:
    # Quoting the number itself would raise ValueError: repr() refuses ints of more than 4,300 digits.
    with pytest.raises(KyodoError, match="of 16610 bits"):
        reader(Fraction(HUGE, 3) if reader is parse_yen else HUGE)


# --- any number, within a deadline -----------------------------------------------------------------------------

decimals = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity")]),
    st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=60),
        st.integers(-(10**7), 10**7),
    ),
)
ints = st.one_of(
    st.integers(),
    st.builds(lambda scale, digits: scale * 10**digits, st.sampled_from([1, -1, 7, 99]), st.integers(0, 6000)),
)
fractions = st.one_of(
    st.fractions(),
    st.builds(Fraction, ints, ints.filter(bool)),
)
number_text = st.one_of(
    st.text(),
    st.builds(
        "".join,
        st.lists(
            st.sampled_from(
                ["1", "9", "0", ".", "/", "%", "割", "分の", ",", "円", "千円", "万円", "e", "E", "-", " "]
            ),
            max_size=80,
        ),
    ),
    st.builds(lambda digits, tail: "9" * digits + tail, st.integers(0, 6000), st.sampled_from(["", "%", "円", "/3"])),
)
anything = st.one_of(number_text, decimals, ints, fractions)

READERS: dict[str, Callable[[object], object]] = {
    "parse_rate": parse_rate,  # type: ignore[dict-item]
    "parse_yen": parse_yen,  # type: ignore[dict-item]
    "parse_band": parse_band,  # type: ignore[dict-item]
}


@pytest.mark.parametrize("name", READERS)
@settings(deadline=200, max_examples=150)
@given(value=anything)
def test_any_number_is_read_or_refused_with_a_kyodo_error_quickly(name: str, value: object) -> None:
    try:
        READERS[name](value)
    except KyodoError as error:
        # The message must be printable: a huge int in it would raise on str().
        message = str(error)
    else:
        message = "read"
    assert message


# --- fiscal years before 明治 ----------------------------------------------------------------------------------


def test_a_fiscal_year_before_meiji_prints_in_the_western_style() -> None:
    assert str(FiscalYear(1500)) == "1500年度"
    assert f"{FiscalYear(1500)}" == "1500年度"
    assert FiscalYear(1500).format("western") == "1500年度"
    assert FiscalYear(1500).format("fy") == "FY1500"


@pytest.mark.parametrize(
    "style",
    [FiscalYearStyle.ERA, FiscalYearStyle.KANJI_NUMERALS, FiscalYearStyle.LETTER, FiscalYearStyle.LETTER_NENDO],
)
def test_a_fiscal_year_before_meiji_has_no_era_label(style: FiscalYearStyle) -> None:
    with pytest.raises(OutOfRangeError, match="before the first era"):
        FiscalYear(1500).format(style)
    with pytest.raises(OutOfRangeError):
        FiscalHalf(FiscalYear(1500), 1).format(style)


def test_the_era_of_a_fiscal_year_before_meiji_is_out_of_range() -> None:
    with pytest.raises(OutOfRangeError):
        _ = FiscalYear(1867).era
    assert FiscalYear(1868).format() == "明治元年度"
