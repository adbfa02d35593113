"""Shared test configuration: parameter ids that name a test unambiguously."""

from __future__ import annotations

import pytest


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Keep brackets and ``::`` out of parameter ids, so every test's node id can be asked for by name.

    A message such as ``weights['k']: …`` used as an id made a node id that pytest cannot select
    (``-k`` aside), which broke tools that rerun tests by id, mutmut among them.
    """
    del config, argname
    if isinstance(val, str) and any(mark in val for mark in ("[", "]", "::")):
        return val.replace("::", ": ").replace("[", "(").replace("]", ")")
    return None
