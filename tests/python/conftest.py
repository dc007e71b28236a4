"""Helpers shared by the Python tests, as fixtures (no test module imports another).

Tests are grouped by the layer they exercise (``data/``, ``model/``, ``baselines/``, ``analysis/``,
``scenarios/``, ``report/``, ``cli/``; ``architecture/`` holds the import contract). Expected values come from the
published sources named next to them or from derivations written in the test, never from the code under test.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from kommunbudget.cli.main import main

#: The repository's root folder.
ROOT = Path(__file__).resolve().parents[2]


def _refuse_constant(name: str):
    raise AssertionError(f"JSON holds {name}, which the format excludes")


class CliRunner:
    """Runs ``kommunbudget`` in-process (``main(argv)``) and checks what it printed."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys

    def run(self, *args: str) -> tuple[int, str, str]:
        """main(args): (exit status, stdout, stderr)."""
        status = main(list(args))
        out, err = self._capsys.readouterr()
        return status, out, err

    def json(self, *args: str) -> dict:
        """main(args + ``--format json``), which must succeed: the document, refusing NaN and infinities."""
        status, out, err = self.run(*args, "--format", "json")
        assert status == 0, err
        return json.loads(out, parse_constant=_refuse_constant)

    @staticmethod
    def clean_error(status: int, out: str, err: str, *fragments: str) -> None:
        """Exit status 2, nothing on stdout, one 'kommunbudget: error:' message without a traceback holding every
        fragment."""
        assert status == 2
        assert out == ""
        assert err.startswith("kommunbudget: error: ")
        assert "Traceback" not in err
        for fragment in fragments:
            assert fragment in err, (fragment, err)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """The command line in-process: ``cli.run(...)``, ``cli.json(...)``, ``cli.clean_error(...)``."""
    return CliRunner(capsys)


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository's root folder."""
    return ROOT


def json_of(*args: str) -> dict:
    """main() without capsys (for module-scoped fixtures): the JSON written with ``--out`` to a temporary file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.json"
        assert main([*args, "--format", "json", "--out", str(path)]) == 0
        return json.loads(path.read_text(encoding="utf-8"), parse_constant=_refuse_constant)


@pytest.fixture(scope="session")
def cli_json_of():
    """``json_of(*args)``: main() run without capsys, the JSON read back from an ``--out`` file (usable in
    module-scoped fixtures)."""
    return json_of
