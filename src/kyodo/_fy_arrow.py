"""The Arrow extension type of kyodo's ``fiscal_year`` column, so that parquet files keep it (needs pyarrow).

Importing this module registers the type ``kyodo.fiscal_year``: int16 start
years, with the month the fiscal years start in as its metadata. An import
error means pyarrow is not installed, and :mod:`kyodo.pandas` goes on without it.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pyarrow  # type: ignore[import-not-found, import-untyped, unused-ignore]

from kyodo._checks import check_int

_EXTENSION_NAME = "kyodo.fiscal_year"


class FiscalYearArrowType(pyarrow.ExtensionType):  # type: ignore[misc]
    """Fiscal years in Arrow: their start years (int16) and the month they start in."""

    def __init__(self, start_month: int = 4) -> None:
        check_int("start_month", start_month, 1, 12)
        self.start_month = start_month
        super().__init__(pyarrow.int16(), _EXTENSION_NAME)

    def __arrow_ext_serialize__(self) -> bytes:
        return str(self.start_month).encode("ascii")

    @classmethod
    def __arrow_ext_deserialize__(cls, storage_type: Any, serialized: bytes) -> FiscalYearArrowType:
        text = serialized.decode("ascii", "replace")
        return cls(int(text) if text.isdecimal() and len(text) <= 2 else 0)

    def to_pandas_dtype(self) -> Any:
        from kyodo.pandas import FiscalYearDtype

        return FiscalYearDtype(self.start_month)


def arrow_array(years: Any, mask: Any, start_month: int) -> Any:
    """The Arrow extension array of ``years`` (missing where ``mask``)."""
    storage = pyarrow.array(years.astype("int16"), mask=mask, type=pyarrow.int16())
    return pyarrow.ExtensionArray.from_storage(FiscalYearArrowType(start_month), storage)


with contextlib.suppress(pyarrow.ArrowKeyError):  # registered once per process
    pyarrow.register_extension_type(FiscalYearArrowType())
