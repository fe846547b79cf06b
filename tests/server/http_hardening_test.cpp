// The attacks of issue 7, each against a real server on 127.0.0.1 with a
// real client: what one request, one upload or one foreign page must not do.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "server/http_server.h"
#include "server/limits.h"
#include "server_fixture.h"

namespace agencykpi {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using json = nlohmann::json;
using testing::Headers;
using testing::HttpResponse;

constexpr const char* kReportTarget = "/api/v1/report?period=2026-H1&as_of=2026-06-30";
// How often, and how many times, a test looks again for a state the server
// reaches on its own threads (a freed slot, a closed connection noticed).
constexpr auto kPollInterval = std::chrono::milliseconds(10);
constexpr int kMaxPolls = 1000;
// The longest a test waits for a condition that the server reaches on its
// own (a timeout firing, a connection closed): generous, never a measure.
constexpr auto kConditionDeadline = std::chrono::seconds(60);
// CPU time the whole test process may use in one second while accept fails:
// a spinning accept loop burns a whole core (and more) in that second.
constexpr double kMaxCpuSecondsWhileOutOfDescriptors = 0.3;

json Body(const HttpResponse& r) { return json::parse(r.body()); }

Headers With(Headers headers, const std::string& name, const std::string& value) {
  headers.emplace_back(name, value);
  return headers;
}

// Polls `condition` until it holds (true) or kConditionDeadline passes (false).
template <class Condition>
bool WaitFor(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + kConditionDeadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
  return true;
}

// How a connection ended, as its client saw it.
struct Ending {
  bool closed = false;   // the server closed it (end of stream or reset)
  std::string received;  // every byte the server sent before
};

// True when the server has answered on `socket` or closed it.
bool AnsweredOrClosed(tcp::socket& socket) {
  pollfd ready{socket.native_handle(), POLLIN, 0};
  return ::poll(&ready, 1, 0) > 0;
}

// Reads `socket` until the server closes it, for kConditionDeadline at most.
Ending WaitForServerToClose(tcp::socket& socket) {
  Ending ending;
  const auto deadline = std::chrono::steady_clock::now() + kConditionDeadline;
  std::array<char, 4096> chunk{};
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd ready{socket.native_handle(), POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(kPollInterval.count())) <= 0) continue;
    const ssize_t got = ::recv(socket.native_handle(), chunk.data(), chunk.size(), 0);
    if (got > 0) {
      ending.received.append(chunk.data(), static_cast<size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      ending.closed = true;
      return ending;
    }
  }
  return ending;
}

class HttpHardeningTest : public ::testing::Test {
 protected:
  std::string AgencyZip() {
    return testing::MakeZip(testing::ReadFolderFiles(testing::GoldenDir() + "/cas-limites"));
  }

  // POST /api/v1/import of `zip` on a new connection with the dashboard's headers plus `extra`.
  HttpResponse Import(const std::string& zip, const Headers& extra = {}) { return Import(server_, zip, extra); }
  static HttpResponse Import(testing::TestServer& server, const std::string& zip, const Headers& extra = {}) {
    tcp::socket socket = server.Connect();
    Headers headers = testing::DashboardHeaders();
    headers.insert(headers.end(), extra.begin(), extra.end());
    return server.Send(socket, http::verb::post, "/api/v1/import", zip, "application/zip", headers);
  }

  // The raw header of an import announcing `length` body bytes.
  std::string ImportHead(size_t length, const Headers& extra = testing::DashboardHeaders()) {
    return ImportHead(server_, length, extra);
  }
  static std::string ImportHead(testing::TestServer& server, size_t length,
                                const Headers& extra = testing::DashboardHeaders()) {
    return server.RequestHead("POST", "/api/v1/import",
                              With(With(extra, "Content-Type", "application/zip"), "Content-Length",
                                   std::to_string(length)));
  }

  int64_t DatasetVersion() { return DatasetVersion(server_); }
  static int64_t DatasetVersion(testing::TestServer& server) {
    return Body(server.Get("/api/v1/meta"))["dataset_version"].get<int64_t>();
  }

  testing::ServiceFixture fixture_{"agence-exemple"};
  testing::TestServer server_{fixture_.service()};
};

// --- one request must never crash the server ---------------------------------

TEST_F(HttpHardeningTest, TrailerFieldOver64KiBEndsOnlyItsConnection) {
  // Beast 1.74 throws std::length_error on a field value over 64 KiB; in a
  // trailer nothing bounded it, and the exception ended the server.
  tcp::socket socket = server_.Connect();
  const std::string request =
      server_.RequestHead("POST", "/api/v1/report",
                          With(testing::DashboardHeaders(), "Transfer-Encoding", "chunked")) +
      "1\r\nx\r\n0\r\nX-Big: " + std::string(65 * 1024, 'a') + "\r\n\r\n";
  HttpResponse refused;
  ASSERT_FALSE(server_.SendRaw(socket, request, refused));
  EXPECT_EQ(refused.result_int(), 431U) << refused.body();
  EXPECT_EQ(Body(refused)["error"]["code"], "header_too_large");
  EXPECT_EQ(server_.Get("/api/v1/meta").result_int(), 200U);
}

TEST_F(HttpHardeningTest, NinetyMegabyteTrailerIsRefused) {
  tcp::socket socket = server_.Connect();
  std::string request = server_.RequestHead("POST", "/api/v1/report",
                                            With(testing::DashboardHeaders(), "Transfer-Encoding", "chunked")) +
                        "0\r\n";
  const std::string field = "X-Field: " + std::string(990, 'b') + "\r\n";
  constexpr size_t kTrailerBytes = 90 * 1000 * 1000;
  request.reserve(request.size() + kTrailerBytes + field.size());
  while (request.size() < kTrailerBytes) request += field;
  request += "\r\n";
  HttpResponse refused;
  const beast::error_code ec = server_.SendRaw(socket, request, refused);
  // Refused either way: an answer of 431, or the connection closed under the writer.
  if (!ec) {
    EXPECT_EQ(refused.result_int(), 431U) << refused.body();
  }
  EXPECT_EQ(server_.Get("/api/v1/meta").result_int(), 200U);
}

TEST_F(HttpHardeningTest, TrailerFieldsCountAgainstTheHeaderLimit) {
  const std::string padding(server_limits::kMaxHeaderBytes * 5 / 8, 'p');
  const Headers padded = With(With(testing::DashboardHeaders(), "Transfer-Encoding", "chunked"), "X-Pad", padding);
  const std::string head = server_.RequestHead("POST", "/api/v1/import", With(padded, "Content-Type", "text/plain"));

  // The header alone is within the limit: the request is answered (415, not an upload).
  tcp::socket alone = server_.Connect();
  HttpResponse answered;
  ASSERT_FALSE(server_.SendRaw(alone, head + "1\r\nx\r\n0\r\n\r\n", answered));
  EXPECT_EQ(answered.result_int(), 415U) << answered.body();

  // The same header with a trailer as large is over it.
  tcp::socket with_trailer = server_.Connect();
  HttpResponse refused;
  ASSERT_FALSE(server_.SendRaw(with_trailer, head + "1\r\nx\r\n0\r\nX-Late: " + padding + "\r\n\r\n", refused));
  EXPECT_EQ(refused.result_int(), 431U) << refused.body();
}

TEST_F(HttpHardeningTest, InvalidUtf8InAnEchoedParameterGivesValidJson) {
  const HttpResponse period = server_.Get("/api/v1/report?period=%FF%C3%28x");
  EXPECT_EQ(period.result_int(), 400U);
  const json body = Body(period);  // nlohmann refuses invalid UTF-8
  EXPECT_NE(body["error"]["message"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
  const HttpResponse client = server_.Get("/api/v1/clients/%FE%80");
  EXPECT_EQ(client.result_int(), 404U);
  EXPECT_NE(Body(client)["error"]["message"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
}

TEST_F(HttpHardeningTest, MethodNotAllowedCarriesAllow) {
  tcp::socket socket = server_.Connect();
  const HttpResponse report = server_.Send(socket, http::verb::delete_, "/api/v1/report");
  EXPECT_EQ(report.result_int(), 405U);
  EXPECT_EQ(report[http::field::allow], "GET");
  const HttpResponse import = server_.Send(socket, http::verb::get, "/api/v1/import");
  EXPECT_EQ(import.result_int(), 405U);
  EXPECT_EQ(import[http::field::allow], "POST, DELETE");
  const HttpResponse page = server_.Send(socket, http::verb::put, "/index.html");
  EXPECT_EQ(page.result_int(), 405U);
  EXPECT_EQ(page[http::field::allow], "GET, HEAD");
}

// --- the browser as a weapon --------------------------------------------------

TEST_F(HttpHardeningTest, EveryResponseCarriesTheSecurityHeaders) {
  tcp::socket socket = server_.Connect();
  std::vector<HttpResponse> responses;
  responses.push_back(server_.Send(socket, http::verb::get, "/"));
  responses.push_back(server_.Send(socket, http::verb::get, "/api/v1/meta"));
  responses.push_back(server_.Send(socket, http::verb::get, "/missing.js"));
  responses.push_back(server_.Send(socket, http::verb::get, "/api/v1/nothing"));
  responses.push_back(server_.Get("/api/v1/meta", {{"Host", "evil.example"}}));
  ASSERT_EQ(responses.size(), 5U);
  for (const HttpResponse& r : responses) {
    SCOPED_TRACE(r.result_int());
    EXPECT_EQ(r["Content-Security-Policy"], std::string(kContentSecurityPolicy));
    EXPECT_EQ(r["X-Frame-Options"], "DENY");
    EXPECT_EQ(r["Referrer-Policy"], "no-referrer");
    EXPECT_EQ(r["X-Content-Type-Options"], "nosniff");
  }
}

TEST_F(HttpHardeningTest, ForeignHostIsRefusedAgainstDnsRebinding) {
  const HttpResponse foreign = server_.Get("/api/v1/meta", {{"Host", "rebound.example:8080"}});
  EXPECT_EQ(foreign.result_int(), 421U);
  EXPECT_EQ(Body(foreign)["error"]["code"], "misdirected_request");
  EXPECT_EQ(server_.Get("/api/v1/meta", {{"Host", "localhost"}}).result_int(), 200U);
  EXPECT_EQ(server_.Get("/api/v1/meta", {{"Host", "LOCALHOST:" + std::to_string(server_.port())}}).result_int(), 200U);
  EXPECT_EQ(server_.Get("/api/v1/meta", {{"Host", "[::1]:80"}}).result_int(), 200U);

  tcp::socket socket = server_.Connect();
  HttpResponse no_host;
  ASSERT_FALSE(server_.SendRaw(socket, "GET /api/v1/meta HTTP/1.1\r\n\r\n", no_host));
  EXPECT_EQ(no_host.result_int(), 400U);
}

TEST_F(HttpHardeningTest, AllowedHostOptionAddsAName) {
  ServerOptions options;
  options.allowed_hosts = {"Agency.Example"};
  testing::TestServer named(fixture_.service(), options);
  EXPECT_EQ(named.Get("/api/v1/meta", {{"Host", "agency.example:443"}}).result_int(), 200U);
  EXPECT_EQ(named.Get("/api/v1/meta", {{"Host", "other.example"}}).result_int(), 421U);
}

TEST_F(HttpHardeningTest, RequestChangingDataWithoutTheCustomHeaderIsRefused) {
  for (const Headers& headers : {Headers{}, Headers{{"X-Requested-With", "XMLHttpRequest"}}}) {
    tcp::socket socket = server_.Connect();
    HttpResponse refused;
    ASSERT_FALSE(server_.SendRaw(socket, ImportHead(1000, headers), refused));
    EXPECT_EQ(refused.result_int(), 403U);
    EXPECT_NE(Body(refused)["error"]["message"].get<std::string>().find("X-Requested-With"), std::string::npos);
  }
  EXPECT_EQ(DatasetVersion(), 1);
}

TEST_F(HttpHardeningTest, CrossOriginImportIsRefusedAndSameOriginAccepted) {
  const std::vector<Headers> foreign = {
      With(testing::DashboardHeaders(), "Origin", "http://evil.example"),
      With(testing::DashboardHeaders(), "Origin", "null"),
      With(testing::DashboardHeaders(), "Origin", "http://127.0.0.1:1"),
      With(testing::DashboardHeaders(), "Sec-Fetch-Site", "cross-site"),
      With(testing::DashboardHeaders(), "Sec-Fetch-Site", "same-site"),
  };
  ASSERT_EQ(foreign.size(), 5U);
  for (const Headers& headers : foreign) {
    tcp::socket socket = server_.Connect();
    HttpResponse refused;
    ASSERT_FALSE(server_.SendRaw(socket, ImportHead(1000, headers), refused));
    EXPECT_EQ(refused.result_int(), 403U) << headers.back().second;
    EXPECT_EQ(Body(refused)["error"]["code"], "forbidden");
  }
  EXPECT_EQ(DatasetVersion(), 1);

  const std::string origin = "http://127.0.0.1:" + std::to_string(server_.port());
  const HttpResponse imported = Import(AgencyZip(), {{"Origin", origin}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(imported.result_int(), 200U) << imported.body();
  EXPECT_EQ(DatasetVersion(), 2);
}

// --- imports: one at a time, cancellable ---------------------------------------

TEST_F(HttpHardeningTest, SecondImportWhileOneRunsGets503WithRetryAfter) {
  auto running = fixture_.service().BeginImport();
  ASSERT_TRUE(running.ok());
  // Only the header is sent: the answer must not wait for the body.
  tcp::socket socket = server_.Connect();
  HttpResponse busy;
  ASSERT_FALSE(server_.SendRaw(socket, ImportHead(1024 * 1024), busy));
  EXPECT_EQ(busy.result_int(), 503U);
  EXPECT_EQ(busy[http::field::retry_after], std::to_string(server_limits::kRetryAfterSeconds));
  EXPECT_EQ(Body(busy)["error"]["code"], "busy");
  running->reset();
  EXPECT_EQ(Import(AgencyZip()).result_int(), 200U);
}

TEST_F(HttpHardeningTest, DeleteCancelsARunningImportAndTheOldDataIsStillServed) {
  const std::string before = server_.Get(kReportTarget).body();
  const std::string zip = AgencyZip();
  tcp::socket uploader = server_.Connect();
  asio::write(uploader, asio::buffer(ImportHead(zip.size())));
  // The import holds the slot as soon as its header is read.
  HttpResponse cancelled;
  tcp::socket canceller = server_.Connect();
  for (int i = 0; i < kMaxPolls; ++i) {
    cancelled = server_.Send(canceller, http::verb::delete_, "/api/v1/import");
    if (cancelled.result_int() == 200U) break;
    std::this_thread::sleep_for(kPollInterval);
  }
  ASSERT_EQ(cancelled.result_int(), 200U) << cancelled.body();
  EXPECT_EQ(Body(cancelled)["cancelled"], true);

  HttpResponse answer;
  ASSERT_FALSE(server_.SendRaw(uploader, zip, answer));
  EXPECT_EQ(answer.result_int(), 409U) << answer.body();
  EXPECT_EQ(Body(answer)["error"]["code"], "cancelled");
  EXPECT_EQ(DatasetVersion(), 1);
  EXPECT_EQ(server_.Get(kReportTarget).body(), before);
  EXPECT_EQ(server_.Send(canceller, http::verb::delete_, "/api/v1/import").result_int(), 404U);
}

TEST_F(HttpHardeningTest, ClientLeavingMidUploadFreesTheImportSlot) {
  const std::string zip = AgencyZip();
  {
    tcp::socket leaver = server_.Connect();
    asio::write(leaver, asio::buffer(ImportHead(zip.size()) + zip.substr(0, zip.size() / 2)));
  }
  HttpResponse imported;
  for (int i = 0; i < kMaxPolls; ++i) {
    imported = Import(zip);
    if (imported.result_int() != 503U) break;
    std::this_thread::sleep_for(kPollInterval);
  }
  EXPECT_EQ(imported.result_int(), 200U) << imported.body();
  EXPECT_EQ(DatasetVersion(), 2);
}

TEST_F(HttpHardeningTest, StopDuringAnImportUploadEndsRun) {
  tcp::socket uploader = server_.Connect();
  asio::write(uploader, asio::buffer(ImportHead(1024 * 1024)));
  bool slot_taken = false;
  for (int i = 0; i < kMaxPolls && !slot_taken; ++i) {
    slot_taken = !fixture_.service().BeginImport().ok();
    if (!slot_taken) std::this_thread::sleep_for(kPollInterval);
  }
  ASSERT_TRUE(slot_taken);
  server_.Stop();  // returns once Run has returned
  EXPECT_TRUE(server_.server().WaitForImportThread(std::chrono::milliseconds(0)));
}

// --- uploads must not exhaust memory ---------------------------------------------

class ZipUploadTest : public HttpHardeningTest {
 protected:
  // Posts `zip` and checks it is refused with `status` (or either of 400 and
  // 413 when 0), and that the process stayed within the memory budget.
  void ExpectRefusedWithinBudget(const std::string& zip, unsigned status) {
    testing::ResetPeakRss();
    const HttpResponse refused = Import(zip);
    const size_t peak = testing::PeakRssBytes();
    if (status == 0) {
      EXPECT_TRUE(refused.result_int() == 400U || refused.result_int() == 413U) << refused.body();
    } else {
      EXPECT_EQ(refused.result_int(), status) << refused.body();
    }
    EXPECT_LT(peak, server_limits::kZipBombPeakRssBudget);
    EXPECT_EQ(DatasetVersion(), 1);
    EXPECT_EQ(server_.Get("/api/v1/meta").result_int(), 200U);
  }
};

// 512 MiB of one byte, packed about a thousand times.
constexpr const char* kZipBombScript = R"(
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    with z.open('time_entries.csv', 'w', force_zip64=True) as f:
        block = b'0' * (1 << 20)
        for _ in range(512):
            f.write(block)
)";

// A small valid clients.csv whose sizes, in the local and the central header,
// are replaced by DECLARED.
constexpr const char* kLyingZipScript = R"(
import struct, sys, zipfile
declared = DECLARED
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('clients.csv', 'client_id,name\nC1,Alpha\n' + 'x' * CONTENT)
data = bytearray(open(sys.argv[1], 'rb').read())
local = data.find(b'PK\x03\x04')
struct.pack_into('<I', data, local + 22, declared)
central = data.find(b'PK\x01\x02')
struct.pack_into('<I', data, central + 24, declared)
open(sys.argv[1], 'wb').write(bytes(data))
)";

std::string LyingZip(size_t declared, size_t content) {
  std::string script = kLyingZipScript;
  script.replace(script.find("DECLARED"), 8, std::to_string(declared));
  script.replace(script.find("CONTENT"), 7, std::to_string(content));
  return testing::RunPythonWriter(script);
}

TEST_F(ZipUploadTest, ZipBombIsRefusedWithinTheMemoryBudget) {
  const std::string bomb = testing::RunPythonWriter(kZipBombScript);
  ASSERT_LT(bomb.size(), 1024U * 1024U);
  ExpectRefusedWithinBudget(bomb, 413U);
}

TEST_F(ZipUploadTest, ZipDeclaringTwoGigabytesIsRefusedWithoutAllocatingThem) {
  ExpectRefusedWithinBudget(LyingZip(2000U * 1000U * 1000U, 100), 413U);
}

TEST_F(ZipUploadTest, ZipDeclaringTinyButUnpackingBigIsRefused) {
  ExpectRefusedWithinBudget(LyingZip(10, 300U * 1024U * 1024U), 0);
}

// --- body limits, with the ServerOptions a test may shrink --------------------------

// The status of a GET of `target` on a new connection; 0 when the server
// closed it unanswered.
unsigned GetStatus(testing::TestServer& server, const std::string& target) {
  tcp::socket socket = server.Connect();
  HttpResponse answer;
  return server.SendRaw(socket, server.RequestHead("GET", target, {}), answer) ? 0 : answer.result_int();
}

TEST_F(HttpHardeningTest, StalledBodyIsDroppedAndItsMemoryAndSlotAreFreed) {
  const std::string zip = AgencyZip();
  ServerOptions options;
  options.body_idle_timeout = std::chrono::seconds(1);
  // Room for one whole body and half another: the next import fits only if
  // the stalled body's bytes were given back.
  options.max_body_bytes_in_flight = zip.size() + zip.size() / 2;
  testing::TestServer server(fixture_.service(), options);

  tcp::socket stalled = server.Connect();
  asio::write(stalled, asio::buffer(ImportHead(server, zip.size()) + zip.substr(0, zip.size() - 1)));
  const Ending ending = WaitForServerToClose(stalled);
  EXPECT_TRUE(ending.closed);
  EXPECT_EQ(ending.received, "");  // dropped, not answered

  // The slot and the bytes are free before the close: the next import passes at once.
  const HttpResponse imported = Import(server, zip);
  EXPECT_EQ(imported.result_int(), 200U) << imported.body();
  EXPECT_EQ(DatasetVersion(server), 2);
}

TEST_F(HttpHardeningTest, BodyTrickledBelowTheMinimumRateGets408) {
  ServerOptions options;
  options.min_rate_grace = std::chrono::seconds(1);
  testing::TestServer server(fixture_.service(), options);

  tcp::socket trickler = server.Connect();
  asio::write(trickler, asio::buffer(ImportHead(server, 1024 * 1024)));
  // One byte per poll interval, far below kMinBodyBytesPerSecond, until the server answers.
  const char byte = 'z';
  beast::error_code ec;
  ASSERT_TRUE(WaitFor([&] {
    asio::write(trickler, asio::buffer(&byte, 1), ec);
    return ec || trickler.available(ec) > 0;
  }));
  ASSERT_FALSE(ec) << ec.message();
  beast::flat_buffer buffer;
  HttpResponse refused;
  http::read(trickler, buffer, refused, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(refused.result_int(), 408U) << refused.body();
  EXPECT_EQ(Body(refused)["error"]["code"], "too_slow");

  // Closed after the answer, and the import slot it held is free.
  EXPECT_TRUE(WaitForServerToClose(trickler).closed);
  EXPECT_TRUE(fixture_.service().BeginImport().ok());
  EXPECT_EQ(DatasetVersion(server), 1);
}

TEST_F(HttpHardeningTest, BodiesOverTheGlobalBudgetGet503WhileASmallRequestPasses) {
  constexpr size_t kBudget = 256 * 1024;
  constexpr size_t kHeldBytes = 200 * 1024;  // of a body that then waits for the rest
  constexpr size_t kLargeBytes = 100 * 1024;  // fits alone, not beside the held bytes
  constexpr size_t kSmallBytes = 1024;        // fits beside them
  ServerOptions options;
  options.max_body_bytes_in_flight = kBudget;
  options.body_idle_timeout = server_limits::kReadTimeout;  // the held body waits as long as a request may
  testing::TestServer server(fixture_.service(), options);

  // The head of a POST to /report announcing `bytes` (405 once its body is read).
  const auto head = [&server](size_t bytes) {
    const Headers headers =
        With(With(testing::DashboardHeaders(), "Content-Type", "text/plain"), "Content-Length", std::to_string(bytes));
    return server.RequestHead("POST", "/api/v1/report", headers);
  };
  // A whole POST of `bytes` on a new connection: 405, or 503 when the budget is spent.
  const auto post = [&server, &head](size_t bytes) {
    tcp::socket socket = server.Connect();
    const std::string request = head(bytes) + std::string(bytes, 'x');
    HttpResponse answer;
    EXPECT_FALSE(server.SendRaw(socket, request, answer));
    // A refused body's share is given back before its connection is closed.
    if (answer.result_int() == 503U) {
      EXPECT_TRUE(WaitForServerToClose(socket).closed);
    }
    return answer;
  };
  ASSERT_EQ(post(kLargeBytes).result_int(), 405U);

  // A body of which kHeldBytes arrive, then nothing.
  const auto hold = [&server, &head] {
    tcp::socket socket = server.Connect();
    asio::write(socket, asio::buffer(head(2 * kHeldBytes) + std::string(kHeldBytes, 'z')));
    return socket;
  };
  tcp::socket held = hold();
  // The held bytes are charged as the server receives them. A probe arriving
  // meanwhile may be the one that pushes the held body over the budget: that
  // body is then refused, and held again.
  HttpResponse over;
  ASSERT_TRUE(WaitFor([&] {
    if (AnsweredOrClosed(held)) held = hold();
    over = post(kLargeBytes);
    return over.result_int() == 503U;
  }));
  EXPECT_EQ(over[http::field::retry_after], std::to_string(server_limits::kRetryAfterSeconds));
  EXPECT_EQ(Body(over)["error"]["code"], "busy");

  EXPECT_EQ(post(kSmallBytes).result_int(), 405U);
  EXPECT_EQ(GetStatus(server, "/api/v1/meta"), 200U);

  // Once the held body's client leaves, its bytes are given back.
  held.close();
  EXPECT_TRUE(WaitFor([&] { return post(kLargeBytes).result_int() == 405U; }));
}

constexpr std::string_view kThrowsStdException = "/api/v1/meta?fail=std";
constexpr std::string_view kThrowsOtherException = "/api/v1/meta?fail=other";

TEST_F(HttpHardeningTest, ExceptionWhileHandlingARequestEndsOnlyItsConnection) {
  ServerOptions options;
  options.before_handle = [](std::string_view target, const ImportTicket*) {
    if (target == kThrowsStdException) throw std::runtime_error("thrown by the test");
    if (target == kThrowsOtherException) throw 42;  // not a std::exception
  };
  testing::TestServer server(fixture_.service(), options);
  tcp::socket bystander = server.Connect();
  ASSERT_EQ(server.Send(bystander, http::verb::get, "/api/v1/meta").result_int(), 200U);

  const std::vector<std::string_view> failing = {kThrowsStdException, kThrowsOtherException};
  ASSERT_EQ(failing.size(), 2U);
  for (const std::string_view target : failing) {
    SCOPED_TRACE(target);
    tcp::socket victim = server.Connect();
    asio::write(victim, asio::buffer(server.RequestHead("GET", std::string(target), {})));
    const Ending ending = WaitForServerToClose(victim);
    EXPECT_TRUE(ending.closed);
    EXPECT_EQ(ending.received, "");
    // The other connection goes on, and new ones are served.
    EXPECT_EQ(server.Send(bystander, http::verb::get, "/api/v1/meta").result_int(), 200U);
    EXPECT_EQ(GetStatus(server, "/api/v1/meta"), 200U);
  }
}

TEST_F(HttpHardeningTest, ClientLeavingWhileItsImportIsProcessedCancelsItAndTheOldDataIsStillServed) {
  // The import under test stops at its first stored row until the server has
  // cancelled it, so the client leaves while it is surely being processed.
  struct SlowImport {
    std::atomic<bool> armed{false};
    std::atomic<const ImportTicket*> ticket{nullptr};
    std::atomic<bool> storing{false};
    std::atomic<bool> saw_cancel{false};
  };
  auto slow = std::make_shared<SlowImport>();
  SqliteStoreOptions store_options;
  store_options.after_row_inserted = [slow](int64_t) {
    if (!slow->armed.load() || slow->storing.exchange(true)) return Status::Ok();
    slow->saw_cancel = WaitFor([&] {
      const ImportTicket* ticket = slow->ticket.load();
      return ticket != nullptr && ticket->cancelled();
    });
    return Status::Ok();
  };
  testing::ServiceFixture slow_fixture("agence-exemple", store_options);
  slow->armed = true;
  ServerOptions options;
  options.before_handle = [slow](std::string_view, const ImportTicket* import) {
    if (import != nullptr) slow->ticket = import;
  };
  testing::TestServer server(slow_fixture.service(), options);
  const std::string before = server.Get(kReportTarget).body();
  const std::string zip = AgencyZip();

  tcp::socket leaver = server.Connect();
  asio::write(leaver, asio::buffer(ImportHead(server, zip.size()) + zip));
  ASSERT_TRUE(WaitFor([&] { return slow->storing.load(); }));
  leaver.close();

  // The import ends (its slot is free) having seen its cancellation, and nothing of it is kept.
  EXPECT_TRUE(WaitFor([&] { return slow_fixture.service().BeginImport().ok(); }));
  EXPECT_TRUE(slow->saw_cancel.load());
  EXPECT_EQ(DatasetVersion(server), 1);
  EXPECT_EQ(server.Get(kReportTarget).body(), before);
}

// --- connection limits -------------------------------------------------------------

TEST_F(HttpHardeningTest, ConnectionsBeyondTheCapAreTurnedAway) {
  ServerOptions options;
  options.max_connections = 4;
  testing::TestServer capped(fixture_.service(), options);
  std::vector<tcp::socket> held;
  for (int i = 0; i < options.max_connections; ++i) {
    held.push_back(capped.Connect());
    EXPECT_EQ(capped.Send(held.back(), http::verb::get, "/api/v1/meta").result_int(), 200U);
  }
  ASSERT_EQ(held.size(), 4U);

  // The next one is answered 503 at once, without being read.
  tcp::socket over = capped.Connect();
  beast::flat_buffer buffer;
  http::response<http::string_body> turned_away;
  beast::error_code ec;
  http::read(over, buffer, turned_away, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(turned_away.result_int(), 503U);
  EXPECT_EQ(turned_away[http::field::retry_after], std::to_string(server_limits::kRetryAfterSeconds));

  held.pop_back();  // closes one: its place is free once the server sees it gone
  unsigned status = 0;
  for (int i = 0; i < kMaxPolls && status != 200U; ++i) {
    tcp::socket next = capped.Connect();
    HttpResponse answer;
    const beast::error_code sent = capped.SendRaw(next, capped.RequestHead("GET", "/api/v1/meta", {}), answer);
    status = sent ? 0 : answer.result_int();
    if (status != 200U) std::this_thread::sleep_for(kPollInterval);
  }
  EXPECT_EQ(status, 200U);
}

double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

size_t OpenDescriptors() {
  size_t count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++count;
  return count;
}

TEST_F(HttpHardeningTest, AcceptBacksOffWhenDescriptorsRunOut) {
#if defined(__SANITIZE_ADDRESS__)
  // The sanitizers' own checks open a pipe to probe memory; with every
  // descriptor taken they report false errors. The release build runs it.
  GTEST_SKIP() << "needs free descriptors under the sanitizers; run in the release build";
#endif
  asio::io_context ioc;
  tcp::socket client(ioc);
  client.open(tcp::v4());
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);

  // Every descriptor the limit leaves is taken, so the server's accept fails.
  rlimit lowered = saved;
  lowered.rlim_cur = OpenDescriptors() + 8;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
  std::vector<int> fillers;
  for (int fd = dup(0); fd >= 0; fd = dup(0)) fillers.push_back(fd);
  ASSERT_FALSE(fillers.empty());
  beast::error_code ec;
  client.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_.port()), ec);  // queued by the kernel
  ASSERT_FALSE(ec) << ec.message();
  asio::write(client, asio::buffer(server_.RequestHead("GET", "/api/v1/meta", {})), ec);
  ASSERT_FALSE(ec) << ec.message();

  const double cpu_before = ProcessCpuSeconds();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const double cpu_used = ProcessCpuSeconds() - cpu_before;

  for (const int fd : fillers) close(fd);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
  EXPECT_LT(cpu_used, kMaxCpuSecondsWhileOutOfDescriptors);

  // Descriptors free again: the queued connection is served.
  beast::flat_buffer buffer;
  http::response<http::string_body> served;
  http::read(client, buffer, served, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(served.result_int(), 200U);
}

}  // namespace
}  // namespace agencykpi
