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
