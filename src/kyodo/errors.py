"""The exceptions kyodo raises, and only these.

Every error kyodo raises on purpose is a :class:`KyodoError`. The subclasses
also derive from the built-in exception a caller would reach for first
(``ValueError``), so ``except ValueError`` keeps working.

A message has three parts: what was given (quoted), where (a column or a
path), and what would have been valid.

>>> from kyodo import ParseError, parse_wareki_month
>>> try:
...     parse_wareki_month("平成27年13月")
... except ParseError as error:
...     print(error)
...     print(error.text, error.column, isinstance(error, ValueError))
cannot read '平成27年13月' as an era date: month 13 is not 1–12 (column 6)
平成27年13月 6 True
"""

from __future__ import annotations

__all__ = [
    "KyodoError",
    "OutOfRangeError",
    "ParseError",
    "ValidationError",
]


class KyodoError(Exception):
    """The base of every error kyodo raises on purpose."""


class ParseError(KyodoError, ValueError):
    """Text that cannot be read as what was asked for.

    Attributes:
        text: the input exactly as given.
        what: what the text was read as ("an era date", "a fiscal year").
        reason: why it could not be read, quoting the offending part.
        column: the 1-based column in ``text`` where reading failed, or
            ``None`` when the problem is not at one place (a date that does
            not exist, say).
        expected: what would have been valid there, or ``None``.
    """

    text: object
    what: str
    reason: str
    column: int | None
    expected: str | None

    def __init__(
        self,
        text: object,
        what: str,
        reason: str,
        *,
        column: int | None = None,
        expected: str | None = None,
    ) -> None:
        self.text = text
        self.what = what
        self.reason = reason
        self.column = column
        self.expected = expected
        super().__init__(self._message())

    def _message(self) -> str:
        message = f"cannot read {self.text!r} as {self.what}: {self.reason}"
        if self.column is not None:
            message += f" (column {self.column})"
        if self.expected is not None:
            message += f"; expected {self.expected}"
        return message

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments are not restored by the default pickling of
        # exceptions; multiprocessing users would otherwise get a TypeError.
        return (_rebuild_parse_error, (self.text, self.what, self.reason, self.column, self.expected))


def _rebuild_parse_error(text: object, what: str, reason: str, column: int | None, expected: str | None) -> ParseError:
    return ParseError(text, what, reason, column=column, expected=expected)


class ValidationError(KyodoError, ValueError):
    """A value that kyodo's objects refuse: an invalid object cannot exist.

    Attributes:
        problems: every problem found, each as ``(path, message)``; the path
            is ``""`` for a single value given to a constructor.
    """

    problems: tuple[tuple[str, str], ...]

    def __init__(self, *problems: tuple[str, str]) -> None:
        if not problems:
            raise TypeError("ValidationError needs at least one (path, message) problem")
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{path}: {message}" if path else message for path, message in self.problems))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), self.problems)


class OutOfRangeError(KyodoError, ValueError):
    """A valid value outside what an operation supports.

    For example a date before 1873-01-01, when Japan adopted the Gregorian
    calendar, has no era date kyodo can compute exactly.
    """
