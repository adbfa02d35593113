"""Presets carry a version, and what a preset gives for a figure changes only with a new version.

tests/fixtures/preset-bands.json records, for each preset file and version, everything in it that
decides a grade (its bases, bands, conditions, cases, how it combines): all of its file but the schema,
its version and its words (source, description, each grade's ja and en). Changing a preset's bands
without giving it a new version (or a new name) fails here with the difference. A new version, or a new
preset, is recorded, never overwriting one recorded before, with:

    KYODO_UPDATE_PRESETS=1 .venv/bin/python -m pytest tests/test_preset_versions.py

An earlier version stays available as presets/NAME@N.toml, so that ``preset(name, version=N)`` keeps
giving what it gave.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kyodo
from kyodo import GradingScheme, ValidationError, preset, preset_names
from kyodo.grading import _preset_files, _read_preset

SNAPSHOT = Path(__file__).parent / "fixtures" / "preset-bands.json"
#: The keys that word a scheme but decide no grade.
_WORDS = frozenset({"schema", "version", "source", "description", "ja", "en"})


def _decisive(value: Any) -> Any:
    """A scheme's file data without its words, all the way down (a case's legend has words too)."""
    if isinstance(value, dict):
        return {key: _decisive(item) for key, item in value.items() if key not in _WORDS}
    if isinstance(value, list):
        return [_decisive(item) for item in value]
    return value


def _now() -> dict[str, Any]:
    now = {}
    for stem in sorted(_preset_files()):
        scheme = _read_preset(stem)
        now[f"{scheme.name}@{scheme.version}"] = _decisive(kyodo.to_data(scheme))
    # Through JSON, as the snapshot is read back.
    return json.loads(json.dumps(now, ensure_ascii=False, default=str))


def _text(value: object) -> list[str]:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).splitlines()


def test_a_preset_s_bands_change_only_with_a_new_version() -> None:
    now = _now()
    recorded: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.exists() else {}
    if os.environ.get("KYODO_UPDATE_PRESETS") == "1":
        # A version once recorded is never rewritten: changing it is what this test refuses.
        recorded = {**now, **recorded}
        SNAPSHOT.write_text(json.dumps(recorded, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    changed = [key for key in now if key in recorded and now[key] != recorded[key]]
    diff = [
        line
        for key in changed
        for line in difflib.unified_diff(
            _text(recorded[key]), _text(now[key]), f"{key} as recorded", f"{key} now", lineterm=""
        )
    ]
    assert not changed, (
        f"the bands of {', '.join(changed)} changed without a new version; give the preset the next version"
        " and keep the old file as presets/NAME@N.toml (or give it a new name):\n" + "\n".join(diff)
    )
    unrecorded = sorted(set(now) - set(recorded))
    assert not unrecorded, f"{unrecorded} are not recorded; see this module's docstring"
    gone = sorted(set(recorded) - set(now))
    assert not gone, f"{gone} were shipped and are gone; keep each as presets/NAME@N.toml"


def test_every_preset_file_has_a_version_and_the_name_of_its_file() -> None:
    for stem in _preset_files():
        scheme = _read_preset(stem)
        assert scheme.version is not None, stem
        name, _at, kept = stem.partition("@")
        assert scheme.name == name
        if kept:
            assert int(kept) == scheme.version < preset(name).version  # type: ignore[operator]


@given(st.sampled_from(preset_names()), st.integers(-3, 1_000))
def test_a_version_is_given_by_number_or_by_name_and_any_other_refused(name: str, version: int) -> None:
    current = preset(name)
    assert current.version is not None
    assert preset(name, version=current.version) is current
    assert preset(f"{name}@{current.version}") is current
    kept = {int(stem.partition("@")[2]) for stem in _preset_files() if stem.startswith(f"{name}@")}
    if version == current.version or version in kept:
        assert preset(name, version=version).version == version
        return
    with pytest.raises(ValidationError) as by_number:
        preset(name, version=version)
    assert by_number.value.codes == ("unknown_label",)
    assert f"it has version {current.version}" in str(by_number.value)
    with pytest.raises(ValidationError) as by_name:
        preset(f"{name}@{version}")
    # "-3" after @ is no version number at all.
    assert by_name.value.codes == ("unknown_label" if version >= 0 else "not_a_number",)


@pytest.mark.parametrize(
    ("asked", "code"),
    [("nagayo-2019@", "not_a_number"), ("nagayo-2019@v1", "not_a_number"), ("nagayo-2019@２", "not_a_number"),
     ("nagayo-2018@1", "unknown_label")],
)  # fmt: skip
def test_a_version_that_is_no_number_or_of_no_preset_is_refused(asked: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        preset(asked)
    assert caught.value.codes == (code,)


@pytest.mark.parametrize(("version", "code"), [(0, "out_of_range"), ("1", "not_a_number"), (True, "not_a_number")])
def test_a_scheme_s_version_is_a_whole_number_from_1(version: object, code: str) -> None:
    legend = {"name": "legend", "grades": [{"label": "A", "bands": ["その他"]}], "version": version}
    with pytest.raises(ValidationError) as caught:
        kyodo.from_data(legend, GradingScheme)
    assert [(problem["path"], problem["code"]) for problem in caught.value.to_data()["problems"]] == [
        (["version"], code)
    ]


def test_a_scheme_file_keeps_its_version() -> None:
    scheme = preset("tama-pace")
    text = kyodo.dumps(scheme, "toml")
    assert "version = 1" in text
    assert kyodo.loads(text, "toml", kind=GradingScheme) == scheme
    assert "version" not in kyodo.to_data(GradingScheme("legend", [kyodo.Grade("A", bands=["その他"])]))


def test_the_command_takes_a_preset_s_version_after_its_name(capsys: pytest.CaptureFixture[str]) -> None:
    from kyodo.cli import main

    assert main(["grade", "--scheme", "tama-pace@1", "--lang", "en", "85%"]) == 0
    assert capsys.readouterr().out.startswith("②")
    assert main(["grade", "--scheme", "tama-pace@9", "85%"]) == 2
    assert "tama-pace に版 9 はない" in capsys.readouterr().err
