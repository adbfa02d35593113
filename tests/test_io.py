"""Plans in files: every plan survives JSON, TOML and YAML exactly, the output is canonical, and errors say where."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import kyodo
import kyodo.strategies as ks
from kyodo import (
    SCHEMA,
    Body,
    FiscalYear,
    FiscalYearRange,
    GradingScheme,
    Indicator,
    KyodoError,
    Measure,
    Milestone,
    Observation,
    ParseError,
    Plan,
    ScheduleEntry,
    Section,
    Stage,
    SubsidyRule,
    Target,
    ValidationError,
    YearMonth,
    dump,
    dumps,
    from_data,
    load,
    loads,
    to_data,
)
from kyodo.io import Format

FORMATS: list[Format] = ["json", "toml", "yaml"]
NIIGATA = Path(__file__).resolve().parent.parent / "examples" / "plans" / "niigata.toml"
PERIOD = FiscalYearRange(FiscalYear(2015), FiscalYear(2018))

# Plans whose numbers go beyond what documents print: scientific Decimals and eight places.
round_trip_plans = ks.plans(values=ks.exact_decimals(places=8, scientific=True))
PLAN_SETTINGS = settings(max_examples=40, deadline=None)

# Text that YAML writers are known to get wrong: NEL, the Unicode line and paragraph separators, a BOM.
AWKWARD_TEXT = Plan(
    "a\x85b",
    "\u2028市\u2029",
    PERIOD,
    sections=[Measure("1", "\ufeffx", notes=["\x85", " trailing ", "\r\n", "'quoted'", "yes", "null", "2018-07-20"])],
)
NUMBERS = Plan(
    "numbers",
    "m",
    PERIOD,
    sections=[
        Measure(
            "1",
            "m",
            indicators=[
                Indicator(
                    "i",
                    "人",
                    baseline=Observation(FiscalYear(2014), Decimal("0.000")),
                    targets=[Target(FiscalYear(2015), Decimal("5E+3")), Target(FiscalYear(2016), Decimal("1E-7"))],
                    actuals=[Observation(FiscalYear(2015), Decimal("58.80")), Observation(FiscalYear(2016), 837244)],
                )
            ],
        )
    ],
)


# --- round trips ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@PLAN_SETTINGS
@given(plan=round_trip_plans)
@example(plan=NUMBERS)
@example(plan=AWKWARD_TEXT)
def test_a_plan_survives_its_file(fmt: Format, plan: Plan) -> None:
    assert loads(dumps(plan, fmt), fmt) == plan


@pytest.mark.parametrize("fmt", FORMATS)
@PLAN_SETTINGS
@given(plan=round_trip_plans)
@example(plan=NUMBERS)
def test_canonical_output_is_stable(fmt: Format, plan: Plan) -> None:
    text = dumps(plan, fmt)
    assert dumps(loads(text, fmt), fmt) == text


@settings(max_examples=30, deadline=None)
@given(ks.plans(max_depth=2), st.sampled_from(FORMATS), st.sampled_from(FORMATS))
def test_the_format_read_does_not_change_what_is_written(plan: Plan, read: Format, write: Format) -> None:
    assert dumps(loads(dumps(plan, read), read), write) == dumps(plan, write)


@settings(max_examples=30, deadline=None)
@given(ks.plans(max_depth=2))
def test_numbers_keep_their_exact_digits(plan: Plan) -> None:
    for fmt in FORMATS:
        loaded = loads(dumps(plan, fmt), fmt)
        for mine, theirs in zip(plan.measures(), loaded.measures(), strict=True):
            for indicator, other in zip(mine.indicators, theirs.indicators, strict=True):
                # Equal Decimals may differ in their digits (58.8 and 58.80); a file keeps the digits.
                assert [str(a.value) for a in indicator.actuals] == [str(a.value) for a in other.actuals]
                assert [str(t.value) for t in indicator.targets] == [str(t.value) for t in other.targets]


@pytest.mark.parametrize("fmt", FORMATS)
def test_negative_zero_is_written_canonically(fmt: Format) -> None:
    plan = Plan(
        "p",
        "m",
        PERIOD,
        sections=[
            Measure("1", "m", indicators=[Indicator("i", "人", actuals=[Observation(FiscalYear(2015), Decimal("-0"))])])
        ],
    )
    text = dumps(plan, fmt)
    assert loads(text, fmt) == plan
    assert dumps(loads(text, fmt), fmt) == text


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_plan_on_another_fiscal_calendar_survives_or_is_refused(fmt: Format) -> None:
    # A fiscal year starting in January (a calendar-year plan) must not come back as an April year.
    plan = Plan("p", "m", FiscalYearRange(FiscalYear(2015, start_month=1), FiscalYear(2016, start_month=1)))
    try:
        text = dumps(plan, fmt)
    except KyodoError:
        return
    assert loads(text, fmt) == plan


@pytest.mark.parametrize("fmt", FORMATS)
def test_files_on_disk_take_their_format_from_the_suffix(fmt: Format, tmp_path: Path) -> None:
    plan = loads(NIIGATA.read_text(encoding="utf-8"), "toml")
    file = tmp_path / f"plan.{fmt}"
    dump(plan, file)
    assert file.read_text(encoding="utf-8") == dumps(plan, fmt)
    assert load(file) == plan
    with pytest.raises(ValidationError, match="cannot tell the format"):
        load(tmp_path / "plan.txt")


def test_a_bad_file_on_disk_names_the_file(tmp_path: Path) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(f'schema = "{SCHEMA}"\ntitle = "t"\nmunicipality = "m"\n', encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        load(file)
    assert any(path.startswith("bad.toml") and "period" in path for path, _message in error.value.problems)


# --- the Niigata example ---------------------------------------------------------------------------------


def test_the_niigata_example_loads_and_survives_every_format() -> None:
    plan = loads(NIIGATA.read_text(encoding="utf-8"), "toml")
    measure = plan.find("No.26")
    assert isinstance(measure, Measure)
    assert plan.find("Ⅱ-1-2-No.26") is measure
    assert measure.lead == "市民協働課"
    centres = measure.indicator("まちづくりセンター数")
    assert centres.baseline == Observation(FiscalYear(2014), 37, estimate=True)
    assert [(a.fy.year, a.value) for a in centres.actuals] == [
        (2015, Decimal(43)),
        (2016, Decimal(48)),
        (2017, Decimal(54)),
        (2018, Decimal(55)),
    ]
    final = centres.target(FiscalYear(2019))
    assert final is not None
    assert final.value is None
    assert final.text == "継続して拡充"
    assert [e.grade for e in measure.evaluations] == ["B", "C", "C", "C", "C", "C"]
    assert [entry.label for entry in measure.schedule][2:5] == ["→", "→", "→"]
    assert {check.status.label for check in measure.progress_checks} == {"進捗に遅れあり"}
    for fmt in FORMATS:
        text = dumps(plan, fmt)
        assert loads(text, fmt) == plan
        assert dumps(loads(text, fmt), fmt) == text


# --- what errors say -----------------------------------------------------------------------------------

HEAD = f'''schema = "{SCHEMA}"
title = "協働推進計画"
municipality = "新潟市"
period = "H27～H30"

[[sections]]
number = "No.26"
title = "まちづくりセンターの設置"
'''


def problems_of(text: str, fmt: Format = "toml") -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as error:
        loads(text, fmt)
    found = list(error.value.problems)
    assert found
    for path, message in found:
        assert isinstance(path, str)
        assert isinstance(message, str)
        assert message
    return found


@pytest.mark.parametrize(
    ("first", "second"),
    [("H27", "平成27年度"), ("平成27年度", "H27"), ("FY2015", "2015年度"), ("Ｈ２７", "平成二十七年度")],
)
def test_a_year_given_twice_in_actuals_is_reported_where_it_is(first: str, second: str) -> None:
    text = (
        HEAD
        + f'''
[[sections.indicators]]
name = "まちづくりセンター数"
unit = "箇所"
actuals = {{ "{first}" = 43, "{second}" = 44 }}
'''
    )
    found = problems_of(text)
    assert any(
        (path.endswith((f"actuals.{first}", f"actuals.{second}"))) and "appears twice" in message
        for path, message in found
    ), found


def test_the_duplicate_years_of_the_brief() -> None:
    text = (
        HEAD
        + """
[[sections.indicators]]
name = "まちづくりセンター数"
unit = "箇所"
actuals = { "H27" = 43, "平成27年度" = 44 }
"""
    )
    found = problems_of(text)
    assert any(
        (path.endswith(("actuals.平成27年度", "actuals.H27"))) and "appears twice" in message for path, message in found
    ), found


def test_a_stage_with_a_space_is_an_unknown_stage() -> None:
    found = problems_of(HEAD + 'schedule = { "H27" = "実 施", "H28" = "→" }\n')
    assert any(path.endswith("schedule.H27") and "unknown stage '実 施'" in message for path, message in found), found


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_stage_error_reads_the_same_in_every_format(fmt: Format) -> None:
    plan = Plan(
        "p", "m", PERIOD, sections=[Measure("1", "m", schedule=[ScheduleEntry(FiscalYear(2015), Stage.IMPLEMENT)])]
    )
    text = dumps(plan, fmt).replace("implement", "実 施")
    found = problems_of(text, fmt)
    assert any("unknown stage '実 施'" in message for _path, message in found), found


def test_several_problems_in_one_file_are_all_reported() -> None:
    text = f'''schema = "{SCHEMA}"
municipality = "新潟市"
period = "H27～H30"
colour = "blue"

[[sections]]
number = "1"
title = "a"
schedule = {{ "H27" = "実 施", "H28" = "検討", "H29" = "zz" }}

[[sections]]
number = "2"
title = "b"
departments = ["市民協働課"]
lead = "行政経営課"

[[sections]]
number = "3"
title = "c"
[[sections.indicators]]
name = "i"
unit = "人"
targets = {{ "H27" = "abc" }}

[[sections]]
number = "4"
title = "d"
[[sections.progress_checks]]
fy = "H27"
half = 1
status = ""

[[bodies]]
name = "萩荘地域協働体"
milestones = [{{ kind = "founding_meeting", on = "平成27年4月" }}, {{ kind = "founding_meeting", on = "H28" }}]
'''
    found = problems_of(text)
    paths = [path for path, _message in found]
    expected = [
        "title",
        "sections[0].schedule.H27",
        "sections[0].schedule.H29",
        "sections[1]",
        "sections[2].indicators[0].targets.H27",
        "sections[3].progress_checks[0].status",
        "bodies[0]",
    ]
    for wanted in expected:
        assert any(path == wanted or path.startswith(wanted + ".") for path in paths), (wanted, found)
    assert any("colour" in message for _path, message in found), found
    assert any("行政経営課" in message for _path, message in found), found


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", '{"schema": "kyodo.plan/1", "title": "a", "title": "b"}'),
        ("json", "[]"),
        ("json", '"a plan"'),
        ("toml", 'schema = "kyodo.plan/0"\n'),
        ("yaml", "- a\n- b\n"),
        ("yaml", "schema: kyodo.plan/1\n"),
    ],
)
def test_files_that_are_not_plans_are_refused(fmt: Format, text: str) -> None:
    problems_of(text, fmt)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", "{"),
        ("json", '{"a": NaN'),
        ("toml", "a = "),
        ("toml", "[[x]]\n[x]\n"),
        ("yaml", "a: [1, 2"),
        ("yaml", "a: !!python/object:os.system {}\n"),
    ],
)
def test_text_that_is_not_the_format_is_a_parse_error(fmt: Format, text: str) -> None:
    with pytest.raises((ParseError, ValidationError)):
        loads(text, fmt)


def test_a_format_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValidationError, match="not a format"):
        loads("{}", "xml")  # type: ignore[call-overload]
    with pytest.raises(ValidationError, match="not a format"):
        dumps(Plan("p", "m", PERIOD), "xml")  # type: ignore[arg-type]


# --- wrong types are refused, not coerced ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "where"),
    [
        # a list or a table where text belongs would be stored as its Python repr
        (('title = "協働推進計画"', 'title = ["協働推進計画"]'), "title"),
        (('title = "まちづくりセンターの設置"', 'title = { text = "x" }'), "sections[0].title"),
        # text where a list belongs would be split into its characters
        (('title = "まちづくりセンターの設置"', 'title = "x"\ndepartments = "市民協働課"'), "sections[0].departments"),
        (('period = "H27～H30"', 'period = "H27～H30"\nlevels = "推進方針"'), "levels"),
        (('period = "H27～H30"', 'period = "H27～H30"\nnotes = "a note"'), "notes"),
        # a half-year must be 1 or 2, not a fraction truncated or a boolean
        (
            (
                'title = "まちづくりセンターの設置"',
                'title = "x"\nprogress_checks = [{ fy = "H27", half = 1.5, status = "順調" }]',
            ),
            "sections[0].progress_checks[0].half",
        ),
        (
            (
                'title = "まちづくりセンターの設置"',
                'title = "x"\nprogress_checks = [{ fy = "H27", half = true, status = "順調" }]',
            ),
            "sections[0].progress_checks[0].half",
        ),
        # text fields of per-year cells
        (
            (
                'title = "まちづくりセンターの設置"',
                'title = "x"\nindicators = [{ name = "i", unit = "人", targets = { H27 = { text = 5 } } }]',
            ),
            "sections[0].indicators[0].targets.H27",
        ),
        (
            ('title = "まちづくりセンターの設置"', 'title = "x"\nbudget = { H27 = { budget = 1000, note = 5 } }'),
            "sections[0].budget.H27",
        ),
    ],
    ids=[
        "list title",
        "table title",
        "departments text",
        "levels text",
        "notes text",
        "half 1.5",
        "half true",
        "target text 5",
        "budget note 5",
    ],
)
def test_a_value_of_the_wrong_type_is_refused(change: tuple[str, str], where: str) -> None:
    old, new = change
    assert old in HEAD
    found = problems_of(HEAD.replace(old, new, 1))
    assert any(path == where or path.startswith(where + ".") for path, _message in found), found


# --- dates and months as people write them ------------------------------------------------------------------------


def test_dates_months_and_years_are_read_as_written_and_written_canonically() -> None:
    text = (
        HEAD.replace('period = "H27～H30"', 'period = "平成27年度から平成30年度まで"\npublished = "平成27年3月"')
        + """
evaluations = [{ kind = "annual", fy = "H27", grade = "B", written_on = "H28.7.20" }]

[[bodies]]
name = "萩荘地域協働体"
milestones = [
  { kind = "preparatory_committee", on = "平成26年6月" },
  { kind = "founding_meeting", on = "2015-04-26" },
  { kind = "community_plan", on = "H29年度" },
]
"""
    )
    plan = loads(text, "toml")
    assert plan.published == YearMonth(2015, 3)
    body = plan.bodies[0]
    assert body == Body(
        "萩荘地域協働体",
        milestones=[
            Milestone("preparatory_committee", YearMonth(2014, 6)),
            Milestone("founding_meeting", date(2015, 4, 26)),
            Milestone("community_plan", FiscalYear(2017)),
        ],
    )
    written = dumps(plan, "toml")
    assert 'published = "2015-03"' in written
    assert "平成27年度～平成30年度" in written
    assert "2016-07-20" in written
    assert loads(written, "toml") == plan


def test_sections_without_children_stay_sections() -> None:
    plan = Plan("p", "m", PERIOD, sections=[Section("Ⅰ", "empty"), Measure("1", "leaf")])
    for fmt in FORMATS:
        loaded = loads(dumps(plan, fmt), fmt)
        assert isinstance(loaded.sections[0], Section)
        assert isinstance(loaded.sections[1], Measure)


# --- a string or a table where a list belongs (issue 15) ------------------------------------------------------

_PLAN = {"title": "t", "municipality": "m", "period": "H26-H30"}
_SCHEME = {"name": "legend", "grades": [{"label": "A", "bands": ["100%以上"]}, {"label": "B", "bands": ["その他"]}]}
_RULE = {"name": "rule", "versions": [{"rate": "1/2"}]}


@pytest.mark.parametrize(
    ("data", "kind", "path"),
    [
        ({**_SCHEME, "grades": [{"label": "A", "bands": "その他"}]}, GradingScheme, "grades[0].bands"),
        ({**_SCHEME, "grades": "A"}, GradingScheme, "grades"),
        ({**_SCHEME, "grades": {"label": "A"}}, GradingScheme, "grades"),
        ({**_PLAN, "sections": "abc"}, Plan, "sections"),
        ({**_PLAN, "sections": {"number": "1", "title": "x"}}, Plan, "sections"),
        ({**_PLAN, "sections": [{"number": "1", "title": "x", "notes": "a note"}]}, Plan, "sections[0].notes"),
        ({**_RULE, "conditions": {"kind": "founding_meeting"}}, SubsidyRule, "conditions"),
        ({**_RULE, "conditions": "founding_meeting"}, SubsidyRule, "conditions"),
    ],
    ids=[
        "bands-text",
        "grades-text",
        "grades-table",
        "sections-text",
        "sections-table",
        "notes-text",
        "conditions-table",
        "conditions-text",
    ],
)
def test_a_list_key_given_text_or_a_table_is_one_problem_at_its_own_path(
    data: dict[str, object], kind: type, path: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        from_data(data, kind)
    assert caught.value.problems == ((path, caught.value.problems[0][1]),), caught.value.problems
    english, japanese = caught.value.problems[0][1], caught.value.problems_ja[0][1]
    assert english.startswith("expected a list"), english
    assert "リストが必要" in japanese, japanese
    assert caught.value.codes == ("not_a_list",)


# --- parts of documents as data (issue 15) ---------------------------------------------------------------------

_BODY = {
    "name": "萩荘地域協働体",
    "district": "萩荘",
    "milestones": [
        {"kind": "preparatory_committee", "on": "平成26年6月"},
        {"kind": "founding_meeting", "on": "2015-04-26"},
        {"kind": "community_plan", "on": "H29年度"},
    ],
}


def test_a_body_is_read_from_data_as_a_plan_file_holds_it() -> None:
    body = from_data(_BODY, Body)
    assert body == Body(
        "萩荘地域協働体",
        district="萩荘",
        milestones=[
            Milestone("preparatory_committee", YearMonth(2014, 6)),
            Milestone("founding_meeting", date(2015, 4, 26)),
            Milestone("community_plan", FiscalYear(2017)),
        ],
    )
    assert from_data(to_data(body), Body) == body
    assert "schema" not in to_data(body)


@pytest.mark.parametrize(
    "part",
    [
        Measure("1-1", "協働推進", indicators=[Indicator("参加者数", "人", targets=[Target(FiscalYear(2015), 40)])]),
        Section("1", "協働", [Measure("1-1", "m")]),
        Indicator("参加率", "%", actuals=[Observation(FiscalYear(2015), Decimal("58.8"))]),
    ],
    ids=lambda part: type(part).__name__,
)
def test_the_parts_of_a_plan_survive_their_data(part: object) -> None:
    assert from_data(to_data(part), type(part)) == part  # type: ignore[arg-type]


def test_a_part_s_problems_are_at_paths_inside_it() -> None:
    with pytest.raises(ValidationError) as caught:
        from_data({**_BODY, "milestones": [{"kind": "founding_meeting", "on": "平成27年13月"}]}, Body)
    ((problem),) = caught.value.to_data()["problems"]
    assert (problem["path"], problem["code"]) == (["milestones", 0, "on"], "bad_date")


def test_a_kind_no_file_holds_is_still_refused() -> None:
    with pytest.raises(TypeError, match="Body"):
        from_data({}, FiscalYear)  # type: ignore[arg-type]


@given(st.text(max_size=200))
@example("NaN")  # found by this test: Python's JSON reader took NaN and Infinity as floats
@example('{"rate": [-Infinity]}')
def test_json_loads_gives_plain_data_or_a_kyodo_error_for_any_text(text: str) -> None:
    try:
        data = kyodo.json_loads(text)
    except kyodo.KyodoError:
        return
    # What reads back is plain data with no binary float anywhere in it.
    stack = [data]
    while stack:
        item = stack.pop()
        assert not isinstance(item, float)
        stack.extend(item.values() if isinstance(item, dict) else item if isinstance(item, list) else [])


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9))
def test_json_loads_reads_every_fraction_as_the_exact_decimal_written(number: Decimal) -> None:
    value = kyodo.json_loads(f'{{"rate": {number:f}}}')
    assert isinstance(value, dict)
    assert isinstance(value["rate"], int | Decimal)  # an int where the text has no fraction, never a float
    assert value["rate"] == number


def test_json_loads_keeps_the_readers_limits() -> None:
    with pytest.raises(kyodo.KyodoError, match="deep"):
        kyodo.json_loads("[" * 200 + "]" * 200)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_files_refuse_the_constants_json_does_not_have(constant: str) -> None:
    with pytest.raises(kyodo.ParseError, match=f"{constant} is not a number JSON has") as caught:
        kyodo.loads(f'{{"schema": "kyodo.plan/1", "title": "t", "municipality": "m", "period": "R2", "x": {constant}}}')
    assert caught.value.to_data()["problems"][0]["code"] == "not_a_number"


@given(year=st.integers(1, 9998), value=st.decimals(-(10**20), 10**20, places=3))
def test_the_plain_cells_a_reader_builds_are_the_objects_the_constructors_make(year: int, value: Decimal) -> None:
    import attrs

    from kyodo.indicators import Observation, Target, read_observation, read_target

    fy = FiscalYear(year)
    for read, made in (
        (read_target(fy, value), Target(fy, value)),
        (read_observation(fy, value), Observation(fy, value)),
    ):
        attrs.validate(read)  # every field is set, and passes its validator
        assert read == made
        assert repr(read) == repr(made)
        assert hash(read) == hash(made)
        assert [getattr(read, field.name) for field in attrs.fields(type(read))] == [
            getattr(made, field.name) for field in attrs.fields(type(made))
        ]


def test_a_plan_file_repeating_a_year_label_reads_it_the_same_each_time() -> None:
    text = (
        '{"schema": "kyodo.plan/1", "title": "t", "municipality": "m", "period": "H27～H28", "era": "平成",'
        ' "sections": [{"number": "1", "title": "a", "indicators": [{"name": "x", "unit": "件",'
        ' "targets": {"27年度": 1, "28年度": 2}, "actuals": {"27年度": 1, "28年度": "集計中"}}]},'
        ' {"number": "2", "title": "b", "indicators": [{"name": "y", "unit": "件", "targets": {"27年度": 3, "H29x": 4}}]}]}'
    )
    with pytest.raises(ValidationError) as caught:
        kyodo.loads(text, "json")
    assert [path for path, _message in caught.value.bilingual] == ["sections[1].indicators[0].targets.H29x"]
    plan = kyodo.loads(text.replace(', "H29x": 4', ""), "json")
    first, second = (indicator for _code, _node, indicator in plan.indicators())
    assert [target.fy for target in first.targets] == [FiscalYear(2015), FiscalYear(2016)]
    assert second.targets[0].fy is first.targets[0].fy
    # Each document reads its labels in its own era: nothing read in one is kept for the next.
    reiwa = kyodo.loads(text.replace(', "H29x": 4', "").replace("平成", "令和"), "json")
    assert next(reiwa.indicators())[2].targets[0].fy == FiscalYear(2045)


def _read_slowly(text: str, fmt: Format = "json") -> Plan:
    """``kyodo.loads`` as it reads without trusting the limits check: every number checked again, and every
    table of years read cell by cell with its problems collected (``_cells``), none of the quick paths."""
    from unittest import mock

    import kyodo.io

    structured = kyodo.io._structured

    def slowly(body: Any, kind: Any, era: Any, checked: bool = False) -> Any:
        return structured(body, kind, era, checked=False)

    # The quick reader of JSON plans is held to the general one in tests/test_quick_plan_reader.py; here it is
    # left out, so that the slow reading is the general reader's alone.
    with (
        mock.patch.object(kyodo.io, "_quick_json_plan", return_value=None),
        mock.patch.object(kyodo.io, "_structured", slowly),
    ):
        return kyodo.loads(text, fmt)


def _outcome_of(read: Any, text: str) -> object:
    try:
        plan = read(text)
    except (ParseError, ValidationError) as error:
        codes = error.codes if isinstance(error, ValidationError) else (error.code,)
        return type(error), str(error), error.message("ja"), tuple(codes)
    return plan


@settings(max_examples=60, deadline=None)
@given(plan=ks.plans())
def test_the_quick_reading_of_a_checked_file_builds_the_plan_the_slow_one_builds(plan: Plan) -> None:
    for fmt in ("json", "toml"):
        text = kyodo.dumps(plan, fmt)  # type: ignore[arg-type]
        quick, slow = kyodo.loads(text, fmt), _read_slowly(text, fmt)  # type: ignore[arg-type]
        assert quick == slow == plan
        assert [repr(indicator) for indicator in quick.indicators()] == [repr(i) for i in slow.indicators()]
        for (_c, _n, mine), (_c2, _n2, theirs) in zip(quick.indicators(), slow.indicators(), strict=True):
            assert mine.targets == theirs.targets
            assert mine.actuals == theirs.actuals
            assert mine.no_figures == theirs.no_figures


#: What may be written in a cell of a table of years, right or wrong: every kind the quick path meets.
_SPOILED_CELLS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False),
    st.integers(-(10**40), 10**40),
    st.sampled_from([Decimal("1E+31"), Decimal("1E-31"), Decimal("1" * 31), 10**30, -(10**30), True, None]),
    st.text(max_size=6),
    st.sampled_from(["集計中", "－", "40～45", "45以上", "nan", "inf"]),
    st.lists(st.decimals(allow_nan=False, allow_infinity=False, places=2), max_size=2),
    st.dictionaries(
        st.sampled_from(["value", "text", "role", "upper", "bound", "estimate", "preliminary", "reason", "x"]),
        st.one_of(st.decimals(allow_nan=False, allow_infinity=False), st.text(max_size=4), st.booleans()),
        max_size=3,
    ),
)
#: Cells the quick path reads itself, most of them: a table of these alone is where it could go wrong unseen.
_PLAIN_CELLS = st.one_of(st.decimals(-(10**6), 10**6, places=2), st.integers(-(10**6), 10**6), st.just("集計中"))
_SPOILED_KEYS = st.one_of(
    st.sampled_from(["H27", "FY2015", "平成27年度", "2015", "R2", "令和2年度", "xx"]), st.text(max_size=4)
)


@settings(max_examples=150, deadline=None)
@given(
    cells=st.lists(st.tuples(_SPOILED_KEYS, _PLAIN_CELLS | _PLAIN_CELLS | _SPOILED_CELLS), min_size=1, max_size=4),
    table=st.sampled_from(["targets", "actuals"]),
)
@example(cells=[("H27", Decimal(1)), ("平成27年度", 2)], table="targets")
@example(cells=[("FY2015", 1), ("H27", "集計中")], table="actuals")
@example(cells=[("H27", Decimal("1E+31"))], table="actuals")
@example(cells=[("H27", {"value": Decimal(3), "estimate": True, "preliminary": True})], table="actuals")
@example(cells=[("H27", {"value": 3, "preliminary": True}), ("H28", {"value": "3", "estimate": 1})], table="actuals")
def test_the_quick_reading_refuses_what_the_slow_one_refuses_with_the_same_problems(
    cells: list[tuple[str, object]], table: str
) -> None:
    from kyodo.io import _json

    data = {
        "schema": "kyodo.plan/1",
        "title": "t",
        "municipality": "m",
        "period": "H26～H30",
        "sections": [
            {
                "number": "1",
                "title": "a",
                "indicators": [
                    {"name": "x", "unit": "件", table: {"H26": 1, "H27": Decimal("2.5")}},
                    {"name": "y", "unit": "件", table: dict(cells)},
                ],
            }
        ],
    }
    text = _json(data, 0)
    assert _outcome_of(kyodo.loads, text) == _outcome_of(_read_slowly, text)


@given(
    year=st.integers(1, 9998),
    value=st.decimals(-(10**20), 10**20, places=3),
    marks=st.sampled_from([(False, False), (True, False), (False, True)]),
)
def test_a_figure_read_with_its_marks_is_the_observation_the_constructor_makes(
    year: int, value: Decimal, marks: tuple[bool, bool]
) -> None:
    import attrs

    from kyodo.indicators import Observation, read_observation

    read, made = read_observation(FiscalYear(year), value, *marks), Observation(FiscalYear(year), value, *marks)
    attrs.validate(read)
    assert read == made
    assert repr(read) == repr(made)
    assert hash(read) == hash(made)
    assert read.final == made.final


def _labelled_kinds() -> list[type]:
    import kyodo.grading
    import kyodo.subsidies  # noqa: F401 - their enums join the subclasses
    from kyodo._labels import LabelledEnum

    kinds: list[type] = []
    pending: list[type] = [LabelledEnum]
    while pending:
        kind = pending.pop()
        pending.extend(kind.__subclasses__())
        if list(kind):  # type: ignore[call-overload]
            kinds.append(kind)
    return kinds


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_labelled_enum_read_the_quick_way_is_what_its_read_gives(data: st.DataObject) -> None:
    from kyodo._convert import _structure_labelled

    kind = data.draw(st.sampled_from(_labelled_kinds()))
    words = [word for member in kind for word in (member.value, member.label, member.label_en)]  # type: ignore[attr-defined]
    value = data.draw(st.one_of(st.sampled_from(words), st.sampled_from(list(kind)), st.text(max_size=8), st.none()))

    def outcome(read: Any) -> object:
        try:
            return read(value)
        except ValidationError as error:
            return str(error), error.codes

    assert outcome(lambda v: _structure_labelled(v, kind)) == outcome(kind.read)  # type: ignore[attr-defined]


def test_a_file_of_another_kind_says_which_kind_reads_it() -> None:
    with pytest.raises(ValidationError) as caught:
        kyodo.load(NIIGATA.parent.parent / "subsidies" / "nikko-machizukuri.toml")
    assert caught.value.to_data()["problems"][0]["code"] == "wrong_schema"  # type: ignore[index]
    assert "kind=SubsidyRule" in caught.value.message("en")
    assert "kind=SubsidyRule" in caught.value.message("ja")
    with pytest.raises(ValidationError) as unknown:
        kyodo.loads('{"schema": "kyodo.other/1"}', "json")
    assert "kind=" not in unknown.value.message("en")
