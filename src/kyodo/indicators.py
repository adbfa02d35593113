"""Indicators (指標): what a plan measures, its targets and actuals, and how well it did.

Values are exact decimals, as printed (58.8, 62.5, 837,244): kyodo never
stores or computes them as binary floats. Rates are exact fractions.

The achievement rate (達成率), precisely:

* **More is better** (``Direction.INCREASE``): actual ÷ target, not capped at
  100%. Every rate printed in seed 003 (Tokorozawa) follows this.
* **Less is better** (``Direction.DECREASE``): target ÷ actual. The one printed
  case found in Japanese evaluation sheets, Kasukabe's household waste per
  person (target 727 g, actual 729 g, printed 99.7%), fits this formula and
  no other simple one (see GRADING.md in the project's shared notes). An
  actual of 0 meets any target: if the target is 0 too the rate is 100%,
  otherwise the rate is undefined.
* **Keep at or under** (``Direction.AT_MOST``): 100% while actual ≤ target,
  otherwise target ÷ actual.
* **Progress rate** (進捗率): (actual − baseline) ÷ (target − baseline), the
  share of the planned change that happened.

A rate that cannot be computed (a target of 0 where more is better, a target
equal to its baseline) raises :class:`~kyodo.UndefinedRateError`.

>>> from decimal import Decimal
>>> rate = achievement_rate(Decimal("50.2"), Decimal("53.6"))
>>> rate, format_percent(rate)
(Fraction(251, 268), '93.7%')
>>> format_percent(achievement_rate(729, 727, "decrease"))  # Kasukabe: 729 g against 727 g
'99.7%'

"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeAlias

from attrs import field, frozen

from kyodo._checks import instance_of, one_per_year
from kyodo._labels import LabelledEnum
from kyodo.errors import KyodoError, Message, ValidationError
from kyodo.fiscal import FiscalYear

__all__ = [
    "Direction",
    "Indicator",
    "IndicatorKind",
    "Observation",
    "Target",
    "TargetRole",
    "UndefinedRateError",
    "achievement_rate",
    "format_percent",
    "progress_rate",
]

#: What kyodo accepts as an exact number.
Number: TypeAlias = int | Decimal | Fraction


class UndefinedRateError(KyodoError, ArithmeticError):
    """A rate that has no value for its inputs, such as actual ÷ a target of 0.

    ``str(error)`` is in English; ``error.message("ja")`` gives it in Japanese.
    """

    def __init__(self, message: Message) -> None:
        self._english, self._japanese = (message, message) if isinstance(message, str) else message
        super().__init__(self._english)

    def message(self, locale: str = "en") -> str:
        """The message in ``locale``: "en" (as ``str(error)``) or "ja"."""
        return self._japanese if locale == "ja" else self._english

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), ((self._english, self._japanese),))


class Direction(LabelledEnum):
    """Which way an indicator should move."""

    #: more is better (加入率, 利用者数)
    INCREASE = "increase", "増加", "more is better"
    #: less is better (事故件数, 待機児童数)
    DECREASE = "decrease", "減少", "less is better"
    #: keep at or under the target (維持, 以下)
    AT_MOST = "at_most", "以下を維持", "keep at or under"


def _exact(value: Number, name: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        raise TypeError(f"{name} must be an int, Decimal or Fraction, not {type(value).__name__} {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValidationError((name, (f"{value!r} is not a finite number", f"{value!r} は有限の数ではない")))
    return Fraction(value)


def achievement_rate(actual: Number, target: Number, direction: Direction | str = Direction.INCREASE) -> Fraction:
    """The achievement rate (達成率) of ``actual`` against ``target``, exactly; see the module's rules.

    >>> from decimal import Decimal as D
    >>> achievement_rate(D("58.8"), D("58.2")), achievement_rate(32, 17)
    (Fraction(98, 97), Fraction(32, 17))
    >>> achievement_rate(3, 0)
    Traceback (most recent call last):
    kyodo.indicators.UndefinedRateError: achievement rate of 3 against a target of 0 is undefined where more is better
    """
    direction = Direction.read(direction, "direction")
    exact_actual = _exact(actual, "actual")
    exact_target = _exact(target, "target")
    if direction is Direction.INCREASE:
        if exact_target == 0:
            raise UndefinedRateError(
                (
                    f"achievement rate of {actual} against a target of 0 is undefined where more is better",
                    f"増加が望ましい指標では、目標 0 に対する実績 {actual} の達成率は定まらない",
                )
            )
        return exact_actual / exact_target
    if direction is Direction.AT_MOST and exact_actual <= exact_target:
        return Fraction(1)
    if exact_actual == 0:
        if exact_target == 0:
            return Fraction(1)
        raise UndefinedRateError(
            (
                f"achievement rate of an actual 0 against a target of {target} is undefined",
                f"目標 {target} に対する実績 0 の達成率は定まらない",
            )
        )
    return exact_target / exact_actual


def progress_rate(actual: Number, target: Number, baseline: Number) -> Fraction:
    """The progress rate (進捗率): (actual − baseline) ÷ (target − baseline), exactly.

    It reads the same whichever way the indicator should move: 1 means the
    planned change happened in full, 0 that nothing changed, and a negative
    rate that it moved the wrong way.

    >>> from decimal import Decimal as D
    >>> progress_rate(D("50.2"), D("53.6"), D("49.1"))
    Fraction(11, 45)
    >>> format_percent(progress_rate(80, 60, 100))
    '50.0%'
    """
    exact_actual = _exact(actual, "actual")
    exact_target = _exact(target, "target")
    exact_baseline = _exact(baseline, "baseline")
    if exact_target == exact_baseline:
        raise UndefinedRateError(
            (
                f"progress rate is undefined when the target equals the baseline ({baseline})",
                f"目標が基準値（{baseline}）と等しいので進捗率は定まらない",
            )
        )
    return (exact_actual - exact_baseline) / (exact_target - exact_baseline)


def round_half_up(value: Fraction) -> int:
    """Round to the nearest integer, halves away from zero (四捨五入), exactly.

    >>> round_half_up(Fraction(5, 2)), round_half_up(Fraction(-5, 2)), round_half_up(Fraction(249, 100))
    (3, -3, 2)
    """
    if value >= 0:
        return int(value + Fraction(1, 2))
    return -int(-value + Fraction(1, 2))


def format_percent(rate: Number, digits: int = 1) -> str:
    """Write ``rate`` as a percentage rounded half up (四捨五入) to ``digits`` decimals.

    The rounding is exact: 0.865 is 86.5% and 0.8655 rounds to 86.6%, as a
    person would, never by way of a binary float.

    >>> format_percent(Fraction(251, 268)), format_percent(Fraction(39, 43), digits=0)
    ('93.7%', '91%')
    >>> format_percent(Decimal("0.8655")), format_percent(Decimal("0.865"), digits=0)
    ('86.6%', '87%')
    """
    if type(digits) is not int or not 0 <= digits <= 12:
        raise ValidationError(
            ("digits", (f"must be an int from 0 to 12, not {digits!r}", f"0～12 の整数が必要（{digits!r}）"))
        )
    scaled = round_half_up(_exact(rate, "rate") * 100 * 10**digits)
    sign = "-" if scaled < 0 else ""
    whole, fraction = divmod(abs(scaled), 10**digits)
    if digits == 0:
        return f"{sign}{whole}%"
    return f"{sign}{whole}.{fraction:0{digits}d}%"


# --- indicators ----------------------------------------------------------------


class IndicatorKind(LabelledEnum):
    """Whether an indicator counts what exists or what happened in the year."""

    #: what exists at the year's end: centres in operation (箇所)
    STOCK = "stock", "ストック", "stock"
    #: what happened in the year: applications, visitors (件, 人)
    FLOW = "flow", "フロー", "flow"


class TargetRole(LabelledEnum):
    """What a target is in the plan."""

    #: a year's planned value (計画)
    ANNUAL = "annual", "計画", "annual"
    #: a mid-term target (中期目標値, 中間目標)
    MID_TERM = "mid_term", "中期目標", "mid-term"
    #: the final target (最終目標, 将来目標)
    FINAL = "final", "最終目標", "final"


def _decimal(value: object) -> Decimal:
    """Convert an exact number to a Decimal, refusing floats, bools and non-finite values."""
    if isinstance(value, bool | float):
        raise ValidationError(
            (
                "value",
                (
                    f"{value!r} is a {type(value).__name__}; give an exact number (int or Decimal)",
                    f"{value!r} は {type(value).__name__}。正確な数（int か Decimal）が必要",
                ),
            )
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError(("value", (f"{value!r} is not a finite number", f"{value!r} は有限の数ではない")))
        return value
    raise ValidationError(
        (
            "value",
            (
                f"expected an int or a Decimal, not {type(value).__name__} {value!r}",
                f"int か Decimal が必要（{type(value).__name__} {value!r} が渡された）",
            ),
        )
    )


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else _decimal(value)


_is_fiscal_year = instance_of(FiscalYear, "fy")


def _target_role(value: object) -> TargetRole:
    return TargetRole.read(value, "role")


def _direction(value: object) -> Direction:
    return Direction.read(value, "direction")


def _indicator_kind(value: object) -> IndicatorKind | None:
    return None if value is None else IndicatorKind.read(value, "kind")


@frozen
class Observation:
    """A value observed at a fiscal year: a baseline (現状) or an actual (実績).

    ``estimate`` marks a value printed as an estimate (見込み).

    >>> Observation(FiscalYear(2014), 37, estimate=True)
    Observation(fy=FiscalYear(2014), value=Decimal('37'), estimate=True)
    """

    fy: FiscalYear = field(validator=_is_fiscal_year)
    value: Decimal = field(converter=_decimal)
    estimate: bool = False


@frozen
class Target:
    """What an indicator should reach by a fiscal year.

    A qualitative target (継続して拡充, "keep expanding") has ``value=None``
    and says what it means in ``text``.

    >>> Target(FiscalYear(2018), 66).value, Target(FiscalYear(2019), text="継続して拡充").is_numeric
    (Decimal('66'), False)
    """

    fy: FiscalYear = field(validator=_is_fiscal_year)
    value: Decimal | None = field(default=None, converter=_optional_decimal)
    text: str | None = None
    role: TargetRole = field(default=TargetRole.ANNUAL, converter=_target_role)

    def __attrs_post_init__(self) -> None:
        if self.value is None and not self.text:
            raise ValidationError(
                (
                    "",
                    (
                        f"the target for {self.fy} has neither a value nor a text",
                        f"{self.fy} の目標に値もテキストもない",
                    ),
                )
            )

    @property
    def is_numeric(self) -> bool:
        """True when the target has a number to be measured against."""
        return self.value is not None


def _sorted_by_year(entries: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(entries, key=lambda entry: entry.fy.year))


@frozen(repr=False)
class Indicator:
    """An indicator (指標): name, unit, direction, baseline, targets and actuals per fiscal year.

    Seed 000 (Niigata, No.26), the number of community centres:

    >>> centres = Indicator(
    ...     "まちづくりセンター数", "箇所",
    ...     baseline=Observation(FiscalYear(2014), 37, estimate=True),
    ...     targets=[Target(FiscalYear(2015), 42), Target(FiscalYear(2016), 50)],
    ...     actuals=[Observation(FiscalYear(2015), 43), Observation(FiscalYear(2016), 48)],
    ...     kind="stock",
    ... )
    >>> format_percent(centres.achievement(FiscalYear(2016)))
    '96.0%'
    >>> centres.achievement(FiscalYear(2017)) is None
    True
    """

    name: str
    unit: str
    direction: Direction = field(default=Direction.INCREASE, converter=_direction)
    baseline: Observation | None = None
    targets: tuple[Target, ...] = field(default=(), converter=_sorted_by_year, validator=one_per_year("targets"))
    actuals: tuple[Observation, ...] = field(default=(), converter=_sorted_by_year, validator=one_per_year("actuals"))
    kind: IndicatorKind | None = field(default=None, converter=_indicator_kind)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationError(("name", ("an indicator needs a name", "指標には名前が必要")))

    def __repr__(self) -> str:
        return (
            f"Indicator({self.name!r}, {self.unit!r}, direction={self.direction.value!r}, "
            f"targets={len(self.targets)}, actuals={len(self.actuals)})"
        )

    def _repr_html_(self) -> str:
        from kyodo import _html

        return _html.indicator(self)

    def target(self, fy: FiscalYear) -> Target | None:
        """The target set for ``fy``, or ``None``."""
        for target in self.targets:
            if target.fy == fy:
                return target
        return None

    def actual(self, fy: FiscalYear) -> Observation | None:
        """The actual recorded for ``fy``, or ``None``."""
        for actual in self.actuals:
            if actual.fy == fy:
                return actual
        return None

    def achievement(self, fy: FiscalYear) -> Fraction | None:
        """The achievement rate at ``fy``, or ``None`` without both a numeric target and an actual."""
        target, actual = self.target(fy), self.actual(fy)
        if target is None or target.value is None or actual is None:
            return None
        return achievement_rate(actual.value, target.value, self.direction)

    def progress(self, fy: FiscalYear) -> Fraction | None:
        """The progress rate at ``fy`` from the baseline, or ``None`` where a figure is missing."""
        target, actual = self.target(fy), self.actual(fy)
        if self.baseline is None or target is None or target.value is None or actual is None:
            return None
        return progress_rate(actual.value, target.value, self.baseline.value)
