// The PostgreSQL store's schema and its versioned migrations.
//
// Multi-tenant, Citus-shaped (docs/deploy.md):
//  - Every tenant table starts with `agency_id`, and every primary key,
//    unique key and foreign key includes it, so Citus can distribute all of
//    them on agency_id, co-located: an agency's rows and joins stay on one
//    node. The catalogue's tables are written from the catalogue (the same
//    `since` versions as the SQLite store); the agencies, the metric keys and
//    the accounts by hand.
//  - Row-level security is enabled and forced on every tenant table: a row
//    is visible and writable only when its agency_id equals the transaction's
//    setting kPgAgencySetting. The store works as kPgAppRole (not the owner,
//    no BYPASSRLS), so a session that has set no agency sees no rows.
//    kPgAdminRole sees the directory of agencies (agency add / list) and no
//    agency's data.
//  - The fact tables (time entries, invoices…) are partitioned by agency:
//    one partition ("part") per agency and table. An import makes the new
//    parts, COPYs into them, builds their keys once over all the rows and
//    swaps them for the old ones (agencykpi_new_part, _seal_part,
//    _attach_parts: SECURITY DEFINER functions of the owner; the app role
//    only reads the fact tables). Each part has its own row-level security.
//  - The enum lookup tables are shared, read-only reference tables.
//  - Each agency's latest import also keeps a columnar snapshot of its
//    dataset (kPgSnapshotsTable, pg_snapshot.h; from version 8), an
//    UNLOGGED cache: a crash empties it and loads read the tables. Guard
//    triggers on every data table (statement-level, parts included) clear
//    all snapshots when rows change outside an import, which marks its
//    transactions with kPgImportSetting.
//  - Migrations call agencykpi_distribute / agencykpi_reference, which call
//    Citus's create_distributed_table / create_reference_table when the
//    citus extension is installed and do nothing on plain PostgreSQL.
//  - Steps run in one transaction under an advisory lock, so several servers
//    starting at once migrate once; a database newer than this binary is
//    refused untouched.
//
// Thread safety: free functions over a caller-owned connection.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/postgres/pg_connection.h"

namespace agencykpi {

inline constexpr std::string_view kPgAppRole = "agencykpi_app";
inline constexpr std::string_view kPgAdminRole = "agencykpi_admin";
// The per-transaction setting that names the agency a transaction works for.
inline constexpr std::string_view kPgAgencySetting = "agencykpi.agency";
// NOTIFY channel of new imports; the payload is "AGENCY_ID VERSION".
inline constexpr std::string_view kPgDatasetChannel = "agencykpi_datasets";
// The key of the advisory lock that serialises migrations.
inline constexpr int64_t kPgMigrationLockKey = 0x6167656e63796b70;  // "agencykp"
// A writing session's temporary buffers (PostgreSQL's default is 8MB): an
// import's staging table of a large table stays in memory instead of
// spilling to files. Taken as used, per session.
inline constexpr std::string_view kPgTempBuffers = "256MB";
// The directory of the agencies' partitions of the fact tables (from
// version 7): which part of which table, and whether it is attached.
inline constexpr std::string_view kPgPartsTable = "agency_parts";
// The columnar snapshots of the agencies' datasets (from version 8).
inline constexpr std::string_view kPgSnapshotsTable = "dataset_snapshots";
// The per-transaction setting an import raises ("on") in its transactions:
// what they change does not clear the snapshots.
inline constexpr std::string_view kPgImportSetting = "agencykpi.import";
// The table holding the applied versions (owner only).
inline constexpr std::string_view kPgMigrationsTable = "agencykpi_schema_migrations";

struct PgMigration {
  int64_t version = 0;
  std::string_view description;
  std::string sql;
};

// The steps, versions 1, 2, … in order.
std::vector<PgMigration> PgSchemaMigrations();

// The tenant tables (agency_id, row-level security, distributed) and the
// reference tables (shared, read-only), as the current schema has them.
std::vector<std::string> PgTenantTables();
std::vector<std::string> PgReferenceTables();

// Brings the database to the latest version. Errors: kInvalidInput for a
// database of a newer agencykpi (untouched); kUnavailable when unreachable;
// kIo when a step fails (all rolled back), with the reason (a login without
// CREATEROLE cannot make the roles: docs/deploy.md).
Status MigratePostgres(PgConnection& db);

// The schema version of the database (0: no agencykpi schema).
Result<int64_t> PgSchemaVersion(PgConnection& db);

// "CREATE TEMP TABLE NAME (row_id bigint, …) ON COMMIT DROP": the stored
// columns of catalogue table `table` without agency_id or constraints, the
// shape an import COPYs into before inserting (COPY FROM is refused on a
// table under row-level security).
std::string PgStagingTableSql(std::string_view table, std::string_view name);

// Whether a tenant table is partitioned by agency (the fact tables).
bool PgIsPartitioned(std::string_view table);
// The stored columns of a catalogue table after row_id, in catalogue order.
std::string PgStoredColumns(std::string_view table);

// The enum lookup tables and their (code, name) rows: code = the enum's value.
struct PgEnumLookup {
  std::string_view table;
  std::vector<std::pair<int64_t, std::string_view>> codes;
};
std::span<const PgEnumLookup> PgEnumLookups();

}  // namespace agencykpi
