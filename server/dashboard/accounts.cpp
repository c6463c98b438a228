// Accounts in the dashboard (issue 14 item 6): the district admin manages
// every account, the head of a puskesmas (kepala) those of their facility,
// never an admin's; every user changes their own password and (admin,
// kepala) turns on a second factor.
//
// A new account gets no password: it gets a one-time code, shown once to
// whoever made it, with which the new user logs in and must set a password
// of their own. A reset makes a new code the same way (the old password
// keeps working until the code is used). Every change is in the staff log
// (who, what, to whom, when), never a password, code or key.
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "server/dashboard/dashboard.hpp"
#include "server/staff/password.hpp"
#include "server/staff/totp.hpp"

namespace kotak::server {

using nlohmann::json;

namespace {

constexpr std::int64_t kCodeLifeMs = 24 * 3600000LL;
constexpr std::size_t kLogLines = 200;
constexpr const char* kIssuer = "Kotak";

json account_json(const staff::User& u) {
  return {{"username", u.username},
          {"name", u.display_name},
          {"role", staff::to_string(u.role)},
          {"facility", u.facility_id},
          {"created_ms", u.created_ms},
          {"disabled", u.disabled_ms.has_value()},
          {"totp", !u.totp_secret.empty()},
          {"unit", u.unit},
          {"dpo", u.dpo},
          {"email", u.email}};
}

json log_json(const StaffLogEntry& e) {
  return {{"at_ms", e.at_ms}, {"actor", e.actor_name}, {"action", e.action},
          {"target", e.target}, {"facility", e.facility_id}, {"detail", e.detail}};
}

}  // namespace

WebResponse Dashboard::list_users(const WebRequest& request) {
  return guarded(request, false, [&](const Caller& caller) {
    if (!staff::can_manage_users(caller.user().role)) return refuse(403, "error.not_manager");
    WebResponse refusal;
    auto facility = facility_of(caller, request, refusal);
    if (!facility) return refusal;
    json users = json::array(), log = json::array(), roles = json::array();
    for (const auto& u : storage_.users(*facility)) users.push_back(account_json(u));
    for (const auto& e : storage_.staff_log(*facility, kLogLines)) log.push_back(log_json(e));
    for (auto role : {staff::Role::petugas, staff::Role::mutu, staff::Role::kepala, staff::Role::unit,
                      staff::Role::admin})
      if (staff::may_manage(caller.user(), role, role == staff::Role::admin ? "" : caller.user().facility_id))
        roles.push_back(staff::to_string(role));
    WebResponse response;
    response.body = json{{"users", users}, {"log", log}, {"roles", roles}, {"me", caller.user().username}}.dump();
    return response;
  });
}

WebResponse Dashboard::add_user(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    const auto& actor = caller.user();
    if (!staff::can_manage_users(actor.role)) return refuse(403, "error.not_manager");
    auto body = json::parse(request.body);
    staff::User user;
    user.username = core::trim(body.at("username").get<std::string>());
    user.display_name = core::trim(body.value("name", std::string()));
    auto role = staff::parse_role(body.at("role").get<std::string>());
    user.facility_id = body.value("facility", std::string());
    if (!staff::is_username(user.username)) return refuse(400, "error.username");
    auto length = core::utf8_length(user.display_name);
    if (!length || *length < 1 || *length > 100 || core::has_control_chars(user.display_name))
      return refuse(400, "error.display_name");
    if (!role) return refuse(400, "error.role");
    user.role = *role;
    if (user.role == staff::Role::admin) user.facility_id.clear();
    else if (user.facility_id.empty() && !staff::all_facilities(actor.role)) user.facility_id = actor.facility_id;
    if (user.role != staff::Role::admin && user.facility_id.empty()) return refuse(400, "error.facility_needed");
    if (!staff::may_manage(actor, user.role, user.facility_id)) return refuse(403, "error.not_yours");
    // A unit account belongs to one unit of its facility (issue 15 item 2);
    // the DPO is one of the facility's own staff (issue 14 item 3).
    user.unit = user.role == staff::Role::unit ? core::trim(body.value("unit", std::string())) : std::string();
    user.dpo = body.value("dpo", false);
    if (user.role == staff::Role::unit) {
      if (user.unit.empty()) return refuse(400, "error.user.unit_missing");
      if (!is_unit_of(user.facility_id, user.unit))
        return refuse(400, "error.user.unit_unknown", {{"unit", user.unit}});
    }
    if (user.dpo && !staff::may_be_dpo(user.role)) return refuse(400, "error.user.dpo_role");
    auto now = now_ms();
    // No password until the new user sets one: a random one nobody knows.
    user.password_hash = hashed_password(staff::new_secret());
    user.created_ms = now;
    try {
      storage_.add_user(user);
    } catch (const StorageError& failure) {
      if (failure.code() == StorageErrc::exists) return refuse(409, "error.user_taken", {{"user", user.username}});
      if (failure.code() == StorageErrc::not_found) return refuse(400, "error.facility_unknown");
      throw;
    }
    auto stored = storage_.user(user.username);
    if (!stored) return refuse(500, "error.failed");
    auto code = staff::new_one_time_code();
    storage_.add_one_time_code({staff::hash_secret(staff::normal_one_time_code(code)), stored->id, actor.username,
                                now, now + kCodeLifeMs});
    std::string detail(staff::to_string(user.role));
    if (!user.unit.empty()) detail += " " + user.unit;
    if (user.dpo) detail += " dpo";
    storage_.add_staff_log({now, actor.id, actor.display_name, "user.create", user.username, user.facility_id,
                            detail});
    core::log::info("dashboard: " + actor.username + " added the user " + user.username + " (" +
                    std::string(staff::to_string(user.role)) + (user.facility_id.empty() ? "" : ", " + user.facility_id) +
                    ")");
    WebResponse response;
    response.body = json{{"user", account_json(*stored)}, {"code", code}, {"expires_ms", now + kCodeLifeMs}}.dump();
    return response;
  });
}

WebResponse Dashboard::change_user(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    const auto& actor = caller.user();
    if (!staff::can_manage_users(actor.role)) return refuse(403, "error.not_manager");
    if (request.captures.size() != 2) return refuse(404, "error.no_user");
    const auto& action = request.captures[1];
    auto target = storage_.user(request.captures[0]);
    if (!target) return refuse(404, "error.no_user");
    if (!staff::may_manage(actor, target->role, target->facility_id)) return refuse(403, "error.not_yours");
    auto now = now_ms();
    json answer = {{"username", target->username}};
    std::string logged;
    if (action == "disable") {
      if (target->id == actor.id) return refuse(409, "error.self");
      storage_.set_disabled(target->username, now);  // ends its sessions at once
      logged = "user.disable";
    } else if (action == "enable") {
      storage_.set_disabled(target->username, std::nullopt);
      logged = "user.enable";
    } else if (action == "reset") {
      auto code = staff::new_one_time_code();
      storage_.add_one_time_code({staff::hash_secret(staff::normal_one_time_code(code)), target->id,
                                  actor.username, now, now + kCodeLifeMs});
      answer["code"] = code;
      answer["expires_ms"] = now + kCodeLifeMs;
      logged = "password.reset";
    } else if (action == "dpo-on" || action == "dpo-off") {
      bool dpo = action == "dpo-on";
      if (dpo && !staff::may_be_dpo(target->role)) return refuse(400, "error.user.dpo_role");
      storage_.set_dpo(target->username, dpo);
      logged = dpo ? "user.dpo_on" : "user.dpo_off";
    } else if (action == "email") {
      // Where reminders reach the account (issue 15 item 3); "" none.
      auto body = json::parse(request.body);
      auto email = core::trim(body.value("email", std::string()));
      if (!email.empty() && !core::plausible_address(email)) return refuse(400, "error.user.email");
      storage_.set_email(target->username, email);
      answer["email"] = email;
      logged = "user.email";
    } else if (action == "totp-reset") {
      storage_.clear_totp(target->id);
      logged = "totp.reset";
    } else {
      return refuse(404, "error.no_action");
    }
    storage_.add_staff_log({now, actor.id, actor.display_name, logged, target->username, target->facility_id, ""});
    core::log::info("dashboard: " + actor.username + " did " + logged + " to " + target->username);
    WebResponse response;
    response.body = answer.dump();
    return response;
  });
}

WebResponse Dashboard::change_password(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    const auto& user = caller.user();
    auto body = json::parse(request.body);
    auto old_password = body.at("old").get<std::string>();
    auto new_password = body.at("new").get<std::string>();
    if (auto wait = too_many(user.username, request)) return *wait;
    if (old_password.size() > 1024 || !checked_password(user.password_hash, old_password)) {
      limiter_.failed(user.username, request.remote, now_ms());
      return refuse(403, "error.old_password");
    }
    if (new_password.size() > 1024) return refuse(400, "error.password_long");
    if (auto refusal = password_refusal(new_password, user.username)) return *refusal;
    // Ends every session of the user; this browser gets a new one.
    storage_.set_password(user.username, hashed_password(new_password));
    storage_.add_staff_log({now_ms(), user.id, user.display_name, "password.change", user.username,
                            user.facility_id, ""});
    core::log::info("dashboard: " + user.username + " changed their password; their other sessions ended");
    return begin_session(user, request);
  }, Use::activity, Who::anyone);
}

WebResponse Dashboard::totp_start(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    const auto& user = caller.user();
    if (!staff::can_use_totp(user.role)) return refuse(403, "error.totp_role");
    if (!user.totp_secret.empty()) return refuse(409, "error.totp_on");
    auto secret = staff::new_totp_secret();
    storage_.set_totp_pending(user.id, secret);
    auto uri = staff::otpauth_uri(secret, user.username, kIssuer);
    auto qr = staff::qr_path(uri);
    WebResponse response;
    response.body = json{{"uri", uri}, {"secret", secret}, {"qr", {{"size", qr.size}, {"path", qr.path}}}}.dump();
    return response;
  });
}

WebResponse Dashboard::totp_confirm(const WebRequest& request) {
  return guarded(request, true, [&](const Caller& caller) {
    const auto& user = caller.user();
    if (!staff::can_use_totp(user.role)) return refuse(403, "error.totp_role");
    if (user.totp_pending.empty()) return refuse(409, "error.totp_not_started");
    auto body = json::parse(request.body);
    auto now = now_ms();
    auto step = staff::totp_step(user.totp_pending, core::trim(body.at("code").get<std::string>()), now);
    if (!step) return refuse(400, "error.totp_wrong");
    storage_.confirm_totp(user.id, *step);
    storage_.add_staff_log({now, user.id, user.display_name, "totp.on", user.username, user.facility_id, ""});
    core::log::info("dashboard: " + user.username + " turned on a second factor");
    WebResponse response;
    response.body = json{{"totp", true}}.dump();
    return response;
  });
}

}  // namespace kotak::server
