"""Seed 001: Ichinoseki's 地域協働推進計画 (FY2014–FY2018), projects 事業1–事業14, as examples/plans/ichinoseki.toml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kyodo
from kyodo import FiscalYear, Measure, Section, Stage, YearMonth

PLAN_FILE = Path(__file__).parent.parent / "examples" / "plans" / "ichinoseki.toml"


@pytest.fixture(scope="module")
def plan() -> kyodo.Plan:
    return kyodo.load(PLAN_FILE)


def _measure(plan: kyodo.Plan, code: str) -> Measure:
    found = plan.find(code)
    assert isinstance(found, Measure)
    return found


def _cells(measure: Measure) -> dict[int, str]:
    return {entry.fy.year: entry.label for entry in measure.schedule}


def test_period_and_publication(plan: kyodo.Plan) -> None:
    """Seed 001: 本計画は、平成26年度から平成30年度までの5年間; the cover is dated 平成26年3月."""
    assert (plan.period.first, plan.period.last) == (FiscalYear(2014), FiscalYear(2018))
    assert len(list(plan.period)) == 5
    assert plan.published == YearMonth(2014, 3)
    assert (plan.title, plan.municipality) == ("一関市地域協働推進計画", "一関市")


def test_fourteen_projects_in_document_order(plan: kyodo.Plan) -> None:
    """Seed 001 numbers its projects 事業1 to 事業14."""
    assert [measure.number for measure in plan.measures()] == [f"事業{n}" for n in range(1, 15)]


def test_projects_sit_under_their_chapters(plan: kyodo.Plan) -> None:
    """Seed 001: 事業1 is in 8-1-4 地域協働体の設立, 事業4–6 in 8-2-1 財政的支援, 事業12 in chapter 9."""
    assert plan.code_of(plan.find("事業1")) == "8-1-4-事業1"
    assert plan.find("8-1-4-事業1") is plan.find("事業1")
    assert [plan.code_of(plan.find(f"事業{n}")) for n in (4, 5, 6)] == ["8-2-1-事業4", "8-2-1-事業5", "8-2-1-事業6"]
    assert plan.code_of(plan.find("事業12")) == "9-事業12"
    financial = plan.find("8-2-1")
    assert isinstance(financial, Section)
    assert financial.title == "財政的支援"
    assert _measure(plan, "事業4").title == "地域協働体支援事業費補助金"


def test_project1_subsidy_wording_is_kept(plan: kyodo.Plan) -> None:
    """Seed 001, 事業1: 100%, 5万円 per district over at most two fiscal years, settled yearly, advance payment."""
    content = _measure(plan, "事業1").content
    assert content is not None
    assert "・限度額：1地区5万円（2箇年までとし、総額5万円、単年度精算、前金払い可）" in content.splitlines()
    assert "・補助率：100%" in content.splitlines()
    assert any("27年度までに発足した地域協働体設立準備会" in note for note in _measure(plan, "事業1").notes)


def test_project4_subsidy_wording_is_kept(plan: kyodo.Plan) -> None:
    """Seed 001, 事業4: 2/3, 20万円 per body per fiscal year, offered 当面は27年度まで."""
    measure = _measure(plan, "事業4")
    assert measure.content is not None
    assert measure.content.splitlines()[-2:] == ["・限度額：1地域協働体 単年度20万円", "・補助率：2/3"]
    assert any("当面は 27 年度まで" in note for note in measure.notes)


def test_project5_grant_carries_over(plan: kyodo.Plan) -> None:
    """Seed 001, 事業5: the grant starts in FY2015 and unused money may be carried over or partly reserved."""
    measure = _measure(plan, "事業5")
    assert measure.content is not None
    assert "平成27年度から支援" in measure.content
    assert any("予算の次年度繰越や一部予算の積立も可能な仕組み" in note for note in measure.notes)
    assert any("地域協働体が組織の構成団体等へ助成することも可能" in note for note in measure.notes)


def test_project6_staff_support(plan: kyodo.Plan) -> None:
    """Seed 001, 事業6: year one a city part-time post (one per body, ≤29 hours a week), then the body employs."""
    measure = _measure(plan, "事業6")
    assert measure.content is not None
    lines = measure.content.splitlines()
    assert "・配置人数等：地域協働体あたり1名とし、公民館に配置" in lines
    assert "・雇用条件：週29時間以内の年間雇用" in lines
    assert [plan.resolve(plan.find(code)).number for code in measure.references] == ["事業5", "事業11"]


def test_schedule_cells_as_printed(plan: kyodo.Plan) -> None:
    """Seed 001: the 実施年度 rows' texts, at the column each box begins in."""
    assert _cells(_measure(plan, "事業5")) == {
        2014: "交付金制度の具体的な制度設計",
        2015: "先行して設立された地域協働体から実施\n地域協働体の設立状況に応じて、交付（ハード事業以外）\n"
        "各種補助金との統合、一括化の検討\nハード事業に係る交付金制度の検討",
    }
    assert _cells(_measure(plan, "事業8")) == {2014: "研究、検討、制度設計", 2017: "地域協働体の活動状況に応じて、配置"}
    assert _cells(_measure(plan, "事業11")) == {
        2014: "諸課題の整理、公民館事業と社会教育事業のあり方の検討など",
        2015: "協定等必要な手続き",
    }


def test_project9_starts_with_research(plan: kyodo.Plan) -> None:
    """Seed 001, 事業9: 調査研究 in 26年度 is a stage; 28年度 holds free text."""
    measure = _measure(plan, "事業9")
    assert measure.stage(FiscalYear(2014)) is Stage.RESEARCH
    assert measure.stage(FiscalYear(2016)) is None
    assert measure.schedule[1].text == "地域協働体の活動状況等に応じて、導入の検討"
    assert measure.stage(FiscalYear(2015)) is None


def test_drawn_only_rows_have_no_schedule(plan: kyodo.Plan) -> None:
    """Seed 001: the rows of 事業2, 3, 12, 13 and 14 are drawn without text, and are left empty."""
    for number in (2, 3, 12, 13, 14):
        measure = _measure(plan, f"事業{number}")
        assert measure.schedule == ()
        assert measure.notes


def test_nothing_unprinted_is_filled_in(plan: kyodo.Plan) -> None:
    """Seed 001 prints no 担当課 and names no community body: the plan says so in its notes instead."""
    assert all(measure.departments == () and measure.lead is None for measure in plan.measures())
    assert plan.bodies == ()
    assert any("担当課" in note for note in plan.notes)
    assert any("names no body" in note for note in plan.notes)


def test_founding_flow_is_kept_with_its_section(plan: kyodo.Plan) -> None:
    """Seed 001, 8-1-4: the usual founding steps, ③設立準備会の立ち上げ … ⑥設立総会."""
    section = plan.find("8-1-4")
    assert isinstance(section, Section)
    assert section.description is not None
    assert "③設立準備会の立ち上げ" in section.description
    assert "⑥設立総会" in section.description


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_round_trip(plan: kyodo.Plan, fmt: kyodo.io.Format) -> None:
    """Seed 001's plan writes out and reads back equal, and writes the same text again."""
    text = kyodo.dumps(plan, fmt)
    again = kyodo.loads(text, fmt)
    assert again == plan
    assert kyodo.dumps(again, fmt) == text


def test_written_schedule_keeps_the_stage_and_the_texts(plan: kyodo.Plan) -> None:
    """Seed 001, 事業9 in JSON: the stage is written by value, the free text as a text cell."""
    data = json.loads(kyodo.dumps(plan, "json"))
    project9 = data["sections"][0]["children"][1]["children"][2]["children"][0]
    assert project9["number"] == "事業9"
    assert project9["schedule"] == {
        "平成26年度": "research",
        "平成28年度": {"text": "地域協働体の活動状況等に応じて、導入の検討"},
    }
