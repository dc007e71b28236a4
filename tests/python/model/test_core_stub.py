"""``_core.pyi`` is generated from the built module, not written by hand (``docs/architecture.md``, the bindings).

The committed stub (``python/kommunbudget/_core.pyi``) must be exactly what pybind11-stubgen writes for the module
that the tests import; after any change to the bindings, ``make stub`` regenerates it. pybind11 and
pybind11-stubgen are pinned (pyproject.toml) so that the text is stable.
"""
from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path


def test_committed_stub_is_the_generated_one(root: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pybind11_stubgen", "kommunbudget._core", "--output-dir",
                           str(tmp_path), "--exit-code"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    generated = (tmp_path / "kommunbudget" / "_core.pyi").read_text(encoding="utf-8")
    committed = (root / "python" / "kommunbudget" / "_core.pyi").read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(committed.splitlines(keepends=True), generated.splitlines(keepends=True),
                                        "committed _core.pyi", "generated", n=1))
    assert not diff, f"_core.pyi is stale; run `make stub`:\n{diff[:4000]}"

