"""kyodo.pandas.fiscal_years_of: many dates at once give the fiscal years FiscalYear.of gives each, NaT missing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo import FiscalYear, KyodoError, ValidationError
from kyodo._fy_days import fiscal_years_of_days
from kyodo.pandas import FiscalYearDtype, fiscal_years_of, to_fiscal_years

months = st.integers(1, 12)
#: The days datetime64[ns] holds: 1677-09-22 to 2262-04-11.
NS_FIRST, NS_LAST = dt.datetime(1677, 9, 22), dt.datetime(2262, 4, 11)


def scalar(values: list[Any], start_month: int) -> list[FiscalYear | None] | None:
    """FiscalYear.of for each value (None where missing), or None if it refuses one."""
    try:
        return [None if value is None else FiscalYear.of(value, start_month) for value in values]
    except KyodoError:
        return None


def vectorised(dates: Any, start_month: int) -> list[FiscalYear | None] | None:
    try:
        column = fiscal_years_of(dates, start_month=start_month)
    except ValidationError:
        return None
    assert column.dtype == FiscalYearDtype(start_month)
    return [None if fy is pd.NA else fy for fy in column]


def as_datetime64(values: list[Any], unit: str) -> Any:
    return np.array([np.datetime64("NaT") if v is None else np.datetime64(v) for v in values], dtype=f"M8[{unit}]")


# --- laws ---------------------------------------------------------------------------------------


@given(st.lists(st.one_of(st.none(), st.dates()), max_size=30), months)
def test_a_list_of_dates_gives_what_fiscal_year_of_gives_each(days: list[dt.date | None], month: int) -> None:
    assert vectorised(days, month) == scalar(days, month)


@given(st.lists(st.one_of(st.none(), st.dates()), max_size=30), months, st.sampled_from(["D", "h", "s", "W", "M"]))
def test_datetime64_days_of_any_unit_give_what_fiscal_year_of_gives_each(
    days: list[dt.date | None], month: int, unit: str
) -> None:
    if unit in ("W", "M"):
        # A coarser unit holds the week's or month's first day.
        days = [None if d is None else np.datetime64(d, unit).astype("M8[D]").item() for d in days]
    assert vectorised(as_datetime64(days, unit), month) == scalar(days, month)


@given(
    st.lists(st.one_of(st.none(), st.datetimes(NS_FIRST, NS_LAST)), max_size=30),
    months,
    st.sampled_from(["ns", "us", "ms", "s"]),
)
def test_datetimes_before_and_after_1970_fall_in_the_fiscal_year_of_their_day(
    times: list[dt.datetime | None], month: int, unit: str
) -> None:
    expected = scalar(times, month)
    index = pd.DatetimeIndex(as_datetime64(times, unit))
    assert vectorised(index, month) == expected
    series = pd.Series(index, index=range(10, 10 + len(times)), name="applied")
    column = fiscal_years_of(series, start_month=month)
    assert list(column.index) == list(series.index)
    assert column.name == "applied"
    assert to_fiscal_years(series, start_month=month).equals(column)


@given(st.lists(st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1)), max_size=30), months)
def test_a_date_with_a_time_zone_is_in_the_fiscal_year_of_its_wall_clock_day(
    times: list[dt.datetime], month: int
) -> None:
    index = pd.DatetimeIndex(times).tz_localize("UTC").tz_convert("Asia/Tokyo")
    assert vectorised(index, month) == scalar(list(index), month)


@given(st.lists(st.dates(), min_size=1, max_size=30), st.lists(st.dates(), min_size=1, max_size=30), months)
def test_the_day_table_and_the_formula_agree(near: list[dt.date], far: list[dt.date], month: int) -> None:
    # Days from a few years use a table of one year per day; days from millennia apart, the formula.
    first = dt.date(2000, 1, 1).toordinal()
    days = np.array([d.toordinal() % 3000 + first for d in near] + [d.toordinal() for d in far], dtype=np.int64)
    epoch = dt.date(1970, 1, 1).toordinal()
    for chosen in (days[: len(near)], np.append(days, [dt.date(2, 1, 1).toordinal(), dt.date(9999, 1, 1).toordinal()])):
        expected = [dt.date.fromordinal(int(d)).year - (dt.date.fromordinal(int(d)).month < month) for d in chosen]
        assert fiscal_years_of_days(chosen - epoch, month).tolist() == expected


# --- facts and edges ------------------------------------------------------------------------------


def test_the_last_day_of_march_is_in_the_fiscal_year_before() -> None:
    index = pd.DatetimeIndex(["2016-03-31 23:59:59", "2016-04-01", "NaT", "1969-03-31", "1969-04-01"])
    assert fiscal_years_of(index).tolist() == [
        FiscalYear(2015),
        FiscalYear(2016),
        pd.NA,
        FiscalYear(1968),
        FiscalYear(1969),
    ]
    assert fiscal_years_of(index, start_month=1)[0] == FiscalYear(2016, 1)


def test_to_fiscal_years_reads_dates_in_the_calendar_it_is_given() -> None:
    dates = [dt.date(2016, 3, 31), None, pd.Timestamp("2016-04-01")]
    assert to_fiscal_years(dates).tolist() == [FiscalYear(2015), pd.NA, FiscalYear(2016)]
    assert to_fiscal_years(np.array(["2016-03-31"], dtype="M8[D]"), start_month=1)[0] == FiscalYear(2016, 1)
    # Among labels, a date is read as FiscalYear.of reads it.
    assert to_fiscal_years(["H27", dt.date(2016, 4, 1)]).tolist() == [FiscalYear(2015), FiscalYear(2016)]


def test_what_is_not_a_date_is_a_problem_at_its_row() -> None:
    with pytest.raises(ValidationError) as caught:
        fiscal_years_of([dt.date(2016, 3, 31), "2016-04-01", 2016, None])
    assert [path for path, _ in caught.value.problems] == ["[1]", "[2]"]
    with pytest.raises(ValidationError, match="list of dates"):
        fiscal_years_of(dt.date(2016, 3, 31))
    with pytest.raises(ValidationError, match="not an array of int64"):
        fiscal_years_of(np.array([2016]))
    with pytest.raises(ValidationError, match="one column"):
        fiscal_years_of(np.zeros((2, 2), dtype="M8[D]"))
    with pytest.raises(ValidationError, match="start_month"):
        fiscal_years_of([], start_month=13)


def test_a_date_whose_fiscal_year_is_outside_1_to_9998_is_refused_at_its_row() -> None:
    with pytest.raises(ValidationError) as caught:
        fiscal_years_of(np.array(["2016-04-01", "0001-03-31"], dtype="M8[D]"))
    assert caught.value.problems == (("[1]", "0001-03-31 is in fiscal year 0, outside 1 to 9998"),)
    assert caught.value.codes == ("out_of_range",)
    with pytest.raises(ValidationError, match=r"\[0\]: 9999-04-01 is in fiscal year 9999"):
        fiscal_years_of([dt.date(9999, 4, 1)])
    with pytest.raises(ValidationError, match=r"\[1\]: 10000-01-01 is outside years 1 to 9999"):
        fiscal_years_of(np.array(["2016-01-01", "10000-01-01"], dtype="M8[D]"))
    assert fiscal_years_of([dt.date(1, 3, 31)], start_month=1)[0] == FiscalYear(1, 1)


def test_no_dates_and_only_missing_ones_make_columns_of_their_length() -> None:
    assert len(fiscal_years_of(np.array([], dtype="M8[ns]"))) == 0
    assert len(fiscal_years_of([])) == 0
    assert fiscal_years_of([None, pd.NaT, np.datetime64("NaT")]).isna().tolist() == [True, True, True]
    assert fiscal_years_of(pd.DatetimeIndex([pd.NaT])).isna().tolist() == [True]


def test_a_million_dates_make_no_object_per_row() -> None:
    index = pd.date_range("1990-01-01", periods=1_000_000, freq="min")
    column = fiscal_years_of(index)
    assert column.years.dtype == np.int64
    assert column.years[0] == 1989
    assert column.years[-1] == 1991
