#include <doctest/doctest.h>

#include "core/remote_settings.hpp"
#include "core/sync_result.hpp"
#include "core/wire.hpp"

using namespace kotak::core;

TEST_CASE("remote settings round-trip and override only what they carry") {
  RemoteSettings settings;
  settings.skm_url = "https://skm.kebumenkab.go.id";
  settings.units = std::vector<Unit>{{"kia", {{"id", "KIA"}, {"en", "Mother & child"}}}};
  settings.notice = {{"id", "Jumat tutup pukul 11.00"}, {"en", "Fridays close at 11:00"}};
  auto parsed = parse_remote_settings(encode_remote_settings(settings));
  CHECK(parsed.skm_url == settings.skm_url);
  CHECK_FALSE(parsed.facility_name);
  REQUIRE(parsed.units);
  CHECK((*parsed.units)[0].label_for("en") == "Mother & child");
  CHECK(parsed.notice == settings.notice);

  KioskConfig config;
  config.facility_name = "Puskesmas Puring";
  config.skm_url = "https://old.example";
  auto applied = apply(config, parsed);
  CHECK(applied.facility_name == "Puskesmas Puring");
  CHECK(applied.skm_url == "https://skm.kebumenkab.go.id");
  CHECK(applied.units.size() == 1u);
}

TEST_CASE("remote settings are checked strictly") {
  CHECK_THROWS_WITH_AS(parse_remote_settings(R"({"colour": "red"})"),
                       "settings has an unknown member 'colour'", wire::WireError);
  CHECK_THROWS_AS(parse_remote_settings(R"j({"skm_url": "javascript:alert(1)"})j"),
                  wire::WireError);
  CHECK_THROWS_AS(parse_remote_settings(R"({"units": [{"id": "a b", "label": {"id": "x"}}]})"),
                  wire::WireError);
  CHECK_THROWS_AS(parse_remote_settings(R"({"units": [{"id": "a", "label": {"en": "x"}}]})"),
                  wire::WireError);
  CHECK_THROWS_AS(parse_remote_settings(R"({"notice": {"fr": "bonjour"}})"), wire::WireError);
  CHECK_THROWS_AS(parse_remote_settings("<html>"), wire::WireError);
}

TEST_CASE("sync result codes convert to and from their names") {
  for (std::size_t i = 0; i < kSyncResultNames.size(); ++i) {
    auto result = static_cast<SyncResult>(i);
    CHECK(parse_sync_result(to_string(result)) == result);
  }
  CHECK_FALSE(parse_sync_result("fine"));
}

TEST_CASE("the server's phone page reaches the kiosk inside its settings, older kiosks never see it") {
  // Beside the settings on the wire (a kiosk older than the phone pages
  // reads only "settings"), inside them once kotak-sync has decoded them.
  const std::string body =
      R"({"protocol":1,"settings":{"skm_url":"https://skm.example.go.id"},)"
      R"("phone":{"url":"https://kotak.example.go.id/s/pkm-a","facility":"pkm-a","secret":"c2VjcmV0LXNlY3JldC1zZWNyZXQ="}})";
  auto settings = parse_remote_settings(wire::decode_settings(body));
  REQUIRE(settings.phone);
  CHECK(settings.phone->url == "https://kotak.example.go.id/s/pkm-a");
  CHECK(settings.phone->facility == "pkm-a");
  auto config = apply(KioskConfig{}, settings);
  CHECK(config.phone == *settings.phone);
  CHECK(parse_remote_settings(encode_remote_settings(settings)).phone == settings.phone);
  // Without it the kiosk keeps its own skm_url and no phone page.
  CHECK_FALSE(parse_remote_settings(wire::decode_settings(R"({"protocol":1,"settings":{}})")).phone);
  for (const char* bad : {R"({"phone":"https://x"})",
                          R"({"phone":{"url":"ftp://x","facility":"pkm-a","secret":"c2VjcmV0LXNlY3JldC1zZWNyZXQ="}})",
                          R"({"phone":{"url":"https://x","facility":"pkm a","secret":"c2VjcmV0LXNlY3JldC1zZWNyZXQ="}})",
                          R"({"phone":{"url":"https://x","facility":"pkm-a","secret":"short"}})",
                          R"({"phone":{"url":"https://x","facility":"pkm-a"}})"})
    CHECK_THROWS_AS(parse_remote_settings(bad), wire::WireError);
}
