"""YAML through PyYAML's safe loader and dumper, with exact numbers (the ``yaml`` extra)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kyodo.errors import KyodoError, ParseError


def _yaml() -> Any:
    try:
        import yaml
    except ImportError:
        raise KyodoError("reading or writing YAML needs PyYAML: pip install 'kyodo[yaml]'") from None
    return yaml


def read_yaml(text: str) -> object:
    """Plain data from YAML text; floats are read as exact Decimals and nothing but plain data is built."""
    yaml = _yaml()

    class Loader(yaml.SafeLoader):  # type: ignore[misc,name-defined]
        pass

    def decimal(loader: Any, node: Any) -> Decimal:
        text = loader.construct_scalar(node).replace("_", "")
        try:
            return Decimal(text)
        except ArithmeticError:
            raise ParseError(text, "a YAML number", "it is not a finite number") from None

    def mapping(loader: Any, node: Any, deep: bool = False) -> dict[object, object]:
        # The safe loader keeps the last of two equal keys; a plan file must not say two things at once.
        table: dict[object, object] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int | bool | Decimal) and key is not None:
                mark = key_node.start_mark
                raise ParseError(
                    repr(key), "a YAML table", f"a key must be text (line {mark.line + 1})", column=mark.column + 1
                )
            if key in table:
                mark = key_node.start_mark
                raise ParseError(
                    str(key), "a YAML table", f"{key!r} appears twice (line {mark.line + 1})", column=mark.column + 1
                )
            table[key] = loader.construct_object(value_node, deep=deep)
        return table

    Loader.add_constructor("tag:yaml.org,2002:float", decimal)
    Loader.add_constructor("tag:yaml.org,2002:map", mapping)
    try:
        return yaml.load(text, Loader=Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        column = None if mark is None else mark.column + 1
        line = "" if mark is None else f" (line {mark.line + 1})"
        raise ParseError(
            text[:40], "YAML", f"{getattr(error, 'problem', None) or error}{line}", column=column
        ) from None
    except RecursionError:
        raise ParseError(text[:40], "YAML", "nested too deeply") from None


def write_yaml(data: object) -> str:
    """YAML text for plain data, writing Decimals as exact numbers."""
    yaml = _yaml()

    class Dumper(yaml.SafeDumper):  # type: ignore[misc,name-defined]
        pass

    def decimal(dumper: Any, value: Decimal) -> Any:
        value = value.copy_abs() if value.is_zero() else value
        if value == value.to_integral_value() and "E" not in str(value) and "." not in str(value):
            return dumper.represent_scalar("tag:yaml.org,2002:int", str(value))
        return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))

    def text(dumper: Any, value: str) -> Any:
        # YAML folds NEL and the Unicode line and paragraph separators in plain
        # and single-quoted scalars; double quotes keep them as escapes.
        risky = any(char in "\x85\u2028\u2029" or (ord(char) < 32 and char != "\n") for char in value)
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if risky else None)

    Dumper.add_representer(Decimal, decimal)
    Dumper.add_representer(str, text)
    return str(yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100))
