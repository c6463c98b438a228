// The server's seal keys (server/seal_keys.hpp) and what ingest, the
// settings and enrolment do with them (issue 14, item 8).
#include "server/seal_keys.hpp"

#include <doctest/doctest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "core/wire.hpp"
#include "server/api/api.hpp"
#include "server/ingest.hpp"
#include "server/enrolment.hpp"
#include "server/tokens.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;
namespace fs = std::filesystem;

namespace {

const core::Identity kRina{"Rina Marlina", "0812-5555-1234", "Jl. Kenanga 7"};

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

core::Submission sealed_to(const std::string& public_key) {
  auto s = test::sample_written("Obat habis tiga kali.");
  s.identity_mode = core::IdentityMode::named;
  s.sealed_identity = core::seal::seal_identity(s.id, kRina, public_key);
  return s;
}

struct Fixture {
  TempDir dir;
  test::TestStorage store{dir.path()};
  Storage& storage = *store;
  SealKeys keys{dir / "seal-keys"};
  DeviceRef device{"pkm-test", "kiosk-1"};
  std::string token;

  Fixture() {
    REQUIRE(sodium_init() >= 0);
    token = new_device_token();
    storage.add_facility({"pkm-test", "Puskesmas Uji", 1});
    storage.add_device(device, hash_token(token), 1);
  }
  std::vector<core::wire::ItemResult> ingest(const std::vector<core::Submission>& items,
                                             const SealKeys* with = nullptr) {
    return ingest_batch(storage, device, core::wire::encode_batch(items), 500,
                        IngestSource::network, core::now().unix_ms, with ? with : &keys);
  }
  // name, phone of a stored submission's identity ("" when none).
  std::string stored_identity(const std::string& id) {
    // The id is a UUID the test made: safe inside the SQL of either engine.
    auto rows = store.database.rows("SELECT name || '|' || phone FROM identities WHERE submission_id = '" +
                                    id + "'");
    return rows.empty() ? std::string() : rows.front().at(0);
  }
};

}  // namespace

TEST_CASE("seal keys: made once as private files, rotated with the old one kept") {
  Fixture f;
  CHECK_FALSE(f.keys.current());
  CHECK(f.keys.all().empty());
  auto first = f.keys.current_or_create();
  CHECK(mode_of(f.dir / "seal-keys") == 0700);
  CHECK(mode_of(f.dir / "seal-keys" / "current.key") == 0600);
  // Another process (another SealKeys on the same folder) reads the same key.
  CHECK(SealKeys(f.dir / "seal-keys").current_or_create().public_key == first.public_key);

  auto second = f.keys.rotate();
  CHECK(second.public_key != first.public_key);
  CHECK(f.keys.current()->public_key == second.public_key);
  auto all = f.keys.all();
  REQUIRE(all.size() == 2);
  CHECK(all[0].public_key == second.public_key);
  CHECK(all[1].public_key == first.public_key);
  CHECK(mode_of(f.dir / "seal-keys" / (core::seal::key_id(first.public_key) + ".key")) == 0600);

  SUBCASE("a key file others may read is refused") {
    fs::permissions(f.dir / "seal-keys" / "current.key", fs::perms::others_read,
                    fs::perm_options::add);
    CHECK_THROWS_WITH_AS(f.keys.current(), doctest::Contains("must be mode 0600"),
                         std::runtime_error);
  }
  SUBCASE("a damaged key file says so") {
    test::write_file(f.dir / "seal-keys" / "current.key", "curve25519 AAAA\n");
    fs::permissions(f.dir / "seal-keys" / "current.key", fs::perms::owner_read | fs::perms::owner_write);
    CHECK_THROWS_WITH_AS(f.keys.current(), doctest::Contains("is damaged"), std::runtime_error);
  }
}

TEST_CASE("ingest opens a sealed identity and stores it as a plain one would be") {
  Fixture f;
  auto key = f.keys.current_or_create();
  auto sealed = sealed_to(key.public_key);
  auto results = f.ingest({sealed});
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == core::wire::ItemStatus::accepted);
  CHECK(f.stored_identity(sealed.id) == "Rina Marlina|0812-5555-1234");

  // The same answer sealed again (a USB export after a resend) or sent
  // plain by an older kiosk is the same content: a duplicate.
  auto resealed = sealed;
  resealed.sealed_identity = core::seal::seal_identity(sealed.id, kRina, key.public_key);
  auto plain = sealed;
  plain.sealed_identity.clear();
  plain.identity = kRina;
  auto again = f.ingest({resealed, plain});
  REQUIRE(again.size() == 2);
  CHECK(again[0].status == core::wire::ItemStatus::duplicate);
  CHECK(again[1].status == core::wire::ItemStatus::duplicate);

  // After rotation what was sealed to the old key still opens.
  f.keys.rotate();
  auto old_key = sealed_to(key.public_key);
  CHECK(f.ingest({old_key})[0].status == core::wire::ItemStatus::accepted);
  CHECK(f.stored_identity(old_key.id) == "Rina Marlina|0812-5555-1234");
}

TEST_CASE("a sealed identity the server cannot open is refused with the reason, never dropped") {
  Fixture f;
  f.keys.current_or_create();
  auto foreign = sealed_to(core::seal::generate().public_key);
  auto garbage = test::sample_written();
  garbage.identity_mode = core::IdentityMode::rahasia;
  garbage.sealed_identity = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
  auto fine = test::sample_rating(3);
  auto results = f.ingest({foreign, garbage, fine});
  REQUIRE(results.size() == 3);
  CHECK(results[0].status == core::wire::ItemStatus::invalid);
  CHECK(results[0].id == foreign.id);
  CHECK(results[0].reason.find("does not open with any of this server's") != std::string::npos);
  CHECK(results[1].status == core::wire::ItemStatus::invalid);
  CHECK(results[1].reason.find("does not open") != std::string::npos);
  // The rest of the batch goes on; nothing of the refused ones is stored.
  CHECK(results[2].status == core::wire::ItemStatus::accepted);
  CHECK(f.storage.stats("pkm-test").submissions == 1);

  SealKeys none{f.dir / "no-keys"};
  auto no_key = f.ingest({foreign}, &none);
  CHECK(no_key[0].status == core::wire::ItemStatus::invalid);
  CHECK(no_key[0].reason.find("no seal key") != std::string::npos);
}

TEST_CASE("the settings carry the seal key beside them, and enrolment when asked") {
  Fixture f;
  Api without{f.storage, {}};
  Api api{f.storage, {}, &f.keys};
  ApiRequest request;
  request.authorization = "Bearer " + f.token;
  auto before = without.get_settings(request);
  CHECK(nlohmann::json::parse(before.body).count("seal_key") == 0);
  // No key yet: none sent.
  auto none = api.get_settings(request);
  CHECK(nlohmann::json::parse(none.body).count("seal_key") == 0);

  auto key = f.keys.current_or_create();
  auto with = api.get_settings(request);
  std::string seal_key;
  CHECK(core::wire::decode_settings(with.body, &seal_key) == "{}");
  CHECK(seal_key == key.public_key);
  auto etag = [](const ApiResponse& r) {
    for (const auto& [name, value] : r.headers)
      if (name == "ETag") return value;
    return std::string();
  };
  // A rotated key is news even when the settings are not.
  request.if_none_match = etag(with);
  CHECK(api.get_settings(request).status == 304);
  f.keys.rotate();
  auto rotated = api.get_settings(request);
  CHECK(rotated.status == 200);
  CHECK(core::wire::decode_settings(rotated.body, &seal_key) == "{}");
  CHECK(seal_key == f.keys.current()->public_key);

  // Enrolment: the key only for a kiosk that asks (X-Kotak-Seal-Key: 1);
  // older kiosks read the answer strictly and would refuse the member.
  auto enrol = [&](bool asks) {
    auto now = core::now().unix_ms;
    auto code = new_enrolment_code();
    auto normalised = normalise_enrolment_code(code);
    REQUIRE(normalised);
    f.storage.add_enrolment_code(
        {hash_enrolment_code(*normalised), "pkm-test", "", "test", now, now + 3600'000});
    ApiRequest enrolment;
    enrolment.body = core::wire::encode_enrolment({code, asks ? "kiosk-new" : "kiosk-old"});
    enrolment.remote = "192.0.2.7";
    enrolment.wants_seal_key = asks;
    auto answer = api.post_enrol(enrolment);
    REQUIRE(answer.status == 200);
    return core::wire::decode_enrolled(answer.body);
  };
  CHECK(enrol(true).seal_key == f.keys.current()->public_key);
  CHECK(enrol(false).seal_key.empty());
}
