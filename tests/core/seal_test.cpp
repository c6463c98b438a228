// Sealing contact details on the kiosk (core/seal.hpp) and keeping only
// the sealed box in the kiosk's store (issue 14, item 8).
#include "core/seal.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <vector>

#include "core/secret_file.hpp"
#include "core/store.hpp"
#include "core/wire.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using kotak::test::TempDir;

namespace {

const core::Identity kRina{"Rina Marlina", "0812-5555-1234", "Jl. Kenanga 7, Klaten"};

core::Submission named() {
  auto s = test::sample_written("Obat habis tiga kali berturut-turut.");
  s.identity_mode = core::IdentityMode::named;
  s.identity = kRina;
  return s;
}

// True when the bytes of needle occur anywhere in the file.
bool file_holds(const std::filesystem::path& file, const std::string& needle) {
  if (!std::filesystem::exists(file)) return false;
  return test::read_file(file).find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a sealed identity opens only with the server's secret key, for its own submission") {
  REQUIRE(sodium_init() >= 0);
  auto server = core::seal::generate();
  CHECK(core::seal::is_public_key(server.public_key));
  CHECK(core::seal::from_secret(server.secret_key)->public_key == server.public_key);
  auto s = named();
  auto sealed = core::seal::seal_identity(s.id, s.identity, server.public_key);
  CHECK(sealed.find("Rina") == std::string::npos);
  // Sealing is randomised: the same identity never gives the same box twice.
  CHECK(sealed != core::seal::seal_identity(s.id, s.identity, server.public_key));

  std::vector<core::seal::KeyPair> keys{server};
  auto opened = core::seal::open_identity(s.id, sealed, keys);
  REQUIRE(opened.identity);
  CHECK(*opened.identity == kRina);
  CHECK(opened.error.empty());

  SUBCASE("another server's key cannot open it") {
    std::vector<core::seal::KeyPair> other{core::seal::generate()};
    auto refused = core::seal::open_identity(s.id, sealed, other);
    CHECK_FALSE(refused.identity);
    CHECK(refused.error.find("does not open with any of this server's 1 seal keys") !=
          std::string::npos);
  }
  SUBCASE("an old key kept after rotation still opens it") {
    std::vector<core::seal::KeyPair> rotated{core::seal::generate(), server};
    CHECK(core::seal::open_identity(s.id, sealed, rotated).identity == kRina);
  }
  SUBCASE("a tampered box does not open") {
    auto box = core::secret_file::from_base64_bounded(sealed, core::kMaxSealedIdentityBytes);
    REQUIRE(box);
    (*box)[box->size() / 2] ^= 0x01;
    auto refused = core::seal::open_identity(s.id, core::secret_file::to_base64(*box), keys);
    CHECK_FALSE(refused.identity);
    CHECK(refused.error.find("altered on the way") != std::string::npos);
  }
  SUBCASE("a box moved onto another submission is refused") {
    auto refused = core::seal::open_identity(core::new_uuid(), sealed, keys);
    CHECK_FALSE(refused.identity);
    CHECK(refused.error.find("sealed for another submission") != std::string::npos);
  }
  SUBCASE("not a box at all, or no key to open with") {
    CHECK(core::seal::open_identity(s.id, "bm90IGEgYm94", keys).error.find("not a sealed box") !=
          std::string::npos);
    CHECK(core::seal::open_identity(s.id, "***", keys).error.find("not a sealed box") !=
          std::string::npos);
    CHECK(core::seal::open_identity(s.id, sealed, {}).error.find("has no seal key") !=
          std::string::npos);
  }
}

TEST_CASE("the store seals contact details as they are saved, once it has the server's key") {
  REQUIRE(sodium_init() >= 0);
  TempDir dir;
  auto server = core::seal::generate();
  std::vector<core::seal::KeyPair> keys{server};
  auto store = core::Store::open(dir / "kiosk.db");
  CHECK(store.seal_key().empty());

  // Before the kiosk has the key: kept as today, readable.
  auto early = named();
  store.add(early);
  CHECK(store.find(early.id)->submission.identity == kRina);

  store.set_seal_key(server.public_key);
  CHECK(store.seal_key() == server.public_key);
  // What was kept plain is sealed with it ...
  auto resealed = store.find(early.id)->submission;
  CHECK(resealed.identity.empty());
  CHECK(core::seal::open_identity(early.id, resealed.sealed_identity, keys).identity == kRina);

  // ... and what comes after is sealed before it is written.
  auto later = named();
  store.add(later);
  auto stored = store.find(later.id)->submission;
  CHECK(stored.identity.empty());
  CHECK(stored.identity_mode == core::IdentityMode::named);
  REQUIRE_FALSE(stored.sealed_identity.empty());
  CHECK(core::seal::open_identity(later.id, stored.sealed_identity, keys).identity == kRina);
  // What is sent carries only the box.
  auto batch = core::wire::encode_batch({stored});
  CHECK(batch.find("Rina") == std::string::npos);
  CHECK(batch.find("identity_sealed") != std::string::npos);
  // An anonymous answer stays without any identity.
  auto anonymous = test::sample_written();
  store.add(anonymous);
  CHECK_FALSE(store.find(anonymous.id)->submission.has_identity());

  // What was kept plain left no copy in the file or its WAL, before a
  // checkpoint and after one.
  for (bool checkpointed : {false, true}) {
    if (checkpointed) store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    for (const char* suffix : {"", "-wal", "-shm"}) {
      auto file = dir / ("kiosk.db" + std::string(suffix));
      CHECK_MESSAGE(!file_holds(file, "Rina Marlina"), file << " checkpointed " << checkpointed);
      CHECK_MESSAGE(!file_holds(file, "0812-5555-1234"), file << " checkpointed " << checkpointed);
    }
  }
  CHECK_THROWS_AS(store.set_seal_key("not a key"), core::StoreError);
}

TEST_CASE("a sealed identity on the wire: decoded as sent, never together with a plain one") {
  REQUIRE(sodium_init() >= 0);
  auto server = core::seal::generate();
  auto s = named();
  s.sealed_identity = core::seal::seal_identity(s.id, s.identity, server.public_key);
  s.identity = {};
  CHECK_FALSE(core::validate(s));
  auto decoded = core::wire::decode_batch(core::wire::encode_batch({s}), "kiosk-1", "pkm-test");
  REQUIRE(decoded.size() == 1);
  REQUIRE(decoded[0].submission);
  CHECK(decoded[0].submission->sealed_identity == s.sealed_identity);
  CHECK(decoded[0].submission->identity.empty());

  auto both = s;
  both.identity = kRina;
  CHECK(core::validate(both)->find("sealed or plain, not both") != std::string::npos);
  auto anonymous = s;
  anonymous.identity_mode = core::IdentityMode::anonim;
  CHECK(core::validate(anonymous));
  auto huge = s;
  huge.sealed_identity = std::string(core::kMaxSealedIdentityChars + 4, 'A');
  CHECK(core::validate(huge)->find("longer than a sealed identity") != std::string::npos);
}

TEST_CASE("the settings and the enrolment answer carry the server's seal key beside them") {
  REQUIRE(sodium_init() >= 0);
  auto key = core::seal::generate().public_key;
  std::string seal_key = "old";
  CHECK(core::wire::decode_settings(R"({"protocol":1,"settings":{}})", &seal_key) == "{}");
  CHECK(seal_key.empty());
  CHECK(core::wire::decode_settings(
            R"({"protocol":1,"settings":{},"seal_key":")" + key + R"("})", &seal_key) == "{}");
  CHECK(seal_key == key);
  CHECK_THROWS_AS(core::wire::decode_settings(R"({"protocol":1,"settings":{},"seal_key":"x"})",
                                              &seal_key),
                  core::wire::WireError);
  // A kiosk that does not ask reads the settings as before.
  CHECK(core::wire::decode_settings(R"({"protocol":1,"settings":{},"seal_key":"x"})") == "{}");

  auto enrolled = core::wire::decode_enrolled(
      core::wire::encode_enrolled({"pkm-test", "kiosk-1", "token", key}));
  CHECK(enrolled.seal_key == key);
  CHECK(core::wire::decode_enrolled(core::wire::encode_enrolled({"pkm-test", "kiosk-1", "t", {}}))
            .seal_key.empty());
  CHECK_THROWS_AS(core::wire::decode_enrolled(
                      R"({"protocol":1,"facility":"f","device":"d","token":"t","seal_key":"x"})"),
                  core::wire::WireError);
}

TEST_CASE("a delivered answer's contact details leave the kiosk: not in the file nor its WAL") {
  REQUIRE(sodium_init() >= 0);
  TempDir dir;
  auto server = core::seal::generate();
  auto store = core::Store::open(dir / "kiosk.db");
  // One kept plain (no key yet) and one sealed: both go once delivered.
  auto plain = named();
  store.add(plain);
  store.set_seal_key(server.public_key);
  auto sealed = named();
  store.add(sealed);
  auto box = store.find(sealed.id)->submission.sealed_identity;
  REQUIRE(box.size() > 40);
  auto waiting = named();
  store.add(waiting);
  auto waiting_box = store.find(waiting.id)->submission.sealed_identity;
  REQUIRE_FALSE(waiting_box.empty());

  const std::vector<std::string> ids{plain.id, sealed.id};
  REQUIRE(store.mark_delivered(ids, core::now().unix_ms) == 2);
  // kotak-sync empties the WAL once a run, after its last batch.
  store.empty_log("the test's delivery");
  for (const auto& id : ids) {
    auto kept = store.find(id);
    REQUIRE(kept);  // the answer itself stays, for the retention rule
    CHECK(kept->state == core::SubmissionState::delivered);
    CHECK(kept->submission.text == "Obat habis tiga kali berturut-turut.");
    CHECK(kept->submission.identity_mode == core::IdentityMode::named);
    CHECK_FALSE(kept->submission.has_identity());
  }
  // The one not yet delivered keeps its box.
  CHECK(store.find(waiting.id)->submission.sealed_identity == waiting_box);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    auto file = dir / ("kiosk.db" + std::string(suffix));
    CHECK_MESSAGE(!file_holds(file, box.substr(0, 40)), file);
    CHECK_MESSAGE(!file_holds(file, "Rina Marlina"), file);
    CHECK_MESSAGE(!file_holds(file, "0812-5555-1234"), file);
  }
  CHECK((file_holds(dir / "kiosk.db", waiting_box.substr(0, 40)) ||
         file_holds(dir / "kiosk.db-wal", waiting_box.substr(0, 40))));
}
