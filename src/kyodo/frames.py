"""Tidy pandas DataFrames of a plan's indicators, evaluations, grades and awards (the ``pandas`` extra).

Each function returns one long-form frame, one row per observation, ready for
``groupby``, ``pivot`` and plotting. Figures stay exact: targets and actuals
are :class:`~decimal.Decimal`, rates :class:`~fractions.Fraction`, yen
``int``; a missing figure is ``None``. Beside each exact rate stand two
columns, named alike in every frame so that nobody plots the wrong one:

* ``*_pct``, a ``float64`` percentage (102.38… for 43/42; NaN where missing),
  for plotting and nothing else: a float never decides a figure;
* ``*_label``, the rate as the document prints it (:func:`kyodo.format_percent`,
  rounded half up: 102.4%).

Fiscal years, precisely:

* ``fy`` has kyodo's ``fiscal_year`` dtype (:mod:`kyodo.pandas`): each row is
  a :class:`~kyodo.FiscalYear`, shown as the documents print it (平成27年度),
  sorted and grouped by the year it starts in. ``frame["fy"].fy`` gives the
  first and last days (``.fy.start``, ``.fy.end``), the start year
  (``.fy.year``), other labels (``.fy.label("western")``) and pandas'
  annual ``Period`` (``.fy.to_period()``: FY2015 is ``Period('2016',
  'Y-MAR')``, named by the year it ends in; :func:`fiscal_year_of_period`
  reads one back).
* ``fy_label`` is the label the documents print, as text: 平成27年度.
* A missing year is ``<NA>`` in ``fy`` and missing in ``fy_label``. All the
  fiscal years in one frame must share a calendar (the month they start in).

>>> from kyodo import FiscalYear, Indicator, Measure, Observation, Target
>>> centres = Indicator(
...     "まちづくりセンター数", "箇所",
...     targets=[Target(FiscalYear(2015), 42), Target(FiscalYear(2016), 50)],
...     actuals=[Observation(FiscalYear(2015), 43), Observation(FiscalYear(2016), 48)],
... )
>>> frame = indicators_frame(Measure("No.26", "まちづくりセンターを設置、拡大", indicators=[centres]))
>>> frame[["fy", "target", "actual", "achievement", "achievement_label", "achievement_pct"]]
        fy target actual achievement achievement_label  achievement_pct
0  平成27年度     42     43       43/42            102.4%       102.380952
1  平成28年度     50     48       24/25             96.0%        96.000000
>>> frame["fy"].dtype, frame["fy"][0], frame["fy"].fy.year.tolist()
(FiscalYearDtype(), FiscalYear(2015), [2015, 2016])
>>> frame["fy"].fy.to_period()[0]
Period('2016', 'Y-MAR')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from kyodo.bases import FigureUnit
from kyodo.errors import KyodoError, Message, ValidationError
from kyodo.evaluations import Evaluation, EvaluationKind, ProgressCheck
from kyodo.fiscal import FiscalYear
from kyodo.grading import Combine, GradeResult, GradingScheme, Points, grade_measure
from kyodo.indicators import Indicator, format_percent
from kyodo.plan import Measure, Plan, Section
from kyodo.subsidies import Award

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "awards_frame",
    "evaluations_frame",
    "fiscal_year_of_period",
    "grades_frame",
    "indicators_frame",
    "period_of_fiscal_year",
]

_MONTHS: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _pandas() -> Any:
    """The pandas module, or a KyodoError saying which extra to install."""
    try:
        import pandas
    except ImportError:
        raise KyodoError("kyodo.frames needs pandas: pip install 'kyodo[pandas]'") from None
    return pandas


def _not_a(wanted: str, wanted_ja: str, value: object) -> Message:
    """The message for ``value`` given where ``wanted`` ("a FiscalYear") was expected."""
    kind = type(value).__name__
    return (f"expected {wanted}, not {kind} {value!r}", f"{wanted_ja} が必要（{kind} {value!r} が渡された）")


def _annual_freq(start_month: int) -> str:
    """pandas' name for annual periods of fiscal years starting in ``start_month``.

    pandas 2.2 renamed the annual alias from ``A-MAR`` to ``Y-MAR``; both are
    tried so that every pandas from 2.1 works.
    """
    pandas = _pandas()
    end = _MONTHS[(start_month - 2) % 12]
    for prefix in ("Y", "A"):
        freq = f"{prefix}-{end}"
        try:
            pandas.PeriodDtype(freq)
        except (ValueError, TypeError):
            continue
        return freq
    raise KyodoError(
        f"this pandas ({pandas.__version__}) has no annual period frequency ending in {end}"
    )  # pragma: no cover


def period_of_fiscal_year(fy: FiscalYear) -> pd.Period:
    """The pandas annual ``Period`` that is fiscal year ``fy``: FY2015 is ``Period('2016', 'Y-MAR')``.

    pandas names an annual period by the calendar year it ends in; a fiscal
    year that starts in April ends in March of the next calendar year. For a
    calendar starting in January the two names agree.

    >>> period = period_of_fiscal_year(FiscalYear(2015))
    >>> period, period.start_time.date(), period.end_time.date()
    (Period('2016', 'Y-MAR'), datetime.date(2015, 4, 1), datetime.date(2016, 3, 31))
    >>> period_of_fiscal_year(FiscalYear(2015, start_month=1))
    Period('2015', 'Y-DEC')
    """
    if not isinstance(fy, FiscalYear):
        raise ValidationError(("fy", _not_a("a FiscalYear", "FiscalYear", fy)))
    pandas = _pandas()
    end_year = fy.year if fy.start_month == 1 else fy.year + 1
    period: pd.Period = pandas.Period(year=end_year, freq=_annual_freq(fy.start_month))
    return period


def fiscal_year_of_period(period: pd.Period) -> FiscalYear:
    """The fiscal year an annual pandas ``Period`` stands for: ``Period('2016', 'Y-MAR')`` is FY2015.

    The fiscal year is named by the calendar year the period starts in, and
    starts in the month after the frequency's month (``Y-MAR``: April). Only
    one-year periods are fiscal years; ``NaT`` and other frequencies are refused.

    >>> import pandas as pd
    >>> fiscal_year_of_period(pd.Period("2016", freq="Y-MAR"))
    FiscalYear(2015)
    >>> fiscal_year_of_period(pd.Period("2015", freq="Y-DEC"))
    FiscalYear(2015, start_month=1)
    >>> fiscal_year_of_period(pd.Period("2016-03", freq="M"))
    Traceback (most recent call last):
    kyodo.errors.ValidationError: period: Period('2016-03', 'M') is not an annual period; expected one such as Period('2016', 'Y-MAR') (FY2015)
    """
    pandas = _pandas()
    if not isinstance(period, pandas.Period):
        raise ValidationError(("period", _not_a("a pandas Period", "pandas の Period", period)))
    freq = period.freq
    if not isinstance(freq, pandas.offsets.YearEnd) or freq.n != 1:
        raise ValidationError(
            (
                "period",
                (
                    f"{period!r} is not an annual period; expected one such as Period('2016', 'Y-MAR') (FY2015)",
                    f"{period!r} は一年の期間ではない。Period('2016', 'Y-MAR')（2015年度）のような期間が必要",
                ),
            )
        )
    start = period.start_time
    return FiscalYear(int(start.year), int(start.month))


# --- building frames -------------------------------------------------------------------


def _fy_column(years: Sequence[FiscalYear | None]) -> Any:
    """A ``fiscal_year`` array of ``years`` (None is missing); every year must share a calendar."""
    _pandas()
    from kyodo.pandas import FiscalYearArray, FiscalYearDtype

    months = {fy.start_month for fy in years if fy is not None}
    if len(months) > 1:
        raise ValidationError(
            (
                "fy",
                (
                    f"the fiscal years start in different months ({sorted(months)}); a frame holds one calendar",
                    f"年度の始まる月がそろっていない（{sorted(months)}）。一つの表に入る暦は一つだけ",
                ),
            )
        )
    return FiscalYearArray._from_sequence(list(years), dtype=FiscalYearDtype(months.pop() if months else 4))


def _frame(columns: Mapping[str, tuple[Sequence[Any], str | None]]) -> pd.DataFrame:
    """A DataFrame from ``name: (values, dtype)``; dtype None lets pandas infer (text columns)."""
    pandas = _pandas()
    data: dict[str, Any] = {}
    for name, (values, dtype) in columns.items():
        if dtype == "fiscal_year":
            data[name] = values
        elif dtype is None and values:
            data[name] = list(values)
        else:
            data[name] = pandas.Series(list(values), dtype=dtype or object)
    frame: pd.DataFrame = pandas.DataFrame(data)
    return frame


def _label(fy: FiscalYear | None) -> str | None:
    return None if fy is None else str(fy)


def _percent(rate: Fraction | None) -> str | None:
    return None if rate is None else format_percent(rate)


def _pct(rate: Fraction | None) -> float:
    """``rate`` in percent as the nearest float, for plotting only (NaN where missing)."""
    return float("nan") if rate is None else float(rate * 100)


def _measures(source: Plan | Measure) -> list[tuple[str, Measure]]:
    """Every measure of ``source`` with its code: the path code in a plan, the number for a lone measure.

    A section that holds figures of its own (a 施策's indicators and grades) is in the list too, under
    its own code, as :meth:`kyodo.Section.as_measure` gives it.
    """
    if isinstance(source, Measure):
        return [(source.number, source)]
    if isinstance(source, Plan):
        return [
            (code, node if isinstance(node, Measure) else node.as_measure())
            for code, node in source.walk()
            if isinstance(node, Measure) or (isinstance(node, Section) and (node.indicators or node.evaluations))
        ]
    raise ValidationError(("", _not_a("a Plan or a Measure", "Plan か Measure", source)))


# --- indicators --------------------------------------------------------------------------


def indicators_frame(source: Plan | Measure) -> pd.DataFrame:
    """One row per indicator and fiscal year that has a target or an actual, in document and year order.

    Columns: ``code`` (the measure's path code, Ⅱ-1-2-No.26; a lone measure's
    number), ``measure`` (its title), ``indicator``, ``unit``, ``direction``
    (``increase``, ``decrease``, ``at_most``), ``category`` (``outcome``
    成果指標, ``output`` 活動指標, ``context`` 対象指標, or None), ``fy`` (the
    ``fiscal_year`` dtype, see the module), ``fy_label``, ``target`` (Decimal, or None for a qualitative
    target or none; a range's lower end), ``target_upper`` (a range's upper
    end), ``target_bound`` (``at_least`` 以上 or ``at_most`` 以下, where the
    target prints one), ``target_text`` (a qualitative target's text, 継続して拡充),
    ``role`` (``annual``, ``mid_term``, ``final``, or None without a target),
    ``actual`` (Decimal or None), ``estimate`` (the actual is 見込み),
    ``preliminary`` (the actual is a 速報値), ``actual_stage`` (the sheet's word
    for which of the year's figures it is: 確定値), ``actual_text`` and
    ``actual_reason`` (the word printed instead of a figure, 集計中, and why:
    ``pending``; ``actual`` is then None), ``figures`` (how many figures the
    sheet prints for the year; ``actual`` is the last, the one rates use),
    ``achievement`` (the exact rate, :meth:`kyodo.Indicator.achievement`, or
    None), ``achievement_label`` (that rate as printed, 96.0%) and
    ``achievement_pct`` (that rate in percent as a float, for plotting).

    Baselines are not rows: a baseline is not a year's target or actual.

    >>> from decimal import Decimal
    >>> from kyodo import FiscalYear, Indicator, Measure, Observation, Target
    >>> share = Indicator("自治会・町内会加入率", "%",
    ...     targets=[Target(FiscalYear(2017), 68), Target(FiscalYear(2018), text="継続して向上", role="final")],
    ...     actuals=[Observation(FiscalYear(2017), Decimal("62.5"), estimate=True)])
    >>> frame = indicators_frame(Measure("事業2", "自治会加入促進", indicators=[share]))
    >>> row = frame.iloc[0]
    >>> row["actual"], bool(row["estimate"]), row["achievement"], row["achievement_label"]
    (Decimal('62.5'), True, Fraction(125, 136), '91.9%')
    >>> f"{row['achievement_pct']:.2f}"
    '91.91'
    >>> frame.loc[1, ["target", "target_text", "role"]].tolist()
    [None, '継続して向上', 'final']
    """
    rows: list[dict[str, Any]] = []
    for code, measure in _measures(source):
        for indicator in measure.indicators:
            years = sorted(
                {target.fy for target in indicator.targets}
                | {actual.fy for actual in indicator.actuals}
                | {word.fy for word in indicator.no_figures},
                key=lambda fy: fy.year,
            )
            several = len({actual.fy for actual in indicator.actuals}) < len(indicator.actuals)
            for fy in years:
                target, actual = indicator.target(fy), indicator.actual(fy)
                word = None if actual is not None else indicator.no_figure(fy)
                achievement = _achievement(indicator, fy)
                rows.append(
                    {
                        "code": code,
                        "measure": measure.title,
                        "indicator": indicator.name,
                        "unit": indicator.unit,
                        "direction": indicator.direction.value,
                        "category": None if indicator.category is None else indicator.category.value,
                        "fy": fy,
                        "target": None if target is None else target.value,
                        "target_upper": None if target is None else target.upper,
                        "target_bound": None if target is None else target.bound,
                        "target_text": None if target is None else target.text,
                        "role": None if target is None else target.role.value,
                        "actual": None if actual is None else actual.value,
                        "estimate": actual is not None and actual.estimate,
                        "preliminary": actual is not None and actual.preliminary,
                        "actual_stage": None if actual is None else actual.stage,
                        "actual_text": None if word is None else word.text,
                        "actual_reason": None if word is None or word.reason is None else word.reason.value,
                        "figures": len(indicator.figures(fy)) if several else int(actual is not None),
                        "achievement": achievement,
                    }
                )
    return _frame(
        {
            "code": ([row["code"] for row in rows], None),
            "measure": ([row["measure"] for row in rows], None),
            "indicator": ([row["indicator"] for row in rows], None),
            "unit": ([row["unit"] for row in rows], None),
            "direction": ([row["direction"] for row in rows], None),
            "category": ([row["category"] for row in rows], None),
            "fy": (_fy_column([row["fy"] for row in rows]), "fiscal_year"),
            "fy_label": ([_label(row["fy"]) for row in rows], None),
            "target": ([row["target"] for row in rows], "object"),
            "target_upper": ([row["target_upper"] for row in rows], "object"),
            "target_bound": ([row["target_bound"] for row in rows], None),
            "target_text": ([row["target_text"] for row in rows], None),
            "role": ([row["role"] for row in rows], None),
            "actual": ([row["actual"] for row in rows], "object"),
            "estimate": ([row["estimate"] for row in rows], "bool"),
            "preliminary": ([row["preliminary"] for row in rows], "bool"),
            "actual_stage": ([row["actual_stage"] for row in rows], None),
            "actual_text": ([row["actual_text"] for row in rows], None),
            "actual_reason": ([row["actual_reason"] for row in rows], None),
            "figures": ([row["figures"] for row in rows], "int64"),
            "achievement": ([row["achievement"] for row in rows], "object"),
            "achievement_label": ([_percent(row["achievement"]) for row in rows], None),
            "achievement_pct": ([_pct(row["achievement"]) for row in rows], "float64"),
        }
    )


def _achievement(indicator: Indicator, fy: FiscalYear) -> Fraction | None:
    """The achievement rate, or None where it is missing or has no value (a target of 0 where more is better)."""
    return indicator.achievement_if_defined(fy)


# --- evaluations ---------------------------------------------------------------------------

#: The order of records within a fiscal year: the half-year checks, then the evaluations.
_RECORD_ORDER: Final = {
    "progress_check": 0,
    EvaluationKind.ANNUAL.value: 1,
    EvaluationKind.MID_TERM.value: 2,
    EvaluationKind.PLAN_PERIOD.value: 3,
}


def evaluations_frame(source: Plan | Measure) -> pd.DataFrame:
    """One row per half-year progress check and per evaluation, each measure's in fiscal-year order.

    Columns: ``code``, ``measure``, ``kind`` (``progress_check``, or the
    evaluation's kind: ``annual``, ``mid_term``, ``plan_period``),
    ``kind_label`` (進捗管理, 年度評価, 中間評価, 計画期間の評価), ``fy``,
    ``fy_label`` (missing for an evaluation without a year), ``half`` (1 or
    2 for a check, else missing; an ``Int64`` column), ``grade`` (an
    evaluation's recorded grade), ``status`` and ``status_label`` (a check's
    status: ``behind``, 進捗に遅れあり), ``text`` (an evaluation's assessment or
    a check's note), ``issues``, ``outlook``, ``written_on`` (a datetime64
    column, NaT where not recorded) and ``evaluator`` (the evaluator's name,
    or the label of its kind).

    Within a measure, rows go by fiscal year (records without one last), and
    within a year: checks by half, then the annual, mid-term and plan-period
    evaluations.

    >>> from kyodo import Evaluation, FiscalYear, Measure, ProgressCheck
    >>> measure = Measure("No.26", "まちづくりセンターを設置、拡大",
    ...     progress_checks=[ProgressCheck(FiscalYear(2015), 1, "進捗に遅れあり")],
    ...     evaluations=[Evaluation("plan_period", grade="C"), Evaluation("annual", FiscalYear(2015), grade="B")])
    >>> evaluations_frame(measure)[["kind", "fy_label", "half", "grade", "status"]]
                 kind fy_label  half grade   status
    0  progress_check   平成27年度     1   NaN   behind
    1          annual   平成27年度  <NA>     B      NaN
    2     plan_period      NaN  <NA>     C      NaN
    """
    pandas = _pandas()
    rows: list[dict[str, Any]] = []
    for code, measure in _measures(source):
        records: list[ProgressCheck | Evaluation] = [*measure.progress_checks, *measure.evaluations]
        records.sort(key=_record_key)
        for record in records:
            row: dict[str, Any] = {"code": code, "measure": measure.title, "fy": record.fy}
            if isinstance(record, ProgressCheck):
                row.update(
                    kind="progress_check",
                    kind_label="進捗管理",
                    half=record.half,
                    grade=None,
                    status=record.status.value,
                    status_label=record.status.label,
                    text=record.note,
                    issues=None,
                    outlook=None,
                    written_on=None,
                    evaluator=None,
                )
            else:
                evaluator = record.evaluator
                row.update(
                    kind=record.kind.value,
                    kind_label=record.kind.label,
                    half=None,
                    grade=record.grade,
                    status=None,
                    status_label=None,
                    text=record.assessment,
                    issues=record.issues,
                    outlook=record.outlook,
                    written_on=record.written_on,
                    evaluator=None if evaluator is None else (evaluator.name or evaluator.kind.label),
                )
            rows.append(row)

    def column(name: str) -> list[Any]:
        return [row[name] for row in rows]

    frame = _frame(
        {
            "code": (column("code"), None),
            "measure": (column("measure"), None),
            "kind": (column("kind"), None),
            "kind_label": (column("kind_label"), None),
            "fy": (_fy_column(column("fy")), "fiscal_year"),
            "fy_label": ([_label(fy) for fy in column("fy")], None),
            "half": (column("half"), "Int64"),
            "grade": (column("grade"), None),
            "status": (column("status"), None),
            "status_label": (column("status_label"), None),
            "text": (column("text"), None),
            "issues": (column("issues"), None),
            "outlook": (column("outlook"), None),
            "written_on": (column("written_on"), "object"),
            "evaluator": (column("evaluator"), None),
        }
    )
    frame["written_on"] = pandas.to_datetime(frame["written_on"])
    return frame


def _record_key(record: ProgressCheck | Evaluation) -> tuple[bool, int, int, int]:
    if isinstance(record, ProgressCheck):
        return (False, record.fy.year, _RECORD_ORDER["progress_check"], record.half)
    fy = record.fy
    return (fy is None, 0 if fy is None else fy.year, _RECORD_ORDER[record.kind.value], 0)


# --- grades ------------------------------------------------------------------------------------


def grades_frame(
    plan: Plan | Measure,
    scheme: GradingScheme,
    years: Iterable[FiscalYear] | None = None,
    *,
    combine: Combine | str | Points | None = None,
    weights: Mapping[str, Fraction | Decimal | int] | None = None,
    by: str = "measure",
) -> pd.DataFrame:
    """One row per measure and fiscal year: the grade ``scheme`` computes beside the grade recorded.

    ``years`` defaults to the plan's period (a lone measure needs them).
    ``combine`` and ``weights`` go to :func:`kyodo.grade_measure`. Columns:
    ``code``, ``measure``, ``fy``, ``fy_label``, ``computed`` (the label, or
    missing when ungraded), ``recorded`` (the evaluator's grade, or missing),
    ``differs`` (both exist and disagree), ``rate`` (the exact figure
    graded, or None), ``rate_label`` (as printed, for a figure in percent),
    ``rate_pct`` (that percentage as a float, for plotting; NaN for a figure
    not in percent),
    ``basis`` (what the figure is: ``achievement``, ``change`` …), ``how``
    (``band``, ``status``, ``no_target``, ``no_actual`` …, see
    :class:`kyodo.GradeResult`) and ``reason`` (the evaluator's words where
    the grades differ).

    With ``by="indicator"`` there is a row per indicator, measure and year,
    with the indicator's own grade in ``computed``, its name in
    ``indicator``, and the measure's computed grade in ``measure_grade``
    (``recorded``, ``differs`` and ``reason`` stay the measure's: an
    evaluation records one grade for the measure).

    >>> from kyodo import FiscalYear, Grade, Indicator, Measure, Observation, Target
    >>> scheme = GradingScheme("met is B", [Grade("B", bands=["100%以上"]), Grade("C", bands=["100%未満"])])
    >>> centres = Indicator("まちづくりセンター数", "箇所",
    ...     targets=[Target(FiscalYear(2016), 50)], actuals=[Observation(FiscalYear(2016), 48)])
    >>> measure = Measure("No.26", "まちづくりセンターを設置、拡大", indicators=[centres])
    >>> grades_frame(measure, scheme, [FiscalYear(2016)])[["fy", "computed", "rate", "rate_label", "rate_pct"]]
           fy computed   rate rate_label  rate_pct
    0  平成28年度        C  24/25      96.0%      96.0
    """
    if years is None:
        if not isinstance(plan, Plan):
            raise ValidationError(
                (
                    "years",
                    (
                        "give the fiscal years to grade a measure in; only a plan has a period",
                        "事業を評価する年度を指定する。期間があるのは計画だけ",
                    ),
                )
            )
        years = plan.period
    chosen = list(years)
    for index, fy in enumerate(chosen):
        if not isinstance(fy, FiscalYear):
            raise ValidationError((f"years[{index}]", _not_a("a FiscalYear", "FiscalYear", fy)))
    if by not in ("measure", "indicator"):
        raise ValidationError(
            ("by", (f"expected measure or indicator, not {by!r}", f"measure か indicator（{by!r} ではない）"))
        )
    rows: list[dict[str, Any]] = []
    for code, measure in _measures(plan):
        for fy in chosen:
            result = grade_measure(measure, fy, scheme, combine=combine, weights=weights)
            common = {"code": code, "measure": measure.title, "fy": fy, "recorded": result.recorded}
            common.update(differs=result.differs, reason=result.reason)
            if by == "measure":
                rows.append({**common, **_graded(result.computed)})
                continue
            for indicator, part in zip(measure.indicators, result.parts, strict=True):
                rows.append(
                    {**common, "indicator": indicator.name, "measure_grade": result.computed.label, **_graded(part)}
                )

    def column(name: str) -> list[Any]:
        return [row[name] for row in rows]

    columns: dict[str, tuple[list[Any], str | None]] = {
        "code": (column("code"), None),
        "measure": (column("measure"), None),
    }
    if by == "indicator":
        columns["indicator"] = (column("indicator"), None)
    columns.update(
        {
            "fy": (_fy_column(column("fy")), "fiscal_year"),
            "fy_label": ([_label(fy) for fy in column("fy")], None),
            "computed": (column("computed"), None),
        }
    )
    if by == "indicator":
        columns["measure_grade"] = (column("measure_grade"), None)
    columns.update(
        {
            "recorded": (column("recorded"), None),
            "differs": (column("differs"), "bool"),
            "rate": (column("rate"), "object"),
            "rate_label": (column("rate_label"), None),
            "rate_pct": (column("rate_pct"), "float64"),
            "basis": (column("basis"), None),
            "how": (column("how"), None),
            "reason": (column("reason"), None),
        }
    )
    return _frame(columns)


def _graded(result: GradeResult) -> dict[str, Any]:
    """A grade's own columns: its label, figure (as a percentage where it is one), basis and how."""
    basis = result.graded_basis
    percent = result.rate is not None and basis.unit is FigureUnit.PERCENT
    return {
        "computed": result.label,
        "rate": result.rate,
        "rate_label": _percent(result.rate) if percent else None,
        "rate_pct": _pct(result.rate if percent else None),
        "basis": basis.value,
        "how": result.how,
    }


# --- awards ----------------------------------------------------------------------------------


def awards_frame(awards: Iterable[Award]) -> pd.DataFrame:
    """One row per :class:`kyodo.Award`, in the order given; yen stay whole ``int``.

    Columns: ``rule`` (its name), ``body`` (or missing), ``fy``,
    ``fy_label``, ``cost`` (all categories together), ``eligible_cost``
    (missing where the rule refused before counting it; ``Int64``),
    ``amount``, ``binding`` (the constraint that decided the amount:
    ``rate``, ``cap_per_fy`` …), ``binding_label`` (補助率, 年度あたりの限度額 …)
    and ``refusal`` (why nothing was awarded, or missing).

    >>> from kyodo import FiscalYear, SubsidyRule, SubsidyTerms
    >>> rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FiscalYear(2015))
    >>> awards = [rule.compute(200_000, FiscalYear(2015)), rule.compute(350_000, FiscalYear(2016))]
    >>> awards_frame(awards)[["fy_label", "cost", "eligible_cost", "amount", "binding", "refusal"]]
      fy_label    cost  eligible_cost  amount  binding      refusal
    0  平成27年度  200000         200000  133333     rate          NaN
    1  平成28年度  350000           <NA>       0  refused  not_offered
    """
    chosen = list(awards)
    for index, award in enumerate(chosen):
        if not isinstance(award, Award):
            raise ValidationError((f"awards[{index}]", _not_a("an Award", "Award", award)))
    return _frame(
        {
            "rule": ([award.rule.name for award in chosen], None),
            "body": ([award.body for award in chosen], None),
            "fy": (_fy_column([award.fy for award in chosen]), "fiscal_year"),
            "fy_label": ([str(award.fy) for award in chosen], None),
            "cost": ([award.total_cost for award in chosen], "int64"),
            "eligible_cost": ([award.eligible_cost for award in chosen], "Int64"),
            "amount": ([award.amount for award in chosen], "int64"),
            "binding": ([award.binding.value for award in chosen], None),
            "binding_label": ([award.binding.label for award in chosen], None),
            "refusal": ([None if award.refusal is None else award.refusal.value for award in chosen], None),
        }
    )
