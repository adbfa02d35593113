"""The readers keep their limits: text that cannot be written back, numbers too large to compute with,
YAML aliases that expand, files too deep or too large, and YAML 1.1's surprises are refused with a kyodo
error that names where they were, before any work that grows with them is done.

Each test reproduces a problem found by fuzzing kyodo's readers (issue 9).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyodo import (
    GradingScheme,
    ParseError,
    Plan,
    SubsidyRule,
    ValidationError,
    dumps,
    load,
    loads,
    parse_rate,
    parse_yen,
)
from kyodo._limits import MAX_DEPTH, MAX_DIGITS, MAX_EXPONENT, MAX_FILE_CHARS, MAX_NODES, MAX_YAML_NODES
from kyodo.io import Format

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NIIGATA = (EXAMPLES / "plans" / "niigata.toml").read_text(encoding="utf-8")
FORMATS: list[Format] = ["json", "toml", "yaml"]

MINIMAL = {
    "schema": "kyodo.plan/1",
    "title": "協働推進計画",
    "municipality": "新潟市",
    "period": "平成27年度～平成31年度",
}


def measure_with(**fields: object) -> dict[str, object]:
    measure: dict[str, object] = {"number": "1", "title": "事業"}
    measure.update(fields)
    return {**MINIMAL, "sections": [measure]}


def indicator_with(**fields: object) -> dict[str, object]:
    indicator: dict[str, object] = {"name": "センター数", "unit": "箇所"}
    indicator.update(fields)
    return measure_with(indicators=[indicator])


def problems_of(error: ValidationError) -> str:
    return "\n".join(f"{path}: {message}" for path, message in error.problems)


# --- text that cannot be written back ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        {**MINIMAL, "title": "協働\ud800推進"},
        measure_with(title="\udfff"),
        measure_with(note="a\ud83db"),
    ],
)
def test_a_lone_surrogate_is_refused_with_its_path(document: dict[str, object]) -> None:
    text = json.dumps(document)  # json writes "\ud800" as an escape, which json.loads reads back as a lone surrogate
    with pytest.raises(ValidationError) as caught:
        loads(text, "json")
    assert "surrogate" in str(caught.value)
    path = caught.value.problems[0][0]
    assert path in {"title", "sections[0].title", "sections[0].note"}, caught.value.problems


def test_a_lone_surrogate_in_a_key_is_refused() -> None:
    text = json.dumps({**MINIMAL, "\ud800": 1})
    with pytest.raises(ValidationError, match="surrogate"):
        loads(text, "json")


def test_a_plan_that_loads_always_dumps() -> None:
    # The bug: a surrogate validated, then dump crashed with UnicodeEncodeError.
    text = json.dumps(measure_with(title="正常"))
    plan = loads(text, "json")
    for fmt in FORMATS:
        dumps(plan, fmt).encode("utf-8")


# --- byte order marks --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_byte_order_mark_is_accepted_in_every_format(fmt: Format, tmp_path: Path) -> None:
    plan = loads(NIIGATA, "toml")
    text = dumps(plan, fmt)
    assert loads("\ufeff" + text, fmt) == plan
    file = tmp_path / f"plan.{fmt}"
    file.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load(file) == plan


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_byte_order_mark_inside_the_text_is_not_skipped(fmt: Format) -> None:
    text = dumps(loads(NIIGATA, "toml"), fmt)
    middle = len(text) // 2
    with pytest.raises((ParseError, ValidationError)):
        loads(text[:middle] + "\ufeff\ufeff" + text[middle:], fmt)


# --- numbers too large to compute with -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("number", ["1e100000000", "1E-100000000", "1e31", "1" + "0" * 40, "0." + "1" * 40])
def test_a_number_past_the_limits_is_refused_naming_the_field(fmt: Format, number: str) -> None:
    document = indicator_with(targets={"H27": "__NUMBER__"})
    text = _as(document, fmt).replace('"__NUMBER__"', number).replace("'__NUMBER__'", number)
    text = text.replace("__NUMBER__", number)
    with pytest.raises(ValidationError) as caught:
        loads(text, fmt)
    assert any("targets" in path for path, _message in caught.value.problems), caught.value.problems
    assert "kyodo reads" in str(caught.value)


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_an_integer_past_pythons_digit_limit_is_a_kyodo_error(fmt: Format) -> None:
    # json and tomllib raise a bare ValueError ("Exceeds the limit (4300 digits)") for such an integer.
    number = "9" * 5000
    document = indicator_with(targets={"H27": "__NUMBER__"})
    text = _as(document, fmt).replace('"__NUMBER__"', number)
    with pytest.raises((ParseError, ValidationError)):
        loads(text, fmt)


def test_an_integer_past_pythons_digit_limit_in_yaml_is_a_kyodo_error() -> None:
    text = _as(indicator_with(targets={"H27": "__NUMBER__"}), "yaml").replace("__NUMBER__", "9" * 5000)
    with pytest.raises((ParseError, ValidationError)):
        loads(text, "yaml")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("number", ["1e1000000000000000000", "-1E-1000000000000000000", "1e99999999999999999999"])
def test_a_number_past_even_decimals_exponents_is_a_kyodo_error(fmt: Format, number: str) -> None:
    # Decimal("1e1000000000000000000") raises decimal.InvalidOperation, which every format's reader let through.
    text = {"json": f'{{"x": {number}}}', "toml": f"x = {number}\n", "yaml": f"x: {number}\n"}[fmt]
    with pytest.raises((ParseError, ValidationError), match=r"too large|too small"):
        loads(text, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_numbers_at_the_limits_are_read_exactly(fmt: Format) -> None:
    largest = "9" * MAX_DIGITS
    tiny = f"1E-{MAX_EXPONENT}"
    document = indicator_with(targets={"H27": "__A__", "H28": "__B__"})
    text = _as(document, fmt)
    for key, number in (("__A__", largest), ("__B__", tiny)):
        text = text.replace(f'"{key}"', number).replace(f"'{key}'", number).replace(key, number)
    plan = loads(text, fmt)
    targets = plan.sections[0].indicators[0].targets  # type: ignore[union-attr]
    assert [target.value for target in targets] == [Decimal(largest), Decimal(tiny)]


@pytest.mark.parametrize("amount", ["9" * 5000, "1" + "0" * 31])
def test_yen_past_the_limits_is_refused(amount: str) -> None:
    document = measure_with(budget={"H27": {"budget": "__YEN__"}})
    text = json.dumps(document).replace('"__YEN__"', amount)
    with pytest.raises(ValidationError) as caught:
        loads(text, "json")
    assert any("budget" in path for path, _message in caught.value.problems)


def test_a_rate_past_the_limits_is_refused_in_a_subsidy_rule() -> None:
    text = (EXAMPLES / "subsidies" / "ichinoseki-project4.toml").read_text(encoding="utf-8")
    assert "rate = " in text
    start = text.index("rate = ")
    end = text.index("\n", start)
    broken = text[:start] + "rate = 1e100000000" + text[end:]
    with pytest.raises((ParseError, ValidationError)):
        loads(broken, "toml", kind=SubsidyRule)


# --- YAML: aliases, YAML 1.1 scalars ------------------------------------------------------------------------


def test_yaml_aliases_are_refused() -> None:
    # The billion-laughs shape: nine levels of nine aliases expand 700 bytes into a million nodes.
    lines = ['a0: &a0 ["x"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    text = "schema: kyodo.plan/1\n" + "\n".join(lines) + "\n"
    with pytest.raises(ParseError, match=r"alias|anchor"):
        loads(text, "yaml")


def test_a_yaml_anchor_alone_is_refused() -> None:
    text = "schema: kyodo.plan/1\ntitle: &t 計画\nmunicipality: 新潟市\nperiod: H27～H31\n"
    with pytest.raises(ParseError, match="anchor"):
        loads(text, "yaml")


@pytest.mark.parametrize(
    ("scalar", "as_yaml_1_2"),
    [
        ("010", Decimal(10)),
        ("0o10", None),
        ("1:30", None),
        ("0x10", None),
        ("1_000", Decimal(1000)),
        ("+12", Decimal(12)),
    ],
)
def test_yaml_reads_numbers_by_the_1_2_core_schema(scalar: str, as_yaml_1_2: Decimal | None) -> None:
    # YAML 1.1 reads 010 as 8 and 1:30 as 90 (sexagesimal): a figure must never change by its spelling.
    # 1_000 stays text in YAML 1.2, which a number field reads as 1,000 is read: digits grouped.
    text = (
        "schema: kyodo.plan/1\ntitle: 計画\nmunicipality: 新潟市\nperiod: H27～H31\n"
        f"sections:\n- number: '1'\n  title: 事業\n  indicators:\n  - name: 数\n    unit: 件\n"
        f"    targets:\n      H27: {scalar}\n"
    )
    if as_yaml_1_2 is None:
        with pytest.raises((ParseError, ValidationError)):
            loads(text, "yaml")
    else:
        plan = loads(text, "yaml")
        assert plan.sections[0].indicators[0].targets[0].value == as_yaml_1_2  # type: ignore[union-attr]


@pytest.mark.parametrize("scalar", ["yes", "no", "on", "off", "y", "n"])
def test_yaml_1_1_booleans_stay_text(scalar: str) -> None:
    text = f"schema: kyodo.plan/1\ntitle: {scalar}\nmunicipality: 新潟市\nperiod: H27～H31\n"
    assert loads(text, "yaml").title == scalar


# --- size, depth and node count -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_nesting_past_the_depth_limit_is_refused(fmt: Format) -> None:
    deep = {
        "json": "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "toml": "x = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "yaml": "x: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    }[fmt]
    with pytest.raises((ParseError, ValidationError), match="deep"):
        loads(deep, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_nesting_within_the_depth_limit_is_read(fmt: Format) -> None:
    # Sections nested twenty deep are far more than any plan has, and well within the limit.
    section: dict[str, object] = {"number": "1", "title": "事業"}
    for _ in range(20):
        section = {"number": "1", "title": "節", "children": [section]}
    plan = loads(_as({**MINIMAL, "sections": [section]}, fmt), fmt)
    assert isinstance(plan, Plan)


# YAML's parser is pure Python and reading its full limit takes seconds: its limit is lowered for the test.
NODE_LIMITS = [("json", MAX_NODES), ("yaml", 1000)]


@pytest.fixture(autouse=True)
def _smaller_yaml_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_YAML_NODES > 1000
    monkeypatch.setattr("kyodo._yaml.MAX_YAML_NODES", 1000)


@pytest.mark.parametrize(("fmt", "limit"), NODE_LIMITS)
def test_more_values_than_the_node_limit_is_refused(fmt: Format, limit: int) -> None:
    text = "[" + "0," * limit + "0]"
    with pytest.raises(ParseError, match="values"):
        loads(text, fmt)


@pytest.mark.parametrize(("fmt", "limit"), NODE_LIMITS)
def test_values_up_to_the_node_limit_are_read(fmt: Format, limit: int) -> None:
    # The list and the values in it: one less than the limit, and the file is refused only for its schema.
    text = "[" + "0," * (limit - 2) + "0]"
    with pytest.raises(ValidationError, match="holds a table at its top"):
        loads(text, fmt)


def test_a_file_past_the_size_limit_is_refused_before_parsing() -> None:
    text = " " * (MAX_FILE_CHARS + 1)
    with pytest.raises(ParseError, match="too large"):
        loads(text, "json")


def test_the_limits_refuse_grading_and_subsidy_files_too() -> None:
    for kind in (GradingScheme, SubsidyRule):
        with pytest.raises(ParseError, match="deep"):
            loads("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "json", kind=kind)


# --- properties ---------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=1000)
@given(
    mantissa=st.integers(min_value=1, max_value=10**40),
    exponent=st.integers(min_value=-(10**9), max_value=10**9),
)
def test_any_number_is_read_exactly_or_refused_quickly(mantissa: int, exponent: int) -> None:
    number = f"{mantissa}e{exponent}"
    text = json.dumps(indicator_with(targets={"H27": "__N__"})).replace('"__N__"', number)
    value = Decimal(number)
    within = len(str(mantissa).rstrip("0")) <= MAX_DIGITS and -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT
    try:
        plan = loads(text, "json")
    except ValidationError:
        assert not within, number
    else:
        assert within, number
        assert plan.sections[0].indicators[0].targets[0].value == value  # type: ignore[union-attr]


def _as(document: dict[str, object], fmt: Format) -> str:
    """A document as text in ``fmt``, written by the standard tools so that kyodo's own writer is not assumed."""
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False)
    if fmt == "yaml":
        import yaml

        return str(yaml.safe_dump(document, allow_unicode=True))
    return _toml(document)


def _toml(document: dict[str, object]) -> str:
    from kyodo._toml import write_toml

    return write_toml(document)


def test_a_yaml_escape_past_the_last_character_is_a_parse_error() -> None:
    # Found by the fuzz suite: PyYAML's scanner raised a bare ValueError from chr().
    pytest.importorskip("yaml")
    with pytest.raises(ParseError, match="an escape names no character"):
        loads('schema: kyodo.plan/1\ntitle: "\\U00110000"\n', "yaml")


@pytest.mark.parametrize("reader", [parse_yen, parse_rate])
def test_thousands_of_digits_are_refused_before_python_would_refuse_the_int(reader: object) -> None:
    # Found by the fuzz suite with the length limit lifted: int() of 5,000 digits raised a bare ValueError.
    from kyodo import _limits

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_limits, "MAX_LABEL_CHARS", 10**6)
        texts = ["1" * 5000 + "円"] if reader is parse_yen else ["1" * 5000 + "/3", "3分の" + "1" * 5000]
        for text in texts:
            with pytest.raises(ParseError, match="a whole number of 5000 digits is too large"):
                reader(text)  # type: ignore[operator]


_PLAIN_LEAVES = st.one_of(
    st.text(alphabet=st.characters(codec=None), max_size=6),  # unpaired surrogates too
    st.integers(-(10**40), 10**40),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
_PLAIN_DATA = st.recursive(
    _PLAIN_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet=st.characters(codec=None), max_size=4), inner, max_size=4)
    ),
    max_leaves=30,
)


def _outcome(data: object) -> object:
    from kyodo._plain import check_plain

    try:
        check_plain(data)
    except (ParseError, ValidationError) as error:
        return type(error), str(error)
    return None


@settings(max_examples=300, deadline=None)
@given(data=_PLAIN_DATA)
def test_the_quick_limits_pass_lets_through_only_what_the_walk_with_paths_lets_through(data: object) -> None:
    from unittest import mock

    import kyodo._plain

    quick = _outcome(data)
    with mock.patch.object(kyodo._plain, "_values_within_limits", return_value=-1):
        walked = _outcome(data)
    assert quick == walked
