"""What the terminal shows (issue 12): the answer first, the rest behind --details, Swedish throughout with
--language sv, tables laid out for the terminal's width. Expected Swedish numbers are written here by hand from the
JSON of the same run (babel's sv_SE: a no-break space between thousands, a decimal comma, the minus sign U+2212)."""
from __future__ import annotations

import pytest

SV_MINUS = "\u2212"
NBSP = "\u00a0"


def swedish(value: float, decimals: int = 1) -> str:
    """A number as Swedish budgets print it, derived by hand: 1656.24 -> '1 656,2', -18.6 -> '−18,6'."""
    text = f"{abs(value):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return (SV_MINUS if round(value, decimals) < 0 else "") + text


ENGLISH_HEADINGS = ("Income statement", "Balanced-budget requirement and targets", "Tax needed", "inhabitants",
                    "Years:", "More with --details", "Result for the year", "MSEK", "proj.")


def test_project_in_swedish_is_swedish_throughout(cli):
    doc = cli.json("project", "Sjöbo", "--horizon", "2030")
    status, out, err = cli.run("project", "Sjöbo", "--horizon", "2030", "--language", "sv")
    assert status == 0, err
    assert out.startswith(f"Sjöbo (1265), Skåne län, 19{NBSP}337 invånare (31 december 2024): resultaträkning, "
                          f"2024\u20132030\n")
    for heading in ("Resultaträkning, mnkr", "Balanskrav och mål", "Skatt som behövs", "Mer med --details", "framskr."):
        assert heading in out, heading
    for english in ENGLISH_HEADINGS:
        assert english not in out, english
    bbr = doc["statement"]["balanced_budget_result"]
    costs = doc["statement"]["operating_costs"]
    assert swedish(bbr[0]) in out and swedish(bbr[0]) == f"{SV_MINUS}18,6"  # Sjöbo's budget 2024
    assert swedish(costs[0]) == f"{SV_MINUS}1{NBSP}656,2" and swedish(costs[0]) in out
    need = doc["tax_needed"]["targets"]["result_share_2pct"]
    assert swedish(need["change_ore"]).join(["+", ""]) in out


def test_project_shows_the_answer_first_and_the_rest_with_details(cli):
    status, short, err = cli.run("project", "Sjöbo", "--horizon", "2030")
    assert status == 0, err
    status, long, err = cli.run("project", "Sjöbo", "--horizon", "2030", "--details")
    assert status == 0, err
    for behind in ("Revenue bridge", "Assumptions for the projection years", "Base year 2024: figures and sources",
                   "Notes"):
        assert behind not in short and behind in long, behind
    assert short.index("Income statement") < short.index("Balanced-budget requirement and targets") < short.index(
        "Tax needed")
    assert len(short.splitlines()) < 80 < len(long.splitlines())


def test_the_tax_needed_in_project_equals_the_scenario_commands_answer(cli):
    """project's answer and scenario's 'without measures' are the same computation from two commands: the sustained
    change from the first undecided year (2027) that meets 2 % in every year to 2030."""
    project = cli.json("project", "Sjöbo", "--base-year", "2024", "--horizon", "2030")
    scenario = cli.json("scenario", "sjobo_before_tax_rise")
    assert project["tax_needed"]["from_year"] == 2027
    assert project["tax_needed"]["targets"]["result_share_2pct"]["change_ore"] == pytest.approx(
        scenario["tax_needed"]["without measures"]["change_ore"], abs=1e-9)


def test_scenario_in_swedish_with_details(cli):
    status, out, err = cli.run("scenario", "sjobo_before_tax_rise", "--language", "sv", "--details")
    assert status == 0, err
    for heading in ("Utgångsläge och scenario", "Vad varje åtgärd tillför resultatet", "Brygga 2030 per åtgärd",
                    "Brygga 2030 per resultatrad", "Från basårets resultat till 2030, per drivkraft",
                    "sparat ekonomiskt bistånd, mnkr", "Höja skatten i stället?", "utan åtgärder"):
        assert heading in out, heading
    for english in ("Baseline and scenario", "What each measure adds", "Bridge 2030", "assistance saved",
                    "Raise the tax instead", "without measures", "other_general_grants"):
        assert english not in out, english


def test_uncertainty_in_swedish(cli):
    status, out, err = cli.run("uncertainty", "sjobo_before_tax_rise", "--draws", "2000", "--no-progress",
                               "--language", "sv")
    assert status == 0, err
    assert "Sannolikhet per år (andel av dragningarna)" in out and "en höjning behövs i" in out
    assert "Probability per year" not in out and "a rise is needed" not in out


@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize("args", [("project", "Sjöbo", "--horizon", "2034"), ("project", "Ystad", "--language", "sv"),
                                  ("scenario", "sjobo_premises", "--language", "sv")])
def test_tables_fit_the_terminal_and_are_never_cut(cli, monkeypatch, columns, args):
    monkeypatch.setenv("COLUMNS", str(columns))
    status, out, err = cli.run(*args)
    assert status == 0, err
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "…" not in out and not any(line.endswith("\\") for line in lines)
