"""kyodo: Japanese municipal collaboration plans as exact, explainable Python objects."""

from kyodo.errors import KyodoError, OutOfRangeError, ParseError, ValidationError
from kyodo.fiscal import (
    FiscalHalf,
    FiscalQuarter,
    FiscalYear,
    FiscalYearRange,
    FiscalYearReading,
    FiscalYearStyle,
)
from kyodo.wareki import (
    ERAS,
    Era,
    WarekiReading,
    WarekiStyle,
    YearMonth,
    format_wareki,
    parse_wareki,
    parse_wareki_month,
    read_wareki,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "ERAS",
    "Era",
    "FiscalHalf",
    "FiscalQuarter",
    "FiscalYear",
    "FiscalYearRange",
    "FiscalYearReading",
    "FiscalYearStyle",
    "KyodoError",
    "OutOfRangeError",
    "ParseError",
    "ValidationError",
    "WarekiReading",
    "WarekiStyle",
    "YearMonth",
    "format_wareki",
    "parse_wareki",
    "parse_wareki_month",
    "read_wareki",
]
