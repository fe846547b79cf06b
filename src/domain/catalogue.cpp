#include "domain/catalogue.h"

#include "domain/dataset_binding.h"

#include <algorithm>
#include <string>

namespace agencykpi {

size_t RowCount(const Dataset& d, const TableDesc& table) {
  const auto index = static_cast<size_t>(&table - kCatalogue.data());
  size_t rows = 0;
  ForEachBinding([&](auto table_index, auto binding) {
    if (table_index == index) rows = BoundTable<decltype(binding)>(d).size();
  });
  return rows;
}

std::vector<TableDates> FactDates(const Dataset& d) {
  std::vector<TableDates> out;
  ForEachBinding([&](auto table_index, auto binding) {
    using B = decltype(binding);
    if constexpr (!kIsRowTable<B>) {
      const auto& rows = BoundTable<B>(d);
      ForEachBoundColumn<B>([&](auto column_index, auto member) {
        constexpr ColumnDesc kColumn = kCatalogue[decltype(table_index)::value].columns[column_index];
        if constexpr (kColumn.kind == ColumnKind::kDate && kColumn.name == std::string_view("date")) {
          const auto& dates = rows.*member;
          if (dates.empty()) return;
          const auto [low, high] = std::minmax_element(dates.begin(), dates.end());
          out.push_back({kCatalogue[decltype(table_index)::value].name, *low, *high});
        }
      });
    }
  });
  return out;
}

std::optional<Day> LastFactDate(const Dataset& d) {
  std::optional<Day> last;
  for (const TableDates& table : FactDates(d)) last = std::max(last.value_or(table.last), table.last);
  return last;
}

std::string StoreColumnName(const ColumnDesc& column) {
  static constexpr std::string_view kIdSuffix = "_id";
  static constexpr std::string_view kRowSuffix = "_row";
  if (column.kind != ColumnKind::kReference && column.kind != ColumnKind::kMetric) return std::string(column.name);
  std::string_view stem = column.name;
  if (stem.ends_with(kIdSuffix)) stem.remove_suffix(kIdSuffix.size());
  return std::string(stem) + std::string(kRowSuffix);
}

std::string HeaderLine(const TableDesc& table, char separator) {
  std::string out;
  for (const ColumnDesc& column : table.columns) {
    if (!out.empty()) out += separator;
    out += column.name;
  }
  return out;
}

}  // namespace agencykpi
