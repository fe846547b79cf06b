// A real server on 127.0.0.1 (a free port), a real HTTP client.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <fstream>
#include <thread>

#include "server/http_server.h"
#include "server_fixture.h"

namespace agencykpi {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(web_.path() / "index.html") << "<!doctype html><title>agencykpi</title>";
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.web_root = web_.path();
    options.access_log = false;
    auto server = HttpServer::Start(fixture_.service(), options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(*server);
    runner_ = std::thread([this] { server_->Run(/*handle_signals=*/false); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
  }

  tcp::socket Connect() {
    tcp::socket socket(ioc_);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
    return socket;
  }

  http::response<http::string_body> Send(tcp::socket& socket, http::verb method, const std::string& target,
                                         std::string body = "", const std::string& content_type = "") {
    http::request<http::string_body> request{method, target, 11};
    request.set(http::field::host, "127.0.0.1");
    if (!content_type.empty()) request.set(http::field::content_type, content_type);
    request.body() = std::move(body);
    request.prepare_payload();
    http::write(socket, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(socket, buffer, parser);
    return parser.release();
  }

  http::response<http::string_body> Get(const std::string& target) {
    tcp::socket socket = Connect();
    return Send(socket, http::verb::get, target);
  }

  testing::ServiceFixture fixture_{"agence-exemple"};
  testing::TempDir web_;
  std::unique_ptr<HttpServer> server_;
  std::thread runner_;
  asio::io_context ioc_;
};

TEST_F(HttpTest, ReportOverHttpEqualsTheGoldenReport) {
  const auto response = Get("/api/v1/report?period=2026-H1&as_of=2026-06-30");
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response[http::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(testing::CompareWithGolden("h1-closed", response.body()), "");
}

TEST_F(HttpTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  tcp::socket socket = Connect();
  const auto first = Send(socket, http::verb::get, "/api/v1/meta");
  EXPECT_EQ(first.result_int(), 200U);
  EXPECT_TRUE(first.keep_alive());
  const auto second = Send(socket, http::verb::get, "/api/v1/report?period=2026-13");
  EXPECT_EQ(second.result_int(), 400U);
  EXPECT_NE(second.body().find("\"parameter\":\"period\""), std::string::npos);
}

TEST_F(HttpTest, BodyOverTheLimitIs413) {
  tcp::socket socket = Connect();
  const auto response = Send(socket, http::verb::post, "/api/v1/report", std::string(2 * 1024 * 1024, 'x'), "text/plain");
  EXPECT_EQ(response.result_int(), 413U);
  EXPECT_NE(response.body().find("\"code\":\"too_large\""), std::string::npos);
}

TEST_F(HttpTest, ServesTheDashboardAndRefusesPathsOutsideIt) {
  const auto index = Get("/");
  EXPECT_EQ(index.result_int(), 200U);
  EXPECT_EQ(index[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(index.body().find("agencykpi"), std::string::npos);
  EXPECT_EQ(Get("/../../etc/passwd").result_int(), 404U);
  EXPECT_EQ(Get("/missing.js").result_int(), 404U);
}

TEST_F(HttpTest, ImportOverHttpThenReportSeesTheNewData) {
  const std::string zip = testing::MakeZip(testing::ReadFolderFiles(testing::GoldenDir() + "/cas-limites"));
  tcp::socket socket = Connect();
  const auto imported = Send(socket, http::verb::post, "/api/v1/import", zip, "application/zip");
  ASSERT_EQ(imported.result_int(), 200U) << imported.body();
  const auto report = Send(socket, http::verb::get, "/api/v1/report?period=2026-04&as_of=2026-06-30");
  EXPECT_EQ(testing::CompareWithGolden("edge-zero-revenue", report.body()), "");
}

TEST_F(HttpTest, StopEndsRunAndClosesTheListener) {
  const uint16_t port = server_->port();
  server_->Stop();
  runner_.join();
  tcp::socket socket(ioc_);
  beast::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  EXPECT_TRUE(ec);
}

}  // namespace
}  // namespace agencykpi
