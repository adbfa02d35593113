"""Moving kyodo files from an older version of their schema to the current one (``kyodo migrate``).

Each kind of file names its schema and version (``kyodo.plan/1``). When a
version changes what a file may hold, the step from the old version to the
new is one function in :data:`STEPS`, keyed by the kind and the version it
reads; migrating applies the steps in turn, from the file's version to the
current one. Today every kind is at version 1, so there is no step yet, and
every file kyodo reads is already current.

>>> migrate_data({"schema": "kyodo.plan/1", "title": "t"})
({'schema': 'kyodo.plan/1', 'title': 't'}, 'kyodo.plan/1')
>>> migrate_data({"schema": "kyodo.plan/2"})
Traceback (most recent call last):
kyodo.errors.ValidationError: schema: 'kyodo.plan/2' is newer than this kyodo reads (kyodo.plan/1); upgrade kyodo to read it
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

from kyodo._files import write_text
from kyodo._sheet_mapping import MAPPING_SCHEMA, mapping_from_data
from kyodo.errors import Coded, ValidationError
from kyodo.io import _SCHEMAS, Format, _format_of, _in_file, _read_file, _read_text, _structure, _write_data, dumps

#: A document as plain data, as a step reads and writes it.
Document = dict[str, Any]
#: One step: a document of one version of its schema, as a document of the next.
Step = Callable[[Document], Document]

#: The current version of each kind's schema, from the schema ids kyodo reads (kyodo.plan/1 → "kyodo.plan": 1):
#: the documents :func:`kyodo.load` reads, and the sheet mappings :func:`kyodo.read_sheet` reads.
CURRENT: Final[dict[str, int]] = {
    schema_id.partition("/")[0]: int(schema_id.partition("/")[2]) for schema_id in (*_SCHEMAS.values(), MAPPING_SCHEMA)
}

#: The steps, keyed by (kind, the version the step reads). A new version N+1 of a kind adds the entry
#: ("kyodo.plan", N): a function from the data of a version-N file to that of a version-N+1 file.
STEPS: Final[dict[tuple[str, int], Step]] = {}

_SCHEMA_ID: Final = re.compile(r"(kyodo\.[a-z-]+)/(\d+)")


def _refused(english: str, japanese: str) -> ValidationError:
    return ValidationError(("schema", Coded(english, japanese, "wrong_schema")))


def migrate_data(
    data: object, steps: Mapping[tuple[str, int], Step] = STEPS, current: Mapping[str, int] = CURRENT
) -> tuple[object, str]:
    """``data`` moved to the current version of its schema, and the schema id it had.

    Refuses (``wrong_schema``) a document whose schema is missing, of no kind
    kyodo knows, or of a version kyodo does not know: newer than it reads, or
    below 1. ``steps`` and ``current`` are the table and the versions to use
    (kyodo's own unless given).
    """
    given = data.get("schema") if isinstance(data, Mapping) else None
    match = _SCHEMA_ID.fullmatch(given) if isinstance(given, str) else None
    known = ", ".join(f"{kind}/{version}" for kind, version in current.items())
    if match is None or match[1] not in current:
        raise _refused(
            f"expected the schema of a kyodo file ({known}), not {given!r}",
            f"kyodo のファイルのスキーマ（{known}）が必要（{given!r} ではない）",
        )
    schema_id: str = match[0]
    kind, version = match[1], int(match[2])
    latest = current[kind]
    if version > latest:
        raise _refused(
            f"{given!r} is newer than this kyodo reads ({kind}/{latest}); upgrade kyodo to read it",
            f"{given!r} はこの kyodo が読める版（{kind}/{latest}）より新しい。kyodo を更新する",
        )
    if version < 1:
        raise _refused(
            f"{given!r} is no version of {kind}; versions start at {kind}/1",
            f"{given!r} という {kind} の版はない。版は {kind}/1 から",
        )
    assert isinstance(data, Mapping)
    document: Document = dict(data)
    for step_from in range(version, latest):
        step = steps.get((kind, step_from))
        if step is None:  # pragma: no cover - a test checks that every version below the current has its step
            raise _refused(
                f"kyodo has no step from {kind}/{step_from} to {kind}/{step_from + 1}",
                f"{kind}/{step_from} から {kind}/{step_from + 1} への移行がない",
            )
        document = {**step(document), "schema": f"{kind}/{step_from + 1}"}
    return document, schema_id


def migrate_file(path: str | Path, output: str | Path | None = None) -> str:
    """Move the kyodo file at ``path`` to the current version of its schema; a line saying what was done.

    A file already current is left alone (and copied as it is to ``output``,
    if given). A migrated file is checked as :func:`kyodo.load` checks it and
    written, whole or not at all, to ``output``, or over ``path``.
    """
    file = Path(path)
    fmt: Format = _format_of(file)
    text = _read_file(file)
    try:
        data = _read_text(text, fmt)
        migrated, was = migrate_data(data)
    except ValidationError as error:
        raise _in_file(error, file) from None
    assert isinstance(migrated, Mapping)
    now = migrated["schema"]
    target = Path(output) if output is not None else file
    target_format = _format_of(target)
    if now == was and (output is None or target_format == fmt):
        if output is None:
            return f"{file}: {now}, already current; nothing to do"
        write_text(target, text)
        return f"{file}: {now}, already current; copied to {target} as it was"
    # Written anew (in the new version, or in another format): checked first as kyodo reads its kind.
    try:
        written = _written(migrated, now, target_format)
    except ValidationError as error:
        raise _in_file(error, file) from None
    write_text(target, written)
    if now == was:
        return f"{file}: {now}, already current; wrote it to {target} as {target_format}"
    return f"{file}: migrated from {was} to {now}; wrote {target}"


def _written(document: Mapping[str, Any], schema_id: str, fmt: Format) -> str:
    """``document`` checked as kyodo reads a file of its kind, as text in ``fmt``.

    A plan, scheme or rule is built as :func:`kyodo.load` builds it and written
    in canonical form; a sheet mapping is checked as :func:`kyodo.read_sheet`
    checks it and written as it stands (it has no canonical form).
    """
    if schema_id == MAPPING_SCHEMA:
        mapping_from_data(document)
        return _write_data(document, fmt)
    kinds = {schema_id: kind for kind, schema_id in _SCHEMAS.items()}
    return dumps(_structure(document, kinds[schema_id]), fmt)
