"""The derived kinds' yearly savings come from the core (gap_saving_msek, premises_target_saving_msek): the
amounts, written out here from the rule (gap × share closed; share × total premises cost), and the core's range
check on a total the file cannot check on load (a portfolio's)."""
from __future__ import annotations

import pytest

from kommunbudget import scenarios
from kommunbudget.scenarios.premises import portfolio_from_records

HEAD = 'name = "t"\nmunicipality = "Sjöbo"\nhorizon = 2028\n[[measures]]\nname = "m"\nstart_year = 2026\n'


def _property(i: int, running: float, depreciation: float) -> dict:
    return {"id": f"P {i}", "use": "school", "area_m2": 1000.0, "book_value_msek": 10.0, "market_value_msek": 12.0,
            "running_cost_msek": running, "depreciation_msek": depreciation, "vacancy": 0.0, "need_remains": False}


def test_nka_gap_saving_is_share_closed_of_the_gap():
    s = scenarios.parse(HEAD + 'kind = "nka_gap"\nnet_cost_msek = 250.0\nnet_cost_deviation_percent = 25.0\n'
                               'share_closed = 0.4\n')
    # gap = 250 × 25 / (100 + 25) = 50 MSEK; 0.4 of it = 20 MSEK.
    assert s.measures[0].to_core().amount_msek == pytest.approx(20.0, abs=1e-12)


def test_premises_target_saving_is_share_of_the_total():
    s = scenarios.parse(HEAD + 'kind = "premises_target"\ntotal_premises_cost_msek = 80.0\nshare = 0.125\n')
    core = s.measures[0].to_core()
    assert core.amount_msek == pytest.approx(10.0, abs=1e-12)  # 0.125 × 80
    assert core.labour_share == 0.0  # uprated as other consumption


PREMISES = ('[[premises]]\nid = "P 1"\nuse = "school"\narea_m2 = 1000.0\nbook_value_msek = 10.0\n'
            'market_value_msek = 12.0\nrunning_cost_msek = 3.0\ndepreciation_msek = 1.0\nvacancy = 0.0\n'
            'need_remains = false\n')


def test_premises_target_on_the_portfolio_total():
    s = scenarios.parse(HEAD + 'kind = "premises_target"\nshare = 0.1\n' + PREMISES)
    # The file's portfolio: running 3 + depreciation 1 = 4 MSEK; 0.1 of it = 0.4 MSEK.
    assert s.measures[0].to_core(s.premises).amount_msek == pytest.approx(0.4, abs=1e-12)
    # Another portfolio: (3 + 1) + (5 + 1) = 10 MSEK; 0.1 of it = 1 MSEK.
    portfolio = portfolio_from_records([_property(1, 3.0, 1.0), _property(2, 5.0, 1.0)])
    assert s.measures[0].to_core(portfolio).amount_msek == pytest.approx(1.0, abs=1e-12)


def test_a_portfolio_total_outside_the_cores_range_is_refused():
    # Eleven properties of 9 000 + 1 000 MSEK: 110 000 MSEK, above the core's 100 000 MSEK for a premises total.
    portfolio = portfolio_from_records([_property(i, 9000.0, 1000.0) for i in range(11)])
    s = scenarios.parse(HEAD + 'kind = "premises_target"\nshare = 0.1\n' + PREMISES, "big.toml")
    with pytest.raises(ValueError, match=r"total_premises_cost_msek = 110000 is outside the allowed range "
                                         r"\[0, 100000\]"):
        s.measures[0].to_core(portfolio)
