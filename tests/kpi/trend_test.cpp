// Trend and the page tallies against the whole reports they stand for: every
// figure must be the one Compute() gives for the same period and as-of date.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <unistd.h>

#include "demo/demo_agency.h"
#include "ingest/agency_reader.h"
#include "kpi/engine.h"

namespace agencykpi {
namespace {

Day D(const char* text) { return ParseDate(text).value(); }

// The demo agency (2024-01 to 2026-06, scale 1), read once for the suite.
const KpiEngine& DemoEngine() {
  static const std::unique_ptr<KpiEngine> engine = [] {
    const auto folder = std::filesystem::temp_directory_path() / ("agencykpi-trend-demo-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    const Status written = WriteDemoAgency(folder, DemoOptions{});
    EXPECT_TRUE(written.ok()) << written.message();
    auto source = FolderSource(folder);
    IngestOutcome outcome = ReadAgency(*source);
    EXPECT_TRUE(outcome.ok());
    std::filesystem::remove_all(folder);
    return std::make_unique<KpiEngine>(std::move(outcome.dataset));
  }();
  return *engine;
}

// Compares Trend with Compute() over every period of `kind` in [from, to];
// returns how many periods were compared.
size_t ExpectTrendEqualsReports(const KpiEngine& engine, PeriodKind kind, Day from, Day to, Day as_of, int grace) {
  const std::vector<TrendPoint> points = engine.Trend(from, to, kind, as_of, grace);
  size_t compared = 0;
  Period period = PeriodOf(kind, from);
  for (const TrendPoint& point : points) {
    SCOPED_TRACE(FormatPeriod(period) + " as of " + FormatDate(as_of));
    EXPECT_EQ(point.period.kind, period.kind);
    EXPECT_EQ(point.period.start, period.start);
    EXPECT_EQ(point.period.end, period.end);
    const Report r = engine.Compute(ReportRequest{period, std::min(period.end, as_of), grace});
    EXPECT_EQ(point.recurrence_rate, r.recurrence.recurrence_rate);
    EXPECT_EQ(point.renewal_rate, r.recurrence.renewal_rate);
    EXPECT_EQ(point.churn_rate, r.recurrence.churn_rate);
    EXPECT_EQ(point.total_revenue, r.revenue.total_revenue);
    EXPECT_EQ(point.average_per_client, r.revenue.average_per_client);
    EXPECT_EQ(point.top1_share, r.revenue.top1_share);
    EXPECT_EQ(point.hhi, r.revenue.hhi);
    EXPECT_EQ(point.margin, r.margin.margin);
    EXPECT_EQ(point.margin_rate, r.margin.margin_rate);
    EXPECT_EQ(point.met_share, r.objectives.met_share);
    EXPECT_EQ(point.mean_capped_attainment, r.objectives.mean_capped_attainment);
    period = NextPeriod(period);
    ++compared;
  }
  EXPECT_GT(period.start, to);  // no period left out at the end
  return compared;
}

TEST(TrendTest, EveryMonthQuarterAndHalfEqualsItsWholeReport) {
  const KpiEngine& engine = DemoEngine();
  ASSERT_GT(engine.dataset().clients.size(), 0U);
  // Half a year before the activity to half a year after it: empty, partial
  // and future periods are all compared.
  const Day from = D("2023-07-01");
  const Day to = D("2026-12-31");
  size_t compared = 0;
  for (const Day as_of : {D("2026-12-31"), D("2026-04-15")}) {
    compared += ExpectTrendEqualsReports(engine, PeriodKind::kMonth, from, to, as_of, kDefaultGraceDays);
    compared += ExpectTrendEqualsReports(engine, PeriodKind::kQuarter, from, to, as_of, kDefaultGraceDays);
    compared += ExpectTrendEqualsReports(engine, PeriodKind::kHalf, from, to, as_of, kDefaultGraceDays);
  }
  compared += ExpectTrendEqualsReports(engine, PeriodKind::kQuarter, from, to, D("2025-11-20"), 0);
  EXPECT_EQ(compared, 2U * (42 + 14 + 7) + 14);
}

TEST(TrendTest, SeriesRunsFromThePeriodOfFromToThePeriodOfTo) {
  const KpiEngine& engine = DemoEngine();
  const auto points = engine.Trend(D("2025-02-10"), D("2025-08-01"), PeriodKind::kQuarter, D("2026-06-30"), 30);
  ASSERT_EQ(points.size(), 3U);
  EXPECT_EQ(FormatPeriod(points.front().period), "2025-Q1");
  EXPECT_EQ(FormatPeriod(points.back().period), "2025-Q3");
  EXPECT_TRUE(engine.Trend(D("2025-02-10"), D("2025-01-01"), PeriodKind::kMonth, D("2026-06-30"), 30).empty());
}

TEST(TrendTest, MissionMonthsEqualTheMissionLinesOfEachMonthsReport) {
  const KpiEngine& engine = DemoEngine();
  const size_t missions = engine.dataset().missions.size();
  ASSERT_GT(missions, 0U);
  size_t compared = 0;
  size_t listed = 0;
  for (const Day as_of : {D("2026-06-30"), D("2025-03-17")}) {
    std::vector<std::vector<MissionMonth>> months(missions);
    for (size_t m = 0; m < missions; ++m) months[m] = engine.MissionMonths(static_cast<RowId>(m), as_of, 12);
    const std::vector<Period> trailing = TrailingMonths(as_of, 12);
    for (size_t k = 0; k < trailing.size(); ++k) {
      const Report r = engine.Compute(ReportRequest{trailing[k], std::min(trailing[k].end, as_of), 30});
      std::vector<const MissionMargin*> line_of(missions, nullptr);
      for (const MissionMargin& line : r.margin.missions) line_of[static_cast<size_t>(line.mission)] = &line;
      for (size_t m = 0; m < missions; ++m) {
        SCOPED_TRACE(FormatPeriod(trailing[k]) + " mission " + std::string(engine.dataset().missions[m].id));
        ASSERT_EQ(months[m].size(), 12U);
        const MissionMonth& month = months[m][k];
        EXPECT_EQ(month.month.start, trailing[k].start);
        EXPECT_EQ(month.listed, line_of[m] != nullptr);
        if (line_of[m] != nullptr) {
          EXPECT_EQ(month.revenue, line_of[m]->revenue);
          EXPECT_EQ(month.full_cost, line_of[m]->full_cost);
          EXPECT_EQ(month.full_margin, line_of[m]->full_margin);
          EXPECT_EQ(month.full_margin_rate, line_of[m]->full_margin_rate);
          ++listed;
        } else {
          EXPECT_EQ(month.revenue, 0);
          EXPECT_EQ(month.full_cost, 0);
          EXPECT_FALSE(month.full_margin_rate.has_value());
        }
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 2 * 12 * missions);
  EXPECT_GT(listed, 0U);  // some mission-months have activity: their figures were compared
}

TEST(TrendTest, VisitsByActionCountEveryVisitOfTheClientsMissionsInTheDays) {
  const KpiEngine& engine = DemoEngine();
  const Dataset& data = engine.dataset();
  ASSERT_GT(data.visits.size(), 0U);
  const Day from = D("2025-03-01");
  const Day to = D("2025-08-31");
  int64_t total = 0;
  for (size_t c = 0; c < data.clients.size(); ++c) {
    VisitCounts expected{};
    for (size_t i = 0; i < data.visits.size(); ++i) {
      if (data.visits.date[i] < from || data.visits.date[i] > to) continue;
      if (data.missions[data.visits.mission[i]].client != static_cast<RowId>(c)) continue;
      ++expected[static_cast<size_t>(data.visits.action[i])];
    }
    EXPECT_EQ(engine.VisitsByAction(static_cast<RowId>(c), from, to), expected);
    for (const int64_t n : expected) total += n;
  }
  EXPECT_GT(total, 0);
  EXPECT_EQ(engine.VisitsByAction(0, to, from), VisitCounts{});
}

TEST(TrendTest, ClientContractsAreByStartWithTheContractRenewingEach) {
  const KpiEngine& engine = DemoEngine();
  const Dataset& data = engine.dataset();
  size_t listed = 0;
  size_t renewed = 0;
  for (size_t c = 0; c < data.clients.size(); ++c) {
    const auto contracts = engine.ClientContracts(static_cast<RowId>(c));
    for (size_t k = 0; k < contracts.size(); ++k) {
      const Contract& contract = data.contracts[contracts[k].contract];
      EXPECT_EQ(contract.client, static_cast<RowId>(c));
      if (k > 0) {
        const Contract& before = data.contracts[contracts[k - 1].contract];
        EXPECT_TRUE(std::tie(before.start, before.id) < std::tie(contract.start, contract.id));
      }
      if (contracts[k].renewed_by != kNoRow) {
        EXPECT_EQ(data.contracts[contracts[k].renewed_by].renewal_of, contracts[k].contract);
        ++renewed;
      }
    }
    listed += contracts.size();
  }
  EXPECT_EQ(listed, data.contracts.size());
  size_t renewals = 0;
  for (const Contract& contract : data.contracts) renewals += contract.renewal_of != kNoRow ? 1 : 0;
  EXPECT_EQ(renewed, renewals);
  EXPECT_GT(renewed, 0U);
}

}  // namespace
}  // namespace agencykpi
