"""Progress bars for long what-if runs (the ``progress`` extra: tqdm), shown only where someone watches.

``enabled`` is the caller's ``progress`` argument: False shows nothing; True shows a
bar, and asks for tqdm when it is missing; None (the default) shows one where a
person is watching (a terminal, or a Jupyter kernel) and tqdm is installed, and
only once the run has taken half a second, so quick runs never flash a bar.
Nothing is printed to a pipe or a log by default.
"""

from __future__ import annotations

import importlib.util
import sys
from types import TracebackType
from typing import Any

from kyodo.errors import KyodoError

#: Seconds a run must last before the default bar appears.
DELAY = 0.5


def _in_notebook() -> bool:
    """True when the code runs in a Jupyter kernel (IPython's shell there has a kernel), not merely imports one."""
    ipython = sys.modules.get("IPython")
    shell = None if ipython is None else ipython.get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def _watched() -> bool:
    """True in a terminal or a Jupyter kernel: where a bar is seen, not written into a log."""
    if _in_notebook():
        return True
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


class Progress:
    """A bar of ``total`` steps, or nothing; a context manager, advanced with :meth:`advance`."""

    __slots__ = ("_bar",)

    def __init__(self, total: int, label: str, enabled: bool | None) -> None:
        self._bar: Any = None
        if enabled is False or (enabled is None and not _watched()):
            return
        if importlib.util.find_spec("tqdm") is None:
            if enabled:
                raise KyodoError("a progress bar needs tqdm: pip install 'kyodo[progress]' (or pass progress=False)")
            return
        # A widget in a notebook that can draw one; text on stderr otherwise (a notebook shows that too).
        make: Any
        if _in_notebook() and importlib.util.find_spec("ipywidgets") is not None:
            from tqdm.notebook import tqdm_notebook as make
        else:
            from tqdm import tqdm as make
        self._bar = make(total=total, desc=label, unit="件", leave=False, delay=0 if enabled else DELAY)

    def advance(self, steps: int = 1) -> None:
        """Move the bar on by ``steps``."""
        if self._bar is not None:
            self._bar.update(steps)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.close()
