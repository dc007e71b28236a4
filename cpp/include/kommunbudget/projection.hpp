#pragma once
/// @file projection.hpp
/// The projection engine: from a base-year state, yearly assumptions and measures to an income statement
/// (resultaträkning) per year in the statutory layout (LKBR; RKR's model), docs/model.md §9.
///
/// Implementation: the assumptions are validated and flattened once into plain arrays (Projector's
/// constructor); run_into() is a tight loop over years and cost lines with no allocation, so it can be called
/// millions of times (Monte Carlo) on one preallocated IncomeStatement. Every range is read from the table of
/// limits (limits.hpp, docs/model.md §14).
#include <string>
#include <vector>

#include <Eigen/Core>

#include "kommunbudget/capital.hpp"
#include "kommunbudget/municipality.hpp"

namespace kommunbudget {

/// A change of the own tax rate (skattehöjning/-sänkning) from 1 January of `from_year`, sustained in every
/// later year. The municipality keeps the whole change: the income equalisation uses fixed county rates and
/// ignores the own rate (lag 2004:773 3-6 §§; docs/model.md §4).
struct TaxChange {
  int from_year = 0;                     ///< first budget year with the new rate
  double change_kr_per_100kr = 0.0;      ///< e.g. 0.50 = 50 öre; allowed [−10, 10]
};

/// An efficiency measure (effektivisering) on one cost line (a service area) or on all lines, docs/model.md §8.
/// The full step is `rate × realised_share`, reached in equal parts over `ramp_years` from `from_year`; the level of
/// the cut part is L(j) = 1 − step × min(1, (j + 1) / ramp_years) in year from_year + j. With `yearly`, the (ramped)
/// step is taken again every year and compounds: L(j) = Π_{i≤j} (1 − step × min(1, (i + 1) / ramp_years)).
///
/// The base of the rate is the NET cost of the tax-financed activity by default: fees and earmarked grants
/// (verksamhetens intäkter) finance part of the gross cost and are not cut unless `on_gross` says so. The line's cost
/// is multiplied by 1 − s × (1 − L(j)), where s is the net (tax-financed) share of the line's cost:
///   * `on_gross = true`: s = 1 (the rate cuts the whole gross cost, as before 0.5.0);
///   * `net_share` in [0, 1]: the line's own share, (gross cost − the line's own income) / gross cost, when the
///     budget gives the line's income (e.g. a nämnd's nettokostnad / bruttokostnad);
///   * else (`net_share` negative, the default): the municipality-wide share of that year in the projection without
///     measures, s[t] = max(0, 1 − (operating income − realisation gains)[t] / (sum of the cost lines)[t]) — a
///     default, not data: a line's own fee share may differ (IncomeStatement::efficiency_net_share shows it).
/// A rate of 1 % thus saves 1 % of net costs = s × 1 % of the gross cost. Savings persist and follow the line's own
/// price and volume (docs/model.md §2). A start after January counts (13 − start_month) / 12 of the first year's
/// saving. `one_off_cost_msek` (nominal MSEK) is paid in the first year.
struct EfficiencyMeasure {
  int from_year = 0;         ///< first year of the saving (a projection year)
  double rate = 0.0;         ///< fraction of the line's net cost (gross with on_gross) saved at full effect, [0, 0.5]
  bool yearly = false;       ///< false: a one-off step that persists; true: the step again every year
  std::string cost_line;     ///< name of the cost line (service area); empty = all lines
  int start_month = 1;       ///< 1-12: the first year counts (13 − start_month) / 12 of its saving
  int ramp_years = 1;        ///< years to reach the full step, [1, 50]
  double realised_share = 1.0;     ///< share of the rate expected to be realised, [0, 1]
  double one_off_cost_msek = 0.0;  ///< implementation cost in from_year, MSEK, >= 0
  bool on_gross = false;     ///< true: the rate cuts the gross cost, fee- and grant-financed parts included
  /// Net (tax-financed) share of the line's gross cost, fraction [0, 1]; negative (default) = the municipality-wide
  /// share of the year (see above). Ignored with on_gross.
  double net_share = -1.0;
};

/// A change in residents' taxable earned income in `income_year` (e.g. people moving from assistance into work),
/// MSEK of that year. It reaches the tax base of budget year income_year + 2 (skatteintäkterna år t bygger på
/// inkomståret t − 2: SCB; RULES.md §5), uprated there by the tax base growth of the years in between that are
/// projection years. A lasting change is given as one entry per income year.
struct EarnedIncomeChange {
  int income_year = 0;        ///< inkomstår; income_year + 2 must be a projection year
  double amount_msek = 0.0;   ///< change of the taxable earned income, MSEK (signed)
};

/// Share of a year left from the first day of `start_month` (1-12): (13 − month) / 12. A measure starting
/// 1 April counts nine twelfths of its yearly amount in its first year. @throws InputError for a month outside 1-12.
double remaining_year_share(int start_month);

/// The basic deduction (grundavdrag) of a person below 66 at the start of the year, kr: inkomstskattelagen
/// (1999:1229) 63 kap. 3 §, with FI the fastställd förvärvsinkomst (income_kr) and pbb the year's prisbasbelopp:
///   FI ≤ 0.99 pbb:          0.423 pbb
///   0.99 < FI ≤ 2.72 pbb:   0.423 pbb + 20 % of (FI − 0.99 pbb)
///   2.72 < FI ≤ 3.11 pbb:   0.77 pbb
///   3.11 < FI ≤ 7.88 pbb:   0.77 pbb − 10 % of (FI − 3.11 pbb)
///   FI > 7.88 pbb:          0.293 pbb
/// rounded UP to whole hundreds of kronor and never more than FI (63 kap. 3 §). E.g. income year 2025 (pbb
/// 58 800 kr): the deduction equals the income up to 24 900 kr and is at most 45 300 kr, for incomes of
/// 159 900-183 600 kr (Skatteverket's figures; python/kommunbudget/data/files/prisbasbelopp.csv, SOURCES.md).
/// The raised deduction for people of 66 and over (63 kap. 3 a §) is not modelled.
/// @param income_kr fastställd förvärvsinkomst, kr per year, [0, 1e9]
/// @param price_base_amount_kr prisbasbelopp of the income year, kr, [10 000, 500 000]
/// @throws InputError for an input outside its range (limits.cpp, basic_deduction_kr).
double basic_deduction_kr(double income_kr, double price_base_amount_kr);

/// A work-line policy (arbetslinje) for households on social assistance (ekonomiskt bistånd), docs/model.md §6.
///
/// Baseline: households[t] = baseline_households × (1 + household_trend)^(t − base year); cost per household
/// uprated by the other-consumption index (övrig förbrukning: the assistance norm follows prices). The policy
/// removes target_reduction × households[t] × ramp[t] households from assistance, ramp rising linearly to 1 over
/// ramp_years from the start year (first year: month share). The assistance saved counts for all of them.
///
/// Of those leaving, `out_migration_share` move away from the municipality: each of their
/// `inhabitants_per_household` inhabitants is one inhabitant fewer in the income equalisation of the next year
/// (inhabitants on 1 November of the year before count; lag 2004:773), about 1.15 × medelskattekraft × county rate
/// / 100 kr each below the guarantee (RULES.md §5, 'Marginalintäkt per invånare'), and their own income is taxed
/// where they live. Needs itemised grants (the equalisation by its formula); with grants as a total a non-zero
/// share is refused. Of those who stay, `share_into_work` go into work, with persons_per_household persons earning
/// earnings_per_person_kr each (uprated by the labour-cost index), and `share_into_benefits` leave for taxable
/// benefits (a-kassa, aktivitetsstöd, sickness benefits), persons_per_household persons with
/// benefit_per_person_kr each (uprated by the labour-cost index: the benefits follow earlier earnings); the rest
/// raise no tax base. Each person's income of the year (a start after January: the month share of it) less its
/// basic deduction (basic_deduction_kr with the income year's `price_base_amount_kr`) reaches the tax base two
/// years later (as an EarnedIncomeChange). The implementation cost (caseworkers, activation) is uprated by the
/// labour-cost index.
struct WorkLinePolicy {
  std::string name = "work_line";
  double baseline_households = 0.0;      ///< biståndshushåll in the base year, >= 0
  double cost_per_household_kr = 0.0;    ///< assistance paid per household and year, base year, kr, >= 0
  double household_trend = 0.0;          ///< own yearly growth of baseline households, fraction
  int start_year = 0;
  int start_month = 1;                   ///< 1-12; the first year counts (13 − month) / 12
  double target_reduction = 0.0;         ///< share of baseline households off assistance when fully ramped, [0, 1]
  int ramp_years = 1;                    ///< years to reach the full reduction, >= 1
  double share_into_work = 0.0;          ///< of those leaving and staying, the share going into work, [0, 1]
  double earnings_per_person_kr = 0.0;   ///< yearly taxable earnings per person in work, base-year kr, >= 0
  double persons_per_household = 1.0;    ///< persons with an income per household leaving into work/benefits, [0, 10]
  double implementation_cost_msek = 0.0; ///< yearly cost of the policy, base-year MSEK, >= 0
  /// Of those leaving and staying, the share leaving for taxable benefits, [0, 1]; with share_into_work at most 1.
  double share_into_benefits = 0.0;
  double benefit_per_person_kr = 0.0;    ///< yearly taxable benefits per person, base-year kr, >= 0
  double out_migration_share = 0.0;      ///< of the households leaving assistance, the share moving away, [0, 1]
  double inhabitants_per_household = 1.0;  ///< inhabitants per household moving away (children too), [0, 20]
  /// Prisbasbelopp per income year, kr: must cover every income year from start_year whose income reaches a
  /// projected tax base (start_year .. horizon − 2), when persons move into work or benefits.
  YearSeries price_base_amount_kr = YearSeries("price_base_amount_kr", {}, {});
};

/// A property (fastighet) of the municipality's premises (lokaler). Its running cost and depreciation are part of
/// the baseline's costs; a Disposal removes them. Amounts in base-year MSEK.
struct Property {
  std::string id;                  ///< e.g. the property designation
  std::string use;                 ///< e.g. "school", "office"
  double area_m2 = 0.0;            ///< m², >= 0
  double book_value_msek = 0.0;    ///< bokfört värde on 1 January of the base year, >= 0 (falls by depreciation)
  double market_value_msek = 0.0;  ///< marknadsvärde, >= 0 (the default sale price)
  double running_cost_msek = 0.0;  ///< drift and maintenance a year, base-year prices, >= 0
  double depreciation_msek = 0.0;  ///< avskrivning a year, >= 0 (nominal, not uprated)
  double vacancy = 0.0;            ///< share of the area vacant, [0, 1]; descriptive (a sale saves the whole cost)
  bool need_remains = false;       ///< whether the activity still needs premises after a sale
  double external_rent_msek = 0.0; ///< yearly rent for replacement premises if the need remains, base-year prices
};

/// Disposal (avyttring) of a property in `year` from the first day of `month` (docs/model.md §7): the realisation
/// gain (price − the book value on the sale date, book_value_at_sale) counts in the result but not in the
/// balanced-budget result (LKBR 11 kap. 10 §; a loss stays in both); from then on the running cost (uprated by other
/// consumption) and the depreciation stop; the proceeds repay debt at `debt_interest_rate` (interest saved): with
/// the debt given (BaseYearState::capital) at most the debt left, the rest is cash earning nothing; without it the
/// whole price; the interest saved is capped at the financial costs (docs/model.md §7, §15). External rent is paid
/// (uprated) if the need remains.
struct Disposal {
  Property property;
  int year = 0;
  int month = 1;                    ///< 1-12: the first year counts (13 − month) / 12 of the yearly effects
  double price_msek = -1.0;         ///< sale price; negative = the property's market value
  double debt_interest_rate = 0.0;  ///< interest rate on the debt the proceeds repay, fraction [0, 0.2]
};

/// A saving of a fixed yearly amount (at full effect, base-year prices), reached over `ramp_years` from
/// `start_year` and `start_month`, of which `realised_share` is expected to be realised; uprated with the line it
/// reduces (labour share; negative = PKV's weight). Serves a fixed saving, a premises savings target (a share of
/// total premises cost, e.g. Lomma's 10 %) and closing a share of the gap to the reference cost (NKA).
/// `one_off_cost_msek` is paid in the start year.
struct FixedSaving {
  std::string name = "saving";
  double amount_msek = 0.0;         ///< yearly saving at full effect, base-year MSEK, >= 0
  int start_year = 0;
  int start_month = 1;
  int ramp_years = 1;               ///< >= 1
  double realised_share = 1.0;      ///< share expected to be realised, [0, 1]
  /// Uprating of the saving (labour share, fraction); negative = the labour share of `cost_line` if given (which
  /// may itself be PKV's weight), else PKV's weight.
  double labour_share = -1.0;
  double one_off_cost_msek = 0.0;   ///< implementation cost in the start year, MSEK, >= 0
  /// The cost line (service area) the saving reduces; empty = not tied to a line. When given, the line must exist
  /// and amount_msek must not exceed its base-year cost; without a line, amount_msek must not exceed the base
  /// year's operating costs (the sum of the cost lines).
  std::string cost_line;
};

/// The gap to the reference cost (referenskostnad) of a service area, MSEK: with NKA d % = (actual − reference) /
/// reference × 100 (Kolada), the gap actual − reference = net_cost × d / (100 + d). Zero or negative d: no gap.
/// @throws InputError for a negative net cost or d outside (−100, 1000] percent.
double net_cost_gap_msek(double net_cost_msek, double net_cost_deviation_percent);

/// The gap to peers (jämförbara kommuner) of a service area, MSEK: the own net cost minus what it would be at the
/// peers' net cost per inhabitant, `net_cost − peer_cost_per_inhabitant × population / 10^6`; zero when the own
/// cost is at or below the peers' (no gap). Units: net cost in MSEK, peer cost in kr per inhabitant, population in
/// persons. @throws InputError for a negative or non-finite input (field and value named).
double peer_gap_msek(double net_cost_msek, double population, double peer_cost_per_inhabitant_kr);

/// The measures of a scenario. Applied to a copy of the baseline projection; the baseline is never changed.
struct Measures {
  std::vector<Disposal> disposals;
  std::vector<FixedSaving> fixed_savings;
  std::vector<TaxChange> tax_changes;
  std::vector<EfficiencyMeasure> efficiency;
  std::vector<EarnedIncomeChange> earned_income_changes;
  std::vector<WorkLinePolicy> work_lines;
};

/// The six lists of Measures, named as in error messages ("disposals[0] ...").
enum class MeasureGroup { Disposals, FixedSavings, TaxChanges, Efficiency, EarnedIncomeChanges, WorkLines };

/// The list's name as in Measures and in messages: "disposals", "fixed_savings", "tax_changes", "efficiency",
/// "earned_income_changes", "work_lines".
const char* to_string(MeasureGroup group);

/// One measure of a Measures: its list and its index in that list.
struct MeasureRef {
  MeasureGroup group = MeasureGroup::FixedSavings;
  std::size_t index = 0;
};

/// What each measure adds to the result when the measures are added one at a time (docs/model.md §13).
struct MeasureEffects;

/// A bridge from the base year's result to a scenario's result by driver (bridge.hpp).
struct DriverBridge;

/// The income statement per year, base year first. Every vector has shape (n_years,) aligned with `years`.
/// Amounts are nominal MSEK with the STATUTORY SIGNS: income positive, costs negative.
struct IncomeStatement {
  std::vector<int> years;                 ///< base_year .. horizon
  Eigen::VectorXd operating_income;       ///< verksamhetens intäkter (+), incl. realisation gains
  Eigen::VectorXd operating_costs;        ///< verksamhetens kostnader (−)
  Eigen::VectorXd depreciation;           ///< avskrivningar (−)
  Eigen::VectorXd net_operating_cost;     ///< verksamhetens nettokostnader = income + costs + depreciation
  Eigen::VectorXd tax_revenue;            ///< skatteintäkter = preliminary tax + final settlements
  Eigen::VectorXd general_grants;         ///< generella statsbidrag och utjämning = income equalisation + other items
  Eigen::VectorXd operating_result;       ///< verksamhetens resultat = net operating cost + tax + grants
  Eigen::VectorXd financial_income;       ///< finansiella intäkter (+)
  Eigen::VectorXd financial_costs;        ///< finansiella kostnader (−)
  Eigen::VectorXd result;                 ///< årets resultat = operating result + financial income + costs
  /// avgår: realisationsvinster — the gains (part of operating income) deducted for the balanced-budget result,
  /// printed NEGATIVE as in the balanskravsutredning (a gain of 5 MSEK is −5 here)
  Eigen::VectorXd realisation_gains;
  Eigen::VectorXd other_balance_adjustments;  ///< other balanskrav adjustments (signed)
  Eigen::VectorXd reserve_use;            ///< medel från (+) / till (−) resultatutjämningsreserv
  /// balanskravsresultat = result + realisation_gains (negative) + other adjustments + reserve use
  Eigen::VectorXd balanced_budget_result;
  /// result / (tax revenue + general grants), fraction (resultat i procent av skatter och statsbidrag)
  Eigen::VectorXd result_share;
  // Memo items (not statement lines):
  Eigen::VectorXd tax_rate;               ///< own tax rate, kr per 100 kr
  Eigen::VectorXd tax_base;               ///< skatteunderlag, MSEK
  Eigen::VectorXd final_settlement;       ///< slutavräkningar within tax revenue (both years), MSEK
  Eigen::VectorXd preliminary_tax;        ///< preliminär kommunalskatt = rate / 100 × tax base, MSEK
  Eigen::VectorXd final_settlement_previous_year;  ///< slutavräkning for the previous year, MSEK
  Eigen::VectorXd final_settlement_current_year;   ///< slutavräkning for the current year, MSEK
  Eigen::VectorXd income_equalisation;    ///< inkomstutjämning (+ grant, − fee), MSEK; 0 when grants are a total
  Eigen::VectorXd other_general_grants;   ///< general grants other than the income equalisation, MSEK
  /// Grant items (rows, named in grant_item_names) by year, MSEK; shape (n_items, n_years).
  Eigen::MatrixXd grant_items;
  std::vector<std::string> grant_item_names;
  Eigen::VectorXd equalisation_tax_base;  ///< the own tax base as the equalisation sees it (calibrated), MSEK
  Eigen::VectorXd own_tax_capacity;       ///< skattekraft in the equalisation, kr per inhabitant
  Eigen::VectorXd national_tax_capacity;  ///< medelskattekraft, kr per inhabitant
  Eigen::VectorXd population;             ///< inhabitants used by the equalisation
  /// What one inhabitant more (with the municipality's average tax capacity) brings in the year, kr: the own tax
  /// and the change of the income equalisation (inhabitant_worth; revenue.hpp). 0 when grants are a total.
  Eigen::VectorXd inhabitant_tax_kr;
  Eigen::VectorXd inhabitant_equalisation_kr;
  /// The per-inhabitant amount of the items with the regulation rule (regleringsbidrag/-avgift) that one
  /// inhabitant more brings, kr (0 without such an item).
  Eigen::VectorXd inhabitant_regulation_kr;
  /// Change of the equalisation per krona added to the own tax base (≤ 0; −c·r/100 or −r_fee/100).
  Eigen::VectorXd equalisation_change_per_krona;
  /// What the municipality keeps of a krona added to its own tax base: rate / 100 + the change above.
  Eigen::VectorXd kept_per_krona;
  Eigen::VectorXd earned_income_effect;   ///< tax base added by earned-income changes this year, MSEK
  // Work-line policies (summed over policies), each row (n_years,):
  Eigen::VectorXd work_line_households_reduced;  ///< households off assistance against the baseline path
  Eigen::VectorXd work_line_saving;              ///< assistance saved, MSEK (lowers operating costs)
  Eigen::VectorXd work_line_cost;                ///< implementation cost, MSEK (raises operating costs)
  Eigen::VectorXd work_line_earnings;            ///< earnings of those moved into work in this income year, MSEK
  /// tax base added this year: earnings + benefits − basic deduction of two years before (uprated), MSEK
  Eigen::VectorXd work_line_tax_base;
  Eigen::VectorXd work_line_tax_gain;            ///< own-rate tax on that added base, MSEK
  Eigen::VectorXd work_line_equalisation_change; ///< the income equalisation's change on it, MSEK (≤ 0 below 115 %)
  Eigen::VectorXd work_line_benefits;            ///< taxable benefits of those leaving for benefits, income year, MSEK
  Eigen::VectorXd work_line_basic_deduction;     ///< grundavdrag on those earnings and benefits, income year, MSEK
  Eigen::VectorXd work_line_persons_moved;       ///< inhabitants moved away by the end of the year (stock), persons
  /// the income equalisation's change from those moved away (counted from the next year), MSEK (≤ 0)
  Eigen::VectorXd work_line_migration_equalisation;
  /// saving − cost + tax gain + equalisation change + migration equalisation, MSEK
  Eigen::VectorXd work_line_net;
  // Disposals (summed), each row (n_years,), MSEK:
  Eigen::VectorXd disposal_realisation_gain;     ///< price − book value in the year of sale (a loss is negative)
  Eigen::VectorXd disposal_running_cost_saved;   ///< running cost no longer paid
  Eigen::VectorXd disposal_depreciation_saved;   ///< depreciation no longer booked
  Eigen::VectorXd disposal_interest_saved;       ///< interest on the debt the proceeds repaid (≤ financial costs)
  Eigen::VectorXd disposal_external_rent;        ///< rent for replacement premises (a cost)
  Eigen::VectorXd disposal_net;                  ///< effect on the result (gain + savings − rent)
  Eigen::VectorXd disposal_net_balanced_budget;  ///< effect on the balanced-budget result (without gains)
  Eigen::VectorXd disposal_proceeds;             ///< sale prices received in the year of sale
  /// the part of the proceeds that repays the existing debt (at most the debt; 0 when no debt is given)
  Eigen::VectorXd disposal_debt_repaid;
  // Investments, self-financing and borrowing (docs/model.md §15), MSEK unless noted:
  Eigen::VectorXd investments;                   ///< nettoinvesteringar (positive = spent)
  Eigen::VectorXd new_investment_depreciation;   ///< modelled depreciation of investments after the plan (in depreciation)
  /// självfinansiering = result + depreciation − realisation gains/losses of disposals (their proceeds count below)
  Eigen::VectorXd self_financing;
  /// självfinansieringsgrad = self_financing / investments, fraction; 0 when there are no investments (undefined)
  Eigen::VectorXd self_financing_ratio;
  Eigen::VectorXd borrowing_need;                ///< lånebehov = investments − self-financing (negative = surplus)
  Eigen::VectorXd debt_at_year_end;              ///< existing debt (less repayments from sales) + new borrowing
  Eigen::VectorXd cash_at_year_end;              ///< likvida medel at 31 December
  Eigen::VectorXd new_borrowing_interest;        ///< interest on new borrowing after the plan (in financial costs)
  Eigen::VectorXd pension_interest;              ///< ränta på pensionsavsättning (in financial costs); 0 = not split out
  // Fixed savings (summed), MSEK:
  Eigen::VectorXd fixed_saving;                  ///< saving realised this year
  Eigen::VectorXd fixed_saving_one_off_cost;     ///< one-off implementation costs this year
  Eigen::VectorXd efficiency_saving;      ///< cost avoided by efficiency measures this year, MSEK (positive)
  Eigen::VectorXd efficiency_one_off_cost;  ///< one-off implementation costs of efficiency measures, MSEK
  /// Municipality-wide net (tax-financed) share of the cost lines in the projection without measures, fraction:
  /// max(0, 1 − (operating income − realisation gains) / sum of the cost lines); the default base of an
  /// efficiency rate (EfficiencyMeasure)
  Eigen::VectorXd efficiency_net_share;
  Eigen::VectorXd tax_change_revenue;     ///< revenue from tax changes this year, MSEK (positive for a rise)
  // The balanced-budget requirement over the years (balance_requirement.hpp, docs/model.md §16), each (n_years,):
  Eigen::VectorXd result_after_balance_adjustments;  ///< årets resultat efter balanskravsjusteringar, MSEK
  Eigen::VectorXd reserve_possible_reservation;  ///< what the rules allow to reserve this year (1 %/2 %, 5 % cap), MSEK
  Eigen::VectorXd reserve_reservation;    ///< reserved this year (avsättning), MSEK, >= 0
  Eigen::VectorXd reserve_withdrawal;     ///< withdrawn this year (disposition), MSEK, >= 0
  Eigen::VectorXd reserve_balance;        ///< resultatreserv (RUR before 2024) at year end, MSEK, >= 0
  /// the part of a given withdrawal above the reserve available at year start (the opening balance too low or
  /// not given): the balance stops at zero, the balanced-budget result keeps the full withdrawal, MSEK, >= 0
  Eigen::VectorXd reserve_overdrawn;
  /// The restoration the year must achieve: deficits overdue or falling due in it after earlier restorations
  /// (the floor of the balanced-budget target, answers.hpp), MSEK, >= 0
  Eigen::VectorXd restoration_required;
  Eigen::VectorXd deficit_falling_due;    ///< what is left of the deficit whose third year this is, at year start
  Eigen::VectorXd deficit_restored;       ///< deficits restored this year (oldest first), MSEK
  /// the deficit falling due this year left unrestored at year end (breach); in the base year also the deficits
  /// already overdue at its start (origin + 3 before the base year) that the base year does not restore
  Eigen::VectorXd deficit_breach;
  Eigen::VectorXd new_deficit;            ///< this year's negative balanced-budget result, to restore by year + 3
  Eigen::VectorXd deficit_to_restore;     ///< deficits not yet restored at year end (overdue included), MSEK
  Eigen::VectorXd oldest_deficit_due_year;  ///< due year of the oldest deficit left at year end; NaN: none
  /// jämförelsestörande poster in the result: realisation gains and losses, one-off costs of measures (signed)
  Eigen::VectorXd one_off_items;
  Eigen::VectorXd result_excluding_one_offs;  ///< result − one_off_items, MSEK
  /// Deficits to restore at the start of the base year: overdue, then origin base − 3, − 2, − 1 (MSEK).
  Eigen::Vector4d opening_deficit_state = Eigen::Vector4d::Zero();

  int base_year() const { return years.empty() ? 0 : years.front(); }
  int horizon() const { return years.empty() ? 0 : years.back(); }
  std::size_t size() const { return years.size(); }
  /// Position of `year`. @throws InputError naming the year and the covered range.
  Eigen::Index index_of(int year) const;
  /// Resizes every vector to n years (no-op when already that size).
  void resize(Eigen::Index n);
};

/// Result of Projector::measure_effects (docs/model.md §13).
struct MeasureEffects {
  IncomeStatement baseline;  ///< the projection without measures
  IncomeStatement final;     ///< the projection with every measure of the order
  /// Shape (n_measures, n_years), MSEK: row i is the change of the result (årets resultat) that measure order[i]
  /// adds to the measures before it, year by year; interactions fall to the later measure. The rows sum to
  /// final.result − baseline.result up to rounding (each row is a difference of consecutive projections).
  Eigen::MatrixXd result_change;
};

/// Validated, flattened inputs of one municipality and the projection engine over them.
class Projector {
 public:
  /// Validates and flattens the inputs once (every range from limits.hpp). Logs the build at debug level.
  /// @throws InputError if the base year is invalid, horizon < base year or horizon > base year + 50
  ///         (Projection.horizon_years), or an assumption series misses a year in base_year + 1 .. horizon or is
  ///         out of range (the message names it).
  Projector(BaseYearState base, Assumptions assumptions, int horizon);

  /// Projects with the given measures. @throws InputError for a measure outside the projected years or out of
  /// range (field, year and value named), a FixedSaving larger than its line's (or, without a line, all lines')
  /// base-year cost, a property sold twice, or a year whose costs would turn into income.
  IncomeStatement run(const Measures& measures = {}) const;

  /// Same as run(), writing into `out` (resized once if needed; no other allocation on the projection path).
  /// @throws InputError as run(), and when a year's operating costs would turn into income after the measures
  ///         (statement operating_costs > 0: the savings exceed the costs; the year and the amount named).
  void run_into(const Measures& measures, IncomeStatement& out) const;

  /// Each measure's effect on the result when the measures of `all` are added one at a time in `order`.
  ///
  /// Validates each measure once (its own fields, then the checks across measures, e.g. a property sold twice),
  /// projects the baseline, then each prefix of `order` (reusing one preallocated statement), and returns the
  /// baseline, the final projection and the change each measure adds (MeasureEffects::result_change, shape
  /// (order.size(), n_years), MSEK). Equivalent to running every prefix with run(), without re-validating.
  /// @param all the scenario's measures
  /// @param order every measure of `all` exactly once, as (list, index) pairs; the first is added first
  /// @throws MeasureError (an InputError) when measure order[i] is invalid or its prefix cannot be projected: the
  ///         message is run()'s for that measure (e.g. "fixed_savings[0] (name).amount_msek = ..." or
  ///         "disposals: property 'X' is sold twice; ..."), position() is i.
  /// @throws InputError when `order` names a measure that does not exist, names one twice or leaves one out.
  MeasureEffects measure_effects(const Measures& all, const std::vector<MeasureRef>& order) const;

  const BaseYearState& base() const { return base_; }
  const Assumptions& assumptions() const { return assumptions_; }
  int base_year() const { return base_.year; }
  int horizon() const { return horizon_; }
  Eigen::Index n_years() const { return n_; }
  /// Itemised grants: the own tax capacity (kr per inhabitant) that reproduces the base year's income
  /// equalisation with the county rate and the national capacity given (the calibration); 0 otherwise.
  double implied_own_tax_capacity_kr() const { return implied_capacity_kr_; }

 private:
  friend DriverBridge driver_bridge(const Projector& projector, const Measures& measures, int year);
  friend struct BatchAccess;  // batch.cpp: run_batch perturbs copies of the flattened inputs
  friend struct ManyAccess;   // many.cpp: run_many validates each measure set once, then projects
  friend struct MonteCarloAccess;  // monte_carlo.cpp: run_monte_carlo perturbs copies of the flattened inputs

  void validate_measures(const Measures& measures) const;
  // Per-measure checks (the message names the measure by its list and index i in that list).
  void validate_measure(const Measures& measures, MeasureRef ref) const;
  void validate_tax_change(const TaxChange& m, std::size_t i) const;
  void validate_earned_income_change(const EarnedIncomeChange& m, std::size_t i) const;
  void validate_disposal(const Disposal& d, std::size_t i) const;
  void validate_fixed_saving(const FixedSaving& f, std::size_t i) const;
  void validate_work_line(const WorkLinePolicy& m, std::size_t i) const;
  void validate_efficiency(const EfficiencyMeasure& m, std::size_t i) const;
  /// The projection itself, on measures already validated.
  void project_into(const Measures& measures, IncomeStatement& out) const;
  /// grants_ (a total) or items_ (itemised) from their rules and tax_base_growth_.
  void compute_grants();
  /// net_share_ from the flattened prices, volumes and operating income growth (no allocation after the first call).
  void compute_net_share();
  /// Position of the cost line `name`. @throws InputError naming `field`, the value and the lines available.
  Eigen::Index line_index(const std::string& field, const std::string& name) const;

  BaseYearState base_;
  Assumptions assumptions_;
  int horizon_;
  Eigen::Index n_;
  // Flattened per-year inputs, index 0 = base year (base-year values where a series starts later).
  Eigen::VectorXd labour_, other_, weight_, tax_base_growth_, income_growth_, grants_, depreciation_,
      fin_income_, fin_costs_, tax_rate_, settlement_, gains_, reserve_;
  Eigen::VectorXd settlement_prev_, population_, national_capacity_;
  // Rules of the grants, per projection year: a given amount (NaN: none) and a growth (NaN: the tax base growth).
  Eigen::VectorXd grants_given_, grants_growth_;
  Eigen::MatrixXd item_given_, item_growth_;  // (n_items, n_years)
  std::vector<char> item_regulation_;  // (n_items,) the item follows the regulation rule
  Eigen::VectorXd announced_;     // (n_years,) announced change of general grants, kr per inhabitant
  Eigen::MatrixXd items_;         // (n_items, n_years) grant items, amounts fixed by the assumptions
  std::vector<std::string> item_names_;
  double implied_capacity_kr_ = 0.0;
  double equalisation_base0_msek_ = 0.0;
  Eigen::MatrixXd volume_;        // (n_lines, n_years) volume growth
  Eigen::VectorXd base_cost_;     // (n_lines,)
  Eigen::VectorXd labour_share_;  // (n_lines,), negative = PKV weight
  Eigen::VectorXd net_share_;     // (n_years,) municipality-wide net share of the cost lines without measures
  Eigen::VectorXd net_share_line_cost_;  // (n_lines,) compute_net_share's scratch
  Eigen::Vector4d opening_deficits_ = Eigen::Vector4d::Zero();  // opening_deficit_state() of the base year
  double total_base_cost_ = 0.0;  // sum of the cost lines, base year, MSEK
  // Capital (docs/model.md §15), flattened by flatten_capital(): index 0 = base year.
  void flatten_capital();
  // The balances carried from year to year (run_into's stack; no allocation).
  struct CapitalState {
    CashAndDebt balances;
    double existing_debt = 0.0;
    double new_debt_at_plan_end = 0.0;
  };
  /// Year k of the capital path: self-financing, borrowing need, interest on new borrowing (added to the financial
  /// costs and taken from the result), cash and debt at year end (docs/model.md §15).
  void capital_year(Eigen::Index k, CapitalState& state, IncomeStatement& out) const;
  Eigen::VectorXd investments_, new_depreciation_, borrowing_rate_, pension_, pension_change_;
  Eigen::Index plan_last_index_ = 0;  // position of CapitalPlan::plan_last_year (0: the base year)
  bool debt_given_ = false;
  // (n_years,) or empty: added to every work line's household_trend per year (Monte Carlo's assistance_households
  // shock, docs/model.md §19); empty outside Monte Carlo.
  Eigen::VectorXd household_trend_shock_;
};

/// Convenience: Projector(base, assumptions, horizon).run(measures).
IncomeStatement project(const BaseYearState& base, const Assumptions& assumptions, int horizon,
                        const Measures& measures = {});

}  // namespace kommunbudget
