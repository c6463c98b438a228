// Issue 12, item 4: USB bundles are signed by the kiosk's key (Ed25519), and
// the server verifies the signature against the key it holds for the device
// before it stores anything. A bundle edited to another facility with its
// checksums recomputed, an unsigned bundle, one signed with another key, one
// from a device without a key and one from a revoked device are refused,
// each with its reason.
#include <doctest/doctest.h>

#include "core/bundle.hpp"
#include "core/signing.hpp"
#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;
namespace fs = std::filesystem;

namespace {

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  auto text = read_file(file);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write_file(file, text);
}

// What a forger does: edit, then recompute SHA256SUMS.
void recompute_checksums(const fs::path& bundle) {
  write_file(bundle / "SHA256SUMS",
             core::bundle::file_sha256(bundle / "manifest.json") + "  manifest.json\n" +
                 core::bundle::file_sha256(bundle / "submissions.jsonl") + "  submissions.jsonl\n");
}

struct Stick {
  TempDir dir;
  ServerFixture server{dir / "server"};
  KioskFixture kiosk{dir / "kiosk", "http://127.0.0.1:9", server.token_file};
  fs::path bundle;
  std::string public_key;

  Stick() {
    kiosk.fill(30);
    fs::create_directories(dir / "stick");
    auto exported = kiosk.sync({"export", (dir / "stick").string()});
    REQUIRE(exported.code == 0);
    CHECK(exported.out.find("Signed with this kiosk's key") != std::string::npos);
    for (const auto& entry : fs::directory_iterator(dir / "stick")) bundle = entry.path();
    auto key = kiosk.sync({"key"});
    REQUIRE(key.code == 0);
    public_key = key.out.substr(0, key.out.find('\n'));
  }
  Outcome set_key(const std::string& key) {
    return server.admin(
        {"device", "key", "set", "--facility", "pkm-test", "--name", "kiosk-1", "--key", key});
  }
  Outcome import() { return server.admin({"import", bundle.string()}); }
};

void check_refused(Stick& stick, const Outcome& outcome, const std::string& reason) {
  INFO(outcome.out << outcome.err);
  CHECK(outcome.code == 1);
  CHECK(outcome.err.find(reason) != std::string::npos);
  CHECK(stick.server.count("SELECT count(*) FROM submissions") == 0);
}

}  // namespace

TEST_CASE("a signed bundle from a device whose key the server holds is imported") {
  Stick stick;
  CHECK(fs::exists(stick.bundle / "SIGNATURE"));
  auto none = stick.import();
  check_refused(stick, none, "knows no bundle key");
  REQUIRE(stick.set_key(stick.public_key).code == 0);
  auto shown = stick.server.admin({"device", "key", "show", "--facility", "pkm-test", "--name", "kiosk-1"});
  CHECK(shown.out.find(stick.public_key) != std::string::npos);
  auto imported = stick.import();
  INFO(imported.err);
  CHECK(imported.code == 0);
  CHECK(stick.server.count("SELECT count(*) FROM submissions") == 30);
}

TEST_CASE("a bundle edited to another facility, with its checksums recomputed, is refused") {
  Stick stick;
  REQUIRE(stick.server.admin({"facility", "add", "--id", "pkm-lain", "--name", "Lain"}).code == 0);
  REQUIRE(stick.server.admin({"device", "add", "--facility", "pkm-lain", "--name", "kiosk-1",
                              "--token-file", (stick.dir / "other.token").string()})
              .code == 0);
  for (const char* facility : {"pkm-test", "pkm-lain"})
    REQUIRE(stick.server.admin({"device", "key", "set", "--facility", facility, "--name",
                                "kiosk-1", "--key", stick.public_key})
                .code == 0);
  replace_in(stick.bundle / "manifest.json", "\"pkm-test\"", "\"pkm-lain\"");
  recompute_checksums(stick.bundle);
  check_refused(stick, stick.import(), "signature does not match");
}

TEST_CASE("unsigned bundles, other keys and revoked devices are refused with their reason") {
  Stick stick;
  REQUIRE(stick.set_key(stick.public_key).code == 0);
  SUBCASE("unsigned") {
    fs::remove(stick.bundle / "SIGNATURE");
    check_refused(stick, stick.import(), "unsigned");
  }
  SUBCASE("signed with a key the server does not hold for the device") {
    auto stranger = core::signing::load_or_create(stick.dir / "stranger.key");
    REQUIRE(stick.set_key(stranger.public_key).code == 0);
    check_refused(stick, stick.import(), "signed with a key the server does not know");
  }
  SUBCASE("a revoked device") {
    REQUIRE(stick.server.admin({"device", "revoke", "--facility", "pkm-test", "--name", "kiosk-1"})
                .code == 0);
    check_refused(stick, stick.import(), "revoked");
  }
  SUBCASE("a key that is not a key") {
    auto bad = stick.set_key("not-a-key");
    CHECK(bad.code == 1);
    CHECK(bad.err.find("--key must be") != std::string::npos);
  }
}
