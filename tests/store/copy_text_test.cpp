#include "store/postgres/copy_text.h"

#include <gtest/gtest.h>

#include <string>

namespace agencykpi {
namespace {

TEST(CopyText, TextWithEveryEscapedCharacterComesBackWhole) {
  const std::string text = "a\\b\tc\nd\re \\N é";
  std::string row;
  AppendCopyText(row, text);
  row += kCopyDelimiter;
  row += kCopyNull;
  row += kCopyDelimiter;
  AppendCopyInteger(row, -1234567890123);
  EXPECT_EQ(row.find('\n'), std::string::npos);
  CopyRowReader reader;
  ASSERT_TRUE(reader.Read(row).ok());
  ASSERT_EQ(reader.size(), 3U);
  ASSERT_TRUE(reader[0].has_value());
  EXPECT_EQ(*reader[0], text);
  EXPECT_FALSE(reader[1].has_value());
  ASSERT_TRUE(reader[2].has_value());
  EXPECT_EQ(CopyInteger(*reader[2]), -1234567890123);
}

TEST(CopyText, ManyEscapedFieldsInOneRowKeepTheirOwnText) {
  // Every field escaped: views into the reader's buffers stay valid together.
  std::string row;
  for (int i = 0; i < 40; ++i) {
    if (i > 0) row += kCopyDelimiter;
    AppendCopyText(row, "x\t" + std::to_string(i));
  }
  CopyRowReader reader;
  ASSERT_TRUE(reader.Read(row).ok());
  ASSERT_EQ(reader.size(), 40U);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(*reader[static_cast<size_t>(i)], "x\t" + std::to_string(i));
}

TEST(CopyText, ServerEscapesAreUndone) {
  CopyRowReader reader;
  ASSERT_TRUE(reader.Read("\\101\\x42\\b\\f\\v\\q\t").ok());
  ASSERT_EQ(reader.size(), 2U);
  EXPECT_EQ(*reader[0], "AB\b\f\vq");
  EXPECT_EQ(*reader[1], "");
  EXPECT_EQ(reader.Read("tail\\").code(), ErrorCode::kInternal);
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
