// Accounts in the dashboard (issue 14 item 6) without sockets, on both
// engines: the second factor (codes computed here with liboath at times the
// test sets), the half-finished log-in that grants nothing, one-time codes,
// the role and facility rules of every account action, and disabling.
#include <doctest/doctest.h>
#include <liboath/oath.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "server/staff/totp.hpp"
#include "tests/server/dashboard_site.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using namespace kotak::test;

namespace {

constexpr std::int64_t kStepMs = 30000;
const std::string kNewPassword = "kopi tubruk di pagi hari";

// The code of a base32 key at a moment, by liboath itself.
std::string code_at(const std::string& secret, std::int64_t at_ms) {
  REQUIRE(oath_init() == OATH_OK);
  char* key = nullptr;
  std::size_t length = 0;
  REQUIRE(oath_base32_decode(secret.data(), secret.size(), &key, &length) == OATH_OK);
  char otp[7] = {};
  int made = oath_totp_generate(key, length, static_cast<time_t>(at_ms / 1000), 30, 0, 6, otp);
  std::free(key);
  REQUIRE(made == OATH_OK);
  return otp;
}

WebRequest step_request(const json& body) {
  WebRequest request;
  request.method = "POST";
  request.body = body.dump();
  request.content_type = "application/json";
  request.remote = "10.0.0.1";
  return request;
}

// A browser from a response that started a session.
Browser browser_of(const WebResponse& response) {
  auto cookie = header(response, "Set-Cookie");
  REQUIRE(cookie.rfind("kotak_session=", 0) == 0);
  return {cookie.substr(0, cookie.find(';')), json::parse(response.body).at("csrf")};
}

// Turns on kartini's second factor through the dashboard; returns the key.
std::string enrol(Site& site, const Browser& who, std::int64_t code_time_ms) {
  auto started = site.dashboard->totp_start(who.post({}, json::object()));
  REQUIRE(started.status == 200);
  auto body = json::parse(started.body);
  std::string secret = body.at("secret");
  CHECK(body.at("uri").get<std::string>().rfind("otpauth://totp/Kotak:", 0) == 0);
  CHECK(body.at("uri").get<std::string>().find("secret=" + secret) != std::string::npos);
  CHECK(body.at("qr").at("size").get<int>() > 21);
  auto confirmed = site.dashboard->totp_confirm(who.post({}, {{"code", code_at(secret, code_time_ms)}}));
  REQUIRE(confirmed.status == 200);
  return secret;
}

std::string challenge_of(const WebResponse& response, const std::string& step) {
  REQUIRE(response.status == 200);
  auto body = json::parse(response.body);
  REQUIRE(body.contains("step"));
  CHECK(body.at("step") == step);
  CHECK(header(response, "Set-Cookie").empty());
  return body.at("challenge");
}

int totp_login(Site& site, const std::string& challenge, const std::string& code) {
  return site.dashboard->login_totp(step_request({{"challenge", challenge}, {"code", code}})).status;
}

json users_of(Site& site, const Browser& who, std::map<std::string, std::string> query = {}) {
  auto response = site.dashboard->list_users(who.get({}, std::move(query)));
  REQUIRE(response.status == 200);
  return json::parse(response.body);
}

// Creates a user by the dashboard; the response.
WebResponse create(Site& site, const Browser& who, const std::string& username, const std::string& role,
                   const std::string& facility) {
  return site.dashboard->add_user(who.post({}, {{"username", username}, {"name", "Rina " + username},
                                                {"role", role}, {"facility", facility}}));
}

}  // namespace

TEST_CASE("TOTP: the current step and one either side pass once, two steps off and replays are refused") {
  Site site;
  Browser kartini = log_in(site, "kartini");
  const std::int64_t t = site.now;
  // Enrolment needs a valid code: one step behind is fine.
  auto secret = enrol(site, kartini, t - kStepMs);
  CHECK(users_of(site, kartini).dump().find(secret) == std::string::npos);  // never shown again
  auto me = json::parse(site.dashboard->me(kartini.get()).body);
  CHECK(me["user"]["totp"] == true);
  CHECK(me.dump().find(secret) == std::string::npos);

  auto challenge = challenge_of(site.login("kartini"), "totp");
  CHECK(totp_login(site, challenge, code_at(secret, t - 2 * kStepMs)) == 401);
  CHECK(totp_login(site, challenge, code_at(secret, t + 2 * kStepMs)) == 401);
  CHECK(totp_login(site, challenge, "12345") == 401);
  auto now_code = code_at(secret, t);
  auto ok = site.dashboard->login_totp(step_request({{"challenge", challenge}, {"code", now_code}}));
  REQUIRE(ok.status == 200);
  Browser second = browser_of(ok);
  CHECK(site.dashboard->me(second.get()).status == 200);
  // The challenge is spent, and the same code is never taken again.
  CHECK(totp_login(site, challenge, code_at(secret, t + kStepMs)) == 401);
  auto again = challenge_of(site.login("kartini"), "totp");
  CHECK(totp_login(site, again, now_code) == 401);
  // One step ahead (a phone clock a little fast) is accepted.
  CHECK(totp_login(site, again, code_at(secret, t + kStepMs)) == 200);
  // That step is used now: a code of it or of an earlier step is not.
  auto third = challenge_of(site.login("kartini"), "totp");
  site.now = t + kStepMs;
  CHECK(totp_login(site, third, code_at(secret, t)) == 401);
  CHECK(totp_login(site, third, code_at(secret, t + kStepMs)) == 401);
  site.now = t + 2 * kStepMs;
  CHECK(totp_login(site, third, code_at(secret, t + 2 * kStepMs)) == 200);
}

TEST_CASE("the half-finished log-in grants nothing and ends after five minutes") {
  Site site;
  Browser kartini = log_in(site, "kartini");
  auto secret = enrol(site, kartini, site.now);
  auto challenge = challenge_of(site.login("kartini"), "totp");
  // The token is no session, and no other step's.
  CHECK(site.dashboard->me(Browser{"kotak_session=" + challenge, ""}.get()).status == 401);
  CHECK(site.dashboard->list_users(Browser{"kotak_session=" + challenge, ""}.get()).status == 401);
  auto wrong_kind = site.dashboard->login_password(step_request({{"challenge", challenge}, {"password", kNewPassword}}));
  CHECK(wrong_kind.status == 401);
  CHECK(json::parse(wrong_kind.body)["code"] == "error.step_expired");
  site.now += 5 * 60000;
  CHECK(totp_login(site, challenge, code_at(secret, site.now)) == 401);
  // A wrong password never reaches the second step.
  CHECK(site.login("kartini", "salah-sekali").status == 401);
}

TEST_CASE("wrong second-factor codes count toward the log-in limit, a right password does not clear them") {
  Site site(3);
  Browser kartini = log_in(site, "kartini");
  auto secret = enrol(site, kartini, site.now);
  for (int i = 0; i < 3; ++i) {
    auto challenge = challenge_of(site.login("kartini"), "totp");
    CHECK(totp_login(site, challenge, "000000") == 401);
  }
  CHECK(site.login("kartini").status == 429);
  site.now += 15 * 60000 + 1;
  auto challenge = challenge_of(site.login("kartini"), "totp");
  CHECK(totp_login(site, challenge, code_at(secret, site.now)) == 200);
}

TEST_CASE("a one-time code: for its user only, once, before it expires, then a password by the policy") {
  Site site;
  Browser kartini = log_in(site, "kartini");
  auto created = create(site, kartini, "rina", "petugas", "");
  REQUIRE(created.status == 200);
  auto made = json::parse(created.body);
  std::string code = made.at("code");
  CHECK(made["user"]["facility"] == "pkm-a");  // a kepala's new user is of their facility
  CHECK(site.login("rina", code).status == 401);  // not a password

  auto redeem = [&](const std::string& user, const std::string& typed) {
    return site.dashboard->login_code(step_request({{"username", user}, {"code", typed}}));
  };
  CHECK(redeem("sari", code).status == 401);  // another user's code
  // Typed in lower case with spaces: the same code.
  std::string typed = code;
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::replace(typed.begin(), typed.end(), '-', ' ');
  auto challenge = challenge_of(redeem("rina", typed), "password");
  auto used = redeem("rina", code);
  CHECK(used.status == 401);
  CHECK(json::parse(used.body)["code"] == "error.code_used");

  auto set = [&](const std::string& password) {
    return site.dashboard->login_password(step_request({{"challenge", challenge}, {"password", password}}));
  };
  auto weak = set("12345678");
  CHECK(weak.status == 400);
  CHECK(json::parse(weak.body)["code"] == "error.password_short");
  CHECK(set("rina-rina-rina").status == 400);  // holds the user name
  auto done = set(kNewPassword);
  REQUIRE(done.status == 200);
  CHECK(site.dashboard->me(browser_of(done).get()).status == 200);
  CHECK(site.login("rina", kNewPassword).status == 200);
  CHECK(set("another good passphrase").status == 401);  // the step is spent

  // A reset code expires after a day.
  auto reset = site.dashboard->change_user(kartini.post({"rina", "reset"}, json::object()));
  REQUIRE(reset.status == 200);
  std::string reset_code = json::parse(reset.body).at("code");
  site.now += 24 * 3600000LL;
  auto late = redeem("rina", reset_code);
  CHECK(late.status == 401);
  CHECK(json::parse(late.body)["code"] == "error.code_expired");
  CHECK(site.login("rina", kNewPassword).status == 200);  // the old password still works

  // Nothing secret in the log of account changes.
  auto log = users_of(site, log_in(site, "kartini")).at("log").dump();
  CHECK(log.find("user.create") != std::string::npos);
  CHECK(log.find("password.reset") != std::string::npos);
  CHECK(log.find(code) == std::string::npos);
  CHECK(log.find(reset_code) == std::string::npos);
  CHECK(log.find(kNewPassword) == std::string::npos);
}

TEST_CASE("who may manage whom: a kepala their facility only and never an admin, the district admin all") {
  Site site;
  Browser kartini = log_in(site, "kartini");
  Browser sari = log_in(site, "sari");
  Browser dinkes = log_in(site, "dinkes");
  auto code = [](const WebResponse& r) { return json::parse(r.body).value("code", std::string()); };

  // Petugas and mutu manage no accounts.
  CHECK(site.dashboard->list_users(sari.get()).status == 403);
  CHECK(create(site, sari, "x1", "petugas", "pkm-a").status == 403);
  CHECK(site.dashboard->change_user(sari.post({"dewi", "disable"}, json::object())).status == 403);

  // The kepala sees and changes pkm-a's accounts only.
  auto listed = users_of(site, kartini).at("users");
  for (const auto& u : listed) CHECK(u["facility"] == "pkm-a");
  CHECK(listed.size() == 3u);
  CHECK(users_of(site, kartini).at("roles").dump().find("admin") == std::string::npos);
  CHECK(site.dashboard->list_users(kartini.get({}, {{"facility", "pkm-b"}})).status == 403);
  auto admin_made = create(site, kartini, "x2", "admin", "");
  CHECK(admin_made.status == 403);
  CHECK(code(admin_made) == "error.not_yours");
  CHECK(create(site, kartini, "x3", "petugas", "pkm-b").status == 403);
  for (const char* action : {"disable", "enable", "reset", "totp-reset"}) {
    CHECK(site.dashboard->change_user(kartini.post({"budi", action}, json::object())).status == 403);
    CHECK(site.dashboard->change_user(kartini.post({"dinkes", action}, json::object())).status == 403);
  }
  CHECK(create(site, kartini, "x4", "mutu", "pkm-a").status == 200);
  CHECK(create(site, kartini, "x4", "mutu", "pkm-a").status == 409);  // taken
  CHECK(create(site, kartini, "Bad Name", "mutu", "pkm-a").status == 400);
  CHECK(create(site, kartini, "x5", "lurah", "pkm-a").status == 400);
  CHECK(site.dashboard->change_user(kartini.post({"nobody", "disable"}, json::object())).status == 404);

  // The admin: any facility, other admins; never themselves out.
  CHECK(users_of(site, dinkes).at("users").size() == 6u);
  CHECK(create(site, dinkes, "x6", "petugas", "pkm-b").status == 200);
  CHECK(create(site, dinkes, "x7", "petugas", "").status == 400);  // which puskesmas?
  CHECK(create(site, dinkes, "dinkes2", "admin", "").status == 200);
  auto self = site.dashboard->change_user(dinkes.post({"dinkes", "disable"}, json::object()));
  CHECK(self.status == 409);
  CHECK(code(self) == "error.self");
  CHECK(site.dashboard->change_user(dinkes.post({"budi", "disable"}, json::object())).status == 200);
  CHECK(site.dashboard->change_user(dinkes.post({"dinkes2", "disable"}, json::object())).status == 200);
  // The last enabled admin cannot be disabled, by anyone (here: the storage).
  CHECK_THROWS_AS(site.storage.set_disabled("dinkes", kNow), StorageError);
  CHECK_FALSE(site.storage.user("dinkes")->disabled_ms.has_value());
  site.storage.set_disabled("dinkes2", std::nullopt);
  site.storage.set_disabled("dinkes", kNow);  // another admin is enabled now
  CHECK(site.storage.user("dinkes")->disabled_ms.has_value());

  // Every action is logged with who, what, to whom.
  auto log = site.storage.staff_log("", 50);
  REQUIRE(log.size() >= 5u);
  bool found = false;
  for (const auto& e : log)
    found = found || (e.action == "user.disable" && e.target == "budi" && e.actor_name == "dinkes" &&
                      e.facility_id == "pkm-b" && e.at_ms == kNow);
  CHECK(found);
  CHECK(site.storage.staff_log("pkm-a", 50).size() == 1u);  // x4's creation
}

TEST_CASE("disabling a user ends their sessions at once, a second-factor reset is the admin's or kepala's") {
  Site site;
  Browser kartini = log_in(site, "kartini");
  Browser sari = log_in(site, "sari");
  CHECK(site.dashboard->me(sari.get()).status == 200);
  CHECK(site.dashboard->change_user(kartini.post({"sari", "disable"}, json::object())).status == 200);
  CHECK(site.dashboard->me(sari.get()).status == 401);
  CHECK(site.login("sari").status == 401);
  CHECK(site.dashboard->change_user(kartini.post({"sari", "enable"}, json::object())).status == 200);
  sari = log_in(site, "sari");

  // Petugas have no second factor to turn on.
  CHECK(site.dashboard->totp_start(sari.post({}, json::object())).status == 403);
  enrol(site, kartini, site.now);
  Browser dinkes = log_in(site, "dinkes");
  CHECK(site.dashboard->change_user(dinkes.post({"kartini", "totp-reset"}, json::object())).status == 200);
  CHECK(header(site.login("kartini"), "Set-Cookie").rfind("kotak_session=", 0) == 0);  // the password alone
}

TEST_CASE("changing one's own password needs the old one and ends the other sessions") {
  Site site;
  Browser here = log_in(site, "sari");
  Browser there = log_in(site, "sari");
  auto change = [&](const std::string& old_password, const std::string& new_password) {
    return site.dashboard->change_password(here.post({}, {{"old", old_password}, {"new", new_password}}));
  };
  auto wrong = change("salah-salah", kNewPassword);
  CHECK(wrong.status == 403);
  CHECK(json::parse(wrong.body)["code"] == "error.old_password");
  CHECK(change(kPassword, "sari12345678").status == 400);  // holds the user name
  auto changed = change(kPassword, kNewPassword);
  REQUIRE(changed.status == 200);
  Browser renewed = browser_of(changed);
  CHECK(site.dashboard->me(renewed.get()).status == 200);
  CHECK(site.dashboard->me(there.get()).status == 401);
  CHECK(site.dashboard->me(here.get()).status == 401);  // its old cookie too
  CHECK(site.login("sari").status == 401);
  CHECK(site.login("sari", kNewPassword).status == 200);
  // The server hashes at the interactive cost (64 MB, two passes), whatever
  // cost the old hash had (the test users' is the smallest).
  auto sari = site.storage.user("sari");
  REQUIRE(sari);
  CHECK(sari->password_hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0);
}
