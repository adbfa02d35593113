"""Shared test configuration: Hypothesis without a default deadline, and parameter ids that any tool can ask for by name."""

from __future__ import annotations

import pytest
from hypothesis import settings

# Hypothesis fails an example that takes more than 200 ms by default: a timed assertion, which a shared
# or cold machine breaks (a first time-zone conversion loads its database). Tests that time on purpose
# (the linear-time readers) set their own deadlines.
settings.register_profile("kyodo", deadline=None)
settings.load_profile("kyodo")


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
