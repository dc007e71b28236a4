"""Sphinx configuration of the kommunbudget documentation site (``make docs`` -> ``build/docs/html``).

The site is built from this folder: the guides and the glossary written for it, the design documents that also read
on GitHub (``model.md``, ``architecture.md``, ``data.md``, ``budget-workbook.md``), ``SOURCES.md`` included from the
package, the notebooks in ``notebooks/`` (this folder's ``notebooks`` is a symbolic link to them, so they have one
home), executed by myst-nb during the build, the API reference from the docstrings (autodoc, autosummary, numpydoc)
and the command reference from the argument parser (sphinx-argparse).

The package must be importable: ``make docs`` uses the one installed in ``.venv``; set ``PYTHONPATH`` to a checkout's
``python/`` folder (with the built ``_core`` module copied in) to document that instead.
"""
from __future__ import annotations

import pkgutil
import sys
import warnings
from pathlib import Path

from sphinx.util import logging as sphinx_logging

import kommunbudget

sys.path.insert(0, str(Path(__file__).parent / "_ext"))  # cli_reference: the parser for sphinx-argparse

project = "kommunbudget"
author = "the kommunbudget authors"
copyright = "the kommunbudget authors"  # noqa: A001 - Sphinx's name
release = kommunbudget.__version__
version = release

extensions = [
    "myst_nb",  # Markdown (MyST) pages and executed notebooks; it loads myst_parser itself
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "sphinxarg.ext",  # the command reference from kommunbudget.cli.parser.build_parser
]

# The design documents are written for GitHub too; README.md is the folder's index there (index.md is the site's).
exclude_patterns = ["README.md", "_build", "**/.ipynb_checkpoints"]
templates_path = ["_templates"]

# Curly quotes, but "--" stays two hyphens: the command line's options (--budget) appear in help texts and prose.
smartquotes_action = "qe"

# --- MyST -------------------------------------------------------------------------------------------------------
# Anchors on every heading down to ###, as GitHub makes them, so a link like model.md#4-income-equalisation works in
# both places. colon_fence: the glossary's ":::{glossary}" block (GitHub shows it as plain text, not a broken fence).
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

# --- Notebooks (myst-nb) ------------------------------------------------------------------------------------------
# The notebooks are stored without outputs: execute every one on every build, so the pages show what the installed
# package computes now (a cache keyed on the cells' text would keep outputs of an older package). A cell that
# raises fails the build.
nb_execution_mode = "force"
nb_execution_timeout = 600  # seconds per cell, as tests/notebooks
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# --- API reference ------------------------------------------------------------------------------------------------
autosummary_generate = True  # one page per module under api/generated/ (written at build time, not in git)
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # the numpydoc sections give types with units; signatures stay short
numpydoc_show_class_members = False  # autodoc documents the members; numpydoc's tables would list them again
numpydoc_class_members_toctree = False
# The package face's table (template _templates/autosummary/face.rst) from the face's own lazy tables, so a name
# added to kommunbudget/__init__.py appears without an edit here. __version__ is a string, not documented apart.
# module_names: every module of the package, for _templates/autosummary/base.rst.
autosummary_context = {
    "face_names": sorted((name, module) for name, module in kommunbudget._NAMES.items() if name != "__version__"),
    "face_modules": sorted(kommunbudget._MODULES.items()),
    "module_names": sorted(m.name for m in pkgutil.walk_packages(kommunbudget.__path__, "kommunbudget.")),
}

# --- HTML ---------------------------------------------------------------------------------------------------------
html_theme = "furo"  # a sidebar of the pages and one of the current page's sections and API objects
html_title = f"kommunbudget {release}"


# numpydoc reports a malformed section (an unknown heading, a bad underline) with warnings.warn, which Sphinx does
# not see; hand them to Sphinx's logger so that -W fails the build on them like on any other warning, every one of
# them (Python's default filter would show only the first at each line of numpydoc).
warnings.filterwarnings("always", category=UserWarning, module=r"numpydoc\.")
_logger = sphinx_logging.getLogger("numpydoc")
_show_warning = warnings.showwarning


def _numpydoc_warnings_to_sphinx(message, category, filename, lineno, file=None, line=None):
    if "numpydoc" in filename:
        _logger.warning(f"numpydoc: {message}")
    else:
        _show_warning(message, category, filename, lineno, file, line)


warnings.showwarning = _numpydoc_warnings_to_sphinx
