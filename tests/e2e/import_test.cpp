// Issue 12, item 5: a bundle is imported in batches cut by bytes, not only
// by count: 500 answers and 500 complaints of 5,000 emoji each (10 MB) once
// failed with "the message is 10112530 bytes" after storing 500, on every
// retry. And an import killed half-way (SIGKILL) resumes when the bundle is
// imported again, to the very state an uninterrupted import leaves.
#include <doctest/doctest.h>
#include <signal.h>

#include <thread>

#include "core/store.hpp"
#include "tests/e2e/harness.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::test;
namespace fs = std::filesystem;

namespace {

// A kiosk with `ratings` faces and `complaints` complaints of 5,000 emoji,
// exported to a signed bundle; the servers given hold its key.
fs::path big_bundle(const fs::path& dir, int ratings, int complaints,
                    std::vector<ServerFixture*> servers) {
  KioskFixture kiosk(dir / "kiosk", "http://127.0.0.1:9", servers.front()->token_file);
  {
    auto store = core::Store::open(kiosk.database, {.quick_check = false});
    std::string emoji;
    for (int i = 0; i < 5000; ++i) emoji += "\xF0\x9F\x98\x80";  // U+1F600, 4 bytes
    for (int i = 0; i < ratings; ++i) store.add(sample_rating(1 + i % 4));
    for (int i = 0; i < complaints; ++i) store.add(sample_written(emoji));
  }
  fs::create_directories(dir / "stick");
  auto exported = kiosk.sync({"export", (dir / "stick").string()});
  REQUIRE(exported.code == 0);
  auto key = kiosk.sync({"key"});
  std::string public_key = key.out.substr(0, key.out.find('\n'));
  for (auto* server : servers)
    REQUIRE(server->admin({"device", "key", "set", "--facility", "pkm-test", "--name", "kiosk-1",
                           "--key", public_key})
                .code == 0);
  for (const auto& entry : fs::directory_iterator(dir / "stick")) return entry.path();
  FAIL("no bundle was written");
  return {};
}

}  // namespace

TEST_CASE("a 10 MB bundle of long complaints imports whole, in batches cut by bytes") {
  TempDir dir;
  ServerFixture server(dir / "server");
  auto bundle = big_bundle(dir.path(), 500, 500, {&server});
  CHECK(fs::file_size(bundle / "submissions.jsonl") > 10'000'000u);
  auto imported = server.admin({"import", bundle.string()});
  INFO(imported.out << imported.err);
  REQUIRE(imported.code == 0);
  CHECK(imported.out.find("1000 new, 0 already here, 0 conflicts (recorded for staff), 0 invalid") !=
        std::string::npos);
  CHECK(server.count("SELECT count(*) FROM submissions") == 1000);
  CHECK(server.count("SELECT count(*) FROM cases") == 500);
}

TEST_CASE("an import killed half-way resumes to the same end state when imported again") {
  TempDir dir;
  ServerFixture whole(dir / "whole");
  ServerFixture killed(dir / "killed");
  // Two servers with the same device: enrolled the same way, the same
  // token file is not needed, only the key.
  auto bundle = big_bundle(dir.path(), 500, 1500, {&whole, &killed});

  REQUIRE(whole.admin({"import", bundle.string()}).code == 0);
  const auto total = whole.count("SELECT count(*) FROM submissions");
  REQUIRE(total == 2000);

  std::int64_t stored_when_killed = 0;
  {
    Process import({Binaries::server(), "--config", killed.config.string(), "import",
                    bundle.string()},
                   {}, (dir / "import.err").string());
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      stored_when_killed = killed.count("SELECT count(*) FROM submissions");
      if (stored_when_killed > 0) break;
    }
    import.signal(SIGKILL);
    import.wait();
  }
  stored_when_killed = killed.count("SELECT count(*) FROM submissions");
  MESSAGE("the import was killed with " << stored_when_killed << " of " << total << " stored");
  REQUIRE(stored_when_killed > 0);
  REQUIRE(stored_when_killed < total);  // it was interrupted, not finished

  auto again = killed.admin({"import", bundle.string()});
  INFO(again.out << again.err);
  REQUIRE(again.code == 0);
  CHECK(again.out.find(std::to_string(total - stored_when_killed) + " new, " +
                       std::to_string(stored_when_killed) + " already here") != std::string::npos);
  CHECK(killed.dump() == whole.dump());
  CHECK(killed.count("SELECT count(*) FROM cases") == whole.count("SELECT count(*) FROM cases"));
}
