"""pandas' own test suite for extension arrays, run on the fiscal_year dtype (kyodo.pandas)."""

from __future__ import annotations

from typing import Any

import pytest

pd = pytest.importorskip("pandas")
base = pytest.importorskip("pandas.tests.extension.base")

from pandas.conftest import as_index, nullable_string_dtype, skipna, using_infer_string  # noqa: E402
from pandas.tests.extension.conftest import *  # noqa: E402, F403

from kyodo import FiscalYear  # noqa: E402
from kyodo.pandas import FiscalYearArray, FiscalYearDtype  # noqa: E402

__all__ = ["as_index", "nullable_string_dtype", "skipna", "using_infer_string"]


def _array(*years: int | None) -> FiscalYearArray:
    return FiscalYearArray._from_sequence([None if year is None else FiscalYear(year) for year in years])


@pytest.fixture
def dtype() -> FiscalYearDtype:
    return FiscalYearDtype()


@pytest.fixture
def data() -> FiscalYearArray:
    return _array(2015, 2018, 1989, 2019, 2015, 1868, 2200, 2016, 2017, 2020)


@pytest.fixture
def data_missing() -> FiscalYearArray:
    return _array(None, 2015)


@pytest.fixture
def data_for_sorting() -> FiscalYearArray:
    return _array(2016, 2019, 1989)


@pytest.fixture
def data_missing_for_sorting() -> FiscalYearArray:
    return _array(2016, None, 1989)


@pytest.fixture
def data_for_grouping() -> FiscalYearArray:
    return _array(2016, 2016, None, None, 1989, 1989, 2016, 2019)


@pytest.fixture
def na_cmp() -> Any:
    return lambda left, right: left is pd.NA and right is pd.NA


class TestFiscalYearArray(base.ExtensionTests):
    def _get_expected_exception(self, op_name: str, obj: Any, other: Any) -> Any:
        # Fiscal years count like FiscalYear: one minus another is a number of years; nothing else is arithmetic
        # between two of them.
        return None if op_name in ("__sub__", "__rsub__") else TypeError

    def _cast_pointwise_result(self, op_name: str, obj: Any, other: Any, pointwise_result: Any) -> Any:
        if op_name in ("eq", "ne", "lt", "le", "gt", "ge"):
            return pointwise_result.astype("boolean")
        if op_name in ("__sub__", "__rsub__"):
            return pointwise_result.astype("Int64")
        return pointwise_result

    @pytest.mark.skip(reason="fiscal years are categories on an axis, not heights: they plot on x, not on y")
    def test_plot_on_y_axis(self) -> None: ...

    def _supports_reduction(self, ser: Any, op_name: str) -> bool:
        return op_name in ("min", "max", "count")

    def _supports_accumulation(self, ser: Any, op_name: str) -> bool:
        return False
