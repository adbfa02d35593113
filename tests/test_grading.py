"""Grading schemes: laws every valid scheme obeys, refusals of invalid ones, presets, and seed 000's grades."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kyodo
from kyodo import (
    Band,
    Combine,
    FiscalYear,
    Grade,
    GradingScheme,
    Indicator,
    Measure,
    Observation,
    ParseError,
    Target,
    Trend,
    ValidationError,
    grade_distribution,
    grade_measure,
    preset,
    preset_names,
    trend,
)

EXAMPLES = Path(__file__).parent.parent / "examples"
NIIGATA = EXAMPLES / "plans" / "niigata.toml"
NIIGATA_SCHEME = EXAMPLES / "schemes" / "niigata-sheet-reading.toml"

rates = st.fractions(min_value=-2, max_value=5, max_denominator=1000)


@st.composite
def schemes(draw: st.DrawFn) -> GradingScheme:
    """Valid schemes: distinct thresholds, each boundary closed on one side only, grades best first."""
    thresholds = sorted(
        draw(st.sets(st.fractions(min_value=-1, max_value=3, max_denominator=100), min_size=0, max_size=5))
    )
    closed_below = [draw(st.booleans()) for _ in thresholds]
    count = len(thresholds) + 1
    grades = []
    for index in range(count):
        # index 0 is the worst band (lowest rates); grades are listed best first.
        lower = thresholds[index - 1] if index > 0 else None
        upper = thresholds[index] if index < len(thresholds) else None
        band = Band(
            lower,
            closed_below[index - 1] if index > 0 else False,
            upper,
            not closed_below[index] if index < len(thresholds) else False,
        )
        grades.append(Grade(f"G{count - index}", bands=[band]))
    return GradingScheme("generated", list(reversed(grades)))


@given(schemes(), rates)
def test_every_rate_gets_exactly_one_grade(scheme: GradingScheme, rate: Fraction) -> None:
    containing = [grade.label for grade in scheme.grades for band in grade.bands if rate in band]
    assert len(containing) == 1
    assert scheme.grade_label(rate) == containing[0]


@given(schemes(), rates, rates)
def test_grading_is_monotone_in_the_rate(scheme: GradingScheme, first: Fraction, second: Fraction) -> None:
    low, high = sorted((first, second))
    assert scheme.rank(scheme.grade_label(high)) <= scheme.rank(scheme.grade_label(low))


@given(schemes(), rates)
def test_the_explanation_carries_the_result_s_figures(scheme: GradingScheme, rate: Fraction) -> None:
    result = scheme.grade(rate)
    explanation = result.explanation
    assert explanation.fact("rate") == result.rate == rate
    assert explanation.fact("grade") == result.label
    assert explanation.text("ja").startswith(f"{result.label}: ")
    assert explanation.text("en").startswith(f"{result.label}: ")
    assert explanation.fact("band") == str(result.band)


@given(schemes(), st.data())
def test_a_scheme_with_a_band_removed_is_refused(scheme: GradingScheme, data: st.DataObject) -> None:
    if len(scheme.grades) < 2:
        return
    index = data.draw(st.integers(0, len(scheme.grades) - 1))
    kept = [grade if i != index else Grade(grade.label) for i, grade in enumerate(scheme.grades)]
    with pytest.raises(ValidationError):
        GradingScheme("broken", kept)


@given(schemes(), st.data())
def test_a_scheme_listed_worst_first_is_refused(scheme: GradingScheme, data: st.DataObject) -> None:
    if len(scheme.grades) < 2:
        return
    with pytest.raises(ValidationError, match="list grades best first"):
        GradingScheme("reversed", list(reversed(scheme.grades)))


@given(schemes(), st.data())
def test_a_widened_band_overlaps_and_is_refused(scheme: GradingScheme, data: st.DataObject) -> None:
    bounded = [(i, grade) for i, grade in enumerate(scheme.grades) if grade.bands[0].lower is not None]
    if not bounded:
        return
    index, grade = data.draw(st.sampled_from(bounded))
    band = grade.bands[0]
    assert band.lower is not None
    widened = Band(band.lower - 1, True, band.upper, band.upper_inclusive)
    grades = list(scheme.grades)
    grades[index] = Grade(grade.label, bands=[widened])
    with pytest.raises(ValidationError):
        GradingScheme("overlapping", grades)


def test_gaps_overlaps_and_unreachable_grades_say_why() -> None:
    with pytest.raises(ValidationError, match=r"no grade covers rates from 90% .* to 100%"):
        GradingScheme("gap", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["< 90%"])])
    with pytest.raises(ValidationError, match="overlap"):
        GradingScheme("overlap", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["<= 100%"])])
    with pytest.raises(ValidationError, match="has no band and nothing else gives it"):
        GradingScheme("unreachable", [Grade("A", bands=["otherwise"]), Grade("B")])
    with pytest.raises(ValidationError, match="every rate has a grade already"):
        GradingScheme(
            "idle", [Grade("A", bands=[">= 1.0"]), Grade("B", bands=["< 1.0"]), Grade("C", bands=["otherwise"])]
        )
    with pytest.raises(ValidationError, match="contains no rate"):
        Band.parse("100%以上90%未満")


def test_otherwise_fills_what_the_other_bands_leave() -> None:
    scheme = GradingScheme(
        "legend", [Grade("A", bands=["110%以上"]), Grade("B", bands=["80%以上110%未満"]), Grade("C", bands=["その他"])]
    )
    assert scheme.grade_label(Fraction(79, 100)) == "C"
    assert scheme.grade_label(Fraction(-1)) == "C"
    assert scheme.grade_label(Fraction(8, 10)) == "B"


def test_band_text_names_its_column_when_it_cannot_be_read() -> None:
    with pytest.raises(ParseError) as caught:
        Band.parse("110以上")
    assert caught.value.column == 1
    assert "has no %" in str(caught.value)


@pytest.mark.parametrize("name", preset_names())
def test_presets_cite_their_source_and_round_trip(name: str) -> None:
    scheme = preset(name)
    assert scheme.source
    assert "http" in scheme.source
    for fmt in ("toml", "json", "yaml"):
        text = kyodo.dumps(scheme, fmt)
        assert kyodo.loads(text, fmt, kind=GradingScheme) == scheme


@pytest.mark.parametrize(
    ("rate", "grade"),
    [("1.10", "A"), ("1.0999", "B"), ("0.90", "B"), ("0.8999", "C"), ("0.60", "C"), ("0.5999", "D")],
)
def test_osaka_2016_bands_are_closed_below(rate: str, grade: str) -> None:
    # GRADING.md #13b: A ≥110% / B 90–110% / C 60–90% / D <60%.
    assert preset("osaka-pref-library-2016").grade_label(Decimal(rate)) == grade


def test_an_unknown_preset_lists_the_known_ones() -> None:
    with pytest.raises(ValidationError, match="osaka-pref-library-2013"):
        preset("niigata")


def test_a_scheme_file_with_problems_reports_them() -> None:
    text = """
schema = "kyodo.grading/1"
name = "broken"
[[grades]]
label = "A"
bands = [">= 100%"]
[[grades]]
label = "B"
bands = ["< 90%"]
"""
    with pytest.raises(ValidationError, match="no grade covers rates from 90%"):
        kyodo.loads(text, "toml", kind=GradingScheme)


# --- seed 000 -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def niigata() -> tuple[kyodo.Plan, Measure, GradingScheme]:
    plan = kyodo.load(NIIGATA)
    measure = plan.find("No.26")
    assert isinstance(measure, Measure)
    return plan, measure, kyodo.load(NIIGATA_SCHEME, kind=GradingScheme)


@pytest.mark.parametrize(("year", "figures"), [(2016, "48 / 50"), (2017, "54 / 58"), (2018, "55 / 66")])
def test_seed_000_missed_years_compute_as_recorded_c(
    niigata: tuple[kyodo.Plan, Measure, GradingScheme], year: int, figures: str
) -> None:
    _plan, measure, scheme = niigata
    result = grade_measure(measure, FiscalYear(year), scheme)
    assert (result.computed.label, result.recorded, result.differs) == ("C", "C", False)
    assert figures in result.explanation.text("ja")


def test_seed_000_fy2016_explains_itself_in_both_languages(niigata: tuple[kyodo.Plan, Measure, GradingScheme]) -> None:
    _plan, measure, scheme = niigata
    explanation = grade_measure(measure, FiscalYear(2016), scheme).computed.explanation
    assert explanation.text("ja") == "C: 達成率 96.0% (48 / 50) は B の下限 100.0% に届かない"
    assert explanation.text("en") == "C: achievement 96.0% (48 / 50) is below 100.0%, the lower bound of B"
    assert explanation.fact("rate") == Fraction(48, 50)


def test_seed_000_fy2015_recorded_b_beside_a_scheme_that_computes_a(
    niigata: tuple[kyodo.Plan, Measure, GradingScheme],
) -> None:
    # An illustrative scheme in which meeting the target earns A: the evaluator
    # recorded B for 43 / 42, because centres were uneven across wards.
    _plan, measure, _scheme = niigata
    met_is_a = GradingScheme("illustration", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["< 100%"])])
    result = grade_measure(measure, FiscalYear(2015), met_is_a)
    assert (result.computed.label, result.recorded, result.differs) == ("A", "B", True)
    assert result.reason is not None
    assert "区によって設置数に差が出た" in result.reason
    assert "記録された評価は B" in result.explanation.text("ja")
    assert "区によって設置数に差が出た" in result.explanation.text("en")


def test_seed_000_distribution_and_trend(niigata: tuple[kyodo.Plan, Measure, GradingScheme]) -> None:
    plan, measure, scheme = niigata
    counts = grade_distribution(plan, FiscalYear(2016), scheme)
    assert counts[""] == {"C": 1}
    assert counts["Ⅱ-1"] == {"C": 1}
    assert trend(measure, scheme, plan.period) is Trend.WORSENING


def _measure_with(*pairs: tuple[str, int, int]) -> Measure:
    fy = FiscalYear(2017)
    return Measure(
        "1",
        "two indicators",
        indicators=[
            Indicator(name, "件", targets=[Target(fy, target)], actuals=[Observation(fy, actual)])
            for name, actual, target in pairs
        ],
    )


def test_several_indicators_combine_as_asked() -> None:
    scheme = preset("osaka-pref-library-2016")
    measure = _measure_with(("a", 115, 100), ("b", 55, 100))
    fy = FiscalYear(2017)
    assert grade_measure(measure, fy, scheme).computed.label == "D"
    assert grade_measure(measure, fy, scheme, combine=Combine.MEAN).computed.label == "C"
    weighted = grade_measure(measure, fy, scheme, combine="weighted", weights={"a": 3, "b": 1})
    assert weighted.computed.rate == Fraction(3 * 115 + 55, 400)
    assert weighted.computed.label == "B"
    with pytest.raises(ValidationError, match="no weight"):
        grade_measure(measure, fy, scheme, combine="weighted", weights={"a": 1})


def test_a_year_without_a_numeric_target_is_ungraded_or_graded_by_status() -> None:
    fy = FiscalYear(2017)
    measure = Measure(
        "1",
        "qualitative",
        indicators=[Indicator("x", "件", targets=[Target(fy, text="継続して拡充")])],
        progress_checks=[kyodo.ProgressCheck(fy, 1, "順調")],
    )
    plain = GradingScheme("plain", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["< 100%"])])
    result = grade_measure(measure, fy, plain)
    assert result.computed.label is None
    assert result.computed.explanation.text("en") == "no grade: there is no numeric target this year"
    by_status = GradingScheme(
        "with status", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["< 100%"])], by_status={"順調": "A"}
    )
    graded = grade_measure(measure, fy, by_status).computed
    assert graded.label == "A"
    assert graded.how == "status"
    assert "順調" in graded.explanation.text("ja")


@given(schemes())
def test_grade_label_agrees_with_the_band_on_and_beside_every_bound(scheme: GradingScheme) -> None:
    # grade_label walks the bounds in integers, band_of by its own road; both must give the band holding the rate.
    step = Fraction(1, 10**9)
    bounds = {bound for grade in scheme.grades for band in grade.bands for bound in (band.lower, band.upper)}
    for bound in bounds - {None}:
        assert bound is not None
        for rate in (bound - step, bound, bound + step):
            containing = [grade.label for grade in scheme.grades for band in grade.bands if rate in band]
            assert scheme.grade_label(rate) == scheme.band_of(rate)[1].label == containing[0]
