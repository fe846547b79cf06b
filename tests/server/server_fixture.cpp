#include "server_fixture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include "store/sqlite_store.h"

namespace agencykpi::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("agencykpi-server-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string GoldenDir() { return AGENCYKPI_GOLDEN_DIR; }

std::string ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::map<std::string, std::string> ReadFolderFiles(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(folder)) files[entry.path().filename().string()] = ReadFile(entry.path());
  return files;
}

std::string CompareWithGolden(const std::string& golden_case, const std::string& actual_json,
                              const std::string& cases) {
  const TempDir tmp;
  const fs::path actual = tmp.path() / "actual.json";
  const fs::path output = tmp.path() / "compare.txt";
  std::ofstream(actual, std::ios::binary) << actual_json;
  const std::string command = std::string(AGENCYKPI_PYTHON) + " " + GoldenDir() + "/compare.py " + GoldenDir() +
                              "/" + cases + "/" + golden_case + ".expected.json " + actual.string() + " >" + output.string() + " 2>&1";
  const int status = std::system(command.c_str());
  return status == 0 ? "" : ReadFile(output);
}

std::vector<GoldenCase> GoldenCases(const std::string& cases) {
  std::vector<GoldenCase> found;
  for (const auto& entry : fs::directory_iterator(GoldenDir() + "/" + cases)) {
    if (entry.path().extension() != ".args") continue;
    GoldenCase one;
    one.name = entry.path().stem().string();
    std::istringstream data(ReadFile(fs::path(entry.path()).replace_extension(".data")));
    data >> one.folder;
    std::istringstream args(ReadFile(entry.path()));
    std::string flag, value;
    while (args >> flag >> value) {
      std::string key = flag.substr(2);
      std::replace(key.begin(), key.end(), '-', '_');
      one.params[key] = value;
    }
    found.push_back(std::move(one));
  }
  std::sort(found.begin(), found.end(), [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return found;
}

std::string QueryOf(const std::map<std::string, std::string>& params, const std::string& skip) {
  std::string query;
  for (const auto& [key, value] : params) {
    if (key != skip) query += (query.empty() ? "" : "&") + key + "=" + value;
  }
  return query;
}

std::string MakeZip(const std::map<std::string, std::string>& files) {
  const TempDir tmp;
  const fs::path folder = tmp.path() / "agency";
  fs::create_directories(folder);
  for (const auto& [name, bytes] : files) std::ofstream(folder / name, std::ios::binary) << bytes;
  const fs::path zip = tmp.path() / "agency.zip";
  const std::string command = std::string(AGENCYKPI_PYTHON) + " -m zipfile -c " + zip.string() + " " + folder.string();
  EXPECT_EQ(std::system(command.c_str()), 0);
  return ReadFile(zip);
}

std::string RunPythonWriter(const std::string& script) {
  const TempDir tmp;
  const fs::path code = tmp.path() / "writer.py";
  const fs::path out = tmp.path() / "out.bin";
  std::ofstream(code) << script;
  const std::string command = std::string(AGENCYKPI_PYTHON) + " " + code.string() + " " + out.string();
  EXPECT_EQ(std::system(command.c_str()), 0) << script;
  return ReadFile(out);
}

size_t PeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;  // in kB
  }
  ADD_FAILURE() << "no VmHWM in /proc/self/status";
  return 0;
}

void ResetPeakRss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";  // resets the peak resident size to the current one
}

Headers DashboardHeaders() { return {{"X-Requested-With", "agencykpi"}}; }

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kTestResponseBodyLimit = 64 * 1024 * 1024;

TestServer::TestServer(AgencyService& service, ServerOptions options) {
  std::ofstream(web_.path() / "index.html") << "<!doctype html><title>agencykpi</title>";
  options.port = 0;
  if (options.threads == ServerOptions{}.threads) options.threads = 2;
  options.web_root = web_.path();
  options.access_log = false;
  auto server = HttpServer::Start(service, options);
  EXPECT_TRUE(server.ok()) << server.status().message();
  if (!server.ok()) return;
  server_ = std::move(*server);
  port_ = server_->port();
  runner_ = std::thread([this] { server_->Run(/*handle_signals=*/false); });
}

TestServer::~TestServer() { Stop(); }

void TestServer::Stop() {
  if (server_ && runner_.joinable()) {
    server_->Stop();
    runner_.join();
  }
}

tcp::socket TestServer::Connect() {
  tcp::socket socket(ioc_);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  return socket;
}

HttpResponse TestServer::Send(tcp::socket& socket, http::verb method, const std::string& target, std::string body,
                              const std::string& content_type, const Headers& headers) {
  http::request<http::string_body> request{method, target, 11};
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!content_type.empty()) request.set(http::field::content_type, content_type);
  request.body() = std::move(body);
  request.prepare_payload();
  http::write(socket, request);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kTestResponseBodyLimit);
  http::read(socket, buffer, parser);
  return parser.release();
}

HttpResponse TestServer::Get(const std::string& target, const Headers& headers) {
  tcp::socket socket = Connect();
  return Send(socket, http::verb::get, target, "", "", headers);
}

beast::error_code TestServer::SendRaw(tcp::socket& socket, const std::string& bytes, HttpResponse& response) {
  beast::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
  // A write refused half way (the server answered and closed) may still have an answer to read.
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kTestResponseBodyLimit);
  beast::error_code read_ec;
  http::read(socket, buffer, parser, read_ec);
  if (!read_ec) response = parser.release();
  return read_ec;
}

std::string TestServer::RequestHead(const std::string& method, const std::string& target, const Headers& headers) {
  std::string head = method + " " + target + " HTTP/1.1\r\n";
  bool has_host = false;
  for (const auto& [name, value] : headers) has_host = has_host || beast::iequals(name, "Host");
  if (!has_host) head += "Host: 127.0.0.1:" + std::to_string(port_) + "\r\n";
  for (const auto& [name, value] : headers) head += name + ": " + value + "\r\n";
  return head + "\r\n";
}

ServiceFixture::ServiceFixture(const std::string& folder, SqliteStoreOptions store_options) {
  auto store = OpenSqliteStore(dir_.path() / "agency.db", std::move(store_options));
  EXPECT_TRUE(store.ok()) << store.status().message();
  auto service = AgencyService::Open(std::move(*store));
  EXPECT_TRUE(service.ok()) << service.status().message();
  service_ = std::move(*service);
  if (!folder.empty()) {
    auto source = FolderSource(GoldenDir() + "/" + folder);
    const ImportOutcome outcome = service_->Import(*source, folder);
    EXPECT_TRUE(outcome.status.ok()) << outcome.status.message();
  }
}

void ExpectEveryGoldenCaseServed(const std::string& cases, size_t count,
                                 const std::function<std::string(const GoldenCase&)>& path_of) {
  const std::vector<GoldenCase> golden = GoldenCases(cases);
  ASSERT_EQ(golden.size(), count);
  std::map<std::string, std::unique_ptr<ServiceFixture>> fixtures;  // one per agency folder
  for (const GoldenCase& c : golden) {
    SCOPED_TRACE(c.name);
    auto& fixture = fixtures[c.folder];
    if (!fixture) fixture = std::make_unique<ServiceFixture>(c.folder);
    const ApiResponse r = fixture->Get(path_of(c));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(CompareWithGolden(c.name, r.body, cases), "");
  }
}

}  // namespace agencykpi::testing
