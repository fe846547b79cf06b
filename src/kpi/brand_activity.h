// The brands a review of a window has something to show for: those with
// audits, visits or sales dated in it (SPEC §5: "the brand's rows"). Feeds
// the dashboard's brand picker and `agencykpi review --all`.
#pragma once

#include <cstdint>
#include <vector>

#include "common/date.h"
#include "domain/dataset.h"

namespace agencykpi {

struct BrandActivity {
  RowId client = kNoRow;
  int64_t audits = 0;      // store audits of the brand dated in the window
  int64_t visits = 0;      // visits of the brand's missions dated in the window
  int64_t sales_rows = 0;  // store sales rows of the brand dated in the window
};

// Every brand with at least one audit, visit or sales row dated in
// [first, last], ordered by client_id (byte order). One pass over the three
// tables: linear in their size.
std::vector<BrandActivity> BrandsActiveIn(const Dataset& dataset, Day first, Day last);

}  // namespace agencykpi
