"""Japanese fiscal years (年度), their halves and quarters, and ranges of them.

A fiscal year runs from 1 April to 31 March and is named by the calendar year
it starts in: FY2015 is 平成27年度, 2015-04-01 to 2016-03-31.

Rules, precisely:

* A fiscal year is labelled in the era that names the calendar year it
  starts in (:meth:`Era.of_year <kyodo.Era.of_year>`): FY2019 is 令和元年度
  (the official usage, although April 2019 was still 平成), FY1989 is
  平成元年度 and FY1988 is 昭和63年度.
* Plans written before 2019 name years that never existed under their era:
  平成31年度 is FY2019 and 平成34年度 is FY2022. They are read by default,
  and :meth:`FiscalYear.read` says that the label ran past its era;
  ``strict=True`` refuses them.
* Other calendars: ``start_month`` sets the month a fiscal year starts in
  (1 to 12; April unless given). Such a year is still named by the calendar
  year it starts in, and fiscal years of different calendars do not compare.

>>> from datetime import date
>>> fy = FiscalYear(2015)
>>> fy.start, fy.end
(datetime.date(2015, 4, 1), datetime.date(2016, 3, 31))
>>> str(fy), fy.format("letter"), fy.format("western"), fy.format("fy")
('平成27年度', 'H27', '2015年度', 'FY2015')
>>> FiscalYear.of(date(2016, 3, 31)) == FiscalYear.parse("Ｈ２７") == fy
True
>>> FiscalYear.parse("平成34年度"), FiscalYear(2019).format()
(FiscalYear(2022), '令和元年度')
>>> len(FiscalYearRange.parse("平成26年度から平成30年度まで"))
5
"""

from __future__ import annotations

import calendar
import enum
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import ClassVar, Final, overload

from attrs import field, frozen

from kyodo._checks import check_int
from kyodo._limits import label_problem, quotable
from kyodo._numerals import KANJI_NUMERAL_CHARS, int_to_kanji
from kyodo.errors import Message, ParseError, ValidationError
from kyodo.wareki import _ERA_BY_KEY, _ERA_PATTERN, _NUMBER, ERAS, Era, YearMonth, _column, _nfkc, _number

__all__ = [
    "FiscalHalf",
    "FiscalQuarter",
    "FiscalYear",
    "FiscalYearRange",
    "FiscalYearReading",
    "FiscalYearStyle",
]

_MIN_YEAR: Final = 1
_MAX_YEAR: Final = 9998


class FiscalYearStyle(enum.StrEnum):
    """How :meth:`FiscalYear.format` writes a fiscal year. Every style reads back."""

    #: 平成27年度 (元年度 for an era's first year)
    ERA = "era"
    #: 平成二十七年度
    KANJI_NUMERALS = "kanji_numerals"
    #: H27
    LETTER = "letter"
    #: H27年度
    LETTER_NENDO = "letter_nendo"
    #: 2015年度
    WESTERN = "western"
    #: FY2015
    FY = "fy"


def _check_start_month(_instance: object, _attribute: object, value: int) -> None:
    check_int("start_month", value, 1, 12)


def _check_year(_instance: object, _attribute: object, value: int) -> None:
    check_int("a fiscal year", value, _MIN_YEAR, _MAX_YEAR)


@frozen(order=False, repr=False, cache_hash=True)
class FiscalYear:
    """A fiscal year (年度), named by the calendar year it starts in.

    Fiscal years are ordered, hashable, and count like integers:
    ``fy + 1`` is the next one and ``fy2 - fy1`` the number of years between.

    >>> fy = FiscalYear(2015)
    >>> fy + 1, fy - 1, FiscalYear(2018) - fy
    (FiscalYear(2016), FiscalYear(2014), 3)
    >>> date(2015, 4, 1) in fy, date(2015, 3, 31) in fy
    (True, False)
    >>> fy.first_half.end, fy.quarter(4).start
    (datetime.date(2015, 9, 30), datetime.date(2016, 1, 1))
    """

    year: int = field(validator=_check_year)
    start_month: int = field(default=4, validator=_check_start_month)

    # --- making one ---

    @classmethod
    def of(cls, day: date | YearMonth, start_month: int = 4) -> FiscalYear:
        """The fiscal year that ``day`` (a date, datetime or :class:`YearMonth`) falls in."""
        try:
            month = day.month
            calendar_year = day.year
        except AttributeError:
            raise TypeError(f"FiscalYear.of takes a date or a YearMonth, not {type(day).__name__} {day!r}") from None
        if start_month == 4:
            year = calendar_year - (month < 4)
            index = year - _TABLE_FIRST
            if 0 <= index < _TABLE_SIZE:
                return _APRIL_YEARS[index]
            return cls(year)
        return cls(calendar_year - (month < start_month), start_month)

    @classmethod
    def parse(
        cls, text: str, era: Era | str | None = None, strict: bool = False, *, start_month: int = 4
    ) -> FiscalYear:
        """Read a fiscal-year label.

        Forms (after NFKC, so full-width text and ㍻ read too): 平成27年度,
        平成二十七年度, 令和元年度, H27, H27年度, h27, 2015年度, FY2015, and
        27年度 when ``era`` says which era the document means. A label may
        give both forms, 平成27年度(2015年度), if they agree. A label longer
        than MAX_LABEL_CHARS (200 characters) is refused.

        >>> [FiscalYear.parse(t).year for t in ("平成27年度", "H27", "2015年度", "FY2015", "㍻27年度")]
        [2015, 2015, 2015, 2015, 2015]
        >>> FiscalYear.parse("27年度", era="平成"), FiscalYear.parse("平成二十七年度")
        (FiscalYear(2015), FiscalYear(2015))
        >>> FiscalYear.parse("平成31年度"), FiscalYear.parse("昭和64年度")
        (FiscalYear(2019), FiscalYear(1989))
        >>> FiscalYear.parse("平成31年度", strict=True)
        Traceback (most recent call last):
        kyodo.errors.ParseError: cannot read '平成31年度' as a fiscal year: 平成31年度 is past the end of 平成 (it is 令和元年度, FY2019); strict mode refuses it (column 3)
        """
        if start_month == 4 and type(text) is str:
            # The labels documents print most, read without normalising.
            match = _FAST_LABEL.fullmatch(text)
            if match is not None:
                if match[5] or match[6]:
                    year = int(match[5] or match[6])
                else:
                    offset, last = _FAST_ERA_YEARS[match[1] or match[3]]
                    token = match[2] or match[4]
                    year = offset + (1 if token == "元" else int(token))
                    if token == "0" or token == "00" or (strict and year > last):
                        year = 0
                index = year - _TABLE_FIRST
                if 0 <= index < _TABLE_SIZE:
                    return _APRIL_YEARS[index]
        return cls.read(text, era, strict, start_month=start_month).fiscal_year

    @classmethod
    def read(
        cls, text: str, era: Era | str | None = None, strict: bool = False, *, start_month: int = 4
    ) -> FiscalYearReading:
        """Read a fiscal-year label like :meth:`parse`, and say what it named.

        >>> reading = FiscalYear.read("平成34年度")
        >>> reading.fiscal_year, reading.era.name, reading.era_year, reading.beyond_era_end
        (FiscalYear(2022), '平成', 34, True)
        """
        check_int("start_month", start_month, 1, 12)
        context = None if era is None else (era if isinstance(era, Era) else Era.named(era))
        if not isinstance(text, str):
            raise ParseError(quotable(text), _A_FISCAL_YEAR, _not_text(text), expected=_EXPECTED_FY)
        problem = label_problem(text)
        if problem is not None:
            raise ParseError(text, _A_FISCAL_YEAR, problem, expected=_EXPECTED_FY)
        normalised = _nfkc(text)
        return _read_label(text, normalised, 0, len(normalised), context, strict, start_month, bare=False)

    @staticmethod
    def range(first: FiscalYear | int, last: FiscalYear | int) -> FiscalYearRange:
        """The fiscal years from ``first`` to ``last``, both included.

        >>> list(FiscalYear.range(2014, 2016))
        [FiscalYear(2014), FiscalYear(2015), FiscalYear(2016)]
        """
        return FiscalYearRange(_as_fiscal_year(first), _as_fiscal_year(last))

    # --- what it spans ---

    @property
    def start(self) -> date:
        """The first day of the fiscal year."""
        return date(self.year, self.start_month, 1)

    @property
    def end(self) -> date:
        """The last day of the fiscal year."""
        if self.start_month == 1:
            return date(self.year, 12, 31)
        month = self.start_month - 1
        return date(self.year + 1, month, calendar.monthrange(self.year + 1, month)[1])

    def __contains__(self, day: object) -> bool:
        if isinstance(day, date | YearMonth):
            return FiscalYear.of(day, self.start_month) == self
        raise TypeError(f"a FiscalYear contains dates and YearMonths, not {type(day).__name__} {day!r}")

    @property
    def months(self) -> tuple[YearMonth, ...]:
        """The twelve months of the fiscal year, in order."""
        first = YearMonth(self.year, self.start_month)
        return tuple(first + offset for offset in range(12))

    @property
    def first_half(self) -> FiscalHalf:
        """上半期: the first six months (April–September)."""
        return FiscalHalf(self, 1)

    @property
    def second_half(self) -> FiscalHalf:
        """下半期: the last six months (October–March)."""
        return FiscalHalf(self, 2)

    @property
    def halves(self) -> tuple[FiscalHalf, FiscalHalf]:
        """Both halves, in order."""
        return (FiscalHalf(self, 1), FiscalHalf(self, 2))

    def half(self, number: int) -> FiscalHalf:
        """Half 1 (上半期) or 2 (下半期)."""
        return FiscalHalf(self, number)

    def quarter(self, number: int) -> FiscalQuarter:
        """Quarter 1 to 4; Q1 is April–June."""
        return FiscalQuarter(self, number)

    @property
    def quarters(self) -> tuple[FiscalQuarter, ...]:
        """The four quarters, in order."""
        return tuple(FiscalQuarter(self, number) for number in (1, 2, 3, 4))

    # --- arithmetic and order ---

    def __add__(self, years: int) -> FiscalYear:
        if type(years) is not int:
            return NotImplemented
        return FiscalYear(self.year + years, self.start_month)

    __radd__ = __add__

    @overload
    def __sub__(self, other: int) -> FiscalYear: ...
    @overload
    def __sub__(self, other: FiscalYear) -> int: ...
    def __sub__(self, other: int | FiscalYear) -> FiscalYear | int:
        if isinstance(other, FiscalYear):
            self._check_same_calendar(other)
            return self.year - other.year
        if type(other) is not int:
            return NotImplemented
        return FiscalYear(self.year - other, self.start_month)

    def _check_same_calendar(self, other: FiscalYear) -> None:
        if other.start_month != self.start_month:
            raise TypeError(
                f"{self!r} and {other!r} belong to calendars starting in different months; they do not compare"
            )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FiscalYear):
            return NotImplemented
        self._check_same_calendar(other)
        return self.year < other.year

    def __le__(self, other: object) -> bool:
        if not isinstance(other, FiscalYear):
            return NotImplemented
        self._check_same_calendar(other)
        return self.year <= other.year

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, FiscalYear):
            return NotImplemented
        self._check_same_calendar(other)
        return self.year > other.year

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, FiscalYear):
            return NotImplemented
        self._check_same_calendar(other)
        return self.year >= other.year

    # --- labels ---

    @property
    def era(self) -> Era:
        """The era that labels this fiscal year (令和 for FY2019)."""
        return Era.of_year(self.year)

    @property
    def era_year(self) -> int:
        """The year of :attr:`era` in the label (1 for 令和元年度)."""
        return self.era.era_year(self.year)

    def format(
        self, style: FiscalYearStyle | str = FiscalYearStyle.ERA, *, gannen: bool = True, era: Era | str | None = None
    ) -> str:
        """Write the fiscal year as a label; every style reads back with :meth:`parse`.

        ``style`` is a :class:`FiscalYearStyle`: ``era`` 平成27年度 (the
        default), ``kanji_numerals`` 平成二十七年度, ``letter`` H27,
        ``letter_nendo`` H27年度, ``western`` 2015年度, ``fy`` FY2015.
        ``gannen=False`` writes 令和1年度 for 令和元年度. ``era`` labels the
        year in a given era even past its end, for users who must print
        平成31年度 for FY2019.

        A fiscal year before 明治 (1868) has no era: the era, kanji-numeral
        and letter styles raise :class:`~kyodo.OutOfRangeError`, and
        ``str()`` writes it in the western style.

        >>> str(FiscalYear(1500)), FiscalYear(1500).format("fy")
        ('1500年度', 'FY1500')
        >>> FiscalYear(1500).format()
        Traceback (most recent call last):
        kyodo.errors.OutOfRangeError: the year 1500 is before the first era kyodo knows (明治, from 1868)
        >>> FiscalYear(2019).format(era="平成"), FiscalYear(1989).format()
        ('平成31年度', '平成元年度')
        >>> FiscalYear(2015).format("kanji_numerals"), FiscalYear(2019).format("letter_nendo")
        ('平成二十七年度', 'R1年度')
        """
        if style == FiscalYearStyle.WESTERN:
            return f"{self.year:04d}年度"
        if style == FiscalYearStyle.FY:
            return f"FY{self.year:04d}"
        if era is None:
            chosen = Era.of_year(self.year)
        else:
            chosen = era if isinstance(era, Era) else Era.named(era)
            if self.year < chosen.start.year:
                raise ValidationError(
                    ("era", f"{self!r} starts before {chosen.name} began in {chosen.start.year}; it has no year in it")
                )
        era_year = self.year - chosen.start.year + 1
        if style == FiscalYearStyle.ERA:
            return f"{chosen.name}{'元' if era_year == 1 and gannen else era_year}年度"
        if style == FiscalYearStyle.LETTER:
            return f"{chosen.letter}{era_year}"
        if style == FiscalYearStyle.LETTER_NENDO:
            return f"{chosen.letter}{era_year}年度"
        if style == FiscalYearStyle.KANJI_NUMERALS:
            return f"{chosen.name}{'元' if era_year == 1 and gannen else int_to_kanji(era_year)}年度"
        raise ValidationError(("style", f"{style!r} is not a FiscalYearStyle; expected one of {_STYLE_NAMES}"))

    def __str__(self) -> str:
        # Years before 明治 have no era label; every fiscal year still prints.
        return self.format() if self.year >= _TABLE_FIRST else self.format(FiscalYearStyle.WESTERN)

    def __format__(self, spec: str) -> str:
        return self.format(spec) if spec else str(self)

    def __repr__(self) -> str:
        if self.start_month == 4:
            return f"FiscalYear({self.year})"
        return f"FiscalYear({self.year}, start_month={self.start_month})"


_STYLE_NAMES: Final = ", ".join(repr(style.value) for style in FiscalYearStyle)

# Fiscal years of the April calendar for the years documents talk about are
# made once, so that FiscalYear.of, the hot path of every table, allocates
# nothing. They are ordinary immutable values.
_TABLE_FIRST: Final = 1868
_APRIL_YEARS: Final = tuple(FiscalYear(year) for year in range(_TABLE_FIRST, 2201))
_TABLE_SIZE: Final = len(_APRIL_YEARS)


_FAST_LABEL: Final = re.compile(
    "(" + "|".join(e.name for e in ERAS) + r")(元|[0-9]{1,2})年度"
    r"|([" + "".join(e.letter for e in ERAS) + r"])([0-9]{1,2})(?:年度)?"
    r"|([0-9]{4})年度|FY([0-9]{4})"
)
# For each era name and letter: the Western year before its first, and the
# last year it labels without running past its end.
_FAST_ERA_YEARS: Final = {
    key: (era.start.year - 1, following.start.year - 1 if following else _MAX_YEAR)
    for era, following in zip(ERAS, (*ERAS[1:], None), strict=True)
    for key in (era.name, era.letter)
}


def _as_fiscal_year(value: FiscalYear | int) -> FiscalYear:
    if isinstance(value, FiscalYear):
        return value
    return FiscalYear(value)


@frozen
class FiscalYearReading:
    """What a fiscal-year label named: the fiscal year, and the era and era year if it gave them."""

    text: str
    fiscal_year: FiscalYear
    era: Era | None
    era_year: int | None

    @property
    def beyond_era_end(self) -> bool:
        """True when the label names a year past its era (平成31年度, 平成34年度, 昭和64年度)."""
        return self.era is not None and Era.of_year(self.fiscal_year.year) is not self.era


# --- reading labels ----------------------------------------------------------

_A_FISCAL_YEAR: Final = ("a fiscal year", "年度")
_EXPECTED_FY: Final = (
    "a fiscal year such as 平成27年度, H27, 2015年度 or FY2015",
    "平成27年度、H27、2015年度、FY2015 のような年度",
)
# Runs of spaces are possessive (*+): nothing after one starts with a space, and a run that
# backtracks next to another optional one makes a failing match polynomial in its length.
_LABEL: Final = re.compile(
    rf"\s*+(?:[Ff][Yy]\s*+(\d{{4}})(?:\s*+年度)?|(\d{{4}})\s*+年度"
    rf"|(?:({_ERA_PATTERN})\.?\s*+)?(元|{_NUMBER})\s*+(年度|年)?)\s*+"
)
# Each form keeps its spaces: a lazy form before a run of spaces backtracked quadratically,
# and the label reader skips them anyway.
_BOTH_FORMS: Final = re.compile(r"([^()]++)\(([^()]++)\)\s*+")


def _read_label(
    raw: str,
    text: str,
    begin: int,
    end: int,
    context: Era | None,
    strict: bool,
    start_month: int,
    *,
    bare: bool,
) -> FiscalYearReading:
    """Read ``text[begin:end]`` as one fiscal-year label; ``bare`` allows a label without 年度."""
    match = _LABEL.fullmatch(text, begin, end)
    if match is None:
        both = _BOTH_FORMS.fullmatch(text, begin, end)
        if both is not None:
            return _read_both_forms(raw, text, both, context, strict, start_month)
        raise _label_error(raw, text, begin, end)
    fy_digits, western_digits, era_token, number_token, suffix = match.groups()
    column = _column(raw, text, match.start(4) if number_token else begin)

    def fail(reason: Message, expected: Message | None = None) -> ParseError:
        return ParseError(raw, _A_FISCAL_YEAR, reason, column=column, expected=expected)

    if fy_digits or western_digits:
        return FiscalYearReading(raw, _make(int(fy_digits or western_digits), start_month, fail), None, None)
    number = _number(number_token)
    if number is None:
        raise fail((f"{number_token!r} is not a number", f"{number_token!r} は数ではない"))
    if suffix == "年":
        raise fail(
            (
                f"{match[0].strip()!r} names a calendar year (年), not a fiscal year (年度)",
                f"{match[0].strip()!r} は暦年（年）で、年度ではない",
            ),
            expected=f"{match[0].strip()}度",
        )
    if era_token is None:
        if number >= 1000 and (suffix or bare):
            return FiscalYearReading(raw, _make(number, start_month, fail), None, None)
        if context is None:
            raise fail(
                (f"{match[0].strip()!r} gives no era", f"{match[0].strip()!r} に元号がない"),
                expected=(
                    "an era in the text (平成27年度) or era='平成' (a plan file's era key) saying which era the document means",
                    "元号つきの表記（平成27年度）、または文書の元号を era='平成'（計画ファイルでは era キー）で指定",
                ),
            )
        if not suffix and not bare:
            raise fail(
                (f"{match[0].strip()!r} alone is not a fiscal year", f"{match[0].strip()!r} だけでは年度にならない"),
                expected=f"{match[0].strip()}年度",
            )
        era = context
    else:
        era = _ERA_BY_KEY[era_token.casefold()]
    if number < 1:
        raise fail(
            (
                f"{number_token!r} is not a year of an era; era years start at 1 (元年度)",
                f"{number_token!r} は元号の年ではない（元号の年は1（元年度）から）",
            )
        )
    fiscal_year = _make(era.to_western(number), start_month, fail)
    reading = FiscalYearReading(raw, fiscal_year, era, number)
    if strict and reading.beyond_era_end:
        raise fail(
            (
                f"{era.name}{number}年度 is past the end of {era.name} (it is {fiscal_year.format()}, "
                f"FY{fiscal_year.year}); strict mode refuses it",
                f"{era.name}{number}年度は{era.name}の終わりより後（{fiscal_year.format()}）。strict では受け付けない",
            )
        )
    return reading


def _make(year: int, start_month: int, fail: Callable[[Message], ParseError]) -> FiscalYear:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise fail(
            (f"the year {year} is not {_MIN_YEAR}–{_MAX_YEAR}", f"{year}年は{_MIN_YEAR}～{_MAX_YEAR}年の範囲にない")
        )
    return FiscalYear(year, start_month)


def _not_text(value: object) -> tuple[str, str]:
    kind = type(value).__name__
    return (f"expected a str, got {kind}", f"文字列ではなく {kind} が渡された")


def _read_both_forms(
    raw: str, text: str, both: re.Match[str], context: Era | None, strict: bool, start_month: int
) -> FiscalYearReading:
    first = _read_label(raw, text, both.start(1), both.end(1), context, strict, start_month, bare=False)
    second = _read_label(raw, text, both.start(2), both.end(2), context, strict, start_month, bare=False)
    if first.fiscal_year != second.fiscal_year:
        first_text, second_text = both[1].strip(), both[2].strip()
        second_begin = _skip_spaces(text, both.start(2), both.end(2))
        raise ParseError(
            raw,
            _A_FISCAL_YEAR,
            (
                f"{first_text!r} is FY{first.fiscal_year.year} but ({second_text}) is FY{second.fiscal_year.year}",
                f"{first_text!r} は{first.fiscal_year}だが（{second_text}）は{second.fiscal_year}",
            ),
            column=_column(raw, text, second_begin),
        )
    return first if first.era is not None else second


def _label_error(raw: str, text: str, begin: int, end: int) -> ParseError:
    piece = text[begin:end]
    if not piece.strip():
        empty = ("the text is empty", "空である") if begin == 0 else ("a label is missing", "年度の表記がない")
        return ParseError(raw, _A_FISCAL_YEAR, empty, expected=_EXPECTED_FY)
    # Point at the first character that cannot continue a label.
    stop = _label_prefix_end(text, _skip_spaces(text, begin, end), end)
    reason: Message
    if stop >= end:
        reason = ("the label ends too early", "途中で終わっている")
        column = None
    else:
        reason = (f"unexpected {text[stop]!r}", f"{text[stop]!r} はここに来ない")
        column = _column(raw, text, stop)
    return ParseError(raw, _A_FISCAL_YEAR, reason, column=column, expected=_EXPECTED_FY)


_ERA_NAMES: Final = tuple(era.name for era in ERAS)
_ERA_LETTERS: Final = frozenset("".join(era.letter + era.letter.lower() for era in ERAS))


def _label_prefix_end(text: str, begin: int, end: int) -> int:
    """The end of the longest part of ``text[begin:end]`` from ``begin`` that a label could start with.

    A label is FY, spaces, up to four digits and 年度; or an optional era (and
    a dot), 元 or a number, and 年 or 年度, with spaces between. This is a scan,
    not the pattern it replaces, which was tried on every prefix in turn and
    took time in the cube of the text's length.
    """
    pos = begin
    if pos < end and text[pos] in "Ff":
        pos += 1
        if pos >= end or text[pos] not in "Yy":
            return pos
        digits = _take(text, _skip_spaces(text, pos + 1, end), end, str.isdecimal, 4)
        # Spaces after the digits belong to the label only if 年 follows them.
        nendo = _after_nendo(text, _skip_spaces(text, digits, end), end)
        return digits if nendo is None else nendo
    name = next((name for name in _ERA_NAMES if text.startswith(name, pos, end)), None)
    if name is not None or (pos < end and text[pos] in _ERA_LETTERS):
        pos += len(name) if name is not None else 1
        if pos < end and text[pos] == ".":
            pos += 1
        pos = _skip_spaces(text, pos, end)
    if pos < end and text[pos] == "元":
        pos += 1
    elif pos < end and text[pos].isdecimal():
        pos = _take(text, pos, end, str.isdecimal, 4)
    else:
        pos = _take(text, pos, end, _KANJI_NUMERAL_CHARS.__contains__, 7)
    pos = _skip_spaces(text, pos, end)
    nendo = _after_nendo(text, pos, end)
    return pos if nendo is None else nendo


_KANJI_NUMERAL_CHARS: Final = frozenset(KANJI_NUMERAL_CHARS)


def _take(text: str, pos: int, end: int, wanted: Callable[[str], bool], most: int) -> int:
    """``pos`` moved past up to ``most`` characters that are ``wanted``."""
    stop = min(end, pos + most)
    while pos < stop and wanted(text[pos]):
        pos += 1
    return pos


def _after_nendo(text: str, pos: int, end: int) -> int | None:
    """The end of 年 or 年度 at ``pos``, or None when there is neither."""
    if pos < end and text[pos] == "年":
        return pos + 2 if text.startswith("度", pos + 1, end) else pos + 1
    return None


# --- halves and quarters -----------------------------------------------------


@frozen(order=True)
class _FiscalPart:
    """A part of a fiscal year: the shared machinery of halves and quarters."""

    fiscal_year: FiscalYear
    number: int = field()

    _PARTS: ClassVar[int] = 1

    @number.validator
    def _check_number(self, _attribute: object, value: int) -> None:
        check_int(f"a {type(self).__name__} number", value, 1, self._PARTS)

    @property
    def _months(self) -> int:
        return 12 // self._PARTS

    @property
    def start(self) -> date:
        """The first day of this part."""
        fy = self.fiscal_year
        return (YearMonth(fy.year, fy.start_month) + (self.number - 1) * self._months).start

    @property
    def end(self) -> date:
        """The last day of this part."""
        fy = self.fiscal_year
        return (YearMonth(fy.year, fy.start_month) + (self.number * self._months - 1)).end

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        if isinstance(day, date):
            return self.start <= day <= self.end
        if isinstance(day, YearMonth):
            return self.start <= day.start <= self.end
        raise TypeError(f"a {type(self).__name__} contains dates and YearMonths, not {type(day).__name__} {day!r}")

    @classmethod
    def _of(cls, day: date | YearMonth, start_month: int) -> tuple[FiscalYear, int]:
        fiscal_year = FiscalYear.of(day, start_month)
        months_in = (day.month - fiscal_year.start_month) % 12
        return fiscal_year, months_in * cls._PARTS // 12 + 1


@frozen(order=True)
class FiscalHalf(_FiscalPart):
    """上半期 (half 1, April–September) or 下半期 (half 2, October–March) of a fiscal year.

    >>> half = FiscalHalf.of(date(2015, 10, 10))
    >>> half, half.start, half.end
    (FiscalHalf(fiscal_year=FiscalYear(2015), number=2), datetime.date(2015, 10, 1), datetime.date(2016, 3, 31))
    >>> half.label, half.format(), half.format("fy")
    ('下半期', '平成27年度下半期', 'FY2015 H2')
    """

    _PARTS: ClassVar[int] = 2

    @classmethod
    def of(cls, day: date | YearMonth, start_month: int = 4) -> FiscalHalf:
        """The half year that ``day`` falls in."""
        return cls(*cls._of(day, start_month))

    @property
    def label(self) -> str:
        """上半期 or 下半期."""
        return "上半期" if self.number == 1 else "下半期"

    @property
    def label_en(self) -> str:
        """ "first half" or "second half"."""
        return "first half" if self.number == 1 else "second half"

    def format(self, style: FiscalYearStyle | str = FiscalYearStyle.ERA) -> str:
        """The fiscal year's label in ``style`` followed by the half: 平成27年度上半期, FY2015 H1."""
        if style == FiscalYearStyle.FY:
            return f"{self.fiscal_year.format(style)} H{self.number}"
        return f"{self.fiscal_year.format(style)}{self.label}"


@frozen(order=True)
class FiscalQuarter(_FiscalPart):
    """A quarter (四半期) of a fiscal year; quarter 1 is April–June.

    >>> quarter = FiscalQuarter.of(date(2016, 2, 29))
    >>> quarter.number, quarter.start, quarter.format(), quarter.format("fy")
    (4, datetime.date(2016, 1, 1), '平成27年度第4四半期', 'FY2015 Q4')
    """

    _PARTS: ClassVar[int] = 4

    @classmethod
    def of(cls, day: date | YearMonth, start_month: int = 4) -> FiscalQuarter:
        """The quarter that ``day`` falls in."""
        return cls(*cls._of(day, start_month))

    @property
    def label(self) -> str:
        """第1四半期 to 第4四半期."""
        return f"第{self.number}四半期"

    @property
    def label_en(self) -> str:
        """ "Q1" to "Q4"."""
        return f"Q{self.number}"

    def format(self, style: FiscalYearStyle | str = FiscalYearStyle.ERA) -> str:
        """The fiscal year's label in ``style`` followed by the quarter: 平成27年度第1四半期, FY2015 Q1."""
        if style == FiscalYearStyle.FY:
            return f"{self.fiscal_year.format(style)} Q{self.number}"
        return f"{self.fiscal_year.format(style)}{self.label}"


# --- ranges ------------------------------------------------------------------


@frozen
class FiscalYearRange:
    """The fiscal years from ``first`` to ``last``, both included.

    A range is sized, iterable, indexable and knows what it contains.

    >>> period = FiscalYearRange.parse("H26–H30")
    >>> len(period), period[0], period[-1], FiscalYear(2016) in period
    (5, FiscalYear(2014), FiscalYear(2018), True)
    >>> period == FiscalYearRange.parse("2014年度～2018年度") == FiscalYearRange.parse("平成26～30年度")
    True
    >>> str(period), period.format("fy")
    ('平成26年度～平成30年度', 'FY2014～FY2018')
    """

    first: FiscalYear = field()
    last: FiscalYear = field()

    @first.validator
    def _check_first(self, _attribute: object, value: FiscalYear) -> None:
        if not isinstance(value, FiscalYear):
            raise ValidationError(("first", f"expected a FiscalYear, not {type(value).__name__} {value!r}"))

    @last.validator
    def _check_last(self, _attribute: object, value: FiscalYear) -> None:
        if not isinstance(value, FiscalYear):
            raise ValidationError(("last", f"expected a FiscalYear, not {type(value).__name__} {value!r}"))
        if value.start_month != self.first.start_month:
            raise ValidationError(("last", f"{value!r} and {self.first!r} belong to different fiscal calendars"))
        if value < self.first:
            raise ValidationError(("last", f"{value!r} comes before the first year, {self.first!r}"))

    @classmethod
    def parse(
        cls, text: str, era: Era | str | None = None, strict: bool = False, *, start_month: int = 4
    ) -> FiscalYearRange:
        """Read a range of fiscal years.

        Forms: ``A から B まで``, ``A から B``, and ``A～B`` with any of the
        dashes ～ 〜 ~ - – — ‐ −, where A and B are fiscal-year labels (see
        :meth:`FiscalYear.parse`). B may leave out what A gave: 平成26～30年度,
        H26–30, 2014～2018年度. The first separator splits the text, and text
        longer than MAX_LABEL_CHARS (200 characters) is refused.
        """
        check_int("start_month", start_month, 1, 12)
        context = None if era is None else (era if isinstance(era, Era) else Era.named(era))
        if not isinstance(text, str):
            raise ParseError(quotable(text), _A_RANGE, _not_text(text), expected=_EXPECTED_RANGE)
        problem = label_problem(text)
        if problem is not None:
            raise ParseError(text, _A_RANGE, problem, expected=_EXPECTED_RANGE)
        normalised = _nfkc(text)
        parts = _split_range(normalised)
        if parts is None:
            raise ParseError(
                text,
                _A_RANGE,
                ("no separator between two fiscal years", "二つの年度の間に区切りがない")
                if normalised.strip()
                else ("the text is empty", "空である"),
                expected=_EXPECTED_RANGE,
            )
        first_begin, first_end, last_begin, last_end = parts
        try:
            first = _read_label(text, normalised, first_begin, first_end, context, strict, start_month, bare=True)
            last = _read_label(
                text, normalised, last_begin, last_end, first.era or context, strict, start_month, bare=True
            )
        except ParseError as error:
            expected = None if error.expected is None else (error.expected, error.expected_ja or error.expected)
            raise ParseError(
                text, _A_RANGE, (error.reason, error.reason_ja), column=error.column, expected=expected
            ) from None
        if last.fiscal_year < first.fiscal_year:
            raise ParseError(
                text,
                _A_RANGE,
                (
                    f"it ends (FY{last.fiscal_year.year}) before it starts (FY{first.fiscal_year.year})",
                    f"終わり（{last.fiscal_year}）が始まり（{first.fiscal_year}）より前",
                ),
                column=_column(text, normalised, last_begin),
            )
        return cls(first.fiscal_year, last.fiscal_year)

    @property
    def start(self) -> date:
        """The first day of the first fiscal year."""
        return self.first.start

    @property
    def end(self) -> date:
        """The last day of the last fiscal year."""
        return self.last.end

    def __len__(self) -> int:
        return self.last.year - self.first.year + 1

    def __iter__(self) -> Iterator[FiscalYear]:
        start_month = self.first.start_month
        for year in range(self.first.year, self.last.year + 1):
            yield FiscalYear(year, start_month)

    def __reversed__(self) -> Iterator[FiscalYear]:
        start_month = self.first.start_month
        for year in range(self.last.year, self.first.year - 1, -1):
            yield FiscalYear(year, start_month)

    def __getitem__(self, index: int) -> FiscalYear:
        size = len(self)
        if type(index) is not int:
            raise TypeError(f"a FiscalYearRange is indexed by int, not {type(index).__name__}")
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError(f"index out of range for {size} fiscal years")
        return self.first + index

    def __contains__(self, item: object) -> bool:
        if isinstance(item, FiscalYear):
            return item.start_month == self.first.start_month and self.first <= item <= self.last
        if isinstance(item, date | YearMonth):
            return self.first <= FiscalYear.of(item, self.first.start_month) <= self.last
        raise TypeError(f"a FiscalYearRange contains fiscal years and dates, not {type(item).__name__} {item!r}")

    def format(self, style: FiscalYearStyle | str = FiscalYearStyle.ERA, *, separator: str = "～") -> str:
        """Both ends in ``style``, joined by ``separator``: 平成26年度～平成30年度."""
        return f"{self.first.format(style)}{separator}{self.last.format(style)}"

    def __str__(self) -> str:
        # As FiscalYear's: a year before 明治 has no era label, and prints in the western style.
        if self.first.year >= _TABLE_FIRST:
            return self.format()
        return self.format(FiscalYearStyle.WESTERN)


_A_RANGE: Final = ("a range of fiscal years", "年度の範囲")
_EXPECTED_RANGE: Final = (
    "a range such as 平成26年度から平成30年度まで, H26–H30 or 2014年度～2018年度",
    "平成26年度から平成30年度まで、H26–H30、2014年度～2018年度 のような範囲",
)
_RANGE_DASHES: Final = frozenset("~〜-–—‐−")


def _split_range(text: str) -> tuple[int, int, int, int] | None:
    """Where a range's two labels are in ``text``: (first begin, first end, last begin, last end), spaces left out.

    The first separator (から or a dash) after the first label's first character
    splits the text, and a まで at the end is left out. It is a scan, not a
    pattern, so that it takes time in proportion to the text: the pattern it
    replaces, a lazy label between runs of spaces, backtracked polynomially.
    None when there is no separator with a label after it.
    """
    length = len(text)
    first_begin = _skip_spaces(text, 0, length)
    for index in range(first_begin + 1, length):
        if text[index] in _RANGE_DASHES:
            after = index + 1
        elif text.startswith("から", index):
            after = index + 2
        else:
            continue
        last_begin = _skip_spaces(text, after, length)
        if last_begin == length:
            # Only spaces follow, and so no later separator can have a label after it.
            return None
        last_end = _strip_spaces_before(text, last_begin, length)
        if text.startswith("まで", last_end - 2, last_end):
            before = _strip_spaces_before(text, last_begin, last_end - 2)
            # まで alone is kept, so that it is read, and refused, as the last label.
            if before > last_begin:
                last_end = before
        return first_begin, _strip_spaces_before(text, first_begin, index), last_begin, last_end
    return None


def _skip_spaces(text: str, begin: int, end: int) -> int:
    """The index of the first character from ``begin`` that is not a space, or ``end``."""
    while begin < end and text[begin].isspace():
        begin += 1
    return begin


def _strip_spaces_before(text: str, begin: int, end: int) -> int:
    """``end`` moved back over the spaces before it, but not past ``begin``."""
    while end > begin and text[end - 1].isspace():
        end -= 1
    return end
