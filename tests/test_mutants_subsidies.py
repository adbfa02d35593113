"""Facts about subsidy rules that the mutation run (make mutation) showed untested.

The first and last fiscal years offered are both included; an award exactly at the minimum is
made and one yen under it is refused; a year limit counts earlier funded years only; allocation
hands the leftover yen to the largest remainders; and every refusal and explanation says why.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from kyodo import FiscalYear, ValidationError, subsidies
from kyodo.bodies import Body, Milestone
from kyodo.steps import Calculation, Cap, Claim, Deduct, PerUnit, Rate, Row, Table, Unit, WaitingPeriod
from kyodo.subsidies import (
    Allocation,
    Application,
    BodyCondition,
    Budget,
    Constraint,
    Ledger,
    Refusal,
    RoundingStep,
    SubsidyRule,
    SubsidyTerms,
    allocate,
    fund,
    settle,
)
from kyodo.wareki import YearMonth

FY2014, FY2015, FY2016, FY2017 = (FiscalYear(year) for year in (2014, 2015, 2016, 2017))


def refusal(make: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        make()  # type: ignore[operator]
    return caught.value


def texts(award: object) -> tuple[str, str]:
    explanation = award.explanation  # type: ignore[attr-defined]
    return explanation.text("en"), explanation.text("ja")


# --- the years offered --------------------------------------------------------------------


def test_the_first_and_last_fiscal_years_are_both_offered() -> None:
    rule = SubsidyRule("r", [SubsidyTerms(rate="1/2")], first_fy=FY2014, last_fy=FY2016)
    assert [rule.compute(1000, fy).amount for fy in (FY2014, FY2015, FY2016)] == [500, 500, 500]
    before, after = rule.compute(1000, FiscalYear(2013)), rule.compute(1000, FY2017)
    assert (before.amount, before.binding, before.refusal) == (0, Constraint.REFUSED, Refusal.NOT_OFFERED)
    assert (after.amount, after.binding, after.refusal) == (0, Constraint.REFUSED, Refusal.NOT_OFFERED)
    assert texts(before) == (
        "0 yen: r is offered from FY2014; the application is for FY2013",
        "0円: r は 平成26年度 からの実施で、申請は 平成25年度",
    )
    assert texts(after) == (
        "0 yen: r is offered until FY2016; the application is for FY2017",
        "0円: r は 平成28年度 までの実施で、申請は 平成29年度",
    )


def test_a_rule_may_be_offered_in_one_year_only() -> None:
    rule = SubsidyRule("one", [SubsidyTerms(rate="1/2")], first_fy=FY2015, last_fy=FY2015)
    assert [rule.compute(1000, fy).amount for fy in (FY2014, FY2015, FY2016)] == [0, 500, 0]


def test_before_its_first_version_a_rule_is_not_offered_from_that_version_year() -> None:
    rule = SubsidyRule("v", [(FY2015, SubsidyTerms(rate="1/2")), (FY2017, SubsidyTerms(rate="1/4"))])
    assert rule.terms(FY2014) is None
    assert [rule.compute(1000, fy).amount for fy in (FY2015, FY2016, FY2017)] == [500, 500, 250]
    award = rule.compute(1000, FY2014)
    assert award.refusal is Refusal.NOT_OFFERED
    assert texts(award) == (
        "0 yen: v is offered from FY2015; the application is for FY2014",
        "0円: v は 平成27年度 からの実施で、申請は 平成26年度",
    )


# --- minimum, year limit, caps ------------------------------------------------------------


@pytest.mark.parametrize(("cost", "amount"), [(19_999, 0), (20_000, 10_000), (20_001, 10_000)])
def test_an_award_exactly_at_the_minimum_is_made(cost: int, amount: int) -> None:
    rule = SubsidyRule("m", [SubsidyTerms(rate="1/2", minimum_award=10_000)])
    award = rule.compute(cost, FY2015)
    assert award.amount == amount
    assert award.refusal is (None if amount else Refusal.BELOW_MINIMUM)


def test_below_the_minimum_says_so_and_keeps_the_figures() -> None:
    award = SubsidyRule("m", [SubsidyTerms(rate="1/2", minimum_award=10_000)]).compute(19_999, FY2015)
    assert (award.eligible_cost, award.product) == (19_999, Fraction(19_999, 2))
    assert texts(award) == (
        "0 yen: the amount is below the 10,000 yen minimum award",
        "0円: 算定額が下限額 10,000円 に満たない",
    )


def test_the_year_limit_counts_earlier_funded_years_only() -> None:
    rule = SubsidyRule("y", [SubsidyTerms(rate="1", max_years=2)])
    one = [rule.compute(100, FY2014)]
    two = [*one, rule.compute(100, FY2015)]
    assert rule.compute(100, FY2015, history=one).amount == 100  # one earlier year: allowed
    assert rule.compute(100, FY2015, history=two).amount == 100  # the same year again: not a new year
    award = rule.compute(100, FY2016, history=two)
    assert (award.amount, award.refusal) == (0, Refusal.YEAR_LIMIT)
    assert texts(award) == (
        "0 yen: at most 2 fiscal years are funded, and 2 already were",
        "0円: 交付は 2 年度までで、すでに 2 年度交付済み",
    )
    nothing = [rule.compute(0, FY2014), rule.compute(100, FY2015)]  # a year awarded nothing is not counted
    assert rule.compute(100, FY2016, history=nothing).amount == 100


def test_the_total_cap_counts_every_earlier_award_and_then_refuses() -> None:
    rule = SubsidyRule("t", [SubsidyTerms(rate="1", total_cap=150)])
    ledger = Ledger(rule).apply(100, FY2014).apply(100, FY2015)
    _first, second = ledger.awards
    assert (second.amount, second.binding) == (50, Constraint.TOTAL_CAP)
    assert texts(second) == (
        "50 yen: 1 × 100 = 100 exceeds the 150 yen total cap (less what was already awarded: 50 yen remain)",
        "50円: 100円 × 1 = 100円 が通算の限度額 150円 を超える（既交付分を除く残り 50円）",
    )
    third = ledger.apply(100, FY2016).awards[-1]
    assert (third.amount, third.refusal) == (0, Refusal.TOTAL_REACHED)
    assert texts(third) == ("0 yen: the 150 yen total cap is already reached", "0円: 通算限度額 150円 に達している")
    assert (ledger.total, ledger.years) == (150, (FY2014, FY2015))


def test_the_per_fy_cap_counts_the_same_year_only_and_a_used_cap_gives_zero() -> None:
    rule = SubsidyRule("f", [SubsidyTerms(rate="1", cap_per_fy=100, cap_per_application=80)])
    ledger = Ledger(rule).apply(60, FY2015).apply(60, FY2015).apply(60, FY2015).apply(90, FY2016)
    assert [(award.amount, award.binding) for award in ledger.awards] == [
        (60, Constraint.RATE),
        (40, Constraint.CAP_PER_FY),
        (0, Constraint.CAP_PER_FY),  # a spent per-FY cap is not a refusal: nothing is left this year
        (80, Constraint.CAP_PER_APPLICATION),  # the per-application cap ignores earlier awards
    ]
    assert ledger.awards[2].refusal is None
    assert ledger.years == (FY2015, FY2016)


def test_a_cap_equal_to_the_product_leaves_the_rate_binding() -> None:
    award = SubsidyRule("e", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)]).compute(300_000, FY2015)
    assert (award.amount, award.binding) == (200_000, Constraint.RATE)
    assert texts(award)[0] == "200,000 yen = floor(2/3 × 300,000); under the 200,000 yen per-FY cap"


def test_rate_explanations_name_the_rounding_and_every_cap() -> None:
    half_up = SubsidyRule("h", [SubsidyTerms(rate="2/3", rounding="half_up")]).compute(100_001, FY2015)
    assert half_up.amount == 66_667  # 66,667.33
    assert texts(half_up) == (
        "66,667 yen = round(2/3 × 100,001); no cap applies",
        "66,667円 = 100,001円 × 2/3（1円未満四捨五入）。限度額なし",
    )
    thousands = SubsidyRule("k", [SubsidyTerms(rate="100%", rounding="down_1000")]).compute(1_999, FY2015)
    assert thousands.amount == 1_000
    assert texts(thousands) == (
        "1,000 yen = floor(100% × 1,999) to 1,000 yen; no cap applies",
        "1,000円 = 1,999円 × 100%（1,000円未満切り捨て）。限度額なし",
    )
    capped = SubsidyRule("c", [SubsidyTerms(rate="1/2", cap_per_application=900, total_cap=800)])
    assert texts(capped.compute(1_000, FY2015)) == (
        "500 yen = floor(1/2 × 1,000); under the 900 yen per-application cap; under the 800 yen total cap",
        "500円 = 1,000円 × 1/2（1円未満切り捨て）。1件あたりの限度額 900円 以内、通算の限度額 800円 以内",
    )


def test_rounding_after_the_cap_rounds_the_exact_product_shown_to_two_decimals() -> None:
    terms = SubsidyTerms(rate="2/3", cap_per_fy=250_000, rounding="down_1000", round_at="after_cap")
    award = SubsidyRule("a", [terms]).compute(350_000, FY2015)
    assert (award.amount, award.binding, award.product) == (233_000, Constraint.RATE, Fraction(700_000, 3))
    capped = SubsidyRule("a", [terms]).compute(400_000, FY2015)
    assert (capped.amount, capped.binding) == (250_000, Constraint.CAP_PER_FY)
    assert texts(capped) == (
        "250,000 yen: 2/3 × 400,000 = 266,666.66 exceeds the 250,000 yen per-FY cap",
        "250,000円: 400,000円 × 2/3 = 266,666.66円 が年度あたりの限度額 250,000円 を超える",
    )
    whole = SubsidyRule("w", [SubsidyTerms(rate="1/2", cap_per_fy=1_000, round_at="after_cap")]).compute(4_000, FY2015)
    assert texts(whole)[0] == "1,000 yen: 1/2 × 4,000 = 2,000 exceeds the 1,000 yen per-FY cap"
    assert terms.round_at is RoundingStep.AFTER_CAP


# --- categories ---------------------------------------------------------------------------


def test_eligible_categories_and_the_scalar_cost() -> None:
    terms = SubsidyTerms(rate="1", eligible=["会議"], ineligible=["飲食"])
    rule = SubsidyRule("c", [terms])
    award = rule.compute({"会議": 300, "飲食": 200, "備品": 100}, FY2015)
    assert (award.eligible_cost, award.amount, award.total_cost) == (300, 300, 600)
    assert rule.compute(700, FY2015).amount == 700  # a cost with no breakdown is eligible as a whole
    none = rule.compute({"飲食": 200}, FY2015)
    assert (none.refusal, none.eligible_cost) == (Refusal.NO_ELIGIBLE_COST, 0)
    assert texts(none) == ("0 yen: no part of the cost is eligible", "0円: 対象経費がない")
    assert terms.eligible == frozenset({"会議"})
    assert SubsidyTerms(rate="1").eligible is None


# --- conditions on the body ---------------------------------------------------------------


def test_conditions_refuse_with_the_condition_named() -> None:
    rule = SubsidyRule("n", [SubsidyTerms(rate="1/2")], conditions=[BodyCondition("founding_meeting", by=FY2015)])
    award = rule.compute(100, FY2015)
    assert award.refusal is Refusal.BODY_STATE
    assert texts(award) == (
        "0 yen: the rule requires a founding general meeting held by FY2015, and no applying body is given",
        "0円: 団体の要件（平成27年度までに設立総会）があるが、申請団体が示されていない",
    )
    founded = Body("A地区", milestones=[Milestone("founding_meeting", YearMonth(2015, 6))])
    assert rule.compute(100, FY2015, founded).amount == 50
    assert rule.compute(100, FY2015, founded).body == "A地区"


def test_a_condition_not_yet_reached_counts_by_the_year_before() -> None:
    condition = BodyCondition("community_plan", reached=False, years_before=1)
    rule = SubsidyRule("n2", [SubsidyTerms(rate="1/2")], conditions=[condition])
    body = Body("B地区", milestones=[Milestone("community_plan", YearMonth(2014, 6))])
    assert condition.deadline(FY2016) == FY2015
    assert [rule.compute(100, fy, body).amount for fy in (FY2014, FY2015, FY2016)] == [50, 0, 0]
    assert texts(rule.compute(100, FY2016, body)) == (
        "0 yen: B地区 does not meet the condition: no community plan adopted by FY2015",
        "0円: B地区 は要件（平成27年度までに地域づくり計画策定していない）を満たさない",
    )


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "english", "japanese"),
    [
        (
            lambda: SubsidyTerms(rate="1/2", max_years=0),
            "max_years: must be a whole number of at least 1, not 0",
            "max_years: 1 以上の整数が必要（0）",
        ),
        (
            lambda: SubsidyTerms(rate="1/2", max_years=True),
            "max_years: must be a whole number of at least 1, not True",
            "max_years: 1 以上の整数が必要（True）",
        ),
        (
            lambda: SubsidyTerms(rate="1/2", eligible=["b", "a", "c"], ineligible=["a", "b"]),
            "eligible: a, b cannot be both eligible and ineligible",
            "eligible: a、b が対象経費（eligible）と対象外経費（ineligible）の両方にある",
        ),
        (
            lambda: SubsidyTerms(rate=Fraction(-1, 2)),
            "rate: a rate cannot be negative: -1/2",
            "rate: 率は負にならない（-1/2）",
        ),
        (
            lambda: SubsidyTerms(rate=1, minimum_award=-1),
            "minimum_award: must be whole yen (an int of 0 or more), not -1",
            "minimum_award: 円単位の 0 以上の整数が必要（-1）",
        ),
        (
            lambda: SubsidyTerms(rate=1, total_cap=1.0),
            "total_cap: must be whole yen (an int of 0 or more), not 1.0",
            "total_cap: 円単位の 0 以上の整数が必要（1.0）",
        ),
        (
            lambda: SubsidyRule(" ", [SubsidyTerms(rate=1)]),
            "name: a rule needs a name",
            "name: 制度には名前が必要",
        ),
        (
            lambda: SubsidyRule("x", []),
            "versions: a rule needs at least one version of its terms",
            "versions: 制度には条件の版が一つ以上必要",
        ),
        (
            lambda: SubsidyRule("x", [SubsidyTerms(rate=1), SubsidyTerms(rate=1)]),
            "versions: only the first version may leave out the year it starts",
            "versions: 開始年度を省けるのは最初の版だけ",
        ),
        (
            lambda: SubsidyRule("x", [(FY2016, SubsidyTerms(rate=1)), (FY2015, SubsidyTerms(rate=1))]),
            "versions: versions must start in different fiscal years, in order",
            "versions: 各版は別々の年度に、年度順に始まる必要がある",
        ),
        (
            lambda: SubsidyRule("x", [(FY2016, SubsidyTerms(rate=1)), (FY2016, SubsidyTerms(rate="1/2"))]),
            "versions: versions must start in different fiscal years, in order",
            "versions: 各版は別々の年度に、年度順に始まる必要がある",
        ),
        (
            lambda: SubsidyRule("x", [SubsidyTerms(rate=1)], first_fy=FY2016, last_fy=FY2015),
            "last_fy: 平成27年度 is before the first year, 平成28年度",
            "last_fy: 平成27年度 が最初の年度 平成28年度 より前",
        ),
        (
            lambda: SubsidyRule("m", [SubsidyTerms(rate=1)]).compute({"a": 1, "b": -1}, FY2015),
            "cost['b']: must be whole yen (an int of 0 or more), not -1",
            "cost['b']: 円単位の 0 以上の整数が必要（-1）",
        ),
        (
            lambda: SubsidyRule("m", [SubsidyTerms(rate=1)]).compute(True, FY2015),
            "cost: must be whole yen (an int of 0 or more), not True",
            "cost: 円単位の 0 以上の整数が必要（True）",
        ),
    ],
)
def test_what_each_refusal_of_bad_terms_says(make: object, english: str, japanese: str) -> None:
    error = refusal(make)
    assert (str(error), error.message("ja")) == (english, japanese)


def test_valid_edges_of_the_terms() -> None:
    assert SubsidyTerms(rate=1, max_years=1).max_years == 1
    assert SubsidyTerms(rate=0, cap_per_fy=0).caps == ((Constraint.CAP_PER_FY, 0),)
    assert SubsidyTerms(rate="1/2", eligible=["a"], ineligible=["b"]).ineligible == frozenset({"b"})
    assert SubsidyTerms(rate=Fraction(0)).rate == 0
    rule = SubsidyRule("x", [(FY2015, SubsidyTerms(rate=1)), (FY2016, SubsidyTerms(rate="1/2"))], first_fy=FY2015)
    assert rule.terms(FY2016) == SubsidyTerms(rate="1/2")


def test_replace_changes_terms_in_every_version_and_other_fields_of_the_rule() -> None:
    rule = SubsidyRule("x", [SubsidyTerms(rate="1/2"), (FY2016, SubsidyTerms(rate="1/3"))])
    changed = rule.replace(cap_per_fy=10, last_fy=FY2017)
    assert [terms.cap_per_fy for _start, terms in changed.versions] == [10, 10]
    assert [terms.rate for _start, terms in changed.versions] == [Fraction(1, 2), Fraction(1, 3)]
    assert (changed.last_fy, changed.name) == (FY2017, "x")


# --- settlement ---------------------------------------------------------------------------


def test_settlement_refunds_or_pays_the_difference() -> None:
    rule = SubsidyRule("s", [SubsidyTerms(rate="1/2")], advance_allowed=True)
    refund = settle(rule, 600, 1_000, FY2015)
    assert (refund.advance, refund.confirmed.amount, refund.refund, refund.additional) == (600, 500, 100, 0)
    more = settle(rule, 400, 1_000, FY2015)
    assert (more.refund, more.additional) == (0, 100)
    even = settle(rule, 500, 1_000, FY2015)
    assert (even.refund, even.additional) == (0, 0)
    none = settle(SubsidyRule("s", [SubsidyTerms(rate="1/2")]), 0, 1_000, FY2015)
    assert (none.refund, none.additional) == (0, 500)


def test_settlement_refusals() -> None:
    rule = SubsidyRule("m", [SubsidyTerms(rate="1/2")])
    error = refusal(lambda: settle(rule, 5, 100, FY2015))
    assert (str(error), error.message("ja")) == (
        "advance: m does not allow advance payment (前金払い)",
        "advance: m は前金払いを認めていない",
    )
    for bad in (-1, True, 1.0):
        error = refusal(lambda bad=bad: settle(rule, bad, 100, FY2015))
        assert str(error) == f"advance: must be whole yen (an int of 0 or more), not {bad!r}"


# --- allocation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requested", "budget", "amounts"),
    [
        # floor(2×1/3) = 0 and floor(2×2/3) = 1, remainders 2 and 1: the leftover yen goes to the first.
        ([1, 2], 2, (1, 1)),
        ([2, 1], 2, (1, 1)),
        # Equal remainders: the earlier requests get the leftover yen.
        ([1, 1, 1], 2, (1, 1, 0)),
        ([1, 1, 1], 1, (1, 0, 0)),
        ([3, 5, 7], 10, (2, 3, 5)),  # 30/15, 50/15, 70/15: remainders 0, 5, 10
        ([100_000, 200_000, 100_001], 300_000, (75_000, 150_000, 75_000)),
    ],
)
def test_pro_rata_gives_the_leftover_yen_to_the_largest_remainders(
    requested: list[int], budget: int, amounts: tuple[int, ...]
) -> None:
    allocation = allocate(requested, budget)
    assert allocation == Allocation(budget, tuple(requested), amounts, "pro_rata")
    assert allocation.total == budget


def test_a_budget_that_covers_every_request_funds_them_in_full() -> None:
    assert allocate([3, 3], 6) == Allocation(6, (3, 3), (3, 3), "full")
    assert allocate([3, 3], 7, "priority").method == "full"
    assert allocate([3, 3], 5, "priority") == Allocation(5, (3, 3), (3, 2), "priority")
    assert allocate([5, 5, 5], 12, "priority").amounts == (5, 5, 2)
    assert allocate([5, 5, 5], 10, "priority").amounts == (5, 5, 0)


def test_allocation_refusals() -> None:
    error = refusal(lambda: allocate([5], 1, "random"))  # type: ignore[arg-type]
    assert (str(error), error.message("ja")) == (
        "method: 'random' is not a method; expected 'pro_rata' or 'priority'",
        "method: 'random' は使えない。'pro_rata'（按分）か 'priority'（優先順）のいずれか",
    )
    assert str(refusal(lambda: allocate([1, -1], 0))) == "requested[1]: must be whole yen (an int of 0 or more), not -1"
    assert str(refusal(lambda: allocate([1], -1))) == "budget: must be whole yen (an int of 0 or more), not -1"
    assert str(refusal(lambda: allocate([1], True))) == "budget: must be whole yen (an int of 0 or more), not True"


# --- explanations as data -----------------------------------------------------------------


def test_an_award_explains_itself_with_named_facts_and_a_rule() -> None:
    rate = SubsidyRule("y", [SubsidyTerms(rate="1/2")]).compute(1000, FY2015).explanation
    assert rate.rule == "award.rate"
    assert dict(rate.facts) == {
        "rule": "y",
        "fy": "平成27年度",
        "body": None,
        "cost": 1000,
        "eligible_cost": 1000,
        "amount": 500,
        "binding": "rate",
        "refusal": None,
        "rate": Fraction(1, 2),
        "product": Fraction(500),
        "rounding": "down",
    }
    capped = SubsidyRule("c", [SubsidyTerms(rate="1", cap_per_fy=300)]).compute(1000, FY2015).explanation
    assert capped.rule == "award.cap_per_fy"
    assert dict(capped.facts)["binding"] == "cap_per_fy"
    refused = SubsidyRule("y", [SubsidyTerms(rate="1/2")], last_fy=FY2014).compute(1000, FY2015).explanation
    assert refused.rule == "award.refused"
    assert dict(refused.facts) == {
        "rule": "y",
        "fy": "平成27年度",
        "body": None,
        "cost": 1000,
        "eligible_cost": None,
        "amount": 0,
        "binding": "refused",
        "refusal": "not_offered",
    }


# --- terms as a calculation of steps ------------------------------------------------------


def test_terms_are_shorthand_for_a_calculation_of_steps_in_order() -> None:
    terms = SubsidyTerms(
        rate="2/3",
        max_years=2,
        eligible=["a"],
        ineligible=["b"],
        cap_per_application=900,
        cap_per_fy=800,
        total_cap=1500,
        rounding="down_1000",
        round_at="after_cap",
        minimum_award=100,
    )
    assert repr(terms.calculation().steps) == (
        "(YearLimit(years=2), Categories(eligible=frozenset({'a'}), ineligible=frozenset({'b'})),"
        " Rate(rate=Fraction(2, 3)), Cap(amount=900, per='application', times=None, years=None, plus=0),"
        " Cap(amount=800, per='fy', times=None, years=None, plus=0),"
        " Cap(amount=1500, per='total', times=None, years=None, plus=0), Round(rule=('down', 1000)),"
        " MinimumAward(amount=100))"
    )
    only_ineligible = SubsidyTerms(rate="1", ineligible=["b"]).calculation().steps
    assert repr(only_ineligible[0]) == "Categories(eligible=None, ineligible=frozenset({'b'}))"
    assert repr(SubsidyTerms(rate="1").calculation().steps) == "(Rate(rate=Fraction(1, 1)), Round(rule=('down', 1)))"


@pytest.mark.parametrize(
    "cost",
    [{"a": 1200, "b": 50}, {"a": 100}, {"b": 10}, {"a": 3000}, {"a": 181}],
)
def test_a_calculation_awards_what_its_terms_award(cost: dict[str, int]) -> None:
    terms = SubsidyTerms(
        rate="1/2", max_years=1, eligible=["a"], ineligible=["b"], cap_per_fy=800, total_cap=1000, minimum_award=90
    )
    by_terms, by_steps = SubsidyRule("x", [terms]), SubsidyRule("x", [terms.calculation()])
    first, second = by_terms.compute(cost, FY2015), by_steps.compute(cost, FY2015)
    assert (second.amount, second.refusal) == (first.amount, first.refusal)
    later = (by_terms.compute(cost, FY2016, history=[first]), by_steps.compute(cost, FY2016, history=[second]))
    assert (later[1].amount, later[1].refusal) == (later[0].amount, later[0].refusal)


def test_replacing_terms_of_a_calculation_is_refused() -> None:
    rule = SubsidyRule("x", [SubsidyTerms(rate="1").calculation()])
    error = refusal(lambda: rule.replace(rate="1/2", cap_per_fy=10))
    assert (
        str(error)
        == "versions: ['cap_per_fy', 'rate'] are terms of a SubsidyTerms; this rule is a calculation of steps"
    )
    assert (
        error.message("ja")
        == "versions: ['cap_per_fy', 'rate'] は SubsidyTerms の条件で、この制度は手順の計算で書かれている"
    )


# --- a budget shared among applications ---------------------------------------------------


def test_applications_are_funded_year_by_year_within_each_year_budget() -> None:
    fy2023, fy2024 = FiscalYear(2023), FiscalYear(2024)
    rule = SubsidyRule(
        "g",
        [SubsidyTerms(rate="1/2", cap_per_application=30_000, max_years=1)],
        budget=Budget(per_fy=50_000, by_fy={fy2024: 10_000}),
    )
    applications = [
        Application("A", fy2024, 60_000),  # given first, funded after FY2023's
        Application("A", fy2023, 60_000),
        Application("B", fy2023, 30_000),
        Application("C", fy2023, 40_000),
        Application("D", fy2023, 40_000),
        Application("E", fy2024, 4_000),
    ]
    funded = fund(rule, applications)
    assert [(f.award.amount, f.paid, f.budget_left, f.cut) for f in funded] == [
        (0, 0, 10_000, False),  # A was paid in FY2023: the year limit counts what was paid
        (30_000, 30_000, 20_000, False),
        (15_000, 15_000, 5_000, False),
        (20_000, 5_000, 0, True),
        (20_000, 0, 0, True),
        (2_000, 2_000, 8_000, False),
    ]
    assert funded[0].award.refusal is Refusal.YEAR_LIMIT
    assert (funded[3].explanation.text("en"), funded[3].explanation.text("ja")) == (
        "5,000 yen: the budget's share of the rule's 20,000 yen",
        "5,000円: 算定額 20,000円 のうち予算の範囲内",
    )
    assert (funded[4].explanation.text("en"), funded[4].explanation.text("ja")) == (
        "0 yen: no budget left (the rule's award is 20,000 yen)",
        "0円: 予算の残りがない（算定額 20,000円）",
    )
    assert dict(funded[3].explanation.facts) == {"paid": 5_000, "award": 20_000}
    assert funded[1].explanation == funded[1].award.explanation
    smaller = fund(rule, applications[1:3], budget=Budget(per_fy=1_000))
    assert [(f.paid, f.budget_left) for f in smaller] == [(1_000, 0), (0, 0)]
    assert (Budget(per_fy=5, by_fy={fy2024: 7}).amount(fy2024), Budget(per_fy=5).amount(fy2024)) == (7, 5)


def test_an_award_of_a_calculation_explains_each_step_that_changed_the_figure() -> None:
    rule = SubsidyRule("x", [SubsidyTerms(rate="1/2", cap_per_fy=800, minimum_award=90).calculation()])
    capped = rule.compute(3000, FY2015).explanation
    assert capped.rule == "award.steps"
    assert (capped.en, capped.ja) == (
        "800 yen: 1/2 × 3,000 = 1,500 → per-FY cap 800",
        "800円: 3,000円 × 1/2 = 1,500円 → 年度あたりの限度額 800円",
    )
    assert dict(capped.facts)["steps"] == ("rate", "cap_per_fy")
    assert dict(capped.facts)["amount"] == 800
    assert [(part.rule, dict(part.facts), part.en, part.ja) for part in capped.parts] == [
        (
            "award.step.rate",
            {"amount": Fraction(1500), "rate": Fraction(1, 2), "base": 3000},
            "1/2 × 3,000 = 1,500",
            "3,000円 × 1/2 = 1,500円",
        ),
        (
            "award.step.cap_per_fy",
            {"amount": Fraction(800), "cap": 800, "used": 0},
            "per-FY cap 800",
            "年度あたりの限度額 800円",
        ),
    ]
    refused = rule.compute(100, FY2015).explanation
    assert refused.rule == "award.refused"
    assert (refused.en, refused.ja) == (
        "0 yen: the amount 50 is below the 90 yen minimum award",
        "0円: 算定額 50円 が下限額 90円 に満たない",
    )
    assert dict(refused.facts)["steps"] == ("below_minimum",)
    assert dict(refused.parts[0].facts) == {"amount": 0, "minimum_award": 90}


FOUNDED = {name: Body(name, milestones=[Milestone("founding_meeting", YearMonth(2020, 5))]) for name in "ABC"}


@pytest.mark.parametrize(
    ("budget", "paid", "left"),
    [
        (Budget(per_fy=12_000, order="pro_rata"), [2_000, 6_000, 4_000], [0, 0, 0]),  # each cut in proportion
        (Budget(per_fy=12_000), [5_000, 7_000, 0], [7_000, 0, 0]),  # first come, the last in part
        (Budget(per_fy=12_000, order="lottery"), [5_000, 7_000, 0], [7_000, 0, 0]),
        (Budget(per_fy=12_000, partial=False), [5_000, 0, 0], [7_000, 7_000, 7_000]),  # all or nothing
        (Budget(per_fy=20_000, partial=False), [5_000, 15_000, 0], [15_000, 0, 0]),  # exactly what is left is paid
        (None, [5_000, 15_000, 10_000], [None, None, None]),
    ],
)
def test_a_budget_is_shared_as_its_order_says(budget: Budget | None, paid: list[int], left: list[int | None]) -> None:
    fy = FiscalYear(2023)
    rule = SubsidyRule("g", [SubsidyTerms(rate="1/2")], conditions=[BodyCondition("founding_meeting")])
    applications = [Application("A", fy, 10_000), Application("B", fy, 30_000), Application("C", fy, 20_000)]
    funded = fund(rule, applications, FOUNDED, budget)
    assert [f.award.amount for f in funded] == [5_000, 15_000, 10_000]
    assert [f.paid for f in funded] == paid
    assert [f.budget_left for f in funded] == left
    unknown = fund(rule, applications, budget=budget)  # no bodies: the condition cannot hold
    assert [(f.award.refusal, f.paid) for f in unknown] == [(Refusal.BODY_STATE, 0)] * 3


def test_what_each_refusal_of_a_budget_says() -> None:
    error = refusal(lambda: Budget(order="random"))
    assert (str(error), error.message("ja")) == (
        "order: expected first_come (申請順), pro_rata (按分) or lottery (抽選), not 'random'",
        "order: first_come（申請順）、pro_rata（按分）、lottery（抽選）のいずれか（'random'）",
    )
    error = refusal(lambda: Budget(by_fy={2023: 5}))
    assert (str(error), error.message("ja")) == ("by_fy: expected a FiscalYear, not 2023", "by_fy: 年度が必要（2023）")
    error = refusal(lambda: Budget(by_fy={FiscalYear(2023): -1}))
    assert str(error) == "by_fy.令和5年度: must be whole yen (an int of 0 or more), not -1"
    error = refusal(lambda: Budget(per_fy=-1))
    assert str(error) == "per_fy: must be whole yen (an int of 0 or more), not -1"
    years = Budget(by_fy={FiscalYear(2025): 1, FiscalYear(2024): 2}).by_fy
    assert years == ((FiscalYear(2024), 2), (FiscalYear(2025), 1))


@pytest.mark.parametrize("value", [-1, True, 1.0, "1"])
def test_the_whole_yen_check_refuses_all_but_ints_of_0_or_more(value: object) -> None:
    # Built when SubsidyTerms is defined, so it is called here directly too.
    with pytest.raises(ValidationError) as caught:
        subsidies._yen("cap_per_fy")(None, None, value)
    assert caught.value.problems == (("cap_per_fy", f"must be whole yen (an int of 0 or more), not {value!r}"),)
    assert caught.value.problems_ja == (("cap_per_fy", f"円単位の 0 以上の整数が必要（{value!r}）"),)


@pytest.mark.parametrize("value", [None, 0, 1, 10**12])
def test_the_whole_yen_check_allows_none_and_ints_of_0_or_more(value: object) -> None:
    assert subsidies._yen("cap_per_fy")(None, None, value) is None


@pytest.mark.parametrize(
    ("build", "english", "japanese"),
    [
        (lambda: Budget(order="x"), ("order", "expected first_come (申請順), pro_rata (按分) or lottery (抽選), not 'x'"), ("order", "first_come（申請順）、pro_rata（按分）、lottery（抽選）のいずれか（'x'）")),
        (lambda: Budget(by_fy={"x": 1}), ("by_fy", "expected a FiscalYear, not 'x'"), ("by_fy", "年度が必要（'x'）")),
        (lambda: Budget(by_fy={FY2015: -1}), ("by_fy.平成27年度", "must be whole yen (an int of 0 or more), not -1"), ("by_fy.平成27年度", "円単位の 0 以上の整数が必要（-1）")),
        (lambda: SubsidyTerms(rate=Decimal("NaN")), ("rate", "NaN is not a finite number"), ("rate", "NaN は有限の数ではない")),
        (lambda: SubsidyTerms(rate="1/" + "9" * 300), ("rate", "a rate of 302 characters is too long; kyodo reads at most 200"), ("rate", "302文字の率は長すぎる。読めるのは200文字まで")),
        (lambda: SubsidyTerms(rate=Fraction(-1, 2)), ("rate", "a rate cannot be negative: -1/2"), ("rate", "率は負にならない（-1/2）")),
    ],
    ids=["order", "budget year", "budget amount", "nan rate", "long rate", "negative rate"],
)  # fmt: skip
def test_budgets_and_rates_name_the_field_they_refuse(
    build: object, english: tuple[str, str], japanese: tuple[str, str]
) -> None:
    with pytest.raises(ValidationError) as caught:
        build()  # type: ignore[operator]
    assert (caught.value.problems, caught.value.problems_ja) == ((english,), (japanese,))


# --- what an application claims beyond its cost -------------------------------------------

PER_UNIT_CAP = SubsidyRule("u", [Calculation([Rate("1"), Cap(100, times="units")])])
BY_STRUCTURE = SubsidyRule(
    "t",
    [
        Calculation(
            [Table([Row({"構造": "木造"}, [Rate("1/2")]), Row({"構造": "非木造"}, [Rate("1/3")])])],
            attributes={"構造": ["木造", "非木造"]},
        )
    ],
)
LESS_INCOME = SubsidyRule("d", [Calculation([Deduct(), Rate("1/2")])])
PER_SITE = SubsidyRule("w", [Calculation([WaitingPeriod(3, scope="site"), Rate("1/2")])])
PER_HOUSEHOLD = SubsidyRule("c", [Calculation([Rate("1"), Cap(400, times="世帯数", plus=100)])])


def test_units_alone_reach_the_calculation_and_stay_on_the_award() -> None:
    units = (Unit("a"), Unit("b"))
    award = PER_UNIT_CAP.compute(1_000, FY2015, units=list(units))
    assert (award.amount, award.binding) == (200, Constraint.CAP_PER_APPLICATION)
    assert award.claim == Claim(units=units)
    assert award.explanation.en == "200 yen: 1 × 1,000 = 1,000 → cap 100 × 2 units = 200"
    assert PER_UNIT_CAP.compute(1_000, FY2015).amount == 0  # no units, a cap of 100 × 0


def test_attributes_alone_choose_the_row_and_stay_on_the_award() -> None:
    award = BY_STRUCTURE.compute(900, FY2015, attributes={"構造": "非木造"})
    assert award.amount == 300
    assert award.claim == Claim(attributes={"構造": "非木造"})
    assert (award.explanation.en, award.explanation.ja) == (
        "300 yen: 構造=非木造: 1/3 × 900 = 300",
        "300円: 構造=非木造: 900円 × 1/3 = 300円",
    )
    refused = BY_STRUCTURE.compute(900, FY2015)
    assert (refused.amount, refused.refusal) == (0, Refusal.NO_ROW)
    assert (refused.explanation.en, refused.explanation.ja) == (
        "0 yen: no row of the table fits no attributes",
        "0円: 表に 属性なし に当たる行がない",
    )


def test_deductions_alone_come_off_the_cost_and_stay_on_the_award() -> None:
    award = LESS_INCOME.compute(1_000, FY2015, deductions={"参加費": 400})
    assert award.amount == 300
    assert award.claim == Claim(deductions={"参加費": 400})
    assert award.explanation.en == "300 yen: 1,000 − 参加費 400 = eligible 600 → 1/2 × 600 = 300"
    assert LESS_INCOME.compute(1_000, FY2015).amount == 500


def test_the_site_alone_decides_a_waiting_period_per_site() -> None:
    first = PER_SITE.compute(1_000, FY2015, site="A")
    assert (first.amount, first.claim) == (500, Claim(site="A"))
    blocked = PER_SITE.compute(1_000, FY2016, history=[first], site="A")
    assert (blocked.amount, blocked.refusal) == (0, Refusal.WAITING_PERIOD)
    assert blocked.claim == Claim(site="A")  # a refusal keeps the claim it refused
    assert blocked.explanation.en == (
        "0 yen: awarded in FY2015 for the same site; the next award may come from FY2018 (3 years on)"
    )
    assert PER_SITE.compute(1_000, FY2016, history=[first], site="B").amount == 500
    assert PER_SITE.compute(1_000, FY2016, history=[first]).amount == 500  # no site named: not the same site


def test_counts_alone_multiply_a_cap_and_stay_on_the_award() -> None:
    award = PER_HOUSEHOLD.compute(100_000, FY2015, counts={"世帯数": 3})
    assert award.amount == 1_300  # 400 × 3 + 100
    assert award.claim == Claim(counts={"世帯数": 3})
    assert award.explanation.en == "1,300 yen: 1 × 100,000 = 100,000 → cap 400 × 3 世帯数 + 100 = 1,300"


def test_an_application_that_claims_nothing_carries_an_empty_claim() -> None:
    for rule in (PER_UNIT_CAP, LESS_INCOME, SubsidyRule("s", [SubsidyTerms(rate="1/2")], last_fy=FY2014)):
        assert rule.compute(1_000, FY2015).claim == Claim()


def test_a_ledger_and_a_budget_pass_the_whole_claim_on() -> None:
    claim = Claim(units=[Unit("a"), Unit("b")])
    assert Ledger(PER_UNIT_CAP).apply(1_000, FY2015, claim).awards[0].amount == 200
    assert Ledger(PER_UNIT_CAP).apply(1_000, FY2015).awards[0].amount == 0
    for rule, claim, amount in [
        (PER_UNIT_CAP, Claim(units=[Unit("a"), Unit("b")]), 200),
        (BY_STRUCTURE, Claim(attributes={"構造": "木造"}), 450),
        (LESS_INCOME, Claim(deductions={"参加費": 400}), 250),
        (PER_HOUSEHOLD, Claim(counts={"世帯数": 3}), 900),
    ]:
        award = Ledger(rule).apply(900, FY2015, claim).awards[0]
        assert (award.amount, award.claim) == (amount, claim)
        (funded,) = fund(rule, [Application("A", FY2015, 900, claim)])
        assert (funded.paid, funded.award.claim) == (amount, claim)
    site = Claim(site="A")
    ledger = Ledger(PER_SITE).apply(1_000, FY2015, site).apply(1_000, FY2016, site)
    assert [award.refusal for award in ledger.awards] == [None, Refusal.WAITING_PERIOD]
    other = [Application("X", FY2015, 1_000, site), Application("X", FY2016, 1_000, Claim(site="B"))]
    assert [f.paid for f in fund(PER_SITE, other)] == [500, 500]


def test_units_whose_costs_do_not_add_up_to_the_cost_are_refused() -> None:
    rule = SubsidyRule("p", [Calculation([PerUnit([Rate("1/2")])])])
    assert rule.compute(300, FY2015, units=[Unit("a", 100), Unit("b", 200)]).amount == 150
    error = refusal(lambda: rule.compute(400, FY2015, units=[Unit("a", 100), Unit("b", 200)]))
    assert (str(error), error.message("ja")) == (
        "units: the units' costs add up to 300 yen, but the application's cost is 400 yen",
        "units: 単位の費用の合計 300円 が申請の費用 400円 と合わない",
    )


def test_a_calculation_that_ends_unrounded_pays_whole_yen_rounded_down() -> None:
    award = SubsidyRule("x", [Calculation([Rate("1/3")])]).compute(1_000, FY2015)
    assert award.amount == 333
    assert (award.explanation.en, award.explanation.ja) == (
        "333 yen: 1/3 × 1,000 = 333.33 → rounded down to the yen 333",
        "333円: 1,000円 × 1/3 = 333.33円 → 円未満切捨て 333円",
    )
    assert [dict(part.facts).get("amount") for part in award.explanation.parts] == [Fraction(1000, 3), 333]
    whole = SubsidyRule("x", [Calculation([Rate("1/2")])]).compute(1_000, FY2015)
    assert whole.explanation.en == "500 yen: 1/2 × 1,000 = 500"  # already whole: no rounding step shown


# --- what the second mutation run showed --------------------------------------------------


def test_a_condition_names_the_field_of_an_unknown_milestone() -> None:
    error = refusal(lambda: BodyCondition("nonsense"))
    assert str(error).startswith("kind: 'nonsense' is not a MilestoneKind; expected one of 勉強会 (study_session)")
    assert error.message("ja").startswith("kind: 'nonsense' は使えない。")


def test_a_refused_award_keeps_the_terms_in_force_and_a_calculation_refusal_its_reason() -> None:
    terms = SubsidyTerms(rate="1/2")
    condition = [BodyCondition("founding_meeting", by=FY2015)]
    assert SubsidyRule("b", [terms], conditions=condition).compute(100, FY2015).terms is terms
    steps = Calculation([Rate("1/2")])
    rule = SubsidyRule("c", [steps], last_fy=FY2015, conditions=condition)
    body_state = rule.compute(100, FY2015)
    assert (body_state.refusal, body_state.terms) == (Refusal.BODY_STATE, steps)
    # A calculation refused before any step ran says why in the words of the refusal, not of the steps.
    assert (body_state.explanation.rule, body_state.explanation.en) == (
        "award.refused",
        "0 yen: the rule requires a founding general meeting held by FY2015, and no applying body is given",
    )
    assert texts(rule.compute(100, FY2016)) == (
        "0 yen: c is offered until FY2015; the application is for FY2016",
        "0円: c は 平成27年度 までの実施で、申請は 平成28年度",
    )


def test_an_award_of_a_calculation_keeps_its_year_body_and_eligible_cost() -> None:
    body = Body("A地区")
    award = SubsidyRule("c", [Calculation([Deduct(), Rate("1/2")])]).compute(
        1_000, FY2015, body, deductions={"参加費": 400}
    )
    assert (award.fy, award.body, award.eligible_cost, award.amount) == (
        FY2015,
        "A地区",
        600,
        300,
    )  # eligible: the cost less the deduction


@pytest.mark.parametrize(("rounding", "product"), [("down", "66,666"), ("half_up", "66,667"), ("down_1000", "66,000")])
def test_a_capped_award_shows_the_product_rounded_as_the_rule_rounds(rounding: str, product: str) -> None:
    award = SubsidyRule("r", [SubsidyTerms(rate="2/3", cap_per_fy=50_000, rounding=rounding)]).compute(100_000, FY2015)
    assert texts(award) == (
        f"50,000 yen: 2/3 × 100,000 = {product} exceeds the 50,000 yen per-FY cap",
        f"50,000円: 100,000円 × 2/3 = {product}円 が年度あたりの限度額 50,000円 を超える",
    )


def test_a_cap_below_the_rounding_unit_is_paid_whole_when_rounding_comes_first() -> None:
    # Rounded to 1,000 yen before the caps: the cap of 1,500 yen itself is paid, and nothing was awarded before.
    terms = SubsidyTerms(rate="1/2", cap_per_fy=1_500, rounding="down_1000")
    award = SubsidyRule("r", [terms]).compute(10_000, FY2015)
    assert (award.amount, award.binding) == (1_500, Constraint.CAP_PER_FY)
    assert texts(award) == (
        "1,500 yen: 1/2 × 10,000 = 5,000 exceeds the 1,500 yen per-FY cap",
        "1,500円: 10,000円 × 1/2 = 5,000円 が年度あたりの限度額 1,500円 を超える",
    )


def test_a_total_cap_of_zero_is_reached_from_the_start() -> None:
    award = SubsidyRule("z", [SubsidyTerms(rate="1", total_cap=0)]).compute(100, FY2015)
    assert award.refusal is Refusal.TOTAL_REACHED
    assert texts(award) == ("0 yen: the 0 yen total cap is already reached", "0円: 通算限度額 0円 に達している")


def test_in_its_last_year_before_its_first_version_a_rule_is_not_yet_offered() -> None:
    rule = SubsidyRule("v", [(FY2016, SubsidyTerms(rate="1/2"))], last_fy=FY2015)
    assert texts(rule.compute(100, FY2015))[0] == "0 yen: v is offered from FY2016; the application is for FY2015"


def test_an_award_of_one_yen_counts_as_a_funded_year() -> None:
    rule = SubsidyRule("y", [SubsidyTerms(rate="1/1000", max_years=1)])
    one = rule.compute(1_000, FY2015)
    assert one.amount == 1
    assert rule.compute(1_000, FY2016, history=[one]).refusal is Refusal.YEAR_LIMIT


def test_settlement_confirms_the_award_for_its_year_against_the_history() -> None:
    rule = SubsidyRule("s", [SubsidyTerms(rate="1", total_cap=1_000)], advance_allowed=True)
    earlier = rule.compute(600, FY2015)
    settlement = settle(rule, 500, 800, FY2016, history=[earlier])
    assert (settlement.confirmed.amount, settlement.confirmed.fy) == (400, FY2016)
    assert (settlement.refund, settlement.additional) == (100, 0)


def test_budget_orders_and_amounts_accepted() -> None:
    # Built here, not at collection, so that the mutation run sees the checks.
    assert [Budget(order=order).order for order in ("first_come", "pro_rata", "lottery")] == [
        "first_come",
        "pro_rata",
        "lottery",
    ]
    assert Budget(by_fy={FY2015: 0}).amount(FY2015) == 0
    assert Budget(by_fy=[(FY2016, 1), (FY2015, 2)]).by_fy == ((FY2015, 2), (FY2016, 1))


def test_what_a_budget_paid_is_the_history_later_years_see() -> None:
    fy2023, fy2024 = FiscalYear(2023), FiscalYear(2024)
    # First come: B's award was not paid for want of budget, so its one funded year is still to come.
    once = SubsidyRule(
        "y", [SubsidyTerms(rate="1/2", max_years=1)], budget=Budget(per_fy=10_000, by_fy={fy2024: 10**6})
    )
    applications = [
        Application("A", fy2023, 20_000),
        Application("B", fy2023, 40_000),
        Application("B", fy2024, 10_000),
        Application("A", fy2024, 10_000),
    ]
    funded = fund(once, applications)
    assert [(f.award.amount, f.paid) for f in funded] == [(10_000, 10_000), (20_000, 0), (5_000, 5_000), (0, 0)]
    assert funded[3].award.refusal is Refusal.YEAR_LIMIT
    assert [f.application for f in funded] == applications
    # Pro rata: A was paid a quarter of its award, and the total cap counts that quarter.
    total = SubsidyRule(
        "t",
        [SubsidyTerms(rate="1", total_cap=10_000)],
        budget=Budget(per_fy=5_000, order="pro_rata", by_fy={fy2024: 10**6}),
    )
    shared = [Application("A", fy2023, 10_000), Application("B", fy2023, 10_000), Application("A", fy2024, 10_000)]
    funded = fund(total, shared)
    assert [(f.award.amount, f.paid) for f in funded] == [(10_000, 2_500), (10_000, 2_500), (7_500, 7_500)]
    assert funded[2].award.binding is Constraint.TOTAL_CAP
    assert [f.application for f in funded] == shared


# --- what the run after those tests left --------------------------------------------------


def test_a_rate_of_the_longest_text_read_is_read() -> None:
    assert SubsidyTerms(rate="1/2" + " " * 197).rate == Fraction(1, 2)  # 200 characters


@pytest.mark.parametrize(
    ("field", "english", "japanese"),
    [
        (
            "rounding",
            "rounding: 'x' is not a Rounding; expected one of 1円未満切り捨て (down),",
            "rounding: 'x' は使えない。1円未満切り捨て、",
        ),
        (
            "round_at",
            "round_at: 'x' is not a RoundingStep; expected one of 限度額適用前 (before_cap),",
            "round_at: 'x' は使えない。限度額適用前、",
        ),
    ],
)
def test_an_unknown_rounding_names_its_field(field: str, english: str, japanese: str) -> None:
    error = refusal(lambda: SubsidyTerms(rate=1, **{field: "x"}))
    assert str(error).startswith(english)
    assert error.message("ja").startswith(japanese)


def test_the_rounding_a_calculation_adds_is_a_step_of_its_own() -> None:
    explanation = SubsidyRule("x", [Calculation([Rate("1/3")])]).compute(1_000, FY2015).explanation
    assert explanation.fact("steps") == ("rate", "round")
    assert [part.rule for part in explanation.parts] == ["award.step.rate", "award.step.round"]


def test_rounding_after_the_caps_compares_the_exact_product_with_them() -> None:
    # 1,000.50 is over the 1,000 yen cap, though it rounds down to it: the cap binds.
    terms = SubsidyTerms(rate="1/2", cap_per_fy=1_000, round_at="after_cap")
    award = SubsidyRule("a", [terms]).compute(2_001, FY2015)
    assert (award.amount, award.binding, award.product) == (1_000, Constraint.CAP_PER_FY, Fraction(2_001, 2))
    assert texts(award)[0] == "1,000 yen: 1/2 × 2,001 = 1,000.50 exceeds the 1,000 yen per-FY cap"


def test_a_total_cap_reached_keeps_the_eligible_cost_and_product() -> None:
    rule = SubsidyRule("t", [SubsidyTerms(rate="1", total_cap=100)])
    award = rule.compute(300, FY2015, history=[rule.compute(100, FY2014)])
    assert (award.refusal, award.eligible_cost, award.product) == (Refusal.TOTAL_REACHED, 300, Fraction(300))
