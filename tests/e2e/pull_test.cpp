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
    CHECK(store.board_cursor() == "r0");
    CHECK(store.board().empty());
    CHECK(store.remote_settings() == "{}");
  }

  // Staff publish an answered complaint and change the kiosk settings.
  {
    auto db = core::sql::Database::open(server.database, false);
    db.exec(
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
    CHECK(store.board_cursor() == "r1");
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
