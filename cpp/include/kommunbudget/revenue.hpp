#pragma once
/// @file revenue.hpp
/// Income equalisation (inkomstutjämning) as in lag (2004:773) om kommunalekonomisk utjämning 3-6 §§ and
/// förordning (2004:881): a municipality whose tax capacity (skattekraft, the uprated tax base per inhabitant) is
/// below the guarantee of 115 % of the national average (medelskattekraft) receives a grant, one above it pays a
/// fee; both are computed with FIXED COUNTY RATES, never with the own rate (RULES.md §2; SKR, frågor och svar om
/// utjämningen). Hence a tax increase is kept in full, while a growth of the own tax base is largely equalised away.
///
/// Units: tax capacities in kr per inhabitant; population in persons; amounts in MSEK; rates in kr per 100 kr;
/// shares as fractions.
#include <string>

namespace kommunbudget {

/// Parameters of the income equalisation for one municipality.
struct IncomeEqualisation {
  /// Guarantee level as a share of the national average tax capacity: 1.15 for municipalities (lag 2004:773 3 §).
  double guarantee_share = 1.15;
  /// Share of the gap below the guarantee that the grant compensates, applied ON TOP of the county rate. Default 1:
  /// the county rates for the grant in förordning (2004:881) already stand at 95 % of the county's average rate
  /// (as the fee rates stand at 85 %: Stockholm 16.98 / 19.05 = 0.891 ≈ 85 / 95), so the "95 %" that circulates
  /// (RULES.md §2, unverified) is inside r. A documented parameter: with 1, Sjöbo's budgeted equalisation implies
  /// a tax capacity index of 89.6 %, against SCB's 89.2 % (2023).
  double compensation_degree = 1.0;
  /// County rate for the grant (länsvis skattesats, förordning 2004:881 2 §), kr per 100 kr, e.g. Skåne 19.70.
  double grant_rate_kr_per_100kr = 0.0;
  /// County rate for the fee (85 % of the county's average rate in 2003 since 2016, förordning 2004:881 in the
  /// wording of SFS 2015:1011, e.g. Stockholm 16.98), kr per 100 kr.
  double fee_rate_kr_per_100kr = 0.0;

  /// @throws InputError for a guarantee share outside [1, 2], a compensation degree outside (0, 1] or a rate
  ///         outside [5, 50] kr per 100 kr (the field, the value and the range named).
  void validate() const;
};

/// Income equalisation of one year, MSEK: grant (positive) c × (G·M − K) × population × r / 100 below the
/// guarantee, fee (negative) −(K − G·M) × population × r_fee / 100 above it.
/// @param own_tax_capacity_kr K, the municipality's uprated tax base per inhabitant, kr (> 0)
/// @param national_tax_capacity_kr M, medelskattekraft, kr (> 0)
/// @param population inhabitants on 1 November of the previous year (> 0)
/// @throws InputError for non-positive or non-finite inputs.
double income_equalisation_msek(const IncomeEqualisation& p, double own_tax_capacity_kr,
                                double national_tax_capacity_kr, double population);

/// The change of the equalisation per krona added to the own tax base (a fraction, <= 0): −c × r / 100 below the
/// guarantee, −r_fee / 100 above it. The municipality keeps own_rate / 100 + this of each added krona.
double equalisation_change_per_krona(const IncomeEqualisation& p, double own_tax_capacity_kr,
                                     double national_tax_capacity_kr);

/// The own tax capacity (kr per inhabitant) at which income_equalisation_msek() gives `equalisation_msek`: the
/// inverse used to calibrate the base year to a municipality's actual (budgeted) equalisation.
/// @throws InputError for non-finite inputs or an implied capacity that is not positive.
double implied_own_tax_capacity_kr(const IncomeEqualisation& p, double equalisation_msek,
                                   double national_tax_capacity_kr, double population);

/// The national average tax capacity (kr per inhabitant) at which income_equalisation_msek() gives
/// `equalisation_msek` for the own capacity given: used to derive the national growth implied by a municipality's
/// adopted plan. @throws InputError for non-finite inputs or a non-positive result.
double implied_national_tax_capacity_kr(const IncomeEqualisation& p, double equalisation_msek,
                                        double own_tax_capacity_kr, double population);

/// Growth per inhabitant from a total growth and the population growth (both fractions per year):
/// (1 + total) / (1 + population) − 1. E.g. a national tax base growing 4 % with 0.34 % more inhabitants grows
/// 3.65 % per inhabitant (the national tax capacity, medelskattekraft; RULES.md §5 'Befolkning och skatteunderlag').
/// @throws InputError for a growth outside the table of limits (per_inhabitant_growth rows).
double per_inhabitant_growth(double total_growth, double population_growth);

/// Growth of a municipality's own tax base (fraction) when its tax capacity per inhabitant grows by
/// `capacity_growth` and its inhabitants go from `population_before` to `population_after`:
/// (1 + capacity_growth) × population_after / population_before − 1 (skatteunderlag = skattekraft × invånare;
/// RULES.md §5). @throws InputError for a growth or a population outside the table of limits.
double own_tax_base_growth(double capacity_growth, double population_before, double population_after);

/// An amount given per inhabitant as MSEK for the municipality: kr_per_inhabitant × population / 10^6 (e.g. SKR's
/// final settlement forecast of −150 kr per inhabitant for 19 337 inhabitants: −2.90 MSEK).
/// @throws InputError for an amount or a population outside the table of limits (per_inhabitant_amount_msek rows).
double per_inhabitant_amount_msek(double kr_per_inhabitant, double population);

/// What one inhabitant more is worth to the municipality in a year, kr (one fewer: the same with the opposite
/// sign), when the inhabitant has the municipality's average tax capacity K: the own tax, rate / 100 × K, and the
/// change of the income equalisation, e / 100 × (G·M − K) with e = c·r (grant) below the guarantee and r_fee (fee)
/// above it (lag 2004:773 3-6 §§; RULES.md §5 'Marginalintäkt per invånare': about 1.15 × M × r / 100 for an
/// inhabitant without income, Sjöbo 2024 about 61 500 kr).
struct InhabitantWorth {
  double tax_kr = 0.0;           ///< own tax on the inhabitant's tax base, kr
  double equalisation_kr = 0.0;  ///< change of the income equalisation, kr (grant up / fee down for K < G·M)
  double total_kr() const { return tax_kr + equalisation_kr; }
};

/// InhabitantWorth for the own rate (kr per 100 kr), the own and national tax capacities (kr per inhabitant).
/// @throws InputError for an input outside the table of limits.
InhabitantWorth inhabitant_worth(const IncomeEqualisation& p, double tax_rate_kr_per_100kr, double own_tax_capacity_kr,
                                 double national_tax_capacity_kr);

}  // namespace kommunbudget
