"""小矢部市総合計画成果指標, 2 成果指標達成状況, as examples/plans/oyabe.toml: every printed cell."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import kyodo
from kyodo import Baseline, FiscalYear, Measure, NoFigure, NoFigureReason, TargetRole

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
    assert "cannot be held yet" not in notes  # the three things it could not hold, it now holds
    assert "5ヵ年目標: a target printed with no year" in notes
    assert "none is given a reason" in notes
    assert [section.title for section in plan.sections] == ["生涯学習の促進", "生涯スポーツの促進"]


def _held(indicator: kyodo.Indicator, fy: FiscalYear) -> list[tuple[str, bool, object]]:
    """What the file holds for a year, figures then words as printed: (cell, estimate, on)."""
    cells: list[tuple[str, bool, object]] = [(str(a.value), a.estimate, a.on) for a in indicator.figures(fy)]
    cells += [(w.text, w.estimate, w.on) for w in indicator.no_figures if w.fy == fy]
    return cells


@pytest.mark.parametrize(("section", "code", "name", "unit", "cells"), ROWS, ids=[row[2] for row in ROWS])
def test_every_printed_cell(plan: kyodo.Plan, section: str, code: str, name: str, unit: str, cells: list[str]) -> None:
    """Each cell of the row is held as printed: a figure, or the word the page prints in its place."""
    indicator = _indicator(plan, section, code, name)
    assert indicator.unit == unit
    baseline, first, second, half_year, estimate, target = cells

    def printed(cell: str) -> str:
        return cell if cell in ("なし", "策定", "設置") else str(_number(cell, unit))

    # 平成12年: the baseline; なし is a baseline with its year and no value.
    if baseline == "なし":
        assert indicator.baseline == Baseline(None, H12)
    else:
        assert indicator.baseline == kyodo.Observation(H12, _number(baseline, unit))

    # 平成13年実績 and 平成14年実績: a final figure, or a word in its place (なし with no reason, 策定 in words).
    for fy, cell in ((H13, first), (H14, second)):
        assert _held(indicator, fy) == [(printed(cell), False, None)]
        word = indicator.no_figure(fy)
        if cell in ("なし", "策定"):
            assert indicator.actual(fy) is None
            assert word is not None
            assert word.reason is (NoFigureReason.WORDS if cell == "策定" else None)
        else:
            assert word is None

    # 平成15年度: two cells, 平成15年9月30日現在 (on that day), then 平成15年末見込 (an estimate).
    day = date(2003, 9, 30)
    held = _held(indicator, H15)
    assert sorted(held, key=lambda cell: cell[1]) == [(printed(half_year), False, day), (printed(estimate), True, None)]
    actual = indicator.actual(H15)
    if estimate == "なし":
        assert actual is None
    else:
        # Rates use the last figure of the year: the year-end estimate.
        assert actual is not None
        assert (actual.value, actual.estimate, actual.on) == (_number(estimate, unit), True, None)

    # 5ヵ年目標: a final target keyed by those words, with no year; the period places it at 平成17年度.
    assert indicator.targets == ()
    (goal,) = indicator.undated_targets
    assert (goal.when, goal.role, goal.year_in(plan.period)) == ("5ヵ年目標", TargetRole.FINAL, H17)
    if target in ("設置", "策定"):
        assert (goal.value, goal.text, str(goal)) == (None, target, target)
    else:
        assert goal.value == _number(target, unit)


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
    assert [str(actual.value) for actual in loans.actuals] == ["2.86", "3", "2", "3"]  # 平成15年度 twice


def test_the_row_cut_off_in_the_stored_page(plan: kyodo.Plan) -> None:
    """12107 holds only what is printed before the cut: なし in 平成12年 and 平成13年実績."""
    section, code, name = CUT_ROW
    indicator = _indicator(plan, section, code, name)
    assert indicator.baseline == Baseline(None, H12)
    assert (indicator.actuals, indicator.targets, indicator.unit) == ((), (), "")
    assert indicator.no_figures == (NoFigure(H13, "なし"),)
    assert "cut off after 「5」" in (indicator.note or "")
    measure = plan.find(f"{section}-{code}")
    assert isinstance(measure, Measure)
    assert "「5」 (平成14年実績), cut off there" in measure.notes[0]


def test_the_sports_plan_drawn_up_in_h13_is_an_actual_in_words(plan: kyodo.Plan) -> None:
    """生涯スポーツプラン策定 prints 策定 in 平成13年実績: held as printed, a word with no rate."""
    indicator = _indicator(plan, "生涯スポーツの促進", "12101", "生涯スポーツプラン策定")
    assert indicator.no_figure(H13) == NoFigure(H13, "策定", "words")
    assert indicator.achievement(H13) is None  # no target that year: nothing to rate against


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
    # What it holds as printed: 17 なし and 策定, a 9月30日現在 figure beside 10 estimates, 14 5ヵ年目標.
    assert main(["validate", "--lang", "en", str(PLAN_FILE)]) == 0
    held = capsys.readouterr().out.splitlines()[0]
    assert held.endswith(
        ": 18 actuals printed as words (なし 17, 策定 1); 10 more figures for years that have one"
        " (rates use each year's last); 14 targets without a year (14 placed by the plan's period)"
    )


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
    """kyodo report: the baseline, each year's actual or word (the estimate marked 見込み), the 9月30日現在
    figure beside it, and the 5ヵ年目標 with the year the period gives it; no rate."""
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
    ]
    assert "ほかの実績: 65,016(2003-09-30現在)" in report  # the 平成15年9月30日現在 figure, beside the estimate
    assert "年度のない目標: 5ヵ年目標 105,000（平成17年度: 計画期間から推定）" in report
    assert report_rows(report, "総合人材バンク設置") == [
        ["平成13年度", "なし"],
        ["平成14年度", "なし"],
        ["平成15年度", "なし(見込み)"],
    ]
    assert "年度のない目標: 5ヵ年目標 設置（平成17年度: 計画期間から推定）" in report
    assert report_rows(report, "成人のスポーツ実施率（週1回以上）") == [
        ["平成13年度", "40"],
        ["平成14年度", "なし"],
        ["平成15年度", "なし(見込み)"],
    ]
    assert report_rows(report, "生涯スポーツプラン策定")[0] == ["平成13年度", "策定"]
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
