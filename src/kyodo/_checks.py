"""Checks shared by kyodo's constructors: they raise ValidationError, never a bare ValueError."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any, TypeAlias, TypeVar

from kyodo.errors import ValidationError

E = TypeVar("E", bound=enum.Enum)

#: The shape of an attrs validator.
Validator: TypeAlias = Callable[[Any, Any, Any], None]


def check_int(name: str, value: object, low: int, high: int) -> None:
    """Refuse ``value`` unless it is an int (not a bool) from ``low`` to ``high``."""
    if type(value) is not int or not low <= value <= high:
        raise ValidationError(
            (
                "",
                (
                    f"{name} must be an int from {low} to {high}, not {value!r}",
                    f"{name}: {low}～{high} の整数が必要（{value!r}）",
                ),
                "out_of_range" if type(value) is int else "not_a_number",
            )
        )


def coerce_enum(kind: type[E], value: object, name: str) -> E:
    """``value`` as a member of ``kind``, accepting the member's value; a clear error otherwise."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(repr(member.value) for member in kind)
        raise ValidationError(
            (
                name,
                (
                    f"{value!r} is not a {kind.__name__}; expected one of {choices}",
                    f"{value!r} は使えない。{choices.replace(', ', '、')} のいずれか",
                ),
                "unknown_label",
            )
        ) from None


def tuple_of(values: Iterable[Any]) -> tuple[Any, ...]:
    """An attrs converter: any iterable becomes a tuple, so a frozen object holds nothing mutable."""
    return tuple(values)


def one_per_year(name: str) -> Validator:
    """An attrs validator: no two entries of a tuple (anything with ``.fy``) share a fiscal year."""

    def check(_instance: object, _attribute: object, entries: tuple[Any, ...]) -> None:
        seen: set[object] = set()
        for entry in entries:
            if entry.fy in seen:
                raise ValidationError((name, (f"{entry.fy} appears twice", f"{entry.fy} が二度ある"), "duplicate"))
            seen.add(entry.fy)

    return check


def instance_of(kind: type, name: str) -> Validator:
    """An attrs validator that refuses anything but an instance of ``kind``, naming the field."""

    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, kind):
            raise ValidationError(
                (
                    name,
                    (
                        f"expected a {kind.__name__}, not {type(value).__name__} {value!r}",
                        f"{kind.__name__} が必要（{type(value).__name__} {value!r} が渡された）",
                    ),
                )
            )

    return check
