// See test_database.hpp.
#include "tests/support/test_database.hpp"

#include <sodium.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "core/sqlite.hpp"
#include "core/text.hpp"
#include "server/storage/postgres/pq.hpp"
#include "server/storage/schema.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"
#include "tests/support/temp_dir.hpp"

namespace kotak::test {

namespace {

namespace pq = server::pq;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// host=, user= and password_file= of the cluster's state file.
std::string state_value(const std::string& state, const std::string& key) {
  std::ifstream in(state);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  throw std::runtime_error("the PostgreSQL test cluster's state file " + state + " has no " + key +
                           "; run the tests through ctest -L pg, which starts the cluster");
}

std::string random_name() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string("kotak_test_") + hex;
}

}  // namespace

Engine test_engine() { return env("KOTAK_TEST_PG").empty() ? Engine::sqlite : Engine::postgresql; }

const char* engine_name(Engine engine) { return engine == Engine::sqlite ? "sqlite" : "postgresql"; }

TestDatabase::TestDatabase(const std::filesystem::path& dir, Engine engine)
    : engine_(engine), seal_key_dir_(dir / "seal-keys") {
  if (engine_ == Engine::sqlite) {
    file_ = dir / "server.db";
    return;
  }
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  auto state = env("KOTAK_TEST_PG");
  host_ = state_value(state, "host");
  user_ = state_value(state, "user");
  password_file_ = state_value(state, "password_file");
  name_ = random_name();
  connect("postgres").exec("CREATE DATABASE " + name_);
}

TestDatabase::~TestDatabase() {
  if (engine_ != Engine::postgresql || kept_ || !env("KOTAK_KEEP_TEST_DIRS").empty()) return;
  try {
    connect("postgres").exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The cluster goes at the end of the run with everything in it.
  }
}

void TestDatabase::drop(const std::string& name) {
  if (test_engine() != Engine::postgresql || name.rfind("kotak_test_", 0) != 0) return;
  auto state = env("KOTAK_TEST_PG");
  pq::Connection::open({{"host", state_value(state, "host")},
                        {"user", state_value(state, "user")},
                        {"dbname", "postgres"},
                        {"password", core::trim(read_file(state_value(state, "password_file")))}})
      .exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

server::pq::Connection TestDatabase::connect(const std::string& database) const {
  return pq::Connection::open({{"host", host_},
                               {"user", user_},
                               {"dbname", database},
                               {"password", core::trim(read_file(password_file_))}});
}

std::string TestDatabase::config_toml() const {
  if (engine_ == Engine::sqlite) return "[storage]\ndatabase = \"" + file_.string() + "\"\n";
  // No file to sit beside: the seal keys in the test's folder.
  return "[storage]\nseal_key_dir = \"" + seal_key_dir_.string() + "\"\n[postgresql]\nhost = \"" + host_ + "\"\nuser = \"" + user_ + "\"\ndbname = \"" + name_ +
         "\"\npassword_file = \"" + password_file_.string() + "\"\npool = 4\n";
}

void TestDatabase::configure(core::ServerConfig& config) const {
  config.engine = engine_name(engine_);
  config.seal_key_dir = seal_key_dir_;
  if (engine_ == Engine::sqlite) {
    config.database = file_;
    return;
  }
  config.postgres.params = {{"application_name", "kotak-server"}, {"host", host_}, {"port", "5432"},
                            {"dbname", name_}, {"user", user_}};
  config.postgres.password_file = password_file_;
  config.postgres.pool = 4;
  config.postgres.where = "'" + name_ + "' on " + host_;
}

std::unique_ptr<server::Storage> TestDatabase::open(int due_hours) const {
  core::ServerConfig config;
  config.due_hours = due_hours;
  configure(config);
  return server::open_storage(config);
}

std::vector<std::vector<std::string>> TestDatabase::rows(const std::string& sql) const {
  std::vector<std::vector<std::string>> out;
  if (engine_ == Engine::sqlite) {
    auto db = core::sql::Database::open(file_, false, true);
    auto statement = db.prepare(sql);
    while (statement.step()) {
      std::vector<std::string> row;
      for (int i = 0; i < statement.columns(); ++i) row.push_back(statement.text(i));
      out.push_back(std::move(row));
    }
    return out;
  }
  auto connection = connect(name_);
  auto result = connection.query(sql);
  for (auto row : result) {
    std::vector<std::string> columns;
    for (int i = 0; i < result.columns(); ++i) columns.push_back(row.text(i));
    out.push_back(std::move(columns));
  }
  return out;
}

std::string TestDatabase::text(const std::string& sql) const {
  auto found = rows(sql);
  if (found.empty() || found.front().empty()) throw std::runtime_error("no row for: " + sql);
  return found.front().front();
}

std::int64_t TestDatabase::count(const std::string& sql) const { return std::stoll(text(sql)); }

void TestDatabase::exec(const std::string& sql) const {
  if (engine_ == Engine::sqlite) {
    core::sql::Database::open(file_, false).exec(sql);
    return;
  }
  connect(name_).exec(sql);
}

std::string TestDatabase::integrity() const {
  if (engine_ == Engine::sqlite) return text("PRAGMA integrity_check");
  // PostgreSQL checks its pages as it reads them (and the cluster's WAL
  // keeps them whole); reading every table through is its check here.
  for (const auto& table : rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
    count("SELECT count(*) FROM (SELECT * FROM " + table.front() + ") AS t");
  return "ok";
}

void TestDatabase::make_at_version(int version) const {
  std::string steps;
  for (const auto& step : server::schema_steps())
    if (step.version <= version) steps += engine_ == Engine::sqlite ? step.sqlite : step.postgres;
  if (engine_ == Engine::sqlite) {
    auto db = core::sql::Database::open(file_, true);
    db.exec(steps);
    db.exec("PRAGMA application_id = " + std::to_string(server::server_schema().application_id));
    db.exec("PRAGMA user_version = " + std::to_string(version));
    return;
  }
  exec(steps + "CREATE TABLE kotak_schema (application TEXT NOT NULL, version INTEGER NOT NULL);" +
       "INSERT INTO kotak_schema VALUES ('kotak-server', " + std::to_string(version) + ");");
}

int TestDatabase::schema_version() const {
  return static_cast<int>(count(engine_ == Engine::sqlite ? "PRAGMA user_version" : "SELECT version FROM kotak_schema"));
}

bool TestDatabase::has_table(const std::string& name) const {
  return count(engine_ == Engine::sqlite
                   ? "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + name + "'"
                   : "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = '" + name + "'") > 0;
}

}  // namespace kotak::test
