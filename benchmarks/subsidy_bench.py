"""Benchmark subsidy awards, scalar and fast path, against a numpy floor and OpenFisca-core.

Usage::

    python benchmarks/subsidy_bench.py [--quick]
    python benchmarks/run.py --only subsidy [--quick] [--write docs/performance.md]

The rule is seed 001's 事業4 (Ichinoseki): 2/3 of the cost, at most 200,000 yen
per body per fiscal year, rounded down to the yen, offered until FY2015. The
population is 1,000,000 applications from a seeded generator, one per body and
fiscal year (250,000 bodies over FY2012–FY2015), costs from 0 to 600,000 yen,
with the bounds (0, 299,999 to 300,002 yen: where the cap starts to bind) among
them. Timed, side by side in one run:

- the scalar path, ``rule.compute(cost, fy)`` per application, on the first
  100,000, beside the same numpy floor on those 100,000 and the plain-Python
  function with compute's checks (``plain_award``: the cost whole yen of 0 or
  more, the fiscal year of the rule's calendar and within its period, the
  rate's product rounded down, then capped), per application;
- the fast path on all 1,000,000: ``kyodo._fast.award_arrays(costs, terms)``
  on a numpy int64 array (the kernel: amounts, binding constraints and
  refusals, as Python lists), ``what_if(frame, {"v": rule}, fast=True)`` on a
  pandas DataFrame of body, fiscal year and cost (it reads the columns as
  ``what_if_frame`` does and builds a ``WhatIfRow`` per award), and ``what_if``
  on a list of ``Application`` objects built beforehand;
- the floor, ``np.minimum(costs * 2 // 3, 200_000)`` in int64;
- OpenFisca-core computing ``award = min_(floor(cost * 2 / 3), 200000)`` over
  1,000,000 persons, with the build (entity, variables, tax-benefit system,
  simulation, input) and the calculation alone.

A second rule is a calculation of steps: 日光市's 自治会まちづくり活動支援事業補助金
(``examples/subsidies/nikko-machizukuri.toml``: once a fiscal year; 10/10 or 1/2
by the kind of activity, from a table; at most the cost less the income; at
most 400 yen a household plus 100,000 yen; rounded down to 1,000 yen). Its
population is 200,000 applications (a quick run: 20,000), one per body and
fiscal year, each with its activity, income and households. Timed: the scalar
path, ``what_if(applications, {"v": rule})`` (a ledger a body) on the first
20,000 (2,000); the fast path's kernel,
``kyodo._fast_steps.calculation_rows(rule, applications)``, and
``what_if(applications, {"v": rule}, fast=True)`` on all of them; and a numpy
floor of the same arithmetic.

A third case is the notebook study of issue 13: the same 1,000,000 applications
under two variants of 事業4 (rate 1/2 and 2/3), from a DataFrame: the columnar
``what_if_frame(frame, variants)`` with the body column as text and as a
category, beside the row path ``what_if(frame, variants, fast=True)`` on the
first 100,000 rows (10,000 in a quick run), the floor, both numpy expressions,
and the floor with the check the per-FY cap needs (``checked_floor``: one
application per body and fiscal year, else a cumulative sum per body and year),
the least code that gives kyodo's answer when a body applies twice. The peak
memory of one ``what_if_frame`` call (tracemalloc) is set beside the input
frame's, with a goal of 3×. The kernel's goals include being faster than
OpenFisca's calculation alone.

Every path's awards are checked against the floor's on every row before
anything is timed. Timing uses the helpers of ``grading_bench.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

import grading_bench as common
import kyodo
import plan_io
from grading_bench import Case, Contender, Peer, fmt_ratio, fmt_us, ratio
from kyodo import Application, Claim, FiscalYear, SubsidyRule, SubsidyTerms, rule_grid, what_if, what_if_frame
from kyodo._fast import award_arrays
from kyodo._fast_steps import calculation_rows

START_MARKER = "<!-- bench:subsidy:start -->"
END_MARKER = "<!-- bench:subsidy:end -->"

#: The goals from the issue, for the fast path: faster than OpenFisca (with its build), and within
#: this many times the floor.
FLOOR_GOAL = 3.0
#: The goal from the issue for the scalar path: rule.compute within this many times plain_award.
SCALAR_GOAL = 10.0
CAP = 200_000
FIRST_FY, LAST_FY = 2012, 2015
PERIOD = str(LAST_FY)
SEED = 20150401
#: Costs placed among the random ones: nothing, a yen, and where the cap starts to bind.
EDGES = (0, 1, 2, 3, 299_998, 299_999, 300_000, 300_001, 300_002, 600_000)


@dataclass(frozen=True)
class Size:
    scalar: int
    fast: int
    repeats: int
    target: float
    steps_scalar: int
    steps_fast: int


# Five passes: on a shared 2-core machine the best of three was too often a slow moment (the kernel, a few
# milliseconds a call, swung from 0.7x to 1.35x the floor between full runs).
FULL = Size(100_000, 1_000_000, 5, 0.2, 20_000, 200_000)
QUICK = Size(10_000, 100_000, 2, 0.05, 2_000, 20_000)
#: The calculation of steps timed beside 事業4, and the fiscal years of its population (it starts in 令和3年度).
STEPS_RULE = "examples/subsidies/nikko-machizukuri.toml"
STEPS_FIRST_FY, STEPS_LAST_FY = 2021, 2024
#: How many applications the profile of what_if runs over.
PROFILE_ROWS = 100_000
#: Which profile is taken when which contender misses its goal.
PROFILED_BY = {"kernel": ("kernel",), "frame": ("frame", "list")}


def rule_4() -> SubsidyRule:
    """Seed 001's 事業4, as in kyodo.subsidies."""
    return SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=CAP)], last_fy=FiscalYear(LAST_FY))


@dataclass
class Population:
    costs: np.ndarray  # int64
    bodies: list[str]
    years: list[int]

    def __len__(self) -> int:
        return len(self.bodies)


def make_population(count: int, seed: int = SEED) -> Population:
    rng = np.random.default_rng(seed)
    costs = rng.integers(0, 600_001, count, dtype=np.int64)
    costs[::97] = np.resize(np.array(EDGES, dtype=np.int64), costs[::97].shape)
    years_per_body = LAST_FY - FIRST_FY + 1
    bodies = [f"団体{index // years_per_body:06d}" for index in range(count)]
    years = [FIRST_FY + index % years_per_body for index in range(count)]
    return Population(costs, bodies, years)


def floor_awards(costs: np.ndarray) -> np.ndarray:
    """The floor: 2/3 of the cost rounded down, capped, in int64."""
    return np.minimum(costs * 2 // 3, CAP)


def plain_award(cost: int, fy: FiscalYear) -> int:
    """事業4 in plain Python, with the checks ``rule.compute`` makes: the least honest code for one application.

    The cost is whole yen of 0 or more; the fiscal year is one of the rule's
    calendar (April), and within its period (until FY2015; its one version is
    in force in every year); the rate's product is rounded down to the yen,
    then capped. Out of the period, nothing.
    """
    if type(cost) is not int or cost < 0:
        raise ValueError(f"the cost must be whole yen of 0 or more, not {cost!r}")
    if type(fy) is not FiscalYear or fy.start_month != 4:
        raise TypeError(f"expected a fiscal year starting in April, not {fy!r}")
    if fy.year > LAST_FY:
        return 0
    return min(cost * 2 // 3, CAP)


# --- OpenFisca ----------------------------------------------------------------------------


def openfisca_build(costs: np.ndarray, rates: dict[str, tuple[int, int]] | None = None) -> Any:
    """A minimal tax-benefit system (one entity, ``cost`` and an award a rate) and a simulation over ``costs``.

    ``rates`` names each award variable with its rate (numerator, denominator); by default one,
    ``award``, at 2/3.
    """
    from openfisca_core.entities import build_entity
    from openfisca_core.model_api import YEAR, Variable, min_
    from openfisca_core.simulations import SimulationBuilder
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem

    person = build_entity(key="person", plural="persons", label="An applicant", is_person=True)

    class cost(Variable):
        value_type = int
        entity = person
        definition_period = YEAR
        label = "The cost applied for, in yen"

    def award(name: str, numerator: int, denominator: int) -> type:
        def formula(persons: Any, period: Any) -> Any:
            return min_(np.floor(persons("cost", period) * numerator / denominator), CAP)

        label = f"{numerator}/{denominator} of the cost, rounded down, at most 200,000 yen"
        attributes = {"value_type": int, "entity": person, "definition_period": YEAR, "label": label}
        return type(name, (Variable,), {**attributes, "formula": formula})

    system = TaxBenefitSystem([person])
    system.add_variables(cost, *(award(name, *rate) for name, rate in (rates or {"award": (2, 3)}).items()))
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("person", np.arange(len(costs)))
    simulation = builder.build(system)
    simulation.set_input("cost", PERIOD, costs)
    return simulation


def openfisca_calculate(simulation: Any, name: str = "award") -> np.ndarray:
    simulation.delete_arrays(name)  # the simulation caches what it computed; compute it afresh
    return simulation.calculate(name, PERIOD)


#: The notebook study's variants as OpenFisca award variables: rate 1/2 and 2/3.
OPENFISCA_VARIANTS: Final = {"award_half": (1, 2), "award_two_thirds": (2, 3)}


def openfisca_variants(simulation: Any) -> np.ndarray:
    """Both variants' awards, calculated afresh, laid out as the floor lays them out (a row an application)."""
    return np.column_stack([openfisca_calculate(simulation, name) for name in OPENFISCA_VARIANTS])


def openfisca_contenders(
    openfisca: Peer,
    costs: np.ndarray,
    rates: dict[str, tuple[int, int]] | None,
    calculate: Callable[[Any], np.ndarray],
    code: tuple[str, str],
) -> tuple[Contender, Contender, Any]:
    """OpenFisca with its build and its calculation alone, and the simulation built (None if it cannot run here).

    ``calculate`` computes the awards afresh on a built simulation; ``code`` is how the table shows the
    calculation, and what it is over.
    """
    call, over = code
    with_build = Contender("openfisca_build", "peer", f"{openfisca.label}, with build", f"build + {call}{over}", None)
    alone = Contender("openfisca_calc", "peer", f"{openfisca.label}, calculation alone", f"{call} alone{over}", None)
    if openfisca.module is None:
        with_build.note = alone.note = openfisca.problem
        return with_build, alone, None
    try:
        simulation = openfisca_build(costs, rates)
        calculate(simulation)
    except Exception as error:  # OpenFisca that cannot run here is reported, and the rest goes on
        with_build.note = alone.note = f"cannot run here ({type(error).__name__}: {str(error)[:200]})"
        print(f"!! OpenFisca: {with_build.note}", file=sys.stderr)
        return with_build, alone, None
    with_build.run = lambda: calculate(openfisca_build(costs, rates))
    with_build.answers = lambda: calculate(openfisca_build(costs, rates)).ravel().tolist()
    alone.run = lambda: calculate(simulation)
    alone.answers = lambda: calculate(simulation).ravel().tolist()
    return with_build, alone, simulation


# --- cases ----------------------------------------------------------------------------------


def scalar_case(size: Size, population: Population) -> Case:
    rule = rule_4()
    count = min(size.scalar, len(population))
    costs = population.costs[:count]
    cost_list = costs.tolist()
    fiscal_years = {year: FiscalYear(year) for year in set(population.years)}
    pairs = [(cost, fiscal_years[year]) for cost, year in zip(cost_list, population.years[:count], strict=True)]
    expected = floor_awards(costs).tolist()
    contenders = [
        Contender(
            "floor",
            "floor",
            "floor (numpy)",
            "np.minimum(costs * 2 // 3, 200_000)",
            lambda: floor_awards(costs),
            lambda: floor_awards(costs).tolist(),
        ),
        Contender(
            "python",
            "reference",
            "plain Python, with compute's checks",
            "plain_award(cost, fy), per application",
            common.drain(plain_award, pairs, star=True),
            lambda: [plain_award(cost, fy) for cost, fy in pairs],
        ),
        Contender(
            "compute",
            "kyodo",
            "kyodo, scalar",
            "rule.compute(cost, fy), per application",
            common.drain(rule.compute, pairs, star=True),
            lambda: [rule.compute(cost, fy).amount for cost, fy in pairs],
        ),
    ]
    return Case("scalar", f"Scalar path, {count:,} applications", count, contenders, expected)


def fast_case(size: Size, population: Population, openfisca: Peer) -> tuple[Case, dict[str, Any]]:
    rule = rule_4()
    terms = rule.terms(FiscalYear(LAST_FY))
    assert terms is not None
    costs = population.costs
    expected = floor_awards(costs).tolist()
    frame = pd.DataFrame({"body": population.bodies, "fy": population.years, "cost": costs})
    fiscal_years = {year: FiscalYear(year) for year in set(population.years)}
    applications = [
        Application(body, fiscal_years[year], cost)
        for body, year, cost in zip(population.bodies, population.years, costs.tolist(), strict=True)
    ]
    variants = {"v": rule}

    def awards_of(result: Any) -> list[int]:
        return [row.award for row in result.rows]

    contenders = [
        Contender(
            "floor",
            "floor",
            "floor (numpy)",
            "np.minimum(costs * 2 // 3, 200_000)",
            lambda: floor_awards(costs),
            lambda: floor_awards(costs).tolist(),
        ),
        Contender(
            "kernel",
            "kyodo",
            "kyodo, fast kernel",
            "kyodo._fast.award_arrays(costs, terms)",
            lambda: award_arrays(costs, terms),
            lambda: award_arrays(costs, terms).amounts.tolist(),
        ),
        Contender(
            "frame",
            "kyodo",
            "kyodo, what_if from a DataFrame",
            'what_if(frame, {"v": rule}, fast=True)',
            lambda: what_if(frame, variants, fast=True),
            lambda: awards_of(what_if(frame, variants, fast=True)),
        ),
        Contender(
            "list",
            "kyodo",
            "kyodo, what_if from Applications",
            'what_if(applications, {"v": rule}, fast=True)',
            lambda: what_if(applications, variants, fast=True),
            lambda: awards_of(what_if(applications, variants, fast=True)),
        ),
    ]
    info: dict[str, Any] = {"edges": int(np.isin(costs, EDGES).sum()), "capped": int((costs * 2 // 3 > CAP).sum())}
    with_build, alone, simulation = openfisca_contenders(
        openfisca, costs, None, openfisca_calculate, ("simulation.calculate('award', period)", "")
    )
    if simulation is not None:
        info["openfisca_dtypes"] = (
            str(simulation.calculate("cost", PERIOD).dtype),
            str(openfisca_calculate(simulation).dtype),
        )
    contenders += [with_build, alone]
    case = Case("fast", f"Fast path, {len(population):,} applications", len(population), contenders, expected)
    subset = frame.iloc[: min(PROFILE_ROWS, len(population))]
    info["profiles"] = {
        "kernel": (
            "kyodo._fast.award_arrays(costs, terms)",
            f"all {len(population):,} costs",
            lambda: award_arrays(costs, terms),
        ),
        "frame": (
            'what_if(frame, {"v": rule}, fast=True)',
            f"the first {len(subset):,} rows",
            lambda: what_if(subset, variants, fast=True),
        ),
    }
    return case, info


#: The two variants of the columnar study, and how many rows the row path runs over.
COLUMNAR_RATES = ("1/2", "2/3")


def columnar_floor(costs: np.ndarray) -> np.ndarray:
    """Both variants in int64, row by row: (1/2 of the cost, 2/3 of it), each rounded down and capped."""
    return np.column_stack([np.minimum(costs // 2, CAP), np.minimum(costs * 2 // 3, CAP)]).ravel()


def checked_floor(frame: pd.DataFrame) -> np.ndarray:
    """The floor with the check 事業4's per-FY cap needs, as :func:`columnar_floor` lists its awards.

    A body's applications in one fiscal year share the 200,000 yen: where one applies twice, each
    (body, fiscal year)'s awards fill the cap in row order (a cumulative sum); the benchmark's
    population has no such pair, so here it is the duplicate check and the floor.
    """
    costs = frame["cost"].to_numpy()
    shared = bool(frame.duplicated(["body", "fy"]).any())
    awards = []
    for raw in (costs // 2, costs * 2 // 3):
        if shared:
            keys = [frame["body"], frame["fy"]]
            filled = np.minimum(pd.Series(raw, index=frame.index).groupby(keys).cumsum(), CAP)
            awards.append((filled - filled.groupby(keys).shift(fill_value=0)).to_numpy())
        else:
            awards.append(np.minimum(raw, CAP))
    return np.column_stack(awards).ravel()


#: The goal for the notebook study's memory: its peak within this many times the input frame.
MEMORY_GOAL = 3.0


def columnar_memory(population: Population) -> dict[str, tuple[int, int]]:
    """``what_if_frame``'s peak memory (result included) and the input frame's, bodies as text and as a category.

    tracemalloc follows numpy's and Python's allocations; pyarrow's own memory pool (pandas'
    strings when pyarrow is installed) is not in it.
    """
    variants = rule_grid(rule_4(), rate=list(COLUMNAR_RATES))
    frame = pd.DataFrame({"body": population.bodies, "fy": population.years, "cost": population.costs})
    found = {}
    for key, population_frame in (
        ("columns", frame),
        ("category", frame.assign(body=frame["body"].astype("category"))),
    ):
        gc.collect()
        tracemalloc.start()
        try:
            result = what_if_frame(population_frame, variants)
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        del result
        found[key] = (peak, int(population_frame.memory_usage(deep=True).sum()))
    return found


def columnar_case(size: Size, population: Population, openfisca: Peer) -> Case:
    variants = rule_grid(rule_4(), rate=list(COLUMNAR_RATES))
    costs = population.costs
    frame = pd.DataFrame({"body": population.bodies, "fy": population.years, "cost": costs})
    categorised = frame.assign(body=frame["body"].astype("category"))
    # The same rows in a random order, as a study's rows often come: awards join back by the index.
    shuffled = categorised.sample(frac=1.0, random_state=SEED)
    subset = frame.iloc[: size.scalar]

    def columns(result: Any) -> list[int]:
        awards = result.awards.sort_index()
        return np.column_stack([awards[name].to_numpy() for name in variants]).ravel().tolist()

    # The checked floor is only a floor if it gives kyodo's answer where a body applies twice in a year.
    twice = pd.DataFrame(
        {"body": ["A", "A", "B", "A", "A"], "fy": [2014, 2014, 2014, 2015, 2014], "cost": [240_000, 150_000, 9, 5, 99]}
    )
    if checked_floor(twice).tolist() != columns(what_if_frame(twice, variants)):
        raise AssertionError("the checked floor does not give kyodo's awards where a body applies twice")

    def rows(result: Any) -> list[int]:
        awards = {name: [row.award for row in result.rows if row.variant == name] for name in variants}
        return np.column_stack([awards[name] for name in variants]).ravel().tolist()

    contenders = [
        Contender(
            "floor",
            "floor",
            "floor (numpy)",
            "np.minimum(costs // 2, 200_000), np.minimum(costs * 2 // 3, 200_000)",
            lambda: columnar_floor(costs),
            lambda: columnar_floor(costs).tolist(),
        ),
        Contender(
            "checked",
            "reference",
            "floor with the check (numpy, pandas), body as text",
            'frame.duplicated(["body", "fy"]).any(), then the floor (a cumulative sum per body and year if true)',
            lambda: checked_floor(frame),
            lambda: checked_floor(frame).tolist(),
        ),
        Contender(
            "columns",
            "kyodo",
            "kyodo, columnar, body as text",
            "what_if_frame(frame, variants)",
            lambda: what_if_frame(frame, variants),
            lambda: columns(what_if_frame(frame, variants)),
        ),
        Contender(
            "category",
            "kyodo",
            "kyodo, columnar, body as a category",
            "what_if_frame(frame, variants), frame.body a category",
            lambda: what_if_frame(categorised, variants),
            lambda: columns(what_if_frame(categorised, variants)),
        ),
        Contender(
            "shuffled",
            "kyodo",
            "kyodo, columnar, body as a category, rows shuffled",
            "what_if_frame(frame.sample(frac=1), variants)",
            lambda: what_if_frame(shuffled, variants),
            lambda: columns(what_if_frame(shuffled, variants)),
        ),
        Contender(
            "rows",
            "kyodo",
            "kyodo, a row a Python object",
            "what_if(frame, variants, fast=True)",
            lambda: what_if(subset, variants, fast=True),
            lambda: rows(what_if(subset, variants, fast=True)),
            items=len(subset) * len(variants),
        ),
    ]
    with_build, alone, _simulation = openfisca_contenders(
        openfisca,
        costs,
        OPENFISCA_VARIANTS,
        openfisca_variants,
        ("simulation.calculate(name, period)", " for award_half and award_two_thirds"),
    )
    contenders += [with_build, alone]
    expected = columnar_floor(costs).tolist()
    title = f"A notebook study, {len(population):,} applications × {len(variants)} variants"
    return Case("columnar", title, len(population) * len(variants), contenders, expected)


def steps_rule() -> SubsidyRule:
    return kyodo.load(Path(__file__).parent.parent / STEPS_RULE, kind=SubsidyRule)


@dataclass
class StepsPopulation:
    applications: list[Application]
    costs: np.ndarray
    full: np.ndarray  # 地域防災: 10/10, else 1/2
    income: np.ndarray
    households: np.ndarray


def make_steps_population(count: int, seed: int = SEED) -> StepsPopulation:
    """Applications to 日光市's rule, one per body and fiscal year, with the bounds of each step among them."""
    rng = np.random.default_rng(seed)
    costs = rng.integers(0, 600_001, count, dtype=np.int64)
    costs[::97] = np.resize(np.array(EDGES, dtype=np.int64), costs[::97].shape)
    full = rng.integers(0, 2, count).astype(bool)
    income = np.where(rng.integers(0, 3, count) == 0, 0, rng.integers(0, 400_001, count))
    households = rng.integers(0, 1_000, count, dtype=np.int64)
    years = STEPS_LAST_FY - STEPS_FIRST_FY + 1
    fiscal_years = [FiscalYear(year) for year in range(STEPS_FIRST_FY, STEPS_LAST_FY + 1)]
    applications = [
        Application(
            f"自治会{index // years:06d}",
            fiscal_years[index % years],
            cost,
            Claim(
                attributes={"活動": "地域防災" if is_full else "その他"},
                deductions={"収入": paid},
                counts={"世帯数": homes},
            ),
        )
        for index, (cost, is_full, paid, homes) in enumerate(
            zip(costs.tolist(), full.tolist(), income.tolist(), households.tolist(), strict=True)
        )
    ]
    return StepsPopulation(applications, costs, full, income, households)


def steps_floor(population: StepsPopulation) -> np.ndarray:
    """日光市's rule in int64, in halves of a yen: the rate, the deficit, the household cap, then 1,000 yen down."""
    rated = np.where(population.full, 2 * population.costs, population.costs)
    deficit = 2 * np.maximum(population.costs - population.income, 0)
    cap = 2 * (400 * population.households + 100_000)
    return np.minimum(np.minimum(rated, deficit), cap) // 2_000 * 1_000


def steps_case(size: Size) -> Case:
    rule = steps_rule()
    population = make_steps_population(size.steps_fast)
    applications = population.applications
    first = applications[: size.steps_scalar]
    variants = {"v": rule}

    def awards_of(result: Any) -> list[int]:
        return [row.award for row in result.rows]

    contenders = [
        Contender(
            "floor",
            "floor",
            "floor (numpy)",
            "min(rate × cost, cost − income, 400 × households + 100,000) // 1,000 × 1,000",
            lambda: steps_floor(population),
            lambda: steps_floor(population).tolist(),
        ),
        Contender(
            "scalar",
            "kyodo",
            "kyodo, scalar",
            'what_if(applications, {"v": rule})',
            lambda: what_if(first, variants),
            lambda: awards_of(what_if(first, variants)),
            items=len(first),
        ),
        Contender(
            "kernel",
            "kyodo",
            "kyodo, fast kernel",
            "kyodo._fast_steps.calculation_rows(rule, applications)",
            lambda: calculation_rows(rule, applications),
            lambda: [amount for amount, _binding, _refusal in calculation_rows(rule, applications)],
        ),
        Contender(
            "list",
            "kyodo",
            "kyodo, what_if from Applications",
            'what_if(applications, {"v": rule}, fast=True)',
            lambda: what_if(applications, variants, fast=True),
            lambda: awards_of(what_if(applications, variants, fast=True)),
        ),
    ]
    expected = steps_floor(population).tolist()
    title = f"A calculation of steps, {len(applications):,} applications"
    return Case("steps", title, len(applications), contenders, expected)


# --- running and reporting --------------------------------------------------------------------


@dataclass
class Result:
    size: Size
    quick: bool
    cases: list[Case]
    info: dict[str, Any]
    openfisca: Peer
    load_sentence: str = ""
    seconds: float = 0.0
    profiles: dict[str, tuple[str, str, common.Profile]] = field(default_factory=dict)


def scalar_goals(case: Case) -> dict[str, str]:
    """The scalar path's goal: ``rule.compute`` within SCALAR_GOAL times the plain function with the same checks."""
    times = ratio(case.per_item("compute"), case.per_item("python"))
    if times is None:
        return {"compute": f"≤ {SCALAR_GOAL:g}× plain Python: not measured"}
    verdict = "met" if times <= SCALAR_GOAL else "MISSED"
    return {"compute": f"≤ {SCALAR_GOAL:g}× plain Python: {verdict} ({fmt_ratio(times)})"}


def goals(case: Case) -> dict[str, str]:
    """For each kyodo contender of the fast path: faster than OpenFisca with its build, within FLOOR_GOAL of the floor."""
    if case.key == "scalar":
        return scalar_goals(case)
    if case.key == "columnar":
        floor, checked = case.per_item("floor"), case.per_item("checked")
        verdicts = {
            contender.key: common.at_most(ratio(case.per_item(contender.key), floor), FLOOR_GOAL)
            for contender in case.contenders
            if contender.role == "kyodo"
        }
        if "columns" in verdicts:
            within = common.at_most(ratio(case.per_item("columns"), checked), FLOOR_GOAL)
            verdicts["columns"] += f"; {within.replace('floor', 'the floor with the check')}"
        alone = case.per_item("openfisca_calc")
        for key in ("category", "shuffled"):
            if key in verdicts:
                faster = ratio(alone, case.per_item(key))
                verdicts[key] += "; faster than OpenFisca's calculation alone: " + (
                    "not measured" if faster is None else "met" if faster > 1 else "MISSED"
                )
        return verdicts
    if case.key != "fast":
        return {}
    floor, peer = case.per_item("floor"), case.per_item("openfisca_build")
    alone = case.per_item("openfisca_calc")
    verdicts = {}
    for contender in case.contenders:
        if contender.role != "kyodo":
            continue
        mine = case.per_item(contender.key)
        speedup = ratio(peer, mine)
        versus = (
            "faster than OpenFisca: not measured"
            if speedup is None
            else f"faster than OpenFisca: {'met' if speedup > 1 else 'MISSED'}"
        )
        verdicts[contender.key] = f"{common.at_most(ratio(mine, floor), FLOOR_GOAL)}; {versus}"
        if contender.key == "kernel":
            faster = ratio(alone, mine)
            verdicts[contender.key] += "; faster than OpenFisca's calculation alone: " + (
                "not measured" if faster is None else "met" if faster > 1 else "MISSED"
            )
    return verdicts


def run(quick: bool) -> tuple[Result, bool]:
    size = QUICK if quick else FULL
    openfisca = common.load_peer("openfisca-core", "openfisca_core")
    if openfisca.module is None:
        print(f"   OpenFisca: {openfisca.problem}; its comparisons are skipped", file=sys.stderr)
    started = time.perf_counter()
    _load, sentence = common.load_note()
    print(
        f"   subsidies: {size.scalar:,} applications on the scalar path, {size.fast:,} on the fast path, "
        f"best of {size.repeats} passes; {plan_io.machine()}",
        file=sys.stderr,
    )
    population = make_population(size.fast)
    all_right = True
    cases = [scalar_case(size, population)]
    fast, info = fast_case(size, population, openfisca)
    cases.append(fast)
    cases.append(steps_case(size))
    cases.append(columnar_case(size, population, openfisca))
    info["memory"] = columnar_memory(population)
    for case in cases:
        all_right = common.check(case) and all_right
        print(f"   subsidies: checked {case.title}", file=sys.stderr)
        common.time_in_turns(case, size.repeats, size.target)
        print(f"   subsidies: timed {case.title}", file=sys.stderr)
    result = Result(size, quick, cases, info, openfisca, sentence)
    verdicts = goals(fast)
    for key, (title, over, call) in info["profiles"].items():
        if any(common.missed(verdicts.get(which, "")) for which in PROFILED_BY[key]):
            try:
                result.profiles[key] = (title, over, common.profile_rows(call))
            except Exception as error:
                print(f"!! subsidies: cannot profile {key}: {type(error).__name__}: {error}", file=sys.stderr)
    result.seconds = time.perf_counter() - started
    print(f"   subsidies: done in {result.seconds:.0f} s", file=sys.stderr)
    return result, all_right


def console_report(result: Result) -> str:
    out = [common.console_table(case, goals(case)) for case in result.cases]
    out += ["Peak memory of what_if_frame (body | input | peak | peak ÷ input | goal):"]
    out += ["  " + row.strip("| ").replace(" | ", "  ") for row in memory_rows(result.info["memory"])]
    for title, _over, rows in result.profiles.values():
        out.append(common.profile_console(title, rows))
    return "\n".join(out)


def _table(case: Case, extra: Sequence[tuple[str, str, Callable[[str], str]]] = ()) -> list[str]:
    floor = case.per_item("floor")
    verdicts = goals(case)
    headers = ["Contender", "Code", "µs/item", "÷ floor", *(title for title, _align, _cell in extra), "Goal"]
    lines = [
        "| " + " | ".join(headers) + " |",
        "|---|---|---:|---:|" + "".join(f"{align}|" for _title, align, _cell in extra) + "---|",
    ]
    for contender in case.contenders:
        mine = case.per_item(contender.key)
        name = contender.name if contender.run is not None else f"{contender.name}: {contender.note}"
        code = contender.code.replace("|", "\\|")
        cells = [name, f"`{code}`", fmt_us(mine), fmt_ratio(ratio(mine, floor))]
        cells += [cell(contender.key) for _title, _align, cell in extra]
        cells.append(verdicts.get(contender.key, "–"))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def markdown_section(result: Result, command: str) -> str:
    size, peer = result.size, result.openfisca
    scalar, fast, steps, columnar = result.cases
    versions = f"kyodo {kyodo.__version__}, numpy {np.__version__}, pandas {pd.__version__}, " + (
        f"openfisca-core {peer.version}" if peer.module is not None else "openfisca-core not installed"
    )
    size_words = (
        f"a quick run: {scalar.items:,} and {fast.items:,} applications, where a full run times 100,000 and 1,000,000"
        if result.quick
        else "the sizes the issue asks for"
    )
    openfisca_time = fast.per_item("openfisca_build")

    def versus_openfisca(key: str) -> str:
        if key.startswith("openfisca") or key == "floor":
            return "–"
        return fmt_ratio(ratio(openfisca_time, fast.per_item(key)))

    lines = [
        START_MARKER,
        "## Subsidy awards",
        "",
        f"Measured {dt.date.today().isoformat()} with `{command}{' --quick' if result.quick else ''}`: "
        f"{plan_io.machine()}; {versions}.{result.load_sentence}",
        "",
        "The rule is seed 001's 事業4: 2/3 of the cost, at most 200,000 yen per body per fiscal year, rounded "
        f"down to the yen. The population ({size_words}): {fast.items:,} applications, one per body and fiscal "
        f"year ({fast.items // (LAST_FY - FIRST_FY + 1):,} bodies over FY{FIRST_FY}–FY{LAST_FY}), costs of 0 to "
        f"600,000 yen from a seeded generator, {result.info['edges']:,} of them placed on the edges (0 to 3 yen, "
        f"and 299,998 to 300,002 yen, where the cap starts to bind); the cap binds for {result.info['capped']:,}. "
        f"Times are per application: the best of {size.repeats} passes over the population (`timeit`, which "
        "turns the garbage collector off while it times), the contenders timed in turns, divided by the number "
        "of applications. *÷ floor* is how many times slower than the floor, "
        "`np.minimum(costs * 2 // 3, 200_000)` on an int64 array. Every path's awards were checked against the "
        "floor's on every application before anything was timed.",
        "",
        f"### Scalar path, {scalar.items:,} applications",
        "",
        *_table(scalar),
        "",
        "- `plain_award(cost, fy)`: 事業4 by hand with the checks `rule.compute` makes: the cost an int of 0 "
        "or more, the fiscal year one of the rule's calendar and within its period (its one version is in force "
        "every year), 2/3 of the cost rounded down to the yen, then the cap.",
        "- `rule.compute(cost, fy)` gives a full `Award` per application (exact integer arithmetic, the "
        "constraint that bound; its exact product, as a `Fraction`, and its explanation are made when first "
        f"read). The goal, from the issue: within {SCALAR_GOAL:g}× `plain_award`.",
        "",
        f"### Fast path, {fast.items:,} applications",
        "",
        *_table(fast, [("OpenFisca (with build) ÷ this", "---:", versus_openfisca)]),
        "",
        "What each line measures:",
        "",
        "- `award_arrays(costs, terms)`: the fast path's kernel alone, on the int64 array of costs: numpy "
        "arithmetic in int64 giving arrays of the amounts, the code of the binding constraint and the code of "
        "the refusal of each application (`what_if` turns them into rows).",
        '- `what_if(frame, {"v": rule}, fast=True)`: the public fast path from a pandas DataFrame of body, '
        "fiscal year (an int) and cost: integer columns, so it reads them as `what_if_frame` does (no "
        "`Application` a row), checks there is one application per body and year, finds the version in force, "
        "calls the kernel, and builds a `WhatIfRow` per award, with each row's body, `FiscalYear` and cost as "
        "Python objects.",
        '- `what_if(applications, {"v": rule}, fast=True)`: the same from a list of `Application` objects built '
        "beforehand (untimed): it reads their bodies, years and costs into columns, then as above.",
        "- Both `what_if` lines return a `WhatIf` of rows, a `WhatIfRow` (a frozen attrs object) an award: making "
        "it alone takes about half a microsecond, hundreds of times the floor's work an award, so their goals "
        "are beyond any path that makes a Python object a row. `what_if_frame` (the notebook study below) "
        "returns columns instead.",
    ]
    if peer.module is not None and fast.get("openfisca_build").run is not None:
        dtypes = result.info.get("openfisca_dtypes", ("?", "?"))
        lines.append(
            "- OpenFisca-core: a tax-benefit system built for this: one entity (person), an input variable "
            "`cost` and a computed variable `award` whose formula is `min_(np.floor(cost * 2 / 3), 200000)` "
            "(OpenFisca's `model_api` has `min_` but no floor, so numpy's), both `value_type = int`, over "
            f"{fast.items:,} persons for one year. *With build* times everything from building the entity, the "
            "variables and the tax-benefit system, through the simulation (`SimulationBuilder`, one person per "
            "application) and its input, to `calculate`; *alone* times `calculate` on a built simulation (its "
            "cached result deleted first). OpenFisca stores `int` variables as "
            f"{dtypes[0]} (and the award as {dtypes[1]}), and `cost * 2 / 3` is computed in float64, then "
            "floored: binary floating point, where kyodo and the floor use integers only. For these costs "
            "(below 2³¹, so 2 × cost / 3 is far from any rounding trouble in float64) its awards equal the "
            "floor's on every application, as checked."
        )
    elif peer.module is None:
        lines.append(f"- OpenFisca-core: {peer.problem}; left out.")
    else:
        lines.append(f"- OpenFisca-core: {fast.get('openfisca_build').note}; left out.")
    verdicts = goals(fast)
    missed_lines = [
        f"`{fast.get(key).code}` ({verdict})" for key, verdict in verdicts.items() if common.missed(verdict)
    ]
    lines.append("")
    if missed_lines:
        lines.append(f"**Goals missed**: {'; '.join(missed_lines)}. Where kyodo's time goes:")
    else:
        lines.append(
            f"The goals are met: the fast path is faster than OpenFisca with its build and within {FLOOR_GOAL:g}× "
            "the floor."
        )
    for title, over, rows in result.profiles.values():
        lines += ["", *common.profile_markdown(title, rows, f"over {over}")]
    for case in result.cases:
        for contender in case.contenders:
            if contender.run is None and contender.note and contender.role != "peer":
                lines.append(f"- {case.title}: {contender.name} {contender.note}.")
    scalar_steps = steps.get("scalar")

    def speedup(key: str) -> str:
        return fmt_ratio(ratio(columnar.per_item("rows"), columnar.per_item(key)))

    body_dtype = f"`{pd.Series(['団体']).dtype!r}`".replace("<", "").replace(">", "")

    lines += [
        "",
        f"### A calculation of steps, {steps.items:,} applications",
        "",
        "The rule is 日光市's 自治会まちづくり活動支援事業補助金 (`" + STEPS_RULE + "`): once a fiscal year; "
        "10/10 for 地域防災 and 1/2 for other activities, from a table; at most the cost less the income; at most "
        "400 yen a household plus 100,000 yen; rounded down to 1,000 yen. The population: "
        f"{steps.items:,} applications, one per body and fiscal year (FY{STEPS_FIRST_FY}–FY{STEPS_LAST_FY}), "
        "costs of 0 to 600,000 yen with the same edges, each with its activity (a coin toss), its income (none "
        "for a third, else 0 to 400,000 yen) and its households (0 to 999). The scalar path ran over the first "
        f"{scalar_steps.items or steps.items:,}. *÷ floor* is against the same arithmetic in int64 "
        "(`steps_floor` in `benchmarks/subsidy_bench.py`).",
        "",
        *_table(steps),
        "",
        '- `what_if(applications, {"v": rule})`: the scalar path: a `Ledger` a body, `rule.compute` per '
        "application with its claim, a `WhatIfRow` per award.",
        "- `calculation_rows(rule, applications)`: the fast path's kernel for calculations, from the "
        "`Application` objects: it reads their claims into arrays (attributes, deductions, counts), checks "
        "each claim as the scalar path does, runs the steps on arrays, and lists (award, binding, refusal).",
        '- `what_if(applications, {"v": rule}, fast=True)`: the same, and a `WhatIfRow` per award.',
        f"- The fast path is {fmt_ratio(ratio(steps.per_item('scalar'), steps.per_item('list')))} as fast as "
        "the scalar path from `what_if`, per application.",
        "",
        f"### {columnar.title}",
        "",
        "Issue 13's notebook study: the population above as a pandas DataFrame (body, fiscal year as an int, "
        "cost), under 事業4 at rates 1/2 and 2/3 (`rule_grid`). Times are per award (a row under a variant); "
        f"the row path ran over the first {columnar.get('rows').items or 0:,} awards. Every award was checked "
        "against the floor's.",
        "",
        *_table(columnar),
        "",
        "- `what_if_frame(frame, variants)`: reads the columns (costs and years checked, not copied), finds "
        "the version in force (once for both variants: here every row's year is under the one version, so no "
        "row is searched), checks that no body has two applications in a fiscal year (else the per-FY cap "
        "is shared: each body's rows are then taken in fiscal-year order), runs the kernel a variant, in "
        "place, into the block that becomes the awards' int64 DataFrame, and returns the bindings and refusals "
        "as Categoricals on the frame's index. Totals are summed when asked for, so they are not in these "
        "times.",
        f"- Body as text ({body_dtype}): pandas codes 1,000,000 strings once a call (`pd.factorize`), for the "
        "check, most of the time. As a category (`frame['body'].astype('category')`, done once, untimed) the "
        "codes are already there.",
        "- The floor with the check is the least numpy and pandas code that gives kyodo's answer here and "
        "where a body applies twice in a year (checked on such a population): `frame.duplicated` over body "
        "and fiscal year codes the bodies as kyodo does, and without it the floor would give each of a "
        "body's applications its own 200,000 yen. Beside it kyodo with bodies as text is "
        f"{fmt_ratio(ratio(columnar.per_item('columns'), columnar.per_item('checked')))}.",
        "- `what_if(frame, variants, fast=True)`: the row path: the columns read and computed as by "
        "`what_if_frame`, and a `WhatIfRow` per award (with its body, `FiscalYear` and cost as Python objects), "
        "which is most of its time.",
        "- Rows shuffled: the category frame in a random order (`frame.sample(frac=1)`, done once, untimed), "
        "its awards joined back by the index for the check. With no order of body and year to lean on, the "
        "check of one application a body and year marks each (body, year) pair in a table.",
        "- OpenFisca-core: the tax-benefit system of the fast path above with two award variables, "
        "`award_half` (1/2) and `award_two_thirds` (2/3), over the same costs; *with build* times building it "
        "and calculating both, *alone* calculating both on a built simulation (cached results deleted first). "
        "It reads no bodies and checks nothing: the issue asks kyodo's public what-if to beat its calculation "
        "alone all the same.",
        f"- The columnar path is {speedup('columns')} as fast as the row path with bodies as text, "
        f"{speedup('category')} with bodies as a category.",
        "",
        "Peak memory of one `what_if_frame(frame, variants)` call (tracemalloc: numpy's and Python's "
        "allocations, the result included; pyarrow's own pool, where pandas keeps its strings when pyarrow "
        "is installed, is not traced) beside the input frame (`frame.memory_usage(deep=True).sum()`):",
        "",
        "| Body | Input frame | Peak | Peak ÷ input | Goal |",
        "|---|---:|---:|---:|---|",
        *memory_rows(result.info["memory"]),
    ]
    while lines[-1] == "":
        lines.pop()
    lines += ["", END_MARKER]
    return "\n".join(lines)


def memory_rows(memory: dict[str, tuple[int, int]]) -> list[str]:
    """The memory table's rows: each body column's input, peak, their ratio and the goal's verdict."""
    names = {"columns": "as text", "category": "as a category"}
    rows = []
    for key, (peak, frame) in memory.items():
        share = ratio(peak, frame)
        verdict = common.at_most(share, MEMORY_GOAL).replace("floor", "the input")
        rows.append(
            f"| {names[key]} | {frame / 2**20:,.1f} MiB | {peak / 2**20:,.1f} MiB | {fmt_ratio(share)} | {verdict} |"
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller populations, fewer passes")
    args = parser.parse_args(argv)
    result, all_right = run(args.quick)
    print(console_report(result))
    return 0 if all_right else 1


if __name__ == "__main__":
    sys.exit(main())
