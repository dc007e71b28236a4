#pragma once
/// @file limits.hpp
/// The allowed ranges of every input the core checks, in one table (docs/model.md §14). Each row names a structure
/// (or, for the arguments of a free function, the function), a field, the inclusive bounds, the unit, the kind of
/// value (which decides the hint in an error message) and a short description. Every range check in the core reads
/// its bounds from here (check.hpp: check_limit); no range literal lives anywhere else. Dynamic checks (a saving at
/// most its line's cost, a year inside the projected years) are not in the table: they depend on other inputs.
///
/// The bounds are deliberately wide: they catch unit errors (a percentage where a fraction is expected, a fraction
/// where kr per 100 kr is expected, kr where MSEK is expected) without refusing any plausible Swedish municipality
/// or scenario. Sources of the scale: Stockholm's total costs are about 70 000 MSEK (SCB, räkenskapssammandrag),
/// municipal tax rates run from about 15 to 24.5 kr per 100 kr and Gotland's whole rate is 33.60 (SCB,
/// skattesatser_kommun.csv), Sweden has about 10.6 million inhabitants (SCB).
#include <string>
#include <string_view>
#include <vector>

namespace kommunbudget {

/// What kind of value a field holds; decides the hint of an out-of-range message.
enum class LimitKind {
  Amount,         ///< an amount or count in its unit (MSEK, kr, inhabitants, m²); no hint
  WholeNumber,    ///< an integer (a calendar year, a month, a number of years); no hint, no unit in messages
  Share,          ///< a fraction in [0, 1]; a value from 2 to 100 gets "did you mean x/100?"
  Fraction,       ///< a fraction with another range (growth rates, interest); a percent gets "did you mean x/100?"
  TaxRate,        ///< an own or county tax rate in kr per 100 kr; a value in (0, 1) gets "did you mean x×100?"
  TaxRateChange,  ///< a change of the rate in kr per 100 kr; a value in öre gets "if you meant öre: x/100"
};

/// Name of a kind as shown in Python: "amount", "whole_number", "share", "fraction", "tax_rate", "tax_rate_change".
const char* to_string(LimitKind kind);

/// One row of the table of limits. Bounds are inclusive unless `low_open` / `high_open` say otherwise; ±infinity
/// means unbounded on that side.
struct FieldLimit {
  const char* structure;    ///< e.g. "FixedSaving"; for a free function's argument the function, "peer_gap_msek"
  const char* field;        ///< e.g. "amount_msek"
  double low;               ///< lowest allowed value (excluded when low_open)
  double high;              ///< highest allowed value (excluded when high_open)
  const char* unit;         ///< "MSEK", "fraction", "fraction per year", "kr per 100 kr", "calendar year", ...
  LimitKind kind;           ///< decides the hint in messages
  const char* description;  ///< what the field is, with the reason for the range where it is not obvious
  /// True when one negative value is a sentinel rather than an error: CostLine.labour_share and
  /// FixedSaving.labour_share (−1 = PKV's weight) and Disposal.price_msek (−1 = the market value). A negative value
  /// skips the range check; the field's description says what it means.
  bool negative_sentinel;
  bool low_open;            ///< true: the value must exceed `low` (e.g. a tax base > 0)
  bool high_open;           ///< true: the value must stay below `high`
  /// The phrase after the range in error messages, e.g. "MSEK", "for a share", "kr per 100 kr for a municipal
  /// tax rate" (kept word for word from the checks this table replaced).
  const char* message_note;
};

/// Every row, grouped by structure in the order of the per-structure tables in limits.cpp.
const std::vector<FieldLimit>& field_limits();

/// The row of `structure`.`field`. @throws InputError naming the unknown structure (listing the known ones) or the
/// unknown field (listing the structure's fields).
const FieldLimit& field_limit(std::string_view structure, std::string_view field);

/// The row of `structure`.`field`, or nullptr when the table has none (a name, a list, a flag).
const FieldLimit* find_field_limit(std::string_view structure, std::string_view field) noexcept;

/// "[low, high]" with "(" / ")" for open bounds, numbers as %g ("[0, 100000]", "(0, inf)").
std::string format_range(const FieldLimit& row);

/// Tolerance of a "target met" or "balanced budget met" answer, MSEK: a shortfall of at most this much counts as
/// met (floating-point noise of a projection solved to meet the target exactly; docs/model.md §10).
inline constexpr double kTargetToleranceMsek = 1e-6;

/// Tolerance of the check that itemised grants (income equalisation + items) sum to general_grants_msek, MSEK: the
/// budgets print one decimal, so items rounded separately may miss the printed total by up to 0.05.
inline constexpr double kGrantSumToleranceMsek = 0.05;

}  // namespace kommunbudget
