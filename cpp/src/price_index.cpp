#include "kommunbudget/price_index.hpp"

#include "kommunbudget/check.hpp"

#include <string>
#include <vector>

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

YearSeries wage_agreement_averages(const YearSeries& rates, int start_month) {
  const FieldLimit& month_limit = field_limit("WageAgreement", "start_month");
  check_whole(month_limit, "start_month", start_month);
  const FieldLimit& rate_limit = field_limit("WageAgreement", "rate");
  if (rates.empty()) throw InputError("wage agreement rates: no year given; expected agreed rates for consecutive years");
  for (int y = rates.first_year(); y <= rates.last_year(); ++y) check_limit(rate_limit, rates.field(), y, rates.at(y));
  const double carried = (start_month - 1) / 12.0;  // the overhang of last year's rise
  const double own = (13 - start_month) / 12.0;     // this year's rise from its month
  const int first = start_month == 1 ? rates.first_year() : rates.first_year() + 1;
  if (first > rates.last_year()) {
    throw InputError("wage agreement rates: only " + std::to_string(rates.first_year()) + " given; an agreement "
                     "from month " + std::to_string(start_month) + " needs the year before's rate as well (the "
                     "overhang), so give at least two consecutive years");
  }
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(rates.last_year() - first + 1));
  for (int y = first; y <= rates.last_year(); ++y) {
    const double before = y > rates.first_year() ? rates.at(y - 1) : 0.0;
    out.push_back(carried * before + own * rates.at(y));
  }
  return YearSeries::from_first("labour_cost_change", first, out);
}

double labour_cost_change_with_po(double wage_change, double po_before, double po_now) {
  check_limit(field_limit("WageAgreement", "rate"), "wage_change", kNoYear, wage_change);
  const FieldLimit& po = field_limit("WageAgreement", "social_charges_rate");
  check_limit(po, "po_before", kNoYear, po_before);
  check_limit(po, "po_now", kNoYear, po_now);
  return (1.0 + wage_change) * (1.0 + po_now) / (1.0 + po_before) - 1.0;
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
