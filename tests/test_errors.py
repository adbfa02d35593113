"""Error messages in English and Japanese: every parser's errors read in both, and survive pickling."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kyodo
from error_data import check_error_data, documented_codes, printed
from kyodo import (
    FiscalYear,
    FiscalYearRange,
    GradingScheme,
    KyodoError,
    ParseError,
    ValidationError,
    parse_rate,
    parse_wareki,
    parse_yen,
)
from kyodo._error_schema import error_schema
from kyodo.errors import CODES, path_keys
from kyodo.grading import Band

PARSERS = [parse_wareki, FiscalYear.parse, FiscalYearRange.parse, parse_rate, parse_yen, Band.parse]


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff" for char in text)


@pytest.mark.parametrize(
    ("parse", "text", "japanese"),
    [
        (parse_wareki, "平成27年13月1日", "13月は1～12月にない"),
        (parse_wareki, "令和元年4月30日", "令和は2019-05-01に始まり"),
        (FiscalYear.parse, "27年度", "元号がない"),
        (FiscalYearRange.parse, "H30-H26", "始まり（平成30年度）より前"),
        (parse_rate, "ninety", "kyodo が読める率ではない"),
        (Band.parse, "110以上", "% がない"),
    ],
)
def test_parse_errors_read_in_japanese(parse: object, text: str, japanese: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(text)  # type: ignore[operator]
    assert japanese in caught.value.message("ja")
    assert str(caught.value) == caught.value.message("en")
    assert caught.value.message("ja").startswith(f"{text!r} を")


@given(st.sampled_from(PARSERS), st.text(max_size=20))
def test_every_parse_error_has_a_japanese_reason(parse: object, text: str) -> None:
    failure: ParseError | None = None
    try:
        parse(text)  # type: ignore[operator]
    except ParseError as error:
        failure = error
    if failure is None:
        return
    assert _has_japanese(failure.what_ja)
    assert _has_japanese(failure.reason_ja)
    again = pickle.loads(pickle.dumps(failure))
    assert again.message("ja") == failure.message("ja")
    assert str(again) == str(failure)


def test_file_problems_read_in_japanese() -> None:
    text = """
schema = "kyodo.plan/1"
title = "t"
municipality = "m"
period = "H26-H30"
titel = "x"
[[sections]]
number = "1"
title = "m"
kind = "新しい"
schedule = { H26 = "実 施" }
"""
    with pytest.raises(ValidationError) as caught:
        kyodo.loads(text, "toml")
    japanese = caught.value.message("ja")
    assert "'実 施' という段階はない" in japanese
    assert "'新しい' は使えない" in japanese
    assert "知らないキー ['titel']" in japanese
    assert len(caught.value.problems_ja) == len(caught.value.problems) == 3
    assert pickle.loads(pickle.dumps(caught.value)).message("ja") == japanese


def test_a_long_input_is_quoted_by_its_start_and_its_length() -> None:
    from kyodo import FiscalYear

    text = "平成" * 50_000
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse(text)
    message = str(caught.value)
    assert len(message) < 500
    assert "… (100,000 characters)" in message
    assert caught.value.text is text, "the error keeps the whole input for programs"
    assert "（100,000 characters）" not in caught.value.message("ja")
    assert caught.value.message("ja").startswith("'平成平成")


# --- errors as data (issue 15) ---------------------------------------------------------------------------------


def test_a_validation_error_as_data_names_each_problem_by_path_code_and_message() -> None:
    data = {"title": "t", "municipality": "m", "period": "H26-H30", "titel": "x",
            "sections": [{"number": "1", "title": "m", "kind": "新しい",
                          "indicators": [{"name": "n", "unit": "%", "targets": {"H27": 58.8}}]}]}  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        kyodo.from_data(data)
    error = caught.value
    as_data = error.to_data()
    assert json.loads(json.dumps(as_data, ensure_ascii=False)) == as_data
    assert as_data["schema"] == "kyodo.error/1"
    assert as_data["error"] == "ValidationError"
    assert "file" not in as_data
    problems = {problem["path_text"]: problem for problem in as_data["problems"]}
    assert problems["sections[0].kind"]["path"] == ["sections", 0, "kind"]
    assert problems["sections[0].kind"]["code"] == "unknown_label"
    assert problems["sections[0].indicators[0].targets.H27"]["code"] == "inexact_number"
    assert problems[""] == {
        "path": [],
        "path_text": "",
        "code": "unknown_key",
        "message": {"en": "unknown keys ['titel']", "ja": "知らないキー ['titel']"},
    }
    assert [problem["message"]["en"] for problem in as_data["problems"]] == [message for _, message in error.problems]
    assert [problem["message"]["ja"] for problem in as_data["problems"]] == [m for _, m in error.problems_ja]
    assert [problem["code"] for problem in as_data["problems"]] == list(error.codes)


def test_a_parse_error_as_data_gives_its_parts_and_one_problem() -> None:
    with pytest.raises(ParseError) as caught:
        parse_wareki("平成27年13月1日")
    data = caught.value.to_data()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    ((problem),) = data["problems"]
    assert problem["code"] == "bad_date"
    assert problem["path"] == []
    assert problem["path_text"] == ""
    assert problem["message"] == {"en": caught.value.message("en"), "ja": caught.value.message("ja")}
    assert data["text"] == "平成27年13月1日"
    assert data["column"] == 6
    assert data["reason"] == {"en": caught.value.reason, "ja": caught.value.reason_ja}
    assert data["expected"] is None or set(data["expected"]) == {"en", "ja"}


def test_a_long_or_strange_input_is_quoted_short_in_the_data() -> None:
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse("平成" * 50_000)
    assert caught.value.to_data()["text"] == "平成" * 40 + "…"
    assert caught.value.to_data()["problems"][0]["code"] == "too_large"
    with pytest.raises(ParseError) as number:
        parse_rate(Decimal("NaN"))
    assert number.value.to_data()["text"] == "Decimal('NaN')"


def test_codes_survive_pickling_and_being_passed_on() -> None:
    error = ValidationError(("a", ("x", "エックス"), "duplicate"), ("b", "plain"))
    assert error.codes == ("duplicate", "invalid")
    again = pickle.loads(pickle.dumps(error))
    assert again.codes == error.codes
    assert again.to_data() == error.to_data()
    passed_on = ValidationError(*((f"outer.{path}", message) for path, message in error.bilingual))
    assert passed_on.codes == ("duplicate", "invalid")
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse("平成27年度度")
    assert pickle.loads(pickle.dumps(caught.value)).code == caught.value.code == "bad_fiscal_year"


def test_an_unknown_code_is_refused_so_a_typo_cannot_ship() -> None:
    with pytest.raises(ValueError, match="not an error code"):
        ValidationError(("", "message", "no_such_code"))
    with pytest.raises(ValueError, match="not an error code"):
        ParseError("x", "a thing", "a reason", code="no_such_code")


def test_a_file_s_name_is_kept_apart_from_the_path(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text('schema = "kyodo.plan/1"\ntitle = 1\nmunicipality = "m"\nperiod = "H26-H30"\n', encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        kyodo.load(path)
    assert caught.value.problems[0][0] == "plan.toml: title", "kyodo prints the file's name as before"
    data = caught.value.to_data()
    assert data["file"] == "plan.toml"
    assert data["problems"][0]["path"] == ["title"]
    assert data["problems"][0]["path_text"] == "plan.toml: title"
    assert data["problems"][0]["code"] == "not_text"
    assert pickle.loads(pickle.dumps(caught.value)).file == "plan.toml"


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("", []),
        ("title", ["title"]),
        ("sections[0].children[2].schedule.H26", ["sections", 0, "children", 2, "schedule", "H26"]),
        ("[3].label", [3, "label"]),
        ("targets['2015.5']", ["targets", "2015.5"]),
        ("""weights["it's"]""", ["weights", "it's"]),
        ("targets.平成27年度", ["targets", "平成27年度"]),
    ],
)
def test_a_printed_path_reads_as_its_keys(text: str, keys: list[str | int]) -> None:
    assert path_keys(text) == keys


@given(st.lists(st.integers(0, 99) | st.text(min_size=1, max_size=8), max_size=6))
def test_every_path_kyodo_can_print_reads_back_as_its_keys(keys: list[str | int]) -> None:
    assert path_keys(printed(keys)) == keys


def test_a_key_with_a_dot_is_quoted_in_the_path_so_it_reads_back() -> None:
    data = {"title": "t", "municipality": "m", "period": "H26-H30",
            "sections": [{"number": "1", "title": "m",
                          "indicators": [{"name": "n", "unit": "%", "targets": {"2015.5": 1}}]}]}  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        kyodo.from_data(data)
    ((problem),) = caught.value.to_data()["problems"]
    assert problem["path_text"] == "sections[0].indicators[0].targets['2015.5']"
    assert problem["path"] == ["sections", 0, "indicators", 0, "targets", "2015.5"]
    assert problem["code"] == "bad_fiscal_year"


_ROOT = Path(__file__).resolve().parent.parent
#: A document of each kind as plain data, and its kind, to spoil.
_DOCUMENTS = [
    (json.loads(kyodo.dumps(kyodo.load(_ROOT / path, kind=kind))), kind)
    for path, kind in [
        ("examples/plans/niigata.toml", kyodo.Plan),
        ("src/kyodo/presets/fukuoka-2018.toml", GradingScheme),
        ("examples/subsidies/ichinoseki-project4.toml", kyodo.SubsidyRule),
    ]
]
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.decimals() | st.text(max_size=12)
    | st.sampled_from(["H27", "平成27年度", "58.8", "実施", "→", "その他", "1/2", "2015-04-01", "new"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip


def _spoil(data: st.DataObject, value: object, depth: int = 0) -> object:
    """``value`` with one part somewhere in it replaced by an arbitrary value."""
    if depth > 0 and (not isinstance(value, dict | list) or data.draw(st.integers(0, 3)) == 0):
        return data.draw(_VALUES)
    if isinstance(value, dict) and value:
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _spoil(data, value[key], depth + 1)}
    if isinstance(value, list) and value:
        index = data.draw(st.integers(0, len(value) - 1))
        return [*value[:index], _spoil(data, value[index], depth + 1), *value[index + 1 :]]
    return data.draw(_VALUES)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_error_from_arbitrary_document_data_is_json_ready_with_documented_codes(data: st.DataObject) -> None:
    """A plan, a legend or a rule with parts replaced by anything: each problem's path leads into the data.

    Before issue 15, text where a list belongs was read character by character,
    each error at a path into the text; this found it.
    """
    spoiled, kind = data.draw(st.sampled_from(_DOCUMENTS))
    for _ in range(data.draw(st.integers(1, 3))):
        spoiled = _spoil(data, spoiled)
    try:
        kyodo.from_data(spoiled, kind)
    except (ParseError, ValidationError) as error:
        check_error_data(error, spoiled)


# --- the codes: each documented, each produced by some input ---------------------------------------------------

_HEAD = {"title": "t", "municipality": "m", "period": "H26-H30"}
_LEGEND = {"name": "legend", "grades": [{"label": "A", "bands": ["100%以上"]}, {"label": "B", "bands": ["その他"]}]}


def _measure(**keys: object) -> dict[str, object]:
    return {**_HEAD, "sections": [{"number": "1", "title": "m", **keys}]}


#: For each code, an input that gives it.
CODE_EXAMPLES: dict[str, Callable[[], object]] = {
    "missing_key": lambda: kyodo.from_data({"title": "t", "municipality": "m"}),
    "unknown_key": lambda: kyodo.from_data({**_HEAD, "titel": "x"}),
    "wrong_schema": lambda: kyodo.loads('{"schema": "kyodo.grading/1"}', "json"),
    "not_text": lambda: kyodo.from_data({**_HEAD, "title": 1}),
    "not_a_number": lambda: parse_rate("ninety"),
    "inexact_number": lambda: kyodo.from_data(
        _measure(indicators=[{"name": "n", "unit": "%", "targets": {"H27": 58.8}}])
    ),
    "not_a_boolean": lambda: kyodo.from_data(
        {**_LEGEND, "grades": [*_LEGEND["grades"], {"label": "C", "recorded_only": "yes"}]}, GradingScheme
    ),
    "not_a_table": lambda: kyodo.from_data(_measure(indicators=[{"name": "n", "unit": "%", "targets": 42}])),
    "not_a_list": lambda: kyodo.from_data(_measure(notes="a note")),
    "out_of_range": lambda: parse_yen(-1),
    "bad_fiscal_year": lambda: FiscalYear.parse("平成27年度度"),
    "bad_date": lambda: parse_wareki("平成27年13月1日"),
    "bad_band": lambda: Band.parse("100%未満です"),
    "bad_syntax": lambda: kyodo.loads('{"title": "t",}', "json"),
    "unknown_label": lambda: kyodo.from_data(_measure(kind="新しい")),
    "duplicate": lambda: kyodo.loads('{"title": "a", "title": "b"}', "json"),
    "overlap": lambda: kyodo.from_data(_measure(schedule={"H27～H29": "検討", "H28": "実施"})),
    "dangling_reference": lambda: kyodo.from_data(
        {**_measure(), "provenance": [{"node": "9", "field": "title", "source": "推定"}]}
    ),
    "too_large": lambda: FiscalYear.parse("H" * 201),
    "too_deep": lambda: kyodo.loads("[" * 200 + "]" * 200, "json"),
    "invalid": lambda: kyodo.from_data(
        {"name": "gap", "grades": [{"label": "A", "bands": ["50%以上"]}, {"label": "B", "bands": ["40%未満"]}]},
        GradingScheme,
    ),
}


def test_the_codes_kyodo_knows_are_the_codes_documented_and_exemplified() -> None:
    assert documented_codes() == set(CODES)
    assert set(CODE_EXAMPLES) == set(CODES)


@pytest.mark.parametrize("code", list(CODE_EXAMPLES))
def test_each_code_is_given_by_some_input(code: str) -> None:
    with pytest.raises(KyodoError) as caught:
        CODE_EXAMPLES[code]()
    codes = [problem["code"] for problem in caught.value.to_data()["problems"]]
    assert code in codes, caught.value.to_data()
    check_error_data(caught.value)


def test_the_command_prints_the_error_schema(capsys: pytest.CaptureFixture[str]) -> None:
    from kyodo.cli import main

    assert main(["schema", "error"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == error_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$defs"]["problem"]["properties"]["code"]["enum"] == list(CODES)


@pytest.mark.parametrize(
    ("measure", "path", "code"),
    [
        ({"schedule": {"H27": "実 施"}}, "sections[0].schedule.H27", "unknown_label"),
        ({"criterion": "meets(参加者数"}, "sections[0].criterion", "bad_syntax"),
        ({"criterion": {"reaches_all": {}}}, "sections[0].criterion", "unknown_key"),
        ({"indicators": [{"name": "n", "unit": "%", "actuals": {"H27": {"value": 1, "estimate": "yes"}}}]},
         "sections[0].indicators[0].actuals.H27.estimate", "not_a_boolean"),
        ({"indicators": [{"name": "n", "unit": "%"}, {"name": "n", "unit": "人"}]}, "sections[0].indicators", "duplicate"),
        ({"children": ["1-1"]}, "sections[0].children[0]", "not_a_table"),
        ({"children": [{"number": "1", "title": "a"}, {"number": "1", "title": "b"}]}, "sections[0].children[1]",
         "duplicate"),
    ],
)  # fmt: skip
def test_a_plan_s_own_problems_carry_their_codes(measure: dict[str, object], path: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        kyodo.from_data(_measure(**measure))
    assert (path, code) in [(problem["path_text"], problem["code"]) for problem in caught.value.to_data()["problems"]]
    check_error_data(caught.value)


_RULED = {"name": "n", "unit": "t", "baseline": {"fy": "H19", "value": 729}}


@pytest.mark.parametrize(
    ("document", "path", "code"),
    [
        (_measure(schedule={"H27～H29": "検討", "H28": "実施"}), "sections[0].schedule", "overlap"),
        (_measure(schedule={"H27": "実施", "平成27年度": "検討"}), "sections[0].schedule", "duplicate"),
        (_measure(schedule={"H28": "→"}), "sections[0].schedule", "dangling_reference"),
        (_measure(schedule=[{"row": "a", "cells": {}}, {"row": "a", "cells": {}}]), "sections[0].schedule[1].row",
         "duplicate"),
        ({**_measure(), "provenance": [{"node": "9", "field": "title", "source": "推定"}]}, "provenance[0]",
         "dangling_reference"),
        ({**_measure(), "provenance": [{"node": "1", "field": "titel", "source": "推定"}]}, "provenance[0]",
         "dangling_reference"),
        ({**_measure(), "provenance": [{"node": "1", "field": "schedule.H29", "source": "推定"}]}, "provenance[0]",
         "dangling_reference"),
        ({**_measure(), "provenance": [{"node": "1", "field": "schedule.H29度", "source": "推定"}]}, "provenance[0]",
         "bad_fiscal_year"),
        ({**_HEAD, "sections": [{"number": "1", "title": "s", "children": [{"number": "1", "relists": "2"}]}]},
         "sections[0].children[0]", "dangling_reference"),
        (_measure(indicators=[{**_RULED, "target_rules": [{"relative": {"base": "H20", "percent": -10, "fy": "R2"}}]}]),
         "sections[0].indicators[0].target_rules[0]", "dangling_reference"),
        (_measure(indicators=[{**_RULED, "targets": {"R2": 600},
                               "target_rules": [{"relative": {"base": "H19", "percent": -10, "fy": "R2"}}]}]),
         "sections[0].indicators[0].target_rules[0]", "overlap"),
        (_measure(indicators=[{**_RULED, "target_rules": [{"relative": {"base": "H19", "percent": -10, "fy": "H18"}}]}]),
         "sections[0].indicators[0].target_rules[0].relative.fy", "out_of_range"),
        (_measure(indicators=[{**_RULED, "target_rules": [{"relative": {"base": "H19", "percent": -100, "fy": "R2"}}]}]),
         "sections[0].indicators[0].target_rules[0].relative.percent", "out_of_range"),
        (_measure(departments=["協働推進課"], lead="市民課"), "sections[0].lead", "unknown_label"),
        (_measure(milestones=["設立総会"]), "sections[0].milestones", "not_a_table"),
    ],
)  # fmt: skip
def test_a_plan_s_consistency_refusals_carry_precise_codes(document: dict[str, object], path: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        kyodo.from_data(document)
    found = [(problem["path_text"], problem["code"]) for problem in caught.value.to_data()["problems"]]
    assert (path, code) in found, found
    check_error_data(caught.value)


def test_an_object_refused_when_built_carries_its_code_too() -> None:
    from kyodo import Plan, preset

    with pytest.raises(ValidationError) as float_rate:
        preset("osaka-pref-library-2016").grade_label(0.96)  # type: ignore[arg-type]
    assert float_rate.value.codes == ("inexact_number",)
    with pytest.raises(ValidationError) as era:
        Plan("p", "m", FiscalYearRange.parse("H26-H30"), era="天平")
    assert era.value.codes == ("unknown_label",)


def test_a_legend_s_overlapping_bands_carry_the_overlap_code() -> None:
    with pytest.raises(ValidationError) as caught:
        kyodo.from_data(
            {"name": "o", "grades": [{"label": "A", "bands": ["50%以上"]}, {"label": "B", "bands": ["60%未満"]}]},
            GradingScheme,
        )
    assert [(problem["path_text"], problem["code"]) for problem in caught.value.to_data()["problems"]] == [
        ("grades", "overlap")
    ]
