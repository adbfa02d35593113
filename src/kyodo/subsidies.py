"""Subsidy and grant rules (補助金, 交付金): exact awards that explain themselves.

A :class:`SubsidyRule` is data: the fiscal years it is offered, the state a
body must be in, and one or more versions of its :class:`SubsidyTerms`
(rate, caps, year limit, rounding), each in force from a fiscal year.
:meth:`SubsidyRule.compute` turns an application into an :class:`Award` in
whole yen, naming the constraint that bound. An application the rule does not
fund gets a zero award with the reason, never an exception.

The calculation, precisely: the eligible cost (the cost, or the eligible
categories of a breakdown) times the rate, exactly; rounded by the rule's
:class:`~kyodo.Rounding` before or after the caps, as the rule says; capped
per application, per body per fiscal year, and in total across years.

Seed 001 (Ichinoseki), 事業4: 2/3 of the cost, at most 200,000 yen per body
per fiscal year, offered until FY2015 for now.

>>> from kyodo import FiscalYear
>>> project4 = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FiscalYear(2015))
>>> award = project4.compute(200_000, FiscalYear(2015))
>>> award.amount, award.binding
(133333, <Constraint.RATE: 'rate'>)
>>> print(award.explanation.text("en"))
133,333 yen = floor(2/3 × 200,000); under the 200,000 yen per-FY cap
>>> print(project4.compute(350_000, FiscalYear(2015)).explanation.text("en"))
200,000 yen: 2/3 × 350,000 = 233,333 exceeds the 200,000 yen per-FY cap
>>> print(project4.compute(350_000, FiscalYear(2016)).explanation.text("en"))
0 yen: 事業4 is offered until FY2015; the application is for FY2016
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeAlias

import attrs
from attrs import evolve, field, frozen

from kyodo import _result_data
from kyodo._checks import A_FISCAL_YEAR, Validator, boolean_field, instance_of, items_of, not_a
from kyodo._labels import LabelledEnum
from kyodo._limits import MAX_LABEL_CHARS, number_problem
from kyodo.bodies import Body, MilestoneKind
from kyodo.errors import Coded, ValidationError
from kyodo.explain import Explanation
from kyodo.fiscal import FiscalYear
from kyodo.money import Rounding, as_printed, format_yen, parse_rate, rate_text, round_yen
from kyodo.results import AllocationData, ApplicationData, AwardData, SettlementData
from kyodo.steps import (
    Calculation,
    Cap,
    CapScope,
    Categories,
    Claim,
    Context,
    MinimumAward,
    Rate,
    Refused,
    Round,
    Step,
    StepLine,
    Unit,
    YearLimit,
    _above_the_cost,
    run,
    yen_text,
)

__all__ = [
    "Allocation",
    "Application",
    "Award",
    "BodyCondition",
    "Budget",
    "Constraint",
    "Funded",
    "Ledger",
    "Refusal",
    "RoundingStep",
    "Settlement",
    "SubsidyRule",
    "SubsidyTerms",
    "allocate",
    "fund",
    "settle",
]


class Constraint(LabelledEnum):
    """What decided an award's amount."""

    RATE = "rate", "補助率", "the rate"
    CAP_PER_APPLICATION = "cap_per_application", "1件あたりの限度額", "per-application cap"
    CAP_PER_FY = "cap_per_fy", "年度あたりの限度額", "per-FY cap"
    TOTAL_CAP = "total_cap", "通算の限度額", "total cap"
    CAP_PER_UNIT = "cap_per_unit", "1件あたりの限度額（単位ごと）", "per-unit cap"
    WINDOW_CAP = "window_cap", "期間あたりの限度額", "cap per window of years"
    DEFICIT_CAP = "deficit_cap", "収支不足額", "the deficit (cost less income)"
    COST_CAP = "cost_cap", "補助対象経費の上限", "the cap on the eligible cost"
    TOP_UP = "top_up", "加算", "a top-up"
    PER_UNIT = "per_unit", "単位ごとの算定の合計", "the sum of per-unit awards"
    REFUSED = "refused", "交付対象外", "refused"


class Refusal(LabelledEnum):
    """Why an application gets nothing."""

    NOT_OFFERED = "not_offered", "実施期間外", "not offered that year"
    BODY_STATE = "body_state", "団体の要件を満たさない", "the body does not qualify"
    YEAR_LIMIT = "year_limit", "交付年数の上限", "year limit reached"
    TOTAL_REACHED = "total_reached", "通算限度額に達している", "total cap already reached"
    NO_ELIGIBLE_COST = "no_eligible_cost", "対象経費がない", "no eligible cost"
    BELOW_MINIMUM = "below_minimum", "下限額未満", "below the minimum award"
    BELOW_MINIMUM_COST = "below_minimum_cost", "対象経費が下限未満", "eligible cost below the minimum"
    BELOW_MINIMUM_COUNT = "below_minimum_count", "数量が下限未満", "a count below the minimum"
    NO_ROW = "no_row", "表に当たる行がない", "no row of the table fits"
    NO_UNITS = "no_units", "単位がない", "no units to compute"
    MAX_UNITS = "max_units", "件数の上限", "unit limit reached"
    ONCE_PER_FY = "once_per_fy", "同一年度の交付済み", "already funded this fiscal year"
    WAITING_PERIOD = "waiting_period", "待機期間中", "within the waiting period"


class RoundingStep(LabelledEnum):
    """Where a rule rounds: the rate's product before the caps, or the capped amount."""

    BEFORE_CAP = "before_cap", "限度額適用前", "before the caps"
    AFTER_CAP = "after_cap", "限度額適用後", "after the caps"


def _rate(value: Fraction | Decimal | int | str) -> Fraction:
    # Checked before parse_rate, which would turn a NaN into a bare ValueError and spend
    # minutes expanding 1E+100000000 or a label of thousands of digits.
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        problem = number_problem(value)
        if problem is not None:
            raise ValidationError(("rate", problem))
    if isinstance(value, str) and len(value) > MAX_LABEL_CHARS:
        raise ValidationError(
            (
                "rate",
                (
                    f"a rate of {len(value)} characters is too long; kyodo reads at most {MAX_LABEL_CHARS}",
                    f"{len(value)}文字の率は長すぎる。読めるのは{MAX_LABEL_CHARS}文字まで",
                ),
                "too_large",
            )
        )
    rate = value if isinstance(value, Fraction) else parse_rate(value)
    if rate < 0:
        raise ValidationError(
            ("rate", (f"a rate cannot be negative: {rate}", f"率は負にならない（{rate}）"), "out_of_range")
        )
    above = _above_the_cost(rate, value)
    if above is not None:
        raise ValidationError(("rate", above))
    return as_printed(rate, value)


def _not_yen(value: object) -> Coded:
    return Coded(
        f"must be whole yen (an int of 0 or more), not {value!r}",
        f"円単位の 0 以上の整数が必要（{value!r}）",
        "out_of_range" if type(value) is int else "not_a_number",
    )


def _yen(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if value is not None and (type(value) is not int or value < 0):
            raise ValidationError((name, _not_yen(value)))

    return check


def _categories(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value)


def _ineligible(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _rounding(value: Rounding | str) -> Rounding:
    return Rounding.read(value, "rounding")


def _step(value: RoundingStep | str) -> RoundingStep:
    return RoundingStep.read(value, "round_at")


@frozen
class SubsidyTerms:
    """One version of a rule's parameters.

    ``rate`` is exact (``"2/3"``, ``"100%"`` and ``Fraction(2, 3)`` alike).
    Caps are whole yen, ``None`` where the rule has none: ``cap_per_application``,
    ``cap_per_fy`` (per body per fiscal year) and ``total_cap`` (per body across
    years). ``max_years`` limits the fiscal years a body may be funded.
    ``eligible`` lists the expense categories funded (None: all) and
    ``ineligible`` those never funded.
    """

    rate: Fraction = field(converter=_rate)
    cap_per_application: int | None = field(default=None, validator=_yen("cap_per_application"))
    cap_per_fy: int | None = field(default=None, validator=_yen("cap_per_fy"))
    total_cap: int | None = field(default=None, validator=_yen("total_cap"))
    max_years: int | None = None
    minimum_award: int | None = field(default=None, validator=_yen("minimum_award"))
    rounding: Rounding = field(default=Rounding.DOWN, converter=_rounding)
    round_at: RoundingStep = field(default=RoundingStep.BEFORE_CAP, converter=_step)
    eligible: frozenset[str] | None = field(default=None, converter=_categories)
    ineligible: frozenset[str] = field(default=frozenset(), converter=_ineligible)

    def __attrs_post_init__(self) -> None:
        if self.max_years is not None and (type(self.max_years) is not int or self.max_years < 1):
            raise ValidationError(
                (
                    "max_years",
                    (
                        f"must be a whole number of at least 1, not {self.max_years!r}",
                        f"1 以上の整数が必要（{self.max_years!r}）",
                    ),
                    "out_of_range" if type(self.max_years) is int else "not_a_number",
                )
            )
        if self.eligible is not None and self.eligible & self.ineligible:
            both = sorted(self.eligible & self.ineligible)
            raise ValidationError(
                (
                    "eligible",
                    (
                        f"{', '.join(both)} cannot be both eligible and ineligible",
                        f"{'、'.join(both)} が対象経費（eligible）と対象外経費（ineligible）の両方にある",
                    ),
                )
            )

    def calculation(self) -> Calculation:
        """The same terms as a :class:`~kyodo.steps.Calculation`: the pipeline these fields are shorthand for.

        >>> SubsidyTerms(rate="2/3", cap_per_fy=200_000).calculation().steps
        (Rate(rate=Fraction(2, 3)), Round(rule=('down', 1)), Cap(amount=200000, per='fy', times=None, years=None, plus=0))
        """
        steps: list[Step] = []
        if self.max_years is not None:
            steps.append(YearLimit(self.max_years))
        if self.eligible is not None or self.ineligible:
            steps.append(Categories(self.eligible, self.ineligible))
        steps.append(Rate(self.rate))
        rounding = Round((_MODES[self.rounding], self.rounding.unit))
        if self.round_at is RoundingStep.BEFORE_CAP:
            steps.append(rounding)
        per: dict[Constraint, CapScope] = {
            Constraint.CAP_PER_APPLICATION: "application",
            Constraint.CAP_PER_FY: "fy",
            Constraint.TOTAL_CAP: "total",
        }
        steps.extend(Cap(cap, per=per[kind]) for kind, cap in self.caps)
        if self.round_at is RoundingStep.AFTER_CAP:
            steps.append(rounding)
        if self.minimum_award is not None:
            steps.append(MinimumAward(self.minimum_award))
        return Calculation(steps)

    @property
    def caps(self) -> tuple[tuple[Constraint, int], ...]:
        """The caps the terms set, in the order they are checked."""
        pairs = (
            (Constraint.CAP_PER_APPLICATION, self.cap_per_application),
            (Constraint.CAP_PER_FY, self.cap_per_fy),
            (Constraint.TOTAL_CAP, self.total_cap),
        )
        return tuple((kind, cap) for kind, cap in pairs if cap is not None)


_MODES: dict[Rounding, Any] = {Rounding.DOWN: "down", Rounding.DOWN_1000: "down", Rounding.HALF_UP: "half_up"}


#: The claim of an application that tells a rule nothing beyond its cost; shared, as claims are frozen.
_NO_CLAIM = Claim()


def _optional_year(name: str) -> Validator:
    """An attrs validator: the field is a FiscalYear or None; an int year is refused as grade_measure refuses one."""
    return instance_of(FiscalYear, name, A_FISCAL_YEAR, optional=True)


def _kind(value: MilestoneKind | str) -> MilestoneKind:
    return MilestoneKind.read(value, "kind")


@frozen
class BodyCondition:
    """A state a body must (or, with ``reached=False``, must not yet) be in.

    The milestone must be reached by ``by``, or, without it, by the
    application's fiscal year less ``years_before``: seed 001's 事業1 needs a
    preparatory committee formed by FY2015; its 事業4 funds a body until its
    community plan is adopted (``reached=False``); 事業6's grant runs from a
    body's second year (founded by the year before: ``years_before=1``).
    """

    kind: MilestoneKind = field(converter=_kind)
    reached: bool = field(default=True, validator=boolean_field("reached"))
    by: FiscalYear | None = field(default=None, validator=_optional_year("by"))
    years_before: int = 0

    def __attrs_post_init__(self) -> None:
        if type(self.years_before) is not int or self.years_before < 0:
            raise ValidationError(
                (
                    "years_before",
                    (
                        f"must be a whole number of 0 or more, not {self.years_before!r}",
                        f"0 以上の整数が必要（{self.years_before!r}）",
                    ),
                    "out_of_range" if type(self.years_before) is int else "not_a_number",
                )
            )

    def deadline(self, fy: FiscalYear) -> FiscalYear:
        """The fiscal year by which the milestone counts, for an application in ``fy``."""
        return self.by if self.by is not None else fy - self.years_before

    def holds(self, body: Body, fy: FiscalYear) -> bool:
        """True if ``body`` is in the required state for an application in ``fy``."""
        return body.reached(self.kind, by=self.deadline(fy)) is self.reached

    def describe(self, fy: FiscalYear) -> tuple[str, str]:
        """The condition as a Japanese and an English phrase.

        >>> BodyCondition("community_plan", reached=False).describe(FiscalYear(2016))
        ('平成28年度までに地域づくり計画策定していない', 'no community plan adopted by FY2016')
        >>> BodyCondition("founding_meeting").describe(FiscalYear(2016))
        ('平成28年度までに設立総会', 'a founding general meeting held by FY2016')
        """
        deadline = self.deadline(fy)
        reached, not_reached, not_reached_ja = _CONDITION_PHRASES[self.kind]
        if self.reached:
            return (f"{deadline}までに{self.kind.label}", f"{reached} by {deadline.format('fy')}")
        return (f"{deadline}までに{not_reached_ja}", f"{not_reached} by {deadline.format('fy')}")


#: How a condition on each milestone reads: reached and not reached in English, and not reached in Japanese.
_CONDITION_PHRASES: dict[MilestoneKind, tuple[str, str, str]] = {
    MilestoneKind.STUDY_SESSION: ("study sessions held", "no study sessions held", "勉強会を開いていない"),
    MilestoneKind.PREPARATORY_COMMITTEE: (
        "a preparatory committee formed",
        "no preparatory committee formed",
        "設立準備会を設けていない",
    ),
    MilestoneKind.FOUNDING_MEETING: (
        "a founding general meeting held",
        "no founding general meeting held",
        "設立総会を開いていない",
    ),
    MilestoneKind.COMMUNITY_PLAN: (
        "a community plan adopted",
        "no community plan adopted",
        "地域づくり計画策定していない",
    ),
    MilestoneKind.OTHER: (
        "the other milestone reached",
        "the other milestone not reached",
        "その他の段階に至っていない",
    ),
}


Terms = SubsidyTerms | Calculation


def _versions(
    values: Iterable[Terms | tuple[FiscalYear | None, Terms]],
) -> tuple[tuple[FiscalYear | None, Terms], ...]:
    versions: list[tuple[FiscalYear | None, Terms]] = []
    for index, value in enumerate(values):
        if isinstance(value, SubsidyTerms | Calculation):
            versions.append((None, value))
            continue
        if (
            not isinstance(value, tuple | list)
            or len(value) != 2
            or not isinstance(value[1], SubsidyTerms | Calculation)
        ):
            wanted = "terms (SubsidyTerms or a Calculation), or (FiscalYear, terms) from that year"
            raise ValidationError((f"versions[{index}]", not_a(wanted, "条件、または (FiscalYear, 条件)", value)))
        start, terms = value
        if start is not None and not isinstance(start, FiscalYear):
            raise ValidationError((f"versions[{index}][0]", not_a(*A_FISCAL_YEAR, start)))
        versions.append((start, terms))
    return tuple(versions)


_CONDITION_ITEMS = items_of(
    BodyCondition, "conditions", ("a BodyCondition (BodyCondition(kind), say)", "BodyCondition")
)


def _conditions(values: Iterable[BodyCondition]) -> tuple[BodyCondition, ...]:
    return _CONDITION_ITEMS(values)


@frozen
class SubsidyRule:
    """A subsidy or grant programme; see the module for the calculation.

    ``versions`` lists the terms, each either alone (in force from the start)
    or as ``(FiscalYear, terms)`` in force from that year; a calculation uses
    the version in force in the application's fiscal year. Terms are a
    :class:`SubsidyTerms` (one rate and its caps) or a
    :class:`~kyodo.steps.Calculation` (a pipeline of steps, for rules with
    tables, units, deductions, top-ups or waiting periods).
    ``first_fy`` and ``last_fy`` bound the years it is offered.
    """

    name: str
    versions: tuple[tuple[FiscalYear | None, Terms], ...] = field(converter=_versions)
    first_fy: FiscalYear | None = field(default=None, validator=_optional_year("first_fy"))
    last_fy: FiscalYear | None = field(default=None, validator=_optional_year("last_fy"))
    conditions: tuple[BodyCondition, ...] = field(default=(), converter=_conditions)
    advance_allowed: bool = False
    settled_each_fy: bool = True
    source: str | None = None
    description: str | None = None
    budget: Budget | None = None
    #: What :meth:`compute` needs of each fiscal year seen so far (see _plan_of): not a field a user gives or sees.
    _plans: dict[FiscalYear, _Plan | None] = field(init=False, factory=dict, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise ValidationError(
                ("name", not_a("a rule's name (text)", "制度の名前（文字列）", self.name, "not_text"))
            )
        if not self.name.strip():
            raise ValidationError(("name", ("a rule needs a name", "制度には名前が必要")))
        if not self.versions:
            raise ValidationError(
                ("versions", ("a rule needs at least one version of its terms", "制度には条件の版が一つ以上必要"))
            )
        starts = [start for start, _terms in self.versions]
        if any(start is None for start in starts[1:]):
            raise ValidationError(
                (
                    "versions",
                    ("only the first version may leave out the year it starts", "開始年度を省けるのは最初の版だけ"),
                )
            )
        dated = [start for start in starts if start is not None]
        if dated != sorted(dated) or len(set(dated)) != len(dated):
            raise ValidationError(
                (
                    "versions",
                    (
                        "versions must start in different fiscal years, in order",
                        "各版は別々の年度に、年度順に始まる必要がある",
                    ),
                )
            )
        if self.first_fy is not None and self.last_fy is not None and self.last_fy < self.first_fy:
            raise ValidationError(
                (
                    "last_fy",
                    (
                        f"{self.last_fy} is before the first year, {self.first_fy}",
                        f"{self.last_fy} が最初の年度 {self.first_fy} より前",
                    ),
                    "out_of_range",
                )
            )

    def terms(self, fy: FiscalYear) -> Terms | None:
        """The terms in force in ``fy``, or None before the first version."""
        chosen = None
        for start, terms in self.versions:
            if start is None or start <= fy:
                chosen = terms
        return chosen

    def replace(self, **changes: Any) -> SubsidyRule:
        """A variant of this rule: ``rate``, caps and other terms change in every version; other fields as given.

        >>> rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
        >>> rule.replace(rate="1/2", cap_per_fy=300_000).terms(FiscalYear(2015)).cap_per_fy
        300000
        """
        term_fields = {attribute.name for attribute in SubsidyTerms.__attrs_attrs__}
        term_changes = {key: value for key, value in changes.items() if key in term_fields}
        rule_changes = {key: value for key, value in changes.items() if key not in term_fields}
        if term_changes and any(isinstance(terms, Calculation) for _start, terms in self.versions):
            raise ValidationError(
                (
                    "versions",
                    (
                        f"{sorted(term_changes)} are terms of a SubsidyTerms; this rule is a calculation of steps",
                        f"{sorted(term_changes)} は SubsidyTerms の条件で、この制度は手順の計算で書かれている",
                    ),
                )
            )
        versions = tuple((start, evolve(terms, **term_changes)) for start, terms in self.versions)
        return evolve(self, versions=versions, **rule_changes)

    def compute(
        self,
        cost: int | Mapping[str, int],
        fy: FiscalYear,
        body: Body | None = None,
        history: Iterable[Award] = (),
        *,
        units: Iterable[Unit] = (),
        attributes: Mapping[str, str] | None = None,
        deductions: Mapping[str, int] | None = None,
        site: str | None = None,
        counts: Mapping[str, int | Fraction | Decimal | str] | None = None,
        others: Iterable[Award] = (),
    ) -> Award:
        """The award for an application of ``cost`` (or a breakdown by category) in ``fy``.

        ``history`` holds the body's earlier awards under this rule (a
        :class:`Ledger` passes them), for the year limit, waiting periods and
        the caps per fiscal year, per window and in total. ``units``,
        ``attributes``, ``deductions``, ``site`` and ``counts`` are what a
        :class:`~kyodo.steps.Calculation` may ask of an application (see
        :class:`~kyodo.steps.Claim`). ``others`` holds the body's awards under
        other programmes, which only a step naming them reads (a
        :class:`~kyodo.steps.WaitingPeriod`'s ``programmes``).
        """
        if (
            type(cost) is int
            and type(history) is tuple
            and not units
            and attributes is None
            and deductions is None
            and site is None
            and counts is None
        ):
            # An application of whole yen alone, the common one: in integers, where the year's terms allow.
            plan = self._plans.get(fy, _UNPLANNED)
            if plan is _UNPLANNED:
                plan = _plan_of(self, fy)
            if plan is not None and history:
                plan = _after(plan, history, fy)
            if plan is not None:
                terms, times, plus, over, unit, rate_denominator, cap, cap_kind, cap_paid, after_cap, least = plan
                product = times * cost
                if after_cap:
                    if cap is None or product <= cap * rate_denominator:
                        amount, binding = (product * 2 + plus) // over * unit, _RATE
                    else:
                        amount, binding = cap_paid, cap_kind
                else:
                    amount, binding = (product * 2 + plus) // over * unit, _RATE
                    if cap is not None and amount > cap:
                        amount, binding = cap, cap_kind
                # Nothing, or less than the minimum: the full path says why, so every refusal is made in one place.
                if amount >= least:
                    award: Award = _new(Award)
                    state = award.__dict__
                    state["rule"] = self
                    state["fy"] = fy
                    state["body"] = None if body is None else body.name if type(body) is Body else _who(body)
                    state["cost"] = (("", cost),)
                    state["amount"] = amount
                    state["binding"] = binding
                    state["terms"] = terms
                    state["eligible_cost"] = cost
                    state["_product"] = (product, rate_denominator)
                    return award
        breakdown = _breakdown(cost)
        claim = (
            _NO_CLAIM
            if not units and attributes is None and deductions is None and site is None and counts is None
            else Claim(tuple(units), attributes, deductions, site, counts)
        )
        return _award_in_full(self, breakdown, fy, body, history, claim, others)


def _award_in_full(
    rule: SubsidyRule,
    breakdown: tuple[tuple[str, int], ...],
    fy: FiscalYear,
    body: Body | None,
    history: Iterable[Award],
    claim: Claim,
    others: Iterable[Award],
) -> Award:
    """:meth:`SubsidyRule.compute` in full, every application alike: what its integer path must agree with.

    It checks the year and the body, which the integer path takes only when they are of the right type.
    """
    if not isinstance(fy, FiscalYear):
        raise ValidationError(("fy", not_a(*A_FISCAL_YEAR, fy)))
    who = _who(body)
    try:
        offered, terms = _offered(rule, fy)
    except TypeError as error:
        raise ValidationError(
            (
                "fy",
                (
                    f"{error}; give a year of the rule's calendar",
                    f"{fy!r} は制度の年度と開始月の異なる暦の年度で、比べられない。制度の暦の年度で指定する",
                ),
            )
        ) from None

    def refuse(refusal: Refusal, terms: Terms | None = None, **found: Any) -> Award:
        return Award(rule, fy, who, breakdown, 0, Constraint.REFUSED, refusal, terms, claim=claim, **found)

    if not offered or terms is None:
        return refuse(Refusal.NOT_OFFERED)
    for condition in rule.conditions:
        if body is None or not condition.holds(body, fy):
            return refuse(Refusal.BODY_STATE, terms, failed=condition)
    if isinstance(terms, Calculation):
        terms.check(claim, sum(amount for _category, amount in breakdown))
        try:
            figure = run(terms, Context(fy, claim, tuple(history), breakdown, tuple(others)))
        except Refused as refused:
            line = StepLine(refused.reason, 0, tuple(refused.facts.items()), refused.ja, refused.en)
            return refuse(Refusal.read(refused.reason, "refusal"), terms, lines=(line,))
        assert figure.amount is not None
        if figure.amount.denominator != 1:
            # A calculation that ends unrounded pays whole yen: the fraction of a yen is cut, as 1円未満切捨て.
            exact = figure.amount
            figure.amount = Fraction(round_yen(exact))
            figure.note(
                "round",
                f"円未満切捨て {figure.amount.numerator:,}円",
                f"rounded down to the yen {figure.amount.numerator:,}",
            )
        return Award(
            rule,
            fy,
            who,
            breakdown,
            int(figure.amount),
            Constraint.read(figure.binding, "binding"),
            None,
            terms,
            figure.base,
            None,
            claim=claim,
            lines=tuple(figure.lines),
        )
    history = tuple(history)  # read three times below: an iterator once read would give nothing the second time
    earlier = [award for award in history if award.amount > 0 and award.fy != fy]
    this_year = sum(award.amount for award in history if award.fy == fy)
    total = sum(award.amount for award in history)
    if terms.max_years is not None and len({award.fy for award in earlier}) >= terms.max_years:
        return refuse(Refusal.YEAR_LIMIT, terms)
    eligible = sum(
        amount
        for category, amount in breakdown
        if category not in terms.ineligible and (terms.eligible is None or category in terms.eligible or category == "")
    )
    if eligible == 0:
        return refuse(Refusal.NO_ELIGIBLE_COST, terms, eligible_cost=0)
    product = terms.rate * eligible
    after_cap = terms.round_at is RoundingStep.AFTER_CAP
    limits = [(Constraint.RATE, product if after_cap else Fraction(round_yen(product, terms.rounding)))]
    used = {Constraint.CAP_PER_FY: this_year, Constraint.TOTAL_CAP: total}
    for kind, cap in terms.caps:
        limits.append((kind, Fraction(max(cap - used.get(kind, 0), 0))))
    binding, limit = min(limits, key=lambda pair: pair[1])
    amount = round_yen(limit, terms.rounding) if after_cap else int(limit)
    if amount == 0 and binding is Constraint.TOTAL_CAP:
        return refuse(Refusal.TOTAL_REACHED, terms, eligible_cost=eligible, product=product)
    if terms.minimum_award is not None and amount < terms.minimum_award:
        return refuse(Refusal.BELOW_MINIMUM, terms, eligible_cost=eligible, product=product)
    return Award(rule, fy, who, breakdown, amount, binding, None, terms, eligible, product)


#: What SubsidyRule.compute needs to award whole yen under SubsidyTerms in integers alone, for one fiscal year:
#: the terms; the rate's numerator and the rest of the rounding, (2 × numerator × cost + plus) // over × unit
#: (over is 2 × the denominator, times 1,000 when rounding to 1,000 yen; plus is 0, or the denominator for
#: half up); the rate's denominator; the least of the caps (None: none), the constraint it is, and what it
#: pays when it binds; whether rounding comes after the caps; and the least amount awarded without refusal.
_Plan: TypeAlias = tuple[SubsidyTerms, int, int, int, int, int, int | None, Constraint, int, bool, int]

#: The key _plans.get gives for a fiscal year not planned yet (None there means: not on the integer path).
_UNPLANNED: Any = object()
_RATE = Constraint.RATE
_new = object.__new__


def _plan_of(rule: SubsidyRule, fy: FiscalYear) -> _Plan | None:
    """What compute needs for ``fy`` under ``rule``, kept on the rule; None where only the full path computes it.

    That is: a fiscal year of another type, or of a calendar the rule's years
    do not compare with; a year the rule is not offered; a rule with
    conditions on the body; a calculation of steps; terms that leave out an
    uncategorised cost. With no history, no cap has been used, so the least
    cap (the first of equals, as the full path takes it) is the one that binds;
    :func:`_after` finds the caps a history leaves.
    """
    if type(fy) is not FiscalYear:
        return None
    try:
        offered, terms = _offered(rule, fy)
    except TypeError:
        return None
    plan: _Plan | None = None
    if offered and not rule.conditions and isinstance(terms, SubsidyTerms) and "" not in terms.ineligible:
        rate = terms.rate
        unit = terms.rounding.unit
        half_up = terms.rounding is Rounding.HALF_UP
        after_cap = terms.round_at is RoundingStep.AFTER_CAP
        cap, cap_kind, cap_paid = None, _RATE, 0
        for kind, amount in terms.caps:
            if cap is None or amount < cap:
                cap, cap_kind = amount, kind
        if cap is not None:
            cap_paid = round_yen(cap, terms.rounding) if after_cap else cap
        plan = (
            terms,
            rate.numerator,
            rate.denominator if half_up else 0,
            2 * rate.denominator * unit,
            unit,
            rate.denominator,
            cap,
            cap_kind,
            cap_paid,
            after_cap,
            max(terms.minimum_award or 0, 1),
        )
    rule._plans[fy] = plan
    return plan


def _after(plan: _Plan, history: tuple[Award, ...], fy: FiscalYear) -> _Plan | None:
    """``plan`` with the caps left after the body's earlier awards; None where its year limit is reached."""
    terms, times, plus, over, unit, rate_denominator, _cap, _kind, _paid, after_cap, least = plan
    this_year = total = 0
    years = set()
    for award in history:
        amount = award.amount
        total += amount
        if award.fy == fy:
            this_year += amount
        elif amount > 0:
            years.add(award.fy)
    if terms.max_years is not None and len(years) >= terms.max_years:
        return None
    used = {Constraint.CAP_PER_FY: this_year, Constraint.TOTAL_CAP: total}
    cap, cap_kind, cap_paid = None, _RATE, 0
    for kind, amount in terms.caps:
        room = max(amount - used.get(kind, 0), 0)
        if cap is None or room < cap:
            cap, cap_kind = room, kind
    if cap is not None:
        # What the cap pays rounded after it binds, by the plan's own rounding of a product cap × the denominator.
        cap_paid = (cap * rate_denominator * 2 + plus) // over * unit if after_cap else cap
    return terms, times, plus, over, unit, rate_denominator, cap, cap_kind, cap_paid, after_cap, least


def _offered(rule: SubsidyRule, fy: FiscalYear) -> tuple[bool, Terms | None]:
    """Whether ``rule`` is offered in ``fy``, and its terms then; a TypeError for a year of another calendar."""
    offered = not (
        (rule.first_fy is not None and fy < rule.first_fy) or (rule.last_fy is not None and fy > rule.last_fy)
    )
    return offered, rule.terms(fy)


#: What to give where a body belongs, said when its name is given instead.
_A_BODY = ("a Body (Body(name), say) or None", "Body か None")


def _who(body: Body | None) -> str | None:
    """The name of the body an application is from; anything but a Body (its name as text, say) is refused."""
    if body is None:
        return None
    if not isinstance(body, Body):
        raise ValidationError(("body", not_a(*_A_BODY, body)))
    return body.name


def _breakdown(cost: int | Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    if isinstance(cost, Mapping):
        items = tuple((str(category), amount) for category, amount in cost.items())
    else:
        items = (("", cost),)
    for category, amount in items:
        if type(amount) is not int or amount < 0:
            where = f"cost[{category!r}]" if category else "cost"
            raise ValidationError((where, _not_yen(amount)))
    return items


# Not slotted: attrs fills a __dict__ in about half the time of 13 slots, and the scalar path (one award per
# application) fills it itself, leaving ``product`` out of it until it is first read (see _Product).
@frozen(slots=False)
class Award:
    """What an application receives, in whole yen, and why.

    ``binding`` names the constraint that decided the amount; a refused
    application has amount 0, ``binding`` REFUSED and the ``refusal`` reason.
    """

    rule: SubsidyRule = field(repr=False)
    fy: FiscalYear
    body: str | None
    cost: tuple[tuple[str, int], ...]
    amount: int
    binding: Constraint
    refusal: Refusal | None = None
    terms: Terms | None = field(default=None, repr=False)
    eligible_cost: int | Fraction | None = None
    product: Fraction | None = None
    failed: BodyCondition | None = field(default=None, repr=False)
    claim: Claim | None = field(default=None, repr=False)
    lines: tuple[StepLine, ...] = field(default=(), repr=False)

    @property
    def total_cost(self) -> int:
        """The cost applied for, all categories together."""
        return sum(amount for _category, amount in self.cost)

    @property
    def explanation(self) -> Explanation:
        """How the amount was reached, as data and as sentences in Japanese and English."""
        return _explain_award(self)

    def to_data(self) -> AwardData:
        """The award as JSON-ready data: ``kyodo.result/1`` of the kind ``award`` (see :mod:`kyodo.results`).

        Yen are whole numbers; ``terms`` and ``failed`` are the indexes of the
        rule's version and condition that applied, or None.

        >>> rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
        >>> data = rule.compute(200_000, FiscalYear(2015)).to_data()
        >>> data["kind"], data["fy"], data["amount"], data["binding"], data["product"]
        ('award', '平成27年度', 133333, 'rate', '400000/3')
        """
        return _result_data.award_data(self)

    @classmethod
    def from_data(cls, data: object, rule: SubsidyRule) -> Award:
        """The award :meth:`to_data` wrote under ``rule``, which the data names; the rule is given, as the caller has it.

        >>> rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
        >>> award = rule.compute(350_000, FiscalYear(2015))
        >>> Award.from_data(award.to_data(), rule) == award
        True
        """
        return _result_data.award_from(data, rule)

    def _repr_html_(self) -> str:
        return self.explanation._repr_html_()


class _Product:
    """``Award.product`` where the scalar path left it out: the exact product, made from two ints when first read."""

    __slots__ = ()

    def __get__(self, instance: object, owner: type | None = None) -> object:
        if instance is None:
            return None
        state = instance.__dict__
        made = state.get("_product")
        if made is None:
            return None
        # Kept, and "_product" left where it is: a thread reading it meanwhile makes the same Fraction.
        product = state["product"] = Fraction(*made)
        return product


setattr(Award, "product", _Product())  # noqa: B010 - mypy would see a Fraction field assigned a descriptor
# The defaults of the fields the scalar path leaves out of an award's __dict__, on the class, where attrs left none.
for _name in ("refusal", "failed", "claim", "lines"):
    setattr(Award, _name, attrs.fields_dict(Award)[_name].default)
del _name


def _explain_award(award: Award) -> Explanation:
    rule, terms = award.rule, award.terms
    facts: dict[str, object] = {
        "rule": rule.name,
        "fy": str(award.fy),
        "body": award.body,
        "cost": award.total_cost,
        "eligible_cost": award.eligible_cost,
        "amount": award.amount,
        "binding": award.binding.value,
        "refusal": award.refusal.value if award.refusal else None,
    }
    if isinstance(terms, Calculation) and (award.refusal is None or award.lines):
        return _explain_steps(award, facts)
    if award.refusal is not None:
        ja, en = _refusal_sentences(award)
        return Explanation("award.refused", facts, ja=f"0円: {ja}", en=f"0 yen: {en}")
    assert isinstance(terms, SubsidyTerms)
    assert award.product is not None
    assert award.eligible_cost is not None
    facts.update(rate=terms.rate, product=award.product, rounding=terms.rounding.value)
    rate = rate_text(terms.rate, whole="100%")
    eligible = f"{award.eligible_cost:,}"
    amount_ja, amount_en = format_yen(award.amount), f"{award.amount:,} yen"
    if award.binding is Constraint.RATE:
        floor = "floor" if terms.rounding is not Rounding.HALF_UP else "round"
        unit = "" if terms.rounding.unit == 1 else " to 1,000 yen"
        caps_en = "; ".join(f"under the {cap:,} yen {kind.label_en}" for kind, cap in terms.caps) or "no cap applies"
        caps_ja = "、".join(f"{kind.label} {format_yen(cap)} 以内" for kind, cap in terms.caps) or "限度額なし"
        return Explanation(
            "award.rate",
            facts,
            ja=f"{amount_ja} = {eligible}円 × {rate}（{terms.rounding.label}）。{caps_ja}",
            en=f"{amount_en} = {floor}({rate} × {eligible}){unit}; {caps_en}",
        )
    cap = dict(terms.caps)[award.binding]
    if terms.round_at is RoundingStep.BEFORE_CAP:
        product = f"{round_yen(award.product, terms.rounding):,}"
    else:
        product = yen_text(award.product)
    # Rounded after the caps, a cap with nothing awarded against it pays the cap rounded, not the cap itself.
    whole = cap if terms.round_at is RoundingStep.BEFORE_CAP else round_yen(Fraction(cap), terms.rounding)
    already = "" if award.amount == whole else f" (less what was already awarded: {award.amount:,} yen remain)"
    already_ja = "" if award.amount == whole else f"（既交付分を除く残り {format_yen(award.amount)}）"
    return Explanation(
        f"award.{award.binding.value}",
        facts,
        ja=f"{amount_ja}: {eligible}円 × {rate} = {product}円 が{award.binding.label} {format_yen(cap)} を超える{already_ja}",
        en=f"{amount_en}: {rate} × {eligible} = {product} exceeds the {cap:,} yen {award.binding.label_en}{already}",
    )


def _explain_steps(award: Award, facts: dict[str, object]) -> Explanation:
    """An award of a calculation: the steps that changed the figure, in order, each also as a part."""
    parts = [
        Explanation(f"award.step.{line.step}", {"amount": line.amount, **dict(line.facts)}, ja=line.ja, en=line.en)
        for line in award.lines
    ]
    facts["steps"] = tuple(line.step for line in award.lines)
    amount_ja, amount_en = format_yen(award.amount), f"{award.amount:,} yen"
    rule = "award.refused" if award.refusal is not None else "award.steps"
    return Explanation(
        rule,
        facts,
        ja=f"{amount_ja}: " + " → ".join(line.ja for line in award.lines),
        en=f"{amount_en}: " + " → ".join(line.en for line in award.lines),
        parts=parts,
    )


def _refusal_sentences(award: Award) -> tuple[str, str]:
    rule, refusal = award.rule, award.refusal
    if refusal is Refusal.NOT_OFFERED:
        if rule.last_fy is not None and award.fy > rule.last_fy:
            return (
                f"{rule.name} は {rule.last_fy} までの実施で、申請は {award.fy}",
                f"{rule.name} is offered until {rule.last_fy.format('fy')}; the application is for {award.fy.format('fy')}",
            )
        start = rule.first_fy or next(start for start, _terms in rule.versions if start is not None)
        return (
            f"{rule.name} は {start} からの実施で、申請は {award.fy}",
            f"{rule.name} is offered from {start.format('fy')}; the application is for {award.fy.format('fy')}",
        )
    if refusal is Refusal.BODY_STATE:
        assert award.failed is not None
        ja, en = award.failed.describe(award.fy)
        who = award.body or "団体"
        if award.body is None:
            return (
                f"団体の要件（{ja}）があるが、申請団体が示されていない",
                f"the rule requires {en}, and no applying body is given",
            )
        return (f"{who} は要件（{ja}）を満たさない", f"{award.body} does not meet the condition: {en}")
    terms = award.terms
    assert isinstance(terms, SubsidyTerms)
    if refusal is Refusal.YEAR_LIMIT:
        return (
            f"交付は {terms.max_years} 年度までで、すでに {terms.max_years} 年度交付済み",
            f"at most {terms.max_years} fiscal years are funded, and {terms.max_years} already were",
        )
    if refusal is Refusal.TOTAL_REACHED:
        return (
            f"通算限度額 {format_yen(terms.total_cap or 0)} に達している",
            f"the {terms.total_cap or 0:,} yen total cap is already reached",
        )
    if refusal is Refusal.NO_ELIGIBLE_COST:
        return ("対象経費がない", "no part of the cost is eligible")
    return (
        f"算定額が下限額 {format_yen(terms.minimum_award or 0)} に満たない",
        f"the amount is below the {terms.minimum_award or 0:,} yen minimum award",
    )


# --- ledgers, settlement, allocation --------------------------------------------------------


def _awards(values: Iterable[Award]) -> tuple[Award, ...]:
    return tuple(values)


@frozen
class Ledger:
    """A body's awards under one rule, in the order they were made; totals and year limits hold across them.

    Seed 001's 事業1 (100%, 50,000 yen in total over at most two fiscal years):

    >>> from kyodo import Body, Milestone
    >>> rule = SubsidyRule("事業1", [SubsidyTerms(rate="100%", total_cap=50_000, max_years=2)])
    >>> ledger = Ledger(rule).apply(30_000, FiscalYear(2014)).apply(30_000, FiscalYear(2015))
    >>> [award.amount for award in ledger.awards], ledger.total
    ([30000, 20000], 50000)
    >>> ledger.apply(10_000, FiscalYear(2016)).awards[-1].refusal
    <Refusal.YEAR_LIMIT: 'year_limit'>
    """

    rule: SubsidyRule = field(validator=instance_of(SubsidyRule, "rule"))
    body: Body | None = field(default=None, validator=instance_of(Body, "body", _A_BODY, optional=True))
    awards: tuple[Award, ...] = field(default=(), converter=_awards)

    def apply(
        self, cost: int | Mapping[str, int], fy: FiscalYear, claim: Claim | None = None, others: Iterable[Award] = ()
    ) -> Ledger:
        """The ledger with the award for this application added; ``claim`` gives its units, attributes and so on.

        ``others`` are the body's awards under other programmes (another ledger's ``awards``), for a
        step that reads them.
        """
        award = _compute(self.rule, cost, fy, self.body, self.awards, claim, others)
        return evolve(self, awards=(*self.awards, award))

    @property
    def total(self) -> int:
        """All the yen awarded so far."""
        return sum(award.amount for award in self.awards)

    @property
    def years(self) -> tuple[FiscalYear, ...]:
        """The fiscal years in which something was awarded."""
        return tuple(sorted({award.fy for award in self.awards if award.amount > 0}, key=lambda fy: fy.year))


def _compute(
    rule: SubsidyRule,
    cost: int | Mapping[str, int],
    fy: FiscalYear,
    body: Body | None,
    history: Iterable[Award],
    claim: Claim | None,
    others: Iterable[Award] = (),
) -> Award:
    if claim is None:
        return rule.compute(cost, fy, body, history, others=others)
    return rule.compute(
        cost,
        fy,
        body,
        history,
        units=claim.units,
        attributes=dict(claim.attributes),
        deductions=dict(claim.deductions),
        site=claim.site,
        counts=dict(claim.counts),
        others=others,
    )


@frozen
class Settlement:
    """單年度精算: the award confirmed from the actual cost, against the advance paid (前金払い).

    ``advance − refund + additional = confirmed.amount`` always.
    """

    advance: int
    confirmed: Award
    refund: int
    additional: int

    def to_data(self) -> SettlementData:
        """The settlement as JSON-ready data (kind ``settlement``), the confirmed award as an ``award``."""
        return _result_data.settlement_data(self)

    @classmethod
    def from_data(cls, data: object, rule: SubsidyRule) -> Settlement:
        """The settlement :meth:`to_data` wrote under ``rule``."""
        return _result_data.settlement_from(data, rule)


def settle(
    rule: SubsidyRule,
    advance: int,
    actual_cost: int | Mapping[str, int],
    fy: FiscalYear,
    body: Body | None = None,
    history: Iterable[Award] = (),
) -> Settlement:
    """Settle a fiscal year: confirm the award from the actual eligible cost, and the refund or the further payment.

    >>> rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], advance_allowed=True)
    >>> settlement = settle(rule, 200_000, 240_000, FiscalYear(2015))
    >>> settlement.confirmed.amount, settlement.refund, settlement.additional
    (160000, 40000, 0)
    """
    if type(advance) is not int or advance < 0:
        raise ValidationError(("advance", _not_yen(advance)))
    if advance and not rule.advance_allowed:
        raise ValidationError(
            (
                "advance",
                (f"{rule.name} does not allow advance payment (前金払い)", f"{rule.name} は前金払いを認めていない"),
            )
        )
    confirmed = rule.compute(actual_cost, fy, body, history)
    refund = max(advance - confirmed.amount, 0)
    return Settlement(advance, confirmed, refund, max(confirmed.amount - advance, 0))


@frozen
class Allocation:
    """A budget shared out among awards: ``amounts`` in the order given, and how."""

    budget: int
    requested: tuple[int, ...]
    amounts: tuple[int, ...]
    method: Literal["full", "pro_rata", "priority"]

    @property
    def total(self) -> int:
        """The yen allocated, never more than the budget."""
        return sum(self.amounts)

    def to_data(self) -> AllocationData:
        """The allocation as JSON-ready data (kind ``allocation``).

        >>> allocate([100_000, 200_000], 150_000).to_data()["amounts"]
        [50000, 100000]
        """
        return _result_data.allocation_data(self)

    @classmethod
    def from_data(cls, data: object) -> Allocation:
        """The allocation :meth:`to_data` wrote."""
        return _result_data.allocation_from(data)


def allocate(requested: Sequence[int], budget: int, method: Literal["pro_rata", "priority"] = "pro_rata") -> Allocation:
    """Share ``budget`` among ``requested`` awards when they exceed it (按分).

    ``pro_rata`` gives each floor(budget × request ÷ total) yen, then one more
    yen to each of the largest remainders until the budget is spent (ties go
    to the earlier request). ``priority`` funds requests in the order given
    until the budget runs out, the last one in part. No request ever receives
    more than it asked for, and the total never exceeds the budget.

    >>> allocate([100_000, 200_000, 100_001], 300_000).amounts
    (75000, 150000, 75000)
    >>> allocate([100_000, 200_000, 100_001], 300_000, "priority").amounts
    (100000, 200000, 0)
    """
    amounts = tuple(requested)
    for index, amount in enumerate(amounts):
        if type(amount) is not int or amount < 0:
            raise ValidationError((f"requested[{index}]", _not_yen(amount)))
    if type(budget) is not int or budget < 0:
        raise ValidationError(("budget", _not_yen(budget)))
    total = sum(amounts)
    if total <= budget:
        return Allocation(budget, amounts, amounts, "full")
    if method == "priority":
        left = budget
        given = []
        for amount in amounts:
            share = min(amount, left)
            given.append(share)
            left -= share
        return Allocation(budget, amounts, tuple(given), "priority")
    if method != "pro_rata":
        raise ValidationError(
            (
                "method",
                (
                    f"{method!r} is not a method; expected 'pro_rata' or 'priority'",
                    f"{method!r} は使えない。'pro_rata'（按分）か 'priority'（優先順）のいずれか",
                ),
                "unknown_label",
            )
        )
    shares = [budget * amount // total for amount in amounts]
    remainders = [budget * amount % total for amount in amounts]
    left = budget - sum(shares)
    for index in sorted(range(len(amounts)), key=lambda i: (-remainders[i], i))[:left]:
        shares[index] += 1
    return Allocation(budget, amounts, tuple(shares), "pro_rata")


# --- what-if ---------------------------------------------------------------------------


@frozen
class Application:
    """An application: a body (by name), a fiscal year, a cost, and what a calculation may ask of it.

    ``claim`` carries the units, attributes, deductions, site and counts a
    :class:`~kyodo.steps.Calculation` reads (see :class:`~kyodo.steps.Claim`).
    """

    body: str
    fy: FiscalYear = field(validator=instance_of(FiscalYear, "fy"))
    cost: int | Mapping[str, int] = field()
    claim: Claim = field(factory=Claim)

    @cost.validator
    def _check_cost(self, _attribute: object, value: object) -> None:
        _breakdown(value)  # type: ignore[arg-type]

    def to_data(self) -> ApplicationData:
        """The application as JSON-ready data, as :meth:`from_data` reads it (a fiscal year as 平成27年度)."""
        return _result_data.application_data(self)

    @classmethod
    def from_data(cls, data: object) -> Application:
        """An application from plain data, as a request carries it: ``body``, ``fy``, ``cost`` and an optional ``claim``.

        ``cost`` is whole yen, or whole yen by category; ``fy`` any label kyodo
        reads (平成27年度, R6, FY2024). ``claim`` holds what a calculation may ask
        (``units``, ``attributes``, ``deductions``, ``site``, ``counts``, each
        optional). Every problem is a :class:`~kyodo.ValidationError` with its path.

        >>> Application.from_data({"body": "A", "fy": "R6", "cost": 420_000})
        Application(body='A', fy=FiscalYear(2024), cost=420000, claim=Claim(units=(), attributes=(), deductions=(), site=None, counts=()))
        >>> Application.from_data(Application.from_data({"body": "A", "fy": "R6", "cost": {"備品": 1}}).to_data()).cost
        {'備品': 1}
        """
        return _result_data.application_from(data)

    @classmethod
    def all_from_data(cls, data: object) -> tuple[Application, ...]:
        """Every application of a list, as :meth:`from_data` reads one; every problem at once, each at its index.

        >>> from kyodo import ValidationError
        >>> try:
        ...     Application.all_from_data([{"body": "A", "fy": "R6", "cost": 1.5}, {"body": "B", "fy": "R99x", "cost": 1}])
        ... except ValidationError as error:
        ...     [(problem["path_text"], problem["code"]) for problem in error.to_data()["problems"]]
        [('[0].cost', 'inexact_number'), ('[1].fy', 'bad_fiscal_year')]
        """
        return _result_data.applications_from(data)


#: How a budget is shared when applications exceed it.
_Order: TypeAlias = Literal["first_come", "pro_rata", "lottery"]


def _budget_order(value: _Order) -> _Order:
    if value not in ("first_come", "pro_rata", "lottery"):
        raise ValidationError(
            (
                "order",
                (
                    f"expected first_come (申請順), pro_rata (按分) or lottery (抽選), not {value!r}",
                    f"first_come（申請順）、pro_rata（按分）、lottery（抽選）のいずれか（{value!r}）",
                ),
                "unknown_label",
            )
        )
    return value


def _budget_years(
    value: Mapping[FiscalYear, int] | Iterable[tuple[FiscalYear, int]],
) -> tuple[tuple[FiscalYear, int], ...]:
    pairs = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    for fy, amount in pairs:
        if not isinstance(fy, FiscalYear):
            raise ValidationError(("by_fy", (f"expected a FiscalYear, not {fy!r}", f"年度が必要（{fy!r}）")))
        if type(amount) is not int or amount < 0:
            raise ValidationError((f"by_fy.{fy}", _not_yen(amount)))
    return tuple(sorted(pairs, key=lambda pair: pair[0].year))


@frozen
class Budget:
    """A programme's budget per fiscal year (予算の範囲内), and how it is shared when applications exceed it.

    ``order`` is ``"first_come"`` (申請順: funded in the order received, the
    last in part when ``partial``), ``"lottery"`` (抽選: the same, in the
    order drawn, which the caller gives), or ``"pro_rata"`` (按分: every
    award cut in proportion). ``by_fy`` sets the budget of particular years;
    ``per_fy`` is the budget of the others (None: no budget those years).
    """

    per_fy: int | None = field(default=None, validator=_yen("per_fy"))
    order: _Order = field(default="first_come", converter=_budget_order)
    partial: bool = True
    by_fy: tuple[tuple[FiscalYear, int], ...] = field(default=(), converter=_budget_years)

    def amount(self, fy: FiscalYear) -> int | None:
        """The budget of ``fy``, or None where there is none."""
        return dict(self.by_fy).get(fy, self.per_fy)


@frozen
class Funded:
    """One application under a budget: the award the rule computes, and what the budget pays of it."""

    application: Application
    award: Award
    paid: int
    budget_left: int | None

    @property
    def cut(self) -> bool:
        """True if the budget paid less than the rule's award."""
        return self.paid < self.award.amount

    @property
    def explanation(self) -> Explanation:
        """The award's explanation, with what the budget did to it."""
        why = self.award.explanation
        if not self.cut:
            return why
        if self.paid == 0:
            ja = f"0円: 予算の残りがない（算定額 {format_yen(self.award.amount)}）"
            en = f"0 yen: no budget left (the rule's award is {self.award.amount:,} yen)"
        else:
            ja = f"{format_yen(self.paid)}: 算定額 {format_yen(self.award.amount)} のうち予算の範囲内"
            en = f"{self.paid:,} yen: the budget's share of the rule's {self.award.amount:,} yen"
        return Explanation("award.budget", {"paid": self.paid, "award": self.award.amount}, ja=ja, en=en, parts=[why])


def fund(
    rule: SubsidyRule,
    applications: Iterable[Application],
    bodies: Mapping[str, Body] | None = None,
    budget: Budget | None = None,
) -> tuple[Funded, ...]:
    """Every application's award, fiscal year by fiscal year, within the rule's budget.

    Applications are taken in fiscal-year order and, within a year, in the
    order given (the order received, or drawn by lot). Each body's earlier
    payments count as its history, so year limits, waiting periods and caps
    see what was actually paid. ``budget`` defaults to the rule's own.

    予算残額の範囲内, first come: the third application gets what is left.

    >>> rule = SubsidyRule("生ごみ処理機", [SubsidyTerms(rate="1/2", cap_per_application=30_000)],
    ...                    budget=Budget(per_fy=50_000))
    >>> fy = FiscalYear(2023)
    >>> [f.paid for f in fund(rule, [Application("A", fy, 60_000), Application("B", fy, 30_000),
    ...                                Application("C", fy, 40_000)])]
    [30000, 15000, 5000]
    """
    budget = budget if budget is not None else rule.budget
    items = list(applications)
    order = sorted(range(len(items)), key=lambda index: items[index].fy.year)
    ledgers: dict[str, list[Award]] = {}
    funded: dict[int, Funded] = {}
    places: dict[int, int] = {}
    by_year: dict[FiscalYear, list[int]] = {}
    for index in order:
        by_year.setdefault(items[index].fy, []).append(index)
    for fy, indices in by_year.items():
        left = None if budget is None else budget.amount(fy)
        awards: dict[int, Award] = {}
        for index in indices:
            application = items[index]
            body = None if bodies is None else bodies.get(application.body)
            history = ledgers.get(application.body, [])
            award = _compute(rule, application.cost, fy, body, history, application.claim)
            awards[index] = award
            paid = award.amount
            if left is not None and budget is not None and budget.order != "pro_rata":
                paid = min(paid, left) if budget.partial or paid <= left else 0
                left -= paid
            funded[index] = Funded(application, award, paid, left)
            history = ledgers.setdefault(application.body, [])
            places[index] = len(history)
            history.append(evolve(award, amount=paid))
        if left is not None and budget is not None and budget.order == "pro_rata":
            shares = allocate([awards[index].amount for index in indices], left).amounts
            spent = sum(shares)
            for index, share in zip(indices, shares, strict=True):
                funded[index] = Funded(items[index], awards[index], share, left - spent)
                history = ledgers[items[index].body]
                history[places[index]] = evolve(awards[index], amount=share)
    return tuple(funded[index] for index in range(len(items)))
