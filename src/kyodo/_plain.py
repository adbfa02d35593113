"""Plain data as a reader gives it (dicts, lists, text, numbers), checked against kyodo's limits in one pass.

Every format's reader hands its data to :func:`check_plain`, and so does
:func:`kyodo.from_data`, before anything is structured: a value past a limit
is refused here, once, with the path to it, so no later step converts a
100-million-digit number to a Fraction or writes text no file can hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from kyodo._limits import MAX_DEPTH, MAX_DIGITS, MAX_EXPONENT, MAX_NODES, number_problem, text_problem
from kyodo.errors import Coded, Message, ParseError, ValidationError, code_of

#: Enough problems to fix a file by; past this many, the rest are counted, not listed.
_MAX_LISTED: Final = 100

TOO_DEEP: Final = Coded(
    f"tables and lists are nested more than {MAX_DEPTH} deep",
    f"表とリストの入れ子が{MAX_DEPTH}段を超える",
    "too_deep",
)
TOO_MANY: Final = Coded(
    f"the file holds more than {MAX_NODES:,} values",
    f"ファイルの値が{MAX_NODES:,}個を超える",
    "too_large",
)


def read_decimal(text: str) -> Decimal:
    """A number token of a file as an exact Decimal; one past even Decimal's exponents is a ParseError.

    ``Decimal("1e1000000000000000000")`` raises ``decimal.InvalidOperation``:
    the readers of every format pass their number tokens through here.

    >>> read_decimal("58.8"), read_decimal("1E+3")
    (Decimal('58.8'), Decimal('1E+3'))
    """
    try:
        return Decimal(text)
    except ArithmeticError:
        raise ParseError(
            text if len(text) <= 40 else text[:40] + "…",
            ("a number", "数"),
            Coded(
                f"it is far too large or too small: kyodo reads numbers from 1E-{MAX_EXPONENT} to 1E+{MAX_EXPONENT} in size",
                f"大きすぎるか小さすぎる。読める数の大きさは 1E-{MAX_EXPONENT} から 1E+{MAX_EXPONENT} まで",
                "too_large",
            ),
        ) from None


def check_plain(data: object, source: str = "", what: Message = ("a kyodo file", "kyodo のファイル")) -> None:
    """Refuse plain data past the limits: a ParseError for its shape, a ValidationError listing every bad value.

    ``source`` is the start of the text the data was read from, quoted in a ParseError.

    >>> check_plain({"title": "協働推進計画", "targets": {"H27": Decimal("58.8")}})
    >>> check_plain({"targets": {"H27": Decimal("1e100000000")}})
    Traceback (most recent call last):
    ...
    kyodo.errors.ValidationError: targets.H27: 1E+100000000 is too large: kyodo reads numbers from 1E-30 to 1E+30 in size
    """
    # Most data is within every limit: a pass that keeps no paths says so, and only data it doubts is walked
    # again, path by path, to name each problem.
    if 0 <= _values_within_limits(data, 0, set()) <= MAX_NODES:
        return
    problems: list[tuple[str, Message]] = []
    nodes = 0
    # An explicit stack, so that a file nested deeper than Python's recursion limit is refused, not crashed on.
    stack: list[tuple[object, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise ParseError(source or _shape(data), what, TOO_MANY)
        kind = type(value)
        if kind is str:
            assert isinstance(value, str)
            if not value.isascii():
                problem = text_problem(value)
                if problem is not None:
                    problems.append((path, problem))
        elif kind is dict or isinstance(value, Mapping):
            assert isinstance(value, Mapping)
            if depth >= MAX_DEPTH:
                raise ParseError(source or _shape(data), what, TOO_DEEP)
            children = []
            for key, item in value.items():
                label = str(key)
                if isinstance(key, str) and not key.isascii():
                    problem = text_problem(key)
                    if problem is not None:
                        problems.append((path, _in_key(problem)))
                        label = key.encode("utf-8", "backslashreplace").decode("utf-8")
                if label and "." not in label and "[" not in label and "]" not in label:
                    children.append((item, f"{path}.{label}" if path else label, depth + 1))
                else:  # a key that would read as several: quoted, as path_step prints it
                    children.append((item, f"{path}[{label!r}]", depth + 1))
            stack.extend(reversed(children))
        elif kind is list or kind is tuple:
            assert isinstance(value, list | tuple)
            if depth >= MAX_DEPTH:
                raise ParseError(source or _shape(data), what, TOO_DEEP)
            stack.extend((item, f"{path}[{index}]", depth + 1) for index, item in reversed(list(enumerate(value))))
        elif kind is Decimal or kind is Fraction or (kind is int and not -(10**9) < value < 10**9):  # type: ignore[operator]
            assert isinstance(value, Decimal | Fraction | int)
            problem = number_problem(value)
            if problem is not None:
                problems.append((path, problem))
    if problems:
        listed = problems[:_MAX_LISTED]
        if len(problems) > _MAX_LISTED:
            rest = len(problems) - _MAX_LISTED
            more = Coded(
                f"and {rest} more problems like these", f"ほかに同様の問題が{rest}件", code_of(problems[_MAX_LISTED][1])
            )
            listed.append(("", more))
        raise ValidationError(*listed)


def _values_within_limits(value: Any, depth: int, fine_keys: set[object]) -> int:
    """How many values ``value`` holds, or -1 when one of them may be past a limit or is of a kind to look at closer.

    What this passes, :func:`check_plain` would pass; it keeps no paths, so costs little. ``fine_keys`` holds
    the keys of tables already checked (a reader gives the same key object again and again).
    """
    kind = type(value)
    items: Iterable[Any]
    if kind is dict:
        items = value.values()
        for key in value:
            if key not in fine_keys:
                if isinstance(key, str) and not key.isascii() and text_problem(key) is not None:
                    return -1
                fine_keys.add(key)
    elif kind is list or kind is tuple:
        items = value
    elif kind is str:
        return 1 if value.isascii() or text_problem(value) is None else -1
    elif kind is Decimal or kind is Fraction or kind is int:
        return 1 if number_problem(value) is None else -1
    elif isinstance(value, Mapping | list | tuple | str):
        return -1  # a mapping, sequence or text of another class: walked with paths, as check_plain walks it
    else:
        return 1
    if depth >= MAX_DEPTH:
        return -1
    count = 1
    for item in items:
        kind = type(item)
        if kind is str:
            if not item.isascii() and text_problem(item) is not None:
                return -1
            count += 1
        elif kind is int:
            if not -(10**9) < item < 10**9 and number_problem(item) is not None:
                return -1
            count += 1
        elif kind is Decimal:
            # number_problem's own first look, inline: a short text of digits is within every limit.
            text = str(item)
            short = len(text) <= MAX_DIGITS and text[-1].isdigit() and "E" not in text
            if not short and number_problem(item) is not None:
                return -1
            count += 1
        elif item is None or kind is bool:
            count += 1
        else:
            inner = _values_within_limits(item, depth + 1, fine_keys)
            if inner < 0:
                return -1
            count += inner
    return count


def _in_key(problem: Coded) -> Coded:
    english, japanese = problem
    return Coded(f"a key: {english}", f"キー: {japanese}", problem.code)


def _shape(data: object) -> str:
    """A short description of the data for an error that concerns its whole shape."""
    return f"<{type(data).__name__}>"
