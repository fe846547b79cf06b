// The PDF pack's building blocks: page numbering, axis steps, tables that
// repeat their header on every page, and the same bytes for the same drawing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/pdf/chart.h"
#include "report/pdf/document.h"
#include "report/pdf/page_flow.h"
#include "report/pdf/table.h"

namespace agencykpi::pdf {
namespace {

constexpr int kManyRows = 300;  // more than a page holds

TEST(PageLabel, FillsThePageAndTheCount) {
  EXPECT_EQ(PageLabel("Page {page} sur {pages}", 3, 7), "Page 3 sur 7");
  EXPECT_EQ(PageLabel("Page {page} of {pages}", 1, 1), "Page 1 of 1");
  // Before the count is known, the count and what joins it are dropped.
  EXPECT_EQ(PageLabel("Page {page} sur {pages}", 3, 0), "Page 3");
}

TEST(NiceStep, IsOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_DOUBLE_EQ(NiceStep(1.0, 4), 0.5);
  EXPECT_DOUBLE_EQ(NiceStep(2200, 4), 1000);
  EXPECT_DOUBLE_EQ(NiceStep(3.0, 4), 1);
  EXPECT_DOUBLE_EQ(NiceStep(0.3, 4), 0.1);
  EXPECT_DOUBLE_EQ(NiceStep(0, 4), 1);  // an empty range still has a step
}

std::string DrawTable(int rows, int* pages, int* headers, TextMetrics* metrics = nullptr,
                      bool count_only = false) {
  Document document({"t", "s", "2026-06-30T00:00:00Z", count_only}, metrics);
  PageFlow flow(document, {"left", "right", "footer", "Page {page} / {pages}", 0});
  flow.NewPage();
  std::vector<TableRow> cells;
  for (int i = 0; i < rows; ++i)
    cells.push_back(
        {"S" + std::to_string(i),
         i % 7 == 0
             ? "a store with a name long enough to wrap in its column, on two lines or more of the page"
             : "a store with a long name",
         "1 234,50 €"});
  Table table(flow, {{"Store"}, {"Name"}, {"Sales", Align::kRight}}, std::move(cells), 8);
  table.Draw();
  flow.Close();
  *pages = document.pages();
  *headers = table.headers();
  auto bytes = document.Finish();
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? *bytes : std::string();
}

TEST(Table, RepeatsItsHeaderOnEveryPageItSpans) {
  int pages = 0;
  int headers = 0;
  DrawTable(kManyRows, &pages, &headers);
  EXPECT_GT(pages, 2);
  EXPECT_EQ(headers, pages);
}

TEST(Table, ASmallTableHasOneHeader) {
  int pages = 0;
  int headers = 0;
  DrawTable(3, &pages, &headers);
  EXPECT_EQ(pages, 1);
  EXPECT_EQ(headers, 1);
}

TEST(Table, ColumnsFitTheirContentInsideThePage) {
  Document document({"t", "s", "2026-06-30T00:00:00Z"});
  PageFlow flow(document, {"", "", "", "{page}", 0});
  flow.NewPage();
  Table table(flow, {{"Id"}, {"Name"}}, {{"S1", "Intermarché Gap"}, {"S2", "Épicerie fine Arles"}}, 8);
  double total = 0;
  for (const double width : table.widths()) total += width;
  EXPECT_NEAR(total, flow.width(), 1e-6);
  // The longer content gets the wider column.
  EXPECT_GT(table.widths()[1], table.widths()[0]);
}

TEST(Document, TheSameDrawingGivesTheSameBytes) {
  int pages = 0;
  int headers = 0;
  const std::string first = DrawTable(kManyRows, &pages, &headers);
  const std::string second = DrawTable(kManyRows, &pages, &headers);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first.rfind("%PDF-", 0), 0U);
  EXPECT_EQ(first, second);
  EXPECT_NE(first.find("/CreationDate (20260630000000Z)"), std::string::npos);
}

// The review measures its texts while counting its pages, then draws the
// file from those extents: the same file as measuring anew.
TEST(Document, TextsMeasuredWhileCountingGiveTheSameBytes) {
  TextMetrics metrics;
  int counted = 0;
  int headers = 0;
  DrawTable(kManyRows, &counted, &headers, &metrics, /*count_only=*/true);
  int pages = 0;
  const std::string shared = DrawTable(kManyRows, &pages, &headers, &metrics);
  EXPECT_EQ(pages, counted);
  const std::string own = DrawTable(kManyRows, &pages, &headers);
  ASSERT_FALSE(own.empty());
  EXPECT_EQ(shared, own);
}

}  // namespace
}  // namespace agencykpi::pdf
