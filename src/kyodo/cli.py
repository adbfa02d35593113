"""The ``kyodo`` command (also ``python -m kyodo``).

``kyodo`` alone shows what kyodo reads in the seed documents' dates and
fiscal-year labels; ``kyodo fy TEXT ...`` explains any date, era date,
fiscal-year label or range. Bad input exits with status 2 and one line on
stderr (``--debug`` shows the traceback instead).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date

from kyodo import __version__
from kyodo.errors import KyodoError, ParseError, ValidationError
from kyodo.fiscal import FiscalHalf, FiscalQuarter, FiscalYear, FiscalYearRange, FiscalYearStyle
from kyodo.io import json_schema, load
from kyodo.wareki import WarekiStyle, YearMonth, format_wareki, read_wareki

#: Texts printed in the seed documents, each with the document it comes from.
DEMO_TEXTS: tuple[tuple[str, str], ...] = (
    ("H30.7.20", "seed 003, Tokorozawa: the date a self-evaluation was written"),
    ("平成26年3月", "seed 001, Ichinoseki: the month the plan was published"),
    ("平成26年度から平成30年度まで", "seed 001, Ichinoseki: the plan's period"),
    ("Ｈ２９年度", "seed 002, Yamaguchi: a schedule column, full-width"),
    ("平成31年度", "seed 000, Niigata: 平成31年度以降, a year that 平成 never reached"),
    ("平成34年度", "seed 004, Mitaka: the final target year"),
    ("2019-05-01", "the first day of 令和"),
    ("1989-01-07", "the last day of 昭和"),
)


def explain(text: str) -> Iterator[str]:
    """Lines that say what ``text`` names: its day or month, fiscal year, half and every label.

    >>> for line in explain("H30.7.20"):
    ...     print(line)
    H30.7.20
      day           2018-07-20
      era date      平成30年7月20日 · 平成三十年七月二十日 · H30.7.20 · H30/7/20
      fiscal year   平成30年度 · 平成三十年度 · H30 · H30年度 · 2018年度 · FY2018
      spans         2018-04-01 – 2019-03-31
      half          上半期 (2018-04-01 – 2018-09-30)
      quarter       第2四半期 (2018-07-01 – 2018-09-30)
    """
    yield text
    value = _read_any(text)
    if isinstance(value, FiscalYearRange):
        yield _row("range", f"{value.format()} ({len(value)} fiscal years)")
        yield _row("spans", f"{value.start} – {value.end}")
        yield _row("years", " ".join(fy.format("letter") for fy in value))
        return
    if isinstance(value, FiscalYear):
        reading = FiscalYear.read(text)
        if reading.beyond_era_end and reading.era is not None:
            yield _row("note", f"{reading.era.name}{reading.era_year}年度 is past the end of {reading.era.name}")
        yield from _fiscal_year_rows(value)
        return
    if isinstance(value, YearMonth):
        yield _row("month", str(value))
        yield _row("era month", " · ".join(dict.fromkeys(format_wareki(value, style) for style in WarekiStyle)))
        yield from _fiscal_year_rows(FiscalYear.of(value))
        half = FiscalHalf.of(value)
        yield _row("half", f"{half.label} ({half.start} – {half.end})")
        return
    yield _row("day", value.isoformat())
    yield _row("era date", " · ".join(dict.fromkeys(format_wareki(value, style) for style in WarekiStyle)))
    yield from _fiscal_year_rows(FiscalYear.of(value))
    half, quarter = FiscalHalf.of(value), FiscalQuarter.of(value)
    yield _row("half", f"{half.label} ({half.start} – {half.end})")
    yield _row("quarter", f"{quarter.label} ({quarter.start} – {quarter.end})")


def _row(label: str, value: str) -> str:
    return f"  {label:<13} {value}"


def _fiscal_year_rows(fiscal_year: FiscalYear) -> Iterator[str]:
    labels = dict.fromkeys(fiscal_year.format(style) for style in FiscalYearStyle)
    yield _row("fiscal year", " · ".join(labels))
    yield _row("spans", f"{fiscal_year.start} – {fiscal_year.end}")


def _read_any(text: str) -> date | YearMonth | FiscalYear | FiscalYearRange:
    """Read ``text`` as whatever it can be: an ISO date, an era date or month, a fiscal year or a range."""
    stripped = text.strip()
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        pass
    attempts: list[ParseError] = []
    for reader in (
        lambda: read_wareki(text).value,
        lambda: FiscalYear.parse(text),
        lambda: FiscalYearRange.parse(text),
    ):
        try:
            return reader()
        except ParseError as error:
            attempts.append(error)
    # The reader that got furthest into the text is the one the user meant.
    best = max(attempts, key=lambda error: error.column or 0)
    raise ParseError(
        text,
        "a date, an era date, a fiscal year or a range of fiscal years",
        f"as {best.what}, {best.reason}",
        column=best.column,
        expected="2018-07-20, 平成30年7月20日, H30.7.20, 平成27年度, FY2015 or H26–H30",
    )


def _demo() -> Iterator[str]:
    yield f"kyodo {__version__}: what kyodo reads in the seed documents' dates and fiscal years"
    for text, source in DEMO_TEXTS:
        yield ""
        yield f"# {source}"
        yield from explain(text)


def _validate(paths: Sequence[str]) -> int:
    """Check each plan file; print every problem with its place. 0 if all are valid, 1 if not, 2 if unreadable."""
    status = 0
    for path in paths:
        try:
            plan = load(path)
        except ValidationError as error:
            for place, message in error.problems:
                print(f"{place}: {message}" if place else message)
            status = max(status, 1)
        except KyodoError as error:
            print(f"kyodo: error: {error}", file=sys.stderr)
            status = 2
        else:
            print(f"{path}: valid ({sum(1 for _ in plan.measures())} measures)")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="kyodo", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"kyodo {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    commands = parser.add_subparsers(dest="command")
    fy = commands.add_parser("fy", help="explain dates, era dates, fiscal-year labels and ranges")
    fy.add_argument("texts", nargs="+", metavar="TEXT", help="e.g. H30.7.20, 平成27年度, 2019-05-01, H26–H30")
    commands.add_parser("schema", help="print the JSON Schema of plan files")
    validate = commands.add_parser("validate", help="check plan files; every problem with its place, exit 1 if any")
    validate.add_argument("plans", nargs="+", metavar="PLAN", help="a .toml, .json or .yaml plan file")
    arguments = parser.parse_args(argv)
    if arguments.command == "validate":
        return _validate(arguments.plans)
    lines: list[str] = []
    try:
        if arguments.command == "schema":
            lines.append(json.dumps(json_schema(), ensure_ascii=False, indent=2))
        elif arguments.command == "fy":
            for index, text in enumerate(arguments.texts):
                if index:
                    lines.append("")
                lines.extend(explain(text))
        else:
            lines.extend(_demo())
    except KyodoError as error:
        if arguments.debug:
            raise
        print(f"kyodo: error: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0
