// Issue 17, item 4: a kiosk enrolled by a one-time code instead of a token
// file carried to it. The real kotak-server makes the code (`device code`),
// the real kotak-sync redeems it (`enroll`), stores the token 0600, registers
// its bundle key and delivers; a used, wrong or misplaced code changes
// nothing on the kiosk.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <regex>

#include "tests/e2e/harness.hpp"
#include "tests/support/samples.hpp"

using namespace kotak;
using namespace kotak::test;
namespace fs = std::filesystem;

namespace {

// The code in `kotak-server device code`'s output.
std::string code_in(const Outcome& made) {
  INFO(made.out << made.err);
  REQUIRE(made.code == 0);
  std::smatch match;
  REQUIRE(std::regex_search(made.out, match, std::regex("\\b([0-9A-Z]{4}-[0-9A-Z]{4})\\b")));
  return match[1];
}

unsigned mode_of(const fs::path& file) {
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

bool leftovers(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".new") return true;
  return false;
}

}  // namespace

TEST_CASE("a kiosk enrolled by code delivers, and the code works once and only where it was made") {
  TempDir dir;
  ServerFixture server{dir / "server"};
  server.start();
  KioskFixture kiosk{dir / "kiosk", server.url(), dir / "kiosk" / "device.token"};
  kiosk.fill(20);
  auto before = kiosk.sync_once();
  CHECK(before.code != 0);  // no token yet: nothing can be delivered
  CHECK(kiosk.counts().pending == 20);

  auto code = code_in(server.admin({"device", "code", "--facility", "pkm-test"}));
  // Typed the way a technician might: lower case, without the dash.
  std::string typed = code.substr(0, 4) + code.substr(5);
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto enrolled = kiosk.sync({"enroll", typed, "--name", "kiosk-lobby"});
  INFO(enrolled.out << enrolled.err);
  REQUIRE(enrolled.code == 0);
  CHECK(enrolled.out.find("Enrolled as device kiosk-lobby of facility pkm-test") !=
        std::string::npos);
  CHECK(mode_of(dir / "kiosk" / "device.token") == 0600);
  CHECK_FALSE(leftovers(dir / "kiosk"));
  // The server's seal key came with the token, before any sync: the
  // contact details the filler kept plain are sealed to it now.
  CHECK(enrolled.out.find("Contact details are sealed to the server's key") != std::string::npos);
  auto seal_key = core::Store::open(kiosk.database).seal_key();
  CHECK_FALSE(seal_key.empty());
  CHECK(server.admin({"seal-key"}).out.find(seal_key) != std::string::npos);
  for (const auto& stored : core::Store::open(kiosk.database).pending(100)) {
    CHECK(stored.submission.identity.empty());
  }
  // The bundle key went with the new token.
  auto key = kiosk.sync({"key"});
  REQUIRE(key.code == 0);
  CHECK(server.text("SELECT public_key FROM devices WHERE name = 'kiosk-lobby'") ==
        key.out.substr(0, key.out.find('\n')));

  auto delivered = kiosk.sync_once();
  INFO(delivered.err);
  CHECK(delivered.code == 0);
  CHECK(kiosk.counts().delivered == 20);
  CHECK(server.count("SELECT count(*) FROM submissions WHERE device_id = 'kiosk-lobby'") == 20);
  // ... and the server opened what was sealed.
  CHECK(server.count("SELECT count(*) FROM submissions WHERE identity_mode = 'named'") > 0);
  CHECK(server.count("SELECT count(*) FROM identities WHERE name LIKE 'Ibu Sari %'") ==
        server.count("SELECT count(*) FROM submissions WHERE identity_mode = 'named'"));

  SUBCASE("a used code is refused and leaves the other kiosk as it was") {
    KioskFixture second{dir / "second", server.url(), dir / "second" / "device.token"};
    auto again = second.sync({"enroll", code, "--name", "kiosk-2"});
    CHECK(again.code == 1);
    CHECK(again.err.find("used already") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "second" / "device.token"));
    CHECK_FALSE(leftovers(dir / "second"));
    auto wrong = second.sync({"enroll", "ZZZZ-ZZZZ", "--name", "kiosk-2"});
    CHECK(wrong.code == 1);
    CHECK(wrong.err.find("not known") != std::string::npos);
    CHECK(server.count("SELECT count(*) FROM devices WHERE name = 'kiosk-2'") == 0);
  }
  SUBCASE("a code made for the device replaces the old kiosk, whose token stops working") {
    CHECK(server.admin({"device", "code", "--facility", "pkm-test", "--name", "kiosk-nope"}).code ==
          1);
    auto replacing = code_in(
        server.admin({"device", "code", "--facility", "pkm-test", "--name", "kiosk-lobby"}));
    KioskFixture spare{dir / "spare", server.url(), dir / "spare" / "device.token"};
    spare.fill(5);
    auto taken = spare.sync({"enroll", replacing, "--name", "something-else"});
    INFO(taken.err);
    REQUIRE(taken.code == 0);
    CHECK(taken.out.find("Enrolled as device kiosk-lobby") != std::string::npos);
    CHECK(spare.sync_once().code == 0);
    CHECK(server.count("SELECT count(*) FROM submissions WHERE device_id = 'kiosk-lobby'") == 25);
    kiosk.fill(1);
    CHECK(kiosk.sync_once().code != 0);
    CHECK(kiosk.counts().pending == 1);
  }
  SUBCASE("no server, no token file written; the code is still good afterwards") {
    auto fresh = code_in(server.admin({"device", "code", "--facility", "pkm-test"}));
    KioskFixture offline{dir / "offline", "http://127.0.0.1:9", dir / "offline" / "device.token"};
    auto failed = offline.sync({"enroll", fresh, "--name", "kiosk-3"});
    CHECK(failed.code == 1);
    CHECK(failed.err.find("could not be reached") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "offline" / "device.token"));
    auto later = offline.sync({"enroll", fresh, "--name", "kiosk-3", "--server", server.url()});
    INFO(later.err);
    CHECK(later.code == 0);
    CHECK(later.out.find("Set server.url") != std::string::npos);
  }
}

TEST_CASE("the technician enrols a headless kiosk by typing the code on its admin screen") {
  TempDir dir;
  ServerFixture server{dir / "server"};
  server.start();
  KioskFixture kiosk{dir / "kiosk", server.url(), dir / "kiosk" / "device.token"};
  write_kiosk_config(kiosk, "", "kiosk-lobby");
  auto code = code_in(server.admin({"device", "code", "--facility", "pkm-test"}));

  // A face before the kiosk has a token: kept, waiting.
  auto face = run_kiosk(kiosk, "face.txt", "tap home.face.3\ntap unit.kia\ntap want_write.no\n");
  REQUIRE_MESSAGE(face.code == 0, face.err);
  CHECK(kiosk.counts().pending >= 1);

  // A wrong code first: refused with the server's reason, nothing written;
  // then the right one, typed with its dash. Sync now then delivers.
  auto script = std::string(kAdminPinScript) +
                "tap admin.enrol\nexpect admin_enrol\n"
                "type ZZZZ-ZZZZ\n"
                "shot " + (kiosk.dir / "typed.png").string() + "\n"
                "tap enrol.send\nwait-task\n"
                "dump " + (kiosk.dir / "wrong.json").string() + "\n"
                "shot " + (kiosk.dir / "wrong.png").string() + "\n"
                "tap enrol.again\nexpect admin_enrol\n"
                "type " + code + "\ntap enrol.send\nwait-task\n"
                "dump " + (kiosk.dir / "enrolled.json").string() + "\n"
                "shot " + (kiosk.dir / "enrolled.png").string() + "\n"
                "tap enrol.back\nexpect admin\nsync\n";

  auto run = run_kiosk(kiosk, "enrol.txt", script);
  REQUIRE_MESSAGE(run.code == 0, run.err);
  // For people to look at: build/screenshots/enrol/.
  const auto shots = fs::path(KOTAK_SCREENSHOTS) / "enrol";
  fs::create_directories(shots);
  for (const char* shot : {"typed.png", "wrong.png", "enrolled.png"})
    fs::copy_file(kiosk.dir / shot, shots / shot, fs::copy_options::overwrite_existing);
  auto wrong = read_file(kiosk.dir / "wrong.json");
  CHECK(wrong.find("Pendaftaran gagal") != std::string::npos);
  CHECK(wrong.find("not known") != std::string::npos);
  auto enrolled = read_file(kiosk.dir / "enrolled.json");
  CHECK(enrolled.find("Kiosk terdaftar") != std::string::npos);
  CHECK(enrolled.find("Enrolled as device kiosk-lobby of facility pkm-test") != std::string::npos);
  CHECK(mode_of(dir / "kiosk" / "device.token") == 0600);
  CHECK(kiosk.counts().pending == 0);
  CHECK(server.count("SELECT count(*) FROM submissions WHERE device_id = 'kiosk-lobby'") ==
        kiosk.counts().delivered);
  CHECK(server.count("SELECT count(*) FROM submissions WHERE device_id = 'kiosk-lobby'") >= 1);
}
