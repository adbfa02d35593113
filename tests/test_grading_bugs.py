"""The bugs issue 11 found in grading, each pinned: pace without a year's own target, sentences at bounds,
the figures a sentence shows, the top grade's verb, reports that show each indicator's own grade, and
schemes and the ``grade`` command that say every problem."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kyodo
from kyodo import (
    Evaluation,
    FiscalYear,
    Grade,
    GradingScheme,
    Indicator,
    Measure,
    Observation,
    ParseError,
    Plan,
    Target,
    ValidationError,
    grade_measure,
    preset,
    preset_names,
)
from kyodo.cli import main
from kyodo.report import build_report, render_html, render_markdown, render_text

EXAMPLES = Path(__file__).parent.parent / "examples"
MITAKA = EXAMPLES / "plans" / "mitaka.toml"
NIIGATA = EXAMPLES / "plans" / "niigata.toml"
H26, H30 = FiscalYear(2014), FiscalYear(2018)

# --- 1. pace needs only the baseline, the final target and the actual -----------------------------


def test_pace_grades_a_year_without_a_target_of_its_own() -> None:
    # 三鷹市: baseline FY2010 837,244 users, actual FY2014 877,236, final target FY2022 910,000.
    plan = kyodo.load(MITAKA)
    indicator = next(plan.indicators())[2]
    assert indicator.target(H26) is None
    result = preset("tama-pace").grade_indicator(indicator, H26)
    expected = Fraction(877236 - 837244, 910000 - 837244) / Fraction(4, 12)
    assert (result.how, result.rate, result.label) == ("band", expected, "①")
    facts = result.explanation
    assert facts.fact("baseline") == Decimal(837244)
    assert facts.fact("target") == Decimal(910000)
    assert facts.fact("actual") == Decimal(877236)
    assert facts.fact("elapsed") == Fraction(4, 12)


def test_the_mitaka_report_under_tama_pace_grades_fy2014(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(MITAKA), "--scheme", "tama-pace", "--fy", "H26"]) == 0
    out = capsys.readouterr().out
    assert "評価なし" not in out
    assert "計画ペース比" in out


def test_pace_without_an_actual_or_a_final_target_says_which() -> None:
    pace = preset("tama-pace")
    bare = Indicator("k", "件", baseline=Observation(FiscalYear(2010), 5), targets=[Target(H30, 10)])
    assert pace.grade_indicator(bare, H26).how == "no_actual"
    no_target = Indicator("k", "件", baseline=Observation(FiscalYear(2010), 5), actuals=[Observation(H26, 6)])
    assert pace.grade_indicator(no_target, H26).how == "no_target"
    flat = Indicator(
        "k", "件", baseline=Observation(FiscalYear(2010), 5), targets=[Target(H30, 5)], actuals=[Observation(H26, 6)]
    )
    assert pace.grade_indicator(flat, H26).how == "undefined"


def test_progress_grades_against_the_year_s_own_target_from_the_baseline() -> None:
    scheme = GradingScheme(
        "progress",
        [Grade("A", bands=["100%以上"]), Grade("B", bands=["0%超100%未満"]), Grade("C", bands=["その他"])],
        basis="progress",
    )
    indicator = Indicator(
        "k", "件", baseline=Observation(FiscalYear(2010), 40), targets=[Target(H26, 60)], actuals=[Observation(H26, 50)]
    )
    result = scheme.grade_indicator(indicator, H26)
    assert (result.label, result.rate) == ("B", Fraction(1, 2))
    assert result.explanation.text("en") == (
        "B: progress 50.0% ((50 − 40) / (60 − 40)) is below 100.0%, the lower bound of A,"
        " and above 0.0%, the lower bound of B"
    )
    assert result.explanation.fact("baseline") == Decimal(40)


# --- 2. a sentence never contradicts its own figures ---------------------------------------------

_NUMBER = r"(-?\d+(?:\.\d+)?%|-?\d+/\d+)"
_HEAD = re.compile(rf"^[^:]+: \S+ {_NUMBER}")
_EN = re.compile(rf"(?:is |, and )(below|not above|at or above|above) {_NUMBER}, the lower bound of")
_JA = re.compile(rf"の下限 {_NUMBER} (に届かない|を超えない|以上|超)")
_TRUE = {
    "below": lambda rate, bound: rate < bound,
    "not above": lambda rate, bound: rate <= bound,
    "at or above": lambda rate, bound: rate >= bound,
    "above": lambda rate, bound: rate > bound,
    "に届かない": lambda rate, bound: rate < bound,
    "を超えない": lambda rate, bound: rate <= bound,
    "以上": lambda rate, bound: rate >= bound,
    "超": lambda rate, bound: rate > bound,
}


def _read(number: str) -> Fraction:
    return Fraction(number[:-1]) / 100 if number.endswith("%") else Fraction(number)


def _check_sentences(scheme: GradingScheme, rate: Fraction) -> None:
    result = scheme.grade(rate)
    bounds = {band.lower for grade in scheme.grades for band in grade.bands if band.lower is not None}
    for locale, pattern in (("en", _EN), ("ja", _JA)):
        text = result.explanation.text(locale)
        head = _HEAD.match(text)
        assert head is not None, text
        printed = _read(head[1])
        clauses = [(m[1], m[2]) if locale == "en" else (m[2], m[1]) for m in pattern.finditer(text)]
        assert clauses or "band of" in text or "範囲" in text, text
        for word, bound_text in clauses:
            shown = _read(bound_text)
            # True of the figures as printed, and of the exact rate and bound they stand for.
            assert _TRUE[word](printed, shown), text
            exact = min(bounds, key=lambda bound: abs(bound - shown))
            assert _TRUE[word](rate, exact), text
        if locale == "en":
            assert re.match(r"^[^:]+: \S+ \S+(?: \(.*\))? is ", text), text


def _bounds(scheme: GradingScheme) -> list[Fraction]:
    return sorted(
        {
            bound
            for grade in scheme.grades
            for band in grade.bands
            for bound in (band.lower, band.upper)
            if bound is not None
        }
    )


# Legends printed with 超 and 以下 as well as 以上 and 未満, so that every kind of bound is tried.
EXCLUSIVE = [
    GradingScheme("超", [Grade("A", bands=["90%超"]), Grade("C", bands=["その他"])]),
    GradingScheme(
        "0 of 3", [Grade("◎", bands=["100%以上"]), Grade("○", bands=["0%超100%未満"]), Grade("×", bands=["0%以下"])]
    ),
    GradingScheme(
        "以下", [Grade("A", bands=["110%超"]), Grade("B", bands=["80%超110%以下"]), Grade("C", bands=["80%以下"])]
    ),
    GradingScheme("2/3", [Grade("A", bands=[">= 2/3"]), Grade("B", bands=["otherwise"])]),
]
# Legends on one basis grade a rate alone; those on several are checked with indicators in test_grading_presets.py.
SCHEMES = [scheme for scheme in map(preset, preset_names()) if not scheme.several_bases] + EXCLUSIVE
EPSILONS = [Fraction(0)] + [Fraction(sign, 10**k) for k in (1, 3, 4, 5, 7, 9, 12, 20) for sign in (1, -1)]


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda scheme: scheme.name)
def test_every_bound_of_every_preset_reads_true_at_below_and_above_it(scheme: GradingScheme) -> None:
    for bound in _bounds(scheme):
        for epsilon in EPSILONS:
            _check_sentences(scheme, bound + epsilon)


@given(st.sampled_from(SCHEMES), st.fractions(min_value=-2, max_value=3), st.integers(1, 30))
def test_a_sentence_is_true_of_its_figures_near_any_bound(
    scheme: GradingScheme, rate: Fraction, closeness: int
) -> None:
    _check_sentences(scheme, rate)
    for bound in _bounds(scheme):
        _check_sentences(scheme, bound + Fraction(1, 10**closeness))
        _check_sentences(scheme, bound - Fraction(1, 10**closeness))


def test_the_reported_cases_read_true() -> None:
    over_ninety, zero_of_three = EXCLUSIVE[0], EXCLUSIVE[1]
    assert over_ninety.grade(Fraction(9, 10)).explanation.text("en") == (
        "C: achievement 90.0% is not above 90.0%, the lower bound of A"
    )
    assert over_ninety.grade(Fraction(9, 10)).explanation.text("ja") == "C: 達成率 90.0% は A の下限 90.0% を超えない"
    assert zero_of_three.grade(Fraction(0, 3)).explanation.text("en") == (
        "×: achievement 0.0% is not above 0.0%, the lower bound of ○"
    )


# --- 3. the figures are those the formula used ---------------------------------------------------


def test_less_is_better_shows_target_over_actual() -> None:
    # 春日部市 household waste: target 727 g, actual 729 g, printed 99.7% (727 ÷ 729).
    waste = Indicator("ごみ排出量", "g", "decrease", targets=[Target(H26, 727)], actuals=[Observation(H26, 729)])
    result = preset("osaka-pref-library-2016").grade_indicator(waste, H26)
    assert result.rate == Fraction(727, 729)
    assert "99.7% (727 / 729)" in result.explanation.text("en")
    assert "99.7% (727 / 729)" in result.explanation.text("ja")
    assert result.explanation.fact("direction") == "decrease"


def test_a_target_kept_at_or_under_shows_the_comparison() -> None:
    kept = Indicator("k", "件", "at_most", targets=[Target(H26, 10)], actuals=[Observation(H26, 7)])
    text = preset("osaka-pref-library-2016").grade_indicator(kept, H26).explanation.text("en")
    assert "100.0% (7 ≤ 10)" in text


def test_the_pace_sentence_shows_baseline_final_target_and_elapsed_years() -> None:
    indicator = Indicator(
        "k",
        "件",
        baseline=Observation(FiscalYear(2010), 100),
        targets=[Target(H26, 140), Target(H30, 180)],
        actuals=[Observation(H26, 150)],
    )
    result = preset("tama-pace").grade_indicator(indicator, H26)
    assert result.rate == Fraction(50, 80) / Fraction(4, 8)
    assert result.explanation.text("en") == (
        "①: pace 125.0% (progress (150 − 100) / (180 − 100) after 4 of 8 years)"
        " is at or above 100.0%, the lower bound of ①"
    )
    assert result.explanation.text("ja") == (
        "①: 計画ペース比 125.0% (進捗 (150 − 100) / (180 − 100)、8年のうち4年経過) は ① の下限 100.0% 以上"
    )
    assert "(150 / 140)" not in result.explanation.text("en")
    assert result.explanation.fact("target") == Decimal(180)
    assert result.explanation.fact("elapsed") == Fraction(1, 2)


def test_grade_refuses_figures_that_do_not_give_the_rate() -> None:
    with pytest.raises(ValidationError, match="give"):
        preset("osaka-pref-library-2016").grade(Fraction(1, 2), actual=Decimal(48), target=Decimal(50))


# --- 4. the top grade's sentence has a verb ------------------------------------------------------


def test_the_top_grade_reads_as_a_sentence() -> None:
    text = kyodo.preset("sano-achievement-points").grade(Fraction(1006, 1000)).explanation.text("en")
    assert text == "7: achievement 100.6% is at or above 100.0%, the lower bound of 7"


# --- 5. reports show each indicator's own grade ----------------------------------------------------

MET = GradingScheme("met", [Grade("A", bands=["100%以上"]), Grade("B", bands=["その他"])])


def _two_indicator_plan(evaluations: list[Evaluation] | None = None) -> Plan:
    measure = Measure(
        "1",
        "two indicators",
        indicators=[
            Indicator("above", "件", targets=[Target(H26, 1000)], actuals=[Observation(H26, 1006)]),
            Indicator("below", "件", targets=[Target(H26, 100)], actuals=[Observation(H26, 80)]),
        ],
        evaluations=evaluations or [],
    )
    return Plan("plan", "市", kyodo.FiscalYearRange(H26, H30), sections=[measure])


def test_each_indicator_row_shows_its_own_grade() -> None:
    report = build_report(_two_indicator_plan(), H26, MET)
    text = render_text(report, locale="en")
    assert re.search(r"FY2014 +1,000 +1,006 +100\.6% +A\b", text), text
    assert re.search(r"FY2014 +100 +80 +80\.0% +B\b", text), text
    assert "| FY2014 | 1,000 | 1,006 | 100.6% | A" in render_markdown(report, locale="en")
    html = render_html(report, locale="en")
    assert re.search(r"100\.6%</td><td><span class=\"grade\"[^>]*>A</span>", html), html
    data = kyodo.report.report_data(report)
    assert [year["grade"] for ind in data["measures"][0]["indicators"] for year in ind["years"]] == ["A", "B"]


def test_a_measure_grade_says_it_is_the_worst_of_its_indicators() -> None:
    grade = grade_measure(next(_two_indicator_plan().measures()), H26, MET)
    assert grade.computed.label == "B"
    assert "the worst of 2 indicators' grades" in grade.explanation.text("en")
    assert "2指標のうち最も低い評価" in grade.explanation.text("ja")
    mean = grade_measure(next(_two_indicator_plan().measures()), H26, MET, combine="mean")
    assert "the mean of 2 indicators' rates" in mean.explanation.text("en")


def test_a_recorded_grade_stays_when_the_year_has_no_figures() -> None:
    plan = _two_indicator_plan([Evaluation("annual", FiscalYear(2016), grade="B")])
    report = build_report(plan, FiscalYear(2016), MET)
    english, japanese = render_text(report, locale="en"), render_text(report, locale="ja")
    assert "Measure grade (calc/rec): FY2014 B / －, FY2016 － / B" in english
    assert "the recorded grade is B" in english
    assert "取組の評価(算定/記録): 平成26年度 B / －, 平成28年度 － / B" in japanese
    assert "記録された評価は B" in japanese
    assert "FY2016 － / B" in render_markdown(report, locale="en")


def test_mid_term_and_plan_period_grades_are_compared_with_computed_ones() -> None:
    plan = kyodo.load(NIIGATA)
    scheme = kyodo.load(EXAMPLES / "schemes" / "niigata-sheet-reading.toml", kind=GradingScheme)
    report = build_report(plan, scheme=scheme)
    text = render_text(report, locale="en")
    # 平成29年度: 54 centres against 58 is C; the plan period ends 平成30年度 (55 against 66): C.
    assert "mid-term evaluation FY2017 Grade (calc/rec): C / C" in text
    assert "plan-period evaluation FY2018 Grade (calc/rec): C / C" in text
    assert "中間評価 平成29年度 評価(算定/記録): C / C" in render_text(report)
    data = kyodo.report.report_data(report)
    assert data["measures"][0]["evaluations"] == [
        {"kind": "mid_term", "fy": "平成29年度", "computed": "C", "recorded": "C"},
        {"kind": "plan_period", "fy": "平成30年度", "computed": "C", "recorded": "C"},
    ]


# --- 6. schemes say every problem; the grade command reads rates plainly -------------------------


def test_a_scheme_lists_every_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        GradingScheme(
            "many",
            [Grade("A", bands=["100%以上"]), Grade("A", bands=["50%未満"]), Grade("C")],
            when_no_target="Z",
        )
    messages = [message for _path, message in caught.value.problems]
    assert any("listed twice" in message for message in messages)
    assert any("'Z'" in message for message in messages)
    assert any("no grade covers" in message for message in messages)
    assert any("no band" in message for message in messages)
    assert len(caught.value.problems_ja) == len(messages) >= 4


def test_grade_reads_negative_rates(capsys: pytest.CaptureFixture[str]) -> None:
    # Progress and pace are negative where the figure moved the wrong way; after --, or as −25% or △25%.
    for rate in (["--", "-25%"], ["−25%"], ["△25%"]):
        assert main(["grade", "--scheme", "tama-pace", "--lang", "en", *rate]) == 0
        assert capsys.readouterr().out.startswith("③: pace -25.0% is below 60.0%")


def test_grade_refuses_a_bare_number(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["grade", "--scheme", "tama-pace", "--lang", "en", "96.6"]) == 2
    err = capsys.readouterr().err
    assert "96.6%" in err
    assert "add %" in err
    from kyodo.cli import _rate

    with pytest.raises(ParseError):
        _rate("96.6")


def test_grade_takes_a_direction_for_actual_over_target(capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["grade", "--scheme", "osaka-pref-library-2016", "--lang", "en", "729/727"]
    assert main([*arguments, "--direction", "decrease"]) == 0
    assert capsys.readouterr().out.startswith("B: achievement 99.7% (727 / 729)")
    assert main(arguments) == 0
    assert capsys.readouterr().out.startswith("B: achievement 100.3% (729 / 727)")


def test_grade_refuses_actual_over_target_under_another_basis(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["grade", "--scheme", "tama-pace", "--lang", "en", "150/140"]) == 2
    assert "pace" in capsys.readouterr().err
