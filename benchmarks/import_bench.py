"""Benchmark ``import kyodo`` against ``import attrs, cattrs``, each in a fresh interpreter.

Usage::

    python benchmarks/import_bench.py [--quick] [--write docs/performance.md]
    python benchmarks/run.py --only import [--quick] [--write docs/performance.md]

Each contender is a new ``python -c CODE`` process, run with the interpreter
and environment of this one (bytecode already compiled: one untimed run
each first). The contenders run in turns, and each keeps its best wall time
of several runs; a fresh process is the only honest way to time an import,
since a second import in the same process costs nothing.

- *Python alone*: ``pass``, the cost of starting the interpreter;
- *the peer*: ``import attrs, cattrs``, the libraries kyodo is built on;
- ``import kyodo``, the goal: within 1.5× of the peer;
- what a first use costs beyond it: ``kyodo.Plan`` (the plan model),
  ``kyodo.load`` of a seed plan, and ``kyodo report`` of that plan
  (``python -m kyodo report …``, its output dropped).

Every figure is the whole process's wall time, interpreter start included;
the ratios are of those times. ``-X importtime`` of the command then shows
which of kyodo's modules cost the most for ``kyodo report``.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import kyodo
import plan_io
from grading_bench import fmt_ratio, load_note, ratio

START_MARKER = "<!-- bench:import:start -->"
END_MARKER = "<!-- bench:import:end -->"

GOAL = 1.5
ROOT = Path(__file__).resolve().parent.parent
PLAN = "examples/plans/niigata.toml"
TOP = 8


@dataclass(frozen=True)
class Size:
    runs: int


FULL = Size(20)
QUICK = Size(6)

#: (key, what the table shows, the code run by ``python -c``)
CONTENDERS = (
    ("python", "`pass` (Python alone)", "pass"),
    ("peer", "`import attrs, cattrs`", "import attrs, cattrs"),
    ("kyodo", "`import kyodo`", "import kyodo"),
    ("plan", "`import kyodo; kyodo.Plan`", "import kyodo; kyodo.Plan"),
    ("load", f"`import kyodo; kyodo.load({PLAN!r})`", f"import kyodo; kyodo.load({PLAN!r})"),
    (
        "report",
        f"`kyodo report {PLAN}`",
        f"import sys; sys.argv = ['kyodo', 'report', {PLAN!r}]; from kyodo.cli import main; main()",
    ),
)


@dataclass
class Result:
    size: Size
    quick: bool
    seconds: dict[str, float] = field(default_factory=dict)
    heaviest: list[tuple[str, int]] = field(default_factory=list)  # module, own microseconds
    load_sentence: str = ""


def _run(code: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *options, "-c", code],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )


def _wall(code: str) -> float:
    started = time.perf_counter()
    _run(code)
    return time.perf_counter() - started


def heaviest_modules(code: str, runs: int = 3) -> list[tuple[str, int]]:
    """kyodo's modules that ``code`` imports, by their own import time (best of ``runs``), heaviest first."""
    best: dict[str, int] = {}
    for _ in range(runs):
        for line in _run(code, "-X", "importtime").stderr.splitlines():
            if not line.startswith("import time:") or "|" not in line:
                continue
            own, _cumulative, name = line.removeprefix("import time:").split("|")
            name = name.strip()
            if name.startswith("kyodo") and own.strip().isdigit():
                best[name] = min(int(own), best.get(name, int(own)))
    return sorted(best.items(), key=lambda item: -item[1])[:TOP]


def run(quick: bool) -> tuple[Result, bool]:
    size = QUICK if quick else FULL
    _load, sentence = load_note()
    print(f"   import: best of {size.runs} fresh processes each; {plan_io.machine()}", file=sys.stderr)
    result = Result(size, quick, load_sentence=sentence)
    for _key, _shown, code in CONTENDERS:
        _run(code)  # compiles what is not compiled yet; untimed
    for _round in range(size.runs):
        for key, _shown, code in CONTENDERS:
            seconds = _wall(code)
            result.seconds[key] = min(seconds, result.seconds.get(key, seconds))
    result.heaviest = heaviest_modules(CONTENDERS[-1][2])
    return result, True


def verdict(result: Result) -> str:
    value = ratio(result.seconds.get("kyodo"), result.seconds.get("peer"))
    return f"≤ {GOAL:g}×: " + ("not measured" if value is None else "met" if value <= GOAL else "MISSED")


def console_report(result: Result) -> str:
    peer = result.seconds.get("peer")
    out = []
    for key, shown, _code in CONTENDERS:
        seconds = result.seconds.get(key)
        mine = "–" if seconds is None else f"{seconds * 1e3:,.1f} ms"
        out.append(f"  {shown:<60} {mine:>10}  {fmt_ratio(ratio(seconds, peer)):>7} peer")
    out.append(f"  import kyodo: {verdict(result)}")
    out.append("  heaviest kyodo modules for kyodo report (own import time): ")
    out += [f"    {name:<28} {micro / 1e3:6.1f} ms" for name, micro in result.heaviest]
    return "\n".join(out)


def markdown_section(result: Result, command: str) -> str:
    peer = result.seconds.get("peer")
    lines = [
        START_MARKER,
        "## Importing kyodo",
        "",
        f"Measured {dt.date.today().isoformat()} with `{command}{' --quick' if result.quick else ''}`: "
        f"{plan_io.machine()}; kyodo {kyodo.__version__}.{result.load_sentence}",
        "",
        "Each row is a fresh `python -c …` process, timed whole (interpreter start included), best of "
        f"{result.size.runs} runs, the rows run in turns. The peer is `import attrs, cattrs`, what kyodo is "
        f"built on; the goal is `import kyodo` within {GOAL:g}× of it. `import kyodo` loads only the package's "
        "front door: each module loads on the first use of a name from it, so the rows below it show what a "
        "first use adds.",
        "",
        "| Code | ms | ÷ `import attrs, cattrs` | Goal |",
        "|---|---:|---:|---|",
    ]
    for key, shown, _code in CONTENDERS:
        seconds = result.seconds.get(key)
        goal = verdict(result) if key == "kyodo" else "–"
        mine = "–" if seconds is None else f"{seconds * 1e3:,.1f}"
        lines.append(f"| {shown} | {mine} | {fmt_ratio(ratio(seconds, peer))} | {goal} |")
    if result.heaviest:
        lines += [
            "",
            "kyodo's modules with the most own import time in `kyodo report` (`python -X importtime`, best of 3): "
            + ", ".join(f"`{name}` {micro / 1e3:.1f} ms" for name, micro in result.heaviest)
            + ".",
        ]
    lines += ["", END_MARKER]
    return "\n".join(lines)


if __name__ == "__main__":
    # As run.py runs it, without --write unless given: python benchmarks/import_bench.py [--quick] [--write PATH].
    import run as runner

    sys.exit(runner.main(["--only", "import", *sys.argv[1:]]))
