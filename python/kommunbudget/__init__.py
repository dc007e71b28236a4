"""kommunbudget: budget scenarios for Swedish municipalities (kommuner).

Projects a municipality's income statement (resultaträkning) several years ahead with SKR's price index (PKV),
answers which tax rate (skattesats) each target would need, and what an efficiency measure is worth instead,
in MSEK and in öre on the tax rate. The model equations live in the compiled core (``kommunbudget._core``);
this package adds the embedded data, assumptions with their sources, DataFrames, plots and the command line.

Quick use::

    import kommunbudget as kb
    sjobo = kb.load("Sjöbo")                  # adopted budget 2024 with plan 2025-2027
    p = sjobo.project(horizon=2028)
    p.statement(language="sv")                # pandas DataFrame, years as columns
    p.required_tax_rates()                    # result >= 0, balanskrav, 2 % target
    kb.compare(sjobo, horizon=2028).table()   # raise the tax vs. efficiency worth the same
"""
import logging as _logging

from kommunbudget import (
    _core,
    benchmark,
    checklist,
    data,
    defaults,
    plots,
    presets,
    revenue,
    scenarios,
    service_areas,
    vintages,
)
from kommunbudget._core import (
    ComputationError,
    Disposal,
    EarnedIncomeChange,
    EfficiencyMeasure,
    FixedSaving,
    InputError,
    Measures,
    Property,
    Target,
    TargetKind,
    TaxChange,
    WorkLinePolicy,
    household_tax_change_kr,
    pkv_change,
    tax_rate_equivalent_ore,
)
from kommunbudget.assumptions import AssumptionSeries, AssumptionSet, Provenance
from kommunbudget.municipality import Municipality, available_baselines, load
from kommunbudget.results import (
    REVENUE_LINES,
    STATEMENT_LINES,
    Comparison,
    Projection,
    compare,
    default_targets,
    parse_target,
    target_key,
)

__version__: str = _core.__version__

# The core's C++ messages arrive on this logger (see kommunbudget._core.set_log_level).
_logging.getLogger("kommunbudget").addHandler(_logging.NullHandler())

__all__ = [
    "AssumptionSeries",
    "AssumptionSet",
    "Comparison",
    "ComputationError",
    "Disposal",
    "EarnedIncomeChange",
    "EfficiencyMeasure",
    "FixedSaving",
    "InputError",
    "Measures",
    "Municipality",
    "Projection",
    "Property",
    "Provenance",
    "REVENUE_LINES",
    "STATEMENT_LINES",
    "Target",
    "TargetKind",
    "TaxChange",
    "WorkLinePolicy",
    "__version__",
    "available_baselines",
    "benchmark",
    "checklist",
    "compare",
    "data",
    "default_targets",
    "defaults",
    "household_tax_change_kr",
    "load",
    "parse_target",
    "pkv_change",
    "plots",
    "presets",
    "revenue",
    "scenarios",
    "service_areas",
    "target_key",
    "tax_rate_equivalent_ore",
    "vintages",
]
