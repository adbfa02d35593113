"""Plan text cannot act in what kyodo writes: no markup in Markdown or HTML, no escape sequence on a terminal.

A plan file is text from anywhere. Each test puts hostile strings (markup,
table cells closed early, terminal escape sequences, C1 controls, bidi
overrides, line breaks) into every text field of a valid plan and its
grading scheme, and checks each report format and each ``_repr_html_``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import kyodo.strategies as ks
from kyodo import (
    Evaluation,
    FiscalYear,
    FiscalYearRange,
    GradingScheme,
    Indicator,
    Measure,
    Observation,
    Plan,
    ProgressCheck,
    Relisting,
    ScheduleEntry,
    Section,
    Target,
    load,
)
from kyodo._text import BIDI_CONTROLS, one_line, visible
from kyodo.bases import BasisRule
from kyodo.evaluations import Evaluator
from kyodo.grading import grade_measure, preset
from kyodo.plan import _code_key
from kyodo.report import (
    MeasureReport,
    PlanReport,
    SectionReport,
    build_report,
    render_html,
    render_json,
    render_markdown,
    render_text,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "plans"

PIECES = (
    "<script>alert(1)</script>",
    "</td>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "'",
    "|",
    "\x1b[2J",
    "\x1b]0;owned\x07",
    "\x9b31m",
    "\x85",
    "\x7f",
    "\x00",
    "\r",
    "\t",
    "\n",
    "\u2028",
    "\u202e",
    "\u2066",
    "\u200f",
    "`",
    "```",
    "*",
    "**",
    "_",
    "~~",
    "[x](javascript:alert(1))",
    "![i](http://example.invalid/i.png)",
    "#",
    "&amp;",
    "&#60;",
    "&",
    "\\",
    "- ",
    "> ",
    "1. ",
    "===",
    "$x$",
    "<!--",
    "{{x}}",
)

hostile = st.lists(st.sampled_from(PIECES) | st.text(max_size=2), min_size=1, max_size=5).map("".join)
#: A hostile prefix a node's number can take: it must not read as the code separator.
hostile_numbers = hostile.filter(lambda text: "-" not in _code_key(text))

SCHEME = preset("osaka-pref-library-2016")
FY = FiscalYear(2016)
#: A plan whose every kind of text field is filled and shown: a text target and a recorded grade put text in table cells.
TABLE_PLAN = Plan(
    title="計画",
    municipality="市",
    period=FiscalYearRange(FY, FiscalYear(2018)),
    levels=("方針", "項目"),
    sections=[
        Section(
            "1",
            "方針",
            children=[
                Measure(
                    "1",
                    "項目",
                    departments=("課", "室"),
                    lead="課",
                    completion="完了",
                    schedule=[ScheduleEntry(FY, text="実施")],
                    indicators=[
                        Indicator(
                            "指標",
                            "人",
                            targets=[Target(FY, text="増加")],
                            # Two figures of a year, each with the sheet's word for its stage.
                            actuals=[Observation(FY, 1, stage="速報値"), Observation(FY, 2, stage="確定値")],
                        ),
                        Indicator("率", "%", targets=[Target(FY, 100)], actuals=[Observation(FY, 50, estimate=True)]),
                    ],
                    progress_checks=[ProgressCheck(FY, 1, "on_track", note="順調")],
                    evaluations=[
                        Evaluation("annual", FY, grade="Z", assessment="理由", evaluator=Evaluator("self", "課長")),
                        Evaluation("mid_term", None, grade="Y", issues="課題", outlook="見通し"),
                    ],
                    notes=("注",),
                ),
            ],
        ),
        Section("2", "再掲", children=[Relisting("1", "1-1", note="注")]),
    ],
    notes=("注",),
)
#: What must not reach a terminal: every control character but newline, and the bidi controls.
CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")
#: The same, but for a tab: harmless in HTML, where it is white space like any other.
HTML_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _prefixed(value: Any, text: str, number: str) -> Any:
    """``value`` with ``text`` put in front of every string it holds (``number`` in front of every node number).

    A prefix keeps every rule the plan was drawn under: departments stay
    distinct, the lead stays among them, siblings' numbers stay unique and
    each re-listing's code still names its measure.
    """
    if type(value) is str:
        return text + value
    if isinstance(value, tuple):
        return tuple(_prefixed(item, text, number) for item in value)
    if not attrs.has(type(value)) or isinstance(value, BasisRule):
        # A basis's fields are names from a closed list (toward="final"), not text a plan prints.
        return value
    changes = {}
    for field in attrs.fields(type(value)):
        if not field.init:
            continue
        item = getattr(value, field.name)
        if isinstance(value, Plan) and field.name == "provenance":
            # A provenance names a node by its path code and a field by its key: the codes follow the
            # prefixed numbers, the keys stay keys, and an undated target's words (its key) are prefixed.
            codes = _prefixed_codes(value.sections, number)
            changes[field.alias] = tuple(
                attrs.evolve(
                    entry,
                    node=codes[entry.node],
                    field=entry.field.replace("undated_targets.", "undated_targets." + text, 1),
                    indicator=None if entry.indicator is None else text + entry.indicator,
                    note=None if entry.note is None else text + entry.note,
                )
                for entry in item
            )
            continue
        if field.name in ("printed_rate", "bound"):
            # A printed rate must read as a percentage and a bound is at_least or at_most: not free text.
            changes[field.alias] = item
        elif field.name == "number" and isinstance(value, Measure | Section | Relisting):
            changes[field.alias] = number + item
        elif field.name == "code" and isinstance(value, Relisting):
            changes[field.alias] = "-".join(number + part for part in item.split("-"))
        else:
            changes[field.alias] = _prefixed(item, text, number)
    return attrs.evolve(value, **changes)


def _prefixed_codes(nodes: tuple[Any, ...], number: str, path: tuple[str, ...] = ()) -> dict[str, str]:
    """Each node's path code, and the code it has once every number is prefixed with ``number``."""
    codes: dict[str, str] = {}
    for node in nodes:
        here = (*path, node.number)
        codes["-".join(here)] = "-".join(number + part for part in here)
        if isinstance(node, Section):
            codes.update(_prefixed_codes(node.children, number, here))
    return codes


@st.composite
def hostile_reports(draw: st.DrawFn) -> PlanReport:
    """A report of a drawn plan, or an example plan, with hostile text in every field of the plan and its scheme."""
    examples = st.sampled_from(sorted(EXAMPLES.glob("*.toml"))).map(load)
    plan: Plan = draw(st.just(TABLE_PLAN) | examples | ks.plans(max_depth=2))
    return _hostile_report(plan, draw(hostile), draw(hostile_numbers))


def _hostile_report(plan: Plan, text: str, number: str) -> PlanReport:
    scheme: GradingScheme = _prefixed(SCHEME, text, number)
    return build_report(_prefixed(plan, text, number), scheme=scheme)


#: Markup of every kind Markdown reads mid-line, each closed, so that unescaped it would take effect.
MARKUP = "*em* _em_ **b** `code` ~~del~~ [a](javascript:alert(1)) ![i](x.png) <b>b</b> &lt; a|b \\| \\ $x$ #"


def _titles(report: PlanReport) -> list[str]:
    """Text of the plan that every format shows: its title, municipality and each measure's title."""
    measures = [node.measure.title for node in report.nodes if isinstance(node, MeasureReport)]
    return [report.plan.title, report.plan.municipality, *measures]


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- text ------------------------------------------------------------------------------------------


@SETTINGS
@given(hostile_reports(), st.sampled_from(["ja", "en"]))
def test_text_reports_hold_no_control_character_but_newline(report: PlanReport, locale: Any) -> None:
    text = render_text(report, locale=locale)
    assert CONTROLS.findall(text) == []


@pytest.mark.parametrize(
    ("hostile_text", "shown"),
    [
        ("\x1b]0;owned\x07", "\\x1b]0;owned\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x9b2J", "\\x9b2J"),
        ("\x7f", "\\x7f"),
        ("abc\u202edef", "abc\\u202edef"),
        ("\u2066x\u2069", "\\u2066x\\u2069"),
    ],
)
def test_text_reports_show_escape_sequences_instead_of_sending_them(hostile_text: str, shown: str) -> None:
    plan = attrs.evolve(load(EXAMPLES / "niigata.toml"), title=hostile_text)
    text = render_text(build_report(plan))
    assert text.splitlines()[0].startswith(shown)
    assert hostile_text not in text


def _with_spaces(report: PlanReport) -> PlanReport:
    plan = _replace_newlines(report.plan)
    return build_report(plan, report.fy, report.scheme)


def _replace_newlines(value: Any) -> Any:
    if type(value) is str:
        return value.replace("\n", " ")
    if isinstance(value, tuple):
        return tuple(_replace_newlines(item) for item in value)
    if not attrs.has(type(value)):
        return value
    changes = {f.alias: _replace_newlines(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.init}
    return attrs.evolve(value, **changes)


@SETTINGS
@given(
    ks.plans(max_depth=2),
    st.lists(st.sampled_from(["\n", " ", "a", "漢", "|", "*"]), min_size=1, max_size=6).map("".join),
)
def test_a_line_break_in_plan_text_lays_out_as_a_space(plan: Plan, text: str) -> None:
    report = build_report(_prefixed(plan, text, "1"), scheme=SCHEME)
    spaced = _with_spaces(report)
    assert render_text(report) == render_text(spaced)
    assert render_markdown(report) == render_markdown(spaced)


# --- markdown --------------------------------------------------------------------------------------


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line.replace("\\\\", "")))


@SETTINGS
@given(hostile_reports(), st.sampled_from(["ja", "en"]))
@example(_hostile_report(TABLE_PLAN, MARKUP, "1"), "ja")
def test_markdown_reports_hold_no_markup_from_plan_text(report: PlanReport, locale: Any) -> None:
    markdown = render_markdown(report, locale=locale)
    assert "<" not in markdown
    assert CONTROLS.findall(markdown) == []
    rows = [line for line in markdown.split("\n") if line.startswith("|")]
    # A table per indicator, a measure's or a section's own.
    shown = [node.own if isinstance(node, SectionReport) else node for node in report.nodes]
    expected = sum(2 + len(years) for node in shown if isinstance(node, MeasureReport) for _, years in node.indicators)
    assert len(rows) == expected
    assert all(_unescaped_pipes(row) == 6 for row in rows), rows


class _Elements(HTMLParser):
    """Every element and attribute of an HTML text, and the text of each element kind."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.open: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.rows: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag == "tr":
            self.rows.append(0)
        elif tag in {"td", "th"} and self.rows:
            self.rows[-1] += 1
        if tag not in {"br", "meta", "img", "hr", "input", "link"}:
            self.open.append(tag)
            self.text.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in self.open:
            self.text[tag][-1] += data

    def handle_comment(self, data: str) -> None:
        self.tags.append("!--")

    def handle_decl(self, decl: str) -> None:
        self.tags.append("!" + decl.lower())


def _parsed(text: str) -> _Elements:
    parser = _Elements()
    parser.feed(text)
    parser.close()
    return parser


@SETTINGS
@given(hostile_reports())
@example(_hostile_report(TABLE_PLAN, MARKUP, "1"))
@example(_hostile_report(TABLE_PLAN, "*", "1"))
@example(_hostile_report(TABLE_PLAN, "- ", "1. "))
@example(_hostile_report(TABLE_PLAN, "===", "+"))
def test_markdown_reports_render_plan_text_as_text(report: PlanReport) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(render_markdown(report))
    elements = _parsed(rendered)
    allowed = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "strong", "table", "thead", "tbody", "tr", "th", "td"}
    assert set(elements.tags) <= allowed | {"blockquote", "ul", "li"}
    assert {name for name, _ in elements.attributes} <= {"style"}
    plan = report.plan
    municipality = one_line(plan.municipality)
    # A blank municipality prints no empty brackets.
    bracketed = f"（{municipality.strip(' ')}）" if municipality.strip() else ""
    assert elements.text["h1"][0] == f"{one_line(plan.title).strip(' ')}{bracketed}"
    assert all(cells == 5 for cells in elements.rows), elements.rows
    cells = {cell.strip(" ") for cell in elements.text.get("td", [])}
    measures = [node for node in report.nodes if isinstance(node, MeasureReport)]
    for node in measures:
        for indicator, _years in node.indicators:
            for target in indicator.targets:
                if target.value is None and target.text:
                    assert one_line(target.text).strip(" ") in cells


# --- html ------------------------------------------------------------------------------------------

#: The attributes kyodo's own markup has; plan text must add none.
HTML_ATTRIBUTES = {"lang", "charset", "name", "content", "class", "style", "border", "cellpadding", "align"}


def _check_html(text: str, shown: list[str]) -> _Elements:
    elements = _parsed(text)
    assert "script" not in elements.tags
    assert "img" not in elements.tags
    assert "!--" not in elements.tags
    assert {name for name, _ in elements.attributes} <= HTML_ATTRIBUTES
    assert all(value is None or "alert" not in value for _, value in elements.attributes)
    assert HTML_CONTROLS.findall(text) == []
    whole = "".join(elements.text.get("html", elements.text.get("div", [""])))
    for field in shown:
        assert visible(field) in whole
    return elements


@SETTINGS
@given(hostile_reports(), st.sampled_from(["ja", "en"]))
@example(_hostile_report(TABLE_PLAN, "<img src=x onerror=alert(1)>", "1"), "ja")
def test_html_reports_show_plan_text_as_text(report: PlanReport, locale: Any) -> None:
    page = render_html(report, locale=locale)
    elements = _check_html(page, _titles(report))
    assert elements.text["title"] == [visible(report.plan.title)]


@SETTINGS
@given(hostile_reports())
def test_notebook_views_show_plan_text_as_text(report: PlanReport) -> None:
    plan = report.plan
    _check_html(plan._repr_html_(), [plan.title, plan.municipality])
    for node in report.nodes:
        if not isinstance(node, MeasureReport):
            continue
        measure = node.measure
        _check_html(f"<div>{measure._repr_html_()}</div>", [measure.title, *measure.departments])
        for indicator in measure.indicators:
            _check_html(indicator._repr_html_(), [indicator.name, indicator.unit])
        assert report.scheme is not None
        grade = grade_measure(measure, report.fy, report.scheme)
        _check_html(f"<div>{grade._repr_html_()}</div>", [])
        _check_html(f"<div>{grade.computed._repr_html_()}</div>", [])


# --- json ------------------------------------------------------------------------------------------


@SETTINGS
@given(hostile_reports())
@example(build_report(attrs.evolve(load(EXAMPLES / "niigata.toml"), title="\x9b\x7f\u202e\u2028\x1b")))
def test_json_reports_carry_plan_text_exactly(report: PlanReport) -> None:
    text = render_json(report)
    assert CONTROLS.findall(text) == []
    assert "\u2028" not in text
    data = json.loads(text)
    measures = [node.measure for node in report.nodes if isinstance(node, MeasureReport)]
    assert [data["plan"], data["municipality"], *(m["title"] for m in data["measures"])] == _titles(report)
    assert [[i["name"] for i in m["indicators"]] for m in data["measures"]] == [
        [indicator.name for indicator in measure.indicators] for measure in measures
    ]
    assert data["scheme"] == (report.scheme.name if report.scheme else None)


def test_the_control_characters_checked_are_all_of_unicode_s() -> None:
    # The tests above trust CONTROLS; it must hold every Cc character but newline, and the bidi controls.
    controls = {chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Cc"} - {"\n"}
    assert all(CONTROLS.fullmatch(char) for char in controls | BIDI_CONTROLS)
