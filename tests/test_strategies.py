"""kyodo.strategies draws only valid objects, of every model type, and st.from_type knows them all."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kyodo.strategies as ks
from kyodo import (
    AllOf,
    AnyOf,
    Body,
    BudgetLine,
    Covers,
    Criterion,
    Evaluation,
    EvaluationKind,
    Evaluator,
    FiscalYear,
    FiscalYearRange,
    Indicator,
    Judgment,
    Measure,
    MeetsTarget,
    Milestone,
    MilestoneKind,
    MilestoneReached,
    Node,
    Not,
    Observation,
    Ongoing,
    Plan,
    ProgressCheck,
    Reaches,
    Relisting,
    ScheduleEntry,
    Section,
    Target,
    YearMonth,
)
from kyodo.plan import _code_key

# Drawing a plan builds dozens of objects; a few dozen plans show the invariants well enough.
PLAN_SETTINGS = settings(max_examples=40, deadline=None)

REGISTERED = [
    FiscalYear,
    FiscalYearRange,
    YearMonth,
    Observation,
    Target,
    Indicator,
    ScheduleEntry,
    BudgetLine,
    ProgressCheck,
    Evaluator,
    Evaluation,
    Milestone,
    Body,
    Measure,
    Relisting,
    Section,
    Plan,
    Reaches,
    Covers,
    MeetsTarget,
    MilestoneReached,
    Judgment,
    Ongoing,
    AllOf,
    AnyOf,
    Not,
]


def test_every_name_in_all_is_a_documented_strategy_function() -> None:
    for name in ks.__all__:
        function = getattr(ks, name)
        assert callable(function), name
        assert function.__doc__, f"{name} has no docstring"
        assert isinstance(function(), st.SearchStrategy), name


@pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.__name__)
def test_from_type_draws_each_registered_type(kind: type) -> None:
    # too_slow: the first draw of a plan or a section builds every strategy beneath it once.
    @settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.from_type(kind))
    def check(value: object) -> None:
        assert isinstance(value, kind)

    check()


def test_registering_does_not_import_the_strategies_module() -> None:
    # The hook runs while hypothesis itself is being imported; importing kyodo.strategies then would be circular.
    code = "import sys\nfrom kyodo._hypothesis import register\nregister()\nprint('kyodo.strategies' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- numbers ----------------------------------------------------------------------------------------


@given(st.data(), st.integers(-(10**6), 10**6), st.integers(0, 10**6), st.integers(0, 6), st.booleans())
def test_exact_decimals_are_finite_bounded_and_at_most_places(
    data: st.DataObject, low: int, width: int, places: int, scientific: bool
) -> None:
    value = data.draw(ks.exact_decimals(low, low + width, places=places, scientific=scientific))
    assert isinstance(value, Decimal)
    assert value.is_finite()
    assert low <= value <= low + width
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    assert -places <= exponent <= (3 if scientific else 0)


def test_exact_decimals_refuses_impossible_bounds() -> None:
    with pytest.raises(ValueError, match="no Decimal"):
        ks.exact_decimals(Decimal("0.1"), Decimal("0.2"), places=0)
    with pytest.raises(ValueError, match="finite"):
        ks.exact_decimals(Decimal("NaN"), 1)
    with pytest.raises(ValueError, match="min_value <= max_value"):
        ks.exact_decimals(2, 1)


@given(ks.names())
def test_names_are_never_blank(name: str) -> None:
    assert name.strip()


@given(ks.node_numbers())
def test_node_numbers_are_accepted_by_every_node(number: str) -> None:
    assert number.strip()
    assert "-" not in number
    assert "－" not in number
    Relisting(number, "x")


# --- indicators -------------------------------------------------------------------------------------------


@given(ks.targets(qualitative=True))
def test_qualitative_targets_have_text_and_no_value(target: Target) -> None:
    assert target.value is None
    assert target.text
    assert not target.is_numeric


@given(ks.targets(qualitative=False))
def test_numeric_targets_have_an_exact_value(target: Target) -> None:
    assert isinstance(target.value, Decimal)
    assert target.value.is_finite()


@given(ks.indicators(years=ks.fiscal_years(2010, 2020), max_entries=6))
def test_indicator_years_are_distinct_and_ordered(indicator: Indicator) -> None:
    target_years = [target.fy.year for target in indicator.targets]
    actual_years = [actual.fy.year for actual in indicator.actuals]
    for years in (target_years, actual_years):
        assert years == sorted(years)
        assert all(2010 <= year <= 2020 for year in years)
    assert target_years == sorted(set(target_years))
    # A year may hold several figures (速報値, 確定値), each told apart by its stage, day or marks.
    told_apart = {(a.fy, a.stage, a.on, a.estimate, a.preliminary) for a in indicator.actuals}
    assert len(told_apart) == len(indicator.actuals)


@given(ks.observations(estimate=True), ks.observations(estimate=False))
def test_observations_honour_the_estimate_flag(estimated: Observation, measured: Observation) -> None:
    assert estimated.estimate
    assert not measured.estimate


# --- schedules ---------------------------------------------------------------------------------------------


@given(ks.schedules(max_size=8))
def test_schedules_carry_only_after_a_year_with_a_cell(schedule: tuple[ScheduleEntry, ...]) -> None:
    rows = [[entry for entry in schedule if entry.row == row] for row in dict.fromkeys(e.row for e in schedule)]
    for cells in rows:
        # In each row, cells go by year and never overlap; only the last may run on (以降).
        for before, entry in pairwise(cells):
            last = before.last
            assert last is not None
            assert last.year < entry.fy.year
            if entry.carried:
                assert last == entry.fy - 1
        assert not cells[0].carried
    # A measure accepts the schedule and fills each → from the cell before.
    measure = Measure("1", "m", schedule=schedule)
    for before, entry in pairwise(measure.schedule):
        if entry.carried and entry.row == before.row:
            assert (entry.stage, entry.text, entry.unknown) == (before.stage, before.text, before.unknown)


@given(ks.schedule_entries(carried=True))
def test_a_carried_entry_alone_is_marked_as_such(entry: ScheduleEntry) -> None:
    assert entry.carried
    assert entry.label == "→"


# --- evaluations and bodies ---------------------------------------------------------------------------------


@given(ks.evaluations())
def test_annual_evaluations_name_their_year(evaluation: Evaluation) -> None:
    if evaluation.kind is EvaluationKind.ANNUAL:
        assert evaluation.fy is not None


@given(ks.bodies(max_milestones=8))
def test_bodies_record_each_milestone_kind_once(body: Body) -> None:
    kinds = [milestone.kind for milestone in body.milestones if milestone.kind is not MilestoneKind.OTHER]
    assert len(kinds) == len(set(kinds))


@given(ks.measures(max_items=3))
def test_measures_keep_their_invariants(measure: Measure) -> None:
    assert measure.lead is None or measure.lead in measure.departments
    assert len(set(measure.departments)) == len(measure.departments)
    names = [indicator.name for indicator in measure.indicators]
    assert len(set(names)) == len(names)
    assert len({line.fy for line in measure.budget}) == len(measure.budget)


def _leaves(criterion: Criterion) -> Iterator[Criterion]:
    if isinstance(criterion, AllOf | AnyOf):
        for part in criterion.parts:
            yield from _leaves(part)
    elif isinstance(criterion, Not):
        yield from _leaves(criterion.part)
    else:
        yield criterion


@given(ks.criteria(years=ks.fiscal_years(2015, 2016), max_leaves=3))
def test_criteria_take_narrower_parameters(criterion: Criterion) -> None:
    leaves = list(_leaves(criterion))
    assert len(leaves) <= 3
    for leaf in leaves:
        year = getattr(leaf, "by", None) or getattr(leaf, "fy", None)
        assert not isinstance(year, FiscalYear) or 2015 <= year.year <= 2016


def test_criteria_and_measures_draw_every_kind_of_criterion_at_times() -> None:
    seen: set[str] = set()

    @settings(max_examples=300, deadline=None)
    @given(ks.criteria(), ks.measures())
    def look(criterion: Criterion, measure: Measure) -> None:
        for leaf in _leaves(criterion):
            seen.add(type(leaf).__name__)
            if isinstance(leaf, Reaches | MilestoneReached) and leaf.by is not None:
                seen.add(f"{type(leaf).__name__} by")
        seen.add(type(criterion).__name__)
        if measure.criterion is not None:
            seen.add("measure with a criterion")

    look()
    kinds = ["Reaches", "Covers", "MeetsTarget", "MilestoneReached", "Judgment", "Ongoing", "AllOf", "AnyOf", "Not"]
    assert seen >= {*kinds, "Reaches by", "MilestoneReached by", "measure with a criterion"}, seen


# --- the tree ------------------------------------------------------------------------------------------------


def _depth(nodes: tuple[Node, ...]) -> int:
    return max((1 + _depth(node.children) if isinstance(node, Section) else 1 for node in nodes), default=0)


def _sibling_lists(nodes: tuple[Node, ...]) -> Iterator[tuple[Node, ...]]:
    yield nodes
    for node in nodes:
        if isinstance(node, Section):
            yield from _sibling_lists(node.children)


@PLAN_SETTINGS
@given(st.integers(1, 4), st.data())
def test_sections_are_bounded_in_depth(max_depth: int, data: st.DataObject) -> None:
    section = data.draw(ks.sections(max_depth=max_depth, max_children=2))
    assert 1 <= _depth((section,)) <= max_depth
    assert not any(isinstance(node, Relisting) for nodes in _sibling_lists((section,)) for node in nodes)


@PLAN_SETTINGS
@given(ks.plans())
def test_plans_are_valid_by_construction(plan: Plan) -> None:
    for siblings in _sibling_lists(plan.sections):
        keys = [_code_key(node.number) for node in siblings]
        assert len(keys) == len(set(keys))
    if plan.levels:
        assert len(plan.levels) >= _depth(plan.sections)
    measures = {id(measure) for measure in plan.measures()}
    for _code, node in plan.walk():
        if isinstance(node, Relisting):
            assert id(plan.resolve(node)) in measures
        if isinstance(node, Measure):
            assert node.lead is None or node.lead in node.departments


@PLAN_SETTINGS
@given(ks.plans(relist=True, max_depth=2, max_children=4))
def test_plans_rebuilt_from_their_parts_are_equal(plan: Plan) -> None:
    # Valid by construction means the constructor, run again on the same parts, agrees.
    # Every field the constructor takes, so that a new one cannot be left out.
    again = Plan(**{field.alias: getattr(plan, field.name) for field in attrs.fields(Plan) if field.init})
    assert again == plan


def test_plans_draw_relistings_and_deep_trees_at_times() -> None:
    seen = {"relisting": False, "depth 3": False, "levels": False}

    # too_slow: each case draws a whole plan; eighty of them make this a sampling check, not a slow strategy.
    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(ks.plans())
    def look(plan: Plan) -> None:
        seen["relisting"] |= any(isinstance(node, Relisting) for _code, node in plan.walk())
        seen["depth 3"] |= _depth(plan.sections) == 3
        seen["levels"] |= bool(plan.levels)

    look()
    assert all(seen.values()), seen


@given(ks.plans(years=ks.fiscal_years(2015, 2016), max_depth=1, relist=False, max_bodies=0))
@settings(max_examples=20, deadline=None)
def test_plans_take_narrower_parameters(plan: Plan) -> None:
    assert 2015 <= plan.period.first.year <= 2016
    assert not plan.bodies
    assert all(not isinstance(node, Section | Relisting) for node in plan.sections)
