"""The command line's own input error and how an error's message is printed. Light: imports nothing of the
package, so the parser and the output module can use it before any subcommand is loaded.
"""
from __future__ import annotations

__all__ = ["CliError", "message"]


class CliError(ValueError):
    """Invalid command-line input that the library does not check itself; reported like a library input error
    (``kommunbudget: error: <message>``, exit status 2)."""


def message(exc: BaseException) -> str:
    """The message of an exception for ``kommunbudget: error: ...``: a KeyError's without the quotes ``str()`` adds,
    any other's ``str()``."""
    if isinstance(exc, KeyError) and len(exc.args) == 1 and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc)
