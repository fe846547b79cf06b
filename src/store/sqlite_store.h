// The SQLite Store: the backend OpenStore chooses for "sqlite:PATH" or a
// plain path. Its tuning and its test hooks are declared here, so nothing
// above store.h names a SQLite type; tests that need the hooks open it
// directly with OpenSqliteStore.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include "common/status.h"
#include "store/store.h"

namespace agencykpi {

// SQLite tuning defaults (see sqlite_store.cpp for why each value).
constexpr int64_t kSqliteBusyTimeoutMs = 5000;                               // wait for another writer
constexpr int64_t kSqlitePageSizeBytes = 16384;
constexpr int64_t kSqliteCacheSizeKib = int64_t{16} * 1024;                  // page cache per connection
constexpr int64_t kSqliteJournalSizeLimitBytes = int64_t{64} * 1024 * 1024;  // WAL kept after a checkpoint

inline constexpr const char* kSnapshotSuffix = ".columns";

// StoreOpenOptions (access, on_warning) plus SQLite's own settings. For
// SQLite, read-write also means that snapshot files left by a crash are
// removed and the snapshot kept written; read-only writes no snapshot and
// does not use the snapshot of an older schema. on_warning is told when the
// snapshot could not be written (with the system's reason), so the next
// load reads SQLite.
struct SqliteStoreOptions : StoreOpenOptions {
  int64_t busy_timeout_ms = kSqliteBusyTimeoutMs;
  // Page cache size. A small cache makes a big import spill pages into the
  // WAL before it commits (tests use that to crash with data on disk).
  int64_t cache_size_kib = kSqliteCacheSizeKib;
  // Keep a columnar snapshot of the latest import beside the database
  // (FILE + kSnapshotSuffix) so LoadDataset reads it at memory speed; the
  // database stays the truth and the snapshot is used only when its dataset
  // version and import id match the database's (sqlite_store.cpp).
  bool columnar_snapshot = true;

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
