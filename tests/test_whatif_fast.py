"""``what_if(..., fast=True)`` equals the scalar path on every row, on the columnar kernels where it can.

Rules of SubsidyTerms given Applications run on the columnar kernel, those that read a body's earlier
awards (total caps, year limits, per-FY caps shared in a year) and its state included, with no
ScalarPathWarning; a DataFrame of whole-number years and costs is read as columns, not as an
Application a row. The strategies are test_columnar's.
"""

from __future__ import annotations

import sys
import warnings
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kyodo import Application, FiscalYear, ScalarPathWarning, SubsidyRule, SubsidyTerms, ValidationError, what_if

pd = pytest.importorskip("pandas")

from test_columnar import BODY_STATE, frames, terms_rules  # noqa: E402
from test_fast_steps import rules as calculation_rules  # noqa: E402


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms_rules(), st.booleans().flatmap(lambda dense: frames(big=True, dense=dense)))
def test_subsidy_terms_on_the_row_path_equal_the_scalar_path_without_a_warning(
    rule: SubsidyRule, drawn: tuple[Any, list[Application]]
) -> None:
    frame, applications = drawn
    expected = what_if(applications, {"v": rule}, BODY_STATE)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScalarPathWarning)
        assert what_if(applications, {"v": rule}, BODY_STATE, fast=True) == expected
        # Integer years are read as columns; FiscalYears, labels and annual Periods a row at a time.
        assert what_if(frame, {"v": rule}, BODY_STATE, fast=True) == expected
    history = any(t.total_cap is not None or t.max_years is not None for _s, t in rule.versions)  # type: ignore[union-attr]
    event("history" if history else "no history")
    event(f"fy as {type(frame['fy'].iloc[0]).__name__}")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calculation_rules(), frames())
def test_calculations_from_a_frame_equal_the_scalar_path(rule: SubsidyRule, drawn: tuple[Any, list[Any]]) -> None:
    frame, applications = drawn
    frame = frame.assign(fy=[application.fy.year for application in applications])
    try:
        expected = what_if(applications, {"v": rule})
    except Exception as error:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScalarPathWarning)
            with pytest.raises(type(error)):
                what_if(frame, {"v": rule}, fast=True)
        return
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always", ScalarPathWarning)
        assert what_if(frame, {"v": rule}, fast=True) == expected
    event("scalar path" if said else "columnar")


def test_a_body_past_the_passes_falls_back_with_a_warning_at_the_callers_line() -> None:
    # 事業1 of seed 001: a total of 50,000 yen a body; 33 applications of one body in a year is more
    # than the columnar kernel takes a body through, so the ledgers compute it.
    rule = SubsidyRule("事業1", [SubsidyTerms(rate="100%", total_cap=50_000)])
    applications = [Application("A", FiscalYear(2015), 2_000) for _ in range(33)]
    frame = pd.DataFrame({"body": ["A"] * 33, "fy": [2015] * 33, "cost": [2_000] * 33})
    for population in (applications, frame):
        with pytest.warns(ScalarPathWarning, match="more than 32 applications") as said:
            rows = what_if(population, {"事業1": rule}, fast=True).rows
        assert said[0].filename == __file__
        assert [row.award for row in rows] == [2_000] * 25 + [0] * 8


def test_a_frame_of_float_costs_is_read_a_row_at_a_time_as_before() -> None:
    # The columns refuse a float; the rows take a whole float as its yen, as what_if always has.
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
    frame = pd.DataFrame({"body": ["A", "B"], "fy": [2015, 2015], "cost": [420_000.0, 150_000.0]})
    rows = what_if(frame, {"v": rule}, fast=True).rows
    assert [(row.body, row.award, row.binding.value) for row in rows] == [
        ("A", 200_000, "cap_per_fy"),
        ("B", 100_000, "rate"),
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms_rules(), frames(big=True))
def test_without_pandas_the_row_path_equals_the_scalar_path(rule: SubsidyRule, drawn: tuple[Any, list[Any]]) -> None:
    # numpy alone: history-free terms on kyodo._fast, the rest through the ledgers, with a warning.
    _frame, applications = drawn
    expected = what_if(applications, {"v": rule}, BODY_STATE)
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings(record=True) as said:
        patch.setitem(sys.modules, "pandas", None)
        warnings.simplefilter("always", ScalarPathWarning)
        assert what_if(applications, {"v": rule}, BODY_STATE, fast=True) == expected
    event("scalar path" if said else "kyodo._fast")


def test_a_frame_of_annual_periods_reads_each_as_the_fiscal_year_it_is() -> None:
    # Period('2016', 'Y-MAR') runs from April 2015: FY2015, the last year 事業4 of seed 001 was offered.
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FiscalYear(2015))
    periods = [pd.Period("2016", freq="Y-MAR"), pd.Period("2017", freq="Y-MAR")]
    frame = pd.DataFrame({"body": ["A", "A"], "fy": periods, "cost": [420_000, 420_000]})
    for fast in (False, True):
        rows = what_if(frame, {"v": rule}, fast=fast).rows
        assert [(row.fy, row.award) for row in rows] == [(FiscalYear(2015), 200_000), (FiscalYear(2016), 0)]


@pytest.mark.parametrize("cost", [1.5, float("nan"), float("inf"), Decimal("2.5"), Fraction(7, 2)])
def test_a_cost_with_a_fraction_is_refused_not_truncated(cost: object) -> None:
    frame = pd.DataFrame({"body": ["A", "B"], "fy": [2015, 2015], "cost": [420_000.0, cost]})
    rule = SubsidyRule("r", [SubsidyTerms(rate="100%")])
    for fast in (False, True):
        with pytest.raises(ValidationError, match=r"\[1\]\.cost: must be whole yen"):
            what_if(frame, {"v": rule}, fast=fast)


def test_a_frame_the_columns_refuse_is_read_a_row_at_a_time_as_before() -> None:
    # A missing body: the columns refuse it; the rows, as what_if always has, read it as its text (nan).
    rule = SubsidyRule("r", [SubsidyTerms(rate="1/2")])
    frame = pd.DataFrame({"body": ["A", None], "fy": [2015, 2015], "cost": [1_000, 2_000]})
    rows = what_if(frame, {"v": rule}, fast=True).rows
    assert rows == what_if(frame, {"v": rule}).rows
    assert [row.award for row in rows] == [500, 1_000]
