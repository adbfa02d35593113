"""An unidentified 中核市's 施策評価 of 施策 Ⅲ 9, as examples/plans/chukakushi_anzen.toml: every printed figure."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import kyodo
from kyodo import FiscalYear, Observation, Section, TargetRole, format_percent
from test_example_oyabe import report_rows

PLAN_FILE = Path(__file__).parent.parent / "examples" / "plans" / "chukakushi_anzen.toml"
SOURCE = "https://dokumen.tips/documents/a-oeffoeefc-iffff.html"

H30 = FiscalYear(2018)
YEARS = [FiscalYear(year) for year in range(2018, 2023)]  # H30 R1 R2 R3 R4

#: Each indicator as printed: (name, 基準値 year, 基準値, 単年度目標値 H30–R4, 実績値, 目標値(R4), 単年度の達成度).
INDICATORS = [
    ("防災出前講座の参加人数", 2017, "1110", ["1,280", "1,460", "1,640", "1,820", "2,000"], "2,260", "2,000", "176.6%"),
    ("指標2（名称は抜粋にない）", 2016, "49.3", ["50.2", "51.2", "52.1", "53", "54"], "49.7", "54", "99.0%"),
    ("指標3（名称は抜粋にない）", 2016, "97", ["97.6", "98.2", "98.8", "99.4", "100.0"], "100.0", "100", "102.5%"),
]

#: 市民満足度, as printed: 満足 / やや満足 / 満足度(計) / やや不満 / 不満 / わからない.
SATISFACTION = {
    "基準値(H29)": ["3.8%", "30.8%", "34.6%", "17.7%", "4.2%", "35.8%"],
    "H30": ["3.9%", "25.6%", "29.5%", "17.4%", "7.0%", "37.4%"],
}

#: 「指標 評価」, printed on the 施策.
GRADES = {"産出指標": "A", "成果指標": "A", "市民満足": "C", "構成事業": "B"}


def _decimal(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


@pytest.fixture(scope="module")
def plan() -> kyodo.Plan:
    return kyodo.load(PLAN_FILE)


@pytest.fixture(scope="module")
def measure(plan: kyodo.Plan) -> Section:
    """施策 Ⅲ 9, a section that holds its own indicators and grades."""
    found = plan.find("Ⅲ-9")
    assert isinstance(found, Section)
    return found


def test_the_sheet_and_what_it_leaves_unclear(plan: kyodo.Plan) -> None:
    """The source, the headings, and the plan's notes on the city, the names and what cannot be held."""
    assert plan.source == SOURCE
    assert PLAN_FILE.read_text(encoding="utf-8").count(SOURCE) >= 2  # the top comment cites it too
    assert plan.title == "Ⅲ 「安全・安心の未来都市」の実現に向けて (安心・協働・共生 分野)"
    assert plan.municipality == "中核市（市名不明）"
    assert (plan.period.first, plan.period.last) == (YEARS[0], YEARS[-1])
    notes = "\n".join(plan.notes)
    assert "「中核市平均」" in notes
    assert "「本市順位」" in notes
    assert "「H30 R1 R2 R3 R4」 with R4 marked 「(目標年)」" in notes
    for gap in ("a comparison with other cities",):
        assert f"cannot be held yet: {gap}" in notes


@pytest.mark.parametrize(
    ("name", "base_year", "baseline", "targets", "actual", "final", "printed"),
    INDICATORS,
    ids=[row[0] for row in INDICATORS],
)
def test_every_printed_figure(
    measure: Section,
    name: str,
    base_year: int,
    baseline: str,
    targets: list[str],
    actual: str,
    final: str,
    printed: str,
) -> None:
    """基準値 with its year, 単年度目標値 H30–R4 (R4 the final), 実績値 H30 and its printed 単年度の達成度."""
    indicator = measure.indicator(name)
    assert indicator.baseline == Observation(FiscalYear(base_year), _decimal(baseline))
    assert [(t.fy, str(t.value), t.role) for t in indicator.targets] == [
        (fy, value.replace(",", ""), TargetRole.FINAL if fy == YEARS[-1] else TargetRole.ANNUAL)
        for fy, value in zip(YEARS, targets, strict=True)
    ]
    # 目標値(R4) is the R4 単年度目標値 printed again (100 beside 100.0: the same number).
    r4 = indicator.target(YEARS[-1])
    assert r4 is not None
    assert r4.value == _decimal(final)
    held = indicator.actual(H30)
    assert held is not None
    assert [a.fy for a in indicator.actuals] == [H30]
    assert (str(held.value), held.printed_rate, held.printed_digits) == (actual.replace(",", ""), printed, 1)


@pytest.mark.parametrize(
    ("name", "actual", "target", "printed"),
    [(row[0], row[4], row[3][0], row[6]) for row in INDICATORS],
    ids=[row[0] for row in INDICATORS],
)
def test_printed_rates_are_kyodos_rates(measure: Section, name: str, actual: str, target: str, printed: str) -> None:
    """単年度の達成度 is 実績値 ÷ the year's 単年度目標値, rounded to 0.1%: kyodo gives each printed rate."""
    indicator = measure.indicator(name)
    rate = indicator.achievement(H30)
    assert rate == Fraction(_decimal(actual)) / Fraction(_decimal(target))
    assert format_percent(rate, 1) == printed
    assert indicator.printed_differences() == ()


def test_the_rates_are_rounded_not_truncated() -> None:
    """Two of the printed rates tell rounding from truncation (the notes' claim)."""
    for actual, target, printed in ((2260, 1280, "176.6%"), (Decimal("100.0"), Decimal("97.6"), "102.5%")):
        rate = Fraction(actual) / Fraction(target) * 1000
        assert f"{math.floor(rate) / 10}%" != printed
        assert format_percent(Fraction(actual) / Fraction(target), 1) == printed
    # Not against 目標値(R4): 2,260 ÷ 2,000 = 113.0%, which the sheet does not print.
    assert format_percent(Fraction(2260, 2000), 1) == "113.0%"


def test_the_later_years_have_no_actual_and_no_rate(measure: Section) -> None:
    """R1–R4 print 「.0%」 in empty cells: no actual is held, so no rate."""
    for indicator in measure.indicators[:3]:
        for fy in YEARS[1:]:
            assert indicator.actual(fy) is None
            assert indicator.achievement(fy) is None
    assert "(R1 .0%, R2 .0%, R3 .0%, R4 .0%)" in "\n".join(kyodo.load(PLAN_FILE).notes)


def test_the_satisfaction_block(plan: kyodo.Plan, measure: Section) -> None:
    """満足度(計) is held (基準値(H29) 34.6%, H30 29.5%); the whole distribution is in the notes, and adds up."""
    share = measure.indicator("市民満足度 満足度(計)")
    assert share.unit == "%"
    assert share.baseline == Observation(FiscalYear(2017), Decimal("34.6"))
    assert [(a.fy, str(a.value)) for a in share.actuals] == [(H30, "29.5")]
    assert share.targets == ()
    notes = "\n".join(plan.notes)
    assert "満足 / やや満足 / 満足度(計) / やや不満 / 不満 / わからない" in notes
    for row, cells in SATISFACTION.items():
        assert f"{row} {' '.join(cells)}" in notes
        satisfied, fairly, total = (Decimal(cell.rstrip("%")) for cell in cells[:3])
        assert satisfied + fairly == total
    assert f"{SATISFACTION['基準値(H29)'][2]}" == f"{share.baseline.value}%"
    # Each answer is a series of the indicator, with its H29 and H30 shares as printed.
    answers = ["満足", "やや満足", "やや不満", "不満", "わからない"]
    assert [series.name for series in share.series] == answers
    columns = [0, 1, 3, 4, 5]  # the printed order, without 満足度(計)
    for series, column in zip(share.series, columns, strict=True):
        assert series.unit == "%"
        assert [f"{value.value}%" for value in series.values] == [
            SATISFACTION["基準値(H29)"][column],
            SATISFACTION["H30"][column],
        ]


def test_the_grades_on_the_policy_are_its_axes(plan: kyodo.Plan, measure: Section) -> None:
    """産出指標 A, 成果指標 A, 市民満足 C, 構成事業 B: four axes of the H30 evaluation, and no single grade."""
    notes = "\n".join(plan.notes)
    assert ", ".join(f"{axis} {grade}" for axis, grade in GRADES.items()) + ", for H30" in notes
    evaluation = measure.evaluation(YEARS[0])
    assert evaluation is not None
    assert (dict(evaluation.axes), evaluation.grade) == (GRADES, None)


def test_validate(capsys: pytest.CaptureFixture[str]) -> None:
    """Every printed rate is reproduced, so the file validates."""
    from kyodo.cli import main

    assert main(["validate", str(PLAN_FILE), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip().endswith("valid (0 measures, 4 indicators)")


def test_the_report_prints_the_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    """kyodo report: 基準値 with its year, the five yearly targets, the H30 actual and the rate as printed."""
    from kyodo.cli import main

    assert main(["report", str(PLAN_FILE)]) == 0
    report = capsys.readouterr().out
    assert "評価年度: 平成30年度" in report
    assert "基準値: 1,110（平成29年度）" in report
    assert "基準値: 49.3（平成28年度）" in report
    years = ["平成30年度", "令和元年度", "令和2年度", "令和3年度", "令和4年度"]
    for name, _base_year, _baseline, targets, actual, _final, printed in INDICATORS:
        rows = report_rows(report, name)
        assert rows[0] == [years[0], targets[0], actual, printed]
        assert rows[1:] == [[year, target] for year, target in zip(years[1:], targets[1:], strict=True)]
    assert report_rows(report, "市民満足度 満足度(計)") == [["平成30年度", "29.5"]]
    assert "軸別の評価(記録) 平成30年度: 産出指標 A・成果指標 A・市民満足 C・構成事業 B" in report
