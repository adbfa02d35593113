"""Completion criteria as text, as evaluation sheets word them: ``meets(参加者数)``, ``センター数 >= 99``.

The text form is a second spelling of the criteria of :mod:`kyodo.completion`
for people who write them by hand, in a plan file's ``criterion`` or in code.
:func:`parse_criterion` reads it with a hand-written scanner in one pass, in
linear time, and never evaluates the text; :func:`format_criterion` writes any
criterion back in it. The grammar is in :func:`parse_criterion`'s docstring.

>>> from kyodo import format_criterion, parse_criterion
>>> criterion = parse_criterion("milestone(（仮称）地域活性化センターの設置) かつ judgment(まちづくりに対する中間支援機能の確立)")
>>> criterion
AllOf(parts=(MilestoneReached(name='（仮称）地域活性化センターの設置', by=None), Judgment(name='まちづくりに対する中間支援機能の確立')))
>>> format_criterion(parse_criterion("達成率(参加者数, R7) ≧ 100％ or センター数 ≧ 99"))
'meets(参加者数, 令和7年度) or センター数 >= 99'
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from kyodo import _limits
from kyodo._limits import number_problem, quotable
from kyodo.completion import (
    CRITERION_TYPES,
    AllOf,
    AnyOf,
    Covers,
    Criterion,
    Judgment,
    MeetsTarget,
    MilestoneReached,
    Not,
    Ongoing,
    Reaches,
)
from kyodo.errors import KyodoError, Message, ParseError, ValidationError, message_pair
from kyodo.fiscal import FiscalYear
from kyodo.wareki import YearMonth, parse_wareki

__all__ = ["format_criterion", "parse_criterion"]

_A_CRITERION: Final = ("a completion criterion", "完了条件")
_EXPECTED: Final = (
    "a criterion such as 'meets(参加者数)', 'まちづくりセンター数 >= 99', 'covers(センター数, 99)',"
    " 'milestone(設立総会) by R5', 'judgment(名前)' or 'ongoing', combined with and, or, not and parentheses",
    "'meets(参加者数)'、'まちづくりセンター数 >= 99'、'covers(センター数, 99)'、'milestone(設立総会) by R5'、"
    "'judgment(名前)'、'ongoing' のような条件（and、or、not、括弧で組み合わせる）",
)

_AT_LEAST: Final = frozenset(">＞≥≧⩾")
_AT_MOST: Final = frozenset("<＜≤≦⩽")
_EQUALS: Final = frozenset("=＝")
_OPERATORS: Final = _AT_LEAST | _AT_MOST | _EQUALS
#: Characters a name written without quotes cannot hold.
_RESERVED: Final = frozenset('(),"') | _OPERATORS
_AND: Final = frozenset({"and", "かつ", "且つ"})
_OR: Final = frozenset({"or", "または", "又は"})
#: Words a name written without quotes cannot hold between spaces.
_KEYWORDS: Final = _AND | _OR | {"not", "by"}
_ONGOING: Final = frozenset({"ongoing", "継続", "－", "-", "−", "―", "—", "–"})
_CALLS: Final = {
    "all": "all",
    "all_of": "all",
    "any": "any",
    "any_of": "any",
    "meets": "meets",
    "meets_target": "meets",
    "達成率": "rate",
    "covers": "covers",
    "milestone": "milestone",
    "judgment": "judgment",
}
#: A function called with full-width parentheses, as an IME types them: read as a name, it would be misread.
_FULL_WIDTH_CALLS: Final = tuple(f"{name}（" for name in (*_CALLS, "not"))
_DIGITS: Final = {char: str(index % 10) for index, char in enumerate("0123456789０１２３４５６７８９")}
_SIGNS: Final = {"-": "-", "−": "-", "－": "-", "△": "-", "▲": "-", "+": "", "＋": ""}
_POINTS: Final = frozenset(".．")
_PERCENT: Final = frozenset("%％")
_GROUPING: Final = frozenset(",，")
_DAY_MARKS: Final = frozenset(".-/月日．－／")


class _Frame:
    """A level of nesting being read: the whole text, a parenthesised group, or the parts of all(…) / any(…)."""

    __slots__ = ("chain", "column", "kind", "nots", "operator", "parts")

    def __init__(self, kind: str, column: int) -> None:
        self.kind = kind
        self.column = column
        self.parts: list[Criterion] = []
        self.chain: list[Criterion] = []
        self.operator: str | None = None
        self.nots = 0

    def joined(self) -> Criterion:
        if self.operator is None:
            return self.chain[0]
        return AllOf(self.chain) if self.operator == "and" else AnyOf(self.chain)

    def closed(self) -> Criterion:
        if self.kind == "group":
            return self.joined()
        parts = [*self.parts, self.joined()]
        return AllOf(parts) if self.kind == "all" else AnyOf(parts)


class _Reader:
    """One reading of one text; ``position`` is the index of the next character to read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        #: The levels open, the whole text first, and how deep they and their nots nest.
        self.frames = [_Frame("top", 0)]
        self.depth = 0

    # --- characters and words ---

    def fail(self, index: int, reason: Message, *, general: bool = False) -> ParseError:
        """A ParseError at ``index``; a reason that does not say what would be valid there is ``general``."""
        return ParseError(self.text, _A_CRITERION, reason, column=index + 1, expected=_EXPECTED if general else None)

    def skip_spaces(self) -> None:
        text, position = self.text, self.position
        while position < len(text) and text[position].isspace():
            position += 1
        self.position = position

    def peek(self) -> str:
        return self.text[self.position] if self.position < len(self.text) else ""

    def word(self) -> str:
        """The run of characters at the position that are neither spaces nor reserved, not consumed."""
        text, end = self.text, self.position
        while end < len(text) and not text[end].isspace() and text[end] not in _RESERVED:
            end += 1
        return text[self.position : end]

    def shown(self, index: int) -> tuple[str, str]:
        """What stands at ``index``, to quote in an error in English and Japanese: its word, or its character."""
        if index >= len(self.text):
            return "the end", "終わり"
        saved, self.position = self.position, index
        word = self.word() or self.text[index]
        self.position = saved
        quoted = repr(word if len(word) <= 20 else word[:20] + "…")
        return quoted, quoted

    def bare(self) -> tuple[str, int]:
        """Words up to a reserved character or a keyword, with the spaces between them as written, and their start."""
        text, position = self.text, self.position
        start = end = -1
        while True:
            while position < len(text) and text[position].isspace():
                position += 1
            word_start = position
            while position < len(text) and not text[position].isspace() and text[position] not in _RESERVED:
                position += 1
            if position == word_start or text[word_start:position] in _KEYWORDS:
                break
            if start < 0:
                start = word_start
            end = position
        if start < 0:
            return "", self.position
        self.position = end
        return text[start:end], start

    def quoted(self) -> tuple[str, int]:
        """A name in double quotes, the position at its opening quote."""
        text, start = self.text, self.position
        pieces: list[str] = []
        position = run = start + 1
        while position < len(text):
            char = text[position]
            if char == '"':
                pieces.append(text[run:position])
                self.position = position + 1
                return "".join(pieces), start
            if char == "\\":
                escaped = text[position + 1] if position + 1 < len(text) else ""
                if escaped not in ('"', "\\"):
                    raise self.fail(
                        position,
                        (
                            f'a backslash in quotes escapes only \\" or \\\\, not {escaped!r}',
                            f'引用符の中のバックスラッシュは \\" と \\\\ にだけ使う（{escaped!r} が続いている）',
                        ),
                    )
                pieces.append(text[run:position])
                pieces.append(escaped)
                position += 2
                run = position
                continue
            position += 1
        raise self.fail(start, ("the quote opened here is not closed", "ここで開いた引用符が閉じられていない"))

    def name(self, what: tuple[str, str]) -> tuple[str, int]:
        """A name, quoted or bare, which must not be blank."""
        self.skip_spaces()
        start = self.position
        if self.peek() == '"':
            name, start = self.quoted()
            if not name.strip():
                raise self.fail(start, (f"{what[0]} is blank", f"{what[1]}が空白だけ"))
            return name, start
        name, start = self.bare()
        if not name:
            found, found_ja = self.shown(start)
            raise self.fail(start, (f"expected {what[0]}, found {found}", f"{what[1]}が必要（{found_ja} がある）"))
        return name, start

    def expect(self, char: str, after: tuple[str, str]) -> None:
        self.skip_spaces()
        if self.peek() != char:
            found, found_ja = self.shown(self.position)
            hint = ("", "")
            if after[0] == "the name" and (self.peek() in _RESERVED or self.word() in _KEYWORDS):
                hint = (
                    '; a name that holds ( ) , " = < > or the word and, or, not or by is written in double quotes',
                    '。( ) , " = < > や and、or、not、by という語を含む名前は二重引用符で囲む',
                )
            raise self.fail(
                self.position,
                (
                    f"expected {char!r} after {after[0]}, found {found}{hint[0]}",
                    f"{after[1]}の後に {char!r} が必要（{found_ja} がある）{hint[1]}",
                ),
            )
        self.position += 1

    # --- numbers, years and days ---

    def number(self, after: tuple[str, str]) -> tuple[Decimal, bool, int]:
        """A number as sheets print it, whether a % followed, and where it began."""
        self.skip_spaces()
        text, start = self.text, self.position
        position = start
        sign = _SIGNS.get(self.peek())
        if sign is not None:
            position += 1
        digits: list[str] = []
        while position < len(text):
            char = text[position]
            if char in _DIGITS:
                digits.append(_DIGITS[char])
                position += 1
            elif (
                char in _GROUPING
                and digits
                and all(index < len(text) and text[index] in _DIGITS for index in range(position + 1, position + 4))
                and not (position + 4 < len(text) and text[position + 4] in _DIGITS)
            ):
                position += 1
            else:
                break
        if not digits:
            found, found_ja = self.shown(start)
            raise self.fail(
                start,
                (
                    f"expected a number after {after[0]}, found {found}",
                    f"{after[1]}の後に数が必要（{found_ja} がある）",
                ),
            )
        if position < len(text) and text[position] in _POINTS:
            position += 1
            digits.append(".")
            fraction = position
            while position < len(text) and text[position] in _DIGITS:
                digits.append(_DIGITS[text[position]])
                position += 1
            if position == fraction:
                raise self.fail(position, ("expected digits after the decimal point", "小数点の後に数字が必要"))
        value = Decimal((sign or "") + "".join(digits))
        problem = number_problem(value)
        if problem is not None:
            raise self.fail(start, problem)
        self.position = position
        self.skip_spaces()
        percent = self.peek() in _PERCENT
        if percent:
            self.position += 1
        else:
            self.position = position
        unit = self.word()
        if unit and unit not in _KEYWORDS:
            raise self.fail(
                self.position,
                (
                    f"{unit!r} follows the number; write the number alone (the indicator's unit applies), or with %",
                    f"数の後に {unit!r} がある。数だけを書く（単位は指標のもの）か、% を付ける",
                ),
            )
        return value, percent, start

    def argument(self) -> tuple[str, int]:
        """The text of an argument that is not a name: a fiscal year or a day, up to the next , ) or keyword."""
        self.skip_spaces()
        token, start = self.bare()
        if not token:
            found, found_ja = self.shown(self.position)
            raise self.fail(
                self.position,
                (f"expected a fiscal year or a day, found {found}", f"年度か日付が必要（{found_ja} がある）"),
            )
        return token, start

    def refused_by(self, token: str, start: int, error: KyodoError, what: tuple[str, str]) -> ParseError:
        """``error`` from reading ``token`` as ``what``, pointed at the column in this text."""
        if isinstance(error, ParseError):
            reason, reason_ja = error.reason, error.reason_ja
            offset = min(max((error.column or 1) - 1, 0), len(token) - 1)
        elif isinstance(error, ValidationError):
            reason, reason_ja = error.message("en"), error.message("ja")
            offset = 0
        else:
            reason = reason_ja = str(error)
            offset = 0
        return self.fail(
            start + offset,
            (f"{token!r} is not {what[0]}: {reason}", f"{token!r} は{what[1]}として読めない: {reason_ja}"),
        )

    def fiscal_year(self) -> FiscalYear:
        token, start = self.argument()
        try:
            return FiscalYear.parse(token)
        except KyodoError as error:
            raise self.refused_by(
                token, start, error, ("a fiscal year (R7, 令和7年度, FY2025)", "年度（R7、令和7年度、FY2025）")
            ) from None

    def deadline(self) -> date | FiscalYear:
        """A day (2024-03-31, 令和6年3月31日, R6.3.31) or a fiscal year (R5, 令和5年度, FY2023)."""
        token, start = self.argument()
        if (
            len(token) == 10
            and token[4] == "-"
            and token[7] == "-"
            and all(token[index] in "0123456789" for index in (0, 1, 2, 3, 5, 6, 8, 9))
        ):
            try:
                return date.fromisoformat(token)
            except ValueError:
                raise self.fail(start, (f"{token!r} is no such day", f"{token!r} という日はない")) from None
        try:
            return FiscalYear.parse(token)
        except KyodoError as error:
            as_year = error
        try:
            return parse_wareki(token)
        except KyodoError as error:
            as_day = error
        try:
            month = YearMonth.parse(token)
        except KyodoError:
            pass
        else:
            raise self.fail(
                start,
                (
                    f"a deadline is a day or a fiscal year, not the month {month}",
                    f"期限は日付か年度で、年月 {month} は使えない",
                ),
            )
        if any(char in _DAY_MARKS for char in token):
            raise self.refused_by(
                token, start, as_day, ("a day (2024-03-31, 令和6年3月31日)", "日付（2024-03-31、令和6年3月31日）")
            )
        raise self.refused_by(
            token, start, as_year, ("a fiscal year (R5, 令和5年度, FY2023)", "年度（R5、令和5年度、FY2023）")
        )

    # --- leaves ---

    def operator(self) -> bool | None:
        """Read >= (True) or <= (False) as sheets print them, or None where no comparison stands."""
        self.skip_spaces()
        start, char = self.position, self.peek()
        following = self.text[start + 1] if start + 1 < len(self.text) else ""
        if char in ("≥", "≧", "⩾", "≤", "≦", "⩽"):
            self.position += 1
            return char in _AT_LEAST
        if char in (">", "＞", "<", "＜") and following in _EQUALS:
            self.position += 2
            return char in _AT_LEAST
        if char not in _OPERATORS:
            return None
        written = char + following if following in _OPERATORS else char
        raise self.fail(
            start,
            (
                f"{written} has no counterpart in kyodo's criteria: a level is reached at or above a value (>=)"
                " or at or below it (<=)",
                f"{written} に当たる条件はない。到達は以上（>=）か以下（<=）で書く",
            ),
        )

    def comparison(self, name: str) -> Reaches:
        at_least = self.operator()
        if at_least is None:
            found, found_ja = self.shown(self.position)
            raise self.fail(
                self.position,
                (
                    f"expected >= or <= and a number after the name {name!r}, found {found};"
                    f" a name alone is not a criterion (write judgment({name}) or milestone({name}) for one)",
                    f"名前 {name!r} の後に >= か <= と数が必要（{found_ja} がある）。名前だけでは条件にならない"
                    f"（判断なら judgment({name})、節目なら milestone({name})）",
                ),
            )
        value, _percent, _start = self.number(("the comparison", "比較"))
        self.skip_spaces()
        if self.word() != "by":
            return Reaches(name, value, at_most=not at_least)
        self.position += 2
        return Reaches(name, value, at_most=not at_least, by=self.level_deadline())

    def level_deadline(self) -> FiscalYear:
        """The fiscal year a level is to be reached by; a day, which a milestone may have, is refused as such."""
        self.skip_spaces()
        start = self.position
        if self.word() in ("", *_KEYWORDS):
            found, found_ja = self.shown(start)
            raise self.fail(
                start, (f"expected a fiscal year after by, found {found}", f"by の後に年度が必要（{found_ja} がある）")
            )
        try:
            return self.fiscal_year()
        except ParseError as error:
            refused = error
        self.position = start
        try:
            day = isinstance(self.deadline(), date)
        except ParseError:
            day = False
        if not day:
            raise refused
        raise self.fail(
            start,
            (
                "a level is judged on the actual of a fiscal year, so its deadline is a fiscal year (R7, 令和7年度), not a day",
                "到達の条件は年度の実績で判定するので、期限は日付ではなく年度（R7、令和7年度）で書く",
            ),
        )

    def call(self, kind: str) -> Criterion:
        """A leaf written as a function, the position just after its opening parenthesis."""
        if kind == "judgment":
            name, _start = self.name(("the name of a judgment", "判断の名前"))
            self.expect(")", ("the name", "名前"))
            return Judgment(name)
        if kind == "milestone":
            name, _start = self.name(("the name of a milestone", "節目の名前"))
            self.expect(")", ("the name", "名前"))
            self.skip_spaces()
            if self.word() != "by":
                return MilestoneReached(name)
            self.position += 2
            return MilestoneReached(name, self.deadline())
        name, _start = self.name(("the name of an indicator", "指標の名前"))
        if kind == "covers":
            self.expect(",", ("the name", "名前"))
            units, percent, at = self.number(("the name", "名前"))
            if percent or units != units.to_integral_value() or units < 1:
                raise self.fail(
                    at,
                    (
                        "covers counts whole units: write how many there are, 1 or more",
                        "covers は単位の数を数える。1 以上の整数を書く",
                    ),
                )
            self.expect(")", ("the number of units", "単位の数"))
            return Covers(name, int(units))
        self.skip_spaces()
        fy = None
        if self.peek() == ",":
            self.position += 1
            fy = self.fiscal_year()
        self.expect(")", ("the fiscal year" if fy else "the name", "年度" if fy else "名前"))
        if kind == "rate":
            self.skip_spaces()
            operator = self.position
            if not self.operator():
                raise self.fail(
                    operator,
                    (
                        "expected >= 100% after 達成率(…): a target is met at or above 100%",
                        "達成率(…) の後に >= 100% が必要（目標の達成は 100% 以上）",
                    ),
                )
            value, percent, at = self.number(("the comparison", "比較"))
            if not percent or value != 100:
                raise self.fail(
                    at,
                    (
                        "of achievement rates only >= 100% has a counterpart in kyodo's criteria (meeting the target);"
                        " grade other rates with a grading scheme",
                        "達成率の条件で書けるのは 100% 以上（目標の達成）だけ。ほかの率は評価基準で評価する",
                    ),
                )
        return MeetsTarget(name, fy)

    # --- the whole ---

    def read(self) -> Criterion:
        """The whole text as one criterion: operands, and what stands between them, until the end."""
        while True:
            operand = self.operand()
            if operand is None:
                continue
            frame = self.finish(operand)
            if self.position == len(self.text):
                if frame.kind != "top":
                    raise self.fail(frame.column, ("this parenthesis is not closed", "この括弧が閉じられていない"))
                return frame.joined()
            self.between(frame, operand)

    def operand(self) -> Criterion | None:
        """An operand: a comparison, a function, or ongoing; None after opening a level (not, a parenthesis, all()."""
        frame = self.frames[-1]
        self.skip_spaces()
        start, char = self.position, self.peek()
        if self.word() == "not":
            self.deeper(start)
            frame.nots += 1
            self.position += 3
            return None
        if char == "(":
            self.deeper(start)
            self.frames.append(_Frame("group", start))
            self.position += 1
            return None
        if char == '"':
            name, _at = self.quoted()
            return self.comparison(name)
        name, _at = self.bare()
        if not name:
            raise self.missing(frame, start)
        if name.startswith(_FULL_WIDTH_CALLS):
            call = name[: name.index("（")]
            raise self.fail(
                start,
                (
                    f"{call} is called with ASCII parentheses: {call}(…), not {call}（…）;"
                    f" a name that begins {call}（ is written in double quotes",
                    f"{call} の括弧は半角で {call}(…) と書く（{call}（…） ではない）。{call}（ で始まる名前は二重引用符で囲む",
                ),
            )
        self.skip_spaces()
        if self.peek() != "(":
            if name in _ONGOING and self.peek() not in _OPERATORS:
                return Ongoing()
            return self.comparison(name)
        kind = _CALLS.get(name)
        if kind is None:
            raise self.fail(
                start,
                (
                    f"{name!r} is not a function kyodo knows (all, any, meets, 達成率, covers, milestone, judgment);"
                    f' a name with ( or ) is written in quotes: "{name}(…)"',
                    f"{name!r} という関数はない（all、any、meets、達成率、covers、milestone、judgment）。"
                    f'括弧を含む名前は引用符で囲む: "{name}(…)"',
                ),
            )
        self.position += 1
        if kind not in ("all", "any"):
            return self.call(kind)
        self.skip_spaces()
        if self.peek() == ")":
            self.position += 1
            return AllOf(()) if kind == "all" else AnyOf(())
        self.deeper(start)
        self.frames.append(_Frame(kind, start))
        return None

    def finish(self, operand: Criterion) -> _Frame:
        """Put ``operand`` in its level, with the nots before it, and close every level a ) ends after it."""
        frame = self.frames[-1]
        while True:
            self.depth -= frame.nots
            for _level in range(frame.nots):
                operand = Not(operand)
            frame.nots = 0
            frame.chain.append(operand)
            self.skip_spaces()
            if self.peek() != ")":
                return frame
            if frame.kind == "top":
                raise self.fail(self.position, ("this ) closes no parenthesis", "この ) に対応する ( がない"))
            self.position += 1
            operand = frame.closed()
            self.frames.pop()
            self.depth -= 1
            frame = self.frames[-1]

    def between(self, frame: _Frame, operand: Criterion) -> None:
        """What stands after ``operand`` and before the next: a comma in all(…) or any(…), and, or."""
        at = self.position
        if self.peek() == ",":
            if frame.kind not in ("all", "any"):
                raise self.fail(
                    at,
                    (
                        "a comma separates the parts of all(…) or any(…); join criteria with and or or",
                        "コンマは all(…) や any(…) の中の区切り。条件は and か or でつなぐ",
                    ),
                )
            frame.parts.append(frame.joined())
            frame.chain, frame.operator = [], None
            self.position += 1
            return
        word = self.word()
        operator = "and" if word in _AND else "or" if word in _OR else None
        if operator is None:
            raise self.unexpected(operand, at, word)
        if frame.operator not in (None, operator):
            raise self.fail(
                at,
                (
                    "'and' and 'or' are mixed without parentheses; write (a and b) or c, or a and (b or c), as meant",
                    "and と or が括弧なしに混ざっている。意味に合わせて (a and b) or c か a and (b or c) と書く",
                ),
            )
        frame.operator = operator
        self.position += len(word)

    def deeper(self, at: int) -> None:
        """One level deeper, at ``at``, or a ParseError there past the limit."""
        most = _limits.MAX_CRITERION_DEPTH
        if self.depth >= most:
            raise self.fail(
                at,
                (
                    f"it is nested too deeply: kyodo reads criteria nested at most {most} levels deep",
                    f"入れ子が深すぎる。読める入れ子は{most}段まで",
                ),
            )
        self.depth += 1

    def missing(self, frame: _Frame, at: int) -> ParseError:
        """The error for an operand that is not there."""
        if not self.text.strip():
            return ParseError(self.text, _A_CRITERION, ("the text is empty", "空である"), expected=_EXPECTED)
        found, found_ja = self.shown(at)
        after: tuple[str, str]
        if frame.nots:
            after = ("not", "not")
        elif frame.chain and frame.operator:
            after = (frame.operator, frame.operator)
        elif frame.parts:
            after = ("a comma", "コンマ")
        elif frame.kind != "top":
            opening = "(" if frame.kind == "group" else f"{frame.kind}("
            after = (opening, opening)
        elif self.peek() == ")":
            return self.fail(at, ("this ) closes no parenthesis", "この ) に対応する ( がない"))
        else:
            return self.fail(at, (f"expected a criterion, found {found}", f"条件が必要（{found_ja} がある）"))
        return self.fail(
            at,
            (
                f"expected a criterion after {after[0]}, found {found}",
                f"{after[1]} の後に条件が必要（{found_ja} がある）",
            ),
        )

    def unexpected(self, operand: Criterion, at: int, word: str) -> ParseError:
        """The error for what follows a whole criterion and cannot: by, a unit, another name."""
        if word == "by":
            if isinstance(operand, MeetsTarget):
                reason = (
                    f"the year of a target is written inside: meets({operand.indicator}, R7)",
                    f"目標の年度は括弧の中に書く: meets({operand.indicator}, R7)",
                )
            elif isinstance(operand, MilestoneReached | Reaches) and operand.by is not None:
                reason = ("a criterion has one deadline", "条件の期限は一つだけ")
            else:
                reason = (
                    "by gives a deadline to milestone(…) and to a level (名前 >= 99 by R7) only",
                    "by で期限を付けられるのは milestone(…) と到達の条件（名前 >= 99 by R7）だけ",
                )
            return self.fail(at, reason)
        found, found_ja = self.shown(at)
        hint = next((keyword for keyword in sorted(_KEYWORDS) if word.startswith(keyword) and word != keyword), None)
        if hint is not None:
            return self.fail(
                at,
                (
                    f"expected and, or, a comma, ) or the end, found {found}; put a space after {hint}",
                    f"and、or、コンマ、)、または終わりが必要（{found_ja} がある）。{hint} の後に空白を入れる",
                ),
            )
        return self.fail(
            at,
            (
                f"expected and, or, a comma, ) or the end after a whole criterion, found {found}",
                f"条件の後には and、or、コンマ、)、または終わりが必要（{found_ja} がある）",
            ),
            general=True,
        )


def parse_criterion(text: str) -> Criterion:
    """Read a completion criterion written as text.

    A leaf for each kind of criterion:

    * ``まちづくりセンター数 >= 99`` is ``Reaches("まちづくりセンター数", 99)``;
      ``待機児童数 <= 10`` is the same with ``at_most=True``;
      ``まちづくりセンター数 >= 99 by R7`` gives the fiscal year it is to be reached by;
    * ``covers(まちづくりセンター数, 99)`` is ``Covers("まちづくりセンター数", 99)``;
    * ``meets(参加者数)`` or ``達成率(参加者数) >= 100%`` is ``MeetsTarget("参加者数")``;
      ``meets(参加者数, R7)`` or ``達成率(参加者数, R7) >= 100%`` names the year;
    * ``milestone(設立総会)`` is ``MilestoneReached("設立総会")``;
      ``milestone(設立総会) by R5`` and ``milestone(設立総会) by 2024-03-31`` give
      its deadline, a fiscal year or a day;
    * ``judgment(計画の策定)`` is ``Judgment("計画の策定")``;
    * ``ongoing``, ``－`` (as sheets print it) or ``継続`` is ``Ongoing()``.

    Leaves combine with ``and`` (``かつ``, ``且つ``), ``or`` (``または``,
    ``又は``), ``not`` and parentheses; ``all(a, b, …)`` and ``any(a, b, …)``
    say the same as functions, and also say a combination of one part or none
    (``all()``). ``not`` binds closest. ``and`` and ``or`` are not mixed
    without parentheses, since a reader could take ``a and b or c`` either
    way. A chain ``a and b and c`` is one :class:`~kyodo.AllOf` of three
    parts; ``(a and b) and c`` keeps the inner one as a part.

    Names are written as they are, Japanese spaces and punctuation included
    (``（仮称）地域活性化センターの設置``, ``「やまぐち式地域自治区」の方向性の結論``),
    unless they hold one of ``( ) , " = < > ＜ ＞ ＝ ≤ ≥ ≦ ≧ ⩽ ⩾``, begin or end
    with a space, hold one of the words ``and or not by かつ 且つ または 又は``
    between spaces, or begin as a function called with full-width parentheses
    would (``達成率（``, which is refused rather than read as a name): such a
    name is written in double quotes, with a backslash
    before a quote or a backslash inside (``"参加率(%)"``, ``"a \\"b\\""``).
    Fiscal years are read by :meth:`kyodo.FiscalYear.parse` (R7, 令和7年度,
    FY2025), days as 2024-03-31 or an era date (令和6年3月31日, R6.3.31). The
    full-width operators and digits sheets print read too (``≧ ９９``,
    ``＞＝``); a number may group its thousands with commas (``837,244``), and
    may end in ``%``, the unit of an indicator counted in percent.

    What kyodo's criteria have no counterpart for is refused with the reason:
    ``>``, ``<`` and ``=`` (a level is reached at or above a value, or at or
    below it), an achievement rate other than 100%, ``by`` after anything
    but a milestone or a level (``meets(名前, R7)`` asks for the target of a
    year), and a level's deadline that is a day rather than a fiscal year.

    The text may be at most MAX_CRITERION_CHARS (10,000) characters long and
    nested at most MAX_CRITERION_DEPTH (50) levels deep. Anything it cannot
    read is a :class:`~kyodo.ParseError` with the column where reading failed.

    >>> parse_criterion("まちづくりセンター数 >= 99")
    Reaches(indicator='まちづくりセンター数', value=Decimal('99'), at_most=False, by=None)
    >>> parse_criterion("milestone(「やまぐち式地域自治区」の方向性の結論) by R5")
    MilestoneReached(name='「やまぐち式地域自治区」の方向性の結論', by=FiscalYear(2023))
    >>> parse_criterion("not(covers(センター数, 99)) or －")
    AnyOf(parts=(Not(part=Covers(indicator='センター数', units=99)), Ongoing()))
    >>> parse_criterion("まちづくりセンター数 >= 99 by R7")
    Reaches(indicator='まちづくりセンター数', value=Decimal('99'), at_most=False, by=FiscalYear(2025))
    >>> parse_criterion("meets(参加者数) by R7")
    Traceback (most recent call last):
    kyodo.errors.ParseError: cannot read 'meets(参加者数) by R7' as a completion criterion: the year of a target is written inside: meets(参加者数, R7) (column 13)
    """
    if not isinstance(text, str):
        kind = type(text).__name__
        raise ParseError(
            quotable(text),
            _A_CRITERION,
            (f"expected a str, got {kind}", f"文字列ではなく {kind} が渡された"),
            expected=_EXPECTED,
        )
    most = _limits.MAX_CRITERION_CHARS
    if len(text) > most:
        raise ParseError(
            text,
            _A_CRITERION,
            (
                f"it is too long: {len(text):,} characters, and kyodo reads criteria of at most {most:,}",
                f"長すぎる（{len(text):,}文字）。読める条件は{most:,}文字まで",
            ),
            expected=_EXPECTED,
        )
    return _Reader(text).read()


# --- writing -----------------------------------------------------------------------------------------------


def _refuse(what: tuple[str, str]) -> ValidationError:
    return ValidationError(("", what))


def _name(name: str) -> str:
    """A name as the text writes it: bare where it reads back the same, else in double quotes."""
    plain = (
        name == name.strip()
        and not any(char in _RESERVED for char in name)
        and not any(word in _KEYWORDS for word in name.split())
        and not name.startswith(_FULL_WIDTH_CALLS)
    )
    if plain:
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(value: Decimal | int) -> str:
    problem = number_problem(value)
    if problem is not None:
        raise _refuse(message_pair(problem))
    return str(value) if isinstance(value, int) else format(value, "f")


def _year(fy: FiscalYear) -> str:
    if fy.start_month != 4:
        raise _refuse(
            (
                f"{fy!r} starts in month {fy.start_month}; the text form writes April fiscal years (年度) only",
                f"{fy!r} は{fy.start_month}月始まり。文字列の形で書けるのは4月始まりの年度だけ",
            )
        )
    return str(fy)


def _tree_depth(criterion: object, most: int) -> int:
    """How deeply ``criterion`` nests as a tree, up to ``most`` + 1, found without recursion.

    Refuses what is not a criterion.
    """
    deepest = 0
    stack = [(criterion, 1)]
    while stack:
        item, level = stack.pop()
        if not isinstance(item, CRITERION_TYPES):
            kind = type(item).__name__
            raise _refuse(
                (f"expected a criterion, not {kind} {item!r}", f"完了条件が必要（{kind} {item!r} が渡された）")
            )
        deepest = max(deepest, level)
        if deepest > most:
            break
        if isinstance(item, AllOf | AnyOf):
            stack.extend((part, level + 1) for part in item.parts)
        elif isinstance(item, Not):
            stack.append((item.part, level + 1))
    return deepest


def _chain(criterion: Criterion) -> bool:
    """Whether ``criterion`` is written as a chain of and or or, which needs parentheses to be a part."""
    return isinstance(criterion, AllOf | AnyOf) and len(criterion.parts) >= 2


def _write(criterion: Criterion) -> tuple[str, int]:
    """The text of ``criterion``, and how deeply a reader nests reading it (open parentheses and nots)."""
    if isinstance(criterion, AllOf | AnyOf):
        kind = "all" if isinstance(criterion, AllOf) else "any"
        parts = [(_write(part), _chain(part)) for part in criterion.parts]
        if len(parts) < 2:
            inner = [text for (text, _depth), _wrapped in parts]
            return f"{kind}({''.join(inner)})", max((depth + 1 for (_text, depth), _wrapped in parts), default=0)
        joiner = " and " if kind == "all" else " or "
        text = joiner.join(f"({text})" if wrapped else text for (text, _depth), wrapped in parts)
        return text, max(depth + wrapped for (_text, depth), wrapped in parts)
    if isinstance(criterion, Not):
        text, depth = _write(criterion.part)
        return (f"not({text})", depth + 2) if _chain(criterion.part) else (f"not {text}", depth + 1)
    if isinstance(criterion, Ongoing):
        return "ongoing", 0
    if isinstance(criterion, Reaches):
        operator = "<=" if criterion.at_most else ">="
        deadline = "" if criterion.by is None else f" by {_year(criterion.by)}"
        return f"{_name(criterion.indicator)} {operator} {_number(criterion.value)}{deadline}", 0
    if isinstance(criterion, Covers):
        return f"covers({_name(criterion.indicator)}, {_number(criterion.units)})", 0
    if isinstance(criterion, MeetsTarget):
        year = "" if criterion.fy is None else f", {_year(criterion.fy)}"
        return f"meets({_name(criterion.indicator)}{year})", 0
    if isinstance(criterion, MilestoneReached):
        by = criterion.by
        deadline = "" if by is None else f" by {_year(by) if isinstance(by, FiscalYear) else by.isoformat()}"
        return f"milestone({_name(criterion.name)}){deadline}", 0
    return f"judgment({_name(criterion.name)})", 0


def format_criterion(criterion: Criterion) -> str:
    """Write ``criterion`` as text that :func:`parse_criterion` reads back equal.

    The text is canonical: ``>=`` and ``<=``, ``meets(…)`` for a target,
    ``and`` and ``or`` between two or more parts (parenthesised where a part
    is itself such a chain), ``all(…)`` and ``any(…)`` for none or one,
    ``not`` (``not(…)`` before a chain), ``ongoing``; fiscal years as 令和7年度, days as 2024-03-31;
    names bare where they read back the same, else in double quotes.

    Raises :class:`~kyodo.ValidationError` for what the text cannot hold: a
    fiscal year that does not start in April, a number outside kyodo's
    limits, or a criterion nested or written longer than they allow.

    >>> from kyodo import AllOf, Judgment, MilestoneReached, Reaches
    >>> format_criterion(AllOf([MilestoneReached("設立総会"), Reaches("参加率(%)", 80)]))
    'milestone(設立総会) and "参加率(%)" >= 80'
    """
    most = _limits.MAX_CRITERION_DEPTH
    # Every two levels of the tree open at least one level of the text, so a tree deeper than
    # this is refused before it is written, and writing recurses no deeper than the limit allows.
    too_deep = _tree_depth(criterion, 2 * most + 2) > 2 * most + 2
    text, depth = ("", most + 1) if too_deep else _write(criterion)
    if depth > most:
        raise _refuse(
            (
                f"it is nested more than {most} levels deep, which the text form does not read",
                f"入れ子が{most}段より深く、文字列の形では読めない",
            )
        )
    if len(text) > _limits.MAX_CRITERION_CHARS:
        raise _refuse(
            (
                f"its text would be {len(text):,} characters, more than the {_limits.MAX_CRITERION_CHARS:,} kyodo reads",
                f"文字列にすると{len(text):,}文字で、読める{_limits.MAX_CRITERION_CHARS:,}文字を超える",
            )
        )
    return text
