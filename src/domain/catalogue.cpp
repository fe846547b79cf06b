#include "domain/catalogue.h"

#include <string>

namespace agencykpi {

size_t RowCount(const Dataset& d, const TableDesc& table) {
  switch (&table - kCatalogue.data()) {
    case TableIndex("clients"): return d.clients.size();
    case TableIndex("contracts"): return d.contracts.size();
    case TableIndex("missions"): return d.missions.size();
    case TableIndex("employees"): return d.employees.size();
    case TableIndex("cost_rates"): return d.cost_rates.size();
    case TableIndex("stores"): return d.stores.size();
    case TableIndex("time_entries"): return d.time_entries.size();
    case TableIndex("expenses"): return d.expenses.size();
    case TableIndex("invoices"): return d.invoices.size();
    case TableIndex("visits"): return d.visits.size();
    case TableIndex("objectives"): return d.objectives.size();
    case TableIndex("results"): return d.results.size();
    case TableIndex("store_audits"): return d.store_audits.size();
    case TableIndex("store_sales"): return d.store_sales.size();
    default: return 0;
  }
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
