// See http_server_impl.hpp. Each connection is a chain of asynchronous steps
// on its own strand: read the head (deadline: head_timeout), check it, read
// the body (deadline: the request's first byte + request_timeout), hand the
// request to a worker, write the answer, and read the next head or close.
#include <optional>

#include "core/log.hpp"
#include "server/api/client_address.hpp"
#include "server/api/http_server_impl.hpp"

namespace kotak::server {

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

void start_connection(tcp::socket socket, HttpServer::Impl& server, std::string peer) {
  std::make_shared<Connection>(std::move(socket), server, std::move(peer))->start();
}

}  // namespace kotak::server
