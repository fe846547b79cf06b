// The report's workbook over HTTP (GET /api/v1/report.xlsx): an attachment
// named after the period, in the request's language, every section or one,
// the same bytes for the same request, and its parameter errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "server/review_documents.h"
#include "server_fixture.h"

namespace agencykpi {
namespace {

using json = nlohmann::json;
using testing::ServiceFixture;

constexpr const char* kH1 = "period=2026-H1&as_of=2026-06-30";
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string HeaderOf(const ApiResponse& r, const std::string& name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "";
}

// A zip names its members uncompressed: the workbook's sheets are findable in its bytes.
bool HoldsSheet(const std::string& bytes, int number) {
  return bytes.find("xl/worksheets/sheet" + std::to_string(number) + ".xml") != std::string::npos;
}

TEST(ReportXlsxApiTest, TheWorkbookIsAnAttachmentNamedAfterThePeriod) {
  ServiceFixture f("agence-exemple");
  const ApiResponse french = f.Get(std::string("/api/v1/report.xlsx?") + kH1);
  ASSERT_EQ(french.status, 200) << french.body.substr(0, 300);
  EXPECT_EQ(french.content_type, kXlsxType);
  EXPECT_EQ(HeaderOf(french, "Content-Disposition"), "attachment; filename=\"rapport-2026-H1.xlsx\"");
  EXPECT_EQ(french.body.substr(0, 2), "PK");
  // The Summary and the six sections.
  EXPECT_TRUE(HoldsSheet(french.body, 7));
  EXPECT_FALSE(HoldsSheet(french.body, 8));
  const ApiResponse english = f.Get(std::string("/api/v1/report.xlsx?lang=en&") + kH1);
  ASSERT_EQ(english.status, 200);
  EXPECT_EQ(HeaderOf(english, "Content-Disposition"), "attachment; filename=\"report-2026-H1.xlsx\"");
  EXPECT_NE(english.body, french.body);
  // Deterministic: the workbook's date is the as-of date.
  EXPECT_EQ(f.Get(std::string("/api/v1/report.xlsx?") + kH1).body, french.body);
}

TEST(ReportXlsxApiTest, OneSectionIsTheSummaryAndItsSheet) {
  ServiceFixture f("agence-exemple");
  const ApiResponse margin = f.Get(std::string("/api/v1/report.xlsx?section=margin&") + kH1);
  ASSERT_EQ(margin.status, 200) << margin.body.substr(0, 300);
  EXPECT_TRUE(HoldsSheet(margin.body, 2));
  EXPECT_FALSE(HoldsSheet(margin.body, 3));
}

TEST(ReportXlsxApiTest, ErrorsNameTheParameter) {
  ServiceFixture f("agence-exemple");
  for (const auto& [query, parameter] : {std::pair{"section=sales", "section"}, std::pair{"lang=de", "lang"},
                                         std::pair{"period=2026-H3", "period"}, std::pair{"as_of=tomorrow", "as_of"}}) {
    const ApiResponse answer = f.Get(std::string("/api/v1/report.xlsx?") + query);
    EXPECT_EQ(answer.status, 400) << query;
    EXPECT_EQ(json::parse(answer.body)["error"]["details"]["parameter"], parameter) << query;
  }
}

TEST(ReportXlsxApiTest, NamesFollowTheLanguage) {
  const Period h1 = ParsePeriod("2026-H1").value();
  EXPECT_EQ(ReportWorkbookName(h1, Language::kFrench), "rapport-2026-H1.xlsx");
  EXPECT_EQ(ReportWorkbookName(ParsePeriod("2026-Q1").value(), Language::kEnglish), "report-2026-Q1.xlsx");
}

}  // namespace
}  // namespace agencykpi
