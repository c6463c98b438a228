// Which function answers which request: the routing table of kotak-server,
// over plain request and response structs, so that it is tested without
// sockets and the HTTP library stays in http_server.cpp.
//
// Two steps, because the server must be able to refuse a request before it
// reads the body: check_head() looks at the request line and headers alone
// (chunked, too large, compressed, wrong content type) and answer() runs the
// route once the whole body is in. Every response, errors included, carries
// X-Kotak-Protocol: 1 and a JSON body with a reason, so a kiosk can tell this
// server from a captive portal; the dashboard's responses also carry a strict
// Content-Security-Policy, nosniff, X-Frame-Options and
// Referrer-Policy: no-referrer (the UUID of a ticket page must never leave in
// a Referer header).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/api/api.hpp"
#include "server/dashboard/dashboard.hpp"

namespace kotak::server {

struct HttpRequest {
  std::string method;
  std::string target;  // as sent: path and query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote;  // the client's address (client_address.hpp)

  // The first header of that name (case-insensitive), or "".
  std::string header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

// A JSON error response with the protocol header and a reason.
HttpResponse error_response(int status, std::string_view reason);
// The reason the server gives for a status it answers by itself.
std::string reason_for(int status);

// Percent-decoding of a path (plus_is_space false) or a query value (true);
// an invalid escape is kept as it is.
std::string percent_decode(std::string_view text, bool plus_is_space);

class Router {
 public:
  // dashboard may be null: then only the kiosk API is served.
  Router(Api& api, Dashboard* dashboard, std::size_t max_body_bytes);

  // A refusal to send instead of reading the body, or nullopt to go on.
  std::optional<HttpResponse> check_head(const HttpRequest& head) const;
  // The answer to a whole request. Never throws: a failure is logged and
  // becomes 500.
  HttpResponse answer(HttpRequest request) const;

 private:
  // A request matched to a route: its decoded path, query and the route's groups.
  struct Call {
    HttpRequest& request;
    std::string path;
    std::multimap<std::string, std::string> query;
    std::vector<std::string> captures;
  };
  using Handler = std::function<HttpResponse(Call&)>;
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
  };
  void add(std::string method, const std::string& pattern, Handler handler);
  void add_api();
  void add_dashboard();
  HttpResponse route(HttpRequest& request) const;

  Api& api_;
  Dashboard* dashboard_;
  std::size_t max_body_bytes_;
  std::vector<Route> routes_;
};

}  // namespace kotak::server
