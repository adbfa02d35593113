"""kyodo.charts: Figures with the expected bars and Japanese text in a font that has the glyphs (seed 000, 001)."""

from __future__ import annotations

import itertools
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.transforms import Bbox

import kyodo
from kyodo import (
    Application,
    FiscalYear,
    GradingScheme,
    Indicator,
    KyodoError,
    Measure,
    Observation,
    SubsidyRule,
    SubsidyTerms,
    Target,
    ValidationError,
    charts,
    format_yen,
    grade_distribution,
    rule_grid,
    what_if,
)
from kyodo.charts import (
    JapaneseFontWarning,
    grade_distribution_chart,
    indicator_chart,
    japanese_font,
    save,
    whatif_chart,
)

EXAMPLES = Path(__file__).parent.parent / "examples"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def niigata() -> kyodo.Plan:
    return kyodo.load(EXAMPLES / "plans" / "niigata.toml")


@pytest.fixture(scope="module")
def centres(niigata: kyodo.Plan) -> Indicator:
    measure = niigata.find("No.26")
    assert isinstance(measure, Measure)
    return measure.indicator("まちづくりセンター数")


@pytest.fixture(scope="module")
def recorded_grades(niigata: kyodo.Plan) -> dict[FiscalYear, str | None]:
    measure = niigata.find("No.26")
    assert isinstance(measure, Measure)
    return {fy: evaluation.grade for fy in niigata.period if (evaluation := measure.evaluation(fy)) is not None}


@pytest.fixture
def no_font_warning() -> Iterator[None]:
    """Turn a JapaneseFontWarning into an error: the font must be found."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", JapaneseFontWarning)
        yield


def containers(figure: Figure) -> dict[str, BarContainer]:
    return {container.get_label(): container for container in figure.axes[0].containers}  # type: ignore[misc]


def texts(figure: Figure) -> list[str]:
    return [text.get_text() for text in figure.axes[0].texts]


def uses_japanese_font(text: matplotlib.text.Text) -> bool:
    path = text.get_fontproperties().get_file()
    if path is None:
        return False
    font = FT2Font(str(path))
    return all(font.get_char_index(ord(char)) != 0 for char in text.get_text() if ord(char) > 0x2E80)


# --- fonts ---------------------------------------------------------------------------------


def test_the_font_is_the_one_matplotlib_fontja_ships(no_font_warning: None) -> None:
    path = japanese_font().get_file()
    assert path is not None
    assert Path(str(path)).name == "ipaexg.ttf"
    assert "matplotlib_fontja" in Path(str(path)).parts


def test_making_charts_leaves_global_state_alone(
    monkeypatch: pytest.MonkeyPatch, no_font_warning: None, centres: Indicator
) -> None:
    for name in ("matplotlib_fontja", "matplotlib_fontja.matplotlib_fontja", "matplotlib.pyplot"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    family = list(matplotlib.rcParams["font.family"])
    indicator_chart(centres)
    assert list(matplotlib.rcParams["font.family"]) == family
    assert "matplotlib_fontja" not in sys.modules
    assert "matplotlib.pyplot" not in sys.modules


def test_without_fontja_an_installed_japanese_font_is_used(
    monkeypatch: pytest.MonkeyPatch, no_font_warning: None
) -> None:
    shipped = charts._fontja_file()
    assert shipped is not None
    monkeypatch.setattr(charts, "_fontja_file", lambda: None)
    monkeypatch.setattr(
        font_manager.fontManager,
        "ttflist",
        [font_manager.FontEntry(fname=shipped, name="IPAexGothic"), *font_manager.fontManager.ttflist],
    )
    assert japanese_font().get_file() == shipped


def test_without_any_japanese_font_the_chart_warns_how_to_fix_it(
    monkeypatch: pytest.MonkeyPatch, centres: Indicator
) -> None:
    monkeypatch.setattr(charts, "_fontja_file", lambda: None)
    monkeypatch.setattr(charts, "_system_japanese_font", lambda: None)
    with pytest.warns(JapaneseFontWarning, match=r"pip install 'kyodo\[charts\]'") as caught:
        figure = indicator_chart(centres)
    assert isinstance(figure, Figure)
    assert caught[0].filename == __file__


def test_without_matplotlib_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch, centres: Indicator) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(KyodoError, match=r"pip install 'kyodo\[charts\]'"):
        indicator_chart(centres)


# --- indicators -------------------------------------------------------------------------------------


def test_seed_000_centres_targets_actuals_baseline_and_grades(
    no_font_warning: None, centres: Indicator, recorded_grades: dict[FiscalYear, str | None]
) -> None:
    figure = indicator_chart(centres, recorded_grades)
    bars = containers(figure)
    assert list(bars) == ["目標", "実績", "基準値"]
    assert [bar.get_height() for bar in bars["目標"]] == [42, 50, 58, 66]
    assert [bar.get_height() for bar in bars["実績"]] == [43, 48, 54, 55]
    assert [bar.get_height() for bar in bars["基準値"]] == [37]
    assert bars["基準値"][0].get_hatch() == "//"  # the baseline is an estimate (見込み)
    axes = figure.axes[0]
    assert axes.get_title() == "まちづくりセンター数（箇所）"
    assert axes.get_xlabel() == "年度"
    assert axes.get_ylabel() == "箇所"
    ticks = [text.get_text() for text in axes.get_xticklabels()]
    assert ticks == [
        "平成26年度",
        "平成27年度\n達成率 102.4%",
        "平成28年度\n達成率 96.0%",
        "平成29年度\n達成率 93.1%",
        "平成30年度\n達成率 83.3%",
        "令和元年度",
    ]
    written = texts(figure)
    assert "継続して拡充" in written
    assert [text for text in written if text in {"B", "C"}] == ["B", "C", "C", "C"]
    labels = [text.get_text() for text in axes.texts if text.get_text() in {"48", "50", "37\n見込み"}]
    assert sorted(labels) == ["37\n見込み", "48", "50"]
    japanese = [axes.title, axes.xaxis.label, axes.yaxis.label, *axes.get_xticklabels(), *axes.texts]
    legend = axes.get_legend()
    assert legend is not None
    assert [text.get_text() for text in legend.get_texts()] == ["目標", "実績", "基準値", "見込み"]
    japanese += list(legend.get_texts())
    assert all(uses_japanese_font(text) for text in japanese)


def test_a_chart_saves_to_a_png(no_font_warning: None, centres: Indicator, tmp_path: Path) -> None:
    written = save(indicator_chart(centres, {FiscalYear(2016): "C"}), tmp_path / "centres.png")
    assert written == tmp_path / "centres.png"
    data = written.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 10_000


def test_an_indicator_with_nothing_to_draw_is_an_empty_chart(no_font_warning: None) -> None:
    figure = indicator_chart(Indicator("事業実施件数", "件"))
    assert containers(figure) == {}
    assert figure.axes[0].get_title() == "事業実施件数（件）"


def test_a_lone_year_stands_centred(no_font_warning: None) -> None:
    indicator = Indicator(
        "NPO認定団体の数", "団体", targets=[Target(FiscalYear(2018), 90)], actuals=[Observation(FiscalYear(2014), 81)]
    )
    bars = containers(indicator_chart(indicator))
    assert bars["目標"][0].get_x() + bars["目標"][0].get_width() / 2 == pytest.approx(1)
    assert bars["実績"][0].get_x() + bars["実績"][0].get_width() / 2 == pytest.approx(0)


def test_indicator_chart_refuses_other_things(centres: Indicator) -> None:
    with pytest.raises(ValidationError, match="expected an Indicator"):
        indicator_chart("まちづくりセンター数")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="keys must be FiscalYear"):
        indicator_chart(centres, {2016: "C"})  # type: ignore[dict-item]


# --- grade distributions --------------------------------------------------------------------------------


def test_seed_000_grade_distribution(no_font_warning: None, niigata: kyodo.Plan, tmp_path: Path) -> None:
    scheme = kyodo.load(EXAMPLES / "schemes" / "niigata-sheet-reading.toml", kind=GradingScheme)
    counts = {fy: grade_distribution(niigata, fy, scheme)[""] for fy in niigata.period}
    figure = grade_distribution_chart(counts, scheme=scheme)
    bars = containers(figure)
    assert list(bars) == ["B", "C"]
    assert [bar.get_height() for bar in bars["B"]] == [1, 0, 0, 0]
    assert [bar.get_height() for bar in bars["C"]] == [0, 1, 1, 1]
    axes = figure.axes[0]
    assert axes.get_title() == "評価の分布"
    assert [text.get_text() for text in axes.get_xticklabels()] == [
        "平成27年度",
        "平成28年度",
        "平成29年度",
        "平成30年度",
    ]
    assert all(uses_japanese_font(text) for text in [axes.title, axes.yaxis.label, *axes.get_xticklabels()])
    assert save(figure, tmp_path / "grades.png").stat().st_size > 0


def test_grades_stack_best_first_with_the_ungraded_on_top(no_font_warning: None) -> None:
    counts: dict[FiscalYear, Counter[str | None]] = {
        FiscalYear(2017): Counter({"C": 2, "A": 1, None: 1}),
        FiscalYear(2016): Counter({"B": 3, "S": 1}),
    }
    bars = containers(grade_distribution_chart(counts))
    assert list(bars) == ["S", "A", "B", "C", "評価なし"]
    assert all(len(container) == 2 for container in bars.values())
    assert [bar.get_height() for bar in bars["B"]] == [3, 0]  # FY2016 first
    assert [bar.get_y() for bar in bars["C"]] == [4, 1]
    marks = containers(grade_distribution_chart({FiscalYear(2016): Counter({"×": 1, "◎": 2, "△": 1})}))
    assert list(marks) == ["◎", "△", "×"]


def test_grade_counts_must_be_counts() -> None:
    with pytest.raises(ValidationError, match="must be a count"):
        grade_distribution_chart({FiscalYear(2016): {"B": -1}})


# --- what-if -----------------------------------------------------------------------------------------------


def test_whatif_totals_per_variant(no_font_warning: None, tmp_path: Path) -> None:
    base = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
    variants = rule_grid(base, rate=["1/2", "2/3"], cap_per_fy=[200_000, 300_000])
    population = [
        Application(body, FiscalYear(year), cost)
        for body, cost in [("A", 420_000), ("B", 150_000)]
        for year in (2015, 2016)
    ]
    result = what_if(population, variants)
    totals = result.totals()
    figure = whatif_chart(result)
    bars = containers(figure)
    assert list(bars) == ["交付総額"]
    assert [bar.get_width() for bar in bars["交付総額"]] == list(totals.values())
    assert texts(figure) == [format_yen(total) for total in totals.values()]
    axes = figure.axes[0]
    assert [text.get_text() for text in axes.get_yticklabels()] == list(variants)
    assert all(uses_japanese_font(text) for text in [axes.title, axes.xaxis.label, *axes.texts])

    by_year = whatif_chart(result, by_fy=True)
    stacked = containers(by_year)
    assert list(stacked) == ["平成27年度", "平成28年度"]
    assert all(len(container) == len(variants) for container in stacked.values())
    assert save(by_year, tmp_path / "whatif.png").read_bytes().startswith(PNG_SIGNATURE)


def test_whatif_chart_refuses_other_things() -> None:
    with pytest.raises(ValidationError, match="expected a WhatIf"):
        whatif_chart({"rate=1/2": 100})  # type: ignore[arg-type]


def test_save_refuses_what_is_not_a_figure(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="expected a matplotlib Figure"):
        save("chart", tmp_path / "x.png")  # type: ignore[arg-type]


def test_the_report_chart_shows_the_charted_indicators_own_grade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A measure's combined grade (the worst of its indicators) used to be drawn beside one indicator's figures.
    import kyodo.charts
    from kyodo import FiscalYear, Indicator, Measure, Observation, Plan, Section, Target, dumps
    from kyodo.cli import main

    years = [FiscalYear(2020), FiscalYear(2021)]
    good = Indicator(
        "参加者数", "人", targets=[Target(fy, 100) for fy in years], actuals=[Observation(fy, 101) for fy in years]
    )
    poor = Indicator(
        "団体数", "団体", targets=[Target(fy, 100) for fy in years], actuals=[Observation(fy, 50) for fy in years]
    )
    measure = Measure("1", "交流事業", indicators=[good, poor])
    plan = Plan("計画", "某市", FiscalYear.range(2020, 2021), sections=[Section("Ⅰ", "協働", children=[measure])])
    path = tmp_path / "plan.toml"
    path.write_text(dumps(plan, "toml"), encoding="utf-8")
    drawn: dict[FiscalYear, str] = {}
    original = kyodo.charts.indicator_chart

    def spy(indicator: Indicator, grades: dict[FiscalYear, str], **options: object) -> object:
        drawn.update(grades)
        return original(indicator, grades, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(kyodo.charts, "indicator_chart", spy)
    status = main(["report", str(path), "--scheme", "osaka-pref-library-2016", "--chart", str(tmp_path / "c.png")])
    assert status == 0
    scheme = kyodo.preset("osaka-pref-library-2016")
    assert drawn == {fy: scheme.grade_indicator(good, fy).label for fy in years}
    assert set(drawn.values()) != {scheme.grade_indicator(poor, years[0]).label}


# --- charts in notebooks, and labels that never overprint (issue 13) -------------------------------


def _boxes(figure: Figure, texts: list[matplotlib.text.Text]) -> list[Bbox]:
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw_without_rendering()
    return [text.get_window_extent(renderer) for text in texts if text.get_text() and text.get_visible()]


def test_every_chart_draws_itself_where_a_notebook_shows_it(centres: Indicator) -> None:
    run = what_if([Application("A", FiscalYear(2015), 300_000)], {"v": SubsidyRule("x", [SubsidyTerms(rate="1/2")])})
    made = [
        indicator_chart(centres),
        grade_distribution_chart({FiscalYear(2016): Counter({"B": 2})}),
        whatif_chart(run),
    ]
    for figure in made:
        assert isinstance(figure, Figure)
        drawn = figure._repr_png_()  # type: ignore[attr-defined]
        assert drawn.startswith(PNG_SIGNATURE)
        assert len(drawn) > 5_000


@settings(max_examples=12, deadline=None)
@given(
    highest=st.integers(min_value=1, max_value=10**9),
    years=st.integers(min_value=1, max_value=8),
)
def test_the_grade_row_label_never_overprints_a_tick_label(highest: int, years: int) -> None:
    indicator = Indicator(
        "指標",
        "件",
        targets=[Target(FiscalYear(2015 + year), highest) for year in range(years)],
        actuals=[Observation(FiscalYear(2015 + year), highest - year) for year in range(years) if highest > year],
    )
    figure = indicator_chart(indicator, grades={FiscalYear(2015 + year): "A" for year in range(years)})
    axes = figure.axes[0]
    (row_label,) = [text for text in axes.texts if text.get_text() == "評価"]
    label_box, *tick_boxes = _boxes(figure, [row_label, *axes.get_yticklabels()])
    assert tick_boxes
    assert not any(label_box.overlaps(box) for box in tick_boxes)


@settings(max_examples=10, deadline=None)
@given(
    costs=st.lists(st.integers(min_value=0, max_value=10**10), min_size=1, max_size=4),
    width=st.sampled_from([4.0, 6.0, 8.0]),
    by_fy=st.booleans(),
)
def test_whatif_totals_end_inside_the_axes_and_ticks_never_touch(costs: list[int], width: float, by_fy: bool) -> None:
    applications = [Application(f"団体{index}", FiscalYear(2015 + index % 3), cost) for index, cost in enumerate(costs)]
    run = what_if(applications, rule_grid(SubsidyRule("x", [SubsidyTerms(rate="1/2")]), rate=["1/3", "1/2", "2/3"]))
    figure = whatif_chart(run, by_fy=by_fy, figsize=(width, 3.0))
    axes = figure.axes[0]
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw_without_rendering()
    frame = axes.get_window_extent(renderer)
    for text in axes.texts:
        assert text.get_window_extent(renderer).x1 <= frame.x1 + 0.5, text.get_text()
    ticks = sorted(_boxes(figure, list(axes.get_xticklabels())), key=lambda box: box.x0)
    assert all(before.x1 < after.x0 for before, after in itertools.pairwise(ticks))


def test_use_japanese_font_draws_your_own_plots_without_missing_glyphs_and_puts_settings_back() -> None:
    from matplotlib import rcParams

    def title_warnings() -> list[str]:
        figure = Figure()
        figure.add_subplot().set_title("平成23年度の達成率")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            FigureCanvasAgg(figure).draw()
        return [str(warning.message) for warning in caught if "missing" in str(warning.message).lower()]

    before = list(rcParams["font.family"])
    with charts.use_japanese_font():
        assert title_warnings() == []
    assert list(rcParams["font.family"]) == before
    setting = charts.use_japanese_font()
    try:
        assert rcParams["font.family"][0] == "IPAexGothic"
    finally:
        setting.undo()
    assert list(rcParams["font.family"]) == before
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        assert title_warnings(), "without the opt-in the default font should miss the Japanese glyphs"


def test_whatif_chart_draws_a_columnar_study_as_it_draws_rows() -> None:
    import pandas as pd

    applications = [
        Application("東地区", FiscalYear(2015), 420_000),
        Application("西地区", FiscalYear(2015), 150_000),
        Application("東地区", FiscalYear(2016), 90_000),
    ]
    frame = pd.DataFrame(
        {"body": [a.body for a in applications], "fy": [2015, 2015, 2016], "cost": [a.cost for a in applications]}
    )
    variants = rule_grid(SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)]), rate=["1/2", "2/3"])
    rows, columns = what_if(applications, variants), kyodo.what_if_frame(frame, variants)
    assert columns.budget_needed() == rows.budget_needed()
    for by_fy in (False, True):
        drawn = [whatif_chart(result, by_fy=by_fy).axes[0] for result in (rows, columns)]
        assert [text.get_text() for text in drawn[0].texts] == [text.get_text() for text in drawn[1].texts]
        assert [c.get_label() for c in drawn[0].containers] == [c.get_label() for c in drawn[1].containers]
