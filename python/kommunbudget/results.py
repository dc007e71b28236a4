"""Results as pandas DataFrames: the income statement, required tax rates and the tax-vs-efficiency comparison.

All numbers are computed by the C++ core; this module only arranges them. Amounts are nominal MSEK with the
statutory signs of the Swedish income statement (costs negative); shares are fractions; tax rates are in
kr per 100 kr; tax-rate equivalents are in öre (1 kr = 100 öre).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kommunbudget import _core, defaults
from kommunbudget.municipality import Municipality

#: Statement lines in the statutory order (LKBR, RKR's model), then the balanced-budget reconciliation and
#: memo items: (identifier, Swedish label, English label, unit).
STATEMENT_LINES: tuple[tuple[str, str, str, str], ...] = (
    ("operating_income", "Verksamhetens intäkter", "Operating income", "MSEK"),
    ("operating_costs", "Verksamhetens kostnader", "Operating costs", "MSEK"),
    ("depreciation", "Avskrivningar", "Depreciation", "MSEK"),
    ("net_operating_cost", "Verksamhetens nettokostnader", "Net operating cost", "MSEK"),
    ("tax_revenue", "Skatteintäkter", "Tax revenue", "MSEK"),
    ("general_grants", "Generella statsbidrag och utjämning", "General grants and equalisation", "MSEK"),
    ("operating_result", "Verksamhetens resultat", "Operating result", "MSEK"),
    ("financial_income", "Finansiella intäkter", "Financial income", "MSEK"),
    ("financial_costs", "Finansiella kostnader", "Financial costs", "MSEK"),
    ("result", "Årets resultat", "Result for the year", "MSEK"),
    ("realisation_gains", "Avgår: realisationsvinster", "Less: realisation gains", "MSEK"),
    ("other_balance_adjustments", "Övriga balanskravsjusteringar", "Other balanced-budget adjustments", "MSEK"),
    ("reserve_use", "Medel från (+) / till (−) resultatutjämningsreserv", "From (+) / to (−) result reserve",
     "MSEK"),
    ("balanced_budget_result", "Balanskravsresultat", "Balanced-budget result", "MSEK"),
    ("result_share", "Resultat i % av skatter och generella statsbidrag",
     "Result as share of tax revenue and general grants", "fraction"),
    ("tax_rate", "Skattesats (kr per 100 kr)", "Tax rate (kr per 100 kr)", "kr per 100 kr"),
    ("tax_base", "Skatteunderlag", "Tax base", "MSEK"),
    ("final_settlement", "varav slutavräkning", "of which final settlement", "MSEK"),
    ("efficiency_saving", "Effektiviseringar", "Efficiency savings", "MSEK"),
    ("efficiency_one_off_cost", "Engångskostnader för effektiviseringar", "One-off costs of efficiency measures",
     "MSEK"),
    ("fixed_saving_one_off_cost", "Engångskostnader för besparingar", "One-off costs of fixed savings", "MSEK"),
    ("tax_change_revenue", "Intäkt av skatteförändring", "Revenue from tax changes", "MSEK"),
)

#: The revenue bridge: tax revenue item by item, general grants item by item, and the equalisation's memo rows:
#: (identifier, Swedish label, English label, unit). Grant items other than the income equalisation follow
#: ``income_equalisation`` as ``grant:<name>`` rows.
REVENUE_LINES: tuple[tuple[str, str, str, str], ...] = (
    ("preliminary_tax", "Preliminär kommunalskatt", "Preliminary municipal tax", "MSEK"),
    ("final_settlement_previous_year", "Slutavräkning föregående år", "Final settlement, previous year", "MSEK"),
    ("final_settlement_current_year", "Slutavräkning innevarande år", "Final settlement, current year", "MSEK"),
    ("tax_revenue", "Skatteintäkter", "Tax revenue", "MSEK"),
    ("income_equalisation", "Inkomstutjämning", "Income equalisation", "MSEK"),
    ("general_grants", "Generella statsbidrag och utjämning", "General grants and equalisation", "MSEK"),
    ("tax_base", "Skatteunderlag (MSEK)", "Tax base (MSEK)", "MSEK"),
    ("tax_rate", "Skattesats (kr per 100 kr)", "Tax rate (kr per 100 kr)", "kr per 100 kr"),
    ("equalisation_tax_base", "Skatteunderlag i utjämningen, kalibrerat (MSEK)",
     "Tax base in the equalisation, calibrated (MSEK)", "MSEK"),
    ("own_tax_capacity", "Skattekraft i utjämningen (kr/inv)", "Own tax capacity in the equalisation (kr/inh)",
     "kr per inhabitant"),
    ("national_tax_capacity", "Medelskattekraft (kr/inv)", "National average tax capacity (kr/inh)",
     "kr per inhabitant"),
    ("population", "Invånare i utjämningen (personer)", "Inhabitants in the equalisation (persons)", "inhabitants"),
    ("equalisation_change_per_krona", "Utjämningens ändring per krona eget skatteunderlag (andel)",
     "Equalisation change per krona of own tax base (fraction)", "fraction"),
    ("kept_per_krona", "Kvar per krona eget skatteunderlag (andel)", "Kept per krona of own tax base (fraction)",
     "fraction"),
    ("earned_income_effect", "Tillskott till skatteunderlaget från förvärvsinkomster (MSEK)",
     "Tax base added by earned-income changes (MSEK)", "MSEK"),
)

#: Swedish and English labels of the grant items (identifiers as in kommunbudget.municipality.GRANT_ITEMS).
GRANT_ITEM_LABELS: dict[str, tuple[str, str]] = {
    "cost_equalisation": ("Kostnadsutjämning", "Cost equalisation"),
    "lss_equalisation": ("LSS-utjämning", "LSS equalisation"),
    "regulation_grant": ("Regleringsbidrag/-avgift", "Regulation grant/fee"),
    "structural_grant": ("Strukturbidrag", "Structural grant"),
    "property_fee": ("Kommunal fastighetsavgift", "Municipal property fee"),
    "other_general_grants": ("Övriga generella statsbidrag", "Other general grants"),
}

_LINE_UNITS = {ident: unit for ident, _sv, _en, unit in STATEMENT_LINES + REVENUE_LINES}


#: The allowed range of a result-share target (fraction of tax revenue and general grants). The same range as the
#: core's (answers.cpp, ``kMaxShare``; tests/python/test_scenarios.py holds the two together): text is checked when
#: it is parsed, so a scenario file's or the command line's target fails where it is written.
TARGET_SHARE_RANGE = (-0.5, 0.5)


class TargetTextError(ValueError):
    """Text that is not a target. ``text`` is the text; ``detail`` what is wrong with it, starting with ": " or
    " is not"; the message is ``target = '<text>'<detail>`` (a scenario file names the key its own way)."""

    def __init__(self, text: str, detail: str) -> None:
        super().__init__(f"target = {text!r}{detail}")
        self.text = text
        self.detail = detail


def parse_target(text: str) -> _core.Target:
    """A target from text: ``"result"``, ``"balanced-budget"`` or ``"share:0.02"`` (fraction of tax revenue and
    general grants, in :data:`TARGET_SHARE_RANGE`).

    Raises
    ------
    ValueError
        (:class:`TargetTextError`) For any other text, a share that is not a finite number or one outside the range
        (a share that looks like a percent gets the fraction it probably means), naming the value and the accepted
        forms.
    """
    t = text.strip().lower()
    if t in ("result", "resultat"):
        return _core.Target(kind=_core.TargetKind.RESULT)
    if t in ("balanced-budget", "balanced_budget", "balanskrav"):
        return _core.Target(kind=_core.TargetKind.BALANCED_BUDGET_RESULT)
    if t.startswith("share:"):
        lo, hi = TARGET_SHARE_RANGE
        try:
            share = float(t.split(":", 1)[1])
        except ValueError:
            raise TargetTextError(text, ": the share is not a number; expected e.g. 'share:0.02'") from None
        if not math.isfinite(share):
            raise TargetTextError(text, f": target.share = {share} is not a finite number; expected a fraction in "
                                        f"[{lo:g}, {hi:g}], e.g. 'share:0.02'")
        if not lo <= share <= hi:
            hint = f"; did you mean {share / 100:g}?" if abs(share) >= 1 and lo <= share / 100 <= hi else ""
            raise TargetTextError(text, f": target.share = {share:g} is outside the allowed range [{lo:g}, {hi:g}] "
                                        f"for a result target (a fraction of tax revenue and general grants, 0.02 = "
                                        f"2 %{hint})")
        return _core.Target(kind=_core.TargetKind.RESULT_SHARE, share=share)
    raise TargetTextError(text, " is not a target; expected 'result', 'balanced-budget' or 'share:<fraction>' (e.g. "
                                "share:0.02)")


def as_target(target: _core.Target | str) -> _core.Target:
    """A Target, or text parsed by :func:`parse_target`. Raises ValueError for anything else."""
    if isinstance(target, _core.Target):
        return target
    if isinstance(target, str):
        return parse_target(target)
    raise ValueError(f"target = {target!r} is not a target; expected kb.Target or text such as 'share:0.02'")


def default_targets(share: float | None = None) -> list[_core.Target]:
    """The three targets of every report: result >= 0, balanced-budget result >= 0 and result >= ``share`` of tax
    revenue and general grants (default :data:`kommunbudget.defaults.RESULT_TARGET_SHARE`, 2 %)."""
    s = defaults.RESULT_TARGET_SHARE.value if share is None else share
    return [_core.Target(kind=_core.TargetKind.RESULT), _core.Target(kind=_core.TargetKind.BALANCED_BUDGET_RESULT),
            _core.Target(kind=_core.TargetKind.RESULT_SHARE, share=s)]


def target_key(target: _core.Target) -> str:
    """A stable identifier: ``result``, ``balanced_budget_result`` or ``result_share_2.0pct``."""
    if target.kind == _core.TargetKind.RESULT:
        return "result"
    if target.kind == _core.TargetKind.BALANCED_BUDGET_RESULT:
        return "balanced_budget_result"
    return f"result_share_{target.share * 100:g}pct"


@dataclass
class Projection:
    """A projected income statement of one municipality.

    Attributes
    ----------
    municipality : Municipality
        The baseline it was projected from (unchanged by the projection).
    horizon : int
        The last year.
    core : kommunbudget._core.IncomeStatement
        The core's statement (arrays of shape (n_years,)).
    measures : kommunbudget._core.Measures or None
        The measures applied, if any.
    """

    municipality: Municipality
    horizon: int
    core: _core.IncomeStatement
    measures: _core.Measures | None = None
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def years(self) -> list[int]:
        """base year .. horizon."""
        return list(self.core.years)

    def year_status(self) -> dict[int, str]:
        """Per year: ``"budget"`` (the base year's adopted budget), ``"approximate"`` (the base year of an approximate
        baseline from SCB data), ``"plan"`` (a year of the adopted plan,
        reproduced through derived assumptions), ``"plan, changed"`` (a plan year moved off the adopted plan by
        user-set assumptions or measures) or ``"projection"``."""
        m = self.municipality
        plan = set(m.plan_years)
        # A change in one year carries into every later year (costs and the tax base are chained).
        firsts = [y for s in m.assumptions.series.values() for y, p in s.provenance.items() if p.kind == "user"]
        firsts += [s.tail_from if s.tail_from is not None else m.base_year + 1 for s in m.assumptions.series.values()
                   if s.tail_provenance is not None and s.tail_provenance.kind == "user"]
        if self.measures is not None:
            firsts += [t.from_year for t in self.measures.tax_changes] + [e.from_year for e in self.measures.efficiency]
        changed = {y for y in plan if firsts and y >= min(firsts)}
        base = "approximate" if m.approximate else "budget"
        return {y: base if y == m.base_year else ("plan, changed" if y in changed else "plan") if y in plan
                else "projection" for y in self.years}

    def line(self, name: str) -> np.ndarray:
        """One statement line, shape (n_years,). Raises KeyError naming the known lines for an unknown name."""
        if name not in _LINE_UNITS and name not in _core.IncomeStatement.LINES:
            raise KeyError(f"line {name!r} does not exist; expected one of: "
                           f"{', '.join(dict.fromkeys(list(_LINE_UNITS) + list(_core.IncomeStatement.LINES)))}")
        return np.array(getattr(self.core, name), dtype=float)

    def statement(self, language: str = "en", memo: bool = True) -> pd.DataFrame:
        """The income statement: one row per line, one column per year.

        Parameters
        ----------
        language : {"en", "sv", "id"}
            Row labels: English, the Swedish statutory names, or the identifiers (e.g. ``net_operating_cost``).
        memo : bool
            Include the memo rows (tax rate, tax base, final settlement, efficiency savings, the one-off costs of
            efficiency measures and of fixed savings, tax-change revenue). The one-off costs are positive amounts,
            already inside ``operating_costs``.

        Returns
        -------
        pandas.DataFrame
            float64, index named ``line``, columns the years (int). MSEK with statutory signs; ``result_share`` is
            a fraction; ``tax_rate`` kr per 100 kr. ``attrs["year_status"]`` maps year -> budget/plan/projection,
            ``attrs["units"]`` row label -> unit.
        """
        label_index = {"sv": 1, "en": 2, "id": 0}
        if language not in label_index:
            raise ValueError(f"language = {language!r}; expected 'en', 'sv' or 'id'")
        rows = [spec for spec in STATEMENT_LINES if memo or spec[0] not in _MEMO]
        frame = pd.DataFrame([self.line(spec[0]) for spec in rows], index=[spec[label_index[language]]
                                                                          for spec in rows],
                             columns=self.years, dtype=float)
        frame.index.name = "line"
        frame.columns.name = "year"
        frame.attrs["year_status"] = self.year_status()
        frame.attrs["units"] = {spec[label_index[language]]: spec[3] for spec in rows}
        return frame

    def revenue(self, language: str = "en") -> pd.DataFrame:
        """The revenue bridge: tax revenue item by item (preliminary tax, final settlements), general grants item
        by item (income equalisation by the formula, then each other item), and the equalisation's figures.

        Parameters
        ----------
        language : {"en", "sv", "id"}
            Row labels; grant items as ``grant:<name>`` with ``"id"``.

        Returns
        -------
        pandas.DataFrame
            float64, one row per item, one column per year; units in ``attrs["units"]``. MSEK rows are signed
            (fees negative); capacities in kr per inhabitant; per-krona rows as fractions (0.022 = 2.2 öre per
            krona). When grants are a single total (no itemisation) the equalisation rows are 0.
        """
        label_index = {"sv": 1, "en": 2, "id": 0}
        if language not in label_index:
            raise ValueError(f"language = {language!r}; expected 'en', 'sv' or 'id'")
        rows, labels, units = [], [], {}
        names = list(self.core.grant_item_names)
        items = np.array(self.core.grant_items, dtype=float).reshape(len(names), len(self.years))
        for spec in REVENUE_LINES:
            if spec[0] == "general_grants":
                for i, name in enumerate(names):
                    sv, en = GRANT_ITEM_LABELS.get(name, (name, name))
                    label = {"sv": sv, "en": en, "id": f"grant:{name}"}[language]
                    rows.append(items[i])
                    labels.append(label)
                    units[label] = "MSEK"
            label = spec[label_index[language]]
            rows.append(self.line(spec[0]))
            labels.append(label)
            units[label] = spec[3]
        frame = pd.DataFrame(rows, index=labels, columns=self.years, dtype=float)
        frame.index.name = "item"
        frame.columns.name = "year"
        frame.attrs["units"] = units
        frame.attrs["year_status"] = self.year_status()
        return frame

    def required_tax_rates(self, targets: list[_core.Target] | None = None) -> pd.DataFrame:
        """The lowest tax rate (kr per 100 kr) meeting each target in each year, every other line unchanged.

        Returns
        -------
        pandas.DataFrame
            Rows: ``current`` (the rate in the projection) and one per target (:func:`target_key`); columns the
            years. ``attrs["descriptions"]`` maps row -> the target in words.

        Raises
        ------
        ValueError
            For an impossible target (the core names the year and the rate it would need).
        """
        targets = default_targets() if targets is None else [as_target(t) for t in targets]
        rows = {"current": self.line("tax_rate")}
        descriptions = {"current": "the tax rate in the projection"}
        for t in targets:
            rows[target_key(t)] = np.array(_core.required_tax_rate(self.core, t))
            descriptions[target_key(t)] = t.describe()
        frame = pd.DataFrame(rows, index=self.years).T
        frame.index.name = "tax_rate"
        frame.columns.name = "year"
        frame.attrs["descriptions"] = descriptions
        return frame

    def target_gaps(self, targets: list[_core.Target] | None = None) -> pd.DataFrame:
        """Shortfall against each target, MSEK per year (negative = margin), and the same in öre on the rate."""
        targets = default_targets() if targets is None else [as_target(t) for t in targets]
        rows = {}
        for t in targets:
            gap = np.array(_core.target_gap_msek(self.core, t))
            rows[(target_key(t), "MSEK")] = gap
            rows[(target_key(t), "öre")] = np.array(_core.tax_rate_equivalents_ore(self.core, gap))
        frame = pd.DataFrame(rows, index=self.years).T
        frame.index.names = ["target", "unit"]
        frame.columns.name = "year"
        return frame

    def sustained_change(self, target: _core.Target | str, from_year: int) -> float:
        """The single rate change (kr per 100 kr) from 1 January of ``from_year`` that meets ``target`` in every
        year to the horizon (negative: room to lower the rate). Raises ValueError for a year outside the
        projection or an impossible target."""
        from kommunbudget.municipality import as_year

        return float(_core.required_sustained_change(self.core, as_target(target), as_year("from_year", from_year)))

    def tax_rate_equivalent_ore(self, amounts_msek) -> np.ndarray:
        """Öre on the rate equivalent to yearly amounts (shape (n_years,), MSEK), against each year's tax base."""
        return np.array(_core.tax_rate_equivalents_ore(self.core, np.asarray(amounts_msek, dtype=float)))

    def household_income_kr(self, year: int) -> tuple[float, str]:
        """The default taxable income for the household cost of a tax change: the municipality's tax base per
        inhabitant in ``year`` (kr a year; derived: tax base / population on 31 Dec 2024), and its basis.

        Raises
        ------
        ValueError
            For a year outside the projection.
        """
        if year not in self.years:
            raise ValueError(f"year = {year} is outside the projection's years {self.years[0]}-{self.years[-1]}")
        m = self.municipality
        income = float(self.line("tax_base")[self.years.index(year)]) * 1e6 / m.population
        basis = (f"{m.name}'s tax base per inhabitant in {year}, all ages (derived: tax base / population 31 Dec "
                 f"2024, {m.population:,} inhabitants; not SCB's skattekraft): a per-inhabitant figure, give a "
                 f"household's own taxable income for its cost")
        return income, basis

    def assumptions(self, detail: bool = False) -> pd.DataFrame:
        """The assumptions used for the projection years with their provenance (kind and source); see
        :meth:`kommunbudget.assumptions.AssumptionSet.summary` (or ``.table`` with ``detail=True``)."""
        m = self.municipality
        first, last = m.base_year + 1, self.horizon
        if last < first:
            return pd.DataFrame(columns=["assumption", "years", "values", "unit", "kind", "source"])
        names = [n for n in m.assumptions.series]
        subset = m.assumptions
        frame = subset.table(first, last) if detail else subset.summary(first, last)
        return frame[frame["assumption"].isin(names)].reset_index(drop=True)

    def base_year_sources(self) -> pd.DataFrame:
        """Base-year figures with their provenance (see :meth:`Municipality.base_year_sources`)."""
        return self.municipality.base_year_sources()


_MEMO = {"tax_rate", "tax_base", "final_settlement", "efficiency_saving", "efficiency_one_off_cost",
         "fixed_saving_one_off_cost", "tax_change_revenue"}


@dataclass
class Comparison:
    """'Raise the tax' against 'efficiency worth the same', side by side.

    Attributes
    ----------
    baseline, tax, efficiency : Projection
        The three projections (the baseline is unchanged by the scenarios).
    from_year : int
        First year of both measures.
    tax_change_kr_per_100kr : float
        The tax change (kr per 100 kr; 0.50 = 50 öre), sustained from ``from_year``.
    efficiency_rate : float
        The one-off across-the-board efficiency (fraction of operating costs) from ``from_year`` whose saving in
        that year equals the tax change's revenue.
    target : kommunbudget._core.Target
        The target shown against.
    household_income_kr : float
        Taxable earned income used for the household cost (kr per year).
    household_income_basis : str
        Where that income comes from.
    """

    baseline: Projection
    tax: Projection
    efficiency: Projection
    from_year: int
    tax_change_kr_per_100kr: float
    efficiency_rate: float
    target: _core.Target
    household_income_kr: float
    household_income_basis: str

    @property
    def household_cost_kr(self) -> float:
        """What the tax change costs a household with :attr:`household_income_kr` per year (kr)."""
        return float(_core.household_tax_change_kr(self.tax_change_kr_per_100kr, self.household_income_kr))

    def table(self) -> pd.DataFrame:
        """Per year: results, balanced-budget results and result shares of the three projections; the tax
        change's revenue and the efficiency saving in MSEK and öre; whether each meets the target.

        Returns
        -------
        pandas.DataFrame
            Index named ``item`` (identifiers), columns the years. MSEK, fractions (``*_share``), öre
            (``*_ore``), and 1.0/0.0 for ``*_meets_target``.
        """
        rows = {}
        for key, p in (("baseline", self.baseline), ("tax", self.tax), ("efficiency", self.efficiency)):
            rows[f"{key}_result"] = p.line("result")
            rows[f"{key}_balanced_budget_result"] = p.line("balanced_budget_result")
            rows[f"{key}_result_share"] = p.line("result_share")
            gap = np.array(_core.target_gap_msek(p.core, self.target))
            rows[f"{key}_meets_target"] = (gap <= 1e-6).astype(float)
        tax_gain = self.tax.line("tax_change_revenue")
        saving = self.efficiency.line("efficiency_saving")
        rows["tax_change_revenue"] = tax_gain
        rows["tax_change_revenue_ore"] = self.baseline.tax_rate_equivalent_ore(tax_gain)
        rows["efficiency_saving"] = saving
        rows["efficiency_saving_ore"] = self.baseline.tax_rate_equivalent_ore(saving)
        frame = pd.DataFrame(rows, index=self.baseline.years).T
        frame.index.name = "item"
        frame.columns.name = "year"
        return frame


def compare(municipality: Municipality | str, horizon: int, from_year: int | None = None,
            tax_change_kr_per_100kr: float | None = None, target: _core.Target | None = None,
            household_income_kr: float | None = None) -> Comparison:
    """Compares raising the tax with an across-the-board efficiency worth the same.

    Parameters
    ----------
    municipality : Municipality or str
        The baseline (unchanged), or a name or code to :func:`kommunbudget.load`.
    horizon : int
        Last year.
    from_year : int, optional
        First year of both measures; default the year after the base year.
    tax_change_kr_per_100kr : float, optional
        The tax change; default the single sustained change that meets ``target`` in every year from
        ``from_year`` (if the target is already met, the change is 0).
    target : kommunbudget._core.Target, optional
        Default: result >= 2 % of tax revenue and general grants (:data:`kommunbudget.defaults.RESULT_TARGET_SHARE`).
    household_income_kr : float, optional
        Taxable earned income for the household cost; default the municipality's tax base per inhabitant in
        ``from_year`` (derived: tax base / population 31 Dec 2024).

    Raises
    ------
    ValueError
        For years outside the projection, an impossible target, or out-of-range values.
    """
    from kommunbudget.municipality import as_year, load

    if isinstance(municipality, (str, int)):
        municipality = load(municipality)
    if not isinstance(municipality, Municipality):
        raise ValueError(f"municipality = {municipality!r}; expected a Municipality (kb.load) or a name or code")
    target = default_targets()[2] if target is None else as_target(target)
    from_year = municipality.base_year + 1 if from_year is None else as_year("from_year", from_year)
    if household_income_kr is not None:
        _core.household_tax_change_kr(0.0, float(household_income_kr))  # the core checks the range, early
    projector = municipality.projector(horizon)
    baseline = Projection(municipality, horizon, projector.run(_core.Measures()))
    if tax_change_kr_per_100kr is None:
        tax_change_kr_per_100kr = max(0.0, baseline.sustained_change(target, from_year))
    if tax_change_kr_per_100kr < 0:
        raise ValueError(f"tax_change_kr_per_100kr = {tax_change_kr_per_100kr:g}: the comparison weighs a tax rise "
                         f"against efficiency worth the same; expected a change >= 0")
    tax_measures = _core.Measures(tax_changes=[_core.TaxChange(from_year=from_year,
                                                               change_kr_per_100kr=tax_change_kr_per_100kr)])
    tax = Projection(municipality, horizon, projector.run(tax_measures), tax_measures)
    gain = float(tax.line("tax_change_revenue")[baseline.years.index(from_year)])
    rate = float(_core.efficiency_rate_equivalent(baseline.core, from_year, gain))
    eff_measures = _core.Measures(efficiency=[_core.EfficiencyMeasure(from_year=from_year, rate=rate,
                                                                      yearly=False, cost_line="")])
    efficiency = Projection(municipality, horizon, projector.run(eff_measures), eff_measures)
    if household_income_kr is None:
        household_income_kr, basis = baseline.household_income_kr(from_year)
    else:
        basis = "given by the user"
    return Comparison(baseline, tax, efficiency, from_year, float(tax_change_kr_per_100kr), rate, target,
                      float(household_income_kr), basis)
