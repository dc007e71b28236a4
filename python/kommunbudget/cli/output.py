"""Writing a command's output: to stdout, or to a file given with ``--out`` (and the charts of ``compare
--chart``).

A file is written through a temporary file in the same folder and :func:`os.replace`, so an existing file is
replaced whole or not at all and no other file is touched; the temporary file is removed on failure. An existing
file keeps its permission bits; a new one gets 0666 less the umask, as ``open()`` would give it. Only a regular file
or a new name in an existing folder is accepted: a directory, a symbolic link, a device (e.g. ``/dev/null``), a FIFO
or a socket is refused before anything is computed, naming the path and what it is.

Light: imports nothing heavy (the parser's checks run before any subcommand is loaded).
"""
from __future__ import annotations

import errno
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kommunbudget.cli.errors import CliError

__all__ = ["ClosedOutputError", "check_target", "replace_file", "write_stdout", "write_text"]

_log = logging.getLogger("kommunbudget.cli")

#: What a path is, for the message refusing it: (test on st_mode, words).
_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISLNK, "a symbolic link"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"))


class ClosedOutputError(OSError):
    """Standard output is closed, or its reader has gone (a pipe closed early, e.g. ``| head -1``)."""


def check_target(path: Path, option: str = "--out") -> None:
    """Checks that ``path`` may be written: an existing regular file, or a new name in an existing folder.

    Parameters
    ----------
    path : Path
        The file named on the command line (not followed if it is a symbolic link).
    option : str
        The option that named it, for the message (``--out``, ``--chart``).

    Raises
    ------
    CliError
        For a directory, a symbolic link, a device, a FIFO or a socket (the message names the path and what it
        is), or when the folder does not exist or is not a folder.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise CliError(f"{option} {str(path)!r}: {exc.strerror}; expected a regular file or a new file name in an "
                       f"existing folder") from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = next((words for test, words in _KINDS if test(mode)), "not a regular file")
        raise CliError(f"{option} {str(path)!r} is {kind}; expected a regular file or a new file name in an existing "
                       f"folder")
    parent = path.parent
    if not parent.is_dir():
        raise CliError(f"{option} {str(path)!r}: the directory {str(parent)!r} does not exist")


def replace_file(path: Path, write: Callable[[Path], None], option: str = "--out", suffix: str = ".tmp") -> None:
    """Writes ``path`` in one step: ``write(tmp)`` fills a temporary file in the same folder, which then replaces
    ``path`` (:func:`os.replace`). The old file's permission bits are kept; a new file gets 0666 & ~umask.

    Parameters
    ----------
    path : Path
        The file to write (checked with :func:`check_target`, just before the replace too).
    write : callable
        Writes the content to the temporary file it is given.
    option : str
        The option that named ``path``, for messages.
    suffix : str
        The temporary file's suffix (``".png"`` for a chart, so matplotlib sees the format).

    Raises
    ------
    CliError
        If ``path`` is not a regular file or a new name in an existing folder (:func:`check_target`).
    OSError
        If the temporary file cannot be created or writing fails; the message names ``path`` and the reason (the
        temporary file is removed; ``path`` is unchanged).
    """
    check_target(path, option)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    except OSError as exc:
        raise OSError(f"{option} {str(path)!r}: cannot create a file in {str(path.parent)!r} "
                      f"({exc.strerror or exc})") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        try:
            mode = stat.S_IMODE(os.lstat(path).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        check_target(path, option)  # nothing may have become a link or a directory while writing
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(f"{option} {str(path)!r}: not written ({exc.strerror or exc}); nothing was changed") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (read by setting it and setting it back)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_text(path: Path, text: str) -> None:
    """Writes ``text`` (UTF-8, newlines as given) to ``path`` through :func:`replace_file`, synced to disk."""
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    replace_file(path, write)
    _log.info("wrote %s", path)


def write_stdout(text: str) -> None:
    """Writes ``text`` to standard output, all of it, and flushes it.

    Raises
    ------
    ClosedOutputError
        When standard output is closed (``>&-``: ``sys.stdout`` is None, or its descriptor or file is closed) or its
        reader has gone (a broken pipe). Standard output is then pointed at ``os.devnull``, so the interpreter's
        final flush does not fail again.
    """
    stream = sys.stdout
    if stream is None:
        raise ClosedOutputError(errno.EBADF, "standard output is closed")
    try:
        _write_all(stream, text)
    except BrokenPipeError as exc:
        _silence_stdout()
        raise ClosedOutputError(errno.EPIPE, "standard output is closed") from exc
    except ValueError as exc:  # "I/O operation on closed file"; an encoding error is reported as input
        if not getattr(stream, "closed", False):
            raise
        raise ClosedOutputError(errno.EBADF, "standard output is closed") from exc
    except OSError as exc:
        if exc.errno not in (errno.EBADF, errno.EPIPE):
            raise
        _silence_stdout()
        raise ClosedOutputError(exc.errno, "standard output is closed") from exc


def _write_all(stream: Any, text: str) -> None:
    """Writes ``text`` through the stream's binary buffer until every byte is taken: a buffered writer may take a
    pipe's share and return a short count when the reader goes away, which a text write would not report."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (a notebook's, a test's)
        stream.write(text)
        stream.flush()
        return
    stream.flush()  # whatever was written through the text layer goes first
    if os.linesep != "\n":
        text = text.replace("\n", os.linesep)
    view = memoryview(text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
    while view:
        n = buffer.write(view)
        if not n:
            raise OSError(errno.EPIPE, "standard output took no bytes")
        view = view[n:]
    buffer.flush()


def _silence_stdout() -> None:
    """Points the descriptor of ``sys.stdout`` at ``os.devnull``, so the buffered rest is discarded at exit."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced by a test's capture, or already closed
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
