"""An example web service that grades plans and computes subsidy awards with kyodo (FastAPI).

Run it with ``pip install 'kyodo[service]' uvicorn`` and, from this folder,
``uvicorn app:app``. It uses only kyodo's documented calls and converts
nothing by hand:

* the request body is read with :func:`kyodo.json_loads`, so every number with
  a fraction is a ``Decimal`` and no binary float reaches a rate (FastAPI's
  own body parsing, which gives floats, is not used);
* plans, grading schemes, subsidy rules and applications are built with
  :func:`kyodo.from_data` and :meth:`kyodo.Application.all_from_data`,
  checked as files are; ``within`` (on :class:`kyodo.ValidationError` and
  :class:`kyodo.ParseError`) puts each problem's path under the request key
  it came from;
* every answer is a result's ``to_data()`` (``kyodo.result/1``: see
  ``kyodo schema result``), and every refusal an error's ``to_data()``
  (``kyodo.error/1``: ``kyodo schema error``), sent with status 422.

``POST /grade`` takes ``{"plan": {plan file as JSON}, "scheme": "preset name" or
{grading file as JSON}, "fy": "平成28年度"}`` and answers ``{"grades": [...]}``,
each measure's grade in the plan's order.

``POST /award`` takes ``{"rule": {subsidy file as JSON}, "applications": [{"body":
"A", "fy": "R6", "cost": 420000}, ...]}`` and answers ``{"awards": [...]}`` in the
order given; each body's applications go through its own ledger in fiscal-year
order, so caps per fiscal year and in total apply across them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import kyodo
from kyodo import Application, Award, FiscalYear, GradingScheme, KyodoError, Ledger, Plan, SubsidyRule

T = TypeVar("T")

app = FastAPI(title="kyodo example service")


@app.exception_handler(KyodoError)
async def refuse(_request: Request, error: Exception) -> JSONResponse:
    """Every kyodo error is answered as data: what was wrong, where, in Japanese and English."""
    assert isinstance(error, KyodoError)
    return JSONResponse(error.to_data(), status_code=422)


async def _body(request: Request) -> Mapping[str, Any]:
    """The request body, read exactly."""
    body = kyodo.json_loads((await request.body()).decode("utf-8", errors="replace"))
    if not isinstance(body, dict):
        raise kyodo.ValidationError(
            ("", ("the request body is a JSON object", "リクエストの本文は JSON オブジェクト"), "not_a_table")
        )
    return body


def _part(body: Mapping[str, Any], key: str, read: Callable[[Any], T]) -> T:
    """``read`` the part of the request at ``key``; its problems' paths start at the top of the request."""
    try:
        return read(body.get(key))
    except (kyodo.ValidationError, kyodo.ParseError) as error:
        raise error.within(key) from None


def _scheme(given: Any) -> GradingScheme:
    """A preset by its name, or a grading scheme given whole (``from_data`` refuses anything else)."""
    if isinstance(given, str):
        return kyodo.preset(given)
    return kyodo.from_data(given, GradingScheme)


@app.post("/grade")
async def grade(request: Request) -> JSONResponse:
    """Grade every measure of the plan in the fiscal year asked for."""
    body = await _body(request)
    plan = _part(body, "plan", lambda data: kyodo.from_data(data, Plan))
    scheme = _part(body, "scheme", _scheme)
    fy = _part(body, "fy", FiscalYear.parse)
    return JSONResponse({"grades": [kyodo.grade_measure(measure, fy, scheme).to_data() for measure in plan.measures()]})


@app.post("/award")
async def award(request: Request) -> JSONResponse:
    """The award for each application; each body's applications in fiscal-year order through its ledger."""
    body = await _body(request)
    rule = _part(body, "rule", lambda data: kyodo.from_data(data, SubsidyRule))
    applications = _part(body, "applications", Application.all_from_data)
    ledgers: dict[str, Ledger] = {}
    awards: dict[int, Award] = {}
    for index in sorted(range(len(applications)), key=lambda index: applications[index].fy.year):
        application = applications[index]
        ledger = ledgers.get(application.body, Ledger(rule)).apply(application.cost, application.fy, application.claim)
        ledgers[application.body] = ledger
        awards[index] = ledger.awards[-1]
    return JSONResponse({"awards": [awards[index].to_data() for index in range(len(applications))]})
