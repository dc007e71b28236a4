"""The user's text files: read as UTF-8 (a byte-order mark accepted), written atomically with the usual file mode.

Scenario files, vintage files and portfolio CSV files are read with :func:`read_user_text` (or their text decoded
with :func:`decode_user_text`), so a file saved in another encoding (Latin-1, Windows-1252, UTF-16) is refused with
a message naming the first byte that is not UTF-8 and where it is, instead of a bare codec error or a wrong
character; a UTF-8 byte-order mark (as Excel and Notepad write it) is dropped. :func:`write_text_atomic` replaces a
file whole or not at all and gives the new file the old file's mode (a new file ``0o666 & ~umask``, as ``open``
would), not the ``0o600`` of a temporary file.

This module imports neither pandas nor the core.
"""
from __future__ import annotations

import codecs
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["decimal_comma_hint", "decode_user_text", "read_user_text", "strip_bom", "write_text_atomic"]

#: Byte-order marks of encodings other than UTF-8, longest first (UTF-32's starts with UTF-16's).
_OTHER_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"),
               (codecs.BOM_UTF16_BE, "UTF-16"))


def strip_bom(text: str) -> str:
    """``text`` without a leading byte-order mark (U+FEFF), as left by a UTF-8 file read with ``utf-8``."""
    return text[1:] if text.startswith("\ufeff") else text


def _where(data: bytes, position: int) -> str:
    line = data.count(b"\n", 0, position) + 1
    return f"byte 0x{data[position]:02X} at position {position}, line {line}"


def decode_user_text(data: bytes) -> str:
    """The bytes of a user's text file as text: UTF-8, a leading UTF-8 byte-order mark dropped.

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    str
        The text, without a byte-order mark.

    Raises
    ------
    ValueError
        For bytes that are not UTF-8 text: a UTF-16 or UTF-32 byte-order mark, a NUL byte (UTF-16 without a mark),
        or a byte sequence that is not UTF-8 (e.g. Latin-1's 0xF6 for 'ö'). The message (without the file's name,
        which the caller adds) names the byte, its position (0-based byte offset) and line, what the file probably
        is, and says to save it as UTF-8.
    """
    for bom, name in _OTHER_BOMS:
        if data.startswith(bom):
            raise _refuse(f"it starts with the {name} byte-order mark "
                           f"{' '.join(f'0x{b:02X}' for b in bom)}; it looks like {name} text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _refuse(f"{_where(data, nul)}; a text file holds no NUL bytes: it looks like UTF-16 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        guess = ""
        if byte >= 0xA0:  # a letter in Latin-1 and Windows-1252 (å ä ö Å Ä Ö é ...)
            guess = f"; in Latin-1 or Windows-1252 it is {bytes([byte]).decode('cp1252')!r}"
        elif byte >= 0x80:
            guess = "; it looks like Windows-1252 text" if byte in b"\x80\x85\x91\x92\x93\x94\x96\x97" else ""
        raise _refuse(f"{_where(data, exc.start)}{guess}") from None


def _refuse(detail: str) -> ValueError:
    return ValueError(f"the file is not UTF-8 text ({detail}); save it as UTF-8")


def read_user_text(path: str | os.PathLike[str] | Any) -> str:
    """A user's text file, read as UTF-8 (a byte-order mark dropped); see :func:`decode_user_text`.

    Parameters
    ----------
    path : str, path-like or importlib.resources Traversable

    Raises
    ------
    ValueError
        For a file that is not UTF-8 text (the message does not name the file: the caller adds it).
    OSError
        If the file cannot be read.
    """
    entry = path if hasattr(path, "read_bytes") and not isinstance(path, (str, os.PathLike)) else Path(path)
    return decode_user_text(entry.read_bytes())


def _umask() -> int:
    """The process's umask: from /proc where it is shown (no change of the process state), else by setting it and
    setting it back."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike[str], text: str, check: Callable[[Path], None] | None = None,
                      newline: str | None = None) -> Path:
    """Writes ``text`` (UTF-8) to ``path`` atomically: a temporary file in the same folder, then a rename, so an
    existing file is replaced whole or not at all.

    The file gets the mode of the file it replaces, or ``0o666 & ~umask`` when there was none (the mode a new file
    gets from ``open``), not the ``0o600`` of a temporary file.

    Parameters
    ----------
    path : str or path-like
        The file to write; its folder must exist.
    text : str
        The content.
    check : callable, optional
        Called with the temporary file's path before the rename; an exception from it leaves ``path`` untouched
        (and removes the temporary file).
    newline : str, optional
        As for :func:`open` (``""`` writes line ends as they are in ``text``).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    OSError
        If the folder cannot be written; whatever ``check`` raises.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        if check is not None:
            check(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


_DECIMAL_COMMA = re.compile(r"=\s*(-?\d+),(\d+)\s*(#.*)?$")


def decimal_comma_hint(text: str, exc: Exception) -> str:
    """A hint when the line a TOML parser refused (``exc``, a ``tomllib.TOMLDecodeError``) holds a number with a
    decimal comma (``rate = 0,01``): TOML writes 0.01. Empty text when the line has none."""
    at = re.search(r"at line (\d+)", str(exc))  # Python 3.11's TOMLDecodeError gives the line in its text only
    lines = strip_bom(text).splitlines()
    number = int(at.group(1)) if at else 0
    found = _DECIMAL_COMMA.search(lines[number - 1]) if 0 < number <= len(lines) else None
    if not found:
        return ""
    return (f"; line {number} has a decimal comma ({found.group(1)},{found.group(2)}): TOML writes numbers with a "
            f"decimal point, {found.group(1)}.{found.group(2)}")
