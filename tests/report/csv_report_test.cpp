#include "report/csv_report.h"

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "report/section.h"
#include "sample_report.h"

namespace agencykpi {
namespace {

using agencykpi::testing::SampleReport;

const std::string kBom = "\xEF\xBB\xBF";

// The CSV's lines (CRLF-terminated), BOM removed; fails if a line does not
// end with CRLF.
std::vector<std::string> CsvLines(const std::string& csv) {
  EXPECT_EQ(csv.compare(0, kBom.size(), kBom), 0) << "missing BOM";
  std::vector<std::string> lines;
  size_t start = kBom.size();
  while (start < csv.size()) {
    const size_t end = csv.find("\r\n", start);
    if (end == std::string::npos) {
      ADD_FAILURE() << "line without CRLF: " << csv.substr(start);
      break;
    }
    const std::string line = csv.substr(start, end - start);
    EXPECT_EQ(line.find('\n'), std::string::npos) << "bare LF in " << line;
    lines.push_back(line);
    start = end + 2;
  }
  return lines;
}

std::vector<std::string> Render(Section section, Language language) {
  const Result<std::string> csv = RenderCsv(SampleReport(), section, language);
  EXPECT_TRUE(csv.ok()) << csv.status().message();
  return csv.ok() ? CsvLines(*csv) : std::vector<std::string>{};
}

// The revenue CSV of the sample report, its first client named NAME.
Result<std::string> RevenueCsvNaming(std::string_view name, Language language) {
  Report report = SampleReport();
  report.revenue.clients[0].name = name;
  return RenderCsv(report, Section::kRevenue, language);
}

TEST(RenderCsvTest, RecurrenceEnglish) {
  EXPECT_EQ(Render(Section::kRecurrence, Language::kEnglish),
            (std::vector<std::string>{"client_id,status,ending_contracts",
                                      "C01,spontaneous,K01|K02", "C02,pending,K03",
                                      "C03,lost,K04"}));
}

TEST(RenderCsvTest, RevenueFrenchUsesSemicolonsAndDecimalCommas) {
  EXPECT_EQ(Render(Section::kRevenue, Language::kFrench),
            (std::vector<std::string>{
                "client_id;name;revenue;share;index_vs_average;cumulative_share;pareto_class;"
                "hours;visits;labor_cost;expenses;overhead;full_cost;margin;roi;"
                "revenue_per_hour;avg_complexity",
                "C01;Bières Ébène;9876,54;0,8;;0,8;A;37,50;12;5000,00;0,00;0,00;6000,00;"
                "3876,54;0,64609;263,3744;3",
                "C02;\"Dupont; \"\"fils\"\"\";2469,13;0,2;;1;B;10,25;3;0,00;0,00;0,00;3000,00;"
                "-530,87;-0,125;;",
                "C03;Œufs & Cie;0,00;;;;C;2,00;0;0,00;0,00;0,00;100,00;-100,00;;;"}));
}

TEST(RenderCsvTest, RevenueEnglishUsesCommasAndPoints) {
  const auto lines = Render(Section::kRevenue, Language::kEnglish);
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(lines[0].substr(0, 30), "client_id,name,revenue,share,i");
  EXPECT_EQ(lines[1], "C01,Bières Ébène,9876.54,0.8,,0.8,A,37.50,12,5000.00,0.00,0.00,6000.00,"
                      "3876.54,0.64609,263.3744,3");
  EXPECT_EQ(lines[2].substr(0, 30), "C02,\"Dupont; \"\"fils\"\"\",2469.13");
}

TEST(RenderCsvTest, MarginExpandsBreakdownsAndJoinsFlags) {
  const auto lines = Render(Section::kMargin, Language::kFrench);
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(lines[0],
            "mission_id;client_id;name;revenue;hours;labor_cost;expenses;direct_cost;"
            "direct_margin;direct_margin_rate;overhead;full_cost;full_margin;full_margin_rate;"
            "previous_full_margin_rate;margin_rate_change;cost_field;cost_preparation;"
            "cost_followup;cost_coordination;cost_reporting;cost_travel;cost_management;"
            "cost_other;expenses_travel;expenses_tools;expenses_subcontracting;expenses_other;"
            "flags;fee;earned_revenue;billing_gap;earned_full_margin;earned_full_margin_rate");
  EXPECT_EQ(lines[1],
            "M01;C02;Implantation été;2469,13;10,25;0,00;0,00;0,00;0,00;;0,00;0,00;-530,87;"
            "-0,215;0,035;-0,25;1500,50;0,00;0,00;0,00;0,00;0,00;0,00;0,00;0,00;25,00;0,00;"
            "0,00;loss|eroding;;0,00;0,00;0,00;");
  EXPECT_NE(lines[2].find(";loss|unbilled;"), std::string::npos) << lines[2];
  EXPECT_NE(lines[3].find(";low_margin;"), std::string::npos) << lines[3];
}

// SPEC §6: the workload's employees (hours per activity one column each)
// and the contracts at risk (signals joined).
TEST(RenderCsvTest, WorkloadAndRenewalsSections) {
  Report report;
  WorkloadEmployee employee;
  employee.employee_id = "E01";
  employee.name = "Alice";
  employee.hours = 6550;
  employee.mission_hours = 6550;
  employee.billable_share = 1.0;
  employee.hours_by_activity[0] = 5350;
  employee.hours_by_activity[1] = 1200;
  employee.labor_cost = 189900;
  employee.visits = 9;
  employee.missions = 5;
  employee.capacity_hours = 90300;
  employee.occupancy = 0.5;
  report.workload.items.push_back(employee);
  const Result<std::string> workload = RenderCsv(report, Section::kWorkload, Language::kEnglish);
  ASSERT_TRUE(workload.ok());
  const auto lines = CsvLines(*workload);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0],
            "employee_id,name,role,hours,mission_hours,internal_hours,billable_share,hours_field,"
            "hours_preparation,hours_followup,hours_coordination,hours_reporting,hours_travel,"
            "hours_management,hours_other,labor_cost,visits,missions,capacity_hours,occupancy");
  EXPECT_EQ(lines[1], "E01,Alice,,65.50,65.50,0.00,1,53.50,12.00,0.00,0.00,0.00,0.00,0.00,0.00,1899.00,9,5,903.00,0.5");
  RenewalContract contract;
  contract.contract_id = "K12";
  contract.client_id = "C05";
  contract.name = "Savons";
  contract.end_date = ParseDate("2026-07-31").value();
  contract.days_left = 31;
  contract.signals = {RenewalSignal::kChasedBefore, RenewalSignal::kRevenueDown};
  contract.risk = 2;
  contract.level = RenewalLevel::kMedium;
  report.renewal_risk.contracts.push_back(contract);
  const Result<std::string> renewals = RenderCsv(report, Section::kRenewals, Language::kEnglish);
  ASSERT_TRUE(renewals.ok());
  EXPECT_EQ(CsvLines(*renewals),
            (std::vector<std::string>{"contract_id,client_id,name,end_date,days_left,signals,risk,level",
                                      "K12,C05,Savons,2026-07-31,31,chased_before|revenue_down,2,medium"}));
}

TEST(RenderCsvTest, ObjectivesEnglish) {
  EXPECT_EQ(Render(Section::kObjectives, Language::kEnglish),
            (std::vector<std::string>{
                "objective_id,mission_id,client_id,metric,aggregation,target,achieved,"
                "attainment,elapsed,projected_attainment,status",
                "O01,M01,C02,implantations,sum,100,100,1,1,1,met",
                "O02,M03,C01,référencements,sum,12.5,9.375,0.75,0.9,0.8333333333333334,behind",
                // A metric that looks like a formula is neutralised.
                "O03,M03,C01,'=cmd,last,5,,,0,,not_started"}));
}

TEST(RenderCsvTest, RatiosKeepEveryDigitWithoutExponent) {
  Report report = SampleReport();
  report.revenue.clients[0].share = 1.0 / 3.0;
  report.revenue.clients[0].index_vs_average = 1.5e-7;
  report.revenue.clients[0].cumulative_share = -2.5e-10;
  report.revenue.clients[0].revenue_per_hour = 1.25e20;
  const Result<std::string> csv = RenderCsv(report, Section::kRevenue, Language::kEnglish);
  ASSERT_TRUE(csv.ok());
  const auto lines = CsvLines(*csv);
  ASSERT_GE(lines.size(), 2U);
  EXPECT_NE(lines[1].find(",0.3333333333333333,0.00000015,-0.00000000025,"), std::string::npos)
      << lines[1];
  EXPECT_NE(lines[1].find(",125000000000000000000,"), std::string::npos) << lines[1];
  EXPECT_EQ(lines[1].find("e-"), std::string::npos) << lines[1];
  EXPECT_EQ(lines[1].find("e+"), std::string::npos) << lines[1];
  EXPECT_EQ(std::strtod("0.3333333333333333", nullptr), 1.0 / 3.0);
}

TEST(RenderCsvTest, QuotesLineBreaksAndQuotes) {
  const Result<std::string> csv = RevenueCsvNaming("Deux\r\nlignes, \"oui\"", Language::kEnglish);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(csv->find("C01,\"Deux\r\nlignes, \"\"oui\"\"\",9876.54"), std::string::npos);
}

TEST(RenderCsvTest, FrenchLeavesCommasUnquotedInText) {
  const Result<std::string> csv = RevenueCsvNaming("Martin, Fils", Language::kFrench);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(csv->find("\r\nC01;Martin, Fils;9876,54;"), std::string::npos);
}

TEST(RenderCsvTest, EmptyListIsHeaderOnly) {
  Report report;
  const Result<std::string> csv = RenderCsv(report, Section::kObjectives, Language::kFrench);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(CsvLines(*csv).size(), 1U);
}

TEST(RenderCsvTest, UnknownSectionIsAnError) {
  const Result<std::string> csv =
      RenderCsv(SampleReport(), static_cast<Section>(42), Language::kEnglish);
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.status().code(), ErrorCode::kInvalidInput);
}

TEST(ParseSectionTest, KnownNames) {
  EXPECT_EQ(ParseSection("recurrence"), Section::kRecurrence);
  EXPECT_EQ(ParseSection("revenue"), Section::kRevenue);
  EXPECT_EQ(ParseSection("margin"), Section::kMargin);
  EXPECT_EQ(ParseSection("objectives"), Section::kObjectives);
  for (Section section : kAllSections) EXPECT_EQ(ParseSection(SectionName(section)), section);
}

TEST(ParseSectionTest, AnythingElseIsRefused) {
  EXPECT_EQ(ParseSection(""), std::nullopt);
  EXPECT_EQ(ParseSection("Revenue"), std::nullopt);
  EXPECT_EQ(ParseSection("objective"), std::nullopt);
  EXPECT_EQ(ParseSection("margin "), std::nullopt);
}

}  // namespace
}  // namespace agencykpi
