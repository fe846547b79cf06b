// The JSON report of SPEC §4. Money with two decimals, ratios unrounded
// (17 significant digits), null for undefined figures: never NaN or Infinity.
#pragma once

#include <string>

#include "kpi/report.h"

namespace agencykpi {

std::string RenderJson(const Report& report, bool pretty = true);

}  // namespace agencykpi
