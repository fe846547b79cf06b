// The PostgreSQL Store (schema: pg_schema.h).
//  - The connection works as kPgAppRole; every transaction first sets
//    kPgAgencySetting to its agency, so row-level security shows it that
//    agency's rows only. Every statement also names the agency itself.
//  - An import holds the agency's import lock (a session advisory lock)
//    throughout. Each fact table gets a new part (partition), made, COPYed
//    into and sealed (keys built after the rows) in a transaction of its
//    own, over up to kPgImportConnections connections, the largest table
//    first. The swap is one transaction: lock the agency's row, write its
//    reference tables again (COPY into a temporary table, then INSERT …
//    SELECT: COPY FROM cannot write a table under row-level security),
//    attach the new parts in place of the old, bump the dataset version,
//    NOTIFY kPgDatasetChannel. A crash or a lost connection before its
//    COMMIT leaves the previous dataset whole; parts made and never
//    attached are dropped by the agency's next import.
//  - A load is one REPEATABLE READ READ ONLY transaction: each table read
//    with COPY (SELECT …) TO STDOUT straight into the Dataset's columns, all
//    from the same committed import, over kPgLoadConnections connections
//    in one exported snapshot: a reference table split by row id, a fact
//    table's part by pages, its rows placed by row id.
//  - Each import also writes the dataset's columnar snapshot (pg_snapshot.h)
//    on a connection of its own, committed before the swap, which deletes
//    the agency's other snapshots. A load whose agency names the snapshot's
//    import reads it instead of the tables, in the same transaction; any
//    other load (no snapshot, a damaged one, columnar_snapshot off) reads
//    the tables.
//  - A lost connection is reconnected at the next call (its role and
//    settings set again); calls while the server is away fail kUnavailable.
#include "store/postgres/pg_store.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/catalogue.h"
#include "domain/dataset_binding.h"
#include "store/dataset_checks.h"
#include "store/import_id.h"
#include "store/postgres/copy_text.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_session.h"
#include "store/postgres/pg_snapshot.h"

namespace agencykpi {
namespace {

constexpr std::string_view kMetricsTable = "metrics";
constexpr std::string_view kStagingTable = "agencykpi_staging";

// The agency's tables in import order: metrics (which objectives and results
// refer to) first, then the catalogue's, each after those it refers to.
const std::vector<std::string_view>& ImportOrder() {
  static const std::vector<std::string_view> order = [] {
    std::vector<std::string_view> tables = {kMetricsTable};
    for (const TableDesc& table : Catalogue()) tables.push_back(table.name);
    return tables;
  }();
  return order;
}

// --- Cells as COPY text, the inverse of each other (the SQLite store's
// rules): a reference as its row or NULL, an enum as its code (the enum's
// value), text as text, the numeric kinds as integers; an optional column
// without a default is NULL when it holds its empty value. ---

template <size_t I, size_t K, typename T>
void AppendCell(std::string& row, const T& value) {
  constexpr ColumnDesc kColumn = kCatalogue[I].columns[K];
  constexpr bool kNullWhenEmpty = !kColumn.required && kColumn.default_value.empty();
  if constexpr (kColumn.kind == ColumnKind::kReference || kColumn.kind == ColumnKind::kMetric) {
    if (value == kNoRow) {
      row += kCopyNull;
    } else {
      AppendCopyInteger(row, value);
    }
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (kNullWhenEmpty && value.empty()) {
      row += kCopyNull;
    } else {
      AppendCopyText(row, value);
    }
  } else {
    if (kNullWhenEmpty && value == EmptyValueOf<T>(kColumn.kind)) {
      row += kCopyNull;
    } else {
      AppendCopyInteger(row, static_cast<int64_t>(value));
    }
  }
}

// Reads the row's next field into `out`, by the column's kind; false when
// it is not of that kind (an integer column holding text) or missing: the
// schema's types make either a store defect.
template <size_t I, size_t K, typename T>
bool ReadCell(CopyRowCursor& fields, T& out) {
  constexpr ColumnDesc kColumn = kCatalogue[I].columns[K];
  CopyRowCursor::Field field = CopyRowCursor::Field::kBad;
  if constexpr (std::is_same_v<T, std::string>) {
    field = fields.NextText(out);
    if (field == CopyRowCursor::Field::kNull) out.clear();
  } else {
    int64_t number = 0;
    field = fields.NextInteger(number);
    if (field == CopyRowCursor::Field::kValue) {
      out = static_cast<T>(number);  // the schema's checks keep the range and the codes
    } else if (field == CopyRowCursor::Field::kNull) {
      if constexpr (kColumn.kind == ColumnKind::kReference || kColumn.kind == ColumnKind::kMetric) {
        out = kNoRow;
      } else {
        out = EmptyValueOf<T>(kColumn.kind);
      }
    }
  }
  return field != CopyRowCursor::Field::kBad;
}

// Marks the transaction as the import's: its changes leave the snapshots be
// (the guard triggers, pg_schema.h).
Status MarkAsImport(PgConnection& db) {
  auto marked = db.Query("SELECT set_config($1, 'on', true)", {std::string(kPgImportSetting)});
  return marked.ok() ? Status::Ok() : marked.status();
}

// One row of a catalogue table as COPY text, its cells tab-separated.
template <size_t I, typename B>
std::function<void(std::string&, size_t)> CatalogueRowWriter(const Dataset& data) {
  const auto& table = BoundTable<B>(data);
  return [&table](std::string& row, size_t i) {
    ForEachBoundColumn<B>([&](auto column_index, auto member) {
      if (column_index > 0) row += kCopyDelimiter;
      AppendCell<I, decltype(column_index)::value>(row, Cell(table, member, i));
    });
  };
}

size_t RowsOf(const Dataset& dataset, std::string_view table) {
  return table == kMetricsTable ? dataset.metrics.size() : RowCount(dataset, *FindTable(table));
}

// {"metrics": 3, "clients": 48, …}: kept with the dataset, so a load sizes
// its columns and Meta answers without counting the rows.
std::string RowCountsJson(const Dataset& dataset) {
  std::string json = "{";
  for (std::string_view table : ImportOrder()) {
    json += (json.size() > 1 ? ", \"" : "\"") + std::string(table) + "\": " + std::to_string(RowsOf(dataset, table));
  }
  return json + "}";
}

// Each table's rows in the agency's current dataset, as its import kept them.
using RowCounts = std::map<std::string, size_t, std::less<>>;
// Rows [first, last) of a table. The range `to_end` also asks for any row
// past `last`, which the import did not count: read, it is a store failure.
struct RowRange {
  size_t first = 0;
  size_t last = 0;
  bool to_end = false;
};

// Pages [first, last) of a fact table's part, by ctid; `to_end` also takes
// the pages past `last`. A part is sealed once written, so reading it by
// pages (a TID range scan, no index) sees every row once.
struct PageRange {
  size_t first = 0;
  size_t last = 0;
  bool to_end = false;
};

// The rows of a fact table that the load's connections have placed, each
// at its row id: a row id seen twice, or past the count, is a store failure.
class PlacedRows {
 public:
  explicit PlacedRows(size_t rows) : rows_(rows), bits_((rows + 63) / 64) {}
  // Marks `row` placed; false when it is out of range or placed already.
  bool Place(size_t row) {
    if (row >= rows_) return false;
    const uint64_t bit = uint64_t{1} << (row % 64);
    const uint64_t before = std::atomic_ref<uint64_t>(bits_[row / 64]).fetch_or(bit, std::memory_order_relaxed);
    if ((before & bit) != 0) return false;
    placed_.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  // Whether every row has been placed (read once the connections are done).
  [[nodiscard]] bool complete() const { return placed_.load() == rows_; }

 private:
  size_t rows_;
  std::vector<uint64_t> bits_;
  std::atomic<size_t> placed_{0};
};

// What a load reads of the agency's current dataset: each table's rows as
// the import kept them, and each fact table's pages and placed rows.
struct LoadPlan {
  RowCounts counts;
  std::map<std::string, size_t, std::less<>> pages;
  std::map<std::string, PlacedRows, std::less<>> placed;
};

class PgStore final : public Store {
 public:
  PgStore(std::string uri, PgConnection db, PgStoreOptions options, std::string agency)
      : uri_(std::move(uri)), session_(std::move(db)), options_(std::move(options)), agency_(std::move(agency)) {}

  Status ReplaceDataset(const Dataset& dataset, const std::string& source, const CancelToken* cancel) override;
  Result<Dataset> LoadDataset() override;
  Result<StoreMeta> Meta() override;
  Result<std::unique_ptr<StoreWatcher>> Watch() override;

  // The lookup tables hold the codes this binary writes.
  Status CheckLookups();

 private:
  [[nodiscard]] bool read_only() const { return options_.access == StoreAccess::kReadOnly; }
  template <typename Work>
  auto WithConnection(Work work) {
    return session_.Run(read_only(), std::move(work));
  }
  // Raised when one part of an import fails: the others stop at their
  // next message instead of sending the rest of their rows.
  using Abandon = std::atomic<bool>;
  // A fact table's new part: made, filled and sealed on one connection.
  struct PartJob {
    std::string_view table;
    size_t rows = 0;
    std::function<Status(PgConnection&, const std::string& part, const Abandon&)> fill;
    std::string part;  // its name, once made
  };

  Status Import(PgConnection& db, const Dataset& dataset, const std::string& source, const CancelToken* cancel);
  Status DropParts(PgConnection& db);
  std::vector<PartJob> PartJobs(const Dataset& dataset, const CancelToken* cancel);
  Status MakePart(PgConnection& db, PartJob& job, const Abandon& abandon);
  Status MakeParts(PgConnection& db, std::vector<PartJob>& jobs, const std::function<Status()>& then);
  Result<int64_t> StartSwap(PgConnection& db, const Dataset& dataset, const CancelToken* cancel,
                            std::optional<PgTransaction>& swap);
  Status FinishSwap(PgConnection& db, const Dataset& dataset, const std::string& source, const std::string& import_id,
                    int64_t next_version, const std::vector<PartJob>& jobs, const CancelToken* cancel);
  // COPY TARGET (row_id, COLUMNS) FROM STDIN of `rows` rows of `table`,
  // until `cancel` or `abandon` is raised.
  Status CopyRows(PgConnection& db, std::string_view target, std::string_view table, const std::string& columns,
                  size_t rows, const CancelToken* cancel, const std::function<void(std::string&, size_t)>& append_row,
                  const Abandon* abandon = nullptr);
  Status CopyTable(PgConnection& db, std::string_view table, size_t rows, const CancelToken* cancel,
                   const std::function<void(std::string&, size_t)>& append_row);
  template <size_t I, typename B>
  Status CopyCatalogueTable(PgConnection& db, const Dataset& data, const CancelToken* cancel);
  template <size_t I, typename B>
  Status CopyCatalogueRows(PgConnection& db, const std::string& part, const Dataset& data, const CancelToken* cancel,
                           const Abandon& abandon);
  Status LoadAll(PgConnection& db, Dataset& data);
  Result<LoadPlan> PlanLoad(PgConnection& db);
  Status LoadPart(PgConnection& db, Dataset& data, LoadPlan& plan, size_t part, size_t parts);
  template <size_t I, typename B>
  Status LoadRows(PgConnection& db, Dataset& data, LoadPlan& plan, size_t part, size_t parts);
  // COPY (SELECT COLUMNS FROM TABLE … rows in `range` by row_id) TO
  // STDOUT, checking that all of them come; `read` gets each row's fields
  // and its row.
  Status ReadRows(PgConnection& db, std::string_view table, std::string_view columns, RowRange range,
                  const std::function<Status(CopyRowCursor&, size_t)>& read);
  // COPY (SELECT row_id, COLUMNS FROM TABLE … its part's pages in `range`)
  // TO STDOUT; each row is placed in `placed` and `read` gets its fields
  // and its row.
  Status ReadPartRows(PgConnection& db, std::string_view table, std::string_view columns, PageRange range,
                      PlacedRows& placed, const std::function<Status(CopyRowCursor&, size_t)>& read);
  // The row counts the import kept; counted for a dataset imported before
  // they were kept (schema version 5).
  Result<RowCounts> CountRows(PgConnection& db);

  std::string uri_;
  PgSession session_;
  PgStoreOptions options_;
  std::string agency_;
  std::atomic<int64_t> rows_sent_{0};  // in the running import, over its connections, for the test hook
};

Status PgStore::CheckLookups() {
  return WithConnection([&](PgConnection& db) -> Status {
    for (const PgEnumLookup& lookup : PgEnumLookups()) {
      auto rows = db.Query("SELECT code, name FROM " + std::string(lookup.table) + " ORDER BY code");
      if (!rows.ok()) return rows.status();
      bool same = rows->rows() == static_cast<int>(lookup.codes.size());
      for (int i = 0; same && i < rows->rows(); ++i) {
        same = rows->Int64(i, 0) == lookup.codes[static_cast<size_t>(i)].first &&
               rows->Text(i, 1) == lookup.codes[static_cast<size_t>(i)].second;
      }
      if (!same) {
        return Status::Internal("the store's table " + std::string(lookup.table) +
                                " does not hold this program's codes: the schema needs a migration");
      }
    }
    return Status::Ok();
  });
}

Status PgStore::ReplaceDataset(const Dataset& dataset, const std::string& source, const CancelToken* cancel) {
  if (read_only()) return Status::Internal("an import into a store opened read-only");
  Status status = CheckColumns(dataset);
  if (status.ok()) status = CheckReferences(dataset);
  if (!status.ok()) return status;
  return WithConnection([&](PgConnection& db) { return Import(db, dataset, source, cancel); });
}

Status PgStore::Import(PgConnection& db, const Dataset& dataset, const std::string& source,
                       const CancelToken* cancel) {
  const auto import_id = NewImportId();
  if (!import_id.ok()) return import_id.status();
  // One import of an agency at a time, from its first part to its swap: a
  // session lock, freed however the session ends.
  const std::vector<PgParam> lock_key = {std::to_string(kPgImportLockClass), agency_};
  auto locked = db.Query("SELECT pg_advisory_lock($1, hashtext($2))", lock_key);
  if (!locked.ok()) return locked.status();
  struct Unlock {
    PgConnection& db;
    const std::vector<PgParam>& key;
    ~Unlock() {
      if (db.healthy()) (void)db.Query("SELECT pg_advisory_unlock($1, hashtext($2))", key);
    }
  } unlock{db, lock_key};
  Status status = DropParts(db);  // what an import killed after making them left
  if (!status.ok()) return status;
  rows_sent_ = 0;
  std::optional<PendingPgSnapshot> snapshot;
  if (options_.columnar_snapshot) snapshot.emplace(uri_, agency_, *import_id, dataset);
  std::vector<PartJob> jobs = PartJobs(dataset, cancel);
  std::optional<PgTransaction> swap;
  int64_t next_version = 0;
  status = MakeParts(db, jobs, [&]() -> Status {
    if (snapshot) snapshot->WaitUntilLocked();
    auto started = StartSwap(db, dataset, cancel, swap);
    if (!started.ok()) return started.status();
    next_version = *started;
    return Status::Ok();
  });
  if (status.ok()) status = FinishSwap(db, dataset, source, *import_id, next_version, jobs, cancel);
  if (status.ok() && snapshot) {
    // Best effort: without the snapshot, the next load reads the tables.
    if (Status written = snapshot->Finish(); !written.ok() && options_.on_warning) {
      options_.on_warning(Status::Error(written.code(), "the dataset's snapshot was not kept: " + written.message()));
    }
  }
  if (status.ok()) status = swap->Commit();
  swap.reset();  // rolled back unless committed
  snapshot.reset();  // abandoned unless written
  if (!status.ok() && db.healthy()) (void)DropParts(db);
  return status;
}

Status PgStore::DropParts(PgConnection& db) {
  auto transaction = PgTransaction::Begin(db, agency_, "ISOLATION LEVEL READ COMMITTED");
  if (!transaction.ok()) return transaction.status();
  auto dropped = db.Query("SELECT agencykpi_drop_parts()");
  if (!dropped.ok()) return dropped.status();
  // The same imports' snapshots, which no load would trust.
  auto forgotten = db.Query("DELETE FROM " + std::string(kPgSnapshotsTable) +
                                " WHERE agency_id = $1 AND import_id <> (SELECT import_id FROM agencies WHERE agency_id = $1)",
                            {agency_});
  if (!forgotten.ok()) return forgotten.status();
  return transaction->Commit();
}

// One job per fact table, the largest first: the connections take them in
// turn, so the largest starts at once and the others fill the time it takes.
std::vector<PgStore::PartJob> PgStore::PartJobs(const Dataset& dataset, const CancelToken* cancel) {
  std::vector<PartJob> jobs;
  ForEachBinding([&](auto table_index, auto binding) {
    using B = decltype(binding);
    if constexpr (!kIsRowTable<B>) {
      constexpr size_t kIndex = decltype(table_index)::value;
      PartJob job;
      job.table = kCatalogue[kIndex].name;
      job.rows = BoundTable<B>(dataset).size();
      job.fill = [this, &dataset, cancel](PgConnection& db, const std::string& part, const Abandon& abandon) {
        return CopyCatalogueRows<kIndex, B>(db, part, dataset, cancel, abandon);
      };
      jobs.push_back(std::move(job));
    }
  });
  std::stable_sort(jobs.begin(), jobs.end(), [](const PartJob& a, const PartJob& b) { return a.rows > b.rows; });
  return jobs;
}

// A part is a table no one reads until the swap attaches it; one that a
// failed import leaves is dropped by DropParts. It is made in a transaction
// of its own (which holds its parent's lock only that long), then filled
// and sealed in another.
Status PgStore::MakePart(PgConnection& db, PartJob& job, const Abandon& abandon) {
  std::string part;
  {
    auto transaction = PgTransaction::Begin(db, agency_, "ISOLATION LEVEL READ COMMITTED");
    if (!transaction.ok()) return transaction.status();
    auto made = db.Query("SELECT agencykpi_new_part($1)", {std::string(job.table)});
    if (!made.ok()) return made.status();
    part = made->Text(0, 0);
    Status committed = transaction->Commit();
    if (!committed.ok()) return committed;
  }
  auto transaction = PgTransaction::Begin(db, agency_, "ISOLATION LEVEL READ COMMITTED");
  if (!transaction.ok()) return transaction.status();
  Status status = MarkAsImport(db);
  if (status.ok()) status = job.fill(db, part, abandon);
  if (!status.ok()) return status;
  auto sealed = db.Query("SELECT agencykpi_seal_part($1, $2)", {part, std::to_string(job.rows)});
  if (!sealed.ok()) return sealed.status();
  status = transaction->Commit();
  if (status.ok()) job.part = part;
  return status;
}

// The jobs over this connection and up to kPgImportConnections - 1 others;
// once none is left for this one, `then` runs on it while the others end
// theirs. A connection that cannot be made leaves more to the others. The
// first failure stops the others and is the one returned.
Status PgStore::MakeParts(PgConnection& db, std::vector<PartJob>& jobs, const std::function<Status()>& then) {
  std::atomic<size_t> next{0};
  Abandon failed{false};
  std::mutex first_failure_mutex;
  Status first_failure = Status::Ok();
  const auto fail = [&](Status status) {
    std::lock_guard lock(first_failure_mutex);
    if (!failed.exchange(true)) first_failure = status;
    return status;
  };
  const auto work = [&](PgConnection& connection) -> Status {
    for (size_t i = next++; i < jobs.size() && !failed; i = next++) {
      Status made = MakePart(connection, jobs[i], failed);
      if (!made.ok()) return fail(std::move(made));
    }
    return Status::Ok();
  };
  std::vector<PgSession> helpers;
  while (helpers.size() + 1 < kPgImportConnections) {
    auto connected = PgConnection::Connect(uri_);
    if (!connected.ok()) break;
    helpers.emplace_back(std::move(*connected));
  }
  std::vector<Status> helped(helpers.size(), Status::Ok());
  Status status = Status::Ok();
  {
    std::vector<std::jthread> helping;  // joined at the end of this block, however it ends
    for (size_t i = 0; i < helpers.size(); ++i) {
      helping.emplace_back([&, i] { helped[i] = helpers[i].Run(/*read_only=*/false, work); });
    }
    status = work(db);
    if (status.ok() && !failed) status = then();
    if (!status.ok()) fail(status);
  }
  if (failed) return first_failure;
  for (const Status& part : helped) {
    if (!part.ok()) return part;  // a helper session's own failure (its connection lost)
  }
  return status;
}

// The transaction that replaces the agency's dataset, begun while the last
// parts are made: the agency's row locked (this import will be its version
// + 1, the value returned) and its reference tables written again.
Result<int64_t> PgStore::StartSwap(PgConnection& db, const Dataset& dataset, const CancelToken* cancel,
                                   std::optional<PgTransaction>& swap) {
  auto transaction = PgTransaction::Begin(db, agency_, "ISOLATION LEVEL READ COMMITTED");
  if (!transaction.ok()) return transaction.status();
  swap.emplace(std::move(*transaction));
  Status marked = MarkAsImport(db);
  if (!marked.ok()) return marked;
  auto version = db.Query("SELECT dataset_version FROM agencies WHERE agency_id = $1 FOR UPDATE", {agency_});
  if (!version.ok()) return version.status();
  if (version->rows() != 1) return Status::NotFound("no agency '" + agency_ + "' in the database");
  for (auto table = ImportOrder().rbegin(); table != ImportOrder().rend(); ++table) {
    if (PgIsPartitioned(*table)) continue;
    auto deleted = db.Query("DELETE FROM " + std::string(*table) + " WHERE agency_id = $1", {agency_});
    if (!deleted.ok()) return deleted.status();
  }
  Status status = CopyTable(db, kMetricsTable, dataset.metrics.size(), cancel, [&](std::string& row, size_t i) {
    AppendCopyText(row, dataset.metrics[i]);
  });
  ForEachBinding([&](auto table_index, auto binding) {
    if constexpr (kIsRowTable<decltype(binding)>) {
      if (status.ok()) status = CopyCatalogueTable<decltype(table_index)::value, decltype(binding)>(db, dataset, cancel);
    }
  });
  if (!status.ok()) return status;
  return version->Int64(0, 0) + 1;
}

// The end of the swap, every part made: the parts attached in place of the
// old ones, the version bumped, the news sent (at COMMIT, or never).
Status PgStore::FinishSwap(PgConnection& db, const Dataset& dataset, const std::string& source,
                           const std::string& import_id, int64_t next_version, const std::vector<PartJob>& jobs,
                           const CancelToken* cancel) {
  // In catalogue order, the order loads read the tables in: a swap and a
  // load (or two swaps) never wait for each other in a cycle.
  std::vector<const PartJob*> ordered;
  for (const PartJob& job : jobs) ordered.push_back(&job);
  std::sort(ordered.begin(), ordered.end(),
            [](const PartJob* a, const PartJob* b) { return TableIndex(a->table) < TableIndex(b->table); });
  std::string parts;
  for (const PartJob* job : ordered) parts += (parts.empty() ? "{" : ",") + job->part;  // names of [a-z0-9_]
  auto attached = db.Query("SELECT agencykpi_attach_parts($1::text[])", {parts + "}"});
  if (!attached.ok()) return attached.status();
  const auto now = options_.now ? options_.now() : std::chrono::system_clock::now();
  const auto range = FactDateRange(dataset);
  auto updated = db.Query(
      "UPDATE agencies SET dataset_version = $2, imported_at = $3, source = $4, first_date = $5, last_date = $6, "
      "import_id = $7, row_counts = $8::jsonb WHERE agency_id = $1",
      {agency_, std::to_string(next_version), FormatUtc(now), source,
       range ? PgParam(std::to_string(range->first)) : PgParam(), range ? PgParam(std::to_string(range->second)) : PgParam(),
       import_id, RowCountsJson(dataset)});
  if (!updated.ok()) return updated.status();
  auto forgotten = db.Query("DELETE FROM " + std::string(kPgSnapshotsTable) + " WHERE agency_id = $1 AND import_id <> $2",
                            {agency_, import_id});
  if (!forgotten.ok()) return forgotten.status();
  // Delivered to the listeners when (and only if) the transaction commits.
  auto notified = db.Query("SELECT pg_notify($1, $2)",
                           {std::string(kPgDatasetChannel), agency_ + " " + std::to_string(next_version)});
  if (!notified.ok()) return notified.status();
  if (IsCancelled(cancel)) return Status::Cancelled("the import was cancelled");
  return Status::Ok();
}

Status PgStore::CopyRows(PgConnection& db, std::string_view target, std::string_view table, const std::string& columns,
                        size_t rows, const CancelToken* cancel, const std::function<void(std::string&, size_t)>& append_row,
                        const Abandon* abandon) {
  Status status = db.CopyIn("COPY " + std::string(target) + " (row_id, " + columns + ") FROM STDIN",
                            [&](const std::function<Status(std::string_view)>& send) -> Status {
                              std::string message;
                              for (size_t first = 0; first < rows; first += kPgCopyRowsPerMessage) {
                                if (IsCancelled(cancel)) return Status::Cancelled("the import was cancelled");
                                if (abandon != nullptr && *abandon) {
                                  return Status::Cancelled("the import stopped: another of its parts failed");
                                }
                                message.clear();
                                const size_t last = std::min(rows, first + kPgCopyRowsPerMessage);
                                for (size_t i = first; i < last; ++i) {
                                  AppendCopyInteger(message, static_cast<int64_t>(i));
                                  message += kCopyDelimiter;
                                  append_row(message, i);
                                  message += '\n';
                                }
                                Status sent = send(message);
                                if (!sent.ok()) return sent;
                                const int64_t total = rows_sent_ += static_cast<int64_t>(last - first);
                                if (options_.after_rows_sent) {
                                  sent = options_.after_rows_sent(table, last, total);
                                  if (!sent.ok()) return sent;
                                }
                              }
                              return Status::Ok();
                            });
  if (!status.ok() && status.code() == ErrorCode::kIo) {
    return Status::Io("cannot store " + std::string(table) + ": " + status.message());
  }
  return status;
}

// A reference table: COPY into a temporary table, then INSERT … SELECT into
// the agency's rows (COPY FROM cannot write a table under row-level security).
Status PgStore::CopyTable(PgConnection& db, std::string_view table, size_t rows, const CancelToken* cancel,
                          const std::function<void(std::string&, size_t)>& append_row) {
  Status status = db.Exec(PgStagingTableSql(table, kStagingTable));
  if (!status.ok()) return status;
  const std::string columns = table == kMetricsTable ? "metric" : PgStoredColumns(table);
  status = CopyRows(db, kStagingTable, table, columns, rows, cancel, append_row);
  if (!status.ok()) return status;
  auto inserted = db.Query("INSERT INTO " + std::string(table) + " (agency_id, row_id, " + columns + ") SELECT $1, row_id, " +
                               columns + " FROM " + std::string(kStagingTable),
                           {agency_});
  if (!inserted.ok()) return inserted.status();
  return db.Exec("DROP TABLE " + std::string(kStagingTable));
}


template <size_t I, typename B>
Status PgStore::CopyCatalogueRows(PgConnection& db, const std::string& part, const Dataset& data,
                                  const CancelToken* cancel, const Abandon& abandon) {
  const std::string_view name = kCatalogue[I].name;
  return CopyRows(db, part, name, PgStoredColumns(name), BoundTable<B>(data).size(), cancel,
                  CatalogueRowWriter<I, B>(data), &abandon);
}

template <size_t I, typename B>
Status PgStore::CopyCatalogueTable(PgConnection& db, const Dataset& data, const CancelToken* cancel) {
  return CopyTable(db, kCatalogue[I].name, BoundTable<B>(data).size(), cancel, CatalogueRowWriter<I, B>(data));
}

Result<RowCounts> PgStore::CountRows(PgConnection& db) {
  auto kept = db.Query("SELECT key, value::bigint FROM agencies, jsonb_each_text(row_counts) WHERE agency_id = $1",
                       {agency_});
  if (!kept.ok()) return kept.status();
  RowCounts counts;
  for (int i = 0; i < kept->rows(); ++i) counts[std::string(kept->Text(i, 0))] = static_cast<size_t>(kept->Int64(i, 1));
  for (std::string_view table : ImportOrder()) {
    if (counts.contains(table)) continue;
    auto count = db.QueryInt64("SELECT count(*) FROM " + std::string(table) + " WHERE agency_id = $1", {agency_});
    if (!count.ok()) return count.status();
    counts[std::string(table)] = static_cast<size_t>(*count);
  }
  return counts;
}

Status PgStore::ReadRows(PgConnection& db, std::string_view table, std::string_view columns, RowRange range,
                         const std::function<Status(CopyRowCursor&, size_t)>& read) {
  auto agency = db.Literal(agency_);  // COPY takes no parameters
  if (!agency.ok()) return agency.status();
  // The rows of the range in row_id order, without their row_id: the
  // primary key makes row ids unique, so exactly range.last - range.first
  // rows are the ids range.first, range.first + 1, … in turn.
  size_t row = range.first;
  Status status = db.CopyOut(
      "COPY (SELECT " + std::string(columns) + " FROM " + std::string(table) + " WHERE agency_id = " + *agency +
          " AND row_id >= " + std::to_string(range.first) +
          (range.to_end ? std::string() : " AND row_id < " + std::to_string(range.last)) + " ORDER BY row_id) TO STDOUT",
      [&](std::string_view line) -> Status {
        if (row == range.last) {
          return Status::Internal("the store's " + std::string(table) + " has more rows than its import counted");
        }
        CopyRowCursor fields(line);
        Status done = read(fields, row);
        ++row;
        return done;
      });
  if (status.ok() && row != range.last) {
    return Status::Internal("the store's " + std::string(table) + " has fewer rows than its import counted");
  }
  return status;
}

Status PgStore::ReadPartRows(PgConnection& db, std::string_view table, std::string_view columns, PageRange range,
                             PlacedRows& placed, const std::function<Status(CopyRowCursor&, size_t)>& read) {
  auto agency = db.Literal(agency_);  // COPY takes no parameters
  if (!agency.ok()) return agency.status();
  const auto page = [](size_t number) { return "'(" + std::to_string(number) + ",0)'"; };
  return db.CopyOut("COPY (SELECT row_id, " + std::string(columns) + " FROM " + std::string(table) +
                        " WHERE agency_id = " + *agency + (range.first > 0 ? " AND ctid >= " + page(range.first) : "") +
                        (range.to_end ? std::string() : " AND ctid < " + page(range.last)) + ") TO STDOUT",
                    [&](std::string_view line) -> Status {
                      CopyRowCursor fields(line);
                      int64_t row = -1;
                      if (fields.NextInteger(row) != CopyRowCursor::Field::kValue || row < 0 ||
                          !placed.Place(static_cast<size_t>(row))) {
                        return Status::Internal("the store's " + std::string(table) +
                                                " holds a row id twice or past the rows its import counted");
                      }
                      return read(fields, static_cast<size_t>(row));
                    });
}

template <size_t I, typename B>
Status PgStore::LoadRows(PgConnection& db, Dataset& data, LoadPlan& plan, size_t part, size_t parts) {
  const std::string_view name = kCatalogue[I].name;
  auto& table = BoundTable<B>(data);
  const auto read = [&](CopyRowCursor& fields, size_t row) {
    bool whole = true;
    ForEachBoundColumn<B>([&](auto column_index, auto member) {
      whole = whole && ReadCell<I, decltype(column_index)::value>(fields, Cell(table, member, row));
    });
    if (!whole || !fields.AtEnd()) {
      return Status::Internal("the store's " + std::string(name) + " row " + std::to_string(row) +
                              " is not the columns this program reads");
    }
    return Status::Ok();
  };
  const bool last = part + 1 == parts;
  if (auto placed = plan.placed.find(name); placed != plan.placed.end()) {
    const size_t pages = plan.pages.find(name)->second;
    return ReadPartRows(db, name, PgStoredColumns(name), {pages * part / parts, pages * (part + 1) / parts, last},
                        placed->second, read);
  }
  const size_t rows = plan.counts.find(name)->second;
  return ReadRows(db, name, PgStoredColumns(name), {rows * part / parts, rows * (part + 1) / parts, last}, read);
}

// Part `part` of `parts` of every catalogue table, into the table's
// elements already sized, so parts loaded at once touch disjoint elements:
// a reference table's rows [n·part/parts, n·(part+1)/parts); a fact table's
// rows on that share of its part's pages, each at its row id.
Status PgStore::LoadPart(PgConnection& db, Dataset& data, LoadPlan& plan, size_t part, size_t parts) {
  Status status = Status::Ok();
  ForEachBinding([&](auto table_index, auto binding) {
    constexpr size_t kIndex = decltype(table_index)::value;
    if (status.ok()) status = LoadRows<kIndex, decltype(binding)>(db, data, plan, part, parts);
  });
  return status;
}

// The row counts the import kept, and each fact table's part's pages as
// its seal counted them (ANALYZE): a share of the pages for each
// connection. A part without a count (none there) is read whole by the last.
Result<LoadPlan> PgStore::PlanLoad(PgConnection& db) {
  auto counts = CountRows(db);
  if (!counts.ok()) return counts.status();
  LoadPlan plan;
  plan.counts = std::move(*counts);
  auto pages = db.Query(
      "SELECT a.parent, greatest(c.relpages, 0) FROM " + std::string(kPgPartsTable) +
          " a JOIN pg_class c ON c.oid = to_regclass(a.part) WHERE a.agency_id = $1 AND a.attached",
      {agency_});
  if (!pages.ok()) return pages.status();
  for (int i = 0; i < pages->rows(); ++i) plan.pages[std::string(pages->Text(i, 0))] = static_cast<size_t>(pages->Int64(i, 1));
  for (const TableDesc& table : Catalogue()) {
    if (!PgIsPartitioned(table.name)) continue;
    plan.pages.try_emplace(std::string(table.name), 0);
    plan.placed.try_emplace(std::string(table.name), plan.counts.find(table.name)->second);
  }
  return plan;
}

Status PgStore::LoadAll(PgConnection& db, Dataset& data) {
  if (options_.columnar_snapshot) {
    auto import_id = db.Query("SELECT import_id FROM agencies WHERE agency_id = $1", {agency_});
    if (!import_id.ok()) return import_id.status();
    if (import_id->rows() == 1 && import_id->Text(0, 0).size() == kImportIdHexChars) {
      auto snapshot = ReadPgSnapshot(db, agency_, std::string(import_id->Text(0, 0)));
      if (!snapshot.ok()) return snapshot.status();
      if (*snapshot) {
        data = std::move(**snapshot);
        return Status::Ok();
      }
    }
  }
  auto plan = PlanLoad(db);
  if (!plan.ok()) return plan.status();
  const RowCounts& counts = plan->counts;
  ForEachBinding([&](auto table_index, auto binding) {
    const size_t rows = counts.find(kCatalogue[decltype(table_index)::value].name)->second;
    auto& table = BoundTable<decltype(binding)>(data);
    if constexpr (kIsRowTable<decltype(binding)>) {
      table.resize(rows);
    } else {
      ForEachBoundColumn<decltype(binding)>([&](auto, auto member) { (table.*member).resize(rows); });
    }
  });
  data.metrics.reserve(counts.find(kMetricsTable)->second);
  Status status = ReadRows(db, kMetricsTable, "metric", {0, counts.find(kMetricsTable)->second, true},
                           [&](CopyRowCursor& fields, size_t) {
                             std::string metric;
                             if (fields.NextText(metric) != CopyRowCursor::Field::kValue || !fields.AtEnd()) {
                               return Status::Internal("the store's metrics hold an empty key");
                             }
                             data.metrics.push_back(std::move(metric));
                             return Status::Ok();
                           });
  if (!status.ok()) return status;
  // Other connections in the same snapshot (pg_export_snapshot) load the
  // other parts of every table meanwhile: the server's work and ours spread
  // over the processors. Connections that cannot be made (no slot left)
  // leave more to this one, down to loading everything alone.
  auto snapshot = db.Query("SELECT pg_export_snapshot()");
  if (!snapshot.ok()) return snapshot.status();
  auto quoted = db.Literal(snapshot->Text(0, 0));
  if (!quoted.ok()) return quoted.status();
  std::vector<PgSession> helpers;
  while (helpers.size() + 1 < kPgLoadConnections) {
    auto connected = PgConnection::Connect(uri_);
    if (!connected.ok()) break;
    helpers.emplace_back(std::move(*connected));
  }
  const size_t parts = helpers.size() + 1;
  std::vector<Status> helped(helpers.size(), Status::Ok());
  {
    std::vector<std::jthread> helping;  // joined at the end of this block, however it ends
    for (size_t i = 0; i < helpers.size(); ++i) {
      helping.emplace_back([&, i] {
        helped[i] = helpers[i].Run(/*read_only=*/true, [&](PgConnection& other) -> Status {
          auto transaction = PgTransaction::Begin(
              other, agency_, "ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT " + *quoted);
          if (!transaction.ok()) return transaction.status();
          Status loaded = LoadPart(other, data, *plan, i + 1, parts);
          return loaded.ok() ? transaction->Commit() : loaded;
        });
      });
    }
    status = LoadPart(db, data, *plan, 0, parts);
  }
  for (const Status& part : helped) {
    if (status.ok()) status = part;
  }
  if (!status.ok()) return status;
  for (const auto& [table, placed] : plan->placed) {
    if (!placed.complete()) {
      return Status::Internal("the store's " + table + " has fewer rows than its import counted");
    }
  }
  return Status::Ok();
}

Result<Dataset> PgStore::LoadDataset() {
  return WithConnection([&](PgConnection& db) -> Result<Dataset> {
    // One snapshot of the database for every table: all from one import.
    auto transaction = PgTransaction::Begin(db, agency_, "ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (!transaction.ok()) return transaction.status();
    Dataset data;
    Status status = LoadAll(db, data);
    if (status.ok()) status = transaction->Commit();
    if (!status.ok()) return status;
    return data;
  });
}

Result<StoreMeta> PgStore::Meta() {
  return WithConnection([&](PgConnection& db) -> Result<StoreMeta> {
    auto transaction = PgTransaction::Begin(db, agency_, "ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (!transaction.ok()) return transaction.status();
    auto row = db.Query(
        "SELECT dataset_version, imported_at, source, first_date, last_date FROM agencies WHERE agency_id = $1",
        {agency_});
    if (!row.ok()) return row.status();
    if (row->rows() != 1) return Status::NotFound("no agency '" + agency_ + "' in the database");
    StoreMeta meta;
    meta.dataset_version = row->Int64(0, 0);
    meta.imported_at = std::string(row->Text(0, 1));
    meta.source = std::string(row->Text(0, 2));
    meta.first_date = static_cast<Day>(row->Int64(0, 3));  // NULL reads as 0 = no dated facts
    meta.last_date = static_cast<Day>(row->Int64(0, 4));
    auto counts = CountRows(db);
    if (!counts.ok()) return counts.status();
    for (std::string_view table : ImportOrder()) {
      meta.counts.push_back(TableCount{std::string(table), static_cast<int64_t>(counts->find(table)->second)});
    }
    Status status = transaction->Commit();
    if (!status.ok()) return status;
    return meta;
  });
}

// LISTENs on kPgDatasetChannel over its own connection, and asks the
// database for the version after every wake-up (a notification, or
// kPgWatchPoll without one), so a notification lost with a connection is
// never missed for long.
class PgWatcher final : public StoreWatcher {
 public:
  PgWatcher(std::string uri, std::string agency) : uri_(std::move(uri)), agency_(std::move(agency)) {}

  Result<int64_t> WaitForVersion(int64_t known, std::chrono::milliseconds timeout) override {
    if (!db_ || !db_->healthy()) {
      Status connected = Connect();
      if (!connected.ok()) return connected;
    } else {
      auto notified = db_->WaitForNotification(timeout);
      if (!notified.ok()) return notified.status();
    }
    auto version = CurrentVersion();
    if (!version.ok()) return version.status();
    (void)known;  // the database is asked every time: `known` only says what the caller has
    return version;
  }

 private:
  Status Connect() {
    db_.reset();
    auto connected = PgConnection::Connect(uri_);
    if (!connected.ok()) return connected.status();
    Status status = connected->Exec("SET ROLE " + std::string(kPgAppRole) + "; LISTEN " + std::string(kPgDatasetChannel));
    if (!status.ok()) return status;
    db_.emplace(std::move(*connected));
    return Status::Ok();
  }

  Result<int64_t> CurrentVersion() {
    auto transaction = PgTransaction::Begin(*db_, agency_, "READ ONLY");
    if (!transaction.ok()) return transaction.status();
    auto version = db_->QueryInt64("SELECT dataset_version FROM agencies WHERE agency_id = $1", {agency_});
    if (!version.ok()) return version.status();
    Status status = transaction->Commit();
    if (!status.ok()) return status;
    return version;
  }

  std::string uri_;
  std::string agency_;
  std::optional<PgConnection> db_;
};

Result<std::unique_ptr<StoreWatcher>> PgStore::Watch() {
  return std::unique_ptr<StoreWatcher>(std::make_unique<PgWatcher>(uri_, agency_));
}

// The agencies as the admin role sees them (the directory, no data).
Result<std::vector<AgencyRecord>> ReadAgencies(PgConnection& db) {
  Status status = db.Exec("SET ROLE " + std::string(kPgAdminRole));
  if (!status.ok()) return status;
  auto rows = db.Query("SELECT agency_id, name, created_at, dataset_version, imported_at FROM agencies ORDER BY agency_id");
  Status back = db.Exec("RESET ROLE");
  if (!rows.ok()) return rows.status();
  if (!back.ok()) return back;
  std::vector<AgencyRecord> agencies;
  for (int i = 0; i < rows->rows(); ++i) {
    agencies.push_back({std::string(rows->Text(i, 0)), std::string(rows->Text(i, 1)), std::string(rows->Text(i, 2)),
                        rows->Int64(i, 3), std::string(rows->Text(i, 4))});
  }
  return agencies;
}

// The agency a store opened without one works for: the only one there is.
Result<std::string> ResolveAgency(PgConnection& db, const std::string& wanted) {
  auto agencies = ReadAgencies(db);
  if (!agencies.ok()) return agencies.status();
  if (!wanted.empty()) {
    for (const AgencyRecord& agency : *agencies) {
      if (agency.id == wanted) return wanted;
    }
    return Status::NotFound("no agency '" + wanted + "' in the database (agencykpi agency list shows them; " +
                            "agencykpi agency add --id " + wanted + " --name NAME adds it)");
  }
  if (agencies->size() == 1) return agencies->front().id;
  if (agencies->empty()) {
    return Status::InvalidInput("the database holds no agency yet: add one with agencykpi agency add --db URI --id ID --name NAME");
  }
  return Status::InvalidInput("the database holds " + std::to_string(agencies->size()) +
                              " agencies: give --agency ID (agencykpi agency list shows them)");
}

// Connects, and migrates (read-write) or checks (read-only) the schema.
Result<PgConnection> ConnectToSchema(const std::string& uri, bool read_only) {
  auto db = PgConnection::Connect(uri);
  if (!db.ok()) return db.status();
  if (!read_only) {
    Status status = MigratePostgres(*db);
    if (!status.ok()) return status;
    return db;
  }
  auto version = PgSchemaVersion(*db);
  if (!version.ok()) return version.status();
  const int64_t latest = PgSchemaMigrations().back().version;
  if (*version == 0) {
    return Status::NotFound("the PostgreSQL database has no agencykpi schema yet (create it with agencykpi agency add)");
  }
  if (*version != latest) {
    return Status::InvalidInput("the database's agencykpi schema version " + std::to_string(*version) +
                                (*version > latest ? " is newer than this program supports ("
                                                   : " is older than this program's (") +
                                std::to_string(latest) + "): " +
                                (*version > latest ? "use a newer agencykpi" : "run agencykpi import or serve once to migrate it"));
  }
  return db;
}

}  // namespace

Result<std::pair<PgConnection, std::string>> ConnectForAgency(const std::string& uri, const std::string& agency,
                                                              bool read_only) {
  auto db = ConnectToSchema(uri, read_only);
  if (!db.ok()) return db.status();
  auto resolved = ResolveAgency(*db, agency);
  if (!resolved.ok()) return resolved.status();
  return std::pair(std::move(*db), std::move(*resolved));
}

Result<std::unique_ptr<Store>> OpenPgStore(const std::string& uri, PgStoreOptions options) {
  auto connected = ConnectForAgency(uri, options.agency, options.access == StoreAccess::kReadOnly);
  if (!connected.ok()) return connected.status();
  auto store = std::make_unique<PgStore>(uri, std::move(connected->first), std::move(options),
                                         std::move(connected->second));
  Status status = store->CheckLookups();
  if (!status.ok()) return status;
  return std::unique_ptr<Store>(std::move(store));
}

Status AddPgAgency(const std::string& uri, const AgencyRecord& agency) {
  if (const std::string problem = AgencyIdProblem(agency.id); !problem.empty()) return Status::InvalidInput(problem);
  if (agency.name.empty() || agency.name.size() > kMaxAgencyNameLength) {
    return Status::InvalidInput("an agency's name has 1 to " + std::to_string(kMaxAgencyNameLength) + " bytes");
  }
  auto db = ConnectToSchema(uri, /*read_only=*/false);
  if (!db.ok()) return db.status();
  Status status = db->Exec("SET ROLE " + std::string(kPgAdminRole));
  if (!status.ok()) return status;
  auto inserted = db->Query("INSERT INTO agencies (agency_id, name, created_at) VALUES ($1, $2, $3)",
                            {agency.id, agency.name, FormatUtc(std::chrono::system_clock::now())});
  if (!inserted.ok()) {
    if (inserted.status().code() == ErrorCode::kInvalidInput) {
      return Status::InvalidInput("the agency '" + agency.id + "' exists already");
    }
    return inserted.status();
  }
  return Status::Ok();
}

Result<std::vector<AgencyRecord>> ListPgAgencies(const std::string& uri) {
  auto db = ConnectToSchema(uri, /*read_only=*/false);
  if (!db.ok()) return db.status();
  return ReadAgencies(*db);
}

}  // namespace agencykpi
