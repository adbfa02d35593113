"""The HTML report in a real headless browser: it renders, logs no console errors, and its screenshot has content.

Runs where Debian's chromium is installed (``make browser-test`` requires it;
``make test`` skips this file without it). Nothing is installed here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import kyodo
from kyodo.report import build_report, render_html

EXAMPLES = Path(__file__).parent.parent / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if CHROMIUM is None:
    if os.environ.get("KYODO_REQUIRE_BROWSER"):
        raise RuntimeError(
            "make browser-test needs Debian's chromium (apt-get install chromium); it installs nothing itself"
        )
    pytest.skip("chromium is not installed", allow_module_level=True)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


def _chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = kyodo.load(EXAMPLES / "plans" / "niigata.toml")
    scheme = kyodo.load(EXAMPLES / "schemes" / "niigata-sheet-reading.toml", kind=kyodo.GradingScheme)
    path = tmp_path_factory.mktemp("report") / "niigata.html"
    path.write_text(render_html(build_report(plan, scheme=scheme)), encoding="utf-8")
    return path


def test_the_report_renders_with_its_content(page: Path, tmp_path: Path) -> None:
    result = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert "新潟市行政改革プラン2015" in result.stdout
    assert "C: 達成率 83.3% (55 / 66)" in result.stdout
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert console == []


def test_the_screenshot_is_not_blank(page: Path, tmp_path: Path) -> None:
    image = pytest.importorskip("matplotlib.image")
    shot = tmp_path / "report.png"
    result = _chromium(tmp_path, "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    pixels = image.imread(str(shot))
    top = pixels[: pixels.shape[0] // 2]
    dark = (top[..., :3].mean(axis=-1) < 0.5).mean()
    assert 0.005 < dark < 0.5  # text and grade badges, not an empty or black page
