"""Results as data (``kyodo.result/1``) and back: the conversions every result's ``to_data``/``from_data`` share.

The forms are described in :mod:`kyodo.results`. Reading checks every value
it takes and raises :class:`~kyodo.ValidationError` with the path to the first
bad one (``parts[1].rate``); nothing is built from data that did not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, cast, get_args

from kyodo._limits import number_problem
from kyodo.bases import FigureUnit, Reading, Unread, basis_from_data, basis_to_data
from kyodo.errors import Coded, KyodoError, ValidationError, join_path
from kyodo.evaluations import ProgressStatus
from kyodo.fiscal import FiscalYear
from kyodo.indicators import Direction, Observation
from kyodo.results import (
    RESULT_SCHEMA,
    AllocationData,
    ApplicationData,
    AssessmentData,
    AwardData,
    BandData,
    ClaimData,
    GradeData,
    GradeHow,
    JSONValue,
    MeasureGradeData,
    ObservationData,
    ProjectionData,
    ReadingData,
    ResultKind,
    SettlementData,
    StatusData,
    StepLineData,
    TwoAxisGradeData,
    UnitData,
    UnreadData,
    UnreadHow,
    VerdictData,
    VerdictValue,
    WhatIfData,
    WhatIfRowData,
    WordsData,
)

if TYPE_CHECKING:
    from kyodo.completion import Assessment, Criterion, Facts, Projection, Verdict
    from kyodo.grading import GradeResult, GradingScheme, MeasureGrade, Points, TwoAxis, TwoAxisGrade
    from kyodo.plan import Measure
    from kyodo.steps import Claim, StepLine
    from kyodo.subsidies import Allocation, Application, Award, Settlement, SubsidyRule
    from kyodo.whatif import WhatIf, WhatIfRow

T = TypeVar("T")

#: The longest text read as a number: far more digits than any figure kyodo computes, few enough to read quickly.
_MAX_NUMBER_CHARS: Final = 1000
_FRACTION: Final = re.compile(r"-?[0-9]+(?:/[0-9]+)?")
_OTHER_CALENDAR: Final = re.compile(r"([0-9]{1,4})年度（([0-9]{1,2})月始まり）")
_ISO_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_GRADE_HOWS: Final[tuple[str, ...]] = get_args(GradeHow)
_UNREAD_HOWS: Final[tuple[str, ...]] = get_args(UnreadHow)


# --- writing -------------------------------------------------------------------------------------


def fy_text(fy: FiscalYear) -> str:
    """A fiscal year as results write it: its label as files write it, with the start month if not April."""
    if fy.start_month == 4:
        return str(fy)
    return f"{fy.year}年度（{fy.start_month}月始まり）"


def when_text(when: date | FiscalYear) -> str:
    """A day as ISO text, a fiscal year as :func:`fy_text`."""
    return fy_text(when) if isinstance(when, FiscalYear) else when.isoformat()


def exact(value: Decimal | Fraction | None) -> str | None:
    """An exact number as Python prints it ("96.0", "24/25"), or None."""
    if value is None:
        return None
    return str(Fraction(value)) if isinstance(value, Fraction) else str(value)


def tagged(value: object) -> JSONValue:
    """A value whose type its key does not fix, tagged where JSON alone would lose the type."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return str(value)  # a str-valued enum as its plain text
    if isinstance(value, Fraction):
        return {"fraction": str(Fraction(value))}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, FiscalYear):
        return {"fiscal_year": fy_text(value)}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Mapping):
        return {"table": {str(key): tagged(item) for key, item in value.items()}}
    if isinstance(value, tuple | list):
        return {"list": [tagged(item) for item in value]}
    return {"text": str(value)}


def words(pair: tuple[str, str] | None) -> WordsData | None:
    """A message kept as (English, Japanese), as data."""
    return None if pair is None else {"en": pair[0], "ja": pair[1]}


def _band(band: Any) -> BandData | None:
    if band is None:
        return None
    return {
        "text": str(band),
        "lower": exact(band.lower),
        "lower_inclusive": band.lower_inclusive,
        "upper": exact(band.upper),
        "upper_inclusive": band.upper_inclusive,
        "unit": band.unit.value,
    }


def _status(status: ProgressStatus | None) -> StatusData | None:
    if status is None:
        return None
    return {"value": status.value, "label": status.label, "label_en": status.label_en}


def _reading(reading: Reading) -> ReadingData:
    return {
        "value": str(reading.value),
        "unit": reading.unit.value,
        "figures": [[name, tagged(value)] for name, value in reading.figures],
        "ja": reading.ja,
        "en": reading.en,
        "per": reading.per,
    }


def _unread(unread: Unread) -> UnreadData:
    return {
        "how": unread.how,
        "actual": exact(unread.actual),
        "target": exact(unread.target),
        "why": words(unread.why),
    }


def grade_data(result: GradeResult) -> GradeData:
    """:meth:`kyodo.GradeResult.to_data`."""
    reading = result.reading
    return {
        "schema": RESULT_SCHEMA,
        "kind": "grade",
        "scheme": result.scheme.name,
        "label": result.label,
        "how": result.how,
        "rate": exact(result.rate),
        "band": _band(result.band),
        "actual": exact(result.actual),
        "target": exact(result.target),
        "status": _status(result.status),
        "why": words(result.why),
        "direction": None if result.direction is None else result.direction.value,
        "baseline": exact(result.baseline),
        "elapsed": None if result.elapsed is None else list(result.elapsed),
        "basis": None if result.basis is None else cast(JSONValue, basis_to_data(result.basis)),
        "graded_basis": cast(JSONValue, basis_to_data(result.graded_basis)),
        "reading": None if reading is None else _reading(reading),
        "readings": [
            {
                "basis": cast(JSONValue, basis_to_data(basis)),
                "reading": _reading(seen) if isinstance(seen, Reading) else None,
                "unread": _unread(seen) if isinstance(seen, Unread) else None,
            }
            for basis, seen in result.readings
        ],
        "explanation": result.explanation.to_data(),
    }


def _points(points: Points | None) -> dict[str, str] | None:
    return None if points is None else {label: str(value) for label, value in points.points}


def measure_grade_data(grade: MeasureGrade) -> MeasureGradeData:
    """:meth:`kyodo.MeasureGrade.to_data`."""
    indicators = grade.measure.indicators
    return {
        "schema": RESULT_SCHEMA,
        "kind": "measure_grade",
        "measure": grade.measure.number,
        "fy": fy_text(grade.fy),
        "computed": grade_data(grade.computed),
        "computed_part": next((index for index, part in enumerate(grade.parts) if part is grade.computed), None),
        "parts": [
            {**grade_data(part), "indicator": indicator.name}
            for indicator, part in zip(indicators, grade.parts, strict=False)
        ],
        "recorded": grade.recorded,
        "reason": grade.reason,
        "differs": grade.differs,
        "combine": grade.combine.value,
        "points": _points(grade.points),
        "explanation": grade.explanation.to_data(),
    }


def two_axis_grade_data(grade: TwoAxisGrade) -> TwoAxisGradeData:
    """:meth:`kyodo.TwoAxisGrade.to_data`."""
    return {
        "schema": RESULT_SCHEMA,
        "kind": "two_axis_grade",
        "legend": grade.legend.name,
        "measure": grade.measure.number,
        "fy": fy_text(grade.fy),
        "label": grade.label,
        "first": measure_grade_data(grade.first),
        "second": measure_grade_data(grade.second),
        "recorded": grade.recorded,
        "reason": grade.reason,
        "differs": grade.differs,
        "explanation": grade.explanation.to_data(),
    }


def _claim(claim: Claim | None) -> ClaimData | None:
    if claim is None:
        return None
    units: list[UnitData] = [
        {
            "name": unit.name,
            "cost": unit.cost,
            "attributes": dict(unit.attributes),
            "counts": {name: tagged(count) for name, count in unit.counts},
        }
        for unit in claim.units
    ]
    return {
        "units": units,
        "attributes": dict(claim.attributes),
        "deductions": dict(claim.deductions),
        "site": claim.site,
        "counts": {name: tagged(count) for name, count in claim.counts},
    }


def _line(line: StepLine) -> StepLineData:
    amount = line.amount
    return {
        "step": line.step,
        "amount": None if amount is None else str(Fraction(amount)),
        "facts": {name: tagged(value) for name, value in line.facts},
        "ja": line.ja,
        "en": line.en,
    }


def _index(items: Iterable[object], found: object) -> int | None:
    if found is None:
        return None
    for index, item in enumerate(items):
        if item is found:
            return index
    for index, item in enumerate(items):
        if item == found:
            return index
    return None


def award_data(award: Award) -> AwardData:
    """:meth:`kyodo.Award.to_data`."""
    eligible = award.eligible_cost
    return {
        "schema": RESULT_SCHEMA,
        "kind": "award",
        "rule": award.rule.name,
        "fy": fy_text(award.fy),
        "body": award.body,
        "cost": dict(award.cost),
        "total_cost": award.total_cost,
        "amount": award.amount,
        "binding": award.binding.value,
        "refusal": None if award.refusal is None else award.refusal.value,
        "terms": _index([terms for _start, terms in award.rule.versions], award.terms),
        "eligible_cost": eligible if eligible is None or type(eligible) is int else str(Fraction(eligible)),
        "product": exact(award.product),
        "failed": _index(award.rule.conditions, award.failed),
        "claim": _claim(award.claim),
        "lines": [_line(line) for line in award.lines],
        "explanation": award.explanation.to_data(),
    }


def settlement_data(settlement: Settlement) -> SettlementData:
    """:meth:`kyodo.Settlement.to_data`."""
    return {
        "schema": RESULT_SCHEMA,
        "kind": "settlement",
        "advance": settlement.advance,
        "confirmed": award_data(settlement.confirmed),
        "refund": settlement.refund,
        "additional": settlement.additional,
    }


def allocation_data(allocation: Allocation) -> AllocationData:
    """:meth:`kyodo.Allocation.to_data`."""
    return {
        "schema": RESULT_SCHEMA,
        "kind": "allocation",
        "budget": allocation.budget,
        "requested": list(allocation.requested),
        "amounts": list(allocation.amounts),
        "method": allocation.method,
        "total": allocation.total,
    }


def verdict_data(verdict: Verdict) -> VerdictData:
    """:meth:`kyodo.Verdict.to_data`."""
    return {
        "schema": RESULT_SCHEMA,
        "kind": "verdict",
        "verdict": cast(VerdictValue, verdict.value),
        "ja": verdict.label,
        "en": verdict.label_en,
    }


def assessment_data(assessment: Assessment) -> AssessmentData:
    """:meth:`kyodo.Assessment.to_data`."""
    from kyodo._criterion_text import format_criterion

    try:
        criterion: str | None = format_criterion(assessment.criterion)
    except ValidationError:  # a criterion the text cannot hold (a year of another calendar, say)
        criterion = None
    return {
        "schema": RESULT_SCHEMA,
        "kind": "assessment",
        "verdict": cast(VerdictValue, assessment.verdict.value),
        "as_of": when_text(assessment.as_of),
        "criterion": criterion,
        "explanation": assessment.explanation.to_data(),
    }


def _observation(observation: Observation) -> ObservationData:
    return {
        "fy": fy_text(observation.fy),
        "value": str(observation.value),
        "estimate": observation.estimate,
        "preliminary": observation.preliminary,
        "printed_rate": observation.printed_rate,
        "on": None if observation.on is None else observation.on.isoformat(),
        "stage": observation.stage,
    }


def projection_data(projection: Projection) -> ProjectionData:
    """:meth:`kyodo.Projection.to_data`."""
    return {
        "schema": RESULT_SCHEMA,
        "kind": "projection",
        "indicator": projection.indicator,
        "wanted": str(projection.wanted),
        "latest": _observation(projection.latest),
        "pace": str(projection.pace),
        "years": projection.years,
        "fy": None if projection.fy is None else fy_text(projection.fy),
        "explanation": projection.explanation.to_data(),
    }


def what_if_row_data(row: WhatIfRow) -> WhatIfRowData:
    """:meth:`kyodo.WhatIfRow.to_data`."""
    return {
        "schema": RESULT_SCHEMA,
        "kind": "what_if_row",
        "variant": row.variant,
        "body": row.body,
        "fy": fy_text(row.fy),
        "cost": row.cost,
        "award": row.award,
        "binding": row.binding.value,
        "refusal": None if row.refusal is None else row.refusal.value,
    }


def what_if_data(result: WhatIf) -> WhatIfData:
    """:meth:`kyodo.WhatIf.to_data`."""
    return {
        "schema": RESULT_SCHEMA,
        "kind": "what_if",
        "variants": list(result.variants),
        "rows": [what_if_row_data(row) for row in result.rows],
        "totals": result.totals(),
    }


# --- reading -------------------------------------------------------------------------------------


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _fail(path: str, english: str, japanese: str, code: str) -> ValidationError:
    return ValidationError((path, Coded(english, japanese, code)))


def _table(value: object, path: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise _fail(
            path, f"expected a table, not {type(value).__name__}", f"表が必要（{type(value).__name__}）", "not_a_table"
        )
    return value


def _get(data: Mapping[str, object], key: str, path: str) -> object:
    if key not in data:
        raise _fail(_at(path, key), f"the key {key!r} is missing", f"キー {key!r} がない", "missing_key")
    return data[key]


def _list(data: Mapping[str, object], key: str, path: str) -> list[object]:
    value = _get(data, key, path)
    if not isinstance(value, list):
        raise _fail(_at(path, key), "expected a list", "リストが必要", "not_a_list")
    return value


def _text(data: Mapping[str, object], key: str, path: str) -> str:
    value = _get(data, key, path)
    if not isinstance(value, str):
        raise _fail(_at(path, key), f"expected text, not {type(value).__name__}", "文字列が必要", "not_text")
    return value


def _optional_text(data: Mapping[str, object], key: str, path: str) -> str | None:
    return None if _get(data, key, path) is None else _text(data, key, path)


def _int(data: Mapping[str, object], key: str, path: str) -> int:
    return _whole(_get(data, key, path), _at(path, key))


def _whole(value: object, path: str) -> int:
    if type(value) is not int:
        code = "inexact_number" if isinstance(value, bool | float) else "not_a_number"
        raise _fail(path, f"expected a whole number, not {value!r}", f"整数が必要（{value!r}）", code)
    problem = number_problem(value)
    if problem is not None:
        raise ValidationError((path, problem))
    return value


def _bool(data: Mapping[str, object], key: str, path: str) -> bool:
    value = _get(data, key, path)
    if not isinstance(value, bool):
        raise _fail(_at(path, key), "expected true or false", "true か false が必要", "not_a_boolean")
    return value


def _number_text(value: object, path: str) -> str:
    if not isinstance(value, str):
        code = "inexact_number" if isinstance(value, bool | float) else "not_a_number"
        raise _fail(path, f"an exact number is written as text, not {value!r}", "数は文字列で書く", code)
    if len(value) > _MAX_NUMBER_CHARS:
        raise _fail(path, "the number is too long", "数が長すぎる", "too_large")
    return value


def _decimal_of(value: object, path: str) -> Decimal:
    text = _number_text(value, path)
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or text != text.strip():
        raise _fail(path, f"{text!r} is not a decimal number", f"{text!r} は小数ではない", "not_a_number")
    problem = number_problem(number)
    if problem is not None:
        raise ValidationError((path, problem))
    return number


def _fraction_of(value: object, path: str) -> Fraction:
    text = _number_text(value, path)
    if not _FRACTION.fullmatch(text):
        raise _fail(
            path,
            f"{text!r} is not an exact number such as 24/25",
            f"{text!r} は 24/25 のような数ではない",
            "not_a_number",
        )
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise _fail(path, f"{text!r} is not an exact number", f"{text!r} は数ではない", "not_a_number") from None


def _optional(data: Mapping[str, object], key: str, path: str, read: Callable[[object, str], T]) -> T | None:
    value = _get(data, key, path)
    return None if value is None else read(value, _at(path, key))


def _fy_of(value: object, path: str) -> FiscalYear:
    if not isinstance(value, str):
        raise _fail(
            path, "a fiscal year is written as text (平成27年度)", "年度は文字列で書く（平成27年度）", "not_text"
        )
    other = _OTHER_CALENDAR.fullmatch(value)
    try:
        if other is not None:
            return FiscalYear(int(other.group(1)), int(other.group(2)))
        return FiscalYear.parse(value)
    except KyodoError as error:
        raise _fail(path, error.message("en"), error.message("ja"), "bad_fiscal_year") from None


def _day_of(value: object, path: str) -> date:
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise _fail(path, f"expected a day as 2018-07-20, not {value!r}", "日付は 2018-07-20 の形で書く", "bad_date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(path, f"{value!r} is not a day", f"{value!r} は日付ではない", "bad_date") from None


def _when_of(value: object, path: str) -> date | FiscalYear:
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return _day_of(value, path)
    return _fy_of(value, path)


def _words_of(value: object, path: str) -> tuple[str, str]:
    table = _table(value, path)
    return _text(table, "en", path), _text(table, "ja", path)


def _choice(value: object, choices: Sequence[str], path: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise _fail(
            path,
            f"{value!r} is not one of {', '.join(choices)}",
            f"{value!r} は {'、'.join(choices)} のいずれでもない",
            "unknown_label",
        )
    return value


def _enum(kind: Any, value: object, path: str) -> Any:
    return kind(_choice(value, [member.value for member in kind], path))


def untagged(value: object, path: str) -> object:
    """A value written by :func:`tagged`, read back."""
    if value is None or isinstance(value, bool | int | str):
        if isinstance(value, int) and not isinstance(value, bool):
            return _whole(value, path)
        return value
    if isinstance(value, list):
        raise _fail(path, 'a list is written as {"list": [...]}', 'リストは {"list": [...]} と書く', "invalid")
    table = _table(value, path)
    if len(table) != 1:
        raise _fail(path, "a tagged value has one key", "型付きの値はキーを一つ持つ", "invalid")
    ((tag, inner),) = table.items()
    where = _at(path, tag)
    if tag == "fraction":
        return _fraction_of(inner, where)
    if tag == "decimal":
        return _decimal_of(inner, where)
    if tag == "fiscal_year":
        return _fy_of(inner, where)
    if tag == "date":
        return _day_of(inner, where)
    if tag == "table":
        return {str(key): untagged(item, _at(where, str(key))) for key, item in _table(inner, where).items()}
    if tag == "list":
        if not isinstance(inner, list):
            raise _fail(where, "expected a list", "リストが必要", "not_a_list")
        return tuple(untagged(item, _at(where, index)) for index, item in enumerate(inner))
    if tag == "text":
        if not isinstance(inner, str):
            raise _fail(where, "expected text", "文字列が必要", "not_text")
        return inner
    raise _fail(where, f"{tag!r} is not a tag of a value", f"{tag!r} は値の型ではない", "unknown_key")


def _head(data: object, kind: ResultKind, path: str) -> Mapping[str, object]:
    table = _table(data, path)
    schema, found = table.get("schema"), table.get("kind")
    if schema != RESULT_SCHEMA or found != kind:
        raise _fail(
            _at(path, "kind" if schema == RESULT_SCHEMA else "schema"),
            f"expected {RESULT_SCHEMA} data of the kind {kind!r}, not schema {schema!r} kind {found!r}",
            f"{RESULT_SCHEMA} の {kind!r} のデータが必要（schema {schema!r}、kind {found!r}）",
            "wrong_schema",
        )
    return table


def _named(data: Mapping[str, object], key: str, path: str, name: str, what: str) -> None:
    given = _text(data, key, path)
    if given != name:
        raise _fail(
            _at(path, key),
            f"the data is of the {what} {given!r}, not of {name!r} given to read it with",
            f"データは {what} {given!r} のもので、渡された {name!r} のものではない",
            "invalid",
        )


def _schemes(scheme: GradingScheme, points: Points | None) -> dict[str, GradingScheme]:
    found: dict[str, GradingScheme] = {}

    def add(one: GradingScheme) -> None:
        found.setdefault(one.name, one)
        for case in one.cases:
            add(case.scheme)

    add(scheme)
    if points is not None:
        add(points.total)
    return found


def _band_of(value: object, path: str) -> Any:
    from kyodo.grading import Band

    table = _table(value, path)
    return Band(
        _optional(table, "lower", path, _fraction_of),
        _bool(table, "lower_inclusive", path),
        _optional(table, "upper", path, _fraction_of),
        _bool(table, "upper_inclusive", path),
        _enum(FigureUnit, _get(table, "unit", path), _at(path, "unit")),
    )


def _status_of(value: object, path: str) -> ProgressStatus:
    table = _table(value, path)
    return ProgressStatus(_text(table, "value", path), _text(table, "label", path), _text(table, "label_en", path))


def _reading_of(value: object, path: str) -> Reading:
    table = _table(value, path)
    figures: list[tuple[str, object]] = []
    for index, pair in enumerate(_list(table, "figures", path)):
        where = _at(_at(path, "figures"), index)
        if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[0], str):
            raise _fail(where, "a figure is [name, value]", "数値は [名前, 値] と書く", "invalid")
        figures.append((pair[0], untagged(pair[1], _at(where, 1))))
    return Reading(
        _fraction_of(_get(table, "value", path), _at(path, "value")),
        _enum(FigureUnit, _get(table, "unit", path), _at(path, "unit")),
        tuple(figures),
        _text(table, "ja", path),
        _text(table, "en", path),
        _optional_text(table, "per", path),
    )


def _unread_of(value: object, path: str) -> Unread:
    table = _table(value, path)
    return Unread(
        cast(UnreadHow, _choice(_get(table, "how", path), _UNREAD_HOWS, _at(path, "how"))),
        _optional(table, "actual", path, _decimal_of),
        _optional(table, "target", path, _decimal_of),
        _optional(table, "why", path, _words_of),
    )


def _basis_of(value: object, path: str) -> Any:
    try:
        return basis_from_data(value, path)
    except ValidationError:
        raise
    except (TypeError, ValueError) as error:
        raise _fail(path, f"not a basis: {error}", f"基準ではない: {error}", "invalid") from None


def grade_from(data: object, schemes: Mapping[str, GradingScheme], path: str = "") -> GradeResult:
    """A :class:`kyodo.GradeResult` from its data, graded by the scheme of its name among ``schemes``."""
    from kyodo.grading import GradeResult

    table = _head(data, "grade", path)
    name = _text(table, "scheme", path)
    scheme = schemes.get(name)
    if scheme is None:
        raise _fail(
            _at(path, "scheme"),
            f"the grade is of the scheme {name!r}, not of {', '.join(map(repr, schemes))} given to read it with",
            f"評価は基準 {name!r} のもので、渡された {'、'.join(schemes)} のものではない",
            "invalid",
        )
    readings: list[tuple[Any, Reading | Unread]] = []
    for index, item in enumerate(_list(table, "readings", path)):
        where = _at(_at(path, "readings"), index)
        pair = _table(item, where)
        basis = _basis_of(_get(pair, "basis", where), _at(where, "basis"))
        seen = _optional(pair, "reading", where, _reading_of) or _optional(pair, "unread", where, _unread_of)
        if seen is None:
            raise _fail(where, "a reading or an unread is needed", "reading か unread が必要", "missing_key")
        readings.append((basis, seen))
    elapsed = _get(table, "elapsed", path)
    if elapsed is not None and (not isinstance(elapsed, list) or len(elapsed) != 2):
        raise _fail(
            _at(path, "elapsed"), "elapsed is [years done, years planned]", "elapsed は [経過年数, 年数]", "invalid"
        )
    return GradeResult(
        scheme,
        _optional_text(table, "label", path),
        cast(GradeHow, _choice(_get(table, "how", path), _GRADE_HOWS, _at(path, "how"))),
        _optional(table, "rate", path, _fraction_of),
        _optional(table, "band", path, _band_of),
        _optional(table, "actual", path, _decimal_of),
        _optional(table, "target", path, _decimal_of),
        _optional(table, "status", path, _status_of),
        _optional(table, "why", path, _words_of),
        _optional(table, "direction", path, lambda value, where: _enum(Direction, value, where)),
        _optional(table, "baseline", path, _decimal_of),
        None
        if elapsed is None
        else (_whole(elapsed[0], _at(path, "elapsed[0]")), _whole(elapsed[1], _at(path, "elapsed[1]"))),
        _optional(table, "reading", path, _reading_of),
        _optional(table, "basis", path, _basis_of),
        tuple(readings),
    )


def grade_result_from(data: object, scheme: GradingScheme) -> GradeResult:
    """:meth:`kyodo.GradeResult.from_data`."""
    return grade_from(data, _schemes(scheme, None))


def measure_grade_from(
    data: object, measure: Measure, scheme: GradingScheme, points: Points | None = None, path: str = ""
) -> MeasureGrade:
    """:meth:`kyodo.MeasureGrade.from_data`."""
    from kyodo.grading import Combine, MeasureGrade

    table = _head(data, "measure_grade", path)
    _named(table, "measure", path, measure.number, "measure")
    written = _get(table, "points", path)
    if written != _points(points):
        raise _fail(
            _at(path, "points"),
            "the points given to read the data with are not those it was graded by",
            "渡された点数はデータの評価に使った点数と異なる",
            "invalid",
        )
    schemes = _schemes(scheme, points)
    parts_data = _list(table, "parts", path)
    parts = tuple(grade_from(part, schemes, _at(_at(path, "parts"), index)) for index, part in enumerate(parts_data))
    if len(parts) != len(measure.indicators):
        raise _fail(
            _at(path, "parts"),
            f"{len(parts)} grades for the {len(measure.indicators)} indicators of the measure",
            f"指標 {len(measure.indicators)} 件に評価が {len(parts)} 件",
            "invalid",
        )
    for index, (indicator, part) in enumerate(zip(measure.indicators, parts_data, strict=True)):
        where = _at(_at(path, "parts"), index)
        _named(_table(part, where), "indicator", where, indicator.name, "indicator")
    which = _get(table, "computed_part", path)
    if which is None:
        computed = grade_from(_get(table, "computed", path), schemes, _at(path, "computed"))
    else:
        index = _whole(which, _at(path, "computed_part"))
        if not 0 <= index < len(parts):
            raise _fail(_at(path, "computed_part"), f"no part {index}", f"{index} 番の評価がない", "out_of_range")
        computed = parts[index]
    return MeasureGrade(
        measure,
        _fy_of(_get(table, "fy", path), _at(path, "fy")),
        computed,
        parts,
        _optional_text(table, "recorded", path),
        _optional_text(table, "reason", path),
        _enum(Combine, _get(table, "combine", path), _at(path, "combine")),
        points,
    )


def two_axis_grade_from(data: object, measure: Measure, legend: TwoAxis) -> TwoAxisGrade:
    """:meth:`kyodo.TwoAxisGrade.from_data`."""
    from kyodo.grading import TwoAxisGrade

    table = _head(data, "two_axis_grade", "")
    _named(table, "legend", "", legend.name, "legend")
    return TwoAxisGrade(
        legend,
        measure,
        _fy_of(_get(table, "fy", ""), "fy"),
        measure_grade_from(_get(table, "first", ""), measure, legend.first, path="first"),
        measure_grade_from(_get(table, "second", ""), measure, legend.second, path="second"),
        _optional_text(table, "label", ""),
        _optional_text(table, "recorded", ""),
        _optional_text(table, "reason", ""),
    )


def _strings(value: object, path: str) -> dict[str, str]:
    table = _table(value, path)
    for key, item in table.items():
        if not isinstance(item, str):
            raise _fail(_at(path, key), "expected text", "文字列が必要", "not_text")
    return cast(dict[str, str], dict(table))


def _yens(value: object, path: str) -> dict[str, int]:
    return {str(key): _whole(item, _at(path, str(key))) for key, item in _table(value, path).items()}


def _counts(value: object, path: str) -> dict[str, Any]:
    return {str(key): untagged(item, _at(path, str(key))) for key, item in _table(value, path).items()}


def _claim_of(value: object, path: str) -> Claim:
    from kyodo.steps import Claim, Unit

    table = _table(value, path)
    units = []
    for index, item in enumerate(_list(table, "units", path)):
        where = _at(_at(path, "units"), index)
        unit = _table(item, where)
        units.append(
            Unit(
                _text(unit, "name", where),
                _int(unit, "cost", where),
                tuple(_strings(_get(unit, "attributes", where), _at(where, "attributes")).items()),
                tuple(_counts(_get(unit, "counts", where), _at(where, "counts")).items()),
            )
        )
    return Claim(
        tuple(units),
        tuple(_strings(_get(table, "attributes", path), _at(path, "attributes")).items()),
        tuple(_yens(_get(table, "deductions", path), _at(path, "deductions")).items()),
        _optional_text(table, "site", path),
        tuple(_counts(_get(table, "counts", path), _at(path, "counts")).items()),
    )


def _line_of(value: object, path: str) -> StepLine:
    from kyodo.steps import StepLine

    table = _table(value, path)
    facts = _table(_get(table, "facts", path), _at(path, "facts"))
    return StepLine(
        _text(table, "step", path),
        _optional(table, "amount", path, _fraction_of),
        tuple((str(name), untagged(item, _at(_at(path, "facts"), str(name)))) for name, item in facts.items()),
        _text(table, "ja", path),
        _text(table, "en", path),
    )


def _item(items: Sequence[T], value: object, path: str) -> T:
    index = _whole(value, path)
    if not 0 <= index < len(items):
        raise _fail(path, f"the rule has no item {index}", f"規則に {index} 番の項目がない", "out_of_range")
    return items[index]


def award_from(data: object, rule: SubsidyRule, path: str = "") -> Award:
    """:meth:`kyodo.Award.from_data`."""
    from kyodo.subsidies import Award, Constraint, Refusal

    table = _head(data, "award", path)
    _named(table, "rule", path, rule.name, "rule")
    eligible = _get(table, "eligible_cost", path)
    where = _at(path, "eligible_cost")
    terms = [terms for _start, terms in rule.versions]
    cost = _yens(_get(table, "cost", path), _at(path, "cost"))
    if not cost:
        raise _fail(_at(path, "cost"), "the cost has no amount", "費用がない", "invalid")
    return Award(
        rule,
        _fy_of(_get(table, "fy", path), _at(path, "fy")),
        _optional_text(table, "body", path),
        tuple(cost.items()),
        _int(table, "amount", path),
        _enum(Constraint, _get(table, "binding", path), _at(path, "binding")),
        _optional(table, "refusal", path, lambda value, at: _enum(Refusal, value, at)),
        _optional(table, "terms", path, lambda value, at: _item(terms, value, at)),
        None
        if eligible is None
        else _whole(eligible, where)
        if type(eligible) is int
        else _fraction_of(eligible, where),
        _optional(table, "product", path, _fraction_of),
        _optional(table, "failed", path, lambda value, at: _item(rule.conditions, value, at)),
        _optional(table, "claim", path, _claim_of),
        tuple(_line_of(line, _at(_at(path, "lines"), index)) for index, line in enumerate(_list(table, "lines", path))),
    )


def settlement_from(data: object, rule: SubsidyRule) -> Settlement:
    """:meth:`kyodo.Settlement.from_data`."""
    from kyodo.subsidies import Settlement

    table = _head(data, "settlement", "")
    return Settlement(
        _int(table, "advance", ""),
        award_from(_get(table, "confirmed", ""), rule, "confirmed"),
        _int(table, "refund", ""),
        _int(table, "additional", ""),
    )


def _yen_list(data: Mapping[str, object], key: str) -> tuple[int, ...]:
    return tuple(_whole(item, _at(key, index)) for index, item in enumerate(_list(data, key, "")))


def allocation_from(data: object) -> Allocation:
    """:meth:`kyodo.Allocation.from_data`."""
    from kyodo.subsidies import Allocation

    table = _head(data, "allocation", "")
    method = cast(
        Literal["full", "pro_rata", "priority"],
        _choice(_get(table, "method", ""), ("full", "pro_rata", "priority"), "method"),
    )
    return Allocation(_int(table, "budget", ""), _yen_list(table, "requested"), _yen_list(table, "amounts"), method)


def verdict_from(data: object) -> Verdict:
    """:meth:`kyodo.Verdict.from_data`."""
    from kyodo.completion import Verdict

    table = _head(data, "verdict", "")
    made: Verdict = _enum(Verdict, _get(table, "verdict", ""), "verdict")
    return made


def assessment_from(data: object, criterion: Criterion, facts: Facts) -> Assessment:
    """:meth:`kyodo.Assessment.from_data`: checked against the verdict ``criterion`` gives on ``facts``."""
    from kyodo.completion import Assessment, Verdict, evaluate

    table = _head(data, "assessment", "")
    verdict: Verdict = _enum(Verdict, _get(table, "verdict", ""), "verdict")
    as_of = _when_of(_get(table, "as_of", ""), "as_of")
    found = evaluate(criterion, facts, as_of)
    if found.verdict is not verdict:
        raise _fail(
            "verdict",
            f"the data says {verdict.value}, but the criterion gives {found.verdict.value} on the facts given",
            f"データは {verdict.label} だが、渡された条件と事実では {found.verdict.label}",
            "invalid",
        )
    return Assessment(verdict, criterion, facts, as_of)


def _observation_of(value: object, path: str) -> Observation:
    table = _table(value, path)
    return Observation(
        _fy_of(_get(table, "fy", path), _at(path, "fy")),
        _decimal_of(_get(table, "value", path), _at(path, "value")),
        _bool(table, "estimate", path),
        _bool(table, "preliminary", path),
        _optional_text(table, "printed_rate", path),
        _optional(table, "on", path, _day_of),
        # Data written before the stage was kept has no such key: its figures had none.
        _optional_text(table, "stage", path) if "stage" in table else None,
    )


def projection_from(data: object) -> Projection:
    """:meth:`kyodo.Projection.from_data`."""
    from kyodo.completion import Projection

    table = _head(data, "projection", "")
    return Projection(
        _text(table, "indicator", ""),
        _decimal_of(_get(table, "wanted", ""), "wanted"),
        _observation_of(_get(table, "latest", ""), "latest"),
        _fraction_of(_get(table, "pace", ""), "pace"),
        _int(table, "years", ""),
        _optional(table, "fy", "", _fy_of),
    )


def what_if_row_from(data: object, path: str = "") -> WhatIfRow:
    """:meth:`kyodo.WhatIfRow.from_data`."""
    from kyodo.subsidies import Constraint, Refusal
    from kyodo.whatif import WhatIfRow

    table = _head(data, "what_if_row", path)
    return WhatIfRow(
        _text(table, "variant", path),
        _text(table, "body", path),
        _fy_of(_get(table, "fy", path), _at(path, "fy")),
        _int(table, "cost", path),
        _int(table, "award", path),
        _enum(Constraint, _get(table, "binding", path), _at(path, "binding")),
        _optional(table, "refusal", path, lambda value, at: _enum(Refusal, value, at)),
    )


def what_if_from(data: object) -> WhatIf:
    """:meth:`kyodo.WhatIf.from_data`."""
    from kyodo.whatif import WhatIf

    table = _head(data, "what_if", "")
    variants: list[str] = []
    for index, variant in enumerate(_list(table, "variants", "")):
        if not isinstance(variant, str):
            raise _fail(f"variants[{index}]", "expected text", "文字列が必要", "not_text")
        variants.append(variant)
    rows = [what_if_row_from(row, f"rows[{index}]") for index, row in enumerate(_list(table, "rows", ""))]
    return WhatIf(rows, variants)


# --- applications: what a request carries, read leniently (a claim and its keys may be left out) -------------

_CLAIM_DEFAULTS: Final[dict[str, object]] = {
    "units": [],
    "attributes": {},
    "deductions": {},
    "site": None,
    "counts": {},
}
_UNIT_DEFAULTS: Final[dict[str, object]] = {"attributes": {}, "counts": {}}


def application_data(application: Application) -> ApplicationData:
    """:meth:`kyodo.Application.to_data`."""
    cost = application.cost
    claim = _claim(application.claim)
    assert claim is not None
    return {
        "body": application.body,
        "fy": fy_text(application.fy),
        "cost": dict(cost) if isinstance(cost, Mapping) else cost,
        "claim": claim,
    }


def _only(table: Mapping[str, object], known: Iterable[str], path: str) -> None:
    unknown = sorted(str(key) for key in table if key not in known)
    if unknown:
        raise _fail(path, f"unknown keys {unknown}", f"知らないキー {unknown}", "unknown_key")


def application_from(data: object, path: str = "") -> Application:
    """:meth:`kyodo.Application.from_data`."""
    from kyodo.subsidies import Application

    table = _table(data, path)
    _only(table, ("body", "fy", "cost", "claim"), path)
    cost_value = _get(table, "cost", path)
    cost: int | dict[str, int] = (
        _yens(cost_value, _at(path, "cost"))
        if isinstance(cost_value, Mapping)
        else _whole(cost_value, _at(path, "cost"))
    )
    given = table.get("claim", {})
    claim_path = _at(path, "claim")
    claim_table = _table(given, claim_path)
    _only(claim_table, _CLAIM_DEFAULTS, claim_path)
    units = claim_table.get("units", [])
    if not isinstance(units, list):
        raise _fail(_at(claim_path, "units"), "expected a list", "リストが必要", "not_a_list")
    filled_units = []
    for index, unit in enumerate(units):
        where = _at(_at(claim_path, "units"), index)
        unit_table = _table(unit, where)
        _only(unit_table, ("name", "cost", *_UNIT_DEFAULTS), where)
        filled_units.append({**_UNIT_DEFAULTS, **unit_table})
    claim = _claim_of({**_CLAIM_DEFAULTS, **claim_table, "units": filled_units}, claim_path)
    try:
        return Application(_text(table, "body", path), _fy_of(_get(table, "fy", path), _at(path, "fy")), cost, claim)
    except ValidationError as error:
        raise ValidationError(
            *((join_path(path, where) if path else where, message) for where, message in error.bilingual)
        ) from None


def applications_from(data: object) -> tuple[Application, ...]:
    """:meth:`kyodo.Application.all_from_data`: every application of a list, every problem at its index."""
    from kyodo._convert import collect, indexed

    if not isinstance(data, list):
        raise _fail(
            "", f"expected a list of applications, not {type(data).__name__}", "申請のリストが必要", "not_a_list"
        )
    return tuple(collect(indexed(data), application_from))
