#include "store/postgres/copy_text.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace agencykpi {
namespace {

using Field = CopyRowCursor::Field;

TEST(CopyText, TextWithEveryEscapedCharacterComesBackWhole) {
  const std::string text = "a\\b\tc\nd\re \\N é";
  std::string row;
  AppendCopyText(row, text);
  row += kCopyDelimiter;
  row += kCopyNull;
  row += kCopyDelimiter;
  AppendCopyInteger(row, -1234567890123);
  EXPECT_EQ(row.find('\n'), std::string::npos);
  CopyRowCursor fields(row);
  std::string read;
  ASSERT_EQ(fields.NextText(read), Field::kValue);
  EXPECT_EQ(read, text);
  EXPECT_EQ(fields.NextText(read), Field::kNull);
  int64_t number = 0;
  ASSERT_EQ(fields.NextInteger(number), Field::kValue);
  EXPECT_EQ(number, -1234567890123);
  EXPECT_TRUE(fields.AtEnd());
  EXPECT_EQ(fields.NextInteger(number), Field::kBad) << "no field left";
}

TEST(CopyText, IntegerFieldsAreReadInOnePassAndNullsAndTextAreTold) {
  CopyRowCursor fields("0\t42\t\\N\t-7\t123456789012345678\t1234567890123456789\tx1\t\t5");
  const std::vector<std::pair<Field, int64_t>> expected = {
      {Field::kValue, 0},  {Field::kValue, 42},
      {Field::kNull, 0},   {Field::kValue, -7},
      {Field::kValue, 123456789012345678},  // 18 digits: the scan's own sum
      {Field::kValue, 1234567890123456789},  // 19: the careful path
      {Field::kBad, 0},    {Field::kBad, 0},  // text, and an empty field
      {Field::kValue, 5},
  };
  for (const auto& [field, value] : expected) {
    int64_t number = -1;
    ASSERT_EQ(fields.NextInteger(number), field);
    if (field == Field::kValue) {
      EXPECT_EQ(number, value);
    }
  }
  EXPECT_TRUE(fields.AtEnd());
}

TEST(CopyText, AnEmptyLastFieldIsAFieldAndAMissingOneIsNot) {
  CopyRowCursor two("a\t");
  std::string text;
  ASSERT_EQ(two.NextText(text), Field::kValue);
  EXPECT_FALSE(two.AtEnd());
  ASSERT_EQ(two.NextText(text), Field::kValue);
  EXPECT_EQ(text, "");
  EXPECT_TRUE(two.AtEnd());
  EXPECT_EQ(two.NextText(text), Field::kBad);
}

TEST(CopyText, ServerEscapesAreUndone) {
  CopyRowCursor fields("\\101\\x42\\b\\f\\v\\q\t");
  std::string text;
  ASSERT_EQ(fields.NextText(text), Field::kValue);
  EXPECT_EQ(text, "AB\b\f\vq");
  ASSERT_EQ(fields.NextText(text), Field::kValue);
  EXPECT_EQ(text, "");
  CopyRowCursor lone("tail\\");
  EXPECT_EQ(lone.NextText(text), Field::kBad);
}

TEST(CopyText, IntegersAreWholeOrNothing) {
  EXPECT_EQ(CopyInteger("42"), 42);
  EXPECT_EQ(CopyInteger("-7"), -7);
  EXPECT_FALSE(CopyInteger("4 2").has_value());
  EXPECT_FALSE(CopyInteger("").has_value());
  EXPECT_FALSE(CopyInteger("99999999999999999999").has_value());
}

}  // namespace
}  // namespace agencykpi
