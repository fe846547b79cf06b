// The PostgreSQL Store: the backend OpenStore chooses for "postgresql://…"
// or "postgres://…". Many agencies share one database; a PgStore works for
// one of them (StoreOpenOptions::agency), through row-level security
// (pg_schema.h). Its test hooks are declared here, so nothing above store.h
// names a PostgreSQL type.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/account.h"
#include "common/status.h"
#include "store/postgres/pg_connection.h"
#include "store/store.h"

namespace agencykpi {

// Rows sent to the server per COPY message.
inline constexpr size_t kPgCopyRowsPerMessage = 4096;
// Connections a load reads the tables over, in one snapshot.
inline constexpr size_t kPgLoadConnections = 2;
// Connections an import makes the fact tables' parts over.
inline constexpr size_t kPgImportConnections = 2;
// The first key of the advisory lock that serialises an agency's imports
// (the second is the hash of its id).
inline constexpr int32_t kPgImportLockClass = 0x616b70;  // "akp"
// How long a watcher waits for a notification before it asks the database.
inline constexpr std::chrono::milliseconds kPgWatchPoll{1000};

struct PgStoreOptions : StoreOpenOptions {
  // Imports keep a columnar snapshot of the dataset and loads read it
  // (pg_snapshot.h); off, loads read the tables and imports write none.
  bool columnar_snapshot = true;
  // --- Test hooks: leave empty in the product. ---
  // Called after every COPY message with its table, that table's rows sent
  // so far and the rows sent so far of all tables; a non-OK Status aborts
  // the import as a failed write would.
  std::function<Status(std::string_view table, size_t table_rows_sent, int64_t rows_sent)> after_rows_sent;
  // The clock for `imported_at`; the system clock when empty.
  std::function<std::chrono::system_clock::time_point()> now;
};

// Opens the store at `uri` for `options.agency`:
//  - read-write (import, serve): the schema is created or migrated first;
//  - read-only (report): the schema must exist and is not changed; the
//    session is READ ONLY.
// The agency: `options.agency` when given (kNotFound when the database has
// no such agency); else the database's only agency (kInvalidInput naming
// `agency list` when it holds several, `agency add` when none).
// Errors: kUnavailable when the server cannot be reached (libpq's reason,
// never the password); kInvalidInput for a database of a newer agencykpi.
Result<std::unique_ptr<Store>> OpenPgStore(const std::string& uri, PgStoreOptions options);

// The accounts of the agency `agency` ("" as OpenPgStore resolves it).
Result<std::unique_ptr<auth::AccountStore>> OpenPgAccounts(const std::string& uri, const std::string& agency);

// A connection to `uri` with its schema migrated (read-write) or checked
// (read-only), and the agency `agency` resolved as OpenPgStore resolves it.
Result<std::pair<PgConnection, std::string>> ConnectForAgency(const std::string& uri, const std::string& agency,
                                                              bool read_only);

// The agencies of the database at `uri` (created or migrated first).
Status AddPgAgency(const std::string& uri, const AgencyRecord& agency);
Result<std::vector<AgencyRecord>> ListPgAgencies(const std::string& uri);

}  // namespace agencykpi
