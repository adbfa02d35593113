"""Text for a terminal: display width, where full-width characters (漢字, かな, ①) take two columns, and safety.

Plan text is whatever a file held. Written to a terminal as it is, an escape
sequence (``\\x1b]0;…\\x07``, ``\\x1b[2J``) would retitle or clear it, and a
bidi override (U+202E) would make a line read differently from what it
holds. :func:`visible` shows each such character as its Python escape
(``\\x1b``, ``\\x9b``, ``\\u202e``) instead, so the reader sees that it is
there and what it is; :func:`one_line` also turns line breaks into spaces,
for text that must stay on its line of a layout.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

#: Bidirectional formatting characters: they reorder what a terminal or a browser shows.
BIDI_CONTROLS: Final = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _controls() -> dict[int, str]:
    # C0, DEL and C1: every character of general category Cc.
    chars = [chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))]
    return {ord(char): _escape(char) for char in (*chars, *BIDI_CONTROLS)}


_VISIBLE: Final = {**_controls(), ord("\n"): "\n", ord("\t"): "\t"}
_ONE_LINE: Final = {
    **_controls(),
    **{ord(char): " " for char in "\t\n\r\v\f\x85\u2028\u2029"},
}


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab shown as its escape.

    >>> print(visible("新潟\\x1b]0;owned\\x07 \\u202eabc"))
    新潟\\x1b]0;owned\\x07 \\u202eabc
    """
    return text.translate(_VISIBLE)


def one_line(text: str) -> str:
    """``text`` on one line: line breaks and tabs become spaces, other control characters their escapes.

    >>> one_line("行政\\n改革\\x9b2J")
    '行政 改革\\\\x9b2J'
    """
    return text.translate(_ONE_LINE)


def width(text: str) -> int:
    """The number of terminal columns ``text`` takes.

    >>> width("abc"), width("平成27年度"), width("①")
    (3, 10, 2)
    """
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


@functools.lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    """0 for a combining character, 2 for a wide (W, F) or ambiguous (A) one beyond ASCII, else 1."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WFA" and not char.isascii() else 1


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``columns`` display columns (on the left when ``right``)."""
    gap = " " * max(columns - width(text), 0)
    return gap + text if right else text + gap


def wrap(text: str, columns: int, indent: str = "", first: str | None = None) -> list[str]:
    """Lines of at most ``columns`` display columns; Japanese breaks between any characters, words at spaces.

    >>> wrap("地域づくりの拠点としてまちづくりセンターの機能を充実", 20, "  ")
    ['  地域づくりの拠点と', '  してまちづくりセン', '  ターの機能を充実']
    """
    # The width of the line so far is kept beside it: measuring the line again for every piece made a
    # long report quadratic in the length of its lines.
    lead = indent if first is None else first
    lead_width, indent_width = width(lead), width(indent)
    words = " ".join(text.split())
    if lead_width + width(words) <= columns:
        return [(lead + words).rstrip()]  # it fits on the first line: most of a report's texts do
    lines: list[str] = []
    line, line_width = lead, lead_width
    for word in _PIECE.findall(words):
        word_width = width(word)
        if word == " " and line_width == (indent_width if lines else lead_width):
            continue
        if line_width + word_width > columns and line.strip():
            lines.append(line.rstrip())
            line, line_width = indent, indent_width
            if word == " ":
                continue
        if indent_width + word_width > columns:
            for char in word:
                char_width = _char_width(char)
                if line_width + char_width > columns and line.strip():
                    lines.append(line.rstrip())
                    line, line_width = indent, indent_width
                line += char
                line_width += char_width
            continue
        if word in _NO_LINE_START and line == indent and lines and width(lines[-1]) > indent_width + 1:
            # 禁則処理 (追い出し): punctuation never starts a line; the character before it moves down too.
            previous = lines.pop()
            line = indent + previous[-1]
            line_width = indent_width + _char_width(previous[-1])
            lines.append(previous[:-1])
        line += word
        line_width += word_width
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


#: Characters that must not begin a line in Japanese text (行頭禁則).
_NO_LINE_START = frozenset("、。，．,.）)」』】〉》〕：；！？ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々")


#: The pieces a line breaks between, once white space is folded to single spaces: a space, a run of
#: other ASCII (a word, kept whole), or any one other character.
_PIECE: Final = re.compile(r" |[\x00-\x1f\x21-\x7f]+|[^\x00-\x7f]")
