"""The JSON Schema of results as data (``kyodo.result/1``), which every result's ``to_data()`` gives."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, get_args

from kyodo.bases import FigureUnit
from kyodo.grading import Combine
from kyodo.indicators import Direction
from kyodo.results import RESULT_SCHEMA, GradeHow, ResultKind, UnreadHow, VerdictValue
from kyodo.subsidies import Constraint, Refusal

JSON = dict[str, Any]

_TEXT: Final[JSON] = {"type": "string"}
_MAYBE_TEXT: Final[JSON] = {"type": ["string", "null"]}
_BOOL: Final[JSON] = {"type": "boolean"}
_YEN: Final[JSON] = {"description": "Whole yen.", "type": "integer", "minimum": 0}
_INT: Final[JSON] = {"type": "integer"}
_DECIMAL: Final[JSON] = {"description": "A Decimal as Python prints it: 96.0, 837244, 1E+3.", "type": "string"}
_FRACTION: Final[JSON] = {
    "description": "A Fraction as Python prints it: 24/25, 4, -3/2.",
    "type": "string",
    "pattern": "^-?[0-9]+(/[0-9]+)?$",
}
_FY: Final[JSON] = {
    "description": "A fiscal year as kyodo's files write it (平成27年度, 令和元年度); "
    "one of a calendar not starting in April as 2015年度（10月始まり）.",
    "type": "string",
}
_DAY: Final[JSON] = {"description": "A day, ISO 8601.", "type": "string", "format": "date"}
_ANY: Final[JSON] = {"description": "Any JSON value."}


def _values(kind: Iterable[Any]) -> JSON:
    return {"enum": [member.value for member in kind]}


def _maybe(schema: JSON) -> JSON:
    return {"anyOf": [schema, {"type": "null"}]}


def _ref(name: str) -> JSON:
    return {"$ref": f"#/$defs/{name}"}


def _object(properties: JSON, description: str | None = None) -> JSON:
    made: JSON = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return {"description": description, **made} if description else made


def _optional_keys(made: JSON, *keys: str) -> JSON:
    """``made`` with ``keys`` no longer required: keys added to a schema after data was written without them."""
    return {**made, "required": [key for key in made["required"] if key not in keys]}


def _result(kind: ResultKind, description: str, properties: JSON) -> JSON:
    return _object({"schema": {"const": RESULT_SCHEMA}, "kind": {"const": kind}, **properties}, description)


def _table_of(schema: JSON) -> JSON:
    return {"type": "object", "additionalProperties": schema}


def _grade_properties() -> JSON:
    return {
        "scheme": {"description": "The name of the scheme that graded.", **_TEXT},
        "label": _MAYBE_TEXT,
        "how": {"enum": list(get_args(GradeHow))},
        "rate": _maybe(_FRACTION),
        "band": _maybe(_ref("band")),
        "actual": _maybe(_DECIMAL),
        "target": _maybe(_DECIMAL),
        "status": _maybe(_ref("status")),
        "why": _maybe(_ref("words")),
        "direction": _maybe(_values(Direction)),
        "baseline": _maybe(_DECIMAL),
        "elapsed": _maybe({"type": "array", "items": _INT, "minItems": 2, "maxItems": 2}),
        "basis": {"description": "The basis a condition graded by, as files write it; null for the scheme's own."},
        "graded_basis": {"description": "The basis whose figure gave the grade, as files write it."},
        "reading": _maybe(_ref("reading")),
        "readings": {"type": "array", "items": _ref("basis_reading")},
        "explanation": _ref("explanation"),
    }


def _measure_grade_properties() -> JSON:
    indicator_grade = _object(
        {
            "schema": {"const": RESULT_SCHEMA},
            "kind": {"const": "grade"},
            **_grade_properties(),
            "indicator": {"description": "The name of the indicator graded.", **_TEXT},
        }
    )
    return {
        "measure": {"description": "The measure's number.", **_TEXT},
        "fy": _FY,
        "computed": _ref("grade"),
        "computed_part": {"description": "The index of the part that is the computed grade.", **_maybe(_INT)},
        "parts": {"type": "array", "items": indicator_grade},
        "recorded": _MAYBE_TEXT,
        "reason": _MAYBE_TEXT,
        "differs": _BOOL,
        "combine": _values(Combine),
        "points": _maybe(_table_of(_FRACTION)),
        "explanation": _ref("explanation"),
    }


def result_schema() -> JSON:
    """The JSON Schema (draft 2020-12) of ``kyodo.result/1``: every kind of result as data.

    >>> schema = result_schema()
    >>> [choice["$ref"] for choice in schema["oneOf"]][:3]
    ['#/$defs/grade', '#/$defs/measure_grade', '#/$defs/two_axis_grade']
    """
    kinds: list[str] = list(get_args(ResultKind))
    award = _result(
        "award",
        "An award under a subsidy rule (Award.to_data).",
        {
            "rule": _TEXT,
            "fy": _FY,
            "body": _MAYBE_TEXT,
            "cost": {"description": "The cost by category; one category '' when not broken down.", **_table_of(_YEN)},
            "total_cost": _YEN,
            "amount": _YEN,
            "binding": _values(Constraint),
            "refusal": _maybe(_values(Refusal)),
            "terms": {"description": "The index of the rule's version that applied.", **_maybe(_INT)},
            "eligible_cost": {"anyOf": [_YEN, _FRACTION, {"type": "null"}]},
            "product": _maybe(_FRACTION),
            "failed": {"description": "The index of the rule's condition the body failed.", **_maybe(_INT)},
            "claim": _maybe(_ref("claim")),
            "lines": {"type": "array", "items": _ref("step_line")},
            "explanation": _ref("explanation"),
        },
    )
    row = _result(
        "what_if_row",
        "One application under one variant (WhatIfRow.to_data).",
        {
            "variant": _TEXT,
            "body": _TEXT,
            "fy": _FY,
            "cost": _YEN,
            "award": _YEN,
            "binding": _values(Constraint),
            "refusal": _maybe(_values(Refusal)),
        },
    )
    defs: JSON = {
        "grade": _result("grade", "A grade (GradeResult.to_data).", _grade_properties()),
        "measure_grade": _result(
            "measure_grade", "A measure's grade for a year (MeasureGrade.to_data).", _measure_grade_properties()
        ),
        "two_axis_grade": _result(
            "two_axis_grade",
            "A two-axis grade (TwoAxisGrade.to_data).",
            {
                "legend": _TEXT,
                "measure": _TEXT,
                "fy": _FY,
                "label": _MAYBE_TEXT,
                "first": _ref("measure_grade"),
                "second": _ref("measure_grade"),
                "recorded": _MAYBE_TEXT,
                "reason": _MAYBE_TEXT,
                "differs": _BOOL,
                "explanation": _ref("explanation"),
            },
        ),
        "award": award,
        "settlement": _result(
            "settlement",
            "A fiscal year settled against the advance (Settlement.to_data).",
            {"advance": _YEN, "confirmed": _ref("award"), "refund": _YEN, "additional": _YEN},
        ),
        "allocation": _result(
            "allocation",
            "A budget shared among awards (Allocation.to_data).",
            {
                "budget": _YEN,
                "requested": {"type": "array", "items": _YEN},
                "amounts": {"type": "array", "items": _YEN},
                "method": {"enum": ["full", "pro_rata", "priority"]},
                "total": _YEN,
            },
        ),
        "verdict": _result(
            "verdict",
            "A three-valued verdict (Verdict.to_data).",
            {"verdict": {"enum": list(get_args(VerdictValue))}, "ja": _TEXT, "en": _TEXT},
        ),
        "assessment": _result(
            "assessment",
            "A completion criterion's verdict (Assessment.to_data).",
            {
                "verdict": {"enum": list(get_args(VerdictValue))},
                "as_of": {"description": "A day (ISO 8601) or a fiscal year.", **_TEXT},
                "criterion": {"description": "The criterion as format_criterion writes it.", **_MAYBE_TEXT},
                "explanation": _ref("explanation"),
            },
        ),
        "projection": _result(
            "projection",
            "When an indicator would reach a value (Projection.to_data).",
            {
                "indicator": _TEXT,
                "wanted": _DECIMAL,
                "latest": _ref("observation"),
                "pace": _FRACTION,
                "years": _INT,
                "fy": _maybe(_FY),
                "explanation": _ref("explanation"),
            },
        ),
        "what_if_row": row,
        "what_if": _result(
            "what_if",
            "A what-if run (WhatIf.to_data).",
            {
                "variants": {"type": "array", "items": _TEXT},
                "rows": {"type": "array", "items": _ref("what_if_row")},
                "totals": _table_of(_YEN),
            },
        ),
        "explanation": _object(
            {
                "rule": {"description": "A stable identifier of the rule that decided.", **_TEXT},
                "facts": {"description": "The values the rule used, exact numbers as text.", **_table_of(_ANY)},
                "ja": _TEXT,
                "en": _TEXT,
                "parts": {"type": "array", "items": _ref("explanation")},
            },
            "Why a figure is what it is (Explanation.to_data).",
        ),
        "words": _object({"en": _TEXT, "ja": _TEXT}),
        "band": _object(
            {
                "text": _TEXT,
                "lower": _maybe(_FRACTION),
                "lower_inclusive": _BOOL,
                "upper": _maybe(_FRACTION),
                "upper_inclusive": _BOOL,
                "unit": _values(FigureUnit),
            }
        ),
        "status": _object({"value": _TEXT, "label": _TEXT, "label_en": _TEXT}),
        "tagged": {
            "description": "A value whose type its key does not fix: text, a whole number, a boolean or null as "
            "themselves, else one key naming the type.",
            "anyOf": [
                {"type": ["string", "integer", "boolean", "null"]},
                _object({"fraction": _FRACTION}),
                _object({"decimal": _DECIMAL}),
                _object({"fiscal_year": _FY}),
                _object({"date": _DAY}),
                _object({"text": _TEXT}),
                _object({"table": _table_of(_ref("tagged"))}),
                _object({"list": {"type": "array", "items": _ref("tagged")}}),
            ],
        },
        "reading": _object(
            {
                "value": _FRACTION,
                "unit": _values(FigureUnit),
                "figures": {
                    "description": "The figures the formula used, as [name, tagged value].",
                    "type": "array",
                    "items": {"type": "array", "prefixItems": [_TEXT, _ref("tagged")], "minItems": 2, "maxItems": 2},
                },
                "ja": _TEXT,
                "en": _TEXT,
                "per": _MAYBE_TEXT,
            }
        ),
        "unread": _object(
            {
                "how": {"enum": list(get_args(UnreadHow))},
                "actual": _maybe(_DECIMAL),
                "target": _maybe(_DECIMAL),
                "why": _maybe(_ref("words")),
            }
        ),
        "basis_reading": _object({"basis": _ANY, "reading": _maybe(_ref("reading")), "unread": _maybe(_ref("unread"))}),
        "claim": _object(
            {
                "units": {
                    "type": "array",
                    "items": _object(
                        {
                            "name": _TEXT,
                            "cost": _YEN,
                            "attributes": _table_of(_TEXT),
                            "counts": _table_of(_ref("tagged")),
                        }
                    ),
                },
                "attributes": _table_of(_TEXT),
                "deductions": _table_of(_YEN),
                "site": _MAYBE_TEXT,
                "counts": _table_of(_ref("tagged")),
            }
        ),
        "step_line": _object(
            {
                "step": _TEXT,
                "amount": _maybe(_FRACTION),
                "facts": _table_of(_ref("tagged")),
                "ja": _TEXT,
                "en": _TEXT,
            }
        ),
        "observation": _optional_keys(
            _object(
                {
                    "fy": _FY,
                    "value": _DECIMAL,
                    "estimate": _BOOL,
                    "preliminary": _BOOL,
                    "printed_rate": _MAYBE_TEXT,
                    "on": _maybe(_DAY),
                    "stage": _MAYBE_TEXT,
                }
            ),
            "stage",  # written since the stage is kept; data written before has none
        ),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kyodo.invalid/schema/kyodo.result-1.json",
        "title": "kyodo result",
        "description": "A result kyodo computed, as data; 'kind' says which.",
        "oneOf": [_ref(kind) for kind in kinds],
        "$defs": defs,
    }
