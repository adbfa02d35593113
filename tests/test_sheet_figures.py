"""What evaluation sheets print that plan files hold (issue 12): baselines without a year, and more."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import kyodo
from kyodo import Baseline, FiscalYear, Indicator, Observation, Target, ValidationError, bases, strategies
from kyodo.cli import main
from kyodo.frames import evaluations_frame, indicators_frame
from kyodo.report import MeasureReport, build_report, render_html, render_json, render_markdown, render_text

FY = FiscalYear
PLAN_FILES = jsonschema.Draft202012Validator(kyodo.json_schema())


def _plan(indicator_toml: str) -> str:
    return f"""
schema = "kyodo.plan/1"
title = "t"
municipality = "m"
period = "R2～R6"

[[sections]]
number = "1"
title = "m"

[[sections.indicators]]
name = "参加率"
unit = "%"
{indicator_toml}
"""


def _indicator(plan: kyodo.Plan) -> Indicator:
    measure = plan.sections[0]
    assert isinstance(measure, kyodo.Measure)
    return measure.indicators[0]


# --- baselines as sheets print them -----------------------------------------------------------


def test_a_baseline_printed_at_drafting_has_no_year() -> None:
    plan = kyodo.loads(_plan('baseline = { when = "策定時", value = 58.8 }'), "toml")
    assert _indicator(plan).baseline == Baseline(Decimal("58.8"), when="策定時")


def test_a_baseline_with_its_year_and_value_is_an_observation() -> None:
    plan = kyodo.loads(_plan('baseline = { fy = "H30", value = 58.8 }'), "toml")
    assert _indicator(plan).baseline == Observation(FY(2018), Decimal("58.8"))


def test_a_baseline_whose_value_is_not_printed_keeps_its_year() -> None:
    plan = kyodo.loads(_plan('baseline = { fy = "H30" }'), "toml")
    assert _indicator(plan).baseline == Baseline(None, FY(2018))


def test_an_empty_baseline_is_refused_at_its_path() -> None:
    with pytest.raises(ValidationError) as caught:
        kyodo.loads(_plan("baseline = { estimate = true }"), "toml")
    assert "sections[0].indicators[0].baseline" in str(caught.value)
    assert "策定時" in caught.value.message("ja")


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({}, "value", "says nothing"),
        ({"value": 3, "fy": FY(2018)}, "when", "is an Observation"),
        ({"value": 3, "when": "  "}, "when", "are text"),
        ({"value": 3, "when": "策定時", "estimate": True, "preliminary": True}, "preliminary", "not both"),
        ({"value": 3.5, "when": "策定時"}, "value", "float"),
        ({"fy": 2018, "when": "策定時"}, "fy", "FiscalYear or None"),
    ],
)
def test_a_baseline_that_cannot_be_is_refused(arguments: dict[str, object], field: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Baseline(**arguments)  # type: ignore[arg-type]
    assert caught.value.problems[0][0] == field
    assert words in str(caught.value)


def test_an_indicator_refuses_a_baseline_of_another_type() -> None:
    with pytest.raises(ValidationError, match="an Observation, a Baseline or None"):
        Indicator("x", "%", baseline=Decimal(3))  # type: ignore[arg-type]


def _rate(baseline: Observation | Baseline) -> Indicator:
    return Indicator(
        "参加率",
        "%",
        baseline=baseline,
        targets=[Target(FY(2020), 40), Target(FY(2022), 50)],
        actuals=[Observation(FY(2020), 35)],
    )


def test_bases_read_what_a_baseline_without_a_year_gives() -> None:
    at_drafting = _rate(Baseline(Decimal(30), when="策定時"))
    # Progress and change need the value only; pace needs the year the path starts from.
    progress = bases.Progress().read(at_drafting, FY(2020))
    change = bases.Change().read(at_drafting, FY(2020))
    pace = bases.Pace().read(at_drafting, FY(2020))
    assert isinstance(progress, bases.Reading)
    assert progress.value == Decimal(1) / 2
    assert isinstance(change, bases.Reading)
    assert change.value == 5
    assert isinstance(pace, bases.Unread)
    assert pace.how == "no_baseline"
    assert at_drafting.progress(FY(2020)) == Decimal(1) / 2


def test_bases_have_no_figure_from_a_baseline_without_a_value() -> None:
    dash = _rate(Baseline(None, FY(2018)))
    for basis in (bases.Progress(), bases.Change(), bases.Pace()):
        reading = basis.read(dash, FY(2020))
        assert isinstance(reading, bases.Unread)
        assert reading.how == "no_baseline"
    assert dash.progress(FY(2020)) is None


def test_pace_runs_from_a_baseline_printed_with_its_words_and_year() -> None:
    dated = _rate(Baseline(Decimal(30), FY(2018), "計画策定時"))
    plain = _rate(Observation(FY(2018), Decimal(30)))
    assert bases.Pace().read(dated, FY(2020)) == bases.Pace().read(plain, FY(2020))


@pytest.mark.parametrize(
    ("baseline", "ja", "en"),
    [
        (Baseline(Decimal("58.8"), when="策定時"), "基準値: 58.8（策定時）", "Baseline: 58.8 (策定時)"),
        (Baseline(None, FY(2018)), "基準値: －（平成30年度）", "Baseline: － (FY2018)"),
        (
            Observation(FY(2014), Decimal(37), estimate=True),
            "基準値: 37（平成26年度・見込み）",
            "Baseline: 37 (FY2014, estimate)",
        ),
    ],
)
def test_reports_print_the_baseline_as_the_sheet_does(baseline: Observation | Baseline, ja: str, en: str) -> None:
    plan = _one_indicator(Indicator("参加率", "%", baseline=baseline))
    report = build_report(plan)
    for text in (render_text(report), render_markdown(report), render_html(report)):
        assert ja in text
    assert en in render_text(report, locale="en")
    shown = json.loads(render_json(report))["measures"][0]["indicators"][0]["baseline"]
    assert shown["value"] == (None if baseline.value is None else str(baseline.value))
    assert shown["fy"] == (None if baseline.fy is None else str(baseline.fy))


def _one_indicator(indicator: Indicator) -> kyodo.Plan:
    measure = kyodo.Measure("1", "m", indicators=[indicator])
    return kyodo.Plan("t", "m", kyodo.FiscalYearRange(FY(2020), FY(2024)), sections=[measure])


@given(strategies.baselines())
def test_every_baseline_survives_a_file_and_the_schema(baseline: Baseline) -> None:
    plan = _one_indicator(Indicator("x", "%", baseline=baseline))
    for fmt in ("json", "toml"):
        assert kyodo.loads(kyodo.dumps(plan, fmt), fmt) == plan
    PLAN_FILES.validate(json.loads(kyodo.dumps(plan, "json")))


# --- a plan's era for years printed without one -------------------------------------------------

BARE_YEARS = """
schema = "kyodo.plan/1"
title = "t"
municipality = "m"
{era}
period = "21～25年度"

[[sections]]
number = "1"
title = "m"

[[sections.indicators]]
name = "参加率"
unit = "%"
baseline = {{ fy = "20年度", value = 30 }}
targets = {{ "25年度" = 50 }}
actuals = {{ "21年度" = 35, "令和元年度" = 37 }}
"""


def test_a_plan_era_reads_every_bare_year_of_the_file() -> None:
    plan = kyodo.loads(BARE_YEARS.format(era='era = "平成"'), "toml")
    indicator = _indicator(plan)
    assert plan.era == kyodo.Era.named("H")
    assert plan.period == kyodo.FiscalYearRange(FY(2009), FY(2013))
    assert indicator.baseline == Observation(FY(2008), Decimal(30))
    assert [target.fy for target in indicator.targets] == [FY(2013)]
    # A year that names its era keeps it.
    assert [actual.fy for actual in indicator.actuals] == [FY(2009), FY(2019)]
    assert kyodo.loads(kyodo.dumps(plan, "toml"), "toml") == plan


def test_without_an_era_every_bare_year_is_named_and_the_era_key_suggested() -> None:
    with pytest.raises(ValidationError) as caught:
        kyodo.loads(BARE_YEARS.format(era=""), "toml")
    paths = [path for path, _message in caught.value.problems]
    assert paths == [
        "period",
        "sections[0].indicators[0].baseline",
        "sections[0].indicators[0].targets.25年度",
        "sections[0].indicators[0].actuals.21年度",
    ]
    assert "a plan file's era key" in str(caught.value)
    assert "era キー" in caught.value.message("ja")


def test_the_era_of_one_file_never_reaches_the_next() -> None:
    kyodo.loads(BARE_YEARS.format(era='era = "平成"'), "toml")
    with pytest.raises(ValidationError, match="gives no era"):
        kyodo.loads(BARE_YEARS.format(era=""), "toml")
    with pytest.raises(ValidationError, match="gives no era"):
        kyodo.from_data({"schema": "kyodo.plan/1", "title": "t", "municipality": "m", "period": "21～25年度"})


@pytest.mark.parametrize(("text", "words"), [('"平安"', "no such era"), ("12", "expected an era")])
def test_an_era_that_is_not_one_is_refused_before_the_years(text: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        kyodo.loads(BARE_YEARS.format(era=f"era = {text}"), "toml")
    assert [path for path, _message in caught.value.problems] == ["era"]
    assert words in str(caught.value)


# --- figures a section holds itself ---------------------------------------------------------------

SECTION_FIGURES = """
schema = "kyodo.plan/1"
title = "施策評価"
municipality = "m"
period = "H30～R4"

[[sections]]
number = "Ⅲ9"
title = "安全・安心の未来都市"
evaluations = [{ kind = "annual", fy = "H30", grade = "A" }]

[[sections.indicators]]
name = "防災訓練参加者数"
unit = "人"
targets = { "H30" = 1000 }
actuals = { "H30" = { value = 1766, printed_rate = "%s" } }

[[sections.children]]
number = "1"
title = "地域防災力の向上"
"""


def test_a_section_holds_its_own_indicators_and_grades() -> None:
    plan = kyodo.loads(SECTION_FIGURES % "176.6%", "toml")
    section = plan.sections[0]
    assert isinstance(section, kyodo.Section)
    assert section.indicator("防災訓練参加者数").achievement(FY(2018)) == Decimal("1.766")
    evaluation = section.evaluation(FY(2018))
    assert evaluation is not None
    assert evaluation.grade == "A"
    assert [(code, indicator.name) for code, _node, indicator in plan.indicators()] == [("Ⅲ9", "防災訓練参加者数")]
    assert kyodo.loads(kyodo.dumps(plan, "toml"), "toml") == plan


def test_reports_show_and_grade_a_section_s_own_figures_under_its_heading() -> None:
    plan = kyodo.loads(SECTION_FIGURES % "176.6%", "toml")
    report = build_report(plan, FY(2018), kyodo.preset("osaka-pref-library-2013"))
    text = render_text(report)
    heading = text.index("Ⅲ9 安全・安心の未来都市")
    assert heading < text.index("指標: 防災訓練参加者数") < text.index("1 地域防災力の向上")
    assert "176.6%" in text
    assert "A / A" in text  # the computed grade (110% or more is A) beside the recorded one
    assert "取組の評価" not in text
    for rendered in (render_markdown(report), render_html(report)):
        assert "防災訓練参加者数" in rendered
        assert "176.6%" in rendered
    data = json.loads(render_json(report))
    (own,) = data["section_figures"]
    assert (own["code"], own["grade"]["computed"], own["grade"]["recorded"]) == ("Ⅲ9", "A", "A")
    assert [measure["code"] for measure in data["measures"]] == ["Ⅲ9-1"]


def test_validate_checks_the_printed_rates_of_a_section_s_indicators(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(SECTION_FIGURES % "176.6%", encoding="utf-8")
    bad.write_text(SECTION_FIGURES % "176.5%", encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    assert main(["validate", str(bad)]) == 1


def test_frames_have_rows_for_a_section_s_own_figures() -> None:
    plan = kyodo.loads(SECTION_FIGURES % "176.6%", "toml")
    frame = indicators_frame(plan)
    assert frame[["code", "measure", "indicator"]].values.tolist() == [
        ["Ⅲ9", "安全・安心の未来都市", "防災訓練参加者数"]
    ]
    assert evaluations_frame(plan)["grade"].tolist() == ["A"]


def test_a_section_refuses_two_indicators_of_one_name() -> None:
    twice = [Indicator("x", "件"), Indicator("x", "件")]
    with pytest.raises(ValidationError, match="'x' appears twice"):
        kyodo.Section("1", "s", indicators=twice)


# --- schedule cells as 工程表 print them -----------------------------------------------------------

SCHEDULE = """
schema = "kyodo.plan/1"
title = "t"
municipality = "川崎市"
period = "2005年度～2010年度"

[[sections]]
number = "1"
title = "協働のルール策定事業"
schedule = {schedule}
"""

KAWASAKI = """[
  {{ row = "事業目標", cells = {{ "2005年度" = {{ text = "市民と行政が協働するための基準の検討" }}, "2006年度" = {{ text = "協働のルール策定" }}, "2007年度" = {{ text = "協働型事業の拡充" }}, "2008年度以降" = {{ text = "継続実施" }} }} }},
  {{ row = "実行計画と差異のある事業目標", cells = {{ "2007年度～2008年度" = {{ stage = "検討", tentative = true }}, "2009年度" = "未定", "2010年度" = "→" }} }},
]"""


def _schedule(text: str) -> kyodo.Measure:
    measure = kyodo.loads(SCHEDULE.format(schedule=text), "toml").sections[0]
    assert isinstance(measure, kyodo.Measure)
    return measure


def test_a_schedule_of_several_rows_with_spans_and_cells_that_run_on() -> None:
    measure = _schedule(KAWASAKI.format())
    cells = [(cell.row, cell.years, cell.label, cell.tentative) for cell in measure.schedule]
    assert cells == [
        ("事業目標", "FY2005", "市民と行政が協働するための基準の検討", False),
        ("事業目標", "FY2006", "協働のルール策定", False),
        ("事業目標", "FY2007", "協働型事業の拡充", False),
        ("事業目標", "FY2008–", "継続実施", False),
        ("実行計画と差異のある事業目標", "FY2007–FY2008", "検討", True),
        ("実行計画と差異のある事業目標", "FY2009", "未定", False),
        ("実行計画と差異のある事業目標", "FY2010", "→", False),
    ]
    # 2008年度以降 covers every later year; the first row is the one asked by default.
    later = measure.schedule_cell(FY(2030))
    assert later is not None
    assert later.text == "継続実施"
    revised = measure.schedule_cell(FY(2008), "実行計画と差異のある事業目標")
    assert revised is not None
    assert revised.stage is kyodo.Stage.STUDY
    carried = measure.schedule_cell(FY(2010), "実行計画と差異のある事業目標")
    assert carried is not None
    assert (carried.carried, carried.unknown) == (True, True)  # → after 未定 is 未定 again
    plan = kyodo.loads(SCHEDULE.format(schedule=KAWASAKI.format()), "toml")
    for fmt in ("json", "toml", "yaml"):
        assert kyodo.loads(kyodo.dumps(plan, fmt), fmt) == plan  # type: ignore[arg-type]
    PLAN_FILES.validate(json.loads(kyodo.dumps(plan, "json")))


def test_a_span_is_a_stage_for_every_year_it_covers() -> None:
    measure = _schedule('{ "H27～H29" = "検討", "H30" = "→", "H31" = "実施" }')
    assert [measure.stage(FY(year)) for year in range(2014, 2021)] == [
        None,
        kyodo.Stage.STUDY,
        kyodo.Stage.STUDY,
        kyodo.Stage.STUDY,
        kyodo.Stage.STUDY,  # → after the span carries it on
        kyodo.Stage.IMPLEMENT,
        None,
    ]


@pytest.mark.parametrize(
    ("cells", "path", "words"),
    [
        ('{ "H27～H29" = "検討", "H28" = "実施" }', "sections[0].schedule", "covers it"),
        ('{ "H27以降" = "検討", "R5" = "実施" }', "sections[0].schedule", "covers it"),
        ('{ "H27" = "検討", "H29" = "→" }', "sections[0].schedule", "no cell to carry on"),
        ('{ "H29～H27" = "検討" }', "sections[0].schedule.H29～H27", "a range"),
        ('{ "H27" = { stage = "検討", unknown = true } }', "sections[0].schedule.H27", "not more"),
        ('{ "H27" = "終了" }', "sections[0].schedule.H27", "未定"),
        ('[{ row = "a", cells = {} }, { row = "a", cells = {} }]', "sections[0].schedule[1].row", "twice"),
        ('[{ cells = { "H27" = "検討" } }]', "sections[0].schedule[0]", "the row's name"),
        ('[{ row = "a", cells = { "H27" = "終了" } }]', "sections[0].schedule[0].cells.H27", "未定"),
        ('"検討"', "sections[0].schedule", "a list of"),
    ],
)
def test_a_schedule_that_cannot_be_is_refused_at_its_place(cells: str, path: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _schedule(cells)
    assert caught.value.problems[0][0] == path, caught.value.problems
    assert words in str(caught.value)


def test_the_report_prints_the_cell_covering_the_year_and_a_tentative_mark() -> None:
    plan = kyodo.loads(
        SCHEDULE.format(schedule='{ "2005年度～2007年度" = { stage = "検討", tentative = true } }'), "toml"
    )
    text = render_text(build_report(plan, FY(2006)))
    assert "年次計画 平成18年度: 検討（予定）" in text
    assert "Schedule FY2006: 検討 (tentative)" in render_text(build_report(plan, FY(2006)), locale="en")


def test_the_report_indents_by_the_tree_not_by_the_dashes_in_a_number() -> None:
    # 新庄市 numbers its 事務事業 424-101-56: one level under its 施策, printed as one number.
    measure = kyodo.Measure("424-101-56", "事業", indicators=[Indicator("件数", "件")])
    section = kyodo.Section("424", "施策", children=[measure, kyodo.Relisting("再", "424-424-101-56")])
    plan = kyodo.Plan("t", "m", kyodo.FiscalYearRange(FY(2020), FY(2024)), sections=[section])
    assert [(code, depth) for code, _node, depth in plan.tree()] == [
        ("424", 0),
        ("424-424-101-56", 1),
        ("424-再", 1),
    ]
    lines = render_text(build_report(plan)).splitlines()
    assert "  424-101-56 事業" in lines
    assert "  再 （再掲 424-424-101-56）" in lines
    assert "    指標: 件数（件）" in lines


# --- grades on named axes --------------------------------------------------------------------------


def test_an_evaluation_records_grades_on_named_axes_and_reports_show_them() -> None:
    # The 中核市's 施策 Ⅲ9 sheet: 産出指標 A, 成果指標 A, 市民満足 C, 構成事業 B for H30, and no one grade.
    text = SECTION_FIGURES.replace(
        'evaluations = [{ kind = "annual", fy = "H30", grade = "A" }]',
        'evaluations = [{ kind = "annual", fy = "H30", axes = { "産出指標" = "A", "成果指標" = "A", "市民満足" = "C", "構成事業" = "B" } }]',
    )
    plan = kyodo.loads(text % "176.6%", "toml")
    section = plan.sections[0]
    assert isinstance(section, kyodo.Section)
    evaluation = section.evaluation(FY(2018))
    assert evaluation is not None
    assert evaluation.grade is None
    assert dict(evaluation.axes) == {"産出指標": "A", "成果指標": "A", "市民満足": "C", "構成事業": "B"}
    assert kyodo.loads(kyodo.dumps(plan, "toml"), "toml") == plan
    report = build_report(plan, FY(2018))
    assert "軸別の評価(記録) 平成30年度: 産出指標 A・成果指標 A・市民満足 C・構成事業 B" in render_text(report)
    assert "Grades by axis (recorded) FY2018: 産出指標 A, 成果指標 A" in render_text(report, locale="en")
    assert "市民満足 C" in render_markdown(report)
    assert "市民満足 C" in render_html(report)
    (own,) = json.loads(render_json(report))["section_figures"]
    assert own["axes"] == [{"fy": "平成30年度", "axes": dict(evaluation.axes)}]


@pytest.mark.parametrize(
    ("axes", "words"),
    [({"成果指標": " "}, "non-blank"), ([("a", "A"), ("a", "B")], "graded twice"), ([("a", "A", "x")], "two")],
)
def test_axes_that_cannot_be_are_refused(axes: object, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        kyodo.Evaluation("annual", FY(2018), axes=axes)  # type: ignore[arg-type]


# --- what an indicator measures -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "category"),
    [
        ("成果指標", kyodo.IndicatorCategory.OUTCOME),
        ("アウトカム", kyodo.IndicatorCategory.OUTCOME),
        ("活動指標", kyodo.IndicatorCategory.OUTPUT),
        ("産出指標", kyodo.IndicatorCategory.OUTPUT),
        ("対象指標", kyodo.IndicatorCategory.CONTEXT),
        ("context", kyodo.IndicatorCategory.CONTEXT),
    ],
)
def test_an_indicator_s_category_is_read_from_the_words_sheets_print(
    word: str, category: kyodo.IndicatorCategory
) -> None:
    plan = kyodo.loads(_plan(f'category = "{word}"'), "toml")
    assert _indicator(plan).category is category
    written = json.loads(kyodo.dumps(plan, "json"))
    written["sections"][0]["indicators"][0]["category"] = word
    PLAN_FILES.validate(written)  # the schema takes every word kyodo reads


def test_reports_head_an_indicator_by_its_category() -> None:
    plan = _one_indicator(Indicator("研修受講者数", "人", category="成果指標"))
    report = build_report(plan)
    assert "成果指標: 研修受講者数（人）" in render_text(report)
    assert "Outcome indicator: 研修受講者数（人）" in render_text(report, locale="en")
    assert "成果指標: 研修受講者数" in render_markdown(report)
    assert "成果指標: 研修受講者数" in render_html(report)
    assert indicators_frame(_one_indicator(Indicator("x", "人", category="活動指標", targets=[Target(FY(2020), 1)])))[
        "category"
    ].tolist() == ["output"]


def test_an_unknown_category_is_refused_with_the_words_it_takes() -> None:
    with pytest.raises(ValidationError, match="成果指標"):
        Indicator("x", "件", category="効果指標")


# --- dated references ----------------------------------------------------------------------------------


def test_references_to_dated_documents_are_held_beside_plain_ones() -> None:
    text = (
        _plan("name2 = 1")
        .replace("name2 = 1\n", "")
        .replace(
            'period = "R2～R6"',
            'period = "R2～R6"\nreferences = [{ title = "市民協働推進計画 改訂版", on = "平成30年3月" }, "第5部-第1"]',
        )
    )
    text = text.replace(
        'title = "m"\n',
        'title = "m"\nreferences = [{ title = "議会報告", on = "令和元年度", url = "https://example.invalid/r1" }]\n',
        1,
    )
    plan = kyodo.loads(text, "toml")
    assert plan.references == (kyodo.Reference("市民協働推進計画 改訂版", kyodo.YearMonth(2018, 3)), "第5部-第1")
    measure = plan.sections[0]
    assert isinstance(measure, kyodo.Measure)
    (council,) = measure.references
    assert isinstance(council, kyodo.Reference)
    assert (council.label, council.url) == ("議会報告（令和元年度）", "https://example.invalid/r1")
    assert kyodo.loads(kyodo.dumps(plan, "toml"), "toml") == plan
    PLAN_FILES.validate(json.loads(kyodo.dumps(plan, "json")))


@pytest.mark.parametrize(
    ("references", "path"),
    [
        ('[{ on = "R1" }]', "references[0].title"),
        ('["ok", { title = "議会報告", on = "いつか" }]', "references[1]"),
        ('[{ title = "x", date = "R1" }]', "references[0]"),
    ],
)
def test_a_reference_that_cannot_be_is_refused_at_its_place(references: str, path: str) -> None:
    text = _plan("").replace('period = "R2～R6"', f'period = "R2～R6"\nreferences = {references}')
    with pytest.raises(ValidationError) as caught:
        kyodo.loads(text, "toml")
    assert caught.value.problems[0][0] == path, caught.value.problems


# --- a neutral direction ----------------------------------------------------------------------------


def _share(actual: str, target: kyodo.Target) -> Indicator:
    return Indicator(
        "女性委員の割合", "%", "neutral", targets=[target], actuals=[Observation(FY(2020), Decimal(actual))]
    )


@pytest.mark.parametrize(
    ("actual", "target", "met"),
    [
        ("50", Target(FY(2020), 50), kyodo.Verdict.MET),
        ("50.1", Target(FY(2020), 50), kyodo.Verdict.NOT_MET),
        ("49.9", Target(FY(2020), 50), kyodo.Verdict.NOT_MET),
        ("40", Target(FY(2020), 40, upper=45), kyodo.Verdict.MET),
        ("45", Target(FY(2020), 40, upper=45), kyodo.Verdict.MET),
        ("45.1", Target(FY(2020), 40, upper=45), kyodo.Verdict.NOT_MET),
        ("39.9", Target(FY(2020), 40, upper=45), kyodo.Verdict.NOT_MET),
        ("60", Target(FY(2020), 50, bound="at_least"), kyodo.Verdict.MET),  # a printed bound decides the way
    ],
)
def test_a_neutral_target_is_met_where_the_actual_reaches_it(actual: str, target: Target, met: kyodo.Verdict) -> None:
    share = _share(actual, target)
    measure = kyodo.Measure("1", "m", indicators=[share])
    verdict = kyodo.evaluate(kyodo.MeetsTarget("女性委員の割合"), kyodo.Facts.of(measure), FY(2020)).verdict
    assert verdict is met


def test_a_neutral_indicator_has_no_rate_and_no_achievement_grade() -> None:
    share = _share("52", Target(FY(2020), 50))
    assert share.achievement_if_defined(FY(2020)) is None
    result = kyodo.preset("osaka-pref-library-2013").grade_indicator(share, FY(2020))
    assert (result.label, result.how) == (None, "undefined")
    assert "neither more nor less is better" in "\n".join(result.explanation.lines("en"))
    plan = kyodo.loads(_plan('direction = "中立"\ntargets = { R2 = 50 }\nactuals = { R2 = 52 }'), "toml")
    assert _indicator(plan).direction is kyodo.Direction.NEUTRAL
    (row,) = [
        line for line in render_text(build_report(plan, FY(2020))).splitlines() if line.strip().startswith("令和2年度")
    ]
    assert row.split() == ["令和2年度", "50", "52"]  # no rate


# --- the target a sheet's rate is against ---------------------------------------------------------------


def _toward(rates_toward: str) -> Indicator:
    return Indicator(
        "受講者数",
        "人",
        targets=[Target(FY(2016), 40), Target(FY(2018), 60, role="mid_term"), Target(FY(2020), 100, role="final")],
        actuals=[Observation(FY(2015), Decimal(19), printed_rate="19.0%"), Observation(FY(2016), Decimal(30))],
        rates_toward=rates_toward,
    )


@pytest.mark.parametrize(
    ("toward", "rates"),
    [
        ("year", [None, Fraction(3, 4)]),
        ("next", [Fraction(19, 40), Fraction(3, 4)]),
        ("final", [Fraction(19, 100), Fraction(3, 10)]),
    ],
)
def test_a_sheet_s_rates_are_against_the_target_it_names(toward: str, rates: list[Fraction | None]) -> None:
    indicator = _toward(toward)
    assert [indicator.achievement(FY(2015)), indicator.achievement(FY(2016))] == rates
    # The printed 19.0% is 19 ÷ 100: only the final target gives it.
    assert (indicator.printed_differences() == ()) is (toward == "final")
    plan = _one_indicator(indicator)
    assert kyodo.loads(kyodo.dumps(plan, "toml"), "toml") == plan


def test_an_unknown_target_for_rates_is_refused() -> None:
    with pytest.raises(ValidationError, match="is not a RateTarget"):
        _toward("mid_term")


# --- the year each measure is reported for ------------------------------------------------------------


def test_a_measure_whose_latest_figures_are_older_is_reported_for_their_year() -> None:
    fresh = kyodo.Measure(
        "1",
        "new",
        indicators=[Indicator("a", "件", targets=[Target(FY(2020), 10)], actuals=[Observation(FY(2020), 10)])],
    )
    late = kyodo.Measure(
        "2",
        "late",
        indicators=[Indicator("b", "件", targets=[Target(FY(2019), 10)], actuals=[Observation(FY(2019), 8)])],
        evaluations=[kyodo.Evaluation("annual", FY(2019), grade="B")],
    )
    plan = kyodo.Plan("t", "m", kyodo.FiscalYearRange(FY(2019), FY(2021)), sections=[fresh, late])
    scheme = kyodo.GradingScheme("met", [kyodo.Grade("A", bands=["100%以上"]), kyodo.Grade("B", bands=["100%未満"])])
    report = build_report(plan, scheme=scheme)
    assert report.fy == FY(2020)
    nodes = [node for node in report.nodes if isinstance(node, MeasureReport)]
    assert [node.year for node in nodes] == [None, FY(2019)]
    late_grade = nodes[1].grade
    assert late_grade is not None
    assert (late_grade.computed.label, late_grade.recorded) == ("B", "B")
    text = render_text(report)
    assert text.count("最新の実績・評価の年度") == 1
    assert "最新の実績・評価の年度: 令和元年度" in text
    assert "Latest figures and grades from: FY2019" in render_text(report, locale="en")
    assert "最新の実績・評価の年度: 令和元年度" in render_markdown(report)
    assert "最新の実績・評価の年度: 令和元年度" in render_html(report)
    assert [measure["fy"] for measure in json.loads(render_json(report))["measures"]] == [None, "令和元年度"]


# --- targets a sheet prints as a rule ------------------------------------------------------------------


def test_targets_set_by_a_rule_are_expanded_exactly_and_keep_it() -> None:
    plan = kyodo.loads(
        _plan(
            'direction = "decrease"\nbaseline = { fy = "H19", value = 729 }\n'
            'target_rules = [{ relative = { base = "H19", percent = -10, fy = "R2", text = "基準年比10%削減" } },'
            ' { each_year = { base = "R2", step = -2.5, until = "R4" } }]\nactuals = { R2 = 660 }'
        ),
        "toml",
    )
    indicator = _indicator(plan)
    assert [(t.fy.year, t.value, t.rule) for t in indicator.targets] == [
        (2020, Decimal("656.1"), "基準年比10%削減"),
        (2021, Decimal("657.5"), "令和2年度から毎年 -2.5"),  # from the actual of R2, 660
        (2022, Decimal("655.0"), "令和2年度から毎年 -2.5"),
    ]
    assert indicator.achievement(FY(2020)) == Fraction(6561, 6600)
    assert kyodo.loads(kyodo.dumps(plan, "toml"), "toml") == plan
    assert "targets = {}" in kyodo.dumps(plan, "toml")  # the rule's targets are written as the rule
    PLAN_FILES.validate(json.loads(kyodo.dumps(plan, "json")))
    assert "目標の定め方: 基準年比10%削減" in render_text(build_report(plan, FY(2020)))


@pytest.mark.parametrize(
    ("rules", "path", "words"),
    [
        ('[{ relative = { base = "H20", percent = -10, fy = "R2" } }]', "target_rules[0]", "no baseline or actual"),
        ('[{ relative = { base = "H19", percent = -10, fy = "R3" } }]', "target_rules[0]", "already has one"),
        ('[{ relative = { base = "H19", percent = -100, fy = "R2" } }]', "target_rules[0].relative.percent", "-100"),
        ('[{ relative = { base = "R2", percent = 5, fy = "H30" } }]', "target_rules[0].relative.fy", "after the base"),
        ('[{ each_year = { base = "H19", step = 1 } }]', "target_rules[0].each_year.until", "required"),
        ('[{ yearly = { base = "H19" } }]', "target_rules[0]", "relative or each_year"),
    ],
)
def test_a_target_rule_that_cannot_be_is_refused_at_its_place(rules: str, path: str, words: str) -> None:
    text = _plan(f'baseline = {{ fy = "H19", value = 729 }}\ntargets = {{ R3 = 600 }}\ntarget_rules = {rules}')
    with pytest.raises(ValidationError) as caught:
        kyodo.loads(text, "toml")
    assert caught.value.problems[0][0] == f"sections[0].indicators[0].{path}", caught.value.problems
    assert words in str(caught.value)


# --- where a field came from -----------------------------------------------------------------------------


PROVENANCE = """
schema = "kyodo.plan/1"
title = "t"
municipality = "m"
period = "H27～H31"
provenance = [{entries}]

[[sections]]
number = "p.47"
title = "協働推進"

[[sections.indicators]]
name = "受講者数"
unit = "人"
targets = {{ H31 = 280 }}
actuals = {{ H26 = 19 }}
"""


def test_a_plan_says_which_fields_it_inferred_or_corrected() -> None:
    entry = (
        '{ node = "p.47", indicator = "受講者数", field = "targets.H31", source = "推定", note = "the column is lost" }'
    )
    plan = kyodo.loads(
        PROVENANCE.format(entries=entry + ', { node = "p.47", field = "title", source = "corrected" }'), "toml"
    )
    inferred = plan.provenance_of("p.47", "targets.H31", indicator="受講者数")
    assert inferred is not None
    assert (inferred.source, inferred.key, inferred.year) == (kyodo.Source.INFERRED, "targets", "H31")
    assert (
        plan.provenance_of("p.47", "targets.平成31年度", indicator="受講者数") is inferred
    )  # however the year is written
    assert plan.provenance_of("p.47", "targets.H30", indicator="受講者数") is None
    assert kyodo.loads(kyodo.dumps(plan, "toml"), "toml") == plan
    PLAN_FILES.validate(json.loads(kyodo.dumps(plan, "json")))
    report = build_report(plan)
    assert "※推定 targets.H31 (受講者数): the column is lost" in render_text(report)
    assert "※inferred targets.H31 (受講者数)" in render_text(report, locale="en")
    assert "※訂正 title" in render_markdown(report)
    assert "※推定 targets.H31" in render_html(report)
    assert [entry["source"] for entry in json.loads(render_json(report))["provenance"]] == ["inferred", "corrected"]


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ('{ node = "p.48", field = "title", source = "inferred" }', "no section or measure 'p.48'"),
        ('{ node = "p.47", indicator = "x", field = "unit", source = "inferred" }', "no indicator 'x'"),
        ('{ node = "p.47", field = "colour", source = "inferred" }', "not a field of Measure"),
        ('{ node = "p.47", indicator = "受講者数", field = "targets.H30", source = "inferred" }', "targets has no"),
        ('{ node = "p.47", indicator = "受講者数", field = "unit.H30", source = "inferred" }', "not keyed by year"),
        ('{ node = "p.47", field = "title", source = "guessed" }', "not a Source"),
        ('{ node = "p.47", field = "title.", source = "inferred" }', "joined by '.'"),
    ],
)
def test_a_provenance_that_names_nothing_is_refused(entry: str, words: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(words)) as caught:
        kyodo.loads(PROVENANCE.format(entries=entry), "toml")
    assert caught.value.problems[0][0].startswith("provenance[0]")


# --- figures printed beside an indicator -------------------------------------------------------------


def test_an_indicator_holds_a_comparison_a_rank_and_a_survey_s_answers() -> None:
    plan = kyodo.loads(
        _plan(
            "actuals = { H30 = 29.5 }\n"
            '[[sections.indicators.series]]\nname = "中核市平均"\nunit = "%"\nvalues = { H30 = 31.2 }\n'
            '[[sections.indicators.series]]\nname = "本市順位"\nunit = "位"\nvalues = { H30 = 12 }\nout_of = 62\n'
        ),
        "toml",
    )
    average, rank = _indicator(plan).series
    assert (average.value(FY(2018)), rank.value(FY(2018)), rank.out_of) == (Decimal("31.2"), 12, 62)
    assert average.value(FY(2019)) is None
    assert kyodo.loads(kyodo.dumps(plan, "toml"), "toml") == plan
    PLAN_FILES.validate(json.loads(kyodo.dumps(plan, "json")))
    report = build_report(plan, FY(2018))
    text = render_text(report)
    assert "中核市平均: 平成30年度 31.2%" in text
    assert "本市順位: 平成30年度 12位/62" in text
    assert "本市順位: FY2018 12位/62" in render_text(report, locale="en")
    (shown,) = json.loads(render_json(report))["measures"][0]["indicators"]
    assert shown["series"][1] == {"name": "本市順位", "unit": "位", "out_of": 62, "values": {"平成30年度": "12"}}


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (lambda: kyodo.Series(" "), "needs a name"),
        (lambda: kyodo.Series("順位", out_of=0), "at least 1"),
        (lambda: Indicator("x", "%", series=[kyodo.Series("a"), kyodo.Series("a")]), "'a' appears twice"),
        (
            lambda: kyodo.Series("a", values=[Observation(FY(2018), 1), Observation(FY(2018), 2)]),
            "twice",
        ),
    ],
)
def test_a_series_that_cannot_be_is_refused(build: Any, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        build()


def test_a_measure_says_how_it_is_run_in_the_sheet_s_words() -> None:
    measure = kyodo.Measure("p.35", "区長の事務事業", delivery=["一部委託", "市民協働"])
    plan = kyodo.Plan("t", "m", kyodo.FiscalYearRange(FY(2015), FY(2019)), sections=[measure])
    assert kyodo.loads(kyodo.dumps(plan, "toml"), "toml") == plan
    with pytest.raises(ValidationError, match="given twice"):
        kyodo.Measure("1", "m", delivery=["市直営", "市直営"])
    with pytest.raises(ValidationError, match=r"delivery\[0\]"):
        kyodo.Measure("1", "m", delivery=[" "])


def test_a_change_of_a_neutral_indicator_is_neither_a_gain_nor_a_loss() -> None:
    share = Indicator(
        "女性委員の割合",
        "%",
        "neutral",
        baseline=Observation(FY(2018), Decimal(40)),
        actuals=[Observation(FY(2020), 45)],
    )
    for basis in (bases.Change(), bases.Change(unit="percent")):
        reading = basis.read(share, FY(2020))
        assert isinstance(reading, bases.Unread)
        assert reading.how == "undefined"
        assert reading.why is not None
        assert "neither way is better" in reading.why[0]


@given(strategies.measures(max_items=3), strategies.fiscal_years())
def test_a_measure_grade_names_each_indicator_s_own_grade(measure: kyodo.Measure, fy: kyodo.FiscalYear) -> None:
    scheme = kyodo.preset("osaka-pref-library-2016")
    grade = kyodo.grade_measure(measure, fy, scheme)
    assert list(grade.by_indicator) == [indicator.name for indicator in measure.indicators]
    for indicator in measure.indicators:
        assert grade.by_indicator[indicator.name].label == scheme.grade_indicator(indicator, fy).label
