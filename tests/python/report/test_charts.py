"""The charts (``kommunbudget.report.plots``): titles and axis labels in English and Swedish, the plotted numbers
against the library's own figures (each computed here from the same library calls the chart is documented to draw),
the approximate-baseline mark for an approximate municipality (Ystad: no adopted budget in data/files, SCB data),
and PNG and SVG files that read back.

Expected texts are written out here; expected numbers come from the library's objects (the bridge, the tax need,
the tornado and the benchmark frames, the projections), never from the chart functions.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

import matplotlib
import numpy as np
import pytest

from kommunbudget.analysis.benchmark import benchmark
from kommunbudget.analysis.comparison import compare
from kommunbudget.analysis.sensitivity import tornado
from kommunbudget.analysis.uncertainty import uncertainty
from kommunbudget.baselines.load import load
from kommunbudget.model import core
from kommunbudget.model.targets import as_target
from kommunbudget.report import plots
from kommunbudget.scenarios import parse
from kommunbudget.scenarios.result import run

APPROX_EN = "APPROXIMATE BASELINE"
APPROX_SV = "UNGEFÄRLIGT UTGÅNGSLÄGE"

YSTAD_SCENARIO = """
name = "ystad"
municipality = "Ystad"
horizon = 2028
[[measures]]
name = "spara"
kind = "fixed_saving"
amount_msek = 10.0
start_year = 2026
[[measures]]
name = "effektivisera"
kind = "efficiency"
from_year = 2027
rate = 0.01
"""


@pytest.fixture(autouse=True)
def agg():
    """Files only, no window: the Agg backend (set before pyplot is first imported by a chart); every figure a
    test opened is closed after it."""
    matplotlib.use("Agg")
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(scope="module")
def sjobo_result():
    return run("sjobo_before_tax_rise")


@pytest.fixture(scope="module")
def ystad_result():
    return run(parse(YSTAD_SCENARIO, "ystad.toml"))


def _title(ax) -> str:
    return ax.get_title()


def _heights(container) -> np.ndarray:
    return np.array([p.get_height() for p in container.patches])


def _widths(container) -> np.ndarray:
    return np.array([p.get_width() for p in container.patches])


# --- result against target ------------------------------------------------------------------------------------------

def test_result_vs_target_numbers_and_texts():
    m = load("Sjöbo")
    p = m.project(2030)
    target = as_target("share:0.02")
    fig = plots.plot_result_vs_target(p, target)
    ax = fig.axes[0]
    assert _title(ax) == f"{m.label}: result against target"
    assert ax.get_ylabel() == "MSEK, nominal"
    np.testing.assert_allclose(_heights(ax.containers[0]), p.line("result"))
    np.testing.assert_allclose(_heights(ax.containers[1]), p.line("balanced_budget_result"))
    # the target line: the result each year needs, result + the core's gap
    np.testing.assert_allclose(ax.lines[0].get_ydata(),
                               p.line("result") + np.array(core.target_gap_msek(p.core, target)))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]  # matplotlib lists the lines first
    assert legend == ["Target: result >= 2.0 % of tax revenue and general grants", "Result for the year",
                      "Balanced-budget result"]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "2024\nbudget" and ticks[-1] == "2030\nprojection"

    sv = plots.plot_result_vs_target(p, target, language="sv").axes[0]
    assert _title(sv) == f"{m.label}: resultat mot målet"
    assert sv.get_ylabel() == "mnkr, löpande priser"
    assert [t.get_text() for t in sv.get_legend().get_texts()] == [
        "Mål: resultat ≥ 2 % av skatter och generella statsbidrag", "Årets resultat", "Balanskravsresultat"]
    assert [t.get_text() for t in sv.get_xticklabels()][-1] == "2030\nframskrivning"
    assert APPROX_EN not in _title(ax) and APPROX_SV not in _title(sv)


def test_result_vs_target_marks_an_approximate_baseline():
    ystad = load("Ystad")
    assert ystad.approximate  # no adopted budget in data/files: SCB data
    p = ystad.project(2027)
    fig = plots.plot_result_vs_target(p, as_target("share:0.02"))
    assert APPROX_EN in _title(fig.axes[0])
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()][0] == "2024\napproximate"
    sv = plots.plot_result_vs_target(p, as_target("share:0.02"), language="sv").axes[0]
    assert APPROX_SV in _title(sv)
    assert [t.get_text() for t in sv.get_xticklabels()][0] == "2024\nungefärlig"


def test_an_unknown_language_is_refused():
    p = load("Sjöbo").project(2026)
    with pytest.raises(ValueError, match="language = 'de'; expected 'en' or 'sv'"):
        plots.plot_result_vs_target(p, as_target("share:0.02"), language="de")


# --- the comparison -------------------------------------------------------------------------------------------------

def test_comparison_plots_what_differs():
    c = compare("Sjöbo", 2030)
    fig = plots.plot_comparison(c)
    left, right = fig.axes
    assert left.get_title() == f"{c.baseline.municipality.label}: raise the tax or make savings"
    assert left.get_ylabel() == "Result, MSEK"
    for line, p in zip(left.lines[:3], (c.baseline, c.tax, c.efficiency), strict=True):
        np.testing.assert_allclose(line.get_ydata(), p.line("result"))
    # the right panel: each case's result less its own target's required result (−gap), MSEK
    margins = [_heights(cont) for cont in right.containers[:3]]
    for got, p in zip(margins, (c.baseline, c.tax, c.efficiency), strict=True):
        np.testing.assert_allclose(got, -np.array(core.target_gap_msek(p.core, c.target)))
    # what differs: in the first year both measures are worth the same money, but the tax rise also raises the
    # target (2 % of a larger revenue), so the efficiency's margin is larger by 2 % of the tax change's revenue
    k = c.baseline.years.index(c.from_year)
    revenue = float(c.tax.line("tax_change_revenue")[k])
    assert revenue > 0
    assert margins[2][k] - margins[1][k] == pytest.approx(0.02 * revenue, rel=1e-6)
    assert right.get_ylabel() == "MSEK above the target"
    assert right.get_title() == "Result above (+) or below (−) each one's target"
    sv_left, sv_right = plots.plot_comparison(c, language="sv").axes
    assert sv_left.get_title() == f"{c.baseline.municipality.label}: höj skatten eller effektivisera"
    assert sv_left.get_ylabel() == "Årets resultat, mnkr"
    assert sv_right.get_ylabel() == "mnkr över målet"


# --- the fan chart --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fan_run():
    return uncertainty(load("Sjöbo"), 2028, target="balanced-budget", from_year=2027, draws=400, seed=7)


def test_fan_numbers_and_texts(fan_run):
    u = fan_run
    fig = plots.plot_fan(u, "balanced_budget_result")
    ax = fig.axes[0]
    fan = u.fan("balanced_budget_result", "without measures")
    np.testing.assert_allclose(ax.lines[0].get_ydata(), fan.loc["p50"])
    np.testing.assert_allclose(ax.lines[1].get_ydata(), fan.loc["deterministic"])
    assert ax.get_title().startswith(f"{u.label}: Balanced-budget result\n400 draws, seed 7; target ")
    assert ax.get_ylabel() == "MSEK"
    sv = plots.plot_fan(u, "balanced_budget_result", language="sv").axes[0]
    assert sv.get_title().startswith(f"{u.label}: Balanskravsresultat\n400 dragningar, slumpfrö 7; mål ")
    assert sv.get_ylabel() == "mnkr"
    assert [t.get_text() for t in sv.get_legend().get_texts()][2] == "utan åtgärder: median"
    share = plots.plot_fan(u, "result_share").axes[0]
    np.testing.assert_allclose(share.lines[0].get_ydata(), u.fan("result_share", "without measures").loc["p50"] * 100)
    assert share.get_ylabel() == "percent"
    assert APPROX_EN not in ax.get_title()


def test_fan_marks_an_approximate_baseline():
    u = uncertainty(load("Ystad"), 2027, target="balanced-budget", from_year=2027, draws=200, seed=1)
    assert APPROX_EN in plots.plot_fan(u).axes[0].get_title()
    assert APPROX_SV in plots.plot_fan(u, language="sv").axes[0].get_title()


# --- the waterfall --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("by", ["measure", "line"])
def test_waterfall_by_measure_or_line_is_the_bridge(sjobo_result, by):
    r = sjobo_result
    year = r.scenario.horizon
    bridge = r.bridge(year)
    rows = bridge[bridge["view"] == by]
    fig = plots.plot_waterfall(r, year, by=by)
    ax = fig.axes[0]
    heights = _heights(ax.containers[0])
    np.testing.assert_allclose(heights, rows["msek"].to_numpy())
    k = r.baseline.years.index(year)
    assert heights[0] == pytest.approx(float(r.baseline.line("result")[k]))
    assert heights[-1] == pytest.approx(float(r.projection.line("result")[k]))
    # each step floats on the running total: the last step ends at the scenario's result
    last_step = ax.containers[0].patches[-2]
    assert last_step.get_y() + last_step.get_height() == pytest.approx(heights[-1])
    label = r.municipality.label
    view = {"measure": "by measure", "line": "by statement line"}[by]
    assert ax.get_title() == f"{label}: from the baseline's result to the scenario's, {year}, {view}"
    assert ax.get_ylabel() == "MSEK, nominal"
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "Baseline result" and ticks[-1] == "Scenario result"
    if by == "measure":
        assert ticks[1:-1] == list(r.measure_effects.index)
    else:
        assert ticks[1] == "Tax revenue"
    sv = plots.plot_waterfall(r, year, by=by, language="sv").axes[0]
    sv_view = {"measure": "per åtgärd", "line": "per resultaträkningspost"}[by]
    assert sv.get_title() == f"{label}: från utgångslägets resultat till scenariots, {year}, {sv_view}"
    assert sv.get_ylabel() == "mnkr, löpande priser"
    sv_ticks = [t.get_text() for t in sv.get_xticklabels()]
    assert sv_ticks[0] == "Utgångslägets resultat" and sv_ticks[-1] == "Scenariots resultat"
    if by == "line":
        assert sv_ticks[1] == "Skatteintäkter"


def test_waterfall_by_driver(sjobo_result):
    r = sjobo_result
    year = r.scenario.horizon
    drivers = r.bridge_by_driver(year)
    ax = plots.plot_waterfall(r, year, by="driver").axes[0]
    heights = _heights(ax.containers[0])
    np.testing.assert_allclose(heights, drivers["msek"].to_numpy())
    k = r.projection.years.index(year)
    assert heights[-1] == pytest.approx(float(r.projection.line("result")[k]))
    assert heights[0] == pytest.approx(float(r.baseline.line("result")[0]))  # the base year's result
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "Base-year result" and ticks[-2:] == ["Measures", "Scenario result"]
    assert ax.get_title() == (f"{r.municipality.label}: from the base year's result ({r.baseline.years[0]}) to the "
                              f"scenario's, {year}, by driver")
    sv = plots.plot_waterfall(r, year, by="driver", language="sv").axes[0]
    assert [t.get_text() for t in sv.get_xticklabels()][:3] == ["Basårets resultat", "Övriga planerade belopp",
                                                                 "Pris (PKV)"]
    assert sv.get_title().endswith(f"{year}, per drivkraft")


def test_waterfall_marks_an_approximate_baseline(ystad_result):
    r = ystad_result
    ax = plots.plot_waterfall(r, 2028).axes[0]
    assert APPROX_EN in ax.get_title()
    bridge = r.bridge(2028)
    np.testing.assert_allclose(_heights(ax.containers[0]), bridge[bridge["view"] == "measure"]["msek"].to_numpy())
    assert APPROX_SV in plots.plot_waterfall(r, 2028, by="driver", language="sv").axes[0].get_title()


def test_waterfall_refuses_an_unknown_view(sjobo_result):
    with pytest.raises(ValueError, match="by = 'area'; expected 'measure', 'line' or 'driver'"):
        plots.plot_waterfall(sjobo_result, 2028, by="area")


# --- the tornado ----------------------------------------------------------------------------------------------------

def test_tornado_bars_are_the_frames_need_effects():
    m = load("Sjöbo")
    frame = tornado(m, 2030, 2030, "share:0.02", 2027, assumptions=["pkv", "tax_base", "population"])
    ax = plots.plot_tornado(frame, m).axes[0]
    np.testing.assert_allclose(_widths(ax.containers[0]), frame["need_effect_low_ore"].to_numpy())
    np.testing.assert_allclose(_widths(ax.containers[1]), frame["need_effect_high_ore"].to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == list(frame["assumption"])
    need = frame.attrs["baseline_need_ore"]
    assert ax.get_xlabel() == f"Tax need against the baseline's {need:+.1f} öre, öre"
    assert ax.get_title() == (f"{m.label}: what moves the tax need: result >= 2.0 % of tax revenue and general "
                              f"grants, from 2027")
    sv = plots.plot_tornado(frame, m, language="sv").axes[0]
    assert [t.get_text() for t in sv.get_yticklabels()] == list(frame["assumption_sv"])
    # Swedish numbers in a Swedish chart: a decimal comma (derived by hand from the need)
    expected = f"Skattebehov mot utgångslägets {need:+.1f} öre, öre".replace(".", ",").replace("-", "\u2212")
    assert sv.get_xlabel() == expected
    assert sv.get_title() == (f"{m.label}: vad som flyttar skattebehovet: resultat ≥ 2 % av skatter och generella "
                              f"statsbidrag, från 2027")


def test_tornado_marks_an_approximate_baseline():
    ystad = load("Ystad")
    frame = tornado(ystad, 2028, 2028, "share:0.02", 2027, assumptions=["pkv"])
    assert APPROX_EN in plots.plot_tornado(frame, ystad).axes[0].get_title()
    with pytest.raises(ValueError, match="tornado_frame"):
        plots.plot_tornado(frame.iloc[0:0], ystad)


# --- the tax need ---------------------------------------------------------------------------------------------------

def test_tax_need_bars_are_tax_needed(sjobo_result):
    r = sjobo_result
    need = r.tax_needed()
    ax = plots.plot_tax_need(r).axes[0]
    np.testing.assert_allclose(_heights(ax.containers[0]), need["change_ore"].to_numpy())
    np.testing.assert_allclose(_heights(ax.containers[0]), need["change_kr_per_100kr"].to_numpy() * 100)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["without measures", "with measures"]
    assert ax.get_ylabel() == "Tax change, öre on the rate (kr per 100 kr × 100)"
    assert ax.get_title().startswith(f"{r.municipality.label}: sustained tax change from 2027 that meets ")
    given = plots.plot_tax_need(r, 2028).axes[0]
    np.testing.assert_allclose(_heights(given.containers[0]), r.tax_needed(2028)["change_ore"].to_numpy())
    assert "from 2028" in given.get_title()
    sv = plots.plot_tax_need(r, language="sv").axes[0]
    assert [t.get_text() for t in sv.get_xticklabels()] == ["utan åtgärder", "med åtgärder"]
    assert sv.get_ylabel() == "Skatteförändring, öre på skattesatsen (kr per 100 kr × 100)"
    assert sv.get_title().startswith(f"{r.municipality.label}: varaktig skatteförändring från 2027 som når ")
    assert APPROX_EN not in ax.get_title()


def test_tax_need_marks_an_approximate_baseline(ystad_result):
    ax = plots.plot_tax_need(ystad_result).axes[0]
    assert APPROX_EN in ax.get_title()
    np.testing.assert_allclose(_heights(ax.containers[0]), ystad_result.tax_needed()["change_ore"].to_numpy())


# --- the benchmark --------------------------------------------------------------------------------------------------

def test_benchmark_bars_are_the_frames_figures():
    frame = benchmark("Ystad")
    areas = frame[frame["area"] != "total"]
    fig = plots.plot_benchmark(frame)
    left, right = fig.axes
    for container, column in zip(left.containers, ("net_cost_kr_per_inhabitant", "peer_median_kr_per_inhabitant",
                                                   "national_kr_per_inhabitant"), strict=False):
        np.testing.assert_allclose(_widths(container), areas[column].to_numpy(dtype=float))
    np.testing.assert_allclose(_widths(right.containers[0]), areas["nka_percent"].to_numpy(dtype=float))
    assert np.isfinite(areas["nka_percent"].to_numpy(dtype=float)).any()  # Ystad is in Skåne: Kolada's NKA
    assert fig._suptitle.get_text() == ("Ystad: net cost 2024 by service area against peers and the reference "
                                        "cost")
    assert left.get_xlabel() == "Net cost, kr per inhabitant"
    assert right.get_xlabel() == "percent of the reference cost (+ dearer than expected)"
    assert [t.get_text() for t in left.get_yticklabels()][0] == "Preschool"
    sv = plots.plot_benchmark(frame, language="sv")
    assert sv._suptitle.get_text() == ("Ystad: nettokostnad 2024 per verksamhet mot jämförelsekommuner och "
                                       "referenskostnad")
    assert sv.axes[0].get_xlabel() == "Nettokostnad, kr per invånare"
    assert [t.get_text() for t in sv.axes[0].get_yticklabels()] == list(areas["name_sv"])


# --- files ----------------------------------------------------------------------------------------------------------

def test_png_and_svg_are_written_and_read_back(tmp_path, sjobo_result):
    png = plots.save_figure(plots.plot_waterfall(sjobo_result, 2028), tmp_path / "w.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = plots.save_figure(plots.plot_tax_need(sjobo_result, language="sv"), tmp_path / "sub" / "t.svg")
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "skatteförändring" in svg.read_text(encoding="utf-8")  # SVG keeps the text as text
    with pytest.raises(ValueError, match=r"chart.jpg'; expected a file name ending in \.png or \.svg"):
        plots.save_figure(plots.plot_tax_need(sjobo_result), tmp_path / "chart.jpg")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["t.svg", "w.png"]
