"""A griffe extension for the documentation site: kyodo's reStructuredText-flavoured docstrings as Markdown.

kyodo's docstrings are written for ``help()`` and doctest: they use Sphinx
roles (:class:`~kyodo.Measure`, :func:`build_report`), ``::`` literal
blocks, simple tables of ``====`` rules, and bare doctests. mkdocstrings
renders docstrings as Markdown, where a bare doctest becomes a nested block
quote and ``[a][b]`` in its output becomes a broken cross-reference. Before
mkdocstrings renders anything, this extension rewrites each docstring of the
``kyodo`` package:

* each doctest (a ``>>>`` line up to the next blank line) becomes a fenced
  ``pycon`` code block;
* a role naming an object the reference documents becomes a cross-reference
  to it (``~`` shows the last name only, ``Title <target>`` a title); any
  other role (``decimal.Decimal``) becomes inline code;
* a simple table becomes a Markdown table, and a paragraph's closing ``::``
  a single ``:``.

The source files are not changed, so ``help()`` and the doctests read as
before. mkdocs.yml loads this file (``extensions`` of the python handler)
and keeps it out of the built site (``exclude_docs``). It imports griffe only
when griffe is installed (the ``docs`` extra), since pytest imports every
module under docs/ when it collects doctests.

>>> print(markdown_of("Read :class:`~kyodo.Measure` and ``text``.", lambda target: "kyodo.plan.Measure"))
Read [`Measure`][kyodo.plan.Measure] and ``text``.
>>> print(markdown_of("See :func:`warnings.warn`.", lambda target: None))
See `warnings.warn()`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    from griffe import Extension
except ImportError:  # the docs extra is not installed: nothing here runs, but the module still imports
    Extension = object  # type: ignore[assignment,misc]

__all__ = ["RstDocstrings", "markdown_of"]

#: A Sphinx role: :class:`~kyodo.Measure`, :meth:`Era.of_year <kyodo.Era.of_year>`.
_ROLE = re.compile(r":(?:py:)?(?P<role>[a-z]+):`(?P<body>[^`]+)`")
_TABLE_RULE = re.compile(r"^\s*=+(?: +=+)+\s*$")

Resolver = Callable[[str], "str | None"]


def markdown_of(text: str, resolve: Resolver) -> str:
    """``text`` (a docstring) as Markdown; ``resolve`` gives a role target's anchor, or None for inline code."""
    return _roles(_literal_blocks(_tables(_doctests(text.splitlines()))), resolve)


def _doctests(lines: list[str]) -> list[str]:
    """Fence each doctest: from a ``>>>`` line to the next blank line (or the end)."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.lstrip().startswith(">>>"):
            out.append(line)
            index += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        if out and out[-1].strip():
            out.append("")
        out.append(f"{indent}```pycon")
        while index < len(lines) and lines[index].strip():
            block_line = lines[index]
            out.append("" if block_line.strip() == "<BLANKLINE>" else block_line)
            index += 1
        out.append(f"{indent}```")
    return out


def _tables(lines: list[str]) -> list[str]:
    """Simple tables (a rule, a header, a rule, rows, a rule) as Markdown tables.

    Every column but the last holds one word per row, as kyodo's tables do,
    so a row splits at its first spaces, whatever the width of its characters.
    """
    out: list[str] = []
    index = 0
    while index < len(lines):
        if (
            _TABLE_RULE.match(lines[index])
            and index + 2 < len(lines)
            and _TABLE_RULE.match(lines[index + 2])
            and not _TABLE_RULE.match(lines[index + 1])
        ):
            columns = len(lines[index].split())
            end = index + 3
            while end < len(lines) and not _TABLE_RULE.match(lines[end]) and lines[end].strip():
                end += 1
            if end < len(lines) and _TABLE_RULE.match(lines[end]):

                def row(text: str, columns: int = columns) -> str:
                    cells = text.split(None, columns - 1)
                    cells += [""] * (columns - len(cells))
                    return "| " + " | ".join(cells) + " |"

                if out and out[-1].strip():
                    out.append("")
                out.append(row(lines[index + 1]))
                out.append("|" + "---|" * columns)
                out.extend(row(text) for text in lines[index + 3 : end])
                index = end + 1
                continue
        out.append(lines[index])
        index += 1
    return out


def _literal_blocks(lines: list[str]) -> list[str]:
    """A paragraph's closing ``::`` (an indented literal block follows) written as ``:``."""
    out = []
    for number, line in enumerate(lines):
        following = lines[number + 1 : number + 3]
        if line.rstrip().endswith("::") and len(following) == 2 and not following[0].strip():
            if following[1].startswith("    "):
                line = line.rstrip()[:-1]
        out.append(line)
    return out


def _roles(lines: list[str], resolve: Resolver) -> str:
    text = "\n".join(lines)
    pieces = re.split(r"(^\s*```.*?^\s*```$)", text, flags=re.MULTILINE | re.DOTALL)
    # Odd pieces are fenced doctests: roles there are code, left alone.
    return "".join(piece if number % 2 else _ROLE.sub(lambda m: _role(m, resolve), piece) for number, piece in enumerate(pieces))


def _role(match: re.Match[str], resolve: Resolver) -> str:
    body = " ".join(match["body"].split())
    titled = re.fullmatch(r"(?P<title>.+?)\s*<(?P<target>[^>]+)>", body)
    if titled:
        title, target = titled["title"], titled["target"]
    else:
        target = body.lstrip("~")
        title = target.rsplit(".", 1)[-1] if body.startswith("~") else target
    if match["role"] in ("meth", "func") and not title.endswith(")") and not titled:
        title += "()"
    anchor = resolve(target)
    return f"[`{title}`][{anchor}]" if anchor else f"`{title}`"


class RstDocstrings(Extension):  # type: ignore[misc,valid-type]
    """Rewrite the docstrings of the ``kyodo`` package once it is loaded; see the module."""

    def on_package(self, *, pkg: Any, **kwargs: Any) -> None:
        if pkg.name != "kyodo":
            return
        for obj in _objects(pkg):
            if obj.docstring is not None:
                obj.docstring.value = markdown_of(obj.docstring.value, _resolver(pkg, obj))


def _objects(obj: Any) -> Any:
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from _objects(member)


def _documented(obj: Any) -> bool:
    """Whether the reference renders ``obj`` (so that a cross-reference to it resolves)."""
    while obj is not None and not obj.is_module:
        if obj.name.startswith("_") or obj.docstring is None:
            return False
        obj = obj.parent
    return obj is not None and obj.path in _reference_modules()


def _reference_modules() -> set[str]:
    """The modules the reference pages render: each ``::: kyodo.x`` directive in docs/reference/."""
    pages = (Path(__file__).parent / "reference").glob("*.md")
    return {match[1] for page in pages for match in re.finditer(r"^:::\s*(\S+)", page.read_text("utf-8"), re.M)}


def _lookup(scope: Any, dotted: str) -> Any:
    """The object ``dotted`` names from ``scope``, through aliases, or None (also for what griffe cannot follow)."""
    try:
        found = scope[dotted]
        return found.final_target if found.is_alias else found
    except Exception:  # noqa: BLE001 - KeyError, or an alias to another package (datetime.date)
        return None


def _resolver(pkg: Any, obj: Any) -> Resolver:
    scopes = []
    scope = obj
    while scope is not None:
        scopes.append(scope)
        scope = scope.parent

    def resolve(target: str) -> str | None:
        if target.startswith("kyodo."):
            candidates = [_lookup(pkg, target.removeprefix("kyodo."))]
        elif target == "kyodo":
            candidates = [pkg]
        else:
            candidates = [_lookup(scope, target) for scope in scopes]
        for found in candidates:
            if found is None:
                continue
            # Link to the object, or else to the nearest documented object holding it (Verdict for Verdict.MET).
            while found is not None and not _documented(found):
                found = found.parent
            if found is not None and not found.is_package:
                return str(found.path)
        return None

    return resolve
