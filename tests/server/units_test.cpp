// Units answer for themselves (issue 15 item 2) and the facility's
// data-protection officer (issue 14 item 3): what a unit's account reads
// and may do, route by route; its answer in the history and the recap; the
// accounts made on the dashboard and the command line; the DPO's review.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/wire.hpp"
#include "server/admin/admin.hpp"
#include "tests/server/dashboard_site.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using namespace kotak::test;

namespace {

constexpr std::int64_t kHourMs = 3600000;

// A kiosk complaint of a facility with contact details; its case id.
std::int64_t add_kiosk_case(Site& site, const std::string& facility, core::IdentityMode mode,
                            const std::string& text, const core::Identity& identity) {
  auto s = sample_written(text);
  s.created_at = {site.now - 30'000, 420};
  s.facility_id = facility;
  s.identity_mode = mode;
  s.identity = identity;
  if (facility != "pkm-a") site.storage.add_device({facility, "kiosk-9"}, "token-" + facility, 1);
  IngestItem item{s, core::wire::content_hash(s)};
  site.storage.ingest({facility, facility == "pkm-a" ? "kiosk-1" : "kiosk-9"}, std::span(&item, 1),
                      IngestSource::network, site.now);
  CaseQuery q;
  q.facility_id = facility;
  q.text = text;
  auto found = site.storage.cases(q).cases;
  REQUIRE(found.size() == 1u);
  return found.front().id;
}

void add_unit_user(Site& site, const std::string& name, const std::string& facility, const std::string& unit) {
  staff::User u{0, name, "Unit " + name, facility, staff::Role::unit, password_hash(), 1, std::nullopt};
  u.unit = unit;
  site.storage.add_user(u);
}

std::string code_of(const WebResponse& r) { return json::parse(r.body).value("code", std::string()); }

// A site with unit accounts: apotek and kia of pkm-a, apotek of pkm-b; a
// named and a rahasia case of pkm-a forwarded to apotek by the officer.
struct UnitSite {
  Site site;
  std::int64_t named = 0, rahasia = 0;
  Browser sari, apotek, kia, apotek_b;

  UnitSite() {
    add_unit_user(site, "apotek", "pkm-a", "apotek");
    add_unit_user(site, "kia", "pkm-a", "kia");
    add_unit_user(site, "apotek.b", "pkm-b", "apotek");
    named = add_kiosk_case(site, "pkm-a", core::IdentityMode::named,
                           "Saya Rina Marlina, obat habis, hubungi 0812-5555-1234",
                           {"Rina Marlina", "0812 5555 1234", "Jl. Mawar 3"});
    rahasia = add_kiosk_case(site, "pkm-a", core::IdentityMode::rahasia, "Petugas apotek kasar kepada saya",
                             {"Joko Susilo", "0813 2222 3333", "Jl. Kenanga 9"});
    sari = log_in(site, "sari");
    apotek = log_in(site, "apotek");
    kia = log_in(site, "kia");
    apotek_b = log_in(site, "apotek.b");
    for (auto id : {named, rahasia})
      REQUIRE(site.dashboard->change_case(sari.post({std::to_string(id), "forward"},
                                                    {{"unit", "apotek"}, {"note", "Mohon cek stok dan sikap petugas"}}))
                  .status == 200);
  }
};

}  // namespace

TEST_CASE("a unit reads only the cases forwarded to it, without anything that identifies the sender") {
  UnitSite u;
  auto& d = *u.site.dashboard;
  const auto named = std::to_string(u.named), rahasia = std::to_string(u.rahasia);

  auto list = d.unit_cases(u.apotek.get());
  REQUIRE(list.status == 200);
  auto cases = json::parse(list.body)["cases"];
  REQUIRE(cases.size() == 2u);
  // The site's own named case (case_a) was not forwarded: not in the inbox.
  for (const auto& c : cases) CHECK(c["id"] != u.site.case_a);

  auto named_view = d.unit_case(u.apotek.get({named}));
  REQUIRE(named_view.status == 200);
  auto c = json::parse(named_view.body);
  const auto content = c["content"].get<std::string>();
  CHECK(content.find("obat habis") != std::string::npos);
  CHECK(content.find("[…]") != std::string::npos);
  CHECK(c["note"] == "Mohon cek stok dan sikap petugas");
  CHECK(c["text_withheld"] == false);
  auto rahasia_view = json::parse(d.unit_case(u.apotek.get({rahasia})).body);
  CHECK(rahasia_view["content"] == "");
  CHECK(rahasia_view["text_withheld"] == true);
  CHECK(rahasia_view["note"] == "Mohon cek stok dan sikap petugas");
  for (const auto& body : {named_view.body, d.unit_case(u.apotek.get({rahasia})).body, list.body}) {
    for (const char* secret : {"Rina", "Marlina", "5555", "Joko", "2222", "Mawar", "Kenanga", "kasar"})
      CHECK_MESSAGE(body.find(secret) == std::string::npos, secret);
    auto j = json::parse(body);
    for (const char* key : {"ticket", "history", "answers", "has_identity", "identity_access", "tracking_url", "channel"})
      CHECK_MESSAGE(!j.contains(key), key);
  }

  // Another unit of the same facility, the same unit of another facility.
  CHECK(json::parse(d.unit_cases(u.kia.get()).body)["cases"].empty());
  CHECK(json::parse(d.unit_cases(u.apotek_b.get()).body)["cases"].empty());
  auto other_unit = d.unit_case(u.kia.get({named}));
  CHECK(other_unit.status == 403);
  CHECK(code_of(other_unit) == "error.unit.not_forwarded");
  CHECK(d.unit_response(u.kia.post({named}, {{"text", "Bukan kami"}})).status == 403);
  CHECK(d.unit_case(u.apotek_b.get({named})).status == 404);
  CHECK(d.unit_response(u.apotek_b.post({named}, {{"text", "Bukan kami"}})).status == 404);
  // The inbox is the units' alone.
  auto officer = d.unit_cases(u.sari.get());
  CHECK(officer.status == 403);
  CHECK(code_of(officer) == "error.role.unit_only");
}

TEST_CASE("every other route refuses a unit's account, in the page's language") {
  UnitSite u;
  auto& d = *u.site.dashboard;
  const auto id = std::to_string(u.named);
  const auto& a = u.apotek;
  using Call = WebResponse (Dashboard::*)(const WebRequest&);
  const std::vector<std::tuple<const char*, Call, WebRequest>> routes = {
      {"GET cases", &Dashboard::list_cases, a.get()},
      {"GET cases?unit=apotek", &Dashboard::list_cases, a.get({}, {{"unit", "apotek"}})},
      {"GET cases/ID", &Dashboard::get_case, a.get({id})},
      {"GET case of the site", &Dashboard::get_case, a.get({std::to_string(u.site.case_a)})},
      {"POST cases", &Dashboard::add_case, a.post({}, {{"channel", "telepon"}})},
      {"POST answer", &Dashboard::change_case, a.post({id, "answer"}, {{"channel", "telepon"}, {"text", "x"}})},
      {"POST forward", &Dashboard::change_case, a.post({id, "forward"}, {{"unit", "kia"}})},
      {"POST status", &Dashboard::change_case, a.post({id, "status"}, {{"to", "diverifikasi"}})},
      {"POST publish", &Dashboard::change_case, a.post({id, "publish"}, {{"summary", "s"}, {"answer", "a"}})},
      {"POST unpublish", &Dashboard::change_case, a.post({id, "unpublish"}, json::object())},
      {"POST identity", &Dashboard::identity, a.post({id}, {{"reason", "perlu"}})},
      {"GET identity-views", &Dashboard::identity_views, a.get()},
      {"POST subject/search", &Dashboard::subject_search, a.post({}, {{"phone", "081255551234"}, {"reason", "x"}})},
      {"POST subject/export", &Dashboard::subject_export, a.post({}, {{"phone", "081255551234"}, {"reason", "x"}})},
      {"GET subject/requests", &Dashboard::subject_requests, a.get()},
      {"GET alerts", &Dashboard::alerts, a.get()},
      {"GET recap", &Dashboard::recap, a.get({}, {{"month", "2026-11"}})},
      {"GET recap.csv", &Dashboard::recap_csv, a.get({}, {{"month", "2026-11"}})},
      {"GET recap/cases", &Dashboard::recap_cases, a.get({}, {{"month", "2026-11"}})},
      {"GET board", &Dashboard::board, a.get()},
      {"GET skm", &Dashboard::skm_report, a.get()},
      {"GET skm.csv", &Dashboard::skm_csv, a.get()},
      {"POST skm/population", &Dashboard::skm_population, a.post({}, {{"population", 10}})},
      {"POST skm/rtl", &Dashboard::skm_rtl, a.post({}, {{"text", "x"}})},
      {"GET users", &Dashboard::list_users, a.get()},
      {"POST users", &Dashboard::add_user, a.post({}, {{"username", "x"}, {"role", "unit"}, {"unit", "apotek"}})},
      {"POST users/NAME/reset", &Dashboard::change_user, a.post({"sari", "reset"}, json::object())},
      {"POST totp/start", &Dashboard::totp_start, a.post({}, json::object())},
      {"GET cases of pkm-b", &Dashboard::list_cases, a.get({}, {{"facility", "pkm-b"}})},
  };
  for (const auto& [name, call, request] : routes) {
    auto r = (d.*call)(request);
    CHECK_MESSAGE(r.status == 403, name);
    CHECK_MESSAGE(code_of(r) == "error.role.unit", name);
  }
  auto worded = a.get();
  CHECK(json::parse(d.list_cases(worded).body)["error"].get<std::string>().find("kotak masuk unit") !=
        std::string::npos);
  worded.language = "en";
  CHECK(json::parse(d.list_cases(worded).body)["error"].get<std::string>().find("unit's inbox") != std::string::npos);
  // Nothing changed on the way.
  auto c = *u.site.storage.find_case("pkm-a", u.named);
  CHECK(c.status == reg::Status::diteruskan);
  CHECK(c.answers.empty());
  CHECK(c.forwarded_unit == "apotek");

  // What every account has: who it is, its own password, logging out.
  auto me = d.me(a.get());
  REQUIRE(me.status == 200);
  auto user = json::parse(me.body)["user"];
  CHECK(user["role"] == "unit");
  CHECK(user["unit"] == "apotek");
  CHECK(user["can_see_identity"] == false);
  CHECK(user["can_change"] == false);
  CHECK(user["can_publish"] == false);
  CHECK(user["can_review_access"] == false);
  CHECK(d.change_password(a.post({}, {{"old", "salah-sekali"}, {"new", "x"}})).status == 403);  // wrong old one, not the role
  CHECK(code_of(d.change_password(a.post({}, {{"old", "salah-sekali"}, {"new", "x"}}))) == "error.old_password");
}

TEST_CASE("the unit's answer goes back to the officer: in the history with who, when and how long, and in the recap") {
  UnitSite u;
  auto& d = *u.site.dashboard;
  const auto named = std::to_string(u.named);
  u.site.now += 2 * kHourMs;
  CHECK(code_of(d.unit_response(u.apotek.post({named}, {{"text", "  "}}))) == "error.field.missing");
  auto sent = d.unit_response(u.apotek.post({named}, {{"text", "Stok obat sudah diisi ulang hari ini."}}));
  REQUIRE(sent.status == 200);
  CHECK(json::parse(sent.body)["unit_response"] == "Stok obat sudah diisi ulang hari ini.");
  CHECK(json::parse(sent.body)["unit_response_by"] == "Unit apotek");

  auto c = json::parse(d.get_case(u.sari.get({named})).body);
  CHECK(c["status"] == "diteruskan");  // the officer answers the person
  CHECK(c["unit_response"] == "Stok obat sudah diisi ulang hari ini.");
  CHECK(c["unit_response_ms"] == u.site.now);
  CHECK(c["forwarded_ms"] == u.site.now - 2 * kHourMs);
  auto history = c["history"];
  REQUIRE(history.size() >= 2u);
  auto forwarded = history[history.size() - 2];
  CHECK(forwarded["action"] == "forwarded");
  CHECK(forwarded["user"] == "sari");
  auto answered = history.back();
  CHECK(answered["action"] == "unit_response");
  CHECK(answered["user"] == "Unit apotek");
  CHECK(answered["at_ms"] == u.site.now);
  CHECK(answered["detail"]["unit"] == "apotek");
  CHECK(answered["detail"]["took_ms"] == 2 * kHourMs);
  CHECK(answered["detail"]["text"] == "Stok obat sudah diisi ulang hari ini.");

  // The officer answers the person: the unit still sees what it answered,
  // but the case no longer waits for it.
  REQUIRE(d.change_case(u.sari.post({named, "answer"}, {{"channel", "telepon"}, {"text", "Obat tersedia"}})).status == 200);
  auto listed = json::parse(d.unit_cases(u.apotek.get()).body)["cases"];
  CHECK(listed.size() == 2u);
  auto view = json::parse(d.unit_case(u.apotek.get({named})).body);
  CHECK(view["open"] == false);
  CHECK(view["answered"] == true);
  auto late = d.unit_response(u.apotek.post({named}, {{"text", "Tambahan"}}));
  CHECK(late.status == 409);
  CHECK(code_of(late) == "error.case.not_forwarded");

  // Forwarded elsewhere: the first unit loses it, the new one has it, with
  // nothing of the first unit's answer.
  REQUIRE(d.change_case(u.sari.post({named, "forward"}, {{"unit", "kia"}})).status == 200);
  CHECK(d.unit_case(u.apotek.get({named})).status == 403);
  auto at_kia = json::parse(d.unit_case(u.kia.get({named})).body);
  CHECK(at_kia["unit_response"] == "");
  CHECK(at_kia["answered"] == false);
  u.site.now += kHourMs;
  REQUIRE(d.unit_response(u.kia.post({named}, {{"text", "KIA sudah menindaklanjuti"}})).status == 200);

  // The recap of the month: per unit forwarded to, how many, how many it
  // answered, median and mean hours.
  auto recap = d.recap(u.sari.get({}, {{"month", "2026-11"}}));
  REQUIRE(recap.status == 200);
  auto rows = json::parse(recap.body)["unit_responses"];
  REQUIRE(rows.size() == 2u);
  CHECK(rows[0]["unit"] == "apotek");  // the rahasia case, not answered
  CHECK(rows[0]["forwarded"] == 1);
  CHECK(rows[0]["answered"] == 0);
  CHECK(rows[0]["median_hours"].is_null());
  CHECK(rows[1]["unit"] == "kia");
  CHECK(rows[1]["forwarded"] == 1);
  CHECK(rows[1]["answered"] == 1);
  CHECK(rows[1]["median_hours"].get<double>() == doctest::Approx(1.0));
  CHECK(rows[1]["mean_hours"].get<double>() == doctest::Approx(1.0));
  auto csv = d.recap_csv(u.sari.get({}, {{"month", "2026-11"}}));
  REQUIRE(csv.status == 200);
  CHECK(csv.body.find("Diteruskan ke unit dan jawabannya") != std::string::npos);
  CHECK(csv.body.find("kia;1;1;1,0;1,0") != std::string::npos);
}

TEST_CASE("unit accounts on the dashboard: kepala for their facility, a unit it has, never a DPO") {
  Site site;
  Browser kartini = log_in(site, "kartini"), dinkes = log_in(site, "dinkes");
  auto create = [&](Browser& who, json body) { return site.dashboard->add_user(who.post({}, body)); };
  auto made = create(kartini, {{"username", "apotek"}, {"name", "Apotek"}, {"role", "unit"}, {"unit", "apotek"}});
  REQUIRE(made.status == 200);
  CHECK(json::parse(made.body)["user"]["unit"] == "apotek");
  auto stored = site.storage.user("apotek");
  REQUIRE(stored);
  CHECK(stored->role == staff::Role::unit);
  CHECK(stored->facility_id == "pkm-a");
  CHECK(stored->unit == "apotek");

  auto missing = create(kartini, {{"username", "u2"}, {"name", "U"}, {"role", "unit"}});
  CHECK(missing.status == 400);
  CHECK(code_of(missing) == "error.user.unit_missing");
  auto unknown = create(kartini, {{"username", "u3"}, {"name", "U"}, {"role", "unit"}, {"unit", "radiologi"}});
  CHECK(unknown.status == 400);
  CHECK(code_of(unknown) == "error.user.unit_unknown");
  CHECK(json::parse(unknown.body)["error"].get<std::string>().find("radiologi bukan unit") != std::string::npos);
  CHECK(create(kartini, {{"username", "u4"}, {"name", "U"}, {"role", "unit"}, {"unit", "apotek"}, {"facility", "pkm-b"}})
            .status == 403);
  auto dpo_unit = create(kartini, {{"username", "u5"}, {"name", "U"}, {"role", "unit"}, {"unit", "kia"}, {"dpo", true}});
  CHECK(dpo_unit.status == 400);
  CHECK(code_of(dpo_unit) == "error.user.dpo_role");
  // The admin, for any facility.
  CHECK(create(dinkes, {{"username", "apotek.b"}, {"name", "Apotek B"}, {"role", "unit"}, {"unit", "apotek"},
                        {"facility", "pkm-b"}})
            .status == 200);
  CHECK(site.storage.user("apotek.b")->facility_id == "pkm-b");
  // The storage keeps the rule too.
  staff::User bad{0, "u6", "U", "pkm-a", staff::Role::unit, password_hash(), 1, std::nullopt};
  CHECK_THROWS_AS(site.storage.add_user(bad), StorageError);
  bad.role = staff::Role::petugas;
  bad.unit = "apotek";
  CHECK_THROWS_AS(site.storage.add_user(bad), StorageError);
  CHECK_FALSE(site.storage.user("u6"));
}

TEST_CASE("kotak-server user add --role unit --unit, and --dpo / user dpo") {
  Site site;
  auto password = site.dir.path() / "password";
  std::ofstream(password) << "Pelangi-senja-2026-kotak\n";
  admin::UserOptions o;
  o.username = "apotek";
  o.name = "Apotek";
  o.facility = "pkm-a";
  o.role = "unit";
  o.password_file = password;
  o.unit = "radiologi";
  CHECK_THROWS_WITH(admin::user_add(site.storage, site.config, o),
                    doctest::Contains("'radiologi' is not a unit of pkm-a (its units: pendaftaran, poli-umum, kia, apotek)"));
  o.unit = "";
  CHECK_THROWS_WITH(admin::user_add(site.storage, site.config, o), doctest::Contains("--unit"));
  o.unit = "apotek";
  o.dpo = true;
  CHECK_THROWS_WITH(admin::user_add(site.storage, site.config, o), doctest::Contains("data-protection officer"));
  CHECK_FALSE(site.storage.user("apotek"));
  o.dpo = false;
  CHECK(admin::user_add(site.storage, site.config, o) == 0);
  auto u = site.storage.user("apotek");
  REQUIRE(u);
  CHECK(u->role == staff::Role::unit);
  CHECK(u->unit == "apotek");
  CHECK(site.storage.staff_log("pkm-a", 10).front().detail == "unit apotek");

  admin::UserOptions p = o;
  p.username = "rani";
  p.role = "petugas";
  CHECK_THROWS_WITH(admin::user_add(site.storage, site.config, p), doctest::Contains("only a unit account has a unit"));
  p.unit = "";
  p.dpo = true;
  CHECK(admin::user_add(site.storage, site.config, p) == 0);
  CHECK(site.storage.user("rani")->dpo);
  CHECK_THROWS_WITH(admin::user_dpo(site.storage, "apotek", true), doctest::Contains("only a petugas, mutu or kepala"));
  CHECK(admin::user_dpo(site.storage, "rani", false) == 0);
  CHECK_FALSE(site.storage.user("rani")->dpo);
  CHECK(site.storage.staff_log("pkm-a", 10).front().action == "user.dpo_off");
}

TEST_CASE("the facility's data-protection officer reviews its identity views, and no other facility's") {
  Site site;
  Browser sari = log_in(site, "sari"), dewi = log_in(site, "dewi"), kartini = log_in(site, "kartini"),
          budi = log_in(site, "budi");
  add_unit_user(site, "apotek", "pkm-a", "apotek");
  const auto id = std::to_string(site.case_a);
  REQUIRE(site.dashboard->identity(sari.post({id}, json::object())).status == 200);

  auto refused = site.dashboard->identity_views(dewi.get());
  CHECK(refused.status == 403);
  CHECK(code_of(refused) == "error.role.access_review");
  CHECK(json::parse(site.dashboard->me(dewi.get()).body)["user"]["can_review_access"] == false);

  // The kepala makes the quality team's dewi the DPO: at once, no new log-in.
  auto made = site.dashboard->change_user(kartini.post({"dewi", "dpo-on"}, json::object()));
  REQUIRE(made.status == 200);
  auto views = site.dashboard->identity_views(dewi.get());
  REQUIRE(views.status == 200);
  auto rows = json::parse(views.body)["views"];
  REQUIRE(rows.size() == 1u);
  CHECK(rows[0]["user"] == "sari");
  CHECK(rows[0]["case_id"] == site.case_a);
  auto me = json::parse(site.dashboard->me(dewi.get()).body)["user"];
  CHECK(me["can_review_access"] == true);
  CHECK(me["dpo"] == true);
  // Still mutu: no identity, no data subject requests.
  CHECK(site.dashboard->identity(dewi.post({id}, json::object())).status == 403);
  CHECK(site.dashboard->subject_requests(dewi.get()).status == 403);
  CHECK(site.storage.staff_log("pkm-a", 5).front().action == "user.dpo_on");

  // Never a unit's account; not another facility's kepala's to give.
  auto unit_dpo = site.dashboard->change_user(kartini.post({"apotek", "dpo-on"}, json::object()));
  CHECK(unit_dpo.status == 400);
  CHECK(code_of(unit_dpo) == "error.user.dpo_role");
  CHECK_THROWS_AS(site.storage.set_dpo("apotek", true), StorageError);
  CHECK_THROWS_AS(site.storage.set_dpo("dinkes", true), StorageError);
  CHECK(site.dashboard->change_user(kartini.post({"budi", "dpo-on"}, json::object())).status == 403);

  // pkm-b's DPO sees pkm-b's views only: none.
  site.storage.set_dpo("budi", true);
  auto other = site.dashboard->identity_views(budi.get());
  REQUIRE(other.status == 200);
  CHECK(json::parse(other.body)["views"].empty());

  REQUIRE(site.dashboard->change_user(kartini.post({"dewi", "dpo-off"}, json::object())).status == 200);
  CHECK(site.dashboard->identity_views(dewi.get()).status == 403);
}
