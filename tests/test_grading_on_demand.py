"""What grading reads or makes only once, and keeps: a preset."""

from __future__ import annotations

import pytest

import kyodo
from kyodo import GradingScheme, preset, preset_names


@pytest.mark.parametrize("name", preset_names())
def test_a_preset_is_read_once_and_is_the_scheme_its_file_holds(name: str) -> None:
    assert preset(name) is preset(name)
    file = kyodo.grading._presets() / f"{name}.toml"
    assert preset(name) == kyodo.loads(file.read_text(encoding="utf-8"), "toml", kind=GradingScheme)
