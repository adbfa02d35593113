"""Every reader and every command, fed hostile input: only kyodo errors, in bounded time, and no file lost.

The inputs are each document kind's real files (plans, grading schemes,
subsidy rules) in each format, broken on purpose with the values that broke
kyodo before (issue 9): numbers with huge exponents or thousands of digits,
NaN and infinities, lone surrogates, YAML anchors and aliases, YAML 1.1
spellings, byte order marks, control characters, deep nesting. Each example
runs under an alarm: a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyodo import (
    Band,
    FiscalYear,
    FiscalYearRange,
    GradingScheme,
    ParseError,
    Plan,
    SubsidyRule,
    TwoAxis,
    ValidationError,
    YearMonth,
    dumps,
    loads,
    parse_criterion,
    parse_rate,
    parse_wareki,
    parse_wareki_month,
    parse_yen,
    read_wareki,
)
from kyodo.cli import main
from kyodo.io import Format
from timeouts import Hang, within

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PRESETS = ROOT / "src" / "kyodo" / "presets"
FORMATS: list[Format] = ["json", "toml", "yaml"]
KINDS: dict[type, list[Path]] = {
    Plan: sorted((EXAMPLES / "plans").glob("*.toml")),
    GradingScheme: [*sorted(PRESETS.glob("*.toml")), *sorted((EXAMPLES / "schemes").glob("*.toml"))],
    SubsidyRule: sorted((EXAMPLES / "subsidies").glob("*.toml")),
    TwoAxis: [ROOT / "tests" / "fixtures" / "two-axis.toml"],
}

#: The longest any one example may take: far above the slowest real input, far below a hang.
ALARM_SECONDS = 20

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def alarm(seconds: int = ALARM_SECONDS) -> AbstractContextManager[None]:
    return within(seconds)


def files_of(kind: type) -> dict[Format, list[str]]:
    documents = [loads(path.read_text(encoding="utf-8"), "toml", kind=kind) for path in KINDS[kind]]
    return {fmt: [dumps(document, fmt) for document in documents] for fmt in FORMATS}


FILES = {kind: files_of(kind) for kind in KINDS}

#: Values that broke a reader or a command before, as each format spells them.
HOSTILE_NUMBERS = [
    "1e100000000",
    "1e1000000000000000000",
    "-1E-100000000",
    "9" * 5000,
    "1" + "0" * 31,
    "0." + "3" * 40,
    "1e400",
]
HOSTILE_TEXT = ["\\ud800", "\\udfff", "\\u001b[2J", "\\u009b", "\\u202e", "<script>", "|", "\\n", "\\u0000"]
YAML_ONLY = ["&a x", "*a", "010", "1:30", "no", "0x1F", ".inf", ".nan", "!!python/object:os.system"]
TOML_ONLY = ["inf", "nan", "-inf", "0x1F", "1979-05-27T07:32:00Z"]


def hostile(fmt: Format) -> st.SearchStrategy[str]:
    quoted = [json.dumps("x").replace("x", text) for text in HOSTILE_TEXT]
    extra = YAML_ONLY if fmt == "yaml" else TOML_ONLY if fmt == "toml" else ["NaN", "Infinity", "-Infinity"]
    return st.sampled_from([*HOSTILE_NUMBERS, *quoted, *extra, "\ufeff", "[" * 200, "{" * 200])


def break_file(data: st.DataObject, text: str, fmt: Format) -> str:
    """Replace values of ``text`` (numbers and strings), or insert at a random place, with hostile values."""
    for _ in range(data.draw(st.integers(1, 3), label="breaks")):
        piece = data.draw(hostile(fmt), label="piece")
        if data.draw(st.booleans(), label="replace a value"):
            candidates = [index for index, char in enumerate(text) if char in "0123456789\"'"]
            if candidates:
                start = data.draw(st.sampled_from(candidates), label="at")
                end = start + 1
                while end < len(text) and text[end] not in ",\n}]":
                    end += 1
                text = text[:start] + piece + text[end:]
                continue
        at = data.draw(st.integers(0, len(text)), label="insert at")
        text = text[:at] + piece + text[at:]
    return text


def read_or_refuse(text: str, fmt: Format, kind: type) -> object:
    with alarm():
        try:
            document = loads(text, fmt, kind=kind)
        except (ParseError, ValidationError) as error:
            refusal = error
        else:
            refusal = None
    if refusal is not None:
        assert str(refusal), "a refusal says why"
        return None
    # What loads can always be written back, in every format, as UTF-8.
    for out in FORMATS:
        dumps(document, out).encode("utf-8")
    return document


# --- every reader ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS), ids=lambda kind: kind.__name__)
@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.data())
def test_every_document_kind_broken_with_hostile_values_is_read_or_refused(
    kind: type, fmt: Format, data: st.DataObject
) -> None:
    text = data.draw(st.sampled_from(FILES[kind][fmt]), label="file")
    read_or_refuse(break_file(data, text, fmt), fmt, kind)


PARSERS = {
    "FiscalYear.parse": FiscalYear.parse,
    "FiscalYear.read": FiscalYear.read,
    "FiscalYearRange.parse": FiscalYearRange.parse,
    "parse_wareki": parse_wareki,
    "read_wareki": read_wareki,
    "parse_wareki_month": parse_wareki_month,
    "YearMonth.parse": YearMonth.parse,
    "Band.parse": Band.parse,
    "parse_rate": parse_rate,
    "parse_yen": parse_yen,
    "parse_criterion": parse_criterion,
}

LABEL_PIECES = st.sampled_from(
    [" ", "　", "H", "R", "平成", "令和", "元", "年", "度", "月", "日", "から", "まで", "～", "-", ".", "/", "%",
     "以上", "未満", "超", "以下", "千円", "万円", "円", ",", "分の", "割", "e", "9" * 50, "1", "0", "３", "十",
     ">=", "≦", "and", "not", "by", "(", ")", '"', "\\", "meets(", "milestone(", "－"]
)  # fmt: skip


@pytest.mark.parametrize("name", list(PARSERS))
@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=50) | st.lists(LABEL_PIECES, max_size=400).map("".join))
def test_every_parser_reads_or_refuses_in_bounded_time(name: str, text: str) -> None:
    with alarm():
        try:
            PARSERS[name](text)
        except (ParseError, ValidationError) as error:  # ValidationError: read, but refused by what it builds
            refusal: Exception | None = error
        else:
            refusal = None
    assert refusal is None or str(refusal), "a refusal says why"


# --- every command --------------------------------------------------------------------------------------------


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with alarm():
        try:
            status = main(argv)
        except SystemExit as exit:  # argparse's usage errors
            status = int(exit.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def check_status(status: int, err: str) -> None:
    assert status in (0, 1, 2), status
    if status == 2:
        assert err.startswith("kyodo"), err
        assert err.count("\n") <= 1, err


@pytest.mark.parametrize("fmt", FORMATS)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_report_and_validate_on_broken_plans_keep_the_old_output(
    fmt: Format, data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = break_file(data, data.draw(st.sampled_from(FILES[Plan][fmt]), label="file"), fmt)
    plan = tmp_path / f"plan.{fmt}"
    plan.write_text(text, encoding="utf-8", errors="surrogatepass")
    output = tmp_path / "report.out"
    output.write_text("the report from before\n", encoding="utf-8")
    report_format = data.draw(st.sampled_from(["text", "markdown", "json", "html"]), label="format")
    status, _out, err = run(["report", str(plan), "--format", report_format, "--output", str(output)], capsys)
    check_status(status, err)
    if status != 0:
        assert output.read_text(encoding="utf-8") == "the report from before\n"
    status, _out, err = run(["validate", str(plan)], capsys)
    check_status(status, err)
    assert sorted(path.name for path in tmp_path.iterdir()) == [plan.name, output.name], "no temporary files left"


ARGUMENT = st.text(max_size=30) | st.lists(LABEL_PIECES, max_size=60).map("".join) | st.sampled_from(HOSTILE_NUMBERS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    command=st.sampled_from(["fy", "grade", "subsidy"]),
    first=ARGUMENT.filter(lambda text: not text.startswith("-")),
    second=ARGUMENT,
)
def test_every_command_answers_or_refuses_in_one_line(
    command: str, first: str, second: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rule = str(KINDS[SubsidyRule][0])
    argv = {
        "fy": ["fy", first],
        "grade": ["grade", first, "--scheme", "osaka-pref-library-2016"],
        "subsidy": ["subsidy", rule, "--cost", first, "--fy", second],
    }[command]
    status, _out, err = run(argv, capsys)
    check_status(status, err)


def test_an_unreadable_plan_is_one_line_and_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The reproductions of issue 9 through the command line: each is refused, none hangs.
    for name, text in {
        "huge.json": '{"schema": "kyodo.plan/1", "title": "t", "municipality": "m", "period": "H27～H30", "x": 1e100000000}',
        "aliases.yaml": "a: &a [1, 2]\nb: [*a, *a]\n",
        "surrogate.json": '{"schema": "kyodo.plan/1", "title": "\\ud800", "municipality": "m", "period": "H27～H30"}',
        "digits.toml": "x = " + "9" * 5000 + "\n",
    }.items():
        plan = tmp_path / name
        plan.write_text(text, encoding="utf-8")
        status, out, err = run(["report", str(plan)], capsys)
        assert status == 2, (name, out, err)
        check_status(status, err)
        assert not out
        status, out, err = run(["validate", str(plan)], capsys)
        assert status in (1, 2), (name, out, err)


def test_the_alarm_catches_a_hang() -> None:
    # The alarm is what makes these tests fail on a hang; it must itself work.
    def spin() -> None:
        with alarm(1):
            while True:
                pass

    with pytest.raises(Hang):
        spin()
