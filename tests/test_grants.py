"""Grants with carry-over (繰越) and a reserve (積立): nothing is created or lost, and every limit holds."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo import FiscalYear, GrantAccount, GrantTerms, ParseError, ValidationError

yen = st.integers(0, 2_000_000)
terms_strategy = st.builds(
    GrantTerms,
    carry_over_share=st.none() | st.fractions(min_value=0, max_value=1, max_denominator=20),
    carry_over_cap=st.none() | yen,
    reserve_cap_per_fy=st.none() | yen,
    reserve_cap=st.none() | yen,
)


@given(
    terms_strategy,
    st.lists(
        st.tuples(yen, st.fractions(0, 1, max_denominator=10), yen, st.fractions(0, 1, max_denominator=10)),
        min_size=1,
        max_size=6,
    ),
)
def test_every_yen_is_accounted_for_within_the_limits(
    terms: GrantTerms, years: list[tuple[int, Fraction, int, Fraction]]
) -> None:
    account = GrantAccount(terms)
    for offset, (granted, spend_share, reserve, draw_share) in enumerate(years):
        draw = int(account.reserve_balance * draw_share)
        available = granted + account.carried + draw
        spent = int(available * spend_share)
        account = account.close(FiscalYear(2015 + offset), granted=granted, spent=spent, reserve=reserve, draw=draw)
        year = account.years[-1]
        assert (
            year.granted + year.carried_in + year.drawn
            == year.spent + year.reserved + year.carried_over + year.returned
        )
        assert min(year.reserved, year.carried_over, year.returned, year.reserve_balance) >= 0
        assert year.reserved <= reserve
        if terms.reserve_cap_per_fy is not None:
            assert year.reserved <= terms.reserve_cap_per_fy
        if terms.reserve_cap is not None and year.reserved:
            assert year.reserve_balance <= terms.reserve_cap
        if terms.carry_over_share is not None:
            assert year.carried_over <= terms.carry_over_share * year.granted
        if terms.carry_over_cap is not None:
            assert year.carried_over <= terms.carry_over_cap


def test_no_carry_over_returns_what_is_not_reserved() -> None:
    account = GrantAccount(GrantTerms(carry_over_share="0%", reserve_cap_per_fy=50_000))
    year = account.close(FiscalYear(2015), granted=500_000, spent=300_000, reserve=80_000).years[-1]
    assert (year.reserved, year.carried_over, year.returned) == (50_000, 0, 150_000)


def test_years_close_in_order_and_spending_is_bounded() -> None:
    account = GrantAccount(GrantTerms()).close(FiscalYear(2015), granted=100_000, spent=100_000)
    with pytest.raises(ValidationError, match="close years in order"):
        account.close(FiscalYear(2017), granted=100_000, spent=0)
    with pytest.raises(ValidationError, match="more than the 100,000 yen available"):
        account.close(FiscalYear(2016), granted=100_000, spent=100_001)
    with pytest.raises(ValidationError, match="more than the reserve"):
        account.close(FiscalYear(2016), granted=100_000, spent=0, draw=1)
    with pytest.raises(ValidationError):
        GrantTerms(carry_over_share="120%")


@pytest.mark.parametrize("share", [Fraction(-1, 2), Fraction(10**40, 3), "-1/2"])
def test_a_share_to_carry_over_is_from_0_to_1(share: object) -> None:
    # A negative share of a grant means nothing; GrantTerms took Fraction(-1, 2) as it was.
    with pytest.raises((ParseError, ValidationError)):
        GrantTerms(carry_over_share=share)
