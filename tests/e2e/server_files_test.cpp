// Issue 12, item 6: server.db holds contact details, so it and the files
// SQLite makes beside it are 0640 whatever the umask of the process that
// makes them (an admin command under umask 022 once made it 0644), and a
// looser file is tightened when it is next opened.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& file) {
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

}  // namespace

TEST_CASE("server.db made by an admin command under umask 022 is 0640, and so are its companions") {
  TempDir dir;
  auto old = ::umask(022);
  ServerFixture server(dir / "server");  // facility add and device add create the database
  server.start();
  ::umask(old);
  CHECK(mode_of(server.database) == 0640u);
  // The write-ahead log exists while the server has the file open.
  for (const char* suffix : {"-wal", "-shm"}) {
    auto companion = fs::path(server.database.string() + suffix);
    if (fs::exists(companion)) CHECK(mode_of(companion) == 0640u);
  }
  server.stop();

  fs::permissions(server.database, fs::perms(0644));
  REQUIRE(server.admin({"facility", "list"}).code == 0);
  CHECK(mode_of(server.database) == 0640u);
}
