// Versioned schema migrations of the SQLite store.
//
// The schema version is `PRAGMA user_version` (0 = empty file). A migration
// step takes the schema from version N-1 to N; steps are applied in order,
// all of them in one IMMEDIATE transaction, and the new version is written
// in that same transaction, so a failed or interrupted migration leaves the
// file at its old version. A file whose version is newer than the binary
// knows is refused, untouched.
//
// The catalogue's tables are written from the catalogue (store/schema_sql.h);
// a step adds the tables and columns whose `since` is its version, after its
// own SQL. Adding a schema change = a `since` of a new version in the
// catalogue, or hand-written SQL, in a step appended to kSteps in
// migrations.cpp. Never edit a step that has shipped.
//
// Thread safety: free functions over a caller-owned connection.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"
#include "store/sqlite_db.h"

namespace agencykpi {

struct Migration {
  int64_t version = 0;           // the version the schema has after this step
  std::string_view description;  // for error messages
  std::string sql;               // one or more statements
};

// The product's migration steps, versions 1, 2, … in order.
std::span<const Migration> SchemaMigrations();

// The schema version this binary writes and reads.
int64_t LatestSchemaVersion();

// The schema version that created the store's table `table` (1 for the
// tables of the initial schema): a file of an older version, opened
// read-only, has no such table, and its rows read as none.
int64_t TableSchemaVersion(std::string_view table);

// The schema version that added column `column` (its catalogue name) to the
// store's table `table`: the table's own version for the columns it was
// created with. A file of an older version reads it as absent in every row.
int64_t ColumnSchemaVersion(std::string_view table, std::string_view column);

// Brings the database to the last version of `migrations` (which must be
// numbered 1, 2, … in order). Errors: kInvalidInput if the file is newer
// than `migrations` (left untouched); kIo if a step fails (everything rolled
// back, version unchanged).
Status ApplyMigrations(SqliteDb& db, std::span<const Migration> migrations);

// ApplyMigrations(db, SchemaMigrations()).
Status MigrateToLatest(SqliteDb& db);

// The file's current schema version.
Result<int64_t> SchemaVersion(SqliteDb& db);

}  // namespace agencykpi
