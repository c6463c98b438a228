// Requests and responses of the staff dashboard and the public pages, as
// plain data: the dashboard is tested without sockets, and the HTTP library
// stays in api/http_server.cpp (api/router.cpp converts to and from these).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kotak::server {

struct WebRequest {
  std::string method;
  std::string path;
  std::vector<std::string> captures;  // the route's groups, e.g. a case id
  std::map<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string cookie;  // the Cookie header
  std::string csrf;    // the X-Kotak-CSRF header
  std::string origin;  // the Origin header, when the browser sent one
  std::string host;    // the Host header
  std::string remote;  // client address, for the log-in limit and logs
  std::string range;     // the Range header (a recording, byte_range.hpp)
  std::string language;  // X-Kotak-Lang: the reader's language for refusals ("en"; else id)

  std::string param(const std::string& key) const {
    auto it = query.find(key);
    return it == query.end() ? std::string() : it->second;
  }
};

struct WebResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace kotak::server
