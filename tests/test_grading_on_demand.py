"""What grading makes only when asked, or only once: a reading's figures and their text, a grade's reading,
a preset. Whenever they are asked for, and in whatever order, they are what they would have been had they
been made at once; and a basis of one's own, which gives only ``read``, grades as before.
"""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kyodo
from kyodo import FiscalYear, Grade, GradingScheme, Indicator, Observation, Target, preset, preset_names
from kyodo import strategies as ks
from kyodo.bases import (
    Achievement,
    Actual,
    BasisRule,
    Change,
    FigureUnit,
    Pace,
    Progress,
    Reading,
    Unread,
    _decimal_fraction,
)
from kyodo.grading import Band
from kyodo.indicators import Direction

FIGURES = ks.exact_decimals(-1000, 1000, places=2)
YEARS = ks.fiscal_years(2014, 2020)


@st.composite
def planned(draw: st.DrawFn) -> tuple[Indicator, FiscalYear]:
    """An indicator as plans print them, and a year to grade: a baseline in FY2014 (mostly), targets in
    some years up to a final one in FY2020, and actuals in some years, the year graded among them (mostly)."""
    year = draw(st.integers(2015, 2020))
    targets = [Target(FiscalYear(y), draw(FIGURES)) for y in sorted(draw(st.sets(st.integers(2015, 2019))) | {2020})]
    actual_years = draw(st.sets(st.integers(2015, 2020))) | ({year} if draw(st.integers(0, 9)) else set())
    indicator = Indicator(
        "指標",
        draw(st.sampled_from(["%", "人", "ポイント", "団体"])),
        draw(st.sampled_from(Direction)),
        baseline=None if draw(st.integers(0, 19)) == 0 else Observation(FiscalYear(2014), draw(FIGURES)),
        targets=targets,
        actuals=[Observation(FiscalYear(y), draw(FIGURES)) for y in sorted(actual_years)],
    )
    return indicator, FiscalYear(year)


#: Planned indicators, and any indicator kyodo's strategies draw, at any year.
GRADED = planned() | st.tuples(ks.indicators(YEARS, FIGURES, max_entries=5), YEARS)
BASES = [
    Achievement(),
    Achievement("final"),
    Progress(),
    Progress("next"),
    Pace(),
    Pace("cumulative"),
    Change(),
    Change("percent"),
    Actual(),
    Actual("lower"),
]


def scheme_of(basis: BasisRule) -> GradingScheme:
    """A legend of two grades on ``basis``: A from 0 the better way, B for the rest."""
    if basis.higher_is_better:
        best = Band(Fraction(0), True, None, False, basis.unit)
    else:
        best = Band(None, False, Fraction(0), True, basis.unit)
    return GradingScheme("two grades", [Grade("A", bands=[best]), Grade("B", bands=["otherwise"])], basis=basis)


def written_at_once(reading: Reading) -> Reading:
    """The same reading, built with its figures and text given."""
    return Reading(reading.value, reading.unit, reading.figures, reading.ja, reading.en, reading.per)


@given(st.sampled_from(BASES), GRADED)
def test_a_reading_is_the_same_whichever_part_is_read_first(
    basis: BasisRule, graded: tuple[Indicator, FiscalYear]
) -> None:
    indicator, fy = graded
    first, second, third = (basis.read(indicator, fy) for _ in range(3))
    if isinstance(first, Unread):
        return
    assert isinstance(second, Reading)
    assert isinstance(third, Reading)
    texts = (first.ja, first.en, first.figures)
    assert (second.figures, second.en, second.ja) == (texts[2], texts[1], texts[0])
    assert third == first == written_at_once(first)
    assert hash(third) == hash(written_at_once(first))
    assert repr(basis.read(indicator, fy)) == repr(written_at_once(first))


@given(st.sampled_from(BASES), GRADED)
def test_a_grade_keeps_what_its_reading_s_figures_say(basis: BasisRule, graded: tuple[Indicator, FiscalYear]) -> None:
    indicator, fy = graded
    result = scheme_of(basis).grade_indicator(indicator, fy)
    if result.how != "band":
        assert result.reading is None
        return
    reading = basis.read(indicator, fy)
    assert result.reading == reading
    assert result.rate == reading.value
    # A reading made by hand keeps nothing but its figures, so its grade finds them there by name.
    kept = written_at_once(reading)._kept()
    assert (result.actual, result.target, result.direction, result.baseline, result.elapsed) == kept
    assert reading._kept() == kept


@given(st.sampled_from(BASES), GRADED)
def test_a_grade_copied_or_pickled_is_the_same_grade(basis: BasisRule, graded: tuple[Indicator, FiscalYear]) -> None:
    indicator, fy = graded
    scheme = scheme_of(basis)
    shown = scheme.grade_indicator(indicator, fy).explanation.to_data()
    for copied in (
        pickle.loads(pickle.dumps(scheme.grade_indicator(indicator, fy))),
        copy.deepcopy(scheme.grade_indicator(indicator, fy)),
        attrs.evolve(scheme.grade_indicator(indicator, fy)),
    ):
        assert copied.explanation.to_data() == shown
        result = scheme.grade_indicator(indicator, fy)
        assert copied == result
        assert hash(copied) == hash(result)
        assert repr(copied) == repr(result)
        assert copied.reading == result.reading


def test_a_grade_s_reading_is_made_once() -> None:
    fy = FiscalYear(2016)
    rate = Indicator(
        "参加率", "%", baseline=Observation(FiscalYear(2014), Decimal("58.8")), actuals=[Observation(fy, 62)]
    )
    result = scheme_of(Change()).grade_indicator(rate, fy)
    assert result.reading is result.reading
    assert result.reading.en == " (62 − 58.8)"
    assert result.reading.figures == (("actual", Decimal(62)), ("baseline", Decimal("58.8")), ("direction", "increase"))


@attrs.frozen
class Own(BasisRule):
    """A basis of one's own that gives only :meth:`read`, as BasisRule asks: ``figure`` reads the year's actual."""

    figure: Callable[[Decimal, str], Reading]
    value: ClassVar[str] = "own"
    label: ClassVar[str] = "独自"
    label_en: ClassVar[str] = "own figure"

    def read(self, indicator: Indicator, fy: FiscalYear) -> Reading | Unread:
        observed = indicator.actual(fy)
        return Unread("no_actual") if observed is None else self.figure(observed.value, indicator.unit)


def doubled(actual: Decimal, _unit: str) -> Reading:
    figures = (("actual", actual), ("direction", "減少"))
    return Reading(2 * Fraction(actual), FigureUnit.PERCENT, figures, " (2 × 実績)", " (2 × the actual)")


def test_a_basis_that_only_reads_grades_with_the_figures_it_names() -> None:
    fy = FiscalYear(2016)
    scheme = scheme_of(Own(doubled))
    indicator = Indicator("x", "件", actuals=[Observation(fy, Decimal("0.3"))])
    result = scheme.grade_indicator(indicator, fy)
    assert (result.label, result.rate, result.actual, result.direction) == (
        "A",
        Fraction(3, 5),
        Decimal("0.3"),
        Direction.DECREASE,
    )
    assert result.reading == doubled(Decimal("0.3"), "件")
    assert (
        result.explanation.text("en")
        == "A: own figure 60.0% (2 × the actual) is at or above 0.0%, the lower bound of A"
    )
    assert scheme.grade_indicator(Indicator("x", "件"), fy).how == "no_actual"


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_a_decimal_s_fraction_is_fraction_s_own(number: Decimal) -> None:
    made, fraction = _decimal_fraction(number), Fraction(number)
    assert (made.numerator, made.denominator) == (fraction.numerator, fraction.denominator)
    assert made == fraction
    assert hash(made) == hash(fraction)
    assert repr(made) == repr(fraction)
    assert made + Fraction(1, 3) == fraction + Fraction(1, 3)


@pytest.mark.parametrize("name", preset_names())
def test_a_preset_is_read_once_and_is_the_scheme_its_file_holds(name: str) -> None:
    assert preset(name) is preset(name)
    file = kyodo.grading._presets() / f"{name}.toml"
    assert preset(name) == kyodo.loads(file.read_text(encoding="utf-8"), "toml", kind=GradingScheme)


def as_given(actual: Decimal, unit: str) -> Reading:
    """The actual itself in percent, as an int where the unit says so."""
    return Reading(int(actual) if unit == "int" else actual, FigureUnit.PERCENT)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("actual", "kind", "grade"),
    [("1", "int", "B"), ("2", "int", "A"), ("1.0", "Decimal", "B"), ("0.5", "Decimal", "B"), ("1.01", "Decimal", "A")],
)
def test_a_figure_that_is_not_a_fraction_finds_its_band_too(actual: str, kind: str, grade: str) -> None:
    fy = FiscalYear(2016)
    scheme = GradingScheme("x", [Grade("A", bands=["100%超"]), Grade("B", bands=["otherwise"])], basis=Own(as_given))
    indicator = Indicator("x", kind, actuals=[Observation(fy, Decimal(actual))])
    assert scheme.grade_indicator(indicator, fy).label == grade


@given(st.fractions(min_value=-2, max_value=3, max_denominator=1000))
def test_a_rate_graded_alone_is_the_grade_its_fields_make(rate: Fraction) -> None:
    # grade(rate) sets its few fields at once and leaves the rest to the class's defaults.
    scheme = preset("osaka-pref-library-2016")
    quick = scheme.grade(rate)
    band, grade = scheme.band_of(rate)
    plain = kyodo.GradeResult(scheme, grade.label, "band", rate, band)
    assert quick == plain
    assert hash(quick) == hash(plain)
    assert repr(quick) == repr(plain)
    assert quick.to_data() == plain.to_data()
    assert quick.explanation == plain.explanation
    assert pickle.loads(pickle.dumps(quick)) == plain
    assert copy.deepcopy(quick) == plain
    assert attrs.evolve(quick, label="Z").label == "Z"
