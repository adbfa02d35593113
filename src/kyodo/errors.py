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


#: A message in English alone, or as (English, Japanese).
Message = str | tuple[str, str]


def message_pair(message: Message) -> tuple[str, str]:
    """A message as (English, Japanese); a plain string stands for both."""
    return (message, message) if isinstance(message, str) else message


class ParseError(KyodoError, ValueError):
    """Text that cannot be read as what was asked for.

    ``str(error)`` is in English; ``error.message("ja")`` gives it in
    Japanese where kyodo has the words (the parsers of dates, fiscal years,
    rates and bands do), and falls back to English parts otherwise.

    Attributes:
        text: the input exactly as given.
        what: what the text was read as ("an era date", "a fiscal year").
        reason: why it could not be read, quoting the offending part.
        column: the 1-based column in ``text`` where reading failed, or
            ``None`` when the problem is not at one place (a date that does
            not exist, say).
        expected: what would have been valid there, or ``None``.
        what_ja, reason_ja, expected_ja: the same in Japanese.
    """

    text: object
    what: str
    reason: str
    column: int | None
    expected: str | None
    what_ja: str
    reason_ja: str
    expected_ja: str | None

    def __init__(
        self,
        text: object,
        what: Message,
        reason: Message,
        *,
        column: int | None = None,
        expected: Message | None = None,
    ) -> None:
        self.text = text
        self.what, self.what_ja = message_pair(what)
        self.reason, self.reason_ja = message_pair(reason)
        self.expected, self.expected_ja = (None, None) if expected is None else message_pair(expected)
        self.column = column
        super().__init__(self.message("en"))

    def message(self, locale: str = "en") -> str:
        """The message in ``locale``: "en" (as ``str(error)``) or "ja".

        Long text is quoted by its start and its length, so that a message
        about a 10 MB file is one line, not 10 MB.
        """
        quoted = _quoted(self.text)
        if locale == "ja":
            message = f"{quoted} を{self.what_ja}として読めない: {self.reason_ja}"
            if self.column is not None:
                message += f"（{self.column}文字目）"
            if self.expected_ja is not None:
                message += f"。期待される形: {self.expected_ja}"
            return message
        message = f"cannot read {quoted} as {self.what}: {self.reason}"
        if self.column is not None:
            message += f" (column {self.column})"
        if self.expected is not None:
            message += f"; expected {self.expected}"
        return message

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments are not restored by the default pickling of
        # exceptions; multiprocessing users would otherwise get a TypeError.
        return (
            _rebuild_parse_error,
            (
                self.text,
                (self.what, self.what_ja),
                (self.reason, self.reason_ja),
                self.column,
                None if self.expected is None else (self.expected, self.expected_ja or self.expected),
            ),
        )


#: The most characters of the input an error message quotes.
_QUOTED_CHARS = 80


def _quoted(text: object) -> str:
    """``text`` as an error quotes it: repr, cut to its start when long; a huge number by its size."""
    from kyodo._limits import quotable

    if isinstance(text, str) and len(text) > _QUOTED_CHARS:
        return f"{text[:_QUOTED_CHARS]!r}… ({len(text):,} characters)"
    return repr(quotable(text))


def _rebuild_parse_error(
    text: object, what: Message, reason: Message, column: int | None, expected: Message | None
) -> ParseError:
    return ParseError(text, what, reason, column=column, expected=expected)


class ValidationError(KyodoError, ValueError):
    """A value that kyodo's objects refuse: an invalid object cannot exist.

    Each problem is given as ``(path, message)``, where the message may be a
    pair ``(English, Japanese)``. ``str(error)`` lists them in English;
    ``error.message("ja")`` in Japanese where kyodo has the words.

    Attributes:
        problems: every problem found, each as ``(path, message)`` in
            English; the path is ``""`` for a single value given to a
            constructor.
        problems_ja: the same problems in Japanese (English where kyodo has
            no Japanese words for one).
    """

    problems: tuple[tuple[str, str], ...]
    problems_ja: tuple[tuple[str, str], ...]

    def __init__(self, *problems: tuple[str, Message]) -> None:
        if not problems:
            raise TypeError("ValidationError needs at least one (path, message) problem")
        pairs = [(path, message_pair(message)) for path, message in problems]
        self.problems = tuple((path, message[0]) for path, message in pairs)
        self.problems_ja = tuple((path, message[1]) for path, message in pairs)
        super().__init__(self.message("en"))

    def message(self, locale: str = "en") -> str:
        """Every problem, one a line, in ``locale``: "en" (as ``str(error)``) or "ja"."""
        problems = self.problems_ja if locale == "ja" else self.problems
        return "\n".join(f"{path}: {message}" if path else message for path, message in problems)

    @property
    def bilingual(self) -> tuple[tuple[str, tuple[str, str]], ...]:
        """Every problem as ``(path, (English, Japanese))``, to pass on to another ValidationError."""
        return tuple(
            (path, (english, japanese))
            for (path, english), (_path, japanese) in zip(self.problems, self.problems_ja, strict=True)
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), self.bilingual)


class OutOfRangeError(KyodoError, ValueError):
    """A valid value outside what an operation supports.

    For example a date before 1873-01-01, when Japan adopted the Gregorian
    calendar, has no era date kyodo can compute exactly.
    """
