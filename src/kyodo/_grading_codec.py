"""The file form of a grading scheme (``kyodo.grading/1``): bands read in the unit of the basis they grade."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, NamedTuple

import cattrs
from cattrs.gen import make_dict_structure_fn

from kyodo._convert import _expect_str, _is
from kyodo.bases import BasisRule, basis_from_data, basis_to_data
from kyodo.errors import KyodoError, ValidationError
from kyodo.evaluations import ProgressStatus
from kyodo.grading import Band, GradingScheme

#: The schema of grading-scheme files.
GRADING_SCHEMA: Final = "kyodo.grading/1"


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


def add_grading_hooks(made: cattrs.Converter) -> None:
    """Teach ``made`` a grading scheme's file form: bands in the unit of their basis, bases, statuses."""
    made.register_structure_hook(Band, _structure_band)
    made.register_unstructure_hook(Band, str)
    made.register_structure_hook(BasisRule, lambda value, _t: basis_from_data(value))
    made.register_unstructure_hook_func(lambda t: isinstance(t, type) and issubclass(t, BasisRule), basis_to_data)
    by_status = tuple[tuple[ProgressStatus, str], ...]
    made.register_structure_hook_func(_is(by_status), _structure_by_status)
    made.register_unstructure_hook_func(_is(by_status), _unstructure_by_status)
    # Generated after the hooks above, so that the scheme's fields use them.
    fields = make_dict_structure_fn(
        GradingScheme, made, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    made.register_structure_hook(GradingScheme, lambda value, kind: fields(_bands_in_units(value), kind))  # type: ignore[arg-type]
