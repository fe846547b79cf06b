// What both stores check of a dataset before they write it, and what an
// import records beside it (its time, the date range of its facts).
//
// Thread safety: pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "common/status.h"
#include "domain/dataset.h"

namespace agencykpi {

// Every column of every fact table has the same length; kInternal otherwise
// (a bug upstream, which would make the insert loops read out of bounds).
Status CheckColumns(const Dataset& data);

// Every reference and metric key points at an existing row, or is absent
// where the catalogue allows it; kInternal naming the first that does not.
Status CheckReferences(const Dataset& data);

// The first and last day of the dated facts, nullopt when there are none.
std::optional<std::pair<Day, Day>> FactDateRange(const Dataset& data);

// `time` as ISO 8601 UTC to the second: "2026-06-30T14:05:09Z".
std::string FormatUtc(std::chrono::system_clock::time_point time);

}  // namespace agencykpi
