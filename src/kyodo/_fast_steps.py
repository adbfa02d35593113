"""Awards of :class:`~kyodo.steps.Calculation` pipelines for a whole population, with numpy, exactly.

:func:`calculation_rows` runs a rule whose versions are calculations over a
list of applications, step by step on arrays: every step of
:mod:`kyodo.steps` (tables, units, deductions, top-ups, caps of every scope,
year limits, once a year, waiting periods). Each body's applications are
taken in fiscal-year order, as :func:`kyodo.what_if`'s ledgers take them: the
first application of every body in one pass, then the second of every body
that has one, and so on, each pass seeing the awards of the passes before it.

The figure is exact: the cost is whole yen (int64), the award so far a
numerator array over one denominator (a Python int) shared by the rows, so
``rate × cost`` is ``cost × numerator`` over the rate's denominator, and no
float decides a figure. A calculation that could leave int64, a body with
more applications than :data:`MAX_PASSES`, or an application the scalar path
would refuse as invalid raises :class:`Fallback`, and the caller computes the
rule on the scalar path instead, which gives the same answer or raises the
same error.

>>> from kyodo import Application, Claim, FiscalYear, SubsidyRule
>>> from kyodo.steps import Calculation, Cap, PerUnit, Rate, Round, Unit
>>> rule = SubsidyRule("防犯カメラ", [Calculation([PerUnit([Rate("9/10"), Cap(270_000, per="unit")]), Round("千円未満切捨て")])])
>>> cameras = Claim(units=[Unit("1号機", 400_000), Unit("2号機", 199_999)])
>>> rows = calculation_rows(rule, [Application("東町会", FiscalYear(2024), 599_999, cameras)])
>>> rows
[(449000, <Constraint.PER_UNIT: 'per_unit'>, None)]
>>> rule.compute(599_999, FiscalYear(2024), units=cameras.units).amount
449000
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from kyodo.bodies import Body
from kyodo.errors import ValidationError
from kyodo.steps import (
    _CAP_BINDINGS,
    Calculation,
    Cap,
    Categories,
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
    Step,
    Table,
    TopUp,
    WaitingPeriod,
    YearLimit,
    _walk,
)
from kyodo.subsidies import _NO_CLAIM, Application, Constraint, Refusal, SubsidyRule

#: Values stay below this in int64 (products are checked before they are taken).
LIMIT: Final = 2**62
#: The most applications of one body the fast path takes; more go to the scalar path.
MAX_PASSES: Final = 32

_CONSTRAINTS: Final = tuple(Constraint)
_REFUSALS: Final = (None, *Refusal)
_CODE = {constraint.value: index for index, constraint in enumerate(_CONSTRAINTS)}
_REASON = {refusal.value: index for index, refusal in enumerate(_REFUSALS) if refusal is not None}
_HISTORY_STEPS: Final = (YearLimit, OncePerFY, WaitingPeriod)


class Fallback(Exception):
    """The fast path cannot compute this population exactly; the scalar path must."""


def _top(array: Any) -> int:
    """The largest value of a non-negative array (0 if empty)."""
    return int(array.max()) if array.size else 0


def _guard(bound: int) -> None:
    if bound >= LIMIT:
        raise Fallback("int64 could overflow")


def needs_history(calculation: Calculation) -> bool:
    """True if an award of ``calculation`` can depend on the body's earlier awards."""
    return any(
        isinstance(step, _HISTORY_STEPS)
        or (isinstance(step, Cap) and step.per in ("fy", "window", "rolling", "total"))
        or (isinstance(step, MaxUnits) and step.per == "fy")
        for step in _walk(calculation.steps)
    )


#: The steps that never refuse an application, which a top-up may hold on the fast path.
_NEVER_REFUSE: Final = (Rate, Round, CostCap, DeficitCap)


def covers(calculation: Calculation) -> bool:
    """True if the fast path computes every step of ``calculation``; else the scalar path must.

    Left to the scalar path: a :class:`~kyodo.steps.MaxUnits` limit on one
    kind of unit (``when``), since the fast path keeps each row's first units
    and such a limit drops units in between; a
    :class:`~kyodo.steps.MinimumCount`, which may read a unit's own counts; a
    :class:`~kyodo.steps.WaitingPeriod` on other programmes, whose awards
    only the scalar path is given; and a :class:`~kyodo.steps.TopUp` holding
    a step that may refuse, which withholds the top-up alone.
    """
    for step in _walk(calculation.steps):
        if isinstance(step, MaxUnits) and step.when:
            return False
        if isinstance(step, MinimumCount) or (isinstance(step, WaitingPeriod) and step.programmes):
            return False
        if isinstance(step, TopUp) and not all(
            isinstance(inner, _NEVER_REFUSE) or (isinstance(inner, Cap) and _cap_never_refuses(inner))
            for inner in _walk(step.steps)
        ):
            return False
    return True


def _cap_never_refuses(cap: Cap) -> bool:
    """True if ``cap`` never refuses: only a cap on earlier awards refuses, once they reach it."""
    return cap.per in ("application", "unit", "fy")


class ClaimArrays:
    """What each application claims, as arrays a row rather than :class:`~kyodo.steps.Claim` objects (a frame's columns).

    ``attributes``: a name to (each row's code into ``values``, -1 where the row claims none; the
    distinct values, text). ``counts``: a name to an int64 array, each row's whole count; a name in
    ``missing`` is lacked by some row, one in ``inexact`` holds a measured quantity (the scalar path
    keeps it exact). ``deductions``: a kind to (int64 amounts, 0 where not listed; whether each row
    lists it). ``site``: each row's code into its sites, -1 where none. Units are never claimed.
    """

    __slots__ = ("attributes", "counts", "deductions", "inexact", "missing", "site")

    def __init__(
        self,
        attributes: Mapping[str, tuple[Any, Sequence[str]]],
        counts: Mapping[str, Any],
        deductions: Mapping[str, tuple[Any, Any]],
        site: Any = None,
        missing: frozenset[str] = frozenset(),
        inexact: frozenset[str] = frozenset(),
    ) -> None:
        self.attributes, self.counts, self.deductions = attributes, counts, deductions
        self.site, self.missing, self.inexact = site, missing, inexact


class _Population:
    """The applications as arrays, and what the steps ask of them, worked out once each.

    Made from :class:`~kyodo.subsidies.Application` objects (:meth:`of_applications`), or straight from
    arrays of fiscal years and costs for a plain population, whose applications claim nothing beyond
    their cost (:meth:`plain`): no categories, units, deductions, counts, attributes or site.
    """

    def __init__(
        self,
        np: Any,
        fy: Any,
        gross: Any,
        vocabulary: Mapping[str, Sequence[str]],
        claims: Sequence[Claim] | None = None,
        breakdowns: Sequence[tuple[tuple[str, int], ...]] | None = None,
        given: ClaimArrays | None = None,
    ) -> None:
        self.np = np
        self.fy = fy
        self.gross = gross
        self.claims = claims
        self.breakdowns = breakdowns
        self.given = given
        count = len(gross)
        self.codes = {name: {value: code for code, value in enumerate(values)} for name, values in vocabulary.items()}
        if claims is None:
            self.nunits = np.zeros(count, dtype=np.int64)
            self.attributes = {name: np.full(count, -1, dtype=np.int64) for name in self.codes}
            if given is not None:
                self.attributes.update(self._given_attributes(given))
        else:
            self.nunits = np.asarray([len(claim.units) for claim in claims], dtype=np.int64)
            self.attributes = self._attributes([claim.attributes for claim in claims])
        self._cache: dict[object, Any] = {}
        self._units: Any = None
        # Filled pass by pass: the award of each application, and the earlier applications of each one's body.
        self.amounts = np.zeros(count, dtype=np.int64)
        self.earlier: list[Any] = []

    @classmethod
    def of_applications(
        cls, np: Any, applications: Sequence[Application], vocabulary: Mapping[str, Sequence[str]]
    ) -> _Population:
        claims = [application.claim for application in applications]
        breakdowns = [
            tuple(application.cost.items()) if isinstance(application.cost, Mapping) else (("", application.cost),)
            for application in applications
        ]
        gross = [sum(amount for _category, amount in breakdown) for breakdown in breakdowns]
        if gross and max(gross) >= LIMIT:
            raise Fallback("an amount beyond int64")
        fy = np.asarray([application.fy.year for application in applications], dtype=np.int64)
        return cls(np, fy, np.asarray(gross, dtype=np.int64), vocabulary, claims, breakdowns)

    @classmethod
    def plain(
        cls, np: Any, fy: Any, gross: Any, vocabulary: Mapping[str, Sequence[str]], given: ClaimArrays | None = None
    ) -> _Population:
        """A population of arrays: ``fy`` the start years and ``gross`` the costs, int64 arrays of one length,
        and what the rows claim beyond their cost (``given``; None: nothing)."""
        if gross.dtype != np.int64 or (len(gross) and int(gross.max()) >= LIMIT):
            raise Fallback("an amount beyond int64")
        return cls(np, fy, gross, vocabulary, given=given)

    def _given_attributes(self, given: ClaimArrays) -> dict[str, Any]:
        """Each claimed attribute as codes into the rule's values: -1 where none is claimed, -2 for a value no version declares."""
        np = self.np
        found = {}
        for name, (codes, values) in given.attributes.items():
            known = self.codes.get(name, {})
            # The last entry is what code -1 (none claimed) picks.
            table = np.asarray([known.get(value, -2) for value in values] + [-1], dtype=np.int64)
            found[name] = table[codes]
        return found

    def ints(self, values: Sequence[int]) -> Any:
        if values and max(values) >= LIMIT:
            raise Fallback("an amount beyond int64")
        return self.np.asarray(values, dtype=self.np.int64)

    def _attributes(self, pairs: Sequence[tuple[tuple[str, str], ...]]) -> dict[str, Any]:
        np = self.np
        arrays = {name: np.full(len(pairs), -1, dtype=np.int64) for name in self.codes}
        for index, attributes in enumerate(pairs):
            for name, value in attributes:
                # A value no version declares is left as -1: such an application is never computed
                # (the version in force checks it first) and counts in no one's history.
                code = self.codes.get(name, {}).get(value)
                if code is not None:
                    arrays[name][index] = code
        return arrays

    def once(self, key: object, make: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def eligible(self, step: Categories) -> Any:
        if self.breakdowns is None:
            # A plain cost is one amount of no category (""), which only listing "" as ineligible refuses.
            return self.gross if "" not in step.ineligible else self.np.zeros_like(self.gross)
        breakdowns = self.breakdowns
        return self.once(
            step,
            lambda: self.ints(
                [
                    sum(
                        amount
                        for category, amount in breakdown
                        if category not in step.ineligible
                        and (step.eligible is None or category in step.eligible or category == "")
                    )
                    for breakdown in breakdowns
                ]
            ),
        )

    def deducted(self, kinds: frozenset[str] | None) -> tuple[Any, Any]:
        """The deductions of ``kinds`` each application lists, summed, and whether it lists any."""

        claims, given = self.claims, self.given

        def make() -> tuple[Any, Any]:
            if given is not None:
                np, count = self.np, len(self.gross)
                sums, listed = np.zeros(count, dtype=np.int64), np.zeros(count, dtype=bool)
                for kind, (amounts, rows) in given.deductions.items():
                    if kinds is None or kind in kinds:
                        _guard(_top(sums) + _top(amounts))
                        sums += amounts
                        listed |= rows
                return sums, listed
            if claims is None:
                return self.np.zeros(len(self.gross), dtype=self.np.int64), self.np.zeros(len(self.gross), dtype=bool)
            taken = [
                [amount for kind, amount in claim.deductions if kinds is None or kind in kinds] for claim in claims
            ]
            return self.ints([sum(amounts) for amounts in taken]), self.np.asarray([bool(amounts) for amounts in taken])

        return self.once(("deduct", kinds), make)  # type: ignore[no-any-return]

    def count(self, name: str) -> Any:
        claims, given = self.claims, self.given

        def make() -> Any:
            if given is not None:
                if name in given.inexact:
                    raise Fallback("a count that is not a whole number")
                return None if name in given.missing else given.counts.get(name)
            if claims is None:
                return None
            values = [dict(claim.counts).get(name) for claim in claims]
            if any(value is None for value in values):
                return None
            if any(type(value) is not int for value in values):
                # A measured quantity (床面積 = 89.42) makes a fractional cap: the scalar path keeps it exact.
                raise Fallback("a count that is not a whole number")
            return self.np.asarray(values, dtype=self.np.int64)

        return self.once(("count", name), make)

    def sites(self) -> Any:
        claims = self.claims

        def make() -> Any:
            if self.given is not None and self.given.site is not None:
                return self.given.site
            if claims is None:
                return self.np.full(len(self.gross), -1, dtype=self.np.int64)
            names: dict[str, int] = {}
            return self.np.asarray(
                [-1 if claim.site is None else names.setdefault(claim.site, len(names)) for claim in claims],
                dtype=self.np.int64,
            )

        return self.once("sites", make)

    def units(self) -> tuple[Any, dict[str, Any]]:
        """Every unit of every application, in order: its cost, and the codes of its attributes over the claim's."""
        if self._units is None:
            cost, merged = [], []
            for claim in self.claims or ():
                for unit in claim.units:
                    cost.append(unit.cost)
                    merged.append(tuple({**dict(claim.attributes), **dict(unit.attributes)}.items()))
            self._units = (self.ints(cost), self._attributes(merged))
        return self._units  # type: ignore[no-any-return]


class _Figure:
    """Rows of figures on their way through the steps; each array has one entry a row."""

    __slots__ = ("app", "attributes", "base", "binding", "den", "ids", "num", "nunits", "unit")

    def __init__(
        self,
        ids: Any,
        app: Any,
        unit: Any,
        attributes: dict[str, Any],
        base: Any,
        nunits: Any,
        binding: Any,
    ) -> None:
        self.ids, self.app, self.unit, self.attributes = ids, app, unit, attributes
        self.base, self.nunits, self.binding = base, nunits, binding
        self.num: Any = None
        self.den = 1

    def take(self, mask: Any) -> _Figure:
        part = _Figure(
            self.ids[mask],
            self.app[mask],
            None if self.unit is None else self.unit[mask],
            {name: codes[mask] for name, codes in self.attributes.items()},
            self.base[mask],
            self.nunits[mask],
            self.binding[mask],
        )
        part.num = None if self.num is None else self.num[mask]
        part.den = self.den
        return part

    def amount(self) -> Any:
        if self.num is None:
            raise Fallback("a step before any rate")  # the scalar path raises its ValidationError
        return self.num


class _Run:
    """One pass of a calculation over some applications; refusals go to ``refused`` by row id."""

    def __init__(self, population: _Population, passes: int) -> None:
        self.population = population
        self.np = population.np
        self.passes = passes

    # --- history ---------------------------------------------------------------------------

    def _earlier(self, figure: _Figure) -> list[tuple[Any, Any, Any]]:
        """The body's earlier applications of each row: (index, fy, award) arrays, one triple a pass."""
        population = self.population
        found = []
        for earlier in population.earlier[: self.passes]:
            index = earlier[figure.app]
            found.append((index, population.fy[index], population.amounts[index]))
        return found

    def _used(self, step: Cap, figure: _Figure) -> Any:
        np = self.np
        fy = self.population.fy[figure.app]
        used = np.zeros(len(figure.ids), dtype=np.int64)
        earlier = self._earlier(figure)
        if step.per in ("application", "unit") or not earlier:
            return used
        if step.scope == "site":
            # Only the awards that may be for the same site: the same one, or either not known.
            sites = self.population.sites()
            here = sites[figure.app]
            earlier = [
                (index, years, np.where((here < 0) | (sites[index] < 0) | (sites[index] == here), amounts, 0))
                for index, years, amounts in earlier
            ]
        _guard(len(earlier) * max((_top(amounts) for _index, _fy, amounts in earlier), default=0))
        if step.per == "window":
            assert step.years is not None
            first = np.full(len(fy), np.iinfo(np.int64).max, dtype=np.int64)
            for _index, years, amounts in earlier:
                first = np.where(amounts > 0, np.minimum(first, years), first)
            has = first != np.iinfo(np.int64).max
            start = np.where(has, first + ((fy - first) // step.years) * step.years, 0)
        for _index, years, amounts in earlier:
            if step.per == "fy":
                counted = years == fy
            elif step.per == "total":
                counted = None
            elif step.per == "rolling":
                assert step.years is not None
                counted = (fy - step.years < years) & (years <= fy)
            else:
                counted = has & (start <= years) & (years <= fy)
            used = used + (amounts if counted is None else np.where(counted, amounts, 0))
        return used

    # --- the steps ---------------------------------------------------------------------------

    def steps(self, steps: Sequence[Step], figure: _Figure, refused: list[tuple[Any, int]]) -> _Figure:
        for step in steps:
            if not len(figure.ids):
                return figure
            figure = self.step(step, figure, refused)
        return figure

    def refuse(self, figure: _Figure, mask: Any, reason: str, refused: list[tuple[Any, int]]) -> _Figure:
        if not mask.any():
            return figure
        refused.append((figure.ids[mask], _REASON[reason]))
        return figure.take(~mask)

    def times(self, name: str | None, figure: _Figure) -> Any:
        if name is None:
            return self.np.ones(len(figure.ids), dtype=self.np.int64)
        if name == "units":
            return figure.nunits
        counts = self.population.count(name)
        if counts is None:
            raise Fallback("a count the claim does not give")  # the scalar path raises its ValidationError
        return counts[figure.app]

    def step(self, step: Step, figure: _Figure, refused: list[tuple[Any, int]]) -> _Figure:
        np, population = self.np, self.population
        if isinstance(step, Categories):
            figure.base = population.eligible(step)[figure.app]
            return self.refuse(figure, figure.base == 0, "no_eligible_cost", refused)
        if isinstance(step, Deduct):
            sums, listed = population.deducted(step.kinds)
            taken, any_taken = sums[figure.app], listed[figure.app]
            figure.base = np.where(any_taken, np.maximum(figure.base - taken, 0), figure.base)
            return self.refuse(figure, any_taken & (figure.base == 0), "no_eligible_cost", refused)
        if isinstance(step, MinimumCost):
            return self.refuse(figure, figure.base < step.amount, "below_minimum_cost", refused)
        if isinstance(step, Rate):
            _guard(_top(figure.base) * step.rate.numerator)
            figure.num = figure.base * step.rate.numerator
            figure.den = step.rate.denominator
            cost_cap = _CODE["cost_cap"]
            figure.binding = np.where(figure.binding == cost_cap, cost_cap, _CODE["rate"]).astype(np.int8)
            return figure
        if isinstance(step, Round):
            num, scale = figure.amount(), figure.den * step.unit
            _guard(2 * _top(num) + 2 * scale)
            if step.mode == "down":
                whole = num // scale
            elif step.mode == "up":
                whole = -(-num // scale)
            else:
                whole = (2 * num + scale) // (2 * scale)
            figure.num, figure.den = whole * step.unit, 1
            return figure
        if isinstance(step, Cap):
            return self.cap(step, figure, refused)
        if isinstance(step, CostCap):
            times = self.times(step.times, figure)
            _guard(step.amount * _top(times))
            limit = step.amount * times
            over = figure.base > limit
            figure.base = np.where(over, limit, figure.base)
            figure.binding = np.where(over, _CODE["cost_cap"], figure.binding).astype(np.int8)
            return figure
        if isinstance(step, DeficitCap):
            num = figure.amount()
            sums, _listed = population.deducted(step.kinds)
            deficit = np.maximum(population.gross[figure.app] - sums[figure.app], 0)
            _guard(_top(deficit) * figure.den)
            over = num > deficit * figure.den
            figure.num = np.where(over, deficit * figure.den, num)
            figure.binding = np.where(over, _CODE["deficit_cap"], figure.binding).astype(np.int8)
            return figure
        if isinstance(step, MinimumAward):
            num = figure.amount()
            _guard(step.amount * figure.den)
            return self.refuse(figure, num < step.amount * figure.den, "below_minimum", refused)
        if isinstance(step, TopUp):
            return self.top_up(step, figure, refused)
        if isinstance(step, Table):
            return self.table(step, figure, refused)
        if isinstance(step, PerUnit):
            return self.per_unit(step, figure, refused)
        if isinstance(step, MaxUnits):
            return self.max_units(step, figure, refused)
        if isinstance(step, YearLimit):
            return self.year_limit(step, figure, refused)
        if isinstance(step, OncePerFY):
            fy = population.fy[figure.app]
            funded = np.zeros(len(figure.ids), dtype=bool)
            for _index, years, amounts in self._earlier(figure):
                funded |= (amounts > 0) & (years == fy)
            return self.refuse(figure, funded, "once_per_fy", refused)
        if isinstance(step, WaitingPeriod):
            return self.wait(step, figure, refused)
        raise Fallback(f"no fast step for {type(step).__name__}")  # pragma: no cover - every step is above

    def max_units(self, step: MaxUnits, figure: _Figure, refused: list[tuple[Any, int]]) -> _Figure:
        np, population = self.np, self.population
        used = np.zeros(len(figure.ids), dtype=np.int64)
        if step.per == "fy":
            fy = population.fy[figure.app]
            for index, years, amounts in self._earlier(figure):
                used = used + np.where((amounts > 0) & (years == fy), population.nunits[index], 0)
        allowed = np.maximum(step.count - used, 0)
        none_left = allowed == 0
        if none_left.any():
            refused.append((figure.ids[none_left], _REASON["max_units"]))
            figure, allowed = figure.take(~none_left), allowed[~none_left]
        figure.nunits = np.minimum(figure.nunits, allowed)
        return figure

    def cap(self, step: Cap, figure: _Figure, refused: list[tuple[Any, int]]) -> _Figure:
        np = self.np
        num = figure.amount()
        times = self.times(step.times, figure)
        _guard(step.amount * _top(times) + step.plus)
        limit = step.amount * times + step.plus
        used = self._used(step, figure)
        room = np.maximum(limit - used, 0)
        _guard(_top(room) * figure.den)
        over = num > room * figure.den
        if step.per in ("window", "rolling", "total"):
            reached = over & (room == 0) & (used != 0)
            if reached.any():
                refused.append((figure.ids[reached], _REASON["total_reached"]))
                keep = ~reached
                figure, over, room = figure.take(keep), over[keep], room[keep]
                num = figure.num
        figure.num = np.where(over, room * figure.den, num)
        figure.binding = np.where(over, _CODE[_CAP_BINDINGS[step.per]], figure.binding).astype(np.int8)
        return figure

    def top_up(self, step: TopUp, figure: _Figure, refused: list[tuple[Any, int]]) -> _Figure:
        np = self.np
        num, den = figure.amount(), figure.den
        _guard(_top(figure.base) * den)
        left = np.maximum(figure.base * den - num, 0)
        _guard(_top(left) * step.rate.numerator)
        _guard(den * step.rate.denominator)
        part = figure.take(np.ones(len(figure.ids), dtype=bool))
        part.num, part.den = left * step.rate.numerator, den * step.rate.denominator
        part = self.steps(step.steps, part, refused)
        if len(part.ids) != len(figure.ids):
            figure = figure.take(np.isin(figure.ids, part.ids, assume_unique=True))
        common = math.lcm(figure.den, part.den)
        ours, theirs = figure.amount(), part.amount()
        _guard(_top(ours) * (common // figure.den) + _top(theirs) * (common // part.den))
        figure.num = ours * (common // figure.den) + theirs * (common // part.den)
        figure.den = common
        figure.binding = np.full(len(figure.ids), _CODE["top_up"], dtype=np.int8)
        return figure

    def table(self, step: Table, figure: _Figure, refused: list[tuple[Any, int]]) -> _Figure:
        np, codes = self.np, self.population.codes
        left = np.ones(len(figure.ids), dtype=bool)
        parts = []
        for row in step.rows:
            fits = left.copy()
            for name, value in row.when:
                fits &= figure.attributes[name] == codes[name][value]
            if fits.any():
                left &= ~fits
                parts.append(self.steps(row.steps, figure.take(fits), refused))
        figure = self.refuse(figure, left, "no_row", refused) if left.any() else figure
        parts = [part for part in parts if len(part.ids)]
        if not parts:
            return figure.take(np.zeros(len(figure.ids), dtype=bool))
        return _merge(np, parts)

    def per_unit(self, step: PerUnit, figure: _Figure, refused: list[tuple[Any, int]]) -> _Figure:
        np, population = self.np, self.population
        figure = self.refuse(figure, figure.nunits == 0, "no_units", refused)
        if not len(figure.ids):
            return figure
        costs, attributes = population.units()
        if figure.unit is None:
            # Each row's first nunits units (MaxUnits may have cut some), in the claim's order.
            starts = np.zeros(len(population.nunits) + 1, dtype=np.int64)
            np.cumsum(population.nunits, out=starts[1:])
            row = np.repeat(np.arange(len(figure.ids)), figure.nunits)
            offsets = np.arange(len(row)) - np.repeat(np.cumsum(figure.nunits) - figure.nunits, figure.nunits)
            unit = starts[figure.app][row] + offsets
        else:
            row, unit = np.arange(len(figure.ids)), figure.unit
        inner = _Figure(
            np.arange(len(row)),
            figure.app[row],
            unit,
            {name: values[unit] for name, values in attributes.items()},
            costs[unit],
            np.ones(len(row), dtype=np.int64),
            np.full(len(row), _CODE["rate"], dtype=np.int8),
        )
        if figure.unit is not None:
            inner.attributes = {name: values[row] for name, values in figure.attributes.items()}
        done = self.steps(step.steps, inner, [])
        total = np.zeros(len(figure.ids), dtype=np.int64)
        den = 1
        if len(done.ids):
            num, den = done.amount(), done.den
            _guard(_top(num) * int(_top(figure.nunits)))
            np.add.at(total, row[done.ids], num)
        base = np.zeros(len(figure.ids), dtype=np.int64)
        np.add.at(base, row, costs[unit])
        figure.base, figure.num, figure.den = base, total, den
        figure.binding = np.full(len(figure.ids), _CODE["per_unit"], dtype=np.int8)
        return figure

    def year_limit(self, step: YearLimit, figure: _Figure, refused: list[tuple[Any, int]]) -> _Figure:
        np = self.np
        fy = self.population.fy[figure.app]
        earlier = self._earlier(figure)
        years = np.zeros(len(figure.ids), dtype=np.int64)
        for position, (_index, year, amount) in enumerate(earlier):
            new = (amount > 0) & (year != fy)
            for _other, before, paid in earlier[:position]:
                new &= ~((paid > 0) & (before == year))
            years = years + new
        return self.refuse(figure, years >= step.years, "year_limit", refused)

    def wait(self, step: WaitingPeriod, figure: _Figure, refused: list[tuple[Any, int]]) -> _Figure:
        np, population = self.np, self.population
        earlier = self._earlier(figure)
        if not earlier:
            return figure
        fy = population.fy[figure.app]
        # The years for every pair of (value now, value before) of the attribute ``by``, -1 for none.
        values = list(population.codes.get(step.by, {})) if step.by is not None else []
        choices: list[str | None] = [None, *values]
        table = np.full((len(choices), len(choices)), -1, dtype=np.int64)
        for now_code, now in enumerate(choices):
            for before_code, before in enumerate(choices):
                attributes = {} if now is None or step.by is None else {step.by: now}
                previous = {} if before is None or step.by is None else {step.by: before}
                years = step.years_for(attributes, previous)
                table[now_code, before_code] = -1 if years is None else years
        now_codes = (figure.attributes[step.by] + 1) if step.by is not None else np.zeros(len(fy), dtype=np.int64)
        sites = population.sites() if step.scope == "site" else None
        blocked = np.zeros(len(fy), dtype=bool)
        for index, year, amount in earlier:
            if step.by is not None:
                before_codes = population.attributes[step.by][index] + 1
            else:
                before_codes = np.zeros(len(fy), dtype=np.int64)
            years = table[now_codes, before_codes]
            counts = (amount > 0) & (year != fy) & (years >= 0)
            if sites is not None:
                here = sites[figure.app]
                counts &= (sites[index] == here) & (here >= 0)
            blocked |= counts & (year <= fy) & (fy < year + years)
        return self.refuse(figure, blocked, "waiting_period", refused)


def _merge(np: Any, parts: list[_Figure]) -> _Figure:
    """The rows of ``parts`` (each of one table row) back in one figure, in the order of their ids."""
    amounts = {part.num is None for part in parts}
    if len(amounts) > 1:
        raise Fallback("some rows of a table set no amount")  # the scalar path raises or refuses
    ids = np.concatenate([part.ids for part in parts])
    order = np.argsort(ids, kind="stable")

    def join(arrays: list[Any]) -> Any:
        return np.concatenate(arrays)[order]

    figure = _Figure(
        ids[order],
        join([part.app for part in parts]),
        None if parts[0].unit is None else join([part.unit for part in parts]),
        {name: join([part.attributes[name] for part in parts]) for name in parts[0].attributes},
        join([part.base for part in parts]),
        join([part.nunits for part in parts]),
        join([part.binding for part in parts]),
    )
    if parts[0].num is not None:
        common = 1
        for part in parts:
            common = math.lcm(common, part.den)
        _guard(max(_top(part.num) * (common // part.den) for part in parts))
        figure.num = join([part.num * (common // part.den) for part in parts])
        figure.den = common
    return figure


# --- the driver ----------------------------------------------------------------------------------


def _vocabulary(rule: SubsidyRule) -> dict[str, list[str]]:
    """Every value of every attribute any version declares, in the order first declared."""
    vocabulary: dict[str, list[str]] = {}
    for _start, terms in rule.versions:
        assert isinstance(terms, Calculation)
        for name, values in terms.attributes:
            known = vocabulary.setdefault(name, [])
            known.extend(value for value in values if value not in known)
    return vocabulary


def calculation_rows(
    rule: SubsidyRule, applications: Sequence[Application], bodies: Mapping[str, Body] | None = None
) -> list[tuple[int, Constraint, Refusal | None]]:
    """The award, binding constraint and refusal of each application, as :func:`kyodo.what_if`'s ledgers give them.

    Raises :class:`Fallback` where the scalar path must compute the rule.
    """
    from kyodo._fast import _numpy as need_numpy

    np = need_numpy()
    _check_rule(rule)
    if any(unit.counts for application in applications for unit in application.claim.units):
        raise Fallback("a unit with counts of its own")
    population = _Population.of_applications(np, applications, _vocabulary(rule))
    names: dict[str, int] = {}
    body = np.asarray([names.setdefault(application.body, len(names)) for application in applications], dtype=np.int64)
    versions = _versions_in_force(np, rule, population.fy)
    checked: set[tuple[int, object, object, int | None]] = set()
    for index, application in enumerate(applications):
        if versions[index] < 0:
            continue
        terms = rule.versions[versions[index]][1]
        claim = application.claim
        total = int(population.gross[index]) if claim.units else None
        # Only the attributes and the units are checked; most claims share them.
        key = (int(versions[index]), claim.attributes, claim.units, total)
        if key not in checked:
            _check_claim(terms, claim, total)
            checked.add(key)
    amounts, bindings, reasons = calculation_arrays(rule, population, versions, body, list(names), bodies)
    return [
        (amount, _CONSTRAINTS[binding], _REFUSALS[reason])
        for amount, binding, reason in zip(amounts.tolist(), bindings.tolist(), reasons.tolist(), strict=True)
    ]


def plain_calculation_arrays(
    rule: SubsidyRule,
    fy: Any,
    costs: Any,
    body: Any,
    names: Sequence[str],
    bodies: Mapping[str, Body] | None = None,
    claims: ClaimArrays | None = None,
) -> tuple[Any, Any, Any]:
    """:func:`calculation_rows` for a population given as arrays, with no Python object a row.

    ``fy`` holds start years and ``costs`` whole yen (int64 arrays), ``body`` each row's code into
    ``names`` (needed only where the rule reads a body's history or state; else None), ``claims`` what
    the rows claim beyond their cost (None: nothing). Returns the awards (int64), and the codes of the
    binding constraints (into ``tuple(Constraint)``) and refusals (into ``(None, *Refusal)``), int8.
    Raises :class:`Fallback` as :func:`calculation_rows` does.
    """
    from kyodo._fast import _numpy as need_numpy

    np = need_numpy()
    _check_rule(rule)
    population = _Population.plain(np, fy, costs, _vocabulary(rule), claims)
    versions = _versions_in_force(np, rule, fy)
    for version in used_versions(np, versions):
        if version >= 0:
            terms = rule.versions[version][1]
            assert isinstance(terms, Calculation)  # _check_rule saw to it
            _check_claim(terms, _NO_CLAIM, None)
            if claims is not None:
                _check_attributes(np, terms, population, versions == version)
    return calculation_arrays(rule, population, versions, body, names, bodies)


def _check_attributes(np: Any, terms: Calculation, population: _Population, rows: Any) -> None:
    """Fall back where a row of ``rows`` claims an attribute its version does not declare, as its check refuses it."""
    declared = dict(terms.attributes)
    for name, codes in population.attributes.items():
        allowed = [population.codes[name][value] for value in declared.get(name, ())]
        claimed = codes[rows]
        if bool(((claimed != -1) & ~np.isin(claimed, allowed)).any()):
            raise Fallback("an application the scalar path refuses as invalid")


def _check_rule(rule: SubsidyRule) -> None:
    if not all(isinstance(terms, Calculation) for _start, terms in rule.versions):
        raise Fallback("a version of SubsidyTerms")
    if not all(covers(terms) for _start, terms in rule.versions):  # type: ignore[arg-type]
        raise Fallback("a step only the scalar path computes")


def _check_claim(terms: Any, claim: Claim, total: int | None) -> None:
    try:
        terms.check(claim, total)
    except ValidationError:
        raise Fallback("an application the scalar path refuses as invalid") from None


def _versions_in_force(np: Any, rule: SubsidyRule, fy: Any) -> Any:
    """The index into ``rule.versions`` of the version in force for each start year in ``fy``; -1 if none is offered.

    One binary search a row over the few years versions start in, as :meth:`SubsidyRule.terms`
    and the rule's first and last years decide.
    """
    if len(rule.versions) == 1 and rule.versions[0][0] is None:
        versions = np.zeros(len(fy), dtype=np.int8)  # one version in force from the start: no search
    else:
        starts = [np.iinfo(np.int64).min if start is None else start.year for start, _terms in rule.versions]
        found = np.searchsorted(np.asarray(starts, dtype=np.int64), fy, side="right")
        versions = found.astype(np.int8 if len(starts) < 127 else np.int64)  # a rule's versions are few
        versions -= 1
    # Out of the rule's years, -1: (version + 1) × offered − 1, arithmetic rather than a mask, which costs
    # several times as much where offered and not offered rows alternate.
    offered = None
    if rule.first_fy is not None:
        offered = fy >= rule.first_fy.year
    if rule.last_fy is not None:
        before_end = fy <= rule.last_fy.year
        offered = before_end if offered is None else np.logical_and(offered, before_end, out=offered)
    if offered is not None:
        versions += 1
        versions *= offered.view(np.int8)
        versions -= 1
    return versions


def used_versions(np: Any, versions: Any) -> list[int]:
    """The distinct values of ``versions`` (small ints from -1), in order, without sorting the rows."""
    if not len(versions):
        return []
    if versions.strides == (0,):
        return [int(versions[0])]  # one value broadcast to every row
    low, high = int(versions.min()), int(versions.max())
    if low == high:
        return [low]
    if high - low <= 8:
        # Few values between: a comparison each is cheaper than counting them all.
        return [low, *(value for value in range(low + 1, high) if (versions == value).any()), high]
    return (np.flatnonzero(np.bincount(versions.astype(np.intp) - low)) + low).tolist()  # type: ignore[no-any-return]


def calculation_arrays(
    rule: SubsidyRule,
    population: _Population,
    versions: Any,
    body: Any,
    names: Sequence[str],
    bodies: Mapping[str, Body] | None,
) -> tuple[Any, Any, Any]:
    """Run ``rule`` over ``population``, each row by its version (an index into ``rule.versions``, -1: not offered)."""
    np = population.np
    count = len(population.gross)
    reasons = np.zeros(count, dtype=np.int8)
    bindings = np.full(count, _CODE["refused"], dtype=np.int8)
    versions = versions.copy()
    reasons[versions < 0] = _REASON["not_offered"]
    if rule.conditions:
        held = _conditions_held(np, rule, population.fy, body, names, bodies)
        refused = (versions >= 0) & ~held
        reasons[refused] = _REASON["body_state"]
        versions[refused] = -1
    passes = _passes(np, rule, population, body)
    for depth, indices in enumerate(passes):
        of_pass = versions if indices is None else versions[indices]
        for version in used_versions(np, of_pass):
            if version < 0:
                continue
            members = np.flatnonzero(of_pass == version)
            rows = members if indices is None else indices[members]
            terms = rule.versions[version][1]
            assert isinstance(terms, Calculation)
            _run_version(np, terms, population, rows, depth, reasons, bindings)
    return population.amounts, bindings, reasons


def _conditions_held(
    np: Any, rule: SubsidyRule, fy: Any, body: Any, names: Sequence[str], bodies: Mapping[str, Body] | None
) -> Any:
    """Whether each row's body meets the rule's conditions in its year, decided once for each (body, year)."""
    from kyodo.fiscal import FiscalYear

    pairs, inverse = np.unique(np.stack([body, fy]), axis=1, return_inverse=True)
    held = []
    for code, year in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True):
        found = None if bodies is None else bodies.get(names[code])
        held.append(
            found is not None and all(condition.holds(found, FiscalYear(year)) for condition in rule.conditions)
        )
    return np.asarray(held, dtype=bool)[inverse.reshape(-1)]


def _passes(np: Any, rule: SubsidyRule, population: _Population, body: Any) -> list[Any]:
    """The applications pass by pass: each body's first, then each body's second, and so on, in fiscal-year order.

    A pass is an array of row indices in order, or None for every row. Sets ``population.earlier``:
    for each pass before the last, the index of each body's application in it.
    """
    if not any(isinstance(terms, Calculation) and needs_history(terms) for _start, terms in rule.versions):
        return [None]
    count = len(population.gross)
    if not count:
        return []
    # Sorted by body, then fiscal year, then row: lexsort is stable, as the ledgers' sort by year is.
    order = np.lexsort((population.fy, body))
    sorted_body = body[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_body[1:] != sorted_body[:-1])))
    first = np.repeat(starts, np.diff(np.append(starts, count)))
    position = np.arange(count) - first
    depth = int(position.max()) + 1
    if depth > MAX_PASSES:
        raise Fallback("a body with too many applications")
    earlier = np.zeros((depth, count), dtype=np.int64)
    for before in range(depth - 1):
        later = position > before
        earlier[before, order[later]] = order[first[later] + before]
    population.earlier = list(earlier)
    return [np.sort(order[position == depth_]) for depth_ in range(depth)]


def _run_version(
    np: Any,
    terms: Calculation,
    population: _Population,
    rows: Any,
    depth: int,
    reasons: Any,
    bindings: Any,
) -> None:
    figure = _Figure(
        rows,
        rows,
        None,
        {name: codes[rows] for name, codes in population.attributes.items()},
        population.gross[rows],
        population.nunits[rows],
        np.full(len(rows), _CODE["rate"], dtype=np.int8),
    )
    refused: list[tuple[Any, int]] = []
    done = _Run(population, depth).steps(terms.steps, figure, refused)
    for ids, reason in refused:
        reasons[ids] = reason
        bindings[ids] = _CODE["refused"]
        population.amounts[ids] = 0
    if len(done.ids):
        # A calculation that ends unrounded pays whole yen: the fraction of a yen is cut.
        population.amounts[done.ids] = done.amount() // done.den
        bindings[done.ids] = done.binding
