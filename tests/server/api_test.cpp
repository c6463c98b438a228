#include "server/api/api.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/signing.hpp"
#include "core/wire.hpp"
#include "tests/support/test_database.hpp"
#include "server/tokens.hpp"
#include "tests/server/api_fixture.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

namespace {

struct Fixture : test::ApiFixture {
  Fixture() : ApiFixture(3) {}
};

std::string header(const ApiResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return "";
}

}  // namespace

TEST_CASE("POST submissions: per-item results with the facility and device of the token") {
  Fixture f;
  auto mine = test::sample_rating(3);
  mine.facility_id = "pkm-somewhere-else";  // never sent, never believed
  auto response = f.api.post_submissions(f.with_token(core::wire::encode_batch({mine})));
  CHECK(response.status == 200);
  auto results = core::wire::decode_results(response.body);
  REQUIRE(results.size() == 1);
  CHECK(results[0].status == core::wire::ItemStatus::accepted);
  CHECK(f.storage.stats("pkm-test").submissions == 1);

  auto again = core::wire::decode_results(
      f.api.post_submissions(f.with_token(core::wire::encode_batch({mine}))).body);
  CHECK(again[0].status == core::wire::ItemStatus::duplicate);
}

TEST_CASE("POST submissions: refusals say why, with the right status") {
  Fixture f;
  ApiRequest anonymous;
  anonymous.body = core::wire::encode_batch({});
  auto refused = f.api.post_submissions(anonymous);
  CHECK(refused.status == 401);
  CHECK(header(refused, "WWW-Authenticate").rfind("Bearer", 0) == 0);
  CHECK(!core::wire::decode_error(refused.body).empty());

  auto other = f.with_token(core::wire::encode_batch({}));
  other.authorization = "Bearer " + new_device_token();
  CHECK(f.api.post_submissions(other).status == 401);

  CHECK(f.api.post_submissions(f.with_token("{")).status == 400);
  auto four = core::wire::encode_batch({test::sample_rating(1), test::sample_rating(2),
                                        test::sample_rating(3), test::sample_rating(4)});
  auto too_many = f.api.post_submissions(f.with_token(four));
  CHECK(too_many.status == 413);
  CHECK(core::wire::decode_error(too_many.body).find("at most 3") != std::string::npos);
  CHECK(f.storage.stats("").submissions == 0);
}

TEST_CASE("GET board answers unchanged for the current cursor") {
  Fixture f;
  auto first = core::wire::decode_board(f.api.get_board(f.with_token()).body);
  CHECK(first.cursor == "r0");
  CHECK(!first.unchanged);
  auto request = f.with_token();
  request.since = first.cursor;
  CHECK(core::wire::decode_board(f.api.get_board(request).body).unchanged);
  request.since = std::string(200, 'x');
  CHECK(f.api.get_board(request).status == 400);
}

TEST_CASE("GET settings: an ETag, and 304 when the kiosk has them already") {
  Fixture f;
  auto empty = f.api.get_settings(f.with_token());
  CHECK(empty.status == 200);
  CHECK(core::wire::decode_settings(empty.body) == "{}");
  std::string json = R"({"skm_url":"https://skm.example.go.id"})";
  f.storage.set_settings("pkm-test", {json, settings_etag(json), 1});
  auto full = f.api.get_settings(f.with_token());
  CHECK(core::wire::decode_settings(full.body) == json);
  auto etag = header(full, "ETag");
  CHECK(etag == settings_etag(json));
  auto request = f.with_token();
  request.if_none_match = etag;
  auto same = f.api.get_settings(request);
  CHECK(same.status == 304);
  CHECK(same.body.empty());
  request.if_none_match = "\"other\"";
  CHECK(f.api.get_settings(request).status == 200);
}

TEST_CASE("ETags match as HTTP says: lists, weak tags and *") {
  CHECK(etag_matches("\"a\"", "\"a\""));
  CHECK(etag_matches("\"b\", W/\"a\"", "\"a\""));
  CHECK(etag_matches("*", "\"a\""));
  CHECK(!etag_matches("", "\"a\""));
  CHECK(!etag_matches("\"ab\"", "\"a\""));
  CHECK(!etag_matches(",,,", "\"a\""));
  CHECK(settings_etag("{}") == settings_etag("{}"));
  CHECK(settings_etag("{}") != settings_etag("{ }"));
}

TEST_CASE("GET health needs no token") {
  Fixture f;
  auto health = f.api.get_health();
  CHECK(health.status == 200);
  CHECK(nlohmann::json::parse(health.body)["status"] == "ok");
}

TEST_CASE("POST device/key: a device registers its bundle key once, another key is refused") {
  Fixture f;
  auto key = core::signing::load_or_create(f.dir / "device.key");
  auto first = f.api.post_device_key(f.with_token(core::wire::encode_key_registration(key.public_key)));
  CHECK(first.status == 200);
  CHECK(first.body.find("registered") != std::string::npos);
  CHECK(f.storage.device({"pkm-test", "kiosk-1"})->public_key == key.public_key);
  auto again = f.api.post_device_key(f.with_token(core::wire::encode_key_registration(key.public_key)));
  CHECK(again.status == 200);
  CHECK(again.body.find("unchanged") != std::string::npos);
  // A stolen token must not replace the key that vouches for bundles.
  auto other = core::signing::load_or_create(f.dir / "other.key");
  auto replaced = f.api.post_device_key(f.with_token(core::wire::encode_key_registration(other.public_key)));
  CHECK(replaced.status == 409);
  CHECK(f.storage.device({"pkm-test", "kiosk-1"})->public_key == key.public_key);
  CHECK(f.api.post_device_key(f.with_token(R"({"protocol":1,"public_key":"abc"})")).status == 400);
  ApiRequest anonymous;
  anonymous.body = core::wire::encode_key_registration(key.public_key);
  CHECK(f.api.post_device_key(anonymous).status == 401);
}

TEST_CASE("an answer dated far ahead of the server's clock is stored, flagged and counted on arrival") {
  Fixture f;
  auto now = core::now().unix_ms;
  auto ahead = test::sample_written("Jam kios salah");
  ahead.created_at.unix_ms = now + 3 * 24 * 3600 * 1000LL;  // three days ahead
  auto slightly = test::sample_written("Jam kios sedikit cepat");
  slightly.created_at.unix_ms = now + 3600 * 1000LL;  // an hour ahead: a normal drift
  auto response = f.api.post_submissions(f.with_token(core::wire::encode_batch({ahead, slightly})));
  REQUIRE(response.status == 200);
  auto results = core::wire::decode_results(response.body);
  REQUIRE(results.size() == 2);
  CHECK(results[0].status == core::wire::ItemStatus::accepted);
  CHECK(results[1].status == core::wire::ItemStatus::accepted);
  CaseQuery query;
  query.facility_id = "pkm-test";
  query.sort = CaseQuery::Sort::oldest;
  auto cases = f.storage.cases(query).cases;
  REQUIRE(cases.size() == 2);
  const reg::Case* flagged = nullptr;
  const reg::Case* normal = nullptr;
  for (const auto& c : cases) (c.content == ahead.text ? flagged : normal) = &c;
  REQUIRE(flagged);
  REQUIRE(normal);
  REQUIRE(flagged->claimed_ms);
  CHECK(*flagged->claimed_ms == ahead.created_at.unix_ms);
  CHECK(flagged->received_ms <= core::now().unix_ms);  // counted by its arrival
  CHECK(flagged->received_ms >= now);
  CHECK_FALSE(normal->claimed_ms);
  CHECK(normal->received_ms == slightly.created_at.unix_ms);
  // Sent again, it is the same submission: a duplicate, not a conflict.
  auto again = core::wire::decode_results(
      f.api.post_submissions(f.with_token(core::wire::encode_batch({ahead}))).body);
  REQUIRE(again.size() == 1);
  CHECK(again[0].status == core::wire::ItemStatus::duplicate);
}
