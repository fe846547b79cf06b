// The file names of `review --all`: any client id gives a name that stays
// in the folder, is not hidden, and is its own.
#include "report/pack_file_name.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace agencykpi {
namespace {

// A name that cannot leave its folder nor hide in it.
void ExpectSafe(const std::string& name) {
  EXPECT_EQ(name.find('/'), std::string::npos) << name;
  EXPECT_EQ(name.find('\0'), std::string::npos) << name;
  EXPECT_NE(name.front(), '.') << name;
  EXPECT_NE(name, ".");
  EXPECT_NE(name, "..");
  EXPECT_LE(name.size(), kMaxPackStemBytes + std::string(".xlsx").size()) << name;
}

TEST(PackFileName, PlainIdsKeepTheirName) {
  EXPECT_EQ(PackFileName("C01", "pdf"), "C01.pdf");
  EXPECT_EQ(PackFileName("brand_2-b", "xlsx"), "brand_2-b.xlsx");
}

TEST(PackFileName, AnEmptyExtensionGivesTheStemAlone) {
  EXPECT_EQ(PackFileName("C01", ""), "C01");
  EXPECT_EQ(PackFileName("a/b", ""), "a%2Fb");
}

TEST(PackFileName, HostileIdsAreEscapedInsideTheFolder) {
  EXPECT_EQ(PackFileName("../x", "pdf"), "%2E%2E%2Fx.pdf");
  EXPECT_EQ(PackFileName("a/b", "pdf"), "a%2Fb.pdf");
  EXPECT_EQ(PackFileName(".", "pdf"), "%2E.pdf");
  EXPECT_EQ(PackFileName("..", "pdf"), "%2E%2E.pdf");
  EXPECT_EQ(PackFileName("", "pdf"), "%.pdf");
  EXPECT_EQ(PackFileName("é", "pdf"), "%C3%A9.pdf");
  EXPECT_EQ(PackFileName(std::string("a\0b", 3), "pdf"), "a%00b.pdf");
  for (const std::string id : {"../x", "a/b", ".", "..", "", "/etc/passwd", "a\\b", " x", "-rf"}) {
    ExpectSafe(PackFileName(id, "pdf"));
  }
}

TEST(PackFileName, TheEscapeCharacterIsEscapedSoIdsNeverShareAName) {
  // "a%2Fb" would read as "a/b" if '%' were kept.
  EXPECT_EQ(PackFileName("a%2Fb", "pdf"), "a%252Fb.pdf");
  EXPECT_NE(PackFileName("a%2Fb", "pdf"), PackFileName("a/b", "pdf"));
}

TEST(PackFileName, LongIdsAreCutAtAnEscapeAndEndWithTheirHash) {
  const std::string long_a(300, 'a');
  const std::string long_b = std::string(299, 'a') + "b";  // same beginning, another id
  const std::string name_a = PackFileName(long_a, "pdf");
  const std::string name_b = PackFileName(long_b, "pdf");
  ExpectSafe(name_a);
  ExpectSafe(name_b);
  EXPECT_NE(name_a, name_b);
  EXPECT_NE(name_a.find('~'), std::string::npos);
  EXPECT_EQ(name_a.substr(0, 10), "aaaaaaaaaa");
  // Slashes escape to three bytes each: the cut never splits "%2F".
  const std::string slashes = PackFileName(std::string(150, '/'), "pdf");
  ExpectSafe(slashes);
  const std::string stem = slashes.substr(0, slashes.find('~'));
  EXPECT_EQ(stem.size() % 3, 0U) << stem;
  // An id just at the limit keeps its whole name, without a hash.
  const std::string at_limit(kMaxPackStemBytes, 'z');
  EXPECT_EQ(PackFileName(at_limit, "pdf"), at_limit + ".pdf");
}

TEST(PackFileName, DistinctIdsGiveDistinctNames) {
  std::vector<std::string> ids = {"../x",
                                  "a/b",
                                  ".",
                                  "..",
                                  "",
                                  "a%2Fb",
                                  "%2E",
                                  "a b",
                                  "a_b",
                                  "a-b",
                                  std::string(300, 'x'),
                                  std::string(301, 'x'),
                                  std::string(200, 'x'),
                                  std::string(201, 'x')};
  std::set<std::string> names;
  for (const std::string& id : ids) names.insert(PackFileName(id, "pdf"));
  EXPECT_EQ(names.size(), ids.size());
}

}  // namespace
}  // namespace agencykpi
