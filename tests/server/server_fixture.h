// A service over a temporary SQLite store holding a golden agency folder.
#pragma once

#include <utility>  // before Asio, whose awaitable.hpp needs std::exchange

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server/api.h"
#include "server/http_server.h"
#include "server/service.h"
#include "store/sqlite_store.h"

namespace agencykpi::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string GoldenDir();
std::string ReadFile(const std::filesystem::path& file);
std::map<std::string, std::string> ReadFolderFiles(const std::filesystem::path& folder);

// Runs the golden compare.py on `actual_json` against the expected file of
// `golden_case` in the golden folder `cases` ("cases", "review-cases").
// Returns compare.py's output; empty when they match.
std::string CompareWithGolden(const std::string& golden_case, const std::string& actual_json,
                              const std::string& cases = "cases");

// One golden case of a folder: its name, the agency folder it reads (the
// .data file's name, "agence-exemple"), and its arguments as API query
// parameters ("--period 2026-H1 --as-of …" → {"period": "2026-H1", "as_of": …}).
struct GoldenCase {
  std::string name;
  std::string folder;
  std::map<std::string, std::string> params;
};
// Every case of GoldenDir()/cases, in name order.
std::vector<GoldenCase> GoldenCases(const std::string& cases);
// "a=1&b=2" of the parameters but `skip`.
std::string QueryOf(const std::map<std::string, std::string>& params, const std::string& skip = "");

// A zip of `files` (via python3's zipfile), as bytes.
std::string MakeZip(const std::map<std::string, std::string>& files);

// The bytes a python3 script writes to the file named by its first argument
// (sys.argv[1]): archives no zip library writes on purpose.
std::string RunPythonWriter(const std::string& script);

// The test process's peak resident memory (VmHWM), and its reset to the
// current resident size (so a test measures its own peak).
size_t PeakRssBytes();
void ResetPeakRss();

class ServiceFixture {
 public:
  // Imports the golden folder `folder` ("agence-exemple") into a fresh store
  // opened with `store_options` (whose test hooks then see that import too).
  explicit ServiceFixture(const std::string& folder, SqliteStoreOptions store_options = {});
  AgencyService& service() { return *service_; }
  ApiResponse Get(const std::string& target) { return HandleApi(*service_, ApiRequest{"GET", target, "", ""}); }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::unique_ptr<AgencyService> service_;
};

// Every case of GoldenDir()/cases through the API: asserts there are
// `count` of them, serves each case's agency folder once, GETs path_of(case)
// and expects a 200 that compare.py finds equal to the expected file.
void ExpectEveryGoldenCaseServed(const std::string& cases, size_t count,
                                 const std::function<std::string(const GoldenCase&)>& path_of);

using Headers = std::vector<std::pair<std::string, std::string>>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

// What every request of the dashboard that changes data carries.
Headers DashboardHeaders();

// A real server on a free 127.0.0.1 port, serving `service` and a dashboard
// folder holding one index.html, run on its own thread; and a real client.
class TestServer {
 public:
  TestServer(AgencyService& service, ServerOptions options = {});
  ~TestServer();  // stops the server and joins its thread
  uint16_t port() const { return port_; }
  HttpServer& server() { return *server_; }
  // Stops the server and waits for Run to return.
  void Stop();

  boost::asio::ip::tcp::socket Connect();
  // One request on `socket` (Host 127.0.0.1:port unless `headers` names one), its response.
  HttpResponse Send(boost::asio::ip::tcp::socket& socket, boost::beast::http::verb method, const std::string& target,
                    std::string body = "", const std::string& content_type = "",
                    const Headers& headers = DashboardHeaders());
  HttpResponse Get(const std::string& target, const Headers& headers = {});
  // Writes raw bytes, then reads one response; an error if the server closed first.
  boost::beast::error_code SendRaw(boost::asio::ip::tcp::socket& socket, const std::string& bytes,
                                   HttpResponse& response);
  // The raw bytes of a request header (method, target, Host and `headers`), ending with the blank line.
  std::string RequestHead(const std::string& method, const std::string& target, const Headers& headers);

 private:
  TempDir web_;
  std::unique_ptr<HttpServer> server_;
  uint16_t port_ = 0;
  std::thread runner_;
  boost::asio::io_context ioc_;
};

}  // namespace agencykpi::testing
