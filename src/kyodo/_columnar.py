"""Columnar what-if: a population given as columns, its awards as columns, no Python object a row.

:func:`what_if_frame` reads body, fiscal year and cost from a pandas
DataFrame (or a mapping of arrays), runs every variant with numpy in exact
integer arithmetic, and returns a :class:`WhatIfFrame`: the awards, binding
constraints and refusals as DataFrames on the input's index, so they join back
to the input rows. Each variant goes through one of the kernels:

- rules of :class:`~kyodo.subsidies.SubsidyTerms`, by the version in force in
  each row's year (one binary search a row) and the body's conditions, decided
  once for each distinct (body, fiscal year); ``kyodo._fast.terms_awards``
  computes each version's rows at once. Where an award depends on the body's
  earlier ones (a total cap, a year limit, a per-FY cap shared by two
  applications of a body in a year), each body's rows are sorted by fiscal
  year and taken pass by pass (``kyodo._fast.terms_awards_used``: every body's
  first row, then every body's second), each pass reading the sums its
  ``Ledger`` would hold;
- rules of calculations of steps, body history included
  (``kyodo._fast_steps.plain_calculation_arrays``), each body's applications
  ordered by a sort, not a Python loop.

A variant neither can compute exactly (a body with more than 32 applications
under a rule that reads its history, a step the kernels leave to the scalar
path, a calculation's amount past int64) runs on the scalar path, one ``Ledger`` a body, with a
:class:`ScalarPathWarning` that says why: never silently.

Why a function of its own beside :func:`kyodo.what_if`: one call, one kind of
result. ``what_if`` keeps returning a :class:`~kyodo.whatif.WhatIf` of rows for
whoever reads ``.rows``; ``what_if_frame`` returns columns, the way
``pandas.read_csv`` returns a frame, and type checkers know which is which.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from attrs import field, frozen

from kyodo._fast_steps import ClaimArrays
from kyodo._progress import Progress
from kyodo.bodies import Body
from kyodo.errors import ValidationError
from kyodo.fiscal import FiscalYear
from kyodo.steps import Calculation, Cap, Claim, CostCap, Deduct, DeficitCap, MinimumCount, WaitingPeriod, count_of
from kyodo.subsidies import _NO_CLAIM, Application, Constraint, Refusal, SubsidyRule, SubsidyTerms

if TYPE_CHECKING:
    from kyodo.explain import Explanation
    from kyodo.subsidies import Award

__all__ = ["ScalarPathWarning", "WhatIfFrame", "what_if_frame"]

#: Every binding constraint, as the categories of a binding column (kernel codes index this order).
CONSTRAINTS: Final = tuple(Constraint)
#: Every refusal, as the categories of a refusal column; a row with no refusal is missing (NaN).
REFUSALS: Final = tuple(Refusal)
#: Exact in int64: a sum stays below this, and a cost at or above it is kept as a Python int.
_INT64_LIMIT: Final = 2**62
#: The reason a cap per fiscal year needs a body's history.
CAP_PER_FY_SHARED: Final = (
    "cap_per_fy with two or more applications of one body in one fiscal year (the earlier awards of the year count)"
)


class ScalarPathWarning(UserWarning):
    """A what-if variant ran on the scalar path, one Python object a row, where a fast path was asked for.

    The message names the variant and why (the term or step that needs it).
    The figures are the same either way; only the time differs. To silence it
    where the reason is known, filter it:
    ``warnings.filterwarnings("ignore", category=kyodo.ScalarPathWarning)``.
    """


def warn_scalar(variant: str, reason: str, stacklevel: int = 1) -> None:
    """Say that ``variant`` runs on the scalar path, and why; ``stacklevel`` as :func:`warnings.warn`, from the caller."""
    warnings.warn(
        ScalarPathWarning(f"what-if variant {variant!r} runs on the scalar path, one Python object a row: {reason}"),
        stacklevel=stacklevel + 1,
    )


def history_needed(rule: SubsidyRule) -> str | None:
    """Which term of a rule of SubsidyTerms makes an award depend on the body's awards in earlier years, if any.

    A per-application cap, a per-FY cap with one application a body a year, a
    minimum award and rounding do not; a total cap and a year limit do.
    """
    for _start, terms in rule.versions:
        if isinstance(terms, SubsidyTerms):
            if terms.total_cap is not None:
                return "total_cap (the body's awards in earlier years count against it)"
            if terms.max_years is not None:
                return "max_years (the body's earlier years of awards count)"
    return None


def check_variants(variants: object) -> None:
    """Refuse variants that are not a mapping of names (text) to :class:`~kyodo.SubsidyRule`, naming the one at fault."""
    if not isinstance(variants, Mapping):
        kind = type(variants).__name__
        raise ValidationError(
            (
                "variants",
                (
                    f"expected a mapping of names to rules, such as {{'2/3': rule}} or rule_grid(...), not {kind}",
                    f"名前と制度の辞書（{{'2/3': rule}} や rule_grid(...)）が必要（{kind} が渡された）",
                ),
                "not_a_table",
            )
        )
    for name, rule in variants.items():
        if not isinstance(name, str) or not name:
            raise ValidationError(
                (
                    "variants",
                    (f"a variant's name must be text, not {name!r}", f"バリアント名は文字列が必要（{name!r}）"),
                    "not_text",
                )
            )
        if not isinstance(rule, SubsidyRule):
            kind = type(rule).__name__
            raise ValidationError(
                (
                    f"variants.{name}",
                    (f"expected a SubsidyRule, not {kind}: {rule!r}", f"SubsidyRule が必要（{kind}: {rule!r}）"),
                    "invalid",
                )
            )


#: What a column of a population tells a calculation beyond the cost: the parts of an application's
#: :class:`~kyodo.steps.Claim` that a column can hold (units cannot).
ClaimRole: TypeAlias = Literal["attribute", "count", "deduction", "site"]
CLAIM_ROLES: Final = ("attribute", "count", "deduction", "site")


def claim_roles(variants: Mapping[str, SubsidyRule]) -> tuple[dict[str, ClaimRole], str | None]:
    """The names the variants' calculations read from a claim, each with its role; and a step taking every deduction.

    An attribute a version declares (活動), a count a step counts by or asks for (世帯数), a kind of
    deduction a step names (収入), and ``site`` where a cap or a waiting period runs per site. The
    second item names a variant with a step that takes every deduction an application lists, whose
    columns no name in the rule tells (None if none does).
    """
    from kyodo.steps import _walk

    roles: dict[str, ClaimRole] = {}
    every_deduction = None
    for variant, rule in variants.items():
        for _start, terms in rule.versions:
            if not isinstance(terms, Calculation):
                continue
            for name, _values in terms.attributes:
                roles.setdefault(name, "attribute")
            for step in _walk(terms.steps):
                if isinstance(step, Cap | CostCap) and step.times not in (None, "units"):
                    roles.setdefault(step.times, "count")
                elif isinstance(step, MinimumCount):
                    roles.setdefault(step.name, "count")
                if isinstance(step, Deduct | DeficitCap):
                    if step.kinds is None:
                        every_deduction = every_deduction or variant
                    else:
                        for kind in sorted(step.kinds):
                            roles.setdefault(kind, "deduction")
                if isinstance(step, Cap | WaitingPeriod) and step.scope == "site":
                    roles.setdefault("site", "site")
    return roles, every_deduction


def _numpy_pandas() -> tuple[Any, Any]:
    try:
        import numpy
        import pandas
    except ImportError:
        raise ValidationError(
            (
                "",
                (
                    "what_if_frame needs pandas and numpy: pip install 'kyodo[pandas]'",
                    "what_if_frame には pandas と numpy が必要: pip install 'kyodo[pandas]'",
                ),
            )
        ) from None
    return numpy, pandas


# --- the columns -----------------------------------------------------------------------------------


def _problem(column: str, label: object, english: str, japanese: str, code: str) -> ValidationError:
    return ValidationError((f"{column}[{label!r}]", (english, japanese), code))


class _Columns:
    """The population as arrays: start years and costs a row, bodies coded when first asked for."""

    def __init__(self, np: Any, pd: Any, index: Any, body: Any, fy: Any, cost: Any) -> None:
        self.np, self.pd, self.index = np, pd, index
        self._body_column = body
        self._body: tuple[Any, Sequence[str]] | None = None
        self._applications: list[Application] | None = None
        self.costs, self.lowest, self.highest = self._costs(cost)
        self.zero = self.costs == 0 if len(self.costs) and self.lowest == 0 else None
        self._span: tuple[int, int] | None = None
        self.years, self._calendar = self._years(fy)
        self._one_per_body_year: bool | None = None
        self._versions: dict[tuple[Any, ...], Any] = {}
        self.claims: ClaimArrays | None = None
        # For the scalar path: (role, name, each row's value or None), read from the claim columns.
        self._claimed: list[tuple[ClaimRole, str, Any]] = []
        self.wide_deduction = False

    def __len__(self) -> int:
        return len(self.costs)

    @property
    def calendar(self) -> dict[int, FiscalYear]:
        """The fiscal year of each distinct start year, in order."""
        if self._calendar is None:
            np, years = self.np, self.years
            if not len(years):
                self._calendar = {}
            else:
                low, high = self.span()
                if high - low <= 4 * len(years) + 1024:
                    distinct = (np.flatnonzero(np.bincount(years - low)) + low).tolist()
                else:
                    distinct = np.unique(years).tolist()
                self._calendar = {year: FiscalYear(year) for year in distinct}
        return self._calendar

    def _costs(self, column: Any) -> tuple[Any, int, int]:
        np = self.np
        values = column.to_numpy() if hasattr(column, "to_numpy") else np.asarray(column)
        if values.dtype.kind == "f" and not hasattr(column, "dtype"):
            # numpy reads a list of ints some past 2**63 as float64: read the list's own objects instead.
            values = np.asarray(column, dtype=object)
        if values.dtype.kind in "iu":
            highest = int(values.max()) if len(values) else 0
            lowest = int(values.min()) if len(values) else 0
            if lowest < 0:
                label = self.index[int(np.argmax(values < 0))]
                raise _problem(
                    "cost",
                    label,
                    f"must be whole yen of 0 or more, not {int(values[values < 0][0])}",
                    f"円単位の 0 以上の整数が必要（{int(values[values < 0][0])}）",
                    "out_of_range",
                )
            if highest >= _INT64_LIMIT:
                return np.asarray([int(value) for value in values.tolist()], dtype=object), lowest, highest
            return values.astype(np.int64, copy=False), lowest, highest
        # Anything else is read one by one: a float is refused, never truncated (1.5 is not 1 yen).
        items = values.tolist()
        exact = []
        for position, item in enumerate(items):
            if isinstance(item, bool) or not isinstance(item, int) or item < 0:
                shown = f"{item!r} ({type(item).__name__})"
                raise _problem(
                    "cost",
                    self.index[position],
                    f"must be whole yen (an int of 0 or more), not {shown}; convert the column, e.g. "
                    "frame['cost'].astype('int64')",
                    f"円単位の 0 以上の整数が必要（{shown}）",
                    "out_of_range" if isinstance(item, int) and not isinstance(item, bool) else "not_a_number",
                )
            exact.append(item)
        lowest, highest = min(exact, default=0), max(exact, default=0)
        if highest >= _INT64_LIMIT:
            return np.asarray(exact, dtype=object), lowest, highest
        return np.asarray(exact, dtype=np.int64), lowest, highest

    def _years(self, column: Any) -> tuple[Any, dict[int, FiscalYear] | None]:
        """Each row's start year, and the fiscal year of each distinct one (None: not yet worked out).

        A label is read once per distinct value; start years are only checked against their bounds.
        """
        np, pd = self.np, self.pd
        values = column.to_numpy() if hasattr(column, "to_numpy") else np.asarray(column)
        if values.dtype.kind in "iu":
            if not len(values):
                return values.astype(np.int64), {}
            low, high = int(values.min()), int(values.max())
            self._span = (low, high)
            for bound in (low, high):
                if not 1 <= bound <= 9998:
                    label = self.index[int(np.argmax(values == bound))]
                    raise _problem(
                        "fy",
                        label,
                        f"a fiscal year must be a start year from 1 to 9998, not {bound}",
                        f"年度は 1～9998 の開始年が必要（{bound}）",
                        "out_of_range",
                    )
            return values.astype(np.int64, copy=False), None
        codes, uniques = pd.factorize(column if isinstance(column, pd.Series) else values)
        if len(codes) and int(codes.min()) < 0:
            raise _problem(
                "fy",
                self.index[int(np.argmax(codes < 0))],
                "the fiscal year is missing",
                "年度がない",
                "bad_fiscal_year",
            )
        read = [self._fiscal_year(value, codes, position) for position, value in enumerate(uniques)]
        years = np.asarray([fy.year for fy in read], dtype=np.int64)[codes]
        return years, {fy.year: fy for fy in read}

    def _fiscal_year(self, value: Any, codes: Any, position: int) -> FiscalYear:
        from kyodo.whatif import _fiscal_year

        label = self.index[int(self.np.argmax(codes == position))]
        try:
            if isinstance(value, self.pd.Period):
                from kyodo.frames import fiscal_year_of_period

                fy = fiscal_year_of_period(value)
            else:
                fy = _fiscal_year(value)
        except (ValueError, TypeError) as error:
            raise _problem(
                "fy",
                label,
                f"cannot read {value!r} as a fiscal year: {error}",
                f"{value!r} を年度として読めない",
                "bad_fiscal_year",
            ) from None
        if fy.start_month != 4:
            raise _problem(
                "fy",
                label,
                f"{fy!r} starts in month {fy.start_month}; a what-if frame takes fiscal years starting in April",
                f"{fy!r} は {fy.start_month} 月始まり。4月始まりの年度が必要",
                "bad_fiscal_year",
            )
        return fy

    def bodies(self) -> tuple[Any, Sequence[str]]:
        """Each row's body as a code into the list of body names (a category column's codes cost nothing)."""
        if self._body is None:
            np, pd = self.np, self.pd
            column = self._body_column
            if isinstance(getattr(column, "dtype", None), pd.CategoricalDtype):
                # The Categorical's own codes, a view (``.cat.codes`` copies them into a new Series).
                categorical = column.array if isinstance(column, pd.Series) else column
                codes, names = categorical.codes, categorical.categories
            else:
                codes, names = pd.factorize(column if isinstance(column, pd.Series) else np.asarray(column))
            codes = np.asarray(codes)  # a category's int8 to int32, or factorize's intp: each indexes the names
            if len(codes) and int(codes.min()) < 0:
                raise _problem(
                    "body", self.index[int(np.argmax(codes < 0))], "the body is missing", "団体がない", "invalid"
                )
            self._body = (codes, _Names(np, names))
        return self._body

    def one_per_body_year(self) -> bool:
        """True if no body has two rows in one fiscal year."""
        if self._one_per_body_year is None:
            self._one_per_body_year = self._check_one_per_body_year()
        return self._one_per_body_year

    def _check_one_per_body_year(self) -> bool:
        np = self.np
        codes, names = self.bodies()
        if not len(codes):
            return True
        low, high = self.span()
        span = high - low + 1
        # body × span + year − low: one array, worked in place, int32 where every step fits in it
        # (a start year is below 10,000).
        pairs = np.multiply(codes, span, dtype=np.int32 if len(names) * span + 10_000 < 2**31 else np.int64)
        pairs += self.years
        pairs -= low
        head = pairs[:1024]
        if bool((head[1:] > head[:-1]).all()) and bool((pairs[1:] > pairs[:-1]).all()):
            return True  # rows in order of body and year, as tidy data often are: no pair can repeat
        if len(names) * span <= 8 * len(codes) + 1024:
            # The rows hold as many distinct pairs as rows exactly when no pair repeats.
            seen = np.zeros(len(names) * span, dtype=bool)
            seen[pairs] = True
            return int(np.count_nonzero(seen)) == len(codes)
        pairs.sort()
        return not bool((pairs[1:] == pairs[:-1]).any())

    def versions(self, rule: SubsidyRule) -> Any:
        """The index of the version of ``rule`` in force for each row (-1: not offered); shared by alike rules.

        The variants of a study (``rule_grid``) mostly differ in their terms, not in the years
        their versions start or the rule is offered, so the binary search is made once for them.
        """
        from kyodo._fast_steps import _versions_in_force

        np = self.np
        key = (tuple(start for start, _terms in rule.versions), rule.first_fy, rule.last_fy)
        found = self._versions.get(key)
        if found is None:
            ends = _versions_in_force(np, rule, np.asarray(self.span() if len(self) else (1, 1), dtype=np.int64))
            if int(ends[0]) == int(ends[1]) >= 0:
                # The first and the last year are under one version: so is every row, with no row to look at.
                found = np.broadcast_to(np.int8(int(ends[0])), (len(self),))
            else:
                found = _versions_in_force(np, rule, self.years)
                found.flags.writeable = False
            self._versions[key] = found
        return found

    def span(self) -> tuple[int, int]:
        """The first and the last start year of the rows (there is at least one row)."""
        if self._span is None:
            self._span = (int(self.years.min()), int(self.years.max()))
        return self._span

    def application(self, position: int) -> Application:
        codes, names = self.bodies()
        year = int(self.years[position])
        claim = self._claim(position) if self._claimed else _NO_CLAIM
        return Application(names[codes[position]], self.calendar[year], int(self.costs[position]), claim)

    def applications(self) -> list[Application]:
        """One Application a row, for the scalar path; made once."""
        if self._applications is None:
            codes, names = self.bodies()
            calendar = self.calendar
            rows = zip(codes.tolist(), self.years.tolist(), self.costs.tolist(), strict=True)
            if self._claimed:
                self._applications = [
                    Application(names[code], calendar[year], cost, self._claim(position))
                    for position, (code, year, cost) in enumerate(rows)
                ]
            else:
                self._applications = [
                    Application(names[code], calendar[year], cost, _NO_CLAIM) for code, year, cost in rows
                ]
        return self._applications

    def _claim(self, position: int) -> Claim:
        """What row ``position`` claims, as a Claim: the values its claim columns hold (a missing one claims nothing)."""
        parts: dict[ClaimRole, dict[str, Any]] = {role: {} for role in CLAIM_ROLES}
        for role, name, values in self._claimed:
            value = values[position]
            if value is not None:
                parts[role][name] = value
        site = parts["site"].get("site", next(iter(parts["site"].values()), None))
        return Claim(attributes=parts["attribute"], deductions=parts["deduction"], site=site, counts=parts["count"])

    def read_claims(self, given: Mapping[str, tuple[ClaimRole, Any]]) -> None:
        """Read the columns that hold what the rows claim beyond their cost, each as its role says."""
        np = self.np
        attributes: dict[str, tuple[Any, Sequence[str]]] = {}
        counts: dict[str, Any] = {}
        deductions: dict[str, tuple[Any, Any]] = {}
        missing, inexact = set(), set()
        site = None
        for name, (role, column) in given.items():
            if role in ("attribute", "site"):
                codes, values = self._texts(name, column)
                if role == "site":
                    site = codes.astype(np.int64)
                else:
                    attributes[name] = (codes, values)
                table = [*values, None]  # code -1, nothing claimed, picks the last
                self._claimed.append((role, name, _Lookup(codes, table)))
            elif role == "count":
                whole, each = self._figures(name, column, counting=True)
                counts[name] = whole
                if any(value is None for value in each):
                    missing.add(name)
                if any(type(value) is not int for value in each if value is not None):
                    inexact.add(name)
                self._claimed.append((role, name, each))
            else:
                whole, each = self._figures(name, column, counting=False)
                deductions[name] = (whole, np.asarray([value is not None for value in each], dtype=bool))
                self.wide_deduction = self.wide_deduction or any(
                    value is not None and value >= _INT64_LIMIT for value in each
                )
                self._claimed.append((role, name, each))
        self.claims = ClaimArrays(attributes, counts, deductions, site, frozenset(missing), frozenset(inexact))

    def _texts(self, name: str, column: Any) -> tuple[Any, list[str]]:
        """A column of text as codes into its distinct values; a missing value (None, NaN) is code -1."""
        np, pd = self.np, self.pd
        if isinstance(getattr(column, "dtype", None), pd.CategoricalDtype):
            categorical = column.array if isinstance(column, pd.Series) else column
            codes, values = np.asarray(categorical.codes), list(categorical.categories)
        else:
            codes, uniques = pd.factorize(column if isinstance(column, pd.Series) else np.asarray(column, dtype=object))
            values = list(uniques)
        for position, value in enumerate(values):
            if not isinstance(value, str) or not value:
                label = self.index[int(np.argmax(codes == position))]
                raise _problem(
                    name,
                    label,
                    f"expected text (a value of {name}), not {value!r}",
                    f"文字列（{name} の値）が必要（{value!r}）",
                    "not_text",
                )
        return codes, values

    def _figures(self, name: str, column: Any, counting: bool) -> tuple[Any, list[Any]]:
        """A column of counts (whole or exact) or of yen: an int64 array (0 where missing or inexact), and each row's value or None."""
        np, pd = self.np, self.pd
        if pd.api.types.is_extension_array_dtype(getattr(column, "dtype", None)):
            # A nullable column (Int64, Arrow's): its missing values as None, not as a float NaN.
            values = column.to_numpy(dtype=object, na_value=None)
            if (
                not any(item is None for item in values.tolist())
                and values.size
                and pd.api.types.is_integer_dtype(column.dtype)
            ):
                values = values.astype(np.int64)
        else:
            values = column.to_numpy() if hasattr(column, "to_numpy") else np.asarray(column)
        if values.dtype.kind in "iu":
            items: list[Any] = values.tolist()
        else:
            items = []
            for position, item in enumerate(values.tolist()):
                if item is None or item is pd.NA or (isinstance(item, float) and item != item):
                    items.append(None)
                    continue
                read = count_of(item) if counting and not isinstance(item, bool | float) else None
                if not counting and type(item) is int and item >= 0:
                    read = item
                if read is None:
                    shown = f"{item!r} ({type(item).__name__})"
                    english, japanese = (
                        (
                            "a whole number or an exact quantity (Decimal('89.42')) of 0 or more",
                            "0 以上の整数か正確な量",
                        )
                        if counting
                        else ("whole yen (an int of 0 or more)", "円単位の 0 以上の整数")
                    )
                    raise _problem(
                        name,
                        self.index[position],
                        f"must be {english}, not {shown}; a column with missing values reads as floats: "
                        f"use frame[{name!r}].astype('Int64')",
                        f"{japanese}が必要（{shown}）",
                        "inexact_number" if isinstance(item, float | bool) else "not_a_number",
                    )
                items.append(read)
        lowest = min((item for item in items if item is not None), default=0)
        if lowest < 0 or (counting and max((item for item in items if item is not None), default=0) >= 10**9):
            bad = next(item for item in items if item is not None and (item < 0 or (counting and item >= 10**9)))
            raise _problem(
                name,
                self.index[items.index(bad)],
                f"must be from 0{' to below 10⁹' if counting else ''}, not {bad}",
                f"0{' 以上 10⁹ 未満' if counting else ' 以上'}が必要（{bad}）",
                "out_of_range",
            )
        whole = np.asarray([item if type(item) is int and item < _INT64_LIMIT else 0 for item in items], dtype=np.int64)
        return whole, items

    def fy_codes(self) -> tuple[Any, list[int]]:
        """Each row's fiscal year as a code into the sorted distinct start years."""
        distinct = sorted(self.calendar)
        return self.np.searchsorted(self.np.asarray(distinct, dtype=self.np.int64), self.years), distinct


class _Lookup:
    """Each row's value of a coded column, made only when the scalar path asks for a row's."""

    __slots__ = ("codes", "table")

    def __init__(self, codes: Any, table: list[Any]) -> None:
        self.codes, self.table = codes, table

    def __getitem__(self, position: int) -> Any:
        return self.table[self.codes[position]]


class _Names(Sequence[str]):
    """Body names: the column's distinct values, each made text (as ``what_if`` makes it) when read.

    The values are kept as the column gave them (a category's categories may be pyarrow strings)
    and made Python objects only when a name is first read: most studies never read one.
    """

    def __init__(self, np: Any, values: Any) -> None:
        self._np = np
        self._values = values
        self._objects: Any = None

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, code: Any) -> Any:
        if self._objects is None:
            self._objects = self._np.asarray(self._values, dtype=object)
        return str(self._objects[code])


def _is_arrow_table(population: Any) -> bool:
    """A pyarrow Table, known without importing pyarrow (which may not be installed)."""
    return type(population).__module__.startswith("pyarrow") and type(population).__name__ == "Table"


def _from_arrow(np: Any, pd: Any, table: Any, claimed: Sequence[str] = ()) -> dict[str, Any]:
    """The columns of a pyarrow Table as arrays, with no Python object a row.

    Integer columns (and kyodo's ``fiscal_year`` extension column, by its int16 start years) become
    numpy arrays; text and dictionary columns are dictionary-encoded by Arrow and become pandas
    Categoricals, so only their distinct values become Python objects; anything else (floats,
    decimals) is read by numpy and checked as a DataFrame's column would be. A missing cost is refused.
    """
    import pyarrow  # type: ignore[import-not-found, import-untyped, unused-ignore]

    found: dict[str, Any] = {}
    for name in ("body", "fy", "cost", *claimed):
        if name not in table.column_names:
            continue
        if name in claimed:
            # A claim's column, read as a DataFrame's would be; Arrow's types keep a missing int missing.
            found[name] = table.column(name).to_pandas(types_mapper=pd.ArrowDtype)
            continue
        column = table.column(name)
        kind = column.type
        if isinstance(kind, pyarrow.ExtensionType):
            if name == "fy" and getattr(kind, "start_month", 4) != 4:
                raise _problem(
                    "fy",
                    0,
                    f"the fiscal years start in month {kind.start_month}; a what-if frame takes fiscal years "
                    "starting in April",
                    f"{kind.start_month} 月始まりの年度。4月始まりの年度が必要",
                    "bad_fiscal_year",
                )
            column = pyarrow.chunked_array([chunk.storage for chunk in column.chunks], type=kind.storage_type)
            kind = kind.storage_type
        if pyarrow.types.is_integer(kind):
            if column.null_count:
                position = int(np.flatnonzero(column.is_null().to_numpy(zero_copy_only=False))[0])
                what = {"body": ("the body is missing", "団体がない", "invalid")}.get(
                    name,
                    (
                        f"the {name} is missing",
                        f"{name} がない",
                        "not_a_number" if name == "cost" else "bad_fiscal_year",
                    ),
                )
                raise _problem(name, position, *what)
            found[name] = column.to_numpy()
        elif pyarrow.types.is_string(kind) or pyarrow.types.is_large_string(kind) or pyarrow.types.is_dictionary(kind):
            if pyarrow.types.is_dictionary(kind):
                column = column.cast(kind.value_type)
            encoded = column.combine_chunks().dictionary_encode()
            codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
            found[name] = pd.Categorical.from_codes(
                codes, categories=pd.Index(encoded.dictionary.to_pandas(), dtype=object), validate=False
            )
        else:
            found[name] = column.to_numpy()
    return found


def _read(
    np: Any,
    pd: Any,
    population: Any,
    variants: Mapping[str, SubsidyRule],
    claim_columns: Mapping[str, ClaimRole] | None,
) -> _Columns:
    names = ("body", "fy", "cost")
    roles = _roles(variants, claim_columns)
    if _is_arrow_table(population):
        population = _from_arrow(np, pd, population, [name for name in roles if name in population.column_names])
    if isinstance(population, pd.DataFrame):
        columns: Mapping[str, Any] = population
        present = set(population.columns)
        index = population.index
    elif isinstance(population, Mapping):
        columns, present = population, set(population)
        index = None
    else:
        kind = type(population).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a DataFrame or a mapping of arrays with body, fy and cost, not {kind}",
                    f"body、fy、cost の列を持つ DataFrame か配列の辞書が必要（{kind} が渡された）",
                ),
            )
        )
    missing = sorted(set(names) - present)
    if missing:
        raise ValidationError(
            (
                "",
                (
                    f"the frame needs the columns body, fy and cost; missing {missing}",
                    f"表には列 body、fy、cost が必要。{missing} がない",
                ),
            )
        )
    if index is None:
        lengths = {name: len(columns[name]) for name in names}
        if len(set(lengths.values())) > 1:
            raise ValidationError(
                (
                    "",
                    (
                        f"the arrays must be of one length, not {lengths}",
                        f"配列の長さが揃っていない（{lengths}）",
                    ),
                )
            )
        index = pd.RangeIndex(lengths["cost"])
    read = _Columns(np, pd, index, columns["body"], columns["fy"], columns["cost"])
    _check_claim_columns(variants, roles, present, claim_columns is not None)
    given = {name: (role, columns[name]) for name, role in roles.items() if name in present}
    if given:
        if any(len(column) != len(read) for _role, column in given.values()):
            lengths = {name: len(column) for name, (_role, column) in given.items()}
            raise ValidationError(
                ("", (f"the arrays must be of one length, not {lengths}", f"配列の長さが揃っていない（{lengths}）"))
            )
        read.read_claims(given)
    return read


def _roles(variants: Mapping[str, SubsidyRule], claim_columns: Mapping[str, ClaimRole] | None) -> dict[str, ClaimRole]:
    """The columns to read as claims, each with its role: as given, or as the variants name them."""
    if claim_columns is None:
        roles, every_deduction = claim_roles(variants)
        if every_deduction is not None:
            raise ValidationError(
                (
                    "claim_columns",
                    (
                        f"the variant {every_deduction!r} takes every deduction an application lists (Deduct or "
                        "DeficitCap without kinds), and which columns hold deductions no rule says: name them, "
                        "e.g. claim_columns={'収入': 'deduction'} ({} if none)",
                        f"バリアント {every_deduction!r} は申請のすべての控除を差し引く。控除の列を claim_columns で"
                        "示す（例 {'収入': 'deduction'}、なければ {}）",
                    ),
                    "missing_key",
                )
            )
        return roles
    if not isinstance(claim_columns, Mapping):
        raise ValidationError(
            (
                "claim_columns",
                (
                    f"expected a mapping of column to role, not {type(claim_columns).__name__}",
                    "列名と役割の辞書が必要",
                ),
                "not_a_table",
            )
        )
    for name, role in claim_columns.items():
        if role not in CLAIM_ROLES:
            raise ValidationError(
                (
                    f"claim_columns.{name}",
                    (
                        f"expected one of {', '.join(CLAIM_ROLES)}, not {role!r}",
                        f"{'、'.join(CLAIM_ROLES)} のいずれかが必要（{role!r}）",
                    ),
                    "unknown_label",
                )
            )
    return dict(claim_columns)


def _check_claim_columns(
    variants: Mapping[str, SubsidyRule], roles: Mapping[str, ClaimRole], present: set[str], given: bool
) -> None:
    """Refuse a population without a column it must have: one named in ``claim_columns``, or an attribute or count a variant reads."""
    for name, role in roles.items():
        if name in present or (not given and role in ("deduction", "site")):
            continue  # a deduction no row lists, or no site: as claims that give none
        reader = next(
            (variant for variant, rule in variants.items() if name in claim_roles({variant: rule})[0]),
            None,
        )
        why = (
            f"claim_columns names {name!r} as {role}" if given else f"the variant {reader!r} reads the {role} {name!r}"
        )
        raise ValidationError(
            (
                "",
                (
                    f"{why}, and the population has no column {name!r}; add it (or name the columns the rows "
                    "claim with claim_columns=...)",
                    f"列 {name!r} がない（{role} として読む）。列を加えるか claim_columns で示す",
                ),
                "missing_key",
            )
        )


# --- the variants ----------------------------------------------------------------------------------


class _Scalar(Exception):
    """This variant runs on the scalar path; the message says why."""


def _terms_arrays(
    np: Any, columns: _Columns, rule: SubsidyRule, bodies: Mapping[str, Body] | None, out: Any = None
) -> Any:
    """A rule of SubsidyTerms over the columns: (awards, binding codes, refusal codes), or :class:`_Scalar`.

    ``out`` is an int64 array a row the awards may be written to.
    """
    from kyodo._fast import REFUSALS as CODES
    from kyodo._fast_steps import used_versions

    count = len(columns)
    versions = columns.versions(rule)
    reasons = np.zeros(count, dtype=np.int8)
    used = used_versions(np, versions)
    if used[:1] == [-1]:
        np.multiply((versions < 0).view(np.int8), CODES.index(Refusal.NOT_OFFERED), out=reasons)
    if rule.conditions:
        from kyodo._fast_steps import _conditions_held

        codes, names = columns.bodies()
        held = _conditions_held(np, rule, columns.years, codes, names, bodies)
        refused = (versions >= 0) & ~held
        reasons[refused] = CODES.index(Refusal.BODY_STATE)
        versions = np.where(refused, -1, versions)
        used = used_versions(np, versions)
    if history_needed(rule) is not None or (
        any(terms.cap_per_fy is not None for _start, terms in rule.versions)  # type: ignore[union-attr]
        and not columns.one_per_body_year()
    ):
        return _terms_history(np, columns, rule, versions, reasons)
    offered = [version for version in used if version >= 0]
    if len(offered) == 1:
        # One version in force wherever the rule is offered: its arithmetic over every row costs less than
        # gathering the rows it is in force for and scattering their awards back; the rows it is not offered
        # for are then set to what a refusal gives (0 yen, refused, the reason found above).
        found = _version_awards(np, columns, rule, offered[0], None, out)
        if used[0] < 0:
            # Multiplied by 1 where offered and 0 where not, not masked: a mask of rows that alternate at
            # random costs several times as much. ``reasons`` is 0 wherever the rule is offered.
            inside = (versions >= 0).view(np.int8)
            refused = CONSTRAINTS.index(Constraint.REFUSED)
            binding_codes, refusals = found.bindings, found.refusals
            np.multiply(found.amounts, inside, out=found.amounts)
            binding_codes -= refused
            binding_codes *= inside
            binding_codes += refused
            refusals *= inside
            refusals += reasons
        return found.amounts, found.bindings, found.refusals
    amounts: Any = None
    bindings = np.full(count, CONSTRAINTS.index(Constraint.REFUSED), dtype=np.int8)
    for version in offered:
        rows = np.flatnonzero(versions == version)
        found = _version_awards(np, columns, rule, version, rows, None)
        if amounts is None:
            amounts = np.zeros(count, dtype=found.amounts.dtype)
        elif amounts.dtype != found.amounts.dtype:
            amounts = amounts.astype(object)
        amounts[rows] = found.amounts
        bindings[rows] = found.bindings
        reasons[rows] = found.refusals
    if amounts is None:
        amounts = np.zeros(count, dtype=np.int64)
    return amounts, bindings, reasons


def _version_awards(np: Any, columns: _Columns, rule: SubsidyRule, version: int, rows: Any, out: Any) -> Any:
    """The kernel's awards under ``rule.versions[version]`` for ``rows`` of the columns (None: every row)."""
    from kyodo._fast import terms_awards

    terms = rule.versions[version][1]
    assert isinstance(terms, SubsidyTerms)
    costs = columns.costs if rows is None else columns.costs[rows]
    if "" in terms.ineligible:
        costs = np.zeros_like(costs)  # a plain cost is of no category, "", which is listed as ineligible
        zero = np.ones(len(costs), dtype=bool)
    else:
        zero = columns.zero if rows is None or columns.zero is None else columns.zero[rows]
    return terms_awards(np, costs, terms, columns.highest, zero, out if costs is columns.costs else None)


def _terms_history(np: Any, columns: _Columns, rule: SubsidyRule, versions: Any, reasons: Any) -> Any:
    """A rule of SubsidyTerms whose awards depend on the body's earlier ones: pass by pass, as the ledgers go.

    Each body's rows are sorted by fiscal year (then row, as the scalar path's stable sort takes
    them); pass k computes the k-th row of every body at once, from arrays a body that hold what its
    :class:`~kyodo.subsidies.Ledger` would sum: the yen awarded in all, the fiscal year of its latest
    row and the yen awarded in it, the distinct fiscal years that awarded something and the latest
    of them. A body with more than ``MAX_PASSES`` rows goes to the scalar path.
    """
    from kyodo._fast import terms_awards_used
    from kyodo._fast_steps import MAX_PASSES, used_versions

    count = len(columns)
    bodies, names = columns.bodies()
    years = columns.years
    bindings = np.full(count, CONSTRAINTS.index(Constraint.REFUSED), dtype=np.int8)
    if not count:
        return np.zeros(0, dtype=np.int64), bindings, reasons
    order = np.lexsort((years, bodies))  # stable: by body, then fiscal year, then row
    ordered = bodies[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    position = np.arange(count) - np.repeat(starts, np.diff(np.append(starts, count)))
    depth = int(position.max()) + 1
    if depth > MAX_PASSES:
        raise _Scalar(f"a body with more than {MAX_PASSES} applications under a rule that needs its history")
    # A body's sums hold at most ``depth`` awards, each at most the largest cost or cap: int64 holds
    # every figure while depth × largest × 2 × max(numerator, denominator) stays below 2**62.
    largest = max(
        [columns.highest] + [cap for _start, terms in rule.versions for _kind, cap in terms.caps]  # type: ignore[union-attr]
    )
    widest = max(max(terms.rate.numerator, terms.rate.denominator) for _start, terms in rule.versions)  # type: ignore[union-attr]
    exact = columns.costs.dtype != object and depth * largest * 2 * widest < _INT64_LIMIT
    kind = np.int64 if exact else object
    costs = columns.costs if exact else columns.costs.astype(object)
    amounts = np.zeros(count, dtype=kind)
    by_pass = order[np.argsort(position, kind="stable")]
    bounds = np.concatenate(([0], np.cumsum(np.bincount(position))))
    size = len(names)
    total = np.zeros(size, dtype=kind)  # yen awarded so far
    year = np.zeros(size, dtype=np.int64)  # the fiscal year of the latest row (0: none yet)
    this_year = np.zeros(size, dtype=kind)  # yen awarded in that fiscal year
    awarded_years = np.zeros(size, dtype=np.int64)  # distinct fiscal years with an award above 0
    last_awarded = np.zeros(size, dtype=np.int64)  # the latest of them (0: none)
    for depth_ in range(depth):
        rows = by_pass[bounds[depth_] : bounds[depth_ + 1]]
        body, fy = bodies[rows], years[rows]
        spent_this_year = np.where(year[body] == fy, this_year[body], 0)
        spent = total[body]
        before = awarded_years[body] - (last_awarded[body] == fy)
        found = np.zeros(len(rows), dtype=kind)
        of_pass = versions[rows]
        for version in used_versions(np, of_pass):
            if version < 0:
                continue
            members = np.flatnonzero(of_pass == version)
            terms = rule.versions[version][1]
            assert isinstance(terms, SubsidyTerms)
            part = terms_awards_used(
                np,
                costs[rows[members]],
                terms,
                columns.highest,
                spent_this_year[members],
                spent[members],
                before[members],
            )
            found[members] = part.amounts
            bindings[rows[members]] = part.bindings
            reasons[rows[members]] = part.refusals
        amounts[rows] = found
        total[body] = spent + found
        this_year[body] = spent_this_year + found
        year[body] = fy
        got = found > 0
        awarded_years[body] += got & (last_awarded[body] != fy)
        last_awarded[body] = np.where(got, fy, last_awarded[body])
    return amounts, bindings, reasons


def _calculation_arrays(np: Any, columns: _Columns, rule: SubsidyRule, bodies: Mapping[str, Body] | None) -> Any:
    from kyodo._fast_steps import Fallback, needs_history, plain_calculation_arrays

    if columns.costs.dtype == object or columns.wide_deduction:
        raise _Scalar("an amount beyond int64")
    needs_body = bool(rule.conditions) or any(needs_history(terms) for _start, terms in rule.versions)  # type: ignore[arg-type]
    codes, names = columns.bodies() if needs_body else (None, [])
    try:
        return plain_calculation_arrays(rule, columns.years, columns.costs, codes, names, bodies, columns.claims)
    except Fallback as why:
        raise _Scalar(str(why)) from None


def _scalar_arrays(np: Any, columns: _Columns, rule: SubsidyRule, bodies: Mapping[str, Body] | None) -> Any:
    from kyodo.whatif import ledger_awards

    awards = ledger_awards(rule, columns.applications(), bodies)
    amounts = [award.amount for award in awards]
    exact = np.asarray(amounts, dtype=object if max(amounts, default=0) >= _INT64_LIMIT else np.int64)
    binding = {constraint: code for code, constraint in enumerate(CONSTRAINTS)}
    reason = {refusal: code + 1 for code, refusal in enumerate(REFUSALS)}
    bindings = np.asarray([binding[award.binding] for award in awards], dtype=np.int8)
    reasons = np.asarray([0 if award.refusal is None else reason[award.refusal] for award in awards], dtype=np.int8)
    return exact, bindings, reasons


def _variant_arrays(
    np: Any, columns: _Columns, name: str, rule: SubsidyRule, bodies: Mapping[str, Body] | None, out: Any = None
) -> tuple[Any, Any, Any]:
    kinds = {type(terms) for _start, terms in rule.versions}
    try:
        if kinds == {SubsidyTerms}:
            return _terms_arrays(np, columns, rule, bodies, out)  # type: ignore[no-any-return]
        if kinds == {Calculation}:
            return _calculation_arrays(np, columns, rule, bodies)  # type: ignore[no-any-return]
        raise _Scalar("versions of both SubsidyTerms and calculations")
    except _Scalar as why:
        warn_scalar(name, str(why), stacklevel=3)
    return _scalar_arrays(np, columns, rule, bodies)  # type: ignore[no-any-return]


# --- the result ------------------------------------------------------------------------------------


def _fy_index(pd: Any, years: Sequence[int]) -> Any:
    """The ``fy`` index of a table of totals, from the distinct start years, in order: the ``fiscal_year`` dtype.

    It shows 平成27年度 as every kyodo frame's ``fy`` does (see :mod:`kyodo.pandas`).
    """
    import numpy

    from kyodo.pandas import FiscalYearArray

    return pd.Index(FiscalYearArray(numpy.asarray(list(years), dtype=numpy.int64)), name="fy")


def _exact_sum(np: Any, amounts: Any) -> int:
    """The sum of non-negative ``amounts`` as a Python int: int64 where it cannot overflow, Python ints otherwise."""
    if not len(amounts):
        return 0
    if amounts.dtype != object and int(amounts.max()) * len(amounts) < _INT64_LIMIT:
        return int(amounts.sum())
    return sum(int(amount) for amount in amounts.tolist())


@frozen(repr=False, eq=False)
class WhatIfFrame:
    """A what-if study as columns: each variant's awards, binding constraints and refusals, a row per application.

    ``awards``, ``bindings`` and ``refusals`` are pandas DataFrames on the
    input's index (so they join back to the input rows), one column per
    variant, in the order of the variants: awards as int64 yen (Python ints,
    dtype object, in the rare study whose yen could pass int64), the binding
    constraint and the refusal as Categoricals of the values of
    :class:`~kyodo.subsidies.Constraint` and :class:`~kyodo.subsidies.Refusal`
    (every member a category, so columns compare; no refusal is missing).
    :attr:`frame` puts them side by side, per variant.

    Made by :func:`what_if_frame`; ``award(label)`` and ``explain(label)``
    compute one row again on the scalar path, with its explanation.
    """

    awards: Any
    bindings: Any
    refusals: Any
    variants: tuple[str, ...]
    _rules: Mapping[str, SubsidyRule] = field(alias="rules")
    _bodies: Mapping[str, Body] | None = field(alias="bodies")
    _columns: _Columns = field(alias="columns")

    def __repr__(self) -> str:
        return f"WhatIfFrame({len(self.variants)} variants × {len(self.awards):,} applications)"

    @property
    def frame(self) -> Any:
        """Every column in one DataFrame on the input's index, columns ``(variant, "award" | "binding" | "refusal")``.

        ``result.frame[variant]`` is one variant's three columns, ready to
        join to the input: ``population.join(result.frame[variant])``.
        """
        pd = self._columns.pd
        columns = {}
        for variant in self.variants:
            columns[(variant, "award")] = self.awards[variant]
            columns[(variant, "binding")] = self.bindings[variant]
            columns[(variant, "refusal")] = self.refusals[variant]
        return pd.DataFrame(columns, index=self.awards.index)

    def totals(self) -> dict[str, int]:
        """The yen awarded under each variant, exact, as :meth:`kyodo.WhatIf.totals` gives them."""
        np = self._columns.np
        return {variant: _exact_sum(np, self.awards[variant].to_numpy()) for variant in self.variants}

    def totals_by_fy(self) -> Any:
        """The yen each variant needs in each fiscal year: a DataFrame indexed by ``fy`` (fiscal_year), a column a variant.

        Figures are int64 where their sum fits, Python ints otherwise.
        """
        columns = self._columns
        np, pd = columns.np, columns.pd
        codes, years = columns.fy_codes()
        table = {}
        for variant in self.variants:
            amounts = self.awards[variant].to_numpy()
            exact = amounts.dtype != object and (not len(amounts) or int(amounts.max()) * len(amounts) < _INT64_LIMIT)
            sums = np.zeros(len(years), dtype=np.int64 if exact else object)
            if not exact:
                sums[:] = 0
            np.add.at(sums, codes, amounts)
            table[variant] = sums
        return pd.DataFrame(table, index=_fy_index(pd, years))

    def budget_needed(self) -> dict[tuple[str, FiscalYear], int]:
        """The yen each variant needs in each fiscal year, exact, as :meth:`kyodo.WhatIf.budget_needed` gives them.

        So :func:`kyodo.charts.whatif_chart` draws a columnar study as it draws rows.
        """
        table = self.totals_by_fy()
        return {
            (variant, fy): int(amount)
            for variant in self.variants
            for fy, amount in zip(table.index, table[variant].tolist(), strict=True)
        }

    def _position(self, label: Any) -> int:
        index = self.awards.index
        try:
            found = index.get_loc(label)
        except KeyError:
            raise ValidationError(
                ("", (f"no row is labelled {label!r}", f"ラベル {label!r} の行がない"), "unknown_label")
            ) from None
        if not isinstance(found, int):
            raise ValidationError(
                ("", (f"the label {label!r} names more than one row", f"ラベル {label!r} の行が複数ある"), "duplicate")
            )
        return found

    def award(self, label: Any, variant: str | None = None) -> Award:
        """The award of the row labelled ``label`` under ``variant`` (the only one, if omitted), on the scalar path.

        The row's body's applications go through a :class:`~kyodo.subsidies.Ledger` in fiscal-year
        order up to this one, as :func:`kyodo.what_if` takes them, so the award is the one the frame
        holds, with everything the scalar path knows of it (its explanation, its lines).
        """
        from kyodo.subsidies import Ledger

        if variant is None:
            if len(self.variants) != 1:
                raise ValidationError(
                    (
                        "variant",
                        (
                            f"name one of the variants: {', '.join(map(repr, self.variants))}",
                            f"バリアントを一つ指定する: {'、'.join(self.variants)}",
                        ),
                    )
                )
            variant = self.variants[0]
        if variant not in self._rules:
            raise ValidationError(
                (
                    "variant",
                    (
                        f"{variant!r} is not one of {', '.join(map(repr, self.variants))}",
                        f"{variant!r} はバリアントにない",
                    ),
                    "unknown_label",
                )
            )
        columns = self._columns
        position = self._position(label)
        np = columns.np
        codes, names = columns.bodies()
        same = np.flatnonzero(codes == codes[position])
        same = same[np.argsort(columns.years[same], kind="stable")]
        name = names[codes[position]]
        ledger = Ledger(self._rules[variant], None if self._bodies is None else self._bodies.get(name))
        for row in same.tolist():
            application = columns.application(row)
            ledger = ledger.apply(application.cost, application.fy, application.claim)
            if row == position:
                break
        return ledger.awards[-1]

    def explain(self, label: Any, variant: str | None = None) -> Explanation:
        """How the award of the row labelled ``label`` under ``variant`` was computed (see :meth:`award`)."""
        return self.award(label, variant).explanation


def what_if_frame(
    population: Any,
    variants: Mapping[str, SubsidyRule],
    bodies: Mapping[str, Body] | None = None,
    *,
    progress: bool | None = None,
    claim_columns: Mapping[str, ClaimRole] | None = None,
) -> WhatIfFrame:
    """Run a population given as columns under every variant, with numpy: a :class:`WhatIfFrame`.

    ``population`` is a pandas DataFrame, a mapping of equally long arrays,
    or a pyarrow Table, with the columns ``body``, ``fy`` and ``cost``: ``fy``
    as start years (ints), FiscalYear objects, labels (平成27年度, FY2015),
    annual pandas Periods or kyodo's ``fiscal_year`` column (read once per
    distinct value), ``cost`` as whole yen (an integer column; floats are
    refused, never truncated). A ``body`` column of dtype ``category`` is
    grouped at no cost; other bodies are coded once per call, and only when a
    variant reads them (a per-FY cap, conditions on the body, history). A
    pyarrow Table's text columns are dictionary-encoded by Arrow, so only their
    distinct values become Python objects. Needs the ``pandas`` extra.

    What an application claims beyond its cost is read from columns named as
    the variants name it: an attribute a calculation declares (活動), a count
    a step counts by (世帯数), a kind of deduction a step names (収入), and
    ``site`` where a cap or a waiting period runs per site. A missing value
    claims nothing, as a :class:`~kyodo.Claim` without it. A variant that reads
    an attribute or a count the population has no column for is refused, not
    computed as if no row claimed it. ``claim_columns`` names the columns and
    their roles (``"attribute"``, ``"count"``, ``"deduction"``, ``"site"``)
    instead: needed where a step takes every deduction an application lists.

    Awards equal :func:`kyodo.what_if`'s on every row. A variant that cannot
    run column by column runs on the scalar path with a
    :class:`ScalarPathWarning`. ``progress`` is as :func:`kyodo.what_if`'s: a
    bar, a step a variant, where someone watches and tqdm is installed.

    >>> from kyodo import SubsidyRule, SubsidyTerms, rule_grid
    >>> base = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
    >>> variants = rule_grid(base, rate=["1/2", "2/3"])
    >>> population = {"body": ["東", "西", "東"], "fy": [2014, 2014, 2015], "cost": [420_000, 150_000, 0]}
    >>> result = what_if_frame(population, variants)
    >>> result.awards
       rate=1/2  rate=2/3
    0    200000    200000
    1     75000    100000
    2         0         0
    >>> result.frame["rate=2/3"]
        award     binding           refusal
    0  200000  cap_per_fy               NaN
    1  100000        rate               NaN
    2       0     refused  no_eligible_cost
    >>> result.totals()
    {'rate=1/2': 275000, 'rate=2/3': 300000}
    >>> result.totals_by_fy()
            rate=1/2  rate=2/3
    fy
    平成26年度    275000    300000
    平成27年度         0         0
    >>> result.explain(1, "rate=2/3").en
    '100,000 yen = floor(2/3 × 150,000); under the 200,000 yen per-FY cap'
    """
    check_variants(variants)
    np, pd = _numpy_pandas()
    columns = _read(np, pd, population, variants, claim_columns)
    binding_type = pd.CategoricalDtype([constraint.value for constraint in CONSTRAINTS])
    refusal_type = pd.CategoricalDtype([refusal.value for refusal in REFUSALS])
    awards, bindings, refusals = {}, {}, {}
    # The awards' block, a row a variant, which the kernels write into: the DataFrame of awards is
    # then this block, with no copy (pandas would otherwise gather the columns into one).
    block = np.empty((len(variants), len(columns)), dtype=np.int64)
    with Progress(len(variants), "what-if", progress) as bar:
        for row, (name, rule) in enumerate(variants.items()):
            amounts, binding, reason = _variant_arrays(np, columns, name, rule, bodies, block[row])
            awards[name] = amounts
            bindings[name] = pd.Categorical.from_codes(binding, dtype=binding_type, validate=False)
            # Refusal code 0 is "none", which a Categorical writes as -1 (missing).
            refusals[name] = pd.Categorical.from_codes(reason - 1, dtype=refusal_type, validate=False)
            bar.advance()
    index = columns.index

    def table(values: dict[str, Any]) -> Any:
        return pd.DataFrame(values, index=index, columns=list(variants), copy=False)

    if variants and all(np.shares_memory(awards[name], block[row]) for row, name in enumerate(variants)):
        amounts_table = pd.DataFrame(block.T, index=index, columns=list(variants), copy=False)
    else:
        amounts_table = table(awards)
    return WhatIfFrame(amounts_table, table(bindings), table(refusals), tuple(variants), variants, bodies, columns)
