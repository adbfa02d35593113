"""The columnar what-if (``what_if_frame``) equals the scalar path on every row.

Property tests draw random rules (SubsidyTerms with every cap, year limits,
minimum awards, roundings, dated versions, years offered and conditions on the
body; and calculations of steps, as ``test_fast_steps`` draws them) and random
populations given as columns (fiscal years as ints, FiscalYear objects or
labels; bodies as text or categories; any index), and check each row's award,
binding constraint and refusal against ``what_if`` over Application objects.
Examples use seed 001's 事業4 (Ichinoseki).
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import kyodo
from kyodo import (
    Application,
    Body,
    BodyCondition,
    FiscalYear,
    Milestone,
    Rounding,
    RoundingStep,
    ScalarPathWarning,
    SubsidyRule,
    SubsidyTerms,
    ValidationError,
    YearMonth,
    rule_grid,
    what_if,
    what_if_frame,
)

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

from test_fast_steps import EXAMPLES, KINDS, VOCABULARY  # noqa: E402
from test_fast_steps import _population as example_population  # noqa: E402
from test_fast_steps import applications as claiming_applications  # noqa: E402
from test_fast_steps import rules as calculation_rules  # noqa: E402

BODIES = ("東町会", "西町会", "南町会", "北町会")
#: 東町会 held its founding meeting in FY2014, 西町会 in FY2016; the others never did.
BODY_STATE = {
    "東町会": Body("東町会", milestones=[Milestone("founding_meeting", YearMonth(2014, 6))]),
    "西町会": Body("西町会", milestones=[Milestone("founding_meeting", YearMonth(2016, 6))]),
}
YEARS = range(2012, 2018)
PROJECT_4 = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)], last_fy=FiscalYear(2015))


# --- random rules and populations -------------------------------------------------------------------

yen = st.integers(0, 400_000)
caps = st.none() | yen


@st.composite
def terms(
    draw: st.DrawFn, history: bool | None = None, caps: st.SearchStrategy[int | None] = caps, denominator: int = 12
) -> SubsidyTerms:
    """Random terms; ``history`` None: half of them need the body's earlier awards (a total cap, a year limit)."""
    if history is None:
        history = draw(st.booleans())
    return SubsidyTerms(
        rate=draw(st.fractions(0, 1, max_denominator=denominator)),
        cap_per_application=draw(caps),
        cap_per_fy=draw(caps),
        total_cap=draw(caps) if history else None,
        max_years=draw(st.none() | st.integers(1, 3)) if history else None,
        minimum_award=draw(st.none() | st.integers(0, 100_000)),
        rounding=draw(st.sampled_from(Rounding)),
        round_at=draw(st.sampled_from(RoundingStep)),
        ineligible=draw(st.sampled_from([frozenset(), frozenset({"備品"}), frozenset({""})])),
    )


@st.composite
def terms_rules(draw: st.DrawFn) -> SubsidyRule:
    versions: list[Any] = [draw(terms())]
    if draw(st.booleans()):
        versions.append((FiscalYear(draw(st.sampled_from(YEARS))), draw(terms())))
    if draw(st.booleans()):
        versions[0] = (
            FiscalYear(draw(st.integers(2010, min(versions[1][0].year - 1, 2014) if len(versions) > 1 else 2014))),
            versions[0],
        )
    conditions = draw(st.sampled_from([[], [BodyCondition("founding_meeting", years_before=1)]]))
    return SubsidyRule(
        "r",
        versions,
        first_fy=draw(st.none() | st.sampled_from([FiscalYear(2013)])),
        last_fy=draw(st.none() | st.sampled_from([FiscalYear(2016)])),
        conditions=conditions,
    )


costs = st.sampled_from([0, 1, 2, 999, 1000, 299_999, 300_000, 300_001]) | st.integers(0, 600_000)


@st.composite
def frames(draw: st.DrawFn, big: bool = False, dense: bool = False) -> tuple[Any, list[Application]]:
    """A population as a DataFrame (its fiscal years and bodies written one of several ways), and as Applications.

    ``dense``: two bodies over three years, so most bodies apply several times a year and most years.
    """
    cost = costs | st.sampled_from([2**62 - 1, 2**62, 2**63 + 5, 10**30]) if big else costs
    who, when = (BODIES[:2], YEARS[1:4]) if dense else (BODIES, YEARS)
    rows = draw(st.lists(st.tuples(st.sampled_from(who), st.sampled_from(when), cost), min_size=1, max_size=25))
    bodies, years, amounts = (list(column) for column in zip(*rows, strict=True))
    applications = [Application(b, FiscalYear(y), c) for b, y, c in rows]
    written = draw(st.sampled_from(["int", "FiscalYear", "label", "period"]))
    fy: Any = {
        "int": years,
        "FiscalYear": [FiscalYear(year) for year in years],
        "label": [str(FiscalYear(year)) for year in years],
        "period": [pd.Period(str(year + 1), freq="Y-MAR") for year in years],
    }[written]
    body: Any = pd.Series(bodies, dtype="category") if draw(st.booleans()) else bodies
    labels = draw(st.permutations([f"申請{index}" for index in range(len(rows))]))
    frame = pd.DataFrame({"body": body, "fy": fy, "cost": amounts})
    frame.index = pd.Index(labels)
    return frame, applications


def _expected(rule: SubsidyRule, applications: list[Application]) -> list[tuple[Any, ...]]:
    rows = what_if(applications, {"v": rule}, BODY_STATE).rows
    return [(row.award, row.binding.value, None if row.refusal is None else row.refusal.value) for row in rows]


def _columns(result: kyodo.WhatIfFrame, variant: str = "v") -> list[tuple[Any, ...]]:
    refusals = result.refusals[variant].astype(object).where(result.refusals[variant].notna(), None)
    return list(zip(result.awards[variant].tolist(), result.bindings[variant].astype(str), refusals, strict=True))


def _run(rule: SubsidyRule, frame: Any) -> tuple[kyodo.WhatIfFrame, list[str]]:
    return _run_all(frame, {"v": rule})


def _run_all(
    frame: Any, variants: dict[str, SubsidyRule], claim_columns: dict[str, Any] | None = None
) -> tuple[kyodo.WhatIfFrame, list[str]]:
    """The result, and what the warnings said."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ScalarPathWarning)
        result = what_if_frame(frame, variants, BODY_STATE, claim_columns=claim_columns)
    return result, [str(warning.message) for warning in caught]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms_rules(), frames(big=True))
def test_subsidy_terms_equal_the_scalar_path_on_every_row(rule: SubsidyRule, drawn: tuple[Any, list[Any]]) -> None:
    frame, applications = drawn
    result, said = _run(rule, frame)
    assert _columns(result) == _expected(rule, applications)
    assert list(result.awards.index) == list(frame.index)
    assert result.totals() == what_if(applications, {"v": rule}, BODY_STATE).totals()
    # Every rule of SubsidyTerms is columnar, those that read a body's earlier awards included.
    assert not said, said
    history = any(t.total_cap is not None or t.max_years is not None for _s, t in rule.versions)  # type: ignore[union-attr]
    shared = any(t.cap_per_fy is not None for _s, t in rule.versions) and frame.duplicated(["body", "fy"]).any()  # type: ignore[union-attr]
    event("history" if history else "a shared per-FY cap" if shared else "no history")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms_rules(), frames(big=True, dense=True))
def test_history_in_dense_populations_equals_the_scalar_path_on_every_row(
    rule: SubsidyRule, drawn: tuple[Any, list[Any]]
) -> None:
    # Several applications of one body in one year and over the years: per-FY caps shared, totals
    # reached, year limits hit, each row seeing exactly the awards its Ledger would have.
    frame, applications = drawn
    result, said = _run(rule, frame)
    assert not said, said
    assert _columns(result) == _expected(rule, applications)
    refusals = set(result.refusals["v"].dropna())
    event(", ".join(sorted(refusals & {"year_limit", "total_reached"})) or "neither limit reached")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calculation_rules(), frames())
def test_calculations_equal_the_scalar_path_on_every_row(rule: SubsidyRule, drawn: tuple[Any, list[Any]]) -> None:
    # The rows claim nothing beyond their cost: no columns for the attributes the calculations declare.
    frame, applications = drawn
    try:
        expected = _expected(rule, applications)
    except ValidationError:
        with pytest.raises(ValidationError):
            _run_all(frame, {"v": rule}, claim_columns={})
        return
    result, said = _run_all(frame, {"v": rule}, claim_columns={})
    event(f"scalar path: {said[0].rsplit(': ', 1)[-1]}" if said else "columnar")
    assert _columns(result) == expected


# --- claims as columns: attributes, counts, deductions and sites beside the cost --------------------------

#: Every column of a claim the random calculations read, with its role.
CLAIMS: dict[str, Any] = dict.fromkeys(VOCABULARY, "attribute") | {"世帯数": "count", "site": "site"}
CLAIMS |= dict.fromkeys(KINDS, "deduction")


def _claim_frame(applications: list[Application], nullable: bool) -> Any:
    """The applications as a frame with a column for each part of their claims (missing where one claims none)."""
    columns: dict[str, Any] = {
        "body": [a.body for a in applications],
        "fy": [a.fy.year for a in applications],
        "cost": [a.cost for a in applications],
    }
    for name, role in CLAIMS.items():
        part = {"attribute": "attributes", "count": "counts", "deduction": "deductions"}.get(role)
        values = [a.claim.site if part is None else dict(getattr(a.claim, part)).get(name) for a in applications]
        if role in ("count", "deduction"):
            columns[name] = pd.array(values, dtype="Int64") if nullable else pd.Series(values, dtype=object)
        else:
            columns[name] = values
    return pd.DataFrame(columns)


def _frame_ready(application: Application) -> Application:
    """The application as a frame's columns can hold it: a plain cost, no units."""
    claim = application.claim
    cost = application.cost if isinstance(application.cost, int) else sum(application.cost.values())
    plain = kyodo.Claim(attributes=claim.attributes, deductions=claim.deductions, site=claim.site, counts=claim.counts)
    return Application(application.body, application.fy, cost, plain)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calculation_rules(), st.lists(claiming_applications(), min_size=1, max_size=20), st.booleans())
def test_claims_given_as_columns_equal_the_scalar_path_on_every_row(
    rule: SubsidyRule, drawn: list[Application], nullable: bool
) -> None:
    applications = [_frame_ready(application) for application in drawn]
    frame = _claim_frame(applications, nullable)
    try:
        expected = _expected(rule, applications)
    except ValidationError as error:
        refused = error.problems
    else:
        refused = None
    if refused is not None:
        # The scalar path's own refusal, with the same problems.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScalarPathWarning)
            with pytest.raises(ValidationError) as caught:
                what_if_frame(frame, {"v": rule}, BODY_STATE, claim_columns=CLAIMS)
        assert caught.value.problems == refused
        return
    with warnings.catch_warnings(record=True) as caught_warnings:
        warnings.simplefilter("always", ScalarPathWarning)
        result = what_if_frame(frame, {"v": rule}, BODY_STATE, claim_columns=CLAIMS)
    event("scalar path" if caught_warnings else "columnar")
    assert _columns(result) == expected


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_every_example_rule_reads_the_claims_it_names_from_columns(path: Any) -> None:
    # Each example rule's own names (活動, 世帯数, 収入, ...) as columns, found from the rule, not given.
    rule = kyodo.load(path, kind=SubsidyRule)
    applications = [_frame_ready(application) for application in example_population(rule, 0)]
    roles, every = kyodo._columnar.claim_roles({"v": rule})
    claim_columns = None if every is None else dict(roles) | {"収入": "deduction"}
    columns: dict[str, Any] = {
        "body": [a.body for a in applications],
        "fy": [a.fy.year for a in applications],
        "cost": [a.cost for a in applications],
    }
    for name, role in (claim_columns or roles).items():
        part = {"attribute": "attributes", "count": "counts", "deduction": "deductions"}.get(role)
        values = [a.claim.site if part is None else dict(getattr(a.claim, part)).get(name) for a in applications]
        columns[name] = pd.Series(values, dtype=object)
    kept = set(columns) - {"body", "fy", "cost"}
    # Claims the frame does not hold (a deduction of a kind no rule names) are dropped from the applications too.
    applications = [
        Application(
            a.body,
            a.fy,
            a.cost,
            kyodo.Claim(
                attributes=a.claim.attributes,
                deductions={k: v for k, v in a.claim.deductions if k in kept},
                site=a.claim.site if "site" in kept else None,
                counts={k: v for k, v in a.claim.counts if k in kept},
            ),
        )
        for a in applications
    ]
    try:
        expected = _expected(rule, applications)
    except ValidationError:
        pytest.skip("the population holds an application the rule refuses")  # the random population, not the reader
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScalarPathWarning)
        result = what_if_frame(pd.DataFrame(columns), {"v": rule}, BODY_STATE, claim_columns=claim_columns)
    assert _columns(result) == expected


def test_nikko_reads_its_activity_income_and_households_from_columns() -> None:
    # 日光市: 1/2 (10/10 for 地域防災), at most cost − 収入, at most 400 × 世帯数 + 100,000, down to 1,000 yen.
    rule = kyodo.load("examples/subsidies/nikko-machizukuri.toml", kind=SubsidyRule)
    frame = pd.DataFrame(
        {
            "body": ["東", "西", "南", "北"],
            "fy": [2022, 2022, 2023, 2023],
            "cost": [100_000, 300_000, 250_000, 900_000],
            "活動": ["地域防災", "その他", None, "地域防災"],
            "収入": pd.array([0, 250_000, None, 10_000], dtype="Int64"),
            "世帯数": [100, 500, 30, 10],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScalarPathWarning)  # columnar, not the scalar path
        result = what_if_frame(frame, {"v": rule})
    assert result.awards["v"].tolist() == [100_000, 50_000, 0, 104_000]
    assert result.bindings["v"].astype(str).tolist() == ["rate", "deficit_cap", "refused", "cap_per_application"]
    assert result.refusals["v"].astype(object).where(result.refusals["v"].notna(), None).tolist() == [
        None,
        None,
        "no_row",
        None,
    ]


def test_a_column_a_variant_reads_must_be_there_and_a_claim_column_must_hold_its_kind() -> None:
    rule = kyodo.load("examples/subsidies/nikko-machizukuri.toml", kind=SubsidyRule)
    frame = pd.DataFrame({"body": ["東"], "fy": [2022], "cost": [100_000], "活動": ["その他"], "世帯数": [10]})
    cases = [
        (frame.drop(columns=["世帯数"]), None, "", "missing_key", "'世帯数'"),
        (frame.drop(columns=["活動"]), None, "", "missing_key", "'活動'"),
        (frame.assign(世帯数=[10.0]), None, "世帯数[0]", "inexact_number", "Int64"),
        (frame.assign(世帯数=[-1]), None, "世帯数[0]", "out_of_range", "-1"),
        (frame.assign(活動=[3]), None, "活動[0]", "not_text", "3"),
        (frame.assign(収入=pd.Series(["千円"], dtype=object)), None, "収入[0]", "not_a_number", "千円"),
        (frame, {"世帯数": "households"}, "claim_columns.世帯数", "unknown_label", "households"),
        (frame, {"人数": "count"}, "", "missing_key", "'人数'"),
    ]
    for population, claim_columns, path, code, quoted in cases:
        with pytest.raises(ValidationError) as caught:
            what_if_frame(population, {"v": rule}, claim_columns=claim_columns)
        problem = caught.value.to_data()["problems"][0]  # type: ignore[index]
        assert (problem["path_text"], problem["code"]) == (path, code), caught.value  # type: ignore[index]
        assert quoted in str(caught.value)


def test_a_step_taking_every_deduction_asks_which_columns_hold_them() -> None:
    from kyodo.steps import Calculation, Deduct, Rate

    rule = SubsidyRule("r", [Calculation([Deduct(), Rate("1/2")])])
    frame = pd.DataFrame({"body": ["東", "西"], "fy": [2022, 2022], "cost": [100_000, 100_000], "収入": [20_000, 0]})
    with pytest.raises(ValidationError, match="claim_columns"):
        what_if_frame(frame, {"v": rule})
    assert what_if_frame(frame, {"v": rule}, claim_columns={"収入": "deduction"}).awards["v"].tolist() == [
        40_000,
        50_000,
    ]
    assert what_if_frame(frame, {"v": rule}, claim_columns={}).awards["v"].tolist() == [50_000, 50_000]


@settings(max_examples=40, deadline=None)
@given(frames())
def test_the_totals_by_fiscal_year_add_up_the_rows(drawn: tuple[Any, list[Any]]) -> None:
    frame, applications = drawn
    variants = rule_grid(PROJECT_4, rate=["1/2", "2/3"])
    result, _said = _run_all(frame, variants)
    needed = what_if(applications, variants).budget_needed()
    table = result.totals_by_fy()
    assert {(variant, fy): int(table.loc[fy, variant]) for fy in table.index for variant in table.columns} == {
        (variant, fy): needed.get((variant, fy), 0) for fy in table.index for variant in variants
    }
    assert list(table.index) == sorted(table.index)
    # The fy index is the fiscal_year dtype every kyodo frame uses, so it shows 平成27年度, not 2016.
    assert str(table.index.dtype) == "fiscal_year"


# --- examples ----------------------------------------------------------------------------------------


def test_project_4_over_two_variants_joins_back_to_the_input() -> None:
    population = pd.DataFrame(
        {"body": ["A", "B", "A", "C"], "fy": [2015, 2015, 2016, 2014], "cost": [420_000, 150_000, 90_000, 0]},
        index=pd.Index(["申請1", "申請2", "申請3", "申請4"], name="申請"),
    )
    variants = rule_grid(PROJECT_4, rate=["1/2", "2/3"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScalarPathWarning)
        result = what_if_frame(population, variants)
    joined = population.join(result.frame["rate=2/3"])
    assert joined["award"].tolist() == [200_000, 100_000, 0, 0]
    assert joined["binding"].tolist() == ["cap_per_fy", "rate", "refused", "refused"]
    assert joined["refusal"].tolist()[2:] == ["not_offered", "no_eligible_cost"]
    assert joined["refusal"].isna().tolist() == [True, True, False, False]
    assert result.awards["rate=1/2"].tolist() == [200_000, 75_000, 0, 0]
    assert str(result.awards.dtypes.iloc[0]) == "int64"
    assert isinstance(result.bindings["rate=1/2"].dtype, pd.CategoricalDtype)
    assert result.totals() == {"rate=1/2": 275_000, "rate=2/3": 300_000}
    table = result.totals_by_fy()
    assert list(table.index) == [FiscalYear(2014), FiscalYear(2015), FiscalYear(2016)]
    assert table.loc[FiscalYear(2015)].tolist() == [275_000, 300_000]
    assert repr(result) == "WhatIfFrame(2 variants × 4 applications)"


def test_a_dict_of_arrays_and_each_row_explained() -> None:
    population = {"body": np.array(["A", "A"]), "fy": ["平成27年度", "H27"], "cost": np.array([420_000, 90_000])}
    # Two applications of A in FY2015 share its per-FY cap: the second gets what the first left.
    result = what_if_frame(population, {"事業4": PROJECT_4})
    assert result.awards["事業4"].tolist() == [200_000, 0]
    award = result.award(1)
    assert (award.amount, award.binding, award.fy) == (0, kyodo.Constraint.CAP_PER_FY, FiscalYear(2015))
    assert result.explain(0).en == "200,000 yen: 2/3 × 420,000 = 280,000 exceeds the 200,000 yen per-FY cap"
    with pytest.raises(ValidationError, match="no row is labelled 7"):
        result.award(7)


def test_a_shared_per_fy_cap_is_columnar() -> None:
    population = {"body": ["A", "A", "B"], "fy": [2015, 2015, 2015], "cost": [240_000, 150_000, 30_000]}
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScalarPathWarning)
        result = what_if_frame(population, {"事業4": PROJECT_4})
    assert result.awards["事業4"].tolist() == [160_000, 40_000, 20_000]
    assert result.bindings["事業4"].tolist() == ["rate", "cap_per_fy", "rate"]


def test_a_total_cap_and_a_year_limit_are_columnar() -> None:
    # Seed 001's 事業1: 100%, 50,000 yen in all over at most two fiscal years.
    project_1 = SubsidyRule("事業1", [SubsidyTerms(rate="100%", total_cap=50_000, max_years=2)])
    population = {
        "body": ["A", "B", "A", "A", "B", "B"],
        "fy": [2016, 2014, 2014, 2015, 2014, 2015],
        "cost": [10_000, 60_000, 30_000, 30_000, 5_000, 1],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScalarPathWarning)
        result = what_if_frame(population, {"事業1": project_1})
    assert result.awards["事業1"].tolist() == [0, 50_000, 30_000, 20_000, 0, 0]
    assert result.bindings["事業1"].tolist() == ["refused", "total_cap", "rate", "total_cap", "refused", "refused"]
    refusals = result.refusals["事業1"].tolist()
    assert [refusals[0], *refusals[4:]] == ["year_limit", "total_reached", "total_reached"]


def test_a_body_with_too_many_applications_goes_to_the_scalar_path_and_says_so() -> None:
    from kyodo._fast_steps import MAX_PASSES

    project_1 = SubsidyRule("事業1", [SubsidyTerms(rate="100%", total_cap=50_000)])
    count = MAX_PASSES + 1
    population = {"body": ["A"] * count, "fy": [2015] * count, "cost": [2_000] * count}
    with pytest.warns(ScalarPathWarning, match="more than 32 applications") as said:
        result = what_if_frame(population, {"事業1": project_1})
    assert said[0].filename == __file__  # the warning points at the caller's line
    assert result.awards["事業1"].tolist() == [2_000] * 25 + [0] * (count - 25)


def test_a_per_application_cap_needs_no_history() -> None:
    # 生ごみ処理機: half the price, at most 30,000 yen a machine; a body may buy two in a year.
    rule = SubsidyRule("生ごみ処理機", [SubsidyTerms(rate="1/2", cap_per_application=30_000)])
    applications = [Application("A", FiscalYear(2024), cost) for cost in (80_000, 40_000)]
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScalarPathWarning)
        rows = what_if(applications, {"v": rule}, fast=True).rows
        result = what_if_frame({"body": ["A", "A"], "fy": [2024, 2024], "cost": [80_000, 40_000]}, {"v": rule})
    assert [row.award for row in rows] == result.awards["v"].tolist() == [30_000, 20_000]


def test_the_awards_are_not_the_input_costs() -> None:
    population = pd.DataFrame({"body": ["A", "B"], "fy": [2024, 2024], "cost": [80_000, 40_000]})
    result = what_if_frame(population, {"all": SubsidyRule("r", [SubsidyTerms(rate="100%")])})
    result.awards.loc[0, "all"] = 1
    assert population["cost"].tolist() == [80_000, 40_000]


def test_costs_beyond_int64_stay_exact() -> None:
    rule = SubsidyRule("r", [SubsidyTerms(rate=Fraction(999_999_999, 1_000_000_000))])
    population = {"body": ["A", "B"], "fy": [2024, 2024], "cost": [10**20, 7]}
    result = what_if_frame(population, {"v": rule})
    assert result.awards["v"].tolist() == [99_999_999_900_000_000_000, 6]
    assert result.totals() == {"v": 99_999_999_900_000_000_006}
    assert result.totals_by_fy().loc[FiscalYear(2024), "v"] == 99_999_999_900_000_000_006


@pytest.mark.parametrize(
    ("population", "path", "code"),
    [
        ({"body": ["A"], "fy": [2015]}, "", "invalid"),
        ({"body": ["A"], "fy": [2015, 2016], "cost": [1, 2]}, "", "invalid"),
        ({"body": ["A", "B"], "fy": [2015, 2015], "cost": [1.0, 1.5]}, "cost[0]", "not_a_number"),
        ({"body": ["A", "B"], "fy": [2015, 2015], "cost": [1, -1]}, "cost[1]", "out_of_range"),
        ({"body": ["A", "B"], "fy": [2015, 0], "cost": [1, 1]}, "fy[1]", "out_of_range"),
        ({"body": ["A", "B"], "fy": ["FY2015", "平成99年度度"], "cost": [1, 1]}, "fy[1]", "bad_fiscal_year"),
        ({"body": ["A", "B"], "fy": [2015, None], "cost": [1, 1]}, "fy[1]", "bad_fiscal_year"),
        ({"body": ["A", None], "fy": [2015, 2015], "cost": [1, 1]}, "body[1]", "invalid"),
        ([Application("A", FiscalYear(2015), 1)], "", "invalid"),
    ],
)
def test_bad_columns_are_refused_with_where_and_why(population: Any, path: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        what_if_frame(population, {"事業4": PROJECT_4})
    problem = caught.value.to_data()["problems"][0]  # type: ignore[index]
    assert (problem["path_text"], problem["code"]) == (path, code)  # type: ignore[index]


def test_an_empty_frame_gives_empty_columns() -> None:
    empty = pd.DataFrame({"body": pd.Series([], dtype=object), "fy": pd.Series([], dtype="int64"), "cost": []})
    empty["cost"] = empty["cost"].astype("int64")
    result = what_if_frame(empty, {"v": PROJECT_4})
    assert result.totals() == {"v": 0}
    assert len(result.frame) == 0
    assert len(result.totals_by_fy()) == 0


# --- partitions: the kernel is a pure function of its rows, so a study runs partition by partition ----------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms_rules(), frames(), st.integers(min_value=1, max_value=4))
def test_a_study_run_partition_by_partition_equals_the_study_run_whole(
    rule: SubsidyRule, drawn: tuple[Any, list[Any]], partitions: int
) -> None:
    # As dask.dataframe's map_partitions or a polars group_by would run it: every body's applications
    # in one partition (a body's earlier awards decide its later ones), the partitions' rows joined back.
    frame, _applications = drawn
    whole, _said = _run_all(frame, {"v": rule})
    bodies = frame["body"].astype(str)
    part_of = bodies.map({body: index % partitions for index, body in enumerate(sorted(set(bodies)))})
    pieces = [_run_all(frame[part_of == part], {"v": rule})[0] for part in range(partitions) if (part_of == part).any()]
    for table in ("awards", "bindings", "refusals"):
        joined = pd.concat([getattr(piece, table) for piece in pieces]).reindex(frame.index)
        pd.testing.assert_frame_equal(joined.astype(object), getattr(whole, table).astype(object))
    assert sum(piece.totals()["v"] for piece in pieces) == whole.totals()["v"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms_rules(), frames(), st.integers(min_value=1, max_value=3))
def test_a_study_under_dask_map_partitions_equals_the_study_run_whole(
    rule: SubsidyRule, drawn: tuple[Any, list[Any]], partitions: int
) -> None:
    # The example of docs/reference/whatif.md, run by Dask itself: shuffled by body, each partition put
    # back in the ledger's order (a shuffle keeps no order, and a body's same-year applications are
    # counted in the order of its rows), mapped, the awards joined back on the index.
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    frame, _applications = drawn
    variants = {"v": rule, "half": rule_grid(rule, rate=["1/2"])["rate=1/2"]}
    whole, _said = _run_all(frame, variants)

    def awards(part: Any) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ScalarPathWarning)
            return what_if_frame(part.sort_values("row", kind="stable"), variants, BODY_STATE).awards

    numbered = frame.assign(row=range(len(frame)))
    with dask.config.set({"scheduler": "synchronous", "dataframe.convert-string": False}):
        population = dd.from_pandas(numbered, npartitions=partitions).shuffle("body")
        study = population.map_partitions(awards, meta=dict.fromkeys(variants, "int64"))
        joined = study.compute().reindex(frame.index)
        totals = study.sum().compute()
    pd.testing.assert_frame_equal(joined.astype(object), whole.awards.astype(object))
    assert {name: int(total) for name, total in totals.items()} == whole.totals()


def test_variants_that_are_not_named_rules_are_refused_with_where_and_why() -> None:
    frame = pd.DataFrame({"body": ["東"], "fy": [2014], "cost": [100_000]})
    cases = [
        ([PROJECT_4], "variants", "not_a_table", "list"),
        ({1: PROJECT_4}, "variants", "not_text", "1"),
        ({"v": "事業4"}, "variants.v", "invalid", "'事業4'"),
    ]
    for variants, path, code, quoted in cases:
        for run in (what_if_frame, what_if):
            with pytest.raises(ValidationError) as caught:
                run(frame, variants)  # type: ignore[operator]
            problem = caught.value.to_data()["problems"][0]  # type: ignore[index]
            assert (problem["path_text"], problem["code"]) == (path, code)  # type: ignore[index]
            assert quoted in str(caught.value)


def test_a_list_of_costs_some_past_int64_stays_exact() -> None:
    # numpy would read this list as float64 (2**63 + 5 does not fit int64) and the cost 1 as 1.0.
    result = what_if_frame({"body": ["東", "西"], "fy": [2014, 2014], "cost": [1, 2**63 + 5]}, {"v": PROJECT_4})
    assert result.awards["v"].tolist() == [0, 200_000]
    with pytest.raises(ValidationError, match=r"1\.5"):
        what_if_frame({"body": ["東", "西"], "fy": [2014, 2014], "cost": [1.5, 2**63 + 5]}, {"v": PROJECT_4})
