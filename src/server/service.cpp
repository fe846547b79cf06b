#include "server/service.h"

#include <fmt/format.h>

#include "common/memory.h"
#include "report/json_report.h"

namespace agencykpi {

Snapshot::Snapshot(Dataset dataset, StoreMeta meta)
    : engine_(std::move(dataset)), meta_(std::move(meta)) {
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
  return fmt::format("{}|{}|{}|{}|{}|{}", snapshot.version(), request.period.start, request.period.end,
                     static_cast<int>(request.period.kind), request.as_of, request.grace_days);
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

ImportOutcome AgencyService::Import(FileSource& files, const std::string& source_name) {
  ImportOutcome outcome;
  IngestOutcome read = ReadAgency(files);
  outcome.errors = std::move(read.errors);
  outcome.warnings = std::move(read.warnings);
  if (!outcome.errors.empty()) {
    outcome.status = Status::InvalidInput(fmt::format("{} error{}", outcome.errors.size(),
                                                      outcome.errors.size() == 1 ? "" : "s"));
    return outcome;
  }
  const std::lock_guard lock(import_mutex_);
  if (Status written = store_->ReplaceDataset(read.dataset, source_name); !written.ok()) {
    outcome.status = written;
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

}  // namespace agencykpi
