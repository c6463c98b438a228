#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "core/wire.hpp"
#include "tests/support/samples.hpp"

using namespace kotak::core;
using namespace kotak::core::wire;
using nlohmann::json;

namespace {

// A batch holding one item: the sample written submission with `change` applied to its JSON.
std::string batch_with(const std::function<void(json&)>& change) {
  auto item = json::parse(encode_submission(kotak::test::sample_written()));
  change(item);
  return json{{"protocol", 1}, {"submissions", json::array({item})}}.dump();
}

std::string item_error(const std::function<void(json&)>& change) {
  auto decoded = decode_batch(batch_with(change), "kiosk-1", "pkm-test");
  REQUIRE(decoded.size() == 1u);
  CHECK_FALSE(decoded[0].submission);
  return decoded[0].error;
}

std::string whole_error(std::string_view body) {
  try {
    decode_batch(body, "kiosk-1", "pkm-test");
  } catch (const WireError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a batch of every kind round-trips exactly") {
  auto written =
      kotak::test::sample_written("Baris satu\nBaris \"dua\" <script>alert(1)</script> 😀");
  written.identity_mode = IdentityMode::named;
  written.identity = {"Ibu Sari", "+62 812-3456", "Jl. Melati 3, RT 02"};
  written.urgent = true;
  written.flags = {"idle_timeout"};
  auto rating = kotak::test::sample_rating(1);
  rating.flags = {"burst"};
  auto skm = kotak::test::sample_skm();
  std::vector<Submission> batch{written, rating, skm};
  auto decoded = decode_batch(encode_batch(batch), "kiosk-1", "pkm-test");
  REQUIRE(decoded.size() == 3u);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    CAPTURE(i);
    REQUIRE_MESSAGE(decoded[i].submission, decoded[i].error);
    CHECK(*decoded[i].submission == batch[i]);
    CHECK(decoded[i].id == batch[i].id);
  }
}

TEST_CASE("facility and device come from the caller, never from the body") {
  auto s = kotak::test::sample_rating();
  auto body = encode_batch({s});
  CHECK(body.find("pkm-test") == std::string::npos);
  CHECK(body.find("kiosk-1") == std::string::npos);
  auto decoded = decode_batch(body, "other-device", "other-facility");
  REQUIRE(decoded[0].submission);
  CHECK(decoded[0].submission->facility_id == "other-facility");
  CHECK(decoded[0].submission->device_id == "other-device");
  CHECK(item_error([](json& j) { j["facility_id"] = "evil"; }) ==
        "unknown member submissions[0].facility_id");
}

TEST_CASE("strict decoding gives each bad item a reason and keeps the others") {
  CHECK(item_error([](json& j) { j["rating"] = "2"; }) ==
        "submissions[0].rating must be a whole number, not string");
  CHECK(
      item_error([](json& j) { j["rating"] = 2.5; }) ==
      "submissions[0].rating must be a whole number, not a number with a fraction or out of range");
  CHECK(item_error([](json& j) { j["rating"] = 7; }) ==
        "submissions[0].rating must be from 1 to 4");
  CHECK(item_error([](json& j) { j.erase("kind"); }) == "submissions[0].kind is missing");
  CHECK(item_error([](json& j) { j["kind"] = "selfie"; }) ==
        "submissions[0].kind must be one of rating, written, skm, not 'selfie'");
  CHECK(item_error([](json& j) { j["urgent"] = 1; }) ==
        "submissions[0].urgent must be true or false, not a whole number");
  CHECK(item_error([](json& j) { j["text"] = std::string(5001, 'x'); }) ==
        "submissions[0].text has 5001 characters; at most 5000 are allowed");
  CHECK(item_error([](json& j) {
          j["created_at"] = "yesterday";
        }).find("created_at must look like") != std::string::npos);
  CHECK(item_error([](json& j) {
          j["identity"] = json{{"name", "A"}, {"nik", "3301"}};
        }) == "unknown member submissions[0].identity.nik");
  CHECK(item_error([](json& j) { j["flags"] = json::array({1}); }) ==
        "submissions[0].flags must hold only strings");
  CHECK(item_error([](json& j) { j["id"] = "123"; }) == "id must be a lower-case UUID");

  auto good = kotak::test::sample_rating();
  json batch{
      {"protocol", 1},
      {"submissions", json::array({json::parse(encode_submission(good)), 42, json{{"id", "x"}}})}};
  auto decoded = decode_batch(batch.dump(), "kiosk-1", "pkm-test");
  REQUIRE(decoded.size() == 3u);
  CHECK(decoded[0].submission);
  CHECK(decoded[1].error == "submissions[1] must be an object, not a whole number");
  CHECK(decoded[2].id == "x");
  CHECK_FALSE(decoded[2].error.empty());
}

TEST_CASE("huge numbers are errors, not overflow") {
  CHECK(item_error([](json& j) { j["rating"] = json::parse("18446744073709551615"); }) ==
        "submissions[0].rating must be from 1 to 4");
  CHECK(item_error([](json& j) { j["rating"] = json::parse("-9223372036854775808"); }) ==
        "submissions[0].rating must be from 1 to 4");
  auto body = batch_with([](json&) {});
  auto at = body.find("\"rating\":1");
  REQUIRE(at != std::string::npos);
  body.replace(at, 10, "\"rating\":1e400");
  // nlohmann refuses a float that overflows a double: the whole message is refused.
  CHECK(whole_error(body) ==
        "the message is not valid JSON: [json.exception.out_of_range.406] number overflow parsing "
        "'1e400'");
}

TEST_CASE("whole-message errors: not JSON, wrong shape, invalid UTF-8, deep nesting, too big") {
  CHECK(whole_error("<html><body>Login to WiFi</body></html>")
            .rfind("the message is not valid JSON", 0) == 0);
  CHECK(whole_error("[]") == "the message must be a JSON object");
  CHECK(whole_error(R"({"submissions": []})") == "the message is not Kotak protocol 1");
  CHECK(whole_error(R"({"protocol": 1})") == "the message has no 'submissions'");
  CHECK(whole_error(R"({"protocol": 1, "submissions": {}})") == "'submissions' must be a list");
  CHECK(whole_error(R"({"protocol": 1, "submissions": [], "extra": 1})") ==
        "unknown member 'extra'");
  CHECK(whole_error("{\"protocol\": 1, \"submissions\": [{\"text\": \"\xC3\x28\"}]}")
            .rfind("the message is not valid JSON", 0) == 0);
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(whole_error(R"({"protocol": 1, "submissions": )" + deep + "}") ==
        "JSON is nested deeper than 16 levels");
  std::string big(kMaxBatchBytes + 1, ' ');
  CHECK(whole_error(big).find("at most") != std::string::npos);
  json many{{"protocol", 1}, {"submissions", json::array()}};
  for (int i = 0; i < 501; ++i) many["submissions"].push_back(json::object());
  CHECK(whole_error(many.dump()) == "the batch has more than 500 submissions; at most 500 are allowed");
}

TEST_CASE("a batch is counted before it is parsed: refused at the first item past the limit") {
  // Issue 12: 2.8 million empty lists in 8 MB once became a 200 MB tree.
  std::string lists = R"({"protocol":1,"submissions":[)";
  while (lists.size() < kMaxBatchBytes - 10) lists += "[],";
  lists.back() = ']';
  lists += "}";
  CHECK(whole_error(lists) == "the batch has more than 500 submissions; at most 500 are allowed");
  // Few items, but a huge number of values inside one of them.
  std::string inner = R"({"protocol":1,"submissions":[{"flags":[)";
  for (int i = 0; i < 60000; ++i) inner += "1,";
  inner.back() = ']';
  inner += "}]}";
  CHECK(whole_error(inner).find("more JSON values than 500 submissions can") != std::string::npos);
  // A refusal never echoes a long client string whole.
  std::string key(100000, 'k');
  auto unknown = whole_error(R"({"protocol":1,"submissions":[],")" + key + R"(":1})");
  CHECK(unknown.size() < 80);
  CHECK(unknown.rfind("unknown member 'kkkk", 0) == 0);
  auto items = decode_batch(R"({"protocol":1,"submissions":[{")" + key + R"(":1}]})", "d", "f");
  REQUIRE(items.size() == 1);
  CHECK(items[0].error.size() < 120);
}

TEST_CASE("results round-trip and a malformed results body is an error") {
  std::vector<ItemResult> results{{"a", ItemStatus::accepted, ""},
                                  {"b", ItemStatus::duplicate, ""},
                                  {"c", ItemStatus::conflict, "same id, different content"},
                                  {"d", ItemStatus::invalid, "rating must be 1 to 4"}};
  CHECK(decode_results(encode_results(results)) == results);
  CHECK_THROWS_AS(
      decode_results(R"({"protocol":1,"results":[{"id":"a","status":"maybe","reason":""}]})"),
      WireError);
  CHECK_THROWS_AS(decode_results("<html>captive portal</html>"), WireError);
  CHECK_THROWS_AS(decode_results(R"({"protocol":2,"results":[]})"), WireError);
}

TEST_CASE("a reason that quotes a long client string stays readable by kotak-sync") {
  // Found by fuzz/wire_fuzz.cpp (fuzz/corpus/wire/long-*): the reason echoed
  // the whole flag or member name, and kotak-sync refused the server's whole
  // answer (reasons of at most 2000 characters).
  std::string flag(5000, 'f');
  auto reason = item_error([&](json& j) { j["flags"] = json::array({flag}); });
  CHECK(reason.size() > 5000u);
  auto read = decode_results(encode_results({{"a", ItemStatus::invalid, reason}}));
  REQUIRE(read.size() == 1u);
  CHECK(read[0].reason.size() <= kMaxReasonBytes);
  CHECK(read[0].reason.rfind("unknown flag 'fff", 0) == 0);
  CHECK(read[0].reason.substr(read[0].reason.size() - 3) == "\u2026");

  std::string member = "unknown member '" + std::string(2'000'000, 'm') + "'";
  auto body = encode_error(member);
  CHECK(body.size() < 2 * kMaxReasonBytes);
  CHECK(decode_error(body).rfind("unknown member 'mmm", 0) == 0);
}

TEST_CASE("the canonical form and hash tell a duplicate from a conflict") {
  auto a = kotak::test::sample_written();
  auto b = a;
  CHECK(content_hash(a) == content_hash(b));
  CHECK(content_hash(a).size() == 64u);
  b.text += ".";
  CHECK(content_hash(a) != content_hash(b));
  b = a;
  b.facility_id = "elsewhere";  // not content: it comes from the token
  CHECK(content_hash(a) == content_hash(b));
}

TEST_CASE("the board round-trips, and 'unchanged' carries no items") {
  Board board;
  board.cursor = "rev-3";
  board.items = {{"c1", "poli-umum", "keluhan", "Antrean lama <b>", "Loket kedua dibuka.", 1795412820000}};
  auto decoded = decode_board(encode_board(board));
  CHECK(decoded.cursor == "rev-3");
  CHECK_FALSE(decoded.unchanged);
  CHECK(decoded.items == board.items);
  Board unchanged;
  unchanged.cursor = "rev-3";
  unchanged.unchanged = true;
  auto same = decode_board(encode_board(unchanged));
  CHECK(same.unchanged);
  CHECK(same.items.empty());
  CHECK_THROWS_AS(decode_board(R"({"protocol":1,"cursor":"x","items":[{"id":"a"}]})"), WireError);
  CHECK_THROWS_AS(decode_board("<!doctype html><title>Hotspot</title>"), WireError);
}

TEST_CASE("settings and error bodies") {
  CHECK(decode_settings(R"({"protocol":1,"settings":{"skm_url":"https://x"}})") ==
        R"({"skm_url":"https://x"})");
  CHECK_THROWS_AS(decode_settings(R"({"protocol":1,"settings":[]})"), WireError);
  CHECK(decode_error(encode_error("token revoked")) == "token revoked");
  CHECK(decode_error("<html>") == "");
  // A reason that quotes bytes a client sent is still a valid answer.
  CHECK(decode_error(encode_error("bad byte \xff here")) == "bad byte \xef\xbf\xbd here");
}

TEST_CASE("a correction carries replaces and revision - every other item's hash is unchanged") {
  auto tap = kotak::test::sample_rating(4);
  auto fix = kotak::test::sample_rating(2);
  fix.unit = "kia";
  fix.replaces = tap.id;
  fix.revision = 3;
  auto decoded = decode_batch(encode_batch({tap, fix}), "kiosk-1", "pkm-test");
  REQUIRE(decoded.size() == 2u);
  REQUIRE_MESSAGE(decoded[1].submission, decoded[1].error);
  CHECK(*decoded[1].submission == fix);
  CHECK(decoded[1].submission->replaces == tap.id);
  CHECK(decoded[1].submission->revision == 3);
  // Submissions that are not corrections encode as before: no new members.
  CHECK(encode_submission(tap).find("replaces") == std::string::npos);
  CHECK(encode_submission(tap).find("revision") == std::string::npos);

  auto one_without_the_other = [&](const char* member) {
    auto item = json::parse(encode_submission(fix));
    item.erase(member);
    auto body = json{{"protocol", 1}, {"submissions", json::array({item})}}.dump();
    auto out = decode_batch(body, "kiosk-1", "pkm-test");
    REQUIRE(out.size() == 1u);
    CHECK_FALSE(out[0].submission);
    return out[0].error;
  };
  CHECK(one_without_the_other("revision").find("go together") != std::string::npos);
  CHECK(one_without_the_other("replaces").find("go together") != std::string::npos);
  CHECK(item_error([](json& item) {
          item["replaces"] = "00000000-0000-4000-8000-000000000001";
          item["revision"] = 1;
        }).find("only a face") != std::string::npos);
}

TEST_CASE("the device clock travels with an item, outside its content") {
  auto s = kotak::test::sample_written("jam kios");
  s.clock = {false, "5e3f1c9a-2b7d-4e8f-a1c2-3d4e5f6a7b8c"};
  auto decoded = decode_batch(encode_batch({s}), s.device_id, s.facility_id);
  REQUIRE(decoded.size() == 1u);
  REQUIRE(decoded[0].submission);
  CHECK(decoded[0].submission->clock == s.clock);
  CHECK(*decoded[0].submission == s);
  // The clock is not content: a duplicate stays a duplicate, and the hash of
  // an item without it is the one every older kiosk and server computed.
  auto without = s;
  without.clock = {};
  CHECK(content_hash(s) == content_hash(without));
  CHECK(canonical(s).find("clock") == std::string::npos);
  CHECK(encode_submission(without).find("clock") == std::string::npos);
}

TEST_CASE("an item without a clock is unknown, a malformed clock makes only it invalid") {
  auto decoded = decode_batch(batch_with([](json&) {}), "kiosk-1", "pkm-test");
  REQUIRE(decoded.size() == 1u);
  REQUIRE(decoded[0].submission);
  CHECK_FALSE(decoded[0].submission->clock.synchronised.has_value());
  CHECK(decoded[0].submission->clock.boot_id.empty());
  CHECK(item_error([](json& item) { item["clock"] = {{"synchronised", "yes"}}; })
            .find("clock.synchronised") != std::string::npos);
  CHECK(item_error([](json& item) { item["clock"] = {{"boot", "../x"}}; }).find("clock.boot") !=
        std::string::npos);
  CHECK(item_error([](json& item) { item["clock"] = {{"offset", 3}}; }).find("unknown member") !=
        std::string::npos);
  CHECK(item_error([](json& item) { item["clock"] = 1; }).find("clock") != std::string::npos);
}

TEST_CASE("the server's time and a clock report round-trip, bad ones are refused") {
  CHECK(decode_server_time(encode_server_time(1'800'000'000'123)) == 1'800'000'000'123);
  CHECK_THROWS_AS(decode_server_time(R"({"protocol":1})"), WireError);
  CHECK_THROWS_AS(decode_server_time(R"({"protocol":1,"time_ms":"now"})"), WireError);

  ClockReport report{"5e3f1c9a-2b7d-4e8f-a1c2-3d4e5f6a7b8c", false, -31'536'000'000, 120};
  CHECK(decode_clock_report(encode_clock_report(report)) == report);
  report.synchronised.reset();
  CHECK(decode_clock_report(encode_clock_report(report)) == report);
  CHECK_THROWS_AS(decode_clock_report(R"({"protocol":1,"offset_ms":1,"round_trip_ms":1})"),
                  WireError);
  CHECK_THROWS_AS(decode_clock_report(
                      R"({"protocol":1,"boot":"ab","offset_ms":1,"round_trip_ms":-1})"),
                  WireError);
  CHECK_THROWS_AS(
      decode_clock_report(
          R"({"protocol":1,"boot":"ab","offset_ms":99999999999999999,"round_trip_ms":1})"),
      WireError);
  CHECK_THROWS_AS(
      decode_clock_report(R"({"protocol":1,"boot":"ab","offset_ms":1,"round_trip_ms":1,"x":1})"),
      WireError);
}

TEST_CASE("a recording travels as base64, and the content hash covers every byte of it") {
  auto s = kotak::test::sample_written("");
  s.audio = std::string("OggS\0\x01\xff", 7) + std::string(1000, '\x7f');
  s.audio_ms = 4083;
  const auto item = wire::encode_submission(s);
  CHECK(item.find("\"audio\":{\"ms\":4083,\"ogg\":\"") != std::string::npos);
  // The canonical text names the bytes by their digest, not the bytes.
  CHECK(wire::canonical(s).find("\"sha256\"") != std::string::npos);
  CHECK(wire::canonical(s).size() < 600u);
  auto decoded = wire::decode_batch(wire::encode_batch({s}), "kiosk-1", "pkm-test");
  REQUIRE(decoded.size() == 1u);
  REQUIRE_MESSAGE(decoded[0].submission, decoded[0].error);
  CHECK(decoded[0].submission->audio == s.audio);
  CHECK(wire::content_hash(*decoded[0].submission) == wire::content_hash(s));
  auto other = s;
  other.audio.back() = '\x7e';
  CHECK(wire::content_hash(other) != wire::content_hash(s));
  // Without a recording, the content hash is what it always was.
  auto typed = kotak::test::sample_written();
  CHECK(wire::canonical(typed).find("audio") == std::string::npos);
  // Broken recordings are refused item by item.
  for (const char* bad : {R"("audio":{"ms":4083,"ogg":"not base64!"})", R"("audio":{"ogg":"T2dnUw=="})",
                          R"("audio":{"ms":0,"ogg":"T2dnUw=="})", R"("audio":{"ms":10,"ogg":"T2dnUw==","x":1})",
                          R"("audio":"T2dnUw==")"}) {
    CAPTURE(bad);
    std::string text = wire::encode_batch({typed});
    text.insert(text.find("\"created_at\""), std::string(bad) + ",");
    auto refused = wire::decode_batch(text, "kiosk-1", "pkm-test");
    REQUIRE(refused.size() == 1u);
    CHECK_FALSE(refused[0].submission);
    CHECK(refused[0].error.find("audio") != std::string::npos);
  }
}
