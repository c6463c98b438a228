// See http_server.hpp: listening, admitting connections (per address and
// in all), the memory bodies may take, and stopping. What each connection
// does is in connection.cpp.
#include "server/api/http_server.hpp"

#include <stdexcept>

#include "core/log.hpp"
#include "server/api/client_address.hpp"
#include "server/api/http_server_impl.hpp"

namespace kotak::server {

namespace {

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
      start_connection(std::move(socket), *this, std::move(peer));
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
