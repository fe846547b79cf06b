#include "report/rows.h"

#include <map>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/json_report.h"
#include "sample_report.h"

namespace agencykpi {
namespace {

using agencykpi::testing::SampleReport;
using json = nlohmann::json;

// How many times each key of `Row`'s description is written.
template <typename Row>
std::map<std::string, int> DescribedKeys() {
  std::map<std::string, int> keys;
  for (const RowField<Row>& field : RowDescriptionOf<Row>().fields) ++keys[std::string(field.key)];
  return keys;
}

// Checks that the JSON object of `row` has `expected_keys` keys, each of them
// described exactly once.
template <typename Row>
void ExpectEveryJsonKeyDescribedOnce(const Row& row, size_t expected_keys) {
  JsonWriter w(false);
  WriteRowJson(w, row);
  const json object = json::parse(w.Take());
  ASSERT_TRUE(object.is_object());
  EXPECT_EQ(object.size(), expected_keys);
  const std::map<std::string, int> described = DescribedKeys<Row>();
  EXPECT_EQ(described.size(), expected_keys);
  EXPECT_EQ(RowDescriptionOf<Row>().fields.size(), expected_keys);
  for (const auto& [key, value] : object.items()) {
    const auto it = described.find(key);
    ASSERT_NE(it, described.end()) << key << " is not described";
    EXPECT_EQ(it->second, 1) << key << " is described " << it->second << " times";
  }
}

TEST(RowDescriptionTest, EveryJsonKeyOfASampleRowIsDescribedOnce) {
  const Report report = SampleReport();
  ASSERT_FALSE(report.recurrence.clients.empty());
  ASSERT_FALSE(report.revenue.clients.empty());
  ASSERT_FALSE(report.margin.missions.empty());
  ASSERT_FALSE(report.objectives.items.empty());
  ExpectEveryJsonKeyDescribedOnce(report.recurrence.clients.front(), 5);
  ExpectEveryJsonKeyDescribedOnce(report.revenue.clients.front(), 18);
  ExpectEveryJsonKeyDescribedOnce(report.margin.missions.front(), 26);
  ExpectEveryJsonKeyDescribedOnce(report.objectives.items.front(), 13);
  ExpectEveryJsonKeyDescribedOnce(WorkloadEmployee{}, 13);
  ExpectEveryJsonKeyDescribedOnce(RenewalContract{}, 8);
  ExpectEveryJsonKeyDescribedOnce(report.workload, 7);
  ExpectEveryJsonKeyDescribedOnce(report.renewal_risk, 2);
  ExpectEveryJsonKeyDescribedOnce(report.margin, 12);
  ExpectEveryJsonKeyDescribedOnce(report, 8);
}

// The keys `sort=` accepted before the rows were described: every one of
// them must still resolve to a sortable field.
template <typename Row>
int CountSortable(std::initializer_list<std::string_view> keys) {
  int found = 0;
  for (std::string_view key : keys) {
    const RowField<Row>* field = FindField<Row>(key);
    EXPECT_NE(field, nullptr) << key;
    if (field == nullptr) continue;
    EXPECT_TRUE(IsSortable(field->kind)) << key;
    if (IsSortable(field->kind)) ++found;
  }
  return found;
}

TEST(RowDescriptionTest, EverySortKeyOfTheApiResolves) {
  EXPECT_EQ(CountSortable<RecurrenceClient>({"client_id", "status"}), 2);
  EXPECT_EQ(CountSortable<RevenueClient>(
                {"client_id", "name", "revenue", "share", "index_vs_average", "cumulative_share",
                 "pareto_class", "hours", "visits", "labor_cost", "expenses", "overhead",
                 "full_cost", "margin", "roi", "revenue_per_hour", "avg_complexity"}),
            17);
  EXPECT_EQ(CountSortable<MissionMargin>(
                {"mission_id", "client_id", "name", "revenue", "hours", "labor_cost", "expenses",
                 "direct_cost", "direct_margin", "direct_margin_rate", "overhead", "full_cost",
                 "full_margin", "full_margin_rate", "previous_full_margin_rate",
                 "margin_rate_change", "flags"}),
            17);
  EXPECT_EQ(CountSortable<ObjectiveItem>({"objective_id", "mission_id", "client_id", "metric",
                                          "target", "achieved", "attainment", "elapsed",
                                          "projected_attainment", "status"}),
            10);
}

TEST(RowDescriptionTest, ListsAndObjectsDoNotSort) {
  EXPECT_FALSE(IsSortable(FindField<RecurrenceClient>("ending_contracts")->kind));
  EXPECT_FALSE(IsSortable(FindField<MissionMargin>("cost_by_activity")->kind));
  EXPECT_FALSE(IsSortable(FindField<MissionMargin>("expenses_by_category")->kind));
  EXPECT_EQ(FindField<MissionMargin>("colour"), nullptr);
}

TEST(RowDescriptionTest, FlagsSortByTheirCountAndNullRatiosAreNull) {
  MissionMargin mission;
  mission.flags = {MarginFlag::kLoss, MarginFlag::kUnbilled};
  const RowField<MissionMargin>* flags = FindField<MissionMargin>("flags");
  ASSERT_NE(flags, nullptr);
  const SortValue by_flags = SortValueOf(flags->kind, flags->read(mission));
  EXPECT_FALSE(by_flags.is_null);
  EXPECT_EQ(by_flags.number, 2);
  const RowField<MissionMargin>* rate = FindField<MissionMargin>("full_margin_rate");
  ASSERT_NE(rate, nullptr);
  EXPECT_TRUE(SortValueOf(rate->kind, rate->read(mission)).is_null);
}

TEST(RowDescriptionTest, TypeScriptDeclaresTheReportAndReviewRowsAndTheirNameSets) {
  const std::string ts = RowsTypeScript();
  int interfaces = 0;
  for (size_t at = ts.find("export interface "); at != std::string::npos;
       at = ts.find("export interface ", at + 1)) {
    ++interfaces;
  }
  // The report's four rows and the two of SPEC §6, the trend's point, the
  // review's five lists; the report's period, six sections and itself; the
  // review's nine parts and itself; the renewal price; the client page, its
  // header and contracts, the mission page, its header and months, the brand
  // picker and its lines.
  EXPECT_EQ(interfaces, 38);
  int name_sets = 0;
  for (size_t at = ts.find("export type "); at != std::string::npos;
       at = ts.find("export type ", at + 1)) {
    ++name_sets;
  }
  EXPECT_EQ(name_sets, 12);  // Num and the eleven name sets
  EXPECT_NE(ts.find("  signals: RenewalSignal[];\n"), std::string::npos);
  EXPECT_NE(ts.find("  level: RenewalLevel;\n"), std::string::npos);
  EXPECT_NE(ts.find("  workload: Workload;\n"), std::string::npos);
  EXPECT_NE(ts.find("  renewal_risk: RenewalRisk;\n"), std::string::npos);
  EXPECT_NE(ts.find("  hours_by_activity: Record<Activity, number>;\n"), std::string::npos);
  EXPECT_NE(ts.find("  flags: MarginFlag[];\n"), std::string::npos);
  // A page's report line is null when the period has none; its lists hold rows.
  EXPECT_NE(ts.find("  revenue: RevenueClient | null;\n"), std::string::npos);
  EXPECT_NE(ts.find("  margin: MissionMargin | null;\n"), std::string::npos);
  EXPECT_NE(ts.find("  missions: MissionMargin[];\n"), std::string::npos);
  EXPECT_NE(ts.find("  visits_by_action: Record<VisitAction, number>;\n"), std::string::npos);
  EXPECT_NE(ts.find("  cost_by_activity: Record<Activity, number>;\n"), std::string::npos);
  EXPECT_NE(ts.find("  elapsed: number;\n"), std::string::npos);
  EXPECT_NE(ts.find("  achieved: Num;\n"), std::string::npos);
  // The review's nullable fields say so; the others do not.
  EXPECT_NE(ts.find("  chain: string | null;\n"), std::string::npos);
  EXPECT_NE(ts.find("  present_previous: number | null;\n"), std::string::npos);
  EXPECT_NE(ts.find("  renewal_type: RenewalType | null;\n"), std::string::npos);
  EXPECT_NE(ts.find("  by_action: Record<VisitAction, number>;\n"), std::string::npos);
  EXPECT_NE(ts.find("  worked: boolean;\n"), std::string::npos);
  EXPECT_NE(ts.find("  average_per_client: number | null;\n"), std::string::npos);
  EXPECT_NE(ts.find("  store_id: string;\n"), std::string::npos);
  // Sections hold their lists and parts as nested rows.
  EXPECT_NE(ts.find("  clients: RecurrenceClient[];\n"), std::string::npos);
  EXPECT_NE(ts.find("  margin: Margin;\n"), std::string::npos);
  EXPECT_NE(ts.find("  panel: PanelPart;\n"), std::string::npos);
  EXPECT_NE(ts.find("  recurrence_status: RecurrenceStatus | null;\n"), std::string::npos);
}

}  // namespace
}  // namespace agencykpi
