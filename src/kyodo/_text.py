"""Display width of text in a terminal, where full-width characters (漢字, かな, ①) take two columns."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """The number of terminal columns ``text`` takes.

    >>> width("abc"), width("平成27年度"), width("①")
    (3, 10, 2)
    """
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in "WFA" and not char.isascii() else 1
    return total


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``columns`` display columns (on the left when ``right``)."""
    gap = " " * max(columns - width(text), 0)
    return gap + text if right else text + gap


def wrap(text: str, columns: int, indent: str = "", first: str | None = None) -> list[str]:
    """Lines of at most ``columns`` display columns; Japanese breaks between any characters, words at spaces.

    >>> wrap("地域づくりの拠点としてまちづくりセンターの機能を充実", 20, "  ")
    ['  地域づくりの拠点と', '  してまちづくりセン', '  ターの機能を充実']
    """
    lead = indent if first is None else first
    lines: list[str] = []
    line = lead
    for word in _pieces(text):
        if word == " " and width(line) == width(lead if not lines else indent):
            continue
        if width(line) + width(word) > columns and line.strip():
            lines.append(line.rstrip())
            line = indent
            if word == " ":
                continue
        if width(indent) + width(word) > columns:
            for char in word:
                if width(line) + width(char) > columns and line.strip():
                    lines.append(line.rstrip())
                    line = indent
                line += char
            continue
        if word in _NO_LINE_START and line == indent and lines and width(lines[-1]) > width(indent) + 1:
            # 禁則処理 (追い出し): punctuation never starts a line; the character before it moves down too.
            previous = lines.pop()
            line = indent + previous[-1]
            lines.append(previous[:-1])
        line += word
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


#: Characters that must not begin a line in Japanese text (行頭禁則).
_NO_LINE_START = frozenset("、。，．,.）)」』】〉》〕：；！？ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々")


def _pieces(text: str) -> list[str]:
    """ASCII words and spaces stay whole; every other character is a piece of its own."""
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
