// The report with SPEC §6 (workload, earned fees, renewal risk) over HTTP:
// GET /api/v1/report equals every golden kpi6 case, and a bad horizon is a
// 400 naming its parameter.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "server_fixture.h"

namespace agencykpi {
namespace {

using json = nlohmann::json;
using testing::ServiceFixture;

// The golden kpi6-cases are served in api_test.cpp, beside the report's.

TEST(ReportSectionSixApiTest, BadHorizonIsRefusedNamingIt) {
  ServiceFixture f("agence-forfaits");
  for (const char* horizon : {"-1", "abc", "99999"}) {
    SCOPED_TRACE(horizon);
    const ApiResponse r = f.Get(std::string("/api/v1/report?period=2026-H1&as_of=2026-06-30&horizon_days=") + horizon);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(json::parse(r.body)["error"]["details"]["parameter"], "horizon_days") << r.body;
  }
}

TEST(ReportSectionSixApiTest, HorizonChangesTheContractsAtRisk) {
  ServiceFixture f("agence-forfaits");
  const json wide = json::parse(f.Get("/api/v1/report?period=2026-H1&as_of=2026-06-30&horizon_days=90").body);
  const json narrow = json::parse(f.Get("/api/v1/report?period=2026-H1&as_of=2026-06-30&horizon_days=0").body);
  EXPECT_EQ(wide["renewal_risk"]["horizon_days"], 90);
  EXPECT_EQ(narrow["renewal_risk"]["horizon_days"], 0);
  EXPECT_LT(narrow["renewal_risk"]["contracts"].size(), wide["renewal_risk"]["contracts"].size());
}

}  // namespace
}  // namespace agencykpi
