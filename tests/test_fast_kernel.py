"""The numpy kernels of SubsidyTerms (``kyodo._fast``) equal ``SubsidyRule.compute`` on every cost.

Written into the caller's array or a new one, for costs up to 2**31 and rates with large terms,
and given a body's earlier awards (``terms_awards_used``).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kyodo import FiscalYear, SubsidyRule, SubsidyTerms
from kyodo._fast import BINDINGS, REFUSALS, award_arrays, terms_awards, terms_awards_used
from kyodo.errors import ValidationError
from kyodo.subsidies import Award, Constraint

np = pytest.importorskip("numpy")
pytest.importorskip("pandas")

from test_columnar import terms as columnar_terms  # noqa: E402

FY = FiscalYear(2024)
yen = st.integers(0, 2**31 - 1)


def terms(history: bool = False) -> st.SearchStrategy[SubsidyTerms]:
    """test_columnar's random terms, with larger caps and rates of larger terms."""
    caps = st.none() | st.integers(0, 400_000) | yen
    denominator = st.sampled_from([12, 1_000, 10**6])
    return denominator.flatmap(lambda den: columnar_terms(history, caps, den))


costs = st.lists(st.sampled_from([0, 1, 2, 999, 299_999, 300_001, 2**29, 2**30 - 1, 2**31 - 1]) | yen, min_size=1)


def _found(found: Any) -> list[tuple[int, str, str | None]]:
    return [
        (int(amount), BINDINGS[binding].value, None if REFUSALS[refusal] is None else REFUSALS[refusal].value)  # type: ignore[union-attr]
        for amount, binding, refusal in zip(
            found.amounts.tolist(), found.bindings.tolist(), found.refusals.tolist(), strict=True
        )
    ]


def _award(award: Award) -> tuple[int, str, str | None]:
    return (award.amount, award.binding.value, None if award.refusal is None else award.refusal.value)


@settings(max_examples=300, deadline=None)
@given(terms(), costs, st.booleans())
def test_terms_awards_equal_compute(drawn: SubsidyTerms, amounts: list[int], into: bool) -> None:
    assume("" not in drawn.ineligible)  # its callers give this kernel no cost then (a plain cost is of category "")
    rule = SubsidyRule("r", [drawn])
    values = np.asarray(amounts, dtype=np.int64)
    out = np.full(len(values), -1, dtype=np.int64) if into else None
    found = terms_awards(
        np,
        values,
        drawn,
        max(amounts),
        values == 0 if 0 in amounts else None,
        out,
    )
    assert found.amounts.dtype == np.int64
    assert out is None or found.amounts is out
    assert _found(found) == [_award(rule.compute(cost, FY)) for cost in amounts]
    assert values.tolist() == amounts  # the caller's costs are left alone


@settings(max_examples=150, deadline=None)
@given(terms(), costs | st.lists(st.integers(1, 2**31 - 1) | st.sampled_from([2**61, 2**62, 10**20]), min_size=1))
def test_award_arrays_equal_compute(drawn: SubsidyTerms, amounts: list[int]) -> None:
    # From a list (Python ints past 2**62 read as such) and, where int64 holds them, from an array: its
    # bound on the costs is their bitwise or, up to twice the largest, and a cost of 0 is found, not given.
    assume("" not in drawn.ineligible)
    rule = SubsidyRule("r", [drawn])
    expected = [_award(rule.compute(cost, FY)) for cost in amounts]
    assert _found(award_arrays(amounts, drawn)) == expected
    if max(amounts) < 2**62:
        values = np.asarray(amounts, dtype=np.int64)
        assert _found(award_arrays(values, drawn)) == expected
        assert values.tolist() == amounts


def test_terms_awards_leaves_the_callers_zero_marks_alone() -> None:
    # what_if_frame passes one array of marks to every variant: a kernel that wrote into it would refuse
    # the next variant's rows.
    values = np.array([0, 10, 0, 500_000])
    zero = values == 0
    terms = SubsidyTerms(rate="1/2", cap_per_fy=200_000, minimum_award=10)
    found = terms_awards(np, values, terms, 500_000, zero)
    assert zero.tolist() == [True, False, True, False]
    assert _found(found) == [
        (0, "refused", "no_eligible_cost"),
        (0, "refused", "below_minimum"),
        (0, "refused", "no_eligible_cost"),
        (200_000, "cap_per_fy", None),
    ]


def test_refused_is_the_largest_binding_code() -> None:
    # terms_awards marks refused rows with a maximum of the codes.
    assert BINDINGS.index(Constraint.REFUSED) == len(BINDINGS) - 1


def test_a_negative_cost_is_refused_where_it_is() -> None:
    with pytest.raises(ValidationError, match=r"costs\[2\].*not -5"):
        award_arrays(np.array([3, 0, -5, -7]), SubsidyTerms(rate="1/2"))
    with pytest.raises(ValidationError, match=r"costs\[1\].*not -1"):
        award_arrays([2**70, -1], SubsidyTerms(rate="1/2"))


@settings(max_examples=300, deadline=None)
@given(terms(history=True), st.lists(st.tuples(yen, st.integers(0, 2**31), st.integers(0, 3)), min_size=1))
def test_terms_awards_used_equal_compute_given_the_earlier_awards(
    drawn: SubsidyTerms, rows: list[tuple[int, int, int]]
) -> None:
    # Each row: its cost, the yen awarded before it in its fiscal year (the rest of its history in
    # earlier years), and how many earlier years awarded something.
    rule = SubsidyRule("r", [drawn])
    expected = []
    for cost, spent, years in rows:
        earlier = [rule.compute(10**15, FiscalYear(2000 + year)) for year in range(years)]
        history = [_history(rule, award, 1) for award in earlier]
        if spent:
            history.append(_history(rule, rule.compute(10**15, FY), spent))
        expected.append(_award(rule.compute(cost, FY, history=history)))
    totals = [spent + years for _cost, spent, years in rows]
    found = terms_awards_used(
        np,
        np.asarray([cost for cost, _spent, _years in rows], dtype=np.int64),
        drawn,
        max(cost for cost, _spent, _years in rows),
        np.asarray([spent for _cost, spent, _years in rows], dtype=np.int64),
        np.asarray(totals, dtype=np.int64),
        np.asarray([years for _cost, _spent, years in rows], dtype=np.int64),
    )
    assert _found(found) == expected


def _history(rule: SubsidyRule, award: Award, amount: int) -> Award:
    """An earlier award of ``amount`` yen in the award's fiscal year (made whatever its terms would say)."""
    from attrs import evolve

    return evolve(award, amount=amount, refusal=None)
