"""What a grading legend measures: each basis reads one figure from an indicator's year, in its own unit.

Legends grade different figures. Most grade the achievement rate (達成率 =
実績 ÷ 目標); others the progress from the baseline (進捗率), the pace against
a path to the final target (多摩市: year k of 5 against k × 20%), the change
from the baseline in percentage points or percent (福岡市: "±3ポイント未満は
現状維持"; 長与町: "基準値と同水準 (△10%以内)"), or the value itself (待機児童数
0人). Each is a small frozen object here; a :class:`kyodo.GradingScheme`
names one, and a grade may add conditions on others.

A basis :meth:`reads <Achievement.read>` an indicator's year into a
:class:`Reading`: the figure, its :class:`FigureUnit`, and the figures the formula
used, which the grade's sentence shows. Where a figure is missing it gives
an :class:`Unread` that says which:

>>> from kyodo import FiscalYear, Indicator, Observation, Target
>>> fy = FiscalYear(2016)
>>> from decimal import Decimal
>>> rate = Indicator("地域活動への参加率", "%", baseline=Observation(FiscalYear(2014), Decimal("58.8")),
...                  targets=[Target(fy, 65)], actuals=[Observation(fy, Decimal("62.0"))])
>>> reading = Change("points").read(rate, fy)
>>> reading.value, reading.unit, reading.en
(Fraction(16, 5), <FigureUnit.POINTS: 'points'>, ' (62.0 − 58.8)')
>>> Change("percent").read(rate, fy).value
Fraction(8, 147)
>>> Achievement().read(rate, FiscalYear(2015))
Unread(how='no_target', actual=None, target=None, why=None)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from decimal import Context, Decimal, Inexact, Rounded
from fractions import Fraction
from typing import Any, ClassVar, Final, Literal, TypeAlias

from attrs import field, frozen

from kyodo._labels import LabelledEnum
from kyodo.errors import ValidationError
from kyodo.fiscal import FiscalYear
from kyodo.indicators import (
    Direction,
    Indicator,
    Target,
    UndefinedRateError,
    achievement_rate,
    baseline_figures,
    progress_rate,
)
from kyodo.results import UnreadHow

__all__ = [
    "Achievement",
    "Actual",
    "BasisRule",
    "Change",
    "FigureUnit",
    "Figures",
    "Pace",
    "Progress",
    "Reading",
    "Score",
    "Unread",
    "basis_from_data",
    "basis_to_data",
]


class FigureUnit(LabelledEnum):
    """The unit a basis measures in, and so the unit of the bands that grade it."""

    #: a rate: 80% is 4/5
    PERCENT = "percent", "%", "percent"
    #: percentage points: the change of a figure that is itself a percentage (3ポイント)
    POINTS = "points", "ポイント", "percentage points"
    #: a score (点), such as the points a legend gives and sums
    SCORE = "score", "点", "score"
    #: the indicator's own unit (人, 件, g)
    VALUE = "value", "値", "value"


# Members grading uses on every call, looked up once: on Python 3.11 EnumType defines __getattr__, which makes
# every lookup on an enum class (Direction.INCREASE) several times slower than on a plain class.
_INCREASE: Final = Direction.INCREASE
_DECREASE: Final = Direction.DECREASE
_PERCENT: Final = FigureUnit.PERCENT
_POINTS: Final = FigureUnit.POINTS
_VALUE: Final = FigureUnit.VALUE

#: A reading's figures, by name, in the order its sentence shows them.
_Figures = tuple[tuple[str, object], ...]
#: The figures a grade keeps one by one: actual, target, direction, baseline, and elapsed as (k, n) in lowest terms.
_Kept = tuple[Decimal | None, Decimal | None, Direction | None, Decimal | None, tuple[int, int] | None]
#: How a basis writes a reading's figures, their text and ``per``: from the figures it keeps and one thing more
#: (the years of a pace, the indicator's own unit), giving (figures, ja, en, per).
_Write = Callable[[Any, Any], tuple[_Figures, str, str, str | None]]


# Not slotted: attrs fills a __dict__ quicker than slots, and a basis may leave ``figures``, ``ja``, ``en`` and
# ``per`` out of it, for _OnDemand to write the first time one is read (see _reading_of).
@frozen(slots=False)
class Reading:
    """A basis's figure for one indicator and year.

    ``figures`` are the figures the formula used, by name (``actual``,
    ``baseline``, ``target``, ``elapsed``, ``direction``), in the order the
    sentence shows them; ``ja`` and ``en`` show them as the formula used
    them, such as ``" (62.0 − 58.8)"``, or are empty. A basis writes these,
    and ``per``, the first time one is read, since most grades are never
    explained.
    """

    value: Fraction
    unit: FigureUnit
    figures: _Figures = ()
    ja: str = ""
    en: str = ""
    #: the indicator's own unit (人, 団体), shown after a figure in points or of the value where it is not a %
    per: str | None = None

    def _kept(self) -> _Kept:
        """The figures a :class:`kyodo.GradeResult` keeps one by one: as the basis gave them, else found by name."""
        found: _Found | None = self.__dict__.get("_found")
        if found is not None:
            return found[4]
        used = dict(self.figures)
        direction, elapsed = used.get("direction"), used.get("elapsed")
        return (
            used.get("actual"),  # type: ignore[return-value]
            used.get("target"),
            None if direction is None else Direction.read(direction),
            used.get("baseline"),
            (elapsed.numerator, elapsed.denominator) if isinstance(elapsed, Fraction) else None,
        )


#: What a basis finds in a year, all its Reading is made from: the value, its unit, how to write the rest and
#: the one thing more that takes, and the figures a grade keeps. A tuple: grading makes the Reading only when asked.
_Found = tuple[Fraction, FigureUnit, _Write, object, _Kept]


def _reading_of(found: _Found | Unread) -> Reading | Unread:
    """The Reading of what a basis found, or why it found nothing.

    Its figures, their text and ``per`` are written the first time one is
    read; it equals the reading built with them at once.
    """
    if isinstance(found, Unread):
        return found
    reading = object.__new__(Reading)
    object.__setattr__(reading, "__dict__", {"value": found[0], "unit": found[1], "_found": found})
    return reading


def _write(found: _Found) -> dict[str, object]:
    figures, ja, en, per = found[2](found[4], found[3])
    return {"figures": figures, "ja": ja, "en": en, "per": per}


def _as_given(_kept: _Kept, given: tuple[_Figures, str, str, str | None]) -> tuple[_Figures, str, str, str | None]:
    return given


def _found_in(reading: Reading) -> _Found:
    """What a Reading holds, as a basis finds it."""
    given = (reading.figures, reading.ja, reading.en, reading.per)
    return reading.value, reading.unit, _as_given, given, reading._kept()


class _OnDemand:
    """Attributes of a frozen, unslotted attrs class that an instance may leave out of its ``__dict__``.

    They are made together, the first time one is read, by ``make`` from
    what the instance keeps under the key ``made_from``; then kept, and the
    key dropped. A non-data descriptor, so that an attribute kept in the
    ``__dict__`` (given when the instance was built, or made once) is found
    before it.
    """

    __slots__ = ("made_from", "make", "name")

    def __init__(self, name: str, made_from: str, make: Callable[[Any], Mapping[str, object]]) -> None:
        self.name, self.made_from, self.make = name, made_from, make

    @classmethod
    def install(
        cls, owner: type, names: tuple[str, ...], made_from: str, make: Callable[[Any], Mapping[str, object]]
    ) -> None:
        """Make each of ``names`` on ``owner`` (where attrs left no class attribute) an attribute made on demand."""
        for name in names:
            setattr(owner, name, cls(name, made_from, make))

    def __get__(self, instance: object, owner: type | None = None) -> object:
        if instance is None:
            return self
        state = instance.__dict__
        source = state.get(self.made_from)
        if source is not None:
            for name, value in self.make(source).items():
                state.setdefault(name, value)
            # Dropped once all are kept: another thread finding nothing to make them from finds them.
            state.pop(self.made_from, None)
        return state[self.name]


_OnDemand.install(Reading, ("figures", "ja", "en", "per"), "_found", _write)


@frozen
class Unread:
    """Why a basis has no figure for a year: ``no_target``, ``no_actual``, ``no_baseline`` or ``undefined``.

    ``why`` says, in English and Japanese, why an ``undefined`` figure has no value.
    """

    how: UnreadHow
    actual: Decimal | None = None
    target: Decimal | None = None
    why: tuple[str, str] | None = None


def _no_actual(indicator: Indicator, fy: FiscalYear, target: Decimal | None) -> Unread:
    """No actual for ``fy``; where the sheet prints a word instead (集計中, なし), it says which."""
    word = indicator.no_figure(fy)
    why = None if word is None else (f"the actual is {word.describe('en')}", f"実績は{word.describe('ja')}")
    return Unread("no_actual", None, target, why)


class BasisRule:
    """What every basis offers: its file name (``value``), labels, unit, and how it reads a year."""

    __slots__ = ()
    #: the name files give the basis
    value: ClassVar[str]
    #: its Japanese and English names
    label: ClassVar[str]
    label_en: ClassVar[str]

    @property
    def unit(self) -> FigureUnit:
        """The unit of its figure, and of the bands that grade it."""
        return FigureUnit.PERCENT

    @property
    def higher_is_better(self) -> bool:
        """Whether higher figures get better grades."""
        return True

    def read(self, indicator: Indicator, fy: FiscalYear) -> Reading | Unread:
        """The basis's figure for ``indicator`` at ``fy``, or why it has none."""
        raise NotImplementedError

    def _find(self, indicator: Indicator, fy: FiscalYear) -> _Found | Unread:
        """What :meth:`read` gives, as what its Reading is made from; kyodo's bases find it without making one."""
        reading = self.read(indicator, fy)
        return reading if isinstance(reading, Unread) else _found_in(reading)

    def from_figures(self, figures: Figures) -> Reading | Unread | None:
        """The reading of figures given one by one, or None where the basis needs more of them."""
        raise NotImplementedError


@frozen
class Figures:
    """Figures given by hand to grade a rate, as :meth:`kyodo.GradingScheme.grade` takes them."""

    actual: Decimal | None = None
    target: Decimal | None = None
    direction: Direction = Direction.INCREASE
    baseline: Decimal | None = None
    elapsed: tuple[int, int] | None = None


@functools.lru_cache(maxsize=256)
def _per(unit: str) -> str | None:
    """An indicator's own unit as shown after its figures: None for a percentage. Kept, since units repeat."""
    return None if unit.strip() in ("%", "％", "パーセント", "ポイント") else unit


def _undefined(error: UndefinedRateError, actual: Decimal | None, target: Decimal | None) -> Unread:
    return Unread("undefined", actual, target, (error.message("en"), error.message("ja")))


def _measured(indicator: Indicator, target: Target | None) -> tuple[Decimal, Direction] | None:
    return None if target is None else target.measured(indicator.direction)


def _numeric_target(indicator: Indicator, fy: FiscalYear) -> Decimal | None:
    measured = _measured(indicator, indicator.target(fy))
    return None if measured is None else measured[0]


def _final_target(indicator: Indicator) -> Target | None:
    for target in reversed(indicator.targets):
        if target.value is not None:
            return target
    return None


def _final(indicator: Indicator) -> tuple[FiscalYear, Decimal] | None:
    target = _final_target(indicator)
    measured = _measured(indicator, target)
    return None if target is None or measured is None else (target.fy, measured[0])


def _decimal_fraction(number: Decimal) -> Fraction:
    """``Fraction(number)`` of a finite Decimal, made as Fraction's own arithmetic makes its results.

    ``Decimal.as_integer_ratio`` gives the ratio in lowest terms with a
    denominator above 0, so the Fraction is filled in as it is, without the
    type tests and gcd of ``Fraction(n, d)``, which take most of its time
    (the way ``Fraction._from_coprime_ints`` does from Python 3.12).
    """
    made = object.__new__(Fraction)
    made._numerator, made._denominator = number.as_integer_ratio()  # type: ignore[attr-defined]
    return made


def _quotient(numerator: Decimal, denominator: Decimal, times: int = 1, over: int = 1) -> Fraction:
    """numerator × times ÷ (denominator × over), exactly, for a denominator and ``over`` other than 0.

    Built from the numbers' integer ratios: ``Fraction(decimal)`` and Fraction division test their
    arguments against the numbers ABCs on every call, where two ints take Fraction's quick path.
    """
    a, b = numerator.as_integer_ratio()
    c, d = denominator.as_integer_ratio()
    return Fraction(a * d * times, b * c * over)


def _held_achievement(actual: Decimal, target: Decimal, direction: Direction) -> Fraction:
    """:func:`achievement_rate` of figures an :class:`Indicator` holds, which were checked when it was built.

    The usual cases are computed at once, without checking the figures
    again; the rest, and every undefined rate, go to ``achievement_rate``.
    """
    if target > 0:
        if direction is _INCREASE:
            return _quotient(actual, target)
        if direction is _DECREASE and actual > 0:
            return _quotient(target, actual)
    return achievement_rate(actual, target, direction)


#: Exact differences of figures an Indicator holds: at most 30 significant digits each, between 1E-30
#: and 1E+30 in size, so a difference has at most 91 digits; anything inexact would raise, never round.
_EXACT: Final = Context(prec=100, traps=[Inexact, Rounded])


def _held_progress(actual: Decimal, target: Decimal, baseline: Decimal) -> Fraction:
    """:func:`progress_rate` of figures an :class:`Indicator` holds, as :func:`_held_achievement` does.

    The differences are taken exactly in Decimal, which is quicker than in Fractions and gives the same rate.
    """
    if target != baseline:
        return _quotient(_EXACT.subtract(actual, baseline), _EXACT.subtract(target, baseline))
    return progress_rate(actual, target, baseline)


def achievement_figures(actual: Decimal, target: Decimal, direction: Direction) -> str:
    """How the achievement rate used its figures: (actual / target), or (target / actual) where less is better."""
    if direction is Direction.INCREASE:
        return f" ({actual} / {target})"
    if direction is Direction.AT_MOST and actual <= target:
        return f" ({actual} ≤ {target})"
    if actual == target == 0:
        return f" ({actual} = {target})"
    # Where less is better the rate is target ÷ actual (春日部市: 727 ÷ 729 = 99.7%).
    return f" ({target} / {actual})"


def _achievement_written(
    kept: tuple[Decimal, Decimal, Direction, None, None], _more: None
) -> tuple[_Figures, str, str, None]:
    actual, target, direction, _baseline, _elapsed = kept
    text = achievement_figures(actual, target, direction)
    return (("actual", actual), ("target", target), ("direction", direction.value)), text, text, None


#: The target a rate is measured toward: the year's own, the next one, or the final one.
_Toward: TypeAlias = Literal["year", "next", "final"]
_TOWARD: Final[tuple[_Toward, ...]] = ("year", "next", "final")
#: How a pace reaches the final target, and which way an actual is better.
_Path: TypeAlias = Literal["linear", "cumulative"]
_PATHS: Final[tuple[_Path, ...]] = ("linear", "cumulative")
_Better: TypeAlias = Literal["higher", "lower"]
_BETTER: Final[tuple[_Better, ...]] = ("higher", "lower")


def _toward(value: _Toward) -> _Toward:
    if value not in _TOWARD:
        raise ValidationError(
            (
                "toward",
                (
                    f"{value!r} is not a target progress is measured toward; expected year, next or final",
                    f"{value!r} は進捗を測る目標ではない。year（その年度）、next（次の目標）、final（最終目標）のいずれか",
                ),
                "unknown_label",
            )
        )
    return _TOWARD[_TOWARD.index(value)]  # the plain word, whatever str gave it


def _measured_toward(indicator: Indicator, fy: FiscalYear, toward: str) -> tuple[Decimal, Direction] | None:
    """The figure of the target ``toward`` names for ``fy`` (the year's own, the next one, or the final one),
    and the direction that applies to it."""
    if toward == "year":
        return _measured(indicator, indicator.target(fy))
    if toward == "final":
        return _measured(indicator, _final_target(indicator))
    for target in indicator.targets:
        if target.value is not None and target.fy >= fy:
            return _measured(indicator, target)
    return None


def _target_toward(indicator: Indicator, fy: FiscalYear, toward: str) -> Decimal | None:
    """The numeric target ``toward`` names for ``fy``: the year's own, the next one, or the final one."""
    measured = _measured_toward(indicator, fy, toward)
    return None if measured is None else measured[0]


@frozen
class Achievement(BasisRule):
    """達成率: the year's actual against a target, the indicator's direction applied.

    ``toward`` names the target, as for :class:`Progress`: the year's own
    (the default), the next one (a 中間目標値), or the final one (長与町's
    "現在値が目標値を超えている").
    """

    toward: _Toward = field(default="year", converter=_toward)

    value: ClassVar[str] = "achievement"
    label: ClassVar[str] = "達成率"
    label_en: ClassVar[str] = "achievement"

    def read(self, indicator: Indicator, fy: FiscalYear) -> Reading | Unread:
        """The achievement rate at ``fy``, with the actual and target it came from."""
        return _reading_of(self._find(indicator, fy))

    def _find(self, indicator: Indicator, fy: FiscalYear) -> _Found | Unread:
        measured, observed = _measured_toward(indicator, fy, self.toward), indicator.actual(fy)
        actual = None if observed is None else observed.value
        if measured is None:
            return Unread("no_target", actual)
        target, direction = measured
        if actual is None:
            return _no_actual(indicator, fy, target)
        return self._found(actual, target, direction, _held_achievement)

    def from_figures(self, figures: Figures) -> Reading | Unread | None:
        """The achievement rate of an actual and a target."""
        if figures.actual is None or figures.target is None:
            return None
        return self.reading(figures.actual, figures.target, figures.direction)

    def reading(self, actual: Decimal, target: Decimal, direction: Direction) -> Reading | Unread:
        """The reading of these figures."""
        return _reading_of(self._found(actual, target, direction, achievement_rate))

    def _found(
        self, actual: Decimal, target: Decimal, direction: Direction, rate_of: Callable[..., Fraction]
    ) -> _Found | Unread:
        try:
            rate = rate_of(actual, target, direction)
        except UndefinedRateError as error:
            return _undefined(error, actual, target)
        return rate, _PERCENT, _achievement_written, None, (actual, target, direction, None, None)


@frozen
class Progress(BasisRule):
    """進捗率: (actual − baseline) ÷ (target − baseline).

    ``toward`` names the target: the year's own (``"year"``), the first
    numeric target at or after the year, such as a 中間目標値 (``"next"``),
    or the final numeric target (``"final"``).
    """

    toward: _Toward = field(default="year", converter=_toward)

    value: ClassVar[str] = "progress"
    label: ClassVar[str] = "進捗率"
    label_en: ClassVar[str] = "progress"

    def read(self, indicator: Indicator, fy: FiscalYear) -> Reading | Unread:
        """The progress rate at ``fy`` toward the target ``toward`` names."""
        return _reading_of(self._find(indicator, fy))

    def _find(self, indicator: Indicator, fy: FiscalYear) -> _Found | Unread:
        target, observed = _target_toward(indicator, fy, self.toward), indicator.actual(fy)
        actual = None if observed is None else observed.value
        if target is None:
            return Unread("no_target", actual)
        if actual is None:
            return _no_actual(indicator, fy, target)
        baseline = baseline_figures(indicator.baseline)[1]
        if baseline is None:
            return Unread("no_baseline", actual, target)
        return self._found(actual, target, baseline, _held_progress)

    def from_figures(self, figures: Figures) -> Reading | Unread | None:
        """The progress rate of an actual, a target and a baseline."""
        if figures.actual is None or figures.target is None or figures.baseline is None:
            return None
        return self.reading(figures.actual, figures.target, figures.baseline)

    def reading(self, actual: Decimal, target: Decimal, baseline: Decimal) -> Reading | Unread:
        """The reading of these figures."""
        return _reading_of(self._found(actual, target, baseline, progress_rate))

    def _found(
        self, actual: Decimal, target: Decimal, baseline: Decimal, rate_of: Callable[..., Fraction]
    ) -> _Found | Unread:
        try:
            rate = rate_of(actual, target, baseline)
        except UndefinedRateError as error:
            return _undefined(error, actual, target)
        return rate, _PERCENT, _progress_written, None, (actual, target, None, baseline, None)


def _progress_written(
    kept: tuple[Decimal, Decimal, None, Decimal, None], _more: None
) -> tuple[_Figures, str, str, None]:
    actual, target, _direction, baseline, _elapsed = kept
    text = f" (({actual} − {baseline}) / ({target} − {baseline}))"
    return (("actual", actual), ("baseline", baseline), ("target", target)), text, text, None


def _path(value: _Path) -> _Path:
    if value not in _PATHS:
        raise ValidationError(
            (
                "path",
                (
                    f"{value!r} is not a path to the final target; expected linear or cumulative",
                    f"{value!r} は最終目標への道筋ではない。linear（基準値から直線）か cumulative（目標の k/n）",
                ),
                "unknown_label",
            )
        )
    return _PATHS[_PATHS.index(value)]  # the plain word, whatever str gave it


@frozen
class Pace(BasisRule):
    """計画ペース比: the actual against the path from the baseline to the final numeric target.

    It needs no target of the year's own: year k of the n years from the
    baseline's year to the final target's is judged against the share k/n.
    ``path="linear"`` divides the progress rate by k/n (the planned change
    made k/n of the way); ``path="cumulative"`` compares the actual with
    k/n of the final target, for a count that starts from nothing (多摩市:
    year k of 5 is judged against k × 20% of the target).
    """

    path: _Path = field(default="linear", converter=_path)

    value: ClassVar[str] = "pace"
    label: ClassVar[str] = "計画ペース比"
    label_en: ClassVar[str] = "pace"

    def read(self, indicator: Indicator, fy: FiscalYear) -> Reading | Unread:
        """The pace at ``fy``: the baseline's year, the final target and the year's actual are enough."""
        return _reading_of(self._find(indicator, fy))

    def _find(self, indicator: Indicator, fy: FiscalYear) -> _Found | Unread:
        observed = indicator.actual(fy)
        actual = None if observed is None else observed.value
        final = _final(indicator)
        if final is None:
            return Unread("no_target", actual)
        final_fy, target = final
        if actual is None:
            return _no_actual(indicator, fy, target)
        # A baseline printed without its year (策定時) or its value sets no path.
        base_fy, baseline = baseline_figures(indicator.baseline)
        span = final_fy - base_fy if base_fy is not None else 0
        elapsed = fy - base_fy if base_fy is not None else 0
        if baseline is None or span <= 0 or elapsed <= 0:
            return Unread("no_baseline", actual, target)
        return self._found(actual, target, baseline, (elapsed, span), indicator.direction, held=True)

    def from_figures(self, figures: Figures) -> Reading | Unread | None:
        """The pace of an actual, a final target, the years elapsed and (on a linear path) a baseline."""
        actual, target, elapsed = figures.actual, figures.target, figures.elapsed
        if actual is None or target is None or elapsed is None:
            return None
        if self.path == "linear" and figures.baseline is None:
            return None
        done, span = elapsed
        if not (done > 0 and span > 0):
            raise ValidationError(
                (
                    "elapsed",
                    (
                        f"years elapsed and planned must be above 0, not {done} of {span}",
                        f"経過年数と計画年数は 0 より大きい（{span}年のうち{done}年ではない）",
                    ),
                    "out_of_range",
                )
            )
        return self.reading(actual, target, figures.baseline, elapsed, figures.direction)

    def reading(
        self,
        actual: Decimal,
        target: Decimal,
        baseline: Decimal | None,
        elapsed: tuple[int, int],
        direction: Direction = Direction.INCREASE,
    ) -> Reading | Unread:
        """The reading of these figures: ``elapsed`` is (years elapsed since the baseline, years planned)."""
        return _reading_of(self._found(actual, target, baseline, elapsed, direction))

    def _found(
        self,
        actual: Decimal,
        target: Decimal,
        baseline: Decimal | None,
        elapsed: tuple[int, int],
        direction: Direction,
        held: bool = False,
    ) -> _Found | Unread:
        """:meth:`reading`; ``held`` where the figures come from an :class:`Indicator`, checked when it was built."""
        done, span = elapsed
        share = Fraction(done, span)
        if self.path == "cumulative":
            up = direction is _INCREASE
            try:
                if held and target > 0 and (up or (direction is _DECREASE and actual > 0)):
                    # actual ÷ (target × done/span), or its inverse where less is better, as one quotient
                    rate = _quotient(actual, target, span, done) if up else _quotient(target, actual, done, span)
                else:
                    rate = achievement_rate(Fraction(actual), Fraction(target) * share, direction)
            except UndefinedRateError as error:
                return _undefined(error, actual, target)
            return (
                rate,
                _PERCENT,
                _cumulative_written,
                elapsed,
                (actual, target, direction, None, share.as_integer_ratio()),
            )
        if baseline is None:
            return Unread("no_baseline", actual, target)
        try:
            if held and target != baseline:
                # (actual − baseline) ÷ (target − baseline) ÷ (done/span), as one quotient of exact differences
                rate = _quotient(_EXACT.subtract(actual, baseline), _EXACT.subtract(target, baseline), span, done)
            else:
                rate = progress_rate(actual, target, baseline) / share
        except UndefinedRateError as error:
            return _undefined(error, actual, target)
        return rate, _PERCENT, _linear_written, elapsed, (actual, target, None, baseline, share.as_integer_ratio())


def _cumulative_written(
    kept: tuple[Decimal, Decimal, Direction, None, tuple[int, int]], years: tuple[int, int]
) -> tuple[_Figures, str, str, None]:
    actual, target, direction, _baseline, _elapsed = kept
    done, span = years
    path = f"{target} × {done}/{span}"
    text = f" ({actual} / ({path}))" if direction is Direction.INCREASE else f" (({path}) / {actual})"
    figures = (
        ("actual", actual),
        ("target", target),
        ("elapsed", Fraction(done, span)),
        ("direction", direction.value),
    )
    return figures, text, text, None


def _linear_written(
    kept: tuple[Decimal, Decimal, None, Decimal, tuple[int, int]], years: tuple[int, int]
) -> tuple[_Figures, str, str, None]:
    actual, target, _direction, baseline, _elapsed = kept
    done, span = years
    change = f"({actual} − {baseline}) / ({target} − {baseline})"
    figures = (("actual", actual), ("baseline", baseline), ("target", target), ("elapsed", Fraction(done, span)))
    return (
        figures,
        f" (進捗 {change}、{span}年のうち{done}年経過)",
        f" (progress {change} after {done} of {span} years)",
        None,
    )


def _change_unit(value: FigureUnit | str) -> FigureUnit:
    unit = FigureUnit.read(value, "unit")
    if unit not in (FigureUnit.POINTS, FigureUnit.PERCENT):
        raise ValidationError(
            (
                "unit",
                (
                    f"a change is measured in points or percent, not {unit.value}",
                    f"変化はポイントか % で測る（{unit.label} ではない）",
                ),
                "unknown_label",
            )
        )
    return unit


@frozen
class Change(BasisRule):
    """基準値からの変化: how far the actual moved from the baseline, the better way counted as up.

    ``unit="points"`` gives the difference in the indicator's own figures,
    which for a percentage is percentage points (62.0% from 58.8% is 3.2
    ポイント); ``unit="percent"`` gives the difference as a share of the
    baseline (3.2 ÷ 58.8 = 5.4%), undefined for a baseline of 0 or below.
    Where less is better the change is baseline − actual, so that a fall
    reads as a gain. A tolerance band ("±3ポイント未満は現状維持") is a band
    of this basis.
    """

    unit: FigureUnit = field(default=FigureUnit.POINTS, converter=_change_unit)

    value: ClassVar[str] = "change"
    label: ClassVar[str] = "基準値からの変化"
    label_en: ClassVar[str] = "change from the baseline"

    def read(self, indicator: Indicator, fy: FiscalYear) -> Reading | Unread:
        """The change at ``fy`` from the baseline; no target is needed."""
        return _reading_of(self._find(indicator, fy))

    def _find(self, indicator: Indicator, fy: FiscalYear) -> _Found | Unread:
        observed = indicator.actual(fy)
        if observed is None:
            return _no_actual(indicator, fy, _numeric_target(indicator, fy))
        baseline = baseline_figures(indicator.baseline)[1]
        if baseline is None:
            return Unread("no_baseline", observed.value, _numeric_target(indicator, fy))
        return self._found(observed.value, baseline, indicator.direction, indicator.unit)

    def from_figures(self, figures: Figures) -> Reading | Unread | None:
        """The change of an actual from a baseline."""
        if figures.actual is None or figures.baseline is None:
            return None
        return self.reading(figures.actual, figures.baseline, figures.direction)

    def reading(
        self, actual: Decimal, baseline: Decimal, direction: Direction = Direction.INCREASE
    ) -> Reading | Unread:
        """The reading of these figures."""
        return _reading_of(self._found(actual, baseline, direction))

    def _found(
        self, actual: Decimal, baseline: Decimal, direction: Direction, own_unit: str | None = None
    ) -> _Found | Unread:
        """:meth:`reading`, of an indicator in ``own_unit``, which a change in points shows unless it is a %."""
        if direction is Direction.NEUTRAL:
            why = (
                f"a change of {actual} from a baseline of {baseline} is neither a gain nor a loss: neither way is better",
                f"基準値 {baseline} からの {actual} への変化は、増減のどちらも望ましいとしない指標では改善とも悪化ともいえない",
            )
            return Unread("undefined", actual, None, why)
        difference = actual - baseline if direction is _INCREASE else baseline - actual
        kept: _Kept = (actual, None, direction, baseline, None)
        if self.unit is _POINTS:
            return _decimal_fraction(difference), _POINTS, _points_written, own_unit, kept
        if baseline <= 0:
            why = (
                f"a change of {actual} from a baseline of {baseline} has no percentage: it needs a baseline above 0",
                f"基準値 {baseline} からの変化 {actual} は % で表せない: 0 を超える基準値が必要",
            )
            return Unread("undefined", actual, None, why)
        return _quotient(difference, baseline), _PERCENT, _percent_written, None, kept


def _change_figures(kept: tuple[Decimal, None, Direction, Decimal, None]) -> tuple[_Figures, str]:
    """A change's figures, and the difference as taken: (62.0 − 58.8), or (58.8 − 62.0) where less is better."""
    actual, _target, direction, baseline, _elapsed = kept
    text = f"({actual} − {baseline})" if direction is Direction.INCREASE else f"({baseline} − {actual})"
    return (("actual", actual), ("baseline", baseline), ("direction", direction.value)), text


def _points_written(
    kept: tuple[Decimal, None, Direction, Decimal, None], own_unit: str | None
) -> tuple[_Figures, str, str, str | None]:
    """A change in points, " (62.0 − 58.8)", shown in the indicator's own unit unless it is a percentage."""
    figures, text = _change_figures(kept)
    return figures, f" {text}", f" {text}", None if own_unit is None else _per(own_unit)


def _percent_written(
    kept: tuple[Decimal, None, Direction, Decimal, None], _more: None
) -> tuple[_Figures, str, str, None]:
    """A change in percent of the baseline, " ((62.0 − 58.8) / 58.8)"."""
    figures, text = _change_figures(kept)
    written = f" ({text} / {kept[3]})"
    return figures, written, written, None


def _better(value: _Better) -> _Better:
    if value not in _BETTER:
        raise ValidationError(
            (
                "better",
                (
                    f"{value!r} does not say which way is better; expected higher or lower",
                    f"{value!r} ではどちらが良いか分からない。higher（高いほど良い）か lower（低いほど良い）",
                ),
                "unknown_label",
            )
        )
    return _BETTER[_BETTER.index(value)]  # the plain word, whatever str gave it


@frozen
class Actual(BasisRule):
    """実績値: the actual itself, in the indicator's own unit (待機児童数 0人).

    ``better`` says which way the bands run: ``"higher"`` or ``"lower"``
    (for 待機児童数, where 0 is best).
    """

    better: _Better = field(default="higher", converter=_better)

    value: ClassVar[str] = "actual"
    label: ClassVar[str] = "実績値"
    label_en: ClassVar[str] = "actual value"

    @property
    def unit(self) -> FigureUnit:
        """The indicator's own unit."""
        return FigureUnit.VALUE

    @property
    def higher_is_better(self) -> bool:
        """Whether higher values get better grades."""
        return self.better == "higher"

    def read(self, indicator: Indicator, fy: FiscalYear) -> Reading | Unread:
        """The actual at ``fy``."""
        return _reading_of(self._find(indicator, fy))

    def _find(self, indicator: Indicator, fy: FiscalYear) -> _Found | Unread:
        observed = indicator.actual(fy)
        if observed is None:
            return _no_actual(indicator, fy, _numeric_target(indicator, fy))
        actual = observed.value
        return _decimal_fraction(actual), _VALUE, _actual_written, indicator.unit, (actual, None, None, None, None)

    def from_figures(self, figures: Figures) -> Reading | Unread | None:
        """The actual itself."""
        if figures.actual is None:
            return None
        return Reading(Fraction(figures.actual), FigureUnit.VALUE, (("actual", figures.actual),))


def _actual_written(
    kept: tuple[Decimal, None, None, None, None], own_unit: str
) -> tuple[_Figures, str, str, str | None]:
    return (("actual", kept[0]),), "", "", _per(own_unit)


@frozen
class Score(BasisRule):
    """点: a score a measure sums from its indicators' grades (佐野市: 7…1 points each), graded as a total.

    It reads nothing from an indicator itself: :class:`kyodo.grading.Points`
    gives the total.
    """

    value: ClassVar[str] = "score"
    label: ClassVar[str] = "合計点"
    label_en: ClassVar[str] = "total score"

    @property
    def unit(self) -> FigureUnit:
        """Points of a score."""
        return FigureUnit.SCORE

    def read(self, indicator: Indicator, fy: FiscalYear) -> Reading | Unread:
        """Nothing: a score is summed from grades, not read from one indicator."""
        why = (
            "a score is summed from the indicators' grades, not read from one",
            "合計点は指標の評価から合計するもので、一つの指標からは読めない",
        )
        return Unread("undefined", why=why)

    def from_figures(self, figures: Figures) -> Reading | Unread | None:
        """Nothing: the total is given as the rate graded."""
        return None


#: Every basis by the name files give it, with the parameters it takes.
_BASES: Final[Mapping[str, tuple[type, tuple[str, ...]]]] = {
    "achievement": (Achievement, ("toward",)),
    "progress": (Progress, ("toward",)),
    "pace": (Pace, ("path",)),
    "change": (Change, ("unit",)),
    "actual": (Actual, ("better",)),
    "score": (Score, ()),
}
_DEFAULTS: Final[Mapping[str, BasisRule]] = {name: kind() for name, (kind, _parameters) in _BASES.items()}


def _names() -> str:
    return ", ".join(_BASES)


def basis_from_data(data: object, where: str = "") -> BasisRule:
    """A basis from its file form: its name (``"achievement"``) or a table (``{kind = "change", unit = "points"}``).

    >>> basis_from_data("pace"), basis_from_data({"kind": "change", "unit": "percent"})
    (Pace(path='linear'), Change(unit=<FigureUnit.PERCENT: 'percent'>))
    """
    if isinstance(data, BasisRule):
        return data
    if isinstance(data, str):
        name, parameters = data, {}
    elif isinstance(data, Mapping):
        parameters = dict(data)
        name = parameters.pop("kind", None)
        if not isinstance(name, str):
            raise ValidationError(
                (
                    where,
                    (f"a basis table needs a kind, one of {_names()}", f"基準の表には kind が必要（{_names()}）"),
                    "missing_key" if name is None else "not_text",
                )
            )
    else:
        raise ValidationError(
            (
                where,
                (
                    f"a basis is a name ({_names()}) or a table with a kind, not {type(data).__name__}",
                    f"基準は名前（{_names()}）か kind を持つ表（{type(data).__name__} ではない）",
                ),
                "not_a_table",
            )
        )
    found = _BASES.get(name)
    if found is None:
        choices = "、".join(_BASES)
        raise ValidationError(
            (
                where,
                (f"{name!r} is not a basis; expected one of {_names()}", f"{name!r} は基準ではない（{choices}）"),
                "unknown_label",
            )
        )
    kind, allowed = found
    unknown = sorted(set(parameters) - set(allowed))
    if unknown:
        raise ValidationError(
            (
                f"{where}.{unknown[0]}" if where else unknown[0],
                (
                    f"the basis {name} takes {', '.join(allowed) or 'no parameters'}",
                    f"基準 {name} が取るのは {'、'.join(allowed) or '名前だけ'}",
                ),
                "unknown_key",
            )
        )
    try:
        made: BasisRule = kind(**parameters)
    except ValidationError as error:
        raise ValidationError(
            *((f"{where}.{path}" if where else path, message) for path, message in error.bilingual)
        ) from None
    return made


def basis_to_data(basis: BasisRule) -> object:
    """A basis in its file form: its name where it takes its defaults, else a table.

    >>> basis_to_data(Achievement()), basis_to_data(Change("percent"))
    ('achievement', {'kind': 'change', 'unit': 'percent'})
    """
    if basis == _DEFAULTS[basis.value]:
        return basis.value
    _kind, parameters = _BASES[basis.value]
    data: dict[str, object] = {"kind": basis.value}
    for name in parameters:
        value = getattr(basis, name)
        data[name] = value.value if isinstance(value, FigureUnit) else value
    return data
