"""Helpers shared by the Python tests, as fixtures (no test module imports another).

Tests are grouped by the layer they exercise (``data/``, ``model/``, ``baselines/``, ``analysis/``,
``scenarios/``, ``report/``, ``cli/``; ``architecture/`` holds the import contract). Expected values come from the
published sources named next to them or from derivations written in the test, never from the code under test.
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kommunbudget.baselines import own_budget
from kommunbudget.cli.main import main
from kommunbudget.data.budget_figures import BudgetFigures, FigureSource

#: The repository's root folder.
ROOT = Path(__file__).resolve().parents[2]


def _refuse_constant(name: str):
    raise AssertionError(f"JSON holds {name}, which the format excludes")


class CliRunner:
    """Runs ``kommunbudget`` in-process (``main(argv)``) and checks what it printed."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys

    def run(self, *args: str) -> tuple[int, str, str]:
        """main(args): (exit status, stdout, stderr)."""
        status = main(list(args))
        out, err = self._capsys.readouterr()
        return status, out, err

    def json(self, *args: str) -> dict:
        """main(args + ``--format json``), which must succeed: the document, refusing NaN and infinities."""
        status, out, err = self.run(*args, "--format", "json")
        assert status == 0, err
        return json.loads(out, parse_constant=_refuse_constant)

    @staticmethod
    def clean_error(status: int, out: str, err: str, *fragments: str) -> None:
        """Exit status 2, nothing on stdout, one 'kommunbudget: error:' message without a traceback holding every
        fragment."""
        assert status == 2
        assert out == ""
        assert err.startswith("kommunbudget: error: ")
        assert "Traceback" not in err
        for fragment in fragments:
            assert fragment in err, (fragment, err)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """The command line in-process: ``cli.run(...)``, ``cli.json(...)``, ``cli.clean_error(...)``."""
    return CliRunner(capsys)


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository's root folder."""
    return ROOT


def json_of(*args: str) -> dict:
    """main() without capsys (for module-scoped fixtures): the JSON written with ``--out`` to a temporary file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.json"
        assert main([*args, "--format", "json", "--out", str(path)]) == 0
        return json.loads(path.read_text(encoding="utf-8"), parse_constant=_refuse_constant)


@pytest.fixture(scope="session")
def cli_json_of():
    """``json_of(*args)``: main() run without capsys, the JSON read back from an ``--out`` file (usable in
    module-scoped fixtures)."""
    return json_of


def lund_budget_items() -> dict[int, dict[str, float]]:
    """A made-up budget for Lund (1281, Skåne län): Budget 2025 with plan 2026-2027, MSEK with the statement's signs;
    plausible magnitudes, each year's totals summed from its lines (so the workbook's checks would pass)."""
    def year(income, costs, depreciation, tax, equalisation, cost_eq, regulation, fin_in, fin_out):
        note = {"utj_inkomstutjamning": equalisation, "utj_kostnadsutjamning": cost_eq, "utj_lss_utjamning": -35.0,
                "utj_regleringsbidrag_avgift": regulation, "utj_kommunal_fastighetsavgift": 310.0}
        grants = round(sum(note.values()), 1)
        net = round(income + costs + depreciation, 1)
        result = round(net + tax + grants + fin_in + fin_out, 1)
        return {"verksamhetens_intakter": income, "verksamhetens_kostnader": costs, "avskrivningar": depreciation,
                "verksamhetens_nettokostnader": net, "skatteintakter": tax,
                "generella_statsbidrag_och_utjamning": grants, "finansiella_intakter": fin_in,
                "finansiella_kostnader": fin_out, "arets_resultat": result, **note}

    return {2025: year(2150.0, -10480.0, -455.0, 7920.0, 820.0, 260.0, 95.0, 160.0, -190.0),
            2026: year(2210.0, -10890.0, -480.0, 8260.0, 860.0, 255.0, 70.0, 160.0, -215.0),
            2027: year(2270.0, -11300.0, -505.0, 8610.0, 900.0, 250.0, 45.0, 165.0, -240.0)}


def lund_budget(file: str = "lund.xlsx", **changes) -> BudgetFigures:
    """:func:`lund_budget_items` as BudgetFigures: the rate 21.24 (Lund's 2025 rate), about 132 000 inhabitants of
    1 November 2024, two committees as service areas."""
    fields = dict(
        municipality="Lunds kommun", budget_year=2025, year_kinds={2025: "budget", 2026: "plan", 2027: "plan"},
        items=lund_budget_items(), tax_rate={2025: 21.24, 2026: 21.24, 2027: 21.24},
        population={2025: 130_200.0, 2026: 131_600.0, 2027: 133_000.0}, population_date="2024-11-01",
        service_areas={"Barn- och skolnämnden": 4200.0, "Vård- och omsorgsnämnden": 3100.0},
        default_source=FigureSource(file), title="Budget 2025 med plan 2026-2027")
    fields.update(changes)
    return BudgetFigures(**fields)


@pytest.fixture(scope="session")
def lund_figures():
    """``lund_figures(file="lund.xlsx", **changes)``: the made-up Lund budget as BudgetFigures."""
    return lund_budget


def _fake_read_budget_file(path) -> BudgetFigures:
    """A stand-in for the budget file reader (kommunbudget.data.budget_file): a JSON file ``{"budget": "lund",
    "changes": {...}}`` gives :func:`lund_budget` with the changes (tax_rate and investments keys as text), citing
    the file."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such budget file")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["budget"] == "lund"
    changes = dict(doc.get("changes", {}))
    for key in ("tax_rate", "investments"):  # JSON writes the years as text
        if key in changes:
            changes[key] = {int(y): v for y, v in changes[key].items()}
    return lund_budget(path.name, **changes)


@pytest.fixture
def budget_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``budget_file(name="lund.json", **changes) -> Path``: writes a budget file that the (faked) budget file
    reader reads as the made-up Lund budget with ``changes``; the reader is replaced for the test."""
    monkeypatch.setattr(own_budget, "read_budget_file", _fake_read_budget_file)

    def write(name: str = "lund.json", folder: Path | None = None, **changes) -> Path:
        path = (folder or tmp_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"budget": "lund", "changes": changes}), encoding="utf-8")
        return path

    return write


# ----------------------------------------------------------------------------------------------------------------
# Swedish output: the English words that must not appear, and the scenarios the Swedish tests run
# ----------------------------------------------------------------------------------------------------------------

#: English words that must not appear in Swedish output: English function words and the package's English words that
#: are not Swedish words; ``not`` is left out (Swedish: a budget's note) as are words both languages write
#: (``budget``, ``plan``, ``data``, ``per``, ``total``, ``under``).
ENGLISH = frozenset("""
the and of to is are be was were been with without by for from at on into onto than then that this these those which
who whose what where when why how if or as an a it its their our your we you they he she
held hold holds none true false yes no default defaults derived given year years rate rates tax taxes growth grows
grow cost costs income grants grant change changes changed approximate baseline inhabitant inhabitants population
share result results target targets measure measures sheet cells vintage report rule rules equalisation national
capacity forecast assumption assumptions published embedded uprated uprating factor factors outcome over after before
every each only also both other others applied follows follow following implied adopted since until figure figures
source sources note notes low high kept keeps keep shown show shows used uses use MSEK bn SEK fee fees property
premises office depot school preschool compulsory elderly care home hall sports former empty probability
probabilities draws draw percentile mean error case cases step steps first last next previous county municipality
municipal planned per-inhabitant
""".split())


def english_words(text: str) -> list[str]:
    """The English words and identifiers of ``text``, in order.

    The rule for what is not read as a word (proper names, titles, files, figures): a token (text between spaces)
    that holds a digit, a slash, an ``@``, a URL, or a dot between letters (a file or module name: ``RULES.md``,
    ``skattekraft.csv``, ``kommunbudget.municipal_revenue``), or that starts with ``--`` (a command-line option), is a
    name, a reference or a figure and is not checked; a token with an underscore left after that is an identifier and
    is returned (the caller decides whether identifiers may appear), as is a word of :data:`ENGLISH` and an English
    possessive (``SKR's``).
    """
    found = []
    for raw in text.split():
        if raw.startswith("--") or re.search(r"\d|/|@|\w\.\w|https?:", raw):
            continue
        word = raw.strip("()[]{},;:.!?”“\"'«»–—-+−=×≈·%")
        if not word:
            continue
        if "_" in word or word.lower() in ENGLISH or word.endswith(("'s", "’s")):
            found.append(word)
    return found


@pytest.fixture(scope="session")
def english_words_of():
    """``english_words_of(text) -> list[str]``: the English words and identifiers of a text (see
    :func:`english_words` in ``tests/python/conftest.py`` for the rule)."""
    return english_words


#: A scenario on the approximate baseline (Ystad: no adopted budget embedded).
YSTAD_SCENARIO = """name = "Ystad: effektivisering i äldreomsorgen"
municipality = "Ystad"
horizon = 2029
description_sv = "Effektivisering med 1 % i äldreomsorgen från 2026."
description = "1 % efficiency in elderly care from 2026."

[[measures]]
name = "äldreomsorg 1 %"
kind = "efficiency"
from_year = 2026
rate = 0.01
cost_line = "elderly_care"
"""

#: A scenario on a budget file: the budget template's filled example (``budget.xlsx`` next to it).
OWN_BUDGET_SCENARIO = """name = "Egen budget: effektivisering"
budget = "budget.xlsx"
horizon = 2029
description_sv = "Effektivisering med 1 % från 2026."

[[measures]]
name = "effektivisering 1 %"
kind = "efficiency"
from_year = 2026
rate = 0.01
"""


@pytest.fixture(scope="session")
def swedish_cases(tmp_path_factory) -> dict[str, str]:
    """The baselines and scenarios the Swedish tests run, by name: ``sjobo_before_tax_rise`` and ``sjobo_premises``
    (the packaged examples), ``ystad`` (a scenario file on the approximate baseline), ``own_budget`` (a scenario file
    on a budget file) and ``budget`` (that budget file: the budget template's filled example for Sjöbo 2024, its
    ``Exempel`` sheets moved into the sheets that are read, its portfolio included)."""
    folder = tmp_path_factory.mktemp("swedish_cases")
    (folder / "ystad.toml").write_text(YSTAD_SCENARIO, encoding="utf-8")
    budget = folder / "budget.xlsx"
    assert main(["template", "--out", str(budget), "--municipality", "Sjöbo", "--budget-year", "2024"]) == 0
    book = load_workbook(budget)
    for name in [n for n in book.sheetnames if n.startswith("Exempel ")]:
        del book[name[len("Exempel "):]]
        book[name].title = name[len("Exempel "):]
    book.save(budget)
    (folder / "own.toml").write_text(OWN_BUDGET_SCENARIO, encoding="utf-8")
    return {"sjobo_before_tax_rise": "sjobo_before_tax_rise", "sjobo_premises": "sjobo_premises",
            "ystad": str(folder / "ystad.toml"), "own_budget": str(folder / "own.toml"), "budget": str(budget)}
