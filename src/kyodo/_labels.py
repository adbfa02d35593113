"""The base of kyodo's enums whose members are also known by a Japanese and an English label."""

from __future__ import annotations

import enum
from typing import Self, TypeVar

from kyodo._limits import label_problem, quotable
from kyodo.errors import ValidationError

E = TypeVar("E", bound="LabelledEnum")


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry ``label`` (Japanese) and ``label_en`` (English).

    Members are declared as ``NAME = "value", "ラベル", "label"``. :meth:`read`
    accepts a member, its value, or either label, so files and users may
    write 継続 or continuing alike.
    """

    label: str
    label_en: str

    def __new__(cls, value: str, label: str, label_en: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.label_en = label_en
        return member

    @classmethod
    def other_words(cls) -> tuple[str, ...]:
        """Words besides the values and labels that :meth:`read` takes (none, unless a kind says)."""
        return ()

    @classmethod
    def read(cls: type[E], value: object, name: str = "") -> E:
        """The member named by ``value``: the member itself, its value, or its Japanese or English label."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            problem = label_problem(value)
            if problem is not None:
                raise ValidationError((name, problem))
            # The value is what files write; the enum's own map finds it at once.
            found = cls._value2member_map_.get(value)
            if found is not None:
                return found  # type: ignore[return-value]
            for member in cls:
                if value in (member.value, member.label, member.label_en):
                    return member
        choices = ", ".join(f"{member.label} ({member.value})" for member in cls)
        choices_ja = "、".join(member.label for member in cls)
        raise ValidationError(
            (
                name,
                (
                    f"{quotable(value)!r} is not a {cls.__name__}; expected one of {choices}",
                    f"{quotable(value)!r} は使えない。{choices_ja} のいずれか",
                ),
            )
        )
