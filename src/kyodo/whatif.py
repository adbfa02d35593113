"""What-if studies: a population of applications under several rule variants, as a tidy table.

:func:`rule_grid` makes variants of a rule (every rate × every cap);
:func:`what_if` runs the applications under each, every body's applications
in fiscal-year order through a :class:`~kyodo.subsidies.Ledger`, and returns
one row per variant, body and fiscal year with the award and the constraint
that bound, plus totals per variant.

For large populations, ``what_if(..., fast=True)`` computes with numpy when
the ``numpy`` extra is installed, in exact integer arithmetic; it agrees with
the scalar path on every row. Rules whose versions are calculations of steps
go through numpy whole, body history included (``kyodo._fast_steps``). Rules
of :class:`~kyodo.subsidies.SubsidyTerms` go through the columnar kernel of
:func:`what_if_frame` with pandas installed, body history and state included
(total caps, year limits, per-FY caps shared in a year, conditions); without
pandas, through numpy when their awards depend on the application alone
(``kyodo._fast``), and through the ledgers otherwise. A DataFrame whose
fiscal years and costs are integer columns is read as columns, with no
``Application`` made a row.

>>> from kyodo import FiscalYear, SubsidyRule, SubsidyTerms, Application
>>> base = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
>>> variants = rule_grid(base, rate=["1/2", "2/3"], cap_per_fy=[200_000, 300_000])
>>> list(variants)
['rate=1/2, cap_per_fy=200,000', 'rate=1/2, cap_per_fy=300,000', 'rate=2/3, cap_per_fy=200,000', 'rate=2/3, cap_per_fy=300,000']
>>> result = what_if([Application("A", FiscalYear(2015), 420_000), Application("B", FiscalYear(2015), 150_000)], variants)
>>> result.totals()["rate=2/3, cap_per_fy=300,000"]
380000
"""

from __future__ import annotations

import decimal
import itertools
import math
import numbers
import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from kyodo import _result_data
from kyodo._checks import texts_of
from kyodo._columnar import (
    CAP_PER_FY_SHARED,
    ScalarPathWarning,
    WhatIfFrame,
    check_variants,
    history_needed,
    warn_scalar,
    what_if_frame,
)
from kyodo._progress import Progress
from kyodo.bodies import Body
from kyodo.errors import ValidationError
from kyodo.fiscal import FiscalYear
from kyodo.results import WhatIfData, WhatIfRowData
from kyodo.steps import Calculation
from kyodo.subsidies import _NO_CLAIM, Application, Award, Constraint, Ledger, Refusal, SubsidyRule, SubsidyTerms

if TYPE_CHECKING:
    from kyodo._columnar import _Columns

__all__ = ["ScalarPathWarning", "WhatIf", "WhatIfFrame", "WhatIfRow", "rule_grid", "what_if", "what_if_frame"]


@frozen
class WhatIfRow:
    """One application under one variant."""

    variant: str
    body: str
    fy: FiscalYear
    cost: int
    award: int
    binding: Constraint
    refusal: Refusal | None = None

    def to_data(self) -> WhatIfRowData:
        """The row as JSON-ready data (kind ``what_if_row``)."""
        return _result_data.what_if_row_data(self)

    @classmethod
    def from_data(cls, data: object) -> WhatIfRow:
        """The row :meth:`to_data` wrote."""
        return _result_data.what_if_row_from(data)


def _rows(values: Iterable[WhatIfRow]) -> tuple[WhatIfRow, ...]:
    return tuple(values)


@frozen
class WhatIf:
    """The rows of a what-if run, in variant, then application order."""

    rows: tuple[WhatIfRow, ...] = field(converter=_rows)
    variants: tuple[str, ...] = field(converter=texts_of)

    def to_data(self) -> WhatIfData:
        """The run as JSON-ready data (kind ``what_if``): its variants, its rows and each variant's total.

        >>> from kyodo import FiscalYear, SubsidyRule, SubsidyTerms, Application
        >>> rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
        >>> data = what_if([Application("A", FiscalYear(2015), 420_000)], {"2/3": rule}).to_data()
        >>> data["totals"], data["rows"][0]["award"], data["rows"][0]["binding"]
        ({'2/3': 200000}, 200000, 'cap_per_fy')
        """
        return _result_data.what_if_data(self)

    @classmethod
    def from_data(cls, data: object) -> WhatIf:
        """The run :meth:`to_data` wrote."""
        return _result_data.what_if_from(data)

    def totals(self) -> dict[str, int]:
        """The yen awarded under each variant."""
        totals = dict.fromkeys(self.variants, 0)
        for row in self.rows:
            totals[row.variant] += row.award
        return totals

    def budget_needed(self) -> dict[tuple[str, FiscalYear], int]:
        """The yen each variant needs in each fiscal year."""
        needed: dict[tuple[str, FiscalYear], int] = {}
        for row in self.rows:
            key = (row.variant, row.fy)
            needed[key] = needed.get(key, 0) + row.award
        return needed

    def records(self) -> list[dict[str, object]]:
        """The rows as plain records: variant, body, fy (a label), cost, award, binding, refusal."""
        return [
            {
                "variant": row.variant,
                "body": row.body,
                "fy": str(row.fy),
                "cost": row.cost,
                "award": row.award,
                "binding": row.binding.value,
                "refusal": None if row.refusal is None else row.refusal.value,
            }
            for row in self.rows
        ]

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (needs the ``pandas`` extra); ``fy`` has the ``fiscal_year`` dtype.

        Each ``fy`` is a :class:`~kyodo.FiscalYear`, shown as 平成27年度, as in
        every kyodo frame (see :mod:`kyodo.pandas`).

        >>> from kyodo import Application, FiscalYear, SubsidyRule, SubsidyTerms
        >>> rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
        >>> frame = what_if([Application("A", FiscalYear(2015), 420_000)], {"base": rule}).to_frame()
        >>> frame[["body", "fy", "award"]]
          body      fy   award
        0    A  平成27年度  200000
        >>> frame["fy"][0], str(frame["fy"].dtype)
        (FiscalYear(2015), 'fiscal_year')
        """
        try:
            import pandas as pd
        except ImportError:
            raise ValidationError(
                (
                    "",
                    (
                        "to_frame needs pandas: pip install 'kyodo[pandas]'",
                        "to_frame には pandas が必要: pip install 'kyodo[pandas]'",
                    ),
                )
            ) from None
        from kyodo.frames import _fy_column

        frame = pd.DataFrame(self.records(), columns=list(_RECORD_COLUMNS))
        frame["fy"] = _fy_column([row.fy for row in self.rows])
        return frame


#: The columns of :meth:`WhatIf.records` and :meth:`WhatIf.to_frame`, in order.
_RECORD_COLUMNS = ("variant", "body", "fy", "cost", "award", "binding", "refusal")


def _label(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def rule_grid(base: SubsidyRule, **axes: Sequence[object]) -> dict[str, SubsidyRule]:
    """Every combination of the values given for each term (``rate=[...]``, ``cap_per_fy=[...]``), named by them."""
    if not axes:
        return {base.name: base}
    names = list(axes)
    grid: dict[str, SubsidyRule] = {}
    for values in itertools.product(*(axes[name] for name in names)):
        label = ", ".join(f"{name}={_label(value)}" for name, value in zip(names, values, strict=True))
        grid[label] = base.replace(**dict(zip(names, values, strict=True)))
    return grid


def _applications(population: Iterable[Application] | Any) -> list[Application]:
    if hasattr(population, "itertuples") and hasattr(population, "columns"):
        missing = {"body", "fy", "cost"} - set(population.columns)
        if missing:
            raise ValidationError(
                (
                    "",
                    (
                        f"the frame needs the columns body, fy and cost; missing {sorted(missing)}",
                        f"表には列 body、fy、cost が必要。{sorted(missing)} がない",
                    ),
                )
            )
        return [
            Application(str(row.body), _fiscal_year(row.fy), _whole_yen(row.cost, position), _NO_CLAIM)
            for position, row in enumerate(population.itertuples(index=False))
        ]
    applications = list(population)
    for index, application in enumerate(applications):
        if not isinstance(application, Application):
            kind = type(application).__name__
            raise ValidationError(
                (f"[{index}]", (f"expected an Application, not {kind}", f"Application が必要（{kind} が渡された）"))
            )
    return applications


def _whole_yen(value: Any, position: int) -> int:
    """A row's cost as int yen: a number with a fraction (1.5, NaN) is refused, never truncated to 1."""
    fractional = isinstance(value, numbers.Real | decimal.Decimal) and not isinstance(value, numbers.Integral)
    if fractional and (not math.isfinite(value) or value != int(value)):
        raise ValidationError(
            (
                f"[{position}].cost",
                (
                    f"must be whole yen (an int of 0 or more), not {value!r}",
                    f"円単位の 0 以上の整数が必要（{value!r}）",
                ),
                "not_a_number",
            )
        )
    return int(value)


def _fiscal_year(value: Any) -> FiscalYear:
    if isinstance(value, FiscalYear):
        return value
    if hasattr(value, "__index__") and not isinstance(value, bool):
        return FiscalYear(operator.index(value))
    if type(value).__name__ == "Period" and type(value).__module__.startswith("pandas"):
        # An annual Period is named by the year it ends in (Period('2016', 'Y-MAR') is FY2015): its text,
        # '2016', would read as another year, or not at all.
        from kyodo.frames import fiscal_year_of_period

        return fiscal_year_of_period(value)
    return FiscalYear.parse(str(value))


def _fast_terms_refused(rule: SubsidyRule, applications: Sequence[Application]) -> str | None:
    """Why the fast path for :class:`SubsidyTerms` cannot compute ``rule`` over ``applications``; None if it can."""
    if not all(isinstance(terms, SubsidyTerms) for _start, terms in rule.versions):
        return "its versions are not all SubsidyTerms"
    reason = history_needed(rule)
    if reason is not None:
        return reason
    if rule.conditions:
        return "conditions on the body's state"
    if any(terms.eligible is not None or terms.ineligible for _start, terms in rule.versions):  # type: ignore[union-attr]
        return "eligible or ineligible categories of cost"
    if not all(isinstance(application.cost, int) for application in applications):
        return "a cost broken down by category"
    if any(terms.cap_per_fy is not None for _start, terms in rule.versions):  # type: ignore[union-attr]
        keys = [(application.body, application.fy) for application in applications]
        if len(set(keys)) != len(keys):
            return CAP_PER_FY_SHARED
    return None


def what_if(
    population: Iterable[Application] | Any,
    variants: Mapping[str, SubsidyRule],
    bodies: Mapping[str, Body] | None = None,
    *,
    fast: bool = False,
    progress: bool | None = None,
) -> WhatIf:
    """Run ``population`` (Applications, or a DataFrame with body, fy and cost) under every variant.

    With ``fast=True``, a variant the numpy fast path cannot compute runs on the scalar path with a
    :class:`ScalarPathWarning` that says why. A DataFrame is read into one ``Application`` a row,
    unless ``fast=True`` and its ``fy`` and ``cost`` are integer columns: then it is computed column
    by column, as :func:`what_if_frame` computes it, and only the rows are Python objects (which
    ``what_if_frame`` does not make).

    A run that lasts shows a progress bar (one step an application and variant) where someone
    watches, a terminal or a notebook, when tqdm is installed (the ``progress`` extra);
    ``progress=False`` never shows one, ``progress=True`` always does.
    """
    check_variants(variants)
    columns = _frame_columns(population) if fast else None
    if columns is not None:
        from kyodo._columnar import _variant_arrays

        rows: list[WhatIfRow] = []
        keys = _row_keys(columns)
        with Progress(len(columns) * len(variants), "what-if", progress) as bar:
            for name, rule in variants.items():
                # Called here, so that a ScalarPathWarning points at the caller's line.
                arrays = _variant_arrays(columns.np, columns, name, rule, bodies)
                rows.extend(_array_rows(name, *keys, *arrays))
                bar.advance(len(columns))
        return WhatIf(rows, tuple(variants))
    applications = _applications(population)
    rows = []
    shared = _Shared(applications)
    with Progress(len(applications) * len(variants), "what-if", progress) as bar:
        for name, rule in variants.items():
            rows.extend(_variant_rows(name, rule, applications, bodies, fast, bar, shared))
    return WhatIf(rows, tuple(variants))


def _frame_columns(population: Any) -> _Columns | None:
    """A DataFrame of whole-number fiscal years and costs read as columns, or None: then it is read a row at a time.

    Only integer columns are read this way, which give every row what ``Application(str(body),
    FiscalYear(fy), int(cost))`` gives it; anything the columns refuse is left to the rows, which say
    what is wrong as they always have.
    """
    if not (hasattr(population, "itertuples") and hasattr(population, "columns")):
        return None
    try:
        import numpy
        import pandas
    except ImportError:  # pragma: no cover - a DataFrame without pandas is not one
        return None
    from kyodo._columnar import _read

    if not isinstance(population, pandas.DataFrame) or not {"body", "fy", "cost"} <= set(population.columns):
        return None
    if population["fy"].dtype.kind not in "iu" or population["cost"].dtype.kind not in "iu":
        return None
    try:
        columns = _read(numpy, pandas, population, {}, {})  # body, fy and cost: what_if reads no claims from a frame
        columns.bodies()  # coded now (the rows need them), so that a missing body is left to the rows too
    except ValidationError:
        return None
    return columns


def _row_keys(columns: _Columns) -> tuple[list[str], list[FiscalYear], list[int]]:
    """Each row's body, fiscal year and cost as a row of ``what_if`` holds them."""
    codes, names = columns.bodies()
    distinct = [names[code] for code in range(len(names))]
    calendar = columns.calendar
    return (
        list(map(distinct.__getitem__, codes.tolist())),
        list(map(calendar.__getitem__, columns.years.tolist())),
        columns.costs.tolist(),
    )


def _array_rows(
    name: str,
    bodies: Iterable[str],
    years: Iterable[FiscalYear],
    costs: Iterable[int],
    amounts: Any,
    bindings: Any,
    reasons: Any,
) -> list[WhatIfRow]:
    """A variant's rows from the kernels' arrays: the awards, and codes into Constraint and (none, *Refusal)."""
    from kyodo._fast import BINDINGS, REFUSALS

    return list(
        map(
            WhatIfRow,
            itertools.repeat(name),
            bodies,
            years,
            costs,
            amounts.tolist(),
            map(BINDINGS.__getitem__, bindings.tolist()),
            map(REFUSALS.__getitem__, reasons.tolist()),
        )
    )


class _Shared:
    """The applications as columns, for rules of SubsidyTerms, read once for all the variants of a run.

    ``columns()`` is None where they cannot be: pandas missing, a cost broken down by category, a
    fiscal year not starting in April (the columns read April years). ``keys`` are each row's body,
    fiscal year and cost, as its rows hold them.
    """

    def __init__(self, applications: Sequence[Application]) -> None:
        self._applications = applications
        self._columns: _Columns | None = None
        self._read = False
        self.keys: tuple[list[str], list[FiscalYear], list[int]] = ([], [], [])

    def columns(self) -> _Columns | None:
        if not self._read:
            self._read = True
            self._columns = self._make()
        return self._columns

    def _make(self) -> _Columns | None:
        applications = self._applications
        try:
            import numpy
            import pandas
        except ImportError:
            return None
        from kyodo._columnar import _read

        costs = [application.cost for application in applications if type(application.cost) is int]
        years = [application.fy for application in applications]
        if len(costs) != len(applications) or {fy.start_month for fy in years} - {4}:
            return None
        self.keys = ([application.body for application in applications], years, costs)
        population = {
            # An array of objects: a list would become one of fixed-width text first, slower to code.
            "body": numpy.asarray(self.keys[0], dtype=object),
            "fy": numpy.fromiter((fy.year for fy in years), numpy.int64, len(years)),
            "cost": costs,  # read as the columns read a list: int64, or exact ints past it
        }
        try:
            return _read(numpy, pandas, population, {}, {})
        except ValidationError:  # pragma: no cover - Applications are checked as they are made
            return None


def _variant_rows(
    name: str,
    rule: SubsidyRule,
    applications: Sequence[Application],
    bodies: Mapping[str, Body] | None,
    fast: bool,
    bar: Progress,
    shared: _Shared,
) -> list[WhatIfRow]:
    """One variant's rows: on the fast path where it computes the rule exactly, else through the ledgers."""
    if fast:
        columns = shared.columns() if all(isinstance(terms, SubsidyTerms) for _start, terms in rule.versions) else None
        if columns is not None:
            # The columnar kernel: versions found by a search, not a rule.terms per row; a body's earlier
            # awards, its state and per-FY caps shared in a year taken as its Ledger takes them.
            from kyodo._columnar import _Scalar, _terms_arrays

            try:
                arrays = _terms_arrays(columns.np, columns, rule, bodies)
            except _Scalar as why:
                warn_scalar(name, str(why), stacklevel=3)
            else:
                bar.advance(len(applications))
                return _array_rows(name, *shared.keys, *arrays)
            return _scalar_rows(name, rule, applications, bodies, bar)
        reason = _fast_terms_refused(rule, applications)
        if reason is None:
            bar.advance(len(applications))
            return _fast_rows(name, rule, applications)
        if all(isinstance(terms, Calculation) for _start, terms in rule.versions):
            from kyodo._fast_steps import Fallback, calculation_rows

            try:
                awards = calculation_rows(rule, applications, bodies)
            except Fallback as why:
                reason = str(why)  # the scalar path below computes it, or raises the error it deserves
            else:
                bar.advance(len(applications))
                return [
                    WhatIfRow(name, application.body, application.fy, _total(application.cost), *award)
                    for application, award in zip(applications, awards, strict=True)
                ]
        warn_scalar(name, reason, stacklevel=3)
    return _scalar_rows(name, rule, applications, bodies, bar)


def _scalar_rows(
    name: str, rule: SubsidyRule, applications: Sequence[Application], bodies: Mapping[str, Body] | None, bar: Progress
) -> list[WhatIfRow]:
    return [
        WhatIfRow(name, application.body, application.fy, award.total_cost, award.amount, award.binding, award.refusal)
        for application, award in zip(applications, ledger_awards(rule, applications, bodies, bar), strict=True)
    ]


def ledger_awards(
    rule: SubsidyRule,
    applications: Sequence[Application],
    bodies: Mapping[str, Body] | None,
    bar: Progress | None = None,
) -> list[Award]:
    """The scalar path: every body's applications in fiscal-year order through its :class:`Ledger`, awards in order."""
    ledgers: dict[str, Ledger] = {}
    awarded: list[Award | None] = [None] * len(applications)
    for index in sorted(range(len(applications)), key=lambda i: applications[i].fy.year):
        if bar is not None:
            bar.advance()
        application = applications[index]
        body = None if bodies is None else bodies.get(application.body)
        ledger = ledgers.get(application.body) or Ledger(rule, body)
        ledger = ledger.apply(application.cost, application.fy, application.claim)
        ledgers[application.body] = ledger
        awarded[index] = ledger.awards[-1]
    return awarded  # type: ignore[return-value]


def _total(cost: int | Mapping[str, int]) -> int:
    return sum(cost.values()) if isinstance(cost, Mapping) else cost


def _fast_rows(name: str, rule: SubsidyRule, applications: Sequence[Application]) -> list[WhatIfRow]:
    from kyodo._fast import awards_array

    rows: list[WhatIfRow] = []
    by_terms: dict[int, list[int]] = {}
    terms_of: dict[int, SubsidyTerms | None] = {}
    for index, application in enumerate(applications):
        terms = rule.terms(application.fy)
        if isinstance(terms, Calculation):  # pragma: no cover - _fast_terms_refused keeps calculations off this path
            raise TypeError("the fast path takes rules of SubsidyTerms only")
        offered = (rule.first_fy is None or application.fy >= rule.first_fy) and (
            rule.last_fy is None or application.fy <= rule.last_fy
        )
        key = id(terms) if offered and terms is not None else 0
        terms_of[key] = terms if key else None
        by_terms.setdefault(key, []).append(index)
    results: dict[int, tuple[int, Constraint, Refusal | None]] = {}
    for key, indices in by_terms.items():
        terms = terms_of[key]
        if terms is None:
            for index in indices:
                results[index] = (0, Constraint.REFUSED, Refusal.NOT_OFFERED)
            continue
        costs = [applications[index].cost for index in indices]
        amounts, bindings, refusals = awards_array(costs, terms)
        for index, amount, binding, refusal in zip(indices, amounts, bindings, refusals, strict=True):
            results[index] = (amount, binding, refusal)
    for index, application in enumerate(applications):
        amount, binding, refusal = results[index]
        rows.append(WhatIfRow(name, application.body, application.fy, application.cost, amount, binding, refusal))  # type: ignore[arg-type]
    return rows
