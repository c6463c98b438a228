#include "server/api/api.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/wire.hpp"
#include "tests/support/test_database.hpp"
#include "server/tokens.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

namespace {

struct Fixture {
  TempDir dir;
  test::TestStorage store{dir.path()};
  Storage& storage = *store;
  Api api{storage, {.max_batch_items = 3}};
  std::string token;

  Fixture() {
    REQUIRE(sodium_init() >= 0);
    token = new_device_token();
    storage.add_facility({"pkm-test", "Puskesmas Uji", 1});
    storage.add_device({"pkm-test", "kiosk-1"}, hash_token(token), 1);
  }
  ApiRequest with_token(std::string body = "") const {
    ApiRequest request;
    request.authorization = "Bearer " + token;
    request.body = std::move(body);
    return request;
  }
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
