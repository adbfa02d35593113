"""What cities record about a measure's progress: half-year checks and evaluations with grades.

Grades here are recorded data, as the evaluator wrote them; computing a
grade from indicators is the grading engine's work, and the two are kept
side by side, never one replacing the other.

Seed 000 (Niigata, No.26) records, for each fiscal year, a check of the first
half made each October and an evaluation after the year ends:

>>> from datetime import date
>>> from kyodo import FiscalYear
>>> check = ProgressCheck(FiscalYear(2015), 1, "進捗に遅れあり", "上半期に開設したまちづくりセンターはない")
>>> check.status.value, check.status.label, check.status.label_en
('behind', '進捗に遅れあり', 'behind schedule')
>>> evaluation = Evaluation("annual", FiscalYear(2015), grade="B", assessment="設置数については目標を達成した。しかし、区によって設置数に差が出た。")
>>> evaluation.kind.label, evaluation.grade
('年度評価', 'B')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import ClassVar, Final

from attrs import field, frozen

from kyodo._checks import check_int, instance_of
from kyodo._labels import LabelledEnum
from kyodo._limits import label_problem, quotable
from kyodo.errors import ValidationError
from kyodo.fiscal import FiscalHalf, FiscalYear

__all__ = [
    "Evaluation",
    "EvaluationKind",
    "Evaluator",
    "EvaluatorKind",
    "ProgressCheck",
    "ProgressStatus",
]


def _status_text(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            (
                name,
                (
                    f"a progress status is a word, not {quotable(value)!r}",
                    f"進捗状況は語（{quotable(value)!r} ではない）",
                ),
                "not_text",
            )
        )
    problem = label_problem(value)
    if problem is not None:
        raise ValidationError((name, problem))
    return value.strip()


@frozen(order=False)
class ProgressStatus:
    """A progress status a check records: the word files write, and its Japanese and English labels.

    The vocabulary is open, as cities' sheets are: the statuses kyodo knows
    (:meth:`known`) are read from their value or either label, and any other
    word (取組中, ◎, 廃止予定) is a status of its own, labelled by itself:

    >>> ProgressStatus.read("概ね順調") is ProgressStatus.MOSTLY_ON_TRACK
    True
    >>> ProgressStatus.read("やや遅れている").label_en
    'slightly behind'
    >>> ProgressStatus.read("◎")
    ProgressStatus(value='◎', label='◎', label_en='◎')
    """

    value: str
    label: str = ""
    label_en: str = ""

    ON_TRACK: ClassVar[ProgressStatus]
    MOSTLY_ON_TRACK: ClassVar[ProgressStatus]
    BEHIND: ClassVar[ProgressStatus]
    NOT_STARTED: ClassVar[ProgressStatus]
    COMPLETED: ClassVar[ProgressStatus]
    AS_PLANNED: ClassVar[ProgressStatus]
    MOSTLY_AS_PLANNED: ClassVar[ProgressStatus]
    SLIGHTLY_BEHIND: ClassVar[ProgressStatus]
    DELAYED: ClassVar[ProgressStatus]
    IN_PROGRESS: ClassVar[ProgressStatus]
    ENDED: ClassVar[ProgressStatus]
    ABOLISHED: ClassVar[ProgressStatus]

    def __attrs_post_init__(self) -> None:
        value = _status_text(self.value, "status")
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "label", _status_text(self.label, "label") if self.label else value)
        object.__setattr__(self, "label_en", _status_text(self.label_en, "label_en") if self.label_en else value)

    def __str__(self) -> str:
        return self.value

    @classmethod
    def known(cls) -> tuple[ProgressStatus, ...]:
        """The statuses kyodo knows by name."""
        return _KNOWN

    @classmethod
    def read(cls, value: object, name: str = "") -> ProgressStatus:
        """The status ``value`` names: a known one by its value or either label, else a status of its own."""
        if isinstance(value, ProgressStatus):
            return value
        text = _status_text(value, name)
        found = _BY_WORD.get(text) or _BY_WORD.get(text.casefold())
        return found if found is not None else cls(text)


_KNOWN: Final = (
    ProgressStatus("on_track", "順調", "on track"),
    ProgressStatus("mostly_on_track", "概ね順調", "mostly on track"),
    ProgressStatus("behind", "進捗に遅れあり", "behind schedule"),
    ProgressStatus("not_started", "未着手", "not started"),
    ProgressStatus("completed", "完了", "completed"),
    ProgressStatus("as_planned", "計画通り", "as planned"),
    ProgressStatus("mostly_as_planned", "概ね計画通り", "mostly as planned"),
    ProgressStatus("slightly_behind", "やや遅れ", "slightly behind"),
    ProgressStatus("delayed", "遅れ", "delayed"),
    ProgressStatus("in_progress", "取組中", "in progress"),
    ProgressStatus("ended", "事業終了", "project ended"),
    ProgressStatus("abolished", "廃止", "abolished"),
)
(
    ProgressStatus.ON_TRACK,
    ProgressStatus.MOSTLY_ON_TRACK,
    ProgressStatus.BEHIND,
    ProgressStatus.NOT_STARTED,
    ProgressStatus.COMPLETED,
    ProgressStatus.AS_PLANNED,
    ProgressStatus.MOSTLY_AS_PLANNED,
    ProgressStatus.SLIGHTLY_BEHIND,
    ProgressStatus.DELAYED,
    ProgressStatus.IN_PROGRESS,
    ProgressStatus.ENDED,
    ProgressStatus.ABOLISHED,
) = _KNOWN
#: Other words sheets print for the known statuses.
_ALIASES: Final = {
    "計画どおり": ProgressStatus.AS_PLANNED,
    "概ね計画どおり": ProgressStatus.MOSTLY_AS_PLANNED,
    "おおむね順調": ProgressStatus.MOSTLY_ON_TRACK,
    "やや遅れている": ProgressStatus.SLIGHTLY_BEHIND,
    "遅れている": ProgressStatus.DELAYED,
    "取組み中": ProgressStatus.IN_PROGRESS,
    "取り組み中": ProgressStatus.IN_PROGRESS,
}
_BY_WORD: Final[dict[str, ProgressStatus]] = {
    **{word: status for status in _KNOWN for word in (status.value, status.label, status.label_en.casefold())},
    **_ALIASES,
}


class EvaluationKind(LabelledEnum):
    """When an evaluation is made: after a fiscal year, mid-way through the plan, or at its end."""

    ANNUAL = "annual", "年度評価", "annual evaluation"
    MID_TERM = "mid_term", "中間評価", "mid-term evaluation"
    PLAN_PERIOD = "plan_period", "計画期間の評価", "plan-period evaluation"


class EvaluatorKind(LabelledEnum):
    """Who evaluated: the department itself, a council, a committee, or another body (named beside it)."""

    SELF = "self", "自己評価", "self-evaluation"
    COUNCIL = "council", "審議会評価", "council"
    COMMITTEE = "committee", "委員会評価", "committee"
    OTHER = "other", "その他", "other"


def _evaluator_kind(value: EvaluatorKind | str) -> EvaluatorKind:
    return EvaluatorKind.read(value, "kind")


def _progress_status(value: ProgressStatus | str) -> ProgressStatus:
    return ProgressStatus.read(value, "status")


def _evaluation_kind(value: EvaluationKind | str) -> EvaluationKind:
    return EvaluationKind.read(value, "kind")


@frozen
class Evaluator:
    """Who made an evaluation: a kind, and the body's name where the document gives it.

    >>> Evaluator("other", "政策会議").kind.label_en  # seed 003 (Tokorozawa)
    'other'
    """

    kind: EvaluatorKind = field(converter=_evaluator_kind)
    name: str | None = None


_check_fy = instance_of(FiscalYear, "fy")


def _check_half(_instance: object, _attribute: object, value: int) -> None:
    check_int("half", value, 1, 2)


@frozen
class ProgressCheck:
    """A half-year progress check (進捗管理): the fiscal year, the half, the status and the note.

    ``half`` is 1 for 上半期 (April–September), 2 for 下半期.
    """

    fy: FiscalYear = field(validator=_check_fy)
    half: int = field(validator=_check_half)
    status: ProgressStatus = field(converter=_progress_status)
    note: str | None = None

    @property
    def period(self) -> FiscalHalf:
        """The half year checked."""
        return FiscalHalf(self.fy, self.half)


def _axes(values: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Grades on named axes, from a mapping or pairs: each name once, names and grades non-blank text."""
    pairs = tuple(values.items() if isinstance(values, Mapping) else values)
    seen: set[str] = set()
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(p, str) and p.strip() for p in pair)):
            raise ValidationError(
                (
                    "axes",
                    (
                        f"an axis and its grade are two non-blank texts, not {quotable(pair)!r}",
                        f"軸と評定は空でない二つの文字列（{quotable(pair)!r} ではない）",
                    ),
                )
            )
        if pair[0] in seen:
            raise ValidationError(
                ("axes", (f"the axis {pair[0]!r} is graded twice", f"軸 {pair[0]!r} の評定が二つある"), "duplicate")
            )
        seen.add(pair[0])
    return pairs


@frozen
class Evaluation:
    """An evaluation with its recorded grade.

    ``kind`` says when it was made. For an annual evaluation (年度評価,
    made after the year ends) ``fy`` is the year evaluated; for a mid-term
    or plan-period evaluation it is the year the evaluation was made in, if
    the document says. ``outlook`` holds what the document says of the years
    after (平成29年度以降 …). ``axes`` holds grades a sheet prints on named
    axes, beside or instead of one ``grade``: 産出指標 A, 成果指標 A, 市民満足 C.

    >>> Evaluation("annual", FiscalYear(2018), axes={"成果指標": "A", "市民満足": "C"}).axes
    (('成果指標', 'A'), ('市民満足', 'C'))
    """

    kind: EvaluationKind = field(converter=_evaluation_kind)
    fy: FiscalYear | None = None
    grade: str | None = None
    assessment: str | None = None
    issues: str | None = None
    outlook: str | None = None
    written_on: date | None = None
    evaluator: Evaluator | None = None
    axes: tuple[tuple[str, str], ...] = field(default=(), converter=_axes)

    def __attrs_post_init__(self) -> None:
        if self.fy is not None and not isinstance(self.fy, FiscalYear):
            raise ValidationError(
                (
                    "fy",
                    (
                        f"expected a FiscalYear, not {type(self.fy).__name__} {self.fy!r}",
                        f"FiscalYear が必要（{type(self.fy).__name__} {self.fy!r} が渡された）",
                    ),
                )
            )
        if self.kind is EvaluationKind.ANNUAL and self.fy is None:
            raise ValidationError(
                ("fy", ("an annual evaluation needs the fiscal year it evaluates", "年度評価には評価する年度が必要"))
            )
        if self.grade is not None and not self.grade.strip():
            raise ValidationError(
                ("grade", ("a grade, when given, cannot be blank", "評定を指定するなら空白にはできない"))
            )
