#include "domain/catalogue.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace agencykpi {
namespace {

// Compile-time indices: a renamed column fails the build, not a test.
static_assert(ColumnIndex("time_entries", "hours") == 2);
static_assert(ColumnIndex("contracts", "renewal_of") == 4);
static_assert(TableIndex("clients") == 0);

TEST(Catalogue, ListsTheFourteenTablesOfTheFolderWithClientsFirstAndRequired) {
  const auto tables = Catalogue();
  ASSERT_EQ(tables.size(), 14u);
  EXPECT_EQ(tables.front().name, "clients");
  EXPECT_EQ(tables.back().name, "store_sales");
  size_t required = 0;
  std::set<std::string_view> names;
  for (const TableDesc& table : tables) {
    names.insert(table.name);
    EXPECT_EQ(table.file, std::string(table.name) + ".csv");
    if (table.required) ++required;
  }
  EXPECT_EQ(names.size(), 14u);
  EXPECT_EQ(required, 1u);
}

TEST(Catalogue, FindTableMatchesNamesAndFileNamesIgnoringCase) {
  const TableDesc* invoices = FindTable("invoices");
  ASSERT_NE(invoices, nullptr);
  EXPECT_EQ(invoices->file, "invoices.csv");
  EXPECT_EQ(FindTable("Invoices.CSV"), invoices);
  EXPECT_EQ(FindTable("INVOICES"), invoices);
  EXPECT_EQ(FindTable("factures.csv"), nullptr);
  EXPECT_EQ(FindTable("invoice.csv"), nullptr);
  EXPECT_EQ(FindTable(""), nullptr);
}

TEST(Catalogue, FindColumnMatchesIgnoringCase) {
  const TableDesc& entries = *FindTable("time_entries");
  EXPECT_EQ(FindColumn(entries, "Mission_ID"), 4u);
  EXPECT_EQ(FindColumn(entries, "comment"), std::nullopt);
}

TEST(Catalogue, EveryReferenceNamesATableReadBeforeOrItsOwnTable) {
  size_t references = 0;
  size_t self_references = 0;
  for (size_t t = 0; t < Catalogue().size(); ++t) {
    const TableDesc& table = Catalogue()[t];
    for (const ColumnDesc& column : table.columns) {
      if (column.kind != ColumnKind::kReference) {
        EXPECT_TRUE(column.references.empty()) << table.name << "." << column.name;
        continue;
      }
      ++references;
      const TableDesc* target = FindTable(column.references);
      ASSERT_NE(target, nullptr) << table.name << "." << column.name;
      const auto target_index = static_cast<size_t>(target - Catalogue().data());
      EXPECT_LE(target_index, t) << table.name << "." << column.name << " refers to a later table";
      if (target_index == t) ++self_references;
    }
  }
  EXPECT_EQ(references, 20u);
  EXPECT_EQ(self_references, 1u);  // contracts.renewal_of
}

TEST(Catalogue, KeysNameColumnsOfTheirTableAndIdColumnsAreKeys) {
  size_t keyed = 0;
  size_t ids = 0;
  for (const TableDesc& table : Catalogue()) {
    if (!table.key.empty()) ++keyed;
    for (const std::string_view key : table.key) {
      const auto column = FindColumn(table, key);
      ASSERT_TRUE(column.has_value()) << table.name << " key " << key;
      EXPECT_TRUE(table.columns[*column].required) << table.name << " key " << key;
    }
    for (const ColumnDesc& column : table.columns) {
      if (column.kind != ColumnKind::kId) continue;
      ++ids;
      ASSERT_EQ(table.key.size(), 1u) << table.name;
      EXPECT_EQ(table.key.front(), column.name);
    }
  }
  EXPECT_EQ(keyed, 9u);
  EXPECT_EQ(ids, 8u);  // cost_rates is keyed by (employee_id, valid_from)
}

TEST(Catalogue, EnumColumnsListTheirValuesAndOnlyThey) {
  size_t enums = 0;
  for (const TableDesc& table : Catalogue()) {
    for (const ColumnDesc& column : table.columns) {
      if (column.kind == ColumnKind::kEnum) {
        ++enums;
        EXPECT_FALSE(column.values.empty()) << table.name << "." << column.name;
      } else {
        EXPECT_TRUE(column.values.empty()) << table.name << "." << column.name;
      }
    }
  }
  EXPECT_EQ(enums, 5u);
  EXPECT_EQ(FindTable("visits")->columns[ColumnIndex("visits", "action")].default_value, "other");
}

TEST(Catalogue, HeaderLineListsTheColumnsInOrder) {
  EXPECT_EQ(HeaderLine(*FindTable("clients")), "client_id,name,sector");
  EXPECT_EQ(HeaderLine(*FindTable("cost_rates"), ';'), "employee_id;valid_from;hourly_cost");
}

TEST(Catalogue, StoreColumnNameNamesReferencesAndMetricsByTheirRow) {
  const TableDesc& contracts = *FindTable("contracts");
  EXPECT_EQ(StoreColumnName(contracts.columns[ColumnIndex("contracts", "contract_id")]), "contract_id");
  EXPECT_EQ(StoreColumnName(contracts.columns[ColumnIndex("contracts", "client_id")]), "client_row");
  EXPECT_EQ(StoreColumnName(contracts.columns[ColumnIndex("contracts", "renewal_of")]), "renewal_of_row");
  const TableDesc& results = *FindTable("results");
  EXPECT_EQ(StoreColumnName(results.columns[ColumnIndex("results", "metric")]), "metric_row");
  EXPECT_EQ(StoreColumnName(results.columns[ColumnIndex("results", "value")]), "value");
}

TEST(Catalogue, RowCountCountsTheDatasetTableOfEachEntry) {
  Dataset d;
  d.clients.resize(2);
  d.cost_rates.resize(3);
  d.time_entries.date.resize(5);
  d.store_audits.date.resize(7);
  d.store_sales.date.resize(11);
  size_t total = 0;
  for (const TableDesc& table : Catalogue()) total += RowCount(d, table);
  EXPECT_EQ(total, 28u);
  EXPECT_EQ(RowCount(d, *FindTable("cost_rates")), 3u);
  EXPECT_EQ(RowCount(d, *FindTable("store_audits")), 7u);
  EXPECT_EQ(RowCount(d, *FindTable("store_sales")), 11u);
}

}  // namespace
}  // namespace agencykpi
