"""What the balanced-budget block says that its rows alone would leave silent (docs/model.md §16): a given withdrawal
from the result reserve above the balance, deficits from before the base year already overdue, an opening reserve
above the 5 % cap; and the base-year sources' flags and markers as words. Figures: Sjöbo's Budget 2024
(finansiellinfo.se/Sjobo/Budget-2024: Årets resultat −26.1, Medel från RUR 7.5, Balanskravsresultat −18.6;
Skatteintäkter 995.3, Generella statsbidrag och utjämning 327.0), derivations by hand in the comments (KL 11 kap.
12 och 14 §§)."""
from __future__ import annotations

import dataclasses

import pytest

from kommunbudget.baselines.adopted import embedded_figures
from kommunbudget.baselines.own_budget import build_baseline
from kommunbudget.baselines.vintages import DEFAULT_VINTAGE, get_vintage
from kommunbudget.cli.balance import balance_notes
from kommunbudget.report.text import base_sources_text, source_value_word


def _sjobo(**changes):
    figures = dataclasses.replace(embedded_figures("1265", 2024), **changes)
    return build_baseline(figures, get_vintage(DEFAULT_VINTAGE), True).project(2027)


def test_sjobo_withdrawal_from_an_unknown_reserve_is_said(cli):
    # The budget withdraws 7.5 in 2024; the opening balance is not in the budget (a default of 0): all 7.5 is beyond
    # the reserve. The balanced-budget result stays the budget's −26.1 + 7.5 = −18.6.
    status, out, err = cli.run("project", "Sjöbo", "--base-year", "2024", "--horizon", "2027", "--details")
    assert status == 0, err
    flat = " ".join(out.split())
    assert ("the budget withdraws 7.5 MSEK in 2024 from a result reserve of 0.0 MSEK (opening balance not given: a "
            "default of 0.0 MSEK at the start of 2024); give 'Resultatreserv vid årets början'") in flat
    row = next(r for r in out.splitlines() if r.startswith("Withdrawn beyond the reserve"))
    assert row.split()[-4:] == ["7.5", "0.0", "0.0", "0.0"]
    doc = cli.json("project", "Sjöbo", "--base-year", "2024", "--horizon", "2027")
    assert doc["balance_requirement"]["reserve_overdrawn"][0] == pytest.approx(7.5)
    assert doc["balance_requirement"]["balanced_budget_result"][0] == pytest.approx(-18.6, abs=0.05)
    assert any("withdraws 7.5 MSEK in 2024" in note for note in doc["notes"])
    solved = cli.json("solve", "Sjöbo", "--base-year", "2024", "--horizon", "2027", "--no-what-moves")
    assert any("withdraws 7.5 MSEK in 2024" in note for note in solved["notes"])


def test_a_given_opening_reserve_too_small_is_said_with_its_balance():
    # Opening balance 5: 7.5 − 5 = 2.5 beyond it, the reserve ends at 0; the result keeps the budget's −18.6.
    p = _sjobo(opening_reserve_msek=5.0)
    assert p.line("reserve_overdrawn")[0] == pytest.approx(2.5)
    assert p.line("reserve_balance")[0] == 0.0
    assert p.line("balanced_budget_result")[0] == pytest.approx(-18.6, abs=0.05)
    notes = balance_notes(p)
    assert len(notes) == 1
    assert "withdraws 7.5 MSEK in 2024 from a result reserve of 5.0 MSEK" in notes[0]
    assert "2.5 MSEK more than the reserve holds" in notes[0]
    # 10 is enough: 2.5 left, nothing to say.
    enough = _sjobo(opening_reserve_msek=10.0)
    assert enough.line("reserve_overdrawn")[0] == 0.0 and balance_notes(enough) == []


@pytest.mark.parametrize("origin", [2021, 2005])
def test_deficits_from_before_the_base_year_follow_one_rule(origin):
    # 10 not restored: of 2021 it falls due in 2024; of 2005 it was due in 2008 (overdue at the start). Either way
    # 2024 (balanced-budget result −18.6) restores nothing: restoration due 10, restored 0, a breach of 10 in 2024.
    p = _sjobo(opening_deficits={origin: 10.0}, opening_reserve_msek=7.5)
    assert p.line("restoration_required")[0] == pytest.approx(10.0)
    assert p.line("deficit_restored")[0] == 0.0
    assert p.line("deficit_breach")[0] == pytest.approx(10.0)
    overdue = [n for n in balance_notes(p) if n.startswith("Overdue deficit")]
    if origin == 2005:
        assert overdue and "the deficit of 2005 (10.0 MSEK not restored) was due in 2008, before 2024" in overdue[0]
    else:
        assert overdue == []


def test_a_deficit_before_2000_is_refused_naming_the_field():
    with pytest.raises(ValueError, match=r"opening_deficits\[0\]\.year = 1990.*\[2000"):
        _sjobo(opening_deficits={1990: 10.0})


def test_an_opening_reserve_above_the_cap_is_flagged():
    # 5 % of 995.3 + 327.0 = 1322.3 is 66.115: an opening balance of 100 is above it (66.1), one of 60 is not.
    notes = balance_notes(_sjobo(opening_reserve_msek=100.0))
    assert any("opening balance 100.0 MSEK is above 5 % of 2024's tax revenue and general grants (66.1 MSEK of "
               "1,322.3" in n for n in notes)  # thousands grouped, as every number of the text
    assert not any("above its cap" in n for n in balance_notes(_sjobo(opening_reserve_msek=60.0)))


def test_base_year_sources_show_words_for_flags_and_markers(cli):
    status, out, err = cli.run("project", "Sjöbo", "--base-year", "2024", "--horizon", "2027", "--details")
    assert status == 0, err
    flat = " ".join(out.split())
    assert "capital.opening_debt_msek not given" in flat
    assert "balance_requirement.negative_equity no" in flat
    assert "capital.opening_debt_msek -1.0" not in flat and "negative_equity 0.0" not in flat
    assert "False:" not in flat and "(−1:" not in flat
    # JSON keeps the numbers.
    doc = cli.json("project", "Sjöbo", "--base-year", "2024", "--horizon", "2027")
    values = {r["field"]: r["value"] for r in doc["base_year_sources"]}
    assert values["capital.opening_debt_msek"] == -1.0
    assert values["balance_requirement.negative_equity"] == 0.0


def test_source_value_word():
    assert source_value_word("balance_requirement.negative_equity", 1.0) == "yes"
    assert source_value_word("balance_requirement.negative_equity", 0.0) == "no"
    assert source_value_word("capital.opening_debt_msek", -1.0) == "not given"
    assert source_value_word("capital.opening_debt_msek", 450.0) is None
    text = base_sources_text([{"field": "capital.opening_debt_msek", "value": 450.0, "kind": "data", "source": "s"}],
                             2024)
    assert "capital.opening_debt_msek 450.0" in text
