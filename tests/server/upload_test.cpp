#include "server/upload.h"

#include <gtest/gtest.h>

#include "server/limits.h"
#include "server_fixture.h"

namespace agencykpi {
namespace {

TEST(UploadTest, BaseNameDropsEveryFolder) {
  EXPECT_EQ(BaseName("a/b/clients.csv"), "clients.csv");
  EXPECT_EQ(BaseName("..\\..\\clients.csv"), "clients.csv");
  EXPECT_EQ(BaseName("clients.csv"), "clients.csv");
}

TEST(UploadTest, MultipartKeepsTheCsvParts) {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"export/clients.csv\"\r\n\r\nclient_id,name\r\nC1,A\r\n"
      "\r\n--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"readme.txt\"\r\n\r\nignored\r\n"
      "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"invoices.csv\"\r\n\r\ninvoice_id\r\n--b--\r\n";
  const auto files = ReadMultipartUpload("multipart/form-data; boundary=b", body);
  ASSERT_TRUE(files.ok()) << files.status().message();
  ASSERT_EQ(files->size(), 2U);
  EXPECT_EQ(files->at("clients.csv"), "client_id,name\r\nC1,A\r\n");
  EXPECT_EQ(files->at("invoices.csv"), "invoice_id");
}

TEST(UploadTest, MalformedMultipartIsRefused) {
  EXPECT_FALSE(ReadMultipartUpload("multipart/form-data", "x").ok());
  EXPECT_FALSE(ReadMultipartUpload("multipart/form-data; boundary=b", "no delimiter").ok());
  EXPECT_FALSE(ReadMultipartUpload("multipart/form-data; boundary=b",
                                   "--b\r\nContent-Disposition: form-data; filename=\"c.csv\"\r\n\r\nunterminated").ok());
}

TEST(UploadTest, TwoFilesOfTheSameNameAreRefused) {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; filename=\"a/clients.csv\"\r\n\r\nx\r\n"
      "--b\r\nContent-Disposition: form-data; filename=\"b/clients.csv\"\r\n\r\ny\r\n--b--\r\n";
  const auto files = ReadMultipartUpload("multipart/form-data; boundary=b", body);
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.status().message().find("clients.csv"), std::string::npos);
}

TEST(UploadTest, ZipFoldersAreFlattened) {
  const std::string zip = testing::MakeZip({{"clients.csv", "client_id,name\nC1,A\n"}, {"notes.txt", "x"}});
  const auto files = ReadZipUpload(zip);
  ASSERT_TRUE(files.ok()) << files.status().message();
  ASSERT_EQ(files->size(), 1U);
  EXPECT_EQ(files->begin()->first, "clients.csv");
  EXPECT_EQ(files->begin()->second, "client_id,name\nC1,A\n");
}

TEST(UploadTest, EveryAgencyFileExtensionIsKeptInAnyCase) {
  const std::string zip = testing::MakeZip({{"clients.CSV", "a"}, {"plan.xlsx", "b"}, {"old.XLS", "c"},
                                            {"calc.ods", "d"}, {"notes.txt", "e"}, {"csv", "f"}});
  const auto files = ReadZipUpload(zip);
  ASSERT_TRUE(files.ok()) << files.status().message();
  ASSERT_EQ(files->size(), 4U);
  EXPECT_EQ(files->count("clients.CSV"), 1U);
  EXPECT_EQ(files->count("plan.xlsx"), 1U);
  EXPECT_EQ(files->count("old.XLS"), 1U);
  EXPECT_EQ(files->count("calc.ods"), 1U);
}

TEST(UploadTest, FilesDifferingOnlyInCaseBothGoThrough) {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; filename=\"clients.csv\"\r\n\r\nx\r\n"
      "--b\r\nContent-Disposition: form-data; filename=\"Clients.CSV\"\r\n\r\ny\r\n--b--\r\n";
  const auto files = ReadMultipartUpload("multipart/form-data; boundary=b", body);
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(files->size(), 2U);
}

TEST(UploadTest, ZipBombEntryIsRefusedAsTooLarge) {
  // 64 MiB of one byte: packed far beyond any real CSV's ratio.
  const std::string bomb = testing::RunPythonWriter(R"(
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('clients.csv', b'0' * (64 << 20))
)");
  const auto files = ReadZipUpload(bomb);
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(files.status().message().find("zip bomb"), std::string::npos) << files.status().message();
}

TEST(UploadTest, ZipWithTooManyEntriesIsRefused) {
  const std::string zip = testing::RunPythonWriter("ENTRIES = " + std::to_string(server_limits::kMaxZipEntries + 1) + R"(
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    for i in range(ENTRIES):
        z.writestr('n%d.txt' % i, '')
)");
  const auto files = ReadZipUpload(zip);
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), ErrorCode::kTooLarge);
}

TEST(UploadTest, NotAZipIsRefused) {
  EXPECT_FALSE(ReadZipUpload("PK nothing").ok());
  EXPECT_FALSE(ReadZipUpload("").ok());
}

}  // namespace
}  // namespace agencykpi
