#include "server/query.h"

#include <gtest/gtest.h>

namespace agencykpi {
namespace {

TEST(QueryTest, ParseQueryDecodesNamesAndValues) {
  const Query query = ParseQuery("period=2026-H1&as%5Fof=30%2F06%2F2026&name=a+b&flag&&empty=&period=2026");
  ASSERT_EQ(query.size(), 5U);
  EXPECT_EQ(query.at("period"), "2026");  // the last one wins
  EXPECT_EQ(query.at("as_of"), "30/06/2026");
  EXPECT_EQ(query.at("name"), "a b");
  EXPECT_EQ(query.at("flag"), "");
  EXPECT_EQ(query.at("empty"), "");
}

TEST(QueryTest, UrlDecodeKeepsMalformedEscapes) {
  EXPECT_EQ(UrlDecode("100%"), "100%");
  EXPECT_EQ(UrlDecode("%4"), "%4");
  EXPECT_EQ(UrlDecode("%zz%41"), "%zzA");
  EXPECT_EQ(UrlDecode("%00"), std::string(1, '\0'));
}

TEST(QueryTest, ValidUtf8ReplacesEveryMalformedByte) {
  EXPECT_EQ(ValidUtf8("période €"), "période €");
  EXPECT_EQ(ValidUtf8("\xFF"), "\xEF\xBF\xBD");
  EXPECT_EQ(ValidUtf8("a\xC3"), "a\xEF\xBF\xBD");                      // truncated
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");        // overlong '/'
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(ValidUtf8("\xF4\x90\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // > U+10FFFF
  EXPECT_EQ(ValidUtf8("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");  // U+1F600
}

}  // namespace
}  // namespace agencykpi
