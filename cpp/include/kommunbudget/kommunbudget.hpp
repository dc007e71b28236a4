#pragma once
/// @file kommunbudget.hpp
/// Façade: include this to get the whole public API of the kommunbudget core.
#include "kommunbudget/answers.hpp"
#include "kommunbudget/balance_requirement.hpp"
#include "kommunbudget/bridge.hpp"
#include "kommunbudget/calibration.hpp"
#include "kommunbudget/capital.hpp"
#include "kommunbudget/check.hpp"
#include "kommunbudget/demography.hpp"
#include "kommunbudget/errors.hpp"
#include "kommunbudget/limits.hpp"
#include "kommunbudget/logging.hpp"
#include "kommunbudget/municipality.hpp"
#include "kommunbudget/price_index.hpp"
#include "kommunbudget/projection.hpp"
#include "kommunbudget/revenue.hpp"
#include "kommunbudget/version.hpp"
#include "kommunbudget/year_series.hpp"
