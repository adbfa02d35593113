"""``kyodo migrate``: files move to the current version of their schema by a table of steps.

Today every kind is at version 1, so every file is already current; the tests of the table itself
stand in a version 2 (a step renaming a key), as the first real one will.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kyodo
from kyodo import KyodoError, Plan, ValidationError
from kyodo._migrate import CURRENT, STEPS, Document, migrate_data, migrate_file
from kyodo.cli import main
from kyodo.io import load_any
from kyodo.sheets import load_sheet_mapping

EXAMPLES = Path(__file__).parent.parent / "examples"
SHEETS = Path(__file__).parent / "fixtures" / "sheets"
FILES = sorted(
    [
        *EXAMPLES.glob("plans/*.toml"),
        *EXAMPLES.glob("schemes/*.toml"),
        *EXAMPLES.glob("subsidies/*.toml"),
        *SHEETS.glob("*.toml"),
    ],
    key=lambda path: path.name,
)
# The sheet mappings: every mapping kyodo's tests read.
MAPPINGS = sorted(SHEETS.glob("*.toml"), key=lambda path: path.name)


def test_every_kind_kyodo_reads_is_known_with_its_current_version() -> None:
    assert CURRENT == {
        "kyodo.plan": 1,
        "kyodo.grading": 1,
        "kyodo.two-axis": 1,
        "kyodo.subsidy": 1,
        "kyodo.sheet-mapping": 1,
    }


def test_every_version_below_the_current_has_its_step_and_no_step_reaches_past_it() -> None:
    for kind, latest in CURRENT.items():
        for version in range(1, latest):
            assert (kind, version) in STEPS, f"no step from {kind}/{version}"
    assert all(kind in CURRENT and version < CURRENT[kind] for kind, version in STEPS)


@pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_example_file_is_already_current_and_left_alone(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    assert main(["migrate", str(copy)]) == 0
    assert "already current; nothing to do" in capsys.readouterr().out
    assert copy.read_bytes() == path.read_bytes()
    assert sorted(tmp_path.iterdir()) == [copy]


def test_output_in_the_same_format_is_the_file_as_it_was(tmp_path: Path) -> None:
    source = EXAMPLES / "plans" / "ichinoseki.toml"
    line = migrate_file(source, tmp_path / "out.toml")
    assert line.endswith("copied to " + str(tmp_path / "out.toml") + " as it was")
    assert (tmp_path / "out.toml").read_bytes() == source.read_bytes()


def test_output_in_another_format_is_the_same_document(tmp_path: Path) -> None:
    source = EXAMPLES / "subsidies" / "ichinoseki-project4.toml"
    migrate_file(source, tmp_path / "rule.json")
    assert load_any(tmp_path / "rule.json") == load_any(source)


@pytest.mark.parametrize(
    ("schema", "says"),
    [
        ('"kyodo.plan/2"', "is newer than this kyodo reads (kyodo.plan/1)"),
        ('"kyodo.grading/0"', "is no version of kyodo.grading"),
        ('"kyodo.subsidy/01x"', "expected the schema of a kyodo file"),
        ('"kyodo.result/1"', "expected the schema of a kyodo file"),
        ("1", "not 1"),
    ],
)
def test_an_unknown_schema_or_version_is_refused_and_the_file_kept(
    schema: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "plan.toml"
    text = f'schema = {schema}\ntitle = "t"\n'
    file.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        migrate_file(file, tmp_path / "out.toml")
    assert caught.value.codes == ("wrong_schema",)
    assert caught.value.to_data()["problems"][0]["path"] == ["schema"]
    assert says in str(caught.value)
    assert main(["migrate", str(file)]) == 2
    assert capsys.readouterr().err.startswith("kyodo: error: plan.toml: schema: ")
    assert file.read_text(encoding="utf-8") == text
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.toml"]


@given(st.sampled_from(sorted(CURRENT)), st.integers(-5, 10**6))
def test_a_version_is_current_or_refused(kind: str, version: int) -> None:
    data = {"schema": f"{kind}/{version}", "name": "n"}
    if version == CURRENT[kind]:
        assert migrate_data(data) == (data, data["schema"])
        return
    with pytest.raises(ValidationError) as caught:
        migrate_data(data)
    assert caught.value.codes == ("wrong_schema",)


# --- the table of steps, with a version 2 standing in ----------------------------------------------------------


def _rename(old: str, new: str) -> Any:
    def step(document: Document) -> Document:
        return {(new if key == old else key): value for key, value in document.items()}

    return step


def test_steps_apply_in_order_from_the_file_s_version_to_the_current() -> None:
    steps = {("kyodo.plan", 1): _rename("titel", "headline"), ("kyodo.plan", 2): _rename("headline", "title")}
    current = {"kyodo.plan": 3}
    assert migrate_data({"schema": "kyodo.plan/1", "titel": "t"}, steps, current) == (
        {"schema": "kyodo.plan/3", "title": "t"},
        "kyodo.plan/1",
    )
    assert migrate_data({"schema": "kyodo.plan/2", "headline": "t"}, steps, current)[0] == {
        "schema": "kyodo.plan/3",
        "title": "t",
    }


def test_a_migrated_file_is_checked_and_written_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # As on the day kyodo.plan/2 renames a key: the step, the current version and the schema id move together.
    monkeypatch.setitem(STEPS, ("kyodo.plan", 1), _rename("name_of_city", "municipality"))
    monkeypatch.setitem(CURRENT, "kyodo.plan", 2)
    monkeypatch.setitem(kyodo.io._SCHEMAS, Plan, "kyodo.plan/2")
    old = tmp_path / "plan.toml"
    old.write_text('schema = "kyodo.plan/1"\ntitle = "t"\nname_of_city = "新潟市"\nperiod = "H27-H31"\n', "utf-8")
    assert migrate_file(old) == f"{old}: migrated from kyodo.plan/1 to kyodo.plan/2; wrote {old}"
    assert old.read_text(encoding="utf-8").startswith('schema = "kyodo.plan/2"')
    assert kyodo.load(old).municipality == "新潟市"
    assert sorted(tmp_path.iterdir()) == [old]
    # A file the step cannot make valid is refused with its problems, and nothing is written.
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = "kyodo.plan/1"\ntitle = "t"\nname_of_city = 1\nperiod = "H27-H31"\n', "utf-8")
    with pytest.raises(ValidationError) as caught:
        migrate_file(bad, tmp_path / "out.toml")
    assert caught.value.codes == ("not_text",)
    assert not (tmp_path / "out.toml").exists()


def test_a_write_that_fails_leaves_nothing_half_written(tmp_path: Path) -> None:
    with pytest.raises(KyodoError, match="cannot write"):
        migrate_file(EXAMPLES / "plans" / "niigata.toml", tmp_path / "no-such-folder" / "out.toml")
    assert list(tmp_path.iterdir()) == []


# --- sheet mappings ----------------------------------------------------------------------------------------------


def test_the_sheet_mapping_fixtures_are_among_the_files_checked() -> None:
    assert len(MAPPINGS) >= 5
    assert all(tomllib.loads(path.read_text("utf-8")).get("schema") == "kyodo.sheet-mapping/1" for path in MAPPINGS)


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
@pytest.mark.parametrize("path", MAPPINGS, ids=lambda path: path.name)
def test_a_sheet_mapping_written_in_another_format_reads_as_the_same_mapping(
    path: Path, fmt: str, tmp_path: Path
) -> None:
    target = tmp_path / f"mapping.{fmt}"
    migrate_file(path, target)
    assert load_sheet_mapping(target) == load_sheet_mapping(path)


def test_a_sheet_mapping_of_a_newer_version_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        migrate_data({"schema": "kyodo.sheet-mapping/2", "tables": []})
    assert caught.value.codes == ("wrong_schema",)
    assert "newer than this kyodo reads (kyodo.sheet-mapping/1)" in str(caught.value)


def test_a_sheet_mapping_is_checked_as_read_sheet_checks_it_and_nothing_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # As on the day kyodo.sheet-mapping/2 renames a key: a step that leaves a table the reader refuses.
    monkeypatch.setitem(STEPS, ("kyodo.sheet-mapping", 1), _rename("tables", "tabels"))
    monkeypatch.setitem(CURRENT, "kyodo.sheet-mapping", 2)
    monkeypatch.setattr("kyodo._migrate.MAPPING_SCHEMA", "kyodo.sheet-mapping/2")
    monkeypatch.setattr("kyodo._sheet_mapping.MAPPING_SCHEMA", "kyodo.sheet-mapping/2")
    old = tmp_path / "mapping.toml"
    text = (SHEETS / "kpi_rows.toml").read_text("utf-8")
    old.write_text(text, "utf-8")
    with pytest.raises(ValidationError) as caught:
        migrate_file(old)
    assert "tabels" in str(caught.value)
    assert old.read_text("utf-8") == text
    assert sorted(tmp_path.iterdir()) == [old]
