"""Error messages in English and Japanese: every parser's errors read in both, and survive pickling."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kyodo
from kyodo import FiscalYear, FiscalYearRange, ParseError, ValidationError, parse_rate, parse_wareki, parse_yen
from kyodo.grading import Band

PARSERS = [parse_wareki, FiscalYear.parse, FiscalYearRange.parse, parse_rate, parse_yen, Band.parse]


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff" for char in text)


@pytest.mark.parametrize(
    ("parse", "text", "japanese"),
    [
        (parse_wareki, "平成27年13月1日", "13月は1～12月にない"),
        (parse_wareki, "令和元年4月30日", "令和は2019-05-01に始まり"),
        (FiscalYear.parse, "27年度", "元号がない"),
        (FiscalYearRange.parse, "H30-H26", "始まり（平成30年度）より前"),
        (parse_rate, "ninety", "kyodo が読める率ではない"),
        (Band.parse, "110以上", "% がない"),
    ],
)
def test_parse_errors_read_in_japanese(parse: object, text: str, japanese: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(text)  # type: ignore[operator]
    assert japanese in caught.value.message("ja")
    assert str(caught.value) == caught.value.message("en")
    assert caught.value.message("ja").startswith(f"{text!r} を")


@given(st.sampled_from(PARSERS), st.text(max_size=20))
def test_every_parse_error_has_a_japanese_reason(parse: object, text: str) -> None:
    failure: ParseError | None = None
    try:
        parse(text)  # type: ignore[operator]
    except ParseError as error:
        failure = error
    if failure is None:
        return
    assert _has_japanese(failure.what_ja)
    assert _has_japanese(failure.reason_ja)
    again = pickle.loads(pickle.dumps(failure))
    assert again.message("ja") == failure.message("ja")
    assert str(again) == str(failure)


def test_file_problems_read_in_japanese() -> None:
    text = """
schema = "kyodo.plan/1"
title = "t"
municipality = "m"
period = "H26-H30"
titel = "x"
[[sections]]
number = "1"
title = "m"
kind = "新しい"
schedule = { H26 = "実 施" }
"""
    with pytest.raises(ValidationError) as caught:
        kyodo.loads(text, "toml")
    japanese = caught.value.message("ja")
    assert "'実 施' という段階はない" in japanese
    assert "'新しい' は使えない" in japanese
    assert "知らないキー ['titel']" in japanese
    assert len(caught.value.problems_ja) == len(caught.value.problems) == 3
    assert pickle.loads(pickle.dumps(caught.value)).message("ja") == japanese


def test_a_long_input_is_quoted_by_its_start_and_its_length() -> None:
    from kyodo import FiscalYear

    text = "平成" * 50_000
    with pytest.raises(ParseError) as caught:
        FiscalYear.parse(text)
    message = str(caught.value)
    assert len(message) < 500
    assert "… (100,000 characters)" in message
    assert caught.value.text is text, "the error keeps the whole input for programs"
    assert "（100,000 characters）" not in caught.value.message("ja")
    assert caught.value.message("ja").startswith("'平成平成")
