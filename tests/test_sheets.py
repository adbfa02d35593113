"""Sheets read into plans: the seed's figures come back exactly, every value keeps its cell, bad cells are named."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kyodo
from kyodo import FiscalYear, KyodoError, Measure, SheetMapping, ValidationError, load, read_sheet
from kyodo._sheet_grid import Grid, read_csv_text, shown_number
from kyodo.cli import main
from kyodo.sheets import guess_from_grid, read_grids_into_plan

SHEETS = Path(__file__).parent / "fixtures" / "sheets"


def _measure(plan: kyodo.Plan, code: str) -> Measure:
    node = plan.find(code)
    assert isinstance(node, Measure)
    return node


def test_seed_000_read_from_its_sheet_equals_the_hand_written_plan() -> None:
    """Seed 000 (新潟市 No.26) laid out as printed: every figure, grade and word equals examples/plans/niigata.toml."""
    imported = read_sheet(SHEETS / "niigata.xlsx", SHEETS / "niigata.toml")
    written = load(Path("examples/plans/niigata.toml"))
    got, want = _measure(imported, "Ⅱ-1-2-No.26"), _measure(written, "Ⅱ-1-2-No.26")
    assert got.indicators == want.indicators
    assert got.progress_checks == want.progress_checks
    for mine, theirs in zip(got.evaluations, want.evaluations, strict=True):
        assert (mine.kind, mine.fy, mine.grade, mine.assessment, mine.issues) == (
            theirs.kind,
            theirs.fy,
            theirs.grade,
            theirs.assessment,
            theirs.issues,
        )
        # The hand-written file puts the column's header (平成29年度以降) before the words the cell holds.
        assert theirs.outlook is None or (mine.outlook is not None and theirs.outlook.endswith(mine.outlook))
    for name in ("number", "title", "departments", "lead", "background", "purpose", "content"):
        assert getattr(got, name) == getattr(want, name)
    centres = got.indicators[0]
    assert centres.actual(FiscalYear(2017)).value == 54
    assert centres.baseline.estimate


def test_every_imported_figure_remembers_its_cell() -> None:
    plan = read_sheet(SHEETS / "niigata.xlsx", SHEETS / "niigata.toml")
    entry = plan.provenance_of("Ⅱ-1-2-No.26", "actuals.H27", "まちづくりセンター数")
    assert entry is not None
    assert (entry.source.label, entry.cell) == ("シート", "H27-H28!E10")
    assert plan.provenance_of("Ⅱ-1-2-No.26", "targets.H30", "まちづくりセンター数").cell == "H29-H30!F10"
    assert plan.provenance_of("Ⅱ-1-2-No.26", "departments").cell == "H27-H28!G3"
    assert plan.provenance_of("Ⅱ-1-2-No.26", "evaluations.H28").cell == "H27-H28!G16"  # the grade's cell


def test_a_report_of_an_imported_sheet_marks_no_cell_in_text_and_lists_every_cell_in_json() -> None:
    import json

    from kyodo.report import build_report, render_json, render_text

    plan = kyodo.read_sheet(SHEETS / "niigata.xlsx", SHEETS / "niigata.toml")
    report = build_report(plan)
    assert "※シート" not in render_text(report)
    listed = json.loads(render_json(report))["provenance"]
    assert len(listed) == len(plan.provenance)
    (centres_2015,) = [entry for entry in listed if entry["cell"] == "H27-H28!E10"]
    assert (centres_2015["source"], centres_2015["indicator"]) == ("sheet", "まちづくりセンター数")
    assert centres_2015["field"].startswith("actuals.")


def test_rows_layout_reads_merged_codes_and_wareki_year_columns() -> None:
    """Layout (a): a code merged over three indicator rows is the code of each; seed 003's FY2017 figures."""
    plan = read_sheet(SHEETS / "kpi_rows.xlsx", SHEETS / "kpi_rows.toml")
    first = _measure(plan, "１")
    assert [indicator.name for indicator in first.indicators] == [
        "地域活動への関心度",
        "地域活動への協力意向",
        "地域のつながりの変化",
    ]
    interest = first.indicators[0]
    fy2017 = FiscalYear(2017)
    assert (interest.target(fy2017).value, interest.actual(fy2017).value) == (Decimal("53.6"), Decimal("50.2"))
    assert interest.actual(fy2017).printed_rate == "93.7%"
    assert interest.baseline.value == Decimal("49.1")
    second = _measure(plan, "２")
    applications = second.indicators[1]
    assert applications.actual(FiscalYear(2016)).estimate
    assert applications.actual(fy2017).value == 32
    assert plan.provenance_of("２", "actuals.H29", "事業申請件数").note == "※「紡ごう絆」"
    assert second.indicators[0].actual(fy2017).value == Decimal("62.5")  # printed in full-width digits
    assert second.budget[0].budget == 1_200_000  # １，２００ in a column headed 千円
    assert first.budget[0].budget == 9_973_000


def test_a_cp932_csv_of_the_same_table_reads_to_the_same_figures() -> None:
    from_xlsx = read_sheet(SHEETS / "kpi_rows.xlsx", SHEETS / "kpi_rows.toml")
    from_csv = read_sheet(SHEETS / "kpi_rows_cp932.csv", SHEETS / "kpi_rows_csv.toml")
    assert [m.indicators for m in from_csv.measures()] == [m.indicators for m in from_xlsx.measures()]
    assert from_csv.provenance_of("１", "actuals.H29", "地域活動への関心度").cell == "kpi_rows_cp932!K5"


def test_blocks_layout_reads_a_year_by_kind_table_per_measure() -> None:
    plan = read_sheet(SHEETS / "blocks.xlsx", SHEETS / "blocks.toml")
    applications = _measure(plan, "4").indicators[0]
    assert (applications.name, applications.unit) == ("地域づくり協議会交付金事業申請件数", "件")
    assert applications.actual(FiscalYear(2017)).printed_rate == "91%"
    assert _measure(plan, "5").indicators[0].target(FiscalYear(2017)).value == 4


def test_header_block_above_a_table_gives_the_measure_and_its_grade() -> None:
    plan = read_sheet(SHEETS / "header_block.xlsx", SHEETS / "header_block.toml")
    measure = _measure(plan, "2-1")
    assert (measure.title, measure.departments) == ("地域コミュニティの活性化", ("地域づくり推進課", "市民協働推進課"))
    assert measure.evaluation(FiscalYear(2017)).grade == "B"
    assert [i.actual(FiscalYear(2017)).value for i in measure.indicators] == [
        Decimal("50.2"),
        Decimal("54.9"),
        Decimal("13.0"),
    ]


#: kitami.xlsx, every figure it holds: (code, indicator, category, unit, targets, actuals, printed rates) by fiscal year.
_KITAMI = [
    ("0101", "市内の町内会数", "対象指標", "団体", {}, {2013: "412", 2014: "410", 2015: "409"}, {}),
    (
        "0101",
        "町内会役員研修会の開催回数",
        "活動指標",
        "回",
        {2013: "6", 2014: "6", 2015: "6", 2017: "6"},
        {2013: "5", 2014: "6", 2015: "7"},
        {},
    ),
    (
        "0101",
        "町内会加入率",
        "成果指標",
        "%",
        {2013: "70.0", 2014: "70.5", 2015: "71.0", 2017: "72.0"},
        {2013: "68.2", 2014: "67.9", 2015: "67.5"},
        {2013: "97.4%", 2014: "96.3%", 2015: "95.1%"},
    ),
    (
        "0102",
        "補助件数",
        "活動指標",
        "件",
        {2013: "20", 2014: "20", 2015: "22", 2017: "25"},
        {2013: "18", 2014: "21", 2015: "23"},
        {},
    ),
    (
        "0102",
        "補助事業への参加者数",
        "成果指標",
        "人",
        {2013: "1500", 2014: "1600", 2015: "1700", 2017: "2000"},
        {2013: "1432", 2014: "1655"},
        {2013: "95.5%", 2014: "103.4%"},
    ),
]


def test_blocks_with_years_across_read_every_figure_of_the_kitami_sheet() -> None:
    """北見市 事務事業評価シート (H27 中間・事後): 目標値, 実績値 and 達成率 as rows under 25年度 | 26年度 | 27年度."""
    plan = read_sheet(SHEETS / "kitami.xlsx", SHEETS / "kitami.toml")
    assert [m.number for m in plan.measures()] == ["0101", "0102"]
    got = [
        (
            measure.number,
            indicator.name,
            indicator.category.label if indicator.category else None,
            indicator.unit,
            {target.fy.year: str(target.value) for target in indicator.targets},
            {actual.fy.year: str(actual.value) for actual in indicator.actuals},
            {actual.fy.year: actual.printed_rate for actual in indicator.actuals if actual.printed_rate},
        )
        for measure in plan.measures()
        for indicator in measure.indicators
    ]
    assert got == _KITAMI
    finals = [t for m in plan.measures() for i in m.indicators for t in i.targets if t.fy == FiscalYear(2017)]
    assert {target.role.value for target in finals} == {"final"}  # 最終目標値 for the year 目標年度 names
    grants = _measure(plan, "0102")
    assert grants.indicators[0].actual(FiscalYear(2015)).estimate  # 23（見込み）
    assert (grants.title, grants.departments) == ("まちづくり活動補助事業", ("市民活動課",))
    # The cost table below the indicators (25年度決算 | 26年度決算 | 27年度予算) is not read as indicators' figures;
    # its ⑤総事業費 row is the measure's budget lines (budget_row).
    assert [(line.fy.year, line.settled, line.budget) for line in grants.budget] == [
        (2013, 5_975_000, None),
        (2014, 5_955_000, None),
        (2015, None, 5_962_000),
    ]


def test_blocks_with_years_across_remember_each_figures_cell() -> None:
    plan = read_sheet(SHEETS / "kitami.xlsx", SHEETS / "kitami.toml")
    assert plan.provenance_of("0101", "actuals.H26", "町内会加入率").cell == "事務事業評価シート!F12"
    assert plan.provenance_of("0101", "targets.H29", "町内会加入率").cell == "事務事業評価シート!H11"
    assert plan.provenance_of("0101", "category", "町内会加入率").cell == "事務事業評価シート!A11"
    assert plan.provenance_of("0102", "actuals.H27", "補助件数").cell == "事務事業評価シート!G30"


_ACROSS_TABLE = {
    "layout": "blocks",
    "years_run": "across",
    "marker": "整理番号",
    "measure": {"number": "整理番号", "title": "事業名"},
    "columns": {"category": "区分", "indicator": "指標名", "unit": "単位"},
}
_ACROSS_PLAN = {"title": "評価", "municipality": "北見市", "period": "H25～H27", "era": "平成"}
_ACROSS = SheetMapping.from_data({"plan": _ACROSS_PLAN, "tables": [_ACROSS_TABLE]})


def _across(text: str, check_rates: bool = True) -> kyodo.Plan:
    return read_grids_into_plan({"評価シート": read_csv_text(text, "評価シート")}, _ACROSS, check_rates=check_rates)


def test_a_block_without_a_label_the_mapping_names_is_named_at_its_first_cell() -> None:
    """Found by hypothesis: a second 整理番号 starts a block with no 事業名; the sheet lacks it there, not the mapping."""
    with pytest.raises(ValidationError) as caught:
        _across("整理番号,7,事業名,交流\n区分,指標名,単位,区分,25年度,26年度,27年度\n,,,,,,整理番号\n")
    said = [message for path, message in caught.value.problems if path == "評価シート!A3"]
    assert said == [
        "the block that starts here (rows 3–3) has no cell reading '事業名' (tables[0].measure.title)",
        "this block gives no measure code",
    ]


def test_a_csv_of_blocks_across_continues_a_name_left_blank_below_it() -> None:
    """Excel's CSV keeps a merged name in its first row only; the 目標値 and 実績値 rows below still belong to it."""
    plan = _across(
        "整理番号,7,事業名,交流\n区分,指標名,単位,区分,25年度,26年度,27年度\n"
        "成果指標,参加者数,人,目標値,100,110,120\n,,,実績値,90,110,１２６\n,,,達成率,90.0%,100.0%,105.0%\n"
    )
    (indicator,) = plan.find("7").indicators
    assert [str(actual.value) for actual in indicator.actuals] == ["90", "110", "126"]
    assert [actual.printed_rate for actual in indicator.actuals] == ["90.0%", "100.0%", "105.0%"]
    assert indicator.category is not None
    assert indicator.category.value == "outcome"


def test_a_wrong_printed_rate_in_a_row_across_names_its_cells() -> None:
    text = "整理番号,7,事業名,交流\n区分,指標名,単位,区分,25年度,26年度\n成果指標,参加者数,人,目標値,100,110\n,,,実績値,90,99\n,,,達成率,90%,91%\n"
    with pytest.raises(ValidationError) as caught:
        _across(text)
    ((where, message),) = caught.value.problems
    assert where == "評価シート!F5"
    assert "評価シート!F4" in message
    assert "評価シート!F3" in message
    assert _across(text, check_rates=False).find("7").indicators[0].printed_differences()


def test_figures_across_with_no_indicator_and_a_bad_category_are_named_by_cell() -> None:
    with pytest.raises(ValidationError) as caught:
        _across(
            "整理番号,7,事業名,交流\n区分,指標名,単位,区分,25年度,26年度\n,,,目標値,1,2\n効率指標,件数,件,実績値,1,abc\n"
        )
    wheres = [where for where, _message in caught.value.problems]
    assert wheres[:2] == ["評価シート!E3", "評価シート!F4"]
    with pytest.raises(ValidationError) as caught:
        _across("整理番号,7,事業名,交流\n区分,指標名,単位,区分,25年度,26年度\n効率指標,件数,件,実績値,1,2\n")
    assert caught.value.problems[0][0].startswith("評価シート!A3 (")


def test_a_mapping_says_where_years_may_run() -> None:
    with pytest.raises(ValidationError) as caught:
        SheetMapping.from_data(
            {
                "tables": [
                    {"years_run": "down"},
                    {"layout": "blocks", "marker": "事業名", "years_run": "across", "indicator": {"name": "指標名"}},
                    {"layout": "blocks", "marker": "事業名", "years_run": "diagonal"},
                ]
            }
        )
    assert [path for path, _message in caught.value.problems] == [
        "tables[0].years_run",
        "tables[1].indicator",
        "tables[1].columns.indicator",
        "tables[2].years_run",
    ]


def test_blocks_across_refuse_the_measures_columns_they_would_never_read() -> None:
    """A block whose years run across reads its measure from labels: a column for it is refused, not ignored."""
    table = {"layout": "blocks", "marker": "整理番号", "years_run": "across"}
    columns = {"indicator": "指標名", "number": "No.", "title": "事業名", "departments": "担当課", "section": "区分"}
    with pytest.raises(ValidationError) as caught:
        SheetMapping.from_data({"tables": [{**table, "columns": columns}]})
    problems = dict(caught.value.problems)
    assert list(problems) == [f"tables[0].columns.{key}" for key in ("number", "title", "departments", "section")]
    assert "'title' is the measure's" in problems["tables[0].columns.title"]
    assert "measure (title = '事務事業名')" in problems["tables[0].columns.title"]
    assert "under" in problems["tables[0].columns.section"]
    # The same columns are a table of rows' own, and a block's indicator columns stay allowed.
    SheetMapping.from_data({"tables": [{"columns": columns}]})
    SheetMapping.from_data({"tables": [{**table, "columns": {"indicator": "指標名", "baseline": "基準値"}}]})


def test_blocks_across_read_a_baseline_column() -> None:
    columns = {"indicator": "指標名", "unit": "単位", "baseline": "基準値"}
    table = {**_ACROSS_TABLE, "measure": {"number": "整理番号", "title": {"value": "交流"}}, "columns": columns}
    mapping = SheetMapping.from_data({"plan": _ACROSS_PLAN, "tables": [table]})
    grid = read_csv_text("整理番号,7\n指標名,単位,基準値,区分,25年度,26年度\n参加者数,人,８０,目標値,100,110\n", "s")
    (indicator,) = read_grids_into_plan({"s": grid}, mapping).find("7").indicators
    assert indicator.baseline is not None
    assert indicator.baseline.value == 80
    assert read_grids_into_plan({"s": grid}, mapping).provenance_of("7", "baseline", "参加者数").cell == "s!C3"


_MAPPING = SheetMapping.from_data(
    {
        "plan": {"title": "評価", "municipality": "所沢市", "period": "H28～H29"},
        "tables": [
            {"header_row": 1, "columns": {"number": "No.", "title": "事業名", "indicator": "指標名", "unit": "単位"}}
        ],
    }
)


def _plan(text: str, check_rates: bool = True) -> kyodo.Plan:
    return read_grids_into_plan({"評価シート": read_csv_text(text, "評価シート")}, _MAPPING, check_rates=check_rates)


def test_every_bad_cell_is_named_in_one_error() -> None:
    text = "No.,事業名,指標名,単位,H28実績,H29実績\n1,交流,参加者数,人,４５％以上,abc\n"
    with pytest.raises(ValidationError) as caught:
        _plan(text)
    assert caught.value.problems == (
        ("評価シート!E2", "'４５％以上' is not a number"),
        ("評価シート!F2", "'abc' is not a number"),
    )
    assert caught.value.codes == ("not_a_number", "not_a_number")


def test_a_printed_rate_the_figures_do_not_give_names_all_three_cells() -> None:
    text = "No.,事業名,指標名,単位,H29目標,H29実績,H29達成率\n1,交流,参加者数,人,50,48,97%\n"
    with pytest.raises(ValidationError) as caught:
        _plan(text)
    ((where, message),) = caught.value.problems
    assert where == "評価シート!G2"
    assert "97%" in message
    assert "96%" in message
    assert "評価シート!F2" in message
    assert "評価シート!E2" in message
    kept = _plan(text, check_rates=False)
    assert kept.find("1").indicators[0].printed_differences()


def test_a_problem_the_plan_finds_is_named_by_its_cell() -> None:
    with pytest.raises(ValidationError) as caught:
        _plan("No.,事業名,指標名,単位,H29目標\n1,交流,参加者数,人,40～30\n")
    assert caught.value.problems[0][0].startswith("評価シート!E2 (")


def test_reading_xlsx_without_openpyxl_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(KyodoError, match=r"pip install 'kyodo\[sheets\]'"):
        read_sheet(SHEETS / "blocks.xlsx", SHEETS / "blocks.toml")


def test_a_broken_workbook_and_a_bad_mapping_raise_kyodo_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(kyodo.ParseError, match="xlsx"):
        read_sheet(broken, SHEETS / "blocks.toml")
    with pytest.raises(ValidationError) as caught:
        SheetMapping.from_data({"tables": [{"layout": "columns", "columns": {"colour": "A"}}]})
    assert {path for path, _message in caught.value.problems} == {"tables[0].layout", "tables[0].columns.colour"}


def test_shift_jis_is_chosen_when_the_bytes_are_not_utf8(tmp_path: Path) -> None:
    sheet = tmp_path / "評価.csv"
    sheet.write_bytes("No.,事業名,指標名,単位,H29実績\n1,交流,参加者数,人,４８\n".encode("cp932"))
    plan = read_sheet(sheet, _MAPPING)
    assert plan.find("1").indicators[0].actuals[0].value == 48


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (0.1 + 0.2, "General", "0.3"),
        (0.93657, "0.0%", "93.7%"),
        (2.675, "0.00", "2.68"),
        (7068, "#,##0", "7068"),
        (0.865, "0%", "87%"),
    ],
)
def test_a_float_in_a_cell_reads_as_the_decimal_the_sheet_shows(value: float, number_format: str, shown: str) -> None:
    assert shown_number(value, number_format) == shown


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False))
def test_a_decimal_stored_as_a_float_reads_back_to_itself(value: Decimal) -> None:
    assert Decimal(shown_number(float(value), "General")) == value


_CELL = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    [
        "－",
        "37(見込み)",
        "４５％以上",
        "1e400",
        "99999999999999999999999999999999",
        "43※",
        "継続して拡充",
        "千円",
        "NaN",
        "H27",
        "目標値",
        "実績値",
        "達成率",
        "成果指標",
        "97.4%",
        "26年度",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELL, min_size=7, max_size=7), min_size=1, max_size=4))
def test_arbitrary_cells_give_a_plan_or_kyodo_errors_naming_cells(rows: list[list[str]]) -> None:
    header = ("No.", "事業名", "指標名", "単位", "H28目標", "H28実績", "H28達成率")
    grid = Grid("評価シート", (header, *(tuple(row) for row in rows)))
    try:
        read_grids_into_plan({"評価シート": grid}, _MAPPING)
    except ValidationError as error:
        for path, _message in error.problems:
            assert path.startswith(("評価シート!", "sections")) or path == "tables[0]", path
    except KyodoError:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELL, min_size=7, max_size=7), min_size=1, max_size=5))
def test_arbitrary_cells_of_a_block_across_give_a_plan_or_kyodo_errors_naming_cells(rows: list[list[str]]) -> None:
    """The same law for a block whose years run across: its category, name, unit, kind and year cells are arbitrary."""
    top = ("整理番号", "7", "事業名", "交流", "", "", "")
    header = ("区分", "指標名", "単位", "区分", "25年度", "26年度", "27年度")
    grid = Grid("評価シート", (top, header, *(tuple(row) for row in rows)))
    try:
        read_grids_into_plan({"評価シート": grid}, _ACROSS)
    except ValidationError as error:
        for path, _message in error.problems:
            assert path.startswith(("評価シート!", "sections")), path
    except KyodoError:
        pass


def test_guess_proposes_a_mapping_that_reads_the_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--guess", str(SHEETS / "kpi_rows.xlsx")]) == 0
    proposed = capsys.readouterr().out
    assert "header_rows = [3, 4]" in proposed
    assert 'indicator = "指標名"' in proposed
    grid = read_csv_text("施策名,交流\nNo.,指標名,H29目標,H29実績\n", "表")
    assert 'title = "施策名"' in guess_from_grid(grid)


def test_the_import_command_writes_a_plan_that_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "niigata.toml"
    status = main(
        ["import", str(SHEETS / "niigata.xlsx"), "--mapping", str(SHEETS / "niigata.toml"), "--output", str(output)]
    )
    assert status == 0
    assert load(output).find("No.26").indicators[0].actuals[-1].value == 55
    bad = tmp_path / "bad.csv"
    bad.write_text("No.,事業名,指標名,単位,H29実績\n1,交流,参加者数,人,abc\n", encoding="utf-8")
    mapping = tmp_path / "map.json"
    mapping.write_text(
        '{"schema": "kyodo.sheet-mapping/1", "plan": {"title": "t", "municipality": "m", "period": "H29～H30"},'
        ' "tables": [{"columns": {"number": "No.", "title": "事業名", "indicator": "指標名", "unit": "単位"}}]}',
        encoding="utf-8",
    )
    assert main(["import", str(bad), "--mapping", str(mapping), "--output", str(output), "--lang", "en"]) == 1
    assert "bad!E2: 'abc' is not a number" in capsys.readouterr().err
    assert load(output).title == "新潟市行政改革プラン2015"  # the old file is left as it was


def test_the_mapping_schema_is_printed_and_describes_the_fixtures(capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import tomllib

    import jsonschema

    assert main(["schema", "sheet-mapping"]) == 0
    schema = json.loads(capsys.readouterr().out)
    for name in ("niigata", "kpi_rows", "blocks", "header_block", "kitami", "tokorozawa", "mitaka", "yamaguchi"):
        jsonschema.validate(tomllib.loads((SHEETS / f"{name}.toml").read_text(encoding="utf-8")), schema)


def test_csv_text_is_read_linearly_and_within_limits() -> None:
    rows = "\n".join(",".join(["1"] * 5) for _ in range(2000))
    assert read_csv_text(io.StringIO(rows).getvalue(), "s").height == 2000


def test_departments_keep_their_names_as_printed() -> None:
    """Seed 002's （仮称）地域活性化センター keeps its full-width brackets; the separators may be either width."""
    from kyodo._sheet_cells import read_departments

    assert read_departments("（仮称）地域活性化センター・協働推進課●") == (
        ["（仮称）地域活性化センター", "協働推進課"],
        "協働推進課",
    )
    assert read_departments("ＮＰＯ推進室､市民課") == (["ＮＰＯ推進室", "市民課"], None)
