#include "store/postgres/pg_schema.h"

#include <array>
#include <string>

#include "domain/catalogue.h"
#include "domain/dataset_binding.h"

namespace agencykpi {
namespace {

constexpr std::string_view kMetricsTable = "metrics";
constexpr std::string_view kAgenciesTable = "agencies";

// Whether catalogue table I is a fact table (a struct of columns: time
// entries, invoices…). A fact table's references and codes are checked by
// the store before every import (CheckReferences), as in the SQLite store:
// a foreign key there would cost one look-up per row of millions. The
// reference tables (clients, missions…) carry real foreign keys.
constexpr std::array<bool, kTableCount> kIsFactTable = [] {
  std::array<bool, kTableCount> facts{};
  ForEachBinding([&](auto index, auto binding) { facts[index] = !kIsRowTable<decltype(binding)>; });
  return facts;
}();

bool IsFactTable(std::string_view table) { return kIsFactTable[TableIndex(table)]; }

// Roles, the Citus shim and the agencies (version 1, before the catalogue's
// tables). The roles are cluster-wide: made once, granted to the login that
// migrates, so it can SET ROLE to them.
constexpr std::string_view kRolesAndShimV1 = R"sql(
DO $roles$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'agencykpi_app') THEN
    CREATE ROLE agencykpi_app NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'agencykpi_admin') THEN
    CREATE ROLE agencykpi_admin NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT pg_has_role(current_user, 'agencykpi_app', 'MEMBER') THEN
    EXECUTE format('GRANT agencykpi_app TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'agencykpi_admin', 'MEMBER') THEN
    EXECUTE format('GRANT agencykpi_admin TO %I', current_user);
  END IF;
END
$roles$;
-- Citus when it is there, nothing on plain PostgreSQL.
CREATE FUNCTION agencykpi_distribute(tbl regclass) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
    IF tbl = 'agencies'::regclass THEN
      EXECUTE format('SELECT create_distributed_table(%L, %L)', tbl::text, 'agency_id');
    ELSE
      EXECUTE format('SELECT create_distributed_table(%L, %L, colocate_with => %L)', tbl::text, 'agency_id',
                     'agencies');
    END IF;
  END IF;
END
$fn$;
CREATE FUNCTION agencykpi_reference(tbl regclass) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
    EXECUTE format('SELECT create_reference_table(%L)', tbl::text);
  END IF;
END
$fn$;
-- The agencies (tenants) and what each one's current dataset is.
-- first/last_date: the date range of the dated facts, NULL when none.
CREATE TABLE agencies (
  agency_id text NOT NULL PRIMARY KEY CHECK (agency_id ~ '^[A-Za-z0-9_.-]{1,64}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at text NOT NULL,
  dataset_version bigint NOT NULL DEFAULT 0,
  imported_at text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  first_date bigint,
  last_date bigint,
  import_id text NOT NULL DEFAULT ''
);
-- The distinct metric keys of an agency's objectives and results.
CREATE TABLE metrics (
  agency_id text NOT NULL,
  row_id bigint NOT NULL,
  metric text NOT NULL,
  PRIMARY KEY (agency_id, row_id),
  UNIQUE (agency_id, metric)
);
)sql";

// Version 5: accounts, as the SQLite store's version 5, per agency.
constexpr std::string_view kAccountsV5 = R"sql(
CREATE TABLE users (
  agency_id text NOT NULL,
  user_id bigint GENERATED ALWAYS AS IDENTITY,
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'manager', 'viewer', 'brand')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at text NOT NULL,
  last_login_at text,
  PRIMARY KEY (agency_id, user_id),
  UNIQUE (agency_id, email)
);
CREATE TABLE user_clients (
  agency_id text NOT NULL,
  user_id bigint NOT NULL,
  client_id text NOT NULL,
  PRIMARY KEY (agency_id, user_id, client_id),
  FOREIGN KEY (agency_id, user_id) REFERENCES users (agency_id, user_id) ON DELETE CASCADE
);
CREATE TABLE sessions (
  agency_id text NOT NULL,
  token_hash text NOT NULL,
  user_id bigint NOT NULL,
  csrf_token text NOT NULL,
  created_at bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  PRIMARY KEY (agency_id, token_hash),
  FOREIGN KEY (agency_id, user_id) REFERENCES users (agency_id, user_id) ON DELETE CASCADE
);
CREATE INDEX sessions_by_user ON sessions (agency_id, user_id);
CREATE TABLE audit_log (
  agency_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  at text NOT NULL,
  actor text NOT NULL,
  event text NOT NULL,
  detail text NOT NULL,
  address text NOT NULL,
  PRIMARY KEY (agency_id, id)
);
)sql";

// What the app role may do with a tenant table's rows: read and write
// them, or only read them (the partitioned fact tables, whose rows come in
// whole partitions, and the directory of partitions: both written by the
// owner's functions).
enum class AppAccess { kReadWrite, kRead };

// The tables made by hand, by version: tenant tables (besides the
// catalogue's) and reference tables.
struct HandTable {
  std::string_view name;
  int64_t since;
  AppAccess access = AppAccess::kReadWrite;
};
constexpr int64_t kSnapshotsSince = 8;
constexpr std::array<HandTable, 8> kHandTenantTables = {{
    {kAgenciesTable, 1}, {kMetricsTable, 1}, {"users", 5}, {"user_clients", 5}, {"sessions", 5}, {"audit_log", 5},
    {kPgPartsTable, 7, AppAccess::kRead}, {kPgSnapshotsTable, kSnapshotsSince},
}};

// Version 6: each table's row count kept with the dataset (a load sizes its
// columns from it instead of counting), and the policies' agency read once
// per statement (an initplan) instead of once per row.
constexpr std::string_view kRowCountsV6 = R"sql(
ALTER TABLE agencies ADD COLUMN row_counts jsonb;
GRANT UPDATE (row_counts) ON agencies TO agencykpi_app;
)sql";

// Version 7: the fact tables partitioned by agency. An import makes the
// agency's new partitions (parts) apart, COPYs into them, builds their keys
// after the rows, then swaps them for the old ones in its transaction
// (PartsSql's functions); the directory of parts says which are attached.
constexpr std::string_view kPartsV7 = R"sql(
CREATE TABLE agency_parts (
  agency_id text NOT NULL,
  part text NOT NULL,
  parent text NOT NULL,
  attached boolean NOT NULL DEFAULT false,
  PRIMARY KEY (agency_id, part)
);
)sql";

// Version 8: the columnar snapshots, a cache (UNLOGGED: no WAL to write,
// emptied by a crash), its bytes stored apart and uncompressed (they are
// mostly integers; compressing would cost more than it saves). The guard
// triggers' function clears them all: TRUNCATE passes row-level security,
// and it waits for the loads reading them.
constexpr std::string_view kSnapshotsV8 = R"sql(
CREATE UNLOGGED TABLE dataset_snapshots (
  agency_id text NOT NULL,
  import_id text NOT NULL,
  chunk integer NOT NULL CHECK (chunk >= 0),
  bytes bytea NOT NULL,
  PRIMARY KEY (agency_id, import_id, chunk)
);
ALTER TABLE dataset_snapshots ALTER COLUMN bytes SET STORAGE EXTERNAL;
CREATE FUNCTION agencykpi_forget_snapshots() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
BEGIN
  TRUNCATE dataset_snapshots;
  RETURN NULL;
END
$fn$;
REVOKE ALL ON FUNCTION agencykpi_forget_snapshots() FROM PUBLIC;
)sql";

struct Step {
  int64_t version;
  std::string_view description;
  std::string_view sql;  // before the catalogue's tables of this version
  // The catalogue's `since` whose tables and columns this step adds (the
  // SQLite store's schema version); 0 for a step of this store alone.
  int64_t catalogue;
};
constexpr int64_t kPartitionedSince = 7;
constexpr std::array<Step, 8> kSteps = {{
    {1, "initial schema", kRolesAndShimV1, 1},
    {2, "import id", "", 2},  // agencies.import_id is there from version 1
    {3, "store sales", "", 3},
    {4, "mission fees and weekly hours", "", 4},
    {5, "accounts", kAccountsV5, 5},
    {6, "row counts with the dataset; the policies' agency once per statement", kRowCountsV6, 0},
    {kPartitionedSince, "a partition per agency for the fact tables, made whole by each import", kPartsV7, 0},
    {kSnapshotsSince, "a columnar snapshot of each agency's latest import, cleared by changes made outside one",
     kSnapshotsV8, 0},
}};

static_assert([] {
  for (const TableDesc& table : kCatalogue) {
    for (const ColumnDesc& column : table.columns) {
      bool stepped = false;
      for (const Step& step : kSteps) stepped = stepped || step.catalogue == StoredSince(table, column);
      if (!stepped) return false;
    }
  }
  return true;
}(), "a catalogue `since` without its PostgreSQL migration step");

// The step that adds the catalogue's `since` version.
constexpr int64_t StepOfCatalogue(int64_t since) {
  for (const Step& step : kSteps) {
    if (step.catalogue == since) return step.version;
  }
  return 0;  // unreachable: the assertion above holds every `since`
}

// The policies' test: the row's agency is the transaction's. The setting is
// read in a subquery, evaluated once per statement; as a bare call it would
// be evaluated for every row an import inserts.
std::string AgencyMatchSql() {
  return "agency_id = (SELECT current_setting('" + std::string(kPgAgencySetting) + "', true))";
}

// `text` with its single quotes doubled, for a quoted SQL string.
std::string QuotesDoubled(std::string_view text) {
  std::string doubled;
  for (const char c : text) doubled += c == '\'' ? std::string("''") : std::string(1, c);
  return doubled;
}

// The guard trigger of `table` (from version 8): any statement that changes
// its rows outside an import clears the snapshots. `table` may be "%I" in
// a format string (then quote the result with QuotesDoubled).
std::string GuardTriggerSql(std::string_view table) {
  return "CREATE TRIGGER agencykpi_guard AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON " + std::string(table) +
         " FOR EACH STATEMENT WHEN (current_setting('" + std::string(kPgImportSetting) +
         "', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION agencykpi_forget_snapshots()";
}

const std::array<PgEnumLookup, 5>& EnumLookupTable() {
  static const std::array<PgEnumLookup, 5> lookups = [] {
    const auto named = [](auto names) {
      std::vector<std::pair<int64_t, std::string_view>> codes;
      for (size_t i = 0; i < names.size(); ++i) codes.emplace_back(static_cast<int64_t>(i), names[i]);
      return codes;
    };
    return std::array<PgEnumLookup, 5>{{
        {"activities", named(kActivityNames)},
        {"expense_categories", named(kExpenseCategoryNames)},
        {"visit_actions", named(kVisitActionNames)},
        {"renewal_types",
         {{static_cast<int64_t>(RenewalType::kSpontaneous), RenewalTypeName(RenewalType::kSpontaneous)},
          {static_cast<int64_t>(RenewalType::kSolicited), RenewalTypeName(RenewalType::kSolicited)}}},
        {"aggregations",
         {{static_cast<int64_t>(Aggregation::kSum), AggregationName(Aggregation::kSum)},
          {static_cast<int64_t>(Aggregation::kLast), AggregationName(Aggregation::kLast)}}},
    }};
  }();
  return lookups;
}

const PgEnumLookup& LookupOf(std::string_view table) {
  for (const PgEnumLookup& lookup : EnumLookupTable()) {
    if (lookup.table == table) return lookup;
  }
  return EnumLookupTable().front();  // unreachable: every enum column names one (held by a test)
}

// Row-level security, grants and distribution of a tenant table.
std::string TenantTableSql(std::string_view table, AppAccess access = AppAccess::kReadWrite) {
  const std::string name(table);
  const std::string mine = AgencyMatchSql();
  std::string sql = "ALTER TABLE " + name + " ENABLE ROW LEVEL SECURITY;\n";
  sql += "ALTER TABLE " + name + " FORCE ROW LEVEL SECURITY;\n";
  sql += "CREATE POLICY agency_rows ON " + name + " USING (" + mine + ") WITH CHECK (" + mine + ");\n";
  if (table == kAgenciesTable) {
    // The app reads and updates its own agency's row; the admin role sees
    // the directory and adds agencies, and no agency's data.
    sql += "GRANT SELECT, UPDATE (dataset_version, imported_at, source, first_date, last_date, import_id) ON " +
           name + " TO " + std::string(kPgAppRole) + ";\n";
    sql += "CREATE POLICY directory ON " + name + " TO " + std::string(kPgAdminRole) +
           " USING (true) WITH CHECK (true);\n";
    sql += "GRANT SELECT, INSERT ON " + name + " TO " + std::string(kPgAdminRole) + ";\n";
  } else if (access == AppAccess::kRead) {
    sql += "GRANT SELECT ON " + name + " TO " + std::string(kPgAppRole) + ";\n";
  } else {
    sql += "GRANT SELECT, INSERT, UPDATE, DELETE ON " + name + " TO " + std::string(kPgAppRole) + ";\n";
  }
  return sql + "SELECT agencykpi_distribute('" + name + "');\n";
}

std::string LookupTablesSql(int64_t version) {
  std::string sql;
  for (const PgEnumLookup& lookup : EnumLookupTable()) {
    // A lookup table comes with the first column that uses it.
    int64_t since = 0;
    for (const TableDesc& table : kCatalogue) {
      for (const ColumnDesc& column : table.columns) {
        if (column.kind == ColumnKind::kEnum && column.codes == lookup.table) {
          const int64_t at = StoredSince(table, column);
          since = since == 0 ? at : std::min(since, at);
        }
      }
    }
    if (since != version) continue;
    const std::string name(lookup.table);
    sql += "CREATE TABLE " + name + " (code smallint PRIMARY KEY, name text NOT NULL UNIQUE);\nINSERT INTO " + name +
           " VALUES ";
    for (size_t i = 0; i < lookup.codes.size(); ++i) {
      sql += (i == 0 ? "(" : ", (") + std::to_string(lookup.codes[i].first) + ", '" +
             std::string(lookup.codes[i].second) + "')";
    }
    sql += ";\nGRANT SELECT ON " + name + " TO " + std::string(kPgAppRole) + ";\nSELECT agencykpi_reference('" +
           name + "');\n";
  }
  return sql;
}

std::string CheckSql(const std::string& name, const ValueRange& range) {
  if (range.min && range.max) {
    return "CHECK (" + name + " BETWEEN " + std::to_string(*range.min) + " AND " + std::to_string(*range.max) + ")";
  }
  if (range.min) return "CHECK (" + name + " >= " + std::to_string(*range.min) + ")";
  return "CHECK (" + name + " <= " + std::to_string(*range.max) + ")";
}

std::string CodesList(const ColumnDesc& column) {
  std::string list;
  for (const auto& [code, name] : LookupOf(column.codes).codes) {
    (void)name;
    list += (list.empty() ? "" : ", ") + std::to_string(code);
  }
  return list;
}

bool IsSingleKey(const TableDesc& table, const ColumnDesc& column) {
  return table.key.size() == 1 && table.key[0] == column.name;
}

// "client_row bigint NOT NULL": the column itself, with its checks.
// A partitioned table's text is compared byte by byte (COLLATE "C"): the
// same equality, and keys built by memcmp instead of the locale's rules.
constexpr std::string_view kByteCollation = " COLLATE \"C\"";

std::string ColumnSql(const TableDesc& table, const ColumnDesc& column, bool partitioned) {
  const std::string name = StoreColumnName(column);
  std::string sql = name;
  switch (column.kind) {
    case ColumnKind::kId:
    case ColumnKind::kText: sql += " text" + std::string(partitioned ? kByteCollation : ""); break;
    case ColumnKind::kEnum: sql += " smallint"; break;
    default: sql += " bigint";
  }
  if (column.required || !column.default_value.empty()) sql += " NOT NULL";
  if (column.range.bounded()) sql += " " + CheckSql(name, column.range);
  if (column.kind == ColumnKind::kEnum && IsFactTable(table.name)) sql += " CHECK (" + name + " IN (" + CodesList(column) + "))";
  return sql;
}

// The keys and foreign keys of one column, all led by agency_id.
std::vector<std::string> ColumnConstraints(const TableDesc& table, const ColumnDesc& column) {
  const std::string name = StoreColumnName(column);
  std::vector<std::string> constraints;
  if (column.unique || IsSingleKey(table, column)) constraints.push_back("UNIQUE (agency_id, " + name + ")");
  if (IsFactTable(table.name)) return constraints;
  switch (column.kind) {
    case ColumnKind::kReference:
      constraints.push_back("FOREIGN KEY (agency_id, " + name + ") REFERENCES " + std::string(column.references) +
                            " (agency_id, row_id)");
      break;
    case ColumnKind::kMetric:
      constraints.push_back("FOREIGN KEY (agency_id, " + name + ") REFERENCES " + std::string(kMetricsTable) +
                            " (agency_id, row_id)");
      break;
    case ColumnKind::kEnum:
      // A shared reference table: the one foreign key without agency_id.
      constraints.push_back("FOREIGN KEY (" + name + ") REFERENCES " + std::string(column.codes) + " (code)");
      break;
    default: break;
  }
  return constraints;
}

// An index under each foreign key to another agency table, so deleting an
// agency's parent rows does not scan its children.
std::string ReferenceIndexSql(const TableDesc& table, const ColumnDesc& column) {
  if (IsFactTable(table.name) || (column.kind != ColumnKind::kReference && column.kind != ColumnKind::kMetric)) {
    return "";
  }
  const std::string name = StoreColumnName(column);
  return "CREATE INDEX " + std::string(table.name) + "_by_" + name + " ON " + std::string(table.name) +
         " (agency_id, " + name + ");\n";
}

// Whether fact table `table` is partitioned by agency once the schema is
// at `version` (from kPartitionedSince on).
bool PartitionedAt(const TableDesc& table, int64_t version) {
  return IsFactTable(table.name) && version >= kPartitionedSince;
}

// The table as made at schema `version`, with its columns of that version
// and before (later ones come by ALTER TABLE).
std::string CreateTableSql(const TableDesc& table, int64_t version) {
  const bool partitioned = PartitionedAt(table, version);
  std::string sql = "CREATE TABLE " + std::string(table.name) + " (\n  agency_id text" +
                    std::string(partitioned ? kByteCollation : "") + " NOT NULL,\n  row_id bigint NOT NULL";
  std::vector<std::string> constraints = {"PRIMARY KEY (agency_id, row_id)"};
  std::string indexes;
  for (const ColumnDesc& column : table.columns) {
    if (StepOfCatalogue(StoredSince(table, column)) > version) continue;
    sql += ",\n  " + ColumnSql(table, column, partitioned);
    for (std::string& constraint : ColumnConstraints(table, column)) constraints.push_back(std::move(constraint));
    indexes += ReferenceIndexSql(table, column);
  }
  if (table.key.size() > 1) {
    std::string key = "agency_id";
    for (std::string_view name : table.key) key += ", " + StoreColumnName(table.columns[*FindColumn(table, name)]);
    constraints.push_back("UNIQUE (" + key + ")");
  }
  for (const std::string& constraint : constraints) sql += ",\n  " + constraint;
  sql += partitioned ? "\n) PARTITION BY LIST (agency_id);\n" : "\n);\n";
  if (version >= kSnapshotsSince) sql += GuardTriggerSql(table.name) + ";\n";
  return sql + indexes + TenantTableSql(table.name, partitioned ? AppAccess::kRead : AppAccess::kReadWrite);
}

std::string CatalogueSql(int64_t version) {
  std::string sql;
  ForEachAddedIn(
      version, [&](const TableDesc& table) { sql += CreateTableSql(table, StepOfCatalogue(table.since)); },
      [&](const TableDesc& table, const ColumnDesc& column) {
        const std::string name(table.name);
        sql += "ALTER TABLE " + name + " ADD COLUMN " +
               ColumnSql(table, column, PartitionedAt(table, StepOfCatalogue(version))) + ";\n";
        for (const std::string& constraint : ColumnConstraints(table, column)) {
          sql += "ALTER TABLE " + name + " ADD " + constraint + ";\n";
        }
        sql += ReferenceIndexSql(table, column);
      });
  return sql;
}

std::string HandTablesSql(int64_t version) {
  std::string sql;
  for (const HandTable& table : kHandTenantTables) {
    if (table.since == version) sql += TenantTableSql(table.name, table.access);
  }
  return sql;
}

// Version 6: the policies of the tables made before it, as TenantTableSql
// now writes them.
std::string PoliciesOnceSql(int64_t version) {
  if (version != 6) return "";
  std::string sql;
  const auto alter = [&](std::string_view table) {
    sql += "ALTER POLICY agency_rows ON " + std::string(table) + " USING (" + AgencyMatchSql() + ") WITH CHECK (" +
           AgencyMatchSql() + ");\n";
  };
  for (const HandTable& table : kHandTenantTables) {
    if (table.since < version) alter(table.name);
  }
  for (const TableDesc& table : kCatalogue) {
    if (StepOfCatalogue(table.since) < version) alter(table.name);
  }
  return sql;
}

// The parts' functions' placeholders filled in.
std::string WithPartPlaceholders(std::string sql) {
  std::string facts;
  for (const TableDesc& table : kCatalogue) {
    if (IsFactTable(table.name)) facts += (facts.empty() ? "'" : ", '") + std::string(table.name) + "'";
  }
  const auto replace = [&sql](std::string_view from, const std::string& to) {
    for (size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at + to.size())) {
      sql.replace(at, from.size(), to);
    }
  };
  replace("@SETTING@", std::string(kPgAgencySetting));
  replace("@FACTS@", facts);
  replace("@MATCH@", QuotesDoubled(AgencyMatchSql()));  // inside a quoted format string
  replace("@APP@", std::string(kPgAppRole));
  return sql;
}

// agencykpi_finish_part: version 7's, and from version 8 (`guarded`) the
// same giving the part its guard trigger (statement-level triggers are not
// inherited from the parent).
std::string FinishPartSql(bool guarded) {
  std::string sql = R"sql(
-- The part's keys (its parent's, built once over all its rows), its
-- row-level security, its statistics.
@CREATE@ FUNCTION agencykpi_finish_part(p text) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
DECLARE
  parent_name text;
  k record;
BEGIN
  SELECT parent INTO parent_name FROM agency_parts WHERE agency_id = agencykpi_agency() AND part = p AND NOT attached;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'agencykpi: no part % of this agency in the making', p;
  END IF;
  FOR k IN SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
           WHERE c.conrelid = parent_name::regclass AND c.contype IN ('p', 'u') ORDER BY c.contype, c.conname LOOP
    EXECUTE format('ALTER TABLE %I ADD %s', p, k.def);
  END LOOP;
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', p);
  EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', p);
  EXECUTE format('CREATE POLICY agency_rows ON %I USING (@MATCH@) WITH CHECK (@MATCH@)', p);
@GUARD@  EXECUTE format('ANALYZE %I', p);
END
$fn$;
)sql";
  const std::string create = guarded ? "CREATE OR REPLACE" : "CREATE";
  const std::string guard = guarded ? "  EXECUTE format('" + QuotesDoubled(GuardTriggerSql("%I")) + "', p);\n" : "";
  sql.replace(sql.find("@CREATE@"), 8, create);
  sql.replace(sql.find("@GUARD@"), 7, guard);
  return WithPartPlaceholders(std::move(sql));
}

// Version 7's functions of parts. They run as the owner (SECURITY
// DEFINER): the app role may make, fill and seal parts of its transaction's
// agency and attach them, and nothing else; a part's name is checked
// against the directory, its parent against the fact tables.
std::string PartFunctionsSql() {
  std::string sql = R"sql(
CREATE FUNCTION agencykpi_agency() RETURNS text LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  agency text := current_setting('@SETTING@', true);
BEGIN
  IF agency IS NULL OR agency = '' THEN
    RAISE EXCEPTION 'agencykpi: no agency set for this transaction';
  END IF;
  RETURN agency;
END
$fn$;
-- A new, empty part of PARENT for the agency: its columns and checks, its
-- agency as default and as a check (so attaching it needs no scan), no keys.
CREATE FUNCTION agencykpi_make_part(parent text) RETURNS text LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
DECLARE
  agency text := agencykpi_agency();
  name text := 'part_' || replace(gen_random_uuid()::text, '-', '');
BEGIN
  IF NOT (parent = ANY (ARRAY[@FACTS@])) THEN
    RAISE EXCEPTION 'agencykpi: % has no parts', parent;
  END IF;
  -- No autovacuum until attached: it would hold the lock the attach waits for.
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) WITH (autovacuum_enabled = false)',
                 name, parent);
  EXECUTE format('ALTER TABLE %I ALTER COLUMN agency_id SET DEFAULT %L, ADD CONSTRAINT agency_only CHECK (agency_id = %L)',
                 name, agency, agency);
  INSERT INTO agency_parts (agency_id, part, parent) VALUES (agency, name, parent);
  RETURN name;
END
$fn$;
-- For an import: a part the app role may COPY into until it is sealed.
CREATE FUNCTION agencykpi_new_part(parent text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
DECLARE
  name text := agencykpi_make_part(parent);
BEGIN
  EXECUTE format('GRANT INSERT ON %I TO @APP@', name);
  RETURN name;
END
$fn$;
-- The end of a part's rows: no more writes, its keys and row-level
-- security, and exactly the rows sent. The caller's COPY put rows 0 … sent - 1
-- in; with row ids unique (the key) and none outside that range, no other
-- row can be there (two index look-ups instead of a count).
CREATE FUNCTION agencykpi_seal_part(p text, sent bigint) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
DECLARE
  first_row bigint;
  last_row bigint;
BEGIN
  IF NOT EXISTS (SELECT FROM agency_parts WHERE agency_id = agencykpi_agency() AND part = p AND NOT attached) THEN
    RAISE EXCEPTION 'agencykpi: no part % of this agency in the making', p;
  END IF;
  EXECUTE format('REVOKE ALL ON %I FROM @APP@', p);
  PERFORM agencykpi_finish_part(p);
  EXECUTE format('SELECT min(row_id), max(row_id) FROM %I', p) INTO first_row, last_row;
  IF coalesce(first_row, 0) <> 0 OR coalesce(last_row, -1) <> sent - 1 THEN
    RAISE EXCEPTION 'agencykpi: part % holds rows % to %, rows 0 to % were sent', p, first_row, last_row, sent - 1;
  END IF;
END
$fn$;
-- The swap: each sealed part replaces its parent's part of the agency.
CREATE FUNCTION agencykpi_attach_parts(parts text[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
DECLARE
  agency text := agencykpi_agency();
  p text;
  parent_name text;
  old record;
BEGIN
  FOREACH p IN ARRAY parts LOOP
    SELECT parent INTO parent_name FROM agency_parts WHERE agency_id = agency AND part = p AND NOT attached;
    IF NOT FOUND OR NOT (SELECT relrowsecurity FROM pg_class WHERE oid = p::regclass) THEN
      RAISE EXCEPTION 'agencykpi: no sealed part % of this agency', p;
    END IF;
    FOR old IN SELECT a.part FROM agency_parts a WHERE a.agency_id = agency AND a.parent = parent_name AND a.attached LOOP
      EXECUTE format('DROP TABLE %I', old.part);
      DELETE FROM agency_parts WHERE agency_id = agency AND part = old.part;
    END LOOP;
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES IN (%L)', parent_name, p, agency);
    EXECUTE format('ALTER TABLE %I RESET (autovacuum_enabled)', p);
    UPDATE agency_parts SET attached = true WHERE agency_id = agency AND part = p;
  END LOOP;
END
$fn$;
-- The agency's parts never attached (an import that failed or was killed
-- after making them); returns how many were dropped.
CREATE FUNCTION agencykpi_drop_parts() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
DECLARE
  agency text := agencykpi_agency();
  old record;
  dropped bigint := 0;
BEGIN
  FOR old IN SELECT part FROM agency_parts WHERE agency_id = agency AND NOT attached LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I', old.part);
    DELETE FROM agency_parts WHERE agency_id = agency AND part = old.part;
    dropped := dropped + 1;
  END LOOP;
  RETURN dropped;
END
$fn$;
REVOKE ALL ON FUNCTION agencykpi_make_part(text), agencykpi_finish_part(text), agencykpi_new_part(text),
  agencykpi_seal_part(text, bigint), agencykpi_attach_parts(text[]), agencykpi_drop_parts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agencykpi_new_part(text), agencykpi_seal_part(text, bigint), agencykpi_attach_parts(text[]),
  agencykpi_drop_parts() TO @APP@;
)sql";
  return FinishPartSql(/*guarded=*/false) + WithPartPlaceholders(std::move(sql));
}

// Version 7: each fact table made again, partitioned, and each agency's
// rows moved into a part of its own.
std::string PartitionedFactsSql() {
  std::string sql;
  std::string move_rows;
  for (const TableDesc& table : kCatalogue) {
    if (!IsFactTable(table.name)) continue;
    const std::string name(table.name);
    const std::string old = name + "_v6";
    // The old table's index names freed for the new table's.
    sql += "ALTER TABLE " + name + " RENAME TO " + old + ";\n";
    sql += "DO $rename$ DECLARE i record; BEGIN FOR i IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = "
           "x.indexrelid WHERE x.indrelid = '" + old + "'::regclass LOOP EXECUTE format('ALTER INDEX %I RENAME TO %I', "
           "i.relname, 'v6_' || i.relname); END LOOP; END $rename$;\n";
    sql += CreateTableSql(table, kPartitionedSince);
    const std::string columns = "agency_id, row_id, " + PgStoredColumns(table.name);
    move_rows += "    p := agencykpi_make_part('" + name + "');\n"
                 "    EXECUTE format('INSERT INTO %I (" + columns + ") SELECT " + columns + " FROM " + old + "', p);\n"
                 "    PERFORM agencykpi_finish_part(p);\n"
                 "    PERFORM agencykpi_attach_parts(ARRAY[p]);\n";
  }
  // The old tables' policies show the owner each agency's rows in turn.
  sql += "DO $move$\nDECLARE\n  a record;\n  p text;\nBEGIN\n  FOR a IN SELECT agency_id FROM agencies ORDER BY agency_id LOOP\n"
         "    PERFORM set_config('" + std::string(kPgAgencySetting) + "', a.agency_id, true);\n" + move_rows +
         "  END LOOP;\n  PERFORM set_config('" + std::string(kPgAgencySetting) + "', '', true);\nEND\n$move$;\n";
  for (const TableDesc& table : kCatalogue) {
    if (IsFactTable(table.name)) sql += "DROP TABLE " + std::string(table.name) + "_v6;\n";
  }
  return sql;
}

std::string PartsSql(int64_t version) {
  return version == kPartitionedSince ? PartFunctionsSql() + PartitionedFactsSql() : "";
}

// Version 8: the guard triggers of the data tables made before it (the
// metric keys, the catalogue's tables and each agency's parts of them, the
// lookup tables), and parts made from now on get theirs.
std::string GuardsSql(int64_t version) {
  if (version != kSnapshotsSince) return "";
  std::string sql = GuardTriggerSql(kMetricsTable) + ";\n";
  for (const TableDesc& table : kCatalogue) {
    if (StepOfCatalogue(table.since) < version) sql += GuardTriggerSql(table.name) + ";\n";
  }
  for (const PgEnumLookup& lookup : EnumLookupTable()) sql += GuardTriggerSql(lookup.table) + ";\n";
  // The parts: the partitions of the partitioned tables (the fact tables).
  sql += "DO $guard$ DECLARE p record; BEGIN FOR p IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = "
         "i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent AND parent.relkind = 'p' LOOP EXECUTE format('" +
         QuotesDoubled(GuardTriggerSql("%I")) + "', p.relname); END LOOP; END $guard$;\n";
  return sql + FinishPartSql(/*guarded=*/true);
}

}  // namespace

std::vector<PgMigration> PgSchemaMigrations() {
  std::vector<PgMigration> migrations;
  for (const Step& step : kSteps) {
    migrations.push_back({step.version, step.description,
                          std::string(step.sql) + HandTablesSql(step.version) + PoliciesOnceSql(step.version) +
                              PartsSql(step.version) + GuardsSql(step.version) + LookupTablesSql(step.catalogue) +
                              CatalogueSql(step.catalogue)});
  }
  return migrations;
}

std::vector<std::string> PgTenantTables() {
  std::vector<std::string> tables;
  for (const HandTable& table : kHandTenantTables) tables.emplace_back(table.name);
  for (const TableDesc& table : kCatalogue) tables.emplace_back(table.name);
  return tables;
}

std::vector<std::string> PgReferenceTables() {
  std::vector<std::string> tables;
  for (const PgEnumLookup& lookup : EnumLookupTable()) tables.emplace_back(lookup.table);
  return tables;
}

std::span<const PgEnumLookup> PgEnumLookups() { return EnumLookupTable(); }

bool PgIsPartitioned(std::string_view table) {
  const TableDesc* found = FindTable(table);  // metrics and the hand-made tables: not in the catalogue
  return found != nullptr && found->name == table && kIsFactTable[static_cast<size_t>(found - kCatalogue.data())];
}

std::string PgStoredColumns(std::string_view table) {
  std::string out;
  for (const ColumnDesc& column : FindTable(table)->columns) {
    out += (out.empty() ? "" : ", ") + StoreColumnName(column);
  }
  return out;
}

std::string PgStagingTableSql(std::string_view table, std::string_view name) {
  std::string sql = "CREATE TEMP TABLE " + std::string(name) + " (row_id bigint";
  if (table == kMetricsTable) return sql + ", metric text) ON COMMIT DROP";
  for (const ColumnDesc& column : FindTable(table)->columns) {
    const bool text = column.kind == ColumnKind::kId || column.kind == ColumnKind::kText;
    sql += ", " + StoreColumnName(column) + (text ? " text" : column.kind == ColumnKind::kEnum ? " smallint" : " bigint");
  }
  return sql + ") ON COMMIT DROP";
}

Result<int64_t> PgSchemaVersion(PgConnection& db) {
  auto exists = db.QueryInt64("SELECT count(*) FROM pg_tables WHERE tablename = $1 AND schemaname = current_schema()",
                              {std::string(kPgMigrationsTable)});
  if (!exists.ok()) return exists.status();
  if (*exists == 0) return int64_t{0};
  return db.QueryInt64("SELECT coalesce(max(version), 0) FROM " + std::string(kPgMigrationsTable));
}

Status MigratePostgres(PgConnection& db) {
  const std::vector<PgMigration> steps = PgSchemaMigrations();
  const int64_t latest = steps.back().version;
  Status status = db.Exec("BEGIN");
  if (!status.ok()) return status;
  const auto fail = [&db](Status failed) {
    (void)db.Exec("ROLLBACK");
    return failed;
  };
  // One migrating process at a time; the others find the work done.
  status = db.Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kPgMigrationLockKey) + ")");
  if (!status.ok()) return fail(status);
  status = db.Exec("CREATE TABLE IF NOT EXISTS " + std::string(kPgMigrationsTable) +
                   " (version bigint PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
  if (!status.ok()) return fail(status);
  auto version = PgSchemaVersion(db);
  if (!version.ok()) return fail(version.status());
  if (*version > latest) {
    return fail(Status::InvalidInput("the database's agencykpi schema version " + std::to_string(*version) +
                                     " is newer than this program supports (" + std::to_string(latest) +
                                     "); use a newer agencykpi"));
  }
  for (const PgMigration& step : steps) {
    if (step.version <= *version) continue;
    status = step.sql.empty() ? Status::Ok() : db.Exec(step.sql);
    if (!status.ok()) {
      return fail(Status::Io("cannot migrate the PostgreSQL schema to version " + std::to_string(step.version) + " (" +
                             std::string(step.description) + "): " + status.message()));
    }
    auto recorded = db.Query("INSERT INTO " + std::string(kPgMigrationsTable) + " (version, description) VALUES ($1, $2)",
                             {std::to_string(step.version), std::string(step.description)});
    if (!recorded.ok()) return fail(recorded.status());
  }
  return db.Exec("COMMIT");
}

}  // namespace agencykpi
