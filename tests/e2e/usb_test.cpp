// Issue 4, test 6: the USB bundle. Export then import gives the same server
// state as network sync; importing twice changes nothing; a damaged bundle
// is refused whole.
#include <doctest/doctest.h>

#include <fstream>

#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;
namespace fs = std::filesystem;

namespace {

fs::path only_bundle(const fs::path& stick) {
  fs::path found;
  int bundles = 0;
  for (const auto& entry : fs::directory_iterator(stick))
    if (entry.is_directory()) found = entry.path(), ++bundles;
  REQUIRE(bundles == 1);
  return found;
}

}  // namespace

TEST_CASE("USB export and import give the same server state as network sync, once") {
  TempDir dir;
  ServerFixture by_network(dir / "server-network");
  by_network.start();
  ServerFixture by_usb(dir / "server-usb");

  // Two copies of one kiosk's database: one syncs, the other goes by stick.
  KioskFixture online(dir / "online", by_network.url(), by_network.token_file);
  online.fill(600);
  KioskFixture offline(dir / "offline", "http://127.0.0.1:9", by_usb.token_file);
  fs::copy_file(online.database, offline.database);

  REQUIRE(online.sync_once().code == 0);
  // The sync registered the kiosk's bundle key with the server it reached.
  auto key_file = by_network.dir / "device.key";
  REQUIRE(fs::exists(key_file));
  CHECK((fs::status(key_file).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
        fs::perms::none);
  // One kiosk, one key: the offline copy signs with the same one, and the
  // server it never reaches is told the key by its admin.
  fs::copy_file(key_file, by_usb.dir / "device.key");
  fs::permissions(by_usb.dir / "device.key", fs::perms::owner_read | fs::perms::owner_write);
  auto key = offline.sync({"key"});
  REQUIRE(key.code == 0);
  std::string public_key = key.out.substr(0, key.out.find('\n'));
  CHECK(by_network.text("SELECT public_key FROM devices") == public_key);
  REQUIRE(by_usb.admin({"device", "key", "set", "--facility", "pkm-test", "--name", "kiosk-1",
                        "--key", public_key})
              .code == 0);
  fs::create_directories(dir / "stick");
  auto exported = offline.sync({"export", (dir / "stick").string()});
  INFO(exported.err);
  REQUIRE(exported.code == 0);
  CHECK(exported.out.find("Exported 600 answers") != std::string::npos);
  auto bundle = only_bundle(dir / "stick");
  CHECK(bundle.filename().string().rfind("kotak-pkm-test-kiosk-1-", 0) == 0);
  CHECK(offline.counts().pending == 600);  // exporting delivers nothing by itself

  auto imported = by_usb.admin({"import", bundle.string()});
  INFO(imported.err);
  REQUIRE(imported.code == 0);
  CHECK(imported.out.find("600 new, 0 already here, 0 conflicts") != std::string::npos);
  CHECK(by_usb.dump() == by_network.dump());
  CHECK(by_usb.count("SELECT count(*) FROM submissions WHERE source = 'bundle'") == 600);

  auto again = by_usb.admin({"import", bundle.string()});
  REQUIRE(again.code == 0);
  CHECK(again.out.find("0 new, 600 already here") != std::string::npos);
  CHECK(by_usb.dump() == by_network.dump());

  // The same bundle taken to the server that already has it by network.
  by_network.stop();
  auto overlap = by_network.admin({"import", bundle.string()});
  CHECK(overlap.code == 0);
  CHECK(overlap.out.find("0 new, 600 already here") != std::string::npos);
}

TEST_CASE("a damaged or incomplete bundle is refused whole") {
  TempDir dir;
  ServerFixture server(dir / "server");
  KioskFixture kiosk(dir / "kiosk", "http://127.0.0.1:9", server.token_file);
  kiosk.fill(20);
  fs::create_directories(dir / "stick");
  REQUIRE(kiosk.sync({"export", (dir / "stick").string()}).code == 0);
  auto bundle = only_bundle(dir / "stick");

  {  // flip one character of one answer
    std::fstream file(bundle / "submissions.jsonl", std::ios::in | std::ios::out);
    file.seekp(40);
    file.put('#');
  }
  auto damaged = server.admin({"import", bundle.string()});
  CHECK(damaged.code == 1);
  CHECK(damaged.err.find("does not match its checksum") != std::string::npos);
  CHECK(server.count("SELECT count(*) FROM submissions") == 0);

  fs::remove(bundle / "SHA256SUMS");
  auto incomplete = server.admin({"import", bundle.string()});
  CHECK(incomplete.code == 1);
  CHECK(incomplete.err.find("SHA256SUMS") != std::string::npos);

  auto foreign = server.admin({"import", (dir / "stick").string()});
  CHECK(foreign.code == 1);
}
