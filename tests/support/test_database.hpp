// The server database a test runs on, chosen in this one place for every
// server test (unit, end-to-end and, through kotak-test-database, browser):
// SQLite by default, PostgreSQL when the environment holds KOTAK_TEST_PG,
// the state file of the throwaway cluster that tests/support/pg_cluster.sh
// starts once per ctest run (the fixture "pg"). CTest sets it for the copies
// of the server suites labelled unit-pg, e2e-pg and web-pg.
//
// Each test gets a database of its own: a file in its folder, or a new
// database in the cluster, dropped when the test ends (kept with
// KOTAK_KEEP_TEST_DIRS, like the folders).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "server/storage/postgres/pq.hpp"
#include "server/storage/storage.hpp"

namespace kotak::test {

enum class Engine { sqlite, postgresql };
Engine test_engine();
const char* engine_name(Engine engine);  // "sqlite", "postgresql"

class TestDatabase {
 public:
  // A new, empty database; for SQLite the file dir/server.db. A test of
  // both engines at once (a copy from one to the other) names the engine.
  explicit TestDatabase(const std::filesystem::path& dir, Engine engine = test_engine());
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Engine engine() const { return engine_; }
  // The storage part of a server.toml that names this database.
  std::string config_toml() const;
  // The same into a config, as load_server_config would set it.
  void configure(core::ServerConfig& config) const;
  // The storage on it, as kotak-server would open it (migrated).
  std::unique_ptr<server::Storage> open(int due_hours = 72) const;

  // What the test looks at, by SQL that both engines understand.
  std::int64_t count(const std::string& sql) const;
  std::string text(const std::string& sql) const;
  // Every row, each column as text (NULL as "").
  std::vector<std::vector<std::string>> rows(const std::string& sql) const;
  void exec(const std::string& sql) const;
  // "ok" when the engine's own check of the database finds nothing wrong.
  std::string integrity() const;

  // For the migration tests: makes the (empty) database as a build of that
  // schema version did, with its engine's steps up to it.
  void make_at_version(int version) const;
  // The schema version it stands at, and whether it has a table.
  int schema_version() const;
  bool has_table(const std::string& name) const;

  const std::filesystem::path& file() const { return file_; }  // SQLite
  // Where the server on it keeps its seal keys (config_toml names it).
  const std::filesystem::path& seal_key_dir() const { return seal_key_dir_; }
  const std::string& name() const { return name_; }            // PostgreSQL
  // Leaves the database in place when this object goes (for a process
  // that hands it on; drop() removes it later).
  void keep() { kept_ = true; }
  // Drops a database kept by another process, named by name().
  static void drop(const std::string& name);

 private:
  server::pq::Connection connect(const std::string& database) const;
  Engine engine_;
  std::filesystem::path file_;
  std::filesystem::path seal_key_dir_;  // in the test's folder (beside server.db for SQLite)
  std::string name_;
  std::string host_, user_;
  std::filesystem::path password_file_;
  bool kept_ = false;
};

// A test's storage on a database of its own, as most server tests hold it.
struct TestStorage {
  explicit TestStorage(const std::filesystem::path& dir, int due_hours = 72)
      : database(dir), storage(database.open(due_hours)) {}
  server::Storage& operator*() { return *storage; }
  server::Storage* operator->() { return storage.get(); }

  TestDatabase database;
  std::unique_ptr<server::Storage> storage;
};

}  // namespace kotak::test
