// GET /api/v1/missions/{id}/price (SPEC §6.4): the renewal price of a mission
// for the report's period and as-of date, with target_margin (required) and
// scope_change (default 0) read exactly from the query.
#pragma once

#include <string>

#include "common/status.h"
#include "kpi/engine.h"
#include "server/query.h"
#include "server/service.h"

namespace agencykpi {

// The price's JSON (SPEC §6.5), or BadParameter naming target_margin or
// scope_change, or NotFound naming the mission.
Result<std::string> PriceJson(const Snapshot& snapshot, const std::string& mission_id, const ReportRequest& request,
                              const Query& query);

}  // namespace agencykpi
