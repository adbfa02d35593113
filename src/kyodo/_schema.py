"""The JSON Schema of kyodo's plan files, derived from the model's attrs classes.

The schema describes the file as written by people, not only the canonical
output: fiscal years may be any label kyodo reads, enums their Japanese
labels, numbers exact text. Editors use it for completion and checking;
kyodo's own loader remains the authority (it checks what a schema cannot,
such as a lead department that is one of the departments).
"""

from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any, Final, Union

import attrs

from kyodo._labels import LabelledEnum
from kyodo._limits import MAX_CRITERION_CHARS
from kyodo.bodies import Body, Milestone
from kyodo.completion import Criterion, JudgmentRecord
from kyodo.evaluations import Evaluation, Evaluator, ProgressCheck, ProgressStatus
from kyodo.fiscal import FiscalYear, FiscalYearRange
from kyodo.indicators import (
    Baseline,
    Indicator,
    NoFigureReason,
    Observation,
    Series,
    Target,
    TargetRole,
    TargetRule,
    UndatedTarget,
)
from kyodo.plan import (
    SAME_AS_BEFORE,
    Actor,
    BudgetLine,
    Measure,
    Node,
    Plan,
    Provenance,
    Reference,
    Relisting,
    ScheduleEntry,
    Section,
    Stage,
)
from kyodo.wareki import Era, YearMonth

JSON = dict[str, Any]

_FISCAL_YEAR: Final[JSON] = {
    "description": "A fiscal year as documents print it: 平成27年度, H27, 2015年度, FY2015; or the year as an integer.",
    "type": ["string", "integer"],
}
_NUMBER: Final[JSON] = {
    "description": 'An exact number: 58.8, 837244, or text such as "837,244".',
    "type": ["number", "integer", "string"],
}
_YEN: Final[JSON] = {"description": 'Whole yen, or text such as "9,973千円".', "type": ["integer", "string"]}
_SCALARS: Final[dict[object, JSON]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: _NUMBER,
    FiscalYear: _FISCAL_YEAR,
    Era: {
        "description": "The era a document means by a year printed without one (21年度): 平成, H, Heisei, ㍻.",
        "type": "string",
    },
    FiscalYearRange: {
        "description": "A range of fiscal years: 平成26年度～平成30年度, H26–H30, 2014年度から2018年度まで.",
        "type": "string",
    },
    date: {"description": "A day: 2018-07-20, 平成30年7月20日, H30.7.20.", "type": "string"},
    YearMonth: {"description": "A month: 2014-03, 平成26年3月.", "type": "string"},
    ProgressStatus: {
        "description": "A progress status: a known one (順調, on_track, 概ね計画通り, やや遅れ, 取組中, 完了, 廃止 …)"
        " or any other word a sheet prints (◎, 取組中).",
        "type": "string",
        "minLength": 1,
        "examples": [name for status in ProgressStatus.known() for name in (status.value, status.label)],
    },
    date | YearMonth: {
        "description": "A day (2018-07-20, H30.7.20) or a month (2014-03, 平成26年3月).",
        "type": "string",
    },
    date | YearMonth | FiscalYear: {
        "description": "A day, a month, or a fiscal year (平成27年度, or its year as an integer) as precisely as"
        " the document dates it.",
        "type": ["string", "integer"],
    },
}


def _per_year(cell: JSON, what: str) -> JSON:
    return {
        "description": f"{what}, keyed by fiscal year (平成27年度, H27, FY2015).",
        "type": "object",
        "additionalProperties": cell,
    }


def _one(key: str, body: JSON) -> JSON:
    """A table with the one key ``key``."""
    return {"type": "object", "properties": {key: body}, "required": [key], "additionalProperties": False}


def _record(properties: dict[str, JSON], required: tuple[str, ...] = ()) -> JSON:
    schema: JSON = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return schema


def _enum(kind: type[LabelledEnum]) -> JSON:
    labels = (name for member in kind for name in (member.value, member.label, member.label_en))
    names = list(dict.fromkeys((*labels, *kind.other_words())))
    return {"description": kind.__doc__.splitlines()[0] if kind.__doc__ else kind.__name__, "enum": names}


def _special() -> dict[object, JSON]:
    stage = _enum(Stage)
    stage_or_arrow = {"anyOf": [stage, {"const": SAME_AS_BEFORE}]}
    target = {
        "anyOf": [
            _NUMBER,
            _record(
                {
                    "value": _NUMBER,
                    "text": {"type": "string"},
                    "role": _enum(TargetRole),
                    "upper": {**_NUMBER, "description": "The upper end of a range (40～45)."},
                    "bound": {
                        "description": "A bound printed with the target: at_least (以上) or at_most (以下).",
                        "enum": ["at_least", "at_most"],
                    },
                }
            ),
        ]
    }
    which: JSON = {
        "estimate": {"type": "boolean"},
        "preliminary": {"type": "boolean"},
        "on": {"description": "The day the value was observed: 2020-01-27, 令和2年1月27日.", "type": "string"},
        "stage": {
            "description": "The sheet's word for which of the year's figures it is: 速報値, 確定値, 第1回調査.",
            "type": "string",
            "minLength": 1,
        },
    }

    def figure(number: JSON) -> JSON:
        printed_rate = {
            "description": "The 達成率 the sheet prints beside the actual, as printed: 96.0%, 102%.",
            "type": "string",
        }
        return _record({"value": number, "printed_rate": printed_rate, **which}, ("value",))

    # A series holds figures only: text with no digit is a word (なし, －, 集計中), which the loader refuses there.
    number = {**_NUMBER, "type": ["number", "integer"]}
    number_text = {**_NUMBER, "type": "string", "pattern": "[0-9０-９]"}
    series_cell = {"anyOf": [number, number_text, figure({"anyOf": [number, number_text]})]}
    actual = {
        "anyOf": [
            _NUMBER,
            figure(_NUMBER),
            _record(
                {
                    "text": {
                        "description": "The word or mark the sheet prints instead of a figure: なし, －, 集計中, 完了.",
                        "type": "string",
                        "minLength": 1,
                    },
                    "reason": _enum(NoFigureReason),
                    **which,
                },
                ("text",),
            ),
        ]
    }
    return {
        tuple[tuple[str, date | YearMonth | FiscalYear], ...]: {
            "description": 'Milestones the measure records, by name: { 設立総会 = "平成27年度" }.',
            "type": "object",
            "additionalProperties": _SCALARS[date | YearMonth | FiscalYear],
        },
        tuple[str | Reference, ...]: {
            "description": "Documents referred to: text, or a table of title, on (a day, a month or a fiscal year) "
            "and url for a dated one (改訂版, 議会報告).",
            "type": "array",
            "items": {
                "anyOf": [
                    {"type": "string"},
                    _record(
                        {
                            "title": {"type": "string", "minLength": 1},
                            "on": _SCALARS[date | YearMonth | FiscalYear],
                            "url": {"type": "string"},
                        },
                        ("title",),
                    ),
                ]
            },
        },
        tuple[TargetRule, ...]: {
            "description": "Rules that set targets: { relative = { base, percent, fy, text } } for 基準年比 X% "
            "削減, { each_year = { base, step, until, text } } for 毎年 +0.4ポイント.",
            "type": "array",
            "items": {
                "anyOf": [
                    _one(
                        "relative",
                        _record(
                            {"base": _FISCAL_YEAR, "percent": _NUMBER, "fy": _FISCAL_YEAR, "text": {"type": "string"}},
                            ("base", "percent", "fy"),
                        ),
                    ),
                    _one(
                        "each_year",
                        _record(
                            {"base": _FISCAL_YEAR, "step": _NUMBER, "until": _FISCAL_YEAR, "text": {"type": "string"}},
                            ("base", "step", "until"),
                        ),
                    ),
                ]
            },
        },
        tuple[tuple[str, str], ...]: {
            "description": 'Grades on named axes: { "産出指標" = "A", "市民満足" = "C" }.',
            "type": "object",
            "additionalProperties": {"type": "string", "minLength": 1},
        },
        tuple[tuple[str, JudgmentRecord], ...]: {
            "description": "Judgments the measure records, by name, for its completion criterion.",
            "type": "object",
            "additionalProperties": _record(
                {
                    "holds": {"type": "boolean"},
                    "on": _SCALARS[date],
                    "by": {"type": "string"},
                    "evidence": {"type": "string"},
                },
                ("holds", "on", "by"),
            ),
        },
        tuple[Target, ...]: _per_year(target, "Targets"),
        tuple[UndatedTarget, ...]: {
            "description": "Targets the sheet keys by its own words, not a fiscal year: "
            '{ "5ヵ年目標" = 1400, "計画期間中" = { text = "継続" } }.',
            "type": "object",
            "propertyNames": {"minLength": 1},
            "additionalProperties": target,
        },
        tuple[Observation, ...]: _per_year(
            {"anyOf": [actual, {"type": "array", "items": actual, "minItems": 1}]},
            "Actual values; mark an estimate (見込み) with estimate = true, a 速報値 with preliminary = true; "
            "a word the sheet prints instead (集計中, なし, －) as text; several figures of one year as a list, "
            "the last of which rates use",
        ),
        (Series, "values"): _per_year(
            {"anyOf": [series_cell, {"type": "array", "items": series_cell, "minItems": 1, "maxItems": 1}]},
            "The series' figures, one a year: a number, or a table with its value and the marks an actual takes "
            "(estimate, preliminary, on, stage); never a word (なし, 集計中), which a series cannot hold",
        ),
        Observation | Baseline: {
            "description": "The baseline (基準値, 現状値): its value, its fiscal year and the sheet's words for when "
            "(策定時), any of which the sheet may leave out; at least one is given.",
            **_record(
                {
                    "fy": _FISCAL_YEAR,
                    "value": _NUMBER,
                    "when": {"type": "string", "minLength": 1},
                    "estimate": {"type": "boolean"},
                    "preliminary": {"type": "boolean"},
                }
            ),
            "anyOf": [{"required": ["fy"]}, {"required": ["value"]}, {"required": ["when"]}],
        },
        tuple[ScheduleEntry, ...]: _schedule_schema(stage_or_arrow),
        tuple[BudgetLine, ...]: _per_year(
            _record({"budget": _YEN, "settled": _YEN, "note": {"type": "string"}}), "Budget and settled amounts"
        ),
        frozenset[Actor]: {"type": "array", "items": _enum(Actor), "uniqueItems": True},
        Node: {"anyOf": [{"$ref": "#/$defs/Section"}, {"$ref": "#/$defs/Measure"}, {"$ref": "#/$defs/Relisting"}]},
        Criterion: {"$ref": "#/$defs/Criterion"},
        date | FiscalYear: {"description": "A day or a fiscal year.", "type": ["string", "integer"]},
    }


def _schedule_schema(stage_or_arrow: JSON) -> JSON:
    """A schedule: one row keyed by year (H27, H27～H29, H30以降), or several named rows."""
    flags = {"result": {"type": "string"}, "tentative": {"type": "boolean"}}
    cell = {
        "anyOf": [
            stage_or_arrow,
            {"const": "未定"},
            _record({"stage": {"anyOf": [stage_or_arrow, {"const": "未定"}]}, **flags}, ("stage",)),
            _record({"text": {"type": "string"}, **flags}, ("text",)),
            _record({"unknown": {"const": True}, **flags}, ("unknown",)),
        ]
    }
    row = {
        "description": "The schedule (年次計画, 工程表), keyed by fiscal year (H27), span (H27～H29) or year on "
        "(H30以降): a stage, → for 'as the year before', 未定, or free text; tentative = true for 予定.",
        "type": "object",
        "additionalProperties": cell,
    }
    rows = {
        "description": "A schedule printed in several rows, each named.",
        "type": "array",
        "items": _record({"row": {"type": "string", "minLength": 1}, "cells": row}, ("row", "cells")),
    }
    return {"anyOf": [row, rows]}


def _criterion_schema() -> JSON:
    """A criterion is a table with one key naming its kind, or its text (read by kyodo, not by the schema)."""
    name = {"type": "string"}

    def one(key: str, body: JSON) -> JSON:
        return {"type": "object", "properties": {key: body}, "required": [key], "additionalProperties": False}

    leaves = [
        one(
            "reaches",
            _record(
                {"indicator": name, "value": _NUMBER, "at_most": {"type": "boolean"}, "by": _FISCAL_YEAR},
                ("indicator", "value"),
            ),
        ),
        one("covers", _record({"indicator": name, "units": {"type": "integer", "minimum": 1}}, ("indicator", "units"))),
        one("meets_target", _record({"indicator": name, "fy": _FISCAL_YEAR}, ("indicator",))),
        one("milestone", _record({"name": name, "by": {"type": ["string", "integer"]}}, ("name",))),
        one("judgment", _record({"name": name}, ("name",))),
        one("ongoing", {"const": True}),
    ]
    reference = {"$ref": "#/$defs/Criterion"}
    combinations = [
        one("all_of", {"type": "array", "items": reference}),
        one("any_of", {"type": "array", "items": reference}),
        one("not", reference),
    ]
    text = {
        "description": "A criterion as text, as sheets word it:"
        " meets(参加者数), まちづくりセンター数 >= 99 by R7, milestone(設立総会) by R5, a and (b or c).",
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_CRITERION_CHARS,
    }
    return {
        "description": "A completion criterion (完了の目安) as data: a table naming its kind, or its text.",
        "anyOf": [*leaves, *combinations, text],
    }


_CLASSES: Final = (
    Section,
    Measure,
    Relisting,
    Indicator,
    ProgressCheck,
    Evaluation,
    Evaluator,
    Body,
    Milestone,
    Provenance,
    Series,
)


#: Fields a file writes elsewhere: an indicator's words for its actuals go in its actuals table.
_NOT_IN_FILES: Final = {(Indicator, "no_figures")}


def _type_schema(kind: object, special: dict[object, JSON]) -> JSON:
    if kind in special:
        return special[kind]
    if kind in _SCALARS:
        return _SCALARS[kind]
    if isinstance(kind, type) and issubclass(kind, LabelledEnum):
        return _enum(kind)
    if isinstance(kind, type) and attrs.has(kind):
        return {"$ref": f"#/$defs/{kind.__name__}"}
    origin = typing.get_origin(kind)
    arguments = typing.get_args(kind)
    if origin in (Union, types.UnionType) and type(None) in arguments:
        rest = tuple(argument for argument in arguments if argument is not type(None))
        return _type_schema(rest[0] if len(rest) == 1 else Union[rest], special)  # noqa: UP007 - built at run time
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return {"type": "array", "items": _type_schema(arguments[0], special)}
    raise TypeError(f"no JSON Schema for {kind!r}")


def _class_schema(kind: type, special: dict[object, JSON]) -> JSON:
    hints = typing.get_type_hints(kind)
    properties: dict[str, JSON] = {}
    required: list[str] = []
    for attribute in attrs.fields(kind):
        if not attribute.init or (kind, attribute.name) in _NOT_IN_FILES:
            continue
        name = attribute.alias or attribute.name
        if kind is Relisting and name == "code":
            name = "relists"
        own = special.get((kind, attribute.name))  # a field whose type others share, read differently
        properties[name] = own if own is not None else _type_schema(hints[attribute.name], special)
        if attribute.default is attrs.NOTHING:
            required.append(name)
    schema: JSON = {"type": "object", "properties": properties, "additionalProperties": False}
    if kind.__doc__:
        schema["description"] = kind.__doc__.strip().splitlines()[0]
    if required:
        schema["required"] = required
    return schema


def plan_schema() -> JSON:
    """The JSON Schema (draft 2020-12) of a kyodo plan file."""
    from kyodo.io import SCHEMA

    special = _special()
    schema = _class_schema(Plan, special)
    schema["properties"] = {"schema": {"const": SCHEMA}, **schema["properties"]}
    schema["required"] = ["schema", *schema.get("required", [])]
    section = _class_schema(Section, special)
    section["required"] = [*section.get("required", []), "children"]
    definitions = {kind.__name__: _class_schema(kind, special) for kind in _CLASSES}
    definitions["Section"] = section
    definitions["Criterion"] = _criterion_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://kyodo.invalid/schema/{SCHEMA.replace('/', '-')}.json",
        "title": "A kyodo plan file",
        **schema,
        "$defs": definitions,
    }
