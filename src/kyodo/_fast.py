"""Awards for a whole population at once, with numpy, in exact integer arithmetic (the ``numpy`` extra).

Only rules whose award depends on the application alone come here (no body
state, year limit or total cap); :func:`kyodo.what_if` sends the rest down the
scalar path. Each step mirrors :meth:`kyodo.SubsidyRule.compute`: the product
rate × cost is floor(cost × numerator ÷ denominator) (or rounded half up),
rounded to the rule's unit before or after the caps, then capped; the
smallest limit binds, the rate winning ties.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kyodo.errors import KyodoError
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
    return numerator // (denominator * unit) * unit


def awards_array(
    costs: Sequence[int] | Any, terms: SubsidyTerms
) -> tuple[list[int], list[Constraint], list[Refusal | None]]:
    """Awards, binding constraints and refusals for ``costs`` under ``terms``, computed with numpy."""
    np = _numpy()
    values = np.asarray(costs, dtype=np.int64)
    if values.size and values.min() < 0:
        raise KyodoError("costs must be whole yen of 0 or more")
    rate = terms.rate
    caps = [(kind, cap) for kind, cap in terms.caps if kind is not Constraint.TOTAL_CAP]
    largest = max([int(values.max()) if values.size else 0, *(cap for _kind, cap in caps)])
    if largest * max(rate.numerator, rate.denominator, 1) * 2 >= _INT64_LIMIT:
        values = values.astype(object)  # exact Python integers where int64 could overflow
    numerator = values * rate.numerator
    denominator = rate.denominator
    rounded = _round(np, numerator, denominator, terms.rounding)
    if caps:
        # The smallest cap binds first; among equal caps, the one checked first.
        kind, cap = min(caps, key=lambda pair: pair[1])
        if terms.round_at is RoundingStep.BEFORE_CAP:
            over = rounded > cap
            amounts = np.where(over, cap, rounded)
        else:
            over = numerator > cap * denominator
            amounts = np.where(over, _round(np, cap, 1, terms.rounding), rounded)
    else:
        kind, over, amounts = Constraint.RATE, np.zeros(values.shape, dtype=bool), rounded
    amount_list = [int(amount) for amount in amounts.tolist()]
    bindings: list[Constraint] = [kind if flag else Constraint.RATE for flag in over.tolist()]
    refusals: list[Refusal | None] = [None] * len(amount_list)
    for position, cost in enumerate(values.tolist()):
        if int(cost) == 0:
            amount_list[position], bindings[position], refusals[position] = (
                0,
                Constraint.REFUSED,
                Refusal.NO_ELIGIBLE_COST,
            )
        elif terms.minimum_award is not None and amount_list[position] < terms.minimum_award:
            amount_list[position], bindings[position], refusals[position] = 0, Constraint.REFUSED, Refusal.BELOW_MINIMUM
    return amount_list, bindings, refusals
