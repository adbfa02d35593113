"""The plan model: invalid objects cannot be built, and a plan's tree is walked, found and re-listed exactly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import kyodo.strategies as ks
from kyodo import (
    Body,
    BudgetLine,
    Evaluation,
    FiscalYear,
    FiscalYearRange,
    Indicator,
    KyodoError,
    Measure,
    Milestone,
    Node,
    Observation,
    Plan,
    ProgressCheck,
    Relisting,
    ScheduleEntry,
    Section,
    Stage,
    Target,
    ValidationError,
    YearMonth,
    dumps,
    loads,
)

PERIOD = FiscalYearRange(FiscalYear(2013), FiscalYear(2017))
PLAN_SETTINGS = settings(max_examples=40, deadline=None)

WHITESPACE = st.text(st.sampled_from(" \t\n\r\u3000\u00a0\u2003\x0b\x0c"), max_size=4)
STAGE_WORDS = {word for stage in Stage for word in (stage.value, stage.label, stage.label_en)} | {"→"}


def problems(error: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    found = list(error.value.problems)
    assert found, "a ValidationError lists at least one problem"
    return found


def mentions(error: pytest.ExceptionInfo[ValidationError], *words: str) -> bool:
    return any(all(word in f"{path}: {message}" for word in words) for path, message in problems(error))


# --- invalid objects cannot be built -------------------------------------------------------------------


@given(ks.indicators(max_entries=3), st.data())
def test_an_indicator_refuses_a_year_with_two_actuals(indicator: Indicator, data: st.DataObject) -> None:
    assume(indicator.actuals)
    # A second figure for a year that nothing (stage, day, estimate or preliminary) tells from the first.
    twin = attrs.evolve(data.draw(st.sampled_from(indicator.actuals)), value=data.draw(ks.exact_decimals()))
    with pytest.raises(ValidationError) as error:
        attrs.evolve(indicator, actuals=[*indicator.actuals, twin])
    assert mentions(error, "actuals", "nothing tells apart")
    assert error.value.codes == ("duplicate",)


@given(ks.indicators(max_entries=3), st.data())
def test_an_indicator_refuses_a_year_with_two_targets(indicator: Indicator, data: st.DataObject) -> None:
    assume(indicator.targets)
    twin = data.draw(ks.targets(years=st.just(data.draw(st.sampled_from(indicator.targets)).fy)))
    with pytest.raises(ValidationError) as error:
        attrs.evolve(indicator, targets=[twin, *indicator.targets])
    assert mentions(error, "targets", "appears twice")


@given(ks.measures(max_items=1), ks.names())
def test_a_measure_refuses_a_lead_that_is_not_one_of_its_departments(measure: Measure, lead: str) -> None:
    assume(lead not in measure.departments)
    with pytest.raises(ValidationError) as error:
        attrs.evolve(measure, lead=lead)
    assert mentions(error, "lead", repr(lead))


def test_a_measure_refuses_a_department_listed_twice() -> None:
    with pytest.raises(ValidationError, match="listed twice"):
        Measure("1", "m", departments=["市民協働課", "市民協働課"])


@given(ks.schedules(max_size=5), ks.fiscal_years(1900, 2100))
def test_a_carried_cell_needs_a_cell_the_year_before(schedule: tuple[ScheduleEntry, ...], fy: FiscalYear) -> None:
    # No cell of the carried cell's row covers its year or the year before (a cell may span years).
    assume(not any(entry.row is None and (entry.covers(fy) or entry.covers(fy - 1)) for entry in schedule))
    with pytest.raises(ValidationError) as error:
        Measure("1", "m", schedule=[*schedule, ScheduleEntry(fy, carried=True)])
    assert mentions(error, "schedule", "→", "no cell")


def test_a_schedule_that_starts_with_an_arrow_is_refused() -> None:
    with pytest.raises(ValidationError, match="has no cell to carry on"):
        Measure("①", "m", schedule=[Stage.parse_entry("H25", "→"), Stage.parse_entry("H26", "実施")])


def test_an_arrow_after_a_gap_is_refused() -> None:
    with pytest.raises(ValidationError, match="has no cell to carry on"):
        Measure("①", "m", schedule=[Stage.parse_entry("H25", "実施"), Stage.parse_entry("H27", "→")])


def test_an_arrow_carries_the_stage_or_text_of_the_year_before() -> None:
    measure = Measure(
        "①",
        "m",
        schedule=[
            Stage.parse_entry("H26", "→"),
            ScheduleEntry(FiscalYear(2015), text="モデル事業"),
            Stage.parse_entry("H25", "検討"),
            ScheduleEntry(FiscalYear(2016), carried=True),
        ],
    )
    assert [(entry.fy.year, entry.stage, entry.text, entry.label) for entry in measure.schedule] == [
        (2013, Stage.STUDY, None, "検討"),
        (2014, Stage.STUDY, None, "→"),
        (2015, None, "モデル事業", "モデル事業"),
        (2016, None, "モデル事業", "→"),
    ]
    assert measure.stage(FiscalYear(2014)) is Stage.STUDY


@given(ks.schedules(max_size=4), st.data())
def test_a_schedule_refuses_a_year_given_twice(schedule: tuple[ScheduleEntry, ...], data: st.DataObject) -> None:
    assume(schedule)
    given = data.draw(st.sampled_from(schedule))
    # Any year a cell covers, given again in the cell's row.
    last = given.last.year if given.last is not None else given.fy.year + 3
    fy = FiscalYear(data.draw(st.integers(given.fy.year, last)))
    with pytest.raises(ValidationError, match="appears twice"):
        Measure("1", "m", schedule=[*schedule, ScheduleEntry(fy, Stage.IMPLEMENT, row=given.row)])


@given(st.floats(allow_nan=True, allow_infinity=True), ks.fiscal_years())
def test_values_refuse_floats(value: float, fy: FiscalYear) -> None:
    with pytest.raises(ValidationError):
        Observation(fy, value)
    with pytest.raises(ValidationError):
        Target(fy, value)
    with pytest.raises(ValidationError):
        BudgetLine(fy, budget=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), True, "42", None])
def test_values_refuse_non_finite_and_non_numbers(value: object) -> None:
    with pytest.raises(ValidationError):
        Observation(FiscalYear(2015), value)


@pytest.mark.parametrize("value", [-1, True, 1.5, "1000"])
def test_budget_lines_refuse_what_is_not_whole_yen(value: object) -> None:
    with pytest.raises(ValidationError, match="whole yen"):
        BudgetLine(FiscalYear(2017), settled=value)  # type: ignore[arg-type]


@given(WHITESPACE)
def test_names_and_titles_cannot_be_blank(blank: str) -> None:
    for build in (
        lambda: Indicator(blank, "人"),
        lambda: Measure("1", blank),
        lambda: Body(blank),
        lambda: Target(FiscalYear(2015), text=""),
        lambda: Evaluation("annual", FiscalYear(2015), grade=blank),
    ):
        with pytest.raises(ValidationError):
            build()


@given(WHITESPACE)
def test_node_numbers_cannot_be_blank(number: str) -> None:
    for build in (lambda: Measure(number, "m"), lambda: Section(number, "s"), lambda: Relisting(number, "1")):
        with pytest.raises(ValidationError, match="number"):
            build()


@given(st.text(max_size=8))
def test_unknown_stage_text_is_refused(text: str) -> None:
    assume(text not in STAGE_WORDS)
    with pytest.raises(ValidationError) as error:
        Stage.parse_entry(FiscalYear(2015), text)
    assert mentions(error, repr(text))
    with pytest.raises(ValidationError):
        ScheduleEntry(FiscalYear(2015), text)


def test_the_stage_with_a_space_is_not_a_stage() -> None:
    with pytest.raises(ValidationError) as error:
        Stage.parse_entry("H27", "実 施")
    assert mentions(error, "'実 施'")
    assert Stage.parse_entry("H27", "実施").stage is Stage.IMPLEMENT
    assert Stage.parse_entry("H27", "partly implement").stage is Stage.PARTLY_IMPLEMENT


@pytest.mark.parametrize(
    "build",
    [
        lambda: ScheduleEntry(FiscalYear(2015)),
        lambda: ScheduleEntry(FiscalYear(2015), Stage.STUDY, "検討"),
        lambda: ScheduleEntry(2015, Stage.STUDY),  # type: ignore[arg-type]
        lambda: ProgressCheck(FiscalYear(2015), 3, "順調"),
        lambda: ProgressCheck(FiscalYear(2015), 1, ""),
        lambda: Evaluation("annual"),
        lambda: Evaluation("yearly", FiscalYear(2015)),
        lambda: Evaluation("mid_term", fy=2015),  # type: ignore[arg-type]
        lambda: Milestone("founding_meeting", "2015-04"),  # type: ignore[arg-type]
        lambda: Milestone("founded", YearMonth(2015, 4)),
        lambda: Body("b", milestones=[Milestone("founding_meeting", FiscalYear(2015))] * 2),
        lambda: Measure("1", "m", kind="renewed"),
        lambda: Measure("1", "m", actors=["市民", "住民"]),
        lambda: Measure("1", "m", indicators=[Indicator("i", "人"), Indicator("i", "%")]),
        lambda: Measure("1", "m", budget=[BudgetLine(FiscalYear(2015)), BudgetLine(FiscalYear(2015), 1)]),
        lambda: Measure("1", "m", progress_checks=[ProgressCheck(FiscalYear(2015), 1, "順調")] * 2),
        lambda: Section("Ⅰ", "s", children=[Measure("1", "a"), Measure("１", "b")]),
        lambda: Section("Ⅰ", "s", children=["not a node"]),
        lambda: Plan("p", "m", "H25～H29"),  # type: ignore[arg-type]
        lambda: Plan("p", "m", PERIOD, sections=[Measure("1", "a"), Relisting("2", "3")]),
        lambda: Plan("p", "m", PERIOD, sections=[Section("Ⅰ", "s"), Relisting("2", "Ⅰ")]),
        lambda: Plan("p", "m", PERIOD, levels=["部"], sections=[Section("Ⅰ", "s", children=[Measure("1", "a")])]),
    ],
    ids=lambda build: "",
)
def test_invalid_objects_cannot_be_built(build: object) -> None:
    assert callable(build)
    with pytest.raises(ValidationError) as error:
        build()
    for path, message in problems(error):
        assert isinstance(path, str)
        assert isinstance(message, str)
        assert message


def test_a_plan_reports_every_problem_of_its_tree_at_once() -> None:
    with pytest.raises(ValidationError) as error:
        Plan(
            "p",
            "m",
            PERIOD,
            levels=["部"],
            sections=[Section("Ⅰ", "s", children=[Measure("1", "a"), Relisting("2", "Ⅱ-9")])],
        )
    paths = [path for path, _message in problems(error)]
    assert "sections[0].children[0]" in paths
    assert "sections[0].children[1]" in paths
    assert mentions(error, "'Ⅱ-9'", "not a measure")


# --- the tree: walk, find, re-list --------------------------------------------------------------------------


def preorder(nodes: tuple[Node, ...], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, Node]]:
    """Document order, written independently: each node, then its children, left to right."""
    for node in nodes:
        path = (*prefix, node.number)
        yield "-".join(path), node
        if isinstance(node, Section):
            yield from preorder(node.children, path)


def full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


@PLAN_SETTINGS
@given(ks.plans())
def test_walk_is_in_document_order(plan: Plan) -> None:
    walked = list(plan.walk())
    expected = list(preorder(plan.sections))
    assert [code for code, _node in walked] == [code for code, _node in expected]
    assert all(node is other for (_c, node), (_d, other) in zip(walked, expected, strict=True))
    assert [id(node) for node in plan.measures()] == [id(node) for _c, node in walked if isinstance(node, Measure)]


@PLAN_SETTINGS
@given(ks.plans())
def test_find_finds_every_node_by_its_path_code(plan: Plan) -> None:
    for code, node in plan.walk():
        assert plan.find(code) is node
        assert plan.code_of(node) == code


@PLAN_SETTINGS
@given(ks.plans(), st.sampled_from(["full", "spaced", "both"]))
def test_find_reads_full_width_and_spaced_codes(plan: Plan, variant: str) -> None:
    for code, node in plan.walk():
        written = code
        if variant in ("full", "both"):
            written = full_width(written)
        if variant in ("spaced", "both"):
            written = written.replace("-", " - ").replace("－", " － ")
        assert plan.find(written) is node, written


@PLAN_SETTINGS
@given(ks.plans())
def test_level_of_names_the_depth_of_each_node(plan: Plan) -> None:
    for code, node in plan.walk():
        depth = code.count("-")
        assert plan.level_of(node) == (plan.levels[depth] if depth < len(plan.levels) else None)


@PLAN_SETTINGS
@given(ks.plans(), ks.node_numbers())
def test_find_refuses_codes_that_are_not_in_the_plan(plan: Plan, number: str) -> None:
    code = "-".join(["存在しない", number])
    with pytest.raises(KeyError):
        plan.find(code)
    with pytest.raises(KeyError):
        plan.code_of(Measure("1", "not in the plan"))


@PLAN_SETTINGS
@given(ks.plans(relist=True))
def test_relistings_resolve_to_their_measure_never_a_copy(plan: Plan) -> None:
    measures = [node for _code, node in plan.walk() if isinstance(node, Measure)]
    for _code, node in plan.walk():
        if isinstance(node, Relisting):
            target = plan.resolve(node)
            assert isinstance(target, Measure)
            assert target is plan.find(node.code)
            assert any(target is measure for measure in measures)
        else:
            assert plan.resolve(node) is node


@settings(max_examples=30, deadline=None)
@given(ks.plans(relist=True, max_depth=2))
def test_relistings_still_resolve_to_the_measure_after_a_round_trip(plan: Plan) -> None:
    loaded = loads(dumps(plan, "json"), "json")
    for code, node in loaded.walk():
        if isinstance(node, Relisting):
            target = loaded.resolve(node)
            assert target is loaded.find(node.code)
            assert target == plan.resolve(plan.find(code))


def test_a_relisting_in_yamaguchis_style() -> None:
    original = Measure("①", "協働に関する情報の発信", departments=["協働推進課"], lead="協働推進課")
    plan = Plan(
        "山口市協働推進プラン",
        "山口市",
        PERIOD,
        levels=("推進方針", "推進施策", "推進項目"),
        sections=[
            Section("Ⅰ", "協働の意識づくり", children=[Section("(1)", "協働意識の醸成", children=[original])]),
            Section(
                "Ⅱ", "協働の仕組みづくり", children=[Section("(2)", "情報の共有", children=[Relisting("②", "Ⅰ-(1)-①")])]
            ),
        ],
    )
    relisting = plan.find("Ⅱ-(2)-②")
    assert isinstance(relisting, Relisting)
    assert plan.resolve(relisting) is original
    assert plan.find("Ⅰ－（１）－①") is original
    assert plan.level_of(relisting) == "推進項目"
    assert list(plan.measures()) == [original]


def test_a_number_printed_once_finds_its_node_alone() -> None:
    no26 = Measure("No.26", "まちづくりセンターの設置")
    plan = Plan("p", "新潟市", PERIOD, sections=[Section("Ⅱ", "s", children=[Section("1", "t", children=[no26])])])
    assert plan.find("Ⅱ-1-No.26") is no26
    assert plan.find("No.26") is no26
    assert plan.find("Ｎｏ．２６") is no26


def test_a_full_width_hyphen_in_a_number_cannot_hide_another_node() -> None:
    # '－' (U+FF0D) folds to '-' when codes are compared, so a number 'Ⅰ－1' reads like the path Ⅰ-1.
    # The plan must either refuse such a number or still find each node by its own code.
    try:
        plan = Plan(
            "p",
            "m",
            PERIOD,
            sections=[Measure("Ⅰ－1", "a"), Section("Ⅰ", "s", children=[Measure("1", "b")])],
        )
    except ValidationError:
        return
    for code, node in plan.walk():
        assert plan.find(code) is node, code


def test_published_dates_and_months_are_kept_as_given() -> None:
    assert Plan("p", "m", PERIOD, published=YearMonth(2013, 3)).published == YearMonth(2013, 3)
    assert Plan("p", "m", PERIOD, published=date(2013, 3, 29)).published == date(2013, 3, 29)


def test_validation_errors_are_kyodo_errors_and_value_errors() -> None:
    with pytest.raises(ValidationError) as error:
        Measure("1", " ")
    assert isinstance(error.value, KyodoError)
    assert isinstance(error.value, ValueError)


def test_a_preliminary_figure_is_kept_apart_from_an_estimate_and_shown_as_printed() -> None:
    from kyodo import Indicator, Measure, Observation, Plan, Section, Target, dumps, loads
    from kyodo.fiscal import FiscalYearRange
    from kyodo.report import build_report, render_html, render_markdown, render_text

    fy = FiscalYear(2019)
    speedy = Observation(fy, Decimal("57.1"), preliminary=True)
    assert (speedy.estimate, speedy.preliminary, speedy.final) == (False, True, False)
    assert Observation(fy, 1).final
    indicator = Indicator("参加率", "%", targets=[Target(fy, 60)], actuals=[speedy])
    plan = Plan(
        "p", "m", FiscalYearRange(fy, fy + 1), sections=[Section("1", "s", [Measure("1", "m", indicators=[indicator])])]
    )
    for fmt in ("json", "toml", "yaml"):
        assert loads(dumps(plan, fmt), fmt) == plan
    assert '"preliminary": true' in dumps(plan, "json")
    report = build_report(plan, fy)
    assert "57.1(速報値)" in render_text(report)
    assert "57.1 (preliminary)" in render_markdown(report, locale="en")
    assert "57.1（速報値）" in render_html(report)


def test_numbers_hold_hyphens_as_sheets_print_them_and_codes_that_read_alike_are_refused() -> None:
    from kyodo import Measure, Plan, Section, ValidationError, dumps, loads
    from kyodo.fiscal import FiscalYearRange

    period = FiscalYearRange(FiscalYear(2015), FiscalYear(2016))
    plan = Plan(
        "p", "m", period, sections=[Section("2-1", "施策", [Measure("No.52-1", "事業"), Measure("2-1-2", "取組")])]
    )
    assert [code for code, _node in plan.walk()] == ["2-1", "2-1-No.52-1", "2-1-2-1-2"]
    assert plan.find("2-1-No.52-1").title == "事業"
    assert plan.find("No.52-1").title == "事業"  # printed once in the plan, it finds its node alone
    assert plan.find("2-1-2").title == "取組"
    assert loads(dumps(plan, "toml"), "toml") == plan
    with pytest.raises(ValidationError, match="reads the same as that of sections"):
        Plan(
            "p",
            "m",
            period,
            sections=[Section("2-1", "a", [Measure("3", "x")]), Section("2", "b", [Measure("1-3", "y")])],
        )


@pytest.mark.parametrize(
    ("printed", "direction", "actual", "rate", "met"),
    [
        # A range is met from its lower end where more is better ...
        ("40～45", "increase", 42, Fraction(21, 20), True),
        ("40～45", "increase", 39, Fraction(39, 40), False),
        # ... and up to its upper end where less is better.
        ("40～45", "decrease", 44, Fraction(45, 44), True),
        ("40～45", "decrease", 46, Fraction(45, 46), False),
        # A printed bound decides the way for that year, whatever the indicator's direction.
        ("10以下", "increase", 8, Fraction(1), True),
        ("10以下", "increase", 12, Fraction(10, 12), False),
        ("45%以上", "decrease", 44, Fraction(44, 45), False),
        ("45%以上", "decrease", 45, Fraction(1), True),
    ],
)
def test_ranges_and_bounds_as_sheets_print_them(
    printed: str, direction: str, actual: int, rate: Fraction, met: bool
) -> None:
    from kyodo import dumps, loads
    from kyodo.completion import Facts, MeetsTarget, Verdict, evaluate

    text = f"""schema = "kyodo.plan/1"
title = "t"
municipality = "m"
period = "H27-H28"
[[sections]]
number = "1"
title = "x"
[[sections.indicators]]
name = "指標"
unit = "%"
direction = "{direction}"
targets = {{ H27 = "{printed}" }}
actuals = {{ H27 = {actual} }}
"""
    plan = loads(text, "toml")
    measure = plan.find("1")
    assert isinstance(measure, Measure)
    indicator = measure.indicators[0]
    assert indicator.achievement(FiscalYear(2015)) == rate
    assert str(indicator.target(FiscalYear(2015))) == printed.replace("%", "")
    facts = Facts(indicators=[indicator])
    verdict = evaluate(MeetsTarget("指標", FiscalYear(2015)), facts, as_of=FiscalYear(2016)).verdict
    assert verdict is (Verdict.MET if met else Verdict.NOT_MET)
    assert loads(dumps(plan, "yaml"), "yaml") == plan


def test_a_range_or_bound_needs_a_value_and_cannot_be_both() -> None:
    from kyodo import Target

    fy = FiscalYear(2015)
    with pytest.raises(ValidationError, match="upper end must be above it"):
        Target(fy, 45, upper=40)
    with pytest.raises(ValidationError, match="a range or has a bound, not both"):
        Target(fy, 40, upper=45, bound="at_least")
    with pytest.raises(ValidationError, match="at_least"):
        Target(fy, 40, bound="more")


def test_a_calendar_year_indicator_and_a_value_observed_on_a_day_are_kept_and_shown() -> None:
    from kyodo import Indicator, Observation, Plan, Section, Target, dumps, loads
    from kyodo.fiscal import FiscalYearRange
    from kyodo.report import build_report, render_html, render_markdown, render_text

    fy = FiscalYear(2019)
    districts = Indicator(
        "地区数", "地区", targets=[Target(fy, 16)], actuals=[Observation(fy, 16, on=date(2020, 1, 27))]
    )
    visitors = Indicator("観光客数", "人", calendar_year=True, targets=[Target(fy, 100)], actuals=[Observation(fy, 90)])
    plan = Plan(
        "p",
        "m",
        FiscalYearRange(fy, fy + 1),
        sections=[Section("1", "s", [Measure("1", "m", indicators=[districts, visitors])])],
    )
    for fmt in ("json", "toml", "yaml"):
        assert loads(dumps(plan, fmt), fmt) == plan
    assert (
        repr(districts.actuals[0])
        == "Observation(fy=FiscalYear(2019), value=Decimal('16'), on=datetime.date(2020, 1, 27))"
    )
    report = build_report(plan, fy)
    text = render_text(report)
    assert "16(2020-01-27現在)" in text
    assert "2019年" in text
    assert "(as of 2020-01-27)" in render_markdown(report, locale="en")
    assert "<td>2019年</td>" in render_html(report)
    with pytest.raises(ValidationError, match="expected a date"):
        Observation(fy, 1, on="2020-01-27")  # type: ignore[arg-type]


def test_a_measure_records_what_its_criterion_checks_and_the_report_evaluates_it() -> None:
    from kyodo import dumps, loads
    from kyodo.completion import Facts, Verdict, evaluate
    from kyodo.report import build_report, render_text

    text = """schema = "kyodo.plan/1"
title = "t"
municipality = "m"
period = "H27-H30"
[[sections]]
number = "1"
title = "地域づくり計画"
criterion = { all_of = [ { milestone = { name = "設立総会" } }, { judgment = { name = "計画の策定" } } ] }
milestones = { "設立総会" = "平成27年度" }
judgments = { "計画の策定" = { holds = true, on = 2018-07-20, by = "政策会議", evidence = "計画書" } }
"""
    plan = loads(text, "toml")
    measure = plan.find("1")
    assert isinstance(measure, Measure)
    assert measure.milestones == (("設立総会", FiscalYear(2015)),)
    assert measure.criterion is not None
    assert evaluate(measure.criterion, Facts.of(measure), as_of=FiscalYear(2018)).verdict is Verdict.MET
    # Before the judgment's day it is not yet known.
    assert evaluate(measure.criterion, Facts.of(measure), as_of=FiscalYear(2017)).verdict is Verdict.UNDETERMINED
    assert "判定: 達成" in render_text(build_report(plan, FiscalYear(2018)))
    for fmt in ("json", "toml", "yaml"):
        assert loads(dumps(plan, fmt), fmt) == plan
    broken = text.replace("on = 2018-07-20", 'on = "いつか"')
    with pytest.raises(ValidationError, match=r"judgments\.計画の策定\.on"):
        loads(broken, "toml")
    with pytest.raises(ValidationError, match="recorded twice"):
        Measure("2", "m", milestones=[("a", FiscalYear(2015)), ("a", FiscalYear(2016))])
