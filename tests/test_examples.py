"""Every example in examples/ runs: plan files load, validate and write back unchanged; scripts run; and the
docs' console sessions print what they show."""

from __future__ import annotations

import re
import runpy
import shlex
from pathlib import Path

import pytest

import kyodo

EXAMPLES = Path(__file__).parent.parent / "examples"
PLAN_FILES = sorted(path for path in (EXAMPLES / "plans").iterdir() if path.suffix in (".toml", ".json", ".yaml"))
SCRIPTS = sorted(EXAMPLES.glob("*.py"))
ROOT = EXAMPLES.parent
# The pages whose console sessions are checked here (the sheets guide's sessions write files; the performance
# page is written by the benchmarks).
PAGES = sorted(
    path
    for path in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    if path.name not in ("sheets.md", "performance.md")
)


def _console_sessions() -> list[tuple[str, str, str]]:
    """Every `$ kyodo ...` line of a console block that shows its output, with that output."""
    sessions = []
    for page in PAGES:
        for block in re.findall(r"^```console\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M):
            for command, output in re.findall(r"^\$ (kyodo [^\n]*)\n((?:(?!\$ )[^\n]*\n)*)", block, re.M):
                if output.strip():
                    sessions.append((str(page.relative_to(ROOT)), command, output))
    return sessions


SESSIONS = _console_sessions()


def test_there_are_example_plans() -> None:
    assert PLAN_FILES


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda path: path.name)
@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_plan_file_round_trips(path: Path, fmt: kyodo.io.Format) -> None:
    plan = kyodo.load(path)
    text = kyodo.dumps(plan, fmt)
    again = kyodo.loads(text, fmt)
    assert again == plan
    assert kyodo.dumps(again, fmt) == text


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_script_runs(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(path), run_name="__main__")
    assert capsys.readouterr().out.strip()


def test_the_docs_show_console_sessions() -> None:
    assert {page for page, _command, _output in SESSIONS} >= {
        "docs/fiscal-years-and-eras.md",
        "docs/explanation/stability.md",
    }


@pytest.mark.parametrize(("page", "command", "output"), SESSIONS, ids=[command for _page, command, _o in SESSIONS])
def test_a_console_session_in_the_docs_prints_what_it_shows(
    page: str, command: str, output: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kyodo.cli import main

    monkeypatch.chdir(ROOT)
    arguments = shlex.split(command.partition("#")[0])[1:]
    assert main(arguments) == 0, page
    assert capsys.readouterr().out.rstrip("\n") == output.rstrip("\n"), page


def _toml_snippets(page: str) -> list[str]:
    return re.findall(r"^```toml\n(.*?)^```", (ROOT / page).read_text(encoding="utf-8"), re.S | re.M)


def test_the_docs_toml_snippets_read_as_the_criteria_they_describe() -> None:
    head = 'schema = "kyodo.plan/1"\ntitle = "t"\nmunicipality = "m"\nperiod = "H27-H30"\n'
    # grading-and-completion.md: a measure's keys, as seed 000's No.26 would hold them.
    (measure_keys,) = _toml_snippets("docs/grading-and-completion.md")
    plan = kyodo.loads(f'{head}[[sections]]\nnumber = "No.26"\ntitle = "t"\n{measure_keys}', "toml")
    assert plan.find("No.26").criterion == kyodo.parse_criterion(
        "covers(まちづくりセンター数, 99) and judgment(全市的な拠点性の向上)"
    )
    # plan-file.md: two measures under a section, one criterion as text and one mixing text and tables.
    (children,) = _toml_snippets("docs/reference/plan-file.md")
    plan = kyodo.loads(f'{head}[[sections]]\nnumber = "(5)"\ntitle = "t"\n\n{children}', "toml")
    assert plan.find("(5)-②").criterion == kyodo.parse_criterion(
        "milestone(（仮称）地域活性化センターの設置) and judgment(まちづくりに対する中間支援機能の確立)"
    )
    assert plan.find("(5)-③").criterion == kyodo.parse_criterion(
        "covers(まちづくりセンター数, 99) or judgment(全市的な拠点性の向上)"
    )
