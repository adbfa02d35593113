"""Sheet mappings (``kyodo.sheet-mapping/1``) as data: read from plain data with every problem collected, and their JSON Schema."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

from attrs import frozen

from kyodo.errors import Coded, Message, ParseError, ValidationError
from kyodo.fiscal import FiscalYearRange

__all__ = ["MAPPING_SCHEMA", "Place", "SheetMapping", "SheetTable", "mapping_from_data", "mapping_schema"]

#: The schema id of a sheet mapping.
MAPPING_SCHEMA: Final = "kyodo.sheet-mapping/1"

_CELL: Final = re.compile(r"[A-Z]{1,3}+[1-9][0-9]{0,6}+")
_COLUMN: Final = re.compile(r"[A-Z]{1,3}+")

#: The fields each part of a table may map, with what they are.
COLUMN_FIELDS: Final = {
    "number": "the measure's code (No., 事業番号)",
    "title": "the measure's title (事業名, 取組名)",
    "departments": "its departments (担当課); a ● marks the lead",
    "indicator": "the indicator's name (指標名)",
    "unit": "the indicator's unit (単位)",
    "direction": "which way is better (増加, 減少)",
    "kind": "stock or flow",
    "baseline": "the baseline's value, where its header names no year",
    "note": "a note on the indicator (備考)",
    "category": "what it measures (成果指標, 活動指標, 対象指標)",
    "final_target": "its final target (最終目標値), for the year the final_year column names",
    "final_year": "the fiscal year of the final target (目標年度)",
    "section": "the path code of the section the measure goes under (Ⅱ-1-2); the table's under where blank",
}
#: The columns a block whose years run across reads, one indicator's rows at a time.
ACROSS_COLUMNS: Final = (
    "indicator",
    "unit",
    "direction",
    "kind",
    "note",
    "category",
    "baseline",
    "final_target",
    "final_year",
)
#: The measure's columns, which such a block reads from its labels (under measure) instead.
ACROSS_MEASURE_COLUMNS: Final = tuple(key for key in COLUMN_FIELDS if key not in ACROSS_COLUMNS)
#: The label a measure's field is often printed under, for the hint of an error.
MEASURE_LABELS: Final = {"number": "整理番号", "title": "事務事業名", "departments": "部課名", "section": "施策"}
MEASURE_FIELDS: Final = {
    "number": "the measure's code; in blocks with no under, a path code (Ⅰ-(1)-①) puts it under the section it names",
    "title": "its title",
    "kind": "種別: 新規 or 継続",
    "departments": "its departments",
    "actors": "対象主体: the actors a ■ marks (□ leaves one out)",
    "background": "現状と課題",
    "purpose": "目的",
    "content": "内容",
    "completion": "完了の目安",
    "schedule": "the label of its 年次計画 (取組工程): a row of fiscal years beside or below it, its stages (実施, →) under them",
}
INDICATOR_FIELDS: Final = {
    "name": "its name",
    "unit": "its unit",
    "direction": "which way is better",
    "kind": "stock or flow",
    "note": "a note",
    "category": "what it measures (成果指標, 活動指標, 対象指標)",
}
#: The measure's places a table of sections reads: a section has a number and a title, and no measure's fields.
SECTION_FIELDS: Final = ("number", "title")
EVALUATION_TEXTS: Final = ("grade", "assessment", "issues", "outlook")
CHECK_TEXTS: Final = ("status", "note")


@frozen
class Place:
    """Where a value is: a cell (F12), a column (F, or the column headed 指標名), a label's neighbour, or a constant."""

    cell: str | None = None
    column: str | None = None
    header: str | None = None
    label: str | None = None
    below: bool = False
    value: object = None


@frozen
class SheetTable:
    """One table of a mapping: where on which sheet its measures and figures are."""

    sheet: str | None
    layout: Literal["rows", "blocks"]
    #: what a number of the table names: a measure (the default), or a section whose own indicators it gives
    node: Literal["measure", "section"]
    #: blocks: the way a block's years run, down its rows (a row a year) or across its columns (a column a year)
    years_run: Literal["down", "across"]
    header_rows: tuple[int, ...]
    first_row: int | None
    last_row: int | None
    years: FiscalYearRange | None
    under: str | None
    marker: str | None
    thousands: bool
    columns: tuple[tuple[str, Place], ...]
    #: columns the reader leaves alone though their headers name a year (a grade the sheet computes)
    skip: tuple[Place, ...]
    #: blocks: the label of the row of a cost table whose 決算 and 予算 cells are the measure's budget lines
    budget_row: str | None
    #: rows: columns whose headers the reader reads as other text (a 達成率 column printed without its year)
    headers: tuple[tuple[Place, str], ...]
    measure: tuple[tuple[str, Place], ...]
    indicator: tuple[tuple[str, Place], ...]
    evaluations: tuple[tuple[tuple[str, object], ...], ...]
    progress_checks: tuple[tuple[tuple[str, object], ...], ...]


@frozen
class SheetMapping:
    """Which cells of a spreadsheet hold a plan's measures and figures (``kyodo.sheet-mapping/1``).

    Read one with :func:`kyodo.load_sheet_mapping` or build it from data with
    :meth:`from_data`; docs/sheets.md describes every key.

    >>> mapping = SheetMapping.from_data({
    ...     "plan": {"title": "評価", "municipality": "所沢市", "period": "H30"},
    ...     "tables": [{"header_row": 1, "columns": {"number": "A", "indicator": "指標名"}}]})
    >>> mapping.tables[0].columns
    (('number', Place(cell=None, column='A', header=None, label=None, below=False, value=None)), ('indicator', Place(cell=None, column=None, header='指標名', label=None, below=False, value=None)))
    """

    plan: tuple[tuple[str, Any], ...]
    tables: tuple[SheetTable, ...]
    encoding: str | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> SheetMapping:
        """A mapping from plain data (as its file holds it; ``schema`` may be left out), every problem in one error."""
        return mapping_from_data(data)


class _Problems:
    def __init__(self) -> None:
        self.found: list[tuple[str, Message]] = []

    def add(self, path: str, english: str, japanese: str, code: str = "invalid") -> None:
        self.found.append((path, Coded(english, japanese, code)))


def _table_of(value: object, path: str, problems: _Problems) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    problems.add(
        path,
        f"expected a table, not {type(value).__name__}",
        f"表が必要（{type(value).__name__} ではない）",
        "not_a_table",
    )
    return {}


def _unknown(table: Mapping[str, Any], allowed: Iterable[str], path: str, problems: _Problems) -> None:
    allowed = tuple(allowed)
    for key in table:
        if key not in allowed:
            known = ", ".join(allowed)
            problems.add(
                f"{path}.{key}" if path else str(key),
                f"unknown key; expected one of {known}",
                f"不明なキー。{known} のいずれか",
                "unknown_key",
            )


def _text(value: object, path: str, problems: _Problems) -> str | None:
    if value is None or isinstance(value, str):
        return value
    problems.add(
        path,
        f"expected text, not {type(value).__name__} {value!r}",
        f"文字列が必要（{type(value).__name__} ではない）",
        "not_text",
    )
    return None


def _row(value: object, path: str, problems: _Problems) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1_048_576:
        return value
    problems.add(
        path,
        f"expected a row number from 1, not {value!r}",
        f"1 以上の行番号が必要（{value!r} ではない）",
        "out_of_range",
    )
    return None


def _place(value: object, path: str, problems: _Problems, columns: bool) -> Place | None:
    if isinstance(value, str):
        if _CELL.fullmatch(value):
            return Place(cell=value)
        if columns and _COLUMN.fullmatch(value):
            return Place(column=value)
        if not value.strip():
            problems.add(path, "a place may not be empty", "空の場所は書けない")
            return None
        return Place(header=value) if columns else Place(label=value)
    if isinstance(value, Mapping):
        _unknown(value, ("cell", "column", "header", "label", "below", "value"), path, problems)
        given = [key for key in ("cell", "column", "header", "label", "value") if key in value]
        if len(given) != 1:
            problems.add(
                path,
                "give exactly one of cell, column, header, label or value",
                "cell、column、header、label、value のどれか一つを書く",
            )
            return None
        key = given[0]
        if key == "value":
            return Place(value=value["value"])
        text = _text(value[key], f"{path}.{key}", problems)
        if text is None:
            return None
        if key == "cell" and not _CELL.fullmatch(text):
            problems.add(
                f"{path}.cell", f"{text!r} is not a cell's address (F12)", f"{text!r} はセル番地（F12）ではない"
            )
            return None
        if key == "column" and not _COLUMN.fullmatch(text):
            problems.add(
                f"{path}.column", f"{text!r} is not a column's letters (F)", f"{text!r} は列の記号（F）ではない"
            )
            return None
        below = value.get("below", False)
        if not isinstance(below, bool):
            problems.add(f"{path}.below", "expected true or false", "true か false が必要", "not_a_boolean")
            below = False
        return Place(**{key: text}, below=below)
    problems.add(
        path,
        f"expected a cell (F12), a column (F), a label or a table, not {type(value).__name__}",
        "セル番地、列、見出し、または表が必要",
        "not_text",
    )
    return None


def _places(
    value: object, path: str, fields: Mapping[str, str], problems: _Problems, columns: bool
) -> tuple[tuple[str, Place], ...]:
    table = _table_of(value, path, problems)
    _unknown(table, fields, path, problems)
    found = []
    for key, item in table.items():
        if key in fields:
            place = _place(item, f"{path}.{key}", problems, columns)
            if place is not None:
                found.append((key, place))
    return tuple(found)


def _records(
    value: object, path: str, constants: tuple[str, ...], texts: tuple[str, ...], problems: _Problems
) -> tuple[tuple[tuple[str, object], ...], ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        problems.add(path, "expected a list of tables", "表のリストが必要", "not_a_list")
        return ()
    records = []
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        table = _table_of(item, where, problems)
        _unknown(table, (*constants, *texts), where, problems)
        record: list[tuple[str, object]] = []
        for key, entry in table.items():
            if key in constants:
                record.append((key, entry))
            elif key in texts:
                place = _place(entry, f"{where}.{key}", problems, False)
                if place is not None:
                    record.append((key, place))
        records.append(tuple(record))
    return tuple(records)


_TABLE_KEYS: Final = (
    "sheet", "layout", "node", "years_run", "header_row", "header_rows", "first_row", "last_row", "years", "under", "marker",
    "thousands", "columns", "skip", "headers", "budget_row", "measure", "indicator", "evaluations", "progress_checks",
)  # fmt: skip


def _table(value: object, path: str, problems: _Problems) -> SheetTable:
    table = _table_of(value, path, problems)
    _unknown(table, _TABLE_KEYS, path, problems)
    layout = _choice(table, "layout", ("rows", "blocks"), "rows", path, problems)
    # A wrong value is a problem, and its default then asks nothing more of the table.
    years_run = _choice(
        table, "years_run", ("down", "across"), "across" if layout == "rows" else "down", path, problems
    )
    if layout == "rows" and years_run != "across":
        problems.add(
            f"{path}.years_run",
            "a table of rows has its years across its columns; years run down only in blocks",
            "行の表では年度は列に並ぶ。年度が行に並ぶのはブロックだけ",
        )
    elif layout == "blocks" and years_run == "across":
        # The indicators of a block whose years run across are rows of its table, found by their columns.
        if "indicator" in table:
            problems.add(
                f"{path}.indicator",
                "blocks whose years run across read each indicator from its row: map columns, not indicator",
                "年度が列に並ぶブロックでは指標を行から読む。indicator ではなく columns に書く",
            )
        given_columns = table.get("columns")
        for key in ACROSS_MEASURE_COLUMNS:
            if isinstance(given_columns, Mapping) and key in given_columns:
                hint, hint_ja = (
                    ("give the section's path code as the table's under", "節のパスコードは表の under に書く")
                    if key == "section"
                    else (
                        f"give the label it is printed under in measure ({key} = {MEASURE_LABELS[key]!r})",
                        f"印刷された見出しを measure に書く（{key} = {MEASURE_LABELS[key]!r}）",
                    )
                )
                problems.add(
                    f"{path}.columns.{key}",
                    f"{key!r} is the measure's, not an indicator row's, and a block whose years run across "
                    f"never reads it from a column: {hint}; columns takes {', '.join(ACROSS_COLUMNS)}",
                    f"{key!r} は事業の項目で、年度が列に並ぶブロックでは列から読まない。{hint_ja}。"
                    f"columns に書けるのは {', '.join(ACROSS_COLUMNS)}",
                    "unknown_key",
                )
        if not isinstance(given_columns, Mapping) or "indicator" not in given_columns:
            problems.add(
                f"{path}.columns.indicator",
                "blocks whose years run across need the column of the indicator's name (指標名)",
                "年度が列に並ぶブロックには指標名の列が必要",
                "missing_key",
            )
    rows = table.get("header_rows", [table["header_row"]] if "header_row" in table else [1])
    header_rows: list[int] = []
    if not isinstance(rows, list | tuple) or not rows:
        problems.add(f"{path}.header_rows", "expected a list of row numbers", "行番号のリストが必要", "not_a_list")
    else:
        for index, row in enumerate(rows):
            number = _row(row, f"{path}.header_rows[{index}]", problems)
            if number is not None:
                header_rows.append(number)
    years = None
    if table.get("years") is not None:
        try:
            text = table["years"]
            years = (
                FiscalYearRange.parse(text)
                if isinstance(text, str) and any(s in text for s in "～〜~-–—から")
                else None
            )
            if years is None and isinstance(text, str):
                from kyodo.fiscal import FiscalYear

                one = FiscalYear.parse(text)
                years = FiscalYearRange(one, one)
            elif years is None:
                problems.add(
                    f"{path}.years",
                    "expected fiscal years as text (H26～H28)",
                    "年度の範囲（H26～H28）を文字列で書く",
                    "not_text",
                )
        except ParseError as error:
            problems.found.append((f"{path}.years", error.coded))
    thousands = table.get("thousands", False)
    if not isinstance(thousands, bool):
        problems.add(f"{path}.thousands", "expected true or false", "true か false が必要", "not_a_boolean")
        thousands = False
    marker = _text(table.get("marker"), f"{path}.marker", problems)
    if layout == "blocks" and not marker:
        problems.add(
            f"{path}.marker",
            "a table of blocks needs the label that starts each block (事業名)",
            "ブロックの表には各ブロックの始まりの見出し（事業名）が必要",
            "missing_key",
        )
    skip: list[Place] = []
    given = table.get("skip", [])
    if not isinstance(given, list | tuple):
        problems.add(f"{path}.skip", "expected a list of columns", "列のリストが必要", "not_a_list")
        given = []
    for index, item in enumerate(given):
        place = _place(item, f"{path}.skip[{index}]", problems, True)
        if place is not None:
            skip.append(place)
    headers: list[tuple[Place, str]] = []
    given_headers = table.get("headers", {})
    if layout != "rows" and given_headers:
        problems.add(
            f"{path}.headers",
            "headers are read in a table of rows; a block finds its years by its own headers",
            "headers は行の表でだけ読む。ブロックは自分の見出しから年度を探す",
        )
    for key, text in _table_of(given_headers, f"{path}.headers", problems).items():
        # A key is a column's letters or its printed header; never a cell (H29 is a header here).
        column = str(key)
        if not column.strip():
            problems.add(f"{path}.headers", "a column may not be empty", "空の列は書けない")
            continue
        read_as = _text(text, f"{path}.headers.{column}", problems)
        if read_as is not None:
            place = Place(column=column) if _COLUMN.fullmatch(column) else Place(header=column)
            headers.append((place, read_as))
    node = _node(table, path, problems)
    budget_row = _text(table.get("budget_row"), f"{path}.budget_row", problems)
    if budget_row is not None and layout != "blocks":
        problems.add(
            f"{path}.budget_row",
            "budget_row is read in a table of blocks; a table of rows reads its budget from columns headed 予算 or 決算",
            "budget_row はブロックの表でだけ読む。行の表は予算・決算の見出しの列から読む",
        )
    return SheetTable(
        sheet=_text(table.get("sheet"), f"{path}.sheet", problems),
        layout=layout,
        node=node,
        years_run=years_run,
        header_rows=tuple(header_rows),
        first_row=_row(table.get("first_row"), f"{path}.first_row", problems),
        last_row=_row(table.get("last_row"), f"{path}.last_row", problems),
        years=years,
        under=_text(table.get("under"), f"{path}.under", problems),
        marker=marker,
        thousands=thousands,
        columns=_places(table.get("columns", {}), f"{path}.columns", COLUMN_FIELDS, problems, True),
        skip=tuple(skip),
        headers=tuple(headers),
        budget_row=budget_row,
        measure=_places(table.get("measure", {}), f"{path}.measure", MEASURE_FIELDS, problems, False),
        indicator=_places(table.get("indicator", {}), f"{path}.indicator", INDICATOR_FIELDS, problems, False),
        evaluations=_records(
            table.get("evaluations"), f"{path}.evaluations", ("kind", "fy", "written_on"), EVALUATION_TEXTS, problems
        ),
        progress_checks=_records(
            table.get("progress_checks"), f"{path}.progress_checks", ("fy", "half"), CHECK_TEXTS, problems
        ),
    )


def _choice(
    table: Mapping[str, Any], key: str, choices: tuple[str, ...], default: str, path: str, problems: _Problems
) -> Any:
    """The table's ``key``, one of ``choices``; ``default`` where it is left out or is none of them (a problem)."""
    value = table.get(key, default)
    if value in choices:
        return value
    expected = " or ".join(map(repr, choices))
    problems.add(
        f"{path}.{key}",
        f"expected {expected}, not {value!r}",
        f"{' か '.join(map(repr, choices))}（{value!r} ではない）",
        "unknown_label",
    )
    return default


def _node(table: Mapping[str, Any], path: str, problems: _Problems) -> Literal["measure", "section"]:
    """What the table's numbers name; a table of sections is refused what only a measure holds."""
    if _choice(table, "node", ("measure", "section"), "measure", path, problems) == "section":
        given = [
            (f"{path}.{part}.{key}", key)
            for part, keys in (("measure", MEASURE_FIELDS), ("columns", ("departments",)))
            if isinstance(table.get(part), Mapping)
            for key in table[part]
            if key in keys and key not in SECTION_FIELDS
        ]
        given += [(f"{path}.{key}", key) for key in ("budget_row", "progress_checks") if key in table]
        for where, key in given:
            problems.add(
                where,
                f"a section holds no {key}: with node = 'section' a table gives a section's number, title, "
                "indicators and evaluations; read the measures' own fields with a table of measures",
                f"節には {key} がない。node = 'section' の表が読むのは節の番号、名称、指標、評価。"
                "事業の項目は事業の表で読む",
                "unknown_key",
            )
        return "section"
    return "measure"


def mapping_from_data(data: Mapping[str, Any]) -> SheetMapping:
    """A :class:`SheetMapping` from plain data; ``schema`` may be left out, and any other is refused."""
    problems = _Problems()
    top = _table_of(data, "", problems)
    if problems.found:
        raise ValidationError(*problems.found)
    if top.get("schema", MAPPING_SCHEMA) != MAPPING_SCHEMA:
        problems.add(
            "schema",
            f"expected {MAPPING_SCHEMA!r}, not {top.get('schema')!r}",
            f"{MAPPING_SCHEMA!r} が必要",
            "wrong_schema",
        )
    _unknown(top, ("schema", "plan", "tables", "encoding"), "", problems)
    plan = _table_of(top.get("plan", {}), "plan", problems)
    if "sections" in plan and not isinstance(plan["sections"], list):
        problems.add("plan.sections", "expected a list of sections", "セクションのリストが必要", "not_a_list")
    tables = top.get("tables")
    made: list[SheetTable] = []
    if not isinstance(tables, list) or not tables:
        problems.add(
            "tables", "a mapping needs a list of at least one table", "一つ以上の表のリストが必要", "missing_key"
        )
    else:
        made = [_table(table, f"tables[{index}]", problems) for index, table in enumerate(tables)]
    encoding = _text(top.get("encoding"), "encoding", problems)
    if problems.found:
        raise ValidationError(*problems.found)
    return SheetMapping(tuple(plan.items()), tuple(made), encoding)


def mapping_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of sheet mappings.

    >>> mapping_schema()["properties"]["schema"]
    {'const': 'kyodo.sheet-mapping/1'}
    """
    place = {
        "description": "A cell (F12), a label whose neighbour holds the value (担当課), or a table of one of cell, label (with below), value (a constant).",
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {
                    "cell": {"type": "string", "pattern": "^[A-Z]{1,3}[1-9][0-9]*$"},
                    "column": {"type": "string", "pattern": "^[A-Z]{1,3}$"},
                    "header": {"type": "string"},
                    "label": {"type": "string"},
                    "below": {"type": "boolean"},
                    "value": {},
                },
                "additionalProperties": False,
            },
        ],
    }
    row = {"type": "integer", "minimum": 1}

    def places(fields: Mapping[str, str]) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {key: {"$ref": "#/$defs/place", "description": text} for key, text in fields.items()},
            "additionalProperties": False,
        }

    def records(constants: Mapping[str, Any], texts: tuple[str, ...]) -> dict[str, Any]:
        return {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {**constants, **{key: {"$ref": "#/$defs/place"} for key in texts}},
                "additionalProperties": False,
            },
        }

    fiscal_year = {"type": ["string", "integer"], "description": "a fiscal year: 平成27年度, H27, FY2015"}
    table = {
        "type": "object",
        "properties": {
            "sheet": {"type": "string", "description": "the sheet's name; the first sheet when left out"},
            "layout": {
                "enum": ["rows", "blocks"],
                "description": "rows: one row per indicator; blocks: one block per measure",
            },
            "node": {
                "enum": ["measure", "section"],
                "description": "what a number names: a measure (the default), or a section of the plan's tree "
                "whose own indicators (a 施策's 成果指標) and evaluations the table gives",
            },
            "years_run": {
                "enum": ["down", "across"],
                "description": "blocks: a row a year (down, the default) or a column a year (across), "
                "each indicator's rows then labelled 目標値, 実績値, 達成率",
            },
            "header_row": row,
            "header_rows": {"type": "array", "items": row, "minItems": 1},
            "first_row": row,
            "last_row": row,
            "years": {"type": "string", "description": "only the fiscal years of this range are read (H26～H28)"},
            "under": {
                "type": "string",
                "description": "the path code of a section of plan.sections the measures go under",
            },
            "marker": {"type": "string", "description": "blocks: the label that starts each block (事業名)"},
            "thousands": {"type": "boolean", "description": "money columns are in thousands of yen (千円)"},
            "columns": places(COLUMN_FIELDS),
            "skip": {
                "type": "array",
                "items": {"$ref": "#/$defs/place"},
                "description": "columns (letters or headers) the reader leaves alone, though their headers name a year",
            },
            "headers": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "rows: a column (its letters or its printed header) and the header to read it as, "
                "where the sheet prints no year or no kind of figure (達成率(％) read as H29 達成率)",
            },
            "budget_row": {
                "type": "string",
                "description": "blocks: the label of the cost table's row whose cells under 決算 and 予算 year "
                "columns are the measure's budget lines (⑤総事業費(①+④))",
            },
            "measure": places(MEASURE_FIELDS),
            "indicator": places(INDICATOR_FIELDS),
            "evaluations": records(
                {"kind": {"type": "string"}, "fy": fiscal_year, "written_on": {"type": "string"}}, EVALUATION_TEXTS
            ),
            "progress_checks": records({"fy": fiscal_year, "half": {"enum": [1, 2]}}, CHECK_TEXTS),
        },
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "kyodo sheet mapping",
        "type": "object",
        "properties": {
            "schema": {"const": MAPPING_SCHEMA},
            "plan": {
                "type": "object",
                "description": "the plan's own keys as a plan file writes them (title, municipality, period, era, sections …)",
            },
            "encoding": {"type": "string", "description": "a CSV file's encoding; UTF-8 or else cp932 when left out"},
            "tables": {"type": "array", "items": table, "minItems": 1},
        },
        "required": ["schema", "tables"],
        "additionalProperties": False,
        "$defs": {"place": place},
    }
