"""kyodo.frames: tidy DataFrames with exact figures and fiscal years in the fiscal_year dtype (seed 000 and others)."""

from __future__ import annotations

import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

import kyodo
from kyodo import (
    FiscalYear,
    Grade,
    GradingScheme,
    Indicator,
    KyodoError,
    Measure,
    Observation,
    SubsidyRule,
    SubsidyTerms,
    Target,
    ValidationError,
)
from kyodo.frames import (
    awards_frame,
    evaluations_frame,
    fiscal_year_of_period,
    grades_frame,
    indicators_frame,
    period_of_fiscal_year,
)
from kyodo.pandas import FiscalYearDtype

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="module")
def niigata() -> kyodo.Plan:
    return kyodo.load(EXAMPLES / "plans" / "niigata.toml")


@pytest.fixture(scope="module")
def sheet_reading() -> GradingScheme:
    return kyodo.load(EXAMPLES / "schemes" / "niigata-sheet-reading.toml", kind=GradingScheme)


# --- fiscal years as periods ------------------------------------------------------------


def test_fy2015_is_the_period_ending_in_march_2016() -> None:
    period = period_of_fiscal_year(FiscalYear(2015))
    assert period == pd.Period("2016", freq="Y-MAR")
    assert (period.start_time.date().isoformat(), period.end_time.date().isoformat()) == ("2015-04-01", "2016-03-31")
    assert fiscal_year_of_period(period) == FiscalYear(2015)


@pytest.mark.parametrize("start_month", range(1, 13))
def test_periods_round_trip_for_every_calendar(start_month: int) -> None:
    for year in (1989, 2015, 2019, 2022):
        fy = FiscalYear(year, start_month)
        period = period_of_fiscal_year(fy)
        assert fiscal_year_of_period(period) == fy
        assert period.start_time.date() == fy.start
        assert period.end_time.date() == fy.end


@pytest.mark.parametrize(
    "period", [pd.Period("2016-03", freq="M"), pd.Period("2016Q1", freq="Q-MAR"), pd.NaT, "2016", 2016]
)
def test_only_annual_periods_are_fiscal_years(period: object) -> None:
    with pytest.raises(ValidationError, match="period"):
        fiscal_year_of_period(period)  # type: ignore[arg-type]


def test_period_of_refuses_what_is_not_a_fiscal_year() -> None:
    with pytest.raises(ValidationError, match="expected a FiscalYear"):
        period_of_fiscal_year(2015)  # type: ignore[arg-type]


# --- indicators ----------------------------------------------------------------------------


def test_seed_000_indicator_rows_are_exact(niigata: kyodo.Plan) -> None:
    frame = indicators_frame(niigata)
    assert list(frame.columns) == [
        "code",
        "measure",
        "indicator",
        "unit",
        "direction",
        "category",
        "fy",
        "fy_label",
        "target",
        "target_upper",
        "target_bound",
        "target_text",
        "role",
        "actual",
        "estimate",
        "preliminary",
        "actual_stage",
        "actual_text",
        "actual_reason",
        "figures",
        "achievement",
        "achievement_label",
        "achievement_pct",
    ]
    assert frame["fy_label"].tolist() == ["平成27年度", "平成28年度", "平成29年度", "平成30年度", "令和元年度"]
    fy2016 = frame[frame["fy_label"] == "平成28年度"].iloc[0]
    assert fy2016["code"] == "Ⅱ-1-2-No.26"
    assert fy2016["indicator"] == "まちづくりセンター数"
    assert fy2016["unit"] == "箇所"
    assert fy2016["direction"] == "increase"
    assert fy2016["target"] == Decimal(50)
    assert type(fy2016["target"]) is Decimal
    assert fy2016["actual"] == Decimal(48)
    assert type(fy2016["actual"]) is Decimal
    assert fy2016["achievement"] == Fraction(24, 25)
    assert type(fy2016["achievement"]) is Fraction
    assert fy2016["achievement_label"] == "96.0%"
    assert fy2016["achievement_pct"] == 96.0
    assert not fy2016["estimate"]
    exact = [Fraction(43, 42), Fraction(24, 25), Fraction(27, 29), Fraction(5, 6)]
    assert frame["achievement"].tolist()[:4] == exact
    assert frame["achievement_label"].tolist()[:4] == ["102.4%", "96.0%", "93.1%", "83.3%"]
    # The float beside each exact rate is that rate in percent, as near as a float gets: for plotting only.
    assert frame["achievement_pct"].dtype == "float64"
    assert frame["achievement_pct"].tolist()[:4] == [float(rate * 100) for rate in exact]


def test_a_qualitative_target_is_a_row_with_its_text(niigata: kyodo.Plan) -> None:
    last = indicators_frame(niigata).iloc[-1]
    assert last["fy"] == FiscalYear(2019)
    assert last["target"] is None
    assert last["target_text"] == "継続して拡充"
    assert last["role"] == "final"
    assert last["actual"] is None
    assert last["achievement"] is None
    assert pd.isna(last["achievement_label"])
    assert pd.isna(last["achievement_pct"])


def test_fy_has_the_fiscal_year_dtype_and_the_period_is_one_call_away(niigata: kyodo.Plan) -> None:
    frame = indicators_frame(niigata)
    assert frame["fy"].dtype == FiscalYearDtype()
    assert frame["fy"].tolist() == [FiscalYear(year) for year in range(2015, 2020)]
    assert frame["fy"].astype(str).tolist() == frame["fy_label"].tolist()
    assert frame["fy"].fy.year.tolist() == list(range(2015, 2020))
    periods = frame["fy"].fy.to_period()
    assert periods.dtype == pd.PeriodDtype("Y-MAR")
    assert periods[1] == pd.Period("2017", freq="Y-MAR")
    assert [fiscal_year_of_period(period) for period in periods] == frame["fy"].tolist()
    assert frame["estimate"].dtype == bool
    assert frame["target"].dtype == object


def test_a_lone_measure_is_coded_by_its_number_and_estimates_are_flagged() -> None:
    share = Indicator(
        "自治会・町内会加入率",
        "%",
        targets=[Target(FiscalYear(2017), Decimal("68")), Target(FiscalYear(2018), 0)],
        actuals=[Observation(FiscalYear(2017), Decimal("62.5"), estimate=True), Observation(FiscalYear(2018), 3)],
    )
    frame = indicators_frame(Measure("事業2", "自治会加入促進", indicators=[share]))
    assert frame["code"].tolist() == ["事業2", "事業2"]
    assert frame["estimate"].tolist() == [True, False]
    assert frame["achievement"][0] == Fraction(125, 136)
    assert frame["achievement_label"][0] == "91.9%"
    # a target of 0 where more is better has no achievement rate
    assert frame["achievement"][1] is None


def test_a_plan_without_indicators_gives_an_empty_frame_with_the_columns() -> None:
    plan = kyodo.load(EXAMPLES / "plans" / "yamaguchi.toml")
    frame = indicators_frame(plan)
    assert len(frame) == 0
    assert "achievement_pct" in frame.columns
    assert frame["fy"].dtype == FiscalYearDtype()


def test_indicators_frame_refuses_other_things() -> None:
    with pytest.raises(ValidationError, match="expected a Plan or a Measure"):
        indicators_frame("No.26")  # type: ignore[arg-type]


def test_one_frame_holds_one_fiscal_calendar() -> None:
    mixed = Indicator(
        "x", "件", targets=[Target(FiscalYear(2015), 1)], actuals=[Observation(FiscalYear(2016, start_month=1), 1)]
    )
    with pytest.raises(ValidationError, match="different months"):
        indicators_frame(Measure("1", "mixed", indicators=[mixed]))


# --- evaluations ------------------------------------------------------------------------------


def test_seed_000_checks_and_evaluations_in_order(niigata: kyodo.Plan) -> None:
    frame = evaluations_frame(niigata)
    assert len(frame) == 4 + 6
    assert frame["kind"].tolist() == [
        "progress_check",
        "annual",
        "progress_check",
        "annual",
        "progress_check",
        "annual",
        "mid_term",
        "progress_check",
        "annual",
        "plan_period",
    ]
    evaluations = frame[frame["kind"] != "progress_check"]
    assert evaluations["grade"].tolist() == ["B", "C", "C", "C", "C", "C"]
    checks = frame[frame["kind"] == "progress_check"]
    assert checks["status"].tolist() == ["behind"] * 4
    assert checks["status_label"].tolist() == ["進捗に遅れあり"] * 4
    assert checks["half"].tolist() == [1] * 4
    assert str(frame["half"].dtype) == "Int64"
    assert checks["fy"].tolist() == [FiscalYear(y) for y in range(2015, 2019)]
    assert "上半期に開設したまちづくりセンターはない" in checks["text"].iloc[0]
    first_annual = evaluations.iloc[0]
    assert "区によって設置数に差が出た" in first_annual["text"]
    assert first_annual["kind_label"] == "年度評価"


def test_an_evaluation_without_a_year_has_nat(niigata: kyodo.Plan) -> None:
    last = evaluations_frame(niigata).iloc[-1]
    assert last["kind"] == "plan_period"
    assert pd.isna(last["fy"])
    assert pd.isna(last["fy_label"])
    assert last["outlook"].startswith("平成31年度以降")


def test_seed_003_dates_and_evaluators() -> None:
    frame = evaluations_frame(kyodo.load(EXAMPLES / "plans" / "tokorozawa.toml"))
    assert [day.date().isoformat() for day in frame["written_on"]] == ["2018-07-20", "2018-08-28"]
    assert frame["evaluator"].tolist() == ["自己評価", "政策会議"]


# --- grades ---------------------------------------------------------------------------------------


def test_seed_000_computed_beside_recorded(niigata: kyodo.Plan, sheet_reading: GradingScheme) -> None:
    frame = grades_frame(niigata, sheet_reading)
    assert frame["fy_label"].tolist() == ["平成27年度", "平成28年度", "平成29年度", "平成30年度"]
    assert frame["computed"].tolist() == ["B", "C", "C", "C"]
    assert frame["recorded"].tolist() == ["B", "C", "C", "C"]
    assert frame["differs"].tolist() == [False] * 4
    assert frame["rate"][1] == Fraction(24, 25)
    assert frame["rate_label"][1] == "96.0%"
    assert frame["rate_pct"][1] == 96.0
    assert frame["how"].tolist() == ["band"] * 4


def test_a_differing_grade_carries_the_evaluators_reason(niigata: kyodo.Plan) -> None:
    met_is_a = GradingScheme("illustration", [Grade("A", bands=["100%以上"]), Grade("B", bands=["その他"])])
    frame = grades_frame(niigata, met_is_a, [FiscalYear(2015), FiscalYear(2016)])
    first = frame.iloc[0]
    assert (first["computed"], first["recorded"], bool(first["differs"])) == ("A", "B", True)
    assert "区によって設置数に差が出た" in first["reason"]
    assert frame["computed"].tolist() == ["A", "B"]
    assert frame["recorded"].tolist() == ["B", "C"]


def test_an_ungraded_year_is_missing(niigata: kyodo.Plan, sheet_reading: GradingScheme) -> None:
    row = grades_frame(niigata, sheet_reading, [FiscalYear(2019)]).iloc[0]
    assert pd.isna(row["computed"])
    assert pd.isna(row["reason"])
    assert not row["differs"]
    assert row["rate"] is None
    assert row["how"] == "no_target"


def test_a_lone_measure_needs_years(niigata: kyodo.Plan, sheet_reading: GradingScheme) -> None:
    measure = niigata.find("No.26")
    assert isinstance(measure, Measure)
    with pytest.raises(ValidationError, match="years"):
        grades_frame(measure, sheet_reading)
    assert len(grades_frame(measure, sheet_reading, [FiscalYear(2016)])) == 1
    with pytest.raises(ValidationError, match=r"years\[0\]"):
        grades_frame(niigata, sheet_reading, [2016])  # type: ignore[list-item]


# --- awards ---------------------------------------------------------------------------------------


def test_awards_keep_whole_yen() -> None:
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FiscalYear(2015))
    awards = [
        rule.compute(200_000, FiscalYear(2015)),
        rule.compute(350_000, FiscalYear(2015)),
        rule.compute(350_000, FiscalYear(2016)),
    ]
    frame = awards_frame(awards)
    assert frame["amount"].tolist() == [133_333, 200_000, 0]
    assert frame["amount"].dtype == "int64"
    assert frame["cost"].tolist() == [200_000, 350_000, 350_000]
    assert frame["eligible_cost"].tolist()[:2] == [200_000, 350_000]
    assert pd.isna(frame["eligible_cost"][2])
    assert frame["binding"].tolist() == ["rate", "cap_per_fy", "refused"]
    assert frame["binding_label"][1] == "年度あたりの限度額"
    assert frame["refusal"][2] == "not_offered"
    assert frame["rule"].tolist() == ["事業4"] * 3
    assert frame["fy"].tolist() == [FiscalYear(2015)] * 2 + [FiscalYear(2016)]
    assert frame.groupby("fy")["amount"].sum().to_dict() == {FiscalYear(2015): 333_333, FiscalYear(2016): 0}


def test_no_awards_give_an_empty_frame() -> None:
    frame = awards_frame([])
    assert len(frame) == 0
    assert "amount" in frame.columns


def test_awards_frame_refuses_other_things() -> None:
    with pytest.raises(ValidationError, match=r"awards\[0\]"):
        awards_frame([133_333])  # type: ignore[list-item]


# --- the extra ----------------------------------------------------------------------------------------


def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch, niigata: kyodo.Plan) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(KyodoError, match=r"pip install 'kyodo\[pandas\]'"):
        indicators_frame(niigata)


def test_grades_by_indicator_show_each_indicator_s_own_grade_beside_the_measure_s() -> None:
    fy = FiscalYear(2016)
    two = Measure(
        "1",
        "二つの指標",
        indicators=[
            Indicator("満たした", "件", targets=[Target(fy, 100)], actuals=[Observation(fy, 101)]),
            Indicator("届かない", "件", targets=[Target(fy, 100)], actuals=[Observation(fy, 80)]),
        ],
    )
    scheme = GradingScheme("A or B", [Grade("A", bands=["100%以上"]), Grade("B", bands=["otherwise"])])
    frame = grades_frame(two, scheme, [fy], by="indicator")
    assert list(frame["indicator"]) == ["満たした", "届かない"]
    assert list(frame["computed"]) == ["A", "B"]
    assert list(frame["measure_grade"]) == ["B", "B"]
    assert list(frame["rate"]) == [Fraction(101, 100), Fraction(4, 5)]
    assert list(frame["rate_label"]) == ["101.0%", "80.0%"]
    assert list(frame["rate_pct"]) == [101.0, 80.0]
    assert list(frame["basis"]) == ["achievement", "achievement"]
    by_measure = grades_frame(two, scheme, [fy])
    assert list(by_measure["computed"]) == ["B"]
    assert "indicator" not in by_measure.columns
    with pytest.raises(ValidationError, match="expected measure or indicator"):
        grades_frame(two, scheme, [fy], by="section")


def test_a_figure_in_points_has_no_percentage_in_the_frame() -> None:
    fy = FiscalYear(2016)
    survey = Measure(
        "1",
        "意識調査",
        indicators=[
            Indicator(
                "満足度",
                "%",
                baseline=Observation(FiscalYear(2014), Decimal("50.0")),
                targets=[Target(FiscalYear(2020), 60)],
                actuals=[Observation(fy, Decimal("48.5"))],
            )
        ],
    )
    row = grades_frame(survey, kyodo.preset("fukuoka-2018-survey"), [fy]).iloc[0]
    assert (row["computed"], row["basis"], row["rate"]) == ("b", "change", Fraction(-3, 2))
    assert pd.isna(row["rate_label"])
    assert pd.isna(row["rate_pct"])


def test_shinjo_grades_per_indicator_and_year_beside_the_measure_s() -> None:
    # 新庄市 611-p.47 (examples/plans/shinjo.toml): progress toward the 令和元年度 targets, graded per indicator.
    plan = kyodo.load(EXAMPLES / "plans" / "shinjo.toml")
    frame = grades_frame(plan, kyodo.preset("fuji-interim"), [FiscalYear(2014), FiscalYear(2015)], by="indicator")
    rows = frame[frame["code"] == "611-p.47"]
    assert rows["fy"].tolist() == [FiscalYear(2014)] * 3 + [FiscalYear(2015)] * 3
    assert rows["indicator"].tolist()[:3] == [
        "協働関係研修受講者数",
        "協働により取組まれている事業数",
        "市民・町内会・NPO法人・民間企業等と行政",
    ]
    assert rows["rate"].tolist() == [
        Fraction(19, 280),
        Fraction(36, 50),
        None,
        Fraction(60, 280),
        Fraction(42, 50),
        None,
    ]
    assert rows["rate_label"].fillna("-").tolist() == ["6.8%", "72.0%", "-", "21.4%", "84.0%", "-"]
    assert rows["rate_pct"].tolist()[:2] == [float(Fraction(19, 280) * 100), 72.0]
    assert rows["computed"].tolist()[:2] == ["20%未満", "50%以上80%未満"]
    assert rows["computed"].tolist()[3:5] == ["50%未満", "80%以上"]
    assert rows["how"].tolist()[2] == "no_target"
    assert rows["measure_grade"].tolist() == ["20%未満"] * 3 + ["50%未満"] * 3
    by_year = rows.groupby("fy")["computed"].count()
    assert by_year.to_dict() == {FiscalYear(2014): 2, FiscalYear(2015): 2}
