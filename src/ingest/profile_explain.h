// `agencykpi profile check`: what a profile makes of its source, in words,
// before anything is imported: each source column and the column of ours it
// becomes (or that it is ignored), the constants, the rows skip_when drops,
// and the values of enum and yes/no columns that no value map covers yet.
#pragma once

#include <string>
#include <vector>

#include "common/language.h"
#include "ingest/profile.h"
#include "ingest/record_source.h"

namespace agencykpi {

// Distinct unmapped values listed per column; the others are counted.
constexpr size_t kMaxExplainedValues = 20;

struct TableExplanation {
  std::string title;                 // "time_entries from temps.csv, header on line 2:"
  std::vector<std::string> columns;  // "Durée (h) → time_entries.hours (hours, 2 decimals, decimal comma)"
  std::vector<std::string> notes;    // rows read and dropped, values not mapped yet
  std::string failure;               // why the source could not be explained; empty when it was
};

// Reads `records` (the source of `profile`, named `place` as diagnostics
// name it) to the end.
TableExplanation ExplainTable(const TableProfile& profile, RecordSource& records, const std::string& place,
                              Language language);

}  // namespace agencykpi
