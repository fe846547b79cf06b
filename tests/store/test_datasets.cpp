#include "test_datasets.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "domain/dataset_binding.h"

namespace agencykpi::testing {
namespace {

Day D(int year, int month, int day) {
  return DayFromCivil(year, month, day);
}

// "C12": appending rather than `"C" + std::to_string(n)`, which trips a
// false -Wrestrict in g++ 12 at -O2.
std::string Id(std::string_view prefix, int64_t n) {
  std::string id(prefix);
  id += std::to_string(n);
  return id;
}

}  // namespace

Dataset MakeSmallDataset() {
  Dataset d;
  d.clients = {{"C1", "Brasserie Nord", "drinks"}, {"C2", "Savons d'Été", ""}, {"C3", "Lait & Co", "dairy"}};
  // K3 renews K4, which comes after it: the store must accept references
  // to later rows of the same table.
  d.contracts = {
      {"K1", 0, D(2025, 1, 1), D(2025, 12, 31), kNoRow, RenewalType::kNone, D(2024, 12, 15)},
      {"K2", 0, D(2026, 1, 1), D(2026, 12, 31), 0, RenewalType::kSpontaneous, D(2025, 12, 1)},
      {"K3", 1, D(2026, 2, 1), D(2026, 7, 31), 3, RenewalType::kSolicited, D(2026, 2, 1)},
      {"K4", 1, D(2025, 2, 1), D(2026, 1, 31), kNoRow, RenewalType::kNone, D(2025, 2, 1)},
  };
  d.missions = {
      {"M1", 0, "Implantation été", D(2026, 1, 1), D(2026, 6, 30), 1, "merchandising", 3},
      {"M2", 1, "Prospection", D(2026, 2, 1), D(2026, 7, 31), kNoRow, "", 0},
      {"M3", 2, "Animation", D(2025, 11, 1), D(2026, 3, 31), kNoRow, "animation", 5},
  };
  d.employees = {{"E1", "Alice Martin", "merchandiser"}, {"E2", "Bruno Petit", ""}};
  d.cost_rates = {{0, D(2025, 1, 1), 3250}, {0, D(2026, 1, 1), 3400}, {1, D(2025, 6, 1), 0}};
  d.stores = {{"S1", "Carrefour Lille", "Carrefour", "Nord"}, {"S2", "Épicerie du coin", "", ""}};
  d.metrics = {"implantations", "dn"};
  d.objectives = {
      {"O1", 0, 0, Aggregation::kSum, 100 * kMicrosPerUnit, D(2026, 1, 1), D(2026, 6, 30)},
      {"O2", 2, 1, Aggregation::kLast, 750000, D(2026, 1, 1), D(2026, 3, 31)},
  };
  for (int i = 0; i < kActivityCount; ++i) {
    TimeEntries& t = d.time_entries;
    t.employee.push_back(i % 2);
    t.date.push_back(D(2026, 1, 5) + i);
    t.hours.push_back(static_cast<int16_t>(i == 0 ? 2400 : 1 + 37 * i));
    t.activity.push_back(static_cast<Activity>(i));
    t.mission.push_back(i % 3 == 2 ? kNoRow : i % 3);
  }
  for (int i = 0; i < kExpenseCategoryCount; ++i) {
    Expenses& e = d.expenses;
    e.date.push_back(D(2026, 2, 1) + i);
    e.amount.push_back(i == 0 ? 0 : 12345 * i);
    e.category.push_back(static_cast<ExpenseCategory>(i));
    e.mission.push_back(i == 3 ? kNoRow : i);
  }
  d.invoices.id = {"F-2026/001", "F-2026/002", "AV-2026/001"};
  d.invoices.client = {0, 1, 0};
  d.invoices.date = {D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 15)};
  d.invoices.amount = {1500000, 98765, -25050};  // the last is a credit note
  d.invoices.mission = {0, kNoRow, 0};
  for (int i = 0; i < kVisitActionCount; ++i) {
    Visits& v = d.visits;
    v.id.push_back(Id("V", i + 1));
    v.employee.push_back(i % 2);
    v.mission.push_back(i % 3);
    v.store.push_back(i % 2);
    v.date.push_back(D(2026, 3, 1) + i);
    v.action.push_back(static_cast<VisitAction>(i));
  }
  d.results.mission = {0, 0, 2};
  d.results.metric = {0, 0, 1};
  d.results.date = {D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)};
  d.results.value = {kMicrosPerUnit, kMicrosPerUnit, 123456};
  d.results.store = {0, kNoRow, 1};
  d.store_audits.date = {D(2024, 12, 31), D(2026, 4, 1)};  // also the first dated fact
  d.store_audits.store = {0, 1};
  d.store_audits.client = {0, 2};
  d.store_audits.present = {1, 0};
  d.store_audits.facings = {6, 0};
  d.store_sales.date = {D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31)};
  d.store_sales.store = {0, 1, 0};
  d.store_sales.client = {0, 2, 0};
  d.store_sales.amount = {120050, -3000, 0};  // a return, then a month without sales
  return d;
}

Dataset MakeSyntheticDataset(size_t time_entries, size_t invoices) {
  constexpr int kClients = 200;
  constexpr int kMissionsPerClient = 5;
  constexpr int kEmployees = 300;
  constexpr int kStores = 2000;
  const Day first_day = DayFromCivil(2024, 1, 1);
  constexpr int kDaySpan = 730;

  Dataset d;
  for (int c = 0; c < kClients; ++c) {
    d.clients.push_back({Id("C", c), Id("Client ", c), c % 3 == 0 ? "" : "retail"});
    d.contracts.push_back({Id("K", c), c, first_day, first_day + 364, kNoRow, RenewalType::kNone, first_day});
    for (int m = 0; m < kMissionsPerClient; ++m) {
      const int index = c * kMissionsPerClient + m;
      d.missions.push_back({Id("M", index), c, Id("Mission ", index), first_day, first_day + kDaySpan, c,
                            "merchandising", static_cast<int8_t>(1 + index % 5)});
    }
  }
  for (int e = 0; e < kEmployees; ++e) {
    d.employees.push_back({Id("E", e), Id("Employee ", e), "field"});
    d.cost_rates.push_back({e, first_day, 2500 + e});
  }
  for (int s = 0; s < kStores; ++s) {
    d.stores.push_back({Id("S", s), Id("Store ", s), "Chain", "Region"});
  }
  d.metrics = {"implantations", "orders"};
  const auto mission_count = static_cast<RowId>(d.missions.size());
  uint64_t state = 42;
  auto next = [&state](uint64_t bound) {  // xorshift: fast and deterministic
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state % bound;
  };
  TimeEntries& t = d.time_entries;
  t.employee.reserve(time_entries);
  t.date.reserve(time_entries);
  t.hours.reserve(time_entries);
  t.activity.reserve(time_entries);
  t.mission.reserve(time_entries);
  for (size_t i = 0; i < time_entries; ++i) {
    t.employee.push_back(static_cast<RowId>(next(kEmployees)));
    t.date.push_back(first_day + static_cast<Day>(next(kDaySpan)));
    t.hours.push_back(static_cast<int16_t>(25 + next(800)));
    t.activity.push_back(static_cast<Activity>(next(kActivityCount)));
    t.mission.push_back(next(10) == 0 ? kNoRow
                                      : static_cast<RowId>(next(static_cast<uint64_t>(mission_count))));
  }
  Invoices& inv = d.invoices;
  for (size_t i = 0; i < invoices; ++i) {
    const auto mission = static_cast<RowId>(next(static_cast<uint64_t>(mission_count)));
    inv.id.push_back(Id("F", i));
    inv.client.push_back(mission / kMissionsPerClient);
    inv.date.push_back(first_day + static_cast<Day>(next(kDaySpan)));
    inv.amount.push_back(static_cast<Cents>(next(1000000)) - 50000);
    inv.mission.push_back(mission);
  }
  const size_t small_facts = invoices / 2;
  for (size_t i = 0; i < small_facts; ++i) {
    d.expenses.date.push_back(first_day + static_cast<Day>(next(kDaySpan)));
    d.expenses.amount.push_back(static_cast<Cents>(next(50000)));
    d.expenses.category.push_back(static_cast<ExpenseCategory>(next(kExpenseCategoryCount)));
    d.expenses.mission.push_back(static_cast<RowId>(next(static_cast<uint64_t>(mission_count))));
    const auto mission = static_cast<RowId>(next(static_cast<uint64_t>(mission_count)));
    d.visits.id.push_back(Id("V", i));
    d.visits.employee.push_back(static_cast<RowId>(next(kEmployees)));
    d.visits.mission.push_back(mission);
    d.visits.store.push_back(static_cast<RowId>(next(kStores)));
    d.visits.date.push_back(first_day + static_cast<Day>(next(kDaySpan)));
    d.visits.action.push_back(static_cast<VisitAction>(next(kVisitActionCount)));
    d.results.mission.push_back(mission);
    d.results.metric.push_back(static_cast<RowId>(next(2)));
    d.results.date.push_back(first_day + static_cast<Day>(next(kDaySpan)));
    d.results.value.push_back(static_cast<Micros>(next(10)) * kMicrosPerUnit);
    d.results.store.push_back(static_cast<RowId>(next(kStores)));
    d.store_audits.date.push_back(first_day + static_cast<Day>(next(kDaySpan)));
    d.store_audits.store.push_back(static_cast<RowId>(next(kStores)));
    d.store_audits.client.push_back(static_cast<RowId>(next(kClients)));
    d.store_audits.present.push_back(static_cast<uint8_t>(next(2)));
    d.store_audits.facings.push_back(static_cast<int32_t>(next(12)));
    d.store_sales.date.push_back(first_day + static_cast<Day>(next(kDaySpan)));
    d.store_sales.store.push_back(static_cast<RowId>(next(kStores)));
    d.store_sales.client.push_back(static_cast<RowId>(next(kClients)));
    d.store_sales.amount.push_back(static_cast<Cents>(next(200000)) - 10000);
  }
  return d;
}

// Every column of every catalogue table, through its binding, then the
// metric keys; only the first differing row of a column is reported (a
// million mismatches would drown the output).
void ExpectSameDataset(const Dataset& expected, const Dataset& actual) {
  EXPECT_EQ(expected.metrics, actual.metrics);
  ForEachBinding([&](auto table_index, auto binding) {
    using B = decltype(binding);
    const TableDesc& table = kCatalogue[table_index];
    const auto& want = BoundTable<B>(expected);
    const auto& got = BoundTable<B>(actual);
    ASSERT_EQ(want.size(), got.size()) << table.name;
    ForEachBoundColumn<B>([&](auto column_index, auto member) {
      for (size_t row = 0; row < want.size(); ++row) {
        if (!(Cell(want, member, row) == Cell(got, member, row))) {
          ADD_FAILURE() << table.name << "." << table.columns[column_index].name << " row " << row << " differs";
          return;
        }
      }
    });
  });
}

void TempDirTest::SetUp() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  dir_ = std::filesystem::temp_directory_path() / ("agencykpi_" + std::string(info->test_suite_name()) + "_" +
                                                   std::to_string(getpid()) + "_" + info->name());
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
}

void TempDirTest::TearDown() { std::filesystem::remove_all(dir_); }

void SqliteFileTest::SetUp() {
  TempDirTest::SetUp();
  file_ = dir_ / "test.db";
  auto db = SqliteDb::Open(file_);
  ASSERT_TRUE(db.ok()) << db.status().message();
  db_.emplace(std::move(*db));
}

void SqliteFileTest::TearDown() {
  db_.reset();
  TempDirTest::TearDown();
}

int64_t CountOf(const StoreMeta& meta, const std::string& table) {
  for (const TableCount& count : meta.counts) {
    if (count.table == table) return count.rows;
  }
  ADD_FAILURE() << "no count for " << table;
  return -1;
}

Dataset MakeOtherDataset() {
  Dataset d = MakeSmallDataset();
  d.clients.resize(1);
  d.clients[0].name = "Seul client";
  d.contracts.clear();
  d.missions = {{"MX", 0, "Seule mission", 1, 2, kNoRow, "", 2}};
  d.employees.resize(1);
  d.cost_rates = {{0, 0, 1000}};
  d.stores.clear();
  d.metrics = {"orders"};
  d.objectives = {{"OX", 0, 0, Aggregation::kSum, 5, 1, 2}};
  d.time_entries = {};
  d.time_entries.employee = {0};
  d.time_entries.date = {1};
  d.time_entries.hours = {100};
  d.time_entries.activity = {Activity::kOther};
  d.time_entries.mission = {0};
  d.expenses = {};
  d.invoices = {};
  d.visits = {};
  d.results = {};
  d.store_audits = {};
  d.store_sales = {};
  return d;
}

std::unique_ptr<Store> Imported(std::unique_ptr<Store> store, const Dataset& data, const std::string& source) {
  if (store == nullptr) return nullptr;
  const Status imported = store->ReplaceDataset(data, source);
  EXPECT_TRUE(imported.ok()) << imported.message();
  return imported.ok() ? std::move(store) : nullptr;
}

void ExpectStored(Store& store, const Dataset& data, int64_t version, const std::string& source) {
  auto loaded = store.LoadDataset();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(data, *loaded);
  auto meta = store.Meta();
  ASSERT_TRUE(meta.ok()) << meta.status().message();
  EXPECT_EQ(meta->dataset_version, version);
  EXPECT_EQ(meta->source, source);
}

}  // namespace agencykpi::testing
