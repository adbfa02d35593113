"""Completion criteria (完了の目安) as data, evaluated in three-valued logic.

A criterion says when a measure counts as complete. It is built from a few
leaves and combined with :class:`AllOf`, :class:`AnyOf` and :class:`Not`:

* :class:`Reaches`: an indicator's latest actual reaches a value, by a fiscal year if given;
* :class:`Covers`: k of n units are covered (every one of 99 councils has a centre);
* :class:`MeetsTarget`: an indicator meets its target for a fiscal year;
* :class:`MilestoneReached`: a recorded milestone (a decision, a founding) happened, by a deadline if given;
* :class:`Judgment`: a person's recorded judgment, with its date, who made it and the evidence;
* :class:`Ongoing`: the measure goes on and never completes (documents print "－").

:func:`evaluate` gives :attr:`Verdict.MET`, :attr:`Verdict.NOT_MET` or
:attr:`Verdict.UNDETERMINED`, never a guess: a fact nobody recorded, an
actual that is only an estimate (見込み), or a milestone dated too coarsely
to tell, leaves the leaf undetermined. Combinations follow Kleene's logic:
``all_of`` is met when every part is met and not met when any part is not.

>>> from kyodo import FiscalYear
>>> facts = Facts(milestones={"設立総会": FiscalYear(2015)})
>>> criterion = AllOf([MilestoneReached("設立総会"), Judgment("計画の策定")])
>>> result = evaluate(criterion, facts, as_of=FiscalYear(2018))
>>> result.verdict
<Verdict.UNDETERMINED: 'undetermined'>
>>> for line in result.explanation.lines("en"):
...     print(line)
undetermined: all of 2 conditions: 1 met, 0 not met, 1 undetermined
  met: milestone 設立総会 recorded in FY2015
  undetermined: no judgment 計画の策定 is recorded
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias

from attrs import field, frozen

from kyodo import _result_data
from kyodo._checks import A_FISCAL_YEAR, boolean_field, instance_of, not_a, text_field
from kyodo._labels import LabelledEnum
from kyodo.errors import Coded, ValidationError, path_step
from kyodo.explain import Explanation
from kyodo.fiscal import FiscalYear
from kyodo.indicators import Direction, Indicator, Observation, UndefinedRateError, achievement_rate, round_half_up
from kyodo.results import AssessmentData, ProjectionData, VerdictData
from kyodo.wareki import YearMonth

if TYPE_CHECKING:
    from kyodo.plan import Measure

__all__ = [
    "AllOf",
    "AnyOf",
    "Assessment",
    "Covers",
    "Criterion",
    "Facts",
    "Judgment",
    "JudgmentRecord",
    "MeetsTarget",
    "MilestoneReached",
    "Not",
    "Ongoing",
    "Projection",
    "Reaches",
    "Verdict",
    "evaluate",
    "project",
    "read_when",
]


class Verdict(LabelledEnum):
    """A three-valued verdict, combined with Kleene's strong logic (``&``, ``|``, ``~``)."""

    MET = "met", "達成", "met"
    NOT_MET = "not_met", "未達成", "not met"
    UNDETERMINED = "undetermined", "判定不能", "undetermined"

    def __and__(self, other: object) -> Verdict:
        if not isinstance(other, Verdict):
            return NotImplemented
        if Verdict.NOT_MET in (self, other):
            return Verdict.NOT_MET
        if Verdict.UNDETERMINED in (self, other):
            return Verdict.UNDETERMINED
        return Verdict.MET

    def __or__(self, other: object) -> Verdict:
        if not isinstance(other, Verdict):
            return NotImplemented
        if Verdict.MET in (self, other):
            return Verdict.MET
        if Verdict.UNDETERMINED in (self, other):
            return Verdict.UNDETERMINED
        return Verdict.NOT_MET

    def __invert__(self) -> Verdict:
        if self is Verdict.MET:
            return Verdict.NOT_MET
        if self is Verdict.NOT_MET:
            return Verdict.MET
        return Verdict.UNDETERMINED

    def to_data(self) -> VerdictData:
        """The verdict as JSON-ready data (kind ``verdict``): its value and its labels.

        >>> Verdict.MET.to_data()
        {'schema': 'kyodo.result/1', 'kind': 'verdict', 'verdict': 'met', 'ja': '達成', 'en': 'met'}
        """
        return _result_data.verdict_data(self)

    @classmethod
    def from_data(cls, data: object) -> Verdict:
        """The verdict :meth:`to_data` wrote."""
        return _result_data.verdict_from(data)


# --- the criteria ------------------------------------------------------------------------


def _decimal(value: Decimal | int) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ValidationError(
            (
                "value",
                (
                    f"expected an int or Decimal, not {type(value).__name__} {value!r}",
                    f"int か Decimal が必要（{type(value).__name__} {value!r} が渡された）",
                ),
                "inexact_number" if isinstance(value, float | bool) else "not_a_number",
            )
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValidationError(
            ("value", (f"{value!r} is not a finite number", f"{value!r} は有限の数ではない"), "not_a_number")
        )
    return Decimal(value)


def _name(_instance: object, attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            (
                "",
                (
                    f"a criterion names its indicator, milestone or judgment; got {value!r}",
                    f"条件には指標、節目、判断の名前が必要（{value!r} が渡された）",
                ),
            )
        )


@frozen
class Reaches:
    """The indicator's latest actual is at least ``value`` (at most, with ``at_most=True``), by ``by`` if given.

    With ``by``, a fiscal year (「まちづくりセンター数 99箇所 (R7)」), the
    actual that counts is the latest of that year or earlier, never a later
    one. Until the year's actual is known, a level already reached is met and
    one not yet reached is undetermined: there is time left.

    >>> centres = Indicator("まちづくりセンター数", "箇所", actuals=[
    ...     Observation(FiscalYear(year), count) for year, count in ((2024, 97), (2025, 98), (2026, 99))])
    >>> by_r7 = Reaches("まちづくりセンター数", 99, by=FiscalYear(2025))
    >>> evaluate(by_r7, Facts(indicators=[centres]), as_of=FiscalYear(2024)).explanation.text("en")
    'undetermined: まちづくりセンター数 is 97 (FY2024); not yet ≥ 99, and the deadline FY2025 has not passed'
    >>> evaluate(by_r7, Facts(indicators=[centres]), as_of=FiscalYear(2026)).explanation.text("ja")
    '未達成: まちづくりセンター数 98（令和7年度）、期限 令和7年度 までに ≥ 99 ではない'
    """

    indicator: str = field(validator=_name)
    value: Decimal = field(converter=_decimal)
    at_most: bool = False
    by: FiscalYear | None = field(default=None)

    @by.validator
    def _check_by(self, _attribute: object, value: object) -> None:
        if value is not None and not isinstance(value, FiscalYear):
            raise ValidationError(
                (
                    "by",
                    (
                        f"a level's deadline is a fiscal year, not {type(value).__name__} {value!r}",
                        f"到達の期限は年度（{type(value).__name__} {value!r} が渡された）",
                    ),
                )
            )


@frozen
class Covers:
    """At least ``units`` units are covered, as counted by the indicator (55 of 99 councils have a centre)."""

    indicator: str = field(validator=_name)
    units: int = field()

    @units.validator
    def _check_units(self, _attribute: object, value: int) -> None:
        if type(value) is not int or value < 1:
            raise ValidationError(
                (
                    "units",
                    (f"must be a whole number of at least 1, not {value!r}", f"1 以上の整数が必要（{value!r}）"),
                    "out_of_range" if type(value) is int else "not_a_number",
                )
            )


@frozen
class MeetsTarget:
    """The indicator meets its target for ``fy`` (the year evaluated, if None): 達成率 ≥ 100%.

    The figures are compared (actual ≥ target, or ≤ where less is better), so a
    target of 0 or below, which has no achievement rate, is met or not all the same.
    """

    indicator: str = field(validator=_name)
    fy: FiscalYear | None = None


@frozen
class MilestoneReached:
    """The milestone called ``name`` is recorded, on or before ``by`` if a deadline is given."""

    name: str = field(validator=_name)
    by: date | FiscalYear | None = None


@frozen
class Judgment:
    """A person's judgment called ``name`` is recorded, and says the condition holds."""

    name: str = field(validator=_name)


@frozen
class Ongoing:
    """The measure goes on and is never complete (documents print "－")."""


def _criteria(values: Iterable[Criterion]) -> tuple[Criterion, ...]:
    items = tuple(values)
    for item in items:
        if not isinstance(item, CRITERION_TYPES):
            raise ValidationError(("", _not_a_criterion(item)))
    return items


def _not_a_criterion(value: object) -> Coded:
    """The message for ``value`` given where a criterion belongs."""
    return not_a("a criterion (Reaches, AllOf, …, or kyodo.parse_criterion(text))", "完了条件", value)


def _check_part(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, CRITERION_TYPES):
        raise ValidationError(("part", _not_a_criterion(value)))


@frozen
class AllOf:
    """Every part holds. With no parts, it holds (the identity of "and")."""

    parts: tuple[Criterion, ...] = field(converter=_criteria)


@frozen
class AnyOf:
    """At least one part holds. With no parts, it does not (the identity of "or")."""

    parts: tuple[Criterion, ...] = field(converter=_criteria)


@frozen
class Not:
    """The part does not hold."""

    part: Criterion = field(validator=_check_part)


#: A completion criterion.
Criterion: TypeAlias = Reaches | Covers | MeetsTarget | MilestoneReached | Judgment | Ongoing | AllOf | AnyOf | Not
CRITERION_TYPES = (Reaches, Covers, MeetsTarget, MilestoneReached, Judgment, Ongoing, AllOf, AnyOf, Not)


# --- facts -----------------------------------------------------------------------------------


@frozen
class JudgmentRecord:
    """A recorded judgment: what was decided (``holds``), on what day, by whom, on what evidence."""

    holds: bool = field(validator=boolean_field("holds"))
    on: date = field(validator=instance_of(date, "on", ("a date (date(2019, 7, 31), say)", "date")))
    by: str = field(validator=text_field("by", ("the name of who judged (text)", "判断した者の名前（文字列）")))
    evidence: str | None = field(
        default=None,
        validator=text_field("evidence", ("the evidence (text) or None", "根拠（文字列）か None"), optional=True),
    )


When = date | YearMonth | FiscalYear


def read_when(value: object) -> When:
    """A milestone's time as a plan file writes it, read: a day, a month or a fiscal year.

    The forms are those a plan file's ``milestones`` take, so a service can
    read them from a JSON request (:func:`kyodo.json_loads`) before building
    :class:`Facts` or a :class:`~kyodo.Measure`:

    * a day: ISO ``2016-05-01``, or as an era date ``H28.5.1``, ``平成28年5月1日``;
    * a month: ``2016-05``, ``平成28年5月``;
    * a fiscal year: text with 年度 or starting with FY (``平成28年度``,
      ``R2年度``, ``2016年度``, ``FY2016``), or its year as a whole number
      (``2016``, as JSON carries it);
    * a ``date``, ``YearMonth`` or ``FiscalYear``, returned as it is (a
      ``datetime`` as its day).

    Anything else is refused with a :class:`~kyodo.ParseError` (text that
    reads as none of these; code ``bad_date`` or ``bad_fiscal_year``) or a
    :class:`~kyodo.ValidationError` (neither text nor a whole number, such as
    ``true`` or ``2016.5``; code ``not_text``). A bare ``"2016"`` is refused:
    as text it could be a year or the start of a date, so write ``2016年度``
    or ``FY2016``, or give the number.

    >>> read_when("2016-05-01"), read_when("R2年度"), read_when("平成28年度")
    (datetime.date(2016, 5, 1), FiscalYear(2020), FiscalYear(2016))
    >>> read_when("FY2016"), read_when(2016), read_when("平成26年6月")
    (FiscalYear(2016), FiscalYear(2016), YearMonth(year=2014, month=6))
    >>> read_when("2016-02-30")
    Traceback (most recent call last):
    kyodo.errors.ParseError: cannot read '2016-02-30' as a date: no such day; expected a date such as 2018-07-20
    >>> read_when(True)
    Traceback (most recent call last):
    kyodo.errors.ValidationError: expected a date, a month or a fiscal year as text, or a fiscal year as a whole number; not bool True
    """
    from kyodo._convert import _structure_when

    return _structure_when(value, When)


def _indicators(values: Iterable[Indicator] | Mapping[str, Indicator]) -> tuple[Indicator, ...]:
    indicators = tuple(values.values() if isinstance(values, Mapping) else values)
    for index, indicator in enumerate(indicators):
        if not isinstance(indicator, Indicator):
            wanted = ("an Indicator (Indicator(name, unit, actuals=[…]), say)", "Indicator")
            raise ValidationError((f"indicators[{index}]", not_a(*wanted, indicator)))
    return indicators


def _milestones(values: Mapping[str, When] | Iterable[tuple[str, When]]) -> tuple[tuple[str, When], ...]:
    return _named(
        "milestones",
        values,
        (date, YearMonth, FiscalYear),
        ("a date, YearMonth or FiscalYear (FiscalYear(2015), say)", "date、YearMonth、FiscalYear"),
    )


def _judgments(
    values: Mapping[str, JudgmentRecord] | Iterable[tuple[str, JudgmentRecord]],
) -> tuple[tuple[str, JudgmentRecord], ...]:
    return _named("judgments", values, JudgmentRecord, ("a JudgmentRecord", "JudgmentRecord"))


def _named(
    field: str, values: Any, kind: type | tuple[type, ...], wanted: tuple[str, str]
) -> tuple[tuple[str, Any], ...]:
    """Facts by name, as a table or as (name, value) pairs, each name text and each value a ``kind``."""
    pairs = tuple(values.items() if isinstance(values, Mapping) else values)
    for index, pair in enumerate(pairs):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise ValidationError(
                (f"{field}[{index}]", not_a("a (name, value) pair, or a table by name", "（名前, 値）の組", pair))
            )
        name, value = pair
        if not isinstance(name, str):
            raise ValidationError((f"{field}[{index}]", not_a("a name (text)", "名前（文字列）", name, "not_text")))
        if not isinstance(value, kind):
            raise ValidationError((field + path_step(name), not_a(*wanted, value)))
    return tuple(pair if type(pair) is tuple else tuple(pair) for pair in pairs)


@frozen
class Facts:
    """What is recorded: indicators (with their actuals and targets), milestones by name, judgments by name."""

    indicators: tuple[Indicator, ...] = field(default=(), converter=_indicators)
    milestones: tuple[tuple[str, When], ...] = field(default=(), converter=_milestones)
    judgments: tuple[tuple[str, JudgmentRecord], ...] = field(default=(), converter=_judgments)
    _by_name: dict[str, Indicator] = field(init=False, eq=False, repr=False, hash=False)
    _milestones: dict[str, When] = field(init=False, eq=False, repr=False, hash=False)
    _judgments: dict[str, JudgmentRecord] = field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        # Lookups by name, made once; the tuples stay the record of what was given.
        object.__setattr__(self, "_by_name", {indicator.name: indicator for indicator in reversed(self.indicators)})
        object.__setattr__(self, "_milestones", dict(self.milestones))
        object.__setattr__(self, "_judgments", dict(self.judgments))

    @classmethod
    def of(cls, measure: Measure, **more: object) -> Facts:
        """The facts a measure records (its indicators, milestones and judgments), with more given as keyword
        arguments, which replace the measure's own of the same kind."""
        from kyodo.plan import Measure

        if not isinstance(measure, Measure):
            raise ValidationError(("measure", not_a("a Measure (plan.find(code), say)", "Measure", measure)))
        recorded: dict[str, object] = {
            "indicators": measure.indicators,
            "milestones": measure.milestones,
            "judgments": measure.judgments,
        }
        return cls(**{**recorded, **more})  # type: ignore[arg-type]

    def indicator(self, name: str) -> Indicator | None:
        """The indicator called ``name``, if recorded."""
        return self._by_name.get(name)

    def milestone(self, name: str) -> When | None:
        """When the milestone called ``name`` was recorded, if it was."""
        return self._milestones.get(name)

    def judgment(self, name: str) -> JudgmentRecord | None:
        """The judgment called ``name``, if recorded."""
        return self._judgments.get(name)


# --- evaluation ------------------------------------------------------------------------------


@frozen
class Assessment:
    """A verdict, and the explanation tree that led to it (leaves name the facts used), built when asked for."""

    verdict: Verdict
    criterion: Criterion = field(repr=False)
    facts: Facts = field(repr=False)
    as_of: date | FiscalYear

    @property
    def explanation(self) -> Explanation:
        """Why the verdict, as data and as sentences in Japanese and English."""
        return _explain(self.criterion, self.facts, self.as_of)

    def to_data(self) -> AssessmentData:
        """The assessment as JSON-ready data (kind ``assessment``): the verdict, the day or year, the criterion as text.

        ``criterion`` is :func:`kyodo.format_criterion`'s text, or None for a
        criterion the text cannot hold (a year of another calendar).

        >>> from kyodo import FiscalYear
        >>> assessment = evaluate(MilestoneReached("設立総会"), Facts(milestones={"設立総会": FiscalYear(2015)}),
        ...                       as_of=FiscalYear(2018))
        >>> data = assessment.to_data()
        >>> data["verdict"], data["as_of"], data["criterion"], data["explanation"]["rule"]
        ('met', '平成30年度', 'milestone(設立総会)', 'criterion.milestone')
        """
        return _result_data.assessment_data(self)

    @classmethod
    def from_data(cls, data: object, criterion: Criterion, facts: Facts) -> Assessment:
        """The assessment :meth:`to_data` wrote of ``criterion`` on ``facts``, which the caller has.

        The verdict read must be the one ``criterion`` gives on ``facts``,
        else :class:`~kyodo.ValidationError`: data of other facts is refused,
        not taken as theirs.
        """
        return _result_data.assessment_from(data, criterion, facts)

    def _repr_html_(self) -> str:
        return self.explanation._repr_html_()


def _span(when: When) -> tuple[date, date]:
    """The first and last day a recorded time may mean."""
    if isinstance(when, FiscalYear | YearMonth):
        return when.start, when.end
    return when, when


def _known_by(actual: Observation, as_of: date | FiscalYear) -> bool:
    if isinstance(as_of, FiscalYear):
        if actual.fy.start_month == as_of.start_month:
            return actual.fy <= as_of
        return actual.fy.end <= as_of.end
    return actual.fy.end <= as_of


def _latest(indicator: Indicator, as_of: date | FiscalYear) -> Observation | None:
    """The last actual known by ``as_of`` (actuals are kept in fiscal-year order)."""
    if isinstance(as_of, FiscalYear):
        # Years of one calendar compare by number; a mixed calendar falls back to the exact check.
        year, month = as_of.year, as_of.start_month
        for actual in reversed(indicator.actuals):
            if actual.fy.year <= year if actual.fy.start_month == month else _known_by(actual, as_of):
                return actual
        return None
    for actual in reversed(indicator.actuals):
        if _known_by(actual, as_of):
            return actual
    return None


#: A verdict, and how to explain it when asked: sentences cost more than the decision.
_Decided = tuple[Verdict, Callable[[], Explanation]]


def _leaf(verdict: Verdict, rule: str, facts: dict[str, object], sentences: Callable[[], tuple[str, str]]) -> _Decided:
    def explain() -> Explanation:
        ja, en = sentences()
        return Explanation(
            rule, {"verdict": verdict.value, **facts}, ja=f"{verdict.label}: {ja}", en=f"{verdict.label_en}: {en}"
        )

    return verdict, explain


def evaluate(criterion: Criterion, facts: Facts, as_of: date | FiscalYear) -> Assessment:
    """Whether ``criterion`` holds on the facts known ``as_of`` a day or the end of a fiscal year.

    An actual counts once its fiscal year has ended by ``as_of``; a milestone
    or judgment once it is dated on or before it. The verdict is decided at
    once; the explanation tree is built when it is first asked for. A
    ``datetime`` counts as its day; a year given as an int is refused, as
    anything but a date or a FiscalYear is:

    >>> evaluate(Ongoing(), Facts(), as_of=2018)
    Traceback (most recent call last):
    kyodo.errors.ValidationError: as_of: expected a FiscalYear or a date (FiscalYear(2016), FiscalYear.parse('H28') or date(2017, 3, 31), say), not int 2018
    """
    kind = type(as_of)
    if (
        (kind is not FiscalYear and kind is not date)
        or type(facts) is not Facts
        or type(criterion) not in _CRITERION_KINDS
    ):
        as_of = _checked(criterion, facts, as_of)
    return Assessment(_verdict(criterion, facts, as_of), criterion, facts, as_of)


def _checked(criterion: object, facts: object, as_of: object) -> date | FiscalYear:
    """``as_of`` as a day or a fiscal year (a datetime as its day), once the arguments of :func:`evaluate` are
    checked: an int year, a criterion as text or a measure for the facts is refused, never judged."""
    if not isinstance(criterion, CRITERION_TYPES):
        raise ValidationError(("criterion", _not_a_criterion(criterion)))
    if not isinstance(facts, Facts):
        raise ValidationError(("facts", not_a("a Facts (Facts.of(measure), say)", "Facts", facts)))
    if isinstance(as_of, datetime):
        return as_of.date()
    if not isinstance(as_of, date | FiscalYear):
        raise ValidationError(("as_of", not_a(*_A_DAY_OR_YEAR, as_of)))
    return as_of


#: The criteria's own classes, for evaluate's check of the common call; a subclass is checked in full.
_CRITERION_KINDS = frozenset(CRITERION_TYPES)


#: What to give as ``as_of``, said when an int year or a label is given instead.
_A_DAY_OR_YEAR = (
    "a FiscalYear or a date (FiscalYear(2016), FiscalYear.parse('H28') or date(2017, 3, 31), say)",
    "FiscalYear か date",
)


def _verdict(criterion: Criterion, facts: Facts, as_of: date | FiscalYear) -> Verdict:
    return _judge(criterion, facts, as_of, _horizon(as_of))


def _horizon(as_of: date | FiscalYear) -> date:
    """The last day whose records count: ``as_of``, or the last day of its fiscal year."""
    return as_of.end if isinstance(as_of, FiscalYear) else as_of


_MET, _NOT_MET, _UNDETERMINED = Verdict.MET, Verdict.NOT_MET, Verdict.UNDETERMINED


def _judge(criterion: Criterion, facts: Facts, as_of: date | FiscalYear, horizon: date) -> Verdict:
    """The verdict alone: each leaf decided by the function its explanation is built from, with no sentence."""
    kind = type(criterion)
    if kind is AllOf:
        verdict = _MET
        for part in criterion.parts:  # type: ignore[union-attr]
            found = _judge(part, facts, as_of, horizon)
            if found is _NOT_MET:
                return found
            if found is _UNDETERMINED:
                verdict = found
        return verdict
    if kind is AnyOf:
        verdict = _NOT_MET
        for part in criterion.parts:  # type: ignore[union-attr]
            found = _judge(part, facts, as_of, horizon)
            if found is _MET:
                return found
            if found is _UNDETERMINED:
                verdict = found
        return verdict
    if kind is Not:
        return ~_judge(criterion.part, facts, as_of, horizon)  # type: ignore[union-attr]
    if kind is Reaches or kind is Covers:
        return _level(criterion, facts, as_of, horizon)[0]  # type: ignore[arg-type]
    if kind is MilestoneReached:
        return _milestone(criterion, facts, horizon)[0]  # type: ignore[arg-type]
    if kind is Judgment:
        record = _judgment(criterion, facts, horizon)  # type: ignore[arg-type]
        return _UNDETERMINED if record is None else _MET if record.holds else _NOT_MET
    return _decide(criterion, facts, as_of)[0]


def _decide(criterion: Criterion, facts: Facts, as_of: date | FiscalYear) -> _Decided:
    if isinstance(criterion, Ongoing):
        return _leaf(
            Verdict.NOT_MET,
            "criterion.ongoing",
            {},
            lambda: ("継続実施の項目で、完了はない", "the measure goes on; it has no completion"),
        )
    if isinstance(criterion, Reaches | Covers):
        return _evaluate_level(criterion, facts, as_of)
    if isinstance(criterion, MeetsTarget):
        return _evaluate_target(criterion, facts, as_of)
    if isinstance(criterion, MilestoneReached):
        return _evaluate_milestone(criterion, facts, as_of)
    if isinstance(criterion, Judgment):
        return _evaluate_judgment(criterion, facts, as_of)
    verdict = _verdict(criterion, facts, as_of)
    return verdict, lambda: _explain(criterion, facts, as_of)


def _explain(criterion: Criterion, facts: Facts, as_of: date | FiscalYear) -> Explanation:
    """The explanation tree of ``criterion``: every part is evaluated, so the tally names them all."""
    if isinstance(criterion, AllOf | AnyOf):
        parts = [(_verdict(part, facts, as_of), _explain(part, facts, as_of)) for part in criterion.parts]
        verdict = _verdict(criterion, facts, as_of)
        counts = {kind: sum(found is kind for found, _why in parts) for kind in Verdict}
        what_ja = "すべて" if isinstance(criterion, AllOf) else "いずれか"
        what_en = "all of" if isinstance(criterion, AllOf) else "any of"
        tally_ja = (
            f"達成 {counts[Verdict.MET]}、未達成 {counts[Verdict.NOT_MET]}、判定不能 {counts[Verdict.UNDETERMINED]}"
        )
        tally_en = (
            f"{counts[Verdict.MET]} met, {counts[Verdict.NOT_MET]} not met, {counts[Verdict.UNDETERMINED]} undetermined"
        )
        return Explanation(
            "criterion.all_of" if isinstance(criterion, AllOf) else "criterion.any_of",
            {
                "verdict": verdict.value,
                "met": counts[Verdict.MET],
                "not_met": counts[Verdict.NOT_MET],
                "undetermined": counts[Verdict.UNDETERMINED],
            },
            ja=f"{verdict.label}: {len(parts)} 条件の{what_ja}（{tally_ja}）",
            en=f"{verdict.label_en}: {what_en} {len(parts)} conditions: {tally_en}",
            parts=[why for _found, why in parts],
        )
    if isinstance(criterion, Not):
        verdict = _verdict(criterion, facts, as_of)
        return Explanation(
            "criterion.not",
            {"verdict": verdict.value},
            ja=f"{verdict.label}: 次の否定",
            en=f"{verdict.label_en}: the negation of",
            parts=[_explain(criterion.part, facts, as_of)],
        )
    return _decide(criterion, facts, as_of)[1]()


def _level(
    criterion: Reaches | Covers, facts: Facts, as_of: date | FiscalYear, horizon: date
) -> tuple[Verdict, Observation | None, bool, bool]:
    """The verdict on a level, the actual it counts (None if none), whether the deadline has passed, whether it holds."""
    by = criterion.by if isinstance(criterion, Reaches) else None
    indicator = facts._by_name.get(criterion.indicator)
    # With a deadline, the actuals that count are those of its year or earlier; once that year's
    # actual would be known, they all are, and before then those known by the date evaluated.
    passed = by is not None and horizon >= by.end
    latest = None if indicator is None else _latest(indicator, by if passed and by is not None else as_of)
    if latest is None or latest.estimate:
        return _UNDETERMINED, latest, passed, False
    if isinstance(criterion, Covers):
        holds = latest.value >= criterion.units
    elif criterion.at_most:
        holds = latest.value <= criterion.value
    else:
        holds = latest.value >= criterion.value
    # Not yet reached while the deadline is still ahead: there is time left, so nothing is decided.
    verdict = _MET if holds else _UNDETERMINED if by is not None and not passed else _NOT_MET
    return verdict, latest, passed, holds


def _evaluate_level(criterion: Reaches | Covers, facts: Facts, as_of: date | FiscalYear) -> _Decided:
    name = criterion.indicator
    wanted = Decimal(criterion.units) if isinstance(criterion, Covers) else criterion.value
    at_most = isinstance(criterion, Reaches) and criterion.at_most
    by = criterion.by if isinstance(criterion, Reaches) else None
    rule = "criterion.covers" if isinstance(criterion, Covers) else "criterion.reaches"
    verdict, latest, passed, holds = _level(criterion, facts, as_of, _horizon(as_of))
    base: dict[str, object] = {"indicator": name, "wanted": wanted}
    if by is not None:
        base["by"] = str(by)
    if latest is None:
        if by is not None:
            return _leaf(
                Verdict.UNDETERMINED,
                rule,
                base,
                lambda: (
                    f"{name} の {by} 以前の実績が記録されていない"
                    if passed
                    else f"{name} の実績がまだ記録されていない（期限 {by} はまだ先）",
                    f"no actual of {name} is recorded for {by.format('fy')} or earlier"
                    if passed
                    else f"no actual of {name} is recorded yet, and the deadline {by.format('fy')} has not passed",
                ),
            )
        return _leaf(
            Verdict.UNDETERMINED,
            rule,
            base,
            lambda: (f"{name} の実績が記録されていない", f"no actual of {name} is recorded"),
        )
    base.update(actual=latest.value, fy=str(latest.fy), estimate=latest.estimate)
    if latest.preliminary:
        # A 速報値 is counted after the year, so it is judged; the facts say it is not yet final.
        base["preliminary"] = True
    if latest.estimate:
        return _leaf(
            Verdict.UNDETERMINED,
            rule,
            base,
            lambda: (
                f"{name} の {latest.fy} の実績 {latest.value} は見込み",
                f"the {latest.fy.format('fy')} actual of {name}, {latest.value}, is an estimate",
            ),
        )
    if isinstance(criterion, Covers):
        return _leaf(
            verdict,
            rule,
            base,
            lambda: (
                f"{name}: {criterion.units} のうち {latest.value}（{latest.fy}）",
                f"{name}: {latest.value} of {criterion.units} covered ({latest.fy.format('fy')})",
            ),
        )
    sign = "≤" if at_most else "≥"
    if by is None:
        return _leaf(
            verdict,
            rule,
            base,
            lambda: (
                f"{name} {latest.value}（{latest.fy}）{sign if holds else '、' + sign} {wanted}{'' if holds else ' ではない'}",
                f"{name} is {latest.value} ({latest.fy.format('fy')}); {'it is' if holds else 'not'} {sign} {wanted}",
            ),
        )
    if holds:
        return _leaf(
            verdict,
            rule,
            base,
            lambda: (
                f"{name} {latest.value}（{latest.fy}）{sign} {wanted}（期限 {by} 以内）",
                f"{name} is {latest.value} ({latest.fy.format('fy')}); it is {sign} {wanted} by the deadline {by.format('fy')}",
            ),
        )
    if passed:
        return _leaf(
            verdict,
            rule,
            base,
            lambda: (
                f"{name} {latest.value}（{latest.fy}）、期限 {by} までに {sign} {wanted} ではない",
                f"{name} is {latest.value} ({latest.fy.format('fy')}); not {sign} {wanted} by the deadline {by.format('fy')}",
            ),
        )
    return _leaf(
        verdict,
        rule,
        base,
        lambda: (
            f"{name} {latest.value}（{latest.fy}）、まだ {sign} {wanted} ではない（期限 {by} はまだ先）",
            f"{name} is {latest.value} ({latest.fy.format('fy')}); not yet {sign} {wanted},"
            f" and the deadline {by.format('fy')} has not passed",
        ),
    )


def _evaluate_target(criterion: MeetsTarget, facts: Facts, as_of: date | FiscalYear) -> _Decided:
    name = criterion.indicator
    fy = criterion.fy or (as_of if isinstance(as_of, FiscalYear) else FiscalYear.of(as_of) - 1)
    indicator = facts.indicator(name)
    base: dict[str, object] = {"indicator": name, "fy": str(fy)}
    target = None if indicator is None else indicator.target(fy)
    actual = None if indicator is None else indicator.actual(fy)
    if target is None or target.value is None:
        return _leaf(
            Verdict.UNDETERMINED,
            "criterion.meets_target",
            base,
            lambda: (f"{name} に {fy} の数値目標がない", f"{name} has no numeric target for {fy.format('fy')}"),
        )
    if actual is None or not _known_by(actual, as_of) or actual.estimate:
        return _leaf(
            Verdict.UNDETERMINED,
            "criterion.meets_target",
            base,
            lambda: (f"{name} の {fy} の確定した実績がない", f"{name} has no final actual for {fy.format('fy')}"),
        )
    assert indicator is not None
    # Compared, not divided: a target of 0 (待機児童数 0) or below has no achievement rate,
    # yet whether it was met is plain; where the rate exists, rate ≥ 100% is the same test.
    # A range or a printed bound (以上, 以下) decides which figure and which way count.
    measured = target.measured(indicator.direction)
    assert measured is not None
    figure, direction = measured
    if direction is Direction.NEUTRAL:
        # Neither way is better: met where the actual is the target, or lies within its range.
        lower, upper = target.value, target.upper if target.upper is not None else target.value
        met = lower <= actual.value <= upper
    else:
        met = actual.value >= figure if direction is Direction.INCREASE else actual.value <= figure
    verdict = Verdict.MET if met else Verdict.NOT_MET
    base.update(actual=actual.value, target=figure)
    try:
        base["rate"] = achievement_rate(actual.value, figure, direction)
    except UndefinedRateError:
        base["rate"] = None
    return _leaf(
        verdict,
        "criterion.meets_target",
        base,
        lambda: (
            f"{name} の {fy} の実績 {actual.value}、目標 {target}",
            f"{name} in {fy.format('fy')}: actual {actual.value} against a target of {target}",
        ),
    )


def _milestone(criterion: MilestoneReached, facts: Facts, horizon: date) -> tuple[Verdict, str]:
    """The verdict on a milestone, and which case gave it (the key of its sentence)."""
    when = facts._milestones.get(criterion.name)
    if when is None:
        return _UNDETERMINED, "unrecorded"
    if type(when) is date:
        first = last = when
    else:
        first, last = _span(when)
    if first > horizon:
        return _UNDETERMINED, "later"
    by = criterion.by
    if by is not None:
        deadline = by.end if isinstance(by, FiscalYear) else by
        if last <= deadline:
            return _MET, "by"
        if first > deadline:
            return _NOT_MET, "after"
        return _UNDETERMINED, "by_unclear"
    if last > horizon:
        return _UNDETERMINED, "unclear"
    return _MET, "recorded"


def _evaluate_milestone(criterion: MilestoneReached, facts: Facts, as_of: date | FiscalYear) -> _Decided:
    name = criterion.name
    verdict, case = _milestone(criterion, facts, _horizon(as_of))
    base: dict[str, object] = {"milestone": name}
    if case == "unrecorded":
        return _leaf(
            verdict,
            "criterion.milestone",
            base,
            lambda: (f"{name} は記録されていない", f"milestone {name} is not recorded"),
        )
    when = facts.milestone(name)
    label = when.format("fy") if isinstance(when, FiscalYear) else str(when)
    base["recorded"] = label
    if case == "later":
        return _leaf(
            verdict,
            "criterion.milestone",
            base,
            lambda: (
                f"{name} の記録（{label}）は基準日より後",
                f"milestone {name} is recorded for {label}, after the date evaluated",
            ),
        )
    if criterion.by is not None:
        base["by"] = str(criterion.by)
        if case == "by":
            return _leaf(
                verdict,
                "criterion.milestone",
                base,
                lambda: (
                    f"{name} は {label} に記録（期限 {criterion.by} 以内）",
                    f"milestone {name} recorded in {label}, by the deadline {criterion.by}",
                ),
            )
        if case == "after":
            return _leaf(
                verdict,
                "criterion.milestone",
                base,
                lambda: (
                    f"{name} は {label} に記録（期限 {criterion.by} 後）",
                    f"milestone {name} recorded in {label}, after the deadline {criterion.by}",
                ),
            )
        return _leaf(
            verdict,
            "criterion.milestone",
            base,
            lambda: (
                f"{name} の記録（{label}）では期限 {criterion.by} 以内か判らない",
                f"milestone {name} is recorded only as {label}; whether that was by {criterion.by} cannot be told",
            ),
        )
    if case == "unclear":
        return _leaf(
            verdict,
            "criterion.milestone",
            base,
            lambda: (
                f"{name} の記録（{label}）では基準日までか判らない",
                f"milestone {name} is recorded only as {label}; whether it was by the date evaluated cannot be told",
            ),
        )
    return _leaf(
        verdict,
        "criterion.milestone",
        base,
        lambda: (f"{name} は {label} に記録", f"milestone {name} recorded in {label}"),
    )


def _judgment(criterion: Judgment, facts: Facts, horizon: date) -> JudgmentRecord | None:
    """The record of the judgment, if it is recorded by ``horizon``: it holds or not, as the record says."""
    record = facts._judgments.get(criterion.name)
    return None if record is None or record.on > horizon else record


def _evaluate_judgment(criterion: Judgment, facts: Facts, as_of: date | FiscalYear) -> _Decided:
    name = criterion.name
    record = _judgment(criterion, facts, _horizon(as_of))
    base: dict[str, object] = {"judgment": name}
    if record is None:
        return _leaf(
            Verdict.UNDETERMINED,
            "criterion.judgment",
            base,
            lambda: (f"判断「{name}」は記録されていない", f"no judgment {name} is recorded"),
        )
    verdict = Verdict.MET if record.holds else Verdict.NOT_MET
    base.update(on=record.on, by=record.by, evidence=record.evidence)
    evidence_ja = f"、根拠: {record.evidence}" if record.evidence else ""
    evidence_en = f"; evidence: {record.evidence}" if record.evidence else ""
    return _leaf(
        verdict,
        "criterion.judgment",
        base,
        lambda: (
            f"判断「{name}」{record.on.isoformat()} {record.by}{evidence_ja}",
            f"judgment {name} by {record.by} on {record.on.isoformat()}{evidence_en}",
        ),
    )


# --- projection ----------------------------------------------------------------------------


@frozen
class Projection:
    """When an indicator would reach a value at its recent pace, or ``fy`` None if not at this pace.

    ``pace`` is the mean yearly change over the last ``years`` years of
    actuals: (latest − the actual ``years`` years before) ÷ ``years``.
    """

    indicator: str
    wanted: Decimal
    latest: Observation
    pace: Fraction
    years: int
    fy: FiscalYear | None

    def to_data(self) -> ProjectionData:
        """The projection as JSON-ready data (kind ``projection``).

        >>> from kyodo import Observation
        >>> centres = Indicator("まちづくりセンター数", "箇所", actuals=[
        ...     Observation(FiscalYear(year), count) for year, count in zip(range(2015, 2019), (43, 48, 54, 55))])
        >>> data = project(centres, 99).to_data()
        >>> data["pace"], data["fy"], data["latest"]["value"]
        ('4', '令和11年度', '55')
        """
        return _result_data.projection_data(self)

    @classmethod
    def from_data(cls, data: object) -> Projection:
        """The projection :meth:`to_data` wrote."""
        return _result_data.projection_from(data)

    @property
    def explanation(self) -> Explanation:
        """How the year was found, as data and sentences."""
        facts = {
            "indicator": self.indicator,
            "wanted": self.wanted,
            "latest": self.latest.value,
            "latest_fy": str(self.latest.fy),
            "pace": self.pace,
            "years": self.years,
            "fy": None if self.fy is None else str(self.fy),
        }
        pace = _number(self.pace)
        head_ja = f"{self.indicator}: {self.latest.fy} に {self.latest.value}、直近 {self.years} 年の平均 {pace}/年"
        head_en = f"{self.indicator}: {self.latest.value} in {self.latest.fy.format('fy')}, {pace} a year on average over the last {self.years} years"
        if self.fy is None:
            return Explanation(
                "projection.never",
                facts,
                ja=f"{head_ja}。このペースでは {self.wanted} に届かない",
                en=f"{head_en}; at this pace it never reaches {self.wanted}",
            )
        return Explanation(
            "projection.year",
            facts,
            ja=f"{head_ja}。このペースなら {self.fy}（{self.fy.format('fy')}）に {self.wanted} に届く",
            en=f"{head_en}; at this pace it reaches {self.wanted} in {self.fy.format('fy')}",
        )


def project(
    indicator: Indicator, wanted: int | Decimal, *, years: int = 3, as_of: FiscalYear | None = None
) -> Projection:
    """The fiscal year ``indicator`` would reach ``wanted`` at the pace of its last ``years`` years of actuals.

    Seed 000: 43, 48, 54 and 55 centres in FY2015–FY2018 make a pace of 4 a
    year over three years, so 99 would be reached in FY2029.

    >>> from kyodo import Observation
    >>> centres = Indicator("まちづくりセンター数", "箇所", actuals=[
    ...     Observation(FiscalYear(year), count) for year, count in zip(range(2015, 2019), (43, 48, 54, 55))])
    >>> projection = project(centres, 99)
    >>> projection.pace, projection.fy
    (Fraction(4, 1), FiscalYear(2029))
    """
    if type(years) is not int or years < 1:
        raise ValidationError(
            (
                "years",
                (f"must be a whole number of at least 1, not {years!r}", f"1 以上の整数が必要（{years!r}）"),
                "out_of_range" if type(years) is int else "not_a_number",
            )
        )
    if not isinstance(indicator, Indicator):
        raise ValidationError(
            ("indicator", not_a("an Indicator (measure.indicator(name), say)", "Indicator", indicator))
        )
    if as_of is not None and not isinstance(as_of, FiscalYear):
        raise ValidationError(("as_of", not_a(*A_FISCAL_YEAR, as_of)))
    target = _decimal(wanted)
    actuals = [actual for actual in indicator.actuals if as_of is None or actual.fy <= as_of]
    if not actuals:
        raise ValidationError(
            (
                "actuals",
                (
                    f"{indicator.name} has no actuals to project from",
                    f"{indicator.name} には見通しの基にする実績がない",
                ),
            )
        )
    latest = actuals[-1]
    earlier = indicator.actual(latest.fy - years)
    if earlier is None:
        raise ValidationError(
            (
                "actuals",
                (
                    f"{indicator.name} has no actual for {latest.fy - years} to measure {years} years of pace from",
                    f"{indicator.name} には {years} 年間のペースを測る起点となる {latest.fy - years} の実績がない",
                ),
            )
        )
    pace = (Fraction(latest.value) - Fraction(earlier.value)) / years
    remaining = Fraction(target) - Fraction(latest.value)
    more_is_better = indicator.direction == "increase"
    fy: FiscalYear | None
    if indicator.direction == "neutral":
        reached = remaining == 0
    else:
        reached = (remaining <= 0) if more_is_better else (remaining >= 0)
    if reached:
        fy = latest.fy
    elif pace == 0 or (pace > 0) != (remaining > 0):
        fy = None
    else:
        fy = latest.fy + math.ceil(remaining / pace)
    return Projection(indicator.name, target, latest, pace, years, fy)


def _number(value: Fraction) -> str:
    """An exact number for a sentence: whole, or rounded half up to two decimals."""
    if value.denominator == 1:
        return str(value.numerator)
    hundredths = round_half_up(value * 100)
    sign = "-" if hundredths < 0 else ""
    whole, part = divmod(abs(hundredths), 100)
    return f"{sign}{whole}.{part:02d}".rstrip("0").rstrip(".")
