#include "server/service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "common/memory.h"
#include "report/json_report.h"

namespace agencykpi {

Snapshot::Snapshot(Dataset dataset, StoreMeta meta)
    : fact_dates_(FactDates(dataset)), engine_(std::move(dataset)), meta_(std::move(meta)) {
  const Dataset& data = engine_.dataset();
  client_index_.reserve(data.clients.size());
  for (size_t i = 0; i < data.clients.size(); ++i) {
    client_index_.emplace(data.clients[i].id, static_cast<RowId>(i));
  }
  mission_index_.reserve(data.missions.size());
  for (size_t i = 0; i < data.missions.size(); ++i) {
    mission_index_.emplace(data.missions[i].id, static_cast<RowId>(i));
  }
}

RowId Snapshot::FindClient(const std::string& id) const {
  const auto it = client_index_.find(id);
  return it == client_index_.end() ? kNoRow : it->second;
}

RowId Snapshot::FindMission(const std::string& id) const {
  const auto it = mission_index_.find(id);
  return it == mission_index_.end() ? kNoRow : it->second;
}

Result<std::unique_ptr<AgencyService>> AgencyService::Open(std::unique_ptr<Store> store) {
  std::unique_ptr<AgencyService> service(new AgencyService(std::move(store)));
  auto current = service->LoadCurrent();
  if (!current.ok()) return current.status();
  service->current_ = std::move(*current);
  return service;
}

AgencyService::~AgencyService() {
  {
    const std::lock_guard lock(follow_mutex_);
    stopping_ = true;
  }
  follow_wake_.notify_all();
  if (follower_.joinable()) follower_.join();
}

Result<std::shared_ptr<const Snapshot>> AgencyService::LoadCurrent() {
  // Another process may import between the meta and the rows: the load
  // counts only when the version did not move across it.
  const std::lock_guard lock(import_mutex_);
  for (int attempt = 0; attempt < server_limits::kReloadAttempts; ++attempt) {
    auto before = store_->Meta();
    if (!before.ok()) return before.status();
    auto dataset = store_->LoadDataset();
    if (!dataset.ok()) return dataset.status();
    auto after = store_->Meta();
    if (!after.ok()) return after.status();
    if (after->dataset_version == before->dataset_version) {
      return std::make_shared<const Snapshot>(std::move(*dataset), std::move(*after));
    }
  }
  return Status::Busy("the data kept changing while it was loaded");
}

void AgencyService::Publish(const std::shared_ptr<const Snapshot>& snapshot) {
  {
    const std::lock_guard current_lock(current_mutex_);
    if (current_ && current_->version() > snapshot->version()) return;
    current_ = snapshot;
  }
  // Keys hold the version, so old entries can never be served again; drop them now.
  reports_.Clear();
  report_json_.Clear();
  ReturnFreedMemory();  // the old dataset once unused
}

Status AgencyService::FollowImports() {
  auto watcher = [&] {
    const std::lock_guard lock(import_mutex_);
    return store_->Watch();
  }();
  if (!watcher.ok()) return watcher.status();
  if (*watcher == nullptr) return Status::Ok();
  follower_ = std::thread([this, watching = std::move(*watcher)]() mutable { Follow(std::move(watching)); });
  return Status::Ok();
}

void AgencyService::Pause(std::chrono::milliseconds pause) {
  std::unique_lock lock(follow_mutex_);
  follow_wake_.wait_for(lock, pause, [this] { return stopping_; });
}

void AgencyService::Follow(std::unique_ptr<StoreWatcher> watcher) {
  const auto stopping = [this] {
    const std::lock_guard lock(follow_mutex_);
    return stopping_;
  };
  const auto unreachable = [this](const Status& status) {
    if (database_available_.exchange(false)) {
      std::fprintf(stderr, "agencykpi: the database cannot be reached, answering 503 until it is back: %s\n",
                   status.message().c_str());
    }
  };
  while (!stopping()) {
    const int64_t known = Current()->version();
    auto version = watcher->WaitForVersion(known, server_limits::kFollowPoll);
    if (!version.ok()) {
      unreachable(version.status());
      Pause(server_limits::kReconnectPause);
      continue;
    }
    if (*version != known && !Serving(*version)) {
      auto loaded = LoadCurrent();
      if (!loaded.ok()) {
        if (loaded.status().code() == ErrorCode::kUnavailable) unreachable(loaded.status());
        Pause(server_limits::kReconnectPause);
        continue;
      }
      Publish(*loaded);
      std::fprintf(stderr, "agencykpi: now serving dataset version %lld (imported elsewhere)\n",
                   static_cast<long long>((*loaded)->version()));
    }
    if (!database_available_.exchange(true)) std::fprintf(stderr, "agencykpi: the database is back\n");
  }
}

bool AgencyService::Serving(int64_t version) {
  // This server's own import holds import_mutex_ until it has published its
  // dataset: once the lock is ours, that dataset is the current one.
  const std::lock_guard lock(import_mutex_);
  return Current()->version() == version;
}

std::shared_ptr<const Snapshot> AgencyService::Current() const {
  const std::lock_guard lock(current_mutex_);
  return current_;
}

namespace {

// Keys hold the dataset version, so an entry of older data is never served.
std::string CacheKey(const Snapshot& snapshot, const ReportRequest& request) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}", snapshot.version(), request.period.start, request.period.end,
                     static_cast<int>(request.period.kind), request.as_of, request.grace_days,
                     request.horizon_days);
}

}  // namespace

std::shared_ptr<const Report> AgencyService::GetReport(const std::shared_ptr<const Snapshot>& snapshot,
                                                       const ReportRequest& request) {
  const std::string key = CacheKey(*snapshot, request);
  if (auto hit = reports_.Find(key)) return hit;
  // Computed outside any lock: two threads may compute the same report once
  // each, which is cheaper than making every reader wait. The report's views
  // point into the snapshot's dataset, so it holds the snapshot.
  struct ReportOnSnapshot {
    std::shared_ptr<const Snapshot> snapshot;
    Report report;
  };
  auto owner = std::make_shared<ReportOnSnapshot>(ReportOnSnapshot{snapshot, snapshot->engine().Compute(request)});
  return reports_.Insert(key, std::shared_ptr<const Report>(owner, &owner->report));
}

std::shared_ptr<const std::string> AgencyService::GetReportJson(const std::shared_ptr<const Snapshot>& snapshot,
                                                                const ReportRequest& request) {
  const std::string key = CacheKey(*snapshot, request);
  if (auto hit = report_json_.Find(key)) return hit;
  const auto report = GetReport(snapshot, request);
  return report_json_.Insert(key, std::make_shared<const std::string>(RenderJson(*report, /*pretty=*/false)));
}

ImportTicket::~ImportTicket() { service_.ReleaseImport(this); }

Result<std::shared_ptr<ImportTicket>> AgencyService::BeginImport() {
  const std::lock_guard lock(slot_mutex_);
  if (slot_holder_ != nullptr) return Status::Busy("an import is already running; try again when it has finished");
  std::shared_ptr<ImportTicket> ticket(new ImportTicket(*this));
  slot_holder_ = ticket.get();
  return ticket;
}

bool AgencyService::CancelImport() {
  const std::lock_guard lock(slot_mutex_);
  if (slot_holder_ == nullptr) return false;
  // The holder's destructor waits for this lock before its token goes away.
  slot_holder_->Cancel();
  return true;
}

void AgencyService::ReleaseImport(const ImportTicket* ticket) {
  const std::lock_guard lock(slot_mutex_);
  if (slot_holder_ == ticket) slot_holder_ = nullptr;
}

namespace {

Status CancelledImport() { return Status::Cancelled("the import was cancelled; the previous data is unchanged"); }

}  // namespace

ImportOutcome AgencyService::Import(FileSource& files, const std::string& source_name, const CancelToken* cancel) {
  ImportOutcome outcome;
  IngestOutcome read = ReadAgency(files, {}, cancel);
  outcome.errors = std::move(read.errors);
  outcome.warnings = std::move(read.warnings);
  outcome.error_count = std::max(read.error_count, outcome.errors.size());
  outcome.empty_tables = std::move(read.empty_tables);
  if (read.cancelled || IsCancelled(cancel)) {
    outcome.status = CancelledImport();
    return outcome;
  }
  if (outcome.error_count > 0) {
    outcome.status = Status::InvalidInput(fmt::format("{} error{}", outcome.error_count,
                                                      outcome.error_count == 1 ? "" : "s"));
    return outcome;
  }
  const std::lock_guard lock(import_mutex_);
  if (IsCancelled(cancel)) {
    outcome.status = CancelledImport();
    return outcome;
  }
  if (Status written = store_->ReplaceDataset(read.dataset, source_name, cancel); !written.ok()) {
    outcome.status = IsCancelled(cancel) ? CancelledImport() : written;
    return outcome;
  }
  auto meta = store_->Meta();
  if (!meta.ok()) {
    outcome.status = meta.status();
    return outcome;
  }
  outcome.snapshot = std::make_shared<const Snapshot>(std::move(read.dataset), std::move(*meta));
  Publish(outcome.snapshot);
  return outcome;
}

Result<Review> ScopedBrandReview(const Snapshot& snapshot, std::string_view client_id, const ReportRequest& request,
                                 const auth::ClientScope& scope) {
  if (!scope.Sees(client_id)) return Status::NotFound("unknown client '" + std::string(client_id) + "'");
  return snapshot.engine().BrandReview(client_id, request);
}

std::vector<BrandActivity> ScopedActiveBrands(const Snapshot& snapshot, Day first, Day last,
                                              const auth::ClientScope& scope) {
  std::vector<BrandActivity> brands = snapshot.engine().ActiveBrands(first, last);
  if (scope.all()) return brands;
  std::erase_if(brands, [&](const BrandActivity& brand) {
    return !scope.Sees(snapshot.clients()[static_cast<size_t>(brand.client)].id);
  });
  return brands;
}

}  // namespace agencykpi
