// The Store: where an agency's dataset is kept between commands. Nothing
// above this interface knows which database is behind it.
//
// Failure behaviour: ReplaceDataset is all or nothing — on any error, or a
// crash, the previously stored dataset is left exactly as it was.
// A Store is used from one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/cancel.h"
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
  // When `cancel` is raised during the write, the transaction is rolled back
  // and kCancelled returned: the previous dataset stays as it was.
  virtual Status ReplaceDataset(const Dataset& dataset, const std::string& source,
                                const CancelToken* cancel = nullptr) = 0;
  // Loads the current dataset (empty if never imported).
  virtual Result<Dataset> LoadDataset() = 0;
  virtual Result<StoreMeta> Meta() = 0;
};

// SQLite tuning defaults (see sqlite_store.cpp for why each value).
constexpr int64_t kSqliteBusyTimeoutMs = 5000;                               // wait for another writer
constexpr int64_t kSqlitePageSizeBytes = 16384;
constexpr int64_t kSqliteCacheSizeKib = int64_t{64} * 1024;                  // page cache per connection
constexpr int64_t kSqliteJournalSizeLimitBytes = int64_t{64} * 1024 * 1024;  // WAL kept after a checkpoint

inline constexpr const char* kSnapshotSuffix = ".columns";

enum class StoreAccess {
  // import, serve: a missing file is created, an older schema migrated,
  // snapshot files left by a crash removed, and the snapshot kept written.
  kReadWrite,
  // report: the file must exist and nothing is ever written (no migration,
  // no snapshot written, no database created). An older schema is read as
  // it is (its snapshot is then not used). ReplaceDataset fails (kInternal).
  kReadOnly,
};

struct SqliteStoreOptions {
  StoreAccess access = StoreAccess::kReadWrite;
  int64_t busy_timeout_ms = kSqliteBusyTimeoutMs;
  // Page cache size. A small cache makes a big import spill pages into the
  // WAL before it commits (tests use that to crash with data on disk).
  int64_t cache_size_kib = kSqliteCacheSizeKib;
  // Keep a columnar snapshot of the latest import beside the database
  // (FILE + kSnapshotSuffix) so LoadDataset reads it at memory speed; the
  // database stays the truth and the snapshot is used only when its dataset
  // version and import id match the database's (sqlite_store.cpp).
  bool columnar_snapshot = true;
  // Problems that fail nothing but deserve a line in the log: the snapshot
  // could not be written (with the system's reason), so the next load reads
  // SQLite. Callers print them; ignored when empty. Called on the thread
  // that called the store.
  std::function<void(const Status&)> on_warning;

  // --- Test hooks: leave empty in the product. ---
  // Called by ReplaceDataset after every inserted row with the number of
  // rows inserted so far (all tables, in import order). A non-OK Status
  // aborts the import as if that insert had failed (the transaction is
  // rolled back); the hook may also kill the process to simulate a crash.
  std::function<Status(int64_t rows_inserted)> after_row_inserted;
  // The clock for `imported_at`; the system clock when empty.
  std::function<std::chrono::system_clock::time_point()> now;
  // When > 0, the database file cannot grow beyond this many pages: SQLite
  // then fails exactly as on a full disk (SQLITE_FULL).
  int64_t max_page_count = 0;
};

// Opens a SQLite store as `options.access` says (read-write by default:
// creating the file if needed, migrating it to the current schema).
// A new file is made whole under a temporary name and linked into place, so
// a crash never leaves a half-made store at `file`.
// Errors, all naming the file:
//  - kInvalidInput "FILE: not an agencykpi database (why)" for a directory,
//    an empty file, a file that is not SQLite, an SQLite database without
//    agencykpi's tables; and for a file written by a newer agencykpi (its
//    schema version is newer than this binary knows). The file is left
//    untouched, byte for byte.
//  - kNotFound "FILE: no such database (…)" when read-only and missing.
//  - kIo when the file cannot be opened, created or migrated (a full disk
//    reads "the disk is full").
// Read-only in a directory this process cannot write (so SQLite cannot make
// its -shm file), a database with no -wal file is opened immutable: it is
// then assumed that no other process writes it meanwhile.
// The returned Store owns its connection; it is used from one thread at a
// time. Several processes may open the same file: imports are serialized by
// SQLite's write lock and readers see the last committed dataset.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& file);
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& file, SqliteStoreOptions options);

}  // namespace agencykpi
