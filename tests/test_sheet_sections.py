"""Tables whose figures are a section's own (node = "section"): a 施策's 成果指標 and grade, on the section itself."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyodo import FiscalYear, Measure, Plan, Section, SheetMapping, ValidationError
from kyodo._sheet_grid import Grid, read_csv_text
from kyodo.sheets import read_grids_into_plan

#: A 施策指標の一覧: a row per indicator of a 施策, the 施策's code and name merged (blank below) over its rows.
_LIST = """施策,施策名,指標名,単位,H29目標,H29実績
1,地域コミュニティ,地域活動への関心度,%,53.6,50.2
,,地域活動への協力意向,%,63.2,57.1
2,市民活動,NPO認定団体数,団体,90,81
"""


def _mapping(node: str, **table: Any) -> dict[str, Any]:
    plan = {
        "title": "施策評価",
        "municipality": "所沢市",
        "period": "H29～H30",
        "sections": [{"number": "1", "title": "協働"}],
    }
    columns = {"number": "施策", "title": "施策名", "indicator": "指標名", "unit": "単位"}
    return {"plan": plan, "tables": [{"node": node, "under": "1", "columns": columns, **table}]}


def _read(text: str, mapping: dict[str, Any]) -> Plan:
    return read_grids_into_plan({"s": read_csv_text(text, "s")}, SheetMapping.from_data(mapping))


def test_a_list_of_a_policys_indicators_puts_them_on_its_sections() -> None:
    plan = _read(_LIST, _mapping("section"))
    community = plan.find("1-1")
    assert isinstance(community, Section)
    assert (community.title, community.children) == ("地域コミュニティ", ())
    assert [indicator.name for indicator in community.indicators] == ["地域活動への関心度", "地域活動への協力意向"]
    assert community.indicator("地域活動への協力意向").actual(FiscalYear(2017)).value == Decimal("57.1")
    assert list(plan.measures()) == []
    assert [(code, indicator.name) for code, _node, indicator in plan.indicators()][-1] == ("1-2", "NPO認定団体数")
    assert plan.provenance_of("1-1", "actuals.H29", "地域活動への協力意向").cell == "s!F3"
    assert plan.provenance_of("1-2", "title").cell == "s!B4"
    # The same table read as measures gives the same figures, on measures.
    measures = _read(_LIST, _mapping("measure"))
    assert isinstance(measures.find("1-1"), Measure)
    assert measures.find("1-1").indicators == community.indicators


def test_tables_give_indicators_to_a_section_the_mapping_declares_and_problems_name_their_cells() -> None:
    """Two tables (a 成果指標 table and a later one) fill one declared section; its title is the declared one."""
    mapping = _mapping("section")
    mapping["plan"]["sections"][0]["children"] = [{"number": "1", "title": "地域コミュニティ", "notes": ["施策"]}]
    mapping["tables"][0]["columns"] = {"number": "施策", "indicator": "指標名", "unit": "単位"}
    mapping["tables"].append({**mapping["tables"][0], "sheet": "t"})
    grids = {
        "s": read_csv_text("施策,指標名,単位,H29目標,H29実績\n1,関心度,%,53.6,50.2\n", "s"),
        "t": read_csv_text("施策,指標名,単位,H29目標,H29実績\n1,協力意向,%,60～50,57.1\n", "t"),
    }
    with pytest.raises(ValidationError) as caught:
        read_grids_into_plan(grids, SheetMapping.from_data(mapping))
    # The second table's indicator is the section's second: its reversed range is named at its own cell.
    assert [path for path, _message in caught.value.problems] == [
        "t!D2 (sections[0].children[0].indicators[1].targets.平成29年度.upper)"
    ]
    grids["t"] = read_csv_text("施策,指標名,単位,H29目標,H29実績\n1,協力意向,%,63.2,57.1\n", "t")
    plan = read_grids_into_plan(grids, SheetMapping.from_data(mapping))
    section = plan.find("1-1")
    assert isinstance(section, Section)
    assert (section.title, section.notes, [i.name for i in section.indicators]) == (
        "地域コミュニティ",
        ("施策",),
        ["関心度", "協力意向"],
    )
    assert plan.provenance_of("1-1", "targets.H29", "協力意向").cell == "t!D2"


def test_a_section_block_gives_its_grade_and_what_a_section_cannot_hold_is_named() -> None:
    """A 施策評価表 of one section: 施策番号, 施策名 and 評価 in its header block, its indicators below."""
    mapping = {
        "plan": {"title": "施策評価", "municipality": "所沢市", "period": "H29～H30"},
        "tables": [
            {
                "node": "section",
                "header_row": 3,
                "measure": {"number": "施策番号", "title": "施策名"},
                "columns": {"indicator": "指標名", "unit": "単位"},
                "evaluations": [{"kind": "annual", "fy": "H29", "grade": "評価"}],
            }
        ],
    }
    text = "施策番号,2-1,施策名,地域コミュニティの活性化\n評価,B\n指標名,単位,H29目標,H29実績\n関心度,%,53.6,50.2\n"
    plan = _read(text, mapping)
    section = plan.find("2-1")
    assert isinstance(section, Section)
    assert (section.title, section.evaluation(FiscalYear(2017)).grade) == ("地域コミュニティの活性化", "B")
    assert plan.provenance_of("2-1", "evaluations.H29").cell == "s!B2"
    budget = text.replace("H29実績\n", "H29実績,H29予算\n").replace("50.2\n", "50.2,1200\n")
    with pytest.raises(ValidationError) as caught:
        _read(budget, mapping)
    assert [path for path, _message in caught.value.problems] == ["s!E4"]
    assert "a section holds no budget" in caught.value.problems[0][1]


def test_a_sheets_title_other_than_the_declared_one_or_a_declared_measure_is_named() -> None:
    mapping = _mapping("section")
    mapping["plan"]["sections"][0]["children"] = [{"number": "1", "title": "地域づくり"}]
    with pytest.raises(ValidationError) as caught:
        _read(_LIST, mapping)
    assert [path for path, _message in caught.value.problems] == ["s!B2"]
    assert "plan.sections gives '地域づくり'" in caught.value.problems[0][1]
    mapping["plan"]["sections"][0]["children"] = [{"number": "1", "title": "地域コミュニティ", "purpose": "…"}]
    with pytest.raises(ValidationError) as caught:
        _read(_LIST, mapping)
    assert [path for path, _message in caught.value.problems] == ["s!A2"]
    assert "declares '1' as a measure" in caught.value.problems[0][1]


def test_a_mapping_refuses_a_sections_table_what_only_a_measure_holds() -> None:
    table = {
        "node": "section",
        "layout": "blocks",
        "marker": "施策番号",
        "measure": {"number": "施策番号", "departments": "担当課", "schedule": "年次計画"},
        "budget_row": "総事業費",
        "progress_checks": [{"fy": "H29", "half": 1, "status": "進捗"}],
    }
    with pytest.raises(ValidationError) as caught:
        SheetMapping.from_data({"tables": [table, {"node": "施策"}]})
    assert [path for path, _message in caught.value.problems] == [
        "tables[0].measure.departments",
        "tables[0].measure.schedule",
        "tables[0].budget_row",
        "tables[0].progress_checks",
        "tables[1].node",
    ]
    with pytest.raises(ValidationError) as caught:
        SheetMapping.from_data({"tables": [{"node": "section", "columns": {"number": "A", "departments": "B"}}]})
    assert [path for path, _message in caught.value.problems] == ["tables[0].columns.departments"]


_FIGURE = st.decimals(min_value=0, max_value=10_000, places=1, allow_nan=False, allow_infinity=False)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["1", "2", "3"]), st.sampled_from(["関心度", "協力意向", "団体数"]), _FIGURE, _FIGURE
        ),
        min_size=1,
        max_size=6,
        unique_by=lambda row: (row[0], row[1]),
    )
)
def test_a_table_read_as_sections_holds_what_it_holds_read_as_measures(
    rows: list[tuple[str, str, Decimal, Decimal]],
) -> None:
    """The node a table's numbers name changes where its figures go, never the figures or their cells."""
    grid = Grid(
        "s",
        (
            ("施策", "施策名", "指標名", "単位", "H29目標", "H29実績"),
            *((code, f"施策{code}", name, "件", str(target), str(actual)) for code, name, target, actual in rows),
        ),
    )
    sections = read_grids_into_plan({"s": grid}, SheetMapping.from_data(_mapping("section")))
    measures = read_grids_into_plan({"s": grid}, SheetMapping.from_data(_mapping("measure")))
    assert [(code, type(node)) for code, node in sections.walk()][1:] == [
        (code, Section) for code, node in measures.walk() if isinstance(node, Measure)
    ]
    assert [(code, indicator) for code, _node, indicator in sections.indicators()] == [
        (code, indicator) for code, _node, indicator in measures.indicators()
    ]
    assert sections.provenance == measures.provenance


def test_measures_may_go_under_a_section_a_later_table_makes() -> None:
    """A 施策's projects listed before the 施策's own table: the section is made first, whatever the order."""
    mapping = {
        "plan": {"title": "施策評価", "municipality": "所沢市", "period": "H29～H30"},
        "tables": [
            {"sheet": "事業", "under": "2-1", "columns": {"number": "No.", "title": "事業名"}},
            {"sheet": "施策", "node": "section", "under": "2", "columns": {"number": "施策", "title": "施策名"}},
            {
                "sheet": "政策",
                "node": "section",
                "columns": {"number": "政策", "title": "政策名", "indicator": "指標", "unit": {"value": "%"}},
            },
        ],
    }
    grids = {
        "事業": read_csv_text("No.,事業名\n1,交流事業\n", "事業"),
        "施策": read_csv_text("施策,施策名\n1,地域コミュニティ\n", "施策"),
        "政策": read_csv_text("政策,政策名,指標,H29実績\n2,地域づくり,関心度,50\n", "政策"),
    }
    plan = read_grids_into_plan(grids, SheetMapping.from_data(mapping))
    assert [(code, type(node).__name__) for code, node in plan.walk()] == [
        ("2", "Section"),
        ("2-1", "Section"),
        ("2-1-1", "Measure"),
    ]
    assert plan.find("2").indicator("関心度").actual(FiscalYear(2017)).value == 50
