#include "server/upload.h"

#include <gtest/gtest.h>

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

TEST(UploadTest, NotAZipIsRefused) {
  EXPECT_FALSE(ReadZipUpload("PK nothing").ok());
  EXPECT_FALSE(ReadZipUpload("").ok());
}

}  // namespace
}  // namespace agencykpi
