"""``import kyodo`` loads no module of kyodo's until a name is used, and every name still comes from the front door."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import kyodo

INIT = Path(kyodo.__file__)


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def _checked_imports() -> dict[str, tuple[str, ...]]:
    """What the ``if TYPE_CHECKING:`` block of kyodo/__init__.py imports, module by module."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    return {
        node.module: tuple(alias.name for alias in node.names)
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }


def test_the_names_type_checkers_see_are_the_names_loaded_on_use() -> None:
    assert _checked_imports() == kyodo._EXPORTS
    assert sorted(kyodo._ORIGIN) == sorted(kyodo.__all__)


@pytest.mark.parametrize("name", kyodo.__all__)
def test_every_public_name_is_the_object_its_module_defines(name: str) -> None:
    assert getattr(kyodo, name) is getattr(importlib.import_module(kyodo._ORIGIN[name]), name)
    assert name in dir(kyodo)


def test_import_kyodo_loads_none_of_its_modules() -> None:
    loaded = _run("import sys, kyodo; print(sorted(m for m in sys.modules if m.startswith('kyodo.')))")
    assert loaded.strip() == "[]"


def test_a_name_loads_its_module_and_what_that_needs_only() -> None:
    loaded = _run(
        "import sys; from kyodo import FiscalYear; print(FiscalYear(2019).format());"
        "print(sorted(m for m in sys.modules if m.startswith('kyodo.')))"
    )
    printed, modules = loaded.splitlines()
    assert printed == "令和元年度"
    assert "'kyodo.fiscal'" in modules
    assert "'kyodo.io'" not in modules
    assert "'kyodo.grading'" not in modules


def test_modules_are_reached_as_attributes_as_before() -> None:
    assert _run("import kyodo; print(kyodo.io.load is kyodo.load, kyodo.report.__name__)").split() == [
        "True",
        "kyodo.report",
    ]


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'kyodo' has no attribute 'Plna'"):
        kyodo.Plna  # noqa: B018
    with pytest.raises(ImportError):
        from kyodo import Plna  # type: ignore[attr-defined]  # noqa: F401
