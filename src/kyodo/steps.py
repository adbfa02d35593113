"""An award as cities compute it: a pipeline of small steps, written as data.

A real 補助金交付要綱 computes an award in steps: deduct what the project
earns and what other grants pay; refuse a project below a minimum cost;
choose the rate and the cap from a table by the kind of work; compute each
camera or each 自治会 on its own; round; cap per application, per fiscal
year, over a window of years and in total; add a top-up on what is left.
Each of these is one small frozen object here, and a :class:`Calculation` is
the list of them. :meth:`kyodo.SubsidyRule.compute` runs it exactly (int yen,
Fraction) and records every step that changed the figure, so the award
explains itself step by step.

A 改修 of a 木造 集会所, half the cost rounded down to 1,000 yen, at most
300,000 yen per 自治会 applying jointly:

>>> from kyodo import FiscalYear, SubsidyRule
>>> calculation = Calculation(
...     [
...         Table([Row({"工事": "新築"}, [Rate("1/2")]), Row({"工事": "改修"}, [Rate("1/2")])]),
...         Round("千円未満切捨て"),
...         Cap(300_000, times="units"),
...     ],
...     attributes={"工事": ["新築", "改修"]},
... )
>>> rule = SubsidyRule("集会所整備補助金", [calculation])
>>> award = rule.compute(1_240_500, FiscalYear(2024), attributes={"工事": "改修"}, units=[Unit("東町会"), Unit("西町会")])
>>> award.amount
600000
>>> print(award.explanation.text("ja"))
600,000円: 工事=改修: 1,240,500円 × 1/2 = 620,250円 → 千円未満切捨て 620,000円 → 限度額 300,000円 × 2 = 600,000円
>>> print(award.explanation.text("en"))
600,000 yen: 工事=改修: 1/2 × 1,240,500 = 620,250 → rounded down to 1,000 yen 620,000 → cap 300,000 × 2 units = 600,000

The steps, by what they do to the figure:

- the cost: :class:`Categories` (eligible and ineligible expense
  categories), :class:`Deduct` (income and other grants), :class:`MinimumCost`,
  :class:`MinimumCount` (a floor area, or a unit's age, at least so much);
- the award: :class:`Rate`, :class:`Round`, :class:`Cap` (per application,
  per unit, per fiscal year, over a window of years, in total, per body or
  per site, or times the number of units), :class:`TopUp`, :class:`MinimumAward`;
- choices and parts: :class:`Table` (rows chosen by the application's
  attributes), :class:`PerUnit` (each unit computed and capped on its own,
  then summed), :class:`MaxUnits`;
- time: :class:`YearLimit`, :class:`OncePerFY`, :class:`WaitingPeriod`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from attrs import evolve, field, fields, frozen

from kyodo._bands import _decimal_text
from kyodo._limits import number_problem
from kyodo._printed import RoundingMode, describe_rounding, read_rate, read_rounding, read_yen, round_to
from kyodo.errors import Coded, KyodoError, Message, ParseError, ValidationError
from kyodo.fiscal import FiscalYear
from kyodo.money import as_printed, rate_text

if TYPE_CHECKING:
    from kyodo.subsidies import Award

__all__ = [
    "Calculation",
    "Cap",
    "Categories",
    "Claim",
    "CostCap",
    "Deduct",
    "DeficitCap",
    "MaxUnits",
    "MinimumAward",
    "MinimumCost",
    "MinimumCount",
    "OncePerFY",
    "PerUnit",
    "Rate",
    "Round",
    "Row",
    "Step",
    "StepLine",
    "Table",
    "TopUp",
    "Unit",
    "WaitingPeriod",
    "YearLimit",
]

Attributes: TypeAlias = tuple[tuple[str, str], ...]
CapScope = Literal["application", "unit", "fy", "window", "rolling", "total"]


# --- converters ----------------------------------------------------------------------------------


def _problem(name: str, error: KyodoError) -> ValidationError:
    if isinstance(error, ValidationError):
        return ValidationError(
            *((name if not path else f"{name}.{path}", message) for path, message in error.bilingual)
        )
    if isinstance(error, ParseError):
        return ValidationError((name, error.coded))
    return ValidationError((name, str(error), error.code))


def _to_yen(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(
            (
                name,
                (f"expected whole yen, not {value!r}", f"円単位の金額が必要（{value!r}）"),
                "inexact_number" if isinstance(value, float | bool) else "not_a_number",
            )
        )
    try:
        amount = read_yen(value)
    except KyodoError as error:
        raise _problem(name, error) from None
    problem = number_problem(amount)
    if problem is not None:
        raise ValidationError((name, problem))
    return amount


def _amount(value: int | str) -> int:
    return _to_yen(value, "amount")


def _cost(value: int | str) -> int:
    return _to_yen(value, "cost")


def _rate(value: Fraction | int | str) -> Fraction:
    if isinstance(value, Fraction):
        rate = value
    elif isinstance(value, int) and not isinstance(value, bool):
        rate = Fraction(value)
    elif isinstance(value, str):
        try:
            rate = read_rate(value)
        except KyodoError as error:
            raise _problem("rate", error) from None
    else:
        raise ValidationError(
            (
                "rate",
                (f"expected an exact rate such as '2/3', not {value!r}", f"'2/3' のような正確な率が必要（{value!r}）"),
                "inexact_number" if isinstance(value, float | bool | Decimal) else "not_a_number",
            )
        )
    problem = number_problem(rate)
    if problem is not None or rate < 0:
        raise ValidationError(
            (
                "rate",
                problem or Coded(f"a rate cannot be negative: {rate}", f"率は負にならない（{rate}）", "out_of_range"),
            )
        )
    above = _above_the_cost(rate, value)
    if above is not None:
        raise ValidationError(("rate", above))
    return as_printed(rate, value)


def _above_the_cost(rate: Fraction, given: object) -> Coded | None:
    """Why a subsidy's ``rate`` cannot be, being more than the whole cost (100%), or None.

    No 要綱 kyodo has read pays more than the eligible cost (10分の10 is the
    most), and a rate above it is a slip (3/2 for 2/3) that would pay 1,500
    yen on a cost of 1,000; no rule may opt out until a real one needs to.
    """
    if rate <= 1:
        return None
    shown = repr(given) if isinstance(given, str) else str(rate)
    return Coded(
        f"{shown} is more than 100%: a subsidy pays at most the whole eligible cost (10分の10)",
        f"{shown} は100%を超える。補助金が払うのは対象経費の全額（10分の10）まで",
        "out_of_range",
    )


def _count(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if type(value) is not int or not 1 <= value <= 1000:
            raise ValidationError(
                (
                    name,
                    (f"expected a whole number from 1 to 1000, not {value!r}", f"1～1000 の整数が必要（{value!r}）"),
                    "out_of_range" if type(value) is int else "not_a_number",
                )
            )

    return check


def _optional_names(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value)


def _names(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def attributes_of(value: Mapping[str, str] | Iterable[tuple[str, str]] | None) -> Attributes:
    """Attributes as sorted (name, value) pairs, each a non-empty text."""
    if value is None:
        return ()
    pairs = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(part, str) and part for part in pair)):
            raise ValidationError(
                (
                    "attributes",
                    (f"expected name = value pairs of text, not {pair!r}", f"名前 = 値 の文字列の組が必要（{pair!r}）"),
                )
            )
    names = [name for name, _value in pairs]
    if len(set(names)) != len(names):
        raise ValidationError(("attributes", ("an attribute is given twice", "同じ属性が二度ある"), "duplicate"))
    return tuple(sorted(pairs))


def _text(attributes: Attributes) -> str:
    return ", ".join(f"{name}={value}" for name, value in attributes)


def _step_list(value: Iterable[Step]) -> tuple[Step, ...]:
    return _steps(value, "steps")


def _steps(value: Iterable[Step], where: str) -> tuple[Step, ...]:
    return _all_of(value, _STEP_TYPES, where, ("a step", "手順"))


def _all_of(value: Iterable[Any], kinds: type | tuple[type, ...], where: str, what: tuple[str, str]) -> tuple[Any, ...]:
    """``value`` as a tuple, each item one of ``kinds``; the first that is not is refused with its index."""
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, kinds):
            raise ValidationError(
                (f"{where}[{index}]", (f"expected {what[0]}, not {item!r}", f"{what[1]}が必要（{item!r}）"))
            )
    return items


# --- what an application brings -----------------------------------------------------------------


def _units(value: Iterable[Unit]) -> tuple[Unit, ...]:
    return _all_of(value, Unit, "units", ("a Unit", "Unit "))


def _deductions(value: Mapping[str, int] | Iterable[tuple[str, int]] | None) -> tuple[tuple[str, int], ...]:
    if value is None:
        return ()
    pairs = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    return tuple((str(kind), _to_yen(amount, f"deductions.{kind}")) for kind, amount in pairs)


#: A count: a whole number (世帯数 = 320), or an exact measured quantity (床面積 = 89.42㎡).
Count: TypeAlias = int | Fraction


def count_of(value: object) -> Count | None:
    """``value`` as an exact count from 0 to below 10⁹, or None if it is not one.

    Whole numbers stay ``int``; a ``Decimal``, a ``Fraction`` or a decimal text
    ("89.42") is kept exact as a ``Fraction``. A float is never read: it
    cannot say which decimal was meant.

    >>> count_of("89.42"), count_of(Decimal("70.00")), count_of(0.5)
    (Fraction(4471, 50), 70, None)
    """
    count: Fraction
    if type(value) is int:
        count = Fraction(value)
    elif isinstance(value, Fraction):
        count = value
    elif isinstance(value, Decimal):
        if number_problem(value) is not None:
            return None
        count = Fraction(value)
    elif isinstance(value, str) and 0 < len(value) <= 30 and value.replace(".", "", 1).isascii():
        if not value.replace(".", "", 1).isdigit():
            return None
        count = Fraction(value)
    else:
        return None
    if not 0 <= count < 10**9 or count.denominator > 10**9:
        return None
    return count.numerator if count.denominator == 1 else count


def count_text(count: Count) -> str:
    """A count as people write it: 320, 89.42 (a finite decimal), or 1/3."""
    if isinstance(count, int) or count.denominator == 1:
        return f"{int(count):,}"
    return _decimal_text(count)


def _counts(
    value: Mapping[str, Count | Decimal | str] | Iterable[tuple[str, Count | Decimal | str]] | None,
) -> tuple[tuple[str, Count], ...]:
    if value is None:
        return ()
    pairs = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    counts = []
    for name, given in pairs:
        count = count_of(given)
        if not isinstance(name, str) or count is None:
            raise ValidationError(
                (
                    f"counts.{name}",
                    (
                        f"expected a whole number or an exact quantity (89.42) of 0 or more, not {given!r}",
                        f"0 以上の整数か正確な量（89.42）が必要（{given!r}）",
                    ),
                    "not_text" if not isinstance(name, str) else "not_a_number",
                )
            )
        counts.append((name, count))
    return tuple(sorted(counts))


@frozen(repr=False)
class Unit:
    """One part of an application computed or counted on its own: a camera, a 自治会, a month, a category.

    ``cost`` is the unit's own cost where :class:`PerUnit` computes it
    (0 where units are only counted, as 自治会 applying jointly are);
    ``attributes`` choose its row of a :class:`Table` (機器 = ソーラー型);
    ``counts`` are the unit's own measures (経過年数 = 7, an old camera's
    age), which inside :class:`PerUnit` take precedence over the
    application's counts of the same name.
    """

    name: str
    cost: int = field(default=0, converter=_cost)
    attributes: Attributes = field(default=(), converter=attributes_of)
    counts: tuple[tuple[str, Count], ...] = field(default=(), converter=_counts)

    def __repr__(self) -> str:
        return _repr(self, counts=())


@frozen
class Claim:
    """What an application tells a calculation beyond its cost: units, attributes, deductions, the site.

    ``deductions`` are income and other grants by kind (参加費, 県補助金),
    which :class:`Deduct` takes off the eligible cost; ``site`` names the
    building or place, for a :class:`WaitingPeriod` that runs per site;
    ``counts`` are what a cap may be counted by: whole numbers (世帯数 = 320)
    or exact measured quantities (床面積 = ``"89.42"``, a ``Decimal`` or a
    ``Fraction``; never a float).
    """

    units: tuple[Unit, ...] = field(default=(), converter=_units)
    attributes: Attributes = field(default=(), converter=attributes_of)
    deductions: tuple[tuple[str, int], ...] = field(default=(), converter=_deductions)
    site: str | None = None
    counts: tuple[tuple[str, Count], ...] = field(default=(), converter=_counts)


# --- the steps --------------------------------------------------------------------------------------


@frozen
class Categories:
    """The eligible cost is the sum of the eligible categories of the cost's breakdown (対象経費).

    ``eligible`` lists the categories funded (None: all but the ineligible);
    an uncategorised cost is always eligible.
    """

    eligible: frozenset[str] | None = field(default=None, converter=_optional_names)
    ineligible: frozenset[str] = field(default=frozenset(), converter=_names)


@frozen
class Deduct:
    """Take income and other grants off the eligible cost (事業費 − 収入 − 他の補助金), never below 0.

    ``kinds`` names the deductions taken (None: every deduction the application lists).
    """

    kinds: frozenset[str] | None = field(default=None, converter=_optional_names)


@frozen
class MinimumCost:
    """Refuse an application whose eligible cost so far is below ``amount`` (工事費がN万円以上のもの)."""

    amount: int = field(converter=_amount)


def _minimum(value: Count | Decimal | str) -> Count:
    count = count_of(value)
    if count is None or count == 0:
        raise ValidationError(
            (
                "amount",
                (
                    f'expected a count above 0, whole or exact (33, "33.5"), not {value!r}',
                    f'0 より大きい整数か正確な量（33、"33.5"）が必要（{value!r}）',
                ),
                "not_a_number" if count is None else "out_of_range",
            )
        )
    return count


def _count_name(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            ("name", (f"expected the name of a count, not {value!r}", f"数の名前が必要（{value!r}）"))
        )


@frozen
class MinimumCount:
    """Refuse below ``amount`` of the count ``name`` (延床面積が33平方メートル以上, 設置後5年以上経過したもの).

    The count is the application's (``counts``); inside :class:`PerUnit` a
    unit's own count of that name comes first, so an old camera younger than
    the minimum is refused alone and the others are still funded. 横須賀市
    funds replacing a camera only 5 years or more after it was installed:

    >>> from kyodo import FiscalYear, SubsidyRule
    >>> rule = SubsidyRule("防犯カメラ", [Calculation([PerUnit([MinimumCount("経過年数", 5), Rate("9/10"), Cap(270_000, per="unit")])])])
    >>> cameras = [Unit("1号機", 300_000, counts={"経過年数": 6}), Unit("2号機", 200_000, counts={"経過年数": 3})]
    >>> print(rule.compute(500_000, FiscalYear(2024), units=cameras).explanation.text("en"))
    270,000 yen: 1号機: 9/10 × 300,000 = 270,000; 2号機: 0 (経過年数 3 is below the minimum of 5); total 270,000
    """

    name: str = field(validator=_count_name)
    amount: Count = field(converter=_minimum)


@frozen
class Rate:
    """The award is ``rate`` times the eligible cost, exactly (補助率)."""

    rate: Fraction = field(converter=_rate)


def _rounding(value: tuple[RoundingMode, int] | str) -> tuple[RoundingMode, int]:
    if isinstance(value, tuple) and len(value) == 2:
        mode, unit = value
        if mode in ("down", "half_up", "up") and type(unit) is int and unit in (1, 10, 100, 1000, 10_000):
            return mode, unit
    if isinstance(value, str):
        try:
            return read_rounding(value)
        except KyodoError as error:
            raise _problem("round", error) from None
    raise ValidationError(
        (
            "round",
            (
                f"expected a rounding rule such as '千円未満切捨て', not {value!r}",
                f"'千円未満切捨て' のような端数処理が必要（{value!r}）",
            ),
            "unknown_label",
        )
    )


@frozen
class Round:
    """Round the award so far: down, half up or up, to 1, 10, 100, 1,000 or 10,000 yen (千円未満切捨て)."""

    rule: tuple[RoundingMode, int] = field(converter=_rounding)

    @property
    def mode(self) -> RoundingMode:
        """How: "down" (切捨て), "half_up" (四捨五入) or "up" (切り上げ)."""
        return self.rule[0]

    @property
    def unit(self) -> int:
        """To a multiple of how many yen."""
        return self.rule[1]


def _scope(value: CapScope) -> CapScope:
    if value not in ("application", "unit", "fy", "window", "rolling", "total"):
        raise ValidationError(
            (
                "per",
                (
                    f"expected application, unit, fy, window or total, not {value!r}",
                    f"application、unit、fy、window、total のいずれか（{value!r}）",
                ),
                "unknown_label",
            )
        )
    return value


@frozen(repr=False)
class Cap:
    """At most ``amount`` yen: per application, per unit, per body per fiscal year, per window of years, or in total.

    ``per="fy"``, ``"window"``, ``"rolling"`` and ``"total"`` count what the
    body was already awarded: in the fiscal year; in the window of ``years``
    fiscal years that starts with its first award and then starts again
    (交付を受けた年度以降3年度以内で50万円); in the ``years`` fiscal years up to
    this one, each award counting for that long after it (交付した翌年度から
    起算して5年度を経過した額は対象外); ever.
    ``times="units"`` multiplies the cap by the number of units (限度額 ×
    自治会数), and ``times`` naming a count of the claim by that count;
    ``plus`` adds a fixed amount (世帯数 × 400円 + 10万円 is
    ``Cap(400, times="世帯数", plus=100_000)``).

    ``scope="site"`` counts, of the body's earlier awards, only those for the
    same site (1集会施設に対する1年度当たりの上限度額): an award whose site is
    not known, or an application that names none, counts as the same site,
    so a missing site never pays more than ``scope="body"`` would.

    >>> from kyodo import FiscalYear, SubsidyRule
    >>> rule = SubsidyRule("集会施設", [Calculation([Rate("1/2"), Cap(1_500_000, per="fy", scope="site")])])
    >>> east = rule.compute(4_000_000, FiscalYear(2024), site="東公会堂")
    >>> rule.compute(1_000_000, FiscalYear(2024), history=[east], site="西公会堂").amount
    500000
    >>> print(rule.compute(1_000_000, FiscalYear(2024), history=[east], site="東公会堂").explanation.text("en"))
    0 yen: 1/2 × 1,000,000 = 500,000 → per-site per-FY cap 1,500,000 (less 1,500,000 already awarded: 0)
    """

    amount: int = field(converter=_amount)
    per: CapScope = field(default="application", converter=_scope)
    times: str | None = None
    years: int | None = None
    plus: int = field(default=0, converter=_amount)
    scope: Literal["body", "site"] = "body"

    def __repr__(self) -> str:
        return _repr(self, scope="body")

    def __attrs_post_init__(self) -> None:
        if self.times is not None and (not isinstance(self.times, str) or not self.times.strip()):
            raise ValidationError(
                (
                    "times",
                    (
                        f"expected 'units' or the name of a count, not {self.times!r}",
                        f"'units' か数の名前が必要（{self.times!r}）",
                    ),
                )
            )
        if (self.per in ("window", "rolling")) != (self.years is not None):
            raise ValidationError(
                (
                    "years",
                    (
                        "a window cap needs its years, and only a window cap has them",
                        "期間の限度額には年数が必要で、それ以外には書かない",
                    ),
                )
            )
        if self.years is not None:
            _count("years")(self, None, self.years)
        if self.scope not in ("body", "site"):
            raise ValidationError(
                (
                    "scope",
                    (f"expected body or site, not {self.scope!r}", f"body か site（{self.scope!r}）"),
                    "unknown_label",
                )
            )
        if self.scope == "site" and self.per in ("application", "unit"):
            raise ValidationError(
                (
                    "scope",
                    (
                        "only a cap that counts earlier awards (fy, window, rolling, total) runs per site",
                        "施設ごとに数えるのは既交付額を数える限度額（fy、window、rolling、total）だけ",
                    ),
                )
            )


@frozen
class CostCap:
    """The eligible cost counts up to ``amount`` yen (補助対象経費の上限), times the units or a count if given."""

    amount: int = field(converter=_amount)
    times: str | None = None


@frozen
class DeficitCap:
    """The award is at most the cost less the named deductions (収支不足額を上限とする); None: all of them.

    Unlike :class:`Deduct`, the rate still applies to the whole cost: the
    deficit only caps the result.
    """

    kinds: frozenset[str] | None = field(default=None, converter=_optional_names)


@frozen
class MinimumAward:
    """Refuse an application whose award so far is below ``amount`` (下限額)."""

    amount: int = field(converter=_amount)


@frozen
class TopUp:
    """Add ``rate`` times what the award so far leaves unfunded (残額の1/2を加算), then its own ``steps``.

    The steps (a :class:`Round`, a :class:`Cap`) apply to the top-up alone.
    """

    rate: Fraction = field(converter=_rate)
    steps: tuple[Step, ...] = field(default=(), converter=_step_list)


@frozen
class Row:
    """One row of a :class:`Table`: the attribute values it is for, and its steps."""

    when: Attributes = field(converter=attributes_of)
    steps: tuple[Step, ...] = field(converter=_step_list)
    label: str | None = None

    def fits(self, attributes: Mapping[str, str]) -> bool:
        """True if every attribute the row names has its value in ``attributes``."""
        return all(attributes.get(name) == value for name, value in self.when)

    @property
    def name(self) -> str:
        """The row as a phrase: its label, or its attribute values."""
        return self.label or _text(self.when)


def _repr(step: Any, **defaults: object) -> str:
    """attrs' repr, leaving out the fields given here while they keep their default (as before they existed)."""
    shown = [
        f"{item.name}={getattr(step, item.name)!r}"
        for item in fields(type(step))
        if item.name not in defaults or getattr(step, item.name) != defaults[item.name]
    ]
    return f"{type(step).__name__}({', '.join(shown)})"


def _rows(value: Iterable[Row]) -> tuple[Row, ...]:
    return _all_of(value, Row, "rows", ("a Row", "Row "))


@frozen
class Table:
    """Steps chosen by attributes (工事の種類, 構造, 機器): the first row that fits the application runs.

    Inside :class:`PerUnit`, a unit's own attributes take precedence over the application's.
    """

    rows: tuple[Row, ...] = field(converter=_rows)

    def __attrs_post_init__(self) -> None:
        if not self.rows:
            raise ValidationError(("rows", ("a table needs at least one row", "表には行が一つ以上必要")))

    def row(self, attributes: Mapping[str, str]) -> Row | None:
        """The row that fits ``attributes``, or None."""
        return next((row for row in self.rows if row.fits(attributes)), None)


@frozen
class PerUnit:
    """Run ``steps`` on each unit's own cost, then sum: each camera, month or category capped on its own."""

    steps: tuple[Step, ...] = field(converter=_step_list)


@frozen(repr=False)
class MaxUnits:
    """At most ``count`` units per application (``per="application"``) or per body per fiscal year (1年度N台まで).

    Units past the limit are not funded; the explanation names them.
    ``when`` limits only the units of one kind, by their attributes (a
    unit's own over the application's), and leaves the others alone: 上市町
    takes 2 new lights and 6 replaced ones a year, two steps.

    >>> from kyodo import FiscalYear, SubsidyRule
    >>> lights = Calculation(
    ...     [MaxUnits(2, per="fy", when={"工事": "新規"}), MaxUnits(6, per="fy", when={"工事": "更新"}),
    ...      PerUnit([Rate("1/2"), Cap(8_000, per="unit")])],
    ...     attributes={"工事": ["新規", "更新"]},
    ... )
    >>> rule = SubsidyRule("LED防犯灯", [lights])
    >>> units = [Unit(f"{n}号灯", 20_000, {"工事": "新規"}) for n in (1, 2, 3)] + [Unit("4号灯", 10_000, {"工事": "更新"})]
    >>> print(rule.compute(70_000, FiscalYear(2024), units=units).explanation.text("en"))
    21,000 yen: at most 2 工事=新規 units: 3号灯 not funded → 1号灯: 1/2 × 20,000 = 10,000 → per-unit cap 8,000; 2号灯: 1/2 × 20,000 = 10,000 → per-unit cap 8,000; 4号灯: 1/2 × 10,000 = 5,000; total 21,000
    """

    count: int = field(validator=_count("count"))
    per: Literal["application", "fy"] = "application"
    when: Attributes = field(default=(), converter=attributes_of)

    def __repr__(self) -> str:
        return _repr(self, when=())

    def counts(self, unit: Unit, attributes: Mapping[str, str]) -> bool:
        """True if ``unit`` is of the kind this limit counts, its own attributes over the application's ``attributes``."""
        merged = {**attributes, **dict(unit.attributes)}
        return all(merged.get(name) == value for name, value in self.when)


@frozen
class YearLimit:
    """Refuse once the body has been funded in ``years`` other fiscal years (交付はN年度まで)."""

    years: int = field(validator=_count("years"))


@frozen
class OncePerFY:
    """Refuse a second application by the same body in one fiscal year (同一年度1回限り)."""


def _years_by(value: Mapping[str, int] | Iterable[tuple[str, int]] | None) -> tuple[tuple[str, int], ...]:
    if value is None:
        return ()
    pairs = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    for name, years in pairs:
        _count(f"years_by.{name}")(None, None, years)
    return tuple(pairs)


def _matrix(
    value: Mapping[str, Mapping[str, int]] | Iterable[tuple[str, str, int]] | None,
) -> tuple[tuple[str, str, int], ...]:
    if value is None:
        return ()
    triples: list[tuple[str, str, int]] = []
    if isinstance(value, Mapping):
        for now, row in value.items():
            if not isinstance(row, Mapping):
                raise ValidationError(
                    (
                        f"after.{now}",
                        ("expected a table of earlier value = years", "前回の値 = 年数 の表が必要"),
                        "not_a_table",
                    )
                )
            triples.extend((str(now), str(before), years) for before, years in row.items())
    else:
        triples = [(str(now), str(before), years) for now, before, years in value]
    for now, before, years in triples:
        _count(f"after.{now}.{before}")(None, None, years)
    return tuple(triples)


def _programmes(value: Iterable[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = (value,)
    names = tuple(value)
    if not all(isinstance(name, str) and name.strip() for name in names):
        raise ValidationError(
            ("programmes", (f"expected the names of programmes, not {names!r}", f"制度の名前が必要（{names!r}）"))
        )
    return frozenset(names)


@frozen(repr=False)
class WaitingPeriod:
    """Refuse a new award within ``years`` fiscal years of an earlier one (修繕後N年を経過していること).

    An award in FY t blocks FY t to t + years − 1; FY t + years is open
    again. ``scope="site"`` counts only awards for the same site (the same
    building); ``by`` names an attribute whose value chooses the years
    (``years_by``: 木造 = 20, 鉄骨 = 30), ``years`` being the default.
    ``after`` chooses them by the value of ``by`` now and in the earlier
    award, as 明石市 prints a matrix: 新築 after 新築 waits 20 years, after
    改修 10 (``after = {"新築": {"新築": 20, "改修": 10}, …}``); a pair it does
    not list falls back to ``years_by`` and ``years``.

    ``programmes`` names other programmes (their rules' names) whose awards
    count instead of this rule's own: :meth:`~kyodo.SubsidyRule.compute`
    reads them from ``others``, the body's awards under other programmes,
    and an award under one of them in this fiscal year blocks too.
    Inside a :class:`TopUp`, it withholds the top-up alone. 勝山市 funds the
    part of a snow blower above 75万円 as its 防災資機材 programme, only if
    that programme has not funded the body in the last 5 years:

    >>> from kyodo import FiscalYear, SubsidyRule
    >>> equipment = SubsidyRule("防災資機材", [Calculation([Rate("2/3"), Cap(200_000)])])
    >>> bought = equipment.compute(300_000, FiscalYear(2022))
    >>> snow = SubsidyRule("除雪機", [Calculation([Rate("10/10"), Cap(750_000),
    ...     TopUp("2/3", [WaitingPeriod(5, programmes=["防災資機材"]), Cap(200_000)])])])
    >>> snow.compute(1_050_000, FiscalYear(2024)).amount, snow.compute(1_050_000, FiscalYear(2027), others=[bought]).amount
    (950000, 950000)
    >>> print(snow.compute(1_050_000, FiscalYear(2024), others=[bought]).explanation.text("en"))
    750,000 yen: 10/10 × 1,050,000 = 1,050,000 → cap 750,000 → no top-up (awarded in FY2022 under 防災資機材; the next award may come from FY2027 (5 years on))
    """

    years: int | None = None
    scope: Literal["body", "site"] = "body"
    by: str | None = None
    years_by: tuple[tuple[str, int], ...] = field(default=(), converter=_years_by)
    after: tuple[tuple[str, str, int], ...] = field(default=(), converter=_matrix)
    programmes: frozenset[str] = field(default=frozenset(), converter=_programmes)

    def __repr__(self) -> str:
        return _repr(self, programmes=frozenset())

    def __attrs_post_init__(self) -> None:
        if self.years is not None:
            _count("years")(self, None, self.years)
        if self.scope not in ("body", "site"):
            raise ValidationError(
                (
                    "scope",
                    (f"expected body or site, not {self.scope!r}", f"body か site（{self.scope!r}）"),
                    "unknown_label",
                )
            )
        if (self.by is None) != (not self.years_by and not self.after):
            raise ValidationError(
                ("by", ("give by with years_by or after, and only with them", "by は years_by か after と組で書く"))
            )
        if self.years is None and self.by is None:
            raise ValidationError(("years", ("a waiting period needs its years", "待機期間には年数が必要")))

    def years_for(self, attributes: Mapping[str, str], earlier: Mapping[str, str] | None = None) -> int | None:
        """The years that apply to an application with ``attributes`` after an award with ``earlier`` ones."""
        if self.by is not None and earlier is not None and self.by in attributes and self.by in earlier:
            for now, before, years in self.after:
                if now == attributes[self.by] and before == earlier[self.by]:
                    return years
        if self.by is not None and self.by in attributes:
            for value, years in self.years_by:
                if value == attributes[self.by]:
                    return years
        return self.years


Step: TypeAlias = (
    Categories
    | Deduct
    | MinimumCost
    | MinimumCount
    | Rate
    | Round
    | Cap
    | CostCap
    | DeficitCap
    | MinimumAward
    | TopUp
    | Table
    | PerUnit
    | MaxUnits
    | YearLimit
    | OncePerFY
    | WaitingPeriod
)
_STEP_TYPES: tuple[type, ...] = (
    Categories,
    Deduct,
    MinimumCost,
    MinimumCount,
    Rate,
    Round,
    Cap,
    CostCap,
    DeficitCap,
    MinimumAward,
    TopUp,
    Table,
    PerUnit,
    MaxUnits,
    YearLimit,
    OncePerFY,
    WaitingPeriod,
)


def _vocabulary(
    value: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]] | None,
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if value is None:
        return ()
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple((str(name), tuple(values)) for name, values in pairs)


@frozen
class Calculation:
    """How a rule computes an award: its steps in order, and the attributes applications may give.

    ``attributes`` declares each attribute's values (構造 = [木造, 非木造]);
    every table row and every application is checked against it, so a
    misspelt value is an error, not a row that never fits.
    """

    steps: tuple[Step, ...] = field(converter=_step_list)
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), converter=_vocabulary)

    def __attrs_post_init__(self) -> None:
        if not self.steps:
            raise ValidationError(("steps", ("a calculation needs at least one step", "計算には手順が一つ以上必要")))
        problems = list(self._problems(self.steps, "steps"))
        if not any(isinstance(step, Rate) for step in _walk(self.steps)):
            problems.append(("steps", ("a calculation needs a rate", "計算には補助率が必要")))
        if problems:
            raise ValidationError(*problems)

    def _problems(self, steps: Sequence[Step], where: str) -> Iterable[tuple[str, Message]]:
        declared = dict(self.attributes)
        for index, step in enumerate(steps):
            place = f"{where}[{index}]"
            if isinstance(step, Table):
                for number, row in enumerate(step.rows):
                    for name, value in row.when:
                        if name not in declared:
                            yield (
                                f"{place}.rows[{number}]",
                                Coded(
                                    f"the attribute {name!r} is not declared",
                                    f"属性 {name!r} が宣言されていない",
                                    "unknown_label",
                                ),
                            )
                        elif value not in declared[name]:
                            yield (
                                f"{place}.rows[{number}]",
                                Coded(
                                    f"{value!r} is not a value of {name!r}; expected one of {', '.join(declared[name])}",
                                    f"{value!r} は {name!r} の値ではない（{'、'.join(declared[name])}）",
                                    "unknown_label",
                                ),
                            )
                    yield from self._problems(row.steps, f"{place}.rows[{number}].steps")
            elif isinstance(step, PerUnit | TopUp):
                yield from self._problems(step.steps, f"{place}.steps")
            elif isinstance(step, MaxUnits):
                for name, value in step.when:
                    if name not in declared or value not in declared[name]:
                        yield (
                            f"{place}.when",
                            Coded(
                                f"{name}={value} is not a declared attribute value",
                                f"{name}={value} は宣言された属性の値ではない",
                                "unknown_label",
                            ),
                        )
            elif isinstance(step, WaitingPeriod) and step.by is not None and step.by not in declared:
                yield (
                    place,
                    Coded(
                        f"the attribute {step.by!r} is not declared",
                        f"属性 {step.by!r} が宣言されていない",
                        "unknown_label",
                    ),
                )

    def check(self, claim: Claim, cost: int | None = None) -> None:
        """Refuse an invalid application: attributes not among the declared ones, or unit costs that do not add up.

        Where units carry costs, they are the application's cost in parts, and
        must add up to ``cost``.
        """
        declared = dict(self.attributes)
        problems: list[tuple[str, Message]] = []
        unit_costs = sum(unit.cost for unit in claim.units)
        if cost is not None and unit_costs and unit_costs != cost:
            problems.append(
                (
                    "units",
                    (
                        f"the units' costs add up to {unit_costs:,} yen, but the application's cost is {cost:,} yen",
                        f"単位の費用の合計 {unit_costs:,}円 が申請の費用 {cost:,}円 と合わない",
                    ),
                )
            )
        for where, attributes in [("attributes", claim.attributes)] + [
            (f"units[{i}].attributes", unit.attributes) for i, unit in enumerate(claim.units)
        ]:
            for name, value in attributes:
                if name not in declared:
                    problems.append(
                        (
                            where,
                            Coded(
                                f"{name!r} is not an attribute of this rule; expected one of {', '.join(declared) or 'none'}",
                                f"{name!r} はこの制度の属性ではない",
                                "unknown_label",
                            ),
                        )
                    )
                elif value not in declared[name]:
                    problems.append(
                        (
                            where,
                            Coded(
                                f"{value!r} is not a value of {name!r}; expected one of {', '.join(declared[name])}",
                                f"{value!r} は {name!r} の値ではない（{'、'.join(declared[name])}）",
                                "unknown_label",
                            ),
                        )
                    )
        if problems:
            raise ValidationError(*problems)


def _walk(steps: Iterable[Step]) -> Iterable[Step]:
    for step in steps:
        yield step
        if isinstance(step, Table):
            for row in step.rows:
                yield from _walk(row.steps)
        elif isinstance(step, PerUnit | TopUp):
            yield from _walk(step.steps)


# --- running a calculation ---------------------------------------------------------------------------


@frozen
class StepLine:
    """One step that changed the figure: which, the figure after it, the facts it used, and two sentences."""

    step: str
    amount: Fraction | int | None
    facts: tuple[tuple[str, object], ...]
    ja: str
    en: str


class Refused(Exception):
    """Raised inside a calculation to stop it: the application gets nothing, for ``reason``."""

    def __init__(self, reason: str, ja: str, en: str, **facts: object) -> None:
        super().__init__(en)
        self.reason, self.ja, self.en = reason, ja, en
        self.facts = facts


class _Figure:
    """The figure as the steps change it (private, mutable for speed; never leaves the run)."""

    __slots__ = ("amount", "base", "binding", "lines", "units")

    def __init__(self, base: int | Fraction, units: tuple[Unit, ...]) -> None:
        self.base = base
        self.amount: Fraction | None = None
        self.binding = "rate"
        self.lines: list[StepLine] = []
        self.units = units

    def note(self, step: str, ja: str, en: str, **facts: object) -> None:
        self.lines.append(StepLine(step, self.amount, tuple(facts.items()), ja, en))


@frozen
class Context:
    """What a run knows besides the figure: the year, the claim, and the body's earlier awards.

    ``history`` holds the awards under the rule; ``others`` the body's awards
    under other programmes, which a step reads only where it names them
    (:class:`WaitingPeriod`'s ``programmes``).
    """

    fy: FiscalYear
    claim: Claim
    history: tuple[Award, ...]
    breakdown: tuple[tuple[str, int], ...]
    others: tuple[Award, ...] = ()


def yen_text(value: Fraction | int) -> str:
    """Yen for a sentence: whole yen, or rounded down to two decimals (the exact figure stays in the facts)."""
    value = Fraction(value)
    if value.denominator == 1:
        return f"{value.numerator:,}"
    hundredths = value.numerator * 100 // value.denominator
    return f"{hundredths // 100:,}.{hundredths % 100:02d}"


def run(calculation: Calculation, context: Context) -> _Figure:
    """Run ``calculation``; raises :class:`Refused` when a step refuses the application."""
    breakdown = context.breakdown
    figure = _Figure(sum(amount for _category, amount in breakdown), context.claim.units)
    _run_steps(calculation.steps, figure, context, dict(context.claim.attributes))
    if figure.amount is None:  # pragma: no cover - a calculation always has a rate, checked at construction
        raise Refused("no_rate", "補助率がない", "no rate applies")
    return figure


def _earlier(context: Context) -> list[Award]:
    return [award for award in context.history if award.amount > 0]


def _run_steps(steps: Sequence[Step], figure: _Figure, context: Context, attributes: dict[str, str]) -> None:
    for step in steps:
        if isinstance(step, Categories):
            figure.base = sum(
                amount
                for category, amount in context.breakdown
                if category not in step.ineligible
                and (step.eligible is None or category in step.eligible or category == "")
            )
            figure.note(
                "categories", f"対象経費 {figure.base:,}円", f"eligible cost {figure.base:,}", eligible_cost=figure.base
            )
            if figure.base == 0:
                raise Refused("no_eligible_cost", "対象経費がない", "no part of the cost is eligible")
        elif isinstance(step, Deduct):
            taken = [
                (kind, amount) for kind, amount in context.claim.deductions if step.kinds is None or kind in step.kinds
            ]
            if taken:
                before = figure.base
                figure.base = max(before - sum(amount for _kind, amount in taken), 0)
                minus_ja = "".join(f" − {kind} {amount:,}円" for kind, amount in taken)
                minus_en = "".join(f" − {kind} {amount:,}" for kind, amount in taken)
                figure.note(
                    "deduct",
                    f"{yen_text(before)}円{minus_ja} = 対象経費 {yen_text(figure.base)}円",
                    f"{yen_text(before)}{minus_en} = eligible {yen_text(figure.base)}",
                    deducted=dict(taken),
                    eligible_cost=figure.base,
                )
                if figure.base == 0:
                    raise Refused(
                        "no_eligible_cost", "控除後の対象経費がない", "nothing is left to fund after the deductions"
                    )
        elif isinstance(step, MinimumCost):
            if figure.base < step.amount:
                raise Refused(
                    "below_minimum_cost",
                    f"対象経費 {yen_text(figure.base)}円 が下限 {step.amount:,}円 に満たない",
                    f"the eligible cost {yen_text(figure.base)} is below the {step.amount:,} yen minimum",
                    minimum_cost=step.amount,
                )
        elif isinstance(step, MinimumCount):
            count = _count_named(step.name, context, "minimum_count")
            if count < step.amount:
                raise Refused(
                    "below_minimum_count",
                    f"{step.name} {count_text(count)} が下限 {count_text(step.amount)} に満たない",
                    f"{step.name} {count_text(count)} is below the minimum of {count_text(step.amount)}",
                    minimum_count=step.amount,
                    count=count,
                )
        elif isinstance(step, Rate):
            figure.amount = step.rate * figure.base
            # A capped cost still decides the award the rate makes of it.
            figure.binding = "cost_cap" if figure.binding == "cost_cap" else "rate"
            figure.note(
                "rate",
                f"{yen_text(figure.base)}円 × {rate_text(step.rate)} = {yen_text(figure.amount)}円",
                f"{rate_text(step.rate)} × {yen_text(figure.base)} = {yen_text(figure.amount)}",
                rate=step.rate,
                base=figure.base,
            )
        elif isinstance(step, Round):
            amount = _needs_amount(figure, "round")
            rounded = Fraction(round_to(amount, step.mode, step.unit))
            if rounded != amount:
                figure.amount = rounded
                ja, en = describe_rounding(step.mode, step.unit)
                figure.note(
                    "round",
                    f"{ja} {yen_text(rounded)}円",
                    f"{en} {yen_text(rounded)}",
                    mode=step.mode,
                    unit=step.unit,
                )
        elif isinstance(step, Cap):
            _cap(step, figure, context)
        elif isinstance(step, CostCap):
            times = _times(step.times, figure, context)
            limit = _exact(step.amount * times)
            if figure.base > limit:
                figure.base = limit
                figure.binding = "cost_cap"
                counted = "" if step.times in (None, "units") else f" {step.times}"
                product_ja = f"{step.amount:,}円 × {count_text(times)}{counted} = " if step.times is not None else ""
                product_en = f"{step.amount:,} × {count_text(times)}{counted or ' units'} = " if step.times else ""
                figure.note(
                    "cost_cap",
                    f"対象経費の上限 {product_ja}{yen_text(limit)}円",
                    f"eligible cost capped at {product_en}{yen_text(limit)}",
                    cost_cap=limit,
                )
        elif isinstance(step, DeficitCap):
            amount = _needs_amount(figure, "deficit_cap")
            gross = sum(cost for _category, cost in context.breakdown)
            deducted = sum(
                value for kind, value in context.claim.deductions if step.kinds is None or kind in step.kinds
            )
            deficit = max(gross - deducted, 0)
            if amount > deficit:
                figure.amount = Fraction(deficit)
                figure.binding = "deficit_cap"
                figure.note(
                    "deficit_cap",
                    f"収支不足額 {gross:,}円 − {deducted:,}円 = {deficit:,}円 を上限",
                    f"at most the deficit {gross:,} − {deducted:,} = {deficit:,}",
                    deficit=deficit,
                )
        elif isinstance(step, MinimumAward):
            amount = _needs_amount(figure, "minimum_award")
            if amount < step.amount:
                raise Refused(
                    "below_minimum",
                    f"算定額 {yen_text(amount)}円 が下限額 {step.amount:,}円 に満たない",
                    f"the amount {yen_text(amount)} is below the {step.amount:,} yen minimum award",
                    minimum_award=step.amount,
                )
        elif isinstance(step, TopUp):
            amount = _needs_amount(figure, "top_up")
            left = max(figure.base - amount, Fraction(0))
            part = _Figure(figure.base, figure.units)
            part.amount = step.rate * left
            try:
                _run_steps(step.steps, part, context, attributes)
            except Refused as refusal:
                # The top-up's own steps refuse the top-up alone (加算の対象外): the award so far stands.
                figure.note("top_up", f"加算なし（{refusal.ja}）", f"no top-up ({refusal.en})", top_up=0)
                continue
            assert part.amount is not None
            figure.amount = amount + part.amount
            figure.binding = "top_up"
            inner_ja = "".join(f" → {line.ja}" for line in part.lines)
            inner_en = "".join(f" → {line.en}" for line in part.lines)
            figure.note(
                "top_up",
                f"残額 {yen_text(left)}円 × {rate_text(step.rate)}{inner_ja} を加算して {yen_text(figure.amount)}円",
                f"top-up {rate_text(step.rate)} × the {yen_text(left)} left{inner_en}, giving {yen_text(figure.amount)}",
                top_up=part.amount,
            )
        elif isinstance(step, Table):
            row = step.row(attributes)
            if row is None:
                raise Refused(
                    "no_row",
                    f"表に {_text(tuple(sorted(attributes.items()))) or '属性なし'} に当たる行がない",
                    f"no row of the table fits {_text(tuple(sorted(attributes.items()))) or 'no attributes'}",
                )
            before = len(figure.lines)
            _run_steps(row.steps, figure, context, attributes)
            if len(figure.lines) > before and row.name:
                first = figure.lines[before]
                figure.lines[before] = StepLine(
                    first.step,
                    first.amount,
                    (("row", row.name), *first.facts),
                    f"{row.name}: {first.ja}",
                    f"{row.name}: {first.en}",
                )
        elif isinstance(step, PerUnit):
            _per_unit(step, figure, context, attributes)
        elif isinstance(step, MaxUnits):
            _max_units(step, figure, context, attributes)
        elif isinstance(step, YearLimit):
            years = {award.fy for award in _earlier(context) if award.fy != context.fy}
            if len(years) >= step.years:
                raise Refused(
                    "year_limit",
                    f"交付は {step.years} 年度までで、すでに {len(years)} 年度交付済み",
                    f"at most {step.years} fiscal years are funded, and {len(years)} already were",
                    max_years=step.years,
                )
        elif isinstance(step, OncePerFY):
            if any(award.fy == context.fy for award in _earlier(context)):
                raise Refused(
                    "once_per_fy",
                    f"{context.fy} はすでに交付済み（同一年度1回限り）",
                    f"already funded in {context.fy.format('fy')} (once per fiscal year)",
                )
        elif isinstance(step, WaitingPeriod):
            _wait(step, context, attributes)


def _needs_amount(figure: _Figure, step: str) -> Fraction:
    if figure.amount is None:
        raise ValidationError((step, (f"the {step} step comes before any rate", f"{step} の手順が補助率より前にある")))
    return figure.amount


#: The constraint a cap of each scope names when it binds.
_CAP_BINDINGS: dict[CapScope, str] = {
    "application": "cap_per_application",
    "unit": "cap_per_unit",
    "fy": "cap_per_fy",
    "window": "window_cap",
    "rolling": "window_cap",
    "total": "total_cap",
}


def _cap(step: Cap, figure: _Figure, context: Context) -> None:
    amount = _needs_amount(figure, "cap")
    times = _times(step.times, figure, context)
    limit = _exact(step.amount * times + step.plus)
    used = 0
    earlier = _earlier(context)
    if step.scope == "site":
        earlier = [award for award in earlier if _same_site(award, context)]
    if step.per == "fy":
        used = sum(award.amount for award in earlier if award.fy == context.fy)
    elif step.per == "total":
        used = sum(award.amount for award in earlier)
    elif step.per == "window":
        assert step.years is not None
        # Windows start with the body's first award and follow on, each ``years`` fiscal years long.
        firsts = sorted((award.fy for award in earlier), key=lambda fy: fy.year)
        if firsts:
            start = firsts[0] + ((context.fy - firsts[0]) // step.years) * step.years
            used = sum(award.amount for award in earlier if start <= award.fy <= context.fy)
    elif step.per == "rolling":
        assert step.years is not None
        used = sum(award.amount for award in earlier if context.fy - step.years < award.fy <= context.fy)
    room = max(limit - used, 0)
    if amount <= room:
        return
    if room == 0 and used and step.per in ("window", "rolling", "total"):
        raise Refused(
            "total_reached",
            f"限度額 {yen_text(limit)}円 に既交付額 {used:,}円 で達している",
            f"the {yen_text(limit)} yen cap is already reached by the {used:,} yen awarded",
            cap=limit,
            used=used,
        )
    figure.amount = Fraction(room)
    figure.binding = _CAP_BINDINGS[step.per]
    scope_ja = {
        "application": "限度額",
        "unit": "1件あたりの限度額",
        "fy": "年度あたりの限度額",
        "window": f"{step.years}年度あたりの限度額",
        "rolling": f"直近{step.years}年度の限度額",
        "total": "通算の限度額",
    }[step.per]
    scope_en = {
        "application": "cap",
        "unit": "per-unit cap",
        "fy": "per-FY cap",
        "window": f"cap per {step.years} fiscal years",
        "rolling": f"cap over the last {step.years} fiscal years",
        "total": "total cap",
    }[step.per]
    if step.scope == "site":
        scope_ja, scope_en = f"施設ごとの{scope_ja}", f"per-site {scope_en}"
    counted = "" if step.times is None else "units" if step.times == "units" else step.times
    plus_ja = f" + {step.plus:,}円" if step.plus else ""
    plus_en = f" + {step.plus:,}" if step.plus else ""
    shown = count_text(times)
    times_ja = f"円 × {shown}{plus_ja} = {yen_text(limit)}円" if step.times is not None or step.plus else "円"
    times_en = f" × {shown} {counted}{plus_en} = {yen_text(limit)}" if step.times is not None or step.plus else ""
    less_ja = f"（既交付 {used:,}円 を除き {yen_text(room)}円）" if used else ""
    less_en = f" (less {used:,} already awarded: {yen_text(room)})" if used else ""
    figure.note(
        figure.binding,
        f"{scope_ja} {step.amount:,}{times_ja}{less_ja}",
        f"{scope_en} {step.amount:,}{times_en}{less_en}",
        cap=limit,
        used=used,
    )


def _exact(value: Count) -> Count:
    """``value`` as an int when it is whole, so whole figures stay ints."""
    return value.numerator if isinstance(value, Fraction) and value.denominator == 1 else value


def _same_site(award: Award, context: Context) -> bool:
    """True if ``award`` may be for the application's site: the same one, or either not known."""
    site = context.claim.site
    earlier = award.claim.site if award.claim is not None else None
    return site is None or earlier is None or earlier == site


def _times(times: str | None, figure: _Figure, context: Context) -> Count:
    """How many times a cap counts: 1, the number of units, or a count the claim gives."""
    if times is None:
        return 1
    if times == "units":
        return len(figure.units)
    return _count_named(times, context, "cap")


def _count_named(name: str, context: Context, step: str) -> Count:
    """The claim's count ``name`` (inside :class:`PerUnit`, the unit's own first); a rule that needs one not given is an error."""
    counts = dict(context.claim.counts)
    if name not in counts:
        what = "counts its cap by" if step == "cap" else "asks for"
        what_ja = "限度額を数える" if step == "cap" else "を求める"
        raise ValidationError(
            (
                "counts",
                (
                    f"the rule {what} {name!r}; give counts={{{name!r}: ...}}",
                    f"この制度は {name!r} {what_ja}。counts に {name!r} を書く",
                ),
            )
        )
    return counts[name]


def _per_unit(step: PerUnit, figure: _Figure, context: Context, attributes: dict[str, str]) -> None:
    if not figure.units:
        raise Refused("no_units", "対象となる単位（台・団体など）がない", "the application lists no units to compute")
    total = Fraction(0)
    parts_ja, parts_en = [], []
    for unit in figure.units:
        part = _Figure(unit.cost, (unit,))
        merged = {**attributes, **dict(unit.attributes)}
        here = context
        if unit.counts:
            here = evolve(
                context, claim=evolve(context.claim, counts={**dict(context.claim.counts), **dict(unit.counts)})
            )
        try:
            _run_steps(step.steps, part, here, merged)
        except Refused as refusal:
            parts_ja.append(f"{unit.name}: 0円（{refusal.ja}）")
            parts_en.append(f"{unit.name}: 0 ({refusal.en})")
            continue
        amount = _needs_amount(part, "per_unit")
        total += amount
        parts_ja.append(f"{unit.name}: " + " → ".join(line.ja for line in part.lines))
        parts_en.append(f"{unit.name}: " + " → ".join(line.en for line in part.lines))
    figure.base = sum(unit.cost for unit in figure.units)
    figure.amount = total
    figure.binding = "per_unit"
    figure.note(
        "per_unit",
        "；".join(parts_ja) + f"；計 {yen_text(total)}円",
        "; ".join(parts_en) + f"; total {yen_text(total)}",
        units=len(figure.units),
    )


def _max_units(step: MaxUnits, figure: _Figure, context: Context, attributes: Mapping[str, str]) -> None:
    def counted(units: Iterable[Unit], claimed: Mapping[str, str]) -> list[Unit]:
        return [unit for unit in units if step.counts(unit, claimed)]

    used = 0
    if step.per == "fy":
        used = sum(
            len(counted(award.claim.units, dict(award.claim.attributes)))
            for award in _earlier(context)
            if award.fy == context.fy and award.claim is not None
        )
    allowed = max(step.count - used, 0)
    mine = counted(figure.units, attributes)
    kind_ja = f"{_text(step.when)} の" if step.when else ""
    kind_en = f"{_text(step.when)} " if step.when else ""
    if allowed == 0 and (not step.when or (mine and len(mine) == len(figure.units))):
        raise Refused(
            "max_units",
            f"{kind_ja}{step.count}件の上限に達している",
            f"the limit of {step.count} {kind_en}units is reached",
            max_units=step.count,
        )
    if len(mine) > allowed:
        dropped = {id(unit) for unit in mine[allowed:]}
        names_ja = "、".join(unit.name for unit in mine[allowed:])
        names_en = ", ".join(unit.name for unit in mine[allowed:])
        figure.units = tuple(unit for unit in figure.units if id(unit) not in dropped)
        figure.note(
            "max_units",
            f"{kind_ja}{step.count}件まで: {names_ja} は対象外",
            f"at most {step.count} {kind_en}units: {names_en} not funded",
            max_units=step.count,
        )


def _wait(step: WaitingPeriod, context: Context, attributes: dict[str, str]) -> None:
    if step.programmes:
        # Another programme's award blocks from its own fiscal year on.
        awards = [award for award in context.others if award.amount > 0 and award.rule.name in step.programmes]
    else:
        # This rule's own award of the same year is OncePerFY's business.
        awards = [award for award in _earlier(context) if award.fy != context.fy]
    for award in awards:
        earlier = dict(award.claim.attributes) if award.claim is not None else {}
        years = step.years_for(attributes, earlier)
        if years is None:
            continue
        if step.scope == "site" and (
            award.claim is None or award.claim.site != context.claim.site or context.claim.site is None
        ):
            continue
        if award.fy <= context.fy < award.fy + years:
            opens = award.fy + years
            where_ja = "同じ施設に" if step.scope == "site" else ""
            where_en = " for the same site" if step.scope == "site" else ""
            if step.programmes:
                where_ja = f"{award.rule.name} で{where_ja}"
                where_en = f" under {award.rule.name}{where_en}"
            raise Refused(
                "waiting_period",
                f"{award.fy} に{where_ja}交付済みで、次は {opens} から（{years}年経過後）",
                f"awarded in {award.fy.format('fy')}{where_en}; the next award may come from {opens.format('fy')} ({years} years on)",
                waiting_years=years,
                opens=str(opens),
            )
