// AgencyService: the server's view of one agency. Holds the current dataset
// snapshot (dataset + prepared KPI engine), a cache of computed reports, and
// imports new data through the Store.
//
// Thread safety: every method may be called from many threads at once.
// Readers take a shared_ptr to the current snapshot and keep using it while
// an import swaps in a new one; imports are serialised.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/policy.h"
#include "common/cancel.h"
#include "domain/catalogue.h"
#include "ingest/agency_reader.h"
#include "kpi/engine.h"
#include "server/limits.h"
#include "server/lru_cache.h"
#include "store/store.h"

namespace agencykpi {

// One immutable version of the agency's data, ready to compute on.
//
// Ownership and lifetime: the constructor moves the dataset into the
// engine, which owns it (and its prepared facts) until the snapshot is
// destroyed; nothing else holds a copy. The engine moves the fact tables
// into its own layout, so the snapshot hands out no Dataset: only the
// reference tables, which stay whole (clients(), contracts(), missions(),
// objectives()),
// and the engine, through which every fact is read. The snapshot is built
// whole before it is published (AgencyService::Current) and never changes
// afterwards. Everything that refers into it (Reports, their JSON, the
// table and engine references, the RowIds of FindClient / FindMission) is
// valid only while the snapshot lives: callers keep the shared_ptr they
// were given for as long as they use them, so an import swapping in a new
// snapshot frees the old one only after its last reader lets go.
class Snapshot {
 public:
  Snapshot(Dataset dataset, StoreMeta meta);
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  // The reference tables, whole and indexed by RowId.
  [[nodiscard]] const std::vector<Client>& clients() const { return engine_.dataset().clients; }
  [[nodiscard]] const std::vector<Contract>& contracts() const { return engine_.dataset().contracts; }
  [[nodiscard]] const std::vector<Mission>& missions() const { return engine_.dataset().missions; }
  [[nodiscard]] const std::vector<Objective>& objectives() const { return engine_.dataset().objectives; }
  [[nodiscard]] const KpiEngine& engine() const { return engine_; }
  [[nodiscard]] const StoreMeta& meta() const { return meta_; }
  // The first and last day of each fact table with rows (read before the
  // engine takes the facts).
  [[nodiscard]] const std::vector<TableDates>& fact_dates() const { return fact_dates_; }
  [[nodiscard]] int64_t version() const { return meta_.dataset_version; }
  // RowId of a client / mission by its id, kNoRow if unknown.
  [[nodiscard]] RowId FindClient(const std::string& id) const;
  [[nodiscard]] RowId FindMission(const std::string& id) const;

 private:
  std::vector<TableDates> fact_dates_;  // before engine_: computed from the dataset it then takes
  KpiEngine engine_;  // owns the dataset
  StoreMeta meta_;
  std::unordered_map<std::string, RowId> client_index_;
  std::unordered_map<std::string, RowId> mission_index_;
};

struct ImportOutcome {
  Status status;                     // InvalidInput when the data was refused, Cancelled when cancelled
  std::vector<Diagnostic> errors;    // capped as ReadAgency caps them
  std::vector<Diagnostic> warnings;
  size_t error_count = 0;            // every error found, listed or not
  std::vector<std::string> empty_tables;     // tables of the upload with no row ("invoices"…)
  std::shared_ptr<const Snapshot> snapshot;  // the new data, when status is ok
};

namespace auth {
class Authenticator;
}

// The brand scope, applied where the server looks a client up by id, so
// every rendering reads the same filtered data. A client outside `scope` is
// not found, exactly as an unknown one: the answer tells nothing of it.
Result<Review> ScopedBrandReview(const Snapshot& snapshot, std::string_view client_id, const ReportRequest& request,
                                 const auth::ClientScope& scope);
// The brands with activity in [first, last] that `scope` sees.
std::vector<BrandActivity> ScopedActiveBrands(const Snapshot& snapshot, Day first, Day last,
                                              const auth::ClientScope& scope);

class AgencyService;

// The right to run the one import of the moment, and its cancel token. The
// slot is taken by AgencyService::BeginImport and freed when the ticket is
// destroyed. Thread-safe: Cancel may be called from any thread.
class ImportTicket {
 public:
  ImportTicket(const ImportTicket&) = delete;
  ImportTicket& operator=(const ImportTicket&) = delete;
  ~ImportTicket();

  void Cancel() { token_.Cancel(); }
  [[nodiscard]] bool cancelled() const { return token_.cancelled(); }
  [[nodiscard]] const CancelToken* token() const { return &token_; }

 private:
  friend class AgencyService;
  explicit ImportTicket(AgencyService& service) : service_(service) {}
  AgencyService& service_;
  CancelToken token_;
};

class AgencyService {
 public:
  // Loads the store's current dataset. The service owns the store.
  static Result<std::unique_ptr<AgencyService>> Open(std::unique_ptr<Store> store);
  AgencyService(const AgencyService&) = delete;
  AgencyService& operator=(const AgencyService&) = delete;
  ~AgencyService();

  // Follows imports made by other processes into the same store (several
  // servers on one PostgreSQL database): a thread waits on the store's
  // watcher, loads a newer dataset in the background and swaps it in, as an
  // import here would. While the database cannot be reached,
  // database_available() is false (the API answers 503) and the thread
  // reconnects by itself. Does nothing for a store without a watcher
  // (SQLite). Called once, before serving; log lines go to stderr.
  Status FollowImports();
  [[nodiscard]] bool database_available() const { return database_available_.load(std::memory_order_relaxed); }

  [[nodiscard]] std::shared_ptr<const Snapshot> Current() const;

  // The report of `request` on `snapshot`, computed once per (version,
  // request). The report refers to the snapshot's dataset and keeps the
  // snapshot alive as long as it is held.
  std::shared_ptr<const Report> GetReport(const std::shared_ptr<const Snapshot>& snapshot,
                                          const ReportRequest& request);
  // The same report as compact JSON (SPEC §4), rendered once per (version, request).
  std::shared_ptr<const std::string> GetReportJson(const std::shared_ptr<const Snapshot>& snapshot,
                                                   const ReportRequest& request);

  // Takes the import slot: one import at a time, from the moment its request
  // is known until it has answered. Busy while another ticket holds it. The
  // service must outlive the ticket.
  Result<std::shared_ptr<ImportTicket>> BeginImport();
  // Raises the cancel token of the ticket holding the slot; false if none does.
  bool CancelImport();

  // Validates the files and replaces the stored dataset, all or nothing. When
  // `cancel` is raised before the new data is committed, the outcome is
  // Cancelled and the stored data unchanged. Imports are serialised.
  ImportOutcome Import(FileSource& files, const std::string& source_name, const CancelToken* cancel = nullptr);

  // The accounts behind the API's sessions; null: none, every request is
  // the local user's. Set once, before serving; not owned.
  void SetAuthenticator(auth::Authenticator* authenticator) { authenticator_ = authenticator; }
  [[nodiscard]] auth::Authenticator* authenticator() const { return authenticator_; }

 private:
  friend class ImportTicket;
  explicit AgencyService(std::unique_ptr<Store> store) : store_(std::move(store)) {}
  auth::Authenticator* authenticator_ = nullptr;
  void ReleaseImport(const ImportTicket* ticket);
  // Makes `snapshot` the current one unless a newer one is already there,
  // and drops the cached reports of older data.
  void Publish(const std::shared_ptr<const Snapshot>& snapshot);
  void Follow(std::unique_ptr<StoreWatcher> watcher);
  // The store's current dataset and its meta, of one same version.
  Result<std::shared_ptr<const Snapshot>> LoadCurrent();
  // Whether `version` is already served (published by this server's own import).
  bool Serving(int64_t version);
  // Waits `pause`, or less when the service stops.
  void Pause(std::chrono::milliseconds pause);

  std::mutex slot_mutex_;
  ImportTicket* slot_holder_ = nullptr;  // guarded by slot_mutex_

  std::mutex import_mutex_;  // serialises imports; guards store_
  std::unique_ptr<Store> store_;

  mutable std::mutex current_mutex_;
  std::shared_ptr<const Snapshot> current_;  // guarded by current_mutex_

  std::atomic<bool> database_available_{true};
  std::mutex follow_mutex_;
  std::condition_variable follow_wake_;
  bool stopping_ = false;  // guarded by follow_mutex_
  std::thread follower_;

  LruCache<Report> reports_{server_limits::kReportCacheEntries};
  LruCache<std::string> report_json_{server_limits::kReportCacheEntries};
};

}  // namespace agencykpi
