"""Where the embedded files are: the one place that knows the package's data folder.

The files live in ``kommunbudget/data/files/`` (tables as CSV, the curated notes ``SOURCES.md``, ``RULES.md`` and
``REPORT-FACTS.md``, the assumption vintages in ``vintages/`` and the example scenarios in ``scenarios/``);
``docs/data.md`` in the repository lists every table with its source and year.

This module imports neither pandas nor the core, so the command line can list packaged names (for ``--help``)
without loading the heavy parts.
"""
from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["csv_names", "data_file", "files_folder", "packaged_names"]

#: The package's data folder, relative to the package.
FILES = ("data", "files")


def files_folder() -> Traversable:
    """The folder of the embedded files inside the installed package (an importlib.resources Traversable)."""
    folder = resources.files("kommunbudget")
    for part in FILES:
        folder = folder / part
    return folder


def data_file(name: str) -> Traversable:
    """One embedded file by its name relative to the files folder, e.g. ``"pkv.csv"`` or ``"vintages/x.toml"``.

    The file may not exist; callers check ``is_file()`` and name the file in their own message.
    """
    entry = files_folder()
    for part in name.split("/"):
        entry = entry / part
    return entry


def csv_names() -> list[str]:
    """The names of the embedded CSV tables, sorted (e.g. ``"skattesatser_kommun.csv"``)."""
    return sorted(entry.name for entry in files_folder().iterdir() if entry.name.endswith(".csv"))


def packaged_names(folder: str, suffix: str = ".toml") -> list[str]:
    """The names (without ``suffix``) of the files in a subfolder of the files folder, sorted: e.g.
    ``packaged_names("scenarios")`` gives ``["sjobo_before_tax_rise", "sjobo_premises"]``."""
    entry = files_folder() / folder
    if not entry.is_dir():
        return []
    return sorted(e.name[: -len(suffix)] for e in entry.iterdir() if e.name.endswith(suffix))
