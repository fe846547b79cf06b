// The HTTP server (Boost.Beast): /api/v1/* through HandleApi, everything
// else from the dashboard folder. Keep-alive, read and write timeouts, header
// and body limits (server/limits.h), a fixed pool of worker threads, an
// access log line per request on stderr, graceful stop.
//
// Hardening: an exception in a connection (a parser limit, bad_alloc…) ends
// that connection only and is logged; open connections are capped, and accept
// backs off when descriptors run out; request bodies count against a global
// budget as their bytes arrive; imports run one at a time on their own thread
// (a second one gets 503 as soon as its header is read) and are cancelled by
// DELETE /api/v1/import, by their client leaving, or by Stop; every request
// passes CheckRequestPolicy (Host, custom header, Origin) before its body is
// read; every response carries the security headers (CSP, frame, referrer,
// nosniff).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "server/limits.h"
#include "server/service.h"

namespace agencykpi {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see HttpServer::port)
  int threads = 4;
  std::filesystem::path web_root;  // empty: API only
  bool access_log = true;
  // Host names a request's Host header may give besides the loopback names
  // and `host` itself (a name under which the server is reached).
  std::vector<std::string> allowed_hosts;
  int max_connections = server_limits::kMaxConnections;
  // HTTPS: the certificate chain and its private key (PEM files); both
  // empty: plain HTTP. The session cookie is then Secure and `__Host-`
  // prefixed (server/access.h), as it is with `secure_cookies` (for a
  // server behind a TLS-terminating proxy).
  std::filesystem::path tls_cert;
  std::filesystem::path tls_key;
  bool secure_cookies = false;
  // The body limits of limits.h. The product keeps these defaults (no flag
  // sets them); tests shrink them so a slow or large body is quick to make.
  // Request bodies being received, all connections together (503 beyond).
  size_t max_body_bytes_in_flight = server_limits::kMaxBodyBytesInFlight;
  // No byte of a body for this long: the connection is closed.
  std::chrono::milliseconds body_idle_timeout = server_limits::kBodyIdleTimeout;
  // After this much of a body, its mean rate must be min_body_bytes_per_second (408 below).
  std::chrono::milliseconds min_rate_grace = server_limits::kMinRateGrace;
  size_t min_body_bytes_per_second = server_limits::kMinBodyBytesPerSecond;

  // --- Test hooks: leave empty in the product. ---
  // Called on an I/O thread for every request whose header and body were
  // read and accepted, just before it is handled, with its target and, for
  // an import, its ticket (else null; the ticket lives until the import has
  // answered). Whatever it throws escapes as an exception from inside the
  // handling would: it ends that connection only, unanswered, and is logged.
  std::function<void(std::string_view target, const ImportTicket* import)> before_handle;
};

// The Content-Security-Policy every response carries. No inline script nor
// <style> element; style *attributes* are allowed (style-src-attr) because
// ECharts writes its tooltips and SVG as markup with style attributes, and an
// attribute can neither run script nor, with img-src 'self', load anything.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

class HttpServer {
 public:
  // Binds the listening socket; InvalidInput / Io when it cannot.
  static Result<std::unique_ptr<HttpServer>> Start(AgencyService& service, const ServerOptions& options);
  ~HttpServer();  // stops, cancels a running import and joins every thread

  [[nodiscard]] uint16_t port() const;
  // True when the listening address is a loopback one (127.0.0.0/8, ::1).
  [[nodiscard]] bool loopback_only() const;
  // Serves until Stop() or SIGINT/SIGTERM (when `handle_signals`), then
  // cancels a running import, lets requests in flight finish (up to
  // kShutdownGrace) and returns.
  void Run(bool handle_signals);
  // Thread-safe; returns at once.
  void Stop();
  // After Run: waits up to `timeout` for a cancelled import to give its
  // thread back; false if it is still running (the caller may then exit
  // without destroying the server: nothing of that import is committed).
  bool WaitForImportThread(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace agencykpi
