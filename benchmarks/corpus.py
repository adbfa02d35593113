"""A deterministic synthetic corpus of plans, for timing kyodo's plan files.

Every plan is built as kyodo objects from its own seeded random generator, so
plan ``i`` is the same whatever the size of the corpus (a quick run's corpus
is the start of a full run's), and the same on every machine and every run.

A plan has the shape of the plans in the seed documents, at scale:
:data:`SECTIONS` sections of :data:`SUBSECTIONS` sub-sections of
:data:`MEASURES_PER_SUBSECTION` measures (100 measures), plus a couple of
re-listings (再掲). Every measure has:

- a kind, departments with a lead, actors, sometimes a priority, and the
  background, purpose, content and completion texts a sheet prints;
- a schedule over the plan's five fiscal years, with stages, → cells
  ("as the year before"), some free-text cells and some recorded results;
- :data:`INDICATORS_PER_MEASURE` indicators, each with a baseline (some
  estimates), a target for each of the five years (exact decimals; some
  final targets also given as text) and an actual for each (the last ones
  sometimes estimates);
- a budget line per year for every other measure;
- a half-year progress check for each year, and an annual evaluation for
  each year plus a mid-term and a plan-period one.

Usage from the other benchmarks::

    from corpus import make_plan, make_texts
    plan = make_plan(0)
    text = kyodo.dumps(plan, "json")
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import kyodo
from kyodo.evaluations import Evaluation, Evaluator, ProgressCheck
from kyodo.fiscal import FiscalYear, FiscalYearRange
from kyodo.indicators import Indicator, Observation, Target
from kyodo.plan import BudgetLine, Measure, Plan, Relisting, ScheduleEntry, Section, Stage

SEED = 20150401
SECTIONS = 4
SUBSECTIONS = 5
MEASURES_PER_SUBSECTION = 5
MEASURES_PER_PLAN = SECTIONS * SUBSECTIONS * MEASURES_PER_SUBSECTION
INDICATORS_PER_MEASURE = 3
YEARS = 5

_CITIES = ("新潟市", "山口市", "一関市", "所沢市", "春日部市", "松本市", "高崎市", "久留米市", "函館市", "津市")
_ROMAN = ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_THEMES = ("協働の意識づくり", "協働の担い手づくり", "協働の仕組みづくり", "協働の場づくり", "地域の力づくり")
_TOPICS = ("情報の発信", "人材の育成", "拠点の整備", "団体への支援", "交流の促進", "制度の見直し", "相談体制の充実")
_DEPARTMENTS = (
    "市民協働課",
    "中央公民館",
    "行政経営課",
    "地域振興課",
    "生涯学習課",
    "企画課",
    "福祉総務課",
    "環境政策課",
)
_ACTORS = ("citizens", "communities", "civic_groups", "businesses", "schools", "government")
_UNITS = ("件", "人", "箇所", "%", "団体", "回")
_INDICATOR_NAMES = (
    "登録団体数",
    "参加者数",
    "相談件数",
    "満足度",
    "設置数",
    "講座の開催回数",
    "協定の締結数",
    "利用率",
)
_STATUSES = ("順調", "概ね順調", "進捗に遅れあり", "未着手", "完了")
_GRADES = ("A", "B", "C", "D")
_SENTENCES = (
    "地域の実情を踏まえながら、既存公共施設の活用を進める。",
    "市民活動団体との連携を深め、協働事業の提案を募る。",
    "区地域課を通じて地域と相談し、合意の取れた地域から整備する。",
    "講座や研修会を開催し、地域づくりの担い手を育成する。",
    "情報誌とウェブサイトで協働の事例を発信する。",
    "事業の効果を検証し、次年度以降のあり方について検討する。",
    "地域コミュニティ協議会の自主的・自立的な活動を支援する。",
)


def _text(rng: random.Random, sentences: int) -> str:
    return "".join(rng.choice(_SENTENCES) for _ in range(sentences))


def _number(rng: random.Random, places: int, low: int, high: int) -> Decimal:
    """An exact decimal between ``low`` and ``high`` with ``places`` decimal places (58.8, 837244)."""
    whole = rng.randint(low, high)
    if places == 0:
        return Decimal(whole)
    return Decimal(f"{whole}.{rng.randrange(10**places):0{places}d}")


def _indicator(rng: random.Random, name: str, years: list[FiscalYear]) -> Indicator:
    places = rng.choice((0, 0, 1, 2))
    base = _number(rng, places, 10, 5_000)
    step = _number(rng, places, 1, 200)
    targets = [Target(fy, base + step * (i + 1)) for i, fy in enumerate(years)]
    if rng.random() < 0.3:
        # The final year's target printed as text beside (or instead of) a number.
        last = targets[-1]
        targets[-1] = Target(last.fy, last.value if rng.random() < 0.5 else None, "継続して拡充", "final")
    actuals = [
        Observation(fy, base + step * (i + 1) + _number(rng, places, -50, 50), estimate=(i == YEARS - 1))
        for i, fy in enumerate(years)
        if rng.random() < 0.95 or i == 0
    ]
    return Indicator(
        name,
        rng.choice(_UNITS),
        direction=rng.choice(("increase", "increase", "increase", "decrease", "at_most")),
        baseline=Observation(years[0] - 1, base, estimate=rng.random() < 0.3),
        targets=targets,
        actuals=actuals,
        kind=rng.choice((None, "stock", "flow")),
        note=_text(rng, 1) if rng.random() < 0.2 else None,
    )


def _schedule(rng: random.Random, years: list[FiscalYear]) -> list[ScheduleEntry]:
    entries: list[ScheduleEntry] = []
    for i, fy in enumerate(years):
        result = _text(rng, 1) if rng.random() < 0.4 else None
        roll = rng.random()
        if i > 0 and roll < 0.45:
            entries.append(ScheduleEntry(fy, carried=True, result=result))
        elif roll < 0.85:
            entries.append(ScheduleEntry(fy, rng.choice(list(Stage)), result=result))
        else:
            entries.append(ScheduleEntry(fy, text=_text(rng, 1), result=result))
    return entries


def _measure(rng: random.Random, number: str, years: list[FiscalYear], with_budget: bool) -> Measure:
    departments = rng.sample(_DEPARTMENTS, rng.randint(1, 3))
    names = rng.sample(_INDICATOR_NAMES, INDICATORS_PER_MEASURE)
    evaluator = Evaluator("council", "協働推進委員会") if rng.random() < 0.5 else None
    evaluations = [
        Evaluation(
            "annual",
            fy,
            grade=rng.choice(_GRADES),
            assessment=_text(rng, 2),
            issues=_text(rng, 1),
            written_on=date(fy.year + 1, rng.randint(5, 9), rng.randint(1, 28)),
            evaluator=evaluator,
        )
        for fy in years
    ]
    evaluations.append(
        Evaluation("mid_term", years[2], grade=rng.choice(_GRADES), assessment=_text(rng, 1), outlook=_text(rng, 1))
    )
    evaluations.append(Evaluation("plan_period", grade=rng.choice(_GRADES), assessment=_text(rng, 2)))
    return Measure(
        number,
        f"{rng.choice(_TOPICS)}（{number}）",
        kind=rng.choice(("new", "continuing")),
        departments=departments,
        lead=departments[0],
        actors=rng.sample(_ACTORS, rng.randint(1, 3)),
        priority=rng.choice((None, None, "main", "promotion")),
        background=_text(rng, 3),
        purpose=_text(rng, 2),
        content=_text(rng, 2),
        completion="－" if rng.random() < 0.5 else _text(rng, 1),
        schedule=_schedule(rng, years),
        indicators=[_indicator(rng, name, years) for name in names],
        budget=[
            BudgetLine.from_thousands(fy, rng.randint(100, 20_000), rng.randint(100, 20_000) if i < YEARS - 1 else None)
            for i, fy in enumerate(years)
        ]
        if with_budget
        else [],
        progress_checks=[ProgressCheck(fy, 1, rng.choice(_STATUSES), _text(rng, 1)) for fy in years],
        evaluations=evaluations,
    )


def make_plan(index: int, seed: int = SEED, sections: int = SECTIONS) -> Plan:
    """Plan number ``index`` of the corpus: the same plan for the same index and seed, always.

    ``sections`` makes a larger (or smaller) plan of the same shape, :data:`SUBSECTIONS` ×
    :data:`MEASURES_PER_SUBSECTION` measures a section; sections past the eighth are numbered 9, 10, ….
    The first :data:`SECTIONS` sections are those of the plan of the usual size.
    """
    rng = random.Random(seed * 1_000_003 + index)
    first = FiscalYear(rng.randint(2010, 2022))
    years = [first + i for i in range(YEARS)]
    tops: list[Section] = []
    count = 0
    for s in range(sections):
        subsections: list[Section | Relisting] = []
        for u in range(SUBSECTIONS):
            measures: list[Measure | Relisting] = []
            for m in range(MEASURES_PER_SUBSECTION):
                measures.append(_measure(rng, _CIRCLED[m], years, with_budget=count % 2 == 0))
                count += 1
            if s > 0 and u == 0:
                # A re-listing (再掲) of a measure listed under the first section.
                code = f"{_ROMAN[0]}-({rng.randint(1, SUBSECTIONS)})-{_CIRCLED[rng.randrange(MEASURES_PER_SUBSECTION)]}"
                measures.append(Relisting(_CIRCLED[MEASURES_PER_SUBSECTION], code, "再掲"))
            subsections.append(Section(f"({u + 1})", f"{rng.choice(_TOPICS)}の推進", children=measures))
        number = _ROMAN[s] if s < len(_ROMAN) else str(s + 1)
        tops.append(Section(number, _THEMES[s % len(_THEMES)], children=subsections, description=_text(rng, 1)))
    city = _CITIES[index % len(_CITIES)]
    return Plan(
        f"{city}協働推進計画（第{index + 1}次）",
        city,
        FiscalYearRange(years[0], years[-1]),
        levels=("基本目標", "施策", "事業"),
        sections=tops,
        published=date(first.year, 3, rng.randint(1, 31)),
        source=f"synthetic plan {index} (benchmarks/corpus.py, seed {seed})",
        notes=("Generated for benchmarking; the figures mean nothing.",),
    )


def make_texts(count: int, seed: int = SEED) -> Iterator[str]:
    """The JSON text of the first ``count`` plans, as ``kyodo.dumps(plan, "json")`` writes it."""
    for index in range(count):
        yield kyodo.dumps(make_plan(index, seed), "json")


if __name__ == "__main__":
    plan = make_plan(0)
    text = kyodo.dumps(plan, "json")
    print(f"plan 0: {len(list(plan.measures()))} measures, {len(text):,} characters of JSON")
    assert kyodo.loads(text, "json") == plan, "the plan does not survive a round trip"
