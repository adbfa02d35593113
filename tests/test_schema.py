"""The JSON Schema of plan files accepts every example and every generated plan, and is itself valid."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kyodo
from kyodo import strategies

EXAMPLES = sorted((Path(__file__).parent.parent / "examples" / "plans").glob("*.toml"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = kyodo.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _as_json(plan: kyodo.Plan) -> object:
    return json.loads(kyodo.dumps(plan, "json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_examples_are_valid(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    validator.validate(_as_json(kyodo.load(path)))


def test_the_schema_refuses_an_unknown_key(validator: jsonschema.Draft202012Validator) -> None:
    data = _as_json(kyodo.load(EXAMPLES[0]))
    assert isinstance(data, dict)
    data["titel"] = "typo"
    assert not validator.is_valid(data)


def test_the_schema_refuses_a_missing_period(validator: jsonschema.Draft202012Validator) -> None:
    data = _as_json(kyodo.load(EXAMPLES[0]))
    assert isinstance(data, dict)
    del data["period"]
    assert not validator.is_valid(data)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_generated_plans_are_valid(validator: jsonschema.Draft202012Validator, data: st.DataObject) -> None:
    plan = data.draw(strategies.plans())
    validator.validate(_as_json(plan))


def test_the_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    from kyodo.cli import main

    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == kyodo.json_schema()


def test_the_prose_reference_describes_every_key_of_the_plan_schema() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "reference" / "plan-file.md").read_text(encoding="utf-8")
    schema = kyodo.json_schema()
    keys = set(schema["properties"])

    def collect(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    keys.update(value)
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(schema["$defs"])
    missing = sorted(key for key in keys if f"`{key}`" not in page)
    assert not missing, f"docs/reference/plan-file.md does not describe {missing}"


SERIES_PLAN = next(path for path in EXAMPLES if path.name == "chukakushi_anzen.toml")
SERIES_ROW = "values = { H29 = 3.8,"


@pytest.mark.parametrize(
    ("cell", "loads"),
    [
        ('"なし"', False),
        ('"－"', False),
        ('{ text = "集計中" }', False),
        ('{ text = "なし", reason = "not_applicable" }', False),
        ('["3.8", "4.0"]', False),
        ("[]", False),
        ('{ value = "なし" }', False),
        ('"3.8"', True),
        ('"１２"', True),
        ('"1,234"', True),
        ('["3.8"]', True),
        ('{ value = "3.8", estimate = true, stage = "速報値" }', True),
    ],
)
def test_the_schema_takes_a_series_row_as_the_loader_does(
    validator: jsonschema.Draft202012Validator, cell: str, loads: bool
) -> None:
    # A series shares the actuals' per-year shape, but holds figures only: the loader refuses a word there.
    text = SERIES_PLAN.read_text(encoding="utf-8")
    assert SERIES_ROW in text
    text = text.replace(SERIES_ROW, f"values = {{ H29 = {cell},", 1)
    try:
        kyodo.loads(text, "toml")
    except kyodo.ValidationError:
        loaded = False
    else:
        loaded = True
    assert loaded is loads
    data = tomllib.loads(text)
    assert validator.is_valid(json.loads(json.dumps(data))) is loads
