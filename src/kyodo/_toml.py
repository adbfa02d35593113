"""A small TOML writer for kyodo's plain data (the standard library reads TOML but cannot write it).

Tables become ``[a.b]`` sections, lists of tables ``[[a.b]]``, and small flat
tables (per-year figures, a baseline) inline tables, so files read like the
documents they encode. Numbers are written exactly, Decimals included.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Final

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_INLINE_WIDTH: Final = 100
_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def write_toml(data: Mapping[str, object]) -> str:
    """TOML text for a table of plain data: dicts, lists, str, int, bool, Decimal, date."""
    lines: list[str] = []
    _table(lines, (), data)
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    out = []
    for char in text:
        escaped = _ESCAPES.get(char)
        if escaped is not None:
            out.append(escaped)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _is_table_list(value: object) -> bool:
    return isinstance(value, list | tuple) and bool(value) and all(isinstance(item, Mapping) for item in value)


def _inline(value: object) -> str | None:
    """The value as a one-line TOML value, or None if it must be written as a table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(value.copy_abs() if value.is_zero() else value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        if _is_table_list(value):
            return None
        items: list[str] = []
        for item in value:
            text = _inline(item)
            if text is None:
                return None
            items.append(text)
        return "[" + ", ".join(items) + "]"
    if isinstance(value, Mapping):
        parts = []
        for key, item in value.items():
            if isinstance(item, Mapping | list | tuple) and not _is_flat(item):
                return None
            text = _inline(item)
            if text is None:
                return None
            parts.append(f"{_key(key)} = {text}")
        return "{ " + ", ".join(parts) + " }" if parts else "{}"
    raise TypeError(f"cannot write {type(value).__name__} {value!r} as TOML")


def _is_flat(value: object) -> bool:
    if isinstance(value, Mapping):
        return all(not isinstance(item, Mapping | list | tuple) for item in value.values())
    if isinstance(value, list | tuple):
        return all(not isinstance(item, Mapping | list | tuple) for item in value)
    return True


def _table(lines: list[str], path: tuple[str, ...], data: Mapping[str, object]) -> None:
    tables: list[tuple[str, Mapping[str, object]]] = []
    table_lists: list[tuple[str, list[Mapping[str, object]]]] = []
    for key, value in data.items():
        if isinstance(value, list | tuple) and _is_table_list(value):
            table_lists.append((key, list(value)))
            continue
        text = _inline(value)
        if isinstance(value, Mapping) and (text is None or len(text) > _INLINE_WIDTH):
            tables.append((key, value))
            continue
        if text is None:
            raise TypeError(f"cannot write {key!r} as TOML")
        lines.append(f"{_key(key)} = {text}")
    for key, value in tables:
        lines.append("")
        lines.append("[" + ".".join(_key(part) for part in (*path, key)) + "]")
        _table(lines, (*path, key), value)
    for key, items in table_lists:
        for item in items:
            lines.append("")
            lines.append("[[" + ".".join(_key(part) for part in (*path, key)) + "]]")
            _table(lines, (*path, key), item)
