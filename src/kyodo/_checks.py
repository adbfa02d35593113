"""Checks shared by kyodo's constructors: they raise ValidationError, never a bare ValueError."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeVar

import attrs

from kyodo._limits import quotable
from kyodo.errors import INVALID, Coded, ValidationError

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
    """An attrs converter: any iterable becomes a tuple, so a frozen object holds nothing mutable.

    Type checkers see a field converted by it take ``Iterable[Any]``; a public
    field takes a converter typed with its items (:func:`texts_of`, or one of
    the module's own), so that callers' type checks see what it accepts.
    """
    return tuple(values)


def _texts_of(values: Iterable[str], field: attrs.Attribute[tuple[str, ...]]) -> tuple[str, ...]:
    name = field.alias or field.name
    if isinstance(values, str):
        # A text is an iterable of texts too: taken as it is, 市民協働課 would become five departments of a character.
        raise ValidationError(
            (
                name,
                (
                    f"expected a list of texts, not one text {values!r}: write [{values!r}]",
                    f"文字列のリストが必要（文字列 {values!r} ひとつではない）: [{values!r}] と書く",
                ),
                "not_a_list",
            )
        )
    texts = tuple(values)
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            _check_text(f"{name}[{index}]", text)
    return texts


if TYPE_CHECKING:
    # mypy's attrs plugin reads a converter's type from a function, not from an attrs.Converter; the run time
    # uses the one below, which is given the field, so a refusal can name it.

    def texts_of(values: Iterable[str]) -> tuple[str, ...]:
        """An attrs converter: texts as a tuple, each item a text (``departments[0]`` names one that is not)."""
        ...

else:
    texts_of = attrs.Converter(_texts_of, takes_field=True)


def one_per_year(name: str) -> Validator:
    """An attrs validator: no two entries of a tuple (anything with ``.fy``) share a fiscal year."""

    def check(_instance: object, _attribute: object, entries: tuple[Any, ...]) -> None:
        seen: set[object] = set()
        for entry in entries:
            if entry.fy in seen:
                raise ValidationError((name, (f"{entry.fy} appears twice", f"{entry.fy} が二度ある"), "duplicate"))
            seen.add(entry.fy)

    return check


def instance_of(
    kind: type | tuple[type, ...], name: str, what: tuple[str, str] | None = None, *, optional: bool = False
) -> Validator:
    """An attrs validator that refuses anything but an instance of ``kind`` (None too, if ``optional``),
    naming the field; ``what`` says in English and Japanese what is expected where the class name does not."""
    check = _instance_check(kind, what)

    def validate(_instance: object, _attribute: object, value: object) -> None:
        if not (optional and value is None):
            check(name, value)

    return validate


def items_of(
    kind: type | tuple[type, ...], name: str, what: tuple[str, str] | None = None
) -> Callable[[Iterable[Any]], tuple[Any, ...]]:
    """An attrs converter: any iterable becomes a tuple, and each item must be an instance of ``kind``."""
    check = _instance_check(kind, what)

    def convert(values: Iterable[Any]) -> tuple[Any, ...]:
        items = tuple(values)
        for index, item in enumerate(items):
            check(f"{name}[{index}]", item)
        return items

    return convert


def _instance_check(kind: type | tuple[type, ...], what: tuple[str, str] | None) -> Callable[[str, object], None]:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = " or ".join(k.__name__ for k in kinds)
    article = "an" if names[:1] in "AEIOU" else "a"
    what_en, what_ja = what if what is not None else (f"{article} {names}", names)

    def check(name: str, value: object) -> None:
        if not isinstance(value, kinds):
            raise ValidationError((name, not_a(what_en, what_ja, value)))

    return check


def not_a(wanted: str, wanted_ja: str, value: object, code: str = INVALID) -> Coded:
    """The message for ``value`` given where ``wanted`` ("a FiscalYear") was expected, quoting it and its type."""
    kind = type(value).__name__
    quoted = repr(quotable(value))
    return Coded(f"expected {wanted}, not {kind} {quoted}", f"{wanted_ja} が必要（{kind} {quoted} が渡された）", code)


def text_field(name: str, what: tuple[str, str], *, optional: bool = False) -> Validator:
    """An attrs validator: the field is text (or None, if ``optional``), refused with ``not_text`` otherwise;
    ``what`` says in English and Japanese what is expected ("a body's name (text)")."""

    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, str) and not (optional and value is None):
            raise ValidationError((name, not_a(*what, value, "not_text")))

    return check


def boolean_field(name: str) -> Validator:
    """An attrs validator: the field is True or False (``"no"`` would count as true), else ``not_a_boolean``."""

    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, bool):
            raise ValidationError((name, not_a("True or False", "True か False", value, "not_a_boolean")))

    return check


#: What to pass where a FiscalYear belongs, as grading says it: an int year (2016) or a label ("H28") is a common mistake.
A_FISCAL_YEAR: Final = ("a FiscalYear (FiscalYear(2016) or FiscalYear.parse('H28'), say)", "FiscalYear")


_check_text = _instance_check(str, ("a text", "文字列"))
