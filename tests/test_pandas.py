"""kyodo.pandas: the fiscal_year dtype's laws (order, round trips, missing years, grouping) and its edges."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo import FiscalYear, FiscalYearStyle, ValidationError
from kyodo.frames import period_of_fiscal_year
from kyodo.pandas import FiscalYearArray, FiscalYearDtype, to_fiscal_years
from kyodo.strategies import fiscal_years

#: Columns of fiscal years of one calendar, with missing ones (None).
months = st.integers(1, 12)


@st.composite
def columns(draw: st.DrawFn, min_year: int = 1, max_year: int = 9998) -> tuple[list[FiscalYear | None], int]:
    month = draw(months)
    years = st.one_of(st.none(), fiscal_years(min_year, max_year, start_month=month))
    return draw(st.lists(years, max_size=30)), month


# --- laws ---------------------------------------------------------------------------------------


@given(columns())
def test_sorting_orders_by_the_year_each_fiscal_year_starts_in_with_missing_last(
    column: tuple[list[FiscalYear | None], int],
) -> None:
    values, month = column
    ordered = pd.Series(to_fiscal_years(values, start_month=month)).sort_values().tolist()
    present = sorted(fy.year for fy in values if fy is not None)
    assert [fy.year for fy in ordered[: len(present)]] == present
    assert all(fy is pd.NA for fy in ordered[len(present) :])


@given(columns())
def test_ints_objects_and_the_array_agree(column: tuple[list[FiscalYear | None], int]) -> None:
    values, month = column
    from_objects = to_fiscal_years(values, start_month=month)
    from_ints = to_fiscal_years(
        pd.array([None if fy is None else fy.year for fy in values], dtype="Int64"), start_month=month
    )
    assert from_objects.dtype == from_ints.dtype == FiscalYearDtype(month)
    assert [None if fy is pd.NA else fy for fy in from_objects] == values
    assert from_objects.equals(from_ints)
    assert from_objects.isna().tolist() == [fy is None for fy in values]


@given(columns(min_year=1868))
def test_labels_round_trip_in_every_style(column: tuple[list[FiscalYear | None], int]) -> None:
    values, month = column
    series = pd.Series(to_fiscal_years(values, start_month=month))
    for style in (None, *FiscalYearStyle):
        labels = series.fy.label(style)
        assert to_fiscal_years(labels, start_month=month).equals(series), style


@given(columns(max_year=9000))
def test_periods_round_trip(column: tuple[list[FiscalYear | None], int]) -> None:
    values, month = column
    series = pd.Series(to_fiscal_years(values, start_month=month))
    periods = series.fy.to_period()
    assert periods.tolist() == [pd.NaT if fy is None else period_of_fiscal_year(fy) for fy in values]
    assert to_fiscal_years(periods).equals(series)


@given(columns(min_year=1700, max_year=2250))
def test_start_and_end_are_the_fiscal_years_first_and_last_days(column: tuple[list[FiscalYear | None], int]) -> None:
    values, month = column
    series = pd.Series(to_fiscal_years(values, start_month=month))
    starts, ends = series.fy.start, series.fy.end
    for fy, start, end in zip(values, starts, ends, strict=True):
        if fy is None:
            assert start is pd.NaT
            assert end is pd.NaT
        else:
            assert (start.date(), end.date()) == (fy.start, fy.end)


@given(columns(), st.data())
def test_groups_are_the_distinct_years_with_their_rows(
    column: tuple[list[FiscalYear | None], int], data: st.DataObject
) -> None:
    values, month = column
    amounts = data.draw(st.lists(st.integers(0, 10**6), min_size=len(values), max_size=len(values)))
    frame = pd.DataFrame({"fy": to_fiscal_years(values, start_month=month), "amount": amounts})
    totals = frame.groupby("fy", dropna=True)["amount"].sum()
    expected: dict[FiscalYear, int] = {}
    for fy, amount in zip(values, amounts, strict=True):
        if fy is not None:
            expected[fy] = expected.get(fy, 0) + amount
    assert totals.index.dtype == FiscalYearDtype(month)
    assert dict(totals.items()) == dict(sorted(expected.items()))


@given(columns(), fiscal_years(1, 9998, start_month=None))
def test_comparing_with_a_fiscal_year_is_comparing_each(
    column: tuple[list[FiscalYear | None], int], other: FiscalYear
) -> None:
    values, month = column
    series = pd.Series(to_fiscal_years(values, start_month=month))
    equal = (series == other).tolist()
    assert equal == [pd.NA if fy is None else fy == other for fy in values]
    if other.start_month == month:
        assert (series < other).tolist() == [pd.NA if fy is None else fy < other for fy in values]
    else:
        with pytest.raises(TypeError, match="do not mix"):
            _ = series < other


@given(columns(min_year=100, max_year=9000), st.integers(-99, 99))
def test_adding_years_is_adding_them_to_each(column: tuple[list[FiscalYear | None], int], years: int) -> None:
    values, month = column
    series = pd.Series(to_fiscal_years(values, start_month=month))
    moved = series + years
    assert moved.tolist() == [pd.NA if fy is None else fy + years for fy in values]
    assert (moved - series).tolist() == [pd.NA if fy is None else years for fy in values]


# --- examples -----------------------------------------------------------------------------------


def test_a_column_shows_the_label_the_documents_print() -> None:
    column = pd.Series(to_fiscal_years([2015, 2019, 1500, None]))
    assert column.to_string().splitlines() == ["0    平成27年度", "1     令和元年度", "2    1500年度", "3      <NA>"]
    assert str(column.dtype) == "fiscal_year"


def test_periods_of_april_name_the_year_after_the_fiscal_year() -> None:
    column = pd.Series(to_fiscal_years(["平成27年度"]))
    assert column.fy.to_period()[0] == pd.Period("2016", freq="Y-MAR")
    assert column.fy.year[0] == 2015
    assert to_fiscal_years(pd.Series([pd.Period("2016", freq="Y-MAR")]))[0] == FiscalYear(2015)


def test_the_calendar_comes_from_the_values_or_the_dtype() -> None:
    assert to_fiscal_years([FiscalYear(2015, 1)]).dtype == FiscalYearDtype(1)
    assert to_fiscal_years(pd.period_range("2015", periods=1, freq="Y-DEC"))[0] == FiscalYear(2015, 1)
    assert pd.api.types.pandas_dtype("fiscal_year[start_month=1]") == FiscalYearDtype(1)
    assert pd.Series([2015]).astype("fiscal_year[start_month=10]")[0] == FiscalYear(2015, 10)


def test_every_value_that_does_not_read_is_a_problem_at_its_row() -> None:
    with pytest.raises(ValidationError) as caught:
        to_fiscal_years(["平成27年度", "来年度", 2015.5, True, "H28", 0])
    assert [path for path, _ in caught.value.problems] == ["[1]", "[2]", "[3]", "[5]"]
    assert caught.value.codes[-1] == "out_of_range"


def test_two_calendars_do_not_share_a_column() -> None:
    with pytest.raises(ValidationError, match=r"\[1\]: a fiscal year starting in month 1"):
        to_fiscal_years([FiscalYear(2015), FiscalYear(2015, 1)])
    with pytest.raises(ValidationError, match="starting in month 4 in a column of years starting in month 1"):
        to_fiscal_years([FiscalYear(2015)], start_month=1)


def test_years_outside_what_a_fiscal_year_can_be_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"\[1\]"):
        to_fiscal_years(np.array([2015, 10_000]))
    with pytest.raises(ValidationError):
        pd.Series(to_fiscal_years([9998])) + 1
    with pytest.raises(ValidationError, match="annual"):
        to_fiscal_years(pd.period_range("2015-01", periods=2, freq="M"))


def test_the_accessor_belongs_to_fiscal_year_columns_only() -> None:
    assert not hasattr(pd.Series([2015]), "fy")
    with pytest.raises(AttributeError, match="to_fiscal_years"):
        pd.Series([2015]).fy.year  # noqa: B018
    with pytest.raises(ValidationError, match="style"):
        pd.Series(to_fiscal_years([2015])).fy.label("wareki")


def test_an_int_column_of_missing_years_needs_a_nullable_dtype() -> None:
    column = pd.Series(to_fiscal_years([2015, None]))
    assert column.astype("Int64").tolist() == [2015, pd.NA]
    assert pd.Series(to_fiscal_years([2015])).astype("int64").tolist() == [2015]
    with pytest.raises(ValidationError, match="Int64"):
        column.astype("int64")


def test_a_frame_built_from_ints_makes_no_object_per_row() -> None:
    years = np.arange(1900, 2100).repeat(500)
    array = FiscalYearArray._from_sequence(years)
    assert array.years.dtype == np.int64
    assert (array == FiscalYear(2000)).sum() == 500
    codes, uniques = pd.factorize(array)
    assert len(uniques) == 200
    assert codes[-1] == 199


def test_a_csv_column_reads_back_with_the_dtype(tmp_path: Path) -> None:
    frame = pd.DataFrame({"fy": to_fiscal_years([2015, None, 2019]), "amount": [1, 2, 3]})
    path = tmp_path / "years.csv"
    frame.to_csv(path, index=False)
    assert path.read_text(encoding="utf-8").splitlines()[1] == "平成27年度,1"
    back = pd.read_csv(path, dtype={"fy": "fiscal_year"})
    pd.testing.assert_frame_equal(back, frame)


def test_parquet_keeps_the_dtype(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    frame = pd.DataFrame({"fy": to_fiscal_years([2015, None, 2019], start_month=1), "amount": [1, 2, 3]})
    path = tmp_path / "years.parquet"
    frame.to_parquet(path)
    back = pd.read_parquet(path)
    assert back["fy"].dtype == FiscalYearDtype(1)
    pd.testing.assert_frame_equal(back, frame)


def test_importing_kyodo_does_not_import_pandas() -> None:
    code = "import sys, kyodo; print('pandas' in sys.modules, 'kyodo.pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_without_pandas_kyodo_pandas_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "try:\n    import kyodo.pandas\nexcept Exception as error:\n    print(type(error).__name__, error)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "KyodoError kyodo.pandas needs pandas: pip install 'kyodo[pandas]'"
