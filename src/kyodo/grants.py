"""Grants (交付金) that a body may carry over (繰越) or partly reserve (積立) across fiscal years.

Seed 001's 事業5 (Ichinoseki's flexible grant for a body's own projects)
prints that unused money may be carried over to the next fiscal year or
partly reserved (予算の次年度繰越や一部予算の積立も可能な仕組み), but not the
limits; :class:`GrantTerms` holds them as data. Closing a fiscal year splits
what was not spent, in this order: into the reserve (as much as asked,
within the reserve's limits), then carried over to the next year (within the
carry-over limit), and the rest is returned (返還). Nothing is created or
lost: granted + carried in + drawn from the reserve = spent + reserved +
carried over + returned, every year.

>>> from kyodo import FiscalYear
>>> terms = GrantTerms(carry_over_share="20%", reserve_cap_per_fy=100_000, reserve_cap=300_000)
>>> account = GrantAccount(terms).close(FiscalYear(2015), granted=1_000_000, spent=700_000, reserve=150_000)
>>> year = account.years[-1]
>>> year.reserved, year.carried_over, year.returned
(100000, 200000, 0)
>>> year = account.close(FiscalYear(2016), granted=1_000_000, spent=1_250_000, draw=50_000).years[-1]
>>> year.carried_in, year.drawn, year.returned, year.reserve_balance
(200000, 50000, 0, 50000)
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from attrs import evolve, field, frozen

from kyodo.errors import Coded, Message, ValidationError
from kyodo.fiscal import FiscalYear
from kyodo.money import parse_rate

__all__ = ["GrantAccount", "GrantTerms", "GrantYear"]


def _share(value: Fraction | Decimal | int | str | None) -> Fraction | None:
    if value is None:
        return None
    # parse_rate refuses a negative share, NaN and figures past the limits, a Fraction included.
    share = parse_rate(value)
    if share > 1:
        raise ValidationError(
            (
                "carry_over_share",
                (
                    f"cannot carry over more than the whole grant ({share})",
                    f"交付額の全額より多くは繰り越せない（{share}）",
                ),
                "out_of_range",
            )
        )
    return share


def _not_yen(value: object) -> Message:
    return Coded(
        f"must be whole yen (an int of 0 or more), not {value!r}",
        f"円単位の 0 以上の整数が必要（{value!r}）",
        "out_of_range" if type(value) is int else "not_a_number",
    )


def _yen(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if value is not None and (type(value) is not int or value < 0):
            raise ValidationError((name, _not_yen(value)))

    return check


@frozen
class GrantTerms:
    """The limits on what a body may keep of a grant it did not spend.

    ``carry_over_share`` (of the year's grant) and ``carry_over_cap`` (yen)
    bound what goes to the next fiscal year; ``reserve_cap_per_fy`` and
    ``reserve_cap`` (the balance) bound the reserve. ``None`` means no limit
    of that kind; a share of 0 allows no carry-over at all.
    """

    carry_over_share: Fraction | None = field(default=None, converter=_share)
    carry_over_cap: int | None = field(default=None, validator=_yen("carry_over_cap"))
    reserve_cap_per_fy: int | None = field(default=0, validator=_yen("reserve_cap_per_fy"))
    reserve_cap: int | None = field(default=None, validator=_yen("reserve_cap"))


@frozen
class GrantYear:
    """One closed fiscal year of a grant account, in whole yen."""

    fy: FiscalYear
    granted: int
    carried_in: int
    drawn: int
    spent: int
    reserved: int
    carried_over: int
    returned: int
    reserve_balance: int


def _amount(name: str, value: object) -> int:
    if type(value) is not int or value < 0:
        raise ValidationError((name, _not_yen(value)))
    return value


def _years(values: Iterable[GrantYear]) -> tuple[GrantYear, ...]:
    return tuple(values)


@frozen
class GrantAccount:
    """A body's grant across fiscal years: each :meth:`close` adds a :class:`GrantYear`."""

    terms: GrantTerms
    years: tuple[GrantYear, ...] = field(default=(), converter=_years)

    @property
    def reserve_balance(self) -> int:
        """The yen in the reserve now."""
        return self.years[-1].reserve_balance if self.years else 0

    @property
    def carried(self) -> int:
        """The yen carried into the next fiscal year."""
        return self.years[-1].carried_over if self.years else 0

    def close(self, fy: FiscalYear, *, granted: int, spent: int, reserve: int = 0, draw: int = 0) -> GrantAccount:
        """Close ``fy``: ``granted`` this year, ``spent`` in it, ``reserve`` asked to be put aside, ``draw`` taken from the reserve."""
        for name, value in (("granted", granted), ("spent", spent), ("reserve", reserve), ("draw", draw)):
            _amount(name, value)
        if self.years and fy != self.years[-1].fy + 1:
            last = self.years[-1].fy
            raise ValidationError(
                (
                    "fy",
                    (
                        f"{fy} does not follow {last}; close years in order",
                        f"{fy} は {last} の次の年度ではない。年度は順に締める",
                    ),
                )
            )
        if draw > self.reserve_balance:
            balance = self.reserve_balance
            raise ValidationError(
                (
                    "draw",
                    (
                        f"{draw:,} yen is more than the reserve's {balance:,} yen",
                        f"{draw:,}円は積立金の残高 {balance:,}円より多い",
                    ),
                )
            )
        available = granted + self.carried + draw
        if spent > available:
            raise ValidationError(
                (
                    "spent",
                    (
                        f"{spent:,} yen is more than the {available:,} yen available this year",
                        f"{spent:,}円はこの年度に使える {available:,}円より多い",
                    ),
                )
            )
        unspent = available - spent
        terms = self.terms
        room = self.reserve_balance - draw
        reserve_limits = [reserve, unspent]
        if terms.reserve_cap_per_fy is not None:
            reserve_limits.append(terms.reserve_cap_per_fy)
        if terms.reserve_cap is not None:
            reserve_limits.append(max(terms.reserve_cap - room, 0))
        reserved = min(reserve_limits)
        carry_limits = [unspent - reserved]
        if terms.carry_over_share is not None:
            carry_limits.append(int(terms.carry_over_share * granted))
        if terms.carry_over_cap is not None:
            carry_limits.append(terms.carry_over_cap)
        carried_over = min(carry_limits)
        returned = unspent - reserved - carried_over
        year = GrantYear(fy, granted, self.carried, draw, spent, reserved, carried_over, returned, room + reserved)
        return evolve(self, years=(*self.years, year))
