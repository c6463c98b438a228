// The steps of a log-in after the password (issue 14 item 6): the second
// factor of a user who turned it on, and a log-in with a one-time code (a
// first password or a reset), which must set a new password first.
//
// Between steps the browser holds a challenge token: it lives five minutes
// in the database (any server process takes the next step), grants nothing
// but that step, and is not a session. Every wrong code counts toward the
// same limits as a wrong password; a right password does not clear them
// while the second factor is still to come, so guessing codes between
// right passwords gains nothing.
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/staff/password.hpp"
#include "server/staff/password_policy.hpp"
#include "server/staff/totp.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::int64_t kChallengeMs = 5 * 60000;

std::string policy_key(staff::PasswordProblem problem) {
  switch (problem) {
    case staff::PasswordProblem::too_short:
      return "error.password_short";
    case staff::PasswordProblem::user_name:
      return "error.password_user_name";
    case staff::PasswordProblem::common:
      break;
  }
  return "error.password_common";
}

}  // namespace

std::optional<WebResponse> password_refusal(const std::string& password, const std::string& username) {
  auto problem = staff::password_problem(password, username);
  if (!problem) return std::nullopt;
  return Dashboard::refuse(400, policy_key(*problem), {{"min", std::to_string(staff::kMinPasswordChars)}});
}

std::optional<WebResponse> Dashboard::too_many(const std::string& account, const WebRequest& request) {
  auto wait = limiter_.wait_ms(account, request.remote, now_ms());
  if (wait <= 0) return std::nullopt;
  core::log::warning("dashboard: log-in for '" + core::quote_prefix(account) + "' from " + request.remote +
                     " refused: too many failed attempts");
  auto response = error(429, "too many failed log-ins; wait a few minutes and try again");
  response.headers.emplace_back("Retry-After", std::to_string((wait + 999) / 1000));
  return response;
}

WebResponse Dashboard::challenge(const staff::User& user, const std::string& kind) {
  auto token = staff::new_secret();
  auto now = now_ms();
  storage_.add_login_challenge({staff::hash_secret(token), user.id, kind, now, now + kChallengeMs});
  WebResponse response;
  response.body = json{{"step", kind}, {"challenge", token}}.dump();
  return response;
}

WebResponse Dashboard::next_step(const staff::User& user, const WebRequest& request) {
  if (!user.totp_secret.empty()) return challenge(user, "totp");
  limiter_.succeeded(user.username, request.remote);
  return begin_session(user, request);
}

WebResponse Dashboard::login_step(const WebRequest& request, const std::function<WebResponse(const json&)>& step) {
  WebResponse response;
  try {
    if (other_origin(request)) {
      response = refuse(403, "error.other_site");
    } else {
      response = step(json::parse(request.body));
    }
  } catch (const json::exception&) {
    response = error(400, "send the fields of this log-in step as JSON");
  } catch (const StorageError& failure) {
    core::log::error(std::string("dashboard: log-in: ") + failure.what());
    response = refuse(503, "error.busy");
  }
  localize(response, request.language);
  return response;
}

WebResponse Dashboard::login_code(const WebRequest& request) {
  return login_step(request, [&](const json& body) {
    auto username = body.at("username").get<std::string>();
    auto code = staff::normal_one_time_code(body.at("code").get<std::string>());
    if (auto wait = too_many(username, request)) return *wait;
    auto now = now_ms();
    auto outcome = staff::is_username(username)
                       ? storage_.redeem_one_time_code(username, staff::hash_secret(code), now)
                       : CodeOutcome::unknown;
    if (outcome != CodeOutcome::accepted) {
      limiter_.failed(username, request.remote, now);
      core::log::info("dashboard: a wrong one-time code for '" + core::quote_prefix(username) + "' from " +
                      request.remote);
      return refuse(401, outcome == CodeOutcome::expired ? "error.code_expired"
                         : outcome == CodeOutcome::used  ? "error.code_used"
                                                         : "error.code_wrong");
    }
    limiter_.succeeded(username, request.remote);
    auto user = storage_.user(username);
    if (!user) return refuse(401, "error.code_wrong");
    core::log::info("dashboard: " + username + " used a one-time code from " + request.remote);
    return challenge(*user, "password");
  });
}

WebResponse Dashboard::login_password(const WebRequest& request) {
  return login_step(request, [&](const json& body) {
    auto token = body.at("challenge").get<std::string>();
    auto password = body.at("password").get<std::string>();
    auto user = storage_.login_challenge(staff::hash_secret(token), "password", now_ms());
    if (!user) return refuse(401, "error.step_expired");
    if (password.size() > 1024) return refuse(400, "error.password_long");
    if (auto refusal = password_refusal(password, user->username)) return *refusal;
    // Ends the user's sessions and half-finished log-ins, this one too.
    storage_.set_password(user->username, hashed_password(password));
    storage_.add_staff_log({now_ms(), user->id, user->display_name, "password.set", user->username,
                            user->facility_id, "one-time code"});
    core::log::info("dashboard: " + user->username + " set a new password with a one-time code");
    return next_step(*user, request);
  });
}

WebResponse Dashboard::login_totp(const WebRequest& request) {
  return login_step(request, [&](const json& body) {
    auto token_hash = staff::hash_secret(body.at("challenge").get<std::string>());
    auto code = core::trim(body.at("code").get<std::string>());
    auto now = now_ms();
    auto user = storage_.login_challenge(token_hash, "totp", now);
    if (!user) return refuse(401, "error.step_expired");
    if (auto wait = too_many(user->username, request)) return *wait;
    auto step = staff::totp_step(user->totp_secret, code, now);
    if (!step || !storage_.use_totp_step(user->id, *step)) {
      limiter_.failed(user->username, request.remote, now);
      core::log::info("dashboard: a wrong second-factor code for " + user->username + " from " + request.remote);
      return refuse(401, "error.totp_wrong");
    }
    storage_.end_login_challenge(token_hash);
    limiter_.succeeded(user->username, request.remote);
    return begin_session(*user, request);
  });
}

}  // namespace kotak::server
