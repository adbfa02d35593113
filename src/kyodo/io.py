"""kyodo's documents in files: JSON, TOML and (with the ``yaml`` extra) YAML, through one cattrs converter.

Plans, grading schemes and subsidy rules each keep their file form beside
them (``_plan_codec``, ``_grading_codec``, ``_subsidy_codec`` and
``_step_codec``, on the shared scalars of ``_convert``); this module reads
and writes the formats and puts the converter together.

A plan file names its schema (``schema = "kyodo.plan/1"``). Fiscal years and
dates may be written as people write them (平成27年度, H27, FY2015, H30.7.20,
平成26年3月); kyodo writes them back in one canonical form (平成27年度,
2018-07-20, 2014-03). Numbers are read exactly: 58.8 in a file is
``Decimal("58.8")``, never a binary float.

Per-year figures are tables keyed by fiscal year, as documents print them::

    targets = { "平成27年度" = 42, "平成28年度" = 50, "平成31年度" = { text = "継続して拡充" } }
    actuals = { "平成27年度" = 43, "平成28年度" = 48 }
    schedule = { "H25" = "検討", "H26" = "→", "H27" = { text = "モデル事業" } }

A bad file raises one :class:`~kyodo.ValidationError` that lists every
problem with its place (``sections[0].children[2].schedule.H26: unknown stage
'実 施'``), and nothing is half-loaded.

>>> from kyodo import loads, dumps
>>> plan = loads('''
... schema = "kyodo.plan/1"
... title = "協働推進計画"
... municipality = "一関市"
... period = "平成26年度から平成30年度まで"
... [[sections]]
... number = "事業4"
... title = "地域協働体支援事業費補助金"
... schedule = { H26 = "実施", H27 = "→" }
... ''', "toml")
>>> plan.period.first, plan.find("事業4").schedule[1].label
(FiscalYear(2014), '→')
>>> print(dumps(plan, "toml"))
schema = "kyodo.plan/1"
title = "協働推進計画"
municipality = "一関市"
period = "平成26年度～平成30年度"
<BLANKLINE>
[[sections]]
number = "事業4"
title = "地域協働体支援事業費補助金"
schedule = { "平成26年度" = "implement", "平成27年度" = "→" }
<BLANKLINE>
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from json.encoder import encode_basestring as _quote
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, TypeVar, overload

import cattrs
from cattrs.errors import BaseValidationError

from kyodo._convert import _key, _problems, _tidy, base_converter, document_era
from kyodo._limits import MAX_FILE_CHARS, MAX_INT_DIGITS, MAX_NODES
from kyodo._plain import check_plain, read_decimal
from kyodo._plan_codec import SCHEMA, QuickPlanReader, add_plan_hooks, colons_in_texts
from kyodo.bodies import Body
from kyodo.errors import Coded, KyodoError, Message, ParseError, ValidationError
from kyodo.indicators import Indicator
from kyodo.plan import Measure, Plan, Section, _era
from kyodo.wareki import Era

if TYPE_CHECKING:
    from kyodo.grading import GradingScheme, TwoAxis
    from kyodo.subsidies import SubsidyRule

__all__ = [
    "GRADING_SCHEMA",
    "SCHEMA",
    "SUBSIDY_SCHEMA",
    "TWO_AXIS_SCHEMA",
    "Format",
    "converter",
    "dump",
    "dumps",
    "from_data",
    "json_loads",
    "json_schema",
    "load",
    "load_any",
    "loads",
    "to_data",
]


T = TypeVar("T")

Format = Literal["json", "toml", "yaml"]
_SUFFIXES: Final[dict[str, Format]] = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}


# --- scalars -------------------------------------------------------------------


# --- per-year tables -------------------------------------------------------------


# --- the converter -----------------------------------------------------------------


def _make_plan_converter() -> cattrs.Converter:
    made = base_converter()
    add_plan_hooks(made)
    return made


#: The converter of plans and their parts, which is all that reading or writing a plan needs.
_plan_converter: Final = _make_plan_converter()


@cache
def _full_converter() -> cattrs.Converter:
    """The converter of every kind of document, made the first time a grading scheme or subsidy rule is read or written.

    Grading schemes and subsidy rules bring modules of their own (bands,
    bases, steps of calculation) that a plan does not need, so a command that
    reads a plan does not import them.
    """
    from kyodo._grading_codec import add_grading_hooks
    from kyodo._subsidy_codec import add_subsidy_hooks

    made = _make_plan_converter()
    add_grading_hooks(made)
    add_subsidy_hooks(made)
    return made


def _converter_for(kind: type) -> cattrs.Converter:
    return _plan_converter if kind is Plan or kind in _PARTS else _full_converter()


#: Each document kind and the schema its files name. A plan is known from the start; the grading and
#: subsidy kinds join on first need (:func:`_schemas`), which ``_SCHEMAS``, the whole table, goes through.
_schema_table: Final[dict[type, str]] = {Plan: SCHEMA}


@cache
def _add_document_kinds() -> None:
    from kyodo._grading_codec import GRADING_SCHEMA, TWO_AXIS_SCHEMA
    from kyodo._subsidy_codec import SUBSIDY_SCHEMA
    from kyodo.grading import GradingScheme, TwoAxis
    from kyodo.subsidies import SubsidyRule

    for kind, schema_id in ((GradingScheme, GRADING_SCHEMA), (TwoAxis, TWO_AXIS_SCHEMA), (SubsidyRule, SUBSIDY_SCHEMA)):
        _schema_table.setdefault(kind, schema_id)


def _schemas() -> dict[type, str]:
    """Every document kind and its schema, importing the grading and subsidy models the first time."""
    _add_document_kinds()
    return _schema_table


def _schema_of(kind: type) -> str | None:
    """The schema a file of ``kind`` names, or None for a part of a plan or a kind kyodo does not read."""
    if kind is Plan:
        return _schema_table[Plan]
    if kind in _PARTS:
        return None
    return _schemas().get(kind)


def __getattr__(name: str) -> Any:
    """``converter`` and the schemas of grading schemes and subsidy rules, made or imported when first asked for."""
    if name == "converter":
        return _full_converter()
    if name == "_SCHEMAS":
        return _schemas()
    if name in ("GRADING_SCHEMA", "TWO_AXIS_SCHEMA"):
        from kyodo import _grading_codec

        return getattr(_grading_codec, name)
    if name == "SUBSIDY_SCHEMA":
        from kyodo import _subsidy_codec

        return _subsidy_codec.SUBSIDY_SCHEMA
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    #: The converter between kyodo's objects and plain data (dicts, lists, text, numbers).
    converter: cattrs.Converter
    _SCHEMAS: dict[type, str]
    GRADING_SCHEMA: str
    TWO_AXIS_SCHEMA: str
    SUBSIDY_SCHEMA: str

#: The parts of a plan that :func:`from_data` and :func:`to_data` take alone, as a request may carry one.
_PARTS: Final[tuple[type, ...]] = (Body, Section, Measure, Indicator)

#: What :func:`to_data` writes: a document, or a part of a plan.
Data: TypeAlias = "Plan | GradingScheme | TwoAxis | SubsidyRule | Body | Section | Measure | Indicator"


# --- errors ----------------------------------------------------------------------


def _structure(data: object, kind: type[T], source: str = "", read: bool = False) -> T:
    """``data`` as a ``kind``, checked against the limits first; ``read`` says that a format's reader gave
    it, so that it holds only dicts, lists and scalars, which cannot change between the check and their use.
    """
    schema_id = _schema_of(kind)
    if schema_id is None and kind not in _PARTS:
        kinds = ", ".join(known.__name__ for known in (*_schemas(), *_PARTS))
        raise TypeError(f"kyodo reads {kinds} from data, not {kind.__name__}")
    check_plain(data, source, (f"a {kind.__name__} file", f"{kind.__name__} のファイル"))
    if not isinstance(data, Mapping):
        given = type(data).__name__
        message = (
            (f"a {kind.__name__} is a table, not {given}", f"{kind.__name__} は表（{given} ではない）")
            if schema_id is None
            else (
                f"a {kind.__name__} file holds a table at its top, not {given}",
                f"{kind.__name__} のファイルは最上位が表（{given} ではない）",
            )
        )
        raise ValidationError(("", message, "not_a_table"))
    if schema_id is None:
        return _structured(data, kind, None, checked=read)
    schema = data.get("schema")
    if schema != schema_id:
        # A file of another kind kyodo reads is most often given to the wrong call: say which call reads it.
        other = next((found for found, known in _schemas().items() if known == schema), None)
        hint_en = "" if other is None else f"; it is a {other.__name__}'s file: read it with kind={other.__name__}"
        hint_ja = "" if other is None else f"。{other.__name__} のファイルなので kind={other.__name__} で読む"
        raise ValidationError(
            (
                "schema",
                (
                    f"expected {schema_id!r} for a {kind.__name__}, not {schema!r}{hint_en}",
                    f"{kind.__name__} には {schema_id!r} が必要（{schema!r} ではない）{hint_ja}",
                ),
                "wrong_schema",
            )
        )
    body = {key: value for key, value in data.items() if key != "schema"}
    # A plan's era is read before anything else in it: every year in the file may need it.
    return _structured(body, kind, _era(body.get("era")) if kind is Plan else None, checked=read)


def _structured(body: Mapping[str, object], kind: type[T], era: Era | None, checked: bool = False) -> T:
    """``body`` as a ``kind``, its bare years in ``era``; every problem is reported with its path.

    ``checked`` says that ``check_plain`` has passed ``body``, so that its numbers need no second check.
    """
    try:
        with document_era(era, checked):
            return _converter_for(kind).structure(body, kind)
    except RecursionError:
        raise ValidationError(
            ("", ("the file nests its tables too deeply to read", "ファイルの表の入れ子が深すぎて読めない"), "too_deep")
        ) from None
    except (BaseValidationError, ValidationError, ParseError) as error:
        problems = list(_problems(error, ""))
        raise ValidationError(*_tidy(problems)) from None


# --- formats --------------------------------------------------------------------


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    table = dict(pairs)
    if len(table) == len(pairs):
        return table
    table = {}
    for key, value in pairs:
        if key in table:
            raise ValidationError((_key(key), ("appears twice in the same table", "同じ表に二度ある"), "duplicate"))
        table[key] = value
    return table


def _refuse_constant(name: str) -> object:
    """NaN, Infinity and -Infinity, which Python's JSON reader takes though JSON has no such numbers."""
    raise ParseError(
        name,
        "JSON",
        (
            f"{name} is not a number JSON has, nor one kyodo computes with",
            f"{name} は JSON の数ではなく、kyodo が計算に使える数でもない",
        ),
        expected=("a finite number", "有限の数"),
        code="not_a_number",
    )


def _read_int(digits: str) -> int | Decimal:
    # Past Python's 4,300-digit limit int() raises a bare ValueError; a Decimal is refused by the limits instead.
    return int(digits) if len(digits) <= _INT_DIGITS else Decimal(digits)


_INT_DIGITS: Final = 40


def _read_text(text: str, fmt: Format) -> object:
    if len(text) > MAX_FILE_CHARS:
        raise ParseError(
            _excerpt(text, 0),
            (f"a {fmt} file", f"{fmt} のファイル"),
            (
                f"it is too large: {len(text):,} characters, where kyodo reads at most {MAX_FILE_CHARS:,}",
                f"大きすぎる（{len(text):,}文字。読めるのは{MAX_FILE_CHARS:,}文字まで）",
            ),
            code="too_large",
        )
    # A byte order mark is what some editors on Windows put first; it is not part of the data in any format.
    if text.startswith("\ufeff"):
        text = text[1:]
    if fmt == "json":
        try:
            return json.loads(
                text,
                parse_float=read_decimal,
                parse_int=_read_int,
                parse_constant=_refuse_constant,
                object_pairs_hook=_reject_duplicates,
            )
        except json.JSONDecodeError as error:
            raise ParseError(
                _excerpt(text, error.pos),
                "JSON",
                (error.msg, _json_reason_ja(error.msg)),
                column=error.colno,
                expected=(f"valid JSON (line {error.lineno})", f"正しい JSON（{error.lineno}行目）"),
                code="bad_syntax",
            ) from None
        except RecursionError:
            raise ParseError(_excerpt(text, 0), "JSON", _NESTED_TOO_DEEPLY) from None
    if fmt == "toml":
        import tomllib

        try:
            return tomllib.loads(text, parse_float=read_decimal)
        except tomllib.TOMLDecodeError as error:
            raise ParseError(
                _excerpt(text, 0),
                "TOML",
                (str(error), _toml_reason_ja(str(error))),
                expected=("valid TOML", "正しい TOML"),
                code="bad_syntax",
            ) from None
        except RecursionError:
            raise ParseError(_excerpt(text, 0), "TOML", _NESTED_TOO_DEEPLY) from None
        except ParseError:
            raise
        except ValueError:
            # tomllib reads integers with int(), which refuses more than 4,300 digits with a bare ValueError.
            raise ParseError(
                _excerpt(text, 0),
                "TOML",
                (
                    f"a number has more digits than kyodo reads (at most {MAX_INT_DIGITS})",
                    f"桁数が多すぎる数がある（読めるのは{MAX_INT_DIGITS}桁まで）",
                ),
                code="too_large",
            ) from None
    if fmt == "yaml":
        from kyodo._yaml import read_yaml

        return read_yaml(text)
    raise ValidationError(("format", _not_a_format(fmt)))


_NESTED_TOO_DEEPLY: Final = Coded("nested too deeply", "入れ子が深すぎる", "too_deep")

#: The json module's reasons, in Japanese; one not listed is shown in English.
_JSON_REASONS: Final = {
    "Expecting value": "値がない",
    "Expecting property name enclosed in double quotes": "二重引用符で囲んだキーがない",
    "Expecting ':' delimiter": "区切りの ':' がない",
    "Expecting ',' delimiter": "区切りの ',' がない",
    "Unterminated string starting at": "ここから始まる文字列が閉じていない",
    "Invalid control character at": "使えない制御文字がある",
    "Invalid \\escape": "正しくないエスケープ",
    "Invalid \\uXXXX escape": "正しくない \\uXXXX エスケープ",
    "Extra data": "値の後に余分なデータがある",
    "Illegal trailing comma before end of object": "オブジェクトの終わりの前に余分なカンマがある",
    "Illegal trailing comma before end of array": "配列の終わりの前に余分なカンマがある",
}
_JSON_PATTERNS: Final = (
    (re.compile(r"Invalid control character (.+) at"), r"使えない制御文字 \1 がある"),
    (re.compile(r"Invalid \\escape: (.+)"), r"正しくないエスケープ \1"),
)


def _json_reason_ja(reason: str) -> str:
    if reason in _JSON_REASONS:
        return _JSON_REASONS[reason]
    for pattern, japanese in _JSON_PATTERNS:
        if pattern.fullmatch(reason):
            return pattern.sub(japanese, reason)
    return reason


#: tomllib's reasons, in Japanese; one not listed is shown in English after a Japanese lead.
_TOML_REASONS: Final = {
    "Cannot overwrite a value": "値は上書きできない",
    "Escaped character is not a Unicode scalar value": "エスケープした文字が Unicode のスカラー値ではない",
    "Expected '=' after a key in a key/value pair": "キーの後に '=' がない",
    "Expected ']' at the end of a table declaration": "表の宣言の終わりに ']' がない",
    "Expected ']]' at the end of an array declaration": "配列の宣言の終わりに ']]' がない",
    "Expected newline or end of document after a statement": "文の後に改行か文書の終わりがない",
    "Invalid date or datetime": "日付や日時として正しくない",
    "Invalid hex value": "16進の値として正しくない",
    "Invalid initial character for a key part": "キーの先頭に使えない文字",
    "Invalid statement": "文として正しくない",
    "Invalid value": "値として正しくない",
    "Unclosed array": "配列が閉じていない",
    "Unclosed inline table": "インラインテーブルが閉じていない",
    "Unescaped '\\' in a string": "文字列にエスケープしていない '\\' がある",
    "Unterminated string": "文字列が閉じていない",
}
_TOML_PATTERNS: Final = (
    (re.compile(r"Cannot declare (.+) twice"), r"\1 を二度宣言している"),
    (re.compile(r"Cannot mutate immutable namespace (.+)"), r"変更できない名前空間 \1 を変えようとしている"),
    (re.compile(r"Cannot redefine namespace (.+)"), r"名前空間 \1 を定義し直している"),
    (re.compile(r"Duplicate inline table key (.+)"), r"インラインテーブルのキー \1 が二度ある"),
    (re.compile(r"Expected (.+)"), r"\1 がない"),
    (re.compile(r"(?:Found invalid|Illegal) character (.+)"), r"使えない文字 \1 がある"),
)
_TOML_PLACE: Final = re.compile(r"(.*) \(at (?:line (\d+), column (\d+)|(end of document))\)", re.DOTALL)


def _toml_reason_ja(reason: str) -> str:
    """tomllib's message in Japanese: "Invalid value (at line 3, column 5)" is "値として正しくない（3行目、5文字目）"."""
    match = _TOML_PLACE.fullmatch(reason)
    if match is None:
        return f"TOML の誤り: {reason}"
    message, line, column, end = match.groups()
    place = "（文書の終わり）" if end else f"（{line}行目、{column}文字目）"
    if message in _TOML_REASONS:
        return _TOML_REASONS[message] + place
    for pattern, japanese in _TOML_PATTERNS:
        if pattern.fullmatch(message):
            return pattern.sub(japanese, message) + place
    return f"TOML の誤り: {message}{place}"


def _not_a_format(fmt: object) -> Message:
    return Coded(
        f"{fmt!r} is not a format; expected 'json', 'toml' or 'yaml'",
        f"{fmt!r} という形式はない。'json'、'toml'、'yaml' のいずれか",
        "unknown_label",
    )


def _excerpt(text: str, position: int) -> str:
    start = max(0, position - 20)
    piece = text[start : position + 20]
    return ("…" if start else "") + piece + ("…" if position + 20 < len(text) else "")


def json_loads(text: str) -> object:
    """JSON text as plain data, read exactly: for request bodies a service passes to ``from_data``.

    Numbers with a fraction or an exponent are ``Decimal`` (never ``float``,
    so no binary float ever reaches a rate), a key given twice is refused,
    and the limits of kyodo's readers hold (size, depth, digits; see
    docs/limits.md). Any problem is a :class:`~kyodo.ParseError` or
    :class:`~kyodo.ValidationError` whose ``to_data()`` a service can send back.

    >>> json_loads('{"rate": 0.1, "cost": 1000}')
    {'rate': Decimal('0.1'), 'cost': 1000}
    >>> json_loads('{"rate": 1, "rate": 2}')
    Traceback (most recent call last):
    kyodo.errors.ValidationError: rate: appears twice in the same table
    """
    data = _read_text(text, "json")
    check_plain(data, "", ("JSON data", "JSON データ"))
    return data


@overload
def loads(text: str, format: Format = "json") -> Plan: ...
@overload
def loads(text: str, format: Format = "json", *, kind: type[T]) -> T: ...
def loads(text: str, format: Format = "json", *, kind: type[Any] = Plan) -> Any:
    """Read a plan (or, with ``kind``, a :class:`~kyodo.GradingScheme`) from ``text`` in ``format``.

    ``format`` is "json", "toml" or "yaml".

    Raises :class:`~kyodo.ParseError` for text that is not valid in the
    format, and :class:`~kyodo.ValidationError`, listing every problem, for
    a file that does not describe a valid plan.
    """
    if not isinstance(text, str):
        kind = type(text).__name__
        raise ParseError(
            text,
            (f"a {format} plan file", f"{format} の計画ファイル"),
            (f"expected a str, got {kind}", f"文字列ではなく {kind} が渡された"),
            code="not_text",
        )
    if format == "json" and kind is Plan:
        plan = _quick_json_plan(text)
        if plan is not None:
            return plan
    try:
        data = _read_text(text, format)
    except ValidationError as error:
        raise ValidationError(*error.bilingual) from None
    return _structure(data, kind, _excerpt(text, 0), read=True)


def _quick_json_plan(text: str) -> Plan | None:
    """A plan file in JSON of the usual shape, read the quick way; None for any other text, which the
    general reader then reads (and refuses, if it must, with its messages and paths).

    The text is parsed as the floor of the benchmark parses it, with no hook: what the hooks and the
    limits check refuse, the quick reader (:class:`kyodo._plan_codec.QuickPlanReader`) does not take.
    A text past the readers' limit on characters is left to the general reader, which refuses it.
    Each value of the text takes a character at least, so a text of at most ``MAX_NODES`` characters
    holds no more values than the limit; a longer one, if it has fewer commas, '[' and '{' than that.
    Outside its texts, JSON has a colon after each key and nowhere
    else, so when the tables read hold as many keys as the text has colons outside texts, no key was
    given twice in a table (json keeps the last). The colons inside texts are counted in the texts read,
    unless the text writes one as an escape (\\u003a), which a text read holds but the text does not.
    """
    if len(text) > MAX_FILE_CHARS:
        return None
    if len(text) > MAX_NODES and text.count(",") + text.count("[") + text.count("{") >= MAX_NODES:
        # Past the first, every value follows a comma or is the first in a list or table: at most one
        # more value than commas, '[' and '{' (counted in texts too, which only adds). A longer text of
        # fewer of them holds no more values than the limit either.
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = json.loads(text, parse_float=Decimal)
        if type(data) is not dict or data.get("schema") != SCHEMA:
            return None
        reader = QuickPlanReader(_plan_converter)
        with document_era(_era(data.get("era")), checked=True):
            plan = reader.plan(data)
    except Exception:  # the general reader finds out what it is, and says so
        return None
    colons = text.count(":")
    if reader.keys == colons:
        return plan  # the usual file: no text holds a colon
    if "\\u003a" in text or "\\u003A" in text:
        return None
    return plan if reader.keys + colons_in_texts(data) == colons else None


@overload
def load(path: str | Path, format: Format | None = None) -> Plan: ...
@overload
def load(path: str | Path, format: Format | None = None, *, kind: type[T]) -> T: ...
def load(path: str | Path, format: Format | None = None, *, kind: type[Any] = Plan) -> Any:
    """Read a plan file (or, with ``kind``, a grading scheme's); the format comes from the suffix unless given.

    Suffixes: .json, .toml, .yaml, .yml.
    """
    file = Path(path)
    fmt = format or _format_of(file)
    text = _read_file(file)
    try:
        return loads(text, fmt, kind=kind)
    except ValidationError as error:
        raise _in_file(error, file) from None


def load_any(path: str | Path, format: Format | None = None) -> Plan | GradingScheme | TwoAxis | SubsidyRule:
    """Read any kyodo document, a plan, a grading scheme or a subsidy rule, by the ``schema`` key it names.

    >>> from pathlib import Path
    >>> type(load_any(Path("examples/subsidies/ichinoseki-project4.toml"))).__name__
    'SubsidyRule'
    """
    file = Path(path)
    fmt = format or _format_of(file)
    text = _read_file(file)
    try:
        data = _read_text(text, fmt)
    except ValidationError as error:
        raise _in_file(error, file) from None
    schema = data.get("schema") if isinstance(data, Mapping) else None
    plan_schema = _schema_table[Plan]
    known_kinds = {Plan: plan_schema} if schema == plan_schema else _schemas()
    kinds = {schema_id: kind for kind, schema_id in known_kinds.items()}
    if schema not in kinds:
        known = ", ".join(repr(schema_id) for schema_id in kinds)
        raise ValidationError(
            (
                f"{file.name}: schema",
                (f"expected one of {known}, not {schema!r}", f"{known} のいずれかが必要（{schema!r} ではない）"),
                "wrong_schema",
            ),
            file=file.name,
        )
    try:
        return _structure(data, kinds[schema], _excerpt(text, 0), read=True)
    except ValidationError as error:
        raise _in_file(error, file) from None


def _in_file(error: ValidationError, file: Path) -> ValidationError:
    """``error``'s problems with the file's name before each path, as kyodo prints them."""
    return ValidationError(
        *((f"{file.name}: {path}" if path else file.name, message) for path, message in error.bilingual),
        file=file.name,
    )


def _read_file(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(
            str(file),
            ("a UTF-8 file", "UTF-8 のファイル"),
            (f"byte {error.start} is not UTF-8", f"{error.start}バイト目が UTF-8 ではない"),
            code="bad_syntax",
        ) from None
    except OSError as error:
        raise KyodoError(f"cannot read {str(file)!r}: {error.strerror or error}") from None


def _format_of(file: Path) -> Format:
    fmt = _SUFFIXES.get(file.suffix.lower())
    if fmt is None:
        raise ValidationError(
            (
                "format",
                (
                    f"cannot tell the format of {file.name!r}; name it .json, .toml or .yaml, or pass format=",
                    f"{file.name!r} の形式がわからない。名前を .json、.toml、.yaml で終えるか、format= を渡す",
                ),
                "unknown_label",
            )
        )
    return fmt


def to_data(document: Data) -> dict[str, object]:
    """A plan, grading scheme or subsidy rule as plain data (dicts, lists, text, exact numbers), schema first.

    A part of a plan (a :class:`~kyodo.Body`, :class:`~kyodo.Section`,
    :class:`~kyodo.Measure` or :class:`~kyodo.Indicator`) is written as the
    plan file holds it, with no schema.

    >>> from kyodo import Grade, GradingScheme
    >>> to_data(GradingScheme("pass or fail", [Grade("○", bands=["100%以上"]), Grade("×", bands=["otherwise"])]))
    {'schema': 'kyodo.grading/1', 'name': 'pass or fail', 'grades': [{'label': '○', 'bands': ['>= 100%']}, {'label': '×', 'bands': ['otherwise']}]}
    """
    return unstructure(document)


@overload
def from_data(data: Mapping[str, Any]) -> Plan: ...
@overload
def from_data(data: Mapping[str, Any], kind: type[T]) -> T: ...
def from_data(data: Mapping[str, Any], kind: type[Any] = Plan) -> Any:
    """Build a plan (or a ``kind``) from plain data, checked as a file is; ``schema`` may be left out.

    ``kind`` is a document (:class:`~kyodo.Plan`, :class:`~kyodo.GradingScheme`,
    :class:`~kyodo.TwoAxis`, :class:`~kyodo.SubsidyRule`) or a part of a plan
    as its file holds it (:class:`~kyodo.Body`, :class:`~kyodo.Section`,
    :class:`~kyodo.Measure`, :class:`~kyodo.Indicator`); paths in errors
    start inside the part.

    >>> from kyodo import Body
    >>> from_data({"name": "萩荘地域協働体", "milestones": [{"kind": "founding_meeting", "on": "H27.4.26"}]}, Body)
    Body(name='萩荘地域協働体', district=None, milestones=(Milestone(kind=<MilestoneKind.FOUNDING_MEETING: 'founding_meeting'>, on=datetime.date(2015, 4, 26), note=None),))
    >>> from fractions import Fraction
    >>> from kyodo import GradingScheme
    >>> scheme = from_data({"name": "legend", "grades": [{"label": "A", "bands": ["90%以上"]},
    ...                                                  {"label": "B", "bands": ["その他"]}]}, GradingScheme)
    >>> scheme.grade_label(Fraction(9, 10))
    'A'
    """
    schema_id = _schema_of(kind) if isinstance(data, Mapping) and "schema" not in data else None
    if schema_id is not None:
        data = {"schema": schema_id, **data}
    return _structure(data, kind)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of plan files, for editors and other tools.

    It describes what people may write (any fiscal-year label kyodo reads,
    Japanese enum labels); kyodo's loader also checks what a schema cannot.

    >>> schema = json_schema()
    >>> schema["properties"]["schema"], schema["required"]
    ({'const': 'kyodo.plan/1'}, ['schema', 'title', 'municipality', 'period'])
    """
    from kyodo._schema import plan_schema

    return plan_schema()


def unstructure(document: Data) -> dict[str, object]:
    """A document as plain data in canonical form, with its schema first; a part of a plan without one."""
    kind = type(document)
    if kind in _PARTS:
        made: dict[str, object] = _plan_converter.unstructure(document, kind)
        return made
    schema_id = _schema_of(kind)
    if schema_id is None:
        raise TypeError(f"kyodo writes {', '.join(k.__name__ for k in _schemas())}, not {kind.__name__}")
    return {"schema": schema_id, **_converter_for(kind).unstructure(document, kind)}


def dumps(document: Plan | GradingScheme | TwoAxis | SubsidyRule, format: Format = "json") -> str:
    """Write a plan or grading scheme as text in ``format``; canonical: ``dumps(loads(dumps(p)))`` is the same."""
    return _write_data(unstructure(document), format)


def _write_data(data: Mapping[str, object], format: Format) -> str:
    """Plain data as the text of a kyodo file in ``format``, as :func:`dumps` writes it."""
    if format == "json":
        return _json(data, 0) + "\n"
    if format == "toml":
        from kyodo._toml import write_toml

        return write_toml(data)
    if format == "yaml":
        from kyodo._yaml import write_yaml

        return write_yaml(data)
    raise ValidationError(("format", _not_a_format(format)))


def dump(
    document: Plan | GradingScheme | TwoAxis | SubsidyRule, path: str | Path, format: Format | None = None
) -> None:
    """Write a plan or grading scheme to a file; the format comes from the suffix unless given.

    The file is replaced whole or not at all: when the write fails, the old
    file stays as it was and a :class:`KyodoError` names the file and says why.
    """
    from kyodo._files import write_text

    file = Path(path)
    write_text(file, dumps(document, format or _format_of(file)))


def _json(value: object, indent: int) -> str:
    """JSON text for plain data, writing Decimals as exact numbers (the json module cannot)."""
    parts: list[str] = []
    _write_json(value, indent, parts.append)
    return "".join(parts)


def _write_json(value: object, indent: int, out: Callable[[str], object]) -> None:
    kind = type(value)
    if kind is str:
        out(_quote(value))  # type: ignore[arg-type]
    elif kind is dict:
        assert isinstance(value, dict)
        if not value:
            out("{}")
            return
        pad = "\n" + "  " * (indent + 1)
        separator = pad
        for key, item in value.items():
            out("{" + pad if separator is pad else separator)
            separator = "," + pad
            out(_quote(str(key)))
            out(": ")
            _write_json(item, indent + 1, out)
        out("\n" + "  " * indent + "}")
    elif kind is list or kind is tuple:
        assert isinstance(value, list | tuple)
        if not value:
            out("[]")
            return
        pad = "\n" + "  " * (indent + 1)
        out("[" + pad)
        for index, item in enumerate(value):
            if index:
                out("," + pad)
            _write_json(item, indent + 1, out)
        out("\n" + "  " * indent + "]")
    elif kind is Decimal:
        out(_decimal_text(value))  # type: ignore[arg-type]
    elif kind is bool:
        out("true" if value else "false")
    elif kind is int:
        out(str(value))
    elif value is None:
        out("null")
    else:
        out(json.dumps(value, ensure_ascii=False))


def _decimal_text(value: Decimal) -> str:
    """A Decimal as a JSON and TOML number token that reads back to an equal Decimal (58.8, 37, 1E+3).

    Negative zero is written as zero: the formats read "-0" as the integer 0,
    and canonical output must not change on a second round.
    """
    return str(value.copy_abs() if value.is_zero() else value)
