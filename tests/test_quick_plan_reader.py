"""The quick reader of JSON plans (``kyodo.io._quick_json_plan``) against the general one.

``kyodo.loads(text, "json")`` of a plan reads the text the quick way when it can vouch for all of it,
and otherwise hands the text to the general reader (the parse with its hooks, the limits check, cattrs).
These tests hold the two to the same plan on valid files, to the same refusal (type, message in both
languages, codes) on spoiled ones, and check that usual files do take the quick way.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kyodo
import kyodo.io
import kyodo.strategies as ks
from kyodo import ParseError, Plan, ValidationError
from kyodo.evaluations import Evaluation, Evaluator, ProgressCheck
from kyodo.fiscal import FiscalYear, FiscalYearRange
from kyodo.indicators import Indicator, Observation, Target
from kyodo.io import _json
from kyodo.plan import BudgetLine, Measure, ScheduleEntry, Section, Stage
from test_io import _read_slowly


def _read_generally(text: str) -> Plan:
    """``kyodo.loads(text, "json")`` by the general reader alone, trusting nothing: the parse with its hooks,
    the limits check, then cattrs with every number checked again and every table read cell by cell."""
    return _read_slowly(text, "json")


def _outcome(read: Any, text: str) -> object:
    try:
        return read(text)
    except (ParseError, ValidationError) as error:
        codes = error.codes if isinstance(error, ValidationError) else (error.code,)
        return type(error), str(error), error.message("ja"), tuple(codes)


def _same_plan(quick: Plan, general: Plan) -> None:
    """The two plans are equal, and so is what equality does not compare: each indicator's years found by
    its lookups, each node found by its code, and every object's repr."""
    assert quick == general
    assert repr(quick) == repr(general)
    for (code, node, mine), (code2, node2, theirs) in zip(quick.indicators(), general.indicators(), strict=True):
        assert (code, repr(node), repr(mine)) == (code2, repr(node2), repr(theirs))
        years = {entry.fy for entry in (*theirs.targets, *theirs.actuals, *theirs.no_figures)}
        for fy in years:
            assert (mine.target(fy), mine.actual(fy), mine.no_figure(fy)) == (
                theirs.target(fy),
                theirs.actual(fy),
                theirs.no_figure(fy),
            )
        for entry in (*mine.targets, *mine.actuals):
            attrs.validate(entry)
    for code, node in general.walk():
        assert quick.find(code) == node
        if isinstance(node, Measure):
            for entry in (*node.schedule, *node.budget, *node.progress_checks, *node.evaluations):
                attrs.validate(entry)


def _usual_plan() -> Plan:
    """A plan of the shape most files have (and the benchmark's corpus): every part the quick reader reads."""
    fy = FiscalYear
    indicator = Indicator(
        "満足度",
        "%",
        "at_most",
        baseline=Observation(fy(2017), Decimal("51.5"), estimate=True),
        targets=[Target(fy(2018), Decimal("52.5")), Target(fy(2019), 54), Target(fy(2020), text="継続", role="final")],
        actuals=[Observation(fy(2018), Decimal("52.75")), Observation(fy(2019), 55, preliminary=True)],
        kind="flow",
        note="調査による",
    )
    measure = Measure(
        "①",
        "団体への支援",
        kind="continuing",
        departments=["市民協働課", "生涯学習課"],
        lead="市民協働課",
        actors=["citizens", "civic_groups"],
        priority="main",
        background="背景",
        completion="－",
        schedule=[
            ScheduleEntry(fy(2018), Stage.STUDY),
            ScheduleEntry(fy(2019), carried=True),
            ScheduleEntry(fy(2020), text="モデル事業", result="実施した"),
        ],
        indicators=[indicator, Indicator("参加者数", "人", targets=[Target(fy(2018), 1200)])],
        budget=[BudgetLine(fy(2018), 12_451_000, 2_280_000), BudgetLine(fy(2019), 100, note="補正")],
        progress_checks=[ProgressCheck(fy(2018), 1, "順調", "note"), ProgressCheck(fy(2018), 2, "◎")],
        evaluations=[
            Evaluation("annual", fy(2018), "B", "評価", written_on=kyodo.wareki.parse_wareki("R1.7.16")),
            Evaluation("mid_term", fy(2019), grade="A", evaluator=Evaluator("council", "協働推進委員会")),
            Evaluation("plan_period", outlook="今後"),
        ],
    )
    section = Section("Ⅰ", "協働の意識づくり", [Section("(1)", "交流", [measure])], description="説明")
    return Plan("協働推進計画", "新潟市", FiscalYearRange(fy(2018), fy(2022)), ["基本目標", "施策", "事業"], [section])


def test_a_usual_plan_file_is_read_the_quick_way_to_the_plan_the_general_reader_builds() -> None:
    plan = _usual_plan()
    text = kyodo.dumps(plan, "json")
    quick = kyodo.io._quick_json_plan(text)
    assert quick is not None  # the usual file takes the quick way
    _same_plan(quick, _read_generally(text))
    assert quick == plan
    assert kyodo.loads(text, "json") == plan


def test_a_file_the_quick_reader_cannot_vouch_for_is_read_by_the_general_one() -> None:
    text = kyodo.dumps(_usual_plan(), "json")
    # A colon in a text (and in a key): counted in the texts read, apart from the colons after keys.
    coloned = text.replace('"背景"', '"背景: 2018年 https://example.jp", "milestones": {"開始: 第1期": "2018-04-01"}')
    quick = kyodo.io._quick_json_plan(coloned)
    assert quick is not None
    assert quick.find("Ⅰ-(1)-①").background == "背景: 2018年 https://example.jp"  # type: ignore[union-attr]
    _same_plan(quick, _read_generally(coloned))
    # A key given twice, deep in the file: the quick reader's count finds it, the general reader names it,
    # whether or not texts hold colons.
    for holding in (text, coloned):
        doubled = holding.replace('"unit": "人"', '"unit": "人", "unit": "件"')
        assert kyodo.io._quick_json_plan(doubled) is None
        with pytest.raises(ValidationError) as caught:
            kyodo.loads(doubled, "json")
        assert caught.value.codes == ("duplicate",)
    # A colon written as an escape is in the text read but not in the text: left to the general reader.
    escaped = coloned.replace("背景: 2018年", "背景\\u003a 2018年")
    assert kyodo.io._quick_json_plan(escaped) is None
    assert kyodo.loads(escaped, "json") == quick
    doubled = escaped.replace('"unit": "人"', '"unit": "人", "unit": "件"')
    assert _outcome(kyodo.loads, doubled) == _outcome(_read_generally, doubled)
    # Past a limit: a number of 31 digits, a lone surrogate, tables nested past the limit on depth.
    for spoiled in (
        text.replace("12451000", "1" * 31),
        text.replace('"背景"', '"\\ud800"'),
        text.replace('"background": "背景"', '"background": ' + "[" * 120 + "]" * 120),
    ):
        assert kyodo.io._quick_json_plan(spoiled) is None
        assert _outcome(kyodo.loads, spoiled) == _outcome(_read_generally, spoiled)


@settings(max_examples=40, deadline=None)
@given(plan=ks.plans())
def test_the_quick_reader_builds_the_plan_the_general_reader_builds(plan: Plan) -> None:
    text = kyodo.dumps(plan, "json")
    quick = kyodo.io._quick_json_plan(text)
    general = _read_generally(text)
    assert general == plan
    if quick is not None:
        _same_plan(quick, general)
    _same_plan(kyodo.loads(text, "json"), general)


#: What a spoiled file may hold in place of any value: right or wrong for the place, within limits or past them.
_SPOILS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 4),
    st.integers(-(10**35), 10**35),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("1E+31"), Decimal("1E-31"), Decimal("1" * 31), Decimal("0.0000001"), 10**30]),
    st.text(max_size=5),
    st.sampled_from(["", " ", "→", "未定", "集計中", "H27", "平成30年度", "annual", "council", "implement", "順調"]),
    st.sampled_from(["2019-02-30", "2019-09-28", "H30.7.20", "40～45", "\ud800", "a:b", "x" * 201, "main"]),
    st.lists(st.sampled_from([1, "a", None, Decimal("2.5"), "citizens"]), max_size=2),
    st.dictionaries(
        st.sampled_from(["value", "text", "estimate", "kind", "fy", "name", "stage", "budget", "x", "令和元年度"]),
        st.one_of(st.sampled_from([1, "a", True, None, Decimal("2.5"), "令和元年度"]), st.text(max_size=3)),
        max_size=3,
    ),
)
#: Keys a spoiled table may gain: the fields of the records the quick reader reads, and others.
_KEYS = st.sampled_from(
    [
        *("新しいキー", "indicators", "evaluations", "children", "relists", "schedule", "budget", "note", "direction"),
        *("targets", "actuals", "baseline", "half", "fy", "evaluator", "axes", "era", "notes", "references", "kind"),
    ]
)
#: Keys a spoiled table may have in place of one of its own: years as files write them, and others.
_YEAR_KEYS = st.sampled_from(
    ["平成30年度", "令和元年度", "令和2年度", "令和3年度", "H31", "FY2020", "H30～R2", "R2以降", "x"]
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside ``value``, tables' keys and lists' indexes from the top."""
    places: list[tuple[Any, ...]] = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            places.extend(_places(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            places.extend(_places(item, (*path, index)))
    return places


def _near(value: Any) -> st.SearchStrategy[Any]:
    """Values a slip of the pen makes of ``value``: of its kind, a little off."""
    if isinstance(value, bool):
        return st.sampled_from([not value, None, int(value)])
    if isinstance(value, int):
        return st.integers(value - 3, value + 3) | st.sampled_from([str(value), Decimal(value), -value, True])
    if isinstance(value, Decimal):
        return st.sampled_from([-value, value * 10**25, value.scaleb(-30), str(value), int(value), value.normalize()])
    if isinstance(value, str):
        return st.sampled_from(["", " ", f" {value}", f"{value}x", value[:1], f"{value}:", "\ud800" + value])
    if isinstance(value, list):
        return st.sampled_from([[], [*value, *value], value[:1], {}, value[::-1]])
    if isinstance(value, dict):
        return st.sampled_from([{}, list(value), dict(reversed(value.items())), {**value, "x": 1}])
    return _SPOILS


def _spoil(data: Any, draw: Any) -> Any:
    """``data`` with one value replaced, dropped, given a new key beside it, or moved to another key."""
    path = draw(st.sampled_from(_places(data)))
    how = draw(st.sampled_from(["replace", "near", "near", "drop", "add", "rekey"]))
    if not path:
        return draw(_SPOILS) if how == "replace" else data
    *parents, last = path
    holder = data
    for step in parents:
        holder = holder[step]
    if how == "replace":
        holder[last] = draw(_SPOILS)
    elif how == "near":
        holder[last] = draw(_near(holder[last]))
    elif how == "drop":
        del holder[last]
    elif isinstance(holder, dict) and how == "add":
        holder[draw(_KEYS)] = draw(_SPOILS)
    elif isinstance(holder, dict):
        items = [(draw(_YEAR_KEYS), item) if key == last else (key, item) for key, item in holder.items()]
        holder.clear()
        holder.update(items)
    return data


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_quick_reader_refuses_what_the_general_one_refuses_with_the_same_problems(data: Any) -> None:
    text = kyodo.dumps(_usual_plan(), "json")
    plain = json.loads(text, parse_float=Decimal)
    for _ in range(data.draw(st.integers(1, 3))):
        plain = _spoil(plain, data.draw)
    spoiled = _json(plain, 0)
    if data.draw(st.booleans()):  # a key given twice, where the text has tables
        at = data.draw(st.integers(0, max(0, spoiled.count("{") - 1)))
        start = spoiled.replace("{", "\0", at).find("{")
        end = spoiled.find(",", start)
        if 0 <= start < end and ":" in spoiled[start:end]:
            spoiled = spoiled[:end] + "," + spoiled[start + 1 : end] + spoiled[end:]
    assert _outcome(kyodo.loads, spoiled) == _outcome(_read_generally, spoiled)


def _measure(data: dict[str, Any]) -> dict[str, Any]:
    return data["sections"][0]["children"][0]["children"][0]  # type: ignore[no-any-return]


def _set(path: str, value: Any) -> Any:
    """An edit of the usual plan's data: ``value`` at ``path`` (keys and indexes from the measure, by dots)."""

    def edit(data: dict[str, Any]) -> None:
        *steps, last = (int(step) if step.isdigit() else step for step in path.split("."))
        holder: Any = _measure(data)
        for step in steps:
            holder = holder[step]
        holder[last] = value

    return edit


def _rekey(path: str, old: str, new: str) -> Any:
    def edit(data: dict[str, Any]) -> None:
        holder: Any = _measure(data)
        for step in path.split("."):
            holder = holder[int(step) if step.isdigit() else step]
        items = [(new if key == old else key, item) for key, item in holder.items()]
        holder.clear()
        holder.update(items)

    return edit


def _nested(levels: int) -> dict[str, Any]:
    """A section with a section in it, ``levels`` deep, and a measure at the bottom: two levels of depth each."""
    node: dict[str, Any] = {"number": "m", "title": "底", "indicators": [{"name": "x", "unit": "件"}]}
    for level in range(levels):
        node = {"number": f"s{level}", "title": "節", "children": [node]}
    return node


#: Edits at each decision the quick reader takes for itself, each wrong or right in its own way.
_EDITS = {
    "a half past 2": _set("progress_checks.0.half", 3),
    "a half of 0": _set("progress_checks.0.half", 0),
    "a half as true": _set("progress_checks.0.half", True),
    "a half as text": _set("progress_checks.0.half", "1"),
    "a status of blanks": _set("progress_checks.0.status", " "),
    "a → after a gap": _set("schedule", {"平成30年度": "study", "令和2年度": "→"}),
    "a → first": _set("schedule", {"平成30年度": "→", "令和元年度": "study"}),
    "a → of a result": _set("schedule", {"平成30年度": "study", "令和元年度": {"stage": "→", "result": "済"}}),
    "a year's two actuals alike": _set("indicators.0.actuals.令和元年度", [1, 1]),
    "a year's two actuals": _set(
        "indicators.0.actuals.令和元年度", [{"value": 1, "stage": "速報値"}, {"value": 2, "stage": "確定値"}]
    ),
    "a word for an actual": _set("indicators.0.actuals.令和元年度", "集計中"),
    "years out of order": _rekey("indicators.0.targets", "平成30年度", "令和3年度"),
    "a year twice": _rekey("indicators.0.targets", "令和元年度", "H30"),
    "an actual's year twice": _rekey("indicators.0.actuals", "令和元年度", "FY2018"),
    "a schedule year twice": _rekey("schedule", "令和2年度", "H31"),
    "a budget year twice": _rekey("budget", "令和元年度", "H30"),
    "a schedule span": _rekey("schedule", "令和2年度", "R2～R3"),
    "a schedule onward": _rekey("schedule", "令和2年度", "R2以降"),
    "no departments": _set("departments", None),
    "a lead not among them": _set("lead", "企画課"),
    "a department twice": _set("departments", ["市民協働課", "市民協働課"]),
    "a blank title": _set("title", " "),
    "a blank number": _set("number", ""),
    "a number of digits": _set("number", 1),
    "no indicators": _set("indicators", None),
    "an indicator twice": _set("indicators.1.name", "満足度"),
    "a blank indicator name": _set("indicators.1.name", " "),
    "a direction unknown": _set("indicators.0.direction", "up"),
    "a direction in Japanese": _set("indicators.0.direction", "減少"),
    "a category in Japanese": _set("indicators.0.category", "成果指標"),
    "calendar years as 1": _set("indicators.0.calendar_year", 1),
    "no targets": _set("indicators.0.targets", None),
    "no actuals": _set("indicators.0.actuals", None),
    "an estimate and preliminary": _set(
        "indicators.0.actuals.令和元年度", {"value": 5, "estimate": True, "preliminary": True}
    ),
    "an estimate as 1": _set("indicators.0.actuals.令和元年度", {"value": 5, "estimate": 1}),
    "a figure as text": _set("indicators.0.actuals.令和元年度", {"value": "5"}),
    "a figure of 31 digits": _set("indicators.0.targets.平成30年度", Decimal("1" * 31)),
    "a figure past 1E+30": _set("indicators.0.targets.平成30年度", Decimal("1E+31")),
    "a small figure": _set("indicators.0.targets.平成30年度", Decimal("0.0000001")),
    "a whole number of 31 digits": _set("indicators.1.targets.平成30年度", 10**30),
    "a figure as a bool": _set("indicators.1.targets.平成30年度", True),
    "a target of no words": _set("indicators.0.targets.令和2年度", {"text": "", "role": "final"}),
    "a target of a role unknown": _set("indicators.0.targets.令和2年度", {"text": "x", "role": "last"}),
    "a target of a role in Japanese": _set("indicators.0.targets.令和2年度", {"text": "x", "role": "最終目標"}),
    "a target of a value and words": _set("indicators.0.targets.令和2年度", {"value": 5, "text": "x"}),
    "a target of a value as text": _set("indicators.0.targets.令和2年度", {"value": "5", "text": "x"}),
    "a target of a null role": _set("indicators.0.targets.令和2年度", {"text": "x", "role": None}),
    "a baseline without a value": _set("indicators.0.baseline", {"fy": "平成29年度"}),
    "a baseline of an int year": _set("indicators.0.baseline", {"fy": 2017, "value": 5}),
    "a budget of text": _set("budget.平成30年度.budget", "9,973千円"),
    "a budget below 0": _set("budget.平成30年度.budget", -1),
    "a budget as a bool": _set("budget.平成30年度.settled", False),
    "a budget past the limit": _set("budget.平成30年度.budget", 10**30),
    "an evaluation without kind": _set("evaluations.0.kind", None),
    "an annual evaluation without a year": _set("evaluations.0.fy", None),
    "a blank grade": _set("evaluations.0.grade", " "),
    "a day that is not": _set("evaluations.0.written_on", "2019-02-30"),
    "a day in full width": _set("evaluations.0.written_on", "２０１９-０７-１６"),
    "a day as wareki": _set("evaluations.0.written_on", "R1.7.16"),
    "an evaluator of another kind": _set("evaluations.1.evaluator", {"kind": "委員会評価", "name": "委員会"}),
    "an evaluator unknown": _set("evaluations.1.evaluator", {"kind": "mayor"}),
    "an evaluator with a null name": _set("evaluations.1.evaluator", {"kind": "council", "name": None}),
    "an evaluator of a number": _set("evaluations.1.evaluator", {"kind": "council", "name": 1}),
    "a lone surrogate": _set("background", "\ud800"),
    "a lone surrogate in a key": _rekey("schedule", "平成30年度", "\udc00"),
    "a colon": _set("background", "a: b"),
    "a stage in Japanese": _set("schedule.平成30年度", "検討"),
    "a stage unknown": _set("schedule.平成30年度", "実 施"),
    "未定": _set("schedule.平成30年度", " 未定 "),
    "a cell of stage and text": _set("schedule.令和2年度", {"stage": "study", "text": "x"}),
    "a cell with a nested table": _set("schedule.令和2年度", {"text": {"text": "x"}}),
    "a tentative cell": _set("schedule.令和2年度", {"text": "x", "tentative": True}),
    "a cell of a text and a result": _set("schedule.令和2年度", {"text": "x", "result": "済"}),
    "a cell of a null result": _set("schedule.令和2年度", {"text": "x", "result": None}),
    "a cell of a result alone": _set("schedule.令和2年度", {"result": "済"}),
    "a cell of a number": _set("schedule.令和2年度", {"text": 1}),
    "a cell of a stage and a number": _set("schedule.令和2年度", {"stage": "study", "result": 2}),
    "a cell of → after a gap": _set("schedule", {"平成30年度": "study", "令和2年度": {"stage": "→"}}),
    "a cell of 未定": _set("schedule.令和2年度", {"stage": "未定", "result": "x"}),
    "a section's indicators null": lambda data: data["sections"][0].update(indicators=None),
    "a section's description null": lambda data: data["sections"][0].update(description=None),
    "a relisting": lambda data: data["sections"][0]["children"].append({"number": "(2)", "relists": "Ⅰ-(1)-①"}),
    "a relisting of nothing": lambda data: data["sections"][0]["children"].append({"number": "(2)", "relists": "Ⅸ"}),
    "children twice": lambda data: data["sections"][0]["children"].append(data["sections"][0]["children"][0]),
    "an era": lambda data: data.update(era="平成"),
    "an era unknown": lambda data: data.update(era="大化"),
    "a published day": lambda data: data.update(published="2018-03"),
    "references": lambda data: data.update(references=["計画", {"title": "改訂版", "on": "平成30年3月"}]),
    "a measure's notes": _set("notes", ["注"]),
    "a measure's criterion": _set("criterion", {"all_of": [{"ongoing": True}] * 2}),
    "a criterion nested deep": _set("criterion", {"not": {"not": {"not": {"ongoing": True}}}}),
    "sections nested within the limit": lambda data: data.pop("levels") and data["sections"].append(_nested(30)),
    "sections nested past the limit": lambda data: data.pop("levels") and data["sections"].append(_nested(50)),
    "levels null": lambda data: data.update(levels=None),
    "no sections": lambda data: data.pop("sections"),
    "no title": lambda data: data.pop("title"),
    "a title of a number": lambda data: data.update(title=1),
    "NaN": lambda data: data.update(title=float("nan")),
}


@pytest.mark.parametrize("edit", _EDITS.values(), ids=_EDITS.keys())
def test_the_quick_reader_reads_and_refuses_each_case_as_the_general_one_does(edit: Any) -> None:
    data = json.loads(kyodo.dumps(_usual_plan(), "json"), parse_float=Decimal)
    edit(data)
    text = _json(data, 0)
    assert _outcome(kyodo.loads, text) == _outcome(_read_generally, text)


@given(code=st.text(st.sampled_from(list("Ⅰ①(1)-No.26事業 \u3000\t４２Ａａ！～｟ｦ")) | st.characters(), max_size=8))
def test_a_code_with_nothing_to_fold_is_its_own_key(code: str) -> None:
    import re
    import unicodedata

    from kyodo.plan import _code_key

    folded = "".join(unicodedata.normalize("NFKC", char) if "！" <= char <= "～" else char for char in code)
    assert _code_key(code) == re.sub(r"\s+", "", folded)


@pytest.mark.parametrize("path", sorted(Path("examples/plans").glob("*.toml")), ids=lambda path: path.stem)
def test_each_example_plan_written_as_json_is_read_the_quick_way(path: Path) -> None:
    plan = kyodo.load(path)
    text = kyodo.dumps(plan, "json")
    quick = kyodo.io._quick_json_plan(text)
    assert quick is not None  # real plans, their texts holding colons (addresses, times) among them
    _same_plan(quick, _read_generally(text))
    assert quick == plan


def test_a_plan_past_a_million_characters_is_read_the_quick_way_and_too_many_values_are_not() -> None:
    # Every plan over 1,000,000 characters (some 130 measures) went to the general reader, 2-3 times
    # slower: the quick one now bounds the count of values by the text's commas and brackets instead.
    from kyodo._limits import MAX_NODES

    plan = kyodo.load("examples/plans/niigata.toml")  # one measure of about 7,500 characters of JSON
    measure = next(iter(plan.measures()))
    copies = [attrs.evolve(measure, number=f"{measure.number}-{index}") for index in range(200)]
    big = attrs.evolve(plan, sections=[attrs.evolve(plan.sections[0], children=copies)])
    text = kyodo.dumps(big, "json")
    assert len(text) > MAX_NODES
    quick = kyodo.io._quick_json_plan(text)
    assert quick is not None
    assert quick == big
    # A text past the limit on characters, however few its values: the general reader refuses it.
    from kyodo._limits import MAX_FILE_CHARS

    padded = kyodo.dumps(plan, "json") + " " * MAX_FILE_CHARS
    assert kyodo.io._quick_json_plan(padded) is None
    with pytest.raises(kyodo.ParseError, match="too large"):
        kyodo.loads(padded, "json")
    # A list of more values than the limit, in a text of few characters a value: the general reader says so.
    crowded = json.dumps({"schema": "kyodo.plan/1", "title": "t", "sections": [], "notes": ["a"] * MAX_NODES})
    assert kyodo.io._quick_json_plan(crowded) is None
    with pytest.raises(kyodo.ParseError, match="more than 1,000,000 values"):
        kyodo.loads(crowded, "json")
