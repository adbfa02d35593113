"""The explanation every computed figure carries: data for programs, sentences for people.

An :class:`Explanation` names the rule that decided a figure, the facts it
used (as exact values), a sentence in Japanese and one in English, and, for
figures built from others, the explanations of its parts.

>>> from fractions import Fraction
>>> why = Explanation(
...     "grade.band",
...     {"grade": "C", "rate": Fraction(24, 25)},
...     ja="C: 達成率 96.0% は B の下限 100.0% に届かない",
...     en="C: achievement 96.0% is below 100.0%, the lower bound of B",
... )
>>> why.text(), why.text("en")
('C: 達成率 96.0% は B の下限 100.0% に届かない', 'C: achievement 96.0% is below 100.0%, the lower bound of B')
>>> why.to_data()["facts"]
{'grade': 'C', 'rate': '24/25'}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from attrs import field, frozen

from kyodo.errors import ValidationError
from kyodo.results import ExplanationData, JSONValue

__all__ = ["Explanation", "Locale"]

#: The languages kyodo writes explanations in.
Locale = Literal["ja", "en"]


def _facts(value: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    return tuple(value.items())


def _parts(values: Iterable[Explanation]) -> tuple[Explanation, ...]:
    return tuple(values)


@frozen
class Explanation:
    """Why a figure is what it is.

    Attributes:
        rule: a stable identifier of the rule that decided (``"grade.band"``,
            ``"criterion.all_of"``); programs branch on it.
        facts: the named values the rule used, exact (Fractions, Decimals,
            ints), in the order the sentence mentions them.
        ja: the sentence in Japanese.
        en: the sentence in English.
        parts: the explanations of the figures this one was built from.
    """

    rule: str
    facts: tuple[tuple[str, object], ...] = field(converter=_facts)
    ja: str
    en: str
    parts: tuple[Explanation, ...] = field(default=(), converter=_parts)

    def __attrs_post_init__(self) -> None:
        if not self.ja or not self.en:
            raise ValidationError(
                (
                    "",
                    (
                        f"the explanation {self.rule!r} needs a Japanese and an English sentence",
                        f"説明 {self.rule!r} には日本語と英語の文が必要",
                    ),
                )
            )

    def fact(self, name: str) -> object:
        """The value of the fact called ``name``."""
        for key, value in self.facts:
            if key == name:
                return value
        raise KeyError(name)

    def text(self, locale: Locale = "ja") -> str:
        """The sentence in ``locale`` ("ja" or "en")."""
        if locale == "ja":
            return self.ja
        if locale == "en":
            return self.en
        raise ValidationError(
            (
                "locale",
                (
                    f"{locale!r} is not a locale; expected 'ja' or 'en'",
                    f"{locale!r} は使えない。'ja' か 'en' のいずれか",
                ),
                "unknown_label",
            )
        )

    def lines(self, locale: Locale = "ja", indent: str = "  ") -> Iterator[str]:
        """The sentence and its parts' sentences, indented as a tree."""
        yield self.text(locale)
        for part in self.parts:
            for line in part.lines(locale, indent):
                yield indent + line

    def to_data(self) -> ExplanationData:
        """The explanation as plain data (JSON-ready): exact numbers become text such as "24/25".

        Its shape is :class:`kyodo.results.ExplanationData`; every result's ``to_data`` holds it as ``explanation``.
        """
        return {
            "rule": self.rule,
            "facts": {key: _plain(value) for key, value in self.facts},
            "ja": self.ja,
            "en": self.en,
            "parts": [part.to_data() for part in self.parts],
        }

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        from kyodo import _html

        return _html.explanation(self)


def _plain(value: object) -> JSONValue:
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Fraction | Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return str(value)
