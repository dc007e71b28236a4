"""The scenarios layer: a baseline plus named measures, in a human-editable TOML file (:mod:`.schema`), run against
the baseline (:mod:`.result`); the premises portfolio (:mod:`.premises`), the report's checklist (:mod:`.checklist`)
and its presets (:mod:`.presets`).

This face re-exports the scenario API for users (``kb.scenarios.run``, ``kb.scenarios.parse``, ...); modules inside
the package import the defining module.
"""
from kommunbudget.model.measures import MEASURE_KINDS
from kommunbudget.scenarios.result import ScenarioResult, compare_scenarios, run
from kommunbudget.scenarios.schema import Measure, Scenario, load_scenario, packaged_scenarios, parse, save, to_toml

__all__ = ["MEASURE_KINDS", "Measure", "Scenario", "ScenarioResult", "compare_scenarios", "load_scenario",
           "packaged_scenarios", "parse", "run", "save", "to_toml"]
