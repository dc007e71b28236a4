"""Bad scenario files: one fixture per failure mode (tests/python/fixtures/bad_scenarios), each asserting its message.

Every fixture starts with header comment lines::

    # expect: <a substring of the message>   one or more; each must appear (plain text, not a regular expression)
    # stage: load | run                      load (default): scenarios.load_scenario raises;
                                             run: the file loads and scenarios.run raises
    # fix: <old> => <new>                    the one edit that makes the file valid ("\\n" in <new> is a newline)

followed by free comment lines describing the mistake (a line that looks like "# word:" is read as a header key
and must be one of the three). The fix proves a fixture fails for exactly one reason: with
it applied (to the text below the header) the scenario loads and runs. Each failure must raise ValueError whose
message contains every expected substring and names the file, and the attempt must leave the file's bytes unchanged.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from kommunbudget import scenarios

FIXTURES = Path(__file__).parent / "fixtures" / "bad_scenarios"
PATHS = sorted(FIXTURES.glob("*.toml"))
#: The directory must hold at least this many fixtures (a failed glob or a lost folder must not pass silently).
MIN_FIXTURES = 45
_HEADER_KEY = re.compile(r"#\s*([A-Za-z_-]+):\s?(.*)$")
_KEYS = {"expect", "stage", "fix"}
_STAGES = {"load", "run"}

#: Messages that do not name the file yet (scenarios.run calls Municipality.projector outside the block that adds
#: the file to the message). Strict: when the message is fixed the test fails until the entry is removed.
NAMES_FILE_GAPS: dict[str, str] = {}


@dataclass(frozen=True)
class Fixture:
    path: Path
    expect: tuple[str, ...]
    stages: tuple[str, ...]
    fixes: tuple[tuple[str, str], ...]
    unknown_keys: tuple[str, ...]
    header: tuple[str, ...]
    body: str

    @property
    def stage(self) -> str:
        return self.stages[0] if self.stages else "load"


def read_fixture(path: Path) -> Fixture:
    """The fixture's header (leading comment lines) and the TOML text below it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = 0
    while n < len(lines) and lines[n].startswith("#"):
        n += 1
    header = tuple(line.rstrip("\n") for line in lines[:n])
    expect: list[str] = []
    stages: list[str] = []
    fixes: list[tuple[str, str]] = []
    unknown: list[str] = []
    for line in header:
        match = _HEADER_KEY.match(line)
        if not match:
            continue  # a free comment line
        key, value = match.group(1), match.group(2).strip()
        if key not in _KEYS:
            unknown.append(line)  # e.g. a misspelt '# expected:' that would assert nothing
            continue
        if key == "expect":
            expect.append(value)
        elif key == "stage":
            stages.append(value)
        else:
            old, sep, new = value.partition(" => ")
            fixes.append((old, new.replace("\\n", "\n")) if sep else ("", ""))
    return Fixture(path=path, expect=tuple(expect), stages=tuple(stages), fixes=tuple(fixes),
                   unknown_keys=tuple(unknown), header=header, body="".join(lines[n:]))


@functools.cache
def failure(path: Path) -> tuple[str, bytes, bytes]:
    """The message of the failure at the fixture's stage, with the file's bytes before and after the attempt."""
    fixture = read_fixture(path)
    before = path.read_bytes()
    if fixture.stage == "run":
        scenarios.load_scenario(path)  # a run-stage fixture is a valid file: only running it fails
        with pytest.raises(ValueError) as info:
            scenarios.run(path)
    else:
        with pytest.raises(ValueError) as info:
            scenarios.load_scenario(path)
    return str(info.value), before, path.read_bytes()


def _param(path: Path, gaps: dict[str, str] | None = None):
    reason = (gaps or {}).get(path.stem)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("path", [_param(p) for p in PATHS])
def test_fails_at_its_stage_with_the_expected_message_and_leaves_the_file_alone(path):
    fixture = read_fixture(path)
    message, before, after = failure(path)
    missing = [e for e in fixture.expect if e not in message]
    assert not missing, f"{path.name}: expected {missing} in the message:\n{message}"
    assert after == before, f"{path.name} was modified by loading or running it"


@pytest.mark.parametrize("path", [_param(p, NAMES_FILE_GAPS) for p in PATHS])
def test_message_names_the_file(path):
    message, _, _ = failure(path)
    assert path.name in message, f"the message does not name {path.name}:\n{message}"


@pytest.mark.parametrize("path", [_param(p) for p in PATHS])
def test_the_fix_makes_the_file_valid_so_it_fails_for_one_reason(path):
    fixture = read_fixture(path)
    assert len(fixture.fixes) == 1, f"{path.name}: expected exactly one '# fix: <old> => <new>' line"
    (old, new), = fixture.fixes
    assert old and old in fixture.body, f"{path.name}: the fix's {old!r} is not in the file"
    fixed = scenarios.parse(fixture.body.replace(old, new, 1), f"{path.stem}-fixed.toml")
    result = scenarios.run(fixed)  # raises if anything else is wrong with the file
    assert list(result.measure_effects.index) == [m.name for m in fixed.measures]


def test_every_fixture_declares_what_it_expects():
    assert FIXTURES.is_dir(), f"{FIXTURES} is missing"
    assert len(PATHS) >= MIN_FIXTURES, f"expected at least {MIN_FIXTURES} fixtures in {FIXTURES}, found {len(PATHS)}"
    others = sorted(p.name for p in FIXTURES.iterdir() if p.suffix != ".toml")
    assert not others, f"files that are not .toml fixtures (and so are never tested): {others}"
    assert set(NAMES_FILE_GAPS) <= {p.stem for p in PATHS}, "a known gap names a fixture that does not exist"
    problems = []
    for path in PATHS:
        fixture = read_fixture(path)
        if not fixture.header or not fixture.header[0].startswith("# expect: "):
            problems.append(f"{path.name}: the first line is not '# expect: <substring>'")
        if not fixture.expect or any(len(e) < 8 for e in fixture.expect):
            problems.append(f"{path.name}: every '# expect:' needs a distinctive substring (8 characters or more)")
        if len(fixture.stages) > 1 or fixture.stage not in _STAGES:
            problems.append(f"{path.name}: expected at most one '# stage:' of {sorted(_STAGES)}")
        if len(fixture.fixes) != 1 or not all(old for old, _ in fixture.fixes):
            problems.append(f"{path.name}: expected exactly one '# fix: <old> => <new>' line")
        problems += [f"{path.name}: unknown header key in {line!r}; expected one of {sorted(_KEYS)}"
                     for line in fixture.unknown_keys]
    assert not problems, "\n".join(problems)
