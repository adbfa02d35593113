"""Every preset against its printed legend: at, just below and just above each printed threshold, with
the real figures its source prints, and the laws a legend on several bases obeys."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kyodo
import kyodo.io
from kyodo import FiscalYear, Grade, GradingScheme, Indicator, Observation, Target, ValidationError, preset
from kyodo.bases import Achievement, Actual, Change, FigureUnit, Pace, Progress, Reading
from kyodo.grading import Band, Case, Condition
from kyodo.indicators import format_percent

BASE, YEAR, FINAL = FiscalYear(2015), FiscalYear(2019), FiscalYear(2020)
TINY = Fraction(1, 10**6)


def indicator(
    actual: Decimal | int | str | None,
    *,
    baseline: Decimal | int | str | None = 100,
    final: Decimal | int | str | None = 120,
    year_target: Decimal | int | str | None = None,
    unit: str = "人",
    direction: str = "increase",
) -> Indicator:
    """An indicator with a baseline in FY2015, a final target in FY2020 and an actual in FY2019."""
    targets = [Target(FINAL, Decimal(str(final)))] if final is not None else []
    if year_target is not None:
        targets.append(Target(YEAR, Decimal(str(year_target))))
    return Indicator(
        "指標",
        unit,
        direction,
        baseline=None if baseline is None else Observation(BASE, Decimal(str(baseline))),
        targets=targets,
        actuals=[] if actual is None else [Observation(YEAR, Decimal(str(actual)))],
    )


def labels(scheme: GradingScheme, rates: list[Fraction]) -> list[str]:
    return [scheme.grade_label(rate) for rate in rates]


def around(bound: Fraction) -> list[Fraction]:
    return [bound - TINY, bound, bound + TINY]


# --- legends on one basis: at, below and above every printed threshold -----------------------------


@pytest.mark.parametrize(
    ("name", "bound", "grades"),
    [
        # 長与町 R4: A 10%以上の進展 / B ±10% / C 10%以上の遅れ (以上 inclusive on both sides).
        ("nagayo-2022", Fraction(11, 10), ["B", "A", "A"]),
        ("nagayo-2022", Fraction(9, 10), ["C", "C", "B"]),
        # いの町: ◎ 目標値以上 / △ 目標値未満.
        ("ino-2017", Fraction(1), ["△", "◎", "◎"]),
        # 富士市: 80%以上 / 50%以上80%未満 / 50%未満 (20%以上) / 20%未満.
        ("fuji-interim", Fraction(4, 5), ["50%以上80%未満", "80%以上", "80%以上"]),
        ("fuji-interim", Fraction(1, 2), ["50%未満", "50%以上80%未満", "50%以上80%未満"]),
        ("fuji-interim", Fraction(1, 5), ["20%未満", "50%未満", "50%未満"]),
        # 多摩市 (the target's k/n): ① 100%以上 / ② 60%以上100%未満 / ③ 60%未満.
        ("tama-pace-cumulative", Fraction(1), ["②", "①", "①"]),
        ("tama-pace-cumulative", Fraction(3, 5), ["③", "②", "②"]),
        # 大阪府立図書館 2016: A 110%以上 / B 90%以上110%未満 / C 60%以上90%未満 / D 60%未満.
        ("osaka-pref-library-2016", Fraction(11, 10), ["B", "A", "A"]),
        ("osaka-pref-library-2016", Fraction(9, 10), ["C", "B", "B"]),
        ("osaka-pref-library-2016", Fraction(3, 5), ["D", "C", "C"]),
        # 大阪府立図書館 2013: A 110%以上 / B 80%以上110%未満 / C 50%以上80%未満 / D 50%未満.
        ("osaka-pref-library-2013", Fraction(11, 10), ["B", "A", "A"]),
        ("osaka-pref-library-2013", Fraction(4, 5), ["C", "B", "B"]),
        ("osaka-pref-library-2013", Fraction(1, 2), ["D", "C", "C"]),
    ],
)
def test_each_printed_threshold_of_a_one_basis_legend(name: str, bound: Fraction, grades: list[str]) -> None:
    assert labels(preset(name), around(bound)) == grades


def test_ino_keeps_its_word_only_grades_as_a_vocabulary() -> None:
    ino = preset("ino-2017")
    assert [grade.label for grade in ino.grades] == ["◎", "○", "△", "×"]
    assert [grade.recorded_only for grade in ino.grades] == [False, True, False, True]
    # ○ 目標値と同等 is never computed: exactly at the target is ◎, as 「目標値以上」 prints.
    assert {ino.grade_label(rate) for rate in (Fraction(1), Fraction(99, 100), Fraction(2))} == {"◎", "△"}


# --- real figures printed beside grades -------------------------------------------------------------

# 大阪府立図書館 重点目標評価シート 25–27年度 (the 2013 legend): target, actual, printed grade.
OSAKA_2013 = [
    ("協力貸出冊数 H25", 67_000, 62_879, "B"),
    ("協力貸出冊数 H26", 67_000, 62_101, "B"),
    ("協力貸出冊数 H27", 67_000, 62_867, "B"),
    # A target for the final year; the sheet grades each year by the same ratio bands (B, B, A),
    # not by the words for years 1–2 (which would give A once the target is passed).
    ("市町村間物流冊数 H25", 30_000, 30_949, "B"),
    ("市町村間物流冊数 H26", 30_000, 32_944, "B"),
    ("市町村間物流冊数 H27", 30_000, 35_717, "A"),
    ("利用者満足度 H25", Decimal(95), Decimal("94.5"), "B"),
    ("利用者満足度 H26", Decimal(95), Decimal("94.9"), "B"),
    ("利用者満足度 H27", Decimal(95), Decimal("94.8"), "B"),
    ("イベント参加者数 H25", 5_300, 5_424, "B"),
    ("イベント参加者数 H26", 5_300, 6_568, "A"),
    ("イベント参加者数 H27", 5_300, 6_254, "A"),
    ("新規連携先数 H25", 3, 4, "A"),
    ("新規連携先数 H26", 3, 5, "A"),
]


@pytest.mark.parametrize(("name", "target", "actual", "printed"), OSAKA_2013, ids=[row[0] for row in OSAKA_2013])
def test_osaka_2013_sheets_grade_as_printed(name: str, target: int, actual: int, printed: str) -> None:
    result = preset("osaka-pref-library-2013").grade_indicator(
        indicator(actual, final=None, year_target=target, baseline=None), YEAR
    )
    assert result.label == printed


# 大阪府立図書館 重点取組業務 自己点検シート 平成29年度 (the 2016 legend): 目標値, H29 actual, printed 評価.
OSAKA_2016 = [
    ("1 MLメール件数", "件", "300", "302", "B"),
    ("2 協力車による搬送数", "冊", "96000", "101068", "B"),
    ("3 巡回相談カバー率", "%", "100", "100", "A"),  # the case of a target of 100%
    ("4 研修実施数", "回", "30", "41", "A"),
    ("6 調査報告数", "件", "2", "3", "A"),
    ("7 職員の研修参加実績", "%", "100", "100", "A"),  # the case of a target of 100%
    ("9 蔵書満足度", "%", "80", "88.2", "A"),  # 110.25%: just over the bound of A
]


@pytest.mark.parametrize(
    ("name", "unit", "target", "actual", "printed"), OSAKA_2016, ids=[row[0] for row in OSAKA_2016]
)
def test_osaka_2016_sheet_grades_as_printed(name: str, unit: str, target: str, actual: str, printed: str) -> None:
    result = preset("osaka-pref-library-2016").grade_indicator(
        indicator(actual, final=None, year_target=target, baseline=None, unit=unit), YEAR
    )
    assert result.label == printed


@pytest.mark.parametrize(
    ("actual", "general", "case"),
    [("100", "B", "A"), ("99.9", "B", "B"), ("90", "B", "B"), ("89.9", "C", "C"), ("59.9", "D", "D")],
)
def test_osaka_2016_grades_targets_of_100_percent_by_their_own_case(actual: str, general: str, case: str) -> None:
    osaka = preset("osaka-pref-library-2016")
    count = indicator(actual, final=None, year_target=100, baseline=None, unit="件")
    share = indicator(actual, final=None, year_target=100, baseline=None, unit="%")
    assert osaka.grade_indicator(count, YEAR).label == general
    result = osaka.grade_indicator(share, YEAR)
    assert result.label == case
    assert result.scheme.name == "osaka-pref-library-2016 (目標値100%)"


# 富士市 前期基本計画の事業費: 計画額 (A), 実績額 (B) and the 進捗率 (B)/(A) printed, to 0.1% rounded half up.
FUJI_COSTS = [
    (7_937_499, 7_415_050, "93.4%"),
    (1_570_693, 3_034_064, "193.2%"),
    (1_895_000, 2_252_251, "118.9%"),
    (3_465_693, 5_286_315, "152.5%"),
    (5_888_375, 6_248_204, "106.1%"),
    (621_549, 555_404, "89.4%"),
    (6_509_924, 6_803_608, "104.5%"),
    (16_831_644, 1_618_233, "9.6%"),
    (21_001_260, 14_199_533, "67.6%"),
    (37_832_904, 15_817_766, "41.8%"),
    (11_400_360, 11_252_942, "98.7%"),
    (24_477_850, 19_079_275, "77.9%"),
    (8_848_534, 7_184_462, "81.2%"),
    (33_326_384, 26_263_737, "78.8%"),
    (1_988_550, 2_186_838, "110.0%"),
    (70_094_971, 50_834_606, "72.5%"),
    (22_896_260, 16_451_784, "71.9%"),
    (102_461_314, 75_026_256, "73.2%"),
]


@pytest.mark.parametrize(("planned", "spent", "printed"), FUJI_COSTS)
def test_fuji_progress_rates_read_as_printed_and_fall_in_their_bins(planned: int, spent: int, printed: str) -> None:
    fuji = preset("fuji-interim")
    result = fuji.grade_indicator(indicator(spent, final=planned, baseline=None), YEAR)
    assert format_percent(result.rate or Fraction(0)) == printed
    shown = Decimal(printed.rstrip("%"))
    expected = (
        "80%以上" if shown >= 80 else "50%以上80%未満" if shown >= 50 else "50%未満" if shown >= 20 else "20%未満"
    )
    assert result.label == expected


def test_fuji_grades_against_the_next_target_and_names_a_missing_figure() -> None:
    fuji = preset("fuji-interim")
    interim = Indicator(
        "講座数",
        "講座",
        baseline=Observation(BASE, 10),
        targets=[Target(FiscalYear(2017), 20), Target(FINAL, 40)],
        actuals=[Observation(FiscalYear(2016), 15), Observation(FiscalYear(2017), 16)],
    )
    # FY2016 has no target of its own: the next one, FY2017's 20, is the 中間目標値.
    assert fuji.grade_indicator(interim, FiscalYear(2016)).rate == Fraction(15, 20)
    assert fuji.grade_indicator(interim, FiscalYear(2017)).label == "80%以上"
    missing = fuji.grade_indicator(interim, FiscalYear(2018))
    assert (missing.label, missing.how) == ("その他", "no_actual")
    assert missing.explanation.text("ja") == "その他: この年度の実績がないため"


# --- legends on several bases -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "grade"),
    [
        # S 現在値が目標値 (120) を超えている: strictly above.
        ("120.1", "S"),
        ("120", "A"),
        # A 基準値 (100) を超えている: strictly above.
        ("100.1", "A"),
        ("100", "B"),
        # B 基準値と同水準 (△10%以内): down to 90 included.
        ("90", "B"),
        ("89.9", "C"),
        ("0", "C"),
    ],
)
def test_nagayo_2019_at_each_printed_threshold(actual: str, grade: str) -> None:
    assert preset("nagayo-2019").grade_indicator(indicator(actual), YEAR).label == grade


def test_nagayo_2019_names_a_year_it_cannot_assess() -> None:
    nagayo = preset("nagayo-2019")
    result = nagayo.grade_indicator(indicator(None), YEAR)
    assert (result.label, result.how) == ("−", "no_actual")
    # Without a baseline A and B cannot be tested, so C (what is left) is not known either.
    assert nagayo.grade_indicator(indicator("95", baseline=None), YEAR).label == "−"
    # S needs no baseline.
    assert nagayo.grade_indicator(indicator("130", baseline=None), YEAR).label == "S"


def test_nagayo_2019_explains_each_basis_it_read() -> None:
    result = preset("nagayo-2019").grade_indicator(indicator("95"), YEAR)
    assert result.explanation.text("en") == (
        "B: change from the baseline -5.0% ((95 − 100) / 100) is not above 0.0%, the lower bound of A,"
        " and at or above -10.0%, the lower bound of B; achievement 79.2% (95 / 120) is not above 100.0%,"
        " the lower bound of S"
    )
    assert result.explanation.text("ja") == (
        "B: 基準値からの変化 -5.0% ((95 − 100) / 100) は A の下限 0.0% を超えない、B の下限 -10.0% 以上。"
        "達成率 79.2% (95 / 120) は S の下限 100.0% を超えない"
    )
    facts = result.explanation
    assert facts.fact("rate") == Fraction(-1, 20)
    assert facts.fact("basis") == "change"
    assert facts.fact("readings") == {"achievement": Fraction(95, 120), "change": Fraction(-1, 20)}


@pytest.mark.parametrize(
    ("name", "actual", "grade"),
    [
        # Baseline 100 in FY2015, target 120 in FY2020: by FY2019 (4 of 5 years) the path is at 116.
        ("fukuoka-2018", "116", "a"),
        ("fukuoka-2018", "115.9", "b"),
        ("fukuoka-2018", "100", "b"),
        ("fukuoka-2018", "99.9", "c"),
        ("fukuoka-2018-survey", "100", "b"),
        # ±3パーセント未満 is 現状維持: a fall of under 3 points is b, of exactly 3 is c.
        ("fukuoka-2018-survey", "97.1", "b"),
        ("fukuoka-2018-survey", "97", "c"),
    ],
)
def test_fukuoka_at_each_threshold(name: str, actual: str, grade: str) -> None:
    assert preset(name).grade_indicator(indicator(actual), YEAR).label == grade


def test_fukuoka_survey_explains_the_tolerance_in_points() -> None:
    result = preset("fukuoka-2018-survey").grade_indicator(indicator("97.5", unit="%"), YEAR)
    assert result.label == "b"
    assert result.explanation.text("ja").startswith(
        "b: 基準値からの変化 -2.5ポイント (97.5 − 100) は b の下限 -3.0ポイント 超"
    )
    assert "change from the baseline -2.5 points (97.5 − 100) is above -3.0 points, the lower bound of b" in (
        result.explanation.text("en")
    )


@pytest.mark.parametrize(
    ("actual", "year_target", "grade"),
    [
        # 数値達成率が100以上: the year's own target met.
        ("110", "110", "達成"),
        # 又は進捗度が100以上: progress from 100 to the year's target of 110 made in full... or not.
        ("109.9", "110", "未達成"),
        # Progress can reach 100% where the ratio cannot: a target below the baseline, less being worse.
        ("95", "95", "達成"),
    ],
)
def test_miyakojima_grades_achievement_or_progress(actual: str, year_target: str, grade: str) -> None:
    result = preset("miyakojima-2007").grade_indicator(indicator(actual, year_target=year_target), YEAR)
    assert result.label == grade


@pytest.mark.parametrize("how", ["grade", "grade_label", "band_of"])
def test_a_legend_on_several_bases_cannot_grade_one_rate_alone(how: str) -> None:
    with pytest.raises(ValidationError, match="grades by several bases"):
        getattr(preset("nagayo-2019"), how)(Fraction(1))


@pytest.mark.parametrize("how", ["grade", "grade_label", "band_of"])
def test_a_legend_without_bands_grades_no_rate(how: str) -> None:
    recorded = GradingScheme("recorded", [Grade("○", recorded_only=True), Grade("×", recorded_only=True)])
    with pytest.raises(ValidationError, match="has no bands"):
        getattr(recorded, how)(Fraction(1))


# --- bases and bands in their own units -------------------------------------------------------------


def test_change_reads_points_or_percent_and_counts_a_fall_as_a_gain_where_less_is_better() -> None:
    waste = indicator("90", direction="decrease")
    points, percent = Change("points").read(waste, YEAR), Change("percent").read(waste, YEAR)
    assert isinstance(points, Reading)
    assert isinstance(percent, Reading)
    assert (points.value, points.unit, points.en) == (Fraction(10), FigureUnit.POINTS, " (100 − 90)")
    assert (percent.value, percent.unit) == (Fraction(1, 10), FigureUnit.PERCENT)
    zero = Change("percent").read(indicator("5", baseline=0), YEAR)
    assert not isinstance(zero, Reading)
    assert zero.how == "undefined"


def test_cumulative_pace_judges_year_k_against_k_over_n_of_the_target() -> None:
    # 多摩市: year 4 of 5 against 80% of a target of 120 (96).
    reading = Pace("cumulative").read(indicator("96"), YEAR)
    assert isinstance(reading, Reading)
    assert reading.value == 1
    assert reading.en == " (96 / (120 × 4/5))"


def test_an_actual_basis_grades_the_value_itself_where_lower_is_better() -> None:
    # 待機児童数: a target of 0 has no ratio; a legend of the value itself grades it.
    waiting = GradingScheme(
        "待機児童数",
        [Grade("A", bands=[Band.parse("0以下", "value")]), Grade("D", bands=["otherwise"])],
        basis=Actual("lower"),
    )
    assert [waiting.grade_label(value) for value in (0, 1, 3)] == ["A", "D", "D"]
    result = waiting.grade_indicator(indicator(3, final=0, direction="decrease"), YEAR)
    assert result.explanation.text("en") == "D: actual value 3.0 人 is above 0.0 人, the upper bound of A"
    assert result.explanation.text("ja") == "D: 実績値 3.0人 は A の上限 0.0人 を超える"
    with pytest.raises(ValidationError, match="list the grades of lower figures first"):
        GradingScheme(
            "upside down",
            [Grade("A", bands=[Band.parse("1以上", "value")]), Grade("D", bands=[Band.parse("1未満", "value")])],
            basis=Actual("lower"),
        )


def test_bands_carry_their_unit_and_a_scheme_refuses_one_in_another_unit() -> None:
    assert Band.parse("±3ポイント未満") == Band(Fraction(-3), False, Fraction(3), False, "points")
    assert Band.parse("16点以上").unit is FigureUnit.SCORE
    with pytest.raises(ValidationError) as caught:
        GradingScheme("mixed", [Grade("A", bands=["3ポイント以上"]), Grade("B", bands=["otherwise"])])
    assert caught.value.problems[0] == (
        "grades[0].bands",
        "the band >= 3pt is in points, but achievement is measured in percent",
    )
    with pytest.raises(kyodo.ParseError, match="'80' has no %"):
        Band.parse("80以上")


def test_a_scheme_file_reads_unmarked_bands_in_its_basis_unit() -> None:
    text = """
schema = "kyodo.grading/1"
name = "points"
basis = { kind = "change", unit = "points" }

[[grades]]
label = "改善"
bands = ["3以上"]

[[grades]]
label = "維持"
bands = ["-3超3未満"]

[[grades]]
label = "悪化"
bands = ["-3以下"]
"""
    scheme = kyodo.loads(text, "toml", kind=GradingScheme)
    assert scheme.basis == Change("points")
    assert [scheme.grade_label(value) for value in (3, Fraction(29, 10), -3)] == ["改善", "維持", "悪化"]
    assert kyodo.loads(kyodo.dumps(scheme, "toml"), "toml", kind=GradingScheme) == scheme
    assert kyodo.dumps(scheme, "toml").count('"-3pt < x < 3pt"') == 1


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"kind": "pace", "path": "straight"}, "basis.path: 'straight' is not a path to the final target"),
        ({"kind": "change", "unit": "score"}, "basis.unit: a change is measured in points or percent, not score"),
        ({"kind": "actual", "toward": "final"}, "basis.toward: the basis actual takes better"),
        ("ratio", "basis: 'ratio' is not a basis; expected one of achievement, progress, pace, change, actual"),
    ],
)
def test_a_bad_basis_in_a_file_is_named(data: object, problem: str) -> None:
    body = {"schema": "kyodo.grading/1", "name": "x", "basis": data, "grades": [{"label": "A", "bands": ["otherwise"]}]}
    with pytest.raises(ValidationError) as caught:
        kyodo.from_data(body, GradingScheme)
    assert str(caught.value).startswith(problem), str(caught.value)


def test_several_bases_need_one_grade_for_what_is_left_and_nothing_after_it() -> None:
    with pytest.raises(ValidationError, match="exactly one grade for 'otherwise'"):
        GradingScheme(
            "no rest", [Grade("A", when=[Condition(Progress(), ["100%以上"])]), Grade("B", bands=["100%未満"])]
        )
    with pytest.raises(ValidationError, match="no figure reaches it"):
        GradingScheme(
            "after the rest",
            [
                Grade("A", when=[Condition(Progress(), ["100%以上"])]),
                Grade("B", bands=["otherwise"]),
                Grade("C", bands=["50%未満"]),
            ],
        )
    with pytest.raises(ValidationError, match="overlap"):
        GradingScheme(
            "overlapping",
            [
                Grade("A", when=[Condition(Change(), ["0以上"])]),
                Grade("B", when=[Condition(Change(), ["-10以上"])]),
                Grade("C", bands=["otherwise"]),
            ],
        )


def test_cases_are_read_and_written_with_their_own_legend() -> None:
    osaka = preset("osaka-pref-library-2016")
    assert osaka.cases == (Case(Decimal(100), osaka.cases[0].scheme, "%"),)
    assert kyodo.loads(kyodo.dumps(osaka, "yaml"), "yaml", kind=GradingScheme) == osaka


# --- laws -------------------------------------------------------------------------------------------

SEVERAL = [preset(name) for name in kyodo.preset_names() if preset(name).several_bases]
FIGURES = st.decimals(min_value=-500, max_value=500, places=1, allow_nan=False, allow_infinity=False)


def _first_met(scheme: GradingScheme, ind: Indicator) -> str | None:
    """The grade a list read best first gives, worked out from each basis's reading on its own."""
    for grade in scheme.grades:
        tests = [(scheme.basis, grade.bands)] + [(c.basis, c.bands) for c in grade.when]
        for basis, bands in tests:
            reading = basis.read(ind, YEAR)
            if isinstance(reading, Reading) and any(reading.value in band and not band.is_otherwise for band in bands):
                return grade.label
    return None


@given(st.sampled_from(SEVERAL), FIGURES, FIGURES, FIGURES)
def test_a_legend_on_several_bases_gives_the_first_grade_met(
    scheme: GradingScheme, actual: Decimal, baseline: Decimal, final: Decimal
) -> None:
    ind = indicator(actual, baseline=baseline, final=final, year_target=final)
    result = scheme.grade_indicator(ind, YEAR)
    first = _first_met(scheme, ind)
    if first is not None:
        assert result.label == first
    elif result.how == "band":
        # Nothing better met, and every basis a better grade needs was read: what is left.
        assert result.label == next(g.label for g in scheme.grades if any(b.is_otherwise for b in g.bands))
        assert all(isinstance(reading, Reading) for _basis, reading in result.readings)
    if result.how == "band":
        assert result.explanation.fact("rate") == result.rate
        for basis, reading in result.readings:
            if isinstance(reading, Reading):
                assert result.explanation.fact("readings")[basis.value] == reading.value


@given(st.sampled_from(SEVERAL), FIGURES, st.decimals(min_value=0, max_value=50, places=1), FIGURES)
def test_a_higher_actual_never_gets_a_worse_grade(
    scheme: GradingScheme, actual: Decimal, more: Decimal, final: Decimal
) -> None:
    baseline = Decimal(100)
    low = scheme.grade_indicator(indicator(actual, baseline=baseline, final=final, year_target=final), YEAR)
    high = scheme.grade_indicator(indicator(actual + more, baseline=baseline, final=final, year_target=final), YEAR)
    if low.how == "band" and high.how == "band" and final > baseline:
        assert scheme.rank(high.label or "") <= scheme.rank(low.label or "")


_CLAUSE = re.compile(r"(below|not above|at or above|above|not below|at or below) (-?[\d.]+)")
_TRUE = {
    "below": lambda a, b: a < b,
    "not above": lambda a, b: a <= b,
    "at or above": lambda a, b: a >= b,
    "above": lambda a, b: a > b,
    "not below": lambda a, b: a >= b,
    "at or below": lambda a, b: a <= b,
}
_PHRASE = re.compile(r"(?:^[^:]+: |; )[a-z ]+? (-?[\d.]+)[^;]*? is (.*?)(?=; |$)")


@given(st.sampled_from(SEVERAL), FIGURES, FIGURES)
def test_every_clause_of_a_several_bases_sentence_is_true_of_its_figures(
    scheme: GradingScheme, actual: Decimal, final: Decimal
) -> None:
    result = scheme.grade_indicator(indicator(actual, final=final, year_target=final), YEAR)
    if result.how != "band":
        return
    text = result.explanation.text("en")
    phrases = _PHRASE.findall(text)
    assert phrases, text
    for shown, clauses in phrases:
        for word, bound in _CLAUSE.findall(clauses):
            assert _TRUE[word](Decimal(shown), Decimal(bound)), text


def test_a_basis_object_or_its_name_makes_the_same_scheme() -> None:
    grades = [Grade("A", bands=["100%以上"]), Grade("B", bands=["otherwise"])]
    assert GradingScheme("x", grades, basis="progress") == GradingScheme("x", grades, basis=Progress())
    assert GradingScheme("x", grades, basis="達成率").basis == Achievement()


# --- combining a measure's indicators: best, points, two axes -------------------------------------


def _two_indicators(first: int, second: int, grade: str | None = None) -> kyodo.Measure:
    fy = YEAR
    evaluations = [kyodo.Evaluation("annual", fy, grade=grade, assessment="委員会の判断")] if grade else []
    return kyodo.Measure(
        "1",
        "二指標",
        indicators=[
            Indicator(
                "a",
                "件",
                baseline=Observation(BASE, 0),
                targets=[Target(fy, 100), Target(FINAL, 125)],
                actuals=[Observation(fy, first)],
            ),
            Indicator(
                "b",
                "件",
                baseline=Observation(BASE, 0),
                targets=[Target(fy, 100), Target(FINAL, 125)],
                actuals=[Observation(fy, second)],
            ),
        ],
        evaluations=evaluations,
    )


def test_best_takes_the_best_indicator_and_says_so() -> None:
    osaka = preset("osaka-pref-library-2016")
    result = kyodo.grade_measure(_two_indicators(120, 50), YEAR, osaka, combine="best")
    assert result.computed.label == "A"
    assert result.explanation.text("en").endswith("(the best of 2 indicators' grades: a)")
    assert result.explanation.text("ja").endswith("（2指標のうち最も高い評価: a）")
    worst = kyodo.grade_measure(_two_indicators(120, 50), YEAR, osaka)
    assert worst.computed.label == "D"


def test_points_sum_each_grade_and_grade_the_total() -> None:
    sano = preset("sano-achievement-points")
    levels = GradingScheme(
        "levels",
        [Grade("I", bands=["13点以上"]), Grade("II", bands=["11点以上13点未満"]), Grade("III", bands=["otherwise"])],
        basis="score",
    )
    # 100% earns 7 points and 85% 5: 12, at the bound of II; 90% earns 6: 13, at the bound of I.
    assert (
        kyodo.grade_measure(_two_indicators(100, 85), YEAR, sano, combine=kyodo.Points(levels)).computed.label == "II"
    )
    assert kyodo.grade_measure(_two_indicators(100, 90), YEAR, sano, combine=kyodo.Points(levels)).computed.label == "I"
    assert (
        kyodo.grade_measure(_two_indicators(40, 45), YEAR, sano, combine=kyodo.Points(levels)).computed.label == "III"
    )
    letters = kyodo.Points(levels, {"A": 7, "B": 5, "C": 3, "D": 1})
    result = kyodo.grade_measure(_two_indicators(120, 95), YEAR, preset("osaka-pref-library-2016"), combine=letters)
    assert result.computed.rate == 12
    assert result.explanation.text("en") == (
        "II: total score 12.0 pt is below 13.0 pt, the lower bound of I, and at or above 11.0 pt, the lower bound of II"
        " (the points of 2 indicators' grades A, B: 7 + 5)"
    )
    with pytest.raises(ValidationError, match="no points are given for the grade 'A'"):
        kyodo.grade_measure(
            _two_indicators(120, 95), YEAR, preset("osaka-pref-library-2016"), combine=kyodo.Points(levels)
        )
    with pytest.raises(ValidationError, match="the total is graded on the score basis"):
        kyodo.Points(preset("osaka-pref-library-2016"))


def test_several_bases_have_no_mean_rate() -> None:
    with pytest.raises(ValidationError, match="its rates have no mean"):
        kyodo.grade_measure(_two_indicators(120, 95), YEAR, preset("nagayo-2019"), combine="mean")


ACHIEVED = GradingScheme(
    "達成度", [Grade("A", bands=["100%以上"]), Grade("B", bands=["80%以上100%未満"]), Grade("C", bands=["otherwise"])]
)
ON_PACE = GradingScheme("進捗", [Grade("a", bands=["100%以上"]), Grade("b", bands=["otherwise"])], basis="pace")


def test_two_axes_join_the_letters_and_compare_with_the_recorded_grade() -> None:
    legend = kyodo.TwoAxis("長崎市型", ACHIEVED, ON_PACE)
    assert legend.grades == ("Aa", "Ab", "Ba", "Bb", "Ca", "Cb")
    # 90 of 100 this year (B); by FY2019, 4 of 5 years, the path to 125 is at 100: 90 is behind (b).
    result = kyodo.grade_two_axes(_two_indicators(90, 95, grade="Bb"), YEAR, legend)
    assert (result.first.computed.label, result.second.computed.label, result.label) == ("B", "b", "Bb")
    assert (result.recorded, result.differs) == ("Bb", False)
    assert result.explanation.text("ja") == "Bb: 達成度 B と 進捗 b"
    ahead = kyodo.grade_two_axes(_two_indicators(100, 110, grade="Bb"), YEAR, legend)
    assert (ahead.label, ahead.differs) == ("Aa", True)
    assert ahead.explanation.text("en") == (
        "Aa: 達成度 A and 進捗 a; the recorded grade is Bb (the evaluator's reason, in the document's words: 委員会の判断)"
    )
    assert [part.rule for part in ahead.explanation.parts] == ["grade.measure", "grade.measure"]


def test_a_two_axis_matrix_is_data_and_must_cover_every_pair() -> None:
    matrix = {(a, b): ("◎" if a == "A" else "○" if a == "B" else "△") for a in "ABC" for b in "ab"}
    legend = kyodo.TwoAxis("matrix", ACHIEVED, ON_PACE, matrix)
    assert legend.grades == ("◎", "○", "△")
    assert kyodo.grade_two_axes(_two_indicators(90, 95), YEAR, legend).label == "○"
    del matrix[("C", "b")]
    with pytest.raises(ValidationError, match="no grade is given for Cb"):
        kyodo.TwoAxis("incomplete", ACHIEVED, ON_PACE, matrix)
    with pytest.raises(ValidationError, match=r"\('D', 'a'\) is not a pair"):
        kyodo.TwoAxis("stray", ACHIEVED, ON_PACE, [*((a, b, "x") for a in "ABC" for b in "ab"), ("D", "a", "x")])


@given(st.integers(0, 200), st.integers(0, 200))
def test_a_two_axis_grade_is_the_pair_of_its_axes(first: int, second: int) -> None:
    legend = kyodo.TwoAxis("two", ACHIEVED, ON_PACE)
    measure = _two_indicators(first, second)
    result = kyodo.grade_two_axes(measure, YEAR, legend)
    alone = (
        kyodo.grade_measure(measure, YEAR, ACHIEVED).computed.label,
        kyodo.grade_measure(measure, YEAR, ON_PACE).computed.label,
    )
    assert result.label == f"{alone[0]}{alone[1]}"


# --- progress statuses: an open vocabulary --------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "value", "english"),
    [
        ("計画通り", "as_planned", "as planned"),
        ("概ね計画どおり", "mostly_as_planned", "mostly as planned"),
        ("やや遅れている", "slightly_behind", "slightly behind"),
        ("遅れている", "delayed", "delayed"),
        ("取組中", "in_progress", "in progress"),
        ("事業終了", "ended", "project ended"),
        ("廃止", "abolished", "abolished"),
        ("on track", "on_track", "on track"),
        ("◎", "◎", "◎"),
    ],
)
def test_statuses_are_read_from_any_word_a_sheet_prints(word: str, value: str, english: str) -> None:
    status = kyodo.ProgressStatus.read(word)
    assert (status.value, status.label_en) == (value, english)
    assert kyodo.ProgressStatus.read(status.value) == status


def test_a_scheme_grades_by_a_status_of_the_sheet_s_own_words_and_files_keep_them() -> None:
    marks = GradingScheme(
        "marks",
        [Grade("A", bands=["100%以上"]), Grade("B", bands=["otherwise"])],
        by_status={"◎": "A", "やや遅れ": "B"},
    )
    checked = kyodo.Measure(
        "1",
        "数値目標のない取組",
        progress_checks=[kyodo.ProgressCheck(YEAR, 2, "◎"), kyodo.ProgressCheck(FINAL, 2, "やや遅れている")],
    )
    assert kyodo.grade_measure(checked, YEAR, marks).computed.label == "A"
    assert kyodo.grade_measure(checked, FINAL, marks).computed.label == "B"
    assert kyodo.loads(kyodo.dumps(marks, "toml"), "toml", kind=GradingScheme) == marks
    plan = kyodo.Plan("計画", "市", kyodo.FiscalYearRange(YEAR, FINAL), sections=[kyodo.Section("1", "章", [checked])])
    again = kyodo.loads(kyodo.dumps(plan, "json"), "json")
    assert again == plan
    with pytest.raises(ValidationError, match="a progress status is a word"):
        kyodo.ProgressCheck(YEAR, 1, "  ")


# --- every preset on one basis: one grade for every figure, never better for a worse one ---------------

ONE_BASIS = [preset(name) for name in kyodo.preset_names() if not preset(name).several_bases]
RATES = st.fractions(min_value=-3, max_value=5, max_denominator=10**6)


@given(st.sampled_from(ONE_BASIS), RATES)
def test_every_figure_gets_exactly_one_grade_under_every_preset(scheme: GradingScheme, rate: Fraction) -> None:
    holding = [grade.label for grade in scheme.grades for band in grade.bands if not band.is_otherwise and rate in band]
    label = scheme.grade_label(rate)
    assert holding in ([label], [])
    if not holding:
        assert any(band.is_otherwise for grade in scheme.grades if grade.label == label for band in grade.bands)


@given(st.sampled_from(ONE_BASIS), RATES, RATES)
def test_presets_are_monotone_along_their_basis(scheme: GradingScheme, first: Fraction, second: Fraction) -> None:
    low, high = sorted((first, second))
    assert scheme.rank(scheme.grade_label(high)) <= scheme.rank(scheme.grade_label(low))


def test_a_target_of_zero_is_graded_by_a_case_on_the_value_itself() -> None:
    # 待機児童数: the ratio has no value against a target of 0, so the legend grades the count itself.
    zero = GradingScheme(
        "待機児童数 0人",
        [Grade("A", bands=[Band.parse("0以下", "value")]), Grade("D", bands=["otherwise"])],
        basis=Actual("lower"),
    )
    legend = GradingScheme("with a case", preset("osaka-pref-library-2016").grades, cases=[Case(Decimal(0), zero)])
    waiting = [indicator(count, final=None, year_target=0, baseline=None, direction="decrease") for count in (0, 3)]
    assert [legend.grade_indicator(each, YEAR).label for each in waiting] == ["A", "D"]
    plain = preset("osaka-pref-library-2016").grade_indicator(waiting[1], YEAR)
    assert (plain.label, plain.how) == (None, "undefined")
    assert kyodo.loads(kyodo.dumps(legend, "toml"), "toml", kind=GradingScheme) == legend


# --- combinations in files ----------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_two_axis_legend_is_a_file_of_its_own() -> None:
    legend = kyodo.load(FIXTURES / "two-axis.toml", kind=kyodo.TwoAxis)
    assert legend.grades == ("◎", "○", "△", "×")
    assert kyodo.io.load_any(FIXTURES / "two-axis.toml") == legend
    for fmt in ("json", "toml", "yaml"):
        assert kyodo.loads(kyodo.dumps(legend, fmt), fmt, kind=kyodo.TwoAxis) == legend
    assert kyodo.grade_two_axes(_two_indicators(90, 95), YEAR, legend).label == "△"
    broken = (FIXTURES / "two-axis.toml").read_text(encoding="utf-8").replace('grade = "×"', "grade = 3")
    broken = broken.replace('second = "a"\ngrade = "◎"', 'second = "z"\ngrade = "◎"')
    with pytest.raises(ValidationError) as caught:
        kyodo.loads(broken, "toml", kind=kyodo.TwoAxis)
    assert [path for path, _message in caught.value.problems] == ["matrix[5].grade"]


def test_a_scheme_file_says_how_its_measures_combine() -> None:
    levels = GradingScheme("levels", [Grade("I", bands=["12点以上"]), Grade("II", bands=["otherwise"])], basis="score")
    sano = GradingScheme("sano", preset("sano-achievement-points").grades, combine=kyodo.Points(levels))
    for fmt in ("json", "toml", "yaml"):
        assert kyodo.loads(kyodo.dumps(sano, fmt), fmt, kind=GradingScheme) == sano
    # The scheme's own combination applies when the call names none.
    assert kyodo.grade_measure(_two_indicators(100, 85), YEAR, sano).computed.label == "I"
    assert kyodo.grade_measure(_two_indicators(100, 85), YEAR, sano, combine="worst").computed.label == "5"
    best = GradingScheme("best", preset("osaka-pref-library-2016").grades, combine="best")
    assert kyodo.loads(kyodo.dumps(best, "toml"), "toml", kind=GradingScheme).combine is kyodo.Combine.BEST
    data = kyodo.to_data(best) | {"combine": {"points": {"A": 1}}}
    with pytest.raises(ValidationError, match="combine: combine by points is a table of 'total'"):
        kyodo.from_data(data, GradingScheme)
    with pytest.raises(ValidationError, match="give Points"):
        GradingScheme("x", best.grades, combine="points")


def test_validate_names_a_two_axis_legend(capsys: pytest.CaptureFixture[str]) -> None:
    from kyodo.cli import main

    assert main(["validate", str(FIXTURES / "two-axis.toml")]) == 0
    assert capsys.readouterr().out.endswith("a valid two-axis legend (4 grades)\n")


# --- the JSON Schemas and their prose reference -------------------------------------------------------

jsonschema = pytest.importorskip("jsonschema")
from kyodo._grading_schema import grading_schema, two_axis_schema  # noqa: E402

SCHEME_FILES = [
    *sorted((Path(__file__).parent.parent / "src" / "kyodo" / "presets").glob("*.toml")),
    *sorted((Path(__file__).parent.parent / "examples" / "schemes").glob("*.toml")),
]


@pytest.mark.parametrize("path", SCHEME_FILES, ids=lambda path: path.name)
def test_every_scheme_file_is_valid_against_the_schema_as_written_and_as_kyodo_writes_it(path: Path) -> None:
    import json
    import tomllib

    validator = jsonschema.Draft202012Validator(grading_schema())
    assert not list(validator.iter_errors(tomllib.loads(path.read_text(encoding="utf-8"))))
    written = json.loads(kyodo.dumps(kyodo.load(path, kind=GradingScheme), "json"))
    assert not list(validator.iter_errors(written))


def test_the_two_axis_schema_takes_the_fixture_and_refuses_a_stray_key() -> None:
    import tomllib

    validator = jsonschema.Draft202012Validator(two_axis_schema())
    data = tomllib.loads((FIXTURES / "two-axis.toml").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(data))
    assert list(validator.iter_errors({**data, "colour": "red"}))


def test_the_grading_reference_describes_every_key_of_both_schemas() -> None:
    page = (Path(__file__).parent.parent / "docs" / "reference" / "grading-file.md").read_text(encoding="utf-8")
    keys: set[str] = set()
    for schema in (grading_schema(), two_axis_schema()):
        keys |= set(schema["properties"])
        definitions = schema["$defs"]
        keys |= set(definitions["grade"]["properties"]) | set(definitions["scheme"]["properties"])
        keys |= set(definitions["grade"]["properties"]["when"]["items"]["properties"])
        for option in definitions["basis"]["oneOf"]:
            keys |= set(option.get("properties", {}))
        for option in definitions["scheme"]["properties"]["combine"]["oneOf"]:
            keys |= set(option.get("properties", {}))
        keys |= set(definitions["scheme"]["properties"]["cases"]["items"]["properties"])
    missing = sorted(key for key in keys if f"`{key}`" not in page)
    assert not missing, f"docs/reference/grading-file.md does not describe {missing}"


@pytest.mark.parametrize("kind", ["grading", "two-axis"])
def test_the_command_prints_each_grading_schema(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from kyodo.cli import main

    assert main(["schema", kind]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["properties"]["schema"]["const"] == ("kyodo.grading/1" if kind == "grading" else "kyodo.two-axis/1")


# --- a gap is reported exactly when some rate has no band ---------------------------------------------

BOUNDS = st.sampled_from([Fraction(n, 10) for n in range(13)])


@st.composite
def loose_bands(draw: st.DrawFn) -> list[Band]:
    bands = []
    for _ in range(draw(st.integers(1, 4))):
        low, high = sorted((draw(BOUNDS), draw(BOUNDS)))
        lower = None if draw(st.booleans()) and not bands else low
        upper = None if draw(st.integers(0, 4)) == 0 else high
        lower_inclusive, upper_inclusive = draw(st.booleans()), draw(st.booleans())
        if lower is not None and upper is not None and lower == upper:
            lower_inclusive = upper_inclusive = True
        bands.append(Band(lower, lower_inclusive, upper, upper_inclusive))
    return bands


@given(loose_bands())
def test_a_gap_is_reported_exactly_when_a_rate_has_no_band(bands: list[Band]) -> None:
    grades = [Grade(chr(ord("A") + index), bands=[band]) for index, band in enumerate(bands)]
    points = sorted({bound for band in bands for bound in (band.lower, band.upper) if bound is not None})
    probes = {Fraction(-1), Fraction(2)} | set(points)
    probes |= {(a + b) / 2 for a, b in itertools.pairwise(points)}
    uncovered = [rate for rate in probes if not any(rate in band for band in bands)]
    try:
        GradingScheme("loose", grades)
        reported = False
    except ValidationError as error:
        reported = any("no grade covers" in message for _path, message in error.problems)
    assert reported == bool(uncovered), (bands, uncovered)
