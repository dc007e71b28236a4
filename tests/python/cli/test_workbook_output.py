"""The workbook and Swedish-CSV options of the command line: ``--out FILE.xlsx`` (or ``--format xlsx``) for
project, solve, compare and scenario, ``template``, ``--format csv-sv``; what is refused (exit status 2, a clean
message) and how the file is written (in one step, never over the command's input).
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from kommunbudget.data.paths import packaged_names


def _is_xlsx(path) -> bool:
    with zipfile.ZipFile(path) as z:
        return "xl/workbook.xml" in z.namelist()


@pytest.mark.parametrize("argv", [["project", "Sjöbo"], ["solve", "1265", "--horizon", "2027"],
                                  ["compare", "Sjöbo"], ["scenario", "sjobo_before_tax_rise"]])
def test_the_suffix_chooses_the_workbook(cli, tmp_path, argv):
    out = tmp_path / "result.XLSX"
    status, stdout, err = cli.run(*argv, "--out", str(out))
    assert (status, stdout, err) == (0, "", "")
    assert _is_xlsx(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.XLSX"]  # no temporary file left


def test_format_xlsx_with_another_name(cli, tmp_path):
    out = tmp_path / "budget.dat"
    assert cli.run("project", "Sjöbo", "--format", "xlsx", "--out", str(out))[0] == 0
    assert _is_xlsx(out)


def test_an_existing_file_is_replaced_keeping_its_mode(cli, tmp_path):
    out = tmp_path / "r.xlsx"
    out.write_text("old")
    os.chmod(out, 0o640)
    assert cli.run("project", "Sjöbo", "--out", str(out))[0] == 0
    assert _is_xlsx(out) and (out.stat().st_mode & 0o777) == 0o640


@pytest.mark.parametrize("argv, fragments", [
    (["project", "Sjöbo", "--format", "xlsx"], ["--format xlsx writes a workbook to a file", "--out FILE.xlsx"]),
    (["project", "Sjöbo", "--format", "xlsx", "--out", "-"], ["--out FILE.xlsx"]),
    (["project", "Sjöbo", "--format", "json", "--out", "{tmp}/x.xlsx"], ["ends in .xlsx but --format is json"]),
    (["revenue-table", "--out", "{tmp}/x.xlsx"], ["revenue-table writes no workbook", "project, solve"]),
    (["template", "--out", "-"], ["--out FILE.xlsx"]),
    (["template", "--out", "{tmp}/t.xlsx", "--municipality", "Atlantis"], ["Atlantis"]),
    (["template", "--out", "{tmp}/t.xlsx", "--budget-year", "1990"], ["--budget-year 1990"]),
])
def test_refused_with_a_clean_message(cli, tmp_path, argv, fragments):
    status, out, err = cli.run(*[a.replace("{tmp}", str(tmp_path)) for a in argv])
    cli.clean_error(status, out, err, *fragments)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["scenario", "checklist"])
def test_never_over_the_scenario_file(cli, tmp_path, root, command):
    name = packaged_names("scenarios")[0]
    source = root / "python" / "kommunbudget" / "data" / "files" / "scenarios" / f"{name}.toml"
    scenario = tmp_path / "s.toml"
    shutil.copy(source, scenario)
    before = scenario.read_bytes()
    for out in (scenario, tmp_path / "." / "s.toml"):
        status, stdout, err = cli.run(command, str(scenario), "--out", str(out))
        cli.clean_error(status, stdout, err, "is the scenario file the command reads")
    assert scenario.read_bytes() == before


def test_template_writes_a_workbook(cli, tmp_path):
    out = tmp_path / "budget.xlsx"
    assert cli.run("template", "--out", str(out), "--municipality", "sjobo", "--budget-year", "2026") == (0, "", "")
    assert _is_xlsx(out)


def test_csv_sv_is_the_csv_for_a_swedish_spreadsheet(cli, tmp_path):
    status, plain, _ = cli.run("project", "Sjöbo", "--format", "csv")
    assert status == 0
    out = tmp_path / "p.csv"
    assert cli.run("project", "Sjöbo", "--format", "csv-sv", "--out", str(out))[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbftable;row;year;value;unit\r\n")
    sv = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    en = list(csv.reader(io.StringIO(plain)))
    assert len(sv) == len(en) > 100
    assert sv[0] == en[0]
    for a, b in zip(sv[1:], en[1:], strict=True):
        assert a[:3] == b[:3] and a[4] == b[4]
        assert (a[3] == b[3] == "") or float(a[3].replace(",", ".")) == float(b[3])
    assert any("," in line[3] for line in sv[1:])


def test_json_does_not_load_openpyxl_but_xlsx_does(tmp_path):
    code = ("import sys; from kommunbudget.cli.main import main; "
            "main(['project', 'Sjöbo', '--format', '{fmt}', '--out', sys.argv[1]]); "
            "print('openpyxl' in sys.modules)")
    for fmt, loaded in (("json", "False"), ("xlsx", "True")):
        done = subprocess.run([sys.executable, "-c", code.replace("{fmt}", fmt), str(tmp_path / f"p.{fmt}")],
                              capture_output=True, text=True, encoding="utf-8", timeout=120, check=True)
        assert done.stdout.strip() == loaded


@pytest.mark.parametrize("argv", [["solve", "Sjöbo"], ["compare", "Sjöbo"], ["explain-revenue", "Ystad"],
                                  ["revenue-table"], ["benchmark", "Sjöbo"]])
def test_csv_sv_wherever_csv_is(cli, argv):
    status, plain, _ = cli.run(*argv, "--format", "csv")
    assert status == 0
    status, sv, err = cli.run(*argv, "--format", "csv-sv")
    assert status == 0, err
    assert sv.startswith("\ufefftable;row;year;value;unit\r\n")
    assert len(sv[1:].split("\r\n")) == len(plain.split("\n"))
