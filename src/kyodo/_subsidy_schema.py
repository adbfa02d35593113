"""The JSON Schema of subsidy-rule files (``kyodo.subsidy/1``), for editors and other tools.

It describes what people may write: amounts, rates and rounding as 要綱
print them, fiscal years as documents label them. kyodo's loader remains the
authority: it also checks what a schema cannot (a table row's attribute
values against the declared ones, versions in order).
"""

from __future__ import annotations

from typing import Any, Final

JSON = dict[str, Any]

_YEN: Final[JSON] = {
    "description": "Whole yen: 200000, or as printed: 200,000円, ¥200,000, 200千円, 20万円, 27万5千円.",
    "type": ["integer", "string"],
}
_RATE: Final[JSON] = {
    "description": "An exact rate: 2/3, 1/3以内, 2分の1, 三分の二, 半額, 10/10, 50%, 5割.",
    "type": ["string", "integer"],
}
_FISCAL_YEAR: Final[JSON] = {
    "description": "A fiscal year as documents print it: 令和6年度, R6, 2024年度, FY2024.",
    "type": ["string", "integer"],
}
_NAMES: Final[JSON] = {
    "description": '"all", or a list of names.',
    "oneOf": [{"const": "all"}, {"type": "array", "items": {"type": "string"}}],
}
_COUNT: Final[JSON] = {"type": "integer", "minimum": 1, "maximum": 1000}


def _step(key: str, body: JSON, description: str, **options: JSON) -> JSON:
    return {
        "description": description,
        "type": "object",
        "properties": {key: body, **options},
        "required": [key],
        "additionalProperties": False,
    }


def _steps() -> JSON:
    steps: JSON = {"type": "array", "items": {"$ref": "#/$defs/step"}}
    return steps


def _step_schema() -> JSON:
    return {
        "oneOf": [
            _step("rate", _RATE, "The award is the rate times the eligible cost (補助率)."),
            _step(
                "round",
                {
                    "description": "How the award is rounded: 千円未満切捨て, 100円未満切り捨て, 円未満四捨五入.",
                    "type": "string",
                },
                "Round the award so far.",
            ),
            _step(
                "cap",
                _YEN,
                "At most this many yen (限度額).",
                per={"enum": ["application", "unit", "fy", "window", "rolling", "total"]},
                times={"description": '"units", or the name of a count (世帯数).', "type": "string"},
                years=_COUNT,
                plus=_YEN,
                scope={
                    "description": "site: count only the earlier awards for the same site (1施設あたり).",
                    "enum": ["body", "site"],
                },
            ),
            _step(
                "cost_cap", _YEN, "The eligible cost counts up to this (補助対象経費の上限).", times={"type": "string"}
            ),
            _step("deficit_cap", _NAMES, "At most the cost less these deductions (収支不足額)."),
            _step("minimum_cost", _YEN, "Refuse below this eligible cost (工事費がN万円以上)."),
            _step("minimum_award", _YEN, "Refuse an award below this (下限額)."),
            _step(
                "minimum_count",
                {
                    "description": 'One count and its minimum: { "延床面積" = "33" }; a unit\'s own count first.',
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "additionalProperties": {"type": ["integer", "string"]},
                },
                "Refuse below this much of a count (延床面積33㎡以上, 設置後5年以上).",
            ),
            _step("deduct", _NAMES, "Take these deductions (income, other grants) off the eligible cost."),
            _step(
                "categories",
                {
                    "type": "object",
                    "properties": {
                        "eligible": {"type": "array", "items": {"type": "string"}},
                        "ineligible": {"type": "array", "items": {"type": "string"}},
                    },
                    "additionalProperties": False,
                },
                "The eligible and ineligible expense categories (対象経費).",
            ),
            _step(
                "table",
                {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "properties": {
                            "when": {"type": "object", "additionalProperties": {"type": "string"}},
                            "steps": _steps(),
                            "label": {"type": "string"},
                        },
                        "required": ["when", "steps"],
                        "additionalProperties": False,
                    },
                },
                "Steps chosen by the application's attributes; the first row that fits runs.",
            ),
            _step("per_unit", _steps(), "Run these steps on each unit's own cost, then sum."),
            _step("top_up", _RATE, "Add this rate of what the award leaves unfunded (加算).", steps=_steps()),
            _step(
                "max_units",
                _COUNT,
                "At most this many units.",
                per={"enum": ["application", "fy"]},
                when={
                    "description": "Only the units of this kind: attribute = value (工事 = 新規).",
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                },
            ),
            _step("year_limit", _COUNT, "Refuse once funded in this many other fiscal years."),
            _step("once_per_fy", {"const": True}, "One award per body per fiscal year."),
            _step(
                "waiting_period",
                {
                    "description": "Years before the next award; or a table of years by the value of `by`.",
                    "oneOf": [_COUNT, {"type": "object", "additionalProperties": _COUNT}],
                },
                "Refuse a new award within these fiscal years of an earlier one.",
                scope={"enum": ["body", "site"]},
                by={"type": "string"},
                years=_COUNT,
                after={
                    "description": "Years by the value of `by` now, then in the earlier award.",
                    "type": "object",
                    "additionalProperties": {"type": "object", "additionalProperties": _COUNT},
                },
                programmes={
                    "description": "Read the awards under these other programmes (their names) instead of this one's.",
                    "type": "array",
                    "items": {"type": "string"},
                },
            ),
        ]
    }


def _terms_schema() -> JSON:
    return {
        "description": "One rate and its caps (the common shape).",
        "type": "object",
        "properties": {
            "from": _FISCAL_YEAR,
            "rate": _RATE,
            "cap_per_application": _YEN,
            "cap_per_fy": _YEN,
            "total_cap": _YEN,
            "max_years": {"type": "integer", "minimum": 1},
            "minimum_award": _YEN,
            "rounding": {"type": "string"},
            "round_at": {"type": "string"},
            "eligible": {"type": "array", "items": {"type": "string"}},
            "ineligible": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["rate"],
        "additionalProperties": False,
    }


def _calculation_schema() -> JSON:
    return {
        "description": "A calculation as a pipeline of steps.",
        "type": "object",
        "properties": {
            "from": _FISCAL_YEAR,
            "attributes": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            "steps": {**_steps(), "minItems": 1},
        },
        "required": ["steps"],
        "additionalProperties": False,
    }


def subsidy_schema() -> JSON:
    """The JSON Schema (draft 2020-12) of ``kyodo.subsidy/1`` files."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kyodo.invalid/schema/kyodo.subsidy-1.json",
        "title": "kyodo subsidy rule",
        "type": "object",
        "properties": {
            "schema": {"const": "kyodo.subsidy/1"},
            "name": {"type": "string"},
            "versions": {"type": "array", "minItems": 1, "items": {"oneOf": [_terms_schema(), _calculation_schema()]}},
            "first_fy": _FISCAL_YEAR,
            "last_fy": _FISCAL_YEAR,
            "conditions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "kind": {"type": "string"},
                        "reached": {"type": "boolean"},
                        "by": _FISCAL_YEAR,
                        "years_before": {"type": "integer"},
                    },
                    "required": ["kind"],
                    "additionalProperties": False,
                },
            },
            "advance_allowed": {"type": "boolean"},
            "settled_each_fy": {"type": "boolean"},
            "source": {"type": "string"},
            "description": {"type": "string"},
            "budget": {
                "type": "object",
                "properties": {
                    "per_fy": _YEN,
                    "order": {"enum": ["first_come", "pro_rata", "lottery"]},
                    "partial": {"type": "boolean"},
                    "by_fy": {"type": "object", "additionalProperties": _YEN},
                },
                "additionalProperties": False,
            },
        },
        "required": ["schema", "name", "versions"],
        "additionalProperties": False,
        "$defs": {"step": _step_schema()},
    }
