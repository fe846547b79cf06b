#include "server/http_server.h"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "server/api.h"
#include "server/limits.h"
#include "server/static_files.h"

namespace agencykpi {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace server_limits;

namespace {

std::string_view View(beast::string_view text) { return {text.data(), text.size()}; }

constexpr std::string_view kApiPath = "/api/";
constexpr std::string_view kImportPath = "/api/v1/import";
constexpr auto kStopPollInterval = std::chrono::milliseconds(20);
constexpr int kHttpVersion11 = 11;
constexpr auto kDrainTimeout = std::chrono::seconds(2);
constexpr size_t kDrainChunkBytes = 64 * 1024;
constexpr size_t kMaxDrainBytes = 64 * 1024 * 1024;

http::response<http::string_body> MakeResponse(const http::request<http::string_body>& request, int status,
                                               std::string body, std::string_view content_type) {
  http::response<http::string_body> response{static_cast<http::status>(status), request.version()};
  response.set(http::field::server, "agencykpi");
  response.set(http::field::content_type, beast::string_view(content_type.data(), content_type.size()));
  response.set("X-Content-Type-Options", "nosniff");
  response.body() = std::move(body);
  return response;
}

}  // namespace

struct HttpServer::Impl {
  Impl(AgencyService& service_ref, ServerOptions opts)
      : service(service_ref), options(std::move(opts)), acceptor(ioc), signals(ioc, SIGINT, SIGTERM) {}

  http::response<http::string_body> Respond(const http::request<http::string_body>& request) {
    const std::string target(request.target());
    if (target.rfind(kApiPath, 0) == 0) {
      ApiResponse api;
      try {
        api = HandleApi(service, ApiRequest{std::string(request.method_string()), target,
                                            std::string(request[http::field::content_type]), request.body()});
      } catch (const std::exception& e) {
        // Internals stay in the server's log, never in the answer.
        std::fprintf(stderr, "error: %s: %s\n", target.c_str(), e.what());
        api = ErrorResponse(500, "internal", "internal error");
      }
      auto response = MakeResponse(request, api.status, std::move(api.body), api.content_type);
      response.set(http::field::cache_control, "no-store");
      return response;
    }
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
      return MakeResponse(request, 405, "method not allowed\n", "text/plain; charset=utf-8");
    }
    auto file = ReadStaticFile(options.web_root, target);
    if (!file) return MakeResponse(request, 404, "not found\n", "text/plain; charset=utf-8");
    return MakeResponse(request, 200, std::move(file->body), file->content_type);
  }

  void Log(const std::string& peer, const http::request<http::string_body>& request, unsigned status,
           size_t bytes, std::chrono::steady_clock::time_point started) {
    if (!options.access_log) return;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    const std::string line = fmt::format("{} \"{} {}\" {} {}B {:.1f}ms\n", peer, View(request.method_string()),
                                         View(request.target()), status, bytes, ms);
    std::fputs(line.c_str(), stderr);
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    beast::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    const std::string peer = ec ? "?" : endpoint.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(kMaxHeaderBytes);
      // The header decides which limit applies; Beast checks Content-Length
      // against the body limit while reading the header, so start wide.
      parser.body_limit(kMaxImportBodyBytes);
      stream.expires_after(kReadTimeout);
      co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == http::error::body_limit) {
        co_await RefuseTooLarge(stream, parser.get(), kMaxImportBodyBytes, std::chrono::steady_clock::now(), peer);
        co_return;
      }
      if (ec) break;
      const auto started = std::chrono::steady_clock::now();
      const bool is_import = View(parser.get().target()).starts_with(kImportPath);
      const size_t limit = is_import ? kMaxImportBodyBytes : kMaxRequestBodyBytes;
      parser.body_limit(limit);
      if (parser.content_length() && *parser.content_length() > limit) {
        co_await RefuseTooLarge(stream, parser.get(), limit, started, peer);
        co_return;
      }
      if (is_import) stream.expires_after(kImportReadTimeout);
      if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
        http::response<http::empty_body> go_on{http::status::continue_, kHttpVersion11};
        co_await http::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
      }
      co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == http::error::body_limit) {
        co_await RefuseTooLarge(stream, parser.get(), limit, started, peer);
        co_return;
      }
      if (ec) break;

      ++in_flight;
      const http::request<http::string_body> request = parser.release();
      auto response = Respond(request);
      response.keep_alive(request.keep_alive() && !stopping);
      response.prepare_payload();
      const unsigned status = response.result_int();
      const size_t bytes = response.body().size();
      if (request.method() == http::verb::head) response.body().clear();
      stream.expires_after(kWriteTimeout);
      co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      --in_flight;
      Log(peer, request, status, bytes, started);
      if (ec || !response.keep_alive()) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // Answers 413 and closes the connection.
  asio::awaitable<void> RefuseTooLarge(beast::tcp_stream& stream, const http::request<http::string_body>& request,
                                       size_t limit, std::chrono::steady_clock::time_point started,
                                       const std::string& peer) {
    ApiResponse api = ErrorResponse(413, "too_large", "the request body is too large",
                                    fmt::format("{{\"limit_bytes\":{}}}", limit));
    auto response = MakeResponse(request, 413, std::move(api.body), api.content_type);
    response.keep_alive(false);
    response.prepare_payload();
    stream.expires_after(kWriteTimeout);
    beast::error_code ec;
    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    Log(peer, request, 413, response.body().size(), started);
    co_await DrainInput(stream);
  }

  // After refusing a request whose body is still arriving, reads and drops
  // the rest for a moment: closing with unread input would reset the
  // connection and the client would never see the answer.
  static asio::awaitable<void> DrainInput(beast::tcp_stream& stream) {
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(kDrainTimeout);
    std::array<char, kDrainChunkBytes> sink;
    size_t drained = 0;
    while (!ec && drained < kMaxDrainBytes) {
      drained += co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  asio::awaitable<void> Listen() {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (!acceptor.is_open()) co_return;
        continue;  // a failed accept (e.g. out of descriptors) must not end the server
      }
      asio::co_spawn(ioc, Session(std::move(socket)), asio::detached);
    }
  }

  // Stops accepting, waits for requests in flight (up to the grace), then ends.
  asio::awaitable<void> Drain() {
    const auto deadline = std::chrono::steady_clock::now() + kShutdownGrace;
    asio::steady_timer timer(ioc);
    while (in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(kStopPollInterval);
      beast::error_code ec;
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    ioc.stop();
  }

  void BeginStop() {
    if (stopping.exchange(true)) return;
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    asio::co_spawn(ioc, Drain(), asio::detached);
  }

  AgencyService& service;
  ServerOptions options;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() = default;

Result<std::unique_ptr<HttpServer>> HttpServer::Start(AgencyService& service, const ServerOptions& options) {
  auto impl = std::make_unique<Impl>(service, options);
  beast::error_code ec;
  tcp::resolver resolver(impl->ioc);
  const auto endpoints = resolver.resolve(options.host, std::to_string(options.port), ec);
  if (ec || endpoints.empty()) return Status::InvalidInput(fmt::format("cannot resolve host '{}'", options.host));
  const tcp::endpoint endpoint = *endpoints.begin();
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Io(fmt::format("cannot listen on {}:{}: {}", options.host, options.port, ec.message()));
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

uint16_t HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::Run(bool handle_signals) {
  Impl& impl = *impl_;
  asio::co_spawn(impl.ioc, impl.Listen(), asio::detached);
  if (handle_signals) {
    impl.signals.async_wait([&impl](const beast::error_code& ec, int) {
      if (!ec) impl.BeginStop();
    });
  }
  const int threads = std::max(1, impl.options.threads);
  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(threads - 1));
  for (int i = 1; i < threads; ++i) workers.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& worker : workers) worker.join();
}

void HttpServer::Stop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->BeginStop(); });
}

}  // namespace agencykpi
