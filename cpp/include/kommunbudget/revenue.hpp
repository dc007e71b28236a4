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

}  // namespace kommunbudget
