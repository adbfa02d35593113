"""The limits kyodo's readers keep, so that no input can make them hang, exhaust memory or lose a file.

Every reader checks its input against these before it does work that grows
with the input's size or value: a label is read only if it is short, a
number only if its digits and exponent are within bounds, a file only if it
is small enough, shallow enough and has few enough values. Each limit is
documented in docs/limits.md; a test there checks that page against this
module, so the two never disagree.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

from kyodo.errors import Coded

#: The most characters of a plan, grading or subsidy file kyodo reads (about 10 MB of Japanese text).
MAX_FILE_CHARS: Final = 10_000_000
#: The most values (tables, lists and scalars) in one file.
MAX_NODES: Final = 1_000_000
#: The most values in one YAML file: YAML is read by a pure-Python parser, ten times slower than JSON's.
MAX_YAML_NODES: Final = 100_000
#: The deepest nesting of tables and lists in one file.
MAX_DEPTH: Final = 100
#: The most characters of one label: a fiscal year, a date, a rate, an amount of yen, a band.
MAX_LABEL_CHARS: Final = 200
#: The most significant digits of a number read from a file or a label.
MAX_DIGITS: Final = 30
#: The largest power of ten a number read from a file may reach, either way (1E+30, 1E-30).
MAX_EXPONENT: Final = 30
#: The most digits of a whole number (an amount of yen, a year) read from a file or a label.
MAX_INT_DIGITS: Final = 30
#: The most characters of a completion criterion written as text (``meets(参加者数) and judgment(…)``).
MAX_CRITERION_CHARS: Final = 10_000
#: The most bytes of a spreadsheet (xlsx or CSV) that ``kyodo.read_sheet`` reads.
MAX_SHEET_BYTES: Final = 20_000_000
#: The most bytes an xlsx workbook may unpack to (its XML parts together).
MAX_SHEET_UNPACKED: Final = 100_000_000
#: The most rows of one sheet.
MAX_SHEET_ROWS: Final = 100_000
#: The most columns of one sheet.
MAX_SHEET_COLUMNS: Final = 1_000
#: The most cells one sheet may span (rows times columns).
MAX_SHEET_CELLS: Final = 1_000_000
#: The deepest nesting of a criterion written as text: each open parenthesis and each ``not`` is one level.
MAX_CRITERION_DEPTH: Final = 50


def number_problem(value: Decimal | int | Fraction) -> Coded | None:
    """Why ``value`` is outside the limits on numbers, or None when it is within them.

    >>> number_problem(Decimal("58.8")) is None
    True
    >>> number_problem(Decimal("1e100000000"))[0]
    '1E+100000000 is too large: kyodo reads numbers from 1E-30 to 1E+30 in size'
    >>> number_problem(Decimal("3.14159265358979323846264338327950288"))[0]
    '3.14159265358979323846264338327950288 has 36 significant digits; kyodo reads at most 30'
    """
    if type(value) is Decimal:
        # The usual figure, at a glance: str() writes a Decimal without an exponent only when its exponent
        # is at most 0 and its leading digit at least 1E-6, so a short text of digits is within every limit.
        text = str(value)
        if len(text) <= MAX_DIGITS and text[-1].isdigit() and "E" not in text:
            return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        # Compared by size, not by str(): str() of a huge int is slow and may raise.
        if abs(value) >= 10**MAX_INT_DIGITS:
            return Coded(
                f"a whole number of {value.bit_length()} bits is too large: kyodo reads at most {MAX_INT_DIGITS} digits",
                f"{value.bit_length()}ビットの整数は大きすぎる。読めるのは{MAX_INT_DIGITS}桁まで",
                "too_large",
            )
        return None
    if isinstance(value, Fraction):
        for part in (value.numerator, value.denominator):
            if abs(part) >= 10**MAX_INT_DIGITS:
                return Coded(
                    f"a fraction with a {part.bit_length()}-bit part is too large: kyodo reads at most {MAX_INT_DIGITS} digits a part",
                    f"{part.bit_length()}ビットの分子か分母は大きすぎる。読めるのは{MAX_INT_DIGITS}桁まで",
                    "too_large",
                )
        return None
    if not value.is_finite():
        return Coded(f"{value} is not a finite number", f"{value} は有限の数ではない", "not_a_number")
    if value.is_zero():
        return None
    _sign, digits, _exponent = value.as_tuple()
    # adjusted() is the exponent of the leading digit: 1E+30 and 9.9E+30 give 30, 0.001 gives -3.
    leading = value.adjusted()
    if leading > MAX_EXPONENT or leading < -MAX_EXPONENT:
        size = "large" if leading > 0 else "small"
        size_ja = "大きすぎる" if leading > 0 else "小さすぎる"
        return Coded(
            f"{value} is too {size}: kyodo reads numbers from 1E-{MAX_EXPONENT} to 1E+{MAX_EXPONENT} in size",
            f"{value} は{size_ja}。読める数の大きさは 1E-{MAX_EXPONENT} から 1E+{MAX_EXPONENT} まで",
            "too_large",
        )
    # Trailing zeros carry no digits of their own: 1000 and 1E+3 are one significant digit.
    significant = len(digits)
    while significant > 1 and digits[significant - 1] == 0:
        significant -= 1
    if significant > MAX_DIGITS:
        return Coded(
            f"{value} has {significant} significant digits; kyodo reads at most {MAX_DIGITS}",
            f"{value} は有効数字{significant}桁。読めるのは{MAX_DIGITS}桁まで",
            "too_large",
        )
    return None


def text_problem(text: str) -> Coded | None:
    """Why ``text`` cannot be written back as UTF-8 (an unpaired surrogate), or None when it can.

    >>> text_problem("協働") is None
    True
    >>> text_problem("a\\ud800b")[0]
    "character 2 is the unpaired surrogate '\\\\ud800', which no file can hold"
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        char = text[error.start]
        return Coded(
            f"character {error.start + 1} is the unpaired surrogate {char!r}, which no file can hold",
            f"{error.start + 1}文字目はペアのないサロゲート {char!r} で、ファイルに書けない",
            "invalid",
        )
    return None


def label_problem(text: str) -> Coded | None:
    """Why ``text`` is too long to read as a label, or None when it is short enough.

    MAX_LABEL_CHARS is looked up on each call, so that a test may lift it to show the readers stay linear past it.

    >>> label_problem("平成27年度") is None
    True
    >>> label_problem("H" * 201)[0]
    'it is too long: 201 characters, and kyodo reads labels of at most 200'
    """
    if len(text) > MAX_LABEL_CHARS:
        return Coded(
            f"it is too long: {len(text)} characters, and kyodo reads labels of at most {MAX_LABEL_CHARS}",
            f"長すぎる（{len(text)}文字）。読める表記は{MAX_LABEL_CHARS}文字まで",
            "too_large",
        )
    return None


#: The most bits of an int that an error message quotes; past them it gives the int's size instead.
_MAX_QUOTED_BITS: Final = 10_000


def quotable(value: object) -> object:
    """``value`` to quote in an error: itself, or its size when it is a number too large to print.

    repr() of an int of more than 4,300 digits raises ValueError, and is slow well before that.

    >>> quotable(12), quotable(10**5000)
    (12, '<int of 16610 bits>')
    """
    parts = (value.numerator, value.denominator) if isinstance(value, Fraction) else (value,)
    bits = max((part.bit_length() for part in parts if isinstance(part, int)), default=0)
    return value if bits <= _MAX_QUOTED_BITS else f"<{type(value).__name__} of {bits} bits>"
