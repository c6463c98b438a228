// The device clock's state as the kiosk records it with each answer, read
// from files a test lays out (the real ones are /proc and /run).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "core/clock_state.hpp"
#include "core/submission.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::core;
using kotak::test::TempDir;

namespace {

constexpr const char* kBoot = "5e3f1c9a-2b7d-4e8f-a1c2-3d4e5f6a7b8c";

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

ClockSources sources_in(const TempDir& dir) {
  ClockSources sources;
  sources.boot_id_file = dir / "boot_id";
  sources.timesync_folder = dir / "timesync";
  sources.synchronized_file = dir / "timesync" / "synchronized";
  sources.ask_kernel = false;
  return sources;
}

}  // namespace

TEST_CASE("timesyncd's marker says synchronised, its folder without it says not") {
  TempDir dir;
  auto sources = sources_in(dir);
  write(sources.boot_id_file, std::string(kBoot) + "\n");
  std::filesystem::create_directories(sources.timesync_folder);
  auto state = read_clock_state(sources);
  CHECK(state.boot_id == kBoot);
  REQUIRE(state.synchronised.has_value());
  CHECK_FALSE(*state.synchronised);

  write(sources.synchronized_file, "");
  state = read_clock_state(sources);
  REQUIRE(state.synchronised.has_value());
  CHECK(*state.synchronised);
}

TEST_CASE("nothing to read is unknown, never a guess") {
  TempDir dir;
  auto state = read_clock_state(sources_in(dir));
  CHECK_FALSE(state.synchronised.has_value());
  CHECK(state.boot_id.empty());
}

TEST_CASE("a boot id file that holds no boot id is unknown") {
  TempDir dir;
  auto sources = sources_in(dir);
  write(sources.boot_id_file, "not a boot id; rm -rf /\n");
  CHECK(read_clock_state(sources).boot_id.empty());
  write(sources.boot_id_file, std::string(100, 'a'));
  CHECK(read_clock_state(sources).boot_id.empty());
}

TEST_CASE("the environment names the files and keeps the kernel out") {
  TempDir dir;
  write(dir / "boot", kBoot);
  std::filesystem::create_directories(dir / "ts");
  ::setenv("KOTAK_BOOT_ID_FILE", (dir / "boot").c_str(), 1);
  ::setenv("KOTAK_CLOCK_SYNC_FILE", (dir / "ts" / "synchronized").c_str(), 1);
  auto state = read_clock_state();
  ::unsetenv("KOTAK_BOOT_ID_FILE");
  ::unsetenv("KOTAK_CLOCK_SYNC_FILE");
  CHECK(state.boot_id == kBoot);
  REQUIRE(state.synchronised.has_value());
  CHECK_FALSE(*state.synchronised);
}

TEST_CASE("the real device answers without throwing") {
  // Whatever this machine's clock is, the kernel's boot id is there on Linux.
  auto state = read_clock_state(ClockSources{});
  CHECK(is_boot_id(state.boot_id));
}

TEST_CASE("a submission with a malformed boot id is refused") {
  Submission s;
  s.id = new_uuid();
  s.device_id = "kiosk-1";
  s.facility_id = "pkm-test";
  s.created_at = now();
  s.rating = 3;
  CHECK_FALSE(validate(s).has_value());
  s.clock.boot_id = "../../etc/passwd";
  REQUIRE(validate(s).has_value());
  CHECK(validate(s)->find("clock.boot") != std::string::npos);
}
