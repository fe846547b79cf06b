#include "store/migrations.h"

#include <array>
#include <string>
#include <utility>

namespace agencykpi {
namespace {

// Schema conventions (version 1):
//  - Every table is STRICT, so a value of the wrong type is an error rather
//    than silently stored as text.
//  - `row_id INTEGER PRIMARY KEY` is the rowid and equals the Dataset RowId
//    (the row's index in its vector), so loading back needs no id lookups
//    and inserting in RowId order appends to the b-tree.
//  - A reference is `<table>_row INTEGER REFERENCES <table>(row_id)`, NULL
//    when absent (kNoRow).
//  - Dates are INTEGER day numbers (days since 1970-01-01), exactly the
//    in-memory Day: loading is one sqlite3_column_int64 per value with no
//    parsing, and they take 1–3 bytes. For a human:
//    `date(start_date * 86400, 'unixepoch')`.
//  - Money is INTEGER cents, hours INTEGER hundredths, targets and result
//    values INTEGER micros: exact, as in the Dataset.
//  - Enums are small INTEGER codes with a lookup table holding their SPEC
//    names; the store maps codes to enum values by name when it opens, so
//    reordering an enum in C++ cannot reinterpret stored data.
//  - Optional text is NULL when absent.
//  - Textual ids stay TEXT UNIQUE. No other secondary index: the KPI engine
//    reads whole tables. contracts.renewal_of is UNIQUE (SPEC: two contracts
//    cannot renew the same one), which also lets SQLite check that
//    self-reference without scanning the table.
constexpr std::string_view kSchemaV1 = R"sql(
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

CREATE TABLE clients (
  row_id INTEGER PRIMARY KEY,
  client_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  sector TEXT
) STRICT;

CREATE TABLE contracts (
  row_id INTEGER PRIMARY KEY,
  contract_id TEXT NOT NULL UNIQUE,
  client_row INTEGER NOT NULL REFERENCES clients(row_id),
  start_date INTEGER NOT NULL,
  end_date INTEGER NOT NULL,
  -- deferred: a contract may renew one stored after it
  renewal_of_row INTEGER UNIQUE REFERENCES contracts(row_id) DEFERRABLE INITIALLY DEFERRED,
  renewal_type INTEGER REFERENCES renewal_types(code),
  signed_on INTEGER NOT NULL
) STRICT;

CREATE TABLE missions (
  row_id INTEGER PRIMARY KEY,
  mission_id TEXT NOT NULL UNIQUE,
  client_row INTEGER NOT NULL REFERENCES clients(row_id),
  name TEXT NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER NOT NULL,
  contract_row INTEGER REFERENCES contracts(row_id),
  type TEXT,
  complexity INTEGER CHECK (complexity BETWEEN 1 AND 5)
) STRICT;

CREATE TABLE employees (
  row_id INTEGER PRIMARY KEY,
  employee_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT
) STRICT;

CREATE TABLE cost_rates (
  row_id INTEGER PRIMARY KEY,
  employee_row INTEGER NOT NULL REFERENCES employees(row_id),
  valid_from INTEGER NOT NULL,
  hourly_cost INTEGER NOT NULL CHECK (hourly_cost >= 0),
  UNIQUE (employee_row, valid_from)
) STRICT;

CREATE TABLE stores (
  row_id INTEGER PRIMARY KEY,
  store_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  chain TEXT,
  region TEXT
) STRICT;

CREATE TABLE metrics (
  row_id INTEGER PRIMARY KEY,
  metric TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE objectives (
  row_id INTEGER PRIMARY KEY,
  objective_id TEXT NOT NULL UNIQUE,
  mission_row INTEGER NOT NULL REFERENCES missions(row_id),
  metric_row INTEGER NOT NULL REFERENCES metrics(row_id),
  aggregation INTEGER NOT NULL REFERENCES aggregations(code),
  target INTEGER NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER NOT NULL
) STRICT;

CREATE TABLE time_entries (
  row_id INTEGER PRIMARY KEY,
  employee_row INTEGER NOT NULL REFERENCES employees(row_id),
  date INTEGER NOT NULL,
  hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 2400),
  activity INTEGER NOT NULL REFERENCES activities(code),
  mission_row INTEGER REFERENCES missions(row_id)
) STRICT;

CREATE TABLE expenses (
  row_id INTEGER PRIMARY KEY,
  date INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  category INTEGER NOT NULL REFERENCES expense_categories(code),
  mission_row INTEGER REFERENCES missions(row_id)
) STRICT;

CREATE TABLE invoices (
  row_id INTEGER PRIMARY KEY,
  invoice_id TEXT NOT NULL UNIQUE,
  client_row INTEGER NOT NULL REFERENCES clients(row_id),
  date INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  mission_row INTEGER REFERENCES missions(row_id)
) STRICT;

CREATE TABLE visits (
  row_id INTEGER PRIMARY KEY,
  visit_id TEXT NOT NULL UNIQUE,
  employee_row INTEGER NOT NULL REFERENCES employees(row_id),
  mission_row INTEGER NOT NULL REFERENCES missions(row_id),
  store_row INTEGER NOT NULL REFERENCES stores(row_id),
  date INTEGER NOT NULL,
  action INTEGER NOT NULL REFERENCES visit_actions(code)
) STRICT;

CREATE TABLE results (
  row_id INTEGER PRIMARY KEY,
  mission_row INTEGER NOT NULL REFERENCES missions(row_id),
  metric_row INTEGER NOT NULL REFERENCES metrics(row_id),
  date INTEGER NOT NULL,
  value INTEGER NOT NULL,
  store_row INTEGER REFERENCES stores(row_id)
) STRICT;

CREATE TABLE store_audits (
  row_id INTEGER PRIMARY KEY,
  date INTEGER NOT NULL,
  store_row INTEGER NOT NULL REFERENCES stores(row_id),
  client_row INTEGER NOT NULL REFERENCES clients(row_id),
  present INTEGER NOT NULL CHECK (present IN (0, 1)),
  facings INTEGER NOT NULL CHECK (facings >= 0)
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
constexpr std::string_view kSchemaV2 = R"sql(
ALTER TABLE import_meta ADD COLUMN import_id TEXT NOT NULL DEFAULT '';
)sql";

// Version 3: the brand's sell-out per store (store_sales.csv). Money, any
// sign: a return is a negative amount.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE store_sales (
  row_id INTEGER PRIMARY KEY,
  date INTEGER NOT NULL,
  store_row INTEGER NOT NULL REFERENCES stores(row_id),
  client_row INTEGER NOT NULL REFERENCES clients(row_id),
  amount INTEGER NOT NULL
) STRICT;
)sql";

// Version 4: a mission's fixed fee (money >= 0, NULL without one) and an
// employee's contract hours per week (hundredths, 0 < x <= 80 h), SPEC §6.
constexpr std::string_view kSchemaV4 = R"sql(
ALTER TABLE missions ADD COLUMN fee INTEGER CHECK (fee >= 0);
ALTER TABLE employees ADD COLUMN weekly_hours INTEGER CHECK (weekly_hours BETWEEN 1 AND 8000);
)sql";

constexpr std::array<Migration, 4> kMigrations = {{
    {1, "initial schema", kSchemaV1},
    {2, "import id", kSchemaV2},
    {3, "store sales", kSchemaV3},
    {4, "mission fees and weekly hours", kSchemaV4},
}};

// Tables created after version 1, with the version that created them.
constexpr std::array<std::pair<std::string_view, int64_t>, 1> kLaterTables = {{
    {"store_sales", 3},
}};

// Columns added to a table after it was created, with the version that added them.
struct LaterColumn {
  std::string_view table;
  std::string_view column;
  int64_t version;
};
constexpr std::array<LaterColumn, 2> kLaterColumns = {{
    {"missions", "fee", 4},
    {"employees", "weekly_hours", 4},
}};

}  // namespace

int64_t ColumnSchemaVersion(std::string_view table, std::string_view column) {
  for (const LaterColumn& later : kLaterColumns) {
    if (later.table == table && later.column == column) return later.version;
  }
  return TableSchemaVersion(table);
}

int64_t TableSchemaVersion(std::string_view table) {
  for (const auto& [name, version] : kLaterTables) {
    if (name == table) return version;
  }
  return 1;
}

std::span<const Migration> SchemaMigrations() {
  return kMigrations;
}

int64_t LatestSchemaVersion() {
  return kMigrations.back().version;
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
