"""The example service (examples/service/app.py) grades and awards with documented calls only, tested with FastAPI's TestClient.

Skipped where FastAPI is not installed (the ``test`` extra installs it). Every
answer is checked against the published result and error schemas, with the
seeds' and a real city's printed figures.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
jsonschema = pytest.importorskip("jsonschema")

from fastapi.testclient import TestClient  # noqa: E402

import kyodo  # noqa: E402
from kyodo._error_schema import error_schema  # noqa: E402
from kyodo._result_schema import result_schema  # noqa: E402

EXAMPLES = Path(__file__).parent.parent / "examples"


def _load_app() -> Any:
    spec = importlib.util.spec_from_file_location("kyodo_example_service", EXAMPLES / "service" / "app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_load_app())


def _post(client: TestClient, path: str, body: object) -> Any:
    return client.post(path, content=json.dumps(body, ensure_ascii=False).encode("utf-8"))


def _plan(name: str) -> Any:
    return json.loads(kyodo.dumps(kyodo.load(EXAMPLES / "plans" / f"{name}.toml"), "json"))


def _rule(name: str) -> Any:
    return json.loads(kyodo.dumps(kyodo.load(EXAMPLES / "subsidies" / f"{name}.toml", kind=kyodo.SubsidyRule), "json"))


def _problems(answer: Any) -> list[tuple[list[object], str]]:
    assert answer.status_code == 422
    data = answer.json()
    jsonschema.validate(data, error_schema())
    return [(problem["path"], problem["code"]) for problem in data["problems"]]


def test_grade_answers_seed_000_as_the_sheet_prints_it(client: TestClient) -> None:
    scheme = kyodo.load(EXAMPLES / "schemes" / "niigata-sheet-reading.toml", kind=kyodo.GradingScheme)
    answer = _post(client, "/grade", {"plan": _plan("niigata"), "scheme": kyodo.to_data(scheme), "fy": "平成28年度"})
    assert answer.status_code == 200, answer.text
    grades = answer.json()["grades"]
    for grade in grades:
        jsonschema.validate(grade, result_schema())
    (centres,) = [grade for grade in grades if grade["measure"] == "No.26"]
    assert centres["computed"]["label"] == "C"
    assert centres["recorded"] == "C"
    (part,) = centres["parts"]
    assert part["indicator"] == "まちづくりセンター数"
    assert (part["rate"], part["actual"], part["target"]) == ("24/25", "48", "50")
    assert "96.0%" in centres["explanation"]["ja"]


def test_grade_with_a_preset_named_in_the_request(client: TestClient) -> None:
    answer = _post(client, "/grade", {"plan": _plan("niigata"), "scheme": "osaka-pref-library-2016", "fy": "H28"})
    assert answer.status_code == 200, answer.text
    (centres,) = [grade for grade in answer.json()["grades"] if grade["measure"] == "No.26"]
    assert centres["computed"]["label"] == "B"  # 96.0% is B in that legend, though the city recorded C
    assert centres["differs"] is True


def test_award_answers_chofu_s_printed_example(client: TestClient) -> None:
    camera = {"fy": "R6", "cost": 300_000, "claim": {"attributes": {"区分": "地域団体"}}}
    answer = _post(
        client,
        "/award",
        {
            "rule": _rule("chofu-camera"),
            "applications": [{"body": "町会A", **camera}, {"body": "町会B", **camera, "cost": 7_000_000}],
        },
    )
    assert answer.status_code == 200, answer.text
    awards = answer.json()["awards"]
    for award in awards:
        jsonschema.validate(award, result_schema())
    # 30万円のカメラ … 補助額は27万5千円; 11/12 of 7,000,000 is above the 500万円 cap.
    assert [award["amount"] for award in awards] == [275_000, 5_000_000]
    assert [award["binding"] for award in awards] == ["rate", "cap_per_application"]
    assert awards[0]["fy"] == "令和6年度"


def test_award_runs_each_body_s_applications_through_its_ledger_in_fiscal_year_order(client: TestClient) -> None:
    # Seed 001's 事業4 terms: 2/3 of the cost, at most 200,000 yen per body per fiscal year.
    rule = {"name": "事業4", "versions": [{"rate": "2/3", "cap_per_fy": 200_000}]}
    applications = [
        {"body": "A", "fy": "H28", "cost": 90_000},
        {"body": "A", "fy": "H27", "cost": 150_000},
        {"body": "A", "fy": "H27", "cost": 300_000},
        {"body": "B", "fy": "H27", "cost": 300_000},
    ]
    answer = _post(client, "/award", {"rule": rule, "applications": applications})
    assert answer.status_code == 200, answer.text
    awards = answer.json()["awards"]
    assert [award["amount"] for award in awards] == [60_000, 100_000, 100_000, 200_000]
    assert [award["binding"] for award in awards] == ["rate", "rate", "cap_per_fy", "rate"]


def test_every_refusal_is_error_data_with_the_path_from_the_top_of_the_request(client: TestClient) -> None:
    assert _problems(client.post("/grade", content=b"[1, 2]")) == [([], "not_a_table")]
    assert _problems(client.post("/grade", content=b'{"fy": "H28", "fy": "H29"}')) == [(["fy"], "duplicate")]
    plan = _plan("niigata")
    del plan["municipality"]
    assert _problems(_post(client, "/grade", {"plan": plan, "scheme": "osaka-pref-library-2016", "fy": "H28"})) == [
        (["plan", "municipality"], "missing_key")
    ]
    answer = _post(
        client, "/grade", {"plan": _plan("niigata"), "scheme": "osaka-pref-library-2016", "fy": "平成28年度度"}
    )
    assert _problems(answer) == [(["fy"], "bad_fiscal_year")]
    answer = _post(client, "/grade", {"plan": _plan("niigata"), "scheme": "no-such-legend", "fy": "H28"})
    assert _problems(answer) == [(["scheme", "name"], "unknown_label")]


def test_no_binary_float_reaches_an_award(client: TestClient) -> None:
    body = b'{"rule": %s, "applications": [{"body": "A", "fy": "R6", "cost": 300000.0}]}' % json.dumps(
        _rule("chofu-camera"), ensure_ascii=False
    ).encode("utf-8")
    assert _problems(client.post("/award", content=body)) == [(["applications", 0, "cost"], "not_a_number")]
    rule = _rule("chofu-camera")
    rule["versions"][1]["steps"][0]["table"][0]["steps"][0]["rate"] = 0.9166
    answer = _post(client, "/award", {"rule": rule, "applications": []})
    assert answer.status_code == 422
