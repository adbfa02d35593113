"""Seed 003: Tokorozawa's FY2018 policy evaluation sheet (絆を紡ぐまちづくり), as examples/plans/tokorozawa.toml."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import kyodo
from kyodo import EvaluationKind, EvaluatorKind, FiscalYear, Measure, Section, TargetRole, format_percent

PLAN_FILE = Path(__file__).parent.parent / "examples" / "plans" / "tokorozawa.toml"

FY2017 = FiscalYear(2017)
ACTIVITY_PLAN = "ゼネラルマネージャーによる活動計画"

#: Seed 003, every indicator with an FY2017 rate: (measure, indicator, unit, actual, target, digits, printed 達成率).
PRINTED_RATES = [
    (ACTIVITY_PLAN, "地域活動への関心度", "％", "50.2", "53.6", 1, "93.7%"),
    (ACTIVITY_PLAN, "地域活動への協力意向", "％", "54.9", "63.2", 1, "86.9%"),
    (ACTIVITY_PLAN, "地域のつながりの変化", "％", "13.0", "18.7", 1, "69.5%"),
    ("地域づくり支援事業", "地域づくり協議会交付金事業申請件数", "件", "39", "43", 0, "91%"),
    ("公民館主催事業", "市民等と協働で企画実施した事業の割合", "％", "58.8", "58.2", 0, "101%"),
    ("所沢市コミュニティ活動推進事業", "事業実施件数", "件", "3", "4", 0, "75%"),
    ("自治会・町内会応援事業", "自治会・町内会加入率", "％", "62.5", "68", 0, "92%"),
    ("「紡ごう絆」地域応援事業", "事業申請件数", "件", "32", "17", 0, "188%"),
    ("市民活動支援事業", "講座受講者の満足度", "％", "84.9", "80", 0, "106%"),
    ("防犯灯LED化整備事業", "LED灯交換数", "灯", "7068", "7068", 0, "100%"),
]

#: Seed 003, part ４: H29 決算額 and H30 予算額 as printed in thousands of yen.
PRINTED_BUDGETS = [
    ("地域づくり支援事業", 9_973, 10_117),
    ("公民館主催事業", 7_519, 8_615),
    ("所沢市コミュニティ活動推進事業", 6_000, 16_500),
    ("自治会・町内会応援事業", 21_332, 22_237),
    ("「紡ごう絆」地域応援事業", 1_521, 1_562),
    ("市民活動支援事業", 9_680, 10_874),
    ("防犯灯LED化整備事業", 1_690, 20_284),
]


@pytest.fixture(scope="module")
def plan() -> kyodo.Plan:
    return kyodo.load(PLAN_FILE)


def _measure(plan: kyodo.Plan, number: str) -> Measure:
    found = plan.find(number)
    assert isinstance(found, Measure)
    return found


def test_the_sheet_spans_fy2015_to_fy2018(plan: kyodo.Plan) -> None:
    """Seed 003: the 各年度の目標 columns run Ｈ２７–Ｈ３０."""
    assert plan.municipality == "所沢市"
    assert (plan.period.first, plan.period.last) == (FiscalYear(2015), FiscalYear(2018))
    assert "seed 003" in (plan.source or "")


@pytest.mark.parametrize(
    ("number", "name", "unit", "actual", "target", "digits", "printed"),
    PRINTED_RATES,
    ids=[row[1] for row in PRINTED_RATES],
)
def test_printed_achievement_rates(
    plan: kyodo.Plan, number: str, name: str, unit: str, actual: str, target: str, digits: int, printed: str
) -> None:
    """Seed 003: every FY2017 達成率 comes out exactly as the sheet prints it."""
    indicator = _measure(plan, number).indicator(name)
    assert indicator.unit == unit
    observed, planned = indicator.actual(FY2017), indicator.target(FY2017)
    assert observed is not None
    assert planned is not None
    assert (observed.value, planned.value) == (Decimal(actual), Decimal(target))
    rate = indicator.achievement(FY2017)
    assert rate is not None
    assert format_percent(rate, digits) == printed
    assert (observed.printed_rate, observed.printed_digits) == (printed, digits)


def test_the_three_goal_indicators_keep_their_final_targets_and_printed_baselines(plan: kyodo.Plan) -> None:
    """Seed 003: 将来目標（H30） is each goal indicator's final FY2018 target; 策定時の数値 has no printed year."""
    measure = _measure(plan, ACTIVITY_PLAN)
    printed = {
        "地域活動への関心度": ("55.0", "49.1"),
        "地域活動への協力意向": ("65.0", "57.8"),
        "地域のつながりの変化": ("20.0", "14.2"),
    }
    for name, (final, baseline) in printed.items():
        indicator = measure.indicator(name)
        target = indicator.target(FiscalYear(2018))
        assert target is not None
        assert (target.value, target.role) == (Decimal(final), TargetRole.FINAL)
        assert indicator.baseline is None
        assert indicator.note is not None
        assert f"策定時の数値 {baseline} " in indicator.note


@pytest.mark.parametrize(("number", "settled", "budget"), PRINTED_BUDGETS, ids=[row[0] for row in PRINTED_BUDGETS])
def test_budgets_are_whole_yen(plan: kyodo.Plan, number: str, settled: int, budget: int) -> None:
    """Seed 003: H29 決算額 and H30 予算額 (単位：千円) are stored as whole yen."""
    lines = {line.fy: line for line in _measure(plan, number).budget}
    assert set(lines) == {FY2017, FiscalYear(2018)}
    assert (lines[FY2017].settled, lines[FY2017].budget) == (settled * 1000, None)
    assert (lines[FiscalYear(2018)].budget, lines[FiscalYear(2018)].settled) == (budget * 1000, None)


def test_the_first_budget_in_yen(plan: kyodo.Plan) -> None:
    """Seed 003: 9,973 千円 is 9,973,000 yen, an int."""
    line = _measure(plan, "地域づくり支援事業").budget[0]
    assert line.settled == 9_973_000
    assert type(line.settled) is int


def test_dated_self_and_council_evaluations(plan: kyodo.Plan) -> None:
    """Seed 003: the self-evaluation is dated H30.7.20 and the 政策会議's H30.8.28, both of FY2017."""
    evaluations = _measure(plan, ACTIVITY_PLAN).evaluations
    assert [(e.kind, e.fy, e.written_on) for e in evaluations] == [
        (EvaluationKind.ANNUAL, FY2017, date(2018, 7, 20)),
        (EvaluationKind.ANNUAL, FY2017, date(2018, 8, 28)),
    ]
    own, council = evaluations
    assert own.evaluator is not None
    assert (own.evaluator.kind, own.evaluator.name) == (EvaluatorKind.SELF, None)
    assert council.evaluator is not None
    assert (council.evaluator.kind, council.evaluator.name) == (EvaluatorKind.COUNCIL, "政策会議")
    assert own.grade is None
    assert council.grade is None
    assert own.assessment is not None
    assert own.assessment.startswith("「地域づくり協議会」については、平成29年度末時点で市内11地区のうち9地区")
    assert council.assessment is not None
    assert council.assessment.endswith("積極的な支援を図られたい。")


def test_survey_shares_match_their_printed_counts(plan: kyodo.Plan) -> None:
    """Seed 003: 718人 and 554人 of 2,197 respondents are the printed 32.7% and 25.2%."""
    measure = _measure(plan, ACTIVITY_PLAN)
    shares = {i.name: i for i in measure.indicators if i.name.startswith("「充実すべき施策」")}
    assert len(shares) == 2
    for indicator, count, rank in zip(shares.values(), (718, 554), ("29位", "41位"), strict=True):
        actual = indicator.actual(FY2017)
        assert actual is not None
        assert f"{actual.value}%" == format_percent(Fraction(count, 2197))
        assert indicator.targets == ()
        assert indicator.note is not None
        assert f"{count}人 of 2,197人, 全42節中 {rank}" in indicator.note


def test_yearly_goals_and_activities(plan: kyodo.Plan) -> None:
    """Seed 003: 各年度の目標 for Ｈ２７–Ｈ３０, with the activities done in Ｈ２７–Ｈ２９."""
    schedule = _measure(plan, ACTIVITY_PLAN).schedule
    assert [entry.fy.year for entry in schedule] == [2015, 2016, 2017, 2018]
    assert [entry.text for entry in schedule] == [
        "地域づくり協議会（地域ネットワーク）の構築支援と事業活動の促進",
        "地域財源化と地域づくり協議会（地域ネットワーク）活動の充実",
        "住民自治活動の環境整備と地域行政体制の見直し",
        "地域づくり協議会（地域ネットワーク）を中心とする住民自治活動の自立支援",
    ]
    results = [entry.result or "" for entry in schedule]
    assert "11地区中8地区にて協議会設立済み" in results[0]
    assert "市内９地区目となる地域づくり協議会が設立された" in results[1]
    assert "平成３０年２月に地域づくり活動情報交換会を開催" in results[2]
    assert schedule[3].result is None


def test_the_four_policy_directions(plan: kyodo.Plan) -> None:
    """Seed 003: the four 取り組み方針 carry their progress texts; full-width numbers are found by 1–4."""
    titles = {
        "1": ("地域づくり協議会活動の促進", "協議会活動の促進に努めた。"),
        "2": ("暮らしやすさが実感できる行政体制の整備", "組織・拠点づくりを進めた。"),
        "3": ("コミュニティ活動のための環境づくり", "生活支援コーディネーターを配置した。"),
        "4": ("住民自治活動の支援", "維持管理費用の負担軽減を図った。"),
    }
    for number, (title, ending) in titles.items():
        section = plan.find(number)
        assert isinstance(section, Section)
        assert section.title == title
        assert section.description is not None
        assert section.description.endswith(ending)
    assert len(list(plan.measures())) == 8


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_round_trip(plan: kyodo.Plan, fmt: kyodo.io.Format) -> None:
    """Seed 003: the plan writes and reads back equal, and writes back the same text."""
    text = kyodo.dumps(plan, fmt)
    again = kyodo.loads(text, fmt)
    assert again == plan
    assert kyodo.dumps(again, fmt) == text


def test_every_printed_rate_is_reproduced_at_the_precision_printed(capsys: pytest.CaptureFixture[str]) -> None:
    from kyodo.cli import main

    plan = kyodo.load(PLAN_FILE)
    printed = [
        (indicator.name, actual.printed_rate)
        for measure in plan.measures()
        for indicator in measure.indicators
        for actual in indicator.actuals
        if actual.printed_rate is not None
    ]
    assert len(printed) == 10
    assert all(not indicator.printed_differences() for measure in plan.measures() for indicator in measure.indicators)
    assert main(["validate", str(PLAN_FILE), "--lang", "en"]) == 0
    capsys.readouterr()
    report = kyodo.report.render_text(kyodo.report.build_report(plan, FiscalYear(2017)))
    # The sheet prints whole percentages for its 成果指標 and one decimal for its 目標指標, and so does the report.
    assert "93.7%" in report
    assert " 91%" in report


def test_a_misprinted_rate_is_reported_by_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kyodo.cli import main

    text = PLAN_FILE.read_text(encoding="utf-8").replace('printed_rate = "91%"', 'printed_rate = "19%"')
    copy = tmp_path / "misprinted.toml"
    copy.write_text(text, encoding="utf-8")
    assert main(["validate", str(copy), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "the sheet prints a rate of 19%, but the figures give 91%" in out
    assert main(["validate", str(copy)]) == 1
    assert "印刷された達成率 19% は、計算した 91% と異なる" in capsys.readouterr().out
