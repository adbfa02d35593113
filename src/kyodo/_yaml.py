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

    Loader.add_constructor("tag:yaml.org,2002:float", decimal)
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
