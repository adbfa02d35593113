"""What every kyodo error as data must be: JSON, valid under ``kyodo schema error``, with documented codes.

Shared by the tests that provoke errors (test_errors, the fuzz tests).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import jsonschema

from kyodo import KyodoError
from kyodo._error_schema import error_schema
from kyodo.errors import CODES, path_step

_PAGE = Path(__file__).resolve().parent.parent / "docs" / "reference" / "errors.md"
_VALIDATOR = jsonschema.Draft202012Validator(error_schema())


@functools.cache
def documented_codes() -> frozenset[str]:
    """The codes in the table of docs/reference/errors.md, under its heading "The codes"."""
    section = _PAGE.read_text(encoding="utf-8").split("\n## The codes\n", 1)[1].split("\n## ", 1)[0]
    return frozenset(re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE))


def printed(keys: list[str | int]) -> str:
    """``keys`` as kyodo prints a path: ``sections[0].title``, ``targets['2015.5']``."""
    text = ""
    for key in keys:
        step = f"[{key}]" if isinstance(key, int) else path_step(key)
        text += step.removeprefix(".") if not text else step
    return text


def check_error_data(error: KyodoError, document: object = None) -> None:
    """``error.to_data()`` is JSON, valid under ``kyodo schema error``, its codes documented, its paths in ``document``."""
    data = error.to_data()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    _VALIDATOR.validate(data)
    for problem in data["problems"]:
        assert problem["code"] in CODES
        assert problem["code"] in documented_codes()
        if document is not None:
            # Each path leads into the document; a missing key's path ends at the key that is missing.
            node, keys = document, problem["path"]
            if problem["code"] == "missing_key":
                keys = keys[:-1]
            for key in keys:
                assert isinstance(node, dict | list), (problem, node)
                assert key in node if isinstance(node, dict) else isinstance(key, int) and key < len(node), problem
                node = node[key]
