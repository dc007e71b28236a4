#include "kommunbudget/revenue.hpp"

#include <string>
#include <utility>

#include <fmt/format.h>

#include "kommunbudget/check.hpp"

namespace kommunbudget {

void IncomeEqualisation::validate() const {
  for (const auto& [field, value] : {std::pair<const char*, double>{"guarantee_share", guarantee_share},
                                     {"compensation_degree", compensation_degree},
                                     {"grant_rate_kr_per_100kr", grant_rate_kr_per_100kr},
                                     {"fee_rate_kr_per_100kr", fee_rate_kr_per_100kr}}) {
    check_limit(field_limit("IncomeEqualisation", field), std::string("equalisation.") + field, kNoYear, value);
  }
}

namespace {
const FieldLimit& input_limit(const char* field) { return field_limit("income_equalisation_msek", field); }
// Each row looked up once (the projection calls these every year).
void check_own(double own) {
  static const FieldLimit& limit = input_limit("own_tax_capacity_kr");
  check_limit(limit, kNoYear, own);
}
void check_national(double national) {
  static const FieldLimit& limit = input_limit("national_tax_capacity_kr");
  check_limit(limit, kNoYear, national);
}
void check_population(double population) {
  static const FieldLimit& limit = input_limit("population");
  check_limit(limit, kNoYear, population);
}
void check_inputs(double own, double national, double population) {
  check_own(own);
  check_national(national);
  check_population(population);
}
}  // namespace

double income_equalisation_msek(const IncomeEqualisation& p, double own_tax_capacity_kr,
                                double national_tax_capacity_kr, double population) {
  check_inputs(own_tax_capacity_kr, national_tax_capacity_kr, population);
  const double guarantee = p.guarantee_share * national_tax_capacity_kr;
  const double gap = guarantee - own_tax_capacity_kr;  // kr per inhabitant
  if (gap >= 0.0) return p.compensation_degree * gap * population * p.grant_rate_kr_per_100kr / 100.0 / 1e6;
  return gap * population * p.fee_rate_kr_per_100kr / 100.0 / 1e6;  // negative: a fee
}

double equalisation_change_per_krona(const IncomeEqualisation& p, double own_tax_capacity_kr,
                                     double national_tax_capacity_kr) {
  check_own(own_tax_capacity_kr);
  check_national(national_tax_capacity_kr);
  const double guarantee = p.guarantee_share * national_tax_capacity_kr;
  if (own_tax_capacity_kr <= guarantee) return -p.compensation_degree * p.grant_rate_kr_per_100kr / 100.0;
  return -p.fee_rate_kr_per_100kr / 100.0;
}

double implied_own_tax_capacity_kr(const IncomeEqualisation& p, double equalisation_msek,
                                   double national_tax_capacity_kr, double population) {
  check_finite("equalisation_msek", kNoYear, equalisation_msek);
  check_national(national_tax_capacity_kr);
  check_population(population);
  const double guarantee = p.guarantee_share * national_tax_capacity_kr;
  const double per_inhabitant_kr = equalisation_msek * 1e6 / population;
  const double own = equalisation_msek >= 0.0
                         ? guarantee - per_inhabitant_kr / (p.compensation_degree * p.grant_rate_kr_per_100kr / 100.0)
                         : guarantee - per_inhabitant_kr / (p.fee_rate_kr_per_100kr / 100.0);
  if (!(own > 0.0)) {
    throw InputError(fmt::format("equalisation_msek = {:g} implies an own tax capacity of {:.0f} kr per inhabitant "
                                 "(national {:.0f}, population {:.0f}); expected a positive capacity: check the "
                                 "figure, the population and the county rate",
                                 equalisation_msek, own, national_tax_capacity_kr, population));
  }
  return own;
}

double implied_national_tax_capacity_kr(const IncomeEqualisation& p, double equalisation_msek,
                                        double own_tax_capacity_kr, double population) {
  check_finite("equalisation_msek", kNoYear, equalisation_msek);
  check_own(own_tax_capacity_kr);
  check_population(population);
  const double per_inhabitant_kr = equalisation_msek * 1e6 / population;
  const double guarantee =
      equalisation_msek >= 0.0
          ? own_tax_capacity_kr + per_inhabitant_kr / (p.compensation_degree * p.grant_rate_kr_per_100kr / 100.0)
          : own_tax_capacity_kr + per_inhabitant_kr / (p.fee_rate_kr_per_100kr / 100.0);
  const double national = guarantee / p.guarantee_share;
  if (!(national > 0.0)) {
    throw InputError(fmt::format("equalisation_msek = {:g} implies a national tax capacity of {:.0f} kr per "
                                 "inhabitant; expected a positive capacity",
                                 equalisation_msek, national));
  }
  return national;
}

double per_inhabitant_growth(double total_growth, double population_growth) {
  check_limit(field_limit("per_inhabitant_growth", "total_growth"), kNoYear, total_growth);
  check_limit(field_limit("per_inhabitant_growth", "population_growth"), kNoYear, population_growth);
  return (1.0 + total_growth) / (1.0 + population_growth) - 1.0;
}

double own_tax_base_growth(double capacity_growth, double population_before, double population_after) {
  check_limit(field_limit("own_tax_base_growth", "capacity_growth"), kNoYear, capacity_growth);
  check_limit(field_limit("own_tax_base_growth", "population_before"), kNoYear, population_before);
  check_limit(field_limit("own_tax_base_growth", "population_after"), kNoYear, population_after);
  return (1.0 + capacity_growth) * population_after / population_before - 1.0;
}

double per_inhabitant_amount_msek(double kr_per_inhabitant, double population) {
  static const FieldLimit& amount = field_limit("per_inhabitant_amount_msek", "kr_per_inhabitant");
  static const FieldLimit& people = field_limit("per_inhabitant_amount_msek", "population");
  check_limit(amount, kNoYear, kr_per_inhabitant);
  check_limit(people, kNoYear, population);
  return kr_per_inhabitant * population / 1e6;
}

InhabitantWorth inhabitant_worth(const IncomeEqualisation& p, double tax_rate_kr_per_100kr, double own_tax_capacity_kr,
                                 double national_tax_capacity_kr) {
  static const FieldLimit& rate = field_limit("BaseYearState", "tax_rate_kr_per_100kr");
  check_limit(rate, kNoYear, tax_rate_kr_per_100kr);
  InhabitantWorth worth;
  worth.tax_kr = tax_rate_kr_per_100kr / 100.0 * own_tax_capacity_kr;
  // The equalisation changes by −e per krona of own tax base (equalisation_change_per_krona) and by e × G·M per
  // inhabitant: e × (G·M − K) in all.
  const double per_krona = equalisation_change_per_krona(p, own_tax_capacity_kr, national_tax_capacity_kr);
  worth.equalisation_kr = -per_krona * (p.guarantee_share * national_tax_capacity_kr - own_tax_capacity_kr);
  return worth;
}

}  // namespace kommunbudget
