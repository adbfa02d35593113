"""Calls that ``mypy --strict`` must accept: each form a constructor's converted arguments take.

tests/test_typing.py type-checks this file with no error allowed, and runs
every call, so that what the annotations promise the run time keeps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from kyodo import (
    Application,
    Band,
    Baseline,
    Body,
    Direction,
    Evaluation,
    FiscalYear,
    FiscalYearRange,
    Grade,
    GradingScheme,
    GrantTerms,
    Indicator,
    Measure,
    NoFigure,
    Observation,
    Plan,
    Section,
    SubsidyRule,
    SubsidyTerms,
    Target,
)
from kyodo.bases import Achievement, Actual, Change, Pace
from kyodo.indicators import TargetRole
from kyodo.steps import Calculation, Cap, MinimumCount, Rate, Round, Unit
from kyodo.subsidies import BodyCondition, Budget

FY = FiscalYear(2015)
CENTRES = Indicator(
    "まちづくりセンター数",
    "箇所",
    direction="増加",
    baseline=Observation(FiscalYear(2014), 90),
    targets=[Target(FY, 95), Target(FiscalYear(2016), Decimal("97.5"), role="final")],
    actuals=[Observation(FY, 93, printed_rate="97.9%")],
    kind="stock",
    category="成果指標",
    rates_toward="final",
)
GRADES = [Grade("A", bands=["100%以上"]), Grade("B", bands=[Band.parse("100%未満")])]

#: One call a line: every argument form the constructors convert.
ACCEPTED: list[Callable[[], object]] = [
    lambda: Target(FY, 42),
    lambda: Target(FY, Decimal("58.8"), role="最終目標", upper=60),
    lambda: Target(FY, 10, role=TargetRole.MID_TERM, bound="at_most"),
    lambda: Target(FY, text="継続して拡充"),
    lambda: Observation(FY, Decimal("58.8"), printed_rate="96.0%"),
    lambda: Observation(FY, 7, on=date(2016, 1, 27)),
    lambda: Baseline(Decimal("12.5"), when="策定時"),
    lambda: Baseline(fy=FY, when="策定時"),
    lambda: NoFigure(FY, "集計中", reason="pending"),
    lambda: Indicator("加入率", "%", direction=Direction.DECREASE, targets=(Target(FY, 5),)),
    lambda: Indicator("加入率", "%", direction="decrease", kind=None, category=None),
    lambda: CENTRES,
    lambda: Measure("事業4", "地域づくり", kind="新規", priority="◎", departments=["地域振興課"], lead="地域振興課"),
    lambda: Measure("No.26", "センター整備", indicators=[CENTRES], notes=("再掲",), milestones={"協議会設立": FY}),
    lambda: Plan("計画", "新潟市", FiscalYearRange(FY, FiscalYear(2019)), levels=["施策"], era="平成"),
    lambda: Plan("計画", "新潟市", FiscalYearRange(FY, FY), sections=[Section("1", "施策", children=[])]),
    lambda: Plan("計画", "新潟市", FiscalYearRange(FY, FY), bodies=[Body("自治会")], era=None),
    lambda: SubsidyTerms(rate="2/3", cap_per_fy=200_000),
    lambda: SubsidyTerms(rate=Fraction(1, 2), rounding="down_1000", round_at="after_cap", ineligible={"飲食費"}),
    lambda: SubsidyTerms(rate=Decimal("0.5")),
    lambda: SubsidyTerms(rate=1, eligible=["備品"]),
    lambda: SubsidyRule("事業1", [SubsidyTerms(rate="100%")], conditions=[BodyCondition("設立総会")]),
    lambda: SubsidyRule("事業2", [(FY, SubsidyTerms(rate="1/2"))], budget=Budget(1_000_000, order="pro_rata")),
    lambda: SubsidyRule(
        "防犯カメラ", [Calculation([Rate("9/10"), Cap("27万円", per="unit"), Round("千円未満切捨て")])]
    ),
    lambda: SubsidyRule("事業3", [Calculation([Rate(Fraction(1, 2)), MinimumCount("経過年数", "5")])]),
    lambda: Application("自治会", FY, 420_000),
    lambda: Application("自治会", FY, {"備品": 300_000, "消耗品": 20_000}),
    lambda: Unit("1号機", "300,000", counts={"経過年数": 6}),
    lambda: Unit("2号機", 200_000, counts=[("経過年数", 6), ("面積", Decimal("89.42"))]),
    lambda: Grade("A", "達成", "achieved", bands=["100%以上", Band.parse("95%以上100%未満", "percent")]),
    lambda: GradingScheme("sheet", GRADES, basis="達成率", combine="worst", by_status={"順調": "A"}),
    lambda: GradingScheme("pace", GRADES, basis=Pace(path="cumulative")),
    lambda: GradingScheme(
        "change", [Grade("+", bands=["0ポイント以上"]), Grade("-", bands=["0ポイント未満"])], basis={"kind": "change"}
    ),
    lambda: GradingScheme("next", tuple(GRADES), basis=Achievement(toward="next")),
    lambda: Change(unit="ポイント"),
    lambda: Actual(better="lower"),
    lambda: GrantTerms(carry_over_share="1/2"),
    lambda: Evaluation("年度評価", FY, grade="A"),
    lambda: FiscalYear.parse("平成27年度"),
    lambda: FiscalYear.parse(2015),
    lambda: FiscalYear.parse("27年度", era="平成"),
]
