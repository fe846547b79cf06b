// Datasets built by hand for the store tests and benchmark, and a
// field-by-field comparison.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "domain/dataset.h"
#include "store/store.h"
#include "store/sqlite_db.h"

namespace agencykpi::testing {

// A small dataset touching every table and every kind of value: absent
// references (kNoRow), empty optional text, negative amounts (credit
// notes), every enum value, a contract renewing one stored after it.
Dataset MakeSmallDataset();

// A dataset clearly different from MakeSmallDataset in every table.
Dataset MakeOtherDataset();

// The row count `meta` gives for `table`; a test failure and -1 when none.
int64_t CountOf(const StoreMeta& meta, const std::string& table);

// A valid synthetic dataset of the given size (deterministic).
Dataset MakeSyntheticDataset(size_t time_entries, size_t invoices);

// Adds a gtest failure naming the first differing field of each table.
void ExpectSameDataset(const Dataset& expected, const Dataset& actual);

// `store` after importing `data` from `source`; nullptr (a test failure)
// when `store` is null or the import fails.
std::unique_ptr<Store> Imported(std::unique_ptr<Store> store, const Dataset& data, const std::string& source);

// The store holds exactly `data`, as import number `version` from `source`.
void ExpectStored(Store& store, const Dataset& data, int64_t version, const std::string& source);

// A fresh directory per test, named after the test and the process (the
// tests of one binary may run at once), removed afterwards.
class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::filesystem::path dir_;
};

// A TempDirTest with an SQLite connection open on file_ in it.
class SqliteFileTest : public TempDirTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::filesystem::path file_;
  std::optional<SqliteDb> db_;
};

}  // namespace agencykpi::testing
