// The app without a screen: what the sync agent writes into the database
// (board, remote settings) shows up without a restart, and a broken config
// or database becomes a message rather than a crash.
#include <doctest/doctest.h>

#include "core/remote_settings.hpp"
#include "core/store.hpp"
#include "kiosk/app.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using kotak::test::TempDir;
using kotak::test::write_file;

namespace {

const char* kConfig = R"(
[facility]
id = "pkm-test"
name = "Puskesmas Uji"
[device]
id = "kiosk-1"
[storage]
database = "kiosk.db"
[skm]
url = "https://skm.example.go.id"
[[units]]
id = "poli-umum"
label = { id = "Poli Umum" }
)";

}  // namespace

TEST_CASE("the board and settings written by another process show up without a restart") {
  TempDir dir;
  write_file(dir / "kiosk.toml", kConfig);
  kiosk::Clock clock(true);
  kiosk::App app(dir / "kiosk.toml", clock);
  REQUIRE(app.kiosk().unavailable.empty());
  CHECK(app.kiosk().board.empty());
  CHECK(app.config().facility_name == "Puskesmas Uji");

  // kotak-sync's connection.
  auto sync = core::Store::open(dir / "kiosk.db");
  sync.replace_board({{"b1", "poli-umum", "keluhan", "Antrean lama", "Loket kedua dibuka", 1}},
                     "c1");
  core::RemoteSettings settings;
  settings.facility_name = "Puskesmas Uji Baru";
  settings.skm_url = "https://skm.baru.go.id";
  settings.notice = {{"id", "Tutup pukul 12.00 hari Jumat"}};
  sync.set_remote_settings(core::encode_remote_settings(settings), "e1");

  clock.advance(3);
  CHECK(app.update());
  REQUIRE(app.kiosk().board.size() == 1);
  CHECK(app.kiosk().board[0].answer == "Loket kedua dibuka");
  CHECK(app.config().facility_name == "Puskesmas Uji Baru");
  CHECK(app.kiosk().skm_qr.text() == "https://skm.baru.go.id");
  CHECK(app.kiosk().notice.at("id") == "Tutup pukul 12.00 hari Jumat");

  // Settings the kiosk cannot use are ignored, the config stays.
  sync.set_remote_settings("{\"skm_url\": 5}", "e2");
  clock.advance(3);
  app.update();
  CHECK(app.config().facility_name == "Puskesmas Uji");
  CHECK(app.kiosk().skm_qr.text() == "https://skm.example.go.id");
}

TEST_CASE("a config error and an unopenable database become the unavailable screen") {
  TempDir dir;
  write_file(dir / "kiosk.toml", "[facility]\nid = \"x y\"\n");
  kiosk::Clock clock(true);
  kiosk::App broken(dir / "kiosk.toml", clock);
  CHECK(broken.screen() == kiosk::Screen::unavailable);
  CHECK(broken.kiosk().unavailable.find("kiosk.toml:2") != std::string::npos);

  write_file(dir / "kiosk.toml", std::string(kConfig) + "");
  write_file(dir / "kiosk.db", "this is not a database, it is a text file that is long enough");
  kiosk::App no_db(dir / "kiosk.toml", clock);
  CHECK(no_db.screen() == kiosk::Screen::unavailable);
  CHECK(no_db.kiosk().unavailable.find("not") != std::string::npos);

  // Fixed while running: the kiosk recovers by itself.
  std::filesystem::remove(dir / "kiosk.db");
  clock.advance(16);
  CHECK(no_db.update());
  CHECK(no_db.screen() == kiosk::Screen::home);
}
