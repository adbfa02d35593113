"""The converter's shared part: scalars read as people write them, and errors gathered with their paths.

Each document kind adds its own hooks in a module of its own (``_plan_codec``,
``_grading_codec``, ``_subsidy_codec``); :mod:`kyodo.io` puts them together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from types import NoneType, UnionType
from typing import Any, Final, TypeVar, Union, get_args, get_origin

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from kyodo._labels import LabelledEnum
from kyodo._limits import number_problem
from kyodo.errors import (
    Coded,
    KyodoError,
    Message,
    ParseError,
    ValidationError,
    _quoted,
    join_path,
    message_pair,
    path_step,
)
from kyodo.fiscal import FiscalYear, FiscalYearRange
from kyodo.wareki import Era, YearMonth, parse_wareki

T = TypeVar("T")
V = TypeVar("V")


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
                "not_text",
            )
        )
    return value


#: While one document is read (:func:`document_era`), per thread and task: the era it means by a year
#: printed without one (a plan's ``era`` key), each fiscal-year label read so far with its year, so
#: that a label the document repeats thousands of times (平成27年度) is read once, and whether its plain
#: data has passed the readers' limits (``kyodo._plain.check_plain``), so that a number is not checked twice.
_DOCUMENT: Final[ContextVar[tuple[Era | None, dict[str, FiscalYear], bool] | None]] = ContextVar(
    "kyodo_document", default=None
)


@contextmanager
def document_era(era: Era | None, checked: bool = False) -> Iterator[None]:
    """Read the years of one document with ``era`` as the era of a bare year (21年度).

    ``checked`` says that every value of the data read has passed ``check_plain``: its numbers are
    then within the limits, and :func:`_structure_decimal` takes a Decimal of it as it is.
    """
    token = _DOCUMENT.set((era, {}, checked))
    try:
        yield
    finally:
        _DOCUMENT.reset(token)


def checked_document() -> bool:
    """Whether the document being read has passed the limits check (:func:`document_era`)."""
    document = _DOCUMENT.get()
    return document is not None and document[2]


def _document_era() -> Era | None:
    document = _DOCUMENT.get()
    return None if document is None else document[0]


def _structure_fiscal_year(value: object, _type: object = None) -> FiscalYear:
    if type(value) is str:
        document = _DOCUMENT.get()
        if document is None:
            return FiscalYear.parse(value)
        era, years, _checked = document
        fy = years.get(value)
        if fy is None:
            fy = years[value] = FiscalYear.parse(value, era)  # a label that is not a year raises, and is not kept
        return fy
    if isinstance(value, FiscalYear):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return FiscalYear(value)
    text = _expect_str(value, ("a fiscal year (平成27年度, FY2015)", "年度（平成27年度、FY2015）"))
    return FiscalYear.parse(text, _document_era())


def _structure_range(value: object, _type: object) -> FiscalYearRange:
    if isinstance(value, Mapping) and set(value) == {"first", "last"}:
        return FiscalYearRange(_structure_fiscal_year(value["first"]), _structure_fiscal_year(value["last"]))
    what = ("a range of fiscal years (平成26年度～平成30年度)", "年度の範囲（平成26年度～平成30年度）")
    return FiscalYearRange.parse(_expect_str(value, what), _document_era())


_ISO_DAY: Final = re.compile(r"\s*\d{4}-\d{2}-\d{2}\s*")


def _structure_date(value: object, _type: object = None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _expect_str(value, ("a date (2018-07-20, H30.7.20)", "日付（2018-07-20、H30.7.20）"))
    if _ISO_DAY.fullmatch(text):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise ParseError(
                text,
                ("a date", "日付"),
                ("no such day", "その日はない"),
                expected=("a date such as 2018-07-20", "2018-07-20 のような日付"),
                code="bad_date",
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
        if _ISO_DAY.fullmatch(text):
            raise  # 2016-02-30 is a day that does not exist, not a month
        return _structure_month(text)


def _structure_when(value: object, _type: object) -> date | YearMonth | FiscalYear:
    if isinstance(value, FiscalYear | YearMonth | date):
        return _structure_date(value) if isinstance(value, date) else value
    if isinstance(value, int) and not isinstance(value, bool):
        # A year as JSON carries it, as fiscal years are read everywhere else in a file.
        return _structure_fiscal_year(value)
    if not isinstance(value, str):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a date, a month or a fiscal year as text, or a fiscal year as a whole number;"
                    f" not {kind} {_quoted(value)}",
                    f"日付、年月、年度の文字列か、年度を表す整数が必要（{kind} {_quoted(value)} が渡された）",
                ),
                "not_text",
            )
        )
    text = value
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
                "out_of_range",
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
                "not_text",
            )
        )
    return value


def _strict_int(value: object, _type: object = None) -> int:
    if type(value) is not int:
        raise ValidationError(
            (
                "",
                (f"expected a whole number, not {type(value).__name__} {value!r}", f"整数が必要（{value!r}）"),
                "not_a_number",
            )
        )
    return value


def _strict_bool(value: object, _type: object = None) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(
            (
                "",
                (f"expected true or false, not {type(value).__name__} {value!r}", f"true か false が必要（{value!r}）"),
                "not_a_boolean",
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
                "not_a_list",
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
    if type(value) is Decimal:  # the usual figure, as a reader gives it
        document = _DOCUMENT.get()
        if document is None or not document[2]:  # data that check_plain has not seen: checked here
            problem = number_problem(value)
            if problem is not None:
                raise ValidationError(("", problem))
        return value
    if isinstance(value, bool | float):
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"{value!r} is a {kind}; write the number exactly, as text or Decimal",
                    f"{value!r} は {kind}。数は文字列か Decimal で正確に書く",
                ),
                "inexact_number",
            )
        )
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.replace(",", "").strip())
        except InvalidOperation:
            raise ValidationError(
                ("", (f"{value!r} is not a number", f"{value!r} は数ではない"), "not_a_number")
            ) from None
    else:
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (f"expected a number, not {kind} {value!r}", f"数が必要（{kind} {value!r} が渡された）"),
                "not_a_number",
            )
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
            "not_a_number",
        )
    )


def _cells(value: object, what: Message, build: Callable[[FiscalYear, object], object]) -> tuple[Any, ...]:
    """Build each cell of a table keyed by fiscal year, refusing a year given twice; every problem is reported."""
    if type(value) is not dict and not isinstance(value, Mapping):
        what_en, what_ja = message_pair(what)
        kind = type(value).__name__
        raise ValidationError(
            (
                "",
                (
                    f"expected a table of {what_en} keyed by fiscal year, not {kind}",
                    f"年度をキーとする{what_ja}の表が必要（{kind} が渡された）",
                ),
                "not_a_table",
            )
        )
    seen: dict[FiscalYear, str] = {}
    results: list[object] = []
    problems: list[tuple[str, Message]] = []
    for key, cell in value.items():
        try:
            fy = _structure_fiscal_year(key)
        except (ParseError, ValidationError) as error:
            problems.append((_key(key), _message_of(error)))
            continue
        if fy in seen:
            problems.append(
                (
                    _key(key),
                    Coded(
                        f"{fy} appears twice (also as {seen[fy]!r})",
                        f"{fy} が二度ある（{seen[fy]!r} とも書かれている）",
                        "duplicate",
                    ),
                )
            )
            continue
        seen[fy] = key
        try:
            results.append(build(fy, cell))
        except ValidationError as error:
            place = _key(key)
            problems.extend((_join(place, path), message) for path, message in error.bilingual)
        except (ParseError, ValueError, TypeError) as error:
            problems.append((_key(key), _message_of(error)))
    if problems:
        raise ValidationError(*problems)
    return tuple(results)


def read_cells(
    value: object, plain: Callable[[FiscalYear, Decimal], T], build: Callable[[FiscalYear, object], object]
) -> tuple[Any, ...] | None:
    """The cells of a table keyed by fiscal year as :func:`_cells` builds them, the quick way; None where
    :func:`_cells` must read the table, to report what is wrong with it.

    Only a table of a document that ``check_plain`` has passed (:func:`document_era`) is read here: a cell
    that is a plain number is within the limits, so it goes straight to ``plain`` (a Decimal, an int as
    one); any other cell goes to ``build``, as :func:`_cells` would hand it. A key that is not a year, a
    year given twice or a cell ``build`` refuses gives None, and :func:`_cells` reads the table again,
    collecting every problem with its path; as building a cell changes nothing but the document's cache
    of years, reading the table twice builds what reading it once would.
    """
    document = _DOCUMENT.get()
    if document is None or not document[2] or type(value) is not dict:
        return None
    years = document[1]
    seen: set[FiscalYear] = set()
    results: list[object] = []
    for key, cell in value.items():
        fy = years.get(key)
        if fy is None:
            try:
                fy = _structure_fiscal_year(key)
            except Exception:  # reported by _cells
                return None
        if fy in seen:
            return None
        seen.add(fy)
        kind = type(cell)
        if kind is Decimal:
            results.append(plain(fy, cell))
        elif kind is int:
            results.append(plain(fy, Decimal(cell)))
        else:
            try:
                results.append(build(fy, cell))
            except Exception:  # reported by _cells
                return None
    return tuple(results)


def collect(pairs: Iterable[tuple[str, V]], build: Callable[[V], T]) -> list[T]:
    """``build`` each item, gathering every problem under its key (a name, a year, ``[index]``); all raised at once."""
    built: list[T] = []
    problems: list[tuple[str, Message]] = []
    for key, item in pairs:
        try:
            built.append(build(item))
        except ValidationError as error:
            problems.extend((_join(key, path), message) for path, message in error.bilingual)
        except (ParseError, ValueError, TypeError) as error:
            problems.append((key, _message_of(error)))
    if problems:
        raise ValidationError(*problems)
    return built


def indexed(items: Iterable[V]) -> Iterator[tuple[str, V]]:
    """Each item of a list with its place, ``[0]``, as problems name it."""
    return ((f"[{index}]", item) for index, item in enumerate(items))


#: A problem's path inside the part at a key, as a path from the whole (the codecs' name for it).
_join = join_path


def _key(key: object) -> str:
    """A table's key as the first step of a path: bare, or quoted in brackets when it holds a dot or a bracket."""
    return path_step(str(key)).removeprefix(".")


#: Python's own words when cattrs is handed the wrong shape, in Japanese, and the code of each.
_SHAPES: Final = (
    (re.compile(r"'(\w+)' object is not iterable"), r"リストが必要（\1 が渡された）", "not_a_list"),
    (re.compile(r"argument of type '(\w+)' is not iterable"), r"表が必要（\1 が渡された）", "not_a_table"),
    (re.compile(r"'(\w+)' object has no attribute 'keys'"), r"表が必要（\1 が渡された）", "not_a_table"),
)


def _message_of(error: BaseException) -> Coded:
    """An error's message in English and Japanese, with its code; Python's own words are kept in the Japanese when unknown."""
    if isinstance(error, ParseError):
        return error.coded
    if isinstance(error, ValidationError):
        codes = set(error.codes)
        return Coded(error.message("en"), error.message("ja"), codes.pop() if len(codes) == 1 else "invalid")
    english = str(error) or type(error).__name__
    for pattern, japanese, code in _SHAPES:
        if pattern.fullmatch(english):
            return Coded(english, pattern.sub(japanese, english), code)
    return Coded(english, f"値が正しくない（{english}）", error.code if isinstance(error, KyodoError) else "invalid")


def _record(cell: object, allowed: set[str], what: Message) -> Mapping[str, Any]:
    if type(cell) is dict and cell.keys() <= allowed:
        return cell  # the usual record, as a reader gives it
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
                "not_a_table",
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
                "unknown_key",
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
            (
                "",
                (f"expected a list, not {kind} {value!r}", f"リストが必要（{kind} {value!r} が渡された）"),
                "not_a_list",
            )
        )
    return list(value)


def _is_list_of_one_kind(kind: object) -> bool:
    """Whether ``kind`` is ``tuple[X, ...]``: what kyodo's objects hold where a file has a list."""
    args = get_args(kind)
    return get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _list_hook(made: cattrs.Converter) -> Callable[[object, Any], tuple[Any, ...]]:
    """Structure a list into ``tuple[X, ...]``, refusing anything but a list as one problem at the key's own path.

    cattrs would iterate whatever it is given: text item by item (one error
    per character of ``bands = "その他"``), and a table by its keys.
    """

    def structure(value: object, kind: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            kind_name = type(value).__name__
            shown = f" {_quoted(value)}" if isinstance(value, str) else ""
            raise ValidationError(
                (
                    "",
                    (f"expected a list, not {kind_name}{shown}", f"リストが必要（{kind_name}{shown} が渡された）"),
                    "not_a_list",
                )
            )
        item_kind = get_args(kind)[0]
        hook = made.get_structure_hook(item_kind)
        items: list[object] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(hook(item, item_kind))
            except Exception as error:  # gathered, as cattrs does, to report every item
                note = IterableValidationNote(f"Structuring {kind} @ index {index}", index, item_kind)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {kind!r}", errors, kind)
        return tuple(items)

    return structure


def _is_optional(kind: object) -> bool:
    """Whether ``kind`` is ``X | None`` of one ``X``."""
    args = get_args(kind)
    return get_origin(kind) in (Union, UnionType) and len(args) == 2 and NoneType in args


def _optional_hook(made: cattrs.Converter) -> Callable[[Any], Callable[[object, Any], object]]:
    """Structure ``X | None`` as cattrs does (None, or the value by ``X``'s hook), with that hook found once.

    cattrs' own hook for optional fields looks ``X``'s hook up again for every value.
    """

    def factory(kind: Any) -> Callable[[object, Any], object]:
        (inner,) = (arg for arg in get_args(kind) if arg is not NoneType)
        hook = made.get_structure_hook(inner)

        def structure(value: object, _type: object) -> object:
            return None if value is None else hook(value, inner)

        return structure

    return factory


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
        yield path, error.coded
    elif isinstance(error, ForbiddenExtraKeysError):
        keys = sorted(error.extra_fields)
        yield path, Coded(f"unknown keys {keys}", f"知らないキー {keys}", "unknown_key")
    elif isinstance(error, RecursionError):
        yield path, Coded("sections are nested too deeply to read", "セクションの入れ子が深すぎて読めない", "too_deep")
    elif isinstance(error, KeyError):
        yield path, Coded(f"{error.args[0]!r} is required", f"{error.args[0]!r} がない（必須）", "missing_key")
    elif isinstance(error, KyodoError | ValueError | TypeError | AttributeError):
        yield path, _message_of(error)
    else:  # pragma: no cover - cattrs raises nothing else for plain data
        raise error


def _tidy(problems: list[tuple[str, Message]]) -> list[tuple[str, Message]]:
    # cattrs indexes lists as [0]; names of table keys arrive as ['H27']: show them plainly, unless the
    # name holds a dot or a bracket, which would make the path read as other keys.
    return [(re.sub(r"\['([^'.\[\]]+)'\]", r".\1", path), message) for path, message in problems]


_LABELLED_READ: Final = LabelledEnum.read.__func__  # type: ignore[attr-defined]


def _structure_labelled(value: object, kind: type[LabelledEnum]) -> LabelledEnum:
    """A labelled enum's member, as ``kind.read`` gives it: a value as files write it (``continuing``) is
    looked up at once, where ``kind`` reads as every labelled enum does (no other words of its own)."""
    if type(value) is str and kind.read.__func__ is _LABELLED_READ:  # type: ignore[attr-defined]
        found = kind._value2member_map_.get(value)
        if found is not None:
            return found  # type: ignore[return-value]
    return kind.read(value)


def base_converter() -> cattrs.Converter:
    """A converter that reads and writes the scalars every kind of kyodo file holds."""
    made = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True, detailed_validation=True)
    # Registered first, so that the particular optional hooks below come before it.
    made.register_structure_hook_factory(_is_optional, _optional_hook(made))
    made.register_structure_hook(FiscalYear, _structure_fiscal_year)
    made.register_unstructure_hook(FiscalYear, _label)
    made.register_structure_hook(FiscalYearRange, _structure_range)
    made.register_unstructure_hook(FiscalYearRange, _range_label)
    made.register_structure_hook(str, _strict_str)
    made.register_structure_hook(int, _strict_int)
    made.register_structure_hook(bool, _strict_bool)
    # The optional text of nearly every record, read straight rather than through cattrs' optional dispatch.
    made.register_structure_hook_func(_is(str | None), lambda value, _t: None if value is None else _strict_str(value))
    # Registered first: cattrs asks the hooks registered last first, so particular lists keep their own
    # (tuple[str, ...] below, a plan's targets and schedule).
    made.register_structure_hook_func(_is_list_of_one_kind, _list_hook(made))
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
    made.register_structure_hook(LabelledEnum, _structure_labelled)
    made.register_unstructure_hook(LabelledEnum, lambda member: member.value)
    made.register_structure_hook_func(
        _is(FiscalYear | None), lambda value, _t: None if value is None else _structure_fiscal_year(value)
    )
    return made
