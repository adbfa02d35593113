"""No label makes a kyodo parser hang: every pattern is linear, and every label is short.

Two kinds of test keep it so. A static check reads every regular expression
kyodo compiles and refuses the shapes that backtrack polynomially or
exponentially. A property feeds long, repetitive labels to every parser under
a per-example deadline, both at the length limit and, with the limit lifted,
far past it, where a quadratic pattern would take seconds.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import importlib.util
import inspect
import pkgutil
import re
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import kyodo
from kyodo import (
    Era,
    FiscalYear,
    FiscalYearRange,
    ParseError,
    ValidationError,
    YearMonth,
    _limits,
    parse_criterion,
    parse_rate,
    parse_wareki,
    parse_wareki_month,
    parse_yen,
    read_wareki,
)
from kyodo._bands import parse_band
from kyodo._limits import MAX_LABEL_CHARS
from kyodo._numerals import kanji_to_int
from kyodo.grading import Band
from kyodo.money import Rounding
from kyodo.wareki import _ERA_PATTERN, _NUMBER

# --- the static check ----------------------------------------------------------------------------------------

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ONE_CHAR = (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN)


@dataclass(frozen=True)
class _First:
    """What a piece of pattern can start with: one-character items, each marked if it may repeat without bound."""

    atoms: tuple[tuple[Any, bool], ...]
    nullable: bool


_END = _First((), True)


def _first_of_item(item: Any) -> _First:
    op, av = item
    if op in _ONE_CHAR:
        return _First(((item, False),), False)
    if op in _REPEATS:
        low, high, sub = av
        inner = _first_of_sequence(list(sub), _END)
        unbounded = high == sre.MAXREPEAT
        return _First(tuple((atom, multi or unbounded) for atom, multi in inner.atoms), low == 0 or inner.nullable)
    if op is sre.SUBPATTERN:
        return _first_of_sequence(list(av[3]), _END)
    if op is sre.ATOMIC_GROUP:
        return _first_of_sequence(list(av), _END)
    if op is sre.BRANCH:
        branches = [_first_of_sequence(list(branch), _END) for branch in av[1]]
        return _First(
            tuple(atom for branch in branches for atom in branch.atoms), any(branch.nullable for branch in branches)
        )
    if op is sre.GROUPREF_EXISTS:
        branches = [_first_of_sequence(list(branch), _END) for branch in av[1:] if branch is not None]
        return _First(tuple(atom for branch in branches for atom in branch.atoms), True)
    if op is sre.GROUPREF:
        # A back-reference may match anything its group did.
        return _First((((sre.ANY, None), False),), False)
    # Anchors and lookarounds match no characters.
    return _END


def _first_of_sequence(items: list[Any], after: _First) -> _First:
    atoms: list[tuple[Any, bool]] = []
    for item in items:
        first = _first_of_item(item)
        atoms.extend(first.atoms)
        if not first.nullable:
            return _First(tuple(atoms), False)
    return _First((*atoms, *after.atoms), after.nullable)


def _atoms_within(items: list[Any]) -> Iterator[Any]:
    for op, av in items:
        if op in _ONE_CHAR:
            yield (op, av)
        elif op in _REPEATS:
            yield from _atoms_within(list(av[2]))
        elif op is sre.SUBPATTERN:
            yield from _atoms_within(list(av[3]))
        elif op is sre.ATOMIC_GROUP:
            yield from _atoms_within(list(av))
        elif op is sre.BRANCH:
            for branch in av[1]:
                yield from _atoms_within(list(branch))
        elif op is sre.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    yield from _atoms_within(list(branch))
        elif op is sre.GROUPREF:
            yield (sre.ANY, None)


def _backtracking_repeats_within(items: list[Any]) -> Iterator[Any]:
    """Unbounded repeats inside ``items`` that a failure outside them may backtrack into."""
    for op, av in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            if av[1] == sre.MAXREPEAT:
                yield (op, av)
            yield from _backtracking_repeats_within(list(av[2]))
        elif op is sre.SUBPATTERN:
            yield from _backtracking_repeats_within(list(av[3]))
        elif op is sre.BRANCH:
            for branch in av[1]:
                yield from _backtracking_repeats_within(list(branch))


_CATEGORIES = {
    "DIGIT": re.compile(r"\d"),
    "SPACE": re.compile(r"\s"),
    "WORD": re.compile(r"\w"),
}
# Characters every overlap test tries besides those the patterns name: ASCII,
# other spaces and digits, full-width forms, kana and kanji.
_SAMPLES = [chr(code) for code in range(128)] + list("\u3000\xa0\u2003\u0660١１Ｈｈ年度元〇十あア漢é\U0001f600")


def _category_accepts(category: Any, char: str) -> bool:
    name = str(category)
    for key, pattern in _CATEGORIES.items():
        if key in name:
            matched = pattern.fullmatch(char) is not None
            return not matched if "NOT" in name else matched
    raise AssertionError(f"unknown category {name}")


def _accepts(atom: Any, char: str, flags: int) -> bool:
    op, av = atom
    candidates = {char, char.lower(), char.upper()} if flags & re.IGNORECASE else {char}
    for candidate in candidates:
        code = ord(candidate) if len(candidate) == 1 else -1
        if op is sre.LITERAL and code == av:
            return True
        if op is sre.NOT_LITERAL and code != av:
            return True
        if op is sre.ANY and (candidate != "\n" or flags & re.DOTALL):
            return True
        if op is sre.IN:
            negate = bool(av) and av[0][0] is sre.NEGATE
            found = False
            for member_op, member_av in av[1:] if negate else av:
                if member_op is sre.LITERAL:
                    found = found or code == member_av
                elif member_op is sre.RANGE:
                    found = found or member_av[0] <= code <= member_av[1]
                elif member_op is sre.CATEGORY:
                    found = found or _category_accepts(member_av, candidate)
            if found != negate:
                return True
    return False


def _named_chars(atoms: list[Any]) -> Iterator[str]:
    for op, av in atoms:
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            yield chr(av)
        elif op is sre.IN:
            for member_op, member_av in av:
                if member_op is sre.LITERAL:
                    yield chr(member_av)
                elif member_op is sre.RANGE:
                    yield from (chr(member_av[0]), chr(member_av[1]))


def _overlap(left: list[Any], right: list[Any], flags: int) -> str | None:
    """A character both sets of one-character items accept, or None."""
    for char in [*_SAMPLES, *_named_chars(left), *_named_chars(right)]:
        if any(_accepts(atom, char, flags) for atom in left) and any(_accepts(atom, char, flags) for atom in right):
            return char
    return None


def _walk(items: list[Any], after: _First, flags: int, found: list[str]) -> None:
    for index, (op, av) in enumerate(items):
        follow = _first_of_sequence(items[index + 1 :], after)
        if op in _REPEATS:
            _low, high, sub = av
            body = list(sub)
            if high == sre.MAXREPEAT and op is not sre.POSSESSIVE_REPEAT:
                nested = next(_backtracking_repeats_within(body), None)
                if nested is not None:
                    found.append(f"an unbounded repeat nested in another: {nested}")
                repeating_after = [atom for atom, multi in follow.atoms if multi]
                char = _overlap(list(_atoms_within(body)), repeating_after, flags)
                if char is not None:
                    found.append(f"an unbounded repeat followed by another that also takes {char!r}")
            if op is sre.POSSESSIVE_REPEAT:
                # Nothing outside a possessive repeat backtracks into it; only its own next round follows.
                inner_after = _First(_first_of_sequence(body, _END).atoms, True)
            else:
                inner_after = _First((*_first_of_sequence(body, _END).atoms, *follow.atoms), follow.nullable)
            _walk(body, inner_after, flags, found)
        elif op is sre.SUBPATTERN:
            _walk(list(av[3]), follow, flags, found)
        elif op is sre.ATOMIC_GROUP:
            _walk(list(av), _END, flags, found)
        elif op is sre.BRANCH:
            for branch in av[1]:
                _walk(list(branch), follow, flags, found)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            _walk(list(av[1]), _END, flags, found)
        elif op is sre.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    _walk(list(branch), follow, flags, found)


def backtracking_problems(pattern: str, flags: int = 0) -> list[str]:
    """The shapes in ``pattern`` that make matching take more than linear time, or [] when there are none.

    Refused: an unbounded repeat that is neither possessive nor atomic and
    either holds another such repeat ((a+)+, exponential) or is followed,
    possibly across optional parts, by another unbounded repeat that can take
    the same characters (\\s*(.+?)\\s*, \\s*x?\\s*, \\s*[\\s\\d]*: polynomial).
    """
    found: list[str] = []
    _walk(list(sre_parse.parse(pattern, flags)), _END, flags, found)
    return found


# The patterns kyodo used before its readers were made linear: the check must refuse each of them.
OLD_PATTERNS = {
    "fiscal._RANGE": r"\s*(.+?)\s*(?:から|[~〜\-–—‐−])\s*(.+?)\s*(?:まで)?\s*",
    "fiscal._LABEL": (
        rf"\s*(?:[Ff][Yy]\s*(\d{{4}})(?:\s*年度)?|(\d{{4}})\s*年度"
        rf"|(?:({_ERA_PATTERN})\.?\s*)?(元|{_NUMBER})\s*(年度|年)?)\s*"
    ),
    "fiscal._BOTH_FORMS": r"([^()]+?)\s*\(\s*([^()]+?)\s*\)\s*",
    "fiscal._LABEL_PREFIX": (
        rf"[Ff](?:[Yy]\s*\d{{0,4}}(?:\s*年度?)?)?|(?:(?:{_ERA_PATTERN})\.?\s*)?(?:元|{_NUMBER})?\s*(?:年度?)?"
    ),
    "money._RATE": r"\s*(\d+(?:\.\d+)?)\s*(%|割)?\s*|\s*(\d+)\s*/\s*(\d+)\s*|\s*(\d+)\s*分の\s*(\d+)\s*",
    "money._YEN": r"\s*([0-9][0-9,]*)\s*(千円|万円|円)?\s*",
    "wareki._KANJI_FORM": (rf"\s*({_ERA_PATTERN})\s*(元|{_NUMBER})\s*年\s*({_NUMBER})\s*月\s*(?:({_NUMBER})\s*日)?\s*"),
    "_bands._NUMBER": r"(-?\d+(?:\.\d+)?(?:/\d+)?)\s*(%?)\s*",
    "nested": r"(a+)+b",
    "nested lazy": r"(?:\s*x?)*y",
    "adjacent classes": r"\s*[\s\d]*x",
    "alternation after spaces": r"\s*(?:\s*a|\s*b)",
}


@pytest.mark.parametrize("name", OLD_PATTERNS)
def test_the_check_refuses_backtracking_shapes(name: str) -> None:
    assert backtracking_problems(OLD_PATTERNS[name])


@pytest.mark.parametrize(
    "pattern",
    [
        r"\s*+(.+?)\s*+x",  # a lazy dot-plus before possessive spaces still rescans them
    ],
)
def test_possessive_spaces_after_a_lazy_repeat_are_still_refused(pattern: str) -> None:
    assert backtracking_problems(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\s*+(\d{4})\s*+年度\s*+",
        r"\d+(?:\.\d+)?%",
        r"(?>\s*)\s*x",
        r"\s*+(?:a\s*+)?+\s*+",
        r"[0-9][0-9,]*\s*円",
        r"\d{1,3}(?:,\d{3})*|\d+",
        r"(.*) \(at line (\d+)\)",
        r"\s+",
    ],
)
def test_the_check_accepts_linear_shapes(pattern: str) -> None:
    assert backtracking_problems(pattern) == []


def _kyodo_modules() -> list[Any]:
    modules = [kyodo]
    # kyodo._fy_arrow exists only for pyarrow, an optional dependency that the test extra leaves out.
    optional = {"kyodo._fy_arrow": "pyarrow"}
    for info in pkgutil.walk_packages(kyodo.__path__, "kyodo."):
        needs = optional.get(info.name)
        if info.name != "kyodo.__main__" and (needs is None or importlib.util.find_spec(needs) is not None):
            modules.append(importlib.import_module(info.name))
    return modules


def _patterns_in(value: object, depth: int = 0) -> Iterator[re.Pattern[Any]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 3 and isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in (*value.keys(), *value.values()):
            yield from _patterns_in(item, depth + 1)


_RE_FUNCTIONS = {"compile", "fullmatch", "match", "search", "sub", "subn", "split", "findall", "finditer"}


def _patterns_in_source(module: Any) -> Iterator[tuple[str, str | None, int]]:
    """(where, pattern, flags) for every call of a ``re`` function in ``module``'s source; pattern None if unknown."""
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in _RE_FUNCTIONS
            and node.args
        ):
            continue
        where = f"{module.__name__} line {node.lineno}"
        argument = node.args[0]
        flags = 0
        for keyword in node.keywords:
            if keyword.arg == "flags":
                flags = eval(compile(ast.Expression(keyword.value), "<flags>", "eval"), {"re": re})
        if len(node.args) > 2 and node.func.attr == "compile":
            flags = eval(compile(ast.Expression(node.args[1]), "<flags>", "eval"), {"re": re})
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            yield where, argument.value, flags
        elif isinstance(argument, ast.Name) and isinstance(getattr(module, argument.id, None), str):
            yield where, getattr(module, argument.id), flags
        elif _module_level_target(source, node) is None:
            # A pattern built at run time inside a function cannot be read here.
            yield where, None, flags
        # Otherwise the call compiles a module-level constant, checked through the value it is bound to.


def _module_level_target(source: str, call: ast.Call) -> str | None:
    for statement in ast.parse(source).body:
        target: ast.expr | None = None
        if isinstance(statement, ast.AnnAssign):
            target, value = statement.target, statement.value
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        else:
            continue
        if (
            isinstance(target, ast.Name)
            and isinstance(value, ast.Call)
            and (value.lineno, value.col_offset) == (call.lineno, call.col_offset)
        ):
            return target.id
    return None


def _every_pattern() -> dict[str, tuple[str, int]]:
    patterns: dict[str, tuple[str, int]] = {}
    unknown: list[str] = []
    for module in _kyodo_modules():
        for name, value in vars(module).items():
            for pattern in _patterns_in(value):
                if isinstance(pattern.pattern, str):
                    patterns.setdefault(
                        f"{module.__name__}.{name}: {pattern.pattern}", (pattern.pattern, pattern.flags)
                    )
        for where, text, flags in _patterns_in_source(module):
            if text is None:
                unknown.append(where)
            else:
                patterns.setdefault(f"{where}: {text}", (text, flags))
    assert not unknown, f"patterns built at run time cannot be checked; bind them at module level: {unknown}"
    return patterns


# Patterns in modules owned elsewhere that backtrack and are reported for fixing there.
# Only ever remove entries; the test fails if a new pattern anywhere backtracks.
KNOWN_ELSEWHERE: set[str] = set()


def test_the_check_finds_kyodo_patterns() -> None:
    found = _every_pattern()
    # Each reader module's patterns are among those checked, so the check cannot pass by finding nothing.
    for module in ("kyodo.fiscal", "kyodo.wareki", "kyodo.money", "kyodo._bands"):
        assert any(key.startswith(module) for key in found), module


def test_every_kyodo_pattern_is_linear() -> None:
    problems = {
        key: problems
        for key, (pattern, flags) in _every_pattern().items()
        if (problems := backtracking_problems(pattern, flags)) and key not in KNOWN_ELSEWHERE
    }
    assert not problems, "\n".join(f"{key}\n    {found}" for key, found in problems.items())


# --- labels past the limit -----------------------------------------------------------------------------------

LONG = "H" + " " * 800 + "y" * 800

LABEL_READERS: dict[str, Callable[[str], object]] = {
    "FiscalYear.parse": FiscalYear.parse,
    "FiscalYear.read": FiscalYear.read,
    "FiscalYearRange.parse": FiscalYearRange.parse,
    "parse_wareki": parse_wareki,
    "read_wareki": read_wareki,
    "parse_wareki_month": parse_wareki_month,
    "YearMonth.parse": YearMonth.parse,
    "Band.parse": Band.parse,
    "parse_band": parse_band,
    "parse_rate": parse_rate,
    "parse_yen": parse_yen,
}


@pytest.mark.parametrize("name", LABEL_READERS)
def test_a_label_past_the_limit_is_refused_as_too_long(name: str) -> None:
    with pytest.raises(ParseError) as caught:
        LABEL_READERS[name](LONG)
    assert "too long" in caught.value.reason
    assert str(MAX_LABEL_CHARS) in caught.value.reason
    assert str(MAX_LABEL_CHARS) in caught.value.reason_ja
    assert caught.value.text == LONG


def _named(result: object) -> object:
    return getattr(result, "fiscal_year", getattr(result, "value", result))


@pytest.mark.parametrize("name", LABEL_READERS)
def test_a_label_at_the_limit_is_read_as_usual(name: str) -> None:
    # Padding with spaces keeps a valid label valid, so the limit alone decides.
    valid = {
        "FiscalYear.parse": "平成27年度",
        "FiscalYear.read": "平成27年度",
        "FiscalYearRange.parse": "H26～H30",
        "parse_wareki": "平成30年7月20日",
        "read_wareki": "平成30年7月20日",
        "parse_wareki_month": "平成26年3月",
        "YearMonth.parse": "平成26年3月",
        "Band.parse": "80%以上110%未満",
        "parse_band": "80%以上110%未満",
        "parse_rate": "2/3",
        "parse_yen": "200,000円",
    }[name]
    reader = LABEL_READERS[name]
    # A reading keeps the text it read; what it names must be the same.
    assert _named(reader(valid.ljust(MAX_LABEL_CHARS))) == _named(reader(valid))
    with pytest.raises(ParseError, match="too long"):
        reader(valid.ljust(MAX_LABEL_CHARS + 1))


def test_a_labelled_enum_refuses_a_value_past_the_limit() -> None:
    with pytest.raises(ValidationError, match="too long"):
        Rounding.read("down" + " " * MAX_LABEL_CHARS)


def test_a_kanji_numeral_longer_than_any_kyodo_reads_is_not_one() -> None:
    assert kanji_to_int("一" * 30) == int("1" * 30)
    assert kanji_to_int("一" * 31) is None


# --- long labels under a deadline ----------------------------------------------------------------------------

PIECES = [
    " ",
    "\u3000",
    "\t",
    "y",
    "H",
    "h",
    "R",
    "F",
    "FY",
    "1",
    "2",
    "９",
    "二",
    "十",
    "元",
    "年",
    "度",
    "年度",
    "平成",
    "令和",
    "月",
    "日",
    ".",
    "/",
    "-",
    "～",
    "から",
    "まで",
    "(",
    ")",
    "%",
    "割",
    "分の",
    ",",
    "円",
    "千円",
    "以上",
    "未満",
    "<=",
    ">=",
    "rate",
    "\n",
    "and",
    "not",
    "by",
    "meets",
    '"',
]

ALL_READERS: dict[str, Callable[[str], object]] = {
    **LABEL_READERS,
    "FiscalYear.parse era": lambda text: FiscalYear.parse(text, era="平成"),
    "FiscalYear.parse strict": lambda text: FiscalYear.parse(text, strict=True),
    "FiscalYearRange.parse era": lambda text: FiscalYearRange.parse(text, era="H"),
    "FiscalYear.read January": lambda text: FiscalYear.read(text, start_month=1),
    "Era.named": Era.named,
    "Rounding.read": Rounding.read,
    # Criteria are limited by MAX_CRITERION_CHARS, not the label limit, so they are here and not among the labels.
    "parse_criterion": parse_criterion,
}


def _labels(most: int) -> st.SearchStrategy[str]:
    # Half the runs are long: backtracking shows on long runs of one piece next to another.
    counts = st.one_of(st.integers(1, 3), st.integers(most // 2, most))
    runs = st.lists(st.tuples(st.sampled_from(PIECES), counts), min_size=1, max_size=4)
    return st.one_of(
        runs.map(lambda parts: "".join(piece * count for piece, count in parts)),
        st.lists(st.sampled_from(PIECES), max_size=most).map("".join),
    )


def _read_or_refuse(name: str, text: str) -> None:
    # An enum refuses a value as the objects do; every other reader refuses text it cannot read.
    # Any other exception, a KyodoError of another kind included, fails the test.
    refusal = ValidationError if name == "Rounding.read" else ParseError
    with contextlib.suppress(refusal):
        ALL_READERS[name](text)


@pytest.mark.parametrize("name", ALL_READERS)
@settings(deadline=200, max_examples=60)
@given(text=_labels(MAX_LABEL_CHARS // 2))
def test_long_repetitive_labels_are_read_or_refused_quickly(name: str, text: str) -> None:
    _read_or_refuse(name, text)


@pytest.mark.parametrize("name", ALL_READERS)
@settings(deadline=500, max_examples=30)
@given(text=_labels(5_000))
# The reported label, which backtracked cubically, and labels that made single patterns backtrack quadratically.
@example(text="H" + " " * 1500 + "y" * 1500)
@example(text="1" + " " * 10_000 + "x")
@example(text="平成1年1月" + " " * 10_000 + "x")
@example(text="a" + " " * 10_000 + "b")
def test_with_the_limit_lifted_labels_of_thousands_of_characters_are_read_or_refused_quickly(
    name: str, text: str
) -> None:
    # Past the limit a quadratic pattern takes seconds on 20,000 characters, so
    # the deadline catches what the limit would hide.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_limits, "MAX_LABEL_CHARS", 10**6)
        patch.setattr(_limits, "MAX_CRITERION_CHARS", 10**6)
        patch.setattr(_limits, "MAX_CRITERION_DEPTH", 10**6)
        _read_or_refuse(name, text)


def test_the_reported_label_is_refused_at_once() -> None:
    with pytest.raises(ParseError):
        FiscalYear.parse(LONG)


@settings(deadline=500, max_examples=1)
@given(
    reader=st.sampled_from([FiscalYear.parse, FiscalYearRange.parse, parse_wareki, parse_rate, parse_yen, parse_band])
)
def test_with_the_limit_lifted_the_reported_label_is_read_past_the_limit(reader: Callable[[str], object]) -> None:
    # 'H', 800 spaces and 800 letters took about ten seconds when FiscalYear.parse backtracked.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_limits, "MAX_LABEL_CHARS", 10**6)
        with pytest.raises(ParseError) as caught:
            reader(LONG)
    assert "too long" not in caught.value.reason
