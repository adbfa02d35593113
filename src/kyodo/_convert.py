"""The converter's shared part: scalars read as people write them, and errors gathered with their paths.

Each document kind adds its own hooks in a module of its own (``_plan_codec``,
``_grading_codec``, ``_subsidy_codec``); :mod:`kyodo.io` puts them together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from kyodo._labels import LabelledEnum
from kyodo._limits import number_problem
from kyodo.errors import KyodoError, Message, ParseError, ValidationError, message_pair
from kyodo.fiscal import FiscalYear, FiscalYearRange
from kyodo.wareki import Era, YearMonth, parse_wareki


def _expect_str(value: object, what: Message) -> str:
    if not isinstance(value, str):
        what_en, what_ja = message_pair(what)
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected {what_en} as text, not {kind} {value!r}",
                    f"{what_ja}には文字列が必要（{kind} {value!r} が渡された）",
                ),
            )
        )
    return value


#: The era the document being read means by a year printed without one (a plan's ``era`` key).
#: Set only while one document is read (:func:`document_era`), and per thread and task.
_DOCUMENT_ERA: Final[ContextVar[Era | None]] = ContextVar("kyodo_document_era", default=None)


@contextmanager
def document_era(era: Era | None) -> Iterator[None]:
    """Read the years of one document with ``era`` as the era of a bare year (21年度)."""
    token = _DOCUMENT_ERA.set(era)
    try:
        yield
    finally:
        _DOCUMENT_ERA.reset(token)


def _structure_fiscal_year(value: object, _type: object = None) -> FiscalYear:
    if isinstance(value, FiscalYear):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return FiscalYear(value)
    text = _expect_str(value, ("a fiscal year (平成27年度, FY2015)", "年度（平成27年度、FY2015）"))
    return FiscalYear.parse(text, _DOCUMENT_ERA.get())


def _structure_range(value: object, _type: object) -> FiscalYearRange:
    if isinstance(value, Mapping) and set(value) == {"first", "last"}:
        return FiscalYearRange(_structure_fiscal_year(value["first"]), _structure_fiscal_year(value["last"]))
    what = ("a range of fiscal years (平成26年度～平成30年度)", "年度の範囲（平成26年度～平成30年度）")
    return FiscalYearRange.parse(_expect_str(value, what), _DOCUMENT_ERA.get())


def _structure_date(value: object, _type: object = None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _expect_str(value, ("a date (2018-07-20, H30.7.20)", "日付（2018-07-20、H30.7.20）"))
    if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise ParseError(
                text,
                ("a date", "日付"),
                ("no such day", "その日はない"),
                expected=("a date such as 2018-07-20", "2018-07-20 のような日付"),
            ) from None
    return parse_wareki(text)


def _structure_month(value: object, _type: object = None) -> YearMonth:
    if isinstance(value, YearMonth):
        return value
    return YearMonth.parse(_expect_str(value, ("a month (2014-03, 平成26年3月)", "年月（2014-03、平成26年3月）")))


def _structure_day_or_month(value: object, _type: object) -> date | YearMonth:
    if isinstance(value, date | YearMonth):
        return _structure_date(value) if isinstance(value, date) else value
    text = _expect_str(value, ("a date or a month", "日付か年月"))
    try:
        return _structure_date(text)
    except ParseError:
        return _structure_month(text)


def _structure_when(value: object, _type: object) -> date | YearMonth | FiscalYear:
    if isinstance(value, FiscalYear | YearMonth | date):
        return _structure_date(value) if isinstance(value, date) else value
    text = _expect_str(value, ("a date, a month or a fiscal year", "日付、年月、または年度"))
    if "年度" in text or text.strip().upper().startswith("FY"):
        return _structure_fiscal_year(text)
    return _structure_day_or_month(text, None)


def _label(fy: FiscalYear) -> str:
    """A fiscal year as files write it; files hold the April calendar only, so another is refused, not lost."""
    if fy.start_month != 4:
        raise ValidationError(
            (
                "",
                (
                    f"{fy!r} starts in month {fy.start_month}; plan files hold April fiscal years (年度) only",
                    f"{fy!r} は{fy.start_month}月始まり。計画ファイルに書けるのは4月始まりの年度だけ",
                ),
            )
        )
    return str(fy)


def _range_label(period: FiscalYearRange) -> str:
    _label(period.first)
    return period.format()


def _strict_str(value: object, _type: object = None) -> str:
    if not isinstance(value, str):
        raise ValidationError(
            (
                "",
                (
                    f"expected text, not {type(value).__name__} {value!r} (quote it)",
                    f"文字列が必要（{value!r}、引用符で囲む）",
                ),
            )
        )
    return value


def _strict_int(value: object, _type: object = None) -> int:
    if type(value) is not int:
        raise ValidationError(
            ("", (f"expected a whole number, not {type(value).__name__} {value!r}", f"整数が必要（{value!r}）"))
        )
    return value


def _strict_bool(value: object, _type: object = None) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(
            (
                "",
                (f"expected true or false, not {type(value).__name__} {value!r}", f"true か false が必要（{value!r}）"),
            )
        )
    return value


def _strict_strings(value: object, _type: object = None) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a list of text, not {kind} {value!r}",
                    f"文字列のリストが必要（{kind} {value!r} が渡された）",
                ),
            )
        )
    return tuple(_strict_str(item) for item in value)


def _unstructure_when(value: date | YearMonth | FiscalYear) -> str:
    if isinstance(value, FiscalYear):
        return _label(value)
    if isinstance(value, YearMonth):
        return str(value)
    return value.isoformat()


def _structure_decimal(value: object, _type: object = None) -> Decimal:
    if isinstance(value, bool | float):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"{value!r} is a {kind}; write the number exactly, as text or Decimal",
                    f"{value!r} は {kind}。数は文字列か Decimal で正確に書く",
                ),
            )
        )
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.replace(",", "").strip())
        except InvalidOperation:
            raise ValidationError(("", (f"{value!r} is not a number", f"{value!r} は数ではない"))) from None
    else:
        kind = type(value).__name__
        raise ValidationError(
            ("", (f"expected a number, not {kind} {value!r}", f"数が必要（{kind} {value!r} が渡された）"))
        )
    problem = number_problem(number)
    if problem is not None:
        raise ValidationError(("", problem))
    return number


_THOUSANDS: Final = re.compile(r"\s*([0-9][0-9,]*)\s*千円\s*")


def _structure_yen(value: object, _type: object = None) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        match = _THOUSANDS.fullmatch(value)
        digits = value.replace(",", "").replace("円", "").strip() if match is None else match[1].replace(",", "")
        if digits.isdigit():
            problem = number_problem(Decimal(digits))
            if problem is not None:
                raise ValidationError(("", problem))
            return int(digits) * (1000 if match is not None else 1)
    raise ValidationError(
        (
            "",
            (
                f"expected whole yen (an int, '9,973千円' or '9,973,000円'), not {value!r}",
                f"{value!r} は使えない。円単位の整数（int、'9,973千円'、'9,973,000円' のいずれか）が必要",
            ),
        )
    )


def _cells(value: object, what: Message, build: Callable[[FiscalYear, object], object]) -> tuple[Any, ...]:
    """Build each cell of a table keyed by fiscal year, refusing a year given twice; every problem is reported."""
    if not isinstance(value, Mapping):
        what_en, what_ja = message_pair(what)
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a table of {what_en} keyed by fiscal year, not {kind}",
                    f"年度をキーとする{what_ja}の表が必要（{kind} が渡された）",
                ),
            )
        )
    seen: dict[FiscalYear, str] = {}
    results: list[object] = []
    problems: list[tuple[str, Message]] = []
    for key, cell in value.items():
        try:
            fy = _structure_fiscal_year(key)
        except (ParseError, ValidationError) as error:
            problems.append((str(key), _message_of(error)))
            continue
        if fy in seen:
            problems.append(
                (
                    str(key),
                    (f"{fy} appears twice (also as {seen[fy]!r})", f"{fy} が二度ある（{seen[fy]!r} とも書かれている）"),
                )
            )
            continue
        seen[fy] = key
        try:
            results.append(build(fy, cell))
        except ValidationError as error:
            problems.extend((_join(key, path), message) for path, message in error.bilingual)
        except (ParseError, ValueError, TypeError) as error:
            problems.append((key, _message_of(error)))
    if problems:
        raise ValidationError(*problems)
    return tuple(results)


def _join(key: str, path: str) -> str:
    return f"{key}.{path}" if path else key


#: Python's own words when cattrs is handed the wrong shape, in Japanese.
_SHAPES: Final = (
    (re.compile(r"'(\w+)' object is not iterable"), r"リストが必要（\1 が渡された）"),
    (re.compile(r"argument of type '(\w+)' is not iterable"), r"表が必要（\1 が渡された）"),
    (re.compile(r"'(\w+)' object has no attribute 'keys'"), r"表が必要（\1 が渡された）"),
)


def _message_of(error: BaseException) -> Message:
    """An error's message in English and Japanese; Python's own words are kept in the Japanese when unknown."""
    if isinstance(error, ParseError | ValidationError):
        return (error.message("en"), error.message("ja"))
    english = str(error) or type(error).__name__
    for pattern, japanese in _SHAPES:
        if pattern.fullmatch(english):
            return (english, pattern.sub(japanese, english))
    return (english, f"値が正しくない（{english}）")


def _record(cell: object, allowed: set[str], what: Message) -> Mapping[str, Any]:
    what_en, what_ja = message_pair(what)
    if not isinstance(cell, Mapping):
        kind = type(cell).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a number or a table for {what_en}, not {kind} {cell!r}",
                    f"{what_ja}には数か表が必要（{kind} {cell!r} が渡された）",
                ),
            )
        )
    extra = set(cell) - allowed
    if extra:
        raise ValidationError(
            (
                "",
                (
                    f"unknown keys {sorted(extra)} for {what_en}; expected some of {sorted(allowed)}",
                    f"{what_ja}に知らないキー {sorted(extra)}。使えるのは {sorted(allowed)}",
                ),
            )
        )
    return cell


def _is(kind: object) -> Callable[[object], bool]:
    def predicate(candidate: object) -> bool:
        return candidate == kind

    return predicate


def _expect_list(value: object) -> list[object]:
    if not isinstance(value, list | tuple):
        kind = type(value).__name__
        raise ValidationError(
            ("", (f"expected a list, not {kind} {value!r}", f"リストが必要（{kind} {value!r} が渡された）"))
        )
    return list(value)


def _strings(value: object) -> list[str]:
    return [_expect_str(item, ("a category", "経費の区分")) for item in _expect_list(value)]


def _problems(error: BaseException, path: str) -> Iterator[tuple[str, Message]]:
    """Every (path, message) in a cattrs validation error tree, with kyodo's own messages."""
    if isinstance(error, IterableValidationError):
        items, rest = error.group_exceptions()
        for inner, item in items:
            yield from _problems(inner, f"{path}[{item.index!r}]")
        for inner in rest:
            yield from _problems(inner, path)
    elif isinstance(error, ClassValidationError):
        fields, others = error.group_exceptions()
        for inner, attribute in fields:
            yield from _problems(inner, f"{path}.{attribute.name}" if path else attribute.name)
        for inner in others:
            yield from _problems(inner, path)
    elif isinstance(error, ValidationError):
        for inner_path, message in error.bilingual:
            joined = inner_path if inner_path.startswith("[") else f".{inner_path}"
            yield (f"{path}{joined}" if path and inner_path else path or inner_path), message
    elif isinstance(error, ParseError):
        yield path, (error.message("en"), error.message("ja"))
    elif isinstance(error, ForbiddenExtraKeysError):
        keys = sorted(error.extra_fields)
        yield path, (f"unknown keys {keys}", f"知らないキー {keys}")
    elif isinstance(error, RecursionError):
        yield path, ("sections are nested too deeply to read", "セクションの入れ子が深すぎて読めない")
    elif isinstance(error, KeyError):
        yield path, (f"{error.args[0]!r} is required", f"{error.args[0]!r} がない（必須）")
    elif isinstance(error, KyodoError | ValueError | TypeError | AttributeError):
        yield path, _message_of(error)
    else:  # pragma: no cover - cattrs raises nothing else for plain data
        raise error


def _tidy(problems: list[tuple[str, Message]]) -> list[tuple[str, Message]]:
    # cattrs indexes lists as [0]; names of table keys arrive as ['H27']: show them plainly.
    return [(re.sub(r"\['([^']*)'\]", r".\1", path), message) for path, message in problems]


def base_converter() -> cattrs.Converter:
    """A converter that reads and writes the scalars every kind of kyodo file holds."""
    made = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True, detailed_validation=True)
    made.register_structure_hook(FiscalYear, _structure_fiscal_year)
    made.register_unstructure_hook(FiscalYear, _label)
    made.register_structure_hook(FiscalYearRange, _structure_range)
    made.register_unstructure_hook(FiscalYearRange, _range_label)
    made.register_structure_hook(str, _strict_str)
    made.register_structure_hook(int, _strict_int)
    made.register_structure_hook(bool, _strict_bool)
    made.register_structure_hook_func(_is(tuple[str, ...]), _strict_strings)
    made.register_structure_hook(date, _structure_date)
    made.register_unstructure_hook(date, date.isoformat)
    made.register_structure_hook(YearMonth, _structure_month)
    made.register_unstructure_hook(YearMonth, str)
    made.register_structure_hook(Decimal, _structure_decimal)
    made.register_unstructure_hook(Decimal, lambda value: value)
    made.register_structure_hook(
        date | YearMonth | None, lambda v, t: None if v is None else _structure_day_or_month(v, t)
    )
    made.register_structure_hook(date | YearMonth | FiscalYear, _structure_when)
    made.register_unstructure_hook_func(lambda t: t == (date | YearMonth | FiscalYear), _unstructure_when)
    # Registered on the base class, so that every labelled enum reads its labels too.
    made.register_structure_hook(Era, lambda value, _t: value if isinstance(value, Era) else Era.named(value))
    made.register_unstructure_hook(Era, lambda era: era.name)
    made.register_structure_hook(LabelledEnum, lambda value, kind: kind.read(value))
    made.register_unstructure_hook(LabelledEnum, lambda member: member.value)
    made.register_structure_hook_func(
        _is(FiscalYear | None), lambda value, _t: None if value is None else _structure_fiscal_year(value)
    )
    return made
