// See router.hpp.
#include "server/api/router.hpp"

#include <algorithm>
#include <cctype>

#include "core/log.hpp"
#include "core/wire.hpp"

namespace kotak::server {

namespace {

constexpr const char* kProtocolValue = "1";
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The Content-Length a request announces; 0 when absent or not a number
// (such a request is read as having no body).
std::uint64_t announced_length(const HttpRequest& request) {
  auto text = request.header("Content-Length");
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
    return 0;
  return std::stoull(text);
}

HttpResponse from_api(const ApiResponse& api) {
  HttpResponse out;
  out.status = api.status;
  out.headers = api.headers;
  out.body = api.body;
  return out;
}

HttpResponse from_web(WebResponse web) {
  HttpResponse out;
  out.status = web.status;
  out.body = std::move(web.body);
  out.content_type = std::move(web.content_type);
  out.headers = std::move(web.headers);
  bool cache_control = false;
  for (const auto& [name, value] : out.headers) cache_control |= iequals(name, "Cache-Control");
  out.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  out.headers.emplace_back("X-Content-Type-Options", "nosniff");
  out.headers.emplace_back("X-Frame-Options", "DENY");
  out.headers.emplace_back("Referrer-Policy", "no-referrer");
  if (!cache_control) out.headers.emplace_back("Cache-Control", "no-store");
  return out;
}

ApiRequest to_api_request(HttpRequest& request,
                          const std::multimap<std::string, std::string>& query) {
  ApiRequest out;
  out.authorization = request.header("Authorization");
  out.body = std::move(request.body);
  if (auto since = query.find("since"); since != query.end()) out.since = since->second;
  if (auto tickets = query.find("tickets"); tickets != query.end()) out.tickets = tickets->second == "1";
  out.if_none_match = request.header("If-None-Match");
  out.remote = request.remote;
  out.wants_seal_key = request.header(std::string(core::wire::kSealKeyHeader)) == "1";
  return out;
}

WebRequest to_web_request(HttpRequest& request, std::string path,
                          const std::multimap<std::string, std::string>& query,
                          std::vector<std::string> captures) {
  WebRequest out;
  out.method = request.method;
  out.path = std::move(path);
  out.captures = std::move(captures);
  // The first value of a repeated parameter counts.
  for (const auto& [key, value] : query) out.query.emplace(key, value);
  out.body = std::move(request.body);
  out.content_type = request.header("Content-Type");
  out.cookie = request.header("Cookie");
  out.csrf = request.header("X-Kotak-CSRF");
  out.origin = request.header("Origin");
  out.host = request.header("Host");
  out.remote = request.remote;
  out.language = request.header("X-Kotak-Lang");
  out.range = request.header("Range");
  return out;
}

std::multimap<std::string, std::string> parse_query(std::string_view text) {
  std::multimap<std::string, std::string> query;
  while (!text.empty()) {
    auto end = text.find('&');
    auto pair = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (pair.empty()) continue;
    auto equals = pair.find('=');
    auto key = percent_decode(pair.substr(0, equals), true);
    auto value = equals == std::string_view::npos ? std::string()
                                                  : percent_decode(pair.substr(equals + 1), true);
    query.emplace(std::move(key), std::move(value));
  }
  return query;
}

void add_protocol_header(HttpResponse& response) {
  std::string name(core::wire::kProtocolHeader);
  for (const auto& [key, value] : response.headers)
    if (iequals(key, name)) return;
  response.headers.emplace_back(std::move(name), kProtocolValue);
}

}  // namespace

std::string HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (iequals(key, name)) return value;
  return {};
}

HttpResponse error_response(int status, std::string_view reason) {
  HttpResponse response = from_api(Api::error(status, reason));
  add_protocol_header(response);
  return response;
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
    case 408:
      return "the request did not arrive in time; send it whole and promptly";
    case 411:
      return "send the body with a Content-Length, not chunked";
    case 413:
      return "the request body is larger than this server accepts; send smaller batches";
    case 414:
      return "the request line is too long";
    case 415:
      return "the request body's type or encoding is not accepted; send plain JSON";
    case 431:
      return "the request's headers are too large";
    case 503:
      return "the server is busy just now; try again later";
    default:
      return "the request failed with HTTP status " + std::to_string(status);
  }
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += plus_is_space && c == '+' ? ' ' : c;
  }
  return out;
}

Router::Router(Api& api, Dashboard* dashboard, std::size_t max_body_bytes)
    : api_(api), dashboard_(dashboard), max_body_bytes_(max_body_bytes) {
  add_api();
  if (dashboard_) add_dashboard();
}

void Router::add(std::string method, const std::string& pattern, Handler handler) {
  routes_.push_back({std::move(method), std::regex(pattern), std::move(handler)});
}

void Router::add_api() {
  add("POST", "/api/v1/submissions", [this](Call& call) {
    return from_api(api_.post_submissions(to_api_request(call.request, call.query)));
  });
  add("GET", "/api/v1/board", [this](Call& call) {
    return from_api(api_.get_board(to_api_request(call.request, call.query)));
  });
  add("GET", "/api/v1/settings", [this](Call& call) {
    return from_api(api_.get_settings(to_api_request(call.request, call.query)));
  });
  add("GET", "/api/v1/health", [this](Call&) { return from_api(api_.get_health()); });
  add("POST", "/api/v1/device/key", [this](Call& call) {
    return from_api(api_.post_device_key(to_api_request(call.request, call.query)));
  });
  add("POST", "/api/v1/enrol", [this](Call& call) {
    return from_api(api_.post_enrol(to_api_request(call.request, call.query)));
  });
  add("GET", "/api/v1/time", [this](Call& call) {
    return from_api(api_.get_time(to_api_request(call.request, call.query)));
  });
  add("POST", "/api/v1/device/clock", [this](Call& call) {
    return from_api(api_.post_device_clock(to_api_request(call.request, call.query)));
  });
  add("POST", "/api/v1/device/health", [this](Call& call) {
    return from_api(api_.post_device_health(to_api_request(call.request, call.query)));
  });
}

void Router::add_dashboard() {
  auto web = [this](WebResponse (Dashboard::*endpoint)(const WebRequest&)) {
    return [this, endpoint](Call& call) {
      return from_web((dashboard_->*endpoint)(
          to_web_request(call.request, call.path, call.query, std::move(call.captures))));
    };
  };
  auto page = [this](std::string file) {
    return [this, file](Call&) { return from_web(dashboard_->file(file)); };
  };
  auto redirect = [](Call&) {
    HttpResponse out;
    out.status = 302;
    out.headers.emplace_back("Location", "/app/");
    return out;
  };
  add("GET", "/", redirect);
  add("GET", "/app", redirect);
  add("GET", "/app/", page("/app/index.html"));
  add("GET", "/app/[A-Za-z0-9_./-]+",
      [this](Call& call) { return from_web(dashboard_->file(call.path)); });
  add("GET", "/t/[0-9a-fA-F-]{36}", page("/app/ticket.html"));
  // The ticket code a patient copied down, typed into the address: K7M-4FX-9AC.
  add("GET", "/t/[0-9A-Za-z -]{9,13}", page("/app/ticket.html"));
  add("GET", "/papan/[A-Za-z0-9._-]{1,64}", page("/app/papan.html"));
  // The phone pages of the kiosk's QR code (issue 18).
  add("GET", "/s/([A-Za-z0-9._-]{1,64})", web(&Dashboard::phone_page));
  add("POST", "/api/public/phone/([A-Za-z0-9._-]{1,64})", web(&Dashboard::phone_send));

  add("POST", "/api/staff/login", web(&Dashboard::login));
  add("POST", "/api/staff/logout", web(&Dashboard::logout));
  add("GET", "/api/staff/me", web(&Dashboard::me));
  add("POST", "/api/staff/login/code", web(&Dashboard::login_code));
  add("POST", "/api/staff/login/password", web(&Dashboard::login_password));
  add("POST", "/api/staff/login/totp", web(&Dashboard::login_totp));
  add("GET", "/api/staff/users", web(&Dashboard::list_users));
  add("POST", "/api/staff/users", web(&Dashboard::add_user));
  add("POST", R"(/api/staff/users/([a-z0-9._-]{1,64})/([a-z-]+))", web(&Dashboard::change_user));
  add("POST", "/api/staff/account/password", web(&Dashboard::change_password));
  add("POST", "/api/staff/account/totp/start", web(&Dashboard::totp_start));
  add("POST", "/api/staff/account/totp/confirm", web(&Dashboard::totp_confirm));
  add("GET", "/api/staff/cases", web(&Dashboard::list_cases));
  add("POST", "/api/staff/cases", web(&Dashboard::add_case));
  add("GET", R"(/api/staff/cases/(\d+))", web(&Dashboard::get_case));
  add("POST", "/api/staff/cases/bulk", web(&Dashboard::bulk_cases));
  add("GET", R"(/api/staff/cases\.(csv|xlsx))", web(&Dashboard::export_cases));
  add("GET", "/api/staff/canned-answers", web(&Dashboard::canned_answers));
  add("POST", "/api/staff/canned-answers", web(&Dashboard::add_canned_answer));
  add("POST", R"(/api/staff/canned-answers/(\d+)/(edit|retire|restore))", web(&Dashboard::change_canned_answer));
  add("POST", R"(/api/staff/cases/(\d+)/identity)", web(&Dashboard::identity));
  add("GET", R"(/api/staff/cases/(\d+)/audio)", web(&Dashboard::audio));
  add("POST", R"(/api/staff/cases/(\d{1,15})/attachments)", web(&Dashboard::attach_file));
  add("GET", R"(/api/staff/cases/(\d{1,15})/attachments/(\d{1,15})(/thumbnail)?)", web(&Dashboard::attachment_file));
  add("POST", R"(/api/staff/cases/(\d{1,15})/attachments/(\d{1,15})/remove)", web(&Dashboard::remove_attachment));
  add("GET", R"(/api/staff/cases/(\d{1,15})/lapor/(\d{1,4})(\.csv)?)", web(&Dashboard::lapor));
  add("GET", "/api/staff/identity-views", web(&Dashboard::identity_views));
  add("GET", "/api/staff/unit/cases", web(&Dashboard::unit_cases));
  add("GET", R"(/api/staff/unit/cases/(\d+))", web(&Dashboard::unit_case));
  add("POST", R"(/api/staff/unit/cases/(\d+)/response)", web(&Dashboard::unit_response));
  add("POST", "/api/staff/subject/search", web(&Dashboard::subject_search));
  add("POST", "/api/staff/subject/export", web(&Dashboard::subject_export));
  add("POST", "/api/staff/subject/erase", web(&Dashboard::subject_erase));
  add("GET", "/api/staff/subject/requests", web(&Dashboard::subject_requests));
  add("POST", R"(/api/staff/cases/(\d+)/([a-z]+))", web(&Dashboard::change_case));
  add("GET", "/api/staff/alerts", web(&Dashboard::alerts));
  add("GET", "/api/staff/recap", web(&Dashboard::recap));
  add("GET", "/api/staff/recap.csv", web(&Dashboard::recap_csv));
  add("GET", "/api/staff/recap/cases", web(&Dashboard::recap_cases));
  add("GET", "/api/staff/board", web(&Dashboard::board));
  add("GET", "/api/staff/kiosks", web(&Dashboard::kiosks));
  add("GET", "/api/staff/skm", web(&Dashboard::skm_report));
  add("GET", "/api/staff/skm.csv", web(&Dashboard::skm_csv));
  add("POST", "/api/staff/skm/population", web(&Dashboard::skm_population));
  add("POST", "/api/staff/skm/import", web(&Dashboard::skm_import));
  add("POST", "/api/staff/skm/rtl", web(&Dashboard::skm_rtl));
  add("POST", "/api/staff/skm/details", web(&Dashboard::skm_details));
  add("POST", "/api/staff/skm/import/undo", web(&Dashboard::skm_import_undo));
  add("POST", "/api/staff/skm/letterhead", web(&Dashboard::skm_letterhead));
  add("GET", "/api/public/ticket/([0-9A-Za-z -]{1,64})", web(&Dashboard::public_ticket));
  add("GET", "/api/public/board/([A-Za-z0-9._-]{1,64})", web(&Dashboard::public_board));
}

std::optional<HttpResponse> Router::check_head(const HttpRequest& head) const {
  // A chunked body has no length to check before it is read; a kiosk always
  // sends Content-Length.
  if (!head.header("Transfer-Encoding").empty()) return error_response(411, reason_for(411));
  if (announced_length(head) > max_body_bytes_) return error_response(413, reason_for(413));
  // A small compressed body can inflate to gigabytes.
  auto encoding = head.header("Content-Encoding");
  if (!encoding.empty() && !iequals(encoding, "identity"))
    return error_response(415, "compressed request bodies are not accepted; send plain JSON");
  auto path = head.target.substr(0, head.target.find('?'));
  if (head.method == "POST" && path == "/api/v1/submissions" &&
      head.header("Content-Type").rfind("application/json", 0) != 0)
    return error_response(415, "send the body as Content-Type: application/json");
  return std::nullopt;
}

HttpResponse Router::route(HttpRequest& request) const {
  auto question = request.target.find('?');
  std::string path = percent_decode(std::string_view(request.target).substr(0, question), false);
  // HEAD is answered as GET; the HTTP layer leaves the body out.
  std::string method = request.method == "HEAD" ? "GET" : request.method;
  bool path_known = false;
  for (const auto& route : routes_) {
    std::smatch match;
    if (!std::regex_match(path, match, route.pattern)) continue;
    path_known = true;
    if (route.method != method) continue;
    Call call{request, path, {}, {}};
    if (question != std::string::npos)
      call.query = parse_query(std::string_view(request.target).substr(question + 1));
    for (std::size_t i = 1; i < match.size(); ++i) call.captures.push_back(match[i]);
    return route.handler(call);
  }
  // A known path with another method is 405, not 404.
  return error_response(path_known ? 405 : 404, reason_for(path_known ? 405 : 404));
}

HttpResponse Router::answer(HttpRequest request) const {
  std::string what = request.method + " " + request.target.substr(0, 200);
  HttpResponse response;
  try {
    response = route(request);
  } catch (const std::exception& error) {
    core::log::error("request " + what + " failed: " + error.what());
    response = error_response(500, "the server failed on this request; its log says why");
  }
  add_protocol_header(response);
  return response;
}

}  // namespace kotak::server
