"""The file form of a subsidy calculation: each step a table with one key naming its kind.

In TOML (whose inline tables keep to one line), a version's steps are an
array of tables::

    [[versions]]
    attributes = { "工事" = ["新築", "改修"] }

    [[versions.steps]]
    deduct = "all"

    [[versions.steps]]
    minimum_cost = "50万円"

    [[versions.steps]]
    table = [
      { when = { "工事" = "新築" }, steps = [{ rate = "1/2" }, { cap = "300万円" }] },
      { when = { "工事" = "改修" }, steps = [{ rate = "1/3" }, { cap = "100万円" }] },
    ]

    [[versions.steps]]
    round = "千円未満切捨て"

    [[versions.steps]]
    cap = "20万円"
    per = "fy"

Amounts, rates and rounding are read as 要綱 print them (27万5千円, 1/3以内,
三分の二, 千円未満切捨て) and written back in one canonical form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, Final

from kyodo._printed import describe_rounding
from kyodo.errors import Coded, KyodoError, Message, ParseError, ValidationError
from kyodo.steps import (
    Calculation,
    Cap,
    Categories,
    CostCap,
    Deduct,
    DeficitCap,
    MaxUnits,
    MinimumAward,
    MinimumCost,
    MinimumCount,
    OncePerFY,
    PerUnit,
    Rate,
    Round,
    Row,
    Step,
    Table,
    TopUp,
    WaitingPeriod,
    YearLimit,
    count_text,
)

#: The key that names each kind of step, and the other keys it may have.
_OPTIONS: Final[dict[str, frozenset[str]]] = {
    "rate": frozenset(),
    "round": frozenset(),
    "cap": frozenset({"per", "times", "years", "plus", "scope"}),
    "cost_cap": frozenset({"times"}),
    "deficit_cap": frozenset(),
    "minimum_cost": frozenset(),
    "minimum_award": frozenset(),
    "minimum_count": frozenset(),
    "deduct": frozenset(),
    "categories": frozenset(),
    "table": frozenset(),
    "per_unit": frozenset(),
    "top_up": frozenset({"steps"}),
    "max_units": frozenset({"per", "when"}),
    "year_limit": frozenset(),
    "once_per_fy": frozenset(),
    "waiting_period": frozenset({"scope", "by", "years", "after", "programmes"}),
}


def _fail(path: str, message: Message, code: str | None = None) -> ValidationError:
    """A problem at ``path``; with no ``code``, the message's own (``invalid`` for a plain one)."""
    return ValidationError((path, message) if code is None else (path, message, code))


def calculation_from_data(data: Mapping[str, Any], path: str = "") -> Calculation:
    """A calculation from its file form: ``steps`` and, optionally, ``attributes``; every problem is reported."""
    extra = set(data) - {"steps", "attributes"}
    problems: list[tuple[str, Message]] = []
    if extra:
        problems.append(
            (
                path,
                Coded(
                    f"unknown keys {sorted(extra)}; expected steps and attributes",
                    f"知らないキー {sorted(extra)}",
                    "unknown_key",
                ),
            )
        )
    attributes = data.get("attributes", {})
    if not isinstance(attributes, Mapping) or not all(
        isinstance(values, list | tuple) and all(isinstance(value, str) for value in values)
        for values in attributes.values()
    ):
        problems.append(
            (_at(path, "attributes"), ("expected a table of attribute = [values]", "属性 = [値, …] の表が必要"))
        )
        attributes = {}
    steps: list[Step] = []
    try:
        steps = _steps(data.get("steps"), _at(path, "steps"))
    except ValidationError as error:
        problems.extend(error.bilingual)
    if problems:
        raise ValidationError(*problems)
    try:
        return Calculation(steps, attributes)
    except ValidationError as error:
        raise ValidationError(
            *((_at(path, inner) if inner else path, message) for inner, message in error.bilingual)
        ) from None


def _at(path: str, key: str) -> str:
    if not path:
        return key
    return f"{path}{key}" if key.startswith("[") else f"{path}.{key}"


def _steps(value: object, path: str) -> list[Step]:
    if not isinstance(value, list | tuple):
        raise _fail(
            path,
            (f"expected a list of steps, not {type(value).__name__}", f"手順のリストが必要（{type(value).__name__}）"),
            "not_a_list",
        )
    steps: list[Step] = []
    problems: list[tuple[str, Message]] = []
    for index, item in enumerate(value):
        try:
            steps.append(_step(item, f"{path}[{index}]"))
        except ValidationError as error:
            problems.extend(error.bilingual)
    if problems:
        raise ValidationError(*problems)
    return steps


def _step(value: object, path: str) -> Step:
    if not isinstance(value, Mapping):
        raise _fail(
            path,
            (f"a step is a table, not {type(value).__name__}", f"手順は表（{type(value).__name__} ではない）"),
            "not_a_table",
        )
    kinds = [key for key in value if key in _OPTIONS]
    if len(kinds) != 1:
        names = ", ".join(_OPTIONS)
        raise _fail(
            path,
            (
                f"a step names one kind, one of {names}; got {sorted(map(str, value))}",
                f"手順は種類を一つ名指す（{names}）",
            ),
            "missing_key" if not kinds else "invalid",
        )
    kind = kinds[0]
    extra = set(value) - {kind} - _OPTIONS[kind]
    if extra:
        raise _fail(
            path,
            (
                f"unknown keys {sorted(extra)} for a {kind} step; expected some of {sorted(_OPTIONS[kind])}",
                f"{kind} の手順に知らないキー {sorted(extra)}",
            ),
            "unknown_key",
        )
    body = value[kind]
    options = {key: item for key, item in value.items() if key != kind}
    try:
        return _BUILDERS[kind](body, options, f"{path}.{kind}")
    except ValidationError as error:
        raise ValidationError(
            *((_at(path, inner) if inner else path, message) for inner, message in error.bilingual)
        ) from None
    except ParseError as error:
        raise _fail(path, error.coded) from None
    except KyodoError as error:
        raise _fail(path, (str(error), str(error)), error.code) from None
    except (TypeError, ValueError) as error:
        raise _fail(path, (str(error), f"値が正しくない（{error}）")) from None


def _names(value: object, path: str) -> frozenset[str] | None:
    if value == "all":
        return None
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return frozenset(value)
    raise _fail(path, ('expected "all" or a list of names', '"all" か名前のリストが必要'), "not_a_list")


def _categories(body: object, _options: dict[str, Any], path: str) -> Categories:
    if not isinstance(body, Mapping) or set(body) - {"eligible", "ineligible"}:
        raise _fail(
            path,
            ("expected { eligible = [...], ineligible = [...] }", "{ eligible = [...], ineligible = [...] } が必要"),
            "not_a_table" if not isinstance(body, Mapping) else "unknown_key",
        )
    eligible = body.get("eligible")
    return Categories(
        None if eligible is None else _names(eligible, path), _names(body.get("ineligible", []), path) or ()
    )


def _table(body: object, _options: dict[str, Any], path: str) -> Table:
    if not isinstance(body, list | tuple):
        raise _fail(
            path,
            (
                "expected a list of rows { when = {...}, steps = [...] }",
                "行 { when = {...}, steps = [...] } のリストが必要",
            ),
            "not_a_list",
        )
    rows: list[Row] = []
    problems: list[tuple[str, Message]] = []
    for index, row in enumerate(body):
        where = f"{path}[{index}]"
        if (
            not isinstance(row, Mapping)
            or set(row) - {"when", "steps", "label"}
            or "when" not in row
            or "steps" not in row
        ):
            problems.append(
                (
                    where,
                    (
                        "a row is { when = {...}, steps = [...], label = ... }",
                        "行は { when = {...}, steps = [...], label = ... }",
                    ),
                )
            )
            continue
        try:
            when = row["when"]
            if not isinstance(when, Mapping):
                raise _fail(
                    f"{where}.when", ("expected a table of attribute = value", "属性 = 値 の表が必要"), "not_a_table"
                )
            label = row.get("label")
            if label is not None and not isinstance(label, str):
                raise _fail(f"{where}.label", ("expected text", "文字列が必要"), "not_text")
            rows.append(Row(dict(when), _steps(row["steps"], f"{where}.steps"), label))
        except ValidationError as error:
            problems.extend(error.bilingual)
    if problems:
        raise ValidationError(*problems)
    return Table(rows)


def _waiting(body: object, options: dict[str, Any], _path: str) -> WaitingPeriod:
    scope = options.get("scope", "body")
    after = options.get("after")
    if after is not None and not isinstance(after, Mapping):
        raise _fail(
            f"{_path}.after",
            ("expected a table of value now = { earlier value = years }", "今回の値 = { 前回の値 = 年数 } の表が必要"),
            "not_a_table",
        )
    programmes = options.get("programmes", [])
    if not isinstance(programmes, list | tuple) or not all(isinstance(name, str) for name in programmes):
        raise _fail(
            f"{_path}.programmes", ("expected a list of programme names", "制度の名前のリストが必要"), "not_a_list"
        )
    if isinstance(body, Mapping):
        return WaitingPeriod(
            options.get("years"),
            scope=scope,
            by=options.get("by"),
            years_by=dict(body),
            after=after,
            programmes=programmes,
        )
    return WaitingPeriod(body, scope=scope, by=options.get("by"), after=after, programmes=programmes)  # type: ignore[arg-type]


def _minimum_count(body: object, _options: dict[str, Any], path: str) -> MinimumCount:
    if not isinstance(body, Mapping) or len(body) != 1:
        raise _fail(
            path,
            (
                'expected one count and its minimum: { "延床面積" = "33" }',
                '数の名前と下限を一つ: { "延床面積" = "33" }',
            ),
        )
    ((name, amount),) = body.items()
    return MinimumCount(name, amount)


def _max_units(body: object, options: dict[str, Any], path: str) -> MaxUnits:
    when = options.get("when", {})
    if not isinstance(when, Mapping):
        raise _fail(f"{path}.when", ("expected a table of attribute = value", "属性 = 値 の表が必要"), "not_a_table")
    return MaxUnits(body, options.get("per", "application"), dict(when))  # type: ignore[arg-type]


def _once(body: object, _options: dict[str, Any], path: str) -> OncePerFY:
    if body is not True:
        raise _fail(
            path, (f"write once_per_fy = true, not {body!r}", f"once_per_fy = true と書く（{body!r}）"), "not_a_boolean"
        )
    return OncePerFY()


_BUILDERS: Final[dict[str, Callable[[Any, dict[str, Any], str], Step]]] = {
    "rate": lambda body, _o, _p: Rate(body),
    "round": lambda body, _o, _p: Round(body),
    "cap": lambda body, options, _p: Cap(body, **options),
    "minimum_cost": lambda body, _o, _p: MinimumCost(body),
    "cost_cap": lambda body, options, _p: CostCap(body, **options),
    "deficit_cap": lambda body, _o, path: DeficitCap(_names(body, path)),
    "minimum_award": lambda body, _o, _p: MinimumAward(body),
    "minimum_count": _minimum_count,
    "deduct": lambda body, _o, path: Deduct(_names(body, path)),
    "categories": _categories,
    "table": _table,
    "per_unit": lambda body, _o, path: PerUnit(_steps(body, path)),
    "top_up": lambda body, options, path: TopUp(body, _steps(options.get("steps", []), f"{path}.steps")),
    "max_units": _max_units,
    "year_limit": lambda body, _o, _p: YearLimit(body),
    "once_per_fy": _once,
    "waiting_period": _waiting,
}


# --- writing -------------------------------------------------------------------------------------------


def calculation_to_data(calculation: Calculation) -> dict[str, object]:
    """A calculation in its canonical file form."""
    data: dict[str, object] = {}
    if calculation.attributes:
        data["attributes"] = {name: list(values) for name, values in calculation.attributes}
    data["steps"] = [_step_data(step) for step in calculation.steps]
    return data


def rate_data(rate: Fraction) -> str:
    """A rate as files write it: a whole percentage (50%), else a fraction (2/3)."""
    percent = rate * 100
    return f"{percent.numerator}%" if percent.denominator == 1 else f"{rate.numerator}/{rate.denominator}"


def _step_data(step: Step) -> dict[str, object]:
    if isinstance(step, Rate):
        return {"rate": rate_data(step.rate)}
    if isinstance(step, Round):
        return {"round": describe_rounding(step.mode, step.unit)[0]}
    if isinstance(step, Cap):
        data: dict[str, object] = {"cap": step.amount}
        if step.per != "application":
            data["per"] = step.per
        if step.times is not None:
            data["times"] = step.times
        if step.years is not None:
            data["years"] = step.years
        if step.plus:
            data["plus"] = step.plus
        if step.scope != "body":
            data["scope"] = step.scope
        return data
    if isinstance(step, CostCap):
        return {"cost_cap": step.amount, **({"times": step.times} if step.times is not None else {})}
    if isinstance(step, DeficitCap):
        return {"deficit_cap": "all" if step.kinds is None else sorted(step.kinds)}
    if isinstance(step, MinimumCost):
        return {"minimum_cost": step.amount}
    if isinstance(step, MinimumAward):
        return {"minimum_award": step.amount}
    if isinstance(step, MinimumCount):
        amount = step.amount if isinstance(step.amount, int) else count_text(step.amount)
        return {"minimum_count": {step.name: amount}}
    if isinstance(step, Deduct):
        return {"deduct": "all" if step.kinds is None else sorted(step.kinds)}
    if isinstance(step, Categories):
        body: dict[str, object] = {}
        if step.eligible is not None:
            body["eligible"] = sorted(step.eligible)
        if step.ineligible:
            body["ineligible"] = sorted(step.ineligible)
        return {"categories": body}
    if isinstance(step, Table):
        rows = []
        for row in step.rows:
            record: dict[str, object] = {"when": dict(row.when), "steps": [_step_data(inner) for inner in row.steps]}
            if row.label is not None:
                record["label"] = row.label
            rows.append(record)
        return {"table": rows}
    if isinstance(step, PerUnit):
        return {"per_unit": [_step_data(inner) for inner in step.steps]}
    if isinstance(step, TopUp):
        top_up: dict[str, object] = {"top_up": rate_data(step.rate)}
        if step.steps:
            top_up["steps"] = [_step_data(inner) for inner in step.steps]
        return top_up
    if isinstance(step, MaxUnits):
        units: dict[str, object] = {"max_units": step.count}
        if step.per != "application":
            units["per"] = step.per
        if step.when:
            units["when"] = dict(step.when)
        return units
    if isinstance(step, YearLimit):
        return {"year_limit": step.years}
    if isinstance(step, OncePerFY):
        return {"once_per_fy": True}
    years: object = dict(step.years_by) if step.years_by or step.years is None else step.years
    wait: dict[str, object] = {"waiting_period": years}
    if step.scope != "body":
        wait["scope"] = step.scope
    if step.by is not None:
        wait["by"] = step.by
        if step.years is not None and step.years_by:
            wait["years"] = step.years
    if step.programmes:
        wait["programmes"] = sorted(step.programmes)
    if step.after:
        matrix: dict[str, dict[str, int]] = {}
        for now, before, years in step.after:
            matrix.setdefault(now, {})[before] = years
        wait["after"] = matrix
    return wait
