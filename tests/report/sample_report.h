// A small hand-built Report for the renderer tests: accented names, a name
// holding `;` and `"`, null ratios, negative money, every status and flag.
#pragma once

#include "kpi/report.h"

namespace agencykpi::testing {

Report SampleReport();

}  // namespace agencykpi::testing
