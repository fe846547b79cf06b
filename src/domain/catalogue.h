// The table catalogue: one description of every input table of the agency
// folder (SPEC §1.2) — its file, its columns (name, kind, required, default,
// referenced table, enum values) and its key. Ingest binds CSV headers and
// per-column parsing to it, the demo and bench writers take their headers
// from it, `agencykpi check` counts rows by it, the store's tables and
// migrations are written from it (store/schema_sql.h), and tests hold
// docs/data-format.md to it. Where each column lives in the
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
// Adding a column: one entry in its table's array below (with `since`, the
// schema version that adds it), its field in Dataset and in the table's
// binding (dataset_binding.h), its rule (if any) in the table's check
// (ingest/agency_reader.cpp), and, for a new schema version, a step in
// store/migrations.cpp. Adding a table: one array and one kCatalogue entry,
// plus the same (a struct, a Binding, its rules).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// The stored values a column accepts beyond what its kind allows, in the
// stored unit (cents, hundredths…); unset = unbounded on that side. The
// store writes it as the column's CHECK; ingest's rule for the column gives
// the user the message (a test holds the two together).
struct ValueRange {
  std::optional<int64_t> min;
  std::optional<int64_t> max;
  [[nodiscard]] constexpr bool bounded() const { return min.has_value() || max.has_value(); }
};

struct ColumnDesc {
  std::string_view name;
  ColumnKind kind = ColumnKind::kText;
  bool required = false;
  std::string_view default_value;             // what an empty optional value means; "" = absent
  std::string_view references;                // kReference: the referenced table's name
  std::span<const std::string_view> values;   // kEnum: the accepted values, by code
  std::string_view codes;                     // kEnum: the store's table of the values' codes
  ValueRange range;                           // accepted values, beyond the kind
  bool unique = false;                        // no two rows share a value (besides a key column)
  int64_t since = 1;                          // the store's schema version that added it; 1: with its table

  // This column with `field` set to `value` (the builders below; defined
  // before them, as clang evaluates them at compile time).
  template <typename T, typename V>
  constexpr ColumnDesc With(T ColumnDesc::*field, V value) const {
    ColumnDesc copy = *this;
    copy.*field = value;
    return copy;
  }

  // Builders for the catalogue's entries: Required("hours", K::kHours).Within({1, 2400}).
  constexpr ColumnDesc Defaulting(std::string_view value) const { return With(&ColumnDesc::default_value, value); }
  constexpr ColumnDesc Referencing(std::string_view table) const { return With(&ColumnDesc::references, table); }
  constexpr ColumnDesc OneOf(std::span<const std::string_view> names, std::string_view code_table) const {
    return With(&ColumnDesc::values, names).With(&ColumnDesc::codes, code_table);
  }
  constexpr ColumnDesc Within(ValueRange accepted) const { return With(&ColumnDesc::range, accepted); }
  constexpr ColumnDesc Unique() const { return With(&ColumnDesc::unique, true); }
  constexpr ColumnDesc Since(int64_t version) const { return With(&ColumnDesc::since, version); }

};

constexpr ColumnDesc Required(std::string_view name, ColumnKind kind) {
  ColumnDesc column;
  column.name = name;
  column.kind = kind;
  column.required = true;
  return column;
}
constexpr ColumnDesc Optional(std::string_view name, ColumnKind kind) {
  ColumnDesc column;
  column.name = name;
  column.kind = kind;
  return column;
}

struct TableDesc {
  std::string_view name;  // "time_entries": also the store's table
  std::string_view file;  // "time_entries.csv"
  std::string_view noun;  // "time entry": one row, in messages
  bool required = false;  // the file must be present
  std::span<const ColumnDesc> columns;
  std::span<const std::string_view> key;  // columns unique together; empty when rows have no key
  int64_t since = 1;                       // the store's schema version that created the table
};

namespace catalogue_tables {

using K = ColumnKind;
constexpr ValueRange kNonNegative = {0, std::nullopt};
constexpr ValueRange kZeroOrOne = {0, 1};

inline constexpr std::array<ColumnDesc, 3> kClients = {{
    Required("client_id", K::kId),
    Required("name", K::kText),
    Optional("sector", K::kText),
}};
inline constexpr std::array<ColumnDesc, 7> kContracts = {{
    Required("contract_id", K::kId),
    Required("client_id", K::kReference).Referencing("clients"),
    Required("start_date", K::kDate),
    Required("end_date", K::kDate),
    Optional("renewal_of", K::kReference).Referencing("contracts").Unique(),
    Optional("renewal_type", K::kEnum).OneOf(kRenewalTypeNames, "renewal_types"),
    Optional("signed_on", K::kDate).Defaulting("start_date"),
}};
inline constexpr std::array<ColumnDesc, 9> kMissions = {{
    Required("mission_id", K::kId),
    Required("client_id", K::kReference).Referencing("clients"),
    Required("name", K::kText),
    Required("start_date", K::kDate),
    Required("end_date", K::kDate),
    Optional("contract_id", K::kReference).Referencing("contracts"),
    Optional("type", K::kText),
    Optional("complexity", K::kInteger).Within({1, 5}),
    Optional("fee", K::kMoney).Within(kNonNegative).Since(4),
}};
inline constexpr std::array<ColumnDesc, 4> kEmployees = {{
    Required("employee_id", K::kId),
    Required("name", K::kText),
    Optional("role", K::kText),
    Optional("weekly_hours", K::kHours).Within({1, 8000}).Since(4),  // hundredths: up to 80 h
}};
inline constexpr std::array<ColumnDesc, 3> kCostRates = {{
    Required("employee_id", K::kReference).Referencing("employees"),
    Required("valid_from", K::kDate),
    Required("hourly_cost", K::kMoney).Within(kNonNegative),
}};
inline constexpr std::array<ColumnDesc, 4> kStores = {{
    Required("store_id", K::kId),
    Required("name", K::kText),
    Optional("chain", K::kText),
    Optional("region", K::kText),
}};
inline constexpr std::array<ColumnDesc, 5> kTimeEntries = {{
    Required("employee_id", K::kReference).Referencing("employees"),
    Required("date", K::kDate),
    Required("hours", K::kHours).Within({1, 2400}),  // hundredths: up to 24 h
    Required("activity", K::kEnum).OneOf(kActivityNames, "activities"),
    Optional("mission_id", K::kReference).Referencing("missions"),
}};
inline constexpr std::array<ColumnDesc, 4> kExpenses = {{
    Required("date", K::kDate),
    Required("amount", K::kMoney).Within(kNonNegative),
    Required("category", K::kEnum).OneOf(kExpenseCategoryNames, "expense_categories"),
    Optional("mission_id", K::kReference).Referencing("missions"),
}};
inline constexpr std::array<ColumnDesc, 5> kInvoices = {{
    Required("invoice_id", K::kId),
    Required("client_id", K::kReference).Referencing("clients"),
    Required("date", K::kDate),
    Required("amount", K::kMoney),
    Optional("mission_id", K::kReference).Referencing("missions"),
}};
inline constexpr std::array<ColumnDesc, 6> kVisits = {{
    Required("visit_id", K::kId),
    Required("employee_id", K::kReference).Referencing("employees"),
    Required("mission_id", K::kReference).Referencing("missions"),
    Required("store_id", K::kReference).Referencing("stores"),
    Required("date", K::kDate),
    Optional("action", K::kEnum).Defaulting("other").OneOf(kVisitActionNames, "visit_actions"),
}};
inline constexpr std::array<ColumnDesc, 7> kObjectives = {{
    Required("objective_id", K::kId),
    Required("mission_id", K::kReference).Referencing("missions"),
    Required("metric", K::kMetric),
    Required("aggregation", K::kEnum).OneOf(kAggregationNames, "aggregations"),
    Required("target", K::kQuantity),
    Required("start_date", K::kDate),
    Required("end_date", K::kDate),
}};
inline constexpr std::array<ColumnDesc, 5> kResults = {{
    Required("mission_id", K::kReference).Referencing("missions"),
    Required("metric", K::kMetric),
    Required("date", K::kDate),
    Required("value", K::kQuantity),
    Optional("store_id", K::kReference).Referencing("stores"),
}};
inline constexpr std::array<ColumnDesc, 5> kStoreAudits = {{
    Required("date", K::kDate),
    Required("store_id", K::kReference).Referencing("stores"),
    Required("client_id", K::kReference).Referencing("clients"),
    Required("present", K::kInteger).Within(kZeroOrOne),
    Optional("facings", K::kInteger).Defaulting("0").Within(kNonNegative),
}};
inline constexpr std::array<ColumnDesc, 4> kStoreSales = {{
    Required("date", K::kDate),
    Required("store_id", K::kReference).Referencing("stores"),
    Required("client_id", K::kReference).Referencing("clients"),
    Required("amount", K::kMoney),
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
    {"store_sales", "store_sales.csv", "store sale", false, catalogue_tables::kStoreSales, {}, 3},
}};

// The store's schema version from which `column` of `table` is stored: the
// version that added it to the table, or that created the table.
constexpr int64_t StoredSince(const TableDesc& table, const ColumnDesc& column) {
  return column.since > table.since ? column.since : table.since;
}

// What the store schema's version `version` adds, as every store's
// migrations write it: `on_table(table)` for each catalogue table made then
// (whole, with the columns it has then), and `on_column(table, column)` for
// each column then added to a table made before.
template <typename OnTable, typename OnColumn>
void ForEachAddedIn(int64_t version, OnTable on_table, OnColumn on_column) {
  for (const TableDesc& table : kCatalogue) {
    if (table.since == version) {
      on_table(table);
    } else if (table.since < version) {
      for (const ColumnDesc& column : table.columns) {
        if (StoredSince(table, column) == version) on_column(table, column);
      }
    }
  }
}

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

// The dates a fact table's rows span: its `date` column's first and last day.
struct TableDates {
  std::string_view table;  // catalogue name: "invoices"
  Day first = 0;
  Day last = 0;
};

// Every table with a `date` column and at least one row, in catalogue order.
std::vector<TableDates> FactDates(const Dataset& dataset);

// The last day of any dated fact; nullopt when there is none.
std::optional<Day> LastFactDate(const Dataset& dataset);

// "client_id,name,sector": the table's CSV header, columns in catalogue order.
std::string HeaderLine(const TableDesc& table, char separator = ',');

}  // namespace agencykpi
