// Issue 4, test 3: a fault-injecting proxy between kotak-sync and
// kotak-server (tests/tools/fault_proxy.cpp). Whatever the network does,
// after enough runs every submission is on the server exactly once.
#include <doctest/doctest.h>
#include <signal.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;

TEST_CASE("through a proxy that drops, cuts, delays and lies, every submission arrives once") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  // 35% of requests meet a fault; "delay" holds an answer 2.5 s, past the
  // client's 2 s limit; Retry-After: 1 is within backoff_max_ms.
  Process proxy({Binaries::proxy(), std::to_string(server.port()), "35", "4242", "2500"});
  auto listening = proxy.read_line(std::chrono::seconds(10));
  REQUIRE(listening);
  std::string proxy_url = "http://127.0.0.1:" + listening->substr(listening->find(' ') + 1);
  KioskFixture kiosk(dir / "kiosk", proxy_url, server.token_file,
                     "batch_items = 50\ntimeout_s = 2\nlow_speed_time_s = 1\nretries = 3\n"
                     "backoff_max_ms = 1500");
  kiosk.fill(1500);

  std::set<std::string> results_seen;
  int rounds = 0;
  for (; rounds < 60; ++rounds) {
    auto run = kiosk.sync_once();
    results_seen.insert(kiosk.status().result);
    if (run.code == 0 && kiosk.counts().pending == 0) break;
  }
  MESSAGE("rounds needed: " << rounds + 1);
  CHECK(kiosk.counts().pending == 0);
  CHECK(kiosk.counts().delivered == 1500);
  CHECK(kiosk.counts().quarantined == 0);
  CHECK(server.count("SELECT count(*) FROM submissions") == 1500);
  auto ids = kiosk.ids();
  std::sort(ids.begin(), ids.end());
  CHECK(server.ids() == ids);
  // A captive portal's page is never taken for an answer.
  CHECK(results_seen.count("not_kotak_server") == 1);

  proxy.signal(SIGTERM);
  std::istringstream log(proxy.read_all(std::chrono::seconds(5)));
  proxy.wait();
  std::set<std::string> faults;
  for (std::string line; std::getline(log, line);)
    if (line != "pass" && line.rfind("most at once ", 0) != 0) faults.insert(line);
  INFO("faults injected: " << faults.size());
  CHECK(faults.size() >= 6);
  server.stop();
}

TEST_CASE("two batches are on the wire at once, never more, and each arrives once") {
  TempDir dir;
  ServerFixture server(dir / "server");
  server.start();
  // Every answer is held 300 ms: a second batch is sent while the first
  // waits, or the proxy never holds two requests at once.
  Process proxy({Binaries::proxy(), std::to_string(server.port()), "100", "7", "300", "delay"});
  auto listening = proxy.read_line(std::chrono::seconds(10));
  REQUIRE(listening);
  std::string proxy_url = "http://127.0.0.1:" + listening->substr(listening->find(' ') + 1);
  KioskFixture kiosk(dir / "kiosk", proxy_url, server.token_file, "batch_items = 50\ntimeout_s = 10");
  kiosk.fill(500);
  auto run = kiosk.sync_once();
  CHECK(run.code == 0);
  CHECK(kiosk.counts().delivered == 500);
  CHECK(kiosk.counts().pending == 0);
  auto ids = kiosk.ids();
  std::sort(ids.begin(), ids.end());
  CHECK(server.ids() == ids);

  proxy.signal(SIGTERM);
  std::istringstream log(proxy.read_all(std::chrono::seconds(5)));
  proxy.wait();
  std::string last;
  for (std::string line; std::getline(log, line);) last = line;
  CHECK(last == "most at once 2");
  server.stop();
}
