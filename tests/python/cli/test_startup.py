"""Starting the command line is light: ``kommunbudget --help`` and ``--version`` and ``import kommunbudget`` load
neither pandas nor numpy nor matplotlib nor openpyxl (checked in fresh interpreters, with ``-X importtime`` and
``sys.modules``); each subcommand's module is imported only when it runs, from the parser's table.
"""
from __future__ import annotations

import importlib
import re
import subprocess
import sys

import pytest

import kommunbudget as kb
from kommunbudget.cli import main as cli_main
from kommunbudget.cli.parser import COMMANDS, build_parser

HEAVY = ("pandas", "numpy", "matplotlib", "openpyxl")


def _imported(stderr: str) -> set[str]:
    """Top-level packages named in ``-X importtime`` output."""
    return {m.group(1).split(".")[0] for m in re.finditer(r"^import time:\s*\d+ \|\s*\d+ \|\s*(\S+)", stderr, re.M)}


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_nothing_heavy(flag):
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "kommunbudget", flag], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    imported = _imported(done.stderr)
    assert "kommunbudget" in imported  # the output is what we think it is
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))
    if flag == "--version":
        assert done.stdout == f"kommunbudget {kb.__version__}\n"
    else:
        assert all(command in done.stdout for command in COMMANDS)


def _modules_after(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=True)
    return {name.split(".")[0] for name in done.stdout.split()}


@pytest.mark.parametrize("code", [
    "import kommunbudget",
    "import kommunbudget as kb; kb.__version__",
    "from kommunbudget.cli.parser import build_parser; build_parser().format_help()",
    "import kommunbudget.data.paths, kommunbudget.analysis.options",
])
def test_imports_without_pandas_numpy_matplotlib(code):
    loaded = _modules_after(code)
    assert "kommunbudget" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_a_subcommand_loads_pandas_but_not_matplotlib():
    loaded = _modules_after("from kommunbudget.cli.main import main; main(['datasets', '--format', 'json', "
                            "'--out', '-'])")
    assert "pandas" in loaded and "matplotlib" not in loaded


def test_the_command_table_matches_the_parser():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert list(sub.choices) == list(COMMANDS)
    for name, module in COMMANDS.items():
        assert module == f"kommunbudget.cli.{name.replace('-', '_')}"
        assert callable(importlib.import_module(module).run), name


def test_the_docstring_lists_every_subcommand():
    listed = re.findall(r"^\s+kommunbudget ([a-z-]+)", cli_main.__doc__, re.M)
    assert listed == list(COMMANDS)


def test_the_data_face_is_lazy_and_keeps_its_names():
    """``kb.data.municipalities`` stays the function even after its defining submodule of the same name is
    imported (the import system binds submodules on their package)."""
    import kommunbudget.data.municipalities  # noqa: F401  (binds the submodule, as any loader does)

    assert callable(kb.data.municipalities)
    assert kb.data.municipalities().shape[0] == 290  # SCB: 290 municipalities
    from kommunbudget.data import municipalities

    assert callable(municipalities)
    assert kb.data.pkv.pkv_vintages() == kb.data.pkv_vintages()  # submodules are served too
    assert "SERVICE_AREAS" in dir(kb.data.service_areas)
