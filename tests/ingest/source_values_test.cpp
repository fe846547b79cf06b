// Dates and numbers of a source rewritten as the agency folder reads them.
#include "ingest/source_values.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace agencykpi {
namespace {

std::optional<std::string> Date(std::string_view text, DateOrder order) {
  std::string out;
  if (!RewriteDate(text, order, out)) return std::nullopt;
  return out;
}

std::optional<std::string> Number(std::string_view text, DecimalMark mark) {
  std::string out;
  if (!RewriteNumber(text, mark, out)) return std::nullopt;
  return out;
}

TEST(SourceValuesTest, RewritesDatesInTheirOrder) {
  EXPECT_EQ(Date("15/03/2026", DateOrder::kDmy), "2026-03-15");
  EXPECT_EQ(Date(" 5-3-26 ", DateOrder::kDmy), "2026-03-05");
  EXPECT_EQ(Date("15.03.2026", DateOrder::kDmy), "2026-03-15");
  EXPECT_EQ(Date("03/15/2026", DateOrder::kMdy), "2026-03-15");
  EXPECT_EQ(Date("3/5/26", DateOrder::kMdy), "2026-03-05");
  EXPECT_EQ(Date("2026/03/15", DateOrder::kYmd), "2026-03-15");
  EXPECT_EQ(Date("26.3.15", DateOrder::kYmd), "2026-03-15");
  // A year of four digits first is a year, whatever the order.
  EXPECT_EQ(Date("2026-03-15", DateOrder::kDmy), "2026-03-15");
  EXPECT_EQ(Date("2026-03-15", DateOrder::kMdy), "2026-03-15");
  // A time after the date is dropped.
  EXPECT_EQ(Date("15/03/2026 08:30", DateOrder::kDmy), "2026-03-15");
  EXPECT_EQ(Date("15/03/2026 8:30:59", DateOrder::kDmy), "2026-03-15");
  EXPECT_EQ(Date("2026-03-15T08:30:00", DateOrder::kDmy), "2026-03-15");
  EXPECT_EQ(Date("29/02/2028", DateOrder::kDmy), "2028-02-29");
}

TEST(SourceValuesTest, LeavesOtherTextsAlone) {
  EXPECT_EQ(Date("15/03/2026", DateOrder::kAsRead), std::nullopt);
  EXPECT_EQ(Date("03/15/2026", DateOrder::kDmy), std::nullopt);  // no month 15: the reader refuses it with its hint
  EXPECT_EQ(Date("29/02/2026", DateOrder::kDmy), std::nullopt);
  EXPECT_EQ(Date("15/03-2026", DateOrder::kDmy), std::nullopt);
  EXPECT_EQ(Date("15/03/202", DateOrder::kDmy), std::nullopt);
  EXPECT_EQ(Date("15 mars 2026", DateOrder::kDmy), std::nullopt);
  EXPECT_EQ(Date("15/03/2026 le matin", DateOrder::kDmy), std::nullopt);
  EXPECT_EQ(Date("46096", DateOrder::kDmy), std::nullopt);
  EXPECT_EQ(Date("", DateOrder::kDmy), std::nullopt);
}

TEST(SourceValuesTest, RewritesNumbersWithADecimalComma) {
  EXPECT_EQ(Number("7,5", DecimalMark::kComma), "7.5");
  EXPECT_EQ(Number("-1234,50", DecimalMark::kComma), "-1234.50");
  EXPECT_EQ(Number("1 234,50", DecimalMark::kComma), "1234.50");
  EXPECT_EQ(Number("1\xC2\xA0" "234,50", DecimalMark::kComma), "1234.50");
  EXPECT_EQ(Number("1\xE2\x80\xAF" "234\xE2\x80\xAF" "567", DecimalMark::kComma), "1234567");
  EXPECT_EQ(Number("1.234,50", DecimalMark::kComma), "1234.50");
  EXPECT_EQ(Number("12.345.678", DecimalMark::kComma), "12345678");
  // Already read as it is, or not a number: left alone.
  EXPECT_EQ(Number("1234", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("7.5", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("1.23", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("1.2345", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("12 34,5", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("1 2345", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("1234 ,5", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("1 234,50 €", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number(",5", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("5,", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("1,2,3", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("", DecimalMark::kComma), std::nullopt);
  EXPECT_EQ(Number("1 234,50", DecimalMark::kAsRead), std::nullopt);
}

TEST(SourceValuesTest, RewritesNumbersWithADecimalPoint) {
  EXPECT_EQ(Number("1,234.50", DecimalMark::kPoint), "1234.50");
  EXPECT_EQ(Number("1 234.5", DecimalMark::kPoint), "1234.5");
  EXPECT_EQ(Number("1,234,567", DecimalMark::kPoint), "1234567");
  EXPECT_EQ(Number("7.5", DecimalMark::kPoint), std::nullopt);
  EXPECT_EQ(Number("7,5", DecimalMark::kPoint), std::nullopt);  // the reader refuses it, with its hint
}

}  // namespace
}  // namespace agencykpi
