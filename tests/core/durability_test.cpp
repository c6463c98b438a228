// Durability with real processes: a child (kotak-store-writer) adds
// submissions and prints each id after its commit returns; we kill it with
// SIGKILL at random moments, many times, then check that every id it
// reported is in the database and that the file passes integrity_check.
#include <doctest/doctest.h>
#include <signal.h>

#include <random>

#include "core/store.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace std::chrono_literals;

TEST_CASE("every submission reported as committed survives SIGKILL at random moments") {
  kotak::test::TempDir dir;
  auto path = (dir / "kiosk.db").string();
  std::random_device device;
  const unsigned seed = device();
  INFO("random seed " << seed);
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_ms(0, 120);

  std::vector<std::string> reported;
  int killed_while_writing = 0;
  for (int round = 0; round < 40; ++round) {
    kotak::test::Process writer({KOTAK_STORE_WRITER, path});
    std::size_t before = reported.size();
    // Even rounds kill at a random moment from the start, so some kills land
    // while the file is being opened or migrated. Odd rounds first wait for a
    // commit, so the kill lands among writes however slow start-up is (under
    // the sanitizers it is slow).
    if (round % 2 == 1) {
      auto first = writer.read_line(10s);
      REQUIRE(first);
      reported.push_back(*first);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms(random));
    while (std::chrono::steady_clock::now() < deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (auto line = writer.read_line(std::max(left, 1ms))) reported.push_back(*line);
    }
    writer.signal(SIGKILL);
    // Lines already in the pipe were printed after their commit: they count.
    while (auto line = writer.read_line(2s)) reported.push_back(*line);
    CHECK(writer.wait() == 128 + SIGKILL);
    if (reported.size() > before) ++killed_while_writing;
  }
  MESSAGE(reported.size() << " commits reported over 40 kills; " << killed_while_writing
                          << " kills landed while writing");
  CHECK(killed_while_writing >= 20);

  auto store = kotak::core::Store::open(path);
  CHECK(store.integrity_check() == "ok");
  std::size_t missing = 0;
  for (const auto& id : reported)
    if (!store.find(id)) ++missing;
  CHECK(missing == 0u);
  CHECK(store.counts().pending >= static_cast<std::int64_t>(reported.size()));
}
