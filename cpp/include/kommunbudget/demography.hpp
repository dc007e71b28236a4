#pragma once
/// @file demography.hpp
/// Service volumes that follow an age group (docs/model.md §2, 'Volumes from a population forecast by age group'):
/// with a constant real cost per user, a service's volume grows as the number of its users (the age group's
/// count) grows; the price (PKV) is applied on top by the projection.
///
/// Units: users in persons; growth as a fraction per year.

namespace kommunbudget {

/// The volume growth of a service whose users go from `users_before` (the year before) to `users_after` (the
/// year), at a constant real cost per user: users_after / users_before − 1 (fraction per year). E.g. children
/// aged 1-5 going from 1 000 to 1 030 give a preschool volume of +3 %.
/// @throws InputError for a count outside the table of limits (user_volume_growth rows): users_before must be
/// positive (a growth from no users is undefined), users_after non-negative.
double user_volume_growth(double users_before, double users_after);

}  // namespace kommunbudget
