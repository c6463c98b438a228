// The HTTP side of kotak-server: binds the socket, runs the thread pool and
// maps requests to the Api. The only file that includes cpp-httplib, so the
// library's heavy header is compiled once.
//
// What it adds around the Api: the X-Kotak-Protocol header and a JSON body
// on every response (including the library's own 400/404/413 answers), the
// body size limit, read and write timeouts so a slow client cannot hold a
// thread for long, refusal of compressed bodies (a small gzip body can
// inflate to gigabytes), and 405 for a known path with the wrong method.
//
// The staff dashboard and the public pages (dashboard.hpp) are routed here
// too. Their responses carry a strict Content-Security-Policy (scripts and
// styles only from the server itself, no inline code, no framing), nosniff,
// and Referrer-Policy: no-referrer, so that the UUID of a ticket page never
// leaves in a Referer header.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "server/api/api.hpp"
#include "server/dashboard/dashboard.hpp"

namespace kotak::server {

struct HttpOptions {
  std::string listen = "127.0.0.1";
  int port = 8080;  // 0: any free port
  int threads = 8;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kotak::server
