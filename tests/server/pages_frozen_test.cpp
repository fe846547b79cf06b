// The /trend, /clients/{id} and /missions/{id} answers stay byte-identical to
// the ones frozen in tests/server/data/ (taken when each page was still
// computed from whole reports), whichever code computes them.
//
// A frozen file holds pairs of lines: the request target, then the body.
// After an intended change of these pages, regenerate the files with
// AGENCYKPI_WRITE_FROZEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "server_fixture.h"

namespace agencykpi {
namespace {

using testing::ServiceFixture;

std::string FrozenFile(const std::string& folder) {
  return std::string(AGENCYKPI_TEST_DATA_DIR) + "/frozen-pages-" + folder + ".txt";
}

// The queries every client and mission page is asked with: closed and open
// periods, a grace period, a custom range seen from after it.
const std::vector<std::string> kPageQueries = {
    "period=2026-H1&as_of=2026-06-30",
    "period=2026-Q1&as_of=2026-04-20&grace_days=15",
    "period=2026&as_of=2026-06-30",
    "period=2026-02-01..2026-05-31&as_of=2026-12-31",
    "period=2025-H2&as_of=2026-03-15",
};

const std::vector<std::string> kTrendQueries = {
    "as_of=2026-06-30",
    "as_of=2026-04-15",
    "as_of=2026-04-15&grace_days=0",
    "granularity=quarter&from=2025-01-01&to=2026-12-31&as_of=2026-05-10",
    "granularity=half&from=2024-07-01&to=2027-06-30&as_of=2026-04-15&grace_days=15",
    "granularity=month&from=2025-06-15&to=2026-09-02&as_of=2026-12-31",
    "granularity=quarter&from=2026-02-10&to=2026-02-10&as_of=2026-01-05",
};

std::vector<std::string> Targets(const std::vector<std::string>& clients, const std::vector<std::string>& missions) {
  std::vector<std::string> targets;
  for (const std::string& q : kTrendQueries) targets.push_back("/api/v1/trend?" + q);
  for (const std::string& id : clients) {
    for (const std::string& q : kPageQueries) targets.push_back("/api/v1/clients/" + id + "?" + q);
  }
  for (const std::string& id : missions) {
    for (const std::string& q : kPageQueries) targets.push_back("/api/v1/missions/" + id + "?" + q);
  }
  return targets;
}

// Compares every target's body with the frozen one; returns how many were compared.
size_t ExpectFrozen(const std::string& folder, const std::vector<std::string>& targets) {
  ServiceFixture f(folder);
  const std::string file = FrozenFile(folder);
  if (std::getenv("AGENCYKPI_WRITE_FROZEN") != nullptr) {
    std::ofstream out(file, std::ios::binary);
    for (const std::string& target : targets) out << target << '\n' << f.Get(target).body << '\n';
  }
  std::ifstream in(file, std::ios::binary);
  EXPECT_TRUE(in.good()) << file;
  size_t compared = 0;
  std::string target;
  std::string body;
  while (std::getline(in, target) && std::getline(in, body)) {
    SCOPED_TRACE(target);
    const ApiResponse r = f.Get(target);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, body);
    ++compared;
  }
  return compared;
}

TEST(PagesFrozenTest, TrendClientAndMissionPagesOfTheExampleAgencyAreUnchanged) {
  const auto targets = Targets({"C01", "C02", "C03", "C04", "C05", "C06"},
                               {"M01", "M02", "M03", "M04", "M05", "M06", "M07"});
  ASSERT_EQ(targets.size(), 7U + 6U * 5U + 7U * 5U);
  EXPECT_EQ(ExpectFrozen("agence-exemple", targets), targets.size());
}

TEST(PagesFrozenTest, TrendClientAndMissionPagesOfTheEdgeCasesAreUnchanged) {
  const auto targets = Targets({"L1", "L2", "L3", "L4"}, {"N1", "N2", "N3", "N4"});
  ASSERT_EQ(targets.size(), 7U + 4U * 5U + 4U * 5U);
  EXPECT_EQ(ExpectFrozen("cas-limites", targets), targets.size());
}

}  // namespace
}  // namespace agencykpi
