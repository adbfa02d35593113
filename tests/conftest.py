"""Shared test configuration: parameter ids that any tool can ask for by name."""

from __future__ import annotations

import pytest


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Keep brackets and ``::`` out of a text parameter's id, and give bytes an id in hex.

    A message such as ``weights['k']: …`` used as an id gave a node id with brackets inside its
    parameters, which mutmut (it reruns tests by id) could not select.
    """
    del config, argname
    if isinstance(val, bytes):
        # With ids unescaped (pyproject.toml), pytest would join bytes into the id as they are, and fail.
        return "bytes-" + val.hex()
    if isinstance(val, str) and any(mark in val for mark in ("[", "]", "::")):
        return val.replace("::", ": ").replace("[", "(").replace("]", ")")
    return None
