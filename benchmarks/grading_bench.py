"""Benchmark grading and completion criteria against a hand-written floor and the ``rule-engine`` package.

Usage::

    python benchmarks/grading_bench.py [--quick]
    python benchmarks/run.py --only grading [--quick] [--write docs/performance.md]

Two populations, built from seeded generators (the same on every machine):

- **Grading**: 100,000 indicator-years, each an exact achievement rate (a
  ``Fraction``, actual ÷ target of decimal figures such as 1234.5 against
  1300), graded by the preset ``osaka-pref-library-2016`` (A ≥ 110%,
  B 90–110%, C 60–90%, D < 60%). About one in fifty sits exactly on a bound
  and one in fifty one unit of the last digit below it. Timed:
  ``scheme.grade_label(rate)`` (the fast path), ``scheme.grade(rate)`` (the
  full result; its explanation is built only when asked for, and is not
  here), the floor, and rule-engine evaluating one rule with the same bands.
  The floor is integer cross-multiplication: ``n, d =
  rate.as_integer_ratio()``, then ``n * 10 >= d * 11`` for A and so on. It
  is given the same input as ``grade_label``, the rate, which is the honest
  one: handed ``n`` and ``d`` apart, it would be timed on an input kyodo is
  never given, skipping the one call any code given a Fraction makes to read
  them; handed the actual and target Decimals, it would grade another input
  (kyodo's call gets its rate made, untimed) in Decimal multiplication, which
  is slower than int, and so flatter kyodo. Two reference lines, not goals:
  the integer floor handed ``(n, d)`` apart, and the same ``if`` chain
  comparing Fractions (``rate >= Fraction(11, 10)``), the floor first used.
- **Completion criteria**: 10,000 criteria trees (``AllOf``/``AnyOf``/``Not``
  over ``Reaches``, ``Covers``, ``MilestoneReached`` and ``Judgment``
  leaves), each with its own facts (indicators with actuals, some of them
  estimates; milestones dated by day, month or fiscal year; judgments) and
  a fiscal year to judge at. Timed: ``evaluate(tree, facts, as_of)``, the
  floor (a hand-written function giving the same Kleene verdict, which stops
  at the first part that decides), and rule-engine (each tree written as one
  rule over the facts as plain data, verdicts as 0, ½ and 1).
- **Every basis**: 20,000 indicator-years and 5,000 measures of 1–3 indicators,
  graded by one legend of each kind of basis (achievement, progress, pace on
  its linear and cumulative paths, change in points, 長与町's legend on
  several bases, 佐野市's points summed over a measure, and a two-axis grade),
  each beside its own floor (plain Python over the same indicators, the same
  exact rate, an ``if`` chain) and rule-engine (one rule per legend over the
  figures as plain data). See ``BASIS_CASES``. kyodo gives each call's full
  result; a grade's reading, with the text of its figures, and its
  explanation are made only when asked for, and are not timed.

Every contender's answers are checked against the floor's (and the grades
also against exact integer cross-multiplication) before anything is timed;
one that disagrees is reported and left out. The contenders are then timed in
turns, best of several passes over the whole population (``timeit``, which
turns the garbage collector off while it times). A goal missed adds a
``cProfile`` of kyodo's call to the report.

The timing helpers here are shared with ``subsidy_bench.py``.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import datetime as dt
import decimal
import functools
import importlib
import importlib.metadata
import itertools
import os
import pstats
import random
import sys
import time
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from attrs import evolve

import kyodo
import plan_io
from kyodo import FiscalYear, Indicator, Measure, Observation, Target
from kyodo.bases import Change
from kyodo.completion import (
    AllOf,
    AnyOf,
    Covers,
    Criterion,
    Facts,
    Judgment,
    JudgmentRecord,
    MilestoneReached,
    Not,
    Reaches,
    Verdict,
    evaluate,
)
from kyodo.grading import Grade, GradingScheme, Points, TwoAxis, grade_measure, grade_two_axes, preset
from kyodo.indicators import Direction, achievement_rate
from kyodo.wareki import YearMonth
from plan_io import ProfileRow

START_MARKER = "<!-- bench:grading:start -->"
END_MARKER = "<!-- bench:grading:end -->"

SCHEME = "osaka-pref-library-2016"
#: The goals from the issue: kyodo within this many times the floor, and "well ahead" of rule-engine,
#: taken here as at least this many times faster.
FLOOR_GOAL = 3.0
PEER_GOAL = 2.0


@dataclass(frozen=True)
class Size:
    rates: int
    trees: int
    #: rule-engine evaluates a criteria tree in milliseconds and takes about as long to parse each
    #: one, so it runs over the first ``peer_trees`` trees only (its time per tree is what counts).
    peer_trees: int
    repeats: int  # passes per contender, the best kept
    target: float  # seconds a pass should last at least (short calls are repeated to fill it)
    indicators: int = 20_000  # indicator-years graded by each legend of one basis
    measures: int = 5_000  # measures graded by points and on two axes
    peer_items: int = 2_000  # rule-engine runs over the first of these only


FULL = Size(100_000, 10_000, 1_000, 5, 0.2)
QUICK = Size(20_000, 1_000, 200, 2, 0.05, 4_000, 1_000, 500)
SEED = 20160401

#: How many items the profile of a missed goal runs over.
PROFILE_ITEMS = {"grading": 20_000, "criteria": 1_000, "bases": 2_000}


# --- shared with subsidy_bench: contenders, checking, timing, reporting --------------------


@dataclass
class Peer:
    """A peer library: its module (None when it cannot be imported) and version."""

    name: str
    module: Any = None
    version: str | None = None
    problem: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}" if self.module is not None else self.name


def load_peer(distribution: str, module_name: str) -> Peer:
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # any failure to import means we cannot compare
        return Peer(distribution, problem=f"not installed ({type(error).__name__}: {error})")
    try:
        version = importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        version = getattr(module, "__version__", "unknown")
    return Peer(distribution, module, version)


@dataclass
class Contender:
    """One way to do a case's work over its whole population.

    ``run`` does the work once, as timed; ``answers`` gives one answer per item, for the check
    (by default ``run``'s result, listed).
    """

    key: str
    role: str  # "kyodo", "floor", "peer" or "reference"
    name: str
    code: str
    run: Callable[[], object] | None
    answers: Callable[[], Sequence[Any]] | None = None
    note: str | None = None  # why it is absent or was left out
    seconds: float | None = None  # best pass
    passes: int = 0
    items: int | None = None  # when it runs over only the first items of the population

    def answer_list(self) -> list[Any]:
        assert self.run is not None
        return list(self.answers() if self.answers is not None else self.run())  # type: ignore[call-overload]


@dataclass
class Case:
    key: str
    title: str
    items: int
    contenders: list[Contender]
    expected: Sequence[Any]
    remarks: list[str] = field(default_factory=list)

    def get(self, key: str) -> Contender:
        for contender in self.contenders:
            if contender.key == key:
                return contender
        raise LookupError(f"{self.title} has no {key}")

    def per_item(self, key: str) -> float | None:
        contender = self.get(key)
        if contender.seconds is None:
            return None
        return contender.seconds / (contender.items or self.items)


def drain(function: Callable[..., object], inputs: Sequence[Any], star: bool = False) -> Callable[[], None]:
    """A call making one call of ``function`` per input, its results dropped (the loop runs in C)."""
    consume = collections.deque
    if star:
        return lambda: consume(itertools.starmap(function, inputs), maxlen=0)  # type: ignore[func-returns-value]
    return lambda: consume(map(function, inputs), maxlen=0)  # type: ignore[func-returns-value]


def check(case: Case) -> bool:
    """Check every contender's answers against ``case.expected``; leave out (and report) any that differ."""
    all_right = True
    for contender in case.contenders:
        if contender.run is None:
            continue
        expected = case.expected[: contender.items or case.items]
        try:
            got = contender.answer_list()
        except Exception as error:
            problem = f"raised {type(error).__name__}: {str(error)[:300]}"
        else:
            wrong = [index for index, (mine, want) in enumerate(zip(got, expected, strict=False)) if mine != want]
            if len(got) != len(expected):
                problem = f"gave {len(got):,} answers for {len(expected):,} items"
            elif wrong:
                first = wrong[0]
                problem = (
                    f"disagrees on {len(wrong):,} of {len(got):,} items (first at item {first}: "
                    f"{got[first]!r}, not {expected[first]!r})"
                )
            else:
                problem = None
        if problem is not None:
            print(f"!! {case.title}: {contender.name} {problem}; left out of the comparison", file=sys.stderr)
            contender.note = f"left out: it {problem}"
            contender.run = None
            all_right = False
    return all_right


def time_in_turns(case: Case, repeats: int, target: float) -> None:
    """Time each contender, in turns, one pass each per round; each keeps its best of ``repeats`` passes.

    The first round makes one call each; after it, a pass lasts at least ``target`` seconds (a call
    shorter than that is repeated within the pass, and the pass's time divided). Timing in turns
    spreads a slow moment of the machine over all the contenders alike.
    """
    timers = [(contender, timeit.Timer(contender.run)) for contender in case.contenders if contender.run is not None]
    numbers = {id(contender): 1 for contender, _timer in timers}
    for _round in range(repeats):
        for contender, timer in timers:
            number = numbers[id(contender)]
            seconds = timer.timeit(number) / number
            contender.seconds = seconds if contender.seconds is None else min(seconds, contender.seconds)
            contender.passes += 1
            numbers[id(contender)] = max(1, round(target / seconds)) if seconds > 0 else 1


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}×" if value < 10 else f"{value:.1f}×" if value < 100 else f"{value:,.0f}×"


def fmt_us(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    micro = seconds * 1e6
    return f"{micro:.4f}" if micro < 0.1 else f"{micro:.3f}" if micro < 10 else f"{micro:,.1f}"


def at_most(value: float | None, goal: float) -> str:
    if value is None:
        return f"≤ {goal:g}× floor: not measured"
    return f"≤ {goal:g}× floor: {'met' if value <= goal else 'MISSED'}"


def at_least(value: float | None, goal: float, peer: str) -> str:
    if value is None:
        return f"≥ {goal:g}× {peer}: not measured"
    return f"≥ {goal:g}× {peer}: {'met' if value >= goal else 'MISSED'}"


def missed(verdict: str) -> bool:
    return "MISSED" in verdict


def load_note() -> tuple[float | None, str]:
    """The 1-minute load average now, and a sentence saying whether other work shared the machine."""
    if not hasattr(os, "getloadavg"):
        return None, ""
    load = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    busy = load > cores - 0.5
    return load, f" Load average {load:.1f} as the timing started, this run included" + (
        f"; other work shared the {cores} cores, so these figures are noisier than usual." if busy else "."
    )


@dataclass
class Profile:
    """A ``cProfile`` of a call: per run, the top functions by own time, kyodo's by time with callees, the total."""

    by_own: list[ProfileRow]
    by_cumulative: list[ProfileRow]
    total: float
    kyodo_own: float  # the share of own time spent in kyodo's Python code (attrs-generated methods included)


PROFILE_TOP = 8


def profile_rows(call: Callable[[], object]) -> Profile:
    """``plan_io.PROFILE_RUNS`` profiled runs of ``call`` (after one to warm up), summed up as a :class:`Profile`."""
    call()
    profiler = cProfile.Profile()
    for _run in range(plan_io.PROFILE_RUNS):
        profiler.runcall(call)
    stats = pstats.Stats(profiler)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    runs = plan_io.PROFILE_RUNS
    total = stats.total_tt / runs  # type: ignore[attr-defined]
    rows = [
        ProfileRow(plan_io.short_name(key), calls // runs, own / runs, cumulative / runs)
        for key, (_primitive, calls, own, cumulative, _callers) in raw.items()
    ]
    mine = [row for row in rows if row.function.startswith(("kyodo/", "<attrs generated methods kyodo."))]
    by_cumulative = [
        row
        for row in sorted(mine, key=lambda row: row.cumulative, reverse=True)
        if row.cumulative < 0.85 * total and row.cumulative >= 0.01 * total
    ][:PROFILE_TOP]
    return Profile(
        sorted(rows, key=lambda row: row.own, reverse=True)[:PROFILE_TOP],
        by_cumulative,
        total,
        sum(row.own for row in mine) / total if total else 0.0,
    )


def profile_markdown(title: str, profile: Profile, note: str) -> list[str]:
    lines = [
        f"`{title}` under `cProfile` ({note}; {profile.total * 1e3:,.0f} ms a run, over {plan_io.PROFILE_RUNS} "
        "runs; the profiler inflates the cost of many small calls). Shares are of the profiled total; "
        f"{profile.kyodo_own:.0%} of it is the own time of kyodo's Python code (its functions and the methods "
        "attrs generates for its classes). The functions with the most own time:",
        "",
    ]
    for table in (profile.by_own, profile.by_cumulative):
        lines += ["| Function | Calls | Own time | With callees |", "|---|---:|---:|---:|"]
        for row in table:
            name = row.function.replace("|", "\\|")
            lines.append(
                f"| `{name}` | {row.calls:,} | {row.own / profile.total:.0%} "
                f"| {min(row.cumulative / profile.total, 1):.0%} |"
            )
        if table is profile.by_own and profile.by_cumulative:
            lines += ["", "and kyodo's own functions with the most time including their callees:", ""]
    return lines


def profile_console(title: str, profile: Profile) -> str:
    out = [
        f"   profile of {title} ({profile.total * 1e3:,.0f} ms under cProfile; "
        f"{profile.kyodo_own:.0%} own time in kyodo's Python code):"
    ]
    for row in [*profile.by_own, *profile.by_cumulative]:
        out.append(
            f"     {row.own / profile.total:6.1%} own  {min(row.cumulative / profile.total, 1):6.1%} cum  "
            f"{row.calls:>9,}  {row.function}"
        )
    return "\n".join(out)


def console_table(case: Case, goals: dict[str, str]) -> str:
    header = ("contender", "µs/item", "÷ floor", "goal")
    floor = case.per_item("floor")
    rows = [header]
    for contender in case.contenders:
        mine = case.per_item(contender.key)
        rows.append(
            (
                contender.name
                if contender.run is not None or contender.note is None
                else f"{contender.name}: {contender.note}",
                fmt_us(mine),
                fmt_ratio(ratio(mine, floor)),
                goals.get(contender.key, ""),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    return f"{case.title}\n" + "\n".join(f"  {line}" for line in lines)


# --- the grading population ------------------------------------------------------------

_BOUNDS = (Decimal("1.1"), Decimal("0.9"), Decimal("0.6"))


def make_figures(count: int, seed: int = SEED) -> list[tuple[Decimal, Decimal]]:
    """``count`` (actual, target) pairs of exact decimals, as evaluation sheets print them."""
    rng = random.Random(seed)
    pairs = []
    for index in range(count):
        places = rng.choice((0, 1, 1, 2))
        target = Decimal(rng.randint(1, 200_000)).scaleb(-places)
        unit = Decimal(1).scaleb(-places - 1)
        kind = index % 50
        if kind in (0, 1):
            # exactly on a bound, or one unit of the last digit below it
            actual = target * rng.choice(_BOUNDS) - (unit if kind == 1 else 0)
        else:
            actual = (target * rng.randint(0, 1600) / 1000).quantize(unit)
        pairs.append((actual, target))
    return pairs


def floor_grade(rate: Fraction) -> str:
    """The floor: the least code that grades an exact rate by the scheme's bands, in integers.

    Given the rate, as ``grade_label`` is: its numerator and denominator read in one call, then
    cross-multiplied with each bound's (n/d >= 11/10 where n * 10 >= d * 11, d being above 0).
    """
    n, d = rate.as_integer_ratio()
    n *= 10
    if n >= d * 11:
        return "A"
    if n >= d * 9:
        return "B"
    if n >= d * 6:
        return "C"
    return "D"


def floor_grade_of_integers(n: int, d: int) -> str:
    """The integer floor handed the numerator and denominator apart (a reference: kyodo is given the Fraction)."""
    n *= 10
    if n >= d * 11:
        return "A"
    if n >= d * 9:
        return "B"
    if n >= d * 6:
        return "C"
    return "D"


_A, _B, _C = Fraction(11, 10), Fraction(9, 10), Fraction(3, 5)


def floor_grade_by_fractions(rate: Fraction) -> str:
    """The same if chain comparing Fractions, the floor this benchmark used first (a reference)."""
    if rate >= _A:
        return "A"
    if rate >= _B:
        return "B"
    if rate >= _C:
        return "C"
    return "D"


def grade_by_cross_multiplying(actual: Decimal, target: Decimal) -> str:
    """The right grade by a different road: compare actual × 10 with target × 11, 9 and 6, exactly."""
    with decimal.localcontext(decimal.Context(prec=60, traps=[decimal.Inexact])):
        ten = actual * 10
        if ten >= target * 11:
            return "A"
        if ten >= target * 9:
            return "B"
        if ten >= target * 6:
            return "C"
        return "D"


RULE_ENGINE_GRADE = "rate >= 1.1 ? 'A' : (rate >= 0.9 ? 'B' : (rate >= 0.6 ? 'C' : 'D'))"


def grading_case(size: Size, rule_engine: Peer) -> tuple[Case, dict[str, Any]]:
    figures = make_figures(size.rates)
    rates = [achievement_rate(actual, target) for actual, target in figures]
    expected = [grade_by_cross_multiplying(actual, target) for actual, target in figures]
    scheme = preset(SCHEME)
    info: dict[str, Any] = {
        "distribution": collections.Counter(expected),
        "on_bounds": sum(1 for index in range(size.rates) if index % 50 == 0),
        "below_bounds": sum(1 for index in range(size.rates) if index % 50 == 1),
    }
    ratios = [rate.as_integer_ratio() for rate in rates]  # for the reference handed them apart, made untimed
    contenders = [
        Contender(
            "floor",
            "floor",
            "floor",
            "n, d = rate.as_integer_ratio(); if n * 10 >= d * 11: 'A' … (an if chain)",
            drain(floor_grade, rates),
            lambda: [floor_grade(rate) for rate in rates],
        ),
        Contender(
            "integers",
            "reference",
            "floor, integers given",
            "the same on (n, d) handed over apart",
            drain(floor_grade_of_integers, ratios, star=True),
            lambda: [floor_grade_of_integers(n, d) for n, d in ratios],
        ),
        Contender(
            "fractions",
            "reference",
            "floor, Fractions",
            "if rate >= Fraction(11, 10): 'A' … (an if chain)",
            drain(floor_grade_by_fractions, rates),
            lambda: [floor_grade_by_fractions(rate) for rate in rates],
        ),
        Contender(
            "label",
            "kyodo",
            "kyodo, fast path",
            "scheme.grade_label(rate)",
            drain(scheme.grade_label, rates),
            lambda: [scheme.grade_label(rate) for rate in rates],
        ),
        Contender(
            "grade",
            "kyodo",
            "kyodo, full result",
            "scheme.grade(rate)",
            drain(scheme.grade, rates),
            lambda: [scheme.grade(rate).label for rate in rates],
        ),
    ]
    peer = Contender(
        "peer", "peer", rule_engine.label, f'rule.evaluate({{"rate": rate}}), rule: "{RULE_ENGINE_GRADE}"', None
    )
    if rule_engine.module is None:
        peer.note = rule_engine.problem
    else:
        context = rule_engine.module.Context(mapping_attribute_lookup=False)
        rule = rule_engine.module.Rule(RULE_ENGINE_GRADE, context=context)
        # rule-engine's numbers are Decimals (its FLOAT type); it refuses a Fraction ("data type
        # mismatch"). So it gets the rate as a Decimal quotient, 28 significant digits, made untimed.
        with decimal.localcontext(decimal.Context(prec=28)):
            rows = [{"rate": actual / target} for actual, target in figures]
        info["fraction_refused"] = _refuses_fraction(rule, rates[0])
        peer.run = drain(rule.evaluate, rows)
        peer.answers = lambda: [rule.evaluate(row) for row in rows]
    contenders.append(peer)
    case = Case(
        "grading",
        f"Grading {size.rates:,} indicator-years",
        size.rates,
        contenders,
        expected,
    )
    info["profile"] = lambda: collections.deque(map(scheme.grade, rates[: PROFILE_ITEMS["grading"]]), maxlen=0)
    return case, info


def _refuses_fraction(rule: Any, rate: Fraction) -> str | None:
    try:
        rule.evaluate({"rate": rate})
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return None


# --- the criteria population -------------------------------------------------------------

INDICATORS = ("登録団体数", "講座参加者数", "センター数", "相談件数")
MILESTONES = ("設立総会", "地域計画の策定", "拠点の開設")
JUDGMENTS = ("自立した運営", "協働の定着", "評価の実施")


def _day(rng: random.Random, first: int = 2014, last: int = 2020) -> date:
    start = date(first, 1, 1).toordinal()
    return date.fromordinal(rng.randint(start, date(last, 12, 31).toordinal()))


def make_facts(rng: random.Random) -> Facts:
    indicators = []
    for name in INDICATORS:
        if rng.random() < 0.15:
            continue  # not recorded
        actuals = [
            Observation(
                FiscalYear(year),
                Decimal(rng.randint(0, 1000)).scaleb(-rng.choice((0, 0, 1))),
                estimate=rng.random() < 0.15,
            )
            for year in range(2014, 2021)
            if rng.random() < 0.75
        ]
        indicators.append(Indicator(name, "件", actuals=actuals))
    milestones: dict[str, date | YearMonth | FiscalYear] = {}
    for name in MILESTONES:
        if rng.random() < 0.2:
            continue
        day = _day(rng)
        milestones[name] = (day, YearMonth(day.year, day.month), FiscalYear.of(day))[rng.randrange(3)]
    judgments = {
        name: JudgmentRecord(rng.random() < 0.6, _day(rng, 2015), "評価委員会", rng.choice((None, "議事録")))
        for name in JUDGMENTS
        if rng.random() < 0.75
    }
    return Facts(indicators=indicators, milestones=milestones, judgments=judgments)


def make_leaf(rng: random.Random) -> Criterion:
    kind = rng.randrange(4)
    if kind == 0:
        return Reaches(
            rng.choice(INDICATORS), Decimal(rng.randint(0, 1000)).scaleb(-rng.choice((0, 1))), rng.random() < 0.2
        )
    if kind == 1:
        return Covers(rng.choice(INDICATORS), rng.randint(1, 1000))
    if kind == 2:
        return Judgment(rng.choice(JUDGMENTS))
    by = (None, None, FiscalYear(rng.randint(2014, 2020)), _day(rng))[rng.randrange(4)]
    return MilestoneReached(rng.choice(MILESTONES), by)


def make_tree(rng: random.Random, depth: int = 3) -> Criterion:
    """A criterion of up to ``depth`` levels of AllOf/AnyOf/Not; the root always combines."""
    if depth == 0 or (depth < 3 and rng.random() < 0.4):
        return make_leaf(rng)
    draw = rng.random()
    if draw < 0.15 and depth < 3:
        return Not(make_tree(rng, depth - 1))
    parts = [make_tree(rng, depth - 1) for _ in range(rng.randint(2, 3))]
    return AllOf(parts) if draw < 0.6 else AnyOf(parts)


def make_criteria(count: int, seed: int = SEED) -> list[tuple[Criterion, Facts, FiscalYear]]:
    rng = random.Random(seed)
    return [(make_tree(rng), make_facts(rng), FiscalYear(rng.randint(2015, 2020))) for _ in range(count)]


MET, NOT_MET, UNDETERMINED = Verdict.MET, Verdict.NOT_MET, Verdict.UNDETERMINED


def floor_evaluate(criterion: Criterion, facts: Facts, as_of: FiscalYear) -> Verdict:
    """The floor: the same Kleene verdict by hand, stopping at the first part that decides."""
    return _floor(criterion, facts, as_of.year, as_of.end)


def _lookup(pairs: Sequence[tuple[str, Any]], name: str) -> Any:
    for key, value in pairs:
        if key == name:
            return value
    return None


def floor_evaluate_every_part(criterion: Criterion, facts: Facts, as_of: FiscalYear) -> Verdict:
    """The floor, but evaluating every part of a combination, as an explanation does for its tally (a reference)."""
    return _floor(criterion, facts, as_of.year, as_of.end, every=True)


def _floor(criterion: Criterion, facts: Facts, year: int, horizon: date, every: bool = False) -> Verdict:
    kind = type(criterion)
    if kind is AllOf or kind is AnyOf:
        decides = NOT_MET if kind is AllOf else MET
        verdict = MET if kind is AllOf else NOT_MET
        for part in criterion.parts:  # type: ignore[union-attr]
            found = _floor(part, facts, year, horizon, every)
            if found is decides:
                if not every:
                    return decides
                verdict = decides
            elif found is UNDETERMINED and verdict is not decides:
                verdict = UNDETERMINED
        return verdict
    if kind is Not:
        found = _floor(criterion.part, facts, year, horizon, every)  # type: ignore[union-attr]
        return NOT_MET if found is MET else MET if found is NOT_MET else UNDETERMINED
    if kind is Reaches or kind is Covers:
        name = criterion.indicator  # type: ignore[union-attr]
        for indicator in facts.indicators:
            if indicator.name == name:
                break
        else:
            return UNDETERMINED
        for actual in reversed(indicator.actuals):
            if actual.fy.year <= year:
                break
        else:
            return UNDETERMINED
        if actual.estimate:
            return UNDETERMINED
        if kind is Covers:
            return MET if actual.value >= criterion.units else NOT_MET  # type: ignore[union-attr]
        if criterion.at_most:  # type: ignore[union-attr]
            return MET if actual.value <= criterion.value else NOT_MET  # type: ignore[union-attr]
        return MET if actual.value >= criterion.value else NOT_MET  # type: ignore[union-attr]
    if kind is Judgment:
        record = _lookup(facts.judgments, criterion.name)  # type: ignore[union-attr]
        if record is None or record.on > horizon:
            return UNDETERMINED
        return MET if record.holds else NOT_MET
    if kind is MilestoneReached:
        when = _lookup(facts.milestones, criterion.name)  # type: ignore[union-attr]
        if when is None:
            return UNDETERMINED
        first, last = (when, when) if type(when) is date else (when.start, when.end)
        if first > horizon:
            return UNDETERMINED
        by = criterion.by  # type: ignore[union-attr]
        if by is None:
            return UNDETERMINED if last > horizon else MET
        deadline = by if type(by) is date else by.end
        if last <= deadline:
            return MET
        return NOT_MET if first > deadline else UNDETERMINED
    raise TypeError(f"the floor does not know {kind.__name__}")


# rule-engine: a tree becomes one rule whose value is 1 (met), 0 (not met) or 0.5 (undetermined):
# Kleene's "and" is the minimum, "or" the maximum and "not" 1 − x. The facts become plain data:
# one symbol per recorded fact (i0… indicators, m0… milestones, j0… judgments; rule-engine
# symbols must be ASCII), a missing one null; as_of the fiscal year, horizon its last day.


def _literal(value: date) -> str:
    return f'd"{value.isoformat()}"'


def rule_text(criterion: Criterion) -> str:
    kind = type(criterion)
    if kind is AllOf or kind is AnyOf:
        function = "$min" if kind is AllOf else "$max"
        return f"{function}([{', '.join(rule_text(part) for part in criterion.parts)}])"  # type: ignore[union-attr]
    if kind is Not:
        return f"(1 - {rule_text(criterion.part)})"  # type: ignore[union-attr]
    if kind is Reaches or kind is Covers:
        symbol = f"i{INDICATORS.index(criterion.indicator)}"  # type: ignore[union-attr]
        wanted = criterion.units if kind is Covers else criterion.value  # type: ignore[union-attr]
        test = f"{'<=' if kind is Reaches and criterion.at_most else '>='} {wanted}"  # type: ignore[union-attr]
        known = f'[a for a in {symbol} if a["fy"] <= as_of]'
        return (
            f'({symbol} == null ? 0.5 : ({known} ? ({known}[-1]["estimate"] ? 0.5 : '
            f'({known}[-1]["value"] {test} ? 1 : 0)) : 0.5))'
        )
    if kind is Judgment:
        symbol = f"j{JUDGMENTS.index(criterion.name)}"  # type: ignore[union-attr]
        return f'({symbol} == null ? 0.5 : ({symbol}["on"] > horizon ? 0.5 : ({symbol}["holds"] ? 1 : 0)))'
    if kind is MilestoneReached:
        symbol = f"m{MILESTONES.index(criterion.name)}"  # type: ignore[union-attr]
        by = criterion.by  # type: ignore[union-attr]
        if by is None:
            decided = f'({symbol}["last"] > horizon ? 0.5 : 1)'
        else:
            deadline = _literal(by if type(by) is date else by.end)
            decided = f'({symbol}["last"] <= {deadline} ? 1 : ({symbol}["first"] > {deadline} ? 0 : 0.5))'
        return f'({symbol} == null ? 0.5 : ({symbol}["first"] > horizon ? 0.5 : {decided}))'
    raise TypeError(f"no rule-engine text for {kind.__name__}")


def rule_data(facts: Facts, as_of: FiscalYear) -> dict[str, object]:
    data: dict[str, object] = {"as_of": as_of.year, "horizon": as_of.end}
    for indicator in facts.indicators:
        data[f"i{INDICATORS.index(indicator.name)}"] = [
            {"fy": actual.fy.year, "value": actual.value, "estimate": actual.estimate} for actual in indicator.actuals
        ]
    for name, when in facts.milestones:
        first, last = (when, when) if type(when) is date else (when.start, when.end)  # type: ignore[union-attr]
        data[f"m{MILESTONES.index(name)}"] = {"first": first, "last": last}
    for name, record in facts.judgments:
        data[f"j{JUDGMENTS.index(name)}"] = {"holds": record.holds, "on": record.on}
    return data


_FROM_NUMBER = {Decimal(1): MET, Decimal(0): NOT_MET, Decimal("0.5"): UNDETERMINED}


def count_nodes(criterion: Criterion) -> tuple[int, int]:
    """(nodes, leaves) of a criterion tree."""
    if isinstance(criterion, AllOf | AnyOf):
        counts = [count_nodes(part) for part in criterion.parts]
        return 1 + sum(nodes for nodes, _ in counts), sum(leaves for _, leaves in counts)
    if isinstance(criterion, Not):
        nodes, leaves = count_nodes(criterion.part)
        return nodes + 1, leaves
    return 1, 1


def criteria_case(size: Size, rule_engine: Peer) -> tuple[Case, dict[str, Any]]:
    items = make_criteria(size.trees)
    expected = [floor_evaluate(*item) for item in items]
    counts = [count_nodes(tree) for tree, _facts, _as_of in items]
    info: dict[str, Any] = {
        "distribution": collections.Counter(verdict.value for verdict in expected),
        "nodes": sum(nodes for nodes, _ in counts) / len(counts),
        "leaves": sum(leaves for _, leaves in counts) / len(counts),
    }
    floor = Contender("floor", "floor", "floor", "floor_evaluate(tree, facts, as_of) (hand-written)", None)
    floor.run = drain(floor_evaluate, items, star=True)
    floor.answers = lambda: [floor_evaluate(*item) for item in items]
    every = Contender(
        "every",
        "reference",
        "floor, every part",
        "the same, evaluating every part of a combination",
        drain(floor_evaluate_every_part, items, star=True),
        lambda: [floor_evaluate_every_part(*item) for item in items],
    )
    mine = Contender("evaluate", "kyodo", "kyodo", "evaluate(tree, facts, as_of)", None)
    mine.run = drain(evaluate, items, star=True)
    mine.answers = lambda: [evaluate(*item).verdict for item in items]
    peer_items = min(size.peer_trees, size.trees)
    peer = Contender(
        "peer", "peer", rule_engine.label, "rule.evaluate(data), one rule per tree", None, items=peer_items
    )
    if rule_engine.module is None:
        peer.note = rule_engine.problem
    else:
        module = rule_engine.module
        context = module.Context(default_timezone="utc", default_value=None, mapping_attribute_lookup=False)
        started = time.perf_counter()
        compiled: dict[str, Any] = {}
        rules = []
        for tree, _facts, _as_of in items[:peer_items]:
            text = rule_text(tree)
            if text not in compiled:
                compiled[text] = module.Rule(text, context=context)
            rules.append(compiled[text])
        info["rules"] = len(compiled)
        info["compile"] = (time.perf_counter() - started) / len(compiled)
        info["text"] = sum(len(text) for text in compiled) / len(compiled)
        pairs = [
            (rule, rule_data(facts, as_of))
            for rule, (_tree, facts, as_of) in zip(rules, items[:peer_items], strict=True)
        ]

        def run_rules() -> None:
            for rule, data in pairs:
                rule.evaluate(data)

        peer.run = run_rules
        peer.answers = lambda: [_FROM_NUMBER[rule.evaluate(data)] for rule, data in pairs]
    case = Case(
        "criteria",
        f"Completion criteria, {size.trees:,} trees",
        size.trees,
        [floor, every, mine, peer],
        expected,
    )
    subset = items[: PROFILE_ITEMS["criteria"]]
    info["profile"] = lambda: collections.deque(itertools.starmap(evaluate, subset), maxlen=0)
    return case, info


# --- every basis: indicator-years and measures graded by each kind of legend ----------------
#
# One population of indicators (a baseline in FY2014, yearly targets to a final one in FY2020,
# yearly actuals, one in five where less is better, some figures missing) and one of measures
# made of them, each graded by a legend of each kind of basis. Every kyodo call has its own
# floor: plain Python reading the same Indicator objects (their lists of targets and actuals
# walked by hand), the exact rate as a Fraction, and an if chain giving the same label.

BASIS_FIRST = 2014  # the baseline's year
BASIS_FINAL = 2020  # the final target's year
INCREASE = Direction.INCREASE

#: An illustrative legend on the progress rate (no preset grades progress alone).
PROGRESS_GRADES = (("A", "100%以上"), ("B", "50%以上100%未満"), ("C", "0%以上50%未満"), ("D", "otherwise"))
#: An illustrative legend on the change in points, with 福岡市's "±3ポイント未満は現状維持".
CHANGE_GRADES = (("改善", "3ポイント以上"), ("維持", "±3ポイント未満"), ("悪化", "otherwise"))
#: The levels a total of 佐野市's points is graded by (illustrative: 1 to 3 indicators give 1 to 21 points).
POINTS_LEVELS = (("I", "18点以上"), ("II", "12点以上18点未満"), ("III", "6点以上12点未満"), ("IV", "otherwise"))


def _scheme(name: str, grades: Sequence[tuple[str, str]], basis: object) -> GradingScheme:
    return GradingScheme(name, [Grade(label, bands=[band]) for label, band in grades], basis=basis)


def two_axis_legend() -> TwoAxis:
    """長崎市's shape: achievement A–C by pace a–b (the legend of docs/grading-and-completion.md)."""
    achieved = _scheme("達成度", (("A", "100%以上"), ("B", "80%以上100%未満"), ("C", "otherwise")), "achievement")
    on_pace = _scheme("進捗", (("a", "100%以上"), ("b", "otherwise")), "pace")
    return TwoAxis("two letters", achieved, on_pace)


def make_indicator(rng: random.Random, index: int) -> tuple[Indicator, FiscalYear]:
    """An indicator over FY2014–FY2020 and a fiscal year to grade it at."""
    places = rng.choice((0, 1, 1, 2))
    unit = Decimal(1).scaleb(-places)
    baseline = Decimal(rng.randint(100, 20_000)).scaleb(-places)
    up = rng.random() >= 0.2
    final = (baseline * Decimal(rng.randint(105, 150) if up else rng.randint(50, 95)) / 100).quantize(unit)
    span = BASIS_FINAL - BASIS_FIRST
    path = {
        year: (baseline + (final - baseline) * (year - BASIS_FIRST) / span).quantize(unit)
        for year in range(BASIS_FIRST + 1, BASIS_FINAL + 1)
    }
    year = rng.randint(BASIS_FIRST + 1, BASIS_FINAL)
    targets = {} if rng.random() < 0.03 else {y: v for y, v in path.items() if y == BASIS_FINAL or rng.random() >= 0.15}
    actuals = {y: (v * rng.randint(50, 140) / 100).quantize(unit) for y, v in path.items() if y <= year}
    kind = index % 50
    if kind == 0 and year in targets:
        actuals[year] = targets[year]  # exactly on the target: 100%
    elif kind == 1:
        actuals[year] = baseline  # no change: 0 points, progress 0%
    elif kind == 2:
        actuals[year] = path[year]  # on the linear path
    if rng.random() < 0.08:
        del actuals[year]
    indicator = Indicator(
        f"指標{index}",
        "件",
        direction=INCREASE if up else Direction.DECREASE,
        baseline=None if rng.random() < 0.05 else Observation(FiscalYear(BASIS_FIRST), baseline),
        targets=[Target(FiscalYear(y), v) for y, v in targets.items()],
        actuals=[Observation(FiscalYear(y), v) for y, v in actuals.items()],
    )
    return indicator, FiscalYear(year)


def make_indicator_years(count: int, seed: int = SEED) -> list[tuple[Indicator, FiscalYear]]:
    rng = random.Random(seed + 1)
    return [make_indicator(rng, index) for index in range(count)]


def make_measures(count: int, seed: int = SEED) -> list[tuple[Measure, FiscalYear]]:
    """Measures of 1 to 3 indicators of the population above, graded at one fiscal year."""
    rng = random.Random(seed + 2)
    items = []
    for index in range(count):
        year = rng.randint(BASIS_FIRST + 1, BASIS_FINAL)
        indicators = []
        for part in range(rng.randint(1, 3)):
            indicator, _fy = make_indicator(rng, 3 * index + part)
            indicators.append(
                evolve(indicator, actuals=[actual for actual in indicator.actuals if actual.fy.year <= year])
            )
        items.append((Measure(str(index + 1), f"施策{index + 1}", indicators=indicators), FiscalYear(year)))
    return items


# The floors' readers: the Indicator's lists walked by hand, fiscal years compared as ints.


def _actual_at(indicator: Indicator, year: int) -> Decimal | None:
    for actual in indicator.actuals:
        if actual.fy.year == year:
            return actual.value
    return None


def _target_at(indicator: Indicator, year: int) -> Decimal | None:
    for target in indicator.targets:
        if target.fy.year == year:
            return target.value
    return None


def _final_target(indicator: Indicator) -> tuple[int, Decimal] | None:
    for target in reversed(indicator.targets):
        if target.value is not None:
            return target.fy.year, target.value
    return None


def _achievement(actual: Decimal, target: Decimal, up: bool) -> Fraction | None:
    """The exact achievement rate, None where it is undefined (targets here are above 0, less-is-better actuals too)."""
    if target <= 0 or (not up and actual <= 0):
        return None
    return Fraction(actual) / Fraction(target) if up else Fraction(target) / Fraction(actual)


def floor_achievement(indicator: Indicator, fy: FiscalYear) -> str | None:
    year = fy.year
    target, actual = _target_at(indicator, year), _actual_at(indicator, year)
    if target is None or actual is None:
        return None
    rate = _achievement(actual, target, indicator.direction is INCREASE)
    return None if rate is None else floor_grade_by_fractions(rate)


_HALF = Fraction(1, 2)
_ONE = Fraction(1)
_ZERO = Fraction(0)


def floor_progress(indicator: Indicator, fy: FiscalYear) -> str | None:
    year = fy.year
    target, actual, baseline = _target_at(indicator, year), _actual_at(indicator, year), indicator.baseline
    if target is None or actual is None or baseline is None or target == baseline.value:
        return None
    rate = Fraction(actual - baseline.value) / Fraction(target - baseline.value)
    if rate >= _ONE:
        return "A"
    if rate >= _HALF:
        return "B"
    if rate >= _ZERO:
        return "C"
    return "D"


def _pace_figures(indicator: Indicator, year: int) -> tuple[Decimal, Decimal, Decimal, int, int] | None:
    """(actual, final target, baseline, years elapsed, years planned), or None where pace has no figure."""
    final, actual, baseline = _final_target(indicator), _actual_at(indicator, year), indicator.baseline
    if final is None or actual is None or baseline is None:
        return None
    first = baseline.fy.year
    span, done = final[0] - first, year - first
    if span <= 0 or done <= 0:
        return None
    return actual, final[1], baseline.value, done, span


_THREE_FIFTHS = Fraction(3, 5)


def _pace_label(rate: Fraction) -> str:
    return "①" if rate >= _ONE else "②" if rate >= _THREE_FIFTHS else "③"


def floor_pace_linear(indicator: Indicator, fy: FiscalYear) -> str | None:
    figures = _pace_figures(indicator, fy.year)
    if figures is None:
        return None
    actual, target, baseline, done, span = figures
    if target == baseline:
        return None
    return _pace_label(Fraction((actual - baseline) * span) / Fraction((target - baseline) * done))


def floor_pace_cumulative(indicator: Indicator, fy: FiscalYear) -> str | None:
    figures = _pace_figures(indicator, fy.year)
    if figures is None:
        return None
    actual, target, _baseline, done, span = figures
    if indicator.direction is INCREASE:
        rate = Fraction(actual * span) / Fraction(target * done)
    else:
        rate = Fraction(target * done) / Fraction(actual * span)
    return _pace_label(rate)


def floor_change(indicator: Indicator, fy: FiscalYear) -> str | None:
    actual, baseline = _actual_at(indicator, fy.year), indicator.baseline
    if actual is None or baseline is None:
        return None
    moved = actual - baseline.value if indicator.direction is INCREASE else baseline.value - actual
    return "改善" if moved >= 3 else "維持" if moved > -3 else "悪化"


_TENTH = Fraction(-1, 10)


def floor_nagayo(indicator: Indicator, fy: FiscalYear) -> str | None:
    """長与町 2019, read best first: S on achievement toward the final target, A and B on the change in %."""
    up = indicator.direction is INCREASE
    final, actual, baseline = _final_target(indicator), _actual_at(indicator, fy.year), indicator.baseline
    rate = None if final is None or actual is None else _achievement(actual, final[1], up)
    unread = "no_target" if final is None else "no_actual" if actual is None else "undefined" if rate is None else None
    if rate is not None and rate > _ONE:
        return "S"
    if actual is not None and baseline is not None and baseline.value > 0:
        moved = actual - baseline.value if up else baseline.value - actual
        change = Fraction(moved) / Fraction(baseline.value)
        if change > _ZERO:
            return "A"
        if change >= _TENTH:
            return "B"
        if unread is None:
            return "C"
    # A better grade could not be tested: a year without a final target has no grade, others get −.
    return None if unread == "no_target" else "−"


def _sano_points(rate: Fraction) -> int:
    for points, bound in ((7, _ONE), (6, Fraction(9, 10)), (5, Fraction(4, 5)), (4, Fraction(7, 10))):
        if rate >= bound:
            return points
    return 3 if rate >= _THREE_FIFTHS else 2 if rate >= _HALF else 1


def floor_points(measure: Measure, fy: FiscalYear) -> str | None:
    year, total, graded = fy.year, 0, False
    for indicator in measure.indicators:
        target, actual = _target_at(indicator, year), _actual_at(indicator, year)
        if target is None or actual is None:
            continue
        rate = _achievement(actual, target, indicator.direction is INCREASE)
        if rate is None:
            continue
        total += _sano_points(rate)
        graded = True
    if not graded:
        return None
    return "I" if total >= 18 else "II" if total >= 12 else "III" if total >= 6 else "IV"


_FOUR_FIFTHS = Fraction(4, 5)


def floor_two_axes(measure: Measure, fy: FiscalYear) -> str | None:
    """Each axis the worst of its indicators' grades (A–C by achievement, a–b by linear pace), joined."""
    year, first, second = fy.year, -1, -1
    for indicator in measure.indicators:
        target, actual = _target_at(indicator, year), _actual_at(indicator, year)
        if target is not None and actual is not None:
            rate = _achievement(actual, target, indicator.direction is INCREASE)
            if rate is not None:
                first = max(first, 0 if rate >= _ONE else 1 if rate >= _FOUR_FIFTHS else 2)
        figures = _pace_figures(indicator, year)
        if figures is not None and figures[1] != figures[2]:
            actual, final, baseline, done, span = figures
            pace = Fraction((actual - baseline) * span) / Fraction((final - baseline) * done)
            second = max(second, 0 if pace >= _ONE else 1)
    if first < 0 or second < 0:
        return None
    return "ABC"[first] + "ab"[second]


# rule-engine: each legend as one rule over the figures as plain data (made untimed), the rate
# computed by the rule in Decimal arithmetic (one division, so that it is exact on a bound);
# missing figures are null. The language has no variables, so a rate is written out again at
# each comparison.


def _chain(rate: str, bands: Sequence[tuple[str, str]], last: str) -> str:
    """``rate >= b1 ? 'L1' : (rate >= b2 ? 'L2' : … 'last')`` (bands given as (comparison, label))."""
    text = f"'{last}'"
    for test, label in reversed(bands):
        text = f"({rate} {test} ? '{label}' : {text})"
    return text


_ACHIEVEMENT_RATE = "(up ? a / t : t / a)"
RULES = {
    "achievement": "t == null or a == null ? null : "
    + _chain(_ACHIEVEMENT_RATE, ((">= 1.1", "A"), (">= 0.9", "B"), (">= 0.6", "C")), "D"),
    "progress": "t == null or a == null or b == null or t == b ? null : "
    + _chain("(a - b) / (t - b)", ((">= 1", "A"), (">= 0.5", "B"), (">= 0", "C")), "D"),
    "pace_linear": "f == null or a == null or b == null or span <= 0 or done <= 0 or f == b ? null : "
    + _chain("(a - b) * span / ((f - b) * done)", ((">= 1", "①"), (">= 0.6", "②")), "③"),
    "pace_cumulative": "f == null or a == null or b == null or span <= 0 or done <= 0 ? null : "
    + _chain("(up ? a * span / (f * done) : f * done / (a * span))", ((">= 1", "①"), (">= 0.6", "②")), "③"),
    "change": "a == null or b == null ? null : "
    + _chain("(up ? a - b : b - a)", ((">= 3", "改善"), ("> -3", "維持")), "悪化"),
    "nagayo": "(f != null and a != null and (up ? a / f : f / a) > 1) ? 'S' : "
    "((a != null and b != null and b > 0) ? "
    + _chain("(up ? a - b : b - a) / b", (("> 0", "A"), (">= -0.1", "B")), "__C__")
    + " : (f == null ? null : '−'))",
}
RULES["nagayo"] = RULES["nagayo"].replace("'__C__'", "(f == null ? null : (a == null ? '−' : 'C'))")
_KNOWN = "[(i['up'] ? i['a'] / i['t'] : i['t'] / i['a']) for i in inds if i['t'] != null and i['a'] != null]"
_POINTS = (
    "[(r >= 1 ? 7 : (r >= 0.9 ? 6 : (r >= 0.8 ? 5 : (r >= 0.7 ? 4 : (r >= 0.6 ? 3 : (r >= 0.5 ? 2 : 1)))))) "
    f"for r in {_KNOWN}]"
)
RULES["points"] = (
    f"{_KNOWN} ? " + _chain(f"$sum({_POINTS})", ((">= 18", "I"), (">= 12", "II"), (">= 6", "III")), "IV") + " : null"
)
_PACES = (
    "[(i['a'] - i['b']) * i['span'] / ((i['f'] - i['b']) * i['done']) for i in inds if i['f'] != null and "
    "i['a'] != null and i['b'] != null and i['span'] > 0 and i['done'] > 0 and i['f'] != i['b']]"
)
RULES["two_axes"] = (
    f"{_KNOWN} and {_PACES} ? "
    f"['A', 'B', 'C'][$max([(r >= 1 ? 0 : (r >= 0.8 ? 1 : 2)) for r in {_KNOWN}])] + "
    f"['a', 'b'][$max([(p >= 1 ? 0 : 1) for p in {_PACES}])] : null"
)


def rule_figures(indicator: Indicator, fy: FiscalYear) -> dict[str, object]:
    """An indicator's figures at ``fy`` as rule-engine data: actual, year's and final target, baseline, years."""
    year = fy.year
    final, baseline = _final_target(indicator), indicator.baseline
    first = None if baseline is None else baseline.fy.year
    return {
        "a": _actual_at(indicator, year),
        "t": _target_at(indicator, year),
        "f": None if final is None else final[1],
        "b": None if baseline is None else baseline.value,
        "up": indicator.direction is INCREASE,
        "done": 0 if first is None else year - first,
        "span": 0 if first is None or final is None else final[0] - first,
    }


def rule_measure(measure: Measure, fy: FiscalYear) -> dict[str, object]:
    return {"inds": [rule_figures(indicator, fy) for indicator in measure.indicators]}


@dataclass(frozen=True)
class BasisCase:
    """One line of the every-basis table: the legend, kyodo's call, its floor and the peer's rule."""

    key: str
    title: str  # the basis, as the table names it
    legend: str
    code: str
    population: str  # "indicators" or "measures"
    floor: Callable[..., str | None]
    rule: str | None


BASIS_CASES = (
    BasisCase("rate", "achievement, a rate", SCHEME, "scheme.grade_label(rate)", "rates", floor_grade, "achievement"),
    BasisCase(
        "achievement",
        "achievement",
        SCHEME,
        "scheme.grade_indicator(indicator, fy)",
        "indicators",
        floor_achievement,
        "achievement",
    ),
    BasisCase(
        "progress",
        "progress",
        "progress A–D (illustrative)",
        "scheme.grade_indicator(indicator, fy)",
        "indicators",
        floor_progress,
        "progress",
    ),
    BasisCase(
        "pace_linear",
        "pace, linear",
        "tama-pace",
        "scheme.grade_indicator(indicator, fy)",
        "indicators",
        floor_pace_linear,
        "pace_linear",
    ),
    BasisCase(
        "pace_cumulative",
        "pace, cumulative",
        "tama-pace-cumulative",
        "scheme.grade_indicator(indicator, fy)",
        "indicators",
        floor_pace_cumulative,
        "pace_cumulative",
    ),
    BasisCase(
        "change",
        "change, points",
        "±3 points (illustrative)",
        "scheme.grade_indicator(indicator, fy)",
        "indicators",
        floor_change,
        "change",
    ),
    BasisCase(
        "nagayo",
        "several bases",
        "nagayo-2019",
        "scheme.grade_indicator(indicator, fy)",
        "indicators",
        floor_nagayo,
        "nagayo",
    ),
    BasisCase(
        "points",
        "points of a measure",
        "sano-achievement-points + Points(levels)",
        "grade_measure(measure, fy, scheme, combine=Points(levels))",
        "measures",
        floor_points,
        "points",
    ),
    BasisCase(
        "two_axes",
        "two axes",
        "achievement A–C × pace a–b",
        "grade_two_axes(measure, fy, legend)",
        "measures",
        floor_two_axes,
        "two_axes",
    ),
)


def basis_cases(size: Size, rule_engine: Peer) -> tuple[list[Case], dict[str, Any]]:
    """A Case per legend of BASIS_CASES but the first (the rate, timed by ``grading_case``)."""
    populations: dict[str, list[tuple[Any, FiscalYear]]] = {
        "indicators": make_indicator_years(size.indicators),
        "measures": make_measures(size.measures),
    }
    progress = _scheme("progress A–D", PROGRESS_GRADES, "progress")
    change = _scheme("±3 points", CHANGE_GRADES, Change("points"))
    levels = Points(_scheme("levels", POINTS_LEVELS, "score"))
    sano, legend = preset("sano-achievement-points"), two_axis_legend()
    schemes: dict[str, Any] = {
        "achievement": preset(SCHEME),
        "progress": progress,
        "pace_linear": preset("tama-pace"),
        "pace_cumulative": preset("tama-pace-cumulative"),
        "change": change,
        "nagayo": preset("nagayo-2019"),
    }
    calls: dict[str, tuple[Callable[..., object], Callable[[Any], str | None]]] = {
        key: (scheme.grade_indicator, _label_of) for key, scheme in schemes.items()
    }
    calls["points"] = (functools.partial(grade_measure, scheme=sano, combine=levels), _computed_label)
    calls["two_axes"] = (functools.partial(grade_two_axes, legend=legend), _label_of)
    cases, info = [], {"profile": {}}
    for spec in BASIS_CASES[1:]:
        items = populations[spec.population]
        call, label = calls[spec.key]
        expected = [spec.floor(*item) for item in items]
        floor = Contender("floor", "floor", "floor", f"{spec.floor.__name__}(…) (hand-written)", None)
        floor.run = drain(spec.floor, items, star=True)
        floor.answers = lambda items=items, spec=spec: [spec.floor(*item) for item in items]
        mine = Contender(spec.key, "kyodo", "kyodo", spec.code, drain(call, items, star=True))
        mine.answers = lambda items=items, call=call, label=label: [label(call(*item)) for item in items]
        peer_items = min(size.peer_items, len(items))
        peer = Contender("peer", "peer", rule_engine.label, "rule.evaluate(data)", None, items=peer_items)
        if rule_engine.module is None:
            peer.note = rule_engine.problem
        elif spec.rule is not None:
            context = rule_engine.module.Context(mapping_attribute_lookup=False)
            rule = rule_engine.module.Rule(RULES[spec.rule], context=context)
            make = rule_measure if spec.population == "measures" else rule_figures
            rows = [make(*item) for item in items[:peer_items]]
            peer.run = drain(rule.evaluate, rows)
            peer.answers = lambda rule=rule, rows=rows: [rule.evaluate(row) for row in rows]
        counts = collections.Counter(expected)
        case = Case(spec.key, f"{spec.title} ({spec.legend})", len(items), [floor, mine, peer], expected)
        case.remarks.append(", ".join(f"{count:,} {label or 'ungraded'}" for label, count in counts.most_common()))
        cases.append(case)
        subset = items[: PROFILE_ITEMS["bases"]]
        info["profile"][spec.key] = lambda call=call, subset=subset: collections.deque(
            itertools.starmap(call, subset), maxlen=0
        )
    info["indicators"] = len(populations["indicators"])
    info["measures"] = len(populations["measures"])
    info["parts"] = sum(len(measure.indicators) for measure, _fy in populations["measures"])
    return cases, info


def _label_of(result: Any) -> str | None:
    return result.label  # type: ignore[no-any-return]


def _computed_label(result: Any) -> str | None:
    return result.computed.label  # type: ignore[no-any-return]


# --- running and reporting ------------------------------------------------------------------


@dataclass
class Result:
    size: Size
    quick: bool
    cases: list[Case]
    infos: dict[str, dict[str, Any]]
    rule_engine: Peer
    load: float | None = None
    load_sentence: str = ""
    seconds: float = 0.0
    profiles: dict[str, Profile] = field(default_factory=dict)
    #: one case per legend of BASIS_CASES but the first, and the profiles of those that missed a goal
    bases: list[Case] = field(default_factory=list)
    basis_profiles: dict[str, Profile] = field(default_factory=dict)


def goals(case: Case) -> dict[str, str]:
    """The verdict on each kyodo contender: within FLOOR_GOAL of the floor, PEER_GOAL ahead of the peer."""
    floor, peer = case.per_item("floor"), case.per_item("peer")
    verdicts = {}
    for contender in case.contenders:
        if contender.role != "kyodo":
            continue
        mine = case.per_item(contender.key)
        verdicts[contender.key] = (
            f"{at_most(ratio(mine, floor), FLOOR_GOAL)}; {at_least(ratio(peer, mine), PEER_GOAL, 'faster than rule-engine')}"
        )
    return verdicts


def run(quick: bool) -> tuple[Result, bool]:
    size = QUICK if quick else FULL
    rule_engine = load_peer("rule-engine", "rule_engine")
    if rule_engine.module is None:
        print(f"   rule-engine: {rule_engine.problem}; its comparisons are skipped", file=sys.stderr)
    started = time.perf_counter()
    load, sentence = load_note()
    print(
        f"   grading: {size.rates:,} rates and {size.trees:,} criteria trees, best of {size.repeats} passes; "
        f"{plan_io.machine()}",
        file=sys.stderr,
    )
    all_right = True
    cases, infos = [], {}
    for build in (grading_case, criteria_case):
        case, info = build(size, rule_engine)
        print(f"   grading: built {case.title}", file=sys.stderr)
        all_right = check(case) and all_right
        time_in_turns(case, size.repeats, size.target)
        print(f"   grading: timed {case.title}", file=sys.stderr)
        cases.append(case)
        infos[case.key] = info
    bases, infos["bases"] = basis_cases(size, rule_engine)
    for case in bases:
        all_right = check(case) and all_right
        time_in_turns(case, size.repeats, size.target)
        print(f"   grading: timed {case.title}", file=sys.stderr)
    result = Result(size, quick, cases, infos, rule_engine, load, sentence, bases=bases)
    for case in bases:
        if missed(basis_goal(case, case.key)):
            try:
                result.basis_profiles[case.key] = profile_rows(infos["bases"]["profile"][case.key])
            except Exception as error:
                print(f"!! grading: cannot profile {case.key}: {type(error).__name__}: {error}", file=sys.stderr)
    for case in cases:
        if any(missed(verdict) for verdict in goals(case).values()):
            try:
                result.profiles[case.key] = profile_rows(infos[case.key]["profile"])
            except Exception as error:
                print(f"!! grading: cannot profile {case.key}: {type(error).__name__}: {error}", file=sys.stderr)
    result.seconds = time.perf_counter() - started
    print(f"   grading: done in {result.seconds:.0f} s", file=sys.stderr)
    return result, all_right


def console_report(result: Result) -> str:
    out = [console_table(case, goals(case)) for case in result.cases]
    for key, rows in result.profiles.items():
        out.append(profile_console(PROFILE_TITLES[key], rows))
    out.append(console_bases(result))
    for key, rows in result.basis_profiles.items():
        out.append(profile_console(f"{key}: {_spec(key).code}", rows))
    return "\n".join(out)


def _spec(key: str) -> BasisCase:
    return next(spec for spec in BASIS_CASES if spec.key == key)


def basis_rows(result: Result) -> list[tuple[BasisCase, Case, str]]:
    """Every line of the every-basis table: its spec, the case timing it, and kyodo's contender's key."""
    rows = [(BASIS_CASES[0], result.cases[0], "label")]
    return rows + [(_spec(case.key), case, case.key) for case in result.bases]


def basis_goal(case: Case, key: str) -> str:
    """The issue's goal for a basis: within FLOOR_GOAL of the floor, and ahead of rule-engine."""
    mine = case.per_item(key)
    ahead = ratio(case.per_item("peer"), mine)
    peer = "ahead of rule-engine: " + ("not measured" if ahead is None else "met" if ahead > 1 else "MISSED")
    return f"{at_most(ratio(mine, case.per_item('floor')), FLOOR_GOAL)}; {peer}"


def console_bases(result: Result) -> str:
    header = ("basis", "floor µs", "kyodo µs", "÷ floor", "rule-engine ÷ kyodo", "goal")
    rows = [header]
    for spec, case, key in basis_rows(result):
        mine = case.per_item(key)
        verdict = basis_goal(case, key)
        rows.append(
            (
                f"{spec.title} ({spec.legend})",
                fmt_us(case.per_item("floor")),
                fmt_us(mine),
                fmt_ratio(ratio(mine, case.per_item("floor"))),
                fmt_ratio(ratio(case.per_item("peer"), mine)),
                verdict,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    return "Every basis\n" + "\n".join(f"  {line}" for line in lines)


PROFILE_TITLES = {"grading": "scheme.grade(rate)", "criteria": "evaluate(tree, facts, as_of)"}


def _distribution(counter: collections.Counter[str], order: Sequence[str]) -> str:
    return ", ".join(f"{counter[key]:,} {key}" for key in order)


def markdown_section(result: Result, command: str) -> str:
    size, peer = result.size, result.rule_engine
    grading, criteria = result.cases
    grading_info, criteria_info = result.infos["grading"], result.infos["criteria"]
    versions = f"kyodo {kyodo.__version__}, " + (
        f"rule-engine {peer.version}" if peer.module is not None else "rule-engine not installed"
    )
    size_words = (
        f"a quick run: {size.rates:,} rates and {size.trees:,} trees, where a full run times 100,000 and 10,000"
        if result.quick
        else "the sizes the issue asks for"
    )
    lines = [
        START_MARKER,
        "## Grades and completion criteria",
        "",
        f"Measured {dt.date.today().isoformat()} with `{command}{' --quick' if result.quick else ''}`: "
        f"{plan_io.machine()}; {versions}.{result.load_sentence}",
        "",
        f"Times are per item ({size_words}): the best of {size.repeats} passes over the whole population "
        "(`timeit`, which turns the garbage collector off while it times), the contenders timed in turns, "
        "divided by the number of items. *÷ floor* is how many times slower than the floor. "
        "Every contender's answers were checked against the right ones (found as said below) on every item "
        "before anything was timed.",
        "",
        f"### Grading {grading.items:,} indicator-years",
        "",
        f"Each item is an exact achievement rate, a `Fraction`: actual ÷ target of decimal figures "
        f"(targets up to 200,000 with 0–2 decimals, actuals 0–160% of them), graded by the preset "
        f'`preset("{SCHEME}")` (A ≥ 110%, B 90–110%, C 60–90%, D < 60%). '
        f"{grading_info['on_bounds']:,} rates sit exactly on a bound and {grading_info['below_bounds']:,} one unit "
        f"of the last digit below one. Grades: {_distribution(grading_info['distribution'], 'ABCD')}. "
        "The right grades were found by exact cross-multiplication of the decimals (actual × 10 against "
        "target × 11, 9 and 6), and every contender agreed with them on every item.",
        "",
        *_case_table(grading),
        "",
        "- kyodo: `grade_label` is the fast path: it reads the rate's numerator and denominator in one call and "
        "walks the scheme's bounds from the highest down, cross-multiplying integers as the floor does, the "
        "bounds and labels held as one tuple of integers and texts made when the scheme was. `grade` gives the "
        "full `GradeResult` (band, rate, scheme), whose explanation is built only when asked for, so it is not in "
        "this time.",
        "- floor: integer cross-multiplication, `n, d = rate.as_integer_ratio()`, then `n * 10 >= d * 11` gives A, "
        "`>= d * 9` B and `>= d * 6` C: the least code that gives the grade of an exact rate, with no validation and "
        "no scheme as data. It is given what `grade_label` is given, the rate, and reads its integers in one call, "
        "as any code given a Fraction must. Handed the numerator and denominator apart (*floor, integers given*, a "
        "reference) it would be timed on an input kyodo never gets; handed the actual and target Decimals the rate "
        "came from, it would grade another input (`grade_label` gets its rate made, untimed) by Decimal "
        "multiplication, which is slower than int, and so flatter kyodo.",
        "- floor, Fractions: the same `if` chain comparing Fractions, `if rate >= Fraction(11, 10): return 'A'`, the "
        "floor this page measured against before; a reference, not a goal. Each comparison of two Fractions "
        "cross-multiplies in Python code inside `fractions`, which is why it is several times the integer floor.",
    ]
    if peer.module is not None:
        refused = grading_info.get("fraction_refused")
        lines.append(
            f'- rule-engine: one rule, `{RULE_ENGINE_GRADE}`, parsed once (untimed) and evaluated on `{{"rate": '
            "rate}` for each item. rule-engine does not need floats: its numbers are `decimal.Decimal` (its FLOAT "
            "type), and number literals such as `1.1` are read as Decimals. But it refuses a `Fraction`"
            + (f" (`{refused}`)" if refused else "")
            + ", so it is given each rate as a Decimal quotient `actual / target` (28 significant digits, made "
            "untimed). That is exact on the bounds, and gave the same grade as the exact Fractions on every item "
            "of this population; a rate within 10⁻²⁸ of a bound could still round onto it."
        )
    else:
        lines.append(f"- rule-engine: {peer.problem}; left out.")
    lines += [
        "",
        f"### Completion criteria, {criteria.items:,} trees",
        "",
        f"Each item is a criterion tree (AllOf/AnyOf with 2–3 parts and Not, up to 3 levels; "
        f"{criteria_info['nodes']:.1f} nodes and {criteria_info['leaves']:.1f} leaves on average, leaves "
        "`Reaches`, `Covers`, `MilestoneReached` with or without a deadline, and `Judgment`), its own facts "
        "(up to 4 indicators with actuals over FY2014–FY2020, some missing and some estimates; milestones "
        "dated by a day, a month or a fiscal year; judgments that hold or not, dated) and a fiscal year from "
        "FY2015 to FY2020 to judge at, in `evaluate(tree, facts, as_of)`. The right verdicts are the floor's, "
        "and every contender agreed with them. Verdicts: "
        f"{_distribution(criteria_info['distribution'], ('met', 'not_met', 'undetermined'))}.",
        "",
        *_case_table(criteria),
        "",
        "- kyodo: `evaluate` gives an `Assessment`: the verdict, decided at once and stopping at the first part "
        "that decides a combination, as the floor does, and its explanation tree (facts and sentences in Japanese "
        "and English for every node, every part evaluated for its tally), built when first asked for, so not in "
        "this time. Each leaf is decided by the function its explanation is later built from, without making its "
        "facts or sentences.",
        "- floor: a hand-written function over the same criteria and facts giving only the Kleene verdict, "
        "returning as soon as a part decides a combination (a part not met decides AllOf). *floor, every "
        "part* is the same function evaluating every part, as an explanation does: the difference between the "
        "two floors is what stopping early saves.",
    ]
    if peer.module is not None and "rules" in criteria_info:
        lines.append(
            "- rule-engine can express this, with work: it has no three-valued logic (its `and` and `or` are "
            "two-valued, and null is just false), so each tree is written as one rule whose value is 1 (met), "
            "0 (not met) or 0.5 (undetermined), with `$min` for AllOf, `$max` for AnyOf and `1 - x` for Not, and "
            "each leaf as a conditional over the facts given as plain data (an indicator's actuals as a list of "
            'mappings, filtered with a comprehension `[a for a in i0 if a["fy"] <= as_of]`, repeated since the '
            "language has no variables; a milestone as its first and last possible day; missing facts null). "
            f"The {criteria_info['rules']:,} distinct rules ({criteria_info['text']:,.0f} characters on average) "
            f"were parsed once, untimed ({criteria_info['compile'] * 1e3:.1f} ms each); the facts were turned into "
            "its data untimed too, so its time is evaluation alone. At milliseconds a tree to parse and as many "
            f"to evaluate, it runs over the first {criteria.get('peer').items or criteria.items:,} trees only "
            "(checked and timed on those); its time per tree is what the table compares. Most of its time goes "
            "to converting the data it reads into its own types, again at every reference to a symbol."
        )
    elif peer.module is None:
        lines.append(f"- rule-engine: {peer.problem}; left out.")
    verdicts = [(case, key, verdict) for case in result.cases for key, verdict in goals(case).items()]
    missed_lines = [
        f"`{case.get(key).code}` ({verdict})" for case, key, verdict in verdicts if missed(verdict) and verdict
    ]
    lines.append("")
    if missed_lines:
        every = ratio(criteria.per_item("evaluate"), criteria.per_item("every"))
        fairer = (
            f" Against the floor that evaluates every part, `evaluate` is {fmt_ratio(every)} slower."
            if every is not None and any(missed(verdict) for key, verdict in goals(criteria).items())
            else ""
        )
        lines.append(f"**Goals missed**: {'; '.join(missed_lines)}.{fairer} Where kyodo's time goes:")
    else:
        lines.append(
            f"The goals are met: every kyodo call within {FLOOR_GOAL:g}× the floor and at least {PEER_GOAL:g}× "
            "faster than rule-engine (the issue says 'well ahead'; this page takes that as 2×)."
        )
    for key, rows in result.profiles.items():
        items = min(PROFILE_ITEMS[key], result.cases[0 if key == "grading" else 1].items)
        lines += ["", *profile_markdown(PROFILE_TITLES[key], rows, f"over the first {items:,} items")]
    lines += ["", *bases_markdown(result)]
    for case in [*result.cases, *result.bases]:
        for contender in case.contenders:
            if contender.run is None and contender.note and contender.role != "peer":
                lines.append(f"- {case.title}: {contender.name} {contender.note}.")
    while lines[-1] == "":
        lines.pop()
    lines += ["", END_MARKER]
    return "\n".join(lines)


def bases_markdown(result: Result) -> list[str]:
    """The every-basis subsection: one line per legend, then what each floor and rule does, then the profiles."""
    info, peer = result.infos["bases"], result.rule_engine
    lines = [
        "### Every basis",
        "",
        f"One legend of each kind, each on its own population: {info['indicators']:,} indicator-years "
        f"(a baseline in FY{BASIS_FIRST}, yearly targets to a final one in FY{BASIS_FINAL}, actuals up to the year "
        "graded, one in five less-is-better, 0–2 decimals; about one in six years without a target of its own, one "
        "in twelve without an actual, one in twenty without a baseline, one in thirty without any target; one in "
        "fifty exactly on its target, on its baseline or on the linear path) and "
        f"{info['measures']:,} measures of 1–3 such indicators ({info['parts']:,} in all). The first line is the "
        "rate table's `grade_label` above. Each kyodo call gives its full result (a `GradeResult`, `MeasureGrade` "
        "or `TwoAxisGrade`, with the figure graded, its band and the figures it came from). A grade's `reading`, "
        "with the text of its figures, and its explanation are made only when asked for, so they are not in these "
        "times. Each result was checked, by its label, against its floor on every item. *÷ floor* is kyodo ÷ its "
        "own floor; "
        "*rule-engine ÷ kyodo* is how many times faster kyodo is.",
        "",
        "| Basis | Legend | kyodo | floor µs | kyodo µs | ÷ floor | rule-engine µs | rule-engine ÷ kyodo | Goal |",
        "|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for spec, case, key in basis_rows(result):
        mine, floor, other = case.per_item(key), case.per_item("floor"), case.per_item("peer")
        lines.append(
            f"| {spec.title} | `{spec.legend}` | `{spec.code}` | {fmt_us(floor)} | {fmt_us(mine)} "
            f"| {fmt_ratio(ratio(mine, floor))} | {fmt_us(other)} | {fmt_ratio(ratio(other, mine))} "
            f"| {basis_goal(case, key)} |"
        )
    lines += [
        "",
        "Grades given (the right ones, the floors'): "
        + "; ".join(f"{case.key}: {case.remarks[0]}" for case in result.bases)
        + ".",
        "",
        "- Floors: plain Python over the same `Indicator` objects (their tuples of targets and actuals walked by "
        "hand, fiscal years compared as ints), the exact rate as a `Fraction` where the legend grades a rate "
        "(achievement: actual ÷ target, or target ÷ actual where less is better; progress: (actual − baseline) ÷ "
        "(target − baseline); pace: the progress, or the actual against the final target, over years elapsed ÷ "
        "years planned), then an `if` chain. The change in points needs no Fraction: `actual - baseline` in "
        "Decimal against ±3. 長与町's floor reads S on achievement toward the final target, then A and B on the "
        "change in %, and gives − or no grade where a better grade could not be tested, as the legend says. "
        "The points floor sums 7…1 points per graded indicator; the two-axis floor takes the worst grade on each "
        "axis and joins the letters. None validates anything or builds a result object. The floors make their "
        "Fractions the plain way, `Fraction(actual) / Fraction(target)`; kyodo makes an indicator's rate from the "
        "figures' integer ratios, which is quicker, so part of its margin is that, not less work.",
    ]
    if peer.module is not None:
        lines.append(
            "- rule-engine: each legend as one rule (`RULES` in `benchmarks/grading_bench.py`) over the figures "
            "as plain data, made untimed from the indicators (actual, the year's and the final target, baseline, "
            "years elapsed and planned, direction; null where missing), so its time is evaluation alone; it runs "
            f"over the first {result.size.peer_items:,} items of each population. The rule computes the rate in "
            "its Decimals, as one quotient, so that it is exact on a bound, and every answer agreed with the floor's. "
            "It can express every legend here: a legend on several bases is a chain of conditionals, and a measure's "
            "points or two-axis grade a list comprehension over its indicators with `$sum` or `$max`, a rate "
            "written out again at every comparison since the language has no variables (which is why those two "
            "cost milliseconds)."
        )
    else:
        lines.append(f"- rule-engine: {peer.problem}; left out.")
    missed_keys = [(spec, case, key) for spec, case, key in basis_rows(result) if missed(basis_goal(case, key))]
    lines.append("")
    if not missed_keys:
        lines.append(f"Every basis is within {FLOOR_GOAL:g}× its floor and ahead of rule-engine.")
        return lines
    lines.append(
        "**Goals missed**: "
        + "; ".join(f"{spec.title} ({basis_goal(case, key)})" for spec, case, key in missed_keys)
        + ". Where kyodo's time goes, under `cProfile` (over the first "
        f"{PROFILE_ITEMS['bases']:,} items; the profiler inflates the cost of many small calls): kyodo's own "
        "functions with the most time including their callees, as shares of the profiled total."
    )
    lines.append("")
    for key, profile in result.basis_profiles.items():
        spent = ", ".join(
            f"`{row.function}` {min(row.cumulative / profile.total, 1):.0%}" for row in profile.by_cumulative[:5]
        )
        lines.append(f"- {_spec(key).title}: {spent}.")
    return lines


def _case_table(case: Case) -> list[str]:
    floor = case.per_item("floor")
    peer = case.per_item("peer")
    verdicts = goals(case)
    lines = [
        "| Contender | Code | µs/item | ÷ floor | rule-engine ÷ this | Goal |",
        "|---|---|---:|---:|---:|---|",
    ]
    for contender in case.contenders:
        mine = case.per_item(contender.key)
        name = contender.name if contender.run is not None else f"{contender.name}: {contender.note}"
        code = contender.code.replace("|", "\\|")
        lines.append(
            f"| {name} | `{code}` | {fmt_us(mine)} | {fmt_ratio(ratio(mine, floor))} "
            f"| {fmt_ratio(ratio(peer, mine)) if contender.key != 'peer' else '–'} "
            f"| {verdicts.get(contender.key, '–')} |"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller populations, fewer passes")
    args = parser.parse_args(argv)
    result, all_right = run(args.quick)
    print(console_report(result))
    return 0 if all_right else 1


if __name__ == "__main__":
    sys.exit(main())
