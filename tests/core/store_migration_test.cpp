#include <doctest/doctest.h>

#include "core/store.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::core;
using kotak::test::TempDir;

namespace {

// Builds a file at exactly `version` by running the first migrations by hand.
void build_version(const std::filesystem::path& path, int version) {
  auto db = sql::Database::open(path, true);
  for (const auto& step : kiosk_schema().migrations) {
    if (step.version > version) break;
    db.exec(step.sql);
  }
  db.exec("PRAGMA application_id = " + std::to_string(kiosk_schema().application_id));
  db.exec("PRAGMA user_version = " + std::to_string(version));
}

}  // namespace

TEST_CASE("an empty file migrates to the latest version") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  CHECK(schema_version(store.database()) == kiosk_schema().migrations.back().version);
  CHECK(store.database().query_integer("PRAGMA application_id") == kiosk_schema().application_id);
  CHECK(store.integrity_check() == "ok");
}

TEST_CASE("every earlier version migrates to the latest and keeps its rows") {
  const auto& migrations = kiosk_schema().migrations;
  for (std::size_t i = 0; i + 1 < migrations.size(); ++i) {
    int version = migrations[i].version;
    CAPTURE(version);
    TempDir dir;
    auto path = dir / "kiosk.db";
    build_version(path, version);
    auto rating = kotak::test::sample_rating(3);
    auto written = kotak::test::sample_written("ditulis sebelum pembaruan");
    {
      auto db = sql::Database::open(path, false);
      for (auto* s : {&rating, &written})
        db.prepare(
              "INSERT INTO submissions (id, device_id, facility_id, created_at_ms, utc_offset_min, "
              "kind, rating, type, text, identity_mode, language, ticket, unit) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'anonim', 'id', ?10, ?11)")
            .bind(1, s->id)
            .bind(2, s->device_id)
            .bind(3, s->facility_id)
            .bind(4, s->created_at.unix_ms)
            .bind(5, s->created_at.utc_offset_min)
            .bind(6, to_string(s->kind))
            .bind(7, s->rating)
            .bind(8, s->type ? std::optional(to_string(*s->type)) : std::nullopt)
            .bind(9, s->text)
            .bind(10, s->ticket)
            .bind(11, s->unit)
            .run();
    }
    auto store = Store::open(path);
    CHECK(schema_version(store.database()) == migrations.back().version);
    auto pending = store.pending(10);
    REQUIRE(pending.size() == 2u);
    CHECK(pending[0].submission == rating);
    CHECK(pending[1].submission == written);
    store.add(kotak::test::sample_skm());  // the newest tables work
    CHECK(store.counts().pending == 3);
    CHECK(store.integrity_check() == "ok");
  }
}

TEST_CASE("two processes opening a new file at once migrate it once") {
  TempDir dir;
  auto a = Store::open(dir / "kiosk.db");
  auto b = Store::open(dir / "kiosk.db");
  a.add(kotak::test::sample_rating());
  b.add(kotak::test::sample_skm());
  CHECK(a.counts().pending == 2);
}

TEST_CASE("version 4 rows migrate to an unknown clock, new rows keep theirs") {
  TempDir dir;
  auto path = dir / "kiosk.db";
  build_version(path, 4);
  auto old = kotak::test::sample_rating(2);
  {
    auto db = sql::Database::open(path, false);
    db.prepare(
          "INSERT INTO submissions (id, device_id, facility_id, created_at_ms, utc_offset_min, "
          "kind, rating, identity_mode, language) VALUES (?1, ?2, ?3, ?4, ?5, 'rating', 2, "
          "'anonim', 'id')")
        .bind(1, old.id)
        .bind(2, old.device_id)
        .bind(3, old.facility_id)
        .bind(4, old.created_at.unix_ms)
        .bind(5, old.created_at.utc_offset_min)
        .run();
  }
  auto store = Store::open(path);
  CHECK(schema_version(store.database()) == kiosk_schema().migrations.back().version);
  auto migrated = store.find(old.id);
  REQUIRE(migrated);
  CHECK_FALSE(migrated->submission.clock.synchronised.has_value());
  CHECK(migrated->submission.clock.boot_id.empty());

  auto fresh = kotak::test::sample_rating(4);
  fresh.clock = {false, "0f4c2a8e-8d1b-4c3e-9a57-1b2c3d4e5f60"};
  store.add(fresh);
  auto read = store.find(fresh.id);
  REQUIRE(read);
  CHECK(read->submission.clock == fresh.clock);
  CHECK(read->submission == fresh);
}
