"""Plans in files: JSON, TOML and (with the ``yaml`` extra) YAML, through one cattrs converter.

A plan file names its schema (``schema = "kyodo.plan/1"``). Fiscal years and
dates may be written as people write them (平成27年度, H27, FY2015, H30.7.20,
平成26年3月); kyodo writes them back in one canonical form (平成27年度,
2018-07-20, 2014-03). Numbers are read exactly: 58.8 in a file is
``Decimal("58.8")``, never a binary float.

Per-year figures are tables keyed by fiscal year, as documents print them::

    targets = { "平成27年度" = 42, "平成28年度" = 50, "平成31年度" = { text = "継続して拡充" } }
    actuals = { "平成27年度" = 43, "平成28年度" = 48 }
    schedule = { "H25" = "検討", "H26" = "→", "H27" = { text = "モデル事業" } }

A bad file raises one :class:`~kyodo.ValidationError` that lists every
problem with its place (``sections[0].children[2].schedule.H26: unknown stage
'実 施'``), and nothing is half-loaded.

>>> from kyodo import loads, dumps
>>> plan = loads('''
... schema = "kyodo.plan/1"
... title = "協働推進計画"
... municipality = "一関市"
... period = "平成26年度から平成30年度まで"
... [[sections]]
... number = "事業4"
... title = "地域協働体支援事業費補助金"
... schedule = { H26 = "実施", H27 = "→" }
... ''', "toml")
>>> plan.period.first, plan.find("事業4").schedule[1].label
(FiscalYear(2014), '→')
>>> print(dumps(plan, "toml"))
schema = "kyodo.plan/1"
title = "協働推進計画"
municipality = "一関市"
period = "平成26年度～平成30年度"
<BLANKLINE>
[[sections]]
number = "事業4"
title = "地域協働体支援事業費補助金"
schedule = { "平成26年度" = "implement", "平成27年度" = "→" }
<BLANKLINE>
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from json.encoder import encode_basestring as _quote
from pathlib import Path
from typing import Any, Final, Literal, NamedTuple, TypeVar, overload

import cattrs
from cattrs.errors import BaseValidationError, ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn

from kyodo._labels import LabelledEnum
from kyodo._limits import MAX_FILE_CHARS, MAX_INT_DIGITS, number_problem
from kyodo._plain import check_plain, read_decimal
from kyodo._step_codec import calculation_from_data, calculation_to_data, rate_data
from kyodo.bases import BasisRule, basis_from_data, basis_to_data
from kyodo.completion import (
    AllOf,
    AnyOf,
    Covers,
    Criterion,
    Judgment,
    MeetsTarget,
    MilestoneReached,
    Not,
    Ongoing,
    Reaches,
)
from kyodo.errors import KyodoError, Message, ParseError, ValidationError, message_pair
from kyodo.evaluations import ProgressStatus
from kyodo.fiscal import FiscalYear, FiscalYearRange
from kyodo.grading import Band, GradingScheme
from kyodo.indicators import Observation, Target, TargetRole
from kyodo.money import parse_rate
from kyodo.plan import SAME_AS_BEFORE, Actor, BudgetLine, Measure, Node, Plan, Relisting, ScheduleEntry, Section, Stage
from kyodo.steps import Calculation
from kyodo.subsidies import SubsidyRule, SubsidyTerms, Terms
from kyodo.wareki import YearMonth, parse_wareki

__all__ = [
    "GRADING_SCHEMA",
    "SCHEMA",
    "SUBSIDY_SCHEMA",
    "Format",
    "converter",
    "dump",
    "dumps",
    "from_data",
    "json_schema",
    "load",
    "load_any",
    "loads",
    "to_data",
]

#: The schema of plan files this version of kyodo reads and writes.
SCHEMA: Final = "kyodo.plan/1"
#: The schema of grading-scheme files.
GRADING_SCHEMA: Final = "kyodo.grading/1"
#: The schema of subsidy-rule files.
SUBSIDY_SCHEMA: Final = "kyodo.subsidy/1"

T = TypeVar("T")

Format = Literal["json", "toml", "yaml"]
_SUFFIXES: Final[dict[str, Format]] = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}


# --- scalars -------------------------------------------------------------------


def _expect_str(value: object, what: Message) -> str:
    if not isinstance(value, str):
        what_en, what_ja = message_pair(what)
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected {what_en} as text, not {kind} {value!r}",
                    f"{what_ja}には文字列が必要（{kind} {value!r} が渡された）",
                ),
            )
        )
    return value


def _structure_fiscal_year(value: object, _type: object = None) -> FiscalYear:
    if isinstance(value, FiscalYear):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return FiscalYear(value)
    return FiscalYear.parse(_expect_str(value, ("a fiscal year (平成27年度, FY2015)", "年度（平成27年度、FY2015）")))


def _structure_range(value: object, _type: object) -> FiscalYearRange:
    if isinstance(value, Mapping) and set(value) == {"first", "last"}:
        return FiscalYearRange(_structure_fiscal_year(value["first"]), _structure_fiscal_year(value["last"]))
    what = ("a range of fiscal years (平成26年度～平成30年度)", "年度の範囲（平成26年度～平成30年度）")
    return FiscalYearRange.parse(_expect_str(value, what))


def _structure_date(value: object, _type: object = None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _expect_str(value, ("a date (2018-07-20, H30.7.20)", "日付（2018-07-20、H30.7.20）"))
    if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise ParseError(
                text,
                ("a date", "日付"),
                ("no such day", "その日はない"),
                expected=("a date such as 2018-07-20", "2018-07-20 のような日付"),
            ) from None
    return parse_wareki(text)


def _structure_month(value: object, _type: object = None) -> YearMonth:
    if isinstance(value, YearMonth):
        return value
    return YearMonth.parse(_expect_str(value, ("a month (2014-03, 平成26年3月)", "年月（2014-03、平成26年3月）")))


def _structure_day_or_month(value: object, _type: object) -> date | YearMonth:
    if isinstance(value, date | YearMonth):
        return _structure_date(value) if isinstance(value, date) else value
    text = _expect_str(value, ("a date or a month", "日付か年月"))
    try:
        return _structure_date(text)
    except ParseError:
        return _structure_month(text)


def _structure_when(value: object, _type: object) -> date | YearMonth | FiscalYear:
    if isinstance(value, FiscalYear | YearMonth | date):
        return _structure_date(value) if isinstance(value, date) else value
    text = _expect_str(value, ("a date, a month or a fiscal year", "日付、年月、または年度"))
    if "年度" in text or text.strip().upper().startswith("FY"):
        return _structure_fiscal_year(text)
    return _structure_day_or_month(text, None)


def _label(fy: FiscalYear) -> str:
    """A fiscal year as files write it; files hold the April calendar only, so another is refused, not lost."""
    if fy.start_month != 4:
        raise ValidationError(
            (
                "",
                (
                    f"{fy!r} starts in month {fy.start_month}; plan files hold April fiscal years (年度) only",
                    f"{fy!r} は{fy.start_month}月始まり。計画ファイルに書けるのは4月始まりの年度だけ",
                ),
            )
        )
    return str(fy)


def _range_label(period: FiscalYearRange) -> str:
    _label(period.first)
    return period.format()


def _strict_str(value: object, _type: object = None) -> str:
    if not isinstance(value, str):
        raise ValidationError(
            (
                "",
                (
                    f"expected text, not {type(value).__name__} {value!r} (quote it)",
                    f"文字列が必要（{value!r}、引用符で囲む）",
                ),
            )
        )
    return value


def _strict_int(value: object, _type: object = None) -> int:
    if type(value) is not int:
        raise ValidationError(
            ("", (f"expected a whole number, not {type(value).__name__} {value!r}", f"整数が必要（{value!r}）"))
        )
    return value


def _strict_bool(value: object, _type: object = None) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(
            (
                "",
                (f"expected true or false, not {type(value).__name__} {value!r}", f"true か false が必要（{value!r}）"),
            )
        )
    return value


def _strict_strings(value: object, _type: object = None) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a list of text, not {kind} {value!r}",
                    f"文字列のリストが必要（{kind} {value!r} が渡された）",
                ),
            )
        )
    return tuple(_strict_str(item) for item in value)


def _unstructure_when(value: date | YearMonth | FiscalYear) -> str:
    if isinstance(value, FiscalYear):
        return _label(value)
    if isinstance(value, YearMonth):
        return str(value)
    return value.isoformat()


def _structure_decimal(value: object, _type: object = None) -> Decimal:
    if isinstance(value, bool | float):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"{value!r} is a {kind}; write the number exactly, as text or Decimal",
                    f"{value!r} は {kind}。数は文字列か Decimal で正確に書く",
                ),
            )
        )
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.replace(",", "").strip())
        except InvalidOperation:
            raise ValidationError(("", (f"{value!r} is not a number", f"{value!r} は数ではない"))) from None
    else:
        kind = type(value).__name__
        raise ValidationError(
            ("", (f"expected a number, not {kind} {value!r}", f"数が必要（{kind} {value!r} が渡された）"))
        )
    problem = number_problem(number)
    if problem is not None:
        raise ValidationError(("", problem))
    return number


_THOUSANDS: Final = re.compile(r"\s*([0-9][0-9,]*)\s*千円\s*")


def _structure_yen(value: object, _type: object = None) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        match = _THOUSANDS.fullmatch(value)
        digits = value.replace(",", "").replace("円", "").strip() if match is None else match[1].replace(",", "")
        if digits.isdigit():
            problem = number_problem(Decimal(digits))
            if problem is not None:
                raise ValidationError(("", problem))
            return int(digits) * (1000 if match is not None else 1)
    raise ValidationError(
        (
            "",
            (
                f"expected whole yen (an int, '9,973千円' or '9,973,000円'), not {value!r}",
                f"{value!r} は使えない。円単位の整数（int、'9,973千円'、'9,973,000円' のいずれか）が必要",
            ),
        )
    )


# --- per-year tables -------------------------------------------------------------


def _cells(value: object, what: Message, build: Callable[[FiscalYear, object], object]) -> tuple[Any, ...]:
    """Build each cell of a table keyed by fiscal year, refusing a year given twice; every problem is reported."""
    if not isinstance(value, Mapping):
        what_en, what_ja = message_pair(what)
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a table of {what_en} keyed by fiscal year, not {kind}",
                    f"年度をキーとする{what_ja}の表が必要（{kind} が渡された）",
                ),
            )
        )
    seen: dict[FiscalYear, str] = {}
    results: list[object] = []
    problems: list[tuple[str, Message]] = []
    for key, cell in value.items():
        try:
            fy = _structure_fiscal_year(key)
        except (ParseError, ValidationError) as error:
            problems.append((str(key), _message_of(error)))
            continue
        if fy in seen:
            problems.append(
                (
                    str(key),
                    (f"{fy} appears twice (also as {seen[fy]!r})", f"{fy} が二度ある（{seen[fy]!r} とも書かれている）"),
                )
            )
            continue
        seen[fy] = key
        try:
            results.append(build(fy, cell))
        except ValidationError as error:
            problems.extend((_join(key, path), message) for path, message in error.bilingual)
        except (ParseError, ValueError, TypeError) as error:
            problems.append((key, _message_of(error)))
    if problems:
        raise ValidationError(*problems)
    return tuple(results)


def _join(key: str, path: str) -> str:
    return f"{key}.{path}" if path else key


#: Python's own words when cattrs is handed the wrong shape, in Japanese.
_SHAPES: Final = (
    (re.compile(r"'(\w+)' object is not iterable"), r"リストが必要（\1 が渡された）"),
    (re.compile(r"argument of type '(\w+)' is not iterable"), r"表が必要（\1 が渡された）"),
    (re.compile(r"'(\w+)' object has no attribute 'keys'"), r"表が必要（\1 が渡された）"),
)


def _message_of(error: BaseException) -> Message:
    """An error's message in English and Japanese; Python's own words are kept in the Japanese when unknown."""
    if isinstance(error, ParseError | ValidationError):
        return (error.message("en"), error.message("ja"))
    english = str(error) or type(error).__name__
    for pattern, japanese in _SHAPES:
        if pattern.fullmatch(english):
            return (english, pattern.sub(japanese, english))
    return (english, f"値が正しくない（{english}）")


def _record(cell: object, allowed: set[str], what: Message) -> Mapping[str, Any]:
    what_en, what_ja = message_pair(what)
    if not isinstance(cell, Mapping):
        kind = type(cell).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a number or a table for {what_en}, not {kind} {cell!r}",
                    f"{what_ja}には数か表が必要（{kind} {cell!r} が渡された）",
                ),
            )
        )
    extra = set(cell) - allowed
    if extra:
        raise ValidationError(
            (
                "",
                (
                    f"unknown keys {sorted(extra)} for {what_en}; expected some of {sorted(allowed)}",
                    f"{what_ja}に知らないキー {sorted(extra)}。使えるのは {sorted(allowed)}",
                ),
            )
        )
    return cell


def _structure_targets(value: object, _type: object) -> tuple[Target, ...]:
    def build(fy: FiscalYear, cell: object) -> Target:
        if not isinstance(cell, Mapping):
            return Target(fy, _structure_decimal(cell))
        record = _record(cell, {"value", "text", "role"}, ("a target", "目標"))
        number = record.get("value")
        text = record.get("text")
        return Target(
            fy,
            None if number is None else _structure_decimal(number),
            None if text is None else _expect_str(text, ("a target's text", "目標の文言")),
            record.get("role", TargetRole.ANNUAL),
        )

    return _cells(value, ("targets", "目標"), build)


def _unstructure_targets(targets: tuple[Target, ...]) -> dict[str, object]:
    table: dict[str, object] = {}
    for target in targets:
        if target.text is None and target.role is TargetRole.ANNUAL:
            table[_label(target.fy)] = target.value
        else:
            record: dict[str, object] = {}
            if target.value is not None:
                record["value"] = target.value
            if target.text is not None:
                record["text"] = target.text
            if target.role is not TargetRole.ANNUAL:
                record["role"] = target.role.value
            table[_label(target.fy)] = record
    return table


def _structure_observation_cell(fy: FiscalYear, cell: object) -> Observation:
    if not isinstance(cell, Mapping):
        return Observation(fy, _structure_decimal(cell))
    record = _record(cell, {"value", "estimate"}, ("an actual", "実績"))
    estimate = record.get("estimate", False)
    if not isinstance(estimate, bool):
        raise ValidationError(
            ("estimate", (f"expected true or false, not {estimate!r}", f"true か false が必要（{estimate!r}）"))
        )
    return Observation(fy, _structure_decimal(record.get("value")), estimate)


def _structure_actuals(value: object, _type: object) -> tuple[Observation, ...]:
    return _cells(value, ("actuals", "実績"), _structure_observation_cell)


def _unstructure_observation_value(observation: Observation) -> object:
    if observation.estimate:
        return {"value": observation.value, "estimate": True}
    return observation.value


def _unstructure_actuals(actuals: tuple[Observation, ...]) -> dict[str, object]:
    return {_label(actual.fy): _unstructure_observation_value(actual) for actual in actuals}


def _structure_baseline(value: object, _type: object) -> Observation | None:
    if value is None:
        return None
    record = _record(value, {"fy", "value", "estimate"}, ("a baseline", "基準値"))
    if "fy" not in record:
        raise ValidationError(
            ("fy", ("a baseline needs the fiscal year it was measured in", "基準値には測った年度（fy）が必要"))
        )
    cell = {key: item for key, item in record.items() if key != "fy"}
    return _structure_observation_cell(_structure_fiscal_year(record["fy"]), cell)


def _unstructure_baseline(baseline: Observation) -> dict[str, object]:
    record: dict[str, object] = {"fy": _label(baseline.fy), "value": baseline.value}
    if baseline.estimate:
        record["estimate"] = True
    return record


def _stage_cell(fy: FiscalYear, cell: str, result: str | None) -> ScheduleEntry:
    if cell == SAME_AS_BEFORE:
        return ScheduleEntry(fy, carried=True, result=result)
    try:
        return ScheduleEntry(fy, Stage.read(cell, "stage"), result=result)
    except ValidationError:
        stages = ", ".join(f"{stage.label} ({stage.value})" for stage in Stage)
        stages_ja = "、".join(stage.label for stage in Stage)
        raise ValidationError(
            (
                "",
                (
                    f"unknown stage {cell!r}; expected one of {stages}, →, or {{ text = ... }} for free text",
                    f"{cell!r} という段階はない。{stages_ja}、→、または自由記述は {{ text = ... }}",
                ),
            )
        ) from None


def _structure_schedule(value: object, _type: object) -> tuple[ScheduleEntry, ...]:
    def build(fy: FiscalYear, cell: object) -> ScheduleEntry:
        if isinstance(cell, str):
            return _stage_cell(fy, cell, None)
        record = _record(cell, {"stage", "text", "result"}, ("a schedule cell", "工程表のセル"))
        result = record.get("result")
        if result is not None:
            result = _expect_str(result, ("the year's result", "その年度の結果"))
        if "stage" in record:
            if "text" in record:
                raise ValidationError(
                    ("", ("give a stage or a text, not both", "stage か text のどちらか一方だけを書く"))
                )
            return _stage_cell(fy, _expect_str(record["stage"], ("a stage", "段階")), result)
        return ScheduleEntry(fy, text=_expect_str(record.get("text"), ("the cell's text", "セルの文言")), result=result)

    return _cells(value, ("schedule cells", "工程表のセル"), build)


def _unstructure_schedule(schedule: tuple[ScheduleEntry, ...]) -> dict[str, object]:
    table: dict[str, object] = {}
    for entry in schedule:
        key = _label(entry.fy)
        if entry.carried:
            cell: dict[str, object] = {"stage": SAME_AS_BEFORE}
        elif entry.stage is not None:
            cell = {"stage": entry.stage.value}
        else:
            cell = {"text": entry.text}
        if entry.result is not None:
            cell["result"] = entry.result
            table[key] = cell
        else:
            table[key] = cell.get("stage", cell)
    return table


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


# --- the converter -----------------------------------------------------------------


def _structure_node(value: object, _type: object) -> Node:
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a table for a section or measure, not {kind}",
                    f"セクションや事業には表が必要（{kind} が渡された）",
                ),
            )
        )
    if "relists" in value:
        data = dict(value)
        data["code"] = data.pop("relists")
        return converter.structure(data, Relisting)
    if "children" in value:
        return converter.structure(value, Section)
    return converter.structure(value, Measure)


def _unstructure_node(node: Node) -> dict[str, object]:
    if isinstance(node, Relisting):
        data = converter.unstructure(node, Relisting)
        data["relists"] = data.pop("code")
        return {key: data[key] for key in ("number", "relists", "note") if key in data}
    if isinstance(node, Section):
        data = converter.unstructure(node, Section)
        data.setdefault("children", [])
        return dict(data)
    return dict(converter.unstructure(node, Measure))


def _make_converter() -> cattrs.Converter:
    made = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True, detailed_validation=True)
    made.register_structure_hook(FiscalYear, _structure_fiscal_year)
    made.register_unstructure_hook(FiscalYear, _label)
    made.register_structure_hook(FiscalYearRange, _structure_range)
    made.register_unstructure_hook(FiscalYearRange, _range_label)
    made.register_structure_hook(str, _strict_str)
    made.register_structure_hook(int, _strict_int)
    made.register_structure_hook(bool, _strict_bool)
    made.register_structure_hook_func(_is(tuple[str, ...]), _strict_strings)
    made.register_structure_hook(date, _structure_date)
    made.register_unstructure_hook(date, date.isoformat)
    made.register_structure_hook(YearMonth, _structure_month)
    made.register_unstructure_hook(YearMonth, str)
    made.register_structure_hook(Decimal, _structure_decimal)
    made.register_unstructure_hook(Decimal, lambda value: value)
    made.register_structure_hook(
        date | YearMonth | None, lambda v, t: None if v is None else _structure_day_or_month(v, t)
    )
    made.register_structure_hook(date | YearMonth | FiscalYear, _structure_when)
    made.register_unstructure_hook_func(lambda t: t == (date | YearMonth | FiscalYear), _unstructure_when)
    for kind, structure, unstructure in (
        (tuple[Target, ...], _structure_targets, _unstructure_targets),
        (tuple[Observation, ...], _structure_actuals, _unstructure_actuals),
        (tuple[ScheduleEntry, ...], _structure_schedule, _unstructure_schedule),
        (tuple[BudgetLine, ...], _structure_budget, _unstructure_budget),
    ):
        made.register_structure_hook_func(_is(kind), structure)
        made.register_unstructure_hook_func(_is(kind), unstructure)
    made.register_structure_hook(Observation | None, _structure_baseline)
    made.register_unstructure_hook_func(lambda t: t == (Observation | None), _unstructure_optional_baseline)
    made.register_structure_hook(Node, _structure_node)
    made.register_unstructure_hook_func(lambda t: t == Node, _unstructure_node)
    # Registered on the base class, so that every labelled enum reads its labels too.
    made.register_structure_hook(LabelledEnum, lambda value, kind: kind.read(value))
    made.register_unstructure_hook(LabelledEnum, lambda member: member.value)
    made.register_structure_hook_func(lambda t: t == frozenset[Actor], _structure_actors)
    made.register_unstructure_hook_func(_is(frozenset[Actor]), _unstructure_actors)
    return made


def _is(kind: object) -> Callable[[object], bool]:
    def predicate(candidate: object) -> bool:
        return candidate == kind

    return predicate


def _unstructure_optional_baseline(baseline: Observation | None) -> object:
    return None if baseline is None else _unstructure_baseline(baseline)


def _structure_actors(value: object, _type: object) -> frozenset[Actor]:
    return frozenset(Actor.read(item) for item in _expect_list(value))


def _unstructure_actors(actors: frozenset[Actor]) -> list[str]:
    # In the order Actor declares them, as documents print their columns.
    return [actor.value for actor in Actor if actor in actors]


def _expect_list(value: object) -> list[object]:
    if not isinstance(value, list | tuple):
        kind = type(value).__name__
        raise ValidationError(
            ("", (f"expected a list, not {kind} {value!r}", f"リストが必要（{kind} {value!r} が渡された）"))
        )
    return list(value)


def _structure_by_status(value: object, _type: object) -> tuple[tuple[ProgressStatus, str], ...]:
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a table of progress status to grade, not {kind}",
                    f"進捗状況から評価への表が必要（{kind} が渡された）",
                ),
            )
        )
    what = ("a grade label", "評価のラベル")
    return tuple((ProgressStatus.read(status), _expect_str(grade, what)) for status, grade in value.items())


def _unstructure_by_status(pairs: tuple[tuple[ProgressStatus, str], ...]) -> dict[str, str]:
    return {status.value: grade for status, grade in pairs}


_LEAVES: Final[dict[str, type]] = {
    "reaches": Reaches,
    "covers": Covers,
    "meets_target": MeetsTarget,
    "milestone": MilestoneReached,
    "judgment": Judgment,
}
_CRITERION_KEYS: Final = (*_LEAVES, "all_of", "any_of", "not", "ongoing")


def _structure_criterion(value: object, _type: object = None) -> Criterion:
    """A criterion from its file form: a table with one key naming its kind."""
    if not isinstance(value, Mapping) or len(value) != 1:
        raise ValidationError(
            (
                "",
                (
                    f"a criterion is a table with one key, one of {', '.join(_CRITERION_KEYS)}; got {value!r}",
                    f"条件はキーが一つの表（キーは {'、'.join(_CRITERION_KEYS)} のいずれか）。{value!r} は使えない",
                ),
            )
        )
    ((kind, body),) = value.items()
    if kind in ("all_of", "any_of"):
        parts: list[Criterion] = []
        problems: list[tuple[str, Message]] = []
        for index, item in enumerate(_expect_list(body)):
            try:
                parts.append(_structure_criterion(item))
            except ValidationError as error:
                problems.extend((_join(f"{kind}[{index}]", path), message) for path, message in error.bilingual)
            except (ParseError, TypeError, ValueError) as error:
                problems.append((f"{kind}[{index}]", _message_of(error)))
        if problems:
            raise ValidationError(*problems)
        return AllOf(parts) if kind == "all_of" else AnyOf(parts)
    if kind == "not":
        try:
            return Not(_structure_criterion(body))
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
            )
        )
    try:
        return converter.structure(body, leaf)
    except (BaseValidationError, ValidationError, ParseError) as error:
        raise ValidationError(*((_join(kind, path), message) for path, message in _problems(error, ""))) from None


def _unstructure_criterion(criterion: Criterion) -> dict[str, object]:
    if isinstance(criterion, AllOf | AnyOf):
        key = "all_of" if isinstance(criterion, AllOf) else "any_of"
        return {key: [_unstructure_criterion(part) for part in criterion.parts]}
    if isinstance(criterion, Not):
        return {"not": _unstructure_criterion(criterion.part)}
    if isinstance(criterion, Ongoing):
        return {"ongoing": True}
    kind = next(key for key, leaf in _LEAVES.items() if isinstance(criterion, leaf))
    return {kind: converter.unstructure(criterion)}


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


def _structure_versions(value: object, _type: object) -> tuple[tuple[FiscalYear | None, Terms], ...]:
    versions: list[tuple[FiscalYear | None, Terms]] = []
    problems: list[tuple[str, Message]] = []
    for index, item in enumerate(_expect_list(value)):
        if not isinstance(item, Mapping):
            kind = type(item).__name__
            problems.append(
                (f"[{index}]", (f"expected a table of terms, not {kind}", f"交付条件の表が必要（{kind} が渡された）"))
            )
            continue
        body = {key: item[key] for key in item if key != "from"}
        try:
            start = None if item.get("from") is None else _structure_fiscal_year(item["from"])
            if "steps" in body:
                versions.append((start, calculation_from_data(body)))
            else:
                versions.append((start, converter.structure(body, SubsidyTerms)))
        except (BaseValidationError, ValidationError, ParseError) as error:
            problems.extend((_join(f"[{index}]", path), message) for path, message in _problems(error, ""))
    if problems:
        raise ValidationError(*((path.replace(".[", "["), message) for path, message in problems))
    return tuple(versions)


def _unstructure_versions(versions: tuple[tuple[FiscalYear | None, Terms], ...]) -> list[dict[str, object]]:
    out = []
    for start, terms in versions:
        if isinstance(terms, Calculation):
            data = calculation_to_data(terms)
        else:
            data = converter.unstructure(terms, SubsidyTerms)
        out.append({"from": _label(start), **data} if start is not None else data)
    return out


def _add_subsidy_hooks(made: cattrs.Converter) -> None:
    versions = tuple[tuple[FiscalYear | None, Terms], ...]
    made.register_structure_hook_func(_is(versions), _structure_versions)
    made.register_unstructure_hook_func(_is(versions), _unstructure_versions)
    budget_years = tuple[tuple[FiscalYear, int], ...]
    made.register_structure_hook_func(_is(budget_years), _structure_budget_years)
    made.register_unstructure_hook_func(_is(budget_years), lambda pairs: {_label(fy): amount for fy, amount in pairs})
    made.register_structure_hook(Fraction, lambda value, _t: parse_rate(value))
    made.register_unstructure_hook(Fraction, rate_data)
    made.register_structure_hook_func(
        _is(frozenset[str] | None), lambda value, _t: None if value is None else frozenset(_strings(value))
    )
    made.register_structure_hook_func(_is(frozenset[str]), lambda value, _t: frozenset(_strings(value)))
    made.register_unstructure_hook_func(
        _is(frozenset[str] | None), lambda value: None if value is None else sorted(value)
    )
    made.register_unstructure_hook_func(_is(frozenset[str]), sorted)
    made.register_structure_hook_func(
        _is(FiscalYear | None), lambda value, _t: None if value is None else _structure_fiscal_year(value)
    )


def _structure_budget_years(value: object, _type: object) -> tuple[tuple[FiscalYear, int], ...]:
    return _cells(value, ("budgets", "予算"), lambda fy, cell: (fy, _structure_yen(cell)))


def _strings(value: object) -> list[str]:
    return [_expect_str(item, ("a category", "経費の区分")) for item in _expect_list(value)]


class _InUnit(NamedTuple):
    """A band's text and the unit of the basis it grades, which the file leaves implicit."""

    text: str
    unit: str


def _structure_band(value: object, _type: object) -> Band:
    if isinstance(value, _InUnit):
        return Band.parse(value.text, value.unit)
    return Band.parse(_expect_str(value, ("a band", "評価の区分")))


def _unit_of(basis: object) -> str | None:
    try:
        return basis_from_data(basis).unit.value
    except KyodoError:
        return None  # the basis's own hook reports it, with its path


def _in_unit(bands: object, unit: str | None) -> object:
    if unit is None or not isinstance(bands, list):
        return bands
    return [_InUnit(band, unit) if isinstance(band, str) else band for band in bands]


def _bands_in_units(value: object) -> object:
    """A scheme's data, its bands marked with the unit of the basis each grades ("16以上" where it is a score)."""
    if isinstance(value, Mapping) and isinstance(value.get("grades"), list):
        unit = _unit_of(value.get("basis", "achievement"))
        grades: list[object] = []
        for grade in value["grades"]:
            if isinstance(grade, Mapping):
                grade = dict(grade)
                if "bands" in grade:
                    grade["bands"] = _in_unit(grade["bands"], unit)
                if isinstance(grade.get("when"), list):
                    grade["when"] = [
                        {**condition, "bands": _in_unit(condition.get("bands"), _unit_of(condition.get("basis")))}
                        if isinstance(condition, Mapping) and "bands" in condition
                        else condition
                        for condition in grade["when"]
                    ]
            grades.append(grade)
        value = {**value, "grades": grades}
    return value


def _add_grading_hooks(made: cattrs.Converter) -> None:
    made.register_structure_hook(ProgressStatus, lambda value, _t: ProgressStatus.read(value))
    made.register_unstructure_hook(ProgressStatus, str)
    made.register_structure_hook(Band, _structure_band)
    made.register_unstructure_hook(Band, str)
    made.register_structure_hook(BasisRule, lambda value, _t: basis_from_data(value))
    made.register_unstructure_hook_func(lambda t: isinstance(t, type) and issubclass(t, BasisRule), basis_to_data)
    by_status = tuple[tuple[ProgressStatus, str], ...]
    made.register_structure_hook_func(_is(by_status), _structure_by_status)
    made.register_unstructure_hook_func(_is(by_status), _unstructure_by_status)
    made.register_structure_hook_func(_is(Criterion), _structure_criterion)
    made.register_unstructure_hook_func(_is(Criterion), _unstructure_criterion)
    made.register_structure_hook_func(_is(Criterion | None), lambda value, _t: _structure_criterion(value))
    made.register_unstructure_hook_func(_is(Criterion | None), _unstructure_criterion)
    made.register_structure_hook_func(_is(date | FiscalYear | None), _structure_by)
    made.register_unstructure_hook_func(_is(date | FiscalYear | None), _unstructure_when)
    # Generated last, so that the scheme's fields use every hook above.
    fields = make_dict_structure_fn(
        GradingScheme, made, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    made.register_structure_hook(GradingScheme, lambda value, kind: fields(_bands_in_units(value), kind))  # type: ignore[arg-type]


#: The converter between kyodo's objects and plain data (dicts, lists, text, numbers).
converter: Final = _make_converter()
_add_grading_hooks(converter)
_add_subsidy_hooks(converter)
_SCHEMAS: Final[dict[type, str]] = {Plan: SCHEMA, GradingScheme: GRADING_SCHEMA, SubsidyRule: SUBSIDY_SCHEMA}


# --- errors ----------------------------------------------------------------------


def _problems(error: BaseException, path: str) -> Iterator[tuple[str, Message]]:
    """Every (path, message) in a cattrs validation error tree, with kyodo's own messages."""
    if isinstance(error, IterableValidationError):
        items, rest = error.group_exceptions()
        for inner, item in items:
            yield from _problems(inner, f"{path}[{item.index!r}]")
        for inner in rest:
            yield from _problems(inner, path)
    elif isinstance(error, ClassValidationError):
        fields, others = error.group_exceptions()
        for inner, attribute in fields:
            yield from _problems(inner, f"{path}.{attribute.name}" if path else attribute.name)
        for inner in others:
            yield from _problems(inner, path)
    elif isinstance(error, ValidationError):
        for inner_path, message in error.bilingual:
            joined = inner_path if inner_path.startswith("[") else f".{inner_path}"
            yield (f"{path}{joined}" if path and inner_path else path or inner_path), message
    elif isinstance(error, ParseError):
        yield path, (error.message("en"), error.message("ja"))
    elif isinstance(error, ForbiddenExtraKeysError):
        keys = sorted(error.extra_fields)
        yield path, (f"unknown keys {keys}", f"知らないキー {keys}")
    elif isinstance(error, RecursionError):
        yield path, ("sections are nested too deeply to read", "セクションの入れ子が深すぎて読めない")
    elif isinstance(error, KeyError):
        yield path, (f"{error.args[0]!r} is required", f"{error.args[0]!r} がない（必須）")
    elif isinstance(error, KyodoError | ValueError | TypeError | AttributeError):
        yield path, _message_of(error)
    else:  # pragma: no cover - cattrs raises nothing else for plain data
        raise error


def _structure(data: object, kind: type[T], source: str = "") -> T:
    schema_id = _SCHEMAS.get(kind)
    if schema_id is None:
        raise TypeError(f"kyodo files hold {', '.join(k.__name__ for k in _SCHEMAS)}, not {kind.__name__}")
    check_plain(data, source, (f"a {kind.__name__} file", f"{kind.__name__} のファイル"))
    if not isinstance(data, Mapping):
        raise ValidationError(
            (
                "",
                (
                    f"a {kind.__name__} file holds a table at its top, not {type(data).__name__}",
                    f"{kind.__name__} のファイルは最上位が表（{type(data).__name__} ではない）",
                ),
            )
        )
    schema = data.get("schema")
    if schema != schema_id:
        raise ValidationError(
            (
                "schema",
                (
                    f"expected {schema_id!r} for a {kind.__name__}, not {schema!r}",
                    f"{kind.__name__} には {schema_id!r} が必要（{schema!r} ではない）",
                ),
            )
        )
    body = {key: value for key, value in data.items() if key != "schema"}
    try:
        return converter.structure(body, kind)
    except RecursionError:
        raise ValidationError(
            ("", ("the file nests its tables too deeply to read", "ファイルの表の入れ子が深すぎて読めない"))
        ) from None
    except (BaseValidationError, ValidationError, ParseError) as error:
        problems = list(_problems(error, ""))
        raise ValidationError(*_tidy(problems)) from None


def _tidy(problems: list[tuple[str, Message]]) -> list[tuple[str, Message]]:
    # cattrs indexes lists as [0]; names of table keys arrive as ['H27']: show them plainly.
    return [(re.sub(r"\['([^']*)'\]", r".\1", path), message) for path, message in problems]


# --- formats --------------------------------------------------------------------


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    table = dict(pairs)
    if len(table) == len(pairs):
        return table
    table = {}
    for key, value in pairs:
        if key in table:
            raise ValidationError((key, ("appears twice in the same table", "同じ表に二度ある")))
        table[key] = value
    return table


def _read_int(digits: str) -> int | Decimal:
    # Past Python's 4,300-digit limit int() raises a bare ValueError; a Decimal is refused by the limits instead.
    return int(digits) if len(digits) <= _INT_DIGITS else Decimal(digits)


_INT_DIGITS: Final = 40


def _read_text(text: str, fmt: Format) -> object:
    if len(text) > MAX_FILE_CHARS:
        raise ParseError(
            _excerpt(text, 0),
            (f"a {fmt} file", f"{fmt} のファイル"),
            (
                f"it is too large: {len(text):,} characters, where kyodo reads at most {MAX_FILE_CHARS:,}",
                f"大きすぎる（{len(text):,}文字。読めるのは{MAX_FILE_CHARS:,}文字まで）",
            ),
        )
    # A byte order mark is what some editors on Windows put first; it is not part of the data in any format.
    if text.startswith("\ufeff"):
        text = text[1:]
    if fmt == "json":
        try:
            return json.loads(text, parse_float=read_decimal, parse_int=_read_int, object_pairs_hook=_reject_duplicates)
        except json.JSONDecodeError as error:
            raise ParseError(
                _excerpt(text, error.pos),
                "JSON",
                (error.msg, _json_reason_ja(error.msg)),
                column=error.colno,
                expected=(f"valid JSON (line {error.lineno})", f"正しい JSON（{error.lineno}行目）"),
            ) from None
        except RecursionError:
            raise ParseError(_excerpt(text, 0), "JSON", _NESTED_TOO_DEEPLY) from None
    if fmt == "toml":
        try:
            return tomllib.loads(text, parse_float=read_decimal)
        except tomllib.TOMLDecodeError as error:
            raise ParseError(
                _excerpt(text, 0),
                "TOML",
                (str(error), _toml_reason_ja(str(error))),
                expected=("valid TOML", "正しい TOML"),
            ) from None
        except RecursionError:
            raise ParseError(_excerpt(text, 0), "TOML", _NESTED_TOO_DEEPLY) from None
        except ParseError:
            raise
        except ValueError:
            # tomllib reads integers with int(), which refuses more than 4,300 digits with a bare ValueError.
            raise ParseError(
                _excerpt(text, 0),
                "TOML",
                (
                    f"a number has more digits than kyodo reads (at most {MAX_INT_DIGITS})",
                    f"桁数が多すぎる数がある（読めるのは{MAX_INT_DIGITS}桁まで）",
                ),
            ) from None
    if fmt == "yaml":
        from kyodo._yaml import read_yaml

        return read_yaml(text)
    raise ValidationError(("format", _not_a_format(fmt)))


_NESTED_TOO_DEEPLY: Final = ("nested too deeply", "入れ子が深すぎる")

#: The json module's reasons, in Japanese; one not listed is shown in English.
_JSON_REASONS: Final = {
    "Expecting value": "値がない",
    "Expecting property name enclosed in double quotes": "二重引用符で囲んだキーがない",
    "Expecting ':' delimiter": "区切りの ':' がない",
    "Expecting ',' delimiter": "区切りの ',' がない",
    "Unterminated string starting at": "ここから始まる文字列が閉じていない",
    "Invalid control character at": "使えない制御文字がある",
    "Invalid \\escape": "正しくないエスケープ",
    "Invalid \\uXXXX escape": "正しくない \\uXXXX エスケープ",
    "Extra data": "値の後に余分なデータがある",
    "Illegal trailing comma before end of object": "オブジェクトの終わりの前に余分なカンマがある",
    "Illegal trailing comma before end of array": "配列の終わりの前に余分なカンマがある",
}
_JSON_PATTERNS: Final = (
    (re.compile(r"Invalid control character (.+) at"), r"使えない制御文字 \1 がある"),
    (re.compile(r"Invalid \\escape: (.+)"), r"正しくないエスケープ \1"),
)


def _json_reason_ja(reason: str) -> str:
    if reason in _JSON_REASONS:
        return _JSON_REASONS[reason]
    for pattern, japanese in _JSON_PATTERNS:
        if pattern.fullmatch(reason):
            return pattern.sub(japanese, reason)
    return reason


#: tomllib's reasons, in Japanese; one not listed is shown in English after a Japanese lead.
_TOML_REASONS: Final = {
    "Cannot overwrite a value": "値は上書きできない",
    "Escaped character is not a Unicode scalar value": "エスケープした文字が Unicode のスカラー値ではない",
    "Expected '=' after a key in a key/value pair": "キーの後に '=' がない",
    "Expected ']' at the end of a table declaration": "表の宣言の終わりに ']' がない",
    "Expected ']]' at the end of an array declaration": "配列の宣言の終わりに ']]' がない",
    "Expected newline or end of document after a statement": "文の後に改行か文書の終わりがない",
    "Invalid date or datetime": "日付や日時として正しくない",
    "Invalid hex value": "16進の値として正しくない",
    "Invalid initial character for a key part": "キーの先頭に使えない文字",
    "Invalid statement": "文として正しくない",
    "Invalid value": "値として正しくない",
    "Unclosed array": "配列が閉じていない",
    "Unclosed inline table": "インラインテーブルが閉じていない",
    "Unescaped '\\' in a string": "文字列にエスケープしていない '\\' がある",
    "Unterminated string": "文字列が閉じていない",
}
_TOML_PATTERNS: Final = (
    (re.compile(r"Cannot declare (.+) twice"), r"\1 を二度宣言している"),
    (re.compile(r"Cannot mutate immutable namespace (.+)"), r"変更できない名前空間 \1 を変えようとしている"),
    (re.compile(r"Cannot redefine namespace (.+)"), r"名前空間 \1 を定義し直している"),
    (re.compile(r"Duplicate inline table key (.+)"), r"インラインテーブルのキー \1 が二度ある"),
    (re.compile(r"Expected (.+)"), r"\1 がない"),
    (re.compile(r"(?:Found invalid|Illegal) character (.+)"), r"使えない文字 \1 がある"),
)
_TOML_PLACE: Final = re.compile(r"(.*) \(at (?:line (\d+), column (\d+)|(end of document))\)", re.DOTALL)


def _toml_reason_ja(reason: str) -> str:
    """tomllib's message in Japanese: "Invalid value (at line 3, column 5)" is "値として正しくない（3行目、5文字目）"."""
    match = _TOML_PLACE.fullmatch(reason)
    if match is None:
        return f"TOML の誤り: {reason}"
    message, line, column, end = match.groups()
    place = "（文書の終わり）" if end else f"（{line}行目、{column}文字目）"
    if message in _TOML_REASONS:
        return _TOML_REASONS[message] + place
    for pattern, japanese in _TOML_PATTERNS:
        if pattern.fullmatch(message):
            return pattern.sub(japanese, message) + place
    return f"TOML の誤り: {message}{place}"


def _not_a_format(fmt: object) -> Message:
    return (
        f"{fmt!r} is not a format; expected 'json', 'toml' or 'yaml'",
        f"{fmt!r} という形式はない。'json'、'toml'、'yaml' のいずれか",
    )


def _excerpt(text: str, position: int) -> str:
    start = max(0, position - 20)
    piece = text[start : position + 20]
    return ("…" if start else "") + piece + ("…" if position + 20 < len(text) else "")


@overload
def loads(text: str, format: Format = "json") -> Plan: ...
@overload
def loads(text: str, format: Format = "json", *, kind: type[T]) -> T: ...
def loads(text: str, format: Format = "json", *, kind: type[Any] = Plan) -> Any:
    """Read a plan (or, with ``kind``, a :class:`~kyodo.GradingScheme`) from ``text`` in ``format``.

    ``format`` is "json", "toml" or "yaml".

    Raises :class:`~kyodo.ParseError` for text that is not valid in the
    format, and :class:`~kyodo.ValidationError`, listing every problem, for
    a file that does not describe a valid plan.
    """
    if not isinstance(text, str):
        kind = type(text).__name__
        raise ParseError(
            text,
            (f"a {format} plan file", f"{format} の計画ファイル"),
            (f"expected a str, got {kind}", f"文字列ではなく {kind} が渡された"),
        )
    try:
        data = _read_text(text, format)
    except ValidationError as error:
        raise ValidationError(*error.bilingual) from None
    return _structure(data, kind, _excerpt(text, 0))


@overload
def load(path: str | Path, format: Format | None = None) -> Plan: ...
@overload
def load(path: str | Path, format: Format | None = None, *, kind: type[T]) -> T: ...
def load(path: str | Path, format: Format | None = None, *, kind: type[Any] = Plan) -> Any:
    """Read a plan file (or, with ``kind``, a grading scheme's); the format comes from the suffix unless given.

    Suffixes: .json, .toml, .yaml, .yml.
    """
    file = Path(path)
    fmt = format or _format_of(file)
    text = _read_file(file)
    try:
        return loads(text, fmt, kind=kind)
    except ValidationError as error:
        raise ValidationError(
            *((f"{file.name}: {path}" if path else file.name, message) for path, message in error.bilingual)
        ) from None


def load_any(path: str | Path, format: Format | None = None) -> Plan | GradingScheme | SubsidyRule:
    """Read any kyodo document, a plan, a grading scheme or a subsidy rule, by the ``schema`` key it names.

    >>> from pathlib import Path
    >>> type(load_any(Path("examples/subsidies/ichinoseki-project4.toml"))).__name__
    'SubsidyRule'
    """
    file = Path(path)
    fmt = format or _format_of(file)
    text = _read_file(file)
    try:
        data = _read_text(text, fmt)
    except ValidationError as error:
        raise ValidationError(
            *((f"{file.name}: {inner}" if inner else file.name, m) for inner, m in error.bilingual)
        ) from None
    schema = data.get("schema") if isinstance(data, Mapping) else None
    kinds = {schema_id: kind for kind, schema_id in _SCHEMAS.items()}
    if schema not in kinds:
        known = ", ".join(repr(schema_id) for schema_id in kinds)
        raise ValidationError(
            (
                f"{file.name}: schema",
                (f"expected one of {known}, not {schema!r}", f"{known} のいずれかが必要（{schema!r} ではない）"),
            )
        )
    try:
        return _structure(data, kinds[schema], _excerpt(text, 0))
    except ValidationError as error:
        raise ValidationError(
            *((f"{file.name}: {inner}" if inner else file.name, message) for inner, message in error.bilingual)
        ) from None


def _read_file(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(
            str(file),
            ("a UTF-8 file", "UTF-8 のファイル"),
            (f"byte {error.start} is not UTF-8", f"{error.start}バイト目が UTF-8 ではない"),
        ) from None
    except OSError as error:
        raise KyodoError(f"cannot read {str(file)!r}: {error.strerror or error}") from None


def _format_of(file: Path) -> Format:
    fmt = _SUFFIXES.get(file.suffix.lower())
    if fmt is None:
        raise ValidationError(
            (
                "format",
                (
                    f"cannot tell the format of {file.name!r}; name it .json, .toml or .yaml, or pass format=",
                    f"{file.name!r} の形式がわからない。名前を .json、.toml、.yaml で終えるか、format= を渡す",
                ),
            )
        )
    return fmt


def to_data(document: Plan | GradingScheme | SubsidyRule) -> dict[str, object]:
    """A plan, grading scheme or subsidy rule as plain data (dicts, lists, text, exact numbers), schema first.

    >>> from kyodo import Grade, GradingScheme
    >>> to_data(GradingScheme("pass or fail", [Grade("○", bands=["100%以上"]), Grade("×", bands=["otherwise"])]))
    {'schema': 'kyodo.grading/1', 'name': 'pass or fail', 'grades': [{'label': '○', 'bands': ['>= 100%']}, {'label': '×', 'bands': ['otherwise']}]}
    """
    return unstructure(document)


@overload
def from_data(data: Mapping[str, Any]) -> Plan: ...
@overload
def from_data(data: Mapping[str, Any], kind: type[T]) -> T: ...
def from_data(data: Mapping[str, Any], kind: type[Any] = Plan) -> Any:
    """Build a plan (or a ``kind``) from plain data, checked as a file is; ``schema`` may be left out.

    >>> from kyodo import GradingScheme
    >>> scheme = from_data({"name": "legend", "grades": [{"label": "A", "bands": ["90%以上"]},
    ...                                                  {"label": "B", "bands": ["その他"]}]}, GradingScheme)
    >>> scheme.grade_label(Fraction(9, 10))
    'A'
    """
    if isinstance(data, Mapping) and "schema" not in data and kind in _SCHEMAS:
        data = {"schema": _SCHEMAS[kind], **data}
    return _structure(data, kind)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of plan files, for editors and other tools.

    It describes what people may write (any fiscal-year label kyodo reads,
    Japanese enum labels); kyodo's loader also checks what a schema cannot.

    >>> schema = json_schema()
    >>> schema["properties"]["schema"], schema["required"]
    ({'const': 'kyodo.plan/1'}, ['schema', 'title', 'municipality', 'period'])
    """
    from kyodo._schema import plan_schema

    return plan_schema()


def unstructure(document: Plan | GradingScheme | SubsidyRule) -> dict[str, object]:
    """A plan or grading scheme as plain data in canonical form, with its schema first."""
    kind = type(document)
    if kind not in _SCHEMAS:
        raise TypeError(f"kyodo writes {', '.join(k.__name__ for k in _SCHEMAS)}, not {kind.__name__}")
    return {"schema": _SCHEMAS[kind], **converter.unstructure(document, kind)}


def dumps(document: Plan | GradingScheme | SubsidyRule, format: Format = "json") -> str:
    """Write a plan or grading scheme as text in ``format``; canonical: ``dumps(loads(dumps(p)))`` is the same."""
    data = unstructure(document)
    if format == "json":
        return _json(data, 0) + "\n"
    if format == "toml":
        from kyodo._toml import write_toml

        return write_toml(data)
    if format == "yaml":
        from kyodo._yaml import write_yaml

        return write_yaml(data)
    raise ValidationError(("format", _not_a_format(format)))


def dump(document: Plan | GradingScheme | SubsidyRule, path: str | Path, format: Format | None = None) -> None:
    """Write a plan or grading scheme to a file; the format comes from the suffix unless given.

    The file is replaced whole or not at all: when the write fails, the old
    file stays as it was and a :class:`KyodoError` names the file and says why.
    """
    from kyodo._files import write_text

    file = Path(path)
    write_text(file, dumps(document, format or _format_of(file)))


def _json(value: object, indent: int) -> str:
    """JSON text for plain data, writing Decimals as exact numbers (the json module cannot)."""
    parts: list[str] = []
    _write_json(value, indent, parts.append)
    return "".join(parts)


def _write_json(value: object, indent: int, out: Callable[[str], object]) -> None:
    kind = type(value)
    if kind is str:
        out(_quote(value))  # type: ignore[arg-type]
    elif kind is dict:
        assert isinstance(value, dict)
        if not value:
            out("{}")
            return
        pad = "\n" + "  " * (indent + 1)
        separator = pad
        for key, item in value.items():
            out("{" + pad if separator is pad else separator)
            separator = "," + pad
            out(_quote(str(key)))
            out(": ")
            _write_json(item, indent + 1, out)
        out("\n" + "  " * indent + "}")
    elif kind is list or kind is tuple:
        assert isinstance(value, list | tuple)
        if not value:
            out("[]")
            return
        pad = "\n" + "  " * (indent + 1)
        out("[" + pad)
        for index, item in enumerate(value):
            if index:
                out("," + pad)
            _write_json(item, indent + 1, out)
        out("\n" + "  " * indent + "]")
    elif kind is Decimal:
        out(_decimal_text(value))  # type: ignore[arg-type]
    elif kind is bool:
        out("true" if value else "false")
    elif kind is int:
        out(str(value))
    elif value is None:
        out("null")
    else:
        out(json.dumps(value, ensure_ascii=False))


def _decimal_text(value: Decimal) -> str:
    """A Decimal as a JSON and TOML number token that reads back to an equal Decimal (58.8, 37, 1E+3).

    Negative zero is written as zero: the formats read "-0" as the integer 0,
    and canonical output must not change on a second round.
    """
    return str(value.copy_abs() if value.is_zero() else value)
