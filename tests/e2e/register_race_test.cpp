// Register numbers under concurrency: two kotak-server processes on one
// database, four kiosks of one puskesmas syncing through them at once in
// small batches, staff recording cases by hand on both, and one process
// killed in the middle. Every case must get a number, per facility and
// year, once and without a gap (DOMAIN.md: the paper register book).
#include <doctest/doctest.h>
#include <signal.h>

#include <algorithm>
#include <thread>

#include "core/timestamp.hpp"
#include "tests/e2e/harness.hpp"
#include "tests/e2e/staff_client.hpp"

using namespace kotak;
using namespace kotak::test;

TEST_CASE("register numbers stay gapless and unique while two server processes record at once") {
  TempDir dir;
  ServerFixture first(dir / "server");
  first.start();
  auto second = first.start_another("server-2");
  write_file(dir / "password", "rahasia-123\n");
  REQUIRE(first.admin({"user", "add", "--username", "sari", "--facility", "pkm-test", "--role", "petugas",
                       "--password-file", (dir / "password").string()})
              .code == 0);

  std::vector<std::unique_ptr<KioskFixture>> kiosks;
  for (int i = 1; i <= 4; ++i) {
    auto name = "kiosk-" + std::to_string(i);
    auto token = i == 1 ? first.token_file : first.add_device(name);
    kiosks.push_back(std::make_unique<KioskFixture>(dir / name, i % 2 ? first.url() : second.url(), token,
                                                    "batch_items = 10"));
    kiosks.back()->device = name;
    kiosks.back()->fill(400);  // 100 written complaints each
  }

  // Staff record 20 cases by hand, on each process in turn (the session is
  // in the database: one log-in serves both), retrying as the dashboard does
  // while the second process is down.
  StaffClient on_first(first.url()), on_second(second.url());
  REQUIRE(on_first.login("sari", "rahasia-123"));
  REQUIRE(on_second.login("sari", "rahasia-123"));
  std::vector<int> statuses;
  std::thread staff([&] {
    for (int i = 0; i < 20; ++i) {
      auto& client = i % 2 ? on_second : on_first;
      auto reply = client.act("/api/staff/cases", {{"received_at", core::format_iso8601(core::now())},
                                                    {"channel", "telepon"},
                                                    {"type", "keluhan"},
                                                    {"identity_mode", "anonim"},
                                                    {"content", "Lewat telepon " + std::to_string(i)}});
      statuses.push_back(reply.status);
    }
  });
  std::vector<std::thread> syncs;
  for (auto& kiosk : kiosks) syncs.emplace_back([&] { kiosk->sync_once(); });
  // The second process dies mid-run (after a few of its kiosks' 80 batches),
  // as a power cut would, and comes back.
  auto batches_of_second = [&] {
    auto log = read_file(dir / "server" / "server-2.log");
    int batches = 0;
    for (auto at = log.find(" submissions: "); at != std::string::npos; at = log.find(" submissions: ", at + 1))
      ++batches;
    return batches;
  };
  for (int i = 0; i < 200 && batches_of_second() < 5; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(batches_of_second() < 80);
  second.process->signal(SIGKILL);
  second.process->wait();
  second = first.start_another("server-2", second.port);
  for (auto& sync : syncs) sync.join();
  staff.join();
  // What was refused while the process was down goes now.
  for (auto& kiosk : kiosks)
    for (int round = 0; round < 3 && kiosk->counts().pending > 0; ++round) kiosk->sync_once();

  for (auto& kiosk : kiosks) CHECK(kiosk->counts().pending == 0);
  CHECK(std::count(statuses.begin(), statuses.end(), 201) == 20);
  CHECK(first.count("SELECT count(*) FROM submissions") == 1600);
  CHECK(first.count("SELECT count(*) FROM cases") == 420);
  // Per facility and year: 1..N, each once.
  CHECK(first.count("SELECT count(*) FROM (SELECT min(number) AS low, max(number) AS high, count(*) AS cases, "
                    "count(DISTINCT number) AS numbers FROM cases GROUP BY facility_id, year) AS years "
                    "WHERE low <> 1 OR high <> cases OR numbers <> cases") == 0);
  CHECK(first.count("SELECT sum(last_number) FROM register_counters") == 420);
  second.process->signal(SIGTERM);
  CHECK(second.process->wait() == 0);
  first.stop();
}
