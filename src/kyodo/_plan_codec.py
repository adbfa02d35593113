"""The file form of a plan (``kyodo.plan/1``): per-year tables, the tree of sections, completion criteria."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from functools import cache, partial
from itertools import pairwise
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.errors import BaseValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from kyodo._convert import (
    _LABELLED_READ,
    _cells,
    _expect_list,
    _expect_str,
    _is,
    _join,
    _label,
    _message_of,
    _problems,
    _record,
    _structure_date,
    _structure_decimal,
    _structure_fiscal_year,
    _structure_labelled,
    _structure_range,
    _structure_when,
    _structure_yen,
    _unstructure_when,
    checked_document,
    collect,
    indexed,
    read_cells,
)
from kyodo._labels import LabelledEnum
from kyodo._limits import MAX_DEPTH, MAX_DIGITS, MAX_INT_DIGITS, number_problem
from kyodo._plain import _values_within_limits
from kyodo.completion import (
    AllOf,
    AnyOf,
    Covers,
    Criterion,
    Judgment,
    JudgmentRecord,
    MeetsTarget,
    MilestoneReached,
    Not,
    Ongoing,
    Reaches,
)
from kyodo.errors import Message, ParseError, ValidationError
from kyodo.evaluations import Evaluation, EvaluationKind, Evaluator, EvaluatorKind, ProgressCheck, ProgressStatus
from kyodo.fiscal import FiscalYear
from kyodo.indicators import (
    AnnualStep,
    Baseline,
    Direction,
    Indicator,
    IndicatorCategory,
    IndicatorKind,
    NoFigure,
    NoFigureReason,
    Observation,
    RateTarget,
    RelativeTarget,
    Target,
    TargetRole,
    TargetRule,
    UndatedTarget,
    _distinct_per_year,
    read_observation,
    read_target,
)
from kyodo.plan import (
    SAME_AS_BEFORE,
    UNDECIDED,
    Actor,
    BudgetLine,
    Measure,
    MeasureKind,
    Node,
    Plan,
    Priority,
    Reference,
    Relisting,
    ScheduleEntry,
    Section,
    Stage,
    _resolve_schedule,
)
from kyodo.wareki import YearMonth

T = TypeVar("T")
E = TypeVar("E", bound=LabelledEnum)

#: The schema of plan files this version of kyodo reads and writes.
SCHEMA: Final = "kyodo.plan/1"


#: A target as sheets print a range or a bound: 40～45, 40~45, 45以上, 10%以下.
_PRINTED_TARGET: Final = re.compile(
    r"\s*+([-+]?[0-9][0-9,]{0,40}+(?:\.[0-9]{1,30}+)?+)\s*+%?+\s*+(?:(～|~|〜)\s*+([-+]?[0-9][0-9,]{0,40}+(?:\.[0-9]{1,30}+)?+)\s*+%?+|(以上|以下))\s*+"
)


def _printed_target(fy: FiscalYear, text: str) -> Target | None:
    """A range or a bound written as a sheet prints it, or None for anything else (a plain number)."""
    match = _PRINTED_TARGET.fullmatch(unicodedata.normalize("NFKC", text).replace("〜", "～"))
    if match is None:
        return None
    value = _structure_decimal(match[1])
    if match[3] is not None:
        return Target(fy, value, upper=_structure_decimal(match[3]))
    return Target(fy, value, bound="at_least" if match[4] == "以上" else "at_most")


def _target_parts(cell: object) -> tuple[object, ...]:
    """A target's value, text, role, upper end and bound from its cell: a number, 40～45, 45以上, or a table."""
    if not isinstance(cell, Mapping):
        printed = _printed_target(FiscalYear(2000), cell) if isinstance(cell, str) else None
        if printed is not None:
            return (printed.value, None, TargetRole.ANNUAL, printed.upper, printed.bound)
        return (_structure_decimal(cell), None, TargetRole.ANNUAL, None, None)
    record = _record(cell, {"value", "text", "role", "upper", "bound"}, ("a target", "目標"))
    number, upper = record.get("value"), record.get("upper")
    text = record.get("text")
    return (
        None if number is None else _structure_decimal(number),
        None if text is None else _expect_str(text, ("a target's text", "目標の文言")),
        record.get("role", TargetRole.ANNUAL),
        None if upper is None else _structure_decimal(upper),
        record.get("bound"),
    )


def _target_of(fy: FiscalYear, cell: object) -> Target:
    """A year's target from its cell: a number, a range or bound as printed (40～45), or a table."""
    if type(cell) is Decimal or type(cell) is int or not isinstance(cell, Mapping | str):
        return read_target(fy, _structure_decimal(cell))  # the usual cell, checked once, as it is read
    return Target(fy, *_target_parts(cell))  # type: ignore[arg-type]


def _structure_targets(value: object, _type: object) -> tuple[Target, ...]:
    return read_cells(value, read_target, _target_of) or _cells(value, ("targets", "目標"), _target_of)


def _target_cell(target: Target | UndatedTarget) -> object:
    if target.text is None and target.role is TargetRole.ANNUAL and target.upper is None and target.bound is None:
        return target.value
    record: dict[str, object] = {}
    if target.value is not None:
        record["value"] = target.value
    if target.upper is not None:
        record["upper"] = target.upper
    if target.bound is not None:
        record["bound"] = target.bound
    if target.text is not None:
        record["text"] = target.text
    if target.role is not TargetRole.ANNUAL:
        record["role"] = target.role.value
    return record


def _unstructure_targets(targets: tuple[Target, ...]) -> dict[str, object]:
    # A target set by one of the indicator's target_rules is not written: the file writes the rule instead.
    return {_label(target.fy): _target_cell(target) for target in targets if target.rule is None}


def _structure_undated_targets(value: object, _type: object) -> tuple[UndatedTarget, ...]:
    """Targets keyed by the sheet's words (5ヵ年目標 = 1400), with cells as a year's targets have."""
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a table of targets keyed by the sheet's words (5ヵ年目標, 計画期間中), not {kind}",
                    f"シートの表記（5ヵ年目標、計画期間中）をキーとする目標の表が必要（{kind} が渡された）",
                ),
                "not_a_table",
            )
        )
    return tuple(
        collect(
            ((str(key), (key, cell)) for key, cell in value.items()),
            lambda pair: UndatedTarget(_expect_str(pair[0], ("the words", "表記")), *_target_parts(pair[1])),  # type: ignore[arg-type]
        )
    )


def _unstructure_undated_targets(targets: tuple[UndatedTarget, ...]) -> dict[str, object]:
    return {target.when: _target_cell(target) for target in targets}


def _structure_flag(record: Mapping[str, object], key: str) -> bool:
    flag = record.get(key, False)
    if not isinstance(flag, bool):
        raise ValidationError(
            (key, (f"expected true or false, not {flag!r}", f"true か false が必要（{flag!r}）"), "not_a_boolean")
        )
    return flag


_ACTUAL_KEYS: Final = {"value", "text", "reason", "estimate", "preliminary", "printed_rate", "on", "stage"}
#: The keys of a figure with its marks and nothing else, which a checked document's reader builds straight.
_FLAGGED_KEYS: Final = {"value", "estimate", "preliminary"}


#: Text Decimal reads as a number that is not one: refused as a number, not kept as a word.
_NOT_NUMBERS: Final = {"nan", "snan", "inf", "infinity"}


def _is_word(cell: object) -> bool:
    """A cell of text with no digit in it is the sheet's word for the year (なし, －, 集計中), not a number."""
    return (
        isinstance(cell, str)
        and not any(character.isdigit() for character in cell)
        and cell.strip().lower().lstrip("+-") not in _NOT_NUMBERS
    )


def _structure_observation_cell(fy: FiscalYear, cell: object) -> Observation | NoFigure:
    """One printed actual: a number, a word (集計中, なし, －), or a table with a value or a text."""
    if type(cell) is Decimal or type(cell) is int:
        return read_observation(fy, _structure_decimal(cell))  # the usual cell, checked once, as it is read
    if not isinstance(cell, Mapping):
        if _is_word(cell):
            assert isinstance(cell, str)
            return NoFigure(fy, cell, NoFigureReason.of_word(cell))
        return read_observation(fy, _structure_decimal(cell))  # the usual cell, checked once, as it is read
    if type(cell) is dict and cell.keys() <= _FLAGGED_KEYS and checked_document():
        # A figure with its marks ({value = 43, estimate = true}), read straight when it holds nothing to refuse.
        value, estimate, preliminary = cell.get("value"), cell.get("estimate", False), cell.get("preliminary", False)
        if type(estimate) is bool and type(preliminary) is bool and not (estimate and preliminary):
            if type(value) is Decimal:
                return read_observation(fy, value, estimate, preliminary)
            if type(value) is int:
                return read_observation(fy, Decimal(value), estimate, preliminary)
    record = _record(cell, _ACTUAL_KEYS, ("an actual", "実績"))
    flags = {key: _structure_flag(record, key) for key in ("estimate", "preliminary")}
    on = None if record.get("on") is None else _structure_date(record["on"])
    stage = (
        None if record.get("stage") is None else _expect_str(record["stage"], ("a stage (速報値)", "段階（速報値）"))
    )
    if "text" in record:
        extra = sorted({"value", "printed_rate"} & set(record))
        if extra:
            raise ValidationError(
                (
                    extra[0],
                    (
                        "an actual is a value or a text (the sheet's word for it), not both",
                        "実績は値か文言（text）のどちらか",
                    ),
                )
            )
        text = _expect_str(record["text"], ("the printed word", "印刷された文言"))
        reason = record.get("reason")
        return NoFigure(fy, text, reason, flags["estimate"], flags["preliminary"], on, stage)
    if "reason" in record:
        raise ValidationError(
            ("reason", ("a reason goes with a text (the word printed)", "理由（reason）は文言（text）とともに書く"))
        )
    value = _structure_decimal(record.get("value"))
    return Observation(fy, value, flags["estimate"], flags["preliminary"], record.get("printed_rate"), on, stage)


def _structure_year_cells(fy: FiscalYear, cell: object) -> Observation | NoFigure | list[Observation | NoFigure]:
    """A year's actuals: one cell, or a list of them where the sheet prints several (速報値, 確定値)."""
    if not isinstance(cell, list):
        return _structure_observation_cell(fy, cell)
    if not cell:
        raise ValidationError(("", ("an empty list holds no actual; leave the year out", "空のリスト。年度ごと省く")))
    return collect(indexed(cell), partial(_structure_year_item, fy))


def _structure_year_item(fy: FiscalYear, item: object) -> Observation | NoFigure:
    if isinstance(item, list):
        raise ValidationError(
            ("", ("a list of a year's actuals holds cells, not lists", "年度の実績のリストにリストは入れない"))
        )
    return _structure_observation_cell(fy, item)


def _structure_actuals(value: object, _type: object) -> tuple[Observation | NoFigure, ...]:
    built = read_cells(value, read_observation, _structure_year_cells) or _cells(
        value, ("actuals", "実績"), _structure_year_cells
    )
    if not any(isinstance(cells, list) for cells in built):
        return built
    return tuple(entry for cells in built for entry in (cells if isinstance(cells, list) else (cells,)))


def _unstructure_observation_value(observation: Observation | NoFigure) -> object:
    record: dict[str, object] = (
        {"text": observation.text} if isinstance(observation, NoFigure) else {"value": observation.value}
    )
    if observation.estimate:
        record["estimate"] = True
    if observation.preliminary:
        record["preliminary"] = True
    if isinstance(observation, Observation) and observation.printed_rate is not None:
        record["printed_rate"] = observation.printed_rate
    if observation.on is not None:
        record["on"] = observation.on.isoformat()
    if observation.stage is not None:
        record["stage"] = observation.stage
    if isinstance(observation, Observation):
        return record if len(record) > 1 else observation.value
    # Bare text takes the reason its word says; a table gives its own.
    if (
        len(record) == 1
        and _is_word(observation.text)
        and NoFigureReason.of_word(observation.text) is observation.reason
    ):
        return observation.text
    if observation.reason is not None:
        record["reason"] = observation.reason.value
    return record


def _unstructure_actuals(actuals: tuple[Observation | NoFigure, ...]) -> dict[str, object]:
    table: dict[str, list[object]] = {}
    for actual in actuals:
        table.setdefault(_label(actual.fy), []).append(_unstructure_observation_value(actual))
    return {label: cells[0] if len(cells) == 1 else cells for label, cells in table.items()}


def _structure_baseline(value: object, _type: object) -> Observation | Baseline | None:
    if value is None:
        return None
    record = _record(value, {"fy", "value", "when", "estimate", "preliminary"}, ("a baseline", "基準値"))
    if not {"fy", "value", "when"} & set(record):
        raise ValidationError(
            (
                "",
                (
                    'a baseline needs its value, its fiscal year (fy) or the sheet\'s words for when (when = "策定時")',
                    '基準値には値、測った年度（fy）、または時点の表記（when = "策定時"）のどれかが必要',
                ),
            )
        )
    fy = None if record.get("fy") is None else _structure_fiscal_year(record["fy"])
    if fy is not None and record.get("value") is not None and "when" not in record:
        cell = {key: item for key, item in record.items() if key != "fy"}
        observation = _structure_observation_cell(fy, cell)
        assert isinstance(observation, Observation)  # a baseline's keys hold no text
        return observation
    flags = {key: _structure_flag(record, key) for key in ("estimate", "preliminary")}
    when = None if record.get("when") is None else _expect_str(record["when"], ("when", "時点"))
    number = None if record.get("value") is None else _structure_decimal(record["value"])
    return Baseline(number, fy, when, flags["estimate"], flags["preliminary"])


def _unstructure_baseline(baseline: Observation | Baseline) -> dict[str, object]:
    record: dict[str, object] = {}
    if baseline.fy is not None:
        record["fy"] = _label(baseline.fy)
    if isinstance(baseline, Baseline) and baseline.when is not None:
        record["when"] = baseline.when
    if baseline.value is not None:
        record["value"] = baseline.value
    if baseline.estimate:
        record["estimate"] = True
    if baseline.preliminary:
        record["preliminary"] = True
    return record


def _stage_cell(fy: FiscalYear, cell: str, result: str | None, **placed: Any) -> ScheduleEntry:
    """The entry of a cell given as a stage's word, → or 未定; ``placed`` are the entry's other fields (its span, its row)."""
    if cell == SAME_AS_BEFORE:
        return ScheduleEntry(fy, carried=True, result=result, **placed)
    if cell.strip() == UNDECIDED:
        return ScheduleEntry(fy, unknown=True, result=result, **placed)
    try:
        stage = Stage.read(cell, "stage")
    except ValidationError:
        stages = ", ".join(f"{stage.label} ({stage.value})" for stage in Stage)
        stages_ja = "、".join(stage.label for stage in Stage)
        raise ValidationError(
            (
                "",
                (
                    f"unknown stage {cell!r}; expected one of {stages}, →, 未定, or {{ text = ... }} for free text",
                    f"{cell!r} という段階はない。{stages_ja}、→、未定、または自由記述は {{ text = ... }}",
                ),
                "unknown_label",
            )
        ) from None
    return ScheduleEntry(fy, stage, result=result, **placed)


#: How a schedule key says a cell runs on without an end: 2008年度以降, H20～.
_ONWARD: Final = ("以降", "～", "~", "〜", "-", "–")


def _schedule_years(key: str) -> tuple[FiscalYear, FiscalYear | None, bool]:
    """The years a schedule key names: one year (H27), a span (H27～H29), or a year on (H30以降)."""
    text = key.strip()
    for mark in _ONWARD:
        if text.endswith(mark) and len(text) > len(mark):
            return _structure_fiscal_year(text[: -len(mark)].strip()), None, True
    try:
        return _structure_fiscal_year(text), None, False
    except ParseError:
        span = _structure_range(text, None)
        if span.first == span.last:
            return span.first, None, False
        return span.first, span.last, False


def _schedule_key(entry: ScheduleEntry) -> str:
    if entry.onward:
        return f"{_label(entry.fy)}以降"
    if entry.through is not None:
        return f"{_label(entry.fy)}～{_label(entry.through)}"
    return _label(entry.fy)


_CELL_KEYS: Final = {"stage", "text", "unknown", "result", "tentative"}


def _schedule_cell(years: tuple[FiscalYear, FiscalYear | None, bool], cell: object, row: str | None) -> ScheduleEntry:
    fy, through, onward = years
    if isinstance(cell, str):
        return _stage_cell(fy, cell, None, through=through, onward=onward, row=row)
    record = _record(cell, _CELL_KEYS, ("a schedule cell", "工程表のセル"))
    result = record.get("result")
    if result is not None:
        result = _expect_str(result, ("the year's result", "その年度の結果"))
    flags = {key: _structure_flag(record, key) for key in ("tentative", "unknown")}
    if sum(key in record for key in ("stage", "text")) + flags["unknown"] > 1:
        raise ValidationError(
            ("", ("give one of a stage, a text or unknown, not more", "stage、text、unknown のどれか一つだけを書く"))
        )
    placed: dict[str, Any] = {"tentative": flags["tentative"], "through": through, "onward": onward, "row": row}
    if "stage" in record:
        return _stage_cell(fy, _expect_str(record["stage"], ("a stage", "段階")), result, **placed)
    if flags["unknown"]:
        return ScheduleEntry(fy, unknown=True, result=result, **placed)
    text = _expect_str(record.get("text"), ("the cell's text", "セルの文言"))
    return ScheduleEntry(fy, text=text, result=result, **placed)


def _schedule_row(value: object, row: str | None) -> list[ScheduleEntry]:
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a table of schedule cells keyed by fiscal year (H27, H27～H29, H30以降), not {kind}",
                    f"年度（H27、H27～H29、H30以降）をキーとする工程表のセルの表が必要（{kind} が渡された）",
                ),
                "not_a_table",
            )
        )
    return collect(
        ((str(key), (key, cell)) for key, cell in value.items()),
        lambda pair: _schedule_cell(_schedule_years(_expect_str(pair[0], ("a year", "年度"))), pair[1], row),
    )


def _structure_schedule(value: object, _type: object) -> tuple[ScheduleEntry, ...]:
    """A schedule: one row as a table keyed by year, or several as a list of { row, cells } tables."""
    if isinstance(value, Mapping):
        return _resolved(_schedule_row(value, None))
    if not isinstance(value, list):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a table of cells keyed by year, or a list of {{ row = ..., cells = ... }}, not {kind}",
                    f"年度をキーとするセルの表、または {{ row = ..., cells = ... }} のリストが必要（{kind} が渡された）",
                ),
            )
        )
    names: set[str] = set()

    def row_of(item: object) -> list[ScheduleEntry]:
        record = _record(item, {"row", "cells"}, ("a schedule row", "工程表の行"))
        name = _expect_str(record.get("row"), ("the row's name", "行の名前"))
        if name in names:
            raise ValidationError(("row", (f"the row {name!r} appears twice", f"行 {name!r} が二度ある"), "duplicate"))
        names.add(name)
        return collect([("cells", record.get("cells", {}))], lambda cells: _schedule_row(cells, name))[0]

    cells = [cell for row in collect(indexed(value), row_of) for cell in row]
    return _resolved(cells)


def _resolved(cells: list[ScheduleEntry]) -> tuple[ScheduleEntry, ...]:
    # The measure resolves → and checks overlaps again; doing it here names the schedule's own place.
    try:
        return _resolve_schedule(cells)
    except ValidationError as error:
        raise ValidationError(
            *((path.removeprefix("schedule"), message) for path, message in error.bilingual)
        ) from None


def _unstructure_cell(entry: ScheduleEntry) -> object:
    if entry.carried:
        cell: dict[str, object] = {"stage": SAME_AS_BEFORE}
    elif entry.stage is not None:
        cell = {"stage": entry.stage.value}
    elif entry.unknown:
        cell = {"stage": UNDECIDED}
    else:
        cell = {"text": entry.text}
    if entry.result is not None:
        cell["result"] = entry.result
    if entry.tentative:
        cell["tentative"] = True
    return cell.get("stage", cell) if len(cell) == 1 else cell


def _unstructure_schedule(schedule: tuple[ScheduleEntry, ...]) -> object:
    rows: dict[str | None, dict[str, object]] = {}
    for entry in schedule:
        rows.setdefault(entry.row, {})[_schedule_key(entry)] = _unstructure_cell(entry)
    if set(rows) <= {None}:
        return rows.get(None, {})
    return [{"row": name, "cells": cells} for name, cells in rows.items()]


def _structure_budget(value: object, _type: object) -> tuple[BudgetLine, ...]:
    def build(fy: FiscalYear, cell: object) -> BudgetLine:
        record = _record(cell, {"budget", "settled", "note"}, ("a budget line", "予算の行"))
        return BudgetLine(
            fy,
            None if record.get("budget") is None else _structure_yen(record["budget"]),
            None if record.get("settled") is None else _structure_yen(record["settled"]),
            None if record.get("note") is None else _expect_str(record["note"], ("a note", "備考")),
        )

    return _cells(value, ("budget lines", "予算の行"), build)


def _unstructure_budget(lines: tuple[BudgetLine, ...]) -> dict[str, object]:
    table: dict[str, object] = {}
    for line in lines:
        record = {"budget": line.budget, "settled": line.settled, "note": line.note}
        table[_label(line.fy)] = {key: item for key, item in record.items() if item is not None}
    return table


def _structure_node(made: cattrs.Converter, value: object, _type: object) -> Node:
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a table for a section or measure, not {kind}",
                    f"セクションや事業には表が必要（{kind} が渡された）",
                ),
                "not_a_table",
            )
        )
    if "relists" in value:
        data = dict(value)
        data["code"] = data.pop("relists")
        return made.structure(data, Relisting)
    if "children" in value:
        return made.structure(value, Section)
    return made.structure(value, Measure)


def _unstructure_node(made: cattrs.Converter, node: Node) -> dict[str, object]:
    if isinstance(node, Relisting):
        data = made.unstructure(node, Relisting)
        data["relists"] = data.pop("code")
        return {key: data[key] for key in ("number", "relists", "note") if key in data}
    if isinstance(node, Section):
        data = made.unstructure(node, Section)
        data.setdefault("children", [])
        return dict(data)
    return dict(made.unstructure(node, Measure))


def _unstructure_optional_baseline(baseline: Observation | Baseline | None) -> object:
    return None if baseline is None else _unstructure_baseline(baseline)


def _structure_actors(value: object, _type: object) -> frozenset[Actor]:
    return frozenset(Actor.read(item) for item in _expect_list(value))


def _unstructure_actors(actors: frozenset[Actor]) -> list[str]:
    # In the order Actor declares them, as documents print their columns.
    return [actor.value for actor in Actor if actor in actors]


_LEAVES: Final[dict[str, type]] = {
    "reaches": Reaches,
    "covers": Covers,
    "meets_target": MeetsTarget,
    "milestone": MilestoneReached,
    "judgment": Judgment,
}


_CRITERION_KEYS: Final = (*_LEAVES, "all_of", "any_of", "not", "ongoing")


def _structure_criterion(made: cattrs.Converter, value: object, _type: object = None) -> Criterion:
    """A criterion from its file form: a table with one key naming its kind, or its text ("meets(参加者数)")."""
    if isinstance(value, str):
        # The text form's parser is imported by the files that use it: most plans write criteria as tables.
        from kyodo._criterion_text import parse_criterion

        try:
            return parse_criterion(value)
        except ParseError as error:
            raise ValidationError(("", error.coded)) from None
    if not isinstance(value, Mapping) or len(value) != 1:
        raise ValidationError(
            (
                "",
                (
                    f"a criterion is a table with one key, one of {', '.join(_CRITERION_KEYS)},"
                    f" or its text such as 'meets(参加者数)'; got {value!r}",
                    f"条件はキーが一つの表（キーは {'、'.join(_CRITERION_KEYS)} のいずれか）か、"
                    f"'meets(参加者数)' のような文字列。{value!r} は使えない",
                ),
            )
        )
    ((kind, body),) = value.items()
    if kind in ("all_of", "any_of"):
        parts: list[Criterion] = []
        problems: list[tuple[str, Message]] = []
        for index, item in enumerate(_expect_list(body)):
            try:
                parts.append(_structure_criterion(made, item))
            except ValidationError as error:
                problems.extend((_join(f"{kind}[{index}]", path), message) for path, message in error.bilingual)
            except (ParseError, TypeError, ValueError) as error:
                problems.append((f"{kind}[{index}]", _message_of(error)))
        if problems:
            raise ValidationError(*problems)
        return AllOf(parts) if kind == "all_of" else AnyOf(parts)
    if kind == "not":
        try:
            return Not(_structure_criterion(made, body))
        except ValidationError as error:
            raise ValidationError(*((_join("not", path), message) for path, message in error.bilingual)) from None
    if kind == "ongoing":
        if body is not True:
            raise ValidationError(
                ("ongoing", (f"write ongoing = true, not {body!r}", f"ongoing = true と書く（{body!r} は使えない）"))
            )
        return Ongoing()
    leaf = _LEAVES.get(kind)
    if leaf is None:
        raise ValidationError(
            (
                "",
                (
                    f"unknown criterion {kind!r}; expected one of {', '.join(_CRITERION_KEYS)}",
                    f"{kind!r} という条件はない。{'、'.join(_CRITERION_KEYS)} のいずれか",
                ),
                "unknown_key",
            )
        )
    try:
        return made.structure(body, leaf)
    except (BaseValidationError, ValidationError, ParseError) as error:
        raise ValidationError(*((_join(kind, path), message) for path, message in _problems(error, ""))) from None


def _unstructure_criterion(made: cattrs.Converter, criterion: Criterion) -> dict[str, object]:
    # Written as tables, whatever form was read: tables are what a JSON Schema checks key by key,
    # and they hold every criterion the model allows, a text past the text form's limits included.
    if isinstance(criterion, AllOf | AnyOf):
        key = "all_of" if isinstance(criterion, AllOf) else "any_of"
        return {key: [_unstructure_criterion(made, part) for part in criterion.parts]}
    if isinstance(criterion, Not):
        return {"not": _unstructure_criterion(made, criterion.part)}
    if isinstance(criterion, Ongoing):
        return {"ongoing": True}
    kind = next(key for key, leaf in _LEAVES.items() if isinstance(criterion, leaf))
    return {kind: made.unstructure(criterion)}


def _structure_by(value: object, _type: object) -> date | FiscalYear:
    when = _structure_when(value, None)
    if isinstance(when, YearMonth):
        raise ValidationError(
            (
                "",
                (
                    f"a deadline is a day or a fiscal year, not the month {when}",
                    f"期限は日付か年度で、年月 {when} は使えない",
                ),
            )
        )
    return when


def _structure_milestones(value: object, _type: object) -> tuple[tuple[str, date | YearMonth | FiscalYear], ...]:
    if not isinstance(value, Mapping):
        raise ValidationError(
            ("", ("expected a table of milestone = when", "マイルストーン名 = 時期 の表が必要"), "not_a_table")
        )
    pairs = []
    problems: list[tuple[str, Message]] = []
    for name, when in value.items():
        try:
            pairs.append((str(name), _structure_when(when, None)))
        except (ValidationError, ParseError) as error:
            problems.extend((_join(str(name), path), message) for path, message in _problems(error, ""))
    if problems:
        raise ValidationError(*problems)
    return tuple(pairs)


def _structure_judgments(
    made: cattrs.Converter, value: object, _type: object
) -> tuple[tuple[str, JudgmentRecord], ...]:
    if not isinstance(value, Mapping):
        raise ValidationError(
            ("", ("expected a table of judgment = record", "判断名 = 記録 の表が必要"), "not_a_table")
        )
    pairs = []
    problems: list[tuple[str, Message]] = []
    for name, record in value.items():
        try:
            pairs.append((str(name), made.structure(record, JudgmentRecord)))
        except (BaseValidationError, ValidationError, ParseError) as error:
            problems.extend((_join(str(name), path), message) for path, message in _problems(error, ""))
    if problems:
        raise ValidationError(*problems)
    return tuple(pairs)


def _structure_references(value: object, _type: object) -> tuple[str | Reference, ...]:
    """References: text, or tables of `title`, `on` (a day, a month or a fiscal year) and `url`."""
    return tuple(collect(indexed(_expect_list(value)), _structure_reference))


def _structure_reference(item: object) -> str | Reference:
    if isinstance(item, str):
        return item
    record = _record(item, {"title", "on", "url"}, ("a reference", "参照"))
    if "title" not in record:
        raise ValidationError(("title", ("a reference needs its document's title", "参照には文書名（title）が必要")))
    title = _expect_str(record["title"], ("the document's title", "文書名"))
    on = None if record.get("on") is None else _structure_when(record["on"], None)
    url = None if record.get("url") is None else _expect_str(record["url"], ("an address", "アドレス"))
    return Reference(title, on, url)


def _unstructure_references(references: tuple[str | Reference, ...]) -> list[object]:
    written: list[object] = []
    for reference in references:
        if isinstance(reference, str):
            written.append(reference)
            continue
        record: dict[str, object] = {"title": reference.title}
        if reference.on is not None:
            record["on"] = _unstructure_when(reference.on)
        if reference.url is not None:
            record["url"] = reference.url
        written.append(record)
    return written


#: Each target rule by its key in a file, with the keys its table holds.
_RULES: Final = {
    "relative": (RelativeTarget, ("base", "percent", "fy", "text")),
    "each_year": (AnnualStep, ("base", "step", "until", "text")),
}


def _structure_target_rules(value: object, _type: object) -> tuple[TargetRule, ...]:
    """Target rules: a list of one-key tables, { relative = { ... } } or { each_year = { ... } }."""
    return tuple(collect(indexed(_expect_list(value)), _structure_target_rule))


def _structure_target_rule(item: object) -> TargetRule:
    if not isinstance(item, Mapping) or len(item) != 1 or next(iter(item)) not in _RULES:
        raise ValidationError(
            (
                "",
                (
                    f"a target rule is a table with one key, relative or each_year; got {item!r}",
                    f"目標の規則は relative か each_year の一つのキーの表（{item!r} ではない）",
                ),
            )
        )
    ((kind, body),) = item.items()
    # The rule's own problems are named under its kind: [0].relative.percent.
    return collect([(kind, body)], lambda record: _rule_of(kind, record))[0]


def _rule_of(kind: str, body: object) -> TargetRule:
    rule, keys = _RULES[kind]
    record = _record(body, set(keys), ("a target rule", "目標の規則"))
    missing = [key for key in keys if key != "text" and key not in record]
    if missing:
        raise ValidationError((missing[0], (f"{missing[0]!r} is required", f"{missing[0]!r} がない（必須）")))
    text = None if record.get("text") is None else _expect_str(record["text"], ("the rule as printed", "規則の文言"))
    base = _structure_fiscal_year(record["base"])
    if rule is RelativeTarget:
        return RelativeTarget(base, _structure_decimal(record["percent"]), _structure_fiscal_year(record["fy"]), text)
    return AnnualStep(base, _structure_decimal(record["step"]), _structure_fiscal_year(record["until"]), text)


def _unstructure_target_rules(rules: tuple[TargetRule, ...]) -> list[object]:
    written: list[object] = []
    for rule in rules:
        kind, (_rule, keys) = next((kind, spec) for kind, spec in _RULES.items() if isinstance(rule, spec[0]))
        record: dict[str, object] = {}
        for key in keys:
            item = getattr(rule, key)
            if item is not None:
                record[key] = _label(item) if isinstance(item, FiscalYear) else item
        written.append({kind: record})
    return written


def _structure_axes(value: object, _type: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (f"expected a table of axis = grade, not {kind}", f"軸 = 評定 の表が必要（{kind} が渡された）"),
                "not_a_table",
            )
        )
    return tuple((str(axis), _expect_str(grade, ("a grade", "評定"))) for axis, grade in value.items())


def add_plan_hooks(made: cattrs.Converter) -> None:
    """Teach ``made`` a plan's file form: per-year tables, the tree of sections, completion criteria."""
    for kind, structure, unstructure in (
        (tuple[Target, ...], _structure_targets, _unstructure_targets),
        (tuple[Observation, ...], _structure_actuals, _unstructure_actuals),
        (tuple[ScheduleEntry, ...], _structure_schedule, _unstructure_schedule),
        (tuple[BudgetLine, ...], _structure_budget, _unstructure_budget),
    ):
        made.register_structure_hook_func(_is(kind), structure)
        made.register_unstructure_hook_func(_is(kind), unstructure)
    made.register_structure_hook(Observation | Baseline | None, _structure_baseline)
    made.register_unstructure_hook_func(lambda t: t == (Observation | Baseline | None), _unstructure_optional_baseline)
    made.register_structure_hook(Node, partial(_structure_node, made))
    made.register_unstructure_hook_func(lambda t: t == Node, partial(_unstructure_node, made))
    made.register_structure_hook_func(lambda t: t == frozenset[Actor], _structure_actors)
    made.register_unstructure_hook_func(_is(frozenset[Actor]), _unstructure_actors)
    made.register_structure_hook(ProgressStatus, lambda value, _t: ProgressStatus.read(value))
    made.register_unstructure_hook(ProgressStatus, str)
    structure_criterion = partial(_structure_criterion, made)
    unstructure_criterion = partial(_unstructure_criterion, made)
    made.register_structure_hook_func(_is(Criterion), structure_criterion)
    made.register_unstructure_hook_func(_is(Criterion), unstructure_criterion)
    made.register_structure_hook_func(_is(Criterion | None), lambda value, _t: structure_criterion(value))
    made.register_unstructure_hook_func(_is(Criterion | None), unstructure_criterion)
    milestones = tuple[tuple[str, date | YearMonth | FiscalYear], ...]
    made.register_structure_hook_func(_is(milestones), _structure_milestones)
    made.register_unstructure_hook_func(
        _is(milestones), lambda pairs: {name: _unstructure_when(when) for name, when in pairs}
    )
    made.register_structure_hook_func(_is(tuple[str | Reference, ...]), _structure_references)
    made.register_unstructure_hook_func(_is(tuple[str | Reference, ...]), _unstructure_references)
    made.register_structure_hook_func(_is(tuple[UndatedTarget, ...]), _structure_undated_targets)
    made.register_unstructure_hook_func(_is(tuple[UndatedTarget, ...]), _unstructure_undated_targets)
    made.register_structure_hook_func(_is(tuple[TargetRule, ...]), _structure_target_rules)
    made.register_unstructure_hook_func(_is(tuple[TargetRule, ...]), _unstructure_target_rules)
    axes = tuple[tuple[str, str], ...]
    made.register_structure_hook_func(_is(axes), _structure_axes)
    made.register_unstructure_hook_func(_is(axes), lambda pairs: dict(pairs))
    judgments = tuple[tuple[str, JudgmentRecord], ...]
    made.register_structure_hook_func(_is(judgments), partial(_structure_judgments, made))
    made.register_unstructure_hook_func(
        _is(judgments), lambda pairs: {name: made.unstructure(record, JudgmentRecord) for name, record in pairs}
    )
    made.register_structure_hook_func(_is(date | FiscalYear | None), _structure_by)
    made.register_unstructure_hook_func(_is(date | FiscalYear | None), _unstructure_when)
    _add_indicator_hooks(made)


def _add_indicator_hooks(made: cattrs.Converter) -> None:
    """An indicator's words for its actuals (集計中) are written in its actuals table, beside its figures."""
    # Generated after the hooks above, so that the indicator's fields use them.
    structure = make_dict_structure_fn(
        Indicator,
        made,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=True,
        no_figures=override(omit=True),
    )
    unstructure = make_dict_unstructure_fn(
        Indicator, made, _cattrs_omit_if_default=True, no_figures=override(omit=True)
    )

    def write(indicator: Indicator) -> dict[str, object]:
        data: dict[str, object] = unstructure(indicator)
        if indicator.no_figures:
            entries: list[Observation | NoFigure] = [*indicator.actuals, *indicator.no_figures]
            entries.sort(key=lambda entry: entry.fy.year)
            data["actuals"] = _unstructure_actuals(tuple(entries))
        return data

    made.register_structure_hook(Indicator, structure)
    made.register_unstructure_hook(Indicator, write)


# --- the quick reader of a whole plan ------------------------------------------------------------


class Doubt(Exception):
    """The quick reader cannot vouch for a piece of a file: the general reader reads the whole file instead."""


#: Where a key is absent from a record, as told apart from one given as null.
_ABSENT: Final = object()
#: How deep a section may sit for the quick reader (the limit, ``MAX_DEPTH``, is checked by the general one).
_QUICK_DEPTH: Final = MAX_DEPTH - 20


def _figures_within_limits(figures: list[Decimal]) -> bool:
    """Whether every Decimal in ``figures`` is within the limits on numbers, as ``check_plain`` checks them.

    ``number_problem``'s own first look, for all of them at once: a figure whose text is short and has
    no exponent (nor NaN or Infinity) is within every limit; any other is looked at by itself.
    """
    texts = list(map(str, figures))
    written = "".join(texts)
    if not texts or (max(map(len, texts)) <= MAX_DIGITS and not any(mark in written for mark in "ENI")):
        return True
    return all(number_problem(figure) is None for figure in figures)


def _maker(kind: type, **fixed: object) -> Callable[..., Any]:
    """A function that sets every field of a frozen slotted attrs class, with no converter or validator: for
    values a reader has already given the form the constructor would give them. It takes the fields in their
    order, but for those ``fixed`` gives, which it sets to those values."""
    names = [field.name for field in attrs.fields(kind) if field.init]
    given = [name for name in names if name not in fixed]
    settings = "".join(f"    set_{name}(made, {name if name in given else f'fixed_{name}'})\n" for name in names)
    source = f"def make({', '.join(given)}):\n    made = new_(class_)\n{settings}    return made\n"
    scope: dict[str, Any] = {"new_": object.__new__, "class_": kind}
    scope.update({f"set_{name}": getattr(kind, name).__set__ for name in names})
    scope.update({f"fixed_{name}": value for name, value in fixed.items()})
    exec(source, scope)
    return scope["make"]  # type: ignore[no-any-return]


_make_measure: Final = _maker(
    Measure, references=(), notes=(), criterion=None, milestones=(), judgments=(), delivery=()
)
_make_indicator: Final = _maker(Indicator, target_rules=(), series=(), no_figures=(), undated_targets=())
_make_evaluation: Final = _maker(Evaluation, axes=())
_make_evaluator: Final = _maker(Evaluator)
_make_check: Final = _maker(ProgressCheck)
_make_entry: Final = _maker(ScheduleEntry, through=None, onward=False, tentative=False, unknown=False, row=None)
_make_any_entry: Final = _maker(ScheduleEntry)
_make_budget_line: Final = _maker(BudgetLine)
_STAGES: Final = Stage._value2member_map_
_make_target: Final = _maker(Target, upper=None, bound=None, rule=None)
_set_actual_by_fy: Final = Indicator._actual_by_fy.__set__  # type: ignore[attr-defined]
_set_target_by_fy: Final = Indicator._target_by_fy.__set__  # type: ignore[attr-defined]
_make_observation: Final = _maker(Observation, printed_rate=None, on=None, stage=None)
_ANNUAL: Final = TargetRole.ANNUAL
#: The members of the labelled enums a plan's parts hold by their values, for those read as every labelled enum
#: reads (``_structure_labelled``'s quick look): no words of their own.
_MEMBER_KINDS: Final[tuple[type[LabelledEnum], ...]] = (
    *(MeasureKind, Priority, Actor, Direction, IndicatorKind, IndicatorCategory, RateTarget, TargetRole),
    *(EvaluationKind, EvaluatorKind),
)
_MEMBERS: Final[dict[type, dict[str, LabelledEnum]]] = {
    kind: kind._value2member_map_  # type: ignore[misc]
    for kind in _MEMBER_KINDS
    if kind.read.__func__ is _LABELLED_READ  # type: ignore[attr-defined]
}

_MEASURE_KEYS: Final = frozenset(
    {"number", "title", "kind", "departments", "lead", "actors", "priority", "background", "purpose", "content"}
    | {"completion", "schedule", "indicators", "budget", "progress_checks", "evaluations"}
)
_SECTION_KEYS: Final = frozenset(("number", "title", "children", "description", "indicators", "evaluations"))
_INDICATOR_KEYS: Final = frozenset(
    {"name", "unit", "direction", "baseline", "targets", "actuals", "kind", "note", "calendar_year", "category"}
    | {"rates_toward"}
)
_BASELINE_KEYS: Final = frozenset(("fy", "value", "estimate", "preliminary"))
#: The keys of a target given in words, with its role and perhaps its value, which the quick reader reads itself.
_WORDED_KEYS: Final = frozenset(("value", "text", "role"))
_EVALUATION_KEYS: Final = frozenset(
    ("kind", "fy", "grade", "assessment", "issues", "outlook", "written_on", "evaluator")
)
_EVALUATOR_KEYS: Final = frozenset(("kind", "name"))
_CHECK_KEYS: Final = frozenset(("fy", "half", "status", "note"))
_BUDGET_KEYS: Final = frozenset(("budget", "settled", "note"))


def _yen(value: object) -> bool:
    """Whether ``value`` is None or whole yen as a budget line holds it, within the limits on numbers."""
    return value is None or (type(value) is int and 0 <= value < _YEN_LIMIT)


_YEN_LIMIT: Final = 10**MAX_INT_DIGITS
_distinct_actuals: Final = _distinct_per_year("actuals")


def _keys_in(value: object) -> int:
    """How many keys the tables in ``value`` hold, all told (``value`` has passed the limits: no deeper than them)."""
    if type(value) is dict:
        return len(value) + sum([_keys_in(item) for item in value.values()])
    if type(value) is list:
        return sum([_keys_in(item) for item in value])
    return 0


def colons_in_texts(value: object) -> int:
    """How many colons the texts in ``value`` hold, its tables' keys included."""
    if type(value) is str:
        return value.count(":")
    if type(value) is dict:
        return sum([key.count(":") + colons_in_texts(item) for key, item in value.items()])
    if type(value) is list:
        return sum([colons_in_texts(item) for item in value])
    return 0


class QuickPlanReader:
    """Reads a plan file's data (a JSON reader's dicts, lists, text and numbers) straight into a Plan, when
    it is of the usual shape and within every limit; :class:`Doubt` at anything else, and then the general
    reader (the limits check, then cattrs) reads the whole file, with its own messages and paths.

    What it takes, it takes as the general reader would, to the same objects: it checks each text and
    number against the limits as ``check_plain`` does, keeps sections well inside the limit on depth, and
    hands any part it does not read itself, once the limits check has passed that part, to the converter's
    hook for it. It counts the keys of every table, so that :func:`kyodo.io.loads` can tell that no key
    was given twice. It is used inside ``document_era(era, checked=True)``.
    """

    def __init__(self, made: cattrs.Converter) -> None:
        self.made = made
        #: every key of every table read so far
        self.keys = 0
        self.years: dict[object, FiscalYear] = {}
        #: each run of labels that keys a table read so far, with their years, when they run up one by one
        self.runs: dict[tuple[object, ...], tuple[FiscalYear, ...]] = {}
        #: each schedule key read so far that names a single year
        self.spans: dict[object, FiscalYear] = {}
        #: the Decimals read, to check at once against the limits on numbers (``number_problem``)
        self.decimals: list[Decimal] = []
        #: the texts read that are not ASCII, to check at once that UTF-8 can hold them (``text_problem``)
        self.wide: list[str] = []
        #: each progress status read so far, by its word as written
        self.statuses: dict[object, ProgressStatus] = {}
        #: how many parts were handed to the converter's hooks so far (:meth:`part`)
        self.parts = 0
        #: each evaluator read so far, by its kind and name as written
        self.evaluators: dict[tuple[object, object], Evaluator] = {}

    def text(self, value: object) -> str:
        """``value`` as cattrs' strict str hook takes it; Doubt for anything else. A text that is not ASCII
        is kept, for :meth:`plan` to check once, with all the others, as the limits check does."""
        if type(value) is not str:
            raise Doubt
        if not value.isascii():
            self.wide.append(value)
        return value

    def figure(self, value: object) -> Decimal:
        """A number as ``_structure_decimal`` gives it; a Decimal is kept, for :meth:`plan` to check once, with
        all the others, against the limits on numbers; an int is checked at once; anything else is Doubt."""
        kind = type(value)
        if kind is Decimal:
            self.decimals.append(value)  # type: ignore[arg-type]
            return value  # type: ignore[return-value]
        if kind is int:
            if not -(10**9) < value < 10**9 and number_problem(value) is not None:  # type: ignore[operator, arg-type]
                raise Doubt
            return Decimal(value)  # type: ignore[arg-type]
        raise Doubt

    def optional_text(self, value: object) -> str | None:
        return None if value is None else self.text(value)

    def optional_texts(self, values: tuple[object, ...]) -> tuple[str | None, ...]:
        """Each of ``values`` as :meth:`optional_text` takes it (a record's texts, at once)."""
        for value in values:
            if value is not None:
                if type(value) is not str:
                    raise Doubt
                if not value.isascii():
                    self.wide.append(value)
        return values  # type: ignore[return-value]

    def member(self, value: object, kind: type[E]) -> E:
        """A labelled enum's member as the converter reads it (and the field's converter then keeps it)."""
        values = _MEMBERS.get(kind)
        if values is not None and type(value) is str:
            found = values.get(value)  # the value, as files write it
            if found is not None:
                return found  # type: ignore[return-value]
        return _structure_labelled(self.text(value), kind)  # type: ignore[return-value]

    def plan(self, data: dict[str, Any]) -> Plan:
        """``data`` (a whole file's, its schema checked) as a Plan."""
        self.keys += len(data)
        fields = _fields(Plan)
        extra: dict[str, Any] = {}
        for key, value in data.items():
            if key in ("schema", "title", "municipality", "period", "levels", "sections"):
                continue
            if key not in fields or key.startswith("_"):
                raise Doubt
            extra[key] = self.vouched(value, fields[key], 1)
        levels = data.get("levels", _ABSENT)
        sections = data.get("sections", _ABSENT)
        plan = Plan(
            self.text(data["title"]),
            self.text(data["municipality"]),
            _structure_range(self.text(data["period"]), None),
            () if levels is _ABSENT else self.texts(levels),
            () if sections is _ABSENT else tuple(self.node(node, 2) for node in self.items(sections)),
            **extra,
        )
        try:
            "".join(self.wide).encode("utf-8")  # a lone surrogate, which no file can hold, is refused by UTF-8
        except UnicodeEncodeError:
            raise Doubt from None
        if not _figures_within_limits(self.decimals):
            raise Doubt
        return plan

    def vouched(self, value: object, kind: Any, depth: int) -> Any:
        """``value`` at ``depth`` as the converter reads a ``kind``, once the limits check passes it."""
        if _values_within_limits(value, depth, set()) < 0:
            raise Doubt
        self.keys += _keys_in(value)
        return self.made.structure(value, kind)

    def items(self, value: object) -> list[Any]:
        if type(value) is not list:
            raise Doubt
        return value

    def texts(self, value: object) -> tuple[str, ...]:
        return tuple([self.text(item) for item in self.items(value)])

    def year(self, label: object) -> FiscalYear:
        """A fiscal year written as text (a key, or an ``fy``), read once per document."""
        fy = self.years.get(label)
        if fy is None:
            fy = self.years[label] = _structure_fiscal_year(self.text(label))
        return fy

    def node(self, value: object, depth: int) -> Node:
        if type(value) is not dict or depth > _QUICK_DEPTH:
            raise Doubt
        if "relists" in value:
            return self.vouched(value, Node, depth)  # type: ignore[no-any-return]
        if "children" in value:
            return self.section(value, depth)
        return self.measure(value, depth)

    def section(self, value: dict[str, Any], depth: int) -> Section:
        if not value.keys() <= _SECTION_KEYS or None in value.values():
            return self.vouched(value, Section, depth)  # type: ignore[no-any-return]
        self.keys += len(value)
        get = value.get
        children, indicators, evaluations = get("children", _ABSENT), get("indicators"), get("evaluations")
        return Section(
            self.text(value["number"]),
            self.text(value["title"]),
            () if children is _ABSENT else tuple([self.node(child, depth + 2) for child in self.items(children)]),
            self.optional_text(get("description")),
            indicators=() if indicators is None else self.indicators(indicators, depth + 2),
            evaluations=() if evaluations is None else self.evaluations(evaluations),
        )

    def measure(self, value: dict[str, Any], depth: int) -> Measure:
        if not value.keys() <= _MEASURE_KEYS or None in value.values():
            return self.vouched(value, Measure, depth)  # type: ignore[no-any-return]
        self.keys += len(value)
        get = value.get
        number = self.text(value["number"])
        if not number.strip():
            raise Doubt
        kind, departments, actors, priority = get("kind"), get("departments"), get("actors"), get("priority")
        schedule, indicators, budget = get("schedule"), get("indicators"), get("budget")
        checks, evaluations = get("progress_checks"), get("evaluations")
        lead, *texts = self.optional_texts(
            (get("lead"), get("background"), get("purpose"), get("content"), get("completion"))
        )
        measure = _make_measure(
            number,
            self.text(value["title"]),
            None if kind is None else self.member(kind, MeasureKind),
            () if departments is None else self.texts(departments),
            lead,
            frozenset() if actors is None else frozenset([self.member(actor, Actor) for actor in self.items(actors)]),
            None if priority is None else self.member(priority, Priority),
            *texts,
            () if schedule is None else self.schedule(schedule, depth + 1),
            () if indicators is None else self.indicators(indicators, depth + 2),
            () if budget is None else self.budget(budget, depth + 1),
            () if checks is None else tuple([self.check(check) for check in self.items(checks)]),
            () if evaluations is None else self.evaluations(evaluations),
        )
        measure.__attrs_post_init__()
        return measure  # type: ignore[no-any-return]

    def part(self, value: object, depth: int, hook: Callable[[object, object], T]) -> T:
        """``value`` at ``depth`` as ``hook`` reads it, once the limits check passes it."""
        if _values_within_limits(value, depth, set()) < 0:
            raise Doubt
        self.keys += _keys_in(value)
        self.parts += 1
        return hook(value, None)

    def schedule(self, value: object, depth: int) -> tuple[ScheduleEntry, ...]:
        """A schedule of one row, its years one by one and each once, as ``_structure_schedule`` reads it
        and the measure resolves it; any other schedule is read by ``_structure_schedule`` itself."""
        entries = self.schedule_row(value) if type(value) is dict else None
        if entries is None:
            return self.part(value, depth, _structure_schedule)
        self.keys += len(value)  # type: ignore[arg-type]
        return entries

    def schedule_row(self, value: dict[str, Any]) -> tuple[ScheduleEntry, ...] | None:
        """The entries of a row of single years in order, resolved; None for any other row."""
        entries: list[ScheduleEntry] = []
        keys = 0
        previous: ScheduleEntry | None = None
        for label, cell in value.items():
            fy = self.spans.get(label)
            if fy is None:
                fy, through, onward = _schedule_years(self.text(label))
                if through is not None or onward:
                    return None
                self.spans[label] = fy
            if previous is not None and fy.year <= previous.fy.year:
                return None
            if type(cell) is str:
                stage = _STAGES.get(cell)
                if stage is not None:
                    entry = _make_entry(fy, stage, None, False, None)
                elif cell == SAME_AS_BEFORE:
                    entry = _make_entry(fy, None, None, True, None)
                else:
                    entry = _stage_cell(fy, self.text(cell), None, through=None, onward=False, row=None)
            elif type(cell) is dict:
                keys += len(cell)
                entry = self.schedule_cell(fy, cell)
            else:
                return None
            if entry.carried:
                # As _resolve_schedule fills a → from the year before, which must have a cell.
                if previous is None:
                    return None
                before = previous.fy  # must be fy - 1, compared field by field
                if before.year != fy.year - 1 or before.start_month != fy.start_month:
                    return None
                if (entry.stage, entry.text, entry.unknown) != (previous.stage, previous.text, previous.unknown):
                    entry = _make_any_entry(
                        fy,
                        previous.stage,
                        previous.text,
                        True,
                        entry.result,
                        None,
                        False,
                        entry.tentative,
                        previous.unknown,
                        None,
                    )
            entries.append(entry)
            previous = entry
        self.keys += keys
        return tuple(entries)

    def schedule_cell(self, fy: FiscalYear, cell: dict[str, Any]) -> ScheduleEntry:
        """A schedule cell written as a table, as ``_schedule_cell`` reads it: the usual ones (a stage or a
        text, with or without the year's result) straight, any other by ``_schedule_cell`` itself."""
        get = cell.get
        text, stage, result = get("text"), get("stage"), get("result", _ABSENT)
        if len(cell) == 1 + (result is not _ABSENT) and (result is _ABSENT or type(result) is str):
            result = None if result is _ABSENT else self.text(result)
            if type(text) is str:  # { text = "モデル事業" }
                return _make_entry(fy, None, self.text(text), False, result)  # type: ignore[no-any-return]
            if type(stage) is str and stage in _STAGES:  # { stage = "implement", result = "..." }
                return _make_entry(fy, _STAGES[stage], None, False, result)  # type: ignore[no-any-return]
            if stage == SAME_AS_BEFORE:
                return _make_entry(fy, None, None, True, result)  # type: ignore[no-any-return]
        for item in cell.values():
            if type(item) is not bool:
                self.text(item)
        return _schedule_cell((fy, None, False), cell, None)

    def budget(self, value: object, depth: int) -> tuple[BudgetLine, ...]:
        """Budget lines of whole yen, their years one by one and each once; any others are read by
        ``_structure_budget`` itself."""
        years = self.years_of(value) if type(value) is dict else None
        if years is None:
            return self.part(value, depth, _structure_budget)
        lines: list[BudgetLine] = []
        keys = 0
        for fy, cell in zip(years, value.values(), strict=True):  # type: ignore[attr-defined]
            if type(cell) is not dict or not cell.keys() <= _BUDGET_KEYS:
                return self.part(value, depth, _structure_budget)
            get = cell.get
            budget, settled = get("budget"), get("settled")
            if not (_yen(budget) and _yen(settled)):
                return self.part(value, depth, _structure_budget)
            keys += len(cell)
            lines.append(_make_budget_line(fy, budget, settled, self.optional_text(get("note"))))
        self.keys += len(value) + keys  # type: ignore[arg-type]
        return tuple(lines)

    def indicators(self, value: object, depth: int) -> tuple[Indicator, ...]:
        return tuple([self.indicator(item, depth) for item in self.items(value)])

    def indicator(self, value: object, depth: int) -> Indicator:
        if type(value) is not dict:
            raise Doubt
        if not value.keys() <= _INDICATOR_KEYS:
            return self.vouched(value, Indicator, depth)  # type: ignore[no-any-return]
        self.keys += len(value)
        get = value.get
        direction, baseline, targets, actuals = (
            get("direction", _ABSENT),
            get("baseline"),
            get("targets"),
            get("actuals"),
        )
        kind, calendar_year, category = get("kind"), get("calendar_year", False), get("category")
        rates_toward = get("rates_toward", _ABSENT)
        if type(calendar_year) is not bool or (targets is None and "targets" in value):
            raise Doubt
        parts = self.parts
        read_actuals = () if actuals is None and "actuals" not in value else self.actuals(actuals, depth + 1)
        read_targets = () if targets is None else self.targets(targets, depth + 1)
        indicator = _make_indicator(
            self.text(value["name"]),
            self.text(value["unit"]),
            Direction.INCREASE if direction is _ABSENT else self.member(direction, Direction),
            None if baseline is None else self.baseline(baseline, depth + 1),
            read_targets,
            read_actuals,
            None if kind is None else self.member(kind, IndicatorKind),
            self.optional_text(get("note")),
            calendar_year,
            None if category is None else self.member(category, IndicatorCategory),
            RateTarget.YEAR if rates_toward is _ABSENT else self.member(rates_toward, RateTarget),
        )
        if self.parts != parts:  # a figure read by the converter's hooks: a word (集計中), a year's several figures
            _distinct_actuals(None, None, read_actuals)
            indicator.__attrs_post_init__()
        elif not indicator.name.strip():
            raise Doubt
        else:
            # What __attrs_post_init__ does for figures read straight, one a year, none a word or set by a rule.
            _set_actual_by_fy(indicator, {actual.fy: actual for actual in read_actuals})
            _set_target_by_fy(indicator, {target.fy: target for target in read_targets})
        return indicator  # type: ignore[no-any-return]

    def baseline(self, value: object, depth: int) -> Observation | Baseline | None:
        if type(value) is dict and value.keys() <= _BASELINE_KEYS and "fy" in value and "value" in value:
            estimate, preliminary = value.get("estimate", False), value.get("preliminary", False)
            if type(estimate) is bool and type(preliminary) is bool and not (estimate and preliminary):
                self.keys += len(value)
                return _make_observation(self.year(value["fy"]), self.figure(value["value"]), estimate, preliminary)  # type: ignore[no-any-return]
        return self.part(value, depth, _structure_baseline)

    def years_of(self, table: dict[object, object]) -> tuple[FiscalYear, ...] | None:
        """The years of a table keyed by fiscal year, when they run up one by one (as most tables do): then
        none is given twice, and its cells are in the order the converter sorts them; None otherwise. A
        document keys table after table by the same labels, so each run of labels is read once."""
        labels = tuple(table)
        years = self.runs.get(labels)
        if years is None:
            years = tuple(self.year(label) for label in labels)
            if any(earlier.year >= later.year for earlier, later in pairwise(years)):
                return None
            self.runs[labels] = years
        return years

    def dated(self, value: object) -> Iterator[tuple[FiscalYear, object]]:
        """Each cell of a table keyed by fiscal year with its year, when the years run up (:meth:`years_of`)."""
        if type(value) is not dict:
            raise Doubt
        years = self.years_of(value)
        if years is None:
            raise Doubt
        self.keys += len(value)
        return zip(years, value.values(), strict=True)

    def targets(self, value: object, depth: int) -> tuple[Target, ...]:
        read: list[Target] = []
        decimals = self.decimals
        for fy, cell in self.dated(value):
            kind = type(cell)
            if kind is Decimal:  # as self.figure keeps it
                decimals.append(cell)  # type: ignore[arg-type]
                read.append(_make_target(fy, cell, None, _ANNUAL))
            elif kind is int:
                read.append(_make_target(fy, self.figure(cell), None, _ANNUAL))
            elif kind is dict and cell.keys() <= _WORDED_KEYS:  # type: ignore[attr-defined]
                # { text = "継続して拡充", role = "final" }, with or without its value, as _target_parts reads it
                get = cell.get  # type: ignore[attr-defined]
                figure, role = get("value"), get("role", _ABSENT)
                target = _make_target(
                    fy,
                    None if figure is None else self.figure(figure),
                    self.optional_text(get("text")),
                    _ANNUAL if role is _ABSENT else self.member(role, TargetRole),
                )
                target.__attrs_post_init__()
                self.keys += len(cell)  # type: ignore[arg-type]
                read.append(target)
            else:
                read.append(self.part(cell, depth + 1, partial(_cell_of, _target_of, fy)))
        return tuple(read)

    def actuals(self, value: object, depth: int) -> tuple[Observation | NoFigure, ...]:
        read: list[Observation | NoFigure] = []
        decimals = self.decimals
        for fy, cell in self.dated(value):
            kind = type(cell)
            if kind is Decimal:  # as self.figure keeps it
                decimals.append(cell)  # type: ignore[arg-type]
                read.append(_make_observation(fy, cell, False, False))
                continue
            if kind is int:
                read.append(_make_observation(fy, self.figure(cell), False, False))
                continue
            if kind is dict and cell.keys() <= _FLAGGED_KEYS:  # type: ignore[attr-defined]
                get = cell.get  # type: ignore[attr-defined]
                figure, estimate, preliminary = get("value"), get("estimate", False), get("preliminary", False)
                plain = type(figure) is Decimal or type(figure) is int
                if plain and type(estimate) is bool and type(preliminary) is bool and not (estimate and preliminary):
                    self.keys += len(cell)  # type: ignore[arg-type]
                    read.append(_make_observation(fy, self.figure(figure), estimate, preliminary))
                    continue
            cells = self.part(cell, depth + 1, partial(_cell_of, _structure_year_cells, fy))
            read.extend(cells if isinstance(cells, list) else (cells,))
        return tuple(read)

    def evaluations(self, value: object) -> tuple[Evaluation, ...]:
        return tuple([self.evaluation(item) for item in self.items(value)])

    def evaluation(self, value: object) -> Evaluation:
        if type(value) is not dict or not value.keys() <= _EVALUATION_KEYS:
            raise Doubt
        self.keys += len(value)
        get = value.get
        fy, written_on, evaluator = get("fy"), get("written_on"), get("evaluator")
        evaluation = _make_evaluation(
            self.member(value["kind"], EvaluationKind),
            None if fy is None else self.year(fy),
            *self.optional_texts((get("grade"), get("assessment"), get("issues"), get("outlook"))),
            None if written_on is None else _day(self.text(written_on)),
            None if evaluator is None else self.evaluator(evaluator),
        )
        # What __attrs_post_init__ checks of a year read as a FiscalYear: an annual one has it, a grade is not blank.
        if evaluation.fy is None and evaluation.kind is EvaluationKind.ANNUAL:
            raise Doubt
        if evaluation.grade is not None and not evaluation.grade.strip():
            raise Doubt
        return evaluation  # type: ignore[no-any-return]

    def evaluator(self, value: object) -> Evaluator:
        if type(value) is not dict or not value.keys() <= _EVALUATOR_KEYS:
            raise Doubt
        self.keys += len(value)
        written = (value["kind"], value.get("name"))
        evaluator = self.evaluators.get(written)  # the same body evaluates measure after measure
        if evaluator is None:
            kind, name = written
            evaluator = self.evaluators[written] = _make_evaluator(
                self.member(kind, EvaluatorKind), self.optional_text(name)
            )
        return evaluator

    def check(self, value: object) -> ProgressCheck:
        if type(value) is not dict or not value.keys() <= _CHECK_KEYS:
            raise Doubt
        self.keys += len(value)
        half = value["half"]
        if type(half) is not int or not 1 <= half <= 2:
            raise Doubt
        written = value["status"]
        status = self.statuses.get(written)  # a handful of words, read once each
        if status is None:
            status = self.statuses[written] = ProgressStatus.read(self.text(written))
        return _make_check(self.year(value["fy"]), half, status, self.optional_text(value.get("note")))  # type: ignore[no-any-return]


def _day(text: str) -> date:
    """A day as ``_structure_date`` reads it; the usual 2019-09-28 without its pattern."""
    if len(text) == 10 and text.isascii() and text[4] == "-" == text[7] and text.replace("-", "").isdigit():
        return date.fromisoformat(text)
    return _structure_date(text)


def _cell_of(build: Callable[[FiscalYear, object], T], fy: FiscalYear, cell: object, _type: object) -> T:
    return build(fy, cell)


@cache
def _fields(kind: type) -> dict[str, Any]:
    """The fields of ``kind`` by name, with their types resolved, as the converter reads them."""
    attrs.resolve_types(kind)
    return {field.name: field.type for field in attrs.fields(kind) if field.init}
