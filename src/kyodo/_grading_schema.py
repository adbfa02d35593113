"""The JSON Schema of grading-scheme files (``kyodo.grading/1``) and two-axis legends (``kyodo.two-axis/1``).

It describes what people may write: bands as legends print them, bases by
name or as a table, statuses in any words. kyodo's loader remains the
authority: it also checks what a schema cannot (bands that tile without a
gap or an overlap, units that agree with the basis, grades best first).
"""

from __future__ import annotations

from typing import Any, Final

JSON = dict[str, Any]

_TEXT: Final[JSON] = {"type": "string"}
_BAND: Final[JSON] = {
    "description": "A band as legends print it: 80%以上110%未満, 110%以上, >= 110%, ±3ポイント未満, 16点以上, otherwise (その他).",
    "type": "string",
}
_TOWARD: Final[JSON] = {"enum": ["year", "next", "final"]}


def _basis() -> JSON:
    def kind(name: str, **parameters: JSON) -> JSON:
        return {
            "type": "object",
            "properties": {"kind": {"const": name}, **parameters},
            "required": ["kind"],
            "additionalProperties": False,
        }

    return {
        "description": "What the bands grade: a name, or a table with a kind and its parameters.",
        "oneOf": [
            {
                "enum": [
                    "achievement",
                    "progress",
                    "pace",
                    "change",
                    "actual",
                    "score",
                    "達成率",
                    "進捗率",
                    "計画ペース比",
                    "基準値からの変化",
                    "実績値",
                    "合計点",
                ]
            },
            kind("achievement", toward=_TOWARD),
            kind("progress", toward=_TOWARD),
            kind("pace", path={"enum": ["linear", "cumulative"]}),
            kind("change", unit={"enum": ["points", "percent"]}),
            kind("actual", better={"enum": ["higher", "lower"]}),
            kind("score"),
        ],
    }


def _grade() -> JSON:
    return {
        "type": "object",
        "properties": {
            "label": {**_TEXT, "description": "The grade as printed: A, ◎, ①, 7."},
            "ja": _TEXT,
            "en": _TEXT,
            "bands": {"type": "array", "items": _BAND},
            "when": {
                "description": "Conditions on other bases, any of which gives the grade.",
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"basis": {"$ref": "#/$defs/basis"}, "bands": {"type": "array", "items": _BAND}},
                    "required": ["basis", "bands"],
                    "additionalProperties": False,
                },
            },
            "recorded_only": {"type": "boolean"},
        },
        "required": ["label"],
        "additionalProperties": False,
    }


def _scheme_body() -> JSON:
    return {
        "type": "object",
        "properties": {
            "name": _TEXT,
            "grades": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/grade"}},
            "basis": {"$ref": "#/$defs/basis"},
            "when_no_target": _TEXT,
            "when_no_figure": _TEXT,
            "by_status": {
                "description": 'A grade for each progress status, in any words a sheet prints: { 順調 = "B" }.',
                "type": "object",
                "additionalProperties": _TEXT,
            },
            "cases": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "target": {"type": ["number", "string"]},
                        "unit": _TEXT,
                        "scheme": {"$ref": "#/$defs/scheme"},
                    },
                    "required": ["target", "scheme"],
                    "additionalProperties": False,
                },
            },
            "combine": {
                "oneOf": [
                    {"enum": ["worst", "best", "mean", "weighted"]},
                    {
                        "type": "object",
                        "properties": {
                            "points": {"type": "object", "additionalProperties": {"type": ["number", "string"]}},
                            "total": {"$ref": "#/$defs/scheme"},
                        },
                        "required": ["total"],
                        "additionalProperties": False,
                    },
                ]
            },
            "source": _TEXT,
            "description": _TEXT,
            "version": {
                "description": "The version of the scheme's bands: a new one whenever what it gives for a figure changes.",
                "type": "integer",
                "minimum": 1,
            },
        },
        "required": ["name", "grades"],
        "additionalProperties": False,
    }


def _defs() -> JSON:
    return {"basis": _basis(), "grade": _grade(), "scheme": _scheme_body()}


def grading_schema() -> JSON:
    """The JSON Schema (draft 2020-12) of ``kyodo.grading/1`` files."""
    body = _scheme_body()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kyodo.invalid/schema/kyodo.grading-1.json",
        "title": "kyodo grading scheme",
        **body,
        "properties": {"schema": {"const": "kyodo.grading/1"}, **body["properties"]},
        "required": ["schema", *body["required"]],
        "$defs": _defs(),
    }


def two_axis_schema() -> JSON:
    """The JSON Schema (draft 2020-12) of ``kyodo.two-axis/1`` files."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kyodo.invalid/schema/kyodo.two-axis-1.json",
        "title": "kyodo two-axis legend",
        "type": "object",
        "properties": {
            "schema": {"const": "kyodo.two-axis/1"},
            "name": _TEXT,
            "first": {"$ref": "#/$defs/scheme"},
            "second": {"$ref": "#/$defs/scheme"},
            "matrix": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"first": _TEXT, "second": _TEXT, "grade": _TEXT},
                    "required": ["first", "second", "grade"],
                    "additionalProperties": False,
                },
            },
            "source": _TEXT,
            "description": _TEXT,
        },
        "required": ["schema", "name", "first", "second"],
        "additionalProperties": False,
        "$defs": _defs(),
    }
