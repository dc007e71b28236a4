"""Where the command line writes: ``--out FILE`` (a regular file replaced in one step, or a new file in an existing
folder; never a directory, link, device or pipe), ``--out -`` (stdout), ``compare --chart`` (the same rules), and a
closed standard output (exit status 1, no traceback).

The expected messages are written out here; the file modes follow POSIX ``open(2)``: a new file gets 0666 less the
umask, and a replaced file keeps its permission bits.
"""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

EXPECTED = "expected a regular file or a new file name in an existing folder"


def _refused(cli, path: Path, what: str, *args: str) -> None:
    status, out, err = cli.run(*(args or ("project", "Sjöbo")), "--out", str(path))
    assert (status, out, err) == (2, "", f"kommunbudget: error: --out {str(path)!r} is {what}; {EXPECTED}\n")


def test_out_refuses_a_directory(cli, tmp_path):
    _refused(cli, tmp_path, "a directory")
    assert list(tmp_path.iterdir()) == []


def test_out_refuses_a_symbolic_link_and_leaves_it_and_its_target(cli, tmp_path):
    target = tmp_path / "real.json"
    target.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    _refused(cli, link, "a symbolic link")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep\n"
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    _refused(cli, dangling, "a symbolic link")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.json", "link.json", "real.json"]


def test_out_refuses_a_device(cli, monkeypatch):
    # /dev/null must stay the device it is (the old command line replaced it with a regular file); should the check
    # ever fail, the guard keeps this machine's /dev/null.
    replace = os.replace

    def guarded_replace(src, dst, *args, **kwargs):
        assert os.path.abspath(dst) != os.devnull, "the command line tried to replace /dev/null"
        return replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", guarded_replace)
    status, out, err = cli.run("datasets", "--out", os.devnull)
    assert (status, out, err) == (2, "", f"kommunbudget: error: --out '{os.devnull}' is a character device; "
                                         f"{EXPECTED}\n")
    assert Path(os.devnull).is_char_device()


def test_out_refuses_a_fifo(cli, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _refused(cli, fifo, "a FIFO (named pipe)", "datasets")


def test_out_in_a_missing_folder(cli, tmp_path):
    path = tmp_path / "no" / "out.json"
    status, out, err = cli.run("datasets", "--out", str(path))
    assert (status, out) == (2, "")
    assert err == f"kommunbudget: error: --out {str(path)!r}: the directory {str(path.parent)!r} does not exist\n"


def test_out_dash_is_stdout(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = cli.run("datasets", "--format", "json", "--out", "-")
    assert status == 0, err
    assert json.loads(out)["schema"] == "kommunbudget.datasets/1"
    assert list(tmp_path.iterdir()) == []  # no file named "-"
    status, out, err = cli.run("datasets", "--out", "")
    assert status == 2 and "'' is not a file name; expected FILE, or - for stdout" in err


@pytest.fixture
def umask_027():
    previous = os.umask(0o027)
    yield
    os.umask(previous)


def test_out_modes_new_and_replaced(cli, tmp_path, umask_027):
    new = tmp_path / "new.json"
    status, _, err = cli.run("datasets", "--format", "json", "--out", str(new))
    assert status == 0, err
    assert new.stat().st_mode & 0o7777 == 0o666 & ~0o027  # 0o640
    old = tmp_path / "old.json"
    old.write_text("old\n", encoding="utf-8")
    old.chmod(0o604)
    status, _, err = cli.run("datasets", "--format", "json", "--out", str(old))
    assert status == 0, err
    assert old.stat().st_mode & 0o7777 == 0o604
    assert json.loads(old.read_text(encoding="utf-8"))["schema"] == "kommunbudget.datasets/1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.json", "old.json"]


def test_out_write_failure_keeps_the_old_file_and_removes_the_temporary(cli, tmp_path, monkeypatch):
    target = tmp_path / "result.json"
    target.write_text("previous\n", encoding="utf-8")

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    status, out, err = cli.run("datasets", "--format", "json", "--out", str(target))
    assert (status, out, err) == (1, "", f"kommunbudget: error: --out {str(target)!r}: not written (Input/output "
                                         f"error); nothing was changed\n")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


def test_out_in_a_folder_that_takes_no_file(cli, tmp_path, monkeypatch):
    target = tmp_path / "result.json"

    def refusing_mkstemp(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refusing_mkstemp)
    status, out, err = cli.run("datasets", "--out", str(target))
    assert (status, out, err) == (1, "", f"kommunbudget: error: --out {str(target)!r}: cannot create a file in "
                                         f"{str(tmp_path)!r} (Permission denied)\n")
    assert list(tmp_path.iterdir()) == []


def test_chart_follows_the_rules_of_out(cli, tmp_path):
    real = tmp_path / "real.png"
    real.write_bytes(b"old")
    link = tmp_path / "chart.png"
    link.symlink_to(real)
    status, out, err = cli.run("compare", "Sjöbo", "--chart", str(link))
    assert (status, out, err) == (2, "", f"kommunbudget: error: --chart {str(link)!r} is a symbolic link; {EXPECTED}\n")
    folder = tmp_path / "x_comparison.png"
    folder.mkdir()
    status, out, err = cli.run("compare", "Sjöbo", "--chart", str(tmp_path / "x.png"))
    assert err == f"kommunbudget: error: --chart {str(folder)!r} is a directory; {EXPECTED}\n"
    assert real.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == [
        "chart.png", "real.png", "x_comparison.png"]


def test_out_may_not_be_a_chart_file(cli, tmp_path):
    chart = tmp_path / "c.png"
    status, out, err = cli.run("compare", "Sjöbo", "--chart", str(chart), "--out", str(tmp_path / "c_comparison.png"))
    assert status == 2 and "is also a --chart file; expected different files" in err
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------------------------------------------
# A closed standard output
# ----------------------------------------------------------------------------------------------------------------


def _close_stdout() -> None:
    os.close(1)


def test_closed_stdout_exits_1_quietly():
    """``kommunbudget project Sjöbo >&-``: the child starts with descriptor 1 closed."""
    done = subprocess.run([sys.executable, "-m", "kommunbudget", "project", "Sjöbo"], capture_output=True,
                          preexec_fn=_close_stdout, timeout=300, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (1, b"", b"")


def test_a_pipe_closed_by_its_reader_exits_1_quietly():
    """``kommunbudget revenue-table | head -1``, with the reader gone before the first write."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "kommunbudget", "revenue-table"], stdout=write_end,
                              stderr=subprocess.PIPE, timeout=300, check=False)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (1, b"")


def test_a_pipe_closed_after_the_first_line_exits_1_quietly():
    """``kommunbudget revenue-table | head -1`` for real: more output than a pipe holds, the reader leaves early."""
    child = subprocess.Popen([sys.executable, "-m", "kommunbudget", "revenue-table", "--format", "csv"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = child.stdout.readline()
    child.stdout.close()
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=300) == 1
    assert first == b"table,row,year,value,unit\n" and err == b""


def test_charts_written_beside_json_are_named_on_stderr(cli, tmp_path):
    chart = tmp_path / "r.png"
    status, out, err = cli.run("compare", "Sjöbo", "--chart", str(chart), "--format", "json")
    assert status == 0
    written = [str(chart), str(tmp_path / "r_comparison.png")]
    assert json.loads(out)["charts"] == written
    assert err == "".join(f"kommunbudget: wrote {path}\n" for path in written)
