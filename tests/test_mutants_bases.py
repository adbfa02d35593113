"""Facts about the grading bases, each a thing a mutant of kyodo.bases or of the new grading paths would break.

Every basis reads the figures its formula names, refuses what it cannot read with a reason in both
languages, says which figure it lacks, and writes itself back to the form files give it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from kyodo import FiscalYear, Grade, GradingScheme, Indicator, Observation, Target, ValidationError
from kyodo.bases import (
    Achievement,
    Actual,
    Change,
    Figures,
    FigureUnit,
    Pace,
    Progress,
    Reading,
    Score,
    Unread,
    basis_from_data,
    basis_to_data,
)
from kyodo.grading import Band, Case, Condition, Points, TwoAxis
from kyodo.indicators import Direction

BASE, MID, YEAR, FINAL = FiscalYear(2015), FiscalYear(2017), FiscalYear(2019), FiscalYear(2020)


def make(
    actual: str | None = "110",
    *,
    baseline: str | None = "100",
    targets: dict[FiscalYear, str] | None = None,
    unit: str = "人",
    direction: str = "increase",
    at: FiscalYear = YEAR,
) -> Indicator:
    chosen = {MID: "105", YEAR: "115", FINAL: "120"} if targets is None else targets
    return Indicator(
        "指標",
        unit,
        direction,
        baseline=None if baseline is None else Observation(BASE, Decimal(baseline)),
        targets=[Target(fy, Decimal(value)) for fy, value in chosen.items()],
        actuals=[] if actual is None else [Observation(at, Decimal(actual))],
    )


def reading(result: Reading | Unread) -> Reading:
    assert isinstance(result, Reading), result
    return result


def unread(result: Reading | Unread) -> Unread:
    assert isinstance(result, Unread), result
    return result


# --- names, labels, units -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("basis", "value", "label", "label_en", "unit", "higher"),
    [
        (Achievement(), "achievement", "達成率", "achievement", FigureUnit.PERCENT, True),
        (Progress(), "progress", "進捗率", "progress", FigureUnit.PERCENT, True),
        (Pace(), "pace", "計画ペース比", "pace", FigureUnit.PERCENT, True),
        (Change(), "change", "基準値からの変化", "change from the baseline", FigureUnit.POINTS, True),
        (Change("percent"), "change", "基準値からの変化", "change from the baseline", FigureUnit.PERCENT, True),
        (Actual(), "actual", "実績値", "actual value", FigureUnit.VALUE, True),
        (Actual("lower"), "actual", "実績値", "actual value", FigureUnit.VALUE, False),
        (Score(), "score", "合計点", "total score", FigureUnit.SCORE, True),
    ],
)
def test_each_basis_names_itself_and_its_unit(
    basis: object, value: str, label: str, label_en: str, unit: FigureUnit, higher: bool
) -> None:
    assert (basis.value, basis.label, basis.label_en, basis.unit, basis.higher_is_better) == (  # type: ignore[attr-defined]
        value,
        label,
        label_en,
        unit,
        higher,
    )


@pytest.mark.parametrize(
    ("make_it", "path", "english", "japanese"),
    [
        (
            lambda: Progress("later"),
            "toward",
            "'later' is not a target progress is measured toward; expected year, next or final",
            "'later' は進捗を測る目標ではない。year（その年度）、next（次の目標）、final（最終目標）のいずれか",
        ),
        (
            lambda: Pace("straight"),
            "path",
            "'straight' is not a path to the final target; expected linear or cumulative",
            "'straight' は最終目標への道筋ではない。linear（基準値から直線）か cumulative（目標の k/n）",
        ),
        (
            lambda: Change("score"),
            "unit",
            "a change is measured in points or percent, not score",
            "変化はポイントか % で測る（点 ではない）",
        ),
        (
            lambda: Actual("better"),
            "better",
            "'better' does not say which way is better; expected higher or lower",
            "'better' ではどちらが良いか分からない。higher（高いほど良い）か lower（低いほど良い）",
        ),
    ],
)
def test_a_bad_parameter_is_refused_in_both_languages(make_it: object, path: str, english: str, japanese: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make_it()  # type: ignore[operator]
    assert caught.value.problems == ((path, english),)
    assert caught.value.problems_ja == ((path, japanese),)


# --- reading figures --------------------------------------------------------------------------------------


def test_achievement_reads_the_target_toward_the_year_the_next_or_the_final() -> None:
    indicator = make("110")
    assert reading(Achievement().read(indicator, YEAR)).value == Fraction(110, 115)
    assert reading(Achievement("final").read(indicator, YEAR)).value == Fraction(110, 120)
    between = make("110", at=FiscalYear(2018))
    assert reading(Achievement("next").read(between, FiscalYear(2018))).value == Fraction(110, 115)
    # The next target at or after the year: the year's own where it has one.
    assert reading(Achievement("next").read(indicator, YEAR)).value == Fraction(110, 115)
    assert unread(Achievement().read(between, FiscalYear(2018))) == Unread("no_target", Decimal(110))
    past = make("110", at=FiscalYear(2021))
    assert unread(Achievement("next").read(past, FiscalYear(2021))).how == "no_target"


def test_achievement_says_which_figure_is_missing() -> None:
    assert unread(Achievement().read(make(None), YEAR)) == Unread("no_actual", None, Decimal(115))
    zero = make("3", targets={YEAR: "0"})
    missing = unread(Achievement().read(zero, YEAR))
    assert (missing.how, missing.actual, missing.target) == ("undefined", Decimal(3), Decimal(0))
    assert missing.why is not None
    assert missing.why[0].endswith("a ratio needs a target above 0")


def test_achievement_figures_are_those_the_formula_used() -> None:
    up = reading(Achievement().read(make("110"), YEAR))
    assert (up.en, up.ja, up.figures) == (
        " (110 / 115)",
        " (110 / 115)",
        (("actual", Decimal(110)), ("target", Decimal(115)), ("direction", "increase")),
    )
    down = reading(Achievement().read(make("120", direction="decrease"), YEAR))
    assert (down.value, down.en) == (Fraction(115, 120), " (115 / 120)")
    kept = reading(Achievement().read(make("110", direction="at_most"), YEAR))
    assert (kept.value, kept.en) == (Fraction(1), " (110 ≤ 115)")
    both_zero = reading(Achievement().read(make("0", targets={YEAR: "0"}, direction="decrease"), YEAR))
    assert (both_zero.value, both_zero.en) == (Fraction(1), " (0 = 0)")


def test_progress_reads_from_the_baseline_and_needs_it() -> None:
    result = reading(Progress().read(make("110"), YEAR))
    assert (result.value, result.en) == (Fraction(10, 15), " ((110 − 100) / (115 − 100))")
    assert result.figures == (("actual", Decimal(110)), ("baseline", Decimal(100)), ("target", Decimal(115)))
    assert reading(Progress("final").read(make("110"), YEAR)).value == Fraction(10, 20)
    assert unread(Progress().read(make("110", baseline=None), YEAR)) == Unread(
        "no_baseline", Decimal(110), Decimal(115)
    )
    assert unread(Progress().read(make(None), YEAR)) == Unread("no_actual", None, Decimal(115))
    flat = unread(Progress().read(make("110", targets={YEAR: "100"}), YEAR))
    assert flat.how == "undefined"


def test_linear_pace_divides_progress_by_the_share_of_years() -> None:
    # 4 of the 5 years from FY2015 to FY2020: the path to 120 stands at 116.
    result = reading(Pace().read(make("116"), YEAR))
    assert result.value == 1
    assert result.en == " (progress (116 − 100) / (120 − 100) after 4 of 5 years)"
    assert result.ja == " (進捗 (116 − 100) / (120 − 100)、5年のうち4年経過)"
    assert dict(result.figures)["elapsed"] == Fraction(4, 5)
    assert unread(Pace().read(make("116", baseline=None), YEAR)).how == "no_baseline"
    assert unread(Pace().read(make("116", at=BASE), BASE)).how == "no_baseline"
    assert unread(Pace().read(make(None), YEAR)) == Unread("no_actual", None, Decimal(120))
    assert unread(Pace().read(make("116", targets={}), YEAR)) == Unread("no_target", Decimal(116))


def test_cumulative_pace_compares_with_k_over_n_of_the_target() -> None:
    result = reading(Pace("cumulative").read(make("96"), YEAR))
    assert (result.value, result.en) == (Fraction(1), " (96 / (120 × 4/5))")
    down = reading(Pace("cumulative").read(make("120", direction="decrease"), YEAR))
    assert (down.value, down.en) == (Fraction(96, 120), " ((120 × 4/5) / 120)")
    # The baseline's value is not needed, only its year.
    figures = Figures(Decimal(96), Decimal(120), Direction.INCREASE, None, (4, 5))
    assert reading(Pace("cumulative").from_figures(figures)).value == 1
    assert Pace().from_figures(figures) is None


def test_pace_refuses_elapsed_years_of_zero_or_less() -> None:
    for elapsed in ((0, 5), (4, 0), (-1, 5)):
        figures = Figures(Decimal(116), Decimal(120), Direction.INCREASE, Decimal(100), elapsed)
        with pytest.raises(ValidationError) as caught:
            Pace().from_figures(figures)
        assert caught.value.problems[0][0] == "elapsed"
        assert f"not {elapsed[0]} of {elapsed[1]}" in caught.value.problems[0][1]
    assert Pace().from_figures(Figures(Decimal(116), Decimal(120), elapsed=None)) is None


def test_change_counts_a_fall_as_a_gain_where_less_is_better() -> None:
    up = reading(Change().read(make("97.5", unit="%"), YEAR))
    assert (up.value, up.unit, up.en, up.per) == (Fraction(-5, 2), FigureUnit.POINTS, " (97.5 − 100)", None)
    down = reading(Change().read(make("97.5", unit="%", direction="decrease"), YEAR))
    assert (down.value, down.en) == (Fraction(5, 2), " (100 − 97.5)")
    counted = reading(Change().read(make("107"), YEAR))
    assert counted.per == "人"
    share = reading(Change("percent").read(make("110"), YEAR))
    assert (share.value, share.unit, share.en) == (Fraction(1, 10), FigureUnit.PERCENT, " ((110 − 100) / 100)")
    for baseline in ("0", "-5"):
        missing = unread(Change("percent").read(make("3", baseline=baseline), YEAR))
        assert missing.how == "undefined"
        assert missing.why is not None
        assert missing.why[0].endswith("it needs a baseline above 0")
    assert unread(Change().read(make("3", baseline=None), YEAR)) == Unread("no_baseline", Decimal(3), Decimal(115))
    assert unread(Change().read(make(None), YEAR)) == Unread("no_actual", None, Decimal(115))


def test_the_actual_and_a_score_read_as_they_are() -> None:
    counted = reading(Actual().read(make("7"), YEAR))
    assert (counted.value, counted.unit, counted.per, counted.figures) == (
        Fraction(7),
        FigureUnit.VALUE,
        "人",
        (("actual", Decimal(7)),),
    )
    assert reading(Actual().read(make("7", unit="%"), YEAR)).per is None
    assert unread(Actual().read(make(None), YEAR)) == Unread("no_actual", None, Decimal(115))
    assert reading(Actual().from_figures(Figures(Decimal(3)))).value == 3
    assert Actual().from_figures(Figures()) is None
    assert unread(Score().read(make("7"), YEAR)).how == "undefined"
    assert Score().from_figures(Figures(Decimal(3))) is None


# --- file forms ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "basis"),
    [
        ("achievement", Achievement()),
        ({"kind": "achievement", "toward": "final"}, Achievement("final")),
        ({"kind": "progress", "toward": "next"}, Progress("next")),
        ({"kind": "pace", "path": "cumulative"}, Pace("cumulative")),
        ({"kind": "change", "unit": "percent"}, Change("percent")),
        ({"kind": "actual", "better": "lower"}, Actual("lower")),
        ("score", Score()),
    ],
)
def test_bases_read_and_write_their_file_form(data: object, basis: object) -> None:
    assert basis_from_data(data) == basis
    assert basis_to_data(basis) == data  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        (
            {"toward": "final"},
            "",
            "a basis table needs a kind, one of achievement, progress, pace, change, actual, score",
        ),
        (
            3,
            "",
            "a basis is a name (achievement, progress, pace, change, actual, score) or a table with a kind, not int",
        ),
        ("ratio", "", "'ratio' is not a basis; expected one of achievement, progress, pace, change, actual, score"),
        ({"kind": "pace", "unit": "points"}, "unit", "the basis pace takes path"),
        ({"kind": "score", "unit": "points"}, "unit", "the basis score takes no parameters"),
        (
            {"kind": "pace", "path": "bent"},
            "path",
            "'bent' is not a path to the final target; expected linear or cumulative",
        ),
    ],
)
def test_a_bad_basis_in_a_file_says_where_and_why(data: object, path: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        basis_from_data(data)
    assert caught.value.problems == ((path, message),)
    with pytest.raises(ValidationError) as nested:
        basis_from_data(data, "grades[0].when[1].basis")
    assert nested.value.problems[0][0] == (f"grades[0].when[1].basis.{path}" if path else "grades[0].when[1].basis")


# --- conditions, cases, points, two axes ----------------------------------------------------------------


def test_a_condition_reads_its_bands_in_its_basis_unit_and_needs_one() -> None:
    assert Condition(Change(), ["-3超"]).bands == (Band(Fraction(-3), False, None, False, "points"),)
    with pytest.raises(ValidationError) as caught:
        Condition(Change(), [])
    assert caught.value.problems == (("bands", "a condition needs at least one band"),)
    with pytest.raises(ValidationError) as wrong:
        Condition(Change(), [Band.parse("10%以上")])
    assert wrong.value.problems == (
        ("bands", "the band >= 10% is in percent, but change from the baseline is measured in points"),
    )


def test_a_case_applies_to_its_target_and_unit_only() -> None:
    scheme = GradingScheme("x", [Grade("A", bands=["otherwise"])])
    case = Case(Decimal(100), scheme, "%")
    assert case.applies(make("99", targets={YEAR: "100"}, unit="%"), YEAR)
    assert not case.applies(make("99", targets={YEAR: "100"}, unit="人"), YEAR)
    assert not case.applies(make("99", targets={YEAR: "90"}, unit="%"), YEAR)
    assert not case.applies(make("99", targets={}, unit="%"), YEAR)
    assert Case(Decimal(100), scheme).applies(make("99", targets={YEAR: "100"}, unit="人"), YEAR)


def test_points_count_labels_as_numbers_unless_told_and_say_what_is_missing() -> None:
    total = GradingScheme("t", [Grade("I", bands=["10点以上"]), Grade("II", bands=["otherwise"])], basis="score")
    assert Points(total).of("7") == 7
    assert Points(total, {"A": 3}).of("A") == 3
    assert Points(total, {"A": "1/2"}).of("A") == Fraction(1, 2)
    with pytest.raises(ValidationError) as caught:
        Points(total).of("A")
    assert caught.value.problems == (("points", "no points are given for the grade 'A'"),)
    with pytest.raises(ValidationError) as bad:
        Points(total, {"A": "many"})
    assert bad.value.problems == (("points['A']", "'many' is not a number of points"),)
    with pytest.raises(ValidationError, match="float"):
        Points(total, {"A": 0.5})  # type: ignore[dict-item]


def test_a_two_axis_legend_refuses_a_pair_listed_twice() -> None:
    first = GradingScheme("f", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
    second = GradingScheme("s", [Grade("a", bands=[">= 100%"]), Grade("b", bands=["otherwise"])])
    cells = [("A", "a", "1"), ("A", "b", "2"), ("B", "a", "2"), ("B", "b", "3"), ("B", "b", "4")]
    with pytest.raises(ValidationError) as caught:
        TwoAxis("twice", first, second, cells)
    assert caught.value.problems == (("matrix", "a pair is listed twice"),)
    legend = TwoAxis("joined", first, second)
    assert legend.label("A", None) is None
    assert legend.label(None, "a") is None
    assert legend.label("B", "a") == "Ba"
    assert legend.rank("Ab") == 1


# --- sentences in every unit and either direction -------------------------------------------------------


def test_where_lower_is_better_the_sentence_names_upper_bounds() -> None:
    lower = GradingScheme(
        "待機児童数",
        [
            Grade("A", bands=[Band.parse("0以下", "value")]),
            Grade("B", bands=[Band.parse("0超5未満", "value")]),
            Grade("C", bands=[Band.parse("5以上", "value")]),
        ],
        basis=Actual("lower"),
    )
    assert lower.grade(3).explanation.text("en") == (
        "B: actual value 3.0 is above 0.0, the upper bound of A, and below 5.0, the upper bound of B"
    )
    assert lower.grade(3).explanation.text("ja") == "B: 実績値 3.0 は A の上限 0.0 を超える、B の上限 5.0 未満"
    assert lower.grade(5).explanation.text("en") == "C: actual value 5.0 is not below 5.0, the upper bound of B"
    assert lower.grade(5).explanation.text("ja") == "C: 実績値 5.0 は B の上限 5.0 を下回らない"
    assert lower.grade(0).explanation.text("en") == "A: actual value 0.0 is at or below 0.0, the upper bound of A"
    assert lower.grade(0).explanation.text("ja") == "A: 実績値 0.0 は A の上限 0.0 以下"


def test_scores_and_points_carry_their_unit_in_each_language() -> None:
    totals = GradingScheme("t", [Grade("I", bands=["16点以上"]), Grade("II", bands=["otherwise"])], basis="score")
    assert totals.grade(15).explanation.text("en") == "II: total score 15.0 pt is below 16.0 pt, the lower bound of I"
    assert totals.grade(15).explanation.text("ja") == "II: 合計点 15.0点 は I の下限 16.0点 に届かない"
    points = GradingScheme("p", [Grade("up", bands=["0pt超"]), Grade("flat", bands=["otherwise"])], basis=Change())
    assert points.grade(Fraction(-1, 20)).explanation.text("en") == (
        "flat: change from the baseline -0.1 points is not above 0.0 points, the lower bound of up"
    )
    assert points.grade(Fraction(-1, 20)).explanation.text("ja") == (
        "flat: 基準値からの変化 -0.1ポイント は up の下限 0.0ポイント を超えない"
    )


def test_a_figure_that_reads_like_its_bound_gains_decimals_until_it_does_not() -> None:
    points = GradingScheme("p", [Grade("up", bands=["3pt以上"]), Grade("flat", bands=["otherwise"])], basis=Change())
    assert points.grade(Fraction(2999, 1000)).explanation.text("en") == (
        "flat: change from the baseline 2.999 points is below 3.000 points, the lower bound of up"
    )
    assert points.grade(Fraction(-2999, 1000)).explanation.text("en") == (
        "flat: change from the baseline -3.0 points is below 3.0 points, the lower bound of up"
    )
    thirds = points.grade(Fraction(3 * 10**7 - 1, 10**7))
    assert thirds.explanation.text("en") == (
        "flat: change from the baseline 2.9999999 points is below 3 points, the lower bound of up"
    )


def test_several_bases_need_every_basis_a_better_grade_tests() -> None:
    legend = GradingScheme(
        "two",
        [
            Grade("A", bands=["100%以上"]),
            Grade("B", when=[Condition(Change(), ["0以上"])]),
            Grade("C", bands=["otherwise"]),
        ],
        when_no_figure="C",
    )
    assert legend.several_bases
    # No target: A cannot be tested, so what is left is not known; a year without a target is not a
    # missing figure (when_no_figure), but a year the scheme's when_no_target would grade.
    result = legend.grade_indicator(make("90", targets={}), YEAR)
    assert (result.label, result.how) == (None, "no_target")
    no_actual = legend.grade_indicator(make(None), YEAR)
    assert (no_actual.label, no_actual.how) == ("C", "no_actual")
    met_by_change = legend.grade_indicator(make("105", targets={}), YEAR)
    assert (met_by_change.label, met_by_change.graded_basis) == ("B", Change())
    assert legend.grade_indicator(make("90"), YEAR).label == "C"
    with pytest.raises(ValidationError) as caught:
        legend.band_of(Fraction(1))
    assert caught.value.problems_ja == (
        (
            "rate",
            "two は複数の基準で評価するため、一つの率だけでは評価できない。指標を評価する（grade_indicator）",
        ),
    )


# --- a grade keeps the figures its basis read --------------------------------------------------------


@pytest.mark.parametrize(
    ("basis", "indicator", "figures"),
    [
        (Achievement(), make("110"), (Decimal(110), Decimal(115), Direction.INCREASE, None, None)),
        (
            Achievement(),
            make("120", direction="decrease"),
            (Decimal(120), Decimal(115), Direction.DECREASE, None, None),
        ),
        (Progress(), make("110"), (Decimal(110), Decimal(115), None, Decimal(100), None)),
        (Pace(), make("116"), (Decimal(116), Decimal(120), None, Decimal(100), (4, 5))),
        (Pace("cumulative"), make("96"), (Decimal(96), Decimal(120), Direction.INCREASE, None, (4, 5))),
        (Change(), make("97"), (Decimal(97), None, Direction.INCREASE, Decimal(100), None)),
        (Actual(), make("7"), (Decimal(7), None, None, None, None)),
    ],
)
def test_a_grade_keeps_the_figures_its_basis_read(basis: object, indicator: Indicator, figures: tuple) -> None:
    legend = GradingScheme(
        "two",
        [Grade("A", bands=[Band(Fraction(10**6), True, None, False, basis.unit)]), Grade("B", bands=["otherwise"])],  # type: ignore[attr-defined]
        basis=basis,  # type: ignore[arg-type]
    )
    result = legend.grade_indicator(indicator, YEAR)
    assert result.label == "B"
    assert (result.actual, result.target, result.direction, result.baseline, result.elapsed) == figures
    assert result.reading is not None
    assert result.rate == result.reading.value


def test_what_is_left_is_decided_on_the_scheme_s_basis_or_the_first_basis_read() -> None:
    only_conditions = GradingScheme(
        "conditions",
        [
            Grade("up", when=[Condition(Change(), ["0超"])]),
            Grade("rest", bands=["otherwise"]),
        ],
    )
    # The scheme's own basis (achievement) has no target this year; the change decides what is left.
    fallen = only_conditions.grade_indicator(make("95", targets={}), YEAR)
    assert (fallen.label, fallen.graded_basis, fallen.rate) == ("rest", Change(), Fraction(-5))
    assert fallen.explanation.fact("readings") == {"change": Fraction(-5)}
    with_target = only_conditions.grade_indicator(make("95"), YEAR)
    assert (with_target.label, with_target.graded_basis, with_target.rate) == ("rest", Achievement(), Fraction(95, 115))
    assert with_target.explanation.fact("readings") == {"change": Fraction(-5), "achievement": Fraction(95, 115)}


def test_refusals_of_combinations_name_their_field() -> None:
    from kyodo import Measure, grade_measure, preset

    with pytest.raises(ValidationError) as caught:
        Points(preset("osaka-pref-library-2016"))
    assert caught.value.problems == (("total", "the total is graded on the score basis, not achievement"),)
    assert caught.value.problems_ja == (("total", "合計は合計点の基準で評価する（達成率 ではない）"),)
    measure = Measure("1", "m", indicators=[make("110")])
    with pytest.raises(ValidationError) as mixed:
        grade_measure(measure, YEAR, preset("nagayo-2019"), combine="mean")
    assert mixed.value.problems[0][0] == "combine"
    first = GradingScheme("f", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
    second = GradingScheme("s", [Grade("a", bands=[">= 100%"]), Grade("b", bands=["otherwise"])])
    with pytest.raises(ValidationError) as missing:
        TwoAxis("half", first, second, [("A", "a", "1"), ("A", "b", "2")])
    assert missing.value.problems == (("matrix", "no grade is given for Ba, Bb"),)
    assert missing.value.problems_ja == (("matrix", "Ba, Bb の評価が与えられていない"),)
    with pytest.raises(ValidationError) as stray:
        TwoAxis("stray", first, second, [(a, b, "x") for a in "AB" for b in "ab"] + [("C", "a", "x")])
    assert stray.value.problems == (("matrix", "('C', 'a') is not a pair of the axes' grades"),)


def test_a_grade_without_a_rate_keeps_the_figures_it_had() -> None:
    from kyodo import Measure, ProgressCheck, grade_measure

    legend = GradingScheme(
        "status", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])], by_status={"順調": "A"}
    )
    assert legend._without_rate(None, "no_target", Decimal(3), Decimal(4)).target == Decimal(4)
    by_status = legend._without_rate(ProgressCheck(YEAR, 1, "順調").status, "no_target", Decimal(3), Decimal(4))
    assert (by_status.label, by_status.actual, by_status.target) == ("A", Decimal(3), Decimal(4))
    fallback = GradingScheme("n", legend.grades, when_no_target="B")._without_rate(None, "no_target", None, Decimal(4))
    assert (fallback.label, fallback.target) == ("B", Decimal(4))
    checked = Measure("1", "m", progress_checks=[ProgressCheck(YEAR, 1, "順調")])
    assert grade_measure(checked, YEAR, legend).computed.label == "A"


def test_a_trend_compares_the_first_and_the_last_graded_year_of_several() -> None:
    from kyodo import Measure, Trend, trend

    years = [FiscalYear(2016), FiscalYear(2017), FiscalYear(2018)]
    figures = Indicator(
        "指標",
        "件",
        targets=[Target(fy, 100) for fy in years],
        actuals=[Observation(years[0], 50), Observation(years[1], 120), Observation(years[2], 40)],
    )
    legend = GradingScheme("t", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
    # B, A, B: the first and the last are alike, though the middle year was better.
    assert trend(Measure("1", "m", indicators=[figures]), legend, years) is Trend.STEADY


def test_a_trend_worsens_when_only_the_last_year_falls() -> None:
    from kyodo import Measure, Trend, trend

    years = [FiscalYear(2016), FiscalYear(2017), FiscalYear(2018)]
    figures = Indicator(
        "指標",
        "件",
        targets=[Target(fy, 100) for fy in years],
        actuals=[Observation(years[0], 120), Observation(years[1], 120), Observation(years[2], 40)],
    )
    legend = GradingScheme("t", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
    assert trend(Measure("1", "m", indicators=[figures]), legend, years) is Trend.WORSENING


# --- from the survivors of the bases module's run --------------------------------------------------------


@pytest.mark.parametrize("unit", ["%", "％", "パーセント", "ポイント", " % "])
def test_a_change_of_a_percentage_is_in_points_with_no_unit_of_its_own(unit: str) -> None:
    assert reading(Change().read(make("103", unit=unit), YEAR)).per is None
    assert reading(Actual().read(make("103", unit=unit), YEAR)).per is None


def test_progress_without_a_target_and_its_figures_one_by_one() -> None:
    assert unread(Progress().read(make("110", targets={}), YEAR)) == Unread("no_target", Decimal(110))
    assert unread(Progress("next").read(make("110", at=FiscalYear(2021)), FiscalYear(2021))) == Unread(
        "no_target", Decimal(110)
    )
    assert Progress().from_figures(Figures(actual=Decimal(110), baseline=Decimal(100))) is None
    assert Progress().from_figures(Figures(target=Decimal(115), baseline=Decimal(100))) is None
    assert Progress().from_figures(Figures(actual=Decimal(110), target=Decimal(115))) is None
    flat = unread(Progress().from_figures(Figures(Decimal(110), Decimal(100), baseline=Decimal(100))))
    assert (flat.how, flat.actual, flat.target) == ("undefined", Decimal(110), Decimal(100))


def test_a_change_given_figure_by_figure() -> None:
    given = reading(Change().from_figures(Figures(Decimal(97), baseline=Decimal(100))))
    assert (given.value, given.en) == (Fraction(-3), " (97 − 100)")
    fallen = reading(Change().from_figures(Figures(Decimal(97), baseline=Decimal(100), direction=Direction.DECREASE)))
    assert (fallen.value, fallen.en) == (Fraction(3), " (100 − 97)")
    assert Change().from_figures(Figures(Decimal(97))) is None
    assert Change().from_figures(Figures(baseline=Decimal(100))) is None
    # A baseline of 1 is above 0: a change in percent has a value.
    assert reading(Change("percent").read(make("3", baseline="1"), YEAR)).value == 2
    undefined = unread(Change("percent").read(make("3", baseline="0"), YEAR))
    assert (undefined.actual, undefined.target) == (Decimal(3), None)
    with pytest.raises(ValidationError) as caught:
        Change("meters")
    assert caught.value.problems[0][0] == "unit"


def test_the_actual_given_alone_and_why_a_score_is_not_read() -> None:
    assert Actual().from_figures(Figures(Decimal(3))) == Reading(
        Fraction(3), FigureUnit.VALUE, (("actual", Decimal(3)),)
    )
    assert unread(Score().read(make("7"), YEAR)).why == (
        "a score is summed from the indicators' grades, not read from one",
        "合計点は指標の評価から合計するもので、一つの指標からは読めない",
    )


def test_a_rate_graded_with_its_figures_keeps_them() -> None:
    legend = GradingScheme("x", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
    given = legend.grade(Fraction(727, 729), actual=Decimal(729), target=Decimal(727), direction="decrease")
    assert (given.actual, given.target, given.direction, given.baseline) == (
        Decimal(729),
        Decimal(727),
        Direction.DECREASE,
        None,
    )
    progress = GradingScheme("p", legend.grades, basis="progress").grade(
        Fraction(1, 2), actual=Decimal(110), target=Decimal(120), baseline=Decimal(100)
    )
    assert (progress.actual, progress.target, progress.baseline) == (Decimal(110), Decimal(120), Decimal(100))
    alone = legend.grade(Fraction(1, 2))
    assert (alone.actual, alone.target, alone.direction, alone.baseline, alone.reading) == (None,) * 5
    facts = dict(alone.explanation.facts)
    assert (facts["actual"], facts["target"]) == (None, None)


def test_a_legend_of_one_grade_says_the_figure_is_in_its_band() -> None:
    single = GradingScheme("one", [Grade("○", bands=["otherwise"])])
    assert single.grade(Fraction(1, 2)).explanation.text("en") == "○: achievement 50.0% is in the band of ○ (otherwise)"
    assert single.grade(Fraction(1, 2)).explanation.text("ja") == "○: 達成率 50.0% は ○ の範囲 (otherwise)"


def test_bands_in_points_read_back_in_japanese_in_a_refusal() -> None:
    with pytest.raises(ValidationError) as caught:
        GradingScheme(
            "overlap",
            [Grade("A", bands=[Band.parse("3超", "points")]), Grade("B", bands=[Band.parse("5以下", "points")])],
            basis=Change(),
        )
    assert caught.value.problems_ja == (("grades", "区分 5pt以下（B）と 3pt超（A）が重なる"),)
    assert caught.value.problems == (("grades", "the bands <= 5pt (B) and > 3pt (A) overlap"),)
    with pytest.raises(ValidationError) as wrong:
        GradingScheme(
            "upside down",
            [Grade("A", bands=[Band.parse("1以上", "value")]), Grade("D", bands=[Band.parse("1未満", "value")])],
            basis=Actual("lower"),
        )
    assert wrong.value.problems == (
        (
            "grades",
            "D is given to lower figures (< 1) than A (>= 1), but is listed as a worse grade;"
            " where lower is better, list the grades of lower figures first",
        ),
    )
    assert wrong.value.problems_ja == (
        (
            "grades",
            "D（1未満）は A（1以上）より低い数値に与えられるのに、悪い評価として並んでいる。"
            "低いほど良い基準では低い数値の評価を先に並べる",
        ),
    )


def test_two_axes_pass_their_options_on_and_keep_the_reason_only_where_the_grades_differ() -> None:
    from kyodo import Evaluation, Measure, grade_two_axes

    first = GradingScheme("f", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
    second = GradingScheme("s", [Grade("a", bands=[">= 100%"]), Grade("b", bands=["otherwise"])])
    legend = TwoAxis("two", first, second)
    measure = Measure(
        "1",
        "m",
        indicators=[
            Indicator("上", "件", targets=[Target(YEAR, 100)], actuals=[Observation(YEAR, 120)]),
            Indicator("下", "件", targets=[Target(YEAR, 100)], actuals=[Observation(YEAR, 50)]),
        ],
        evaluations=[Evaluation("annual", YEAR, grade="Bb", assessment="委員会の判断")],
    )
    worst = grade_two_axes(measure, YEAR, legend)
    assert (worst.label, worst.measure, worst.fy, worst.reason) == ("Bb", measure, YEAR, None)
    best = grade_two_axes(measure, YEAR, legend, combine="best")
    assert (best.label, best.differs, best.reason) == ("Aa", True, "委員会の判断")


def test_an_actual_of_zero_where_less_is_better_has_no_rate() -> None:
    zero = unread(Achievement().read(make("0", targets={YEAR: "5"}, direction="decrease"), YEAR))
    assert (zero.how, zero.actual, zero.target) == ("undefined", Decimal(0), Decimal(5))


def test_a_bad_basis_is_refused_in_japanese_with_its_choices() -> None:
    with pytest.raises(ValidationError) as number:
        basis_from_data(3)
    assert number.value.problems_ja == (
        ("", "基準は名前（achievement, progress, pace, change, actual, score）か kind を持つ表（int ではない）"),
    )
    with pytest.raises(ValidationError) as name:
        basis_from_data("ratio")
    assert name.value.problems_ja == (
        ("", "'ratio' は基準ではない（achievement、progress、pace、change、actual、score）"),
    )


def test_a_basis_given_a_parameter_it_does_not_take_says_which_it_takes_in_japanese() -> None:
    with pytest.raises(ValidationError) as pace:
        basis_from_data({"kind": "pace", "unit": "points"})
    assert pace.value.problems_ja == (("unit", "基準 pace が取るのは path"),)
    with pytest.raises(ValidationError) as score:
        basis_from_data({"kind": "score", "unit": "points"})
    assert score.value.problems_ja == (("unit", "基準 score が取るのは 名前だけ"),)


def test_a_bad_combination_or_condition_is_refused_with_its_field_in_both_languages() -> None:
    grades = [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])]
    with pytest.raises(ValidationError) as caught:
        GradingScheme("x", grades, combine="sideways")
    assert caught.value.problems[0][0] == "combine"
    assert "'sideways' is not a Combine" in caught.value.problems[0][1]
    with pytest.raises(ValidationError) as empty:
        Condition(Change(), [])
    assert empty.value.problems_ja == (("bands", "条件には区分が一つ以上必要"),)


def test_cumulative_pace_at_its_edges_from_an_indicator_and_figure_by_figure() -> None:
    half = reading(Pace("cumulative").read(make("48"), YEAR))
    assert (half.value, half.unit, half.ja, half.en) == (
        Fraction(1, 2),
        FigureUnit.PERCENT,
        " (48 / (120 × 4/5))",
        " (48 / (120 × 4/5))",
    )
    down = reading(Pace("cumulative").read(make("48", direction="decrease"), YEAR))
    assert down.value == 2
    kept = reading(Pace("cumulative").read(make("48", direction="at_most"), YEAR))
    assert kept.value == 1
    nothing = unread(Pace("cumulative").read(make("5", targets={FINAL: "0"}), YEAR))
    assert (nothing.how, nothing.actual, nothing.target) == ("undefined", Decimal(5), Decimal(0))
    assert nothing.why is not None
    zero_actual = unread(Pace("cumulative").read(make("0", direction="decrease"), YEAR))
    assert (zero_actual.how, zero_actual.actual, zero_actual.target) == ("undefined", Decimal(0), Decimal(120))
    given = Pace("cumulative").from_figures(Figures(Decimal(48), Decimal(120), Direction.DECREASE, None, (4, 5)))
    assert reading(given).value == 2
    zero_target = Pace("cumulative").from_figures(Figures(Decimal(5), Decimal(0), Direction.INCREASE, None, (4, 5)))
    assert unread(zero_target).how == "undefined"
    assert Pace().reading(Decimal(116), Decimal(120), None, (4, 5)) == Unread("no_baseline", Decimal(116), Decimal(120))


def test_a_pace_given_without_its_actual_or_target_has_no_reading() -> None:
    assert Pace("cumulative").from_figures(Figures(target=Decimal(120), elapsed=(4, 5))) is None
    assert Pace("cumulative").from_figures(Figures(actual=Decimal(96), elapsed=(4, 5))) is None
    assert Pace().from_figures(Figures(Decimal(116), Decimal(120), baseline=Decimal(100))) is None
