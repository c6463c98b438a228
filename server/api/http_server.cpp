// See http_server.hpp. Each connection is a chain of asynchronous steps on
// its own strand: read the head (deadline: head_timeout), check it, read the
// body (deadline: the request's first byte + request_timeout), hand the
// request to a worker, write the answer, and read the next head or close.
#include "server/api/http_server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "core/log.hpp"
#include "server/api/client_address.hpp"
#include "server/api/router.hpp"

namespace kotak::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kReadBufferLimit = 32 * 1024;
constexpr auto kWriteTimeout = std::chrono::seconds(60);
// After a refusal the rest of a body may still be arriving; it is read and
// dropped for a moment, since closing on unread data resets the connection
// and can destroy the answer before the client reads it.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr int kMaxRequestsPerConnection = 100;

std::string text(beast::string_view view) { return std::string(view.data(), view.size()); }

// A refusal written before a connection is taken on: one non-blocking send
// of a whole small answer, then close.
void refuse_connection(tcp::socket& socket, const HttpResponse& refusal) {
  std::string bytes = "HTTP/1.1 " + std::to_string(refusal.status) +
                      " Service Unavailable\r\nConnection: close\r\nContent-Type: " +
                      refusal.content_type +
                      "\r\nContent-Length: " + std::to_string(refusal.body.size()) + "\r\n";
  for (const auto& [name, value] : refusal.headers) bytes += name + ": " + value + "\r\n";
  bytes += "\r\n" + refusal.body;
  beast::error_code ignored;
  socket.non_blocking(true, ignored);
  socket.send(net::buffer(bytes), 0, ignored);
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

}  // namespace

struct HttpServer::Impl {
  Impl(Api& api, Dashboard* dashboard, const HttpOptions& options)
      : options(options),
        router(api, dashboard, options.max_body_bytes),
        workers(static_cast<std::size_t>(options.threads)) {}

  void accept();
  // "" when a connection from this address may be opened (and counts it),
  // else why not.
  std::string admit(const std::string& address);
  void release(const std::string& address);
  bool reserve_body(std::size_t bytes);
  void release_body(std::size_t bytes);
  void note_refusal(const std::string& what);

  // Declared before the io_context: connections that die with it still
  // count themselves out.
  HttpOptions options;
  Router router;
  std::mutex mutex;
  int open = 0;
  std::map<std::string, int> per_address;
  std::size_t body_bytes = 0;
  std::atomic<std::int64_t> last_refusal_log{0};

  net::io_context io{1};
  tcp::acceptor acceptor{io};
  net::steady_timer accept_pause{io};
  net::thread_pool workers;
};

namespace {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpServer::Impl& server, std::string peer)
      : stream_(std::move(socket)),
        deadline_(stream_.get_executor()),
        buffer_(kReadBufferLimit),
        server_(server),
        peer_(std::move(peer)) {}
  ~Connection() {
    if (reserved_) server_.release_body(reserved_);
    server_.release(peer_);
  }

  void start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Connection::read_head, shared_from_this()));
  }

 private:
  // The request's deadline is a timer of its own rather than the stream's
  // expiry, which would close the socket: a client that missed it is told
  // so (408) before the connection closes.
  void arm(Clock::time_point at) {
    deadline_.expires_at(at);
    deadline_.async_wait([self = shared_from_this()](beast::error_code error) {
      if (error) return;  // re-armed or cancelled
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
  }

  void read_head() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(server_.options.max_body_bytes);
    started_ = Clock::now();
    timed_out_ = false;
    stream_.expires_never();
    arm(started_ + server_.options.head_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Connection::on_head, shared_from_this()));
  }

  void on_head(beast::error_code error, std::size_t) {
    if (error) return fail(error);
    const auto& head = parser_->get();
    request_ = HttpRequest{};
    request_.method = text(head.method_string());
    request_.target = text(head.target());
    for (const auto& field : head) request_.headers.emplace_back(text(field.name_string()), text(field.value()));
    request_.remote =
        client_address(peer_, request_.header("X-Forwarded-For"), server_.options.trusted_proxies);
    head_request_ = request_.method == "HEAD";
    if (auto refusal = server_.router.check_head(request_)) return respond(std::move(*refusal), false);
    std::size_t length = parser_->content_length().value_or(0);
    if (length > 0) {
      if (!server_.reserve_body(length)) {
        server_.note_refusal("bodies being read already take limits.body_memory_bytes");
        auto busy = error_response(503, reason_for(503));
        busy.headers.emplace_back("Retry-After", "5");
        return respond(std::move(busy), false);
      }
      reserved_ = length;
    }
    if (parser_->is_done()) return handle();
    arm(started_ + server_.options.request_timeout);
    if (beast::iequals(head[http::field::expect], "100-continue")) {
      continue_.emplace(http::status::continue_, head.version());
      return http::async_write(stream_, *continue_,
                               beast::bind_front_handler(&Connection::on_continue, shared_from_this()));
    }
    read_body();
  }

  void on_continue(beast::error_code error, std::size_t) {
    if (error) return close();
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Connection::on_body, shared_from_this()));
  }

  void on_body(beast::error_code error, std::size_t) {
    if (error) return fail(error);
    handle();
  }

  // A failed read: a client gone or too slow is dropped; a request the
  // parser refused gets its reason.
  void fail(beast::error_code error) {
    if (timed_out_) {
      // A client that sent part of a request is told why it is dropped; an
      // idle keep-alive connection is just closed.
      if (buffer_.size() > 0 || parser_->got_some())
        return respond(error_response(408, reason_for(408)), false);
      return close();
    }
    if (error == http::error::end_of_stream || error == net::error::eof ||
        error == net::error::connection_reset || error == net::error::operation_aborted ||
        error == net::error::broken_pipe || error.category() != http::make_error_code(http::error::bad_method).category())
      return close();
    int status = 400;
    if (error == http::error::header_limit || error == http::error::buffer_overflow) status = 431;
    if (error == http::error::body_limit) status = 413;
    respond(error_response(status, reason_for(status)), false);
  }

  void handle() {
    deadline_.cancel();
    bool keep_alive = parser_->get().keep_alive();
    auto message = parser_->release();
    request_.body = std::move(message.body());
    std::size_t reserved = std::exchange(reserved_, 0);
    net::post(server_.workers, [self = shared_from_this(), request = std::move(request_), reserved,
                                keep_alive]() mutable {
      auto response = self->server_.router.answer(std::move(request));
      if (reserved) self->server_.release_body(reserved);
      auto executor = self->stream_.get_executor();
      net::post(executor, [self = std::move(self), response = std::move(response),
                           keep_alive]() mutable { self->respond(std::move(response), keep_alive); });
    });
  }

  void respond(HttpResponse answer, bool keep_alive) {
    deadline_.cancel();
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(answer.status));
    for (const auto& [name, value] : answer.headers) response_.insert(name, value);
    if (!answer.body.empty()) response_.set(http::field::content_type, answer.content_type);
    response_.body() = std::move(answer.body);
    response_.keep_alive(keep_alive && ++requests_ < kMaxRequestsPerConnection);
    response_.prepare_payload();
    if (head_request_) response_.body().clear();  // the length stays announced
    stream_.expires_after(kWriteTimeout);
    http::async_write(stream_, response_,
                      beast::bind_front_handler(&Connection::on_write, shared_from_this()));
  }

  void on_write(beast::error_code error, std::size_t) {
    if (error) return close();
    if (response_.keep_alive()) return read_head();
    linger();
  }

  // Ends sending and drops what the client still sends for a moment, so the
  // answer is not lost to a reset (see kLingerTimeout).
  void linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTimeout);
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this()](beast::error_code error, std::size_t) {
                              if (error) return self->close();
                              self->drain();
                            });
  }

  void close() {
    deadline_.cancel();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  net::steady_timer deadline_;
  bool timed_out_ = false;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::empty_body>> continue_;
  http::response<http::string_body> response_;
  HttpServer::Impl& server_;
  std::string peer_;
  HttpRequest request_;
  bool head_request_ = false;
  std::size_t reserved_ = 0;
  Clock::time_point started_;
  int requests_ = 0;
  char discard_[4096];
};

}  // namespace

std::string HttpServer::Impl::admit(const std::string& address) {
  std::lock_guard lock(mutex);
  if (open >= options.max_connections) return "server.max_connections are open";
  bool proxy = options.trusted_proxies.count(address) > 0;
  auto& from_address = per_address[address];
  if (!proxy && from_address >= options.max_connections_per_address) {
    if (from_address == 0) per_address.erase(address);
    return "server.max_connections_per_address are open from " + address;
  }
  ++from_address;
  ++open;
  return {};
}

void HttpServer::Impl::release(const std::string& address) {
  std::lock_guard lock(mutex);
  --open;
  auto it = per_address.find(address);
  if (it != per_address.end() && --it->second <= 0) per_address.erase(it);
}

bool HttpServer::Impl::reserve_body(std::size_t bytes) {
  std::lock_guard lock(mutex);
  // One body alone may always be read, however large the budget is set.
  if (body_bytes > 0 && body_bytes + bytes > options.body_memory_bytes) return false;
  body_bytes += bytes;
  return true;
}

void HttpServer::Impl::release_body(std::size_t bytes) {
  std::lock_guard lock(mutex);
  body_bytes -= bytes;
}

// Refusals are logged at most once a second: a flood must not fill the journal.
void HttpServer::Impl::note_refusal(const std::string& what) {
  auto now = std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
  auto last = last_refusal_log.load();
  if (now == last || !last_refusal_log.compare_exchange_strong(last, now)) return;
  core::log::warning("refusing clients: " + what);
}

void HttpServer::Impl::accept() {
  acceptor.async_accept(net::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
    if (error == net::error::operation_aborted || !acceptor.is_open()) return;
    if (error) {
      // Out of file descriptors, most likely: wait a moment rather than spin.
      note_refusal(std::string("cannot accept: ") + error.message());
      accept_pause.expires_after(std::chrono::milliseconds(100));
      accept_pause.async_wait([this](beast::error_code waited) {
        if (!waited) accept();
      });
      return;
    }
    beast::error_code ignored;
    auto endpoint = socket.remote_endpoint(ignored);
    std::string peer = canonical_address(endpoint.address().to_string());
    auto refusal = admit(peer);
    if (refusal.empty()) {
      std::make_shared<Connection>(std::move(socket), *this, std::move(peer))->start();
    } else {
      note_refusal(refusal);
      auto busy = error_response(503, "too many connections are open; try again later");
      busy.headers.emplace_back("Retry-After", "5");
      refuse_connection(socket, busy);
    }
    accept();
  });
}

HttpServer::HttpServer(Api& api, Dashboard* dashboard, const HttpOptions& options)
    : impl_(std::make_unique<Impl>(api, dashboard, options)) {}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  const auto& host = impl_->options.listen;
  int port = impl_->options.port;
  beast::error_code error;
  tcp::resolver resolver(impl_->io);
  auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, error);
  auto& acceptor = impl_->acceptor;
  if (!error && !endpoints.empty()) {
    auto endpoint = endpoints.begin()->endpoint();
    acceptor.open(endpoint.protocol(), error);
    if (!error) acceptor.set_option(net::socket_base::reuse_address(true), error);
    if (!error) acceptor.bind(endpoint, error);
    if (!error) acceptor.listen(net::socket_base::max_listen_connections, error);
    if (!error) return acceptor.local_endpoint().port();
  }
  throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + " (" +
                           (error ? error.message() : std::string("no such address")) +
                           "). Check server.listen and server.port in the config, and that no "
                           "other program uses the port.");
}

bool HttpServer::run() {
  impl_->accept();
  bool ok = true;
  try {
    impl_->io.run();
  } catch (const std::exception& error) {
    core::log::error(std::string("the HTTP server failed: ") + error.what());
    ok = false;
  }
  // Requests not yet started are dropped; those running finish.
  impl_->workers.stop();
  impl_->workers.join();
  return ok;
}

void HttpServer::stop() {
  net::post(impl_->io, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  impl_->io.stop();
}

}  // namespace kotak::server
