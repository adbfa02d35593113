"""Whatever text kyodo.loads is given, it returns a plan or raises ParseError or ValidationError, nothing else.

The inputs are arbitrary text, and valid plan files broken on purpose:
characters and lines deleted, inserted, replaced or repeated, values of the
wrong type, keys given twice, unknown keys added and required keys removed.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kyodo.strategies as ks
from error_data import check_error_data
from kyodo import SCHEMA, ParseError, Plan, ValidationError, dumps, loads
from kyodo._yaml import write_yaml
from kyodo.io import Format

FORMATS: list[Format] = ["json", "toml", "yaml"]
NIIGATA = (Path(__file__).resolve().parent.parent / "examples" / "plans" / "niigata.toml").read_text(encoding="utf-8")
NIIGATA_PLAN = loads(NIIGATA, "toml")

# Generating a plan and breaking its file costs a few milliseconds, and reading YAML tens of them: a hundred
# cases per format suffice, without a deadline, and too_slow is suppressed because the slowness is the
# YAML parser's, not a strategy's.
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_refusal(error: ParseError | ValidationError) -> None:
    """A refusal says why; a ValidationError lists at least one (path, message) problem; both are data too."""
    assert str(error)
    check_error_data(error)
    if isinstance(error, ValidationError):
        assert error.problems, "a ValidationError lists at least one problem"
        for problem in error.problems:
            assert isinstance(problem, tuple), problem
            assert len(problem) == 2, problem
            path, message = problem
            assert isinstance(path, str), problem
            assert isinstance(message, str), problem
            assert message, problem


def load_or_refuse(text: str, fmt: Format) -> Plan | None:
    """Load ``text``; a refusal must be a ParseError or a ValidationError listing (path, message) problems."""
    try:
        plan = loads(text, fmt)
    except (ParseError, ValidationError) as error:
        check_refusal(error)
        return None
    assert isinstance(plan, Plan)
    # What loads is a plan like any other: its canonical file is a fixed point and reads back the same.
    canonical = dumps(plan, fmt)
    again = loads(canonical, fmt)
    assert again == plan
    assert dumps(again, fmt) == canonical
    return plan


# --- arbitrary text -------------------------------------------------------------------------------------------

SYNTAX = st.sampled_from(
    [*'{}[]=:,"\'\n\t #-.\\!&*?|>%@`', "0", "1", "1.5", "1e400", "nan", "inf", "true", "null", "~", "---", "...",
     "H27", "平成27年度", "→", "実施", "schema", SCHEMA, "sections", "children", "relists", "[[sections]]"]
)  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=300, deadline=None)
@given(text=st.text() | st.lists(SYNTAX | st.text(max_size=3)).map("".join))
def test_arbitrary_text_is_read_or_refused_with_a_kyodo_error(fmt: Format, text: str) -> None:
    load_or_refuse(text, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=100, deadline=None)
@given(body=st.lists(SYNTAX | st.text(max_size=3)).map("".join))
def test_text_after_a_valid_header_is_read_or_refused(fmt: Format, body: str) -> None:
    header = {
        "json": f'{{"schema": "{SCHEMA}", "title": "t", "municipality": "m", "period": "H27～H30", ',
        "toml": f'schema = "{SCHEMA}"\ntitle = "t"\nmunicipality = "m"\nperiod = "H27～H30"\n',
        "yaml": f"schema: {SCHEMA}\ntitle: t\nmunicipality: m\nperiod: H27～H30\n",
    }[fmt]
    load_or_refuse(header + body, fmt)


def nested_plan(depth: int, fmt: Format) -> str:
    """A plan file whose tree is ``depth`` sections deep, written by hand (writers recurse too)."""
    if fmt == "toml":
        node = '{ number = "1", title = "m" }'
        for _ in range(depth):
            node = '{ number = "1", title = "s", children = [' + node + "] }"
        return f'schema = "{SCHEMA}"\ntitle = "t"\nmunicipality = "m"\nperiod = "H27～H30"\nsections = [{node}]\n'
    node = '{"number": "1", "title": "m"}'
    for _ in range(depth):
        node = '{"number": "1", "title": "s", "children": [' + node + "]}"
    # JSON in flow style is YAML too.
    return f'{{"schema": "{SCHEMA}", "title": "t", "municipality": "m", "period": "H27～H30", "sections": [{node}]}}'


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("depth", [50, 300, 3000])
def test_deeply_nested_plans_are_read_or_refused(fmt: Format, depth: int) -> None:
    load_or_refuse(nested_plan(depth, fmt), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("opener", ["[", "{"])
def test_deeply_nested_brackets_are_refused(fmt: Format, opener: str) -> None:
    text = {"json": "", "toml": "a = ", "yaml": "a: "}[fmt] + opener * 100_000
    with pytest.raises((ParseError, ValidationError)):
        loads(text, fmt)


# --- valid files, broken -----------------------------------------------------------------------------------------------


def mutate_text(data: st.DataObject, text: str) -> str:
    """Delete, insert, replace, repeat or swap characters and lines of ``text``, a few times over."""
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        lines = text.split("\n")
        action = data.draw(
            st.sampled_from(
                ["delete", "insert", "replace", "delete line", "repeat line", "swap lines", "replace line", "retype"]
            ),
            label="action",
        )
        if action in ("delete", "insert", "replace"):
            start = data.draw(st.integers(0, len(text)))
            end = min(len(text), start + data.draw(st.integers(0 if action == "insert" else 1, 8)))
            piece = "" if action == "delete" else data.draw(SYNTAX | st.text(max_size=4), label="piece")
            text = text[:start] + piece + text[end if action != "insert" else start :]
        elif action == "retype":
            # Replace one value (a string, a number, a boolean) by a value of another type.
            values = list(
                re.finditer(r'"(?:[^"\\\n]|\\.)*"|(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])|\btrue\b|\bfalse\b', text)
            )
            if values:
                match = data.draw(st.sampled_from(values))
                literal = data.draw(
                    st.sampled_from(['""', '"x"', "0", "-1", "1.5", "99999", "true", "[]", "{}", '["a"]', "null"])
                )
                text = text[: match.start()] + literal + text[match.end() :]
        else:
            index = data.draw(st.integers(0, len(lines) - 1))
            if action == "delete line":
                del lines[index]
            elif action == "repeat line":
                lines.insert(index, lines[index])
            elif action == "swap lines":
                other = data.draw(st.integers(0, len(lines) - 1))
                lines[index], lines[other] = lines[other], lines[index]
            else:
                lines[index] = data.draw(SYNTAX | st.text(max_size=10), label="line")
            text = "\n".join(lines)
    return text


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(plan=ks.plans(max_depth=2, max_children=2), data=st.data())
def test_a_generated_plan_file_broken_is_read_or_refused(fmt: Format, plan: Plan, data: st.DataObject) -> None:
    load_or_refuse(mutate_text(data, dumps(plan, fmt)), fmt)


NIIGATA_FILES: dict[Format, str] = {
    "toml": NIIGATA,
    "json": dumps(NIIGATA_PLAN, "json"),
    "yaml": dumps(NIIGATA_PLAN, "yaml"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.data())
def test_the_niigata_file_broken_is_read_or_refused(fmt: Format, data: st.DataObject) -> None:
    load_or_refuse(mutate_text(data, NIIGATA_FILES[fmt]), fmt)


# --- valid data, broken: wrong types, unknown keys, missing keys -------------------------------------------------------

WRONG_VALUES = st.one_of(
    st.sampled_from(["", " ", "x", "→", "H27", "平成99年度", "2018-02-30", "実 施", "1,000", "9,973千円", "-0", "NaN"]),
    st.integers(-(10**12), 10**12),
    st.sampled_from([True, False, Decimal("1.5"), Decimal("-0.0"), Decimal("1E+3"), date(2018, 7, 20)]),
    st.builds(list),
    st.builds(dict),
    st.lists(st.integers(0, 3) | st.text(max_size=3), max_size=3),
    st.dictionaries(
        st.sampled_from(["value", "text", "stage", "fy", "x"]), st.integers(0, 3) | st.text(max_size=3), max_size=2
    ),
)
JSON_ONLY = st.sampled_from([None, 1.5, -0.0, 1e300])


def containers(value: object, path: tuple[object, ...] = ()) -> list[tuple[tuple[object, ...], object]]:
    """Every dict and list inside ``value`` with its path."""
    found: list[tuple[tuple[object, ...], object]] = []
    if isinstance(value, dict | list):
        found.append((path, value))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            found.extend(containers(item, (*path, key)))
    return found


def break_data(data: st.DataObject, plain: dict[str, Any], fmt: Format) -> dict[str, Any]:
    """Change one value's type, add an unknown key or remove a key, somewhere in the plain data, a few times over."""
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        _path, container = data.draw(st.sampled_from(containers(plain)), label="where")
        assert isinstance(container, dict | list)
        action = data.draw(st.sampled_from(["retype", "add key", "remove key"]), label="change")
        wrong = data.draw((WRONG_VALUES | JSON_ONLY) if fmt != "toml" else WRONG_VALUES, label="value")
        if isinstance(container, list):
            if container and action != "add key":
                index = data.draw(st.integers(0, len(container) - 1))
                if action == "retype":
                    container[index] = wrong
                else:
                    del container[index]
            else:
                container.append(wrong)
        elif action == "add key" or not container:
            container[data.draw(st.sampled_from(["extra", "fy", "value", "children", "relists", "H27", "2015"]))] = (
                wrong
            )
        else:
            key = data.draw(st.sampled_from(sorted(container)))
            if action == "retype":
                container[key] = wrong
            else:
                del container[key]
    return plain


def toml_value(value: object) -> str:
    """Any plain value as a one-line TOML value (inline tables nest freely), written independently of kyodo."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        escaped = "".join(
            {'"': '\\"', "\\": "\\\\"}.get(
                char, f"\\u{ord(char):04X}" if ord(char) < 0x20 or ord(char) == 0x7F else char
            )
            for char in value
        )
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_value(str(key))} = {toml_value(item)}" for key, item in value.items()) + "}"
    raise TypeError(f"no TOML for {value!r}")


def write(plain: dict[str, Any], fmt: Format) -> str:
    if fmt == "json":
        return json.dumps(
            plain, ensure_ascii=False, default=lambda value: str(value) if isinstance(value, Decimal | date) else value
        )
    if fmt == "toml":
        return "".join(f"{toml_value(key)} = {toml_value(value)}\n" for key, value in plain.items())
    return write_yaml(plain)


def plain_data(plan: Plan) -> dict[str, Any]:
    data = tomllib.loads(dumps(plan, "toml"), parse_float=Decimal)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(plan=ks.plans(max_depth=2, max_children=2), data=st.data())
def test_generated_plan_data_broken_is_read_or_refused(fmt: Format, plan: Plan, data: st.DataObject) -> None:
    load_or_refuse(write(break_data(data, plain_data(plan), fmt), fmt), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.data())
def test_the_niigata_data_broken_is_read_or_refused(fmt: Format, data: st.DataObject) -> None:
    load_or_refuse(write(break_data(data, plain_data(NIIGATA_PLAN), fmt), fmt), fmt)


REQUIRED: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("schema", lambda plain: plain.pop("schema")),
    ("title", lambda plain: plain.pop("title")),
    ("period", lambda plain: plain.pop("period")),
    ("sections[0].number", lambda plain: plain["sections"][0].pop("number")),
    ("sections[0]...children[0].title", lambda plain: plain["sections"][0]["children"][0].pop("title")),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("what", "remove"), REQUIRED, ids=[name for name, _remove in REQUIRED])
def test_removing_a_required_key_is_reported(fmt: Format, what: str, remove: Callable[[dict[str, Any]], None]) -> None:
    plain = plain_data(NIIGATA_PLAN)
    remove(plain)
    with pytest.raises(ValidationError) as error:
        loads(write(plain, fmt), fmt)
    key = what.rsplit(".", 1)[-1]
    assert any(key in f"{path} {message}" for path, message in error.value.problems), error.value.problems


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_key_is_reported_where_it_is(fmt: Format) -> None:
    plain = plain_data(NIIGATA_PLAN)
    plain["sections"][0]["children"][0]["colour"] = "blue"
    with pytest.raises(ValidationError) as error:
        loads(write(plain, fmt), fmt)
    assert any(
        path.startswith("sections[0].children[0]") and "colour" in message for path, message in error.value.problems
    ), error.value.problems


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_key_given_twice_is_refused(fmt: Format) -> None:
    # JSON and TOML refuse a table that names a key twice; YAML should too, not keep the last silently.
    text = NIIGATA_FILES[fmt]
    line = next(line for line in text.split("\n") if line.lstrip().startswith(('"title"', "title")))
    with pytest.raises((ParseError, ValidationError)):
        loads(text.replace(line, line + "\n" + line, 1), fmt)
