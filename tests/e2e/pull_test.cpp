// What comes back from the server: the public board (written by the staff
// dashboard, here straight into the server database as it would) and the
// remote kiosk settings, fetched again only when they changed.
#include <doctest/doctest.h>

#include "core/remote_settings.hpp"
#include "core/sqlite.hpp"
#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;

TEST_CASE("the board and the settings come back to the kiosk, and only when they changed") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  kiosk.fill(1);
  REQUIRE(kiosk.sync_once().code == 0);
  {
    auto store = core::Store::open(kiosk.database);
    // The board's revision, and a digest of this kiosk's tickets: the one
    // answer filled is a written complaint (the filler's first), a new case.
    CHECK(store.board_cursor().starts_with("r0.t"));
    auto tickets = store.tickets();
    REQUIRE(tickets.size() == 1u);
    CHECK(tickets[0].status == "baru");
    CHECK(tickets[0].answer.empty());
    CHECK(store.board_checked().has_value());
    CHECK(store.board().empty());
    CHECK(store.remote_settings() == "{}");
  }

  // Staff publish an answered complaint and change the kiosk settings.
  {
    server.database.exec(
        "INSERT INTO board_items (facility_id, id, unit, type, summary, answer, published_ms) "
        "VALUES ('pkm-test', 'case-1', 'apotek', 'keluhan', 'Antrean obat lama.', "
        "'Loket kedua dibuka pagi hari.', 1795412820000);"
        "INSERT INTO board_revisions (facility_id, revision) VALUES ('pkm-test', 1);");
  }
  write_file(dir / "settings.json",
             R"({"skm_url": "https://skm.klatenkab.go.id", "notice": {"id": "Tutup pukul 12."}})");
  REQUIRE(
      server.admin({"settings", "set", "--facility", "pkm-test", (dir / "settings.json").string()})
          .code == 0);

  auto run = kiosk.sync_once();
  INFO(run.err);
  REQUIRE(run.code == 0);
  CHECK(run.err.find("board updated (1 items)") != std::string::npos);
  CHECK(run.err.find("settings updated") != std::string::npos);
  {
    auto store = core::Store::open(kiosk.database);
    CHECK(store.board_cursor().starts_with("r1.t"));
    auto board = store.board();
    REQUIRE(board.size() == 1);
    CHECK(board[0].answer == "Loket kedua dibuka pagi hari.");
    auto settings = core::parse_remote_settings(*store.remote_settings());
    CHECK(settings.skm_url == "https://skm.klatenkab.go.id");
    CHECK(settings.notice.at("id") == "Tutup pukul 12.");
    CHECK(!store.remote_settings_etag().empty());
  }

  auto quiet = kiosk.sync_once();
  CHECK(quiet.code == 0);
  CHECK(quiet.err.find("board unchanged") != std::string::npos);
  CHECK(quiet.err.find("settings unchanged") != std::string::npos);
  server.stop();
}

// Issue 15 items 5 and 12: the statuses of the kiosk's own tickets come back
// with the board (for "Cek status pengaduan" offline), again when staff
// answer one, and each good run leaves the kiosk's health on the server.
TEST_CASE("a kiosk's tickets come back with the board - and its health reaches the server") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  REQUIRE(run_command({KOTAK_WRITER_BIN, kiosk.database.string(), "pkm-test", "kiosk-1",
                       "Kursi ruang tunggu kurang", "anonim"},
                      dir.path())
              .code == 0);
  auto first = kiosk.sync_once();
  INFO(first.err);
  REQUIRE(first.code == 0);
  CHECK(first.err.find("with 1 tickets of this kiosk") != std::string::npos);
  CHECK(first.err.find("health reported") != std::string::npos);
  std::string ticket;
  {
    auto store = core::Store::open(kiosk.database);
    auto tickets = store.tickets();
    REQUIRE(tickets.size() == 1u);
    CHECK(tickets[0].status == "baru");
    CHECK(tickets[0].answer.empty());
    ticket = tickets[0].ticket;
  }
  CHECK(server.text("SELECT ticket FROM cases") == ticket);
  CHECK(server.count("SELECT count(*) FROM device_health WHERE device_id = 'kiosk-1' AND queue = 0 "
                     "AND quarantined = 0 AND version <> '' AND disk_free_bytes > 0") == 1);

  // Staff answer it and publish the answer (as the dashboard would).
  server.database.exec(
      "UPDATE cases SET status = 'ditanggapi', published_ms = 1795412820000, "
      "public_answer = 'Kursi ditambah sepuluh.', updated_ms = updated_ms + 1;"
      "INSERT INTO board_revisions (facility_id, revision) VALUES ('pkm-test', 1);");
  auto second = kiosk.sync_once();
  INFO(second.err);
  REQUIRE(second.code == 0);
  CHECK(second.err.find("board updated") != std::string::npos);
  {
    auto store = core::Store::open(kiosk.database);
    auto tickets = store.tickets();
    REQUIRE(tickets.size() == 1u);
    CHECK(tickets[0].ticket == ticket);
    CHECK(tickets[0].status == "ditanggapi");
    CHECK(tickets[0].answer == "Kursi ditambah sepuluh.");
  }
  CHECK(kiosk.sync_once().err.find("board unchanged") != std::string::npos);
  server.stop();
}
