"""Facts about grant accounts that the mutation run (make mutation) showed untested.

Each limit exactly at its bound (a draw of the whole reserve, spending all that is available, a
share of exactly 100%), the order the unspent money is split in, and what each refusal says.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from kyodo import FiscalYear, GrantAccount, GrantTerms, ValidationError, grants
from kyodo.grants import GrantYear

FY = FiscalYear(2015)


def refusal(make: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        make()  # type: ignore[operator]
    return caught.value


def test_a_new_account_has_nothing_in_reserve_or_carried() -> None:
    account = GrantAccount(GrantTerms())
    assert (account.reserve_balance, account.carried, account.years) == (0, 0, ())


def test_by_default_nothing_is_reserved_and_all_unspent_money_is_carried_over() -> None:
    year = GrantAccount(GrantTerms()).close(FY, granted=100_000, spent=30_000, reserve=50_000).years[-1]
    assert year == GrantYear(FY, 100_000, 0, 0, 30_000, 0, 70_000, 0, 0)


def test_the_reserve_cap_counts_the_balance_and_a_full_reserve_takes_nothing() -> None:
    account = GrantAccount(GrantTerms(reserve_cap_per_fy=None, reserve_cap=120_000))
    account = account.close(FY, granted=100_000, spent=0, reserve=100_000)
    assert account.years[-1] == GrantYear(FY, 100_000, 0, 0, 0, 100_000, 0, 0, 100_000)
    account = account.close(FY + 1, granted=100_000, spent=0, reserve=100_000)
    # 20,000 yen of room left under the 120,000 yen cap; the rest is carried over.
    assert account.years[-1] == GrantYear(FY + 1, 100_000, 0, 0, 0, 20_000, 80_000, 0, 120_000)
    account = account.close(FY + 2, granted=0, spent=0, reserve=50_000)
    assert account.years[-1] == GrantYear(FY + 2, 0, 80_000, 0, 0, 0, 80_000, 0, 120_000)
    assert (account.reserve_balance, account.carried) == (120_000, 80_000)


def test_a_draw_frees_room_in_the_reserve_in_the_same_year() -> None:
    account = GrantAccount(GrantTerms(reserve_cap_per_fy=None, reserve_cap=100_000))
    account = account.close(FY, granted=100_000, spent=0, reserve=100_000)
    # Drawing 40,000 leaves 60,000; 40,000 more may be reserved, and the balance is 100,000 again.
    year = account.close(FY + 1, granted=50_000, spent=10_000, reserve=90_000, draw=40_000).years[-1]
    assert year == GrantYear(FY + 1, 50_000, 0, 40_000, 10_000, 40_000, 40_000, 0, 100_000)


def test_the_whole_reserve_may_be_drawn_and_all_that_is_available_spent() -> None:
    account = GrantAccount(GrantTerms(reserve_cap_per_fy=None)).close(FY, granted=100_000, spent=0, reserve=60_000)
    assert (account.reserve_balance, account.carried) == (60_000, 40_000)
    year = account.close(FY + 1, granted=10_000, spent=110_000, draw=60_000).years[-1]
    assert year == GrantYear(FY + 1, 10_000, 40_000, 60_000, 110_000, 0, 0, 0, 0)


def test_one_yen_more_than_the_reserve_or_than_is_available_is_refused() -> None:
    account = GrantAccount(GrantTerms(reserve_cap_per_fy=None)).close(FY, granted=100_000, spent=0, reserve=60_000)
    error = refusal(lambda: account.close(FY + 1, granted=0, spent=0, draw=60_001))
    assert str(error) == "draw: 60,001 yen is more than the reserve's 60,000 yen"
    assert error.message("ja") == "draw: 60,001円は積立金の残高 60,000円より多い"
    error = refusal(lambda: account.close(FY + 1, granted=10_000, spent=50_001))
    assert str(error) == "spent: 50,001 yen is more than the 50,000 yen available this year"
    assert error.message("ja") == "spent: 50,001円はこの年度に使える 50,000円より多い"


def test_years_close_one_after_another() -> None:
    account = GrantAccount(GrantTerms()).close(FiscalYear(2017), granted=0, spent=0)
    for wrong in (FiscalYear(2017), FiscalYear(2019), FiscalYear(2016)):
        error = refusal(lambda wrong=wrong: account.close(wrong, granted=0, spent=0))
        assert error.problems == (("fy", f"{wrong} does not follow 平成29年度; close years in order"),)
        assert error.problems_ja == (("fy", f"{wrong} は 平成29年度 の次の年度ではない。年度は順に締める"),)
    assert account.close(FiscalYear(2018), granted=0, spent=0).years[-1].fy == FiscalYear(2018)


@pytest.mark.parametrize(
    ("share", "granted", "unspent", "carried", "returned"),
    [
        ("1/3", 100, 100, 33, 67),  # a third of 100 yen, rounded down to the yen
        ("100%", 100, 100, 100, 0),
        ("0%", 100, 100, 0, 100),
        ("20%", 1_000, 150, 150, 0),  # the share bounds, it does not fill
    ],
)
def test_the_carry_over_share_is_of_the_year_grant_rounded_down(
    share: str, granted: int, unspent: int, carried: int, returned: int
) -> None:
    terms = GrantTerms(carry_over_share=share)
    year = GrantAccount(terms).close(FY, granted=granted, spent=granted - unspent).years[-1]
    assert (year.carried_over, year.returned) == (carried, returned)


def test_the_carry_over_cap_bounds_what_goes_to_the_next_year() -> None:
    year = GrantAccount(GrantTerms(carry_over_cap=10_000)).close(FY, granted=100_000, spent=50_000).years[-1]
    assert (year.carried_over, year.returned) == (10_000, 40_000)


def test_the_reserve_is_filled_before_the_carry_over() -> None:
    terms = GrantTerms(carry_over_share="50%", reserve_cap_per_fy=30_000)
    year = GrantAccount(terms).close(FY, granted=100_000, spent=20_000, reserve=50_000).years[-1]
    assert (year.reserved, year.carried_over, year.returned) == (30_000, 50_000, 0)


def test_a_share_of_exactly_the_whole_grant_is_allowed_and_more_is_not() -> None:
    assert GrantTerms(carry_over_share="100%").carry_over_share == 1
    assert GrantTerms(carry_over_share=Fraction(1, 3)).carry_over_share == Fraction(1, 3)
    assert GrantTerms(carry_over_share="1/3").carry_over_share == Fraction(1, 3)
    assert GrantTerms().carry_over_share is None
    error = refusal(lambda: GrantTerms(carry_over_share="6/5"))
    assert str(error) == "carry_over_share: cannot carry over more than the whole grant (6/5)"
    assert error.message("ja") == "carry_over_share: 交付額の全額より多くは繰り越せない（6/5）"
    assert "101/100" in str(refusal(lambda: GrantTerms(carry_over_share=Fraction(101, 100))))


@pytest.mark.parametrize("name", ["carry_over_cap", "reserve_cap_per_fy", "reserve_cap"])
@pytest.mark.parametrize("value", [-1, True, 1.0])
def test_each_limit_is_whole_yen(name: str, value: object) -> None:
    error = refusal(lambda: GrantTerms(**{name: value}))
    assert str(error) == f"{name}: must be whole yen (an int of 0 or more), not {value!r}"
    assert error.message("ja") == f"{name}: 円単位の 0 以上の整数が必要（{value!r}）"


@pytest.mark.parametrize("name", ["carry_over_cap", "reserve_cap_per_fy", "reserve_cap"])
def test_a_limit_of_0_or_none_is_allowed(name: str) -> None:
    assert getattr(GrantTerms(**{name: 0}), name) == 0
    assert getattr(GrantTerms(**{name: None}), name) is None


@pytest.mark.parametrize("name", ["granted", "spent", "reserve", "draw"])
@pytest.mark.parametrize("value", [-1, True])
def test_each_amount_closed_is_whole_yen(name: str, value: object) -> None:
    amounts: dict[str, object] = {"granted": 0, "spent": 0, name: value}
    error = refusal(lambda: GrantAccount(GrantTerms()).close(FY, **amounts))  # type: ignore[arg-type]
    assert str(error) == f"{name}: must be whole yen (an int of 0 or more), not {value!r}"
    assert error.message("ja") == f"{name}: 円単位の 0 以上の整数が必要（{value!r}）"


def test_nothing_is_reserved_unless_asked_even_without_a_cap() -> None:
    year = GrantAccount(GrantTerms(reserve_cap_per_fy=None)).close(FY, granted=100, spent=0).years[-1]
    assert (year.reserved, year.carried_over, year.reserve_balance) == (0, 100, 0)


@pytest.mark.parametrize("value", [-1, True, 1.0, "1"])
def test_the_whole_yen_check_refuses_all_but_ints_of_0_or_more(value: object) -> None:
    # The limits' validator is built when the class is, so it is called here directly too.
    check = grants._yen("reserve_cap")
    with pytest.raises(ValidationError) as caught:
        check(None, None, value)
    assert caught.value.problems == (("reserve_cap", f"must be whole yen (an int of 0 or more), not {value!r}"),)
    assert caught.value.problems_ja == (("reserve_cap", f"円単位の 0 以上の整数が必要（{value!r}）"),)


@pytest.mark.parametrize("value", [None, 0, 1, 10**12])
def test_the_whole_yen_check_allows_none_and_ints_of_0_or_more(value: object) -> None:
    assert grants._yen("reserve_cap")(None, None, value) is None
