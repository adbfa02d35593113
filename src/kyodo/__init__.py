"""kyodo: Japanese municipal collaboration plans as exact, explainable Python objects.

Everything a user imports comes from here; modules whose names start with an
underscore are kyodo's own machinery and may change without notice.
"""

from kyodo.bodies import Body, Milestone, MilestoneKind
from kyodo.errors import KyodoError, OutOfRangeError, ParseError, ValidationError
from kyodo.evaluations import Evaluation, EvaluationKind, Evaluator, EvaluatorKind, ProgressCheck, ProgressStatus
from kyodo.fiscal import (
    FiscalHalf,
    FiscalQuarter,
    FiscalYear,
    FiscalYearRange,
    FiscalYearReading,
    FiscalYearStyle,
)
from kyodo.indicators import (
    Direction,
    Indicator,
    IndicatorKind,
    Observation,
    Target,
    TargetRole,
    UndefinedRateError,
    achievement_rate,
    format_percent,
    progress_rate,
)
from kyodo.io import SCHEMA, dump, dumps, json_schema, load, loads
from kyodo.plan import (
    Actor,
    BudgetLine,
    Measure,
    MeasureKind,
    Node,
    Plan,
    Priority,
    Relisting,
    ScheduleEntry,
    Section,
    Stage,
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
    "SCHEMA",
    "Actor",
    "Body",
    "BudgetLine",
    "Direction",
    "Era",
    "Evaluation",
    "EvaluationKind",
    "Evaluator",
    "EvaluatorKind",
    "FiscalHalf",
    "FiscalQuarter",
    "FiscalYear",
    "FiscalYearRange",
    "FiscalYearReading",
    "FiscalYearStyle",
    "Indicator",
    "IndicatorKind",
    "KyodoError",
    "Measure",
    "MeasureKind",
    "Milestone",
    "MilestoneKind",
    "Node",
    "Observation",
    "OutOfRangeError",
    "ParseError",
    "Plan",
    "Priority",
    "ProgressCheck",
    "ProgressStatus",
    "Relisting",
    "ScheduleEntry",
    "Section",
    "Stage",
    "Target",
    "TargetRole",
    "UndefinedRateError",
    "ValidationError",
    "WarekiReading",
    "WarekiStyle",
    "YearMonth",
    "achievement_rate",
    "dump",
    "dumps",
    "format_percent",
    "format_wareki",
    "json_schema",
    "load",
    "loads",
    "parse_wareki",
    "parse_wareki_month",
    "progress_rate",
    "read_wareki",
]
