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

This face re-exports the loaders for users; modules inside the package import the defining module instead.
"""
from kommunbudget.data.budgets import adopted_budget, budget_statement, sjobo_budget_2024
from kommunbudget.data.catalogue import data_sources
from kommunbudget.data.equalisation import equalisation_rate, equalisation_rates
from kommunbudget.data.municipalities import MunicipalityInfo, find_municipality, info, municipalities, tax_rates
from kommunbudget.data.pkv import PkvVintage, pkv_history, pkv_vintage, pkv_vintages
from kommunbudget.data.tables import read_table

__all__ = [
    "MunicipalityInfo",
    "PkvVintage",
    "adopted_budget",
    "budget_statement",
    "data_sources",
    "equalisation_rate",
    "equalisation_rates",
    "find_municipality",
    "info",
    "municipalities",
    "pkv_history",
    "pkv_vintage",
    "pkv_vintages",
    "read_table",
    "sjobo_budget_2024",
    "tax_rates",
]
