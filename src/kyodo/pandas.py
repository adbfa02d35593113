"""Fiscal years as a pandas dtype: ``fiscal_year``, its array and the ``.fy`` accessor (the ``pandas`` extra).

Every frame kyodo makes holds its ``fy`` column in this dtype. A column shows
each year as the documents print it (平成27年度, or 2015年度 before 明治), sorts
and groups by the year it starts in, and holds nothing but a numpy array of
start years and a mask of the missing ones: making a column from ints,
comparing, sorting, grouping, taking and joining make no Python object per row.

Rules, precisely:

* A fiscal year is named by the calendar year it **starts** in (FY2015 is
  平成27年度, 2015-04-01 to 2016-03-31), unlike pandas' annual ``Period``,
  named by the year it ends in. ``.fy.year`` is that start year and
  ``.fy.to_period()`` the ``Period[Y-MAR]`` column earlier kyodo frames held.
* The dtype is parametrised by the month the fiscal year starts in, as
  :class:`~kyodo.FiscalYear` is: ``fiscal_year`` is the April calendar,
  ``fiscal_year[start_month=1]`` the calendar year. Years of two calendars do
  not compare and do not share a column.
* Ints (start years), labels (平成27年度, H27, FY2015 …), annual ``Period``
  values and :class:`~kyodo.FiscalYear` objects become the dtype with
  :func:`to_fiscal_years` or ``astype("fiscal_year")``; None, NaN, NaT and
  ``pd.NA`` are missing (``pd.NA``). What does not read raises
  :class:`~kyodo.ValidationError` with the row of each problem.
* Dates become the fiscal year each falls in with :func:`fiscal_years_of`
  (or :func:`to_fiscal_years`), by :meth:`~kyodo.FiscalYear.of`'s rule: a
  ``datetime64`` column by integer arithmetic on its days, with no Python
  object per row; NaT is missing.
* Other labels are one call away, per call and never a global setting:
  ``.fy.label("western")`` with any :class:`~kyodo.FiscalYearStyle`.

Importing this module registers the dtype under the name ``fiscal_year``, the
``.fy`` accessor of Series and, when pyarrow is installed, an Arrow extension
type so that parquet files keep the dtype; :mod:`kyodo.frames` imports it.

>>> import pandas as pd
>>> from kyodo import FiscalYear
>>> years = pd.Series([2016, 2015, None, 2019]).astype("fiscal_year")
>>> years
0     平成28年度
1     平成27年度
2       <NA>
3      令和元年度
dtype: fiscal_year
>>> years[0], years.fy.year.tolist(), years.sort_values().fy.label("fy").tolist()
(FiscalYear(2016), [2016, 2015, <NA>, 2019], ['FY2015', 'FY2016', 'FY2019', None])
>>> (years >= FiscalYear(2016)).tolist()
[True, False, <NA>, True]
>>> years.fy.to_period()[0], years.fy.start[0].date()
(Period('2017', 'Y-MAR'), datetime.date(2016, 4, 1))
"""

from __future__ import annotations

import builtins
import contextlib
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, ClassVar, Final

from kyodo._checks import check_int, coerce_enum
from kyodo._fy_days import fiscal_years_of_days
from kyodo.errors import KyodoError, Problem, ValidationError
from kyodo.fiscal import FiscalYear, FiscalYearStyle

try:
    import numpy as np
    import pandas as pd
    from pandas.api.extensions import (
        ExtensionArray,
        ExtensionDtype,
        no_default,
        register_extension_dtype,
        register_series_accessor,
        take,
    )
    from pandas.api.indexers import check_array_indexer
except ImportError:  # pragma: no cover - the tests run with pandas
    raise KyodoError("kyodo.pandas needs pandas: pip install 'kyodo[pandas]'") from None

__all__ = ["FiscalYearAccessor", "FiscalYearArray", "FiscalYearDtype", "fiscal_years_of", "to_fiscal_years"]

_MIN_YEAR: Final = 1
_MAX_YEAR: Final = 9998
_NAME: Final = "fiscal_year"
_NAMED: Final = re.compile(r"fiscal_year\[start_month=(\d{1,2})\]")
_MONTHS: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


@register_extension_dtype
class FiscalYearDtype(ExtensionDtype):
    """The pandas dtype of fiscal years of one calendar: ``fiscal_year`` (April) or ``fiscal_year[start_month=N]``.

    >>> FiscalYearDtype(), FiscalYearDtype(start_month=1).name
    (FiscalYearDtype(), 'fiscal_year[start_month=1]')
    >>> pd.api.types.pandas_dtype("fiscal_year") == FiscalYearDtype()
    True
    """

    _metadata: ClassVar[tuple[str, ...]] = ("start_month",)
    type = FiscalYear
    kind = "O"
    na_value = pd.NA

    def __init__(self, start_month: int = 4) -> None:
        check_int("start_month", start_month, 1, 12)
        self._start_month = start_month

    @property
    def start_month(self) -> int:
        """The month (1 to 12) each fiscal year of this dtype starts in; 4 for the Japanese fiscal year."""
        return self._start_month

    @property
    def name(self) -> str:  # type: ignore[override]
        """``fiscal_year`` for the April calendar, ``fiscal_year[start_month=N]`` for another."""
        return _NAME if self._start_month == 4 else f"{_NAME}[start_month={self._start_month}]"

    def __repr__(self) -> str:
        return "FiscalYearDtype()" if self._start_month == 4 else f"FiscalYearDtype(start_month={self._start_month})"

    @classmethod
    def construct_from_string(cls, string: str) -> FiscalYearDtype:
        """The dtype a name gives: ``fiscal_year`` or ``fiscal_year[start_month=N]``."""
        if not isinstance(string, str):
            # pandas' own words, which its tests of extension dtypes look for.
            raise TypeError(f"'construct_from_string' expects a string, got {type(string)}")
        if string == _NAME:
            return cls()
        named = _NAMED.fullmatch(string)
        if named is None:
            raise TypeError(f"Cannot construct a 'FiscalYearDtype' from '{string}'")
        return cls(int(named[1]))

    @classmethod
    def construct_array_type(cls) -> builtins.type[FiscalYearArray]:
        """:class:`FiscalYearArray`."""
        return FiscalYearArray

    @property
    def _is_numeric(self) -> bool:
        return False

    @property
    def _is_boolean(self) -> bool:
        return False

    def __from_arrow__(self, array: Any) -> FiscalYearArray:
        """The column an Arrow array (or chunked array) of start years holds."""
        chunks = array.chunks if hasattr(array, "chunks") else [array]
        years: list[Any] = []
        masks: list[Any] = []
        for chunk in chunks:
            storage = chunk.storage if hasattr(chunk, "storage") else chunk
            masks.append(np.asarray(storage.is_null().to_numpy(zero_copy_only=False), dtype=bool))
            years.append(np.asarray(storage.fill_null(_MIN_YEAR).to_numpy(zero_copy_only=False), dtype=np.int64))
        if not chunks:
            return FiscalYearArray(np.zeros(0, np.int64), np.zeros(0, bool), self)
        return FiscalYearArray(np.concatenate(years), np.concatenate(masks), self)


def _problem_of(error: KyodoError) -> Any:
    """The message of ``error``, with its code, to give again under a row's path."""
    if isinstance(error, ValidationError):
        return error.bilingual[0][1]
    return error.coded  # type: ignore[attr-defined]


_ACCEPTED: Final = (
    "a FiscalYear, a year (int), a label such as 平成27年度 or an annual Period",
    "FiscalYear、年（整数）、平成27年度 のようなラベル、一年の Period",
)


class _Reader:
    """Turns the values of a column into start years, collecting a problem per value that does not read."""

    def __init__(self, start_month: int | None) -> None:
        self.start_month = start_month
        self.problems: list[Problem] = []

    def month(self, month: int, index: int) -> None:
        """Record that the value at ``index`` belongs to the calendar starting in ``month``."""
        if self.start_month is None:
            self.start_month = month
        elif month != self.start_month:
            self.problems.append(
                (
                    f"[{index}]",
                    (
                        f"a fiscal year starting in month {month} in a column of years starting in month {self.start_month}",
                        f"{month}月始まりの年度が{self.start_month}月始まりの年度の列にある",
                    ),
                )
            )

    def year(self, value: object, index: int) -> int:
        """The start year ``value`` names (0 when it does not read; the problem is recorded)."""
        if isinstance(value, FiscalYear):
            self.month(value.start_month, index)
            return value.year
        if isinstance(value, pd.Period):
            from kyodo.frames import fiscal_year_of_period

            try:
                fy = fiscal_year_of_period(value)
            except KyodoError as error:
                self.problems.append((f"[{index}]", _problem_of(error)))
                return 0
            self.month(fy.start_month, index)
            return fy.year
        if isinstance(value, date) and not _is_missing(value):
            try:
                return FiscalYear.of(value, self.start_month or 4).year
            except KyodoError as error:
                self.problems.append((f"[{index}]", _problem_of(error)))
                return 0
        if isinstance(value, float | np.floating) and float(value).is_integer():
            value = int(value)
        if isinstance(value, int | np.integer | str) and not isinstance(value, bool | np.bool_):
            if isinstance(value, np.integer):
                value = int(value)
            try:
                return FiscalYear.parse(value, start_month=self.start_month or 4).year
            except KyodoError as error:
                self.problems.append((f"[{index}]", _problem_of(error)))
                return 0
        kind = type(value).__name__
        self.problems.append(
            (
                f"[{index}]",
                (f"expected {_ACCEPTED[0]}, not {kind} {value!r}", f"{_ACCEPTED[1]} が必要（{kind} {value!r}）"),
                "not_a_number" if isinstance(value, float | bool | np.floating | np.bool_) else "invalid",
            )
        )
        return 0

    def check_range(self, years: Any, mask: Any) -> None:
        """Record a problem for the first year outside 1–9998, if any."""
        wrong = ~mask & ((years < _MIN_YEAR) | (years > _MAX_YEAR))
        if wrong.any():
            index = int(np.flatnonzero(wrong)[0])
            self.year(int(years[index]), index)

    def raise_problems(self) -> None:
        if self.problems:
            raise ValidationError(*self.problems[:_MOST_PROBLEMS])


#: The most problems one conversion reports: a column of a million bad labels says the first few.
_MOST_PROBLEMS: Final = 20


def _read(values: object, start_month: int | None) -> tuple[Any, Any, int]:
    """Start years, a mask of the missing ones, and the start month of ``values`` (see :func:`to_fiscal_years`)."""
    reader = _Reader(start_month)
    if isinstance(values, pd.Series | pd.Index):
        values = values.array
    if isinstance(values, FiscalYearArray):
        reader.month(values.dtype.start_month, 0)
        reader.raise_problems()
        return values._years.copy(), values._mask.copy(), values.dtype.start_month
    if isinstance(getattr(values, "dtype", None), pd.PeriodDtype):
        return _read_periods(values, reader)
    if _holds_datetimes(values):
        month = start_month or 4
        years, mask = _years_of_dates(values, month)
        return years, mask, month
    if isinstance(values, ExtensionArray) and pd.api.types.is_integer_dtype(values.dtype):
        mask = np.asarray(values.isna(), dtype=bool)
        years = np.asarray(values.to_numpy(dtype=np.int64, na_value=_MIN_YEAR))
        return _checked(years, mask, reader)
    if isinstance(values, ExtensionArray):
        values = values.to_numpy(dtype=object)
    elif not isinstance(values, np.ndarray):
        if isinstance(values, str) or not isinstance(values, Iterable):
            kind = type(values).__name__
            raise ValidationError(("", (f"expected a list of fiscal years, not {kind}", f"年度の並びが必要（{kind}）")))
        values = list(values)
        kinds = {type(value) for value in values}
        values = (
            np.array(values, dtype=np.int64)
            if values and kinds == {int}
            else np.array([*values, None], dtype=object)[:-1]
        )
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValidationError(
            ("", (f"expected one column, not {array.ndim} dimensions", f"一列が必要（{array.ndim}次元）"))
        )
    if array.dtype.kind in "iu":
        return _checked(array.astype(np.int64), np.zeros(len(array), dtype=bool), reader)
    if _holds_dates(array):
        month = start_month or 4
        years, mask = _years_of_dates(array, month)
        return years, mask, month
    if array.dtype.kind == "f":
        mask = np.isnan(array)
        whole = np.where(mask, _MIN_YEAR, array)
        if (whole == np.floor(whole)).all():
            return _checked(whole.astype(np.int64), mask, reader)
    return _read_each(array, reader)


def _checked(years: Any, mask: Any, reader: _Reader) -> tuple[Any, Any, int]:
    reader.check_range(years, mask)
    reader.raise_problems()
    return np.where(mask, _MIN_YEAR, years), mask, reader.start_month or 4


def _read_periods(values: Any, reader: _Reader) -> tuple[Any, Any, int]:
    """Annual periods, read at once: a period ending in March 2016 (``Y-MAR``) is FY2015."""
    periods = pd.PeriodIndex(values)
    mask = np.asarray(periods.isna(), dtype=bool)
    freq = periods.freq
    if not isinstance(freq, pd.offsets.YearEnd) or freq.n != 1:
        from kyodo.frames import fiscal_year_of_period

        present = np.flatnonzero(~mask)
        if len(present):
            index = int(present[0])
            try:
                fiscal_year_of_period(periods[index])
            except KyodoError as error:
                raise ValidationError((f"[{index}]", _problem_of(error))) from None
        raise ValidationError(
            ("", (f"expected annual periods, not periods of {freq}", f"一年の期間が必要（{freq} の期間）"))
        )
    start_month = int(freq.month) % 12 + 1  # type: ignore[attr-defined, unused-ignore]
    reader.month(start_month, 0)
    reader.raise_problems()
    # pandas names an annual period by the calendar year it ends in.
    end_years = np.asarray(periods.year, dtype=np.int64)
    years = np.where(mask, _MIN_YEAR, end_years - (0 if start_month == 1 else 1))
    return years, mask, start_month


def _read_each(array: Any, reader: _Reader) -> tuple[Any, Any, int]:
    """Values of any kind, each distinct value read once."""
    try:
        codes, uniques = pd.factorize(array, use_na_sentinel=True)
    except TypeError:
        # Something unhashable: read each value, and say which.
        codes, uniques = np.arange(len(array)), array
    firsts = np.full(len(uniques), -1, dtype=np.int64)
    found = codes >= 0
    positions = np.flatnonzero(found)
    firsts[codes[positions[::-1]]] = positions[::-1]
    # FiscalYear objects first, so that they set the calendar that labels and ints are read in.
    order = sorted(range(len(uniques)), key=lambda k: not isinstance(uniques[k], FiscalYear | pd.Period))
    read = np.zeros(len(uniques), dtype=np.int64)
    for k in order:
        read[k] = reader.year(uniques[k], int(firsts[k]))
    reader.raise_problems()
    mask = ~found
    years = np.where(mask, _MIN_YEAR, read[np.where(found, codes, 0)] if len(read) else _MIN_YEAR)
    return years.astype(np.int64), mask, reader.start_month or 4


#: Days from 1970-01-01 to 0001-01-01 and to 9999-12-31, the first and last days numpy and ``date`` share.
_FIRST_DAY: Final = -719_162
_LAST_DAY: Final = 2_932_896
_NAT: Final = np.iinfo(np.int64).min
#: How many of each unit finer than a day make a day.
_PER_DAY: Final = {"h": 24, "m": 1440, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}
_DATES: Final = ("dates (datetime.date, datetime64)", "日付（datetime.date、datetime64）")


def _holds_datetimes(values: object) -> bool:
    """Whether ``values`` is a numpy or pandas array of ``datetime64`` (naive or with a time zone)."""
    dtype = getattr(values, "dtype", None)
    return isinstance(dtype, pd.DatetimeTZDtype) or (isinstance(dtype, np.dtype) and dtype.kind == "M")


def _holds_dates(array: Any) -> bool:
    """Whether the first value of an object array that is not missing is a date (or datetime, or Timestamp)."""
    if array.dtype.kind != "O":
        return False
    for value in array:
        if not _is_missing(value):
            return isinstance(value, date | np.datetime64)
    return False


def _years_of_dates(values: Any, start_month: int) -> tuple[Any, Any]:
    """The start years and missing mask of the fiscal years of ``values``, dates (see :func:`fiscal_years_of`)."""
    if isinstance(values, pd.Series | pd.Index):
        values = values.array
    if isinstance(getattr(values, "dtype", None), pd.DatetimeTZDtype):
        # A date with a time zone is in the fiscal year of its own wall-clock day, as FiscalYear.of reads it.
        values = values.tz_localize(None)
    if not isinstance(values, np.ndarray | ExtensionArray):
        if isinstance(values, str | date) or not isinstance(values, Iterable):
            kind = type(values).__name__
            raise ValidationError(("", (f"expected a list of dates, not {kind}", f"日付の並びが必要（{kind}）")))
        values = np.array([*values, None], dtype=object)[:-1]
    datetimes = _holds_datetimes(values)
    array = np.asarray(values) if datetimes or isinstance(values, np.ndarray) else np.asarray(values, dtype=object)
    if array.ndim != 1:
        raise ValidationError(
            ("", (f"expected one column, not {array.ndim} dimensions", f"一列が必要（{array.ndim}次元）"))
        )
    if datetimes:
        return _years_of_datetime64(array, start_month)
    if array.dtype.kind != "O":
        kind = str(array.dtype)
        raise ValidationError(("", (f"expected {_DATES[0]}, not an array of {kind}", f"{_DATES[1]} が必要（{kind}）")))
    return _years_of_objects(array, start_month)


def _years_of_datetime64(array: Any, start_month: int) -> tuple[Any, Any]:
    """Start years and mask of a ``datetime64`` array of any unit: integer arithmetic on the days, NaT missing."""
    unit, count = np.datetime_data(array.dtype)
    raw = array.view(np.int64)
    mask = raw == _NAT
    per_day = _PER_DAY.get(unit, 0) if count == 1 else 0
    if unit == "D" and count == 1:
        days = raw
    elif per_day:
        days = raw // per_day
    else:
        # Weeks, months, years and multiples: numpy's own exact cast to days.
        days = array.astype("datetime64[D]").view(np.int64)
    missing = bool(mask.any())
    if missing:
        days = np.where(mask, 0, days)
    if len(days) == 0:
        return np.zeros(0, dtype=np.int64), mask
    first, last = int(days.min()), int(days.max())
    if first < _FIRST_DAY or last > _LAST_DAY:
        index = int(np.flatnonzero((days < _FIRST_DAY) | (days > _LAST_DAY))[0])
        raise ValidationError(_outside(index, str(array[index]), None))
    years = fiscal_years_of_days(days, start_month, (first, last), overwrite=days is not raw)
    # A missing day was read as 1970-01-01, in range: the checks and the mask need no pass of their own.
    _check_years(years, mask, lambda index: str(array[index].astype("datetime64[D]")))
    if missing:
        years[mask] = _MIN_YEAR
    return years, mask


def _years_of_objects(array: Any, start_month: int) -> tuple[Any, Any]:
    """Start years and mask of dates given as Python objects, each read as :meth:`~kyodo.FiscalYear.of` reads it."""
    size = len(array)
    kinds = set(map(type, array))
    if all(issubclass(kind, date) for kind in kinds) and type(pd.NaT) not in kinds:
        years = np.fromiter([day.year - (day.month < start_month) for day in array], np.int64, size)
        mask = np.zeros(size, dtype=bool)
    else:
        years = np.full(size, _MIN_YEAR, dtype=np.int64)
        mask = np.zeros(size, dtype=bool)
        problems: list[Problem] = []
        for index, value in enumerate(array):
            if isinstance(value, np.datetime64) and not np.isnat(value):
                day = value.astype("datetime64[D]").item()
                if not isinstance(day, date):
                    problems.append(_outside(index, str(value), None))
                    continue
                value = day
            if _is_missing(value) or (isinstance(value, np.datetime64) and np.isnat(value)):
                mask[index] = True
            elif isinstance(value, date):
                years[index] = value.year - (value.month < start_month)
            else:
                kind = type(value).__name__
                problems.append(
                    (
                        f"[{index}]",
                        (f"expected {_DATES[0]}, not {kind} {value!r}", f"{_DATES[1]} が必要（{kind} {value!r}）"),
                    )
                )
        if problems:
            raise ValidationError(*problems[:_MOST_PROBLEMS])
    _check_years(years, mask, lambda index: str(array[index]))
    return years, mask


def _outside(index: int, day: str, year: int | None) -> Problem:
    """The problem of a date whose fiscal year is outside 1 to 9998 (or that is no date of years 1 to 9999)."""
    if year is None:
        english, japanese = f"{day} is outside years 1 to 9999", f"{day} は1年から9999年の外"
    else:
        english = f"{day} is in fiscal year {year}, outside 1 to 9998"
        japanese = f"{day} は{year}年度で、1年度から9998年度の外"
    return (f"[{index}]", (english, japanese), "out_of_range")


def _check_years(years: Any, mask: Any, day_at: Callable[[int], str]) -> None:
    if len(years) == 0 or (years.min() >= _MIN_YEAR and years.max() <= _MAX_YEAR):
        return
    wrong = ~mask & ((years < _MIN_YEAR) | (years > _MAX_YEAR))
    if wrong.any():
        index = int(np.flatnonzero(wrong)[0])
        raise ValidationError(_outside(index, day_at(index), int(years[index])))


def fiscal_years_of(dates: Any, *, start_month: int = 4) -> Any:
    """The fiscal year each of ``dates`` falls in, as a ``fiscal_year`` column: a Series (index kept) for a Series.

    The rule is :meth:`kyodo.FiscalYear.of`'s, for each date at once: a
    date's fiscal year starts in its calendar year, or the year before when
    its month comes before ``start_month`` (31 March 2016 is in FY2015,
    平成27年度). ``dates`` may be a numpy ``datetime64`` array of any unit, a
    pandas ``DatetimeIndex`` or a Series of datetimes (with a time zone, a
    date is in the fiscal year of its own wall-clock day), or a list (or
    object array) of ``datetime.date``, ``datetime`` or ``Timestamp``
    values, read once. NaT and None are missing (``pd.NA``).

    A ``datetime64`` column is read with integer arithmetic on its days and
    makes no Python object per row; :func:`to_fiscal_years` reads one the
    same way. A value that is not a date, or a date whose fiscal year is
    outside 1 to 9998, is a :class:`~kyodo.ValidationError` at its row.

    >>> days = pd.Series(pd.to_datetime(["2016-03-31", "2016-04-01", None]))
    >>> fiscal_years_of(days).tolist()
    [FiscalYear(2015), FiscalYear(2016), <NA>]
    >>> from datetime import date
    >>> fiscal_years_of([date(2016, 3, 31), date(2016, 4, 1)], start_month=1).tolist()
    [FiscalYear(2016, start_month=1), FiscalYear(2016, start_month=1)]
    >>> fiscal_years_of([date(2016, 3, 31), "2016-04-01"])
    Traceback (most recent call last):
    kyodo.errors.ValidationError: [1]: expected dates (datetime.date, datetime64), not str '2016-04-01'
    """
    check_int("start_month", start_month, 1, 12)
    years, mask = _years_of_dates(dates, start_month)
    array = FiscalYearArray._simple_new(years, mask, FiscalYearDtype(start_month))
    if isinstance(dates, pd.Series):
        return pd.Series(array, index=dates.index, name=dates.name)
    return array


def _dtype_of(dtype: object) -> FiscalYearDtype | None:
    if dtype is None:
        return None
    resolved = pd.api.types.pandas_dtype(dtype)
    if not isinstance(resolved, FiscalYearDtype):
        raise ValidationError(("dtype", (f"expected a FiscalYearDtype, not {resolved!r}", "FiscalYearDtype が必要")))
    return resolved


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


class FiscalYearArray(ExtensionArray):
    """A column of fiscal years: a numpy array of start years and a mask of the missing ones.

    Make one with :func:`to_fiscal_years`, ``pd.array(values, dtype="fiscal_year")``
    or from the arrays themselves; an item is a :class:`~kyodo.FiscalYear`, or
    ``pd.NA`` where missing.

    >>> import numpy as np
    >>> column = FiscalYearArray(np.array([2015, 2016]), np.array([False, True]))
    >>> column[0], column[1], column.dtype
    (FiscalYear(2015), <NA>, FiscalYearDtype())
    """

    #: Set by pandas on an array it must not change (pandas 3); a slice of one is read-only too.
    _readonly: bool = False

    def __init__(self, years: Any, mask: Any | None = None, dtype: FiscalYearDtype | None = None) -> None:
        years = np.asarray(years)
        if years.ndim != 1 or years.dtype.kind not in "iu":
            raise ValidationError(("years", ("expected a one-dimensional array of ints", "整数の一次元配列が必要")))
        mask = np.zeros(len(years), dtype=bool) if mask is None else np.asarray(mask)
        if mask.shape != years.shape or mask.dtype != bool:
            raise ValidationError(
                ("mask", ("expected a bool array as long as years", "years と同じ長さの bool 配列が必要"))
            )
        dtype = dtype or FiscalYearDtype()
        if not isinstance(dtype, FiscalYearDtype):
            raise ValidationError(("dtype", (f"expected a FiscalYearDtype, not {dtype!r}", "FiscalYearDtype が必要")))
        reader = _Reader(dtype.start_month)
        reader.check_range(years, mask)
        reader.raise_problems()
        self._years = np.where(mask, _MIN_YEAR, years).astype(np.int64)
        self._mask = mask.copy()
        self._dtype = dtype

    @classmethod
    def _simple_new(cls, years: Any, mask: Any, dtype: FiscalYearDtype) -> FiscalYearArray:
        """An array of already checked years and mask, taken as they are."""
        new = cls.__new__(cls)
        new._years, new._mask, new._dtype = years, mask, dtype
        return new

    # --- making one ---

    @classmethod
    def _from_sequence(cls, scalars: Any, *, dtype: Any = None, copy: bool = False) -> FiscalYearArray:
        wanted = _dtype_of(dtype)
        years, mask, month = _read(scalars, None if wanted is None else wanted.start_month)
        return cls._simple_new(years, mask, wanted or FiscalYearDtype(month))

    @classmethod
    def _from_sequence_of_strings(cls, strings: Any, *, dtype: Any = None, copy: bool = False) -> FiscalYearArray:
        return cls._from_sequence(strings, dtype=dtype, copy=copy)

    @classmethod
    def _from_scalars(cls, scalars: Any, *, dtype: Any) -> FiscalYearArray:
        # Strict: only fiscal years (and missing values) come back as fiscal years, not ints a map gave.
        values = list(scalars)
        if not all(isinstance(value, FiscalYear) or _is_missing(value) for value in values):
            raise TypeError("not all values are fiscal years")
        return cls._from_sequence(values, dtype=dtype)

    @classmethod
    def _from_factorized(cls, values: Any, original: FiscalYearArray) -> FiscalYearArray:
        years = np.asarray(values, dtype=np.int64)
        return cls._simple_new(years, years < _MIN_YEAR, original.dtype)

    @classmethod
    def _concat_same_type(cls, to_concat: Sequence[FiscalYearArray]) -> FiscalYearArray:
        return cls._simple_new(
            np.concatenate([array._years for array in to_concat]),
            np.concatenate([array._mask for array in to_concat]),
            to_concat[0].dtype,
        )

    # --- the ExtensionArray interface ---

    @property
    def dtype(self) -> FiscalYearDtype:
        return self._dtype

    @property
    def years(self) -> Any:
        """The start years as a numpy int64 array (1 where missing; see :meth:`isna`). A copy."""
        return self._years.copy()

    def __len__(self) -> int:
        return len(self._years)

    @property
    def nbytes(self) -> int:
        return int(self._years.nbytes + self._mask.nbytes)

    def isna(self) -> Any:
        return self._mask.copy()

    def copy(self) -> FiscalYearArray:
        return self._simple_new(self._years.copy(), self._mask.copy(), self._dtype)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, tuple):
            rest = [part for part in item if part is not Ellipsis]
            if len(rest) > 1 or len(item) > 2:
                raise IndexError("too many indices for a one-dimensional array of fiscal years")
            item = rest[0] if rest else slice(None)
        if pd.api.types.is_integer(item):
            index = operator.index(item)
            if self._mask[index]:
                return pd.NA
            return FiscalYear(int(self._years[index]), self._dtype.start_month)
        if isinstance(item, slice):
            view = self._simple_new(self._years[item], self._mask[item], self._dtype)
            view._readonly = self._readonly
            return view
        item = check_array_indexer(self, item)
        return self._simple_new(self._years[item], self._mask[item], self._dtype)

    def __setitem__(self, key: Any, value: Any) -> None:
        if self._readonly:
            raise ValidationError(("", ("Cannot modify read-only array", "読み取り専用の列は変えられない")))
        if not isinstance(key, slice) and not pd.api.types.is_integer(key):
            key = check_array_indexer(self, key)
        if _is_missing(value):
            self._mask[key] = True
            self._years[key] = _MIN_YEAR
            return
        if isinstance(value, FiscalYear):
            self._check_calendar(value.start_month)
            self._years[key] = value.year
            self._mask[key] = False
            return
        if not pd.api.types.is_list_like(value):
            kind = type(value).__name__
            raise TypeError(f"a column of fiscal years holds FiscalYear objects or NA, not {kind} {value!r}")
        other = self._strict(value)
        self._years[key] = other._years
        self._mask[key] = other._mask

    def _check_calendar(self, month: int) -> None:
        if month != self._dtype.start_month:
            raise TypeError(
                f"fiscal years starting in month {month} do not mix with {self._dtype.name}, which start in month "
                f"{self._dtype.start_month}"
            )

    def _strict(self, values: Any) -> FiscalYearArray:
        """``values`` (fiscal years or missing) as an array of this calendar, or a TypeError."""
        if isinstance(values, pd.Series | pd.Index):
            values = values.array
        if isinstance(values, FiscalYearArray):
            self._check_calendar(values.dtype.start_month)
            return values
        if isinstance(values, np.ndarray) and values.dtype.kind != "O":
            raise TypeError(f"a column of fiscal years holds FiscalYear objects or NA, not {values.dtype}")
        items = list(values)
        for item in items:
            if not (isinstance(item, FiscalYear) or _is_missing(item)):
                kind = type(item).__name__
                raise TypeError(f"a column of fiscal years holds FiscalYear objects or NA, not {kind} {item!r}")
            if isinstance(item, FiscalYear):
                self._check_calendar(item.start_month)
        return self._from_sequence(items, dtype=self._dtype)

    def take(self, indices: Any, *, allow_fill: bool = False, fill_value: Any = None) -> FiscalYearArray:
        fill_year, fill_missing = _MIN_YEAR, True
        if allow_fill and not _is_missing(fill_value):
            if not isinstance(fill_value, FiscalYear):
                raise TypeError(f"a column of fiscal years is filled with a FiscalYear or NA, not {fill_value!r}")
            self._check_calendar(fill_value.start_month)
            fill_year, fill_missing = fill_value.year, False
        years = take(self._years, indices, allow_fill=allow_fill, fill_value=fill_year)
        mask = take(self._mask, indices, allow_fill=allow_fill, fill_value=fill_missing)
        return self._simple_new(np.asarray(years, dtype=np.int64), np.asarray(mask, dtype=bool), self._dtype)

    def _values_for_factorize(self) -> tuple[Any, int]:
        return np.where(self._mask, 0, self._years), 0

    def _values_for_argsort(self) -> Any:
        return self._years

    def unique(self) -> FiscalYearArray:
        keys = np.where(self._mask, 0, self._years)
        _, firsts = np.unique(keys, return_index=True)
        return self.take(np.sort(firsts))

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> Any:
        if copy is False:
            raise ValidationError(
                ("", ("fiscal years become a numpy array only as a copy", "年度の列は写しとしてだけ numpy 配列になる"))
            )
        month = self._dtype.start_month
        objects = np.array(
            [
                pd.NA if missing else FiscalYear(int(year), month)
                for year, missing in zip(self._years, self._mask, strict=False)
            ]
            + [None],
            dtype=object,
        )[:-1]
        return objects if dtype is None else objects.astype(dtype)

    def to_numpy(self, dtype: Any = None, copy: bool = False, na_value: Any = no_default) -> Any:
        """The fiscal years as a new numpy object array (``na_value`` where missing; ``pd.NA`` unless given)."""
        objects = self.__array__()
        if na_value is not no_default:
            objects[self._mask] = na_value
        return objects if dtype is None else objects.astype(dtype)

    def _values_for_json(self) -> Any:
        # As kyodo's own files write a fiscal year: the year it starts in (null where missing).
        years = np.empty(len(self), dtype=object)
        years[:] = self._years.tolist()
        years[self._mask] = None
        return years

    def value_counts(self, dropna: bool = True) -> pd.Series[Any]:
        """How many rows hold each fiscal year (``Int64``), in year order, missing last unless ``dropna``."""
        present = self._years[~self._mask]
        years, counts = np.unique(present, return_counts=True)
        missing = int(self._mask.sum())
        index_mask = np.zeros(len(years), dtype=bool)
        if missing and not dropna:
            years, counts = np.append(years, _MIN_YEAR), np.append(counts, missing)
            index_mask = np.append(index_mask, True)
        index = pd.Index(self._simple_new(years.astype(np.int64), index_mask, self._dtype))
        values = pd.arrays.IntegerArray(counts.astype(np.int64), np.zeros(len(counts), dtype=bool))
        return pd.Series(values, index=index, name="count")

    def astype(self, dtype: Any, copy: bool = True) -> Any:
        """The column in another dtype: ``Int64``/``int64`` give the start years, ``period`` the periods."""
        resolved = pd.api.types.pandas_dtype(dtype)
        if isinstance(resolved, FiscalYearDtype):
            self._check_calendar(resolved.start_month)
            return self.copy() if copy else self
        if isinstance(resolved, pd.PeriodDtype):
            return pd.array(_periods(self), dtype=resolved)
        if pd.api.types.is_integer_dtype(resolved):
            if isinstance(resolved, ExtensionDtype):
                return pd.arrays.IntegerArray(self._years.copy(), self._mask.copy()).astype(resolved)
            if self._mask.any():
                raise ValidationError(
                    (
                        "",
                        (
                            "missing fiscal years have no year; use astype('Int64')",
                            "年度のない行がある。astype('Int64') を使う",
                        ),
                        "invalid",
                    )
                )
            return self._years.astype(resolved)
        return super().astype(dtype, copy=copy)

    # --- comparison, order and reductions ---

    def _compare(self, other: Any, op: Callable[[Any, Any], Any]) -> Any:
        if isinstance(other, pd.Series | pd.Index | pd.DataFrame):
            return NotImplemented
        equality = op in (operator.eq, operator.ne)
        size = len(self)
        if _is_missing(other):
            return pd.arrays.BooleanArray(np.zeros(size, dtype=bool), np.ones(size, dtype=bool))
        if isinstance(other, FiscalYear):
            if equality and other.start_month != self._dtype.start_month:
                return pd.arrays.BooleanArray(np.full(size, op is operator.ne), self._mask.copy())
            self._check_calendar(other.start_month)
            return pd.arrays.BooleanArray(np.asarray(op(self._years, other.year)), self._mask.copy())
        if pd.api.types.is_list_like(other):
            _check_lengths(size, len(other))
            try:
                values = self._strict(other)
            except TypeError:
                if not equality:
                    raise
                return pd.arrays.BooleanArray(np.full(size, op is operator.ne), self._mask.copy())
            mask = self._mask | values._mask
            return pd.arrays.BooleanArray(np.asarray(op(self._years, values._years)), mask)
        if equality:
            return pd.arrays.BooleanArray(np.full(size, op is operator.ne), self._mask.copy())
        kind = type(other).__name__
        raise TypeError(f"fiscal years compare with fiscal years, not {kind} {other!r}")

    def __eq__(self, other: object) -> Any:
        return self._compare(other, operator.eq)

    def __ne__(self, other: object) -> Any:
        return self._compare(other, operator.ne)

    def __lt__(self, other: object) -> Any:
        return self._compare(other, operator.lt)

    def __le__(self, other: object) -> Any:
        return self._compare(other, operator.le)

    def __gt__(self, other: object) -> Any:
        return self._compare(other, operator.gt)

    def __ge__(self, other: object) -> Any:
        return self._compare(other, operator.ge)

    def _reduce(self, name: str, *, skipna: bool = True, keepdims: bool = False, **kwargs: Any) -> Any:
        present = self._years[~self._mask]
        if name == "count":
            return len(present)
        if name not in ("min", "max"):
            # "does not support operation": the words pandas' tests of extension arrays look for.
            raise TypeError(
                f"the fiscal_year dtype does not support operation {name!r}: only min (the first year), max and count"
            )
        if (self._mask.any() and not skipna) or len(present) == 0:
            result: Any = pd.NA
        else:
            year = int(present.min() if name == "min" else present.max())
            result = FiscalYear(year, self._dtype.start_month)
        return type(self)._from_sequence([result], dtype=self._dtype) if keepdims else result

    # --- arithmetic: fiscal years and numbers of years, as FiscalYear counts ---

    def _shifted(self, steps: Any, sign: int) -> Any:
        """This column moved by ``steps`` years (an int, or an int per row), or NotImplemented."""
        counted = _counts(steps, len(self))
        if counted is None:
            return NotImplemented
        moved = self._years + sign * counted[0]
        mask = self._mask | counted[1]
        reader = _Reader(self._dtype.start_month)
        reader.check_range(moved, mask)
        reader.raise_problems()
        return self._simple_new(np.where(mask, _MIN_YEAR, moved).astype(np.int64), mask, self._dtype)

    def _years_between(self, other: Any, sign: int) -> Any:
        """The years from ``other`` (fiscal years) to this column's, as ``Int64``; NotImplemented for others."""
        if isinstance(other, FiscalYear):
            self._check_calendar(other.start_month)
            return pd.arrays.IntegerArray(sign * (self._years - other.year), self._mask.copy())
        if not pd.api.types.is_list_like(other) or isinstance(other, str):
            return NotImplemented
        _check_lengths(len(self), len(other))
        try:
            values = self._strict(other)
        except TypeError:
            return NotImplemented
        mask = self._mask | values._mask
        return pd.arrays.IntegerArray(np.where(mask, 0, sign * (self._years - values._years)), mask)

    def __add__(self, other: Any) -> Any:
        if isinstance(other, pd.Series | pd.Index | pd.DataFrame):
            return NotImplemented
        return self._shifted(other, 1)

    def __radd__(self, other: Any) -> Any:
        return self.__add__(other)

    def __sub__(self, other: Any) -> Any:
        if isinstance(other, pd.Series | pd.Index | pd.DataFrame):
            return NotImplemented
        between = self._years_between(other, 1)
        return self._shifted(other, -1) if between is NotImplemented else between

    def __rsub__(self, other: Any) -> Any:
        if isinstance(other, pd.Series | pd.Index | pd.DataFrame):
            return NotImplemented
        return self._years_between(other, -1)

    # --- Arrow ---

    def __arrow_array__(self, type: Any = None) -> Any:
        """The column as an Arrow extension array (``kyodo.fiscal_year``), so parquet files keep the dtype."""
        from kyodo._fy_arrow import arrow_array

        return arrow_array(self._years, self._mask, self._dtype.start_month)


def _check_lengths(size: int, other: int) -> None:
    if other != size:
        raise ValidationError(("", (f"lengths must match: {size} and {other}", f"長さが違う（{size} と {other}）")))


def _counts(steps: Any, size: int) -> tuple[Any, Any] | None:
    """``steps`` as an int64 array (or an int) and a mask of missing ones, or None if they are not whole numbers."""
    if isinstance(steps, int | np.integer) and not isinstance(steps, bool | np.bool_):
        return np.int64(steps), np.zeros(size, dtype=bool)
    if isinstance(steps, FiscalYearArray) or not pd.api.types.is_list_like(steps) or isinstance(steps, str):
        return None
    if isinstance(steps, ExtensionArray):
        if not pd.api.types.is_integer_dtype(steps.dtype):
            return None
        counted = (np.asarray(steps.to_numpy(dtype=np.int64, na_value=0)), np.asarray(steps.isna(), dtype=bool))
    else:
        array = np.asarray(steps)
        if array.dtype.kind not in "iu":
            return None
        counted = (array.astype(np.int64), np.zeros(len(array), dtype=bool))
    _check_lengths(size, len(counted[0]))
    return counted


def _periods(array: FiscalYearArray) -> Any:
    """The annual ``Period`` of each fiscal year, named by the calendar year it ends in; NaT where missing."""
    month = array.dtype.start_month
    freq = _annual_freq(month)
    end_years = array._years + (0 if month == 1 else 1)
    # An annual period's ordinal counts years from the one ending in 1970.
    ordinals = np.where(array._mask, np.iinfo(np.int64).min, end_years - 1970)
    return pd.arrays.PeriodArray(ordinals, dtype=pd.PeriodDtype(freq))


def _annual_freq(start_month: int) -> str:
    from kyodo.frames import _annual_freq as annual_freq

    return annual_freq(start_month)


def to_fiscal_years(values: Any, *, start_month: int | None = None) -> Any:
    """``values`` as a column of the ``fiscal_year`` dtype: a Series (its index kept) for a Series, else an array.

    ``values`` may hold :class:`~kyodo.FiscalYear` objects, ints (the year a
    fiscal year starts in), labels :meth:`kyodo.FiscalYear.parse` reads
    (平成27年度, H27, 2015年度, FY2015), annual pandas ``Period`` values
    (``Period('2016', 'Y-MAR')`` is FY2015), dates (the fiscal year each
    falls in, read as :func:`fiscal_years_of` reads them) and missing values. The calendar
    is ``start_month`` if given, else that of the fiscal years or periods in
    ``values``, else April. Every value that does not read is a problem of
    one :class:`~kyodo.ValidationError`, at its row (``[3]``).

    >>> to_fiscal_years(pd.Series(["平成27年度", "H28", None, "FY2019"])).tolist()
    [FiscalYear(2015), FiscalYear(2016), <NA>, FiscalYear(2019)]
    >>> periods = pd.period_range("2016", periods=2, freq="Y-MAR")
    >>> to_fiscal_years(periods).tolist()
    [FiscalYear(2015), FiscalYear(2016)]
    >>> to_fiscal_years([2015, 2016], start_month=1).dtype
    FiscalYearDtype(start_month=1)
    >>> to_fiscal_years(["平成27年度", "来年度"])
    Traceback (most recent call last):
    kyodo.errors.ValidationError: [1]: cannot read '来年度' as a fiscal year: ...
    """
    if start_month is not None:
        check_int("start_month", start_month, 1, 12)
    dtype = None if start_month is None else FiscalYearDtype(start_month)
    array = FiscalYearArray._from_sequence(values, dtype=dtype)
    if isinstance(values, pd.Series):
        return pd.Series(array, index=values.index, name=values.name)
    return array


@register_series_accessor("fy")
class FiscalYearAccessor:
    """``series.fy``: what a column of fiscal years says, as columns: start, end, year, labels, periods.

    Only a Series of the ``fiscal_year`` dtype has it; convert others with
    :func:`to_fiscal_years`. Missing years stay missing (NaT, ``<NA>``).

    >>> years = to_fiscal_years(pd.Series([2015, 2019]))
    >>> years.fy.label().tolist(), years.fy.label("western").tolist(), years.fy.label("letter").tolist()
    (['平成27年度', '令和元年度'], ['2015年度', '2019年度'], ['H27', 'R1'])
    >>> [day.date().isoformat() for day in years.fy.end]
    ['2016-03-31', '2020-03-31']
    """

    def __init__(self, series: pd.Series[Any]) -> None:
        if not isinstance(series.dtype, FiscalYearDtype):
            # AttributeError, as pandas' own accessors raise, so that hasattr(series, "fy") is False.
            raise AttributeError(
                f"the .fy accessor is for columns of the fiscal_year dtype, not {series.dtype}; "
                "convert with kyodo.pandas.to_fiscal_years(series) or series.astype('fiscal_year')"
            )
        self._series = series
        self._array: FiscalYearArray = series.array

    def _like(self, values: Any, dtype: Any = None) -> pd.Series[Any]:
        series: pd.Series[Any] = pd.Series(values, index=self._series.index, name=self._series.name, dtype=dtype)
        return series

    @property
    def year(self) -> pd.Series[Any]:
        """The year each fiscal year starts in (``Int64``): 2015 for 平成27年度."""
        return self._like(pd.arrays.IntegerArray(self._array._years.copy(), self._array._mask.copy()))

    @property
    def start(self) -> pd.Series[Any]:
        """The first day of each fiscal year (``datetime64[s]``, NaT where missing)."""
        return self._like(self._first_days(0))

    @property
    def end(self) -> pd.Series[Any]:
        """The last day of each fiscal year, at midnight (``datetime64[s]``, NaT where missing)."""
        return self._like(self._first_days(12) - np.timedelta64(1, "D"))

    def _first_days(self, months_after: int) -> Any:
        array = self._array
        months = (array._years - 1970) * 12 + (array.dtype.start_month - 1) + months_after
        days = months.astype("datetime64[M]").astype("datetime64[s]")
        return np.where(array._mask, np.datetime64("NaT", "s"), days)

    def label(self, style: FiscalYearStyle | str | None = None) -> pd.Series[Any]:
        """Each fiscal year's label in ``style`` (a :class:`~kyodo.FiscalYearStyle`), as the column displays without one.

        Without a style a label is ``str(fy)``: 平成27年度, and 1500年度 for a
        year before 明治, which has no era. A style given is used for every
        year (``era`` refuses a year before 明治). Each distinct year is written once;
        the column holds ``str`` objects, and None where a year is missing.
        """
        if style is not None:
            style = coerce_enum(FiscalYearStyle, style, "style")
        array = self._array
        codes, uniques = array.factorize(use_na_sentinel=True)
        labels = [str(fy) if style is None else fy.format(style) for fy in uniques]
        written = np.array([*labels, None], dtype=object)
        return self._like(written[np.where(codes >= 0, codes, len(labels))], dtype=object)

    def to_period(self) -> pd.Series[Any]:
        """Each fiscal year as pandas' annual ``Period`` (FY2015 is ``Period('2016', 'Y-MAR')``); NaT where missing."""
        return self._like(_periods(self._array))


with contextlib.suppress(ImportError):
    from kyodo import _fy_arrow  # noqa: F401  (registers the Arrow extension type)
