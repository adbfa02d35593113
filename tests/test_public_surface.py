"""The public surface, snapshotted: every name in ``kyodo.__all__`` and every file, error and result schema.

An unintended change to what users import or to what their files may hold fails here with the
difference. An intended one updates the snapshot, in the same commit and with a CHANGELOG line:

    KYODO_UPDATE_SURFACE=1 .venv/bin/python -m pytest tests/test_public_surface.py
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path

import kyodo
from kyodo._error_schema import error_schema
from kyodo._grading_schema import grading_schema, two_axis_schema
from kyodo._result_schema import result_schema
from kyodo._subsidy_schema import subsidy_schema

SNAPSHOT = Path(__file__).parent / "fixtures" / "public-surface.json"


def _surface() -> dict[str, object]:
    return {
        "__all__": sorted(kyodo.__all__),
        "schemas": {
            "plan": kyodo.json_schema(),
            "grading": grading_schema(),
            "two-axis": two_axis_schema(),
            "subsidy": subsidy_schema(),
            "error": error_schema(),
            "result": result_schema(),
        },
    }


def test_the_public_surface_changes_only_on_purpose() -> None:
    # Through JSON, so that the comparison is of what a file or a user sees (tuples read back as lists).
    now = json.loads(json.dumps(_surface(), ensure_ascii=False, sort_keys=True))
    if os.environ.get("KYODO_UPDATE_SURFACE") == "1":
        SNAPSHOT.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    added = sorted(set(now["__all__"]) - set(recorded["__all__"]))
    removed = sorted(set(recorded["__all__"]) - set(now["__all__"]))
    assert (added, removed) == ([], []), f"kyodo.__all__ changed: added {added}, removed {removed}"
    changed = [kind for kind in now["schemas"] if now["schemas"][kind] != recorded["schemas"].get(kind)]
    assert changed == [], f"these file schemas changed: {changed}; see the module's docstring"
    assert sorted(now["schemas"]) == sorted(recorded["schemas"])


def test_every_public_name_is_importable_and_documented() -> None:
    for name in kyodo.__all__:
        value = getattr(kyodo, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert (value.__doc__ or "").strip(), f"kyodo.{name} has no docstring"
