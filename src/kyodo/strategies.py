"""Hypothesis strategies for kyodo's objects, for property-testing code that uses kyodo.

Import this module only where hypothesis is installed (the ``test`` extra).
The strategies are also registered with hypothesis when it starts, so
``st.from_type(FiscalYear)`` and ``st.from_type(Plan)`` just work.

Every strategy draws valid objects only: a drawn plan has unique numbers
among siblings, each lead among its measure's departments, levels enough for
its depth, and every re-listing pointing at a measure of the plan. Numbers
are exact Decimals, never floats, NaN or infinities. Sizes are small by
default, so that tests stay fast; each strategy takes parameters to draw
bigger or narrower objects.

>>> from hypothesis import given
>>> from kyodo import FiscalYear
>>> @given(fiscal_years())
... def test_parse_reads_format(fy):
...     assert FiscalYear.parse(fy.format()) == fy
>>> test_parse_reads_format()

Strategies compose: pass one to another to narrow what it draws.

>>> from hypothesis import settings
>>> @settings(max_examples=10)
... @given(plans(years=fiscal_years(2015, 2020), max_depth=2))
... def test_every_node_is_found(plan):
...     assert all(plan.find(code) is node for code, node in plan.walk())
>>> test_every_node_is_found()
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import cache, partial
from typing import Final

import attrs
from hypothesis import strategies as st

from kyodo.bodies import Body, Milestone, MilestoneKind
from kyodo.completion import (
    AllOf,
    AnyOf,
    Covers,
    Criterion,
    Judgment,
    MeetsTarget,
    MilestoneReached,
    Not,
    Ongoing,
    Reaches,
)
from kyodo.evaluations import Evaluation, EvaluationKind, Evaluator, EvaluatorKind, ProgressCheck, ProgressStatus
from kyodo.fiscal import FiscalHalf, FiscalQuarter, FiscalYear, FiscalYearRange, FiscalYearStyle
from kyodo.indicators import (
    AnnualStep,
    Baseline,
    Direction,
    Indicator,
    IndicatorCategory,
    IndicatorKind,
    NoFigure,
    NoFigureReason,
    Observation,
    RelativeTarget,
    Series,
    Target,
    TargetRole,
    TargetRule,
    UndatedTarget,
)
from kyodo.plan import (
    Actor,
    BudgetLine,
    Measure,
    MeasureKind,
    Node,
    Plan,
    Priority,
    Provenance,
    Reference,
    Relisting,
    ScheduleEntry,
    Section,
    Source,
    Stage,
    _code_key,
)
from kyodo.wareki import ERAS, GREGORIAN_ADOPTION, WarekiStyle, YearMonth

__all__ = [
    "baselines",
    "bodies",
    "budget_lines",
    "criteria",
    "era_dates",
    "evaluations",
    "evaluators",
    "exact_decimals",
    "fiscal_halves",
    "fiscal_quarters",
    "fiscal_year_ranges",
    "fiscal_year_styles",
    "fiscal_years",
    "indicators",
    "measures",
    "milestones",
    "names",
    "node_numbers",
    "numeric_targets",
    "observations",
    "plans",
    "progress_checks",
    "qualitative_targets",
    "relistings",
    "schedule_entries",
    "schedules",
    "sections",
    "targets",
    "texts",
    "wareki_styles",
    "year_months",
]

#: The last day the default strategies reach; far enough for any plan.
LAST_DAY = date(2200, 12, 31)


def era_dates(min_value: date = GREGORIAN_ADOPTION, max_value: date = LAST_DAY) -> st.SearchStrategy[date]:
    """Days that have an era date: from 1873-01-01 (the Gregorian calendar in Japan) on."""
    return st.dates(max(min_value, GREGORIAN_ADOPTION), max_value)


def fiscal_years(
    min_year: int = 1868, max_year: int = 2200, start_month: int | None = 4
) -> st.SearchStrategy[FiscalYear]:
    """Fiscal years from ``min_year`` to ``max_year``; ``start_month=None`` draws the calendar too."""
    months = st.just(start_month) if start_month is not None else st.integers(1, 12)
    return st.builds(FiscalYear, st.integers(min_year, max_year), months)


def fiscal_halves(years: st.SearchStrategy[FiscalYear] | None = None) -> st.SearchStrategy[FiscalHalf]:
    """Halves (上半期 / 下半期) of fiscal years drawn from ``years``."""
    return st.builds(FiscalHalf, years if years is not None else fiscal_years(), st.integers(1, 2))


def fiscal_quarters(years: st.SearchStrategy[FiscalYear] | None = None) -> st.SearchStrategy[FiscalQuarter]:
    """Quarters of fiscal years drawn from ``years``."""
    return st.builds(FiscalQuarter, years if years is not None else fiscal_years(), st.integers(1, 4))


@st.composite
def fiscal_year_ranges(
    draw: st.DrawFn, years: st.SearchStrategy[FiscalYear] | None = None, max_size: int = 12
) -> FiscalYearRange:
    """Ranges of one to ``max_size`` fiscal years, like a plan's period."""
    first = draw(years if years is not None else fiscal_years())
    size = draw(st.integers(1, max_size))
    return FiscalYearRange(first, FiscalYear(min(first.year + size - 1, 9998), first.start_month))


def year_months(min_value: date = GREGORIAN_ADOPTION, max_value: date = LAST_DAY) -> st.SearchStrategy[YearMonth]:
    """Calendar months in the given span of days."""
    return st.dates(min_value, max_value).map(YearMonth.of)


def fiscal_year_styles() -> st.SearchStrategy[FiscalYearStyle]:
    """Every way of writing a fiscal year."""
    return st.sampled_from(FiscalYearStyle)


def wareki_styles() -> st.SearchStrategy[WarekiStyle]:
    """Every way of writing an era date."""
    return st.sampled_from(WarekiStyle)


# --- numbers and text ----------------------------------------------------------------


def _scaled(exponent: int, units: int) -> Decimal:
    return Decimal(f"{units}E{exponent}")


def exact_decimals(
    min_value: int | Decimal = -(10**9),
    max_value: int | Decimal = 10**9,
    places: int = 3,
    scientific: bool = False,
) -> st.SearchStrategy[Decimal]:
    """Exact, finite Decimals from ``min_value`` to ``max_value`` with at most ``places`` decimal places.

    Each is built from an integer and a scale, so it is exactly what a
    document prints: 58.8, 837244, 0.000. ``scientific=True`` also draws
    Decimals with a positive exponent (``Decimal("5E+3")``), which arithmetic
    on Decimals can produce. Draws shrink towards whole numbers.

    >>> from hypothesis import given
    >>> @given(exact_decimals(0, 100, places=1))
    ... def test_tenths(value):
    ...     assert value == value.quantize(Decimal("0.1")) and 0 <= value <= 100
    >>> test_tenths()
    """
    low, high = Decimal(min_value), Decimal(max_value)
    if not (low.is_finite() and high.is_finite()) or low > high:
        raise ValueError(f"need finite bounds with min_value <= max_value, not {min_value!r} and {max_value!r}")
    if type(places) is not int or places < 0:
        raise ValueError(f"places must be an int of 0 or more, not {places!r}")
    exponents = [*range(0, -places - 1, -1), *((1, 2, 3) if scientific else ())]
    choices: list[st.SearchStrategy[Decimal]] = []
    for exponent in exponents:
        unit = Decimal(f"1E{exponent}")
        smallest = int((low / unit).to_integral_value(rounding=ROUND_CEILING))
        largest = int((high / unit).to_integral_value(rounding=ROUND_FLOOR))
        if smallest <= largest:
            choices.append(st.integers(smallest, largest).map(partial(_scaled, exponent)))
    if not choices:
        raise ValueError(f"no Decimal with at most {places} places lies from {min_value} to {max_value}")
    return st.one_of(choices)


#: Characters the documents print: kana, kanji, full-width forms, marks and numerals.
_DOCUMENT_CHARACTERS = (
    "あいうえおかきくけこのをん"
    "アイウエオカキクケコセンター"
    "市民協働推進計画地域活動団体事業実施検討年度平成令和課題今後方針"
    "０１２３４５６７８９ＡＢＣ（）・、。「」『』【】〈〉《》～－＝"
    "①②③ⅠⅡⅢ◎※●■□→△○×"
    "0123456789abcXYZ.,:;()[]{}#\"'\\=+-*/%"
    " 　\t\n"
)

_ALPHABET: Final = st.one_of(st.sampled_from(_DOCUMENT_CHARACTERS), st.characters(codec="utf-8"))


@cache
def _texts(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(_ALPHABET, min_size=min_size, max_size=max_size)


@cache
def _names(max_size: int) -> st.SearchStrategy[str]:
    return _texts(1, max_size).filter(str.strip)


@cache
def _optional_texts(max_size: int = 20) -> st.SearchStrategy[str | None]:
    return st.none() | _texts(0, max_size)


def texts(
    min_size: int = 0, max_size: int = 20, alphabet: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[str]:
    """Text as documents print it, mixed with any Unicode text that can be stored as UTF-8.

    ``alphabet`` draws the characters; by default it favours the kana,
    kanji, full-width forms and marks of plan documents, with the whole of
    Unicode (except lone surrogates) now and then.
    """
    if alphabet is None:
        return _texts(min_size, max_size)
    return st.text(alphabet, min_size=min_size, max_size=max_size)


def names(max_size: int = 12, alphabet: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    """Text that is not blank, as names and titles must be."""
    if alphabet is None:
        return _names(max_size)
    return texts(1, max_size, alphabet).filter(str.strip)


_DEFAULT_YEARS: Final = fiscal_years()
_DEFAULT_VALUES: Final = exact_decimals()


def _years(years: st.SearchStrategy[FiscalYear] | None) -> st.SearchStrategy[FiscalYear]:
    return years if years is not None else _DEFAULT_YEARS


def _values(values: st.SearchStrategy[Decimal] | None) -> st.SearchStrategy[Decimal]:
    return values if values is not None else _DEFAULT_VALUES


# --- indicators ------------------------------------------------------------------------


def observations(
    years: st.SearchStrategy[FiscalYear] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
    estimate: bool | None = None,
) -> st.SearchStrategy[Observation]:
    """Observations (a baseline or an actual): a fiscal year, an exact value, and maybe 見込み.

    ``estimate`` fixes the estimate flag; ``None`` draws it.
    """
    flags = st.booleans() if estimate is None else st.just(estimate)
    observations = st.builds(Observation, fy=_years(years), value=_values(values), estimate=flags)
    if estimate is not None:
        return observations
    # Some drawn values are 速報値 (never also 見込み).
    return observations.flatmap(
        lambda drawn: (
            st.just(drawn)
            if drawn.estimate
            else st.builds(Observation, fy=st.just(drawn.fy), value=st.just(drawn.value), preliminary=st.booleans())
        )
    )


def numeric_targets(
    years: st.SearchStrategy[FiscalYear] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
    roles: st.SearchStrategy[TargetRole] | None = None,
) -> st.SearchStrategy[Target]:
    """Targets with a number (42, 58.2), sometimes with a text beside it."""
    return st.builds(
        Target,
        fy=_years(years),
        value=_values(values),
        text=_optional_texts(),
        role=roles if roles is not None else st.sampled_from(TargetRole),
    )


def qualitative_targets(
    years: st.SearchStrategy[FiscalYear] | None = None,
    roles: st.SearchStrategy[TargetRole] | None = None,
) -> st.SearchStrategy[Target]:
    """Targets with no number, only a text such as 継続して拡充 ("keep expanding")."""
    return st.builds(
        Target,
        fy=_years(years),
        value=st.none(),
        text=st.just("継続して拡充") | _texts(1, 20),
        role=roles if roles is not None else st.sampled_from(TargetRole),
    )


def targets(
    years: st.SearchStrategy[FiscalYear] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
    qualitative: bool | None = None,
) -> st.SearchStrategy[Target]:
    """Targets, numeric or qualitative; ``qualitative`` chooses one kind, ``None`` draws both."""
    if qualitative is None:
        return numeric_targets(years, values) | qualitative_targets(years)
    return qualitative_targets(years) if qualitative else numeric_targets(years, values)


_UNITS: Final = st.sampled_from(["箇所", "人", "団体", "%", "件", "灯", "千円"]) | _texts(0, 4)


def baselines(
    years: st.SearchStrategy[FiscalYear] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
) -> st.SearchStrategy[Baseline]:
    """Baselines as sheets print them without a year or a value: 策定時, a year whose value is "－"."""
    words = st.sampled_from(("策定時", "計画策定時", "H30.3現在")) | _names(8)
    value, fy = st.none() | _values(values), st.none() | _years(years)
    return st.tuples(value, fy).flatmap(
        # A value with its year and no words for when is an Observation, and with neither, the
        # sheet's words for when are all the baseline says.
        lambda drawn: st.builds(
            Baseline,
            value=st.just(drawn[0]),
            fy=st.just(drawn[1]),
            when=st.none() | words if drawn.count(None) == 1 else words,
            estimate=st.booleans(),
        )
    )


def indicators(
    years: st.SearchStrategy[FiscalYear] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
    max_entries: int = 4,
    name: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Indicator]:
    """Indicators with up to ``max_entries`` targets and actuals, each year at most once.

    Without ``years``, some set targets by a rule (基準年比10%削減, 毎年 +0.4) from a year that has a
    figure; a rule's years run past the years drawn, so indicators drawn over given years have none.
    """
    drawn = _indicators_only(_years(years), values, max_entries, name).flatmap(_as_printed)
    return drawn.flatmap(_with_a_rule) if years is None else drawn


#: Words sheets print where a year's actual would be, and the stages of a year's several figures.
_WORDS: Final = st.sampled_from(("なし", "－", "集計中", "未実施", "該当なし", "完了", "策定")) | _names(8)
_FIGURE_STAGES: Final = st.sampled_from(("速報値", "確定値", "第1回調査", "9月30日現在")) | _names(8)
_TARGET_WORDS: Final = st.sampled_from(("5ヵ年目標", "最終目標", "計画期間中", "中間目標")) | _names(8)


@st.composite
def _as_printed(draw: st.DrawFn, indicator: Indicator) -> Indicator:
    """``indicator``, sometimes with what sheets print besides figures: a word for a year's actual
    (集計中), a second figure for a year (a 速報値 before its 確定値), targets keyed by words."""
    if draw(st.integers(0, 2)):
        return indicator
    figures = list(indicator.actuals)
    if draw(st.booleans()) and figures:
        # A second figure for a year, told from the first by its stage, before or after it.
        index = draw(st.integers(0, len(figures) - 1))
        first = figures[index]
        second = attrs.evolve(first, value=draw(exact_decimals()), stage=draw(_FIGURE_STAGES), printed_rate=None)
        figures.insert(index + draw(st.integers(0, 1)), second)
    # Words for years with a target and no figure: the years whose rate the word leaves undefined.
    measured = {actual.fy for actual in figures}
    free = sorted({target.fy for target in indicator.targets} - measured, key=lambda fy: fy.year)
    words = [
        NoFigure(
            fy, draw(_WORDS), draw(st.none() | st.sampled_from(NoFigureReason)), stage=draw(st.none() | _FIGURE_STAGES)
        )
        for fy in (draw(st.lists(st.sampled_from(free), max_size=2, unique=True)) if free else [])
    ]
    undated = draw(
        st.lists(
            st.builds(UndatedTarget, when=_TARGET_WORDS, value=exact_decimals(), role=st.sampled_from(TargetRole))
            | st.builds(UndatedTarget, when=_TARGET_WORDS, text=_names(12)),
            max_size=2,
            unique_by=lambda target: unicodedata.normalize("NFKC", target.when).strip(),
        )
    )
    return attrs.evolve(indicator, actuals=figures, no_figures=words, undated_targets=undated)


@st.composite
def _with_a_rule(draw: st.DrawFn, indicator: Indicator) -> Indicator:
    """``indicator``, or with a target rule from one of its figures to years it has no target for."""
    bases = [actual.fy for actual in indicator.actuals]
    if isinstance(indicator.baseline, Observation):
        bases.append(indicator.baseline.fy)
    if not bases or draw(st.integers(0, 3)):
        return indicator
    base = draw(st.sampled_from(sorted(bases, key=lambda fy: fy.year)))
    taken = {target.fy.year for target in indicator.targets}
    free = [year for year in range(base.year + 1, min(base.year + 4, 9999)) if year not in taken]
    if not free:
        return indicator
    if draw(st.booleans()):
        rule: TargetRule = RelativeTarget(
            base,
            draw(st.integers(-50, 50).map(Decimal)),
            FiscalYear(draw(st.sampled_from(free))),
            draw(st.none() | _names(12)),
        )
    else:
        until = draw(st.integers(1, len(free)))
        if any(year not in free for year in range(base.year + 1, base.year + until + 1)):
            return indicator
        step = draw(st.sampled_from([Decimal("0.4"), Decimal(-1), Decimal(5)]))
        rule = AnnualStep(base, step, base + until, draw(st.none() | _names(12)))
    return attrs.evolve(indicator, target_rules=(rule,))


def _indicators_only(
    year: st.SearchStrategy[FiscalYear],
    values: st.SearchStrategy[Decimal] | None,
    max_entries: int,
    name: st.SearchStrategy[str] | None,
) -> st.SearchStrategy[Indicator]:
    return st.builds(
        Indicator,
        name=name if name is not None else _names(12),
        unit=_UNITS,
        direction=st.sampled_from(Direction),
        baseline=st.none() | observations(year, values) | baselines(year, values),
        targets=st.lists(targets(year, values), max_size=max_entries, unique_by=_fy),
        actuals=st.lists(observations(year, values), max_size=max_entries, unique_by=_fy),
        kind=st.none() | st.sampled_from(IndicatorKind),
        note=_optional_texts(),
        category=st.none() | st.sampled_from(IndicatorCategory),
        rates_toward=st.sampled_from(("year", "year", "next", "final")),
        series=st.just(()) | st.lists(_series(year, values), max_size=2, unique_by=lambda series: series.name),
    )


def _series(
    year: st.SearchStrategy[FiscalYear], values: st.SearchStrategy[Decimal] | None
) -> st.SearchStrategy[Series]:
    """A series printed beside an indicator: a comparison, a rank out of so many, a survey's answer."""
    return st.builds(
        Series,
        name=_names(8),
        unit=_UNITS,
        values=st.lists(observations(year, values), max_size=3, unique_by=_fy),
        out_of=st.none() | st.integers(1, 2000),
    )


def _fy(entry: Observation | Target | BudgetLine) -> FiscalYear:
    return entry.fy


# --- schedules ---------------------------------------------------------------------------

_STAGES: Final = st.sampled_from(Stage)


@st.composite
def _cell(draw: st.DrawFn, fy: FiscalYear, carried: bool) -> ScheduleEntry:
    result = draw(_optional_texts(30))
    tentative = draw(st.booleans())
    if carried:
        return ScheduleEntry(fy=fy, carried=True, result=result, tentative=tentative)
    kind = draw(st.sampled_from(("stage", "stage", "text", "unknown")))
    if kind == "stage":
        return ScheduleEntry(fy=fy, stage=draw(_STAGES), result=result, tentative=tentative)
    if kind == "unknown":
        return ScheduleEntry(fy=fy, unknown=True, result=result, tentative=tentative)
    return ScheduleEntry(fy=fy, text=draw(_texts(0, 30)), result=result, tentative=tentative)


@st.composite
def schedule_entries(
    draw: st.DrawFn, years: st.SearchStrategy[FiscalYear] | None = None, carried: bool | None = False
) -> ScheduleEntry:
    """Single schedule cells: a stage, a free text, or (``carried=True`` or ``None``) a → cell.

    A → cell only makes sense in a schedule after a year with a cell; use
    :func:`schedules` to draw whole schedules.
    """
    fy = draw(_years(years))
    return draw(_cell(fy, draw(st.booleans()) if carried is None else carried))


@st.composite
def schedules(
    draw: st.DrawFn, years: st.SearchStrategy[FiscalYear] | None = None, max_size: int = 6
) -> tuple[ScheduleEntry, ...]:
    """A measure's schedule (年次計画) as a document prints it: cells in year order, → included.

    Years may skip, cells may span years or run on (以降), a schedule may
    have several named rows, and a → cell comes only right after a cell
    ending the year before, so a measure accepts every schedule drawn. The → cells are not yet
    resolved: :class:`~kyodo.Measure` fills them from the year before.
    """
    # Most schedules are one row; some print several, each named (事業目標, a revised row).
    rows: list[str | None] = [None]
    if draw(st.integers(0, 3)) == 0:
        rows = list(draw(st.lists(_names(10), min_size=1, max_size=2, unique=True)))
    entries: list[ScheduleEntry] = []
    for row in rows:
        entries += _row(draw, years, max_size, row)
    return tuple(entries)


def _row(
    draw: st.DrawFn, years: st.SearchStrategy[FiscalYear] | None, max_size: int, row: str | None
) -> list[ScheduleEntry]:
    """One row of a schedule: cells in year order, some spanning years, the last perhaps running on (以降)."""
    size = draw(st.integers(0, max_size))
    if size == 0:
        return []
    fy = draw(_years(years))
    entries: list[ScheduleEntry] = []
    for index in range(size):
        if index:
            last = entries[-1].last
            assert last is not None  # only the last cell runs on
            gap = draw(st.sampled_from((1, 1, 1, 2, 3)))
            if last.year + gap > 9990:
                break
            fy = last + gap
        follows = index > 0 and entries[-1].last == fy - 1
        cell = draw(_cell(fy, follows and draw(st.booleans())))
        span = draw(st.sampled_from((0, 0, 0, 1, 2)))
        onward = index == size - 1 and draw(st.integers(0, 4)) == 0
        if onward:
            cell = attrs.evolve(cell, onward=True)
        elif span and fy.year + span <= 9990:
            cell = attrs.evolve(cell, through=fy + span)
        entries.append(attrs.evolve(cell, row=row))
    return entries


# --- money, checks and evaluations ----------------------------------------------------------

_YEN: Final = st.none() | st.integers(0, 10**10) | st.integers(0, 10**7).map(lambda thousands: thousands * 1000)


def budget_lines(years: st.SearchStrategy[FiscalYear] | None = None) -> st.SearchStrategy[BudgetLine]:
    """A fiscal year's budget and settled amount in whole yen, either of them maybe missing."""
    return st.builds(BudgetLine, fy=_years(years), budget=_YEN, settled=_YEN, note=_optional_texts())


def progress_checks(years: st.SearchStrategy[FiscalYear] | None = None) -> st.SearchStrategy[ProgressCheck]:
    """Half-year progress checks (進捗管理): a year, a half, a status and a note."""
    return st.builds(
        ProgressCheck,
        fy=_years(years),
        half=st.integers(1, 2),
        status=st.sampled_from(ProgressStatus.known()),
        note=_optional_texts(40),
    )


def evaluators() -> st.SearchStrategy[Evaluator]:
    """Who evaluated: self, a council or a committee, maybe named."""
    return st.builds(Evaluator, kind=st.sampled_from(EvaluatorKind), name=st.none() | _names(20))


_GRADES: Final = st.none() | st.sampled_from(("S", "A", "B", "C", "D", "◎", "○", "△", "×")) | _names(3)


def evaluations(years: st.SearchStrategy[FiscalYear] | None = None) -> st.SearchStrategy[Evaluation]:
    """Evaluations with a recorded grade; an annual one always names the year it evaluates."""
    year = _years(years)
    rest = {
        "grade": _GRADES,
        "assessment": _optional_texts(40),
        "issues": _optional_texts(40),
        "outlook": _optional_texts(40),
        "written_on": st.none() | era_dates(),
        "evaluator": st.none() | evaluators(),
        # Some sheets grade on named axes (産出指標 A, 市民満足 C) beside or instead of one grade.
        "axes": st.just(()) | st.dictionaries(_names(8), _GRADES.filter(bool), max_size=3),
    }
    later = st.sampled_from([EvaluationKind.MID_TERM, EvaluationKind.PLAN_PERIOD])
    return st.builds(Evaluation, kind=st.just(EvaluationKind.ANNUAL), fy=year, **rest) | st.builds(
        Evaluation, kind=later, fy=st.none() | year, **rest
    )


# --- bodies ------------------------------------------------------------------------------------

_WHENS: Final = st.one_of(era_dates(), year_months(), fiscal_years())


def milestones(kinds: st.SearchStrategy[MilestoneKind] | None = None) -> st.SearchStrategy[Milestone]:
    """A body's dated step: dated to the day, the month or only the fiscal year."""
    return st.builds(
        Milestone,
        kind=kinds if kinds is not None else st.sampled_from(MilestoneKind),
        on=_WHENS,
        note=_optional_texts(),
    )


def _distinct_kind(kind: MilestoneKind) -> object:
    return kind if kind is not MilestoneKind.OTHER else object()


def bodies(max_milestones: int = 4) -> st.SearchStrategy[Body]:
    """Community bodies with milestones, each kind but その他 (other) at most once."""
    return st.builds(
        Body,
        name=_names(12),
        district=st.none() | _names(12),
        milestones=st.lists(milestones(), max_size=max_milestones, unique_by=lambda m: _distinct_kind(m.kind)),
    )


# --- the plan's tree ---------------------------------------------------------------------------


_ROMAN: Final = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
_CIRCLED: Final = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


_SMALL: Final = st.integers(1, 30)
_NUMBERS: Final = st.one_of(
    st.sampled_from(_ROMAN),
    st.sampled_from(_CIRCLED),
    _SMALL.map(str),
    _SMALL.map("({})".format),
    _SMALL.map(lambda n: _full_width(f"({n})")),
    _SMALL.map("No.{}".format),
    _SMALL.map("事業{}".format),
    _names(6).filter(lambda text: "-" not in _code_key(text)),
)


def node_numbers() -> st.SearchStrategy[str]:
    """A node's number as printed at its level: Ⅰ, (1), （１）, ①, 1, No.26, 事業4, or other text.

    No number holds '-' (nor the full-width '－', which reads as one), since
    '-' joins the numbers of a path code (Ⅰ-(1)-①).
    """
    return _NUMBERS


@cache
def _numbers(max_size: int, min_size: int = 0) -> st.SearchStrategy[list[str]]:
    """Numbers for siblings: unique as a plan compares them (full-width folded, spaces ignored)."""
    return st.lists(_NUMBERS, min_size=min_size, max_size=max_size, unique_by=_code_key)


def measures(
    numbers: st.SearchStrategy[str] | None = None,
    years: st.SearchStrategy[FiscalYear] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
    max_items: int = 2,
) -> st.SearchStrategy[Measure]:
    """Measures (推進項目) with up to ``max_items`` indicators, budget lines, checks and evaluations.

    The lead is one of the departments, departments and indicator names are
    unique, and no half-year is checked twice.
    """
    year = _years(years)
    number = numbers if numbers is not None else _NUMBERS
    kinds = st.none() | st.sampled_from(MeasureKind)
    departments = st.lists(_names(8), max_size=3, unique=True)
    actors = st.frozensets(st.sampled_from(Actor))
    priorities = st.none() | st.sampled_from(Priority)
    completions = st.none() | st.just("－") | _texts(0, 30)
    # Some measures carry their criterion as data beside its text.
    criterion_choices = st.none() | criteria(years=year, values=values, max_leaves=4)
    schedule = schedules(year, max_size=max_items + 2)
    indicator_lists = st.lists(indicators(year, values, max_entries=max_items), max_size=max_items, unique_by=_name)
    budget = st.lists(budget_lines(year), max_size=max_items, unique_by=_fy)
    checks = st.lists(progress_checks(year), max_size=max_items, unique_by=_half)
    evaluation_lists = st.lists(evaluations(year), max_size=max_items)
    references = _REFERENCES
    notes = st.lists(_texts(1, 30), max_size=2)

    @st.composite
    def draw_measure(draw: st.DrawFn) -> Measure:
        names_ = draw(departments)
        return Measure(
            number=draw(number),
            title=draw(_names(30)),
            kind=draw(kinds),
            departments=names_,
            lead=draw(st.none() | st.sampled_from(names_)) if names_ else None,
            actors=draw(actors),
            priority=draw(priorities),
            background=draw(_optional_texts(40)),
            purpose=draw(_optional_texts(40)),
            content=draw(_optional_texts(40)),
            completion=draw(completions),
            criterion=draw(criterion_choices),
            schedule=draw(schedule),
            indicators=draw(indicator_lists),
            budget=draw(budget),
            progress_checks=draw(checks),
            evaluations=draw(evaluation_lists),
            references=draw(references),
            notes=draw(notes),
            delivery=draw(st.lists(_names(6), max_size=2, unique=True)),
        )

    return draw_measure()


def _name(indicator: Indicator) -> str:
    return indicator.name


def _half(check: ProgressCheck) -> tuple[FiscalYear, int]:
    return check.fy, check.half


def relistings(
    codes: Sequence[str] | st.SearchStrategy[str] | None = None,
    numbers: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Relisting]:
    """Re-listings (再掲) of the measures at ``codes`` (path codes such as Ⅰ-(1)-①).

    Alone, a re-listing may name any code; :func:`plans` draws re-listings
    that point at measures of the plan.
    """
    if codes is None:
        code_strategy: st.SearchStrategy[str] = st.lists(_NUMBERS, min_size=1, max_size=3).map("-".join)
    elif isinstance(codes, st.SearchStrategy):
        code_strategy = codes
    else:
        code_strategy = st.sampled_from(list(codes))
    return st.builds(
        Relisting, number=numbers if numbers is not None else _NUMBERS, code=code_strategy, note=_optional_texts()
    )


#: References as sheets print them: a name, or a dated document (改訂版, 議会報告).
_REFERENCE: Final = _texts(1, 12) | st.builds(
    Reference,
    title=_names(12),
    on=st.none() | st.one_of(era_dates(), year_months(), fiscal_years()),
    url=st.none() | _texts(1, 20),
)
_REFERENCES: Final = st.lists(_REFERENCE, max_size=2)
_NOTES: Final = st.lists(_texts(0, 30), max_size=1)
# Most sections hold no figures of their own; some hold an indicator or a recorded grade (施策評価).
_SECTION_INDICATORS: Final = st.just(()) | st.lists(indicators(max_entries=2), max_size=1)
_SECTION_EVALUATIONS: Final = st.just(()) | st.lists(evaluations(), max_size=1)


@st.composite
def _children(
    draw: st.DrawFn,
    depth: int,
    max_depth: int,
    max_children: int,
    leaf: st.SearchStrategy[Measure],
) -> list[Node]:
    """Children at ``depth`` (0 for a plan's top level, levels below ``max_depth``), unique by number."""
    children: list[Node] = []
    for number in draw(_numbers(max_children)):
        if depth < max_depth - 1 and draw(st.booleans()):
            children.append(
                Section(
                    number=number,
                    title=draw(_names(30)),
                    children=draw(_children(depth + 1, max_depth, max_children, leaf)),
                    description=draw(_optional_texts(40)),
                    references=draw(_REFERENCES),
                    notes=draw(_NOTES),
                    indicators=draw(_SECTION_INDICATORS),
                    evaluations=draw(_SECTION_EVALUATIONS),
                )
            )
        else:
            children.append(attrs.evolve(draw(leaf), number=number))
    return children


def sections(
    max_depth: int = 3,
    max_children: int = 3,
    measure: st.SearchStrategy[Measure] | None = None,
    numbers: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Section]:
    """Sections with a subtree at most ``max_depth`` levels deep (the section's own level counts).

    ``measure`` draws the leaves (their numbers are replaced to keep
    siblings unique). Sections drawn alone hold no re-listings, since a
    re-listing names a path from its plan's root; :func:`plans` adds them.
    """
    if max_depth < 1:
        raise ValueError(f"max_depth must be 1 or more, not {max_depth!r}")
    leaf = measure if measure is not None else measures(max_items=1)
    children = _children(1, max_depth, max_children, leaf) if max_depth > 1 else st.just([])
    return st.builds(
        Section,
        number=numbers if numbers is not None else _NUMBERS,
        title=_names(30),
        children=children,
        description=_optional_texts(40),
        references=_REFERENCES,
        notes=_NOTES,
        indicators=_SECTION_INDICATORS,
        evaluations=_SECTION_EVALUATIONS,
    )


def _depth(nodes: Sequence[Node]) -> int:
    return max((1 + _depth(node.children) if isinstance(node, Section) else 1 for node in nodes), default=0)


def _measure_codes(nodes: Sequence[Node], prefix: tuple[str, ...] = ()) -> list[str]:
    codes: list[str] = []
    for node in nodes:
        path = (*prefix, node.number)
        if isinstance(node, Measure):
            codes.append("-".join(path))
        elif isinstance(node, Section):
            codes.extend(_measure_codes(node.children, path))
    return codes


@st.composite
def _with_relistings(draw: st.DrawFn, nodes: Sequence[Node], codes: st.SearchStrategy[str]) -> list[Node]:
    """``nodes`` with re-listings of ``codes`` added here and there, numbers kept unique among siblings."""
    result: list[Node] = []
    for node in nodes:
        if isinstance(node, Section):
            node = attrs.evolve(node, children=draw(_with_relistings(node.children, codes)))
        result.append(node)
    if draw(st.integers(0, 3)) == 0:
        taken = {_code_key(node.number) for node in result}
        number = draw(_NUMBERS.filter(lambda n: _code_key(n) not in taken))
        relisting = Relisting(number=number, code=draw(codes), note=draw(_optional_texts()))
        result.insert(draw(st.integers(0, len(result))), relisting)
    return result


_PUBLISHED: Final = st.none() | era_dates() | year_months()


def plans(
    max_depth: int = 3,
    max_children: int = 3,
    years: st.SearchStrategy[FiscalYear] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
    relist: bool = True,
    max_bodies: int = 2,
    measure: st.SearchStrategy[Measure] | None = None,
) -> st.SearchStrategy[Plan]:
    """Whole plans, valid by construction, with a tree at most ``max_depth`` levels deep.

    Numbers are unique among siblings, leads are among their departments,
    the plan names levels enough for its tree (or none), and with
    ``relist=True`` some sections re-list (再掲) measures of the plan by
    their path codes. ``years`` draws the period's first year and every
    dated figure; ``values`` the indicators' numbers; ``measure`` the leaves.
    """
    if max_depth < 1:
        raise ValueError(f"max_depth must be 1 or more, not {max_depth!r}")
    year = _years(years)
    leaf = measure if measure is not None else measures(years=year, values=values, max_items=1)
    tree_strategy = _children(0, max_depth, max_children, leaf)
    periods = fiscal_year_ranges(year, max_size=10)
    body_lists = st.lists(bodies(), max_size=max_bodies)
    notes = st.lists(_texts(0, 40), max_size=2)

    @st.composite
    def draw_plan(draw: st.DrawFn) -> Plan:
        tree = draw(tree_strategy)
        codes = _measure_codes(tree)
        if relist and codes:
            tree = draw(_with_relistings(tree, st.sampled_from(codes)))
        depth = _depth(tree)
        levels: list[str] = []
        if depth and draw(st.booleans()):
            levels = draw(st.lists(_names(8), min_size=depth, max_size=depth + 1))
        plan = Plan(
            title=draw(_texts(0, 30)),
            municipality=draw(_texts(0, 8)),
            period=draw(periods),
            levels=levels,
            sections=tree,
            published=draw(_PUBLISHED),
            bodies=draw(body_lists),
            source=draw(st.none() | _texts(0, 40)),
            notes=draw(notes),
            era=draw(st.none() | st.sampled_from(ERAS)),
            references=draw(_REFERENCES),
        )
        return draw(_with_provenance(plan))

    return draw_plan()


def _provenance_places(plan: Plan) -> list[tuple[str, str, str | None]]:
    """Every (node, field, indicator) a provenance may name in ``plan``: titles, units, and years and
    words of the tables keyed by them."""
    places: list[tuple[str, str, str | None]] = []
    for code, node in plan.walk():
        if isinstance(node, Relisting):
            continue
        places.append((code, "title", None))
        for indicator in node.indicators:
            name = indicator.name
            places.append((code, "unit", name))
            places += [(code, f"targets.{target.fy}", name) for target in indicator.targets]
            years = {actual.fy for actual in indicator.actuals} | {word.fy for word in indicator.no_figures}
            places += [(code, f"actuals.{fy}", name) for fy in sorted(years, key=lambda fy: fy.year)]
            # A dotted path cannot name a key that ends in '.' (Provenance refuses it), so none is drawn.
            places += [
                (code, f"undated_targets.{target.when}", name)
                for target in indicator.undated_targets
                if not target.when.endswith(".")
            ]
    return places


@st.composite
def _with_provenance(draw: st.DrawFn, plan: Plan) -> Plan:
    """``plan``, sometimes with provenance entries that name its nodes, indicators and keyed entries."""
    places = _provenance_places(plan)
    if not places or draw(st.booleans()):
        return plan
    chosen = draw(st.lists(st.sampled_from(places), min_size=1, max_size=3, unique=True))
    entries = [
        Provenance(code, key, draw(st.sampled_from(Source)), indicator, draw(_optional_texts(30)))
        for code, key, indicator in chosen
    ]
    return attrs.evolve(plan, provenance=entries)


# --- completion criteria ---------------------------------------------------------------------------

#: What a criterion's text reserves or reads specially, drawn into names so that writing them is tried.
_CRITERION_WORDS: Final = st.sampled_from(
    ["and", "or", "not", "by", "かつ", "且つ", "または", "又は", "ongoing", "継続", "－", "-", "all", "meets", "達成率（",
     "(", ")", "（仮称）", "「", "」", ",", '"', "\\", ">=", "≧", "<", "＝", "%", "1,000", " ", "　", "\n", "\t"]
)  # fmt: skip


@cache
def _criterion_names(max_size: int) -> st.SearchStrategy[str]:
    words = st.lists(st.one_of(_CRITERION_WORDS, _names(4)), min_size=1, max_size=5)
    joined = words.flatmap(lambda drawn: st.sampled_from([" ", "", "　"]).map(lambda space: space.join(drawn)))
    return _names(max_size) | joined.filter(str.strip)


def _criterion_leaves(
    names: st.SearchStrategy[str] | None = None,
    years: st.SearchStrategy[FiscalYear] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
    days: st.SearchStrategy[date] | None = None,
) -> dict[type, st.SearchStrategy[Criterion]]:
    """A strategy for each kind of leaf, by its class."""
    name = names if names is not None else _criterion_names(12)
    year = _years(years)
    day = days if days is not None else era_dates()
    return {
        Reaches: st.builds(Reaches, name, _values(values), st.booleans(), st.none() | year),
        Covers: st.builds(Covers, name, st.integers(1, 10**12)),
        MeetsTarget: st.builds(MeetsTarget, name, st.none() | year),
        MilestoneReached: st.builds(MilestoneReached, name, st.none() | year | day),
        Judgment: st.builds(Judgment, name),
        Ongoing: st.just(Ongoing()),
    }


def criteria(
    names: st.SearchStrategy[str] | None = None,
    years: st.SearchStrategy[FiscalYear] | None = None,
    values: st.SearchStrategy[Decimal] | None = None,
    days: st.SearchStrategy[date] | None = None,
    max_leaves: int = 12,
) -> st.SearchStrategy[Criterion]:
    """Completion criteria (完了の目安): every kind of leaf, combined with AllOf, AnyOf and Not.

    A tree holds at most ``max_leaves`` leaves, and a combination may have
    none or one part (``AllOf([])``). ``names`` draws the names of
    indicators, milestones and judgments; by default they favour what a
    criterion's text reserves (``and``, ``by``, ``（仮称）``, ``>=``, quotes,
    spaces). ``years`` draws the deadlines of levels and milestones and the
    years of targets; with April years, the default, every criterion drawn
    can be written by :func:`kyodo.format_criterion` and read back. ``days``
    draws milestones' deadlines given as days, ``values`` the levels.

    >>> from hypothesis import given
    >>> from kyodo import format_criterion, parse_criterion
    >>> @given(criteria())
    ... def test_text_reads_back(criterion):
    ...     assert parse_criterion(format_criterion(criterion)) == criterion
    >>> test_text_reads_back()
    """
    leaves = st.one_of(list(_criterion_leaves(names, years, values, days).values()))
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4).map(AllOf), st.lists(inner, max_size=4).map(AnyOf), inner.map(Not)
        ),
        max_leaves=max_leaves,
    )


def _criteria_of(kind: type) -> st.SearchStrategy[Criterion]:
    """Criteria of one kind, for ``st.from_type``: a combination's parts are any criteria."""
    if kind is AllOf or kind is AnyOf:
        return st.lists(criteria(max_leaves=4), max_size=4).map(kind)
    if kind is Not:
        return criteria(max_leaves=4).map(Not)
    return _criterion_leaves()[kind]
