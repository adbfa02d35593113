"""Benchmark plan reports (what ``kyodo report`` prints) against reading the same plan, at two sizes.

Usage::

    python benchmarks/report_bench.py [--quick] [--write docs/performance.md]
    python benchmarks/run.py --only report [--quick] [--write docs/performance.md]

Two plans of ``corpus.py``'s shape (sections of 5 sub-sections of 5 measures,
each measure with 3 indicators over 5 years, a schedule, budget lines,
progress checks and evaluations), one ten times the other: 1,000 and 10,000
measures (a quick run: 250 and 2,500). For each, best of several passes,
with the garbage collector on (as a program runs; ``timeit`` turns it off,
which flatters code that allocates much): reading first, with only the texts
alive (as ``kyodo report`` reads a file before it holds anything else), then
building and rendering, in turns:

- ``kyodo.loads(text, "json")`` of the plan's JSON text: the reference, what
  reading the plan costs (a file holds at most 10,000,000 characters, so the
  larger size reads ten plans of the smaller size, as many measures);
- ``build_report(plan, scheme=preset(SCHEME))``: every measure graded and
  explained, its completion judged, the distribution per section;
- ``render_text(report)``: the text ``kyodo report`` prints.

Everything is divided by the plan's measures. A report is linear in measures
when its cost per measure is the same at both sizes (the larger ÷ the
smaller about 1×; a quadratic step would make it about 10×). The goals:
``render_text`` within 2× of ``kyodo.loads`` per measure, and every step's
cost per measure at 10,000 measures within 1.5× of its cost at 1,000 (a
margin for noise and for the collector, whose passes grow with the heap).
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import kyodo
import plan_io
from corpus import MEASURES_PER_SUBSECTION, SUBSECTIONS, make_plan
from grading_bench import fmt_ratio, fmt_us, load_note, ratio
from kyodo import Plan
from kyodo.report import build_report, render_text

START_MARKER = "<!-- bench:report:start -->"
END_MARKER = "<!-- bench:report:end -->"

SCHEME = "osaka-pref-library-2016"
#: render_text within this many times kyodo.loads, per measure
GOAL = 2.0
#: the cost per measure at the larger size within this many times that at the smaller
LINEAR_GOAL = 1.5


@dataclass(frozen=True)
class Size:
    measures: tuple[int, int]
    repeats: int


FULL = Size((1_000, 10_000), 3)
QUICK = Size((250, 2_500), 2)

STEPS = (
    ("loads", 'kyodo.loads(text, "json")'),
    ("build", "build_report(plan, scheme=preset(…))"),
    ("render", "render_text(report)"),
)


@dataclass
class Timing:
    measures: int
    characters: int
    lines: int
    files: int  # the texts kyodo.loads read, together as many measures
    seconds: dict[str, float] = field(default_factory=dict)

    def per_measure(self, key: str) -> float:
        return self.seconds[key] / self.measures


@dataclass
class Result:
    size: Size
    quick: bool
    timings: list[Timing]
    load_sentence: str = ""
    seconds: float = 0.0


def _best_in_turns(calls: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Each call's best time of ``repeats``, the calls taken in turns, the garbage collector on."""
    best: dict[str, float] = {}
    enabled = gc.isenabled()
    gc.enable()
    try:
        for _round in range(repeats):
            for key, call in calls.items():
                started = time.perf_counter()
                call()
                seconds = time.perf_counter() - started
                best[key] = min(seconds, best.get(key, seconds))
    finally:
        if not enabled:
            gc.disable()
    return best


def time_plan(measures: int, chunk: int, repeats: int) -> tuple[Timing, bool]:
    """Time reading, building and rendering a plan of ``measures`` measures; False if a check failed.

    ``kyodo.loads`` reads plans of ``chunk`` measures (``measures // chunk`` of them, plans 0, 1, …): a
    file of many more is over the reader's limit on characters.
    """
    per_section = SUBSECTIONS * MEASURES_PER_SUBSECTION

    def make_parts() -> list[Plan]:
        if measures == chunk:
            return [make_plan(0, sections=measures // per_section)]
        return [make_plan(index, sections=chunk // per_section) for index in range(measures // chunk)]

    texts = [kyodo.dumps(part, "json") for part in make_parts()]
    # Reading is timed first, with only the texts alive, as `kyodo report` reads a file before it holds
    # anything else: the garbage collector, on, would otherwise also walk the large plan and report made
    # below at every full collection, a cost of the benchmark's own heap rather than of reading.
    gc.collect()
    loads_seconds = _best_in_turns({"loads": lambda: [kyodo.loads(text, "json") for text in texts]}, repeats)
    parts = make_parts()
    plan = parts[0] if measures == chunk else make_plan(0, sections=measures // per_section)
    counted = sum(1 for _ in plan.measures())
    scheme = kyodo.preset(SCHEME)
    report = build_report(plan, scheme=scheme)
    printed = render_text(report)
    all_right = True
    if [kyodo.loads(text, "json") for text in texts] != parts:
        print(f"!! report: the plans of {chunk:,} measures do not read back from their texts", file=sys.stderr)
        all_right = False
    if sum(sum(1 for _ in part.measures()) for part in parts) != counted:
        print(f"!! report: the plans read hold other than {counted:,} measures", file=sys.stderr)
        all_right = False
    if render_text(build_report(plan, scheme=scheme)) != printed:
        print(f"!! report: the report of {counted:,} measures differs from one run to the next", file=sys.stderr)
        all_right = False
    timing = Timing(counted, sum(map(len, texts)), printed.count("\n"), len(texts))
    timing.seconds = loads_seconds | _best_in_turns(
        {
            "build": lambda: build_report(plan, scheme=scheme),
            "render": lambda: render_text(report),
        },
        repeats,
    )
    return timing, all_right


def _files(timing: Timing) -> str:
    size = f"{timing.characters / 1e6:,.1f} M characters"
    return (
        size if timing.files == 1 else f"{size} in {timing.files} files of {timing.measures // timing.files:,} measures"
    )


def render_verdict(timing: Timing) -> str:
    value = ratio(timing.per_measure("render"), timing.per_measure("loads"))
    return f"≤ {GOAL:g}×: " + ("not measured" if value is None else "met" if value <= GOAL else "MISSED")


def growth(result: Result, key: str) -> float | None:
    small, large = result.timings
    return ratio(large.per_measure(key), small.per_measure(key))


def linear_verdict(value: float | None) -> str:
    return f"≤ {LINEAR_GOAL:g}×: " + ("not measured" if value is None else "met" if value <= LINEAR_GOAL else "MISSED")


def run(quick: bool) -> tuple[Result, bool]:
    size = QUICK if quick else FULL
    started = time.perf_counter()
    _load, sentence = load_note()
    print(f"   report: best of {size.repeats} passes; {plan_io.machine()}", file=sys.stderr)
    timings = []
    all_right = True
    for measures in size.measures:
        timing, right = time_plan(measures, size.measures[0], size.repeats)
        print(f"   report: timed a plan of {timing.measures:,} measures", file=sys.stderr)
        timings.append(timing)
        all_right = all_right and right
    result = Result(size, quick, timings, sentence)
    result.seconds = time.perf_counter() - started
    return result, all_right


def console_report(result: Result) -> str:
    out = [f"{'measures':>9} " + "".join(f"{key + ' µs/measure':>22}" for key, _code in STEPS) + "   render ÷ loads"]
    for timing in result.timings:
        out.append(
            f"{timing.measures:>9,} "
            + "".join(f"{fmt_us(timing.per_measure(key)):>22}" for key, _code in STEPS)
            + f"   {fmt_ratio(ratio(timing.per_measure('render'), timing.per_measure('loads')))}"
            + f"  {render_verdict(timing)}"
        )
    for key, code in STEPS:
        value = growth(result, key)
        out.append(f"  per measure, larger ÷ smaller, {code}: {fmt_ratio(value)}  {linear_verdict(value)}")
    return "\n".join(out)


def markdown_section(result: Result, command: str) -> str:
    small, large = result.timings
    lines = [
        START_MARKER,
        "## Plan reports",
        "",
        f"Measured {dt.date.today().isoformat()} with `{command}{' --quick' if result.quick else ''}`: "
        f"{plan_io.machine()}; kyodo {kyodo.__version__}.{result.load_sentence}",
        "",
        f"Two plans of `corpus.py`'s shape, of {small.measures:,} and {large.measures:,} measures (each with 3 "
        "indicators over 5 years, a schedule, budget lines, progress checks and evaluations). For each, "
        f'`kyodo.loads(text, "json")` of its JSON text, `build_report(plan, scheme=preset("{SCHEME}"))` and '
        f"`render_text(report)` (what `kyodo report` prints) were timed, best of {result.size.repeats} passes, "
        "with the garbage collector on, and divided by the plan's measures: reading first, with only the texts "
        "alive, as `kyodo report` reads a file before it holds anything else (with the large plan and its "
        "report alive, every full collection also walks them: reading 10,000 measures then cost 2× a "
        "measure what 1,000 did, a cost of the benchmark's heap, not of reading); then building and "
        "rendering, in turns. The goals: `render_text` "
        f"within {GOAL:g}× of `kyodo.loads` per measure, and a report linear in measures: its cost per measure "
        f"at {large.measures:,} measures within {LINEAR_GOAL:g}× of that at {small.measures:,} (a quadratic step "
        "would make it about 10×). A plan's JSON file holds at most 10,000,000 characters (see [Limits](limits.md)), so "
        f"at {large.measures:,} measures `kyodo.loads` reads {large.files} plans of {small.measures:,} measures, "
        "as many measures in all.",
        "",
        "| Measures | JSON | Report | `kyodo.loads` µs/measure | `build_report` µs/measure "
        "| `render_text` µs/measure | `render_text` ÷ `kyodo.loads` | Goal |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for timing in result.timings:
        lines.append(
            f"| {timing.measures:,} | {_files(timing)} | {timing.lines:,} lines "
            f"| {fmt_us(timing.per_measure('loads'))} | {fmt_us(timing.per_measure('build'))} "
            f"| {fmt_us(timing.per_measure('render'))} "
            f"| {fmt_ratio(ratio(timing.per_measure('render'), timing.per_measure('loads')))} "
            f"| {render_verdict(timing)} |"
        )
    lines += [
        "",
        f"Linear in measures: the cost per measure at {large.measures:,} measures ÷ that at {small.measures:,}.",
        "",
        "| Step | Larger ÷ smaller, per measure | Goal |",
        "|---|---:|---|",
    ]
    for key, code in STEPS:
        value = growth(result, key)
        lines.append(f"| `{code}` | {fmt_ratio(value)} | {linear_verdict(value)} |")
    lines += ["", END_MARKER]
    return "\n".join(lines)


if __name__ == "__main__":
    # As run.py runs it, without --write unless given: python benchmarks/report_bench.py [--quick] [--write PATH].
    import run as runner

    sys.exit(runner.main(["--only", "report", *sys.argv[1:]]))
