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

from kyodo import FiscalYear, Indicator, Measure, Observation, Target, ValidationError
from kyodo.evaluations import ProgressStatus
from kyodo.grading import Band, Grade, GradingScheme, Trend, grade_measure, trend

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
