#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "fields.hpp"
#include "kommunbudget/projection.hpp"

namespace py = pybind11;
using namespace kommunbudget;

namespace {
// Statement lines in statutory order, then memo items. The names are the C++ field names.
const char* const kLines[] = {"operating_income",  "operating_costs",   "depreciation",
                              "net_operating_cost", "tax_revenue",       "general_grants",
                              "operating_result",   "financial_income",  "financial_costs",
                              "result",             "realisation_gains", "other_balance_adjustments",
                              "reserve_use",        "balanced_budget_result", "result_share",
                              "tax_rate",           "tax_base",          "final_settlement",
                              "efficiency_saving",  "efficiency_one_off_cost", "tax_change_revenue", "preliminary_tax",
                              "final_settlement_previous_year", "final_settlement_current_year",
                              "income_equalisation", "other_general_grants", "equalisation_tax_base",
                              "own_tax_capacity", "national_tax_capacity", "population", "inhabitant_tax_kr",
                              "inhabitant_equalisation_kr", "inhabitant_regulation_kr",
                              "equalisation_change_per_krona", "kept_per_krona", "earned_income_effect",
                              "work_line_households_reduced", "work_line_saving", "work_line_cost",
                              "work_line_earnings", "work_line_tax_base", "work_line_tax_gain",
                              "work_line_equalisation_change", "work_line_net", "disposal_realisation_gain",
                              "disposal_running_cost_saved", "disposal_depreciation_saved",
                              "disposal_interest_saved", "disposal_external_rent", "disposal_net",
                              "disposal_net_balanced_budget", "fixed_saving", "fixed_saving_one_off_cost",
                              "disposal_proceeds", "disposal_debt_repaid", "investments",
                              "new_investment_depreciation", "self_financing", "self_financing_ratio",
                              "borrowing_need", "debt_at_year_end", "cash_at_year_end", "new_borrowing_interest",
                              "pension_interest",
                              "work_line_benefits", "work_line_basic_deduction", "work_line_persons_moved",
                              "work_line_migration_equalisation", "efficiency_net_share",
                              "result_after_balance_adjustments", "reserve_possible_reservation",
                              "reserve_reservation", "reserve_withdrawal", "reserve_balance",
                              "reserve_overdrawn",
                              "restoration_required", "deficit_falling_due", "deficit_restored", "deficit_breach",
                              "new_deficit", "deficit_to_restore", "oldest_deficit_due_year", "one_off_items",
                              "result_excluding_one_offs"};
}  // namespace

void kommunbudget::bindings::bind_projection(py::module_& m) {
  py::class_<TaxChange> tax(m, "TaxChange", "A sustained change of the own rate from 1 January of from_year, "
                                            "change_kr_per_100kr (0.50 = 50 öre; allowed [-10, 10]).");
  define_fields(tax, "TaxChange", "from_year", &TaxChange::from_year, "change_kr_per_100kr",
                &TaxChange::change_kr_per_100kr);
  py::class_<EfficiencyMeasure> eff(m, "EfficiencyMeasure",
                                    "Efficiency on a cost line (service area) or all ('' = all): the step rate × "
                                    "realised_share (fractions; rate in [0, 0.5]) reached over ramp_years from "
                                    "from_year, one-off and persisting or again every year (yearly=True); a start "
                                    "after January counts (13 − start_month)/12 of the first year; one_off_cost_msek "
                                    "in from_year. The rate's base is the net (tax-financed) cost: net_share of the "
                                    "line (negative = the municipality-wide share of the year), or the gross cost "
                                    "with on_gross=True.");
  define_fields(eff, "EfficiencyMeasure", "from_year", &EfficiencyMeasure::from_year, "rate",
                &EfficiencyMeasure::rate, "yearly", &EfficiencyMeasure::yearly, "cost_line",
                &EfficiencyMeasure::cost_line, "start_month", &EfficiencyMeasure::start_month, "ramp_years",
                &EfficiencyMeasure::ramp_years, "realised_share", &EfficiencyMeasure::realised_share,
                "one_off_cost_msek", &EfficiencyMeasure::one_off_cost_msek, "on_gross", &EfficiencyMeasure::on_gross,
                "net_share", &EfficiencyMeasure::net_share);
  py::class_<EarnedIncomeChange> earned(m, "EarnedIncomeChange",
                                        "A change of residents' taxable earned income in income_year (MSEK); it "
                                        "reaches the tax base of income_year + 2.");
  define_fields(earned, "EarnedIncomeChange", "income_year", &EarnedIncomeChange::income_year, "amount_msek",
                &EarnedIncomeChange::amount_msek);
  m.def("net_cost_gap_msek", &net_cost_gap_msek, py::arg("net_cost_msek"), py::arg("net_cost_deviation_percent"),
        "Gap to the reference cost, MSEK: net cost (MSEK, [0, 1e6]) × NKA / (100 + NKA), NKA in percent "
        "[-99.999, 1000]; 0 for NKA <= 0.");
  m.def("peer_gap_msek", &peer_gap_msek, py::arg("net_cost_msek"), py::arg("population"),
        py::arg("peer_cost_per_inhabitant_kr"),
        "Gap to peers, MSEK: net cost (MSEK) − peer cost (kr per inhabitant) × population / 1e6; 0 when at or below.");
  m.def("remaining_year_share", &remaining_year_share, py::arg("start_month"),
        "Share of a year left from the first day of start_month (1-12): (13 − month) / 12.");
  py::class_<WorkLinePolicy> work(m, "WorkLinePolicy",
                                  "A work-line policy for households on social assistance: baseline households and "
                                  "cost per household (kr), trend, start year and month, target reduction, ramp "
                                  "years, share into work, earnings per person (kr), persons per household, yearly "
                                  "implementation cost (MSEK), share into taxable benefits and benefit per person "
                                  "(kr), out-migration share and inhabitants per household moving away, prisbasbelopp "
                                  "per income year (YearSeries, kr; for the basic deduction). Fractions as "
                                  "fractions.");
  define_fields(work, "WorkLinePolicy", "name", &WorkLinePolicy::name, "baseline_households",
                &WorkLinePolicy::baseline_households, "cost_per_household_kr", &WorkLinePolicy::cost_per_household_kr,
                "household_trend", &WorkLinePolicy::household_trend, "start_year", &WorkLinePolicy::start_year,
                "start_month", &WorkLinePolicy::start_month, "target_reduction", &WorkLinePolicy::target_reduction,
                "ramp_years", &WorkLinePolicy::ramp_years, "share_into_work", &WorkLinePolicy::share_into_work,
                "earnings_per_person_kr", &WorkLinePolicy::earnings_per_person_kr, "persons_per_household",
                &WorkLinePolicy::persons_per_household, "implementation_cost_msek",
                &WorkLinePolicy::implementation_cost_msek, "share_into_benefits", &WorkLinePolicy::share_into_benefits,
                "benefit_per_person_kr", &WorkLinePolicy::benefit_per_person_kr, "out_migration_share",
                &WorkLinePolicy::out_migration_share, "inhabitants_per_household",
                &WorkLinePolicy::inhabitants_per_household, "price_base_amount_kr",
                &WorkLinePolicy::price_base_amount_kr);
  m.def("basic_deduction_kr", &basic_deduction_kr, py::arg("income_kr"), py::arg("price_base_amount_kr"),
        "Grundavdrag (kr) below 66, inkomstskattelagen 63 kap. 3 §: of a fastställd förvärvsinkomst income_kr (kr, "
        "[0, 1e9]) with the year's prisbasbelopp (kr, [1e4, 5e5]); rounded up to whole hundreds, at most the income.");
  py::class_<Property> property(m, "Property",
                                "A property of the premises: id, use, area_m2, book_value_msek, market_value_msek, "
                                "running_cost_msek (a year, base-year prices), depreciation_msek (a year), vacancy "
                                "(share), need_remains, external_rent_msek (a year, if the need remains).");
  define_fields(property, "Property", "id", &Property::id, "use", &Property::use, "area_m2", &Property::area_m2,
                "book_value_msek", &Property::book_value_msek, "market_value_msek", &Property::market_value_msek,
                "running_cost_msek", &Property::running_cost_msek, "depreciation_msek", &Property::depreciation_msek,
                "vacancy", &Property::vacancy, "need_remains", &Property::need_remains, "external_rent_msek",
                &Property::external_rent_msek);
  py::class_<Disposal> disposal(m, "Disposal",
                                "Sale of a property in year from month: price_msek (negative = market value), "
                                "debt_interest_rate (fraction) on the debt the proceeds repay.");
  define_fields(disposal, "Disposal", "property", &Disposal::property, "year", &Disposal::year, "month",
                &Disposal::month, "price_msek", &Disposal::price_msek, "debt_interest_rate",
                &Disposal::debt_interest_rate);
  py::class_<FixedSaving> saving(m, "FixedSaving",
                                 "A yearly saving at full effect (base-year MSEK) from start_year/start_month, ramped "
                                 "over ramp_years, realised_share realised, uprated with labour_share (negative = "
                                 "PKV), one_off_cost_msek in the start year.");
  define_fields(saving, "FixedSaving", "name", &FixedSaving::name, "amount_msek", &FixedSaving::amount_msek,
                "start_year", &FixedSaving::start_year, "start_month", &FixedSaving::start_month, "ramp_years",
                &FixedSaving::ramp_years, "realised_share", &FixedSaving::realised_share, "labour_share",
                &FixedSaving::labour_share, "one_off_cost_msek", &FixedSaving::one_off_cost_msek, "cost_line",
                &FixedSaving::cost_line);
  py::class_<Measures> measures(m, "Measures",
                                "The measures of a scenario: lists tax_changes, efficiency, earned_income_changes, "
                                "work_lines, disposals, fixed_savings.");
  define_fields(measures, "Measures", "tax_changes", &Measures::tax_changes, "efficiency", &Measures::efficiency,
                "earned_income_changes", &Measures::earned_income_changes, "work_lines", &Measures::work_lines,
                "disposals", &Measures::disposals, "fixed_savings", &Measures::fixed_savings);

  py::class_<IncomeStatement> st(m, "IncomeStatement",
                                 "Income statement per year (resultaträkning), base year first. Each line is a "
                                 "float64 array of shape (n_years,), nominal MSEK with statutory signs (costs "
                                 "negative); result_share is a fraction, tax_rate kr per 100 kr.");
  st.def_readonly("years", &IncomeStatement::years, "The years, base year first (list of int).");
  st.def_property_readonly_static("LINES", [](const py::object&) {
    py::list names;
    for (const char* n : kLines) names.append(n);
    return names;
  });
  st.def_readonly("operating_income", &IncomeStatement::operating_income, "verksamhetens intäkter (+), incl. realisation gains (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("operating_costs", &IncomeStatement::operating_costs, "verksamhetens kostnader (−) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("depreciation", &IncomeStatement::depreciation, "avskrivningar (−) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("net_operating_cost", &IncomeStatement::net_operating_cost, "verksamhetens nettokostnader = income + costs + depreciation (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("tax_revenue", &IncomeStatement::tax_revenue, "skatteintäkter = preliminary tax + final settlements (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("general_grants", &IncomeStatement::general_grants, "generella statsbidrag och utjämning = income equalisation + other items (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("operating_result", &IncomeStatement::operating_result, "verksamhetens resultat = net operating cost + tax + grants (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("financial_income", &IncomeStatement::financial_income, "finansiella intäkter (+) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("financial_costs", &IncomeStatement::financial_costs, "finansiella kostnader (−) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("result", &IncomeStatement::result, "årets resultat = operating result + financial income + costs (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("realisation_gains", &IncomeStatement::realisation_gains, "avgår: realisationsvinster — the gains (part of operating income) deducted for the balanced-budget result, printed NEGATIVE as in the balanskravsutredning (a gain of 5 MSEK is −5 here) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("other_balance_adjustments", &IncomeStatement::other_balance_adjustments, "other balanskrav adjustments (signed) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("reserve_use", &IncomeStatement::reserve_use, "medel från (+) / till (−) resultatutjämningsreserv (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("balanced_budget_result", &IncomeStatement::balanced_budget_result, "balanskravsresultat = result + realisation_gains (negative) + other adjustments + reserve use (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("result_share", &IncomeStatement::result_share, "result / (tax revenue + general grants), fraction (resultat i procent av skatter och statsbidrag) (float64 array of shape (n_years,), fraction).");
  st.def_readonly("tax_rate", &IncomeStatement::tax_rate, "own tax rate (float64 array of shape (n_years,), kr per 100 kr).");
  st.def_readonly("tax_base", &IncomeStatement::tax_base, "skatteunderlag (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("final_settlement", &IncomeStatement::final_settlement, "slutavräkningar within tax revenue (both years) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("efficiency_saving", &IncomeStatement::efficiency_saving, "cost avoided by efficiency measures this year, MSEK (positive) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("efficiency_one_off_cost", &IncomeStatement::efficiency_one_off_cost, "one-off implementation costs of efficiency measures (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("efficiency_net_share", &IncomeStatement::efficiency_net_share, "municipality-wide net (tax-financed) share of the cost lines without measures: the default base of an efficiency rate (float64 array of shape (n_years,), fraction).");
  st.def_readonly("tax_change_revenue", &IncomeStatement::tax_change_revenue, "revenue from tax changes this year, MSEK (positive for a rise) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("preliminary_tax", &IncomeStatement::preliminary_tax, "preliminär kommunalskatt = rate / 100 × tax base (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("final_settlement_previous_year", &IncomeStatement::final_settlement_previous_year, "slutavräkning for the previous year (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("final_settlement_current_year", &IncomeStatement::final_settlement_current_year, "slutavräkning for the current year (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("income_equalisation", &IncomeStatement::income_equalisation, "inkomstutjämning (+ grant, − fee), MSEK; 0 when grants are a total (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("other_general_grants", &IncomeStatement::other_general_grants, "general grants other than the income equalisation (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("equalisation_tax_base", &IncomeStatement::equalisation_tax_base, "the own tax base as the equalisation sees it (calibrated) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("own_tax_capacity", &IncomeStatement::own_tax_capacity, "skattekraft in the equalisation (float64 array of shape (n_years,), kr per inhabitant).");
  st.def_readonly("national_tax_capacity", &IncomeStatement::national_tax_capacity, "medelskattekraft (float64 array of shape (n_years,), kr per inhabitant).");
  st.def_readonly("population", &IncomeStatement::population, "inhabitants used by the equalisation (float64 array of shape (n_years,), inhabitants).");
  st.def_readonly("inhabitant_tax_kr", &IncomeStatement::inhabitant_tax_kr, "own tax that one inhabitant more with the average tax capacity brings (float64 array of shape (n_years,), kr).");
  st.def_readonly("inhabitant_equalisation_kr", &IncomeStatement::inhabitant_equalisation_kr, "change of the income equalisation for one inhabitant more (float64 array of shape (n_years,), kr).");
  st.def_readonly("inhabitant_regulation_kr", &IncomeStatement::inhabitant_regulation_kr, "regulation grant/fee per inhabitant that one inhabitant more brings (float64 array of shape (n_years,), kr).");
  st.def_readonly("equalisation_change_per_krona", &IncomeStatement::equalisation_change_per_krona, "Change of the equalisation per krona added to the own tax base (≤ 0; −c·r/100 or −r_fee/100). (float64 array of shape (n_years,), fraction).");
  st.def_readonly("kept_per_krona", &IncomeStatement::kept_per_krona, "What the municipality keeps of a krona added to its own tax base: rate / 100 + the change above. (float64 array of shape (n_years,), fraction).");
  st.def_readonly("earned_income_effect", &IncomeStatement::earned_income_effect, "tax base added by earned-income changes this year (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("work_line_households_reduced", &IncomeStatement::work_line_households_reduced, "households off assistance against the baseline path (float64 array of shape (n_years,), households).");
  st.def_readonly("work_line_saving", &IncomeStatement::work_line_saving, "assistance saved, MSEK (lowers operating costs) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("work_line_cost", &IncomeStatement::work_line_cost, "implementation cost, MSEK (raises operating costs) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("work_line_earnings", &IncomeStatement::work_line_earnings, "earnings of those moved into work in this income year (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("work_line_tax_base", &IncomeStatement::work_line_tax_base, "tax base added this year (earnings of two years before) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("work_line_tax_gain", &IncomeStatement::work_line_tax_gain, "own-rate tax on that added base (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("work_line_equalisation_change", &IncomeStatement::work_line_equalisation_change, "the income equalisation's change on it, MSEK (≤ 0 below 115 %) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("work_line_net", &IncomeStatement::work_line_net, "saving − cost + tax gain + equalisation change + migration equalisation (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("work_line_benefits", &IncomeStatement::work_line_benefits, "taxable benefits of those leaving for benefits, income year (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("work_line_basic_deduction", &IncomeStatement::work_line_basic_deduction, "grundavdrag on those earnings and benefits, income year (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("work_line_persons_moved", &IncomeStatement::work_line_persons_moved, "inhabitants moved away by the end of the year (float64 array of shape (n_years,), persons).");
  st.def_readonly("work_line_migration_equalisation", &IncomeStatement::work_line_migration_equalisation, "the income equalisation's change from those moved away, counted from the next year, ≤ 0 (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("disposal_realisation_gain", &IncomeStatement::disposal_realisation_gain, "price − book value in the year of sale (a loss is negative) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("disposal_running_cost_saved", &IncomeStatement::disposal_running_cost_saved, "running cost no longer paid (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("disposal_depreciation_saved", &IncomeStatement::disposal_depreciation_saved, "depreciation no longer booked (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("disposal_interest_saved", &IncomeStatement::disposal_interest_saved, "interest on the debt the proceeds repaid (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("disposal_external_rent", &IncomeStatement::disposal_external_rent, "rent for replacement premises (a cost) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("disposal_net", &IncomeStatement::disposal_net, "effect on the result (gain + savings − rent) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("disposal_net_balanced_budget", &IncomeStatement::disposal_net_balanced_budget, "effect on the balanced-budget result (without gains) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("fixed_saving", &IncomeStatement::fixed_saving, "saving realised this year (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("fixed_saving_one_off_cost", &IncomeStatement::fixed_saving_one_off_cost, "one-off implementation costs this year (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("disposal_proceeds", &IncomeStatement::disposal_proceeds, "sale prices received in the year of sale (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("disposal_debt_repaid", &IncomeStatement::disposal_debt_repaid, "the part of the proceeds that repays the existing debt (at most the debt; 0 when no debt is given) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("investments", &IncomeStatement::investments, "nettoinvesteringar (positive = spent) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("new_investment_depreciation", &IncomeStatement::new_investment_depreciation, "modelled depreciation of investments after the plan (part of depreciation) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("self_financing", &IncomeStatement::self_financing, "självfinansiering = result + depreciation − realisation gains/losses of disposals (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("self_financing_ratio", &IncomeStatement::self_financing_ratio, "självfinansieringsgrad = self_financing / investments; 0 when there are no investments (undefined) (float64 array of shape (n_years,), fraction).");
  st.def_readonly("borrowing_need", &IncomeStatement::borrowing_need, "lånebehov = investments − self-financing (negative = surplus) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("debt_at_year_end", &IncomeStatement::debt_at_year_end, "existing debt (less repayments from sales) + new borrowing, 31 December (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("cash_at_year_end", &IncomeStatement::cash_at_year_end, "likvida medel, 31 December (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("new_borrowing_interest", &IncomeStatement::new_borrowing_interest, "interest on new borrowing after the plan (part of financial costs) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("pension_interest", &IncomeStatement::pension_interest, "ränta på pensionsavsättning (part of financial costs); 0 = not split out (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("result_after_balance_adjustments", &IncomeStatement::result_after_balance_adjustments, "årets resultat efter balanskravsjusteringar = result + realisation_gains (negative) + other adjustments (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("reserve_possible_reservation", &IncomeStatement::reserve_possible_reservation, "what the rules allow to reserve to the result reserve this year: the lower of the result and the adjusted result above 1 % (2 % with negative equity) of tax revenue + general grants, from 2024 up to the 5 % cap; 0 before 2013 (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("reserve_reservation", &IncomeStatement::reserve_reservation, "reserved to the result reserve this year (avsättning), >= 0 (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("reserve_withdrawal", &IncomeStatement::reserve_withdrawal, "withdrawn from the result reserve this year (disposition), >= 0 (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("reserve_balance", &IncomeStatement::reserve_balance, "result reserve (resultatreserv; RUR before 2024) at year end, >= 0 (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("reserve_overdrawn", &IncomeStatement::reserve_overdrawn, "the part of a given withdrawal from the result reserve above the balance available at year start (opening balance too low or not given); the balance stops at zero while the balanced-budget result keeps the full withdrawal, >= 0 (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("restoration_required", &IncomeStatement::restoration_required, "the restoration the year must achieve: deficits overdue or falling due in it after earlier restorations (the balanced-budget target's floor), >= 0 (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("deficit_falling_due", &IncomeStatement::deficit_falling_due, "what is left at year start of the deficit whose third year this is (KL 11 kap. 12 §) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("deficit_restored", &IncomeStatement::deficit_restored, "deficits restored this year, oldest first (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("deficit_breach", &IncomeStatement::deficit_breach, "the deficit falling due this year left unrestored at year end (a breach; it stays to be restored); in the base year also the deficits already overdue at its start (origin + 3 before the base year) left unrestored (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("new_deficit", &IncomeStatement::new_deficit, "this year's negative balanced-budget result, to restore by the year + 3 (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("deficit_to_restore", &IncomeStatement::deficit_to_restore, "deficits not yet restored at year end, overdue ones included (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("oldest_deficit_due_year", &IncomeStatement::oldest_deficit_due_year, "due year of the oldest deficit left at year end; NaN when none (float64 array of shape (n_years,), calendar year).");
  st.def_readonly("one_off_items", &IncomeStatement::one_off_items, "jämförelsestörande poster in the result: realisation gains and losses, one-off costs of measures (signed) (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("result_excluding_one_offs", &IncomeStatement::result_excluding_one_offs, "result − one_off_items (float64 array of shape (n_years,), MSEK).");
  st.def_readonly("opening_deficit_state", &IncomeStatement::opening_deficit_state, "Deficits to restore at the start of the base year: overdue, then of origin base − 3, − 2, − 1 (float64 array of shape (4,), MSEK).");
  st.def_readonly("grant_items", &IncomeStatement::grant_items, "Grant items (rows, named in grant_item_names) by year: float64 array of shape (n_items, n_years), MSEK.");
  st.def_readonly("grant_item_names", &IncomeStatement::grant_item_names, "Names of the rows of grant_items (list of str).");
  st.def("index_of", &IncomeStatement::index_of, py::arg("year"), "Position of a year; InputError outside the years.");
  st.def("__len__", &IncomeStatement::size);

  py::enum_<MeasureGroup>(m, "MeasureGroup", "The six lists of Measures.")
      .value("DISPOSALS", MeasureGroup::Disposals, "Measures.disposals")
      .value("FIXED_SAVINGS", MeasureGroup::FixedSavings, "Measures.fixed_savings")
      .value("TAX_CHANGES", MeasureGroup::TaxChanges, "Measures.tax_changes")
      .value("EFFICIENCY", MeasureGroup::Efficiency, "Measures.efficiency")
      .value("EARNED_INCOME_CHANGES", MeasureGroup::EarnedIncomeChanges, "Measures.earned_income_changes")
      .value("WORK_LINES", MeasureGroup::WorkLines, "Measures.work_lines");
  py::class_<MeasureRef>(m, "MeasureRef", "One measure of a Measures: its list (MeasureGroup) and its index in it.")
      .def(py::init([](MeasureGroup group, std::size_t index) { return MeasureRef{group, index}; }), py::arg("group"),
           py::arg("index"))
      .def_readwrite("group", &MeasureRef::group, "The list (MeasureGroup).")
      .def_readwrite("index", &MeasureRef::index, "The index in that list (0-based).")
      .def("__repr__", [](const MeasureRef& r) {
        return std::string("MeasureRef(") + to_string(r.group) + ", " + std::to_string(r.index) + ")";
      });
  py::class_<MeasureEffects>(m, "MeasureEffects",
                             "Result of Projector.measure_effects: the baseline, the final projection and what each "
                             "measure adds to the result.")
      .def_readonly("baseline", &MeasureEffects::baseline, "The projection without measures.")
      .def_readonly("final", &MeasureEffects::final, "The projection with every measure.")
      .def_readonly("result_change", &MeasureEffects::result_change,
                    "float64 array of shape (n_measures, n_years), MSEK: row i is the change of the result that "
                    "measure order[i] adds to those before it; the rows sum to final.result - baseline.result.");

  py::class_<Projector>(m, "Projector",
                        "Validated inputs of one municipality and the projection engine over them. "
                        "Projector(base, assumptions, horizon) raises InputError (a ValueError) for invalid input "
                        "(field, year, value and range named). The GIL is released while it builds and runs.")
      .def(py::init<BaseYearState, Assumptions, int>(), py::arg("base"), py::arg("assumptions"), py::arg("horizon"),
           py::call_guard<py::gil_scoped_release>())
      .def("run", &Projector::run, py::arg("measures") = Measures{}, py::call_guard<py::gil_scoped_release>(),
           "Projects with the measures (applied to a copy; the baseline is never changed). Raises InputError for an "
           "invalid measure or a year whose costs would turn into income.")
      .def("measure_effects", &Projector::measure_effects, py::arg("measures"), py::arg("order"),
           py::call_guard<py::gil_scoped_release>(),
           "Each measure's effect on the result when the measures are added one at a time in order (a list of "
           "MeasureRef naming every measure once). Validates each measure once, then projects the baseline and "
           "each prefix. Raises MeasureError (with .position, the index in order) for an invalid measure or a prefix "
           "that cannot be projected, InputError for an order that misses or repeats a measure.")
      .def_property_readonly("base", &Projector::base, "The base year (a copy).")
      .def_property_readonly("assumptions", &Projector::assumptions, "The assumptions (a copy).")
      .def_property_readonly("base_year", &Projector::base_year, "The base year.")
      .def_property_readonly("horizon", &Projector::horizon, "The last year projected.")
      .def_property_readonly("implied_own_tax_capacity_kr", &Projector::implied_own_tax_capacity_kr,
                             "Itemised grants: the own tax capacity (kr per inhabitant) that reproduces the base "
                             "year's income equalisation (the calibration); 0 otherwise.");
  m.def("project", &project, py::arg("base"), py::arg("assumptions"), py::arg("horizon"),
        py::arg("measures") = Measures{}, py::call_guard<py::gil_scoped_release>(),
        "Projector(base, assumptions, horizon).run(measures).");
}
