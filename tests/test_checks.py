"""The shared constructor checks: a collection of texts refuses an item that is not text, naming its index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kyodo import FiscalYear, FiscalYearRange, Measure, Plan, Section, ValidationError
from kyodo.whatif import WhatIf

FY = FiscalYear(2015)
PERIOD = FiscalYearRange(FY, FiscalYear(2019))

#: Every constructor whose field of texts goes through kyodo._checks.texts_of, by field name.
MAKERS: dict[str, Callable[[Any], object]] = {
    "Measure.departments": lambda texts: Measure("1", "事業", departments=texts),
    "Measure.notes": lambda texts: Measure("1", "事業", notes=texts),
    "Measure.delivery": lambda texts: Measure("1", "事業", delivery=texts),
    "Section.notes": lambda texts: Section("1", "章", notes=texts),
    "Plan.levels": lambda texts: Plan("計画", "市", PERIOD, levels=texts),
    "Plan.notes": lambda texts: Plan("計画", "市", PERIOD, notes=texts),
    "WhatIf.variants": lambda texts: WhatIf((), texts),
}


@pytest.mark.parametrize("where", MAKERS)
@pytest.mark.parametrize("bad", [1, None, b"bytes", ("入れ子",)], ids=repr)
def test_a_field_of_texts_refuses_an_item_that_is_not_text_naming_its_index(where: str, bad: object) -> None:
    name = where.split(".")[1]
    with pytest.raises(ValidationError) as caught:
        MAKERS[where](["市直営", bad])
    assert caught.value.problems[0][0] == f"{name}[1]"
    assert type(bad).__name__ in caught.value.problems[0][1]
    assert type(bad).__name__ in caught.value.problems_ja[0][1]


@pytest.mark.parametrize("where", MAKERS)
def test_a_field_of_texts_keeps_texts_as_a_tuple(where: str) -> None:
    made = MAKERS[where](iter(["市直営"]))
    assert getattr(made, where.split(".")[1]) == ("市直営",)


@pytest.mark.parametrize("where", MAKERS)
def test_a_field_of_texts_refuses_one_text_which_would_split_into_characters(where: str) -> None:
    # A text is an iterable of texts: taken as it is, 市民協働課 would become five one-character departments.
    name = where.split(".")[1]
    with pytest.raises(ValidationError) as caught:
        MAKERS[where]("市民協働課")
    assert caught.value.codes == ("not_a_list",)
    assert caught.value.problems == (
        (name, "expected a list of texts, not one text '市民協働課': write ['市民協働課']"),
    )
