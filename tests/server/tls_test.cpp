// HTTPS (--tls-cert/--tls-key): a real server on 127.0.0.1 with a throwaway
// self-signed certificate (openssl), a real TLS client.
#include <gtest/gtest.h>

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>

#include "server_fixture.h"

namespace agencykpi {
namespace {

namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cert_ = dir_.path() / "cert.pem";
    key_ = dir_.path() / "key.pem";
    const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout '" +
                                key_.string() + "' -out '" + cert_.string() + "' 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << "openssl could not make a certificate";
  }

  testing::TempDir dir_;
  std::filesystem::path cert_;
  std::filesystem::path key_;
  testing::ServiceFixture fixture_{"agence-exemple"};
};

TEST_F(TlsTest, ServesTheApiOverTls12OrLaterAndNothingInPlainHttp) {
  ServerOptions options;
  options.tls_cert = cert_;
  options.tls_key = key_;
  testing::TestServer server(fixture_.service(), options);

  boost::asio::io_context ioc;
  ssl::context client(ssl::context::tls_client);
  client.set_verify_mode(ssl::verify_none);  // self-signed, for the test only
  TlsStream stream(ioc, client);
  boost::beast::get_lowest_layer(stream).connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
  stream.handshake(ssl::stream_base::client);
  EXPECT_GE(SSL_version(stream.native_handle()), TLS1_2_VERSION);
  http::request<http::empty_body> request{http::verb::get, "/api/v1/report?period=2026-H1&as_of=2026-06-30", 11};
  request.set(http::field::host, "127.0.0.1:" + std::to_string(server.port()));
  http::write(stream, request);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(stream, buffer, response);
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(testing::CompareWithGolden("h1-closed", response.body()), "");

  // The same port in plain HTTP gets no HTTP answer.
  auto plain = server.Connect();
  testing::HttpResponse refused;
  EXPECT_TRUE(server.SendRaw(plain, server.RequestHead("GET", "/api/v1/report", {}), refused));
}

TEST_F(TlsTest, ACertificateWithoutItsKeyOrAnUnreadableOneIsRefusedAtStart) {
  ServerOptions no_key;
  no_key.tls_cert = cert_;
  EXPECT_EQ(HttpServer::Start(fixture_.service(), no_key).status().code(), ErrorCode::kInvalidInput);
  ServerOptions unreadable;
  unreadable.tls_cert = dir_.path() / "missing.pem";
  unreadable.tls_key = key_;
  const auto started = HttpServer::Start(fixture_.service(), unreadable);
  EXPECT_EQ(started.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(started.status().message().find("missing.pem"), std::string::npos) << started.status().message();
}

}  // namespace
}  // namespace agencykpi
