"""Progress bars on long what-if runs: shown where asked or watched, never into a pipe, never changing a figure."""

from __future__ import annotations

from typing import ClassVar

import pytest

import kyodo
from kyodo import Application, FiscalYear, SubsidyRule, SubsidyTerms, rule_grid, what_if

pytest.importorskip("tqdm")


class Recorded:
    """Stands in for tqdm's bar: what it was made with, how far it went, and that it was closed."""

    made: ClassVar[list[Recorded]] = []

    def __init__(self, **options: object) -> None:
        self.options, self.n, self.closed = options, 0, False
        Recorded.made.append(self)

    def update(self, steps: int) -> None:
        self.n += steps

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def bars(monkeypatch: pytest.MonkeyPatch) -> list[Recorded]:
    import tqdm

    Recorded.made = []
    monkeypatch.setattr(tqdm, "tqdm", Recorded)
    return Recorded.made


RULE = SubsidyRule("事業4", [SubsidyTerms(rate="2/3", cap_per_fy=200_000)])
VARIANTS = rule_grid(RULE, rate=["1/2", "2/3"])
APPLICATIONS = [Application(f"団体{index % 7}", FiscalYear(2015 + index % 3), 10_000 * index) for index in range(40)]


def test_asked_for_a_bar_counts_every_application_of_every_variant_and_changes_no_figure(
    bars: list[Recorded],
) -> None:
    quiet = what_if(APPLICATIONS, VARIANTS, progress=False)
    assert bars == []
    assert what_if(APPLICATIONS, VARIANTS, progress=True) == quiet
    (bar,) = bars
    assert (bar.options["total"], bar.n, bar.closed) == (80, 80, True)  # 40 applications × 2 variants
    assert bar.options["desc"] == "what-if"


def test_the_fast_path_moves_the_bar_a_variant_at_a_time(bars: list[Recorded]) -> None:
    applications = [Application(f"団体{index}", FiscalYear(2015), 10_000 * index) for index in range(30)]
    what_if(applications, VARIANTS, fast=True, progress=True)
    (bar,) = bars
    assert (bar.options["total"], bar.n, bar.closed) == (60, 60, True)


def test_a_real_bar_is_drawn_on_stderr_when_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    what_if(APPLICATIONS, VARIANTS, progress=True)
    assert "what-if" in capsys.readouterr().err


def test_by_default_nothing_is_drawn_where_no_one_watches(capsys: pytest.CaptureFixture[str]) -> None:
    # Under pytest stderr is captured, not a terminal, and no Jupyter kernel runs this code
    # (though another test may have imported ipykernel).
    from kyodo._progress import _watched

    assert not _watched()
    what_if(APPLICATIONS, VARIANTS)
    assert capsys.readouterr().err == ""


def test_the_columnar_path_draws_a_step_a_variant(bars: list[Recorded]) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"body": ["A", "B"], "fy": [2015, 2015], "cost": [300_000, 90_000]})
    result = kyodo.what_if_frame(frame, VARIANTS, progress=True)
    (bar,) = bars
    assert (bar.options["total"], bar.n, bar.closed) == (2, 2, True)
    assert (
        result.totals()
        == what_if(
            kyodo.Application.all_from_data(
                [{"body": "A", "fy": "H27", "cost": 300_000}, {"body": "B", "fy": "H27", "cost": 90_000}]
            ),
            VARIANTS,
        ).totals()
    )


def test_a_bar_asked_for_without_tqdm_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if name == "tqdm" else real(name, *rest))
    with pytest.raises(kyodo.KyodoError, match=r"kyodo\[progress\]"):
        what_if(APPLICATIONS, VARIANTS, progress=True)
    assert what_if(APPLICATIONS, VARIANTS) == what_if(APPLICATIONS, VARIANTS, progress=False)
