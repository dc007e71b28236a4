"""Charts (matplotlib) of projections and comparisons. Presentation only: every number comes from the core.

Functions return a ``matplotlib.figure.Figure`` and never call ``plt.show()``; :func:`save_figure` writes PNG
files without overwriting anything but the named file. matplotlib, an optional heavy dependency, is imported when
a chart is drawn, so importing this module costs nothing.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from kommunbudget.analysis.comparison import Comparison
from kommunbudget.analysis.uncertainty import Uncertainty
from kommunbudget.model import core
from kommunbudget.model.projection import Projection

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _pyplot():
    """matplotlib.pyplot, imported on first use (its backend as matplotlib chooses it, or as the caller set it)."""
    import matplotlib.pyplot as plt

    return plt


def _target_line_msek(projection: Projection, target: core.Target) -> np.ndarray:
    """The result each year needs to meet the target exactly (MSEK): result + gap."""
    gap = np.array(core.target_gap_msek(projection.core, target))
    return projection.line("result") + gap


def plot_result_vs_target(projection: Projection, target: core.Target, ax=None) -> Figure:
    """Bars of the result and the balanced-budget result per year (MSEK) with the target as a line.

    Parameters
    ----------
    projection : Projection
    target : kommunbudget.core.Target
        E.g. result >= 2 % of tax revenue and general grants.
    ax : matplotlib Axes, optional
        Draw into it; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = (_pyplot().subplots(figsize=(9, 5.4)) if ax is None else (ax.figure, ax))
    years = np.array(projection.years)
    status = projection.year_status()
    width = 0.38
    ax.bar(years - width / 2, projection.line("result"), width, label="Result (årets resultat)", color="#3b6ea5")
    ax.bar(years + width / 2, projection.line("balanced_budget_result"), width,
           label="Balanced-budget result (balanskravsresultat)", color="#9bb7d4")
    ax.plot(years, _target_line_msek(projection, target), color="#c0392b", marker="o",
            label=f"Target: {target.describe()}")
    ax.axhline(0.0, color="black", linewidth=0.8)
    ax.set_xticks(years, [f"{y}\n{status[y]}" for y in years])
    ax.set_ylabel("MSEK, nominal")
    ax.set_title(f"{projection.municipality.label}: result against target")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def plot_comparison(comparison: Comparison) -> Figure:
    """Two panels: the result of baseline, tax change and efficiency per year against the target (MSEK); and
    the tax change's revenue against the efficiency saving in öre on the rate.

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, (left, right) = _pyplot().subplots(1, 2, figsize=(12, 5.4))
    years = np.array(comparison.baseline.years)
    for p, label, style in ((comparison.baseline, "Baseline", "-"),
                            (comparison.tax, f"Tax +{comparison.tax_change_kr_per_100kr * 100:.1f} öre from "
                                             f"{comparison.from_year}", "--"),
                            (comparison.efficiency, f"Efficiency {comparison.efficiency_rate * 100:.2f} % from "
                                                    f"{comparison.from_year}", ":")):
        left.plot(years, p.line("result"), style, marker="o", label=label)
    left.plot(years, _target_line_msek(comparison.baseline, comparison.target), color="#c0392b", alpha=0.7,
              label=f"Target: {comparison.target.describe()}")
    # With the tax raised, 2 % of a larger revenue is a larger amount: show that target too.
    left.plot(years, _target_line_msek(comparison.tax, comparison.target), "--", color="#c0392b", alpha=0.4,
              label="Target with the tax change")
    left.axhline(0.0, color="black", linewidth=0.8)
    left.set_ylabel("Result, MSEK")
    left.set_title(f"{comparison.baseline.municipality.label}: raise the tax or make savings")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8, frameon=False)
    left.grid(alpha=0.3)
    table = comparison.table()
    width = 0.38
    right.bar(years - width / 2, table.loc["tax_change_revenue_ore"], width, label="Tax change, öre")
    right.bar(years + width / 2, table.loc["efficiency_saving_ore"], width, label="Efficiency saving, öre")
    right.set_ylabel("öre on the tax rate")
    right.set_title("What each is worth")
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8, frameon=False)
    right.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


_FAN_TITLES = {"result": ("Result (årets resultat)", "MSEK"),
               "balanced_budget_result": ("Balanced-budget result (balanskravsresultat)", "MSEK"),
               "result_share": ("Result as a share of tax revenue and general grants", "percent")}


def plot_fan(uncertainty: Uncertainty, output: str = "balanced_budget_result", ax=None) -> Figure:
    """A fan chart of one Monte Carlo output per year: the 5-95 % and 25-75 % bands and the median of each case
    run (without and with the measures), the deterministic projection as black dotted crosses, the zero line (the
    balanced-budget requirement) and, for ``result_share`` with a share target, the target. MSEK, or percent for
    ``result_share``; the title names the municipality, the draws, the seed and the target.

    Parameters
    ----------
    uncertainty : Uncertainty
        :func:`kommunbudget.analysis.uncertainty.uncertainty`'s answers.
    output : {"result", "balanced_budget_result", "result_share"}
    ax : matplotlib Axes, optional
        Draw into it; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        For an output the run has no percentiles of.
    """
    fig, ax = (_pyplot().subplots(figsize=(9, 5.4)) if ax is None else (ax.figure, ax))
    title, unit = _FAN_TITLES[output] if output in _FAN_TITLES else (output, "")
    scale = 100.0 if output == "result_share" else 1.0
    years = np.array(uncertainty.years)
    colours = {"without measures": "#7f8c8d", "with measures": "#3b6ea5"}
    for case in uncertainty.cases:
        fan = uncertainty.fan(output, case) * scale
        colour = colours[case]
        ax.fill_between(years, fan.loc["p5"], fan.loc["p95"], color=colour, alpha=0.18, linewidth=0,
                        label=f"{case}: 5-95 %")
        ax.fill_between(years, fan.loc["p25"], fan.loc["p75"], color=colour, alpha=0.35, linewidth=0,
                        label=f"{case}: 25-75 %")
        ax.plot(years, fan.loc["p50"], color=colour, marker="o", label=f"{case}: median")
        ax.plot(years, fan.loc["deterministic"], color="black", linestyle=":", marker="x", markersize=4,
                linewidth=1, label=f"{case}: without shocks")
    ax.axhline(0.0, color="black", linewidth=0.8)
    shares = (core.TargetKind.RESULT_SHARE, core.TargetKind.RESULT_EXCLUDING_ONE_OFFS_SHARE)
    if output == "result_share" and uncertainty.target.kind in shares:
        ax.axhline(uncertainty.target.share * 100.0, color="#c0392b", linewidth=1,
                   label=f"Target: {uncertainty.target.describe()}")
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel(unit)
    draws = f"{uncertainty.draws:,}".replace(",", "\u2009")  # a thin space between thousands
    who = f"{uncertainty.label}: " if uncertainty.label else ""
    ax.set_title(f"{who}{title}\n{draws} draws, seed {uncertainty.seed}; target {uncertainty.target.describe()}",
                 fontsize=10)
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    return fig


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Writes ``fig`` as PNG to ``path`` (parent folders created) and closes it.

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.png``.
    """
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise ValueError(f"chart path = {str(path)!r}; expected a file name ending in .png")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    _pyplot().close(fig)
    return path
