// See http_server.hpp.
#include "server/api/http_server.hpp"

#include <httplib.h>

#include <cstring>
#include <stdexcept>

#include "core/log.hpp"
#include "core/wire.hpp"

namespace kotak::server {

namespace {

constexpr const char* kJson = "application/json";
constexpr const char* kProtocolValue = "1";
constexpr int kReadTimeoutSeconds = 15;
constexpr int kWriteTimeoutSeconds = 15;
// One request per connection. cpp-httplib 0.11 decides whether to keep a
// connection open before routing and ignores a handler's "Connection: close",
// so after refusing a body unread (chunked, too large) it would parse the
// rest of that body as further requests. Kotak's clients send a few large
// batches or sit behind a reverse proxy, so reconnecting costs nothing.
constexpr int kKeepAliveRequests = 1;

std::string protocol_header() { return std::string(core::wire::kProtocolHeader); }

ApiRequest to_api_request(const httplib::Request& request) {
  ApiRequest out;
  out.authorization = request.get_header_value("Authorization");
  out.body = request.body;
  if (request.has_param("since")) out.since = request.get_param_value("since");
  out.if_none_match = request.get_header_value("If-None-Match");
  out.remote = request.remote_addr;
  return out;
}

WebRequest to_web_request(const httplib::Request& request) {
  WebRequest out;
  out.method = request.method;
  out.path = request.path;
  for (std::size_t i = 1; i < request.matches.size(); ++i) out.captures.push_back(request.matches[i]);
  for (const auto& [key, value] : request.params) out.query.emplace(key, value);
  out.body = request.body;
  out.content_type = request.get_header_value("Content-Type");
  out.cookie = request.get_header_value("Cookie");
  out.csrf = request.get_header_value("X-Kotak-CSRF");
  out.origin = request.get_header_value("Origin");
  out.host = request.get_header_value("Host");
  out.remote = request.remote_addr;
  out.language = request.get_header_value("X-Kotak-Lang");
  return out;
}

void send_web(httplib::Response& response, const WebResponse& web) {
  response.status = web.status;
  for (const auto& [name, value] : web.headers) response.set_header(name, value);
  response.set_header("Content-Security-Policy",
                      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                      "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "no-referrer");
  if (!response.has_header("Cache-Control")) response.set_header("Cache-Control", "no-store");
  response.set_content(web.body, web.content_type.c_str());
}

void send(httplib::Response& response, const ApiResponse& api) {
  response.status = api.status;
  for (const auto& [name, value] : api.headers) response.set_header(name, value);
  if (!api.body.empty()) response.set_content(api.body, kJson);
}

std::string reason_for(int status) {
  switch (status) {
    case 400:
      return "the request is malformed";
    case 404:
      return "there is no such page or endpoint; the dashboard is at /app/, the kiosk API under "
             "/api/v1/";
    case 405:
      return "this endpoint does not take that method";
    case 411:
      return "send the body with a Content-Length, not chunked";
    case 413:
      return "the request body is larger than this server accepts; send smaller batches";
    case 414:
      return "the request line is too long";
    case 415:
      return "the request body's type or encoding is not accepted; send plain JSON";
    default:
      return "the request failed with HTTP status " + std::to_string(status);
  }
}

// The Content-Length a request announces; 0 when absent or not a number.
std::uint64_t announced_length(const httplib::Request& request) {
  auto text = request.get_header_value("Content-Length");
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
    return 0;
  return std::stoull(text);
}

}  // namespace

struct HttpServer::Impl {
  Impl(Api& api, Dashboard* dashboard, const HttpOptions& options)
      : api(api), dashboard(dashboard), options(options) {}

  void configure();
  void configure_dashboard();
  void route_get(const char* pattern, ApiResponse (Api::*endpoint)(const ApiRequest&));
  using WebEndpoint = WebResponse (Dashboard::*)(const WebRequest&);
  void web_get(const char* pattern, WebEndpoint endpoint);
  void web_post(const char* pattern, WebEndpoint endpoint);
  void page(const char* pattern, std::string file);

  Api& api;
  Dashboard* dashboard;
  HttpOptions options;
  httplib::Server server;
};

void HttpServer::Impl::route_get(const char* pattern,
                                 ApiResponse (Api::*endpoint)(const ApiRequest&)) {
  server.Get(pattern, [this, endpoint](const httplib::Request& request, httplib::Response& out) {
    send(out, (api.*endpoint)(to_api_request(request)));
  });
}

void HttpServer::Impl::web_get(const char* pattern, WebEndpoint endpoint) {
  server.Get(pattern, [this, endpoint](const httplib::Request& request, httplib::Response& out) {
    send_web(out, (dashboard->*endpoint)(to_web_request(request)));
  });
}

void HttpServer::Impl::web_post(const char* pattern, WebEndpoint endpoint) {
  server.Post(pattern, [this, endpoint](const httplib::Request& request, httplib::Response& out) {
    send_web(out, (dashboard->*endpoint)(to_web_request(request)));
  });
}

void HttpServer::Impl::page(const char* pattern, std::string file) {
  server.Get(pattern, [this, file](const httplib::Request&, httplib::Response& out) {
    send_web(out, dashboard->file(file));
  });
}

void HttpServer::Impl::configure_dashboard() {
  auto redirect = [](const httplib::Request&, httplib::Response& out) {
    out.set_redirect("/app/");
  };
  server.Get("/", redirect);
  server.Get("/app", redirect);
  page("/app/", "/app/index.html");
  server.Get(R"(/app/([A-Za-z0-9_./-]+))", [this](const httplib::Request& request, httplib::Response& out) {
    send_web(out, dashboard->file(request.path));
  });
  page(R"(/t/([0-9a-fA-F-]{36}))", "/app/ticket.html");
  // The ticket code a patient copied down, typed into the address: K7M-4FX-9AC.
  page(R"(/t/([0-9A-Za-z -]{9,13}))", "/app/ticket.html");
  page(R"(/papan/([A-Za-z0-9._-]{1,64}))", "/app/papan.html");

  web_post("/api/staff/login", &Dashboard::login);
  web_post("/api/staff/logout", &Dashboard::logout);
  web_get("/api/staff/me", &Dashboard::me);
  web_get("/api/staff/cases", &Dashboard::list_cases);
  web_post("/api/staff/cases", &Dashboard::add_case);
  web_get(R"(/api/staff/cases/(\d+))", &Dashboard::get_case);
  web_post(R"(/api/staff/cases/(\d+)/identity)", &Dashboard::identity);
  web_post(R"(/api/staff/cases/(\d+)/([a-z]+))", &Dashboard::change_case);
  web_get("/api/staff/alerts", &Dashboard::alerts);
  web_get("/api/staff/recap", &Dashboard::recap);
  web_get("/api/staff/recap.csv", &Dashboard::recap_csv);
  web_get("/api/staff/board", &Dashboard::board);
  web_get("/api/staff/skm", &Dashboard::skm_report);
  web_get("/api/staff/skm.csv", &Dashboard::skm_csv);
  web_post("/api/staff/skm/population", &Dashboard::skm_population);
  web_post("/api/staff/skm/import", &Dashboard::skm_import);
  web_post("/api/staff/skm/rtl", &Dashboard::skm_rtl);
  web_get(R"(/api/public/ticket/([0-9A-Za-z -]{1,64}))", &Dashboard::public_ticket);
  web_get(R"(/api/public/board/([A-Za-z0-9._-]{1,64}))", &Dashboard::public_board);
}

void HttpServer::Impl::configure() {
  int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(kReadTimeoutSeconds, 0);
  server.set_write_timeout(kWriteTimeoutSeconds, 0);
  server.set_keep_alive_max_count(kKeepAliveRequests);
  // The library writes headers and body separately; with Nagle's algorithm
  // the body would wait for the client's delayed ACK, 40 ms per request.
  server.set_tcp_nodelay(true);
  server.set_default_headers({{protocol_header(), kProtocolValue}});

  // Checked before the body is read: a chunked body is refused, a body
  // announced larger than the limit is refused at once (the library would read and discard it all
  // first), a compressed body would be inflated by the library without limit, and a form body is
  // parsed by it. The connection is closed after such an answer, since the unread body still
  // follows on it.
  std::size_t max_body = options.max_body_bytes;
  server.set_pre_routing_handler(
      [max_body](const httplib::Request& request, httplib::Response& out) {
        // A chunked body has no length to check first, and the library does not
        // hold it to the limit: a kiosk always sends Content-Length.
        if (request.has_header("Transfer-Encoding")) {
          send(out, Api::error(411, reason_for(411)));
          out.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Handled;
        }
        if (announced_length(request) > max_body) {
          send(out, Api::error(413, reason_for(413)));
          out.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Handled;
        }
        auto encoding = request.get_header_value("Content-Encoding");
        if (!encoding.empty() && encoding != "identity") {
          send(out, Api::error(415, "compressed request bodies are not accepted; send plain JSON"));
          out.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Handled;
        }
        if (request.method == "POST" && request.path == "/api/v1/submissions" &&
            request.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
          send(out, Api::error(415, "send the body as Content-Type: application/json"));
          out.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });

  // A client that asks first (Expect: 100-continue) learns of a body too
  // large before it sends it.
  server.set_expect_100_continue_handler(
      [max_body](const httplib::Request& request, httplib::Response& out) {
        if (announced_length(request) <= max_body) return 100;
        send(out, Api::error(413, reason_for(413)));
        out.set_header("Connection", "close");
        return 413;
      });

  server.Post("/api/v1/submissions",
              [this](const httplib::Request& request, httplib::Response& out) {
                send(out, api.post_submissions(to_api_request(request)));
              });
  route_get("/api/v1/board", &Api::get_board);
  route_get("/api/v1/settings", &Api::get_settings);
  server.Get("/api/v1/health", [this](const httplib::Request&, httplib::Response& out) {
    send(out, api.get_health());
  });
  if (dashboard) configure_dashboard();

  // A known path with another method is 405, not 404.
  auto wrong_method = [](const httplib::Request&, httplib::Response& out) {
    send(out, Api::error(405, reason_for(405)));
  };
  const char* known = "/api/v1/(submissions|board|settings|health)";
  server.Get("/api/v1/submissions", wrong_method);
  server.Post("/api/v1/(board|settings|health)", wrong_method);
  server.Put(known, wrong_method);
  server.Patch(known, wrong_method);
  server.Delete(known, wrong_method);
  server.Options(known, wrong_method);

  // Whatever the library answers by itself (404, 400, 413, ...) gets a JSON
  // body with a reason too; the protocol header comes from the defaults.
  httplib::Server::HandlerWithResponse on_error = [](const httplib::Request&,
                                                     httplib::Response& out) {
    if (out.body.empty()) out.set_content(core::wire::encode_error(reason_for(out.status)), kJson);
    if (!out.has_header(protocol_header())) out.set_header(protocol_header(), kProtocolValue);
    return httplib::Server::HandlerResponse::Handled;
  };
  server.set_error_handler(on_error);
  server.set_exception_handler(
      [](const httplib::Request& request, httplib::Response& out, std::exception_ptr thrown) {
        std::string what = "unknown exception";
        try {
          if (thrown) std::rethrow_exception(thrown);
        } catch (const std::exception& error) {
          what = error.what();
        } catch (...) {
        }
        core::log::error("request " + request.method + " " + request.path + " failed: " + what);
        send(out, Api::error(500, "the server failed on this request; its log says why"));
      });
}

HttpServer::HttpServer(Api& api, Dashboard* dashboard, const HttpOptions& options)
    : impl_(std::make_unique<Impl>(api, dashboard, options)) {
  impl_->configure();
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  const auto& host = impl_->options.listen;
  int port = impl_->options.port;
  if (port == 0) {
    port = impl_->server.bind_to_any_port(host);
    if (port > 0) return port;
  } else if (impl_->server.bind_to_port(host, port)) {
    return port;
  }
  throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + " (" +
                           std::strerror(errno) +
                           "). Check server.listen and server.port in the config, and that no "
                           "other program uses the port.");
}

bool HttpServer::run() { return impl_->server.listen_after_bind(); }

void HttpServer::stop() { impl_->server.stop(); }

}  // namespace kotak::server
