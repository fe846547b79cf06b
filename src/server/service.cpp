#include "server/service.h"

#include <fmt/format.h>

#include <algorithm>

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
  auto dataset = store->LoadDataset();
  if (!dataset.ok()) return dataset.status();
  auto meta = store->Meta();
  if (!meta.ok()) return meta.status();
  std::unique_ptr<AgencyService> service(new AgencyService(std::move(store)));
  service->current_ = std::make_shared<const Snapshot>(std::move(*dataset), std::move(*meta));
  return service;
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
  {
    const std::lock_guard current_lock(current_mutex_);
    current_ = outcome.snapshot;
  }
  // Keys hold the version, so old entries can never be served again; drop them now.
  reports_.Clear();
  report_json_.Clear();
  ReturnFreedMemory();  // the import's temporary memory, and the old dataset once unused
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
