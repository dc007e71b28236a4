"""Reading the embedded CSV tables: each file parsed once per process, code columns kept as text.

Conventions of every table (``docs/data.md``): UTF-8, comma-separated, decimal point, one header row; municipality
codes are 4-digit text (``"0114"``), county codes 2-digit text; an empty cell means the figure is missing in the
source. ``SOURCES.md`` (Swedish, in the files folder) gives each file's primary source, columns and checks.

Errors: an unknown file name is a ``ValueError`` listing the files; a damaged or missing embedded file is a
``RuntimeError`` naming the file (:func:`fail`).
"""
from __future__ import annotations

import functools
import io

import pandas as pd

from kommunbudget.data.paths import csv_names, data_file

__all__ = ["CODE_COLUMNS", "N_MUNICIPALITIES", "cached_table", "fail", "read_table"]

#: Columns holding codes that must stay text (leading zeros): municipality, county and national codes.
CODE_COLUMNS = ("kommunkod", "kod", "lan_kod")

#: Sweden's municipalities (kommuner) since 2003.
N_MUNICIPALITIES = 290


@functools.cache
def cached_table(name: str) -> pd.DataFrame:
    """One embedded CSV, parsed once per process and shared: callers inside the package must not modify it
    (users get copies from :func:`read_table` and the loaders). Code columns are text; only an empty cell is
    missing (NaN): strings such as ``"NA"`` are never reinterpreted.

    Raises
    ------
    RuntimeError
        If the file is missing from the installed package.
    """
    resource = data_file(name)
    if not resource.is_file():
        raise RuntimeError(f"embedded data file {name!r} is missing from the installed package "
                           f"(kommunbudget/data/files/); reinstall kommunbudget")
    text = resource.read_text(encoding="utf-8")
    header = text.split("\n", 1)[0].rstrip("\r").split(",")
    dtype = {column: str for column in CODE_COLUMNS if column in header}
    return pd.read_csv(io.StringIO(text), dtype=dtype, keep_default_na=False, na_values=[""])


def fail(file: str, message: str) -> RuntimeError:
    """The error for a damaged embedded file: ``embedded data file '<file>': <message>``."""
    return RuntimeError(f"embedded data file {file!r}: {message}")


def read_table(file: str) -> pd.DataFrame:
    """Return one embedded CSV file as it is stored, with its Swedish column names.

    Parameters
    ----------
    file : str
        File name inside ``kommunbudget/data/files/``, e.g. ``"skattekraft.csv"`` (see
        :func:`kommunbudget.data.catalogue.data_sources`).

    Returns
    -------
    pandas.DataFrame
        A copy of the file's rows and columns, except that code columns (``kommunkod``, ``kod``, ``lan_kod``)
        are read as text so leading zeros are kept, and an empty cell is NaN. Units are those of the file:
        see ``SOURCES.md`` (column suffixes ``_mnkr`` = MSEK, ``_tkr`` = thousand kr, ``_procent`` = percent,
        ``_derived`` = computed by the curator, not published).

    Raises
    ------
    ValueError
        If `file` is not one of the embedded CSV files; the message lists them.
    """
    available = csv_names()
    if file not in available:
        raise ValueError(f"file: no embedded data file {file!r}; available: {', '.join(available)}")
    return cached_table(file).copy()
