#pragma once
/// @file municipality.hpp
/// A municipality's base-year state (the budget or accounts of one year) and the yearly assumptions that carry
/// it forward. Units: amounts in nominal MSEK of their year; tax rates in kr per 100 kr; rates and shares as
/// fractions. Amounts inside these structs are POSITIVE quantities (a cost of 1656.2 MSEK is 1656.2); the income
/// statement (projection.hpp) prints costs with the statutory negative sign.
#include <string>
#include <vector>

#include "kommunbudget/capital.hpp"
#include "kommunbudget/balance_requirement.hpp"
#include "kommunbudget/price_index.hpp"
#include "kommunbudget/revenue.hpp"
#include "kommunbudget/year_series.hpp"

namespace kommunbudget {

/// One line of operating costs (verksamhetens kostnader), e.g. a service area (verksamhet) or "all activities".
/// cost[t] = cost[t−1] × (1 + volume_growth[t]) × (1 + price[t]) × (1 − efficiency[t]),
/// price[t] = labour_share × labour_cost_change[t] + (1 − labour_share) × other_cost_change[t] (docs/model.md §2).
struct CostLine {
  std::string name;                 ///< e.g. "operating_costs" or "grundskola"
  double cost_msek = 0.0;           ///< base-year gross cost, MSEK, positive, >= 0
  /// Labour share of the line, fraction in [0, 1]; a negative value means "the year's published PKV labour
  /// weight", so that the line moves with PKV itself.
  double labour_share = -1.0;
  /// Volume growth per projection year, fraction (demography or other drivers). Must cover the projection years.
  YearSeries volume_growth = YearSeries("volume_growth", {}, {});
};

/// One item of "generella statsbidrag och utjämning" other than the income equalisation, e.g. cost equalisation
/// (kostnadsutjämning), LSS equalisation, regulation grant/fee (regleringsbidrag/-avgift), structural grant,
/// municipal property fee (kommunal fastighetsavgift) or other general grants. Signed MSEK (fees negative).
struct GrantItem {
  std::string name;
  double amount_msek = 0.0;
};

/// The yearly path of a grant item in the projection years (docs/model.md §5): the given amount where
/// `amounts_msek` has the year, else the previous year's amount × (1 + growth[t]) where `growth` has the year, else
/// (only with `growth_follows_tax_base`) the previous year's amount × (1 + tax_base_growth[t]).
struct GrantItemPath {
  std::string name;           ///< the GrantItem's name
  YearSeries amounts_msek = YearSeries("amounts_msek", {}, {});  ///< given amounts, MSEK (may be empty or cover some years)
  YearSeries growth = YearSeries("growth", {}, {});  ///< growth (fraction per year) for the years without an amount
  /// Years with neither an amount nor a growth value grow with the tax base growth (Assumptions.tax_base_growth),
  /// e.g. an approximate baseline's derived item. The projector keeps the rule (not the resolved numbers), so a
  /// projection with another tax base growth (driver_bridge's frozen copy) recomputes the item.
  bool growth_follows_tax_base = false;
  /// The regulation grant/fee's rule (regleringsbidrag/-avgift, docs/model.md §5): in years with neither an amount
  /// nor a growth value, the item per inhabitant falls by the growth of the national net income equalisation per
  /// inhabitant (an unchanged appropriation: the equalisation takes more of it) and rises by the announced change
  /// of general grants per inhabitant, and is paid to the year's population:
  /// amount[t] = population[t] × (amount[t−1] / population[t−1] − N[t−1] × m[t] + announced[t]) / 10^6 (MSEK),
  /// N[t] = N[t−1] × (1 + m[t]), N[base] = Assumptions::national_net_income_equalisation_kr, m = the national tax
  /// capacity growth. Source: SKR, frågor och svar om utjämningen (RULES.md §3, 'Regleringspostens rörelse').
  /// Itemised grants only; takes precedence over growth_follows_tax_base.
  bool regulation_rule = false;
};

/// The base year of a municipality (basår): the figures of an adopted budget or of the accounts.
struct BaseYearState {
  std::string code;   ///< kommunkod, 4 digits as text (leading zero kept)
  std::string name;   ///< kommun
  int year = 0;       ///< base year (basår)
  double tax_rate_kr_per_100kr = 0.0;   ///< own municipal rate (skattesats), kr per 100 kr, in (0, 50]
  double tax_base_msek = 0.0;           ///< skatteunderlag that the rate applies to, MSEK, > 0
  double final_settlement_msek = 0.0;   ///< slutavräkning for the current year booked in the base year, MSEK
  double final_settlement_previous_year_msek = 0.0;  ///< slutavräkning for the previous year (korrigering), MSEK
  double operating_income_msek = 0.0;   ///< verksamhetens intäkter, MSEK, >= 0
  std::vector<CostLine> cost_lines;     ///< verksamhetens kostnader by line, at least one
  double depreciation_msek = 0.0;       ///< avskrivningar, MSEK, >= 0
  double general_grants_msek = 0.0;     ///< generella statsbidrag och utjämning, MSEK (signed: fees can exceed grants)
  /// Itemised grants: when true, general grants are the income equalisation (by the formula, calibrated to
  /// `income_equalisation_msek` in the base year) plus `grant_items`, and must sum to general_grants_msek.
  bool itemised_grants = false;
  IncomeEqualisation equalisation;      ///< county rates and parameters (itemised_grants only)
  double population = 0.0;              ///< inhabitants for the equalisation (1 Nov of the previous year), persons
  double national_tax_capacity_kr = 0.0;  ///< medelskattekraft of the base year (uprated), kr per inhabitant
  double income_equalisation_msek = 0.0;  ///< the base year's (budgeted) income equalisation, MSEK (+ grant, − fee)
  std::vector<GrantItem> grant_items;     ///< the other items, base-year MSEK
  double financial_income_msek = 0.0;   ///< finansiella intäkter, MSEK, >= 0
  double financial_costs_msek = 0.0;    ///< finansiella kostnader, MSEK, >= 0
  double realisation_gains_msek = 0.0;  ///< realisationsvinster in operating income, MSEK (excluded from balanskrav)
  /// Use of the result reserve (medel från resultatutjämningsreserv, + = withdrawal, − = allocation), MSEK.
  double reserve_use_msek = 0.0;
  /// Other statutory balanced-budget adjustments (e.g. unrealised securities gains/losses), MSEK, signed.
  double other_balance_adjustments_msek = 0.0;
  /// True when the cost lines are net costs that hold the capital costs (SCB's net costs by activity, as in an
  /// approximate baseline): depreciation is then inside the cost lines, so a disposal's depreciation saving lowers
  /// operating costs instead of the depreciation line. False: depreciation is its own line (an adopted budget).
  bool depreciation_in_cost_lines = false;
  /// Opening cash and debt, the minimum cash and the depreciation classes of new investments (docs/model.md §15).
  CapitalPlan capital;
  /// The balanced-budget requirement over the years: deficits from before the base year, the result reserve's
  /// opening balance, negative equity and the automatic reserve options (balance_requirement.hpp, docs/model.md
  /// §16). Checked by the Projector.
  BalanceRequirement balance_requirement;

  /// Checks every field against the table of limits (limits.hpp, structures BaseYearState, CostLine, GrantItem,
  /// IncomeEqualisation), unique non-empty names, and (itemised) that the equalisation and the items sum to
  /// general_grants_msek within kGrantSumToleranceMsek.
  /// @throws InputError naming the field, the base year, the value and the allowed range.
  void validate() const;
  /// Sum of the cost lines, MSEK.
  double operating_costs_msek() const;
};

/// The tax base (skatteunderlag, MSEK) implied by a budget's tax revenue: (tax_revenue − final_settlement) /
/// (tax_rate / 100), the inverse of tax_revenue = rate / 100 × tax base + settlement (docs/model.md §3). Used to
/// calibrate a base year from an adopted budget, and to derive the tax base growth implied by its plan.
/// @param year the year named in messages (−1: none); else checked against [1900, 2200]
/// @throws InputError for an amount outside [−1e6, 1e6] MSEK, a rate outside [5, 50] kr per 100 kr or a
///         non-positive implied tax base (limits.hpp, implied_tax_base_msek).
double implied_tax_base_msek(double tax_revenue_msek, double tax_rate_kr_per_100kr, double final_settlement_msek = 0.0,
                             int year = -1);

/// Yearly assumptions for the projection years base_year + 1 .. horizon. Every series must cover all of them
/// except the optional ones (documented per field). The core applies no hidden defaults: the Python layer builds
/// these from data or documented defaults and labels each one.
struct Assumptions {
  PriceIndex price_index;                ///< PKV components per year (fractions)
  YearSeries tax_base_growth = YearSeries("tax_base_growth", {}, {});            ///< skatteunderlagets ökning per year, fraction
  YearSeries operating_income_growth = YearSeries("operating_income_growth", {}, {});    ///< growth of verksamhetens intäkter per year, fraction
  /// generella statsbidrag och utjämning per year, MSEK, where given (e.g. the adopted plan's figures); may be
  /// empty or cover only some of the projection years
  YearSeries general_grants_msek = YearSeries("general_grants_msek", {}, {});
  /// Growth of general grants (fraction) for each projection year WITHOUT a given amount:
  /// grants[t] = grants[t − 1] × (1 + general_grants_growth[t]).
  YearSeries general_grants_growth = YearSeries("general_grants_growth", {}, {});
  /// Grants as a total: years with neither an amount nor a general_grants_growth value grow with tax_base_growth
  /// (the rule is kept by the projector, as GrantItemPath::growth_follows_tax_base).
  bool general_grants_growth_follows_tax_base = false;
  /// Itemised grants only: inhabitants per projection year (persons), the growth of the national average tax
  /// capacity (fraction), and one path per grant item.
  YearSeries population = YearSeries("population", {}, {});
  YearSeries national_tax_capacity_growth = YearSeries("national_tax_capacity_growth", {}, {});
  std::vector<GrantItemPath> grant_items;
  /// Itemised grants, for the regulation rule (GrantItemPath::regulation_rule): the national net income
  /// equalisation (grants − fees of all municipalities) per inhabitant of Sweden in the base year, kr; grows with
  /// the national tax capacity. 0 = no rule in use.
  double national_net_income_equalisation_kr = 0.0;
  /// Optional (empty = 0): the announced change of general grants to the municipalities against the year before,
  /// kr per inhabitant of Sweden (e.g. +1 bn SEK ≈ +94 kr), added to an item with the regulation rule.
  YearSeries announced_grant_change_kr = YearSeries("announced_grant_change_kr", {}, {});
  /// Optional (empty = 0): final settlements for the previous year, MSEK.
  YearSeries final_settlement_previous_year_msek = YearSeries("final_settlement_previous_year_msek", {}, {});
  YearSeries depreciation_msek = YearSeries("depreciation_msek", {}, {});          ///< avskrivningar per year, MSEK, >= 0
  YearSeries financial_income_msek = YearSeries("financial_income_msek", {}, {});      ///< finansiella intäkter per year, MSEK, >= 0
  YearSeries financial_costs_msek = YearSeries("financial_costs_msek", {}, {});       ///< finansiella kostnader per year, MSEK, >= 0
  /// Optional: the own tax rate per year, kr per 100 kr; empty = the base-year rate held unchanged.
  YearSeries tax_rate_kr_per_100kr = YearSeries("tax_rate_kr_per_100kr", {}, {});
  /// Optional (empty = 0): final settlements (slutavräkning) per year, MSEK.
  YearSeries final_settlement_msek = YearSeries("final_settlement_msek", {}, {});
  /// Optional (empty = 0): realisation gains per year, MSEK.
  YearSeries realisation_gains_msek = YearSeries("realisation_gains_msek", {}, {});
  /// Optional (empty = 0): use of the result reserve per year, MSEK (+ withdrawal, − allocation).
  YearSeries reserve_use_msek = YearSeries("reserve_use_msek", {}, {});
  /// Optional (empty = none): net investments (nettoinvesteringar) per year, MSEK; may cover the base year; a year
  /// not covered invests 0. Given, BaseYearState::capital must name depreciation classes (docs/model.md §15).
  YearSeries investments_msek = YearSeries("investments_msek", {}, {});
  /// Interest rate on new borrowing per projection year, fraction; needed for every year after the plan when
  /// investments are given.
  YearSeries borrowing_rate = YearSeries("borrowing_rate", {}, {});
  /// Optional (empty = not split out): the interest on pension provisions (ränta på pensionsavsättning, part of
  /// the financial costs) where given, MSEK; may cover the base year.
  YearSeries pension_interest_msek = YearSeries("pension_interest_msek", {}, {});
  /// Growth of the interest on pension provisions after its last given figure (the income base amount's growth),
  /// fraction per year; needed for those years when pension_interest_msek is given.
  YearSeries pension_index_growth = YearSeries("pension_index_growth", {}, {});

  /// Checks every series over the projection years [from, to] against the table of limits (limits.hpp).
  /// @throws InputError naming the series and the missing or invalid year, for years [from, to]. With
  ///         `itemised` the grant paths, population and national growth are checked instead of the total. A year
  ///         outside [1900, 2200] is refused.
  void validate(int from, int to, bool itemised = false) const;
};

}  // namespace kommunbudget
