"""Kanji numerals (漢数字): the counting form 二十七 and the positional form 二〇一五."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo._numerals import KANJI_NUMERAL_CHARS, int_to_kanji, kanji_to_int

_POSITIONAL_DIGITS = "〇一二三四五六七八九"


def _positional(value: int) -> str:
    return "".join(_POSITIONAL_DIGITS[int(digit)] for digit in str(value))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("〇", 0),
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十七", 27),
        ("三十一", 31),
        ("百", 100),
        ("百八十二", 182),
        ("千", 1000),
        ("千九百八十九", 1989),
        ("二千十五", 2015),
        ("九千九百九十九", 9999),
        ("二〇一五", 2015),
        ("一九八九", 1989),
    ],
)
def test_kanji_to_int_reads_both_forms(text: str, value: int) -> None:
    assert kanji_to_int(text) == value


@pytest.mark.parametrize("text", ["", "十十", "百千", "〇一", "二〇十", "二三十", "十〇", "abc", "年", "一x"])
def test_kanji_to_int_refuses_what_is_not_a_numeral(text: str) -> None:
    assert kanji_to_int(text) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "〇"), (1, "一"), (10, "十"), (27, "二十七"), (31, "三十一"), (110, "百十"), (1000, "千"), (2015, "二千十五")],
)
def test_int_to_kanji_writes_the_counting_form(value: int, text: str) -> None:
    assert int_to_kanji(value) == text


@pytest.mark.parametrize("value", [-1, 10_000])
def test_int_to_kanji_refuses_values_out_of_range(value: int) -> None:
    with pytest.raises(ValueError, match=str(value)):
        int_to_kanji(value)


@given(st.integers(0, 9999))
def test_int_to_kanji_round_trips(value: int) -> None:
    text = int_to_kanji(value)
    assert set(text) <= set(KANJI_NUMERAL_CHARS)
    assert kanji_to_int(text) == value


@given(st.integers(0, 9999))
def test_positional_form_reads(value: int) -> None:
    assert kanji_to_int(_positional(value)) == value


def test_int_to_kanji_round_trips_for_every_value() -> None:
    failures = [value for value in range(10_000) if kanji_to_int(int_to_kanji(value)) != value]
    assert failures == []
