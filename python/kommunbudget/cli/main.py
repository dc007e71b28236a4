"""The command-line tool ``kommunbudget``: project, solve and compare a municipality's budget, explain and tabulate
its revenue, benchmark its costs, run scenarios and list the embedded data.

::

    kommunbudget project Sjöbo --horizon 2030                 # income statement, targets, assumptions
    kommunbudget solve 1265 --format json                     # required tax rates and sustained changes
    kommunbudget compare Sjöbo --chart out/result.png         # raise the tax or make efficiency savings
    kommunbudget explain-revenue Sjöbo                        # revenue bridge; what 1 öre and 1 krona bring in
    kommunbudget revenue-table --sort ore                     # all 290: 1 öre, tax base, equalisation (approx.)
    kommunbudget benchmark Sjöbo --rule county_size           # net cost by area against peers and NKA
    kommunbudget scenario sjobo_before_tax_rise               # a scenario file: measures, bridges, tax needed
    kommunbudget checklist sjobo_premises                     # the report's 19 questions, tested and worth
    kommunbudget vintages --compare skr-2025-report government-uprating-2024-09 --municipality Sjöbo
    kommunbudget datasets                                     # embedded data, baselines, PKV vintages
    kommunbudget template --out budget.xlsx --municipality Ystad   # a budget workbook to fill in
    kommunbudget sensitivity Sjöbo --method sobol              # tornado (default) or Sobol indices: what moves it
    kommunbudget uncertainty sjobo_before_tax_rise            # Monte Carlo: how likely a tax rise is, fan chart
    kommunbudget report sjobo_before_tax_rise --out rapport.html   # council report: one HTML page, Swedish
    kommunbudget teach --port 8866                            # teaching page: sliders, exercises (Voilà, local)

Every number comes from the library (the C++ core through :mod:`kommunbudget.model.core`); the command line only
parses the arguments, arranges the results and formats them (:mod:`kommunbudget.report`) as a text table, JSON,
CSV (``csv``, or ``csv-sv`` for a spreadsheet set to Swedish) or an Excel workbook (``xlsx``: ``project``,
``solve``, ``compare``, ``scenario``, ``template``, ``sensitivity``). The JSON and CSV layouts are stable (schema
``kommunbudget.<command>/1``) and documented in README.md, section "Command line".

Layout: :mod:`.parser` builds the parser and names each subcommand's module in
:data:`~kommunbudget.cli.parser.COMMANDS`; :func:`main` imports only the chosen one (with
:func:`importlib.import_module`, so ``--help`` and ``--version`` load neither pandas nor matplotlib nor openpyxl)
and calls its ``run(args)``, which returns a :class:`~kommunbudget.report.documents.Document`; :mod:`.output`
writes it. A workbook is written by the module named in :data:`WORKBOOK_WRITERS` (imported the same way, only
when a workbook is asked for): the dynamic imports of the package besides its lazy faces.

Exit status: 0 on success; 2 for invalid input (an unknown municipality, year, assumption or target, a bad option
or ``--out`` file; the message is printed as ``kommunbudget: error: ...`` without a traceback); 1 when a computation
or the writing of a file fails, or standard output is closed (then nothing is printed).
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from kommunbudget.cli.errors import CliError, message
from kommunbudget.cli.output import ClosedOutputError, check_target, replace_file, write_stdout, write_text
from kommunbudget.cli.parser import COMMANDS, WORKBOOK_COMMANDS, build_parser

__all__ = ["WORKBOOK_WRITERS", "main", "output_format"]

#: Subcommand -> the module whose ``write_workbook(doc, path)`` writes its workbook (others: the document's
#: workbook, :mod:`kommunbudget.report.workbook`).
WORKBOOK_WRITERS: dict[str, str] = {"template": "kommunbudget.report.template"}
_DOCUMENT_WORKBOOK = "kommunbudget.report.workbook"


def main(argv: Sequence[str] | None = None) -> int:
    """Runs ``kommunbudget`` with ``argv`` and returns the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success; 2 for invalid input (argparse's usage errors included); 1 when a computation or writing a
        file fails, or standard output is closed; 130 when interrupted (Ctrl-C). Errors are printed to stderr as
        ``kommunbudget: error: <message>``, never as a traceback; a closed standard output (``>&-``, or a pipe whose
        reader has gone) ends the run quietly.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: keep their status, return it
        return int(exc.code) if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    with _logging_to_stderr(getattr(args, "verbose", False)):
        try:
            _run(args)
            return 0
        except ClosedOutputError:
            return 1
        except (ValueError, KeyError) as exc:
            _error(exc)
            return 2
        except (RuntimeError, OSError) as exc:
            _error(exc)
            return 1
        except KeyboardInterrupt:  # Ctrl-C: the core stops its threads; no file was written (writes are atomic)
            _stderr("kommunbudget: interrupted; nothing was written")
            return 130


def _run(args: argparse.Namespace) -> None:
    """Checks ``--out``, runs the chosen subcommand (its module imported now), writes its document and prints its
    notices to stderr."""
    args.format = output_format(args.command, args.format, args.out)
    if args.out is not None:
        check_target(args.out, "--out")  # before anything is computed or written
        _check_not_input(args)
    for assignment in getattr(args, "assignments", []):
        if assignment.read_as:
            _stderr(f"kommunbudget: --set {assignment.name}: {assignment.read_as}")
    command = importlib.import_module(COMMANDS[args.command])
    doc = command.run(args)
    if args.out is not None:
        _check_not_read(args.out, doc.inputs)  # the files the command read, known now; nothing written yet
    if args.format == "xlsx":
        writer = importlib.import_module(WORKBOOK_WRITERS.get(args.command, _DOCUMENT_WORKBOOK))
        replace_file(args.out, lambda tmp: writer.write_workbook(doc, tmp), suffix=".xlsx")
        logging.getLogger("kommunbudget.cli").info("wrote %s", args.out)
    else:
        text = doc.render(args.format)
        if args.out is not None:
            write_text(args.out, text)
        else:
            write_stdout(text)
    for notice in doc.notices:
        _stderr(notice)


def output_format(command: str, given: str | None, out: Path | None) -> str:
    """The format to write: the one given with ``--format``; else ``xlsx`` when ``--out`` ends in ``.xlsx``
    (any case), else ``table``.

    Raises
    ------
    CliError
        For ``xlsx`` without a file (a workbook is not written to stdout), an ``.xlsx`` file with another format
        given, or an ``.xlsx`` file for a subcommand that writes no workbook.
    """
    workbook_name = out is not None and out.suffix.lower() == ".xlsx"
    if workbook_name and command not in WORKBOOK_COMMANDS:
        raise CliError(f"--out {str(out)!r}: {command} writes no workbook (xlsx is written by "
                       f"{', '.join(WORKBOOK_COMMANDS)}); expected another file name, e.g. ending in .csv or .json")
    fmt = given if given is not None else ("xlsx" if workbook_name else "table")
    if fmt == "xlsx" and out is None:
        raise CliError("--format xlsx writes a workbook to a file, not to stdout; give --out FILE.xlsx")
    if workbook_name and fmt != "xlsx":
        raise CliError(f"--out {str(out)!r} ends in .xlsx but --format is {fmt}; drop --format (or give --format "
                       f"xlsx) for a workbook, or another file name")
    return fmt


def _check_not_read(out: Path, inputs: list[tuple[str, str]]) -> None:
    """Refuses ``--out`` naming a file the command reads (the scenario file, a budget file or any file of a budget
    folder, a portfolio or vintage file): the output would replace it."""
    for what, path in inputs:
        source = Path(path)
        files = [f for f in source.iterdir() if f.is_file()] if source.is_dir() else [source]
        for file in files:
            if file.exists() and (file.resolve() == out.resolve() or (out.exists() and os.path.samefile(file, out))):
                inside = f" (in the {what} folder {str(source)!r})" if source.is_dir() else ""
                raise CliError(f"--out {str(out)!r} is the {what} file the command reads{inside}; expected another "
                               f"file name (the input is never overwritten)")


def _check_not_input(args: argparse.Namespace) -> None:
    """Refuses ``--out`` naming a file the command line names as input: the scenario file, ``--budget`` (a file,
    or any file of its folder), a ``--vintage`` or ``vintages --compare`` file, a ``--population-forecast`` file."""
    inputs = [("scenario", getattr(args, "file", None)), ("budget", getattr(args, "budget", None)),
              ("vintage", getattr(args, "vintage", None))]
    forecast = getattr(args, "population_forecast", None)
    if forecast is not None and forecast != "embedded":
        inputs.append(("population forecast", forecast))
    inputs += [("vintage", name) for name in getattr(args, "compare", None) or []]
    _check_not_read(args.out, [(what, str(path)) for what, path in inputs if path is not None])


def _error(exc: BaseException) -> None:
    """Prints ``kommunbudget: error: <message>`` to stderr."""
    _stderr(f"kommunbudget: error: {message(exc)}")


def _stderr(line: str) -> None:
    """Prints a line to stderr (nothing when stderr is closed too)."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(line, file=sys.stderr)


@contextlib.contextmanager
def _logging_to_stderr(verbose: bool) -> Iterator[None]:
    """With ``verbose``: the package's INFO messages to stderr for the run, handler and level restored after it."""
    if not verbose or sys.stderr is None:
        yield
        return
    package_logger = logging.getLogger("kommunbudget")
    previous_level = package_logger.level
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s: %(levelname)s: %(message)s"))
    package_logger.addHandler(handler)
    package_logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        package_logger.removeHandler(handler)
        package_logger.setLevel(previous_level)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
