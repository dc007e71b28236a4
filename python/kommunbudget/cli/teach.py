"""``kommunbudget teach``: the teaching notebook (``notebooks/07_teaching.ipynb``) served as a local web page with
Voilà: the code hidden, the panel's sliders live (:mod:`kommunbudget.report.teaching`), until Ctrl-C.

The notebook ships in the package (the build installs the repository's ``notebooks/07_teaching.ipynb``, the one
source, as ``kommunbudget/notebooks/07_teaching.ipynb``: ``python/CMakeLists.txt``) and is found through
:mod:`importlib.resources`. Run from a source tree (``PYTHONPATH=python``), the package has no copy: the notebook is
then taken from the tree's ``notebooks/`` folder, and the command says so.

Voilà runs as a child process (``python -m voila``, in a session of its own, on 127.0.0.1 only, one kernel preheated
with the notebook already run); the page's kernel gets the language in the environment variable
:data:`~kommunbudget.report.teaching.LANGUAGE_VARIABLE`. Ctrl-C (or SIGTERM) stops Voilà with SIGTERM, which shuts
its kernels down, and the command ends with status 0.

Unlike the other commands, this one prints while it runs (the address, to stderr): a server must say where it is
before it blocks. Voilà and ipywidgets are the extra ``teach``; without them the command says how to install them.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import socket
import subprocess
import sys
from contextlib import closing
from importlib import resources
from pathlib import Path

from kommunbudget.cli.errors import CliError
from kommunbudget.report.documents import Document

__all__ = ["NOTEBOOK", "PACKAGED", "STOP_SECONDS", "notebook", "run"]

#: The notebook's file name (in the repository's ``notebooks/`` and in the package's ``notebooks/``).
NOTEBOOK = "07_teaching.ipynb"
#: Where the build puts it inside the package.
PACKAGED = ("notebooks", NOTEBOOK)
#: How long Voilà gets to shut its kernels down after SIGTERM before it is killed, seconds.
STOP_SECONDS = 15.0
#: The environment variable the page's kernel reads its language from (the value of
#: kommunbudget.report.teaching.LANGUAGE_VARIABLE, repeated so the command need not import ipywidgets; a test
#: compares the two).
LANGUAGE_VARIABLE = "KOMMUNBUDGET_TEACH_LANGUAGE"
#: The packages the page needs, by import name, and how to get them.
_NEEDED = ("voila", "ipywidgets", "ipykernel")
_INSTALL = 'pip install "kommunbudget[teach]"'


def notebook() -> tuple[Path, str]:
    """The teaching notebook to serve, and a notice when it is not the installed package's copy.

    Returns
    -------
    (pathlib.Path, str)
        The notebook's path: the package's ``notebooks/07_teaching.ipynb``; else, from a source tree, the tree's
        ``notebooks/07_teaching.ipynb`` with a notice saying so (an empty notice for the package's copy).

    Raises
    ------
    RuntimeError
        When neither exists (a damaged installation: the message says to reinstall).
    """
    packaged = resources.files("kommunbudget").joinpath(*PACKAGED)
    if packaged.is_file():
        return Path(str(packaged)), ""
    tree = Path(__file__).resolve().parents[3] / "notebooks" / NOTEBOOK
    if tree.is_file():
        return tree, (f"kommunbudget teach: the package has no copy of {NOTEBOOK} (running from a source tree); "
                      f"serving {tree}")
    raise RuntimeError(f"the teaching notebook {'/'.join(PACKAGED)} is missing from the installed package "
                       f"({Path(str(resources.files('kommunbudget')))}); reinstall kommunbudget, e.g. {_INSTALL}")


def _check_installed() -> None:
    """RuntimeError naming the missing packages and the install command when Voilà, ipywidgets or ipykernel is not
    installed (found without importing them)."""
    missing = [name for name in _NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        raise RuntimeError(f"the teaching page needs {', '.join(missing)}, which {'is' if len(missing) == 1 else 'are'}"
                           f" not installed; install with: {_INSTALL}")


def _check_port(port: int) -> None:
    """CliError when ``port`` cannot be listened on at 127.0.0.1 (in use, or not allowed)."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise CliError(f"--port {port}: cannot listen on 127.0.0.1:{port} ({exc.strerror or exc}); choose "
                           f"another port, e.g. --port {port + 1}") from None


def _voila_command(path: Path, port: int, open_browser: bool) -> list[str]:
    """``python -m voila`` for ``path`` on 127.0.0.1:``port`` (no other port tried), errors only in the log, and one
    kernel preheated: Voilà runs the notebook before anyone asks, so a page opened a few seconds after the start
    shows the panel in about 2 s instead of 4-9 s (2 shared cores), and a reload takes the next kernel of the pool."""
    command = [sys.executable, "-m", "voila", str(path), f"--port={port}", "--Voila.ip=127.0.0.1",
               "--Voila.port_retries=0", "--Voila.log_level=ERROR", "--VoilaConfiguration.show_tracebacks=False",
               "--preheat_kernel=True", "--pool_size=1"]
    if not open_browser:
        command.append("--no-browser")
    return command


def _stop(child: subprocess.Popen) -> int:
    """Stops Voilà: SIGTERM (it stops its loop and shuts its kernels down), SIGKILL after :data:`STOP_SECONDS`."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return child.returncode


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> Document:
    """Serves the teaching notebook with Voilà on ``http://127.0.0.1:<args.port>/`` until Ctrl-C (SIGINT) or SIGTERM;
    ``args.no_browser`` keeps the browser closed, ``args.language`` (``sv``/``en``) sets the panel's language.

    Returns
    -------
    Document
        Its text says that the server stopped (exit status 0).

    Raises
    ------
    CliError
        For a port that cannot be listened on (exit status 2).
    RuntimeError
        When Voilà, ipywidgets or ipykernel is missing (the message says ``pip install "kommunbudget[teach]"``), the
        notebook is missing, or Voilà ends by itself with an error (exit status 1).
    """
    _check_installed()
    path, notice = notebook()
    _check_port(args.port)
    if notice:
        print(notice, file=sys.stderr, flush=True)
    env = dict(os.environ, **{LANGUAGE_VARIABLE: args.language})
    url = f"http://127.0.0.1:{args.port}/"
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        child = subprocess.Popen(_voila_command(path, args.port, not args.no_browser), env=env,
                                 start_new_session=True)  # Ctrl-C reaches this process only; it stops the child
        try:
            print(f"kommunbudget teach: {url} (the page of {path.name}, language {args.language}); Ctrl-C stops",
                  file=sys.stderr, flush=True)
            status = child.wait()
        except KeyboardInterrupt:
            _stop(child)
            doc = Document("teach", {}, [], {})
            doc.text = "kommunbudget teach: stopped\n"
            return doc
    finally:
        signal.signal(signal.SIGTERM, previous)
    raise RuntimeError(f"Voilà ended by itself with status {status} (its messages are above); the page at {url} is "
                       f"gone")
