"""Bad vintage files: one fixture per failure mode (tests/python/baselines/fixtures/bad_vintages), each asserting its
message, and the rule that resolves a vintage's name or file.

Every fixture starts with header comment lines, as the bad scenario files do::

    # expect: <a substring of the message>   one or more; each must appear (plain text, not a regular expression)
    # fix: <old> => <new>                    the one edit that makes the file valid ("\\n" in <new> is a newline)

followed by free comment lines describing the mistake. ``vintages.load_vintage`` must raise ValueError (not a
TypeError, a RecursionError or a codec error) whose message holds every expected substring and names the file, and
leave the file's bytes unchanged. The fix proves a fixture fails for exactly one reason: with it applied the vintage
loads and Sjöbo projects to 2030 with it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest

import kommunbudget as kb
from kommunbudget import vintages

FIXTURES = Path(__file__).parent / "fixtures" / "bad_vintages"
PATHS = sorted(FIXTURES.glob("*.toml"))
#: The directory must hold at least this many fixtures (a failed glob or a lost folder must not pass silently).
MIN_FIXTURES = 12
_HEADER_KEY = re.compile(r"#\s*([A-Za-z_-]+):\s?(.*)$")
_KEYS = {"expect", "fix"}


@dataclass(frozen=True)
class Fixture:
    expect: tuple[str, ...]
    fixes: tuple[tuple[str, str], ...]
    unknown_keys: tuple[str, ...]
    first_line: str
    body: str


def read_fixture(path: Path) -> Fixture:
    """The fixture's header (leading comment lines) and the TOML text below it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = 0
    while n < len(lines) and lines[n].startswith("#"):
        n += 1
    expect: list[str] = []
    fixes: list[tuple[str, str]] = []
    unknown: list[str] = []
    for line in lines[:n]:
        match = _HEADER_KEY.match(line.rstrip("\n"))
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key not in _KEYS:
            unknown.append(line.rstrip("\n"))
        elif key == "expect":
            expect.append(value)
        else:
            old, sep, new = value.partition(" => ")
            fixes.append((old, new.replace("\\n", "\n")) if sep else ("", ""))
    return Fixture(tuple(expect), tuple(fixes), tuple(unknown), lines[0] if lines else "", "".join(lines[n:]))


@functools.cache
def failure(path: Path) -> tuple[str, bytes, bytes]:
    """The message of load_vintage's ValueError, with the file's bytes before and after the attempt."""
    before = path.read_bytes()
    with pytest.raises(ValueError) as info:
        vintages.load_vintage(path)
    return str(info.value), before, path.read_bytes()


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_fails_with_the_expected_message_naming_the_file_and_leaves_it_alone(path):
    fixture = read_fixture(path)
    message, before, after = failure(path)
    missing = [e for e in fixture.expect if e not in message]
    assert not missing, f"{path.name}: expected {missing} in the message:\n{message}"
    assert path.name in message, f"the message does not name {path.name}:\n{message}"
    assert after == before, f"{path.name} was modified by loading it"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_the_fix_makes_the_file_valid_so_it_fails_for_one_reason(path, tmp_path):
    fixture = read_fixture(path)
    assert len(fixture.fixes) == 1, f"{path.name}: expected exactly one '# fix: <old> => <new>' line"
    (old, new), = fixture.fixes
    assert old and old in fixture.body, f"{path.name}: the fix's {old!r} is not in the file"
    fixed = tmp_path / path.name
    fixed.write_text(fixture.body.replace(old, new, 1), encoding="utf-8")
    v = vintages.load_vintage(fixed)
    m = kb.load("Sjöbo", vintage=str(fixed))
    assert m.vintage == v.label
    assert len(m.project(2030).years) == 2030 - m.base_year + 1


def test_every_fixture_declares_what_it_expects():
    assert FIXTURES.is_dir(), f"{FIXTURES} is missing"
    assert len(PATHS) >= MIN_FIXTURES, f"expected at least {MIN_FIXTURES} fixtures in {FIXTURES}, found {len(PATHS)}"
    others = sorted(p.name for p in FIXTURES.iterdir() if p.suffix != ".toml")
    assert not others, f"files that are not .toml fixtures (and so are never tested): {others}"
    problems = []
    for path in PATHS:
        fixture = read_fixture(path)
        if not fixture.first_line.startswith("# expect: "):
            problems.append(f"{path.name}: the first line is not '# expect: <substring>'")
        if not fixture.expect or any(len(e) < 8 for e in fixture.expect):
            problems.append(f"{path.name}: every '# expect:' needs a distinctive substring (8 characters or more)")
        if len(fixture.fixes) != 1 or not all(old for old, _ in fixture.fixes):
            problems.append(f"{path.name}: expected exactly one '# fix: <old> => <new>' line")
        problems += [f"{path.name}: unknown header key in {line!r}; expected one of {sorted(_KEYS)}"
                     for line in fixture.unknown_keys]
    assert not problems, "\n".join(problems)


#: A valid vintage: the fixture values_a_number.toml with its one fix applied.
GOOD = (FIXTURES / "values_a_number.toml").read_text(encoding="utf-8").replace("values = 5",
                                                                             "values = { 2025 = 0.045 }")


def test_a_packaged_name_is_the_packaged_vintage_even_beside_a_file_of_that_name(tmp_path, monkeypatch):
    # The rule (get_vintage): a packaged name wins over a file of the same name in the working folder; a path to
    # the file (./name, or a pathlib.Path) loads the file.
    monkeypatch.chdir(tmp_path)
    Path("skr-2025-report").write_text(GOOD, encoding="utf-8")
    packaged = vintages.get_vintage("skr-2025-report")
    assert packaged.source_file == "kommunbudget/data/files/vintages/skr-2025-report.toml"
    assert vintages.get_vintage("./skr-2025-report").name == "test-values-a-number"
    assert vintages.get_vintage(Path("skr-2025-report")).name == "test-values-a-number"
    assert kb.load("Sjöbo", vintage="skr-2025-report").vintage == "skr-2025-report (2025)"


def test_the_packaged_file_itself_or_an_unchanged_copy_may_carry_its_name(tmp_path):
    packaged = resources.files("kommunbudget") / "data" / "files" / "vintages" / "skr-2025-report.toml"
    copy = tmp_path / "copy.toml"
    copy.write_bytes(packaged.read_bytes())
    assert vintages.load_vintage(copy).name == "skr-2025-report"
    assert vintages.get_vintage(str(copy)).series == vintages.get_vintage("skr-2025-report").series


def test_a_vintage_object_under_a_packaged_name_with_other_figures_is_refused():
    other = vintages.parse_vintage(GOOD.replace('name = "test-values-a-number"', 'name = "skr-2025-report"'),
                                   "mine.toml")
    with pytest.raises(ValueError, match=r"^vintage mine.toml \(skr-2025-report\): vintage name 'skr-2025-report' is "
                                         r"used twice: .*rename this one"):
        kb.load("Sjöbo", vintage=other)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_vintage_file_in_latin_1_is_refused_naming_the_byte(tmp_path, encoding):
    text = GOOD.replace("test figures", "Sjöbo's figures")
    data = text.encode(encoding)
    position = data.index("ö".encode(encoding))  # derived: the first byte that is not UTF-8
    line = text[:text.index("ö")].count("\n") + 1
    path = tmp_path / "latin.toml"
    path.write_bytes(data)
    with pytest.raises(ValueError) as info:
        vintages.load_vintage(path)
    assert str(info.value) == (f"vintage {path}: the file is not UTF-8 text (byte 0xF6 at position {position}, line "
                               f"{line}; in Latin-1 or Windows-1252 it is 'ö'); save it as UTF-8")
    assert path.read_bytes() == data


@pytest.mark.parametrize("encoding, detail", [
    ("utf-16", "it starts with the UTF-16 byte-order mark 0xFF 0xFE; it looks like UTF-16 text"),
    ("utf-16-le", "byte 0x00 at position 1, line 1; a text file holds no NUL bytes: it looks like UTF-16 text"),
])
def test_a_vintage_file_in_utf_16_is_refused(tmp_path, encoding, detail):
    path = tmp_path / "utf16.toml"
    path.write_bytes(GOOD.encode(encoding))
    with pytest.raises(ValueError) as info:
        vintages.load_vintage(path)
    assert str(info.value) == f"vintage {path}: the file is not UTF-8 text ({detail}); save it as UTF-8"


def test_a_vintage_file_with_a_utf_8_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(GOOD.encode("utf-8-sig"))
    assert vintages.load_vintage(path).series["tax_base_growth"].values == {2025: 0.045}
    assert vintages.parse_vintage("\ufeff" + GOOD).name == "test-values-a-number"
