// The SQLite Store. Schema: migrations.cpp. Connection settings:
//  - journal_mode=WAL: readers never block the importer and see the last
//    committed dataset; a crash mid-import leaves only uncommitted WAL
//    frames, which SQLite ignores on the next open.
//  - synchronous=NORMAL: in WAL mode a commit survives a process crash; only
//    an OS crash or power loss can lose the last commits, never corrupt.
//  - foreign_keys=ON for every other writer; a bulk import checks every
//    RowId reference of the dataset in memory first (CheckReferences, one
//    pass over the columns) and then inserts with enforcement off, which
//    spares three B-tree look-ups per time entry.
//  - a bounded page cache (kSqliteCacheSizeKib): an import appends rows in
//    RowId order, so only the right edge of each b-tree is hot; the pages a
//    big transaction fills beyond the cache spill to the WAL before it
//    commits, and the import's memory stays the dataset plus the cache.
// The snapshot is trusted only for the exact committed state it was written
// from: import_meta.import_id is a fresh random id at every import, written
// in the import's transaction, and guard triggers on every table replace it
// with another random value whenever a row changes outside an import (the
// sqlite3 shell, another tool). Imports drop the guards at the start of
// their transaction and recreate them before the commit, so bulk inserts do
// not pay for them (and DELETE stays SQLite's truncate).
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/executor.h"
#include "domain/catalogue.h"
#include "domain/dataset_binding.h"
#include "store/dataset_checks.h"
#include "store/dataset_snapshot.h"
#include "store/import_id.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"

namespace agencykpi {
namespace {

// Import order: every table after the tables it references. Deleting runs
// in reverse, so a parent row is deleted when no child row is left and
// SQLite's foreign key check on delete scans empty tables.
// Every table of the catalogue, plus metrics (the keys objectives and
// results share), checked against the catalogue at compile time.
constexpr std::string_view kMetricsTable = "metrics";
constexpr std::array<std::string_view, kTableCount + 1> kTables = {
    "clients",    "contracts",    "missions", "employees", "cost_rates", "stores",  kMetricsTable,
    "objectives", "time_entries", "expenses", "invoices",  "visits",     "results", "store_audits",
    "store_sales",
};

// The position of a table in kTables; an unknown name fails the build.
constexpr size_t StoreTableIndex(std::string_view table) {
  for (size_t i = 0; i < kTables.size(); ++i) {
    if (kTables[i] == table) return i;
  }
  throw "not a table of the store";  // not a constant expression: a compile-time error
}

// Each catalogue table is stored after the tables it refers to, and after
// metrics when it holds a metric key.
static_assert([] {
  for (const TableDesc& table : kCatalogue) {
    const size_t at = StoreTableIndex(table.name);
    for (const ColumnDesc& column : table.columns) {
      const bool other_table = column.kind == ColumnKind::kReference && column.references != table.name;
      if (other_table && StoreTableIndex(column.references) > at) return false;
      if (column.kind == ColumnKind::kMetric && StoreTableIndex(kMetricsTable) > at) return false;
    }
  }
  return true;
}(), "kTables: every table after the tables it refers to");

// The enum lookup tables (rows changed there reinterpret stored codes).
constexpr std::array<std::string_view, 5> kLookupTables = {
    "activities", "expense_categories", "visit_actions", "renewal_types", "aggregations",
};


// --- Guard triggers: any row changed outside an import gives the data a
// new import id, so no snapshot matches it any more. ---
constexpr std::array<std::string_view, 3> kGuardedEvents = {"INSERT", "UPDATE", "DELETE"};
constexpr int64_t kGuardCount =
    static_cast<int64_t>((kTables.size() + kLookupTables.size()) * kGuardedEvents.size());

template <typename Fn>
void ForEachGuard(Fn fn) {
  for (const auto& tables :
       {std::span<const std::string_view>(kTables), std::span<const std::string_view>(kLookupTables)}) {
    for (std::string_view table : tables) {
      for (std::string_view event : kGuardedEvents) {
        std::string name = "guard_" + std::string(table) + "_" + std::string(event);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        fn(table, event, name);
      }
    }
  }
}

std::string CreateGuardsSql() {
  std::string sql;
  ForEachGuard([&sql](std::string_view table, std::string_view event, const std::string& name) {
    sql += "CREATE TRIGGER " + name + " AFTER " + std::string(event) + " ON " + std::string(table) +
           " BEGIN UPDATE import_meta SET import_id = lower(hex(randomblob(" +
           std::to_string(kImportIdBytes) + "))) WHERE id = 1; END;\n";
  });
  return sql;
}

std::string DropGuardsSql() {
  std::string sql;
  ForEachGuard([&sql](std::string_view, std::string_view, const std::string& name) {
    sql += "DROP TRIGGER IF EXISTS " + name + ";\n";
  });
  return sql;
}

constexpr std::string_view kCountGuardsSql =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'guard\\_%' ESCAPE '\\'";

// Maps an enum to the codes of its lookup table (activities, …) by name.
// Built when the store opens, so stored codes never depend on the order of
// the C++ enum.
template <typename E>
class EnumCodec {
 public:
  Status Load(SqliteDb& db, std::string_view table, std::span<const std::pair<E, std::string_view>> values) {
    table_ = table;
    auto statement = db.Prepare("SELECT code, name FROM " + std::string(table));
    if (!statement.ok()) return statement.status();
    std::vector<std::pair<int64_t, std::string>> stored;
    for (;;) {
      auto has_row = statement->Step();
      if (!has_row.ok()) return has_row.status();
      if (!*has_row) break;
      stored.emplace_back(statement->ColumnInt64(0), statement->ColumnText(1));
    }
    for (const auto& [value, name] : values) {
      const std::string_view wanted = name;  // clang < 16 cannot capture a structured binding
      auto found = std::find_if(stored.begin(), stored.end(),
                                [wanted](const auto& row) { return row.second == wanted; });
      if (found == stored.end() || found->first < 0 || found->first > kMaxCode) {
        return Status::Internal("the store's table " + table_ + " has no usable code for '" +
                                std::string(name) + "': the schema needs a migration");
      }
      const auto index = static_cast<size_t>(value);
      if (code_of_.size() <= index) code_of_.resize(index + 1, -1);
      code_of_[index] = found->first;
      const auto code = static_cast<size_t>(found->first);
      if (value_of_.size() <= code) value_of_.resize(code + 1);
      value_of_[code] = value;
    }
    return Status::Ok();
  }

  [[nodiscard]] int64_t Encode(E value) const {
    const auto index = static_cast<size_t>(value);
    return index < code_of_.size() ? code_of_[index] : -1;  // -1 fails the foreign key
  }

  // False for a code no enum value maps to.
  [[nodiscard]] bool Decode(int64_t code, E* value) const {
    if (code < 0 || static_cast<size_t>(code) >= value_of_.size() || !value_of_[static_cast<size_t>(code)]) {
      return false;
    }
    *value = *value_of_[static_cast<size_t>(code)];
    return true;
  }

  [[nodiscard]] Status DecodeError(int64_t code) const {
    return Status::Internal("unknown code " + std::to_string(code) + " of " + table_);
  }

 private:
  static constexpr int64_t kMaxCode = 255;  // codes index a small vector
  std::string table_;
  std::vector<int64_t> code_of_;
  std::vector<std::optional<E>> value_of_;
};

template <typename E, size_t N>
std::array<std::pair<E, std::string_view>, N> NamedValues(const std::array<std::string_view, N>& names) {
  std::array<std::pair<E, std::string_view>, N> values;
  for (size_t i = 0; i < N; ++i) values[i] = {static_cast<E>(i), names[i]};
  return values;
}

constexpr size_t kRowsPerInsert = 64;

// Binds one row's values into a statement that inserts several rows: the
// row's parameter ?k is ?(offset + k) of the statement.
class RowBinder {
 public:
  RowBinder(SqliteStatement& statement, int offset) : statement_(statement), offset_(offset) {}
  void BindInt64(int index, int64_t value) { statement_.BindInt64(offset_ + index, value); }
  void BindNull(int index) { statement_.BindNull(offset_ + index); }
  void BindText(int index, std::string_view text) { statement_.BindText(offset_ + index, text); }
  void BindOptionalText(int index, std::string_view text) { statement_.BindOptionalText(offset_ + index, text); }

 private:
  SqliteStatement& statement_;
  int offset_;
};

// "INSERT INTO t VALUES (?1, ?2)" → the same for `rows` rows: (?1, ?2), (?3, ?4), …
std::string MultiRowInsert(std::string_view sql, int columns, size_t rows) {
  std::string out(sql.substr(0, sql.find('(')));
  int parameter = 0;
  for (size_t r = 0; r < rows; ++r) {
    out += r == 0 ? "(" : ", (";
    for (int c = 0; c < columns; ++c) out += (c == 0 ? "?" : ", ?") + std::to_string(++parameter);
    out += ")";
  }
  return out;
}

template <typename Binder>
void BindRow(Binder& statement, int index, RowId row) {
  if (row == kNoRow) {
    statement.BindNull(index);
  } else {
    statement.BindInt64(index, row);
  }
}

RowId ColumnRow(const SqliteStatement& statement, int column) {
  return statement.ColumnIsNull(column) ? kNoRow : static_cast<RowId>(statement.ColumnInt64(column));
}

Day ColumnDay(const SqliteStatement& statement, int column) {
  return static_cast<Day>(statement.ColumnInt64(column));
}

// The stored columns of catalogue table `table` after row_id, in catalogue
// order ("client_id, name, sector"); the schema test holds the live schema
// to the same order.
// A column added after the file's schema version (read-only opens read
// older files as they are) is selected as NULL: absent in every row.
std::string StoredColumns(std::string_view table, int64_t schema_version) {
  std::string out;
  for (const ColumnDesc& column : FindTable(table)->columns) {
    if (!out.empty()) out += ", ";
    out += ColumnSchemaVersion(table, column.name) <= schema_version ? StoreColumnName(column) : "NULL";
  }
  return out;
}

// "INSERT INTO clients VALUES (?1, ?2, ?3, ?4)": row_id, then one parameter
// per catalogue column of `table`, in catalogue order.
std::string InsertSql(std::string_view table) {
  const size_t parameters = FindTable(table)->columns.size() + 1;
  std::string out = "INSERT INTO " + std::string(table) + " VALUES (";
  for (size_t i = 1; i <= parameters; ++i) out += (i == 1 ? "?" : ", ?") + std::to_string(i);
  return out + ")";
}

// A snapshot being written on another thread to FILE.next; Publish() renames
// it over FILE once the import has committed. Destroyed unpublished (the
// import failed or was cancelled), it stops the writer at its next column
// and removes the file it wrote.
class PendingSnapshot {
 public:
  PendingSnapshot(const std::filesystem::path& file, const Dataset& data, SnapshotTag tag) : file_(file) {
    if (file_.empty()) return;
    next_ = file_.string() + ".next";
    writing_ = SharedExecutor().Run([this, &data, tag = std::move(tag)] {
      return WriteDatasetSnapshot(next_, data, tag, &abandon_);
    });
  }
  PendingSnapshot(const PendingSnapshot&) = delete;
  PendingSnapshot& operator=(const PendingSnapshot&) = delete;
  ~PendingSnapshot() {
    if (!writing_.valid()) return;
    abandon_.Cancel();
    (void)writing_.Get();
    std::error_code ec;
    std::filesystem::remove(next_, ec);
  }

  // Best effort: a snapshot that could not be written only makes the next
  // load slower; an older snapshot is then removed so it cannot be mistaken.
  // Returns why it could not be published.
  Status Publish() {
    if (!writing_.valid()) return Status::Ok();
    Status written = writing_.Get();
    std::error_code ec;
    if (written.ok()) {
      std::filesystem::rename(next_, file_, ec);
      if (ec) written = Status::Io("cannot publish the snapshot " + file_.string() + ": " + ec.message());
    }
    if (!written.ok()) {
      std::filesystem::remove(next_, ec);
      std::filesystem::remove(file_, ec);
    }
    return written;
  }

  // The files a snapshot write may leave behind when the process dies.
  static std::array<std::filesystem::path, 3> OrphansOf(const std::filesystem::path& file) {
    const std::filesystem::path next = file.string() + ".next";
    return {next, SnapshotTemporaryFile(next), SnapshotTemporaryFile(file)};
  }

 private:
  std::filesystem::path file_;
  std::filesystem::path next_;
  CancelToken abandon_;
  Task<Status> writing_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(SqliteDb db, SqliteStoreOptions options, std::filesystem::path snapshot, int64_t schema_version)
      : db_(std::move(db)),
        options_(std::move(options)),
        snapshot_(std::move(snapshot)),
        read_only_(options_.access == StoreAccess::kReadOnly),
        schema_version_(schema_version) {}

  Status Init() {
    const std::array<std::pair<RenewalType, std::string_view>, 2> renewal_values = {{
        {RenewalType::kSpontaneous, RenewalTypeName(RenewalType::kSpontaneous)},
        {RenewalType::kSolicited, RenewalTypeName(RenewalType::kSolicited)},
    }};
    const std::array<std::pair<Aggregation, std::string_view>, 2> aggregation_values = {{
        {Aggregation::kSum, AggregationName(Aggregation::kSum)},
        {Aggregation::kLast, AggregationName(Aggregation::kLast)},
    }};
    const auto activity_values = NamedValues<Activity>(kActivityNames);
    const auto category_values = NamedValues<ExpenseCategory>(kExpenseCategoryNames);
    const auto action_values = NamedValues<VisitAction>(kVisitActionNames);
    for (Status status : {
             activities_.Load(db_, "activities", activity_values),
             categories_.Load(db_, "expense_categories", category_values),
             actions_.Load(db_, "visit_actions", action_values),
             renewal_types_.Load(db_, "renewal_types", renewal_values),
             aggregations_.Load(db_, "aggregations", aggregation_values),
         }) {
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

  Status ReplaceDataset(const Dataset& dataset, const std::string& source, const CancelToken* cancel) override;
  Result<Dataset> LoadDataset() override;
  Result<StoreMeta> Meta() override;

  // Read-write opens: gives the data an import id if it has none (a store
  // upgraded from schema 1) and (re)creates missing guard triggers.
  Status EnsureGuarded();
  // Read-write opens: removes snapshot files a crashed writer left behind.
  // Done only while no import runs (the write lock is free), else skipped.
  void RemoveOrphanSnapshots();

 private:
  Status DeleteAll();
  Status InsertAll(const Dataset& data, const CancelToken* cancel);
  template <typename BindFn>
  Status InsertRows(std::string_view table, std::string_view sql, size_t count, const CancelToken* cancel,
                    BindFn bind);
  template <size_t I, typename B>
  Status InsertTable(const Dataset& data, const CancelToken* cancel);
  template <size_t I, size_t K, typename T>
  void BindCell(RowBinder& s, int parameter, const T& value) const;
  Status LoadAll(Dataset& data);
  template <size_t I, typename B>
  Status LoadTable(Dataset& data);
  template <size_t I, size_t K, typename T>
  bool ReadCell(const SqliteStatement& s, int column, T& out, Status* error) const;
  // The codec of enum E's lookup table.
  template <typename E>
  const EnumCodec<E>& CodecOf() const {
    if constexpr (std::is_same_v<E, Activity>) {
      return activities_;
    } else if constexpr (std::is_same_v<E, ExpenseCategory>) {
      return categories_;
    } else if constexpr (std::is_same_v<E, VisitAction>) {
      return actions_;
    } else if constexpr (std::is_same_v<E, RenewalType>) {
      return renewal_types_;
    } else {
      static_assert(std::is_same_v<E, Aggregation>, "an enum column without a lookup table");
      return aggregations_;
    }
  }
  template <typename ReadFn>
  Status ReadRows(std::string_view table, std::string_view columns, ReadFn read);
  Result<size_t> CountRows(std::string_view table);
  // False for a table added by a later schema than the file's (read-only opens).
  [[nodiscard]] bool HasTable(std::string_view table) const {
    return TableSchemaVersion(table) <= schema_version_;
  }

  Result<int64_t> DatasetVersion();
  // The committed state being read, in the caller's transaction; its import
  // id is "" when the snapshot must not be trusted (no id, guards missing).
  Result<SnapshotTag> CurrentState();
  void Warn(const Status& status) const {
    if (options_.on_warning) options_.on_warning(status);
  }

  SqliteDb db_;
  SqliteStoreOptions options_;
  std::filesystem::path snapshot_;  // columnar copy of the latest import; empty: none
  bool read_only_;
  int64_t schema_version_;  // of the file as opened (older than the latest only when read-only)
  EnumCodec<Activity> activities_;
  EnumCodec<ExpenseCategory> categories_;
  EnumCodec<VisitAction> actions_;
  EnumCodec<RenewalType> renewal_types_;
  EnumCodec<Aggregation> aggregations_;
  int64_t rows_inserted_ = 0;  // in the running import, for the test hook
};

Status SqliteStore::ReplaceDataset(const Dataset& dataset, const std::string& source, const CancelToken* cancel) {
  if (read_only_) return Status::Internal("an import into a store opened read-only");
  Status status = CheckColumns(dataset);
  if (!status.ok()) return status;
  status = CheckReferences(dataset);
  if (!status.ok()) return status;
  const auto import_id = NewImportId();
  if (!import_id.ok()) return import_id.status();
  // Checked above; PRAGMA foreign_keys only changes outside a transaction.
  status = db_.Exec("PRAGMA foreign_keys = OFF");
  if (!status.ok()) return status;
  struct ForeignKeysBackOn {
    SqliteDb& db;
    ~ForeignKeysBackOn() { (void)db.Exec("PRAGMA foreign_keys = ON"); }
  } back_on{db_};
  auto transaction = SqliteTransaction::Begin(db_, SqliteTransaction::Mode::kImmediate);
  if (!transaction.ok()) return transaction.status();
  // The write lock is ours: this import will be version + 1. Its snapshot is
  // written beside, on a second core, while SQLite inserts; it is renamed into
  // place only once the transaction has committed.
  const auto version = DatasetVersion();
  if (!version.ok()) return version.status();
  PendingSnapshot pending(snapshot_, dataset, SnapshotTag{*version + 1, *import_id});
  // The guards would fire once per inserted row (and turn the deletes into
  // row-by-row scans); they are back before the commit.
  status = db_.Exec(DropGuardsSql());
  if (!status.ok()) return status;
  status = DeleteAll();
  if (!status.ok()) return status;
  status = InsertAll(dataset, cancel);
  if (!status.ok()) return status;

  auto update = db_.Prepare(
      "UPDATE import_meta SET dataset_version = dataset_version + 1, imported_at = ?1, source = ?2, "
      "first_date = ?3, last_date = ?4, import_id = ?5 WHERE id = 1");
  if (!update.ok()) return update.status();
  const auto now = options_.now ? options_.now() : std::chrono::system_clock::now();
  const std::string imported_at = FormatUtc(now);
  update->BindText(1, imported_at);
  update->BindText(2, source);
  if (const auto range = FactDateRange(dataset)) {
    update->BindInt64(3, range->first);
    update->BindInt64(4, range->second);
  } else {
    update->BindNull(3);
    update->BindNull(4);
  }
  update->BindText(5, *import_id);
  status = update->StepDone();
  if (!status.ok()) return status;
  status = db_.Exec(CreateGuardsSql());
  if (!status.ok()) return status;
  if (IsCancelled(cancel)) return Status::Cancelled("the import was cancelled");
  // Deferred foreign keys (contracts.renewal_of_row) are checked here; a
  // failure rolls everything back.
  status = transaction->Commit();
  if (!status.ok()) return status;
  if (Status published = pending.Publish(); !published.ok()) Warn(published);
  return Status::Ok();
}

Result<int64_t> SqliteStore::DatasetVersion() {
  return db_.QueryInt64("SELECT dataset_version FROM import_meta WHERE id = 1");
}

Result<SnapshotTag> SqliteStore::CurrentState() {
  SnapshotTag tag;
  auto version = DatasetVersion();
  if (!version.ok()) return version.status();
  tag.dataset_version = *version;
  if (schema_version_ < 2) return tag;  // no import id yet: an older store opened read-only
  auto guards = db_.QueryInt64(kCountGuardsSql);
  if (!guards.ok()) return guards.status();
  if (*guards != kGuardCount) return tag;  // changes may have gone unnoticed
  auto statement = db_.Prepare("SELECT import_id FROM import_meta WHERE id = 1");
  if (!statement.ok()) return statement.status();
  auto has_row = statement->Step();
  if (!has_row.ok()) return has_row.status();
  if (*has_row) tag.import_id = statement->ColumnText(0);
  if (tag.import_id.size() != kImportIdHexChars) tag.import_id.clear();
  return tag;
}

Status SqliteStore::EnsureGuarded() {
  auto guards = db_.QueryInt64(kCountGuardsSql);
  if (!guards.ok()) return guards.status();
  auto id_length = db_.QueryInt64("SELECT length(import_id) FROM import_meta WHERE id = 1");
  if (!id_length.ok()) return id_length.status();
  if (*guards == kGuardCount && *id_length == static_cast<int64_t>(kImportIdHexChars)) return Status::Ok();
  const auto import_id = NewImportId();
  if (!import_id.ok()) return import_id.status();
  auto transaction = SqliteTransaction::Begin(db_, SqliteTransaction::Mode::kImmediate);
  if (!transaction.ok()) return transaction.status();
  Status status = db_.Exec(DropGuardsSql() + CreateGuardsSql());
  if (!status.ok()) return status;
  // A new id: while the guards were missing, rows may have changed unseen.
  auto update = db_.Prepare("UPDATE import_meta SET import_id = ?1 WHERE id = 1");
  if (!update.ok()) return update.status();
  update->BindText(1, *import_id);
  status = update->StepDone();
  if (!status.ok()) return status;
  return transaction->Commit();
}

void SqliteStore::RemoveOrphanSnapshots() {
  if (snapshot_.empty()) return;
  // Without waiting: a running import owns its files; the next open cleans.
  (void)sqlite3_busy_timeout(db_.handle(), 0);
  {
    auto transaction = SqliteTransaction::Begin(db_, SqliteTransaction::Mode::kImmediate);
    if (transaction.ok()) {
      for (const auto& orphan : PendingSnapshot::OrphansOf(snapshot_)) {
        std::error_code ec;
        std::filesystem::remove(orphan, ec);
      }
    }
  }  // rolled back: nothing was written
  const auto timeout_ms = std::clamp<int64_t>(options_.busy_timeout_ms, 0, std::numeric_limits<int>::max());
  (void)sqlite3_busy_timeout(db_.handle(), static_cast<int>(timeout_ms));
}

Status SqliteStore::DeleteAll() {
  // DELETE without WHERE on a table no foreign key points to is SQLite's
  // truncate: it frees pages without visiting rows.
  for (auto table = kTables.rbegin(); table != kTables.rend(); ++table) {
    Status status = db_.Exec("DELETE FROM " + std::string(*table));
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

// One prepared statement per table, reset and rebound per row, rows in
// RowId order so every insert appends to the table's b-tree.
// Parameter 1 is always row_id.
template <typename BindFn>
Status SqliteStore::InsertRows(std::string_view table, std::string_view sql, size_t count,
                               const CancelToken* cancel, BindFn bind) {
  // Rows go in by batches of kRowsPerInsert per statement: one statement run
  // per batch instead of per row, which matters for millions of rows.
  const auto columns = static_cast<int>(std::count(sql.begin(), sql.end(), '?'));
  auto batch = db_.Prepare(MultiRowInsert(sql, columns, kRowsPerInsert));
  if (!batch.ok()) return batch.status();
  auto single = db_.Prepare(sql);
  if (!single.ok()) return single.status();
  for (size_t first = 0; first < count;) {
    // Polled once per statement run (kRowsPerInsert rows): one relaxed load.
    if (IsCancelled(cancel)) return Status::Cancelled("the import was cancelled");
    const bool full = count - first >= kRowsPerInsert;
    SqliteStatement& statement = full ? *batch : *single;
    const size_t rows = full ? kRowsPerInsert : 1;
    for (size_t r = 0; r < rows; ++r) {
      RowBinder binder(statement, static_cast<int>(r) * columns);
      binder.BindInt64(1, static_cast<int64_t>(first + r));
      bind(binder, first + r);
    }
    Status status = statement.StepDone();
    statement.Reset();
    if (!status.ok()) {
      return Status::Io("cannot store " + std::string(table) + " rows from " + std::to_string(first) + ": " +
                        status.message());
    }
    for (size_t r = 0; r < rows; ++r) {
      ++rows_inserted_;
      if (options_.after_row_inserted) {
        status = options_.after_row_inserted(rows_inserted_);
        if (!status.ok()) return status;
      }
    }
    first += rows;
  }
  return Status::Ok();
}

Status SqliteStore::InsertAll(const Dataset& data, const CancelToken* cancel) {
  rows_inserted_ = 0;
  Status status = InsertRows(kMetricsTable, "INSERT INTO metrics VALUES (?1, ?2)", data.metrics.size(), cancel,
                             [&](RowBinder& s, size_t i) { s.BindText(2, data.metrics[i]); });
  ForEachBinding([&](auto table_index, auto binding) {
    if (status.ok()) status = InsertTable<decltype(table_index)::value, decltype(binding)>(data, cancel);
  });
  return status;
}

template <size_t I, typename B>
Status SqliteStore::InsertTable(const Dataset& data, const CancelToken* cancel) {
  const std::string_view name = kCatalogue[I].name;
  const auto& table = BoundTable<B>(data);
  return InsertRows(name, InsertSql(name), table.size(), cancel, [&](RowBinder& s, size_t row) {
    ForEachBoundColumn<B>([&](auto column_index, auto member) {
      BindCell<I, decltype(column_index)::value>(s, static_cast<int>(column_index) + 2, Cell(table, member, row));
    });
  });
}

// One cell by its column's kind, as migrations.cpp stores it: text as TEXT,
// a reference as its row (NULL for kNoRow), an enum as its lookup code,
// dates and numbers as INTEGER; an optional column without a default is
// NULL when it holds its empty value (EmptyValueOf: "", 0, kNone, kNoMoney).
template <size_t I, size_t K, typename T>
void SqliteStore::BindCell(RowBinder& s, int parameter, const T& value) const {
  constexpr ColumnDesc kColumn = kCatalogue[I].columns[K];
  constexpr bool kNullWhenEmpty = !kColumn.required && kColumn.default_value.empty();
  if constexpr (kColumn.kind == ColumnKind::kReference || kColumn.kind == ColumnKind::kMetric) {
    BindRow(s, parameter, value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if constexpr (kNullWhenEmpty) {
      s.BindOptionalText(parameter, value);
    } else {
      s.BindText(parameter, value);
    }
  } else {
    if (kNullWhenEmpty && value == EmptyValueOf<T>(kColumn.kind)) {
      s.BindNull(parameter);
    } else if constexpr (std::is_enum_v<T>) {
      s.BindInt64(parameter, CodecOf<T>().Encode(value));
    } else {
      s.BindInt64(parameter, static_cast<int64_t>(value));
    }
  }
}

// The inverse of BindCell; false (and *error set) for an enum code the
// lookup table does not know.
template <size_t I, size_t K, typename T>
bool SqliteStore::ReadCell(const SqliteStatement& s, int column, T& out, Status* error) const {
  constexpr ColumnDesc kColumn = kCatalogue[I].columns[K];
  if constexpr (kColumn.kind == ColumnKind::kReference || kColumn.kind == ColumnKind::kMetric) {
    out = ColumnRow(s, column);
  } else if constexpr (std::is_same_v<T, std::string>) {
    out = s.ColumnText(column);  // NULL reads as ""
  } else if constexpr (std::is_enum_v<T>) {
    if (s.ColumnIsNull(column)) {
      out = T{};
      return true;
    }
    const int64_t code = s.ColumnInt64(column);
    if (!CodecOf<T>().Decode(code, &out)) {
      *error = CodecOf<T>().DecodeError(code);
      return false;
    }
  } else if (!kColumn.required && kColumn.default_value.empty() && s.ColumnIsNull(column)) {
    out = EmptyValueOf<T>(kColumn.kind);
  } else {
    out = static_cast<T>(s.ColumnInt64(column));  // CHECKs keep the range
  }
  return true;
}

Result<size_t> SqliteStore::CountRows(std::string_view table) {
  if (!HasTable(table)) return size_t{0};
  auto count = db_.QueryInt64("SELECT count(*) FROM " + std::string(table));
  if (!count.ok()) return count.status();
  return static_cast<size_t>(*count);
}

// Reads `columns` (after row_id) of every row in RowId order; row ids must
// be 0, 1, 2, … since they are the Dataset's vector indexes.
template <typename ReadFn>
Status SqliteStore::ReadRows(std::string_view table, std::string_view columns, ReadFn read) {
  if (!HasTable(table)) return Status::Ok();
  auto statement = db_.Prepare("SELECT row_id, " + std::string(columns) + " FROM " + std::string(table) +
                               " ORDER BY row_id");
  if (!statement.ok()) return statement.status();
  int64_t expected = 0;
  for (;; ++expected) {
    auto has_row = statement->Step();
    if (!has_row.ok()) return has_row.status();
    if (!*has_row) break;
    if (statement->ColumnInt64(0) != expected) {
      return Status::Internal("the store's " + std::string(table) + " row ids are not 0, 1, 2, …");
    }
    Status status = read(*statement);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Result<Dataset> SqliteStore::LoadDataset() {
  // One read transaction: all tables from the same committed import even if
  // another process imports meanwhile.
  auto transaction = SqliteTransaction::Begin(db_, SqliteTransaction::Mode::kDeferred);
  if (!transaction.ok()) return transaction.status();
  const auto state = CurrentState();
  if (!state.ok()) return state.status();
  // The snapshot of this very state, if there is one, loads at memory speed.
  const bool trusted = !snapshot_.empty() && state->dataset_version > 0 && !state->import_id.empty();
  if (trusted) {
    if (auto snapshot = ReadDatasetSnapshot(snapshot_, *state)) {
      Status status = transaction->Commit();
      if (!status.ok()) return status;
      return std::move(*snapshot);
    }
  }
  Dataset data;
  Status status = LoadAll(data);
  if (!status.ok()) return status;
  status = transaction->Commit();
  if (!status.ok()) return status;
  // Tagged with the state read above, in the same transaction as the rows.
  // Best effort: the database is the truth, a missing snapshot only makes
  // the next load slower. A failed write removes any older snapshot.
  if (trusted && !read_only_) {
    if (Status written = WriteDatasetSnapshot(snapshot_, data, *state); !written.ok()) Warn(written);
  }
  return data;
}

Status SqliteStore::LoadAll(Dataset& data) {
  auto metrics = CountRows(kMetricsTable);
  if (!metrics.ok()) return metrics.status();
  data.metrics.reserve(*metrics);
  Status status = ReadRows(kMetricsTable, "metric", [&](const SqliteStatement& s) {
    data.metrics.push_back(s.ColumnText(1));
    return Status::Ok();
  });
  ForEachBinding([&](auto table_index, auto binding) {
    if (status.ok()) status = LoadTable<decltype(table_index)::value, decltype(binding)>(data);
  });
  return status;
}

// Sized once from the row count, then filled row by row in place.
template <size_t I, typename B>
Status SqliteStore::LoadTable(Dataset& data) {
  const std::string_view name = kCatalogue[I].name;
  auto count = CountRows(name);
  if (!count.ok()) return count.status();
  auto& table = BoundTable<B>(data);
  if constexpr (kIsRowTable<B>) {
    table.resize(*count);
  } else {
    ForEachBoundColumn<B>([&](auto, auto member) { (table.*member).resize(*count); });
  }
  size_t row = 0;
  Status error = Status::Ok();
  Status status = ReadRows(name, StoredColumns(name, schema_version_), [&](const SqliteStatement& s) {
    if (row >= *count) return Status::Internal("the store's " + std::string(name) + " has more rows than counted");
    bool ok = true;
    ForEachBoundColumn<B>([&](auto column_index, auto member) {
      ok = ok && ReadCell<I, decltype(column_index)::value>(s, static_cast<int>(column_index) + 1,
                                                            Cell(table, member, row), &error);
    });
    ++row;
    return ok ? Status::Ok() : error;
  });
  if (status.ok() && row != *count) {
    return Status::Internal("the store's " + std::string(name) + " has fewer rows than counted");
  }
  return status;
}

Result<StoreMeta> SqliteStore::Meta() {
  auto transaction = SqliteTransaction::Begin(db_, SqliteTransaction::Mode::kDeferred);
  if (!transaction.ok()) return transaction.status();
  StoreMeta meta;
  auto statement = db_.Prepare(
      "SELECT dataset_version, imported_at, source, first_date, last_date FROM import_meta WHERE id = 1");
  if (!statement.ok()) return statement.status();
  auto has_row = statement->Step();
  if (!has_row.ok()) return has_row.status();
  if (!*has_row) return Status::Internal("the store has no import_meta row");
  meta.dataset_version = statement->ColumnInt64(0);
  meta.imported_at = statement->ColumnText(1);
  meta.source = statement->ColumnText(2);
  meta.first_date = ColumnDay(*statement, 3);  // NULL reads as 0 = no dated facts
  meta.last_date = ColumnDay(*statement, 4);
  for (std::string_view table : kTables) {
    auto count = CountRows(table);
    if (!count.ok()) return count.status();
    meta.counts.push_back(TableCount{std::string(table), static_cast<int64_t>(*count)});
  }
  Status status = transaction->Commit();
  if (!status.ok()) return status;
  return meta;
}

Status SetBusyTimeout(SqliteDb& db, const SqliteStoreOptions& options) {
  const auto timeout_ms = std::clamp<int64_t>(options.busy_timeout_ms, 0, std::numeric_limits<int>::max());
  if (sqlite3_busy_timeout(db.handle(), static_cast<int>(timeout_ms)) != SQLITE_OK) {
    return db.LastError("cannot set busy timeout");
  }
  return Status::Ok();
}

// Refuses a file written by a newer agencykpi before anything (even the
// journal mode) is changed in it.
Status CheckNotNewer(SqliteDb& db) {
  auto version = SchemaVersion(db);
  if (!version.ok()) return version.status();
  if (*version > LatestSchemaVersion()) {
    return Status::InvalidInput("the store's schema version " + std::to_string(*version) +
                                " is newer than this program supports (" +
                                std::to_string(LatestSchemaVersion()) + "); use a newer agencykpi");
  }
  return Status::Ok();
}

Status Configure(SqliteDb& db, const SqliteStoreOptions& options) {
  // Larger pages for a new file: fewer B-tree pages to split and write when
  // millions of rows are inserted (no effect on an existing file).
  Status page = db.Exec("PRAGMA page_size = " + std::to_string(kSqlitePageSizeBytes));
  if (!page.ok()) return page;
  auto statement = db.Prepare("PRAGMA journal_mode = WAL");
  if (!statement.ok()) return statement.status();
  auto has_row = statement->Step();
  if (!has_row.ok()) return has_row.status();
  if (!*has_row || statement->ColumnText(0) != "wal") {
    return Status::Io("the store cannot use write-ahead logging (journal mode " + statement->ColumnText(0) +
                      ")");
  }
  // Integers only below: no user text is formatted into SQL.
  return db.Exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -" +
                 std::to_string(std::max<int64_t>(options.cache_size_kib, 1)) +
                 "; PRAGMA journal_size_limit = " + std::to_string(kSqliteJournalSizeLimitBytes) + ";");
}

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

Status NotOurs(const std::filesystem::path& file, std::string_view why) {
  return Status::InvalidInput(file.string() + ": not an agencykpi database (" + std::string(why) + ")");
}

// Tells whether the existing `file` is an agencykpi store this binary can
// open, without writing anything to it, and returns a read-only connection
// to it and its schema version. In a directory this process cannot write,
// a database without a -wal file is opened immutable (see store.h).
Result<std::pair<SqliteDb, int64_t>> InspectStoreFile(const std::filesystem::path& file) {
  std::error_code ec;
  const auto type = std::filesystem::status(file, ec).type();
  if (type == std::filesystem::file_type::directory) return NotOurs(file, "it is a directory");
  if (type != std::filesystem::file_type::regular) return NotOurs(file, "not a regular file");
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return Status::Io("cannot read " + file.string() + ": " + ec.message());
  if (size == 0) return NotOurs(file, "the file is empty");
  {
    std::array<char, kSqliteMagic.size()> magic{};
    std::FILE* in = std::fopen(file.c_str(), "rb");
    if (in == nullptr) return Status::Io("cannot read " + file.string() + ": " + std::strerror(errno));
    const size_t got = std::fread(magic.data(), 1, magic.size(), in);
    std::fclose(in);
    if (got != magic.size() || std::string_view(magic.data(), magic.size()) != kSqliteMagic) {
      return NotOurs(file, "not an SQLite file");
    }
  }
  auto db = SqliteDb::Open(file, SqliteDb::Access::kReadOnly);
  if (!db.ok()) return db.status();
  auto version = SchemaVersion(*db);
  const int code = sqlite3_extended_errcode(db->handle()) & 0xFF;
  if (!version.ok() && (code == SQLITE_CANTOPEN || code == SQLITE_READONLY) &&
      ::access(std::filesystem::absolute(file).parent_path().c_str(), W_OK) != 0 &&
      !std::filesystem::exists(file.string() + "-wal", ec)) {
    db = SqliteDb::Open(file, SqliteDb::Access::kImmutable);
    if (!db.ok()) return db.status();
    version = SchemaVersion(*db);
  }
  if (!version.ok()) {
    if ((sqlite3_extended_errcode(db->handle()) & 0xFF) == SQLITE_NOTADB) {
      return NotOurs(file, sqlite3_errmsg(db->handle()));
    }
    return Status::Io(file.string() + ": cannot read the database: " + version.status().message());
  }
  if (*version > LatestSchemaVersion()) {
    return Status::InvalidInput(file.string() + ": the store's schema version " + std::to_string(*version) +
                                " is newer than this program supports (" +
                                std::to_string(LatestSchemaVersion()) + "); use a newer agencykpi");
  }
  auto meta_tables =
      db->QueryInt64("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'import_meta'");
  if (!meta_tables.ok()) return meta_tables.status();
  if (*version < 1 || *meta_tables != 1)
    return NotOurs(file, "an SQLite database without agencykpi's tables");
  return std::pair{std::move(*db), *version};
}

// Makes a new store at `file`: built whole under a temporary name beside it,
// then linked into place (never over an existing file: a process that
// created it first wins, and this one opens that file).
Status CreateStoreFile(const std::filesystem::path& file, const SqliteStoreOptions& options) {
  const auto unique = NewImportId();
  if (!unique.ok()) return unique.status();
  const std::filesystem::path temporary = file.string() + ".new-" + *unique;
  const auto remove_temporary = [&temporary] {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(temporary.string() + suffix, ec);
    }
  };
  {
    auto db = SqliteDb::Open(temporary, SqliteDb::Access::kCreate);
    Status status = db.ok() ? Configure(*db, options) : db.status();
    if (status.ok()) status = MigrateToLatest(*db);
    if (!status.ok()) {
      remove_temporary();
      return Status::Io("cannot create the store " + file.string() + ": " + status.message());
    }
  }  // closed: the WAL is checkpointed into the file and removed
  const bool linked = ::link(temporary.c_str(), file.c_str()) == 0;
  const int error_number = errno;
  remove_temporary();
  if (!linked && error_number != EEXIST) {
    return Status::Io("cannot create the store " + file.string() + ": " + std::strerror(error_number));
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& file) {
  return OpenSqliteStore(file, SqliteStoreOptions{});
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& file,
                                               SqliteStoreOptions options) {
  const bool read_only = options.access == StoreAccess::kReadOnly;
  const bool on_disk = file != ":memory:" && !file.empty();
  std::optional<SqliteDb> db;
  int64_t schema_version = LatestSchemaVersion();
  if (on_disk) {
    std::error_code ec;
    if (std::filesystem::status(file, ec).type() == std::filesystem::file_type::not_found) {
      if (read_only) {
        return Status::NotFound(file.string() +
                                ": no such database (create it with agencykpi import DIR --db " +
                                file.string() + ")");
      }
      Status created = CreateStoreFile(file, options);
      if (!created.ok()) return created;
    }
    auto inspected = InspectStoreFile(file);
    if (!inspected.ok()) return inspected.status();
    if (read_only) {
      db.emplace(std::move(inspected->first));
      schema_version = inspected->second;
    }
  }
  if (!db) {
    auto opened = SqliteDb::Open(
        file, read_only ? SqliteDb::Access::kReadOnly
                        : (on_disk ? SqliteDb::Access::kReadWrite : SqliteDb::Access::kCreate));
    if (!opened.ok()) return opened.status();
    db.emplace(std::move(*opened));
  }
  Status status = SetBusyTimeout(*db, options);
  if (!status.ok()) return status;
  if (!read_only) {
    status = CheckNotNewer(*db);
    if (!status.ok()) return status;
    status = Configure(*db, options);
    if (!status.ok()) return status;
    status = MigrateToLatest(*db);
    if (!status.ok()) return status;
    if (options.max_page_count > 0) {
      status = db->Exec("PRAGMA max_page_count = " + std::to_string(options.max_page_count));
      if (!status.ok()) return status;
    }
  } else {
    // Only the page cache: every other setting would write to the file.
    status = db->Exec("PRAGMA cache_size = -" + std::to_string(std::max<int64_t>(options.cache_size_kib, 1)));
    if (!status.ok()) return status;
  }
  std::filesystem::path snapshot;
  if (options.columnar_snapshot && on_disk) snapshot = file.string() + kSnapshotSuffix;
  auto store =
      std::make_unique<SqliteStore>(std::move(*db), std::move(options), std::move(snapshot), schema_version);
  status = store->Init();
  if (!status.ok()) return status;
  if (!read_only) {
    status = store->EnsureGuarded();
    if (!status.ok()) return status;
    store->RemoveOrphanSnapshots();
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace agencykpi
