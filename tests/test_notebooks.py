"""The notebooks in examples/notebooks run from a fresh kernel, and their charts are drawn there.

A fresh kernel matters: a chart that shows in a kernel where ``%matplotlib inline``
once ran may still show only ``<Figure size ...>`` in a new one. Each notebook is
executed headlessly with nbclient (skipped where the notebook tools are not
installed; the ``test`` extra installs them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).parent.parent / "examples" / "notebooks"


def _run(name: str) -> Any:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    return notebook


def _outputs(cell: Any) -> list[dict[str, Any]]:
    return [output for output in cell.get("outputs", []) if output.get("output_type") != "stream"]


@pytest.fixture(scope="module")
def grading() -> Any:
    return _run("grading.ipynb")


def test_every_notebook_is_tested_here() -> None:
    assert sorted(path.name for path in NOTEBOOKS.glob("*.ipynb")) == ["grading.ipynb", "whatif.ipynb"]


def test_the_grading_notebook_draws_every_chart_in_a_fresh_kernel(grading: Any) -> None:
    charts = [cell for cell in grading.cells if cell.cell_type == "code" and "chart(" in cell.source]
    assert len(charts) == 2
    for cell in charts:
        (result,) = _outputs(cell)
        assert "image/png" in result["data"], result["data"].get("text/plain")
    # The analyst's own pandas plot, drawn by pyplot's inline backend once pandas switches it on.
    own_plot = grading.cells[-1]
    assert any("image/png" in output.get("data", {}) for output in _outputs(own_plot))


def test_the_grading_notebook_prints_the_seed_figures(grading: Any) -> None:
    explained = next(cell for cell in grading.cells if "explanation.text" in cell.source)
    printed = "".join(output["text"] for output in explained.outputs if output["output_type"] == "stream")
    assert "96.0%" in printed
    assert "(48 / 50)" in printed
    table = next(cell for cell in grading.cells if "osaka_2016" in cell.source)
    (result,) = _outputs(table)
    text = result["data"]["text/plain"]
    assert "平成28年度" in text
    assert "96.0%" in text


def _missing_glyphs(notebook: Any) -> list[str]:
    streams = [
        output["text"]
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    ]
    return [text for text in streams if "Glyph" in text or "missing from font" in text]


def test_the_grading_notebook_draws_japanese_text_without_missing_glyphs(grading: Any) -> None:
    assert not _missing_glyphs(grading)


@pytest.fixture(scope="module")
def whatif() -> Any:
    return _run("whatif.ipynb")


def test_the_whatif_notebook_answers_exactly_and_draws_its_chart(whatif: Any) -> None:
    import ast

    import numpy as np

    totals_cell = next(cell for cell in whatif.cells if "study.totals()" in cell.source)
    (result,) = _outputs(totals_cell)
    totals = ast.literal_eval(result["data"]["text/plain"])
    # The same population drawn again, and each variant's awards by plain integer arithmetic: one
    # application a body and year, so each is floor(rate × cost), capped, or nothing from the fiscal
    # year the body adopts its community plan (事業4 funds a body only until then).
    rng = np.random.default_rng(2015)
    cost = rng.integers(10_000, 600_000, size=40_000)
    adopted = np.repeat(rng.integers(2015, 2025, size=10_000), 4)
    fy = np.tile([2015, 2016, 2017, 2018], 10_000)
    funded = adopted > fy
    assert 0 < funded.sum() < len(funded)
    for (numerator, denominator), cap in [((1, 2), 200_000), ((1, 2), 300_000), ((2, 3), 200_000), ((2, 3), 300_000)]:
        expected = int(np.where(funded, np.minimum(cost * numerator // denominator, cap), 0).sum())
        assert totals[f"rate={numerator}/{denominator}, cap_per_fy={cap:,}"] == expected
    (drawn,) = _outputs(whatif.cells[-1])
    assert "image/png" in drawn["data"]
    explained = next(cell for cell in whatif.cells if "study.explain" in cell.source)
    text = "".join(output["text"] for output in explained.outputs if output["output_type"] == "stream")
    assert "200,000円: 477,569円 × 2/3 = 318,379円" in text
    assert "0 yen: 地区00005 does not meet the condition" in text
    by_fy = next(cell for cell in whatif.cells if "study.totals_by_fy()" in cell.source)
    printed = "".join(output["text"] for output in by_fy.outputs if output["output_type"] == "stream")
    assert printed.startswith("index dtype fiscal_year; FY2016 under the rule as printed: 1,199,298,346 yen")
    (table,) = _outputs(by_fy)
    assert "平成27年度" in table["data"]["text/plain"]


def test_the_whatif_notebook_draws_japanese_text_without_missing_glyphs(whatif: Any) -> None:
    assert not _missing_glyphs(whatif)


def test_the_whatif_notebook_answers_a_question_of_its_own(whatif: Any) -> None:
    fits = next(cell for cell in whatif.cells if "within budget" in cell.source)
    (table,) = _outputs(fits)
    rows = [line.split() for line in table["data"]["text/plain"].splitlines()[1:]]
    assert [(row[0], row[2]) for row in rows] == [
        ("cap_per_fy=100,000", "True"),
        ("cap_per_fy=150,000", "True"),
        ("cap_per_fy=200,000", "True"),
        ("cap_per_fy=250,000", "False"),
        ("cap_per_fy=300,000", "False"),
    ]
