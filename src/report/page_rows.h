// The dashboard's pages of one client, of one mission and the brand picker
// (docs/api.md: /clients/{id}, /missions/{id}, /brands) as described rows,
// like the report's (report/rows.h, described with them in rows.cpp): their
// JSON comes from the descriptions and their TypeScript types from
// `agencykpi schema --format ts`.
//
// The server fills a page and renders it within one request: ids and names
// are views into the snapshot's dataset, report lines point into the report
// computed for the request; neither may outlive them.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "kpi/report.h"
#include "kpi/tallies.h"
#include "report/rows.h"

namespace agencykpi {

struct PageClient {
  std::string_view client_id;
  std::string_view name;
  std::string_view sector;
};

// A contract of the client, with the ones it renews and that renew it.
struct PageContract {
  std::string_view contract_id;
  Day start_date = 0;
  Day end_date = 0;
  Day signed_on = 0;
  std::string_view renewal_of;  // "" = renews none
  RenewalType renewal_type = RenewalType::kNone;
  std::string_view renewed_by;  // "" = not renewed
};

struct ClientPage {
  ReportPeriod period;
  PageClient client;
  const RevenueClient* revenue = nullptr;        // null: no line in the period
  const RecurrenceClient* recurrence = nullptr;  // null: no contract ending in it
  std::vector<const MissionMargin*> missions;
  std::vector<const ObjectiveItem*> objectives;
  std::vector<PageContract> contracts;
  VisitCounts visits_by_action{};
};

struct PageMission {
  std::string_view mission_id;
  std::string_view client_id;
  std::string_view client_name;
  std::string_view name;
  std::string_view type;
  Day start_date = 0;
  Day end_date = 0;
  std::string_view contract_id;  // "" = none
  int32_t complexity = 0;        // 0 = not given
};

struct MissionPage {
  ReportPeriod period;
  PageMission mission;
  const MissionMargin* margin = nullptr;  // null: no line in the period
  std::vector<MissionMonth> monthly;      // the trailing twelve months
  std::vector<const ObjectiveItem*> objectives;
};

struct BrandLine {
  std::string_view client_id;
  std::string_view name;
  int64_t audits = 0;
  int64_t visits = 0;
  int64_t sales_rows = 0;
};

struct BrandsPage {
  ReportPeriod period;
  std::vector<BrandLine> brands;
};

template <>
const RowDescription<PageClient>& RowDescriptionOf<PageClient>();
template <>
const RowDescription<PageContract>& RowDescriptionOf<PageContract>();
template <>
const RowDescription<ClientPage>& RowDescriptionOf<ClientPage>();
template <>
const RowDescription<PageMission>& RowDescriptionOf<PageMission>();
template <>
const RowDescription<MissionMonth>& RowDescriptionOf<MissionMonth>();
template <>
const RowDescription<MissionPage>& RowDescriptionOf<MissionPage>();
template <>
const RowDescription<BrandLine>& RowDescriptionOf<BrandLine>();
template <>
const RowDescription<BrandsPage>& RowDescriptionOf<BrandsPage>();

}  // namespace agencykpi
