"""A plan (計画) as its document prints it: a tree of sections whose leaves are measures.

Each city names the levels of its tree differently (推進方針 / 推進施策 /
推進項目; 部 / 施策 / 事業), and numbers each level in its own style (Ⅰ, (1),
①, 1, No.26, 事業4). A node keeps its number as printed; its path code joins
the numbers from the root (Ⅰ-(1)-①), and :meth:`Plan.find` looks nodes up by it.

>>> from kyodo import FiscalYear, FiscalYearRange
>>> plan = Plan(
...     "山口市協働推進プラン", "山口市", FiscalYearRange.parse("H25–H29"),
...     levels=("推進方針", "推進施策", "推進項目"),
...     sections=[Section("Ⅰ", "協働の意識づくり", children=[
...         Section("(1)", "協働意識の醸成", children=[
...             Measure("①", "協働に関する情報の発信", kind="continuing",
...                     schedule=[Stage.parse_entry("H25", "実施"), Stage.parse_entry("H26", "→")]),
...         ]),
...     ])],
... )
>>> measure = plan.find("Ⅰ-(1)-①")
>>> measure.title, plan.code_of(measure), plan.level_of(measure)
('協働に関する情報の発信', 'Ⅰ-(1)-①', '推進項目')
>>> [(entry.fy.format("letter"), entry.label) for entry in measure.schedule]
[('H25', '実施'), ('H26', '→')]
>>> measure.stage(FiscalYear(2014))
<Stage.IMPLEMENT: 'implement'>
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, Final, TypeAlias

import attrs
from attrs import field, frozen

from kyodo._checks import A_FISCAL_YEAR, Validator, instance_of, not_a, one_per_year, texts_of
from kyodo._labels import LabelledEnum
from kyodo.bodies import Body
from kyodo.completion import CRITERION_TYPES, Criterion, JudgmentRecord
from kyodo.errors import Coded, Message, NotFoundError, ParseError, Problem, ValidationError, code_of
from kyodo.evaluations import Evaluation, ProgressCheck
from kyodo.fiscal import FiscalYear, FiscalYearRange
from kyodo.indicators import Indicator, tuple_items_of
from kyodo.wareki import Era, YearMonth, format_wareki

__all__ = [
    "Actor",
    "BudgetLine",
    "Measure",
    "MeasureKind",
    "Node",
    "Plan",
    "Priority",
    "Provenance",
    "Reference",
    "Relisting",
    "ScheduleEntry",
    "Section",
    "Source",
    "Stage",
]


class MeasureKind(LabelledEnum):
    """種別: a new measure or one carried on from before."""

    NEW = "new", "新規", "new"
    CONTINUING = "continuing", "継続", "continuing"


class Priority(LabelledEnum):
    """主要事業 (◎, a main project) or 推進事業 (※, a promotion project)."""

    MAIN = "main", "◎", "main project"
    PROMOTION = "promotion", "※", "promotion project"


class Actor(LabelledEnum):
    """対象主体: the six kinds of actor a measure is aimed at."""

    CITIZENS = "citizens", "市民", "citizens"
    COMMUNITIES = "communities", "地域コミュニティ", "local communities"
    CIVIC_GROUPS = "civic_groups", "市民活動団体", "civic groups"
    BUSINESSES = "businesses", "事業者", "businesses"
    SCHOOLS = "schools", "教育機関", "schools"
    GOVERNMENT = "government", "行政", "government"


class Stage(LabelledEnum):
    """What a measure does in a fiscal year (年次計画): 実施, 検討, 一部実施, 検討・実施, 調査研究."""

    IMPLEMENT = "implement", "実施", "implement"
    STUDY = "study", "検討", "study"
    PARTLY_IMPLEMENT = "partly_implement", "一部実施", "partly implement"
    STUDY_AND_IMPLEMENT = "study_and_implement", "検討・実施", "study and implement"
    RESEARCH = "research", "調査研究", "research"

    @staticmethod
    def parse_entry(fy: FiscalYear | str, text: str) -> ScheduleEntry:
        """A schedule entry from a label: a stage (実施 or implement), or → for "as the year before".

        The → is resolved when the measure is built; use ``ScheduleEntry``
        with ``text=`` for a cell that is free text.
        """
        year = fy if isinstance(fy, FiscalYear) else FiscalYear.parse(fy)
        if text == SAME_AS_BEFORE:
            return ScheduleEntry(year, carried=True)
        return ScheduleEntry(year, Stage.read(text, "stage"))


#: The mark a schedule prints for "the same as the year before".
SAME_AS_BEFORE = "→"


def _fy(name: str) -> Validator:
    return instance_of(FiscalYear, name)


def _stage(value: Stage | str | None) -> Stage | None:
    return None if value is None else Stage.read(value, "stage")


def _measure_kind(value: MeasureKind | str | None) -> MeasureKind | None:
    return None if value is None else MeasureKind.read(value, "kind")


def _priority(value: Priority | str | None) -> Priority | None:
    return None if value is None else Priority.read(value, "priority")


def _row_name(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ValidationError(
            ("row", (f"a row's name is non-empty text, not {value!r}", f"行の名前は空でない文字列が必要（{value!r}）"))
        )


#: What a schedule prints for a cell not yet decided.
UNDECIDED = "未定"


@frozen
class ScheduleEntry:
    """One cell of a measure's schedule (年次計画, 工程表).

    A cell holds a :class:`Stage`, or free ``text`` that is not one, or is
    printed as not yet decided (``unknown``: 未定). ``carried`` records that
    the document printed → ("as the year before"): the measure resolves the
    stage from the cell before, and writing the plan back prints → again.
    ``result`` is what the document reports was done that year (実績),
    where it prints that beside the plan.

    A cell may span years, as a bar drawn across columns does: from ``fy``
    through ``through``, or on without an end (``onward``: 2008年度以降).
    ``tentative`` marks a cell printed as provisional (予定, 仮). ``row``
    names the row of a schedule printed in several rows (事業目標 and a
    revised 実行計画と差異のある事業目標); a schedule of one row leaves it None.

    >>> ScheduleEntry(FiscalYear(2015), Stage.STUDY, through=FiscalYear(2017)).years
    'FY2015–FY2017'
    >>> ScheduleEntry(FiscalYear(2020), text="継続実施", onward=True).covers(FiscalYear(2030))
    True
    """

    fy: FiscalYear = field(validator=_fy("fy"))
    stage: Stage | None = field(default=None, converter=_stage)
    text: str | None = None
    carried: bool = False
    result: str | None = None
    through: FiscalYear | None = field(default=None, validator=instance_of(FiscalYear, "through", optional=True))
    onward: bool = False
    tentative: bool = False
    unknown: bool = False
    row: str | None = field(default=None, validator=_row_name)

    def __attrs_post_init__(self) -> None:
        given = (self.stage is not None) + (self.text is not None) + self.unknown
        if given > 1:
            raise ValidationError(
                (
                    "",
                    (
                        f"the {self.fy} cell has more than one of a stage, a text and 未定; give one",
                        f"{self.fy} の欄に段階、テキスト、未定のうち二つ以上がある。どれか一つにする",
                    ),
                )
            )
        if not self.carried and not given:
            raise ValidationError(
                (
                    "",
                    (
                        f"the {self.fy} cell is empty; give a stage, a text, unknown=True (未定) or carried=True (→)",
                        f"{self.fy} の欄が空。段階、テキスト、unknown=True（未定）、carried=True（→）のいずれかが必要",
                    ),
                )
            )
        if self.through is not None and (self.onward or self.through.year <= self.fy.year):
            raise ValidationError(
                (
                    "through",
                    (
                        f"a cell from {self.fy} spans through a later year and is not also onward, not {self.through}",
                        f"{self.fy} からの欄は後の年度までで、以降とは両立しない（{self.through} は不可）",
                    ),
                )
            )

    @property
    def label(self) -> str:
        """The cell as the document prints it: the stage's label, the text, 未定, or →."""
        if self.carried:
            return SAME_AS_BEFORE
        if self.stage is not None:
            return self.stage.label
        if self.unknown:
            return UNDECIDED
        return self.text or ""

    @property
    def last(self) -> FiscalYear | None:
        """The last year the cell covers; None for a cell that runs on (以降)."""
        if self.onward:
            return None
        return self.through if self.through is not None else self.fy

    @property
    def years(self) -> str:
        """The years the cell covers, as a label: FY2015, FY2015–FY2017, FY2020– (以降)."""
        first = self.fy.format("fy")
        last = self.last
        if last is None:
            return f"{first}–"
        return first if last == self.fy else f"{first}–{last.format('fy')}"

    def covers(self, fy: FiscalYear) -> bool:
        """True if the cell's years include ``fy``."""
        last = self.last
        return self.fy.year <= fy.year and (last is None or fy.year <= last.year)


def _resolve_schedule(entries: Iterable[ScheduleEntry]) -> tuple[ScheduleEntry, ...]:
    """Group by row, sort by year, refuse cells whose years overlap in a row, and fill each → from the cell before."""
    rows: dict[str | None, list[ScheduleEntry]] = {}
    for entry in entries:
        rows.setdefault(entry.row, []).append(entry)
    resolved: list[ScheduleEntry] = []
    for row, cells in rows.items():
        where = "schedule" if row is None else f"schedule[{row}]"
        done: list[ScheduleEntry] = []
        for entry in sorted(cells, key=lambda cell: cell.fy.year):
            previous = done[-1] if done else None
            if previous is not None and previous.covers(entry.fy):
                twice = (
                    Coded(f"{entry.fy} appears twice", f"{entry.fy} が二度ある", "duplicate")
                    if previous.fy == entry.fy
                    else Coded(
                        f"{entry.fy} appears twice (the cell of {previous.years} covers it)",
                        f"{entry.fy} が二度ある（{previous.years} の欄が含む）",
                        "overlap",
                    )
                )
                raise ValidationError((where, twice))
            if entry.carried:
                last = None if previous is None else previous.last
                if previous is None or last is None or last != entry.fy - 1:
                    raise ValidationError(
                        (
                            where,
                            (
                                f"{entry.fy} is → but {entry.fy - 1} has no cell to carry on",
                                f"{entry.fy} は → だが、引き継ぐ {entry.fy - 1} の欄がない",
                            ),
                            "dangling_reference",
                        )
                    )
                if (entry.stage, entry.text, entry.unknown) != (previous.stage, previous.text, previous.unknown):
                    # Resolved once only: a schedule read from a file comes here resolved already.
                    entry = attrs.evolve(entry, stage=previous.stage, text=previous.text, unknown=previous.unknown)
            done.append(entry)
        resolved.extend(done)
    return tuple(resolved)


def _reference_title(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            ("title", (f"a reference names a document, not {value!r}", f"参照には文書名が必要（{value!r} ではない）"))
        )


def _reference_when(_instance: object, _attribute: object, value: date | YearMonth | FiscalYear | None) -> None:
    if value is not None and not isinstance(value, date | YearMonth | FiscalYear):
        raise ValidationError(
            (
                "on",
                (
                    f"expected a day, a month or a fiscal year, not {type(value).__name__}",
                    f"日付、年月、年度のいずれかが必要（{type(value).__name__} ではない）",
                ),
            )
        )


@frozen
class Reference:
    """A document a plan or a node refers to, dated where the sheet dates it.

    Sheets refer to other documents by name (第5部-第1 地域福祉の推進), and to
    dated ones: a report to the council (議会報告, 令和元年9月), a revised
    edition (改訂版, 平成30年3月). Plain text stays plain text in
    ``references``; a ``Reference`` adds the date and an address.

    >>> Reference("市民協働推進計画 改訂版", YearMonth(2018, 3)).label
    '市民協働推進計画 改訂版（平成30年3月）'
    """

    title: str = field(validator=_reference_title)
    on: date | YearMonth | FiscalYear | None = field(default=None, validator=_reference_when)
    url: str | None = None

    @property
    def label(self) -> str:
        """The reference as a sheet prints it: its title, then its date in brackets."""
        if self.on is None:
            return self.title
        when = str(self.on) if isinstance(self.on, FiscalYear) else format_wareki(self.on)
        return f"{self.title}（{when}）"


_reference_items = tuple_items_of((str, Reference), "references", ("text or a Reference", "文字列か Reference"))


def _references(values: Iterable[str | Reference]) -> tuple[str | Reference, ...]:
    """References are text, or dated documents."""
    return _reference_items(values)


@frozen
class BudgetLine:
    """A fiscal year's budget (予算額) and settled amount (決算額), in whole yen.

    Documents print these in thousands of yen (単位：千円); :meth:`from_thousands`
    takes them as printed.

    >>> BudgetLine.from_thousands(FiscalYear(2017), budget=9973, settled=9512)
    BudgetLine(fy=FiscalYear(2017), budget=9973000, settled=9512000, note=None)
    """

    fy: FiscalYear = field(validator=_fy("fy"))
    budget: int | None = None
    settled: int | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        for name in ("budget", "settled"):
            value = getattr(self, name)
            if value is not None and (type(value) is not int or value < 0):
                raise ValidationError(
                    (
                        name,
                        (
                            f"must be whole yen (an int of 0 or more), not {value!r}",
                            f"円単位の整数（0 以上）が必要（{value!r}）",
                        ),
                    )
                )

    @classmethod
    def from_thousands(
        cls, fy: FiscalYear, budget: int | None = None, settled: int | None = None, note: str | None = None
    ) -> BudgetLine:
        """A budget line from figures printed in thousands of yen (千円)."""
        return cls(fy, None if budget is None else budget * 1000, None if settled is None else settled * 1000, note)


def _actors(values: Iterable[Actor | str]) -> frozenset[Actor]:
    return frozenset(Actor.read(value, "actors") for value in values)


def _named(values: Any) -> tuple[tuple[str, Any], ...]:
    """Pairs of a name and what is recorded under it, from a mapping or pairs, each name once."""
    pairs = tuple(values.items() if hasattr(values, "items") else values)
    names = [name for name, _value in pairs]
    for name in dict.fromkeys(names):
        if names.count(name) > 1:
            raise ValidationError(("", (f"{name!r} is recorded twice", f"{name!r} が二度記録されている"), "duplicate"))
    return pairs


def _milestones(
    values: Mapping[str, date | YearMonth | FiscalYear] | Iterable[tuple[str, date | YearMonth | FiscalYear]],
) -> tuple[tuple[str, date | YearMonth | FiscalYear], ...]:
    return _named(values)


def _judgments(
    values: Mapping[str, JudgmentRecord] | Iterable[tuple[str, JudgmentRecord]],
) -> tuple[tuple[str, JudgmentRecord], ...]:
    return _named(values)


# Typed per item, where tuple_of would let callers' type checks pass anything, and checked per item,
# so a caller's wrong item is a ValidationError at its index, not an AttributeError further on.
def _indicators(values: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return _INDICATOR_ITEMS(values)


def _evaluations(values: Iterable[Evaluation]) -> tuple[Evaluation, ...]:
    return _EVALUATION_ITEMS(values)


def _budget(values: Iterable[BudgetLine]) -> tuple[BudgetLine, ...]:
    return _BUDGET_ITEMS(values)


def _progress_checks(values: Iterable[ProgressCheck]) -> tuple[ProgressCheck, ...]:
    return _CHECK_ITEMS(values)


def _nodes(values: Iterable[Node]) -> tuple[Node, ...]:
    return _NODE_ITEMS(values)


def _sections(values: Iterable[Node]) -> tuple[Node, ...]:
    return _SECTION_ITEMS(values)


def _bodies(values: Iterable[Body]) -> tuple[Body, ...]:
    return _BODY_ITEMS(values)


def _provenance(values: Iterable[Provenance]) -> tuple[Provenance, ...]:
    return _PROVENANCE_ITEMS(values)


def _check_criterion(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, CRITERION_TYPES):
        raise ValidationError(
            (
                "criterion",
                (
                    f"expected a completion criterion, not {type(value).__name__} {value!r}",
                    f"完了条件が必要（{type(value).__name__} {value!r} が渡された）",
                ),
            )
        )


def _check_number(_instance: object, _attribute: object, value: str) -> None:
    # Numbers may hold "-" as sheets print them (2-1-2, No.52-1); the plan refuses two nodes whose
    # path codes, joined with "-", would read alike.
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            (
                "number",
                (
                    f"a node's number is non-empty text, not {value!r}",
                    f"番号は空でない文字列が必要（{value!r}）",
                ),
            )
        )


def _words(name: str) -> Validator:
    """Each item is non-blank text, given once."""

    def check(_instance: object, _attribute: object, values: tuple[str, ...]) -> None:
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise ValidationError(
                    (
                        f"{name}[{index}]",
                        (f"expected non-blank text, not {value!r}", f"空でない文字列が必要（{value!r}）"),
                    )
                )
            if values.index(value) != index:
                raise ValidationError((name, (f"{value!r} is given twice", f"{value!r} が二度ある"), "duplicate"))

    return check


def _check_indicator_names(indicators: tuple[Indicator, ...]) -> None:
    names = [indicator.name for indicator in indicators]
    for name in names:
        if names.count(name) > 1:
            raise ValidationError(("indicators", (f"{name!r} appears twice", f"{name!r} が二度ある"), "duplicate"))


def _named_indicator(indicators: tuple[Indicator, ...], name: str, where: tuple[str, str]) -> Indicator:
    for indicator in indicators:
        if indicator.name == name:
            return indicator
    raise NotFoundError(name, ("an indicator", "指標"), where, [indicator.name for indicator in indicators])


def _annual_evaluation(evaluations: tuple[Evaluation, ...], fy: FiscalYear) -> Evaluation | None:
    for evaluation in evaluations:
        if evaluation.kind == "annual" and evaluation.fy == fy:
            return evaluation
    _check_year(fy)  # only when none matched: an int year matches none, and would say "no evaluation", silently
    return None


def _check_year(fy: object) -> None:
    """Refuse ``fy`` given to a lookup by year unless it is a FiscalYear, as grade_measure refuses an int year."""
    if not isinstance(fy, FiscalYear):
        raise ValidationError(("fy", not_a(*A_FISCAL_YEAR, fy)))


@frozen(repr=False)
class Measure:
    """A measure (推進項目, 事業): the leaf unit of work of a plan.

    ``number`` is as printed at its level (①, 事業4, No.26). ``lead`` names
    the lead department (● in the document) and must be one of
    ``departments``. ``completion`` is the completion criterion's text
    (完了の目安), or "－" where the document prints that the measure goes on;
    ``criterion`` is the same condition as data that :func:`kyodo.evaluate`
    can check, where it can be written as one.
    """

    number: str = field(validator=_check_number)
    title: str
    kind: MeasureKind | None = field(default=None, converter=_measure_kind)
    departments: tuple[str, ...] = field(default=(), converter=texts_of)
    lead: str | None = None
    actors: frozenset[Actor] = field(default=frozenset(), converter=_actors)
    priority: Priority | None = field(default=None, converter=_priority)
    background: str | None = None
    purpose: str | None = None
    content: str | None = None
    completion: str | None = None
    schedule: tuple[ScheduleEntry, ...] = field(default=(), converter=_resolve_schedule)
    indicators: tuple[Indicator, ...] = field(default=(), converter=_indicators)
    budget: tuple[BudgetLine, ...] = field(default=(), converter=_budget, validator=one_per_year("budget"))
    progress_checks: tuple[ProgressCheck, ...] = field(default=(), converter=_progress_checks)
    evaluations: tuple[Evaluation, ...] = field(default=(), converter=_evaluations)
    references: tuple[str | Reference, ...] = field(default=(), converter=_references)
    notes: tuple[str, ...] = field(default=(), converter=texts_of)
    criterion: Criterion | None = field(default=None, validator=_check_criterion)
    milestones: tuple[tuple[str, date | YearMonth | FiscalYear], ...] = field(default=(), converter=_milestones)
    judgments: tuple[tuple[str, JudgmentRecord], ...] = field(default=(), converter=_judgments)
    #: how it is run, as the sheet marks it (実施形態: 市直営, 一部委託, 市民協働, 指定管理), in its words
    delivery: tuple[str, ...] = field(default=(), converter=texts_of, validator=_words("delivery"))

    def __attrs_post_init__(self) -> None:
        if not self.title.strip():
            raise ValidationError(("title", ("a measure needs a title", "事業には題名が必要")))
        if self.lead is not None and self.lead not in self.departments:
            raise ValidationError(
                (
                    "lead",
                    (
                        f"{self.lead!r} is not one of the departments {list(self.departments)}",
                        f"{self.lead!r} は担当課 {list(self.departments)} のいずれでもない",
                    ),
                    "unknown_label",
                )
            )
        if len(set(self.departments)) != len(self.departments):
            raise ValidationError(
                ("departments", ("a department is listed twice", "同じ担当課が二度ある"), "duplicate")
            )
        _check_indicator_names(self.indicators)
        checks = [(check.fy, check.half) for check in self.progress_checks]
        # By the years' hashes first: counting each check among the others compares years pair by pair.
        for fy, half in checks if len(set(checks)) != len(checks) else ():
            if checks.count((fy, half)) > 1:
                raise ValidationError(
                    (
                        "progress_checks",
                        (
                            f"half {half} of {fy} is checked twice",
                            f"{fy}{'上' if half == 1 else '下'}半期（{half}）の確認が二度ある",
                        ),
                        "duplicate",
                    )
                )

    def __repr__(self) -> str:
        return f"Measure({self.number!r}, {self.title!r}, indicators={len(self.indicators)})"

    def _repr_html_(self) -> str:
        from kyodo import _html

        return _html.measure(self)

    def stage(self, fy: FiscalYear) -> Stage | None:
        """The stage planned for ``fy`` (→ resolved, spans included) in the schedule's first row, or ``None``."""
        entry = self.schedule_cell(fy)
        return None if entry is None else entry.stage

    def schedule_cell(self, fy: FiscalYear, row: str | None = None) -> ScheduleEntry | None:
        """The schedule's cell that covers ``fy`` in ``row`` (by default the first row), or ``None``."""
        if type(fy) is not FiscalYear:
            _check_year(fy)
        if row is None and self.schedule:
            row = self.schedule[0].row
        return next((entry for entry in self.schedule if entry.row == row and entry.covers(fy)), None)

    def indicator(self, name: str) -> Indicator:
        """The indicator called ``name``; a :class:`~kyodo.NotFoundError` (a KeyError) listing those there are if none is.

        >>> from kyodo import Indicator
        >>> Measure("1", "協働の推進", indicators=[Indicator("協働事業数", "件")]).indicator("事業数")
        Traceback (most recent call last):
        kyodo.errors.NotFoundError: no indicator '事業数' in measure '1'; it has '協働事業数'
        """
        return _named_indicator(self.indicators, name, (f"measure {self.number!r}", f"事業 {self.number!r}"))

    def evaluation(self, fy: FiscalYear) -> Evaluation | None:
        """The annual evaluation of ``fy``, or ``None``."""
        return _annual_evaluation(self.evaluations, fy)


@frozen
class Relisting:
    """A measure listed again under another section (再掲): a reference to it, never a copy.

    ``code`` is the original's path code; the plan checks that it exists.
    """

    number: str = field(validator=_check_number)
    code: str
    note: str | None = None


@frozen(repr=False)
class Section:
    """A section of a plan (推進方針, 施策, 部 …): a number, a title, and children in document order.

    Sheets also print figures on a section itself: a 施策's own indicators
    (成果指標) and the grades it got (施策評価 A). ``indicators`` and
    ``evaluations`` hold them, as a measure's do; reports show and grade them
    under the section's heading.
    """

    number: str = field(validator=_check_number)
    title: str
    children: tuple[Node, ...] = field(default=(), converter=_nodes)
    description: str | None = None
    references: tuple[str | Reference, ...] = field(default=(), converter=_references)
    notes: tuple[str, ...] = field(default=(), converter=texts_of)
    indicators: tuple[Indicator, ...] = field(default=(), converter=_indicators)
    evaluations: tuple[Evaluation, ...] = field(default=(), converter=_evaluations)

    def __attrs_post_init__(self) -> None:
        _check_children(self.children, "children")
        _check_indicator_names(self.indicators)

    def __repr__(self) -> str:
        own = f", indicators={len(self.indicators)}" if self.indicators else ""
        return f"Section({self.number!r}, {self.title!r}, children={len(self.children)}{own})"

    def indicator(self, name: str) -> Indicator:
        """The section's own indicator called ``name``; a :class:`~kyodo.NotFoundError` (a KeyError) if none is."""
        return _named_indicator(self.indicators, name, (f"section {self.number!r}", f"施策 {self.number!r}"))

    def evaluation(self, fy: FiscalYear) -> Evaluation | None:
        """The section's own annual evaluation of ``fy``, or ``None``."""
        return _annual_evaluation(self.evaluations, fy)

    def as_measure(self) -> Measure:
        """The section's own figures as a measure of the same number and title, to grade or report them.

        >>> from kyodo import Indicator
        >>> section = Section("Ⅲ9", "安全・安心", indicators=[Indicator("刑法犯認知件数", "件", "decrease")])
        >>> section.as_measure()
        Measure('Ⅲ9', '安全・安心', indicators=1)
        """
        return Measure(self.number, self.title, indicators=self.indicators, evaluations=self.evaluations)


#: A node of a plan's tree.
Node: TypeAlias = Section | Measure | Relisting


def _check_children(children: tuple[Node, ...], name: str) -> None:
    numbers: set[str] = set()
    for index, child in enumerate(children):
        if not isinstance(child, Section | Measure | Relisting):
            raise ValidationError(
                (
                    f"{name}[{index}]",
                    (
                        f"expected a Section, Measure or Relisting, not {type(child).__name__}",
                        f"Section、Measure、Relisting のいずれかが必要（{type(child).__name__} が渡された）",
                    ),
                )
            )
        key = _code_key(child.number)
        if key in numbers:
            raise ValidationError(
                (
                    f"{name}[{index}]",
                    (f"number {child.number!r} appears twice", f"番号 {child.number!r} が二度ある"),
                    "duplicate",
                )
            )
        numbers.add(key)


#: What _code_key changes in a code: a full-width ASCII character, or a space.
_FOLDED: Final = re.compile(r"[！-～\s]")


def _code_key(code: str) -> str:
    """A code as compared for lookup: full-width ASCII folded, spaces removed; ①, Ⅰ kept."""
    if _FOLDED.search(code) is None:
        return code  # the usual code, with nothing to fold or remove (a plan looks up every node's, as it is built)
    folded = "".join(unicodedata.normalize("NFKC", char) if "！" <= char <= "～" else char for char in code)
    return re.sub(r"\s+", "", folded)


def _era(value: Era | str | None) -> Era | None:
    if value is None or isinstance(value, Era):
        return value
    if isinstance(value, str):
        try:
            return Era.named(value)
        except ParseError as error:
            raise ValidationError(("era", error.coded)) from None
    raise ValidationError(
        (
            "era",
            (
                f"expected an era (平成, H) or None, not {type(value).__name__}",
                f"元号（平成、H）か None が必要（{type(value).__name__} ではない）",
            ),
            "not_text",
        )
    )


class Source(LabelledEnum):
    """Where a figure or a word in a plan file came from."""

    #: as the sheet prints it
    PRINTED = "printed", "記載どおり", "as printed"
    #: not printed; the file's reading of what the sheet implies (a year lost in the layout)
    INFERRED = "inferred", "推定", "inferred"
    #: printed otherwise; the file corrects an evident misprint, and says what was printed
    CORRECTED = "corrected", "訂正", "corrected"
    #: read from a cell of a spreadsheet by ``kyodo.read_sheet``; ``cell`` names it
    SHEET = "sheet", "シート", "from a sheet"


def _source(value: Source | str) -> Source:
    return Source.read(value, "source")


def _field_path(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip() or value.startswith(".") or value.endswith("."):
        raise ValidationError(
            (
                "field",
                (
                    f"a field is a key, or keys joined by '.' (targets.H31), not {value!r}",
                    f"項目はキー、または '.' でつないだキー（targets.H31）（{value!r} ではない）",
                ),
            )
        )


def _cell_address(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or _CELL_ADDRESS.fullmatch(value) is None):
        raise ValidationError(
            (
                "cell",
                (
                    f"a cell is a sheet's name, '!' and a cell's address (評価シート!F12), not {value!r}",
                    f"セルはシート名、'!'、セル番地（評価シート!F12）で書く（{value!r} ではない）",
                ),
            )
        )


#: A cell's address as kyodo writes it: the sheet's name as it is, '!', the column's letters and the row.
_CELL_ADDRESS: Final = re.compile(r"[^\n]{1,200}![A-Z]{1,3}[1-9][0-9]{0,6}")


@frozen
class Provenance:
    """Where one field of a plan file came from: printed, inferred, corrected or read from a sheet, and why.

    A sheet's layout loses things (which year's column holds the one
    target), and sheets misprint; a file that encodes them says so here
    rather than in prose. ``node`` is the path code of a section or a
    measure, ``indicator`` one of its indicators' names where the field is
    an indicator's, and ``field`` the key as the file writes it, with a
    year after a dot for a table keyed by year (``targets.平成31年度``).
    ``cell`` is the spreadsheet cell the value was read from
    (``評価シート!F12``), for the source ``sheet``.

    >>> Provenance("611-p.47", "targets.H31", "inferred", indicator="協働関係研修受講者数").source.label
    '推定'
    >>> Provenance("No.26", "actuals.H27", "sheet", indicator="まちづくりセンター数", cell="進行管理シート!E12").cell
    '進行管理シート!E12'
    """

    node: str = field(validator=_check_number)
    field: str = attrs.field(validator=_field_path)
    source: Source = attrs.field(converter=_source)
    indicator: str | None = None
    note: str | None = None
    cell: str | None = attrs.field(default=None, validator=_cell_address)

    @property
    def key(self) -> str:
        """The field's first key (targets for targets.平成31年度)."""
        return self.field.split(".", 1)[0]

    @property
    def year(self) -> str | None:
        """What follows the first key (平成31年度 for targets.平成31年度), or None."""
        parts = self.field.split(".", 1)
        return parts[1] if len(parts) == 2 else None


def _field_key(path: str, era: Era | None) -> tuple[str, FiscalYear | str | None]:
    """A field path with its year read, so that targets.H31 and targets.平成31年度 are one key."""
    head, _dot, rest = path.partition(".")
    if not rest:
        return head, None
    try:
        return head, FiscalYear.parse(rest, era)
    except ParseError:
        return head, rest


#: The keys of a table keyed by fiscal year, where a provenance may name a year.
_BY_YEAR: Final = {"targets", "actuals", "schedule", "budget", "evaluations", "progress_checks"}


def _provenance_problem(entry: Provenance, node: Node | None, era: Era | None) -> Message | None:
    """Why ``entry`` names nothing in the plan, or None."""
    if node is None or isinstance(node, Relisting):
        return (f"no section or measure {entry.node!r}", f"セクションや事業 {entry.node!r} がない")
    owner: Section | Measure | Indicator = node
    if entry.indicator is not None:
        found = next((indicator for indicator in node.indicators if indicator.name == entry.indicator), None)
        if found is None:
            return (
                f"{entry.node!r} has no indicator {entry.indicator!r}",
                f"{entry.node!r} に指標 {entry.indicator!r} がない",
            )
        owner = found
    names = {attribute.alias or attribute.name for attribute in attrs.fields(type(owner)) if attribute.init}
    names.discard("no_figures")  # an indicator's words for its actuals are in its actuals table
    if entry.key not in names:
        return (
            f"{entry.key!r} is not a field of {type(owner).__name__}; expected one of {sorted(names)}",
            f"{entry.key!r} は {type(owner).__name__} の項目ではない。{sorted(names)} のいずれか",
        )
    if entry.year is not None and isinstance(owner, Indicator) and entry.key == "undated_targets":
        if not any(target.when == entry.year for target in owner.undated_targets):
            return (f"undated_targets has no {entry.year!r}", f"undated_targets に {entry.year!r} がない")
        return None
    if entry.year is not None:
        if entry.key not in _BY_YEAR:
            return (f"{entry.key!r} is not keyed by year", f"{entry.key!r} は年度ごとの表ではない")
        try:
            fy = FiscalYear.parse(entry.year, era)
        except ParseError as error:
            return error.coded
        entries = getattr(owner, entry.key)
        if isinstance(owner, Indicator) and entry.key == "actuals":
            entries = (*entries, *owner.no_figures)
        if not any(item.fy == fy or (hasattr(item, "covers") and item.covers(fy)) for item in entries):
            return (f"{entry.key} has no {fy}", f"{entry.key} に {fy} がない")
    return None


@frozen(repr=False)
class Plan:
    """A plan: title, municipality, period, the names of its levels, and its tree.

    ``levels`` names the tree's levels from the top (推進方針, 推進施策,
    推進項目). ``published`` is the day or month the plan was published.
    ``bodies`` are the community bodies the plan supports. ``notes`` say what
    the source document held that the model could not place. ``references``
    are the documents the plan refers to or was revised by (改訂版, 議会報告),
    dated where printed. ``provenance`` says which fields the file inferred
    or corrected rather than copied (:class:`Provenance`). ``era`` is the
    era the document means by a year printed without one (21年度): in a plan
    file, ``era = "平成"`` lets every fiscal year in the file be written as
    the sheet prints it.
    """

    title: str
    municipality: str
    period: FiscalYearRange
    levels: tuple[str, ...] = field(default=(), converter=texts_of)
    sections: tuple[Node, ...] = field(default=(), converter=_sections)
    published: date | YearMonth | None = None
    bodies: tuple[Body, ...] = field(default=(), converter=_bodies)
    source: str | None = None
    notes: tuple[str, ...] = field(default=(), converter=texts_of)
    era: Era | None = field(default=None, converter=_era)
    references: tuple[str | Reference, ...] = field(default=(), converter=_references)
    provenance: tuple[Provenance, ...] = field(default=(), converter=_provenance)
    _index: dict[str, Node] = field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.period, FiscalYearRange):
            raise ValidationError(
                (
                    "period",
                    (
                        f"expected a FiscalYearRange, not {type(self.period).__name__}",
                        f"FiscalYearRange が必要（{type(self.period).__name__} が渡された）",
                    ),
                )
            )
        _check_children(self.sections, "sections")
        index: dict[str, Node] = {}
        problems: list[Problem] = []
        paths: dict[str, str] = {}
        for path, code, node, depth in _walk(self.sections, "sections", (), 0):
            key = _code_key(code)
            if key in index:
                problems.append(
                    (
                        path,
                        (
                            f"its code {code!r} reads the same as that of {paths[key]}: numbers with '-' make"
                            " codes alike; renumber one of them",
                            f"コード {code!r} が {paths[key]} のコードと同じに読める。'-' を含む番号でコードが重なるので、どちらかの番号を変える",
                        ),
                        "duplicate",
                    )
                )
                continue
            index[key] = node
            paths[key] = path
            if self.levels and depth >= len(self.levels):
                problems.append(
                    (
                        path,
                        (
                            f"is at depth {depth + 1}, below the plan's {len(self.levels)} levels",
                            f"深さ {depth + 1} にあり、計画の {len(self.levels)} 階層より下",
                        ),
                        "out_of_range",
                    )
                )
        for path, _code, node, _depth in _walk(self.sections, "sections", (), 0):
            if isinstance(node, Relisting) and not isinstance(index.get(_code_key(node.code)), Measure):
                problems.append(
                    (
                        path,
                        (
                            f"re-lists {node.code!r}, which is not a measure of this plan",
                            f"{node.code!r} を再掲しているが、この計画の事業ではない",
                        ),
                        "dangling_reference",
                    )
                )
        for position, entry in enumerate(self.provenance):
            if not isinstance(entry, Provenance):
                problems.append((f"provenance[{position}]", ("expected a Provenance", "Provenance が必要")))
                continue
            problem = _provenance_problem(entry, index.get(_code_key(entry.node)), self.era)
            if problem is not None:
                problems.append((f"provenance[{position}]", problem, code_of(problem, "dangling_reference")))
        if problems:
            raise ValidationError(*problems)
        # A number printed only once in the whole plan (No.26, 事業4) finds its node on its own.
        by_number: dict[str, list[Node]] = {}
        for _code, node in self.walk():
            by_number.setdefault(_code_key(node.number), []).append(node)
        for key, nodes in by_number.items():
            if len(nodes) == 1:
                index.setdefault(key, nodes[0])
        object.__setattr__(self, "_index", index)

    def __repr__(self) -> str:
        measures = sum(1 for _ in self.measures())
        return f"Plan({self.title!r}, {self.municipality!r}, {str(self.period)!r}, measures={measures})"

    def _repr_html_(self) -> str:
        from kyodo import _html

        return _html.plan(self)

    def walk(self) -> Iterator[tuple[str, Node]]:
        """Every node with its path code, in document order (a section before its children)."""
        for _path, code, node, _depth in _walk(self.sections, "sections", (), 0):
            yield code, node

    def tree(self) -> Iterator[tuple[str, Node, int]]:
        """Every node with its path code and its depth (0 at the top), in document order.

        The depth is the node's level in the tree: a number may itself hold "-" (2-1-2),
        so the count of "-" in a path code does not say it.
        """
        for _path, code, node, depth in _walk(self.sections, "sections", (), 0):
            yield code, node, depth

    def measures(self) -> Iterator[Measure]:
        """Every measure in document order; re-listings are not measures and are skipped."""
        for _code, node in self.walk():
            if isinstance(node, Measure):
                yield node

    def indicators(self) -> Iterator[tuple[str, Section | Measure, Indicator]]:
        """Every indicator with the code and node that hold it, sections' own ones included, in document order."""
        for code, node in self.walk():
            if isinstance(node, Section | Measure):
                for indicator in node.indicators:
                    yield code, node, indicator

    def provenance_of(self, node: str, field: str, indicator: str | None = None) -> Provenance | None:
        """Where the file says ``field`` of ``node`` (or of its ``indicator``) came from, or None (printed).

        A year in ``field`` matches however it is written (targets.H31, targets.平成31年度).
        """
        key, wanted = _code_key(node), _field_key(field, self.era)
        for entry in self.provenance:
            if (
                _code_key(entry.node) == key
                and entry.indicator == indicator
                and _field_key(entry.field, self.era) == wanted
            ):
                return entry
        return None

    def find(self, code: str) -> Node:
        """The node whose path code is ``code`` (Ⅰ-(2)-⑦); full-width brackets and digits match too.

        A code the plan does not hold is a :class:`~kyodo.NotFoundError` (a
        KeyError) that lists the closest codes there are; a code that is not
        text, a :class:`~kyodo.ValidationError`.

        >>> from kyodo import FiscalYearRange
        >>> plan = Plan("計画", "市", FiscalYearRange(FiscalYear(2015), FiscalYear(2019)),
        ...             sections=[Section("Ⅰ", "協働", children=[Measure("1", "啓発"), Measure("2", "人材育成")])])
        >>> plan.find("Ⅰ-3")
        Traceback (most recent call last):
        kyodo.errors.NotFoundError: no node 'Ⅰ-3' in plan '計画'; it has 'Ⅰ', 'Ⅰ-1', 'Ⅰ-2'
        """
        if not isinstance(code, str):
            raise ValidationError(
                ("code", not_a("a path code as text ('Ⅰ-1', say)", "パスの符号（文字列）", code, "not_text"))
            )
        node = self._index.get(_code_key(code))
        if node is None:
            raise self._not_found(code)
        return node

    def resolve(self, node: Node) -> Section | Measure:
        """The measure a re-listing refers to; any other node is returned as it is."""
        if isinstance(node, Relisting):
            target = self._index[_code_key(node.code)]
            assert isinstance(target, Measure)
            return target
        return node

    def code_of(self, node: Node) -> str:
        """The path code of ``node`` (it must be in this plan's tree)."""
        for code, candidate in self.walk():
            if candidate is node:
                return code
        raise self._not_found(node)

    def level_of(self, node: Node) -> str | None:
        """The plan's name for the level ``node`` is at, if the plan names its levels."""
        for _path, _code, candidate, depth in _walk(self.sections, "sections", (), 0):
            if candidate is node:
                return self.levels[depth] if depth < len(self.levels) else None
        raise self._not_found(node)

    def _not_found(self, node: object) -> NotFoundError:
        """The error of a lookup of ``node`` (a code, or a node itself) that this plan does not hold."""
        where = (f"plan {self.title!r}", f"計画 {self.title!r}")
        return NotFoundError(node, ("a node", "節・事業"), where, [path for path, _ in self.walk()])


def _walk(
    nodes: tuple[Node, ...], path: str, codes: tuple[str, ...], depth: int
) -> Iterator[tuple[str, str, Node, int]]:
    for index, node in enumerate(nodes):
        node_path = f"{path}[{index}]"
        node_codes = (*codes, node.number)
        yield node_path, "-".join(node_codes), node, depth
        if isinstance(node, Section):
            yield from _walk(node.children, f"{node_path}.children", node_codes, depth + 1)


# The item checks of the converters above, made once the classes they name exist.
_INDICATOR_ITEMS: Final = tuple_items_of(Indicator, "indicators")
_EVALUATION_ITEMS: Final = tuple_items_of(Evaluation, "evaluations")
_BUDGET_ITEMS: Final = tuple_items_of(BudgetLine, "budget")
_CHECK_ITEMS: Final = tuple_items_of(ProgressCheck, "progress_checks")
_NODE_KINDS: Final = (Section, Measure, Relisting)
_NODE_WORDS: Final = ("a Section, Measure or Relisting", "Section、Measure か Relisting")
_NODE_ITEMS: Final = tuple_items_of(_NODE_KINDS, "children", _NODE_WORDS)
_SECTION_ITEMS: Final = tuple_items_of(_NODE_KINDS, "sections", _NODE_WORDS)
_BODY_ITEMS: Final = tuple_items_of(Body, "bodies")
_PROVENANCE_ITEMS: Final = tuple_items_of(Provenance, "provenance")
