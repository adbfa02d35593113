"""Every parser, given any text at all, returns a value or raises kyodo.ParseError, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo import (
    Era,
    FiscalYear,
    FiscalYearRange,
    FiscalYearReading,
    FiscalYearStyle,
    KyodoError,
    ParseError,
    WarekiReading,
    YearMonth,
    format_wareki,
    parse_wareki,
    parse_wareki_month,
    read_wareki,
)
from kyodo.strategies import (
    era_dates,
    fiscal_year_ranges,
    fiscal_year_styles,
    fiscal_years,
    wareki_styles,
    year_months,
)

# Each parser and the type it returns.
PARSERS: dict[str, tuple[Callable[[object], object], type | tuple[type, ...]]] = {
    "parse_wareki": (parse_wareki, date),
    "parse_wareki strict": (lambda text: parse_wareki(text, strict=True), date),
    "parse_wareki_month": (parse_wareki_month, YearMonth),
    "read_wareki": (read_wareki, WarekiReading),
    "read_wareki strict": (lambda text: read_wareki(text, strict=True), WarekiReading),
    "FiscalYear.parse": (FiscalYear.parse, FiscalYear),
    "FiscalYear.parse era": (lambda text: FiscalYear.parse(text, era="平成"), FiscalYear),
    "FiscalYear.parse strict": (lambda text: FiscalYear.parse(text, strict=True), FiscalYear),
    "FiscalYear.read": (FiscalYear.read, FiscalYearReading),
    "FiscalYear.read January": (lambda text: FiscalYear.read(text, "令和", start_month=1), FiscalYearReading),
    "FiscalYearRange.parse": (FiscalYearRange.parse, FiscalYearRange),
    "FiscalYearRange.parse era": (lambda text: FiscalYearRange.parse(text, era="H"), FiscalYearRange),
    "FiscalYearRange.parse strict": (lambda text: FiscalYearRange.parse(text, strict=True), FiscalYearRange),
    "YearMonth.parse": (YearMonth.parse, YearMonth),
    "Era.named": (Era.named, Era),
}

# The pieces labels are made of, and their look-alikes.
ALPHABET = [
    *"0123456789",
    *"０１２３４５６７８９",
    *"〇零一二三四五六七八九十百千",
    *"年月日度元",
    "明治",
    "大正",
    "昭和",
    "平成",
    "令和",
    *"MTSHRmtshrＭＴＳＨＲｍｔｓｈｒ",
    *"㍾㍽㍼㍻㋿",
    "FY",
    "fy",
    "ＦＹ",
    *" 　\t\n",
    *".．/／-－~～〜–—‐−,、・",
    *"()（）",
    "から",
    "まで",
    "以降",
    "年度",
    "Heisei",
]

SEED_LABELS = [
    "平成27年度",
    "平成31年度以降",
    "H30.7.20",
    "H30.8.28",
    "平成34年度",
    "平成26年度から平成30年度まで",
    "Ｈ25",
    "平成26年3月",
    "平成25年5月",
    "H26–H30",
    "2014年度～2018年度",
    "平成26～30年度",
    "平成27年度(2015年度)",
    "令和元年5月1日",
    "平成二十六年三月三十一日",
    "FY2015",
    "27年度",
    "㍻27年度",
]

valid_labels = st.one_of(
    st.sampled_from(SEED_LABELS),
    st.builds(format_wareki, era_dates(), wareki_styles(), gannen=st.booleans()),
    st.builds(format_wareki, year_months(), wareki_styles(), gannen=st.booleans()),
    st.builds(lambda fy, style: fy.format(style), fiscal_years(), fiscal_year_styles()),
    st.builds(lambda period, style: period.format(style), fiscal_year_ranges(), fiscal_year_styles()),
)


@st.composite
def near_valid_texts(draw: st.DrawFn) -> str:
    """A valid label with a few pieces inserted, deleted, replaced or swapped."""
    pieces: list[str] = list(draw(valid_labels))
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["insert", "delete", "replace", "swap", "duplicate"]))
        if operation == "insert" or not pieces:
            pieces.insert(draw(st.integers(0, len(pieces))), draw(st.sampled_from(ALPHABET)))
            continue
        index = draw(st.integers(0, len(pieces) - 1))
        if operation == "delete":
            del pieces[index]
        elif operation == "replace":
            pieces[index] = draw(st.sampled_from(ALPHABET))
        elif operation == "swap" and index + 1 < len(pieces):
            pieces[index], pieces[index + 1] = pieces[index + 1], pieces[index]
        else:
            pieces.insert(index, pieces[index])
    return "".join(pieces)


label_pieces = st.lists(st.sampled_from(ALPHABET), max_size=20).map("".join)
texts = st.one_of(st.text(), label_pieces, near_valid_texts())


def _check_every_parser(text: object) -> None:
    for name, (parser, returns) in PARSERS.items():
        try:
            result = parser(text)
        except ParseError as error:
            _check_error(name, text, error)
        else:
            assert isinstance(result, returns), f"{name}({text!r}) returned {result!r}"


def _check_error(name: str, text: object, error: ParseError) -> None:
    assert isinstance(error, ValueError)
    assert isinstance(error, KyodoError)
    assert error.text is text, f"{name}: the error holds {error.text!r}, not the input"
    # Long input is quoted by its start and its length, so that the message stays one readable line.
    quoted = f"{text[:80]!r}… ({len(text):,} characters)" if isinstance(text, str) and len(text) > 80 else repr(text)
    assert str(error).startswith(f"cannot read {quoted} as "), f"{name}: {error} does not quote the input"
    assert error.reason
    if error.column is not None:
        assert isinstance(text, str)
        assert 1 <= error.column <= len(text), f"{name}: column {error.column} outside {text!r}"


@given(st.text())
def test_arbitrary_text_raises_only_parse_errors(text: str) -> None:
    _check_every_parser(text)


@given(label_pieces)
def test_text_from_label_pieces_raises_only_parse_errors(text: str) -> None:
    _check_every_parser(text)


@given(near_valid_texts())
def test_near_valid_text_raises_only_parse_errors(text: str) -> None:
    _check_every_parser(text)


@given(texts)
def test_strict_reading_agrees_with_lenient_reading(text: str) -> None:
    # Strict mode only refuses more; whatever it reads, the default reads the same.
    for lenient, strict in [
        (parse_wareki, lambda t: parse_wareki(t, strict=True)),
        (parse_wareki_month, lambda t: parse_wareki_month(t, strict=True)),
        (FiscalYear.parse, lambda t: FiscalYear.parse(t, strict=True)),
        (FiscalYearRange.parse, lambda t: FiscalYearRange.parse(t, strict=True)),
    ]:
        try:
            value = strict(text)
        except ParseError:
            continue
        assert lenient(text) == value


@given(near_valid_texts())
def test_what_is_read_formats_back_to_the_same_value(text: str) -> None:
    try:
        reading = read_wareki(text)
    except ParseError:
        pass
    else:
        value = reading.value
        assert reading.text == text
        assert read_wareki(format_wareki(value)).value == value
    try:
        fy = FiscalYear.parse(text)
    except ParseError:
        pass
    else:
        # Era labels exist from 明治 (1868) on; earlier fiscal years have only Western labels.
        style = FiscalYearStyle.ERA if fy.year >= 1868 else FiscalYearStyle.WESTERN
        assert FiscalYear.parse(fy.format(style)) == fy


@pytest.mark.parametrize("value", [None, 2015, 2015.0, b"H27", bytearray(b"H27"), ["H27"], date(2015, 4, 1)])
@pytest.mark.parametrize("name", list(PARSERS))
def test_non_str_inputs_are_parse_errors(name: str, value: object) -> None:
    parser, _returns = PARSERS[name]
    if name.startswith("FiscalYear.parse") and value == 2015 and type(value) is int:
        assert parser(value) == FiscalYear(2015), "an int is the year as JSON carries it (issue 15)"
        return
    with pytest.raises(ParseError) as caught:
        parser(value)
    _check_error(name, value, caught.value)


def test_deeply_nested_both_forms_label_is_read_or_refused() -> None:
    # 平成27年度(2015年度) gives a label in two forms; nesting them must not exhaust the stack.
    text = "H27(" * 1000 + ")" * 1000
    try:
        result = FiscalYear.parse(text)
    except ParseError as error:
        _check_error("FiscalYear.parse", text, error)
    else:
        assert result == FiscalYear(2015)
