// The Store: where an agency's dataset is kept between commands. Nothing
// above this interface knows which database is behind it.
//
// Failure behaviour: ReplaceDataset is all or nothing — on any error, or a
// crash, the previously stored dataset is left exactly as it was.
// A Store is used from one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/dataset.h"

namespace agencykpi {

struct TableCount {
  std::string table;  // "clients", "time_entries", …
  int64_t rows = 0;
};

struct StoreMeta {
  int64_t dataset_version = 0;     // increases at every successful import; 0 = never imported
  std::string imported_at;         // ISO 8601 UTC time of the last import, "" if none
  std::string source;              // what was imported (folder path or upload name)
  std::vector<TableCount> counts;  // rows per table
  Day first_date = 0;              // date range of the dated facts (0 when none)
  Day last_date = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Replaces the whole dataset in one transaction; `source` is recorded in meta.
  virtual Status ReplaceDataset(const Dataset& dataset, const std::string& source) = 0;
  // Loads the current dataset (empty if never imported).
  virtual Result<Dataset> LoadDataset() = 0;
  virtual Result<StoreMeta> Meta() = 0;
};

// Opens (creating if needed, migrating to the current schema) a SQLite store.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& file);

}  // namespace agencykpi
