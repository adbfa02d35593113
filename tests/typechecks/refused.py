"""Calls that ``mypy --strict`` must refuse, each with the error it must give.

Each entry is one line, ending in ``# E: `` and a part of the error mypy
reports on that line; tests/test_typing.py checks that each appears and no
other. The calls of ``REFUSED`` are refused at run time too (a
:class:`~kyodo.KyodoError`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from kyodo import (
    Application,
    Baseline,
    FiscalYear,
    FiscalYearRange,
    Grade,
    GradingScheme,
    Indicator,
    Measure,
    NoFigure,
    Observation,
    Plan,
    SubsidyRule,
    SubsidyTerms,
    Target,
)
from kyodo.bases import Achievement
from kyodo.steps import Cap, Rate
from kyodo.subsidies import Budget

FY = FiscalYear(2015)
GRADES = [Grade("A", bands=["100%以上"]), Grade("B", bands=["100%未満"])]
#: A fiscal year's label, not yet read: a FiscalYear must be given.
LABEL = "平成27年度"

# One call a line, so that each line's error is the call's: the formatter leaves them as written.
# fmt: off
REFUSED: list[Callable[[], object]] = [
    lambda: Target(FY, 4.2),  # E: Argument 2 to "Target" has incompatible type "float"; expected "Decimal | int | None"
    lambda: Target(FY, "42"),  # E: Argument 2 to "Target" has incompatible type "str"; expected "Decimal | int | None"
    lambda: Target(FY, 42, role=1),  # E: Argument "role" to "Target" has incompatible type "int"; expected "TargetRole | str"
    lambda: Target(FY, 42, bound="以上"),  # E: Argument "bound" to "Target" has incompatible type "Literal['以上']"
    lambda: Target(LABEL, 42),  # E: Argument 1 to "Target" has incompatible type "str"; expected "FiscalYear"
    lambda: Observation(FY, 58.8),  # E: Argument 2 to "Observation" has incompatible type "float"; expected "Decimal | int"
    lambda: Observation(FY, 96, printed_rate=0.96),  # E: Argument "printed_rate" to "Observation" has incompatible type "float"
    lambda: Baseline(12.5),  # E: Argument 1 to "Baseline" has incompatible type "float"; expected "Decimal | int | None"
    lambda: NoFigure(FY, "なし", reason=0),  # E: Argument "reason" to "NoFigure" has incompatible type "int"
    lambda: Indicator("加入率", "%", direction=3),  # E: Argument "direction" to "Indicator" has incompatible type "int"; expected "Direction | str"
    lambda: Indicator("加入率", "%", kind=1),  # E: Argument "kind" to "Indicator" has incompatible type "int"; expected "IndicatorKind | str | None"
    lambda: Indicator("加入率", "%", rates_toward=None),  # E: Argument "rates_toward" to "Indicator" has incompatible type "None"
    lambda: Measure("1", "事業", kind=True),  # E: Argument "kind" to "Measure" has incompatible type "bool"; expected "MeasureKind | str | None"
    lambda: Measure("1", "事業", priority=1),  # E: Argument "priority" to "Measure" has incompatible type "int"; expected "Priority | str | None"
    lambda: Plan("計画", "市", FY),  # E: Argument 3 to "Plan" has incompatible type "FiscalYear"; expected "FiscalYearRange"
    lambda: SubsidyTerms(rate=0.5),  # E: Argument "rate" to "SubsidyTerms" has incompatible type "float"; expected "Fraction | Decimal | int | str"
    lambda: SubsidyTerms(rate="1/2", rounding=1),  # E: Argument "rounding" to "SubsidyTerms" has incompatible type "int"; expected "Rounding | str"
    lambda: SubsidyRule("事業", [SubsidyTerms(rate="1/2")], budget=Budget(order="lottery?")),  # E: Argument "order" to "Budget" has incompatible type
    lambda: Rate(Decimal("0.5")),  # E: Argument 1 to "Rate" has incompatible type "Decimal"; expected "Fraction | int | str"
    lambda: Cap(270_000.0),  # E: Argument 1 to "Cap" has incompatible type "float"; expected "int | str"
    lambda: Cap(270_000, per="year"),  # E: Argument "per" to "Cap" has incompatible type "Literal['year']"
    lambda: Application("自治会", FY, 420_000.0),  # E: Argument 3 to "Application" has incompatible type "float"; expected "int | Mapping[str, int]"
    lambda: Grade("A", bands=[0.8]),  # E: List item 0 has incompatible type "float"; expected "Band | str"
    lambda: GradingScheme("s", GRADES, basis=1),  # E: Argument "basis" to "GradingScheme" has incompatible type "int"
    lambda: GradingScheme("s", GRADES, combine=None),  # E: Argument "combine" to "GradingScheme" has incompatible type "None"
    lambda: Achievement(toward="last"),  # E: Argument "toward" to "Achievement" has incompatible type "Literal['last']"
    lambda: FiscalYear.parse(2015.0),  # E: Argument 1 to "parse" of "FiscalYear" has incompatible type "float"; expected "str | int"
    lambda: FiscalYear.parse(FY),  # E: Argument 1 to "parse" of "FiscalYear" has incompatible type "FiscalYear"; expected "str | int"
    lambda: Indicator("加入率", "%", targets=[42]),  # E: List item 0 has incompatible type "int"; expected "Target"
    lambda: Measure("1", "事業", indicators=["加入率"]),  # E: List item 0 has incompatible type "str"; expected "Indicator"
    lambda: Application("自治会", LABEL, 420_000),  # E: Argument 2 to "Application" has incompatible type "str"; expected "FiscalYear"
    lambda: Measure("1", "事業", departments=[1]),  # E: List item 0 has incompatible type "int"; expected "str"
    lambda: Plan("計画", "市", FiscalYearRange(FY, FY), notes=[None]),  # E: List item 0 has incompatible type "None"; expected "str"
]
# fmt: on
