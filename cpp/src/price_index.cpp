#include "kommunbudget/price_index.hpp"

#include "kommunbudget/check.hpp"

namespace kommunbudget {

namespace {
const FieldLimit& price_limit(const char* field) { return field_limit("PriceIndex", field); }
}  // namespace

double pkv_change(double labour_change, double other_change, double labour_weight) {
  check_limit(price_limit("labour_cost_change"), kNoYear, labour_change);
  check_limit(price_limit("other_cost_change"), kNoYear, other_change);
  check_limit(price_limit("labour_weight"), kNoYear, labour_weight);
  return labour_weight * labour_change + (1.0 - labour_weight) * other_change;
}

void PriceIndex::validate(int from, int to) const {
  if (to < from) return;
  check_year("first", from);
  check_year("last", to);
  labour_cost_change.require_years(from, to);
  other_cost_change.require_years(from, to);
  labour_weight.require_years(from, to);
  const FieldLimit& labour = price_limit("labour_cost_change");
  const FieldLimit& other = price_limit("other_cost_change");
  const FieldLimit& weight = price_limit("labour_weight");
  for (int y = from; y <= to; ++y) {
    check_limit(labour, labour_cost_change.field(), y, labour_cost_change.at(y));
    check_limit(other, other_cost_change.field(), y, other_cost_change.at(y));
    check_limit(weight, labour_weight.field(), y, labour_weight.at(y));
  }
}

double PriceIndex::pkv(int year) const {
  return price_change(year, labour_weight.at(year));
}

double PriceIndex::price_change(int year, double labour_share) const {
  static const FieldLimit& share_limit = field_limit("CostLine", "labour_share");
  const double w = labour_share < 0.0 ? labour_weight.at(year) : labour_share;
  check_limit(share_limit, "labour_share", year, w);
  return w * labour_cost_change.at(year) + (1.0 - w) * other_cost_change.at(year);
}

double PriceIndex::factor(int from_year, int to_year, double labour_share) const {
  check_year("from_year", from_year);
  check_year("to_year", to_year);
  double f = 1.0;
  if (to_year >= from_year) {
    for (int y = from_year + 1; y <= to_year; ++y) f *= 1.0 + price_change(y, labour_share);
  } else {
    for (int y = to_year + 1; y <= from_year; ++y) f /= 1.0 + price_change(y, labour_share);
  }
  return f;
}

double PriceIndex::uprate(double amount, int price_year, int to_year, double labour_share) const {
  check_finite("amount", price_year, amount);
  return amount * factor(price_year, to_year, labour_share);
}

}  // namespace kommunbudget
