// The HTTP side of kotak-server: the listening socket, the connections and
// the worker pool; router.hpp decides what each request gets. The only file
// that includes the HTTP library (Boost.Beast over Boost.Asio), so its heavy
// headers are compiled once.
//
// Why Beast: a server that a small puskesmas may put straight on the
// internet must keep answering with hundreds of slow or idle clients
// connected. cpp-httplib 0.11 gave each connection a blocking thread and an
// idle timeout that restarted with every byte, so four clients sending a
// header byte a second held all four threads for as long as they liked.
// Here one I/O thread drives every connection asynchronously, and:
// - the request head must arrive whole within head_timeout and the whole
//   request (head and body) within request_timeout of its first byte: a
//   deadline, not an idle timeout, so dribbling buys nothing;
// - at most max_connections are open, and at most
//   max_connections_per_address from one address (trusted reverse proxies
//   excepted); more are answered 503 and closed at once;
// - headers are limited to 16 KiB, bodies to max_body_bytes (refused on the
//   announced Content-Length before any of the body is read), chunked and
//   compressed bodies are refused, and the bodies being read at once may
//   take at most body_memory_bytes together (past that: 503, Retry-After);
// - the handlers (which block on the storage) run on a pool of `threads`
//   workers, so the I/O thread never waits for the database. The pool's
//   queue holds at most one request per open connection.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <set>
#include <string>

#include "server/api/api.hpp"
#include "server/dashboard/dashboard.hpp"

namespace kotak::server {

struct HttpOptions {
  std::string listen = "127.0.0.1";
  int port = 8080;  // 0: any free port
  int threads = 8;  // workers that run the handlers
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  int max_connections = 1000;
  int max_connections_per_address = 32;
  std::chrono::milliseconds head_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds request_timeout = std::chrono::seconds(60);
  std::size_t body_memory_bytes = 64 * 1024 * 1024;
  // Reverse proxies whose X-Forwarded-For is believed (client_address.hpp);
  // they are not held to the per-address cap.
  std::set<std::string> trusted_proxies;
};

class HttpServer {
 public:
  // dashboard may be null: then only the kiosk API is served.
  HttpServer(Api& api, Dashboard* dashboard, const HttpOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket; returns the port. Throws std::runtime_error
  // with advice when the address cannot be bound.
  int bind();
  // Serves until stop(); false if the server failed.
  bool run();
  // Safe from any thread.
  void stop();

  // Defined in http_server.cpp; named here so its connections can reach it.
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kotak::server
