// The privacy promises of the dashboard (issue 14): nothing personal reaches
// the public, rahasia means one thing, identity looks are on record.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/wire.hpp"
#include "tests/server/dashboard_site.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::server;
using nlohmann::json;
using namespace kotak::test;

namespace {

WebRequest public_board_request() {
  WebRequest request;
  request.method = "GET";
  request.captures = {"pkm-a"};
  return request;
}

json public_items(Site& site) {
  return json::parse(site.dashboard->public_board(public_board_request()).body)["items"];
}

std::int64_t add_rahasia(Site& site, const std::string& text) { return site.add_rahasia_case(text); }

}  // namespace

TEST_CASE("publishing refuses personal data, naming what it found, and says what the public will see") {
  Site site;  // case_a: "Ibu Sari", 0812 3456, Jl. Melati
  Browser sari = log_in(site, "sari");
  const auto id = std::to_string(site.case_a);
  REQUIRE(site.dashboard->change_case(sari.post({id, "answer"}, {{"channel", "telepon"}, {"text", "Kami telepon"}})).status == 200);

  // The case's own name and number, as a tired officer might leave them in.
  auto leak = sari.post({id, "publish"}, {{"summary", "Saya Sari (0812 3456) antre lama"}, {"answer", "Loket ditambah"}});
  auto refused = site.dashboard->change_case(leak);
  CHECK(refused.status == 400);
  auto body = json::parse(refused.body);
  CHECK(body["code"] == "error.case.personal_data");
  CHECK(body["error"] ==
        "Kolom “Ringkasan publik” memuat data pribadi (nama, nomor HP): “Sari”, “0812 3456”. Tulis ulang untuk "
        "umum, tanpa nama, nomor HP, alamat, email, atau NIK.");
  leak.language = "en";
  CHECK(json::parse(site.dashboard->change_case(leak).body)["error"] ==
        "“Public summary” holds personal data (name, phone number): “Sari”, “0812 3456”. Rewrite it for the public, "
        "without names, phone numbers, addresses, email addresses or NIK.");
  // Anyone's mobile number, NIK or email, in either text; the preview refuses the same.
  for (const auto& [summary, answer, kind] :
       {std::tuple{"Antrean lama", "Hubungi 0857-1111-2222", "phone"},
        std::tuple{"NIK 3310012345670001 ditolak", "Sudah dilayani", "nik"},
        std::tuple{"Antrean lama", "Tulis ke rina@mail.example", "email"},
        std::tuple{"Rumah di Jl. Melati kebanjiran", "Sudah", "address"}}) {
    for (const char* action : {"publish", "preview"}) {
      auto r = site.dashboard->change_case(sari.post({id, action}, {{"summary", summary}, {"answer", answer}}));
      CHECK_MESSAGE(r.status == 400, action, summary);
      CHECK(json::parse(r.body)["params"]["kinds"] == kind);
    }
  }
  CHECK(public_items(site).empty());

  // The preview is the item as the board shows it, and publishes nothing.
  auto preview = site.dashboard->change_case(sari.post({id, "preview"}, {{"summary", "Antrean apotek lama"}, {"answer", "Loket kedua dibuka"}}));
  REQUIRE(preview.status == 200);
  auto item = json::parse(preview.body)["item"];
  CHECK(item["summary"] == "Antrean apotek lama");
  CHECK(item["answer"] == "Loket kedua dibuka");
  CHECK(public_items(site).empty());
  CHECK(site.storage.board("pkm-a").items.empty());

  // Published: on the board, on /papan, in the history with who and what.
  auto cursor = site.storage.board("pkm-a").cursor;
  REQUIRE(site.dashboard->change_case(sari.post({id, "publish"}, {{"summary", "Antrean apotek lama"}, {"answer", "Loket kedua dibuka"}})).status == 200);
  REQUIRE(public_items(site).size() == 1u);
  CHECK(public_items(site)[0]["summary"] == item["summary"]);
  CHECK(public_items(site)[0]["answer"] == item["answer"]);
  auto history = json::parse(site.dashboard->get_case(sari.get({id})).body)["history"];
  CHECK(history.back()["action"] == "published");
  CHECK(history.back()["user"] == "sari");
  CHECK(history.back()["detail"] == json{{"summary", "Antrean apotek lama"}, {"answer", "Loket kedua dibuka"}});

  // Taken off: gone at once from the board, /papan and what kiosks pull next.
  auto published_cursor = site.storage.board("pkm-a").cursor;
  CHECK(published_cursor != cursor);
  REQUIRE(site.dashboard->change_case(sari.post({id, "unpublish"}, json::object())).status == 200);
  CHECK(public_items(site).empty());
  CHECK(site.storage.board("pkm-a").items.empty());
  CHECK(site.storage.board("pkm-a").cursor != published_cursor);
  history = json::parse(site.dashboard->get_case(sari.get({id})).body)["history"];
  CHECK(history.back()["action"] == "unpublished");
}

TEST_CASE("rahasia: the identity for the complaint officer alone, with a reason - the text never for the district") {
  Site site;
  const auto id = std::to_string(add_rahasia(site, "Dokter jaga membentak pasien lansia"));
  Browser sari = log_in(site, "sari"), dewi = log_in(site, "dewi"), kartini = log_in(site, "kartini"),
          dinkes = log_in(site, "dinkes"), budi = log_in(site, "budi");

  // The identity: kepala and mutu never, the officer only with a reason, which is logged.
  CHECK(json::parse(site.dashboard->get_case(kartini.get({id})).body)["identity_access"] == "none");
  CHECK(json::parse(site.dashboard->get_case(dewi.get({id})).body)["identity_access"] == "none");
  CHECK(json::parse(site.dashboard->get_case(sari.get({id})).body)["identity_access"] == "reason");
  CHECK(json::parse(site.dashboard->get_case(sari.get({std::to_string(site.case_a)})).body)["identity_access"] == "open");
  auto kepala = site.dashboard->identity(kartini.post({id}, json::object()));
  CHECK(kepala.status == 403);
  CHECK(json::parse(kepala.body)["code"] == "error.role.identity_rahasia");
  CHECK(site.dashboard->identity(kartini.post({id}, {{"reason", "ingin tahu"}})).status == 403);
  CHECK(site.dashboard->identity(dewi.post({id}, {{"reason", "x"}})).status == 403);
  CHECK(site.dashboard->identity(dinkes.post({id}, {{"reason", "x"}})).status == 403);
  auto no_reason = site.dashboard->identity(sari.post({id}, {{"reason", "   "}}));
  CHECK(no_reason.status == 400);
  CHECK(json::parse(no_reason.body)["code"] == "error.identity.reason");
  auto opened = site.dashboard->identity(sari.post({id}, {{"reason", "Menelepon balik atas permintaan pelapor"}}));
  REQUIRE(opened.status == 200);
  CHECK(json::parse(opened.body)["phone"] == "0813 2222 3333");
  auto history = json::parse(site.dashboard->get_case(sari.get({id})).body)["history"];
  CHECK(history.back()["action"] == "identity_viewed");
  CHECK(history.back()["user"] == "sari");
  CHECK(history.back()["detail"]["reason"] == "Menelepon balik atas permintaan pelapor");
  // A named identity stays one click for the officer and the head.
  CHECK(site.dashboard->identity(kartini.post({std::to_string(site.case_a)}, json::object())).status == 200);

  // The text: the facility's handlers read it; the district admin never, by any route.
  for (auto* reader : {&sari, &dewi, &kartini})
    CHECK(json::parse(site.dashboard->get_case(reader->get({id})).body)["content"] == "Dokter jaga membentak pasien lansia");
  auto as_admin = site.dashboard->get_case(dinkes.get({id}));
  REQUIRE(as_admin.status == 200);
  CHECK(as_admin.body.find("membentak") == std::string::npos);
  CHECK(json::parse(as_admin.body)["text_hidden"] == true);
  auto list = site.dashboard->list_cases(dinkes.get({}, {{"facility", "pkm-a"}}));
  CHECK(list.body.find("membentak") == std::string::npos);
  CHECK(json::parse(list.body)["total"] == 2);  // still counted
  // The admin's search cannot find it by its words (not even as a yes/no).
  for (const char* q : {"membentak", "RAHASIA", "Dokter"})
    CHECK(json::parse(site.dashboard->list_cases(dinkes.get({}, {{"facility", "pkm-a"}, {"q", q}})).body)["total"] == 0);
  CHECK(json::parse(site.dashboard->list_cases(kartini.get({}, {{"q", "membentak"}})).body)["total"] == 1);
  // Nor through the alerts, the recap CSV or another facility.
  auto alerts = site.dashboard->alerts(dinkes.get({}, {{"after", "0"}, {"facility", "pkm-a"}}));
  CHECK(alerts.body.find("membentak") == std::string::npos);
  auto csv = site.dashboard->recap_csv(dinkes.get({}, {{"facility", "pkm-a"}, {"month", "2026-11"}}));
  REQUIRE(csv.status == 200);
  CHECK(csv.body.find("membentak") == std::string::npos);
  CHECK(site.dashboard->get_case(budi.get({id})).status == 404);
  // Never published.
  site.dashboard->change_case(sari.post({id, "answer"}, {{"channel", "telepon"}, {"text", "Sudah ditegur"}}));
  CHECK(site.dashboard->change_case(sari.post({id, "publish"}, {{"summary", "Sikap petugas"}, {"answer", "Sudah ditegur"}})).status == 409);
  // Its answers are the case's text as well.
  CHECK(site.dashboard->get_case(dinkes.get({id})).body.find("ditegur") == std::string::npos);
}

TEST_CASE("the alerts poll of an open tab is no activity: an idle session still ends") {
  Site site;
  Browser sari = log_in(site, "sari");
  const std::int64_t idle = std::int64_t{site.config.session.idle_minutes} * 60'000;
  const std::int64_t step = 10 * 60'000;
  auto poll = [&] { return site.dashboard->alerts(sari.get({}, {{"after", "0"}})).status; };
  // A tab left open polls all the while; nobody touches it.
  std::int64_t waited = 0;
  for (; waited + step < idle; waited += step) {
    site.now += step;
    REQUIRE(poll() == 200);
  }
  site.now += step;  // past the idle time since the last real use (the log-in)
  CHECK(poll() == 401);
  CHECK(site.dashboard->list_cases(sari.get()).status == 401);

  // What the user does keeps the session alive, as before.
  Browser dewi = log_in(site, "dewi");
  for (std::int64_t t = 0; t < idle + 2 * step; t += step) {  // within the longest life
    site.now += step;
    REQUIRE(site.dashboard->list_cases(dewi.get()).status == 200);
  }
}

TEST_CASE("input the server refuses, in the page's language: a unit not the facility's, a time years off, an empty named case, a phone that is no number") {
  Site site;
  Browser sari = log_in(site, "sari");
  const auto id = std::to_string(site.case_a);
  site.storage.set_settings("pkm-b", {R"({"units": [{"id": "radiologi", "label": {"id": "Radiologi"}}]})", "", 0});
  auto code = [](const WebResponse& r) { return json::parse(r.body).value("code", std::string()); };

  // Forwarding or moving a case to a unit of another facility, or one that does not exist.
  for (const char* unit : {"radiologi", "ruang-rahasia"}) {
    auto forward = site.dashboard->change_case(sari.post({id, "forward"}, {{"unit", unit}}));
    CHECK(forward.status == 400);
    CHECK(code(forward) == "error.field.unknown_unit");
    CHECK(site.dashboard->change_case(sari.post({id, "details"}, {{"unit", unit}, {"type", "keluhan"}})).status == 400);
  }
  auto english = sari.post({id, "forward"}, {{"unit", "radiologi"}});
  english.language = "en";
  CHECK(json::parse(site.dashboard->change_case(english).body)["error"] ==
        "There is no unit “radiologi” in this puskesmas. Choose a unit from the list in “Unit”.");
  CHECK(site.dashboard->change_case(sari.post({id, "forward"}, {{"unit", "kia"}})).status == 200);

  json base{{"channel", "telepon"}, {"type", "keluhan"}, {"unit", "apotek"}, {"identity_mode", "anonim"},
            {"content", "Obat habis"}, {"received_at", "2026-11-20T09:00:00.000+07:00"}};
  auto add = [&](json changes) {
    json body = base;
    body.update(changes);
    return site.dashboard->add_case(sari.post({}, body));
  };
  CHECK(add(json::object()).status == 201);
  CHECK(code(add({{"unit", "radiologi"}})) == "error.field.unknown_unit");
  // 1999 became register number 0001/1999: a year back at most, never ahead.
  auto old = add({{"received_at", "1999-11-20T09:00:00.000+07:00"}});
  CHECK(old.status == 400);
  CHECK(json::parse(old.body)["error"] == "Waktu pada kolom “Diterima” lebih dari setahun yang lalu. Periksa tanggal dan tahunnya.");
  CHECK(code(add({{"received_at", "2025-11-01T09:00:00.000+07:00"}})) == "error.field.past");
  CHECK(code(add({{"received_at", "2027-11-20T09:00:00.000+07:00"}})) == "error.field.future");
  CHECK(add({{"received_at", "2026-01-10T09:00:00.000+07:00"}}).status == 201);
  // Named with neither name nor phone.
  CHECK(code(add({{"identity_mode", "named"}})) == "error.case.named_empty");
  CHECK(code(add({{"identity_mode", "named"}, {"identity", {{"address", "Jl. Melati"}}}})) == "error.case.named_empty");
  CHECK(add({{"identity_mode", "named"}, {"identity", {{"name", "Pak Joko"}}}}).status == 201);
  // The kiosk's phone rule.
  for (const char* phone : {"<svg onload=alert()>", "12345", "0272 321456", "+1 415 555 0100", "0812 3456"}) {
    auto r = add({{"identity_mode", "named"}, {"identity", {{"name", "Pak Joko"}, {"phone", phone}}}});
    CHECK_MESSAGE(code(r) == "error.field.phone", phone);
  }
  CHECK(add({{"identity_mode", "named"}, {"identity", {{"phone", "+62 812-3456-7890"}}}}).status == 201);
}

TEST_CASE("identity access is reviewable by the head, and each change is in the history with before and after") {
  Site site;
  const auto named = std::to_string(site.case_a);
  const auto secret = std::to_string(add_rahasia(site, "Petugas loket meminta uang tambahan"));
  Browser sari = log_in(site, "sari"), kartini = log_in(site, "kartini"), dewi = log_in(site, "dewi"),
          dinkes = log_in(site, "dinkes");
  REQUIRE(site.dashboard->identity(sari.post({secret}, {{"reason", "Klarifikasi nominal"}})).status == 200);
  site.now += 60'000;
  REQUIRE(site.dashboard->identity(kartini.post({named}, json::object())).status == 200);

  auto views = site.dashboard->identity_views(kartini.get());
  REQUIRE(views.status == 200);
  auto rows = json::parse(views.body)["views"];
  REQUIRE(rows.size() == 2u);
  CHECK(rows[0]["user"] == "kartini");
  CHECK(rows[0]["case_id"] == site.case_a);
  CHECK(rows[0]["reason"] == "");
  CHECK(rows[1]["user"] == "sari");
  CHECK(rows[1]["identity_mode"] == "rahasia");
  CHECK(rows[1]["reason"] == "Klarifikasi nominal");
  CHECK(rows[1]["at_ms"] == site.now - 60'000);
  for (auto* other : {&sari, &dewi, &dinkes}) CHECK(site.dashboard->identity_views(other->get()).status == 403);
  // Another facility's head sees none of these.
  site.storage.add_user({0, "kepala-b", "kepala-b", "pkm-b", staff::Role::kepala, password_hash(), 1, std::nullopt});
  Browser kepala_b = log_in(site, "kepala-b");
  CHECK(json::parse(site.dashboard->identity_views(kepala_b.get()).body)["views"].empty());

  // The review records what it changed.
  REQUIRE(site.dashboard->change_case(dewi.post({named, "review"}, {{"analysis", "Loket kurang"}, {"rtl", ""}})).status == 200);
  REQUIRE(site.dashboard->change_case(kartini.post({named, "review"}, {{"analysis", "Loket kurang satu"}, {"rtl", "Tambah loket"}})).status == 200);
  auto history = json::parse(site.dashboard->get_case(sari.get({named})).body)["history"];
  CHECK(history.back()["action"] == "reviewed");
  CHECK(history.back()["user"] == "kartini");
  CHECK(history.back()["detail"] == json{{"analysis", {{"before", "Loket kurang"}, {"after", "Loket kurang satu"}}},
                                         {"rtl", {{"before", ""}, {"after", "Tambah loket"}}}});
  // Details and forwarding too.
  REQUIRE(site.dashboard->change_case(sari.post({named, "details"}, {{"unit", "apotek"}, {"type", "saran"}, {"urgent", true}})).status == 200);
  history = json::parse(site.dashboard->get_case(sari.get({named})).body)["history"];
  CHECK(history.back()["detail"]["before"]["type"] == "keluhan");
  CHECK(history.back()["detail"]["type"] == "saran");
  CHECK(history.back()["detail"]["before"]["urgent"] == false);
  REQUIRE(site.dashboard->change_case(sari.post({named, "forward"}, {{"unit", "kia"}})).status == 200);
  REQUIRE(site.dashboard->change_case(sari.post({named, "forward"}, {{"unit", "apotek"}})).status == 200);
  history = json::parse(site.dashboard->get_case(sari.get({named})).body)["history"];
  CHECK(history.back()["detail"]["unit_before"] == "kia");
  CHECK(history.back()["detail"]["unit"] == "apotek");
}
