// kotak-server migrate-to-postgres, end to end: a SQLite server filled
// through the real paths (kiosks syncing, staff working, an SKM import) is
// copied into PostgreSQL while the copy is killed half-way; the copy
// resumes, every row arrives once, the SQLite file is untouched, and the
// server then works on PostgreSQL where SQLite left off.
#include <doctest/doctest.h>
#include <signal.h>
#include <sodium.h>

#include "core/timestamp.hpp"
#include "tests/e2e/harness.hpp"

using namespace kotak;
using namespace kotak::test;
namespace fs = std::filesystem;

namespace {

std::string sha256_of(const fs::path& file) {
  auto bytes = read_file(file);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// Every table's rows in a fixed order, as text: what both servers must hold alike.
std::string everything(TestDatabase& db) {
  std::string out;
  for (const char* sql : {
           "SELECT id, name, created_ms FROM facilities ORDER BY id",
           "SELECT facility_id, name, created_ms, revoked_ms FROM devices ORDER BY facility_id, name",
           "SELECT token_hash, facility_id, device_name, revoked_ms FROM device_tokens ORDER BY token_hash",
           "SELECT seq, id, content_hash, created_at_ms, kind, rating, unit, type, text, urgent, identity_mode, "
           "flags, ticket FROM submissions ORDER BY seq",
           "SELECT submission_id, name, phone, address FROM identities ORDER BY submission_id",
           "SELECT submission_seq, u1, u9, sex, service FROM skm_responses ORDER BY submission_seq",
           "SELECT id, username, role, password_hash FROM users ORDER BY id",
           "SELECT id, year, number, submission_id, status, content, first_answer_ms, published_ms FROM cases "
           "ORDER BY id",
           "SELECT id, case_id, channel, text, officer, answered_ms FROM case_answers ORDER BY id",
           "SELECT id, case_id, user_name, action, detail FROM case_events ORDER BY id",
           "SELECT facility_id, year, last_number FROM register_counters ORDER BY facility_id, year",
           "SELECT facility_id, id, summary, answer FROM board_items ORDER BY facility_id, id",
           "SELECT facility_id, revision FROM board_revisions ORDER BY facility_id",
           "SELECT id, sha256, responses FROM skm_imports ORDER BY id",
           "SELECT import_id, line, day, unit, u1, u9 FROM skm_imported ORDER BY import_id, line",
       }) {
    for (const auto& row : db.rows(sql)) {
      for (const auto& column : row) out += column + "|";
      out += "\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("postgresql: migrate-to-postgres copies everything once, resumes after a SIGKILL, leaves SQLite as it was") {
  TempDir dir;
  ServerFixture old(dir / "sqlite", "", Engine::sqlite);
  old.start();
  KioskFixture kiosk(dir / "kiosk", old.url(), old.token_file);
  kiosk.fill(4000);
  REQUIRE(kiosk.sync_once().code == 0);
  old.stop();
  // Staff at work: an account, answers, a case on the board, an SKM import.
  write_file(dir / "password", "rahasia-123\n");
  REQUIRE(old.admin({"user", "add", "--username", "sari", "--facility", "pkm-test", "--role", "petugas",
                     "--password-file", (dir / "password").string()})
              .code == 0);
  {
    auto storage = old.database.open();
    server::Actor sari{1, "Sari"};
    auto now = core::now().unix_ms;
    server::CaseQuery q;
    q.limit = 3;
    for (const auto& c : storage->cases(q).cases) {
      storage->change_case("", c.id, server::NewAnswer{server::reg::AnswerChannel::telepon, "Sudah ditelepon", {}}, sari, now);
      storage->change_case("", c.id, server::Publish{"Antrean", "Loket ditambah"}, sari, now);
    }
  }
  write_file(dir / "skm.csv",
             "tanggal,unit,sumber,U1,U2,U3,U4,U5,U6,U7,U8,U9\n2026-03-02,apotek,kertas,4,4,3,4,3,3,4,2,3\n"
             "2026-03-03,kia,web,3,3,3,3,3,3,3,3,\n");
  REQUIRE(old.admin({"skm", "import", "--facility", "pkm-test", (dir / "skm.csv").string()}).code == 0);
  auto sqlite_before = sha256_of(old.database.file());

  TestDatabase target(dir / "postgres", Engine::postgresql);
  fs::create_directories(dir / "postgres");
  write_file(dir / "postgres" / "server.toml", "[server]\nport = 0\n" + target.config_toml());
  std::vector<std::string> migrate{KOTAK_SERVER_BIN, "--config", (dir / "postgres" / "server.toml").string(),
                                   "migrate-to-postgres", "--from", old.database.file().string(),
                                   "--chunk-rows", "200"};

  // Killed once the submissions are partly over.
  {
    Process copy(migrate, {}, (dir / "copy-1.err").string());
    bool midway = false;
    while (auto line = copy.read_line(std::chrono::seconds(60))) {
      if (line->rfind("submissions: ", 0) == 0 && line->find("1000 of") != std::string::npos) {
        midway = true;
        break;
      }
    }
    REQUIRE(midway);
    copy.signal(SIGKILL);
    copy.wait();
  }
  auto partial = target.count("SELECT count(*) FROM submissions");
  CHECK(partial >= 1000);
  CHECK(partial < 4000);
  CHECK(partial % 200 == 0);  // whole chunks only
  // A half-copied database is never served.
  auto refused = run_command({KOTAK_SERVER_BIN, "--config", (dir / "postgres" / "server.toml").string(), "stats"},
                             dir.path());
  CHECK(refused.code == 1);
  CHECK(refused.err.find("unfinished copy") != std::string::npos);

  auto resumed = run_command(migrate, dir.path());
  INFO(resumed.out, resumed.err);
  REQUIRE(resumed.code == 0);
  CHECK(resumed.out.find("resuming an interrupted copy") != std::string::npos);
  CHECK(resumed.out.find("DIFFERENT") == std::string::npos);
  CHECK(resumed.out.find("Every table matches") != std::string::npos);
  CHECK(sha256_of(old.database.file()) == sqlite_before);
  CHECK(everything(target) == everything(old.database));
  CHECK(target.count("SELECT count(*) FROM submissions") == 4000);
  CHECK_FALSE(target.has_table("kotak_copy"));

  // The same copy again is refused: the database is in use now.
  auto again = run_command(migrate, dir.path());
  CHECK(again.code == 1);
  CHECK(again.err.find("already holds data") != std::string::npos);

  // The server goes on on PostgreSQL where SQLite stopped: new submissions,
  // new ids after the copied ones, the register's numbers without a gap.
  ServerFixture moved(dir / "postgres-server", "", Engine::postgresql);  // its own database is left unused
  // The seal keys go with the server (migrate-to-postgres copies the
  // database, not the key files): the kiosk sealed to the old server's key.
  std::string storage = target.config_toml();
  const std::string keys = target.seal_key_dir().string();
  const auto at = storage.find(keys);
  REQUIRE(at != std::string::npos);
  storage = storage.substr(0, at) + old.database.seal_key_dir().string() +
            storage.substr(at + keys.size());
  write_file(moved.config, "[server]\nlisten = \"127.0.0.1\"\nport = 0\nthreads = 4\n" + storage);
  moved.start();
  kiosk.set_url(moved.url());
  kiosk.fill(40);
  REQUIRE(kiosk.sync_once().code == 0);
  CHECK(target.count("SELECT count(*) FROM submissions") == 4040);
  CHECK(target.count("SELECT max(seq) FROM submissions") == 4040);
  CHECK(target.count("SELECT count(*) FROM cases") == 1010);
  CHECK(target.count("SELECT count(*) FROM (SELECT max(number) AS last, count(*) AS cases FROM cases "
                     "GROUP BY facility_id, year) AS years WHERE last <> cases") == 0);
  moved.stop();
}
