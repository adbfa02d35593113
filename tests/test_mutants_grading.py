"""Facts about grading schemes that the mutation run (make mutation) showed untested.

A rate exactly at a band's bound, each way a legend can fail to tile the rates (a gap, an overlap,
a single rate left out, grades listed worst first), the grades given without a rate, how a
measure's indicators combine, and what each grade and refusal says.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from attrs import evolve

from kyodo import FiscalYear, FiscalYearRange, Indicator, Measure, Observation, Plan, Section, Target, ValidationError
from kyodo.evaluations import Evaluation, ProgressCheck, ProgressStatus
from kyodo.grading import (
    Band,
    Grade,
    GradingScheme,
    MeasureGrade,
    Trend,
    grade_distribution,
    grade_measure,
    preset,
    preset_names,
    trend,
)

FY2015 = FiscalYear(2015)
SCHEME = GradingScheme(
    "s",
    [
        Grade("A", bands=[">= 100%"]),
        Grade("B", bands=["80%以上100%未満"]),
        Grade("C", bands=["60%超80%未満"]),
        Grade("D", bands=["otherwise"]),
    ],
)


def refusal(make: Callable[[], object]) -> tuple[str, str]:
    with pytest.raises(ValidationError) as caught:
        make()
    return str(caught.value), caught.value.message("ja")


def scheme(*grades: tuple[str, list[str]]) -> GradingScheme:
    return GradingScheme("g", [Grade(label, bands=bands) for label, bands in grades])


# --- bands --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "label"),
    [
        (Fraction(1), "A"),  # 100%以上: 100% itself
        (Fraction(9999, 10000), "B"),
        (Fraction(4, 5), "B"),  # 80%以上: 80% itself
        (Fraction(7999, 10000), "C"),
        (Fraction(6001, 10000), "C"),
        (Fraction(3, 5), "D"),  # 60%超: 60% itself is not C
        (Fraction(0), "D"),
        (Fraction(-1), "D"),
        (Decimal("0.8"), "B"),
        (1, "A"),
    ],
)
def test_a_rate_at_a_bound_falls_on_the_inclusive_side(rate: Fraction, label: str) -> None:
    assert SCHEME.grade_label(rate) == label
    assert SCHEME.grade(rate).label == label
    band, grade = SCHEME.band_of(rate)
    assert grade.label == label
    assert Fraction(rate) in band


@pytest.mark.parametrize(
    ("band", "inside", "outside"),
    [
        (Band(Fraction(1), True, None, False), [Fraction(1), Fraction(2)], [Fraction(99, 100)]),
        (Band(Fraction(1), False, None, False), [Fraction(101, 100)], [Fraction(1)]),
        (Band(None, False, Fraction(1), True), [Fraction(1), Fraction(0)], [Fraction(101, 100)]),
        (Band(None, False, Fraction(1), False), [Fraction(99, 100)], [Fraction(1)]),
        (Band(Fraction(1), True, Fraction(1), True), [Fraction(1)], [Fraction(99, 100), Fraction(101, 100)]),
    ],
)
def test_band_membership_at_its_bounds(band: Band, inside: list[Fraction], outside: list[Fraction]) -> None:
    assert all(rate in band for rate in inside)
    assert not any(rate in band for rate in outside)


def test_a_band_with_no_rate_is_refused() -> None:
    assert refusal(lambda: Band(Fraction(1), True, Fraction(1), False)) == (
        "bands: the band 100% <= rate < 100% contains no rate",
        "bands: 区分 100%以上100%未満 に入る率がない",
    )
    assert refusal(lambda: Band(Fraction(2), True, Fraction(1), True))[0] == (
        "bands: the band 200% <= rate <= 100% contains no rate"
    )
    assert Band.parse("80%以上").bounds == (Fraction(4, 5), True, None, False)
    assert str(Band(Fraction(1), True, Fraction(1), True)) == "100% <= rate <= 100%"


# --- schemes that do not tile the rates ---------------------------------------------------


@pytest.mark.parametrize(
    ("grades", "english", "japanese"),
    [
        (
            [("A", [">= 100%"]), ("B", ["< 90%"])],
            "no grade covers rates from 90% (included) to 100% (excluded)",
            "90%以上100%未満の率に当たる評価がない",
        ),
        (
            [("A", ["> 100%"]), ("B", ["< 100%"])],
            "no grade covers rates from 100% (included) to 100% (included)",
            "ちょうど100%の率に当たる評価がない",
        ),
        (
            [("A", [">= 100%"]), ("B", ["<= 100%"])],
            "the bands <= 100% (B) and >= 100% (A) overlap",
            "区分 100%以下（B）と 100%以上（A）が重なる",
        ),
        (
            [("A", [">= 90%"]), ("B", ["< 100%"])],
            "the bands < 100% (B) and >= 90% (A) overlap",
            "区分 100%未満（B）と 90%以上（A）が重なる",
        ),
        (
            [("A", ["< 100%"]), ("B", [">= 100%"])],
            "B is given to higher rates (>= 100%) than A (< 100%), but is listed as a worse grade;"
            " list grades best first",
            "B（100%以上）は A（100%未満）より高い率に与えられるのに、悪い評価として並んでいる。評価は良い順に並べる",
        ),
        ([("A", [">= 100%"])], "no grade covers rates below 100% (excluded)", "100%未満の率に当たる評価がない"),
        ([("A", ["> 100%"])], "no grade covers rates below 100% (included)", "100%以下の率に当たる評価がない"),
        ([("A", ["< 100%"])], "no grade covers rates above 100% (included)", "100%以上の率に当たる評価がない"),
        ([("A", ["<= 100%"])], "no grade covers rates above 100% (excluded)", "100%超の率に当たる評価がない"),
        (
            [("A", [">= 100%"]), ("B", ["50%以上100%未満"]), ("C", ["< 40%"])],
            "no grade covers rates from 40% (included) to 50% (excluded)",
            "40%以上50%未満の率に当たる評価がない",
        ),
        (
            [("A", [">= 100%"]), ("B", ["50%超100%未満"]), ("C", ["< 40%"])],
            "no grade covers rates from 40% (included) to 50% (included)",
            "40%以上50%以下の率に当たる評価がない",
        ),
        (
            [("A", ["otherwise"]), ("B", ["otherwise"])],
            "A and B both say 'otherwise'",
            "A と B がいずれも 'otherwise'（その他）を指定している",
        ),
        (
            [("A", [">= 100%"]), ("B", ["< 100%"]), ("C", ["otherwise"])],
            "the grade 'C' says 'otherwise', but every rate has a grade already",
            "評価 'C' は 'otherwise'（その他）だが、どの率にもすでに評価がある",
        ),
        (
            [("A", ["otherwise"]), ("B", [])],
            "the grade 'B' has no band and nothing else gives it",
            "評価 'B' は区分がなく、ほかの方法でも与えられない",
        ),
        ([("A", ["otherwise"]), ("A", [])], "the grade 'A' is listed twice", "評価 'A' が二度ある"),
        ([], "a scheme needs at least one grade", "評価基準には評価が一つ以上必要"),
    ],
)
def test_what_each_refusal_of_a_legend_says(grades: list[tuple[str, list[str]]], english: str, japanese: str) -> None:
    with pytest.raises(ValidationError) as caught:
        scheme(*grades)
    # A legend with several problems lists them all; this one is among them.
    assert ("grades", english) in caught.value.problems
    assert ("grades", japanese) in caught.value.problems_ja


def test_labels_used_must_be_grades_and_grades_need_labels() -> None:
    assert refusal(lambda: GradingScheme("g", [Grade("A", bands=["otherwise"])], when_no_target="Z")) == (
        "grades: 'Z' is used but not a grade of the scheme",
        "grades: 'Z' が使われているが、この基準の評価ではない",
    )
    assert refusal(lambda: GradingScheme("g", [Grade("A", bands=["otherwise"])], by_status={"behind": "Y"}))[0] == (
        "grades: 'Y' is used but not a grade of the scheme"
    )
    assert refusal(lambda: Grade(" ")) == ("label: a grade needs a label, not ' '", "label: 評価の記号が必要（' '）")


@pytest.mark.parametrize(
    ("grades", "rates"),
    [
        # "otherwise" fills the gaps between the other bands, wherever they are.
        ([("A", [">= 100%"]), ("B", ["otherwise"])], {Fraction(1): "A", Fraction(99, 100): "B"}),
        ([("A", ["otherwise"]), ("B", ["< 50%"])], {Fraction(1, 2): "A", Fraction(49, 100): "B"}),
        (
            [("A", [">= 100%"]), ("B", ["otherwise"]), ("C", ["< 50%"])],
            {Fraction(1, 2): "B", Fraction(99, 100): "B", Fraction(1): "A", Fraction(49, 100): "C"},
        ),
        (
            [("A", ["> 100%"]), ("B", ["otherwise"]), ("C", ["<= 50%"])],
            {Fraction(1): "B", Fraction(1, 2): "C", Fraction(101, 100): "A", Fraction(51, 100): "B"},
        ),
        (
            [("A", [">= 100%"]), ("B", ["50%以上100%未満"]), ("C", ["otherwise"])],
            {Fraction(99, 100): "B", Fraction(1, 2): "B", Fraction(49, 100): "C", Fraction(1): "A"},
        ),
        ([("A", ["otherwise"])], {Fraction(0): "A", Fraction(5): "A"}),
        # A grade may have several bands.
        (
            [("A", [">= 100%"]), ("B", ["90%以上100%未満", "80%以上90%未満"]), ("C", ["otherwise"])],
            {Fraction(95, 100): "B", Fraction(4, 5): "B", Fraction(79, 100): "C"},
        ),
    ],
)
def test_otherwise_fills_the_gaps_exactly(grades: list[tuple[str, list[str]]], rates: dict[Fraction, str]) -> None:
    legend = scheme(*grades)
    assert {rate: legend.grade_label(rate) for rate in rates} == rates


# --- explanations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "english", "japanese"),
    [
        (
            Fraction(1),
            "A: achievement 100.0% is at or above 100.0%, the lower bound of A",
            "A: 達成率 100.0% は A の下限 100.0% 以上",
        ),
        (
            Fraction(4, 5),
            "B: achievement 80.0% is below 100.0%, the lower bound of A, and at or above 80.0%, the lower bound of B",
            "B: 達成率 80.0% は A の下限 100.0% に届かない、B の下限 80.0% 以上",
        ),
        (
            Fraction(61, 100),
            "C: achievement 61.0% is below 80.0%, the lower bound of B, and above 60.0%, the lower bound of C",
            "C: 達成率 61.0% は B の下限 80.0% に届かない、C の下限 60.0% 超",
        ),
        (
            Fraction(3, 5),
            "D: achievement 60.0% is not above 60.0%, the lower bound of C",
            "D: 達成率 60.0% は C の下限 60.0% を超えない",
        ),
        # Just under a bound: enough decimals that the two never read alike.
        (
            Fraction(2499, 2500),
            "B: achievement 99.96% is below 100.00%, the lower bound of A, and at or above 80.00%, the lower bound of B",
            "B: 達成率 99.96% は A の下限 100.00% に届かない、B の下限 80.00% 以上",
        ),
        (
            Fraction(999999, 1000000),
            "B: achievement 99.9999% is below 100.0000%, the lower bound of A, and at or above 80.0000%, the lower bound of B",
            "B: 達成率 99.9999% は A の下限 100.0000% に届かない、B の下限 80.0000% 以上",
        ),
    ],
)
def test_a_grade_names_the_bounds_it_is_between(rate: Fraction, english: str, japanese: str) -> None:
    explanation = SCHEME.grade(rate).explanation
    assert (explanation.text("en"), explanation.text("ja")) == (english, japanese)
    assert explanation.fact("rate") == rate


def test_a_single_grade_names_its_band() -> None:
    only = scheme(("A", ["otherwise"]))
    explanation = only.grade(Fraction(1, 2)).explanation
    assert (explanation.text("en"), explanation.text("ja")) == (
        "A: achievement 50.0% is in the band of A (otherwise)",
        "A: 達成率 50.0% は A の範囲 (otherwise)",
    )


# --- grading indicators -------------------------------------------------------------------

NO_NUMBER = Indicator("n", "件", targets=[Target(FY2015, text="拡充")], actuals=[Observation(FY2015, 1)])
NO_ACTUAL = Indicator("a", "件", targets=[Target(FY2015, 10)])
UNDEFINED = Indicator("u", "件", targets=[Target(FY2015, 0)], actuals=[Observation(FY2015, 3)])
NINETY = Indicator("k", "件", targets=[Target(FY2015, 10)], actuals=[Observation(FY2015, 9)])
FULL = Indicator("b", "件", targets=[Target(FY2015, 10)], actuals=[Observation(FY2015, 10)])


@pytest.mark.parametrize(
    ("indicator", "how", "english", "japanese"),
    [
        (
            NO_NUMBER,
            "no_target",
            "no grade: there is no numeric target this year",
            "評価なし: この年度に数値目標がない",
        ),
        (NO_ACTUAL, "no_actual", "no grade: there is no actual value this year", "評価なし: この年度の実績がない"),
        (
            UNDEFINED,
            "undefined",
            "no grade: the rate is undefined (a target of 0, say)",
            "評価なし: 達成率を計算できない（目標 0 など）",
        ),
    ],
)
def test_an_indicator_without_a_rate_gets_no_grade_and_why(
    indicator: Indicator, how: str, english: str, japanese: str
) -> None:
    result = SCHEME.grade_indicator(indicator, FY2015)
    assert (result.label, result.how) == (None, how)
    assert (result.explanation.en, result.explanation.ja) == (english, japanese)


def test_an_undefined_rate_keeps_the_exact_reason() -> None:
    result = SCHEME.grade_indicator(UNDEFINED, FY2015)
    assert result.why == (
        "achievement rate of 3 against a target of 0 is undefined: a ratio needs a target above 0",
        "目標 0 に対する実績 3 の達成率を計算できない: 比で表すには 0 を超える目標が必要",
    )
    assert result.explanation.parts[0].en == result.why[0]
    assert (result.actual, result.target) == (Decimal(3), Decimal(0))


def test_an_indicator_graded_shows_its_figures() -> None:
    result = SCHEME.grade_indicator(NINETY, FY2015)
    assert (result.label, result.how, result.rate) == ("B", "band", Fraction(9, 10))
    assert result.explanation.text("en") == (
        "B: achievement 90.0% (9 / 10) is below 100.0%, the lower bound of A, and at or above 80.0%, the lower bound of B"
    )


def test_the_grade_given_without_a_number_or_by_status() -> None:
    legend = GradingScheme(
        "w", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"]), Grade("N")], when_no_target="N"
    )
    result = legend.grade_indicator(NO_NUMBER, FY2015)
    assert (result.label, result.how) == ("N", "no_target")
    assert (result.explanation.en, result.explanation.ja) == (
        "N: there is no numeric target this year",
        "N: この年度に数値目標がないため",
    )
    by_status = GradingScheme(
        "st", [Grade("A", bands=["otherwise"]), Grade("S")], by_status={"behind": "S"}, when_no_target="A"
    )
    status = by_status._without_rate(ProgressStatus.BEHIND, "no_target", None, None)
    assert (status.label, status.how) == ("S", "status")
    assert (status.explanation.en, status.explanation.ja) == (
        "S: no numeric target; graded by the progress status 'behind schedule'",
        "S: 数値目標がなく、進捗状況「進捗に遅れあり」による",
    )
    other = by_status._without_rate(ProgressStatus.ON_TRACK, "no_target", None, None)
    assert (other.label, other.how) == ("A", "no_target")


def test_progress_and_pace_bases() -> None:
    fy2014, fy2016, fy2018 = FiscalYear(2014), FiscalYear(2016), FiscalYear(2018)
    indicator = Indicator(
        "k",
        "件",
        baseline=Observation(fy2014, 5),
        targets=[Target(fy2014, 5), Target(fy2016, 10), Target(fy2018, 21), Target(FiscalYear(2019), text="拡充")],
        actuals=[Observation(fy2014, 5), Observation(fy2016, 13)],
    )
    two = [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])]
    progress = GradingScheme("p", two, basis="progress")
    assert progress.grade_indicator(indicator, fy2016).rate == Fraction(8, 5)
    pace = GradingScheme("pace", two, basis="pace")
    # 8 of the 16 planned, after 2 of the 4 years: exactly on pace.
    assert pace.grade_indicator(indicator, fy2016).rate == Fraction(1)
    assert pace.grade_indicator(indicator, fy2014).how == "no_baseline"  # no year elapsed
    no_baseline = Indicator("k", "件", targets=[Target(fy2016, 10)], actuals=[Observation(fy2016, 9)])
    result = progress.grade_indicator(no_baseline, fy2016)
    assert (result.label, result.how) == (None, "no_baseline")
    assert result.explanation.en == "no grade: there is no baseline or final target"
    assert pace.grade_indicator(no_baseline, fy2016).how == "no_baseline"


# --- measures -----------------------------------------------------------------------------

TWO = Measure("1", "m", indicators=[NINETY, FULL])


def test_a_measure_takes_the_worst_grade_or_the_grade_of_the_mean() -> None:
    assert grade_measure(TWO, FY2015, SCHEME).computed.label == "B"
    mean = grade_measure(TWO, FY2015, SCHEME, combine="mean").computed
    assert (mean.label, mean.rate) == ("B", Fraction(19, 20))
    weighted = grade_measure(TWO, FY2015, SCHEME, combine="weighted", weights={"k": 1, "b": 3}).computed
    assert weighted.rate == Fraction(39, 40)
    zero = grade_measure(TWO, FY2015, SCHEME, combine="weighted", weights={"k": 0, "b": "1/2"}).computed
    assert (zero.rate, zero.label) == (Fraction(1), "A")
    single = Measure("2", "m", indicators=[NINETY])
    assert grade_measure(single, FY2015, SCHEME, combine="mean").computed.rate == Fraction(9, 10)


@pytest.mark.parametrize(
    ("weights", "english"),
    [
        ({"k": -1, "b": 1}, "weights['k']: a weight cannot be negative: -1"),
        ({"k": 0, "b": 0}, "weights: every weight is 0"),
        ({"k": 1}, "weights: no weight is given for the indicator 'b'"),
        ({"k": 1.5, "b": 1}, "weights['k']: 1.5 is a float; give an exact number (int, Decimal or Fraction)"),
        ({"k": "x" * 201, "b": 1}, "weights['k']: a weight of 201 characters is too long; kyodo reads at most 200"),
    ],
)
def test_what_each_refusal_of_weights_says(weights: dict[str, object], english: str) -> None:
    message = refusal(lambda: grade_measure(TWO, FY2015, SCHEME, combine="weighted", weights=weights))[0]  # type: ignore[arg-type]
    assert message == english


def test_a_weight_as_text_is_read_as_a_rate() -> None:
    message = refusal(lambda: grade_measure(TWO, FY2015, SCHEME, combine="weighted", weights={"k": "abc", "b": 1}))
    assert message[0].startswith("weights['k']: cannot read 'abc' as a rate")
    assert message[1].startswith("weights['k']: 'abc' を率として読めない")


def test_the_recorded_grade_beside_the_computed_one_and_the_trend() -> None:
    fy2016 = FiscalYear(2016)
    rising = Indicator(
        "r",
        "件",
        targets=[Target(FY2015, 10), Target(fy2016, 10)],
        actuals=[Observation(FY2015, 7), Observation(fy2016, 10)],
    )
    measure = Measure("3", "m", indicators=[rising])
    assert trend(measure, SCHEME, [FY2015, fy2016]) is Trend.IMPROVING
    assert trend(measure, SCHEME, [fy2016, FY2015]) is Trend.WORSENING
    assert trend(measure, SCHEME, [FY2015, FY2015]) is Trend.STEADY
    assert trend(measure, SCHEME, [FY2015, FiscalYear(2020)]) is None  # one graded year


# --- the pace basis -----------------------------------------------------------------------

FY2014, FY2016, FY2018 = FiscalYear(2014), FiscalYear(2016), FiscalYear(2018)
TWO_GRADES = [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])]
PACE = GradingScheme("pace", TWO_GRADES, basis="pace")
# From 5 in FY2014 to 21 in FY2018 (the final numeric target; FY2019's is in words): 4 planned years.
PACED = Indicator(
    "k",
    "件",
    baseline=Observation(FY2014, 5),
    targets=[Target(FY2014, 5), Target(FY2016, 10), Target(FY2018, 21), Target(FiscalYear(2019), text="拡充")],
    actuals=[Observation(FY2014, 5), Observation(FY2015, 8), Observation(FY2016, 13)],
)


def test_pace_is_progress_to_the_final_target_over_the_share_of_years_elapsed() -> None:
    # 3 of the 16 planned after 1 of 4 years: 3/16 ÷ 1/4 = 75%.
    result = PACE.grade_indicator(PACED, FY2015)
    assert (result.label, result.how, result.rate) == ("B", "band", Fraction(3, 4))
    explanation = result.explanation
    assert (explanation.en, explanation.ja) == (
        "B: pace 75.0% (progress (8 − 5) / (21 − 5) after 1 of 4 years) is below 100.0%, the lower bound of A",
        "B: 計画ペース比 75.0% (進捗 (8 − 5) / (21 − 5)、4年のうち1年経過) は A の下限 100.0% に届かない",
    )
    assert dict(explanation.facts) == {
        "scheme": "pace",
        "grade": "B",
        "basis": "pace",
        "rate": Fraction(3, 4),
        "actual": Decimal(8),
        "baseline": Decimal(5),
        "target": Decimal(21),
        "elapsed": Fraction(1, 4),
        "band": "< 100%",
    }
    on_pace = PACE.grade_indicator(PACED, FY2016).explanation
    assert on_pace.en == (
        "A: pace 100.0% (progress (13 − 5) / (21 − 5) after 2 of 4 years) is at or above 100.0%, the lower bound of A"
    )


def test_pace_grades_a_plan_of_one_year_after_that_year() -> None:
    indicator = Indicator(
        "one", "件", baseline=Observation(FY2015, 0), targets=[Target(FY2016, 10)], actuals=[Observation(FY2016, 10)]
    )
    result = PACE.grade_indicator(indicator, FY2016)
    assert (result.label, result.rate, result.elapsed) == ("A", Fraction(1), (1, 1))


@pytest.mark.parametrize(
    ("indicator", "fy"),
    [
        # The baseline year is the final target's year: no years planned.
        (Indicator("s", "件", baseline=Observation(FY2016, 5), targets=[Target(FY2016, 9)], actuals=[Observation(FY2018, 7)]), FY2018),
        # The final target comes before the baseline.
        (Indicator("s", "件", baseline=Observation(FY2016, 5), targets=[Target(FY2015, 9)], actuals=[Observation(FY2018, 7)]), FY2018),
        # The year graded comes before the baseline.
        (Indicator("s", "件", baseline=Observation(FY2016, 5), targets=[Target(FY2018, 9)], actuals=[Observation(FY2015, 7)]), FY2015),
        # No baseline at all.
        (Indicator("n", "件", targets=[Target(FY2016, 9)], actuals=[Observation(FY2015, 7)]), FY2015),
    ],
    ids=["no years planned", "final before baseline", "before the baseline", "no baseline"],
)  # fmt: skip
def test_pace_without_years_to_share_has_no_grade_but_keeps_its_figures(indicator: Indicator, fy: FiscalYear) -> None:
    result = PACE.grade_indicator(indicator, fy)
    assert (result.label, result.how, result.rate) == (None, "no_baseline", None)
    explanation = result.explanation
    assert (explanation.en, explanation.ja) == (
        "no grade: there is no baseline or final target",
        "評価なし: 基準値または最終目標がない",
    )
    assert (explanation.fact("actual"), explanation.fact("target")) == (Decimal(7), Decimal(9))


def test_pace_without_a_numeric_target_or_an_actual() -> None:
    words = Indicator(
        "t",
        "件",
        baseline=Observation(FY2014, 5),
        targets=[Target(FY2016, text="拡充")],
        actuals=[Observation(FY2015, 7)],
    )
    result = PACE.grade_indicator(words, FY2015)
    assert (result.label, result.how) == (None, "no_target")
    assert (result.explanation.fact("actual"), result.explanation.fact("target")) == (Decimal(7), None)
    given = GradingScheme("pn", [*TWO_GRADES, Grade("N")], basis="pace", when_no_target="N")
    named = given.grade_indicator(words, FY2015)
    assert (named.label, named.how, named.actual) == ("N", "no_target", Decimal(7))
    assert (named.explanation.en, named.explanation.ja) == (
        "N: there is no numeric target this year",
        "N: この年度に数値目標がないため",
    )
    nothing = PACE.grade_indicator(evolve(words, actuals=[]), FY2015)
    assert (nothing.how, nothing.actual) == ("no_target", None)
    missing = PACE.grade_indicator(PACED, FiscalYear(2017))  # the final target is known, the actual is not
    assert (missing.label, missing.how) == (None, "no_actual")
    assert (missing.explanation.fact("actual"), missing.explanation.fact("target")) == (None, Decimal(21))


def test_pace_to_a_final_target_equal_to_the_baseline_is_undefined() -> None:
    flat = Indicator(
        "u", "件", baseline=Observation(FY2014, 5), targets=[Target(FY2016, 5)], actuals=[Observation(FY2015, 7)]
    )
    result = PACE.grade_indicator(flat, FY2015)
    assert (result.label, result.how) == (None, "undefined")
    assert result.why == (
        "progress rate is undefined when the target equals the baseline (5)",
        "目標が基準値（5）と等しいので進捗率は定まらない",
    )
    assert [part.en for part in result.explanation.parts] == [result.why[0]]
    assert (result.explanation.fact("actual"), result.explanation.fact("target")) == (Decimal(7), Decimal(5))


# --- the figures a rate came from ---------------------------------------------------------

ACHIEVEMENT = GradingScheme("a", TWO_GRADES)
PROGRESS = GradingScheme("p", TWO_GRADES, basis="progress")
D = Decimal


@pytest.mark.parametrize(
    ("rate", "figures", "shown"),
    [
        (Fraction(9, 10), {"actual": D(9), "target": D(10)}, "(9 / 10)"),
        (Fraction(9, 10), {"actual": D(9), "target": D(10), "direction": "increase"}, "(9 / 10)"),
        # Less is better: the rate is target ÷ actual.
        (Fraction(9, 10), {"actual": D(10), "target": D(9), "direction": "decrease"}, "(9 / 10)"),
        (Fraction(1), {"actual": D(8), "target": D(9), "direction": "at_most"}, "(8 ≤ 9)"),
        (Fraction(1), {"actual": D(9), "target": D(9), "direction": "at_most"}, "(9 ≤ 9)"),
        (Fraction(9, 10), {"actual": D(10), "target": D(9), "direction": "at_most"}, "(9 / 10)"),
        (Fraction(1), {"actual": D(0), "target": D(0), "direction": "decrease"}, "(0 = 0)"),
        (Fraction(1), {"actual": D(0), "target": D(0), "direction": "at_most"}, "(0 ≤ 0)"),
    ],
)
def test_an_achievement_shows_the_figures_as_its_formula_used_them(
    rate: Fraction, figures: dict[str, object], shown: str
) -> None:
    explanation = ACHIEVEMENT.grade(rate, **figures).explanation  # type: ignore[arg-type]
    label, percent = ("A", "100.0%") if rate == 1 else ("B", "90.0%")
    assert explanation.en.startswith(f"{label}: achievement {percent} {shown} is ")
    assert explanation.ja.startswith(f"{label}: 達成率 {percent} {shown} は ")
    assert explanation.fact("direction") == figures.get("direction", "increase")
    assert (explanation.fact("actual"), explanation.fact("target")) == (figures["actual"], figures["target"])


def test_a_rate_given_with_only_some_figures_is_graded_without_them() -> None:
    for figures in ({"actual": D(9)}, {"target": D(9)}, {}):
        explanation = ACHIEVEMENT.grade(Fraction(1, 2), **figures).explanation  # type: ignore[arg-type]
        assert (explanation.en, explanation.ja) == (
            "B: achievement 50.0% is below 100.0%, the lower bound of A",
            "B: 達成率 50.0% は A の下限 100.0% に届かない",
        )
        assert "direction" not in dict(explanation.facts)
    # Progress needs the baseline and pace the years as well; without them the rate is taken as given.
    progress = PROGRESS.grade(Fraction(1, 2), actual=D(9), target=D(10)).explanation
    assert (progress.en, progress.ja) == (
        "B: progress 50.0% is below 100.0%, the lower bound of A",
        "B: 進捗率 50.0% は A の下限 100.0% に届かない",
    )
    unshown = PACE.grade(Fraction(1, 3), actual=D(7), target=D(9), baseline=D(5)).explanation
    assert (unshown.en, unshown.ja) == (
        "B: pace 33.3% is below 100.0%, the lower bound of A",
        "B: 計画ペース比 33.3% は A の下限 100.0% に届かない",
    )
    assert "baseline" not in dict(unshown.facts)
    assert PACE.grade(Fraction(1), actual=D(7), target=D(9), elapsed=(2, 4)).label == "A"


def test_progress_and_pace_show_their_figures() -> None:
    progress = PROGRESS.grade(Fraction(1, 2), actual=D(7), target=D(9), baseline=D(5)).explanation
    assert (progress.en, progress.ja) == (
        "B: progress 50.0% ((7 − 5) / (9 − 5)) is below 100.0%, the lower bound of A",
        "B: 進捗率 50.0% ((7 − 5) / (9 − 5)) は A の下限 100.0% に届かない",
    )
    assert list(dict(progress.facts)) == ["scheme", "grade", "basis", "rate", "actual", "baseline", "target", "band"]
    pace = PACE.grade(Fraction(1), actual=D(7), target=D(9), baseline=D(5), elapsed=(2, 4)).explanation
    assert (pace.en, pace.ja) == (
        "A: pace 100.0% (progress (7 − 5) / (9 − 5) after 2 of 4 years) is at or above 100.0%, the lower bound of A",
        "A: 計画ペース比 100.0% (進捗 (7 − 5) / (9 − 5)、4年のうち2年経過) は A の下限 100.0% 以上",
    )
    assert (pace.fact("baseline"), pace.fact("elapsed")) == (D(5), Fraction(1, 2))


@pytest.mark.parametrize(
    ("legend", "rate", "figures", "english", "japanese"),
    [
        (
            ACHIEVEMENT, Fraction(1), {"actual": D(9), "target": D(10)},
            "rate: the figures give 90%, not the rate 100% graded",
            "rate: 数値から求まる率は 90% で、評価する率 100% ではない",
        ),
        (
            ACHIEVEMENT, Fraction(1), {"actual": D(10), "target": D(9), "direction": "decrease"},
            "rate: the figures give 90%, not the rate 100% graded",
            "rate: 数値から求まる率は 90% で、評価する率 100% ではない",
        ),
        (
            ACHIEVEMENT, Fraction(1), {"actual": D(3), "target": D(0)},
            "rate: achievement rate of 3 against a target of 0 is undefined: a ratio needs a target above 0",
            "rate: 目標 0 に対する実績 3 の達成率を計算できない: 比で表すには 0 を超える目標が必要",
        ),
        (
            PROGRESS, Fraction(1, 3), {"actual": D(7), "target": D(9), "baseline": D(5)},
            "rate: the figures give 50%, not the rate 1/3 graded",
            "rate: 数値から求まる率は 50% で、評価する率 1/3 ではない",
        ),
        (
            PROGRESS, Fraction(1), {"actual": D(7), "target": D(5), "baseline": D(5)},
            "rate: progress rate is undefined when the target equals the baseline (5)",
            "rate: 目標が基準値（5）と等しいので進捗率は定まらない",
        ),
        (
            PACE, Fraction(1, 2), {"actual": D(7), "target": D(9), "baseline": D(5), "elapsed": (2, 4)},
            "rate: the figures give 100%, not the rate 50% graded",
            "rate: 数値から求まる率は 100% で、評価する率 50% ではない",
        ),
        (
            PACE, Fraction(1), {"actual": D(7), "target": D(9), "baseline": D(5), "elapsed": (0, 4)},
            "elapsed: years elapsed and planned must be above 0, not 0 of 4",
            "elapsed: 経過年数と計画年数は 0 より大きい（4年のうち0年ではない）",
        ),
        (
            PACE, Fraction(1), {"actual": D(7), "target": D(9), "baseline": D(5), "elapsed": (2, 0)},
            "elapsed: years elapsed and planned must be above 0, not 2 of 0",
            "elapsed: 経過年数と計画年数は 0 より大きい（0年のうち2年ではない）",
        ),
    ],
    ids=["achievement", "less is better", "undefined", "progress", "progress undefined", "pace", "no year elapsed", "no year planned"],
)  # fmt: skip
def test_figures_that_do_not_give_the_rate_are_refused(
    legend: GradingScheme, rate: Fraction, figures: dict[str, object], english: str, japanese: str
) -> None:
    assert refusal(lambda: legend.grade(rate, **figures)) == (english, japanese)  # type: ignore[arg-type]


def test_a_pace_of_one_year_of_one_is_accepted() -> None:
    result = PACE.grade(Fraction(1, 2), actual=D(7), target=D(9), baseline=D(5), elapsed=(1, 1))
    assert (result.label, result.elapsed) == ("B", (1, 1))


# --- a measure's grade from its indicators ------------------------------------------------

NINETY_SENTENCE = (
    "B: achievement 90.0% (9 / 10) is below 100.0%, the lower bound of A, and at or above 80.0%, the lower bound of B",
    "B: 達成率 90.0% (9 / 10) は A の下限 100.0% に届かない、B の下限 80.0% 以上",
)


@pytest.mark.parametrize("indicators", [[NINETY, FULL], [FULL, NINETY]], ids=["worst first", "worst last"])
def test_the_worst_grade_names_the_indicator_it_came_from(indicators: list[Indicator]) -> None:
    graded = grade_measure(Measure("1", "m", indicators=indicators), FY2015, SCHEME)
    assert graded.computed.label == "B"
    explanation = graded.explanation
    assert (explanation.en, explanation.ja) == (
        NINETY_SENTENCE[0] + " (the worst of 2 indicators' grades: k)",
        NINETY_SENTENCE[1] + "（2指標のうち最も低い評価: k）",
    )
    assert (explanation.fact("combine"), explanation.fact("indicators")) == ("worst", 2)
    assert [part.en for part in explanation.parts] == [part.explanation.en for part in graded.parts]


@pytest.mark.parametrize(
    ("combine", "weights", "rate", "english", "japanese"),
    [
        (
            "mean", None, Fraction(19, 20),
            "B: achievement 95.0% is below 100.0%, the lower bound of A, and at or above 80.0%, the lower bound of B"
            " (the grade of the mean of 2 indicators' rates)",
            "B: 達成率 95.0% は A の下限 100.0% に届かない、B の下限 80.0% 以上（2指標の達成率の平均による評価）",
        ),
        (
            "weighted", {"k": 1, "b": 3}, Fraction(39, 40),
            "B: achievement 97.5% is below 100.0%, the lower bound of A, and at or above 80.0%, the lower bound of B"
            " (the grade of the weighted mean of 2 indicators' rates)",
            "B: 達成率 97.5% は A の下限 100.0% に届かない、B の下限 80.0% 以上（2指標の達成率の加重平均による評価）",
        ),
    ],
)  # fmt: skip
def test_a_mean_of_rates_says_how_many_indicators_it_took(
    combine: str, weights: dict[str, int] | None, rate: Fraction, english: str, japanese: str
) -> None:
    graded = grade_measure(TWO, FY2015, SCHEME, combine=combine, weights=weights)  # type: ignore[arg-type]
    assert (graded.computed.rate, graded.combine.value) == (rate, combine)
    explanation = graded.explanation
    assert (explanation.en, explanation.ja) == (english, japanese)
    assert (explanation.fact("combine"), explanation.fact("indicators"), explanation.fact("rate")) == (combine, 2, rate)


def test_only_graded_indicators_count_toward_a_combination() -> None:
    for combine in ("worst", "mean"):
        graded = grade_measure(Measure("1", "m", indicators=[NINETY, NO_NUMBER]), FY2015, SCHEME, combine=combine)
        explanation = graded.explanation
        assert (explanation.en, explanation.ja) == NINETY_SENTENCE  # one graded indicator: no combination named
        assert "combine" not in dict(explanation.facts)
        assert [part.en for part in explanation.parts] == [
            NINETY_SENTENCE[0],
            "no grade: there is no numeric target this year",
        ]
    single = grade_measure(Measure("2", "m", indicators=[NINETY]), FY2015, SCHEME).explanation
    assert single.parts == ()  # one indicator: its sentence is the measure's


def test_the_recorded_grade_stands_beside_the_computed_one() -> None:
    def graded(*evaluations: Evaluation) -> MeasureGrade:
        return grade_measure(Measure("1", "m", indicators=[NINETY], evaluations=evaluations), FY2015, SCHEME)

    same = graded(Evaluation("annual", FY2015, grade="B", assessment="順調"))
    assert (same.recorded, same.differs, same.reason) == ("B", False, None)
    assert (same.explanation.en, same.explanation.ja) == NINETY_SENTENCE
    assert (same.explanation.fact("recorded"), same.explanation.fact("differs")) == ("B", False)
    other = graded(Evaluation("annual", FY2015, grade="A", assessment="利用が伸びた"))
    assert (other.recorded, other.differs, other.reason) == ("A", True, "利用が伸びた")
    assert (other.explanation.en, other.explanation.ja) == (
        NINETY_SENTENCE[0]
        + "; the recorded grade is A (the evaluator's reason, in the document's words: 利用が伸びた)",
        NINETY_SENTENCE[1] + "。記録された評価は A（理由: 利用が伸びた）",
    )
    assert (other.explanation.fact("recorded"), other.explanation.fact("differs")) == ("A", True)
    bare = graded(Evaluation("annual", FY2015, grade="A"))
    assert (bare.explanation.en, bare.explanation.ja) == (
        NINETY_SENTENCE[0] + "; the recorded grade is A",
        NINETY_SENTENCE[1] + "。記録された評価は A",
    )
    ungraded = graded(Evaluation("annual", FY2015, assessment="所見のみ"))
    assert (ungraded.recorded, ungraded.differs, ungraded.reason) == (None, False, None)
    elsewhere = graded(Evaluation("annual", FY2016, grade="D", assessment="翌年度"))
    assert (elsewhere.recorded, elsewhere.reason) == (None, None)
    assert (elsewhere.explanation.en, elsewhere.explanation.ja) == NINETY_SENTENCE


def test_a_recorded_grade_without_a_computed_one_is_shown_not_compared() -> None:
    measure = Measure("1", "m", indicators=[NO_NUMBER], evaluations=[Evaluation("annual", FY2015, grade="A")])
    graded = grade_measure(measure, FY2015, SCHEME)
    assert (graded.computed.label, graded.recorded, graded.differs) == (None, "A", False)
    assert (graded.explanation.en, graded.explanation.ja) == (
        "no grade: there is no numeric target this year; the recorded grade is A",
        "評価なし: この年度に数値目標がない。記録された評価は A",
    )


STATUS_LEGEND = GradingScheme(
    "st",
    [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"]), Grade("S"), Grade("T")],
    by_status={"on_track": "T", "behind": "S"},
)


def test_without_a_rate_the_latest_status_of_the_year_grades_the_measure() -> None:
    checks = [
        ProgressCheck(FY2016, 2, "on_track"),  # another year
        ProgressCheck(FY2015, 2, "behind"),  # the year's latest check, listed first
        ProgressCheck(FY2015, 1, "on_track"),
    ]
    graded = grade_measure(Measure("1", "m", indicators=[NO_NUMBER], progress_checks=checks), FY2015, STATUS_LEGEND)
    assert (graded.computed.label, graded.computed.how, graded.computed.status) == (
        "S",
        "status",
        ProgressStatus.BEHIND,
    )
    assert (graded.explanation.en, graded.explanation.ja) == (
        "S: no numeric target; graded by the progress status 'behind schedule'",
        "S: 数値目標がなく、進捗状況「進捗に遅れあり」による",
    )
    assert graded.explanation.fact("status") == "behind"
    on_track = Measure("1", "m", indicators=[NO_NUMBER], progress_checks=checks[2:])
    assert grade_measure(on_track, FY2015, STATUS_LEGEND).computed.label == "T"
    # A status the legend does not grade leaves the measure ungraded, with the status kept.
    done = Measure("1", "m", indicators=[NO_NUMBER], progress_checks=[ProgressCheck(FY2015, 1, "completed")])
    result = grade_measure(done, FY2015, STATUS_LEGEND).computed
    assert (result.label, result.how, result.status) == (None, "no_target", ProgressStatus.COMPLETED)
    # A graded indicator comes before any status.
    graded_too = Measure("1", "m", indicators=[NINETY], progress_checks=checks)
    assert grade_measure(graded_too, FY2015, STATUS_LEGEND).computed.label == "B"


def test_an_undefined_rate_is_why_a_measure_has_no_grade_unless_a_status_grades_it() -> None:
    given = GradingScheme("w", [Grade("A", bands=["otherwise"]), Grade("N")], when_no_target="N")
    result = grade_measure(Measure("1", "m", indicators=[NO_NUMBER, UNDEFINED]), FY2015, given).computed
    assert (result.label, result.how, result.actual, result.target) == (None, "undefined", Decimal(3), Decimal(0))
    assert grade_measure(Measure("1", "m", indicators=[NO_NUMBER]), FY2015, given).computed.label == "N"
    behind = [ProgressCheck(FY2015, 1, "behind")]
    rated = grade_measure(Measure("1", "m", indicators=[UNDEFINED], progress_checks=behind), FY2015, STATUS_LEGEND)
    assert (rated.computed.label, rated.computed.how) == ("S", "status")


# --- explanations as data -----------------------------------------------------------------


def test_each_kind_of_grade_names_its_rule_and_the_facts_it_used() -> None:
    def data(result: object) -> tuple[str, dict[str, object]]:
        explanation = result.explanation  # type: ignore[attr-defined]
        return explanation.rule, dict(explanation.facts)

    assert data(SCHEME.grade_indicator(NINETY, FY2015)) == (
        "grade.band",
        {
            "scheme": "s",
            "grade": "B",
            "basis": "achievement",
            "rate": Fraction(9, 10),
            "actual": Decimal(9),
            "target": Decimal(10),
            "direction": "increase",
            "band": "80% <= rate < 100%",
        },
    )
    ungraded = {"scheme": "s", "grade": None, "basis": "achievement"}
    assert data(SCHEME.grade_indicator(NO_NUMBER, FY2015)) == (
        "grade.none.no_target",
        {**ungraded, "actual": Decimal(1), "target": None},
    )
    assert data(SCHEME.grade_indicator(NO_ACTUAL, FY2015)) == (
        "grade.none.no_actual",
        {**ungraded, "actual": None, "target": Decimal(10)},
    )
    assert data(SCHEME.grade_indicator(UNDEFINED, FY2015)) == (
        "grade.none.undefined",
        {**ungraded, "actual": Decimal(3), "target": Decimal(0)},
    )
    (why,) = SCHEME.grade_indicator(UNDEFINED, FY2015).explanation.parts
    assert (why.rule, dict(why.facts), why.ja) == (
        "rate.undefined",
        {},
        "目標 0 に対する実績 3 の達成率を計算できない: 比で表すには 0 を超える目標が必要",
    )
    assert SCHEME.grade_indicator(NO_ACTUAL, FY2015).explanation.parts == ()
    assert data(PROGRESS.grade_indicator(NINETY, FY2015)) == (
        "grade.none.no_baseline",
        {"scheme": "p", "grade": None, "basis": "progress", "actual": Decimal(9), "target": Decimal(10)},
    )
    named = GradingScheme("w", [Grade("A", bands=["otherwise"]), Grade("N")], when_no_target="N")
    assert data(named.grade_indicator(NO_NUMBER, FY2015)) == (
        "grade.no_target",
        {"scheme": "w", "grade": "N", "basis": "achievement", "actual": Decimal(1), "target": None},
    )
    checks = [ProgressCheck(FY2015, 1, "behind")]
    by_status = grade_measure(Measure("1", "m", indicators=[NO_NUMBER], progress_checks=checks), FY2015, STATUS_LEGEND)
    assert data(by_status.computed) == (
        "grade.status",
        {"scheme": "st", "grade": "S", "basis": "achievement", "status": "behind"},
    )
    assert by_status.explanation.rule == "grade.measure"


# --- refusals of rates, directions, presets and combinations --------------------------------


def test_a_float_rate_is_refused_however_it_is_graded() -> None:
    message = (
        "rate: 0.8 is a float; give an exact number (int, Decimal or Fraction)",
        "rate: 0.8 は float。正確な数（int、Decimal、Fraction）が必要",
    )
    assert refusal(lambda: SCHEME.grade(0.8)) == message  # type: ignore[arg-type]
    assert refusal(lambda: SCHEME.grade_label(0.8)) == message  # type: ignore[arg-type]
    assert refusal(lambda: SCHEME.band_of(0.8)) == message  # type: ignore[arg-type]


@pytest.mark.parametrize("rate", [Decimal("0.8"), 1, Fraction(4, 5)], ids=["Decimal", "int", "Fraction"])
def test_a_rate_graded_is_kept_as_an_exact_fraction(rate: Decimal | int | Fraction) -> None:
    result = ACHIEVEMENT.grade(rate)
    assert type(result.rate) is Fraction
    assert type(result.explanation.fact("rate")) is Fraction
    assert result.rate == Fraction(rate)


def test_an_unknown_direction_combination_or_preset_names_its_field() -> None:
    direction = refusal(lambda: SCHEME.grade(Fraction(1), direction="sideways"))
    assert direction[0].startswith("direction: 'sideways' is not a Direction; expected one of 増加 (increase)")
    assert direction[1].startswith("direction: 'sideways' は使えない。")
    combine = refusal(lambda: grade_measure(TWO, FY2015, SCHEME, combine="median"))
    assert combine[0].startswith("combine: 'median' is not a Combine; expected one of 最も低い評価 (worst)")
    assert combine[1].startswith("combine: 'median' は使えない。")
    names = preset_names()
    assert refusal(lambda: preset("nope")) == (
        f"name: 'nope' is not a preset; expected one of {', '.join(names)}",
        f"name: 'nope' というプリセットはない。{'、'.join(names)} のいずれか",
    )
    assert ", " in refusal(lambda: preset("nope"))[0]  # the names are listed apart


def test_weights_of_the_graded_indicators_must_not_all_be_zero() -> None:
    three = Measure("1", "m", indicators=[NINETY, FULL, NO_NUMBER])
    # The ungraded indicator's weight does not count.
    weights = {"k": 0, "b": 0, "n": 1}
    assert refusal(lambda: grade_measure(three, FY2015, SCHEME, combine="weighted", weights=weights)) == (
        "weights: the weights of the graded indicators add up to 0",
        "weights: 評価された指標の重みの合計が 0",
    )
    assert refusal(lambda: grade_measure(TWO, FY2015, SCHEME, combine="weighted", weights={"k": 0, "b": 0})) == (
        "weights: every weight is 0",
        "weights: すべての重みが 0",
    )


def test_weights_at_the_limits_of_the_numbers_kyodo_reads() -> None:
    huge = refusal(
        lambda: grade_measure(TWO, FY2015, SCHEME, combine="weighted", weights={"k": Fraction(1, 10**40), "b": 1})
    )
    assert huge == (
        "weights['k']: a fraction with a 133-bit part is too large: kyodo reads at most 30 digits a part",
        "weights['k']: 133ビットの分子か分母は大きすぎる。読めるのは30桁まで",
    )
    longest = "1" + " " * 199  # 200 characters, the most a weight may have
    graded = grade_measure(TWO, FY2015, SCHEME, combine="weighted", weights={"k": longest, "b": 1})
    assert graded.computed.rate == Fraction(19, 20)


def test_a_rate_of_zero_counts_as_zero_in_a_mean() -> None:
    nothing = Indicator("z", "件", targets=[Target(FY2015, 10)], actuals=[Observation(FY2015, 0)])
    graded = grade_measure(Measure("1", "m", indicators=[nothing, FULL]), FY2015, SCHEME, combine="mean")
    assert (graded.computed.rate, graded.computed.label, graded.fy) == (Fraction(1, 2), "D", FY2015)


def test_a_grade_given_without_a_rate_does_not_join_a_combination() -> None:
    legend = GradingScheme(
        "w", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"]), Grade("N")], when_no_target="N"
    )
    graded = grade_measure(Measure("1", "m", indicators=[NINETY, NO_NUMBER]), FY2015, legend)
    assert [part.label for part in graded.parts] == ["B", "N"]
    assert graded.computed.label == "B"


@pytest.mark.parametrize("halves", [(1, 2), (2, 1)], ids=["in order", "latest first"])
def test_the_latest_half_of_the_year_decides_the_status(halves: tuple[int, int]) -> None:
    status = {1: "on_track", 2: "behind"}
    checks = [ProgressCheck(FY2015, half, status[half]) for half in halves]
    measure = Measure("1", "m", indicators=[NO_NUMBER], progress_checks=checks)
    assert grade_measure(measure, FY2015, STATUS_LEGEND).computed.label == "S"


# --- the bounds a sentence names ----------------------------------------------------------


def test_a_rate_that_needs_five_decimals_shows_five() -> None:
    explanation = SCHEME.grade(Fraction(9_999_999, 10**7)).explanation
    assert explanation.en == (
        "B: achievement 99.99999% is below 100.00000%, the lower bound of A, and at or above 80.00000%, the lower bound of B"
    )


def test_the_better_bound_named_is_the_lowest_of_any_better_grade() -> None:
    # B is exactly 100%, A above it: under 100%, the bound to name is B's, included.
    point = GradingScheme(
        "pt",
        [
            Grade("A", bands=["> 100%"]),
            Grade("B", bands=[Band(Fraction(1), True, Fraction(1), True)]),
            Grade("C", bands=["otherwise"]),
        ],
    )
    explanation = point.grade(Fraction(1, 2)).explanation
    assert (explanation.en, explanation.ja) == (
        "C: achievement 50.0% is below 100.0%, the lower bound of B",
        "C: 達成率 50.0% は B の下限 100.0% に届かない",
    )
    # Negative bounds: B's −10% is lower than A's 10%.
    negative = scheme(("A", [">= 10%"]), ("B", ["-10%以上10%未満"]), ("C", ["otherwise"]))
    assert negative.grade(Fraction(-1, 2)).explanation.en == (
        "C: achievement -50.0% is below -10.0%, the lower bound of B"
    )


def test_an_indicator_graded_by_achievement_keeps_its_direction_and_by_progress_its_baseline() -> None:
    fewer = Indicator(
        "accidents", "件", direction="decrease", targets=[Target(FY2015, 9)], actuals=[Observation(FY2015, 10)]
    )
    explanation = SCHEME.grade_indicator(fewer, FY2015).explanation
    assert explanation.en == NINETY_SENTENCE[0]
    assert explanation.fact("direction") == "decrease"
    under = Indicator(
        "accidents", "件", direction="decrease", targets=[Target(FY2015, 10)], actuals=[Observation(FY2015, 8)]
    )
    # Less is better, and 8 is under 10: 10 / 8 = 125%, shown as the ratio, not as "8 ≤ 10".
    assert SCHEME.grade_indicator(under, FY2015).explanation.en.startswith("A: achievement 125.0% (10 / 8) is ")
    same = Indicator(
        "accidents", "件", direction="decrease", targets=[Target(FY2015, 9)], actuals=[Observation(FY2015, 9)]
    )
    assert SCHEME.grade_indicator(same, FY2015).explanation.en.startswith("A: achievement 100.0% (9 / 9) is ")
    based = Indicator(
        "k",
        "件",
        baseline=Observation(FiscalYear(2014), 5),
        targets=[Target(FY2015, 9)],
        actuals=[Observation(FY2015, 7)],
    )
    progress = PROGRESS.grade_indicator(based, FY2015).explanation
    assert (progress.en, progress.ja) == (
        "B: progress 50.0% ((7 − 5) / (9 − 5)) is below 100.0%, the lower bound of A",
        "B: 進捗率 50.0% ((7 − 5) / (9 − 5)) は A の下限 100.0% に届かない",
    )


# --- distributions and trends -------------------------------------------------------------


def test_a_distribution_counts_every_measure_in_every_section_above_it() -> None:
    def measure(number: str, indicators: list[Indicator]) -> Measure:
        return Measure(number, "m", indicators=indicators)

    plan = Plan(
        "p",
        "m",
        FiscalYearRange(FY2015, FiscalYear(2019)),
        sections=[
            Section(
                "Ⅰ",
                "s",
                children=[
                    Section("1", "t", children=[measure("1", [NINETY]), measure("2", [NINETY]), measure("3", [FULL])]),
                    measure("2", [NO_NUMBER]),
                ],
            ),
            Section("Ⅱ", "s", children=[measure("1", [NINETY, FULL])]),
        ],
    )
    counts = grade_distribution(plan, FY2015, SCHEME)
    assert counts == {
        "": {"B": 3, "A": 1, None: 1},
        "Ⅰ": {"B": 2, "A": 1, None: 1},
        "Ⅰ-1": {"B": 2, "A": 1},
        "Ⅱ": {"B": 1},
    }
    # Options go on to each measure's grade: the worst of 70% and 100% is C, their mean (85%) B.
    seventy = Indicator("s", "件", targets=[Target(FY2015, 10)], actuals=[Observation(FY2015, 7)])
    mixed = Plan("p", "m", FiscalYearRange(FY2015, FiscalYear(2019)), sections=[measure("1", [seventy, FULL])])
    assert grade_distribution(mixed, FY2015, SCHEME) == {"": {"C": 1}}
    assert grade_distribution(mixed, FY2015, SCHEME, combine="mean") == {"": {"B": 1}}


def test_a_trend_compares_the_first_graded_year_with_the_last() -> None:
    years = [FY2015, FiscalYear(2016), FiscalYear(2017)]
    rising = Indicator(
        "r",
        "件",
        targets=[Target(fy, 10) for fy in years],
        actuals=[Observation(FY2015, 7), Observation(FiscalYear(2016), 5), Observation(FiscalYear(2017), 9)],
    )
    measure = Measure("3", "m", indicators=[rising])
    # C, D, B: the middle year is worst, yet the last is better than the first.
    assert trend(measure, SCHEME, years) is Trend.IMPROVING
    assert trend(measure, SCHEME, list(reversed(years))) is Trend.WORSENING
    peaked = Indicator(
        "p",
        "件",
        targets=[Target(fy, 10) for fy in years],
        actuals=[Observation(fy, actual) for fy, actual in zip(years, (9, 10, 7), strict=True)],
    )
    # B, A, C: the middle year is best, yet the last is worse than the first.
    assert trend(Measure("5", "m", indicators=[peaked]), SCHEME, years) is Trend.WORSENING
    both = Measure("4", "m", indicators=[rising, FULL])
    # Options go on to each year's grade: FY2015 is C by the worst grade, B by the mean (85%); FY2017 is B.
    assert trend(both, SCHEME, [FY2015, FiscalYear(2017)]) is Trend.IMPROVING
    assert trend(both, SCHEME, [FY2015, FiscalYear(2017)], combine="mean") is Trend.STEADY


# --- "otherwise" beside bands that overlap ------------------------------------------------


def problems(*grades: tuple[str, list[str]]) -> tuple[tuple[str, str], ...]:
    with pytest.raises(ValidationError) as caught:
        scheme(*grades)
    return caught.value.problems


def test_otherwise_fills_below_the_lowest_band_up_to_its_bound() -> None:
    # Built here, not at collection, so that the mutation run sees the filling.
    legend = scheme(("A", [">= 100%"]), ("B", ["80%以上100%未満"]), ("C", ["60%超80%未満"]), ("D", ["otherwise"]))
    band, grade = legend.band_of(Fraction(0))
    assert (band.bounds, grade.label) == ((None, False, Fraction(3, 5), True), "D")
    above = scheme(("A", ["otherwise"]), ("B", ["< 50%"])).band_of(Fraction(1))[0]
    assert above.bounds == (Fraction(1, 2), True, None, False)
    alone = scheme(("A", ["otherwise"])).band_of(Fraction(1))[0]
    assert alone.bounds == (None, False, None, False)


def test_every_band_open_above_is_checked_against_the_next() -> None:
    found = problems(("A", [">= 90%"]), ("B", [">= 80%"]), ("C", [">= 50%"]), ("D", ["otherwise"]))
    assert found == (
        ("grades", "the bands >= 50% (C) and >= 80% (B) overlap"),
        ("grades", "the bands >= 80% (B) and >= 90% (A) overlap"),
    )


def test_two_otherwise_grades_are_refused_and_the_other_bands_still_checked() -> None:
    assert problems(("A", [">= 100%"]), ("B", ["< 50%"]), ("C", ["otherwise"]), ("D", ["otherwise"])) == (
        ("grades", "C and D both say 'otherwise'"),
        ("grades", "no grade covers rates from 50% (included) to 100% (excluded)"),
    )


def test_otherwise_beside_overlapping_bands_has_nothing_left_to_fill() -> None:
    assert problems(("A", ["> 90%"]), ("B", ["< 100%"]), ("C", ["otherwise"])) == (
        ("grades", "the grade 'C' says 'otherwise', but every rate has a grade already"),
        ("grades", "the bands < 100% (B) and > 90% (A) overlap"),
    )
    # 50% itself is C's; B stops short of it and A starts above it, yet nothing is left for D.
    found = problems(("A", ["> 50%"]), ("B", ["40%以上50%未満"]), ("C", ["<= 50%"]), ("D", ["otherwise"]))
    assert ("grades", "the grade 'D' says 'otherwise', but every rate has a grade already") in found
    assert ("grades", "the bands <= 50% (C) and 40% <= rate < 50% (B) overlap") in found


def test_a_band_nested_in_another_is_refused_for_the_overlap_not_for_a_gap() -> None:
    found = problems(("A", [">= 100%"]), ("B", ["40%以上50%以下"]), ("C", ["< 100%"]), ("D", ["otherwise"]))
    assert ("grades", "the bands < 100% (C) and 40% <= rate <= 50% (B) overlap") in found
    # C (below 100%) covers every rate from 50% to 100%.
    assert ("grades", "no grade covers rates from 50% (excluded) to 100% (excluded)") not in found


def test_a_legend_names_the_field_of_an_unknown_basis_or_status_and_lists_every_unknown_grade() -> None:
    basis = refusal(lambda: GradingScheme("g", [Grade("A", bands=["otherwise"])], basis="speed"))
    assert basis[0].startswith("basis: 'speed' is not a Basis; expected one of 達成率 (achievement)")
    assert basis[1].startswith("basis: 'speed' は使えない。")
    # Statuses are an open vocabulary: any word is one, but not an empty one.
    status = refusal(lambda: GradingScheme("g", [Grade("A", bands=["otherwise"])], by_status={" ": "A"}))
    assert status == ("by_status: a progress status is a word, not ' '", "by_status: 進捗状況は語（' ' ではない）")
    unknown = refusal(
        lambda: GradingScheme("g", [Grade("A", bands=["otherwise"])], when_no_target="Z", by_status={"behind": "Y"})
    )
    assert unknown == (
        "grades: 'Y', 'Z' is used but not a grade of the scheme",
        "grades: 'Y'、'Z' が使われているが、この基準の評価ではない",
    )


def test_the_rank_of_a_label_not_in_the_legend_is_refused_with_the_label() -> None:
    assert (SCHEME.rank("A"), SCHEME.rank("D")) == (0, 3)
    with pytest.raises(KeyError) as caught:
        SCHEME.rank("Z")
    assert caught.value.args == ("Z",)
