"""Benchmark the cost of a grading request, as a web service embedding kyodo answers it, against loading its plan.

Usage::

    python benchmarks/request_bench.py [--quick] [--write docs/performance.md]
    python benchmarks/run.py --only request [--quick] [--write docs/performance.md]

A request is a JSON body ``{"fy": …, "scheme": …, "plan": {…}}``: a whole plan
as plain data, the fiscal year to grade and a preset's name. Answering it
(*the request*) is what a ``/grade`` endpoint does:
``kyodo.json_loads`` the body, ``kyodo.from_data`` the plan, read the year,
take the preset, grade every measure (``grade_measure``) and turn each
explanation to data (``Explanation.to_data()``), ready for ``json.dumps``.
*The floor* is the least a service must do with the same body before it
can answer anything: ``json_loads`` it and ``from_data`` the plan. Between
them, *labels only* grades every measure but keeps only each label, no
explanation.

Two populations, the same on every machine:

- **Corpus plans**: plans of ``corpus.py`` (100 measures of 3 indicators,
  with every text, schedule, budget and evaluation a sheet prints), graded
  in their last year, where every indicator has an actual.
- **Seed plans**: the plan files of ``examples/plans`` (the seed documents
  and the sheets encoded beside them: a few measures each, real figures),
  each graded in the latest year any of its indicators has an actual.

The goal is a request within 3× its floor: grading and explaining should
cost no more than twice what reading the plan already costs. A goal missed
adds a ``cProfile`` of the request to the report. The timing helpers are
``grading_bench.py``'s.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kyodo
import plan_io
from corpus import make_plan
from grading_bench import (
    Case,
    Contender,
    Profile,
    at_most,
    check,
    fmt_ratio,
    fmt_us,
    load_note,
    missed,
    profile_console,
    profile_markdown,
    profile_rows,
    ratio,
    time_in_turns,
)
from kyodo import FiscalYear, Plan, grade_measure, preset

START_MARKER = "<!-- bench:request:start -->"
END_MARKER = "<!-- bench:request:end -->"

SCHEME = "osaka-pref-library-2016"
GOAL = 3.0
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "plans"


@dataclass(frozen=True)
class Size:
    corpus_plans: int
    repeats: int
    target: float  # seconds a pass lasts at least


FULL = Size(5, 5, 0.5)
QUICK = Size(3, 2, 0.1)


# --- the request and its floor ---------------------------------------------------------------


def floor(body: str) -> Plan:
    """What a service must do before it can answer: read the body exactly, build the plan."""
    data = kyodo.json_loads(body)
    assert isinstance(data, dict)
    return kyodo.from_data(data["plan"])


def answer(body: str) -> list[dict[str, Any]]:
    """A ``/grade`` request: the body read, every measure graded and explained as data."""
    data = kyodo.json_loads(body)
    assert isinstance(data, dict)
    plan = kyodo.from_data(data["plan"])
    fy = FiscalYear.parse(data["fy"])
    scheme = preset(data["scheme"])
    return [grade_measure(measure, fy, scheme).explanation.to_data() for measure in plan.measures()]


def labels(body: str) -> list[str | None]:
    """The request without explanations: every measure's label only."""
    data = kyodo.json_loads(body)
    assert isinstance(data, dict)
    plan = kyodo.from_data(data["plan"])
    fy = FiscalYear.parse(data["fy"])
    scheme = preset(data["scheme"])
    return [grade_measure(measure, fy, scheme).computed.label for measure in plan.measures()]


def latest_year(plan: Plan) -> FiscalYear:
    """The latest fiscal year any indicator of ``plan`` has an actual for (the plan's last year if none has)."""
    years = [actual.fy for _code, _node, indicator in plan.indicators() for actual in indicator.actuals]
    return max(years, key=lambda fy: fy.year) if years else plan.period.last


def body_of(plan: Plan) -> str:
    """The JSON body a client sends for ``plan``: the year, the scheme, and the plan as its file holds it."""
    head = json.dumps({"fy": latest_year(plan).format("fy"), "scheme": SCHEME})
    return f'{head[:-1]}, "plan": {kyodo.dumps(plan, "json")}}}'


# --- cases --------------------------------------------------------------------------------------


@dataclass
class Population:
    key: str
    title: str
    bodies: list[str]
    measures: int
    indicators: int
    characters: int


def populations(size: Size) -> list[Population]:
    corpus = [make_plan(index) for index in range(size.corpus_plans)]
    seeds = [kyodo.load(path) for path in sorted(EXAMPLES.glob("*.toml"))]
    made = []
    for key, title, plans in (
        ("corpus", f"{len(corpus)} corpus plans", corpus),
        ("seeds", f"{len(seeds)} seed plans", seeds),
    ):
        bodies = [body_of(plan) for plan in plans]
        made.append(
            Population(
                key,
                title,
                bodies,
                sum(sum(1 for _ in plan.measures()) for plan in plans),
                sum(sum(1 for _ in plan.indicators()) for plan in plans),
                sum(len(body) for body in bodies),
            )
        )
    return made


def _each(function: Any, bodies: list[str]) -> Any:
    return lambda: [function(body) for body in bodies]


def request_case(population: Population) -> Case:
    bodies = population.bodies
    expected = [sum(1 for _ in floor(body).measures()) for body in bodies]
    return Case(
        population.key,
        f"A request per plan: {population.title} ({population.measures:,} measures)",
        len(bodies),
        [
            Contender(
                "floor",
                "floor",
                "from_data(json_loads(body)['plan'])",
                _each(floor, bodies),
                lambda: [sum(1 for _ in floor(body).measures()) for body in bodies],
            ),
            Contender(
                "labels",
                "kyodo",
                "… and grade_measure(m, fy, preset(name)).computed.label for every measure",
                _each(labels, bodies),
                lambda: [len(labels(body)) for body in bodies],
            ),
            Contender(
                "request",
                "kyodo",
                "… and grade_measure(…).explanation.to_data() for every measure",
                _each(answer, bodies),
                lambda: [len(answer(body)) for body in bodies],
            ),
        ],
        expected,
    )


def check_answers(population: Population) -> bool:
    """The request's answers are JSON as they stand, and give the labels grading alone gives."""
    for body in population.bodies:
        answered = answer(body)
        json.dumps(answered, ensure_ascii=False)
        if [item["facts"].get("grade") for item in answered] != labels(body):
            print(f"!! request: {population.title}: explained grades differ from the labels", file=sys.stderr)
            return False
    return True


# --- running and reporting --------------------------------------------------------------------------


@dataclass
class Result:
    size: Size
    quick: bool
    populations: list[Population]
    cases: list[Case]
    load_sentence: str = ""
    seconds: float = 0.0
    profiles: dict[str, Profile] = field(default_factory=dict)


def verdict(case: Case) -> str:
    return at_most(ratio(case.per_item("request"), case.per_item("floor")), GOAL)


def run(quick: bool) -> tuple[Result, bool]:
    size = QUICK if quick else FULL
    started = time.perf_counter()
    _load, sentence = load_note()
    print(f"   request: best of {size.repeats} passes; {plan_io.machine()}", file=sys.stderr)
    made = populations(size)
    all_right = True
    cases = []
    for population in made:
        case = request_case(population)
        all_right = check(case) and check_answers(population) and all_right
        time_in_turns(case, size.repeats, size.target)
        print(f"   request: timed {case.title}", file=sys.stderr)
        cases.append(case)
    result = Result(size, quick, made, cases, sentence)
    for population, case in zip(made, cases, strict=True):
        if missed(verdict(case)):
            result.profiles[case.key] = profile_rows(_each(answer, population.bodies))
    result.seconds = time.perf_counter() - started
    return result, all_right


def console_report(result: Result) -> str:
    out = []
    for case in result.cases:
        floor_time = case.per_item("floor")
        out.append(case.title)
        for contender in case.contenders:
            mine = case.per_item(contender.key)
            out.append(
                f"  {contender.key:<8} {fmt_us(mine):>12} µs/plan  {fmt_ratio(ratio(mine, floor_time)):>8} floor"
                + (f"  {verdict(case)}" if contender.key == "request" else "")
            )
    for key, profile in result.profiles.items():
        out.append(profile_console(f"the request ({key})", profile))
    return "\n".join(out)


def markdown_section(result: Result, command: str) -> str:
    size = result.size
    size_words = (
        f"a quick run: {size.corpus_plans} corpus plans, where a full run takes {FULL.corpus_plans}"
        if result.quick
        else f"{size.corpus_plans} corpus plans"
    )
    lines = [
        START_MARKER,
        "## Cost per request",
        "",
        f"Measured {dt.date.today().isoformat()} with `{command}{' --quick' if result.quick else ''}`: "
        f"{plan_io.machine()}; kyodo {kyodo.__version__}.{result.load_sentence}",
        "",
        "A service that grades plans answers a request such as "
        f'`{{"fy": "FY2020", "scheme": "{SCHEME}", "plan": {{…}}}}` with a grade and its explanation for every '
        "measure. *The request* does all of it: `kyodo.json_loads` the body, `kyodo.from_data` the plan, "
        "`grade_measure` every measure with the preset, and `Explanation.to_data()` each result, ready for "
        "`json.dumps`. *The floor* is what the service must do before it can answer anything: read the body and "
        "build the plan. *Labels only* grades every measure but keeps just the label. The goal is the request "
        f"within {GOAL:g}× its floor. Times are per plan ({size_words}), the best of {size.repeats} passes, the "
        "three timed in turns; the answers were checked first (as many as the plan has measures, JSON as they "
        "stand, the same labels with and without explanations).",
        "",
        "| Plans | Measures | Body | Floor µs/plan | Labels only ÷ floor | Request µs/plan | Request ÷ floor | Goal |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for population, case in zip(result.populations, result.cases, strict=True):
        floor_time = case.per_item("floor")
        lines.append(
            f"| {population.title} | {population.measures / case.items:,.0f} a plan "
            f"| {population.characters / case.items / 1000:,.0f} k characters "
            f"| {fmt_us(floor_time)} | {fmt_ratio(ratio(case.per_item('labels'), floor_time))} "
            f"| {fmt_us(case.per_item('request'))} | {fmt_ratio(ratio(case.per_item('request'), floor_time))} "
            f"| {verdict(case)} |"
        )
    lines += [
        "",
        "Corpus plans are `corpus.py`'s (100 measures of 3 indicators, with every text, schedule, budget and "
        "evaluation), graded in their last year; seed plans are `examples/plans/*.toml`, each graded in the "
        "latest year any of its indicators has an actual.",
    ]
    for key, profile in result.profiles.items():
        lines += ["", *profile_markdown(f"the request ({key})", profile, "the goal was missed")]
    lines += ["", END_MARKER]
    return "\n".join(lines)


if __name__ == "__main__":
    # As run.py runs it, without --write unless given: python benchmarks/request_bench.py [--quick] [--write PATH].
    import run as runner

    sys.exit(runner.main(["--only", "request", *sys.argv[1:]]))
