"""Helpers shared by the command-line tests: run the CLI in-process and check a clean error."""
from __future__ import annotations

from kommunbudget.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    """main(args) in-process: (exit status, stdout, stderr)."""
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def assert_clean_error(status: int, out: str, err: str, *fragments: str) -> None:
    """Exit status 2, nothing on stdout, one 'kommunbudget: error:' message without a traceback holding every
    fragment."""
    assert status == 2
    assert out == ""
    assert err.startswith("kommunbudget: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, (fragment, err)
