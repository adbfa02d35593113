"""Awards as pipelines of steps: the laws every calculation keeps, and each step on the figures it changes."""

from __future__ import annotations

import itertools
import json
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyodo import (
    Application,
    Award,
    Budget,
    FiscalYear,
    Ledger,
    ParseError,
    SubsidyRule,
    SubsidyTerms,
    ValidationError,
    dumps,
    from_data,
    fund,
    loads,
)
from kyodo._printed import read_rate, read_rounding, read_yen, round_to
from kyodo._subsidy_schema import subsidy_schema
from kyodo.cli import main
from kyodo.steps import (
    Calculation,
    Cap,
    Claim,
    CostCap,
    Deduct,
    DeficitCap,
    MaxUnits,
    MinimumAward,
    MinimumCost,
    MinimumCount,
    OncePerFY,
    PerUnit,
    Rate,
    Round,
    Row,
    Table,
    TopUp,
    Unit,
    WaitingPeriod,
    YearLimit,
)
from kyodo.subsidies import Refusal, Rounding, RoundingStep

FY2024 = FiscalYear(2024)

rates = st.fractions(min_value=0, max_value=1, max_denominator=12)
caps = st.none() | st.integers(0, 1_000_000)
costs = st.integers(0, 3_000_000)
# Rounding up may pay more than the cost; the laws below hold for the ways rules round awards: down or half up.
roundings = st.sampled_from([("down", 1), ("down", 100), ("down", 1000), ("half_up", 1)])
every_rounding = st.sampled_from([("down", 1), ("down", 100), ("down", 1000), ("half_up", 1), ("up", 1000)])
terms_strategy = st.builds(
    SubsidyTerms,
    rate=st.fractions(min_value=0, max_value=2, max_denominator=12),
    cap_per_application=caps,
    cap_per_fy=caps,
    total_cap=caps,
    max_years=st.none() | st.integers(1, 4),
    rounding=st.sampled_from(Rounding),
    round_at=st.sampled_from(RoundingStep),
    minimum_award=st.none() | st.integers(0, 100_000),
)


# --- SubsidyTerms is one way to write a calculation ---------------------------------------------------------


@settings(max_examples=300)
@given(terms_strategy, st.lists(st.tuples(st.integers(0, 5), costs), min_size=1, max_size=6))
def test_terms_and_their_calculation_award_the_same(terms: SubsidyTerms, applications: list[tuple[int, int]]) -> None:
    by_terms = Ledger(SubsidyRule("rule", [terms]))
    by_steps = Ledger(SubsidyRule("rule", [terms.calculation()]))
    for offset, cost in sorted(applications):
        by_terms = by_terms.apply(cost, FiscalYear(2020 + offset))
        by_steps = by_steps.apply(cost, FiscalYear(2020 + offset))
        assert by_steps.awards[-1].amount == by_terms.awards[-1].amount, by_steps.awards[-1].explanation.text("en")


# --- laws of any calculation ---------------------------------------------------------------------------------

KINDS = ["新築", "改修"]


@st.composite
def calculations(draw: st.DrawFn, top_up: bool = True) -> Calculation:
    """A calculation of the common shapes: deduct, a minimum cost, a table of rates and caps, rounding, caps."""
    steps: list[object] = []
    if draw(st.booleans()):
        steps.append(Deduct())
    if draw(st.booleans()):
        steps.append(MinimumCost(draw(st.integers(0, 500_000))))
    rows = [
        Row({"工事": kind}, [Rate(draw(rates)), *([Cap(c)] if (c := draw(caps)) is not None else [])]) for kind in KINDS
    ]
    steps.append(Table(rows))
    if draw(st.booleans()):
        steps.append(Round(draw(roundings)))
    if top_up and draw(st.booleans()):
        steps.append(TopUp(draw(rates), [Round(draw(roundings))]))
    for cap in draw(st.lists(st.integers(0, 2_000_000), max_size=2)):
        steps.append(Cap(cap, times=draw(st.sampled_from([None, "units"]))))
    if draw(st.booleans()):
        steps.append(Cap(draw(st.integers(0, 2_000_000)), per="fy", scope=draw(st.sampled_from(["body", "site"]))))
    if draw(st.booleans()):
        steps.append(MinimumAward(draw(st.integers(0, 50_000))))
    return Calculation(steps, attributes={"工事": KINDS})  # type: ignore[arg-type]


units = st.lists(st.builds(Unit, st.sampled_from(["東町会", "西町会", "南町会"])), min_size=1, max_size=3)
deductions = st.dictionaries(st.sampled_from(["参加費", "県補助金"]), st.integers(0, 1_000_000), max_size=2)


@settings(max_examples=300)
@given(calculations(), costs, st.sampled_from(KINDS), units, deductions)
def test_an_award_is_between_zero_and_the_eligible_cost(
    calculation: Calculation, cost: int, kind: str, joint: list[Unit], taken: dict[str, int]
) -> None:
    award = SubsidyRule("rule", [calculation]).compute(
        cost, FY2024, attributes={"工事": kind}, units=joint, deductions=taken
    )
    eligible = max(cost - sum(taken.values()), 0) if any(isinstance(s, Deduct) for s in calculation.steps) else cost
    assert 0 <= award.amount <= eligible, award.explanation.text("en")


@settings(max_examples=300)
@given(calculations(top_up=False), costs, st.sampled_from(KINDS), units)
def test_an_award_never_exceeds_a_cap_at_the_end(
    calculation: Calculation, cost: int, kind: str, joint: list[Unit]
) -> None:
    award = SubsidyRule("rule", [calculation]).compute(cost, FY2024, attributes={"工事": kind}, units=joint)
    for step in calculation.steps:
        if isinstance(step, Cap):
            assert award.amount <= step.amount * (len(joint) if step.times == "units" else 1)


@settings(max_examples=300)
@given(calculations(), costs, costs, st.sampled_from(KINDS), units)
def test_an_award_never_falls_when_the_cost_rises(
    calculation: Calculation, first: int, second: int, kind: str, joint: list[Unit]
) -> None:
    rule = SubsidyRule("rule", [calculation])
    low, high = sorted((first, second))
    award_low = rule.compute(low, FY2024, attributes={"工事": kind}, units=joint)
    award_high = rule.compute(high, FY2024, attributes={"工事": kind}, units=joint)
    assert award_low.amount <= award_high.amount


camera_costs = st.lists(st.integers(0, 500_000), min_size=1, max_size=5)


@given(camera_costs, rates, st.integers(0, 300_000), roundings)
def test_units_sum_to_the_award(cameras: list[int], rate: Fraction, cap: int, rounding: tuple[str, int]) -> None:
    inner = [Rate(rate), Round(rounding), Cap(cap, per="unit")]
    together = SubsidyRule("rule", [Calculation([PerUnit(inner)])])
    alone = SubsidyRule("rule", [Calculation(inner)])
    units_ = [Unit(f"camera {index}", cost) for index, cost in enumerate(cameras)]
    award = together.compute(sum(cameras), FY2024, units=units_)
    assert award.amount == sum(alone.compute(cost, FY2024).amount for cost in cameras)


@given(st.integers(1, 6), st.lists(st.integers(0, 12), min_size=1, max_size=8))
def test_a_waiting_period_never_awards_inside_the_blocked_years(years: int, offsets: list[int]) -> None:
    rule = SubsidyRule("修繕", [Calculation([WaitingPeriod(years), Rate("1/2")])])
    ledger = Ledger(rule)
    for offset in sorted(set(offsets)):
        ledger = ledger.apply(100_000, FiscalYear(2010 + offset))
    funded = [award.fy for award in ledger.awards if award.amount > 0]
    for earlier, later in itertools.pairwise(funded):
        assert later - earlier >= years
    for award in ledger.awards:
        if award.amount == 0:
            assert award.refusal is Refusal.WAITING_PERIOD
            assert any(0 <= award.fy - fy < years for fy in funded)


@given(
    st.integers(1, 5), st.integers(1, 500_000), st.lists(st.tuples(st.integers(0, 12), costs), min_size=1, max_size=10)
)
def test_a_window_cap_is_never_exceeded_inside_any_window(
    years: int, cap: int, applications: list[tuple[int, int]]
) -> None:
    rule = SubsidyRule("rule", [Calculation([Rate("1"), Cap(cap, per="window", years=years)])])
    ledger = Ledger(rule)
    for offset, cost in sorted(applications):
        ledger = ledger.apply(cost, FiscalYear(2010 + offset))
    funded = [award for award in ledger.awards if award.amount > 0]
    if not funded:
        return
    first = funded[0].fy
    for start in range(first.year, 2023, years):
        inside = sum(award.amount for award in funded if start <= award.fy.year < start + years)
        assert inside <= cap


@given(
    st.integers(1, 500_000),
    st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from([None, "東公会堂", "西公会堂"]), costs), min_size=1, max_size=10
    ),
)
def test_a_cap_per_site_holds_for_each_site_and_never_pays_less_than_per_body(
    cap: int, applications: list[tuple[int, str | None, int]]
) -> None:
    """吉備中央町's shape: per site and fiscal year; a missing site counts as any site, so it never pays more."""
    per_site = SubsidyRule("site", [Calculation([Rate("1/2"), Cap(cap, per="fy", scope="site")])])
    per_body = SubsidyRule("body", [Calculation([Rate("1/2"), Cap(cap, per="fy")])])
    history: list[Award] = []
    for offset, site, cost in sorted(applications, key=lambda item: item[0]):
        fy = FiscalYear(2020 + offset)
        award = per_site.compute(cost, fy, history=history, site=site)
        # The same earlier awards counted per body leave no more room than per site.
        assert per_body.compute(cost, fy, history=history, site=site).amount <= award.amount
        history.append(award)
    sites = {(award.fy, award.claim.site if award.claim else None) for award in history}
    for fy, site in sites:
        same = [a for a in history if a.fy == fy and a.claim is not None and a.claim.site == site]
        assert sum(award.amount for award in same) <= cap


@given(
    costs,
    st.integers(1, 300_000),
    st.fractions(min_value=0, max_value=500, max_denominator=1000),
    st.fractions(min_value=0, max_value=5, max_denominator=1000),
)
def test_a_measured_count_is_exact_and_more_of_it_never_pays_less(
    cost: int, price: int, area: Fraction, more: Fraction
) -> None:
    """豊川市's shape: ㎡ × 円/㎡ as an exact cost cap; the award is ⌊½ × min(cost, price × area)⌋, rising with the area."""
    rule = SubsidyRule("r", [Calculation([CostCap(price, times="床面積"), Rate("1/2")])])
    award = rule.compute(cost, FY2024, counts={"床面積": area})
    assert award.amount == (min(cost, price * area) / 2).__floor__()
    assert rule.compute(cost, FY2024, counts={"床面積": area + more}).amount >= award.amount


@pytest.mark.parametrize(
    ("given", "count"),
    [(320, 320), ("89.42", Fraction(4471, 50)), (Decimal("70.00"), 70), (Fraction(1, 3), Fraction(1, 3)), ("0", 0)],
)
def test_counts_are_whole_numbers_or_exact_quantities(given: object, count: object) -> None:
    claim = Claim(counts={"床面積": given})
    assert claim.counts == (("床面積", count),)
    assert type(claim.counts[0][1]) is type(count)


@pytest.mark.parametrize("given", [0.5, True, -1, "1e3", "89,42", "", Decimal("NaN"), 10**9, "１２", None])
def test_a_count_is_never_a_float_nor_negative_nor_text_that_is_not_a_decimal(given: object) -> None:
    with pytest.raises(ValidationError, match="counts"):
        Claim(counts={"床面積": given})


@given(st.integers(1, 4), st.lists(st.tuples(st.sampled_from(["新規", "更新"]), costs), max_size=8))
def test_a_limit_on_one_kind_of_unit_funds_the_first_of_that_kind_and_every_other(
    limit: int, specs: list[tuple[str, int]]
) -> None:
    """上市町's shape: at most ``limit`` 新規 units; 更新 units are not counted nor dropped."""
    rule = SubsidyRule(
        "r",
        [
            Calculation(
                [MaxUnits(limit, when={"工事": "新規"}), PerUnit([Rate("1")])], attributes={"工事": ["新規", "更新"]}
            )
        ],
    )
    units = [Unit(f"{n}号", cost, {"工事": kind}) for n, (kind, cost) in enumerate(specs)]
    award = rule.compute(sum(cost for _kind, cost in specs), FY2024, units=units)
    new = [cost for kind, cost in specs if kind == "新規"]
    other = [cost for kind, cost in specs if kind == "更新"]
    assert award.amount == sum(new[:limit]) + sum(other)


@given(st.integers(0, 2_000_000), st.integers(0, 2_000_000))
def test_stacked_programmes_never_fund_more_than_the_cost(cost: int, national: int) -> None:
    # 国の補助金 first; the city's rule deducts it, and funds 1/2 of what is left.
    national = min(national, cost)
    city = SubsidyRule("市補助", [Calculation([Deduct(["国庫補助金"]), Rate("1/2"), Round("千円未満切捨て")])])
    award = city.compute(cost, FY2024, deductions={"国庫補助金": national})
    assert national + award.amount <= cost


# --- each step on figures --------------------------------------------------------------------------------------


def test_a_top_up_funds_part_of_what_the_first_rate_leaves() -> None:
    rule = SubsidyRule(
        "防犯灯",
        [Calculation([Rate("1/2"), Cap(100_000), TopUp("1/2", [Round("千円未満切捨て"), Cap(50_000)])])],
    )
    award = rule.compute(300_000, FY2024)
    # 1/2 × 300,000 = 150,000, capped at 100,000; 1/2 of the 200,000 left is 100,000, capped at 50,000.
    assert award.amount == 150_000
    assert "残額 200,000円 × 1/2" in award.explanation.text("ja")


def test_a_table_names_the_row_it_used_and_refuses_when_none_fits() -> None:
    calculation = Calculation(
        [Table([Row({"構造": "木造"}, [Rate("1/2")], "木造の改修"), Row({"構造": "非木造"}, [Rate("1/3")])])],
        attributes={"構造": ["木造", "非木造", "その他"]},
    )
    rule = SubsidyRule("改修", [calculation])
    assert rule.compute(900_000, FY2024, attributes={"構造": "非木造"}).amount == 300_000
    assert (
        rule.compute(900_000, FY2024, attributes={"構造": "木造"})
        .explanation.text("ja")
        .startswith("450,000円: 木造の改修:")
    )
    refused = rule.compute(900_000, FY2024, attributes={"構造": "その他"})
    assert refused.refusal is Refusal.NO_ROW
    with pytest.raises(ValidationError, match="not a value"):
        rule.compute(900_000, FY2024, attributes={"構造": "鉄骨"})


def test_a_minimum_cost_is_not_a_minimum_award() -> None:
    rule = SubsidyRule("リフォーム", [Calculation([MinimumCost("50万円"), Rate("1/10"), Cap("20万円")])])
    assert rule.compute(499_999, FY2024).refusal is Refusal.BELOW_MINIMUM_COST
    assert rule.compute(500_000, FY2024).amount == 50_000


def test_units_past_the_yearly_limit_are_not_funded() -> None:
    rule = SubsidyRule("防犯カメラ", [Calculation([MaxUnits(2, per="fy"), PerUnit([Rate("1/2"), Cap(100_000)])])])
    cameras = [Unit("1号機", 300_000), Unit("2号機", 300_000), Unit("3号機", 300_000)]
    ledger = Ledger(rule)
    first = rule.compute(900_000, FY2024, units=cameras)
    assert first.amount == 200_000
    assert "3号機 は対象外" in first.explanation.text("ja")
    again = rule.compute(300_000, FY2024, history=[first], units=[Unit("4号機", 300_000)])
    assert again.refusal is Refusal.MAX_UNITS
    assert ledger.rule is rule


def test_once_per_fiscal_year_and_year_limits() -> None:
    rule = SubsidyRule("活動", [Calculation([OncePerFY(), YearLimit(2), Rate("1/2")])])
    ledger = Ledger(rule).apply(100_000, FY2024).apply(100_000, FY2024)
    assert ledger.awards[-1].refusal is Refusal.ONCE_PER_FY
    ledger = ledger.apply(100_000, FY2024 + 1).apply(100_000, FY2024 + 2)
    assert ledger.awards[-1].refusal is Refusal.YEAR_LIMIT


def test_a_waiting_period_by_structure_and_site() -> None:
    wait = WaitingPeriod(scope="site", by="構造", years_by={"木造": 20, "鉄骨": 30})
    rule = SubsidyRule("集会所", [Calculation([wait, Rate("1/2")], attributes={"構造": ["木造", "鉄骨"]})])
    built = rule.compute(1_000_000, FiscalYear(2000), attributes={"構造": "木造"}, site="中央集会所")
    assert built.amount == 500_000
    blocked = rule.compute(1_000_000, FiscalYear(2019), history=[built], attributes={"構造": "木造"}, site="中央集会所")
    assert blocked.refusal is Refusal.WAITING_PERIOD
    assert "2020" in blocked.explanation.text("en") or "令和2年度" in blocked.explanation.text("ja")
    assert rule.compute(
        1_000_000, FiscalYear(2020), history=[built], attributes={"構造": "木造"}, site="中央集会所"
    ).amount
    other_site = rule.compute(
        1_000_000, FiscalYear(2005), history=[built], attributes={"構造": "木造"}, site="東集会所"
    )
    assert other_site.amount == 500_000


# --- files ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@settings(max_examples=30, deadline=None)
@given(calculation=calculations())
def test_calculations_round_trip_through_every_format(fmt: str, calculation: Calculation) -> None:
    rule = SubsidyRule("rule", [calculation, (FiscalYear(2025), SubsidyTerms(rate="1/2"))])
    text = dumps(rule, fmt)  # type: ignore[arg-type]
    again = loads(text, fmt, kind=SubsidyRule)  # type: ignore[arg-type]
    assert again == rule
    assert dumps(again, fmt) == text  # type: ignore[arg-type]


def test_a_calculation_file_reads_printed_text_and_reports_every_problem() -> None:
    text = """
schema = "kyodo.subsidy/1"
name = "集会所整備"

[[versions]]
attributes = { "工事" = ["新築", "改修"] }

[[versions.steps]]
minimum_cost = "50万円"

[[versions.steps]]
table = [
  { when = { "工事" = "新築" }, steps = [{ rate = "三分の二" }, { cap = "27万5千円" }] },
  { when = { "工事" = "改修" }, steps = [{ rate = "1/3以内" }] },
]

[[versions.steps]]
round = "1,000円未満の端数切捨て"
"""
    rule = loads(text, "toml", kind=SubsidyRule)
    assert rule.compute(600_000, FY2024, attributes={"工事": "改修"}).amount == 200_000
    broken = text.replace('"三分の二"', '"三分の"').replace('"50万円"', '"50万"').replace('"改修" }', '"補修" }')
    with pytest.raises(ValidationError) as caught:
        loads(broken, "toml", kind=SubsidyRule)
    paths = [path for path, _message in caught.value.problems]
    assert len(paths) >= 2, caught.value.problems


# --- printed text ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "rate"),
    [("1/3以内", Fraction(1, 3)), ("2分の1", Fraction(1, 2)), ("三分の二", Fraction(2, 3)), ("半額", Fraction(1, 2)),
     ("10/10", Fraction(1)), ("4/5以内", Fraction(4, 5)), ("50%", Fraction(1, 2)), ("5割", Fraction(1, 2))],
)  # fmt: skip
def test_rates_as_printed(printed: str, rate: Fraction) -> None:
    assert read_rate(printed) == rate


@pytest.mark.parametrize(
    ("printed", "yen"),
    [("27万5千円", 275_000), ("20万円", 200_000), ("200千円", 200_000), ("¥200,000", 200_000), ("２０万円", 200_000)],
)
def test_amounts_as_printed(printed: str, yen: int) -> None:
    assert read_yen(printed) == yen


@pytest.mark.parametrize(
    ("printed", "rule"),
    [("千円未満切捨て", ("down", 1000)), ("1,000円未満の端数切捨て", ("down", 1000)), ("100円未満切り捨て", ("down", 100)),
     ("円未満四捨五入", ("half_up", 1))],
)  # fmt: skip
def test_rounding_as_printed(printed: str, rule: tuple[str, int]) -> None:
    assert read_rounding(printed) == rule


@given(st.fractions(min_value=0, max_value=10**9, max_denominator=1000), every_rounding)
def test_rounding_lands_on_a_multiple_within_one_unit(value: Fraction, rounding: tuple[str, int]) -> None:
    mode, unit = rounding
    rounded = round_to(value, mode, unit)  # type: ignore[arg-type]
    assert rounded % unit == 0
    assert abs(rounded - value) < unit if mode != "half_up" else abs(rounded - value) <= Fraction(unit, 2)


@pytest.mark.parametrize("reader", [read_rate, read_yen, read_rounding])
@given(text=st.text(max_size=30))
def test_printed_text_is_read_or_refused_with_a_parse_error(reader: object, text: str) -> None:
    try:
        reader(text)  # type: ignore[operator]
    except ParseError as error:
        assert str(error)  # noqa: PT017 - a refusal must say why


# --- caps on the cost, on the deficit, and by counts ------------------------------------------------------------


def test_a_cost_cap_limits_what_counts_before_the_rate() -> None:
    # 多摩市 caps the cost per camera, not the award.
    rule = SubsidyRule("カメラ", [Calculation([PerUnit([CostCap(400_000), Rate("1/2")])])])
    award = rule.compute(700_000, FY2024, units=[Unit("1", 500_000), Unit("2", 200_000)])
    assert award.amount == 200_000 + 100_000


def test_the_deficit_caps_the_award_but_the_rate_applies_to_the_whole_cost() -> None:
    # 日光市: the lowest of 1/2 of the cost, the cost less income, and 400円 × 世帯数 + 10万円, to 1,000 yen.
    nikko = SubsidyRule(
        "日光市",
        [Calculation([Rate("1/2"), DeficitCap(), Cap(400, times="世帯数", plus=100_000), Round("1,000円未満切捨て")])],
    )
    assert nikko.compute(300_000, FY2024, deductions={"参加費": 200_000}, counts={"世帯数": 500}).amount == 100_000
    assert nikko.compute(300_000, FY2024, deductions={"参加費": 10_000}, counts={"世帯数": 100}).amount == 140_000
    assert nikko.compute(301_999, FY2024, counts={"世帯数": 1000}).amount == 150_000
    with pytest.raises(ValidationError, match="世帯数"):
        nikko.compute(300_000, FY2024)


# --- budgets ---------------------------------------------------------------------------------------------------


def test_first_come_pays_the_last_application_what_is_left_and_the_rest_nothing() -> None:
    rule = SubsidyRule("生ごみ", [SubsidyTerms(rate="1/2", cap_per_application=30_000)], budget=Budget(per_fy=50_000))
    fy = FiscalYear(2023)
    funded = fund(rule, [Application(name, fy, 60_000) for name in "ABC"])
    assert [item.paid for item in funded] == [30_000, 20_000, 0]
    assert funded[1].explanation.text("ja").startswith("20,000円: 算定額 30,000円 のうち予算の範囲内")
    assert funded[2].explanation.text("en").startswith("0 yen: no budget left")
    whole = fund(rule, [Application(name, fy, 60_000) for name in "ABC"], budget=Budget(per_fy=50_000, partial=False))
    assert [item.paid for item in whole] == [30_000, 0, 0]


def test_pro_rata_shares_the_budget_and_the_ledger_sees_what_was_paid() -> None:
    rule = SubsidyRule(
        "活動", [SubsidyTerms(rate="1", total_cap=100_000)], budget=Budget(per_fy=90_000, order="pro_rata")
    )
    first, second = FiscalYear(2023), FiscalYear(2024)
    funded = fund(
        rule, [Application("A", first, 60_000), Application("B", first, 60_000), Application("A", second, 90_000)]
    )
    assert [item.paid for item in funded] == [45_000, 45_000, 55_000]


@given(
    st.lists(st.tuples(st.sampled_from("ABCD"), st.integers(0, 3), costs), max_size=12),
    st.integers(0, 1_000_000),
    st.sampled_from(["first_come", "pro_rata", "lottery"]),
)
def test_a_budget_is_never_exceeded_and_no_one_gets_more_than_the_rule_gives(
    applications: list[tuple[str, int, int]], budget: int, order: str
) -> None:
    rule = SubsidyRule("rule", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], budget=Budget(budget, order))  # type: ignore[arg-type]
    funded = fund(rule, [Application(body, FiscalYear(2020 + year), cost) for body, year, cost in applications])
    for year in range(4):
        assert sum(item.paid for item in funded if item.application.fy.year == 2020 + year) <= budget
    for item in funded:
        assert 0 <= item.paid <= item.award.amount


# --- the file form's schema and the command line ----------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("path", sorted((EXAMPLES / "subsidies").glob("*.toml")), ids=lambda path: path.name)
def test_every_example_rule_fits_the_json_schema(path: Path) -> None:
    import jsonschema

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, subsidy_schema())


@settings(max_examples=30, deadline=None)
@given(calculation=calculations())
def test_every_written_calculation_fits_the_json_schema(calculation: Calculation) -> None:
    import jsonschema

    rule = SubsidyRule("rule", [calculation], budget=Budget(100_000, "lottery", by_fy={FY2024: 5000}))
    jsonschema.validate(json.loads(dumps(rule, "json")), subsidy_schema())


def test_the_schema_refuses_a_step_of_two_kinds() -> None:
    import jsonschema

    data = {"schema": "kyodo.subsidy/1", "name": "x", "versions": [{"steps": [{"rate": "1/2", "cap": 100}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, subsidy_schema())
    with pytest.raises(ValidationError, match="one kind"):
        from_data(data, SubsidyRule)


def test_validate_reads_every_kind_by_its_schema_key(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = [
        EXAMPLES / "plans" / "niigata.toml",
        EXAMPLES / "schemes" / "niigata-sheet-reading.toml",
        EXAMPLES / "subsidies" / "ichinoseki-project4.toml",
    ]
    assert main(["validate", *map(str, files)]) == 0
    out = capsys.readouterr().out
    assert "valid (1 measure, 1 indicator)" in out
    assert "a valid grading scheme" in out
    assert "a valid subsidy rule (1 version)" in out
    unknown = tmp_path / "x.toml"
    unknown.write_text('schema = "kyodo.other/1"\n', encoding="utf-8")
    assert main(["validate", str(unknown)]) == 1
    assert "kyodo.subsidy/1" in capsys.readouterr().out
    assert main(["schema", "subsidy"]) == 0
    assert json.loads(capsys.readouterr().out)["properties"]["schema"] == {"const": "kyodo.subsidy/1"}


def test_the_subsidy_command_takes_units_attributes_deductions_and_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rule = SubsidyRule(
        "集会所",
        [
            Calculation(
                [
                    Deduct(),
                    Table([Row({"工事": "新築"}, [Rate("1/2")]), Row({"工事": "改修"}, [Rate("1/3")])]),
                    Round("千円未満切捨て"),
                    Cap(300_000, times="units"),
                    Cap(1000, times="世帯数"),
                ],
                attributes={"工事": KINDS},
            )
        ],
    )
    path = tmp_path / "rule.toml"
    path.write_text(dumps(rule, "toml"), encoding="utf-8")
    argv = ["subsidy", str(path), "--cost", "1,240,500円", "--fy", "R6", "--attribute", "工事=改修"]
    argv += ["--unit", "東町会=0", "--unit", "西町会=0", "--deduct", "県補助金=40,500", "--count", "世帯数=350"]
    assert main([*argv, "--steps"]) == 0
    out = capsys.readouterr().out.splitlines()
    # 1,240,500 − 40,500 = 1,200,000; × 1/3 = 400,000; under 2 × 300,000 and 350 × 1,000.
    assert out[0].startswith("350,000円: ")
    assert any(line.strip().startswith("1,240,500円 − 県補助金 40,500円") for line in out[1:])
    assert main([*argv[:-2], "--attribute", "工事=補修"]) == 2
    assert "補修" in capsys.readouterr().err


def test_a_what_if_study_passes_each_applications_claim_to_the_calculation() -> None:
    from kyodo import Claim, what_if

    rule = SubsidyRule("カメラ", [Calculation([PerUnit([Rate("9/10"), Cap(270_000)])])])
    cameras = Claim(units=[Unit("1号機", 400_000), Unit("2号機", 200_000)])
    population = [Application("東町会", FY2024, 600_000, cameras), Application("西町会", FY2024, 0, Claim())]
    result = what_if(population, {"now": rule}, fast=True)
    assert [row.award for row in result.rows] == [270_000 + 180_000, 0]


# --- what decided the award, and applications that contradict themselves ---------------------------------------


def test_the_binding_names_the_top_up_and_the_cost_cap_when_they_decide() -> None:
    from kyodo import Constraint

    topped = SubsidyRule("新城", [Calculation([Rate("4/5"), Cap(500_000), TopUp("1/2")])]).compute(1_000_000, FY2024)
    assert (topped.amount, topped.binding) == (750_000, Constraint.TOP_UP)
    capped = SubsidyRule("r", [Calculation([CostCap(1_000_000), Rate("9/10")])]).compute(1_200_000, FY2024)
    assert (capped.amount, capped.binding) == (900_000, Constraint.COST_CAP)
    under = SubsidyRule("r", [Calculation([CostCap(1_000_000), Rate("9/10")])]).compute(900_000, FY2024)
    assert under.binding is Constraint.RATE


def test_unit_costs_must_add_up_to_the_applications_cost() -> None:
    rule = SubsidyRule("r", [Calculation([PerUnit([Rate("1/2")])])])
    with pytest.raises(ValidationError, match="add up to 50,000 yen"):
        rule.compute(1, FY2024, units=[Unit("A", 50_000)])
    assert rule.compute(50_000, FY2024, units=[Unit("A", 50_000)]).amount == 25_000


def test_a_total_or_window_cap_already_reached_is_a_refusal_as_in_subsidy_terms() -> None:
    for cap in (Cap(100_000, per="total"), Cap(100_000, per="window", years=3), Cap(100_000, per="rolling", years=3)):
        ledger = Ledger(SubsidyRule("r", [Calculation([Rate("1"), cap])]))
        ledger = ledger.apply(150_000, FY2024).apply(10_000, FY2024 + 1)
        assert [award.amount for award in ledger.awards] == [100_000, 0]
        assert ledger.awards[-1].refusal is Refusal.TOTAL_REACHED


def test_a_rolling_window_counts_each_award_for_so_many_years_after_it() -> None:
    # 世羅町: 交付した翌年度から起算して5年度を経過した額は、限度額の対象外 — each award counts for 5 years.
    rolling = Ledger(SubsidyRule("世羅", [Calculation([Rate("1"), Cap(100_000, per="rolling", years=5)])]))
    fixed = Ledger(SubsidyRule("固定", [Calculation([Rate("1"), Cap(100_000, per="window", years=5)])]))
    for offset, cost in [(0, 60_000), (3, 60_000), (5, 60_000), (8, 60_000)]:
        rolling = rolling.apply(cost, FY2024 + offset)
        fixed = fixed.apply(cost, FY2024 + offset)
    # Rolling, the 5 fiscal years up to this one: FY+3 counts FY+0 (40,000 of room); FY+5 counts FY+3 only
    # (60,000 of room); FY+8 counts FY+5 only, FY+3 having left the window (40,000 of room).
    assert [award.amount for award in rolling.awards] == [60_000, 40_000, 60_000, 40_000]
    # Fixed blocks from the first award, FY+0–4 and FY+5–9: the same here, but not at FY+4.
    assert [award.amount for award in fixed.awards] == [60_000, 40_000, 60_000, 40_000]
    assert rolling.apply(60_000, FY2024 + 9).awards[-1].amount == 0
    assert fixed.apply(60_000, FY2024 + 9).awards[-1].amount == 0
    assert Ledger(rolling.rule, awards=rolling.awards[:2]).apply(60_000, FY2024 + 4).awards[-1].amount == 0
    assert Ledger(fixed.rule, awards=fixed.awards[:2]).apply(60_000, FY2024 + 5).awards[-1].amount == 60_000


def test_a_rate_printed_as_at_most_is_read() -> None:
    assert read_rate("1/3以下") == Fraction(1, 3)


def test_the_prose_reference_describes_every_key_of_the_schema() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "reference" / "subsidy-file.md").read_text(
        encoding="utf-8"
    )
    schema = subsidy_schema()
    keys = set(schema["properties"]) | set(schema["properties"]["budget"]["properties"])
    for step in schema["$defs"]["step"]["oneOf"]:
        keys |= set(step["properties"])
    for version in schema["properties"]["versions"]["items"]["oneOf"]:
        keys |= set(version["properties"])
    missing = sorted(key for key in keys if f"`{key}`" not in page)
    assert not missing, f"docs/reference/subsidy-file.md does not describe {missing}"


def test_a_waiting_period_by_the_kind_of_work_now_and_before() -> None:
    # 明石市: 新築 after a 新築 waits 20 fiscal years, after a 改修 10; 改修 after a 新築 10, after a 改修 5.
    wait = WaitingPeriod(5, by="工事", after={"新築": {"新築": 20, "改修": 10}, "改修": {"新築": 10, "改修": 5}})
    rule = SubsidyRule("集会施設", [Calculation([wait, Rate("1/3")], attributes={"工事": ["新築", "改修"]})])

    def apply(kind: str, fy: FiscalYear, history: list[object]) -> int:
        return rule.compute(900_000, fy, history=history, attributes={"工事": kind}).amount  # type: ignore[arg-type]

    built = rule.compute(900_000, FiscalYear(2000), attributes={"工事": "新築"})
    assert apply("改修", FiscalYear(2009), [built]) == 0
    assert apply("改修", FiscalYear(2010), [built]) == 300_000
    assert apply("新築", FiscalYear(2019), [built]) == 0
    assert apply("新築", FiscalYear(2020), [built]) == 300_000
    repaired = rule.compute(900_000, FiscalYear(2000), attributes={"工事": "改修"})
    assert apply("改修", FiscalYear(2004), [repaired]) == 0
    assert apply("改修", FiscalYear(2005), [repaired]) == 300_000
    assert apply("新築", FiscalYear(2010), [repaired]) == 300_000
    text = dumps(rule, "toml")
    assert loads(text, "toml", kind=SubsidyRule) == rule


# --- a minimum count, and awards under other programmes ------------------------------------------------------

ages = st.lists(
    st.tuples(st.integers(1, 400_000), st.integers(0, 10) | st.fractions(0, 10, max_denominator=10)),
    min_size=1,
    max_size=4,
)


@settings(max_examples=200)
@given(ages, st.integers(1, 8), rates, st.integers(0, 500_000))
def test_a_unit_below_a_minimum_count_is_left_out_and_the_others_are_paid_as_alone(
    specs: list[tuple[int, int | Fraction]], minimum: int, rate: Fraction, cap: int
) -> None:
    steps = [Rate(rate), Cap(cap, per="unit")]
    checked = SubsidyRule("r", [Calculation([PerUnit([MinimumCount("経過年数", minimum), *steps])])])
    plain = SubsidyRule("r", [Calculation([PerUnit(steps)])])
    cameras = [Unit(f"{n}号機", cost, counts={"経過年数": age}) for n, (cost, age) in enumerate(specs)]
    award = checked.compute(sum(cost for cost, _age in specs), FY2024, units=cameras)
    kept = [unit for unit in cameras if dict(unit.counts)["経過年数"] >= minimum]
    alone = plain.compute(sum(unit.cost for unit in kept), FY2024, units=kept).amount if kept else 0
    assert award.amount == alone, award.explanation.text("en")
    assert award.amount <= plain.compute(sum(cost for cost, _age in specs), FY2024, units=cameras).amount


@given(st.integers(0, 10), st.integers(0, 10) | st.fractions(0, 10, max_denominator=100))
def test_a_minimum_count_refuses_exactly_below_it(minimum: int, area: int | Fraction) -> None:
    rule = SubsidyRule("r", [Calculation([MinimumCount("延床面積", minimum or 1), Rate("1/2")])])
    award = rule.compute(100_000, FY2024, counts={"延床面積": area})
    if area >= (minimum or 1):
        assert award.amount == 50_000
    else:
        assert award.refusal is Refusal.BELOW_MINIMUM_COUNT


@settings(max_examples=200)
@given(costs, rates, rates, st.integers(0, 500_000), st.integers(2018, 2026), st.integers(1, 6))
def test_an_award_under_another_programme_withholds_the_top_up_alone_within_its_years(
    cost: int, rate: Fraction, extra: Fraction, cap: int, earlier: int, years: int
) -> None:
    other = SubsidyRule("他の制度", [Calculation([Rate("1/2")])])
    before = other.compute(100_000, FiscalYear(earlier))
    base = [Rate(rate), Cap(cap)]
    topped = SubsidyRule("r", [Calculation([*base, TopUp(extra, [WaitingPeriod(years, programmes=["他の制度"])])])])
    with_top_up = SubsidyRule("r", [Calculation([*base, TopUp(extra)])]).compute(cost, FY2024).amount
    without = SubsidyRule("r", [Calculation(base)]).compute(cost, FY2024).amount
    award = topped.compute(cost, FY2024, others=[before])
    blocked = earlier <= 2024 < earlier + years
    assert award.amount == (without if blocked else with_top_up), award.explanation.text("en")
    # Awards under this rule never count as the other programme's, nor the others as this rule's.
    assert topped.compute(cost, FY2024, history=[before]).amount == with_top_up
