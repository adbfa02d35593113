"""Arguments of the wrong kind are refused with a ValidationError that quotes them, names where and says what to give.

A new user's first calls found each of these as a TypeError, an AttributeError
or a bare KeyError from deep inside: a year given as an int, a body given by
its name, a name that is not text, a lookup that found nothing.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime
from pathlib import Path

import pytest

import kyodo
from kyodo import (
    AllOf,
    Body,
    BodyCondition,
    Facts,
    FiscalYear,
    Indicator,
    JudgmentRecord,
    KyodoError,
    Ledger,
    Measure,
    Milestone,
    MilestoneReached,
    NotFoundError,
    Observation,
    Reaches,
    Section,
    SubsidyRule,
    SubsidyTerms,
    ValidationError,
    Verdict,
    evaluate,
    project,
)

FY2015 = FiscalYear(2015)
PROJECT4 = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FY2015)
PLAIN = SubsidyRule("r", [SubsidyTerms(rate="1/2")])


def refusal(call: object) -> tuple[tuple[str, str], ...]:
    """The problems of the ValidationError ``call()`` raises, as (path, English message)."""
    assert callable(call)
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.problems


# --- subsidies -----------------------------------------------------------------------------


@pytest.mark.parametrize("rule", [PROJECT4, PLAIN], ids=["bounded", "open-ended"])
@pytest.mark.parametrize("fy", [2015, "H27"])
def test_compute_refuses_a_year_that_is_not_a_fiscal_year(rule: SubsidyRule, fy: object) -> None:
    ((where, message),) = refusal(lambda: rule.compute(100_000, fy))  # type: ignore[arg-type]
    assert where == "fy"
    assert (
        message
        == f"expected a FiscalYear (FiscalYear(2016) or FiscalYear.parse('H28'), say), not {type(fy).__name__} {fy!r}"
    )


@pytest.mark.parametrize("call", ["integer path", "breakdown", "history"])
def test_compute_refuses_a_body_given_by_its_name(call: str) -> None:
    arguments = {
        "integer path": ((100_000, FY2015, "萩荘"), {}),
        "breakdown": (({"謝礼": 100_000}, FY2015, "萩荘"), {}),
        "history": ((100_000, FY2015, "萩荘"), {"history": [PROJECT4.compute(1_000, FY2015)]}),
    }
    positional, named = arguments[call]
    ((where, message),) = refusal(lambda: PROJECT4.compute(*positional, **named))
    assert (where, message) == ("body", "expected a Body (Body(name), say) or None, not str '萩荘'")


def test_compute_refuses_a_body_of_no_text_even_when_empty() -> None:
    # An empty name was taken as no body at all on the integer path.
    ((where, message),) = refusal(lambda: PLAIN.compute(100_000, FY2015, ""))  # type: ignore[arg-type]
    assert (where, message) == ("body", "expected a Body (Body(name), say) or None, not str ''")


def test_compute_with_the_right_arguments_is_unchanged() -> None:
    body = Body("萩荘地域協働体")
    assert PROJECT4.compute(350_000, FY2015, body).amount == 200_000
    assert PROJECT4.compute(350_000, FY2015, body).body == "萩荘地域協働体"
    assert PROJECT4.compute(350_000, FY2015).body is None


def test_compute_refuses_a_year_of_another_calendar_saying_so() -> None:
    ((where, message),) = refusal(lambda: PROJECT4.compute(1_000, FiscalYear(2015, start_month=1)))
    assert where == "fy"
    assert "start_month=1" in message
    assert "give a year of the rule's calendar" in message


def test_a_rule_name_must_be_text() -> None:
    problems = refusal(lambda: SubsidyRule(4, [SubsidyTerms(rate="2/3")]))  # type: ignore[arg-type]
    assert problems == (("name", "expected a rule's name (text), not int 4"),)


@pytest.mark.parametrize(
    ("condition", "english", "japanese"),
    [
        (
            BodyCondition("community_plan", reached=False),
            "no community plan adopted by FY2016",
            "地域づくり計画策定していない",
        ),
        (
            BodyCondition("founding_meeting", reached=False),
            "no founding general meeting held by FY2016",
            "設立総会を開いていない",
        ),
        (BodyCondition("preparatory_committee"), "a preparatory committee formed by FY2016", "設立準備会"),
        (BodyCondition("study_session", reached=False), "no study sessions held by FY2016", "勉強会を開いていない"),
    ],
)
def test_a_body_condition_reads_as_english(condition: BodyCondition, english: str, japanese: str) -> None:
    ja, en = condition.describe(FiscalYear(2016))
    assert en == english
    assert ja == f"平成28年度までに{japanese}"
    assert "not yet" not in en


TERMS = SubsidyTerms(rate="1/2")
AN_INT_YEAR = "expected a FiscalYear (FiscalYear(2016) or FiscalYear.parse('H28'), say), not int 2015"


@pytest.mark.parametrize(
    ("call", "where", "message"),
    [
        # An int last year was taken, and every compute then failed comparing the application's year with it.
        (lambda: SubsidyRule("r", [TERMS], last_fy=2015), "last_fy", AN_INT_YEAR),
        (lambda: SubsidyRule("r", [TERMS], first_fy=2015), "first_fy", AN_INT_YEAR),
        (lambda: SubsidyRule("r", [(2015, TERMS)]), "versions[0][0]", AN_INT_YEAR),
        (
            lambda: SubsidyRule("r", [{"rate": "1/2"}]),
            "versions[0]",
            "expected terms (SubsidyTerms or a Calculation), or (FiscalYear, terms) from that year, not dict {'rate': '1/2'}",
        ),
        (
            lambda: SubsidyRule("r", [TERMS], conditions=["community_plan"]),
            "conditions[0]",
            "expected a BodyCondition (BodyCondition(kind), say), not str 'community_plan'",
        ),
        (lambda: BodyCondition("community_plan", by=2015), "by", AN_INT_YEAR),
        (lambda: BodyCondition("community_plan", reached="no"), "reached", "expected True or False, not str 'no'"),
        (
            lambda: BodyCondition("community_plan", years_before="1"),
            "years_before",
            "must be a whole number of 0 or more, not '1'",
        ),
        (lambda: Ledger(PLAIN, "萩荘"), "body", "expected a Body (Body(name), say) or None, not str '萩荘'"),
    ],
    ids=["last_fy", "first_fy", "version year", "version", "condition", "by", "reached", "years_before", "ledger"],
)
def test_a_rule_refuses_years_conditions_and_bodies_of_the_wrong_kind(call: object, where: str, message: str) -> None:
    assert refusal(call) == ((where, message),)


def test_a_version_may_be_a_list_of_its_year_and_terms() -> None:
    rule = SubsidyRule("r", [[FY2015, TERMS]])  # type: ignore[list-item]
    assert rule.versions == ((FY2015, TERMS),)


# --- bodies --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "where", "message"),
    [
        (lambda: Body(3), "name", "expected a body's name (text), not int 3"),
        (lambda: Body(None), "name", "expected a body's name (text), not NoneType None"),
        (lambda: Body("萩荘", district=3), "district", "expected a district's name (text) or None, not int 3"),
    ],
    ids=["name", "no name", "district"],
)
def test_a_body_refuses_names_that_are_not_text(call: object, where: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.problems == ((where, message),)
    assert caught.value.codes == ("not_text",)
    assert "が必要" in caught.value.message("ja")


def test_a_body_refuses_milestones_that_are_not_milestones() -> None:
    problems = refusal(lambda: Body("萩荘", milestones=[("founding_meeting", FY2015)]))  # type: ignore[list-item]
    assert problems == (
        (
            "milestones[0]",
            "expected a Milestone (Milestone(kind, on), say), not tuple ('founding_meeting', FiscalYear(2015))",
        ),
    )


@pytest.mark.parametrize("milestones", [[], [Milestone("community_plan", FY2015)]], ids=["none", "one"])
def test_reached_refuses_an_int_year(milestones: list[Milestone]) -> None:
    # With no milestone the answer was False, silently; with one, a TypeError.
    body = Body("萩荘", milestones=milestones)
    ((where, message),) = refusal(lambda: body.reached("community_plan", by=2016))  # type: ignore[arg-type]
    assert where == "by"
    assert message.endswith("not int 2016")
    assert body.reached("community_plan", by=FiscalYear(2016)) is bool(milestones)


# --- lookups -------------------------------------------------------------------------------

ICHINOSEKI = Path(__file__).parent.parent / "examples" / "plans" / "ichinoseki.toml"
MEASURE = Measure("1", "協働の推進", indicators=[Indicator("協働事業数", "件"), Indicator("参加者数", "人")])


def test_an_indicator_not_there_is_a_key_error_that_lists_those_there_are() -> None:
    with pytest.raises(KeyError) as caught:
        MEASURE.indicator("nope")
    error = caught.value
    assert isinstance(error, NotFoundError)
    assert isinstance(error, KyodoError)
    assert error.args == ("nope",)
    assert error.key == "nope"
    assert error.known == ("協働事業数", "参加者数")
    assert str(error) == "no indicator 'nope' in measure '1'; it has '協働事業数', '参加者数'"
    assert error.message("ja") == "事業 '1' に指標 'nope' はない。あるのは '協働事業数'、'参加者数'"
    ((problem,),) = [error.to_data()["problems"]]
    assert problem["code"] == "unknown_label"
    assert pickle.loads(pickle.dumps(error)).message("ja") == error.message("ja")


def test_an_indicator_of_a_measure_without_any_says_so() -> None:
    with pytest.raises(NotFoundError, match=r"^no indicator '件数' in measure '2'; it has no indicators$"):
        Measure("2", "啓発").indicator("件数")
    with pytest.raises(NotFoundError, match=r"^no indicator '件数' in section 'Ⅰ'; it has no indicators$"):
        Section("Ⅰ", "協働").indicator("件数")


def test_find_quotes_the_code_and_lists_the_closest_codes_there_are() -> None:
    plan = kyodo.load(ICHINOSEKI)
    codes = tuple(code for code, _node in plan.walk())
    with pytest.raises(KeyError) as caught:
        plan.find("8-2-1-事業9")  # 事業9 is under 8-2-3
    error = caught.value
    assert isinstance(error, NotFoundError)
    assert error.known == codes
    message = str(error)
    assert message.startswith(f"no node '8-2-1-事業9' in plan {plan.title!r}; it has '8-2-3-事業9', ")
    assert message.endswith(f" and {len(codes) - 10} more")
    assert message.count("'") == 2 * 12  # the code asked for, the title and ten codes
    assert error.message("ja").endswith(f" ほか{len(codes) - 10}件")


def test_a_long_list_of_names_puts_those_that_end_in_the_name_asked_for_first() -> None:
    known = [f"{section}-{number}" for section in ("Ⅰ", "Ⅱ", "Ⅲ") for number in range(1, 6)]
    error = NotFoundError("4", ("a node", "節・事業"), ("plan 'p'", "計画 'p'"), known)
    assert str(error).startswith("no node '4' in plan 'p'; it has 'Ⅰ-4', 'Ⅱ-4', 'Ⅲ-4', ")
    assert str(error).endswith(" and 5 more")


def test_find_refuses_a_code_that_is_not_text() -> None:
    plan = kyodo.load(ICHINOSEKI)
    with pytest.raises(ValidationError) as caught:
        plan.find(1)  # type: ignore[arg-type]
    assert caught.value.problems == (("code", "expected a path code as text ('Ⅰ-1', say), not int 1"),)
    assert caught.value.codes == ("not_text",)


def test_code_of_and_level_of_a_node_not_in_the_plan_are_not_found_errors() -> None:
    plan = kyodo.load(ICHINOSEKI)
    stranger = Measure("1", "他の計画の事業")
    for lookup in (plan.code_of, plan.level_of):
        with pytest.raises(NotFoundError) as caught:
            lookup(stranger)
        assert caught.value.key is stranger
        assert str(caught.value).startswith(f"no node {stranger!r} in plan {plan.title!r}; it has '8', ")


def test_lookups_by_year_refuse_an_int_year() -> None:
    plan = kyodo.load(ICHINOSEKI)
    scheduled = next(measure for measure in plan.measures() if measure.schedule)
    # An int year found no evaluation, silently, and crashed reading a schedule.
    for lookup in (scheduled.evaluation, scheduled.stage, scheduled.schedule_cell, Section("Ⅰ", "協働").evaluation):
        assert refusal(lambda lookup=lookup: lookup(2016)) == (("fy", AN_INT_YEAR.replace("2015", "2016")),)
    assert scheduled.stage(scheduled.schedule[0].fy) is scheduled.schedule[0].stage


# --- completion ----------------------------------------------------------------------------

CENTRES = Indicator(
    "まちづくりセンター数",
    "箇所",
    actuals=[
        Observation(FiscalYear(year), count) for year, count in zip(range(2015, 2019), (43, 48, 54, 55), strict=True)
    ],
)
FACTS = Facts(indicators=[CENTRES], milestones={"設立総会": date(2015, 5, 1)})
CRITERION = AllOf([Reaches("まちづくりセンター数", 50), MilestoneReached("設立総会")])


@pytest.mark.parametrize("as_of", [2018, "H30", 2018.0, None])
def test_evaluate_refuses_an_as_of_that_is_no_day_or_fiscal_year(as_of: object) -> None:
    ((where, message),) = refusal(lambda: evaluate(CRITERION, FACTS, as_of=as_of))  # type: ignore[arg-type]
    assert where == "as_of"
    assert message.startswith("expected a FiscalYear or a date (")
    assert message.endswith(f", not {type(as_of).__name__} {as_of!r}")


def test_evaluate_takes_a_datetime_as_its_day() -> None:
    # A datetime is a date, and the type says a date: it failed comparing with the facts' dates.
    assessment = evaluate(CRITERION, FACTS, as_of=datetime(2019, 3, 31, 17, 0))
    assert assessment.as_of == date(2019, 3, 31)
    assert assessment.verdict == evaluate(CRITERION, FACTS, as_of=date(2019, 3, 31)).verdict == Verdict.MET


def test_evaluate_refuses_a_criterion_as_text_and_a_measure_for_facts() -> None:
    measure = Measure("1", "拠点整備", indicators=[CENTRES])
    # Text recursed until a RecursionError; a measure was an AttributeError.
    ((where, message),) = refusal(lambda: evaluate("reaches(まちづくりセンター数, 50)", FACTS, FiscalYear(2018)))  # type: ignore[arg-type]
    assert where == "criterion"
    assert message.endswith("kyodo.parse_criterion(text)), not str 'reaches(まちづくりセンター数, 50)'")
    ((where, message),) = refusal(lambda: evaluate(CRITERION, measure, FiscalYear(2018)))  # type: ignore[arg-type]
    assert where == "facts"
    assert message.startswith("expected a Facts (Facts.of(measure), say), not Measure ")
    assert evaluate(CRITERION, Facts.of(measure), FiscalYear(2018)).verdict == Verdict.UNDETERMINED


def test_project_refuses_an_int_year_and_a_measure() -> None:
    ((where, message),) = refusal(lambda: project(CENTRES, 99, as_of=2018))  # type: ignore[arg-type]
    assert (where, message) == (
        "as_of",
        "expected a FiscalYear (FiscalYear(2016) or FiscalYear.parse('H28'), say), not int 2018",
    )
    ((where, _message),) = refusal(lambda: project(Measure("1", "拠点整備"), 99))  # type: ignore[arg-type]
    assert where == "indicator"
    assert project(CENTRES, 99, as_of=FiscalYear(2018)).fy == FiscalYear(2029)


@pytest.mark.parametrize(
    ("call", "where", "message"),
    [
        (
            lambda: Facts(indicators=["まちづくりセンター数"]),
            "indicators[0]",
            "expected an Indicator (Indicator(name, unit, actuals=[…]), say), not str 'まちづくりセンター数'",
        ),
        (
            lambda: Facts(milestones={"設立総会": 2015}),
            "milestones.設立総会",
            "expected a date, YearMonth or FiscalYear (FiscalYear(2015), say), not int 2015",
        ),
        (lambda: Facts(milestones=[(3, date(2015, 5, 1))]), "milestones[0]", "expected a name (text), not int 3"),
        (lambda: Facts(judgments={"拠点性": True}), "judgments.拠点性", "expected a JudgmentRecord, not bool True"),
        (lambda: Facts.of("1"), "measure", "expected a Measure (plan.find(code), say), not str '1'"),
    ],
    ids=["indicator", "milestone", "milestone name", "judgment", "of"],
)
def test_facts_refuse_what_is_not_a_fact(call: object, where: str, message: str) -> None:
    # Each was an AttributeError or a TypeError, at once or when the facts were first judged.
    assert refusal(call) == ((where, message),)


def test_facts_take_pairs_as_lists_too() -> None:
    facts = Facts(milestones=[["設立総会", date(2015, 5, 1)]])  # type: ignore[list-item]
    assert facts.milestones == (("設立総会", date(2015, 5, 1)),)
    assert facts.milestone("設立総会") == date(2015, 5, 1)


@pytest.mark.parametrize(
    ("arguments", "where", "message", "code"),
    [
        (("yes", date(2019, 7, 31), "市"), "holds", "expected True or False, not str 'yes'", "not_a_boolean"),
        ((True, 2019, "市"), "on", "expected a date (date(2019, 7, 31), say), not int 2019", "invalid"),
        ((True, date(2019, 7, 31), 3), "by", "expected the name of who judged (text), not int 3", "not_text"),
    ],
    ids=["holds", "on", "by"],
)
def test_a_judgment_record_refuses_values_of_the_wrong_kind(
    arguments: tuple[object, ...], where: str, message: str, code: str
) -> None:
    # holds="yes" counted as a judgment that holds, and an int day failed when a criterion first read it.
    with pytest.raises(ValidationError) as caught:
        JudgmentRecord(*arguments)  # type: ignore[arg-type]
    assert caught.value.problems == ((where, message),)
    assert caught.value.codes == (code,)
