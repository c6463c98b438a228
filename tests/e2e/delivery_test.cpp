// Issue 4, tests 1 and 2: a large queue delivered exactly once, and a server
// killed in the middle of a run.
#include <doctest/doctest.h>
#include <signal.h>

#include <algorithm>
#include <random>
#include <thread>

#include "core/timestamp.hpp"
#include "tests/e2e/harness.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::test;

TEST_CASE("10,000 submissions are delivered exactly once and a second run sends nothing") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  kiosk.fill(10000);

  auto first = kiosk.sync_once();
  INFO(first.err);
  REQUIRE(first.code == 0);
  CHECK(server.count("SELECT count(*) FROM submissions") == 10000);
  CHECK(server.count("SELECT count(*) FROM identities") == 1250);
  CHECK(server.count("SELECT count(*) FROM skm_responses") == 2500);
  auto ids = kiosk.ids();
  std::sort(ids.begin(), ids.end());
  CHECK(server.ids() == ids);
  auto counts = kiosk.counts();
  CHECK(counts.pending == 0);
  CHECK(counts.delivered == 10000);
  CHECK(counts.quarantined == 0);
  auto status = kiosk.status();
  CHECK(status.result == "ok");
  CHECK(status.delivered == 10000);
  CHECK(status.succeeded_ms.has_value());

  int batches = server.batches_logged();
  auto second = kiosk.sync_once();
  CHECK(second.code == 0);
  CHECK(server.batches_logged() == batches);  // not one submission was sent again
  CHECK(kiosk.status().delivered == 0);
  CHECK(server.count("SELECT count(*) FROM submissions") == 10000);
  server.stop();
}

TEST_CASE("a server that takes smaller batches gets them, each submission once") {
  // Two batches of 100 go out at once; the server takes 30 at most and
  // answers 413 to both: the courier waits for the other, halves its batch
  // until the server takes it, and reads the rest again.
  TempDir dir;
  ServerFixture server(dir / "server", "[limits]\nmax_batch_items = 30\n");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file, "batch_items = 100");
  kiosk.fill(500);
  auto run = kiosk.sync_once();
  INFO(run.err);
  REQUIRE(run.code == 0);
  CHECK(run.err.find("the server wants smaller batches; sending 25 at a time") != std::string::npos);
  auto counts = kiosk.counts();
  CHECK(counts.delivered == 500);
  CHECK(counts.pending == 0);
  CHECK(counts.quarantined == 0);
  auto ids = kiosk.ids();
  std::sort(ids.begin(), ids.end());
  CHECK(server.ids() == ids);
  server.stop();
}

TEST_CASE("a server killed in the middle of a run loses nothing and counts nothing twice") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file,
                     "batch_items = 20\nretries = 1\nbackoff_initial_ms = 10");
  kiosk.fill(4000);
  std::mt19937 random(20261123);
  std::int64_t after_first_kill = -1;
  int interrupted = 0;
  for (int round = 0; round < 3 && kiosk.counts().pending > 0; ++round) {
    // Sync runs in the background; the server dies at a random moment of it.
    Process sync({Binaries::sync(), "once", "--config", kiosk.config.string()}, {},
                 (dir / "sync.log").string());
    std::this_thread::sleep_for(std::chrono::milliseconds(60 + random() % 120));
    server.kill();
    if (sync.wait() != 0) {  // unless it had finished just before
      ++interrupted;
      CHECK(kiosk.status().result == "unreachable");
    }
    if (after_first_kill < 0) after_first_kill = server.count("SELECT count(*) FROM submissions");
    server.start();  // on the same port, as systemd's Restart=always would
  }
  INFO("stored when the server was first killed: " << after_first_kill);
  CHECK(interrupted > 0);
  CHECK(after_first_kill < 4000);  // the kill did land in the middle of the run

  auto last = kiosk.sync_once();
  INFO(last.err);
  REQUIRE(last.code == 0);
  CHECK(server.count("SELECT count(*) FROM submissions") == 4000);
  auto ids = kiosk.ids();
  std::sort(ids.begin(), ids.end());
  CHECK(server.ids() == ids);
  CHECK(kiosk.counts().pending == 0);
  CHECK(kiosk.counts().delivered == 4000);
  CHECK(server.database.integrity() == "ok");
  server.stop();
}

TEST_CASE("sync runs safely while the kiosk writes the same database") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file, "batch_items = 25");
  kiosk.fill(500);
  // kotak-store-writer adds answers one by one with durable commits, as the
  // kiosk does, printing each id once it is committed: 100 a second, far
  // more than any waiting room, with the gaps between commits a real kiosk has.
  Process writer({KOTAK_STORE_WRITER_BIN, kiosk.database.string(), "-1", "10"});
  REQUIRE(writer.read_line(std::chrono::seconds(10)));
  for (int run = 0; run < 4; ++run) {
    auto outcome = kiosk.sync_once();
    INFO(outcome.err);
    CHECK(outcome.code == 0);
    CHECK(kiosk.status().result == "ok");
  }
  writer.signal(SIGKILL);
  writer.wait();
  auto last = kiosk.sync_once();
  INFO(last.err);
  REQUIRE(last.code == 0);
  auto ids = kiosk.ids();
  CHECK(ids.size() > 500);
  std::sort(ids.begin(), ids.end());
  CHECK(server.ids() == ids);
  CHECK(kiosk.counts().pending == 0);
  server.stop();
}

TEST_CASE("retention counts from delivery: removes answers delivered long ago, never waiting ones") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  kiosk.fill(3);
  const std::int64_t day = std::int64_t{24} * 3600 * 1000;
  auto add_old = [&] {
    auto store = core::Store::open(kiosk.database);
    auto old = sample_rating(2);
    old.created_at.unix_ms = core::now().unix_ms - 30 * day;  // a kiosk offline for a month
    store.add(old);
    return old.id;
  };
  auto month_old = add_old();
  auto run = kiosk.sync({"once"});
  REQUIRE(run.code == 0);
  // Delivered just now, so kept for the whole retention period whatever its age.
  CHECK(run.err.find("removed") == std::string::npos);
  CHECK(kiosk.counts().delivered == 4);
  CHECK(server.count("SELECT count(*) FROM submissions") == 4);

  // Time passes (the delivery moments are set back, the clock stays): one
  // answer delivered 7 days and a minute ago goes, one delivered 7 days less a
  // minute ago stays (retention_days = 7 in the fixture).
  auto ids = kiosk.ids();
  REQUIRE(ids.size() == 4u);
  {
    auto db = core::sql::Database::open(kiosk.database, false, false);
    auto set_back = db.prepare("UPDATE submissions SET state_changed_ms = ?2 WHERE id = ?1");
    const std::int64_t now = core::now().unix_ms, minute = 60'000;
    set_back.bind(1, month_old).bind(2, now - 7 * day - minute).run();
    set_back.reset();
    set_back.bind(1, ids[0]).bind(2, now - 7 * day + minute).run();
  }
  run = kiosk.sync({"once"});
  REQUIRE(run.code == 0);
  CHECK(run.err.find("removed 1 answers delivered more than 7 days ago") != std::string::npos);
  CHECK(kiosk.counts().delivered == 3);
  auto left = kiosk.ids();
  CHECK(std::find(left.begin(), left.end(), month_old) == left.end());
  CHECK(std::find(left.begin(), left.end(), ids[0]) != left.end());

  // An old answer that could not be sent stays, whatever its age.
  server.stop();
  add_old();
  CHECK(kiosk.sync_once().code == 1);
  CHECK(kiosk.counts().pending == 1);
  CHECK(kiosk.counts().delivered == 3);
}

TEST_CASE("run --every keeps delivering until it is stopped") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  KioskFixture kiosk(dir / "kiosk", server.url(), server.token_file);
  kiosk.fill(10);
  Process loop({Binaries::sync(), "run", "--every", "1s", "--config", kiosk.config.string()}, {},
               (dir / "loop.log").string());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (kiosk.counts().delivered < 10 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(kiosk.counts().delivered == 10);
  kiosk.fill(5);  // the kiosk goes on; the next round takes these
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (kiosk.counts().delivered < 15 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(kiosk.counts().delivered == 15);
  loop.signal(SIGTERM);
  CHECK(loop.wait() == 0);
  server.stop();
}
