"""吹田市's table of 施策指標 (examples/sheets), read as the city prints it: each figure with its unit and year in its cell.

The table's 策定時 cells print a figure, its unit and its year (5万人 (平成29年度)), and its 目標 cells a figure and
a unit with no year; no column gives the unit. Every figure the page prints is checked here with its cell.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo import FiscalYear, Indicator, Plan, SheetMapping, ValidationError, read_sheet
from kyodo._sheet_cells import read_figure
from kyodo._sheet_grid import read_csv_text
from kyodo.sheets import read_grids_into_plan

SHEETS = Path(__file__).parent.parent / "examples" / "sheets"

# (施策, 指標名, 策定時 figure, its unit, its year, 目標), as the page prints them.
PRINTED = [
    ("111", "平和祈念資料館の年間利用者数", "5", "万人", 2017, "6"),
    ("112", "人権に関する啓発活動や講演会などへの年間参加者数", "6.1", "万人", 2017, "6.5"),
    ("112", "人権をテーマにした標語やポスターなどの作品を市の事業へ応募した小・中学校の数", "36", "校", 2017, "54"),
    ("113", "市職員の管理職(課長代理級以上)における女性の割合", "25.1", "%", 2018, "30"),
]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return read_sheet(SHEETS / "suita-shisaku-shihyo.csv", SHEETS / "suita-shisaku-shihyo.mapping.toml")


def _indicator(plan: Plan, number: str, name: str) -> Indicator:
    node = plan.find(number)
    assert node is not None
    return node.indicator(name)


@pytest.mark.parametrize(
    ("number", "name", "baseline", "unit", "year", "target"), PRINTED, ids=[p[1][:8] for p in PRINTED]
)
def test_every_printed_figure_comes_back_with_its_unit_year_and_cell(
    plan: Plan, number: str, name: str, baseline: str, unit: str, year: int, target: str
) -> None:
    indicator = _indicator(plan, number, name)
    assert indicator.unit == unit
    assert indicator.baseline is not None
    assert (indicator.baseline.value, indicator.baseline.fy) == (Decimal(baseline), FiscalYear(year))
    # 目標 prints no year, so kyodo keeps it as the sheet keys it and invents none.
    assert indicator.targets == ()
    [undated] = indicator.undated_targets
    assert (undated.when, undated.value, undated.role.value) == ("目標", Decimal(target), "final")
    row = 2 + PRINTED.index((number, name, baseline, unit, year, target))
    cells = {field: plan.provenance_of(number, field, name) for field in ("unit", "baseline", "undated_targets.目標")}
    assert {field: entry.cell if entry else None for field, entry in cells.items()} == {
        "unit": f"suita-shisaku-shihyo!D{row}",
        "baseline": f"suita-shisaku-shihyo!D{row}",
        "undated_targets.目標": f"suita-shisaku-shihyo!E{row}",
    }


def test_the_table_gives_three_measures_of_four_indicators(plan: Plan) -> None:
    assert [(node.number, len(node.indicators)) for node in plan.sections] == [("111", 1), ("112", 2), ("113", 1)]
    assert str(plan.period) == "令和元年度～令和10年度"


PLAN = {"plan": {"title": "施策指標", "municipality": "吹田市", "period": "令和元年度～令和10年度"}}
MAPPING = SheetMapping.from_data(
    PLAN | {"tables": [{"header_row": 1, "columns": {"number": "施策", "title": "施策", "indicator": "指標名",
                                               "baseline": "策定時", "final_target": "目標"}}]}
)  # fmt: skip


def _read(csv_text: str) -> Plan:
    return read_grids_into_plan({"表": read_csv_text(csv_text, "表")}, MAPPING)


@pytest.mark.parametrize(
    ("baseline", "target", "cell", "says"),
    [
        ("36校(平成29年度)", "54人", "表!D2", "prints the unit '人', not the indicator's '校'"),
        ("45%以上(平成29年度)", "50%", "表!C2", "is not a number"),
        ("36校(見通し)", "54校", "表!C2", "is not a number"),
        ("36校(平成29年)", "54校", "表!C2", "is not a number"),
    ],
)
def test_a_cell_that_disagrees_or_is_no_figure_is_named(baseline: str, target: str, cell: str, says: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _read(f"施策,指標名,策定時,目標\n111,学校の数,{baseline},{target}\n")
    assert f"{cell}: " in str(caught.value)
    assert says in str(caught.value)


def test_a_unit_column_decides_and_a_cell_printing_another_is_refused() -> None:
    mapping = SheetMapping.from_data(
        PLAN | {"tables": [{"header_row": 1, "columns": {"number": "施策", "title": "施策", "indicator": "指標名",
                                                   "unit": "単位", "baseline": "策定時"}}]}
    )  # fmt: skip
    grids = {"表": read_csv_text("施策,指標名,単位,策定時\n111,数,人,5万人(平成29年度)\n", "表")}
    with pytest.raises(ValidationError) as caught:
        read_grids_into_plan(grids, mapping)
    assert "表!D2: '5万人(平成29年度)' prints the unit '万人', not the indicator's '人'" in str(caught.value)


def test_a_year_printed_in_a_year_column_must_be_that_year() -> None:
    mapping = SheetMapping.from_data(
        PLAN | {"tables": [{"header_row": 1, "columns": {"number": "施策", "title": "施策", "indicator": "指標名"}}]}
    )
    good = read_grids_into_plan({"表": read_csv_text("施策,指標名,H29実績\n111,数,43人(H29)\n", "表")}, mapping)
    assert good.find("111").indicator("数").actual(FiscalYear(2017)).value == 43  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as caught:
        read_grids_into_plan({"表": read_csv_text("施策,指標名,H29実績\n111,数,43人(H28)\n", "表")}, mapping)
    assert "表!C2: the figure is printed for 平成28年度 in a place for 平成29年度" in str(caught.value)


def test_money_in_ten_thousands_of_yen_is_read_as_yen() -> None:
    assert read_figure("1,234万円").value == 12_340_000  # type: ignore[union-attr]
    assert read_figure("9,973千円").value == 9_973_000  # type: ignore[union-attr]


UNITS = st.sampled_from(["人", "万人", "校", "%", "箇所", "件", "回", "団体", "㎡", "km"])
YEARS = st.integers(1989, 2040).map(FiscalYear)


@given(st.decimals(0, 10**9, places=2), UNITS, st.none() | YEARS, st.booleans())
def test_a_figure_reads_back_its_value_unit_and_year(
    value: Decimal, unit: str, fy: FiscalYear | None, wide: bool
) -> None:
    text = f"{value:,}{unit}" + ("" if fy is None else f"({fy})")
    if wide:  # as a sheet typed in full-width characters prints it
        text = text.translate({code: code + 0xFEE0 for code in range(0x21, 0x7F)})
    figure = read_figure(text, learn_unit=True)
    assert figure is not None
    assert (figure.value, figure.unit, figure.fy) == (value, _nfkc(unit), fy)


def _nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text)


@given(st.text(max_size=30))
def test_any_cell_text_is_a_figure_or_a_named_problem(text: str) -> None:
    try:
        figure = read_figure(text, learn_unit=True)
    except ValueError as error:
        problem = error.args[0]
    else:
        # A unit starts with a letter or a sign (人, %, m2 from ㎡), never with a digit the number would own.
        assert figure is None or figure.unit is None or not figure.unit[0].isdigit()
        return
    assert problem.code == "not_a_number"
