"""``what_if_frame`` over a pyarrow Table equals it over the same columns as a DataFrame (needs pyarrow).

Text columns are dictionary-encoded by Arrow (only distinct values become Python objects), integer
columns read as numpy arrays, kyodo's ``fiscal_year`` extension column by its start years; tables
of several chunks and dictionary columns are drawn too.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyodo import FiscalYear, ScalarPathWarning, SubsidyRule, ValidationError, what_if_frame

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

from test_columnar import BODIES, BODY_STATE, PROJECT_4, YEARS, costs, terms_rules  # noqa: E402


@st.composite
def tables(draw: st.DrawFn) -> tuple[Any, dict[str, list[Any]]]:
    """A table of body, fy and cost, written one of several ways, and its columns as lists."""
    rows = draw(st.lists(st.tuples(st.sampled_from(BODIES), st.sampled_from(YEARS), costs), min_size=1, max_size=25))
    bodies, years, amounts = (list(column) for column in zip(*rows, strict=True))
    fy: Any = years
    if draw(st.booleans()):
        fy = [str(FiscalYear(year)) for year in years]
    arrays = {"body": pa.array(bodies), "fy": pa.array(fy), "cost": pa.array(amounts, type=pa.int64())}
    if draw(st.booleans()):
        arrays["body"] = arrays["body"].dictionary_encode()
    table = pa.table(arrays)
    cut = draw(st.integers(0, len(rows)))
    if 0 < cut < len(rows) and draw(st.booleans()):
        table = pa.concat_tables([table.slice(0, cut), table.slice(cut)])  # two chunks a column
    return table, {"body": bodies, "fy": fy, "cost": amounts}


def _same(left: Any, right: Any) -> None:
    for name in ("awards", "bindings", "refusals"):
        pd.testing.assert_frame_equal(getattr(left, name).astype(object), getattr(right, name).astype(object))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(terms_rules(), tables())
def test_a_table_gives_what_its_columns_give(rule: SubsidyRule, drawn: tuple[Any, dict[str, list[Any]]]) -> None:
    table, columns = drawn
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScalarPathWarning)
        _same(what_if_frame(table, {"v": rule}, BODY_STATE), what_if_frame(columns, {"v": rule}, BODY_STATE))


def test_a_fiscal_year_column_from_parquet_is_read_by_its_start_years() -> None:
    import kyodo.pandas

    frame = pd.DataFrame(
        {
            "body": ["東", "西", "東"],
            "fy": kyodo.pandas.to_fiscal_years(["平成26年度", "平成26年度", "平成27年度"]),
            "cost": [420_000, 150_000, 0],
        }
    )
    table = pa.Table.from_pandas(frame, preserve_index=False)
    assert isinstance(table.column("fy").type, pa.ExtensionType)
    result = what_if_frame(table, {"事業4": PROJECT_4})
    assert result.awards["事業4"].tolist() == [200_000, 100_000, 0]
    assert list(result.totals_by_fy().index) == [FiscalYear(2014), FiscalYear(2015)]


@pytest.mark.parametrize(
    ("columns", "path", "code"),
    [
        ({"body": ["A", "B"], "fy": [2015, 2015], "cost": [1, None]}, "cost[1]", "not_a_number"),
        ({"body": ["A", None], "fy": [2015, 2015], "cost": [1, 1]}, "body[1]", "invalid"),
        ({"body": ["A", "B"], "fy": [2015, None], "cost": [1, 1]}, "fy[1]", "bad_fiscal_year"),
        ({"body": ["A", "B"], "fy": [2015, 2015], "cost": [1.0, 1.5]}, "cost[0]", "not_a_number"),
        ({"body": ["A"], "fy": [2015]}, "", "invalid"),
    ],
)
def test_bad_columns_of_a_table_are_refused_with_where_and_why(columns: dict[str, Any], path: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        what_if_frame(pa.table(columns), {"事業4": PROJECT_4})
    problem = caught.value.to_data()["problems"][0]  # type: ignore[index]
    assert (problem["path_text"], problem["code"]) == (path, code)  # type: ignore[index]


def test_claim_columns_from_a_table_equal_them_from_a_frame() -> None:
    # 日光市's rule reads 活動 (text, one missing), 収入 (ints, one null: not listed) and 世帯数 from the table.
    import kyodo

    rule = kyodo.load("examples/subsidies/nikko-machizukuri.toml", kind=SubsidyRule)
    columns: dict[str, list[Any]] = {
        "body": ["東", "西", "南", "北"],
        "fy": [2022, 2022, 2023, 2023],
        "cost": [100_000, 300_000, 250_000, 900_000],
        "活動": ["地域防災", "その他", None, "地域防災"],
        "収入": [0, 250_000, None, 10_000],
        "世帯数": [100, 500, 30, 10],
    }
    table = pa.table({name: pa.array(values) for name, values in columns.items()})
    frame = pd.DataFrame(columns | {"収入": pd.array(columns["収入"], dtype="Int64")})
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScalarPathWarning)
        from_table, from_frame = what_if_frame(table, {"v": rule}), what_if_frame(frame, {"v": rule})
    assert from_table.awards["v"].tolist() == from_frame.awards["v"].tolist() == [100_000, 50_000, 0, 104_000]
