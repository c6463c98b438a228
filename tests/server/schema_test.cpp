// The server database's migrations carry stored data forward: each step is
// run on a file of the version before it, holding real rows.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>

#include "core/sqlite.hpp"
#include "core/timestamp.hpp"
#include "server/storage/sqlite_storage.hpp"
#include "tests/server/old_database.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

TEST_CASE("version 4 keeps every SKM answer and profile of a version 3 file, skipped ones too") {
  TempDir dir;
  // Two surveys on 2026-03-10 in Jakarta (UTC+7); the second skipped U8
  // and gave no profile; a face beside them is not a survey.
  test::make_old_server_database(dir / "server.db", 3, R"sql(
INSERT INTO facilities VALUES ('pkm-a', 'Puskesmas A', 1);
INSERT INTO devices (facility_id, name, created_ms) VALUES ('pkm-a', 'kiosk-1', 1);
INSERT INTO submissions (id, facility_id, device_id, content_hash, received_ms, source, created_at_ms,
  utc_offset_min, kind, rating, unit, type, text, urgent, identity_mode, language, ticket) VALUES
 ('00000000-0000-4000-8000-000000000001', 'pkm-a', 'kiosk-1', 'h1', 10, 'network', 1773126000000, 420,
  'skm', NULL, '', NULL, '', 0, 'anonim', 'id', ''),
 ('00000000-0000-4000-8000-000000000002', 'pkm-a', 'kiosk-1', 'h2', 20, 'network', 1773129600000, 420,
  'rating', 4, '', NULL, '', 0, 'anonim', 'id', ''),
 ('00000000-0000-4000-8000-000000000003', 'pkm-a', 'kiosk-1', 'h3', 30, 'network', 1773133200000, 420,
  'skm', NULL, 'apotek', NULL, '', 0, 'anonim', 'id', '');
INSERT INTO skm_answers VALUES
 ('00000000-0000-4000-8000-000000000001', 'U1', 4), ('00000000-0000-4000-8000-000000000001', 'U2', 3),
 ('00000000-0000-4000-8000-000000000001', 'U3', 2), ('00000000-0000-4000-8000-000000000001', 'U4', 4),
 ('00000000-0000-4000-8000-000000000001', 'U5', 3), ('00000000-0000-4000-8000-000000000001', 'U6', 3),
 ('00000000-0000-4000-8000-000000000001', 'U7', 4), ('00000000-0000-4000-8000-000000000001', 'U8', 1),
 ('00000000-0000-4000-8000-000000000001', 'U9', 2),
 ('00000000-0000-4000-8000-000000000003', 'U1', 1), ('00000000-0000-4000-8000-000000000003', 'U9', 4);
INSERT INTO skm_profiles VALUES
 ('00000000-0000-4000-8000-000000000001', 'P', '25-34', 'SMA', 'Wirausaha', 'poli-umum');
)sql");
  SqliteStorage storage(dir / "server.db");
  const std::int64_t day = 1773126000000 / 86400000;  // 2026-03-10 (14:00 and 16:00 local)
  auto records = storage.skm_responses("pkm-a", "", day - 1, day + 1);
  REQUIRE(records.size() == 2);
  std::sort(records.begin(), records.end(),
            [](const SkmRecord& a, const SkmRecord& b) { return a.unit > b.unit; });
  CHECK(records[0].unit == "poli-umum");  // from the profile's service
  CHECK(records[0].response.scores == std::array<int, 9>{4, 3, 2, 4, 3, 3, 4, 1, 2});
  CHECK(records[0].response.profile.sex == "P");
  CHECK(records[0].response.profile.education == "SMA");
  CHECK(records[1].unit == "apotek");  // chosen before the survey
  CHECK(records[1].response.scores == std::array<int, 9>{1, 0, 0, 0, 0, 0, 0, 0, 4});
  CHECK(records[1].response.profile.sex.empty());
  auto db = core::sql::Database::open(dir / "server.db", false, true);
  CHECK(db.query_text("SELECT count(*) FROM sqlite_schema WHERE name IN ('skm_answers', 'skm_profiles')") == "0");
  CHECK(db.query_text("PRAGMA user_version") == "6");  // and on to the latest
}

TEST_CASE("version 6 moves the facility's population to the semester it was set in, and keeps imports known") {
  TempDir dir;
  // A population set on 2026-03-02 (UTC) and one file imported before.
  test::make_old_server_database(dir / "server.db", 5, R"sql(
INSERT INTO facilities VALUES ('pkm-a', 'Puskesmas A', 1);
INSERT INTO skm_populations VALUES ('pkm-a', 1200, 1, 'Dewi', 1772409600000);
INSERT INTO skm_imports (facility_id, sha256, file_name, responses, user_id, user_name, imported_ms)
  VALUES ('pkm-a', 'abc', 'kertas.csv', 30, 1, 'Dewi', 1772409600000);
)sql");
  SqliteStorage storage(dir / "server.db");
  const auto jan1 = core::days_from_civil(2026, 1, 1), jun30 = core::days_from_civil(2026, 6, 30);
  auto population = storage.skm_population({"pkm-a", jan1, jun30, ""});
  REQUIRE(population);
  CHECK(population->population == 1200);
  CHECK(population->user_name == "Dewi");
  // Not the next semester's, nor one unit's: those are unknown.
  CHECK_FALSE(storage.skm_population({"pkm-a", jun30 + 1, core::days_from_civil(2026, 12, 31), ""}));
  CHECK_FALSE(storage.skm_population({"pkm-a", jan1, jun30, "apotek"}));
  // The old import is found by its bytes, and stays live.
  auto old = storage.skm_import_of("pkm-a", "", "abc");
  REQUIRE(old);
  CHECK(old->responses == 30);
  CHECK_FALSE(old->undone_ms);
  auto db = core::sql::Database::open(dir / "server.db", false, true);
  CHECK(db.query_text("PRAGMA user_version") == "6");
}
