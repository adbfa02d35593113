"""Benchmark reading and writing plan files (JSON) against plain ``json``, plan by plan.

Usage::

    python benchmarks/plan_io.py [--quick] [--plans N]
    python benchmarks/run.py [--quick] [--write docs/performance.md]   # this and the other benchmarks

The corpus comes from ``corpus.py``: synthetic plans of 100 measures, each
with 3 indicators over 5 fiscal years, a schedule, progress checks and
evaluations. Each plan's JSON text is written once with
``kyodo.dumps(plan, "json")``, untimed. Then, plan by plan, and before
anything is timed, the text is read back and checked to give the same plan,
and the plan to give the same text.

For each plan, each of these is timed, in turns, best of several repeats
(``timeit``, one call per repeat):

- ``kyodo.loads(text, "json")``, beside the floor ``json.loads(text,
  parse_float=Decimal)`` (the parse kyodo itself starts with) and plain
  ``json.loads(text)``;
- ``kyodo.dumps(plan, "json")``, beside the floor ``json.dumps(data,
  default=str, ensure_ascii=False)`` of the same plain data (the dict that
  ``kyodo.io.unstructure(plan)`` gives, equal to the parsed text), and the
  same with ``indent=2``, the layout kyodo writes;
- kyodo's big steps, to split its totals: the parse and reading the parsed
  data into a ``Plan`` the quick way, as ``loads`` does
  (``kyodo._plan_codec.QuickPlanReader``, most of ``loads``), and
  ``kyodo.io.unstructure(plan)`` (the first part of ``dumps``);
- ``kyodo.loads`` by the general reader alone (the parse with its
  duplicate-key hook, ``check_plain``, cattrs), which reads any file the
  quick reader does not vouch for.

A plan's figure is its best repeat; the figure per plan is the mean of those
over the corpus. ``cProfile`` then runs ``kyodo.loads`` and ``kyodo.dumps``
on the first plan (three times each, added up) to show where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import importlib.metadata
import json
import os
import platform
import pstats
import re
import sys
import time
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath
from typing import Any

import corpus
import kyodo
import kyodo.io
from kyodo import Plan
from kyodo._convert import document_era
from kyodo._plan_codec import QuickPlanReader
from kyodo.plan import _era

START_MARKER = "<!-- bench:io:start -->"
END_MARKER = "<!-- bench:io:end -->"

#: The goal from the issue: kyodo within this many times the floor.
GOAL = 5.0
#: (plans, repeats) of a quick run and of a full one.
QUICK = (20, 3)
FULL = (100, 4)
PROFILE_TOP = 10
#: How many runs the profile adds up, so that one slow moment weighs less.
PROFILE_RUNS = 3


@dataclass
class Contender:
    """One thing timed per plan, and the sum over the plans of its best repeat."""

    key: str
    code: str
    total: float = 0.0
    plans: int = 0

    @property
    def per_plan(self) -> float | None:
        return self.total / self.plans if self.plans else None


@dataclass
class Result:
    plans: int
    repeats: int
    characters: int = 0
    seconds: float = 0.0
    load_average: float | None = None
    contenders: dict[str, Contender] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    profiles: dict[str, list[ProfileRow]] = field(default_factory=dict)
    profile_totals: dict[str, float] = field(default_factory=dict)

    def per_plan(self, key: str) -> float | None:
        contender = self.contenders.get(key)
        return None if contender is None else contender.per_plan


@dataclass
class ProfileRow:
    function: str
    calls: int
    own: float
    cumulative: float


def body_of(data: dict[str, Any]) -> dict[str, Any]:
    """A plan file's data without its schema line: what ``kyodo.loads`` hands to the converter."""
    return {key: value for key, value in data.items() if key != "schema"}


def contenders_for(text: str, plan: Any, data: Any) -> dict[str, tuple[str, Callable[[], object]]]:
    """What is timed for one plan: key -> (code shown in the report, call).

    ``load_quick`` is ``kyodo.loads`` but for its check that no key is given twice and its schema line: the
    parse, and the quick reader on the data it gives (on data just parsed, as ``loads`` reads it, not on one
    parse read again and again, which a processor's caches would hold). ``load_general`` is ``kyodo.loads``
    by the general reader alone.
    """
    calls: dict[str, tuple[str, Callable[[], object]]] = {
        "load": ('kyodo.loads(text, "json")', lambda: kyodo.loads(text, "json")),
        "load_floor": ("json.loads(text, parse_float=Decimal)", lambda: json.loads(text, parse_float=Decimal)),
        "load_plain": ("json.loads(text)", lambda: json.loads(text)),
        "dump": ('kyodo.dumps(plan, "json")', lambda: kyodo.dumps(plan, "json")),
        "dump_floor": (
            "json.dumps(data, default=str, ensure_ascii=False)",
            lambda: json.dumps(data, default=str, ensure_ascii=False),
        ),
        "dump_indent": (
            "json.dumps(data, default=str, ensure_ascii=False, indent=2)",
            lambda: json.dumps(data, default=str, ensure_ascii=False, indent=2),
        ),
        "unstructure": ("kyodo.io.unstructure(plan)", lambda: kyodo.io.unstructure(plan)),
        "load_quick": (
            "QuickPlanReader(converter).plan(json.loads(text, parse_float=Decimal))",
            lambda: read_quickly(json.loads(text, parse_float=Decimal)),
        ),
        "load_general": ('kyodo.loads(text, "json") by the general reader', lambda: read_generally(text)),
    }
    return calls


def read_quickly(data: dict[str, Any]) -> Plan:
    """Parsed plan data as ``kyodo.loads`` reads it after its parse, the quick way."""
    with document_era(_era(data.get("era")), checked=True):
        return QuickPlanReader(kyodo.io._plan_converter).plan(data)


def read_generally(text: str) -> Plan:
    """``kyodo.loads(text, "json")`` as it reads a file the quick reader does not vouch for."""
    data = kyodo.io._read_text(text, "json")
    return kyodo.io._structure(data, Plan, kyodo.io._excerpt(text, 0), read=True)


def check(index: int, text: str, plan: Any) -> tuple[Any, Any, str | None]:
    """The plan read back from ``text`` and its plain data, and what went wrong, if anything."""
    loaded = kyodo.loads(text, "json")
    if loaded != plan:
        return loaded, None, f"plan {index}: kyodo.loads(kyodo.dumps(plan)) is not the plan"
    again = kyodo.dumps(loaded, "json")
    if again != text:
        return loaded, None, f"plan {index}: kyodo.dumps(kyodo.loads(text)) is not the text"
    data = json.loads(text, parse_float=Decimal)
    if kyodo.io.unstructure(loaded) != data:
        return loaded, None, f"plan {index}: kyodo.io.unstructure(plan) differs from the parsed text"
    if kyodo.io._quick_json_plan(text) is None:
        return loaded, None, f"plan {index}: the quick reader did not read it"
    if read_quickly(data) != plan or data != json.loads(text, parse_float=Decimal):
        return loaded, None, f"plan {index}: the quick reader did not read the plan, or changed data"
    if read_generally(text) != plan or kyodo.io._structured(body_of(data), Plan, None) != plan:
        return loaded, None, f"plan {index}: the general reader did not read the plan"
    return loaded, data, None


def measure(plans: int, repeats: int, progress: bool = True) -> Result:
    """Build, check and time the first ``plans`` plans of the corpus."""
    result = Result(plans, repeats, load_average=os.getloadavg()[0] if hasattr(os, "getloadavg") else None)
    started = time.perf_counter()
    for index in range(plans):
        try:
            original = corpus.make_plan(index)
            text = kyodo.dumps(original, "json")
            plan, data, problem = check(index, text, original)
        except Exception as error:  # a plan kyodo cannot build, write or read is reported, not timed
            plan, data, problem = None, None, f"plan {index}: {type(error).__name__}: {str(error)[:300]}"
        if problem is not None:
            result.problems.append(problem)
            print(f"!! {problem}; left out", file=sys.stderr)
            continue
        result.characters += len(text)
        timers = {key: (code, timeit.Timer(call)) for key, (code, call) in contenders_for(text, plan, data).items()}
        best: dict[str, float] = {}
        # In turns, one call each per round, so that a slow moment of the machine falls on all alike.
        for _round in range(repeats):
            for key, (_code, timer) in timers.items():
                seconds = timer.timeit(1)
                best[key] = min(seconds, best.get(key, seconds))
        for key, (code, _timer) in timers.items():
            contender = result.contenders.setdefault(key, Contender(key, code))
            contender.total += best[key]
            contender.plans += 1
        if progress and (index + 1) % max(1, plans // 10) == 0:
            print(f"   plan files: {index + 1}/{plans} plans timed", file=sys.stderr)
    result.seconds = time.perf_counter() - started
    return result


# --- where the time goes --------------------------------------------------------


def short_name(key: tuple[str, int, str]) -> str:
    """A profile entry as ``package/module.py:function``, never a machine's path."""
    filename, line, function = key
    if filename == "~":
        # A built-in, shown by pstats as {method 'x' of 'y' objects}, without the address some carry.
        return re.sub(r" at 0x[0-9a-fA-F]+", "", function)
    if filename.startswith("<"):
        return f"{filename}:{function}"  # code generated by attrs or cattrs
    parts = PurePath(filename).parts
    return f"{'/'.join(parts[-2:])}:{line}:{function}"


def profile(call: Callable[[], object], top: int = PROFILE_TOP) -> tuple[list[ProfileRow], list[ProfileRow], float]:
    """``PROFILE_RUNS`` profiled runs of ``call``, per run: the ``top`` functions by own time, the
    ``top`` of kyodo's own functions by time with their callees (leaving out those that hold nearly
    all of it, such as ``loads`` itself), and the profiled total."""
    profiler = cProfile.Profile()
    for _run in range(PROFILE_RUNS):
        profiler.runcall(call)
    stats = pstats.Stats(profiler)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt / PROFILE_RUNS  # type: ignore[attr-defined]
    rows = [
        ProfileRow(short_name(key), calls // PROFILE_RUNS, own / PROFILE_RUNS, cumulative / PROFILE_RUNS)
        for key, (_primitive, calls, own, cumulative, _callers) in raw.items()
    ]
    by_own = sorted(rows, key=lambda row: row.own, reverse=True)[:top]
    kyodo_rows = [
        row for row in rows if row.function.startswith("kyodo/") and row.cumulative < 0.85 * total and row.calls
    ]
    by_cumulative = sorted(kyodo_rows, key=lambda row: row.cumulative, reverse=True)[:top]
    return by_own, by_cumulative, total


def add_profiles(result: Result) -> None:
    plan = corpus.make_plan(0)
    text = kyodo.dumps(plan, "json")
    for key, call in (
        ("load", lambda: kyodo.loads(text, "json")),
        ("dump", lambda: kyodo.dumps(plan, "json")),
    ):
        try:
            call()  # warm up caches (cattrs builds its hooks on first use)
            by_own, by_cumulative, total = profile(call)
        except Exception as error:
            print(f"!! plan files: cannot profile {key}: {type(error).__name__}: {error}", file=sys.stderr)
            continue
        result.profiles[key] = by_own
        result.profiles[f"{key}_kyodo"] = by_cumulative
        result.profile_totals[key] = total


# --- reporting ------------------------------------------------------------------------


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def fmt_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}×"


def fmt_us(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1e6:,.0f}"


def verdict(value: float | None) -> str:
    if value is None:
        return f"≤ {GOAL:g}×: not measured"
    return f"≤ {GOAL:g}×: {'met' if value <= GOAL else 'MISSED'}"


def rows(result: Result) -> list[tuple[str, str, str, str, str, str, str]]:
    """(operation, kyodo code, kyodo µs, reference code, reference µs, ratio, goal) per line of the table."""
    table = []
    for operation, mine, references in (
        ("read", "load", (("load_floor", True), ("load_plain", False))),
        ("write", "dump", (("dump_floor", True), ("dump_indent", False))),
    ):
        kyodo_time = result.per_plan(mine)
        code = result.contenders[mine].code if mine in result.contenders else mine
        for reference, is_floor in references:
            value = ratio(kyodo_time, result.per_plan(reference))
            table.append(
                (
                    operation,
                    code,
                    fmt_us(kyodo_time),
                    result.contenders[reference].code if reference in result.contenders else reference,
                    fmt_us(result.per_plan(reference)),
                    fmt_ratio(value),
                    verdict(value) if is_floor else "–",
                )
            )
    return table


def console_table(result: Result) -> str:
    header = ("op", "kyodo", "kyodo µs/plan", "reference", "ref µs/plan", "kyodo/ref", "goal")
    lines = [header, *rows(result)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines)
    return text + "\n" + "\n".join(f"   {line}" for line in breakdown(result))


def breakdown(result: Result) -> list[str]:
    lines = []
    load, parsed, parse = result.per_plan("load"), result.per_plan("load_quick"), result.per_plan("load_floor")
    general = result.per_plan("load_general")
    if load and parsed is not None and parse is not None:
        quick, rest = parsed - parse, load - parsed
        # The rest is a few hundred µs, less than what a busy machine adds to one step or takes from another.
        rest_note = (
            f"about {fmt_us(rest)} µs ({rest / load:.0%})"
            if rest > 0.02 * load
            else f"too little to tell apart in this run (the parse and the quick reading, timed together, took "
            f"{fmt_us(parsed)} µs)"
        )
        lines.append(
            f"reading: parsing the text as the floor does {fmt_us(parse)} µs ({parse / load:.0%}); reading the "
            "parsed data into a `Plan` the quick way (`kyodo._plan_codec.QuickPlanReader`: each text and number "
            f"checked against the readers' limits, the objects built straight) {fmt_us(quick)} µs "
            f"({quick / load:.0%}); the rest, counting the text's colons (no key given twice) and the schema line, "
            f"{rest_note}."
        )
    if load and general is not None and parse:
        lines.append(
            "reading a file the quick reader does not vouch for (the general reader: the parse with its "
            f"duplicate-key hook, `kyodo._plain.check_plain`, cattrs): {fmt_us(general)} µs a plan of this corpus, "
            f"{general / parse:.1f}× the floor."
        )
    dump, unstructure = result.per_plan("dump"), result.per_plan("unstructure")
    if dump and unstructure is not None:
        lines.append(
            f"writing: `kyodo.io.unstructure(plan)` {fmt_us(unstructure)} µs ({unstructure / dump:.0%}); "
            f"writing the text from that data about {fmt_us(dump - unstructure)} µs "
            f"({(dump - unstructure) / dump:.0%})."
        )
    return lines


def profile_table(result: Result, key: str, which: str = "") -> list[str]:
    total = result.profile_totals.get(key)
    if not total:
        return []
    lines = ["| Function | Calls | Own time | With callees |", "|---|---:|---:|---:|"]
    for row in result.profiles[key + which]:
        name = row.function.replace("|", "\\|")
        lines.append(f"| `{name}` | {row.calls:,} | {row.own / total:.0%} | {min(row.cumulative / total, 1):.0%} |")
    return lines


def console_profile(result: Result) -> str:
    out = []
    for key, title in (("load", "kyodo.loads"), ("dump", "kyodo.dumps")):
        total = result.profile_totals.get(key)
        if not total:
            continue
        for which, order in (("", "all functions by own time"), ("_kyodo", "kyodo's functions by cumulative time")):
            out.append(f"   profile of {title}, one plan ({total * 1e3:.0f} ms under cProfile), {order}:")
            for row in result.profiles[key + which]:
                out.append(
                    f"     {row.own / total:6.1%} own  {min(row.cumulative / total, 1):6.1%} cum  "
                    f"{row.calls:>8,}  {row.function}"
                )
    return "\n".join(out)


def machine() -> str:
    return (
        f"{platform.python_implementation()} {platform.python_version()} on {platform.system()} "
        f"{platform.machine()} ({platform.platform(terse=True)}), {os.cpu_count()} CPU cores"
    )


def versions() -> str:
    found = []
    for name in ("kyodo", "cattrs", "attrs"):
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} (version unknown)")
    return ", ".join(found)


def busy_note(result: Result) -> str:
    """What the machine was doing besides: the 1-minute load average as the timing started.

    It counts this run's own process (the benchmark before this one keeps a core busy), so only a
    load above one core short of all of them says that other work shared the machine.
    """
    if result.load_average is None:
        return ""
    cores = os.cpu_count() or 1
    busy = result.load_average > cores - 0.5
    return f" Load average {result.load_average:.1f} as the timing started, this run included" + (
        f"; other work shared the {cores} cores, so these figures are noisier than usual." if busy else "."
    )


def size_note(timed: int, quick: bool) -> str:
    if quick:
        return f"a quick run times {QUICK[0]}"
    if timed < 1000:
        return f"a full run times {FULL[0]}, to finish in a few minutes on this machine"
    return "this run timed at least that many"


def markdown_section(result: Result, quick: bool, command: str) -> str:
    load_ratio = ratio(result.per_plan("load"), result.per_plan("load_floor"))
    dump_ratio = ratio(result.per_plan("dump"), result.per_plan("dump_floor"))
    met = [name for name, value in (("reading", load_ratio), ("writing", dump_ratio)) if value and value <= GOAL]
    missed = [name for name, value in (("reading", load_ratio), ("writing", dump_ratio)) if value and value > GOAL]
    timed = result.plans - len(result.problems)
    measures = timed * corpus.MEASURES_PER_PLAN
    lines = [
        START_MARKER,
        "## Plan files (JSON)",
        "",
        f"Measured {dt.date.today().isoformat()} with `{command}{' --quick' if quick else ''}`: "
        f"{machine()}; {versions()}.{busy_note(result)}",
        "",
        f"The corpus: {timed:,} synthetic plans from `benchmarks/corpus.py` (the issue suggests 1,000; "
        f"{size_note(timed, quick)}), "
        f"each of {corpus.MEASURES_PER_PLAN} measures with {corpus.INDICATORS_PER_MEASURE} indicators over "
        f"{corpus.YEARS} fiscal years (baseline, targets and actuals as exact decimals, some estimates), a "
        f"{corpus.YEARS}-year schedule with → cells, budget lines, progress checks and evaluations: "
        f"{measures:,} measures, {measures * corpus.INDICATORS_PER_MEASURE:,} indicators, "
        f"{result.characters / max(timed, 1):,.0f} characters of JSON per plan on average. "
        'Each plan\'s text was written once with `kyodo.dumps(plan, "json")` (untimed), and read back and '
        "written again to the same plan and the same text before anything was timed.",
        "",
        f"Times are per plan: for each plan the best of {result.repeats} repeats (`timeit`, which turns the "
        "garbage collector off while it times), the contenders timed in turns; then the mean over the plans. "
        "*kyodo ÷ reference* is how many times slower kyodo is. The floor for reading is the parse kyodo "
        "starts with, `json.loads` with `parse_float=Decimal`, which builds dicts and does no validation; "
        "for writing it is `json.dumps` of the same plain data (what `kyodo.io.unstructure(plan)` gives; "
        "`default=str` writes its decimals as strings). The second line of each shows plain `json.loads`, "
        "and `json.dumps` with `indent=2`, the layout kyodo writes (which `json` does in Python, not C).",
        "",
        "| Operation | kyodo | kyodo µs/plan | Reference | Reference µs/plan | kyodo ÷ reference | Goal |",
        "|---|---|---:|---|---:|---:|---|",
    ]
    for operation, code, mine, reference, theirs, value, goal in rows(result):
        lines.append(f"| {operation} | `{code}` | {mine} | `{reference}` | {theirs} | {value} | {goal} |")
    lines.append("")
    if missed:
        lines.append(
            f"**The goal of {GOAL:g}× the floor is missed for {' and '.join(missed)}**"
            + (f" (met for {' and '.join(met)})" if met else "")
            + ". Where the time goes, from timing kyodo's steps apart:"
        )
    else:
        lines.append(f"The goal of {GOAL:g}× the floor is met. Where the time goes, from timing kyodo's steps apart:")
    lines += ["", *(f"- {line}" for line in breakdown(result))]
    for key, title in (("load", 'kyodo.loads(text, "json")'), ("dump", 'kyodo.dumps(plan, "json")')):
        table = profile_table(result, key)
        if table:
            lines += [
                "",
                f"`{title}` on plan 0 under `cProfile` "
                f"({result.profile_totals[key] * 1e3:,.0f} ms a run, over {PROFILE_RUNS} runs; "
                "the profiler inflates the cost of many small calls). Shares are of the profiled total. "
                f"The {PROFILE_TOP} functions with the most own time:",
                "",
                *table,
                "",
                f"and kyodo's own functions with the most time including their callees (leaving out "
                f"`{title.split('(')[0]}` and what holds nearly all of it):",
                "",
                *profile_table(result, key, "_kyodo"),
            ]
    if result.problems:
        lines += ["", *(f"- Left out: {problem}." for problem in result.problems)]
    lines += [
        "",
        END_MARKER,
    ]
    return "\n".join(lines)


def run(quick: bool, plans: int | None = None) -> tuple[Result, bool]:
    """Measure and profile; the result, and False if any plan failed its round trip."""
    default_plans, repeats = QUICK if quick else FULL
    count = plans or default_plans
    print(f"   plan files: {count} plans, best of {repeats} repeats; {machine()}", file=sys.stderr)
    result = measure(count, repeats)
    if result.problems and len(result.problems) == count:
        print("!! plan files: no plan could be timed", file=sys.stderr)
        return result, False
    add_profiles(result)
    print(f"   plan files: timed in {result.seconds:.0f} s", file=sys.stderr)
    return result, not result.problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK[0]} plans, {QUICK[1]} repeats")
    parser.add_argument("--plans", type=int, help=f"how many plans (default {FULL[0]}, or {QUICK[0]} with --quick)")
    args = parser.parse_args(argv)
    result, all_right = run(args.quick, args.plans)
    print(console_table(result))
    print(console_profile(result))
    return 0 if all_right else 1


if __name__ == "__main__":
    sys.exit(main())
