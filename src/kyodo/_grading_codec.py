"""The file form of a grading scheme (``kyodo.grading/1``): bands read in the unit of the basis they grade."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Final, NamedTuple

import cattrs
from cattrs.errors import BaseValidationError
from cattrs.gen import make_dict_structure_fn

from kyodo._convert import _expect_list, _expect_str, _is, _join, _problems, _record
from kyodo.bases import BasisRule, basis_from_data, basis_to_data
from kyodo.errors import KyodoError, Message, ParseError, ValidationError
from kyodo.evaluations import ProgressStatus
from kyodo.grading import Band, Combine, GradingScheme, Points

#: The schema of grading-scheme files.
GRADING_SCHEMA: Final = "kyodo.grading/1"
#: The schema of two-axis legends (長崎市's "Ab"): two schemes and, where printed, the matrix of their pairs.
TWO_AXIS_SCHEMA: Final = "kyodo.two-axis/1"


def _structure_by_status(value: object, _type: object) -> tuple[tuple[ProgressStatus, str], ...]:
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a table of progress status to grade, not {kind}",
                    f"進捗状況から評価への表が必要（{kind} が渡された）",
                ),
                "not_a_table",
            )
        )
    what = ("a grade label", "評価のラベル")
    return tuple((ProgressStatus.read(status), _expect_str(grade, what)) for status, grade in value.items())


def _unstructure_by_status(pairs: tuple[tuple[ProgressStatus, str], ...]) -> dict[str, str]:
    return {status.value: grade for status, grade in pairs}


class _InUnit(NamedTuple):
    """A band's text and the unit of the basis it grades, which the file leaves implicit."""

    text: str
    unit: str


def _structure_band(value: object, _type: object) -> Band:
    if isinstance(value, _InUnit):
        return Band.parse(value.text, value.unit)
    return Band.parse(_expect_str(value, ("a band", "評価の区分")))


def _unit_of(basis: object) -> str | None:
    try:
        return basis_from_data(basis).unit.value
    except KyodoError:
        return None  # the basis's own hook reports it, with its path


def _in_unit(bands: object, unit: str | None) -> object:
    if unit is None or not isinstance(bands, list):
        return bands
    return [_InUnit(band, unit) if isinstance(band, str) else band for band in bands]


def _bands_in_units(value: object) -> object:
    """A scheme's data, its bands marked with the unit of the basis each grades ("16以上" where it is a score)."""
    if isinstance(value, Mapping) and isinstance(value.get("grades"), list):
        unit = _unit_of(value.get("basis", "achievement"))
        grades: list[object] = []
        for grade in value["grades"]:
            if isinstance(grade, Mapping):
                grade = dict(grade)
                if "bands" in grade:
                    grade["bands"] = _in_unit(grade["bands"], unit)
                if isinstance(grade.get("when"), list):
                    grade["when"] = [
                        {**condition, "bands": _in_unit(condition.get("bands"), _unit_of(condition.get("basis")))}
                        if isinstance(condition, Mapping) and "bands" in condition
                        else condition
                        for condition in grade["when"]
                    ]
            grades.append(grade)
        value = {**value, "grades": grades}
    return value


def _structure_combine(made: cattrs.Converter, value: object, _type: object) -> Combine | Points:
    """How a scheme combines a measure's indicators: a name (worst, best, mean, weighted) or a table of points."""
    if not isinstance(value, Mapping):
        return Combine.read(value)
    unknown = sorted(set(value) - {"points", "total"})
    if unknown or "total" not in value:
        raise ValidationError(
            (
                "",
                (
                    "combine by points is a table of 'total' (a scheme on the score basis) and 'points' (per grade)",
                    "点数による組み合わせは total（合計点の評価基準）と points（評価ごとの点数）の表",
                ),
                "unknown_key" if unknown else "missing_key",
            )
        )
    points = value.get("points", {})
    if not isinstance(points, Mapping):
        raise ValidationError(
            ("points", ("expected a table of points per grade", "評価ごとの点数の表が必要"), "not_a_table")
        )
    try:
        total = made.structure(value["total"], GradingScheme)
    except (BaseValidationError, ValidationError, ParseError) as error:
        raise ValidationError(*((_join("total", path), message) for path, message in _problems(error, ""))) from None
    return Points(total, points)


def _unstructure_combine(made: cattrs.Converter, value: Combine | Points) -> object:
    if isinstance(value, Points):
        points = {label: int(number) if number.denominator == 1 else str(number) for label, number in value.points}
        total = made.unstructure(value.total, GradingScheme)
        return {"points": points, "total": total} if points else {"total": total}
    return value.value


def _structure_matrix(value: object, _type: object) -> tuple[tuple[str, str, str], ...]:
    """A two-axis matrix: a list of tables, each a pair of the axes' grades and the grade it gives."""
    cells: list[tuple[str, str, str]] = []
    problems: list[tuple[str, Message]] = []
    what = ("a grade label", "評価のラベル")
    for index, cell in enumerate(_expect_list(value)):
        try:
            record = _record(cell, {"first", "second", "grade"}, ("a cell of the matrix", "組み合わせ表の欄"))
            missing = [key for key in ("first", "second", "grade") if key not in record]
            if missing:
                raise ValidationError(
                    ("", (f"{missing[0]!r} is required", f"{missing[0]!r} がない（必須）"), "missing_key")
                )
            texts: list[str] = []
            for key in ("first", "second", "grade"):
                try:
                    texts.append(_expect_str(record[key], what))
                except ValidationError as error:
                    raise ValidationError(*((_join(key, path), message) for path, message in error.bilingual)) from None
            cells.append((texts[0], texts[1], texts[2]))
        except ValidationError as error:
            problems.extend((_join(f"[{index}]", path), message) for path, message in error.bilingual)
    if problems:
        raise ValidationError(*((path.replace(".[", "["), message) for path, message in problems))
    return tuple(cells)


def add_grading_hooks(made: cattrs.Converter) -> None:
    """Teach ``made`` a grading scheme's file form: bands in the unit of their basis, bases, statuses."""
    made.register_structure_hook(Band, _structure_band)
    made.register_unstructure_hook(Band, str)
    made.register_structure_hook(BasisRule, lambda value, _t: basis_from_data(value))
    made.register_unstructure_hook_func(lambda t: isinstance(t, type) and issubclass(t, BasisRule), basis_to_data)
    by_status = tuple[tuple[ProgressStatus, str], ...]
    made.register_structure_hook_func(_is(by_status), _structure_by_status)
    made.register_unstructure_hook_func(_is(by_status), _unstructure_by_status)
    made.register_structure_hook_func(_is(Combine | Points), partial(_structure_combine, made))
    made.register_unstructure_hook_func(_is(Combine | Points), partial(_unstructure_combine, made))
    matrix = tuple[tuple[str, str, str], ...]
    made.register_structure_hook_func(_is(matrix), _structure_matrix)
    made.register_unstructure_hook_func(
        _is(matrix), lambda cells: [{"first": a, "second": b, "grade": label} for a, b, label in cells]
    )
    # Generated after the hooks above, so that the scheme's fields use them.
    fields = make_dict_structure_fn(
        GradingScheme, made, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    made.register_structure_hook(GradingScheme, lambda value, kind: fields(_bands_in_units(value), kind))  # type: ignore[arg-type]
