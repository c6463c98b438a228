// The storage interface on the engine under test (test_database.hpp):
// facilities, devices and tokens, ingest with its three outcomes, the board
// and settings, and many threads at once.
#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <map>
#include <thread>

#include "core/store.hpp"
#include "core/wire.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

namespace {

const DeviceRef kKiosk{"pkm-test", "kiosk-1"};

IngestItem item(core::Submission s, const DeviceRef& device = kKiosk) {
  s.facility_id = device.facility_id;
  s.device_id = device.device_id;
  auto hash = core::wire::content_hash(s);
  return {std::move(s), hash};
}

std::unique_ptr<test::TestStorage> enrolled(const TempDir& dir) {
  auto storage = std::make_unique<test::TestStorage>(dir.path());
  (*storage)->add_facility({"pkm-test", "Puskesmas Uji", 1});
  (*storage)->add_device(kKiosk, "hash-1", 1);
  return storage;
}

StorageErrc error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const StorageError& error) {
    return error.code();
  }
  FAIL("no StorageError");
  return StorageErrc::failed;
}

}  // namespace

TEST_CASE("facilities and devices: added once, tokens by hash, revoked and renewed") {
  TempDir dir;
  auto owned = enrolled(dir);
  auto& storage = **owned;
  CHECK(error_of([&] { storage.add_facility({"pkm-test", "Lagi", 2}); }) == StorageErrc::exists);
  CHECK(error_of([&] { storage.add_device({"pkm-none", "k"}, "h", 2); }) == StorageErrc::not_found);
  CHECK(error_of([&] { storage.add_device(kKiosk, "hash-2", 2); }) == StorageErrc::exists);
  CHECK(storage.facilities().size() == 1);
  CHECK(storage.facility("pkm-test")->name == "Puskesmas Uji");

  CHECK(storage.authenticate("hash-1", 100000) == kKiosk);
  CHECK(!storage.authenticate("hash-unknown", 100000));
  CHECK(storage.device(kKiosk)->last_seen_ms == 100000);

  storage.revoke_device(kKiosk, 2000);
  CHECK(!storage.authenticate("hash-1", 3000));
  CHECK(storage.devices("")[0].revoked_ms == 2000);

  storage.replace_token(kKiosk, "hash-2", 4000);
  CHECK(!storage.authenticate("hash-1", 5000));  // the old token stays dead
  CHECK(storage.authenticate("hash-2", 5000) == kKiosk);
  CHECK(!storage.device(kKiosk)->revoked_ms);
  CHECK(error_of([&] {
          storage.revoke_device({"pkm-test", "nope"}, 1);
        }) == StorageErrc::not_found);
}

TEST_CASE(
    "ingest: accepted once, duplicate when the same, conflict recorded once and never applied") {
  TempDir dir;
  auto owned = enrolled(dir);
  auto& storage = **owned;
  auto written = test::sample_written("Ruang tunggu panas.");
  written.identity_mode = core::IdentityMode::named;
  written.identity = {"Ibu Ani", "0812", "Desa Puring"};
  auto skm = test::sample_skm();
  std::vector<IngestItem> batch{item(written), item(skm), item(test::sample_rating(4))};
  CHECK(storage.ingest(kKiosk, batch, IngestSource::network, 10) ==
        std::vector{IngestOutcome::accepted, IngestOutcome::accepted, IngestOutcome::accepted});
  CHECK(storage.ingest(kKiosk, batch, IngestSource::bundle, 20) ==
        std::vector{IngestOutcome::duplicate, IngestOutcome::duplicate, IngestOutcome::duplicate});

  auto changed = written;
  changed.text = "Teks lain.";
  std::vector<IngestItem> conflicting{item(changed)};
  CHECK(storage.ingest(kKiosk, conflicting, IngestSource::network, 30) ==
        std::vector{IngestOutcome::conflict});
  CHECK(storage.ingest(kKiosk, conflicting, IngestSource::network, 40) ==
        std::vector{IngestOutcome::conflict});
  auto conflicts = storage.conflicts("pkm-test", 10);
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0].content.find("Teks lain.") != std::string::npos);
  CHECK(conflicts[0].content.find("Ibu Ani") == std::string::npos);

  auto stats = storage.stats("pkm-test");
  CHECK(stats.submissions == 3);
  CHECK(stats.written == 1);
  CHECK(stats.skm == 1);
  CHECK(stats.ratings == 1);
  CHECK(stats.with_identity == 1);
  CHECK(stats.conflicts == 1);
  CHECK(storage.devices("pkm-test")[0].submissions == 3);
  CHECK(storage.stats("pkm-other").submissions == 0);
}

TEST_CASE("the same id from another facility is a conflict, not a duplicate") {
  TempDir dir;
  auto owned = enrolled(dir);
  auto& storage = **owned;
  storage.add_facility({"pkm-other", "Puskesmas Lain", 1});
  DeviceRef other{"pkm-other", "kiosk-1"};
  storage.add_device(other, "hash-other", 1);
  auto s = test::sample_rating(2);
  std::vector<IngestItem> mine{item(s)};
  std::vector<IngestItem> theirs{item(s, other)};
  storage.ingest(kKiosk, mine, IngestSource::network, 1);
  CHECK(storage.ingest(other, theirs, IngestSource::network, 2) ==
        std::vector{IngestOutcome::conflict});
  CHECK(storage.stats("pkm-other").submissions == 0);
}

TEST_CASE("an unknown device cannot ingest, and a failed batch stores nothing") {
  TempDir dir;
  auto owned = enrolled(dir);
  auto& storage = **owned;
  std::vector<IngestItem> batch{item(test::sample_rating(1))};
  CHECK(error_of([&] {
          storage.ingest({"pkm-test", "ghost"}, batch, IngestSource::network, 1);
        }) == StorageErrc::not_found);
  CHECK(storage.stats("").submissions == 0);
}

TEST_CASE("board and settings per facility") {
  TempDir dir;
  auto owned = enrolled(dir);
  auto& storage = **owned;
  auto board = storage.board("pkm-test");
  CHECK(board.cursor == "r0");
  CHECK(board.items.empty());
  CHECK(!storage.settings("pkm-test"));
  storage.set_settings("pkm-test", {R"({"skm_url":"https://skm.example"})", "\"e1\"", 5});
  CHECK(storage.settings("pkm-test")->etag == "\"e1\"");
  storage.set_settings("pkm-test", {"{}", "\"e2\"", 6});
  CHECK(storage.settings("pkm-test")->json == "{}");
  CHECK(error_of([&] {
          storage.set_settings("pkm-none", {"{}", "\"e\"", 1});
        }) == StorageErrc::not_found);
}

TEST_CASE("many threads ingest at once without errors or losses") {
  TempDir dir;
  auto owned = enrolled(dir);
  auto& storage = **owned;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int b = 0; b < 10; ++b) {
        std::vector<IngestItem> batch;
        for (int i = 0; i < 20; ++i) batch.push_back(item(test::sample_rating(1 + i % 4)));
        storage.ingest(kKiosk, batch, IngestSource::network, 1);
        storage.board("pkm-test");
        storage.authenticate("hash-1", 1);
      }
    });
  for (auto& thread : threads) thread.join();
  CHECK(storage.stats("").submissions == 800);
}

TEST_CASE("a corrected face counts once - its last revision - in whatever order the rows arrive") {
  auto tap = test::sample_rating(4);
  auto unit = test::sample_rating(4);
  unit.unit = "kia";
  unit.replaces = tap.id;
  unit.revision = 1;
  auto last = test::sample_rating(1);
  last.unit = "kia";
  last.replaces = tap.id;
  last.revision = 2;
  auto other = test::sample_rating(3);
  const std::vector<std::vector<core::Submission>> orders = {
      {tap, unit, last, other}, {last, tap, other, unit}, {unit, last, tap, other}};
  for (std::size_t o = 0; o < orders.size(); ++o) {
    CAPTURE(o);
    TempDir dir;
    auto owned = enrolled(dir);
    auto& storage = **owned;
    // One batch at a time, as separate sync runs would deliver them.
    for (const auto& s : orders[o]) {
      std::vector<IngestItem> batch{item(s)};
      CHECK(storage.ingest(kKiosk, batch, IngestSource::network, 10) ==
            std::vector{IngestOutcome::accepted});
    }
    auto stats = storage.stats("pkm-test");
    CHECK(stats.ratings == 4);
    CHECK(stats.superseded == 2);
    const std::int64_t day = (tap.created_at.unix_ms + tap.created_at.utc_offset_min * 60000LL) / 86400000;
    auto recap = storage.recap_figures("pkm-test", day - 1, day + 1, 72 * 3600000);
    std::map<int, std::int64_t> faces;
    for (const auto& f : recap.faces) faces[f.rating] += f.count;
    CHECK(faces == std::map<int, std::int64_t>{{1, 1}, {3, 1}});
    // Sent again (a lost answer): duplicates change nothing.
    std::vector<IngestItem> again{item(tap), item(last)};
    CHECK(storage.ingest(kKiosk, again, IngestSource::bundle, 20) ==
          std::vector{IngestOutcome::duplicate, IngestOutcome::duplicate});
    CHECK(storage.stats("pkm-test").superseded == 2);
  }
}

TEST_CASE("a tap and its correction stored at once by two requests count once") {
  // kotak-sync keeps two batches on the wire: the tap can be in one and its
  // correction in the other, stored at the same moment. Each round starts
  // both together, each batch padded with plain taps so that their
  // transactions overlap.
  TempDir dir;
  auto owned = enrolled(dir);
  auto& storage = **owned;
  constexpr int kRounds = 30;
  for (int round = 0; round < kRounds; ++round) {
    auto tap = test::sample_rating(4);
    auto correction = test::sample_rating(1);
    correction.replaces = tap.id;
    correction.revision = 1;
    std::vector<IngestItem> first{item(tap)}, second{item(correction)};
    for (int i = 0; i < 100; ++i) {
      first.push_back(item(test::sample_rating(2)));
      second.push_back(item(test::sample_rating(3)));
    }
    std::atomic<int> ready{0};
    auto store = [&](const std::vector<IngestItem>& batch) {
      ++ready;
      while (ready < 2) std::this_thread::yield();
      storage.ingest(kKiosk, batch, IngestSource::network, 10);
    };
    std::thread a(store, std::cref(first)), b(store, std::cref(second));
    a.join();
    b.join();
  }
  CHECK(storage.stats("pkm-test").superseded == kRounds);
}

TEST_CASE("a correction supersedes only its own device's face") {
  TempDir dir;
  auto owned = enrolled(dir);
  auto& storage = **owned;
  DeviceRef other{"pkm-test", "kiosk-2"};
  storage.add_device(other, "hash-2", 1);
  auto tap = test::sample_rating(4);
  std::vector<IngestItem> mine{item(tap)};
  storage.ingest(kKiosk, mine, IngestSource::network, 1);
  // Another kiosk (or a hostile one) names this kiosk's face.
  auto fake = test::sample_rating(1);
  fake.replaces = tap.id;
  fake.revision = 1;
  std::vector<IngestItem> theirs{item(fake, other)};
  CHECK(storage.ingest(other, theirs, IngestSource::network, 2) ==
        std::vector{IngestOutcome::accepted});
  CHECK(storage.stats("pkm-test").superseded == 0);
}
