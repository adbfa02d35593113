"""Display width and wrapping for the text report: the fast forms give what the plain ones gave."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kyodo._text import _NO_LINE_START, width, wrap


def plain_width(text: str) -> int:
    """The width as kyodo first measured it, one character at a time."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in "WFA" and not char.isascii() else 1
    return total


def plain_pieces(text: str) -> list[str]:
    pieces: list[str] = []
    word = ""
    for char in " ".join(text.split()):
        if char == " ":
            if word:
                pieces.append(word)
                word = ""
            pieces.append(" ")
        elif char.isascii():
            word += char
        else:
            if word:
                pieces.append(word)
                word = ""
            pieces.append(char)
    if word:
        pieces.append(word)
    return pieces


def plain_wrap(text: str, columns: int, indent: str = "", first: str | None = None) -> list[str]:
    """``wrap`` as it was before it kept the line's width: it measured the whole line for every piece."""
    lead = indent if first is None else first
    lines: list[str] = []
    line = lead
    for word in plain_pieces(text):
        if word == " " and plain_width(line) == plain_width(lead if not lines else indent):
            continue
        if plain_width(line) + plain_width(word) > columns and line.strip():
            lines.append(line.rstrip())
            line = indent
            if word == " ":
                continue
        if plain_width(indent) + plain_width(word) > columns:
            for char in word:
                if plain_width(line) + plain_width(char) > columns and line.strip():
                    lines.append(line.rstrip())
                    line = indent
                line += char
            continue
        if word in _NO_LINE_START and line == indent and lines and plain_width(lines[-1]) > plain_width(indent) + 1:
            previous = lines.pop()
            line = indent + previous[-1]
            lines.append(previous[:-1])
        line += word
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


# What plan text holds: ASCII words, kana and kanji, the punctuation that may not start a line, full-width
# and ambiguous-width marks, combining marks, white space of every kind and control characters.
_ALPHABET = st.sampled_from(
    [
        *"abcXYZ019-./()%",
        *"地域づくりの拠点センター",
        *sorted(_NO_LINE_START),
        *"①Ⅱ○●→～　Ａ１",
        "\u0301",
        "\u3099",
        *" \t\n\r\x0b\x0c\x1c\x85\u2028",
        "\x00",
        "\x1b",
        "\x7f",
        "\u202e",
        "\U0001f600",
    ]
)
TEXTS = st.text(_ALPHABET, max_size=120) | st.text(max_size=60)
INDENTS = st.sampled_from(["", " ", "  ", "    ", "      "]) | st.text(_ALPHABET, max_size=4)


@given(TEXTS)
def test_width_is_the_sum_of_the_characters_widths(text: str) -> None:
    assert width(text) == plain_width(text)


@given(TEXTS, st.integers(min_value=0, max_value=40), INDENTS, st.none() | INDENTS)
def test_wrap_gives_what_measuring_the_whole_line_gave(text: str, columns: int, indent: str, first: str | None) -> None:
    assert wrap(text, columns, indent, first) == plain_wrap(text, columns, indent, first)


def test_wrap_keeps_a_long_ascii_word_whole_where_it_fits() -> None:
    assert wrap("see https://example.jp/plan now", 25, "  ") == ["  see", "  https://example.jp/plan", "  now"]
