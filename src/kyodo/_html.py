"""Small HTML views of kyodo's objects for notebooks (``_repr_html_``); no scripts, no network.

Every text in them goes through :func:`escape`, so plan text is shown as
text: it can add no element and no attribute.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from kyodo._text import visible
from kyodo.indicators import baseline_text

if TYPE_CHECKING:
    from kyodo.explain import Explanation
    from kyodo.indicators import Indicator
    from kyodo.plan import Measure, Plan

_MAX_NODES = 200
_TABLE = 'style="border-collapse:collapse" border="1" cellpadding="3"'


def escape(text: str) -> str:
    """``text`` for HTML, in an element or a quoted attribute: markup escaped, controls shown as their escapes.

    The controls are shown, not only escaped, because a page may be printed
    to a terminal (``kyodo report --format html``), and a bidi override
    would reorder what the browser shows.

    >>> escape('<script>"x"</script>\\x1b[2J\\u202e')
    '&lt;script&gt;&quot;x&quot;&lt;/script&gt;\\\\x1b[2J\\\\u202e'
    """
    return html.escape(visible(text))


def explanation(view: Explanation) -> str:
    """The explanation in Japanese, with the English beneath, as nested lists."""

    def items(node: Explanation) -> str:
        children = "".join(items(part) for part in node.parts)
        nested = f"<ul>{children}</ul>" if children else ""
        return f"<li>{escape(node.ja)}<br><small>{escape(node.en)}</small>{nested}</li>"

    return f'<ul class="kyodo-explanation">{items(view)}</ul>'


def indicator(view: Indicator) -> str:
    """An indicator's targets, actuals and achievement per fiscal year, as a table."""
    from kyodo.indicators import format_percent

    years = sorted(
        {target.fy for target in view.targets} | {actual.fy for actual in view.actuals}, key=lambda fy: fy.year
    )
    rows = []
    for fy in years:
        target, actual = view.target(fy), view.actual(fy)
        rate = view.achievement_if_defined(fy)
        target_text = "" if target is None else str(target)
        actual_text = "" if actual is None else f"{actual.value}{'（見込み）' if actual.estimate else ''}"
        rows.append(
            f"<tr><td>{escape(str(fy))}</td><td align=right>{escape(target_text)}</td>"
            f"<td align=right>{escape(actual_text)}</td>"
            f"<td align=right>{format_percent(rate) if rate is not None else ''}</td></tr>"
        )
    baseline = ""
    if view.baseline is not None:
        baseline = f"<div>基準値 {escape(baseline_text(view.baseline))}</div>"
    return (
        f"<div><b>{escape(view.name)}</b>（{escape(view.unit)}, {escape(view.direction.label)}）{baseline}"
        f"<table {_TABLE}><tr><th>年度</th><th>目標</th><th>実績</th><th>達成率</th></tr>{''.join(rows)}</table></div>"
    )


def measure(view: Measure) -> str:
    """A measure: number, title, departments, schedule, and its indicators."""
    departments = " ".join(escape(name) + ("●" if name == view.lead else "") for name in view.departments)
    schedule = " ".join(f"{escape(entry.years)} {escape(entry.label)}" for entry in view.schedule[:12])
    parts = [f"<div><b>{escape(view.number)} {escape(view.title)}</b></div>"]
    if departments:
        parts.append(f"<div>担当: {departments}</div>")
    if schedule:
        parts.append(f"<div>年次計画: {schedule}</div>")
    if view.completion:
        parts.append(f"<div>完了の目安: {escape(view.completion)}</div>")
    parts.extend(indicator(item) for item in view.indicators)
    grades = [
        f"{escape(str(e.fy or ''))} {escape(e.kind.label)} {escape(e.grade)}" for e in view.evaluations if e.grade
    ]
    if grades:
        parts.append(f"<div>評価: {' / '.join(grades)}</div>")
    return "".join(parts)


def plan(view: Plan) -> str:
    """A plan: title, period, and its tree of codes and titles (the first 200 nodes)."""
    from kyodo.plan import Measure, Relisting, Section

    items = []
    for count, (code, node, depth) in enumerate(view.tree()):
        if count == _MAX_NODES:
            items.append("<li>…</li>")
            break
        if isinstance(node, Relisting):
            label = f"（再掲 {escape(node.code)}）"
        elif isinstance(node, Section | Measure):
            label = escape(node.title)
        else:  # pragma: no cover - the tree holds nothing else
            label = ""
        items.append(f'<li style="margin-left:{depth * 1.2:.1f}em">{escape(code)} {label}</li>')
    measures = sum(1 for _ in view.measures())
    return (
        f"<div><b>{escape(view.title)}</b>（{escape(view.municipality)}） {escape(str(view.period))}, "
        f"{measures} measure{'' if measures == 1 else 's'}<ul style='list-style:none;padding-left:0'>{''.join(items)}</ul></div>"
    )
