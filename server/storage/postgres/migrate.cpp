// Bringing a PostgreSQL database to the latest schema version (schema.hpp).
// The version lives in the table kotak_schema, which also marks the
// database as Kotak's, as application_id and user_version do for a SQLite
// file. An empty database is taken and marked; one holding other tables, or
// a version newer than this build knows, is refused untouched. Processes
// started together take turns on an advisory lock, so the steps run once;
// each step runs in one transaction with its version (PostgreSQL's DDL is
// transactional), so an interrupted migration leaves the version before it.
#include "core/log.hpp"
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/schema.hpp"

namespace kotak::server::pg {

namespace {

// pg_advisory_lock key of migrations: 'Ktk' 'M' as a number.
constexpr std::int64_t kMigrationLock = 0x4B746B4D;

void refuse(const std::string& where, const std::string& why) {
  throw StorageError(StorageErrc::failed, "the PostgreSQL database " + where + " " + why);
}

void check_server(pq::Connection& db, const std::string& where) {
  if (db.server_setting("server_encoding") != "UTF8")
    refuse(where, "is not UTF-8 (it is " + db.server_setting("server_encoding") +
                      "); create it with: createdb --encoding=UTF8 --locale=C.UTF-8 --template=template0");
  auto version = db.query("SELECT current_setting('server_version_num')::integer").integer(0, 0);
  if (version < 130000)
    refuse(where, "runs PostgreSQL " + db.server_setting("server_version") +
                      "; kotak-server needs PostgreSQL 13 or later (Debian 12 has 15)");
}

// The version the database stands at; 0 for an empty database, which is
// marked as Kotak's here.
int current_version(pq::Connection& db, const std::string& where) {
  auto marked = db.query("SELECT to_regclass('kotak_schema') IS NOT NULL").text(0, 0) == "t";
  if (marked) {
    auto row = db.query("SELECT application, version FROM kotak_schema");
    if (row.rows() != 1 || row.text(0, 0) != "kotak-server")
      refuse(where, "has a kotak_schema table that is not kotak-server's; give kotak-server a database of its own");
    return static_cast<int>(row.integer(0, 1));
  }
  auto tables = db.query(
      "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()");
  if (tables.integer(0, 0) > 0)
    refuse(where, "holds tables of another program; give kotak-server an empty database of its own "
                  "(createdb --owner=kotak kotak)");
  db.exec(
      "CREATE TABLE kotak_schema (application TEXT NOT NULL, version INTEGER NOT NULL);"
      "INSERT INTO kotak_schema VALUES ('kotak-server', 0)");
  return 0;
}

}  // namespace

void migrate(pq::Connection& db, const std::string& where) {
  check_server(db, where);
  db.query("SELECT pg_advisory_lock($1)", pq::Params().add(kMigrationLock));
  try {
    int version = current_version(db, where);
    if (version > latest_schema_version())
      refuse(where, "was written by a newer kotak-server (schema version " + std::to_string(version) +
                        "; this one knows up to " + std::to_string(latest_schema_version()) +
                        "). Install that version of kotak-server again.");
    for (const auto& step : schema_steps()) {
      if (step.version <= version) continue;
      pq::Transaction transaction(db);
      db.exec(step.postgres);
      db.query("UPDATE kotak_schema SET version = $1", pq::Params().add(step.version));
      transaction.commit();
      // A new database is quiet; an existing one says what changed.
      if (version > 0)
        core::log::info("database " + where + ": schema version " + std::to_string(step.version) +
                        " (" + std::string(step.what) + ")");
    }
  } catch (...) {
    try {
      if (db.usable()) db.query("SELECT pg_advisory_unlock($1)", pq::Params().add(kMigrationLock));
    } catch (const pq::Error&) {
      // The session's end releases the lock; the first failure is the story.
    }
    throw;
  }
  db.query("SELECT pg_advisory_unlock($1)", pq::Params().add(kMigrationLock));
}

}  // namespace kotak::server::pg
