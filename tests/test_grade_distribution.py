"""grade_distribution counts each measure in the sections it is in, whatever its numbers hold."""

from __future__ import annotations

from pathlib import Path

import kyodo
from kyodo import FiscalYear, Indicator, Measure, Observation, Target, preset

EXAMPLES = Path(__file__).parent.parent / "examples"
FY = FiscalYear(2016)


def _one_and_one_two() -> kyodo.Plan:
    """Sections 1 (an ungraded measure a) and 1-2 (a measure x graded B): 1-2 is not inside 1."""
    graded = Indicator("件数", "件", targets=[Target(FY, 50)], actuals=[Observation(FY, 48)])
    return kyodo.Plan(
        "t",
        "m",
        kyodo.FiscalYearRange.parse("H28-H29"),
        sections=[
            kyodo.Section("1", "one", children=[Measure("a", "a")]),
            kyodo.Section("1-2", "one-two", children=[Measure("x", "x", indicators=[graded])]),
        ],
    )


def test_grade_distribution_counts_each_measure_in_its_own_sections_when_numbers_hold_a_dash() -> None:
    # 新庄市's measure 424-101-56 sits in section 424: its code 424-424-101-56 split at "-" named a
    # section 424-424 that does not exist, and grade_distribution raised a KeyError.
    shinjo = kyodo.load(EXAMPLES / "plans" / "shinjo.toml")
    counts = kyodo.grade_distribution(shinjo, FiscalYear(2015), preset("fuji-interim"))
    assert sum(counts["424"].values()) == 1
    assert sum(counts[""].values()) == sum(1 for _ in shinjo.measures())
    # Section 1-2 is not inside section 1, though its code starts with "1-": its measure counts in 1-2 alone.
    plan = _one_and_one_two()
    counts = kyodo.grade_distribution(plan, FY, preset("osaka-pref-library-2016"))
    assert counts == {"": {None: 1, "B": 1}, "1": {None: 1}, "1-2": {"B": 1}}


def test_a_report_counts_each_measure_in_its_own_sections_when_numbers_hold_a_dash() -> None:
    from kyodo.report import build_report

    plan = _one_and_one_two()
    report = build_report(plan, FY, preset("osaka-pref-library-2016"))
    sections = {node.code: node.distribution for node in report.nodes if isinstance(node, kyodo.report.SectionReport)}
    # Section 1 holds one ungraded measure (no distribution to show); 1-2 holds the graded one. Cutting codes
    # at their hyphens counted x's B in section 1 as well.
    assert sections == {"1": (), "1-2": (("B", 1),)}
    shinjo = build_report(kyodo.load(EXAMPLES / "plans" / "shinjo.toml"), FiscalYear(2015), preset("fuji-interim"))
    assert [node.distribution for node in shinjo.nodes if isinstance(node, kyodo.report.SectionReport)][-1] == (
        ("80%以上", 1),
    )
