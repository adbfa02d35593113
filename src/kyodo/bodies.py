"""Community bodies (地域協働体, 地域づくり協議会, コミ協) and the dated steps of their founding.

Subsidy rules ask where a body stands: a preparatory committee formed by
FY2015, a community plan not yet adopted. A body records those steps as
milestones, dated as precisely as the document dates them.

>>> from kyodo import YearMonth
>>> body = Body("萩荘地域協働体", district="萩荘", milestones=[
...     Milestone("preparatory_committee", YearMonth(2014, 6)),
...     Milestone("founding_meeting", YearMonth(2015, 4)),
... ])
>>> body.reached("preparatory_committee", by=FiscalYear(2015)), body.reached("community_plan", by=FiscalYear(2018))
(True, False)
>>> body.milestone("founding_meeting").kind.label
'設立総会'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from attrs import field, frozen

from kyodo._checks import A_FISCAL_YEAR, items_of, not_a, text_field
from kyodo._labels import LabelledEnum
from kyodo.errors import ValidationError
from kyodo.fiscal import FiscalYear
from kyodo.wareki import YearMonth

__all__ = ["Body", "Milestone", "MilestoneKind"]


class MilestoneKind(LabelledEnum):
    """The steps a community body takes on the way to running itself."""

    STUDY_SESSION = "study_session", "勉強会", "study sessions"
    PREPARATORY_COMMITTEE = "preparatory_committee", "設立準備会", "preparatory committee formed"
    FOUNDING_MEETING = "founding_meeting", "設立総会", "founding general meeting"
    COMMUNITY_PLAN = "community_plan", "地域づくり計画策定", "community plan adopted"
    OTHER = "other", "その他", "other"


#: How precisely a milestone is dated: a day, a month, or only a fiscal year.
When = date | YearMonth | FiscalYear


def _check_when(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, date | YearMonth | FiscalYear):
        raise ValidationError(
            (
                "on",
                (
                    f"expected a date, YearMonth or FiscalYear, not {type(value).__name__} {value!r}",
                    f"date、YearMonth、FiscalYear のいずれかが必要（{type(value).__name__} {value!r} が渡された）",
                ),
            )
        )


def _milestone_kind(value: MilestoneKind | str) -> MilestoneKind:
    return MilestoneKind.read(value, "kind")


@frozen
class Milestone:
    """A step a body took, and when: a day, a month or a fiscal year."""

    kind: MilestoneKind = field(converter=_milestone_kind)
    on: date | YearMonth | FiscalYear = field(validator=_check_when)
    note: str | None = None

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year the milestone fell in."""
        return self.on if isinstance(self.on, FiscalYear) else FiscalYear.of(self.on)


_MILESTONE_ITEMS = items_of(Milestone, "milestones", ("a Milestone (Milestone(kind, on), say)", "Milestone"))


def _milestones(values: Iterable[Milestone]) -> tuple[Milestone, ...]:
    return _MILESTONE_ITEMS(values)


@frozen
class Body:
    """A community body that receives support: its name, district and milestones.

    >>> Body(3)
    Traceback (most recent call last):
    kyodo.errors.ValidationError: name: expected a body's name (text), not int 3
    """

    name: str = field(validator=text_field("name", ("a body's name (text)", "団体の名前（文字列）")))
    district: str | None = field(
        default=None,
        validator=text_field(
            "district", ("a district's name (text) or None", "地区の名前（文字列）か None"), optional=True
        ),
    )
    milestones: tuple[Milestone, ...] = field(default=(), converter=_milestones)

    def __attrs_post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationError(("name", ("a body needs a name", "団体には名前が必要")))
        kinds = [m.kind for m in self.milestones if m.kind is not MilestoneKind.OTHER]
        for kind in set(kinds):
            if kinds.count(kind) > 1:
                raise ValidationError(
                    (
                        "milestones",
                        (
                            f"{kind.label} ({kind.value}) is recorded twice",
                            f"{kind.label}（{kind.value}）が二度記録されている",
                        ),
                        "duplicate",
                    )
                )

    def milestone(self, kind: MilestoneKind | str) -> Milestone | None:
        """The milestone of ``kind``, or ``None`` if the body has not reached it."""
        wanted = MilestoneKind.read(kind, "kind")
        for milestone in self.milestones:
            if milestone.kind is wanted:
                return milestone
        return None

    def reached(self, kind: MilestoneKind | str, *, by: FiscalYear) -> bool:
        """True if the body reached ``kind`` in or before fiscal year ``by``.

        >>> Body("萩荘地域協働体").reached("community_plan", by=2018)
        Traceback (most recent call last):
        kyodo.errors.ValidationError: by: expected a FiscalYear (FiscalYear(2016) or FiscalYear.parse('H28'), say), not int 2018
        """
        if not isinstance(by, FiscalYear):
            # An int year answered False for a body with no such milestone, and a TypeError for one with it.
            raise ValidationError(("by", not_a(*A_FISCAL_YEAR, by)))
        milestone = self.milestone(kind)
        return milestone is not None and milestone.fiscal_year <= by
