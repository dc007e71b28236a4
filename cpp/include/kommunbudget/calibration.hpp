#pragma once
/// @file calibration.hpp
/// Closed-form calibration of a base year and its plan (docs/model.md §11) and the arithmetic of an approximate
/// baseline (docs/model.md §12): the growth rates at which the projection reproduces an adopted budget's plan, the
/// neutral path of a baseline without a budget, its balancing grant item, and the revenue estimate of a
/// municipality from its tax base and tax capacity (docs/model.md §3-4).
///
/// Units: amounts in nominal MSEK; tax rates in kr per 100 kr; tax capacities in kr per inhabitant; growth rates as
/// fractions per year. Every input is checked against the table of limits (limits.hpp).
#include <vector>

#include "kommunbudget/municipality.hpp"
#include "kommunbudget/price_index.hpp"
#include "kommunbudget/revenue.hpp"
#include "kommunbudget/year_series.hpp"

namespace kommunbudget {

/// One plan year of an adopted budget (flerårsplan), as printed: amounts positive, the income equalisation signed.
struct PlanYear {
  int year = 0;                               ///< the plan year; plan years run consecutively from base year + 1
  double preliminary_tax_msek = 0.0;          ///< preliminär kommunalskatt (tax revenue without settlements), > 0
  double tax_rate_kr_per_100kr = 0.0;         ///< the own rate of the year, kr per 100 kr, [5, 50]
  double operating_income_msek = 0.0;         ///< verksamhetens intäkter, MSEK, > 0
  double operating_costs_msek = 0.0;          ///< verksamhetens kostnader as a positive amount, MSEK, > 0
  double income_equalisation_msek = 0.0;      ///< inkomstutjämning (+ grant, − fee), MSEK; itemised grants only
  double population = 0.0;                    ///< the equalisation's inhabitants that year; itemised grants only
};

/// The growth rates implied by an adopted plan: projecting with them reproduces the plan's preliminary tax, its
/// operating income, its operating costs (a line at PKV's labour weight) and (itemised grants) its income
/// equalisation. Every series covers the plan years (empty when there are none; national_tax_capacity_growth,
/// own_tax_capacity_kr and national_tax_capacity_kr also empty without itemised grants).
struct PlanCalibration {
  /// Implied tax base per plan year, MSEK: preliminary tax / (rate / 100) (implied_tax_base_msek).
  YearSeries tax_base_msek = YearSeries("tax_base_msek", {}, {});
  /// tax_base[t] / tax_base[t − 1] − 1, fraction per year; the base year's tax base is base.tax_base_msek.
  YearSeries tax_base_growth = YearSeries("tax_base_growth", {}, {});
  /// income[t] / income[t − 1] − 1, fraction per year; the base year's is base.operating_income_msek.
  YearSeries operating_income_growth = YearSeries("operating_income_growth", {}, {});
  /// (costs[t] / costs[t − 1]) / (1 + PKV[t]) − 1, fraction per year: the volume at which a line with PKV's labour
  /// weight reproduces the plan's costs; the base year's costs are base.operating_costs_msek().
  YearSeries volume_growth = YearSeries("volume_growth", {}, {});
  /// national[t] / national[t − 1] − 1, fraction per year, from base.national_tax_capacity_kr: the national
  /// capacity at which the equalisation formula gives the plan's income equalisation.
  YearSeries national_tax_capacity_growth = YearSeries("national_tax_capacity_growth", {}, {});
  /// The own tax capacity the projection sees in each plan year (the calibrated path), kr per inhabitant.
  YearSeries own_tax_capacity_kr = YearSeries("own_tax_capacity_kr", {}, {});
  /// The implied national tax capacity per plan year, kr per inhabitant.
  YearSeries national_tax_capacity_kr = YearSeries("national_tax_capacity_kr", {}, {});
};

/// Calibrates the plan of an adopted budget in closed form (no trial projection; docs/model.md §11).
///
/// The own tax capacity path is the projection's: the base year's equalisation tax base (implied capacity × base
/// population / 10^6, the capacity from implied_own_tax_capacity_kr) chained by (1 + tax_base_growth[t]) and
/// divided by population[t] / 10^6, in the projector's order of operations, so that a projection with the result
/// gives the plan's equalisation within rounding. The national capacity is then the inverse of the formula,
/// implied_national_tax_capacity_kr.
/// @param base the base year (validated; itemised_grants decides whether the equalisation is calibrated)
/// @param price_index PKV components covering the plan years (only PKV itself is used)
/// @param plan the plan years, consecutive from base.year + 1 (may be empty)
/// @throws InputError naming the plan year and the field ("plan.operating_income_msek[2025] = ..."), for a
///         value outside its range (limits.hpp, PlanYear), a year out of sequence, a PKV component missing, or an
///         implied tax base or capacity that is not positive.
PlanCalibration calibrate_plan(const BaseYearState& base, const PriceIndex& price_index,
                               const std::vector<PlanYear>& plan);

/// The neutral volume growth of an approximate baseline (docs/model.md §12): (1 + g[t]) / (1 + PKV[t]) − 1 for each
/// year t in [from, to], so that a line at PKV's labour weight grows with the tax base and the result stays near
/// the base year's 0. Shape: a YearSeries "volume_growth" over [from, to] (empty when to < from).
/// @param tax_base_growth fractions per year covering [from, to]
/// @throws InputError for a missing year, a rate outside [−0.5, 0.5] or a year outside [1900, 2200].
YearSeries neutral_volume_growth(const PriceIndex& price_index, const YearSeries& tax_base_growth, int from, int to);

/// The derived grant item of an approximate baseline, MSEK: net cost − tax revenue − income equalisation: the
/// item that makes the base year's result 0 when operating income, depreciation and financial items are 0
/// (docs/model.md §12). Signed (negative when tax and equalisation exceed the net cost).
/// @param net_cost_msek the base year's net costs (sum of the cost lines), [0, 1e6]
/// @param tax_revenue_msek the estimated tax revenue, [0, 1e6]
/// @param income_equalisation_msek the estimated income equalisation, signed, [−1e6, 1e6]
/// @throws InputError for a value outside its range (limits.hpp, balancing_grant_item_msek).
double balancing_grant_item_msek(double net_cost_msek, double tax_revenue_msek, double income_equalisation_msek);

/// What a municipality's tax base and tax capacity give (docs/model.md §3-4): the figures of one row of the
/// revenue table of every municipality.
struct RevenueEstimate {
  double tax_revenue_msek = 0.0;                       ///< rate / 100 × tax base, MSEK
  double one_ore_msek = 0.0;                           ///< what 1 öre on the rate raises: tax base / 10 000, MSEK
  double one_ore_kr_per_inhabitant = 0.0;              ///< one_ore_msek × 10^6 / population, kr per inhabitant
  double income_equalisation_msek = 0.0;               ///< by the formula (uncalibrated), MSEK (+ grant, − fee)
  double income_equalisation_kr_per_inhabitant = 0.0;  ///< the same per inhabitant, kr
  double equalisation_change_per_krona = 0.0;          ///< change of the equalisation per krona of tax base (<= 0)
  double kept_per_krona = 0.0;                         ///< rate / 100 + that change, fraction
  double capacity_index = 0.0;                         ///< own / national tax capacity × 100, percent
};

/// Estimates a municipality's tax revenue and income equalisation from its rate, tax base and capacities.
/// @param tax_rate_kr_per_100kr own rate, [5, 50]
/// @param tax_base_msek tax base, (0, 1e8] MSEK
/// @param own_tax_capacity_kr own tax capacity, (0, 1e7] kr per inhabitant
/// @param national_tax_capacity_kr medelskattekraft, [1e4, 1e7] kr per inhabitant
/// @param population inhabitants, [1, 2e7]
/// @throws InputError for an invalid equalisation parameter or an input outside its range (limits.hpp,
///         estimate_revenue).
RevenueEstimate estimate_revenue(const IncomeEqualisation& params, double tax_rate_kr_per_100kr, double tax_base_msek,
                                 double own_tax_capacity_kr, double national_tax_capacity_kr, double population);

}  // namespace kommunbudget
