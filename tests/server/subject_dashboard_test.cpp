// The data subject's rights in the dashboard (issue 14 item 4): the head of
// a puskesmas finds, exports and erases a person's records with a reason;
// no other role, and never another puskesmas.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/server/dashboard_site.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using namespace kotak::test;

namespace {

std::int64_t add_named(Site& site, const std::string& facility, const std::string& name, const std::string& phone) {
  NewCase n;
  n.facility_id = facility;
  n.received = {site.now - 3600'000, 420};
  n.channel = reg::Channel::telepon;
  n.identity_mode = core::IdentityMode::named;
  n.identity = {name, phone, ""};
  n.content = "Keluhan dari " + name;
  return site.storage.add_case(n, 72, {0, "Sari"}, site.now - 3600'000).id;
}

}  // namespace

TEST_CASE("kepala finds a person by phone, exports and erases their records, each with a reason on record") {
  Site site;
  auto mine = add_named(site, "pkm-a", "Rina Marlina", "0812-5555-1234");
  auto other = add_named(site, "pkm-b", "Rina Marlina", "0812-5555-1234");
  Browser kartini = log_in(site, "kartini");

  const json ask{{"phone", "+62 812 5555 1234"}, {"reason", "Permintaan akses dari pasien, KTP dicek"}};
  auto found = site.dashboard->subject_search(kartini.post({}, ask));
  REQUIRE(found.status == 200);
  auto body = json::parse(found.body);
  REQUIRE(body["cases"].size() == 1);  // not the other puskesmas' case
  CHECK(body["cases"][0]["id"] == mine);
  CHECK(body["cases"][0]["contact"]["name"] == "Rina Marlina");
  CHECK(body["more"] == false);

  auto exported = site.dashboard->subject_export(kartini.post({}, ask));
  REQUIRE(exported.status == 200);
  CHECK(header(exported, "Content-Disposition").find("attachment") != std::string::npos);
  auto document = json::parse(exported.body);
  REQUIRE(document["cases"].size() == 1);
  CHECK(document["cases"][0]["text"] == "Keluhan dari Rina Marlina");
  CHECK(document["cases"][0]["contact"]["phone"] == "0812-5555-1234");
  CHECK(document["cases"][0]["status"] == "baru");

  // No reason, no erasure.
  auto refused = site.dashboard->subject_erase(kartini.post({}, {{"case_ids", {mine}}, {"reason", " "}}));
  CHECK(refused.status == 409);
  CHECK(json::parse(refused.body)["code"] == "error.subject.reason");
  // Another puskesmas' case named in the request is passed over.
  auto erased = site.dashboard->subject_erase(
      kartini.post({}, {{"case_ids", {mine, other}}, {"reason", "Pasien minta datanya dihapus"}}));
  REQUIRE(erased.status == 200);
  CHECK(json::parse(erased.body)["erased"] == 1);
  CHECK(site.storage.case_contact("pkm-a", mine).empty());
  CHECK(site.storage.case_contact("pkm-b", other).name == "Rina Marlina");

  auto log = json::parse(site.dashboard->subject_requests(kartini.get()).body)["requests"];
  REQUIRE(log.size() == 3);
  CHECK(log[0]["action"] == "erase");
  CHECK(log[0]["cases"] == 1);
  CHECK(log[0]["reason"] == "Pasien minta datanya dihapus");
  CHECK(log[1]["action"] == "export");
  CHECK(log[2]["action"] == "search");
  CHECK(log[2]["user"] == "kartini");
}

TEST_CASE("only kepala has the data subject's rights: petugas, mutu and the district admin are refused") {
  Site site;
  add_named(site, "pkm-a", "Rina Marlina", "0812-5555-1234");
  const json ask{{"name", "Rina"}, {"reason", "alasan"}};
  for (const char* user : {"sari", "dewi", "budi", "dinkes"}) {
    CAPTURE(user);
    Browser b = log_in(site, user);
    auto search = site.dashboard->subject_search(b.post({}, ask));
    CHECK(search.status == 403);
    CHECK(json::parse(search.body)["code"] == "error.role.subject");
    CHECK(site.dashboard->subject_export(b.post({}, ask)).status == 403);
    CHECK(site.dashboard->subject_erase(b.post({}, {{"case_ids", {1}}, {"reason", "x"}})).status == 403);
    CHECK(site.dashboard->subject_requests(b.get()).status == 403);
    auto me = json::parse(site.dashboard->me(b.get()).body);
    CHECK(me["user"]["can_serve_data_subject"] == false);
  }
  CHECK(site.storage.case_contact("pkm-a", site.case_a).name == "Ibu Sari");
}

TEST_CASE("a data subject search is bounded: lengths, wildcards, a cap on what it returns") {
  Site site;
  Browser kartini = log_in(site, "kartini");
  for (int i = 0; i < 102; ++i) add_named(site, "pkm-a", "Ani Wijaya " + std::to_string(i), "0813-0000-" + std::to_string(1000 + i));
  auto search = [&](const json& body) { return site.dashboard->subject_search(kartini.post({}, body)); };
  auto many = json::parse(search({{"name", "Ani"}, {"reason", "r"}}).body);
  CHECK(many["cases"].size() == 100);
  CHECK(many["more"] == true);
  CHECK(site.dashboard->subject_export(kartini.post({}, {{"name", "Ani"}, {"reason", "r"}})).status == 409);
  CHECK(json::parse(search({{"name", "%"}, {"reason", "r"}}).body)["code"] == "error.subject.name");
  CHECK(json::parse(search({{"name", "%%%"}, {"reason", "r"}}).body)["cases"].empty());
  CHECK(json::parse(search({{"name", std::string(5000, 'a')}, {"reason", "r"}}).body)["code"] == "error.field.too_long");
  CHECK(json::parse(search({{"phone", "<svg onload=alert()>"}, {"reason", "r"}}).body)["code"] == "error.subject.phone");
  CHECK(json::parse(search({{"phone", "0813-0000-1001"}}).body)["code"] == "error.subject.reason");
  auto erase_many = site.dashboard->subject_erase(kartini.post({}, {{"case_ids", std::vector<int>(101, 1)}, {"reason", "r"}}));
  CHECK(erase_many.status == 400);
}
