"""The hook hypothesis calls when it starts (an entry point), so ``st.from_type`` knows kyodo's types.

It must not import :mod:`kyodo.strategies` at once: that module imports
hypothesis, which may be what is running this hook. So each type is
registered with a function, which hypothesis calls only when a test first
asks for the type; the function then imports the module and builds the
strategy. (A ``st.deferred`` strategy would not do: registering it makes
hypothesis check at once whether it is empty, which builds it.)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def register() -> None:
    """Register a strategy for each kyodo type that :mod:`kyodo.strategies` can draw."""
    from hypothesis import strategies as st

    from kyodo.bodies import Body, Milestone
    from kyodo.completion import CRITERION_TYPES
    from kyodo.evaluations import Evaluation, Evaluator, ProgressCheck
    from kyodo.fiscal import FiscalHalf, FiscalQuarter, FiscalYear, FiscalYearRange
    from kyodo.indicators import Indicator, Observation, Target
    from kyodo.plan import BudgetLine, Measure, Plan, Relisting, ScheduleEntry, Section
    from kyodo.wareki import YearMonth

    def later(name: str) -> Callable[[type[Any]], st.SearchStrategy[Any]]:
        def strategy(_kind: type[Any]) -> st.SearchStrategy[Any]:
            made: st.SearchStrategy[Any] = getattr(importlib.import_module("kyodo.strategies"), name)()
            return made

        return strategy

    def criteria(kind: type[Any]) -> st.SearchStrategy[Any]:
        made: st.SearchStrategy[Any] = importlib.import_module("kyodo.strategies")._criteria_of(kind)
        return made

    for kind, name in (
        (FiscalYear, "fiscal_years"),
        (FiscalHalf, "fiscal_halves"),
        (FiscalQuarter, "fiscal_quarters"),
        (FiscalYearRange, "fiscal_year_ranges"),
        (YearMonth, "year_months"),
        (Observation, "observations"),
        (Target, "targets"),
        (Indicator, "indicators"),
        (ScheduleEntry, "schedule_entries"),
        (BudgetLine, "budget_lines"),
        (ProgressCheck, "progress_checks"),
        (Evaluator, "evaluators"),
        (Evaluation, "evaluations"),
        (Milestone, "milestones"),
        (Body, "bodies"),
        (Measure, "measures"),
        (Relisting, "relistings"),
        (Section, "sections"),
        (Plan, "plans"),
    ):
        st.register_type_strategy(kind, later(name))
    # Each kind of completion criterion, so st.from_type(Criterion) draws any of them.
    for criterion_kind in CRITERION_TYPES:
        st.register_type_strategy(criterion_kind, criteria)
