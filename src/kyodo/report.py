"""Plan reports: a plan's tree graded and explained, as text, Markdown, JSON or a self-contained HTML page.

:func:`build_report` gathers, for one fiscal year, every measure's
indicators (target, actual, achievement per year), its computed grade beside
the recorded one (and why they differ), its completion verdict, and its
budget, with the distribution of grades per section and for the plan.
The renderers write it for people (:func:`render_text`, which fits an
80-column terminal counting full-width characters as two columns;
:func:`render_markdown`; :func:`render_html`) and for programs
(:func:`render_json`).

Plan text is shown as text in every format, whatever it holds. The text
report and the Markdown show each control character (an escape sequence, a
bidi override) as its escape, ``\\x1b`` or ``\\u202e``, and a line break
inside a field as a space, so that no field can act on a terminal or break a
line of the layout or a table row. The Markdown also escapes the characters
Markdown and HTML would read as markup (``<``, ``&``, ``*``, ``|``, …); the
HTML escapes every field; the JSON carries every field exactly, with C1
controls, bidi controls and line separators written as ``\\u`` escapes.

>>> import kyodo
>>> plan = kyodo.load("examples/plans/niigata.toml")
>>> scheme = kyodo.load("examples/schemes/niigata-sheet-reading.toml", kind=kyodo.GradingScheme)
>>> report = build_report(plan, scheme=scheme)
>>> report.fy, report.distribution
(FiscalYear(2018), (('C', 1),))
>>> print(render_text(report).splitlines()[0])
新潟市行政改革プラン2015（新潟市） 平成27年度～平成30年度
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from fractions import Fraction
from typing import Any, Final

import attrs
from attrs import frozen

from kyodo._html import escape as _escape_html
from kyodo._text import BIDI_CONTROLS, one_line, pad, visible, width, wrap
from kyodo.completion import Assessment, Facts, evaluate
from kyodo.errors import OutOfRangeError
from kyodo.evaluations import EvaluationKind
from kyodo.explain import Locale
from kyodo.fiscal import FiscalHalf, FiscalYear, FiscalYearRange
from kyodo.grading import GradingScheme, MeasureGrade, _check_argument, grade_measure
from kyodo.indicators import (
    Baseline,
    Indicator,
    NoFigure,
    NoFigureReason,
    Observation,
    baseline_text,
    format_figure,
    format_percent,
)
from kyodo.plan import UNDECIDED, BudgetLine, Measure, Plan, Provenance, Relisting, Section, Source, _code_key

__all__ = [
    "IndicatorYear",
    "MeasureReport",
    "PlanReport",
    "SectionReport",
    "build_report",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
]


@frozen
class IndicatorYear:
    """One fiscal year of an indicator: target, actual and achievement, and the indicator's own computed grade."""

    fy: FiscalYear
    target: str
    actual: str
    estimate: bool
    achievement: Fraction | None
    grade: str | None = None
    #: the actual is a 速報値
    preliminary: bool = False
    #: the decimals of the rate as the sheet prints it (96% or 96.0%); 1 where it prints none
    digits: int = 1
    #: the indicator counts calendar years (暦年)
    calendar: bool = False
    #: the day the actual was observed, where the sheet says
    on: date | None = None
    #: the sheet's word for which of the year's figures the actual is (速報値, 確定値)
    stage: str | None = None
    #: the word or mark the sheet prints instead of a figure (集計中, なし), in ``actual`` too
    no_figure: NoFigure | None = None
    #: the year's other printed figures (a 速報値 beside its 確定値), each as printed with its marks
    others: tuple[Observation, ...] = ()


@frozen
class MeasureReport:
    """A measure as the report shows it."""

    code: str
    measure: Measure
    indicators: tuple[tuple[Indicator, tuple[IndicatorYear, ...]], ...]
    grade: MeasureGrade | None
    history: tuple[tuple[FiscalYear, str | None, str | None], ...]
    completion: Assessment | None
    budget: tuple[BudgetLine, ...]
    #: mid-term and plan-period evaluations: the kind, the year graded (None: unknown), computed and recorded
    others: tuple[tuple[EvaluationKind, FiscalYear | None, str | None, str], ...] = ()
    #: the figures are a section's own (its indicators and grades), not a measure's
    of_section: bool = False
    #: the level of the measure (or section) in the plan's tree, 0 at the top
    depth: int = 0
    #: the year the measure is reported for where its latest figures are older than the report's year
    year: FiscalYear | None = None


@frozen
class SectionReport:
    """A section's place in the tree and the grades its measures got."""

    code: str
    section: Section
    depth: int
    distribution: tuple[tuple[str, int], ...]
    #: the section's own indicators and evaluations, reported as a measure's are (None without any)
    own: MeasureReport | None = None


@frozen
class PlanReport:
    """Everything a plan report shows, for one fiscal year, in document order."""

    plan: Plan
    fy: FiscalYear
    scheme: GradingScheme | None
    nodes: tuple[SectionReport | MeasureReport | tuple[str, Relisting], ...]
    distribution: tuple[tuple[str, int], ...]
    # The plan's provenance by node, keyed as codes compare: gathered once, not scanned again for every node.
    _provenance: Mapping[str, list[Provenance]] = attrs.field(init=False, repr=False, eq=False)

    @_provenance.default
    def _provenance_by_node(self) -> Mapping[str, list[Provenance]]:
        grouped: dict[str, list[Provenance]] = {}
        for entry in self.plan.provenance:
            grouped.setdefault(_code_key(entry.node), []).append(entry)
        return grouped


def _years(plan: Plan) -> list[FiscalYear]:
    years = set(plan.period)
    for _code, _node, indicator in plan.indicators():
        years.update(entry.fy for entry in indicator.targets)
        years.update(entry.fy for entry in indicator.actuals)
        years.update(entry.fy for entry in indicator.no_figures)
    return sorted(years, key=lambda fy: fy.year)


def _default_year(plan: Plan) -> FiscalYear:
    known = [
        actual.fy
        for _code, _node, indicator in plan.indicators()
        for actual in indicator.actuals
        if actual.fy in plan.period
    ]
    return max(known, key=lambda fy: fy.year) if known else plan.period.last


def _measure_year(measure: Measure, fy: FiscalYear) -> FiscalYear:
    """The year to report a measure for: ``fy``, or where the measure has no actual or evaluation that
    year, the latest year before it that has one (a sheet printed a year late)."""
    years = {actual.fy for indicator in measure.indicators for actual in indicator.actuals}
    years |= {evaluation.fy for evaluation in measure.evaluations if evaluation.kind == "annual" and evaluation.fy}
    if not years or fy in years:
        return fy
    earlier = [year for year in years if year.year < fy.year]
    return max(earlier, key=lambda year: year.year) if earlier else fy


def _distribution(labels: Iterable[str | None]) -> tuple[tuple[str, int], ...]:
    counts = Counter(label if label is not None else "－" for label in labels)
    if set(counts) <= {"－"}:
        return ()
    return tuple(sorted(counts.items()))


def _labels_inside(plan: Plan, grades: Mapping[str, str | None]) -> dict[str, list[str | None]]:
    """The labels of the measures inside each section, by the tree, not by the codes.

    A number may itself hold "-" (新庄市's 424-101-56), so a section's code and a hyphen starting a
    measure's code does not make the measure its own: 1-2-x is in a section numbered 1-2, not in 1.
    """
    inside: dict[str, list[str | None]] = {}
    ancestors: list[str] = []
    for code, node, depth in plan.tree():
        del ancestors[depth:]
        if isinstance(node, Section):
            ancestors.append(code)
        elif code in grades:
            for section in ancestors:
                inside.setdefault(section, []).append(grades[code])
    return inside


def build_report(plan: Plan, fy: FiscalYear | None = None, scheme: GradingScheme | None = None) -> PlanReport:
    """The report of ``plan`` for ``fy`` (by default the latest year with actuals in the plan's period).

    >>> build_report("examples/plans/niigata.toml")
    Traceback (most recent call last):
    kyodo.errors.ValidationError: plan: expected a Plan (kyodo.load(path)), not str 'examples/plans/niigata.toml'
    """
    _check_argument("plan", plan, Plan, "kyodo.load(path)")
    if fy is not None:
        _check_argument("fy", fy, FiscalYear, "FiscalYear(2016) or FiscalYear.parse('H28'), say")
    if scheme is not None:
        _check_argument("scheme", scheme, GradingScheme, "kyodo.preset(name) or kyodo.load(path, kind=GradingScheme)")
    year = fy or _default_year(plan)
    years = _years(plan)
    measures: dict[str, MeasureReport] = {}
    depths = {code: depth for code, _node, depth in plan.tree()}
    for code, node in plan.walk():
        if isinstance(node, Measure):
            shown = _measure_year(node, year)
            measured = _measure_report(code, node, shown, years, scheme, plan.period.last)
            measures[code] = attrs.evolve(measured, depth=depths[code], year=None if shown == year else shown)
    grades = {code: report.grade.computed.label if report.grade else None for code, report in measures.items()}
    inside = _labels_inside(plan, grades)
    result: list[SectionReport | MeasureReport | tuple[str, Relisting]] = []
    for code, node in plan.walk():
        if isinstance(node, Section):
            own = None
            if node.indicators or node.evaluations:
                figures = node.as_measure()
                shown = _measure_year(figures, year)
                own = _measure_report(code, figures, shown, years, scheme, plan.period.last)
                own = attrs.evolve(own, of_section=True, depth=depths[code], year=None if shown == year else shown)
            counts = _distribution(inside.get(code, ())) if scheme else ()
            result.append(SectionReport(code, node, depths[code], counts, own))
        elif isinstance(node, Measure):
            result.append(measures[code])
        else:
            result.append((code, node))
    distribution = _distribution(grades.values()) if scheme else ()
    return PlanReport(plan, year, scheme, tuple(result), distribution)


def _measure_report(
    code: str,
    measure: Measure,
    fy: FiscalYear,
    years: list[FiscalYear],
    scheme: GradingScheme | None,
    last: FiscalYear,
) -> MeasureReport:
    indicators = []
    for indicator in measure.indicators:
        rows = []
        several = len({actual.fy for actual in indicator.actuals}) < len(indicator.actuals)
        for year in years:
            target, actual = indicator.target(year), indicator.actual(year)
            word = None if actual is not None else indicator.no_figure(year)
            if target is None and actual is None and word is None:
                continue
            printed = word if word is not None else actual
            besides = tuple(other for other in indicator.figures(year) if other is not actual) if several else ()
            rows.append(
                IndicatorYear(
                    year,
                    "" if target is None else target.format(grouping=True),
                    word.text if word is not None else "" if actual is None else format_figure(actual.value),
                    bool(printed and printed.estimate),
                    indicator.achievement_if_defined(year)
                    if indicator.target_toward(year, indicator.rates_toward) is not None
                    else None,
                    # The indicator's own grade: a measure's combined grade is shown once, for the measure.
                    scheme.grade_indicator(indicator, year).label if scheme else None,
                    bool(printed and printed.preliminary),
                    1 if actual is None or actual.printed_digits is None else actual.printed_digits,
                    indicator.calendar_year,
                    None if printed is None else printed.on,
                    None if printed is None else printed.stage,
                    word,
                    besides,
                )
            )
        indicators.append((indicator, tuple(rows)))
    grade = grade_measure(measure, fy, scheme) if scheme else None
    history = []
    for year in years:
        evaluation = measure.evaluation(year)
        computed = grade_measure(measure, year, scheme).computed.label if scheme else None
        if evaluation is not None or computed is not None:
            history.append((year, computed, evaluation.grade if evaluation else None))
    others = []
    for evaluation in measure.evaluations:
        if evaluation.kind is EvaluationKind.ANNUAL or not evaluation.grade:
            continue
        # A plan-period evaluation grades the plan's last year unless it names one; a mid-term one must name it.
        graded = evaluation.fy or (last if evaluation.kind is EvaluationKind.PLAN_PERIOD else None)
        computed = grade_measure(measure, graded, scheme).computed.label if scheme and graded else None
        others.append((evaluation.kind, graded, computed, evaluation.grade))
    completion = evaluate(measure.criterion, Facts.of(measure), fy) if measure.criterion is not None else None
    return MeasureReport(
        code, measure, tuple(indicators), grade, tuple(history), completion, measure.budget, tuple(others)
    )


def _single(node: MeasureReport) -> bool:
    """True when the measure has one indicator, whose rows can carry the measure's grades."""
    return len(node.measure.indicators) == 1


def _measure_history(node: MeasureReport) -> list[tuple[FiscalYear, str | None, str | None]]:
    """The measure's grades (computed, recorded) that no indicator row shows: every year where several
    indicators make one grade, and years without figures (where a recorded grade would otherwise vanish)."""
    shown = {row.fy for _indicator, rows in node.indicators for row in rows} if _single(node) else set()
    return [entry for entry in node.history if entry[0] not in shown]


def _other_grade(
    kind: EvaluationKind,
    fy: FiscalYear | None,
    computed: str | None,
    recorded: str,
    scheme: bool,
    locale: Locale,
    shown: Callable[[str], str] = one_line,
) -> str:
    labels = _LABELS[locale]
    name = kind.label if locale == "ja" else kind.label_en
    when = f" {_fy(fy, locale)}" if fy is not None else ""
    if not scheme:
        return f"{name}{when}: {shown(recorded)}"
    return f"{name}{when} {labels['grade']}: {shown(computed or '－')} / {shown(recorded)}"


def _latest_text(fy: FiscalYear, locale: Locale) -> str:
    """Why a measure is shown for an older year: its latest figures are from then."""
    return f"{_LABELS[locale]['latest']}: {_fy(fy, locale)}"


def _provenance_lines(
    node: MeasureReport, report: PlanReport, locale: Locale, shown: Callable[[str], str] = one_line
) -> list[str]:
    """What the plan file says it inferred or corrected in this node: ※推定 targets.平成31年度 (指標): why."""
    lines = []
    for entry in report._provenance.get(_code_key(node.code), ()):
        # A figure as printed, or read from a sheet's cell, needs no mark; the JSON report lists every entry.
        if entry.source in (Source.PRINTED, Source.SHEET):
            continue
        label = entry.source.label if locale == "ja" else entry.source.label_en
        where = entry.field + (f" ({entry.indicator})" if entry.indicator else "")
        note = f": {entry.note}" if entry.note else ""
        lines.append(f"※{shown(label)} {shown(where)}{shown(note)}")
    return lines


def _axes_text(
    node: MeasureReport, fy: FiscalYear, locale: Locale, shown: Callable[[str], str] = one_line
) -> str | None:
    """The grades the year's evaluation records on named axes (産出指標 A・市民満足 C), or None."""
    evaluation = node.measure.evaluation(fy)
    if evaluation is None or not evaluation.axes:
        return None
    grades = ("・" if locale == "ja" else ", ").join(f"{shown(axis)} {shown(grade)}" for axis, grade in evaluation.axes)
    return f"{_LABELS[locale]['axes']} {_fy(fy, locale)}: {grades}"


def _history_text(node: MeasureReport, locale: Locale, shown: Callable[[str], str] = one_line) -> str | None:
    entries = _measure_history(node)
    if not entries:
        return None
    items = ", ".join(
        f"{_fy(fy, locale)} {shown(computed or '－')} / {shown(recorded or '－')}" for fy, computed, recorded in entries
    )
    return f"{_LABELS[locale]['section' if node.of_section else 'measure']}: {items}"


# --- text ------------------------------------------------------------------------------------

_LABELS: Final = {
    "ja": {
        "fy": "評価年度",
        "scheme": "評価基準",
        "none": "（評価基準なし: 記録された評価のみ）",
        "departments": "担当",
        "indicator": "指標",
        "baseline": "基準値",
        "rule": "目標の定め方",
        "year": "年度",
        "target": "目標",
        "actual": "実績",
        "rate": "達成率",
        "grade": "評価(算定/記録)",
        "measure": "取組の評価(算定/記録)",
        "section": "施策の評価(算定/記録)",
        "computed": "評価",
        "recorded": "記録",
        "completion": "完了の目安",
        "verdict": "判定",
        "budget": "予算",
        "settled": "決算",
        "total": "計画全体の評価",
        "estimate": "見込み",
        "preliminary": "速報値",
        "as_of": "{}現在",
        "progress": "進捗管理",
        "schedule": "年次計画",
        "axes": "軸別の評価(記録)",
        "latest": "最新の実績・評価の年度",
        "tentative": "予定",
        "others": "ほかの実績",
        "undated": "年度のない目標",
        "inferred_year": "計画期間から推定",
    },
    "en": {
        "fy": "Fiscal year",
        "scheme": "Scheme",
        "none": "(no grading scheme: recorded grades only)",
        "departments": "Departments",
        "indicator": "Indicator",
        "baseline": "Baseline",
        "rule": "Targets set by",
        "year": "Year",
        "target": "Target",
        "actual": "Actual",
        "rate": "Rate",
        "grade": "Grade (calc/rec)",
        "measure": "Measure grade (calc/rec)",
        "section": "Section grade (calc/rec)",
        "computed": "Grade",
        "recorded": "recorded",
        "completion": "Completion",
        "verdict": "Verdict",
        "budget": "Budget",
        "settled": "settled",
        "total": "Grades for the plan",
        "estimate": "estimate",
        "preliminary": "preliminary",
        "as_of": "as of {}",
        "progress": "Progress check",
        "schedule": "Schedule",
        "axes": "Grades by axis (recorded)",
        "latest": "Latest figures and grades from",
        "tentative": "tentative",
        "others": "other figures",
        "undated": "Target without a year",
        "inferred_year": "inferred from the plan's period",
    },
}


def _period(value: FiscalYear | FiscalYearRange | FiscalHalf, locale: Locale) -> str:
    """A fiscal year, range or half as the report prints it: 平成27年度 in Japanese, FY2015 in English.

    A year before 明治 has no era; it is printed in the western style (1500年度), so that every
    plan kyodo accepts can be reported.
    """
    if locale != "ja":
        return value.format("fy")
    try:
        return value.format()
    except OutOfRangeError:
        return value.format("western")


def _fy(fy: FiscalYear, locale: Locale) -> str:
    return _period(fy, locale)


def _row_year(row: IndicatorYear, locale: Locale) -> str:
    """A row's year: the fiscal year, or for a calendar-year (暦年) indicator the year itself, 2019年."""
    if row.calendar:
        return f"{row.fy.year}年" if locale == "ja" else str(row.fy.year)
    return _fy(row.fy, locale)


def _mark(row: IndicatorYear | Observation, labels: Mapping[str, str], form: str) -> str:
    """The marks of an actual as the sheet prints them: its stage (確定値), （見込み） or （速報値）, the day
    observed, and for a word printed instead of a figure the reason where the word does not say it."""
    marks = [] if row.stage is None else [one_line(row.stage)]
    if row.estimate:
        marks.append(labels["estimate"])
    elif row.preliminary:
        marks.append(labels["preliminary"])
    if row.on is not None:
        marks.append(labels["as_of"].format(row.on.isoformat()))
    word = row.no_figure if isinstance(row, IndicatorYear) else None
    if word is not None and word.reason not in (None, NoFigureReason.WORDS) and word.reason.label != word.text.strip():
        marks.append(word.reason.label if labels is _LABELS["ja"] else word.reason.label_en)
    return "".join(form.format(mark) for mark in marks)


def _others(row: IndicatorYear, labels: Mapping[str, str], form: str, separator: str) -> str:
    """The year's other printed figures, each with its marks: 65,016(2003-09-30現在)."""
    return separator.join(format_figure(other.value) + _mark(other, labels, form) for other in row.others)


def _indicator_label(indicator: Indicator, locale: Locale) -> str:
    """What heads an indicator's rows: its category as the sheet prints it (成果指標), or 指標."""
    category = indicator.category
    if category is None:
        return _LABELS[locale]["indicator"]
    return category.label if locale == "ja" else f"{category.label_en.capitalize()} indicator"


def _indicator_lines(indicator: Indicator, locale: Locale, period: FiscalYearRange) -> list[str]:
    """What a report prints under an indicator's name: its baseline and target rules, then its series."""
    lines = [] if (baseline := _baseline(indicator, locale)) is None else [baseline]
    separator = "、" if locale == "ja" else ", "
    for series in indicator.series:
        rank = f"/{series.out_of}" if series.out_of is not None else ""
        values = separator.join(
            f"{_fy(observation.fy, locale)} {format_figure(observation.value)}{series.unit}{rank}"
            for observation in series.values
        )
        lines.append(f"{series.name}: {values}" if values else series.name)
    labels = _LABELS[locale]
    for target in indicator.undated_targets:
        # kyodo invents no year: one the plan's period settles (最終目標, 5ヵ年目標) is shown as inferred.
        year = target.year_in(period)
        inferred = "" if year is None else _paren(f"{_fy(year, locale)}: {labels['inferred_year']}")
        lines.append(f"{labels['undated']}: {target.when} {target.format(grouping=True)}{inferred}")
    return lines


def _baseline(indicator: Indicator, locale: Locale) -> str | None:
    """The indicator's baseline as its sheet prints it (58.8（策定時）), and the rules that set its targets."""
    rules = [f"{_LABELS[locale]['rule']}: {rule.label}" for rule in indicator.target_rules]
    shown = _baseline_only(indicator, locale)
    lines = ([] if shown is None else [shown]) + rules
    return "　".join(lines) if lines else None


def _baseline_only(indicator: Indicator, locale: Locale) -> str | None:
    baseline = indicator.baseline
    if baseline is None:
        return None
    return f"{_LABELS[locale]['baseline']}: {baseline_text(baseline, locale)}"


def _paren(text: str) -> str:
    """（text）, or nothing for a blank: a blank unit or municipality prints no empty brackets."""
    return f"（{text}）" if text.strip() else ""


def _grades(distribution: tuple[tuple[str, int], ...], shown: Callable[[str], str] = one_line) -> str:
    return " ".join(f"{shown(label)}:{count}" for label, count in distribution)


def render_text(report: PlanReport, *, columns: int = 80, locale: Locale = "ja") -> str:
    """The report as plain text that fits ``columns`` terminal columns."""
    labels = _LABELS[locale]
    plan = report.plan
    period = _period(plan.period, locale)
    lines = wrap(f"{one_line(plan.title)}{_paren(one_line(plan.municipality))}", columns, "  ", "")
    # The period is one unit: it follows the title where it fits, and starts a line of its own where not.
    if width(lines[-1]) + 1 + width(period) <= columns:
        lines[-1] += f" {period}"
    else:
        lines.append(f"  {period}")
    scheme = one_line(report.scheme.name) if report.scheme else labels["none"]
    lines.append(f"{labels['fy']}: {_fy(report.fy, locale)}   {labels['scheme']}: {scheme}")
    depths = {code: depth for code, _node, depth in plan.tree()}
    lines.append("=" * columns)
    for node in report.nodes:
        if isinstance(node, SectionReport):
            indent = "  " * node.depth
            tail = f" [{_grades(node.distribution)}]" if node.distribution else ""
            heading = f"{one_line(node.section.number)} {one_line(node.section.title)}{tail}"
            lines.extend(wrap(heading, columns, indent + "  ", indent))
            if node.own is not None:
                lines.extend(_measure_text(node.own, report, columns, locale, heading=False))
        elif isinstance(node, MeasureReport):
            lines.extend(_measure_text(node, report, columns, locale))
        else:
            code, relisting = node
            depth = depths[code]
            lines.extend(
                wrap(f"{one_line(relisting.number)} （再掲 {one_line(relisting.code)}）", columns, "  " * depth)
            )
    if report.distribution:
        lines.append("=" * columns)
        lines.append(f"{labels['total']} {_fy(report.fy, locale)}: {_grades(report.distribution)}")
    # Every field above is already on one line with its controls shown; this catches any a change might miss.
    return "\n".join(one_line(line) for line in lines) + "\n"


def _measure_text(
    node: MeasureReport, report: PlanReport, columns: int, locale: Locale, *, heading: bool = True
) -> Iterator[str]:
    labels = _LABELS[locale]
    measure = node.measure
    indent = "  " * node.depth
    body = indent + "  "
    if heading:
        yield from wrap(f"{one_line(measure.number)} {one_line(measure.title)}", columns, body, indent)
    if node.year is not None:
        yield from wrap(_latest_text(node.year, locale), columns, body + "  ", body)
    if measure.departments:
        names = " ".join(one_line(name) + ("●" if name == measure.lead else "") for name in measure.departments)
        yield from wrap(f"{labels['departments']}: {names}", columns, body + "  ", body)
    for indicator, rows in node.indicators:
        yield from wrap(
            f"{_indicator_label(indicator, locale)}: {one_line(indicator.name)}{_paren(one_line(indicator.unit))}",
            columns,
            body + "  ",
            body,
        )
        for line in _indicator_lines(indicator, locale, report.plan.period):
            yield from wrap(one_line(line), columns, body + "    ", body + "  ")
        history = {fy: (computed, recorded) for fy, computed, recorded in node.history}
        header = (
            pad(labels["year"], 12)
            + pad(labels["target"], 14, right=True)
            + pad(labels["actual"], 14, right=True)
            + pad(labels["rate"], 9, right=True)
            + "  "
            + labels["grade" if _single(node) else "computed"]
        )
        yield body + "  " + header
        for row in rows:
            if _single(node):
                computed, recorded = history.get(row.fy, (None, None))
                grade = f"{one_line(computed or '－')} / {one_line(recorded or '－')}" if (computed or recorded) else ""
            else:
                grade = one_line(row.grade or "")
            actual = row.actual + _mark(row, labels, "({})")
            rate = format_percent(row.achievement, row.digits) if row.achievement is not None else ""
            target = one_line(row.target)
            target = target if width(target) <= 14 else target[:6] + "…"
            yield (
                body
                + "  "
                + (
                    pad(_row_year(row, locale), 12)
                    + pad(target, 14, right=True)
                    + pad(actual, 14, right=True)
                    + pad(rate, 9, right=True)
                    + "  "
                    + grade
                ).rstrip()
            )
            if row.others:
                figures = _others(row, labels, "({})", "、" if locale == "ja" else ", ")
                yield from wrap(f"{labels['others']}: {figures}", columns, body + "      ", body + "    ")
    history_line = _history_text(node, locale)
    if history_line is not None:
        yield from wrap(history_line, columns, body + "  ", body)
    axes_line = _axes_text(node, node.year or report.fy, locale)
    if axes_line is not None:
        yield from wrap(axes_line, columns, body + "  ", body)
    for line in _provenance_lines(node, report, locale):
        yield from wrap(line, columns, body + "  ", body)
    entry = measure.schedule_cell(report.fy)
    if entry is not None:
        stage = (
            entry.stage.label
            if entry.stage is not None
            else one_line(entry.text or (UNDECIDED if entry.unknown else ""))
        )
        marks = (["→"] if entry.carried else []) + ([labels["tentative"]] if entry.tentative else [])
        carried = "".join(f"（{mark}）" if locale == "ja" else f" ({mark})" for mark in marks)
        yield from wrap(f"{labels['schedule']} {_fy(report.fy, locale)}: {stage}{carried}", columns, body + "  ", body)
    if node.grade is not None and (node.grade.computed.label is not None or measure.indicators):
        for line in node.grade.explanation.lines(locale):
            yield from wrap(one_line(line), columns, body + "  ", body)
    else:
        shown = node.year or report.fy
        evaluation = measure.evaluation(shown)
        if evaluation is not None and evaluation.grade:
            yield f"{body}{labels['recorded']} {_fy(shown, locale)}: {one_line(evaluation.grade)}"
    for check in measure.progress_checks:
        if check.fy == report.fy:
            status = check.status.label if locale == "ja" else check.status.label_en
            yield from wrap(
                f"{labels['progress']} {_period(check.period, locale)}: {status}",
                columns,
                body + "  ",
                body,
            )
    for kind, graded, computed, recorded in node.others:
        yield from wrap(
            _other_grade(kind, graded, computed, recorded, report.scheme is not None, locale),
            columns,
            body + "  ",
            body,
        )
    if measure.completion or node.completion:
        if measure.completion:
            yield from wrap(f"{labels['completion']}: {one_line(measure.completion)}", columns, body + "  ", body)
        if node.completion is not None:
            for number, line in enumerate(node.completion.explanation.lines(locale)):
                prefix = f"{labels['verdict']}: " if number == 0 else "  "
                yield from wrap(prefix + one_line(line), columns, body + "    ", body + "  ")
    for budget_line in node.budget:
        parts = []
        if budget_line.budget is not None:
            parts.append(f"{labels['budget']} {budget_line.budget:,}円")
        if budget_line.settled is not None:
            parts.append(f"{labels['settled']} {budget_line.settled:,}円")
        yield from wrap(f"{_fy(budget_line.fy, locale)}: {' / '.join(parts)}", columns, body + "  ", body)


# --- markdown, json, html ------------------------------------------------------------------------

# Backslash escapes for what Markdown reads as markup anywhere in a line (CommonMark lets any ASCII
# punctuation be escaped; these are the ones that act mid-line, with | for table cells and $ for the math
# some renderers add); character references for what HTML reads.
_MARKDOWN: Final = str.maketrans(
    {**{char: "\\" + char for char in "\\`*_~[]|#$"}, "&": "&amp;", "<": "&lt;", ">": "&gt;"}
)
# A field can open the content of a list item or a quoted line ("- 1. 1（再掲 …）"), where a leading -, +, =
# or "1." would start a list, a rule or a heading of its own.
_BLOCK_START: Final = re.compile(r"^(?:[-+=]|[0-9]{1,9}[.)])")


def _md(text: str) -> str:
    """Plan text for Markdown: on one line, controls shown as escapes, markup escaped, so it reads as written."""
    escaped = one_line(text).strip(" ").translate(_MARKDOWN)
    return _BLOCK_START.sub(lambda match: match[0][:-1] + "\\" + match[0][-1], escaped)


def _md_cell(text: str) -> str:
    """Plan text for a Markdown table cell: escaped as :func:`_md`, but a cell starts no block, so 50.2 stays 50.2."""
    return one_line(text).strip(" ").translate(_MARKDOWN)


def _measure_markdown(node: MeasureReport, report: PlanReport, locale: Locale, *, heading: bool = True) -> list[str]:
    labels = _LABELS[locale]
    out = [f"**{_md(node.code)} {_md(node.measure.title)}**", ""] if heading else []
    if node.year is not None:
        out += [_md(_latest_text(node.year, locale)), ""]
    history = {fy: (computed, recorded) for fy, computed, recorded in node.history}
    for indicator, rows in node.indicators:
        out += [f"{_indicator_label(indicator, locale)}: {_md(indicator.name)}{_paren(_md(indicator.unit))}", ""]
        for line in _indicator_lines(indicator, locale, report.plan.period):
            out += [_md(line), ""]
        column = labels["grade" if _single(node) else "computed"]
        out += [f"| {labels['year']} | {labels['target']} | {labels['actual']} | {labels['rate']} | {column} |"]
        out += ["|---|---:|---:|---:|---|"]
        for row in rows:
            computed, recorded = history.get(row.fy, (None, None)) if _single(node) else (row.grade, None)
            rate = format_percent(row.achievement, row.digits) if row.achievement is not None else ""
            grade = f"{_md_cell(computed or '－')} / {_md_cell(recorded or '－')}" if (computed or recorded) else ""
            if not _single(node):
                grade = _md_cell(row.grade or "")
            marks = _mark(row, labels, " ({})")
            estimate = f" {_md_cell(marks)}" if marks else ""  # the cell's escaping trims, so the space goes back
            if row.others:
                estimate += f"; {labels['others']}: {_md_cell(_others(row, labels, ' ({})', ', '))}"
            cells = (_row_year(row, locale), _md_cell(row.target), _md_cell(row.actual) + estimate, rate, grade)
            out += ["| " + " | ".join(cells) + " |"]
        out += [""]
    history_line = _history_text(node, locale, _md)
    if history_line is not None:
        out += [history_line, ""]
    axes_line = _axes_text(node, node.year or report.fy, locale, _md)
    if axes_line is not None:
        out += [axes_line, ""]
    provenance = _provenance_lines(node, report, locale, _md)
    out += [*(f"- {line}" for line in provenance), ""] if provenance else []
    if node.grade is not None:
        out += ["> " + _md(line) for line in node.grade.explanation.lines(locale)] + [""]
    for kind, graded, computed, recorded in node.others:
        out += ["- " + _other_grade(kind, graded, computed, recorded, report.scheme is not None, locale, _md)]
    if node.others:
        out += [""]
    if node.completion is not None:
        out += [f"- {_md(line.strip())}" for line in node.completion.explanation.lines(locale)] + [""]
    return out


def render_markdown(report: PlanReport, *, locale: Locale = "ja") -> str:
    """The report as Markdown: headings for sections, a table per indicator."""
    labels = _LABELS[locale]
    plan = report.plan
    out = [f"# {_md(plan.title)}{_paren(_md(plan.municipality))}", ""]
    scheme = _md(report.scheme.name) if report.scheme else labels["none"]
    out += [f"{labels['fy']}: **{_fy(report.fy, locale)}** · {labels['scheme']}: {scheme}", ""]
    for node in report.nodes:
        if isinstance(node, SectionReport):
            tail = f" — {_grades(node.distribution, _md)}" if node.distribution else ""
            out += [f"{'#' * min(node.depth + 2, 6)} {_md(node.section.number)} {_md(node.section.title)}{tail}", ""]
            if node.own is not None:
                out += _measure_markdown(node.own, report, locale, heading=False)
        elif isinstance(node, MeasureReport):
            out += _measure_markdown(node, report, locale)
        else:
            code, relisting = node
            out += [f"- {_md(code)}（再掲 {_md(relisting.code)}）", ""]
    if report.distribution:
        out += [f"**{labels['total']} {_fy(report.fy, locale)}**: {_grades(report.distribution, _md)}", ""]
    # Every field above is already escaped; this catches a control character any change might let through.
    return "\n".join(visible(line) for line in out)


def _measure_data(node: MeasureReport) -> dict[str, Any]:
    return {
        "code": node.code,
        "title": node.measure.title,
        "indicators": [
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": None if indicator.baseline is None else _baseline_data(indicator.baseline),
                "target_rules": [rule.label for rule in indicator.target_rules],
                "series": [
                    {
                        "name": series.name,
                        "unit": series.unit,
                        "out_of": series.out_of,
                        "values": {str(observation.fy): str(observation.value) for observation in series.values},
                    }
                    for series in indicator.series
                ],
                "years": [
                    {
                        "fy": str(row.fy),
                        "target": row.target,
                        "actual": row.actual,
                        "estimate": row.estimate,
                        "preliminary": row.preliminary,
                        "on": None if row.on is None else row.on.isoformat(),
                        "stage": row.stage,
                        "no_figure": None
                        if row.no_figure is None
                        else {
                            "text": row.no_figure.text,
                            "reason": None if row.no_figure.reason is None else row.no_figure.reason.value,
                        },
                        "others": [
                            {
                                "actual": format_figure(other.value),
                                "estimate": other.estimate,
                                "preliminary": other.preliminary,
                                "on": None if other.on is None else other.on.isoformat(),
                                "stage": other.stage,
                            }
                            for other in row.others
                        ],
                        "achievement": None if row.achievement is None else str(row.achievement),
                        "achievement_label": None
                        if row.achievement is None
                        else format_percent(row.achievement, row.digits),
                        "grade": row.grade,
                    }
                    for row in rows
                ],
            }
            for indicator, rows in node.indicators
        ],
        "grade": None
        if node.grade is None
        else {
            "computed": node.grade.computed.label,
            "recorded": node.grade.recorded,
            "differs": node.grade.differs,
            "reason": node.grade.reason,
            "explanation": node.grade.explanation.to_data(),
        },
        "fy": None if node.year is None else str(node.year),
        "history": [
            {"fy": str(fy), "computed": computed, "recorded": recorded} for fy, computed, recorded in node.history
        ],
        "axes": [
            {"fy": str(evaluation.fy), "axes": dict(evaluation.axes)}
            for evaluation in node.measure.evaluations
            if evaluation.axes and evaluation.fy is not None
        ],
        "evaluations": [
            {
                "kind": kind.value,
                "fy": None if fy is None else str(fy),
                "computed": computed,
                "recorded": recorded,
            }
            for kind, fy, computed, recorded in node.others
        ],
        "completion": None
        if node.completion is None
        else {"verdict": node.completion.verdict.value, "explanation": node.completion.explanation.to_data()},
        "budget": [{"fy": str(line.fy), "budget": line.budget, "settled": line.settled} for line in node.budget],
    }


def report_data(report: PlanReport) -> dict[str, Any]:
    """The report as plain data (JSON-ready): exact rates as text such as "24/25", explanations as data.

    ``measures`` holds each measure's figures; ``section_figures`` those that
    sections hold themselves (a 施策's own indicators and grades), in the same form.
    """
    measures = [_measure_data(node) for node in report.nodes if isinstance(node, MeasureReport)]
    sections = [node.own for node in report.nodes if isinstance(node, SectionReport) and node.own is not None]
    return {
        "plan": report.plan.title,
        "municipality": report.plan.municipality,
        "period": str(report.plan.period),
        "fy": str(report.fy),
        "scheme": report.scheme.name if report.scheme else None,
        "distribution": dict(report.distribution),
        "sections": {node.code: dict(node.distribution) for node in report.nodes if isinstance(node, SectionReport)},
        "provenance": [
            {
                "node": entry.node,
                "indicator": entry.indicator,
                "field": entry.field,
                "source": entry.source.value,
                "cell": entry.cell,
                "note": entry.note,
            }
            for entry in report.plan.provenance
        ],
        "measures": measures,
        "section_figures": [_measure_data(own) for own in sections],
    }


# JSON escapes C0 controls itself; these it would write raw, and a terminal or a JavaScript parser would act on them.
_JSON_ESCAPES: Final = {
    code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *map(ord, BIDI_CONTROLS), 0x2028, 0x2029)
}


def _baseline_data(baseline: Observation | Baseline) -> dict[str, Any]:
    return {
        "value": None if baseline.value is None else str(baseline.value),
        "fy": None if baseline.fy is None else str(baseline.fy),
        "when": baseline.when if isinstance(baseline, Baseline) else None,
        "estimate": baseline.estimate,
        "preliminary": baseline.preliminary,
    }


def render_json(report: PlanReport) -> str:
    """The report as JSON text (see :func:`report_data`); every text as the plan has it, escaped where JSON allows."""
    # Outside strings JSON text is ASCII, so these characters can only be inside strings, where \u escapes mean them.
    return json.dumps(report_data(report), ensure_ascii=False, indent=2).translate(_JSON_ESCAPES) + "\n"


# Best to worst: green, light green, amber, orange, red.
_GRADE_COLOURS: Final = ("#1b7837", "#5aae61", "#c48a00", "#e66101", "#b2182b")

_STYLE: Final = """
body { font-family: "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", "Meiryo", sans-serif; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.5rem; border-bottom: 2px solid #333; padding-bottom: .3rem; }
h2, h3, h4 { margin: 1.2rem 0 .4rem; }
.meta { color: #555; }
.measure { border: 1px solid #ccc; border-radius: 6px; padding: .6rem 1rem; margin: .8rem 0; break-inside: avoid; }
.measure h5 { margin: 0 0 .4rem; font-size: 1rem; }
table { border-collapse: collapse; margin: .4rem 0; }
th, td { border: 1px solid #bbb; padding: .15rem .5rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.grade { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 4px; color: #fff;
         font-weight: bold; padding: 0 .3em; }
.explain { color: #333; margin: .3rem 0 .3rem 1rem; }
.explain li { list-style: none; }
.differs { border-left: 4px solid #e66101; padding-left: .5rem; }
.dist .grade { margin-right: .2rem; }
@media print { body { margin: 0; max-width: none; } .measure { border-color: #999; } }
"""


def render_html(report: PlanReport, *, locale: Locale = "ja") -> str:
    """The report as one self-contained HTML page (no network), for a browser or a printer."""
    labels = _LABELS[locale]
    plan = report.plan
    colour = _colour_of(report.scheme)
    e = _escape_html

    def badge(label: str | None) -> str:
        if label is None:
            return "<span>－</span>"
        return f'<span class="grade" style="background:{colour(label)}">{e(label)}</span>'

    def distribution(items: tuple[tuple[str, int], ...]) -> str:
        return '<span class="dist">' + " ".join(f"{badge(label)}×{count}" for label, count in items) + "</span>"

    out = [
        "<!DOCTYPE html>",
        f'<html lang="{locale}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(plan.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(plan.title)}{_paren(e(plan.municipality))}</h1>",
        f'<p class="meta">{e(_period(plan.period, locale))} · '
        f"{labels['fy']}: {e(_fy(report.fy, locale))} · {labels['scheme']}: "
        f"{e(report.scheme.name) if report.scheme else e(labels['none'])}</p>",
    ]
    if report.distribution:
        out.append(f"<p>{e(labels['total'])}: {distribution(report.distribution)}</p>")
    for node in report.nodes:
        if isinstance(node, SectionReport):
            level = min(node.depth + 2, 4)
            dist = f" {distribution(node.distribution)}" if node.distribution else ""
            out.append(f"<h{level}>{e(node.section.number)} {e(node.section.title)}{dist}</h{level}>")
            if node.own is not None:
                out.append(_measure_html(node.own, report, locale, badge, heading=False))
        elif isinstance(node, MeasureReport):
            out.append(_measure_html(node, report, locale, badge))
        else:
            code, relisting = node
            out.append(f"<p>{e(code)}（再掲 {e(relisting.code)}）</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _measure_html(node: MeasureReport, report: PlanReport, locale: Locale, badge: Any, *, heading: bool = True) -> str:
    labels = _LABELS[locale]
    e = _escape_html
    measure = node.measure
    parts = ['<section class="measure">'] + ([f"<h5>{e(node.code)} {e(measure.title)}</h5>"] if heading else [])
    if node.year is not None:
        parts.append(f"<div>{e(_latest_text(node.year, locale))}</div>")
    if measure.departments:
        names = " ".join(e(name) + ("●" if name == measure.lead else "") for name in measure.departments)
        parts.append(f"<div>{labels['departments']}: {names}</div>")
    history = {fy: (computed, recorded) for fy, computed, recorded in node.history}
    for indicator, rows in node.indicators:
        label = _indicator_label(indicator, locale)
        parts.append(f"<div>{label}: {e(indicator.name)}{_paren(e(indicator.unit))}</div>")
        parts += [f"<div>{e(line)}</div>" for line in _indicator_lines(indicator, locale, report.plan.period)]
        parts.append(
            f"<table><tr><th>{labels['year']}</th><th>{labels['target']}</th><th>{labels['actual']}</th>"
            f"<th>{labels['rate']}</th><th>{labels['grade' if _single(node) else 'computed']}</th></tr>"
        )
        for row in rows:
            computed, recorded = history.get(row.fy, (None, None))
            rate = format_percent(row.achievement, row.digits) if row.achievement is not None else ""
            # A stage (確定値) and the other figures' marks are the sheet's words: escaped as any plan text.
            estimate = e(_mark(row, labels, "（{}）"))
            if row.others:
                estimate += f"<br>{labels['others']}: {e(_others(row, labels, '（{}）', '、'))}"
            grades = f"{badge(computed)} / {badge(recorded)}" if (computed or recorded) else ""
            if not _single(node):
                grades = badge(row.grade) if row.grade is not None else ""
            parts.append(
                f"<tr><td>{e(_row_year(row, locale))}</td><td class=num>{e(row.target)}</td>"
                f"<td class=num>{e(row.actual)}{estimate}</td><td class=num>{rate}</td><td>{grades}</td></tr>"
            )
        parts.append("</table>")
    entries = _measure_history(node)
    if entries:
        items = ", ".join(
            f"{e(_fy(fy, locale))} {badge(computed)} / {badge(recorded)}" for fy, computed, recorded in entries
        )
        parts.append(f"<div>{labels['section' if node.of_section else 'measure']}: {items}</div>")
    axes_line = _axes_text(node, node.year or report.fy, locale, _escape_html)
    if axes_line is not None:
        parts.append(f"<div>{axes_line}</div>")
    parts += [f"<div>{line}</div>" for line in _provenance_lines(node, report, locale, _escape_html)]
    if node.grade is not None:
        css = "explain differs" if node.grade.differs else "explain"
        items = "".join(f"<li>{e(line.strip())}</li>" for line in node.grade.explanation.lines(locale))
        parts.append(f'<ul class="{css}">{items}</ul>')
    for check in measure.progress_checks:
        if check.fy == report.fy:
            status = check.status.label if locale == "ja" else check.status.label_en
            period = _period(check.period, locale)
            parts.append(f"<div>{labels['progress']} {e(period)}: {e(status)}</div>")
    for kind, graded, computed, recorded in node.others:
        name = kind.label if locale == "ja" else kind.label_en
        when = f" {e(_fy(graded, locale))}" if graded is not None else ""
        shown = f"{badge(computed)} / {badge(recorded)}" if report.scheme is not None else badge(recorded)
        column = f" {labels['grade']}" if report.scheme is not None else ""
        parts.append(f"<div>{e(name)}{when}{column}: {shown}</div>")
    if measure.completion:
        parts.append(f"<div>{labels['completion']}: {e(measure.completion)}</div>")
    if node.completion is not None:
        items = "".join(f"<li>{e(line.strip())}</li>" for line in node.completion.explanation.lines(locale))
        parts.append(f'<ul class="explain">{items}</ul>')
    parts.append("</section>")
    return "\n".join(parts)


def _colour_of(scheme: GradingScheme | None) -> Any:
    ranks = {grade.label: index for index, grade in enumerate(scheme.grades)} if scheme else {}
    count = max(len(ranks), 1)

    def colour(label: str) -> str:
        rank = ranks.get(label)
        if rank is None:
            return "#888888"
        position = round(rank * (len(_GRADE_COLOURS) - 1) / max(count - 1, 1))
        return _GRADE_COLOURS[position]

    return colour
