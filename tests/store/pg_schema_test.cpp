// What only the PostgreSQL store has: its Citus-shaped catalogue (agency_id
// in every table and key, row-level security forced), the isolation of its
// agencies, and the watcher of imports by other processes.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "domain/catalogue.h"
#include "pg_test_database.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_snapshot.h"
#include "store/postgres/pg_store.h"
#include "store/store.h"
#include "test_datasets.h"

namespace agencykpi {
namespace {

using namespace testing;  // the datasets and checks of test_datasets.h

class PgSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = testing::PgTestDatabase::Create(::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(database.ok()) << database.status().message();
    database_.emplace(std::move(*database));
  }

  [[nodiscard]] const std::string& uri() const { return database_->uri(); }

  PgConnection Connect() {
    auto db = PgConnection::Connect(uri());
    EXPECT_TRUE(db.ok()) << db.status().message();
    return std::move(*db);
  }

  // Agency `id` added and holding `data`.
  void AddWith(const std::string& id, const Dataset& data) {
    ASSERT_TRUE(AddAgency(uri(), AgencyRecord{id, "Agence " + id, "", 0, ""}).ok());
    StoreOpenOptions options;
    options.agency = id;
    auto store = OpenStore(uri(), options);
    ASSERT_TRUE(store.ok()) << store.status().message();
    const Status imported = (*store)->ReplaceDataset(data, id);
    ASSERT_TRUE(imported.ok()) << imported.message();
  }

  static StoreOpenOptions ReadOnlyFor(const std::string& id) {
    StoreOpenOptions options;
    options.agency = id;
    options.access = StoreAccess::kReadOnly;
    return options;
  }

  // Agency `id`'s dataset, loaded by a store opened read-only.
  Result<Dataset> LoadAgency(const std::string& id) {
    auto store = OpenStore(uri(), ReadOnlyFor(id));
    if (!store.ok()) return store.status();
    return (*store)->LoadDataset();
  }

  // The same, read from the tables whatever snapshot there is.
  Result<Dataset> LoadAgencyFromTables(const std::string& id) {
    PgStoreOptions options;
    static_cast<StoreOpenOptions&>(options) = ReadOnlyFor(id);
    options.columnar_snapshot = false;
    auto store = OpenPgStore(uri(), std::move(options));
    if (!store.ok()) return store.status();
    return (*store)->LoadDataset();
  }

  // The integer `sql` gives in a transaction of agency `agency`, as the
  // owner (who sees that agency's rows only); -1 on failure.
  int64_t AsAgency(PgConnection& db, const std::string& agency, const std::string& sql) {
    EXPECT_TRUE(db.Exec("BEGIN").ok());
    EXPECT_TRUE(db.Query("SELECT set_config($1, $2, true)", {std::string(kPgAgencySetting), agency}).ok());
    auto value = db.QueryInt64(sql);
    EXPECT_TRUE(db.Exec("COMMIT").ok());
    EXPECT_TRUE(value.ok()) << value.status().message();
    return value.ok() ? *value : -1;
  }

  // The schema as the program of `version` left it: its steps applied and
  // recorded, as MigratePostgres does.
  static void MigrateByHand(PgConnection& db, int64_t version) {
    ASSERT_TRUE(db.Exec("CREATE TABLE " + std::string(kPgMigrationsTable) +
                        " (version bigint PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL "
                        "DEFAULT now())")
                    .ok());
    for (const PgMigration& step : PgSchemaMigrations()) {
      if (step.version > version) break;
      if (!step.sql.empty()) {  // as MigratePostgres: a step with nothing to make runs nothing
        const Status applied = db.Exec(step.sql);
        ASSERT_TRUE(applied.ok()) << step.version << ": " << applied.message();
      }
      ASSERT_TRUE(db.Query("INSERT INTO " + std::string(kPgMigrationsTable) + " (version, description) VALUES ($1, $2)",
                           {std::to_string(step.version), std::string(step.description)})
                      .ok());
    }
  }

  static std::vector<std::string> Column(PgConnection& db, const std::string& sql) {
    auto rows = db.Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    std::vector<std::string> values;
    if (!rows.ok()) return values;
    for (int i = 0; i < rows->rows(); ++i) values.emplace_back(rows->Text(i, 0));
    return values;
  }

  std::optional<testing::PgTestDatabase> database_;
};

// Every table of the schema is a tenant table, a shared reference table or
// the migrations' own; every tenant table leads with agency_id, has it in
// every primary, unique and foreign key (a foreign key to a reference table
// aside), and forces row-level security.
TEST_F(PgSchemaTest, AgencyIdIsInEveryTableAndEveryKeyAndRowSecurityIsForced) {
  ASSERT_NO_FATAL_FAILURE(AddWith("a", MakeSmallDataset()));  // migrates, and makes a's parts
  PgConnection db = Connect();
  // The tables, partitions (parts) apart.
  const std::vector<std::string> tables =
      Column(db, "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND "
                 "c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1");
  std::set<std::string> expected = {std::string(kPgMigrationsTable)};
  for (const std::string& table : PgTenantTables()) expected.insert(table);
  const std::vector<std::string> references = PgReferenceTables();
  for (const std::string& table : references) expected.insert(table);
  EXPECT_EQ(std::set<std::string>(tables.begin(), tables.end()), expected);
  // + agencies, metrics, users, user_clients, sessions, audit_log, agency_parts, dataset_snapshots
  EXPECT_EQ(PgTenantTables().size(), kTableCount + 8);
  // Each partitioned table has one part of agency a, and the directory says so.
  const std::vector<std::string> parts = Column(
      db, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r' ORDER BY 1");
  size_t partitioned = 0;
  for (const std::string& table : PgTenantTables()) partitioned += PgIsPartitioned(table) ? 1 : 0;
  EXPECT_EQ(partitioned, 7u);  // time entries, expenses, invoices, visits, results, store audits, store sales
  EXPECT_EQ(parts.size(), partitioned);

  // Every data table, each part and each lookup table has its guard trigger;
  // the agencies, the accounts and the directories have none.
  std::set<std::string> guarded = {"metrics"};
  for (const TableDesc& table : kCatalogue) guarded.insert(std::string(table.name));
  guarded.insert(parts.begin(), parts.end());
  guarded.insert(references.begin(), references.end());
  const std::vector<std::string> with_guard =
      Column(db, "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = "
                 "'agencykpi_guard' ORDER BY 1");
  EXPECT_EQ(std::set<std::string>(with_guard.begin(), with_guard.end()), guarded);
  EXPECT_EQ(with_guard.size(), guarded.size());

  size_t keys_checked = 0;
  std::vector<std::string> checked = PgTenantTables();
  checked.insert(checked.end(), parts.begin(), parts.end());
  for (const std::string& table : checked) {
    SCOPED_TRACE(table);
    auto first = db.Query("SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum = 1", {table});
    ASSERT_TRUE(first.ok()) << first.status().message();
    ASSERT_EQ(first->rows(), 1);
    EXPECT_EQ(first->Text(0, 0), "agency_id");
    auto security = db.Query("SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = $1::regclass", {table});
    ASSERT_TRUE(security.ok());
    EXPECT_EQ(security->Text(0, 0), "t");
    EXPECT_EQ(security->Text(0, 1), "t");
    auto policies = db.QueryInt64("SELECT count(*) FROM pg_policy WHERE polrelid = $1::regclass AND polname = 'agency_rows'", {table});
    ASSERT_TRUE(policies.ok());
    EXPECT_EQ(*policies, 1);
    // Each key: whether its first column is agency_id; foreign keys to a
    // reference table are listed apart.
    auto keys = db.Query(
        "SELECT c.conname, c.contype, a.attname, coalesce(r.relname, '') FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "LEFT JOIN pg_class r ON r.oid = c.confrelid "
        "WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'u', 'f')",
        {table});
    ASSERT_TRUE(keys.ok()) << keys.status().message();
    bool has_primary = false;
    for (int i = 0; i < keys->rows(); ++i) {
      const std::string referenced(keys->Text(i, 3));
      const bool to_reference = std::find(references.begin(), references.end(), referenced) != references.end();
      if (keys->Text(i, 1) == "p") has_primary = true;
      if (to_reference) {
        EXPECT_EQ(keys->Text(i, 1), "f") << keys->Text(i, 0);
        continue;
      }
      EXPECT_EQ(keys->Text(i, 2), "agency_id") << keys->Text(i, 0);
      ++keys_checked;
    }
    EXPECT_TRUE(has_primary);
  }
  // Primary keys, the catalogue's keys and unique columns, the foreign keys.
  EXPECT_GE(keys_checked, 40U);

  // The app role owns nothing, bypasses nothing and only reads the shared tables.
  auto role = db.Query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", {std::string(kPgAppRole)});
  ASSERT_TRUE(role.ok());
  ASSERT_EQ(role->rows(), 1);
  EXPECT_EQ(role->Text(0, 0), "f");
  EXPECT_EQ(role->Text(0, 1), "f");
  EXPECT_EQ(*db.QueryInt64("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tableowner = $1",
                           {std::string(kPgAppRole)}),
            0);
  for (const std::string& table : references) {
    EXPECT_EQ(*db.QueryInt64("SELECT has_table_privilege($1, $2, 'INSERT')::int", {std::string(kPgAppRole), table}), 0) << table;
    EXPECT_EQ(*db.QueryInt64("SELECT has_table_privilege($1, $2, 'SELECT')::int", {std::string(kPgAppRole), table}), 1) << table;
  }
  EXPECT_EQ(*db.QueryInt64("SELECT has_table_privilege($1, $2, 'SELECT')::int",
                           {std::string(kPgAppRole), std::string(kPgMigrationsTable)}),
            0);
  // The fact tables and the directory of parts are read only: their rows come
  // by the owner's functions. A part, once sealed, grants the app role nothing.
  for (const std::string& table : PgTenantTables()) {
    const bool read_only = PgIsPartitioned(table) || table == kPgPartsTable || table == "agencies";
    EXPECT_EQ(*db.QueryInt64("SELECT has_table_privilege($1, $2, 'INSERT')::int", {std::string(kPgAppRole), table}),
              read_only ? 0 : 1)
        << table;
  }
  for (const std::string& part : parts) {
    EXPECT_EQ(*db.QueryInt64("SELECT has_table_privilege($1, $2, 'SELECT, INSERT, UPDATE, DELETE')::int",
                             {std::string(kPgAppRole), part}),
              0)
        << part;
  }
}

TEST_F(PgSchemaTest, AnAgencySeesOnlyItsRowsAndASessionWithoutOneSeesNone) {
  const Dataset a = MakeSmallDataset();
  const Dataset b = MakeOtherDataset();
  ASSERT_NO_FATAL_FAILURE(AddWith("a", a));
  ASSERT_NO_FATAL_FAILURE(AddWith("b", b));
  for (const auto& [id, data] : {std::pair{"a", &a}, std::pair{"b", &b}}) {
    StoreOpenOptions options;
    options.agency = id;
    auto store = OpenStore(uri(), options);
    ASSERT_TRUE(store.ok());
    auto loaded = (*store)->LoadDataset();
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    ExpectSameDataset(*data, *loaded);
  }

  PgConnection db = Connect();
  ASSERT_TRUE(db.Exec("SET ROLE " + std::string(kPgAppRole)).ok());
  // No agency set: not one row of any tenant table, all of them visible as empty.
  size_t tables_checked = 0;
  for (const std::string& table : PgTenantTables()) {
    auto rows = db.QueryInt64("SELECT count(*) FROM " + table);
    ASSERT_TRUE(rows.ok()) << table << ": " << rows.status().message();
    EXPECT_EQ(*rows, 0) << table;
    ++tables_checked;
  }
  EXPECT_EQ(tables_checked, PgTenantTables().size());

  // As agency a: its rows only, whatever the query asks for.
  ASSERT_TRUE(db.Exec("BEGIN").ok());
  ASSERT_TRUE(db.Query("SELECT set_config($1, 'a', true)", {std::string(kPgAgencySetting)}).ok());
  int64_t rows_of_a = 0;
  for (const std::string& table : PgTenantTables()) {
    SCOPED_TRACE(table);
    EXPECT_EQ(*db.QueryInt64("SELECT count(*) FROM " + table + " WHERE agency_id = 'b'"), 0);
    EXPECT_EQ(*db.QueryInt64("SELECT count(*) FROM " + table + " WHERE agency_id <> 'a'"), 0);
    rows_of_a += *db.QueryInt64("SELECT count(*) FROM " + table);
  }
  EXPECT_GT(rows_of_a, 40);
  EXPECT_EQ(*db.QueryInt64("SELECT count(*) FROM clients c JOIN missions m USING (agency_id) WHERE m.agency_id = 'b'"), 0);
  // Writing into b's rows is refused, and moving a row to b too.
  auto insert = db.Query("INSERT INTO clients (agency_id, row_id, client_id, name) VALUES ('b', 99, 'X', 'x')");
  EXPECT_FALSE(insert.ok());
  ASSERT_TRUE(db.Exec("ROLLBACK").ok());
  ASSERT_TRUE(db.Exec("BEGIN").ok());
  ASSERT_TRUE(db.Query("SELECT set_config($1, 'a', true)", {std::string(kPgAgencySetting)}).ok());
  EXPECT_FALSE(db.Query("UPDATE clients SET agency_id = 'b'").ok());
  ASSERT_TRUE(db.Exec("ROLLBACK").ok());
  ASSERT_TRUE(db.Exec("BEGIN").ok());
  ASSERT_TRUE(db.Query("SELECT set_config($1, 'a', true)", {std::string(kPgAgencySetting)}).ok());
  auto deleted = db.Query("DELETE FROM clients WHERE agency_id = 'b'");
  ASSERT_TRUE(deleted.ok());
  EXPECT_STREQ(PQcmdTuples(deleted->get()), "0");
  ASSERT_TRUE(db.Exec("ROLLBACK").ok());
  // The fact tables come in parts: the app role writes none of their rows,
  // reads none of b's part, and can seal, attach or drop no part of b's.
  const std::vector<std::string> parts_of_b = Column(
      db, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
          "WHERE pg_get_expr(c.relpartbound, c.oid) LIKE '%''b''%'");
  ASSERT_EQ(parts_of_b.size(), 7u);
  const std::vector<std::string> refused = {"DELETE FROM time_entries", "SELECT count(*) FROM " + parts_of_b[0],
                                            "SELECT agencykpi_seal_part('" + parts_of_b[0] + "', 0)",
                                            "SELECT agencykpi_attach_parts(ARRAY['" + parts_of_b[0] + "'])",
                                            "SELECT agencykpi_finish_part('" + parts_of_b[0] + "')",
                                            "SELECT agencykpi_new_part('clients')"};
  for (const std::string& sql : refused) {
    ASSERT_TRUE(db.Exec("BEGIN").ok());
    ASSERT_TRUE(db.Query("SELECT set_config($1, 'a', true)", {std::string(kPgAgencySetting)}).ok());
    EXPECT_FALSE(db.Exec(sql).ok()) << sql;
    ASSERT_TRUE(db.Exec("ROLLBACK").ok());
  }
  // Without an agency, no part can be made at all.
  EXPECT_FALSE(db.Exec("SELECT agencykpi_new_part('time_entries')").ok());
  ASSERT_TRUE(db.Exec("BEGIN").ok());
  ASSERT_TRUE(db.Query("SELECT set_config($1, 'a', true)", {std::string(kPgAgencySetting)}).ok());
  EXPECT_EQ(*db.QueryInt64("SELECT agencykpi_drop_parts()"), 0);  // a's own, never attached: none
  ASSERT_TRUE(db.Exec("ROLLBACK").ok());
  // The setting is per transaction: once it ends, nothing is visible again.
  EXPECT_EQ(*db.QueryInt64("SELECT count(*) FROM time_entries"), 0);

  // And b's data is whole after all that.
  StoreOpenOptions options;
  options.agency = "b";
  auto store = OpenStore(uri(), options);
  ASSERT_TRUE(store.ok());
  auto loaded = (*store)->LoadDataset();
  ASSERT_TRUE(loaded.ok());
  ExpectSameDataset(b, *loaded);
}

TEST_F(PgSchemaTest, SeveralAgenciesNeedOneNamedAndAnUnknownOneIsNotFound) {
  ASSERT_TRUE(AddAgency(uri(), AgencyRecord{"a", "A", "", 0, ""}).ok());
  {
    auto only = OpenStore(uri());
    ASSERT_TRUE(only.ok()) << only.status().message();  // the only agency
  }
  EXPECT_EQ(AddAgency(uri(), AgencyRecord{"a", "A again", "", 0, ""}).code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(AddAgency(uri(), AgencyRecord{"bad id", "B", "", 0, ""}).code(), ErrorCode::kInvalidInput);
  ASSERT_TRUE(AddAgency(uri(), AgencyRecord{"b", "B", "", 0, ""}).ok());
  auto ambiguous = OpenStore(uri());
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(ambiguous.status().message().find("give --agency"), std::string::npos);
  StoreOpenOptions options;
  options.agency = "c";
  EXPECT_EQ(OpenStore(uri(), options).status().code(), ErrorCode::kNotFound);
  auto listed = ListAgencies(uri());
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ((*listed)[0].id, "a");
  EXPECT_EQ((*listed)[1].name, "B");
}

TEST_F(PgSchemaTest, ADatabaseOfANewerProgramIsRefusedUntouched) {
  ASSERT_TRUE(AddAgency(uri(), AgencyRecord{"a", "A", "", 0, ""}).ok());
  PgConnection db = Connect();
  const int64_t latest = PgSchemaMigrations().back().version;
  ASSERT_TRUE(db.Query("INSERT INTO " + std::string(kPgMigrationsTable) + " (version, description) VALUES ($1, 'future')",
                       {std::to_string(latest + 1)})
                  .ok());
  auto store = OpenStore(uri());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(store.status().message().find("newer than this program"), std::string::npos) << store.status().message();
  EXPECT_EQ(*db.QueryInt64("SELECT max(version) FROM " + std::string(kPgMigrationsTable)), latest + 1);
}

TEST_F(PgSchemaTest, AReadOnlyOpenOfAnEmptyDatabaseCreatesNothing) {
  StoreOpenOptions options;
  options.access = StoreAccess::kReadOnly;
  auto store = OpenStore(uri(), options);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kNotFound);
  PgConnection db = Connect();
  EXPECT_EQ(*db.QueryInt64("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"), 0);
}

TEST_F(PgSchemaTest, TheWatcherHearsAnImportByAnotherConnection) {
  ASSERT_NO_FATAL_FAILURE(AddWith("a", MakeSmallDataset()));
  ASSERT_NO_FATAL_FAILURE(AddWith("b", MakeSmallDataset()));
  StoreOpenOptions options;
  options.agency = "a";
  auto serving = OpenStore(uri(), options);
  ASSERT_TRUE(serving.ok());
  auto watcher = (*serving)->Watch();
  ASSERT_TRUE(watcher.ok());
  ASSERT_NE(*watcher, nullptr);
  auto version = (*watcher)->WaitForVersion(0, std::chrono::milliseconds(10));
  ASSERT_TRUE(version.ok()) << version.status().message();
  EXPECT_EQ(*version, 1);
  // Nothing happens: the version stays.
  version = (*watcher)->WaitForVersion(1, std::chrono::milliseconds(50));
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 1);
  // Another agency's import is not this one's.
  {
    StoreOpenOptions other;
    other.agency = "b";
    auto store = OpenStore(uri(), other);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->ReplaceDataset(MakeOtherDataset(), "b2").ok());
  }
  version = (*watcher)->WaitForVersion(1, std::chrono::milliseconds(200));
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 1);
  // An import of a, by another connection, wakes the watcher at once.
  auto importer = OpenStore(uri(), options);
  ASSERT_TRUE(importer.ok());
  ASSERT_TRUE((*importer)->ReplaceDataset(MakeOtherDataset(), "a2").ok());
  const auto started = std::chrono::steady_clock::now();
  version = (*watcher)->WaitForVersion(1, std::chrono::seconds(30));
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 2);
  // Woken by the notification, not by the end of its wait.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

// Each import keeps its tables' row counts with the dataset: a load sizes
// its columns from them and Meta answers from them. A dataset without them
// (imported at schema version 5) is counted; counts that disagree with the
// rows are a store failure, never a short or padded table.
TEST_F(PgSchemaTest, RowCountsAreKeptWithTheDatasetAndCheckedAgainstTheRows) {
  const Dataset data = MakeSmallDataset();
  ASSERT_NO_FATAL_FAILURE(AddWith("a", data));
  PgConnection db = Connect();
  const auto as_agency = [&](const std::string& sql) {
    ASSERT_TRUE(db.Exec("BEGIN").ok());
    ASSERT_TRUE(db.Query("SELECT set_config($1, 'a', true)", {std::string(kPgAgencySetting)}).ok());
    const Status done = db.Exec(sql);
    ASSERT_TRUE(done.ok()) << done.message();
    ASSERT_TRUE(db.Exec("COMMIT").ok());
  };
  const StoreOpenOptions options = ReadOnlyFor("a");
  const auto load = [&] { return LoadAgencyFromTables("a"); };  // the snapshot needs no counts
  {
    ASSERT_TRUE(db.Exec("BEGIN").ok());
    ASSERT_TRUE(db.Query("SELECT set_config($1, 'a', true)", {std::string(kPgAgencySetting)}).ok());
    auto kept = db.QueryInt64("SELECT (row_counts->>'time_entries')::bigint FROM agencies WHERE agency_id = 'a'");
    ASSERT_TRUE(db.Exec("COMMIT").ok());
    ASSERT_TRUE(kept.ok()) << kept.status().message();
    EXPECT_EQ(*kept, static_cast<int64_t>(data.time_entries.size()));
    EXPECT_GT(*kept, 0);
  }
  auto loaded = load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(data, *loaded);

  as_agency("UPDATE agencies SET row_counts = NULL");
  loaded = load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(data, *loaded);
  auto store = OpenStore(uri(), options);
  ASSERT_TRUE(store.ok());
  auto meta = (*store)->Meta();
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(CountOf(*meta, "time_entries"), static_cast<int64_t>(data.time_entries.size()));

  for (const int64_t wrong : {static_cast<int64_t>(data.time_entries.size()) + 1,
                              static_cast<int64_t>(data.time_entries.size()) - 1}) {
    as_agency("UPDATE agencies SET row_counts = jsonb_build_object('time_entries', " + std::to_string(wrong) + ")");
    loaded = load();
    ASSERT_FALSE(loaded.ok()) << "row_counts time_entries " << wrong;
    EXPECT_EQ(loaded.status().code(), ErrorCode::kInternal);
    EXPECT_NE(loaded.status().message().find("time_entries"), std::string::npos) << loaded.status().message();
  }
}

// A load reads each fact table's part by pages, a share per connection,
// and puts each row at its row id: a part spread over many pages comes
// back whole and in order, and a row whose id its import never counted is
// a store failure, not a row silently dropped or misplaced.
TEST_F(PgSchemaTest, APartReadByPagesComesBackWholeAndARowIdPastTheCountIsRefused) {
  const Dataset data = MakeSyntheticDataset(20000, 3000);
  ASSERT_NO_FATAL_FAILURE(AddWith("a", data));
  PgConnection db = Connect();
  // The directory and the parts show their rows to a transaction of agency a only.
  ASSERT_TRUE(db.Exec("BEGIN").ok());
  ASSERT_TRUE(db.Query("SELECT set_config($1, 'a', true)", {std::string(kPgAgencySetting)}).ok());
  auto part = db.Query("SELECT a.part, c.relpages FROM " + std::string(kPgPartsTable) +
                       " a JOIN pg_class c ON c.oid = to_regclass(a.part) WHERE a.agency_id = 'a' AND "
                       "a.parent = 'time_entries' AND a.attached");
  ASSERT_TRUE(part.ok()) << part.status().message();
  ASSERT_EQ(part->rows(), 1);
  EXPECT_GE(part->Int64(0, 1), 2 * static_cast<int64_t>(kPgLoadConnections)) << "each connection reads some pages";
  ASSERT_TRUE(db.Exec("COMMIT").ok());
  const auto load = [&] { return LoadAgency("a"); };
  auto loaded = load();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(data, *loaded);

  // As the owner (the app role cannot write a fact table): one row moved
  // past the count, so one row id of the count is missing too.
  ASSERT_TRUE(db.Exec("BEGIN").ok());
  ASSERT_TRUE(db.Query("SELECT set_config($1, 'a', true)", {std::string(kPgAgencySetting)}).ok());
  auto moved = db.Query("UPDATE " + std::string(part->Text(0, 0)) + " SET row_id = " +
                        std::to_string(data.time_entries.size()) + " WHERE row_id = 7");
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  ASSERT_TRUE(db.Exec("COMMIT").ok());
  loaded = load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kInternal);
  EXPECT_NE(loaded.status().message().find("time_entries"), std::string::npos) << loaded.status().message();
}

// When one part of an import fails, the part being filled on the other
// connection stops at its next COPY message instead of sending all its rows,
// and the import returns the first failure, not the stop it caused.
TEST_F(PgSchemaTest, APartThatFailsStopsTheOtherConnectionsPartAtOnce) {
  ASSERT_NO_FATAL_FAILURE(AddWith("a", MakeSmallDataset()));
  const Dataset next = MakeSyntheticDataset(400000, 3000);
  std::atomic<size_t> time_entries_sent{0};
  PgStoreOptions options;
  options.agency = "a";
  options.after_rows_sent = [&](std::string_view table, size_t table_rows_sent, int64_t) {
    if (table == "time_entries") time_entries_sent = table_rows_sent;
    return table == "invoices" ? Status::Io("injected failure") : Status::Ok();
  };
  auto store = OpenPgStore(uri(), std::move(options));
  ASSERT_TRUE(store.ok()) << store.status().message();
  const Status status = (*store)->ReplaceDataset(next, "next");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("injected failure"), std::string::npos) << status.message();
  // The largest part went first, invoices on the other connection at once:
  // time_entries stopped a few messages in, far from its end.
  EXPECT_GT(time_entries_sent.load(), 0U);
  EXPECT_LT(time_entries_sent.load(), next.time_entries.size() / 2) << "time_entries went on after the failure";
  auto loaded = (*store)->LoadDataset();
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(MakeSmallDataset(), *loaded);
  // The failed import's snapshot is gone; the one of the dataset in place stays.
  PgConnection db = Connect();
  EXPECT_EQ(AsAgency(db, "a", "SELECT count(*) FROM dataset_snapshots s JOIN agencies a USING (agency_id) WHERE "
                              "s.import_id <> a.import_id"),
            0);
  EXPECT_EQ(AsAgency(db, "a", "SELECT count(*) FROM dataset_snapshots s JOIN agencies a USING (agency_id, import_id)"),
            1);
}

// Every policy reads the agency setting in a subquery, once per statement;
// a database made at version 5 gets them so by its migration to 6.
TEST_F(PgSchemaTest, PoliciesReadTheAgencyOncePerStatementAlsoAfterMigratingFromVersion5) {
  PgConnection db = Connect();
  ASSERT_NO_FATAL_FAILURE(MigrateByHand(db, 5));
  // The policies as the version-5 program made them: the setting read per row.
  const std::vector<std::string> tables_of_5 = Column(
      db, "SELECT tablename FROM pg_policies WHERE policyname = 'agency_rows' ORDER BY 1");
  EXPECT_EQ(tables_of_5.size(), PgTenantTables().size() - 2);  // all but agency_parts (7), dataset_snapshots (8)
  for (const std::string& table : tables_of_5) {
    const std::string per_row = "agency_id = current_setting('" + std::string(kPgAgencySetting) + "', true)";
    ASSERT_TRUE(db.Exec("ALTER POLICY agency_rows ON " + table + " USING (" + per_row + ") WITH CHECK (" + per_row +
                        ")")
                    .ok());
  }
  const std::string per_row = "SELECT count(*) FROM pg_policies WHERE policyname = 'agency_rows' AND qual NOT LIKE "
                              "'%SELECT current_setting%'";
  EXPECT_EQ(*db.QueryInt64(per_row), static_cast<int64_t>(tables_of_5.size())) << "version 5: per row";
  ASSERT_NO_FATAL_FAILURE(AddWith("a", MakeSmallDataset()));  // migrates to the latest version
  EXPECT_EQ(*db.QueryInt64("SELECT max(version) FROM " + std::string(kPgMigrationsTable)),
            PgSchemaMigrations().back().version);
  EXPECT_EQ(*db.QueryInt64(per_row), 0);
  EXPECT_EQ(*db.QueryInt64("SELECT count(*) FROM pg_policies WHERE policyname = 'agency_rows' AND qual LIKE "
                           "'%SELECT current_setting%' AND with_check LIKE '%SELECT current_setting%'"),
            static_cast<int64_t>(PgTenantTables().size() + 7));  // and the 7 parts of a
}

// A database of version 6 (fact tables unpartitioned) holding two
// agencies' rows: its migration moves each agency's rows into parts of its
// own, whole, and the next import of one agency leaves the other's alone.
TEST_F(PgSchemaTest, MigratingToPartsMovesEachAgencysFactRowsIntoItsOwnParts) {
  PgConnection db = Connect();
  ASSERT_NO_FATAL_FAILURE(MigrateByHand(db, 6));
  // Time entries as the version-6 program stored them: dates 20000 + row.
  const std::string columns = PgStoredColumns("time_entries");  // employee, date, hours, activity, mission
  for (const auto& [agency, rows] : {std::pair{"a", 1000}, std::pair{"b", 500}}) {
    const std::string id(agency);
    ASSERT_TRUE(db.Exec("BEGIN").ok());
    ASSERT_TRUE(db.Query("SELECT set_config($1, $2, true)", {std::string(kPgAgencySetting), id}).ok());
    ASSERT_TRUE(db.Exec("INSERT INTO agencies (agency_id, name, created_at) VALUES ('" + id + "', 'A', '')").ok());
    const Status inserted = db.Exec("INSERT INTO time_entries (agency_id, row_id, " + columns + ") SELECT '" + id +
                                    "', g, 0, 20000 + g, 700, 0, NULL FROM generate_series(0, " +
                                    std::to_string(rows - 1) + ") g");
    ASSERT_TRUE(inserted.ok()) << inserted.message();
    ASSERT_TRUE(db.Exec("COMMIT").ok());
  }
  StoreOpenOptions options;
  options.agency = "a";
  auto store = OpenStore(uri(), options);  // migrates to the latest version
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(*db.QueryInt64("SELECT max(version) FROM " + std::string(kPgMigrationsTable)),
            PgSchemaMigrations().back().version);
  EXPECT_EQ(*db.QueryInt64("SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_v6'"), 0);
  // Each part made by the migration has its guard trigger (version 8).
  EXPECT_EQ(*db.QueryInt64("SELECT count(*) FROM pg_inherits i JOIN pg_trigger t ON t.tgrelid = i.inhrelid AND "
                           "t.tgname = 'agencykpi_guard'"),
            14);  // 7 parts each of a and b
  const auto as_agency = [&](const std::string& agency, const std::string& sql) { return AsAgency(db, agency, sql); };
  for (const auto& [agency, rows] : {std::pair{"a", 1000}, std::pair{"b", 500}}) {
    SCOPED_TRACE(agency);
    EXPECT_EQ(as_agency(agency, "SELECT count(*) FROM time_entries"), rows);
    EXPECT_EQ(as_agency(agency, "SELECT sum(date - 20000 - row_id) FROM time_entries"), 0);  // each row whole
    EXPECT_EQ(as_agency(agency, "SELECT count(*) FROM " + std::string(kPgPartsTable) + " WHERE attached"), 7);
  }
  // Agency a imported again: a's parts replaced, b's rows as they were.
  const Dataset data = MakeSmallDataset();
  const Status imported = (*store)->ReplaceDataset(data, "a");
  ASSERT_TRUE(imported.ok()) << imported.message();
  EXPECT_EQ(as_agency("a", "SELECT count(*) FROM time_entries"), static_cast<int64_t>(data.time_entries.size()));
  EXPECT_EQ(as_agency("b", "SELECT count(*) FROM time_entries"), 500);
  EXPECT_EQ(*db.QueryInt64("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r'"),
            14);  // 7 parts each, the old ones of a dropped
}

// Each import keeps the dataset's columnar snapshot in chunks, tagged with
// its import id; a load reads it, and it holds what the tables hold. The
// next import's swap leaves its own snapshot only.
TEST_F(PgSchemaTest, AnImportKeepsItsSnapshotInChunksAndALoadReadsTheSameDataset) {
  const Dataset data = MakeSyntheticDataset(700000, 3000);
  ASSERT_NO_FATAL_FAILURE(AddWith("a", data));
  ASSERT_NO_FATAL_FAILURE(AddWith("b", MakeOtherDataset()));
  PgConnection db = Connect();
  const std::string mine = "SELECT count(*) FROM dataset_snapshots s JOIN agencies a USING (agency_id, import_id)";
  const int64_t chunks = AsAgency(db, "a", mine);
  EXPECT_GE(chunks, 2) << "more than kPgSnapshotChunkBytes";
  // Chunks 0 … chunks - 1, each full but the last.
  const std::string full = std::to_string(kPgSnapshotChunkBytes);
  EXPECT_EQ(AsAgency(db, "a", "SELECT count(*) FROM dataset_snapshots WHERE chunk < " + std::to_string(chunks - 1) +
                                  " AND octet_length(bytes) = " + full),
            chunks - 1);
  EXPECT_EQ(AsAgency(db, "a", "SELECT count(*) FROM dataset_snapshots WHERE chunk = " + std::to_string(chunks - 1) +
                                  " AND octet_length(bytes) BETWEEN 1 AND " + full),
            1);
  EXPECT_EQ(AsAgency(db, "b", mine), 1);
  auto from_snapshot = LoadAgency("a");
  ASSERT_TRUE(from_snapshot.ok()) << from_snapshot.status().message();
  ExpectSameDataset(data, *from_snapshot);
  auto from_tables = LoadAgencyFromTables("a");
  ASSERT_TRUE(from_tables.ok()) << from_tables.status().message();
  ExpectSameDataset(data, *from_tables);

  const Dataset next = MakeSmallDataset();
  StoreOpenOptions options;
  options.agency = "a";
  auto store = OpenStore(uri(), options);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->ReplaceDataset(next, "next").ok());
  EXPECT_EQ(AsAgency(db, "a", "SELECT count(DISTINCT import_id) FROM dataset_snapshots"), 1);
  EXPECT_EQ(AsAgency(db, "a", mine), 1);
  auto loaded = LoadAgency("a");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(next, *loaded);
}

// Rows changed outside an import (here by the owner: through a parent
// table, in a part, in the metric keys) clear every snapshot, so the next
// load reads the tables and sees the change; the next import keeps a
// snapshot again. A damaged or incomplete snapshot is not used either.
TEST_F(PgSchemaTest, AChangeOutsideAnImportOrADamagedSnapshotSendsTheLoadToTheTables) {
  const Dataset data = MakeSyntheticDataset(20000, 3000);
  ASSERT_NO_FATAL_FAILURE(AddWith("a", data));
  ASSERT_NO_FATAL_FAILURE(AddWith("b", MakeOtherDataset()));
  PgConnection db = Connect();
  const auto snapshots = [&] { return AsAgency(db, "a", "SELECT count(*) FROM dataset_snapshots"); };
  const auto change = [&](const std::string& agency, const std::string& sql) {
    ASSERT_TRUE(db.Exec("BEGIN").ok());
    ASSERT_TRUE(db.Query("SELECT set_config($1, $2, true)", {std::string(kPgAgencySetting), agency}).ok());
    const Status changed = db.Exec(sql);
    ASSERT_TRUE(changed.ok()) << changed.message();
    ASSERT_TRUE(db.Exec("COMMIT").ok());
  };
  const auto reimport = [&] {
    StoreOpenOptions options;
    options.agency = "a";
    auto store = OpenStore(uri(), options);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->ReplaceDataset(data, "again").ok());
    ASSERT_EQ(snapshots(), 1);
  };
  ASSERT_EQ(snapshots(), 1);

  // Through the parent table: the load sees the new hours.
  const int16_t hours = data.time_entries.hours[0] == 100 ? 200 : 100;  // hundredths
  ASSERT_NO_FATAL_FAILURE(change("a", "UPDATE time_entries SET hours = " + std::to_string(hours) + " WHERE row_id = 0"));
  EXPECT_EQ(snapshots(), 0);
  auto loaded = LoadAgency("a");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->time_entries.hours[0], hours);
  EXPECT_EQ(loaded->time_entries.size(), data.time_entries.size());

  // In a part named directly, and in another agency's metric keys.
  ASSERT_NO_FATAL_FAILURE(reimport());
  auto part_name = db.Query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE "
                            "i.inhparent = 'time_entries'::regclass");
  ASSERT_TRUE(part_name.ok());
  ASSERT_EQ(part_name->rows(), 2);  // a's and b's
  ASSERT_NO_FATAL_FAILURE(change("a", "DELETE FROM " + std::string(part_name->Text(0, 0)) + " WHERE false"));
  EXPECT_EQ(snapshots(), 0) << "a statement on a part, even one that changes no row";
  ASSERT_NO_FATAL_FAILURE(reimport());
  ASSERT_NO_FATAL_FAILURE(change("b", "UPDATE metrics SET metric = metric WHERE false"));
  EXPECT_EQ(snapshots(), 0) << "any agency's change clears them all";

  // A damaged chunk, then a missing one: the tables are read.
  ASSERT_NO_FATAL_FAILURE(reimport());
  ASSERT_NO_FATAL_FAILURE(change("a", "UPDATE dataset_snapshots SET bytes = overlay(bytes placing '\\x5a'::bytea from "
                                      "200 for 1)"));
  loaded = LoadAgency("a");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(data, *loaded);
  ASSERT_NO_FATAL_FAILURE(reimport());
  ASSERT_NO_FATAL_FAILURE(change("a", "UPDATE dataset_snapshots SET chunk = 1"));
  loaded = LoadAgency("a");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(data, *loaded);
}

}  // namespace
}  // namespace agencykpi
