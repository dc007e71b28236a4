"""kommunbudget: budget scenarios for Swedish municipalities (kommuner).

Projects a municipality's income statement (resultaträkning) several years ahead with SKR's price index (PKV),
answers which tax rate (skattesats) each target would need, and what an efficiency measure is worth instead,
in MSEK and in öre on the tax rate. The model equations live in the compiled core; this package adds the embedded
data, baselines, scenarios, analyses, reports and the command line (``docs/architecture.md`` draws the layers).

Quick use::

    import kommunbudget as kb
    sjobo = kb.load("Sjöbo")                  # adopted budget 2024 with plan 2025-2027
    own = kb.read_budget("budget.xlsx")       # your own budget (docs/budget-workbook.md)
    p = sjobo.project(horizon=2028)
    p.statement(language="sv")                # pandas DataFrame, years as columns
    p.required_tax_rates()                    # result >= 0, balanskrav, 2 % target
    kb.compare(sjobo, horizon=2028).table()   # raise the tax vs. efficiency worth the same

This face is lazy: ``import kommunbudget`` loads nothing heavy (neither pandas nor matplotlib); each name is imported
from its defining module on first use. Modules inside the package never import this face.
"""
from __future__ import annotations

import importlib
import logging as _logging
from typing import TYPE_CHECKING, Any

#: Public name -> the module that defines it.
_NAMES: dict[str, str] = {
    # model: the core's types and functions, through the one door
    **{name: "kommunbudget.model.core" for name in (
        "ComputationError", "Disposal", "EarnedIncomeChange", "EfficiencyMeasure", "FixedSaving", "InputError",
        "Measures", "Property", "Target", "TargetKind", "TaxChange", "WorkLinePolicy", "household_tax_change_kr",
        "pkv_change", "tax_rate_equivalent_ore", "__version__")},
    "AssumptionSeries": "kommunbudget.model.assumptions",
    "AssumptionSet": "kommunbudget.model.assumptions",
    "Provenance": "kommunbudget.model.assumptions",
    "Municipality": "kommunbudget.model.municipality",
    "Projection": "kommunbudget.model.projection",
    "STATEMENT_LINES": "kommunbudget.model.lines",
    "REVENUE_LINES": "kommunbudget.model.lines",
    "default_targets": "kommunbudget.model.targets",
    "parse_target": "kommunbudget.model.targets",
    "target_key": "kommunbudget.model.targets",
    # baselines and analyses
    "load": "kommunbudget.baselines.load",
    "available_baselines": "kommunbudget.baselines.load",
    "read_budget": "kommunbudget.baselines.own_budget",
    "from_budget_figures": "kommunbudget.baselines.own_budget",
    "with_population_forecast": "kommunbudget.baselines.population_forecast",
    "BudgetFigures": "kommunbudget.data.budget_figures",
    "FigureSource": "kommunbudget.data.budget_figures",
    "Comparison": "kommunbudget.analysis.comparison",
    "compare": "kommunbudget.analysis.comparison",
    "uncertainty": "kommunbudget.analysis.uncertainty",
    "Uncertainty": "kommunbudget.analysis.uncertainty",
}

#: Public submodule name -> module: the layers, and the short names users know.
_MODULES: dict[str, str] = {
    "data": "kommunbudget.data",
    "model": "kommunbudget.model",
    "baselines": "kommunbudget.baselines",
    "analysis": "kommunbudget.analysis",
    "scenarios": "kommunbudget.scenarios",
    "report": "kommunbudget.report",
    "cli": "kommunbudget.cli",
    "benchmark": "kommunbudget.analysis.benchmark",
    "revenue": "kommunbudget.analysis.revenue",
    "vintages": "kommunbudget.analysis.vintages",
    "defaults": "kommunbudget.model.defaults",
    "service_areas": "kommunbudget.data.service_areas",
    "checklist": "kommunbudget.scenarios.checklist",
    "presets": "kommunbudget.scenarios.presets",
    "premises": "kommunbudget.scenarios.premises",
    "plots": "kommunbudget.report.plots",
}

__all__ = [
    "AssumptionSeries",
    "AssumptionSet",
    "BudgetFigures",
    "Comparison",
    "ComputationError",
    "Disposal",
    "EarnedIncomeChange",
    "EfficiencyMeasure",
    "FigureSource",
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
    "Uncertainty",
    "WorkLinePolicy",
    "__version__",
    "analysis",
    "available_baselines",
    "baselines",
    "benchmark",
    "checklist",
    "cli",
    "compare",
    "data",
    "default_targets",
    "defaults",
    "from_budget_figures",
    "household_tax_change_kr",
    "load",
    "model",
    "parse_target",
    "pkv_change",
    "plots",
    "premises",
    "presets",
    "read_budget",
    "report",
    "revenue",
    "scenarios",
    "service_areas",
    "target_key",
    "tax_rate_equivalent_ore",
    "uncertainty",
    "vintages",
    "with_population_forecast",
]
if set(__all__) != set(_NAMES) | set(_MODULES):  # pragma: no cover - a name added to one list only
    raise ImportError("kommunbudget.__all__ does not match the lazy tables")

# The core's C++ messages arrive on this logger (kommunbudget.model.core.set_log_level sets the core's level).
_logging.getLogger("kommunbudget").addHandler(_logging.NullHandler())


def __getattr__(name: str) -> Any:
    """Imports a public name or submodule on first use (PEP 562) and keeps it in the module's namespace."""
    if name in _NAMES:
        value = getattr(importlib.import_module(_NAMES[name]), name)
    elif name in _MODULES:
        value = importlib.import_module(_MODULES[name])
    else:
        raise AttributeError(f"module 'kommunbudget' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # for type checkers and IDEs: the names the face serves
    from kommunbudget import analysis, baselines, cli, data, model, report, scenarios
    from kommunbudget.analysis import benchmark, revenue, vintages
    from kommunbudget.analysis.comparison import Comparison, compare
    from kommunbudget.baselines.load import available_baselines, load
    from kommunbudget.baselines.own_budget import from_budget_figures, read_budget
    from kommunbudget.baselines.population_forecast import with_population_forecast
    from kommunbudget.data import service_areas
    from kommunbudget.data.budget_figures import BudgetFigures, FigureSource
    from kommunbudget.model import defaults
    from kommunbudget.model.assumptions import AssumptionSeries, AssumptionSet, Provenance
    from kommunbudget.model.core import (
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
        __version__,
        household_tax_change_kr,
        pkv_change,
        tax_rate_equivalent_ore,
    )
    from kommunbudget.model.lines import REVENUE_LINES, STATEMENT_LINES
    from kommunbudget.model.municipality import Municipality
    from kommunbudget.model.projection import Projection
    from kommunbudget.model.targets import default_targets, parse_target, target_key
    from kommunbudget.report import plots
    from kommunbudget.scenarios import checklist, premises, presets
