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
//  - a large page cache, so a million-row import rarely spills to the WAL
//    before it commits.
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
#include <utility>
#include <vector>

#include "common/executor.h"
#include "domain/catalogue.h"
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

constexpr int64_t kSecondsPerDay = 86400;

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

std::string FormatUtc(std::chrono::system_clock::time_point time) {
  const int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
  int64_t days = seconds / kSecondsPerDay;
  int64_t second_of_day = seconds % kSecondsPerDay;
  if (second_of_day < 0) {
    second_of_day += kSecondsPerDay;
    --days;
  }
  const int hour = static_cast<int>(second_of_day / 3600);
  const int minute = static_cast<int>(second_of_day / 60 % 60);
  const int second = static_cast<int>(second_of_day % 60);
  std::array<char, 32> clock{};  // room for any int, so no truncation warning
  std::snprintf(clock.data(), clock.size(), "T%02d:%02d:%02dZ", hour, minute, second);
  return FormatDate(static_cast<Day>(days)) + clock.data();
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
std::string StoredColumns(std::string_view table) {
  std::string out;
  for (const ColumnDesc& column : FindTable(table)->columns) {
    if (!out.empty()) out += ", ";
    out += StoreColumnName(column);
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

template <typename... Vectors>
void ReserveAll(size_t count, Vectors&... vectors) {
  (vectors.reserve(count), ...);
}

template <typename... Vectors>
bool SameSize(size_t count, const Vectors&... vectors) {
  return ((vectors.size() == count) && ...);
}

// Every column of every fact table has the same length; anything else is a
// bug upstream and would make the insert loops read out of bounds.
Status CheckColumns(const Dataset& data) {
  const auto& t = data.time_entries;
  const auto& e = data.expenses;
  const auto& i = data.invoices;
  const auto& v = data.visits;
  const auto& r = data.results;
  const auto& a = data.store_audits;
  const auto& s = data.store_sales;
  const bool ok = SameSize(t.size(), t.employee, t.hours, t.activity, t.mission) &&
                  SameSize(e.size(), e.amount, e.category, e.mission) &&
                  SameSize(i.size(), i.id, i.client, i.amount, i.mission) &&
                  SameSize(v.size(), v.id, v.employee, v.mission, v.store, v.action) &&
                  SameSize(r.size(), r.mission, r.metric, r.value, r.store) &&
                  SameSize(a.size(), a.store, a.client, a.present, a.facings) &&
                  SameSize(s.size(), s.store, s.client, s.amount);
  return ok ? Status::Ok() : Status::Internal("dataset columns of one fact table differ in length");
}

// The reference and metric columns of the catalogue: each is checked by
// CheckReferences.
constexpr size_t kReferenceColumns = [] {
  size_t count = 0;
  for (const TableDesc& table : kCatalogue) {
    for (const ColumnDesc& column : table.columns) {
      if (column.kind == ColumnKind::kReference || column.kind == ColumnKind::kMetric) ++count;
    }
  }
  return count;
}();

// Every reference of the dataset points at an existing row (or is absent
// where the catalogue allows it). Ingest guarantees it; the store checks
// again because it inserts without SQLite's per-row foreign key look-ups.
// The referenced table and whether a value may be absent come from the
// catalogue; which Dataset field holds each column is written here, one
// line per catalogue reference (counted, so none is forgotten).
Status CheckReferences(const Dataset& d) {
  const auto bad = [](std::string_view table, size_t row, std::string_view column, RowId value) {
    return Status::Internal(std::string(table) + " row " + std::to_string(row) + ": " + std::string(column) +
                            " refers to no row (" + std::to_string(value) + ")");
  };
  const auto valid = [](RowId value, size_t rows, bool optional) {
    return (optional && value == kNoRow) || (value >= 0 && static_cast<size_t>(value) < rows);
  };
  size_t checked = 0;
  const auto check = [&](std::string_view table, std::string_view column, const auto& values, auto get) -> Status {
    ++checked;
    const TableDesc& entry = *FindTable(table);
    const std::optional<size_t> at = FindColumn(entry, column);
    if (!at) return Status::Internal(std::string(table) + " has no column " + std::string(column));
    const ColumnDesc& spec = entry.columns[*at];
    const size_t rows = spec.kind == ColumnKind::kMetric ? d.metrics.size() : RowCount(d, *FindTable(spec.references));
    const bool optional = !spec.required;
    for (size_t i = 0; i < values.size(); ++i) {
      const RowId value = get(values[i]);
      if (!valid(value, rows, optional)) return bad(table, i, column, value);
    }
    return Status::Ok();
  };
  const auto id = [](RowId value) { return value; };
  for (Status status : {
           check("contracts", "client_id", d.contracts, [](const Contract& c) { return c.client; }),
           check("contracts", "renewal_of", d.contracts, [](const Contract& c) { return c.renewal_of; }),
           check("missions", "client_id", d.missions, [](const Mission& m) { return m.client; }),
           check("missions", "contract_id", d.missions, [](const Mission& m) { return m.contract; }),
           check("cost_rates", "employee_id", d.cost_rates, [](const CostRate& r) { return r.employee; }),
           check("objectives", "mission_id", d.objectives, [](const Objective& o) { return o.mission; }),
           check("objectives", "metric", d.objectives, [](const Objective& o) { return o.metric; }),
           check("time_entries", "employee_id", d.time_entries.employee, id),
           check("time_entries", "mission_id", d.time_entries.mission, id),
           check("expenses", "mission_id", d.expenses.mission, id),
           check("invoices", "client_id", d.invoices.client, id),
           check("invoices", "mission_id", d.invoices.mission, id),
           check("visits", "employee_id", d.visits.employee, id),
           check("visits", "mission_id", d.visits.mission, id),
           check("visits", "store_id", d.visits.store, id),
           check("results", "mission_id", d.results.mission, id),
           check("results", "metric", d.results.metric, id),
           check("results", "store_id", d.results.store, id),
           check("store_audits", "store_id", d.store_audits.store, id),
           check("store_audits", "client_id", d.store_audits.client, id),
           check("store_sales", "store_id", d.store_sales.store, id),
           check("store_sales", "client_id", d.store_sales.client, id),
       }) {
    if (!status.ok()) return status;
  }
  if (checked != kReferenceColumns) {
    return Status::Internal("the store checks " + std::to_string(checked) + " reference columns, the catalogue has " +
                            std::to_string(kReferenceColumns));
  }
  return Status::Ok();
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

// Date range of the dated facts, nullopt when there are none.
std::optional<std::pair<Day, Day>> FactDateRange(const Dataset& data) {
  std::optional<std::pair<Day, Day>> range;
  auto add = [&](const std::vector<Day>& dates) {
    if (dates.empty()) return;
    const auto [low, high] = std::minmax_element(dates.begin(), dates.end());
    if (!range) {
      range = std::pair{*low, *high};
    } else {
      range->first = std::min(range->first, *low);
      range->second = std::max(range->second, *high);
    }
  };
  add(data.time_entries.date);
  add(data.expenses.date);
  add(data.invoices.date);
  add(data.visits.date);
  add(data.results.date);
  add(data.store_audits.date);
  add(data.store_sales.date);
  return range;
}

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
  Status LoadAll(Dataset& data);
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
  Status status = InsertRows("clients", InsertSql("clients"), data.clients.size(),
                             cancel, [&](RowBinder& s, size_t i) {
                               const Client& c = data.clients[i];
                               s.BindText(2, c.id);
                               s.BindText(3, c.name);
                               s.BindOptionalText(4, c.sector);
                             });
  if (!status.ok()) return status;
  status = InsertRows("contracts", InsertSql("contracts"),
                      data.contracts.size(), cancel, [&](RowBinder& s, size_t i) {
                        const Contract& c = data.contracts[i];
                        s.BindText(2, c.id);
                        BindRow(s, 3, c.client);
                        s.BindInt64(4, c.start);
                        s.BindInt64(5, c.end);
                        BindRow(s, 6, c.renewal_of);
                        if (c.renewal_type == RenewalType::kNone) {
                          s.BindNull(7);
                        } else {
                          s.BindInt64(7, renewal_types_.Encode(c.renewal_type));
                        }
                        s.BindInt64(8, c.signed_on);
                      });
  if (!status.ok()) return status;
  status = InsertRows("missions", InsertSql("missions"),
                      data.missions.size(), cancel, [&](RowBinder& s, size_t i) {
                        const Mission& m = data.missions[i];
                        s.BindText(2, m.id);
                        BindRow(s, 3, m.client);
                        s.BindText(4, m.name);
                        s.BindInt64(5, m.start);
                        s.BindInt64(6, m.end);
                        BindRow(s, 7, m.contract);
                        s.BindOptionalText(8, m.type);
                        if (m.complexity == 0) {
                          s.BindNull(9);
                        } else {
                          s.BindInt64(9, m.complexity);
                        }
                      });
  if (!status.ok()) return status;
  status = InsertRows("employees", InsertSql("employees"), data.employees.size(),
                      cancel, [&](RowBinder& s, size_t i) {
                        const Employee& e = data.employees[i];
                        s.BindText(2, e.id);
                        s.BindText(3, e.name);
                        s.BindOptionalText(4, e.role);
                      });
  if (!status.ok()) return status;
  status = InsertRows("cost_rates", InsertSql("cost_rates"), data.cost_rates.size(),
                      cancel, [&](RowBinder& s, size_t i) {
                        const CostRate& r = data.cost_rates[i];
                        BindRow(s, 2, r.employee);
                        s.BindInt64(3, r.valid_from);
                        s.BindInt64(4, r.hourly_cost);
                      });
  if (!status.ok()) return status;
  status = InsertRows("stores", InsertSql("stores"), data.stores.size(), cancel,
                      [&](RowBinder& s, size_t i) {
                        const RetailStore& r = data.stores[i];
                        s.BindText(2, r.id);
                        s.BindText(3, r.name);
                        s.BindOptionalText(4, r.chain);
                        s.BindOptionalText(5, r.region);
                      });
  if (!status.ok()) return status;
  status = InsertRows("metrics", "INSERT INTO metrics VALUES (?1, ?2)", data.metrics.size(), cancel,
                      [&](RowBinder& s, size_t i) { s.BindText(2, data.metrics[i]); });
  if (!status.ok()) return status;
  status = InsertRows("objectives", InsertSql("objectives"),
                      data.objectives.size(), cancel, [&](RowBinder& s, size_t i) {
                        const Objective& o = data.objectives[i];
                        s.BindText(2, o.id);
                        BindRow(s, 3, o.mission);
                        BindRow(s, 4, o.metric);
                        s.BindInt64(5, aggregations_.Encode(o.aggregation));
                        s.BindInt64(6, o.target);
                        s.BindInt64(7, o.start);
                        s.BindInt64(8, o.end);
                      });
  if (!status.ok()) return status;
  const TimeEntries& t = data.time_entries;
  status = InsertRows("time_entries", InsertSql("time_entries"), t.size(),
                      cancel, [&](RowBinder& s, size_t i) {
                        BindRow(s, 2, t.employee[i]);
                        s.BindInt64(3, t.date[i]);
                        s.BindInt64(4, t.hours[i]);
                        s.BindInt64(5, activities_.Encode(t.activity[i]));
                        BindRow(s, 6, t.mission[i]);
                      });
  if (!status.ok()) return status;
  const Expenses& e = data.expenses;
  status = InsertRows("expenses", InsertSql("expenses"), e.size(), cancel,
                      [&](RowBinder& s, size_t i) {
                        s.BindInt64(2, e.date[i]);
                        s.BindInt64(3, e.amount[i]);
                        s.BindInt64(4, categories_.Encode(e.category[i]));
                        BindRow(s, 5, e.mission[i]);
                      });
  if (!status.ok()) return status;
  const Invoices& inv = data.invoices;
  status = InsertRows("invoices", InsertSql("invoices"), inv.size(), cancel,
                      [&](RowBinder& s, size_t i) {
                        s.BindText(2, inv.id[i]);
                        BindRow(s, 3, inv.client[i]);
                        s.BindInt64(4, inv.date[i]);
                        s.BindInt64(5, inv.amount[i]);
                        BindRow(s, 6, inv.mission[i]);
                      });
  if (!status.ok()) return status;
  const Visits& v = data.visits;
  status = InsertRows("visits", InsertSql("visits"), v.size(), cancel,
                      [&](RowBinder& s, size_t i) {
                        s.BindText(2, v.id[i]);
                        BindRow(s, 3, v.employee[i]);
                        BindRow(s, 4, v.mission[i]);
                        BindRow(s, 5, v.store[i]);
                        s.BindInt64(6, v.date[i]);
                        s.BindInt64(7, actions_.Encode(v.action[i]));
                      });
  if (!status.ok()) return status;
  const Results& r = data.results;
  status = InsertRows("results", InsertSql("results"), r.size(), cancel,
                      [&](RowBinder& s, size_t i) {
                        BindRow(s, 2, r.mission[i]);
                        BindRow(s, 3, r.metric[i]);
                        s.BindInt64(4, r.date[i]);
                        s.BindInt64(5, r.value[i]);
                        BindRow(s, 6, r.store[i]);
                      });
  if (!status.ok()) return status;
  const StoreAudits& a = data.store_audits;
  status = InsertRows("store_audits", InsertSql("store_audits"), a.size(),
                      cancel, [&](RowBinder& s, size_t i) {
                        s.BindInt64(2, a.date[i]);
                        BindRow(s, 3, a.store[i]);
                        BindRow(s, 4, a.client[i]);
                        s.BindInt64(5, a.present[i]);
                        s.BindInt64(6, a.facings[i]);
                      });
  if (!status.ok()) return status;
  const StoreSales& sales = data.store_sales;
  return InsertRows("store_sales", InsertSql("store_sales"), sales.size(),
                    cancel, [&](RowBinder& s, size_t i) {
                      s.BindInt64(2, sales.date[i]);
                      BindRow(s, 3, sales.store[i]);
                      BindRow(s, 4, sales.client[i]);
                      s.BindInt64(5, sales.amount[i]);
                    });
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
  std::array<size_t, kTables.size()> counts{};
  for (size_t i = 0; i < kTables.size(); ++i) {
    auto count = CountRows(kTables[i]);
    if (!count.ok()) return count.status();
    counts[i] = *count;
  }
  data.clients.reserve(counts[StoreTableIndex("clients")]);
  Status status = ReadRows("clients", StoredColumns("clients"), [&](const SqliteStatement& s) {
    data.clients.push_back(Client{s.ColumnText(1), s.ColumnText(2), s.ColumnText(3)});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  data.contracts.reserve(counts[StoreTableIndex("contracts")]);
  status = ReadRows("contracts",
                    StoredColumns("contracts"),
                    [&](const SqliteStatement& s) {
                      Contract c;
                      c.id = s.ColumnText(1);
                      c.client = ColumnRow(s, 2);
                      c.start = ColumnDay(s, 3);
                      c.end = ColumnDay(s, 4);
                      c.renewal_of = ColumnRow(s, 5);
                      if (!s.ColumnIsNull(6) && !renewal_types_.Decode(s.ColumnInt64(6), &c.renewal_type)) {
                        return renewal_types_.DecodeError(s.ColumnInt64(6));
                      }
                      c.signed_on = ColumnDay(s, 7);
                      data.contracts.push_back(std::move(c));
                      return Status::Ok();
                    });
  if (!status.ok()) return status;
  data.missions.reserve(counts[StoreTableIndex("missions")]);
  status = ReadRows("missions",
                    StoredColumns("missions"),
                    [&](const SqliteStatement& s) {
                      Mission m;
                      m.id = s.ColumnText(1);
                      m.client = ColumnRow(s, 2);
                      m.name = s.ColumnText(3);
                      m.start = ColumnDay(s, 4);
                      m.end = ColumnDay(s, 5);
                      m.contract = ColumnRow(s, 6);
                      m.type = s.ColumnText(7);
                      m.complexity = static_cast<int8_t>(s.ColumnInt64(8));  // NULL reads as 0 = absent
                      data.missions.push_back(std::move(m));
                      return Status::Ok();
                    });
  if (!status.ok()) return status;
  data.employees.reserve(counts[StoreTableIndex("employees")]);
  status = ReadRows("employees", StoredColumns("employees"), [&](const SqliteStatement& s) {
    data.employees.push_back(Employee{s.ColumnText(1), s.ColumnText(2), s.ColumnText(3)});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  data.cost_rates.reserve(counts[StoreTableIndex("cost_rates")]);
  status = ReadRows("cost_rates", StoredColumns("cost_rates"), [&](const SqliteStatement& s) {
    data.cost_rates.push_back(CostRate{ColumnRow(s, 1), ColumnDay(s, 2), s.ColumnInt64(3)});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  data.stores.reserve(counts[StoreTableIndex("stores")]);
  status = ReadRows("stores", StoredColumns("stores"), [&](const SqliteStatement& s) {
    data.stores.push_back(RetailStore{s.ColumnText(1), s.ColumnText(2), s.ColumnText(3), s.ColumnText(4)});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  data.metrics.reserve(counts[StoreTableIndex("metrics")]);
  status = ReadRows("metrics", "metric", [&](const SqliteStatement& s) {
    data.metrics.push_back(s.ColumnText(1));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  data.objectives.reserve(counts[StoreTableIndex("objectives")]);
  status = ReadRows("objectives",
                    StoredColumns("objectives"),
                    [&](const SqliteStatement& s) {
                      Objective o;
                      o.id = s.ColumnText(1);
                      o.mission = ColumnRow(s, 2);
                      o.metric = ColumnRow(s, 3);
                      if (!aggregations_.Decode(s.ColumnInt64(4), &o.aggregation)) {
                        return aggregations_.DecodeError(s.ColumnInt64(4));
                      }
                      o.target = s.ColumnInt64(5);
                      o.start = ColumnDay(s, 6);
                      o.end = ColumnDay(s, 7);
                      data.objectives.push_back(std::move(o));
                      return Status::Ok();
                    });
  if (!status.ok()) return status;
  TimeEntries& t = data.time_entries;
  ReserveAll(counts[StoreTableIndex("time_entries")], t.employee, t.date, t.hours, t.activity, t.mission);
  status = ReadRows("time_entries", StoredColumns("time_entries"),
                    [&](const SqliteStatement& s) {
                      Activity activity{};
                      if (!activities_.Decode(s.ColumnInt64(4), &activity)) {
                        return activities_.DecodeError(s.ColumnInt64(4));
                      }
                      t.employee.push_back(ColumnRow(s, 1));
                      t.date.push_back(ColumnDay(s, 2));
                      t.hours.push_back(static_cast<int16_t>(s.ColumnInt64(3)));  // CHECK keeps it in 1..2400
                      t.activity.push_back(activity);
                      t.mission.push_back(ColumnRow(s, 5));
                      return Status::Ok();
                    });
  if (!status.ok()) return status;
  Expenses& e = data.expenses;
  ReserveAll(counts[StoreTableIndex("expenses")], e.date, e.amount, e.category, e.mission);
  status = ReadRows("expenses", StoredColumns("expenses"), [&](const SqliteStatement& s) {
    ExpenseCategory category{};
    if (!categories_.Decode(s.ColumnInt64(3), &category)) return categories_.DecodeError(s.ColumnInt64(3));
    e.date.push_back(ColumnDay(s, 1));
    e.amount.push_back(s.ColumnInt64(2));
    e.category.push_back(category);
    e.mission.push_back(ColumnRow(s, 4));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Invoices& inv = data.invoices;
  ReserveAll(counts[StoreTableIndex("invoices")], inv.id, inv.client, inv.date, inv.amount, inv.mission);
  status = ReadRows("invoices", StoredColumns("invoices"),
                    [&](const SqliteStatement& s) {
                      inv.id.push_back(s.ColumnText(1));
                      inv.client.push_back(ColumnRow(s, 2));
                      inv.date.push_back(ColumnDay(s, 3));
                      inv.amount.push_back(s.ColumnInt64(4));
                      inv.mission.push_back(ColumnRow(s, 5));
                      return Status::Ok();
                    });
  if (!status.ok()) return status;
  Visits& v = data.visits;
  ReserveAll(counts[StoreTableIndex("visits")], v.id, v.employee, v.mission, v.store, v.date, v.action);
  status = ReadRows("visits", StoredColumns("visits"),
                    [&](const SqliteStatement& s) {
                      VisitAction action{};
                      if (!actions_.Decode(s.ColumnInt64(6), &action)) {
                        return actions_.DecodeError(s.ColumnInt64(6));
                      }
                      v.id.push_back(s.ColumnText(1));
                      v.employee.push_back(ColumnRow(s, 2));
                      v.mission.push_back(ColumnRow(s, 3));
                      v.store.push_back(ColumnRow(s, 4));
                      v.date.push_back(ColumnDay(s, 5));
                      v.action.push_back(action);
                      return Status::Ok();
                    });
  if (!status.ok()) return status;
  Results& r = data.results;
  ReserveAll(counts[StoreTableIndex("results")], r.mission, r.metric, r.date, r.value, r.store);
  status =
      ReadRows("results", StoredColumns("results"), [&](const SqliteStatement& s) {
        r.mission.push_back(ColumnRow(s, 1));
        r.metric.push_back(ColumnRow(s, 2));
        r.date.push_back(ColumnDay(s, 3));
        r.value.push_back(s.ColumnInt64(4));
        r.store.push_back(ColumnRow(s, 5));
        return Status::Ok();
      });
  if (!status.ok()) return status;
  StoreAudits& a = data.store_audits;
  ReserveAll(counts[StoreTableIndex("store_audits")], a.date, a.store, a.client, a.present, a.facings);
  status = ReadRows("store_audits", StoredColumns("store_audits"),
                    [&](const SqliteStatement& s) {
                      a.date.push_back(ColumnDay(s, 1));
                      a.store.push_back(ColumnRow(s, 2));
                      a.client.push_back(ColumnRow(s, 3));
                      a.present.push_back(static_cast<uint8_t>(s.ColumnInt64(4)));  // CHECK keeps it 0 or 1
                      a.facings.push_back(static_cast<int32_t>(s.ColumnInt64(5)));
                      return Status::Ok();
                    });
  if (!status.ok()) return status;
  StoreSales& sales = data.store_sales;
  ReserveAll(counts[StoreTableIndex("store_sales")], sales.date, sales.store, sales.client, sales.amount);
  return ReadRows("store_sales", StoredColumns("store_sales"), [&](const SqliteStatement& s) {
    sales.date.push_back(ColumnDay(s, 1));
    sales.store.push_back(ColumnRow(s, 2));
    sales.client.push_back(ColumnRow(s, 3));
    sales.amount.push_back(s.ColumnInt64(4));
    return Status::Ok();
  });
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
