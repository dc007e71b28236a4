"""The command line's parser as the docs' command reference renders it (``docs/cli.md``, sphinx-argparse).

sphinx-argparse reads every help text as reStructuredText. A subcommand built with
:class:`argparse.RawDescriptionHelpFormatter` means its epilog to be shown as written (``scenario``'s list of JSON
keys, indented by hand); as reStructuredText those lines are stray indentation. :func:`build_parser` returns the
package's parser with such an epilog turned into a literal block, so the page shows it as ``--help`` does.
"""
from __future__ import annotations

import argparse
import textwrap

from kommunbudget.cli.parser import build_parser as _package_parser


def build_parser() -> argparse.ArgumentParser:
    """:func:`kommunbudget.cli.parser.build_parser`, with raw epilogs as literal blocks (for sphinx-argparse)."""
    parser = _package_parser()
    for action in parser._actions:  # argparse has no public way to reach its subparsers
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                if issubclass(sub.formatter_class, argparse.RawDescriptionHelpFormatter) and sub.epilog:
                    sub.epilog = "::\n\n" + textwrap.indent(sub.epilog, "    ")
    return parser
