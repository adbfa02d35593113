"""Evaluation sheets (進行管理シート, 事務事業評価シート, 施策評価表) read into plans, every value with its cell.

A :class:`SheetMapping` (``kyodo.sheet-mapping/1``, a TOML, JSON or YAML
file) says where a sheet keeps its measures and figures; :func:`read_sheet`
reads the sheet through it into a :class:`~kyodo.Plan`. docs/sheets.md
describes the mapping and the layouts it reads.

- Year columns are found by their headers (平成27年度 計画, H27目標値, R2実績,
  2020年度 達成率, 現状 (平成26年度)) through :meth:`FiscalYear.parse`.
- A merged cell gives its value to every row it covers (a code merged over
  three indicator rows is the code of each); a blank code cell continues the
  measure above, as a CSV export of a merged cell prints it.
- Every value remembers its cell: the plan's ``provenance`` holds one entry
  per value with ``source = "sheet"`` and ``cell = "評価シート!F12"``, and every
  problem names the cell (``評価シート!F12: '４５％以上' is not a number``). All
  problems are collected into one :class:`~kyodo.ValidationError`; nothing is
  half-imported.
- A printed 達成率, where mapped, is checked against the rate kyodo computes;
  every mismatch is listed with the rate's cell and the figures' cells.

>>> from kyodo._sheet_grid import read_csv_text
>>> mapping = SheetMapping.from_data({
...     "plan": {"title": "施策評価", "municipality": "所沢市", "period": "H29～H30"},
...     "tables": [{"header_row": 1, "columns": {"number": "No.", "title": "施策名", "indicator": "指標", "unit": "単位"}}]})
>>> grid = read_csv_text("No.,施策名,指標,単位,H29目標,H29実績,H29達成率\\n1,地域づくり,地域活動への関心度,%,53.6,50.2,93.7%\\n", "表")
>>> plan = read_grids_into_plan({"表": grid}, mapping)
>>> indicator = plan.find("1").indicators[0]
>>> indicator.actuals[0].value, indicator.actuals[0].printed_rate
(Decimal('50.2'), '93.7%')
>>> plan.provenance_of("1", "actuals.H29", "地域活動への関心度").cell
'表!F2'
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from attrs import define, field

from kyodo._plan_codec import _printed_target
from kyodo._sheet_cells import (
    ONGOING_MARK,
    Figure,
    HeaderYear,
    is_blank,
    is_dash,
    normal,
    read_departments,
    read_figure,
    read_header,
    read_marked,
    read_schedule_cell,
)
from kyodo._sheet_grid import Grid, column_letters, column_number, read_grids
from kyodo._sheet_mapping import (
    CHECK_TEXTS,
    EVALUATION_TEXTS,
    MAPPING_SCHEMA,
    Place,
    SheetMapping,
    SheetTable,
    mapping_from_data,
)
from kyodo.errors import Coded, KyodoError, ValidationError, path_step
from kyodo.fiscal import FiscalYear
from kyodo.grading import GradingScheme
from kyodo.plan import Plan
from kyodo.wareki import Era

__all__ = ["MAPPING_SCHEMA", "SheetMapping", "guess_mapping", "load_sheet_mapping", "read_sheet", "write_sheet"]


def load_sheet_mapping(path: str | Path) -> SheetMapping:
    """Read a sheet mapping file (.toml, .json, .yaml), as kyodo reads its other files."""
    from kyodo.io import _format_of, _in_file, _read_file, _read_text

    file = Path(path)
    try:
        data = _read_text(_read_file(file), _format_of(file))
        if not isinstance(data, Mapping):
            raise ValidationError(("", ("a sheet mapping is a table", "シート対応表は表"), "not_a_table"))
        return mapping_from_data(data)
    except ValidationError as error:
        raise _in_file(error, file) from None


def read_sheet(
    path: str | Path, mapping: SheetMapping | str | Path, *, check_rates: bool = True, encoding: str | None = None
) -> Plan:
    """The plan a spreadsheet (.xlsx, .xlsm or .csv) holds, read through ``mapping`` (a mapping or its file).

    With ``check_rates`` (the default), a printed 達成率 that the figures do
    not give is an error naming both cells; without it the plan keeps the
    printed rate, and ``kyodo validate`` reports it. ``encoding`` overrides
    a CSV file's encoding (else the mapping's, else UTF-8 or cp932).
    """
    if not isinstance(mapping, SheetMapping):
        mapping = load_sheet_mapping(mapping)
    grids = read_grids(Path(path), encoding or mapping.encoding)
    return read_grids_into_plan(grids, mapping, check_rates=check_rates)


def write_sheet(
    plan: Plan,
    path: str | Path,
    *,
    scheme: GradingScheme | str | Path | None = None,
    mapping_path: str | Path | None = None,
) -> SheetMapping:
    """Write ``plan`` as the workbook a city keeps, and beside it the mapping that reads it back; return the mapping.

    The workbook (.xlsx) has two sheets, or three. 成果指標 holds one row per indicator
    (a measure without one has a row of its own): the sections above the
    measure, its 区分 (the section's path code), No., 事業名 and 担当課 merged
    over its rows, the indicator's 指標名, 単位, 方向, 種別, 備考 and 基準値,
    then per fiscal year, labelled as the plan labels years (平成27年度), its
    目標 (中間目標, 最終目標), 実績, 達成率, the recorded 評価 and, with a
    ``scheme`` (a :class:`~kyodo.GradingScheme`, a preset's name or a file),
    the 算定評価 the scheme computes, its explanation in the cell's comment.
    施策指標, written where the plan's sections hold figures of their own, holds
    the sections' indicators and grades in the same columns (名称 for the
    title, no 担当課). データ holds one row per measure's indicator and fiscal
    year, for analysts.

    The mapping (``kyodo.sheet-mapping/1``) is written to ``mapping_path``,
    by default beside the workbook as ``NAME.mapping.toml``; reading the
    workbook through it (:func:`read_sheet`) gives back the plan's tree and
    every figure the sheet holds (docs/sheets.md lists what it does not).
    Both files are replaced whole or not at all.

    >>> import kyodo, tempfile, pathlib
    >>> plan = kyodo.load("examples/plans/niigata.toml")
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> mapping = write_sheet(plan, folder / "niigata.xlsx", scheme="nagayo-2019")
    >>> sorted(path.name for path in folder.iterdir())
    ['niigata.mapping.toml', 'niigata.xlsx']
    >>> again = read_sheet(folder / "niigata.xlsx", folder / "niigata.mapping.toml")
    >>> [(str(a.fy), a.value, a.printed_rate) for a in again.find("Ⅱ-1-2-No.26").indicators[0].actuals][:2]
    [('平成27年度', Decimal('43'), '102.4%'), ('平成28年度', Decimal('48'), '96.0%')]
    """
    from kyodo._files import write_text
    from kyodo._sheet_writer import write_workbook
    from kyodo._toml import write_toml

    if scheme is not None and not isinstance(scheme, GradingScheme):
        scheme = _scheme_named(scheme)
    workbook = Path(path)
    if workbook.suffix.lower() != ".xlsx":
        raise KyodoError(
            f"kyodo writes workbooks as .xlsx, not {workbook.suffix or 'a file without a suffix'}: {workbook}"
        )
    data = write_workbook(plan, workbook, scheme)
    mapping = mapping_from_data(data)
    target = Path(mapping_path) if mapping_path is not None else workbook.with_name(workbook.stem + ".mapping.toml")
    header = f"# The mapping that reads {workbook.name} back into a plan (written by kyodo export).\n"
    write_text(target, header + write_toml(data))
    return mapping


def _scheme_named(name: str | Path) -> GradingScheme:
    """A grading scheme by a preset's name (NAME@VERSION for a version) or a file, as ``kyodo report`` takes it."""
    from kyodo.grading import preset, preset_names
    from kyodo.io import load

    text = str(name)
    if text.partition("@")[0] in preset_names():
        return preset(text)
    return load(text, kind=GradingScheme)


# --- building ------------------------------------------------------------------------------------------------


@define
class _Indicator:
    data: dict[str, Any] = field(factory=dict)
    cells: dict[str, str] = field(factory=dict)
    notes: dict[str, str] = field(factory=dict)
    rate_cells: dict[FiscalYear, str] = field(factory=dict)


@define
class _Measure:
    under: str | None
    #: what the table's number names: a measure, or a section whose own indicators the table gives
    node: str = "measure"
    data: dict[str, Any] = field(factory=dict)
    cells: dict[str, str] = field(factory=dict)
    indicators: dict[str, _Indicator] = field(factory=dict)
    evaluations: dict[tuple[str, str], dict[str, Any]] = field(factory=dict)
    checks: dict[tuple[str, int], dict[str, Any]] = field(factory=dict)


class _Reader:
    def __init__(self, mapping: SheetMapping) -> None:
        self.plan = copy.deepcopy(dict(mapping.plan))
        self.era: Era | None = None
        era = self.plan.get("era")
        if isinstance(era, str):
            try:
                self.era = Era.named(era)
            except ValueError:
                self.era = None
        # Measures (and sections a table gives indicators of) by their kind, the section they go under and their
        # number: siblings' numbers are unique, cousins' need not be.
        self.measures: dict[tuple[str, str | None, str], _Measure] = {}
        self.problems: list[tuple[str, Coded]] = []

    def problem(self, cell: str, english: str, japanese: str, code: str = "invalid") -> None:
        self.problems.append((cell, Coded(english, japanese, code)))

    def put(self, table: dict[str, Any], cells: dict[str, str], key: str, value: object, cell: str) -> None:
        """``table[key] = value`` read from ``cell``, unless another cell gave it otherwise."""
        field_key = key if "." not in key else key.split(".", 1)[0]
        year = key.split(".", 1)[1] if "." in key else None
        target = table if year is None else table.setdefault(field_key, {})
        slot = key if year is None else year
        if slot in target and target[slot] != value:
            self.problem(
                cell,
                f"{key} reads {value!r} here but {target[slot]!r} at {cells[key]}",
                f"{key} がここでは {value!r}、{cells[key]} では {target[slot]!r}",
                "duplicate",
            )
            return
        if slot not in target:
            target[slot] = value
            cells[key] = cell

    def measure(self, number: str, under: str | None, node: str = "measure") -> _Measure:
        """The measure (or, for ``node = "section"``, the section) ``number`` names under ``under``."""
        key = (node, None if under is None else "-".join(normal(part) for part in under.split("-")), normal(number))
        found = self.measures.get(key)
        if found is None:
            found = self.measures[key] = _Measure(under, node)
        return found


def _figure_or_problem(
    reader: _Reader, grid: Grid, row: int, column: int, unit: str | None = None, thousands: bool = False
) -> Any:
    text = grid.text(row, column)
    try:
        return read_figure(text, unit, thousands)
    except ValueError as error:
        _cell_problem(reader, grid.address(row, column), text, error)
        return None


def _cell_problem(reader: _Reader, cell: str, text: str, error: ValueError) -> None:
    english, japanese = error.args[0]
    reader.problem(cell, f"{text[:80]!r} {english}", f"{text[:80]!r} は{japanese}", error.args[0].code)


def _indicator_figure(
    reader: _Reader, grid: Grid, row: int, column: int, indicator: _Indicator, thousands: bool = False
) -> Figure | None:
    """The figure an indicator's cell prints, None where none (or a problem, reported).

    Where no column or label gives the indicator's unit, the unit its cells
    print after their figures (36校, 5万人) is its unit, and every cell of it
    must print the same one.
    """
    text = grid.text(row, column)
    cell = grid.address(row, column)
    try:
        figure = read_figure(
            text, indicator.data.get("unit"), thousands, learn_unit="unit" not in indicator.data, era=reader.era
        )
    except ValueError as error:
        _cell_problem(reader, cell, text, error)
        return None
    if figure is not None and figure.unit is not None:
        reader.put(indicator.data, indicator.cells, "unit", figure.unit, cell)
    return figure


def _printed_year(reader: _Reader, cell: str, figure: Figure, fy: FiscalYear | None) -> bool:
    """Whether a figure that prints its year in brackets agrees with ``fy``, the year its column or row names."""
    if figure.fy is None or fy is None or figure.fy == fy:
        return True
    reader.problem(
        cell,
        f"the figure is printed for {figure.fy} in a place for {fy}",
        f"{fy} の欄に {figure.fy} の値が書かれている",
        "invalid",
    )
    return False


def _find_label(grid: Grid, label: str, rows: range) -> tuple[int, int] | None:
    wanted = normal(label)
    for row in rows:
        for column in range(1, grid.width(row) + 1):
            if grid.origin(row, column) == (row, column) and normal(grid.text(row, column)) == wanted:
                return row, column
    return None


def _spot(cell: str) -> tuple[int, int]:
    """The row and column of a cell's address (F12)."""
    letters = cell.rstrip("0123456789")
    return int(cell[len(letters) :]), column_number(letters)


def _no_label(
    reader: _Reader, where: str, label: str | None, grid: Grid, rows: range, block: str | None = None
) -> None:
    """A label the mapping names is not in ``rows``: named at the mapping's key, or, in a block, at the block's
    first cell (the mapping's key then in the message), since the sheet, not the mapping, lacks it there."""
    if block is not None:
        reader.problem(
            block,
            f"the block that starts here (rows {rows.start}–{rows.stop - 1}) has no cell reading {label!r} ({where})",
            f"ここから始まるブロック（{rows.start}–{rows.stop - 1} 行）に {label!r} のセルがない（{where}）",
            "missing_key",
        )
        return
    reader.problem(
        where,
        f"no cell reads {label!r} in sheet {grid.name!r} rows {rows.start}–{rows.stop - 1}",
        f"シート {grid.name!r} の {rows.start}–{rows.stop - 1} 行に {label!r} のセルがない",
        "missing_key",
    )


def _locate(grid: Grid, place: Place, rows: range) -> tuple[int, int] | None:
    """The cell a header place names, or None where the label is not in ``rows``."""
    if place.cell is not None:
        return _spot(place.cell)
    if place.label is None:
        return None
    found = _find_label(grid, place.label, rows)
    if found is None:
        return None
    row, column = found
    if place.below:
        return row + 1, column
    after = grid.after(row, column)
    while after <= grid.width(row) and not grid.text(row, after).strip():
        after += 1
    return row, after


def _texts(
    reader: _Reader,
    grid: Grid,
    places: tuple[tuple[str, Place], ...],
    rows: range,
    where: str,
    block: str | None = None,
) -> dict[str, tuple[str, str | None]]:
    """Each header place's text and cell (None for a constant); a label not found is a problem (at ``block``,
    the first cell of the block searched, where there is one)."""
    found: dict[str, tuple[str, str | None]] = {}
    for key, place in places:
        if place.value is not None:
            found[key] = (str(place.value), None)
            continue
        spot = _locate(grid, place, rows)
        if spot is None:
            _no_label(reader, f"{where}.{key}", place.label, grid, rows, block)
            continue
        text = grid.text(*spot).strip()
        if text:
            found[key] = (text, grid.address(*spot))
    return found


def _set_measure_fields(reader: _Reader, measure: _Measure, fields: dict[str, tuple[str, str | None]]) -> None:
    for key, (text, cell) in fields.items():
        if key == "number":
            continue
        address = cell or "mapping"
        if key == "departments":
            names, lead = read_departments(text)
            reader.put(measure.data, measure.cells, "departments", names, address)
            if lead is not None:
                reader.put(measure.data, measure.cells, "lead", lead, address)
        elif key == "actors":
            reader.put(measure.data, measure.cells, "actors", read_marked(text), address)
        elif key == "completion" and is_dash(text):
            # A dash where the 完了の目安 goes: the measure goes on, which the model writes as － and Ongoing.
            reader.put(measure.data, measure.cells, "completion", ONGOING_MARK, address)
            reader.put(measure.data, measure.cells, "criterion", {"ongoing": True}, address)
        else:
            reader.put(measure.data, measure.cells, key, text, address)


def _set_indicator_field(reader: _Reader, indicator: _Indicator, key: str, text: str, cell: str) -> None:
    if is_blank(text):
        return
    reader.put(indicator.data, indicator.cells, key, text, cell)


def _year_value(
    reader: _Reader, grid: Grid, row: int, column: int, header: HeaderYear, indicator: _Indicator, thousands: bool
) -> None:
    text = grid.text(row, column)
    cell = grid.address(row, column)
    label = str(header.fy)
    unit = indicator.data.get("unit")
    if header.kind == "rate":
        if not is_blank(text):
            printed = normal(text).split("※", 1)[0]
            indicator.rate_cells[header.fy] = cell
            reader.put(
                indicator.data,
                indicator.cells,
                f"printed_rates.{label}",
                printed if printed.endswith("%") else printed + "%",
                cell,
            )
        return
    if header.kind == "grade":
        return
    if header.kind == "target":
        try:
            figure = read_figure(text, unit, learn_unit="unit" not in indicator.data, era=reader.era)
        except ValueError:
            figure = None
            words = normal(text)
            value: Any = words if any(char.isdigit() for char in words) else {"text": text.strip()}
            try:
                shaped = _printed_target(header.fy, text)
            except ValidationError:
                shaped = None  # a reversed range: the plan's own check names it, with this cell
            if shaped is not None:
                # A range or a bound (40～45, 45以上) as a plan file writes it, so that a column's role joins it.
                value = {"value": shaped.value, "upper": shaped.upper, "bound": shaped.bound}
                value = {key: item for key, item in value.items() if item is not None}
            if header.role is not None:
                value = {**value, "role": header.role} if isinstance(value, dict) else value
            reader.put(indicator.data, indicator.cells, f"targets.{label}", value, cell)
            return
        if figure is None or not _printed_year(reader, cell, figure, header.fy):
            return
        if figure.unit is not None:
            reader.put(indicator.data, indicator.cells, "unit", figure.unit, cell)
        target: Any = figure.value if header.role is None else {"value": figure.value, "role": header.role}
        reader.put(indicator.data, indicator.cells, f"targets.{label}", target, cell)
        if figure.note:
            indicator.notes[f"targets.{label}"] = figure.note
        return
    figure = _indicator_figure(reader, grid, row, column, indicator, thousands)
    if figure is None or not _printed_year(reader, cell, figure, header.fy):
        return
    if header.kind == "baseline":
        baseline = {"fy": label, "value": figure.value, **_flags(figure)}
        reader.put(indicator.data, indicator.cells, "baseline", baseline, cell)
        if figure.note:
            indicator.notes["baseline"] = figure.note
        return
    if header.kind == "actual":
        actual: Any = figure.value
        if figure.estimate or figure.preliminary:
            actual = {
                "value": figure.value,
                **({"estimate": True} if figure.estimate else {}),
                **({"preliminary": True} if figure.preliminary else {}),
            }
        reader.put(indicator.data, indicator.cells, f"actuals.{label}", actual, cell)
        if figure.note:
            indicator.notes[f"actuals.{label}"] = figure.note


def _flags(figure: Figure) -> dict[str, bool]:
    """The marks a figure carries as a plan file writes them: 見込み (estimate) and 速報値 (preliminary)."""
    return {
        **({"estimate": True} if figure.estimate else {}),
        **({"preliminary": True} if figure.preliminary else {}),
    }


def _header_texts(grid: Grid, rows: tuple[int, ...]) -> dict[int, str]:
    """Each column's header: the texts of the header rows joined (平成27年度 計画, H28 目標値).

    A CSV file keeps a merged header (H28 over 目標値 | 実績値 | 達成率) in its first cell only, so a
    blank cell of an upper header row, above a named cell of the last, continues the text to its left.
    """
    width = max((grid.width(row) for row in rows), default=0)
    last = rows[-1] if rows else 0
    carried: dict[int, str] = {}
    texts: dict[int, str] = {}
    for column in range(1, width + 1):
        named_below = bool(grid.text(last, column).strip())
        parts: list[str] = []
        for row in rows:
            text = grid.text(row, column).strip()
            if text:
                carried[row] = text
            elif row != last and named_below:
                text = carried.get(row, "")
            else:
                carried[row] = ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        texts[column] = " ".join(parts)
    return texts


def _column_of(reader: _Reader, place: Place, headers: dict[int, str], where: str) -> int | None:
    if place.column is not None:
        return column_number(place.column)
    if place.header is None:
        return None
    wanted = normal(place.header)
    for column, text in headers.items():
        if normal(text) == wanted:
            return column
    for column, text in headers.items():
        if wanted and wanted in normal(text):
            return column
    reader.problem(
        where, f"no column is headed {place.header!r}", f"{place.header!r} という見出しの列がない", "missing_key"
    )
    return None


def _read_rows(reader: _Reader, grid: Grid, table: SheetTable, where: str) -> None:
    headers = _header_texts(grid, table.header_rows)
    columns: dict[str, int] = {}
    constants: dict[str, str] = {}
    for key, place in table.columns:
        if place.value is not None:
            constants[key] = str(place.value)
            continue
        column = _column_of(reader, place, headers, f"{where}.columns.{key}")
        if column is not None:
            columns[key] = column
    claimed = set(columns.values())
    for index, place in enumerate(table.skip):
        column = _column_of(reader, place, headers, f"{where}.skip[{index}]")
        if column is not None:
            claimed.add(column)
    read_as = dict(headers)
    for place, text in table.headers:
        where_header = f"{where}.headers.{place.column or place.header}"
        column = _column_of(reader, place, headers, where_header)
        if column is not None and read_header(text, reader.era) is None:
            reader.problem(
                where_header,
                f"{text[:80]!r} names no fiscal year; write the year and what the column holds (H29 達成率)",
                f"{text[:80]!r} は年度を示さない。年度と列の中身（H29 達成率）を書く",
            )
        elif column is not None:
            read_as[column] = text
    years: dict[int, HeaderYear] = {}
    for column, text in read_as.items():
        header = read_header(text, reader.era) if column not in claimed else None
        if header is not None and (table.years is None or header.fy in table.years):
            years[column] = header
    top = min(table.header_rows, default=1)
    fields = _texts(reader, grid, _without_schedule(table), range(1, top), f"{where}.measure")
    indicator_fields = _texts(reader, grid, table.indicator, range(1, top), f"{where}.indicator")
    first = table.first_row or max(table.header_rows, default=0) + 1
    last = min(table.last_row or grid.height, grid.height)
    current: str | None = fields["number"][0] if "number" in fields else None
    current_cell = fields["number"][1] if "number" in fields else None
    current_under = table.under
    current_indicator: str | None = None
    measure = None
    used = [column for key, column in columns.items() if key != "section"] + list(years)
    for row in range(first, last + 1):
        if all(is_blank(grid.text(row, column)) for column in used):
            continue
        if "number" in columns:
            text = grid.text(row, columns["number"]).strip()
            if text and (text, grid.address(row, columns["number"])) != (current, current_cell):
                current, current_cell = text, grid.address(row, columns["number"])
                # A new measure: an indicator row left blank no longer continues the one above.
                current_indicator = None
                if "section" in columns:
                    current_under = grid.text(row, columns["section"]).strip() or table.under
        if current is None:
            reader.problem(
                f"{grid.name}!A{row}",
                "this row belongs to no measure: no code above it or in it",
                "この行はどの事業にも属さない（上にも行内にもコードがない）",
                "missing_key",
            )
            continue
        measure = reader.measure(current, current_under, table.node)
        reader.put(measure.data, measure.cells, "number", current, current_cell or "mapping")
        row_fields = dict(fields)
        for key in ("title", "departments"):
            if key in columns and grid.text(row, columns[key]).strip():
                row_fields[key] = (grid.text(row, columns[key]).strip(), grid.address(row, columns[key]))
        _set_measure_fields(reader, measure, row_fields)
        # A measure's own figures (its grade and budget per year) are read whether or not the row names an indicator.
        _measure_years(reader, grid, row, years, measure, headers, table.thousands)
        name = (
            grid.text(row, columns["indicator"]).strip()
            if "indicator" in columns
            else indicator_fields.get("name", ("", None))[0]
        )
        if not name:
            if years:
                name = current_indicator or ""
            if not name:
                continue
        current_indicator = name
        indicator = measure.indicators.setdefault(name, _Indicator())
        reader.put(
            indicator.data,
            indicator.cells,
            "name",
            name,
            grid.address(row, columns["indicator"]) if "indicator" in columns else "mapping",
        )
        for key in _INDICATOR_KEYS:
            if key in columns:
                _set_indicator_field(
                    reader, indicator, key, grid.text(row, columns[key]), grid.address(row, columns[key])
                )
                if key == "unit" and not grid.text(row, columns[key]).strip():
                    # An indicator whose unit cell is empty has no unit, which is not a missing one.
                    reader.put(indicator.data, indicator.cells, "unit", "", grid.address(row, columns[key]))
            elif key in constants:
                indicator.data.setdefault(key, constants[key])
            elif key in indicator_fields:
                text, cell = indicator_fields[key]
                _set_indicator_field(reader, indicator, key, text, cell or "mapping")
        _baseline(reader, grid, row, columns, indicator)
        _final_target(reader, grid, row, columns, indicator, headers)
        for column, header in years.items():
            if header.kind not in ("grade", "budget", "settled"):
                _year_value(reader, grid, row, column, header, indicator, table.thousands)
    if measure is None and current is not None:
        measure = reader.measure(current, current_under, table.node)
        reader.put(measure.data, measure.cells, "number", current, current_cell or "mapping")
        _set_measure_fields(reader, measure, fields)
    if measure is not None:
        _read_records(reader, grid, table, measure, range(1, grid.height + 1), where)
    if "number" in fields:
        header_measure = reader.measure(fields["number"][0], table.under, table.node)
        _schedule(reader, grid, table, header_measure, range(1, top), where)


#: The indicator's own fields a column or a label may give.
_INDICATOR_KEYS: Final = ("unit", "direction", "kind", "note", "category")


def _baseline(reader: _Reader, grid: Grid, row: int, columns: dict[str, int], indicator: _Indicator) -> None:
    """The baseline a row prints in a column whose header names no year (基準値; 策定時 with its year in the cell)."""
    if "baseline" not in columns:
        return
    figure = _indicator_figure(reader, grid, row, columns["baseline"], indicator)
    if figure is not None:
        year = {} if figure.fy is None else {"fy": str(figure.fy)}
        baseline = {"value": figure.value, **year, **_flags(figure)}
        reader.put(indicator.data, indicator.cells, "baseline", baseline, grid.address(row, columns["baseline"]))


def _final_target(
    reader: _Reader, grid: Grid, row: int, columns: dict[str, int], indicator: _Indicator, headers: dict[int, str]
) -> None:
    """The final target (最終目標値) a row prints, for the fiscal year its 目標年度 cell names.

    Its year is the 目標年度 column's, or the one the cell prints in brackets
    (910,000人 (平成34年度)); both, they must agree. Where the sheet prints
    no year at all (no 目標年度 column and none in the cell), the target is
    kept as the sheet keys it, by its column's header (目標, 最終目標値):
    kyodo invents no year.
    """
    if "final_target" not in columns:
        return
    cell = grid.address(row, columns["final_target"])
    figure = _indicator_figure(reader, grid, row, columns["final_target"], indicator)
    if figure is None:
        return
    target = {"value": figure.value, "role": "final"}
    if "final_year" not in columns and figure.fy is None:
        when = normal(headers.get(columns["final_target"], "")) or "最終目標"
        reader.put(indicator.data, indicator.cells, f"undated_targets.{when}", target, cell)
        return
    text = grid.text(row, columns["final_year"]) if "final_year" in columns else ""
    header = read_header(text, reader.era) if text.strip() else None
    if header is None and figure.fy is None:
        column = columns["final_year"]
        reader.problem(
            grid.address(row, column),
            f"{text[:80]!r} names no fiscal year for the final target at {cell}",
            f"{text[:80]!r} は最終目標値（{cell}）の年度ではない",
            "missing_key" if not text.strip() else "invalid",
        )
        return
    fy = figure.fy if header is None else header.fy
    if not _printed_year(reader, cell, figure, fy):
        return
    reader.put(indicator.data, indicator.cells, f"targets.{fy}", target, cell)
    if figure.note:
        indicator.notes[f"targets.{fy}"] = figure.note


def _measure_years(
    reader: _Reader,
    grid: Grid,
    row: int,
    years: dict[int, HeaderYear],
    measure: _Measure,
    headers: dict[int, str],
    thousands: bool,
) -> None:
    """A row's cells that belong to its measure: the grade of each year (評価), its budget and settled amount."""
    for column, header in years.items():
        if header.kind == "grade":
            grade = grid.text(row, column).strip()
            if not is_blank(grade):
                evaluation = measure.evaluations.setdefault(
                    ("annual", str(header.fy)), {"kind": "annual", "fy": str(header.fy)}
                )
                cell = grid.address(row, column)
                if evaluation.setdefault("grade", grade) != grade:
                    reader.problem(
                        cell,
                        f"grade {grade!r} differs from {evaluation['grade']!r} read before",
                        f"評価 {grade!r} が先に読んだ {evaluation['grade']!r} と異なる",
                        "duplicate",
                    )
                measure.cells.setdefault(f"evaluations.{header.fy}", cell)
        elif header.kind in ("budget", "settled"):
            figure = _figure_or_problem(reader, grid, row, column, None, thousands or "千円" in headers[column])
            if figure is not None:
                line = measure.data.setdefault("budget", {}).setdefault(str(header.fy), {})
                line[header.kind] = (
                    int(figure.value) if figure.value == figure.value.to_integral_value() else str(figure.value)
                )
                measure.cells.setdefault(f"budget.{header.fy}", grid.address(row, column))


def _read_records(reader: _Reader, grid: Grid, table: SheetTable, measure: _Measure, rows: range, where: str) -> None:
    """The evaluations and half-year checks a table maps, each read where at least one of its cells holds text."""
    for name, records, texts_of in (
        ("evaluations", table.evaluations, EVALUATION_TEXTS),
        ("progress_checks", table.progress_checks, CHECK_TEXTS),
    ):
        for index, record in enumerate(records):
            constants = {key: value for key, value in record if not isinstance(value, Place)}
            places = tuple((key, value) for key, value in record if isinstance(value, Place))
            texts = _texts(reader, grid, places, rows, f"{where}.{name}[{index}]")
            if not any(key in texts for key in texts_of):
                continue
            item: dict[str, Any] = {**constants, **{key: text for key, (text, _cell) in texts.items()}}
            if name == "evaluations":
                item = {"kind": item.pop("kind", "annual"), **item}
                measure.evaluations[(str(item["kind"]), str(item.get("fy")))] = item
            else:
                measure.checks[(str(item.get("fy")), int(str(item.get("half", 1))))] = item
            cell = next((cell for _text, cell in texts.values() if cell), None)
            if cell:
                measure.cells.setdefault(f"{name}.{item['fy']}" if "fy" in item else name, cell)


def _read_blocks(reader: _Reader, grid: Grid, table: SheetTable, where: str) -> None:
    assert table.marker is not None
    wanted = normal(table.marker)
    starts = [
        row
        for row in range(1, grid.height + 1)
        if any(
            grid.origin(row, column) == (row, column) and normal(grid.text(row, column)) == wanted
            for column in range(1, grid.width(row) + 1)
        )
    ]
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else grid.height + 1
        rows = range(start, stop)
        block = f"{grid.name}!A{start}"
        fields = _texts(reader, grid, _without_schedule(table), rows, f"{where}.measure", block)
        if "number" not in fields:
            reader.problem(
                f"{grid.name}!A{start}",
                "this block gives no measure code",
                "このブロックには事業のコードがない",
                "missing_key",
            )
            continue
        number, number_cell = fields["number"]
        under = table.under
        if under is None:
            number, under = _path_code(reader, number)
            if "title" in fields and (title := _without_number(fields["title"][0], number)) != fields["title"][0]:
                fields["title"] = (title, fields["title"][1])
        measure = reader.measure(number, under, table.node)
        reader.put(measure.data, measure.cells, "number", number, number_cell or "mapping")
        _set_measure_fields(reader, measure, fields)
        _schedule(reader, grid, table, measure, rows, where)
        indicator_fields = _texts(reader, grid, table.indicator, rows, f"{where}.indicator", block)
        if "name" in indicator_fields:
            name, name_cell = indicator_fields["name"]
            indicator = measure.indicators.setdefault(name, _Indicator())
            reader.put(indicator.data, indicator.cells, "name", name, name_cell or "mapping")
            for key in _INDICATOR_KEYS:
                if key in indicator_fields:
                    text, cell = indicator_fields[key]
                    _set_indicator_field(reader, indicator, key, text, cell or "mapping")
            _block_years(reader, grid, rows, indicator, table.thousands)
        if table.years_run == "across":
            _block_across(reader, grid, table, measure, rows, where)
        if table.budget_row is not None:
            _budget_row(reader, grid, table, measure, rows, where)
        _read_records(reader, grid, table, measure, rows, where)


def _without_schedule(table: SheetTable) -> tuple[tuple[str, Place], ...]:
    """The measure's places whose neighbour is its value: all but the schedule's, whose label heads a table."""
    return tuple((key, place) for key, place in table.measure if key != "schedule")


#: The dashes a path code's parts are printed between (Ⅰ - (1) - ①, Ⅰ－(1)－①).
_CODE_DASHES: Final = re.compile(r"\s*+[-－‐―–]\s*+")


def _path_code(reader: _Reader, number: str) -> tuple[str, str | None]:
    """A number printed as a path code (Ⅰ - (1) - ①) whose leading parts name a section of ``plan.sections``:
    its last part, and the section's path code; any other number as it is, under no section."""
    parts = _CODE_DASHES.split(number.strip())
    if len(parts) < 2 or not all(parts):
        return number, None
    under = "-".join(parts[:-1])
    nodes, _path, _prefix = _section(reader.plan.get("sections", []), under, make=False)
    return (parts[-1], under) if nodes is not None else (number, None)


def _without_number(title: str, number: str) -> str:
    """A title printed after its measure's own number (① 地域交流センターの整備), without it."""
    if title.startswith(number) and title[len(number) : len(number) + 1].isspace():
        return title[len(number) :].strip()
    return title


def _schedule(reader: _Reader, grid: Grid, table: SheetTable, measure: _Measure, rows: range, where: str) -> None:
    """The measure's 年次計画: beside or below its label, a row of fiscal years (Ｈ25 | H26 | …), and under each
    year its stage (実施, 検討, →) or, where no stage fits, its words as the year's text; a blank cell or a dash
    plans nothing that year."""
    place = dict(table.measure).get("schedule")
    if place is None:
        return
    if place.value is not None:
        reader.problem(
            f"{where}.measure.schedule",
            "a schedule is a table on the sheet: give the label it is printed under (年次計画), not a value",
            "年次計画はシート上の表。値ではなく見出し（年次計画）を書く",
        )
        return
    spot = _spot(place.cell) if place.cell is not None else _find_label(grid, place.label or "", rows)
    if spot is None:
        _no_label(reader, f"{where}.measure.schedule", place.label, grid, rows)
        return
    row, column = spot
    first = column if place.below else grid.after(row, column)
    for year_row in range(row + 1 if place.below else row, min(row + 3, grid.height + 1)):
        years = {
            at: header.fy
            for at in range(first, grid.width(year_row) + 1)
            if grid.origin(year_row, at) == (year_row, at)
            and (header := read_header(grid.text(year_row, at), reader.era)) is not None
        }
        if years:
            break
    else:
        reader.problem(
            grid.address(row, column),
            f"no row beside or below {grid.text(row, column)[:80]!r} names fiscal years (Ｈ25 | H26 | …)",
            f"{grid.text(row, column)[:80]!r} の横にも下にも年度の並ぶ行がない",
            "missing_key",
        )
        return
    for at, fy in years.items():
        text = grid.text(year_row + 1, at).strip()
        if not is_blank(text):
            reader.put(
                measure.data, measure.cells, f"schedule.{fy}", read_schedule_cell(text), grid.address(year_row + 1, at)
            )


#: The headers of a block's year table, one per kind of figure.
_BLOCK_KINDS: Final = {"target": ("目標",), "actual": ("実績",), "rate": ("達成率", "達成度")}


def _block_years(reader: _Reader, grid: Grid, rows: range, indicator: _Indicator, thousands: bool) -> None:
    """A block's year × (目標, 実績, 達成率) table: a row of those headers, then a row per fiscal year."""
    for row in rows:
        kinds: dict[int, str] = {}
        for column in range(1, grid.width(row) + 1):
            kind = _kind_of(grid.text(row, column))
            if kind is not None and grid.origin(row, column)[1] == column:
                kinds[column] = kind
        if len(kinds) < 2:
            continue
        year_column = next(
            (column for column in range(1, min(kinds)) if "年度" in grid.text(row, column)), min(kinds) - 1
        )
        for data_row in range(row + 1, rows.stop):
            header = read_header(grid.text(data_row, year_column), reader.era)
            if header is None:
                break
            for column, kind in kinds.items():
                _year_value(reader, grid, data_row, column, HeaderYear(header.fy, kind), indicator, thousands)
        return


def _block_across(reader: _Reader, grid: Grid, table: SheetTable, measure: _Measure, rows: range, where: str) -> None:
    """A block's indicators with the years across: a header row naming the years (25年度 | 26年度 | 27年度),
    then each indicator's rows, labelled 目標値, 実績値 or 達成率, its name, unit and category in the first.

    A row whose indicator cell is blank continues the indicator above (a CSV export of a merged name); a
    row with figures and no such label gives actuals, as a 対象指標 row prints them. The table ends at the
    first blank row, or at a row that names years again (the cost table below it).
    """
    header_row, years = next(
        ((row, found) for row in rows if len(found := _plain_years(reader, grid, row, table)) >= 2), (None, {})
    )
    if header_row is None:
        reader.problem(
            f"{grid.name}!A{rows.start}",
            f"no row of this block, rows {rows.start}–{rows.stop - 1}, names two or more fiscal years (25年度 | 26年度)",
            f"このブロック（{rows.start}–{rows.stop - 1} 行）に年度が二つ以上並ぶ行がない",
            "missing_key",
        )
        return
    headers = _header_texts(grid, (header_row,))
    columns: dict[str, int] = {}
    constants: dict[str, str] = {}
    for key, place in table.columns:
        if place.value is not None:
            constants[key] = str(place.value)
        elif (column := _column_of(reader, place, headers, f"{where}.columns.{key}")) is not None:
            columns[key] = column
    if "indicator" not in columns:
        return
    first_year = min(years)
    labels = [column for column in range(1, first_year) if column not in columns.values()]
    current: _Indicator | None = None
    for row in range(header_row + 1, rows.stop):
        name = grid.text(row, columns["indicator"]).strip()
        kind = next((word for column in labels if (word := _kind_of(grid.text(row, column)))), None)
        figures = [column for column in years if not is_blank(grid.text(row, column))]
        if not (name or kind or figures) or any(read_header(grid.text(row, c), reader.era) for c in years):
            break
        if name:
            current = measure.indicators.setdefault(name, _Indicator())
            cell = grid.address(row, columns["indicator"])
            reader.put(current.data, current.cells, "name", name, cell)
            for key in _INDICATOR_KEYS:
                if key in columns:
                    _set_indicator_field(
                        reader, current, key, grid.text(row, columns[key]), grid.address(row, columns[key])
                    )
                elif key in constants:
                    current.data.setdefault(key, constants[key])
            _baseline(reader, grid, row, columns, current)
            _final_target(reader, grid, row, columns, current, headers)
        if current is None:
            if figures:
                reader.problem(
                    grid.address(row, figures[0]),
                    "these figures belong to no indicator: no name in this row or above it",
                    "この数値はどの指標にも属さない（行にも上にも指標名がない）",
                    "missing_key",
                )
            continue
        for column, fy in years.items():
            _year_value(reader, grid, row, column, HeaderYear(fy, kind or "actual"), current, table.thousands)


def _budget_row(reader: _Reader, grid: Grid, table: SheetTable, measure: _Measure, rows: range, where: str) -> None:
    """The measure's budget lines from a block's cost table: the ``budget_row`` row's cells under the nearest
    row above it whose headers name years with 決算 or 予算 (25年度決算 | 26年度決算 | 27年度予算).

    Amounts are in yen, or in thousands where the table says ``thousands`` or the header or the table's
    first header cell says 千円.
    """
    assert table.budget_row is not None
    found = _find_label(grid, table.budget_row, rows)
    if found is None:
        _no_label(reader, f"{where}.budget_row", table.budget_row, grid, rows)
        return
    row, _column = found
    for header_row in range(row - 1, rows.start - 1, -1):
        headers = {
            column: header
            for column in range(1, grid.width(header_row) + 1)
            if grid.origin(header_row, column) == (header_row, column)
            and (header := read_header(grid.text(header_row, column), reader.era)) is not None
            and header.kind in ("budget", "settled")
        }
        if headers:
            break
    else:
        reader.problem(
            grid.address(row, _column),
            f"no row above {table.budget_row!r} names fiscal years with 決算 or 予算 (25年度決算 | 27年度予算)",
            f"{table.budget_row!r} の上に決算・予算の年度が並ぶ行がない",
            "missing_key",
        )
        return
    in_thousands = "千円" in normal(" ".join(grid.text(header_row, column) for column in range(1, min(headers))))
    for column, header in headers.items():
        thousands = table.thousands or in_thousands or "千円" in normal(grid.text(header_row, column))
        if is_blank(grid.text(row, column)):
            continue
        figure = _figure_or_problem(reader, grid, row, column, None, thousands)
        if figure is None:
            continue
        cell = grid.address(row, column)
        if figure.value != figure.value.to_integral_value():
            reader.problem(
                cell,
                f"{grid.text(row, column)!r} is not whole yen",
                f"{grid.text(row, column)!r} は円単位の整数ではない",
            )
            continue
        line = measure.data.setdefault("budget", {}).setdefault(str(header.fy), {})
        line[header.kind] = int(figure.value)
        measure.cells.setdefault(f"budget.{header.fy}", cell)


def _kind_of(text: str) -> str | None:
    """The kind of figure a label names (目標値, 実績値, 達成率), or None."""
    plain = normal(text)
    return next((name for name, words in _BLOCK_KINDS.items() if any(plain.startswith(word) for word in words)), None)


def _plain_years(reader: _Reader, grid: Grid, row: int, table: SheetTable) -> dict[int, FiscalYear]:
    """The columns of ``row`` that name a fiscal year and nothing else a figure could be (25年度, H26)."""
    found: dict[int, FiscalYear] = {}
    for column in range(1, grid.width(row) + 1):
        if grid.origin(row, column) != (row, column):
            continue
        header = read_header(grid.text(row, column), reader.era)
        if header is None or header.kind != "target" or header.role is not None or header.onward:
            continue
        if any(word in normal(grid.text(row, column)) for word in ("目標", "計画")):
            continue
        if table.years is None or header.fy in table.years:
            found[column] = header.fy
    return found


def _assemble(
    reader: _Reader,
) -> tuple[
    dict[str, Any],
    dict[str, str],
    list[dict[str, Any]],
    dict[tuple[str, str, FiscalYear], tuple[str, str | None, str | None]],
]:
    """The plan's data, the cell of each data path, the provenance, and the cells behind each printed rate."""
    plan = reader.plan
    sections = plan.setdefault("sections", [])
    where: dict[str, str] = {}
    provenance: list[dict[str, Any]] = []
    rates: dict[tuple[str, str, FiscalYear], tuple[str, str | None, str | None]] = {}
    # Sections first, shallower ones before deeper, so that a table may put measures (or sections) under a
    # section another table makes, whichever the mapping lists first; measures keep the order they were read in.
    nodes = sorted(reader.measures.values(), key=_assembly_order)
    for measure in nodes:
        number = measure.data["number"]
        parent, parent_path, parent_code = _section(sections, measure.under)
        if parent is None:
            reader.problem(
                "mapping",
                f"no section {measure.under!r} in plan.sections to put {number!r} under",
                f"plan.sections に {measure.under!r} がない",
                "missing_key",
            )
            continue
        data = dict(measure.data)
        if measure.node == "section":
            found = _section_node(reader, parent, measure)
            if found is None:
                continue
            index, node = found
        else:
            index, node = len(parent), data
        number = str(node["number"])
        indicators = []
        first = len(node.get("indicators", [])) if node is not data else 0
        for position, indicator in enumerate(measure.indicators.values(), start=first):
            item = dict(indicator.data)
            printed = item.pop("printed_rates", {})
            actuals = item.get("actuals", {})
            for year, rate in printed.items():
                fy = FiscalYear.parse(year)
                if year not in actuals:
                    reader.problem(
                        indicator.rate_cells[fy],
                        f"a 達成率 of {rate} is printed for {year}, which has no actual",
                        f"{year} は実績がないのに達成率 {rate} がある",
                    )
                    continue
                value = actuals[year]
                actuals[year] = {**(value if isinstance(value, dict) else {"value": value}), "printed_rate": rate}
                rates[(number, item["name"], fy)] = (
                    indicator.rate_cells[fy],
                    indicator.cells.get(f"actuals.{year}"),
                    indicator.cells.get(f"targets.{year}"),
                )
            indicators.append(item)
            path = f"{parent_path}[{index}].indicators[{position}]"
            for key, cell in indicator.cells.items():
                if key.startswith("printed_rates"):
                    continue
                head, _dot, year = key.partition(".")
                where[path + "." + head + (path_step(year) if year else "")] = cell
                if cell != "mapping":
                    entry = {
                        "node": f"{parent_code}{number}",
                        "indicator": item["name"],
                        "field": key,
                        "source": "sheet",
                        "cell": cell,
                    }
                    if key in indicator.notes:
                        entry["note"] = indicator.notes[key]
                    provenance.append(entry)
        if indicators:
            node["indicators"] = [*node.get("indicators", []), *indicators]
        if measure.evaluations:
            node["evaluations"] = [*node.get("evaluations", []), *measure.evaluations.values()]
        if measure.checks:
            node["progress_checks"] = list(measure.checks.values())
        path = f"{parent_path}[{index}]"
        where.setdefault(path, measure.cells.get("number", "mapping"))
        for key, cell in measure.cells.items():
            head, _dot, year = key.partition(".")
            where.setdefault(path + "." + head + (path_step(year) if year else ""), cell)
            if year:
                # A problem with the whole table of years (a schedule that starts with →) names its first cell.
                where.setdefault(path + "." + head, cell)
            if cell != "mapping" and head in _MEASURE_PROVENANCE:
                provenance.append({"node": f"{parent_code}{number}", "field": key, "source": "sheet", "cell": cell})
        if node is data:
            parent.append(data)
    if provenance:
        plan["provenance"] = [*plan.get("provenance", []), *provenance]
    return plan, where, provenance, rates


def _assembly_order(node: _Measure) -> tuple[int, int]:
    if node.node != "section":
        return 1, 0
    return 0, 0 if node.under is None else len(node.under.split("-"))


def _section_node(reader: _Reader, parent: list[Any], section: _Measure) -> tuple[int, dict[str, Any]] | None:
    """The data of the section a table gives indicators of, and its index in ``parent``: the section of that
    number ``plan.sections`` declares there, else one made at the end. A title the sheet prints must be the
    declared one; anything but a number and a title (a budget a year's column gives) is a problem at its cell.
    """
    number = section.data["number"]
    found = next(
        (
            (index, node)
            for index, node in enumerate(parent)
            if isinstance(node, dict) and normal(str(node.get("number", ""))) == normal(number)
        ),
        None,
    )
    if found is None:
        found = len(parent), {"number": number}
        parent.append(found[1])
    index, node = found
    if "children" not in node and set(node) - _SECTION_KEYS:
        reader.problem(
            section.cells.get("number", "mapping"),
            f"plan.sections declares {number!r} as a measure (it has {sorted(set(node) - _SECTION_KEYS)}); "
            "a table of node = 'section' gives a section's indicators",
            f"plan.sections は {number!r} を事業として書いている。node = 'section' の表は節の指標を読む",
        )
        return None
    node.setdefault("children", [])
    for key, value in section.data.items():
        cell = section.cells.get(key) or next(
            (cell for name, cell in section.cells.items() if name.startswith(key + ".")), "mapping"
        )
        if key not in ("number", "title"):
            reader.problem(
                cell,
                f"a section holds no {key}; this table gives the section {number!r} (node = 'section')",
                f"節には {key} がない。この表は節 {number!r} を読む（node = 'section'）",
            )
        elif _folded(node.setdefault(key, value)) != _folded(value):
            # White space is compared folded: a cell does not keep a line break or a carriage return
            # as written (xlsx stores text as XML), and the declared title is the one kept.
            reader.problem(
                cell,
                f"the section's {key} reads {value!r} here but plan.sections gives {node[key]!r}",
                f"節の {key} がここでは {value!r}、plan.sections では {node[key]!r}",
                "duplicate",
            )
    return index, node


def _folded(value: object) -> object:
    """A text with its runs of white space as single spaces and none at either end; anything else as it is."""
    return " ".join(value.split()) if isinstance(value, str) else value


#: The keys of a section's data in a plan file.
_SECTION_KEYS: Final = {
    "number",
    "title",
    "children",
    "description",
    "references",
    "notes",
    "indicators",
    "evaluations",
}


#: The measure's own fields whose cells its provenance records.
_MEASURE_PROVENANCE: Final = {
    "number",
    "title",
    "departments",
    "lead",
    "background",
    "purpose",
    "content",
    "kind",
    "actors",
    "completion",
    "criterion",
    "schedule",
    "budget",
    "evaluations",
    "progress_checks",
}


def _section(sections: list[Any], code: str | None, make: bool = True) -> tuple[list[Any] | None, str, str]:
    """The list that holds the children of the section ``code`` names (the top for None), its path and code prefix.

    The list is made in the section's data where it has none yet, unless ``make`` is false (a look that leaves the
    plan's data as it was).
    """
    if code is None:
        return sections, "sections", ""
    wanted = [normal(part) for part in code.split("-")]
    nodes, path, prefix = sections, "sections", ""
    for part in wanted:
        for index, node in enumerate(nodes):
            if isinstance(node, dict) and normal(str(node.get("number", ""))) == part:
                path = f"{path}[{index}].children"
                prefix += f"{node.get('number')}-"
                nodes = node.setdefault("children", []) if make else node.get("children", [])
                break
        else:
            return None, "", ""
    return nodes, path, prefix


def _cell_for(path: str, where: dict[str, str]) -> str | None:
    best = None
    for known, cell in where.items():
        if (path == known or path.startswith((known + ".", known + "["))) and (
            best is None or len(known) > len(best[0])
        ):
            best = (known, cell)
    return None if best is None or best[1] == "mapping" else best[1]


def read_grids_into_plan(grids: dict[str, Grid], mapping: SheetMapping, *, check_rates: bool = True) -> Plan:
    """The plan ``grids`` (sheets by name, as read from a workbook or CSV file) hold under ``mapping``."""
    from kyodo.io import from_data

    reader = _Reader(mapping)
    for index, table in enumerate(mapping.tables):
        where = f"tables[{index}]"
        name = table.sheet if table.sheet is not None else next(iter(grids), None)
        grid = grids.get(name) if name is not None else None
        if grid is None:
            reader.problem(
                f"{where}.sheet",
                f"the workbook has no sheet {name!r}; it has {', '.join(map(repr, grids))}",
                f"ブックにシート {name!r} がない",
                "missing_key",
            )
            continue
        if table.layout == "blocks":
            _read_blocks(reader, grid, table, where)
        else:
            _read_rows(reader, grid, table, where)
    if reader.problems:
        raise ValidationError(*reader.problems)
    data, where_cells, _provenance, rates = _assemble(reader)
    if reader.problems:
        raise ValidationError(*reader.problems)
    try:
        plan = from_data(data)
    except ValidationError as error:
        problems = []
        for path, message in error.bilingual:
            cell = _cell_for(path, where_cells)
            problems.append((f"{cell} ({path})" if cell else path, message))
        raise ValidationError(*problems) from None
    if check_rates:
        mismatches = list(_rate_mismatches(plan, rates))
        if mismatches:
            raise ValidationError(*mismatches)
    return plan


def _rate_mismatches(
    plan: Plan, rates: dict[tuple[str, str, FiscalYear], tuple[str, str | None, str | None]]
) -> Iterator[tuple[str, Coded]]:
    for code, node, indicator in plan.indicators():
        for difference in indicator.printed_differences():
            cells = rates.get((node.number, indicator.name, difference.fy))
            if cells is None:
                continue
            rate_cell, actual_cell, target_cell = cells
            figures = f"actual {actual_cell}, target {target_cell or 'not on the sheet'}"
            yield (
                rate_cell,
                Coded(
                    f"{code} {indicator.name}: {difference.message('en')} ({figures})",
                    f"{code} {indicator.name}: {difference.message('ja')}（実績 {actual_cell}、目標 {target_cell or 'シートにない'}）",
                    "invalid",
                ),
            )


# --- guessing -------------------------------------------------------------------------------------------------

#: Header words that name a column, by the field they fill.
_GUESSES: Final = {
    "number": ("No.", "No", "番号", "事業番号", "コード", "整理番号", "施策番号"),
    "title": ("事業名", "施策名", "取組名", "項目名", "名称", "改革実施項目名称"),
    "departments": ("担当課", "所管課", "担当部署", "担当"),
    "indicator": ("指標名", "成果指標", "指標", "活動指標"),
    "unit": ("単位",),
    "direction": ("方向", "目指す方向"),
    "baseline": ("基準値", "現状値", "策定時"),
    "note": ("備考",),
}


#: The words under a year in a two-row header (H28 over 目標値 | 実績値 | 達成率).
_KIND_WORDS: Final = (("target", ("目標", "計画")), ("actual", ("実績",)), ("rate", ("達成率",)))


def guess_mapping(path: str | Path, encoding: str | None = None, era: str | None = None) -> str:
    """A mapping (TOML text) proposed from the headers a sheet's first sheet prints, for the user to edit.

    The header row is the first of the first 30 rows with two or more year
    columns (平成27年度 目標, R2実績); the columns it names by the words kyodo
    knows (No., 事業名, 担当課, 指標名, 単位) are mapped, and labels above it
    (施策名, 担当課) become the measure's header block.
    """
    grids = read_grids(Path(path), encoding)
    return guess_from_grid(next(iter(grids.values())), era)


def guess_from_grid(grid: Grid, era: str | None = None) -> str:
    """The mapping :func:`guess_mapping` proposes for one grid.

    >>> from kyodo._sheet_grid import read_csv_text
    >>> print(guess_from_grid(read_csv_text("No.,指標名,単位,H27目標,H27実績\\n", "表")))
    # A mapping kyodo proposed from the headers of sheet '表': check every line, then fill in the plan.
    schema = "kyodo.sheet-mapping/1"
    <BLANKLINE>
    [plan]
    title = ""  # the plan's title
    municipality = ""
    period = ""  # 平成27年度～平成30年度
    <BLANKLINE>
    [[tables]]
    sheet = "表"
    header_row = 1
    <BLANKLINE>
    [tables.columns]
    number = "No."
    indicator = "指標名"
    unit = "単位"
    # year columns found: D "H27目標" (target FY2015), E "H27実績" (actual FY2015)
    <BLANKLINE>
    """
    context = Era.named(era) if era else None
    header_rows: tuple[int, ...] = ()
    for row in range(1, min(grid.height, 30) + 1):
        found = [
            column
            for column in range(1, grid.width(row) + 1)
            if grid.origin(row, column) == (row, column) and read_header(grid.text(row, column), context)
        ]
        if len(found) >= 2:
            below = [normal(grid.text(row + 1, column)) for column in found]
            kinds = any(word in text for text in below for _kind, words in _KIND_WORDS for word in words)
            header_rows = (row, row + 1) if kinds else (row,)
            break
    lines = [
        f"# A mapping kyodo proposed from the headers of sheet {grid.name!r}: check every line, then fill in the plan.",
        f'schema = "{MAPPING_SCHEMA}"',
        "",
        "[plan]",
        'title = ""  # the plan\'s title',
        'municipality = ""',
        'period = ""  # 平成27年度～平成30年度',
    ]
    if era:
        lines.append(f'era = "{era}"')
    lines += ["", "[[tables]]", f"sheet = {_toml(grid.name)}"]
    if not header_rows:
        lines.append(
            "# no row of year headers (平成27年度, H27, R2, 2020年度) was found in the first 30 rows: set header_row"
        )
        lines.append("header_row = 1")
        return "\n".join(lines) + "\n"
    header_row = header_rows[0]
    lines.append(
        f"header_row = {header_row}" if len(header_rows) == 1 else f"header_rows = [{header_rows[0]}, {header_rows[1]}]"
    )
    columns: list[str] = []
    years: list[str] = []
    taken: set[str] = set()
    for column, text in _header_texts(grid, header_rows).items():
        header = read_header(text, context)
        if header is not None:
            years.append(f"{column_letters(column)} {_toml(text)} ({header.kind} {header.fy.format('fy')})")
            continue
        for key, words in _GUESSES.items():
            if key not in taken and normal(text) in {normal(word) for word in words}:
                columns.append(f"{key} = {_toml(text)}")
                taken.add(key)
                break
    header_block: list[str] = []
    for row in range(1, header_row):
        for column in range(1, grid.width(row) + 1):
            text = normal(grid.text(row, column))
            for key in ("number", "title", "departments"):
                if key not in taken and text in {normal(word) for word in _GUESSES[key]}:
                    header_block.append(f"{key} = {_toml(grid.text(row, column).strip())}")
                    taken.add(key)
    if header_block:
        lines += [
            "",
            "[tables.measure]  # labels above the table; the value is the cell to the right of each",
            *header_block,
        ]
    lines += ["", "[tables.columns]", *columns]
    lines.append("# year columns found: " + (", ".join(years) if years else "none"))
    return "\n".join(lines) + "\n"


def _toml(text: str) -> str:
    from json import dumps

    return dumps(text, ensure_ascii=False)
