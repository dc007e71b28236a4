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
                              "own_tax_capacity", "national_tax_capacity", "population",
                              "equalisation_change_per_krona", "kept_per_krona", "earned_income_effect",
                              "work_line_households_reduced", "work_line_saving", "work_line_cost",
                              "work_line_earnings", "work_line_tax_base", "work_line_tax_gain",
                              "work_line_equalisation_change", "work_line_net", "disposal_realisation_gain",
                              "disposal_running_cost_saved", "disposal_depreciation_saved",
                              "disposal_interest_saved", "disposal_external_rent", "disposal_net",
                              "disposal_net_balanced_budget", "fixed_saving", "fixed_saving_one_off_cost"};
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
                                    "in from_year.");
  define_fields(eff, "EfficiencyMeasure", "from_year", &EfficiencyMeasure::from_year, "rate",
                &EfficiencyMeasure::rate, "yearly", &EfficiencyMeasure::yearly, "cost_line",
                &EfficiencyMeasure::cost_line, "start_month", &EfficiencyMeasure::start_month, "ramp_years",
                &EfficiencyMeasure::ramp_years, "realised_share", &EfficiencyMeasure::realised_share,
                "one_off_cost_msek", &EfficiencyMeasure::one_off_cost_msek);
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
                                  "implementation cost (MSEK). Fractions as fractions.");
  define_fields(work, "WorkLinePolicy", "name", &WorkLinePolicy::name, "baseline_households",
                &WorkLinePolicy::baseline_households, "cost_per_household_kr", &WorkLinePolicy::cost_per_household_kr,
                "household_trend", &WorkLinePolicy::household_trend, "start_year", &WorkLinePolicy::start_year,
                "start_month", &WorkLinePolicy::start_month, "target_reduction", &WorkLinePolicy::target_reduction,
                "ramp_years", &WorkLinePolicy::ramp_years, "share_into_work", &WorkLinePolicy::share_into_work,
                "earnings_per_person_kr", &WorkLinePolicy::earnings_per_person_kr, "persons_per_household",
                &WorkLinePolicy::persons_per_household, "implementation_cost_msek",
                &WorkLinePolicy::implementation_cost_msek);
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
  st.def_readonly("years", &IncomeStatement::years);
  st.def_property_readonly_static("LINES", [](const py::object&) {
    py::list names;
    for (const char* n : kLines) names.append(n);
    return names;
  });
#define KB_LINE(name) st.def_readonly(#name, &IncomeStatement::name)
  KB_LINE(operating_income);
  KB_LINE(operating_costs);
  KB_LINE(depreciation);
  KB_LINE(net_operating_cost);
  KB_LINE(tax_revenue);
  KB_LINE(general_grants);
  KB_LINE(operating_result);
  KB_LINE(financial_income);
  KB_LINE(financial_costs);
  KB_LINE(result);
  KB_LINE(realisation_gains);
  KB_LINE(other_balance_adjustments);
  KB_LINE(reserve_use);
  KB_LINE(balanced_budget_result);
  KB_LINE(result_share);
  KB_LINE(tax_rate);
  KB_LINE(tax_base);
  KB_LINE(final_settlement);
  KB_LINE(efficiency_saving);
  KB_LINE(efficiency_one_off_cost);
  KB_LINE(tax_change_revenue);
  KB_LINE(preliminary_tax);
  KB_LINE(final_settlement_previous_year);
  KB_LINE(final_settlement_current_year);
  KB_LINE(income_equalisation);
  KB_LINE(other_general_grants);
  KB_LINE(equalisation_tax_base);
  KB_LINE(own_tax_capacity);
  KB_LINE(national_tax_capacity);
  KB_LINE(population);
  KB_LINE(equalisation_change_per_krona);
  KB_LINE(kept_per_krona);
  KB_LINE(earned_income_effect);
  KB_LINE(work_line_households_reduced);
  KB_LINE(work_line_saving);
  KB_LINE(work_line_cost);
  KB_LINE(work_line_earnings);
  KB_LINE(work_line_tax_base);
  KB_LINE(work_line_tax_gain);
  KB_LINE(work_line_equalisation_change);
  KB_LINE(work_line_net);
  KB_LINE(disposal_realisation_gain);
  KB_LINE(disposal_running_cost_saved);
  KB_LINE(disposal_depreciation_saved);
  KB_LINE(disposal_interest_saved);
  KB_LINE(disposal_external_rent);
  KB_LINE(disposal_net);
  KB_LINE(disposal_net_balanced_budget);
  KB_LINE(fixed_saving);
  KB_LINE(fixed_saving_one_off_cost);
  KB_LINE(grant_items);
  KB_LINE(grant_item_names);
#undef KB_LINE
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
