"""Arguments in the wrong place, in Python or on the command line, are refused with a message that quotes them.

An embedding program that passes a year as an int, or a preset's name where
the scheme belongs, learns so at once: before these checks an int year graded
every measure as having no target, and a name crashed with an AttributeError.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kyodo
from kyodo import FiscalYear, Indicator, Measure, Observation, Target, ValidationError, grade_measure, preset
from kyodo.cli import main

FY = FiscalYear(2016)
MEASURE = Measure(
    "1", "m", indicators=[Indicator("件数", "件", targets=[Target(FY, 50)], actuals=[Observation(FY, 48)])]
)
SCHEME = preset("osaka-pref-library-2016")
EXAMPLES = Path(__file__).parent.parent / "examples"


def test_the_right_arguments_grade() -> None:
    assert grade_measure(MEASURE, FY, SCHEME).computed.label == "B"


@pytest.mark.parametrize(
    ("arguments", "path", "quoted"),
    [
        ((MEASURE, 2016, SCHEME), "fy", "not int 2016"),
        ((MEASURE, "H28", SCHEME), "fy", "not str 'H28'"),
        ((MEASURE, FY, "osaka-pref-library-2016"), "scheme", "not str 'osaka-pref-library-2016'"),
        ((MEASURE.indicators[0], FY, SCHEME), "measure", "not Indicator"),
    ],
)
def test_grade_measure_refuses_an_argument_of_the_wrong_kind(
    arguments: tuple[object, ...], path: str, quoted: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        grade_measure(*arguments)  # type: ignore[arg-type]
    ((where, message),) = caught.value.problems
    assert where == path
    assert quoted in message
    assert message.startswith("expected a ")
    assert "が必要" in caught.value.message("ja")


def test_grade_indicator_refuses_an_int_year() -> None:
    with pytest.raises(ValidationError, match=r"^fy: expected a FiscalYear .*, not int 2016$"):
        SCHEME.grade_indicator(MEASURE.indicators[0], 2016)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^indicator: expected an Indicator"):
        SCHEME.grade_indicator(MEASURE, FY)  # type: ignore[arg-type]


def test_a_preset_name_must_be_text() -> None:
    with pytest.raises(ValidationError) as caught:
        preset(2016)  # type: ignore[arg-type]
    assert caught.value.problems == (("name", "expected a preset's name (text), not int 2016"),)
    assert caught.value.codes == ("not_text",)


def test_a_wrong_year_in_a_plan_wide_call_is_refused_too() -> None:
    plan = kyodo.load(EXAMPLES / "plans" / "niigata.toml")
    with pytest.raises(ValidationError, match="fy: expected a FiscalYear"):
        kyodo.grade_distribution(plan, 2016, SCHEME)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", ["report", "grade"])
def test_the_command_line_says_a_mistyped_preset_is_not_one(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = str(EXAMPLES / "plans" / "niigata.toml") if command == "report" else "96%"
    assert main([command, target, "--scheme", "osaka-2016", "--lang", "en"]) == 2
    printed = capsys.readouterr().err
    assert printed.startswith("kyodo: error: --scheme: 'osaka-2016' is neither a preset nor a grading-scheme file;")
    assert "osaka-pref-library-2016" in printed
    assert "format" not in printed


def test_the_command_line_still_reads_a_scheme_file_and_says_when_it_is_missing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    scheme = str(EXAMPLES / "schemes" / "niigata-sheet-reading.toml")
    assert main(["grade", "--scheme", scheme, "96%", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("C: achievement 96.0%")
    assert main(["grade", "--scheme", "missing-legend.toml", "96%"]) == 2
    assert "cannot read 'missing-legend.toml'" in capsys.readouterr().err


def test_a_preset_version_must_be_an_int() -> None:
    # As text, "1" was looked up, not found, and refused with "has no version '1'; it has version 1".
    with pytest.raises(ValidationError) as caught:
        preset("nagayo-2019", version="1")  # type: ignore[arg-type]
    assert caught.value.problems == (("version", "expected a version as an int (1), not str '1'"),)
    assert preset("nagayo-2019", version=1) is preset("nagayo-2019")


@pytest.mark.parametrize(
    ("arguments", "path", "quoted"),
    [
        ({"plan": "examples/plans/niigata.toml"}, "plan", "not str 'examples/plans/niigata.toml'"),
        ({"fy": 2016}, "fy", "not int 2016"),
        ({"scheme": "osaka-pref-library-2016"}, "scheme", "not str 'osaka-pref-library-2016'"),
    ],
)
def test_build_report_refuses_an_argument_of_the_wrong_kind(
    arguments: dict[str, object], path: str, quoted: str
) -> None:
    from kyodo.report import build_report

    given: dict[str, object] = {"plan": kyodo.load(EXAMPLES / "plans" / "niigata.toml"), **arguments}
    with pytest.raises(ValidationError) as caught:
        build_report(**given)  # type: ignore[arg-type]
    ((where, message),) = caught.value.problems
    assert (where, message.startswith("expected a ")) == (path, True)
    assert message.endswith(quoted)


def test_kyodo_subsidy_without_milestones_computes_for_an_applicant_that_has_reached_none(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 事業4 funds a body until it adopts its community plan: one with no milestone to give. The command used to
    # pass no body at all, and the rule refused for want of one.
    project4 = str(EXAMPLES / "subsidies" / "ichinoseki-project4.toml")
    assert main(["subsidy", project4, "--cost", "350000", "--fy", "H27", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("200,000 yen: 2/3 × 350,000 = 233,333 exceeds")
    adopted = ["--milestone", "community_plan=2015-03"]
    assert main(["subsidy", project4, "--cost", "350000", "--fy", "H27", *adopted, "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == (
        "0 yen: applicant does not meet the condition: no community plan adopted by FY2015"
    )


@pytest.mark.parametrize(
    ("option", "japanese"),
    [
        (["--milestone", "community_plan"], "'community_plan' を到達点として読めない: '=' がない"),
        (["--count", "世帯数=many"], "'many' を数量として読めない: 整数でも小数でもない"),
        (["--unit", "カメラ"], "'カメラ' を単位として読めない: 名前=値 の形でない"),
        (["--milestone", "community_plan=H26-H27"], "'H26-H27' を日付、年月または年度として読めない: 範囲になっている"),
    ],
)
def test_kyodo_subsidy_refuses_a_bad_option_in_japanese_words(
    option: list[str], japanese: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project4 = str(EXAMPLES / "subsidies" / "ichinoseki-project4.toml")
    assert main(["subsidy", project4, "--cost", "350000", "--fy", "H27", *option]) == 2
    assert capsys.readouterr().err.startswith(f"kyodo: error: {japanese}")


def test_the_command_line_reads_a_bare_four_digit_fiscal_year(capsys: pytest.CaptureFixture[str]) -> None:
    # FiscalYear.parse reads bare digits as a year of the document's era, and told the user to pass era=.
    assert main(["report", str(EXAMPLES / "plans" / "niigata.toml"), "--fy", "2016", "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("Fiscal year: FY2016 ")
    project4 = str(EXAMPLES / "subsidies" / "ichinoseki-project4.toml")
    assert main(["subsidy", project4, "--cost", "350000", "--fy", "2016", "--lang", "en"]) == 0
    assert "the application is for FY2016" in capsys.readouterr().out
    assert main(["report", str(EXAMPLES / "plans" / "niigata.toml"), "--fy", "28"]) == 2
    assert "'28'" in capsys.readouterr().err


def test_the_command_line_names_a_file_that_is_not_valid_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The error quotes the file's text ('schema = "kyodo.plan…'), which did not say which of several files it was.
    broken = tmp_path / "broken.toml"
    broken.write_text('schema = "kyodo.plan/1"\n[[sections]\n', encoding="utf-8")
    for argv in (
        ["validate", str(EXAMPLES / "plans" / "niigata.toml"), str(broken), "--lang", "en"],
        ["report", str(broken), "--lang", "en"],
        ["grade", "--scheme", str(broken), "96%", "--lang", "en"],
        ["subsidy", str(broken), "--cost", "1", "--fy", "H27", "--lang", "en"],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"kyodo: error: {broken}: cannot read 'schema = "), argv
        assert "as TOML: Expected ']]' at the end of an array declaration (at line 2, column 11)" in err
        assert err.count("\n") == 1
    assert main(["report", str(broken)]) == 2
    assert "をTOMLとして読めない" in capsys.readouterr().err
