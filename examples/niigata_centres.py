"""Seed 000, Niigata No.26: the community-centre indicator, plan against actual, year by year.

Run it with ``python examples/niigata_centres.py``.
"""

from __future__ import annotations

from pathlib import Path

import kyodo
from kyodo import FiscalYear, Measure

PLAN_FILE = Path(__file__).parent / "plans" / "niigata.toml"


def main() -> None:
    plan = kyodo.load(PLAN_FILE)
    measure = plan.find("No.26")
    assert isinstance(measure, Measure)
    centres = measure.indicator("まちづくりセンター数")
    print(f"{plan.title}: {measure.title}")
    print(f"{'year':<6} {'plan':>5} {'actual':>6} {'rate':>7}  grade  label")
    for fy in plan.period:
        target, actual = centres.target(fy), centres.actual(fy)
        rate = centres.achievement(fy)
        evaluation = measure.evaluation(fy)
        print(
            f"{fy:fy}"
            f" {target.value if target else '':>5}"
            f" {actual.value if actual else '':>6}"
            f" {kyodo.format_percent(rate) if rate is not None else '':>7}"
            f"  {evaluation.grade if evaluation else '':<5}"
            f"  {fy}"
        )
    final = centres.target(FiscalYear(2019))
    if final is not None:
        print(f"{final.fy.format()}以降: {final.text}")


if __name__ == "__main__":
    main()
