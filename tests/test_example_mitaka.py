"""Seed 004: Mitaka's part 8, policy 第8部－第1, as examples/plans/mitaka.toml."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import kyodo
from kyodo import FiscalYear, Measure, Priority, Section, TargetRole

PLAN_FILE = Path(__file__).parent.parent / "examples" / "plans" / "mitaka.toml"

#: Seed 004, I まちづくり指標: (name, unit, 平成22年度, 平成26年度 actual, 平成30年度 mid-term, 平成34年度 final).
PRINTED_INDICATORS = [
    ("コミュニティ・センター、地区公会堂の利用者数", "人", 837_244, 877_236, 900_000, 910_000),
    ("市民協働センターの利用者数", "人", 57_681, 60_271, 61_000, 62_000),
    ("市内のNPO認定団体の数", "団体", 74, 81, 90, 98),
]

#: Seed 004, II: the items marked ◎ (主要事業) and ※ (推進事業).
MAIN = [
    "1-(1)-①",
    "1-(1)-②",
    "1-(1)-③",
    "1-(1)-④",
    "2-(1)-①",
    "2-(1)-②",
    "2-(1)-③",
    "2-(2)-①",
    "2-(2)-②",
    "3-(1)-①",
    "3-(3)-①",
    "3-(3)-②",
    "3-(5)-①",
    "4-(1)-①",
]
PROMOTION = ["2-(1)-④", "2-(2)-③", "3-(1)-②", "3-(2)-①", "3-(2)-②", "4-(1)-②"]
UNMARKED = [
    "2-(2)-④",
    "2-(2)-⑤",
    "3-(3)-③",
    "3-(4)-①",
    "3-(5)-②",
    "3-(6)-②",
    "4-(1)-③",
    "4-(1)-④",
    "4-(1)-⑤",
    "5-(1)-①",
]

#: Seed 004, II: the 「…」参照 cross-references.
REFERENCES = {
    "1-(1)-②": "第5部-第1 地域福祉の推進",
    "1-(1)-③": "第5部-第1 地域福祉の推進",
    "1-(1)-④": "第2部-第4 1 商業環境の整備",
    "2-(1)-①": "第8部-第2 「21世紀型自治体」の実現と都市自治の確立",
    "2-(1)-②": "第3部-第4 災害に強いまちづくりの推進",
    "2-(1)-③": "第7部-第1 2 図書館活動",
    "3-(2)-②": "第7部-第1 1 生涯学習の推進",
    "3-(5)-①": "第2部-第3 都市型産業の育成",
}

#: Seed 004: the items described in V 主要事業 and IV 推進事業.
DESCRIBED = {
    "1-(1)-①": "地域における人と人とのつながりの希薄化",
    "2-(2)-①": "コミュニティのさらなる活性化をめざし",
    "2-(2)-②": "住民協議会が実施する多世代交流事業等",
    "3-(1)-①": "住民協議会や町会・自治会等の地縁型組織と",
    "3-(3)-①": "「コミュニティ創生」をめざす多様な担い手",
    "3-(3)-②": "新川防災公園・多機能複合施設（仮称）の利用促進",
    "4-(1)-①": "三鷹市と 19 の教育・研究機関が共に運営する",
    "2-(1)-④": "コミュニティ・センターについては、耐震補強",
    "2-(2)-③": "コミュニティ・センター及び地区公会堂を活動の場として",
    "3-(1)-②": "町会等地域自治組織活性化事業(がんばる地域応援プロジェクト)",
    "3-(2)-①": "住民協議会や町会・自治会等地域自治組織、NPO等市民活動団体",
    "4-(1)-②": "三鷹ネットワーク大学推進機構が運営する",
}


@pytest.fixture(scope="module")
def plan() -> kyodo.Plan:
    return kyodo.load(PLAN_FILE)


def _measure(plan: kyodo.Plan, code: str) -> Measure:
    found = plan.find(code)
    assert isinstance(found, Measure)
    return found


def _items(plan: kyodo.Plan) -> dict[str, Measure]:
    """Seed 004's projects by path code (section I holds the indicators and is not a project)."""
    return {code: node for code, node in plan.walk() if isinstance(node, Measure)}


def _part_one(plan: kyodo.Plan) -> Section:
    found = plan.find("I")
    assert isinstance(found, Section)
    return found


@pytest.mark.parametrize(
    ("name", "unit", "baseline", "interim", "mid_term", "final"),
    PRINTED_INDICATORS,
    ids=[row[0] for row in PRINTED_INDICATORS],
)
def test_printed_indicator_figures(
    plan: kyodo.Plan, name: str, unit: str, baseline: int, interim: int, mid_term: int, final: int
) -> None:
    """Seed 004: baseline (平成22年度), 前期実績値 (平成26年度), 中期目標値 (平成30年度), 目標値 (平成34年度)."""
    indicator = _part_one(plan).indicator(name)
    assert indicator.unit == unit
    # The column is headed 計画策定時の状況 (平成22年度): the sheet's words and the year both.
    assert indicator.baseline == kyodo.Baseline(Decimal(baseline), FiscalYear(2010), "計画策定時")
    assert [(a.fy, a.value) for a in indicator.actuals] == [(FiscalYear(2014), Decimal(interim))]
    assert [(t.fy, t.value, t.role) for t in indicator.targets] == [
        (FiscalYear(2018), Decimal(mid_term), TargetRole.MID_TERM),
        (FiscalYear(2022), Decimal(final), TargetRole.FINAL),
    ]


def test_heisei_34_is_fy2022(plan: kyodo.Plan) -> None:
    """Seed 004: the file writes the final year as printed, 平成34年度, and it is FY2022."""
    assert FiscalYear.parse("平成34年度") == FiscalYear(2022)
    assert '"平成34年度" = { value = 910_000, role = "final" }' in PLAN_FILE.read_text(encoding="utf-8")
    indicator = _part_one(plan).indicator("コミュニティ・センター、地区公会堂の利用者数")
    final = [t for t in indicator.targets if t.role is TargetRole.FINAL]
    assert [t.fy for t in final] == [FiscalYear(2022)]
    assert plan.period.last == FiscalYear(2022)
    assert plan.period.first == FiscalYear(2010)


def test_the_tree_follows_the_printed_codes(plan: kyodo.Plan) -> None:
    """Seed 004: 30 items under 1–5 and (1)–(6), found by the document's own codes (1-(1)-①)."""
    items = _items(plan)
    assert len(items) == 30
    assert set(items) == set(MAIN) | set(PROMOTION) | set(UNMARKED)
    assert [node.title for node in plan.sections if isinstance(node, Section)] == [
        "まちづくり指標",
        "コミュニティ創生の推進",
        "コミュニティ活動の展開",
        "協働型まちづくりの推進",
        "三鷹ネットワーク大学推進機構との協働の推進",
        "推進体制の整備",
    ]
    assert _measure(plan, "3-(1)-①").title == "市民協働センターの運営"
    assert _measure(plan, "5-(1)-①").title == "コミュニティ住区を基礎にした行政施策の推進"
    only = plan.find("3-(6)")
    assert isinstance(only, Section)
    assert [child.number for child in only.children] == ["②"]


def test_priorities(plan: kyodo.Plan) -> None:
    """Seed 004: ◎ is a main project, ※ a promotion project, and unmarked items have no priority."""
    items = _items(plan)
    assert sorted(code for code, m in items.items() if m.priority is Priority.MAIN) == sorted(MAIN)
    assert sorted(code for code, m in items.items() if m.priority is Priority.PROMOTION) == sorted(PROMOTION)
    assert sorted(code for code, m in items.items() if m.priority is None) == sorted(UNMARKED)
    assert _measure(plan, "2-(1)-④").priority.label == "※"  # type: ignore[union-attr]
    assert _measure(plan, "1-(1)-①").priority.label == "◎"  # type: ignore[union-attr]


def test_cross_references(plan: kyodo.Plan) -> None:
    """Seed 004: each 「…」参照 is a reference of its item, and no other item has one."""
    found = {code: m.references for code, m in _items(plan).items() if m.references}
    assert found == {code: (reference,) for code, reference in REFERENCES.items()}


def test_descriptions_from_parts_v_and_iv(plan: kyodo.Plan) -> None:
    """Seed 004: the 7 main and 5 promotion projects described in V and IV carry their text as content."""
    described = {code: m.content for code, m in _items(plan).items() if m.content}
    assert set(described) == set(DESCRIBED)
    for code, start in DESCRIBED.items():
        assert (described[code] or "").startswith(start), code
    assert "これまでの研究を踏まえ" in (described["1-(1)-①"] or "")
    assert _measure(plan, "3-(3)-①").notes[0].startswith("（注1）地縁型組織：")


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_round_trip(plan: kyodo.Plan, fmt: kyodo.io.Format) -> None:
    """Seed 004: the plan writes and reads back equal, and writes back the same text."""
    text = kyodo.dumps(plan, fmt)
    again = kyodo.loads(text, fmt)
    assert again == plan
    assert kyodo.dumps(again, fmt) == text
