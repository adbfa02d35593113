"""What the cells of Japanese evaluation sheets say, read from their text: figures, headers, departments.

A figure cell is read after NFKC (full-width digits and signs become ASCII)
and with its thousands separators dropped: ``４２``, ``7,068``, ``58.8``.
Around the number a sheet may print:

- ``見込み`` or ``見込`` (in brackets or not): an estimate, ``37(見込み)``;
- ``速報値`` or ``速報``: a preliminary figure;
- a ``※`` and what follows: a note (``43※集計中``), kept beside the value;
- the indicator's unit (``43箇所``, ``58.8%``, ``5万人``), and ``千円`` or ``万円``
  where money is in thousands or tens of thousands of yen (``9,973千円`` is
  9,973,000 yen);
- the fiscal year the figure is for, in brackets after it: ``5万人(平成29年度)``,
  as a table of 策定時 values prints each one's year;
- nothing at all, or a dash (``－``, ``-``, ``―``, ``ー``, ``一``, or a run of them): no figure.

Anything else is not a figure, and the caller reports it with the cell.

>>> read_figure("３７（見込み）")
Figure(value=Decimal('37'), estimate=True, preliminary=False, note=None, unit=None, fy=None)
>>> read_figure("7,068※LED灯").note, read_figure("－")
('※LED灯', None)
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Final

from attrs import frozen

from kyodo._limits import number_problem
from kyodo.errors import Coded
from kyodo.fiscal import FiscalYear
from kyodo.plan import SAME_AS_BEFORE, UNDECIDED, Stage
from kyodo.wareki import Era

__all__ = [
    "ONGOING_MARK",
    "Figure",
    "HeaderYear",
    "is_blank",
    "is_dash",
    "normal",
    "read_departments",
    "read_figure",
    "read_header",
    "read_schedule_cell",
    "year_of",
]

#: The dashes sheets print for "nothing here" (after NFKC, which makes the full-width － a -, ｰ a ー):
#: hyphens and minus signs, the dashes ‒ – — ―, the long-vowel mark ー, box-drawing lines, and the
#: kanji 一, which Japanese input methods give for a dash as often as the dash itself.
DASHES: Final = frozenset("-‐‑‒–—―−ー一─━")
#: The dash a plan keeps as a measure's 完了の目安 where the sheet prints that the measure goes on.
ONGOING_MARK: Final = "－"
#: The words a sheet prints in a cell that has no figure, besides a dash.
_NO_FIGURE: Final = frozenset({"", "…", "/", "なし", "該当なし"})


def is_dash(text: str) -> bool:
    """Whether ``text`` is a dash as sheets print one (－, ―, -, ‐, —, ー, 一), or a run of them (――).

    >>> [is_dash(text) for text in ("－", "―― ", "一", "ー", "一部", "-1", "")]
    [True, True, True, True, False, False, False]
    """
    plain = normal(text)
    return bool(plain) and all(char in DASHES for char in plain)


def is_blank(text: str) -> bool:
    """Whether a cell prints no figure: nothing, a dash (:func:`is_dash`), …, / or なし."""
    return normal(text) in _NO_FIGURE or is_dash(text)


_ESTIMATE: Final = ("(見込み)", "(見込)", "見込み", "見込")
_PRELIMINARY: Final = ("(速報値)", "(速報)", "速報値", "速報")
#: A figure and what follows it: a unit the sheet prints (人, 万人, %, 箇所), and a year in brackets.
_FIGURE: Final = re.compile(r"([+-]?+[0-9]++(?:\.[0-9]++)?+)([^0-9()][^()]{0,19}+)?+(?:\(([^()]{1,20}+)\))?+")
_NOT_A_NUMBER: Final = Coded("is not a number", "数ではない", "not_a_number")
#: Words after a number that make it a bound or an approximation, not a unit: "45%以上" is not a figure.
_NOT_A_UNIT: Final = (
    "以上",
    "以下",
    "未満",
    "超",
    "以内",
    "程度",
    "前後",
    "~",
    "～",
    "〜",
    "=",
    "<",
    ">",
    "≦",
    "≧",
    "※",
)
#: Money printed in larger units, as yen.
_YEN: Final = (("千円", 1000), ("万円", 10_000), ("円", 1))


def normal(text: str) -> str:
    """``text`` after NFKC, with its white space dropped: how labels and figures are compared."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@frozen
class Figure:
    """A number a cell prints, with what the sheet says beside it.

    ``unit`` is the unit the cell prints after the number where the reader
    was asked to find it (``learn_unit``), and ``fy`` the fiscal year it
    prints in brackets after the figure.
    """

    value: Decimal
    estimate: bool = False
    preliminary: bool = False
    note: str | None = None
    unit: str | None = None
    fy: FiscalYear | None = None


def read_figure(
    text: str, unit: str | None = None, thousands: bool = False, *, learn_unit: bool = False, era: Era | None = None
) -> Figure | None:
    """The figure ``text`` prints, None where it prints none; a :class:`Coded` problem is raised as ValueError.

    ``unit`` is dropped from the end; ``thousands`` multiplies by 1,000 (a
    column of 千円 read as yen), as does a ``千円`` printed in the cell (and
    a ``万円`` by 10,000). With ``learn_unit``, for an indicator whose unit
    no column gives, any unit printed after the number is taken and kept in
    the figure's ``unit``; words that make the number a bound (以上, 未満)
    are not a unit. A fiscal year in brackets after the figure (``(平成29年度)``,
    ``(H29)``, and ``(29年度)`` with the plan's ``era``) is kept in its ``fy``.

    >>> read_figure("58.8%", "%"), read_figure("9,973千円").value
    (Figure(value=Decimal('58.8'), estimate=False, preliminary=False, note=None, unit=None, fy=None), Decimal('9973000'))
    >>> read_figure("5万人　(平成29年度)", learn_unit=True)
    Figure(value=Decimal('5'), estimate=False, preliminary=False, note=None, unit='万人', fy=FiscalYear(2017))
    >>> read_figure("４５％以上", learn_unit=True)
    Traceback (most recent call last):
    ValueError: ('is not a number', '数ではない')
    >>> read_figure("54人", "校")
    Traceback (most recent call last):
    ValueError: ("prints the unit '人', not the indicator's '校'", "単位が指標の '校' ではなく '人'")
    """
    plain = normal(text)
    note = None
    if "※" in plain:
        plain, _mark, rest = plain.partition("※")
        note = "※" + rest
    if is_blank(plain):
        return None
    estimate = preliminary = False
    for word in _ESTIMATE:
        if word in plain:
            plain, estimate = plain.replace(word, "", 1), True
            break
    for word in _PRELIMINARY:
        if word in plain:
            plain, preliminary = plain.replace(word, "", 1), True
            break
    found = _FIGURE.fullmatch(plain.replace(",", ""))
    if found is None:
        raise ValueError(_NOT_A_NUMBER)
    number, printed, label = found.groups()
    printed = printed or ""
    fy = None
    if label is not None:
        fy = year_of(label, era)
        if fy is None:
            raise ValueError(_NOT_A_NUMBER)
    scale = 1000 if thousands else 1
    for word, times in _YEN:
        if printed.endswith(word):
            printed, scale = printed.removesuffix(word), times
            break
    found_unit = None
    if printed and (not unit or printed != normal(unit)):
        if not _is_unit(printed):
            raise ValueError(_NOT_A_NUMBER)
        if unit:
            raise ValueError(
                Coded(
                    f"prints the unit {printed!r}, not the indicator's {normal(unit)!r}",
                    f"単位が指標の {normal(unit)!r} ではなく {printed!r}",
                    "not_a_number",
                )
            )
        if not learn_unit:
            raise ValueError(_NOT_A_NUMBER)
        found_unit = printed
    value = Decimal(number) * scale
    problem = number_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return Figure(value, estimate, preliminary, note, found_unit, fy)


def _is_unit(text: str) -> bool:
    """Whether ``text``, printed after a number, is a unit: it starts with a letter or a sign such as %
    (人, 万人, %, m2 from ㎡, °C), and holds no word that makes the number a bound (以上, 未満) or a range."""
    first = text[0]
    return (unicodedata.category(first).startswith("L") or first in "%‰°") and not any(
        word in text for word in _NOT_A_UNIT
    )


def year_of(label: str, era: Era | None = None) -> FiscalYear | None:
    """The fiscal year a label names on its own (平成29年度, H29, 2017年度, FY2017; 29年度 with ``era``), or None.

    >>> year_of("平成29年度"), year_of("29年度"), year_of("29年度", Era.named("平成")), year_of("見込み")
    (FiscalYear(2017), None, FiscalYear(2017), None)
    """
    if _YEAR.fullmatch(label) is None or (label[0].isdigit() and not label[:4].isdigit() and era is None):
        return None
    try:
        return FiscalYear.parse(label if label.endswith("年度") or label.startswith("FY") else label + "年度", era)
    except ValueError:
        return None


# --- headers ------------------------------------------------------------------------------------------------

#: Words that say what a year's column holds, in the order they are tried: 達成率 before 目標 (目標達成率).
KINDS: Final = (
    ("rate", ("達成率", "達成度")),
    ("baseline", ("現状", "基準", "策定時", "現況")),
    ("settled", ("決算",)),
    ("budget", ("予算",)),
    ("grade", ("評価",)),
    ("target", ("目標", "計画")),
    ("actual", ("実績",)),
)

_YEAR: Final = re.compile(
    r"(?:明治|大正|昭和|平成|令和|[MTSHRmtshr])(?:元|[0-9]{1,2}+)(?:年度)?+"
    r"|FY[0-9]{4}+|[0-9]{4}+年度|(?:元|[0-9]{1,2}+)年度"
)


@frozen
class HeaderYear:
    """What a column's header says: the fiscal year, the kind of figure, and a target's role."""

    fy: FiscalYear
    kind: str
    role: str | None = None
    onward: bool = False


def read_header(text: str, era: Era | None = None) -> HeaderYear | None:
    """The fiscal year and kind a header names (平成27年度 計画, H27目標値, R2実績, 2020年度達成率), or None.

    A header with a year and no kind word is a target's; 以降 marks a year
    onward, and 最終 or 将来 a final target, 中間 or 中期 a mid-term one.

    >>> read_header("平成27年度 実績"), read_header("R2 達成率").kind, read_header("現状 (平成26年度)").kind
    (HeaderYear(fy=FiscalYear(2015), kind='actual', role=None, onward=False), 'rate', 'baseline')
    >>> read_header("最終目標/ 31年度以降", era=Era.named("平成"))
    HeaderYear(fy=FiscalYear(2019), kind='target', role='final', onward=True)
    >>> read_header("指標名") is None
    True
    """
    plain = normal(text)
    if len(plain) > 100:
        return None
    found = _YEAR.search(plain)
    if found is None:
        return None
    fy = year_of(found.group(), era)
    if fy is None:
        return None
    rest = plain[: found.start()] + plain[found.end() :]
    kind = next((name for name, words in KINDS if any(word in rest for word in words)), "target")
    role = "final" if ("最終" in rest or "将来" in rest) else "mid_term" if ("中間" in rest or "中期" in rest) else None
    return HeaderYear(fy, kind, role if kind == "target" else None, "以降" in rest)


def read_departments(text: str) -> tuple[list[str], str | None]:
    """Departments as a cell lists them, and the lead a ● marks (市民協働課● 中央公民館 行政経営課).

    >>> read_departments("市民協働課● 中央公民館　行政経営課")
    (['市民協働課', '中央公民館', '行政経営課'], '市民協働課')
    """
    names: list[str] = []
    lead = None
    # Split the text as printed, so that a name keeps its own characters (（仮称）, not (仮称)).
    for part in re.split(r"[\s、､,，・･/／]++", text):
        name = part.strip()
        marked = "●" in name or "◎" in name
        name = name.replace("●", "").replace("◎", "")
        if name:
            names.append(name)
            if marked and lead is None:
                lead = name
    return names, lead


#: The marks of a checkbox list (対象主体 ■市民 □事業者): chosen, and left out.
_CHOSEN: Final = ("■", "☑", "☒", "✓", "✔")
_LEFT_OUT: Final = ("□", "☐")
#: Where a checkbox list parts: before each mark, and at spaces and commas.
_MARKED: Final = re.compile(r"(?=[■☑☒✓✔□☐])|[\s、,，]++")


def read_marked(text: str) -> list[str]:
    """The names a checkbox list marks (■市民 □地域コミュニティ ■市民活動団体), in order.

    A name after ■ (or ☑, ✓) is chosen, one after □ is not; a list with no
    mark at all (市民、行政) chooses every name it gives.

    >>> read_marked("■市民 □地域コミュニティ ■市民活動団体 □事業者")
    ['市民', '市民活動団体']
    >>> read_marked("市民、行政")
    ['市民', '行政']
    """
    parts = [part for part in _MARKED.split(text.strip()) if part and part.strip()]
    if not any(part[0] in _CHOSEN + _LEFT_OUT for part in parts):
        return parts
    return [part[1:].strip() for part in parts if part[0] in _CHOSEN and part[1:].strip()]


# --- schedules ----------------------------------------------------------------------------------------------

#: The arrows a 年次計画 prints for "as the year before", alone or at the end of a line (―→, ⇒).
_ARROWS: Final = frozenset("→⇒⇨➡➔⟶")


def read_schedule_cell(text: str) -> str | dict[str, str]:
    """A 年次計画 cell as a plan file writes it: a stage's label (実施, 検討, 一部実施), → for an arrow,
    未定, or ``{"text": ...}`` for any other words, kept as printed (the model holds free text).

    A stage is known through spaces and full-width letters (検 討); an arrow is one or more arrows,
    after a line of dashes or not (→, ⇒, ――→).

    >>> [read_schedule_cell(text) for text in ("検 討", "一部実施", "――→", "⇒", "未定")]
    ['検討', '一部実施', '→', '→', '未定']
    >>> read_schedule_cell(" 制度の見直し ")
    {'text': '制度の見直し'}
    """
    plain = normal(text)
    if plain and plain[-1] in _ARROWS and all(char in _ARROWS or char in DASHES for char in plain):
        return SAME_AS_BEFORE
    if plain == UNDECIDED:
        return UNDECIDED
    for stage in Stage:
        if plain in (normal(stage.label), stage.value):
            return stage.label
    return {"text": text.strip()}
