#include <doctest/doctest.h>
#include <sqlite3.h>

#include "core/store.hpp"
#include "tests/support/samples.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kotak::core;
using kotak::test::sample_rating;
using kotak::test::sample_skm;
using kotak::test::sample_written;
using kotak::test::TempDir;

namespace {

std::string pragma(const std::filesystem::path& db, const std::string& name) {
  auto raw = sql::Database::open(db, false);
  return raw.query_text("PRAGMA " + name);
}

StoreErrc open_error(const std::filesystem::path& path) {
  try {
    Store::open(path);
  } catch (const StoreError& error) {
    return error.code();
  }
  FAIL("opening " << path << " should have failed");
  return StoreErrc::io;
}

}  // namespace

TEST_CASE("a new store uses WAL with full sync and keeps what was added") {
  TempDir dir;
  auto path = dir / "kiosk.db";
  auto written = sample_written("Toilet di ruang tunggu kotor.\nMohon dibersihkan.");
  written.identity_mode = IdentityMode::named;
  written.identity = {"Ibu Sari", "081234567890", "Jl. Melati 3"};
  written.urgent = true;
  written.flags = {"idle_timeout"};
  auto rating = sample_rating(2);
  rating.flags = {"burst"};
  auto skm = sample_skm();
  {
    auto store = Store::open(path);
    store.add(written);
    store.add(rating);
    store.add(skm);
    CHECK(store.database().query_integer("PRAGMA synchronous") == 2);  // FULL
    CHECK(store.database().query_integer("PRAGMA foreign_keys") == 1);
  }
  CHECK(pragma(path, "journal_mode") == "wal");
  auto store = Store::open(path);
  auto pending = store.pending(10);
  REQUIRE(pending.size() == 3u);
  CHECK(pending[0].submission == written);
  CHECK(pending[1].submission == rating);
  CHECK(pending[2].submission == skm);
  CHECK(pending[0].seq < pending[1].seq);
  CHECK(pending[1].seq < pending[2].seq);
}

TEST_CASE("contact details are stored apart from the complaint text") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  auto s = sample_written("Petugas tidak ramah.");
  s.identity_mode = IdentityMode::named;
  s.identity = {"Pak Joko", "0813", ""};
  store.add(s);
  auto& db = store.database();
  CHECK(db.query_integer("SELECT count(*) FROM identities") == 1);
  auto columns = db.query_text(
      "SELECT group_concat(name) FROM pragma_table_info('submissions') WHERE name IN "
      "('name','phone','address')");
  CHECK(columns.empty());
  CHECK(db.query_text("SELECT name FROM identities") == "Pak Joko");
  store.add(sample_written("Tanpa nama."));  // anonymous: no identity row at all
  CHECK(db.query_integer("SELECT count(*) FROM identities") == 1);
}

TEST_CASE("the store refuses an invalid submission and a duplicate id, keeping the first") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  auto bad = sample_rating();
  bad.rating = 9;
  CHECK_THROWS_AS(store.add(bad), StoreError);
  auto good = sample_rating(3);
  store.add(good);
  auto clash = good;
  clash.rating = 1;
  try {
    store.add(clash);
    FAIL("a duplicate id was accepted");
  } catch (const StoreError& error) {
    CHECK(error.code() == StoreErrc::invalid);
  }
  CHECK(store.find(good.id)->submission.rating == 3);
  CHECK(store.counts().pending == 1);
}

TEST_CASE("pending lists in creation order in bounded batches") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  std::vector<std::string> ids;
  for (int i = 0; i < 25; ++i) {
    auto s = sample_rating(i % 4 + 1);
    ids.push_back(s.id);
    store.add(s);
  }
  std::vector<std::string> seen;
  std::int64_t after = 0;
  while (true) {
    auto batch = store.pending(10, after);
    if (batch.empty()) break;
    CHECK(batch.size() <= 10u);
    for (auto& item : batch) seen.push_back(item.submission.id);
    after = batch.back().seq;
  }
  CHECK(seen == ids);
}

TEST_CASE("delivered and quarantined leave the queue, and nothing is deleted by sending") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  std::vector<Submission> all;
  for (int i = 0; i < 5; ++i) {
    all.push_back(sample_rating(i % 4 + 1));
    store.add(all.back());
  }
  std::vector<std::string> first_two{all[0].id, all[1].id};
  CHECK(store.mark_delivered(first_two, 1000) == 2);
  CHECK(store.mark_delivered(first_two, 2000) == 0);  // already delivered
  CHECK(store.mark_quarantined(all[2].id, "conflict: different content", 3000));
  CHECK_FALSE(store.mark_quarantined(all[0].id, "too late", 3000));  // delivered stays delivered
  auto counts = store.counts();
  CHECK(counts.pending == 2);
  CHECK(counts.delivered == 2);
  CHECK(counts.quarantined == 1);
  auto pending = store.pending(10);
  REQUIRE(pending.size() == 2u);
  CHECK(pending[0].submission.id == all[3].id);
  auto quarantined = store.quarantined(10);
  REQUIRE(quarantined.size() == 1u);
  CHECK(quarantined[0].reason == "conflict: different content");
  CHECK(quarantined[0].state == SubmissionState::quarantined);
  CHECK(store.database().query_integer("SELECT count(*) FROM submissions") == 5);
}

TEST_CASE("retention counts from delivery, not creation, and never takes waiting answers") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  // Created long ago (a kiosk offline for weeks), delivered at a set moment.
  const std::int64_t delivered_at = 1'700'000'000'000;
  auto offline_weeks = sample_written("lama, baru terkirim");
  offline_weeks.created_at.unix_ms = delivered_at - 86'400'000LL * 30;
  offline_weeks.identity_mode = IdentityMode::named;
  offline_weeks.identity = {"Ani", "", ""};
  auto later = sample_rating(2);
  auto waiting = sample_rating(1);
  waiting.created_at.unix_ms = delivered_at - 86'400'000LL * 400;
  for (auto* s : {&offline_weeks, &later, &waiting}) store.add(*s);
  std::vector<std::string> first{offline_weeks.id};
  std::vector<std::string> second{later.id};
  REQUIRE(store.mark_delivered(first, delivered_at) == 1);
  REQUIRE(store.mark_delivered(second, delivered_at + 1) == 1);

  // A cut-off at the delivery moment itself keeps it: only older deliveries go.
  CHECK(store.purge_delivered(delivered_at) == 0);
  CHECK(store.find(offline_weeks.id));
  CHECK(store.purge_delivered(delivered_at + 1) == 1);
  CHECK_FALSE(store.find(offline_weeks.id));
  CHECK(store.find(later.id));
  CHECK(store.find(waiting.id));  // pending, 400 days old: never purged
  CHECK(store.purge_delivered(delivered_at + 86'400'000LL * 1000) == 1);
  CHECK(store.find(waiting.id));
  CHECK(store.database().query_integer("SELECT count(*) FROM identities") == 0);  // cascaded
}

TEST_CASE("face counts are per rating since a moment") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  for (int face : {1, 4, 4, 3}) store.add(sample_rating(face));
  auto early = sample_rating(2);
  early.created_at.unix_ms -= 86400000;
  store.add(early);
  store.add(sample_written());
  // Samples are a minute old; the early one a day older still.
  auto counts = store.face_counts(early.created_at.unix_ms + 86400000 - 3600'000);
  CHECK(counts == std::array<std::int64_t, 4>{1, 0, 1, 2});
}

TEST_CASE("sync status, board and remote settings round-trip through the store") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  CHECK_FALSE(store.sync_status());
  SyncStatus status{1000, 900, "unreachable", "Couldn't connect to server", 0, 0};
  store.set_sync_status(status);
  CHECK(store.sync_status() == status);
  status.result = "ok";
  status.delivered = 12;
  store.set_sync_status(status);
  CHECK(store.sync_status() == status);

  std::vector<BoardItem> board{
      {"a1", "poli-umum", "keluhan", "Antrean lama", "Loket kedua dibuka", 5},
      {"b2", "", "saran", "Kursi kurang", "Kursi ditambah", 6}};
  store.replace_board(board, "rev-7");
  CHECK(store.board() == board);
  CHECK(store.board_cursor() == "rev-7");
  store.replace_board({}, "rev-8");
  CHECK(store.board().empty());

  CHECK_FALSE(store.remote_settings());
  store.set_remote_settings(R"({"skm_url":"https://skm.example.go.id"})", "\"e1\"");
  CHECK(store.remote_settings() == R"({"skm_url":"https://skm.example.go.id"})");
  CHECK(store.remote_settings_etag() == "\"e1\"");
}

TEST_CASE("data_version moves when another process commits") {
  TempDir dir;
  auto kiosk = Store::open(dir / "kiosk.db");
  auto sync = Store::open(dir / "kiosk.db");
  auto before = kiosk.data_version();
  CHECK(kiosk.data_version() == before);
  sync.replace_board({{"x", "", "saran", "s", "a", 1}}, "c1");
  CHECK(kiosk.data_version() != before);
  CHECK(kiosk.board().size() == 1u);
}

TEST_CASE("a file that is not SQLite is refused and left untouched") {
  TempDir dir;
  auto path = dir / "kiosk.db";
  std::string text = "this is my shopping list, not a database\n" + std::string(2000, 'x');
  kotak::test::write_file(path, text);
  try {
    Store::open(path);
    FAIL("opened a text file");
  } catch (const StoreError& error) {
    CHECK(error.code() == StoreErrc::not_kotak);
    CHECK(std::string(error.what()).find("left untouched") != std::string::npos);
  }
  CHECK(kotak::test::read_file(path) == text);
}

TEST_CASE("another program's SQLite database is refused and left untouched") {
  TempDir dir;
  auto path = dir / "other.db";
  {
    auto db = sql::Database::open(path, true);
    db.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soto');");
  }
  CHECK(open_error(path) == StoreErrc::not_kotak);
  auto db = sql::Database::open(path, false);
  CHECK(db.query_text("SELECT name FROM recipes") == "soto");
  CHECK(db.query_integer("SELECT count(*) FROM sqlite_master WHERE name = 'submissions'") == 0);
}

TEST_CASE("a database from a newer Kotak is refused and left untouched") {
  TempDir dir;
  auto path = dir / "kiosk.db";
  { Store::open(path); }
  {
    auto db = sql::Database::open(path, false);
    db.exec("PRAGMA user_version = 99");
  }
  try {
    Store::open(path);
    FAIL("opened a newer database");
  } catch (const StoreError& error) {
    CHECK(error.code() == StoreErrc::too_new);
    CHECK(std::string(error.what()).find("schema version 99") != std::string::npos);
  }
  CHECK(pragma(path, "user_version") == "99");
}

TEST_CASE("a damaged database is reported as corrupt and left untouched") {
  TempDir dir;
  auto path = dir / "kiosk.db";
  {
    auto store = Store::open(path);
    for (int i = 0; i < 300; ++i)
      store.add(sample_written("isi keluhan yang cukup panjang " + std::to_string(i)));
    store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  auto bytes = kotak::test::read_file(path);
  REQUIRE(bytes.size() > 8 * 4096);
  for (std::size_t i = 2 * 4096 + 100; i < 6 * 4096; ++i) bytes[i] = static_cast<char>(i * 7);
  kotak::test::write_file(path, bytes);
  CHECK(open_error(path) == StoreErrc::corrupt);
  CHECK(kotak::test::read_file(path) == bytes);
}

TEST_CASE("a missing directory gives a message that says what to do") {
  TempDir dir;
  try {
    Store::open(dir / "no-such-dir" / "kiosk.db");
    FAIL("opened a file in a missing directory");
  } catch (const StoreError& error) {
    CHECK(error.code() == StoreErrc::cannot_open);
    CHECK(std::string(error.what()).find("does not exist") != std::string::npos);
  }
}

TEST_CASE("an empty file becomes a new kiosk database") {
  TempDir dir;
  auto path = dir / "kiosk.db";
  kotak::test::write_file(path, "");
  auto store = Store::open(path);
  store.add(sample_rating());
  CHECK(store.counts().pending == 1);
  CHECK(store.integrity_check() == "ok");
}

TEST_CASE("a correction supersedes its face in the counts - every row stays, pending") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  const auto since = sample_rating().created_at.unix_ms - 1000;
  auto tap = sample_rating(4);
  store.add(tap);
  auto other = sample_rating(3);  // another patient's face
  store.add(other);
  CHECK(store.face_counts(since) == std::array<std::int64_t, 4>{0, 0, 1, 1});

  auto with_unit = sample_rating(4);
  with_unit.unit = "kia";
  with_unit.replaces = tap.id;
  with_unit.revision = 1;
  store.add(with_unit);
  auto changed_mind = sample_rating(1);
  changed_mind.unit = "kia";
  changed_mind.replaces = tap.id;
  changed_mind.revision = 2;
  store.add(changed_mind);
  CHECK(store.face_counts(since) == std::array<std::int64_t, 4>{1, 0, 1, 0});

  auto rows = store.pending(10);
  REQUIRE(rows.size() == 4u);
  CHECK(rows[0].superseded);
  CHECK_FALSE(rows[1].superseded);
  CHECK(rows[2].superseded);
  CHECK_FALSE(rows[3].superseded);
  CHECK(rows[3].submission == changed_mind);
  CHECK(rows[0].submission == tap);  // content untouched
  // Delivered before the correction or after: the mark is the kiosk's own
  // bookkeeping and never changes the sync state.
  CHECK(store.counts().pending == 4);
}

TEST_CASE("a recording is stored with its complaint, read back whole, and forgotten once delivered") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  auto s = sample_written("");
  // Every byte value, NULs included: a BLOB, never text.
  for (int i = 0; i < 240000; ++i) s.audio.push_back(static_cast<char>(i * 7));
  s.audio.replace(0, 4, "OggS");
  s.audio_ms = 120000;
  store.add(s);
  auto typed = sample_written();
  store.add(typed);
  auto found = store.find(s.id);
  REQUIRE(found);
  CHECK(found->submission.audio == s.audio);
  CHECK(found->submission.audio_ms == 120000);
  CHECK(found->submission == s);
  auto plain = store.find(typed.id);
  REQUIRE(plain);
  CHECK(plain->submission.audio.empty());
  CHECK(plain->submission.audio_ms == 0);
  auto pending = store.pending(10);
  REQUIRE(pending.size() == 2u);
  CHECK(pending[0].submission.audio == s.audio);
  // Delivered: the server has the voice, the kiosk forgets it (the row
  // stays for the retention rule); a purge then removes the row.
  const std::string ids[] = {s.id};
  store.mark_delivered(ids, 1000);
  CHECK(store.database().query_integer("SELECT count(*) FROM recordings") == 0);
  REQUIRE(store.find(s.id));
  CHECK(store.find(s.id)->submission.audio.empty());
  CHECK(store.purge_delivered(2000) == 1);
  CHECK_FALSE(store.find(s.id));
}

TEST_CASE("a recording that does not fit the disk refuses its whole answer, keeping the rest") {
  TempDir dir;
  auto store = Store::open(dir / "kiosk.db");
  auto small = sample_written();
  store.add(small);
  store.database().exec("PRAGMA max_page_count = 40");
  auto s = sample_written("Dengan rekaman");
  s.audio = "OggS" + std::string(400000, '\x02');
  s.audio_ms = 120000;
  try {
    store.add(s);
    FAIL("a 400 kB recording fitted 40 pages");
  } catch (const StoreError& error) {
    CHECK(error.code() == StoreErrc::disk_full);
  }
  CHECK_FALSE(store.find(s.id));
  CHECK(store.find(small.id));
  CHECK(store.integrity_check() == "ok");
}
