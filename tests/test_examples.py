"""Every example in examples/ runs: plan files load, validate and write back unchanged; scripts run."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

import kyodo

EXAMPLES = Path(__file__).parent.parent / "examples"
PLAN_FILES = sorted(path for path in (EXAMPLES / "plans").iterdir() if path.suffix in (".toml", ".json", ".yaml"))
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


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
