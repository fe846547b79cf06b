// A real server on 127.0.0.1 (a free port), a real HTTP client.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace agencykpi {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

class HttpTest : public ::testing::Test {
 protected:
  testing::ServiceFixture fixture_{"agence-exemple"};
  testing::TestServer server_{fixture_.service()};
};

TEST_F(HttpTest, ReportOverHttpEqualsTheGoldenReport) {
  const auto response = server_.Get("/api/v1/report?period=2026-H1&as_of=2026-06-30");
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response[http::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(testing::CompareWithGolden("h1-closed", response.body()), "");
}

TEST_F(HttpTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  tcp::socket socket = server_.Connect();
  const auto first = server_.Send(socket, http::verb::get, "/api/v1/meta");
  EXPECT_EQ(first.result_int(), 200U);
  EXPECT_TRUE(first.keep_alive());
  const auto second = server_.Send(socket, http::verb::get, "/api/v1/report?period=2026-13");
  EXPECT_EQ(second.result_int(), 400U);
  EXPECT_NE(second.body().find("\"parameter\":\"period\""), std::string::npos);
}

TEST_F(HttpTest, BodyOverTheLimitIs413) {
  tcp::socket socket = server_.Connect();
  const auto response =
      server_.Send(socket, http::verb::post, "/api/v1/report", std::string(2 * 1024 * 1024, 'x'), "text/plain");
  EXPECT_EQ(response.result_int(), 413U);
  EXPECT_NE(response.body().find("\"code\":\"too_large\""), std::string::npos);
}

TEST_F(HttpTest, ServesTheDashboardAndRefusesPathsOutsideIt) {
  const auto index = server_.Get("/");
  EXPECT_EQ(index.result_int(), 200U);
  EXPECT_EQ(index[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(index.body().find("agencykpi"), std::string::npos);
  EXPECT_EQ(server_.Get("/../../etc/passwd").result_int(), 404U);
  EXPECT_EQ(server_.Get("/missing.js").result_int(), 404U);
}

TEST_F(HttpTest, ImportOverHttpThenReportSeesTheNewData) {
  const std::string zip = testing::MakeZip(testing::ReadFolderFiles(testing::GoldenDir() + "/cas-limites"));
  tcp::socket socket = server_.Connect();
  const auto imported = server_.Send(socket, http::verb::post, "/api/v1/import", zip, "application/zip");
  ASSERT_EQ(imported.result_int(), 200U) << imported.body();
  const auto report = server_.Send(socket, http::verb::get, "/api/v1/report?period=2026-04&as_of=2026-06-30");
  EXPECT_EQ(testing::CompareWithGolden("edge-zero-revenue", report.body()), "");
}

// An upload of one workbook, not named after a table, is the agency as one
// workbook; its errors name the sheet and the cell.
TEST_F(HttpTest, ImportOfOneWorkbookThenReportSeesItsData) {
  const std::string book =
      testing::ReadFolderFiles(std::filesystem::path(AGENCYKPI_SOURCE_DIR) / "tests/xlsx/fixtures").at("cas-limites.xlsx");
  tcp::socket socket = server_.Connect();
  const auto imported =
      server_.Send(socket, http::verb::post, "/api/v1/import", testing::MakeZip({{"Agence.xlsx", book}}), "application/zip");
  ASSERT_EQ(imported.result_int(), 200U) << imported.body();
  const auto report = server_.Send(socket, http::verb::get, "/api/v1/report?period=2026-04&as_of=2026-06-30");
  EXPECT_EQ(testing::CompareWithGolden("edge-zero-revenue", report.body()), "");

  const std::string broken = testing::MakeZip({{"Agence.xlsx", book.substr(0, book.size() / 2)}});
  const auto refused = server_.Send(socket, http::verb::post, "/api/v1/import", broken, "application/zip");
  EXPECT_EQ(refused.result_int(), 422U) << refused.body();
  EXPECT_NE(refused.body().find("\"file\":\"Agence.xlsx\""), std::string::npos) << refused.body();
  EXPECT_NE(refused.body().find("\"code\":\"xlsx_not_zip\""), std::string::npos) << refused.body();  // cut short: no zip directory
}

TEST_F(HttpTest, StopEndsRunAndClosesTheListener) {
  const uint16_t port = server_.port();
  server_.Stop();
  asio::io_context ioc;
  tcp::socket socket(ioc);
  boost::system::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  EXPECT_TRUE(ec);
}

}  // namespace
}  // namespace agencykpi
