// Issue 17 item 6 end to end: a kiosk whose clock is wrong. The real
// headless kotak-kiosk and kotak-sync run under faketime (their clock moved
// against the server's) with the clock state read from files the test lays
// out (KOTAK_BOOT_ID_FILE, KOTAK_CLOCK_SYNC_FILE: core/clock_state.hpp);
// kotak-server runs on loopback with the suite's own clock.
#include <doctest/doctest.h>
#include <httplib.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/timestamp.hpp"
#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;
using nlohmann::json;

namespace {

constexpr std::int64_t kDayMs = 24 * 3600 * 1000LL;
const std::string kBootA = "aaaaaaaa-1111-4111-8111-111111111111";
const std::string kBootB = "bbbbbbbb-2222-4222-8222-222222222222";

// faketime before a kiosk program: its clock `days` away from this test's.
std::vector<std::string> moved(int days) { return clock_moved_hours(days * 24); }

// Lays out the files the kiosk and sync read their clock state from, for
// this process and every program it starts.
struct ClockFiles {
  explicit ClockFiles(const std::filesystem::path& dir)
      : boot(dir / "boot_id"), synchronised(dir / "timesync" / "synchronized") {
    std::filesystem::create_directories(synchronised.parent_path());
    ::setenv("KOTAK_BOOT_ID_FILE", boot.c_str(), 1);
    ::setenv("KOTAK_CLOCK_SYNC_FILE", synchronised.c_str(), 1);
  }
  ~ClockFiles() {
    ::unsetenv("KOTAK_BOOT_ID_FILE");
    ::unsetenv("KOTAK_CLOCK_SYNC_FILE");
  }
  void boot_as(const std::string& id) { write_file(boot, id + "\n"); }
  void set_synchronised() { write_file(synchronised, ""); }
  std::filesystem::path boot, synchronised;
};

constexpr const char* kFace = R"(
tap home.face.2
tap unit.skip
tap want_write.no
tap thanks.done
)";

constexpr const char* kComplaint = R"(
tap home.write
tap unit.kia
tap write_type.keluhan
type Jam kios mundur sebulan
tap write_text.next
tap identity.anonymous
tap confidential.no
tap urgent.no
tap review.send
)";

std::string of_boot(const std::string& boot) {
  return " FROM submissions WHERE boot_id = '" + boot + "'";
}

}  // namespace

TEST_CASE(
    "a kiosk clock moved back: its boot's answers corrected where measured, flagged where not") {
  TempDir dir;
  ServerFixture server(dir / "server");
  add_staff(server, "dewi", "mutu", "rahasia-123");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  write_kiosk_config(kiosk);
  ClockFiles clock(dir / "clock");

  // Boot A: no network, the clock 30 days behind. A face and a complaint,
  // then a power cut: no sync ever measured this boot.
  clock.boot_as(kBootA);
  auto a = run_kiosk(kiosk, "a.txt", std::string(kFace) + kComplaint, moved(-30));
  REQUIRE_MESSAGE(a.code == 0, a.err);
  // Boot B: fake-hwclock restored another wrong time, 10 days behind. A
  // face, then the network is back but timesyncd has not set the clock yet
  // (NTP blocked, say): kotak-sync measures and delivers everything.
  clock.boot_as(kBootB);
  auto b = run_kiosk(kiosk, "b.txt", kFace, moved(-10));
  REQUIRE_MESSAGE(b.code == 0, b.err);
  auto sent = kiosk.sync_once_with(moved(-10));
  REQUIRE_MESSAGE(sent.code == 0, sent.err);
  CHECK(sent.err.find("clock offset") != std::string::npos);
  CHECK(sent.err.find("not synchronised") != std::string::npos);
  CHECK(kiosk.counts().pending == 0);
  // Later in boot B timesyncd sets the clock: one more face, synchronised,
  // and a sync whose offset (about 0) corrects nothing.
  clock.set_synchronised();
  auto c = run_kiosk(kiosk, "c.txt", kFace);
  REQUIRE_MESSAGE(c.code == 0, c.err);
  auto synced = kiosk.sync_once();
  REQUIRE_MESSAGE(synced.code == 0, synced.err);
  CHECK(kiosk.counts().pending == 0);

  const std::int64_t now = core::now().unix_ms;
  // Boot A: stored at the kiosk's wrong time and flagged uncertain.
  CHECK(server.count("SELECT count(*)" + of_boot(kBootA)) >= 2);
  CHECK(server.count("SELECT count(*)" + of_boot(kBootA) + " AND clock = 'uncertain'") ==
        server.count("SELECT count(*)" + of_boot(kBootA)));
  CHECK(server.count("SELECT max(created_at_ms)" + of_boot(kBootA)) < now - 25 * kDayMs);
  // Boot B, unsynchronised: corrected to the server's time, within the
  // minutes this test takes, the kiosk's own kept (10 days behind).
  const std::string unsynced_b = of_boot(kBootB) + " AND claimed_created_at_ms IS NOT NULL";
  CHECK(server.count("SELECT count(*)" + of_boot(kBootB) + " AND clock = 'corrected'") >= 1);
  CHECK(server.count("SELECT count(*)" + unsynced_b) ==
        server.count("SELECT count(*)" + of_boot(kBootB) + " AND clock = 'corrected'"));
  CHECK(server.count("SELECT min(created_at_ms)" + unsynced_b) > now - 10 * 60 * 1000);
  CHECK(server.count("SELECT max(created_at_ms)" + unsynced_b) <= now);
  const auto behind =
      server.count("SELECT avg(created_at_ms - claimed_created_at_ms)" + unsynced_b);
  CHECK(behind > 10 * kDayMs - 3600 * 1000);
  CHECK(behind < 10 * kDayMs + 3600 * 1000);
  // Boot B after timesyncd: taken as it came.
  CHECK(server.count("SELECT count(*)" + of_boot(kBootB) + " AND clock = 'synchronised'") >= 1);
  CHECK(server.count("SELECT count(*) FROM device_clocks") == 1);

  // The register shows the complaint's time as uncertain.
  httplib::Client http("127.0.0.1", server.port());
  auto got =
      http.Get("/api/staff/cases", {{"Cookie", staff_cookie(server, "dewi", "rahasia-123")}});
  REQUIRE(got);
  REQUIRE_MESSAGE(got->status == 200, got->body);
  auto cases = json::parse(got->body).at("cases");
  REQUIRE(cases.size() == 1);
  CHECK(cases[0].at("clock") == "uncertain");
  CHECK(cases[0].at("clock_suspect") == false);
  server.stop();
}
