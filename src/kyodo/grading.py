"""Grading schemes: the legend a city sets, as data, and the grades it gives.

A :class:`GradingScheme` lists its grades best first. Each grade holds the
bands of the rate that lead to it, written as legends print them
(``"80%以上110%未満"``, ``">= 110%"``, ``"otherwise"``). A scheme may also
give a grade by the half-year progress status, or when a year has no numeric
target. A scheme whose bands leave a gap, overlap, run the wrong way or leave
a grade unreachable is refused when built, with the reason.

The rate graded is the scheme's :class:`Basis`: the achievement rate
(達成率, the default), the progress rate from the baseline, or the pace
against a pro-rata share of the final target.

>>> scheme = GradingScheme("example", [
...     Grade("A", bands=[">= 100%"]),
...     Grade("B", bands=["80%以上100%未満"]),
...     Grade("C", bands=["60%以上80%未満"]),
...     Grade("D", bands=["otherwise"]),
... ])
>>> from fractions import Fraction
>>> result = scheme.grade(Fraction(48, 50))
>>> result.label
'B'
>>> print(result.explanation.text("en"))
B: achievement 96.0% is below 100.0%, the lower bound of A, and at or above 80.0%, the lower bound of B
>>> GradingScheme("gap", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["< 90%"])])
Traceback (most recent call last):
kyodo.errors.ValidationError: grades: no grade covers rates from 90% (included) to 100% (excluded)
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, Final

import attrs
from attrs import field, frozen

from kyodo import _result_data
from kyodo._bands import BandBounds, format_band, format_number, format_rate, parse_band_unit
from kyodo._labels import LabelledEnum
from kyodo._limits import MAX_LABEL_CHARS, number_problem
from kyodo.bases import (
    Achievement,
    BasisRule,
    Figures,
    FigureUnit,
    Reading,
    Unread,
    _Found,
    _OnDemand,
    _reading_of,
    basis_from_data,
)
from kyodo.errors import Coded, KyodoError, ValidationError
from kyodo.evaluations import ProgressStatus
from kyodo.explain import Explanation
from kyodo.fiscal import FiscalYear
from kyodo.indicators import (
    Direction,
    Indicator,
    _decimal,
    _number_error,
    format_percent,
)
from kyodo.plan import Measure, Plan, Section
from kyodo.results import GradeData, GradeHow, MeasureGradeData, TwoAxisGradeData

__all__ = [
    "Band",
    "Basis",
    "Case",
    "Combine",
    "Condition",
    "Grade",
    "GradeResult",
    "GradingScheme",
    "MeasureGrade",
    "Points",
    "Trend",
    "TwoAxis",
    "TwoAxisGrade",
    "grade_distribution",
    "grade_measure",
    "grade_two_axes",
    "preset",
    "preset_names",
    "trend",
]


@functools.cache
def preset_names() -> tuple[str, ...]:
    """The names of the grading schemes kyodo ships, each following a published legend.

    >>> preset_names()[:4]
    ('fuji-interim', 'fukuoka-2018', 'fukuoka-2018-survey', 'ino-2017')
    """
    return tuple(sorted(stem for stem in _preset_files() if _VERSION_MARK not in stem))


def preset(name: str, version: int | None = None) -> GradingScheme:
    """A grading scheme kyodo ships; each file cites the document it follows (see :func:`preset_names`).

    Each preset carries a ``version``, which changes whenever what the preset
    gives for some figure changes; a version once shipped stays available.
    ``version`` (or ``name@version`` in the name, as a command line or a
    stored setting writes it) asks for that version, and refuses one kyodo
    does not have; without it, the current version is given.

    Each is read from its file once: a scheme is frozen, all the way down, so
    every call for a name gives the same one.

    >>> scheme = preset("osaka-pref-library-2016")
    >>> scheme.grade_label(Fraction(24, 25)), scheme.source.split(":")[0], scheme.version
    ('B', '大阪府立図書館 評価基準 2016', 1)
    >>> preset("nagayo-2019", version=1) is preset("nagayo-2019@1") is preset("nagayo-2019")
    True
    >>> preset("nagayo-2019@2")
    Traceback (most recent call last):
    kyodo.errors.ValidationError: version: nagayo-2019 has no version 2; it has version 1
    """
    if not isinstance(name, str):
        raise ValidationError(
            ("name", _not_a("a preset's name (text)", "プリセットの名前（文字列）", name), "not_text")
        )
    if _VERSION_MARK in name and version is None:
        name, _mark, number = name.rpartition(_VERSION_MARK)
        if not number.isascii() or not number.isdigit():
            raise ValidationError(
                (
                    "version",
                    (
                        f"the version after {_VERSION_MARK} is a whole number, not {number!r}",
                        f"{_VERSION_MARK} の後の版は整数（{number!r} ではない）",
                    ),
                    "not_a_number",
                )
            )
        version = int(number)
    if version is not None and type(version) is not int:
        raise ValidationError(("version", _not_a("a version as an int (1)", "版の整数（1）", version), "not_a_number"))
    names = preset_names()
    if name not in names:
        raise ValidationError(
            (
                "name",
                (
                    f"{name!r} is not a preset; expected one of {', '.join(names)}",
                    f"{name!r} というプリセットはない。{'、'.join(names)} のいずれか",
                ),
                "unknown_label",
            )
        )
    current = _read_preset(name)
    if version is None or version == current.version:
        return current
    if f"{name}{_VERSION_MARK}{version}" in _preset_files():
        return _read_preset(f"{name}{_VERSION_MARK}{version}")
    kept = sorted({current.version or 0, *_kept_versions(name)})
    listed = ", ".join(map(str, kept))
    raise ValidationError(
        (
            "version",
            (
                f"{name} has no version {version!r}; it has version{'s' if len(kept) > 1 else ''} {listed}",
                f"{name} に版 {version!r} はない。あるのは版 {listed}",
            ),
            "unknown_label",
        )
    )


#: What separates a preset's name and a version in ``preset("nagayo-2019@1")`` and in the files kept.
_VERSION_MARK: Final = "@"


def _not_a(wanted: str, wanted_ja: str, value: object) -> tuple[str, str]:
    """The message for ``value`` given where ``wanted`` ("a FiscalYear") was expected, quoting it."""
    kind = type(value).__name__
    return (f"expected {wanted}, not {kind} {value!r}", f"{wanted_ja} が必要（{kind} {value!r} が渡された）")


def _check_argument(name: str, value: object, kind: type, wanted: str) -> None:
    """Refuse ``value`` unless it is a ``kind``: an int year, say, would otherwise grade nothing, silently."""
    if not isinstance(value, kind):
        article = "an" if kind.__name__[0] in "AEIOU" else "a"
        raise ValidationError((name, _not_a(f"{article} {kind.__name__} ({wanted})", kind.__name__, value)))


@functools.cache
def _preset_files() -> frozenset[str]:
    """The stems of the preset files: the current ``NAME.toml``, and ``NAME@N.toml`` for each earlier version."""
    return frozenset(entry.name.removesuffix(".toml") for entry in _presets().iterdir() if entry.name.endswith(".toml"))


def _kept_versions(name: str) -> list[int]:
    prefix = f"{name}{_VERSION_MARK}"
    return [int(stem.removeprefix(prefix)) for stem in _preset_files() if stem.startswith(prefix)]


@functools.cache  # only names of preset files reach it, so it holds at most one scheme for each
def _read_preset(stem: str) -> GradingScheme:
    from kyodo.io import loads

    return loads((_presets() / f"{stem}.toml").read_text(encoding="utf-8"), "toml", kind=GradingScheme)


def _presets() -> Traversable:
    return files("kyodo") / "presets"


class Basis(LabelledEnum):
    """The rate a scheme grades."""

    #: 達成率: actual against the year's target (the indicator's direction applied)
    ACHIEVEMENT = "achievement", "達成率", "achievement"
    #: 進捗率: (actual − baseline) ÷ (target − baseline)
    PROGRESS = "progress", "進捗率", "progress"
    #: the progress rate against the share of the plan's years elapsed (多摩市's pro-rata pace)
    PACE = "pace", "計画ペース比", "pace"
    #: the change from the baseline, in points or percent (福岡市's ±3ポイント)
    CHANGE = "change", "基準値からの変化", "change from the baseline"
    #: the actual itself, in the indicator's unit (待機児童数 0人)
    ACTUAL = "actual", "実績値", "actual value"
    #: a total of points summed from grades (佐野市), graded by :class:`Points`
    SCORE = "score", "合計点", "total score"


class Combine(LabelledEnum):
    """How a measure with several indicators is graded."""

    #: the worst of the indicators' grades
    WORST = "worst", "最も低い評価", "worst grade"
    #: the best of the indicators' grades (any one indicator meeting a band is enough)
    BEST = "best", "最も高い評価", "best grade"
    #: the grade of the mean of the indicators' rates
    MEAN = "mean", "達成率の平均", "mean of rates"
    #: the grade of the weighted mean of the rates (weights per indicator name)
    WEIGHTED = "weighted", "達成率の加重平均", "weighted mean of rates"
    #: each grade counts as points and the total is graded (give a :class:`Points`)
    POINTS = "points", "点数の合計", "total of points"


# Looked up once for grade_measure, which runs for every measure graded: on Python 3.11 EnumType's
# __getattr__ makes every lookup on an enum class (Combine.WORST) several times slower.
_BY_POINTS: Final = Combine.POINTS
_WORST: Final = Combine.WORST
_BEST: Final = Combine.BEST


class Trend(LabelledEnum):
    """How a measure's computed grade moved over its graded years."""

    IMPROVING = "improving", "改善", "improving"
    STEADY = "steady", "横ばい", "steady"
    WORSENING = "worsening", "悪化", "worsening"


def _unit(value: FigureUnit | str) -> FigureUnit:
    return FigureUnit.read(value, "unit")


@frozen
class Band:
    """An interval of figures in ``unit``: from ``lower`` to ``upper``, each included or not; ``None`` is unbounded.

    In percent (the default) 80% is 4/5; in points, score or the
    indicator's own unit a bound is the number itself.
    """

    lower: Fraction | None
    lower_inclusive: bool
    upper: Fraction | None
    upper_inclusive: bool
    unit: FigureUnit = field(default=FigureUnit.PERCENT, converter=_unit)

    @classmethod
    def parse(cls, text: str, unit: FigureUnit | str | None = None) -> Band:
        """A band from its text, as legends print it; see :mod:`kyodo.grading`.

        Without ``unit`` the numbers' marks say it (80%, 3ポイント or 3pt,
        16点), and unmarked numbers are refused unless they are ratios
        (1.1); with ``unit``, unmarked numbers are in it:

        >>> Band.parse("±3ポイント未満"), Band.parse("16以上", "score").lower
        (Band(lower=Fraction(-3, 1), lower_inclusive=False, upper=Fraction(3, 1), upper_inclusive=False, unit=<FigureUnit.POINTS: 'points'>), Fraction(16, 1))
        """
        bounds, found = parse_band_unit(text, None if unit is None else _unit(unit).value)
        return cls(*bounds, unit=found)

    def __attrs_post_init__(self) -> None:
        if self.lower is None and self.upper is None:
            # "otherwise" takes what is left in whatever unit its scheme grades: it has no unit of its own.
            object.__setattr__(self, "unit", FigureUnit.PERCENT)
        if (
            self.lower is not None
            and self.upper is not None
            and (
                self.lower > self.upper
                or (self.lower == self.upper and not (self.lower_inclusive and self.upper_inclusive))
            )
        ):
            raise ValidationError(
                ("bands", (f"the band {self} contains no rate", f"区分 {_band_ja(self)} に入る率がない"))
            )

    def __contains__(self, rate: Fraction) -> bool:
        if self.lower is not None and (rate < self.lower or (rate == self.lower and not self.lower_inclusive)):
            return False
        return not (self.upper is not None and (rate > self.upper or (rate == self.upper and not self.upper_inclusive)))

    @property
    def bounds(self) -> BandBounds:
        """The band as (lower, lower inclusive, upper, upper inclusive)."""
        return (self.lower, self.lower_inclusive, self.upper, self.upper_inclusive)

    @property
    def is_otherwise(self) -> bool:
        """True for the band "otherwise": every figure no other band takes."""
        return self.lower is None and self.upper is None

    def __str__(self) -> str:
        return format_band(self.bounds, self.unit.value)


def _bands(values: Iterable[Band | str]) -> tuple[Band, ...]:
    return tuple(value if isinstance(value, Band) else Band.parse(value) for value in values)


def _given_bands(values: Iterable[Band | str]) -> tuple[Band | str, ...]:
    # A condition reads its texts after the converter, in its basis's unit.
    return tuple(values)


def _basis(value: BasisRule | Basis | str | Mapping[str, object]) -> BasisRule:
    """A basis object from itself, a :class:`Basis` name or label, or a file's table."""
    if isinstance(value, BasisRule):
        return value
    if isinstance(value, str):
        return basis_from_data(Basis.read(value, "basis").value)
    return basis_from_data(value)


def _unit_problem(band: Band, basis: BasisRule, where: str) -> _Problem | None:
    if band.is_otherwise or band.unit is basis.unit:
        return None
    return (
        where,
        (
            f"the band {band} is in {band.unit.value}, but {basis.label_en} is measured in {basis.unit.value}",
            f"区分 {_band_ja(band)} の単位は {band.unit.label} だが、{basis.label}の単位は {basis.unit.label}",
        ),
    )


@frozen
class Condition:
    """A grade's condition on a basis other than its scheme's: the figure falls in one of ``bands``.

    Band texts are read in the basis's unit, so "△10%以上" is a change of
    −10% on ``Change("percent")`` and "-3以上" three points down on
    ``Change("points")``:

    >>> from kyodo.bases import Change
    >>> Condition(Change("percent"), ["△10%以上0%以下"]).bands[0].lower
    Fraction(-1, 10)
    """

    basis: BasisRule = field(converter=_basis)
    bands: tuple[Band, ...] = field(converter=_given_bands)

    def __attrs_post_init__(self) -> None:
        unit = self.basis.unit
        parsed = tuple(band if isinstance(band, Band) else Band.parse(band, unit) for band in self.bands)
        if not parsed:
            raise ValidationError(("bands", ("a condition needs at least one band", "条件には区分が一つ以上必要")))
        problems = [problem for band in parsed if (problem := _unit_problem(band, self.basis, "bands")) is not None]
        if problems:
            raise ValidationError(*problems)
        object.__setattr__(self, "bands", parsed)


def _conditions(values: Iterable[Condition]) -> tuple[Condition, ...]:
    return tuple(values)


@frozen
class Grade:
    """A grade: its label (A, ◎, 7), what it means in Japanese and English, and what leads to it.

    ``bands`` are bands of the scheme's basis; ``when`` adds conditions on
    other bases, any of which gives the grade (宮古島市: "数値達成率、又は
    進捗度が100以上"). A grade that a legend defines by words only (いの町's
    ○ 目標値と同等) is ``recorded_only``: kyodo never computes it, but knows
    it as a grade an evaluator may record.
    """

    label: str
    ja: str = ""
    en: str = ""
    bands: tuple[Band, ...] = field(default=(), converter=_bands)
    when: tuple[Condition, ...] = field(default=(), converter=_conditions)
    recorded_only: bool = False

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise ValidationError(
                ("label", (f"a grade needs a label, not {self.label!r}", f"評価の記号が必要（{self.label!r}）"))
            )


def _grades(values: Iterable[Grade]) -> tuple[Grade, ...]:
    return tuple(values)


def _cases(values: Iterable[Case]) -> tuple[Case, ...]:
    return tuple(values)


def _combine(value: Combine | Points | str) -> Combine | Points:
    if isinstance(value, Points):
        return value
    combine = Combine.read(value, "combine")
    if combine is Combine.POINTS:
        raise ValidationError(
            ("combine", ("give Points(total) to combine by points", "点数で組み合わせるには Points(total) を渡す"))
        )
    return combine


def _version(_instance: object, _attribute: object, value: int | None) -> None:
    if value is not None and (type(value) is not int or value < 1):
        raise ValidationError(
            (
                "version",
                (
                    f"a scheme's version is a whole number from 1, not {value!r}",
                    f"評価基準の版は 1 以上の整数（{value!r} ではない）",
                ),
                "out_of_range" if type(value) is int else "not_a_number",
            )
        )


def _status_grades(
    values: Mapping[ProgressStatus, str]
    | Mapping[str, str]
    | Mapping[ProgressStatus | str, str]
    | Iterable[tuple[ProgressStatus | str, str]],
) -> tuple[tuple[ProgressStatus, str], ...]:
    items = values.items() if isinstance(values, Mapping) else values
    return tuple((ProgressStatus.read(status, "by_status"), label) for status, label in items)


@frozen
class GradingScheme:
    """A grading legend: grades best first, each with its bands; see the module for the rules.

    ``basis`` is what the bands grade: a :mod:`kyodo.bases` object, or its
    name (``"achievement"``, ``"progress"``, ``"pace"``, ``"change"``,
    ``"actual"``). ``when_no_target`` names the grade given when a year has
    no numeric target (None: ungraded); ``when_no_figure`` the grade given
    when a figure the basis needs is missing or undefined (長与町's "−
    把握できない"); ``by_status`` the grades given by the half-year progress
    status when there is no rate. ``cases`` grade indicators with a given
    target by a legend of their own. ``combine`` says how a measure's
    indicators make its grade (the worst, by default; see
    :func:`grade_measure`). ``source`` cites the document the scheme follows.
    ``version`` numbers the scheme's bands: a scheme that is kept and shared
    (every preset) gets a new version whenever what it gives for a figure
    changes, so a grade can name the legend it was given under exactly.

    Where grades add conditions on other bases (``Grade.when``), the scheme
    is a list read best first: a figure gets the first grade whose band or
    condition it meets, and the grade whose band is "otherwise" takes the
    rest, once every basis a better grade needs could be read.
    """

    name: str
    grades: tuple[Grade, ...] = field(converter=_grades)
    basis: BasisRule = field(default=Achievement(), converter=_basis)
    when_no_target: str | None = None
    by_status: tuple[tuple[ProgressStatus, str], ...] = field(default=(), converter=_status_grades)
    source: str | None = None
    description: str | None = None
    when_no_figure: str | None = None
    cases: tuple[Case, ...] = field(default=(), converter=_cases)
    combine: Combine | Points = field(default=Combine.WORST, converter=_combine)
    version: int | None = field(default=None, validator=_version)
    _thresholds: tuple[Fraction, ...] = field(init=False, eq=False, repr=False, hash=False)
    #: each band's lower bound, highest first, as (numerator, denominator, 1 if the band leaves it out else 0, slot)
    _bounds: tuple[tuple[int, int, int, tuple[Band, Grade]], ...] = field(init=False, eq=False, repr=False, hash=False)
    #: for grade_label, a scheme on one basis: each band's lower bound, highest first, as (numerator,
    #: denominator, 1 if the band leaves the bound out else 0, label); None where grades need several bases
    _walk: tuple[tuple[int, int, int, str], ...] | None = field(init=False, eq=False, repr=False, hash=False)
    _bottom: str = field(init=False, eq=False, repr=False, hash=False)
    _slots: tuple[tuple[Band, Grade], ...] = field(init=False, eq=False, repr=False, hash=False)
    _lanes: tuple[tuple[BasisRule, tuple[tuple[Band, Grade], ...]], ...] = field(
        init=False, eq=False, repr=False, hash=False
    )
    _catch_all: Grade | None = field(init=False, eq=False, repr=False, hash=False)
    #: for a list read best first: each grade before the catch-all, with the (basis, bands) it tests, one
    #: object standing for each basis (the scheme's own first), so that a reading is kept by its identity
    _tests: tuple[tuple[Grade, tuple[tuple[BasisRule, tuple[Band, ...]], ...]], ...] = field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        labels = [grade.label for grade in self.grades]
        if not labels:
            raise ValidationError(("grades", ("a scheme needs at least one grade", "評価基準には評価が一つ以上必要")))
        # Every problem is gathered before refusing, so that one round of fixes can mend a legend.
        problems: list[tuple[str, tuple[str, str]]] = []
        for label in dict.fromkeys(labels):
            if labels.count(label) > 1:
                problems.append(
                    ("grades", Coded(f"the grade {label!r} is listed twice", f"評価 {label!r} が二度ある", "duplicate"))
                )
        used = {label for _status, label in self.by_status}
        for given in (self.when_no_target, self.when_no_figure):
            if given is not None:
                used.add(given)
        unknown = sorted(used - set(labels))
        if unknown:
            problems.append(
                (
                    "grades",
                    (
                        f"{', '.join(map(repr, unknown))} is used but not a grade of the scheme",
                        f"{'、'.join(map(repr, unknown))} が使われているが、この基準の評価ではない",
                    ),
                )
            )
        for index, grade in enumerate(self.grades):
            for band in grade.bands:
                problem = _unit_problem(band, self.basis, f"grades[{index}].bands")
                if problem is not None:
                    problems.append(problem)
        main = [(band, grade) for grade in self.grades for band in grade.bands]
        lanes: dict[BasisRule, list[tuple[Band, Grade]]] = {self.basis: []}
        for grade in self.grades:
            for condition in grade.when:
                lanes.setdefault(condition.basis, []).extend((band, grade) for band in condition.bands)
        catch_all = None
        if len(lanes) == 1 and not any(grade.when for grade in self.grades):
            slots, found = _fill_otherwise(main)
            problems += found
            problems += _check_tiling(slots, labels, descending=not self.basis.higher_is_better)
        else:
            # A list read best first: bands of one basis may leave gaps, which later grades fill, but
            # they must not overlap or run the wrong way, and one grade must take what is left.
            slots = sorted((slot for slot in main if not slot[0].is_otherwise), key=_order)
            lanes[self.basis] = slots
            others = [grade for band, grade in main if band.is_otherwise]
            if len(others) != 1:
                problems.append(
                    (
                        "grades",
                        (
                            "a legend with conditions on several bases needs exactly one grade for 'otherwise'",
                            "複数の基準に条件がある評価基準には 'otherwise'（その他）の評価がちょうど一つ必要",
                        ),
                    )
                )
            else:
                catch_all = others[0]
                after = labels[labels.index(catch_all.label) + 1 :]
                for grade in self.grades:
                    if grade.label in after and (grade.bands or grade.when):
                        problems.append(
                            (
                                "grades",
                                (
                                    f"the grade {grade.label!r} comes after {catch_all.label!r}, which takes"
                                    " every figure left, so no figure reaches it",
                                    f"評価 {grade.label!r} は残りすべてを取る {catch_all.label!r} の後にあり、どの数値も届かない",
                                ),
                            )
                        )
            for basis, lane in lanes.items():
                ordered = sorted(lane, key=_order)
                problems += _check_tiling(ordered, labels, descending=not basis.higher_is_better, gaps=False)
                lanes[basis] = ordered
        for grade in self.grades:
            if not grade.bands and not grade.when and not grade.recorded_only and grade.label not in used:
                problems.append(
                    (
                        "grades",
                        (
                            f"the grade {grade.label!r} has no band and nothing else gives it",
                            f"評価 {grade.label!r} は区分がなく、ほかの方法でも与えられない",
                        ),
                    )
                )
        if problems:
            raise ValidationError(*dict.fromkeys(problems))
        # Band i covers rates from thresholds[i-1] upward; bisect finds the band.
        thresholds = tuple(band.lower for band, _grade in slots[1:] if band.lower is not None)
        object.__setattr__(self, "_slots", tuple(slots))
        object.__setattr__(self, "_thresholds", thresholds)
        bounds = tuple(
            (slot[0].lower.numerator, slot[0].lower.denominator, 0 if slot[0].lower_inclusive else 1, slot)
            for slot in reversed(slots[1:])
            if slot[0].lower is not None
        )
        object.__setattr__(self, "_bounds", bounds)
        walk = tuple((n, d, beyond, grade.label) for n, d, beyond, (_band, grade) in bounds)
        object.__setattr__(self, "_walk", walk if catch_all is None and slots else None)
        object.__setattr__(self, "_bottom", slots[0][1].label if slots else "")
        object.__setattr__(self, "_lanes", tuple((basis, tuple(lane)) for basis, lane in lanes.items()))
        object.__setattr__(self, "_catch_all", catch_all)
        one: dict[BasisRule, BasisRule] = {self.basis: self.basis}
        tests = []
        for grade in self.grades if catch_all is not None else ():
            if grade is catch_all:
                break
            pairs = [(self.basis, grade.bands)] + [(condition.basis, condition.bands) for condition in grade.when]
            tests.append((grade, tuple((one.setdefault(basis, basis), bands) for basis, bands in pairs if bands)))
        object.__setattr__(self, "_tests", tuple(tests))

    # --- grading ---

    @property
    def several_bases(self) -> bool:
        """True when grades have conditions on bases other than the scheme's own."""
        return self._catch_all is not None

    def rank(self, label: str) -> int:
        """The position of grade ``label``, 0 for the best."""
        for index, grade in enumerate(self.grades):
            if grade.label == label:
                return index
        raise KeyError(label)

    def _one_basis(self) -> None:
        if not self._slots:
            raise ValidationError(
                (
                    "rate",
                    (
                        f"{self.name} has no bands, so no rate has a grade by it (its grades are recorded, not computed)",
                        f"{self.name} には区分がなく、率から評価は決まらない（評価は記録するもの）",
                    ),
                )
            )
        if self.several_bases:
            raise ValidationError(
                (
                    "rate",
                    (
                        f"{self.name} grades by several bases, so one rate cannot be graded alone;"
                        " grade an indicator (grade_indicator) instead",
                        f"{self.name} は複数の基準で評価するため、一つの率だけでは評価できない。指標を評価する（grade_indicator）",
                    ),
                )
            )

    def band_of(self, rate: Fraction | Decimal | int) -> tuple[Band, Grade]:
        """The band ``rate`` falls in and its grade."""
        exact = rate if type(rate) is Fraction else _exact_rate(rate)
        if self._walk is None:  # grades on several bases, or no bands: refused
            self._one_basis()
        return self._band_of(exact)

    def _band_of(self, exact: Fraction) -> tuple[Band, Grade]:
        if type(exact) is not Fraction:
            index = bisect.bisect_right(self._thresholds, exact)
            band, grade = self._slots[index]
            if index and not band.lower_inclusive and exact == self._thresholds[index - 1]:
                band, grade = self._slots[index - 1]
            return band, grade
        # The bounds from the highest down, compared in integers, as grade_label does: p/q reaches n/d where
        # p*d - n*q >= 0 (denominators being above 0), and passes it, as a band that leaves its bound out needs,
        # where p*d - n*q >= 1. One call gives p and q, where .numerator and .denominator are a property each.
        p, q = exact.as_integer_ratio()
        for n, d, beyond, slot in self._bounds:
            if p * d - n * q >= beyond:
                return slot
        return self._slots[0]

    def grade_label(self, rate: Fraction | Decimal | int) -> str:
        """Just the label of the grade of ``rate``: the fast path for whole populations."""
        walk = self._walk
        if walk is None:  # grades on several bases, or no bands: band_of says why a rate cannot be graded
            return self.band_of(rate)[1].label
        # The bounds from the highest down, compared in integers: p/q reaches n/d where p*d >= n*q (denominators
        # are above 0), and passes it where p*d - n*q >= 1, which is what a band that leaves its bound out needs.
        p, q = (rate if type(rate) is Fraction else _exact_rate(rate)).as_integer_ratio()
        for n, d, beyond, label in walk:
            if p * d - n * q >= beyond:
                return label
        return self._bottom

    def grade(
        self,
        rate: Fraction | Decimal | int,
        *,
        actual: Decimal | None = None,
        target: Decimal | None = None,
        direction: Direction | str | None = None,
        baseline: Decimal | None = None,
        elapsed: tuple[int, int] | None = None,
    ) -> GradeResult:
        """The grade of ``rate``, with its explanation.

        The figures the rate came from enrich the sentence where the scheme's
        basis uses them: ``actual`` and ``target`` (with the indicator's
        ``direction``) for achievement, and ``baseline`` for progress; for
        pace, ``target`` is the final target and ``elapsed`` the years
        elapsed since the baseline and the years planned. Figures that do
        not give ``rate`` are refused, since the sentence would show one
        figure and grade another:

        >>> legend = GradingScheme("x", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
        >>> print(legend.grade(Fraction(727, 729), actual=Decimal(729), target=Decimal(727),
        ...                    direction="decrease").explanation.text("en"))
        B: achievement 99.7% (727 / 729) is below 100.0%, the lower bound of A
        >>> legend.grade(Fraction(1, 2), actual=Decimal(48), target=Decimal(50))
        Traceback (most recent call last):
        kyodo.errors.ValidationError: rate: the figures give 96%, not the rate 50% graded
        """
        exact = rate if type(rate) is Fraction else _exact_rate(rate)
        if self._walk is None:  # grades on several bases, or no bands: refused
            self._one_basis()
        how = None if direction is None else Direction.read(direction, "direction")
        if actual is None and target is None and how is None and baseline is None and elapsed is None:
            figures = _NO_FIGURES  # the rate alone, as most calls give it: an equal Figures, not built again
        else:
            figures = Figures(actual, target, how or Direction.INCREASE, baseline, elapsed)
        reading = self.basis.from_figures(figures)
        if isinstance(reading, Unread):
            assert reading.why is not None
            raise ValidationError(("rate", reading.why))
        if reading is not None and reading.value != exact:
            given = format_number(reading.value, reading.unit.value)
            shown = format_number(exact, reading.unit.value)
            raise ValidationError(
                (
                    "rate",
                    (
                        f"the figures give {given}, not the rate {shown} graded",
                        f"数値から求まる率は {given} で、評価する率 {shown} ではない",
                    ),
                )
            )
        band, grade = self._band_of(exact)
        if figures is _NO_FIGURES and reading is None:
            return _rate_result(self, grade.label, band, exact)
        return GradeResult(
            self,
            grade.label,
            "band",
            exact,
            band,
            actual,
            target,
            direction=how,
            baseline=baseline,
            elapsed=elapsed,
            reading=reading,
        )

    def grade_indicator(self, indicator: Indicator, fy: FiscalYear) -> GradeResult:
        """The grade of ``indicator`` at ``fy`` on the scheme's basis, or why it has none.

        Achievement and progress need the year's own numeric target; pace
        needs only the baseline, the final numeric target and the year's
        actual, so it grades the years between targets too. A case whose
        target the year has grades it by the case's own legend.

        >>> preset("nagayo-2019").grade_indicator(Indicator("件数", "件"), 2016)
        Traceback (most recent call last):
        kyodo.errors.ValidationError: fy: expected a FiscalYear (FiscalYear(2016) or FiscalYear.parse('H28'), say), not int 2016
        """
        _check_argument("indicator", indicator, Indicator, "measure.indicator(name), say")
        _check_argument("fy", fy, FiscalYear, "FiscalYear(2016) or FiscalYear.parse('H28'), say")
        for case in self.cases:
            if case.applies(indicator, fy):
                return case.scheme.grade_indicator(indicator, fy)
        if self._catch_all is not None:  # several bases
            return self._decide(indicator, fy)
        found = self.basis._find(indicator, fy)
        if isinstance(found, Unread):
            return self._unread(found)
        band, grade = self._band_of(found[0])
        return _result_later(self, grade.label, band, found)

    def _result(
        self,
        grade: Grade,
        band: Band,
        reading: Reading,
        basis: BasisRule,
        readings: tuple[tuple[BasisRule, Reading | Unread], ...] = (),
    ) -> GradeResult:
        actual, target, direction, baseline, elapsed = reading._kept()
        # Every field in order, by position (status and why are None): keywords take longer to match.
        return GradeResult(
            self,
            grade.label,
            "band",
            reading.value,
            band,
            actual,
            target,
            None,
            None,
            direction,
            baseline,
            elapsed,
            reading,
            basis,
            readings,
        )

    def _decide(self, indicator: Indicator, fy: FiscalYear) -> GradeResult:
        """Grade by a list read best first: the first grade whose band or condition the figures meet."""
        # Each basis read once, in the order first needed; kept by the identity of the one object _tests
        # holds for it, which is quicker than hashing the basis on every test.
        readings: dict[int, tuple[BasisRule, Reading | Unread]] = {}

        def read(basis: BasisRule) -> Reading | Unread:
            found = readings.get(id(basis))
            if found is None:
                found = readings[id(basis)] = (basis, basis.read(indicator, fy))
            return found[1]

        for grade, tests in self._tests:
            for basis, bands in tests:
                reading = read(basis)
                if isinstance(reading, Unread):
                    continue
                for band in bands:
                    if reading.value in band:
                        return self._result(grade, band, reading, basis, tuple(readings.values()))
        unread = [reading for _basis, reading in readings.values() if isinstance(reading, Unread)]
        if unread or self._catch_all is None:
            # A better grade could not be tested, so the rest is not known to be what is left.
            return self._unread(unread[0] if unread else Unread("no_actual"))
        main = read(self.basis)
        deciding, reading = (self.basis, main) if isinstance(main, Reading) else next(iter(readings.values()))
        assert isinstance(reading, Reading)
        otherwise = next(band for band in self._catch_all.bands if band.is_otherwise)
        return self._result(self._catch_all, otherwise, reading, deciding, tuple(readings.values()))

    def _unread(self, unread: Unread) -> GradeResult:
        if unread.how == "no_target":
            return self._without_rate(None, "no_target", unread.actual, None)
        return GradeResult(
            self, self.when_no_figure, unread.how, None, None, unread.actual, unread.target, None, unread.why
        )

    def _without_rate(
        self, status: ProgressStatus | None, reason: GradeHow, actual: Decimal | None, target: Decimal | None
    ) -> GradeResult:
        if status is not None:
            for known, label in self.by_status:
                if known == status:
                    return GradeResult(self, label, "status", None, None, actual, target, status)
        if self.when_no_target is not None:
            return GradeResult(self, self.when_no_target, "no_target", None, None, actual, target)
        return GradeResult(self, None, reason, None, None, actual, target, status)


@frozen
class Case:
    """A legend of its own for indicators whose year's target is ``target`` (in ``unit``, where given).

    大阪府立図書館 (2016) grades targets of 100% apart: 100% is A and
    90%–100% B, where other targets need 110% for A.
    """

    target: Decimal = field(converter=_decimal)
    scheme: GradingScheme
    unit: str | None = None

    def applies(self, indicator: Indicator, fy: FiscalYear) -> bool:
        """Whether ``indicator``'s target for ``fy`` is this case's."""
        target = indicator.target(fy)
        if target is None or target.value != self.target:
            return False
        return self.unit is None or indicator.unit == self.unit


#: The figures of a rate graded alone (frozen, so one serves every call).
_NO_FIGURES: Final = Figures()


def _exact_rate(rate: object) -> Fraction:
    error = _number_error("rate", rate)
    if error is not None:
        raise error
    assert isinstance(rate, Fraction | Decimal | int)
    return Fraction(rate)


def _order(slot: tuple[Band, Grade]) -> tuple[bool, Fraction, bool]:
    band = slot[0]
    return (band.lower is not None, band.lower or Fraction(0), not band.lower_inclusive)


_Problem = tuple[str, tuple[str, str]]


def _fill_otherwise(slots: list[tuple[Band, Grade]]) -> tuple[list[tuple[Band, Grade]], list[_Problem]]:
    """Replace the band "otherwise" by the intervals no other band covers; say what stops it."""
    rest = [slot for slot in slots if slot[0].lower is not None or slot[0].upper is not None]
    others = [grade for band, grade in slots if band.lower is None and band.upper is None]
    if not others:
        return sorted(rest, key=_order), []
    if len(others) > 1:
        # Which grade would take the rest is unknown, so the bands are checked without it.
        return sorted(rest, key=_order), [
            (
                "grades",
                (
                    f"{' and '.join(grade.label for grade in others)} both say 'otherwise'",
                    f"{' と '.join(grade.label for grade in others)} がいずれも 'otherwise'（その他）を指定している",
                ),
            )
        ]
    otherwise = others[0]
    gaps: list[tuple[Band, Grade]] = []
    cursor: Fraction | None = None
    cursor_inclusive = False
    started = False
    for band, _grade in sorted(rest, key=_order):
        if band.lower is not None and (
            not started
            or (
                cursor is not None
                and (band.lower > cursor or (band.lower == cursor and cursor_inclusive and not band.lower_inclusive))
            )
        ):
            gaps.append(
                (Band(cursor if started else None, cursor_inclusive, band.lower, not band.lower_inclusive), otherwise)
            )
        started = True
        if band.upper is None:
            cursor = None
            break
        if cursor is None or band.upper > cursor or (band.upper == cursor and band.upper_inclusive):
            cursor, cursor_inclusive = band.upper, not band.upper_inclusive
    else:
        if started and cursor is not None:
            gaps.append((Band(cursor, cursor_inclusive, None, False), otherwise))
    if not rest:
        gaps.append((Band(None, False, None, False), otherwise))
    if not gaps:
        return sorted(rest, key=_order), [
            (
                "grades",
                (
                    f"the grade {otherwise.label!r} says 'otherwise', but every rate has a grade already",
                    f"評価 {otherwise.label!r} は 'otherwise'（その他）だが、どの率にもすでに評価がある",
                ),
            )
        ]
    return sorted(rest + gaps, key=_order), []


def _describe(lower: Fraction | None, inclusive: bool, unit: FigureUnit = FigureUnit.PERCENT) -> str:
    return (
        f"{format_number(lower, unit.value)} ({'included' if inclusive else 'excluded'})" if lower is not None else "−∞"
    )


def _from_ja(bound: Fraction, inclusive: bool, unit: FigureUnit = FigureUnit.PERCENT) -> str:
    """Figures from ``bound`` up, as legends print it: 80%以上, 80%超."""
    return f"{format_number(bound, unit.value)}{'以上' if inclusive else '超'}"


def _to_ja(bound: Fraction, inclusive: bool, unit: FigureUnit = FigureUnit.PERCENT) -> str:
    """Figures up to ``bound``, as legends print it: 110%以下, 110%未満."""
    return f"{format_number(bound, unit.value)}{'以下' if inclusive else '未満'}"


def _band_ja(band: Band) -> str:
    """A band as Japanese legends print it: 80%以上110%未満, 110%以上, その他."""
    if band.lower is None and band.upper is None:
        return "その他"
    lower = "" if band.lower is None else _from_ja(band.lower, band.lower_inclusive, band.unit)
    upper = "" if band.upper is None else _to_ja(band.upper, band.upper_inclusive, band.unit)
    return lower + upper


def _uncovered(message: str, rates_ja: str) -> tuple[str, str]:
    return (message, f"{rates_ja}の率に当たる評価がない")


def _check_tiling(
    slots: Sequence[tuple[Band, Grade]], labels: list[str], *, descending: bool = False, gaps: bool = True
) -> list[_Problem]:
    """Every gap, overlap, and better grade given to a worse figure among the bands, in order of figure.

    ``descending`` where lower figures are better; without ``gaps`` the
    bands may leave figures to other grades (a list read best first).
    """
    if not slots:
        return []
    problems: list[_Problem] = []
    first = slots[0][0]
    unit = first.unit
    if gaps and first.lower is not None:
        problems.append(
            (
                "grades",
                _uncovered(
                    f"no grade covers rates below {_describe(first.lower, not first.lower_inclusive, unit)}",
                    _to_ja(first.lower, not first.lower_inclusive, unit),
                ),
            )
        )
    # Each band is compared with the band that reaches highest before it, not only with its neighbour:
    # a band nested in a wider one must not hide the wider one's upper part.
    reach, reach_grade = slots[0]
    for (band, grade), (following, next_grade) in itertools.pairwise(slots):
        assert following.lower is not None
        if _overlaps(band, following):
            # Named with its neighbour where the neighbour overlaps it too: the nearest of the bands it overlaps.
            problems.append(_overlap(band, grade, following, next_grade))
        elif reach.upper is None:
            problems.append(_overlap(reach, reach_grade, following, next_grade))
        elif following.lower > reach.upper or (
            following.lower == reach.upper and not reach.upper_inclusive and not following.lower_inclusive
        ):
            if gaps:
                gap_ja = (
                    f"ちょうど{format_number(reach.upper, unit.value)}"
                    if following.lower == reach.upper
                    else _from_ja(reach.upper, not reach.upper_inclusive, unit)
                    + _to_ja(following.lower, not following.lower_inclusive, unit)
                )
                problems.append(
                    (
                        "grades",
                        _uncovered(
                            f"no grade covers rates from {_describe(reach.upper, not reach.upper_inclusive, unit)}"
                            f" to {_describe(following.lower, not following.lower_inclusive, unit)}",
                            gap_ja,
                        ),
                    )
                )
        elif following.lower < reach.upper or (reach.upper_inclusive and following.lower_inclusive):
            problems.append(_overlap(reach, reach_grade, following, next_grade))
        higher, lower = labels.index(next_grade.label), labels.index(grade.label)
        if (lower < higher) if not descending else (higher < lower):
            problems.append(_wrong_way(band, grade, following, next_grade, descending))
        if reach.upper is not None and (
            following.upper is None
            or following.upper > reach.upper
            or (following.upper == reach.upper and following.upper_inclusive and not reach.upper_inclusive)
        ):
            reach, reach_grade = following, next_grade
    last = reach
    if gaps and last.upper is not None:
        problems.append(
            (
                "grades",
                _uncovered(
                    f"no grade covers rates above {_describe(last.upper, not last.upper_inclusive, unit)}",
                    _from_ja(last.upper, not last.upper_inclusive, unit),
                ),
            )
        )
    return problems


def _overlaps(band: Band, following: Band) -> bool:
    """Whether ``band`` reaches into ``following``, which starts at or above where ``band`` starts."""
    assert following.lower is not None
    if band.upper is None:
        return True
    return following.lower < band.upper or (
        following.lower == band.upper and band.upper_inclusive and following.lower_inclusive
    )


def _wrong_way(band: Band, grade: Grade, following: Band, next_grade: Grade, descending: bool) -> _Problem:
    if descending:
        return (
            "grades",
            (
                f"{grade.label} is given to lower figures ({band}) than {next_grade.label} ({following}),"
                " but is listed as a worse grade; where lower is better, list the grades of lower figures first",
                f"{grade.label}（{_band_ja(band)}）は {next_grade.label}（{_band_ja(following)}）より"
                "低い数値に与えられるのに、悪い評価として並んでいる。低いほど良い基準では低い数値の評価を先に並べる",
            ),
        )
    return (
        "grades",
        (
            f"{next_grade.label} is given to higher rates ({following}) than {grade.label} ({band}),"
            " but is listed as a worse grade; list grades best first",
            f"{next_grade.label}（{_band_ja(following)}）は {grade.label}（{_band_ja(band)}）より"
            "高い率に与えられるのに、悪い評価として並んでいる。評価は良い順に並べる",
        ),
    )


def _overlap(band: Band, grade: Grade, following: Band, next_grade: Grade) -> _Problem:
    return (
        "grades",
        Coded(
            f"the bands {band} ({grade.label}) and {following} ({next_grade.label}) overlap",
            f"区分 {_band_ja(band)}（{grade.label}）と {_band_ja(following)}（{next_grade.label}）が重なる",
            "overlap",
        ),
    )


_PERCENT_DIGITS: Final = 1


# Not slotted: attrs fills a __dict__ in about half the time it takes to fill 15 slots (a grade is made for
# every indicator and year graded), and grading may leave ``reading`` out of it, for _OnDemand to make.
@frozen(slots=False)
class GradeResult:
    """A grade and how it was reached.

    ``how`` is ``"band"`` (the figure fell in a band), ``"status"`` (graded
    by the half-year status), ``"no_target"`` (the scheme's grade for a year
    without a numeric target), or why a figure is missing:
    ``"no_target"``, ``"no_actual"``, ``"no_baseline"``, ``"undefined"``
    (a rate with no value, such as against a target of 0; ``why`` then says
    why, in English and Japanese). With a missing figure, ``label`` is the
    scheme's ``when_no_figure`` grade or None.

    ``rate`` is the figure graded, in the unit of its ``basis`` (the
    scheme's unless a condition on another basis gave the grade), and
    ``reading`` holds it with the figures its formula used. The figures are
    also kept one by one where the basis used them: ``actual`` and
    ``target`` (for pace, the final target), the indicator's ``direction``,
    the ``baseline`` and, for pace, ``elapsed``: the years elapsed since
    the baseline and the years from it to the final target. ``readings``
    holds every basis a list of several bases read, in order.
    """

    scheme: GradingScheme = field(repr=False)
    label: str | None
    how: GradeHow
    rate: Fraction | None
    band: Band | None = None
    actual: Decimal | None = None
    target: Decimal | None = None
    status: ProgressStatus | None = None
    why: tuple[str, str] | None = None
    direction: Direction | None = None
    baseline: Decimal | None = None
    elapsed: tuple[int, int] | None = None
    reading: Reading | None = field(default=None, repr=False)
    basis: BasisRule | None = field(default=None, repr=False)
    readings: tuple[tuple[BasisRule, Reading | Unread], ...] = field(default=(), repr=False)

    @property
    def graded_basis(self) -> BasisRule:
        """The basis whose figure gave the grade."""
        return self.basis or self.scheme.basis

    @property
    def explanation(self) -> Explanation:
        """Why this grade, as data and as sentences in Japanese and English."""
        return _explain(self)

    def to_data(self) -> GradeData:
        """The grade as JSON-ready data: ``kyodo.result/1`` of the kind ``grade`` (see :mod:`kyodo.results`).

        >>> scheme = GradingScheme("x", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
        >>> data = scheme.grade(Fraction(24, 25)).to_data()
        >>> data["kind"], data["label"], data["how"], data["rate"], data["band"]["text"]
        ('grade', 'B', 'band', '24/25', '< 100%')
        """
        return _result_data.grade_data(self)

    @classmethod
    def from_data(cls, data: object, scheme: GradingScheme) -> GradeResult:
        """The grade :meth:`to_data` wrote, graded by ``scheme`` (or one of its cases' schemes, by name).

        The data holds everything the grade computed; the scheme, which it
        names, is given, as the caller has it. Data of another scheme, or
        that does not read, raises :class:`~kyodo.ValidationError`.

        >>> scheme = GradingScheme("x", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
        >>> grade = scheme.grade(Fraction(24, 25))
        >>> GradeResult.from_data(grade.to_data(), scheme) == grade
        True
        """
        return _result_data.grade_result_from(data, scheme)

    def _repr_html_(self) -> str:
        return self.explanation._repr_html_()


def _result_later(scheme: GradingScheme, label: str, band: Band, found: _Found) -> GradeResult:
    """The grade ``label`` of what ``scheme``'s own basis found, in ``band``: its reading made when first asked for."""
    actual, target, direction, baseline, elapsed = found[4]
    result = object.__new__(GradeResult)
    # The fields one by one (quicker than a dict built to be set as a whole), but those at their default, which
    # the class holds (below), and reading, which is made from what the basis found when it is first read.
    state = result.__dict__
    state["scheme"] = scheme
    state["label"] = label
    state["how"] = "band"
    state["rate"] = found[0]
    state["band"] = band
    state["actual"] = actual
    if target is not None:
        state["target"] = target
    state["direction"] = direction
    if baseline is not None:
        state["baseline"] = baseline
    if elapsed is not None:
        state["elapsed"] = elapsed
    state["basis"] = scheme.basis
    state["_found"] = found
    return result


def _rate_result(scheme: GradingScheme, label: str, band: Band, rate: Fraction) -> GradeResult:
    """The grade of a rate given alone (no reading): its fields set at once, the rest at the defaults the class holds."""
    result = object.__new__(GradeResult)
    state = {"scheme": scheme, "label": label, "how": "band", "rate": rate, "band": band, "reading": None}
    object.__setattr__(result, "__dict__", state)
    return result


_OnDemand.install(GradeResult, ("reading",), "_found", lambda found: {"reading": _reading_of(found)})
# Each other field's default on the class, where attrs left none, for a result that leaves it out of its __dict__.
for _field in attrs.fields(GradeResult):
    if _field.default is not attrs.NOTHING and _field.name != "reading":
        setattr(GradeResult, _field.name, _field.default)
del _field


def _explain(result: GradeResult) -> Explanation:
    scheme, label = result.scheme, result.label
    facts: dict[str, object] = {"scheme": scheme.name, "grade": label, "basis": result.graded_basis.value}
    if result.how == "band":
        return _explain_band(result, facts)
    if result.how == "status":
        assert result.status is not None
        facts["status"] = result.status.value
        return Explanation(
            "grade.status",
            facts,
            ja=f"{label}: 数値目標がなく、進捗状況「{result.status.label}」による",
            en=f"{label}: no numeric target; graded by the progress status '{result.status.label_en}'",
        )
    reasons = {
        "no_target": ("この年度に数値目標がない", "there is no numeric target this year"),
        "no_actual": ("この年度の実績がない", "there is no actual value this year"),
        "no_baseline": ("基準値または最終目標がない", "there is no baseline or final target"),
        "undefined": ("達成率を計算できない（目標 0 など）", "the rate is undefined (a target of 0, say)"),
    }
    reason_ja, reason_en = reasons[result.how]
    # The exact reason goes in a part of its own, so that the sentence stays the same for every such year.
    parts = () if result.why is None else (Explanation("rate.undefined", {}, ja=result.why[1], en=result.why[0]),)
    facts.update(actual=result.actual, target=result.target)
    if label is not None:
        rule = "grade.no_target" if result.how == "no_target" else "grade.no_figure"
        return Explanation(rule, facts, ja=f"{label}: {reason_ja}ため", en=f"{label}: {reason_en}", parts=parts)
    return Explanation(
        f"grade.none.{result.how}", facts, ja=f"評価なし: {reason_ja}", en=f"no grade: {reason_en}", parts=parts
    )


def _explain_band(result: GradeResult, facts: dict[str, object]) -> Explanation:
    scheme, label, rate, band = result.scheme, result.label, result.rate, result.band
    assert rate is not None
    assert label is not None
    assert band is not None
    facts["rate"] = rate
    # The facts name the figures the formula used, in the order the sentence shows them.
    reading = result.reading
    if reading is not None and reading.en:
        facts.update(reading.figures)
    else:
        facts.update(actual=result.actual, target=result.target)
    facts["band"] = str(band)
    rank = scheme.rank(label)
    basis = result.graded_basis
    per = None if reading is None else reading.per
    if not result.readings:
        lanes: list[tuple[BasisRule, Fraction, str, str, str | None]] = [(basis, rate, *_figures(result), per)]
    else:
        facts["readings"] = {other.value: seen.value for other, seen in result.readings if isinstance(seen, Reading)}
        # The deciding basis first, then every other basis read, as the list read them.
        lanes = [(basis, rate, *_figures(result), per)] + [
            (other, seen.value, seen.ja, seen.en, seen.per)
            for other, seen in result.readings
            if isinstance(seen, Reading) and other != basis
        ]
    phrases_ja, phrases_en = [], []
    for lane_basis, value, figures_ja, figures_en, lane_per in lanes:
        own = band if lane_basis == basis else None
        phrase = _lane_phrase(scheme, lane_basis, value, own, label, rank, figures_ja, figures_en, lane_per)
        if phrase is not None:
            phrases_ja.append(phrase[0])
            phrases_en.append(phrase[1])
    if not phrases_ja:
        phrases_ja.append(f"{basis.label} {_value_text(rate, basis.unit, 'ja')} は {label} の範囲 ({band})")
        phrases_en.append(f"{basis.label_en} {_value_text(rate, basis.unit, 'en')} is in the band of {label} ({band})")
    return Explanation(
        "grade.band", facts, ja=f"{label}: " + "。".join(phrases_ja), en=f"{label}: " + "; ".join(phrases_en)
    )


def _lane(scheme: GradingScheme, basis: BasisRule) -> tuple[tuple[Band, Grade], ...]:
    if basis == scheme.basis:
        return scheme._slots
    for other, lane in scheme._lanes:
        if other == basis:
            return lane
    return ()


def _lane_phrase(
    scheme: GradingScheme,
    basis: BasisRule,
    value: Fraction,
    own: Band | None,
    label: str,
    rank: int,
    figures_ja: str,
    figures_en: str,
    per: str | None = None,
) -> tuple[str, str] | None:
    """What one basis's figure says of the grade: short of every better grade's band, within its own.

    Each clause is checked against the figure before it is said, so that
    the sentence never contradicts its own figures; a clause that would not
    hold is not said.
    """
    up = basis.higher_is_better
    lane = _lane(scheme, basis)
    better = _nearest_better(lane, scheme, rank, up)
    own_bound = None if own is None else (own.lower if up else own.upper)
    bounds = [bound for bound in (own_bound, better[0] if better else None) if bound is not None]
    shown, texts = _shown(value, bounds, basis.unit)
    ja_bounds = {bound: _with_unit(text, basis.unit, "ja", per) for bound, text in texts.items()}
    en_bounds = {bound: _with_unit(text, basis.unit, "en", per) for bound, text in texts.items()}
    clauses_ja, clauses_en = [], []
    if better is not None:
        bound, inclusive, better_label = better
        # Every figure a worse grade gets is short of an inclusive bound, or at most at an exclusive one:
        # at 90% under "90%超", "not above 90.0%" is true where "below 90.0%" would not be.
        if up and (value < bound or (value == bound and not inclusive)):
            clauses_ja.append(f"{better_label} の下限 {ja_bounds[bound]} {'に届かない' if inclusive else 'を超えない'}")
            clauses_en.append(
                f"{'below' if inclusive else 'not above'} {en_bounds[bound]}, the lower bound of {better_label}"
            )
        elif not up and (value > bound or (value == bound and not inclusive)):
            clauses_ja.append(f"{better_label} の上限 {ja_bounds[bound]} {'を超える' if inclusive else 'を下回らない'}")
            clauses_en.append(
                f"{'above' if inclusive else 'not below'} {en_bounds[bound]}, the upper bound of {better_label}"
            )
    if own is not None and own_bound is not None:
        inclusive = own.lower_inclusive if up else own.upper_inclusive
        if up:
            clauses_ja.append(f"{label} の下限 {ja_bounds[own_bound]} {'以上' if inclusive else '超'}")
            clauses_en.append(
                f"{'at or above' if inclusive else 'above'} {en_bounds[own_bound]}, the lower bound of {label}"
            )
        else:
            clauses_ja.append(f"{label} の上限 {ja_bounds[own_bound]} {'以下' if inclusive else '未満'}")
            clauses_en.append(
                f"{'at or below' if inclusive else 'below'} {en_bounds[own_bound]}, the upper bound of {label}"
            )
    if not clauses_ja:
        if own is None:
            return None
        clauses_ja.append(f"{label} の範囲 ({own})")
        clauses_en.append(f"in the band of {label} ({own})")
    ja_value = _with_unit(shown, basis.unit, "ja", per)
    en_value = _with_unit(shown, basis.unit, "en", per)
    return (
        f"{basis.label} {ja_value}{figures_ja} は " + "、".join(clauses_ja),
        f"{basis.label_en} {en_value}{figures_en} is " + ", and ".join(clauses_en),
    )


def _nearest_better(
    lane: Sequence[tuple[Band, Grade]], scheme: GradingScheme, rank: int, up: bool
) -> tuple[Fraction, bool, str] | None:
    """The bound of a better grade nearest the worse figures: the lowest lower bound (the highest upper
    bound where lower is better), whether it is included, and that grade."""
    best: tuple[Fraction, bool, str] | None = None
    for band, grade in lane:
        if scheme.rank(grade.label) >= rank:
            continue
        bound, inclusive = (band.lower, band.lower_inclusive) if up else (band.upper, band.upper_inclusive)
        if bound is None:
            continue
        if best is None or (bound < best[0] if up else bound > best[0]):
            best = (bound, inclusive, grade.label)
    return best


def _figures(result: GradeResult) -> tuple[str, str]:
    """The figures the rate came from, as the formula used them, in Japanese and English ('' without them)."""
    reading = result.reading
    if reading is None:
        return "", ""
    return reading.ja, reading.en


#: Past this many decimals a rate that still reads like a bound is shown exactly instead.
_MAX_DIGITS: Final = 6


def _number_text(value: Fraction, unit: FigureUnit, digits: int) -> str:
    if unit is FigureUnit.PERCENT:
        return format_percent(value, digits)
    scaled = abs(value) * 10**digits
    whole = int(scaled + Fraction(1, 2))
    sign = "-" if value < 0 and whole else ""
    text = str(whole).rjust(digits + 1, "0")
    return f"{sign}{text[:-digits]}.{text[-digits:]}" if digits else f"{sign}{text}"


def _with_unit(text: str, unit: FigureUnit, locale: str, per: str | None = None) -> str:
    """A figure's text with its unit's word: 3.2ポイント, 3.2 points, 16点, or the indicator's own (7団体)."""
    if unit is FigureUnit.PERCENT:
        return text
    if per is not None:
        return f"{text}{per}" if locale == "ja" else f"{text} {per}"
    if unit is FigureUnit.VALUE:
        return text
    if locale == "ja":
        return f"{text}{unit.label}"
    return f"{text} {'points' if unit is FigureUnit.POINTS else 'pt'}"


def _shown(
    rate: Fraction, bounds: list[Fraction], unit: FigureUnit = FigureUnit.PERCENT
) -> tuple[str, dict[Fraction, str]]:
    """The figure and the bounds beside it, with decimals enough that none reads equal to a bound it is not.

    Rounding half up keeps order (a lower figure never prints higher), so
    once the printed figures differ where the exact ones do, each
    comparison word reads true of them. Bounds are shown like the figure;
    the exact values stay in the facts.

    >>> _shown(Fraction(2499, 2500), [Fraction(1)])
    ('99.96%', {Fraction(1, 1): '100.00%'})
    >>> _shown(Fraction(10**9 - 1, 10**9), [Fraction(1)])
    ('99.9999999%', {Fraction(1, 1): '100%'})
    >>> _shown(Fraction(-3), [Fraction(-3)], FigureUnit.POINTS)
    ('-3.0', {Fraction(-3, 1): '-3.0'})
    """
    for digits in range(_PERCENT_DIGITS, _MAX_DIGITS + 1):
        if not any(
            rate != bound and _number_text(rate, unit, digits) == _number_text(bound, unit, digits) for bound in bounds
        ):
            return _number_text(rate, unit, digits), {bound: _number_text(bound, unit, digits) for bound in bounds}
    # Still alike at six decimals: exact figures (99.9999999%, 2/3) never read alike unless they are equal.
    if unit is FigureUnit.PERCENT:
        return format_rate(rate), {bound: format_rate(bound) for bound in bounds}
    exact = {bound: format_number(bound, FigureUnit.VALUE.value) for bound in bounds}
    return format_number(rate, FigureUnit.VALUE.value), exact


def _value_text(value: Fraction, unit: FigureUnit, locale: str) -> str:
    return _with_unit(_shown(value, [], unit)[0], unit, locale)


# --- measures, plans, trends -----------------------------------------------------------


def _results(values: Iterable[GradeResult]) -> tuple[GradeResult, ...]:
    return tuple(values)


@frozen(slots=False)  # like GradeResult, made for every measure graded
class MeasureGrade:
    """A measure's computed grade for a fiscal year beside the grade its evaluation recorded.

    ``differs`` is True when both exist and disagree; ``reason`` then carries
    the evaluator's assessment, which says why. Neither grade replaces the other.
    ``combine`` says how the indicators' grades made the measure's.
    """

    measure: Measure = field(repr=False)
    fy: FiscalYear
    computed: GradeResult
    parts: tuple[GradeResult, ...] = field(converter=_results)
    recorded: str | None
    reason: str | None
    combine: Combine = Combine.WORST
    points: Points | None = None

    @property
    def differs(self) -> bool:
        """True when a recorded grade exists and differs from the computed one."""
        return self.recorded is not None and self.computed.label is not None and self.recorded != self.computed.label

    @property
    def by_indicator(self) -> dict[str, GradeResult]:
        """Each indicator's own grade by the indicator's name, in the measure's order (``parts`` by name).

        >>> from kyodo import FiscalYear, Indicator, Measure, Observation, Target
        >>> fy = FiscalYear(2016)
        >>> centres = Indicator("センター数", "箇所", targets=[Target(fy, 50)], actuals=[Observation(fy, 48)])
        >>> scheme = GradingScheme("met", [Grade("A", bands=["100%以上"]), Grade("B", bands=["100%未満"])])
        >>> {name: part.label for name, part in grade_measure(Measure("1", "m", indicators=[centres]), fy, scheme).by_indicator.items()}
        {'センター数': 'B'}
        """
        return {indicator.name: part for indicator, part in zip(self.measure.indicators, self.parts, strict=True)}

    def to_data(self) -> MeasureGradeData:
        """The measure's grade as JSON-ready data (kind ``measure_grade``): each part names its indicator.

        >>> from kyodo import Indicator, Observation, Target
        >>> fy = FiscalYear(2016)
        >>> centres = Indicator("センター数", "箇所", targets=[Target(fy, 50)], actuals=[Observation(fy, 48)])
        >>> scheme = GradingScheme("met", [Grade("A", bands=["100%以上"]), Grade("B", bands=["100%未満"])])
        >>> data = grade_measure(Measure("26", "m", indicators=[centres]), fy, scheme).to_data()
        >>> data["fy"], data["computed"]["label"], [(part["indicator"], part["rate"]) for part in data["parts"]]
        ('平成28年度', 'B', [('センター数', '24/25')])
        """
        return _result_data.measure_grade_data(self)

    @classmethod
    def from_data(
        cls, data: object, measure: Measure, scheme: GradingScheme, points: Points | None = None
    ) -> MeasureGrade:
        """The grade :meth:`to_data` wrote of ``measure`` by ``scheme`` (and ``points``, where it combined by them).

        >>> from kyodo import Indicator, Observation, Target
        >>> fy = FiscalYear(2016)
        >>> centres = Indicator("センター数", "箇所", targets=[Target(fy, 50)], actuals=[Observation(fy, 48)])
        >>> scheme = GradingScheme("met", [Grade("A", bands=["100%以上"]), Grade("B", bands=["100%未満"])])
        >>> measure = Measure("26", "m", indicators=[centres])
        >>> grade = grade_measure(measure, fy, scheme)
        >>> MeasureGrade.from_data(grade.to_data(), measure, scheme) == grade
        True
        """
        return _result_data.measure_grade_from(data, measure, scheme, points)

    @property
    def explanation(self) -> Explanation:
        """The computed grade's explanation, with each indicator's, and the recorded grade beside it."""
        own = self.computed.explanation
        facts: dict[str, object] = {**dict(own.facts), "recorded": self.recorded, "differs": self.differs}
        ja, en = own.ja, own.en
        graded = [part for part in self.parts if part.how == "band" and part.label is not None]
        if self.points is not None and graded and self.computed.how == "band":
            # The sentence grades the total; say what the total is made of.
            sums = " + ".join(f"{_plain(self.points.of(part.label or ''))}" for part in graded)
            labels = "、".join(part.label or "" for part in graded)
            facts.update(combine=self.combine.value, indicators=len(graded))
            ja += f"（{len(graded)}指標の評価 {labels} の点数 {sums}）"
            en += (
                f" (the points of {len(graded)} indicators' grades {', '.join(p.label or '' for p in graded)}: {sums})"
            )
        elif len(graded) > 1 and self.computed.how == "band":
            # The sentence above may be one indicator's; say that the measure's grade was made from several.
            count, basis = len(graded), self.computed.scheme.basis
            facts.update(combine=self.combine.value, indicators=count)
            if self.combine in (Combine.WORST, Combine.BEST):
                name = self.measure.indicators[next(i for i, p in enumerate(self.parts) if p is self.computed)].name
                word_ja, word_en = ("最も低い", "worst") if self.combine is Combine.WORST else ("最も高い", "best")
                ja += f"（{count}指標のうち{word_ja}評価: {name}）"
                en += f" (the {word_en} of {count} indicators' grades: {name})"
            elif self.combine is Combine.MEAN:
                ja += f"（{count}指標の{basis.label}の平均による評価）"
                en += f" (the grade of the mean of {count} indicators' rates)"
            else:
                ja += f"（{count}指標の{basis.label}の加重平均による評価）"
                en += f" (the grade of the weighted mean of {count} indicators' rates)"
        if self.recorded is not None and self.computed.label is None:
            # No figures to grade this year; the evaluator's grade still stands beside the reason.
            ja += f"。記録された評価は {self.recorded}"
            en += f"; the recorded grade is {self.recorded}"
        if self.differs:
            ja += f"。記録された評価は {self.recorded}"
            en += f"; the recorded grade is {self.recorded}"
            if self.reason:
                ja += f"（理由: {self.reason}）"
                en += f" (the evaluator's reason, in the document's words: {self.reason})"
        parts = own.parts + (tuple(part.explanation for part in self.parts) if len(self.parts) > 1 else ())
        return Explanation("grade.measure", facts, ja=ja, en=en, parts=parts)

    def _repr_html_(self) -> str:
        return self.explanation._repr_html_()


def _points_of(
    values: Mapping[str, int | Fraction | Decimal | str] | Iterable[tuple[str, int | Fraction | Decimal | str]],
) -> tuple[tuple[str, Fraction], ...]:
    items = values.items() if isinstance(values, Mapping) else values
    exact: list[tuple[str, Fraction]] = []
    for label, value in items:
        path = f"points[{label!r}]"
        refusal = _number_error(path, value) if not isinstance(value, str) else None
        if refusal is not None:
            raise refusal
        try:
            number = Fraction(value)
        except (TypeError, ValueError, ZeroDivisionError):
            raise ValidationError(
                (path, (f"{value!r} is not a number of points", f"{value!r} は点数ではない"), "not_a_number")
            ) from None
        problem = number_problem(number)
        if problem is not None:
            raise ValidationError((path, problem))
        exact.append((str(label), number))
    return tuple(exact)


@functools.lru_cache(maxsize=1024)
def _label_number(label: str) -> Fraction:
    """The number a grade's label reads as ("7"), kept: a legend has few labels, and Fraction reads text slowly."""
    return Fraction(label)


def _plain(value: Fraction) -> str:
    return format_number(value, FigureUnit.VALUE.value)


@frozen
class Points:
    """Each indicator's grade counts as points, and the measure's total is graded by ``total``.

    佐野市 gives 7 points for 目標達成率 100%, 6 for 90% to under 100%, and so
    on down to 1, and grades the sum. ``points`` maps each grade's label to
    its points; without it, labels that are numbers ("7") count as
    themselves. ``total`` grades the sum on the :class:`~kyodo.bases.Score`
    basis, its bands in 点:

    >>> from kyodo import Indicator, Measure, Observation, Target
    >>> fy = FiscalYear(2015)
    >>> two = Measure("1", "二指標", indicators=[
    ...     Indicator("a", "件", targets=[Target(fy, 100)], actuals=[Observation(fy, 100)]),
    ...     Indicator("b", "件", targets=[Target(fy, 100)], actuals=[Observation(fy, 85)]),
    ... ])
    >>> levels = GradingScheme("levels", [Grade("I", bands=["12点以上"]), Grade("II", bands=["otherwise"])],
    ...                        basis="score")
    >>> result = grade_measure(two, fy, preset("sano-achievement-points"), combine=Points(levels))
    >>> print(result.explanation.text("ja"))
    I: 合計点 12.0点 は I の下限 12.0点 以上（2指標の評価 7、5 の点数 7 + 5）
    """

    total: GradingScheme
    points: tuple[tuple[str, Fraction], ...] = field(default=(), converter=_points_of)

    def __attrs_post_init__(self) -> None:
        if self.total.basis.unit is not FigureUnit.SCORE:
            raise ValidationError(
                (
                    "total",
                    (
                        f"the total is graded on the score basis, not {self.total.basis.label_en}",
                        f"合計は合計点の基準で評価する（{self.total.basis.label} ではない）",
                    ),
                )
            )

    def of(self, label: str) -> Fraction:
        """The points grade ``label`` counts for."""
        for known, value in self.points:
            if known == label:
                return value
        try:
            return _label_number(label)
        except (ValueError, ZeroDivisionError):
            raise ValidationError(
                ("points", (f"no points are given for the grade {label!r}", f"評価 {label!r} の点数が与えられていない"))
            ) from None


def grade_measure(
    measure: Measure,
    fy: FiscalYear,
    scheme: GradingScheme,
    *,
    combine: Combine | str | Points | None = None,
    weights: Mapping[str, Fraction | Decimal | int | str] | None = None,
) -> MeasureGrade:
    """Grade ``measure`` for ``fy``: each indicator, combined as ``combine`` says, beside the recorded grade.

    ``combine`` is the worst indicator's grade, the best, the grade of the
    mean or weighted mean of the rates, or a :class:`Points` total; without
    it, the scheme's own ``combine`` (the worst, unless its file says).
    With no graded indicator, the scheme's grade by the half-year status (the
    year's latest check) or for a year without a numeric target applies; where
    an indicator has a target but its rate is undefined, the result says so.

    ``weights`` (for ``combine="weighted"``) are exact and 0 or more: a
    Fraction, an int, a Decimal, or text such as ``"3/10"`` or ``"30%"``. A
    float is refused, since 0.3 in binary is not 3/10 and can tip a grade:

    >>> from kyodo import Indicator, Measure, Observation, Target
    >>> fy = FiscalYear(2015)
    >>> two = Measure("1", "m", indicators=[
    ...     Indicator("a", "件", targets=[Target(fy, 100)], actuals=[Observation(fy, 100)]),
    ...     Indicator("b", "件", targets=[Target(fy, 100)], actuals=[Observation(fy, 90)]),
    ... ])
    >>> sharp = GradingScheme("93%", [Grade("A", bands=[">= 93%"]), Grade("B", bands=["otherwise"])])
    >>> grade_measure(two, fy, sharp, combine="weighted", weights={"a": "3/10", "b": "7/10"}).computed.label
    'A'
    >>> grade_measure(two, fy, sharp, combine="weighted", weights={"a": 0.3, "b": 0.7})
    Traceback (most recent call last):
    kyodo.errors.ValidationError: weights['a']: 0.3 is a float; give an exact number (int, Decimal or Fraction)
    """
    _check_argument("measure", measure, Measure, "plan.find(code), say")
    _check_argument("fy", fy, FiscalYear, "FiscalYear(2016) or FiscalYear.parse('H28'), say")
    _check_argument("scheme", scheme, GradingScheme, "kyodo.preset(name) or kyodo.load(path, kind=GradingScheme)")
    if combine is None:
        combine = scheme.combine
    points = combine if isinstance(combine, Points) else None
    how = _BY_POINTS if points is not None else Combine.read(combine, "combine")
    if scheme.several_bases and how in (Combine.MEAN, Combine.WEIGHTED):
        raise ValidationError(
            (
                "combine",
                (
                    f"{scheme.name} grades by several bases, so its rates have no mean; combine by worst, best or points",
                    f"{scheme.name} は複数の基準で評価するため率の平均がない。worst、best、points で組み合わせる",
                ),
            )
        )
    exact_weights = None if weights is None else _read_weights(weights)
    parts = tuple([scheme.grade_indicator(indicator, fy) for indicator in measure.indicators])
    graded = [part for part in parts if part.label is not None and part.how == "band"]
    if not graded:
        checks = [check for check in measure.progress_checks if check.fy == fy]
        status = max(checks, key=lambda check: check.half).status if checks else None
        computed = scheme._without_rate(status, "no_target", None, None)
        undefined = [part for part in parts if part.how == "undefined"]
        if undefined and computed.how != "status":
            # The year has a numeric target; saying it has none would hide why there is no grade.
            computed = undefined[0]
    elif points is not None:
        computed = points.total.grade(sum((points.of(part.label or "") for part in graded), Fraction(0)))
    elif len(graded) == 1:
        computed = graded[0]
    elif how is _WORST:
        computed = max(graded, key=lambda part: scheme.rank(part.label or ""))
    elif how is _BEST:
        computed = min(graded, key=lambda part: scheme.rank(part.label or ""))
    else:
        rates = [(part, _weight(measure, part, parts, exact_weights, how)) for part in graded]
        total = sum(weight for _part, weight in rates)
        if total <= 0:
            raise ValidationError(
                ("weights", ("the weights of the graded indicators add up to 0", "評価された指標の重みの合計が 0"))
            )
        mean = sum((weight * (part.rate or Fraction(0)) for part, weight in rates), Fraction(0)) / total
        computed = scheme.grade(mean)
    evaluation = measure.evaluation(fy)
    recorded = evaluation.grade if evaluation else None
    reason = evaluation.assessment if evaluation and recorded is not None and recorded != computed.label else None
    return MeasureGrade(measure, fy, computed, parts, recorded, reason, how, points)


def _weight(
    measure: Measure,
    part: GradeResult,
    parts: tuple[GradeResult, ...],
    weights: Mapping[str, Fraction] | None,
    how: Combine,
) -> Fraction:
    if how is Combine.MEAN:
        return Fraction(1)
    name = measure.indicators[parts.index(part)].name
    if weights is None or name not in weights:
        raise ValidationError(
            ("weights", (f"no weight is given for the indicator {name!r}", f"指標 {name!r} の重みが与えられていない"))
        )
    return weights[name]


def _read_weights(weights: Mapping[str, Fraction | Decimal | int | str]) -> dict[str, Fraction]:
    """Every weight as an exact Fraction of 0 or more, refusing floats, and refusing weights that are all 0."""
    from kyodo.money import parse_rate

    exact: dict[str, Fraction] = {}
    for name, value in weights.items():
        path = f"weights[{name!r}]"
        if isinstance(value, str):
            if len(value) > MAX_LABEL_CHARS:
                raise ValidationError(
                    (
                        path,
                        (
                            f"a weight of {len(value)} characters is too long; kyodo reads at most {MAX_LABEL_CHARS}",
                            f"{len(value)}文字の重みは長すぎる。読めるのは{MAX_LABEL_CHARS}文字まで",
                        ),
                        "too_large",
                    )
                )
            try:
                # The rates' own reader: "3/10", "30%", "0.3", "3割" alike, and never negative.
                weight = parse_rate(value)
            except KyodoError as error:
                raise ValidationError((path, (str(error), _japanese(error)), error.code)) from None
        else:
            refusal = _number_error(path, value)
            if refusal is not None:
                raise refusal
            weight = Fraction(value)
        problem = number_problem(weight)
        if problem is not None:
            raise ValidationError((path, problem))
        if weight < 0:
            raise ValidationError(
                (path, (f"a weight cannot be negative: {value}", f"重みは負にならない（{value}）"), "out_of_range")
            )
        exact[name] = weight
    if exact and not any(exact.values()):
        raise ValidationError(("weights", ("every weight is 0", "すべての重みが 0")))
    return exact


def _japanese(error: KyodoError) -> str:
    message = getattr(error, "message", None)
    return message("ja") if callable(message) else str(error)


def grade_distribution(
    plan: Plan, fy: FiscalYear, scheme: GradingScheme, **options: Any
) -> dict[str, Counter[str | None]]:
    """How many measures got each computed grade for ``fy``: for the plan (key ``""``) and each section.

    Ungraded measures count under ``None``. ``options`` go to :func:`grade_measure`.
    """
    counts: dict[str, Counter[str | None]] = {"": Counter()}
    for code, node in plan.walk():
        if isinstance(node, Section):
            counts[code] = Counter()
    # The sections a node is in, by depth: a number may itself hold "-" (新庄市's 424-101-56), so the
    # ancestors of a path code are not the parts of it split at "-".
    ancestors: list[str] = []
    for code, node, depth in plan.tree():
        del ancestors[depth:]
        if isinstance(node, Section):
            ancestors.append(code)
        elif isinstance(node, Measure):
            label = grade_measure(node, fy, scheme, **options).computed.label
            counts[""][label] += 1
            for section in ancestors:
                counts[section][label] += 1
    return counts


def trend(measure: Measure, scheme: GradingScheme, years: Iterable[FiscalYear], **options: Any) -> Trend | None:
    """Whether the measure's computed grade improved, held or worsened from its first to its last graded year."""
    ranks = [
        scheme.rank(label)
        for fy in years
        if (label := grade_measure(measure, fy, scheme, **options).computed.label) is not None
    ]
    if len(ranks) < 2:
        return None
    if ranks[-1] < ranks[0]:
        return Trend.IMPROVING
    if ranks[-1] > ranks[0]:
        return Trend.WORSENING
    return Trend.STEADY


# --- two axes ---------------------------------------------------------------------------------


def _cells(values: Iterable[tuple[str, str, str]] | Mapping[tuple[str, str], str]) -> tuple[tuple[str, str, str], ...]:
    if isinstance(values, Mapping):
        return tuple((first, second, label) for (first, second), label in values.items())
    return tuple((first, second, label) for first, second, label in values)


@frozen
class TwoAxis:
    """A grade of two letters: one legend's grade by another's, as 長崎市 prints "Ab".

    ``first`` and ``second`` are the two legends (say achievement A–D and a
    progress status a–d, which a scheme may give ``by_status``). The grade
    is ``matrix[(first, second)]`` where a matrix is given, else the two
    labels joined ("A" and "b" give "Ab"). The combined grades rank first by
    the first axis, then the second, unless a matrix lists them best first.

    >>> achievement = GradingScheme("達成度", [Grade("A", bands=["100%以上"]), Grade("B", bands=["80%以上100%未満"]),
    ...                                        Grade("C", bands=["otherwise"])])
    >>> progress = GradingScheme("進捗", [Grade("a", bands=["100%以上"]), Grade("b", bands=["otherwise"])],
    ...                          basis="pace")
    >>> legend = TwoAxis("two letters", achievement, progress)
    >>> legend.grades[:3]
    ('Aa', 'Ab', 'Ba')
    """

    name: str
    first: GradingScheme
    second: GradingScheme
    matrix: tuple[tuple[str, str, str], ...] = field(default=(), converter=_cells)
    source: str | None = None
    description: str | None = None

    def __attrs_post_init__(self) -> None:
        firsts = [grade.label for grade in self.first.grades]
        seconds = [grade.label for grade in self.second.grades]
        problems: list[_Problem] = []
        if self.matrix:
            seen = {(first, second) for first, second, _label in self.matrix}
            for first, second, _label in self.matrix:
                if first not in firsts or second not in seconds:
                    problems.append(
                        (
                            "matrix",
                            (
                                f"({first!r}, {second!r}) is not a pair of the axes' grades",
                                f"({first!r}, {second!r}) は二つの軸の評価の組ではない",
                            ),
                        )
                    )
            missing = [(first, second) for first in firsts for second in seconds if (first, second) not in seen]
            if missing:
                pairs = ", ".join(f"{first}{second}" for first, second in missing)
                problems.append(("matrix", (f"no grade is given for {pairs}", f"{pairs} の評価が与えられていない")))
            if len(seen) != len(self.matrix):
                problems.append(("matrix", Coded("a pair is listed twice", "同じ組が二度ある", "duplicate")))
        if problems:
            raise ValidationError(*problems)

    @property
    def grades(self) -> tuple[str, ...]:
        """The combined grades, best first."""
        if self.matrix:
            return tuple(dict.fromkeys(label for _first, _second, label in self.matrix))
        return tuple(f"{a.label}{b.label}" for a in self.first.grades for b in self.second.grades)

    def label(self, first: str | None, second: str | None) -> str | None:
        """The combined grade of the two axes' grades, or None where either is missing."""
        if first is None or second is None:
            return None
        for known_first, known_second, label in self.matrix:
            if (known_first, known_second) == (first, second):
                return label
        return f"{first}{second}"

    def rank(self, label: str) -> int:
        """The position of the combined grade ``label``, 0 for the best."""
        return self.grades.index(label)


@frozen(slots=False)  # like GradeResult, made for every measure graded
class TwoAxisGrade:
    """A measure's two-axis grade for a year: each axis's grade, the combination, and the grade recorded."""

    legend: TwoAxis = field(repr=False)
    measure: Measure = field(repr=False)
    fy: FiscalYear
    first: MeasureGrade
    second: MeasureGrade
    label: str | None
    recorded: str | None
    reason: str | None

    @property
    def differs(self) -> bool:
        """True when a recorded grade exists and differs from the computed one."""
        return self.recorded is not None and self.label is not None and self.recorded != self.label

    def to_data(self) -> TwoAxisGradeData:
        """The two-axis grade as JSON-ready data (kind ``two_axis_grade``), each axis a ``measure_grade``."""
        return _result_data.two_axis_grade_data(self)

    @classmethod
    def from_data(cls, data: object, measure: Measure, legend: TwoAxis) -> TwoAxisGrade:
        """The grade :meth:`to_data` wrote of ``measure`` by ``legend``."""
        return _result_data.two_axis_grade_from(data, measure, legend)

    @property
    def explanation(self) -> Explanation:
        """The combined grade, with each axis's own explanation as a part."""
        first, second = self.first.computed, self.second.computed
        facts: dict[str, object] = {
            "legend": self.legend.name,
            "grade": self.label,
            "first": first.label,
            "second": second.label,
            "recorded": self.recorded,
            "differs": self.differs,
        }
        if self.label is None:
            ja = f"評価なし: {self.legend.first.name} {first.label or '評価なし'}、{self.legend.second.name} {second.label or '評価なし'}"
            en = f"no grade: {self.legend.first.name} {first.label or 'ungraded'}, {self.legend.second.name} {second.label or 'ungraded'}"
        else:
            ja = f"{self.label}: {self.legend.first.name} {first.label} と {self.legend.second.name} {second.label}"
            en = f"{self.label}: {self.legend.first.name} {first.label} and {self.legend.second.name} {second.label}"
        if self.differs:
            ja += f"。記録された評価は {self.recorded}"
            en += f"; the recorded grade is {self.recorded}"
            if self.reason:
                ja += f"（理由: {self.reason}）"
                en += f" (the evaluator's reason, in the document's words: {self.reason})"
        parts = (self.first.explanation, self.second.explanation)
        return Explanation("grade.two_axis", facts, ja=ja, en=en, parts=parts)

    def _repr_html_(self) -> str:
        return self.explanation._repr_html_()


def grade_two_axes(measure: Measure, fy: FiscalYear, legend: TwoAxis, **options: Any) -> TwoAxisGrade:
    """Grade ``measure`` for ``fy`` on both axes of ``legend``, beside the two-letter grade recorded.

    ``options`` (``combine``, ``weights``) go to :func:`grade_measure` for each axis.
    """
    first = grade_measure(measure, fy, legend.first, **options)
    second = grade_measure(measure, fy, legend.second, **options)
    label = legend.label(first.computed.label, second.computed.label)
    evaluation = measure.evaluation(fy)
    recorded = evaluation.grade if evaluation else None
    reason = evaluation.assessment if evaluation and recorded is not None and recorded != label else None
    return TwoAxisGrade(legend, measure, fy, first, second, label, recorded, reason)
