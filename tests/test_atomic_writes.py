"""Every file kyodo writes is replaced whole or not at all: a failed write leaves the user's old file as it was."""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import kyodo
from kyodo import KyodoError, Plan, dump, load
from kyodo._files import write_bytes, write_text
from kyodo.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "plans"
PLANS = sorted(EXAMPLES.glob("*.toml"))
OLD = "the user's file, written long ago\n"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    target = tmp_path / "plan.toml"
    target.write_text(OLD, encoding="utf-8")
    return target


def _broken(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``os.<name>`` fail as a full disk does."""

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, name, fail)


def _only(folder: Path, *names: str) -> None:
    """Nothing but ``names`` is in ``folder``: no temporary file was left behind."""
    assert sorted(path.name for path in folder.iterdir()) == sorted(names)


def _surrogate_plan(path: Path = PLANS[0]) -> Plan:
    # Readers refuse lone surrogates, so the plan is built in Python, as a program using kyodo could.
    return attrs.evolve(load(path), title="計画\ud800")


# --- the writer ------------------------------------------------------------------------------------


def test_write_text_writes_utf8_and_replaces(old_file: Path) -> None:
    assert write_text(old_file, "新しい計画\n") == old_file
    assert old_file.read_bytes() == "新しい計画\n".encode()
    _only(old_file.parent, "plan.toml")


def test_an_encoding_error_never_opens_the_file(old_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda *args, **kwargs: opened.append(args) or real_open(*args, **kwargs))
    with pytest.raises(KyodoError, match=r"cannot write '.*plan\.toml': .*'\\ud800' \(line 2, column 3\)"):
        write_text(old_file, "a\nbc\ud800")
    assert opened == []
    assert old_file.read_text(encoding="utf-8") == OLD
    _only(old_file.parent, "plan.toml")


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failure_mid_write_keeps_the_old_file(old_file: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    _broken(step, monkeypatch)
    with pytest.raises(KyodoError, match=r"cannot write '.*plan\.toml': No space left on device") as caught:
        write_bytes(old_file, b"new and longer content " * 100)
    assert isinstance(caught.value.__cause__, OSError)
    monkeypatch.undo()
    assert old_file.read_text(encoding="utf-8") == OLD
    _only(old_file.parent, "plan.toml")


def test_a_write_cut_short_keeps_the_old_file(old_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    class HalfFull:
        """A file on a disk that fills up after a few bytes."""

        def __init__(self, file: Any) -> None:
            self.file = file

        def __enter__(self) -> HalfFull:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def __getattr__(self, name: str) -> Any:
            return getattr(self.file, name)

        def write(self, data: bytes) -> int:
            self.file.write(data[:5])
            self.file.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fdopen", lambda *args, **kwargs: HalfFull(real_fdopen(*args, **kwargs)))
    with pytest.raises(KyodoError, match="No space left on device"):
        write_text(old_file, "x" * 1000)
    monkeypatch.undo()
    assert old_file.read_text(encoding="utf-8") == OLD
    _only(old_file.parent, "plan.toml")


def test_an_interrupt_leaves_no_temporary_file(old_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_text(old_file, "new")
    monkeypatch.undo()
    assert old_file.read_text(encoding="utf-8") == OLD
    _only(old_file.parent, "plan.toml")


@POSIX
@pytest.mark.parametrize("mode", [0o640, 0o604, 0o755])
def test_the_old_file_s_permission_bits_are_kept(old_file: Path, mode: int) -> None:
    old_file.chmod(mode)
    write_text(old_file, "new")
    assert stat.S_IMODE(old_file.stat().st_mode) == mode


@POSIX
def test_a_new_file_gets_the_umask_s_bits_not_0600(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        target = write_text(tmp_path / "new.json", "{}\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@POSIX
def test_a_symbolic_link_stays_a_link(old_file: Path) -> None:
    link = old_file.parent / "link.toml"
    link.symlink_to(old_file.name)
    write_text(link, "new")
    assert link.is_symlink()
    assert old_file.read_text(encoding="utf-8") == "new"
    _only(old_file.parent, "plan.toml", "link.toml")


def test_a_folder_in_the_way_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    with pytest.raises(KyodoError, match=r"cannot write '.*taken'"):
        write_text(tmp_path / "taken", "new")
    _only(tmp_path, "taken")


def test_a_missing_folder_is_an_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(KyodoError, match=r"cannot write '.*nowhere.*plan\.json': No such file or directory"):
        write_text(tmp_path / "nowhere" / "plan.json", "{}")


# --- kyodo.dump -------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_dump_keeps_the_old_file_when_the_plan_cannot_be_encoded(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"plan{suffix}"
    target.write_text(OLD, encoding="utf-8")
    with pytest.raises(KyodoError, match=f"cannot write '.*plan{suffix}'.*ud800"):
        dump(_surrogate_plan(), target)
    assert target.read_text(encoding="utf-8") == OLD
    _only(tmp_path, target.name)


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.stem)
def test_dump_keeps_the_old_file_when_the_disk_is_full(
    old_file: Path, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    plan = load(path)
    _broken("fsync", monkeypatch)
    with pytest.raises(KyodoError, match="No space left on device"):
        dump(plan, old_file)
    monkeypatch.undo()
    assert old_file.read_text(encoding="utf-8") == OLD
    _only(old_file.parent, "plan.toml")
    dump(plan, old_file)
    assert load(old_file) == plan


# --- the command line ----------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("format", ["text", "markdown", "json", "html"])
def test_report_output_keeps_the_old_file_when_the_disk_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    target = tmp_path / "report.out"
    target.write_text(OLD, encoding="utf-8")
    _broken("fsync", monkeypatch)
    status, out, err = _run(capsys, "report", str(PLANS[0]), "--format", format, "--output", str(target))
    monkeypatch.undo()
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("kyodo: error: cannot write ")
    assert "report.out" in err
    assert "No space left" in err
    assert target.read_text(encoding="utf-8") == OLD
    _only(tmp_path, "report.out")


def test_report_output_keeps_the_old_file_when_the_report_cannot_be_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.md"
    target.write_text(OLD, encoding="utf-8")
    monkeypatch.setattr(kyodo.cli, "load", lambda *args, **kwargs: _surrogate_plan())
    status, _out, err = _run(capsys, "report", str(PLANS[0]), "--format", "markdown", "--output", str(target))
    assert status == 2
    assert err.count("\n") == 1
    assert "cannot write" in err
    assert "report.md" in err
    assert target.read_text(encoding="utf-8") == OLD
    _only(tmp_path, "report.md")


def test_report_output_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"
    target.write_text(OLD, encoding="utf-8")
    status, _out, err = _run(capsys, "report", str(PLANS[0]), "--format", "json", "--output", str(target))
    assert (status, err) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("{")
    _only(tmp_path, "report.json")


# --- charts --------------------------------------------------------------------------------------


@pytest.fixture
def figure() -> Iterator[Any]:
    pytest.importorskip("matplotlib")
    from matplotlib import pyplot

    from kyodo.charts import grade_distribution_chart

    chart = grade_distribution_chart({kyodo.FiscalYear(2016): {"C": 1}})
    yield chart
    pyplot.close(chart)


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_save_keeps_the_old_chart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, figure: Any, step: str) -> None:
    from kyodo.charts import save

    target = tmp_path / "chart.png"
    target.write_bytes(b"old png")
    _broken(step, monkeypatch)
    with pytest.raises(KyodoError, match=r"cannot write '.*chart\.png': No space left on device"):
        save(figure, target)
    monkeypatch.undo()
    assert target.read_bytes() == b"old png"
    _only(tmp_path, "chart.png")
    assert save(figure, target) == target
    assert target.read_bytes().startswith(b"\x89PNG")


def test_save_without_a_suffix_adds_the_default_one(tmp_path: Path, figure: Any) -> None:
    from kyodo.charts import save

    written = save(figure, tmp_path / "chart")
    assert written == tmp_path / "chart.png"
    assert written.read_bytes().startswith(b"\x89PNG")
    _only(tmp_path, "chart.png")


def test_report_chart_keeps_the_old_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "chart.png"
    target.write_bytes(b"old png")
    real_replace: Callable[..., None] = os.replace

    def fail_for_charts(source: Any, destination: Any) -> None:
        if str(destination).endswith(".png"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", fail_for_charts)
    status, _out, err = _run(capsys, "report", str(EXAMPLES / "niigata.toml"), "--chart", str(target))
    monkeypatch.undo()
    assert status == 2
    assert err.count("\n") == 1
    assert "chart.png" in err
    assert "No space left" in err
    assert target.read_bytes() == b"old png"
    _only(tmp_path, "chart.png")


def test_save_refuses_a_format_matplotlib_cannot_write(tmp_path: Path, figure: Any) -> None:
    from kyodo.charts import save

    with pytest.raises(kyodo.ValidationError, match=r"'\.docx'.*png"):
        save(figure, tmp_path / "chart.docx")
    _only(tmp_path)
