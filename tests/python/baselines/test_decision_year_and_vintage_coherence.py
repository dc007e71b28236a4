"""The decision year (decided own rates), the uprating factors of one ordinance, wage agreements from April, the
vintage file's new parts, its template and its age in the outputs. Expected values are the embedded data's figures
(skattesatser_kommun.csv, upprakningsfaktorer*.csv) or derived by hand below."""
from __future__ import annotations

import re

import pytest

from kommunbudget.baselines.revenue_inputs import carry_to_budget_year, uprating_ordinance
from kommunbudget.baselines.vintages import get_vintage, parse_vintage, vintage_age, vintage_template
from kommunbudget.data.decided_rates import decided_rate_notice, decided_tax_rates, first_undecided_year
from kommunbudget.model import core

# ---------------------------------------------------------------------------------------------------------------
# the decision year
# ---------------------------------------------------------------------------------------------------------------


def test_sjobo_rates_2025_and_2026_are_decided():
    # skattesatser_kommun.csv, Sjöbo (1265): 2024 20.92 (derived), 2025 20.92 (Skatteverket), 2026 20.92 (SCB)
    rates = decided_tax_rates("1265")
    assert {y: r.rate for y, r in rates.items()} == {2024: 20.92, 2025: 20.92, 2026: 20.92}
    assert rates[2025].basis == "published" and "Skatteverket" in rates[2025].source
    assert "SCB" in rates[2026].source


def test_first_undecided_year_follows_the_data_and_a_later_base_year():
    assert first_undecided_year("1265", 2024) == 2027  # 2024-2026 decided
    assert first_undecided_year("1265", 2026) == 2027
    assert first_undecided_year("1265", 2027) == 2028  # a later base year: the year after it
    assert first_undecided_year(None, 2024) == 2025  # no rates known: the year after the base year
    assert first_undecided_year("9999", 2024) == 2025


def test_a_change_in_a_decided_year_is_labelled():
    assert decided_rate_notice("1265", 2025).startswith("2025's rate was decided at 20.92")
    assert decided_rate_notice("1265", 2025).endswith("this changes a decided rate")
    assert decided_rate_notice("1265", 2027) is None


def test_solve_from_a_decided_year_only_when_asked_and_labelled(cli):
    doc = cli.json("solve", "Sjöbo", "--horizon", "2030", "--from-year", "2025")
    assert doc["summary"]["from_year"] == 2025
    assert doc["decision_year"]["changes_decided_rate"].startswith("2025's rate was decided at 20.92")
    status, out, err = cli.run("solve", "Sjöbo", "--horizon", "2030", "--from-year", "2025")
    assert status == 0, err
    assert "this changes a decided rate" in " ".join(out.split())
    default = cli.json("solve", "Sjöbo", "--horizon", "2030")
    assert default["summary"]["from_year"] == 2027
    assert "The first year whose rate is not yet decided is 2027" in " ".join(
        cli.run("solve", "Sjöbo", "--horizon", "2030")[1].split())


def test_a_horizon_before_the_first_undecided_year_is_refused_with_the_options(cli):
    status, out, err = cli.run("compare", "Sjöbo", "--horizon", "2026")
    cli.clean_error(status, out, err, "decided through 2026", "--horizon 2027", "--from-year 2025-2026")
    doc = cli.json("compare", "Sjöbo", "--horizon", "2026", "--from-year", "2026")
    assert doc["decision_year"]["changes_decided_rate"].startswith("2026's rate was decided at 20.92")


# ---------------------------------------------------------------------------------------------------------------
# uprating factors: one ordinance per budget year
# ---------------------------------------------------------------------------------------------------------------


def test_factors_come_from_the_budget_years_own_ordinance():
    # SFS 2024:669 for budget year 2025 (upprakningsfaktorer.csv): income year 2024 1.031, 2025 1.045.
    # 100 × 1.031 × 1.045 = 107.7395
    assert uprating_ordinance(2025)[:2] == ("2024:669", {2024: 1.031, 2025: 1.045})
    value, basis = carry_to_budget_year(100.0, 2023, 2025)
    assert value == pytest.approx(107.7395, abs=1e-9)
    assert basis.count("SFS 2024:669") == 2


def test_the_supplement_file_is_loaded_2004_and_2006():
    # upprakningsfaktorer_tillagg.csv: SFS 2003:590 (2004): 2003 1.050, 2004 1.035; SFS 2005:714 (2006): 2005 1.032,
    # 2006 1.045. 100 × 1.050 × 1.035 = 108.675; 100 × 1.032 × 1.045 = 107.844
    assert uprating_ordinance(2004) == ("2003:590", {2003: 1.050, 2004: 1.035}, "upprakningsfaktorer_tillagg.csv")
    assert carry_to_budget_year(100.0, 2002, 2004)[0] == pytest.approx(108.675, abs=1e-9)
    value, basis = carry_to_budget_year(100.0, 2004, 2006)
    assert value == pytest.approx(107.844, abs=1e-9)
    # the 2005 factor is 2006's ordinance's (1.032), not 2005's ordinance's (1.038) for the same income year
    assert "1.032" in basis and "1.038" not in basis


def test_a_missing_ordinance_is_an_error_not_a_mix():
    # Budget year 2024's ordinance (SFS 2023) is not in the data; before, 2023's factor came from SFS 2022:1422 and
    # 2024's from SFS 2024:669 (two ordinances).
    with pytest.raises(ValueError, match="ordinance of uprating factors for budget year 2024"):
        carry_to_budget_year(100.0, 2022, 2024)
    # explicit factors for budget year 2024 are taken (a user's input; figures here only for the arithmetic):
    # 100 × 1.05 × 1.03 = 108.15
    value, basis = carry_to_budget_year(100.0, 2022, 2024, factors={2023: 1.05, 2024: 1.03}, factors_source="mine")
    assert value == pytest.approx(108.15, abs=1e-9)
    assert "mine" in basis
    with pytest.raises(ValueError, match="income years 2023 and 2024"):
        carry_to_budget_year(100.0, 2022, 2024, factors={2024: 1.03})


# ---------------------------------------------------------------------------------------------------------------
# wage agreements from April
# ---------------------------------------------------------------------------------------------------------------


def test_april_agreements_overhang_by_hand():
    # SKR–Kommunal 2025 (RULES.md §6): 3.4 % 2025, 3.0 % 2026 from 1 April; 2024's agreement a stand-in 4.0 % (not
    # data). ¾ in the year, ¼ the next:
    #   2025 = ¼ × 0.040 + ¾ × 0.034 = 0.0100 + 0.0255 = 0.0355
    #   2026 = ¼ × 0.034 + ¾ × 0.030 = 0.0085 + 0.0225 = 0.0310
    avg = core.wage_agreement_averages(core.YearSeries("agreements", [2024, 2025, 2026], [0.040, 0.034, 0.030]), 4)
    assert (avg.first_year, avg.last_year) == (2025, 2026)
    assert avg.at(2025) == pytest.approx(0.0355, abs=1e-12)
    assert avg.at(2026) == pytest.approx(0.0310, abs=1e-12)


_BASE = get_vintage("skr-2025-report")


def _vintage_text(extra: str = "", national: str = "", labour_values: str = "{ 2022 = 0.027, 2023 = 0.066 }",
                  tax_values: str = "{}") -> str:
    return f'''name = "test-agreements"
published = "2025-04-29"
description = "test"
{extra}
[series.labour_cost_change]
unit = "fraction per year"
source = "test"
values = {labour_values}
tail = 0.026
tail_source = "test"
[series.other_cost_change]
unit = "fraction per year"
tail = 0.026
tail_source = "test"
[series.labour_weight]
unit = "fraction"
tail = 0.691
tail_source = "test"
[series.tax_base_growth]
unit = "fraction per year"
source = "test"
values = {tax_values}
tail = 0.04
tail_source = "test"
[series.national_tax_capacity_growth]
unit = "fraction per year"
follows = "tax_base_growth"
tail_source = "test"
{national}
'''


def test_a_vintage_with_april_agreements_gives_the_yearly_averages():
    v = parse_vintage(_vintage_text('wage_agreements = { 2024 = 0.040, 2025 = 0.034, 2026 = 0.030 }\n'
                                    'agreement_month = 4\nwage_agreements_source = "SKR–Kommunal 2025"\n'))
    labour = v.series["labour_cost_change"]
    assert labour.values[2025] == pytest.approx(0.0355, abs=1e-12)  # by hand above
    assert labour.values[2026] == pytest.approx(0.0310, abs=1e-12)
    assert labour.values[2023] == 0.066  # the given years stay
    assert labour.get(2027)[0] == 0.026  # the tail after the agreements
    assert labour.provenance[2025].kind == "derived" and "0.25 × 0.04 + 0.75 × 0.034" in labour.provenance[2025].source


def test_po_on_top_of_the_agreements_by_hand():
    # PO 40 % in 2025, 42 % in 2026: 2026 = (1 + 0.031) × 1.42 / 1.40 − 1 = 1.46402 / 1.40 − 1 = 0.045728...
    v = parse_vintage(_vintage_text('wage_agreements = { 2024 = 0.040, 2025 = 0.034, 2026 = 0.030 }\n'
                                    'agreement_month = 4\nwage_agreements_source = "x"\n'
                                    'social_charges_rate = { 2025 = 0.40, 2026 = 0.42 }\n'))
    assert v.series["labour_cost_change"].values[2026] == pytest.approx(1.46402 / 1.40 - 1, abs=1e-12)
    assert v.series["labour_cost_change"].values[2025] == pytest.approx(0.0355, abs=1e-12)  # PO 2024 not given: held


@pytest.mark.parametrize("extra, fragments", [
    ('wage_agreements = { 2025 = 3.4, 2026 = 0.030 }\nagreement_month = 4\nwage_agreements_source = "x"\n',
     ["wage_agreements.2025 = 3.4", "[-0.5, 0.5]", "did you mean 0.034?"]),
    ('wage_agreements = { 2025 = 0.034, 2026 = 0.030 }\nwage_agreements_source = "x"\n', ["needs agreement_month"]),
    ('wage_agreements = { 2025 = 0.034, 2026 = 0.030 }\nagreement_month = 13\nwage_agreements_source = "x"\n',
     ["agreement_month = 13", "[1, 12]"]),
    ('wage_agreements = { 2022 = 0.03, 2023 = 0.03 }\nagreement_month = 4\nwage_agreements_source = "x"\n',
     ["series.labour_cost_change.values.2023 and wage_agreements both give 2023"]),
    ('[final_settlement]\ncurrent_year = { 2025 = 150000 }\nsource = "x"\n',
     ["final_settlement.current_year.2025 = 150000", "kr per inhabitant"]),
    ('[uprating_factors.2025]\nsfs = "2024:669"\nfactors = { 2025 = 1.045 }\nsource = "x"\n',
     ["uprating_factors.2025.factors gives income years [2025]", "[2024, 2025]"]),
    ('[uprating_factors.2025]\nsfs = "2024:669"\nfactors = { 2024 = 3.1, 2025 = 1.045 }\nsource = "x"\n',
     ["uprating_factors.2025.factors.2024 = 3.1", "[0.8, 1.2]"]),
])
def test_bad_vintage_parts_are_named(extra, fragments):
    # tables go after the series; top-level keys before them
    text = _vintage_text(extra) if not extra.startswith("[") else _vintage_text(national=extra)
    with pytest.raises(ValueError) as info:
        parse_vintage(text)
    for fragment in fragments:
        assert fragment in str(info.value), (fragment, str(info.value))


def test_tax_base_growth_must_be_one_forecast_with_population():
    # (1 + 0.03) × (1 + 0.005) − 1 = 0.03515: a total of 0.035 is coherent (within 0.0005), 0.045 is not
    national = ('[national]\ntax_base_growth_per_inhabitant = { 2025 = 0.03 }\n'
                'national_population_growth = { 2025 = 0.005 }\nsource = "x"\n')
    v = parse_vintage(_vintage_text(national=national, tax_values="{ 2025 = 0.035 }"))
    assert v.national["national_population_growth"] == {2025: 0.005}
    with pytest.raises(ValueError, match=r"does not match .* = 0\.0352"):
        parse_vintage(_vintage_text(national=national, tax_values="{ 2025 = 0.045 }"))


def test_the_vintage_carries_its_uprating_ordinance_and_settlements():
    extra = ('[uprating_factors.2025]\nsfs = "2024:669"\nfactors = { 2024 = 1.031, 2025 = 1.045 }\n'
             'source = "upprakningsfaktorer.csv"\n[final_settlement]\nprevious_year = { 2025 = -120 }\n'
             'current_year = { 2025 = 80 }\nsource = "x"\n')
    v = parse_vintage(_vintage_text(national=extra))
    ordinance = v.uprating_factors[2025]
    value, _ = carry_to_budget_year(100.0, 2023, 2025, factors=ordinance.factors, factors_source=v.name)
    assert value == pytest.approx(107.7395, abs=1e-9)  # 100 × 1.031 × 1.045, as the embedded ordinance
    assert v.final_settlement == {"previous_year": {2025: -120.0}, "current_year": {2025: 80.0}}


# ---------------------------------------------------------------------------------------------------------------
# the template and the vintage's age
# ---------------------------------------------------------------------------------------------------------------


def _filled(template: str) -> str:
    lines = []
    for line in template.splitlines():
        if line.startswith("factors"):
            line = line.replace("nan", "1.03")
        elif line.startswith("national_population_growth"):
            line = line.replace("nan", "0.0")
        else:
            line = line.replace("nan", "0.03")
        line = re.sub(r'= ""(\s|$)', r'= "filled"\1', line)
        lines.append(line.replace("YYYY-MM-DD", "2025-04-29"))
    return "\n".join(lines)


def test_the_template_refuses_to_pass_unfilled_and_parses_filled():
    text = vintage_template("my-vintage", 2025)
    assert re.search(r"^published = \"YYYY-MM-DD\"", text, re.M)
    with pytest.raises(ValueError, match="published"):
        parse_vintage(text)
    with pytest.raises(ValueError, match="not a finite number"):
        parse_vintage(text.replace("YYYY-MM-DD", "2025-04-29"))
    v = parse_vintage(_filled(text))
    # (month 4) 2025 = ¼ × 0.03 + ¾ × 0.03 = 0.03, PO held (0.03 both years)
    assert v.series["labour_cost_change"].values[2025] == pytest.approx(0.03, abs=1e-12)
    assert v.uprating_factors[2025].factors == {2024: 1.03, 2025: 1.03}


def test_vintages_template_writes_a_new_file_only(cli, tmp_path):
    out = tmp_path / "my-vintage.toml"
    status, stdout, err = cli.run("vintages", "template", "--out", str(out))
    assert status == 0, err
    text = out.read_text(encoding="utf-8")
    assert "fraction per year" in text and "kr per inhabitant" in text and "agreement_month" in text
    status, stdout, err = cli.run("vintages", "template", "--out", str(out))
    cli.clean_error(status, stdout, err, "exists", "never replaces")


def test_vintage_age_against_the_base_year():
    assert vintage_age("skr-2025-report", "2025-04", 2024)["text"] == (
        "Vintage skr-2025-report, published 2025-04, 1 year after the base year 2024.")
    assert vintage_age("x", "2024-09-19", 2027)["years_after_base_year"] == -3
    assert "in the base year 2024" in vintage_age("x", "2024", 2024)["text"]


@pytest.mark.parametrize("command", ["project", "solve", "compare"])
def test_every_output_states_the_vintage_and_its_age(cli, command):
    doc = cli.json(command, "Sjöbo", "--horizon", "2030")
    assert doc["vintage_info"]["name"] == "skr-2025-report"
    assert doc["vintage_info"]["years_after_base_year"] == 1  # published 2025, base year 2024
    status, out, err = cli.run(command, "Sjöbo", "--horizon", "2030")
    assert "Vintage skr-2025-report, published 2025, 1 year after the base year 2024." in " ".join(out.split())


def test_the_scenario_output_states_the_vintage_age(cli):
    status, out, err = cli.run("scenario", "sjobo_premises")
    assert status == 0, err
    text = " ".join(out.split())
    assert "1 year after the base year 2024" in text
    assert "The sustained change from 2027 (the first year whose own rate is not yet decided)" in text
    assert _BASE.published == "2025"
