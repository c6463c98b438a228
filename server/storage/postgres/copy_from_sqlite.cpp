// See storage/copy.hpp: copying a SQLite server database into PostgreSQL.
//
// The tables are found in the SQLite file itself (sqlite_schema, PRAGMA
// table_info and foreign_key_list), so a table added by a later schema
// version is copied without a change here; each must exist in PostgreSQL
// with the same columns, or nothing is copied. Tables go over parents first,
// rows in primary-key order, as COPY text in chunks; each chunk commits
// together with its table's count in kotak_copy, so an interrupted copy
// resumes at the first row not yet committed. Identity columns then
// continue after the highest copied id, and every table is checked.
#include <sodium.h>

#include <map>
#include <set>

#include "core/database_file.hpp"
#include "core/sqlite.hpp"
#include "server/storage/copy.hpp"
#include "server/storage/postgres/copy_table.hpp"
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/schema.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace {

[[noreturn]] void refuse(const std::string& why) { throw StorageError(StorageErrc::failed, why); }

// The SQLite file, read-only, checked to be a server database of this
// build's schema version; its read transaction is begun.
core::sql::Database open_source(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) refuse("there is no file " + file.string() + "; name the SQLite server database with --from");
  auto db = core::sql::Database::open(file, false, true);
  db.exec("PRAGMA busy_timeout = 10000");
  const auto& schema = server_schema();
  if (db.query_integer("PRAGMA application_id") != schema.application_id)
    refuse(file.string() + " is not a Kotak server database");
  auto version = db.query_integer("PRAGMA user_version");
  if (version != latest_schema_version())
    refuse(file.string() + " is at schema version " + std::to_string(version) + "; this kotak-server copies version " +
           std::to_string(latest_schema_version()) +
           ". Start this kotak-server on the SQLite file once (it brings the file up to date), stop it, then "
           "copy.");
  db.exec("BEGIN");
  return db;
}

// Parents before children, by the foreign keys the SQLite schema declares.
std::vector<pg_copy::Table> plan(core::sql::Database& db) {
  std::map<std::string, std::set<std::string>> parents;
  std::vector<std::string> names;
  auto list = db.prepare(
      // Ordinary tables only: not the text index (a virtual table and its
      // shadow tables; PostgreSQL has its own index of the same text).
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
      "AND name NOT LIKE 'sqlite_%' ORDER BY name");
  while (list.step()) names.push_back(list.text(0));
  for (const auto& name : names) {
    auto keys = db.prepare("SELECT \"table\" FROM pragma_foreign_key_list(?1)");
    keys.bind(1, name);
    while (keys.step())
      if (keys.text(0) != name) parents[name].insert(keys.text(0));
  }
  std::vector<pg_copy::Table> out;
  std::set<std::string> placed;
  while (placed.size() < names.size()) {
    bool progress = false;
    for (const auto& name : names) {
      if (placed.count(name)) continue;
      bool ready = true;
      for (const auto& parent : parents[name]) ready = ready && placed.count(parent);
      if (!ready) continue;
      pg_copy::Table table{name, {}, {}, {}};
      auto columns = db.prepare("SELECT name, pk, upper(type) FROM pragma_table_info(?1) ORDER BY cid");
      columns.bind(1, name);
      std::map<std::int64_t, std::string> key;
      while (columns.step()) {
        table.columns.push_back(columns.text(0));
        if (columns.text(2) == "BLOB") table.blobs.push_back(columns.text(0));
        if (columns.integer(1) > 0) key[columns.integer(1)] = columns.text(0);
      }
      for (const auto& [position, column] : key) table.key.push_back(column);
      if (table.key.empty()) table.key.push_back("rowid");
      out.push_back(std::move(table));
      placed.insert(name);
      progress = true;
    }
    if (!progress) refuse("the SQLite file's foreign keys go in a circle; it was not made by kotak-server");
  }
  return out;
}

// The copy's own bookkeeping in the target. Returns whether an earlier,
// interrupted copy of the same file is resumed.
bool start_or_resume(pq::Connection& db, const std::filesystem::path& source,
                     const std::vector<pg_copy::Table>& tables) {
  if (db.query("SELECT to_regclass('kotak_copy') IS NOT NULL").text(0, 0) == "t") {
    auto recorded = db.query("SELECT DISTINCT source FROM kotak_copy");
    if (recorded.rows() != 1 || recorded.text(0, 0) != source.string())
      refuse("the PostgreSQL database holds an unfinished copy of another file (" +
             (recorded.rows() ? recorded.text(0, 0) : std::string("?")) +
             "); copy that one again, or start over with a new, empty database");
    return true;
  }
  for (const auto& table : tables)
    if (db.query("SELECT EXISTS (SELECT 1 FROM " + table.name + ")").text(0, 0) == "t")
      refuse("the PostgreSQL database already holds data (table " + table.name +
             "); copy into a new, empty database (createdb), never over a database in use");
  pq::Transaction transaction(db);
  db.exec(
      "CREATE TABLE kotak_copy (table_name TEXT PRIMARY KEY, source TEXT NOT NULL, copied BIGINT NOT NULL)");
  for (const auto& table : tables)
    db.query("INSERT INTO kotak_copy VALUES ($1, $2, 0)", pq::Params().add(table.name).add(source.string()));
  transaction.commit();
  return false;
}

// Identity columns continue after the highest id copied.
void advance_identities(pq::Connection& db) {
  auto identities = db.query(
      "SELECT table_name, column_name FROM information_schema.columns "
      "WHERE table_schema = current_schema() AND is_identity = 'YES'");
  for (auto row : identities) {
    auto table = row.text(0), column = row.text(1);
    db.exec("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), coalesce(max(" + column +
            "), 0) + 1, false) FROM " + table);
  }
}

}  // namespace

bool CopyReport::matches() const {
  for (const auto& table : tables)
    if (!table.matches()) return false;
  return !tables.empty();
}

CopyReport copy_sqlite_to_postgres(const std::filesystem::path& sqlite_file, const core::ServerConfig& target,
                                   const CopyOptions& options) {
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  auto pg_options = pg::options_of(target);
  CopyReport report;
  try {
    auto source = open_source(std::filesystem::absolute(sqlite_file));
    auto tables = plan(source);
    auto db = pq::Connection::open(pg_options.settings);
    pg::migrate(db, pg_options.where);
    for (const auto& table : tables) pg_copy::check_columns(db, table);
    report.resumed = start_or_resume(db, std::filesystem::absolute(sqlite_file), tables);
    // The SKM counts are copied as the file has them; the triggers that
    // keep them (schema_skm_counts.hpp) would count each response again.
    db.exec("SET kotak.copying = 'on'");
    if (report.resumed) say("resuming an interrupted copy");
    for (const auto& table : tables) pg_copy::copy_rows(source, db, table, options.chunk_rows, say);
    advance_identities(db);
    for (const auto& table : tables) {
      TableCopy checked{table.name, 0, 0, "", ""};
      std::tie(checked.source_rows, checked.source_checksum) = pg_copy::sqlite_checksum(source, table);
      std::tie(checked.target_rows, checked.target_checksum) = pg_copy::postgres_checksum(db, table);
      report.tables.push_back(checked);
    }
    if (report.matches()) {
      db.exec("DROP TABLE kotak_copy; ANALYZE");
      say("finished: every table has the same rows on both sides");
    }
  } catch (const core::sql::Error& error) {
    refuse("could not read the SQLite file " + sqlite_file.string() + ": " + error.what());
  } catch (const pq::Error& error) {
    throw pg::translate(error, "copy into the database", pg_options.where);
  }
  return report;
}

}  // namespace kotak::server
