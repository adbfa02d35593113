"""新庄市's 事後事務事業評価（実績評価）（シートA）, four sheets, as examples/plans/shinjo.toml: every printed figure.

The sheets print their 達成率 against the one target each row prints, which this file holds as the final
target. kyodo compares a printed rate with the year's own target, so it computes none here: these tests
reproduce each printed rate against the final target (kyodo's Achievement basis, toward="final"), and
pin that `kyodo validate` reports every printed rate, and which four differ even against the final target.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import kyodo
from kyodo import Direction, FiscalYear, IndicatorCategory, Measure, TargetRole, format_percent
from kyodo.bases import Achievement, Reading
from test_example_oyabe import report_rows

PLAN_FILE = Path(__file__).parent.parent / "examples" / "plans" / "shinjo.toml"
BOOK = "http://www.city.shinjo.yamagata.jp/book/etc/hyouka28/pageindices/"
MIRROR = "https://fdocument.pub/document/1-oe-eicei-r1-oe-eicei.html"

H26, H27, H31 = FiscalYear(2014), FiscalYear(2015), FiscalYear(2019)
R1, R2 = FiscalYear(2019), FiscalYear(2020)
WATER_YEARS = [FiscalYear(year) for year in range(2014, 2020)]  # H26 … R1

#: Every printed 達成率: (measure, indicator, unit, target year, 目標/計画, [(year, 実績, 達成率 as printed)]).
RATED = [
    ("611-p.47", "協働関係研修受講者数", "", H31, "280", [(H26, "19", "6.8%"), (H27, "60", "21.4%")]),
    ("611-p.47", "協働により取組まれている事業数", "", H31, "50", [(H26, "36", "72.0%"), (H27, "42", "84.0%")]),
    ("611-p.4", "表彰受章者数", "人", H31, "150", [(H26, "120", "171.0%"), (H27, "147", "98.0%")]),
    ("611-p.4", "表彰等審査委員会開催数", "回", H31, "10", [(H26, "11", "275.0%"), (H27, "11", "110.0%")]),
    (
        "424-424-101-56",
        "有効水量比率",
        "%",
        R2,
        "88.3",
        [
            (fy, actual, printed)
            for fy, actual, printed in zip(
                WATER_YEARS,
                ["87", "86.5", "86.4", "87", "87", "86.5"],
                ["98.5%", "97.9%", "97.8%", "98.5%", "98.5%", "97.9%"],
                strict=True,
            )
        ],
    ),
]

#: The printed rates the figures do not give, even against the final target: (indicator, year, what they give).
NOT_REPRODUCED = {
    ("表彰受章者数", H26): "80.0%",  # 120 ÷ 150; the sheet prints 171.0%
    ("表彰等審査委員会開催数", H26): "110.0%",  # 11 ÷ 10; the sheet prints 275.0% (11 ÷ 4)
    ("有効水量比率", H27): "98.0%",  # 86.5 ÷ 88.3 = 97.96…; the sheet prints 97.9%
    ("有効水量比率", R1): "98.0%",
}

#: その他 (対象指標): actuals only, no target.
COUNTED = [
    ("611-p.47", "市民・町内会・NPO法人・民間企業等と行政", {H26: "31654", H27: "31437"}),
    ("611-p.4", "表彰候補者内申数", {H26: "122", H27: "148"}),
    ("611-p.35", "区長の人数", {H26: "212", H27: "212"}),
]

#: 成果（どのような状態になったか）, each sheet's words on H27.
ASSESSMENTS = {
    "611-p.47": "研修受講率は前年度より上がり、少しずつではあるが、職員に「協働」の意識付けが図られてきている。",
    "611-p.4": "本市の政治、経済、文化、社会、その他各般にわたって市勢進展に寄与し特に功労のあるもの又は篤行者で市民の模範となる者を顕彰することにより、市民の意欲の高揚が図られ、市勢の進展に寄与することができた。",
    "611-p.35": "市長が区長と意見交換を行い、地域の声を市政に反映することができた。",
}

PRINTED = [
    (code, name, fy, actual, printed) for code, name, _u, _t, _v, years in RATED for fy, actual, printed in years
]


@pytest.fixture(scope="module")
def plan() -> kyodo.Plan:
    return kyodo.load(PLAN_FILE)


def _measure(plan: kyodo.Plan, code: str) -> Measure:
    found = plan.find(code)
    assert isinstance(found, Measure)
    return found


def test_the_sheets_and_what_they_leave_unclear(plan: kyodo.Plan) -> None:
    """Sources, headings, and the notes on the readings the file takes and what cannot be held."""
    assert plan.municipality == "新庄市"
    assert plan.source == BOOK + "index47.html"
    text = PLAN_FILE.read_text(encoding="utf-8")
    for page in ("index47.html", "index4.html", "index35.html"):
        assert text.count(BOOK + page) >= 2  # the top comment and the notes
    assert text.count(MIRROR) >= 2
    assert (plan.period.first, plan.period.last) == (H26, R2)
    notes = "\n".join(plan.notes)
    assert "「H27事後事務事業評価(実績評価)(シートA)」" in notes
    for gap in ("見込 of a 対象指標 for a year the text layer does not show",):
        assert f"cannot be held yet: {gap}" in notes
    assert [(section.number, section.title) for section in plan.sections] == [
        ("611", "まちづくり活動に参加しやすい環境の整備"),
        ("424", "安全な水道水の安定供給"),
    ]
    assert _measure(plan, "611-p.47").references == ("協働推進計画（H27年度～31年度）",)


@pytest.mark.parametrize(
    ("code", "name", "unit", "target_year", "target", "years"), RATED, ids=[row[1] for row in RATED]
)
def test_targets_and_actuals(
    plan: kyodo.Plan,
    code: str,
    name: str,
    unit: str,
    target_year: FiscalYear,
    target: str,
    years: list[tuple[FiscalYear, str, str]],
) -> None:
    """The one 目標/計画 value, held as the final target, and each year's 実績 with its printed 達成率."""
    indicator = _measure(plan, code).indicator(name)
    assert indicator.unit == unit
    assert [(t.fy, str(t.value), t.role) for t in indicator.targets] == [(target_year, target, TargetRole.FINAL)]
    assert [(a.fy, str(a.value), a.printed_rate, a.printed_digits, a.final) for a in indicator.actuals] == [
        (fy, actual, printed, 1, True) for fy, actual, printed in years
    ]
    assert indicator.baseline is None


@pytest.mark.parametrize(("code", "name", "fy", "actual", "printed"), PRINTED, ids=[f"{r[1]}-{r[2]}" for r in PRINTED])
def test_each_printed_rate_against_the_final_target(
    plan: kyodo.Plan, code: str, name: str, fy: FiscalYear, actual: str, printed: str
) -> None:
    """actual ÷ the final target, rounded to 0.1%, gives the printed rate but for the four the notes explain."""
    indicator = _measure(plan, code).indicator(name)
    assert indicator.rates_toward is kyodo.RateTarget.FINAL
    rate = indicator.achievement(fy)
    assert rate is not None
    assert format_percent(rate, 1) == NOT_REPRODUCED.get((name, fy), printed)
    # The grading basis measured toward the final target reads the same rate.
    reading = Achievement(toward="final").read(indicator, fy)
    assert isinstance(reading, Reading)
    assert reading.value == rate


def test_the_97_9_percent_that_only_truncation_gives(plan: kyodo.Plan) -> None:
    """86.5 ÷ 88.3 = 97.96…%: rounded 98.0%, truncated 97.9% (printed); 86.4 ÷ 88.3 is printed rounded, 97.8%."""
    rate = Fraction(Decimal("86.5")) / Fraction(Decimal("88.3"))
    assert format_percent(rate, 1) == "98.0%"
    assert math.floor(rate * 1000) / 10 == 97.9
    other = Fraction(Decimal("86.4")) / Fraction(Decimal("88.3"))
    assert format_percent(other, 1) == "97.8%"
    assert math.floor(other * 1000) / 10 == 97.8
    # 19 ÷ 280 = 6.7857…% is printed 6.8%: rounded, not truncated.
    assert format_percent(Fraction(19, 280), 1) == "6.8%"
    assert math.floor(Fraction(19, 280) * 1000) / 10 == 6.7
    notes = _measure(plan, "424-424-101-56").notes
    assert any("86.5 ÷ 88.3 = 97.96…% is printed 97.9% in H27 and in R1" in note for note in notes)


def test_validate_reports_every_printed_rate(plan: kyodo.Plan, capsys: pytest.CaptureFixture[str]) -> None:
    """Measured toward the final target, 10 printed rates reproduce; kyodo validate lists the other 4 and exits 1."""
    from kyodo.cli import main

    differences = [
        (indicator.name, difference.fy, difference.printed, difference.computed)
        for measure in plan.measures()
        for indicator in measure.indicators
        for difference in indicator.printed_differences()
    ]
    assert differences == [
        (name, fy, printed, NOT_REPRODUCED[(name, fy)])
        for _code, name, fy, _actual, printed in PRINTED
        if (name, fy) in NOT_REPRODUCED
    ]
    assert main(["validate", str(PLAN_FILE), "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4
    assert out[0].endswith(
        "611-p.4 表彰受章者数: FY2014: the sheet prints a rate of 171.0%, but the figures give 80.0%"
    )
    assert out[-1].endswith("有効水量比率: FY2019: the sheet prints a rate of 97.9%, but the figures give 98.0%")


@pytest.mark.parametrize(("code", "name", "actuals"), COUNTED, ids=[row[1] for row in COUNTED])
def test_the_target_indicators(plan: kyodo.Plan, code: str, name: str, actuals: dict[FiscalYear, str]) -> None:
    """その他 (対象指標): 実績 only; 見込 and the block are in the note."""
    indicator = _measure(plan, code).indicator(name)
    assert {a.fy: str(a.value) for a in indicator.actuals} == actuals
    assert indicator.targets == ()
    assert (indicator.note or "").startswith("その他 (対象指標).")
    assert (indicator.category, indicator.direction) == (IndicatorCategory.CONTEXT, Direction.NEUTRAL)


def test_the_runs_of_cells_not_held_are_quoted(plan: kyodo.Plan) -> None:
    """What the text layer prints but no rate splits is in the notes, as printed."""
    kucho = "\n".join(_measure(plan, "611-p.35").notes)
    for run in ("「1745」", "「3581」", "56.7% and 55.5%", "「114121102118127129119123116127120」"):
        assert run in kucho
    water = "\n".join(_measure(plan, "424-424-101-56").notes)
    for run in ("「290 516 … 計画 実績 1,970 453 748 748」", "「383.6 384.3 385 385 385 398」"):
        assert run in water
    assert "見込: 150" in (_measure(plan, "611-p.4").indicator("表彰候補者内申数").note or "")


def test_the_sheets_own_words_on_h27(plan: kyodo.Plan) -> None:
    """成果（どのような状態になったか）, held as each H27 sheet's annual evaluation, with no grade."""
    for code, words in ASSESSMENTS.items():
        evaluation = _measure(plan, code).evaluation(H27)
        assert evaluation is not None
        assert (evaluation.assessment, evaluation.grade) == (words, None)


def test_the_report_prints_the_figures_but_not_the_rates(capsys: pytest.CaptureFixture[str]) -> None:
    """kyodo report prints each actual, the final target, and each year's 達成率 against it at the printed 0.1%."""
    from kyodo.cli import main

    assert main(["report", str(PLAN_FILE), "--fy", "H27"]) == 0
    report = capsys.readouterr().out
    assert report_rows(report, "協働関係研修受講者数") == [
        ["平成26年度", "19", "6.8%"],
        ["平成27年度", "60", "21.4%"],
        ["令和元年度", "280"],
    ]
    # The report prints kyodo's figures (80.0%, where the sheet prints 171.0%); validate names the difference.
    assert report_rows(report, "表彰受章者数") == [
        ["平成26年度", "120", "80.0%"],
        ["平成27年度", "147", "98.0%"],
        ["令和元年度", "150"],
    ]
    assert report_rows(report, "有効水量比率") == [
        ["平成26年度", "87", "98.5%"],
        ["平成27年度", "86.5", "98.0%"],
        ["平成28年度", "86.4", "97.8%"],
        ["平成29年度", "87", "98.5%"],
        ["平成30年度", "87", "98.5%"],
        ["令和元年度", "86.5", "98.0%"],
        ["令和2年度", "88.3"],
    ]
    assert report_rows(report, "市民・町内会・NPO法人・民間企業等と行政") == [
        ["平成26年度", "31,654"],
        ["平成27年度", "31,437"],
    ]
    # The four printed rates the figures do not give are not in the report; kyodo's own are.
    for _code, name, fy, _actual, printed in PRINTED:
        if (name, fy) in NOT_REPRODUCED:
            assert printed not in report


def test_the_years_the_file_infers_are_marked(plan: kyodo.Plan) -> None:
    """Each row's one target sits at a year the text layer does not show: the file marks it inferred."""
    for code, name, _unit, target_year, _target, _years in RATED:
        entry = plan.provenance_of(code, f"targets.{target_year}", indicator=name)
        assert entry is not None, (code, name)
        assert entry.source is kyodo.Source.INFERRED


def test_how_each_measure_is_run(plan: kyodo.Plan) -> None:
    """実施形態, the boxes each sheet marks: 市民協働 (p.47), 市直営 (p.4), 一部委託 and 市民協働 (p.35)."""
    delivery = {code: _measure(plan, code).delivery for code in ("611-p.47", "611-p.4", "611-p.35")}
    assert delivery == {
        "611-p.47": ("市民協働",),
        "611-p.4": ("市直営",),
        "611-p.35": ("一部委託", "市民協働"),
    }
