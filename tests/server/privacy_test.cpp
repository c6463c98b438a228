// The privacy promises of the dashboard (issue 14): nothing personal reaches
// the public, rahasia means one thing, identity looks are on record.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/server/dashboard_site.hpp"

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
