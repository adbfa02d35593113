"""The file form of a subsidy rule (``kyodo.subsidy/1``): versions of terms or of steps, and budgets.

The steps' own file form is in :mod:`kyodo._step_codec`, beside this.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from functools import partial
from typing import Final

import cattrs
from cattrs.errors import BaseValidationError

from kyodo._convert import (
    _cells,
    _expect_list,
    _is,
    _join,
    _label,
    _problems,
    _strings,
    _structure_fiscal_year,
    _structure_yen,
)
from kyodo._step_codec import calculation_from_data, calculation_to_data, rate_data
from kyodo.errors import Coded, Message, ParseError, ValidationError
from kyodo.fiscal import FiscalYear
from kyodo.money import as_printed, parse_rate
from kyodo.steps import Calculation
from kyodo.subsidies import SubsidyTerms, Terms

#: The schema of subsidy-rule files.
SUBSIDY_SCHEMA: Final = "kyodo.subsidy/1"


def _structure_versions(
    made: cattrs.Converter, value: object, _type: object
) -> tuple[tuple[FiscalYear | None, Terms], ...]:
    versions: list[tuple[FiscalYear | None, Terms]] = []
    problems: list[tuple[str, Message]] = []
    for index, item in enumerate(_expect_list(value)):
        if not isinstance(item, Mapping):
            kind = type(item).__name__
            problems.append(
                (
                    f"[{index}]",
                    Coded(
                        f"expected a table of terms, not {kind}",
                        f"交付条件の表が必要（{kind} が渡された）",
                        "not_a_table",
                    ),
                )
            )
            continue
        body = {key: item[key] for key in item if key != "from"}
        try:
            start = None if item.get("from") is None else _structure_fiscal_year(item["from"])
            if "steps" in body:
                versions.append((start, calculation_from_data(body)))
            else:
                versions.append((start, made.structure(body, SubsidyTerms)))
        except (BaseValidationError, ValidationError, ParseError) as error:
            problems.extend((_join(f"[{index}]", path), message) for path, message in _problems(error, ""))
    if problems:
        raise ValidationError(*((path.replace(".[", "["), message) for path, message in problems))
    return tuple(versions)


def _unstructure_versions(
    made: cattrs.Converter, versions: tuple[tuple[FiscalYear | None, Terms], ...]
) -> list[dict[str, object]]:
    out = []
    for start, terms in versions:
        data = calculation_to_data(terms) if isinstance(terms, Calculation) else made.unstructure(terms, SubsidyTerms)
        out.append({"from": _label(start), **data} if start is not None else data)
    return out


def _structure_budget_years(value: object, _type: object) -> tuple[tuple[FiscalYear, int], ...]:
    return _cells(value, ("budgets", "予算"), lambda fy, cell: (fy, _structure_yen(cell)))


def add_subsidy_hooks(made: cattrs.Converter) -> None:
    """Teach ``made`` a subsidy rule's file form: versions of terms or steps, budgets, rates as printed."""
    versions = tuple[tuple[FiscalYear | None, Terms], ...]
    made.register_structure_hook_func(_is(versions), partial(_structure_versions, made))
    made.register_unstructure_hook_func(_is(versions), partial(_unstructure_versions, made))
    budget_years = tuple[tuple[FiscalYear, int], ...]
    made.register_structure_hook_func(_is(budget_years), _structure_budget_years)
    made.register_unstructure_hook_func(_is(budget_years), lambda pairs: {_label(fy): amount for fy, amount in pairs})
    made.register_structure_hook(Fraction, lambda value, _t: as_printed(parse_rate(value), value))
    made.register_unstructure_hook(Fraction, rate_data)
    made.register_structure_hook_func(
        _is(frozenset[str] | None), lambda value, _t: None if value is None else frozenset(_strings(value))
    )
    made.register_structure_hook_func(_is(frozenset[str]), lambda value, _t: frozenset(_strings(value)))
    made.register_unstructure_hook_func(
        _is(frozenset[str] | None), lambda value: None if value is None else sorted(value)
    )
    made.register_unstructure_hook_func(_is(frozenset[str]), sorted)
