// The staff dashboard's API without sockets: log-in and sessions, the
// log-in limit, CSRF, the facility on every endpoint, the roles, the public
// ticket and the CSV download.
#include <doctest/doctest.h>

#include <cctype>

#include <nlohmann/json.hpp>

#include "tests/server/dashboard_site.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using namespace kotak::test;

TEST_CASE("log-in gives an HttpOnly SameSite cookie and log-out ends the session") {
  Site site;
  auto response = site.login("sari");
  REQUIRE(response.status == 200);
  auto cookie = header(response, "Set-Cookie");
  CHECK(cookie.rfind("kotak_session=", 0) == 0);
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("Secure") != std::string::npos);  // public_url is https
  CHECK(response.body.find(password_hash()) == std::string::npos);

  Browser sari = log_in(site, "sari");
  auto me = site.dashboard->me(sari.get());
  REQUIRE(me.status == 200);
  CHECK(json::parse(me.body)["user"]["facility_name"] == "Puskesmas A");
  CHECK(site.dashboard->me(Browser{}.get()).status == 401);
  CHECK(site.dashboard->me(Browser{"kotak_session=forged", ""}.get()).status == 401);

  CHECK(site.dashboard->logout(sari.post({}, json::object())).status == 200);
  CHECK(site.dashboard->me(sari.get()).status == 401);
}

TEST_CASE("a session ends when left idle and after its longest life") {
  Site site;
  Browser sari = log_in(site, "sari");
  site.now += 7 * 3600000LL;  // used within the 8 h idle limit
  CHECK(site.dashboard->me(sari.get()).status == 200);
  site.now += 6 * 3600000LL;  // but 13 h after log-in
  CHECK(site.dashboard->me(sari.get()).status == 401);
  Browser again = log_in(site, "sari");
  site.now += 8 * 3600000LL + 1;
  CHECK(site.dashboard->me(again.get()).status == 401);
}

TEST_CASE("session edges: alive a millisecond before the idle limit and the longest life, gone at them") {
  Site site;  // idle 8 h, longest life 12 h
  constexpr std::int64_t kHourMs = 3600000;
  // Two sessions opened at the same moment and left alone: one is looked at
  // a millisecond before the idle limit, the other at it.
  Browser early = log_in(site, "sari");
  Browser late = log_in(site, "dewi");
  const std::int64_t opened = site.now;
  site.now = opened + 8 * kHourMs - 1;
  CHECK(site.dashboard->me(early.get()).status == 200);
  site.now = opened + 8 * kHourMs;
  CHECK(site.dashboard->me(late.get()).status == 401);

  // Used every four hours, a session still ends at its longest life.
  Browser busy = log_in(site, "sari");
  const std::int64_t logged_in = site.now;
  for (int hours : {4, 8}) {
    site.now = logged_in + hours * kHourMs;
    CHECK(site.dashboard->me(busy.get()).status == 200);
  }
  site.now = logged_in + 12 * kHourMs - 1;
  CHECK(site.dashboard->me(busy.get()).status == 200);
  site.now = logged_in + 12 * kHourMs;
  CHECK(site.dashboard->me(busy.get()).status == 401);
}

TEST_CASE("failed log-ins are limited per account and address, and never lock another account") {
  Site site(2);
  CHECK(site.login("sari", "salah-1").status == 401);
  CHECK(site.login("sari", "salah-2").status == 401);
  auto refused = site.login("sari");  // even the right password, for now
  CHECK(refused.status == 429);
  CHECK(std::stoi(header(refused, "Retry-After")) > 0);
  CHECK(std::stoi(header(refused, "Retry-After")) <= 15 * 60);
  // Issue 12: five wrong passwords for any name, even one that does not
  // exist, once locked every account out from that address.
  for (int i = 0; i < 10; ++i) site.login("nobody", "x", "10.0.0.1");
  CHECK(site.login("nobody", "x", "10.0.0.1").status == 429);
  CHECK(site.login("dewi", kPassword, "10.0.0.1").status == 200);
  // The account itself is still open from another address.
  CHECK(site.login("sari", kPassword, "10.0.0.2").status == 200);
  site.now += 15 * 60000 + 1;
  CHECK(site.login("sari").status == 200);
}

TEST_CASE("guesses at one account from many addresses hold up that account only") {
  Site site(2, 4);
  for (const char* address : {"10.0.0.3", "10.0.0.3", "10.0.0.4", "10.0.0.4"})
    CHECK(site.login("sari", "salah", address).status == 401);
  CHECK(site.login("sari", kPassword, "10.0.0.5").status == 429);
  CHECK(site.login("dewi", kPassword, "10.0.0.5").status == 200);
  CHECK(site.login("dewi", kPassword, "10.0.0.3").status == 200);
  site.now += 15 * 60000 + 1;
  CHECK(site.login("sari", kPassword, "10.0.0.5").status == 200);
}

TEST_CASE("log-in counters live in the database: a restart or a second server process sees them") {
  Site site(2);
  CHECK(site.login("sari", "salah-1").status == 401);
  CHECK(site.login("sari", "salah-2").status == 401);
  // Another storage connection and dashboard on the same database: what a
  // restarted server or a second process behind a load balancer has.
  auto other_storage = site.store.database.open();
  server::Dashboard other(*other_storage, site.config, catalogs());
  other.now_ms = [&] { return site.now; };
  WebRequest request;
  request.method = "POST";
  request.body = json{{"username", "sari"}, {"password", kPassword}}.dump();
  request.content_type = "application/json";
  request.remote = "10.0.0.1";
  CHECK(other.login(request).status == 429);
  request.remote = "10.0.0.9";
  CHECK(other.login(request).status == 200);
}

TEST_CASE("every change needs the CSRF token, a JSON body and the own site") {
  Site site;
  Browser sari = log_in(site, "sari");
  auto id = std::to_string(site.case_a);
  auto request = sari.post({id, "status"}, {{"to", "diverifikasi"}});
  auto without = request;
  without.csrf = "";
  CHECK(site.dashboard->change_case(without).status == 403);
  auto wrong = request;
  wrong.csrf = Browser(log_in(site, "dewi")).csrf;  // another session's token
  CHECK(site.dashboard->change_case(wrong).status == 403);
  auto form = request;
  form.content_type = "application/x-www-form-urlencoded";
  CHECK(site.dashboard->change_case(form).status == 415);
  auto foreign = request;
  foreign.origin = "https://evil.example";
  CHECK(site.dashboard->change_case(foreign).status == 403);
  CHECK(site.storage.find_case("", site.case_a)->status == reg::Status::baru);
  CHECK(site.dashboard->change_case(request).status == 200);
  CHECK(site.storage.find_case("", site.case_a)->status == reg::Status::diverifikasi);
}

TEST_CASE("a user of another facility reaches nothing of it, by any endpoint") {
  Site site;
  Browser budi = log_in(site, "budi");
  auto id = std::to_string(site.case_a);
  CHECK(site.dashboard->get_case(budi.get({id})).status == 404);
  CHECK(site.dashboard->change_case(budi.post({id, "answer"}, {{"channel", "telepon"}, {"text", "x"}})).status == 404);
  CHECK(site.dashboard->identity(budi.post({id}, json::object())).status == 404);
  CHECK(site.dashboard->list_cases(budi.get({}, {{"facility", "pkm-a"}})).status == 403);
  CHECK(site.dashboard->recap(budi.get({}, {{"facility", "pkm-a"}, {"month", "2026-11"}})).status == 403);
  CHECK(site.dashboard->recap_csv(budi.get({}, {{"facility", "pkm-a"}, {"month", "2026-11"}})).status == 403);
  CHECK(site.dashboard->recap_cases(budi.get({}, {{"facility", "pkm-a"}, {"month", "2026-11"}})).status == 403);
  CHECK(site.dashboard->board(budi.get({}, {{"facility", "pkm-a"}})).status == 403);
  CHECK(site.dashboard->alerts(budi.get({}, {{"facility", "pkm-a"}, {"after", "0"}})).status == 403);
  auto own = site.dashboard->list_cases(budi.get());
  CHECK(json::parse(own.body)["total"] == 0);
  auto alerts = site.dashboard->alerts(budi.get({}, {{"after", "0"}}));
  CHECK(json::parse(alerts.body)["cases"].empty());

  // The district admin reads every facility, but changes nothing.
  Browser dinkes = log_in(site, "dinkes");
  CHECK(site.dashboard->get_case(dinkes.get({id})).status == 200);
  CHECK(json::parse(site.dashboard->list_cases(dinkes.get({}, {{"facility", "pkm-a"}})).body)["total"] == 1);
  CHECK(site.dashboard->change_case(dinkes.post({id, "status"}, {{"to", "diverifikasi"}})).status == 403);
  CHECK(site.dashboard->identity(dinkes.post({id}, json::object())).status == 403);
}

TEST_CASE("contact details only for the roles that answer, and each look is logged") {
  Site site;
  auto id = std::to_string(site.case_a);
  Browser dewi = log_in(site, "dewi");  // the quality team
  auto c = json::parse(site.dashboard->get_case(dewi.get({id})).body);
  CHECK(c["has_identity"] == true);
  CHECK(c.dump().find("0812") == std::string::npos);  // never in a case's JSON
  CHECK(site.dashboard->identity(dewi.post({id}, json::object())).status == 403);
  CHECK(site.dashboard->change_case(dewi.post({id, "review"}, {{"analysis", "a"}, {"rtl", "b"}})).status == 200);

  Browser sari = log_in(site, "sari");
  CHECK(site.dashboard->change_case(sari.post({id, "review"}, {{"analysis", "a"}, {"rtl", "b"}})).status == 403);
  auto who = site.dashboard->identity(sari.post({id}, json::object()));
  REQUIRE(who.status == 200);
  CHECK(json::parse(who.body)["phone"] == "0812 3456");
  auto history = json::parse(site.dashboard->get_case(sari.get({id})).body)["history"];
  CHECK(history.back()["action"] == "identity_viewed");
  CHECK(history.back()["user"] == "sari");
}

TEST_CASE("the public ticket shows its code, the status and the public answer - by UUID or by code") {
  Site site;
  Browser sari = log_in(site, "sari");
  auto id = std::to_string(site.case_a);
  auto c = json::parse(site.dashboard->get_case(sari.get({id})).body);
  std::string uuid = c["tracking_path"].get<std::string>().substr(3);
  const std::string code = c["ticket"];
  WebRequest request;
  request.captures = {uuid};
  request.remote = "10.0.0.7";
  auto ticket = site.dashboard->public_ticket(request);
  REQUIRE(ticket.status == 200);
  CHECK(json::parse(ticket.body) == json{{"status", "baru"}, {"answer", ""}, {"ticket", code}});
  site.dashboard->change_case(sari.post({id, "answer"}, {{"channel", "telepon"}, {"text", "Pribadi: Ibu Sari kami telepon"}}));
  CHECK(site.dashboard->change_case(sari.post({id, "publish"}, {{"summary", "Antrean lama"}, {"answer", "Loket ditambah"}})).status == 200);
  const json answered{{"status", "ditanggapi"}, {"answer", "Loket ditambah"}, {"ticket", code}};
  CHECK(json::parse(site.dashboard->public_ticket(request).body) == answered);
  // The code the kiosk printed leads to the same page, however it is typed.
  std::string typed = code;
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const std::string& key : {code, typed, typed.substr(0, 3) + " " + typed.substr(4, 3) + " " + typed.substr(8)}) {
    CAPTURE(key);
    request.captures = {key};
    auto by_code = site.dashboard->public_ticket(request);
    REQUIRE(by_code.status == 200);
    CHECK(json::parse(by_code.body) == answered);
  }
  // Guessing codes is slowed down per address, and only there.
  request.captures = {"XXX-XXX-XXX"};
  int refused = 0;
  for (int i = 0; i < 25; ++i) {
    auto guess = site.dashboard->public_ticket(request);
    CHECK((guess.status == 404 || guess.status == 429));
    refused += guess.status == 429 ? 1 : 0;
  }
  CHECK(refused == 5);
  request.captures = {code};
  CHECK(site.dashboard->public_ticket(request).status == 429);
  request.remote = "10.0.0.8";
  CHECK(site.dashboard->public_ticket(request).status == 200);
  request.captures = {"not a code"};
  CHECK(site.dashboard->public_ticket(request).status == 404);
}

TEST_CASE("cases from other channels, and the CSV of the month") {
  Site site;
  Browser sari = log_in(site, "sari");
  WebRequest add = sari.post({}, {{"channel", "sms_wa"}, {"received_at", "2026-11-20T09:00:00.000+07:00"},
                                  {"type", "keluhan"}, {"unit", "apotek"}, {"identity_mode", "anonim"},
                                  {"content", "=1+1 obat habis; \"lagi\""}});
  auto created = site.dashboard->add_case(add);
  REQUIRE(created.status == 201);
  CHECK(json::parse(created.body)["label"] == "0002/2026");
  auto kiosk = add;
  kiosk.body = json{{"channel", "kiosk"}, {"received_at", "2026-11-20T09:00:00.000+07:00"}, {"type", "keluhan"},
                    {"identity_mode", "anonim"}, {"content", "x"}}.dump();
  CHECK(site.dashboard->add_case(kiosk).status == 400);
  auto future = add;
  future.body = json{{"channel", "email"}, {"received_at", "2027-11-20T09:00:00.000+07:00"}, {"type", "keluhan"},
                     {"identity_mode", "anonim"}, {"content", "x"}}.dump();
  CHECK(site.dashboard->add_case(future).status == 400);

  auto csv = site.dashboard->recap_csv(sari.get({}, {{"month", "2026-11"}}));
  REQUIRE(csv.status == 200);
  CHECK(csv.content_type == "text/csv; charset=utf-8");
  CHECK(header(csv, "Content-Disposition") == "attachment; filename=\"rekap-pkm-a-2026-11.csv\"");
  CHECK(csv.body.rfind("\xEF\xBB\xBF" "Rekap bulanan;2026-11\r\n", 0) == 0);
  CHECK(csv.body.find("Jumlah masukan;2\r\n") != std::string::npos);
  CHECK(csv.body.find("\"'=1+1 obat habis; \"\"lagi\"\"\"") != std::string::npos);
  CHECK(site.dashboard->recap_csv(sari.get({}, {{"month", "2026-13"}})).status == 400);
}

TEST_CASE("refusals staff meet are said in their language - Bahasa Indonesia unless the page asks for English") {
  Site site;
  Browser sari = log_in(site, "sari");
  const std::string id = std::to_string(site.case_a);
  // Publishing a case nobody has answered: a rule of the board.
  auto publish = sari.post({id, "publish"}, {{"summary", "Antrean lama"}, {"answer", "Loket ditambah"}});
  auto refused = site.dashboard->change_case(publish);
  CHECK(refused.status == 409);
  auto body = json::parse(refused.body);
  CHECK(body["code"] == "error.case.unanswered");
  CHECK(body["error"] == "Hanya masukan yang sudah ditanggapi yang dapat dipublikasikan.");
  publish.language = "en";
  CHECK(json::parse(site.dashboard->change_case(publish).body)["error"] ==
        "Only an answered case can be published.");
  // A status the procedure does not allow, named as the pages name it.
  auto skip = sari.post({id, "status"}, {{"to", "selesai"}});
  body = json::parse(site.dashboard->change_case(skip).body);
  CHECK(body["code"] == "error.case.transition");
  CHECK(body["error"] == "Status tidak dapat diubah dari Baru ke Selesai.");
  // A form field left empty, named by its label.
  auto empty = sari.post({id, "answer"}, {{"channel", "telepon"}, {"text", "  "}});
  auto missing = site.dashboard->change_case(empty);
  CHECK(missing.status == 400);
  CHECK(json::parse(missing.body)["error"] == "Kolom “Isi tanggapan” wajib diisi.");
  // A stale page's CSRF token.
  auto stale = sari.post({id, "answer"}, {{"channel", "telepon"}, {"text", "Sudah"}});
  stale.csrf = "old";
  stale.language = "en";
  CHECK(json::parse(site.dashboard->change_case(stale).body)["error"] ==
        "The page's security code is no longer valid. Reload the page and try again.");
}
