"""Benchmark kyodo's era dates, fiscal years, plan files, grades and subsidies against their peers, in one run.

Usage::

    python benchmarks/run.py [--quick] [--write docs/performance.md]
        [--only fiscal|io|grading|subsidy|request|report|import|sheets]

This runs eight benchmarks, one after the other: the one below (era dates and
fiscal years); reading and writing plan files against plain ``json``
(``plan_io.py``, on the corpus of ``corpus.py``); grading and completion
criteria against a hand-written floor and ``rule-engine``
(``grading_bench.py``); and subsidy awards, scalar and fast path, against a
numpy floor and OpenFisca-core (``subsidy_bench.py``); the cost of a
grading request, as a service answers it, against loading its plan alone
(``request_bench.py``); plan reports at two sizes against reading the plan
(``report_bench.py``); ``import kyodo`` against ``import attrs, cattrs``
(``import_bench.py``); and importing an evaluation workbook against openpyxl
reading it alone (``sheets_bench.py``). Each but the first writes its own
section, between ``<!-- bench:NAME:start -->`` and ``<!-- bench:NAME:end -->``
(NAME being ``io``, ``grading``, ``subsidy``, ``request``, ``report``,
``import`` and ``sheets``).
``--only`` runs just one of them.

Each case times kyodo, a peer library doing the same work (japanera for era
dates, a scalar pandas ``Period`` for fiscal years, pandas' vectorised
``to_period`` for a column of them) and a plain-Python floor (plain numpy for
the column) that does the least work that can give the answer. Inputs are
1,000 distinct dates (and the texts naming them), cycled, never one constant
value; the column case converts them cycled to a million in one call. Before
anything is timed, every answer of every contender is checked against the
known right one, so that the ratios compare equal work.

Times are per call, the best of several repeats, measured with ``timeit``.
The figures worth keeping are the ratios: peer / kyodo (how many times faster
kyodo is) and kyodo / floor (how far kyodo is above the cheapest possible
code). ``--write PATH`` rewrites this benchmark's section of PATH, between
``<!-- bench:fiscal:start -->`` and ``<!-- bench:fiscal:end -->``, and keeps
the rest of the file.

A peer that is not installed is reported as such and left out; the script
never fails for want of one.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import functools
import os
import platform
import random
import re
import sys
import timeit
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grading_bench
import import_bench
import kyodo
import plan_io
import report_bench
import request_bench
import sheets_bench
import subsidy_bench

START_MARKER = "<!-- bench:fiscal:start -->"
END_MARKER = "<!-- bench:fiscal:end -->"

INPUT_COUNT = 1_000
#: How many dates the columnar case converts in one call.
COLUMN_SIZE = 1_000_000
SEED = 20150401

INTRO = """\
# Performance

kyodo is meant to be cheap enough to call on every cell of a spreadsheet of
plans. The benchmarks in `benchmarks/` time kyodo beside the libraries people
would otherwise use, and beside a plain-Python floor (the least code that can
give the answer), in the same run on the same machine.

Run them with `make bench`, or directly with
`python benchmarks/run.py --write docs/performance.md` (add `--quick` for a
short, noisier run). Each run rewrites its own section below, between its
markers, and leaves the rest of this page alone.

The figures are ratios from one run, on a small machine (2 cores); each
section names the Python version and platform it ran on. Absolute times
depend on the machine, ratios much less, but treat differences of a few
tens of percent as noise.
"""


# --- inputs ------------------------------------------------------------------


def make_dates(count: int = INPUT_COUNT, seed: int = SEED) -> list[dt.date]:
    """``count`` distinct dates from 1970 to 2035, in random order, with the era changes among them."""
    rng = random.Random(seed)
    first = dt.date(1970, 1, 1).toordinal()
    last = dt.date(2035, 12, 31).toordinal()
    boundaries = [dt.date(1989, 1, 7), dt.date(1989, 1, 8), dt.date(2019, 4, 30), dt.date(2019, 5, 1)]
    chosen = set(boundaries)
    while len(chosen) < count:
        chosen.add(dt.date.fromordinal(rng.randint(first, last)))
    dates = sorted(chosen)
    rng.shuffle(dates)
    return dates


# --- the plain-Python floor ---------------------------------------------------
# The least work that gives each answer for modern dates: no validation, no
# error messages, no normalisation.

_FLOOR_ERAS = (
    ("令和", "R", dt.date(2019, 5, 1)),
    ("平成", "H", dt.date(1989, 1, 8)),
    ("昭和", "S", dt.date(1926, 12, 25)),
)
_FLOOR_START_YEAR = {key: start.year for name, letter, start in _FLOOR_ERAS for key in (name, letter)}
_FLOOR_FY = re.compile(r"(?:(令和|平成|昭和|[RHS])(元|\d{1,2})(?:年度)?|(\d{4})年度)")
# Reading an era date is two lookups, in tables built once (untimed): the era and its year
# (平成30, H30, 令和元) to the Western year, and the month and day (7月20日, 7.20) to the pair. A
# regular expression and three int() calls take about twice as long.
_FLOOR_YEARS = {
    f"{key}{token}": start.year + year - 1
    for name, letter, start in _FLOOR_ERAS
    for key in (name, letter)
    for year in range(1, 100)
    for token in ((str(year), "元") if year == 1 else (str(year),))
}
_FLOOR_DAYS = {
    text: (month, day)
    for month in range(1, 13)
    for day in range(1, 32)
    for text in (f"{month}月{day}日", f"{month}.{day}")
}


def floor_parse_kanji(text: str) -> dt.date:
    head, _, tail = text.partition("年")
    month, day = _FLOOR_DAYS[tail]
    return dt.date(_FLOOR_YEARS[head], month, day)


def floor_parse_dotted(text: str) -> dt.date:
    head, _, tail = text.partition(".")
    month, day = _FLOOR_DAYS[tail]
    return dt.date(_FLOOR_YEARS[head], month, day)


def floor_format(day: dt.date) -> str:
    for name, _letter, start in _FLOOR_ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    raise ValueError(day)


def floor_format_dotted(day: dt.date) -> str:
    for _name, letter, start in _FLOOR_ERAS:
        if day >= start:
            return f"{letter}{day.year - start.year + 1}.{day.month}.{day.day}"
    raise ValueError(day)


def floor_fiscal_year_of(day: dt.date) -> int:
    return day.year - (day.month < 4)


def floor_fiscal_year_parse(text: str) -> int:
    era, year, western = _FLOOR_FY.fullmatch(text).groups()  # type: ignore[union-attr]
    if western:
        return int(western)
    return _FLOOR_START_YEAR[era] + (1 if year == "元" else int(year)) - 1


def _fiscal_label_era(year: int) -> tuple[str, str, int]:
    # A fiscal year is labelled in the era that names the calendar year it starts in.
    for name, letter, start in _FLOOR_ERAS:
        if year >= start.year:
            return name, letter, year - start.year + 1
    raise ValueError(year)


def fy_label_kanji(year: int) -> str:
    name, _letter, era_year = _fiscal_label_era(year)
    return f"{name}{'元' if era_year == 1 else era_year}年度"


def fy_label_letter(year: int) -> str:
    _name, letter, era_year = _fiscal_label_era(year)
    return f"{letter}{era_year}"


# --- peers ---------------------------------------------------------------------


# The fiscal benchmark's peers are imported under their distribution names.
Peer = grading_bench.Peer


def load_peer(name: str) -> Peer:
    return grading_bench.load_peer(name, name)


# japanera's documented directives: %-K era in kanji, %-y era year (元 accepted
# when reading), %-h the era's first Latin letter. Note %-Y is documented as the
# era year but read as an absolute year, so reading uses %-y. Writing uses %-Y
# and %m/%d, which zero-pad month and day: the nearest documented equivalent of
# 平成30年7月20日 is 平成30年07月20日, and year one is written 1, not 元.
JAPANERA_READ_KANJI = "%-K%-y年%m月%d日"
JAPANERA_READ_DOTTED = "%-h%-y.%m.%d"
JAPANERA_WRITE_KANJI = "%-K%-Y年%m月%d日"


def japanera_contenders(japanera: Any) -> dict[str, Callable[[Any], Any]]:
    era_date = japanera.EraDate

    def parse_kanji(text: str) -> Any:
        return era_date.strptime(text, JAPANERA_READ_KANJI)[0]

    def parse_dotted(text: str) -> Any:
        # A letter names many eras (H is 平成, but also 白雉, 宝亀, 保安...);
        # japanera returns every candidate, oldest first, and the newest is the one meant.
        return era_date.strptime(text, JAPANERA_READ_DOTTED)[-1]

    def format_kanji(day: dt.date) -> str:
        return era_date.from_date(day).strftime(JAPANERA_WRITE_KANJI)

    return {"parse_kanji": parse_kanji, "parse_dotted": parse_dotted, "format": format_kanji}


def pandas_fiscal_year_of(pandas: Any) -> tuple[Callable[[Any], Any], str]:
    """A scalar annual Period ending in March, spelled the way this pandas accepts."""
    for freq in ("Y-MAR", "A-MAR"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                pandas.Period(dt.date(2015, 4, 1), freq=freq)
        except Exception:
            continue
        return functools.partial(pandas.Period, freq=freq), freq
    raise RuntimeError("this pandas accepts neither Y-MAR nor A-MAR")


def normalise_japanera_format(text: str) -> str:
    """Undo the differences of japanera's nearest format: 07月 -> 7月, 1年 -> 元年 (for comparison only)."""
    text = re.sub(r"(?<=[年月])0(?=\d)", "", text)
    return re.sub(r"(?<=[^\d])1年", "元年", text)


# --- cases -----------------------------------------------------------------------


@dataclass
class Contender:
    """One function to time, the library it stands for, and what it must give for each input."""

    role: str  # "kyodo", "peer" or "floor"
    name: str
    function: Callable[[Any], Any] | None
    check: Callable[[Any, Any], bool] = lambda got, want: got == want
    note: str | None = None  # why it is absent or was refused
    per_call: float | None = None  # seconds


@dataclass
class Case:
    title: str
    example: str
    inputs: Sequence[Any]
    expected: Sequence[Any]
    contenders: list[Contender]
    goal: float | None = None  # at least this many times faster than the peer
    remarks: list[str] = field(default_factory=list)

    def get(self, role: str) -> Contender:
        for contender in self.contenders:
            if contender.role == role:
                return contender
        raise LookupError(f"{self.title} has no {role}")

    def trio(self) -> tuple[Contender, Contender, Contender]:
        """kyodo, the peer and the floor."""
        return self.get("kyodo"), self.get("peer"), self.get("floor")


def build_cases(japanera: Peer, pandas: Peer, remarks: list[str]) -> list[Case]:
    dates = make_dates()
    kanji_texts = [floor_format(d) for d in dates]
    dotted_texts = [floor_format_dotted(d) for d in dates]
    fiscal_years = [floor_fiscal_year_of(d) for d in dates]

    jp = japanera_contenders(japanera.module) if japanera.module is not None else {}

    def jp_contender(key: str, **kwargs: Any) -> Contender:
        if japanera.module is None:
            return Contender("peer", "japanera", None, note=japanera.problem)
        return Contender("peer", f"japanera {japanera.version}", jp[key], **kwargs)

    if pandas.module is not None:
        period_of, freq = pandas_fiscal_year_of(pandas.module)
        # pandas names an annual period by the year it ends in: FY2015 is Period('2016', 'Y-MAR').
        pandas_contender = Contender(
            "peer",
            f"pandas {pandas.version}",
            period_of,
            check=lambda got, want: got.year - 1 == want,
        )
        remarks.append(
            f"pandas: `pd.Period(day, freq={freq!r})`, one scalar at a time; pandas names the period by the year it "
            "ends in, so FY2015 is `Period('2016')` and the check is `period.year - 1 == fiscal year`. "
            "Only the Period is built and timed, not the subtraction."
        )
    else:
        pandas_contender = Contender("peer", "pandas", None, note=pandas.problem)

    columnar = columnar_case(pandas, dates, fiscal_years)
    if columnar.remarks:
        remarks.extend(columnar.remarks)

    remarks.append(
        "Reading an era date: kyodo looks the era and its year (平成30, H30) and the month and day (7月20日, "
        "7.20) up in two tables made when `kyodo.wareki` is imported, then checks the day exists and is within "
        "its era; text the tables lack (full-width digits, kanji numerals, spaces, errors) takes the full path "
        "(NFKC, a regular expression, every check). The floor makes the same two lookups and no check. Until "
        "kyodo looked dates up, the floor was a regular expression and three `int` calls; japanera was then "
        "8.3× that floor on kanji dates, so the 10× goal was out of reach of any code as slow as a regular "
        "expression (kyodo was 7.9×)."
    )
    if japanera.module is not None:
        remarks.append(
            f"japanera: reading is `EraDate.strptime(text, {JAPANERA_READ_KANJI!r})[0]` "
            f"(dotted: `{JAPANERA_READ_DOTTED!r}`, newest candidate `[-1]`, since a letter names several eras); "
            f"writing is `EraDate.from_date(day).strftime({JAPANERA_WRITE_KANJI!r})`, its nearest documented "
            "equivalent of 平成30年7月20日: it zero-pads month and day (平成30年07月20日) and writes year one as 1, "
            "so its output is compared after undoing just those two differences."
        )

    return [
        Case(
            "parse_wareki, kanji",
            "平成30年7月20日",
            kanji_texts,
            dates,
            [
                Contender("kyodo", "kyodo", kyodo.parse_wareki),
                jp_contender("parse_kanji"),
                Contender("floor", "floor", floor_parse_kanji),
            ],
            goal=10,
        ),
        Case(
            "parse_wareki, dotted",
            "H30.7.20",
            dotted_texts,
            dates,
            [
                Contender("kyodo", "kyodo", kyodo.parse_wareki),
                jp_contender("parse_dotted"),
                Contender("floor", "floor", floor_parse_dotted),
            ],
            goal=10,
        ),
        Case(
            "format_wareki",
            "date(2018, 7, 20)",
            dates,
            kanji_texts,
            [
                Contender("kyodo", "kyodo", kyodo.format_wareki),
                jp_contender("format", check=lambda got, want: normalise_japanera_format(got) == want),
                Contender("floor", "floor", floor_format),
            ],
            goal=10,
        ),
        Case(
            "FiscalYear.of",
            "date(2016, 3, 31)",
            dates,
            fiscal_years,
            [
                Contender("kyodo", "kyodo", kyodo.FiscalYear.of, check=lambda got, want: got.year == want),
                pandas_contender,
                Contender("floor", "floor", floor_fiscal_year_of),
            ],
            goal=20,
        ),
        columnar,
        *(
            Case(
                f"FiscalYear.parse, {form}",
                example,
                labels,
                fiscal_years,
                [
                    Contender("kyodo", "kyodo", kyodo.FiscalYear.parse, check=lambda got, want: got.year == want),
                    Contender("peer", "(none)", None, note="no peer reads 年度 labels"),
                    Contender("floor", "floor", floor_fiscal_year_parse),
                ],
            )
            for form, example, labels in (
                ("era", "平成27年度", [fy_label_kanji(y) for y in fiscal_years]),
                ("letter", "H27", [fy_label_letter(y) for y in fiscal_years]),
                ("western", "2015年度", [f"{y}年度" for y in fiscal_years]),
            )
        ),
    ]


def columnar_case(pandas: Peer, dates: list[dt.date], fiscal_years: list[int]) -> Case:
    """Fiscal years of a column of dates: ``kyodo.pandas.fiscal_years_of`` against pandas' ``to_period``.

    One input, a ``DatetimeIndex`` of the 1,000 dates cycled to ``COLUMN_SIZE``; each call converts all of it.
    """
    title, example = f"fiscal_years_of, {COLUMN_SIZE:,} dates", "DatetimeIndex"
    expected = [fiscal_years * (COLUMN_SIZE // len(fiscal_years))]
    if pandas.module is None:
        absent = [
            Contender(role, name, None, note=pandas.problem) for role, name in (("kyodo", "kyodo"), ("peer", "pandas"))
        ]
        return Case(title, example, [], [], [*absent, Contender("floor", "numpy", None, note=pandas.problem)], goal=1)
    import numpy as np

    from kyodo.pandas import fiscal_years_of

    days = np.tile(np.array(dates, dtype="datetime64[D]"), COLUMN_SIZE // len(dates)).astype("datetime64[ns]")
    column = pandas.module.DatetimeIndex(days)
    _period_of, freq = pandas_fiscal_year_of(pandas.module)

    def floor_fiscal_years(index: Any) -> Any:
        # The numpy expression: months since 1970, less the three before April, in whole years.
        return (index.values.astype("datetime64[M]").astype(np.int64) - 3) // 12 + 1970

    return Case(
        title,
        example,
        [column],
        [np.array(expected[0], dtype=np.int64)],
        [
            Contender(
                "kyodo",
                "kyodo",
                fiscal_years_of,
                check=lambda got, want: not got.isna().any() and np.array_equal(got.years, want),
            ),
            Contender(
                "peer",
                f"pandas {pandas.version} (vectorised)",
                lambda index: index.to_period(freq),
                check=lambda got, want: np.array_equal(np.asarray(got.year) - 1, want),
            ),
            Contender("floor", "numpy", floor_fiscal_years, check=np.array_equal),
        ],
        goal=1,
        remarks=[
            f"`fiscal_years_of`: one call converts a `DatetimeIndex` (datetime64[ns]) of {COLUMN_SIZE:,} dates, "
            f"the 1,000 cycled, to a `fiscal_year` column; the peer is pandas' own vectorised "
            f"`index.to_period({freq!r})` on the same index, the floor the numpy expression "
            "`(values.astype('datetime64[M]').astype(int64) - 3) // 12 + 1970`. Its goal is to be at least "
            "as fast as pandas."
        ],
    )


# --- checking and timing ------------------------------------------------------------


def check(case: Case, contender: Contender) -> str | None:
    """None if ``contender`` gives the right answer for every input, else what went wrong."""
    assert contender.function is not None
    for value, want in zip(case.inputs, case.expected, strict=True):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                got = contender.function(value)
        except Exception as error:
            return f"raised {type(error).__name__}: {error} for {value!r}"
        if not contender.check(got, want):
            return f"gave {got!r} for {value!r}, expected {want!r}"
    return None


def make_timer(function: Callable[[Any], Any], inputs: Sequence[Any]) -> tuple[timeit.Timer, int]:
    """A timer making one call per input, and how many passes over the inputs fill about a second."""
    # deque(map(...), maxlen=0) drives the calls in C, so the loop adds almost nothing.
    consume = collections.deque
    timer = timeit.Timer(lambda: consume(map(function, inputs), maxlen=0))
    once = min(timer.repeat(repeat=2, number=1))
    return timer, max(1, round(1 / once)) if once > 0 else 1


def run(cases: list[Case], repeat: int, target: float) -> bool:
    """Check and time every contender; False if any gave a wrong answer.

    The contenders of a case are timed in turns, one pass each per round, so
    that a slow moment of the machine falls on all of them alike; each keeps
    its best pass. A pass lasts about ``target`` seconds.
    """
    all_right = True
    for case in cases:
        timers: list[tuple[Contender, timeit.Timer, int]] = []
        for contender in case.contenders:
            if contender.function is None:
                continue
            problem = check(case, contender)
            if problem is not None:
                print(f"!! {case.title}: {contender.name} {problem}; left out of the comparison", file=sys.stderr)
                contender.note = "disagrees (see stderr)"
                contender.function = None
                all_right = False
                continue
            timer, per_second = make_timer(contender.function, case.inputs)
            timers.append((contender, timer, max(1, round(per_second * target))))
        best: dict[int, float] = {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for _round in range(repeat):
                for index, (contender, timer, number) in enumerate(timers):
                    seconds = timer.timeit(number) / (number * len(case.inputs))
                    best[index] = min(seconds, best.get(index, seconds))
                    contender.per_call = best[index]
        print(f"   timed {case.title}", file=sys.stderr)
    return all_right


# --- reporting -------------------------------------------------------------------------


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}×" if value < 100 else f"{value:.0f}×"


def fmt_us(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1e6:.3f}"


def verdict(case: Case) -> str:
    if case.goal is None:
        return "–"
    speedup = ratio(case.get("peer").per_call, case.get("kyodo").per_call)
    if speedup is None:
        return f"≥ {case.goal}×: not measured"
    return f"≥ {case.goal}×: {'met' if speedup >= case.goal else 'MISSED'}"


def console_table(cases: list[Case]) -> str:
    header = ("case", "kyodo µs", "peer", "peer µs", "floor µs", "peer/kyodo", "kyodo/floor", "peer/floor", "goal")
    rows = [header]
    for case in cases:
        k, p, f = case.trio()
        rows.append(
            (
                case.title,
                fmt_us(k.per_call),
                p.name if p.function is not None else f"{p.name}: {p.note}",
                fmt_us(p.per_call),
                fmt_us(f.per_call),
                fmt_ratio(ratio(p.per_call, k.per_call)),
                fmt_ratio(ratio(k.per_call, f.per_call)),
                fmt_ratio(ratio(p.per_call, f.per_call)),
                verdict(case),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)


def machine() -> str:
    implementation = platform.python_implementation()
    return (
        f"{implementation} {platform.python_version()} on {platform.system()} {platform.machine()} "
        f"({platform.platform(terse=True)}), {os.cpu_count()} CPU cores"
    )


def markdown_section(cases: list[Case], remarks: list[str], quick: bool, peers: list[Peer]) -> str:
    versions = [f"kyodo {kyodo.__version__}"]
    versions += [f"{p.name} {p.version}" if p.module is not None else f"{p.name} not installed" for p in peers]
    lines = [
        START_MARKER,
        "## Fiscal years and era dates",
        "",
        f"Measured {dt.date.today().isoformat()} with `python benchmarks/run.py{' --quick' if quick else ''}`: "
        f"{machine()}; {', '.join(versions)}.",
        "",
        f"Each figure is a ratio of per-call times, best of several repeats, over {INPUT_COUNT:,} distinct dates "
        "from 1970 to 2035 (or the texts naming them, or their fiscal-year labels), cycled. "
        "*Peer ÷ kyodo* is how many times faster kyodo is than the peer; *kyodo ÷ floor* is how many times "
        "slower kyodo is than the least plain-Python code that gives the same answer (two lookups in tables "
        "built beforehand to read an era date, a regular expression and `int` to read a 年度 label, an "
        "f-string to write, `day.year - (day.month < 4)` for a fiscal year), which does no "
        "validation and gives no error messages. *Peer ÷ floor* is therefore about the most any pure-Python "
        "code could gain on the peer. Every contender's answers were checked against the right ones before timing.",
        "",
        "| Operation | Example input | Peer | Peer ÷ kyodo | kyodo ÷ floor | Peer ÷ floor | Goal |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for case in cases:
        k, p, f = case.trio()
        peer_name = p.name if p.function is not None else f"{p.name}: {p.note}"
        lines.append(
            f"| `{case.title}` | {case.example} | {peer_name} | {fmt_ratio(ratio(p.per_call, k.per_call))} "
            f"| {fmt_ratio(ratio(k.per_call, f.per_call))} | {fmt_ratio(ratio(p.per_call, f.per_call))} "
            f"| {verdict(case)} |"
        )
    if remarks:
        lines += ["", *(f"- {remark}" for remark in remarks)]
    lines += ["", END_MARKER]
    return "\n".join(lines)


def write_section(path: Path, section: str, start_marker: str = START_MARKER, end_marker: str = END_MARKER) -> None:
    """Replace the section between the markers in ``path``; append it, or create the file, if need be."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{INTRO}\n{section}\n", encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    start, end = text.find(start_marker), text.find(end_marker)
    if start == -1 and end == -1:
        path.write_text(f"{text.rstrip()}\n\n{section}\n", encoding="utf-8")
        return
    if start == -1 or end == -1 or end < start:
        raise SystemExit(f"{path}: the markers {start_marker} and {end_marker} are unbalanced; not rewriting it")
    path.write_text(text[:start] + section + text[end + len(end_marker) :], encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter repeats: a noisier run in seconds")
    parser.add_argument("--write", metavar="PATH", type=Path, help="rewrite each benchmark's section of PATH")
    parser.add_argument(
        "--only", choices=tuple(BENCHMARKS), help="run only this benchmark (default: all of them, in this order)"
    )
    args = parser.parse_args(argv)
    all_right = True
    for name, run_one in BENCHMARKS.items():
        if args.only in (None, name):
            all_right = run_one(args) and all_right
    return 0 if all_right else 1


def run_plan_io(args: argparse.Namespace) -> bool:
    """Time reading and writing plan files (``plan_io.py``) and rewrite its section; False if a plan failed."""
    result, all_right = plan_io.run(args.quick)
    if len(result.problems) == result.plans:
        print(f"plan files: nothing timed; {args.write or 'the page'} left as it was", file=sys.stderr)
        return False
    print(plan_io.console_table(result))
    print(plan_io.console_profile(result))
    if args.write is not None:
        command = "python benchmarks/run.py" + (" --only io" if args.only else "")
        section = plan_io.markdown_section(result, args.quick, command)
        write_section(args.write, section, plan_io.START_MARKER, plan_io.END_MARKER)
        print(f"wrote {args.write}")
    return all_right


def run_section(bench: Any, name: str, args: argparse.Namespace) -> bool:
    """Run a benchmark module that writes its own section (grading, subsidy, request); False if a contender disagreed.

    The module gives ``run(quick)``, ``console_report(result)``, ``markdown_section(result, command)`` and its
    section's markers.
    """
    result, all_right = bench.run(args.quick)
    print(bench.console_report(result))
    if args.write is not None:
        command = "python benchmarks/run.py" + (f" --only {name}" if args.only else "")
        write_section(args.write, bench.markdown_section(result, command), bench.START_MARKER, bench.END_MARKER)
        print(f"wrote {args.write}")
    return bool(all_right)


def run_fiscal(args: argparse.Namespace) -> bool:
    """The era-date and fiscal-year benchmark, as it always ran; False if a contender gave a wrong answer."""

    repeat, target = (3, 0.05) if args.quick else (7, 0.2)
    peers = [load_peer("japanera"), load_peer("pandas")]
    for peer in peers:
        if peer.module is None:
            print(f"   {peer.name}: {peer.problem}; its comparisons are skipped", file=sys.stderr)
    remarks: list[str] = []
    cases = build_cases(*peers, remarks)
    print(f"   {machine()}", file=sys.stderr)
    all_right = run(cases, repeat, target)

    print(console_table(cases))
    if args.write is not None:
        write_section(args.write, markdown_section(cases, remarks, args.quick, peers))
        print(f"wrote {args.write}")
    return all_right


BENCHMARKS: dict[str, Callable[[argparse.Namespace], bool]] = {
    "fiscal": run_fiscal,
    "io": run_plan_io,
    "grading": functools.partial(run_section, grading_bench, "grading"),
    "subsidy": functools.partial(run_section, subsidy_bench, "subsidy"),
    "request": functools.partial(run_section, request_bench, "request"),
    "sheets": functools.partial(run_section, sheets_bench, "sheets"),
    "report": functools.partial(run_section, report_bench, "report"),
    "import": functools.partial(run_section, import_bench, "import"),
}


if __name__ == "__main__":
    sys.exit(main())
