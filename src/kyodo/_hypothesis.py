"""The hook hypothesis calls when it starts (an entry point), so ``st.from_type`` knows kyodo's types.

It must not import :mod:`kyodo.strategies` at once: that module imports
hypothesis, which may be what is running this hook. Each strategy is looked
up when first drawn from instead.
"""

from __future__ import annotations

import importlib


def register() -> None:
    """Register a strategy for each kyodo type that :mod:`kyodo.strategies` can draw."""
    from hypothesis import strategies as st

    from kyodo.fiscal import FiscalHalf, FiscalQuarter, FiscalYear, FiscalYearRange
    from kyodo.wareki import YearMonth

    def later(name: str) -> st.SearchStrategy[object]:
        return st.deferred(lambda: getattr(importlib.import_module("kyodo.strategies"), name)())

    for kind, name in (
        (FiscalYear, "fiscal_years"),
        (FiscalHalf, "fiscal_halves"),
        (FiscalQuarter, "fiscal_quarters"),
        (FiscalYearRange, "fiscal_year_ranges"),
        (YearMonth, "year_months"),
    ):
        st.register_type_strategy(kind, later(name))
