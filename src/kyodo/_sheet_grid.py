"""Spreadsheets as grids of text, each cell as the sheet shows it: xlsx through openpyxl, CSV through csv.

Every cell becomes the text a person reads on the sheet, so that xlsx and CSV
are read alike and no binary float ever decides a figure:

- A number stored in an xlsx cell (a binary double) is first written to 15
  significant digits, the precision Excel itself keeps and shows, and then
  to the decimals of the cell's number format (``0.0`` shows one, ``0.0%``
  one of a percentage, which is the value times 100 with a ``%``), rounded
  half up as the sheet rounds it; under the General format it keeps its 15
  significant digits with trailing zeros dropped. So 0.1+0.2 in a cell reads
  as ``0.3``, and 0.9366 under ``0.0%`` as ``93.7%``.
- A date is written as ISO (``2018-07-20``); true and false as ``TRUE`` and
  ``FALSE``; a formula as the value Excel last computed and saved (openpyxl
  reads that, never the formula).
- A merged range gives its text to every cell it covers, and each covered
  cell's address is that of the range's first cell, where the value is kept.

A CSV file is UTF-8 when its bytes read as UTF-8 (with or without a byte
order mark), and otherwise cp932, the Shift_JIS of Windows that Japanese CSV
files use; a mapping may name the encoding instead.

>>> grid = read_csv_text("No.,名称\\n１,センター数\\n", "sheet")
>>> grid.text(2, 1), grid.address(2, 2)
('１', 'sheet!B2')
>>> shown_number(0.1 + 0.2, "General"), shown_number(0.93664, "0.0%"), shown_number(7068, "#,##0")
('0.3', '93.7%', '7068')
"""

from __future__ import annotations

import csv
import functools
import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Final

from attrs import field, frozen

from kyodo._limits import MAX_SHEET_BYTES, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_SHEET_UNPACKED
from kyodo.errors import Coded, KyodoError, ParseError

__all__ = ["Grid", "column_letters", "column_number", "read_csv_text", "read_grids", "shown_number"]


def column_letters(column: int) -> str:
    """The letters of a 1-based column: 1 is A, 27 is AA.

    >>> column_letters(1), column_letters(26), column_letters(27), column_letters(16384)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """The 1-based number of a column's letters: A is 1, AA is 27.

    >>> column_number("F"), column_number("XFD")
    (6, 16384)
    """
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


@frozen
class Grid:
    """One sheet as rows of text (1-based rows and columns), with the origin of every merged cell."""

    name: str
    rows: tuple[tuple[str, ...], ...]
    #: (row, column) of a cell inside a merged range -> (row, column) of the range's first cell.
    merged: dict[tuple[int, int], tuple[int, int]] = field(factory=dict, eq=False)
    #: (row, column) of a merged range's first cell -> its last column.
    merged_to: dict[tuple[int, int], int] = field(factory=dict, eq=False)

    @property
    def height(self) -> int:
        """The number of rows."""
        return len(self.rows)

    def text(self, row: int, column: int) -> str:
        """The cell's text as the sheet shows it, "" where it is empty or outside the sheet."""
        if not 1 <= row <= len(self.rows):
            return ""
        cells = self.rows[row - 1]
        return cells[column - 1] if 1 <= column <= len(cells) else ""

    def width(self, row: int) -> int:
        """The number of cells in ``row``."""
        return len(self.rows[row - 1]) if 1 <= row <= len(self.rows) else 0

    def origin(self, row: int, column: int) -> tuple[int, int]:
        """The cell that holds the value shown at (row, column): itself, or its merged range's first cell."""
        return self.merged.get((row, column), (row, column))

    def address(self, row: int, column: int) -> str:
        """The address of the cell that holds the value shown at (row, column): ``評価シート!F12``."""
        first_row, first_column = self.origin(row, column)
        return f"{self.name}!{column_letters(first_column)}{first_row}"

    def after(self, row: int, column: int) -> int:
        """The first column right of the cell at (row, column), past the merged range it belongs to."""
        first = self.origin(row, column)
        return self.merged_to.get(first, column) + 1


def _too_large(source: str, what: tuple[str, str], reason: tuple[str, str]) -> ParseError:
    return ParseError(source, what, Coded(reason[0], reason[1], "too_large"))


def _check_shape(source: str, name: str, rows: int, columns: int) -> None:
    what = (f"sheet {name!r}", f"シート {name!r}")
    if rows > MAX_SHEET_ROWS:
        raise _too_large(
            source,
            what,
            (
                f"it has {rows:,} rows; kyodo reads at most {MAX_SHEET_ROWS:,}",
                f"{rows:,}行ある。読めるのは{MAX_SHEET_ROWS:,}行まで",
            ),
        )
    if columns > MAX_SHEET_COLUMNS:
        raise _too_large(
            source,
            what,
            (
                f"it has {columns:,} columns; kyodo reads at most {MAX_SHEET_COLUMNS:,}",
                f"{columns:,}列ある。読めるのは{MAX_SHEET_COLUMNS:,}列まで",
            ),
        )
    if rows * columns > MAX_SHEET_CELLS:
        raise _too_large(
            source,
            what,
            (
                f"it spans {rows * columns:,} cells; kyodo reads at most {MAX_SHEET_CELLS:,}",
                f"{rows * columns:,}セルある。読めるのは{MAX_SHEET_CELLS:,}セルまで",
            ),
        )


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SHEET_BYTES:
            raise _too_large(
                str(path),
                ("a spreadsheet", "表計算ファイル"),
                (
                    f"it is {size:,} bytes; kyodo reads at most {MAX_SHEET_BYTES:,}",
                    f"{size:,}バイトある。読めるのは{MAX_SHEET_BYTES:,}バイトまで",
                ),
            )
        return path.read_bytes()
    except OSError as error:
        raise KyodoError(f"cannot read {str(path)!r}: {error.strerror or error}") from None


def read_grids(path: Path, encoding: str | None = None) -> dict[str, Grid]:
    """Every sheet of the workbook or CSV file at ``path``, by name; a CSV file is one sheet named for the file."""
    data = _read_bytes(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return {path.stem: read_csv_text(decode_csv(data, str(path), encoding), path.stem)}
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(data, str(path))
    raise ParseError(
        str(path),
        ("a spreadsheet", "表計算ファイル"),
        (
            f"kyodo reads .xlsx, .xlsm and .csv files, not {path.suffix or 'a file without a suffix'}",
            "読めるのは .xlsx、.xlsm、.csv",
        ),
        code="unknown_label",
    )


def decode_csv(data: bytes, source: str, encoding: str | None = None) -> str:
    """CSV bytes as text: in ``encoding`` when given, else UTF-8 if they read as UTF-8, else cp932.

    >>> decode_csv("指標".encode("cp932"), "a.csv"), decode_csv("\\ufeff指標".encode(), "a.csv")
    ('指標', '指標')
    """
    for candidate in (encoding,) if encoding else ("utf-8-sig", "cp932"):
        try:
            return data.decode(candidate)
        except LookupError:
            raise ParseError(
                encoding,
                ("an encoding", "文字コード"),
                ("Python knows no such encoding", "そのような文字コードはない"),
                code="unknown_label",
            ) from None
        except UnicodeDecodeError as error:
            if encoding:
                raise ParseError(
                    source,
                    (f"a CSV file in {encoding}", f"{encoding} の CSV ファイル"),
                    (f"byte {error.start} is not {encoding}", f"{error.start}バイト目が {encoding} ではない"),
                    code="bad_syntax",
                ) from None
    raise ParseError(
        source,
        ("a CSV file", "CSV ファイル"),
        ("its bytes are neither UTF-8 nor cp932 (Shift_JIS)", "UTF-8 でも cp932（Shift_JIS）でもない"),
        expected=(
            "a file saved as UTF-8 or Shift_JIS, or the mapping's encoding",
            "UTF-8 か Shift_JIS で保存したファイル",
        ),
        code="bad_syntax",
    )


def read_csv_text(text: str, name: str) -> Grid:
    """CSV text as one grid named ``name``; every field is kept as written."""
    rows: list[tuple[str, ...]] = []
    cells = 0
    try:
        for record in csv.reader(io.StringIO(text, newline="")):
            rows.append(tuple(record))
            cells += len(record)
            _check_shape(name, name, len(rows), len(record))
            if cells > MAX_SHEET_CELLS:
                _check_shape(name, name, len(rows), MAX_SHEET_CELLS)
    except csv.Error as error:
        raise ParseError(
            name,
            ("a CSV file", "CSV ファイル"),
            (f"{error} (row {len(rows) + 1})", f"CSV として読めない（{len(rows) + 1}行目）: {error}"),
            code="bad_syntax",
        ) from None
    return Grid(name, tuple(rows))


# --- xlsx ---------------------------------------------------------------------------------------------------


#: Excel keeps and shows 15 significant digits of a number.
_EXCEL_DIGITS: Final = 15


def shown_number(value: float | int, number_format: str) -> str:
    """A number as a cell with ``number_format`` shows it, without thousands separators (see the module's notes).

    >>> shown_number(2.675, "0.00"), shown_number(1, "0%"), shown_number(58.8, "General"), shown_number(43, "0.0")
    ('2.68', '100%', '58.8', '43.0')
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        exact = Decimal(value)
    else:
        try:
            exact = Decimal(format(value, f".{_EXCEL_DIGITS}g"))
        except InvalidOperation:  # pragma: no cover - format() always gives a number or nan/inf
            return str(value)
        if not exact.is_finite():
            return str(value)
    decimals, percent = _format_shape(number_format)
    if percent:
        exact = exact * 100
    if decimals is None:
        shown = exact.normalize() if exact != exact.to_integral_value() else exact.quantize(Decimal(1))
        text = format(shown, "f")
    else:
        text = format(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
    return text + ("%" if percent else "")


@functools.lru_cache(maxsize=256)
def _format_shape(number_format: str) -> tuple[int | None, bool]:
    """The decimals a number format shows (None for General) and whether it is a percentage.

    Cached: a workbook uses a handful of formats over all its cells.
    """
    section = number_format.split(";", 1)[0]
    plain = []
    quoted = False
    skip = False
    for char in section:
        if skip:
            skip = False
            continue
        if char == '"':
            quoted = not quoted
        elif char == "\\":
            skip = True
        elif not quoted:
            plain.append(char)
    shape = "".join(plain)
    # [Red], [$-411] and the like say colour and locale, not digits.
    while "[" in shape and "]" in shape[shape.index("[") :]:
        start = shape.index("[")
        shape = shape[:start] + shape[shape.index("]", start) + 1 :]
    if not any(char in shape for char in "0#?") or "E" in shape.upper():
        return None, "%" in shape
    decimals = 0
    if "." in shape:
        for char in shape.split(".", 1)[1]:
            if char in "0#?":
                decimals += 1
            elif char not in ",":
                break
    return decimals, "%" in shape


def _shown(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return shown_number(value, number_format)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _read_xlsx(data: bytes, source: str) -> dict[str, Grid]:
    try:
        import openpyxl
    except ImportError:
        raise KyodoError(
            "reading xlsx needs openpyxl: pip install 'kyodo[sheets]' (CSV files need nothing more)"
        ) from None
    what = ("an xlsx workbook", "xlsx ブック")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise ParseError(
            source, what, (f"it is not an xlsx file: {error}", f"xlsx ファイルではない: {error}"), code="bad_syntax"
        ) from None
    if unpacked > MAX_SHEET_UNPACKED:
        raise _too_large(
            source,
            what,
            (
                f"it unpacks to {unpacked:,} bytes; kyodo reads at most {MAX_SHEET_UNPACKED:,}",
                f"展開すると{unpacked:,}バイトになる。読めるのは{MAX_SHEET_UNPACKED:,}バイトまで",
            ),
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:
        raise ParseError(
            source,
            what,
            (f"openpyxl cannot read it: {type(error).__name__}: {error}", f"openpyxl で読めない: {error}"),
            code="bad_syntax",
        ) from None
    grids: dict[str, Grid] = {}
    for sheet in book.worksheets:
        rows, columns = sheet.max_row, sheet.max_column
        _check_shape(source, sheet.title, rows, columns)
        table: list[list[str]] = []
        for cells in sheet.iter_rows(min_row=1, max_row=rows, max_col=columns):
            table.append([_shown(cell.value, cell.number_format or "General") for cell in cells])
        merged: dict[tuple[int, int], tuple[int, int]] = {}
        merged_to: dict[tuple[int, int], int] = {}
        for span in sheet.merged_cells.ranges:
            first = (span.min_row, span.min_col)
            merged_to[first] = span.max_col
            shown = table[span.min_row - 1][span.min_col - 1] if first[0] <= len(table) and first[1] <= columns else ""
            for row in range(span.min_row, min(span.max_row, len(table)) + 1):
                for column in range(span.min_col, min(span.max_col, columns) + 1):
                    merged[(row, column)] = first
                    table[row - 1][column - 1] = shown
            # Ranges may not overlap in Excel; a file whose ranges do cannot make kyodo fill more than the sheet.
            if len(merged) > MAX_SHEET_CELLS:
                _check_shape(source, sheet.title, MAX_SHEET_CELLS + 1, 1)
        grids[sheet.title] = Grid(sheet.title, tuple(tuple(cells) for cells in table), merged, merged_to)
    return grids


def sheet_names(grids: Sequence[str]) -> str:
    """Sheet names quoted and joined, for a message."""
    return ", ".join(repr(name) for name in grids)
