#include "kommunbudget/revenue.hpp"

#include <fmt/format.h>

#include "kommunbudget/check.hpp"

namespace kommunbudget {

void IncomeEqualisation::validate() const {
  check_range("equalisation.guarantee_share", kNoYear, guarantee_share, 1.0, 2.0, "(fraction of medelskattekraft)");
  check_range("equalisation.compensation_degree", kNoYear, compensation_degree, 1e-9, 1.0, "(fraction)");
  check_tax_rate("equalisation.grant_rate_kr_per_100kr", kNoYear, grant_rate_kr_per_100kr);
  check_tax_rate("equalisation.fee_rate_kr_per_100kr", kNoYear, fee_rate_kr_per_100kr);
}

namespace {
void check_inputs(double own, double national, double population) {
  check_positive("own_tax_capacity_kr", kNoYear, own, "kr per inhabitant");
  check_positive("national_tax_capacity_kr", kNoYear, national, "kr per inhabitant");
  check_positive("population", kNoYear, population, "inhabitants");
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
  check_positive("own_tax_capacity_kr", kNoYear, own_tax_capacity_kr, "kr per inhabitant");
  check_positive("national_tax_capacity_kr", kNoYear, national_tax_capacity_kr, "kr per inhabitant");
  const double guarantee = p.guarantee_share * national_tax_capacity_kr;
  if (own_tax_capacity_kr <= guarantee) return -p.compensation_degree * p.grant_rate_kr_per_100kr / 100.0;
  return -p.fee_rate_kr_per_100kr / 100.0;
}

double implied_own_tax_capacity_kr(const IncomeEqualisation& p, double equalisation_msek,
                                   double national_tax_capacity_kr, double population) {
  check_finite("equalisation_msek", kNoYear, equalisation_msek);
  check_positive("national_tax_capacity_kr", kNoYear, national_tax_capacity_kr, "kr per inhabitant");
  check_positive("population", kNoYear, population, "inhabitants");
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
  check_positive("own_tax_capacity_kr", kNoYear, own_tax_capacity_kr, "kr per inhabitant");
  check_positive("population", kNoYear, population, "inhabitants");
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
