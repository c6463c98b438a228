// Enrolment by code (issue 17): the code's alphabet, the storage's rules at
// the expiry edge with a clock the test sets, and POST /api/v1/enrol with its
// limits.
#include <doctest/doctest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/signing.hpp"
#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "server/api/api.hpp"
#include "server/enrolment.hpp"
#include "server/tokens.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_database.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

namespace {

constexpr std::int64_t kHour = 3600 * 1000;

struct Fixture {
  TempDir dir;
  test::TestStorage store{dir.path()};
  Storage& storage = *store;
  Api api{storage, {}};
  std::int64_t now = core::now().unix_ms;

  Fixture() {
    REQUIRE(sodium_init() >= 0);
    storage.add_facility({"pkm-a", "Puskesmas A", 1});
    storage.add_facility({"pkm-b", "Puskesmas B", 1});
  }
  // A code stored as `kotak-server device code` stores it; returns it as shown.
  std::string make_code(const std::string& facility, const std::string& device = "",
                        std::int64_t expires_ms = 0) {
    auto code = new_enrolment_code();
    auto normalised = normalise_enrolment_code(code);
    REQUIRE(normalised);
    storage.add_enrolment_code({hash_enrolment_code(*normalised), facility, device, "test", now,
                                expires_ms ? expires_ms : now + 24 * kHour});
    return code;
  }
  Enrolment redeem(const std::string& code, const std::string& name, std::int64_t at_ms,
                   std::string token_hash = "") {
    if (token_hash.empty()) token_hash = hash_token(new_device_token());
    auto normalised = normalise_enrolment_code(code);
    REQUIRE(normalised);
    return storage.redeem_enrolment_code(hash_enrolment_code(*normalised), name, token_hash,
                                         at_ms);
  }
  ApiResponse enrol(const std::string& code, const std::string& name,
                    const std::string& remote = "192.0.2.7") {
    ApiRequest request;
    request.body = core::wire::encode_enrolment({code, name});
    request.remote = remote;
    return api.post_enrol(request);
  }
};

std::string header(const ApiResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return "";
}

}  // namespace

TEST_CASE("an enrolment code is 8 symbols of Crockford's base32, forgiving as it intends") {
  REQUIRE(sodium_init() >= 0);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto code = new_enrolment_code();
    REQUIRE(code.size() == 9);
    CHECK(code[4] == '-');
    CHECK(code.find_first_of("ILOU") == std::string::npos);
    CHECK(normalise_enrolment_code(code) == code.substr(0, 4) + code.substr(5));
    seen.insert(code);
  }
  CHECK(seen.size() == 200);  // 40 random bits: no repeats in 200
  CHECK(normalise_enrolment_code("k7qm-4xpd") == "K7QM4XPD");
  CHECK(normalise_enrolment_code(" K7QM 4XPD ") == "K7QM4XPD");
  CHECK(normalise_enrolment_code("KOQM-IXPL") == "K0QM1XP1");  // O is 0, I and L are 1
  CHECK_FALSE(normalise_enrolment_code("K7QM-4XP"));    // 7 symbols
  CHECK_FALSE(normalise_enrolment_code("K7QM-4XPDD"));  // 9 symbols
  CHECK_FALSE(normalise_enrolment_code("K7QM-4XPU"));   // U is not in the alphabet
  CHECK_FALSE(normalise_enrolment_code("K7QM_4XPD"));
  CHECK_FALSE(normalise_enrolment_code(std::string(100, '-') + "K7QM4XPD"));
  CHECK(hash_enrolment_code("K7QM4XPD") != hash_token("K7QM4XPD"));
}

TEST_CASE("a code enrols once, until it expires, under its own name or the kiosk's") {
  Fixture f;
  auto code = f.make_code("pkm-a", "", f.now + 24 * kHour);
  SUBCASE("the last moment before expiry works; the expiry itself does not") {
    auto late = f.make_code("pkm-a", "", f.now + kHour);
    auto expired = f.redeem(late, "kiosk-late", f.now + kHour);
    CHECK(expired.outcome == EnrolmentOutcome::expired);
    REQUIRE(expired.at_ms);
    CHECK(*expired.at_ms == f.now + kHour);
    CHECK_FALSE(f.storage.device({"pkm-a", "kiosk-late"}));
    auto in_time = f.redeem(late, "kiosk-late", f.now + kHour - 1);
    CHECK(in_time.outcome == EnrolmentOutcome::enrolled);
  }
  SUBCASE("enrolled under the kiosk's name, with the token given; used once only") {
    auto done = f.redeem(code, "kiosk-lobby", f.now, hash_token("ktk1_the-token"));
    REQUIRE(done.outcome == EnrolmentOutcome::enrolled);
    CHECK(done.device == DeviceRef{"pkm-a", "kiosk-lobby"});
    auto device = f.storage.authenticate(hash_token("ktk1_the-token"), f.now);
    REQUIRE(device);
    CHECK(*device == DeviceRef{"pkm-a", "kiosk-lobby"});
    auto again = f.redeem(code, "kiosk-other", f.now + 1);
    CHECK(again.outcome == EnrolmentOutcome::used);
    REQUIRE(again.at_ms);
    CHECK(*again.at_ms == f.now);
    CHECK_FALSE(f.storage.device({"pkm-a", "kiosk-other"}));
  }
  SUBCASE("a name taken in the facility is refused and the code stays usable") {
    f.storage.add_device({"pkm-a", "kiosk-lobby"}, "old", f.now);
    auto taken = f.redeem(code, "kiosk-lobby", f.now);
    CHECK(taken.outcome == EnrolmentOutcome::name_taken);
    CHECK(f.storage.authenticate("old", f.now));
    CHECK(f.redeem(code, "kiosk-lobby-2", f.now).outcome == EnrolmentOutcome::enrolled);
    // The same name in another facility is another device.
    auto other = f.make_code("pkm-b");
    CHECK(f.redeem(other, "kiosk-lobby", f.now).outcome == EnrolmentOutcome::enrolled);
  }
  SUBCASE("a code without a name needs the kiosk's") {
    CHECK(f.redeem(code, "", f.now).outcome == EnrolmentOutcome::no_name);
    CHECK(f.redeem(code, "kiosk-1", f.now).outcome == EnrolmentOutcome::enrolled);
  }
  SUBCASE("a code made for a device replaces its token and forgets its bundle key") {
    f.storage.add_device({"pkm-a", "kiosk-lobby"}, "old", f.now);
    f.storage.set_device_key({"pkm-a", "kiosk-lobby"},
                             core::signing::load_or_create(f.dir / "k").public_key, f.now);
    f.storage.revoke_device({"pkm-a", "kiosk-lobby"}, f.now);
    auto replacing = f.make_code("pkm-a", "kiosk-lobby");
    auto done = f.redeem(replacing, "whatever-it-says", f.now, "new");
    CHECK(done.outcome == EnrolmentOutcome::reenrolled);
    CHECK(done.device == DeviceRef{"pkm-a", "kiosk-lobby"});
    CHECK_FALSE(f.storage.authenticate("old", f.now));
    CHECK(f.storage.authenticate("new", f.now));
    auto device = f.storage.device({"pkm-a", "kiosk-lobby"});
    REQUIRE(device);
    CHECK(device->public_key.empty());
    CHECK_FALSE(device->revoked_ms);
  }
  SUBCASE("an unknown code changes nothing") {
    auto unknown = f.redeem("ZZZZ-ZZZZ", "kiosk-1", f.now);
    CHECK(unknown.outcome == EnrolmentOutcome::unknown);
    CHECK(f.storage.devices("pkm-a").empty());
  }
}

TEST_CASE("POST enrol gives the token for a good code, clear refusals, and limits wrong codes") {
  Fixture f;
  auto code = f.make_code("pkm-a");
  auto response = f.enrol(code, "kiosk-lobby");
  REQUIRE(response.status == 200);
  CHECK(header(response, "Cache-Control") == "no-store");
  auto enrolled = core::wire::decode_enrolled(response.body);
  CHECK(enrolled.facility_id == "pkm-a");
  CHECK(enrolled.device_id == "kiosk-lobby");
  CHECK(looks_like_token(enrolled.token));
  CHECK(f.storage.authenticate(hash_token(enrolled.token), f.now));

  auto reused = f.enrol(code, "kiosk-2");
  CHECK(reused.status == 403);
  CHECK(core::wire::decode_error(reused.body).find("used already") != std::string::npos);
  auto taken_code = f.make_code("pkm-a");
  auto taken = f.enrol(taken_code, "kiosk-lobby");
  CHECK(taken.status == 409);
  CHECK(core::wire::decode_error(taken.body).find("--name kiosk-lobby") != std::string::npos);
  auto malformed = f.enrol("hello", "kiosk-2");
  CHECK(malformed.status == 400);
  CHECK(core::wire::decode_error(malformed.body).find("8 letters and digits") !=
        std::string::npos);
  ApiRequest bad_name;
  bad_name.body = R"({"protocol":1,"code":")" + taken_code + R"(","name":"../etc"})";
  CHECK(f.api.post_enrol(bad_name).status == 400);

  // Wrong codes from one address: the used one, "hello" and then these,
  // up to the limit; then even a right code waits, from that address only.
  int wrong = 2;
  while (wrong < Api::kEnrolAttempts) {
    CHECK(f.enrol("ZZZZ-ZZZZ", "kiosk-2").status == 403);
    ++wrong;
  }
  auto limited = f.enrol(taken_code, "kiosk-2");
  CHECK(limited.status == 429);
  CHECK_FALSE(header(limited, "Retry-After").empty());
  CHECK_FALSE(f.storage.device({"pkm-a", "kiosk-2"}));
  CHECK(f.enrol(taken_code, "kiosk-2", "198.51.100.1").status == 200);
}
