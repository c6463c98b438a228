// Owners of cases (issue 15 item 1) through the dashboard API, on the
// engine under test: take, hand over, assign, each refusal in the page's
// language, the history lines, and the register's "Kasus saya" and "Belum
// ada pemilik" views combined with the other filters and paging.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/server/dashboard_site.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using namespace kotak::test;

namespace {

std::string code_of(const WebResponse& r) { return json::parse(r.body).value("code", std::string()); }

// Kiosk cases of pkm-a, one a second apart; their ids.
std::vector<std::int64_t> add_cases(Site& site, int n) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < n; ++i)
    ids.push_back(site.add_kiosk_case("Keluhan nomor " + std::to_string(i), site.now - 60'000 + i * 1000));
  return ids;
}

struct OwnerSite {
  Site site;
  Dashboard& d = *site.dashboard;
  Browser sari, dewi, kartini, apotek;
  std::string id = std::to_string(site.case_a);

  OwnerSite() {
    staff::User unit{0, "apotek", "Unit apotek", "pkm-a", staff::Role::unit, password_hash(), 1, std::nullopt};
    unit.unit = "apotek";
    site.storage.add_user(unit);
    site.storage.add_user({0, "lina", "lina", "pkm-a", staff::Role::petugas, password_hash(), 1, std::nullopt});
    site.storage.set_disabled("lina", 5);
    sari = log_in(site, "sari");
    dewi = log_in(site, "dewi");
    kartini = log_in(site, "kartini");
    apotek = log_in(site, "apotek");
  }
  WebResponse owner(const Browser& who, const json& body, const std::string& case_id = {}) {
    return d.change_case(who.post({case_id.empty() ? id : case_id, "owner"}, body));
  }
  json read(const Browser& who) { return json::parse(d.get_case(who.get({id})).body); }
};

}  // namespace

TEST_CASE("take, hand over and assign: each change in the history with who, from whom and to whom") {
  OwnerSite o;
  CHECK(o.read(o.sari)["owner_id"].is_null());
  CHECK(o.read(o.sari)["owner_name"] == "");

  auto taken = o.owner(o.sari, {{"kind", "take"}});
  REQUIRE(taken.status == 200);
  CHECK(json::parse(taken.body)["owner_name"] == "sari");
  CHECK(code_of(o.owner(o.sari, {{"kind", "take"}})) == "error.case.owner_same");

  // Another's case is not taken from them, nor handed over by anyone else.
  auto grab = o.owner(o.dewi, {{"kind", "take"}});
  CHECK(grab.status == 409);
  CHECK(code_of(grab) == "error.case.owner_taken");
  CHECK(json::parse(grab.body)["error"].get<std::string>().find("sari") != std::string::npos);
  CHECK(code_of(o.owner(o.dewi, {{"kind", "hand_over"}, {"to", "dewi"}})) == "error.case.not_owner");

  o.site.now += 60'000;
  REQUIRE(o.owner(o.sari, {{"kind", "hand_over"}, {"to", "dewi"}}).status == 200);
  auto c = o.read(o.dewi);
  CHECK(c["owner_name"] == "dewi");
  CHECK(c["owner_id"].is_number());

  // The head (or anyone who works cases) picks the owner, or nobody.
  o.site.now += 60'000;
  REQUIRE(o.owner(o.kartini, {{"kind", "assign"}, {"to", "sari"}}).status == 200);
  REQUIRE(o.owner(o.kartini, {{"kind", "assign"}, {"to", nullptr}}).status == 200);
  CHECK(o.read(o.kartini)["owner_id"].is_null());

  std::vector<json> lines;
  auto history = o.read(o.sari)["history"];
  for (const auto& e : history)
    if (e["action"] == "owner") lines.push_back(e);
  REQUIRE(lines.size() == 4u);
  CHECK(lines[0]["user"] == "sari");
  CHECK(lines[0]["detail"]["kind"] == "take");
  CHECK(lines[0]["detail"]["from"] == "");
  CHECK(lines[0]["detail"]["to"] == "sari");
  CHECK(lines[1]["detail"]["kind"] == "hand_over");
  CHECK(lines[1]["detail"]["from"] == "sari");
  CHECK(lines[1]["detail"]["to"] == "dewi");
  CHECK(lines[1]["at_ms"] == o.site.now - 60'000);
  CHECK(lines[2]["user"] == "kartini");
  CHECK(lines[2]["detail"]["kind"] == "assign");
  CHECK(lines[2]["detail"]["from"] == "dewi");
  CHECK(lines[2]["detail"]["to"] == "sari");
  CHECK(lines[3]["detail"]["from"] == "sari");
  CHECK(lines[3]["detail"]["to"] == "");
  CHECK(lines[3]["detail"]["to_id"].is_null());
}

TEST_CASE("an owner is a petugas, mutu or kepala of the case's facility, enabled, and refusals say so in Indonesian") {
  OwnerSite o;
  REQUIRE(o.owner(o.sari, {{"kind", "take"}}).status == 200);
  struct Refusal {
    const char* to;
    const char* code;
  };
  for (auto [to, code] : {Refusal{"budi", "error.case.owner_facility"},  // petugas of pkm-b
                          Refusal{"dinkes", "error.case.owner_facility"},  // the district admin
                          Refusal{"apotek", "error.case.owner_role"},  // a unit's account
                          Refusal{"lina", "error.case.owner_disabled"},
                          Refusal{"nobody.here", "error.case.owner_unknown"},
                          Refusal{"Not A Name!", "error.case.owner_unknown"}}) {
    CAPTURE(to);
    auto refused = o.owner(o.sari, {{"kind", "hand_over"}, {"to", to}});
    CHECK(refused.status >= 400);
    CHECK(code_of(refused) == code);
  }
  auto role = o.owner(o.sari, {{"kind", "hand_over"}, {"to", "apotek"}});
  CHECK(json::parse(role.body)["error"] ==
        "Akun apotek tidak dapat menjadi pemilik: hanya petugas, tim mutu, dan kepala puskesmas yang memegang "
        "masukan (bukan akun unit atau admin).");
  CHECK(code_of(o.owner(o.sari, {{"kind", "hand_over"}})) == "error.case.owner_missing");
  CHECK(code_of(o.owner(o.sari, {{"kind", "steal"}})) == "error.field.unknown");
  CHECK(o.read(o.sari)["owner_name"] == "sari");  // nothing changed

  // Neither a unit's account nor the district admin holds cases.
  CHECK(o.owner(o.apotek, {{"kind", "take"}}).status == 403);
  auto admin = log_in(o.site, "dinkes");
  CHECK(o.owner(admin, {{"kind", "take"}}).status == 403);
  // Another facility's petugas does not even find the case.
  auto budi = log_in(o.site, "budi");
  CHECK(o.owner(budi, {{"kind", "take"}}).status == 404);

  // A closed case keeps its owner and gets no other.
  REQUIRE(o.d.change_case(o.sari.post({o.id, "answer"}, {{"channel", "telepon"}, {"text", "Sudah ditangani"}})).status == 200);
  REQUIRE(o.d.change_case(o.sari.post({o.id, "status"}, {{"to", "selesai"}})).status == 200);
  auto closed = o.owner(o.kartini, {{"kind", "assign"}, {"to", "dewi"}});
  CHECK(code_of(closed) == "error.case.owner_closed");
  CHECK(o.read(o.sari)["owner_name"] == "sari");
}

TEST_CASE("Kasus saya and Belum ada pemilik: register views combined with the filters and paging") {
  OwnerSite o;
  auto ids = add_cases(o.site, 54);  // with case_a: 55 cases of pkm-a
  for (std::size_t i = 0; i < 52; ++i)
    REQUIRE(o.owner(o.dewi, {{"kind", "take"}}, std::to_string(ids[i])).status == 200);
  REQUIRE(o.owner(o.sari, {{"kind", "take"}}, std::to_string(ids[52])).status == 200);
  REQUIRE(o.d.change_case(o.dewi.post({std::to_string(ids[0]), "status"}, {{"to", "diverifikasi"}})).status == 200);

  auto list = [&](const Browser& who, std::map<std::string, std::string> query) {
    auto r = o.d.list_cases(who.get({}, std::move(query)));
    REQUIRE(r.status == 200);
    return json::parse(r.body);
  };
  auto mine = list(o.dewi, {{"owner", "me"}});
  CHECK(mine["total"] == 52);
  CHECK(mine["cases"].size() == 50u);
  for (const auto& c : mine["cases"]) CHECK(c["owner_name"] == "dewi");
  auto page2 = list(o.dewi, {{"owner", "me"}, {"page", "2"}});
  REQUIRE(page2["cases"].size() == 2u);
  CHECK(page2["cases"][0]["owner_name"] == "dewi");

  auto sari_mine = list(o.sari, {{"owner", "me"}});
  REQUIRE(sari_mine["total"] == 1);
  CHECK(sari_mine["cases"][0]["id"] == ids[52]);

  auto unowned = list(o.kartini, {{"owner", "none"}});
  CHECK(unowned["total"] == 2);  // case_a and the last one
  for (const auto& c : unowned["cases"]) CHECK(c["owner_id"].is_null());

  // With another filter: dewi's verified case, and none of hers still baru
  // with that text.
  auto verified = list(o.dewi, {{"owner", "me"}, {"status", "diverifikasi"}});
  REQUIRE(verified["total"] == 1);
  CHECK(verified["cases"][0]["id"] == ids[0]);
  CHECK(list(o.dewi, {{"owner", "none"}, {"q", "Keluhan nomor 53"}})["total"] == 1);
  CHECK(list(o.dewi, {{"owner", "me"}, {"q", "Keluhan nomor 53"}})["total"] == 0);
  CHECK(list(o.dewi, {{"owner", "whoever"}})["total"] == 55);  // an unknown view does not filter
}
