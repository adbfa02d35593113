"""The numpy fast path for calculations of steps equals the scalar path on every row.

A property test draws random pipelines (every kind of step, nested in tables,
per-unit steps and top-ups) and random populations (breakdowns, units,
attributes, deductions, counts, sites, several applications a body), and
checks ``kyodo._fast_steps.calculation_rows`` against ``what_if``'s scalar
ledgers row by row: the award, the binding constraint and the refusal. Every
example rule in ``examples/subsidies`` is checked the same way on a seeded
population.
"""

from __future__ import annotations

import random
import re
import warnings
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import kyodo
from kyodo import Application, Claim, FiscalYear, SubsidyRule, ValidationError, what_if
from kyodo.steps import (
    Calculation,
    Cap,
    Categories,
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
    Step,
    Table,
    TopUp,
    Unit,
    WaitingPeriod,
    YearLimit,
    _walk,
)

np = pytest.importorskip("numpy")

from kyodo._fast_steps import Fallback, calculation_rows, covers  # noqa: E402

EXAMPLES = sorted((Path(__file__).parent.parent / "examples" / "subsidies").glob("*.toml"))
VOCABULARY = {"工事": ("新築", "改修", "修繕"), "構造": ("木造", "非木造")}
CATEGORIES = ("本体", "備品", "飲食")
KINDS = ("収入", "県補助金")
BODIES = ("東町会", "西町会", "南町会", "北町会")


# --- random pipelines --------------------------------------------------------------------------------

yen = st.integers(0, 400_000)
rates = st.fractions(0, 1, max_denominator=12)
kinds = st.none() | st.frozensets(st.sampled_from(KINDS), max_size=2)
times = st.none() | st.sampled_from(["units", "世帯数"])


@st.composite
def caps(draw: st.DrawFn) -> Cap:
    per = draw(st.sampled_from(["application", "unit", "fy", "window", "rolling", "total"]))
    years = draw(st.integers(1, 3)) if per in ("window", "rolling") else None
    scope = "body" if per in ("application", "unit") else draw(st.sampled_from(["body", "site"]))
    plus = draw(st.sampled_from([0, 0, 50_000]))
    return Cap(draw(yen), per=per, times=draw(times), years=years, plus=plus, scope=scope)


@st.composite
def waiting_periods(draw: st.DrawFn) -> WaitingPeriod:
    scope = draw(st.sampled_from(["body", "site"]))
    if draw(st.booleans()):
        return WaitingPeriod(draw(st.integers(1, 3)), scope=scope)
    values = VOCABULARY["工事"]
    years_by = draw(st.dictionaries(st.sampled_from(values), st.integers(1, 4), max_size=2))
    after = draw(
        st.dictionaries(
            st.sampled_from(values),
            st.dictionaries(st.sampled_from(values), st.integers(1, 4), min_size=1, max_size=2),
            max_size=2,
        )
    )
    if not years_by and not after:
        years_by = {"新築": 2}
    default = draw(st.none() | st.integers(1, 3))
    return WaitingPeriod(default, scope=scope, by="工事", years_by=years_by, after=after)


simple_steps: st.SearchStrategy[Step] = st.one_of(
    st.builds(Rate, rates),
    st.builds(Rate, rates),
    st.builds(
        Categories,
        st.none() | st.frozensets(st.sampled_from(CATEGORIES)),
        st.frozensets(st.sampled_from(CATEGORIES), max_size=1),
    ).filter(lambda step: not (step.eligible and step.eligible & step.ineligible)),
    st.builds(Deduct, kinds),
    st.builds(MinimumCost, st.integers(0, 200_000)),
    st.builds(Round, st.tuples(st.sampled_from(["down", "half_up", "up"]), st.sampled_from([1, 10, 1000]))),
    caps(),
    st.builds(CostCap, yen, times),
    st.builds(DeficitCap, kinds),
    st.builds(MinimumAward, st.integers(0, 100_000)),
    st.builds(MaxUnits, st.integers(1, 3), st.sampled_from(["application", "fy"])),
    st.builds(MaxUnits, st.integers(1, 3), st.sampled_from(["application", "fy"]), st.just({"工事": "新築"})),
    st.builds(YearLimit, st.integers(1, 3)),
    st.just(OncePerFY()),
    waiting_periods(),
    st.builds(MinimumCount, st.just("世帯数"), st.integers(1, 400)),
    st.builds(WaitingPeriod, st.integers(1, 3), programmes=st.just(["他の制度"])),
)


def _rows(children: st.SearchStrategy[list[Step]]) -> st.SearchStrategy[Table]:
    when = st.fixed_dictionaries(
        {}, optional={name: st.sampled_from(values[:2]) for name, values in VOCABULARY.items()}
    )
    row = st.builds(Row, when, children)
    return st.builds(Table, st.lists(row, min_size=1, max_size=3))


def _nested(children: st.SearchStrategy[list[Step]]) -> st.SearchStrategy[list[Step]]:
    step = st.one_of(
        simple_steps,
        _rows(children),
        st.builds(PerUnit, children),
        st.builds(TopUp, rates, children),
    )
    return st.lists(step, max_size=4)


step_lists = st.recursive(st.lists(simple_steps, max_size=3), _nested, max_leaves=8)


@st.composite
def rules(draw: st.DrawFn) -> SubsidyRule:
    steps = draw(step_lists)
    if not any(isinstance(step, Rate) for step in _walk(steps)):
        steps = [Rate(draw(rates)), *steps]
    calculation = Calculation(steps, attributes=VOCABULARY)
    if draw(st.booleans()):
        return SubsidyRule("r", [calculation])
    later_steps = draw(step_lists)
    if not any(isinstance(step, Rate) for step in _walk(later_steps)):
        later_steps = [Rate("1/3"), *later_steps]
    later = Calculation(later_steps, attributes=VOCABULARY)
    return SubsidyRule(
        "r", [calculation, (FiscalYear(2022), later)], last_fy=draw(st.sampled_from([None, FiscalYear(2024)]))
    )


# --- random populations --------------------------------------------------------------------------------

attributes = st.fixed_dictionaries({}, optional={name: st.sampled_from(values) for name, values in VOCABULARY.items()})


#: A unit's own count, which inside PerUnit stands for the application's (the scalar path computes it).
unit_counts = st.just({}) | st.fixed_dictionaries({"世帯数": st.integers(0, 500)})


@st.composite
def applications(draw: st.DrawFn) -> Application:
    if draw(st.booleans()):
        cost: int | dict[str, int] = draw(st.sampled_from([0, 1, 999, 1000, 100_000, 300_000]) | yen)
        total = cost
    else:
        cost = draw(st.dictionaries(st.sampled_from(("", *CATEGORIES)), yen, min_size=1, max_size=3))
        total = sum(cost.values())
    count = draw(st.integers(0, 3))
    units: list[Unit] = []
    if count and draw(st.booleans()) and total:
        cuts = sorted(draw(st.lists(st.integers(0, total), min_size=count - 1, max_size=count - 1)))
        costs = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        units = [Unit(f"{i}号機", c, draw(attributes), draw(unit_counts)) for i, c in enumerate(costs)]
    elif count:
        units = [Unit(f"{i}号機", 0, draw(attributes)) for i in range(count)]
    claim = Claim(
        units=units,
        attributes=draw(attributes),
        deductions=draw(st.dictionaries(st.sampled_from(KINDS), st.integers(0, 300_000), max_size=2)),
        site=draw(st.sampled_from([None, "集会所A", "集会所B"])),
        counts={"世帯数": draw(st.integers(0, 500))},
    )
    return Application(draw(st.sampled_from(BODIES)), FiscalYear(draw(st.integers(2020, 2024))), cost, claim)


def _scalar(rule: SubsidyRule, population: Sequence[Application]) -> list[tuple[Any, ...]] | str:
    try:
        result = what_if(population, {"v": rule})
    except ValidationError as error:
        return f"ValidationError: {error}"
    return [(row.award, row.binding, row.refusal) for row in result.rows]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules(), st.lists(applications(), min_size=1, max_size=14))
def test_the_fast_path_equals_the_scalar_path_on_every_row(rule: SubsidyRule, population: list[Application]) -> None:
    expected = _scalar(rule, population)
    try:
        fast = calculation_rows(rule, population)
    except Fallback as why:
        event(f"fell back: {why}")
        # The public fast path then says so and gives the scalar answer, or raises the same error.
        said = pytest.warns(kyodo.ScalarPathWarning, match=re.escape(str(why)))
        if isinstance(expected, str):
            with said, pytest.raises(ValidationError):
                what_if(population, {"v": rule}, fast=True)
        else:
            with said:
                rows = _scalar_rows(what_if(population, {"v": rule}, fast=True))
            assert rows == expected
        return
    event("computed with numpy")
    assert not isinstance(expected, str), f"the scalar path refused the population ({expected}); the fast path did not"
    assert [(amount, binding, refusal) for amount, binding, refusal in fast] == expected
    assert _scalar_rows(what_if(population, {"v": rule}, fast=True)) == expected


def _scalar_rows(result: kyodo.WhatIf) -> list[tuple[Any, ...]]:
    return [(row.award, row.binding, row.refusal) for row in result.rows]


def test_a_missing_count_falls_back_to_the_scalar_paths_error() -> None:
    rule = SubsidyRule("r", [Calculation([Rate("1/2"), Cap(400, times="世帯数", plus=100_000)])])
    population = [Application("A", FiscalYear(2024), 300_000)]
    with pytest.raises(Fallback):
        calculation_rows(rule, population)
    said = pytest.warns(kyodo.ScalarPathWarning, match="a count the claim does not give")
    with said, pytest.raises(ValidationError, match="世帯数"):
        what_if(population, {"v": rule}, fast=True)


def test_a_measured_count_falls_back_to_the_scalar_path_and_stays_exact() -> None:
    rule = SubsidyRule("r", [Calculation([CostCap(180_000, times="床面積"), Rate("1/2")])])
    population = [
        Application("A", FiscalYear(2024), 20_000_000, Claim(counts={"床面積": "10.000001"})),
        Application("B", FiscalYear(2024), 20_000_000, Claim(counts={"床面積": 90})),
    ]
    with pytest.raises(Fallback):
        calculation_rows(rule, population)
    with pytest.warns(kyodo.ScalarPathWarning, match="a count that is not a whole number"):
        rows = what_if(population, {"v": rule}, fast=True).rows
    assert [row.award for row in rows] == [900_000, 8_100_000]


def test_int64_overflow_falls_back_and_stays_exact() -> None:
    rule = SubsidyRule("r", [Calculation([Rate(Fraction(999_999_999, 1_000_000_000)), Round(("down", 1000))])])
    population = [Application("A", FiscalYear(2024), 10**15), Application("B", FiscalYear(2024), 7)]
    with pytest.raises(Fallback):
        calculation_rows(rule, population)
    with pytest.warns(kyodo.ScalarPathWarning, match="int64 could overflow"):
        rows = what_if(population, {"v": rule}, fast=True).rows
    assert [row.award for row in rows] == [999_999_999_000_000, 0]


# --- the example rules ----------------------------------------------------------------------------------


def _population(rule: SubsidyRule, seed: int, count: int = 160) -> list[Application]:
    """Applications a rule's steps have something to say about: its attributes, categories, deductions, counts."""
    rng = random.Random(seed)
    population = []
    for _ in range(count):
        fy = FiscalYear(rng.choice([2004, 2018, 2021, 2022, 2023, 2024, 2025, 2026, 2027]))
        terms = rule.terms(fy) or rule.versions[-1][1]
        declared = dict(terms.attributes) if isinstance(terms, Calculation) else {}
        steps = list(_walk(terms.steps)) if isinstance(terms, Calculation) else []
        categories = {c for s in steps if isinstance(s, Categories) for c in (*s.ineligible, *(s.eligible or ()))}
        kinds = {k for s in steps if isinstance(s, Deduct | DeficitCap) for k in (s.kinds or {"収入"})}
        counted = {s.times for s in steps if isinstance(s, Cap | CostCap) and s.times not in (None, "units")}
        minimums = {s.name: s.amount for s in steps if isinstance(s, MinimumCount)}
        cost: int | dict[str, int] = rng.choice([0, 1, 999, 100_000, 300_000, 1_000_000, 5_000_000, 20_000_000])
        cost += rng.randrange(1000)
        if categories and rng.random() < 0.5:
            cost = {c: rng.randrange(200_000) for c in rng.sample(sorted(categories), 1)} | {"本体": cost}
        total = sum(cost.values()) if isinstance(cost, dict) else cost
        units = []
        count = rng.randrange(7)
        if count:
            cuts = sorted(rng.randrange(total + 1) for _ in range(count - 1))
            costs = (
                [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)] if rng.random() < 0.7 else [0] * count
            )
            units = [
                Unit(
                    f"{i}号機",
                    c,
                    {n: rng.choice(v) for n, v in declared.items() if rng.random() < 0.5},
                    {n: rng.choice([0, m, m + 1, f"{m - 1}.5" if m >= 1 else 0]) for n, m in minimums.items()},
                )
                for i, c in enumerate(costs)
            ]
        claim = Claim(
            units=units if sum(unit.cost for unit in units) in (0, total) else [],
            attributes={n: rng.choice(v) for n, v in declared.items() if rng.random() < 0.9},
            deductions={k: rng.randrange(500_000) for k in kinds if rng.random() < 0.6},
            counts={c: rng.randrange(1000) for c in counted}
            | {n: rng.choice([m, m + 1, 0]) for n, m in minimums.items()},
            site=rng.choice([None, "集会所A", "集会所B"]),
        )
        population.append(Application(f"団体{rng.randrange(40)}", fy, cost, claim))
    return population


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_every_example_rule_computes_the_same_on_both_paths(path: Path) -> None:
    rule = kyodo.load(path, kind=SubsidyRule)
    for seed in range(3):
        population = _population(rule, seed)
        expected = _scalar(rule, population)
        assert not isinstance(expected, str)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", kyodo.ScalarPathWarning)
            assert _scalar_rows(what_if(population, {"v": rule}, fast=True)) == expected
        # A step left to the scalar path is said to be.
        if any(isinstance(terms, Calculation) and not covers(terms) for _start, terms in rule.versions):
            assert [str(warning.message) for warning in caught] == [
                "what-if variant 'v' runs on the scalar path, one Python object a row: "
                "a step only the scalar path computes"
            ]
        if all(isinstance(terms, Calculation) and covers(terms) for _start, terms in rule.versions):
            # The calculations go through numpy, not back to the scalar path.
            assert [tuple(row) for row in calculation_rows(rule, population)] == expected


def test_body_conditions_and_the_years_offered_are_checked_per_application() -> None:
    from kyodo import Body, BodyCondition, Milestone, YearMonth

    rule = SubsidyRule(
        "r",
        [Calculation([OncePerFY(), Rate("2/3"), Cap(200_000, per="total")])],
        first_fy=FiscalYear(2021),
        last_fy=FiscalYear(2024),
        conditions=[BodyCondition("founding_meeting", years_before=1)],
    )
    bodies = {"A": Body("A", milestones=[Milestone("founding_meeting", YearMonth(2021, 6))]), "B": Body("B")}
    population = [
        Application(body, FiscalYear(year), cost)
        for body in ("A", "B", "C")
        for year in range(2020, 2026)
        for cost in (240_000, 90_000)
    ]
    expected = [(row.award, row.binding, row.refusal) for row in what_if(population, {"v": rule}, bodies).rows]
    assert [tuple(row) for row in calculation_rows(rule, population, bodies)] == expected
    assert {refusal for _award, _binding, refusal in expected} >= {
        kyodo.Refusal.NOT_OFFERED,
        kyodo.Refusal.BODY_STATE,
        kyodo.Refusal.ONCE_PER_FY,
        kyodo.Refusal.TOTAL_REACHED,
    }


def test_a_body_with_too_many_applications_goes_to_the_scalar_path() -> None:
    from kyodo._fast_steps import MAX_PASSES

    rule = SubsidyRule("r", [Calculation([Rate("1/2"), Cap(100_000, per="fy")])])
    population = [Application("A", FiscalYear(2024), 30_000) for _ in range(MAX_PASSES + 1)]
    with pytest.raises(Fallback):
        calculation_rows(rule, population)
    with pytest.warns(kyodo.ScalarPathWarning, match="a body with too many applications"):
        awards = [row.award for row in what_if(population, {"v": rule}, fast=True).rows]
    assert awards == [15_000] * 6 + [10_000] + [0] * (MAX_PASSES - 6)
