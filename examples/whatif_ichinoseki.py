"""What would FY2015 support under seed 001's 事業4 have cost at 1/2 or 2/3, with a 200,000 or 300,000 yen cap?

The rule is seed 001's (examples/subsidies/ichinoseki-project4.toml). The
population below is ILLUSTRATIVE: the plan names no bodies and no costs, so
these six bodies and their FY2015 costs are made up to show the calculation.
Run it with ``python examples/whatif_ichinoseki.py``.
"""

from __future__ import annotations

from pathlib import Path

import kyodo
from kyodo import Application, Body, FiscalYear, Milestone, SubsidyRule, YearMonth, rule_grid, what_if

RULE_FILE = Path(__file__).parent / "subsidies" / "ichinoseki-project4.toml"
FY2015 = FiscalYear(2015)

# Illustrative bodies: one has already adopted its community plan, so 事業4 no longer funds it.
BODIES = {
    "A地区": Body("A地区", milestones=[Milestone("founding_meeting", YearMonth(2014, 6))]),
    "B地区": Body("B地区", milestones=[Milestone("founding_meeting", YearMonth(2014, 11))]),
    "C地区": Body("C地区", milestones=[Milestone("founding_meeting", YearMonth(2015, 4))]),
    "D地区": Body("D地区", milestones=[Milestone("founding_meeting", YearMonth(2015, 5))]),
    "E地区": Body("E地区", milestones=[Milestone("founding_meeting", YearMonth(2015, 9))]),
    "F地区": Body(
        "F地区",
        milestones=[
            Milestone("founding_meeting", YearMonth(2013, 4)),
            Milestone("community_plan", YearMonth(2015, 3)),
        ],
    ),
}
# Illustrative FY2015 eligible costs, in yen.
COSTS = {"A地区": 420_000, "B地区": 150_000, "C地区": 310_000, "D地区": 90_000, "E地区": 600_000, "F地区": 250_000}


def main() -> None:
    rule = kyodo.load(RULE_FILE, kind=SubsidyRule)
    variants = rule_grid(rule, rate=["1/2", "2/3"], cap_per_fy=[200_000, 300_000])
    population = [Application(name, FY2015, cost) for name, cost in COSTS.items()]
    result = what_if(population, variants, BODIES)
    print(f"{rule.name}: FY2015, {len(population)} illustrative bodies")
    for variant, total in result.totals().items():
        print(f"  {variant:<30} {total:>10,} yen")
    print()
    print("Under the rule as printed (rate=2/3, cap 200,000):")
    for row in result.rows:
        if row.variant == "rate=2/3, cap_per_fy=200,000":
            reason = row.refusal.label_en if row.refusal else row.binding.label_en
            print(f"  {row.body}  cost {row.cost:>9,}  award {row.award:>9,}  ({reason})")


if __name__ == "__main__":
    main()
