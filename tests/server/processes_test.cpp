// What several server processes on one database rely on, on the engine
// under test: a staff action sent twice (a retry after a lost answer) is
// done once, also when both copies arrive at the same time; a background
// job's turn is held by one holder at a time; alarming cases that become
// visible late are still found.
#include <doctest/doctest.h>

#include <thread>

#include "core/wire.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

namespace {

struct Site {
  TempDir dir;
  test::TestStorage store{dir.path()};
  Storage& storage = *store;
  std::int64_t sari = 0, dewi = 0;  // user ids
  Site() {
    storage.add_facility({"pkm-a", "Puskesmas A", 1});
    for (const char* name : {"sari", "dewi"})
      storage.add_user({0, name, name, "pkm-a", staff::Role::petugas, "hash", 1, std::nullopt});
    sari = storage.user("sari")->id;
    dewi = storage.user("dewi")->id;
  }

  NewCase by_phone(const std::string& text) {
    NewCase n;
    n.facility_id = "pkm-a";
    n.received = *core::parse_iso8601("2026-11-23T09:00:00.000+07:00");
    n.channel = reg::Channel::telepon;
    n.content = text;
    return n;
  }
};

}  // namespace

TEST_CASE("a staff action sent again with its request id is answered, not done again") {
  Site site;
  Actor sari{site.sari, "Sari", "req-case-0001"};
  auto first = site.storage.add_case(site.by_phone("Obat habis"), 72, sari, 1000);
  auto again = site.storage.add_case(site.by_phone("Obat habis"), 72, sari, 2000);
  CHECK(again.id == first.id);
  CHECK(again.number == first.number);
  CaseQuery all;
  CHECK(site.storage.cases(all).total == 1);

  Actor answer{site.sari, "Sari", "req-answer-0001"};
  NewAnswer reply{reg::AnswerChannel::telepon, "Sudah ditelepon", first.received_ms + 1000};
  auto answered = site.storage.change_case("pkm-a", first.id, reply, answer, 3000);
  auto retried = site.storage.change_case("pkm-a", first.id, reply, answer, 4000);
  CHECK(retried.status == reg::Status::ditanggapi);
  CHECK(retried.updated_ms == answered.updated_ms);
  auto full = *site.storage.find_case("pkm-a", first.id);
  CHECK(full.answers.size() == 1);
  CHECK(full.history.size() == 2);  // recorded, answered

  // A request id is one action of one person: used for another, refused.
  auto other = site.storage.add_case(site.by_phone("Antrean"), 72, {site.sari, "Sari", "req-case-0002"}, 5000);
  CHECK_THROWS_AS(site.storage.change_case("pkm-a", other.id, reply, answer, 6000), StorageError);
  CHECK_THROWS_AS(site.storage.add_case(site.by_phone("x"), 72, {site.dewi, "Dewi", "req-case-0001"}, 7000), StorageError);
  // Without a request id every call is an action of its own.
  site.storage.add_case(site.by_phone("Tanpa id"), 72, {site.sari, "Sari"}, 8000);
  site.storage.add_case(site.by_phone("Tanpa id"), 72, {site.sari, "Sari"}, 9000);
  CHECK(site.storage.cases(all).total == 4);
}

TEST_CASE("the same request arriving twice at once makes one case") {
  Site site;
  auto second = site.store.database.open();  // another process's connection to the same database
  std::vector<std::int64_t> ids(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      auto& storage = i % 2 ? *second : site.storage;
      ids[static_cast<std::size_t>(i)] =
          storage.add_case(site.by_phone("Sekali saja"), 72, {site.sari, "Sari", "req-race-0001"}, 1000 + i).id;
    });
  for (auto& thread : threads) thread.join();
  for (auto id : ids) CHECK(id == ids.front());
  CaseQuery all;
  CHECK(site.storage.cases(all).total == 1);
}

TEST_CASE("a background job's turn is held by one holder at a time") {
  Site site;
  auto second = site.store.database.open();
  {
    auto mine = site.storage.lease_job("mail");
    REQUIRE(mine);
    CHECK_FALSE(second->lease_job("mail"));
    CHECK_FALSE(site.storage.lease_job("mail"));
    CHECK(second->lease_job("reminders"));  // another job is another turn
  }
  auto theirs = second->lease_job("mail");
  CHECK(theirs);
  CHECK_FALSE(site.storage.lease_job("mail"));
}

TEST_CASE("alarming cases are found after an id, and again by their recent arrival") {
  Site site;
  site.storage.add_device({"pkm-a", "kiosk-1"}, "hash", 1);
  std::vector<IngestItem> items;
  for (int i = 0; i < 3; ++i) {
    auto s = test::sample_written("Darurat " + std::to_string(i));
    s.facility_id = "pkm-a";
    s.urgent = true;
    items.push_back({s, core::wire::content_hash(s)});
  }
  site.storage.ingest({"pkm-a", "kiosk-1"}, items, IngestSource::network, 50000);
  auto latest = site.storage.latest_case_id("pkm-a");
  CHECK(site.storage.alarming_cases("pkm-a", latest, 60000, 20).empty());
  // A dashboard that saw the newest id still hears of cases recorded since
  // it looks back (another process may have committed a lower id late).
  CHECK(site.storage.alarming_cases("pkm-a", latest, 40000, 20).size() == 3);
  CHECK(site.storage.alarming_cases("pkm-a", latest - 1, 60000, 20).size() == 1);
  CHECK(site.storage.alarming_cases("", 0, 60000, 20).size() == 3);
  CHECK(site.storage.alarming_cases("pkm-b", 0, 0, 20).empty());
}
