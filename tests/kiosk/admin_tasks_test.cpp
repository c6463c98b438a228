// The admin screen's helpers: finding kotak-sync, a USB stick, running a
// child without blocking.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "kiosk/admin_tasks.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::kiosk;
using kotak::test::TempDir;
using kotak::test::write_file;

TEST_CASE("a USB stick is the first mount below the root - never the root or a plain folder") {
  TempDir dir;
  write_file(dir / "mounts",
             "/dev/root / ext4 rw 0 0\n"
             "tmpfs /media tmpfs rw 0 0\n"
             "/dev/sdb1 /mediaextra vfat rw 0 0\n"
             "/dev/sda1 /media/pi/KOTAK\\040USB vfat rw 0 0\n"
             "/dev/sdc1 /media/pi/OTHER vfat rw 0 0\n");
  auto found = find_usb_mount("/media", dir / "mounts");
  REQUIRE(found);
  CHECK(*found == "/media/pi/KOTAK USB");
  CHECK_FALSE(find_usb_mount("/mnt/usb", dir / "mounts"));
  CHECK_FALSE(find_usb_mount("/media", dir / "no-such-file"));
}

TEST_CASE("programs are found on PATH - a missing one is nullopt") {
  CHECK(find_program("sh"));
  CHECK_FALSE(find_program("kotak-no-such-program-here"));
}

TEST_CASE("a child runs without blocking - its output and exit code are kept") {
  ChildProcess child;
  REQUIRE(child.start({"/bin/sh", "-c", "echo one; echo two >&2; exit 3"}, 10));
  for (int i = 0; i < 500 && child.poll(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK_FALSE(child.running());
  CHECK(child.exit_code() == 3);
  CHECK(child.tail().find("one") != std::string::npos);
  CHECK(child.tail().find("two") != std::string::npos);
}

TEST_CASE("the tail of a child's output: the last lines - nothing when silent") {
  ChildProcess child;
  CHECK(child.tail().empty());
  REQUIRE(child.start({"/bin/sh", "-c", "printf 'a\\nb\\nc\\nd\\ne\\n'"}, 10));
  for (int i = 0; i < 500 && child.poll(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(child.tail(2) == "d\ne");
  CHECK(child.tail(10) == "a\nb\nc\nd\ne");
}

TEST_CASE("a child past its time limit is stopped") {
  ChildProcess child;
  REQUIRE(child.start({"/bin/sleep", "30"}, 0.2));
  for (int i = 0; i < 300 && child.poll(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK_FALSE(child.running());
  CHECK(child.exit_code() == 124);
  ChildProcess missing;
  CHECK_FALSE(missing.start({"/no/such/program"}, 1));
  CHECK_FALSE(missing.error().empty());
}

TEST_CASE("free space is known for an existing path") {
  auto free = free_bytes("/tmp");
  REQUIRE(free);
  CHECK(*free > 0);
  CHECK_FALSE(free_bytes("/no/such/dir"));
}
