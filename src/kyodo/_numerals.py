"""Kanji numerals (漢数字) as written in formal Japanese dates: 二十七, 三十一, 二〇一五."""

from __future__ import annotations

from kyodo._limits import MAX_INT_DIGITS

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_DIGIT_CHARS = "〇一二三四五六七八九"

#: The characters a kanji numeral is made of, for use in regular expressions.
KANJI_NUMERAL_CHARS = "〇零一二三四五六七八九十百千"


def kanji_to_int(text: str) -> int | None:
    """The value of a kanji numeral, or ``None`` if ``text`` is not one.

    Two forms are read: the positional one (二〇一五 = 2015) and the
    counting one (二千十五 = 2015, 三十一 = 31, 十 = 10). Text longer than
    MAX_INT_DIGITS characters is not a numeral kyodo reads: the longest
    counting numeral, 九千九百九十九, has seven.

    >>> kanji_to_int("二十七"), kanji_to_int("十"), kanji_to_int("二〇一五")
    (27, 10, 2015)
    >>> kanji_to_int("十十") is None
    True
    """
    if not text or len(text) > MAX_INT_DIGITS:
        return None
    if all(char in _DIGITS for char in text):
        if len(text) > 1 and text[0] in "〇零":
            return None
        value = 0
        for char in text:
            value = value * 10 + _DIGITS[char]
        return value
    total = 0
    pending: int | None = None
    last_unit = 10_000
    for char in text:
        digit = _DIGITS.get(char)
        if digit is not None:
            if pending is not None or digit == 0:
                return None
            pending = digit
            continue
        unit = _UNITS.get(char)
        if unit is None or unit >= last_unit:
            return None
        total += (1 if pending is None else pending) * unit
        pending = None
        last_unit = unit
    return total + (pending or 0)


def int_to_kanji(value: int) -> str:
    """Write ``value`` (0 to 9999) in counting kanji numerals.

    >>> int_to_kanji(27), int_to_kanji(10), int_to_kanji(2015), int_to_kanji(0)
    ('二十七', '十', '二千十五', '〇')
    """
    if not 0 <= value <= 9999:
        raise ValueError(f"kanji numerals are written here for 0 to 9999, not {value}")
    if value == 0:
        return "〇"
    parts = []
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        count, value = divmod(value, unit)
        if count:
            parts.append(("" if count == 1 else _DIGIT_CHARS[count]) + name)
    if value:
        parts.append(_DIGIT_CHARS[value])
    return "".join(parts)
