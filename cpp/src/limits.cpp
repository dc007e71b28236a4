#include "kommunbudget/limits.hpp"

#include <limits>

#include <fmt/format.h>

#include "kommunbudget/errors.hpp"

namespace kommunbudget {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
// Largest plausible amount of one municipal line, MSEK (Stockholm's total costs are about 70 000 MSEK).
constexpr double kMaxAmountMsek = 1.0e6;
// Largest plausible amount of one measure (a saving, a one-off cost, a property's value), MSEK.
constexpr double kMaxMeasureMsek = 1.0e5;
// Largest plausible yearly running cost, depreciation or rent of one property, MSEK.
constexpr double kMaxPropertyYearlyMsek = 1.0e4;
// Calendar years a series or a base year may name.
constexpr double kFirstYear = 1900.0;
constexpr double kLastYear = 2200.0;
// Inhabitants of one municipality: more than Sweden's 10.6 million would be an error.
constexpr double kMaxPopulation = 2.0e7;

// Row builders: each sets the kind, the unit and the message phrase the checks have always used for that kind.
constexpr FieldLimit amount(const char* s, const char* f, double lo, double hi, const char* unit, const char* d) {
  return {s, f, lo, hi, unit, LimitKind::Amount, d, false, false, false, unit};
}
constexpr FieldLimit msek(const char* s, const char* f, double lo, double hi, const char* d) {
  return amount(s, f, lo, hi, "MSEK", d);
}
// An amount that must exceed `lo` (a tax base, a capacity): the lower bound is open.
constexpr FieldLimit positive(const char* s, const char* f, double hi, const char* unit, const char* d) {
  return {s, f, 0.0, hi, unit, LimitKind::Amount, d, false, true, hi == kInf, unit};
}
constexpr FieldLimit whole(const char* s, const char* f, double lo, double hi, const char* unit, const char* d) {
  return {s, f, lo, hi, unit, LimitKind::WholeNumber, d, false, false, false, ""};
}
constexpr FieldLimit year(const char* s, const char* f, const char* d) {
  return whole(s, f, kFirstYear, kLastYear, "calendar year", d);
}
constexpr FieldLimit month(const char* s, const char* f, const char* d) { return whole(s, f, 1, 12, "months", d); }
constexpr FieldLimit ramp(const char* s, const char* f) {
  return whole(s, f, 1, 50, "years", "years to reach the full effect (1 = the full step in the first year)");
}
constexpr FieldLimit share(const char* s, const char* f, const char* d) {
  return {s, f, 0.0, 1.0, "fraction", LimitKind::Share, d, false, false, false, "for a share"};
}
// A yearly growth or price-change rate: −50 % to +50 % a year covers every observed municipal series (PKV
// components, tax base growth, volumes); anything outside is almost surely a unit error.
constexpr FieldLimit growth(const char* s, const char* f, const char* d) {
  return {s, f, -0.5, 0.5, "fraction per year", LimitKind::Fraction, d, false, false, false, "for a yearly rate"};
}
constexpr FieldLimit fraction(const char* s, const char* f, double lo, double hi, const char* unit, const char* note,
                              const char* d) {
  return {s, f, lo, hi, unit, LimitKind::Fraction, d, false, false, false, note};
}
// An own or county municipal tax rate: rates run from about 15 to 24.5 kr per 100 kr and Gotland's whole rate is
// 33.60 (SCB, skattesatser_kommun.csv); [5, 50] leaves room for any scenario while catching fractions (0.2092) and
// totals with a unit error.
constexpr FieldLimit tax_rate(const char* s, const char* f, const char* d) {
  return {s, f, 5.0, 50.0, "kr per 100 kr", LimitKind::TaxRate, d, false, false, false,
          "kr per 100 kr for a municipal tax rate"};
}
constexpr FieldLimit sentinel(FieldLimit row) {
  row.negative_sentinel = true;
  return row;
}

constexpr FieldLimit kBaseYearState[] = {
    year("BaseYearState", "year", "the base year (basår): the budget or accounts year carried forward"),
    tax_rate("BaseYearState", "tax_rate_kr_per_100kr", "own municipal rate (skattesats) of the base year"),
    positive("BaseYearState", "tax_base_msek", 1.0e8, "MSEK",
             "skatteunderlag the own rate applies to, > 0 (open lower bound)"),
    msek("BaseYearState", "final_settlement_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "slutavräkning for the current year booked in the base year, signed"),
    msek("BaseYearState", "final_settlement_previous_year_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "slutavräkning for the previous year (korrigering), signed"),
    msek("BaseYearState", "operating_income_msek", 0.0, kMaxAmountMsek, "verksamhetens intäkter, positive"),
    msek("BaseYearState", "depreciation_msek", 0.0, kMaxAmountMsek, "avskrivningar, positive"),
    msek("BaseYearState", "general_grants_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "generella statsbidrag och utjämning, signed (fees can exceed grants)"),
    amount("BaseYearState", "population", 1.0, kMaxPopulation, "inhabitants",
           "inhabitants for the income equalisation (1 November of the previous year); itemised grants only"),
    amount("BaseYearState", "national_tax_capacity_kr", 1.0e4, 1.0e7, "kr per inhabitant",
           "medelskattekraft of the base year (uprated); itemised grants only"),
    msek("BaseYearState", "income_equalisation_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "the base year's income equalisation (+ grant, − fee); itemised grants only"),
    msek("BaseYearState", "financial_income_msek", 0.0, kMaxAmountMsek, "finansiella intäkter, positive"),
    msek("BaseYearState", "financial_costs_msek", 0.0, kMaxAmountMsek, "finansiella kostnader, positive"),
    msek("BaseYearState", "realisation_gains_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "realisationsvinster inside operating income (deducted for the balanced-budget result)"),
    msek("BaseYearState", "reserve_use_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "use of the result reserve (+ withdrawal, − allocation)"),
    msek("BaseYearState", "other_balance_adjustments_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "other statutory balanced-budget adjustments, signed"),
};

constexpr FieldLimit kCostLine[] = {
    msek("CostLine", "cost_msek", 0.0, kMaxAmountMsek, "base-year gross cost of the line, positive"),
    sentinel(share("CostLine", "labour_share",
                   "labour share of the line; a negative value (−1) means each year's PKV labour weight")),
    growth("CostLine", "volume_growth", "volume growth of the line per projection year"),
};

constexpr FieldLimit kGrantItem[] = {
    msek("GrantItem", "amount_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "a general grant item other than the income equalisation, base year, signed (fees negative)"),
};

constexpr FieldLimit kGrantItemPath[] = {
    msek("GrantItemPath", "amounts_msek", -kMaxAmountMsek, kMaxAmountMsek, "given amounts of the item, signed"),
    growth("GrantItemPath", "growth", "growth of the item in years without a given amount"),
};

constexpr FieldLimit kIncomeEqualisation[] = {
    fraction("IncomeEqualisation", "guarantee_share", 1.0, 2.0, "fraction", "(fraction of medelskattekraft)",
             "guarantee level as a share of the national tax capacity: 1.15 for municipalities (lag 2004:773 3 §)"),
    {"IncomeEqualisation", "compensation_degree", 0.0, 1.0, "fraction", LimitKind::Fraction,
     "share of the gap below the guarantee compensated on top of the county rate, > 0 (open lower bound)", false,
     true, false, "(fraction)"},
    tax_rate("IncomeEqualisation", "grant_rate_kr_per_100kr", "county rate for the grant (förordning 2004:881 2 §)"),
    tax_rate("IncomeEqualisation", "fee_rate_kr_per_100kr", "county rate for the fee (förordning 2004:881)"),
};

constexpr FieldLimit kPriceIndex[] = {
    growth("PriceIndex", "labour_cost_change", "PKV labour-cost change (arbetskraftskostnad) per year"),
    growth("PriceIndex", "other_cost_change", "PKV other-consumption change (övrig förbrukning) per year"),
    share("PriceIndex", "labour_weight", "PKV labour weight per year (e.g. 0.691 in 2024)"),
};

// Wage agreements (avtal) that take effect in a month of the year and national figures of a vintage (RULES.md §5-6;
// docs/model.md "Vintage coherence").
constexpr FieldLimit kWageAgreement[] = {
    growth("WageAgreement", "rate", "the agreed wage increase from the agreement's month (avtalssats), per year"),
    month("WageAgreement", "start_month", "the month the agreed increase takes effect (usually 4: 1 April); the "
                                          "year counts (13 − month) / 12 of it, the next year the rest"),
    fraction("WageAgreement", "social_charges_rate", 0.0, 1.0, "fraction", "for a fraction of wages",
             "personalomkostnader (PO): social charges on top of wages, e.g. 0.40 for 40 %"),
};

constexpr FieldLimit kVintage[] = {
    growth("Vintage", "tax_base_growth_per_inhabitant", "national tax base growth per inhabitant (skattekraft)"),
    growth("Vintage", "national_population_growth", "growth of Sweden's population per year"),
    amount("Vintage", "final_settlement_kr_per_inhabitant", -5000.0, 5000.0, "kr per inhabitant",
           "SKR's forecast of a final settlement (slutavräkning), kr per inhabitant; observed within about ±1 500 kr"),
    fraction("Vintage", "uprating_factor", 0.8, 1.2, "factor", "for a factor (1.045 = +4.5 %)",
             "the government's uprating factor (uppräkningsfaktor) for an income year, e.g. 1.045"),
};

constexpr FieldLimit kAssumptions[] = {
    growth("Assumptions", "tax_base_growth", "growth of the own tax base (skatteunderlagets ökning)"),
    growth("Assumptions", "operating_income_growth", "growth of verksamhetens intäkter"),
    msek("Assumptions", "general_grants_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "general grants where given (grants as a total), signed"),
    growth("Assumptions", "general_grants_growth", "growth of general grants in years without a given amount"),
    amount("Assumptions", "population", 1.0, kMaxPopulation, "inhabitants",
           "inhabitants for the income equalisation per projection year"),
    growth("Assumptions", "national_tax_capacity_growth", "growth of the national average tax capacity"),
    amount("Assumptions", "national_net_income_equalisation_kr", -1.0e5, 1.0e5, "kr per inhabitant",
           "national net income equalisation (grants − fees) per inhabitant, base year, for the regulation rule"),
    amount("Assumptions", "announced_grant_change_kr", -1.0e4, 1.0e4, "kr per inhabitant",
           "announced change of general grants against the year before, per inhabitant of Sweden"),
    msek("Assumptions", "final_settlement_previous_year_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "slutavräkning for the previous year, signed"),
    msek("Assumptions", "depreciation_msek", 0.0, kMaxAmountMsek, "avskrivningar per year, positive"),
    msek("Assumptions", "financial_income_msek", 0.0, kMaxAmountMsek, "finansiella intäkter per year, positive"),
    msek("Assumptions", "financial_costs_msek", 0.0, kMaxAmountMsek, "finansiella kostnader per year, positive"),
    tax_rate("Assumptions", "tax_rate_kr_per_100kr", "own tax rate per projection year"),
    msek("Assumptions", "final_settlement_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "slutavräkning for the current year, signed"),
    msek("Assumptions", "realisation_gains_msek", -kMaxAmountMsek, kMaxAmountMsek, "realisation gains per year"),
    msek("Assumptions", "reserve_use_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "use of the result reserve per year (+ withdrawal, − allocation)"),
    msek("Assumptions", "investments_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "nettoinvesteringar per year (base year and later), optional; negative = sales exceed purchases"),
    fraction("Assumptions", "borrowing_rate", 0.0, 0.2, "fraction per year", "for an interest rate",
             "interest rate on new borrowing per projection year"),
    msek("Assumptions", "pension_interest_msek", 0.0, kMaxAmountMsek,
         "ränta på pensionsavsättning (part of financial costs) where given, optional"),
    growth("Assumptions", "pension_index_growth",
           "growth of the interest on pension provisions after the last given figure (inkomstbasbelopp)"),
};

constexpr FieldLimit kTaxChange[] = {
    year("TaxChange", "from_year", "first budget year with the new rate (must also be a projected year)"),
    {"TaxChange", "change_kr_per_100kr", -10.0, 10.0, "kr per 100 kr", LimitKind::TaxRateChange,
     "sustained change of the own rate, 0.50 = 50 öre", false, false, false, "kr per 100 kr"},
};

constexpr FieldLimit kEfficiencyMeasure[] = {
    year("EfficiencyMeasure", "from_year", "first year of the saving (must also be a projected year)"),
    fraction("EfficiencyMeasure", "rate", 0.0, 0.5, "fraction", "for an efficiency rate (fraction of the line's cost)",
             "share of the line's cost saved at full effect in one step"),
    month("EfficiencyMeasure", "start_month", "first month of the saving; the first year counts (13 − month) / 12"),
    ramp("EfficiencyMeasure", "ramp_years"),
    share("EfficiencyMeasure", "realised_share", "share of the rate expected to be realised"),
    msek("EfficiencyMeasure", "one_off_cost_msek", 0.0, kMaxMeasureMsek, "implementation cost in from_year"),
    sentinel(share("EfficiencyMeasure", "net_share",
                   "net (tax-financed) share of the line's gross cost; a negative value (−1) means the "
                   "municipality-wide share of the year (default, not data)")),
};

constexpr FieldLimit kEarnedIncomeChange[] = {
    year("EarnedIncomeChange", "income_year", "inkomstår; it reaches the tax base of income_year + 2"),
    msek("EarnedIncomeChange", "amount_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "change of residents' taxable earned income, signed"),
};

constexpr FieldLimit kWorkLinePolicy[] = {
    amount("WorkLinePolicy", "baseline_households", 0.0, 1.0e6, "households",
           "households on social assistance (biståndshushåll) in the base year"),
    amount("WorkLinePolicy", "cost_per_household_kr", 0.0, 1.0e7, "kr per year",
           "assistance paid per household and year, base-year kr"),
    growth("WorkLinePolicy", "household_trend", "own yearly growth of the baseline households"),
    year("WorkLinePolicy", "start_year", "first year of the policy (must also be a projected year)"),
    month("WorkLinePolicy", "start_month", "first month of the policy; the first year counts (13 − month) / 12"),
    share("WorkLinePolicy", "target_reduction", "share of the baseline households off assistance when fully ramped"),
    ramp("WorkLinePolicy", "ramp_years"),
    share("WorkLinePolicy", "share_into_work", "of the households leaving assistance, the share going into work"),
    amount("WorkLinePolicy", "earnings_per_person_kr", 0.0, 1.0e8, "kr per year",
           "yearly taxable earnings per person in work, base-year kr"),
    amount("WorkLinePolicy", "persons_per_household", 0.0, 10.0, "persons",
           "persons with an income per household leaving into work or taxable benefits"),
    msek("WorkLinePolicy", "implementation_cost_msek", 0.0, kMaxMeasureMsek,
         "yearly cost of the policy, base-year MSEK"),
    share("WorkLinePolicy", "share_into_benefits",
          "of the households leaving assistance and staying, the share leaving for taxable benefits"),
    amount("WorkLinePolicy", "benefit_per_person_kr", 0.0, 1.0e7, "kr per year",
           "yearly taxable benefits per person (a-kassa, aktivitetsstöd, sickness benefits), base-year kr"),
    share("WorkLinePolicy", "out_migration_share",
          "of the households leaving assistance, the share moving away from the municipality"),
    amount("WorkLinePolicy", "inhabitants_per_household", 0.0, 20.0, "persons",
           "inhabitants per household moving away (children too)"),
    amount("WorkLinePolicy", "price_base_amount_kr", 1.0e4, 5.0e5, "kr per year",
           "prisbasbelopp of an income year"),
};

constexpr FieldLimit kProperty[] = {
    amount("Property", "area_m2", 0.0, 1.0e7, "m²", "floor area"),
    msek("Property", "book_value_msek", 0.0, kMaxMeasureMsek, "bokfört värde"),
    msek("Property", "market_value_msek", 0.0, kMaxMeasureMsek, "marknadsvärde (the default sale price)"),
    msek("Property", "running_cost_msek", 0.0, kMaxPropertyYearlyMsek,
         "drift and maintenance a year, base-year prices"),
    msek("Property", "depreciation_msek", 0.0, kMaxPropertyYearlyMsek, "avskrivning a year (nominal)"),
    share("Property", "vacancy", "share of the area vacant (descriptive)"),
    msek("Property", "external_rent_msek", 0.0, kMaxPropertyYearlyMsek,
         "yearly rent for replacement premises if the need remains, base-year prices"),
};

constexpr FieldLimit kDisposal[] = {
    year("Disposal", "year", "year of the sale (must also be a projected year)"),
    month("Disposal", "month", "month of the sale; the first year counts (13 − month) / 12 of the yearly effects"),
    sentinel(msek("Disposal", "price_msek", 0.0, kMaxMeasureMsek,
                  "sale price; a negative value (−1) means the property's market value")),
    fraction("Disposal", "debt_interest_rate", 0.0, 0.2, "fraction per year", "for an interest rate",
             "interest rate on the debt the proceeds repay"),
};

constexpr FieldLimit kCapitalPlan[] = {
    msek("CapitalPlan", "opening_cash_msek", 0.0, kMaxAmountMsek, "likvida medel at the end of the base year"),
    sentinel(msek("CapitalPlan", "opening_debt_msek", 0.0, kMaxAmountMsek,
                  "interest-bearing debt at the end of the base year; a negative value (−1) means not given")),
    msek("CapitalPlan", "minimum_cash_msek", 0.0, kMaxAmountMsek,
         "cash kept before the debt grows (a borrowing need uses cash down to this floor)"),
    whole("CapitalPlan", "plan_last_year", 0.0, kLastYear, "calendar year",
          "the last year of the budget's own depreciation and financial costs (0 = the base year)"),
};

constexpr FieldLimit kDepreciationClass[] = {
    share("DepreciationClass", "share", "share of each year's net investment in the class (the shares sum to 1)"),
    amount("DepreciationClass", "years", 1.0, 100.0, "years", "depreciation period (avskrivningstid)"),
};

constexpr FieldLimit kFixedSaving[] = {
    msek("FixedSaving", "amount_msek", 0.0, kMaxMeasureMsek, "yearly saving at full effect, base-year MSEK"),
    year("FixedSaving", "start_year", "first year of the saving (must also be a projected year)"),
    month("FixedSaving", "start_month", "first month of the saving; the first year counts (13 − month) / 12"),
    ramp("FixedSaving", "ramp_years"),
    share("FixedSaving", "realised_share", "share of the saving expected to be realised"),
    sentinel(share("FixedSaving", "labour_share",
                   "labour share for uprating the saving; a negative value (−1) means the cost line's share, or "
                   "PKV's weight without a line")),
    msek("FixedSaving", "one_off_cost_msek", 0.0, kMaxMeasureMsek, "implementation cost in the start year"),
};

constexpr FieldLimit kTarget[] = {
    fraction("Target", "share", -0.5, 0.5, "fraction",
             "for a result target (fraction of tax revenue and general grants)",
             "result as a share of tax revenue and general grants (RESULT_SHARE only)"),
};

constexpr FieldLimit kBalanceRequirement[] = {
    msek("BalanceRequirement", "opening_reserve_msek", 0.0, kMaxAmountMsek,
         "the result reserve (resultatreserv; RUR before 2024) at the start of the base year"),
    // From 2000: the balanced-budget requirement applies from räkenskapsåret 2000 (kommunallagen 1991:900 8 kap.
    // 5 § as amended by SFS 1997:1114); no deficit of an earlier year is to be restored.
    whole("OpeningDeficit", "year", 2000.0, kLastYear, "calendar year",
          "the year of origin of a deficit not yet restored, before the base year (the requirement applies from "
          "2000, KL 1991:900 8 kap. 5 § as amended by SFS 1997:1114)"),
    {"OpeningDeficit", "amount_msek", 0.0, kMaxAmountMsek, "MSEK", LimitKind::Amount,
     "the part of the deficit not yet restored at the start of the base year, > 0 (open lower bound)", false, true,
     false, "MSEK"},
};

constexpr FieldLimit kPlanYear[] = {
    year("PlanYear", "year", "a plan year of the adopted budget (consecutive from the base year + 1)"),
    positive("PlanYear", "preliminary_tax_msek", kMaxAmountMsek, "MSEK",
             "the plan's preliminary municipal tax, > 0 (open lower bound)"),
    tax_rate("PlanYear", "tax_rate_kr_per_100kr", "the own rate of the plan year"),
    positive("PlanYear", "operating_income_msek", kMaxAmountMsek, "MSEK",
             "the plan's verksamhetens intäkter, > 0 (a ratio of two years is taken)"),
    positive("PlanYear", "operating_costs_msek", kMaxAmountMsek, "MSEK",
             "the plan's verksamhetens kostnader as a positive amount, > 0 (a ratio of two years is taken)"),
    msek("PlanYear", "income_equalisation_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "the plan's income equalisation (+ grant, − fee); itemised grants only"),
    amount("PlanYear", "population", 1.0, kMaxPopulation, "inhabitants",
           "the equalisation's inhabitants in the plan year; itemised grants only"),
};

constexpr FieldLimit kHorizon[] = {
    whole("Projection", "horizon_years", 0, 50, "years", "years projected after the base year (horizon − base year)"),
    {"Projection", "tax_rate_after_changes", 0.0, 50.0, "kr per 100 kr", LimitKind::TaxRate,
     "the own rate after the scenario's tax changes, > 0 (open lower bound)", false, true, false, "kr per 100 kr"},
};

constexpr FieldLimit kYearSeries[] = {
    year("YearSeries", "year", "a calendar year of any series or year argument"),
};

constexpr FieldLimit kFunctions[] = {
    {"required_tax_rate", "tax_rate_kr_per_100kr", 0.0, 100.0, "kr per 100 kr", LimitKind::Amount,
     "a required rate; above 100 kr per 100 kr (all of the income) no rate can be levied", false, false, false,
     "kr per 100 kr"},
    amount("household_tax_change_kr", "taxable_income_kr", 0.0, 1.0e9, "kr per year",
           "a household's yearly taxable earned income"),
    amount("basic_deduction_kr", "income_kr", 0.0, 1.0e9, "kr per year",
           "a person's fastställd förvärvsinkomst (income before the basic deduction)"),
    amount("basic_deduction_kr", "price_base_amount_kr", 1.0e4, 5.0e5, "kr per year",
           "prisbasbelopp of the income year"),
    msek("net_cost_gap_msek", "net_cost_msek", 0.0, kMaxAmountMsek, "a service area's net cost"),
    amount("net_cost_gap_msek", "net_cost_deviation_percent", -99.999, 1000.0, "percent",
           "Kolada's net cost deviation (NKA) against the reference cost; −100 % would mean a zero reference"),
    msek("peer_gap_msek", "net_cost_msek", 0.0, kMaxAmountMsek, "a service area's net cost"),
    amount("peer_gap_msek", "population", 0.0, kMaxPopulation, "persons", "the municipality's inhabitants"),
    amount("peer_gap_msek", "peer_cost_per_inhabitant_kr", 0.0, 1.0e6, "kr per inhabitant",
           "the peers' net cost per inhabitant"),
    msek("implied_tax_base_msek", "tax_revenue_msek", -kMaxAmountMsek, kMaxAmountMsek, "a budget's tax revenue"),
    msek("implied_tax_base_msek", "final_settlement_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "the settlements inside that tax revenue"),
    positive("implied_tax_base_msek", "tax_base_msek", kInf, "MSEK", "the implied tax base, > 0 (open lower bound)"),
    positive("income_equalisation_msek", "own_tax_capacity_kr", kInf, "kr per inhabitant",
             "the own tax capacity (skattekraft), > 0 (open lower bound)"),
    positive("income_equalisation_msek", "national_tax_capacity_kr", kInf, "kr per inhabitant",
             "medelskattekraft, > 0 (open lower bound)"),
    positive("income_equalisation_msek", "population", kInf, "inhabitants",
             "inhabitants on 1 November of the previous year, > 0 (open lower bound)"),
    amount("per_inhabitant_amount_msek", "kr_per_inhabitant", -1.0e5, 1.0e5, "kr per inhabitant",
           "an amount per inhabitant (e.g. a settlement forecast)"),
    amount("per_inhabitant_amount_msek", "population", 1.0, kMaxPopulation, "inhabitants", "the inhabitants"),
    growth("per_inhabitant_growth", "total_growth", "the total growth (e.g. of the national tax base)"),
    growth("per_inhabitant_growth", "population_growth", "the growth of the population"),
    growth("own_tax_base_growth", "capacity_growth", "growth of the tax capacity per inhabitant"),
    amount("own_tax_base_growth", "population_before", 1.0, kMaxPopulation, "inhabitants",
           "inhabitants the year before"),
    amount("own_tax_base_growth", "population_after", 1.0, kMaxPopulation, "inhabitants", "inhabitants the year"),
    positive("user_volume_growth", "users_before", kMaxPopulation, "persons",
             "a service's users (its age group's count) the year before, > 0 (open lower bound)"),
    amount("user_volume_growth", "users_after", 0.0, kMaxPopulation, "persons",
           "a service's users (its age group's count) the year"),
    positive("tax_rate_equivalent_ore", "tax_base_msek", kInf, "MSEK",
             "the tax base an amount is expressed against, > 0 (open lower bound)"),
    positive("estimate_revenue", "tax_base_msek", 1.0e8, "MSEK", "the municipality's tax base, > 0 (open lower bound)"),
    positive("estimate_revenue", "own_tax_capacity_kr", 1.0e7, "kr per inhabitant",
             "the own tax capacity, > 0 (open lower bound)"),
    amount("estimate_revenue", "national_tax_capacity_kr", 1.0e4, 1.0e7, "kr per inhabitant", "medelskattekraft"),
    amount("estimate_revenue", "population", 1.0, kMaxPopulation, "inhabitants", "the municipality's inhabitants"),
    msek("balancing_grant_item_msek", "net_cost_msek", 0.0, kMaxAmountMsek,
         "the approximate base year's net costs (SCB, sum of the cost lines)"),
    msek("balancing_grant_item_msek", "tax_revenue_msek", 0.0, kMaxAmountMsek, "the estimated tax revenue"),
    msek("balancing_grant_item_msek", "income_equalisation_msek", -kMaxAmountMsek, kMaxAmountMsek,
         "the estimated income equalisation, signed"),
    msek("gap_saving_msek", "gap_msek", 0.0, kMaxAmountMsek,
         "a service area's gap to the reference cost (nka_gap) or to peers (area_gap)"),
    share("gap_saving_msek", "share_closed", "share of the gap the measure closes"),
    msek("premises_target_saving_msek", "total_premises_cost_msek", 0.0, kMaxMeasureMsek,
         "the premises' yearly running cost + depreciation, base-year prices"),
    share("premises_target_saving_msek", "share", "share of the premises cost to save (e.g. Lomma's 0.10)"),
};

constexpr FieldLimit kShocks[] = {
    fraction("fill_shocks", "sd", 0.0, 0.5, "fraction per year", "for the standard deviation of a yearly growth shock",
             "standard deviation of a yearly growth shock (fill_shocks); 0 = no shock, above 0.5 (50 percentage "
             "points a year) would be a unit error"),
    fraction("fill_shocks", "correlation", -1.0, 1.0, "fraction", "for a correlation",
             "an entry of the shocks' correlation matrix (symmetric, ones on the diagonal, positive semi-definite)"),
    whole("fill_shocks", "n_draws", 1, 1.0e12, "draws", "draws (Monte Carlo samples) in one call, >= 1"),
    whole("fill_shocks", "n_years", 1, 51, "years",
          "years of shocks per draw (a horizon of up to 50 years + the base year)"),
};

// Sensitivity analysis (python/kommunbudget/analysis/sensitivity.py, docs/model.md §20): Saltelli's base samples
// (a power of 2; the batch runs N × (D + 2) rows, D factors: 2^15 × 7 × 11 years × 10 matrices of doubles is about
// 200 MB), the seed of the scrambled Sobol' sequence, and a factor's shift of a yearly growth rate (±20 percentage
// points is far beyond any forecast revision of PKV, the tax base or volumes; the shifted rate must also stay inside
// its own field's row).
constexpr FieldLimit kSensitivity[] = {
    whole("sobol", "n", 16, 32768, "samples",
          "base samples N of Saltelli's scheme (a power of 2); the batch evaluates N × (D + 2) rows"),
    whole("sobol", "seed", 0, 4294967295.0, "number", "seed of the scrambled Sobol' sequence (and of the bootstrap)"),
    fraction("sobol", "shift", -0.2, 0.2, "fraction per year", "for the shift of a yearly growth rate",
             "a Sobol factor's low or high shift of a yearly growth rate, added in the years after the plan"),
};

// The Monte Carlo engine's spec (monte_carlo.hpp, docs/model.md §19).
constexpr FieldLimit kMonteCarlo[] = {
    fraction("MonteCarloSpec", "sd", 0.0, 0.5, "fraction", "for a shock's standard deviation",
             "standard deviation of a shock: fraction per year (yearly shocks), share units (measure_realisation) or "
             "of the log of the price factor (sale_price); above 0.5 would be a unit error"),
    whole("MonteCarloSpec", "n_draws", 1, 1.0e12, "draws", "draws in one Monte Carlo call, >= 1"),
    whole("MonteCarloSpec", "bins", 16, 1.0e6, "bins", "histogram bins per output and year (quantile error: one bin)"),
    whole("MonteCarloSpec", "kept_cells", 1, 2.0e6, "cells",
          "n_draws × n_years with keep_draws: 2e6 cells (200 000 draws of a 10-year horizon) keep 48 MB of outputs"),
    whole("MonteCarloSpec", "threads", 0, 1024, "threads", "worker threads; 0 = one per hardware thread"),
};

template <std::size_t N>
void append(std::vector<FieldLimit>& out, const FieldLimit (&rows)[N]) {
  out.insert(out.end(), rows, rows + N);
}
}  // namespace

const char* to_string(LimitKind kind) {
  switch (kind) {
    case LimitKind::Amount:
      return "amount";
    case LimitKind::WholeNumber:
      return "whole_number";
    case LimitKind::Share:
      return "share";
    case LimitKind::Fraction:
      return "fraction";
    case LimitKind::TaxRate:
      return "tax_rate";
    case LimitKind::TaxRateChange:
      return "tax_rate_change";
  }
  return "unknown";
}

const std::vector<FieldLimit>& field_limits() {
  static const std::vector<FieldLimit> all = [] {
    std::vector<FieldLimit> out;
    append(out, kBaseYearState);
    append(out, kCostLine);
    append(out, kGrantItem);
    append(out, kGrantItemPath);
    append(out, kIncomeEqualisation);
    append(out, kPriceIndex);
    append(out, kWageAgreement);
    append(out, kVintage);
    append(out, kAssumptions);
    append(out, kTaxChange);
    append(out, kEfficiencyMeasure);
    append(out, kEarnedIncomeChange);
    append(out, kWorkLinePolicy);
    append(out, kProperty);
    append(out, kDisposal);
    append(out, kCapitalPlan);
    append(out, kDepreciationClass);
    append(out, kFixedSaving);
    append(out, kTarget);
    append(out, kBalanceRequirement);
    append(out, kPlanYear);
    append(out, kHorizon);
    append(out, kYearSeries);
    append(out, kFunctions);
    append(out, kShocks);
    append(out, kSensitivity);
    append(out, kMonteCarlo);
    return out;
  }();
  return all;
}

const FieldLimit* find_field_limit(std::string_view structure, std::string_view field) noexcept {
  for (const FieldLimit& row : field_limits()) {
    if (structure == row.structure && field == row.field) return &row;
  }
  return nullptr;
}

const FieldLimit& field_limit(std::string_view structure, std::string_view field) {
  const std::vector<FieldLimit>& rows = field_limits();
  bool known_structure = false;
  for (const FieldLimit& row : rows) {
    if (structure != row.structure) continue;
    known_structure = true;
    if (field == row.field) return row;
  }
  std::string known;
  if (known_structure) {
    for (const FieldLimit& row : rows) {
      if (structure == row.structure) known += (known.empty() ? "" : ", ") + std::string(row.field);
    }
    throw InputError(fmt::format("field_limit: '{}' has no field '{}' in the table of limits; expected one of: {}",
                                 structure, field, known));
  }
  std::vector<std::string> names;
  for (const FieldLimit& row : rows) {
    if (names.empty() || names.back() != row.structure) names.emplace_back(row.structure);
  }
  for (const std::string& name : names) known += (known.empty() ? "" : ", ") + name;
  throw InputError(
      fmt::format("field_limit: '{}' is not a structure in the table of limits; expected one of: {}", structure, known));
}

std::string format_range(const FieldLimit& row) {
  return fmt::format("{}{:g}, {:g}{}", row.low_open ? "(" : "[", row.low, row.high, row.high_open ? ")" : "]");
}

}  // namespace kommunbudget
