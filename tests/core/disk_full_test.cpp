// A full disk: the add that does not fit fails with a clear StoreError
// (disk_full) and everything committed before it is still there, in the
// open store and after reopening; once space is freed, adding works again.
// The real case fills a small tmpfs (needs CAP_SYS_ADMIN, as root in CI);
// the size-limit case (PRAGMA max_page_count) runs everywhere.
#include <doctest/doctest.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>

#include "core/store.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::core;

namespace {

// Adds 1 KB complaints until the store refuses one; returns the committed ids.
std::vector<std::string> fill_until_full(Store& store, StoreError& failure) {
  std::vector<std::string> committed;
  for (int i = 0; i < 100000; ++i) {
    auto s =
        kotak::test::sample_written("Keluhan " + std::to_string(i) + ": " + std::string(1000, 'k'));
    try {
      store.add(s);
      committed.push_back(s.id);
    } catch (const StoreError& error) {
      failure = error;
      return committed;
    }
  }
  FAIL("the disk never filled up");
  return committed;
}

void check_all_there(Store& store, const std::vector<std::string>& ids) {
  std::size_t missing = 0;
  for (const auto& id : ids)
    if (!store.find(id)) ++missing;
  CHECK(missing == 0u);
  CHECK(store.counts().pending == static_cast<std::int64_t>(ids.size()));
}

class TmpfsMount {
 public:
  TmpfsMount(const std::filesystem::path& where, const char* options) : where_(where) {
    std::filesystem::create_directories(where);
    mounted_ = mount("tmpfs", where.c_str(), "tmpfs", 0, options) == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~TmpfsMount() {
    if (mounted_) umount2(where_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::filesystem::path where_;
  bool mounted_ = false;
  std::string error_;
};

}  // namespace

TEST_CASE("a full file system gives a clear error and loses nothing already committed") {
  kotak::test::TempDir dir;
  TmpfsMount disk(dir / "small", "size=4m");
  if (!disk.mounted()) {
    MESSAGE("skipped the tmpfs case: cannot mount (" << disk.error()
                                                     << "); run as root to test it");
    return;
  }
  auto path = dir / "small" / "kiosk.db";
  auto filler = dir / "small" / "filler";
  kotak::test::write_file(filler, std::string(512 * 1024, 'f'));
  std::vector<std::string> committed;
  {
    auto store = Store::open(path);
    StoreError failure(StoreErrc::io, "");
    committed = fill_until_full(store, failure);
    CHECK(committed.size() > 50u);
    CHECK(failure.code() == StoreErrc::disk_full);
    CHECK(std::string(failure.what()).find("the disk is full") != std::string::npos);
    CHECK(std::string(failure.what()).find("Nothing saved earlier was lost") != std::string::npos);
    check_all_there(store, committed);

    std::filesystem::remove(filler);  // the technician frees space
    auto after = kotak::test::sample_rating(4);
    store.add(after);
    committed.push_back(after.id);
  }
  auto reopened = Store::open(path);
  CHECK(reopened.integrity_check() == "ok");
  check_all_there(reopened, committed);
}

TEST_CASE("a database at its size limit gives the same clear error and keeps its rows") {
  kotak::test::TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  store.database().exec("PRAGMA max_page_count = 60");
  StoreError failure(StoreErrc::io, "");
  auto committed = fill_until_full(store, failure);
  CHECK(committed.size() > 20u);
  CHECK(failure.code() == StoreErrc::disk_full);
  check_all_there(store, committed);
  CHECK(store.integrity_check() == "ok");
}
