"""Fiscal years (年度), their halves and quarters, and ranges of them."""

from __future__ import annotations

import pickle
import warnings
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo import (
    ERAS,
    Era,
    FiscalHalf,
    FiscalQuarter,
    FiscalYear,
    FiscalYearRange,
    FiscalYearStyle,
    KyodoError,
    ParseError,
    ValidationError,
    YearMonth,
)
from kyodo.strategies import (
    fiscal_halves,
    fiscal_quarters,
    fiscal_year_ranges,
    fiscal_year_styles,
    fiscal_years,
)

ERA_STYLES = [
    FiscalYearStyle.ERA,
    FiscalYearStyle.KANJI_NUMERALS,
    FiscalYearStyle.LETTER,
    FiscalYearStyle.LETTER_NENDO,
]
WESTERN_STYLES = [FiscalYearStyle.WESTERN, FiscalYearStyle.FY]
RANGE_SEPARATORS = ["～", "〜", "~", "-", "–", "—", "‐", "−", "から"]
ONE_DAY = timedelta(days=1)

# --- the value -----------------------------------------------------------------


def test_fiscal_year_2015_is_heisei_27() -> None:
    fy = FiscalYear(2015)
    assert fy.year == 2015
    assert fy.start_month == 4
    assert fy.start == date(2015, 4, 1)
    assert fy.end == date(2016, 3, 31)
    assert str(fy) == "平成27年度"
    assert fy.era.name == "平成"
    assert fy.era_year == 27


def test_fiscal_year_is_immutable() -> None:
    fy = FiscalYear(2015)
    with pytest.raises(AttributeError):
        fy.year = 2016  # type: ignore[misc]
    with pytest.raises(AttributeError):
        fy.start_month = 1  # type: ignore[misc]
    assert fy == FiscalYear(2015)


def test_fiscal_year_is_hashable() -> None:
    labels = ["平成27年度", "H27", "Ｈ２７", "2015年度", "FY2015"]
    assert {FiscalYear.parse(label) for label in labels} == {FiscalYear(2015)}
    assert hash(FiscalYear.parse("H27")) == hash(FiscalYear(2015))
    assert {FiscalYear(2015): "a"}[FiscalYear.of(date(2016, 3, 31))] == "a"
    assert FiscalYear(2015) != FiscalYear(2015, start_month=1)


def test_fiscal_year_pickles() -> None:
    for fy in (FiscalYear(2015), FiscalYear(2015, start_month=1)):
        assert pickle.loads(pickle.dumps(fy)) == fy


def test_fiscal_year_is_ordered() -> None:
    years = [FiscalYear(2017), FiscalYear(2014), FiscalYear(2016)]
    assert sorted(years) == [FiscalYear(2014), FiscalYear(2016), FiscalYear(2017)]
    assert FiscalYear(2014) < FiscalYear(2015) <= FiscalYear(2015) < FiscalYear(2016)
    assert FiscalYear(2016) > FiscalYear(2015) >= FiscalYear(2015)
    assert max(years) == FiscalYear(2017)


def test_fiscal_year_arithmetic() -> None:
    fy = FiscalYear(2015)
    assert fy + 1 == FiscalYear(2016)
    assert 1 + fy == FiscalYear(2016)
    assert fy - 1 == FiscalYear(2014)
    assert FiscalYear(2018) - fy == 3
    assert fy - FiscalYear(2018) == -3
    assert isinstance(FiscalYear(2018) - fy, int)
    assert FiscalYear(2015, start_month=1) + 1 == FiscalYear(2016, start_month=1)


@pytest.mark.parametrize("other", [1.0, True, "1", None])
def test_fiscal_year_adds_only_ints(other: object) -> None:
    with pytest.raises(TypeError):
        FiscalYear(2015) + other  # type: ignore[operator]


@pytest.mark.parametrize(("year", "start_month"), [(0, 4), (9999, 4), (2015, 0), (2015, 13), (2015.0, 4), (True, 4)])
def test_invalid_fiscal_years_cannot_exist(year: object, start_month: object) -> None:
    with pytest.raises(ValidationError) as caught:
        FiscalYear(year, start_month)  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)


def test_arithmetic_past_the_supported_years_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        FiscalYear(9998) + 1
    with pytest.raises(ValidationError):
        FiscalYear(1) - 1


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2015, 4, 1), 2015),
        (date(2016, 3, 31), 2015),
        (date(2015, 3, 31), 2014),
        (date(2019, 4, 30), 2019),
        (date(2019, 5, 1), 2019),
        (datetime(2016, 1, 15, 12, 0), 2015),
        (YearMonth(2016, 3), 2015),
        (YearMonth(2016, 4), 2016),
    ],
)
def test_fiscal_year_of(day: date | YearMonth, year: int) -> None:
    assert FiscalYear.of(day) == FiscalYear(year)
    assert day in FiscalYear(year)
    assert day not in FiscalYear(year + 1)
    assert day not in FiscalYear(year - 1)


def test_fiscal_year_of_refuses_what_is_not_a_date() -> None:
    with pytest.raises(TypeError):
        FiscalYear.of("2015-04-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _ = 2015 in FiscalYear(2015)


def test_fiscal_year_months() -> None:
    months = FiscalYear(2015).months
    assert len(months) == 12
    assert months[0] == YearMonth(2015, 4)
    assert months[-1] == YearMonth(2016, 3)


# --- other calendars -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_month", "start", "end"),
    [
        (1, date(2015, 1, 1), date(2015, 12, 31)),
        (4, date(2015, 4, 1), date(2016, 3, 31)),
        (7, date(2015, 7, 1), date(2016, 6, 30)),
        (10, date(2015, 10, 1), date(2016, 9, 30)),
        (3, date(2015, 3, 1), date(2016, 2, 29)),
        (12, date(2015, 12, 1), date(2016, 11, 30)),
    ],
)
def test_other_calendars(start_month: int, start: date, end: date) -> None:
    fy = FiscalYear(2015, start_month=start_month)
    assert (fy.start, fy.end) == (start, end)
    assert FiscalYear.of(start, start_month) == fy
    assert FiscalYear.of(end, start_month) == fy


def test_different_calendars_do_not_compare() -> None:
    april, january = FiscalYear(2015), FiscalYear(2015, start_month=1)
    with pytest.raises(TypeError):
        _ = april < january
    with pytest.raises(TypeError):
        _ = april <= january
    with pytest.raises(TypeError):
        _ = april > january
    with pytest.raises(TypeError):
        _ = april >= january
    with pytest.raises(TypeError):
        _ = april - january
    with pytest.raises(TypeError):
        sorted([april, january])


def test_fiscal_years_do_not_compare_with_ints() -> None:
    with pytest.raises(TypeError):
        _ = FiscalYear(2015) < 2016  # type: ignore[operator]
    assert FiscalYear(2015) != 2015


# --- reading labels ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "平成27年度",
        "H27",
        "h27",
        "Ｈ２７",
        "ｈ２７",
        "H27年度",
        "Ｈ２７年度",
        "2015年度",
        "２０１５年度",
        "FY2015",
        "fy2015",
        "ＦＹ２０１５",
        "FY2015年度",
        "平成二十七年度",
        "㍻27年度",
        "H.27",
        " 平成 27 年度 ",
        "平成27年度(2015年度)",
        "平成27年度（2015年度）",
    ],
)
def test_parse_reads_every_form(text: str) -> None:
    assert FiscalYear.parse(text) == FiscalYear(2015)


@pytest.mark.parametrize("era", ["平成", "H", Era.named("平成")])
def test_parse_reads_a_bare_year_in_the_era_given(era: Era | str) -> None:
    assert FiscalYear.parse("27年度", era=era) == FiscalYear(2015)
    assert FiscalYear.parse("27年度", era) == FiscalYear(2015)
    assert FiscalYear.parse("２７年度", era=era) == FiscalYear(2015)


def test_parse_needs_an_era_for_a_bare_year() -> None:
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse("27年度")
    assert str(caught.value).startswith("cannot read '27年度' as a fiscal year: '27年度' gives no era")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("令和元年度", 2019),
        ("令和2年度", 2020),
        ("R1", 2019),
        ("平成元年度", 1989),
        ("昭和63年度", 1988),
        ("大正元年度", 1912),
        ("明治元年度", 1868),
        ("平成30年度", 2018),
    ],
)
def test_parse_reads_era_years(text: str, year: int) -> None:
    reading = FiscalYear.read(text)
    assert reading.fiscal_year == FiscalYear(year)
    assert reading.beyond_era_end is False
    assert FiscalYear.parse(text, strict=True) == FiscalYear(year)


@pytest.mark.parametrize(
    ("text", "year", "era_year"),
    [("平成31年度", 2019, 31), ("平成34年度", 2022, 34), ("昭和64年度", 1989, 64), ("H31", 2019, 31)],
)
def test_years_past_their_era_are_read_and_flagged(text: str, year: int, era_year: int) -> None:
    assert FiscalYear.parse(text) == FiscalYear(year)
    reading = FiscalYear.read(text)
    assert reading.fiscal_year == FiscalYear(year)
    assert reading.era_year == era_year
    assert reading.beyond_era_end is True
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse(text, strict=True)
    assert str(caught.value).startswith(f"cannot read {text!r} as a fiscal year: ")
    assert "strict" in caught.value.reason


def test_parse_takes_era_and_strict_positionally() -> None:
    assert FiscalYear.parse("平成31年度", None, False) == FiscalYear(2019)
    with pytest.raises(ParseError):
        FiscalYear.parse("平成31年度", None, True)
    assert FiscalYear.parse("31年度", "平成") == FiscalYear(2019)
    with pytest.raises(ParseError):
        FiscalYear.parse("31年度", "平成", True)


def test_western_labels_name_no_era() -> None:
    reading = FiscalYear.read("2015年度")
    assert reading.era is None
    assert reading.era_year is None
    assert reading.beyond_era_end is False


def test_parse_with_another_calendar() -> None:
    assert FiscalYear.parse("平成27年度", start_month=1) == FiscalYear(2015, start_month=1)
    assert FiscalYear.parse("FY2015", start_month=10) == FiscalYear(2015, start_month=10)


def test_seed_000_niigata_plan_years() -> None:
    # Seed 000 (Niigata): the plan runs 平成27年度..平成30年度; the period evaluation is 平成31年度以降.
    years = [FiscalYear.parse(f"平成{n}年度") for n in range(27, 31)]
    assert years == [FiscalYear(2015), FiscalYear(2016), FiscalYear(2017), FiscalYear(2018)]
    assert FiscalYear.parse("平成26年度") == FiscalYear(2014)  # 現状 (平成26年度), the baseline
    onward = FiscalYear.read("平成31年度以降".removesuffix("以降"))
    assert onward.fiscal_year == FiscalYear(2019)
    assert onward.beyond_era_end is True
    assert onward.fiscal_year.format() == "令和元年度"


def test_seed_004_mitaka_final_target_year() -> None:
    # Seed 004 (Mitaka): baseline 平成22年度, interim 平成26年度, mid-term 平成30年度, final 平成34年度.
    labels = ["平成22年度", "平成26年度", "平成30年度", "平成34年度"]
    assert [FiscalYear.parse(label).year for label in labels] == [2010, 2014, 2018, 2022]
    assert FiscalYear.read("平成34年度").beyond_era_end is True
    assert FiscalYear(2022).format() == "令和4年度"


def test_seed_002_yamaguchi_column_headers() -> None:
    # Seed 002 (Yamaguchi): the schedule's columns are printed "Ｈ25 H26 H28 H29", the first in full width.
    assert [FiscalYear.parse(label) for label in ["Ｈ25", "H26", "H28", "H29"]] == [
        FiscalYear(2013),
        FiscalYear(2014),
        FiscalYear(2016),
        FiscalYear(2017),
    ]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("平成27年13月", "cannot read '平成27年13月' as a fiscal year: "),
        (
            "平成27年",
            "cannot read '平成27年' as a fiscal year: '平成27年' names a calendar year (年), not a fiscal year",
        ),
        ("", "cannot read '' as a fiscal year: the text is empty"),
        ("10000年度", "cannot read '10000年度' as a fiscal year: "),
        ("平成0年度", "cannot read '平成0年度' as a fiscal year: '0' is not a year of an era"),
        ("平成27年度(2016年度)", "cannot read '平成27年度(2016年度)' as a fiscal year: '平成27年度' is FY2015 but"),
        ("X27", "cannot read 'X27' as a fiscal year: unexpected 'X'"),
    ],
)
def test_parse_errors_quote_the_input(text: str, start: str) -> None:
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse(text)
    error = caught.value
    assert str(error).startswith(start)
    assert error.text == text
    assert isinstance(error, ValueError)
    assert isinstance(error, KyodoError)


def test_parse_error_columns() -> None:
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse("平成27年13月")
    assert caught.value.column == 6
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse("平成27年")
    assert caught.value.column == 3
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse("X27")
    assert caught.value.column == 1


# --- writing labels ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "text"),
    [
        (FiscalYearStyle.ERA, "平成27年度"),
        (FiscalYearStyle.KANJI_NUMERALS, "平成二十七年度"),
        (FiscalYearStyle.LETTER, "H27"),
        (FiscalYearStyle.LETTER_NENDO, "H27年度"),
        (FiscalYearStyle.WESTERN, "2015年度"),
        (FiscalYearStyle.FY, "FY2015"),
        ("era", "平成27年度"),
        ("kanji_numerals", "平成二十七年度"),
        ("letter", "H27"),
        ("letter_nendo", "H27年度"),
        ("western", "2015年度"),
        ("fy", "FY2015"),
    ],
)
def test_format_styles(style: FiscalYearStyle | str, text: str) -> None:
    assert FiscalYear(2015).format(style) == text
    assert f"{FiscalYear(2015):{style}}" == text


@pytest.mark.parametrize(
    ("year", "text"),
    [(2019, "令和元年度"), (2020, "令和2年度"), (1989, "平成元年度"), (1988, "昭和63年度"), (1926, "昭和元年度")],
)
def test_format_labels_a_year_in_the_era_that_names_its_calendar_year(year: int, text: str) -> None:
    assert FiscalYear(year).format() == text
    assert str(FiscalYear(year)) == text


def test_format_gannen_and_chosen_era() -> None:
    assert FiscalYear(2019).format(gannen=False) == "令和1年度"
    assert FiscalYear(2019).format("kanji_numerals") == "令和元年度"
    assert FiscalYear(2019).format("letter") == "R1"
    assert FiscalYear(2019).format("letter_nendo") == "R1年度"
    assert FiscalYear(2019).format(era="平成") == "平成31年度"
    assert FiscalYear(2022).format(era="H") == "平成34年度"
    with pytest.raises(ValidationError):
        FiscalYear(2018).format(era="令和")


def test_format_refuses_unknown_styles() -> None:
    with pytest.raises(ValidationError):
        FiscalYear(2015).format("bogus")


# --- halves and quarters ---------------------------------------------------------------


def test_halves() -> None:
    fy = FiscalYear(2015)
    assert (fy.first_half.start, fy.first_half.end) == (date(2015, 4, 1), date(2015, 9, 30))
    assert (fy.second_half.start, fy.second_half.end) == (date(2015, 10, 1), date(2016, 3, 31))
    assert fy.halves == (fy.first_half, fy.second_half)
    assert fy.half(1) == fy.first_half
    assert date(2015, 9, 30) in fy.first_half
    assert date(2015, 10, 1) not in fy.first_half
    assert date(2015, 10, 1) in fy.second_half
    assert YearMonth(2016, 3) in fy.second_half
    assert FiscalHalf.of(date(2015, 10, 10)) == fy.second_half
    assert FiscalHalf.of(date(2016, 3, 31)) == fy.second_half
    assert FiscalHalf.of(date(2015, 4, 1)) == fy.first_half
    assert (fy.first_half.label, fy.second_half.label) == ("上半期", "下半期")
    assert fy.first_half.format() == "平成27年度上半期"


@pytest.mark.parametrize(
    ("number", "start", "end"),
    [
        (1, date(2015, 4, 1), date(2015, 6, 30)),
        (2, date(2015, 7, 1), date(2015, 9, 30)),
        (3, date(2015, 10, 1), date(2015, 12, 31)),
        (4, date(2016, 1, 1), date(2016, 3, 31)),
    ],
)
def test_quarters(number: int, start: date, end: date) -> None:
    quarter = FiscalYear(2015).quarter(number)
    assert quarter.number == number
    assert (quarter.start, quarter.end) == (start, end)
    assert start in quarter
    assert end in quarter
    assert start - ONE_DAY not in quarter
    assert end + ONE_DAY not in quarter
    assert FiscalQuarter.of(start) == quarter
    assert FiscalQuarter.of(end) == quarter
    assert FiscalYear(2015).quarters[number - 1] == quarter


def test_seed_000_half_year_check() -> None:
    # Seed 000 (Niigata): progress is checked for 上半期 (4～9月) each October.
    first_half = FiscalYear.parse("平成27年度").first_half
    assert first_half.start == date(2015, 4, 1)
    assert first_half.end == date(2015, 9, 30)
    assert date(2015, 10, 1) in FiscalYear(2015).second_half


@pytest.mark.parametrize("number", [0, 5, -1, 1.0, None])
def test_invalid_quarter_numbers(number: object) -> None:
    with pytest.raises(ValidationError):
        FiscalYear(2015).quarter(number)  # type: ignore[arg-type]


@pytest.mark.parametrize("number", [0, 3])
def test_invalid_half_numbers(number: int) -> None:
    with pytest.raises(ValidationError):
        FiscalYear(2015).half(number)


def test_halves_and_quarters_of_another_calendar() -> None:
    fy = FiscalYear(2015, start_month=1)
    assert (fy.first_half.start, fy.first_half.end) == (date(2015, 1, 1), date(2015, 6, 30))
    assert (fy.second_half.start, fy.second_half.end) == (date(2015, 7, 1), date(2015, 12, 31))
    assert fy.quarter(4).start == date(2015, 10, 1)
    assert FiscalHalf.of(date(2015, 7, 1), start_month=1) == fy.second_half


# --- ranges ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "平成26年度から平成30年度まで",
        "平成26年度から平成30年度",
        "H26–H30",
        "H26-H30",
        "H26～H30",
        "H26–30",
        "2014年度～2018年度",
        "2014～2018年度",
        "２０１４年度～２０１８年度",
        "平成26～30年度",
        "FY2014～FY2018",
        "平成二十六年度から平成三十年度まで",
        " 平成26年度 ～ 平成30年度 ",
    ],
)
def test_range_parse_reads_every_form(text: str) -> None:
    period = FiscalYearRange.parse(text)
    assert period == FiscalYearRange(FiscalYear(2014), FiscalYear(2018))
    assert len(period) == 5
    assert list(period) == [FiscalYear(year) for year in range(2014, 2019)]


def test_range_parse_in_the_era_given_and_strictly() -> None:
    period = FiscalYearRange(FiscalYear(2014), FiscalYear(2018))
    assert FiscalYearRange.parse("26年度～30年度", era="平成") == period
    assert FiscalYearRange.parse("26～30年度", "平成") == period
    assert FiscalYearRange.parse("令和元～3年度") == FiscalYear.range(2019, 2021)
    assert FiscalYearRange.parse("H30～R2") == FiscalYear.range(2018, 2020)
    assert FiscalYearRange.parse("平成30～34年度") == FiscalYear.range(2018, 2022)
    with pytest.raises(ParseError) as caught:
        FiscalYearRange.parse("平成30～34年度", strict=True)
    assert str(caught.value).startswith("cannot read '平成30～34年度' as a range of fiscal years: ")


def test_seed_001_ichinoseki_plan_period() -> None:
    # Seed 001 (Ichinoseki): 本計画は、平成26年度から平成30年度までの5年間とします。
    period = FiscalYearRange.parse("平成26年度から平成30年度まで")
    assert len(period) == 5
    assert period.first == FiscalYear(2014)
    assert period.last == FiscalYear(2018)
    assert period.start == date(2014, 4, 1)
    assert period.end == date(2019, 3, 31)


def test_range_is_sized_iterable_and_indexable() -> None:
    period = FiscalYear.range(2014, 2018)
    assert period == FiscalYear.range(FiscalYear(2014), FiscalYear(2018))
    assert len(period) == 5
    assert period[0] == FiscalYear(2014)
    assert period[4] == FiscalYear(2018)
    assert period[-1] == FiscalYear(2018)
    assert period[-5] == FiscalYear(2014)
    assert list(reversed(period)) == list(period)[::-1]
    with pytest.raises(IndexError):
        period[5]
    with pytest.raises(IndexError):
        period[-6]
    assert FiscalYear(2016) in period
    assert FiscalYear(2019) not in period
    assert FiscalYear(2016, start_month=1) not in period
    assert date(2019, 3, 31) in period
    assert date(2019, 4, 1) not in period
    assert str(period) == "平成26年度～平成30年度"
    assert period.format("fy") == "FY2014～FY2018"
    assert len(FiscalYear.range(2015, 2015)) == 1


def test_range_refuses_a_backward_or_mixed_range() -> None:
    with pytest.raises(ValidationError):
        FiscalYear.range(2018, 2014)
    with pytest.raises(ValidationError):
        FiscalYearRange(FiscalYear(2014), FiscalYear(2018, start_month=1))
    with pytest.raises(ValidationError):
        FiscalYearRange(2014, 2018)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "平成30年度から平成26年度まで",
            "cannot read '平成30年度から平成26年度まで' as a range of fiscal years: it ends (FY2014) before it starts",
        ),
        ("平成26年度", "cannot read '平成26年度' as a range of fiscal years: no separator"),
        ("", "cannot read '' as a range of fiscal years: the text is empty"),
        ("X26～H30", "cannot read 'X26～H30' as a range of fiscal years: "),
    ],
)
def test_range_parse_errors_quote_the_input(text: str, start: str) -> None:
    with pytest.raises(ParseError) as caught:
        FiscalYearRange.parse(text)
    assert str(caught.value).startswith(start)
    assert caught.value.text == text


# --- properties ----------------------------------------------------------------------


def _day_with_a_fiscal_year(start_month: int) -> st.SearchStrategy[date]:
    return st.dates(FiscalYear(1, start_month).start, FiscalYear(9998, start_month).end)


@given(st.integers(1, 12), st.data())
def test_a_day_lies_in_its_fiscal_year(start_month: int, data: st.DataObject) -> None:
    day = data.draw(_day_with_a_fiscal_year(start_month))
    fy = FiscalYear.of(day, start_month)
    assert fy.start_month == start_month
    assert fy.start <= day <= fy.end
    assert day in fy
    assert FiscalYear.of(YearMonth.of(day), start_month) == fy


@given(fiscal_years(1, 9997, start_month=None))
def test_consecutive_fiscal_years_tile_the_calendar(fy: FiscalYear) -> None:
    following = fy + 1
    assert fy.end + ONE_DAY == following.start
    assert following - fy == 1
    assert FiscalYear.of(fy.end, fy.start_month) == fy
    assert FiscalYear.of(following.start, fy.start_month) == following
    assert 365 <= (fy.end - fy.start).days + 1 <= 366


@given(fiscal_years(1, 9998, start_month=None))
def test_halves_and_quarters_tile_their_fiscal_year(fy: FiscalYear) -> None:
    for parts in (fy.halves, fy.quarters):
        assert parts[0].start == fy.start
        assert parts[-1].end == fy.end
        for part, following in pairwise(parts):
            assert part.end + ONE_DAY == following.start
        for part in parts:
            assert part.fiscal_year == fy
    assert [fy.quarter(n).start for n in (1, 3)] == [fy.first_half.start, fy.second_half.start]
    assert [fy.quarter(n).end for n in (2, 4)] == [fy.first_half.end, fy.second_half.end]


@given(st.integers(1, 12), st.data())
def test_a_day_lies_in_its_half_and_quarter(start_month: int, data: st.DataObject) -> None:
    day = data.draw(_day_with_a_fiscal_year(start_month))
    half = FiscalHalf.of(day, start_month)
    quarter = FiscalQuarter.of(day, start_month)
    assert day in half
    assert half.start <= day <= half.end
    assert day in quarter
    assert quarter.start <= day <= quarter.end
    assert half.fiscal_year == quarter.fiscal_year == FiscalYear.of(day, start_month)
    assert half.number == (quarter.number + 1) // 2


@given(fiscal_halves(fiscal_years(1, 9998, start_month=None)))
def test_half_of_its_own_days(half: FiscalHalf) -> None:
    assert FiscalHalf.of(half.start, half.fiscal_year.start_month) == half
    assert FiscalHalf.of(half.end, half.fiscal_year.start_month) == half


@given(fiscal_quarters(fiscal_years(1, 9998, start_month=None)))
def test_quarter_of_its_own_days(quarter: FiscalQuarter) -> None:
    assert FiscalQuarter.of(quarter.start, quarter.fiscal_year.start_month) == quarter
    assert FiscalQuarter.of(quarter.end, quarter.fiscal_year.start_month) == quarter


@given(fiscal_years(1868, 2200, start_month=None), st.sampled_from(ERA_STYLES), st.booleans())
def test_era_labels_read_back(fy: FiscalYear, style: FiscalYearStyle, gannen: bool) -> None:
    text = fy.format(style, gannen=gannen)
    assert FiscalYear.parse(text, start_month=fy.start_month) == fy
    assert FiscalYear.parse(text, strict=True, start_month=fy.start_month) == fy
    assert FiscalYear.read(text, start_month=fy.start_month).beyond_era_end is False


@given(fiscal_years(1, 9998, start_month=None), st.sampled_from(WESTERN_STYLES))
def test_western_labels_read_back(fy: FiscalYear, style: FiscalYearStyle) -> None:
    text = fy.format(style)
    assert FiscalYear.parse(text, start_month=fy.start_month) == fy
    assert FiscalYear.parse(text, strict=True, start_month=fy.start_month) == fy


@given(fiscal_years(1868, 2200), st.sampled_from(ERA_STYLES), st.data())
def test_labels_in_an_older_era_read_back_and_are_flagged(
    fy: FiscalYear, style: FiscalYearStyle, data: st.DataObject
) -> None:
    era = data.draw(st.sampled_from([era for era in ERAS if era.start.year <= fy.year]))
    reading = FiscalYear.read(fy.format(style, era=era))
    assert reading.fiscal_year == fy
    assert reading.era == era
    assert reading.beyond_era_end is (era != fy.era)


@given(fiscal_year_ranges(fiscal_years(1868, 2200, start_month=None)), fiscal_year_styles(), st.data())
def test_range_labels_read_back(period: FiscalYearRange, style: FiscalYearStyle, data: st.DataObject) -> None:
    separator = data.draw(st.sampled_from(RANGE_SEPARATORS))
    text = period.format(style, separator=separator)
    start_month = period.first.start_month
    assert FiscalYearRange.parse(text, start_month=start_month) == period
    if separator == "から":
        assert FiscalYearRange.parse(text + "まで", start_month=start_month) == period


@given(fiscal_year_ranges(fiscal_years(1, 9998, start_month=None)), st.sampled_from(WESTERN_STYLES))
def test_western_range_labels_read_back(period: FiscalYearRange, style: FiscalYearStyle) -> None:
    text = period.format(style)
    assert FiscalYearRange.parse(text, start_month=period.first.start_month) == period


@given(fiscal_year_ranges())
def test_a_range_holds_exactly_its_years(period: FiscalYearRange) -> None:
    years = list(period)
    assert len(years) == len(period) == period.last - period.first + 1
    assert years[0] == period.first == period[0]
    assert years[-1] == period.last == period[-1]
    assert all(period[index] == year for index, year in enumerate(years))
    assert all(year in period for year in years)
    assert period.first - 1 not in period
    assert period.last + 1 not in period
    assert period.start == period.first.start
    assert period.end == period.last.end


@given(fiscal_years(1, 9998), fiscal_years(1, 9998))
def test_ordering_agrees_with_the_year(a: FiscalYear, b: FiscalYear) -> None:
    assert (a < b) == (a.year < b.year)
    assert (a <= b) == (a.year <= b.year)
    assert (a > b) == (a.year > b.year)
    assert (a >= b) == (a.year >= b.year)
    assert (a == b) == (a.year == b.year)
    assert a - b == a.year - b.year


@given(fiscal_years(1, 9998, start_month=None), st.data())
def test_adding_then_subtracting_is_the_identity(fy: FiscalYear, data: st.DataObject) -> None:
    n = data.draw(st.integers(1 - fy.year, 9998 - fy.year))
    moved = fy + n
    assert moved.year == fy.year + n
    assert moved.start_month == fy.start_month
    assert moved - n == fy
    assert moved - fy == n


@given(st.from_type(FiscalYear))
def test_from_type_draws_fiscal_years(fy: FiscalYear) -> None:
    assert isinstance(fy, FiscalYear)
    assert FiscalYear.parse(fy.format()) == fy


@given(
    st.from_type(FiscalHalf),
    st.from_type(FiscalQuarter),
    st.from_type(FiscalYearRange),
    st.from_type(YearMonth),
)
def test_from_type_draws_every_registered_type(
    half: FiscalHalf, quarter: FiscalQuarter, period: FiscalYearRange, month: YearMonth
) -> None:
    assert isinstance(half, FiscalHalf)
    assert isinstance(quarter, FiscalQuarter)
    assert isinstance(period, FiscalYearRange)
    assert isinstance(month, YearMonth)
    assert half.start in half.fiscal_year
    assert quarter.end in quarter.fiscal_year
    assert len(period) >= 1
    assert month.start in month


def test_strategies_take_a_years_strategy_without_warnings() -> None:
    years = fiscal_years(2000, 2010)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fiscal_halves(years)
        fiscal_quarters(years)


@pytest.mark.filterwarnings("error")
@given(fiscal_year_ranges(fiscal_years(2000, 2010), max_size=3))
def test_range_strategy_takes_a_years_strategy_without_warnings(period: FiscalYearRange) -> None:
    assert 2000 <= period.first.year <= 2010
    assert 1 <= len(period) <= 3


# --- a year as JSON carries it (issue 15) ----------------------------------------------------------------------


def test_an_int_is_read_as_the_western_year_a_fiscal_year_starts_in() -> None:
    assert FiscalYear.parse(2016) == FiscalYear(2016) == FiscalYear.parse("平成28年度")
    assert FiscalYear.parse(2016, start_month=1) == FiscalYear(2016, 1)


@pytest.mark.parametrize(("value", "code"), [(0, "out_of_range"), (10_000, "out_of_range"), (True, "not_text")])
def test_an_int_that_is_no_fiscal_year_is_a_parse_error(value: object, code: str) -> None:
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse(value)  # type: ignore[arg-type]
    assert caught.value.code == code
