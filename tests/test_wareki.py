"""Eras (元号) and era dates (和暦): reading, writing, boundaries and errors."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo import (
    ERAS,
    Era,
    KyodoError,
    OutOfRangeError,
    ParseError,
    ValidationError,
    WarekiStyle,
    YearMonth,
    format_wareki,
    parse_wareki,
    parse_wareki_month,
    read_wareki,
)
from kyodo.strategies import era_dates, wareki_styles, year_months

GREGORIAN_ADOPTION = date(1873, 1, 1)

# --- the eras ----------------------------------------------------------------


def test_the_five_eras_in_order() -> None:
    assert [(era.name, era.letter, era.start) for era in ERAS] == [
        ("明治", "M", date(1868, 1, 25)),
        ("大正", "T", date(1912, 7, 30)),
        ("昭和", "S", date(1926, 12, 25)),
        ("平成", "H", date(1989, 1, 8)),
        ("令和", "R", date(2019, 5, 1)),
    ]


def test_each_era_ends_the_day_before_the_next_begins() -> None:
    for era, following in pairwise(ERAS):
        assert era.end == following.start - timedelta(days=1)
    assert ERAS[-1].end is None


@pytest.mark.parametrize("name", ["平成", "H", "h", "Ｈ", "ｈ", "Heisei", "heisei", "HEISEI", "㍻", " 平成 "])
def test_era_named_reads_every_spelling(name: str) -> None:
    assert Era.named(name).name == "平成"


@pytest.mark.parametrize(
    ("name", "expected"), [("㋿", "令和"), ("R", "令和"), ("㍼", "昭和"), ("s", "昭和"), ("T", "大正"), ("m", "明治")]
)
def test_era_named_reads_signs_and_letters(name: str, expected: str) -> None:
    assert Era.named(name).name == expected


@pytest.mark.parametrize("name", ["", "平", "X", "H27", "慶応"])
def test_era_named_refuses_unknown_eras(name: str) -> None:
    with pytest.raises(ParseError) as caught:
        Era.named(name)
    assert caught.value.text == name
    assert str(caught.value).startswith(f"cannot read {name!r} as an era: no such era")


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(1912, 7, 29), "明治"),
        (date(1912, 7, 30), "大正"),
        (date(1926, 12, 24), "大正"),
        (date(1926, 12, 25), "昭和"),
        (date(1989, 1, 7), "昭和"),
        (date(1989, 1, 8), "平成"),
        (date(2019, 4, 30), "平成"),
        (date(2019, 5, 1), "令和"),
    ],
)
def test_era_of_changes_on_the_exact_day(day: date, name: str) -> None:
    assert Era.of(day).name == name


def test_era_year_arithmetic() -> None:
    heisei = Era.named("平成")
    assert heisei.to_western(1) == 1989
    assert heisei.to_western(27) == 2015
    assert heisei.era_year(2015) == 27
    assert Era.named("明治").to_western(1) == 1868


@given(era_dates())
def test_era_of_is_the_era_whose_span_holds_the_day(day: date) -> None:
    era = Era.of(day)
    assert era.start <= day
    assert era.end is None or day <= era.end


# --- reading: every form -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平成30年7月20日", date(2018, 7, 20)),
        ("平成27年4月1日", date(2015, 4, 1)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和2年1月1日", date(2020, 1, 1)),
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("昭和元年12月25日", date(1926, 12, 25)),
        ("大正元年7月30日", date(1912, 7, 30)),
        ("明治6年1月1日", date(1873, 1, 1)),
        ("明治45年7月29日", date(1912, 7, 29)),
        # kanji numerals
        ("平成二十六年三月三十一日", date(2014, 3, 31)),
        ("平成三十年七月二十日", date(2018, 7, 20)),
        ("令和元年五月一日", date(2019, 5, 1)),
        ("平成二七年四月一日", date(2015, 4, 1)),
        # letters, either case and width
        ("H30.7.20", date(2018, 7, 20)),
        ("h30.7.20", date(2018, 7, 20)),
        ("Ｈ３０．７．２０", date(2018, 7, 20)),
        ("ｈ３０．７．２０", date(2018, 7, 20)),
        ("H30/7/20", date(2018, 7, 20)),
        ("H30-7-20", date(2018, 7, 20)),
        ("R1/5/1", date(2019, 5, 1)),
        ("r1.5.1", date(2019, 5, 1)),
        ("S64.1.7", date(1989, 1, 7)),
        ("T1.7.30", date(1912, 7, 30)),
        ("M6.1.1", date(1873, 1, 1)),
        ("H.30.7.20", date(2018, 7, 20)),
        # era signs (NFKC)
        ("㍻30年7月20日", date(2018, 7, 20)),
        ("㋿1/5/1", date(2019, 5, 1)),
        ("㋿元年5月1日", date(2019, 5, 1)),
        ("㍼64年1月7日", date(1989, 1, 7)),
        # spaces
        (" 平成 30 年 7 月 20 日 ", date(2018, 7, 20)),
        # leap days
        ("平成28年2月29日", date(2016, 2, 29)),
        ("令和2年2月29日", date(2020, 2, 29)),
    ],
)
def test_parse_wareki_reads_every_form(text: str, expected: date) -> None:
    assert parse_wareki(text) == expected
    assert read_wareki(text).value == expected


def _outcome(text: str, strict: bool) -> date | str:
    try:
        return parse_wareki(text, strict=strict)
    except ParseError:
        return "refused"


_NUMBER_TOKENS = st.integers(0, 120).flatmap(lambda n: st.sampled_from([str(n), f"{n:02d}", f"{n:03d}"]))


@given(
    st.sampled_from([key for era in ERAS for key in (era.name, era.letter, era.letter.lower())]),
    st.just("元") | _NUMBER_TOKENS,
    _NUMBER_TOKENS,
    _NUMBER_TOKENS,
    st.sampled_from(
        [("年", "月", "日"), (".", ".", ""), ("/", "/", ""), ("年", ".", ""), (".", "月", "日"), ("年", "月", "")]
    ),
    st.booleans(),
)
def test_the_lookup_of_common_forms_reads_as_the_full_path(
    era: str, year: str, month: str, day: str, marks: tuple[str, str, str], strict: bool
) -> None:
    # parse_wareki looks 平成30年7月20日 and H30.7.20 up in tables; a leading space sends the same
    # text down the full path (NFKC, the regular expressions, every check), which must agree.
    text = f"{era}{year}{marks[0]}{month}{marks[1]}{day}{marks[2]}"
    assert _outcome(text, strict) == _outcome(" " + text, strict)


def test_seed_003_evaluation_dates() -> None:
    # Seed 003 (Tokorozawa): the self-evaluation 記入日 H30.7.20, the council's 記入日 H30.8.28.
    assert parse_wareki("H30.7.20") == date(2018, 7, 20)
    assert parse_wareki("H30.8.28") == date(2018, 8, 28)
    assert format_wareki(date(2018, 7, 20), "dotted") == "H30.7.20"
    assert format_wareki(date(2018, 8, 28), WarekiStyle.DOTTED) == "H30.8.28"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平成26年3月", YearMonth(2014, 3)),
        ("平成25年5月", YearMonth(2013, 5)),
        ("平成二十六年三月", YearMonth(2014, 3)),
        ("H26.3", YearMonth(2014, 3)),
        ("h26/3", YearMonth(2014, 3)),
        ("Ｈ２６．３", YearMonth(2014, 3)),
        ("㍻26年3月", YearMonth(2014, 3)),
        ("令和元年5月", YearMonth(2019, 5)),
        ("平成元年1月", YearMonth(1989, 1)),
    ],
)
def test_parse_wareki_month_reads_every_form(text: str, expected: YearMonth) -> None:
    assert parse_wareki_month(text) == expected
    assert YearMonth.parse(text) == expected
    assert read_wareki(text).value == expected


@pytest.mark.parametrize("text", ["2014年3月", "2014-03", "2014/3", "２０１４年３月"])
def test_year_month_parse_reads_western_months(text: str) -> None:
    assert YearMonth.parse(text) == YearMonth(2014, 3)


def test_year_month_basics() -> None:
    march = YearMonth(2014, 3)
    assert (march.start, march.end) == (date(2014, 3, 1), date(2014, 3, 31))
    assert date(2014, 3, 15) in march
    assert date(2014, 4, 1) not in march
    assert march + 10 == YearMonth(2015, 1)
    assert march - 3 == YearMonth(2013, 12)
    assert YearMonth(2016, 2).end == date(2016, 2, 29)
    assert YearMonth.of(date(2014, 3, 9)) == march


@pytest.mark.parametrize(("year", "month"), [(0, 1), (10_000, 1), (2014, 0), (2014, 13)])
def test_year_month_refuses_invalid_values(year: int, month: int) -> None:
    with pytest.raises(ValidationError):
        YearMonth(year, month)


def test_parse_wareki_refuses_a_month_and_parse_wareki_month_refuses_a_day() -> None:
    with pytest.raises(ParseError, match="names a month, not a day"):
        parse_wareki("平成26年3月")
    with pytest.raises(ParseError, match="names a day, not a month"):
        parse_wareki_month("平成26年3月31日")


# --- boundaries ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(1912, 7, 29), "明治45年7月29日"),
        (date(1912, 7, 30), "大正元年7月30日"),
        (date(1926, 12, 24), "大正15年12月24日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(1873, 1, 1), "明治6年1月1日"),
    ],
)
def test_boundary_days_are_exact(day: date, text: str) -> None:
    assert format_wareki(day) == text
    assert parse_wareki(text) == day
    assert parse_wareki(text, strict=True) == day


def test_a_day_after_its_era_ended_is_read_and_flagged() -> None:
    assert parse_wareki("平成31年5月1日") == date(2019, 5, 1)
    reading = read_wareki("平成31年5月1日")
    assert reading.beyond_era_end is True
    assert (reading.era.name, reading.era_year, reading.value) == ("平成", 31, date(2019, 5, 1))
    assert read_wareki("平成31年4月30日").beyond_era_end is False
    assert read_wareki("令和元年5月1日").beyond_era_end is False
    assert read_wareki("昭和64年1月8日").beyond_era_end is True


@pytest.mark.parametrize("text", ["平成31年5月1日", "H31.5.1", "昭和64年1月8日", "平成32年1月1日", "平成31年5月"])
def test_strict_refuses_a_time_after_its_era_ended(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        read_wareki(text, strict=True)
    assert str(caught.value).startswith(f"cannot read {text!r} as an era date: ")
    assert "strict" in caught.value.reason


@pytest.mark.parametrize("text", ["令和元年4月30日", "平成元年1月7日", "R1.4.30", "大正元年7月29日", "令和元年4月"])
def test_a_time_before_its_era_began_is_an_error(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        read_wareki(text)
    assert str(caught.value).startswith(f"cannot read {text!r} as an era date: ")
    assert "began on" in caught.value.reason


@pytest.mark.parametrize(
    "text",
    [
        "平成30年2月30日",
        "平成31年2月29日",
        "平成27年4月31日",
        "平成27年13月1日",
        "平成27年0月1日",
        "平成27年4月0日",
        "平成0年4月1日",
        "H30.2.30",
        "H30.13.1",
        "平成三十年二月三十日",
    ],
)
def test_invalid_dates_are_parse_errors(text: str) -> None:
    with pytest.raises(ParseError):
        parse_wareki(text)


@pytest.mark.parametrize("text", ["明治5年12月31日", "明治元年1月25日", "M5.12.31", "明治5年12月"])
def test_dates_before_the_gregorian_calendar_are_refused(text: str) -> None:
    with pytest.raises(ParseError, match="1873-01-01"):
        read_wareki(text)


@pytest.mark.parametrize("value", [date(1872, 12, 31), date(1868, 1, 25), YearMonth(1872, 12), date(1, 1, 1)])
def test_formatting_before_the_gregorian_calendar_is_out_of_range(value: date | YearMonth) -> None:
    with pytest.raises(OutOfRangeError) as caught:
        format_wareki(value)
    assert isinstance(caught.value, KyodoError)
    assert isinstance(caught.value, ValueError)


# --- writing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "text"),
    [
        (WarekiStyle.KANJI, "平成30年7月20日"),
        (WarekiStyle.KANJI_NUMERALS, "平成三十年七月二十日"),
        (WarekiStyle.DOTTED, "H30.7.20"),
        (WarekiStyle.SLASHED, "H30/7/20"),
        ("kanji", "平成30年7月20日"),
        ("kanji_numerals", "平成三十年七月二十日"),
        ("dotted", "H30.7.20"),
        ("slashed", "H30/7/20"),
    ],
)
def test_format_wareki_styles(style: WarekiStyle | str, text: str) -> None:
    assert format_wareki(date(2018, 7, 20), style) == text


def test_format_wareki_default_is_kanji() -> None:
    assert format_wareki(date(2018, 7, 20)) == "平成30年7月20日"
    assert format_wareki(datetime(2018, 7, 20, 9, 30)) == "平成30年7月20日"


def test_format_wareki_writes_gannen_beside_plain_numbers() -> None:
    assert format_wareki(date(2019, 5, 1)) == "令和元年5月1日"
    assert format_wareki(date(2020, 1, 1)) == "令和2年1月1日"
    assert format_wareki(date(2019, 5, 1), "kanji_numerals") == "令和元年五月一日"
    assert format_wareki(date(2019, 5, 1), gannen=False) == "令和1年5月1日"
    assert format_wareki(date(2019, 5, 1), "kanji_numerals", gannen=False) == "令和一年五月一日"
    assert format_wareki(date(2019, 5, 1), "dotted") == "R1.5.1"
    assert format_wareki(date(2019, 5, 1), "slashed") == "R1/5/1"


def test_format_wareki_months() -> None:
    assert format_wareki(YearMonth(2014, 3)) == "平成26年3月"
    assert format_wareki(YearMonth(2014, 3), "dotted") == "H26.3"
    assert format_wareki(YearMonth(2014, 3), "kanji_numerals") == "平成二十六年三月"
    assert YearMonth(2019, 5).format() == "令和元年5月"
    assert YearMonth(2019, 4).format() == "平成31年4月"


def test_format_wareki_in_a_chosen_era() -> None:
    assert format_wareki(date(2019, 5, 1), era="平成") == "平成31年5月1日"
    with pytest.raises(OutOfRangeError):
        format_wareki(date(2019, 4, 30), era="令和")


def test_format_wareki_refuses_unknown_styles_and_types() -> None:
    with pytest.raises(ValidationError):
        format_wareki(date(2018, 7, 20), "bogus")
    with pytest.raises(TypeError):
        format_wareki("2018-07-20")  # type: ignore[arg-type]


# --- error messages --------------------------------------------------------------


def test_error_message_quotes_the_input_and_says_why() -> None:
    with pytest.raises(ParseError) as caught:
        parse_wareki_month("平成27年13月")
    error = caught.value
    assert str(error).startswith("cannot read '平成27年13月' as an era date: month 13 is not 1–12")
    assert error.text == "平成27年13月"
    assert error.column == 6
    assert isinstance(error, ValueError)
    assert isinstance(error, KyodoError)


@pytest.mark.parametrize(
    ("text", "start", "column"),
    [
        ("平成27年13月1日", "cannot read '平成27年13月1日' as an era date: month 13 is not 1–12", 6),
        ("平成30年2月30日", "cannot read '平成30年2月30日' as an era date: day 30 is not 1–28 in 2018-02", 8),
        ("H30.13.1", "cannot read 'H30.13.1' as an era date: month 13 is not 1–12", 5),
        ("平成0年1月1日", "cannot read '平成0年1月1日' as an era date: '0' is not a year of an era", 3),
        ("X27年4月1日", "cannot read 'X27年4月1日' as an era date: unexpected 'X'", 1),
        ("2015年4月1日", "cannot read '2015年4月1日' as an era date: '2015' is a Western year", 1),
        ("", "cannot read '' as an era date: the text is empty", None),
        ("平成27年4月1", "cannot read '平成27年4月1' as an era date: the text ends too early", None),
    ],
)
def test_parse_errors_quote_the_input_and_point_at_the_problem(text: str, start: str, column: int | None) -> None:
    with pytest.raises(ParseError) as caught:
        parse_wareki(text)
    assert str(caught.value).startswith(start)
    assert caught.value.text == text
    assert caught.value.column == column


# --- properties ----------------------------------------------------------------


@given(era_dates(), wareki_styles(), st.booleans())
def test_format_then_parse_round_trips(day: date, style: WarekiStyle, gannen: bool) -> None:
    text = format_wareki(day, style, gannen=gannen)
    assert parse_wareki(text) == day
    assert parse_wareki(text, strict=True) == day
    reading = read_wareki(text)
    assert reading.value == day
    assert reading.era == Era.of(day)
    assert reading.beyond_era_end is False


@given(year_months(), wareki_styles(), st.booleans())
def test_format_then_parse_round_trips_for_months(month: YearMonth, style: WarekiStyle, gannen: bool) -> None:
    text = format_wareki(month, style, gannen=gannen)
    assert parse_wareki_month(text) == month
    assert parse_wareki_month(text, strict=True) == month
    assert YearMonth.parse(text) == month
    assert month.format(style, gannen=gannen) == text


@given(era_dates(), wareki_styles(), st.data())
def test_formatting_in_an_older_era_reads_back_and_is_flagged(
    day: date, style: WarekiStyle, data: st.DataObject
) -> None:
    older = data.draw(st.sampled_from([era for era in ERAS if era.start <= day]))
    text = format_wareki(day, style, era=older)
    reading = read_wareki(text)
    assert reading.value == day
    assert reading.era == older
    assert reading.beyond_era_end is (older.end is not None and day > older.end)
