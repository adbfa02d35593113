"""YAML through PyYAML, read by the YAML 1.2 core schema, with exact numbers (the ``yaml`` extra).

PyYAML resolves plain scalars by YAML 1.1, where ``010`` is 8, ``1:30`` is 90
and ``no`` is false: a figure or a title would change by its spelling. kyodo
reads by the 1.2 core schema instead, and stricter still: a plain scalar is a
number only when it is written in decimal (``10``, ``-5``, ``58.8``,
``1.5e3``); ``0o10``, ``0x10``, ``1_000`` and ``1:30`` stay text, which a
number field then refuses with its reason. Anchors and aliases are refused,
since one alias can stand for a whole table and a few hundred bytes for a
million values; the number of values and the depth are capped as they are
read (see :mod:`kyodo._limits`); PyYAML's parser is pure Python, so YAML
files hold fewer values than JSON files.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Final

from kyodo._limits import MAX_DEPTH, MAX_YAML_NODES
from kyodo._plain import TOO_DEEP, read_decimal
from kyodo.errors import Coded, KyodoError, ParseError

#: The YAML 1.2 core schema's plain scalars, decimal numbers only (every pattern anchored and linear).
_NULL: Final = re.compile(r"~|null|Null|NULL|")
_BOOL: Final = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT: Final = re.compile(r"[-+]?[0-9]++")
_FLOAT: Final = re.compile(r"[-+]?(?:\.[0-9]++|[0-9]++(?:\.[0-9]*+)?+)(?:[eE][-+]?[0-9]++)?+")

#: Longer decimal integers are read as Decimals, which the limits then refuse with their path,
#: instead of meeting Python's 4,300-digit limit on int() as a bare ValueError.
_INT_DIGITS: Final = 40

_TOO_MANY: Final = Coded(
    f"the file holds more than {MAX_YAML_NODES:,} values, the most kyodo reads from YAML (JSON holds more)",
    f"値が{MAX_YAML_NODES:,}個を超える（YAML で読めるのはここまで。JSON ならもっと多く読める）",
    "too_large",
)

_INT_TAG: Final = "tag:yaml.org,2002:int"
_FLOAT_TAG: Final = "tag:yaml.org,2002:float"
_BOOL_TAG: Final = "tag:yaml.org,2002:bool"
_NULL_TAG: Final = "tag:yaml.org,2002:null"
_STR_TAG: Final = "tag:yaml.org,2002:str"


def _yaml() -> Any:
    try:
        import yaml
    except ImportError:
        raise KyodoError("reading or writing YAML needs PyYAML: pip install 'kyodo[yaml]'") from None
    return yaml


def core_tag(value: str) -> str:
    """The tag kyodo's YAML reader gives ``value`` written as a plain scalar.

    >>> core_tag("010"), core_tag("58.8"), core_tag("1:30"), core_tag("no"), core_tag("~")
    ('tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:str', 'tag:yaml.org,2002:str', 'tag:yaml.org,2002:null')
    """
    if _INT.fullmatch(value):
        return _INT_TAG
    if _FLOAT.fullmatch(value):
        return _FLOAT_TAG
    if _BOOL.fullmatch(value):
        return _BOOL_TAG
    if _NULL.fullmatch(value):
        return _NULL_TAG
    return _STR_TAG


def _refusal(text: str, reason: tuple[str, str], mark: Any) -> ParseError:
    line = "" if mark is None else f" (line {mark.line + 1})"
    line_ja = "" if mark is None else f"（{mark.line + 1}行目）"
    return ParseError(
        text[:40],
        "YAML",
        (reason[0] + line, reason[1] + line_ja),
        column=None if mark is None else mark.column + 1,
        code=reason.code if isinstance(reason, Coded) else "bad_syntax",
    )


def read_yaml(text: str) -> object:
    """Plain data from YAML text: exact numbers, no anchors or aliases, at most the limits' values and depth."""
    yaml = _yaml()
    nodes = 0
    depth = 0

    class Loader(yaml.SafeLoader):  # type: ignore[misc,name-defined]
        yaml_implicit_resolvers: dict[str, list[Any]] = {}  # noqa: RUF012 - PyYAML's own class attribute

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is yaml.ScalarNode and implicit[0]:
                return core_tag(value)
            return super().resolve(kind, value, implicit)

        def compose_node(self, parent: Any, index: Any) -> Any:
            nonlocal nodes, depth
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent):
                raise _refusal(
                    text,
                    (
                        f"alias *{event.anchor} is not allowed in kyodo files",
                        f"kyodo のファイルでは別名 *{event.anchor} は使えない",
                    ),
                    event.start_mark,
                )
            if getattr(event, "anchor", None) is not None:
                raise _refusal(
                    text,
                    (
                        f"anchor &{event.anchor} is not allowed in kyodo files",
                        f"kyodo のファイルではアンカー &{event.anchor} は使えない",
                    ),
                    event.start_mark,
                )
            nodes += 1
            if nodes > MAX_YAML_NODES:
                raise _refusal(text, _TOO_MANY, event.start_mark)
            depth += 1
            try:
                if depth > MAX_DEPTH:
                    raise _refusal(text, TOO_DEEP, event.start_mark)
                return super().compose_node(parent, index)
            finally:
                depth -= 1

    def integer(loader: Any, node: Any) -> int | Decimal:
        digits = loader.construct_scalar(node)
        return int(digits) if len(digits) <= _INT_DIGITS else Decimal(digits)

    def decimal(loader: Any, node: Any) -> Decimal:
        return read_decimal(loader.construct_scalar(node))

    def mapping(loader: Any, node: Any, deep: bool = False) -> dict[object, object]:
        # The safe loader keeps the last of two equal keys; a plan file must not say two things at once.
        table: dict[object, object] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int | bool | Decimal) and key is not None:
                mark = key_node.start_mark
                raise ParseError(
                    repr(key),
                    "a YAML table",
                    f"a key must be text (line {mark.line + 1})",
                    column=mark.column + 1,
                    code="not_text",
                )
            if key in table:
                mark = key_node.start_mark
                raise ParseError(
                    str(key),
                    "a YAML table",
                    f"{key!r} appears twice (line {mark.line + 1})",
                    column=mark.column + 1,
                    code="duplicate",
                )
            table[key] = loader.construct_object(value_node, deep=deep)
        return table

    Loader.add_constructor(_INT_TAG, integer)
    Loader.add_constructor(_FLOAT_TAG, decimal)
    Loader.add_constructor("tag:yaml.org,2002:map", mapping)
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        column = None if mark is None else mark.column + 1
        line = "" if mark is None else f" (line {mark.line + 1})"
        raise ParseError(
            text[:40], "YAML", f"{getattr(error, 'problem', None) or error}{line}", column=column, code="bad_syntax"
        ) from None
    except RecursionError:
        raise ParseError(text[:40], "YAML", TOO_DEEP) from None
    except ParseError:
        raise
    except ValueError as error:
        # PyYAML's scanner builds an escape such as "\U00110000" with chr(), which refuses it.
        raise ParseError(text[:40], "YAML", f"an escape names no character ({error})", code="bad_syntax") from None


def write_yaml(data: object) -> str:
    """YAML text for plain data, writing Decimals as exact numbers and quoting text that would read as else."""
    yaml = _yaml()

    class Dumper(yaml.SafeDumper):  # type: ignore[misc,name-defined]
        pass

    def decimal(dumper: Any, value: Decimal) -> Any:
        value = value.copy_abs() if value.is_zero() else value
        text = str(value)
        return dumper.represent_scalar(_INT_TAG if _INT.fullmatch(text) else _FLOAT_TAG, text)

    def text(dumper: Any, value: str) -> Any:
        # YAML folds NEL and the Unicode line and paragraph separators in plain
        # and single-quoted scalars; double quotes keep them as escapes.
        risky = any(char in "\x85\u2028\u2029" or (ord(char) < 32 and char != "\n") for char in value)
        if risky:
            return dumper.represent_scalar(_STR_TAG, value, style='"')
        # Text that kyodo's reader (1.2) or another YAML reader (1.1) would take for something else is quoted.
        ambiguous = core_tag(value) != _STR_TAG or dumper.resolve(yaml.ScalarNode, value, (True, False)) != _STR_TAG
        return dumper.represent_scalar(_STR_TAG, value, style="'" if ambiguous else None)

    Dumper.add_representer(Decimal, decimal)
    Dumper.add_representer(str, text)
    return str(yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100))
