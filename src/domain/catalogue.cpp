#include "domain/catalogue.h"

#include "domain/dataset_binding.h"

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
