"""Plans written as the workbooks cities keep: the machinery behind :func:`kyodo.write_sheet`.

Every figure is written so that it reads back exactly, and no float ever
decides one:

- A Decimal of at most 15 significant digits (what Excel keeps) is written as
  a number with a number format showing as many decimals as the Decimal has
  (58.80 under ``#,##0.00``), so that the sheet shows, and kyodo reads, the
  same digits; a longer one is written as its text (``1234567890123456.7``).
- A 達成率 is a number under a percent format of the printed precision
  (0.937 under ``0.0%`` shows 93.7%).
- A figure with a mark (``37（見込み）``, ``12（速報値）``), a range
  (``40～45``), a bound (``45以上``) or a target in words is text, as sheets
  print them.

Column widths count a full-width character as 2, as Excel's own widths do.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from attrs import frozen

from kyodo._files import write_bytes
from kyodo._sheet_grid import column_letters
from kyodo._sheet_mapping import MAPPING_SCHEMA
from kyodo.errors import KyodoError, ValidationError
from kyodo.evaluations import Evaluation
from kyodo.fiscal import FiscalYear
from kyodo.indicators import Indicator, Observation, Target, TargetRole, _printed_rate, format_percent
from kyodo.plan import Measure, Plan, Section

#: Excel keeps and shows 15 significant digits of a number.
_DIGITS: Final = 15
#: Excel's longest cell text.
_MAX_TEXT: Final = 32_767
#: The widest column written, in Excel's units (a half-width character is 1).
_MAX_WIDTH: Final = 60

#: The main sheet, the sheet of sections' own indicators, and the tidy sheet.
MAIN_SHEET: Final = "成果指標"
SECTION_SHEET: Final = "施策指標"
TIDY_SHEET: Final = "データ"
#: The rows of the main sheet's two-row header, and its first data row.
HEADER_ROWS: Final = (3, 4)
FIRST_ROW: Final = 5

#: The fixed columns of the main sheet: (mapping key, header).
_FIXED: Final = (
    ("section", "区分"),
    ("number", "No."),
    ("title", "事業名"),
    ("departments", "担当課"),
    ("indicator", "指標名"),
    ("unit", "単位"),
    ("direction", "方向"),
    ("kind", "種別"),
    ("note", "備考"),
)
#: The fixed columns of the sheet of sections' own indicators: a section has a name and no departments.
_SECTION_FIXED: Final = tuple(
    (key, "名称" if key == "title" else header) for key, header in _FIXED if key != "departments"
)

#: The columns of a year's group, in order: (kind, header under the year).
_YEAR_KINDS: Final = (
    ("target", "目標"),
    ("mid_term", "中間目標"),
    ("final", "最終目標"),
    ("actual", "実績"),
    ("rate", "達成率"),
    ("grade", "評価"),
    ("computed", "算定評価"),
    ("budget", "予算額"),
    ("settled", "決算額"),
)
_ROLE_KIND: Final = {TargetRole.ANNUAL: "target", TargetRole.MID_TERM: "mid_term", TargetRole.FINAL: "final"}
#: The kinds that belong to the measure, merged over its indicator rows.
_MEASURE_KINDS: Final = frozenset({"grade", "budget", "settled"})


# --- cells -----------------------------------------------------------------------------------------------


def figure_cell(value: Decimal | int) -> tuple[int | float | str, str | None]:
    """A figure as a cell's value and number format: a number where Excel keeps it exactly, else its text.

    >>> figure_cell(Decimal("58.80")), figure_cell(7068), figure_cell(Decimal("1234567890123456.7"))
    ((58.8, '#,##0.00'), (7068, '#,##0'), ('1234567890123456.7', None))
    """
    exact = Decimal(value)
    digits = exact.as_tuple().digits
    if len(digits) > _DIGITS:
        return format(exact, "f"), None
    if exact == exact.to_integral_value() and exact.as_tuple().exponent >= 0:  # type: ignore[operator]
        return int(exact), "#,##0"
    decimals = -int(exact.as_tuple().exponent)
    return float(exact), "#,##0." + "0" * decimals


def rate_cell(printed: str) -> tuple[float | str, str | None]:
    """A printed 達成率 as a number under a percent format of its precision, or its text where it is not plain.

    >>> rate_cell("93.7%"), rate_cell("101%"), rate_cell("約90%")
    ((0.937, '0.0%'), (1.01, '0%'), ('約90%', None))
    """
    plain = unicodedata.normalize("NFKC", printed).strip()
    number = plain.removesuffix("%").strip()
    try:
        exact = Decimal(number)
    except ArithmeticError:
        return printed, None
    if not plain.endswith("%") or not exact.is_finite() or len(exact.as_tuple().digits) > _DIGITS - 2:
        return printed, None
    decimals = len(number.partition(".")[2])
    return float(exact / 100), "0" + ("." + "0" * decimals if decimals else "") + "%"


def observation_text(observation: Observation) -> str:
    """An actual with its mark, as sheets print it: 37（見込み）, 12（速報値）."""
    mark = "（見込み）" if observation.estimate else "（速報値）" if observation.preliminary else ""
    return format(observation.value, "f") + mark


def text_width(text: str) -> int:
    """How wide ``text`` is in Excel's units: a full-width character counts 2, its longest line counts.

    >>> text_width("まちづくりセンター数"), text_width("No.26"), text_width("ab\\nあいう")
    (20, 5, 6)
    """
    return max(
        (sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line) for line in text.split("\n")),
        default=0,
    )


def year_label(fy: FiscalYear, plan: Plan) -> str:
    """The fiscal year as the plan labels it: in the plan's era where it names one (平成31年度), else 令和元年度.

    A year past the era's 99th is written in its own era, as sheets print at most two digits.
    """
    if plan.era is not None and plan.era.start.year <= fy.year < plan.era.start.year + 99:
        try:
            return fy.format(era=plan.era)
        except KyodoError:
            return str(fy)
    return str(fy)


def _illegal(text: str) -> int | None:
    """The position of the first character an xlsx cell cannot hold (a control character), or None."""
    for position, char in enumerate(text):
        code = ord(char)
        if code < 32 and char not in "\t\n\r":
            return position
        if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            return position
    return None


def shown_text(text: str) -> str:
    """``text`` for a cell only people read (a title, a section's name): what a cell cannot hold becomes U+FFFD."""
    if _illegal(text) is None:
        return text[:_MAX_TEXT]
    return "".join("\ufffd" if _illegal(char) is not None else char for char in text)[:_MAX_TEXT]


def check_text(text: str, where: str) -> str:
    """``text`` if an xlsx cell can hold it; else a ValidationError naming ``where`` and the character."""
    position = _illegal(text)
    if position is not None:
        raise ValidationError(
            (
                where,
                (
                    f"holds {text[position]!r} at {position + 1}, a character an xlsx cell cannot hold",
                    f"{position + 1}文字目の {text[position]!r} は xlsx のセルに書けない",
                ),
                "invalid",
            )
        )
    if len(text) > _MAX_TEXT:
        raise ValidationError(
            (
                where,
                (
                    f"is {len(text):,} characters long; an xlsx cell holds at most {_MAX_TEXT:,}",
                    f"{len(text):,}文字ある。xlsx のセルに書けるのは{_MAX_TEXT:,}文字まで",
                ),
                "too_large",
            )
        )
    return text


# --- the workbook's content ---------------------------------------------------------------------------------


@frozen
class Cell:
    """One cell to write: its value, number format, comment, and how many rows below it it is merged over."""

    value: object
    number_format: str | None = None
    comment: str | None = None
    down: int = 0


@frozen
class Row:
    """One measure's indicator (or the measure alone): its path, measure, indicator and where its code is.

    A section's own indicators are rows too, of the section as a measure (:meth:`Section.as_measure`).
    """

    code: str
    parent: str
    ancestors: tuple[Section, ...]
    measure: Measure
    indicator: Indicator | None
    first: bool
    span: int


def measure_rows(plan: Plan, sections: bool = False) -> Iterator[Row]:
    """A row per indicator of every measure in document order; a measure without indicators has one row.

    With ``sections``, the rows of the sections' own figures instead: a row per indicator of each section
    that holds indicators or an annual grade.
    """
    stack: list[tuple[Section, int]] = []
    for code, node, depth in plan.tree():
        del stack[depth:]
        ancestors = tuple(section for section, _depth in stack)
        if isinstance(node, Section):
            stack.append((node, depth))
            if not sections or not (node.indicators or any(_graded(e) for e in node.evaluations)):
                continue
            measure = node.as_measure()
        elif isinstance(node, Measure) and not sections:
            measure = node
        else:
            continue
        parent = "-".join(section.number for section in ancestors)
        indicators: Sequence[Indicator | None] = measure.indicators or (None,)
        for index, indicator in enumerate(indicators):
            yield Row(code, parent, ancestors, measure, indicator, index == 0, len(indicators))


def _graded(evaluation: Evaluation) -> bool:
    """Whether an evaluation is an annual grade, the one kind the sheet writes."""
    return evaluation.kind.value == "annual" and evaluation.fy is not None and evaluation.grade is not None


def _departments(measure: Measure) -> str:
    names = list(measure.departments)
    if measure.lead is not None and measure.lead not in names:
        names.insert(0, measure.lead)
    return "、".join(name + ("●" if name == measure.lead else "") for name in names)


def _annual_grade(measure: Measure, fy: FiscalYear) -> tuple[str, str | None] | None:
    for evaluation in measure.evaluations:
        if evaluation.kind.value == "annual" and evaluation.fy == fy and evaluation.grade is not None:
            return evaluation.grade, evaluation.assessment
    return None


def _rate_text(indicator: Indicator, actual: Observation) -> str | None:
    """The 達成率 a sheet prints for ``actual``: the printed one the plan keeps, else kyodo's to 0.1%."""
    if actual.printed_rate is not None:
        return actual.printed_rate
    rate = indicator.achievement_if_defined(actual.fy)
    if rate is None:
        return None
    text = format_percent(rate)
    try:
        # A rate of ten million percent or more (an actual of 100,000 against a target of 1) is no percentage a
        # sheet prints, and a plan would refuse it read back: such a cell is left blank.
        return _printed_rate(text)
    except ValidationError:
        return None


def target_cell(target: Target) -> Cell:
    """A target as a cell: a number, or the text a sheet prints (40～45, 45以上, 継続して拡充)."""
    if target.value is not None and target.upper is None and target.bound is None:
        return Cell(*figure_cell(target.value))
    return Cell(target.format())


def actual_cell(actual: Observation) -> Cell:
    """An actual as a cell: a number, or its text with the mark (37（見込み）)."""
    if actual.final:
        return Cell(*figure_cell(actual.value))
    return Cell(observation_text(actual))


def _rate_of(indicator: Indicator, actual: Observation) -> Cell | None:
    text = _rate_text(indicator, actual)
    return None if text is None else Cell(*rate_cell(text))


def _computed(scheme: Any, indicator: Indicator, fy: FiscalYear) -> Cell | None:
    if scheme is None:
        return None
    try:
        result = scheme.grade_indicator(indicator, fy)
    except KyodoError as error:
        return Cell(None, comment=str(error))
    if result.label is None:
        return None
    return Cell(result.label, comment=result.explanation.ja)


def _years_of(rows: Sequence[Row]) -> list[FiscalYear]:
    years: set[FiscalYear] = set()
    for row in rows:
        if row.indicator is not None:
            years.update(target.fy for target in row.indicator.targets)
            years.update(actual.fy for actual in row.indicator.actuals)
        if row.first:
            years.update(line.fy for line in row.measure.budget)
            years.update(e.fy for e in row.measure.evaluations if _graded(e) and e.fy is not None)
    return sorted(years, key=lambda fy: fy.year)


def _year_cells(row: Row, fy: FiscalYear, scheme: Any) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    indicator = row.indicator
    if indicator is not None:
        target = next((item for item in indicator.targets if item.fy == fy), None)
        if target is not None:
            cells[_ROLE_KIND[target.role]] = target_cell(target)
        actual = indicator.actual(fy)
        if actual is not None:
            cells["actual"] = actual_cell(actual)
            rate = _rate_of(indicator, actual)
            if rate is not None:
                cells["rate"] = rate
        computed = _computed(scheme, indicator, fy)
        if computed is not None:
            cells["computed"] = computed
    if row.first:
        grade = _annual_grade(row.measure, fy)
        if grade is not None:
            cells["grade"] = Cell(grade[0], comment=grade[1], down=row.span - 1)
        line = next((line for line in row.measure.budget if line.fy == fy), None)
        if line is not None:
            for kind, amount in (("budget", line.budget), ("settled", line.settled)):
                if amount is not None:
                    cells[kind] = Cell(*figure_cell(amount), down=row.span - 1)
    return cells


def _baseline_key(indicator: Indicator | None) -> FiscalYear | bool | None:
    """The baseline column an indicator's baseline goes in: its year, None (no year), or False (none written)."""
    if indicator is None or indicator.baseline is None or indicator.baseline.value is None:
        return False
    return indicator.baseline.fy


@frozen
class Sheet:
    """A sheet's cells by (row, column), its merged ranges, widths, frozen panes and title."""

    name: str
    cells: dict[tuple[int, int], Cell]
    #: (row, column) of a range merged across columns -> its last column
    across: dict[tuple[int, int], int]
    widths: dict[int, int]
    freeze: str | None
    filter: str | None = None


def _level_headers(plan: Plan, depth: int) -> list[str]:
    taken = {header for _key, header in (*_FIXED, *_SECTION_FIXED)}
    headers: list[str] = []
    for level in range(depth):
        name = plan.levels[level] if level < len(plan.levels) else f"第{level + 1}階層"
        if name in taken or not name.strip() or _illegal(name) is not None:
            name = f"第{level + 1}階層"
        taken.add(name)
        headers.append(name)
    return headers


def _check_row(row: Row) -> None:
    where = row.code
    check_text(row.parent, where)
    for label, text in (("title", row.measure.title), ("number", row.measure.number)):
        check_text(text, f"{where}.{label}")
    for name in row.measure.departments:
        check_text(name, f"{where}.departments")
    if row.indicator is not None:
        for label, value in (("name", row.indicator.name), ("unit", row.indicator.unit), ("note", row.indicator.note)):
            if value is not None:
                check_text(value, f"{where}.indicators[{row.indicator.name!r}].{label}")
        for target in row.indicator.targets:
            if target.text is not None:
                check_text(target.text, f"{where}.indicators[{row.indicator.name!r}].targets.{target.fy}")
    for evaluation in row.measure.evaluations:
        for value in (evaluation.grade, evaluation.assessment):
            if value is not None:
                check_text(value, f"{where}.evaluations")


def main_sheet(plan: Plan, scheme: Any = None, sections: bool = False) -> tuple[Sheet, dict[str, Any]]:
    """The sheet of measures, one row per indicator, and the table of the mapping that reads it back; with
    ``sections``, the sheet of the sections' own indicators and grades, read back by a table of sections."""
    rows = list(measure_rows(plan, sections))
    fixed = _SECTION_FIXED if sections else _FIXED
    name = SECTION_SHEET if sections else MAIN_SHEET
    for row in rows:
        _check_row(row)
    depth = max((len(row.ancestors) for row in rows), default=0)
    levels = _level_headers(plan, depth)
    baselines: list[FiscalYear | None] = []
    for row in rows:
        key = _baseline_key(row.indicator)
        if key is not False and key not in baselines:
            baselines.append(key)  # type: ignore[arg-type]
    baselines.sort(key=lambda fy: -1 if fy is None else fy.year)
    years = _years_of(rows)
    year_cells = [{fy: _year_cells(row, fy, scheme) for fy in years} for row in rows]
    groups: list[tuple[FiscalYear, list[str]]] = []
    for fy in years:
        kinds = [kind for kind, _header in _YEAR_KINDS if any(kind in cells[fy] for cells in year_cells)]
        groups.append((fy, kinds))
    cells: dict[tuple[int, int], Cell] = {}
    top, bottom = HEADER_ROWS
    title = f"{plan.title} {name}一覧"
    cells[(1, 1)] = Cell(shown_text(title))
    cells[(2, 1)] = Cell(shown_text(f"{plan.municipality}　計画期間 {plan.period}"))
    headers: dict[int, str] = {}
    column = 1
    for header in levels:
        headers[column] = header
        column += 1
    fixed_columns: dict[str, int] = {}
    for field_name, header in fixed:
        fixed_columns[field_name] = column
        headers[column] = header
        column += 1
    baseline_columns: dict[FiscalYear | None, int] = {}
    for measured in baselines:
        baseline_columns[measured] = column
        headers[column] = "基準値" if measured is None else f"基準値 ({year_label(measured, plan)})"
        column += 1
    for position, header in headers.items():
        cells[(top, position)] = Cell(header, down=1)
    year_columns: dict[tuple[FiscalYear, str], int] = {}
    skip: list[str] = list(levels)
    for fy, kinds in groups:
        label = year_label(fy, plan)
        cells[(top, column)] = Cell(label)
        for kind in kinds:
            header = dict(_YEAR_KINDS)[kind]
            cells[(bottom, column)] = Cell(header)
            year_columns[(fy, kind)] = column
            if kind == "computed":
                skip.append(f"{label} {header}")
            column += 1
    row_number = FIRST_ROW
    for row, per_year in zip(rows, year_cells, strict=True):
        measure, indicator = row.measure, row.indicator
        down = row.span - 1
        if row.first:
            for level, section in enumerate(row.ancestors):
                cells[(row_number, level + 1)] = Cell(shown_text(f"{section.number} {section.title}"), down=down)
            measure_values: dict[str, str | None] = {
                "section": row.parent or None,
                "number": measure.number,
                "title": measure.title,
                "departments": _departments(measure) or None,
            }
            for field_name, text in measure_values.items():
                if text is not None and field_name in fixed_columns:
                    cells[(row_number, fixed_columns[field_name])] = Cell(text, down=down)
        if indicator is not None:
            values: dict[str, str | None] = {
                "indicator": indicator.name,
                "unit": indicator.unit or None,
                "direction": indicator.direction.label,
                "kind": None if indicator.kind is None else indicator.kind.label,
                "note": indicator.note,
            }
            for field_name, text in values.items():
                if text is not None:
                    cells[(row_number, fixed_columns[field_name])] = Cell(text)
            baseline = indicator.baseline
            if baseline is not None and baseline.value is not None:
                # The baseline's cell is written as an actual's: its value, and 見込み or 速報値 beside it.
                shown = Observation(FiscalYear(2000), baseline.value, baseline.estimate, baseline.preliminary)
                cells[(row_number, baseline_columns[baseline.fy])] = actual_cell(shown)
        for fy, kinds in groups:
            for kind in kinds:
                cell = per_year[fy].get(kind)
                if cell is not None:
                    cells[(row_number, year_columns[(fy, kind)])] = cell
        row_number += 1
    # A year's label is merged over its group.
    merges: dict[tuple[int, int], int] = {}
    for fy, kinds in groups:
        columns = [year_columns[(fy, kind)] for kind in kinds]
        if len(columns) > 1:
            merges[(top, columns[0])] = columns[-1]
    freeze = f"{column_letters(fixed_columns['indicator'] + 1)}{FIRST_ROW}"
    sheet = Sheet(name, cells, merges, _widths(cells, merges), freeze)
    table: dict[str, Any] = {
        "sheet": name,
        **({"node": "section"} if sections else {}),
        "header_rows": list(HEADER_ROWS),
        "columns": dict(fixed),
    }
    if None in baseline_columns:
        table["columns"]["baseline"] = "基準値"
    if skip:
        table["skip"] = skip
    return sheet, table


def _widths(cells: dict[tuple[int, int], Cell], across: dict[tuple[int, int], int]) -> dict[int, int]:
    widths: dict[int, int] = {}
    for (_row, column), cell in cells.items():
        if cell.value is None or (_row, column) in across:
            continue
        if isinstance(cell.value, str):
            width = text_width(cell.value)
        elif cell.number_format and "%" in cell.number_format:
            width = 7
        else:
            width = len(f"{cell.value:,}") if isinstance(cell.value, int) else len(str(cell.value)) + 2
        widths[column] = max(widths.get(column, 4), min(width + 2, _MAX_WIDTH))
    return widths


#: The tidy sheet's columns, one row per indicator and fiscal year.
TIDY_COLUMNS: Final = (
    "区分", "No.", "事業名", "指標名", "単位", "年度", "西暦年度", "目標", "目標の種類",
    "実績", "実績の種類", "達成率", "評価", "算定評価", "算定の説明",
)  # fmt: skip


def tidy_sheet(plan: Plan, scheme: Any = None) -> Sheet:
    """The sheet for analysts: one row per indicator and fiscal year, figures in their own columns."""
    cells: dict[tuple[int, int], Cell] = {}
    for column, header in enumerate(TIDY_COLUMNS, start=1):
        cells[(1, column)] = Cell(header)
    row_number = 2
    for row in measure_rows(plan):
        indicator = row.indicator
        if indicator is None:
            continue
        years = sorted({*(t.fy for t in indicator.targets), *(a.fy for a in indicator.actuals)}, key=lambda fy: fy.year)
        for fy in years:
            target = next((item for item in indicator.targets if item.fy == fy), None)
            actual = indicator.actual(fy)
            grade = _annual_grade(row.measure, fy)
            computed = _computed(scheme, indicator, fy)
            values: list[Cell | None] = [
                Cell(row.parent or None),
                Cell(row.measure.number),
                Cell(row.measure.title),
                Cell(indicator.name),
                Cell(indicator.unit or None),
                Cell(year_label(fy, plan)),
                Cell(fy.year),
                None if target is None else target_cell(target) if target.value is not None else Cell(target.format()),
                None if target is None else Cell(target.role.label),
                None if actual is None else Cell(*figure_cell(actual.value)),
                None if actual is None or actual.final else Cell("見込み" if actual.estimate else "速報値"),
                None if actual is None else _rate_of(indicator, actual),
                None if grade is None else Cell(grade[0]),
                None if computed is None else Cell(computed.value),
                None if computed is None else Cell(computed.comment),
            ]
            for column, cell in enumerate(values, start=1):
                if cell is not None and cell.value is not None:
                    cells[(row_number, column)] = cell
            row_number += 1
    last = column_letters(len(TIDY_COLUMNS))
    return Sheet(TIDY_SHEET, cells, {}, _widths(cells, {}), "A2", f"A1:{last}{max(row_number - 1, 1)}")


def plan_skeleton(plan: Plan) -> dict[str, Any]:
    """The plan's own keys and its tree of sections without their measures, for a mapping's ``plan`` table."""
    from kyodo.io import to_data

    data = to_data(plan)
    kept: dict[str, Any] = {
        key: data[key] for key in ("title", "municipality", "period", "era", "levels", "published") if key in data
    }

    def sections(nodes: Iterable[object]) -> list[dict[str, Any]]:
        return [
            {"number": node.number, "title": node.title, "children": sections(node.children)}
            for node in nodes
            if isinstance(node, Section)
        ]

    kept["sections"] = sections(plan.sections)
    return kept


def mapping_data(plan: Plan, tables: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The sheet mapping (``kyodo.sheet-mapping/1``) that reads the written workbook back into ``plan``'s figures."""
    return {"schema": MAPPING_SCHEMA, "plan": plan_skeleton(plan), "tables": list(tables)}


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The xlsx file holding ``sheets``, in order."""
    try:
        from openpyxl import Workbook
        from openpyxl.comments import Comment
        from openpyxl.styles import Alignment, Font
    except ImportError:
        raise KyodoError("writing xlsx needs openpyxl: pip install 'kyodo[sheets]'") from None
    book = Workbook()
    bold = Font(bold=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for index, sheet in enumerate(sheets):
        page = book.active if index == 0 else book.create_sheet()
        assert page is not None
        page.title = sheet.name
        for (row, column), cell in sheet.cells.items():
            target = page.cell(row=row, column=column, value=cell.value)  # type: ignore[call-overload]
            if cell.number_format is not None:
                target.number_format = cell.number_format
            if cell.comment:
                target.comment = Comment(cell.comment, "kyodo", width=320, height=160)
            if cell.down:
                page.merge_cells(start_row=row, start_column=column, end_row=row + cell.down, end_column=column)
                target.alignment = wrap
        for (row, column), last in sheet.across.items():
            page.merge_cells(start_row=row, start_column=column, end_row=row, end_column=last)
        for row, column in sheet.cells:
            if (sheet.name != TIDY_SHEET and row in HEADER_ROWS) or (sheet.name == TIDY_SHEET and row == 1):
                page.cell(row=row, column=column).font = bold
        for column, width in sheet.widths.items():
            page.column_dimensions[column_letters(column)].width = width
        if sheet.freeze:
            page.freeze_panes = sheet.freeze
        if sheet.filter:
            page.auto_filter.ref = sheet.filter
    # A fixed time, so that the same plan writes the same bytes but for the archive's own dates.
    from datetime import datetime

    book.properties.created = book.properties.modified = datetime(2000, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(plan: Plan, path: Path, scheme: Any = None) -> dict[str, Any]:
    """Write the workbook of ``plan`` to ``path`` (atomically) and return the mapping's data that reads it back."""
    sheets, tables = [], []
    for sections in (False, True):
        # The sheet of sections' own figures is written only for a plan whose sections hold some.
        if not sections or next(measure_rows(plan, sections=True), None) is not None:
            sheet, table = main_sheet(plan, scheme, sections)
            sheets.append(sheet)
            tables.append(table)
    data = mapping_data(plan, tables)
    write_bytes(path, workbook_bytes([*sheets, tidy_sheet(plan, scheme)]))
    return data
