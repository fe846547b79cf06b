#include "store/dataset_checks.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "domain/catalogue.h"
#include "domain/dataset_binding.h"

namespace agencykpi {

Status CheckColumns(const Dataset& data) {
  bool ok = true;
  ForEachBinding([&](auto, auto binding) {
    using B = decltype(binding);
    if constexpr (!kIsRowTable<B>) {
      const auto& table = BoundTable<B>(data);
      ForEachBoundColumn<B>([&](auto, auto member) { ok = ok && (table.*member).size() == table.size(); });
    }
  });
  return ok ? Status::Ok() : Status::Internal("dataset columns of one fact table differ in length");
}

Status CheckReferences(const Dataset& d) {
  Status status = Status::Ok();
  ForEachBinding([&](auto table_index, auto binding) {
    using B = decltype(binding);
    const TableDesc& table = kCatalogue[table_index];
    const auto& rows = BoundTable<B>(d);
    ForEachBoundColumn<B>([&](auto column_index, auto member) {
      constexpr ColumnDesc kColumn = kCatalogue[decltype(table_index)::value].columns[column_index];
      if constexpr (kColumn.kind == ColumnKind::kReference || kColumn.kind == ColumnKind::kMetric) {
        if (!status.ok()) return;
        const size_t targets =
            kColumn.kind == ColumnKind::kMetric ? d.metrics.size() : RowCount(d, *FindTable(kColumn.references));
        for (size_t i = 0; i < rows.size(); ++i) {
          const RowId value = Cell(rows, member, i);
          const bool valid = (!kColumn.required && value == kNoRow) ||
                             (value >= 0 && static_cast<size_t>(value) < targets);
          if (!valid) {
            status = Status::Internal(std::string(table.name) + " row " + std::to_string(i) + ": " +
                                      std::string(kColumn.name) + " refers to no row (" + std::to_string(value) +
                                      ")");
            return;
          }
        }
      }
    });
  });
  return status;
}

std::optional<std::pair<Day, Day>> FactDateRange(const Dataset& data) {
  std::optional<std::pair<Day, Day>> range;
  for (const TableDates& table : FactDates(data)) {
    range = range ? std::pair{std::min(range->first, table.first), std::max(range->second, table.last)}
                  : std::pair{table.first, table.last};
  }
  return range;
}

std::string FormatUtc(std::chrono::system_clock::time_point time) {
  const int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
  int64_t days = seconds / kSecondsPerDay;
  int64_t second_of_day = seconds % kSecondsPerDay;
  if (second_of_day < 0) {
    second_of_day += kSecondsPerDay;
    --days;
  }
  const int hour = static_cast<int>(second_of_day / 3600);
  const int minute = static_cast<int>(second_of_day / 60 % 60);
  const int second = static_cast<int>(second_of_day % 60);
  std::array<char, 32> clock{};  // room for any int, so no truncation warning
  std::snprintf(clock.data(), clock.size(), "T%02d:%02d:%02dZ", hour, minute, second);
  return FormatDate(static_cast<Day>(days)) + clock.data();
}

}  // namespace agencykpi
