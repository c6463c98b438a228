// The server database's migrations carry stored data forward: each step is
// run on a database of the version before it, holding real rows, on each
// engine.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>

#include "core/timestamp.hpp"
#include "core/wire.hpp"
#include "server/storage/schema.hpp"
#include "tests/server/old_database.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak;
using namespace kotak::server;
using kotak::test::TempDir;

TEST_CASE("version 4 keeps every SKM answer and profile of a version 3 file, skipped ones too") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  // Two surveys on 2026-03-10 in Jakarta (UTC+7); the second skipped U8
  // and gave no profile; a face beside them is not a survey.
  test::make_old_server_database(database, 3, R"sql(
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
  auto opened = database.open();
  auto& storage = *opened;
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
  // Version 24 counted them for the report.
  CHECK(storage.skm_counts("pkm-a", "", day - 1, day + 1, true) ==
        count_responses(records, day - 1, day + 1, ""));
  CHECK(storage.skm_counts("pkm-a", "", day - 1, day + 1, false).days.size() == 2);
  CHECK_FALSE(database.has_table("skm_answers"));
  CHECK_FALSE(database.has_table("skm_profiles"));
  CHECK(database.schema_version() == latest_schema_version());
}

TEST_CASE("version 6 takes a version 5 database as it is: faces counted, keys, clocks and lock-outs kept") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  // What the hardening merge's version 5 holds: a device key, a face from a
  // kiosk whose clock ran ahead, a written complaint with its ticket code, a
  // failed log-in. None of them knows of corrections.
  const auto tap = test::sample_rating(4);
  const std::int64_t at = tap.created_at.unix_ms;
  test::make_old_server_database(database, 5, R"sql(
INSERT INTO facilities VALUES ('pkm-a', 'Puskesmas A', 1);
INSERT INTO devices (facility_id, name, created_ms, public_key, key_set_ms)
  VALUES ('pkm-a', 'kiosk-1', 1, 'a2V5', 2);
INSERT INTO submissions (id, facility_id, device_id, content_hash, received_ms, source, created_at_ms,
  utc_offset_min, kind, rating, unit, type, text, urgent, identity_mode, language, ticket,
  claimed_created_at_ms) VALUES
 (')sql" + tap.id + "', 'pkm-a', 'kiosk-1', 'h1', " + std::to_string(at) + ", 'network', " +
                                                      std::to_string(at) + ", " +
                                                      std::to_string(tap.created_at.utc_offset_min) + R"sql(,
  'rating', 4, '', NULL, '', 0, 'anonim', 'id', '', 99999999999999),
 ('00000000-0000-4000-8000-000000000002', 'pkm-a', 'kiosk-1', 'h2', 20, 'network', 20, 420,
  'written', NULL, 'kia', 'keluhan', 'Antrean lama', 0, 'anonim', 'id', 'K7M-4FX-9AC', NULL);
INSERT INTO cases (facility_id, year, number, submission_id, public_id, ticket, received_ms,
  utc_offset_min, recorded_ms, channel, unit, type, identity_mode, content, due_ms, status, updated_ms)
  VALUES ('pkm-a', 2026, 1, '00000000-0000-4000-8000-000000000002',
  '11111111-1111-4111-8111-111111111111', 'K7M-4FX-9AC', 20, 420, 20, 'kiosk', 'kia', 'keluhan',
  'anonim', 'Antrean lama', 1000, 'baru', 20);
INSERT INTO login_failures VALUES ('admin', '192.0.2.1', 30);
)sql");
  auto opened = database.open();
  auto& storage = *opened;
  CHECK(database.schema_version() == latest_schema_version());
  CHECK(database.text("SELECT public_key FROM devices") == "a2V5");
  CHECK(database.text("SELECT claimed_created_at_ms FROM submissions WHERE kind = 'rating'") ==
        "99999999999999");
  CHECK(database.count("SELECT count(*) FROM login_failures") == 1);
  // The stored rows are taps of revision 0 that nothing supersedes.
  CHECK(database.count("SELECT count(*) FROM submissions WHERE replaces = '' AND revision = 0 "
                       "AND superseded_by IS NULL") == 2);
  auto stats = storage.stats("pkm-a");
  CHECK(stats.ratings == 1);
  CHECK(stats.superseded == 0);
  auto ticket = storage.public_ticket("K7M-4FX-9AC");
  REQUIRE(ticket.has_value());
  CHECK(ticket->ticket == "K7M-4FX-9AC");

  // A correction of the face stored before the migration counts instead of it.
  auto changed = test::sample_rating(1);
  changed.facility_id = "pkm-a";
  changed.device_id = "kiosk-1";
  changed.replaces = tap.id;
  changed.revision = 1;
  changed.created_at = tap.created_at;
  std::vector<IngestItem> batch{{changed, core::wire::content_hash(changed)}};
  CHECK(storage.ingest({"pkm-a", "kiosk-1"}, batch, IngestSource::network, at + 1000) ==
        std::vector{IngestOutcome::accepted});
  CHECK(storage.stats("pkm-a").superseded == 1);
  const std::int64_t day = (at + tap.created_at.utc_offset_min * 60000LL) / 86400000;
  std::int64_t fours = 0, ones = 0;
  for (const auto& f : storage.recap_figures("pkm-a", day - 1, day + 1, 72 * 3600000).faces) {
    if (f.rating == 4) fours += f.count;
    if (f.rating == 1) ones += f.count;
  }
  CHECK(fours == 0);
  CHECK(ones == 1);
}

TEST_CASE("version 8 moves the facility's population to the semester it was set in, and keeps imports known") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  // A population set on 2026-03-02 (UTC) and one file imported before.
  test::make_old_server_database(database, 7, R"sql(
INSERT INTO facilities VALUES ('pkm-a', 'Puskesmas A', 1);
INSERT INTO skm_populations VALUES ('pkm-a', 1200, 1, 'Dewi', 1772409600000);
INSERT INTO skm_imports (facility_id, sha256, file_name, responses, user_id, user_name, imported_ms)
  VALUES ('pkm-a', 'abc', 'kertas.csv', 30, 1, 'Dewi', 1772409600000);
)sql");
  auto opened = database.open();
  auto& storage = *opened;
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
  CHECK_FALSE(database.has_table("skm_populations"));
  CHECK(database.schema_version() == latest_schema_version());
}

TEST_CASE("version 10 takes a version 9 database as it is: every stored answer's clock is unknown") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  test::make_old_server_database(database, 9, R"sql(
INSERT INTO facilities VALUES ('pkm-a', 'Puskesmas A', 1);
INSERT INTO devices (facility_id, name, created_ms) VALUES ('pkm-a', 'kiosk-1', 1);
INSERT INTO submissions (id, facility_id, device_id, content_hash, received_ms, source, created_at_ms,
  utc_offset_min, kind, rating, unit, type, text, urgent, identity_mode, language, ticket) VALUES
 ('00000000-0000-4000-8000-000000000009', 'pkm-a', 'kiosk-1', 'h9', 10, 'network', 1773126000000, 420,
  'rating', 3, '', NULL, '', 0, 'anonim', 'id', '');
)sql");
  auto opened = database.open();
  CHECK(database.schema_version() == latest_schema_version());
  CHECK(database.count("SELECT count(*) FROM submissions WHERE clock IS NULL AND boot_id IS NULL "
                       "AND created_at_ms = 1773126000000") == 1);
  CHECK(database.count("SELECT count(*) FROM device_clocks") == 0);
}

TEST_CASE("version 11 counts the retention of cases closed before it from their last change") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  test::make_old_server_database(database, 10, R"sql(
INSERT INTO facilities VALUES ('pkm-a', 'Puskesmas A', 1);
INSERT INTO cases (facility_id, year, number, public_id, received_ms, utc_offset_min, recorded_ms, channel,
  type, identity_mode, content, due_ms, status, updated_ms) VALUES
 ('pkm-a', 2026, 1, 'p1', 1000, 420, 1000, 'telepon', 'keluhan', 'named', 'a', 2000, 'selesai', 5000),
 ('pkm-a', 2026, 2, 'p2', 1000, 420, 1000, 'telepon', 'keluhan', 'named', 'b', 2000, 'ditanggapi', 6000),
 ('pkm-a', 2026, 3, 'p3', 1000, 420, 1000, 'telepon', 'keluhan', 'named', 'c', 2000, 'arsip', 7000);
INSERT INTO case_identities (case_id, name, phone, address)
  SELECT id, 'Rina', '0812 5555 1234', '' FROM cases;
)sql");
  auto opened = database.open();
  CHECK(database.schema_version() == latest_schema_version());
  CHECK(database.rows("SELECT closed_ms FROM cases ORDER BY number") ==
        std::vector<std::vector<std::string>>{{"5000"}, {""}, {"7000"}});
  CHECK(database.count("SELECT count(*) FROM cases WHERE identity_erased_ms IS NOT NULL") == 0);
  CHECK(database.count("SELECT count(*) FROM subject_requests") == 0);
  // The closed ones are due once the period has passed; the answered one is not closed.
  auto due = opened->expired_identities(7001, 10);
  CHECK(due.size() == 2u);
}

TEST_CASE("version 13 keeps every account with its id, sessions and log-in steps, and dates old forwardings") {
  TempDir dir;
  test::TestDatabase database(dir.path());
  // The users table is made again on SQLite (a CHECK cannot change there):
  // every row and id must survive, and the tables that refer to it.
  test::make_old_server_database(database, 12, R"sql(
INSERT INTO facilities VALUES ('pkm-a', 'Puskesmas A', 1);
INSERT INTO users (id, username, display_name, facility_id, role, password_hash, created_ms, totp_secret)
  VALUES (7, 'sari', 'Sari', 'pkm-a', 'petugas', 'h1', 1, 'JBSWY3DPEHPK3PXP'),
         (9, 'dinkes', 'Dinkes', NULL, 'admin', 'h2', 1, NULL);
INSERT INTO sessions (token_hash, user_id, csrf, created_ms, last_seen_ms, expires_ms)
  VALUES ('t1', 7, 'c1', 1000, 1000, 9000000000000);
INSERT INTO login_challenges (token_hash, user_id, kind, created_ms, expires_ms) VALUES ('l1', 9, 'totp', 1, 2);
INSERT INTO cases (facility_id, year, number, public_id, received_ms, utc_offset_min, recorded_ms, channel,
  type, identity_mode, content, due_ms, status, forwarded_unit, updated_ms) VALUES
 ('pkm-a', 2026, 1, 'p1', 1000, 420, 1000, 'telepon', 'keluhan', 'named', 'a', 2000, 'diteruskan', 'apotek', 5000),
 ('pkm-a', 2026, 2, 'p2', 1000, 420, 1000, 'telepon', 'keluhan', 'named', 'b', 2000, 'baru', '', 6000);
)sql");
  auto opened = database.open();
  CHECK(database.schema_version() == latest_schema_version());
  auto sari = opened->user("sari");
  REQUIRE(sari);
  CHECK(sari->id == 7);
  CHECK(sari->totp_secret == "JBSWY3DPEHPK3PXP");
  CHECK(sari->unit.empty());
  CHECK_FALSE(sari->dpo);
  auto session = opened->session("t1", 2000, 3600000, false);
  REQUIRE(session);
  CHECK(session->user.username == "sari");
  CHECK(database.count("SELECT count(*) FROM login_challenges WHERE user_id = 9") == 1);
  CHECK(database.rows("SELECT coalesce(forwarded_ms, -1) FROM cases ORDER BY number") ==
        std::vector<std::vector<std::string>>{{"5000"}, {"-1"}});
  // A unit account names its unit; the DPO is a petugas, mutu or kepala.
  staff::User unit{0, "apotek", "Apotek", "pkm-a", staff::Role::unit, "h3", 1, std::nullopt};
  unit.unit = "apotek";
  opened->add_user(unit);
  CHECK(opened->user("apotek")->role == staff::Role::unit);
  CHECK(opened->user("apotek")->id != 7);
  opened->set_dpo("sari", true);
  CHECK(opened->user("sari")->dpo);
}
