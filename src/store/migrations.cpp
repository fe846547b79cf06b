#include "store/migrations.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "domain/catalogue.h"
#include "store/schema_sql.h"

namespace agencykpi {
namespace {

// Schema conventions (version 1):
//  - Every table is STRICT, so a value of the wrong type is an error rather
//    than silently stored as text.
//  - `row_id INTEGER PRIMARY KEY` is the rowid and equals the Dataset RowId
//    (the row's index in its vector), so loading back needs no id lookups
//    and inserting in RowId order appends to the b-tree.
//  - The catalogue's tables are written from the catalogue, each step adding
//    what its version brings (store/schema_sql.h): references as `<x>_row`
//    rows, dates as INTEGER day numbers (days since 1970-01-01, exactly the
//    in-memory Day: for a human, `date(start_date * 86400, 'unixepoch')`),
//    money as INTEGER cents, hours as hundredths, targets and result values
//    as micros, optional text NULL when absent, textual ids TEXT UNIQUE and
//    no other secondary index (the KPI engine reads whole tables).
//    contracts.renewal_of is UNIQUE (SPEC: two contracts cannot renew the
//    same one), which also lets SQLite check that self-reference without
//    scanning the table.
//  - Enums are small INTEGER codes with a lookup table holding their SPEC
//    names; the store maps codes to enum values by name when it opens, so
//    reordering an enum in C++ cannot reinterpret stored data.
// A step is its hand-written SQL (lookup tables, the metric keys, the import
// bookkeeping) then what its version adds to the catalogue's tables.
constexpr std::string_view kLookupsV1 = R"sql(
CREATE TABLE activities (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
INSERT INTO activities VALUES (0, 'field'), (1, 'preparation'), (2, 'followup'), (3, 'coordination'),
  (4, 'reporting'), (5, 'travel'), (6, 'management'), (7, 'other');
CREATE TABLE expense_categories (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
INSERT INTO expense_categories VALUES (0, 'travel'), (1, 'tools'), (2, 'subcontracting'), (3, 'other');
CREATE TABLE visit_actions (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
INSERT INTO visit_actions VALUES (0, 'implantation'), (1, 'negotiation'), (2, 'promotion'),
  (3, 'merchandising'), (4, 'audit'), (5, 'order'), (6, 'other');
CREATE TABLE renewal_types (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
INSERT INTO renewal_types VALUES (1, 'spontaneous'), (2, 'solicited');
CREATE TABLE aggregations (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
INSERT INTO aggregations VALUES (0, 'sum'), (1, 'last');

-- The distinct metric keys of objectives and results.
CREATE TABLE metrics (
  row_id INTEGER PRIMARY KEY,
  metric TEXT NOT NULL UNIQUE
) STRICT;

-- One row: what the current dataset is. first/last_date: date range of the
-- dated facts, NULL when there are none.
CREATE TABLE import_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  dataset_version INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  source TEXT NOT NULL,
  first_date INTEGER,
  last_date INTEGER
) STRICT;
INSERT INTO import_meta VALUES (1, 0, '', '', NULL, NULL);
)sql";

// Version 2: the import id, a random tag of the data's committed state that
// the columnar snapshot must carry to be used (sqlite_store.cpp). Upgraded
// databases get '' (no state is known), so no older snapshot is trusted.
constexpr std::string_view kImportIdV2 = R"sql(
ALTER TABLE import_meta ADD COLUMN import_id TEXT NOT NULL DEFAULT '';
)sql";

// Version 5: accounts, their brands, their sessions (a hash of the token,
// never the token) and the audit log (auth/account.h, docs/security.md).
// None of them is a data table: an import leaves them as they are.
constexpr std::string_view kAccountsV5 = R"sql(
CREATE TABLE users (
  user_id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'viewer', 'brand')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL,
  last_login_at TEXT
) STRICT;
CREATE TABLE user_clients (
  user_id INTEGER NOT NULL REFERENCES users(user_id),
  client_id TEXT NOT NULL,
  PRIMARY KEY (user_id, client_id)
) STRICT;
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(user_id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  event TEXT NOT NULL,
  detail TEXT NOT NULL,
  address TEXT NOT NULL
) STRICT;
)sql";

struct Step {
  int64_t version;
  std::string_view description;
  std::string_view sql;  // before the catalogue's tables of this version
};

// Version 3 adds store_sales, version 4 missions.fee and
// employees.weekly_hours (their `since` in the catalogue).
constexpr std::array<Step, 5> kSteps = {{
    {1, "initial schema", kLookupsV1},
    {2, "import id", kImportIdV2},
    {3, "store sales", ""},
    {4, "mission fees and weekly hours", ""},
    {5, "accounts", kAccountsV5},
}};

// Every catalogue table and column comes with a step.
static_assert([] {
  for (const TableDesc& table : kCatalogue) {
    for (const ColumnDesc& column : table.columns) {
      if (table.since < 1 || StoredSince(table, column) > kSteps.back().version) return false;
    }
  }
  return true;
}(), "a catalogue `since` without its migration step");

std::vector<Migration> BuildMigrations() {
  std::vector<Migration> migrations;
  for (const Step& step : kSteps) {
    migrations.push_back(
        {step.version, step.description, std::string(step.sql) + CatalogueSchemaSql(step.version)});
  }
  return migrations;
}

}  // namespace

int64_t ColumnSchemaVersion(std::string_view table, std::string_view column) {
  const TableDesc* desc = FindTable(table);
  const std::optional<size_t> index = desc ? FindColumn(*desc, column) : std::nullopt;
  return index ? StoredSince(*desc, desc->columns[*index]) : TableSchemaVersion(table);
}

int64_t TableSchemaVersion(std::string_view table) {
  const TableDesc* desc = FindTable(table);
  return desc ? desc->since : 1;
}

std::span<const Migration> SchemaMigrations() {
  static const std::vector<Migration> migrations = BuildMigrations();
  return migrations;
}

int64_t LatestSchemaVersion() {
  return kSteps.back().version;
}

Result<int64_t> SchemaVersion(SqliteDb& db) {
  return db.QueryInt64("PRAGMA user_version");
}

Status ApplyMigrations(SqliteDb& db, std::span<const Migration> migrations) {
  const int64_t latest = migrations.empty() ? 0 : migrations.back().version;
  // Fast path without the write lock: opening an up-to-date store must not
  // wait for another process's import to finish.
  auto version = SchemaVersion(db);
  if (!version.ok()) return version.status();
  if (*version == latest) return Status::Ok();
  // IMMEDIATE: two processes opening a new file at once must not both
  // migrate it; the second waits, then sees the new version.
  auto transaction = SqliteTransaction::Begin(db, SqliteTransaction::Mode::kImmediate);
  if (!transaction.ok()) return transaction.status();
  auto current = SchemaVersion(db);
  if (!current.ok()) return current.status();
  if (*current > latest) {
    return Status::InvalidInput("the store's schema version " + std::to_string(*current) +
                                " is newer than this program supports (" + std::to_string(latest) +
                                "); use a newer agencykpi");
  }
  if (*current < 0) {
    return Status::InvalidInput("the store has an invalid schema version " + std::to_string(*current));
  }
  int64_t expected = 1;
  for (const Migration& migration : migrations) {
    if (migration.version != expected) {
      return Status::Internal("migration steps are not numbered 1, 2, …: found " +
                              std::to_string(migration.version));
    }
    ++expected;
    if (migration.version <= *current) continue;
    Status status = db.Exec(migration.sql);
    if (!status.ok()) {
      return Status::Io("schema migration to version " + std::to_string(migration.version) + " (" +
                        std::string(migration.description) + ") failed: " + status.message());
    }
  }
  if (*current == latest) {
    return Status::Ok();  // nothing to write; the guard rolls back the empty transaction
  }
  // PRAGMA takes no parameters; `latest` is an integer, not user text.
  Status status = db.Exec("PRAGMA user_version = " + std::to_string(latest));
  if (!status.ok()) return status;
  return transaction->Commit();
}

Status MigrateToLatest(SqliteDb& db) {
  return ApplyMigrations(db, SchemaMigrations());
}

}  // namespace agencykpi
