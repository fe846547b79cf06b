// The renewal price over HTTP: its JSON equals every golden price case, and
// its refusals name the parameter or the mission.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_fixture.h"

namespace agencykpi {
namespace {

// The agency folder of every price case, its cases, and the period most tests ask for.
const std::string kAgency = "agence-forfaits";
constexpr size_t kGoldenPriceCases = 4;
const std::string kH1 = "period=2026-H1&as_of=2026-06-30";

std::string ParameterOf(const ApiResponse& r) {
  return nlohmann::json::parse(r.body)["error"]["details"]["parameter"].get<std::string>();
}

TEST(PriceApiTest, PriceEqualsEveryGoldenPriceCase) {
  testing::ExpectEveryGoldenCaseServed("price-cases", kGoldenPriceCases, [](const testing::GoldenCase& c) {
    EXPECT_EQ(c.folder, kAgency);
    return "/api/v1/missions/" + c.params.at("mission") + "/price?" + testing::QueryOf(c.params, "mission");
  });
}

TEST(PriceApiTest, BadTermsAreRefusedNamingTheParameter) {
  testing::ServiceFixture f(kAgency);
  const std::string base = "/api/v1/missions/M01/price?" + kH1;
  for (const std::string& query :
       {std::string(""), std::string("&target_margin=1"), std::string("&target_margin=-0.1"),
        std::string("&target_margin=0,25"), std::string("&target_margin=25%25")}) {
    SCOPED_TRACE(query);
    const ApiResponse r = f.Get(base + query);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(ParameterOf(r), "target_margin") << r.body;
  }
  for (const std::string& query : {std::string("&scope_change=-1"), std::string("&scope_change=abc")}) {
    SCOPED_TRACE(query);
    const ApiResponse r = f.Get(base + "&target_margin=0.2" + query);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(ParameterOf(r), "scope_change") << r.body;
  }
  const ApiResponse period = f.Get("/api/v1/missions/M01/price?target_margin=0.2&period=2026-H3");
  EXPECT_EQ(period.status, 400);
  EXPECT_EQ(ParameterOf(period), "period");
}

TEST(PriceApiTest, AnUnknownMissionIsNotFoundByName) {
  testing::ServiceFixture f(kAgency);
  const ApiResponse r = f.Get("/api/v1/missions/M99/price?target_margin=0.2&" + kH1);
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_NE(r.body.find("M99"), std::string::npos) << r.body;
  EXPECT_EQ(f.Get("/api/v1/missions/M01/pricing?target_margin=0.2").status, 404);
}

TEST(PriceApiTest, ScopeChangeDefaultsToZeroAndTheMissionPageStillAnswers) {
  testing::ServiceFixture f(kAgency);
  const std::string base = "/api/v1/missions/M01/price?target_margin=0.25&" + kH1;
  const ApiResponse plain = f.Get(base);
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(plain.body, f.Get(base + "&scope_change=0").body);
  const nlohmann::json body = nlohmann::json::parse(plain.body);
  EXPECT_EQ(body["scope_change"], 0);
  EXPECT_EQ(body["period"]["as_of"], "2026-06-30");
  EXPECT_EQ(f.Get("/api/v1/missions/M01?" + kH1).status, 200);
}

}  // namespace
}  // namespace agencykpi
