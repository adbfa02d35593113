"""Awards for a whole population at once, with numpy, in exact integer arithmetic (the ``numpy`` extra).

:func:`terms_awards` takes rules of :class:`~kyodo.subsidies.SubsidyTerms`
whose award depends on the application alone (no year limit, total cap or
shared per-FY cap); :func:`terms_awards_used` takes the others, given what each
body's earlier awards used (``kyodo._columnar`` works it out pass by pass);
rules of calculations go to :mod:`kyodo._fast_steps`, and :func:`kyodo.what_if`
sends the rest down the scalar path. Each step mirrors :meth:`kyodo.SubsidyRule.compute`: the product
rate × cost is floor(cost × numerator ÷ denominator) (or rounded half up),
rounded to the rule's unit before or after the caps, then capped; the
smallest limit binds, the rate winning ties.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from attrs import frozen

from kyodo.errors import KyodoError, ValidationError
from kyodo.money import Rounding
from kyodo.subsidies import Constraint, Refusal, RoundingStep, SubsidyTerms

_INT64_LIMIT = 2**62


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:
        raise KyodoError("the fast path needs numpy: pip install 'kyodo[numpy]'") from None
    return numpy


def _round(np: Any, numerator: Any, denominator: int, rounding: Rounding) -> Any:
    """round_yen(numerator / denominator) for arrays of non-negative ints."""
    if rounding is Rounding.HALF_UP:
        return (2 * numerator + denominator) // (2 * denominator)
    unit = rounding.unit
    if unit == 1:
        return numerator // denominator if denominator != 1 else numerator
    return numerator // (denominator * unit) * unit


#: The constraint each binding code stands for, in :class:`FastAwards`: the whole enum, as
#: :mod:`kyodo._fast_steps` codes it, so both kernels' codes index the same categories.
BINDINGS: Final = tuple(Constraint)
#: The refusal each refusal code stands for (0: none).
REFUSALS: Final[tuple[Refusal | None, ...]] = (None, *Refusal)
_REFUSED: Final = BINDINGS.index(Constraint.REFUSED)
_NO_ELIGIBLE_COST: Final = REFUSALS.index(Refusal.NO_ELIGIBLE_COST)
_BELOW_MINIMUM: Final = REFUSALS.index(Refusal.BELOW_MINIMUM)


@frozen
class FastAwards:
    """Awards for a population as arrays: yen, and codes into :data:`BINDINGS` and :data:`REFUSALS`."""

    amounts: Any
    bindings: Any
    refusals: Any

    def binding(self, index: int) -> Constraint:
        """The constraint that bound the award at ``index``."""
        return BINDINGS[int(self.bindings[index])]

    def refusal(self, index: int) -> Refusal | None:
        """Why the award at ``index`` is refused, if it is."""
        return REFUSALS[int(self.refusals[index])]


def _values(np: Any, costs: Sequence[int] | Any) -> Any:
    """The costs as an int64 array, or as an array of Python ints where int64 would overflow."""
    if isinstance(costs, np.ndarray) and costs.dtype.kind == "i":
        return costs.astype(np.int64, copy=False)
    # Anything else is read one by one: asarray(dtype=int64) would truncate 1.5 to 1 without a
    # word, wrap a uint64 above 2**63, and raise a bare OverflowError for 2**64.
    items = costs.tolist() if isinstance(costs, np.ndarray) else list(costs)
    for index, cost in enumerate(items):
        if isinstance(cost, bool | np.bool_) or not isinstance(cost, int | np.integer):
            raise ValidationError(
                (
                    f"costs[{index}]",
                    (
                        f"must be whole yen (an int of 0 or more), not {cost!r}",
                        f"円単位の 0 以上の整数が必要（{cost!r}）",
                    ),
                    "not_a_number",
                )
            )
    exact = [int(cost) for cost in items]
    if exact and max(map(abs, exact)) >= _INT64_LIMIT:
        return np.asarray(exact, dtype=object)
    return np.asarray(exact, dtype=np.int64)


def award_arrays(costs: Sequence[int] | Any, terms: SubsidyTerms) -> FastAwards:
    """Awards for ``costs`` under ``terms`` as numpy arrays, in exact integer arithmetic."""
    np = _numpy()
    values = _values(np, costs)
    if values.dtype == object:
        lowest = min(values.tolist(), default=0)
        highest = max(values.tolist(), default=0)
    else:
        # One pass for both checks: the bitwise or of the costs is negative exactly when one of them is, and
        # of costs of 0 or more it is at least the largest (below twice it), a bound as good for the proofs.
        highest = lowest = int(np.bitwise_or.reduce(values)) if values.size else 0
    if lowest < 0:
        index = int(np.argmax(values < 0))
        raise ValidationError(
            (
                f"costs[{index}]",
                (
                    f"must be whole yen of 0 or more, not {values[index]}",
                    f"円単位の 0 以上の整数が必要（{values[index]}）",
                ),
                "out_of_range",
            )
        )
    zero = values == 0
    return terms_awards(np, values, terms, highest, zero if zero.any() else None)


def terms_awards(np: Any, values: Any, terms: SubsidyTerms, highest: int, zero: Any, out: Any = None) -> FastAwards:
    """Awards for ``values`` (non-negative, int64 or Python ints, at most ``highest``) under ``terms``.

    ``zero`` marks the costs of 0 (None if there are none): the caller works it out once for all
    the variants it runs over the same costs. ``out``, an int64 array as long as ``values``, receives
    the awards (which are then ``out`` itself) where int64 holds them: the figures are worked out in
    it, in place, with no other array as long as the costs. (Working in int32 where the bound allows
    was measured slower: converting the costs to int32 and the awards back costs more than the
    narrower arithmetic saves.)

    >>> np = _numpy()
    >>> costs = np.array([0, 150_000, 420_000])
    >>> found = terms_awards(np, costs, SubsidyTerms(rate="2/3", cap_per_fy=200_000), 420_000, costs == 0)
    >>> found.amounts.tolist(), [found.binding(i).value for i in range(3)]
    ([0, 100000, 200000], ['refused', 'rate', 'cap_per_fy'])
    """
    rate = terms.rate
    caps = [(kind, cap) for kind, cap in terms.caps if kind is not Constraint.TOTAL_CAP]
    largest = max([highest, *(cap for _kind, cap in caps)])
    # The largest intermediate is 2 × cost × numerator + denominator (rounding half up) or cap × denominator,
    # each below 2 × largest × max(numerator, denominator) + max(...) ≤ 2**62 + 2**62 = 2**63 when the guard
    # passes: int64 holds them. Past it the figures are exact Python integers instead.
    if largest * max(rate.numerator, rate.denominator, 1) * 2 >= _INT64_LIMIT:
        values, out = values.astype(object), None
    denominator = rate.denominator
    after_cap = terms.round_at is RoundingStep.AFTER_CAP
    # One working array, the numerator, rounded in place: ``out`` itself where it is of the working type.
    into = out if out is not None and values.dtype == out.dtype else None
    kind, cap = min(caps, key=lambda pair: pair[1]) if caps else (Constraint.RATE, None)  # the smallest cap binds
    over = None
    if cap is not None and after_cap:
        # After the cap the exact product is compared: cost × numerator > cap × denominator, which for a whole
        # cost is cost > floor(cap × denominator / numerator); a rate of 0 never reaches a cap.
        over = values > cap * denominator // rate.numerator if rate.numerator else np.zeros(values.shape, dtype=bool)
    unit = terms.rounding.unit
    folded = (
        _reciprocal(denominator * unit, highest * rate.numerator)
        if values.dtype == np.int64 and terms.rounding is not Rounding.HALF_UP
        else None
    )
    if folded is not None:
        # Rounding down: floor(cost × numerator / (denominator × unit)) is (cost × (numerator × m)) >> s, one
        # multiply for the rate's and the reciprocal's (see _reciprocal).
        multiplier, shift = folded
        work = np.multiply(values, rate.numerator * multiplier, out=into)
        work >>= shift
        if unit != 1:
            work *= unit
    else:
        work = np.multiply(values, rate.numerator, out=into)
        _round_in_place(np, work, denominator, terms.rounding, highest * rate.numerator)
    codes = None
    if cap is not None:
        if over is None:
            over = work > cap
        # Rounding is monotone, so round(min(product, cap)) = min(round(product), round(cap)): after the cap
        # as before it, one minimum (where would pick its elements one by one, a branch each).
        np.minimum(work, _round(np, cap, 1, terms.rounding) if after_cap else cap, out=work)
        codes = over.view(np.int8)  # the comparison's own array, made the binding codes in place
        codes *= BINDINGS.index(kind)
    amounts = work
    # A cost of 0 already gives 0 yen at every step above; only its codes say it is refused. REFUSED is the
    # largest binding code (the last of Constraint; a test holds it there), so a maximum marks the refused
    # rows with no mask.
    if zero is not None:
        marks = zero.view(np.int8)
        refusals = np.multiply(marks, _NO_ELIGIBLE_COST, dtype=np.int8)
        refused = np.multiply(marks, _REFUSED, dtype=np.int8)
        codes = refused if codes is None else np.maximum(codes, refused, out=codes)
    else:
        refusals = np.zeros(values.shape, dtype=np.int8)
    if codes is None:
        codes = np.zeros(values.shape, dtype=np.int8)
    if terms.minimum_award is not None:
        below = amounts < terms.minimum_award
        if zero is not None:
            below &= ~zero
        if below.any():
            amounts *= ~below
            marks = below.view(np.int8)
            np.maximum(codes, np.multiply(marks, _REFUSED, dtype=np.int8), out=codes)
            refusals += np.multiply(marks, _BELOW_MINIMUM, dtype=np.int8)  # 0 where a cost of 0 refused it
    return FastAwards(amounts, codes, refusals)


def _round_in_place(np: Any, work: Any, denominator: int, rounding: Rounding, top: int) -> None:
    """``work`` (numerators over ``denominator``, from 0 to ``top``) rounded to yen by ``rounding``, in place.

    As :func:`_round`: the same integers.
    """
    if rounding is Rounding.HALF_UP:
        work *= 2
        work += denominator
        _floor_divide_in_place(np, work, 2 * denominator, 2 * top + denominator)
        return
    unit = rounding.unit
    if denominator * unit != 1:
        _floor_divide_in_place(np, work, denominator * unit, top)
    if unit != 1:
        work *= unit


def _reciprocal(divisor: int, top: int) -> tuple[int, int] | None:
    """(m, s) with floor(n × m / 2**s) = floor(n / divisor) for every n from 0 to ``top``, n × m below 2**63.

    With m = ceil(2**s / divisor) and e = m × divisor − 2**s (0 ≤ e < divisor), n × m / 2**s is
    n / divisor + n × e / (divisor × 2**s); when top × e < 2**s the second term is below 1 / divisor,
    and n / divisor is at least 1 / divisor short of the next integer, so the floor is the same.
    None where no shift below 63 gives both.

    >>> _reciprocal(3, 1_200_000)
    (699051, 21)
    >>> all(n * 699051 >> 21 == n // 3 for n in range(1_200_001))
    True
    """
    for shift in range(max(divisor.bit_length(), 1), 63):
        multiplier = -(-(1 << shift) // divisor)
        if top * (multiplier * divisor - (1 << shift)) < (1 << shift) and top * multiplier < 2**63:
            return multiplier, shift
    return None


def _floor_divide_in_place(np: Any, work: Any, divisor: int, top: int) -> None:
    """``work //= divisor`` for values from 0 to ``top``: in int64, a multiply and a shift where they are exact.

    numpy divides int64 one element at a time; a multiply and a shift run in vector instructions.
    """
    found = _reciprocal(divisor, top) if work.dtype == np.int64 else None
    if found is None:
        work //= divisor
        return
    multiplier, shift = found
    work *= multiplier
    work >>= shift


def awards_array(
    costs: Sequence[int] | Any, terms: SubsidyTerms
) -> tuple[list[int], list[Constraint], list[Refusal | None]]:
    """Awards, binding constraints and refusals for ``costs`` as Python lists (see :func:`award_arrays`)."""
    result = award_arrays(costs, terms)
    amounts = [int(amount) for amount in result.amounts.tolist()]
    bindings = [BINDINGS[code] for code in result.bindings.tolist()]
    refusals = [REFUSALS[code] for code in result.refusals.tolist()]
    return amounts, bindings, refusals


def terms_awards_used(
    np: Any, values: Any, terms: SubsidyTerms, highest: int, this_year: Any, total: Any, years_before: Any
) -> FastAwards:
    """Awards for ``values`` under ``terms`` given each body's awards before the row, as a :class:`Ledger` holds them.

    ``this_year`` is the yen the body was awarded earlier in the row's fiscal year, ``total`` the yen
    awarded before the row in all years, ``years_before`` how many earlier fiscal years awarded it
    something (arrays beside ``values``; int64, or Python ints where ``values`` are). Mirrors
    :meth:`SubsidyRule.compute` step by step: the year limit, no eligible cost, the rate and the caps
    less what they have used (the smallest binds, the rate winning ties, then the caps in the order of
    :attr:`SubsidyTerms.caps`), rounding before or after them, a total cap reached, the minimum award.

    >>> np = _numpy()
    >>> terms = SubsidyTerms(rate="100%", total_cap=50_000, max_years=2)
    >>> found = terms_awards_used(
    ...     np, np.array([30_000, 30_000, 10_000]), terms, 30_000,
    ...     np.zeros(3, dtype=np.int64), np.array([0, 30_000, 50_000]), np.array([0, 1, 2]))
    >>> found.amounts.tolist(), [found.binding(i).value for i in range(3)], found.refusal(2)
    ([30000, 20000, 0], ['rate', 'total_cap', 'refused'], <Refusal.YEAR_LIMIT: 'year_limit'>)

    :class:`Ledger` is the reference: see ``tests/test_columnar.py``, which compares every row.
    """
    rate = terms.rate
    count = len(values)
    caps = terms.caps
    largest = max([highest, *(cap for _kind, cap in caps)])
    exact = largest * max(rate.numerator, rate.denominator, 1) * 2 < _INT64_LIMIT and values.dtype != object
    if not exact:
        values, this_year, total = (array.astype(object) for array in (values, this_year, total))
    eligible = values if "" not in terms.ineligible else np.zeros_like(values)
    numerator = eligible * rate.numerator
    denominator = rate.denominator
    after_cap = terms.round_at is RoundingStep.AFTER_CAP
    rounded = _round(np, numerator, denominator, terms.rounding)
    # The limits compared as the scalar path compares Fractions: over the rate's denominator after the
    # cap (the product is not yet rounded), in whole yen before it.
    best = numerator if after_cap else rounded
    codes = np.full(count, BINDINGS.index(Constraint.RATE), dtype=np.int8)
    remaining = None
    used = {Constraint.CAP_PER_FY: this_year, Constraint.TOTAL_CAP: total}
    for kind, cap in caps:
        spent = used.get(kind)
        left = np.full(count, cap, dtype=values.dtype) if spent is None else np.maximum(cap - spent, 0)
        compared = left * denominator if after_cap else left
        lower = compared < best
        best = np.where(lower, compared, best)
        np.putmask(codes, lower, BINDINGS.index(kind))
        remaining = left if remaining is None else np.where(lower, left, remaining)
    if after_cap:
        amounts = (
            rounded
            if remaining is None
            else np.where(codes == BINDINGS.index(Constraint.RATE), rounded, _round(np, remaining, 1, terms.rounding))
        )
    else:
        amounts = best
    refusals = np.zeros(count, dtype=np.int8)
    # The refusals the scalar path checks, latest first, so the earliest it checks is the one that stays.
    if terms.minimum_award is not None:
        np.putmask(refusals, amounts < terms.minimum_award, _BELOW_MINIMUM)
    if Constraint.TOTAL_CAP in dict(caps):
        reached = (amounts == 0) & (codes == BINDINGS.index(Constraint.TOTAL_CAP))
        np.putmask(refusals, reached, REFUSALS.index(Refusal.TOTAL_REACHED))
    np.putmask(refusals, eligible == 0, _NO_ELIGIBLE_COST)
    if terms.max_years is not None:
        np.putmask(refusals, years_before >= terms.max_years, REFUSALS.index(Refusal.YEAR_LIMIT))
    refused = refusals != 0
    np.putmask(codes, refused, _REFUSED)
    amounts = np.where(refused, 0, amounts)
    return FastAwards(amounts, codes, refusals)
