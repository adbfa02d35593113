"""Japanese eras (元号) and era dates (和暦): reading and writing them exactly.

An era date names a day as an era and a year of that era: 平成30年7月20日 is
2018-07-20. The first year of an era is written 元年. Five eras are known:

==== ====== ====== ============
sign name   letter first day
==== ====== ====== ============
㍾   明治   M      1868-01-25
㍽   大正   T      1912-07-30
㍼   昭和   S      1926-12-25
㍻   平成   H      1989-01-08
㋿   令和   R      2019-05-01
==== ====== ====== ============

Rules, precisely:

* Text is normalised with NFKC first, so full-width letters and digits
  (Ｈ３０．７．２０) and the era signs (㍻, ㋿) read like their plain forms.
  Letters may be upper or lower case. Kanji numerals (平成三十年七月二十日) are
  read too.
* A day before its era began (令和元年4月30日) is an error, never shifted.
* A day after its era ended (平成31年5月1日) is read as the day it names, and
  the reading says so (:attr:`WarekiReading.beyond_era_end`); ``strict=True``
  refuses it. Plans written before 2019 print such dates.
* Japan adopted the Gregorian calendar on 明治6年1月1日 (1873-01-01). Earlier
  dates were lunisolar, and converting them needs tables kyodo does not carry:
  reading or writing an era date before 1873-01-01 is refused. Year arithmetic
  (明治元年 is 1868) still works, through :meth:`Era.to_western`.

>>> from datetime import date
>>> parse_wareki("平成30年7月20日")
datetime.date(2018, 7, 20)
>>> parse_wareki("H30.7.20") == parse_wareki("平成三十年七月二十日") == date(2018, 7, 20)
True
>>> format_wareki(date(2019, 5, 1)), format_wareki(date(2020, 1, 1))
('令和元年5月1日', '令和2年1月1日')
>>> format_wareki(date(2018, 7, 20), "dotted")
'H30.7.20'
"""

from __future__ import annotations

import calendar
import enum
import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Final

from attrs import field, frozen

from kyodo._limits import label_problem, quotable
from kyodo._numerals import KANJI_NUMERAL_CHARS, int_to_kanji, kanji_to_int
from kyodo.errors import Coded, Message, OutOfRangeError, ParseError, ValidationError, code_of

__all__ = [
    "ERAS",
    "GREGORIAN_ADOPTION",
    "Era",
    "WarekiReading",
    "WarekiStyle",
    "YearMonth",
    "format_wareki",
    "parse_wareki",
    "parse_wareki_month",
    "read_wareki",
]

#: The first day of the Gregorian calendar in Japan, 明治6年1月1日.
GREGORIAN_ADOPTION: Final = date(1873, 1, 1)

# The one place that knows the eras: name, letter, romanisation, first day.
# A new era is one more line here. 明治 is dated from the first day of 慶応4年
# in the Gregorian calendar, as the era was applied from the start of that year.
_ERA_TABLE: Final = (
    ("明治", "M", "Meiji", date(1868, 1, 25)),
    ("大正", "T", "Taisho", date(1912, 7, 30)),
    ("昭和", "S", "Showa", date(1926, 12, 25)),
    ("平成", "H", "Heisei", date(1989, 1, 8)),
    ("令和", "R", "Reiwa", date(2019, 5, 1)),
)


@frozen
class Era:
    """A Japanese era (元号): its name, letter and first and last days.

    ``end`` is the era's last day, or ``None`` for the era in force.

    >>> heisei = Era.named("H")
    >>> heisei.name, heisei.start, heisei.end
    ('平成', datetime.date(1989, 1, 8), datetime.date(2019, 4, 30))
    >>> heisei.to_western(27), heisei.era_year(2015)
    (2015, 27)
    """

    name: str
    letter: str
    romaji: str
    start: date
    end: date | None = None

    def to_western(self, era_year: int) -> int:
        """The Western calendar year of this era's ``era_year`` (1 is 元年)."""
        return self.start.year + era_year - 1

    def era_year(self, year: int) -> int:
        """The number of Western ``year`` in this era (it may be 0 or less, or past the end)."""
        return year - self.start.year + 1

    @staticmethod
    def named(name: str) -> Era:
        """The era called ``name``: 平成, H, h, Heisei or ㍻ all name 平成.

        >>> Era.named("㋿").name
        '令和'
        """
        era = _ERA_BY_KEY.get(_nfkc(name).strip().casefold()) if isinstance(name, str) else None
        if era is None:
            raise ParseError(
                quotable(name),
                "an era",
                "no such era",
                expected="one of " + ", ".join(e.name for e in ERAS) + " or " + ", ".join(e.letter for e in ERAS),
                code="unknown_label",
            )
        return era

    @staticmethod
    def of(day: date) -> Era:
        """The era in force on ``day``.

        >>> Era.of(date(1989, 1, 7)).name, Era.of(date(1989, 1, 8)).name
        ('昭和', '平成')
        """
        for era in _ERAS_NEWEST_FIRST:
            if day >= era.start:
                return era
        raise OutOfRangeError(
            f"{day.isoformat()} is before the first era kyodo knows ({ERAS[0].name}, from {ERAS[0].start})"
        )

    @staticmethod
    def of_year(year: int) -> Era:
        """The era whose name labels Western ``year``: the last era begun in or before it.

        This is how a year and a fiscal year are labelled: 2019 is 令和元年 and
        FY2019 is 令和元年度, although 平成 lasted until 2019-04-30.

        >>> Era.of_year(2019).name, Era.of_year(1988).name
        ('令和', '昭和')
        """
        for era in _ERAS_NEWEST_FIRST:
            if year >= era.start.year:
                return era
        raise OutOfRangeError(
            f"the year {year} is before the first era kyodo knows ({ERAS[0].name}, from {ERAS[0].start.year})"
        )

    def __str__(self) -> str:
        return self.name


def _build_eras() -> tuple[Era, ...]:
    eras = []
    for index, (name, letter, romaji, start) in enumerate(_ERA_TABLE):
        following = _ERA_TABLE[index + 1][3] if index + 1 < len(_ERA_TABLE) else None
        end = following - timedelta(days=1) if following is not None else None
        eras.append(Era(name, letter, romaji, start, end))
    return tuple(eras)


#: Every era kyodo knows, oldest first.
ERAS: Final = _build_eras()
_ERAS_NEWEST_FIRST: Final = ERAS[::-1]
_ERA_BY_KEY: Final = {key: era for era in ERAS for key in (era.name, era.letter.casefold(), era.romaji.casefold())}


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@frozen(order=True)
class YearMonth:
    """A calendar month: 平成26年3月 is ``YearMonth(2014, 3)``.

    Documents often date things to the month only; kyodo keeps that
    precision rather than inventing a day.

    >>> march = YearMonth(2014, 3)
    >>> march.start, march.end
    (datetime.date(2014, 3, 1), datetime.date(2014, 3, 31))
    >>> date(2014, 3, 15) in march, march + 1
    (True, YearMonth(year=2014, month=4))
    >>> YearMonth.parse("平成26年3月") == YearMonth.parse("2014-03") == march
    True
    """

    year: int = field()
    month: int = field()

    @year.validator
    def _check_year(self, _attribute: object, value: int) -> None:
        if type(value) is not int or not 1 <= value <= 9999:
            raise ValidationError(("", f"year must be an int from 1 to 9999, not {value!r}"))

    @month.validator
    def _check_month(self, _attribute: object, value: int) -> None:
        if type(value) is not int or not 1 <= value <= 12:
            raise ValidationError(("", f"month must be an int from 1 to 12, not {value!r}"))

    @classmethod
    def of(cls, day: date) -> YearMonth:
        """The month ``day`` falls in."""
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str, *, strict: bool = False) -> YearMonth:
        """Read a month as an era month (平成26年3月, H26.3) or a Western one (2014年3月, 2014-03)."""
        if isinstance(text, str) and label_problem(text) is None:
            match = _WESTERN_MONTH.fullmatch(_nfkc(text))
            if match is not None:
                year, month = int(match[1]), int(match[2] or match[3])
                if year >= 1 and 1 <= month <= 12:
                    return cls(year, month)
        return parse_wareki_month(text, strict=strict)

    @property
    def start(self) -> date:
        """The first day of the month."""
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        """The last day of the month."""
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __contains__(self, day: object) -> bool:
        if isinstance(day, date):
            return day.year == self.year and day.month == self.month
        raise TypeError(f"a YearMonth contains dates, not {type(day).__name__} {day!r}")

    def __add__(self, months: int) -> YearMonth:
        if not isinstance(months, int):
            return NotImplemented
        index = self.year * 12 + self.month - 1 + months
        return YearMonth(index // 12, index % 12 + 1)

    def __sub__(self, other: int) -> YearMonth:
        if not isinstance(other, int):
            return NotImplemented
        return self + -other

    def format(self, style: WarekiStyle | str = "kanji", *, gannen: bool = True, era: Era | str | None = None) -> str:
        """The month as an era month; see :func:`format_wareki`."""
        return format_wareki(self, style, gannen=gannen, era=era)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


# Every run of spaces is possessive (*+): nothing after it can start with a space, and a
# backtracking run next to another optional one makes a failing match quadratic.
_WESTERN_MONTH: Final = re.compile(r"\s*+(\d{4})\s*+(?:年\s*+(\d{1,2})\s*+月|[-/.]\s*+(\d{1,2}))\s*+")


@frozen
class WarekiReading:
    """What an era-date text said: the era and year it named, and the day or month.

    >>> reading = read_wareki("平成31年5月1日")
    >>> reading.value, reading.era.name, reading.era_year, reading.beyond_era_end
    (datetime.date(2019, 5, 1), '平成', 31, True)
    """

    text: str
    era: Era
    era_year: int
    year: int
    month: int
    day: int | None

    @property
    def value(self) -> date | YearMonth:
        """The day named, or the month where the text names no day."""
        if self.day is None:
            return YearMonth(self.year, self.month)
        return date(self.year, self.month, self.day)

    @property
    def beyond_era_end(self) -> bool:
        """True when the text names a time after its era ended (平成31年5月1日)."""
        end = self.era.end
        if end is None:
            return False
        first_day = date(self.year, self.month, self.day or 1)
        return first_day > end


class WarekiStyle(enum.StrEnum):
    """How :func:`format_wareki` writes an era date."""

    #: 平成30年7月20日 (元年 for year one)
    KANJI = "kanji"
    #: 平成三十年七月二十日
    KANJI_NUMERALS = "kanji_numerals"
    #: H30.7.20
    DOTTED = "dotted"
    #: H30/7/20
    SLASHED = "slashed"


# --- reading ---------------------------------------------------------------

_ERA_PATTERN: Final = "|".join(
    [e.name for e in ERAS] + ["[" + "".join(e.letter + e.letter.lower() for e in ERAS) + "]"]
)
_NUMBER: Final = rf"\d{{1,4}}|[{KANJI_NUMERAL_CHARS}]{{1,7}}"
# Runs of spaces are possessive, as in _WESTERN_MONTH: every pattern here is matched in linear time.
_KANJI_FORM: Final = re.compile(
    rf"\s*+({_ERA_PATTERN})\s*+(元|{_NUMBER})\s*+年\s*+({_NUMBER})\s*+月\s*+(?:({_NUMBER})\s*+日)?\s*+"
)
_SEPARATED_FORM: Final = re.compile(
    rf"\s*+({_ERA_PATTERN})\.?\s*+(元|\d{{1,4}})\s*+([./-])\s*+(\d{{1,2}})\s*+(?:\3\s*+(\d{{1,2}}))?\s*+"
)


def _fast_tables() -> tuple[dict[str, tuple[int, date, date]], dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """The forms documents print most, as tables parse_wareki looks a text's halves up in.

    The first maps an era name or letter and its year (平成30, H30, 令和元; one or two ASCII
    digits) to the Western year and the first and last days the era names without comment; the
    others map a month and day, written 7月20日 and 7.20 (one or two digits each), to the pair.
    Two lookups are cheaper than a regular expression's match and three int() calls; anything
    the tables lack takes the full path, which reads it or says what is wrong.
    """
    numbers = {str(number): number for number in range(1, 100)} | {f"0{number}": number for number in range(1, 10)}
    years: dict[str, tuple[int, date, date]] = {}
    for era in ERAS:
        first, last = max(era.start, GREGORIAN_ADOPTION), era.end or date.max
        for key in (era.name, era.letter):
            for token, number in (*numbers.items(), ("元", 1)):
                years[key + token] = (era.start.year - 1 + number, first, last)
    kanji: dict[str, tuple[int, int]] = {}
    dotted: dict[str, tuple[int, int]] = {}
    for month_token, month in numbers.items():
        if month <= 12:
            for day_token, day in numbers.items():
                if day <= 31:
                    kanji[f"{month_token}月{day_token}日"] = dotted[f"{month_token}.{day_token}"] = (month, day)
    return years, kanji, dotted


_FAST_YEARS, _FAST_KANJI_DAYS, _FAST_DOTTED_DAYS = _fast_tables()
_AN_ERA_DATE: Final = ("an era date", "和暦の日付")
_EXPECTED_DATE: Final = (
    "an era date such as 平成30年7月20日 or H30.7.20",
    "平成30年7月20日 や H30.7.20 のような和暦の日付",
)
_EXPECTED_ERA: Final = (
    "an era: " + ", ".join(e.name for e in ERAS) + " or " + ", ".join(e.letter for e in ERAS),
    "元号: " + "、".join(e.name for e in ERAS) + " または " + "、".join(e.letter for e in ERAS),
)


def _number(token: str) -> int | None:
    if token == "元":
        return 1
    if token.isdecimal():
        return int(token)
    return kanji_to_int(token)


def _column(raw: str, normalised: str, index: int) -> int | None:
    # Columns are counted in the text as given; NFKC keeps a one-to-one
    # mapping whenever it does not change the length.
    return index + 1 if len(raw) == len(normalised) else None


def _fail(text: str, normalised: str, match: re.Match[str], group: int, reason: Message) -> ParseError:
    column = _column(text, normalised, match.start(group))
    return ParseError(text, _AN_ERA_DATE, reason, column=column, code=code_of(reason, "bad_date"))


def _read(text: str, strict: bool) -> tuple[Era, int, int, int, int | None]:
    """The era, era year, year, month and day (or None) named by ``text``, checked."""
    if not isinstance(text, str):
        raise ParseError(
            quotable(text),
            _AN_ERA_DATE,
            (f"expected a str, got {type(text).__name__}", f"文字列ではなく {type(text).__name__} が渡された"),
            expected=_EXPECTED_DATE,
            code="not_text",
        )
    problem = label_problem(text)
    if problem is not None:
        raise ParseError(text, _AN_ERA_DATE, problem, expected=_EXPECTED_DATE)
    normalised = _nfkc(text)
    match = _KANJI_FORM.fullmatch(normalised)
    if match is not None:
        year_group, month_group, day_group = 2, 3, 4
    else:
        match = _SEPARATED_FORM.fullmatch(normalised)
        if match is None:
            raise _diagnose(text, normalised)
        year_group, month_group, day_group = 2, 4, 5
    era = _ERA_BY_KEY[match[1].casefold()]
    era_year = _number(match[year_group])
    month = _number(match[month_group])
    day_token = match[day_group]
    if era_year is None or era_year < 1:
        raise _fail(
            text,
            normalised,
            match,
            year_group,
            (
                f"{match[year_group]!r} is not a year of an era; era years start at 1 (元年)",
                f"{match[year_group]!r} は元号の年ではない（元号の年は1（元年）から）",
            ),
        )
    if month is None or not 1 <= month <= 12:
        raise _fail(
            text,
            normalised,
            match,
            month_group,
            (f"month {match[month_group]} is not 1–12", f"{match[month_group]}月は1～12月にない"),
        )
    year = era.start.year + era_year - 1
    if year > 9999:
        raise _fail(
            text,
            normalised,
            match,
            year_group,
            Coded(
                f"{era.name}{era_year}年 is the year {year}, past 9999",
                f"{era.name}{era_year}年は西暦{year}年で、9999年を超える",
                "out_of_range",
            ),
        )
    if day_token is None:
        day = None
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
    else:
        day = _number(day_token)
        if day is None or not 1 <= day <= 28:
            days = calendar.monthrange(year, month)[1]
            if day is None or not 1 <= day <= days:
                raise _fail(
                    text,
                    normalised,
                    match,
                    day_group,
                    (
                        f"day {day_token} is not 1–{days} in {year}-{month:02d}",
                        f"{year}年{month}月に{day_token}日はない（1～{days}日）",
                    ),
                )
        first = last = date(year, month, day)
    if first < era.start or first < GREGORIAN_ADOPTION:
        if first < GREGORIAN_ADOPTION:
            raise _fail(
                text,
                normalised,
                match,
                1,
                Coded(
                    f"{first.isoformat()} is before 1873-01-01 (明治6年1月1日), when Japan adopted the Gregorian "
                    "calendar; earlier dates are lunisolar and kyodo does not convert them",
                    f"{first.isoformat()} は太陽暦採用（明治6年1月1日）より前で、太陰太陽暦の日付は変換しない",
                    "out_of_range",
                ),
            )
        if last < era.start:
            raise _fail(
                text,
                normalised,
                match,
                1,
                (
                    f"{era.name} began on {era.start.isoformat()}, after the {'month' if day is None else 'day'} "
                    f"named; {last.isoformat()} is in {Era.of(last).name}",
                    f"{era.name}は{era.start.isoformat()}に始まり、指定の{'月' if day is None else '日'}はそれより前。"
                    f"{last.isoformat()} は{Era.of(last).name}",
                ),
            )
    if strict and era.end is not None and first > era.end:
        raise _fail(
            text,
            normalised,
            match,
            1,
            (
                f"{era.name} ended on {era.end.isoformat()}; {first.isoformat()} is in {Era.of(first).name} "
                "(strict mode refuses dates past their era's end)",
                f"{era.name}は{era.end.isoformat()}に終わり、{first.isoformat()} は{Era.of(first).name}"
                "（strict では元号の終わりより後の日付を受け付けない）",
            ),
        )
    return era, era_year, year, month, day


def read_wareki(text: str, *, strict: bool = False) -> WarekiReading:
    """Read an era date or an era month, and say what the text named.

    Accepted forms (after NFKC): ``平成30年7月20日``, ``平成三十年七月二十日``,
    ``H30.7.20``, ``h30/7/20``, ``R1-5-1``, ``令和元年5月1日``; without a day,
    ``平成26年3月`` and ``H26.3``. Spaces between the parts are allowed.

    Raises :class:`~kyodo.ParseError` for anything else, for text longer
    than MAX_LABEL_CHARS (200 characters), for days that do not exist, for days before their era began, for dates before 1873, and,
    when ``strict``, for days after their era ended.
    """
    era, era_year, year, month, day = _read(text, strict)
    return WarekiReading(text, era, era_year, year, month, day)


def parse_wareki(text: str, *, strict: bool = False) -> date:
    """Read an era date as a :class:`datetime.date`; see :func:`read_wareki` for the rules.

    >>> parse_wareki("Ｈ３０．７．２０"), parse_wareki("㋿1/5/1")
    (datetime.date(2018, 7, 20), datetime.date(2019, 5, 1))
    >>> parse_wareki("平成31年5月1日"), parse_wareki("令和元年5月1日")
    (datetime.date(2019, 5, 1), datetime.date(2019, 5, 1))
    >>> parse_wareki("平成31年5月1日", strict=True)
    Traceback (most recent call last):
    kyodo.errors.ParseError: cannot read '平成31年5月1日' as an era date: 平成 ended on 2019-04-30; 2019-05-01 is in 令和 (strict mode refuses dates past their era's end) (column 1)
    >>> parse_wareki("令和元年4月30日")
    Traceback (most recent call last):
    kyodo.errors.ParseError: cannot read '令和元年4月30日' as an era date: 令和 began on 2019-05-01, after the day named; 2019-04-30 is in 平成 (column 1)
    """
    if type(text) is str:
        # The forms documents print most (平成30年7月20日, H30.7.20), looked up without normalising;
        # anything unusual, invalid or past its era's end takes the full path below.
        head, mark, tail = text.partition("年")
        days = _FAST_KANJI_DAYS
        if not mark:
            head, mark, tail = text.partition(".")
            days = _FAST_DOTTED_DAYS
        era_year = _FAST_YEARS.get(head)
        if era_year is not None:
            month_day = days.get(tail)
            if month_day is not None:
                try:
                    value = date(era_year[0], month_day[0], month_day[1])
                except ValueError:
                    pass
                else:
                    if era_year[1] <= value <= era_year[2]:
                        return value
    _era, _era_year, year, month, day = _read(text, strict)
    if day is None:
        raise ParseError(
            text,
            _AN_ERA_DATE,
            ("it names a month, not a day", "日ではなく月を指している"),
            expected=(
                "a day such as 平成26年3月31日 (use parse_wareki_month for a month)",
                "平成26年3月31日 のような日付（月は parse_wareki_month で読む）",
            ),
            code="bad_date",
        )
    return date(year, month, day)


def parse_wareki_month(text: str, *, strict: bool = False) -> YearMonth:
    """Read an era month (平成26年3月, H26.3) as a :class:`YearMonth`.

    >>> parse_wareki_month("平成26年3月")
    YearMonth(year=2014, month=3)
    >>> parse_wareki_month("平成27年13月")
    Traceback (most recent call last):
    kyodo.errors.ParseError: cannot read '平成27年13月' as an era date: month 13 is not 1–12 (column 6)
    """
    _era, _era_year, year, month, day = _read(text, strict)
    if day is not None:
        raise ParseError(
            text,
            ("an era month", "和暦の年月"),
            ("it names a day, not a month", "月ではなく日を指している"),
            expected=(
                "a month such as 平成26年3月 (use parse_wareki for a day)",
                "平成26年3月 のような年月（日付は parse_wareki で読む）",
            ),
            code="bad_date",
        )
    return YearMonth(year, month)


class _Scanner:
    """Walks an era-date text that the fast patterns refused, to say where and why."""

    def __init__(self, raw: str, text: str) -> None:
        self.raw = raw
        self.text = text
        self.pos = 0

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def take(self, token: re.Pattern[str] | str) -> str | None:
        """Take ``token`` (a pattern, or text to match as it is) and the spaces after it."""
        if isinstance(token, str):
            if not self.text.startswith(token, self.pos):
                return None
            found = token
        else:
            match = token.match(self.text, self.pos)
            if match is None:
                return None
            found = match[0]
        self.pos += len(found)
        self.skip_spaces()
        return found

    def error(self, expected: Message) -> ParseError:
        reason: Message
        if self.pos >= len(self.text):
            reason = ("the text ends too early", "途中で終わっている")
            column = None
        else:
            found = self.text[self.pos : self.pos + 1]
            reason = (f"unexpected {found!r}", f"{found!r} はここに来ない")
            column = _column(self.raw, self.text, self.pos)
        return ParseError(self.raw, _AN_ERA_DATE, reason, column=column, expected=expected, code="bad_date")


# What _diagnose looks for, compiled once at module level where every pattern kyodo uses is checked for linearity.
_SCAN_WESTERN_YEAR: Final = re.compile(r"\d{4}")
_SCAN_ERA: Final = re.compile(_ERA_PATTERN)
_SCAN_ERA_YEAR: Final = re.compile(rf"元|{_NUMBER}")
_SCAN_NUMBER: Final = re.compile(_NUMBER)
_SCAN_SEPARATOR: Final = re.compile(r"[./-]")
_SCAN_MONTH_OR_DAY: Final = re.compile(r"\d{1,2}")


def _diagnose(raw: str, text: str) -> ParseError:
    if not text.strip():
        return ParseError(
            raw, _AN_ERA_DATE, ("the text is empty", "空である"), expected=_EXPECTED_DATE, code="bad_date"
        )
    scan = _Scanner(raw, text)
    scan.skip_spaces()
    if _SCAN_WESTERN_YEAR.match(text, scan.pos):
        return ParseError(
            raw,
            _AN_ERA_DATE,
            (
                f"{text[scan.pos : scan.pos + 4]!r} is a Western year, not an era and its year",
                f"{text[scan.pos : scan.pos + 4]!r} は西暦で、元号と年ではない",
            ),
            column=_column(raw, text, scan.pos),
            expected=(
                _EXPECTED_DATE[0] + " (read Western dates with datetime.date.fromisoformat)",
                _EXPECTED_DATE[1] + "（西暦の日付は datetime.date.fromisoformat で読む）",
            ),
            code="bad_date",
        )
    if scan.take(_SCAN_ERA) is None:
        return scan.error(_EXPECTED_ERA)
    scan.take(".")
    if scan.take(_SCAN_ERA_YEAR) is None:
        return scan.error(("the era's year, a number or 元", "元号の年（数字か元）"))
    separator = scan.take(_SCAN_SEPARATOR)
    if separator is None:
        if scan.take("年") is None:
            return scan.error(
                ("年, or a separator . / - between year, month and day", "年、または年月日の区切り . / -")
            )
        if scan.take(_SCAN_NUMBER) is None:
            return scan.error(("the month, a number", "月（数字）"))
        if scan.take("月") is None:
            return scan.error(("月 after the month", "月の後の「月」"))
        if scan.pos < len(text) and (scan.take(_SCAN_NUMBER) is None or scan.take("日") is None):
            return scan.error(
                ("the day, a number followed by 日, or the end of the text", "日（数字と「日」）、または終わり")
            )
    else:
        if scan.take(_SCAN_MONTH_OR_DAY) is None:
            return scan.error(("the month, one or two digits", "月（1～2桁の数字）"))
        if scan.pos < len(text) and (scan.take(separator[0]) is None or scan.take(_SCAN_MONTH_OR_DAY) is None):
            return scan.error(
                (
                    f"{separator[0]!r} and the day, one or two digits, or the end of the text",
                    f"{separator[0]!r} と日（1～2桁の数字）、または終わり",
                )
            )
    if scan.pos < len(text):
        return scan.error(("the end of the date", "日付の終わり"))
    return ParseError(
        raw,
        _AN_ERA_DATE,
        ("it is not in a form kyodo reads", "kyodo が読める形ではない"),
        expected=_EXPECTED_DATE,
        code="bad_date",
    )


# --- writing ---------------------------------------------------------------


def _era_for_writing(value: date, era: Era | str | None) -> Era:
    if era is None:
        return Era.of(value)
    chosen = era if isinstance(era, Era) else Era.named(era)
    if value < chosen.start:
        raise OutOfRangeError(f"{value.isoformat()} is before {chosen.name} began on {chosen.start.isoformat()}")
    return chosen


def format_wareki(
    value: date | YearMonth,
    style: WarekiStyle | str = WarekiStyle.KANJI,
    *,
    gannen: bool = True,
    era: Era | str | None = None,
) -> str:
    """Write a day (or a :class:`YearMonth`) as an era date.

    ``style`` is a :class:`WarekiStyle`: ``kanji`` 平成30年7月20日 (the
    default), ``kanji_numerals`` 平成三十年七月二十日, ``dotted`` H30.7.20,
    ``slashed`` H30/7/20. Kanji styles write the first year as 元年 unless
    ``gannen=False``. ``era`` labels the date in a given era even past its
    end, for users whose documents must say 平成31年: it may not precede the
    era's start. Every style reads back with :func:`parse_wareki`.

    >>> format_wareki(date(1989, 1, 7)), format_wareki(date(1989, 1, 8))
    ('昭和64年1月7日', '平成元年1月8日')
    >>> format_wareki(date(2019, 4, 30)), format_wareki(date(2019, 5, 1), "kanji_numerals")
    ('平成31年4月30日', '令和元年五月一日')
    >>> format_wareki(date(2019, 5, 1), era="平成"), format_wareki(YearMonth(2014, 3), "dotted")
    ('平成31年5月1日', 'H26.3')
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, YearMonth):
        # A month is written in the era in force on its last day, so that
        # 1989-01 is 平成元年1月 as documents of the time print it.
        first, day, era_day = value.start, None, value.end
    elif isinstance(value, date):
        first, day, era_day = value, value.day, value
    else:
        raise TypeError(f"format_wareki writes a date or a YearMonth, not {type(value).__name__} {value!r}")
    if era_day < GREGORIAN_ADOPTION:
        raise OutOfRangeError(
            f"{first.isoformat()} is before 1873-01-01 (明治6年1月1日), when Japan adopted the Gregorian calendar"
        )
    chosen = _era_for_writing(era_day, era)
    era_year = first.year - chosen.start.year + 1
    month = first.month
    if style == WarekiStyle.KANJI:
        year_text = "元" if era_year == 1 and gannen else str(era_year)
        tail = f"{month}月" if day is None else f"{month}月{day}日"
        return f"{chosen.name}{year_text}年{tail}"
    if style == WarekiStyle.DOTTED or style == WarekiStyle.SLASHED:
        separator = "." if style == WarekiStyle.DOTTED else "/"
        tail = "" if day is None else f"{separator}{day}"
        return f"{chosen.letter}{era_year}{separator}{month}{tail}"
    if style == WarekiStyle.KANJI_NUMERALS:
        year_text = "元" if era_year == 1 and gannen else int_to_kanji(era_year)
        tail = f"{int_to_kanji(month)}月" + ("" if day is None else f"{int_to_kanji(day)}日")
        return f"{chosen.name}{year_text}年{tail}"
    raise ValidationError(
        ("style", f"{style!r} is not a WarekiStyle; expected one of {', '.join(repr(s.value) for s in WarekiStyle)}")
    )
