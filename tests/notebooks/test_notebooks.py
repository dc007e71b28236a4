"""The notebooks: every ``notebooks/*.ipynb`` runs top to bottom, and every notebook is stored without outputs.

Each notebook is executed with nbclient in a ``python3`` kernel whose working directory is the notebook's folder.
The kernelspec is the one ipykernel's wheel installs into the virtual environment
(``.venv/share/jupyter/kernels/python3``, ``argv[0] == "python"``), which jupyter_client launches with
``sys.executable``; the session fixture :func:`kernel_python` checks that the kernel really runs this
interpreter (and therefore the installed kommunbudget), so a stray user-level kernelspec fails with a clear
message instead of an ImportError deep inside a notebook. No hand-made ``ipykernel install`` step is needed.

Executed notebooks are never written back: outputs stay out of the repository.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
KERNEL = "python3"
CELL_TIMEOUT_S = 600

# Folders that hold no project notebooks (tool output, environments, caches).
_SKIP_DIRS = {".git", ".venv", "venv", "build", "out", "node_modules", ".ipynb_checkpoints", ".pytest_cache",
              "__pycache__"}


def _executable_notebooks() -> list[Path]:
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def _all_notebooks() -> list[Path]:
    """Every notebook in the repository, outside tool and environment folders."""
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        found += [Path(folder) / f for f in files if f.endswith(".ipynb")]
    return sorted(found)


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.parent != NOTEBOOK_DIR else path.name


def _run(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name=KERNEL,
                            resources={"metadata": {"path": str(cwd)}})
    return client.execute()


@pytest.fixture(scope="session")
def kernel_python() -> str:
    """The interpreter the ``python3`` kernel runs; fails unless it is this test run's interpreter."""
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.executable)")])
    _run(probe, NOTEBOOK_DIR if NOTEBOOK_DIR.is_dir() else ROOT)
    kernel_exe = "".join(o.get("text", "") for o in probe.cells[0].outputs).strip()
    if Path(kernel_exe).resolve() != Path(sys.executable).resolve():
        pytest.fail(f"the {KERNEL!r} kernel runs {kernel_exe!r}, not this interpreter {sys.executable!r}: a "
                    f"kernelspec outside the virtual environment takes precedence (see `jupyter kernelspec list`; "
                    f"JUPYTER_PATH or JUPYTER_PREFER_ENV_PATH=0 in the environment can cause this)")
    return kernel_exe


@pytest.mark.parametrize("path", _executable_notebooks(), ids=_id)
def test_notebook_runs(path: Path, kernel_python: str) -> None:
    """The notebook executes without errors and writes nothing to stderr (no warnings for the reader)."""
    nb = nbformat.read(path, as_version=4)
    try:
        _run(nb, path.parent)
    except CellExecutionError as error:
        pytest.fail(f"{path.name} failed:\n{error}", pytrace=False)
    stderr = [(i, o.get("text", "")) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
              for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not stderr, f"{path.name}: cells wrote to stderr (warnings?): " + "; ".join(
        f"cell {i}: {text.strip()}" for i, text in stderr)


@pytest.mark.parametrize("path", _all_notebooks(), ids=_id)
def test_notebook_stored_without_outputs(path: Path) -> None:
    """Notebooks are stored clean: no outputs and no execution counts (STYLE.md, habit 13)."""
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
             and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert not dirty, (f"{_id(path)}: code cells {dirty} have outputs or execution counts; clear them before "
                       f"storing (e.g. `jupyter nbconvert --clear-output --inplace` or Jupyter's "
                       f"'Clear All Outputs')")
