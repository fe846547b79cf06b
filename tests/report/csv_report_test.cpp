#include "report/csv_report.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "report/section.h"
#include "sample_report.h"

namespace agencykpi {
namespace {

using agencykpi::testing::SampleReport;

// The English headers of the SPEC §6 lists.
const std::string kWorkloadHeader =
    "Employee,Name,Role,Hours,Mission hours,Internal,Billable,Hours (field),Hours (preparation),"
    "Hours (followup),Hours (coordination),Hours (reporting),Hours (travel),Hours (management),"
    "Hours (other),Labour cost,Visits,Missions,Capacity,Occupancy";
const std::string kRenewalsHeader = "Contract,Client,Name,End,Days left,Signals,Risk,Level";

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

// A title row with the section and the period, then the columns' words.
TEST(RenderCsvTest, RecurrenceEnglish) {
  EXPECT_EQ(Render(Section::kRecurrence, Language::kEnglish),
            (std::vector<std::string>{"Client recurrence \u2014 from 2026-01-01 to 2026-06-30 \u00B7 as of 2026-06-30",
                                      "Client,Name,Status,Ending contracts,Revenue in the period",
                                      "C01,Bières Ébène,spontaneous,K01|K02,9876.54",
                                      "C02,\"Dupont; \"\"fils\"\"\",pending,K03,2469.13",
                                      "C03,Œufs & Cie,lost,K04,0.00"}));
}

// French headers, `;`, decimal commas, shares as percentages, the ratios
// that are not shares as numbers.
TEST(RenderCsvTest, RevenueFrenchUsesSemicolonsAndDecimalCommas) {
  EXPECT_EQ(Render(Section::kRevenue, Language::kFrench),
            (std::vector<std::string>{
                "CA par client \u2014 du 01/01/2026 au 30/06/2026 \u00B7 arrêté au 30/06/2026",
                "Client;Nom;Secteur;CA;Part;Indice / moyenne;Part cumulée;Classe;Heures;Visites;"
                "Coût main-d’œuvre;Frais;Frais généraux;Coût complet;Marge;ROI;CA par heure;"
                "Complexité moyenne",
                "C01;Bières Ébène;;9876,54;80%;;80%;A;37,50;12;5000,00;0,00;0,00;6000,00;"
                "3876,54;64,61%;263,37;3,0",
                "C02;\"Dupont; \"\"fils\"\"\";;2469,13;20%;;100%;B;10,25;3;0,00;0,00;0,00;3000,00;"
                "-530,87;-12,5%;;",
                "C03;Œufs & Cie;;0,00;;;;C;2,00;0;0,00;0,00;0,00;100,00;-100,00;;;"}));
}

TEST(RenderCsvTest, RevenueEnglishUsesCommasAndPoints) {
  const auto lines = Render(Section::kRevenue, Language::kEnglish);
  ASSERT_EQ(lines.size(), 5U);
  EXPECT_EQ(lines[1].substr(0, 30), "Client,Name,Sector,Revenue,Sha");
  EXPECT_EQ(lines[2], "C01,Bières Ébène,,9876.54,80%,,80%,A,37.50,12,5000.00,0.00,0.00,6000.00,"
                      "3876.54,64.61%,263.37,3.0");
  EXPECT_EQ(lines[3].substr(0, 30), "C02,\"Dupont; \"\"fils\"\"\",,2469.1");
}

TEST(RenderCsvTest, MarginExpandsBreakdownsAndJoinsFlags) {
  const auto lines = Render(Section::kMargin, Language::kFrench);
  ASSERT_EQ(lines.size(), 5U);
  EXPECT_EQ(lines[1],
            "Prestation;Client;Nom du client;Nom;Type;CA;Heures;Coût main-d’œuvre;Frais;Coût direct;"
            "Marge directe;Taux de marge directe;Structure;Coût complet;Marge complète;Taux;"
            "Taux de marge complet précédent;Évolution;Coût (field);Coût (preparation);"
            "Coût (followup);Coût (coordination);Coût (reporting);Coût (travel);Coût (management);"
            "Coût (other);Frais (travel);Frais (tools);Frais (subcontracting);Frais (other);"
            "Alertes;Forfait;CA acquis;Écart de facturation;Marge complète acquise;"
            "Taux de marge complet acquis");
  EXPECT_EQ(lines[2],
            "M01;C02;\"Dupont; \"\"fils\"\"\";Implantation été;;2469,13;10,25;0,00;0,00;0,00;0,00;;"
            "0,00;0,00;-530,87;-21,5%;3,5%;-25%;1500,50;0,00;0,00;0,00;0,00;0,00;0,00;0,00;0,00;"
            "25,00;0,00;0,00;loss|eroding;;0,00;0,00;0,00;");
  EXPECT_NE(lines[3].find(";loss|unbilled;"), std::string::npos) << lines[3];
  EXPECT_NE(lines[4].find(";low_margin;"), std::string::npos) << lines[4];
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
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0], "Workload per employee \u2014 from 1970-01-01 to 1970-01-01 \u00B7 as of 1970-01-01");
  EXPECT_EQ(lines[1], kWorkloadHeader);
  EXPECT_EQ(lines[2], "E01,Alice,,65.50,65.50,0.00,100%,53.50,12.00,0.00,0.00,0.00,0.00,0.00,0.00,1899.00,9,5,903.00,50%");
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
            (std::vector<std::string>{"Renewals at risk \u2014 from 1970-01-01 to 1970-01-01 \u00B7 as of 1970-01-01",
                                      kRenewalsHeader,
                                      "K12,C05,Savons,2026-07-31,31,chased_before|revenue_down,2,medium"}));
}

TEST(RenderCsvTest, ObjectivesEnglish) {
  EXPECT_EQ(Render(Section::kObjectives, Language::kEnglish),
            (std::vector<std::string>{
                "Objective attainment \u2014 from 2026-01-01 to 2026-06-30 \u00B7 as of 2026-06-30",
                "Objective,Mission,Mission name,Client,Client name,Metric,Aggregation,Target,Achieved,"
                "Attainment,Elapsed,Projected,Status",
                "O01,M01,,C02,,implantations,sum,100,100,100%,100%,100%,met",
                "O02,M03,,C01,,référencements,sum,12.5,9.375,75%,90%,83.33%,behind",
                // A metric that looks like a formula is neutralised.
                "O03,M03,,C01,,'=cmd,last,5,,,0%,,not_started"}));
}

// A share to 0.01 %, a number to its places, never an exponent however
// small or large.
TEST(RenderCsvTest, RatiosAreRoundedOnceWithoutExponent) {
  Report report = SampleReport();
  report.revenue.clients[0].share = 1.0 / 3.0;
  report.revenue.clients[0].index_vs_average = 1.5e-7;
  report.revenue.clients[0].cumulative_share = -2.5e-10;
  report.revenue.clients[0].revenue_per_hour = 1.25e20;
  const Result<std::string> csv = RenderCsv(report, Section::kRevenue, Language::kEnglish);
  ASSERT_TRUE(csv.ok());
  const auto lines = CsvLines(*csv);
  ASSERT_GE(lines.size(), 3U);
  EXPECT_NE(lines[2].find(",33.33%,0.00,0%,"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find(",125000000000000000000.00,"), std::string::npos) << lines[2];
  EXPECT_EQ(lines[2].find("e-"), std::string::npos) << lines[2];
  EXPECT_EQ(lines[2].find("e+"), std::string::npos) << lines[2];
}

TEST(RenderCsvTest, QuotesLineBreaksAndQuotes) {
  const Result<std::string> csv = RevenueCsvNaming("Deux\r\nlignes, \"oui\"", Language::kEnglish);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(csv->find("C01,\"Deux\r\nlignes, \"\"oui\"\"\",,9876.54"), std::string::npos);
}

TEST(RenderCsvTest, FrenchLeavesCommasUnquotedInText) {
  const Result<std::string> csv = RevenueCsvNaming("Martin, Fils", Language::kFrench);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(csv->find("\r\nC01;Martin, Fils;;9876,54;"), std::string::npos);
}

TEST(RenderCsvTest, EmptyListIsTitleAndHeaderOnly) {
  Report report;
  const Result<std::string> csv = RenderCsv(report, Section::kObjectives, Language::kFrench);
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(CsvLines(*csv).size(), 2U);
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
