// Issue 10 end to end: a face counts at the tap, exactly once, through the
// real kotak-kiosk (headless), kotak-sync and kotak-server. Patients walk
// away after a face, change their mind within the follow-up (also after
// kotak-sync delivered their first face), and the plug is pulled a moment
// after a tap. The server's monthly recap, its stats and the kiosk's own
// "Wajah hari ini" on the admin screen must agree.
#include <doctest/doctest.h>
#include <httplib.h>

#include <array>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "core/timestamp.hpp"
#include "tests/e2e/harness.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::test;
using nlohmann::json;

namespace {


std::string month_of(std::int64_t unix_ms, int offset_min) {
  std::time_t seconds = (unix_ms + std::int64_t{offset_min} * 60000) / 1000;
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m", std::gmtime(&seconds));
  return text;
}

// Faces per rating in the server's monthly recap, as staff see it: this
// month's, and the next month's too when the test runs at its very end.
std::array<std::int64_t, 4> recap_faces(const ServerFixture& server) {
  httplib::Client http("127.0.0.1", server.port());
  const auto cookie = staff_cookie(server, "dewi", "rahasia-123");
  const auto now = core::now();
  std::set<std::string> months{month_of(now.unix_ms - 600000, now.utc_offset_min),
                               month_of(now.unix_ms + 600000, now.utc_offset_min)};
  std::array<std::int64_t, 4> faces{};
  for (const auto& month : months) {
    auto got = http.Get(("/api/staff/recap?month=" + month).c_str(), {{"Cookie", cookie}});
    REQUIRE(got);
    REQUIRE_MESSAGE(got->status == 200, got->body);
    auto totals = json::parse(got->body).at("faces_total").at("faces");
    for (std::size_t i = 0; i < 4; ++i) faces[i] += totals.at(i).get<std::int64_t>();
  }
  return faces;
}

// The four counts the admin screen shows after "Wajah hari ini", in face order.
std::array<std::int64_t, 4> admin_faces(const json& dump) {
  const auto& texts = dump.at("texts");
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].at("text") != "Wajah hari ini") continue;
    REQUIRE(i + 4 < texts.size());
    std::array<std::int64_t, 4> faces{};
    for (std::size_t f = 0; f < 4; ++f) faces[f] = std::stoll(texts[i + 1 + f].at("text").get<std::string>());
    return faces;
  }
  FAIL("no \"Wajah hari ini\" on the admin screen");
  return {};
}

}  // namespace

TEST_CASE("walked away, changed mind after a sync, Kembali three times, a power cut: each face once") {
  TempDir dir;
  ServerFixture server(dir / "server");
  add_staff(server, "dewi", "mutu", "rahasia-123");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  write_kiosk_config(kiosk, "[kiosk]\nthanks_timeout_s = 8\nfollow_up_s = 20\n");

  // 1: a face and a unit, then walks away: home by itself, the face kept.
  // 2: a face alone. 3: a face and a unit, delivered by a sync run while the
  // patient is still there, then Kembali and another face. 4: the issue's
  // walk: Sangat puas, a unit, "Ya, tulis", Kembali three times, Tidak puas.
  auto walks = run_kiosk(kiosk, "walks.txt", R"(
tap home.face.4
tap unit.kia
advance 21
expect home
tap home.face.2
tap unit.skip
tap want_write.no
tap thanks.done
advance 5
tap home.face.4
tap unit.kia
sync
tap want_write.back
tap unit.back
expect home
tap home.face.1
tap unit.kia
tap want_write.no
tap thanks.done
advance 5
tap home.face.4
tap unit.poli-umum
tap want_write.yes
tap write_type.back
tap want_write.back
tap unit.back
tap home.face.1
tap unit.poli-umum
tap want_write.no
tap thanks.done
)");
  REQUIRE_MESSAGE(walks.code == 0, walks.err);
  // The sync run in the middle of patient 3 delivered 1's two rows, 2's one
  // and 3's tap with its unit, before 3 changed their mind.
  CHECK(kiosk.status().delivered == 5);
  // 5: the plug is pulled a moment after the tap.
  auto cut = run_kiosk(kiosk, "cut.txt", "advance 5\ntap home.face.3\npower-cut\n");
  CHECK(cut.code == 128 + 9);
  // The technician syncs and looks at today's faces.
  auto admin_run = run_kiosk(kiosk, "admin.txt",
                             std::string("sync\n") + kAdminPinScript + "dump " +
                                 (kiosk.dir / "admin.json").string() + "\n");
  REQUIRE_MESSAGE(admin_run.code == 0, admin_run.err);

  CHECK(kiosk.counts().pending == 0);
  CHECK(kiosk.counts().delivered == 10);  // 5 taps, 5 corrections: all stored, all sent
  const std::array<std::int64_t, 4> expected{2, 1, 1, 1};
  CHECK(recap_faces(server) == expected);
  CHECK(admin_faces(json::parse(read_file(kiosk.dir / "admin.json"))) == expected);
  auto stats = server.admin({"stats", "--facility", "pkm-test", "--json"});
  REQUIRE_MESSAGE(stats.code == 0, stats.err);
  auto s = json::parse(stats.out);
  CHECK(s["ratings"] == 10);
  CHECK(s["superseded"] == 5);
  server.stop();
}
