"""The fiscal year of each of many days, in integer numpy arithmetic (used by :func:`kyodo.pandas.fiscal_years_of`).

Days are counted from 1970-01-01 (numpy's ``datetime64[D]`` as int64). The
rule is the scalar one, :meth:`kyodo.FiscalYear.of`: the year a fiscal year
starting in month *s* starts in is the calendar year of the day, less one
before month *s*. It is computed without months: a year counted from
1 March (the civil-from-days algorithm of H. Hinnant, "chrono-Compatible
Low-Level Date Algorithms") ends with February, so every month from March to
the next January has a fixed length, and a fiscal year starting in month *s*
is the March year of the day moved back by the days from 1 March to the 1st
of month *s* (one more year for January and February, which start the March
year after). Only ints: no float decides a year.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

#: Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar.
_EPOCH_SHIFT: Final = 719_468
_DAYS_PER_400_YEARS: Final = 146_097
#: A table of one year per day costs a pass over the table; make one only when it is not much longer than the input.
_TABLE_SLACK: Final = 1 << 16


def _march_years(days: Any) -> Any:
    """The year (counted from 1 March) each day falls in; ``days`` counted from 1970-01-01, as int64."""
    shifted = days + _EPOCH_SHIFT
    era = shifted // _DAYS_PER_400_YEARS
    day_of_era = shifted - era * _DAYS_PER_400_YEARS
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // (_DAYS_PER_400_YEARS - 1)
    ) // 365
    return year_of_era + era * 400


def days_before(start_month: int) -> int:
    """Days from 1 March to the 1st of ``start_month`` in the year counted from March (0 for March, 306 for January).

    >>> [days_before(month) for month in (3, 4, 12, 1, 2)]
    [0, 31, 275, 306, 337]
    """
    return (153 * ((start_month + 9) % 12) + 2) // 5


def fiscal_years_of_days(
    days: Any, start_month: int, span: tuple[int, int] | None = None, *, overwrite: bool = False
) -> Any:
    """The start year of the fiscal year (starting in ``start_month``) of each day, a new int64 array.

    ``days`` is an int64 array of days from 1970-01-01 with no missing value;
    ``span``, if given, its first and last; with ``overwrite`` the array
    may be used up (it saves writing a new one). A day's year is read from a
    table of the days from the first to the last, built once, when the input
    spans not many more days than it holds (a column of a million dates from
    a few decades spans some ten thousand); else each is computed.

    >>> import numpy as np
    >>> days = np.array(["2015-03-31", "2015-04-01", "1969-12-31"], dtype="datetime64[D]").astype(np.int64)
    >>> fiscal_years_of_days(days, 4).tolist(), fiscal_years_of_days(days, 1).tolist()
    ([2014, 2015, 1969], [2015, 2015, 1969])
    """
    back = days_before(start_month)
    later = int(start_month <= 2)
    if len(days) == 0:
        return np.zeros(0, dtype=np.int64)
    first, last = span if span is not None else (int(days.min()), int(days.max()))
    if last - first > len(days) + _TABLE_SLACK:
        years: Any = _march_years(days - back) + later
        return years
    table = _march_years(np.arange(first - back, last - back + 1, dtype=np.int64)) + later
    offsets = np.subtract(days, first, out=days if overwrite else None)
    return table.take(offsets)
