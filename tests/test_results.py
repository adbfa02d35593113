"""Results as data (kyodo.result/1): every to_data output follows the schema, dumps as JSON and reads back equal."""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import kyodo
from kyodo import (
    AllOf,
    Application,
    Assessment,
    Award,
    Facts,
    FiscalYear,
    Grade,
    GradeResult,
    GradingScheme,
    Indicator,
    JudgmentRecord,
    Measure,
    MeasureGrade,
    Observation,
    Points,
    Projection,
    Settlement,
    SubsidyRule,
    SubsidyTerms,
    Target,
    TwoAxis,
    TwoAxisGrade,
    Unit,
    ValidationError,
    Verdict,
    WhatIf,
    WhatIfRow,
    allocate,
    evaluate,
    grade_measure,
    grade_two_axes,
    preset,
    preset_names,
    project,
    settle,
    what_if,
)
from kyodo import strategies as ks
from kyodo._result_data import fy_text, tagged, untagged
from kyodo._result_schema import result_schema
from kyodo.cli import main
from kyodo.results import ResultKind
from kyodo.strategies import fiscal_years, names
from kyodo.subsidies import Allocation

ROOT = Path(__file__).parent.parent
VALIDATOR = jsonschema.Draft202012Validator(result_schema(), format_checker=jsonschema.FormatChecker())
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YEARS = ks.fiscal_years(2013, 2020)
SCHEMES = [preset(name) for name in preset_names() if preset(name).basis.unit.value != "score"]


def checked(data: Mapping[str, Any]) -> Any:
    """``data`` after checking that it follows the schema and is plain JSON: dumped and read back, it is the same."""
    VALIDATOR.validate(data)
    again = json.loads(json.dumps(data, ensure_ascii=False))
    assert again == data
    return again


# --- grades ------------------------------------------------------------------------------------------


FIGURES = st.integers(0, 2000).map(lambda tenths: Decimal(tenths) / 10)


@st.composite
def graded_indicators(draw: st.DrawFn) -> Indicator:
    """Indicators with figures at FY2016 (a target, an actual, a baseline, a final target) that many legends grade."""
    fy = FiscalYear(2016)
    targets = [Target(fy, draw(FIGURES))]
    if draw(st.booleans()):
        targets.append(Target(fy + 2, draw(FIGURES)))
    baseline = Observation(fy - draw(st.integers(1, 3)), draw(FIGURES)) if draw(st.booleans()) else None
    actuals = [Observation(fy, draw(FIGURES))] if draw(st.integers(0, 9)) else []
    return Indicator(
        draw(st.sampled_from(["参加率", "センター数", "利用者数"])),
        draw(st.sampled_from(["%", "箇所", "人"])),
        direction=draw(st.sampled_from(["increase", "decrease"])),
        baseline=baseline,
        targets=targets,
        actuals=actuals,
    )


@settings(QUICK, max_examples=100)
@given(graded_indicators() | ks.indicators(years=YEARS, max_entries=3), st.sampled_from(SCHEMES))
def test_a_grade_reads_back_equal(indicator: Indicator, scheme: GradingScheme) -> None:
    result = scheme.grade_indicator(indicator, FiscalYear(2016))
    event(f"how={result.how}, readings={len(result.readings)}")
    data = checked(result.to_data())
    assert (data["kind"], data["label"], data["how"]) == ("grade", result.label, result.how)
    assert GradeResult.from_data(data, scheme) == result


MEASURES = st.lists(graded_indicators(), min_size=1, max_size=3, unique_by=lambda indicator: indicator.name).map(
    lambda indicators: Measure("No.26", "まちづくりセンターの設置", indicators=indicators)
) | ks.measures(years=st.just(FiscalYear(2016)), max_items=3)


@QUICK
@given(MEASURES, st.sampled_from(SCHEMES), st.sampled_from(["worst", "best", "mean"]))
def test_a_measure_grade_reads_back_equal(measure: Measure, scheme: GradingScheme, how: str) -> None:
    fy = FiscalYear(2016)
    if scheme.several_bases and how == "mean":
        how = "worst"
    grade = grade_measure(measure, fy, scheme, combine=how)
    event(f"how={grade.computed.how}, parts={len(grade.parts)}")
    data = checked(grade.to_data())
    assert [part["indicator"] for part in data["parts"]] == [indicator.name for indicator in measure.indicators]
    again = MeasureGrade.from_data(data, measure, scheme)
    assert again == grade
    # The computed grade is the very part it was, so the explanation names the same indicator.
    assert again.explanation == grade.explanation


@QUICK
@given(MEASURES)
def test_a_measure_grade_by_points_reads_back_equal(measure: Measure) -> None:
    fy = FiscalYear(2016)
    levels = GradingScheme("levels", [Grade("I", bands=["12点以上"]), Grade("II", bands=["otherwise"])], basis="score")
    scheme, points = preset("sano-achievement-points"), Points(levels)
    grade = grade_measure(measure, fy, scheme, combine=points)
    data = checked(grade.to_data())
    assert MeasureGrade.from_data(data, measure, scheme, points) == grade
    with pytest.raises(ValidationError) as caught:
        MeasureGrade.from_data(data, measure, scheme)
    assert caught.value.to_data()["problems"][0]["path_text"] == "points"


def test_niigata_no26_grades_as_data_with_the_real_figures() -> None:
    """Seed 000: FY2016 plan 50, actual 48 centres: 96.0%, recorded C; the scheme reads the sheet."""
    plan = kyodo.load(ROOT / "examples" / "plans" / "niigata.toml")
    scheme = kyodo.load(ROOT / "examples" / "schemes" / "niigata-sheet-reading.toml", kind=GradingScheme)
    measure = plan.find("No.26")
    assert isinstance(measure, Measure)
    for year in range(2015, 2019):
        grade = grade_measure(measure, FiscalYear(year), scheme)
        data = checked(grade.to_data())
        assert MeasureGrade.from_data(data, measure, scheme) == grade
    data = grade_measure(measure, FiscalYear(2016), scheme).to_data()
    part = data["parts"][0]
    assert (data["fy"], data["recorded"]) == ("平成28年度", "C")
    assert (part["indicator"], part["actual"], part["target"], part["rate"]) == (
        "まちづくりセンター数",
        "48",
        "50",
        "24/25",
    )
    assert part["reading"]["figures"][:2] == [["actual", {"decimal": "48"}], ["target", {"decimal": "50"}]]


def test_a_two_axis_grade_reads_back_equal() -> None:
    fy = FiscalYear(2016)
    achievement = GradingScheme("達成度", [Grade("A", bands=["100%以上"]), Grade("B", bands=["otherwise"])])
    progress = GradingScheme(
        "進捗", [Grade("a", bands=["100%以上"]), Grade("b", bands=["otherwise"])], basis="progress"
    )
    legend = TwoAxis("two letters", achievement, progress)
    centres = Indicator(
        "センター数",
        "箇所",
        baseline=Observation(FiscalYear(2014), 37),
        targets=[Target(fy, 50)],
        actuals=[Observation(fy, 48)],
    )
    measure = Measure("26", "m", indicators=[centres])
    grade = grade_two_axes(measure, fy, legend)
    data = checked(grade.to_data())
    assert (data["label"], data["first"]["computed"]["rate"], data["second"]["computed"]["rate"]) == (
        "Bb",
        "24/25",
        "11/13",
    )
    assert TwoAxisGrade.from_data(data, measure, legend) == grade


def test_data_of_another_scheme_or_kind_is_refused_with_its_path() -> None:
    scheme = GradingScheme("x", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
    other = GradingScheme("y", [Grade("A", bands=[">= 100%"]), Grade("B", bands=["otherwise"])])
    data = scheme.grade(Fraction(1, 2)).to_data()
    cases: list[tuple[object, str, str]] = [
        ({**data, "kind": "award"}, "kind", "wrong_schema"),
        ({**data, "schema": "kyodo.result/2"}, "schema", "wrong_schema"),
        ({**data, "rate": 0.5}, "rate", "inexact_number"),
        ({**data, "rate": "1/0"}, "rate", "not_a_number"),
        ({**data, "rate": "0.5"}, "rate", "not_a_number"),
        ({**data, "how": "guessed"}, "how", "unknown_label"),
        ({key: value for key, value in data.items() if key != "band"}, "band", "missing_key"),
        ({**data, "band": {**data["band"], "lower": "9" * 2000}}, "band.lower", "too_large"),
        ({**data, "actual": "NaN"}, "actual", "not_a_number"),
        ([data], "", "not_a_table"),
    ]
    for bad, path, code in cases:
        with pytest.raises(ValidationError) as caught:
            GradeResult.from_data(bad, scheme)
        problem = caught.value.to_data()["problems"][0]
        assert (problem["path_text"], problem["code"]) == (path, code), bad
    with pytest.raises(ValidationError, match="scheme 'x'"):
        GradeResult.from_data(data, other)


# --- awards ------------------------------------------------------------------------------------------

TERMS = st.builds(
    SubsidyTerms,
    rate=st.sampled_from(["100%", "2/3", "1/2", "3/4", "10%"]),
    cap_per_fy=st.none() | st.integers(0, 300_000),
    total_cap=st.none() | st.integers(0, 500_000),
    max_years=st.none() | st.integers(1, 3),
)


@QUICK
@given(
    st.lists(TERMS, min_size=1, max_size=2),
    st.lists(st.tuples(st.integers(0, 600_000), st.integers(2013, 2018)), min_size=1, max_size=4),
)
def test_awards_and_settlements_read_back_equal(terms: list[SubsidyTerms], costs: list[tuple[int, int]]) -> None:
    versions = [(None, terms[0])] + [(FiscalYear(2016), more) for more in terms[1:]]
    rule = SubsidyRule("事業", versions, first_fy=FiscalYear(2014), last_fy=FiscalYear(2017), advance_allowed=True)
    ledger = kyodo.Ledger(rule)
    for cost, year in costs:
        ledger = ledger.apply(cost, FiscalYear(year))
    for award in ledger.awards:
        event(f"binding={award.binding.value}")
        data = checked(award.to_data())
        assert data["amount"] == award.amount
        assert Award.from_data(data, rule) == award
    settlement = settle(rule, 10_000, costs[0][0], FiscalYear(costs[0][1]))
    assert Settlement.from_data(checked(settlement.to_data()), rule) == settlement


APPLICATIONS: dict[str, dict[str, Any]] = {
    "chofu-camera": {"cost": 700_000, "units": [Unit("カメラ1", 350_000), Unit("カメラ2", 350_000)]},
    "kamiichi-led": {"cost": 120_000, "units": [Unit("LED", 40_000), Unit("LED", 80_000)]},
    "ichinoseki-project4": {"cost": 350_000},
    "ichikawa-shukai": {"cost": 5_000_000},
    "akashi-shukai": {"cost": 3_000_000, "deductions": {"寄付": 100_000}},
}


@pytest.mark.parametrize("name", sorted(APPLICATIONS))
def test_the_example_rules_awards_read_back_equal(name: str) -> None:
    rule = kyodo.load(ROOT / "examples" / "subsidies" / f"{name}.toml", kind=SubsidyRule)
    application = APPLICATIONS[name]
    first = rule.first_fy or next((start for start, _terms in rule.versions if start is not None), FiscalYear(2024))
    for fy in (first, first + 1):
        options = {key: value for key, value in application.items() if key != "cost"}
        award = rule.compute(application["cost"], fy, **options)
        data = checked(award.to_data())
        assert Award.from_data(data, rule) == award
        assert data["explanation"] == award.explanation.to_data()


def test_an_award_of_project4_is_data_with_its_real_figures() -> None:
    """Seed 001, 事業4: 2/3 of 350,000 yen is 233,333, over the 200,000 yen per-FY cap."""
    rule = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FiscalYear(2015))
    data = checked(rule.compute(350_000, FiscalYear(2015)).to_data())
    assert {key: data[key] for key in ("fy", "cost", "amount", "binding", "product", "terms")} == {
        "fy": "平成27年度",
        "cost": {"": 350_000},
        "amount": 200_000,
        "binding": "cap_per_fy",
        "product": "700000/3",
        "terms": 0,
    }
    refused = checked(rule.compute(350_000, FiscalYear(2016)).to_data())
    assert (refused["amount"], refused["refusal"], refused["terms"]) == (0, "not_offered", None)
    with pytest.raises(ValidationError, match="rule '事業4'"):
        Award.from_data(data, SubsidyRule("事業1", [SubsidyTerms(rate="100%")]))


@QUICK
@given(st.lists(st.integers(0, 10**9), max_size=6), st.integers(0, 10**9), st.sampled_from(["pro_rata", "priority"]))
def test_an_allocation_reads_back_equal(requested: list[int], budget: int, method: Any) -> None:
    allocation = allocate(requested, budget, method)
    data = checked(allocation.to_data())
    assert data["total"] == allocation.total <= budget
    assert Allocation.from_data(data) == allocation


def test_a_what_if_run_reads_back_equal() -> None:
    base = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
    variants = kyodo.rule_grid(base, rate=["1/2", "2/3"])
    result = what_if(
        [Application("A", FiscalYear(2015), 420_000), Application("B", FiscalYear(2015), 150_000)], variants
    )
    data = checked(result.to_data())
    assert data["totals"] == result.totals() == {"rate=1/2": 275_000, "rate=2/3": 300_000}
    assert WhatIf.from_data(data) == result
    assert WhatIfRow.from_data(data["rows"][0]) == result.rows[0]
    assert [row["fy"] for row in data["rows"]] == ["平成27年度"] * 4


# --- completion ----------------------------------------------------------------------------------------

NAMES = st.sampled_from(["設立総会", "計画の策定", "参加率"])


@st.composite
def facts(draw: st.DrawFn) -> Facts:
    milestones = draw(st.dictionaries(NAMES, YEARS | ks.era_dates(date(2013, 4, 1), date(2021, 3, 31)), max_size=2))
    judgments = draw(
        st.dictionaries(NAMES, st.builds(JudgmentRecord, st.booleans(), st.just(date(2018, 7, 20)), st.just("市")))
    )
    indicators = draw(
        st.lists(ks.indicators(years=YEARS, name=NAMES, max_entries=3), max_size=2, unique_by=lambda i: i.name)
    )
    return Facts(indicators, milestones, judgments)


@QUICK
@given(
    ks.criteria(names=NAMES, years=YEARS, max_leaves=4), facts(), YEARS | st.dates(date(2013, 1, 1), date(2021, 12, 31))
)
def test_an_assessment_reads_back_equal(criterion: Any, known: Facts, as_of: date | FiscalYear) -> None:
    assessment = evaluate(criterion, known, as_of)
    event(assessment.verdict.value)
    data = checked(assessment.to_data())
    assert data["verdict"] == assessment.verdict.value
    assert Assessment.from_data(data, criterion, known) == assessment
    assert Verdict.from_data(checked(assessment.verdict.to_data())) is assessment.verdict


def test_an_assessment_of_other_facts_is_refused() -> None:
    criterion = AllOf([kyodo.MilestoneReached("設立総会")])
    met = evaluate(criterion, Facts(milestones={"設立総会": FiscalYear(2015)}), FiscalYear(2018))
    assert met.to_data()["criterion"] == "all(milestone(設立総会))"
    with pytest.raises(ValidationError, match="criterion gives undetermined"):
        Assessment.from_data(met.to_data(), criterion, Facts())


def test_niigata_centres_projection_as_data() -> None:
    """Seed 000: 43, 48, 54, 55 centres in FY2015–FY2018: 4 a year, so 99 in FY2029."""
    centres = Indicator(
        "まちづくりセンター数",
        "箇所",
        actuals=[
            Observation(FiscalYear(year), count)
            for year, count in zip(range(2015, 2019), (43, 48, 54, 55), strict=True)
        ],
    )
    projection = project(centres, 99)
    data = checked(projection.to_data())
    assert (data["pace"], data["fy"], data["wanted"], data["latest"]["fy"]) == ("4", "令和11年度", "99", "平成30年度")
    assert Projection.from_data(data) == projection
    flat = Indicator("横ばい", "箇所", actuals=[Observation(FiscalYear(year), 55) for year in range(2015, 2019)])
    never = checked(project(flat, 99).to_data())
    assert (never["fy"], never["explanation"]["rule"]) == (None, "projection.never")


@QUICK
@given(ks.indicators(years=ks.fiscal_years(2000, 2030, start_month=None), max_entries=4), st.integers(0, 200))
def test_a_projection_of_any_calendar_reads_back_equal(indicator: Indicator, wanted: int) -> None:
    if len(indicator.actuals) < 2:
        return
    try:
        projection = project(indicator, wanted, years=1)
    except ValidationError:
        return
    assert Projection.from_data(checked(projection.to_data())) == projection


def test_an_observations_stage_is_kept_and_data_written_without_one_still_reads() -> None:
    # Hypothesis drew it once in a while: a 速報値 actual came back without its stage, and unequal.
    indicator = Indicator(
        "参加者数",
        "人",
        "increase",
        actuals=[Observation(FiscalYear(2015), 10), Observation(FiscalYear(2016), 12, stage="速報値")],
    )
    projection = project(indicator, 20, years=1)
    data = checked(projection.to_data())
    assert data["latest"]["stage"] == "速報値"  # type: ignore[typeddict-item]
    assert Projection.from_data(data) == projection
    older = copy.deepcopy(data)
    del older["latest"]["stage"]  # type: ignore[typeddict-item]
    assert Projection.from_data(checked(older)).latest.stage is None


# --- the shared forms and the schema -------------------------------------------------------------------


@given(ks.fiscal_years(1, 9998, start_month=None))
def test_a_fiscal_year_is_written_one_way_and_reads_back(fy: FiscalYear) -> None:
    assert untagged(tagged(fy), "") == fy
    if fy.start_month == 4:
        assert fy_text(fy) == str(fy)


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.text(max_size=5)
    | st.fractions()
    | ks.exact_decimals()
    | st.dates().map(lambda day: day),
    lambda inner: st.lists(inner, max_size=3).map(tuple) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)


@given(VALUES)
def test_a_tagged_value_reads_back_equal_and_of_the_same_type(value: object) -> None:
    written = tagged(value)
    assert json.loads(json.dumps(written)) == written
    again = untagged(written, "")
    assert again == value
    assert type(again) is type(value) or isinstance(value, dict | FiscalYear)


def test_the_example_figures_are_written_as_python_prints_them() -> None:
    assert tagged(Decimal("96.0")) == {"decimal": "96.0"}
    assert tagged(Fraction(2, 3)) == {"fraction": "2/3"}
    assert tagged(date(2018, 7, 20)) == {"date": "2018-07-20"}
    assert fy_text(FiscalYear(2015, 10)) == "2015年度（10月始まり）"
    assert fy_text(FiscalYear(2019)) == "令和元年度"


def test_the_schema_is_json_and_names_every_kind() -> None:
    schema = result_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert json.loads(json.dumps(schema, ensure_ascii=False)) == schema
    kinds = sorted(ref["$ref"].rsplit("/", 1)[1] for ref in schema["oneOf"])
    assert kinds == sorted(get_args(ResultKind))
    # A grade is not an award: the kinds do not overlap.
    data = allocate([1], 1).to_data()
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({**data, "kind": "award"})


def test_the_command_prints_the_result_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "result"]) == 0
    assert json.loads(capsys.readouterr().out) == result_schema()


# --- applications as a request carries them ---


@given(
    body=names(),
    fy=fiscal_years(),
    cost=st.one_of(
        st.integers(min_value=0, max_value=10**12),
        st.dictionaries(names(), st.integers(min_value=0, max_value=10**9), min_size=1, max_size=3),
    ),
    attributes=st.dictionaries(names(), names(), max_size=2),
    site=st.none() | names(),
)
def test_an_application_reads_back_what_it_writes_through_json(
    body: str, fy: kyodo.FiscalYear, cost: int | dict[str, int], attributes: dict[str, str], site: str | None
) -> None:
    application = kyodo.Application(body, fy, cost, kyodo.Claim(attributes=attributes, site=site))
    text = json.dumps(application.to_data(), ensure_ascii=False)
    assert kyodo.Application.from_data(kyodo.json_loads(text)) == application


@given(
    junk=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=8,
    )
)
def test_any_application_data_is_read_or_refused_with_a_kyodo_error(junk: object) -> None:
    for data in (junk, {"body": "A", "fy": "R6", "cost": junk}, {"body": "A", "fy": "R6", "cost": 1, "claim": junk}):
        # Read, or refused with a kyodo error: anything else (a TypeError, a KeyError) fails the test.
        with contextlib.suppress(kyodo.ValidationError):
            kyodo.Application.from_data(data)
