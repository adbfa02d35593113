"""Subsidy rules: bounds, monotonicity, ledgers, settlement, allocation, the fast path, and seed 001's programmes."""

from __future__ import annotations

import contextlib
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kyodo
from kyodo import (
    Application,
    Body,
    BodyCondition,
    Constraint,
    FiscalYear,
    KyodoError,
    Ledger,
    Milestone,
    ParseError,
    Refusal,
    Rounding,
    RoundingStep,
    SubsidyRule,
    SubsidyTerms,
    ValidationError,
    YearMonth,
    allocate,
    parse_rate,
    parse_yen,
    round_yen,
    rule_grid,
    settle,
    what_if,
)

SUBSIDIES = Path(__file__).parent.parent / "examples" / "subsidies"
FY2014, FY2015, FY2016 = FiscalYear(2014), FiscalYear(2015), FiscalYear(2016)

rates = st.fractions(min_value=0, max_value=1, max_denominator=12)
caps = st.none() | st.integers(0, 1_000_000)
terms_strategy = st.builds(
    SubsidyTerms,
    rate=rates,
    cap_per_application=caps,
    cap_per_fy=caps,
    total_cap=caps,
    max_years=st.none() | st.integers(1, 4),
    rounding=st.sampled_from(Rounding),
    round_at=st.sampled_from(RoundingStep),
)
costs = st.integers(0, 3_000_000)


@given(terms_strategy, costs)
def test_award_is_within_every_bound(terms: SubsidyTerms, cost: int) -> None:
    award = SubsidyRule("rule", [terms]).compute(cost, FY2015)
    assert award.amount >= 0
    for _kind, cap in terms.caps:
        assert award.amount <= cap
    # Never more than the rate allows, rounded as the rule says (四捨五入 may round up by under a yen).
    assert award.amount <= round_yen(terms.rate * cost, terms.rounding)
    if terms.rounding is not Rounding.HALF_UP:
        assert award.amount <= terms.rate * cost
    if award.refusal is None and award.binding is Constraint.RATE:
        assert award.amount == round_yen(terms.rate * cost, terms.rounding)


@given(terms_strategy, costs, costs)
def test_award_never_falls_when_the_cost_rises(terms: SubsidyTerms, first: int, second: int) -> None:
    rule = SubsidyRule("rule", [terms])
    low, high = sorted((first, second))
    assert rule.compute(low, FY2015).amount <= rule.compute(high, FY2015).amount


@given(terms_strategy, st.lists(st.tuples(st.integers(2012, 2020), costs), max_size=8))
def test_a_ledger_keeps_its_totals_and_year_limits(terms: SubsidyTerms, applications: list[tuple[int, int]]) -> None:
    ledger = Ledger(SubsidyRule("rule", [terms]))
    for year, cost in sorted(applications):
        ledger = ledger.apply(cost, FiscalYear(year))
    if terms.total_cap is not None:
        assert ledger.total <= terms.total_cap
    if terms.max_years is not None:
        assert len(ledger.years) <= terms.max_years
    if terms.cap_per_fy is not None:
        for fy in ledger.years:
            assert sum(award.amount for award in ledger.awards if award.fy == fy) <= terms.cap_per_fy


@given(terms_strategy, st.integers(0, 1_000_000), costs)
def test_settlement_balances(terms: SubsidyTerms, advance: int, actual: int) -> None:
    rule = SubsidyRule("rule", [terms], advance_allowed=True)
    settlement = settle(rule, advance, actual, FY2015)
    assert settlement.advance - settlement.refund + settlement.additional == settlement.confirmed.amount
    assert min(settlement.refund, settlement.additional) == 0


@given(
    st.lists(st.integers(0, 500_000), max_size=30), st.integers(0, 5_000_000), st.sampled_from(["pro_rata", "priority"])
)
def test_allocation_stays_within_budget_and_requests(requested: list[int], budget: int, method: str) -> None:
    allocation = allocate(requested, budget, method)  # type: ignore[arg-type]
    assert allocation.total <= budget
    assert all(0 <= given <= asked for given, asked in zip(allocation.amounts, requested, strict=True))
    if sum(requested) > budget:
        assert allocation.total == budget
    else:
        assert allocation.amounts == tuple(requested)


@settings(max_examples=60)
@given(terms_strategy, st.lists(costs, min_size=1, max_size=40))
def test_the_fast_path_agrees_with_the_scalar_path(terms: SubsidyTerms, amounts: list[int]) -> None:
    pytest.importorskip("numpy")
    history_free = SubsidyTerms(
        rate=terms.rate,
        cap_per_application=terms.cap_per_application,
        cap_per_fy=terms.cap_per_fy,
        rounding=terms.rounding,
        round_at=terms.round_at,
    )
    variants = {"v": SubsidyRule("rule", [history_free])}
    population = [Application(f"body {index}", FY2015, cost) for index, cost in enumerate(amounts)]
    scalar = what_if(population, variants)
    fast = what_if(population, variants, fast=True)
    assert fast.rows == scalar.rows


def test_the_fast_path_stays_exact_beyond_int64() -> None:
    pytest.importorskip("numpy")
    from kyodo._fast import awards_array

    terms = SubsidyTerms(rate=Fraction(999_999, 1_000_000))
    cost = 10**15
    amounts, _bindings, _refusals = awards_array([cost], terms)
    assert amounts == [SubsidyRule("rule", [terms]).compute(cost, FY2015).amount]


@given(terms_strategy)
def test_rules_round_trip_through_every_format(terms: SubsidyTerms) -> None:
    rule = SubsidyRule(
        "rule",
        [terms, (FY2016, SubsidyTerms(rate="1/2", eligible=["会議"], ineligible=["飲食"]))],
        first_fy=FY2014,
        conditions=[BodyCondition("founding_meeting", years_before=1)],
    )
    for fmt in ("toml", "json", "yaml"):
        assert kyodo.loads(kyodo.dumps(rule, fmt), fmt, kind=SubsidyRule) == rule


@given(st.text(max_size=30))
def test_rate_and_yen_text_raise_only_parse_errors(text: str) -> None:
    for parse in (parse_rate, parse_yen):
        with contextlib.suppress(ParseError):
            parse(text)


@given(st.text(max_size=200))
def test_rule_files_raise_only_kyodo_errors(text: str) -> None:
    with contextlib.suppress(KyodoError):
        kyodo.loads(text, "toml", kind=SubsidyRule)


# --- seed 001 ----------------------------------------------------------------------------------


def _body(name: str, *milestones: Milestone) -> Body:
    return Body(name, milestones=milestones)


COMMITTEE_2014 = _body("A地区", Milestone("preparatory_committee", YearMonth(2014, 10)))
COMMITTEE_2016 = _body("B地区", Milestone("preparatory_committee", YearMonth(2016, 5)))


@pytest.fixture(scope="module")
def project1() -> SubsidyRule:
    return kyodo.load(SUBSIDIES / "ichinoseki-project1.toml", kind=SubsidyRule)


@pytest.fixture(scope="module")
def project4() -> SubsidyRule:
    return kyodo.load(SUBSIDIES / "ichinoseki-project4.toml", kind=SubsidyRule)


def test_project1_second_year_is_cut_to_the_remainder_and_a_third_refused(project1: SubsidyRule) -> None:
    # Seed 001, 事業1: 100%, 50,000 yen per district in total over at most two fiscal years.
    ledger = Ledger(project1, COMMITTEE_2014).apply(30_000, FY2014).apply(40_000, FY2015)
    first, second = ledger.awards
    assert (first.amount, second.amount) == (30_000, 20_000)
    assert second.binding is Constraint.TOTAL_CAP
    assert "20,000 yen remain" in second.explanation.text("en")
    third = ledger.apply(10_000, FY2016).awards[-1]
    assert (third.amount, third.refusal) == (0, Refusal.YEAR_LIMIT)


def test_project1_needs_a_committee_formed_by_fy2015(project1: SubsidyRule) -> None:
    award = project1.compute(30_000, FY2016, COMMITTEE_2016)
    assert (award.amount, award.refusal) == (0, Refusal.BODY_STATE)
    assert "preparatory committee formed by FY2015" in award.explanation.text("en")
    assert project1.compute(30_000, FY2016).refusal is Refusal.BODY_STATE


def test_project1_settles_each_year_against_the_advance(project1: SubsidyRule) -> None:
    settlement = settle(project1, 50_000, 42_000, FY2015, COMMITTEE_2014)
    assert (settlement.confirmed.amount, settlement.refund) == (42_000, 8_000)


def test_project4_awards_two_thirds_up_to_the_cap(project4: SubsidyRule) -> None:
    # Seed 001, 事業4: 2/3, 200,000 yen per body per fiscal year.
    body = _body("C地区", Milestone("founding_meeting", YearMonth(2014, 4)))
    under = project4.compute(200_000, FY2015, body)
    assert (under.amount, under.binding) == (133_333, Constraint.RATE)
    assert under.explanation.text("en") == "133,333 yen = floor(2/3 × 200,000); under the 200,000 yen per-FY cap"
    assert (
        under.explanation.text("ja")
        == "133,333円 = 200,000円 × 2/3（1円未満切り捨て）。年度あたりの限度額 200,000円 以内"
    )
    over = project4.compute(350_000, FY2015, body)
    assert (over.amount, over.binding) == (200_000, Constraint.CAP_PER_FY)
    assert over.explanation.text("en") == "200,000 yen: 2/3 × 350,000 = 233,333 exceeds the 200,000 yen per-FY cap"
    assert over.explanation.fact("product") == Fraction(700_000, 3)


def test_project4_refuses_fy2016_with_its_reason(project4: SubsidyRule) -> None:
    body = _body("C地区")
    award = project4.compute(300_000, FY2016, body)
    assert (award.amount, award.refusal) == (0, Refusal.NOT_OFFERED)
    assert (
        award.explanation.text("en")
        == "0 yen: 事業4 地域協働体支援事業費補助金 is offered until FY2015; the application is for FY2016"
    )


def test_project4_stops_once_the_community_plan_is_adopted(project4: SubsidyRule) -> None:
    adopted = _body("D地区", Milestone("community_plan", YearMonth(2014, 12)))
    assert project4.compute(300_000, FY2015, adopted).refusal is Refusal.BODY_STATE
    assert project4.compute(300_000, FY2014, adopted).refusal is Refusal.BODY_STATE
    later = _body("E地区", Milestone("community_plan", YearMonth(2016, 6)))
    assert project4.compute(300_000, FY2015, later).amount == 200_000


def test_a_second_application_in_a_year_shares_the_per_fy_cap(project4: SubsidyRule) -> None:
    ledger = Ledger(project4, _body("C地区")).apply(150_000, FY2015).apply(300_000, FY2015)
    assert [award.amount for award in ledger.awards] == [100_000, 100_000]


def test_staff_support_fits_the_same_model() -> None:
    # Seed 001, 事業6: from year two, a grant equal to a part-time post's annual
    # cost. The plan prints no amount; 1,800,000 yen here is illustrative.
    post = 1_800_000
    rule = SubsidyRule(
        "事業6",
        [SubsidyTerms(rate="100%", cap_per_fy=post)],
        conditions=[BodyCondition("founding_meeting", years_before=1)],
    )
    body = _body("F地区", Milestone("founding_meeting", YearMonth(2014, 5)))
    assert rule.compute(post, FY2014, body).refusal is Refusal.BODY_STATE
    assert rule.compute(post, FY2015, body).amount == post


def test_versions_apply_by_fiscal_year() -> None:
    rule = SubsidyRule(
        "versioned",
        [SubsidyTerms(rate="2/3", cap_per_fy=200_000), (FY2016, SubsidyTerms(rate="1/2", cap_per_fy=300_000))],
    )
    assert rule.compute(900_000, FY2015).amount == 200_000
    assert rule.compute(900_000, FY2016).amount == 300_000
    assert rule.compute(400_000, FiscalYear(2020)).amount == 200_000


def test_rounding_to_1000_yen_before_or_after_the_cap() -> None:
    before = SubsidyRule("before", [SubsidyTerms(rate="2/3", cap_per_fy=200_500, rounding="down_1000")])
    after = SubsidyRule(
        "after", [SubsidyTerms(rate="2/3", cap_per_fy=200_500, rounding="down_1000", round_at="after_cap")]
    )
    assert before.compute(100_000, FY2015).amount == 66_000
    assert before.compute(350_000, FY2015).amount == 200_500
    assert after.compute(350_000, FY2015).amount == 200_000


def test_categories_and_minimum() -> None:
    rule = SubsidyRule(
        "categories",
        [SubsidyTerms(rate="1/2", eligible=["研修会", "会議"], ineligible=["飲食"], minimum_award=10_000)],
    )
    award = rule.compute({"研修会": 40_000, "会議": 20_000, "飲食": 30_000, "備品": 5_000}, FY2015)
    assert (award.eligible_cost, award.amount) == (60_000, 30_000)
    assert rule.compute({"飲食": 30_000}, FY2015).refusal is Refusal.NO_ELIGIBLE_COST
    assert rule.compute({"会議": 10_000}, FY2015).refusal is Refusal.BELOW_MINIMUM
    with pytest.raises(ValidationError):
        SubsidyTerms(rate="1/2", eligible=["飲食"], ineligible=["飲食"])
    with pytest.raises(ValidationError):
        rule.compute(-1, FY2015)


def test_what_if_grid_totals() -> None:
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
    variants = rule_grid(rule, rate=["1/2", "2/3", "3/4"], cap_per_fy=[200_000, 300_000])
    population = [Application("A", FY2015, 420_000), Application("B", FY2015, 150_000)]
    result = what_if(population, variants)
    assert len(result.rows) == 12
    assert result.totals()["rate=3/4, cap_per_fy=300,000"] == 300_000 + 112_500
    assert result.budget_needed()[("rate=1/2, cap_per_fy=200,000", FY2015)] == 275_000


def test_what_if_reads_a_data_frame() -> None:
    pd = pytest.importorskip("pandas")
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
    frame = pd.DataFrame({"body": ["A", "B"], "fy": [2015, "平成27年度"], "cost": [420_000, 150_000]})
    result = what_if(frame, {"as printed": rule})
    table = result.to_frame()
    assert list(table["award"]) == [200_000, 100_000]
    assert list(table["fy"]) == [FY2015, FY2015]
    assert str(table["fy"].dtype) == "fiscal_year"
    assert list(table.columns) == ["variant", "body", "fy", "cost", "award", "binding", "refusal"]
    # A frame kyodo made is a population again.
    assert what_if(table, {"as printed": rule}).to_frame().equals(table)


def test_a_cap_rounded_after_it_binds_claims_nothing_was_awarded_before() -> None:
    # 2/3 × 350,000 against a 200,500 yen cap, rounded down to 1,000 yen after the caps: 200,000 yen, and
    # nothing was awarded before, which the sentence used to claim.
    terms = SubsidyTerms(
        rate="2/3", cap_per_application=200_500, rounding=Rounding.DOWN_1000, round_at=RoundingStep.AFTER_CAP
    )
    award = SubsidyRule("rule", [terms]).compute(350_000, FY2015)
    assert award.amount == 200_000
    assert "already awarded" not in award.explanation.text("en")
    assert "既交付" not in award.explanation.text("ja")
    second = SubsidyRule(
        "rule",
        [SubsidyTerms(rate="2/3", cap_per_fy=200_500, rounding=Rounding.DOWN_1000, round_at=RoundingStep.AFTER_CAP)],
    )
    ledger = Ledger(second).apply(150_000, FY2015).apply(350_000, FY2015)
    assert "already awarded" in ledger.awards[-1].explanation.text("en")


# --- rates above 100% (issue 15) -------------------------------------------------------------------------------


@pytest.mark.parametrize("rate", ["3/2", "101%", Fraction(3, 2), 2, "10分の11"])
def test_a_subsidy_rate_above_the_whole_cost_is_refused(rate: object) -> None:
    # 3/2 used to award 1,500 yen on a cost of 1,000: no rule kyodo has read pays more than the cost.
    with pytest.raises(ValidationError) as caught:
        SubsidyTerms(rate=rate)  # type: ignore[arg-type]
    assert caught.value.codes == ("out_of_range",)
    assert caught.value.problems[0][0] == "rate"
    assert "100%" in caught.value.problems[0][1]
    assert "100%" in caught.value.problems_ja[0][1]


def test_a_rate_of_the_whole_cost_is_still_read() -> None:
    assert SubsidyTerms(rate="10分の10").rate == 1
    assert SubsidyRule("all", [SubsidyTerms(rate="100%")]).compute(1_000, FY2015).amount == 1_000


def test_a_rule_file_with_a_rate_above_the_whole_cost_names_its_place() -> None:
    with pytest.raises(ValidationError) as caught:
        kyodo.from_data({"name": "too much", "versions": [{"rate": "3/2"}]}, SubsidyRule)
    ((problem),) = caught.value.to_data()["problems"]
    assert (problem["path_text"], problem["code"]) == ("versions[0].rate", "out_of_range")


# --- rates as the rule wrote them (issue 15) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "english", "japanese"),
    [
        ("0", "floor(0 × 1,000)", "1,000円 × 0（"),
        (Fraction(0), "floor(0 × 1,000)", "1,000円 × 0（"),
        ("2分の1", "floor(2分の1 × 1,000)", "1,000円 × 2分の1（"),
        ("3分の2", "floor(3分の2 × 1,000)", "1,000円 × 3分の2（"),
        ("50%", "floor(50% × 1,000)", "1,000円 × 50%（"),
        (Fraction(2, 3), "floor(2/3 × 1,000)", "1,000円 × 2/3（"),
    ],
)
def test_a_rate_is_explained_as_the_rule_wrote_it(rate: object, english: str, japanese: str) -> None:
    award = SubsidyRule("r", [SubsidyTerms(rate=rate)]).compute(1_000, FY2015)  # type: ignore[arg-type]
    assert english in award.explanation.text("en")
    assert japanese in award.explanation.text("ja")
    assert "0/1" not in award.explanation.text("en")


def test_a_rate_s_wording_changes_neither_the_rule_nor_its_file() -> None:
    import pickle

    written = SubsidyTerms(rate="2分の1")
    assert written == SubsidyTerms(rate=Fraction(1, 2))
    assert written.rate == Fraction(1, 2)
    assert repr(written.rate) == "Fraction(1, 2)"
    assert pickle.loads(pickle.dumps(written)) == written
    rule = SubsidyRule("r", [written])
    again = pickle.loads(pickle.dumps(rule))
    assert "2分の1" in again.compute(1_000, FY2015).explanation.text("ja")
    assert '"50%"' in kyodo.dumps(rule, "json"), "files keep writing one canonical form"


def test_a_history_of_any_iterable_counts_every_earlier_award() -> None:
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FY2015)
    first = rule.compute(150_000, FY2015)
    for history in ((first,), [first], iter([first]), (award for award in [first])):
        assert rule.compute(350_000, FY2015, history=history).amount == 100_000
