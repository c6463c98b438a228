// The dashboard's sessions: log-in with its rate limit, log-out, who is
// there, and the checks every staff request passes (session, CSRF, facility).
//
// The session token lives only in an HttpOnly cookie with SameSite=Strict
// (and Secure behind https), so page scripts cannot read it and other sites
// cannot send it. Changes also need the header X-Kotak-CSRF carrying the
// session's CSRF token, which a page of another origin cannot learn, and a
// JSON body, which a plain cross-site form cannot send. An Origin header
// naming another site is refused outright.
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/staff/password.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr const char* kCookieName = "kotak_session";
constexpr std::int64_t kMinuteMs = 60000;

std::string session_token(const std::string& cookie_header) {
  std::string_view rest = cookie_header;
  while (!rest.empty()) {
    auto end = rest.find(';');
    auto part = core::trim(rest.substr(0, end));
    auto eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == kCookieName) return part.substr(eq + 1);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return {};
}

// "http://host:port" → "host:port".
std::string authority(const std::string& url) {
  auto start = url.find("://");
  if (start == std::string::npos) return {};
  auto host = url.substr(start + 3);
  return host.substr(0, host.find('/'));
}

// Holds one of the password-check slots for a scope.
struct Permit {
  explicit Permit(std::counting_semaphore<2>& slots) : slots(slots) { slots.acquire(); }
  ~Permit() { slots.release(); }
  Permit(const Permit&) = delete;
  Permit& operator=(const Permit&) = delete;
  std::counting_semaphore<2>& slots;
};

json user_json(const SessionUser& s) {
  return {{"id", s.user.id},
          {"username", s.user.username},
          {"name", s.user.display_name},
          {"role", staff::to_string(s.user.role)},
          {"facility", s.user.facility_id},
          {"facility_name", s.facility_name},
          {"can_change", staff::can_change_cases(s.user.role)},
          {"can_own", staff::may_own_cases(s.user.role)},
          {"can_review", staff::can_review(s.user.role)},
          {"can_publish", staff::can_publish(s.user.role)},
          {"can_see_identity", staff::can_see_identity(s.user.role)},
          {"can_review_access", staff::can_review_access(s.user)},
          {"unit", s.user.unit},
          {"dpo", s.user.dpo},
          {"can_serve_data_subject", staff::can_serve_data_subject(s.user.role)},
          {"all_facilities", staff::all_facilities(s.user.role)},
          {"can_manage_skm", staff::can_manage_skm(s.user.role)},
          {"can_manage_users", staff::can_manage_users(s.user.role)},
          {"can_use_totp", staff::can_use_totp(s.user.role)},
          {"totp", !s.user.totp_secret.empty()}};
}

// "a,b" → the catalog's words for prefix+a and prefix+b, joined by ", ".
std::string catalog_list(const core::Catalog& t, const std::string& prefix, const std::string& keys) {
  std::string out;
  std::size_t at = 0;
  while (at <= keys.size()) {
    auto comma = std::min(keys.find(',', at), keys.size());
    auto key = prefix + keys.substr(at, comma - at);
    if (!out.empty()) out += ", ";
    out += t.contains(key) ? t.get(key) : keys.substr(at, comma - at);
    at = comma + 1;
  }
  return out;
}

}  // namespace

WebResponse Dashboard::error(int status, const std::string& reason) {
  WebResponse response;
  response.status = status;
  response.body = json{{"protocol", 1}, {"error", reason}}.dump();
  return response;
}

std::string Dashboard::cookie(const std::string& token, std::int64_t max_age_s) const {
  bool secure = config_.session.secure_cookie == "yes" ||
                (config_.session.secure_cookie == "auto" && config_.public_url.rfind("https://", 0) == 0);
  return std::string(kCookieName) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_s) + (secure ? "; Secure" : "");
}

std::optional<Dashboard::Caller> Dashboard::authenticate(const WebRequest& request,
                                                          WebResponse& refusal, Use use) {
  auto token = session_token(request.cookie);
  if (token.empty()) {
    refusal = refuse(401, "error.log_in");
    return std::nullopt;
  }
  auto hash = staff::hash_secret(token);
  auto session = storage_.session(hash, now_ms(), std::int64_t{config_.session.idle_minutes} * kMinuteMs,
                                  use == Use::activity);
  if (!session) {
    refusal = refuse(401, "error.session_ended");
    refusal.headers.emplace_back("Set-Cookie", cookie("", 0));
    return std::nullopt;
  }
  return Caller{std::move(*session), hash};
}

WebResponse Dashboard::refuse(int status, const std::string& key,
                              const std::map<std::string, std::string>& params) {
  WebResponse response;
  response.status = status;
  response.body = json{{"protocol", 1}, {"error", key}, {"code", key}, {"params", params}}.dump();
  return response;
}

void Dashboard::localize(WebResponse& response, const std::string& language) const try {
  if (response.status < 400) return;
  auto body = json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains("code")) return;
  const auto& t = catalog(language);
  std::string text = t.get(body["code"].get<std::string>());
  for (const auto& [name, value] : body["params"].items()) {
    auto shown = value.get<std::string>();
    // Statuses and fields are named as the pages name them (status.baru →
    // "Baru", field.summary → "Ringkasan publik").
    const std::string named = (name == "from" || name == "to" ? "status." : name == "field" ? "field." : "") + shown;
    if (named != shown && t.contains(named)) shown = t.get(named);
    // Kinds of personal data found in text ("name,phone" → "nama, nomor HP").
    if (name == "kinds") shown = catalog_list(t, "personal.", shown);
    text = core::fill(text, {{name, shown}});
  }
  body["error"] = text;
  response.body = body.dump();
} catch (const std::exception& error) {
  // The refusal stays as it was (its key as the text) rather than fail.
  core::log::warning(std::string("dashboard: cannot word a refusal: ") + error.what());
}

WebResponse Dashboard::guarded(const WebRequest& request, bool change, const Handler& handler, Use use, Who who) {
  auto response = checked(request, change, handler, use, who);
  localize(response, request.language);
  return response;
}

WebResponse Dashboard::checked(const WebRequest& request, bool change, const Handler& handler, Use use, Who who) {
  try {
    if (change) {
      if (other_origin(request)) return refuse(403, "error.other_site");
      if (request.content_type.rfind("application/json", 0) != 0)
        return error(415, "send the body as Content-Type: application/json");
    }
    WebResponse refusal;
    auto caller = authenticate(request, refusal, use);
    if (!caller) return refusal;
    if (change && !staff::same_secret(request.csrf, caller->session.csrf))
      return refuse(403, "error.csrf");
    // A unit's account may use its inbox and its own session and password,
    // and nothing else of the dashboard, whatever a page or script asks
    // (issue 15 item 2); the inbox is the unit's alone. Every staff
    // endpoint is Who::staff unless it says otherwise.
    const bool unit = staff::is_unit(caller->user().role);
    if (unit && who == Who::staff) return refuse(403, "error.role.unit");
    if (!unit && who == Who::unit) return refuse(403, "error.role.unit_only");
    if (change) {
      auto body = json::parse(request.body, nullptr, false);
      if (body.is_object() && body.contains("request_id")) {
        const auto& id = body["request_id"];
        if (!id.is_string() || id.get<std::string>().size() < 8 || id.get<std::string>().size() > 64 ||
            id.get<std::string>().find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
          return error(400, "request_id must be 8 to 64 of A-Z a-z 0-9 -");
        caller->request_id = id.get<std::string>();
      }
    }
    return handler(*caller);
  } catch (const json::exception& bad) {
    return error(400, std::string("the request body is not the JSON expected: ") + bad.what());
  } catch (const StorageError& failure) {
    if (!failure.key().empty())
      return refuse(failure.code() == StorageErrc::not_found ? 404 : 409, failure.key(), failure.params());
    switch (failure.code()) {
      case StorageErrc::not_found:
        return error(404, failure.what());
      case StorageErrc::invalid:
      case StorageErrc::exists:
        return error(409, failure.what());
      case StorageErrc::unavailable: {
        core::log::warning(std::string("dashboard: ") + failure.what());
        auto response = refuse(503, "error.busy");
        response.headers.emplace_back("Retry-After", "5");
        return response;
      }
      case StorageErrc::failed:
        break;
    }
    core::log::error(std::string("dashboard: ") + failure.what());
    return refuse(500, "error.failed");
  }
}

std::optional<std::string> Dashboard::facility_of(const Caller& caller, const WebRequest& request,
                                                  WebResponse& refusal) const {
  auto asked = request.param("facility");
  if (staff::all_facilities(caller.user().role)) return asked;
  if (!asked.empty() && asked != caller.user().facility_id) {
    refusal = refuse(403, "error.other_facility");
    return std::nullopt;
  }
  return caller.user().facility_id;
}

std::string Dashboard::case_scope(const Caller& caller) const {
  return staff::all_facilities(caller.user().role) ? std::string() : caller.user().facility_id;
}

WebResponse Dashboard::login(const WebRequest& request) {
  try {
    if (other_origin(request)) return error(403, "log in from the dashboard's own page");
    auto body = json::parse(request.body);
    std::string username = body.at("username").get<std::string>();
    std::string password = body.at("password").get<std::string>();
    auto now = now_ms();
    if (auto wait = too_many(username, request)) return *wait;
    std::optional<staff::User> user;
    if (staff::is_username(username) && password.size() <= 1024) user = storage_.user(username);
    bool ok = false;
    if (user) {
      ok = !user->disabled_ms && checked_password(user->password_hash, password);
    } else {
      Permit permit(password_checks_);
      staff::verify_dummy(password);
    }
    if (!ok) {
      limiter_.failed(username, request.remote, now);
      core::log::info("dashboard: failed log-in for '" + core::quote_prefix(username) + "' from " +
                      request.remote);
      return error(401, "the user name or password is wrong");
    }
    core::log::info("dashboard: " + username + " gave the right password from " + request.remote);
    return next_step(*user, request);
  } catch (const json::exception&) {
    return error(400, "send {\"username\": ..., \"password\": ...}");
  } catch (const StorageError& failure) {
    core::log::error(std::string("dashboard: log-in: ") + failure.what());
    return error(503, "the server cannot check log-ins just now; try again");
  }
}

bool Dashboard::other_origin(const WebRequest& request) const {
  return !request.origin.empty() && authority(request.origin) != request.host &&
         authority(request.origin) != authority(config_.public_url);
}

bool Dashboard::checked_password(const std::string& hash, const std::string& password) {
  Permit permit(password_checks_);
  return staff::verify_password(hash, password);
}

std::string Dashboard::hashed_password(const std::string& password) {
  Permit permit(password_checks_);
  return staff::hash_password(password);
}

WebResponse Dashboard::begin_session(const staff::User& user, const WebRequest& request) {
  auto now = now_ms();
  Session session;
  std::string token = staff::new_secret();
  session.token_hash = staff::hash_secret(token);
  session.user_id = user.id;
  session.csrf = staff::new_secret();
  session.created_ms = now;
  session.expires_ms = now + std::int64_t{config_.session.max_hours} * 60 * kMinuteMs;
  storage_.add_session(session);
  core::log::info("dashboard: " + user.username + " logged in from " + request.remote);
  WebResponse response;
  response.headers.emplace_back("Set-Cookie", cookie(token, std::int64_t{config_.session.max_hours} * 3600));
  SessionUser who{user, session.csrf, ""};
  if (auto f = storage_.facility(user.facility_id)) who.facility_name = f->name;
  response.body = json{{"user", user_json(who)}, {"csrf", session.csrf}}.dump();
  return response;
}

WebResponse Dashboard::logout(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    storage_.end_session(caller.token_hash);
    WebResponse response;
    response.headers.emplace_back("Set-Cookie", cookie("", 0));
    response.body = json{{"protocol", 1}, {"logged_out", true}}.dump();
    return response;
  }, Use::activity, Who::anyone);
}

WebResponse Dashboard::me(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    json facilities = json::array();
    if (staff::all_facilities(caller.user().role))
      for (const auto& f : storage_.facilities()) facilities.push_back({{"id", f.id}, {"name", f.name}});
    auto facility = caller.user().facility_id;
    if (facility.empty() && !facilities.empty()) facility = facilities[0]["id"];
    // The colleagues a case can be given to (issue 15 item 1).
    json owners = json::array();
    if (staff::may_own_cases(caller.user().role))
      for (const auto& u : storage_.users(caller.user().facility_id))
        if (staff::may_own_cases(u.role) && !u.disabled_ms)
          owners.push_back({{"id", u.id}, {"username", u.username}, {"name", u.display_name}, {"role", staff::to_string(u.role)}});
    WebResponse response;
    response.body = json{{"user", user_json(caller.session)},
                         {"owners", owners},
                         {"csrf", caller.session.csrf},
                         {"facilities", facilities},
                         {"units", json::parse(units_json(facility))},
                         {"due_hours", config_.due_hours},
                         {"public_url", config_.public_url}}
                        .dump();
    return response;
  }, Use::activity, Who::anyone);
}

}  // namespace kotak::server
