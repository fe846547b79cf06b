#include "server/http_server.h"

#include <fmt/format.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "server/access.h"
#include "server/api.h"
#include "server/limits.h"
#include "server/request_policy.h"
#include "server/static_files.h"

namespace agencykpi {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace server_limits;

namespace {

// The TCP layer of a plain or TLS connection: its timer and its socket.
template <typename Stream>
beast::tcp_stream& Tcp(Stream& stream) {
  return beast::get_lowest_layer(stream);
}

template <typename Stream>
constexpr bool kIsTls = !std::is_same_v<Stream, beast::tcp_stream>;

std::string_view View(beast::string_view text) { return {text.data(), text.size()}; }
beast::string_view BeastView(std::string_view text) { return {text.data(), text.size()}; }

constexpr std::string_view kApiPath = "/api/";
constexpr std::string_view kImportPath = "/api/v1/import";
constexpr auto kStopPollInterval = std::chrono::milliseconds(20);
constexpr int kHttpVersion11 = 11;
constexpr auto kDrainTimeout = std::chrono::seconds(2);
constexpr size_t kDrainChunkBytes = 64 * 1024;
constexpr size_t kMaxDrainBytes = 64 * 1024 * 1024;
constexpr size_t kFieldSeparatorBytes = 4;  // ": " and CRLF

// A request body held as a string that grows as its bytes arrive: unlike
// Beast's string_body, it never reserves the Content-Length a client declares.
struct GrowingBody {
  using value_type = std::string;
  static std::uint64_t size(const value_type& body) { return body.size(); }

  class reader {
   public:
    template <bool isRequest, class Fields>
    reader(http::header<isRequest, Fields>&, value_type& body) : body_(body) {}
    void init(const boost::optional<std::uint64_t>&, beast::error_code& ec) { ec = {}; }
    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, beast::error_code& ec) {
      size_t added = 0;
      for (auto it = asio::buffer_sequence_begin(buffers); it != asio::buffer_sequence_end(buffers); ++it) {
        const asio::const_buffer piece = *it;
        body_.append(static_cast<const char*>(piece.data()), piece.size());
        added += piece.size();
      }
      ec = {};
      return added;
    }
    void finish(beast::error_code& ec) { ec = {}; }

   private:
    value_type& body_;
  };
};

using Request = http::request<GrowingBody>;
using RequestParser = http::request_parser<GrowingBody>;
using Response = http::response<http::string_body>;

// Bytes of a request's header and trailer fields, as counted against kMaxHeaderBytes.
size_t FieldBytes(const http::fields& fields) {
  size_t bytes = 0;
  for (const auto& field : fields) bytes += field.name_string().size() + field.value().size() + kFieldSeparatorBytes;
  return bytes;
}

// The headers every response carries.
void SetSecurityHeaders(http::fields& fields) {
  fields.set(http::field::server, "agencykpi");
  fields.set("Content-Security-Policy", BeastView(kContentSecurityPolicy));
  fields.set("X-Frame-Options", "DENY");
  fields.set("Referrer-Policy", "no-referrer");
  fields.set("X-Content-Type-Options", "nosniff");
}

Response MakeResponse(unsigned version, int status, std::string body, std::string_view content_type) {
  Response response{static_cast<http::status>(status), version};
  SetSecurityHeaders(response);
  response.set(http::field::content_type, BeastView(content_type));
  response.body() = std::move(body);
  return response;
}

Response FromApi(unsigned version, ApiResponse api) {
  Response response = MakeResponse(version, api.status, std::move(api.body), api.content_type);
  for (const auto& [name, value] : api.headers) response.set(BeastView(name), BeastView(value));
  response.set(http::field::cache_control, "no-store");
  return response;
}

// True when the peer has closed its side (or the connection broke); data
// waiting to be read (a pipelined request) is not a departure.
bool ClientHasLeft(tcp::socket& socket) {
  char byte = 0;
  const ssize_t peeked = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (peeked > 0) return false;
  if (peeked == 0) return true;
  return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
}

bool OutOfDescriptors(const beast::error_code& ec) {
  if (ec.category() != boost::system::system_category()) return false;
  const int code = ec.value();
  return code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM;
}

// Counts a resource while held (RAII): released however a connection ends,
// an exception that destroys its coroutine included.
class Held {
 public:
  explicit Held(std::atomic<int>& count) : count_(&count) { count_->fetch_add(1); }
  Held(Held&& other) noexcept : count_(std::exchange(other.count_, nullptr)) {}
  Held(const Held&) = delete;
  Held& operator=(const Held&) = delete;
  Held& operator=(Held&&) = delete;
  ~Held() {
    if (count_ != nullptr) count_->fetch_sub(1);
  }

 private:
  std::atomic<int>* count_;
};

// The share of the body budget (ServerOptions::max_body_bytes_in_flight) one
// request body holds, grown as its bytes arrive and given back when the
// request is done with.
class BodyCharge {
 public:
  BodyCharge(std::atomic<size_t>& in_flight, size_t budget) : in_flight_(in_flight), budget_(budget) {}
  BodyCharge(const BodyCharge&) = delete;
  BodyCharge& operator=(const BodyCharge&) = delete;
  ~BodyCharge() { in_flight_.fetch_sub(charged_); }

  // Charges up to `bytes` in all; false (nothing more charged) when the budget is spent.
  bool GrowTo(size_t bytes) {
    if (bytes <= charged_) return true;
    const size_t more = bytes - charged_;
    const size_t before = in_flight_.fetch_add(more);
    if (before + more > budget_) {
      in_flight_.fetch_sub(more);
      return false;
    }
    charged_ = bytes;
    return true;
  }

 private:
  std::atomic<size_t>& in_flight_;
  const size_t budget_;
  size_t charged_ = 0;
};

// How reading one request ended.
enum class ReadEnd { kComplete, kClosed, kRefused };

}  // namespace

// Who sent a request, as its header told (server/access.h).
struct Access {
  std::string peer;  // the client's address
  bool authorized = false;
  std::optional<auth::Principal> principal;
};

struct HttpServer::Impl {
  Impl(AgencyService& service_ref, ServerOptions opts)
      : service(service_ref),
        options(std::move(opts)),
        allowed_hosts(AllowedHostNames(options.host, options.allowed_hosts)),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM) {}

  ~Impl() {
    service.CancelImport();
    import_thread.join();
  }

  // TLS 1.2 and later, with the certificate chain and key of `options` (PEM).
  Status LoadTls() {
    if (options.tls_cert.empty() || options.tls_key.empty()) {
      return Status::InvalidInput("HTTPS needs both a certificate (--tls-cert) and its key (--tls-key)");
    }
    tls.emplace(asio::ssl::context::tls_server);
    tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                     asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                     asio::ssl::context::single_dh_use);
    beast::error_code ec;
    tls->use_certificate_chain_file(options.tls_cert.string(), ec);
    if (ec) {
      return Status::InvalidInput(
          fmt::format("cannot read the TLS certificate {}: {}", options.tls_cert.string(), ec.message()));
    }
    tls->use_private_key_file(options.tls_key.string(), asio::ssl::context::pem, ec);
    if (ec) {
      return Status::InvalidInput(fmt::format("cannot read the TLS key {}: {}", options.tls_key.string(), ec.message()));
    }
    return Status::Ok();
  }


  Response Respond(Request& request, Access access) {
    const std::string target(request.target());
    if (target.rfind(kApiPath, 0) == 0) return FromApi(request.version(), CallApi(request, nullptr, std::move(access)));
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
      Response response = MakeResponse(request.version(), HttpStatusFor(ErrorCode::kMethodNotAllowed),
                                       "method not allowed\n", "text/plain; charset=utf-8");
      response.set(http::field::allow, "GET, HEAD");
      return response;
    }
    auto file = ReadStaticFile(options.web_root, target);
    if (!file) {
      return MakeResponse(request.version(), HttpStatusFor(ErrorCode::kNotFound), "not found\n",
                          "text/plain; charset=utf-8");
    }
    return MakeResponse(request.version(), HttpStatusFor(ErrorCode::kOk), std::move(file->body),
                        file->content_type);
  }

  ApiResponse CallApi(Request& request, std::shared_ptr<ImportTicket> ticket, Access access) {
    const std::string target(request.target());
    try {
      ApiRequest api;
      api.method = std::string(request.method_string());
      api.target = target;
      api.content_type = std::string(request[http::field::content_type]);
      api.body = std::move(request.body());
      api.import_ticket = std::move(ticket);
      api.cookie = std::string(request[http::field::cookie]);
      api.csrf_token = std::string(request[BeastView(kCsrfHeader)]);
      api.address = std::move(access.peer);
      api.secure_transport = options.secure_cookies || tls.has_value();
      api.authorized = access.authorized;
      api.principal = std::move(access.principal);
      return HandleApi(service, std::move(api));
    } catch (const std::exception& e) {
      // Internals stay in the server's log, never in the answer.
      std::fprintf(stderr, "error: %s: %s\n", target.c_str(), e.what());
      return ErrorResponse(Status::Internal("internal error"));
    }
  }

  // Runs an import on the import thread; the I/O thread is free meanwhile.
  // Polls its client: one that leaves cancels the import.
  template <typename Stream>
  asio::awaitable<Response> RunImport(Stream& stream, Request& request,
                                      std::shared_ptr<ImportTicket> ticket, Access access) {
    struct Job {
      std::atomic<bool> done{false};
      ApiResponse response;
    };
    auto job = std::make_shared<Job>();
    const unsigned version = request.version();
    asio::post(import_thread, [this, job, ticket, request = std::move(request), access = std::move(access)]() mutable {
      const Held running(imports_running);
      // The ticket goes with the call, so the slot is free before the answer is sent.
      job->response = CallApi(request, std::move(ticket), std::move(access));
      job->done.store(true, std::memory_order_release);
    });
    asio::steady_timer timer(co_await asio::this_coro::executor);
    bool client_left = false;
    while (!job->done.load(std::memory_order_acquire)) {
      timer.expires_after(kImportPollInterval);
      beast::error_code ec;
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (!client_left && ClientHasLeft(Tcp(stream).socket())) {
        client_left = true;
        ticket->Cancel();
      }
    }
    co_return FromApi(version, std::move(job->response));
  }

  void Log(const std::string& peer, std::string_view method, std::string_view target, unsigned status,
           size_t bytes, Clock::time_point started) {
    if (!options.access_log) return;
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    const std::string line = fmt::format("{} \"{} {}\" {} {}B {:.1f}ms\n", peer, method, target, status, bytes, ms);
    std::fputs(line.c_str(), stderr);
  }

  // The connection's request loop. Any exception ends this connection only.
  // `connection` counts it among the open connections until its coroutine ends.
  asio::awaitable<void> Session(tcp::socket socket, [[maybe_unused]] Held connection) {
    beast::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    const std::string peer = ec ? "?" : endpoint.address().to_string();
    try {
      if (tls) {
        // TLS first: the handshake within the read timeout, else nothing is read.
        beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), *tls);
        Tcp(stream).expires_after(kReadTimeout);
        beast::error_code handshake;
        co_await stream.async_handshake(asio::ssl::stream_base::server,
                                        asio::redirect_error(asio::use_awaitable, handshake));
        if (!handshake) co_await Serve(stream, peer);
      } else {
        beast::tcp_stream stream(std::move(socket));
        co_await Serve(stream, peer);
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "error: connection from %s ended: %s\n", peer.c_str(), e.what());
    } catch (...) {
      // Not rethrown: co_spawn's detached completion would drop it unlogged.
      std::fprintf(stderr, "error: connection from %s ended on an unknown exception\n", peer.c_str());
    }
  }

  template <typename Stream>
  asio::awaitable<void> Serve(Stream& stream, const std::string& peer) {
    beast::error_code ec;
    // Bounded, so trailers (buffered whole before they are parsed) are too.
    beast::flat_buffer buffer(kConnectionBufferBytes);
    for (;;) {
      RequestParser parser;
      parser.header_limit(kMaxHeaderBytes);
      // The header decides which limit applies; Beast checks Content-Length
      // against the body limit while reading the header, so start wide.
      parser.body_limit(kMaxImportBodyBytes);
      Tcp(stream).expires_after(kReadTimeout);
      co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      const auto started = Clock::now();
      if (ec == http::error::body_limit) {
        co_await Refuse(stream, parser.get(), TooLarge(kMaxImportBodyBytes), started, peer);
        co_await DrainInput(stream);
        co_return;
      }
      if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
        co_await Refuse(stream, parser.get(), HeaderTooLarge(), started, peer);
        co_await DrainInput(stream);
        co_return;
      }
      if (ec) break;

      std::shared_ptr<ImportTicket> ticket;
      bool keep_alive = true;
      Access access;
      access.peer = peer;
      const ReadEnd read =
          co_await ReadRequest(stream, buffer, parser, ticket, access, keep_alive, started, peer);
      if (read == ReadEnd::kClosed) break;
      if (read == ReadEnd::kRefused) {
        if (keep_alive) continue;
        co_await DrainInput(stream);
        co_return;
      }

      const Held request_in_flight(in_flight);
      Request request = parser.release();
      const std::string method(request.method_string());
      const std::string target(request.target());
      const bool wants_keep_alive = request.keep_alive();
      const bool is_head = request.method() == http::verb::head;
      if (options.before_handle) options.before_handle(target, ticket.get());
      Response response;
      if (ticket) {  // (not a conditional expression: g++ 12 miscompiles co_await inside one)
        response = co_await RunImport(stream, request, std::move(ticket), std::move(access));
      } else {
        response = Respond(request, std::move(access));
      }
      response.keep_alive(wants_keep_alive && !stopping);
      response.prepare_payload();
      const unsigned status = response.result_int();
      const size_t bytes = response.body().size();
      if (is_head) response.body().clear();
      Tcp(stream).expires_after(kWriteTimeout);
      co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      Log(peer, method, target, status, bytes, started);
      if (ec || !response.keep_alive()) break;
    }
    if constexpr (kIsTls<Stream>) {
      Tcp(stream).expires_after(kWriteTimeout);
      co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
    }
    Tcp(stream).socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // After the header: the policy, the limits, the import slot, then the
  // body as it arrives. kRefused: an answer was sent (and the connection is
  // to be closed unless `keep_alive` stays true).
  template <typename Stream>
  asio::awaitable<ReadEnd> ReadRequest(Stream& stream, beast::flat_buffer& buffer,
                                       RequestParser& parser, std::shared_ptr<ImportTicket>& ticket,
                                       Access& access, bool& keep_alive, Clock::time_point started,
                                       const std::string& peer) {
    const auto& header = parser.get();
    const bool has_body = parser.chunked() || parser.content_length().value_or(0) > 0;
    keep_alive = !has_body && header.keep_alive();
    if (auto refusal = CheckRequestPolicy(PolicyView(header), allowed_hosts)) {
      co_await Refuse(stream, header, std::move(*refusal), started, peer, keep_alive);
      co_return ReadEnd::kRefused;
    }
    // Who asks, and may they: decided before the body is read.
    if (View(header.target()).starts_with(kApiPath)) {
      auto principal = Authorize(service, {View(header.method_string()), View(header.target()),
                                           View(header[http::field::cookie]), View(header[BeastView(kCsrfHeader)])});
      const ErrorCode code = principal.status().code();
      // An unknown route or method is answered as before, after the body's limits.
      if (!principal.ok() && code != ErrorCode::kNotFound && code != ErrorCode::kMethodNotAllowed) {
        co_await Refuse(stream, header, AccessRefusal(principal.status(), View(header.target())), started, peer,
                        keep_alive);
        co_return ReadEnd::kRefused;
      }
      if (principal.ok()) {
        access.authorized = true;
        access.principal = std::move(*principal);
      }
    }
    keep_alive = false;  // from here on, a refusal closes the connection
    const bool is_import = View(header.target()).starts_with(kImportPath);
    const size_t limit = is_import ? kMaxImportBodyBytes : kMaxRequestBodyBytes;
    parser.body_limit(limit);
    if (parser.content_length() && *parser.content_length() > limit) {
      co_await Refuse(stream, header, TooLarge(limit), started, peer);
      co_return ReadEnd::kRefused;
    }
    if (is_import && header.method() == http::verb::post) {
      auto taken = service.BeginImport();
      if (!taken.ok()) {
        co_await Refuse(stream, header, ErrorResponse(Status::Busy(taken.status().message())), started, peer);
        co_return ReadEnd::kRefused;
      }
      // From here on, every refusal gives the slot back before it answers, so
      // a client that has its answer can import again at once.
      ticket = std::move(*taken);
    }
    beast::error_code ec;
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      http::response<http::empty_body> go_on{http::status::continue_, kHttpVersion11};
      Tcp(stream).expires_after(kWriteTimeout);
      co_await http::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return ReadEnd::kClosed;
    }

    const Clock::time_point deadline = started + (is_import ? kImportReadTimeout : kReadTimeout);
    BodyCharge charge(body_bytes_in_flight, options.max_body_bytes_in_flight);
    while (!parser.is_done()) {
      const Clock::time_point now = Clock::now();
      if (now >= deadline) co_return ReadEnd::kClosed;
      Tcp(stream).expires_after(std::min<Clock::duration>(options.body_idle_timeout, deadline - now));
      co_await http::async_read_some(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == http::error::body_limit) {
        ticket.reset();
        co_await Refuse(stream, header, TooLarge(limit), started, peer);
        co_return ReadEnd::kRefused;
      }
      if (ec == http::error::buffer_overflow || ec == http::error::header_limit) {
        ticket.reset();
        co_await Refuse(stream, header, HeaderTooLarge(), started, peer);
        co_return ReadEnd::kRefused;
      }
      if (ec) co_return ReadEnd::kClosed;  // timeout, or the client left
      const size_t received = parser.get().body().size();
      if (!charge.GrowTo(received)) {
        ticket.reset();
        co_await Refuse(stream, header,
                        ErrorResponse(Status::Busy(
                            "the server is receiving too many request bodies; try again later")),
                        started, peer);
        co_return ReadEnd::kRefused;
      }
      if (ticket && ticket->cancelled()) {
        ticket.reset();
        co_await Refuse(stream, header,
                        ErrorResponse(
                            Status::Cancelled("the import was cancelled; the previous data is unchanged")),
                        started, peer);
        co_return ReadEnd::kRefused;
      }
      const auto elapsed = Clock::now() - started;
      if (elapsed > options.min_rate_grace &&
          static_cast<double>(received) < std::chrono::duration<double>(elapsed).count() *
                                              static_cast<double>(options.min_body_bytes_per_second)) {
        ticket.reset();
        co_await Refuse(stream, header,
                        ErrorResponse(
                            Status::Error(ErrorCode::kTooSlow, "the request body arrives too slowly")),
                        started, peer);
        co_return ReadEnd::kRefused;
      }
    }
    // Trailer fields count with the header's against the one limit.
    if (FieldBytes(parser.get()) > kMaxHeaderBytes) {
      ticket.reset();
      co_await Refuse(stream, header, HeaderTooLarge(), started, peer);
      co_return ReadEnd::kRefused;
    }
    co_return ReadEnd::kComplete;
  }

  static RequestHeader PolicyView(const http::request_header<>& header) {
    RequestHeader view;
    view.method = View(header.method_string());
    view.version = static_cast<int>(header.version());
    const auto host = header.find(http::field::host);
    view.has_host = host != header.end();
    if (view.has_host) view.host = View(host->value());
    const auto origin = header.find(http::field::origin);
    view.has_origin = origin != header.end();
    if (view.has_origin) view.origin = View(origin->value());
    view.sec_fetch_site = View(header["Sec-Fetch-Site"]);
    view.requested_with = View(header[BeastView(kRequestedWithHeader)]);
    return view;
  }

  static ApiResponse TooLarge(size_t limit) {
    return ErrorResponse(Status::Error(ErrorCode::kTooLarge, "the request body is too large",
                                       fmt::format("{{\"limit_bytes\":{}}}", limit)));
  }

  static ApiResponse HeaderTooLarge() {
    return ErrorResponse(Status::Error(ErrorCode::kHeaderTooLarge,
                                       "the request's header and trailer fields are too large",
                                       fmt::format("{{\"limit_bytes\":{}}}", kMaxHeaderBytes)));
  }

  // Answers `api` to a request whose body was not (wholly) read; the caller
  // then drains the input and closes, unless `keep_alive` (no body was announced).
  template <typename Stream>
  asio::awaitable<void> Refuse(Stream& stream, const http::request_header<>& header, ApiResponse api,
                               Clock::time_point started, const std::string& peer, bool keep_alive = false) {
    const unsigned version = header.version() == 0 ? kHttpVersion11 : header.version();
    Response response = FromApi(version, std::move(api));
    response.keep_alive(keep_alive && !stopping);
    response.prepare_payload();
    Tcp(stream).expires_after(kWriteTimeout);
    beast::error_code ec;
    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    Log(peer, View(header.method_string()), View(header.target()), response.result_int(), response.body().size(),
        started);
  }

  // After refusing a request whose body is still arriving, reads and drops
  // the rest for a moment: closing with unread input would reset the
  // connection and the client would never see the answer.
  template <typename Stream>
  static asio::awaitable<void> DrainInput(Stream& stream) {
    beast::error_code ec;
    if constexpr (!kIsTls<Stream>) Tcp(stream).socket().shutdown(tcp::socket::shutdown_send, ec);
    Tcp(stream).expires_after(kDrainTimeout);
    std::array<char, kDrainChunkBytes> sink;
    size_t drained = 0;
    while (!ec && drained < kMaxDrainBytes) {
      drained += co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  // Answers 503 to a connection over the cap, without waiting for it, and closes it.
  static void TurnAway(tcp::socket& socket) {
    static const std::string kBusyAnswer = [] {
      Response response =
          FromApi(kHttpVersion11, ErrorResponse(Status::Busy("too many connections; try again later")));
      response.keep_alive(false);
      response.prepare_payload();
      std::ostringstream text;
      text << response;
      return text.str();
    }();
    beast::error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(asio::buffer(kBusyAnswer), ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }

  asio::awaitable<void> Listen() {
    asio::steady_timer backoff_timer(ioc);
    auto backoff = std::chrono::milliseconds(kAcceptBackoffFirst);
    for (;;) {
      beast::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (!acceptor.is_open() || stopping) co_return;
        if (OutOfDescriptors(ec)) {
          // The connection stays queued and accept would fail again at once: pause.
          std::fprintf(stderr, "warning: cannot accept a connection (%s); retrying in %lld ms\n",
                       ec.message().c_str(), static_cast<long long>(backoff.count()));
          backoff_timer.expires_after(backoff);
          co_await backoff_timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
          backoff = std::min(backoff * 2, std::chrono::milliseconds(kAcceptBackoffMax));
        }
        continue;  // a failed accept must not end the server
      }
      backoff = kAcceptBackoffFirst;
      if (open_connections.load() >= options.max_connections) {
        TurnAway(socket);
        continue;
      }
      Held connection(open_connections);
      asio::co_spawn(ioc, Session(std::move(socket), std::move(connection)), asio::detached);
    }
  }

  // Stops accepting, waits for requests in flight (up to the grace), then ends.
  asio::awaitable<void> Drain() {
    const auto deadline = Clock::now() + kShutdownGrace;
    asio::steady_timer timer(ioc);
    while (in_flight > 0 && Clock::now() < deadline) {
      timer.expires_after(kStopPollInterval);
      beast::error_code ec;
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    ioc.stop();
  }

  void BeginStop() {
    if (stopping.exchange(true)) return;
    service.CancelImport();
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    asio::co_spawn(ioc, Drain(), asio::detached);
  }

  // One I/O thread. An exception inside a connection is caught by its
  // Session (a coroutine's own escapes are dropped by co_spawn's detached
  // completion); one from a plain handler (the signal handler, a posted
  // stop) is logged here, and the thread goes on serving the others.
  void RunIoThread() {
    for (;;) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "error: a connection ended on an exception: %s\n", e.what());
      } catch (...) {
        std::fprintf(stderr, "error: a connection ended on an unknown exception\n");
      }
    }
  }

  AgencyService& service;
  std::optional<asio::ssl::context> tls;  // set when serving HTTPS
  ServerOptions options;
  std::vector<std::string> allowed_hosts;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::atomic<int> open_connections{0};
  std::atomic<int> imports_running{0};
  std::atomic<size_t> body_bytes_in_flight{0};
  // Declared after the counters, so the connections it destroys can still release them.
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::thread_pool import_thread{1};  // imports, one at a time, off the I/O threads
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() = default;

Result<std::unique_ptr<HttpServer>> HttpServer::Start(AgencyService& service, const ServerOptions& options) {
  auto impl = std::make_unique<Impl>(service, options);
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    Status tls = impl->LoadTls();
    if (!tls.ok()) return tls;
  }
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

bool HttpServer::loopback_only() const {
  beast::error_code ec;
  const auto endpoint = impl_->acceptor.local_endpoint(ec);
  return !ec && endpoint.address().is_loopback();
}

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
  for (int i = 1; i < threads; ++i) workers.emplace_back([&impl] { impl.RunIoThread(); });
  impl.RunIoThread();
  for (auto& worker : workers) worker.join();
}

void HttpServer::Stop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->BeginStop(); });
}

bool HttpServer::WaitForImportThread(std::chrono::milliseconds timeout) {
  impl_->service.CancelImport();
  const auto deadline = Clock::now() + timeout;
  while (impl_->imports_running.load() > 0) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kStopPollInterval);
  }
  return true;
}

}  // namespace agencykpi
