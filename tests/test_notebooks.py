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
    assert sorted(path.name for path in NOTEBOOKS.glob("*.ipynb")) == ["grading.ipynb"]


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


def test_the_grading_notebook_draws_japanese_text_without_missing_glyphs(grading: Any) -> None:
    streams = [
        output["text"]
        for cell in grading.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    ]
    assert not [text for text in streams if "Glyph" in text or "missing from font" in text]
