"""Charts of indicators, grades and what-if runs as matplotlib Figures (the ``charts`` extra).

Every function returns a :class:`matplotlib.figure.Figure` built with the
object API: nothing touches pyplot's global state or ``rcParams``, nothing is
shown, and figures can be made from threads and servers (the Agg backend).
Save one with :func:`save` or ``figure.savefig``. A chart that ends a
notebook cell is drawn there, in a fresh kernel too (no ``%matplotlib
inline`` needed). For Japanese text in your own plots, opt in with
:func:`use_japanese_font`, the one function here that changes ``rcParams``.

Figures are exact where they print numbers: bar labels are the documents'
figures (48, 96.0%, 133,333円) written from Decimal, Fraction and int;
binary floats are used only to place the bars.

Japanese text, precisely: each text element gets its own
:class:`~matplotlib.font_manager.FontProperties` from :func:`japanese_font`:

1. the IPAexGothic font file that ``matplotlib-fontja`` ships, found without
   importing that package (importing it changes the global ``rcParams``);
2. else an installed font with Japanese glyphs known to matplotlib's font
   manager (Noto Sans CJK, IPAexGothic, IPAGothic, Takao, Hiragino …);
3. else matplotlib's default font, with a :class:`JapaneseFontWarning`:
   Japanese characters then draw as empty boxes. ``pip install 'kyodo[charts]'``
   fixes it.

>>> from kyodo import FiscalYear, Indicator, Observation, Target
>>> centres = Indicator(
...     "まちづくりセンター数", "箇所",
...     targets=[Target(FiscalYear(2015), 42), Target(FiscalYear(2016), 50)],
...     actuals=[Observation(FiscalYear(2015), 43), Observation(FiscalYear(2016), 48)],
... )
>>> figure = indicator_chart(centres, grades={FiscalYear(2015): "B", FiscalYear(2016): "C"})
>>> axes = figure.axes[0]
>>> axes.get_title(), [container.get_label() for container in axes.containers]
('まちづくりセンター数（箇所）', ['目標', '実績'])
>>> [text.get_text() for text in axes.get_xticklabels()]
['平成27年度\\n達成率 102.4%', '平成28年度\\n達成率 96.0%']
"""

from __future__ import annotations

import functools
import importlib.util
import io
import itertools
import os
import warnings
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from kyodo.errors import KyodoError, Message, ValidationError
from kyodo.fiscal import FiscalYear
from kyodo.grading import GradingScheme
from kyodo.indicators import Indicator, UndefinedRateError, baseline_figures, format_percent
from kyodo.money import format_yen
from kyodo.whatif import WhatIf, WhatIfFrame

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

__all__ = [
    "JapaneseFontSetting",
    "JapaneseFontWarning",
    "grade_distribution_chart",
    "indicator_chart",
    "japanese_font",
    "save",
    "use_japanese_font",
    "whatif_chart",
]


class JapaneseFontWarning(UserWarning):
    """No font with Japanese glyphs was found: Japanese text will draw as empty boxes."""


#: Names of fonts with Japanese glyphs, looked for when matplotlib-fontja is absent.
JAPANESE_FONT_NAMES: Final = (
    "IPAexGothic",
    "IPAGothic",
    "IPAPGothic",
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Noto Sans CJK",
    "Noto Serif CJK JP",
    "Source Han Sans",
    "Takao",
    "VL Gothic",
    "Hiragino",
    "Yu Gothic",
    "Meiryo",
    "MS Gothic",
    "IPAexMincho",
    "IPAMincho",
)

_TARGET_COLOUR: Final = "#9ecae1"
_ACTUAL_COLOUR: Final = "#2171b5"
_BASELINE_COLOUR: Final = "#bdbdbd"
_EDGE_COLOUR: Final = "#08306b"
_UNGRADED_COLOUR: Final = "#d9d9d9"
_UNGRADED_LABEL: Final = "評価なし"
#: Grade labels in the order cities list them, best first, for schemes not given.
_KNOWN_ORDERS: Final = (("S", "A", "B", "C", "D", "E"), ("◎", "○", "△", "×"))


def _require_matplotlib() -> None:
    """Refuse, saying which extra to install, when matplotlib is missing."""
    if importlib.util.find_spec("matplotlib") is None:
        raise KyodoError("kyodo.charts needs matplotlib: pip install 'kyodo[charts]'")


def _not_a(wanted: str, wanted_ja: str, value: object) -> Message:
    """The message for ``value`` given where ``wanted`` ("an Indicator") was expected."""
    kind = type(value).__name__
    return (f"expected {wanted}, not {kind} {value!r}", f"{wanted_ja} が必要（{kind} {value!r} が渡された）")


def _not_a_key(fy: object) -> Message:
    """The message for a key that is not a FiscalYear."""
    kind = type(fy).__name__
    return (f"keys must be FiscalYear, not {kind} {fy!r}", f"キーは FiscalYear が必要（{kind} {fy!r} が渡された）")


# --- fonts -------------------------------------------------------------------------------


def _fontja_file() -> str | None:
    """The font file matplotlib-fontja ships, found without importing the package (which sets rcParams)."""
    try:
        spec = importlib.util.find_spec("matplotlib_fontja")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        fonts = Path(location) / "fonts"
        preferred = fonts / "ipaexg.ttf"
        if preferred.is_file():
            return str(preferred)
        found = sorted(fonts.glob("*.tt[fc]")) + sorted(fonts.glob("*.otf"))
        if found:
            return str(found[0])
    return None


def _system_japanese_font() -> str | None:
    """The file of a font matplotlib knows whose name says it has Japanese glyphs, or None."""
    from matplotlib import font_manager

    entries = font_manager.fontManager.ttflist
    for wanted in JAPANESE_FONT_NAMES:
        for entry in entries:
            if wanted.lower() in entry.name.lower():
                return str(entry.fname)
    return None


def japanese_font(*, stacklevel: int = 2) -> FontProperties:
    """Font properties that draw Japanese text; see the module for the order fonts are looked for in.

    Without any Japanese font, the default font's properties are returned and
    a :class:`JapaneseFontWarning` says how to fix it. Pass the result as
    ``fontproperties=`` (or ``prop=`` for a legend) to text you add to a chart.
    ``stacklevel`` points the warning at the caller's line, as in
    :func:`warnings.warn`.

    >>> from pathlib import Path
    >>> Path(japanese_font().get_file()).name
    'ipaexg.ttf'
    """
    _require_matplotlib()
    from matplotlib.font_manager import FontProperties

    path = _fontja_file() or _system_japanese_font()
    if path is None:
        warnings.warn(
            JapaneseFontWarning(
                "no font with Japanese glyphs was found, so Japanese text will draw as empty boxes;"
                " install one with: pip install 'kyodo[charts]' (it brings matplotlib-fontja)"
            ),
            stacklevel=stacklevel,
        )
        return FontProperties()
    return FontProperties(fname=path)


class JapaneseFontSetting:
    """The font settings :func:`use_japanese_font` changed, put back on leaving a ``with`` block or by :meth:`undo`."""

    __slots__ = ("_before",)

    def __init__(self, families: list[str]) -> None:
        self._before = families

    def undo(self) -> None:
        """Put matplotlib's font settings back as they were."""
        from matplotlib import rcParams

        rcParams["font.family"] = self._before

    def __enter__(self) -> JapaneseFontSetting:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.undo()


def use_japanese_font() -> JapaneseFontSetting:
    """Draw Japanese text in your own matplotlib and pandas plots, with the font :func:`japanese_font` finds.

    kyodo's own charts never need this and never call it: they set the font
    on each text they draw. Your plots (``frame.plot()``, ``plt.title("達成率")``)
    use matplotlib's global settings, where the default font has no Japanese
    glyphs, so they draw boxes and warn "Glyph missing". This is the opt-in:
    it puts the Japanese font first in ``rcParams["font.family"]`` (the
    previous families stay behind it for other scripts). Use it in a
    ``with`` block to change the settings for that block only, or call it
    once at the top of a notebook; ``.undo()`` puts them back.

    >>> from matplotlib import rcParams
    >>> before = list(rcParams["font.family"])
    >>> with use_japanese_font():
    ...     rcParams["font.family"][0]
    'IPAexGothic'
    >>> list(rcParams["font.family"]) == before
    True
    """
    _require_matplotlib()
    from matplotlib import font_manager, rcParams

    font = japanese_font(stacklevel=3)
    before = list(rcParams["font.family"])
    path = font.get_file()
    if path is not None:
        font_manager.fontManager.addfont(str(path))
        name = font.get_name()
        rcParams["font.family"] = [name, *(family for family in before if family != name)]
    return JapaneseFontSetting(before)


def _bold(font: FontProperties) -> FontProperties:
    bold = font.copy()
    bold.set_weight("bold")
    return bold


@functools.cache  # made on first use, since matplotlib is optional; one class for every chart
def _chart_class() -> type[Figure]:
    """The Figure kyodo's charts are: one that draws itself as a PNG where a notebook shows it."""
    from matplotlib.figure import Figure

    class Chart(Figure):
        """A matplotlib Figure that Jupyter draws when it ends a cell, with no ``%matplotlib inline``.

        A Figure made with the object API has no display of its own: in a
        fresh kernel, until pyplot's inline backend is switched on, IPython
        shows only ``<Figure size 800x480 with 1 Axes>``. Everything else
        is matplotlib's Figure.
        """

        def _repr_png_(self) -> bytes:
            drawn = io.BytesIO()
            self.savefig(drawn, format="png", dpi=100)
            return drawn.getvalue()

    Chart.__module__ = __name__
    return Chart


def _new_figure(figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    figure = _chart_class()(figsize=figsize, layout="constrained")
    axes = figure.add_subplot()
    return figure, axes


# --- indicators ----------------------------------------------------------------------------


def _number(value: Decimal) -> str:
    """A figure as documents print it: thousands separated, decimals as given (837,244; 62.5)."""
    return f"{value:,}"


def _tick(value: float, _position: object) -> str:
    """An axis tick as a figure, thousands separated and never in scientific notation (drawing only)."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.10g}"


def indicator_chart(
    indicator: Indicator,
    grades: Mapping[FiscalYear, str | None] | None = None,
    *,
    title: str | None = None,
    figsize: tuple[float, float] = (8.0, 4.8),
) -> Figure:
    """Targets beside actuals for each fiscal year, as bars, with the year's grade marked above.

    For each fiscal year with a target, an actual, the baseline or a grade
    (from first to last): a light bar 目標 for a numeric target, a dark bar
    実績 for the actual (hatched, and labelled 見込み, where it is an
    estimate), a grey bar 基準値 for the baseline (where that year has no
    actual). Each bar is labelled with its exact figure. A qualitative target
    (継続して拡充) is written upright in its bar's place. A year's tick reads
    its label and, where there is one, its achievement rate as printed
    (平成28年度 / 達成率 96.0%). ``grades`` maps fiscal years to grade labels
    (None: ungraded), drawn in a circle along the top, in the row 評価.

    The title defaults to the indicator's name and unit. The bars are the
    axes' containers, labelled 目標, 実績 and 基準値, in that order when present.

    >>> from kyodo import FiscalYear, Indicator, Observation, Target
    >>> centres = Indicator("まちづくりセンター数", "箇所",
    ...     baseline=Observation(FiscalYear(2014), 37, estimate=True),
    ...     targets=[Target(FiscalYear(2015), 42), Target(FiscalYear(2019), text="継続して拡充", role="final")],
    ...     actuals=[Observation(FiscalYear(2015), 43)])
    >>> axes = indicator_chart(centres).axes[0]
    >>> [(container.get_label(), len(container)) for container in axes.containers]
    [('目標', 1), ('実績', 1), ('基準値', 1)]
    """
    if not isinstance(indicator, Indicator):
        raise ValidationError(("indicator", _not_a("an Indicator", "Indicator", indicator)))
    chosen_grades = dict(grades or {})
    for fy in chosen_grades:
        if not isinstance(fy, FiscalYear):
            raise ValidationError(("grades", _not_a_key(fy)))
    font = japanese_font(stacklevel=3)
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    figure, axes = _new_figure(figsize)
    # A baseline is drawn where the sheet prints both its year and its value (not 策定時 alone).
    base_fy, base_value = baseline_figures(indicator.baseline)
    base_estimate = indicator.baseline is not None and indicator.baseline.estimate
    years = {target.fy for target in indicator.targets} | {actual.fy for actual in indicator.actuals}
    years |= set(chosen_grades)
    if base_fy is not None and base_value is not None:
        years.add(base_fy)
    ordered = sorted(years, key=lambda fy: fy.year)
    position = {fy: index for index, fy in enumerate(ordered)}
    width = 0.38
    highest = Decimal(0)
    # A year with both a target and an observation shows them side by side; one alone stands centred.
    observed = {actual.fy for actual in indicator.actuals} | ({base_fy} if base_fy in years else set())
    paired = {target.fy for target in indicator.targets} & observed

    def left(fy: FiscalYear) -> float:
        return position[fy] - (width / 2 if fy in paired else 0)

    def right(fy: FiscalYear) -> float:
        return position[fy] + (width / 2 if fy in paired else 0)

    numeric = [target for target in indicator.targets if target.value is not None]
    if numeric:
        values = [target.value for target in numeric if target.value is not None]
        container = axes.bar(
            [left(target.fy) for target in numeric],
            [float(value) for value in values],
            width,
            label="目標",
            color=_TARGET_COLOUR,
            edgecolor=_EDGE_COLOUR,
            linewidth=0.6,
        )
        axes.bar_label(container, labels=[_number(value) for value in values], padding=2, fontproperties=font)
        highest = max(highest, *values)
    if indicator.actuals:
        values = [actual.value for actual in indicator.actuals]
        container = axes.bar(
            [right(actual.fy) for actual in indicator.actuals],
            [float(value) for value in values],
            width,
            label="実績",
            color=_ACTUAL_COLOUR,
            edgecolor=_EDGE_COLOUR,
            linewidth=0.6,
        )
        for bar, actual in zip(container, indicator.actuals, strict=True):
            if actual.estimate:
                bar.set_hatch("//")
                bar.set_alpha(0.6)
        labels = [_number(actual.value) + ("\n見込み" if actual.estimate else "") for actual in indicator.actuals]
        axes.bar_label(container, labels=labels, padding=2, fontproperties=font)
        highest = max(highest, *values)
    if base_fy is not None and base_value is not None and indicator.actual(base_fy) is None:
        container = axes.bar(
            [right(base_fy)],
            [float(base_value)],
            width,
            label="基準値",
            color=_BASELINE_COLOUR,
            edgecolor=_EDGE_COLOUR,
            linewidth=0.6,
            hatch="//" if base_estimate else None,
        )
        label = _number(base_value) + ("\n見込み" if base_estimate else "")
        axes.bar_label(container, labels=[label], padding=2, fontproperties=font)
        highest = max(highest, base_value)

    for target in indicator.targets:
        if target.value is None and target.text:
            axes.text(
                left(target.fy),
                0.03,
                target.text,
                rotation=90,
                ha="center",
                va="bottom",
                transform=axes.get_xaxis_transform(),
                fontproperties=font,
                color=_EDGE_COLOUR,
            )

    ticks = []
    for fy in ordered:
        tick = str(fy)
        try:
            rate = indicator.achievement(fy)
        except UndefinedRateError:
            rate = None
        if rate is not None:
            tick += f"\n達成率 {format_percent(rate)}"
        ticks.append(tick)
    axes.set_xticks(range(len(ordered)), labels=ticks, fontproperties=font)
    axes.set_xlim(-0.6, len(ordered) - 0.4)

    graded = {fy: label for fy, label in chosen_grades.items() if label is not None}
    headroom = 1.35 if graded else 1.15
    axes.set_ylim(0, float(highest) * headroom if highest > 0 else 1.0)
    if graded and highest > 0:
        # The grade row sits in the headroom, level with where the top ticks would be: tick only the
        # bars' range, so the row's label 評価 never prints over a tick label.
        from matplotlib.ticker import FixedLocator

        levels = axes.yaxis.get_major_locator().tick_values(0, float(highest))
        axes.yaxis.set_major_locator(FixedLocator([level for level in levels if 0 <= level <= float(highest) * 1.1]))
    if graded:
        bold = _bold(font)
        axes.text(
            -0.01, 0.96, "評価", transform=axes.transAxes, ha="right", va="top", fontproperties=font, color="#525252"
        )
        for fy, label in graded.items():
            axes.text(
                position[fy],
                0.96,
                label,
                transform=axes.get_xaxis_transform(),
                ha="center",
                va="top",
                fontproperties=bold,
                bbox={"boxstyle": "circle,pad=0.3", "facecolor": "white", "edgecolor": _EDGE_COLOUR},
            )

    axes.yaxis.set_major_formatter(FuncFormatter(_tick))
    axes.set_title(title if title is not None else f"{indicator.name}（{indicator.unit}）", fontproperties=font)
    axes.set_xlabel("年度", fontproperties=font)
    axes.set_ylabel(indicator.unit, fontproperties=font)
    handles: list[Any] = list(axes.containers)
    if any(actual.estimate for actual in indicator.actuals) or (base_estimate and base_fy in years):
        handles.append(Patch(facecolor="white", edgecolor=_EDGE_COLOUR, hatch="//", label="見込み"))
    if handles:
        axes.legend(handles=handles, prop=font, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


# --- grade distributions ----------------------------------------------------------------------


def _grade_order(labels: set[str], scheme: GradingScheme | None) -> list[str]:
    """Grade labels best first: the scheme's order, else A–D or ◎○△× where they fit, else sorted."""
    if scheme is not None:
        known = [grade.label for grade in scheme.grades]
        return [label for label in known if label in labels] + sorted(labels - set(known))
    for order in _KNOWN_ORDERS:
        if labels <= set(order):
            return [label for label in order if label in labels]
    return sorted(labels)


def grade_distribution_chart(
    counts_by_fy: Mapping[FiscalYear, Mapping[str | None, int]],
    *,
    scheme: GradingScheme | None = None,
    title: str | None = None,
    figsize: tuple[float, float] = (8.0, 4.8),
) -> Figure:
    """How many measures got each grade in each fiscal year, as bars stacked best grade at the bottom.

    ``counts_by_fy`` maps fiscal years to counts of grade labels, as
    ``kyodo.grade_distribution(plan, fy, scheme)[""]`` gives them; the
    ``None`` count (ungraded) is stacked on top as 評価なし. Grades go best
    first in ``scheme``'s order when given, else S A B C D E or ◎ ○ △ × where
    the labels fit one of those, else sorted. Each grade is one container of
    bars, one bar per fiscal year (zero where none got it), labelled with its
    count, coloured from green (best) to red (worst).

    >>> from collections import Counter
    >>> from kyodo import FiscalYear
    >>> figure = grade_distribution_chart({FiscalYear(2015): Counter({"B": 1}), FiscalYear(2016): Counter({"C": 1})})
    >>> [(container.get_label(), len(container)) for container in figure.axes[0].containers]
    [('B', 2), ('C', 2)]
    """
    counts = dict(counts_by_fy)
    for fy, counter in counts.items():
        if not isinstance(fy, FiscalYear):
            raise ValidationError(("counts_by_fy", _not_a_key(fy)))
        for label, count in counter.items():
            if type(count) is not int or count < 0:
                raise ValidationError(
                    (
                        f"counts_by_fy[{fy}][{label!r}]",
                        (
                            f"must be a count (an int of 0 or more), not {count!r}",
                            f"件数として 0 以上の整数が必要（{count!r}）",
                        ),
                    )
                )
    font = japanese_font(stacklevel=3)
    from matplotlib import colormaps
    from matplotlib.ticker import MaxNLocator

    figure, axes = _new_figure(figsize)
    ordered = sorted(counts, key=lambda fy: fy.year)
    labels = {label for counter in counts.values() for label, count in counter.items() if label is not None and count}
    series: list[str | None] = list(_grade_order(labels, scheme))
    if any(counter.get(None, 0) for counter in counts.values()):
        series.append(None)
    graded = [label for label in series if label is not None]
    palette = colormaps["RdYlGn"]
    bottoms = [0] * len(ordered)
    for rank, label in enumerate(series):
        heights = [counts[fy].get(label, 0) for fy in ordered]
        if label is None:
            colour: Any = _UNGRADED_COLOUR
        else:
            share = 0.5 if len(graded) == 1 else rank / (len(graded) - 1)
            colour = palette(0.85 - 0.7 * share)
        container = axes.bar(
            range(len(ordered)),
            heights,
            0.6,
            bottom=bottoms,
            label=_UNGRADED_LABEL if label is None else label,
            color=colour,
            edgecolor="white",
            linewidth=0.8,
        )
        axes.bar_label(
            container,
            labels=[str(height) if height else "" for height in heights],
            label_type="center",
            fontproperties=font,
        )
        bottoms = [bottom + height for bottom, height in zip(bottoms, heights, strict=True)]
    axes.set_xticks(range(len(ordered)), labels=[str(fy) for fy in ordered], fontproperties=font)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max([*bottoms, 1]) * 1.1)
    axes.set_title(title if title is not None else "評価の分布", fontproperties=font)
    axes.set_xlabel("年度", fontproperties=font)
    axes.set_ylabel("項目数", fontproperties=font)
    if series:
        legend = axes.legend(
            prop=font, title="評価", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, reverse=True
        )
        legend.get_title().set_fontproperties(font)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


# --- what-if ------------------------------------------------------------------------------------


def whatif_chart(
    result: WhatIf | WhatIfFrame,
    *,
    by_fy: bool = False,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """The yen each variant of a what-if run awards in total, one horizontal bar per variant, in run order.

    ``result`` is a :class:`~kyodo.WhatIf` or a columnar :class:`~kyodo.WhatIfFrame`.

    Each bar is labelled with its exact total (380,000円). With ``by_fy``,
    each bar is split into the fiscal years' amounts (one container per
    fiscal year, labelled 平成27年度 …). The height grows with the number of
    variants unless ``figsize`` is given.

    >>> from kyodo import Application, FiscalYear, SubsidyRule, SubsidyTerms, rule_grid, what_if
    >>> base = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
    >>> run = what_if([Application("A", FiscalYear(2015), 300_000)], rule_grid(base, rate=["1/2", "2/3"]))
    >>> axes = whatif_chart(run).axes[0]
    >>> [text.get_text() for text in axes.texts]
    ['150,000円', '200,000円']
    """
    if not isinstance(result, WhatIf | WhatIfFrame):
        raise ValidationError(("result", _not_a("a WhatIf or WhatIfFrame", "WhatIf か WhatIfFrame", result)))
    font = japanese_font(stacklevel=3)
    from matplotlib.ticker import FuncFormatter

    variants = list(result.variants)
    size = figsize if figsize is not None else (8.0, max(2.4, 1.0 + 0.45 * len(variants)))
    figure, axes = _new_figure(size)
    totals = result.totals()
    rows = range(len(variants))
    if by_fy:
        needed = result.budget_needed()
        years = sorted({fy for _variant, fy in needed}, key=lambda fy: fy.year)
        lefts = [0] * len(variants)
        for fy in years:
            widths = [needed.get((variant, fy), 0) for variant in variants]
            axes.barh(rows, widths, 0.6, left=lefts, label=str(fy), edgecolor="white", linewidth=0.8)
            lefts = [left + width for left, width in zip(lefts, widths, strict=True)]
        axes.legend(prop=font, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    else:
        axes.barh(rows, [totals[variant] for variant in variants], 0.6, label="交付総額", color=_ACTUAL_COLOUR)
    highest = max([*totals.values(), 0])
    for row, variant in zip(rows, variants, strict=True):
        axes.annotate(
            format_yen(totals[variant]),
            xy=(totals[variant], row),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontproperties=font,
        )
    axes.set_yticks(rows, labels=variants, fontproperties=font)
    axes.invert_yaxis()
    axes.set_xlim(0, highest * 1.25 if highest else 1)
    axes.xaxis.set_major_formatter(FuncFormatter(_tick))
    axes.set_title(title if title is not None else "バリアント別の交付総額", fontproperties=font)
    axes.set_xlabel("交付額（円）", fontproperties=font)
    axes.spines[["top", "right"]].set_visible(False)
    _fit_labels(figure, axes)
    return figure


def _fit_labels(figure: Figure, axes: Axes) -> None:
    """Widen the x axis until every label written after a bar ends inside the axes, never over the legend.

    The labels' widths are measured as drawn (a total such as 12,345,678円 is wider on a narrow
    figure than any fixed headroom allows for), and the x ticks thinned until no two tick labels
    touch. The layout moves the axes as ticks change, so both are redone until they settle.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.ticker import MaxNLocator

    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]  # matplotlib leaves it untyped
    for _attempt in range(6):
        for bins in (4, 3, 2, 1):
            axes.xaxis.set_major_locator(MaxNLocator(nbins=bins))
            figure.draw_without_rendering()
            boxes = sorted(
                (label.get_window_extent(renderer) for label in axes.get_xticklabels() if label.get_text()),
                key=lambda box: box.x0,
            )
            if all(before.x1 + 4 < after.x0 for before, after in itertools.pairwise(boxes)):
                break
        frame = axes.get_window_extent(renderer)
        overshoot = max((text.get_window_extent(renderer).x1 for text in axes.texts), default=frame.x1)
        if overshoot <= frame.x1:
            return
        low, high = axes.get_xlim()
        # Each label keeps its width in pixels: grow the span so the farthest one ends at the edge.
        axes.set_xlim(low, low + (high - low) * (overshoot - frame.x0) / frame.width * 1.02)


# --- saving ---------------------------------------------------------------------------------------


def save(figure: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> Path:
    """Write ``figure`` to ``path`` in the format its suffix names (.png, .svg, .pdf); return the path.

    Without a suffix, the figure is written in matplotlib's default format
    (``rcParams["savefig.format"]``) with that suffix added, as
    ``figure.savefig`` does. The file is replaced whole or not at all: when
    the write fails, an old file at ``path`` stays as it was and a
    :class:`KyodoError` names the file and says why.

    >>> import tempfile
    >>> from kyodo import FiscalYear
    >>> figure = grade_distribution_chart({FiscalYear(2016): {"C": 1}})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = save(figure, Path(folder) / "grades.png")
    ...     written.name, written.stat().st_size > 0
    ('grades.png', True)
    """
    _require_matplotlib()
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise ValidationError(("figure", _not_a("a matplotlib Figure", "matplotlib の Figure", figure)))
    from matplotlib import rcParams

    from kyodo._files import write_bytes

    target = Path(path)
    kind = target.suffix[1:].lower()
    if not kind:
        kind = str(rcParams["savefig.format"])
        target = target.with_name(f"{target.name}.{kind}")
    supported = figure.canvas.get_supported_filetypes()
    if kind not in supported:
        raise ValidationError(
            (
                "path",
                (
                    f"cannot write a chart as {target.suffix!r}; expected one of {', '.join(sorted(supported))}",
                    f"{target.suffix!r} 形式ではグラフを書けない。使える形式: {', '.join(sorted(supported))}",
                ),
            )
        )
    # Drawn in memory first: matplotlib writes as it draws, so a failure would otherwise leave half a file.
    drawn = io.BytesIO()
    figure.savefig(drawn, format=kind, dpi=dpi)
    write_bytes(target, drawn.getvalue())
    return target
