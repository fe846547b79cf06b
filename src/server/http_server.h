// The HTTP server (Boost.Beast): /api/v1/* through HandleApi, everything
// else from the dashboard folder. Keep-alive, read and write timeouts, header
// and body limits (server/limits.h), a fixed pool of worker threads, an
// access log line per request on stderr, graceful stop.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "common/status.h"
#include "server/service.h"

namespace agencykpi {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see HttpServer::port)
  int threads = 4;
  std::filesystem::path web_root;  // empty: API only
  bool access_log = true;
};

class HttpServer {
 public:
  // Binds the listening socket; InvalidInput / Io when it cannot.
  static Result<std::unique_ptr<HttpServer>> Start(AgencyService& service, const ServerOptions& options);
  ~HttpServer();  // stops and joins the workers

  [[nodiscard]] uint16_t port() const;
  // Serves until Stop() or SIGINT/SIGTERM (when `handle_signals`), then
  // lets requests in flight finish (up to kShutdownGrace).
  void Run(bool handle_signals);
  // Thread-safe; returns at once.
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace agencykpi
