"""Achievement and progress rates: exact, invariant under scale, and rounded half up as a person would."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import kyodo.strategies as ks
from kyodo import (
    Direction,
    FiscalYear,
    Indicator,
    KyodoError,
    Observation,
    Target,
    UndefinedRateError,
    achievement_rate,
    format_percent,
    progress_rate,
)

exact = ks.exact_decimals(-(10**6), 10**6, places=4)
nonzero = exact.filter(bool)
positive = exact.filter(lambda value: value > 0)
fractions = st.fractions(max_denominator=10**6)
positive_fractions = st.fractions(min_value=Fraction(1, 10**4), max_denominator=10**4)
numbers = exact | st.integers(-(10**9), 10**9) | fractions
digits = st.integers(0, 6)
#: The directions with a rate: a neutral indicator (neither way is better) has none.
directions = st.sampled_from([direction for direction in Direction if direction is not Direction.NEUTRAL])


def percent_value(text: str) -> Decimal:
    """The number a formatted percentage shows: '86.6%' → Decimal('86.6')."""
    assert text.endswith("%")
    return Decimal(text[:-1])


# --- the achievement rate -----------------------------------------------------------------------


@given(exact, positive)
def test_achievement_where_more_is_better_is_actual_over_target_exactly(actual: Decimal, target: Decimal) -> None:
    rate = achievement_rate(actual, target)
    assert isinstance(rate, Fraction)
    assert rate == Fraction(actual) / Fraction(target)


@given(positive, positive)
def test_achievement_where_less_is_better_is_target_over_actual(target: Decimal, actual: Decimal) -> None:
    assert achievement_rate(actual, target, Direction.DECREASE) == Fraction(target) / Fraction(actual)
    assert achievement_rate(actual, target, "decrease") == achievement_rate(actual, target, "減少")


@given(numbers, numbers)
def test_keeping_at_most_the_target_is_exactly_one_until_it_is_exceeded(actual: object, target: object) -> None:
    assert isinstance(actual, int | Decimal | Fraction)
    assert isinstance(target, int | Decimal | Fraction)
    if actual <= target:
        assert achievement_rate(actual, target, Direction.AT_MOST) == 1
    elif target > 0:
        assert achievement_rate(actual, target, Direction.AT_MOST) == Fraction(target) / Fraction(actual)
    else:
        # Over a target of 0 or below, target ÷ actual would not order the actuals: the rate is undefined.
        with pytest.raises(UndefinedRateError):
            achievement_rate(actual, target, Direction.AT_MOST)


@given(fractions, fractions, positive_fractions, directions)
def test_achievement_is_unchanged_when_actual_and_target_scale_together(
    actual: Fraction, target: Fraction, factor: Fraction, direction: Direction
) -> None:
    try:
        rate = achievement_rate(actual, target, direction)
    except UndefinedRateError:
        with pytest.raises(UndefinedRateError):
            achievement_rate(actual * factor, target * factor, direction)
        return
    assert achievement_rate(actual * factor, target * factor, direction) == rate


@given(st.integers(1, 10**6), st.integers(1, 10**6), st.integers(1, 1000))
def test_scaling_decimals_by_whole_numbers_keeps_the_rate(actual: int, target: int, factor: int) -> None:
    scaled = achievement_rate(Decimal(actual) * factor, Decimal(target) * factor)
    assert scaled == achievement_rate(Decimal(actual), Decimal(target)) == Fraction(actual, target)


@given(exact, directions)
def test_meeting_the_target_exactly_is_one_hundred_percent(value: Decimal, direction: Direction) -> None:
    # A ratio is defined for positive figures; a target of 0 met exactly counts where less is better.
    assume(value > 0 or (value == 0 and direction is not Direction.INCREASE) or direction is Direction.AT_MOST)
    assert achievement_rate(value, value, direction) == 1
    assert format_percent(achievement_rate(value, value, direction)) == "100.0%"


def test_undefined_rates_raise_a_kyodo_error() -> None:
    with pytest.raises(UndefinedRateError, match="target of 0"):
        achievement_rate(3, 0)
    with pytest.raises(UndefinedRateError):
        achievement_rate(0, 5, Direction.DECREASE)
    assert achievement_rate(0, 0, Direction.DECREASE) == 1
    with pytest.raises(UndefinedRateError, match="baseline"):
        progress_rate(5, 3, 3)
    assert issubclass(UndefinedRateError, KyodoError)


@pytest.mark.parametrize("bad", [0.5, float("nan"), True, "3", None])
def test_rates_refuse_anything_but_exact_numbers(bad: object) -> None:
    with pytest.raises((TypeError, KyodoError)):
        achievement_rate(bad, 1)  # type: ignore[arg-type]
    with pytest.raises((TypeError, KyodoError)):
        achievement_rate(1, bad)  # type: ignore[arg-type]
    with pytest.raises((TypeError, KyodoError)):
        format_percent(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN")])
def test_rates_refuse_non_finite_decimals(bad: Decimal) -> None:
    with pytest.raises(KyodoError):
        achievement_rate(bad, 1)
    with pytest.raises(KyodoError):
        format_percent(bad)


# --- the progress rate -------------------------------------------------------------------------------


@given(exact, exact)
def test_progress_is_one_at_the_target_and_zero_at_the_baseline(target: Decimal, baseline: Decimal) -> None:
    assume(target != baseline)
    assert progress_rate(target, target, baseline) == 1
    assert progress_rate(baseline, target, baseline) == 0


@given(exact, exact, fractions)
def test_progress_measures_the_share_of_the_planned_change(target: Decimal, baseline: Decimal, share: Fraction) -> None:
    assume(target != baseline)
    actual = Fraction(baseline) + share * (Fraction(target) - Fraction(baseline))
    assert progress_rate(actual, target, baseline) == share


# --- format_percent -------------------------------------------------------------------------------------


@given(numbers, numbers, digits)
def test_format_percent_is_monotone(first: object, second: object, places: int) -> None:
    assert isinstance(first, int | Decimal | Fraction)
    assert isinstance(second, int | Decimal | Fraction)
    low, high = sorted([Fraction(first), Fraction(second)])
    assert percent_value(format_percent(low, places)) <= percent_value(format_percent(high, places))


@given(st.integers(0, 10**9), digits)
def test_format_percent_rounds_exact_halves_up(units: int, places: int) -> None:
    # units + ½ in the last printed place, exactly.
    rate = Fraction(2 * units + 1, 2 * 100 * 10**places)
    assert percent_value(format_percent(rate, places)) == Decimal(units + 1).scaleb(-places)


@given(fractions, digits)
def test_format_percent_is_the_nearest_value_with_halves_away_from_zero(rate: Fraction, places: int) -> None:
    shown = Fraction(percent_value(format_percent(rate, places))) / 100
    step = Fraction(1, 100 * 10**places)
    error = rate - shown
    assert -step / 2 <= error < step / 2 if rate >= 0 else -step / 2 < error <= step / 2
    text = format_percent(rate, places)
    assert text.count(".") == (1 if places else 0)
    if places:
        assert len(text.split(".")[1]) == places + 1  # the decimals and the %


@given(fractions, digits)
def test_format_percent_is_symmetric_about_zero(rate: Fraction, places: int) -> None:
    positive_text = format_percent(abs(rate), places)
    negative_text = format_percent(-abs(rate), places)
    if percent_value(positive_text) == 0:
        assert negative_text == positive_text
    else:
        assert negative_text == "-" + positive_text


@pytest.mark.parametrize(
    ("rate", "places", "printed"),
    [
        (Fraction(8655, 10000), 1, "86.6%"),
        (Decimal("0.8655"), 1, "86.6%"),
        (Decimal("0.865"), 0, "87%"),
        (Decimal("0.865"), 1, "86.5%"),
        (Fraction(1, 3), 2, "33.33%"),
        (Fraction(2, 3), 0, "67%"),
        (Decimal("0.0005"), 1, "0.1%"),
        (Decimal("0.00049"), 1, "0.0%"),
        (Decimal("-0.0005"), 1, "-0.1%"),
        (0, 1, "0.0%"),
        (1, 0, "100%"),
        (Decimal("1.884"), 0, "188%"),
        (Decimal("1.885"), 0, "189%"),  # a binary float would print 188%
    ],
)
def test_format_percent_prints_as_a_person_rounds(rate: Decimal | Fraction | int, places: int, printed: str) -> None:
    assert format_percent(rate, places) == printed


@pytest.mark.parametrize("places", [-1, 13, 1.0, True, "1"])
def test_format_percent_refuses_bad_digits(places: object) -> None:
    with pytest.raises(KyodoError):
        format_percent(Fraction(1, 2), places)  # type: ignore[arg-type]


# --- the seeds' printed rates ----------------------------------------------------------------------------

# Seed 003 (Tokorozawa, FY2017): actual, target, printed 達成率 and the places it is printed to.
TOKOROZAWA = [
    ("地域活動への関心度", "50.2", "53.6", "93.7%"),
    ("地域活動への協力意向", "54.9", "63.2", "86.9%"),
    ("地域のつながりの変化", "13.0", "18.7", "69.5%"),
    ("地域づくり協議会交付金事業申請件数", "39", "43", "91%"),
    ("市民等と協働で企画実施した事業の割合", "58.8", "58.2", "101%"),
    ("事業実施件数", "3", "4", "75%"),
    ("自治会・町内会加入率", "62.5", "68", "92%"),
    ("事業申請件数", "32", "17", "188%"),
    ("講座受講者の満足度", "84.9", "80", "106%"),
    ("LED灯交換数", "7068", "7068", "100%"),
]


@pytest.mark.parametrize(("name", "actual", "target", "printed"), TOKOROZAWA, ids=[row[0] for row in TOKOROZAWA])
def test_seed_003_printed_achievement_rates(name: str, actual: str, target: str, printed: str) -> None:
    places = len(printed[:-1].partition(".")[2])
    assert format_percent(achievement_rate(Decimal(actual), Decimal(target)), places) == printed
    indicator = Indicator(
        name,
        "%",
        targets=[Target(FiscalYear(2017), Decimal(target))],
        actuals=[Observation(FiscalYear(2017), Decimal(actual))],
    )
    rate = indicator.achievement(FiscalYear(2017))
    assert rate is not None
    assert format_percent(rate, places) == printed


def test_kasukabe_waste_per_person_where_less_is_better() -> None:
    # Target 727 g, actual 729 g: printed 99.7%.
    assert format_percent(achievement_rate(729, 727, Direction.DECREASE)) == "99.7%"
    assert achievement_rate(729, 727, "decrease") == Fraction(727, 729)
    assert format_percent(achievement_rate(Decimal("729"), Decimal("727"), Direction.AT_MOST)) == "99.7%"


def test_seed_000_niigata_centres() -> None:
    centres = Indicator(
        "まちづくりセンター数",
        "箇所",
        baseline=Observation(FiscalYear(2014), 37, estimate=True),
        targets=[
            Target(FiscalYear(2015), 42),
            Target(FiscalYear(2016), 50),
            Target(FiscalYear(2019), text="継続して拡充"),
        ],
        actuals=[Observation(FiscalYear(2016), 48), Observation(FiscalYear(2015), 43)],
        kind="stock",
    )
    assert [actual.fy.year for actual in centres.actuals] == [2015, 2016]
    assert centres.achievement(FiscalYear(2015)) == Fraction(43, 42)
    assert format_percent(centres.achievement(FiscalYear(2016)) or 0) == "96.0%"
    assert centres.progress(FiscalYear(2016)) == Fraction(48 - 37, 50 - 37)
    assert centres.achievement(FiscalYear(2019)) is None  # a qualitative target has no rate
    assert centres.progress(FiscalYear(2019)) is None


# --- an indicator's rates agree with the functions ----------------------------------------------------------


@given(ks.indicators(years=ks.fiscal_years(2015, 2018), values=ks.exact_decimals(1, 10**6, places=2), max_entries=4))
@example(
    Indicator("i", "人", targets=[Target(FiscalYear(2015), text="継続")], actuals=[Observation(FiscalYear(2015), 1)])
)
def test_indicator_achievement_agrees_with_achievement_rate(indicator: Indicator) -> None:
    def outcome(rate: Callable[..., Fraction | None], *arguments: object) -> Fraction | str | None:
        try:
            return rate(*arguments)
        except UndefinedRateError:
            return "undefined"

    for fy in map(FiscalYear, range(2015, 2019)):
        target, actual = indicator.target_toward(fy, indicator.rates_toward), indicator.actual(fy)
        expected: Fraction | str | None = None
        if target is not None and target.value is not None and actual is not None:
            expected = outcome(achievement_rate, actual.value, target.value, indicator.direction)
        elif target is not None and target.value is not None and indicator.no_figure(fy) is not None:
            expected = "undefined"  # the sheet prints a word (集計中) where the actual would be
        assert outcome(indicator.achievement, fy) == expected


@given(fractions, fractions)
def test_a_neutral_indicator_has_no_rate_at_any_figures(actual: Fraction, target: Fraction) -> None:
    with pytest.raises(UndefinedRateError, match="neither more nor less is better"):
        achievement_rate(actual, target, Direction.NEUTRAL)


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=10**6), st.integers(0, 4))
@example(Fraction(-1, 2000), 1)
@example(Fraction(-1, 200), 0)
@example(Fraction(8655, 10000), 1)
def test_a_percentage_is_rounded_half_away_from_zero_as_decimal_rounds_it(rate: Fraction, digits: int) -> None:
    # The reference: the exact decimal quantized by decimal's ROUND_HALF_UP (halves away from zero).
    from decimal import ROUND_HALF_UP, localcontext

    with localcontext() as context:
        context.prec = 60
        exact = Decimal(rate.numerator) * 100 / Decimal(rate.denominator)
        shown = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    expected = f"{abs(shown)}%"
    assert format_percent(rate, digits) == (f"-{expected}" if shown < 0 else expected)
