"""The JSON Schema of kyodo's errors as data (``kyodo.error/1``), which :meth:`kyodo.KyodoError.to_data` gives."""

from __future__ import annotations

from typing import Any, Final

from kyodo.errors import CODES, ERROR_SCHEMA

JSON = dict[str, Any]

_TEXT: Final[JSON] = {"type": "string"}


def _words(description: str) -> JSON:
    return {
        "description": description,
        "type": "object",
        "properties": {"en": _TEXT, "ja": _TEXT},
        "required": ["en", "ja"],
        "additionalProperties": False,
    }


def error_schema() -> JSON:
    """The JSON Schema (draft 2020-12) of ``kyodo.error/1``: an error's problems, each with its path, code and message.

    >>> schema = error_schema()
    >>> schema["$defs"]["problem"]["properties"]["code"]["enum"][:3]
    ['missing_key', 'unknown_key', 'wrong_schema']
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kyodo.invalid/schema/kyodo.error-1.json",
        "title": "kyodo error",
        "type": "object",
        "properties": {
            "schema": {"const": ERROR_SCHEMA},
            "error": {"description": "The class of the error: ValidationError, ParseError, …", **_TEXT},
            "file": {"description": "The name of the file the problems are in, when one was read.", **_TEXT},
            "problems": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/problem"}},
            "text": {"description": "The text a ParseError could not read, cut to its start when long.", **_TEXT},
            "column": {"description": "The 1-based column where reading failed.", "type": ["integer", "null"]},
            "what": _words("What the text was read as."),
            "reason": _words("Why it could not be read."),
            "expected": {"oneOf": [_words("What would have been valid."), {"type": "null"}]},
        },
        "required": ["schema", "error", "problems"],
        "additionalProperties": False,
        "$defs": {
            "problem": {
                "type": "object",
                "properties": {
                    "path": {
                        "description": "The keys (text) and list indexes (numbers) from the top of the document.",
                        "type": "array",
                        "items": {"type": ["string", "integer"]},
                    },
                    "path_text": {"description": "The path as kyodo prints it.", **_TEXT},
                    "code": {"description": "What kind of problem it is.", "enum": list(CODES)},
                    "message": _words("The message."),
                },
                "required": ["path", "path_text", "code", "message"],
                "additionalProperties": False,
            }
        },
    }
