"""Seed 000: Niigata's reform item No.26, the full life of one measure, as examples/plans/niigata.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

import kyodo
from kyodo import EvaluationKind, FiscalYear, Measure, ProgressStatus, format_percent

PLAN_FILE = Path(__file__).parent.parent / "examples" / "plans" / "niigata.toml"


@pytest.fixture(scope="module")
def plan() -> kyodo.Plan:
    return kyodo.load(PLAN_FILE)


@pytest.fixture(scope="module")
def measure(plan: kyodo.Plan) -> Measure:
    found = plan.find("No.26")
    assert isinstance(found, Measure)
    return found


def test_the_period_is_fy2015_to_fy2018(plan: kyodo.Plan) -> None:
    assert (plan.period.first, plan.period.last) == (FiscalYear(2015), FiscalYear(2018))


def test_no26_sits_under_its_three_levels(plan: kyodo.Plan, measure: Measure) -> None:
    assert plan.code_of(measure) == "Ⅱ-1-2-No.26"
    assert plan.find("Ⅱ-1-2-No.26") is measure
    assert plan.level_of(measure) == "改革実施項目"
    assert measure.lead == "市民協働課"
    assert measure.departments == ("市民協働課", "中央公民館", "行政経営課")


def test_centres_plan_and_actual_per_year(measure: Measure) -> None:
    centres = measure.indicator("まちづくりセンター数")
    assert centres.unit == "箇所"
    assert centres.baseline is not None
    assert (centres.baseline.fy, centres.baseline.value, centres.baseline.estimate) == (FiscalYear(2014), 37, True)
    planned = {t.fy.year: t.value for t in centres.targets if t.value is not None}
    actual = {a.fy.year: a.value for a in centres.actuals}
    assert planned == {2015: 42, 2016: 50, 2017: 58, 2018: 66}
    assert actual == {2015: 43, 2016: 48, 2017: 54, 2018: 55}
    final = centres.target(FiscalYear(2019))
    assert final is not None
    assert (final.value, final.text) == (None, "継続して拡充")


def test_achievement_per_year(measure: Measure) -> None:
    centres = measure.indicator("まちづくりセンター数")
    rates = [format_percent(centres.achievement(FiscalYear(year))) for year in range(2015, 2019)]  # type: ignore[arg-type]
    assert rates == ["102.4%", "96.0%", "93.1%", "83.3%"]


def test_every_half_year_check_is_behind(measure: Measure) -> None:
    checks = measure.progress_checks
    assert [check.fy.year for check in checks] == [2015, 2016, 2017, 2018]
    assert {check.status for check in checks} == {ProgressStatus.BEHIND}
    assert all(check.half == 1 for check in checks)


def test_recorded_grades(measure: Measure) -> None:
    annual = {e.fy.year: e.grade for e in measure.evaluations if e.kind is EvaluationKind.ANNUAL and e.fy}
    assert annual == {2015: "B", 2016: "C", 2017: "C", 2018: "C"}
    others = {e.kind: e.grade for e in measure.evaluations if e.kind is not EvaluationKind.ANNUAL}
    assert others == {EvaluationKind.MID_TERM: "C", EvaluationKind.PLAN_PERIOD: "C"}
    fy2015 = measure.evaluation(FiscalYear(2015))
    assert fy2015 is not None
    assert fy2015.assessment is not None
    assert "区によって設置数に差が出た" in fy2015.assessment


def test_arrows_resolve_and_write_back(measure: Measure) -> None:
    fy2016 = measure.schedule[2]
    assert fy2016.fy == FiscalYear(2016)
    assert fy2016.carried
    assert fy2016.text == measure.schedule[1].text
    assert fy2016.result is not None
    assert "5箇所" in fy2016.result
    assert "→" in kyodo.dumps(kyodo.load(PLAN_FILE), "toml")
