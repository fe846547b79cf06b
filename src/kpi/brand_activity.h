// The brands a review of a window has something to show for: those with
// audits, visits or sales dated in it (SPEC §5: "the brand's rows"). Feeds
// the dashboard's brand picker and `agencykpi review --all`.
#pragma once

#include <cstdint>
#include "common/date.h"
#include "domain/dataset.h"

namespace agencykpi {

struct BrandActivity {
  RowId client = kNoRow;
  int64_t audits = 0;      // store audits of the brand dated in the window
  int64_t visits = 0;      // visits of the brand's missions dated in the window
  int64_t sales_rows = 0;  // store sales rows of the brand dated in the window
};

// The list itself comes from KpiEngine::ActiveBrands(first, last), which
// reads the engine's per-brand index (two binary searches per brand and
// table), ordered by client_id (byte order).

}  // namespace agencykpi
