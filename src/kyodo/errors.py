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

import ast
import difflib
import re
from collections.abc import Iterable
from typing import Final

__all__ = [
    "ERROR_SCHEMA",
    "KyodoError",
    "NotFoundError",
    "OutOfRangeError",
    "ParseError",
    "ValidationError",
]

#: The schema id of an error as data (:meth:`KyodoError.to_data`).
ERROR_SCHEMA: Final = "kyodo.error/1"

#: The machine code of every problem kyodo reports, with what it means.
#: Codes are stable: a new release may add one, and may give a problem that had
#: ``invalid`` a closer code, but never renames or removes one.
#: docs/reference/errors.md lists them, and a test checks the two agree.
CODES: Final[dict[str, str]] = {
    "missing_key": "a key the document needs is not there",
    "unknown_key": "a key kyodo does not know for this table",
    "wrong_schema": "the document names no schema, or the schema of another kind of document",
    "not_text": "text was expected",
    "not_a_number": "a number was expected, or text that does not read as one (a rate, an amount of yen)",
    "inexact_number": "a binary float or a bool where an exact number belongs",
    "not_a_boolean": "true or false was expected",
    "not_a_table": "a table (a mapping) was expected",
    "not_a_list": "a list was expected",
    "out_of_range": "a value of the right kind outside what is allowed (a negative amount, a rate above 100%)",
    "bad_fiscal_year": "text that does not read as a fiscal year or a range of fiscal years",
    "bad_date": "text that does not read as a date, a month or an era",
    "bad_band": "text that does not read as a grade band",
    "bad_syntax": "text that is not valid in its format (JSON, TOML, YAML) or grammar (a criterion's text)",
    "unknown_label": "a label that is not one of the choices (a stage, a status, an enum's words)",
    "duplicate": "something given twice where it may appear once",
    "overlap": "two things that may not share a year or a figure share one (a schedule's cells, a rule's targets)",
    "dangling_reference": "a reference to something the document does not hold (a provenance, a re-listing, →)",
    "too_large": "past one of kyodo's limits on size: a file, a label, a number's digits or exponent",
    "too_deep": "tables, lists or a criterion nested past kyodo's limit",
    "invalid": "any other problem; the message says what",
}

#: The code of a problem that has no closer one.
INVALID: Final = "invalid"


class KyodoError(Exception):
    """The base of every error kyodo raises on purpose."""

    #: The machine code of this error as data; subclasses say what they mean.
    code: str = INVALID

    def message(self, locale: str = "en") -> str:
        """The message in ``locale``: "en" (as ``str(error)``) or "ja"; English where kyodo has no Japanese."""
        return str(self)

    def to_data(self) -> dict[str, object]:
        """The error as JSON-ready data in the form of ``kyodo.error/1``; see docs/reference/errors.md.

        >>> KyodoError("the printer is out of paper").to_data()["problems"][0]["code"]
        'invalid'
        """
        return {
            "schema": ERROR_SCHEMA,
            "error": type(self).__name__,
            "problems": [_problem_data("", (self.message("en"), self.message("ja")), self.code)],
        }


#: A message in English alone, or as (English, Japanese).
Message = str | tuple[str, str]


class Coded(tuple[str, str]):
    """A message as (English, Japanese) that carries the machine code of its problem.

    It is a pair like any other message, so code that passes problems on
    (``error.bilingual``) keeps their codes without knowing of them.

    >>> message = Coded("expected text", "文字列が必要", "not_text")
    >>> message == ("expected text", "文字列が必要"), message.code
    (True, 'not_text')
    """

    code: str

    def __new__(cls, english: str, japanese: str, code: str = INVALID) -> Coded:
        if code not in CODES:
            raise ValueError(f"{code!r} is not an error code; expected one of {', '.join(CODES)}")
        made = super().__new__(cls, (english, japanese))
        made.code = code
        return made

    def __getnewargs__(self) -> tuple[str, str, str]:
        return (self[0], self[1], self.code)


def message_pair(message: Message) -> tuple[str, str]:
    """A message as (English, Japanese); a plain string stands for both. A :class:`Coded` message stays coded."""
    return (message, message) if isinstance(message, str) else message


def coded(message: Message, code: str) -> Coded:
    """``message`` carrying ``code``, one of :data:`CODES`."""
    english, japanese = message_pair(message)
    return Coded(english, japanese, code)


def code_of(message: Message, default: str = INVALID) -> str:
    """The code ``message`` carries: its own if it is :class:`Coded`, else ``default``."""
    return message.code if isinstance(message, Coded) else default


#: A problem as a ValidationError takes it: (path, message), or (path, message, code).
Problem = tuple[str, Message] | tuple[str, Message, str]


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
        code: str | None = None,
    ) -> None:
        self.text = text
        self.what, self.what_ja = message_pair(what)
        self.reason, self.reason_ja = message_pair(reason)
        self.expected, self.expected_ja = (None, None) if expected is None else message_pair(expected)
        self.column = column
        # A reason that carries a code (a limit's, say) gives it when the raise site names none.
        self.code = code_of(reason) if code is None else code
        if self.code not in CODES:
            raise ValueError(f"{self.code!r} is not an error code; expected one of {', '.join(CODES)}")
        super().__init__(self.message("en"))

    @property
    def coded(self) -> Coded:
        """The whole message as (English, Japanese), carrying the error's code: a problem to report elsewhere."""
        return Coded(self.message("en"), self.message("ja"), self.code)

    def within(self, key: str | int) -> ValidationError:
        """This error as the one problem of a :class:`ValidationError` at ``key`` of a larger document.

        A service that reads a request part by part (``FiscalYear.parse(body["fy"])``)
        answers with the place the text came from, as for any other problem.

        >>> from kyodo import FiscalYear
        >>> try:
        ...     FiscalYear.parse("平成27年度度")
        ... except ParseError as error:
        ...     problem = error.within("fy").to_data()["problems"][0]
        >>> problem["path"], problem["code"]
        (['fy'], 'bad_fiscal_year')
        """
        return ValidationError(("", self.coded)).within(key)

    def to_data(self) -> dict[str, object]:
        """The error as JSON-ready data (``kyodo.error/1``): one problem, and the parts of the message.

        ``text`` is the input as the message quotes it: text of more than 80
        characters is cut to its start, anything else is its ``repr``.

        >>> from kyodo import FiscalYear
        >>> try:
        ...     FiscalYear.parse("平成27年度度")
        ... except ParseError as error:
        ...     data = error.to_data()
        >>> data["problems"][0]["code"], data["text"], data["column"]
        ('bad_fiscal_year', '平成27年度度', 7)
        """
        return {
            **super().to_data(),
            "text": _text_data(self.text),
            "column": self.column,
            "what": {"en": self.what, "ja": self.what_ja},
            "reason": {"en": self.reason, "ja": self.reason_ja},
            "expected": None if self.expected is None else {"en": self.expected, "ja": self.expected_ja},
        }

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
                self.code,
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


def _text_data(text: object) -> str:
    if isinstance(text, str):
        return text if len(text) <= _QUOTED_CHARS else text[:_QUOTED_CHARS] + "…"
    return _quoted(text)


def _rebuild_parse_error(
    text: object,
    what: Message,
    reason: Message,
    column: int | None,
    expected: Message | None,
    code: str = INVALID,
) -> ParseError:
    return ParseError(text, what, reason, column=column, expected=expected, code=code)


class ValidationError(KyodoError, ValueError):
    """A value that kyodo's objects refuse: an invalid object cannot exist.

    Each problem is given as ``(path, message)`` or ``(path, message, code)``,
    where the message may be a pair ``(English, Japanese)`` and the code is one
    of those in docs/reference/errors.md (``invalid`` when none is given and
    the message carries none). ``str(error)`` lists them in English;
    ``error.message("ja")`` in Japanese where kyodo has the words;
    ``error.to_data()`` as JSON-ready data.

    Attributes:
        problems: every problem found, each as ``(path, message)`` in
            English; the path is ``""`` for a single value given to a
            constructor.
        problems_ja: the same problems in Japanese (English where kyodo has
            no Japanese words for one).
        codes: the machine code of each problem, in the same order.
        file: the name of the file the problems were found in, when one was
            read (:func:`kyodo.load`); each path then starts with it.
    """

    problems: tuple[tuple[str, str], ...]
    problems_ja: tuple[tuple[str, str], ...]
    codes: tuple[str, ...]
    file: str | None
    _coded: tuple[tuple[str, Coded], ...]

    def __init__(self, *problems: Problem, file: str | None = None) -> None:
        if not problems:
            raise TypeError("ValidationError needs at least one (path, message) problem")
        self._coded = tuple(
            (problem[0], coded(problem[1], problem[2]) if len(problem) == 3 else coded(problem[1], code_of(problem[1])))
            for problem in problems
        )
        self.problems = tuple((path, message[0]) for path, message in self._coded)
        self.problems_ja = tuple((path, message[1]) for path, message in self._coded)
        self.codes = tuple(message.code for _path, message in self._coded)
        self.file = file
        super().__init__(self.message("en"))

    def message(self, locale: str = "en") -> str:
        """Every problem, one a line, in ``locale``: "en" (as ``str(error)``) or "ja"."""
        problems = self.problems_ja if locale == "ja" else self.problems
        return "\n".join(f"{path}: {message}" if path else message for path, message in problems)

    @property
    def bilingual(self) -> tuple[tuple[str, tuple[str, str]], ...]:
        """Every problem as ``(path, (English, Japanese))``, to pass on to another ValidationError.

        Each message is :class:`Coded`, so the problem keeps its code when passed on.
        """
        return self._coded

    def within(self, key: str | int) -> ValidationError:
        """The same problems, found in a part that sits at ``key`` of a larger document (a request's ``"plan"``).

        Each path is put under ``key`` (an index gives ``[2]``), codes and
        messages kept, so a service that reads a request part by part answers
        with paths from the top of the request.

        >>> from kyodo import from_data, Plan
        >>> try:
        ...     from_data({"title": "計画"}, Plan)
        ... except ValidationError as error:
        ...     [problem["path"] for problem in error.within("plan").to_data()["problems"]][:2]
        [['plan', 'municipality'], ['plan', 'period']]
        """
        step = f"[{key}]" if isinstance(key, int) else path_step(key).removeprefix(".")
        return ValidationError(*((join_path(step, path), message) for path, message in self._coded), file=self.file)

    def to_data(self) -> dict[str, object]:
        """Every problem as JSON-ready data (``kyodo.error/1``): its path, code and message in English and Japanese.

        ``path`` lists the keys (text) and list indexes (numbers) from the top
        of the document; ``path_text`` is the path as kyodo prints it.

        >>> from kyodo import from_data, GradingScheme
        >>> try:
        ...     from_data({"name": "legend", "grades": [{"label": 1, "bands": ["その他"]}]}, GradingScheme)
        ... except ValidationError as error:
        ...     (problem,) = error.to_data()["problems"]
        >>> problem["path"], problem["path_text"], problem["code"]
        (['grades', 0, 'label'], 'grades[0].label', 'not_text')
        >>> problem["message"]["en"]
        'expected text, not int 1 (quote it)'
        """
        prefix = f"{self.file}: " if self.file is not None else None
        problems = []
        for path, message in self._coded:
            keys = path
            if prefix is not None:
                keys = "" if path == self.file else path.removeprefix(prefix)
            problems.append(_problem_data(path, message, message.code, path_keys(keys)))
        data: dict[str, object] = {"schema": ERROR_SCHEMA, "error": type(self).__name__}
        if self.file is not None:
            data["file"] = self.file
        data["problems"] = problems
        return data

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_validation_error, (self._coded, self.file))


def _rebuild_validation_error(problems: tuple[tuple[str, Message], ...], file: str | None) -> ValidationError:
    return ValidationError(*problems, file=file)


def _problem_data(
    path: str, message: tuple[str, str], code: str, keys: list[str | int] | None = None
) -> dict[str, object]:
    return {
        "path": path_keys(path) if keys is None else keys,
        "path_text": path,
        "code": code,
        "message": {"en": message[0], "ja": message[1]},
    }


#: One step of a printed path: .name, [index] or ['quoted key'].
_STEP: Final = re.compile(r"""\.?([^.\[\]]+)|\[(-?\d+)\]|\[('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]""")


def path_keys(path: str) -> list[str | int]:
    """A path as kyodo prints it, as the keys (text) and list indexes (numbers) it steps through.

    A key is printed bare after a dot, or quoted in brackets when it holds a
    dot or a bracket itself; text that is no such path is one key.

    >>> path_keys("sections[0].measures[2].targets.平成27年度")
    ['sections', 0, 'measures', 2, 'targets', '平成27年度']
    >>> path_keys("targets['2015.5']"), path_keys("")
    (['targets', '2015.5'], [])
    """
    keys: list[str | int] = []
    position = 0
    while position < len(path):
        match = _STEP.match(path, position)
        if match is None or (match[1] is not None and position > 0 and path[position] != "."):
            return [path]
        name, index, quoted = match.groups()
        if name is not None:
            keys.append(name)
        elif index is not None:
            keys.append(int(index))
        else:
            keys.append(ast.literal_eval(quoted))
        position = match.end()
    return keys


def path_step(key: str) -> str:
    """``key`` as a path prints it after its table: bare, or quoted in brackets when it holds a dot or a bracket.

    >>> "targets" + path_step("H27"), "targets" + path_step("2015.5")
    ('targets.H27', "targets['2015.5']")
    """
    if key and "." not in key and "[" not in key and "]" not in key:
        return f".{key}"
    return f"[{key!r}]"


def join_path(key: str, path: str) -> str:
    """``path``, found inside the part at ``key``, as a path from the whole: ``key.path``, or ``key[0]…``.

    >>> join_path("plan", "municipality"), join_path("applications", "[0].cost"), join_path("fy", "")
    ('plan.municipality', 'applications[0].cost', 'fy')
    """
    if not path:
        return key
    return f"{key}{path}" if path.startswith("[") else f"{key}.{path}"


class OutOfRangeError(KyodoError, ValueError):
    """A valid value outside what an operation supports.

    For example a date before 1873-01-01, when Japan adopted the Gregorian
    calendar, has no era date kyodo can compute exactly.
    """

    code = "out_of_range"


#: The most names a NotFoundError's message lists; ``known`` holds them all.
_LISTED_NAMES: Final = 10


class NotFoundError(KyodoError, KeyError):
    """A lookup by name or code that finds nothing: ``plan.find("Ⅸ-9")``, ``measure.indicator("件数")``.

    A ``KeyError``, as a lookup that misses is in Python, so ``except KeyError``
    keeps working; a :class:`KyodoError`, so ``except kyodo.KyodoError`` catches
    it with the rest. The message quotes what was asked for, says where it was
    looked for, and lists what is there (the closest first, at most ten).
    As data its code is ``unknown_label``.

    Attributes:
        key: what was asked for, as given (also ``args[0]``, as a KeyError's key).
        where: where it was looked for ("measure 1-1"), in English; ``where_ja`` in Japanese.
        known: every name or code that is there, in order.

    >>> error = NotFoundError("件", ("an indicator", "指標"), ("measure '1'", "事業 '1'"), ["件数", "参加者数"])
    >>> print(error)
    no indicator '件' in measure '1'; it has '件数', '参加者数'
    >>> error.message("ja"), isinstance(error, KeyError), error.key
    ("事業 '1' に指標 '件' はない。あるのは '件数'、'参加者数'", True, '件')
    """

    code = "unknown_label"

    key: object
    what: str
    what_ja: str
    where: str
    where_ja: str
    known: tuple[str, ...]

    def __init__(self, key: object, what: Message, where: Message, known: Iterable[str] = ()) -> None:
        self.key = key
        self.what, self.what_ja = message_pair(what)
        self.where, self.where_ja = message_pair(where)
        self.known = tuple(known)
        super().__init__(key)

    def __str__(self) -> str:
        return self.message("en")

    def message(self, locale: str = "en") -> str:
        """The message in ``locale``: "en" (as ``str(error)``) or "ja"."""
        quoted = _quoted(self.key)
        listed = _closest(str(self.key), self.known)
        more = len(self.known) - len(listed)
        if locale == "ja":
            what = self.what_ja
            message = f"{self.where_ja} に{what} {quoted} はない"
            if listed:
                message += "。あるのは " + "、".join(_quoted(name) for name in listed)
                message += f" ほか{more}件" if more else ""
            else:
                message += f"（{what}が一つもない）"
            return message
        article, _space, noun = self.what.partition(" ")
        message = f"no {noun or article} {quoted} in {self.where}"
        if listed:
            message += "; it has " + ", ".join(_quoted(name) for name in listed)
            message += f" and {more} more" if more else ""
        else:
            message += f"; it has no {noun or article}s"
        return message

    def __reduce__(self) -> tuple[object, ...]:
        return (NotFoundError, (self.key, (self.what, self.what_ja), (self.where, self.where_ja), self.known))


def _closest(key: str, known: tuple[str, ...]) -> list[str]:
    """At most ten of ``known`` to list: all of a few; else those that end in ``key`` (a measure's number asked
    for its path code: 事業4 for 8-2-1-事業4) and those closest to it first, then the rest in order."""
    if len(known) <= _LISTED_NAMES:
        return list(known)
    ending = [name for name in known if name.endswith(key)] if key else []
    close = ending[: _LISTED_NAMES // 2]
    close += [
        name for name in difflib.get_close_matches(key, known, n=_LISTED_NAMES // 2, cutoff=0.5) if name not in close
    ]
    return close + [name for name in known if name not in close][: _LISTED_NAMES - len(close)]
