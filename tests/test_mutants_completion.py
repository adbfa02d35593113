"""Facts about completion criteria that the mutation run (make mutation) showed untested.

Kleene's three-valued truth tables, every leaf's verdict at its edges (a value reached exactly, a
milestone dated too coarsely to tell, a judgment dated after the day evaluated), what each
verdict says, and the projection of when an indicator reaches a value.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from kyodo import FiscalYear, ValidationError
from kyodo.completion import (
    AllOf,
    AnyOf,
    Covers,
    Facts,
    Judgment,
    JudgmentRecord,
    MeetsTarget,
    MilestoneReached,
    Not,
    Ongoing,
    Reaches,
    Verdict,
    evaluate,
    project,
)
from kyodo.indicators import Indicator, Observation, Target
from kyodo.wareki import YearMonth

MET, NOT_MET, UNDETERMINED = Verdict.MET, Verdict.NOT_MET, Verdict.UNDETERMINED
FY2015, FY2016 = FiscalYear(2015), FiscalYear(2016)

CENTRES = Indicator(
    "c",
    "箇所",
    actuals=[Observation(FY2015, 43), Observation(FY2016, 48, estimate=True)],
    targets=[Target(FY2015, 43), Target(FY2016, 50), Target(FiscalYear(2017), text="継続して拡充")],
)
WAITING = Indicator("w", "人", "decrease", actuals=[Observation(FY2015, 0)], targets=[Target(FY2015, 0)])
FACTS = Facts(
    indicators=[CENTRES, WAITING],
    milestones={"m": FY2015, "ym": YearMonth(2015, 6), "d": date(2015, 6, 1)},
    judgments={
        "j": JudgmentRecord(True, date(2016, 3, 1), "市長", "議事録"),
        "n": JudgmentRecord(False, date(2016, 3, 1), "課長"),
    },
)


def verdict(criterion: object, as_of: date | FiscalYear = FY2015, facts: Facts = FACTS) -> Verdict:
    return evaluate(criterion, facts, as_of).verdict  # type: ignore[arg-type]


def said(criterion: object, as_of: date | FiscalYear = FY2015) -> tuple[str, str]:
    explanation = evaluate(criterion, FACTS, as_of).explanation  # type: ignore[arg-type]
    return explanation.text("en"), explanation.text("ja")


# --- Kleene's strong three-valued logic ---------------------------------------------------

AND = {
    (MET, MET): MET,
    (MET, NOT_MET): NOT_MET,
    (MET, UNDETERMINED): UNDETERMINED,
    (NOT_MET, MET): NOT_MET,
    (NOT_MET, NOT_MET): NOT_MET,
    (NOT_MET, UNDETERMINED): NOT_MET,
    (UNDETERMINED, MET): UNDETERMINED,
    (UNDETERMINED, NOT_MET): NOT_MET,
    (UNDETERMINED, UNDETERMINED): UNDETERMINED,
}
OR = {
    (MET, MET): MET,
    (MET, NOT_MET): MET,
    (MET, UNDETERMINED): MET,
    (NOT_MET, MET): MET,
    (NOT_MET, NOT_MET): NOT_MET,
    (NOT_MET, UNDETERMINED): UNDETERMINED,
    (UNDETERMINED, MET): MET,
    (UNDETERMINED, NOT_MET): UNDETERMINED,
    (UNDETERMINED, UNDETERMINED): UNDETERMINED,
}
#: A leaf for each verdict, on FACTS as of FY2015.
LEAF = {MET: Judgment("j"), NOT_MET: Judgment("n"), UNDETERMINED: Judgment("x")}


@pytest.mark.parametrize(("pair", "result"), AND.items())
def test_and_follows_kleene(pair: tuple[Verdict, Verdict], result: Verdict) -> None:
    assert pair[0] & pair[1] is result
    assert verdict(AllOf([LEAF[pair[0]], LEAF[pair[1]]])) is result


@pytest.mark.parametrize(("pair", "result"), OR.items())
def test_or_follows_kleene(pair: tuple[Verdict, Verdict], result: Verdict) -> None:
    assert pair[0] | pair[1] is result
    assert verdict(AnyOf([LEAF[pair[0]], LEAF[pair[1]]])) is result


@pytest.mark.parametrize(("value", "result"), [(MET, NOT_MET), (NOT_MET, MET), (UNDETERMINED, UNDETERMINED)])
def test_not_follows_kleene(value: Verdict, result: Verdict) -> None:
    assert ~value is result
    assert verdict(Not(LEAF[value])) is result


def test_the_operators_combine_verdicts_only() -> None:
    with pytest.raises(TypeError):
        _ = MET & True  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = MET | 1  # type: ignore[operator]


def test_an_undetermined_part_does_not_hide_a_later_decisive_one() -> None:
    assert verdict(AllOf([LEAF[UNDETERMINED], LEAF[MET], LEAF[NOT_MET]])) is NOT_MET
    assert verdict(AnyOf([LEAF[UNDETERMINED], LEAF[NOT_MET], LEAF[MET]])) is MET
    assert verdict(AllOf([LEAF[MET], LEAF[UNDETERMINED], LEAF[MET]])) is UNDETERMINED
    assert verdict(AnyOf([LEAF[NOT_MET], LEAF[UNDETERMINED], LEAF[NOT_MET]])) is UNDETERMINED
    assert (verdict(AllOf([])), verdict(AnyOf([]))) == (MET, NOT_MET)


def test_a_combination_tallies_its_parts() -> None:
    criterion = AllOf([LEAF[MET], LEAF[UNDETERMINED], LEAF[UNDETERMINED], AnyOf([LEAF[NOT_MET]])])
    explanation = evaluate(criterion, FACTS, FY2015).explanation
    assert explanation.text("en").splitlines()[0] == ("not met: all of 4 conditions: 1 met, 1 not met, 2 undetermined")
    assert explanation.text("ja").splitlines()[0] == "未達成: 4 条件のすべて（達成 1、未達成 1、判定不能 2）"
    assert dict(explanation.facts) == {"verdict": "not_met", "met": 1, "not_met": 1, "undetermined": 2}
    assert said(AnyOf([]))[0] == "not met: any of 0 conditions: 0 met, 0 not met, 0 undetermined"
    assert said(AnyOf([]))[1] == "未達成: 0 条件のいずれか（達成 0、未達成 0、判定不能 0）"
    negation = evaluate(Not(LEAF[MET]), FACTS, FY2015).explanation
    assert (negation.en, negation.ja) == ("not met: the negation of", "未達成: 次の否定")
    assert negation.parts[0].en == "met: judgment j by 市長 on 2016-03-01; evidence: 議事録"


# --- levels -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("criterion", "result", "english", "japanese"),
    [
        (Reaches("c", 43), MET, "met: c is 43 (FY2015); it is ≥ 43", "達成: c 43（平成27年度）≥ 43"),
        (Reaches("c", 44), NOT_MET, "not met: c is 43 (FY2015); not ≥ 44", "未達成: c 43（平成27年度）、≥ 44 ではない"),
        (Reaches("c", 43, at_most=True), MET, "met: c is 43 (FY2015); it is ≤ 43", "達成: c 43（平成27年度）≤ 43"),
        (
            Reaches("c", 42, at_most=True),
            NOT_MET,
            "not met: c is 43 (FY2015); not ≤ 42",
            "未達成: c 43（平成27年度）、≤ 42 ではない",
        ),
        (Covers("c", 43), MET, "met: c: 43 of 43 covered (FY2015)", "達成: c: 43 のうち 43（平成27年度）"),
        (Covers("c", 44), NOT_MET, "not met: c: 43 of 44 covered (FY2015)", "未達成: c: 44 のうち 43（平成27年度）"),
        (
            Reaches("x", 1),
            UNDETERMINED,
            "undetermined: no actual of x is recorded",
            "判定不能: x の実績が記録されていない",
        ),
        (
            Ongoing(),
            NOT_MET,
            "not met: the measure goes on; it has no completion",
            "未達成: 継続実施の項目で、完了はない",
        ),
    ],
)
def test_levels_are_reached_at_the_value_itself(
    criterion: object, result: Verdict, english: str, japanese: str
) -> None:
    assert verdict(criterion) is result
    assert said(criterion) == (english, japanese)


def test_the_latest_actual_is_the_last_one_known_and_an_estimate_decides_nothing() -> None:
    criterion = Reaches("c", 45)
    assert verdict(criterion, FY2015) is NOT_MET  # FY2016's actual is not known yet
    assert verdict(criterion, FiscalYear(2014)) is UNDETERMINED
    assert verdict(criterion, date(2017, 3, 30)) is NOT_MET  # FY2016 has not ended
    assert verdict(criterion, date(2017, 3, 31)) is UNDETERMINED  # it has, and its 48 is an estimate
    assert said(criterion, FY2016) == (
        "undetermined: the FY2016 actual of c, 48, is an estimate",
        "判定不能: c の 平成28年度 の実績 48 は見込み",
    )
    facts = dict(evaluate(criterion, FACTS, FY2016).explanation.facts)
    assert (facts["actual"], facts["fy"], facts["estimate"]) == (Decimal(48), "平成28年度", True)


def test_a_year_of_another_calendar_counts_once_it_has_ended() -> None:
    calendar = Indicator("k", "件", actuals=[Observation(FiscalYear(2015, 1), 5), Observation(FiscalYear(2016, 1), 9)])
    facts = Facts(indicators=[calendar])
    # Calendar 2015 ends before FY2015 (April 2015 to March 2016) does; calendar 2016 ends after it.
    assert verdict(Reaches("k", 5), FY2015, facts) is MET
    assert verdict(Reaches("k", 6), FY2015, facts) is NOT_MET
    assert verdict(Reaches("k", 9), FY2016, facts) is MET
    assert verdict(Reaches("k", 5), FiscalYear(2014), facts) is UNDETERMINED


def test_a_year_that_starts_later_ends_later_and_is_not_yet_known() -> None:
    # July to June: the year numbered 2015 ends in June 2016, after FY2015 (April to March) does.
    july = Indicator("j", "件", actuals=[Observation(FiscalYear(2015, 7), 5)])
    facts = Facts(indicators=[july])
    assert verdict(Reaches("j", 5), FY2015, facts) is UNDETERMINED
    assert verdict(Reaches("j", 5), FY2016, facts) is MET
    assert verdict(Reaches("j", 5), date(2016, 6, 30), facts) is MET
    assert verdict(Reaches("j", 5), date(2016, 6, 29), facts) is UNDETERMINED


# A level by a year: 5 in FY2015, 7 in FY2016, 9 in FY2017.
RISING = Facts(
    indicators=[
        Indicator("r", "件", actuals=[Observation(FiscalYear(y), v) for y, v in ((2015, 5), (2016, 7), (2017, 9))])
    ]
)


def test_a_level_by_a_year_is_reached_at_the_value_in_that_year() -> None:
    assert verdict(Reaches("r", 7, by=FY2016), FY2016, RISING) is MET
    assert verdict(Reaches("r", 8, by=FY2016), FY2016, RISING) is NOT_MET
    assert verdict(Reaches("r", 7, at_most=True, by=FY2016), FY2016, RISING) is MET
    assert verdict(Reaches("r", 6, at_most=True, by=FY2016), FY2016, RISING) is NOT_MET


def test_an_actual_a_year_after_the_deadline_does_not_count() -> None:
    # FY2017's 9 reaches 8, a year too late; without a deadline it counts.
    assert verdict(Reaches("r", 8, by=FY2016), FiscalYear(2017), RISING) is NOT_MET
    assert verdict(Reaches("r", 8, by=FY2016), date(2100, 1, 1), RISING) is NOT_MET
    assert verdict(Reaches("r", 8), FiscalYear(2017), RISING) is MET
    assert verdict(Reaches("r", 9, by=FiscalYear(2017)), FiscalYear(2017), RISING) is MET


def test_a_level_s_deadline_passes_when_its_year_ends() -> None:
    # FY2016 ends on 2017-03-31: then its 7 counts, and before then only FY2015's 5 is known.
    assert verdict(Reaches("r", 7, by=FY2016), date(2017, 3, 31), RISING) is MET
    assert verdict(Reaches("r", 7, by=FY2016), date(2017, 3, 30), RISING) is UNDETERMINED
    assert verdict(Reaches("r", 8, by=FY2016), date(2017, 3, 31), RISING) is NOT_MET
    assert verdict(Reaches("r", 8, by=FY2016), date(2017, 3, 30), RISING) is UNDETERMINED
    assert verdict(Reaches("r", 5, by=FY2016), date(2017, 3, 30), RISING) is MET
    assert verdict(Reaches("r", 5, at_most=True, by=FY2016), FY2015, RISING) is MET
    assert verdict(Reaches("r", 4, at_most=True, by=FY2016), FY2015, RISING) is UNDETERMINED


def test_a_level_by_a_year_counts_actuals_of_another_calendar_that_end_by_it() -> None:
    # Calendar 2016 ends in December 2016, within FY2016; July 2016 to June 2017 ends after it.
    calendar = Indicator("k", "件", actuals=[Observation(FiscalYear(2016, 1), 5), Observation(FiscalYear(2017, 1), 9)])
    assert verdict(Reaches("k", 5, by=FY2016), FiscalYear(2018), Facts(indicators=[calendar])) is MET
    assert verdict(Reaches("k", 6, by=FY2016), FiscalYear(2018), Facts(indicators=[calendar])) is NOT_MET
    july = Indicator("j", "件", actuals=[Observation(FiscalYear(2015, 7), 3), Observation(FiscalYear(2016, 7), 5)])
    assert verdict(Reaches("j", 5, by=FY2016), FiscalYear(2018), Facts(indicators=[july])) is NOT_MET
    assert verdict(Reaches("j", 3, by=FY2016), FiscalYear(2018), Facts(indicators=[july])) is MET


def test_an_estimate_by_the_deadline_decides_nothing() -> None:
    assert said(Reaches("c", 45, by=FY2016), FiscalYear(2018)) == (
        "undetermined: the FY2016 actual of c, 48, is an estimate",
        "判定不能: c の 平成28年度 の実績 48 は見込み",
    )


def test_the_first_indicator_given_under_a_name_is_the_one_used() -> None:
    other = Indicator("c", "箇所", actuals=[Observation(FY2015, 1)])
    assert Facts(indicators=[CENTRES, other]).indicator("c") is CENTRES
    assert Facts(indicators={"a": other}).indicator("c") is other


# --- targets ------------------------------------------------------------------------------


def test_a_target_is_met_by_comparing_figures() -> None:
    assert verdict(MeetsTarget("c")) is MET
    assert said(MeetsTarget("c")) == (
        "met: c in FY2015: actual 43 against a target of 43",
        "達成: c の 平成27年度 の実績 43、目標 43",
    )
    assert verdict(MeetsTarget("w")) is MET  # a target of 0 met exactly, where less is better
    assert dict(evaluate(MeetsTarget("w"), FACTS, FY2015).explanation.facts)["rate"] == Fraction(1)
    above = Indicator("w", "人", "decrease", actuals=[Observation(FY2015, 1)], targets=[Target(FY2015, 0)])
    assert verdict(MeetsTarget("w"), FY2015, Facts(indicators=[above])) is NOT_MET
    assert dict(evaluate(MeetsTarget("w"), Facts(indicators=[above]), FY2015).explanation.facts)["rate"] is None
    short = Indicator("s", "件", actuals=[Observation(FY2015, 42)], targets=[Target(FY2015, 43)])
    assert verdict(MeetsTarget("s"), FY2015, Facts(indicators=[short])) is NOT_MET


def test_a_target_without_a_number_or_a_final_actual_decides_nothing() -> None:
    assert said(MeetsTarget("c", FiscalYear(2017)), FiscalYear(2018)) == (
        "undetermined: c has no numeric target for FY2017",
        "判定不能: c に 平成29年度 の数値目標がない",
    )
    assert said(MeetsTarget("c", FY2016), FiscalYear(2018)) == (
        "undetermined: c has no final actual for FY2016",
        "判定不能: c の 平成28年度 の確定した実績がない",
    )
    assert verdict(MeetsTarget("c", FY2015), FiscalYear(2014)) is UNDETERMINED  # not known yet
    assert verdict(MeetsTarget("x")) is UNDETERMINED
    # Evaluated on a day, the year is the last fiscal year that ended by it.
    assert verdict(MeetsTarget("c"), date(2016, 4, 1)) is MET
    assert verdict(MeetsTarget("c"), date(2016, 3, 31)) is UNDETERMINED


# --- milestones and judgments -------------------------------------------------------------


def test_milestones_by_their_deadlines() -> None:
    assert said(MilestoneReached("m")) == ("met: milestone m recorded in FY2015", "達成: m は FY2015 に記録")
    assert said(MilestoneReached("m", by=FY2015)) == (
        "met: milestone m recorded in FY2015, by the deadline 平成27年度",
        "達成: m は FY2015 に記録（期限 平成27年度 以内）",
    )
    assert said(MilestoneReached("m", by=FiscalYear(2014))) == (
        "not met: milestone m recorded in FY2015, after the deadline 平成26年度",
        "未達成: m は FY2015 に記録（期限 平成26年度 後）",
    )
    assert said(MilestoneReached("ym", by=date(2015, 6, 15))) == (
        "undetermined: milestone ym is recorded only as 2015-06; whether that was by 2015-06-15 cannot be told",
        "判定不能: ym の記録（2015-06）では期限 2015-06-15 以内か判らない",
    )
    assert verdict(MilestoneReached("ym", by=date(2015, 6, 30))) is MET  # the month's last day
    assert verdict(MilestoneReached("ym", by=date(2015, 5, 31))) is NOT_MET
    assert verdict(MilestoneReached("d", by=date(2015, 6, 1))) is MET
    assert said(MilestoneReached("x")) == (
        "undetermined: milestone x is not recorded",
        "判定不能: x は記録されていない",
    )


def test_milestones_against_the_day_evaluated() -> None:
    assert verdict(MilestoneReached("d"), date(2015, 6, 1)) is MET
    assert said(MilestoneReached("d"), date(2015, 5, 31)) == (
        "undetermined: milestone d is recorded for 2015-06-01, after the date evaluated",
        "判定不能: d の記録（2015-06-01）は基準日より後",
    )
    assert said(MilestoneReached("ym"), date(2015, 6, 15)) == (
        "undetermined: milestone ym is recorded only as 2015-06; whether it was by the date evaluated cannot be told",
        "判定不能: ym の記録（2015-06）では基準日までか判らない",
    )
    assert verdict(MilestoneReached("ym"), date(2015, 6, 30)) is MET
    assert verdict(MilestoneReached("m"), date(2016, 3, 31)) is MET
    assert verdict(MilestoneReached("m"), date(2016, 3, 30)) is UNDETERMINED


def test_judgments_count_from_their_day() -> None:
    assert said(Judgment("j")) == (
        "met: judgment j by 市長 on 2016-03-01; evidence: 議事録",
        "達成: 判断「j」2016-03-01 市長、根拠: 議事録",
    )
    assert said(Judgment("n")) == ("not met: judgment n by 課長 on 2016-03-01", "未達成: 判断「n」2016-03-01 課長")
    assert verdict(Judgment("j"), date(2016, 3, 1)) is MET
    assert verdict(Judgment("j"), date(2016, 2, 29)) is UNDETERMINED
    assert verdict(Judgment("j"), FiscalYear(2014)) is UNDETERMINED
    assert said(Judgment("x")) == ("undetermined: no judgment x is recorded", "判定不能: 判断「x」は記録されていない")


# --- building criteria --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "english", "japanese"),
    [
        (
            lambda: Covers("c", 0),
            "units: must be a whole number of at least 1, not 0",
            "units: 1 以上の整数が必要（0）",
        ),
        (
            lambda: Covers("c", True),
            "units: must be a whole number of at least 1, not True",
            "units: 1 以上の整数が必要（True）",
        ),
        (
            lambda: Reaches("c", 1.5),
            "value: expected an int or Decimal, not float 1.5",
            "value: int か Decimal が必要（float 1.5 が渡された）",
        ),
        (
            lambda: Reaches("c", True),
            "value: expected an int or Decimal, not bool True",
            "value: int か Decimal が必要（bool True が渡された）",
        ),
        (
            lambda: Reaches("c", Decimal("NaN")),
            "value: Decimal('NaN') is not a finite number",
            "value: Decimal('NaN') は有限の数ではない",
        ),
        (
            lambda: Reaches(" ", 1),
            "a criterion names its indicator, milestone or judgment; got ' '",
            "条件には指標、節目、判断の名前が必要（' ' が渡された）",
        ),
        (
            lambda: Reaches("c", 1, by=2025),
            "by: a level's deadline is a fiscal year, not int 2025",
            "by: 到達の期限は年度（int 2025 が渡された）",
        ),
        (
            lambda: Judgment(3),
            "a criterion names its indicator, milestone or judgment; got 3",
            "条件には指標、節目、判断の名前が必要（3 が渡された）",
        ),
        (
            lambda: AllOf([1]),
            "expected a criterion (Reaches, AllOf, …, or kyodo.parse_criterion(text)), not int 1",
            "完了条件 が必要（int 1 が渡された）",
        ),
        (
            lambda: Not("reaches(件数, 3)"),
            "part: expected a criterion (Reaches, AllOf, …, or kyodo.parse_criterion(text)), not str 'reaches(件数, 3)'",
            "part: 完了条件 が必要（str 'reaches(件数, 3)' が渡された）",
        ),
    ],
)
def test_what_each_refusal_of_a_criterion_says(make: object, english: str, japanese: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make()  # type: ignore[operator]
    assert (str(caught.value), caught.value.message("ja")) == (english, japanese)


def test_covers_one_unit_and_reaches_a_decimal() -> None:
    assert Covers("c", 1).units == 1
    assert Reaches("c", Decimal("1.5")).value == Decimal("1.5")
    assert Reaches("c", 2).value == Decimal(2)


# --- projection ---------------------------------------------------------------------------

SEED = Indicator(
    "c",
    "箇所",
    actuals=[Observation(FiscalYear(y), v) for y, v in zip(range(2015, 2019), (43, 48, 54, 55), strict=True)],
)


def test_projection_at_the_pace_of_the_last_years() -> None:
    projection = project(SEED, 99)
    assert (projection.pace, projection.fy, projection.years) == (Fraction(4), FiscalYear(2029), 3)
    assert projection.explanation.text("en") == (
        "c: 55 in FY2018, 4 a year on average over the last 3 years; at this pace it reaches 99 in FY2029"
    )
    assert projection.explanation.text("ja") == (
        "c: 平成30年度 に 55、直近 3 年の平均 4/年。このペースなら 令和11年度（FY2029）に 99 に届く"
    )
    assert project(SEED, 55).fy == FiscalYear(2018)  # reached already
    assert project(SEED, 56).fy == FiscalYear(2019)  # 1 to go at 4 a year: the next year
    assert project(SEED, 59).fy == FiscalYear(2019)  # exactly one year's pace
    assert project(SEED, 60).fy == FiscalYear(2020)
    assert project(SEED, 99, years=1).pace == 1
    assert project(SEED, 99, as_of=FiscalYear(2017), years=2).pace == Fraction(11, 2)


def test_projection_never_reaches_a_value_it_moves_away_from() -> None:
    falling = Indicator(
        "d", "件", "decrease", actuals=[Observation(FiscalYear(y), v) for y, v in ((2015, 10), (2016, 9), (2017, 9))]
    )
    assert project(falling, 5, years=1).fy is None  # no change last year
    assert project(falling, 9, years=1).fy == FiscalYear(2017)
    assert project(falling, 12, years=1).fy == FiscalYear(2017)  # less is better: already under
    slow = project(falling, 5, years=2)
    assert (slow.pace, slow.fy) == (Fraction(-1, 2), FiscalYear(2025))
    assert slow.explanation.text("en").startswith("d: 9 in FY2017, -0.5 a year on average over the last 2 years")
    rising = Indicator("r", "件", actuals=[Observation(FiscalYear(2015), 10), Observation(FiscalYear(2016), 8)])
    never = project(rising, 20, years=1)
    assert never.fy is None
    assert never.explanation.text("en") == (
        "r: 8 in FY2016, -2 a year on average over the last 1 years; at this pace it never reaches 20"
    )
    assert never.explanation.text("ja") == "r: 平成28年度 に 8、直近 1 年の平均 -2/年。このペースでは 20 に届かない"


def test_paces_print_with_at_most_two_decimals_rounded_half_up() -> None:
    def pace_text(first: Decimal, last: Decimal, years: int) -> str:
        indicator = Indicator(
            "p", "件", actuals=[Observation(FiscalYear(2015), first), Observation(FiscalYear(2015 + years), last)]
        )
        return project(indicator, 0, years=years).explanation.text("en").split(", ")[1]

    assert pace_text(Decimal(0), Decimal("0.001"), 1).startswith("0 a year")  # 0.00 is 0, never -0
    assert pace_text(Decimal(0), Decimal("2.001"), 1).startswith("2 a year")  # 2.00 loses its zeros and point
    assert pace_text(Decimal(0), Decimal("1.5"), 1).startswith("1.5 a year")
    assert pace_text(Decimal(0), Decimal(4), 3).startswith("1.33 a year")
    assert pace_text(Decimal(4), Decimal(0), 3).startswith("-1.33 a year")

    thirds = Indicator("t", "件", actuals=[Observation(FiscalYear(2015), 0), Observation(FiscalYear(2018), 4)])
    assert "1.33 a year" in project(thirds, 10).explanation.text("en")
    eighths = Indicator("e", "件", actuals=[Observation(FiscalYear(2015), 0), Observation(FiscalYear(2023), 1)])
    assert "0.13 a year" in project(eighths, 10, years=8).explanation.text("en")  # 0.125 rounds up
    falling = Indicator("f", "件", actuals=[Observation(FiscalYear(2015), 1), Observation(FiscalYear(2023), 0)])
    assert "-0.13 a year" in project(falling, 10, years=8).explanation.text("en")


def test_projection_refusals() -> None:
    cases = [
        (lambda: project(SEED, 99, years=0), "years: must be a whole number of at least 1, not 0"),
        (lambda: project(SEED, 99, years=True), "years: must be a whole number of at least 1, not True"),
        (lambda: project(Indicator("e", "件"), 1), "actuals: e has no actuals to project from"),
        (lambda: project(SEED, 99, years=4), "actuals: c has no actual for 平成26年度 to measure 4 years of pace from"),
    ]
    for make, message in cases:
        with pytest.raises(ValidationError) as caught:
            make()
        assert str(caught.value) == message


@pytest.mark.parametrize(
    ("criterion", "as_of", "rule", "facts"),
    [
        (
            Reaches("c", 43),
            FY2015,
            "criterion.reaches",
            {
                "verdict": "met",
                "indicator": "c",
                "wanted": Decimal(43),
                "actual": Decimal(43),
                "fy": "平成27年度",
                "estimate": False,
            },
        ),
        (
            Reaches("c", 43, by=FY2015),
            FY2016,
            "criterion.reaches",
            {
                "verdict": "met",
                "indicator": "c",
                "wanted": Decimal(43),
                "by": "平成27年度",
                "actual": Decimal(43),
                "fy": "平成27年度",
                "estimate": False,
            },
        ),
        (
            Reaches("c", 43, by=FY2015),
            FiscalYear(2014),
            "criterion.reaches",
            {"verdict": "undetermined", "indicator": "c", "wanted": Decimal(43), "by": "平成27年度"},
        ),
        (
            Covers("c", 44),
            FY2015,
            "criterion.covers",
            {
                "verdict": "not_met",
                "indicator": "c",
                "wanted": Decimal(44),
                "actual": Decimal(43),
                "fy": "平成27年度",
                "estimate": False,
            },
        ),
        (
            Reaches("x", 1),
            FY2015,
            "criterion.reaches",
            {"verdict": "undetermined", "indicator": "x", "wanted": Decimal(1)},
        ),
        (
            Reaches("c", 45),
            FY2016,
            "criterion.reaches",
            {
                "verdict": "undetermined",
                "indicator": "c",
                "wanted": Decimal(45),
                "actual": Decimal(48),
                "fy": "平成28年度",
                "estimate": True,
            },
        ),
        (
            MeetsTarget("c"),
            FY2015,
            "criterion.meets_target",
            {
                "verdict": "met",
                "indicator": "c",
                "fy": "平成27年度",
                "actual": Decimal(43),
                "target": Decimal(43),
                "rate": Fraction(1),
            },
        ),
        (
            MeetsTarget("c", FiscalYear(2017)),
            FiscalYear(2018),
            "criterion.meets_target",
            {"verdict": "undetermined", "indicator": "c", "fy": "平成29年度"},
        ),
        (
            MeetsTarget("c", FY2016),
            FiscalYear(2018),
            "criterion.meets_target",
            {"verdict": "undetermined", "indicator": "c", "fy": "平成28年度"},
        ),
        (
            MilestoneReached("m", by=FY2015),
            FY2015,
            "criterion.milestone",
            {"verdict": "met", "milestone": "m", "recorded": "FY2015", "by": "平成27年度"},
        ),
        (
            MilestoneReached("m", by=FiscalYear(2014)),
            FY2015,
            "criterion.milestone",
            {"verdict": "not_met", "milestone": "m", "recorded": "FY2015", "by": "平成26年度"},
        ),
        (
            MilestoneReached("ym", by=date(2015, 6, 15)),
            FY2015,
            "criterion.milestone",
            {"verdict": "undetermined", "milestone": "ym", "recorded": "2015-06", "by": "2015-06-15"},
        ),
        (
            MilestoneReached("d"),
            date(2015, 5, 31),
            "criterion.milestone",
            {"verdict": "undetermined", "milestone": "d", "recorded": "2015-06-01"},
        ),
        (
            MilestoneReached("ym"),
            date(2015, 6, 15),
            "criterion.milestone",
            {"verdict": "undetermined", "milestone": "ym", "recorded": "2015-06"},
        ),
        (
            MilestoneReached("m"),
            FY2015,
            "criterion.milestone",
            {"verdict": "met", "milestone": "m", "recorded": "FY2015"},
        ),
        (MilestoneReached("x"), FY2015, "criterion.milestone", {"verdict": "undetermined", "milestone": "x"}),
        (
            Judgment("j"),
            FY2015,
            "criterion.judgment",
            {"verdict": "met", "judgment": "j", "on": date(2016, 3, 1), "by": "市長", "evidence": "議事録"},
        ),
        (Judgment("x"), FY2015, "criterion.judgment", {"verdict": "undetermined", "judgment": "x"}),
        (Ongoing(), FY2015, "criterion.ongoing", {"verdict": "not_met"}),
    ],
)
def test_each_leaf_names_its_rule_and_the_facts_it_used(
    criterion: object, as_of: date | FiscalYear, rule: str, facts: dict[str, object]
) -> None:
    explanation = evaluate(criterion, FACTS, as_of).explanation  # type: ignore[arg-type]
    assert (explanation.rule, dict(explanation.facts)) == (rule, facts)


def test_each_combination_names_its_rule() -> None:
    rules = [
        evaluate(criterion, FACTS, FY2015).explanation.rule for criterion in (AllOf([]), AnyOf([]), Not(Ongoing()))
    ]
    assert rules == ["criterion.all_of", "criterion.any_of", "criterion.not"]
    assert dict(evaluate(Not(Ongoing()), FACTS, FY2015).explanation.facts) == {"verdict": "met"}
