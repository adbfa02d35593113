"""A time limit on a block of a test: a hang fails the test instead of stalling the suite.

The limit is a SIGALRM, so it interrupts pure-Python loops (a backtracking
regular expression in C is not interrupted; the static check of kyodo's
patterns guards against those).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Hang(AssertionError):
    """A block ran past its time limit."""


@contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fail with :class:`Hang` when the block runs longer than ``seconds``."""

    def ring(_signal: int, _frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
