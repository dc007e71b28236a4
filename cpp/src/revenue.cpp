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
void check_own(double own) { check_limit(input_limit("own_tax_capacity_kr"), kNoYear, own); }
void check_national(double national) { check_limit(input_limit("national_tax_capacity_kr"), kNoYear, national); }
void check_population(double population) { check_limit(input_limit("population"), kNoYear, population); }
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

}  // namespace kommunbudget
