"""The data layer: the embedded public tables and their loaders. It never calls the model core.

The files are in ``files/`` (``docs/data.md`` lists each table with its source and year; ``files/SOURCES.md``, in
Swedish, gives each file's primary source, columns and checks). The loaders rename columns to English identifiers,
convert percentages to fractions where the API expects fractions, and keep every figure's source next to it.

Conventions (``docs/model.md`` §1)
----------------------------------
* Municipality codes are 4-digit strings with the leading zero kept (``"0114"``); county codes 2-digit strings.
* Tax rates are in kr per 100 kr of taxable earned income (20.92 means 20.92 %), the municipal part only unless
  the column says ``total`` or ``region``.
* Amounts are nominal MSEK with the sign of the Swedish income statement: income positive, costs negative.
* Growth rates, price changes and weights from :func:`pkv_vintage` and :func:`pkv_history` are **fractions**.

Tables are parsed and indexed once per process; every public function returns a fresh copy.

Errors: invalid user input (unknown municipality, vintage, document or year) raises ``ValueError`` naming the
field, the value and what is available; a damaged or missing embedded file raises ``RuntimeError`` naming the file.

This face re-exports the loaders for users and is lazy, like the package face: importing a light module of this
layer (:mod:`.paths`, which the command line's ``--help`` reads) loads neither pandas nor the tables; each name is
imported from its defining module on first use. Modules inside the package import the defining module instead.
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

#: Public name -> the module that defines it.
_NAMES: dict[str, str] = {
    **{name: "kommunbudget.data.announced_grants" for name in ("announced_general_grants",
                                                               "announced_grant_change_kr")},
    **{name: "kommunbudget.data.budgets" for name in ("adopted_budget", "budget_statement", "sjobo_budget_2024")},
    "data_sources": "kommunbudget.data.catalogue",
    "equalisation_rate": "kommunbudget.data.equalisation",
    "equalisation_rates": "kommunbudget.data.equalisation",
    **{name: "kommunbudget.data.municipalities" for name in (
        "MunicipalityInfo", "find_municipality", "info", "municipalities", "tax_rates")},
    **{name: "kommunbudget.data.pkv" for name in ("PkvVintage", "pkv_history", "pkv_vintage", "pkv_vintages")},
    **{name: "kommunbudget.data.population_forecasts" for name in (
        "embedded_population_forecast", "population_forecasts", "read_population_forecast")},
    "read_table": "kommunbudget.data.tables",
}

#: Submodules served as attributes on first use (``kb.data.pkv``), as the eager face did; ``municipalities`` is the
#: function of that name, its module is ``kommunbudget.data.municipalities``.
_SUBMODULES = ("announced_grants", "budgets", "catalogue", "equalisation", "paths", "pkv", "population_forecasts",
               "service_areas", "tables")

__all__ = [
    "MunicipalityInfo",
    "PkvVintage",
    "announced_general_grants",
    "announced_grant_change_kr",
    "adopted_budget",
    "budget_statement",
    "data_sources",
    "embedded_population_forecast",
    "equalisation_rate",
    "equalisation_rates",
    "find_municipality",
    "info",
    "municipalities",
    "pkv_history",
    "pkv_vintage",
    "pkv_vintages",
    "population_forecasts",
    "read_population_forecast",
    "read_table",
    "sjobo_budget_2024",
    "tax_rates",
]
if set(__all__) != set(_NAMES):  # pragma: no cover - a name added to one list only
    raise ImportError("kommunbudget.data.__all__ does not match the lazy table")


def __getattr__(name: str) -> Any:
    """Imports a public name or a submodule on first use (PEP 562) and keeps it in the module's namespace."""
    if name in _NAMES:
        value = getattr(importlib.import_module(_NAMES[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module 'kommunbudget.data' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Face(types.ModuleType):
    """This face's module type. One public function shares its name with the submodule that defines it
    (``municipalities``); the import system binds a submodule on its package when it is first imported, which
    would hide the function, so a submodule never replaces a public name here (it stays in ``sys.modules``)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _NAMES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Face


if TYPE_CHECKING:  # for type checkers and IDEs: the names the face serves
    from kommunbudget.data.announced_grants import announced_general_grants, announced_grant_change_kr
    from kommunbudget.data.budgets import adopted_budget, budget_statement, sjobo_budget_2024
    from kommunbudget.data.catalogue import data_sources
    from kommunbudget.data.equalisation import equalisation_rate, equalisation_rates
    from kommunbudget.data.municipalities import (
        MunicipalityInfo,
        find_municipality,
        info,
        municipalities,
        tax_rates,
    )
    from kommunbudget.data.pkv import PkvVintage, pkv_history, pkv_vintage, pkv_vintages
    from kommunbudget.data.population_forecasts import (
        embedded_population_forecast,
        population_forecasts,
        read_population_forecast,
    )
    from kommunbudget.data.tables import read_table
