// The brand review over HTTP: its JSON equals every golden review case, its
// PDF and XLSX downloads, the brand picker, and their errors.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "server/limits.h"
#include "server/review_documents.h"
#include "server_fixture.h"

namespace agencykpi {
namespace {

using json = nlohmann::json;
using testing::ServiceFixture;

constexpr size_t kGoldenReviewCases = 6;
constexpr const char* kH1 = "period=2026-H1&as_of=2026-06-30";

std::string HeaderOf(const ApiResponse& r, const std::string& name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST(ReviewApiTest, ReviewEqualsEveryGoldenReviewCase) {
  testing::ExpectEveryGoldenCaseServed("review-cases", kGoldenReviewCases, [](const testing::GoldenCase& c) {
    return "/api/v1/clients/" + c.params.at("client") + "/review?" + testing::QueryOf(c.params, "client");
  });
}

TEST(ReviewApiTest, ErrorsNameTheClientOrTheParameter) {
  ServiceFixture f("bilan-marque");
  const ApiResponse unknown = f.Get(std::string("/api/v1/clients/C99/review?") + kH1);
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_NE(unknown.body.find("C99"), std::string::npos) << unknown.body;
  const ApiResponse period = f.Get("/api/v1/clients/C01/review?period=2026-H3");
  EXPECT_EQ(period.status, 400);
  EXPECT_EQ(json::parse(period.body)["error"]["details"]["parameter"], "period");
  const ApiResponse lang = f.Get(std::string("/api/v1/clients/C01/review.pdf?lang=de&") + kH1);
  EXPECT_EQ(lang.status, 400);
  EXPECT_EQ(json::parse(lang.body)["error"]["details"]["parameter"], "lang");
  EXPECT_EQ(f.Get("/api/v1/clients/C01/review.docx").status, 404);
}

TEST(ReviewApiTest, PdfAndXlsxAreAttachmentsNamedAfterTheBrandAndPeriod) {
  ServiceFixture f("bilan-marque");
  const ApiResponse pdf = f.Get(std::string("/api/v1/clients/C01/review.pdf?") + kH1);
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(HeaderOf(pdf, "Content-Disposition"), "attachment; filename=\"bilan-C01-2026-H1.pdf\"");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  const ApiResponse xlsx = f.Get(std::string("/api/v1/clients/C01/review.xlsx?lang=en&") + kH1);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 300);
  EXPECT_EQ(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(HeaderOf(xlsx, "Content-Disposition"), "attachment; filename=\"review-C01-2026-H1.xlsx\"");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // The same request gives the same bytes (the PDF's dates are the as-of date).
  EXPECT_EQ(f.Get(std::string("/api/v1/clients/C01/review.pdf?") + kH1).body, pdf.body);
}

TEST(ReviewApiTest, DocumentNamesAreSafeForAnyId) {
  const Period h1 = ParsePeriod("2026-H1").value();
  EXPECT_EQ(ReviewDocumentName("../a b", h1, ReviewDocumentFormat::kPdf, Language::kFrench),
            "bilan-%2E%2E%2Fa%20b-2026-H1.pdf");
  EXPECT_EQ(ReviewDocumentName("C\"01", h1, ReviewDocumentFormat::kXlsx, Language::kEnglish),
            "review-C%2201-2026-H1.xlsx");
}

TEST(ReviewApiTest, DocumentsAreDrawnAtMostTwoAtOnce) {
  ConcurrencyCap cap(server_limits::kMaxConcurrentDocuments);
  {
    const ConcurrencyCap::Slot first(cap);
    const ConcurrencyCap::Slot second(cap);
    const ConcurrencyCap::Slot third(cap);
    EXPECT_TRUE(first.taken());
    EXPECT_TRUE(second.taken());
    EXPECT_FALSE(third.taken());
  }
  const ConcurrencyCap::Slot again(cap);
  EXPECT_TRUE(again.taken()) << "the places are given back";
}

TEST(ReviewApiTest, BrandsListsTheBrandsWithDataInThePeriod) {
  ServiceFixture f("bilan-marque");
  const ApiResponse r = f.Get(std::string("/api/v1/brands?") + kH1);
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = json::parse(r.body);
  EXPECT_EQ(body["period"]["start"], "2026-01-01");
  const json& brands = body["brands"];
  ASSERT_GE(brands.size(), 2u) << r.body;
  EXPECT_EQ(brands[0]["client_id"], "C01");
  EXPECT_EQ(brands[0]["name"], "Biscuits Lumière");
  EXPECT_EQ(brands[0]["visits"], 11);  // review-h1: actions.visits
  EXPECT_GT(brands[0]["audits"].get<int>(), 0);
  EXPECT_GT(brands[0]["sales_rows"].get<int>(), 0);
  for (size_t i = 1; i < brands.size(); ++i) {
    EXPECT_LT(brands[i - 1]["client_id"].get<std::string>(), brands[i]["client_id"].get<std::string>());
  }
  EXPECT_EQ(f.Get("/api/v1/brands?period=nope").status, 400);
}

}  // namespace
}  // namespace agencykpi
