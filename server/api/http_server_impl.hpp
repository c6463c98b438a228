// The insides of HttpServer, shared by http_server.cpp (listening,
// admitting, stopping) and connection.cpp (what each connection does).
// Private to server/api.
#pragma once

#include <utility>  // before Boost.Asio, whose awaitable.hpp uses std::exchange

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "server/api/http_server.hpp"
#include "server/api/router.hpp"

namespace kotak::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

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

// Takes on an admitted connection from peer (connection.cpp); it counts
// itself out of server when it ends.
void start_connection(tcp::socket socket, HttpServer::Impl& server, std::string peer);

}  // namespace kotak::server
