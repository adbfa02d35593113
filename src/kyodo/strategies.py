"""Hypothesis strategies for kyodo's objects, for property-testing code that uses kyodo.

Import this module only where hypothesis is installed (the ``test`` extra).
The strategies are also registered with hypothesis when it starts, so
``st.from_type(FiscalYear)`` just works.

>>> from hypothesis import given
>>> from kyodo import FiscalYear
>>> @given(fiscal_years())
... def test_parse_reads_format(fy):
...     assert FiscalYear.parse(fy.format()) == fy
>>> test_parse_reads_format()
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from kyodo.fiscal import FiscalHalf, FiscalQuarter, FiscalYear, FiscalYearRange, FiscalYearStyle
from kyodo.wareki import GREGORIAN_ADOPTION, WarekiStyle, YearMonth

__all__ = [
    "era_dates",
    "fiscal_halves",
    "fiscal_quarters",
    "fiscal_year_ranges",
    "fiscal_year_styles",
    "fiscal_years",
    "wareki_styles",
    "year_months",
]

#: The last day the default strategies reach; far enough for any plan.
LAST_DAY = date(2200, 12, 31)


def era_dates(min_value: date = GREGORIAN_ADOPTION, max_value: date = LAST_DAY) -> st.SearchStrategy[date]:
    """Days that have an era date: from 1873-01-01 (the Gregorian calendar in Japan) on."""
    return st.dates(max(min_value, GREGORIAN_ADOPTION), max_value)


def fiscal_years(
    min_year: int = 1868, max_year: int = 2200, start_month: int | None = 4
) -> st.SearchStrategy[FiscalYear]:
    """Fiscal years from ``min_year`` to ``max_year``; ``start_month=None`` draws the calendar too."""
    months = st.just(start_month) if start_month is not None else st.integers(1, 12)
    return st.builds(FiscalYear, st.integers(min_year, max_year), months)


def fiscal_halves(years: st.SearchStrategy[FiscalYear] | None = None) -> st.SearchStrategy[FiscalHalf]:
    """Halves (上半期 / 下半期) of fiscal years drawn from ``years``."""
    return st.builds(FiscalHalf, years if years is not None else fiscal_years(), st.integers(1, 2))


def fiscal_quarters(years: st.SearchStrategy[FiscalYear] | None = None) -> st.SearchStrategy[FiscalQuarter]:
    """Quarters of fiscal years drawn from ``years``."""
    return st.builds(FiscalQuarter, years if years is not None else fiscal_years(), st.integers(1, 4))


@st.composite
def fiscal_year_ranges(
    draw: st.DrawFn, years: st.SearchStrategy[FiscalYear] | None = None, max_size: int = 12
) -> FiscalYearRange:
    """Ranges of one to ``max_size`` fiscal years, like a plan's period."""
    first = draw(years if years is not None else fiscal_years())
    size = draw(st.integers(1, max_size))
    return FiscalYearRange(first, FiscalYear(min(first.year + size - 1, 9998), first.start_month))


def year_months(min_value: date = GREGORIAN_ADOPTION, max_value: date = LAST_DAY) -> st.SearchStrategy[YearMonth]:
    """Calendar months in the given span of days."""
    return st.dates(min_value, max_value).map(YearMonth.of)


def fiscal_year_styles() -> st.SearchStrategy[FiscalYearStyle]:
    """Every way of writing a fiscal year."""
    return st.sampled_from(FiscalYearStyle)


def wareki_styles() -> st.SearchStrategy[WarekiStyle]:
    """Every way of writing an era date."""
    return st.sampled_from(WarekiStyle)
