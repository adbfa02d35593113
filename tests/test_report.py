"""Plan reports and the command line: every format, 80 columns, and clean failures."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

import kyodo
from kyodo._text import width
from kyodo.cli import main
from kyodo.report import build_report, render_html, render_json, render_markdown, render_text

EXAMPLES = Path(__file__).parent.parent / "examples"
PLANS = sorted((EXAMPLES / "plans").glob("*.toml"))
NIIGATA = EXAMPLES / "plans" / "niigata.toml"
NIIGATA_SCHEME = EXAMPLES / "schemes" / "niigata-sheet-reading.toml"


@pytest.fixture(scope="module")
def niigata_report() -> kyodo.report.PlanReport:
    plan = kyodo.load(NIIGATA)
    return build_report(plan, scheme=kyodo.load(NIIGATA_SCHEME, kind=kyodo.GradingScheme))


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.name)
@pytest.mark.parametrize("locale", ["ja", "en"])
def test_text_reports_fit_80_columns(path: Path, locale: kyodo.Locale) -> None:
    report = build_report(kyodo.load(path), scheme=kyodo.preset("osaka-pref-library-2016"))
    text = render_text(report, locale=locale)
    assert text.strip()
    assert max(width(line) for line in text.splitlines()) <= 80


def test_niigata_text_report(niigata_report: kyodo.report.PlanReport) -> None:
    # Seed 000: the plan, the indicator per year, the computed and recorded grades.
    text = render_text(niigata_report)
    assert text.splitlines()[0] == "新潟市行政改革プラン2015（新潟市） 平成27年度～平成30年度"
    assert "平成28年度              50            48    96.0%  C / C" in text
    assert "C: 達成率 83.3% (55 / 66) は B の下限 100.0% に届かない" in text
    assert "進捗管理 平成30年度上半期: 進捗に遅れあり" in text
    assert text.rstrip().endswith("計画全体の評価 平成30年度: C:1")


def test_niigata_markdown_and_json(niigata_report: kyodo.report.PlanReport) -> None:
    markdown = render_markdown(niigata_report)
    assert "| 平成27年度 | 42 | 43 | 102.4% | B / B |" in markdown
    data = json.loads(render_json(niigata_report))
    assert data["distribution"] == {"C": 1}
    measure = data["measures"][0]
    assert measure["code"] == "Ⅱ-1-2-No.26"
    assert measure["grade"]["computed"] == "C"
    assert measure["indicators"][0]["years"][1] == {
        "fy": "平成28年度",
        "target": "50",
        "actual": "48",
        "estimate": False,
        "preliminary": False,
        "on": None,
        "stage": None,
        "no_figure": None,
        "others": [],
        "achievement": "24/25",
        "achievement_label": "96.0%",
        "grade": "C",
    }


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links.extend(value or "" for name, value in attrs if name in ("src", "href"))


def test_the_html_report_is_self_contained(niigata_report: kyodo.report.PlanReport) -> None:
    page = render_html(niigata_report)
    collector = _Collector()
    collector.feed(page)
    assert collector.links == []
    assert "style" in collector.tags
    assert "script" not in collector.tags
    assert '<html lang="ja">' in page
    assert "C: 達成率 83.3% (55 / 66)" in page


def test_a_differing_grade_is_marked_in_html() -> None:
    plan = kyodo.load(NIIGATA)
    scheme = kyodo.GradingScheme(
        "illustration", [kyodo.Grade("A", bands=["100%以上"]), kyodo.Grade("B", bands=["その他"])]
    )
    page = render_html(build_report(plan, kyodo.FiscalYear(2015), scheme))
    assert 'class="explain differs"' in page


# --- the command line ----------------------------------------------------------------------


def test_report_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(NIIGATA), "--scheme", str(NIIGATA_SCHEME), "--lang", "en", "--fy", "H28"]) == 0
    out = capsys.readouterr().out
    assert "FY2016" in out
    assert "C: achievement 96.0% (48 / 50) is below 100.0%, the lower bound of B" in out


@pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
def test_report_command_writes_a_file(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / f"report.{fmt}"
    assert main(["report", str(NIIGATA), "--format", fmt, "--output", str(output)]) == 0
    assert output.read_text(encoding="utf-8").strip()
    assert str(output) in capsys.readouterr().out


@pytest.mark.parametrize(
    "arguments",
    [
        ["report", "no-such-plan.toml"],
        ["report", str(NIIGATA), "--fy", "H99x"],
        ["report", str(NIIGATA), "--scheme", "no-such-preset"],
        ["report"],
        ["grade", "--scheme", "osaka-pref-library-2016", "ninety"],
        ["subsidy", str(EXAMPLES / "subsidies" / "ichinoseki-project4.toml"), "--cost", "a lot", "--fy", "H27"],
        ["fy", "平成27年13月"],
        ["no-such-command"],
    ],
)
def test_bad_input_exits_2_with_one_line(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    try:
        status = main(arguments)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err


def test_validate_lists_every_problem_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    text = NIIGATA.read_text(encoding="utf-8").replace('"平成28年度" = 48', '"平成28年度" = 48, H28 = 49')
    bad.write_text(
        text.replace('half = 1\nstatus = "進捗に遅れあり"', 'half = 3\nstatus = "進捗に遅れあり"', 1), encoding="utf-8"
    )
    assert main(["validate", str(bad), "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert any("appears twice" in line for line in out)
    assert any("half" in line for line in out)
    # Japanese unless English is asked for, as every command.
    assert main(["validate", str(bad)]) == 1
    assert any("二度" in line for line in capsys.readouterr().out.splitlines())
    assert main(["validate", str(NIIGATA)]) == 0


def test_grade_and_subsidy_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["grade", "--scheme", "osaka-pref-library-2016", "48/50", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("B: achievement 96.0% (48 / 50)")
    rule = str(EXAMPLES / "subsidies" / "ichinoseki-project4.toml")
    arguments = [
        "subsidy",
        rule,
        "--cost",
        "350,000円",
        "--fy",
        "平成27年度",
        "--milestone",
        "founding_meeting=2014-06",
    ]
    assert main([*arguments, "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == "200,000 yen: 2/3 × 350,000 = 233,333 exceeds the 200,000 yen per-FY cap"


def test_the_chart_is_drawn_next_to_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "centres.png"
    assert main(["report", str(NIIGATA), "--chart", str(chart)]) == 0
    assert chart.stat().st_size > 1000
    assert str(chart) in capsys.readouterr().err


def test_a_blank_unit_or_municipality_prints_no_empty_brackets_and_the_period_never_breaks() -> None:
    from kyodo import FiscalYear, FiscalYearRange, Indicator, Measure, Observation, Plan, Section, Target
    from kyodo.report import build_report, render_html, render_markdown, render_text

    fy = FiscalYear(2015)
    measure = Measure(
        "1", "事業", indicators=[Indicator("回数", "", targets=[Target(fy, 2)], actuals=[Observation(fy, 2)])]
    )
    long_title = "コミュニティの展開と協働のまちづくりの推進に関する計画の進行管理"
    plan = Plan(
        long_title, "", FiscalYearRange(FiscalYear(2010), FiscalYear(2022)), sections=[Section("1", "章", [measure])]
    )
    report = build_report(plan, fy)
    for rendered in (render_text(report, columns=60), render_markdown(report), render_html(report)):
        assert "（）" not in rendered
    text = render_text(report, columns=60)
    period = "平成22年度～令和4年度"
    assert any(period in line for line in text.splitlines()), text


def test_validate_counts_one_measure_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kyodo.cli import main

    path = tmp_path / "one.toml"
    path.write_text(
        'schema = "kyodo.plan/1"\ntitle = "t"\nmunicipality = "m"\nperiod = "H27-H28"\n[[sections]]\nnumber = "1"\ntitle = "x"\n',
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.endswith("valid (1 measure, 0 indicators)\n")
