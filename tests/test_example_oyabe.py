"""小矢部市総合計画成果指標, 2 成果指標達成状況, as examples/plans/oyabe.toml: every printed cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import kyodo
from kyodo import Baseline, FiscalYear, Measure, TargetRole

PLAN_FILE = Path(__file__).parent.parent / "examples" / "plans" / "oyabe.toml"
SOURCE = "https://www.city.oyabe.toyama.jp/shiseijyouhou/1001905/1001920/1001926/1001938/1001939.html"

#: The columns after 成果指標 and 区分 (当初 on every row), with the fiscal year this file reads each as.
COLUMNS = ["平成12年", "平成13年実績", "平成14年実績", "平成15年9月30日現在", "平成15年末見込", "5ヵ年目標"]
H12, H13, H14, H15, H17 = (FiscalYear(year) for year in (2000, 2001, 2002, 2003, 2005))

#: Every row of the page's two tables, cell by cell as printed: (section, 主要施策コード, 成果指標, unit, cells).
ROWS = [
    ("生涯学習の促進", "11102", "生涯学習推進協議会の設置", "", ["なし", "なし", "なし", "なし", "なし", "設置"]),
    ("生涯学習の促進", "11103", "総合人材バンク設置", "", ["なし", "なし", "なし", "なし", "なし", "設置"]),
    (
        "生涯学習の促進",
        "11204",
        "生涯学習用公民館パソコン設置台数",
        "台",
        ["なし", "109台", "109台", "109台", "109台", "109台"],
    ),
    ("生涯学習の促進", "11204", "IT講座修了者数", "人", ["なし", "1,007人", "448人", "196人", "279人", "1,400人"]),
    ("生涯学習の促進", "11204", "CATV生涯学習講座番組数", "本", ["なし", "なし", "1本", "1本", "1本", "10本"]),
    (
        "生涯学習の促進",
        "11302",
        "図書館入館者数",
        "人",
        ["102,521人", "105,757人", "117,857人", "65,016人", "120,000人", "105,000人"],
    ),
    ("生涯学習の促進", "11302", "市民一人当り図書資料貸出し数", "点", ["2.77点", "2.86点", "3点", "2点", "3点", "3点"]),
    ("生涯学習の促進", "11306", "公民館改築数（累計）", "箇所", ["なし", "1箇所", "1箇所", "1箇所", "1箇所", "1箇所"]),
    ("生涯学習の促進", "11306", "公民館改修数（累計）", "箇所", ["なし", "なし", "5箇所", "6箇所", "7箇所", "2箇所"]),
    ("生涯スポーツの促進", "12101", "生涯スポーツプラン策定", "", ["なし", "策定", "なし", "なし", "なし", "策定"]),
    (
        "生涯スポーツの促進",
        "12102",
        "総合型地域スポーツクラブ加入者数",
        "人",
        ["277人", "778人", "967人", "1,039人", "1,050人", "500人"],
    ),
    (
        "生涯スポーツの促進",
        "12103",
        "高齢者レクリエーション教室参加者数",
        "人",
        ["40人", "40人", "60人", "100人", "100人", "90人"],
    ),
    (
        "生涯スポーツの促進",
        "12104",
        "成人のスポーツ実施率（週1回以上）",
        "%",
        ["37%", "40%", "なし", "なし", "なし", "44%"],
    ),
    (
        "生涯スポーツの促進",
        "12104",
        "ニュースポーツ用具等利用回数/年",
        "回",
        ["51回", "60回", "166回", "80回", "150回", "100回"],
    ),
]

#: The row the stored page is cut off in: なし, なし, then 「5」 and nothing after it.
CUT_ROW = ("生涯スポーツの促進", "12107", "i-net・CATVによるスポーツ情報提供")


def _number(cell: str, unit: str) -> Decimal:
    """A cell as printed (1,007人) as the number it prints."""
    assert cell.endswith(unit), (cell, unit)
    return Decimal(cell.removesuffix(unit).replace(",", "") if unit else cell.replace(",", ""))


@pytest.fixture(scope="module")
def plan() -> kyodo.Plan:
    return kyodo.load(PLAN_FILE)


def _indicator(plan: kyodo.Plan, section: str, code: str, name: str) -> kyodo.Indicator:
    measure = plan.find(f"{section}-{code}")
    assert isinstance(measure, Measure)
    return measure.indicator(name)


def test_the_page_and_the_readings_it_leaves_open(plan: kyodo.Plan) -> None:
    """The source, and the plan's notes on what the page leaves unclear."""
    assert plan.municipality == "小矢部市"
    assert plan.source == SOURCE
    assert PLAN_FILE.read_text(encoding="utf-8").count(SOURCE) >= 2  # the top comment cites it too
    assert (plan.period.first, plan.period.last) == (H13, H17)
    notes = "\n".join(plan.notes)
    assert "「2 成果指標達成状況」" in notes
    assert "主要施策コード | 成果指標 | 区分 | " + " | ".join(COLUMNS) in notes
    for gap in ("a second actual for one year", "a target printed with no year (5ヵ年目標)", "an actual in words"):
        assert f"cannot be held yet: {gap}" in notes
    assert [section.title for section in plan.sections] == ["生涯学習の促進", "生涯スポーツの促進"]


@pytest.mark.parametrize(("section", "code", "name", "unit", "cells"), ROWS, ids=[row[2] for row in ROWS])
def test_every_printed_cell(plan: kyodo.Plan, section: str, code: str, name: str, unit: str, cells: list[str]) -> None:
    """Each cell of the row is held as the file's reading says, or listed in the indicator's note."""
    indicator = _indicator(plan, section, code, name)
    assert indicator.unit == unit
    note = indicator.note or ""
    baseline, first, second, half_year, estimate, target = cells
    missing = [column for column, cell in zip(COLUMNS, cells, strict=True) if cell == "なし"]
    if missing:
        assert f"なし (not held): {', '.join(missing)}" in note

    # 平成12年: the baseline; なし is a baseline with its year and no value.
    if baseline == "なし":
        assert indicator.baseline == Baseline(None, H12)
    else:
        assert indicator.baseline == kyodo.Observation(H12, _number(baseline, unit))

    # 平成13年実績 and 平成14年実績: final figures.
    for fy, cell in ((H13, first), (H14, second)):
        actual = indicator.actual(fy)
        if cell in ("なし", "策定"):
            assert actual is None
        else:
            assert actual is not None
            assert (actual.value, actual.final) == (_number(cell, unit), True)

    # 平成15年9月30日現在: in the note, as printed; 平成15年末見込: the 平成15年度 actual, an estimate.
    if half_year != "なし":
        assert f"平成15年9月30日現在: {half_year}." in note
    actual = indicator.actual(H15)
    if estimate == "なし":
        assert actual is None
    else:
        assert actual is not None
        assert (actual.value, actual.estimate, actual.on) == (_number(estimate, unit), True, None)

    # 5ヵ年目標: a final target at 平成17年度, a number or words.
    held = indicator.target(H17)
    assert held is not None
    assert held.role is TargetRole.FINAL
    assert [t.fy for t in indicator.targets] == [H17]
    if target in ("設置", "策定"):
        assert (held.value, held.text, str(held)) == (None, target, target)
    else:
        assert held.value == _number(target, unit)


def test_the_rows_are_all_there_in_order(plan: kyodo.Plan) -> None:
    """14 whole rows and the cut one, each under its code, in the printed order."""
    printed = [(section, code, name) for section, code, name, _unit, _cells in ROWS] + [CUT_ROW]
    held = [
        (code.split("-")[0], code.split("-")[1], indicator.name)
        for code, node in plan.walk()
        if isinstance(node, Measure)
        for indicator in node.indicators
    ]
    assert held == printed
    assert sum(len(cells) for *_, cells in ROWS) == 84


def test_decimals_are_kept_as_printed(plan: kyodo.Plan) -> None:
    """2.77点 and 2.86点 keep their decimals; 3点 has none."""
    loans = _indicator(plan, "生涯学習の促進", "11302", "市民一人当り図書資料貸出し数")
    assert loans.baseline is not None
    assert str(loans.baseline.value) == "2.77"
    assert [str(actual.value) for actual in loans.actuals] == ["2.86", "3", "3"]


def test_the_row_cut_off_in_the_stored_page(plan: kyodo.Plan) -> None:
    """12107 holds only what is printed before the cut: なし in 平成12年 and 平成13年実績."""
    section, code, name = CUT_ROW
    indicator = _indicator(plan, section, code, name)
    assert indicator.baseline == Baseline(None, H12)
    assert (indicator.actuals, indicator.targets, indicator.unit) == ((), (), "")
    assert "cut off after 「5」" in (indicator.note or "")
    measure = plan.find(f"{section}-{code}")
    assert isinstance(measure, Measure)
    assert "「5」 (平成14年実績), cut off there" in measure.notes[0]


def test_the_sports_plan_drawn_up_in_h13_is_a_milestone(plan: kyodo.Plan) -> None:
    """生涯スポーツプラン策定 prints 策定 in 平成13年実績: an actual in words, held as a milestone."""
    measure = plan.find("生涯スポーツの促進-12101")
    assert isinstance(measure, Measure)
    assert measure.milestones == (("生涯スポーツプラン策定", H13),)


def test_the_half_year_figures_are_about_half_the_estimates() -> None:
    """The notes' reason for fiscal years: April to September is half a fiscal year."""
    assert 0.45 < 65_016 / 120_000 < 0.6
    assert 0.45 < 80 / 150 < 0.6


def test_validate_and_no_printed_rates(plan: kyodo.Plan, capsys: pytest.CaptureFixture[str]) -> None:
    """The page prints no 達成率, so nothing is compared; the file is valid."""
    from kyodo.cli import main

    indicators = [indicator for measure in plan.measures() for indicator in measure.indicators]
    assert len(indicators) == 15
    assert all(actual.printed_rate is None for indicator in indicators for actual in indicator.actuals)
    assert main(["validate", str(PLAN_FILE)]) == 0
    assert capsys.readouterr().out.strip().endswith("valid (10 measures, 15 indicators)")


_HEADS = ("指標", "成果指標", "活動指標", "対象指標")


def report_rows(report: str, name: str) -> list[list[str]]:
    """The table rows the text report prints under one indicator, split into cells (the other example tests use it too)."""
    lines = report.splitlines()
    # An indicator is headed 指標, or by its category (成果指標, 活動指標, 対象指標).
    start = next(
        i for i, line in enumerate(lines) if any(line.strip().startswith(f"{head}: {name}") for head in _HEADS)
    )
    # The table starts after its header row (年度 目標 実績 …); the baseline and series lines come before it.
    header = next(i for i in range(start + 1, len(lines)) if lines[i].split()[:1] == ["年度"])
    rows = []
    for line in lines[header + 1 :]:
        cells = line.split()
        if not cells or not cells[0].endswith("年度"):
            break
        rows.append(cells)
    return rows


def test_the_report_prints_the_figures_as_the_page_does(capsys: pytest.CaptureFixture[str]) -> None:
    """kyodo report: the baseline, each year's actual (the estimate marked 見込み) and the 5ヵ年目標; no rate."""
    from kyodo.cli import main

    assert main(["report", str(PLAN_FILE)]) == 0
    report = capsys.readouterr().out
    assert "評価年度: 平成15年度" in report
    assert "基準値: 102,521（平成12年度）" in report
    assert "基準値: －（平成12年度）" in report  # なし
    assert report_rows(report, "図書館入館者数") == [
        ["平成13年度", "105,757"],
        ["平成14年度", "117,857"],
        ["平成15年度", "120,000(見込み)"],
        ["平成17年度", "105,000"],
    ]
    assert report_rows(report, "総合人材バンク設置") == [["平成17年度", "設置"]]
    assert report_rows(report, "成人のスポーツ実施率（週1回以上）") == [["平成13年度", "40"], ["平成17年度", "44"]]
    # No year has both a target and an actual, so no rate is printed, as on the page.
    built = kyodo.report.build_report(kyodo.load(PLAN_FILE))
    rates = [
        row.achievement
        for node in built.nodes
        if isinstance(node, kyodo.report.MeasureReport)
        for _indicator, rows in node.indicators
        for row in rows
    ]
    assert len(rates) == 43
    assert set(rates) == {None}
