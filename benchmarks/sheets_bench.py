"""Benchmark importing a sheet (``kyodo.read_sheet``) against openpyxl reading the same workbook alone.

Usage::

    python benchmarks/run.py --only sheets [--quick] [--write docs/performance.md]

The workbook is generated the same on every machine: a plan of 1,000
measures (under 10 sections) of 3 indicators, each with a target and an
actual in 5 fiscal years, written by ``kyodo.write_sheet`` with its mapping
(the 成果指標 sheet of 3,000 rows and the データ sheet of 15,000). *The
import* is ``kyodo.read_sheet(workbook, mapping)``: every cell as the sheet
shows it, every figure read, the plan built and its printed rates checked.
*The floor* is the reader alone: ``openpyxl.load_workbook`` of the same
bytes (``data_only=True``, as kyodo loads it) and every cell's value of
every sheet. The goal is an import within 3× its floor. Each is timed as
the best of a few runs, side by side in one run.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import kyodo
from kyodo import FiscalYear, FiscalYearRange, Indicator, Measure, Observation, Plan, Section, Target

START_MARKER = "<!-- bench:sheets:start -->"
END_MARKER = "<!-- bench:sheets:end -->"
GOAL = 3.0

MEASURES, INDICATORS, YEARS = 1_000, 3, 5


def make_plan() -> Plan:
    """1,000 measures of 3 indicators with a target and an actual in each of 5 fiscal years."""
    years = [FiscalYear(2015 + offset) for offset in range(YEARS)]
    sections = []
    for section in range(10):
        measures = []
        for number in range(MEASURES // 10):
            indicators = [
                Indicator(
                    f"指標{which + 1}",
                    "件",
                    targets=[Target(fy, 40 + number % 7 + which) for fy in years],
                    actuals=[Observation(fy, Decimal(38 + (number * 7 + which) % 11) / 2) for fy in years],
                )
                for which in range(INDICATORS)
            ]
            measures.append(
                Measure(
                    str(number + 1), f"地域活動推進事業{number + 1}", departments=["市民協働課"], indicators=indicators
                )
            )
        sections.append(Section(str(section + 1), f"施策{section + 1}", measures))
    return Plan("協働推進計画", "某市", FiscalYearRange(years[0], years[-1]), sections=sections)


def _floor(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(path.read_bytes()), data_only=True)
    count = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    count += 1
    return count


def _best(function: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


@dataclass
class Result:
    rows: int
    cells: int
    import_seconds: float
    floor_seconds: float
    profile: str

    @property
    def ratio(self) -> float:
        return self.import_seconds / self.floor_seconds


def run(quick: bool) -> tuple[Result, bool]:
    """Write the workbook, time the import beside the floor, and profile the import once."""
    repeat = 1 if quick else 3
    plan = make_plan()
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "plan.xlsx"
        mapping = kyodo.write_sheet(plan, workbook)
        read = kyodo.read_sheet(workbook, mapping)
        all_right = sum(1 for _ in read.measures()) == MEASURES
        cells = _floor(workbook)
        floor_seconds = _best(lambda: _floor(workbook), repeat)
        import_seconds = _best(lambda: kyodo.read_sheet(workbook, mapping), repeat)
        profiler = cProfile.Profile()
        profiler.runcall(kyodo.read_sheet, workbook, mapping)
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(8)
    lines = [line for line in text.getvalue().splitlines() if line.strip()][-9:]
    return Result(MEASURES * INDICATORS, cells, import_seconds, floor_seconds, "\n".join(lines)), all_right


def console_report(result: Result) -> str:
    return (
        f"sheet import: {result.rows:,} indicator rows, {result.cells:,} filled cells\n"
        f"  read_sheet      {result.import_seconds:8.2f} s\n"
        f"  openpyxl alone  {result.floor_seconds:8.2f} s\n"
        f"  ratio           {result.ratio:8.2f}x (goal: within {GOAL:.0f}x)\n" + result.profile
    )


def markdown_section(result: Result, command: str) -> str:
    verdict = "within" if result.ratio <= GOAL else "above"
    return "\n".join(
        [
            START_MARKER,
            "",
            f"Measured with `{command}`: a workbook written by `kyodo.write_sheet` from a plan of"
            f" {MEASURES:,} measures × {INDICATORS} indicators × {YEARS} fiscal years ({result.cells:,} filled cells,"
            " the 成果指標 and データ sheets), read back through its mapping.",
            "",
            "| contender | best time | ratio to the floor |",
            "|---|---:|---:|",
            f"| `kyodo.read_sheet` (cells as shown, figures read, plan built, rates checked) | {result.import_seconds:.2f} s"
            f" | {result.ratio:.2f}× |",
            f"| openpyxl alone (load, every cell's value): the floor | {result.floor_seconds:.2f} s | 1.00× |",
            "",
            f"The import is {verdict} the goal of 3× the floor: openpyxl's own loading of the workbook dominates both.",
            "",
            END_MARKER,
        ]
    )
