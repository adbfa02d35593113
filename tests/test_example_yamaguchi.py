"""Seed 002: Yamaguchi's 協働推進プラン 年度別実行計画 (FY2013–FY2017), as examples/plans/yamaguchi.toml."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import kyodo
from kyodo import Actor, FiscalYear, Measure, MeasureKind, Relisting, Section, Stage

PLAN_FILE = Path(__file__).parent.parent / "examples" / "plans" / "yamaguchi.toml"


@pytest.fixture(scope="module")
def plan() -> kyodo.Plan:
    return kyodo.load(PLAN_FILE)


def _measure(plan: kyodo.Plan, code: str) -> Measure:
    found = plan.find(code)
    assert isinstance(found, Measure)
    return found


def _cells(measure: Measure) -> dict[int, str]:
    return {entry.fy.year: entry.label for entry in measure.schedule}


def test_period_and_levels(plan: kyodo.Plan) -> None:
    """Seed 002: the 年次計画 runs H25 to H29; the tree is 推進方針 / 推進施策 / 推進項目."""
    assert (plan.period.first, plan.period.last) == (FiscalYear(2013), FiscalYear(2017))
    assert plan.levels == ("推進方針", "推進施策", "推進項目")
    assert plan.municipality == "山口市"


def test_tree_counts(plan: kyodo.Plan) -> None:
    """Seed 002 prints 4 推進方針, 16 推進施策 and 46 整理番号, two of them 再掲."""
    levels = Counter(plan.level_of(node) for _code, node in plan.walk())
    assert levels == Counter({"推進方針": 4, "推進施策": 16, "推進項目": 46})
    assert len(list(plan.measures())) == 44
    assert sum(isinstance(node, Relisting) for _code, node in plan.walk()) == 2
    assert [section.number for section in plan.sections] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"]


def test_new_and_continuing(plan: kyodo.Plan) -> None:
    """Seed 002: 14 items are 新規 and 30 (plus the two 再掲) 継続."""
    kinds = Counter(measure.kind for measure in plan.measures())
    assert kinds == Counter({MeasureKind.CONTINUING: 30, MeasureKind.NEW: 14})
    assert _measure(plan, "Ⅰ-(1)-①").kind is MeasureKind.NEW
    assert _measure(plan, "Ⅰ-(1)-②").kind is MeasureKind.CONTINUING


def test_titles_under_their_sections(plan: kyodo.Plan) -> None:
    """Seed 002: Ⅰ-(2)-⑫ is やまぐち式地域自治区の検討, Ⅳ-(1)-③ 地域内分権に向けた事務・権限の移譲."""
    assert _measure(plan, "Ⅰ-(2)-⑫").title == "やまぐち式地域自治区の検討"
    assert _measure(plan, "Ⅳ-(1)-③").title == "地域内分権に向けた事務・権限の移譲"
    section = plan.find("Ⅰ-(5)")
    assert isinstance(section, Section)
    assert section.title == "中間支援機能（相談・コーディネート機能）の充実"
    assert plan.find("Ⅰ-（2）-⑨") is plan.find("Ⅰ-(2)-⑨")


def test_arrows_resolve_to_the_year_before(plan: kyodo.Plan) -> None:
    """Seed 002, Ⅰ-(5)-②: 一部実施 → → → 実施; each → is the year before's 一部実施."""
    measure = _measure(plan, "Ⅰ-(5)-②")
    assert _cells(measure) == {2013: "一部実施", 2014: "→", 2015: "→", 2016: "→", 2017: "実施"}
    assert [measure.stage(FiscalYear(year)) for year in range(2013, 2018)] == [
        Stage.PARTLY_IMPLEMENT,
        Stage.PARTLY_IMPLEMENT,
        Stage.PARTLY_IMPLEMENT,
        Stage.PARTLY_IMPLEMENT,
        Stage.IMPLEMENT,
    ]
    assert [entry.carried for entry in measure.schedule] == [False, True, True, True, False]


def test_arrows_are_written_back_as_arrows(plan: kyodo.Plan) -> None:
    """Seed 002, Ⅰ-(5)-②: written out, the → cells stay → and the stages are written by value."""
    data = json.loads(kyodo.dumps(plan, "json"))
    item = data["sections"][0]["children"][4]["children"][1]
    assert item["title"] == "（仮称）地域活性化センターの設置"
    assert item["schedule"] == {
        "平成25年度": "partly_implement",
        "平成26年度": "→",
        "平成27年度": "→",
        "平成28年度": "→",
        "平成29年度": "implement",
    }


def test_study_then_implement(plan: kyodo.Plan) -> None:
    """Seed 002: Ⅰ-(5)-① 検討 実施 → → →; Ⅰ-(3)-② 検討・実施 → → → →."""
    first = _measure(plan, "Ⅰ-(5)-①")
    assert first.stage(FiscalYear(2013)) is Stage.STUDY
    assert first.stage(FiscalYear(2017)) is Stage.IMPLEMENT
    second = _measure(plan, "Ⅰ-(3)-②")
    assert second.stage(FiscalYear(2016)) is Stage.STUDY_AND_IMPLEMENT


def test_survey_every_three_years(plan: kyodo.Plan) -> None:
    """Seed 002, Ⅱ-(4)-②: 検討 実施 [H27 empty] 検討 実施 — the survey runs 3年に1回."""
    measure = _measure(plan, "Ⅱ-(4)-②")
    assert _cells(measure) == {2013: "検討", 2014: "実施", 2016: "検討", 2017: "実施"}
    assert measure.stage(FiscalYear(2015)) is None
    assert measure.content is not None
    assert "３年に１回実施します" in measure.content


def test_unplaced_h27_is_left_out(plan: kyodo.Plan) -> None:
    """Seed 002, Ⅰ-(2)-⑧⑨⑩: their H27 cells (→, →, 実施) cannot be told apart, so H27–H29 are not recorded."""
    assert _cells(_measure(plan, "Ⅰ-(2)-⑧")) == {2013: "検討・実施", 2014: "→"}
    assert _cells(_measure(plan, "Ⅰ-(2)-⑨")) == {2013: "検討", 2014: "一部実施"}
    assert _cells(_measure(plan, "Ⅰ-(2)-⑩")) == {2013: "実施", 2014: "→"}
    assert _measure(plan, "Ⅰ-(2)-⑧").stage(FiscalYear(2014)) is Stage.STUDY_AND_IMPLEMENT
    assert any("Ⅰ-(2)-⑧, Ⅰ-(2)-⑨ and Ⅰ-(2)-⑩" in note for note in plan.notes)


def test_relistings_point_at_their_originals(plan: kyodo.Plan) -> None:
    """Seed 002: Ⅳ-(2)-② お気軽講座の充実 【再掲】 is Ⅱ-(3)-③; Ⅳ-(2)-③ 協働推進員の配置 【再掲】 is Ⅳ-(1)-②."""
    first = plan.find("Ⅳ-(2)-②")
    second = plan.find("Ⅳ-(2)-③")
    assert isinstance(first, Relisting)
    assert isinstance(second, Relisting)
    assert plan.resolve(first) is plan.find("Ⅱ-(3)-③")
    assert plan.resolve(second) is plan.find("Ⅳ-(1)-②")
    assert plan.resolve(first).title == "お気軽講座の充実"
    assert first.note == "お気軽講座の充実 【再掲】"
    assert all(measure.title != "お気軽講座の充実" or plan.code_of(measure) == "Ⅱ-(3)-③" for measure in plan.measures())


def test_departments(plan: kyodo.Plan) -> None:
    """Seed 002: 担当課 as printed, split at ・ but for 生涯学習・スポーツ振興課; no ● lead is printed."""
    assert _measure(plan, "Ⅱ-(3)-③").departments == ("生涯学習・スポーツ振興課", "関係課")
    assert _measure(plan, "Ⅰ-(2)-⑪").departments == ("学校教育課", "協働推進課", "地域交流センター")
    assert _measure(plan, "Ⅳ-(1)-③").departments == ("行革推進課", "職員課", "協働推進課", "各課")
    assert all(measure.lead is None for measure in plan.measures())


def test_unplaced_departments_are_left_out(plan: kyodo.Plan) -> None:
    """Seed 002: Ⅰ-(1)-①'s page prints three 担当課 that the extraction does not tie to items."""
    assert _measure(plan, "Ⅰ-(1)-①").departments == ()
    assert any("担当課 of Ⅰ-(1)-①, Ⅰ-(1)-② and Ⅰ-(2)-①" in note for note in plan.notes)


def test_target_actors(plan: kyodo.Plan) -> None:
    """Seed 002, 対象主体: ■ marks the actors an item is aimed at."""
    assert _measure(plan, "Ⅰ-(2)-⑪").actors == {Actor.COMMUNITIES, Actor.SCHOOLS}
    assert _measure(plan, "Ⅱ-(1)-①").actors == set(Actor) - {Actor.GOVERNMENT}
    assert _measure(plan, "Ⅰ-(4)-①").actors == set(Actor)
    assert _measure(plan, "Ⅳ-(1)-①").actors == {Actor.GOVERNMENT}
    assert _measure(plan, "Ⅰ-(3)-②").actors == frozenset()


def test_completion_criteria(plan: kyodo.Plan) -> None:
    """Seed 002, 完了の目安: a sentence ending …完了とします, or － where the item goes on."""
    assert _measure(plan, "Ⅰ-(1)-①").completion == (
        "全ての地域交流センターが地域づくりの拠点として有効に機能するように整備されたときに完了とします。"
    )
    ongoing = [plan.code_of(measure) for measure in plan.measures() if measure.completion == "－"]
    assert ongoing == ["Ⅰ-(2)-③", "Ⅰ-(3)-①", "Ⅰ-(6)-①", "Ⅱ-(4)-①", "Ⅱ-(4)-②", "Ⅱ-(5)-①"]
    assert all(
        measure.completion == "－" or (measure.completion or "").endswith("完了とします。")
        for measure in plan.measures()
    )


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_round_trip(plan: kyodo.Plan, fmt: kyodo.io.Format) -> None:
    """Seed 002's plan writes out and reads back equal, and writes the same text again."""
    text = kyodo.dumps(plan, fmt)
    again = kyodo.loads(text, fmt)
    assert again == plan
    assert kyodo.dumps(again, fmt) == text
