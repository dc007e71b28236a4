"""The text output of solve, compare, explain-revenue, revenue-table, benchmark, vintages, datasets and checklist
(issue 12): in Swedish with ``--language sv`` (every heading Swedish, numbers as Swedish budgets write them), the
answer first and the rest behind ``--details`` (solve, compare), tables laid out for the terminal's width and never
cut.

Expected Swedish numbers are written here from the JSON of the same run with a formatter of this file
(:func:`sv`: a decimal comma, a space between thousands, the minus sign U+2212), never with the package's own
formatting; the fixed Swedish words are written out by hand.
"""
from __future__ import annotations

import pytest

from kommunbudget.report.i18n import catalogue
from kommunbudget.report.what_moves_text import KIND_WORDS, VARIANT_PHRASES, variant_words

MINUS = "\u2212"


def sv(value: float, decimals: int = 1, signed: bool = False) -> str:
    """A number as Swedish budgets print it, written without babel: ``1 333,8``, ``−18,6``, ``+2 468``."""
    text = f"{abs(value):,.{decimals}f}".replace(",", " ").replace(".", ",")
    if round(value, decimals) == 0:
        return text
    return (MINUS if value < 0 else "+" if signed else "") + text


def flat(text: str) -> str:
    """The text with every run of spaces, no-break spaces and line breaks as one space (paragraphs wrap)."""
    return " ".join(text.split())


#: The commands and their arguments, with ``--details`` where the command has it.
COMMANDS = {
    "solve": ["solve", "Sjöbo", "--horizon", "2030"],
    "compare": ["compare", "Sjöbo", "--horizon", "2030"],
    "explain-revenue": ["explain-revenue", "Sjöbo"],
    "revenue-table": ["revenue-table"],
    "benchmark": ["benchmark", "Sjöbo"],
    "vintages": ["vintages", "--compare", "skr-2025-report", "government-uprating-2024-09", "--municipality",
                 "Sjöbo", "--horizon", "2028", "--no-plan-growth"],
    "datasets": ["datasets"],
    "checklist": ["checklist", "sjobo_before_tax_rise"],
}
DETAILS = ("solve", "compare")

#: English headings and labels each command shows, none of which may remain in its Swedish output.
ENGLISH = {
    "solve": ["Sustained change from", "Required tax rate", "Shortfall against each target", "Income used for",
              "Tax rate in the projection", "change, öre", "More with --details",
              "Balanced-budget requirement over the years",
              "Assumptions for the projection years", "What moves the answer", "Decided own rates", "Vintage ",
              "inhabitants (31 December 2024):", "at low", "swing", "a year 2028", "Notes\n"],
    "compare": ["Target:", "Tax rise from", "Efficiency from", "Household cost", "Conclusion:", "Per year",
                "Result, MSEK", "Meets the target", "Tax rise: revenue", "Efficiency: saving", "More with --details",
                "Assumptions for the projection years", "Decided own rates"],
    "explain-revenue": ["Revenue bridge", "Marginal effects", "In words", "Tax base check", "\nSources\n",
                        "1 öre on the rate raises", "revenue explained", "brings in", "per inhabitant, kr",
                        "Notes\n"],
    "revenue-table": ["Revenue of all", "Columns:", "\nSources\n", "equal.", "kr/inh"],
    "benchmark": ["net cost by service area", "Columns:", "Peers (", "\nSources\n", "NKA gap   ", "compulsory_school",
                  "Notes\n"],
    "vintages": ["assumption vintages", "What changed", "Effect on", "(published", "Result for the year"],
    "datasets": ["embedded data", "Data sets (", "Baselines (", "PKV vintages (", "base year", "labour cost",
                 " rows"],
    "checklist": ["Before raising the tax", "Modelled by a lever", "Tested by this scenario", "Question:", "How:",
                  "Measures:", "(not modelled)", "Goal steering"],
}

#: Swedish headings and labels each command must show (written by hand).
SWEDISH = {
    "solve": ["skattesats som krävs", "Varaktig ändring från 1 januari 2027", "Skattesats som krävs, kr per 100 kr",
              "Underskott mot varje mål", "Skattesats i framskrivningen", "framskr.", "mnkr",
              "Balanskravet år för år, mnkr", "Antaganden för framskrivningsåren 2025–2030",
              "Vad som flyttar svaret", "vid lågt", "utslag", "1 år efter basåret 2024", "19 337 invånare"],
    "compare": ["höja skatten eller effektivisera", "Mål: resultat ≥ 2 % av skatter och generella statsbidrag",
                "Skattehöjning från 1 januari 2027", "Effektivisering från 2027", "Slutsats:",
                "Per år: utgångsläget, skattehöjningen och effektiviseringen", "Årets resultat, mnkr", "Når målet",
                "utgångsläge", "nej", "ja", "Antaganden för framskrivningsåren"],
    "explain-revenue": ["intäkterna förklarade", "Intäktsbrygga, mnkr", "Inkomstutjämning", "Marginaleffekter",
                        "I ord", "Avstämning av skatteunderlaget, 2024", "Källor", "den länsvisa skattesatsen",
                        "Skatteunderlag (mnkr)"],
    "revenue-table": ["Intäkterna i alla 290 kommuner, budgetår 2024", "Kolumner:", "Källor", "kr/inv",
                      "utjämning"],
    "benchmark": ["nettokostnad per verksamhet", "Kolumner:", "Liknande kommuner (23", "Källor", "gymnasieskola",
                  "NKA-skillnad"],
    "vintages": ["årgångar av antaganden", "Vad som ändrats från", "Effekt för Sjöbo (1265)", "Årets resultat"],
    "datasets": ["inbäddade data", "Datamängder (", "Utgångslägen (", "Sjöbo (1265), basår 2024", "PKV-årgångar",
                 "personalkostnad"],
    "checklist": ["Innan skatten höjs: 19 saker att pröva", "Prövade av detta scenario:", "Fråga:", "Åtgärder:",
                  "prövad", "(inte modellerad)"],
}


def _run(cli, monkeypatch, name: str, *extra: str, columns: int = 100) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    status, out, err = cli.run(*COMMANDS[name], *extra)
    assert status == 0, err
    return out


@pytest.mark.parametrize("name", list(COMMANDS))
def test_swedish_output_has_swedish_headings_and_no_english_ones(cli, monkeypatch, name):
    details = ["--details"] if name in DETAILS else []
    out = _run(cli, monkeypatch, name, "--language", "sv", *details)
    text = flat(out)
    for words in SWEDISH[name]:
        assert flat(words) in text, words
    for words in ENGLISH[name]:
        assert words not in out, words
    if name == "compare":  # yes/no in Swedish
        row = next(line for line in out.splitlines() if line.startswith("Når målet"))
        assert row.split()[-1] in ("ja", "nej"), row


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize("language", ["en", "sv"])
def test_lines_keep_to_the_width_and_tables_are_never_cut(cli, monkeypatch, name, columns, language):
    details = ["--details"] if name in DETAILS else []
    out = _run(cli, monkeypatch, name, "--language", language, *details, columns=columns)
    too_long = [line for line in out.splitlines() if len(line) > columns]
    assert not too_long, too_long[:3]
    assert "\\" not in out  # no pandas continuation of a table too wide
    assert "…" not in out  # no cell or label shortened


def test_solve_in_swedish_prints_the_numbers_of_its_json(cli, monkeypatch):
    doc = cli.json(*COMMANDS["solve"])
    text = flat(_run(cli, monkeypatch, "solve", "--language", "sv"))
    # the sustained change for 2 % (öre, exact) and its household cost, signed; the income used
    assert sv(doc["sustained_change_ore"]["result_share_2pct"], signed=True) in text
    assert sv(doc["household_cost"]["result_share_2pct"], 0, signed=True) in text
    assert f"{sv(doc['summary']['household_income'], 0)} kr per år" in text
    # the balanced-budget requirement's shortfall in 2024 (−18.6 result, no restoration due: +18.6 short) and the
    # current rate 20.92
    assert sv(doc["target_gap"]["balanced_budget_result"][0], signed=True) in text
    assert sv(doc["required_tax_rate"]["current"][0], 2) in text
    assert "1,656.2" not in text and "20.92" not in text  # one number format: no English numbers


def test_compare_in_swedish_prints_the_numbers_of_its_json(cli, monkeypatch):
    doc = cli.json(*COMMANDS["compare"])
    text = flat(_run(cli, monkeypatch, "compare", "--language", "sv"))
    assert sv(doc["comparison"]["baseline_result"][0]) in text  # −26,1 (Sjöbo's budget 2024)
    assert sv(doc["comparison"]["baseline_balanced_budget_result"][0]) in text  # −18,6
    assert f"{sv(doc['summary']['efficiency_rate'] * 100, 2)} % av nettokostnaderna" in text
    assert f"{sv(doc['summary']['household_cost'], 0)} kr per år" in text
    k = doc["years"].index(2030)
    assert sv(doc["comparison"]["efficiency_saving_ore"][k]) in text
    swedish = cli.json(*COMMANDS["compare"], "--language", "sv")
    assert swedish["conclusion"].startswith(f"En skattehöjning med {sv(doc['summary']['tax_change_ore'])} öre")
    assert swedish["summary"] == doc["summary"] and swedish["comparison"] == doc["comparison"]


def test_explain_revenue_in_swedish_prints_the_numbers_of_its_json(cli, monkeypatch):
    doc = cli.json(*COMMANDS["explain-revenue"])
    text = flat(_run(cli, monkeypatch, "explain-revenue", "--language", "sv"))
    assert sv(doc["revenue"]["tax_base"][0]) in text  # 4 757,6
    assert sv(doc["marginal_effects"]["equalisation_change_per_krona"][0] * 100) in text  # −19,7
    assert f"{doc['municipality']['name']} behåller {sv(doc['marginal_effects']['kept_per_krona'][0] * 100)} öre" \
        in text
    assert sv(doc["revenue"]["own_tax_capacity"][0], 0) in text


def test_revenue_table_in_swedish_prints_the_numbers_of_its_json(cli, monkeypatch):
    doc = cli.json(*COMMANDS["revenue-table"])
    out = _run(cli, monkeypatch, "revenue-table", "--language", "sv", columns=200)
    first = doc["municipalities"][0]  # sorted by code
    row = next(line for line in out.splitlines() if line.startswith(f"{first['code']} {first['name']}"))
    cells = flat(row)
    for value, decimals, signed in ((first["one_ore_msek"], 2, False), (first["tax_rate"], 2, False),
                                    (first["income_equalisation_kr_per_inhabitant"], 0, True)):
        assert sv(value, decimals, signed) in cells, value
    assert sum(1 for line in out.splitlines() if line[:4].isdigit()) == 290  # one table at 200 columns


def test_benchmark_in_swedish_prints_the_numbers_of_its_json(cli, monkeypatch):
    doc = cli.json(*COMMANDS["benchmark"])
    text = flat(_run(cli, monkeypatch, "benchmark", "--language", "sv", columns=200))
    areas = {r["area"]: r for r in doc["areas"]}
    assert sv(areas["total"]["net_cost_msek"]) in text  # 1 333,8
    assert sv(areas["preschool"]["nka_percent"], 2) in text  # −1,54
    assert sv(areas["upper_secondary_school"]["net_cost_kr_per_inhabitant"], 0) in text


def test_vintages_in_swedish_prints_the_numbers_of_its_json(cli, monkeypatch):
    doc = cli.json(*COMMANDS["vintages"])
    text = flat(_run(cli, monkeypatch, "vintages", "--language", "sv"))
    assert sv(doc["compare"]["effect"]["result"][1], 2, signed=True) in text
    change = doc["compare"]["changes"][0]
    assert f"{sv(change['a'] * 100, 2)} % → {sv(change['b'] * 100, 2)} %" in text


def test_datasets_and_checklist_in_swedish_print_the_numbers_of_their_json(cli, monkeypatch):
    doc = cli.json("datasets")
    text = flat(_run(cli, monkeypatch, "datasets", "--language", "sv"))
    vintage = doc["pkv_vintages"][0]
    k = vintage["years"].index(2023)
    assert f"2023 {sv(vintage['labour_cost_change'][k] * 100)} {sv(vintage['other_cost_change'][k] * 100)}" in text
    doc = cli.json(*COMMANDS["checklist"])
    text = flat(_run(cli, monkeypatch, "checklist", "--language", "sv"))
    tested = [i for i in doc["items"] if i["tested"]]
    assert f"Prövade av detta scenario: {len(tested)} av 19." in text
    assert sv(tested[0]["worth_ore_sum"]) in text


def test_solve_and_compare_give_the_answer_first_and_the_rest_with_details(cli, monkeypatch):
    out = _run(cli, monkeypatch, "solve")
    order = [out.index(h) for h in ("Sustained change from 1 January 2027", "Required tax rate, kr per 100 kr",
                                    "Shortfall against each target")]
    assert order == sorted(order)
    for later in ("Balanced-budget requirement over the years", "Assumptions for the projection years",
                  "What moves the answer", "Notes\n"):
        assert later not in out, later
    assert flat(out).endswith("the notes (10 notes) and what moves the answer (each default at a low and a high "
                              "value).")
    full = _run(cli, monkeypatch, "solve", "--details")
    for later in ("Balanced-budget requirement over the years", "Assumptions for the projection years",
                  "What moves the answer", "Notes\n"):
        assert later in full, later
    assert "More with --details" not in full
    out = _run(cli, monkeypatch, "compare")
    assert out.index("Conclusion:") < out.index("Per year") and "Assumptions for the projection years" not in out
    assert "More with --details" in out
    assert "Assumptions for the projection years" in _run(cli, monkeypatch, "compare", "--details")


def test_english_output_groups_thousands_and_uses_en_dashes(cli, monkeypatch):
    out = _run(cli, monkeypatch, "benchmark", columns=200)
    assert "1,333.8" in out and "1 333,8" not in out
    out = _run(cli, monkeypatch, "compare")
    assert "every year 2027–2030" in flat(out)


def test_every_variant_phrase_and_kind_has_a_swedish_translation():
    words = catalogue("sv")
    missing = [p for p in (*VARIANT_PHRASES, *KIND_WORDS, "or", "to", "low", "high", "held",
                           " with the scenario's measures") if p not in words]
    assert not missing


def test_variant_words_in_swedish():
    assert variant_words("2.60 % a year 2028-2030 (default)", "sv") == "2,60\u00a0% per år 2028–2030 (standardvärde)"
    assert variant_words("−0.5 pp: 1.08 to 3.65 % a year", "sv") == "−0,5 p.e.: 1,08 till 3,65\u00a0% per år"
    assert variant_words("+1 % a year from 19,337 in 2027: 19,923 in 2030", "sv") == \
        "+1\u00a0% per år från 19\u00a0337 år 2027: 19\u00a0923 år 2030"
    assert variant_words("1.58 % a year 2028-2030 (default or rule)", "sv") == \
        "1,58\u00a0% per år 2028–2030 (standardvärde eller regel)"
    assert variant_words("held", "sv") == "oförändrat" and variant_words("low", "sv") == "lågt"
    assert variant_words("2.60 % a year 2028-2030 (default)", "en") == "2.60 % a year 2028–2030 (default)"
