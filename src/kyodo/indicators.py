"""Indicators (指標): what a plan measures, its targets and actuals, and how well it did.

Values are exact decimals, as printed (58.8, 62.5, 837,244): kyodo never
stores or computes them as binary floats. Rates are exact fractions.

The achievement rate (達成率), precisely:

* **More is better** (``Direction.INCREASE``): actual ÷ target, not capped at
  100%. Every rate printed in seed 003 (Tokorozawa) follows this.
* **Less is better** (``Direction.DECREASE``): target ÷ actual. The one printed
  case found in Japanese evaluation sheets, Kasukabe's household waste per
  person (target 727 g, actual 729 g, printed 99.7%), fits this formula and
  no other simple one (see GRADING.md in the project's shared notes).
* **Keep at or under** (``Direction.AT_MOST``): 100% while actual ≤ target,
  otherwise target ÷ actual.
* **Neither way is better** (``Direction.NEUTRAL``, a share watched such as
  男女比): no rate; a target is met when the actual reaches it (a range:
  lies within it).
* **Progress rate** (進捗率): (actual − baseline) ÷ (target − baseline), the
  share of the planned change that happened.

A ratio orders actuals only where its figures are positive: against a target
of −10 where more is better, an actual of −5 beats the target yet −5 ÷ −10
reads 50%. So the achievement rate is defined for a target above 0 (and,
where less is better, an actual above 0), and for the cases that need no
ratio: a target of 0 met by an actual of 0 where less is better, and any
actual at or under the target of a "keep at or under" indicator, are 100%.
Everywhere else (a target of 0 or below, an actual of 0 or below where less
is better) the rate is undefined and raises :class:`~kyodo.UndefinedRateError`;
a report shows such a year as 達成率を計算できない (rate undefined) and goes
on, and grading gives it no grade with that reason. Whether such a target is
met needs no ratio: :class:`~kyodo.MeetsTarget` compares the figures.

Numbers must be exact (int, Decimal or Fraction), and ints and Decimals
within the limits on numbers kyodo's readers keep; a float, a NaN, an
infinity or a Decimal such as 1E+100000000 is refused with a
:class:`~kyodo.ValidationError` before any arithmetic.

>>> from decimal import Context, Decimal, Inexact, Rounded
>>> rate = achievement_rate(Decimal("50.2"), Decimal("53.6"))
>>> rate, format_percent(rate)
(Fraction(251, 268), '93.7%')
>>> format_percent(achievement_rate(729, 727, "decrease"))  # Kasukabe: 729 g against 727 g
'99.7%'

"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Context, Decimal, Inexact, Rounded
from fractions import Fraction
from typing import Any, Final, Literal, TypeAlias, TypeVar

from attrs import field, frozen

from kyodo._checks import instance_of, items_of, one_per_year
from kyodo._labels import LabelledEnum
from kyodo._limits import number_problem, quotable
from kyodo.errors import KyodoError, Message, ValidationError
from kyodo.fiscal import FiscalYear, FiscalYearRange

__all__ = [
    "AnnualStep",
    "Baseline",
    "Direction",
    "Indicator",
    "IndicatorCategory",
    "IndicatorKind",
    "NoFigure",
    "NoFigureReason",
    "Observation",
    "PrintedDifference",
    "RateTarget",
    "RelativeTarget",
    "Series",
    "Target",
    "TargetRole",
    "TargetRule",
    "UndatedTarget",
    "UndefinedRateError",
    "achievement_rate",
    "format_figure",
    "format_percent",
    "progress_rate",
]

#: What kyodo accepts as an exact number.
Number: TypeAlias = int | Decimal | Fraction


def tuple_items_of(
    kind: type | tuple[type, ...], name: str, what: tuple[str, str] | None = None
) -> Callable[[Iterable[Any]], tuple[Any, ...]]:
    """``kyodo._checks.items_of``, passing a tuple of items of exactly ``kind`` as it is: what a reader builds.

    Checking such a tuple item by item would find nothing, and names each item's place as it goes;
    anything else (a list, a subclass, a wrong item) is checked by ``items_of``, with the same errors.
    """
    convert = items_of(kind, name, what)
    kinds = frozenset(kind if isinstance(kind, tuple) else (kind,))

    def checked(values: Iterable[Any]) -> tuple[Any, ...]:
        if type(values) is tuple and all(type(item) in kinds for item in values):
            return values
        return convert(values)

    return checked


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
    #: neither way is better (a share watched, 男女比): no achievement rate; a target is met when reached
    NEUTRAL = "neutral", "中立", "neither way is better"


def _number_error(name: str, value: object) -> ValidationError | None:
    """Why ``value`` is not an exact number kyodo computes with, as the error to raise, or None."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        kind = type(value).__name__
        return ValidationError(
            (
                name,
                (
                    f"{value!r} is a {kind}; give an exact number (int, Decimal or Fraction)",
                    f"{value!r} は {kind}。正確な数（int、Decimal、Fraction）が必要",
                ),
                "inexact_number" if isinstance(value, float | bool) else "not_a_number",
            )
        )
    # Checked before Fraction(): a NaN cannot be converted, and 1E+100000000 would take
    # minutes to expand into an integer.
    problem = None if isinstance(value, Fraction) else number_problem(value)
    return None if problem is None else ValidationError((name, problem))


def _exact(value: Number, name: str) -> Fraction:
    error = _number_error(name, value)
    if error is not None:
        raise error
    return Fraction(value)


def _undefined(actual: Number, target: Number, english: str, japanese: str) -> UndefinedRateError:
    return UndefinedRateError(
        (
            f"achievement rate of {actual} against a target of {target} is undefined: {english}",
            f"目標 {target} に対する実績 {actual} の達成率を計算できない: {japanese}",
        )
    )


def achievement_rate(actual: Number, target: Number, direction: Direction | str = Direction.INCREASE) -> Fraction:
    """The achievement rate (達成率) of ``actual`` against ``target``, exactly; see the module's rules.

    >>> from decimal import Decimal as D
    >>> achievement_rate(D("58.8"), D("58.2")), achievement_rate(32, 17)
    (Fraction(98, 97), Fraction(32, 17))

    Where less is better, a target of 0 met exactly is 100%; a ratio with a
    target of 0 or below, or (less is better) an actual of 0 or below, says
    nothing about how well the indicator did, and is undefined:

    >>> achievement_rate(0, 0, "decrease"), achievement_rate(-12, -10, "at_most")
    (Fraction(1, 1), Fraction(1, 1))
    >>> achievement_rate(3, 0)
    Traceback (most recent call last):
    kyodo.indicators.UndefinedRateError: achievement rate of 3 against a target of 0 is undefined: a ratio needs a target above 0
    >>> achievement_rate(-5, -10)  # better than the target, yet -5 ÷ -10 would read 50%
    Traceback (most recent call last):
    kyodo.indicators.UndefinedRateError: achievement rate of -5 against a target of -10 is undefined: a ratio needs a target above 0
    >>> try:
    ...     achievement_rate(3, 0, "decrease")
    ... except UndefinedRateError as error:
    ...     print(error.message("ja"))
    目標 0 に対する実績 3 の達成率を計算できない: 比で表すには 0 を超える目標が必要

    A neutral indicator (neither way is better) has no rate at all:

    >>> achievement_rate(52, 50, "neutral")
    Traceback (most recent call last):
    kyodo.indicators.UndefinedRateError: achievement rate of 52 against a target of 50 is undefined: neither more nor less is better, so no ratio says how well it did
    """
    direction = Direction.read(direction, "direction")
    exact_actual = _exact(actual, "actual")
    exact_target = _exact(target, "target")
    if direction is Direction.NEUTRAL:
        raise _undefined(
            actual,
            target,
            "neither more nor less is better, so no ratio says how well it did",
            "増減のどちらも望ましいとしない指標は、比で達成度を表せない",
        )
    if direction is Direction.AT_MOST and exact_actual <= exact_target:
        return Fraction(1)
    if direction is Direction.DECREASE and exact_actual == exact_target == 0:
        return Fraction(1)
    if exact_target <= 0:
        raise _undefined(actual, target, "a ratio needs a target above 0", "比で表すには 0 を超える目標が必要")
    if direction is Direction.INCREASE:
        return exact_actual / exact_target
    if exact_actual <= 0:
        raise _undefined(
            actual,
            target,
            "where less is better, a ratio needs an actual above 0",
            "減少が望ましい指標を比で表すには 0 を超える実績が必要",
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


def format_figure(value: Decimal) -> str:
    """A figure as sheets print it: thousands separated by commas, decimals as given.

    >>> format_figure(Decimal("837244")), format_figure(Decimal("58.8")), format_figure(Decimal("-1234.50"))
    ('837,244', '58.8', '-1,234.50')
    """
    return f"{value:,}"


def round_half_up(value: Fraction) -> int:
    """Round to the nearest integer, halves away from zero (四捨五入), exactly.

    >>> round_half_up(Fraction(5, 2)), round_half_up(Fraction(-5, 2)), round_half_up(Fraction(249, 100))
    (3, -3, 2)
    """
    if value >= 0:
        return int(value + Fraction(1, 2))
    return -int(-value + Fraction(1, 2))


#: Rates from figures within the limits stay far below this (about 1E+90 at most); past it, the
#: digits of a percentage would outgrow what Python prints from an int.
_PRINTABLE_DIGITS = 1000
_PRINTABLE = 10**_PRINTABLE_DIGITS


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
    # A Fraction (what achievement rates are) is taken as it is: it needs no check, nor a copy.
    numerator, denominator = (
        rate.as_integer_ratio() if type(rate) is Fraction else _exact(rate, "rate").as_integer_ratio()
    )
    if abs(numerator) >= _PRINTABLE * denominator:
        raise ValidationError(
            (
                "rate",
                (
                    f"a rate of {_PRINTABLE_DIGITS} digits or more is too large to print as a percentage",
                    f"{_PRINTABLE_DIGITS}桁以上の率は百分率として書けない",
                ),
            )
        )
    # round_half_up(|rate| × 10^(digits+2)) in integers: a report prints dozens of percentages a measure,
    # and Fraction arithmetic was most of its time.
    quotient, remainder = divmod(abs(numerator) * 10 ** (digits + 2), denominator)
    scaled = quotient + (2 * remainder >= denominator)
    sign = "-" if numerator < 0 and scaled else ""
    whole, fraction = divmod(scaled, 10**digits)
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


class _WordedEnum(LabelledEnum):
    """A labelled enum that :meth:`read` also finds by other words sheets print for its members."""

    @classmethod
    def words(cls) -> Mapping[str, str]:
        """The other words, with the value of the member each names."""
        raise NotImplementedError

    @classmethod
    def other_words(cls) -> tuple[str, ...]:
        """The other words sheets print for a member."""
        return tuple(cls.words())

    @classmethod
    def read(cls: type[W], value: object, name: str = "") -> W:
        """The member named by ``value``: a member, its value or label, or another word sheets print for it."""
        if isinstance(value, str):
            word = cls.words().get(unicodedata.normalize("NFKC", value).strip())
            if word is not None:
                return cls._value2member_map_[word]  # type: ignore[return-value]
        return super().read(value, name)


W = TypeVar("W", bound=_WordedEnum)


class IndicatorCategory(_WordedEnum):
    """What an indicator measures, as 事務事業評価 sheets head its row: 成果指標, 活動指標, 対象指標.

    Sheets also print 産出指標 or アウトプット for an activity indicator and
    アウトカム for an outcome; :meth:`read` takes those words too.

    >>> IndicatorCategory.read("産出指標"), IndicatorCategory.read("成果指標").label_en
    (<IndicatorCategory.OUTPUT: 'output'>, 'outcome')
    """

    #: what the work achieved (成果指標, アウトカム): the participation rate
    OUTCOME = "outcome", "成果指標", "outcome"
    #: how much work was done (活動指標, 産出指標, アウトプット): courses held
    OUTPUT = "output", "活動指標", "output"
    #: what the work is aimed at (対象指標): the number of residents or bodies concerned
    CONTEXT = "context", "対象指標", "context"

    @classmethod
    def words(cls) -> Mapping[str, str]:
        """産出指標, アウトカム and the other words sheets print for a category, with the value each names."""
        return _CATEGORY_WORDS


#: Other words sheets print for an indicator's category.
_CATEGORY_WORDS: Final = {
    "産出指標": "output",
    "アウトプット": "output",
    "アウトプット指標": "output",
    "活動": "output",
    "アウトカム": "outcome",
    "アウトカム指標": "outcome",
    "成果": "outcome",
    "対象": "context",
}


class RateTarget(LabelledEnum):
    """The target a sheet's 達成率 is measured against."""

    #: each year's own target (the usual case)
    YEAR = "year", "その年度の目標", "the year's target"
    #: the first target from the year on (a 中間目標値)
    NEXT = "next", "次の目標", "the next target"
    #: the last target (新庄市's sheets print every year's rate against it)
    FINAL = "final", "最終目標", "the final target"


class TargetRole(LabelledEnum):
    """What a target is in the plan."""

    #: a year's planned value (計画)
    ANNUAL = "annual", "計画", "annual"
    #: a mid-term target (中期目標値, 中間目標)
    MID_TERM = "mid_term", "中期目標", "mid-term"
    #: the final target (最終目標, 将来目標)
    FINAL = "final", "最終目標", "final"


def _decimal(value: Decimal | int) -> Decimal:
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
    if isinstance(value, int | Decimal):
        # The limits of the readers hold for figures built in code too, so that no later
        # rate has to expand 1E+100000000 into an integer.
        problem = number_problem(value)
        if problem is not None:
            raise ValidationError(("value", problem))
        return Decimal(value)
    raise ValidationError(
        (
            "value",
            (
                f"expected an int or a Decimal, not {type(value).__name__} {value!r}",
                f"int か Decimal が必要（{type(value).__name__} {value!r} が渡された）",
            ),
        )
    )


def _optional_decimal(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else _decimal(value)


_is_fiscal_year = instance_of(FiscalYear, "fy")


def _target_role(value: TargetRole | str) -> TargetRole:
    return TargetRole.read(value, "role")


def _direction(value: Direction | str) -> Direction:
    return Direction.read(value, "direction")


def _indicator_category(value: IndicatorCategory | str | None) -> IndicatorCategory | None:
    return None if value is None else IndicatorCategory.read(value, "category")


def _rates_toward(value: RateTarget | str) -> RateTarget:
    return RateTarget.read(value, "rates_toward")


def _indicator_kind(value: IndicatorKind | str | None) -> IndicatorKind | None:
    return None if value is None else IndicatorKind.read(value, "kind")


def _is_day(_instance: object, _attribute: object, value: date | None) -> None:
    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise ValidationError(
            ("on", (f"expected a date, not {type(value).__name__}", f"日付が必要（{type(value).__name__} ではない）"))
        )


def _printed_rate(value: str | None) -> str | None:
    """A printed 達成率 kept as printed, so its precision (96% or 96.0%) is known; it must read as a percentage."""
    if value is None:
        return None
    if not isinstance(value, str) or not _PRINTED_RATE.fullmatch(unicodedata.normalize("NFKC", value)):
        raise ValidationError(
            (
                "printed_rate",
                (
                    f"a printed rate is a percentage as the sheet prints it (96.0%, 102%), not {quotable(value)!r}",
                    f"印刷された率はシートのとおりの百分率（96.0%、102%）で、{quotable(value)!r} は使えない",
                ),
            )
        )
    return value


_PRINTED_RATE: Final = re.compile(r"\s*+-?\d{1,7}(?:\.\d{1,6})?\s*+%\s*+")


def _words(name: str, what: tuple[str, str]) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: ``None``, or text that is not blank (the sheet's own words)."""

    def check(_instance: object, _attribute: object, value: object) -> None:
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ValidationError(
                (
                    name,
                    (
                        f"{what[0]} is the sheet's words, as text, not {quotable(value)!r}",
                        f"{what[1]}はシートの表記（文字列）が必要（{quotable(value)!r} ではない）",
                    ),
                )
            )

    return check


def _check_not_both(estimate: bool, preliminary: bool) -> None:
    if estimate and preliminary:
        raise ValidationError(
            (
                "preliminary",
                (
                    "a value is an estimate (見込み) or preliminary (速報値), not both",
                    "値は見込みか速報値のどちらかで、両方にはならない",
                ),
            )
        )


@frozen(repr=False)
class Observation:
    """A value observed at a fiscal year: a baseline (現状) or an actual (実績).

    ``estimate`` marks a value printed as an estimate (見込み), a figure
    for a year not yet over; ``preliminary`` one printed as a 速報値, counted
    after the year but not yet confirmed. Neither is a final figure (確定値),
    and a value cannot be both:

    >>> Observation(FiscalYear(2014), 37, estimate=True)
    Observation(fy=FiscalYear(2014), value=Decimal('37'), estimate=True)
    >>> Observation(FiscalYear(2014), 37, estimate=True, preliminary=True)
    Traceback (most recent call last):
    kyodo.errors.ValidationError: preliminary: a value is an estimate (見込み) or preliminary (速報値), not both

    ``printed_rate`` is the 達成率 the sheet prints beside an actual, kept as
    printed; :meth:`Indicator.printed_differences` compares it with the rate
    kyodo computes, at the precision the sheet prints. ``on`` is the day a
    value was observed where the sheet says (16地区, 令和2年1月27日現在).
    ``stage`` is the sheet's own word for which of a year's figures this is
    (速報値, 確定値, 第1回調査), where it prints more than one for the year.
    """

    fy: FiscalYear = field(validator=_is_fiscal_year)
    value: Decimal = field(converter=_decimal)
    estimate: bool = False
    preliminary: bool = False
    printed_rate: str | None = field(default=None, converter=_printed_rate)
    on: date | None = field(default=None, validator=_is_day)
    stage: str | None = field(default=None, validator=_words("stage", ("a figure's stage", "値の段階")))

    def __attrs_post_init__(self) -> None:
        _check_not_both(self.estimate, self.preliminary)

    def __repr__(self) -> str:
        shown = [f"fy={self.fy!r}", f"value={self.value!r}"]
        # Only what is set: most observations are plain final figures.
        shown += [f"{name}=True" for name in ("estimate", "preliminary") if getattr(self, name)]
        if self.printed_rate is not None:
            shown.append(f"printed_rate={self.printed_rate!r}")
        shown += [f"{name}={getattr(self, name)!r}" for name in ("on", "stage") if getattr(self, name) is not None]
        return f"Observation({', '.join(shown)})"

    @property
    def final(self) -> bool:
        """True for a final figure (確定値): neither an estimate nor preliminary."""
        return not (self.estimate or self.preliminary)

    @property
    def printed_digits(self) -> int | None:
        """How many decimals the printed rate has (1 for 96.0%), or None without one."""
        if self.printed_rate is None:
            return None
        number = unicodedata.normalize("NFKC", self.printed_rate).strip().rstrip("%").strip()
        return len(number.partition(".")[2])


def read_observation(fy: FiscalYear, value: Decimal, estimate: bool = False, preliminary: bool = False) -> Observation:
    """``Observation(fy, value, estimate, preliminary)``, for a reader that has checked them all: ``fy`` a
    FiscalYear, ``value`` a Decimal within the limits on numbers (what ``kyodo._convert._structure_decimal``
    returns), ``estimate`` and ``preliminary`` bools, not both true.

    A file's actuals are mostly such plain figures, and the constructor would check again what the reader
    has just checked; this sets the fields as the constructor would, to the same object.
    """
    observation: Observation = object.__new__(Observation)
    _set = object.__setattr__
    _set(observation, "fy", fy)
    _set(observation, "value", value)
    _set(observation, "estimate", estimate)
    _set(observation, "preliminary", preliminary)
    _set(observation, "printed_rate", None)
    _set(observation, "on", None)
    _set(observation, "stage", None)
    return observation


class NoFigureReason(_WordedEnum):
    """Why a sheet prints a word or a mark where a year's actual would be.

    :meth:`read` takes the words that say it plainly too (集計中 is
    ``pending``, 未実施 ``not_measured``, 該当なし ``not_applicable``);
    なし and －, which sheets print for several of these, say no reason.
    """

    #: nothing was measured or done that year (未実施, 未測定, 未調査)
    NOT_MEASURED = "not_measured", "未実施", "not measured"
    #: the figure is still being counted (集計中, 調査中)
    PENDING = "pending", "集計中", "pending"
    #: the indicator does not apply that year (該当なし)
    NOT_APPLICABLE = "not_applicable", "該当なし", "not applicable"
    #: the actual is stated in words, not a figure (完了, 策定, 設置)
    WORDS = "words", "文言", "in words"

    @classmethod
    def words(cls) -> Mapping[str, str]:
        """未測定, 調査中 and the other words that say why there is no figure, with the reason each names."""
        return _REASON_WORDS

    @classmethod
    def of_word(cls, text: str) -> NoFigureReason | None:
        """The reason a printed word says by itself (集計中: pending), or None (なし, －, 完了 say none).

        >>> NoFigureReason.of_word("集計中"), NoFigureReason.of_word("なし")
        (<NoFigureReason.PENDING: 'pending'>, None)
        """
        normal = unicodedata.normalize("NFKC", text).strip()
        word = _REASON_WORDS.get(normal) or {member.label: member.value for member in cls}.get(normal)
        if word is None or word == "words":
            return None
        return cls._value2member_map_[word]  # type: ignore[return-value]


#: Words sheets print that say why a year has no figure.
_REASON_WORDS: Final = {
    "未実施": "not_measured",
    "未測定": "not_measured",
    "未調査": "not_measured",
    "調査なし": "not_measured",
    "集計中": "pending",
    "調査中": "pending",
    "未集計": "pending",
    "未確定": "pending",
    "該当なし": "not_applicable",
    "対象外": "not_applicable",
}


def _no_figure_reason(value: NoFigureReason | str | None) -> NoFigureReason | None:
    return None if value is None else NoFigureReason.read(value, "reason")


@frozen(repr=False)
class NoFigure:
    """A year whose actual the sheet prints as a word or a mark, not a figure: なし, －, 集計中, 完了.

    ``text`` is what the sheet prints, kept exactly; ``reason`` why there is
    no figure, where the sheet says (None: it does not; なし and － say
    nothing by themselves). A year's words stand in for its actual only
    where the year has no figure: rates then have none, and say why
    (:meth:`Indicator.achievement`). ``estimate``, ``preliminary``, ``on``
    and ``stage`` tell which of a year's printed cells it is, as for
    :class:`Observation`.

    >>> NoFigure(FiscalYear(2019), "集計中", "pending")
    NoFigure(fy=FiscalYear(2019), text='集計中', reason='pending')
    >>> print(NoFigure(FiscalYear(2019), "－").describe("en"))
    printed as 「－」 (the sheet gives no reason)
    """

    fy: FiscalYear = field(validator=_is_fiscal_year)
    text: str = field(validator=_words("text", ("the printed word", "印刷された文言")))
    reason: NoFigureReason | None = field(default=None, converter=_no_figure_reason)
    estimate: bool = False
    preliminary: bool = False
    on: date | None = field(default=None, validator=_is_day)
    stage: str | None = field(default=None, validator=_words("stage", ("a figure's stage", "値の段階")))

    def __attrs_post_init__(self) -> None:
        _check_not_both(self.estimate, self.preliminary)

    def __repr__(self) -> str:
        shown = [f"fy={self.fy!r}", f"text={self.text!r}"]
        if self.reason is not None:
            shown.append(f"reason={self.reason.value!r}")
        shown += [f"{name}=True" for name in ("estimate", "preliminary") if getattr(self, name)]
        shown += [f"{name}={getattr(self, name)!r}" for name in ("on", "stage") if getattr(self, name) is not None]
        return f"NoFigure({', '.join(shown)})"

    def describe(self, locale: str = "en") -> str:
        """Why the year has no figure, in words: printed as 「集計中」 (pending)."""
        if locale == "ja":
            reason = "理由の記載なし" if self.reason is None else self.reason.label
            return f"「{self.text}」と印刷（{reason}）"
        reason = "the sheet gives no reason" if self.reason is None else self.reason.label_en
        return f"printed as 「{self.text}」 ({reason})"


def _which(entry: Observation | NoFigure) -> tuple[object, ...]:
    """What tells one of a year's printed cells from another: its stage, its day, and whether final."""
    return (entry.stage, entry.on, entry.estimate, entry.preliminary)


def _which_text(entry: Observation | NoFigure) -> str:
    return entry.text if isinstance(entry, NoFigure) else format_figure(entry.value)


def _distinct_per_year(name: str) -> Callable[[object, object, tuple[Observation | NoFigure, ...]], None]:
    """An attrs validator: a year may hold several figures (速報値 and 確定値), each told apart from the others."""

    def check(_instance: object, _attribute: object, entries: tuple[Observation | NoFigure, ...]) -> None:
        if len({entry.fy for entry in entries}) == len(entries):
            return  # one cell a year, as most sheets print
        seen: dict[tuple[object, ...], Observation | NoFigure] = {}
        for entry in entries:
            key = (entry.fy, *_which(entry))
            if key in seen:
                first, second = _which_text(seen[key]), _which_text(entry)
                raise ValidationError(
                    (
                        name,
                        (
                            f"{entry.fy} has two actuals ({first} and {second}) that nothing tells apart;"
                            " give each its stage (速報値, 確定値), day (on) or estimate/preliminary mark",
                            f"{entry.fy} に区別のない実績が二つある（{first} と {second}）。"
                            "段階（stage: 速報値、確定値）、日付（on）、見込み・速報値の印のどれかで区別する",
                        ),
                        "duplicate",
                    )
                )
            seen[key] = entry

    return check


def _when_printed(_instance: object, _attribute: object, value: str | None) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            (
                "when",
                (
                    f"the sheet's words for when are text, not {quotable(value)!r}",
                    f"時点の表記は文字列が必要（{quotable(value)!r} ではない）",
                ),
            )
        )


@frozen(repr=False)
class Baseline:
    """A baseline (基準値, 現状値) printed without its fiscal year or its value, or with words for when.

    A baseline measured in a known year is an :class:`Observation`. Sheets
    also print baselines as 策定時 (when the plan was drawn up) or 計画策定時
    with no year, years that are not legible, and years whose value is
    "－". A ``Baseline`` holds what the sheet prints: ``value`` (None when
    not printed), ``fy`` (None when not printed) and ``when``, the sheet's
    own words for the moment (策定時). A basis that needs the missing part
    gives no figure and says why; kyodo never guesses the year.

    >>> at_drafting = Baseline(Decimal("58.8"), when="策定時")
    >>> at_drafting
    Baseline(value=Decimal('58.8'), when='策定時')
    >>> str(at_drafting), str(Baseline(None, FiscalYear(2018)))
    ('58.8（策定時）', '－（平成30年度）')
    >>> Baseline(None)
    Traceback (most recent call last):
    kyodo.errors.ValidationError: value: a baseline with neither a value nor a year or time says nothing; leave it out
    """

    value: Decimal | None = field(default=None, converter=_optional_decimal)
    fy: FiscalYear | None = field(
        default=None,
        validator=instance_of(FiscalYear, "fy", ("a FiscalYear or None", "FiscalYear か None"), optional=True),
    )
    when: str | None = field(default=None, validator=_when_printed)
    estimate: bool = False
    preliminary: bool = False

    def __attrs_post_init__(self) -> None:
        if self.value is None and self.fy is None and self.when is None:
            raise ValidationError(
                (
                    "value",
                    (
                        "a baseline with neither a value nor a year or time says nothing; leave it out",
                        "値も年度も時点もない基準値は何も表さない。省く",
                    ),
                )
            )
        if self.value is not None and self.fy is not None and self.when is None:
            raise ValidationError(
                (
                    "when",
                    (
                        "a baseline with its value and its year is an Observation(fy, value)",
                        "値と年度のある基準値は Observation(fy, value) で表す",
                    ),
                )
            )
        _check_not_both(self.estimate, self.preliminary)

    def __repr__(self) -> str:
        shown = [f"value={self.value!r}"]
        shown += [f"{name}={getattr(self, name)!r}" for name in ("fy", "when") if getattr(self, name) is not None]
        shown += [f"{name}=True" for name in ("estimate", "preliminary") if getattr(self, name)]
        return f"Baseline({', '.join(shown)})"

    def __str__(self) -> str:
        return baseline_text(self)

    @property
    def final(self) -> bool:
        """True for a final figure (確定値): neither an estimate nor preliminary."""
        return not (self.estimate or self.preliminary)


def baseline_text(baseline: Observation | Baseline, locale: str = "ja") -> str:
    """A baseline as a sheet prints it: the value, then when it was measured and whether it is final.

    >>> baseline_text(Observation(FiscalYear(2014), 37, estimate=True))
    '37（平成26年度・見込み）'
    >>> baseline_text(Baseline(Decimal(837244), FiscalYear(2010), "計画策定時"))
    '837,244（計画策定時・平成22年度）'
    >>> baseline_text(Observation(FiscalYear(2014), 37, estimate=True), "en")
    '37 (FY2014, estimate)'
    """
    japanese = locale == "ja"
    value = "－" if baseline.value is None else format_figure(baseline.value)
    when = [baseline.when] if isinstance(baseline, Baseline) and baseline.when is not None else []
    when += [] if baseline.fy is None else [str(baseline.fy) if japanese else baseline.fy.format("fy")]
    if baseline.estimate or baseline.preliminary:
        kind = ("見込み", "estimate") if baseline.estimate else ("速報値", "preliminary")
        when.append(kind[0] if japanese else kind[1])
    if not when:
        return value
    return f"{value}（{'・'.join(when)}）" if japanese else f"{value} ({', '.join(when)})"


def baseline_figures(baseline: Observation | Baseline | None) -> tuple[FiscalYear | None, Decimal | None]:
    """The year and value of any baseline, either of them None where the sheet does not print it.

    >>> baseline_figures(Observation(FiscalYear(2014), 37))
    (FiscalYear(2014), Decimal('37'))
    >>> baseline_figures(Baseline(Decimal(12), when="策定時")), baseline_figures(None)
    ((None, Decimal('12')), (None, None))
    """
    if baseline is None:
        return None, None
    return baseline.fy, baseline.value


#: Which side of its value a target is met on (以上, 以下); None: the direction decides.
_Bound: TypeAlias = Literal["at_least", "at_most"]


def _bound(value: _Bound | None) -> _Bound | None:
    if value is None or value in ("at_least", "at_most"):
        return value
    raise ValidationError(
        (
            "bound",
            (
                f"a target's bound is at_least (以上) or at_most (以下), not {quotable(value)!r}",
                f"目標の向きは at_least（以上）か at_most（以下）で、{quotable(value)!r} は使えない",
            ),
            "unknown_label",
        )
    )


def _check_target(target: Target | UndatedTarget, what: Callable[[], tuple[str, str]]) -> None:
    """Refuse a target with neither a value nor a text, a range upside down, or a range with a bound.

    ``what`` names the target in a message; it is called only for one, as most targets pass.
    """
    if target.value is None and not target.text:
        english, japanese = what()
        raise ValidationError(("", (f"{english} has neither a value nor a text", f"{japanese}に値もテキストもない")))
    if (target.upper is not None or target.bound is not None) and target.value is None:
        raise ValidationError(
            ("value", ("a range or a bound needs the target's value", "範囲や以上・以下には目標の値が必要"))
        )
    if target.upper is not None and target.value is not None and target.upper <= target.value:
        raise ValidationError(
            (
                "upper",
                (
                    f"a range runs up from {target.value}, so its upper end must be above it, not {target.upper}",
                    f"範囲は {target.value} から上へ。上端は {target.value} より大きい（{target.upper} ではない）",
                ),
            )
        )
    if target.upper is not None and target.bound is not None:
        raise ValidationError(
            ("bound", ("a target is a range or has a bound, not both", "目標は範囲か以上・以下のどちらか"))
        )


def _target_text(target: Target | UndatedTarget, grouping: bool) -> str:
    if target.value is None:
        return target.text or ""
    shown = format_figure if grouping else str
    if target.upper is not None:
        return f"{shown(target.value)}～{shown(target.upper)}"
    if target.bound is not None:
        return f"{shown(target.value)}{'以上' if target.bound == 'at_least' else '以下'}"
    return shown(target.value)


@frozen
class Target:
    """What an indicator should reach by a fiscal year.

    A qualitative target (継続して拡充, "keep expanding") has ``value=None``
    and says what it means in ``text``. A range (40～45) has ``value`` and
    ``upper``; a target printed with its own bound (45以上, 10以下) has
    ``bound``, which wins over the indicator's direction for that year.

    >>> Target(FiscalYear(2018), 66).value, Target(FiscalYear(2019), text="継続して拡充").is_numeric
    (Decimal('66'), False)
    >>> str(Target(FiscalYear(2018), 40, upper=45)), str(Target(FiscalYear(2018), 10, bound="at_most"))
    ('40～45', '10以下')
    """

    fy: FiscalYear = field(validator=_is_fiscal_year)
    value: Decimal | None = field(default=None, converter=_optional_decimal)
    text: str | None = None
    role: TargetRole = field(default=TargetRole.ANNUAL, converter=_target_role)
    upper: Decimal | None = field(default=None, converter=_optional_decimal)
    bound: _Bound | None = field(default=None, converter=_bound)
    #: the rule that set it (基準年比10%削減), where the sheet prints a rule and not the figure
    rule: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_target(self, lambda: (f"the target for {self.fy}", f"{self.fy} の目標"))

    @property
    def is_numeric(self) -> bool:
        """True when the target has a number to be measured against."""
        return self.value is not None

    def measured(self, direction: Direction) -> tuple[Decimal, Direction] | None:
        """The figure an actual is measured against, and the direction that applies, or None.

        A range is met from its lower end where more is better, and up to its
        upper end where less is better; a bound printed with the target
        (以上, 以下) decides the direction for that year.

        >>> Target(FiscalYear(2018), 40, upper=45).measured(Direction.DECREASE)
        (Decimal('45'), <Direction.DECREASE: 'decrease'>)
        >>> Target(FiscalYear(2018), 10, bound="at_most").measured(Direction.INCREASE)
        (Decimal('10'), <Direction.AT_MOST: 'at_most'>)
        """
        if self.value is None:
            return None
        if self.upper is not None:
            return (self.value, direction) if direction is Direction.INCREASE else (self.upper, direction)
        if self.bound == "at_most" and direction is Direction.INCREASE:
            return self.value, Direction.AT_MOST
        if self.bound == "at_least" and direction is not Direction.INCREASE:
            return self.value, Direction.INCREASE
        return self.value, direction

    def __str__(self) -> str:
        """The target as a sheet prints it: 66, 40～45, 45以上, or its text."""
        return self.format()

    def format(self, grouping: bool = False) -> str:
        """The target as a sheet prints it, with thousands separated by commas if ``grouping`` (910,000).

        >>> Target(FiscalYear(2022), 910000).format(grouping=True), str(Target(FiscalYear(2018), 40, upper=45))
        ('910,000', '40～45')
        """
        return _target_text(self, grouping)


#: Words that name a plan's last year by themselves (最終目標), and how N-year targets are printed (5ヵ年目標).
_LAST_YEAR_WORDS: Final = ("最終目標", "最終目標値", "最終年度目標", "計画最終年度", "目標年度")
_YEARS_WORDS: Final = re.compile(r"(\d{1,2})(?:ヵ|ケ|ヶ|か|カ|箇)?年(?:間)?(?:後の)?目標(?:値)?")


def read_target(fy: FiscalYear, value: Decimal) -> Target:
    """``Target(fy, value)``, for a reader that has checked both: ``fy`` a FiscalYear, ``value`` a Decimal
    within the limits on numbers (what ``kyodo._convert._structure_decimal`` returns).

    A year's target is mostly such a plain figure, which passes every check of the constructor; this sets
    the fields as the constructor would, to the same object.
    """
    target: Target = object.__new__(Target)
    _set = object.__setattr__
    _set(target, "fy", fy)
    _set(target, "value", value)
    _set(target, "text", None)
    _set(target, "role", TargetRole.ANNUAL)
    _set(target, "upper", None)
    _set(target, "bound", None)
    _set(target, "rule", None)
    return target


@frozen
class UndatedTarget:
    """A target the sheet keys by its own words, not a fiscal year: 5ヵ年目標, 最終目標, 計画期間中, 中間目標.

    kyodo keeps ``when`` as printed and invents no year. :meth:`year_in`
    says which year the words name where the plan's period settles it (the
    period's last year for 最終目標, or for an N-year target in a plan of N
    years), as an inference; 計画期間中 (throughout) and 中間目標 (whose
    midpoint the sheet does not print) name none.

    >>> from kyodo.fiscal import FiscalYearRange
    >>> five = UndatedTarget("5ヵ年目標", Decimal(1400), role="final")
    >>> str(five), five.year_in(FiscalYearRange(FiscalYear(2001), FiscalYear(2005)))
    ('1400', FiscalYear(2005))
    >>> UndatedTarget("計画期間中", text="継続").year_in(FiscalYearRange(FiscalYear(2001), FiscalYear(2005))) is None
    True
    """

    when: str = field(validator=_words("when", ("the words for when", "時点の表記")))
    value: Decimal | None = field(default=None, converter=_optional_decimal)
    text: str | None = None
    role: TargetRole = field(default=TargetRole.ANNUAL, converter=_target_role)
    upper: Decimal | None = field(default=None, converter=_optional_decimal)
    bound: _Bound | None = field(default=None, converter=_bound)

    def __attrs_post_init__(self) -> None:
        _check_target(self, lambda: (f"the target {self.when!r}", f"目標「{self.when}」"))

    def __str__(self) -> str:
        return self.format()

    def format(self, grouping: bool = False) -> str:
        """The target as a sheet prints it: 1,400 (``grouping``), 40～45, 45以上, or its text."""
        return _target_text(self, grouping)

    def year_in(self, period: FiscalYearRange) -> FiscalYear | None:
        """The fiscal year the words name in a plan of ``period``, where the period settles it; otherwise None."""
        words = "".join(unicodedata.normalize("NFKC", self.when).split())
        if words in _LAST_YEAR_WORDS:
            return period.last
        match = _YEARS_WORDS.fullmatch(words)
        if match is not None and int(match[1]) == len(period):
            return period.last
        return None


@frozen
class PrintedDifference:
    """A year whose printed 達成率 is not the rate kyodo computes, at the precision the sheet prints.

    ``computed`` is kyodo's rate written to the printed number of decimals,
    or None where kyodo computes none (no numeric target, or an undefined
    rate).
    """

    fy: FiscalYear
    printed: str
    computed: str | None

    def message(self, locale: str = "en") -> str:
        """The difference in a sentence."""
        if locale == "ja":
            if self.computed is None:
                return f"{self.fy} の印刷された達成率 {self.printed} に対し、計算できる達成率がない"
            return f"{self.fy} の印刷された達成率 {self.printed} は、計算した {self.computed} と異なる"
        if self.computed is None:
            return f"{self.fy.format('fy')}: the sheet prints a rate of {self.printed}, but none can be computed"
        return (
            f"{self.fy.format('fy')}: the sheet prints a rate of {self.printed}, but the figures give {self.computed}"
        )


def _rule_percent(value: Decimal | int) -> Decimal:
    number = _decimal(value)
    if number <= -100:
        raise ValidationError(
            (
                "percent",
                (
                    f"a change of {number}% would leave nothing or less; expected above -100",
                    f"{number}% の変化では何も残らない。-100 を超える値が必要",
                ),
                "out_of_range",
            )
        )
    return number


@frozen
class RelativeTarget:
    """A target printed as a change from a base year: 基準年（平成19年度）比 10% 削減 by 令和2年度.

    The target at ``fy`` is the base year's figure (the indicator's baseline
    if it is of that year, otherwise its actual) changed by ``percent``
    (-10 for a 10% cut), exactly. ``text`` keeps the rule as printed.

    >>> rule = RelativeTarget(FiscalYear(2007), Decimal(-10), FiscalYear(2020), "基準年比10%削減")
    >>> rule.targets(Decimal(729))
    (Target(fy=FiscalYear(2020), value=Decimal('656.1'), text=None, role=<TargetRole.ANNUAL: 'annual'>, upper=None, bound=None, rule='基準年比10%削減'),)
    """

    base: FiscalYear = field(validator=_is_fiscal_year)
    percent: Decimal = field(converter=_rule_percent)
    fy: FiscalYear = field(validator=_is_fiscal_year)
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.fy.year <= self.base.year:
            raise ValidationError(
                (
                    "fy",
                    (
                        f"the target year {self.fy} must come after the base year {self.base}",
                        f"目標年度 {self.fy} は基準年度 {self.base} より後が必要",
                    ),
                    "out_of_range",
                )
            )

    @property
    def label(self) -> str:
        """The rule as printed, or as kyodo words it: 平成19年度比 -10%."""
        return self.text or f"{self.base}比 {self.percent:+}%"

    def targets(self, base_value: Decimal) -> tuple[Target, ...]:
        """The target the rule sets, from the base year's figure."""
        value = _EXACT_RULE.divide(_EXACT_RULE.multiply(base_value, Decimal(100) + self.percent), Decimal(100))
        return (Target(self.fy, value, rule=self.label),)


@frozen
class AnnualStep:
    """Targets printed as a step each year from a base: 毎年 0.4ポイント増 from 平成30年度 to 令和6年度.

    The target of each year after ``base`` through ``until`` is the base
    year's figure plus ``step`` times the years elapsed, exactly.

    >>> rule = AnnualStep(FiscalYear(2018), Decimal("0.4"), FiscalYear(2020))
    >>> [(target.fy.year, target.value) for target in rule.targets(Decimal("58.8"))]
    [(2019, Decimal('59.2')), (2020, Decimal('59.6'))]
    """

    base: FiscalYear = field(validator=_is_fiscal_year)
    step: Decimal = field(converter=_decimal)
    until: FiscalYear = field(validator=_is_fiscal_year)
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.until.year <= self.base.year:
            raise ValidationError(
                (
                    "until",
                    (
                        f"the last year {self.until} must come after the base year {self.base}",
                        f"最終年度 {self.until} は基準年度 {self.base} より後が必要",
                    ),
                    "out_of_range",
                )
            )
        if self.until.year - self.base.year > 100:
            raise ValidationError(
                ("until", ("a rule sets targets for at most 100 years", "規則が定める目標は 100 年度まで"), "too_large")
            )

    @property
    def label(self) -> str:
        """The rule as printed, or as kyodo words it: 平成30年度から毎年 +0.4."""
        return self.text or f"{self.base}から毎年 {self.step:+}"

    def targets(self, base_value: Decimal) -> tuple[Target, ...]:
        """The targets the rule sets, one a year, from the base year's figure."""
        return tuple(
            Target(
                self.base + years,
                _EXACT_RULE.add(base_value, _EXACT_RULE.multiply(self.step, Decimal(years))),
                rule=self.label,
            )
            for years in range(1, self.until.year - self.base.year + 1)
        )


#: A rule that sets an indicator's targets.
TargetRule: TypeAlias = RelativeTarget | AnnualStep
#: Exact arithmetic for rules: figures within kyodo's limits never need more than these digits.
_EXACT_RULE: Final = Context(prec=100, traps=[Inexact, Rounded])


def _sorted_by_year(entries: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(entries, key=lambda entry: entry.fy.year))


def _targets(entries: Iterable[Target]) -> tuple[Target, ...]:
    return _sorted_by_year(_target_items(entries))


def _series_name(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            ("name", (f"a series needs a name, not {value!r}", f"系列には名前が必要（{value!r} ではない）"))
        )


def _out_of(_instance: object, _attribute: object, value: int | None) -> None:
    if value is not None and (type(value) is not int or value < 1):
        raise ValidationError(
            ("out_of", (f"expected a whole number of at least 1, not {value!r}", f"1 以上の整数が必要（{value!r}）"))
        )


_series_value_items = tuple_items_of(
    Observation, "values", ("a figure (a series holds numbers)", "数値（系列は数値のみ）")
)


def _series_values(values: Iterable[Observation]) -> tuple[Observation, ...]:
    return _sorted_by_year(_series_value_items(values))


@frozen
class Series:
    """Figures a sheet prints beside an indicator, per year: a comparison, a rank, a survey's answers.

    A 中核市 sheet prints 中核市平均 beside the city's figure and 本市順位
    (the city's rank ``out_of`` 62); a survey prints the share of each answer
    (満足 3.8%, やや満足 30.8%) beside the total it reports. None of them is
    graded; reports print them under the indicator.

    >>> rank = Series("本市順位", "位", [Observation(FiscalYear(2018), 12)], out_of=62)
    >>> rank.value(FiscalYear(2018)), rank.out_of
    (Decimal('12'), 62)
    """

    name: str = field(validator=_series_name)
    unit: str = ""
    values: tuple[Observation, ...] = field(default=(), converter=_series_values, validator=one_per_year("values"))
    #: for a rank, how many were ranked (62 中核市)
    out_of: int | None = field(default=None, validator=_out_of)

    def value(self, fy: FiscalYear) -> Decimal | None:
        """The series' figure for ``fy``, or None."""
        return next((observation.value for observation in self.values if observation.fy == fy), None)


_series_items = tuple_items_of(Series, "series")
_no_figure_items = tuple_items_of(NoFigure, "no_figures")
_undated_items = tuple_items_of(UndatedTarget, "undated_targets")


_actual_items = tuple_items_of(
    (Observation, NoFigure), "actuals", ("an Observation or a NoFigure", "Observation か NoFigure")
)


def _actuals_and_words(values: Iterable[Observation | NoFigure]) -> tuple[Observation, ...]:
    return _sorted_by_year(_actual_items(values))


def _no_figures(values: Iterable[NoFigure]) -> tuple[NoFigure, ...]:
    if values == ():
        return ()  # most indicators: read without the checks
    return _sorted_by_year(_no_figure_items(values))


def _undated_targets(values: Iterable[UndatedTarget]) -> tuple[UndatedTarget, ...]:
    if values == ():
        return ()
    items: tuple[UndatedTarget, ...] = _undated_items(values)
    words = [unicodedata.normalize("NFKC", item.when).strip() for item in items]
    for index, word in enumerate(words):
        if word in words[:index]:
            raise ValidationError(
                (
                    f"undated_targets[{index}]",
                    (f"{items[index].when!r} appears twice", f"{items[index].when!r} が二度ある"),
                    "duplicate",
                )
            )
    return items


_rule_items = tuple_items_of(
    (RelativeTarget, AnnualStep), "target_rules", ("a RelativeTarget or an AnnualStep", "RelativeTarget か AnnualStep")
)


def _target_rules(values: Iterable[TargetRule]) -> tuple[TargetRule, ...]:
    return _rule_items(values)


def _series(values: Iterable[Series]) -> tuple[Series, ...]:
    items: tuple[Series, ...] = _series_items(values)
    names = [item.name for item in items]
    for name in names:
        if names.count(name) > 1:
            raise ValidationError(("series", (f"{name!r} appears twice", f"{name!r} が二度ある"), "duplicate"))
    return items


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
    baseline: Observation | Baseline | None = field(
        default=None,
        validator=instance_of(
            (Observation, Baseline),
            "baseline",
            ("an Observation, a Baseline or None", "Observation、Baseline または None"),
            optional=True,
        ),
    )
    targets: tuple[Target, ...] = field(default=(), converter=_targets, validator=one_per_year("targets"))
    #: each year's figures; rates use the last of a year's (the 確定値 after its 速報値), see :meth:`actual`;
    #: a :class:`NoFigure` given here joins :attr:`no_figures`
    actuals: tuple[Observation, ...] = field(
        default=(), converter=_actuals_and_words, validator=_distinct_per_year("actuals")
    )
    kind: IndicatorKind | None = field(default=None, converter=_indicator_kind)
    note: str | None = None
    #: the indicator counts calendar years (暦年, January to December), keyed by the year's number
    calendar_year: bool = False
    #: what it measures, as the sheet heads its row (成果指標, 活動指標, 対象指標)
    category: IndicatorCategory | None = field(default=None, converter=_indicator_category)
    #: the target the sheet's 達成率 is against: the year's own (``year``), the next (``next``) or the last (``final``)
    rates_toward: RateTarget = field(default=RateTarget.YEAR, converter=_rates_toward)
    #: rules that set targets (基準年比10%削減, 毎年0.4ポイント増); their targets join ``targets``, marked with the rule
    target_rules: tuple[TargetRule, ...] = field(default=(), converter=_target_rules)
    #: figures printed beside it per year: a comparison (中核市平均), a rank (本市順位), a survey's answers
    series: tuple[Series, ...] = field(default=(), converter=_series)
    #: years whose actual the sheet prints as a word or a mark (なし, －, 集計中, 完了), not a figure
    no_figures: tuple[NoFigure, ...] = field(default=(), converter=_no_figures)
    #: targets the sheet keys by its own words (5ヵ年目標, 計画期間中), with no fiscal year
    undated_targets: tuple[UndatedTarget, ...] = field(default=(), converter=_undated_targets)
    # Each year's target and actual, found by the year's (cached) hash instead of comparing every entry.
    _target_by_fy: dict[FiscalYear, Target] = field(init=False, eq=False, repr=False, hash=False)
    _actual_by_fy: dict[FiscalYear, Observation] = field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationError(("name", ("an indicator needs a name", "指標には名前が必要")))
        if any(isinstance(entry, NoFigure) for entry in self.actuals):
            # Words read with the figures (a file's actuals table holds both) are kept apart from them.
            words = [entry for entry in self.actuals if isinstance(entry, NoFigure)]
            object.__setattr__(
                self, "actuals", tuple(entry for entry in self.actuals if isinstance(entry, Observation))
            )
            object.__setattr__(self, "no_figures", _sorted_by_year((*self.no_figures, *words)))
        # The last of a year's figures is the one rates use.
        object.__setattr__(self, "_actual_by_fy", {actual.fy: actual for actual in self.actuals})
        if self.no_figures:
            _distinct_per_year("no_figures")(self, None, (*self.actuals, *self.no_figures))
        if self.target_rules or any(target.rule is not None for target in self.targets):
            object.__setattr__(self, "targets", self._with_rules())
        object.__setattr__(self, "_target_by_fy", {target.fy: target for target in reversed(self.targets)})

    def _with_rules(self) -> tuple[Target, ...]:
        """The printed targets and those the rules set, each year once; a rule's base year must have a figure."""
        printed = [target for target in self.targets if target.rule is None]
        years = {target.fy: target for target in printed}
        for index, rule in enumerate(self.target_rules):
            base = self._figure_of(rule.base)
            if base is None:
                raise ValidationError(
                    (
                        f"target_rules[{index}]",
                        (
                            f"the rule {rule.label!r} starts from {rule.base}, which has no baseline or actual",
                            f"規則「{rule.label}」の基準年度 {rule.base} に基準値も実績もない",
                        ),
                        "dangling_reference",
                    )
                )
            for target in rule.targets(base):
                if target.fy in years:
                    raise ValidationError(
                        (
                            f"target_rules[{index}]",
                            (
                                f"the rule {rule.label!r} sets a target for {target.fy}, which already has one",
                                f"規則「{rule.label}」が {target.fy} の目標を定めるが、その年度にはすでに目標がある",
                            ),
                            "overlap",
                        )
                    )
                years[target.fy] = target
        return _sorted_by_year(years.values())

    def _figure_of(self, fy: FiscalYear) -> Decimal | None:
        """The indicator's figure for ``fy``: its baseline if of that year, otherwise its actual."""
        base_fy, base_value = baseline_figures(self.baseline)
        if base_fy == fy and base_value is not None:
            return base_value
        actual = self.actual(fy)
        return None if actual is None else actual.value

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
        return self._target_by_fy.get(fy)

    def actual(self, fy: FiscalYear) -> Observation | None:
        """The actual rates use for ``fy``, or ``None``: where a sheet prints several figures for the
        year (a 速報値 and its 確定値, a mid-year and a year-end figure), the last of them.

        >>> fy = FiscalYear(2019)
        >>> waves = Indicator("満足度", "%", actuals=[Observation(fy, 52, preliminary=True), Observation(fy, 51)])
        >>> waves.actual(fy), len(waves.figures(fy))
        (Observation(fy=FiscalYear(2019), value=Decimal('51')), 2)
        """
        return self._actual_by_fy.get(fy)

    def figures(self, fy: FiscalYear) -> tuple[Observation, ...]:
        """Every figure printed for ``fy``, in the order given; the last is :meth:`actual`."""
        return tuple(actual for actual in self.actuals if actual.fy == fy)

    def no_figure(self, fy: FiscalYear) -> NoFigure | None:
        """The word printed for ``fy`` where the year has no figure (集計中, なし), or ``None``.

        >>> pending = Indicator("参加率", "%", no_figures=[NoFigure(FiscalYear(2019), "集計中", "pending")])
        >>> pending.no_figure(FiscalYear(2019)).reason, pending.actual(FiscalYear(2019)) is None
        (<NoFigureReason.PENDING: 'pending'>, True)
        """
        if not self.no_figures or fy in self._actual_by_fy:
            return None
        return next((word for word in reversed(self.no_figures) if word.fy == fy), None)

    def target_toward(self, fy: FiscalYear, toward: str = "year") -> Target | None:
        """The numeric target ``toward`` names for ``fy``: the year's own (``year``), the first one from
        ``fy`` on (``next``: a 中間目標値), or the last one (``final``); ``None`` where there is none.

        >>> rate = Indicator("参加率", "%", targets=[Target(FiscalYear(2016), 40), Target(FiscalYear(2019), 50)])
        >>> [rate.target_toward(FiscalYear(2016), toward).fy.year for toward in ("year", "next", "final")]
        [2016, 2016, 2019]
        >>> rate.target_toward(FiscalYear(2017)), rate.target_toward(FiscalYear(2017), "next").value
        (None, Decimal('50'))
        """
        if toward == "year":
            target = self.target(fy)
            return target if target is not None and target.value is not None else None
        numeric = [target for target in self.targets if target.value is not None]
        if toward == "final":
            return numeric[-1] if numeric else None
        if toward == "next":
            return next((target for target in numeric if target.fy.year >= fy.year), None)
        raise ValidationError(
            (
                "toward",
                (
                    f"expected year, next or final, not {toward!r}",
                    f"year、next、final のいずれか（{toward!r} ではない）",
                ),
                "unknown_label",
            )
        )

    def achievement(self, fy: FiscalYear) -> Fraction | None:
        """The achievement rate at ``fy``, or ``None`` without both a numeric target and an actual.

        The target is the year's own, or the one :attr:`rates_toward` names (新庄市's sheets print
        every year's 達成率 against the one target the row holds). A year whose actual is printed as
        a word (集計中, なし) has no rate, and raises :class:`UndefinedRateError` saying so:

        >>> fy = FiscalYear(2019)
        >>> pending = Indicator("参加率", "%", targets=[Target(fy, 60)], no_figures=[NoFigure(fy, "集計中", "pending")])
        >>> pending.achievement(fy)
        Traceback (most recent call last):
        kyodo.indicators.UndefinedRateError: achievement rate for FY2019 is undefined: the actual is printed as 「集計中」 (pending)
        """
        target = self.target_toward(fy, self.rates_toward)
        measured = None if target is None else target.measured(self.direction)
        if measured is None:
            return None
        actual = self.actual(fy)
        if actual is None:
            word = self.no_figure(fy)
            if word is not None:
                raise UndefinedRateError(
                    (
                        f"achievement rate for {fy.format('fy')} is undefined: the actual is {word.describe('en')}",
                        f"{fy} の達成率を計算できない: 実績は{word.describe('ja')}",
                    )
                )
            return None
        return achievement_rate(actual.value, *measured)

    def achievement_if_defined(self, fy: FiscalYear) -> Fraction | None:
        """The achievement rate at ``fy``, or ``None`` where it is missing or undefined (a target of 0).

        For a report, which shows every valid plan and says elsewhere why a rate is undefined.

        >>> zero = Indicator("待機児童数", "人", "decrease", targets=[Target(FiscalYear(2015), 0)],
        ...                  actuals=[Observation(FiscalYear(2015), 3)])
        >>> zero.achievement_if_defined(FiscalYear(2015)) is None
        True
        """
        try:
            return self.achievement(fy)
        except UndefinedRateError:
            return None

    def printed_differences(self) -> tuple[PrintedDifference, ...]:
        """Every year whose printed 達成率 differs from the computed one, at the printed precision (四捨五入).

        >>> fy = FiscalYear(2016)
        >>> centres = Indicator("まちづくりセンター数", "箇所", targets=[Target(fy, 50)],
        ...                     actuals=[Observation(fy, 48, printed_rate="96.0%")])
        >>> centres.printed_differences()
        ()
        >>> misprinted = Indicator("x", "件", targets=[Target(fy, 50)], actuals=[Observation(fy, 48, printed_rate="97%")])
        >>> print(misprinted.printed_differences()[0].message())
        FY2016: the sheet prints a rate of 97%, but the figures give 96%
        """
        found: list[PrintedDifference] = []
        for actual in self.actuals:
            if actual.printed_rate is None:
                continue
            digits = actual.printed_digits or 0
            printed = unicodedata.normalize("NFKC", actual.printed_rate).strip().replace(" ", "")
            rate = self._rate_of(actual)
            computed = None if rate is None else format_percent(rate, digits)
            if computed != printed:
                found.append(PrintedDifference(actual.fy, actual.printed_rate, computed))
        return tuple(found)

    def _rate_of(self, actual: Observation) -> Fraction | None:
        """The rate of one of a year's figures (a 速報値 printed with its own rate too), or None."""
        target = self.target_toward(actual.fy, self.rates_toward)
        measured = None if target is None else target.measured(self.direction)
        if measured is None:
            return None
        try:
            return achievement_rate(actual.value, *measured)
        except UndefinedRateError:
            return None

    def progress(self, fy: FiscalYear) -> Fraction | None:
        """The progress rate at ``fy`` from the baseline, or ``None`` where a figure is missing."""
        target, actual = self.target(fy), self.actual(fy)
        measured = None if target is None else target.measured(self.direction)
        baseline = baseline_figures(self.baseline)[1]
        if baseline is None or measured is None or actual is None:
            return None
        return progress_rate(actual.value, measured[0], baseline)


#: A caller's item that is not a Target is refused at its index, before sorting by year reads it.
_target_items: Final = tuple_items_of(Target, "targets")
