"""Facts about indicators and their rates that the mutation run (make mutation) showed untested.

The achievement rate in each direction at its edges (a target of 0, an actual of 0, an actual
equal to the target), the progress rate, 四捨五入 of percentages at exact halves, and what each
refusal says.
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction

import pytest

from kyodo import FiscalYear, ValidationError
from kyodo.indicators import (
    Direction,
    Indicator,
    IndicatorKind,
    Observation,
    Target,
    TargetRole,
    UndefinedRateError,
    achievement_rate,
    format_percent,
    progress_rate,
    round_half_up,
)

FY2015, FY2016 = FiscalYear(2015), FiscalYear(2016)
NEEDS_TARGET = "a ratio needs a target above 0", "比で表すには 0 を超える目標が必要"
NEEDS_ACTUAL = (
    "where less is better, a ratio needs an actual above 0",
    "減少が望ましい指標を比で表すには 0 を超える実績が必要",
)


@pytest.mark.parametrize(
    ("actual", "target", "direction", "rate"),
    [
        (32, 17, "increase", Fraction(32, 17)),  # not capped at 100%
        (17, 17, "increase", Fraction(1)),
        (729, 727, "decrease", Fraction(727, 729)),
        (727, 729, "decrease", Fraction(729, 727)),
        (0, 0, "decrease", Fraction(1)),  # a target of 0 met exactly
        (5, 5, "at_most", Fraction(1)),  # at the target: 100%
        (4, 5, "at_most", Fraction(1)),
        (6, 5, "at_most", Fraction(5, 6)),
        (-12, -10, "at_most", Fraction(1)),
        (-5, -5, "at_most", Fraction(1)),
        (Decimal("58.8"), Decimal("58.2"), "increase", Fraction(98, 97)),
    ],
)
def test_achievement_rate_in_each_direction(actual: int, target: int, direction: str, rate: Fraction) -> None:
    assert achievement_rate(actual, target, direction) == rate


@pytest.mark.parametrize(
    ("actual", "target", "direction", "why"),
    [
        (3, 0, "increase", NEEDS_TARGET),
        (0, 0, "increase", NEEDS_TARGET),
        (-5, -10, "increase", NEEDS_TARGET),
        (5, 0, "decrease", NEEDS_TARGET),
        (6, 0, "at_most", NEEDS_TARGET),
        (5, -1, "at_most", NEEDS_TARGET),
        (0, 5, "decrease", NEEDS_ACTUAL),
        (-1, 5, "decrease", NEEDS_ACTUAL),
    ],
)
def test_achievement_rate_is_undefined_without_positive_figures(
    actual: int, target: int, direction: str, why: tuple[str, str]
) -> None:
    with pytest.raises(UndefinedRateError) as caught:
        achievement_rate(actual, target, direction)
    assert str(caught.value) == f"achievement rate of {actual} against a target of {target} is undefined: {why[0]}"
    assert caught.value.message("ja") == f"目標 {target} に対する実績 {actual} の達成率を計算できない: {why[1]}"
    assert caught.value.message("en") == str(caught.value)


def test_an_undefined_rate_error_keeps_both_languages_through_pickling() -> None:
    error = pickle.loads(pickle.dumps(UndefinedRateError(("in English", "日本語で"))))
    assert (str(error), error.message("ja"), error.message()) == ("in English", "日本語で", "in English")
    plain = UndefinedRateError("only English")
    assert (plain.message("ja"), plain.message("en")) == ("only English", "only English")


@pytest.mark.parametrize(
    ("value", "name", "english", "japanese"),
    [
        (
            1.5,
            "actual",
            "1.5 is a float; give an exact number (int, Decimal or Fraction)",
            "1.5 は float。正確な数（int、Decimal、Fraction）が必要",
        ),
        (
            True,
            "actual",
            "True is a bool; give an exact number (int, Decimal or Fraction)",
            "True は bool。正確な数（int、Decimal、Fraction）が必要",
        ),
        (Decimal("NaN"), "actual", "NaN is not a finite number", "NaN は有限の数ではない"),
    ],
)
def test_rates_refuse_inexact_numbers(value: object, name: str, english: str, japanese: str) -> None:
    with pytest.raises(ValidationError) as caught:
        achievement_rate(value, 2)  # type: ignore[arg-type]
    assert (str(caught.value), caught.value.message("ja")) == (f"{name}: {english}", f"{name}: {japanese}")
    with pytest.raises(ValidationError, match=r"^target: 'x' is a str"):
        achievement_rate(2, "x")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^baseline: "):
        progress_rate(1, 2, value)  # type: ignore[arg-type]


def test_progress_rate_reads_the_same_either_way() -> None:
    assert progress_rate(Decimal("50.2"), Decimal("53.6"), Decimal("49.1")) == Fraction(11, 45)
    assert progress_rate(80, 60, 100) == Fraction(1, 2)
    assert progress_rate(100, 60, 100) == 0
    assert progress_rate(110, 60, 100) == Fraction(-1, 4)
    with pytest.raises(UndefinedRateError) as caught:
        progress_rate(1, 2, 2)
    assert str(caught.value) == "progress rate is undefined when the target equals the baseline (2)"
    assert caught.value.message("ja") == "目標が基準値（2）と等しいので進捗率は定まらない"


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (Fraction(5, 2), 3),
        (Fraction(-5, 2), -3),
        (Fraction(1, 2), 1),
        (Fraction(-1, 2), -1),
        (Fraction(249, 100), 2),
        (Fraction(-249, 100), -2),
        (Fraction(0), 0),
        (Fraction(7), 7),
    ],
)
def test_round_half_up_rounds_halves_away_from_zero(value: Fraction, rounded: int) -> None:
    assert round_half_up(value) == rounded


@pytest.mark.parametrize(
    ("rate", "digits", "text"),
    [
        (Decimal("0.8655"), 1, "86.6%"),  # exactly half of the last digit: up
        (Decimal("0.86549"), 1, "86.5%"),
        (Decimal("0.865"), 0, "87%"),
        (Fraction(1, 8), 2, "12.50%"),
        (Fraction(-1, 3), 1, "-33.3%"),
        (Fraction(-1, 2000), 1, "-0.1%"),  # -0.05% rounds away from zero
        (Fraction(1, 2), 12, "50.000000000000%"),
        (Fraction(1), 0, "100%"),
        (0, 1, "0.0%"),
    ],
)
def test_percentages_round_half_up_to_the_digits_asked(rate: Fraction, digits: int, text: str) -> None:
    assert format_percent(rate, digits) == text


@pytest.mark.parametrize("digits", [13, -1, True, 1.0])
def test_percent_digits_are_an_int_from_0_to_12(digits: object) -> None:
    with pytest.raises(ValidationError) as caught:
        format_percent(Fraction(1, 2), digits)  # type: ignore[arg-type]
    assert str(caught.value) == f"digits: must be an int from 0 to 12, not {digits!r}"
    assert caught.value.message("ja") == f"digits: 0～12 の整数が必要（{digits!r}）"


def test_a_rate_of_a_thousand_digits_is_too_large_to_print() -> None:
    assert format_percent(Fraction(10**997), 0) == "1" + "0" * 999 + "%"
    with pytest.raises(ValidationError) as caught:
        format_percent(Fraction(10**1000))
    assert str(caught.value) == "rate: a rate of 1000 digits or more is too large to print as a percentage"
    assert caught.value.message("ja") == "rate: 1000桁以上の率は百分率として書けない"
    with pytest.raises(ValidationError, match="too large to print"):
        format_percent(Fraction(-(10**1000)))


# --- observations, targets, indicators ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "english", "japanese"),
    [
        (
            1.5,
            "value: 1.5 is a float; give an exact number (int or Decimal)",
            "value: 1.5 は float。正確な数（int か Decimal）が必要",
        ),
        (
            True,
            "value: True is a bool; give an exact number (int or Decimal)",
            "value: True は bool。正確な数（int か Decimal）が必要",
        ),
        ("x", "value: expected an int or a Decimal, not str 'x'", "value: int か Decimal が必要（str 'x' が渡された）"),
        (
            Fraction(1, 2),
            "value: expected an int or a Decimal, not Fraction Fraction(1, 2)",
            "value: int か Decimal が必要（Fraction Fraction(1, 2) が渡された）",
        ),
    ],
)
def test_observed_values_are_exact(value: object, english: str, japanese: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Observation(FY2015, value)  # type: ignore[arg-type]
    assert (str(caught.value), caught.value.message("ja")) == (english, japanese)
    with pytest.raises(ValidationError, match=r"^value: .*1E\+100 is too large"):
        Target(FY2015, Decimal("1e100"))


def test_targets_need_a_value_or_a_text_and_indicators_a_name() -> None:
    with pytest.raises(ValidationError) as caught:
        Target(FY2015)
    assert str(caught.value) == "the target for 平成27年度 has neither a value nor a text"
    assert caught.value.message("ja") == "平成27年度 の目標に値もテキストもない"
    assert Target(FY2015, 0).is_numeric
    assert not Target(FY2015, text="継続").is_numeric
    assert Target(FY2015, Decimal("1.5")).value == Decimal("1.5")
    with pytest.raises(ValidationError) as caught:
        Indicator(" ", "件")
    assert (str(caught.value), caught.value.message("ja")) == (
        "name: an indicator needs a name",
        "name: 指標には名前が必要",
    )


def test_an_indicator_looks_up_its_years() -> None:
    indicator = Indicator(
        "c",
        "件",
        baseline=Observation(FiscalYear(2014), 40),
        targets=[Target(FY2016, 60), Target(FY2015, 50), Target(FiscalYear(2017), text="拡充")],
        actuals=[Observation(FY2016, 45), Observation(FY2015, 45)],
    )
    assert [target.fy for target in indicator.targets] == [FY2015, FY2016, FiscalYear(2017)]
    assert indicator.target(FY2016) == Target(FY2016, 60)
    assert indicator.actual(FY2015) == Observation(FY2015, 45)
    assert (indicator.target(FiscalYear(2018)), indicator.actual(FiscalYear(2017))) == (None, None)
    assert indicator.achievement(FY2015) == Fraction(9, 10)
    assert indicator.progress(FY2016) == Fraction(1, 4)
    assert indicator.achievement(FiscalYear(2017)) is None  # a target with no number
    assert indicator.progress(FiscalYear(2017)) is None
    assert Indicator("n", "件", targets=[Target(FY2015, 1)], actuals=[Observation(FY2015, 1)]).progress(FY2015) is None
    assert repr(indicator) == "Indicator('c', '件', direction='increase', targets=3, actuals=2)"
    zero = Indicator("z", "人", targets=[Target(FY2015, 0)], actuals=[Observation(FY2015, 3)])
    assert zero.achievement_if_defined(FY2015) is None
    assert indicator.achievement_if_defined(FY2015) == Fraction(9, 10)


@pytest.mark.parametrize(
    ("build", "problem"),
    [
        (lambda: Indicator("x", "人", direction="sideways"), ("direction", "'sideways' is not a Direction; expected one of 増加 (increase), 減少 (decrease), 以下を維持 (at_most), 中立 (neutral)")),
        (lambda: Indicator("x", "人", kind="weird"), ("kind", "'weird' is not a IndicatorKind; expected one of ストック (stock), フロー (flow)")),
        (lambda: Target(FiscalYear(2015), 1, role="weird"), ("role", "'weird' is not a TargetRole; expected one of 計画 (annual), 中期目標 (mid_term), 最終目標 (final)")),
    ],
    ids=["direction", "kind", "role"],
)  # fmt: skip
def test_an_unknown_label_is_refused_naming_its_field(build: object, problem: tuple[str, str]) -> None:
    with pytest.raises(ValidationError) as caught:
        build()  # type: ignore[operator]
    assert caught.value.problems == (problem,)


def test_known_labels_are_read_in_japanese_and_english() -> None:
    assert Indicator("x", "人", direction="減少").direction is Direction.DECREASE
    assert Indicator("x", "人", kind="フロー").kind is IndicatorKind.FLOW
    assert Indicator("x", "人").kind is None
    assert Target(FiscalYear(2015), 1, role="最終目標").role is TargetRole.FINAL


@pytest.mark.parametrize(
    ("compute", "path"),
    [
        (lambda: achievement_rate(1, 2, "sideways"), "direction"),
        (lambda: progress_rate(0.5, 1, 0), "actual"),
        (lambda: progress_rate(1, 0.5, 0), "target"),
        (lambda: progress_rate(1, 2, 0.5), "baseline"),
    ],
    ids=["direction", "actual", "target", "baseline"],
)
def test_a_bad_figure_is_refused_naming_which(compute: object, path: str) -> None:
    with pytest.raises(ValidationError) as caught:
        compute()  # type: ignore[operator]
    assert [where for where, _message in caught.value.problems] == [path]
