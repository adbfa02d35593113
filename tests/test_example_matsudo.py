"""松戸市's 政策指標 (examples/sheets), read as the city prints them: a 節 and its 項, each with its own indicators.

The table prints each 節項's 政策指標 with a 現状値 and a 目標値, neither dated, the unit in each figure's cell;
the indicators are the sections' own, so the mapping reads them onto sections. Every figure is checked with its cell.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kyodo import Plan, Section, read_sheet, write_sheet

SHEETS = Path(__file__).parent.parent / "examples" / "sheets"
SHEET = "matsudo-seisaku-shihyo"

# (row, 節項 path, 政策指標, 現状値, its unit, 目標値), as the page prints them.
PRINTED = [
    (2, "第1節", "松戸に住み続けたいと思う市民の割合", "58.6", "%", "62.0"),
    (3, "第1節-第1項", "身の回りで人権が守られていると思っている人の割合", "42.4", "%", "45.0"),
    (4, "第1節-第2項", "固定的性別役割分担を支持しない人の割合", "43.4", "%", "45.0"),
    (5, "第1節-第3項", "(1)地域活動に参加している人の割合", "27.1", "%", "29.0"),
    (6, "第1節-第3項", "(2)NPO法人の数", "26", "団体", "40"),
    (7, "第1節-第4項", "ホームページのアクセス件数", "285800", "件", "1075000"),
    (8, "第1節-第5項", "インターネットを利用している人の割合", "38.1", "%", "45.0"),
]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return read_sheet(SHEETS / f"{SHEET}.csv", SHEETS / f"{SHEET}.mapping.toml")


@pytest.mark.parametrize(("row", "code", "name", "baseline", "unit", "target"), PRINTED)
def test_every_printed_figure_is_read_onto_its_section_with_its_cell(
    plan: Plan, row: int, code: str, name: str, baseline: str, unit: str, target: str
) -> None:
    section = plan.find(code)
    assert isinstance(section, Section)
    indicator = section.indicator(name)
    assert indicator.unit == unit
    assert indicator.baseline is not None
    assert (indicator.baseline.value, indicator.baseline.fy) == (Decimal(baseline), None)
    assert indicator.targets == ()  # the page prints no year for 目標値: none is invented
    (undated,) = indicator.undated_targets
    assert (undated.when, undated.value, undated.role.value) == ("目標値", Decimal(target), "final")
    cells = {
        "name": f"D{row}",
        "unit": f"E{row}",
        "baseline": f"E{row}",
        "undated_targets.目標値": f"F{row}",
    }
    for field, cell in cells.items():
        entry = plan.provenance_of(code, field, name)
        assert entry is not None
        assert entry.cell == f"{SHEET}!{cell}"


def test_the_table_is_a_section_and_its_five_items_with_no_measure(plan: Plan) -> None:
    assert [(code, node.title, len(node.indicators)) for code, node in plan.walk() if isinstance(node, Section)] == [
        ("第1節", "連携型地域社会の形成", 1),
        ("第1節-第1項", "人権を尊重する社会の実現", 1),
        ("第1節-第2項", "男女共同参画社会づくり", 1),
        ("第1節-第3項", "市民と行政のパートナーシップの強化", 2),
        ("第1節-第4項", "情報提供の充実", 1),
        ("第1節-第5項", "IT社会の実現", 1),
    ]
    assert list(plan.measures()) == []
    assert (plan.level_of(plan.find("第1節-第3項")), plan.provenance_of("第1節-第3項", "title").cell) == (
        "項",
        f"{SHEET}!B5",
    )
    # The (2) row prints no 節項: it continues 第3項, as a merged cell exports.
    assert plan.provenance_of("第1節-第3項", "baseline", "(2)NPO法人の数").cell == f"{SHEET}!E6"


def test_the_sections_figures_survive_an_export(plan: Plan, tmp_path: Path) -> None:
    """Written as a workbook (its 施策指標 sheet) and read back, every section keeps its indicators, units and
    baselines (a target without a year is not carried: docs/sheets.md lists it)."""
    write_sheet(plan, tmp_path / "matsudo.xlsx")
    again = read_sheet(tmp_path / "matsudo.xlsx", tmp_path / "matsudo.mapping.toml")
    figures = [(code, i.name, i.unit, i.baseline.value if i.baseline else None) for code, _node, i in plan.indicators()]
    assert [
        (code, i.name, i.unit, i.baseline.value if i.baseline else None) for code, _node, i in again.indicators()
    ] == figures
    assert len(figures) == 7


def test_kyodo_import_counts_the_sections_own_indicators(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Every figure of this table is a section's own: a count of measures alone said "0 measures read".
    from kyodo.cli import main

    output, sheet = tmp_path / "matsudo.toml", SHEETS / f"{SHEET}.csv"
    assert (
        main(["import", str(sheet), "--mapping", str(SHEETS / f"{SHEET}.mapping.toml"), "--output", str(output)]) == 0
    )
    assert capsys.readouterr().out.strip().endswith(f"0 measures and 7 indicators read from {sheet}")
