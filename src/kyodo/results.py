"""Results as data: the shape of what each result's ``to_data()`` gives, for programs that read it.

Every result kyodo computes (a grade, an award, an assessment, a projection,
a what-if run) has a ``to_data()`` that gives JSON-ready data: only text,
whole numbers, booleans, None, lists and tables. Each carries ``"schema":
"kyodo.result/1"`` and a ``"kind"`` a program can dispatch on; ``kyodo schema
result`` prints the JSON Schema they follow. The types here name their keys,
so that ``mypy --strict`` checks a program that reads them.

The rules of the form, the same in every kind:

* exact numbers are text, as Python prints them: a ``Decimal`` as ``"96.0"``,
  a ``Fraction`` as ``"24/25"``; yen are whole numbers and stay ``int``;
* a fiscal year is its label as kyodo's files write it (``"平成27年度"``);
  one of a calendar that does not start in April adds the month it starts in
  (``"2015年度（10月始まり）"``); a day is ISO (``"2018-07-20"``);
* a value whose type is not fixed by its key (a step's facts, the figures a
  reading used) is tagged where JSON alone would lose its type:
  ``{"fraction": "2/3"}``, ``{"decimal": "58.8"}``, ``{"table": {...}}``,
  ``{"list": [...]}``; text, whole numbers, booleans and None are themselves;
* ``explanation`` is the result's :meth:`kyodo.Explanation.to_data`.

>>> from fractions import Fraction
>>> from kyodo import Grade, GradingScheme
>>> scheme = GradingScheme("example", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
>>> data: GradeData = scheme.grade(Fraction(24, 25)).to_data()
>>> data["schema"], data["kind"], data["label"], data["rate"]
('kyodo.result/1', 'grade', 'B', '24/25')
"""

from __future__ import annotations

from typing import Final, Literal, NotRequired, TypeAlias, TypedDict

__all__ = [
    "RESULT_SCHEMA",
    "AllocationData",
    "ApplicationData",
    "AssessmentData",
    "AwardData",
    "BandData",
    "ClaimData",
    "ExplanationData",
    "GradeData",
    "GradeHow",
    "JSONValue",
    "MeasureGradeData",
    "ObservationData",
    "ProjectionData",
    "ReadingData",
    "ResultData",
    "ResultKind",
    "SettlementData",
    "StatusData",
    "StepLineData",
    "TwoAxisGradeData",
    "UnitData",
    "UnreadData",
    "UnreadHow",
    "VerdictData",
    "VerdictValue",
    "WhatIfData",
    "WhatIfRowData",
    "WordsData",
]

#: The schema id every result's data carries.
RESULT_SCHEMA: Final = "kyodo.result/1"

#: Any JSON value, as the data holds it.
JSONValue: TypeAlias = "str | int | bool | list[JSONValue] | dict[str, JSONValue] | None"

#: Why a basis found no figure for a year (:class:`kyodo.bases.Unread`).
UnreadHow: TypeAlias = Literal["no_target", "no_actual", "no_baseline", "undefined"]

#: How a grade was reached (:attr:`kyodo.GradeResult.how`): the figure fell in a band, the half-year status
#: gave it, or why there was no figure to grade.
GradeHow: TypeAlias = Literal["band", "status", "no_target", "no_actual", "no_baseline", "undefined"]

#: The three values of a completion verdict (:class:`kyodo.Verdict`).
VerdictValue: TypeAlias = Literal["met", "not_met", "undetermined"]

#: The kinds of result data, one for each result class.
ResultKind: TypeAlias = Literal[
    "grade",
    "measure_grade",
    "two_axis_grade",
    "award",
    "settlement",
    "allocation",
    "verdict",
    "assessment",
    "projection",
    "what_if_row",
    "what_if",
]


class WordsData(TypedDict):
    """A sentence in English and in Japanese."""

    en: str
    ja: str


class ExplanationData(TypedDict):
    """:meth:`kyodo.Explanation.to_data`: the rule, its facts as plain data, the two sentences, the parts."""

    rule: str
    facts: dict[str, JSONValue]
    ja: str
    en: str
    parts: list[ExplanationData]


class BandData(TypedDict):
    """A band of a legend: its bounds (exact, as text, None where open), whether each is included, its unit."""

    text: str
    lower: str | None
    lower_inclusive: bool
    upper: str | None
    upper_inclusive: bool
    unit: str


class StatusData(TypedDict):
    """A half-year progress status: the word files write, and its labels."""

    value: str
    label: str
    label_en: str


class ReadingData(TypedDict):
    """The figure a basis read, in its unit, with the figures its formula used (tagged values)."""

    value: str
    unit: str
    figures: list[list[JSONValue]]
    ja: str
    en: str
    per: str | None


class UnreadData(TypedDict):
    """Why a basis read no figure."""

    how: UnreadHow
    actual: str | None
    target: str | None
    why: WordsData | None


class _BasisReadingData(TypedDict):
    basis: JSONValue
    reading: ReadingData | None
    unread: UnreadData | None


class GradeData(TypedDict):
    """:meth:`kyodo.GradeResult.to_data`."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["grade"]
    scheme: str
    label: str | None
    how: GradeHow
    rate: str | None
    band: BandData | None
    actual: str | None
    target: str | None
    status: StatusData | None
    why: WordsData | None
    direction: str | None
    baseline: str | None
    elapsed: list[int] | None
    basis: JSONValue
    graded_basis: JSONValue
    reading: ReadingData | None
    readings: list[_BasisReadingData]
    explanation: ExplanationData


class _IndicatorGradeData(GradeData):
    indicator: str


class MeasureGradeData(TypedDict):
    """:meth:`kyodo.MeasureGrade.to_data`: ``parts`` are the indicators' grades, each naming its indicator."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["measure_grade"]
    measure: str
    fy: str
    computed: GradeData
    computed_part: int | None
    parts: list[_IndicatorGradeData]
    recorded: str | None
    reason: str | None
    differs: bool
    combine: str
    points: dict[str, str] | None
    explanation: ExplanationData


class TwoAxisGradeData(TypedDict):
    """:meth:`kyodo.TwoAxisGrade.to_data`."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["two_axis_grade"]
    legend: str
    measure: str
    fy: str
    label: str | None
    first: MeasureGradeData
    second: MeasureGradeData
    recorded: str | None
    reason: str | None
    differs: bool
    explanation: ExplanationData


class UnitData(TypedDict):
    """One unit of a claim."""

    name: str
    cost: int
    attributes: dict[str, str]
    counts: dict[str, JSONValue]


class ClaimData(TypedDict):
    """What an application told a calculation beyond its cost."""

    units: list[UnitData]
    attributes: dict[str, str]
    deductions: dict[str, int]
    site: str | None
    counts: dict[str, JSONValue]


class ApplicationData(TypedDict):
    """An application, as a request carries it (:meth:`kyodo.Application.from_data`); not a result, so no schema.

    ``cost`` is whole yen, or yen by category; reading, ``claim`` and each of
    its keys may be left out.
    """

    body: str
    fy: str
    cost: int | dict[str, int]
    claim: ClaimData


class StepLineData(TypedDict):
    """One step of a calculation that changed the figure."""

    step: str
    amount: str | None
    facts: dict[str, JSONValue]
    ja: str
    en: str


class AwardData(TypedDict):
    """:meth:`kyodo.Award.to_data`: yen are whole numbers; ``terms`` is the index of the rule's version used."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["award"]
    rule: str
    fy: str
    body: str | None
    cost: dict[str, int]
    total_cost: int
    amount: int
    binding: str
    refusal: str | None
    terms: int | None
    eligible_cost: int | str | None
    product: str | None
    failed: int | None
    claim: ClaimData | None
    lines: list[StepLineData]
    explanation: ExplanationData


class SettlementData(TypedDict):
    """:meth:`kyodo.Settlement.to_data`."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["settlement"]
    advance: int
    confirmed: AwardData
    refund: int
    additional: int


class AllocationData(TypedDict):
    """:meth:`kyodo.Allocation.to_data`."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["allocation"]
    budget: int
    requested: list[int]
    amounts: list[int]
    method: Literal["full", "pro_rata", "priority"]
    total: int


class VerdictData(TypedDict):
    """:meth:`kyodo.Verdict.to_data`: the value and its labels."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["verdict"]
    verdict: VerdictValue
    ja: str
    en: str


class AssessmentData(TypedDict):
    """:meth:`kyodo.Assessment.to_data`: ``as_of`` is a day (ISO) or a fiscal year."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["assessment"]
    verdict: VerdictValue
    as_of: str
    criterion: str | None
    explanation: ExplanationData


class ObservationData(TypedDict):
    """An observed value at a fiscal year."""

    fy: str
    value: str
    estimate: bool
    preliminary: bool
    printed_rate: str | None
    on: str | None
    stage: NotRequired[str | None]


class ProjectionData(TypedDict):
    """:meth:`kyodo.Projection.to_data`."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["projection"]
    indicator: str
    wanted: str
    latest: ObservationData
    pace: str
    years: int
    fy: str | None
    explanation: ExplanationData


class WhatIfRowData(TypedDict):
    """:meth:`kyodo.WhatIfRow.to_data`."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["what_if_row"]
    variant: str
    body: str
    fy: str
    cost: int
    award: int
    binding: str
    refusal: str | None


class WhatIfData(TypedDict):
    """:meth:`kyodo.WhatIf.to_data`: the rows, the variants and each variant's total."""

    schema: Literal["kyodo.result/1"]
    kind: Literal["what_if"]
    variants: list[str]
    rows: list[WhatIfRowData]
    totals: dict[str, int]


#: The data of any result.
ResultData: TypeAlias = (
    GradeData
    | MeasureGradeData
    | TwoAxisGradeData
    | AwardData
    | SettlementData
    | AllocationData
    | VerdictData
    | AssessmentData
    | ProjectionData
    | WhatIfRowData
    | WhatIfData
)
