"""SubsidyRule.compute's integer path: an application of whole yen alone, awarded as the full computation awards it.

``compute`` awards the common application (whole yen, no claim, with or
without a body and its history) under :class:`~kyodo.SubsidyTerms` in
integers, and leaves the
award's exact product to be made when first read. Everything a user can see
of the award must be what the full computation (``_award_in_full``) gives.
"""

from __future__ import annotations

import copy
import pickle
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo import (
    Award,
    Body,
    BodyCondition,
    Constraint,
    FiscalYear,
    Ledger,
    Milestone,
    MilestoneKind,
    Rounding,
    RoundingStep,
    SubsidyRule,
    SubsidyTerms,
    ValidationError,
)
from kyodo.money import PrintedRate
from kyodo.subsidies import _NO_CLAIM, _award_in_full, _breakdown

FY2015 = FiscalYear(2015)
caps = st.none() | st.integers(0, 1_000_000)
categories = st.sampled_from(["", "備品", "謝礼"])
terms = st.builds(
    SubsidyTerms,
    rate=st.fractions(min_value=0, max_value=1, max_denominator=12) | st.sampled_from(["2分の1", "3分の2", "50%"]),
    cap_per_application=caps,
    cap_per_fy=caps,
    total_cap=caps,
    max_years=st.none() | st.integers(1, 4),
    minimum_award=st.none() | st.integers(0, 50_000),
    rounding=st.sampled_from(Rounding),
    round_at=st.sampled_from(RoundingStep),
    ineligible=st.frozensets(categories, max_size=2),
)
years = st.none() | st.integers(2012, 2018).map(FiscalYear)


def in_full(
    rule: SubsidyRule, cost: int, fy: FiscalYear, body: Body | None = None, history: tuple[Award, ...] = ()
) -> Award:
    """The award of ``cost`` in ``fy``, as the full computation gives it."""
    return _award_in_full(rule, _breakdown(cost), fy, body, history, _NO_CLAIM, ())


@st.composite
def rules(draw: st.DrawFn) -> SubsidyRule:
    first = draw(terms)
    versions: list[SubsidyTerms | tuple[FiscalYear | None, SubsidyTerms]] = [first]
    if draw(st.booleans()):
        versions = [(draw(years), first), (FiscalYear(draw(st.integers(2019, 2020))), draw(terms))]
    first_fy, last_fy = sorted([draw(years), draw(years)], key=lambda fy: -1 if fy is None else fy.year)
    conditions = [BodyCondition(MilestoneKind.FOUNDING_MEETING)] if draw(st.booleans()) and draw(st.booleans()) else []
    return SubsidyRule("rule", versions, first_fy=first_fy, last_fy=last_fy, conditions=conditions)


def _same(fast: Award, full: Award, product_first: bool) -> None:
    """Every public face of the two awards alike, reading the product before or after the rest."""
    if product_first:
        assert fast.product == full.product
        assert type(fast.product) is type(full.product)
    assert fast == full
    assert hash(fast) == hash(full)
    assert repr(fast) == repr(full)
    assert fast.explanation == full.explanation
    for locale in ("ja", "en"):
        assert fast.explanation.text(locale) == full.explanation.text(locale)  # type: ignore[arg-type]
    assert fast.to_data() == full.to_data()
    assert Award.from_data(fast.to_data(), fast.rule) == full
    assert type(fast.product) is type(full.product)
    assert (fast.total_cost, fast.eligible_cost, fast.terms, fast.claim, fast.lines, fast.failed) == (
        full.total_cost,
        full.eligible_cost,
        full.terms,
        full.claim,
        full.lines,
        full.failed,
    )


@given(rules(), st.integers(-2, 3_000_000), st.integers(2011, 2021), st.booleans())
def test_the_integer_path_gives_the_full_computation_s_award(
    rule: SubsidyRule, cost: int, year: int, product_first: bool
) -> None:
    fy = FiscalYear(year)
    if cost < 0:
        with pytest.raises(ValidationError) as full_error:
            in_full(rule, cost, fy)
        with pytest.raises(ValidationError) as fast_error:
            rule.compute(cost, fy)
        assert fast_error.value.to_data() == full_error.value.to_data()
        return
    full = in_full(rule, cost, fy)
    _same(rule.compute(cost, fy), full, product_first)
    # Asked again, the rule answers from what it kept of the year: the same award.
    _same(rule.compute(cost, fy), full, not product_first)


@given(
    rules(),
    st.lists(st.tuples(st.integers(2011, 2021), st.integers(0, 600_000)), min_size=1, max_size=6),
    st.integers(0, 3_000_000),
    st.integers(2011, 2021),
    st.booleans(),
)
def test_the_integer_path_counts_the_body_s_history_as_the_full_computation_does(
    rule: SubsidyRule, earlier: list[tuple[int, int]], cost: int, year: int, with_body: bool
) -> None:
    body = Body("東部", milestones=[Milestone(MilestoneKind.FOUNDING_MEETING, FiscalYear(2013))]) if with_body else None
    ledger = Ledger(rule, body)
    for earlier_year, earlier_cost in earlier:
        ledger = ledger.apply(earlier_cost, FiscalYear(earlier_year))
    fy = FiscalYear(year)
    _same(rule.compute(cost, fy, body, ledger.awards), in_full(rule, cost, fy, body, ledger.awards), year % 2 == 0)


@given(rules(), st.integers(0, 3_000_000), st.integers(2011, 2021))
def test_an_award_of_the_integer_path_survives_copies_and_pickles(rule: SubsidyRule, cost: int, year: int) -> None:
    award = rule.compute(cost, FiscalYear(year))
    for again in (pickle.loads(pickle.dumps(award)), copy.copy(award), copy.deepcopy(award)):
        assert again == award
        assert again.explanation.text("en") == award.explanation.text("en")


def test_project4_is_awarded_on_the_integer_path_its_product_made_when_read() -> None:
    """Seed 001's 事業4: the award keeps two ints, not a Fraction, until its product is read (else the tests above prove little)."""
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FY2015)
    for cost, amount, binding in ((200_000, 133_333, Constraint.RATE), (350_000, 200_000, Constraint.CAP_PER_FY)):
        award = rule.compute(cost, FY2015)
        assert "product" not in vars(award)
        assert (award.amount, award.binding) == (amount, binding)
        assert award.product == Fraction(2 * cost, 3)
        assert type(award.product) is Fraction
        assert not isinstance(award.product, PrintedRate)
        assert vars(award)["product"] is award.product, "made once, then kept"
    # Not on the integer path, so the full computation's: a body, a history, a year it is not offered.
    body = Body("東部", milestones=[Milestone(MilestoneKind.FOUNDING_MEETING, FY2015)])
    assert "product" not in vars(rule.compute(200_000, FY2015, body, (rule.compute(1_000, FY2015),)))
    assert "product" in vars(rule.compute({"": 200_000}, FY2015))
    assert "product" in vars(rule.compute(200_000, FY2015, history=[rule.compute(1_000, FY2015)]))
    assert "product" in vars(rule.compute(200_000, FY2015, attributes={}))
    assert rule.compute(200_000, FiscalYear(2016)).refusal is not None


class _Awards(tuple):  # type: ignore[type-arg]
    """A history that, as a numpy array or a pandas Series would, refuses to say whether it is empty."""

    def __bool__(self) -> bool:
        raise ValueError("the truth value is ambiguous")


def test_a_history_is_asked_whether_it_is_empty_only_when_it_is_a_tuple() -> None:
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FY2015)
    first = rule.compute(150_000, FY2015)
    assert rule.compute(350_000, FY2015, history=_Awards([first])).amount == 100_000


def test_a_fiscal_year_of_another_calendar_is_refused_as_before() -> None:
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FY2015)
    with pytest.raises(ValidationError, match=r"^fy: .* different months; they do not compare; give a year of"):
        rule.compute(1_000, FiscalYear(2015, start_month=1))
    # No bound to compare with: computed as the full path computes it, on the integer path or not.
    open_ended = SubsidyRule("r", [SubsidyTerms(rate="1/2")])
    other = FiscalYear(2015, start_month=1)
    assert open_ended.compute(1_001, other) == in_full(open_ended, 1_001, other)
    assert open_ended.compute(1_001, other).amount == 500


def test_a_rule_keeps_what_it_planned_out_of_its_equality_and_repr() -> None:
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FY2015)
    fresh = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FY2015)
    rule.compute(1_000, FY2015)
    assert rule == fresh
    assert hash(rule) == hash(fresh)
    assert repr(rule) == repr(fresh)
    assert pickle.loads(pickle.dumps(rule)) == fresh
