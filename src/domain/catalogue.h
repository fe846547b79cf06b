// The table catalogue: one description of every input table of the agency
// folder (SPEC §1.2) — its file, its columns (name, kind, required, default,
// referenced table, enum values) and its key. Ingest binds CSV headers and
// per-column parsing to it, the demo and bench writers take their headers
// from it, `agencykpi check` counts rows by it, and tests hold the store's
// schema and docs/data-format.md to it. Where each column lives in the
// Dataset is domain/dataset_binding.h, from which the store's insert and
// load, the reference checks, the snapshot and RowCount are generic loops.
// Table-specific rules (renewal links, cost-rate coverage…) stay
// hand-written as named functions of ingest's generic reader.
//
// Contract:
//  - Catalogue() lists the tables in reading order: every table comes after
//    the tables it references (contracts.renewal_of refers to its own table).
//  - Within a table, columns are in the order of the SPEC and of the demo
//    files; a column's index in `columns` is stable and usable at compile
//    time (ColumnIndex), so readers resolve nothing per row.
//  - Names are lowercase; FindTable and FindColumn match ignoring ASCII case.
//
// Adding a column: one entry in its table's array below, its field in
// Dataset and in the table's binding (dataset_binding.h), its rule (if any)
// in the table's check (ingest/agency_reader.cpp), and a migration. Adding
// a table: one array and one kCatalogue entry, plus the same (a struct, a Binding, its rules).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/dataset.h"

namespace agencykpi {

enum class ColumnKind : uint8_t {
  kId,         // the row's own identifier (1 to 64 characters of A-Z a-z 0-9 _ . - /)
  kReference,  // the identifier of a row of `references`
  kDate,       // a calendar day
  kMoney,      // euros, exact to the cent
  kHours,      // hours, exact to the hundredth
  kQuantity,   // a decimal with 6 places (targets, result values)
  kInteger,    // a whole number
  kEnum,       // one of `values`, ignoring case
  kText,       // free text
  kMetric,     // a metric key (text of at most 64 characters), shared by objectives and results
};

// Decimal places of a numeric kind; 0 for the others.
constexpr int DecimalPlaces(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kMoney: return 2;
    case ColumnKind::kHours: return 2;
    case ColumnKind::kQuantity: return 6;
    default: return 0;
  }
}

struct ColumnDesc {
  std::string_view name;
  ColumnKind kind = ColumnKind::kText;
  bool required = false;
  std::string_view default_value;             // what an empty optional value means; "" = absent
  std::string_view references;                // kReference: the referenced table's name
  std::span<const std::string_view> values;   // kEnum: the accepted values, by code
};

struct TableDesc {
  std::string_view name;  // "time_entries": also the store's table
  std::string_view file;  // "time_entries.csv"
  std::string_view noun;  // "time entry": one row, in messages
  bool required = false;  // the file must be present
  std::span<const ColumnDesc> columns;
  std::span<const std::string_view> key;  // columns unique together; empty when rows have no key
};

namespace catalogue_tables {

using K = ColumnKind;
constexpr bool kRequired = true;
constexpr bool kOptional = false;

inline constexpr std::array<ColumnDesc, 3> kClients = {{
    {"client_id", K::kId, kRequired, {}, {}, {}},
    {"name", K::kText, kRequired, {}, {}, {}},
    {"sector", K::kText, kOptional, {}, {}, {}},
}};
inline constexpr std::array<ColumnDesc, 7> kContracts = {{
    {"contract_id", K::kId, kRequired, {}, {}, {}},
    {"client_id", K::kReference, kRequired, {}, "clients", {}},
    {"start_date", K::kDate, kRequired, {}, {}, {}},
    {"end_date", K::kDate, kRequired, {}, {}, {}},
    {"renewal_of", K::kReference, kOptional, {}, "contracts", {}},
    {"renewal_type", K::kEnum, kOptional, {}, {}, kRenewalTypeNames},
    {"signed_on", K::kDate, kOptional, "start_date", {}, {}},
}};
inline constexpr std::array<ColumnDesc, 9> kMissions = {{
    {"mission_id", K::kId, kRequired, {}, {}, {}},
    {"client_id", K::kReference, kRequired, {}, "clients", {}},
    {"name", K::kText, kRequired, {}, {}, {}},
    {"start_date", K::kDate, kRequired, {}, {}, {}},
    {"end_date", K::kDate, kRequired, {}, {}, {}},
    {"contract_id", K::kReference, kOptional, {}, "contracts", {}},
    {"type", K::kText, kOptional, {}, {}, {}},
    {"complexity", K::kInteger, kOptional, {}, {}, {}},
    {"fee", K::kMoney, kOptional, {}, {}, {}},
}};
inline constexpr std::array<ColumnDesc, 4> kEmployees = {{
    {"employee_id", K::kId, kRequired, {}, {}, {}},
    {"name", K::kText, kRequired, {}, {}, {}},
    {"role", K::kText, kOptional, {}, {}, {}},
    {"weekly_hours", K::kHours, kOptional, {}, {}, {}},
}};
inline constexpr std::array<ColumnDesc, 3> kCostRates = {{
    {"employee_id", K::kReference, kRequired, {}, "employees", {}},
    {"valid_from", K::kDate, kRequired, {}, {}, {}},
    {"hourly_cost", K::kMoney, kRequired, {}, {}, {}},
}};
inline constexpr std::array<ColumnDesc, 4> kStores = {{
    {"store_id", K::kId, kRequired, {}, {}, {}},
    {"name", K::kText, kRequired, {}, {}, {}},
    {"chain", K::kText, kOptional, {}, {}, {}},
    {"region", K::kText, kOptional, {}, {}, {}},
}};
inline constexpr std::array<ColumnDesc, 5> kTimeEntries = {{
    {"employee_id", K::kReference, kRequired, {}, "employees", {}},
    {"date", K::kDate, kRequired, {}, {}, {}},
    {"hours", K::kHours, kRequired, {}, {}, {}},
    {"activity", K::kEnum, kRequired, {}, {}, kActivityNames},
    {"mission_id", K::kReference, kOptional, {}, "missions", {}},
}};
inline constexpr std::array<ColumnDesc, 4> kExpenses = {{
    {"date", K::kDate, kRequired, {}, {}, {}},
    {"amount", K::kMoney, kRequired, {}, {}, {}},
    {"category", K::kEnum, kRequired, {}, {}, kExpenseCategoryNames},
    {"mission_id", K::kReference, kOptional, {}, "missions", {}},
}};
inline constexpr std::array<ColumnDesc, 5> kInvoices = {{
    {"invoice_id", K::kId, kRequired, {}, {}, {}},
    {"client_id", K::kReference, kRequired, {}, "clients", {}},
    {"date", K::kDate, kRequired, {}, {}, {}},
    {"amount", K::kMoney, kRequired, {}, {}, {}},
    {"mission_id", K::kReference, kOptional, {}, "missions", {}},
}};
inline constexpr std::array<ColumnDesc, 6> kVisits = {{
    {"visit_id", K::kId, kRequired, {}, {}, {}},
    {"employee_id", K::kReference, kRequired, {}, "employees", {}},
    {"mission_id", K::kReference, kRequired, {}, "missions", {}},
    {"store_id", K::kReference, kRequired, {}, "stores", {}},
    {"date", K::kDate, kRequired, {}, {}, {}},
    {"action", K::kEnum, kOptional, "other", {}, kVisitActionNames},
}};
inline constexpr std::array<ColumnDesc, 7> kObjectives = {{
    {"objective_id", K::kId, kRequired, {}, {}, {}},
    {"mission_id", K::kReference, kRequired, {}, "missions", {}},
    {"metric", K::kMetric, kRequired, {}, {}, {}},
    {"aggregation", K::kEnum, kRequired, {}, {}, kAggregationNames},
    {"target", K::kQuantity, kRequired, {}, {}, {}},
    {"start_date", K::kDate, kRequired, {}, {}, {}},
    {"end_date", K::kDate, kRequired, {}, {}, {}},
}};
inline constexpr std::array<ColumnDesc, 5> kResults = {{
    {"mission_id", K::kReference, kRequired, {}, "missions", {}},
    {"metric", K::kMetric, kRequired, {}, {}, {}},
    {"date", K::kDate, kRequired, {}, {}, {}},
    {"value", K::kQuantity, kRequired, {}, {}, {}},
    {"store_id", K::kReference, kOptional, {}, "stores", {}},
}};
inline constexpr std::array<ColumnDesc, 5> kStoreAudits = {{
    {"date", K::kDate, kRequired, {}, {}, {}},
    {"store_id", K::kReference, kRequired, {}, "stores", {}},
    {"client_id", K::kReference, kRequired, {}, "clients", {}},
    {"present", K::kInteger, kRequired, {}, {}, {}},
    {"facings", K::kInteger, kOptional, "0", {}, {}},
}};
inline constexpr std::array<ColumnDesc, 4> kStoreSales = {{
    {"date", K::kDate, kRequired, {}, {}, {}},
    {"store_id", K::kReference, kRequired, {}, "stores", {}},
    {"client_id", K::kReference, kRequired, {}, "clients", {}},
    {"amount", K::kMoney, kRequired, {}, {}, {}},
}};

inline constexpr std::array<std::string_view, 1> kClientKey = {"client_id"};
inline constexpr std::array<std::string_view, 1> kContractKey = {"contract_id"};
inline constexpr std::array<std::string_view, 1> kMissionKey = {"mission_id"};
inline constexpr std::array<std::string_view, 1> kEmployeeKey = {"employee_id"};
inline constexpr std::array<std::string_view, 2> kCostRateKey = {"employee_id", "valid_from"};
inline constexpr std::array<std::string_view, 1> kStoreKey = {"store_id"};
inline constexpr std::array<std::string_view, 1> kInvoiceKey = {"invoice_id"};
inline constexpr std::array<std::string_view, 1> kVisitKey = {"visit_id"};
inline constexpr std::array<std::string_view, 1> kObjectiveKey = {"objective_id"};

}  // namespace catalogue_tables

constexpr size_t kTableCount = 14;

// Every input table, in reading order (see the contract above).
inline constexpr std::array<TableDesc, kTableCount> kCatalogue = {{
    {"clients", "clients.csv", "client", true, catalogue_tables::kClients, catalogue_tables::kClientKey},
    {"contracts", "contracts.csv", "contract", false, catalogue_tables::kContracts, catalogue_tables::kContractKey},
    {"missions", "missions.csv", "mission", false, catalogue_tables::kMissions, catalogue_tables::kMissionKey},
    {"employees", "employees.csv", "employee", false, catalogue_tables::kEmployees, catalogue_tables::kEmployeeKey},
    {"cost_rates", "cost_rates.csv", "cost rate", false, catalogue_tables::kCostRates, catalogue_tables::kCostRateKey},
    {"stores", "stores.csv", "store", false, catalogue_tables::kStores, catalogue_tables::kStoreKey},
    {"time_entries", "time_entries.csv", "time entry", false, catalogue_tables::kTimeEntries, {}},
    {"expenses", "expenses.csv", "expense", false, catalogue_tables::kExpenses, {}},
    {"invoices", "invoices.csv", "invoice", false, catalogue_tables::kInvoices, catalogue_tables::kInvoiceKey},
    {"visits", "visits.csv", "visit", false, catalogue_tables::kVisits, catalogue_tables::kVisitKey},
    {"objectives", "objectives.csv", "objective", false, catalogue_tables::kObjectives, catalogue_tables::kObjectiveKey},
    {"results", "results.csv", "result", false, catalogue_tables::kResults, {}},
    {"store_audits", "store_audits.csv", "store audit", false, catalogue_tables::kStoreAudits, {}},
    {"store_sales", "store_sales.csv", "store sale", false, catalogue_tables::kStoreSales, {}},
}};

// The catalogue, in reading order.
constexpr std::span<const TableDesc> Catalogue() { return kCatalogue; }

// ASCII case-insensitive equality.
constexpr bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// The table named `name` or whose file is `name` ("Invoices.CSV"), ignoring
// case; nullptr when there is none.
constexpr const TableDesc* FindTable(std::string_view name) {
  for (const TableDesc& table : kCatalogue) {
    if (EqualsIgnoringCase(table.name, name) || EqualsIgnoringCase(table.file, name)) return &table;
  }
  return nullptr;
}

// The position of a table in Catalogue(); usable at compile time, where an
// unknown name fails the build.
constexpr size_t TableIndex(std::string_view name) {
  for (size_t i = 0; i < kCatalogue.size(); ++i) {
    if (kCatalogue[i].name == name) return i;
  }
  throw "unknown table";  // not a constant expression: a compile-time error
}

// The position of `column` in `table`, ignoring case; nullopt when absent.
constexpr std::optional<size_t> FindColumn(const TableDesc& table, std::string_view column) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (EqualsIgnoringCase(table.columns[i].name, column)) return i;
  }
  return std::nullopt;
}

// The position of `column` in table `table`, for compile-time indices
// (`constexpr size_t kHours = ColumnIndex("time_entries", "hours")`): an
// unknown name fails the build.
constexpr size_t ColumnIndex(std::string_view table, std::string_view column) {
  const std::optional<size_t> found = FindColumn(kCatalogue[TableIndex(table)], column);
  if (!found) throw "unknown column";
  return *found;
}

// The column's name in the store's table of the same name: a reference or
// a metric key is stored as the row it designates ("client_id" →
// "client_row", "renewal_of" → "renewal_of_row", "metric" → "metric_row"),
// every other column under its own name.
std::string StoreColumnName(const ColumnDesc& column);

// Rows of `table` (a catalogue entry) in the dataset.
size_t RowCount(const Dataset& dataset, const TableDesc& table);

// "client_id,name,sector": the table's CSV header, columns in catalogue order.
std::string HeaderLine(const TableDesc& table, char separator = ',');

}  // namespace agencykpi
