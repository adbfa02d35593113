"""What sheets print besides one figure a year: words for actuals, several figures a year, targets keyed by words."""

from __future__ import annotations

import contextlib
import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import kyodo
import kyodo.strategies as ks
from kyodo import (
    FiscalYear,
    FiscalYearRange,
    Indicator,
    Measure,
    NoFigure,
    NoFigureReason,
    Observation,
    Plan,
    Section,
    Target,
    UndatedTarget,
    UndefinedRateError,
    ValidationError,
)
from kyodo.io import Format

FORMATS: tuple[Format, ...] = ("json", "toml", "yaml")
FY = FiscalYear(2019)


def _plan_with(indicator: Indicator) -> Plan:
    return Plan(
        "計画",
        "市",
        FiscalYearRange(FiscalYear(2015), FiscalYear(2019)),
        sections=[Section("1", "施策", children=[Measure("1", "事業", indicators=[indicator])])],
    )


def _load_actuals(actuals: object) -> Indicator:
    data = {
        "schema": "kyodo.plan/1",
        "title": "計画",
        "municipality": "市",
        "period": "R1～R5",
        "sections": [{"number": "1", "title": "事業", "indicators": [{"name": "x", "unit": "%", "actuals": actuals}]}],
    }
    plan = kyodo.loads(json.dumps(data, ensure_ascii=False), "json")
    (indicator,) = plan.sections[0].indicators
    return indicator


# --- round trips and laws -----------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(ks.plans(max_depth=2), st.sampled_from(FORMATS))
def test_words_figures_and_undated_targets_round_trip(plan: Plan, form: Format) -> None:
    """Every file form holds a plan's words, several figures a year, undated targets and provenance."""
    indicators = [indicator for _code, _node, indicator in plan.indicators()]
    assume(
        plan.provenance
        or any(i.no_figures or i.undated_targets or len(i.actuals) > len({a.fy for a in i.actuals}) for i in indicators)
    )
    assert kyodo.loads(kyodo.dumps(plan, form), form) == plan


@settings(max_examples=60, deadline=None)
@given(ks.plans(max_depth=2))
def test_drawn_provenance_names_what_the_plan_holds(plan: Plan) -> None:
    """Each drawn provenance entry finds its node, its indicator and, for a table, its year or words."""
    for entry in plan.provenance:
        node = plan.find(entry.node)
        assert isinstance(node, Section | Measure)
        if entry.indicator is not None:
            assert any(indicator.name == entry.indicator for indicator in node.indicators)
        assert plan.provenance_of(entry.node, entry.field, entry.indicator) == entry


@settings(max_examples=60, deadline=None)
@given(ks.exact_decimals(), ks.exact_decimals(), st.sampled_from(["速報値", "確定値", "第1回調査"]), st.booleans())
def test_rates_use_the_last_figure_of_a_year(first: Decimal, last: Decimal, stage: str, staged_last: bool) -> None:
    """Whatever the figures and whichever carries the stage, actual() and achievement() read the last one."""
    earlier = Observation(FY, first, stage=None if staged_last else stage)
    later = Observation(FY, last, stage=stage if staged_last else None)
    indicator = Indicator("x", "%", targets=[Target(FY, 50)], actuals=[earlier, later])
    assert indicator.actual(FY) == later
    assert indicator.figures(FY) == (earlier, later)
    assert indicator.achievement_if_defined(FY) == Indicator(
        "x", "%", targets=[Target(FY, 50)], actuals=[later]
    ).achievement_if_defined(FY)


@settings(max_examples=40, deadline=None)
@given(ks.indicators(years=st.builds(FiscalYear, st.integers(2015, 2022)), max_entries=3), st.data())
def test_a_word_in_place_of_a_figure_gives_no_rate(indicator: Indicator, data: st.DataObject) -> None:
    """A year with a numeric target and only a word for its actual raises UndefinedRateError naming the word."""
    fy = data.draw(st.builds(FiscalYear, st.integers(2015, 2022)))
    word = data.draw(st.sampled_from(["集計中", "なし", "－", "完了"]))
    changed = attrs.evolve(
        indicator,
        targets=[*(target for target in indicator.targets if target.fy != fy), Target(fy, 60)],
        actuals=[actual for actual in indicator.actuals if actual.fy != fy],
        no_figures=[*(entry for entry in indicator.no_figures if entry.fy != fy), NoFigure(fy, word)],
        rates_toward="year",
    )
    with pytest.raises(UndefinedRateError, match=f"「{word}」"):
        changed.achievement(fy)
    assert changed.achievement_if_defined(fy) is None


@settings(max_examples=40, deadline=None)
@given(ks.indicators(max_entries=3), st.data())
def test_a_year_refuses_two_cells_nothing_tells_apart(indicator: Indicator, data: st.DataObject) -> None:
    """A word and a figure, or two words, of one year with the same stage, day and marks are a duplicate."""
    assume(indicator.actuals)
    figure = data.draw(st.sampled_from(indicator.actuals))
    twin = NoFigure(
        figure.fy, "集計中", estimate=figure.estimate, preliminary=figure.preliminary, on=figure.on, stage=figure.stage
    )
    with pytest.raises(ValidationError) as error:
        attrs.evolve(indicator, no_figures=[*indicator.no_figures, twin])
    assert error.value.codes == ("duplicate",)
    assert "nothing tells apart" in str(error.value)


# --- the file form ------------------------------------------------------------------------------


def test_a_bare_word_takes_the_reason_it_says() -> None:
    """集計中 is pending and 未実施 not measured by themselves; なし, － and 完了 say no reason."""
    indicator = _load_actuals({"R1": "集計中", "R2": "未実施", "R3": "なし", "R4": "－", "R5": "完了"})
    reasons = [(word.text, word.reason) for word in indicator.no_figures]
    assert reasons == [
        ("集計中", NoFigureReason.PENDING),
        ("未実施", NoFigureReason.NOT_MEASURED),
        ("なし", None),
        ("－", None),
        ("完了", None),
    ]
    assert indicator.actuals == ()


def test_a_table_gives_its_own_reason_and_marks() -> None:
    """{ text, reason, stage } keeps all three; a table says no reason unless it gives one."""
    indicator = _load_actuals(
        {
            "R1": [{"value": "52.1", "preliminary": True}, {"text": "集計中", "stage": "確定値"}],
            "R2": {"text": "集計中"},
        }
    )
    assert indicator.actual(FiscalYear(2019)) == Observation(FiscalYear(2019), Decimal("52.1"), preliminary=True)
    assert indicator.no_figures == (
        NoFigure(FiscalYear(2019), "集計中", stage="確定値"),
        NoFigure(FiscalYear(2020), "集計中"),
    )
    # 2019 has a figure (the 速報値), so its word does not stand in for the actual; 2020 has only the word.
    assert indicator.no_figure(FiscalYear(2019)) is None
    assert indicator.no_figure(FiscalYear(2020)) == NoFigure(FiscalYear(2020), "集計中")


@pytest.mark.parametrize(
    ("cell", "path", "code"),
    [
        ("1,007人", "R1", "not_a_number"),  # a figure with its unit: a number that is not one, not a word
        ("NaN", "R1", "not_a_number"),
        ([], "R1", "invalid"),
        ([[1]], "R1[0]", "invalid"),
        ([1, 2], "actuals", "duplicate"),  # two final figures with nothing to tell them apart
        ({"text": "集計中", "value": 3}, "R1.value", "invalid"),
        ({"value": 3, "reason": "pending"}, "R1.reason", "invalid"),
        ({"text": "集計中", "reason": "lost"}, "R1.reason", "unknown_label"),
        ({"text": "  "}, "R1.text", "invalid"),
    ],
)
def test_bad_cells_are_refused_with_their_place(cell: object, path: str, code: str) -> None:
    with pytest.raises(ValidationError) as error:
        _load_actuals({"R1": cell})
    (problem,) = error.value.problems
    assert problem[0].endswith(path), problem
    assert error.value.codes == (code,)


def test_mutated_cells_raise_only_kyodo_errors() -> None:
    """Whatever a year's cell holds, reading it gives an indicator or a ValidationError."""
    cells: list[object] = [None, True, 1.5, {}, {"text": None}, {"text": 3}, {"stage": ""}, {"on": "x"}, ["なし", None]]
    cells += [{"value": 1, "stage": 3}, [{"text": "a"}, {"text": "a"}], {"text": "a", "printed_rate": "9%"}]
    for cell in cells:
        with contextlib.suppress(ValidationError):
            _load_actuals({"R1": cell})


# --- what consumers do with them ----------------------------------------------------------------


def test_grading_gives_no_grade_and_says_the_word() -> None:
    pending = Indicator("x", "%", targets=[Target(FY, 60)], no_figures=[NoFigure(FY, "集計中", "pending")])
    result = kyodo.preset("fukuoka-2018").grade_indicator(pending, FY)
    assert result.label is None
    lines = list(result.explanation.lines("ja"))
    assert lines == ["評価なし: この年度の実績がない", "  実績は「集計中」と印刷（集計中）"]
    assert "printed as 「集計中」 (pending)" in "\n".join(result.explanation.lines("en"))


def test_frames_give_no_actual_and_the_word() -> None:
    pytest.importorskip("pandas")
    from kyodo.frames import indicators_frame

    indicator = Indicator(
        "x",
        "%",
        targets=[Target(FiscalYear(2018), 50), Target(FY, 60)],
        actuals=[
            Observation(FiscalYear(2018), 49, preliminary=True),
            Observation(FiscalYear(2018), 51, stage="確定値"),
        ],
        no_figures=[NoFigure(FY, "集計中", "pending")],
    )
    frame = indicators_frame(Measure("1", "事業", indicators=[indicator]))
    rows = frame[["actual", "actual_stage", "actual_text", "actual_reason", "figures", "achievement_label"]]
    cells = [[None if cell is None or cell != cell else cell for cell in row] for row in rows.values.tolist()]
    assert cells == [
        [Decimal(51), "確定値", None, None, 2, "102.0%"],  # the 確定値, the last of 2018's figures
        [None, None, "集計中", "pending", 0, None],
    ]


def test_reports_print_the_word_the_other_figures_and_the_undated_target_in_both_languages() -> None:
    from kyodo.report import build_report, render_json, render_text

    indicator = Indicator(
        "参加率",
        "%",
        targets=[Target(FY, 60)],
        actuals=[Observation(FiscalYear(2018), 49, preliminary=True), Observation(FiscalYear(2018), 51)],
        no_figures=[NoFigure(FY, "－", "not_applicable")],
        undated_targets=[UndatedTarget("5ヵ年目標", Decimal(70)), UndatedTarget("中間目標", Decimal(60))],
    )
    built = build_report(_plan_with(indicator), FY)
    ja, en = render_text(built, locale="ja"), render_text(built, locale="en")
    assert "ほかの実績: 49(速報値)" in ja
    assert "other figures: 49(preliminary)" in en
    assert "－(該当なし)" in ja
    assert "－(not applicable)" in en
    assert "年度のない目標: 5ヵ年目標 70（令和元年度: 計画期間から推定）" in ja
    assert "Target without a year: 中間目標 60" in en
    assert "中間目標 60（" not in en
    year = json.loads(render_json(built))["measures"][0]["indicators"][0]["years"][-1]
    assert (year["actual"], year["no_figure"], year["achievement"]) == (
        "－",
        {"text": "－", "reason": "not_applicable"},
        None,
    )


@pytest.mark.parametrize(
    ("words", "years", "placed"),
    [
        ("最終目標", 5, True),
        ("5ヵ年目標", 5, True),
        ("５か年目標", 5, True),
        ("5年後の目標", 5, True),
        ("3ヵ年目標", 5, False),  # an N-year target in a plan of other than N years names no year
        ("計画期間中", 5, False),
        ("中間目標", 5, False),
    ],
)
def test_an_undated_target_names_a_year_only_where_the_period_settles_it(words: str, years: int, placed: bool) -> None:
    period = FiscalYearRange(FiscalYear(2001), FiscalYear(2000 + years))
    assert UndatedTarget(words, Decimal(1)).year_in(period) == (period.last if placed else None)


def test_undated_targets_refuse_the_same_words_twice_and_a_target_with_nothing() -> None:
    with pytest.raises(ValidationError) as error:
        Indicator(
            "x", "%", undated_targets=[UndatedTarget("最終目標", Decimal(1)), UndatedTarget("最終目標", Decimal(2))]
        )
    assert error.value.codes == ("duplicate",)
    with pytest.raises(ValidationError, match="neither a value nor a text"):
        UndatedTarget("最終目標")
