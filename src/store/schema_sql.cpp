#include "store/schema_sql.h"


#include <string_view>

#include "domain/catalogue.h"

namespace agencykpi {
namespace {

constexpr std::string_view kMetricsTable = "metrics";

// SQLite adds a column only if every existing row can take it: a later
// column must be nullable with no default (NULL = absent).
static_assert([] {
  for (const TableDesc& table : kCatalogue) {
    for (const ColumnDesc& column : table.columns) {
      if (StoredSince(table, column) > table.since && (column.required || !column.default_value.empty())) {
        return false;
      }
    }
  }
  return true;
}(), "a column added after its table must be optional without a default");

bool IsSingleKey(const TableDesc& table, const ColumnDesc& column) {
  return table.key.size() == 1 && table.key[0] == column.name;
}

std::string CheckSql(const std::string& name, const ValueRange& range) {
  // A 0-or-1 column is written as the list of its two values.
  if (range.min == 0 && range.max == 1) return "CHECK (" + name + " IN (0, 1))";
  if (range.min && range.max) {
    return "CHECK (" + name + " BETWEEN " + std::to_string(*range.min) + " AND " + std::to_string(*range.max) + ")";
  }
  if (range.min) return "CHECK (" + name + " >= " + std::to_string(*range.min) + ")";
  return "CHECK (" + name + " <= " + std::to_string(*range.max) + ")";
}

std::string ReferenceSql(const TableDesc& table, const ColumnDesc& column) {
  switch (column.kind) {
    case ColumnKind::kReference: {
      std::string sql = "REFERENCES " + std::string(column.references) + "(row_id)";
      if (column.references == table.name) sql += " DEFERRABLE INITIALLY DEFERRED";
      return sql;
    }
    case ColumnKind::kEnum: return "REFERENCES " + std::string(column.codes) + "(code)";
    case ColumnKind::kMetric: return "REFERENCES " + std::string(kMetricsTable) + "(row_id)";
    default: return "";
  }
}

// "client_row INTEGER NOT NULL REFERENCES clients(row_id)"
std::string ColumnSql(const TableDesc& table, const ColumnDesc& column) {
  const std::string name = StoreColumnName(column);
  const bool text = column.kind == ColumnKind::kId || column.kind == ColumnKind::kText;
  std::string sql = name + (text ? " TEXT" : " INTEGER");
  if (column.required || !column.default_value.empty()) sql += " NOT NULL";
  if (column.unique || IsSingleKey(table, column)) sql += " UNIQUE";
  if (column.range.bounded()) sql += " " + CheckSql(name, column.range);
  const std::string reference = ReferenceSql(table, column);
  if (!reference.empty()) sql += " " + reference;
  return sql;
}

std::string CreateTableSql(const TableDesc& table) {
  std::string sql = "CREATE TABLE " + std::string(table.name) + " (\n  row_id INTEGER PRIMARY KEY";
  for (const ColumnDesc& column : table.columns) {
    if (StoredSince(table, column) == table.since) sql += ",\n  " + ColumnSql(table, column);
  }
  if (table.key.size() > 1) {
    std::string key;
    for (std::string_view name : table.key) {
      if (!key.empty()) key += ", ";
      key += StoreColumnName(table.columns[*FindColumn(table, name)]);
    }
    sql += ",\n  UNIQUE (" + key + ")";
  }
  return sql + "\n) STRICT;\n";
}

}  // namespace

std::string CatalogueSchemaSql(int64_t version) {
  std::string sql;
  ForEachAddedIn(
      version, [&](const TableDesc& table) { sql += CreateTableSql(table); },
      [&](const TableDesc& table, const ColumnDesc& column) {
        sql += "ALTER TABLE " + std::string(table.name) + " ADD COLUMN " + ColumnSql(table, column) + ";\n";
      });
  return sql;
}

}  // namespace agencykpi
