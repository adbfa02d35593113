"""What ``mypy --strict`` tells code that builds kyodo's objects (issue 15).

Converted constructor arguments are typed with what the converters accept,
so a caller's type check refuses ``Target(fy, 4.2)`` as the run time does.
tests/typechecks/accepted.py holds calls mypy must accept (and the run time
too); tests/typechecks/refused.py calls it must refuse, each line naming the
error. mypy runs once over both, with the project's configuration and cache.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kyodo import KyodoError
from typechecks import accepted, refused

mypy_api = pytest.importorskip("mypy.api")

ROOT = Path(__file__).parent.parent
CASES = Path(__file__).parent / "typechecks"
_EXPECTED = re.compile(r"^\s*lambda\b.*  # E: (.+)$")
_REPORTED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: (?P<message>.+)$")


@pytest.fixture(scope="module")
def reported() -> dict[tuple[str, int], list[str]]:
    """mypy's errors over both files, by file name and line."""
    out, err, _status = mypy_api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), str(CASES / "accepted.py"), str(CASES / "refused.py")]
    )
    assert not err, err
    errors: dict[tuple[str, int], list[str]] = {}
    for line in out.splitlines():
        match = _REPORTED.match(line)
        if match is not None:
            errors.setdefault((Path(match["file"]).name, int(match["line"])), []).append(match["message"])
    return errors


def _expected() -> dict[int, str]:
    lines = (CASES / "refused.py").read_text(encoding="utf-8").splitlines()
    return {number: match[1].strip() for number, line in enumerate(lines, 1) if (match := _EXPECTED.search(line))}


def test_accepted_calls_type_check(reported: dict[tuple[str, int], list[str]]) -> None:
    assert {key: messages for key, messages in reported.items() if key[0] == "accepted.py"} == {}


def test_each_refused_call_gives_its_error(reported: dict[tuple[str, int], list[str]]) -> None:
    expected = _expected()
    assert len(expected) == len(refused.REFUSED)
    missing = {
        line: (fragment, reported.get(("refused.py", line), []))
        for line, fragment in expected.items()
        if not any(fragment in message for message in reported.get(("refused.py", line), []))
    }
    assert missing == {}


def test_refused_calls_give_no_other_error(reported: dict[tuple[str, int], list[str]]) -> None:
    expected = _expected()
    unexpected = {
        key: messages for key, messages in reported.items() if key[0] == "refused.py" and key[1] not in expected
    }
    assert unexpected == {}


@pytest.mark.parametrize("call", accepted.ACCEPTED)
def test_accepted_calls_run(call: Callable[[], object]) -> None:
    call()


@pytest.mark.parametrize("call", refused.REFUSED)
def test_refused_calls_are_refused_at_run_time_too(call: Callable[[], object]) -> None:
    with pytest.raises(KyodoError):
        call()
